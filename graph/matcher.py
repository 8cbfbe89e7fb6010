"""Reading a complaint: which duties its words are about, and how sure that is.

Ranking is BM25F over the duty's weighted fields (its duty text, domain and whistle subject,
and at lower weight the quoted clause and penalty), over words and, at a lower weight,
character bigrams inside words. The colloquial lexicon is applied term by term: each word of
the complaint that is a lexicon term brings the law's wording with it (遛狗 -> 遛犬 携犬出户), and so does a
situation its words describe together (graph/situations.py: 卖 beside 三轮 -> 摆摊设点).

Confidence says how much of the complaint the duty explains: `coverage` is the share of the
complaint's informative words (weighted by rarity; words no duty uses count as UNSEEN_IDF)
that the duty matches, directly or through the lexicon. A duty is `strong` when both its score
and coverage pass the strong thresholds, `weak` when they pass the weak ones, else it is not a
match. The thresholds are named constants; `calibrate` fits them on labelled whistles.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from graph.companions import Brought, co_holder_rows, enforcers, implementers
from graph.lexicon import Entry
from graph.model import Node
from graph.negation import ruled_out
from graph.pasted import matter_text
from graph.segment import CLAUSE_BREAKS, Segmenter, narrow, set_aside
from graph.situations import Situation, sentences
from graph.vocabulary import Confidence

STRONG, WEAK, NONE = Confidence.STRONG, Confidence.WEAK, Confidence.NONE

# Field weights of BM25F: what the duty is (its summary), where it belongs (domain, whistle subject),
# then the verbatim clause and penalty, which are long and mention many incidental things.
FIELD_WEIGHTS = {"duty": 3.0, "domain": 2.0, "whistle_subject": 2.0, "quote": 0.6, "penalty": 0.4}
NGRAM_WEIGHT = 0.3  # a bigram counts this much of a word: recall for words jieba splits differently
K1 = 1.2
B = 0.75
PART_CREDIT = 0.5  # a duty matching only 场所 of 公共场所 explains half of that word
LEXICON_ARROW = "→"  # a matched term shown as 'complaint word→legal word' came through the lexicon
SITUATION_JOIN = "+"  # a situation's cues, shown as one term: 卖+人行道→摆摊设点 (rule `situation`)
UNSEEN_IDF = 3.0  # the weight of a complaint word no duty uses: evidence the complaint is about something else
# Where a complaint happened (小区门口, 办公室里, 商场): such a word adds to a duty's score beside the complaint's subject,
# but a duty matching nothing else is not a match (rule `setting-alone`): "小区门口有人打架" is not about the greening
# clause that names 小区, nor "办公室里有人抽烟" about a committee's 办公室; a stall on the pavement (人行道, 便道) is
# not about the traffic penalty for riding on it. A school and its pupils are where and among whom it happened too:
# "学校宿舍楼后面有人养狗，晚上叫，还追学生" is not about the schools' duties to teach first aid, water saving or road
# safety, which those words alone matched, bringing their departments (the water bureau) into the first three.
SETTING_WORDS = frozenset(
    "小区 门口 大门口 楼下 楼上 街上 路边 路口 马路 人行道 便道 胡同 办公室 公司 商场 超市 家里 村里 院里 院子 店里 写字楼"
    " 大厦 工地 辖区 学校 小学 中学 学生"
    # how it reached us is no more a subject than where it happened: "打了三次12345，电话没人回" is not about the
    # water utility's duty to answer 12345 and publish a repair number, nor "网上说七天无理由" about the internet
    # office's duty to spread good conduct online (文明行为促进条例 第五十条: 网上正面宣传)
    " 12345 电话 热线 打电话 来电 诉求 反映 办理 网上 网络 微信 微信群 朋友圈".split()
)

# Who reports a whistle, written before a colon at its start (社区居委会反映：, 网格员报：, 急救中心反映：, 物业报告：, and an
# inspector's own round: 网格员巡查：, 社区工作者走访时：, 城管队员检查发现：): its
# words count as setting words (rule `reporter-prefix`): they add to a duty's score beside the subject ("街道报告：吹哨
# 两次部门未到场" is about the street's whistle) but match nothing alone, so "社区居委会反映：物业不保洁" is not about
# the committee's own clauses because it names the committee.
REPORTER = re.compile(r"^[^：:，,。！？!?\s]{1,16}?(?:反映|报告|报|称|来电|巡查|走访|检查|发现)时?[：:]")

# A body the caller asked ("我问过居委会", "找了物业", "打给派出所") is part of the story, not the matter: when the complaint
# names it only so, its words count as setting words (rule `asked-body`). Named otherwise too ("我去居委会开证明…回来
# 找居委会"), it may be what the complaint is about, and stays a subject word.
_BODIES = "社区居委会|居委会|社区|物业公司|物业|街道办|街道|派出所|城管|村委会|村里|镇里|镇政府|警察|民警|保安|业委会|110|12345"
ASKED = re.compile(rf"(?:问|找|打给|告诉|反映给|报给|联系|求助)(?:过|了)?({_BODIES})")

# A refusal a private party gave ("物业说不归他们管", "驿站说不归他管", "开发商说防水不归他们管") is part of the story: the
# hotline law's clause against passing the buck binds the units that handle its orders, not a shop, a landlord or a
# property company. The refusal's own words count as setting words (rule `private-refusal`); a department's or a
# street's refusal ("城管说归街道，街道说不归他们管") stays the matter.
_PRIVATE = "物业公司|物业|开发商|驿站|二房东|房东|保安|超市|店主|店家|商家|老板|平台|快递|中介|厂家|卖家|室友|公司"
_CLAUSE_CHAR = f"[^{CLAUSE_BREAKS}]"
PRIVATE_REFUSAL = re.compile(
    rf"(?:{_PRIVATE}){_CLAUSE_CHAR}{{0,3}}?(?:说|讲|称|回复|表示){_CLAUSE_CHAR}{{0,10}}?((?:不归|不属于){_CLAUSE_CHAR}{{0,8}})"
)

# Thresholds, fitted by `calibrate` on the 258 tune rows of data/eval/whistles.csv (python -m bench.calibrate_match):
# score is the BM25F sum, coverage a share in [0, 1].
STRONG_SCORE = 20.0
STRONG_COVERAGE = 0.35
WEAK_SCORE = 3.0
WEAK_COVERAGE = 0.1
# A weak duty shown for a matter no bundled text governs is flagged as weak: it costs half a miss in calibration.
WEAK_FALSE_ALARM_COST = 0.5
HONEST_FLOOR = 0.95  # share of uncovered tune whistles that must get no strong duty
# A word the duties of this many regulations use (学校, 医院, 通知, 赔偿, 物业) says little about which law a complaint
# is about: it is no second word for a strong match (rule `widespread-word`; 8 of the 44 Beijing texts).
WIDESPREAD = 8


@dataclass(frozen=True)
class Thresholds:
    strong_score: float = STRONG_SCORE
    strong_coverage: float = STRONG_COVERAGE
    weak_score: float = WEAK_SCORE
    weak_coverage: float = WEAK_COVERAGE

    def confidence(self, score: float, coverage: float) -> Confidence:
        """Strong past both strong thresholds, or when the duty explains every word of the complaint (遛狗)."""
        if score >= self.strong_score and coverage >= self.strong_coverage:
            return STRONG
        if coverage >= 1.0 and score >= self.weak_score:
            return STRONG
        if score >= self.weak_score and coverage >= self.weak_coverage:
            return WEAK
        return NONE

    def grade(self, s: Scored) -> Confidence:
        """The confidence of one duty's evidence: by score and coverage, but never strong on one word the complaint
        shares with the clause verbatim while it says more (rule `one-word-is-not-sure`: 派出所 in "派出所办户口太慢了"
        names the police, not the fire-safety clause that mentions 派出所); where it happened, who reports it, the
        parts of a longer word, a word inside another it says and a word many laws use are no second word (小区 and
        保洁; 加班 of 加班费; 电梯 beside 坐电梯; 学校 and 学生, `widespread-word`). A word the reviewed lexicon carries to
        the clause's wording (遛狗→遛犬) is evidence enough, unless that wording is itself widespread (核酸检测→检测 is
        no reason to read a quarrel at a test site as the fire regulation's gas detectors)."""
        c = self.confidence(s.score, s.coverage)
        one_word = s.coverage < 1.0 and s.subject_words < 2 and not s.carried
        # rule `listed-only`: 地铁 in 地铁、公交等公共交通工具 does not make a crowded train the clause's matter, nor 社保
        # in 人力社保行政部门 a social-insurance question
        return WEAK if c == STRONG and (one_word or s.listed) else c


@dataclass(frozen=True)
class Scored:
    """One duty's evidence for a complaint: its score, coverage and the complaint's words it matched."""

    duty_id: str
    score: float
    coverage: float
    terms: tuple[str, ...]  # e.g. ('燃气', '爆炸→应急救援'): a lexicon word with the legal word it brought
    listed: bool = False  # every word it matched verbatim stands in the clause only as an item of a list
    subject_words: int = 0  # whole words of the complaint it matched, setting, reporter and widespread words aside
    carried: bool = False  # a word the lexicon carried to wording of the clause that few laws use (遛狗→遛犬)

    @property
    def rank(self) -> float:
        """Score times coverage (a coordination factor): a duty explaining all of the complaint ranks first."""
        return self.score * self.coverage


def rank_order(s: Scored) -> tuple[float, str]:
    """Best rank first; equal ranks by duty id, so every run lists them alike."""
    return (-s.rank, s.duty_id)


@dataclass(frozen=True)
class Concept:
    """One informative word of the complaint, the shorter words inside it and the legal words the lexicon adds."""

    word: str
    legal: tuple[str, ...] = ()
    parts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Query:
    concepts: tuple[Concept, ...]
    grams: tuple[str, ...]
    # the words of who reports it, of a body only asked, of a private party's refusal and of what it rules out (rules
    # `reporter-prefix`, `asked-body`, `private-refusal`, `ruled-out`)
    aside: frozenset[str] = frozenset()
    ruled_out: tuple[str, ...] = ()  # what the complaint says it is not about (graph/negation.py)

    @property
    def setting(self) -> frozenset[str]:
        """Words that say where it happened or who reports it, not what happened (rule `setting-alone`)."""
        return SETTING_WORDS | self.aside

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(c.word for c in self.concepts)


@dataclass
class DutyMatcher:
    """An index over the duties' fields, the lexicon, and the segmenter that reads both."""

    segmenter: Segmenter
    lexicon: Mapping[str, Entry]
    _weights: dict[str, dict[str, float]] = field(default_factory=dict)  # term -> duty -> saturated weight
    _idf: dict[str, float] = field(default_factory=dict)
    _listed: dict[str, frozenset[str]] = field(default_factory=dict)  # duty -> words it has only as list items
    sanctioned_by: dict[str, Brought] = field(default_factory=dict)  # obligation -> the clauses that act on it
    co_held: dict[str, tuple[str, ...]] = field(default_factory=dict)  # duty -> its co-holders' rows of the clause
    implemented_by: dict[str, tuple[str, ...]] = field(default_factory=dict)  # penalty -> who carries it out
    _inner_keys: dict[str, int] = field(default_factory=dict)  # lexicon terms looked for inside longer words
    _longest_key: int = 1
    _legal_words: dict[str, tuple[str, ...]] = field(default_factory=dict)  # lexicon term -> its legal words, cut
    _laws: dict[str, int] = field(default_factory=dict)  # term -> how many regulations' duties use it
    _situations: tuple[tuple[Situation, tuple[str, ...]], ...] = ()  # each with its legal words, cut

    @classmethod
    def build(
        cls,
        duties: Iterable[Node],
        lexicon: Mapping[str, Entry],
        names: Iterable[str] = (),
        situations: Iterable[Situation] = (),
    ) -> DutyMatcher:
        """Index the duties; user words are the duties' domains and subjects, holder names and lexicon terms.

        The segmenter lower-cases what it reads, so the lexicon is keyed lower-case too (KTV, LED屏 as typed).
        A situation's legal words are cut as the duties' texts are, and add no user word: they never recut the law.
        """
        duties = list(duties)
        lexicon = {term.lower(): entry for term, entry in lexicon.items()}
        segmenter = segmenter_for(duties, lexicon, names)
        matcher = cls(
            segmenter,
            lexicon,
            sanctioned_by=enforcers(duties),
            co_held=co_holder_rows(duties),
            implemented_by=implementers(duties),
        )
        matcher._situations = tuple(
            (s, tuple(x for term in s.legal_terms for x, _ in segmenter.groups(term))) for s in situations
        )
        inner = (k for k in lexicon if len(k) >= 2 or k in segmenter.keep_single)
        matcher._inner_keys = {k: at for at, k in enumerate(inner)}  # in the lexicon's order, as the keys are listed
        matcher._longest_key = max(map(len, matcher._inner_keys), default=1)
        matcher._legal_words = {
            k: tuple(x for term in e.legal_terms for x, _ in matcher.segmenter.groups(term)) for k, e in lexicon.items()
        }
        matcher._index(duties)
        return matcher

    def _index(self, duties: Sequence[Node]) -> None:
        per_field: dict[str, dict[str, Counter[str]]] = {f: {} for f in FIELD_WEIGHTS}
        seen: dict[str, Counter[str]] = {}  # clauses name several holders: one quote serves many duties
        listed: dict[str, set[str]] = {}
        for n in duties:
            free: set[str] = set()  # words standing somewhere in the duty's texts outside a list
            every: set[str] = set()
            for f in FIELD_WEIGHTS:
                text = field_text(n, f)
                if text not in seen:
                    words, grams = self.segmenter.analyse(text)
                    seen[text] = Counter(words) + Counter(grams)
                    listed[text] = {w for w in words if _only_listed(text, w)}
                per_field[f][n.id] = seen[text]
                every.update(seen[text])
                free.update(w for w in seen[text] if w not in listed[text])
            self._listed[n.id] = frozenset(every - free)
        avg = {
            f: (sum(sum(c.values()) for c in docs.values()) / max(len(docs), 1)) or 1.0 for f, docs in per_field.items()
        }
        pseudo: dict[str, dict[str, float]] = defaultdict(dict)
        for f, docs in per_field.items():
            for doc, counts in docs.items():
                norm = 1 - B + B * sum(counts.values()) / avg[f]
                for term, tf in counts.items():
                    pseudo[term][doc] = pseudo[term].get(doc, 0.0) + FIELD_WEIGHTS[f] * tf / norm
        count = len(duties)
        self._idf = {t: math.log(1 + (count - len(d) + 0.5) / (len(d) + 0.5)) for t, d in pseudo.items()}
        self._laws = {t: len({doc.split("-")[0] for doc in d}) for t, d in pseudo.items()}
        self._weights = {t: {doc: tf * (K1 + 1) / (tf + K1) for doc, tf in d.items()} for t, d in pseudo.items()}

    def query(self, text: str) -> Query:
        """The complaint's informative words, each with the legal words its lexicon entry brings, the situations its
        sentences describe (rule `situation`: 卖+三轮, one concept bringing 摆摊设点), and the words of who reports it
        (rule `reporter-prefix`), of a body the caller only asked (rule `asked-body`) or of a private party's refusal
        (rule `private-refusal`), which stand beside the matter; a call's operator and a work order's own fields are
        not read (graph/pasted.py)."""
        text = matter_text(narrow(text))
        prefix = REPORTER.match(text)
        told = [prefix.group(0)] if prefix else []
        asked = ASKED.findall(text)
        told += (b for b in set(asked) if asked.count(b) == text.count(b))  # named only as asked
        denied, rest = ruled_out(text)
        aside = frozenset(w for t in told for w, _ in self.segmenter.groups(t)) | self._words_only_in(denied, rest)
        aside |= self._refusal_words(text)
        grams = self.segmenter.analyse(text)[1]
        concepts: dict[str, Concept] = {}
        for word, parts in self.segmenter.groups(text):
            if word in concepts:
                continue
            legal = [x for w in self._lexicon_keys(word, parts) for x in self._legal_words[w]]
            concepts[word] = Concept(word, tuple(dict.fromkeys(legal)), parts)
        said_in = sentences(text.lower())
        for situation, wording in self._situations:  # rule `situation`: words that only together say what it is about
            cues = situation.said_in(said_in)
            if cues:
                said = SITUATION_JOIN.join(cues)
                concepts[said] = Concept(said, wording)
        return Query(tuple(concepts.values()), tuple(dict.fromkeys(grams)), aside, denied)

    def _words_only_in(self, said: tuple[str, ...], rest: str) -> frozenset[str]:
        """The words of the spans a rule reads aside (`ruled-out`: 修车铺 in "不是修车铺吵，是他把废机油倒沟里";
        `private-refusal`) that the complaint does not say elsewhere too (`rest`): they count as setting words, beside
        the matter but never the matter."""
        if not said:
            return frozenset()
        words = {w for phrase in said for w, _ in self.segmenter.groups(phrase)}
        return frozenset(words - {w for w, _ in self.segmenter.groups(rest)})

    def _refusal_words(self, text: str) -> frozenset[str]:
        """The words of a private party's refusal (rule `private-refusal`), with the speech verb it leans on (说不归他们管
        is one word of the lexicon), unless the complaint says them elsewhere too."""
        spans = [
            (m.start(1) - 1 if text[m.start(1) - 1] in "说讲称" else m.start(1), m.end(1))
            for m in PRIVATE_REFUSAL.finditer(text)
        ]
        return self._words_only_in(*set_aside(text, spans))

    def _lexicon_keys(self, word: str, parts: tuple[str, ...]) -> list[str]:
        """The lexicon terms a word carries: itself when it is an entry (its row reads the whole phrase: 门前三包 is
        not 三包, 洗车卡 not 洗车), else its parts and a term inside it that jieba did not cut out (狗 in 小狗;
        往下扔 in 往楼下扔 is not: a term must be a contiguous part of one word)."""
        if word in self.lexicon:
            return [word]
        keys = [w for w in parts if w in self.lexicon]
        if len(word) > 1:
            found = [k for k in _pieces(word, self._longest_key) if k in self._inner_keys]
            keys.extend(k for k in sorted(found, key=self._inner_keys.__getitem__) if k not in keys)
        return keys

    def knows(self, word: str) -> bool:
        """A word the duties or the lexicon use, or a common word of the segmenter's dictionary (平房 is a bungalow
        before it is 平房地区): never blanked out as a place's short name (rule `place-names`)."""
        return self.uses(word) or self.segmenter.common_word(word)

    def uses(self, word: str) -> bool:
        """A word the duties or the lexicon use."""
        return word in self._idf or word in self.lexicon

    def idf(self, term: str) -> float:
        return self._idf.get(term, UNSEEN_IDF)

    def score(self, text: str) -> tuple[Query, list[Scored]]:
        """Every duty that shares a word with the complaint, best first, with its coverage and matched terms."""
        q = self.query(text)
        scores: defaultdict[str, float] = defaultdict(float)
        # duty -> concept word -> (how it matched, credit: 1 for the word or its legal words, PART_CREDIT for a part)
        hits: defaultdict[str, dict[str, tuple[str, float]]] = defaultdict(dict)
        for concept in q.concepts:
            for term, shown in (
                (concept.word, concept.word),
                *((w, f"{concept.word}{LEXICON_ARROW}{w}") for w in concept.legal),
            ):
                self._add(scores, term, 1.0)
                for doc in self._weights.get(term, ()):
                    hits[doc].setdefault(concept.word, (shown, 1.0))
        # the parts of a word credit only duties a whole word matched: those they alone match explain no word (below)
        for concept in q.concepts:
            for part in concept.parts:
                self._add(scores, part, 1.0)
                for doc in self._weights.get(part, ()):
                    if doc in hits:
                        hits[doc].setdefault(concept.word, (part, PART_CREDIT))
        for gram in q.grams:
            self._add(scores, gram, NGRAM_WEIGHT)
        weight = {c.word: self._concept_weight(c) for c in q.concepts}
        place_in = {c.word: at for at, c in enumerate(q.concepts)}  # terms are shown in the complaint's order
        setting = q.setting
        total = sum(weight.values())
        # words that say what happened: whole words, not where it happened, who reports it, nor widespread ones
        telling = {w for w in weight if w not in setting and self._laws.get(w, 0) < WIDESPREAD}
        out = []
        # duties matched the same way are explained once (垃圾 alone matches two hundred duties)
        explained: dict[tuple[tuple[str, tuple[str, float]], ...], _Explained | None] = {}
        for doc, matched in hits.items():
            key = tuple(matched.items())
            if key not in explained:
                explained[key] = _explain(matched, weight, place_in, setting, telling, self._laws)
            why = explained[key]
            if why is None:
                continue
            listed = len(why.verbatim) == len(matched) and self._listed.get(doc, frozenset()).issuperset(why.verbatim)
            out.append(Scored(doc, scores[doc], why.covered / total, why.terms, listed, why.said, why.carried))
        out.sort(key=rank_order)
        return q, out

    def _add(self, scores: defaultdict[str, float], term: str, weight: float) -> None:
        """Each duty holding the term gains the term's BM25F weight in it."""
        postings = self._weights.get(term)
        if postings:
            idf = weight * self._idf[term]
            for doc, tf in postings.items():
                scores[doc] += idf * tf

    def _concept_weight(self, concept: Concept) -> float:
        """A word weighs as its rarest form: itself, or a legal word its lexicon entry brings."""
        return max(self.idf(w) for w in (concept.word, *concept.legal))


@dataclass(frozen=True)
class _Explained:
    """What one way of matching says, whichever duty it matched: coverage, terms shown, verbatim words, how many
    words say what happened, whether a lexicon term carried the match."""

    covered: float
    terms: tuple[str, ...]
    verbatim: tuple[str, ...]
    said: int
    carried: bool


def _explain(
    matched: Mapping[str, tuple[str, float]],
    weight: Mapping[str, float],
    place_in: Mapping[str, int],
    setting: frozenset[str],
    telling: set[str],
    laws: Mapping[str, int],
) -> _Explained | None:
    """None when the match explains nothing: only bigrams or parts of a word (计算 of 计算机芯片), or only where it
    happened or who reports it (rule `setting-alone`)."""
    whole = [w for w, (_, credit) in matched.items() if credit >= 1.0]
    if not whole or setting.issuperset(matched):
        return None
    words = sorted(matched, key=place_in.__getitem__)
    return _Explained(
        covered=sum(weight[w] * matched[w][1] for w in words),
        terms=tuple(matched[w][0] for w in words),
        verbatim=tuple(matched[w][0] for w in whole if LEXICON_ARROW not in matched[w][0]),
        # words that say what happened (see `telling`); one inside another is the same word said twice (电梯 and 坐电梯)
        said=len(_outermost([w for w in whole if w in telling])),
        carried=any(
            laws.get(shown.split(LEXICON_ARROW)[1], 0) < WIDESPREAD
            for shown, _ in matched.values()
            if LEXICON_ARROW in shown
        ),
    )


def _outermost(words: Sequence[str]) -> list[str]:
    """The words not standing inside another of them."""
    return [w for w in words if not any(w != o and w in o for o in words)]


def segmenter_for(duties: Iterable[Node], lexicon: Mapping[str, Entry], names: Iterable[str] = ()) -> Segmenter:
    """The segmenter that reads both duties and complaints: jieba plus, as user words, the duties' domains and
    whistle subjects, the holder names and every term of the lexicon (its keys, colloquial and legal terms)."""
    user: set[str] = set(names)
    for n in duties:
        user.update(str(n.get(k, "")) for k in ("domain", "whistle_subject"))
    for term, entry in lexicon.items():
        user.update((entry.colloquial, term.lower()))
        user.update(entry.legal_terms)
    return Segmenter(user, {w for w in user if len(w) == 1})


def _pieces(word: str, longest: int) -> set[str]:
    """Where a lexicon term (of at most `longest` characters) may stand inside a longer word: any run of two or
    more characters, and the last character alone, since a compound's head is its last character (狗 in 小狗, 冰 in
    结冰; not 猫 in 猫腻, 冰 in 冰箱)."""
    runs = {word[i:j] for i in range(len(word)) for j in range(i + 2, min(i + longest, len(word)) + 1)}
    runs.add(word[-1])
    runs.discard(word)
    return runs


def _only_listed(text: str, word: str) -> bool:
    """Whether every occurrence of a word in a text is an item of an enumeration (…、地铁、公交等…) or part of a
    body's designation (市人力社保行政部门: the word says who acts, not about what)."""
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if text[at - 1 : at] != "、" and text[end : end + 1] not in ("、", "等") and not _DESIGNATION.match(text, end):
            return False
        at = text.find(word, end)
    return True


_DESIGNATION = re.compile(r"(?:行政)?(?:主管|管理)?(?:部门|机关|机构|局|委员会)")


def field_text(duty: Node, name: str) -> str:
    """A field's text; a penalty row's `duty` is the offence it sanctions, read from its quote.

    A penalty row's own duty text (责令改正，并处…罚款) is the same across hundreds of articles and says nothing about
    what went wrong; the quote's conditional clause (…未取得夜间施工批准文件进行夜间施工的，由…) does.
    """
    text = str(duty.get(name, ""))
    if name == "duty" and text and text == str(duty.get("penalty", "")):
        offence = _OFFENCE.match(str(duty.get("quote", "")))
        if offence:
            return f"{offence.group(1)} {text}"
    return text


# The conditional clause of a penalty article, up to the enforcer: "违反…规定，[offence]的，由[enforcer]…".
_OFFENCE = re.compile(r"(.+?)的?[，,]\s*由")


# -- calibration -----------------------------------------------------------------------------


@dataclass(frozen=True)
class LabelledWhistle:
    """A whistle of the evaluation set's tune split: its text and the duties that may answer it."""

    text: str
    covered: bool  # a bundled regulation governs it
    acceptable: frozenset[str]


def calibrate(
    matcher: DutyMatcher,
    whistles: Sequence[LabelledWhistle],
    grid: Sequence[float] = (2.0, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0, 12.0, 15.0, 20.0),
    coverage_grid: Sequence[float] = (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.45, 0.5, 0.55, 0.65, 0.75, 0.85),
) -> tuple[Thresholds, float]:
    """Thresholds that best separate covered whistles from uncovered ones, and their objective.

    Strong thresholds must leave at least HONEST_FLOOR of the uncovered whistles with no `strong` duty (the
    issue's floor for honest answers); among those, the objective is the share of covered whistles with an
    acceptable duty matched `strong` plus the share of uncovered whistles with no duty matched `strong`. The weak thresholds then maximise the share of covered
    whistles with an acceptable duty at least `weak` minus WEAK_FALSE_ALARM_COST times the share of uncovered
    ones with any duty at least `weak` (a hundredth of it is added to the objective). Call it on the tune rows only.
    The thresholds are fitted on score and coverage; `Thresholds.grade` caps a one-word match at weak on top of them.
    """
    covered: list[list[tuple[float, float]]] = []  # per covered whistle: (score, coverage) of its acceptable duties
    uncovered: list[list[tuple[float, float]]] = []  # per uncovered whistle: of every duty it matched
    for w in whistles:
        scored = matcher.score(w.text)[1]
        if w.covered:
            covered.append([(x.score, x.coverage) for x in scored if x.duty_id in w.acceptable])
        else:
            uncovered.append(_frontier([(x.score, x.coverage) for x in scored]))

    def share(rows: list[list[tuple[float, float]]], s: float, c: float) -> float:
        return sum(any(x >= s and y >= c for x, y in row) for row in rows) / max(len(rows), 1)

    strong = {
        (s, c): share(covered, s, c) + 1 - share(uncovered, s, c)
        for s in grid
        for c in coverage_grid
        if 1 - share(uncovered, s, c) >= HONEST_FLOOR
    } or {(max(grid), max(coverage_grid)): share(covered, max(grid), max(coverage_grid))}
    best_value = max(strong.values())
    # Among equally good strong thresholds, the strictest (fewest strong claims) wins.
    s_best, c_best = max((k for k, v in strong.items() if v >= best_value - 1e-9), key=lambda k: (k[0] * k[1], k))
    weak = max(
        ((s, c) for s in grid if s <= s_best for c in coverage_grid if c <= c_best),
        key=lambda k: (share(covered, *k) - WEAK_FALSE_ALARM_COST * share(uncovered, *k), k[0] * k[1]),
    )
    thresholds = Thresholds(s_best, c_best, weak[0], weak[1])
    weak_value = share(covered, *weak) - WEAK_FALSE_ALARM_COST * share(uncovered, *weak)
    return thresholds, round(best_value + 0.01 * weak_value, 4)


def _frontier(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The points no other point beats on both score and coverage (enough to decide any threshold)."""
    out: list[tuple[float, float]] = []
    for score, cov in sorted(points, key=lambda p: (-p[0], -p[1])):
        if not out or cov > out[-1][1]:
            out.append((score, cov))
    return out
