"""The regulation reader: candidate duty rows read from a regulation's full text by named, explicit rules.

Each 款 or 项 (loaders/regulation_text.py) is cut into sentences; in each, the holder phrases of the reviewed
lexicon (data/rules/holder_lexicon.csv) are found, those in subject position are kept, and the sentence's wording
gives the role. A row keeps its locator, the verbatim clause as its quote, and the name of every rule that made
it, so a reviewer checks it against the text in seconds. Nothing here is the law's reading of itself: the quote is
`official`, the holder assignment `derived` (rule names and READER_VERSION in the row's note).

The rules' names appear in each row's note; each module lists the rules it holds ("Reader N" is the reader version
that added or widened a rule; READER_VERSION is in rows.py):
- lexicon.py: the holder lexicon — Kind, Mention, Lexicon, level prefixes, department suffixes, lists of sectors
  and units, a text's own definitions and shortenings, a second city's phrases; SENTENCE, the cut into sentences.
- subject.py: subject position — whether a holder phrase is its sentence's subject; the object markers.
- objects.py: bodies named as objects that still hold a part (approvals, permits, applications, petitions,
  consultation, reports) and lists that qualify a thing.
- roles.py: the role a sentence gives a subject holder — discipline, self-governing bodies' procedure and powers,
  a trader's obligations, sanctions and enforcement powers.
- tasks.py: the role of a state body's task that is no sanction — complaint handling, assist, referral, support,
  permit decisions, oversight.
- sanctions.py: sanction words, the penalty's own words, the default enforcer, item penalties.
- predicate.py: the predicate after a holder phrase and the duty's words a row keeps.
- clause_rows.py: the rows of one 款 or 项, sentence by sentence.
- paragraph_rows.py: a 款 with its 项 — duty lists, task lists, penalty items.
- prohibitions.py: prohibitions on anyone, held by the bodies that sanction them.
- extract.py: extract(), a whole text's rows, merged and in order.
- rows.py: Row, COLUMNS, READER_VERSION and row_dicts (the columns of regulation_duties.csv).

Where the Reader N rules came from: 6, review of the 33 further texts; 7, second review, 5 articles per further text;
9, third review: what the reader misses, 5 articles per further text; 10, fourth review: roles only, 4 articles per
further text; 11, fifth review, the reviewers' lists; 12, third review by rules: roles on 10 further texts citizens
call about; 13, fourth review by rules: roles, unusual shapes, penalties, approvals on 10 further texts; 14,
prohibitions on anyone; 15, development rows hand-read from five further texts, data/probes/extraction_*.csv; 16, the
development rows' kinds of error; 17 and 18, second and third rounds of development rows, five texts no reader had
tuned on each; 19, the original hand readers' conventions, learnt on the tuned half, checked on the development rows;
20, the same conventions, second pass: the tuned half's missed rows and roles, checked on the development rows; 21,
the development rows' missed rows and roles, kinds seen in 3+ files, checked on the tuned half; 22, four fresh
development files, hand-read from texts no reader had been compared with, kinds seen in 2+ of them, checked on the
tuned half and the fifteen older development files; 23, the written conventions, and eight fresh development files
(重庆市突发事件应对条例, 老年人权益保障条例, 烟花爆竹安全管理规定, 消费者权益保护法 办法, 反不正当竞争条例, 道路运输条例,
建设工程质量条例, 节水条例), each rule checked on the tuned half and the older development files; 24, six fresh development
files (实施《道路交通安全法》办法, 水污染防治条例, 集体合同条例 and Chongqing's 公共场所控制吸烟条例, 市容环境卫生管理条例,
消防条例), each rule checked on the tuned half and the 31 older development files; 25, the development rows' misses,
stop 29; 26, twelve further texts read by hand for development, stop 30 (data/probes/texts/); 27, stop 31; 28,
stop 33: a wrong body found in the bundled rows (the gas law's franchise authority), and registration with a body as
its supervision (development rows); 29, stop 48: two frames of the development rows' roles (自…之日起…内，, 转送).
"""
