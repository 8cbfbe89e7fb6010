"""Candidate duty rows read from a regulation's full text by named, explicit rules.

Each 款 or 项 (loaders/regulation_text.py) is cut into sentences; in each, the holder phrases of the reviewed
lexicon (data/rules/holder_lexicon.csv) are found, those in subject position are kept, and the sentence's wording
gives the role. A row keeps its locator, the verbatim clause as its quote, and the name of every rule that made
it, so a reviewer checks it against the text in seconds. Nothing here is the law's reading of itself: the quote is
`official`, the holder assignment `derived` (rule names and READER_VERSION in the row's note).

Rules (the names appear in each row's note):
- `lexicon-full` / `lexicon-enumeration`: a holder phrase as written, or a list of sector names ending in 部门/机关/
  机构 (公安、交通、城市管理等部门; …体育等行业主管部门); a level prefix (市、区、市和区、市或者区) sets the holder level. A sector the
  lexicon does not know (市政管理、金融) is passed over, so the known ones after it still count (`unknown-sector`).
- `lexicon-body-name`: a department named as a body (北京市民政局, 区城市管理委员会, 公安分局): a level, a sector stem,
  then 局/分局/委员会/委, so a body never listed still maps when its sector is known.
- `lexicon-unit-enumeration`: a list of unit stems ending in 单位/企业 (建设、设计、施工、监理单位; 供水、供电、供气、
  供热等企业), a lexicon row whose match is `unit_stem`; a single stem is a full phrase (建设单位) already.
- `text-definition`: a text's own `（以下统称执法机关）` after a list of bodies, or `X是…的监督检查部门` at the head
  of a 款 (definition-by-是), makes that phrase name those bodies in this text only.
- `government-and-departments`: `X人民政府及其（有关）部门` is one phrase naming the governments and their own
  departments at the same levels (市 -> city_departments, 区 -> district_departments, 各级 -> relevant_departments).
- `lexicon-pattern`: a body described by its charge rather than named (负有消防工作职责的部门), a lexicon row whose
  match is `pattern` (a regular expression).
- `subject-position`: a holder counts when nothing between the last punctuation and it makes it an object
  (会同、向、报、经、接受、配合 …) and the sentence goes on with a predicate (a body that 发现…的，应当… acts on what
  it found: `finder`, supervise where it makes another party act); a unit named after a public body's own 负责/应当
  in the same part is what the body acts on (`object-of-predicate`: 教育部门负责各级各类学校…的行业管理); a 单位 its
  own words describe or name
  by its kind (建立专职消防队的单位应当…, 邻近单位应当…, 管护单位应当…) is a subject when the obligation follows at
  once (`described-unit`).
- `penalty-enforcer`: a sentence with a sanction (责令、罚款、处罚、查处、没收 …) makes its named body `enforce`; the
  penalty is the sanction's text, and `违反本条例第X条` is noted as the article the penalty sanctions; a lead-in
  `按照下列规定处罚：` takes its items' sanctions, items with the same one named together (`penalty-by-item`).
- `sanction-suffered`: 受到行政处罚…的情况 names a sanction already given, so it makes no enforcer; nor does 调查处理
  (`investigate-and-handle`: a complaint's handling, not a sanction).
- `delegated-execution`: …实施监督管理，并由本级X负责实施 — X holds the task with the role of the body that was given it.
- `enforcement-power`: a body that 行使行政执法权 enforces; the penalty column then gives the power's own words.
- `default-enforcer`: a sanction naming no body goes to the body the text names as the one that 实施行政处罚.
- `discipline`: 监察机关 and 上级主管部门 giving 处分 supervise.
- `non-state-obligation`: a holder whose only level is `unit` is a `duty_bearer` where the sentence obliges it
  (应当、不得、必须、负责 …; `obligation-words`) in its own part of the sentence (`own-predicate`), not where it
  sanctions it (`violator-not-holder`) nor where it only says whom the text binds (`scope-clause`); owners' and
  residents' bodies count as public ones (`self-governing-body`).
- Objects kept out of subject position: `possession` (属于/归), `consent-by-经`, `relative-clause` (X提供的…; a
  whole list that qualifies a thing, 街道办事处、乡镇人民政府出具的成立证明: `list-qualifies-a-thing`),
  `cost-bearer` (费用由X承担), `member-within` (X中应当有…), `passive-agent` (被X认定的…); some objects still
  hold a part: `petition-target` (请求X责令… supervise, 要求X查处 enforce), `under-oversight`, `approval-target`,
  `consulted` (征求X的意见, assist), `agent-for`.
- `complaint-handling` (respond; so does a body named by the complaints it receives, 收到检举、控告的机关),
  `oversight` (supervise; 对…企业/情况进行评估 and 加强对…的指导 are oversight too; a body that 组织…部门开展检查
  leads: `organiser`), `assist-verb` / `support` (assist), `state-lead` (lead, the default for a state body; a body
  acting 按照各自职责 takes the role of its own verb, as the hand reading does: 负责 lead, 监督管理 supervise).
- `definition-clause`: a sentence that defines a term (本条例所称…是指…) gives no duty.
- `duty-list`: a lead-in `…履行下列职责：` hands its holders to each 项.
- `lead-yields`: a holder given `lead` and another role in one clause keeps the other role only.
- Reader 6 (review of the 33 further texts): `described-unit` covers any unit its words describe (…的企业事业单位和
  个体工商户，应当); `described-body` (接到报告的…部门应当); `agent-described` (由发放证件的…机构吊销); not holders:
  `state-violator` (…部门不履行职责…的，由…), officials' conduct (…工作人员违反…), `topic-of-work` (本市医院安全秩序管理
  工作应当…), `time-clause` (X…时，Y应当…), `object-of-building` (新建…医院…，应当); `validity-condition` (…，才能举行);
  sanctions: a closing order is a penalty, `本规定第X条的规定处理` is one, 处罚信息 and 配合…查处 are not.
- Reader 7 (second review, 5 articles per further text): `breach-description` (未履行…义务, 依法不承担责任 oblige no
  one), `staff-of-body` (医院治安保卫人员因…: the staff, not the body), `sanction-yields` (an order to correct or a 处分
  beside the clause's own sanction is part of it), `sanction-as-noun` (查处…的职责分工 / …机制, 处罚决定书),
  `penalty-decision` (出具行政处罚决定书 enforces), 按照职责 before a body's own verb, an organiser leads whatever checks
  it has others do, `place-word` (接受地 is no 接受), `list-across-comma` (向A，B反映), `anaphora` (该…部门),
  贯彻执行 X's decision makes X an object, `owned-body-level` (市…部门所属的X is at city level), 要 as an obligation
  word right after the holders, `organiser-described` (在…组织…活动…的，应当 obliges the organiser), a government
  that 追究…责任 supervises (`discipline`), and so does one that orders a failing state body to correct and gives
  its officials 处分 (`state-violator`); `designator` (指定相关部门负责监督管理 leads); an order to correct an omission
  (…未使用再生水的，由…责令限期改正) is a penalty; `cost-bearer` past a long owner phrase; an enumeration never runs
  over 及其…由; `charge-by-是` (X是…的主管机关 leads).
- Reader 9 (third review: what the reader misses, 5 articles per further text): `list-and-others` (公安、交通以及其他
  有关部门 / 住房城乡建设或者其他行政主管部门 name the listed sectors and the others), `qualified-co-subject` (医院与属地
  公安派出所应当…), 管理责任人 a `borrowed-term` of texts on 生活垃圾; not duties: `disqualification` (…5年内不得申请),
  `protected-party` (…活动受法律保护), officials' conduct with 及其交通警察 (unless the clause sanctions), a scope clause
  ending 都应当遵守本条例; `support` covers 支持X的工作, an `organiser` may 编制/制定, and 违法行为查处等…信息 is
  `sanction-as-noun`; `own-departments` (市和区人民政府相关部门 names those governments' own departments).
- Reader 10 (fourth review: roles only, 4 articles per further text): `approval-target` after 报送/报请 too,
  `evaluation` covers 进行评价, a scheme's 奖励和处罚 is `sanction-as-noun`, an opening 在…的领导下， is a frame
  (`under-leadership`), `body-name-not-verb` (与市场监督管理部门建立… is no checking), `consulted` with others in the
  list (征求有关部门、专家和公众的意见), `support` past a topic and a field (对…的建设，应当在…方面给予支持),
  `complaint-handling` reads 申诉 and the words a list's predicate skips, `among-tasks` (加强监督管理 closing a list of
  the body's own tasks leads).
- Reader 11 (fifth review, the reviewers' lists): `anaphora-by-其` (…等单位管理的湖泊，由其负责…), `agent-obliged`
  (由销售者先行向消费者赔偿), a level range after 经 (`level-qualifier`: 经区、县级以上…部门负责人批准 gives no duty),
  `passive-oversight` (…审计，由Y负责组织 supervises), 负责…行政执法工作 is `enforcement-power`, a list runs across
  ，以及 (own-predicate), and a government's 审计机构 is the office, not the government.
- Reader 12 (third review by rules: roles on 10 further texts citizens call about): `oversight-as-noun` (a checking
  word that qualifies a thing — 监督管理职责进行确定, 指导意见, 监督管理信息, 监督检查人员 — is no checking verb;
  履行…监督管理职责 still is), `oversight-over-a-list` (加强对A、B…的监督检查, after a condition of the body's own:
  进行综合执法的，应当加强…; 加强对…的监督管理工作, 实施食品安全监督管理, 负责…的监督和管理; 实施综合监督管理 is
  the charge of the whole and leads), `mutual-cooperation`
  (加强沟通、密切配合 / 协调配合机制 is peers working together, not assist; 与X密切配合 still is),
  `referral-without-sanction` (将涉嫌犯罪案件移送公安机关 / 应当移送…部门处理 assists with no sanction word) and
  `referral-target` (the body a case goes to 处理 enforces; 移送监察机关 disciplines), `complaint-then-handling`
  (接到举报后…依法处理 / 自收到投诉之日起…予以处理 responds), `liability-not-duty` (…造成损害的，依法承担民事责任 /
  连带责任 / 法律责任 says who answers for a harm; 知道或者应当知道 is no obligation word), `carried-enforcer` (after a
  ；, a sanction that names no body is the part before's bodies': 应急管理部门…应当责令立即排除；有重大…隐患的，应当
  责令暂时停产停业 / 有关主管部门责令限期移交；逾期不移交的，直接收回，并处…罚款 — not the text's default enforcer),
  and `approval-target` reads 审查 too (报市规划自然资源主管部门审查, 经…主管部门组织审查; 审查批准 stays out, as 批准 does).
- Reader 13 (fourth review by rules: roles, unusual shapes, penalties, approvals on 10 further texts): under a
  `duty-list` an item that names its own body keeps it past a ； (（七）公安机关负责…；…依法协助…), `task-list` takes the
  whole list that owns the tasks (居民委员会、村民委员会在…工作中的任务：; the owners before the last are
  `task-list-owners`, numbered after the article's other rows: `numbered-last`), `penalty-of-its-own-body`
  (a penalty stops before another body's sanction: …并处罚款；非法安装警报器…的，由公安机关交通管理部门依法强制拆除 /
  …吊销营业执照，并由城市管理综合执法部门吊销燃气经营许可证), `oversight-accepted` (接受X的监督检查 / 指导、协调和检查 /
  监督、检查: X supervises), `consent-required` (征得公安机关交通管理部门同意: the body whose consent a party needs
  grants it, as a permit: supervise), `oversight-as-noun` covers a 监督管理体系 a body builds, `among-tasks` reads 实施监管, a verb's
  scope 本村的 / 本居住地区的 is no relative clause (村民委员会办理本村的公共事务), and 物业服务人员 is staff, not the
  物业服务人 (`staff-of-body`).
- Reader 14 (prohibitions on anyone): `prohibition-enforcer` — a clause that forbids something to anyone (任何人不得有
  下列行为：（一）侮辱、恐吓…医务人员 / 任何单位和个人不得… / 禁止… / 在…范围内禁止…) and names no public body is held,
  role enforce, by each body a penalty clause of the same text charges with sanctioning it by number (违反本规定第十八条
  第二款、第二十三条规定…，由公安机关…处罚 / 有本条例第X条规定情形之一的 / 未按照本条例第X条规定 / 第X条至第Y条 /
  第（二）项至第（四）项), with the prohibition's own quote and the penalty's body, level and sanction: one row on the 款,
  as the hand reading keeps a list of bans, one per 项 where a body sanctions only some items; a lead-in's citation
  goes with its items' bodies and an item's citation with the lead-in's body; a generic 有关行政主管部门 yields to the
  bodies the items name; numbered after the article's rows (`numbered-last`). A ban named on a party (经营者不得…,
  禁止施工单位…) or a 禁止 that qualifies a thing (禁止吸烟场所的, 禁止事项, 国家禁止的农药品种) is none.
  `generic-lead-yields`: a lead-in 由有关主管部门按照下列规定予以查处： whose items name their bodies gives no row.
- Reader 15 (development rows hand-read from five further texts, data/probes/extraction_*.csv): `duty-list` is read by
  any verb that takes the items on (负责具体组织实施下列…工作：, 组织…开展以下活动：, 做好下列工作：), so the bodies hold
  each 项 as the hand reading of task lists does; not when the holder only guides others in them (`guided-list`:
  指导…人员做好下列防火工作： keeps the 款).
- Reader 16 (the development rows' kinds of error): `activity-described-party` — a party named by the trade it carries
  on (从事动物饲养、屠宰、经营…等活动的单位和个人，应当… / 现场制售饮用水的单位和个人应当…) is a trader
  (business_operator), one that keeps dogs (饲养犬只的单位和个人) a dog's keeper, a duty_bearer like any named party; not
  任何单位和个人 nor a scope clause; numbered after the article's rows (`numbered-last`). `first-sector-suffix`: a
  list's first sector may carry 行政/管理 as the later ones do (工商行政、税务、环卫…等部门), and the older texts' sector
  names 环卫 (城市管理), 商业 (商务), 城建 (建设), 卫生防疫 (卫生) are lexicon stems (`older-sector-names`).
  `trade-management`: a body that 加强对旅店…等行业的管理 or (与公安机关密切配合，共同)对…等场所加强管理 oversees
  trades and premises others run, as 监督管理 does: supervise (加强对…人员的管理和教育 still leads). `shared-office`:
  首都精神文明建设委员会和各区精神文明建设委员会办事机构 names both committees' offices, not the first committee (three
  reviewed drops it replaces). `named-others`: a short clause opening 其他有关部门按照职责分工，做好… is a duty, not a
  catch-all item. Lexicon rows: 定点屠宰厂（场）, 动物饲养场, 畜禽养殖户, 动物屠宰加工场所 (traders), 动物疫病预防控制机构
  (cdc), 各部门 (relevant_departments; 市和区、县人民政府各部门 names those governments' own departments).
  `meeting-procedure`: how a meeting of residents, villagers or owners is called, held and votes (村民会议每年至少召开
  一次，由村民委员会召集 / 召开村民会议，应当有…参加 / 业主大会定期会议应当按照…规定召开) is no task of the meeting.
  `decision-power`: a meeting's decisions need no obligation word (村民会议…制定和修改村民自治章程 / 业主大会…决定下列
  事项: lead; 审议…工作报告, 撤销或者变更…决定: supervise), nor does any self-governing body's 有权 (业主大会和业主委员会
  …有权…要求停止侵害: supervise); not 参加…会议，讨论决定 nor …讨论决定的事项; numbered last. `object-of-review`: a
  body after 审议、评议、撤销、变更 is what is reviewed or undone (有权撤销或者变更村民委员会不适当的决定), not a subject.
  `hazard-described-unit` (a lexicon pattern): a unit described by the dangerous goods it handles (生产、运输、储存、使用
  枪支弹药、爆炸物品、剧毒物品…的单位，应当…) is a hazard_unit, not any unit. `answers-the-public`: a body that takes
  the public's complaints or queries and answers them responds, as complaint-then-handling reads (对公民控告、检举…的
  犯罪嫌疑人，应当接受，及时依法处理 is no sanction of its own; 接受群众查询，并作好答复工作).
- Reader 17 (second round of development rows, five texts no reader had tuned on): `measures-list` — a lead-in
  that 采取下列措施 (应当采取下列措施，加强疾病预防控制体系建设： / 依法采取下列一项或者多项措施，并对…适时调整：) is a
  `duty-list`: its holders take each 项 as their own task, as the hand reading of task lists does (not 有权采取下列措施,
  a list of powers). Lexicon rows: `hazardous-waste-unit` (a pattern) — a unit described by the hazardous waste it
  produces or handles (产生危险废物的企业事业单位和其他生产经营者 / 危险废物收集、利用、处置单位 / 危险废物运输单位)
  is one hazard_unit, not units_general and business_operator; `place-operator` — 停车设施经营单位 and a bare 经营单位
  (经营单位或者管理单位, 公共场所的管理部门和经营单位) run a place: premises_manager.
- Reader 18 (third round of development rows, five texts no reader had tuned on): `unit-head` — a unit obliged
  through its head or its own organ (生产经营单位的主要负责人应当… / 食品生产经营单位的主要负责人应当履行下列职责 /
  生产经营单位的安全生产管理机构以及安全生产管理人员应当…) is the unit's duty (duty_bearer); a 是…责任人 clause
  (单位的主要负责人是本单位的消防安全责任人) stays out, as the hand reading leaves it; numbered after the article's
  rows (`numbered-last`); where the clause names the unit itself as well, that mention's row stands. `permit-decision`: a public body whose own predicate decides on a
  permit or an application (应当自受理…申请之日起十二个工作日内作出行政许可决定 / 在办理燃气经营许可手续时 / 审查…准许证
  申请材料) grants it and supervises, as the hand reading counts an approval (规划自然资源主管部门审批时); a plan it
  drafts and sends 报…批准 stays its own task. `permit-subject`: a body followed by 审批/核准 and a main clause
  (规划自然资源主管部门审批时，应当征求… / 发展改革部门审批燃气工程建设项目，应当…) is its subject (not 经X批准, X批准的…);
  numbered after the article's rows (`numbered-last`). `leads-the-field`: a body whose predicate opens with (统一)领导
  (市和区、县人民政府统一领导、组织协调本行政区域的食品安全监督管理工作) leads, though the work it leads is oversight, as
  the hand reading has 领导本行政区域内的消防工作.
- Reader 19 (the original hand readers' conventions, learnt on the tuned half, checked on the development rows):
  `cost-allocation` — a bare 承担 closing a sentence that shares a cost by the parties' agreement (物业费，由业主按照
  房屋买卖合同的约定承担 / 房屋买卖合同未约定的，由建设单位承担 / 由业主约定承担), a 费用由X承担 beside another
  party's act (…代为维修养护…，费用由业主承担), and the party whose expense is made good (…参加扑救…所损耗的燃料…，由…人民
  政府给予补偿) give no duty; a cost the text lays on a party (…物业费，由建设单位承担) stays one. `internal-procedure`
  (meeting-procedure widened to every owners', residents' or villagers' body): how such a body is set up, sits, keeps
  its seal and votes (业主委员会定期会议应当…召开 / 应当召开临时会议 / 筹备组人数应当为单数 / 居民委员会决定问题，采取少数
  服从多数的原则 / 进行工作，应当采取民主和说服教育的方法 / 每届任期三年 / 可以不设下属的委员会 / 在…的范围内设立 /
  印章由业主委员会保管; and, seen on the development rows, 村民会议授权…讨论决定的具体事项应当在村民自治章程中规定)
  is no task; `sets-up-committees` (居民委员会根据需要设人民调解…等委员会)
  still leads. `decision-power` reaches past a long topic (业主大会和业主委员会，对任意弃置垃圾…等损害他人合法权益的
  行为，有权…要求行为人停止侵害: supervise).
  `rights-principle`: a party that 行使权利不得危及… or 享有权利，承担义务 is told a principle, not an act.
  `subordinate-mention`: a body named only as what others 参加 or 落实 (不参加所在地的居民委员会 / 负责落实市人民政府依法
  采取的各项应急措施), whose only words are a right to refuse (…的，居民委员会可以拒绝) or the consent it must get (有关部门，
  需要居民委员会…协助进行的工作，应当经…人民政府同意并统一安排: the consenting body supervises, `consent-required`),
  or that sets the time of others' act across a comma (…讨论…问题，需要他们参加会议时，他们应当…) holds no row; a body
  named as an object that holds a part (经居民会议讨论决定，…；收支帐目应当及时公布) is no subject the next part shares.
  `reminder-in-default`: a body whose only verb urges the party in default (…逾期不交纳物业费的，业主委员会…应当督促其
  交纳 / 应当及时通知、督促业主…补足专项维修资金 / 应当督促其履行职责) leads its own task; it checks no field.
  `charge-of-oversight` reads 实施/落实…监督管理职责 as 履行 (（八）实施物业管理方面的其他监督管理职责: supervise).
  Lexicon rows (`facility-keeper`): a facility's 设置单位或者管理单位 is its maintainer (maintenance_unit, not a place's
  operator), and 公共供水设施的维护管理单位 is the water utility (public_service_enterprise).
- Reader 20 (the original hand readers' conventions, second pass: the tuned half's missed rows and roles, checked on
  the development rows): `application-target` — a party that applies 向X (应当向城市管理部门提出申请，经许可后，方可设置 /
  向规划自然资源主管部门申请…规划许可证 / 向所在地乡镇人民政府或者街道办事处申请登记) makes X the body that grants it:
  supervise, a public body's part only (not 向公安机关申请刻制印章, nor 提出…申请，由X报… where X passes it on).
  `approval-target` reads a closing 报X批准。 that a body named before sends up (…由街道办事处…提出，报区、县人民政府
  批准; not 经村民委员会审议后上报乡镇人民政府批准, which names no sender) and `decision-target` a closing 报X决定。, which
  leads (居民委员会的设立、撤销、规模调整，…报区、县人民政府决定). `interpretation-clause`: the body that
  负责解释 the text (本办法具体应用中的问题，由北京市民政局负责解释) leads, as the hand readings of both halves have it;
  only a repeal is a closing clause now. `agent-acts`: a unit named by 由 past a qualifier whose plain verb closes the
  part (消防车通道标志由建筑物的管理使用单位设置) does that act (duty_bearer), as `agent-obliged` reads 先行赔偿.
  `organiser-first`: a predicate that opens 组织、… / 组织和… / 组织做好 / 组织实施 / 组织有关部门 (由居民委员会组织、监督
  实施 / 组织、指导和协调安全生产地方标准的制定工作) leads, whatever checking follows; not where the body oversees others'
  履行…职责, nor 组织验收 / 组织…的监督检查工作.
- Reader 21 (the development rows' missed rows and roles, kinds seen in 3+ files; checked on the tuned half):
  `finder-reports`: a body that 发现… and has only to stop it and tell the body in charge
  (村民委员会、居民委员会发现…的，应当予以制止或者向有关部门报告 / …应当予以劝阻，并报告街道办事处… / 乡镇人民政府、
  街道办事处发现…的，应当及时报告…，配合做好…) assists; one that orders a correction itself (应当责令改正，并…报告) still
  supervises. `coercive-measure`: a state body's power over a violator that names no fine but is one (委托…代为履行 /
  指定…代为采取改正措施 / 依法采取惩戒措施 / 予以曝光 / 作出拖移决定 / 实施保护性约束措施 / 依照…法律、法规进行处理 /
  依法打击…违法犯罪 / 立案侦查) enforces, the penalty column giving the power's words (防范和打击 does not).
  `report-target`: a body a party 有权向…举报 / 投诉 / 反映 (有权向其上级机关或者监察机关举报 / 村民有权…向乡、民族乡、镇
  人民政府，区、县人民政府及其有关主管部门反映) takes the report: respond, a public body's part only, numbered last
  (where a later sentence names the body that takes the reports, that row stands); not 向X提出质询; and
  `government-and-departments` reads 及其有关主管部门 too.
- Reader 22 (four fresh development files, hand-read from texts no reader had been compared with; kinds seen in 2+ of
  them, checked on the tuned half and the fifteen older development files): `permit-required` — a body whose approval
  or permit a party needs before it acts (必须报经有管辖权的水行政主管部门批准 / 应当经城市管理部门许可 / 应当经文物行政
  管理部门批准 / …，报有关部门批准后方可进行 / 应当向设置地的区城市管理部门申请许可 / 应当经…审查批准) grants it, as a
  permit: supervise, a public body's part only (not 经批准的…, a permit already given, nor 报X批准后实施, where the
  sender's own task goes on); the row's duty is the sentence that asks for the permit, the act it permits, not the
  bare 批准 after the body (有管辖权的 between 经 and the body keeps it an object: 应当经有管辖权的水行政主管部门审查批准);
  `permit-decision` reads
  在收到申请之日起…内作出同意或者不同意的决定 / 作出是否许可的决定, and `application-target` 向有管辖权的X提出申请.
  `penalty-items`: a lead-in that 按下列规定处罚 / 按以下规定予以处罚 over items that each carry their own sanction and
  name no body (（一）擅自改变公园功能的，责令限期改正…并可以处1万元以上10万元以下罚款；) gives its enforcers (named in the
  lead-in or the text's default) each 项, as the hand reading of a 法律责任 list does, the item's sanction the penalty.
  Lexicon rows (`named-party`): 建设主体 (developer), 权属单位 (owner), 组织者 (event_organiser). Tried and left out
  for the routing probes (each cost 1–2 of their hits): 征得 as an object marker (so that 征得公园管理机构和园林行政管理
  部门同意 makes the department a consenting supervisor, not a lead) and 商会 (industry_association).
- Reader 23 (the written conventions, and eight fresh development files: 重庆市突发事件应对条例, 老年人权益保障条例,
  烟花爆竹安全管理规定, 消费者权益保护法 办法, 反不正当竞争条例, 道路运输条例, 建设工程质量条例, 节水条例; each rule
  checked on the tuned half and the older development files): `described-government`
  (a lexicon pattern) — a government named by its act, not its level (接到报告的人民政府 / 履行统一领导职责的人民政府 /
  实施征用的人民政府), is the city and the district government, as the tuned hand rows read 消防条例
  第七十三条第二款 (not 当地 / 所在地 / 本级 / 同级 / 上级人民政府); a lexicon pattern may name several kinds.
  `complaint-handling` reads the written convention for 接诉即办 (respond: receiving, dispatching, handling and
  answering 诉求): dispatching a 诉求 (派单, 转交) or reaching its petitioner (联系诉求人) handles it, what people 反映 is a
  complaint, and a body that checks how petitions were handled (办理情况…督办) oversees. `permit-required` reads a
  permit X 核发 that a party 应当取得 (准予夜间施工的批准文件). `partys-paper`: what a party's own notice or terms may not
  say (经营者明示公告的内容不得…) binds the party. `state-violator` takes a list that ends 街道办事处 or names a
  Chongqing 区县（自治县）人民政府. `purpose-not-condition`: 以…为目的， is a purpose, not a condition (经营者不得以排挤竞争
  对手为目的，…). `whoever-does-it`: 单位和个人燃放烟花爆竹的，应当… binds anyone who does it, as 任何单位和个人 does (no
  units_general row; a penalty that cites it makes it a `prohibition-enforcer` clause), while a unit its own words
  qualify stays a party beside 个人 (取水单位和个人应当…). Lexicon rows (`named-party`, development rows): a unit named
  by the goods it makes or sells (烟花爆竹销售单位, 预拌混凝土生产单位, 供应单位: business_operator, a pattern); a
  station's operator (客运场站经营者: premises_manager); 危险货物运输经营者 (hazard_unit); 投标者 / 招标者; 大众传播媒介
  (news_media); the Chongqing 市、区县（自治县）人民政府.
- Reader 24 (six fresh development files: 实施《道路交通安全法》办法, 水污染防治条例, 集体合同条例 and Chongqing's
  公共场所控制吸烟条例, 市容环境卫生管理条例, 消防条例; each rule checked on the tuned half and the 31 older
  development files): `default-enforcer` also reads a penalty article worded 对违反本条例实施的处罚，由X决定 (not a body
  that 对…违法行为，应当及时纠正并依法予以处罚: that reading of 道路交通安全法 办法 第八十条 gave its 22 penalty
  articles the traffic police, as the development rows do, but the matcher then sent complaints about shops on the
  sidewalk to the traffic police and cited a cyclist's fine for a parked van; 第八十条 itself is the better basis).
  `coercive-measure` reads 代履行 and 申请人民法院强制执行; `oversight` reads 加强消防安全监督管理 (加强 and a field
  before the checking word); a named party beside 个人 stays a party (建设单位或者个人应当…: only a bare 单位 there is
  the public). `city-lexicon`: a second city's texts are read with its own kinds and phrases over the bundled ones
  (data/chongqing/rules/holder_lexicon.csv: 市容环境卫生主管部门 is Chongqing's sanitation department, not the health
  department the stem 卫生 makes of it). Lexicon rows: 教育机构 (school, not the education department), the operator
  of 公共交通工具 and the sewage works' operator (public_service_enterprise), and `place-operator` (a pattern): a place
  named as the subject of an obligation (公园应当每日开放, 客运场站应当…, 各类停车场应当…) binds its operator.
  `list-duty`: a 项's row whose duty is only its list's lead-in takes the item's words (found by the routing probes
  of stop 28); a row whose predicate is only 负责 (…由河湖管理机构负责) takes its sentence as its duty, not an empty
  one.
- Reader 25 (the development rows' misses, stop 29): `place-operator` reads more places (各类/公共/经营性停车设施,
  食品批发市场, 大型商业设施, with 本市 before and a comma after), a conveyance (公共交通工具应当配备… binds its operator)
  and a waste works (生活垃圾处理场（厂）应当…); the lexicon reads 有关人民政府 as the city or district government, as
  it reads 县级以上地方人民政府; `unit-head` takes 法定代表人 and …的主要负责人对本单位的…全面负责; agent-by-由 closing on
  规定 (…的具体范围，由市人民政府规定。) is the body's own act; `permit-decision` reads 核发/颁发…许可证 and 作出同意或者不
  同意的决定 (the grantor supervises); the lexicon reads 危险货物托运人 as a hazard_unit; `prohibition-enforcer` reads a
  ban after what is allowed (…可以燃放烟花爆竹，其他时间不得燃放烟花爆竹: the police who sanction it hold it).
- Reader 26 (twelve further texts read by hand for development, stop 30: data/probes/texts/): `text-shortening` — a
  unit a text names in full (轨道交通运营单位) and then by its tail alone (运营单位, standing on its own) is the same
  unit, where the lexicon reads the tail as no particular kind; `complaint-handling` reads 调查、处置 as handling and a
  信访请求 / 信访事项 as a complaint; `state-violator` reads …部门，其直接负责的主管人员…有下列行为之一的 (the officials
  are disciplined, the departments hold nothing); `penalty-items` reads a lead-in 由X给予行政处罚： over items that carry
  their own sanctions; `staff-acts-for-body` — X的执法人员…可以查封、扣押 is X's coercive power (河湖保护管理条例
  第四十六条, so the bans it cites, 第十九条、第三十一条, get their enforcer); lexicon rows for the caterers, network
  service providers, facility keepers, flood-control headquarters, petition offices and petitioners these texts name.
- Reader 27 (stop 31): `default-enforcer` also reads a body that 对…违法行为…予以处罚 (实施《道路交通安全法》办法
  第八十条), so the 22 penalty articles after it that name no body (驾驶机动车有下列情形之一的，处200元罚款：…) get the
  traffic police, as the development rows read them. Reader 24 left this out because the matcher then sent stalls on
  the pavement to the traffic police; with 人行道 and 便道 read as where it happened (`setting-alone`) and 59 probe
  files, it routes 12 more probe complaints (traffic offences named in the items) and shows an acceptable duty for 3
  fewer (stalls and tricycles on the pavement still lose 城管 to the police in a few).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from graph.citations import Citation, citations, cited_text
from loaders.regulation_text import Article, Clause, Item, Paragraph, RegulationText

READER_VERSION = "regulation-reader 27"
LEXICON = "rules/holder_lexicon.csv"
HOLDER_KINDS = "duties/holder_kinds.csv"
DUTY_CHARS = 80  # a row's duty summary: the opening of its predicate, enough to recognise the clause
COLUMNS = (
    "id",
    "regulation",
    "article",
    "clause",
    "domain",
    "whistle_subject",
    "duty",
    "holder_kind",
    "holder_level",
    "role",
    "co_holders",
    "penalty",
    "quote",
    "note",
)

# The levels a prefix before a holder phrase names; the older texts' 区县 / 区、县 is the district level
# (市和区、县环境保护部门, 区县民政部门). 本市各级 names no level of its own: the kind's levels stand.
_PREFIX_LEVELS: dict[str, tuple[str, ...]] = {
    "市": ("city",),
    "市级": ("city",),
    "区": ("district",),
    "区级": ("district",),
    "区、县": ("district",),
    "区县": ("district",),
    "市和区": ("city", "district"),
    "市、区": ("city", "district"),
    "市或者区": ("city", "district"),
    "市和区、县": ("city", "district"),
    "市和区县": ("city", "district"),
    "市、区、县": ("city", "district"),
    "市、区县": ("city", "district"),
    "市或者区、县": ("city", "district"),
}
# the longest prefix first, so that 市和区、县 is not read as 市和区
_LEVEL_PREFIX = "(?P<lvl>{})?".format("|".join(sorted(["本市各级", *_PREFIX_LEVELS], key=len, reverse=True)))
# a list may end with the departments' function (等项目审批部门) or the older 管理行政部门 (市政市容管理行政部门);
# list-and-others: 公安、交通、卫生、市政以及其他有关部门 / 住房城乡建设或者其他行政主管部门 names the listed sectors
# and the others (group `others`), not the others alone
_DEPT_SUFFIX = (
    r"等?(?:(?P<others>(?:和|及|以及|或者)其他)|其他)?(?:有关|相关)?(?:行业)?(?:项目审批)?(?:行政|管理行政)?"
    r"(?:主管|管理|执法|监督管理)?(?:部门|机关|机构)"
)
# conduct-of-officials: a body's officials named with it (及其工作人员, 及其交通警察), or the officials alone after 及其
_OFFICIALS = re.compile(r"及其[^，。；]{0,6}(?:工作人员|警察)")
_CONDUCT = re.compile(r"不得|处分|依法行政|责任制度|接受.*监督|违法行为|法定的?职权和程序|文明执法|模范遵守")
_SEPARATORS = r"(?:、|和|及|以及|与|或者)"
_ITEM_START = r"(?:^|(?<=、)|(?<=和)|(?<=及)|(?<=与)|(?<=或者))"  # an item of a list starts after a separator
# an unknown sector is a name: 及其管理维护由河湖管理机构 holds no list (its 其 and 由 are not a sector's)
_UNKNOWN_SECTOR = r"(?!其|有关|相关)[^、，。；：和及与或等由（）《》□\s]{2,8}"
# Words that make the holder after them an object, not the subject, when they sit between it and the last break.
_OBJECT_MARKERS = (
    "会同",
    "向",
    "报",
    "经",
    "接受",
    "提请",
    "告知",
    "通知",
    "协助",
    "配合",
    "委托",
    "请求",
    "要求",
    "督促",
    "指导",
    "支持",
    "鼓励",
    "服从",
    "按照",
    "根据",
    "依照",
    "听取",
    "对",
    "将",
    "与",
    "在",
    "为",
    "组织",
    "设立",
    "成立",
    "落实",  # subordinate-mention (Reader 19): 负责落实市人民政府依法采取的各项应急措施 carries out another's measures
    "参加",  # subordinate-mention (Reader 19): 不参加所在地的居民委员会 names what a unit does not join
    "阻碍",
    "妨碍",
    "报告",
    "建立",
    "明确",
    "监督",
    "责令",
    "选聘",
    "解聘",
    "聘请",
    "了解",
    "确定",
    "责成",
    "协调",
    "规范",
    "贯彻",
    "执行",
    "征求",
    "移送",
    "移交",
    "撤销",  # object-of-review: 有权撤销或者变更村民委员会不适当的决定 / 审议村民委员会的年度工作报告
    "变更",
    "审议",
    "评议",
)
# investigate-and-handle: 调查处理 (a complaint's or a lead's handling) holds 查处 but sanctions no one; a sanction by
# reference to the text's own article (依照本规定第二十二条的规定处理) is one, a pointer to other laws is not
_SANCTION = re.compile(
    r"责令|罚款|处罚|(?<!调)查处|没收|吊销|强制拆除|查封|暂扣|扣押|予以处理|依法处理|本(?:条例|规定|办法)第[^，。；]{1,16}?规定处理|警告(?!标志|牌|标识)|处以|处[一二三四五六七八九十百千万\d]"
)
# sanction-suffered: a sanction already given (受到行政处罚的情况; 行政处罚信息纳入信用平台) or one another body gives
# (assisted-sanction: 配合有关部门进行查处) makes no enforcer of the clause's body
# sanction-as-noun: 查处违法建设的职责分工 / 的信息共享机制, a 处罚决定书, 违法行为查处等…信息 and a responsibility system's
# 奖励和处罚 name a task, a paper, a record or a scheme, not a sanction given
_SUFFERED = re.compile(
    r"(?:受到|受过|被)[^，。；]{0,8}(?:处罚|罚款)|处罚(?:信息|记录|结果|决定书)|(?:配合|协助)[^，。；]{0,12}?(?:查处|处罚|处理)"
    r"|(?:查处|处罚)[^，。；]{0,12}?的(?:职责分工|分工|[^，。；]{0,6}机制)|(?:查处|处罚)等|奖励(?:和|与|、)处罚"
)
_DISCIPLINE = re.compile(r"处分|追究|问责|监察")
_STATE_BREACH = re.compile(
    r"[^，。；]*?(?:机关|部门|政府)(?:及其[^，。；]{0,6})?(?:违反|不履行|未履行|不依法履行|滥用职权|玩忽职守)"
)
_ACCOUNT = re.compile(r"(?<![不予])追究(?![^，。；]{0,16}刑事)[^，。；]{0,16}责任")
# (a consumer's 申诉 is a complaint; so is what people 反映)
_RESPOND = re.compile(r"投诉|举报|诉求|检举|控告|申诉|信访(?:请求|事项)|反映的(?:问题|情况|意见)")
# complaint-handling under 接诉即办: dispatching a 诉求 (派单, 转交 110) or reaching the one who made it (联系诉求人)
_DISPATCH = re.compile(r"派单|派发|转派|转办|交办|转交|分派|联系诉求人|与诉求人[^，。；]{0,4}沟通")
_SUPERVISE = re.compile(
    r"监督|检查|考核|考评|评估|督促|督查|督办|指导|审核|核实|核查|予以备案|办理备案|列席|派代表|劝阻|巡查|验收"
)
_ASSIST = re.compile(r"配合|协助|协同|参与")
_TASK_LIST = re.compile(r"^(.*?)的(?:主要)?(?:任务|职责)(?:是)?：$")
# duty-list: the verb of a lead-in whose items are its holders' own tasks (履行下列职责：, 负责具体组织实施下列…工作：,
# 组织…开展以下活动：); not when the holder only guides others in them (`guided-list`: 指导…人员做好下列防火工作：)
_DUTY_LIST = re.compile(
    r"(?:履行|负责|承担|实施|做好|开展)[^，。；：]{0,6}(?:下列|以下)[^，。；：]{0,10}(?:职责|工作|事项|活动|任务)："
    # measures-list (Reader 17): 应当采取下列措施，加强…：/ 依法采取下列一项或者多项措施，并对…适时调整：
    r"|(?<!有权)采取(?:下列|以下)[^，。；：]{0,8}措施(?:，[^。；：]*)?："
)
_GUIDED_LIST = re.compile(r"(?:指导|督促|引导|帮助|要求)[^，。；：]*$")
# rows these rules add to an article are numbered after its other rows (`numbered-last`), so the ids of rows already
# cited (colloquial_lexicon.csv's bases) stay where they were
_NUMBERED_LAST = (
    "task-list-owners",
    "prohibition-enforcer",
    "activity-described-party",
    "decision-power",
    "unit-head",
    "permit-subject",
    "report-target",
)
# whoever-does-it: 单位和个人燃放烟花爆竹的，应当… binds anyone who does it, as 任何单位和个人 does (after the bare 单位)
_WHOEVER_DOES_IT = r"(?:和|或者)个人[^，。；：]{0,24}?的，(?:应当|不得|必须)"
# a clause that forbids something to anyone: 任何人不得… / 任何单位和个人不得… / 禁止… / 严禁… (禁止吸烟场所的经营者
# names a place, 提出禁止家畜家禽活体交易的区域 a thing, 禁止、限制、控制措施 a measure, 禁止事项 / 国家禁止的农药品种 a
# list: none is a ban; nor is 在非禁止吸烟场所), and whoever-does-it is one
_ANYONE_FORBIDDEN = re.compile(
    r"任何(?:单位|个人|人|组织)[^。；：]{0,24}?不得"
    r"|(?<=[，；])(?:其他|其余)[^，。；：]{0,6}?不得"  # 可以燃放烟花爆竹，其他时间不得燃放: what is allowed, then a ban
    rf"|^单位{_WHOEVER_DOES_IT}"
    r"|(?<![非的被不未以出])(?:禁止|严禁)(?![、性令的]|事项|[^，。；：]{0,8}(?:场所|区域|标志|标识|名录|目录|范围|物品)(?:的|和|、|内|，|。|；|或者)"
    r"|[^，。；：]{0,12}?的(?:区域|场所|水域|地区|范围|物品|名录|目录))"
)
# closing-clause: the article that repeals older texts gives no duty (the one that says who interprets the text does:
# `interpretation-clause`, Reader 20)
_REPEAL = re.compile(r"同时废止")
# definition-clause: 本条例所称居家养老服务是指…由政府提供…，基层群众性自治组织…提供… defines a term; the bodies it
# names are part of the definition, not holders of a duty
_DEFINITION = re.compile(r"^本(?:条例|规定|办法)所称")
# catch-all-item: a short 其他…职责 item; a clause that starts 其他有关部门… is a duty like any other, long or short
# (`named-others`: 其他有关部门按照职责分工，做好动物防疫相关工作)
_CATCH_ALL = re.compile(
    r"^(?:其他|法律、法规规定的其他|法律法规规定的其他)(?!(?:有关|相关)?(?:行政)?(?:主管)?(?:部门|机关|机构)[^，。；]{0,8}(?:按照|依照|根据|应当|负责|在))"
)
# borrowed-term: a phrase another law defines keeps that meaning only in texts that speak of that law's matter;
# elsewhere it has its own sense (接诉即办工作条例 第十一条 …以下统称承办单位; 安全生产条例 第三十五条: the 承办单位
# of a large event, its organiser); 管理责任人 is 生活垃圾管理条例's sorting manager, but 节水条例 第三十九条's
# 公共用水设施的管理责任人 keeps a facility. phrase -> (the matter's word, the kind it reads without it)
_BORROWED = {"承办单位": ("接诉即办", "event_organiser"), "管理责任人": ("生活垃圾", "maintenance_unit")}
# activity-described-party: 从事动物饲养、屠宰、经营…等活动的单位和个人 / 饲养犬只的单位和个人 / 现场制售饮用水的单位和
# 个人 name the party a trade or a dog's keeping makes: a trader (business_operator) or a dog's keeper (dog_keeper), not
# the public at large (任何单位和个人, a scope clause's 与…活动有关的单位和个人 name no party: the activity must be a trade)
_ACTIVITY_PARTY = re.compile(
    r"(?P<activity>(?:从事|饲养|养殖|屠宰|生产|经营|销售|现场制售|制售)[^，。；：]{0,60}?)"
    r"的单位(?:和|或者|及)个人"
)


def _activity_kind(activity: str) -> str:
    """The kind an activity names its party by: 饲养犬只 a dog's keeper, a trade (经营、生产、饲养、屠宰 …) a trader."""
    if re.match(r"饲养犬", activity):
        return "dog_keeper"
    if re.search(r"经营|生产|饲养|养殖|屠宰|加工|销售|制售|贮藏", activity):
        return "business_operator"
    return ""


GENERAL_UNITS = "units_general"  # 单位 named by no trade or charge
# text-shortening: the tails a unit's full name is shortened to, read where no word runs into them
_SHORT_TAILS = ("单位", "企业")
_STANDALONE = r"(?:(?<![\u4e00-\u9fff])|(?<=[由向与和及对经被]))"
_DEFINED = re.compile(r"（以下(?:统称|简称)([^）《》]{2,12})）")
SENTENCE = re.compile(r"[^。；]+[。；]?")
_DEFINED_BY_IS = re.compile(
    r"(?P<body>[^，。；：是]+)是[^，。；：是]{0,24}?的(?P<alias>[^，。；：的]{2,10}?(?:部门|机关|机构))[，。；]"
)
_TITLE = re.compile(r"《[^》]*》")
# government-and-departments: the departments a government's 及其（有关）部门 names, by the government's kind
_OWN_DEPARTMENTS = re.compile(r"及其(?:所属|有关|相关)?(?:工作|职能|主管)?部门")
_DEPARTMENTS_OF: dict[str, tuple[str, ...]] = {
    "city_government": ("city_departments",),
    "district_government": ("district_departments",),
    "all_level_governments": ("relevant_departments",),
    "local_government": ("relevant_departments",),
    "township_government": (),  # a township's own offices are not departments of their own kind
}
_ENFORCER_ARTICLE = re.compile(
    r"实施行政处罚|行使行政处罚权|负责.*行政处罚|依法查处.*违法行为|违法行为[^。]*予以处罚|行政处罚[^。]*由"
    r"|处罚，(?:除[^，。]*外，)?由"  # (对违反本条例实施的处罚，由县级以上公安机关消防机构决定)
)


# self-governing-body: bodies of owners and residents that act by resolution; the law gives them powers, as to a
# state body, not obligations as to a trader (the hand-read rows give them lead / supervise / assist).
SELF_GOVERNING = frozenset(
    {
        "owners_assembly",
        "owners_committee",
        "owners_preparatory_group",
        "property_management_committee",
        "residents_meeting",
        "villagers_meeting",
        "family_committee",
        "community_service_station",
        "community_party_org",
        "people_mediation_committee",
    }
)
# 要 right after the holders (共青团、大中小学校等要建立…) obliges as 应当 does; 需要、主要、要求 and the like do not
_OBLIGATION = re.compile(
    r"应当|必须|不得|负责|须|禁止|承担|负有|履行|做好|遵守|保证|确保|严禁|^(?:[、和及与][^，。；]{0,12}?)?等?(?<![需主重必只想])要(?![求素点件])"
)
# cost-allocation (Reader 19): …代为维修养护…，费用由业主承担 — who pays is no obligation of the party acting
_COST_SHARE = re.compile(r"(?:费用|经费)[^，。；]{0,4}由[^，。；]*?承担")
_LIABILITY = re.compile(r"承担[^，。；]{0,4}(?:民事|赔偿)责任")
# liability-not-duty: the civil, joint or legal liability a unit bears for a harm (依法承担连带责任, 按照…的规定承担法律
# 责任); a duty to bear a task (承担质量责任, 承担安全责任) is not one
_LIABILITY_ONLY = re.compile(
    r"(?:应当)?(?:依法|按照[^，。；]*?规定)?(?:承担|负)(?:相应的?)?(?:连带|民事|法律|行政赔偿|赔偿)(?:赔偿)?责任"
)
_VIOLATION = re.compile(r"违反|有下列行为之一|未按|未依法|拒不|未履行|不履行")
# breach-description: 未履行公示义务, 依法不承担责任 describe a breach or an exemption; the negated word obliges no one
_NEGATED_OBLIGATION = re.compile(r"(?:未|不|没有)(?:依法|按照规定|按规定)?(?:履行|承担|遵守|做好|保证|确保|负责|负有)")


@dataclass(frozen=True)
class Kind:
    """What the loader needs of a holder kind: its levels (holder_kinds.csv)."""

    id: str
    levels: tuple[str, ...]

    @property
    def state(self) -> bool:
        """A public body, or a self-governing one: its clauses give powers and tasks, not a trader's obligations."""
        return self.levels != ("unit",) or self.id in SELF_GOVERNING


@dataclass(frozen=True)
class Mention:
    """A holder phrase found in a sentence: the kinds it names, the levels, where it sits, the rule."""

    kinds: tuple[str, ...]
    levels: tuple[str, ...]
    start: int
    end: int
    rule: str


@dataclass
class Row:
    """One candidate duty row (the columns of regulation_duties.csv) and the rules that made it."""

    article: str
    clause: str
    holder_kind: str
    holder_level: tuple[str, ...]
    role: str
    quote: str
    duty: str
    penalty: str = ""
    co_holders: list[str] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)
    sanctions: str = ""
    cited: list[Citation] = field(default_factory=list)
    sanctioned_by: str = ""

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.article, self.clause, self.holder_kind)


class Lexicon:
    """The reviewed holder phrases: full phrases and sector stems (data/rules/holder_lexicon.csv)."""

    def __init__(self, rows: Iterable[dict[str, str]], kinds: dict[str, Kind]) -> None:
        self.kinds = kinds
        self.rows = list(rows)
        self.full: dict[str, tuple[str, ...]] = {}
        self.stems: dict[str, str] = {}
        self.unit_stems: dict[str, str] = {}
        self.patterns: list[tuple[re.Pattern[str], tuple[str, ...]]] = []
        for row in self.rows:
            if row["match"] == "stem":
                self.stems[row["phrase"]] = row["holder_kind"]
            elif row["match"] == "unit_stem":
                self.unit_stems[row["phrase"]] = row["holder_kind"]
            elif row["match"] == "pattern":
                named = tuple(row["holder_kind"].split(";"))  # (a pattern may name several kinds, as a phrase does)
                self.patterns.append((re.compile(_LEVEL_PREFIX + rf"(?P<phrase>{row['phrase']})"), named))
            elif row["match"] == "stop":
                self.full[row["phrase"]] = ()
            else:
                self.full[row["phrase"]] = tuple(row["holder_kind"].split(";"))
        full = "|".join(re.escape(p) for p in sorted(self.full, key=len, reverse=True))
        stem = "|".join(re.escape(p) for p in sorted(self.stems, key=len, reverse=True))
        self._full = re.compile(_LEVEL_PREFIX + rf"(?P<phrase>{full})")
        # a list starts with a known sector; a later one may carry its level (市交通), 其他 (和其他专业工程) or
        # 行政/管理 (水行政), and one the lexicon does not know (市政管理, 金融) is passed over, not a break in the
        # list (unknown-sector); 其他有关部门 is never taken for an unknown sector
        item = rf"(?:(?:市|区|其他)?(?:{stem})(?:行政|管理)?|{_UNKNOWN_SECTOR})"
        self._enum = re.compile(
            _LEVEL_PREFIX
            + rf"(?P<list>(?:{stem})(?:(?:行政|管理)(?={_SEPARATORS}))?(?:{_SEPARATORS}{item})*){_DEPT_SUFFIX}"
        )
        self._item = re.compile(
            rf"{_ITEM_START}(?:(?:市|区|其他)?(?P<stem>{stem})(?:行政|管理)?|{_UNKNOWN_SECTOR})(?={_SEPARATORS}|$)"
        )
        self._body = re.compile(rf"(?P<lvl>市|区)(?P<list>{stem})(?:行政)?(?:管理)?(?:分局|局|委员会|委)(?!员)")
        unit = "|".join(re.escape(p) for p in sorted(self.unit_stems, key=len, reverse=True))
        self._units = re.compile(rf"(?P<list>(?:{unit})(?:{_SEPARATORS}(?:{unit}))+)等?(?:单位|企业)") if unit else None
        self._unit_stem = re.compile(unit)

    @classmethod
    def load(cls, *datasets: Path) -> Lexicon:
        """The kinds and phrases of the first dataset (the reviewed lexicon, data/rules/holder_lexicon.csv), with
        each later dataset's own over them (`city-lexicon`): a second city writes its laws in the same legal Chinese
        but names some bodies of its own (重庆: 市容环境卫生主管部门), which its kinds and phrase rows give."""
        kinds: dict[str, Kind] = {}
        rows: list[dict[str, str]] = []
        for root in datasets:
            with (root / HOLDER_KINDS).open(encoding="utf-8") as f:
                kinds.update(
                    {r["holder_kind"]: Kind(r["holder_kind"], tuple(r["levels"].split(";"))) for r in csv.DictReader(f)}
                )
            if (root / LEXICON).exists():
                with (root / LEXICON).open(encoding="utf-8") as f:
                    rows.extend(csv.DictReader(f))
        return cls(rows, kinds)

    def with_text_definitions(self, reg: RegulationText) -> Lexicon:
        """text-definition: a text's own `（以下统称执法机关）` makes that phrase name the bodies listed just before it,
        for this text only (城乡规划条例 第十二条: 规划自然资源主管部门、城市管理综合行政执法机关、乡镇人民政府)."""
        extra: list[dict[str, str]] = []
        for a in reg.articles:
            for p in a.paragraphs:
                for found in _DEFINED.finditer(p.text):
                    kinds = self._listed_before(p.text[: found.start()])
                    if kinds:
                        extra.append({"phrase": found.group(1), "holder_kind": ";".join(kinds), "match": "full"})
                # definition-by-是: 市和区、县工商行政管理部门是不正当竞争行为的监督检查部门 makes 监督检查部门 name the
                # department in this text, over any generic reading (控制吸烟条例: 卫生健康部门是…的主管部门)
                named = _DEFINED_BY_IS.match(p.text)
                kinds = self._listed_before(named.group("body"), single=True) if named else ()
                if named and kinds:
                    extra.append({"phrase": named.group("alias"), "holder_kind": ";".join(kinds), "match": "full"})
        text = "".join(p.full_text for a in reg.articles for p in a.paragraphs)
        extra.extend(
            {"phrase": _STANDALONE + re.escape(short), "holder_kind": kind, "match": "pattern"}
            for short, kind in self._shortenings(text)
        )
        for phrase, (matter, kind) in _BORROWED.items():
            if matter not in text:
                extra.append({"phrase": phrase, "holder_kind": kind, "match": "full"})
        return Lexicon([*self.rows, *extra], self.kinds) if extra else self

    def _shortenings(self, text: str) -> list[tuple[str, str]]:
        """text-shortening: a text that names a unit in full (轨道交通运营单位) and then by its tail alone (运营单位,
        standing on its own: after a stop or a preposition, not another word as in 等服务企业 or 公共服务企业) means the
        same unit by the tail, where the lexicon reads the tail as no particular kind; a tail two full phrases of
        different kinds end with stays unread."""
        found: dict[str, set[str]] = {}
        for phrase in {m.group("phrase") for m in self._full.finditer(text)}:  # each phrase once, however often named
            kinds = self.full[phrase]
            if len(kinds) != 1 or kinds[0] == GENERAL_UNITS:
                continue
            for cut in range(1, len(phrase) - 3):
                tail = phrase[cut:]
                if tail.endswith(_SHORT_TAILS) and self._reads_as_nobody(tail):
                    found.setdefault(tail, set()).add(kinds[0])
        return [(tail, kinds.pop()) for tail, kinds in found.items() if len(kinds) == 1]

    def _reads_as_nobody(self, phrase: str) -> bool:
        """True where the lexicon reads nothing more particular than 单位 in the phrase as a whole."""
        return all(set(m.kinds) <= {GENERAL_UNITS} for m in self.mentions(phrase))

    def _listed_before(self, text: str, single: bool = False) -> tuple[str, ...]:
        """The kinds of the chain of holder phrases that ends exactly where the text ends; one phrase alone counts
        only with `single` (a `（以下简称…）` after one body renames a phrase the lexicon already reads)."""
        mentions = self.mentions(text)
        if not mentions or mentions[-1].end != len(text):
            return ()
        chain = [mentions[-1]]
        for m in reversed(mentions[:-1]):
            if not _SEPARATOR.fullmatch(text[m.end : chain[0].start]):
                break
            chain.insert(0, m)
        if len(chain) < 2 and not single:
            return ()  # one body renamed: the lexicon already reads it (道路运输管理机构, 劳动保障行政部门)
        return tuple(dict.fromkeys(k for m in chain for k in m.kinds))

    def unknown_kinds(self) -> list[str]:
        """Kinds the lexicon names that holder_kinds.csv lacks (a reviewed lexicon has none)."""
        named = {k for ks in self.full.values() for k in ks} | set(self.stems.values()) | set(self.unit_stems.values())
        named |= {k for _, ks in self.patterns for k in ks}
        return sorted(named - set(self.kinds))

    def mentions(self, sentence: str) -> list[Mention]:
        """Holder phrases in a sentence, longest first where they overlap, in text order."""
        masked = _TITLE.sub(lambda m: "□" * len(m.group()), sentence)
        found: list[Mention] = []
        for m in self._full.finditer(masked):
            kinds = self.full[m.group("phrase")]
            found.append(Mention(kinds, self._levels(m.group("lvl"), kinds), m.start(), m.end(), "lexicon-full"))
        for m in self._enum.finditer(masked):
            stems = [i.group("stem") for i in self._item.finditer(m.group("list")) if i.group("stem")]
            kinds = tuple(dict.fromkeys(self.stems[s] for s in stems))
            rule = "lexicon-enumeration"
            if m.group("others"):
                others = masked[m.end("others") - 2 : m.end()]  # 其他有关部门, 其他行政主管部门 …
                named = self.full.get(others) or self.full.get(others.removeprefix("其他")) or ("relevant_departments",)
                kinds, rule = tuple(dict.fromkeys([*kinds, *named])), "list-and-others"
            found.append(Mention(kinds, self._levels(m.group("lvl"), kinds), m.start(), m.end(), rule))
        for m in self._body.finditer(masked):
            kinds = (self.stems[m.group("list")],)
            found.append(Mention(kinds, self._levels(m.group("lvl"), kinds), m.start(), m.end(), "lexicon-body-name"))
        for m in self._units.finditer(masked) if self._units else ():
            kinds = tuple(dict.fromkeys(self.unit_stems[s] for s in self._unit_stem.findall(m.group("list"))))
            found.append(Mention(kinds, self._levels(None, kinds), m.start(), m.end(), "lexicon-unit-enumeration"))
        for pattern, kinds in self.patterns:
            for m in pattern.finditer(masked):
                found.append(Mention(kinds, self._levels(m.group("lvl"), kinds), m.start(), m.end(), "lexicon-pattern"))
        for m in _ACTIVITY_PARTY.finditer(masked):
            kind = _activity_kind(m.group("activity"))
            if kind in self.kinds:
                levels = self.kinds[kind].levels
                found.append(Mention((kind,), levels, m.start(), m.end(), "activity-described-party"))
        found.extend(self._with_own_departments(masked, found))
        found.sort(key=lambda x: (x.start, -(x.end - x.start)))
        kept: list[Mention] = []
        for mention in found:
            if kept and mention.start < kept[-1].end:
                continue
            kept.append(mention)
        return [k for k in kept if k.kinds]  # a `stop` phrase only keeps its shorter parts from matching

    def _with_own_departments(self, masked: str, found: list[Mention]) -> list[Mention]:
        """government-and-departments: 市、区人民政府及其有关部门 / 市和区县人民政府及其部门 names the governments and
        their own departments at the same levels (市 -> city_departments), one phrase, as 市、区人民政府有关部门 does."""
        out: list[Mention] = []
        for m in found:
            tail = _OWN_DEPARTMENTS.match(masked, m.end)
            if m.rule != "lexicon-full" or not tail or not all(k in _DEPARTMENTS_OF for k in m.kinds):
                continue
            kinds = tuple(dict.fromkeys([*m.kinds, *(d for k in m.kinds for d in _DEPARTMENTS_OF[k])]))
            levels = tuple(
                dict.fromkeys([*m.levels, *(lv for k in kinds[len(m.kinds) :] for lv in self.kinds[k].levels)])
            )
            out.append(Mention(kinds, levels, m.start, tail.end(), "government-and-departments"))
        return out

    def holders(self, sentence: str) -> list[Mention]:
        """The mentions the reader weighs as holders: a phrase that qualifies the next one is folded into it
        (qualifier: 市人民政府防火安全委员会 names the committee, not the government; the committee stands where
        the whole phrase stands)."""
        out: list[Mention] = []
        for m in reversed(self.mentions(sentence)):
            if out and out[-1].start == m.end and (own := self._own_departments(m, out[-1])):
                m = own  # 市和区人民政府相关部门: the departments of those governments (own-departments)
                out.pop()
            elif out and out[-1].start == m.end:
                nxt = out.pop()
                m = Mention(nxt.kinds, nxt.levels, m.start, nxt.end, nxt.rule)
            elif out and self._shares_office(sentence, m, out[-1]):
                # shared-office: 首都精神文明建设委员会和各区精神文明建设委员会办事机构 names the offices of both
                # committees; the first is an office too, at its own level
                m = Mention(out[-1].kinds, self._levels(None, out[-1].kinds), m.start, m.end, "shared-office")
            elif out and _OWNED_BY.fullmatch(sentence, m.end, out[-1].start):
                # owned-body-level: 市交通主管部门所属的道路运输管理机构 is the body the city department owns, at the
                # owner's level
                nxt = out.pop()
                levels = tuple(lv for lv in nxt.levels if lv in m.levels) or nxt.levels
                m = Mention(nxt.kinds, levels, m.start, nxt.end, nxt.rule)
            out.append(m)
        return out[::-1]

    def _shares_office(self, sentence: str, body: Mention, office: Mention) -> bool:
        """shared-office: a body, 和/、, then the office of a body of the same name (X委员会和各区X委员会办事机构)."""
        phrase = re.sub(r"^(?:首都|本市|各区|各|市|区)", "", sentence[body.start : body.end])
        tail = sentence[office.start : office.end]
        return (
            re.fullmatch(r"(?:和|、|及|以及)(?:本市各|各)?", sentence[body.end : office.start]) is not None
            and bool(phrase)
            and any(tail.endswith(phrase + s) for s in ("办事机构", "办公室"))
            and self.full.get(phrase + tail[tail.rindex(phrase) + len(phrase) :]) == office.kinds
        )

    def _own_departments(self, government: Mention, departments: Mention) -> Mention | None:
        """own-departments: a government phrase right before a generic departments phrase (相关部门, 有关主管部门,
        有关行政管理部门) names those governments' own departments, as 市、区人民政府有关部门 does in the lexicon."""
        if departments.kinds != ("relevant_departments",) or not all(k in _DEPARTMENTS_OF for k in government.kinds):
            return None
        kinds = tuple(dict.fromkeys(d for k in government.kinds for d in _DEPARTMENTS_OF[k]))
        if not kinds:
            return None
        levels = tuple(dict.fromkeys(lv for k in kinds for lv in self.kinds[k].levels))
        return Mention(kinds, levels, government.start, departments.end, "own-departments")

    def _levels(self, prefix: str | None, kinds: tuple[str, ...]) -> tuple[str, ...]:
        own = (
            tuple(dict.fromkeys(lv for k in kinds for lv in self.kinds[k].levels))
            if all(k in self.kinds for k in kinds)
            else ()
        )
        wanted = _PREFIX_LEVELS.get(prefix or "")
        if wanted and all(lv in own for lv in wanted):
            return wanted
        return own


def subject_position(sentence: str, m: Mention, previous: Mention | None, previous_subject: bool) -> bool:
    """subject-position: nothing between the last break and the phrase makes it an object; a predicate follows."""
    before = sentence[: m.start]
    cut = max(before.rfind(c) for c in "，。；：")
    lead = before[cut + 1 :]
    # list-across-comma: 向乡、民族乡、镇人民政府，区、县人民政府及其有关主管部门反映 — a phrase right after an object
    # and a comma goes on with that object's list unless its own predicate follows
    if (
        previous is not None
        and not previous_subject
        and previous.end == cut
        and sentence[cut] == "，"
        and not lead
        and not re.match(r"[^，。；]{0,12}?(?:应当|负责|可以|必须|依法|有权)", sentence[m.end :])
    ):
        return False
    if previous is not None and previous.end > cut and previous.end <= m.start:
        between = sentence[previous.end : m.start]
        # qualified-co-subject: 医院与属地公安派出所应当… / 公安机关与政府其他有关部门应当… — a place or owner word
        # after the separator qualifies the next body; it is no object marker
        if re.fullmatch(r"(?:、|和|及|以及|与|或者|，)?(?:(?:属地|所在地|当地)的?|政府)?", between):
            return previous_subject
        if previous_subject:  # markers before a subject named earlier in the segment are not this one's
            lead = between
            # object-of-predicate: 教育部门负责各级各类学校…的行业管理 — a unit named after a public body's own
            # 负责/应当 is what the body acts on (a unit's clause keeps the body it goes to: 交园林绿化部门组织绿化)
            if previous.levels != ("unit",) and m.levels == ("unit",) and re.search(r"应当|负责|可以|必须", between):
                return False
    after = sentence[m.end :]
    # composition: 物业管理委员会由居民委员会、村民委员会、业主…组成 names members, not holders
    if lead.endswith("由") and re.match(r"[^，。；]*?(?:组成|推荐产生|选举产生|担任)", after):
        return False
    # cost-bearer: 费用由业主承担 says who pays for another's work, not a duty a whistle could invoke
    if re.search(r"费用[^，。；]{0,6}由(?:全体|相关)?(?:[^，。；由]{0,30}的)?$", lead) and re.match(
        r"[^，。；]{0,8}承担", after
    ):  # (费用由户外广告设施、牌匾标识和标语宣传品的所有人承担 as well)
        return False
    # cost-allocation (Reader 19): …物业费，由业主按照房屋买卖合同的约定承担 / 房屋买卖合同未约定的，由建设单位承担 /
    # 由业主约定承担 — a bare 承担 closing a sentence that shares a cost by the parties' agreement says who pays, as the
    # hand reading leaves it (a cost the text itself lays on a party, …物业费，由建设单位承担, stays its duty);
    # 消防队参加扑救…所损耗的燃料…，由…人民政府给予补偿 names the party whose expense is made good: neither is a duty
    if (
        re.search(r"由(?:全体|相关)?$", lead)
        and re.match(r"[^，。；]{0,20}?承担[。；]?$", after)
        and "约定" in sentence
    ) or re.match(r"[^。；]*?所(?:损耗|支出|花费)的[^。；]*?由[^。；]*?(?:补偿|承担)", after):
        return False
    # member-within: 居民委员会中应当有…的成员 speaks of the body's members, not of the body acting
    if re.match(r"中(?!止|断)", after):
        return False
    # anaphora: 追究该行政主管部门主要负责人的责任 points back to a body already named; it is no new holder
    if lead.endswith("该"):
        return False
    # described-unit: in 建立专职消防队的单位应当… (直接向水体排放水污染物的企业事业单位和个体工商户，应当…) the words
    # before 的 describe the unit, whatever verbs they hold
    described = _DESCRIBED_UNIT.match(after)
    if described and described.group().startswith(("和个人", "或者个人")) and lead.endswith("的"):
        described = None  # (参与火灾扑救的单位和个人必须… binds whoever takes part, as 任何单位和个人 does; 取水单位和个人 a party)
    if (
        m.levels == ("unit",)
        and lead.endswith("的")
        and not re.match(r"[对向与将经由在]", lead)
        and described
        and (not described.group("comma") or cut < 0 or sentence[cut] != "，")  # …的单位，应当 heads its sentence
    ):
        return True
    # described-body: 接到报告的食品办和食品安全监督管理部门应当及时调查处理 — a body named by what it received acts on it
    if re.fullmatch(
        r"(?:收到|接到|接受|受理)[^，。；：]{1,12}?的(?:[^，。；：]{0,8}?(?:和|、|及))?", lead
    ) and re.match(r"(?:[、和及][^，。；]{0,12})?(?:应当|必须|须|负责)", after):
        return True
    # state-violator: 水行政主管部门…不履行…职责，造成严重后果的，由同级人民政府追究… names the body that fails, not
    # one that acts; officials' conduct (各级人民政府及相关部门工作人员违反…) likewise
    if (
        m.levels != ("unit",)
        and re.match(rf"{_REST_OF_LIST}(?:不履行|未履行|不依法履行|违反|滥用职权|玩忽职守)[^。；]*?的，", after)
        or re.match(
            r"(?:(?:及其?|和|、)[^，。；]{0,10})?工作人员[^。；]{0,30}?(?:违反|不履行|未履行|滥用职权|玩忽职守|造成损害)",
            after,
        )
        # (…行政主管部门，其直接负责的主管人员和其他直接责任人员有下列行为之一的，依法给予…处分)
        or re.match(rf"{_REST_OF_LIST}，其直接负责的主管人员", after)
    ):
        return False
    # topic-of-work: 本市医院安全秩序管理工作应当遵循… — the phrase names the field of a task, not a body
    if re.match(r"(?!负责|应当|主管|统筹|组织)[^，。；、的对在将把为]{0,10}工作(?:应当|必须|要|实行|坚持|遵循)", after):
        return False
    # agent-by-由: "由区城市管理部门书面告知责任人" names the body that acts, whatever its verb
    # agent-described: 由发放从业资格证件的道路运输管理机构吊销… is the agent as well
    agent = bool(re.search(r"由(?:所在地的?)?$", lead) or re.fullmatch(r"由[^，。；由]{1,16}的", lead))
    # place-word: 接受地的区生态环境主管部门 names the district of arrival; 接受 there is no object marker
    lead = lead.removeprefix("由").removeprefix("本市").removeprefix("各").replace("所在", "")
    lead = re.sub(r"(?:接受|接收)地", "", lead)
    # level-qualifier: 经区、县级以上监督检查部门负责人批准 — a level range between 经 and the body is no part of it
    lead = re.sub(r"(?:区、县|区县|区|县|市)级以上$", "", lead)
    if not agent and any(marker in lead for marker in _OBJECT_MARKERS if len(marker) > 1):
        return False
    # one-character markers (对、向、在 …) count once the words that merely contain them (行为, 存在) are taken out;
    # passive-agent: 被省、部级以上政府部门…认定为名优的商品 names who recognised a thing, not a holder that acts
    bare = re.sub(r"行为|作为|认为|成为|因为|为了|为由|存在|现在|在内|与否", "", lead)
    # (报送/报请 as well: …，并报送市环境保护和水行政主管部门备案 names where a paper goes: approval-target)
    if re.search(r"[对向为将与在被]", bare) or re.search(r"(?:[经报]|报送|报请)(?:有关|相关|其他|有管辖权的)?$", lead):
        return False
    # object-of-building: 新建、改建、扩建…中小学校、医院…，应当… / 举办学前教育机构 name what is built or run
    if re.search(r"(?:新建|改建|扩建|举办)[^的，。；]*$", lead):
        return False
    # possession: 专项维修资金属于业主共有 / 归全体业主所有 names the owner of a thing, not a holder that acts
    if re.search(r"属于|归$", lead):
        return False
    # consent-by-经: in "经百分之二十以上业主提议，业主委员会应当…" the body after 经 consents; the next one acts
    if re.match(r"经(?!营)", lead):
        return False
    # relative-clause: 免费刊播公安机关消防机构提供的消防公益广告 — the phrase qualifies a thing (X提供的…)
    if (
        re.match(r"(?!按照|根据|依照|依据|在|对)[^，。；、应负可依不必须]{1,4}的(?![，。；])", after)
        and not re.match(r"[^，。；]*?(?:应当|负责|可以)", after)
        and not re.match(
            r"[^，。；、的]{0,2}(?:本市|本区|全市|本行政区域|辖区|本村|本居住地区|本社区)的", after
        )  # 领导本市的…: a verb's scope
        and not (agent and not lead)  # 由有关单位设置明显的…标志: the agent acts (not 使用由税务部门监制的发票)
        and not (m.levels == ("unit",) and _PARTYS_PAPER.match(after))
    ):
        return False
    # condition-clause: in "业主对公示内容有异议的，筹备组应当…" the part ending 的， is a condition, not a subject;
    # where the main clause names no one (公安机关消防机构发现…的，应当通知…) the condition's body is its subject
    # (以…为目的， is a purpose, not a condition: 经营者不得以排挤竞争对手为目的，以低于成本的价格销售商品)
    if re.match(r"[^，；。：]*(?<!为目)的，(?!应当|应|可以|必须|须|依法|及时|立即)", after) or (
        agent and re.match(r"[^，；。：]*的，", after)
    ):
        return False  # (a body brought in by 由 inside the condition is never the main clause's subject)
    # everyone-clause: 任何单位和个人 / 单位和个人 address the public, not a holder the list can name; so does
    # whoever-does-it (单位和个人燃放烟花爆竹的，应当…); a unit its own words qualify stays a party beside 个人
    # (取水单位和个人应当按照取水许可规定条件取水), as does a named party (建设单位或者个人应当…, Reader 24)
    bare_unit = sentence[m.start : m.end] == "单位"
    own_words = re.split(r"[、和及]", lead)[-1]  # (任何部门、单位和个人: the list's 任何 reaches its 单位)
    qualified = (
        not re.fullmatch(r"(?:有关|相关|其他|其他有关|一切|所有)?", own_words)
        if bare_unit
        else GENERAL_UNITS not in m.kinds
    )
    if (
        lead.endswith("任何")
        or (
            not qualified
            and re.match(r"[^，。；]*?(?:、|和|或者|及)个人[^，。；]*?(?:应当|不得|可以|必须|有权|都)", after)
        )
        or (bare_unit and re.match(_WHOEVER_DOES_IT, after))
    ):
        return False
    # a government named as the owner of an office: 市人民政府食品安全监督协调办公室 is the office, not the government
    if (
        sentence[m.start : m.end].endswith("人民政府")
        and re.match(r"[^，。；、和或及的]{0,12}?(?:办公室|委员会|指挥部|办事机构|工作机构|审计机构|领导小组)", after)
        and not re.match(r"(?:应当|可以)?(?:设立|成立|建立|组建|设置)", after)  # it sets the office up
    ):
        return False
    # a bare 单位 counts as the clause's own subject ("单位应当…") or named by its kind (described-unit)
    if (
        sentence[m.start : m.end] == "单位"
        and lead not in ("", "下列", "其他")
        and not (described and not described["comma"])
    ):
        return False
    # finder: 公安机关消防机构发现…不能正常使用的，应当通知… — the body that finds the fault acts on it
    if after.startswith("发现") and re.match(r"发现[^。；]*?的，(?:应当|应|可以|必须|须|依法|及时|立即)", after):
        return True
    # permit-decision (Reader 18): 规划自然资源主管部门审批时，应当征求… / 发展改革部门审批燃气工程建设项目，应当… — the
    # body that decides on the permit is the subject of the main clause (not 经X批准, nor X批准的…)
    if m.levels != ("unit",) and _PERMIT_SUBJECT.match(after):
        return True
    # unit-head (Reader 18): 生产经营单位的主要负责人应当… / 的决策机构、主要负责人…应当 oblige the unit through its head
    # or its own organ, as …的法定代表人应当… and …的主要负责人对本单位的食品安全全面负责 do (Reader 25); a 是…责任人
    # clause (单位的主要负责人是本单位的消防安全责任人) stays out, as the hand reading leaves it
    if m.levels == ("unit",) and _UNIT_HEAD.match(after):
        return True
    # staff-acts-for-body: 水行政主管部门的执法人员…经水行政主管部门批准，可以查封、扣押… — a body's enforcement officers
    # use its coercive powers, so the body holds them
    if re.match(r"的执法人员", after) and re.search(r"(?:可以|有权)(?:依法)?(?:查封|扣押|暂扣|没收|责令)", after):
        return True
    # a phrase followed by one of these is a member, a meeting or a thing of the body, not the body
    if after.startswith(
        (
            "的",
            "之",
            "所",
            "发现",
            "批准",
            "同意",
            "审批",
            "确定的",
            "规定",
            "委员",
            "工作人员",
            "办公",
            "选举",
            "工作经费",
            "副主任",
            "下属",
            "换届",
            "出具",
            "作出的",
            "会议",
            "主任",
            "印章",
            "议事",
            "成员",
        )
    ) and not (agent and re.fullmatch(r"(?:另行|依法)?规定[。；]?", after)):
        return False  # (…的具体范围，由市人民政府规定。 closes on the body's own act: agent-by-由, Reader 25)
    # staff-of-body: 医院治安保卫人员因正常履行职责… speaks of the body's staff, not of the body
    if re.match(_STAFF, after) or (sentence[m.start : m.end].endswith("人") and after.startswith("员")):
        return False  # (物业服务人员 is staff, not the 物业服务人)
    if re.match(r"是[^，。；]{0,30}的主管(?:机关|部门)", after):
        return True  # charge-by-是: 公安机关是烟花爆竹安全管理工作的主管机关 names the body in charge
    if after.startswith("是") and not re.search(r"负责|应当", after):
        return False  # definition: 居民委员会是…自治组织
    if (
        _OFFICIALS.search(sentence, max(0, m.start - 2), m.end + 40)
        and _CONDUCT.search(sentence)
        and not _given_sanction(sentence)  # (…及其交通警察对…违法行为，应当及时纠正并依法予以处罚 enforces)
    ):
        return False  # conduct-of-officials: rules on how officials behave (…及其交通警察…文明执法), not a duty of the body
    if re.match(r"[^，。；]*?受法律保护", after):
        return False  # protected-party: …机构及其急救人员依法开展…活动受法律保护 protects the body; it binds others
    if re.match(r"[^，。；]{0,30}?(?:实行执法责任制度|实行[^，。；]{0,6}过错追究|依法行政)", after):
        return False  # conduct-of-officials: 行政管理部门…实行执法责任制度和过错追究制度
    return agent or bool(
        re.search(
            r"应当|必须|须|负责|负有|主管|可以|责令|吊销|处|依法|按照|做好|组织|制定|履行|给予|实施|有权|不得|确定|公布|建立|受理|查处|监督|管理|开展|加强|承担|落实|统筹|领导|协调|指导|配合|协助|参与|保障|推进|审查|核实|及时|采取|提供|设置|维护|保持|完善|编制|会同|报|纳入|定期|宣传|督促|检查|备案|登记|制止|劝阻|执行|支持|做|决定|实施|承办|办理|根据需要设",
            after,
        )
    )


_SEPARATOR = re.compile(r"(?:、|和|及|以及|与|或者)?")
_STAFF = re.compile(
    r"(?:(?!应当|必须|负责|做好|可以|组织|配备|安排|指派|派出|聘用|招用|培训|动员)[^，。；、和及与或]){1,6}人员(?!密集|应当|必须|负责|须)"
)
_PERMIT_SUBJECT = re.compile(r"(?:审批|核准)[^，。；的]{0,20}?，(?:应当|可以|须|必须)")
_UNIT_HEAD = re.compile(
    r"的(?:主要负责人|法定代表人|决策机构|安全生产管理机构)(?:(?:、|和|及|以及|或者)[^，。；]{0,16}?)?"
    r"(?=应当|必须|须|不得|对本单位的?[^，。；]{0,12}全面负责)"
)
_ORGANISER = re.compile(r"[^。；]*?(?:组织|举办)[^，。；]{0,16}活动[^。；]*?的，应当")
_OWNED_BY = re.compile(r"(?:所属|下属|设立)的?")
# the rest of a list of bodies after the first (和其他有关部门, 、区县人民政府): what a predicate may follow
_REST_OF_LIST = r"(?:(?:和|、|及|或者)(?:其他)?[^，。；、]{0,14}?(?:部门|机关|机构|政府|委员会|办事处|单位))*"
_THING_OF = re.compile(r"(?:出具|作出|确定|批准|同意|审批|提供|制定|发放|核发)的|的(?!，)")
# described-unit: a 单位 its own words describe or name by its kind (建立专职消防队的单位应当…, 起火单位和相关人员
# 应当…, 邻近单位应当…, 管护单位应当…) is the clause's subject when the obligation follows it at once (units_general
# unless the lexicon names the kind); the object markers have already been ruled out
_DESCRIBED_UNIT = re.compile(
    r"(?:(?:和|、|及|或者)(?:个人|(?!其他个人)[^，。；、]{1,8}?))?(?P<comma>，?)(?:应当|必须|不得|须)"
)


def _qualifying_lists(sentence: str, mentions: list[Mention]) -> set[int]:
    """list-qualifies-a-thing: where a list of holders ends in a thing they make or decide (持街道办事处、乡镇人民政府
    出具的成立证明), every holder of the list qualifies that thing; the starts of those mentions."""
    out: set[int] = set()
    chain: list[Mention] = []
    for m in [*mentions, None]:
        if m is not None and chain and _SEPARATOR.fullmatch(sentence[chain[-1].end : m.start]):
            chain.append(m)
            continue
        if len(chain) > 1 and _THING_OF.match(sentence[chain[-1].end :]):
            out.update(c.start for c in chain)
        chain = [m] if m is not None else []
    return out


# permit-required (Reader 22): the words before a body whose approval or permit a party needs, and after it
_PERMIT_REQUIRED = re.compile(
    r"(?P<form>报经|(?:应当|必须|须)经|(?:应当|必须|须)?向|报)(?:有管辖权的|所在地的?|设置地的|原)?$"
)
_PERMIT_AFTER = (
    r"(?:(?:、|和|或者|及)[^，。；]{0,12}?)?(?:(?:提出)?申请)?(?:审查|审核)?(?:批准|许可)(?=后|[，。；：]|$)"
)


# partys-paper: 经营者明示公告的内容不得违反… / 经营者制定的格式条款、通知…等不得包含… — what a party's own notice or
# terms may not say binds the party that writes them
_PARTYS_PAPER = re.compile(
    r"[^，。；、应负可依不必须]{1,4}的[^，。；]{0,6}?(?:内容|条款|告示|声明|通知|标识|标签|说明|凭证)[^，。；]{0,24}?(?:不得|应当|必须)"
)


def _named_object(sentence: str, m: Mention, mentions: list[Mention]) -> tuple[str, str] | None:
    """A body named as an object that the law still gives a part (the hand-read rows count these):
    `petition-target` — someone 可以请求 it to 责令/督促/协调/处理 (supervise), or 请求/要求 it to 查处 (enforce);
    `under-oversight` — a party acts
    在它的指导、监督下 (supervise); `approval-target` — a matter goes 报/经 a public body for 备案、决定、审核、核准
    (supervise; 批准 and 同意 are left out — the hand reading counts a government's approval only now and then — but
    for a closing 报X批准。, Reader 20; a closing 报X决定。 leads: `decision-target`); `application-target` — a party
    applies 向X for a permit (supervise);
    `agent-for` — a body 委托…代为 something acts for another (assist); `consulted` — a public body whose opinion
    (征求X的意见) a task must seek (assist)."""
    start = end = mentions.index(m)
    while start > 0 and _SEPARATOR.fullmatch(sentence[mentions[start - 1].end : mentions[start].start]):
        start -= 1
    while end + 1 < len(mentions) and _SEPARATOR.fullmatch(sentence[mentions[end].end : mentions[end + 1].start]):
        end += 1
    before = sentence[: mentions[start].start]
    lead = before[max(before.rfind(c) for c in "，。；：") + 1 :]
    after = sentence[mentions[end].end :]
    if lead.endswith("禁止"):
        return "duty_bearer", "prohibition"
    lawful = not _VIOLATION.search(sentence)  # a penalty clause's 报/向 name no approval or application
    # decision-target (Reader 20): …由街道办事处…提出，报区、县人民政府决定 — the body whose decision closes the matter
    # takes it as its own task (lead; a public body's part only)
    sent_to = lawful and re.search(r"(?:报|报送|报请)(?:所在地的?)?$", lead)
    if sent_to and re.match(r"决定[。；]", after):
        return "lead", "decision-target"
    if (
        lawful
        and re.search(r"(?:[报经]|报送|报请)(?:所在地的?)?$", lead)
        and re.match(r"[^，。；]{0,6}?(?:备案|决定|审核|核准|审查(?!批准))", after)  # (审查: approval-by-review)
    ):
        return "supervise", "approval-target"
    # approval-closing (Reader 20): a matter a body named before sends 报X批准, closing the sentence (…由街道办事处…提出，
    # 报区、县人民政府批准。 / 规划自然资源主管部门应当报市人民政府批准。), is X's approval, as 备案 and 核准 are; not
    # 报X批准后实施, where the sender's own task goes on, nor a party's request passed up 经…审议后上报X批准, which names
    # no sending body
    sender = any(o.end <= mentions[start].start and not re.search(r"经$", sentence[: o.start]) for o in mentions)
    if sent_to and sender and re.match(r"批准[。；]", after):
        return "supervise", "approval-target"
    # application-target (Reader 20): a party 向X提出申请，经许可后，方可… / 向X申请…规划许可证 / 向X申请登记 — X decides
    # on the application and grants it, as a permit (supervise; a public body's part only; not 向公安机关申请刻制印章,
    # an act X performs, nor 提出…申请，由X报… where X passes the application on)
    if (
        lawful
        and re.search(r"向(?:所在地的?|有管辖权的)?$", lead)
        and re.match(
            r"(?:(?:、|和|或者)[^，。；]{0,16}?)?(?:提出|提交)?申请"
            r"(?:，经|[^，。；：]{0,20}?(?:许可证?|批准文件|登记)[，。；])",
            after,
        )
    ):
        return "supervise", "application-target"
    if "请求" in lead and re.match(r"(?:依法)?(?:责令|督促|协调|调解|处理|组织)", after):
        return "supervise", "petition-target"
    if re.search(r"请求|要求", lead) and re.match(r"(?:依法)?(?:予以)?(?:查处|处罚)", after):
        return "enforce", "petition-target"  # 责任人…有权…要求城市管理综合执法部门查处: the body that sanctions
    if re.search(r"在(?:[^，。；]{0,8}的)?$", lead) and re.match(r"(?:及[^，。；、]{0,6})?的(?:指导|监督)", after):
        return "supervise", "under-oversight"
    # consent-required: a party must 征得X（的）同意 before it acts — X grants the consent, as a permit (a public body's
    # part only: 征得公安机关交通管理部门同意)
    if re.search(r"(?:征得|应当经)(?:所在地的?)?$", lead) and re.match(
        r"(?:(?:、|和|或者|及)[^，。；]{0,12}?)?的?同意", after
    ):
        return "supervise", "consent-required"
    # permit-required (Reader 22): a party's act needs X's approval or permit (必须报经有管辖权的水行政主管部门批准 /
    # 应当经城市管理部门许可 / 应当经文物行政管理部门批准 / …，报有关部门批准后方可进行 / 应当向设置地的区城市管理部门申请
    # 许可) — X grants it, as a permit: supervise (a public body's part only; not 经批准的…, a permit already given, nor
    # 报X批准后实施, where the sender's own task goes on)
    permit = _PERMIT_REQUIRED.search(lead) if lawful else None
    if (
        permit
        and re.match(_PERMIT_AFTER, after)
        and (permit.group("form") != "报" or re.match(_PERMIT_AFTER + r"后，?方可", after))
    ):
        return "supervise", "permit-required"
    # permit-required reads a permit X 核发/颁发 that a party 应当取得 too (确需在夜间进行施工作业的，应当取得工程所在地建设行政主管部门核发的
    # 准予夜间施工的批准文件) needs X's grant before it acts: X supervises, as permit-required reads 应当经X批准
    if (
        lawful
        and re.search(r"(?:应当|必须|须)(?:依法)?(?:取得|持有)(?:[^，。；]{0,8}?(?:所在地|设置地)的?)?$", lead)
        and re.match(
            r"[^，。；]{0,4}?(?:核发|颁发|发放|签发|出具)的[^，。；]{0,20}?(?:批准文件|许可证|许可|证件|证明|执照)",
            after,
        )
    ):
        return "supervise", "permit-required"
    # report-target (Reader 21): a party 有权向X举报 / 投诉 / 反映 (有权向其上级机关或者监察机关举报 / 村民有权…向乡、民族乡、
    # 镇人民政府，区、县人民政府及其有关主管部门反映) — X takes the report and answers it: respond (a public body's part
    # only; not 向X提出质询, a question put to a body, nor a report a text obliges a party to make)
    if any(
        t.start("list") <= m.start < t.end("list") and "有权" in sentence[: t.start()]
        for t in _REPORT_TARGET.finditer(sentence)
    ):
        return "respond", "report-target"
    # oversight-accepted: a party 接受X的监督检查 / 指导 / 统一指挥调度 — X checks or directs it (a public body's part only)
    if re.search(r"接受(?:、配合)?(?:所在地的?)?$", lead) and re.match(
        r"(?:(?:、|和|或者|及)[^，。；]{0,12}?)?的[^，。；]{0,4}?(?:监督|指导|检查|指挥|调度)", after
    ):
        return "supervise", "oversight-accepted"
    # consulted: 审批时，应当征求城市管理部门的意见 — its opinion is a hand in the task, also where others are asked
    # with it (依法征求有关部门、专家和公众的意见)
    if re.search(r"征求(?:所在地的?)?$", lead) and re.match(r"(?:[、和及与][^，。；]{0,12}?)?的?意见", after):
        return "assist", "consulted"
    if re.search(r"(?:移送|移交)(?:给)?$", lead) and re.match(r"(?:依法)?(?:处理|查处|处罚)", after):
        # referral-target: 应当移送市场监督管理部门处理 — the body a case goes to handles it (移送监察机关 disciplines)
        return ("supervise", "discipline") if m.kinds == ("supervisory_organ",) else ("enforce", "referral-target")
    if re.search(r"委托$", lead) and re.match(r"代为", after):
        return "assist", "agent-for"  # agent-for: 业主大会可以委托街道办事处…代为保管印章 — a hand for another's task
    return None


# meeting-procedure: how a meeting of residents, villagers or owners is called, held and carries its votes (村民会议每年
# 至少召开一次，由村民委员会召集 / 召开村民会议，应当有…过半数…参加 / 村民会议所作决定应当经到会人员的过半数通过 /
# 业主大会定期会议应当按照…议事规则的规定召开) is no task of the meeting: the body that calls it holds that task
_MEETINGS = frozenset({"residents_meeting", "villagers_meeting", "owners_assembly"})
_MEETING_PROCEDURE = re.compile(
    r"(?:定期会议|临时会议|会议)?(?:每(?:年|季度|月|半年)(?:至少)?召开|应当[^，。；]{0,20}?召开|由[^，。；]{1,12}?召集"
    r"|所作(?:的)?决定|，?应当有[^。；]*?(?:参加|出席)|有[^，。；]*?(?:参加|出席)方可)"
)


# internal-procedure (Reader 19; meeting-procedure widened to any self-governing body): how an owners', residents' or
# villagers' body is set up, sits, keeps its seal and carries its votes is no task a whistle could invoke (业主委员会
# 定期会议应当按照…召开 / 业主委员会应当召开临时会议 / 筹备组人数应当为单数 / 居民委员会决定问题，采取少数服从多数的
# 原则 / 进行工作，应当采取民主和说服教育的方法 / 每届任期三年 / 可以不设下属的委员会 / 在一百户至七百户的范围内设立 /
# 印章由业主委员会保管)
_BODY_PROCEDURE = re.compile(
    r"(?:(?:定期|临时)会议(?:分为|应当|每|至少)|应当召开(?:定期|临时)会议|(?:决定问题|表决)[^。；]*?(?:少数服从多数|过半数)"
    r"|进行工作[^。；]*?(?:方法|方式)|可以不设|每届任期|人数|[^。；]*?章程中规定)"
)
_SELF_GOVERNED_BODIES = SELF_GOVERNING | {"residents_committee", "villagers_committee"}


# decision-power: the verbs of a self-governing body's decisions, past a basis or a frame (根据…，结合…，制定…; 有权依照
# …，要求…); reviewing or undoing another body's acts (审议…工作报告, 撤销或者变更…决定, 要求停止侵害) is oversight
_DECISION_POWER = re.compile(
    r"(?:[、和及][^，。；]{0,10})?，?(?:[^。；]{0,60}?，)?(?P<right>有权)?(?:[^，。；]{0,16}?，)?"
    r"(?:(?P<check>审议|评议|撤销|变更|要求|监督|制止)|讨论决定|决定|制定|修改|选举)"
)


def _role(kind: Kind, sentence: str, after: str, agent: bool = False) -> tuple[str, str] | None:
    """The role a sentence gives a subject holder and the rule that decided it; None where it gives none. An
    `agent` is named by 由: a main clause that has a unit pay first (由销售者先行向消费者赔偿) obliges it, with no
    obligation word (`agent-obliged`)."""
    if kind.id in ("supervisory_organ", "superior_authority") and _DISCIPLINE.search(sentence):
        return "supervise", "discipline"
    if kind.state and "处分" in after and not _SANCTION.search(after.replace("处分", "")):
        return "supervise", "discipline"
    if (
        kind.state
        and _STATE_BREACH.match(sentence)
        and "处分" in after
        and not re.search(r"罚款|没收|吊销|暂扣|拘留", after)
    ):
        return "supervise", "discipline"  # state-violator: 行政机关…不履行法定职责的，由上级…责令改正…给予处分
    if kind.state and _ACCOUNT.search(after) and not _SANCTION.search(after):
        return "supervise", "discipline"  # 由同级人民政府追究该…主要负责人的行政责任 holds a body's head to account
    # subordinate-mention (Reader 19): a body whose only words are a right to refuse (…而要求居民委员会协助工作的，居民
    # 委员会可以拒绝) or the consent it must get (有关部门，需要居民委员会…协助进行的工作，应当经…人民政府同意并统一
    # 安排: the consenting body supervises, consent-required) holds no task of its own
    if re.match(r"(?:可以|有权)拒绝[。；]?$", after) or re.fullmatch(
        r"(?:(?!应当|必须|负责)[^。；])*?应当经[^。；]*?同意(?:并[^，。；]{0,6})?[。；]?", after
    ):
        return None
    if re.search(r"，才(?:能|可以|有效)", after):
        return None  # validity-condition: 居民会议必须有…过半数出席，才能举行 says when an act is valid, not a task
    if re.match(r"(?:[、和及][^，。；]{0,10})?，?应当依法履行职责[。；]?$", after):
        return None  # restatement: 应当依法履行职责 alone restates the body's other articles
    if kind.id in _SELF_GOVERNED_BODIES and (
        _BODY_PROCEDURE.match(after)
        or re.search(r"(?:范围内|以内)设立[。；]?$", after)
        or re.search(r"印章由[^，。；由]{1,12}$", sentence[: len(sentence) - len(after)])
    ):
        return None  # internal-procedure: how a self-governing body is set up, sits, keeps its seal and votes
    if kind.id in SELF_GOVERNING and not _OBLIGATION.search(after):
        power = _DECISION_POWER.match(after) if after != sentence else None
        lead_in = re.split(r"[，。；：]", sentence[: len(sentence) - len(after)])[-1]
        if (
            power
            and (kind.id in _MEETINGS or power.group("right"))
            and not after[power.end() :].startswith("的")  # (…讨论决定的事项 names a thing the meeting decided)
            and not re.search(r"参加|出席|召开|经|由|向|对", lead_in)  # (参加村民代表会议，讨论决定…: an object)
        ):
            # decision-power: 村民会议…制定和修改村民自治章程 / 业主大会…决定下列事项 / 业主大会和业主委员会…有权…要求停止
            # 侵害 — the meeting's decisions, and any self-governing body's 有权, are its powers, not options
            return ("supervise" if power.group("check") else "lead"), "decision-power"
        return None  # obligation-words: a self-governing body's 可以 is an option, not a task
    if kind.id in _MEETINGS and _MEETING_PROCEDURE.match(after):
        return None  # meeting-procedure: 村民会议每年至少召开一次，由村民委员会召集 says how the meeting meets
    if not kind.state:
        if (_SANCTION.search(sentence) or _LIABILITY.search(sentence)) and _VIOLATION.search(sentence):
            return None  # violator-not-holder: the party a penalty clause sanctions (or holds liable)
        if re.search(r"(?:年内|终身)不得(?:申请|从事|担任)", after):
            return None  # disqualification: 被吊销许可证…5年内不得申请 is a sanction's consequence, not a duty to obey
        if _LIABILITY_ONLY.search(after) and not _OBLIGATION.search(
            _NEGATED_OBLIGATION.sub("", _LIABILITY_ONLY.sub("", after.replace("应当知道", "")))
        ):  # (知道或者应当知道 is a standard of knowledge, not an obligation)
            return None  # liability-not-duty: …造成损害的，依法承担民事责任 says who answers for a harm, not a duty
        if re.match(r"[^，。；]{0,16}，?都?(?:应当|必须)遵守本(?:条例|规定|办法)[。；]?$", after):
            return None  # scope-clause: 单位及个人应当遵守本条例 says whom the text binds, not a duty of its own
        if re.match(r"(?:[^，。；]{0,30}，)?(?:行使|享有)[^，。；]{0,6}权利", after):
            return None  # rights-principle (Reader 19): 业主行使权利不得危及… / 享有权利，承担义务 states a principle, no act
        if re.match(r"(?:，)?(?:可以|有权)", after):
            return None  # obligation-words: 可以 and the like give a trader a right, not a duty
        if not _OBLIGATION.search(_NEGATED_OBLIGATION.sub("", _COST_SHARE.sub("", after))):
            # (only a first-instance payment: 由业主共同决定 is a right, 由相关业主…分摊 a cost share)
            # (agent-acts, Reader 20: 消防车通道标志由建筑物的管理使用单位设置 — a unit named by 由, with a qualifier, whose
            # plain verb closes the part does that act)
            if agent and re.match(r"(?:设置|解决|安装|维护|清除|拆除|修复|设立|配备)[。；，]", after):
                return "duty_bearer", "agent-acts"
            agent = agent and bool(re.match(r"先行[^，。；]{0,8}?(?:赔偿|垫付)", after))
            return ("duty_bearer", "agent-obliged") if agent else None
        return "duty_bearer", "non-state-obligation"
    if re.match(r"(?:[、和及][^，。；]{0,10})?，?不得", after) and not _SANCTION.search(after):
        return None  # state-prohibition: 有关主管部门不得办理相关证照 bars an act; it gives the body no task
    before = sentence[: len(sentence) - len(after)]
    if re.match(r"[^，。；]*?(?:审计|考核|考评|检查)，由[^，。；]{1,20}$", before) and re.match(r"负责组织", after):
        # passive-oversight: 村民委员会成员的…审计，由乡…人民政府负责组织 — it checks another's work
        return "supervise", "passive-oversight"
    # sanction-suffered: 将…受到行政处罚或者行政强制的情况共享到…平台 speaks of a sanction already given, not one to give
    sanction = _given_sanction(after)
    if (
        sanction
        and sanction.group() in ("予以处理", "依法处理")
        and re.search(
            r"(?:收到|接到|受理)[^，。；]{0,6}?(?:投诉|举报|申诉|检举|控告)"
            # answers-the-public: 对公民控告、检举或者扭送的犯罪嫌疑人，应当接受，及时依法处理
            r"|^(?:[、和及][^，。；]{0,10})?对[^，。；]{0,12}?(?:投诉|举报|申诉|检举|控告)[^，。；]*，应当(?:接受|受理)",
            after[: sanction.start()],
        )
        and not _given_sanction(after[sanction.end() :])
    ):
        # complaint-then-handling: 接到举报后，应当立即核查并依法处理 / 自收到投诉之日起七个工作日内予以处理 handles a
        # complaint; 依法处理 alone gives no sanction of the body's own
        return "respond", "complaint-then-handling"
    # the referral word must sit in the sanction's own part: 加强…案件移送…，及时查处 enforces
    if sanction and re.search(r"由|告知|移送|报告|移交|提请", re.split(r"，", after[: sanction.start()])[-1]):
        # referral: 发现…应当由公安机关消防机构依法处理的，及时移送 — the sanction is the other body's
        return ("assist", "referral") if "移送" in after or "移交" in after else _role_of_task(after)
    if sanction and _order_only(sentence, after):
        return "supervise", "order-to-correct"
    # (负责…行政执法工作 is that charge too, where the body holds it itself: not 受…委托具体负责)
    if not sanction and re.search(
        r"行使[^，。；]{0,8}(?:行政执法权|行政处罚权|执法权)|(?:^|[^托体])负责[^，。；]{0,16}行政执法工作", after
    ):
        return "enforce", "enforcement-power"  # 依法行使行政执法权: the body that enforces, whatever the sanction
    if not sanction and _COERCIVE.search(after):
        return "enforce", "coercive-measure"
    if sanction or ("行政处罚" in before and re.search(r"(?:实施|决定)[。；]?$", after)):
        return "enforce", "penalty-enforcer"
    if re.search(r"(?:出具|作出|制作)[^，。；]{0,4}处罚决定书", after):
        return "enforce", "penalty-decision"  # penalty-decision: the body that issues the decision gives the sanction
    return _role_of_task(after)


def _given_sanction(text: str) -> re.Match[str] | None:
    """The first sanction the text gives, past those already suffered or given by another (sanction-suffered)."""
    return _SANCTION.search(_SUFFERED.sub(lambda m: "□" * len(m.group()), text))


def _order_only(sentence: str, after: str) -> bool:
    """order-to-correct: 责令 with no fine or other sanction, in a sentence that names no breach of the text
    (街道办事处…对业主委员会作出的违反法律法规的决定，应当责令限期改正或者撤销): an oversight power, not a penalty."""
    return (
        "责令" in after
        and not _SANCTION.search(after.replace("责令", ""))
        and not re.search(r"责令(?:其)?[^，。；]{0,4}?(?:停产|停业|关闭|拆除|停止营业)", after)  # closing is a penalty
        and not re.search(
            r"违反(?:本条例|本规定|本办法|前款|本条|第)|违法|有下列行为之一|未按|拒不|未经"
            r"|未[^，。；]{1,12}?的，由",  # an omission sanctioned by a body (…未使用再生水的，由…责令限期改正)
            sentence,
        )
    )


def _role_of_task(after: str) -> tuple[str, str]:
    """The role of a state body's task that is no sanction; a body listed with others (街道办事处、乡镇人民政府、
    区住房和城乡建设…部门应当加强…监管) takes the role of the list's own predicate (`shared-predicate`)."""
    # complaint-handling reads the words the list skipping passes over too: in 交通主管部门以及其他有关行政管理部门
    # 接到申诉或者举报，应当依法及时处理 every body of the list handles the complaints
    said, after = after, _skip_listed(after, to_predicate_only=True)
    if not re.search(r"[与同][^，。；]{1,16}?(?:密切|相互|互相|协调|协同)+配合", after):
        # mutual-cooperation: 加强沟通、密切配合 / 相互协调配合 / 建立…协调配合机制 is peers working together, not a
        # hand to another body's task (与公安机关密切配合 is one)
        after = re.sub(r"(?:密切|相互|互相|协调|协同)+配合", lambda m: "□" * len(m.group()), after)
    # (…办理情况 / 处理结果 names the handling as what a body checks: 对诉求办理情况进行督办 oversees it)
    handled = re.sub(r"(?:处理|受理|办理|答复|回应|响应)(?:情况|结果|质量|效率|时限)", "", after)
    if _RESPOND.search(said) and re.search(r"处理|受理|办理|核查|核实|答复|回应|响应|调查|处置", handled):
        return "respond", "complaint-handling"
    if re.search(r"诉求", said) and re.search(_DISPATCH, after):
        return "respond", "complaint-handling"  # dispatching a 诉求, or reaching the one who made it, is handling it
    if re.search(r"接受[^，。；]{0,6}?(?:查询|询问)", said) and re.search(r"答复|回应", after):
        return "respond", "complaint-handling"  # answers-the-public: 接受群众查询，并作好答复工作
    if re.match(r"(?:配合|协助|协同)", _MODAL.sub("", after)):
        return "assist", "assist-verb"  # 应当协助当地人民政府为…提供…指导: the hand is the predicate's own verb
    if _REFERRAL.search(after):
        return "assist", "referral-without-sanction"  # 应当移送市场监督管理部门处理 hands the case on
    finder = _FINDER_REPORTS.search(said)
    if finder and not re.search(r"[，。；：]", said[: finder.start()]) and not re.search(r"责令|查处|处罚|处理", said):
        return "assist", "finder-reports"  # (a list's first body: 村民委员会、居民委员会发现…)
    if _oversight(after):
        return "supervise", "trade-management" if _TRADE_MANAGEMENT.search(after) else "oversight"
    if re.match(
        r"(?:对[^，。；]{1,30}，(?:应当|可以)?)?(?:在[^，。；]{1,12}方面)?"  # (…的建设，应当在土地、资金等方面给予支持)
        r"(?:给予[^，。；]{0,6}(?:支持|补贴|补助|帮助)|提供方便|予以(?:照顾|支持)|支持[^，。；]{1,12}的工作)",
        _MODAL.sub("", after),
    ):  # (支持消费者协会的工作: a hand to another body's work)
        return "assist", "support"  # support: 市人民政府给予必要的支持 — a hand to another body's task
    if _ASSIST.search(after[:12]):
        return "assist", "assist-verb"
    if _PERMIT_DECISION.match(_MODAL.sub("", after)):
        return "supervise", "permit-decision"
    return "lead", "state-lead"


_REPORT_TARGET = re.compile(r"向(?P<list>[^。；向]{1,40}?)(?:进行)?(?:举报|投诉|反映|检举|控告)")


# coercive-measure (Reader 21): a state body's power over a violator that names no fine or order but is one (…逾期不改正
# 的，园林绿化行政主管部门可以委托有资质的专业单位代为履行 / …可委托有关专业单位代履行 / …由作出行政处罚决定的机关申请人民法院
# 强制执行 / 可以指定燃气供应企业代为采取改正措施 / 由有关部门依法采取惩戒
# 措施 / 可以通过…媒体予以曝光 / 可以依法作出拖移决定 / 可以依法对其实施保护性约束措施 / 由公安机关交通管理部门依照道路交通
# 安全法律、法规进行处理 / 依法打击各种危害社会的违法犯罪活动 / 对符合立案标准的立案侦查) enforces; the penalty column gives
# the power's own words, as enforcement-power does (a scheme's 惩戒制度 is sanction-as-noun; 强制清理 in an emergency leads;
# 防范和打击 / 组织集中打击 / 制止和取缔 lead or check the field: only 依法打击 / 依法严惩 is the power itself)
_COERCIVE = re.compile(
    r"代为(?:履行|采取[^，。；]{0,6}措施)|代履行|申请人民法院强制执行|(?:采取|实施)[^，。；]{0,6}惩戒措施|予以曝光|拖移决定"
    r"|保护性约束措施"
    r"|依照[^，。；]{1,20}(?:法律|法规)[^，。；]{0,6}进行处理|依法(?:打击|严惩)[^，。；]{0,12}(?:违法|犯罪)|立案侦查"
)


# finder-reports (Reader 21): a body that 发现… and has only to stop it on the spot and tell the body in charge
# (村民委员会、居民委员会发现本区域内违反本条例行为的，应当予以制止或者向有关部门报告 / …应当予以劝阻，并报告街道办事处… /
# 乡镇人民政府、街道办事处发现…的，应当及时报告所在地的区生态环境主管部门，配合做好…) lends a hand to that body's task:
# assist; not where it orders a correction itself (应当责令改正，并…报告: supervise) or 由X报告 (its own task)
_FINDER_REPORTS = re.compile(
    r"发现[^。；]*?的，(?:应当|应|要)(?:及时|立即|依法)*(?:予以)?(?:(?:劝阻|制止)(?:，?并|或者)?)?(?:及时|立即)?"
    r"(?:向[^，。；]{1,30}?)?报告"
)


# permit-decision (Reader 18): a body whose own predicate decides on a permit or an application (应当自受理…申请之日起
# 十二个工作日内作出行政许可决定 / 在办理燃气经营许可手续时 / 由区园林绿化行政主管部门批准 / 审查…准许证申请材料)
# grants it, as the hand reading counts an approval (规划自然资源主管部门审批时: supervise); a plan it drafts and sends
# 报…批准 stays its own task
_PERMIT_DECISION = re.compile(
    r"(?:在?自?[^，。；]{1,24}?(?:之日起|后)[^，。；]{0,12}?内，?)?(?:依照法定程序，?|依法|根据[^，。；]{1,30}?的需要)?"
    r"(?:作出[^，。；]{0,6}?(?:许可|同意)的?决定|作出同意或者不同意的[^，。；]{0,4}决定|在?办理[^，。；]{0,12}?许可"
    r"|审批|批准|核准|审查[^，。；]{0,16}?申请|(?:核发|颁发)[^，。；]{0,16}?(?:许可证|资质证书|证件))"
)


# referral-without-sanction: a body whose predicate hands a case to another body (将涉嫌犯罪案件移送公安机关，依法追究
# 刑事责任; 发现…的，应当移送市场监督管理部门处理) assists, as one that refers a sanction does, with no sanction word
_REFERRAL = re.compile(
    r"(?:^|，|应当|及时|依法|将[^，。；]{1,20}?)(?:移送|移交)(?:给)?(?:有关|相关|同级|所在地)?[^，。；]{0,10}?(?:机关|部门|机构)"
)
_MODAL = re.compile(
    r"^(?:，|应当|依法|及时|可以|要|必须|按照规定|根据需要|还|并|(?:按照|根据|依照|依据)(?:各自(?:的)?)?职责(?:分工)?|在各自职责范围内)+"
)


# body-name-not-verb: the 监督 of a body's name (与市场监督管理部门建立…机制, 质量技术监督部门) is no checking verb
_OVERSEER_NAME = re.compile(r"监督(?=(?:管理)?(?:部门|局|机构|机关))")


# oversight-as-noun: a checking word that qualifies a thing the body sets, names or publishes (…监督管理职责进行确定,
# …监督管理工作指导意见, 公布…日常监督管理信息, 配备监督检查人员, 监督管理的有关工作机构) is no checking verb
_OVERSIGHT_NOUN = re.compile(
    r"(?:监督|监管|检查|指导|督查)(?:管理|检查)?(?:工作)?(?=(?:的[^，。；、]{0,6}?)?(?:职责|意见|信息|人员|员|队伍|力量|机构|体系))"
)


# trade-management: a state body that (与政府其他有关部门应当)加强对旅店、…、汽车修理等行业的管理 or (与公安机关密切配合，
# 共同)对影剧院…等场所加强管理 oversees trades and premises others run, as 监督管理 does: supervise (加强对外地来京务工、经商人员的管理 stays lead)
_TRADE_MANAGEMENT = re.compile(
    r"(?:与[^，。；]{1,16}?配合，共同|与[^，。；]{1,20}?(?:应当|要))?(?:对[^。；]{1,80}?(?:行业|场所|市场)的?加强管理|加强对[^。；]{1,80}?(?:行业|场所|市场)的管理)"
)


def _oversight(after: str) -> bool:
    """oversight: the predicate's own verb is one of checking (监督、检查、指导、核实 …), not a verb it governs."""
    after = _OVERSEER_NAME.sub("□□", after)
    if re.match(
        r"(?:(?:应当|依法|按照[^，。；]{0,8}?)?)*(?:履行|实施|落实)[^，。；]{0,12}?(?:监督管理|监管|监督检查)职责",
        after,
    ):  # (Reader 19: a duty list's closing 实施/落实物业管理方面的其他监督管理职责 as well)
        return True  # charge-of-oversight: 履行食品安全监督管理职责，加强对…的日常监督检查
    after = _OVERSIGHT_NOUN.sub(lambda m: "□" * len(m.group()), after)
    # an opening 在…内/后/前/时， or 在…的领导下， (under-leadership) sets the frame; the verb comes after it
    head = _MODAL.sub("", re.sub(r"^(?:应当)?在[^，。；]*?(?:内|后|前|时|下)，", "", _MODAL.sub("", after)))
    first = re.split(r"[，；。]", head, maxsplit=1)[0]
    # reminder-in-default (Reader 19): …逾期不交纳物业费的，业主委员会…应当督促其交纳 / 应当及时通知、督促业主…补足专项
    # 维修资金 / 未按规定提出申请的，…应当督促其履行职责 — urging the one party in default is the body's own task: lead
    if re.fullmatch(r"(?:及时)?(?:通知、)?督促(?![、和与]|检查|指导|考核)[^，。；]*[。；]?", head):
        return False
    if head.startswith("负责") and re.search(r"监督(?:和|与)?管理|监管|监督工作|监督检查", first):
        return True  # charge-of-oversight: 负责物业管理相关监督管理工作 is oversight, not the lead of the sector
    if re.match(r"(?:指定|确定|明确)[^，。；]{0,8}?(?:部门|单位|机构)", head):
        return False  # designator: 由市人民政府指定相关部门负责监督管理 — the body that names the overseer leads
    if head.startswith(("主管", "负责", "是")):
        return False  # the body in charge leads, whatever checking its charge includes
    if re.match(r"(?:统一)?领导(?!小组|机制)", head):
        return False  # leads-the-field (Reader 18): 统一领导、组织协调…监督管理工作 leads, as 领导…消防工作 does
    if re.match(
        r"组织[^，。；、]{0,20}?(?:部门|单位|机构|力量|人员)(?:和个人)?(?:依法)?(?:开展|进行|实施|做好|编制|制定)", head
    ):
        return False  # organiser: 组织政府有关部门开展消防安全检查 — the body that has others check leads the task
    # organiser-first (Reader 20): a predicate that opens with 组织 and goes on with other verbs or the work itself
    # (由居民委员会组织、监督实施 / 组织、指导和协调…标准的制定工作 / 组织做好本行业…的绿化监督与管理工作 / 组织实施…) leads
    # the work, whatever checking follows; not where the body oversees others' 履行…职责 (组织、指导、监督本级人民政府
    # 有关部门…履行消防工作职责), nor 组织验收 / 组织…的监督检查工作, a check it runs
    if re.match(r"组织(?:[、和]|做好|实施|落实|有关|相关)", head) and not re.search(r"履行[^，。；]{0,10}职责", first):
        return False
    if re.match(r"发现[^。；]*?的，(?:应当|应|及时|立即)*(?:通知|督促|要求|提醒)", head):
        return True  # finder: 发现…不能正常使用的，应当通知维护管理单位及时维护 — it makes another party act
    # (oversight-over-a-list: 加强对辖区内燃气供应企业、非居民用户安全生产状况的监督检查 checks all it lists; a
    # condition-of-the-body, 进行综合执法的，应当加强对…的监督检查, says when the body does it)
    if re.match(
        r"(?:(?!发现)[^，。；]{2,16}?的，(?:应当|应|还应当)?)?"
        r"加强(?:对[^，。；]{1,30}?的)?(?:[^，。；、]{1,6}和|[^，。；、和]{2,8}?)?(?:监管|监督|指导|检查|督促)",
        head,
    ):
        return True
    if _TRADE_MANAGEMENT.match(head):
        return True  # trade-management: 加强对旅店…等行业的管理 / 对…等场所加强管理 oversees the trades others run
    # among-tasks: a checking verb past the first two parts (…，制定应急处置预案，…，加强监督管理) closes a list of the
    # body's own tasks, and the clause leads; a basis (依照…的规定，) or a （以下统称…） is no part
    parts = head.split("，")
    while len(parts) > 1 and re.match(r"[（）]|依照|按照|根据|依据", parts[0]):
        parts.pop(0)
    if re.search(
        r"(?:进行|实施|加强|给予|负责)(?:对[^，。；]{1,20}?的)?(?:监督|检查|指导|考核|督促|审核|审查|核查)"
        r"|实施(?!综合)(?:[^，。；]{1,8}?监督管理|监管)",  # (…职责实施食品安全监督管理, …标准实施监管; 综合监督管理 is the whole's charge)
        "，".join(parts[:2]),
    ):
        return True
    # evaluation: 委托专业评估机构对物业服务企业…情况进行评估 (or 进行评价) checks a party's work, not the body's own
    # standard
    if re.search(r"对[^，。；]*?(?:企业|单位|机构|情况)[^，。；]*?进行评(?:估|价)", head):
        return True
    return bool(_SUPERVISE.search(first)) and not head.startswith(("在", "加强"))


def _own_penalty(penalty: str, kind_id: str, lexicon: Lexicon) -> str:
    """penalty-of-its-own-body: a penalty that runs on into another body's sanction stops before it (…并处5万元以上
    10万元以下罚款；非法安装警报器、标志灯具的，由公安机关交通管理部门依法强制拆除 — the second sanction is the police's;
    …吊销营业执照，并由城市管理综合执法部门吊销燃气经营许可证). The condition that opens the other body's part goes with
    it; the same body named again (由水务部门责令…) keeps its sanction."""
    for m in lexicon.holders(penalty):
        lead = penalty[: m.start]
        if kind_id in m.kinds or not re.search(r"由(?:所在地的?)?$", lead) or not _given_sanction(penalty[m.end :]):
            continue
        # the cut goes back over the words of the other body's part that give no sanction (…的，/…内，/并可以按照…规定，)
        # but never past a ；
        semi = lead.rfind("；")
        cut = semi if semi > 0 and not _given_sanction(lead[semi + 1 :]) else -1
        if cut < 0:
            cut = next(
                (b for b, c in enumerate(lead) if c == "，" and b > semi and not _given_sanction(lead[b + 1 :])), -1
            )
        return penalty[:cut] if cut > 0 else penalty
    return penalty


def _penalty(after: str, rest_of_clause: str) -> str:
    """The sanction's own words: from the first sanction verb to the end of the sentence (past any ；)."""
    start = _given_sanction(after)
    if not start:
        return ""
    text = after[start.start() :]
    if not text.endswith("。"):
        text += rest_of_clause.split("。", 1)[0]
    return text.rstrip("。；")


def _default_enforcers(reg: RegulationText, lexicon: Lexicon) -> list[Mention]:
    """default-enforcer: the body a text names as the one that 实施行政处罚 (its first such article)."""
    for a in reg.articles:
        for p in a.paragraphs:
            for s in SENTENCE.findall(p.text):
                if _ENFORCER_ARTICLE.search(s) and not cited_text(s):
                    found = [
                        m
                        for m in lexicon.mentions(s)
                        if all(lexicon.kinds[k].state for k in m.kinds if k in lexicon.kinds)
                        and not s[m.end :].startswith(("的", "确定"))  # 按照市人民政府确定的分工: not an enforcer
                    ]
                    if found:
                        return found
    return []


_PREDICATE = re.compile(r"应当|负责|可以|依法|必须|不得|要|须|按照|根据|在")
_MODALS = ("应当", "负责", "可以", "必须", "不得")
_DELEGATED = re.compile(r"，并由(?:本级|其所属的?)?$")
_EXECUTES = re.compile(r"(?:具体)?(?:负责)?(?:具体)?实施[。；]?$")
_MODAL_WORD = re.compile(r"应当|负责|可以|必须|不得|依法|(?:按照|根据|依照|依据)(?:各自|职责)|在各自")


def _skip_listed(after: str, to_predicate_only: bool = False) -> str:
    """The predicate after a holder phrase, past the rest of a list of holders it heads (whole-predicate); with
    `to_predicate_only`, the text stays as it is unless a modal (应当、负责 …) marks where the predicate starts."""
    after = after.lstrip("，")
    # the duty's words also skip a co-subject after 与 whose part reaches the shared modal (公安机关与政府其他有关部门
    # 应当…); the role is still read from the words as written
    co_subject = "" if to_predicate_only else r"|与(?=[^，。；]{1,20}?(?:应当|负责))"
    while re.match(rf"(?:、|和|及其|及(?!时)|以及|或者|等{co_subject})", after):
        predicate = (_MODAL_WORD if to_predicate_only else _PREDICATE).search(after[:60])
        cut = re.search(r"[，；。]", after)
        if predicate and (cut is None or predicate.start() < cut.start() or predicate.group() in _MODALS):
            after = after[predicate.start() :]
        elif to_predicate_only:
            break
        elif cut:
            after = after[cut.end() :]
        else:
            break
    return after


def _duty_text(after: str) -> str:
    """The duty's own words: the predicate after the holder phrase, with its modals taken off. Where the holder was
    one of a list (公安机关、城市管理综合执法机构及其他相关部门应当…) the rest of the list is skipped, so the summary
    starts at the predicate, not mid-phrase (whole-predicate)."""
    after = _skip_listed(after)
    text = re.sub(
        r"^(?:应当|负责|要|须|必须|可以|依法|(?:按照|根据|依照|依据)各自的?职责(?:和[^，。；]{0,10})?，?|，)+",
        "",
        after,
    ).rstrip("。；")
    return text[:DUTY_CHARS]


def _item_locator(locator: str, item: Item) -> str:
    """A 项's locator under its 款's (第二款 -> 第二款第（三）项), as the rows write it."""
    return f"{locator}第{item.label}项"


def _listed_duty(duty: str, item: Item | None) -> str:
    """list-duty: a 项's row whose duty is only its list's lead-in (违反本条例第四十六条规定，有下列行为的，按下列规定处罚：)
    takes its item's words, which say what the duty is, and the matcher weighs a duty's words above its quote's. (A
    款's row keeps its lead-in: its items' words in the duty made the matcher claim complaints no text governs.)"""
    return item.text.rstrip("；。")[:DUTY_CHARS] if item is not None and duty.endswith("：") else duty


def _own_predicate(sentence: str, m: Mention, subjects: list[Mention]) -> str:
    """own-predicate: a trader's obligation must sit in its own part of the sentence, before the next subject named
    apart from it (单位存在严重消防违法行为…，公安机关消防机构应当通知… obliges the fire agency, not the unit)."""
    end = len(sentence)
    for other in subjects:
        if other.start > m.end and not _SEPARATOR.fullmatch(sentence[m.end : other.start]):
            gap = sentence[m.end : other.start]
            # (…等交通枢纽，以及进京检查站、…的运营管理单位应当… is one list across its comma)
            if not re.fullmatch(r"(?:，?(?:、|和|及|以及|与|或者)[^，。；]{0,12})*", gap) and re.match(
                r"(?:应当|必须|负责|可以|不得|依法|有权)", sentence[other.end :]
            ):
                end = other.start
                break
    return sentence[m.end : end]


def _rows_of(
    sentence_source: str,
    clause: Clause | None,
    article: Article,
    locator: str,
    quote: str,
    lexicon: Lexicon,
    default: list[Mention],
    inherited: list[Mention] | None = None,
) -> list[Row]:
    rows: list[Row] = []
    if _REPEAL.search(sentence_source) or (_CATCH_ALL.match(sentence_source) and len(sentence_source) < 40):
        return rows
    enforcers: list[Mention] = []  # same-clause-enforcer: a later sanction in the clause goes to the body named first
    consumed = 0
    carried: list[Mention] = []
    cited_before: list[Citation] = []
    for sentence in SENTENCE.findall(sentence_source):
        consumed += len(sentence)
        rest_of_clause = sentence_source[consumed:]
        if _DEFINITION.match(sentence):
            continue
        mentions = lexicon.holders(sentence)
        subjects: list[Mention] = []
        previous: Mention | None = None
        prev_subject = False
        forced: dict[int, tuple[str, str]] = {}
        qualifying = _qualifying_lists(sentence, mentions)
        for m in mentions:
            is_subject = subject_position(sentence, m, previous, prev_subject) and m.start not in qualifying
            if is_subject:
                subjects.append(m)
            else:
                named = _named_object(sentence, m, mentions)
                if named:
                    subjects.append(m)
                    forced[m.start] = named
            previous, prev_subject = m, is_subject
        # time-clause: 执法机关履行监督检查职责时，有关单位和人员应当积极配合 — the holder named right after the 时，
        # is the subject; the one before it only sets the time (检查人员不得少于两人 leaves the body its own task)
        starts = {m.start for m in subjects}
        subjects = [
            m
            for m in subjects
            if not ((t := re.match(r"[^，。；]*?时，", sentence[m.end :])) and m.end + t.end() in starts)
            # (subordinate-mention, Reader 19: 居民委员会讨论…问题，需要他们参加会议时，他们应当派代表参加 — the 时 part
            # may run past a comma, and 他们 names the others)
            and not re.match(r"[^。；]*?时，他们", sentence[m.end :])
        ]
        # anaphora-by-其: 公园…等单位管理的湖泊，由其负责建立健全管理制度 — 其 is the holder named just before it in
        # the sentence, and the clause's agent
        pronoun = re.search(r"由其(?=负责|应当|承担)", sentence)
        if pronoun and not any(m.start < pronoun.start() for m in subjects):
            named_before = [m for m in mentions if m.end <= pronoun.start()]
            if named_before:
                m = named_before[-1]
                subjects.insert(0, Mention(m.kinds, m.levels, pronoun.start() + 1, pronoun.end(), "anaphora-by-其"))
        rules_extra: list[str] = []
        if not subjects and inherited and not carried:
            # (an item that names its own body keeps it past a ；: （七）公安机关负责…；…依法协助有关部门强制执行)
            subjects, rules_extra = inherited, ["duty-list"]
        elif not subjects and _ORGANISER.match(sentence):
            # organiser-described: 在…公共场所组织娱乐、集会等活动…的，应当控制音量 obliges whoever organises the
            # activity, named by the act alone
            subjects, rules_extra = [Mention(("event_organiser",), ("unit",), 0, 0, "organiser-described")], []
        elif not subjects and carried and re.search(r"应当|负责|可以", sentence) and not _given_sanction(sentence):
            # shared-subject: after a ；, a part that names no one goes on with the bodies of the part before
            # (…部门应当积极履行管理和监督职责；对于…举报或者投诉的…行为，应当依法及时处理)
            subjects, rules_extra = carried, ["shared-subject"]
        before = carried
        carried = (
            # (a body named as an object that holds a part, 经居民会议讨论决定, carries no subject on: `subordinate-mention`)
            [
                m
                for m in subjects
                if m.start not in forced and all(k in lexicon.kinds and lexicon.kinds[k].state for k in m.kinds)
            ]
            if sentence.endswith("；")
            else []
        )
        state_subject = any(lexicon.kinds[k].state for m in subjects for k in m.kinds if k in lexicon.kinds)
        if not state_subject and _given_sanction(sentence) and re.search(r"违反|责令|罚款", sentence):
            if enforcers:
                subjects, rules_extra = enforcers, ["same-clause-enforcer"]
            elif before:
                # carried-enforcer: after a ；, a sanction that names no body is given by the bodies of the part before
                # (应急管理部门…应当责令立即排除；有重大…隐患的，应当责令暂时停产停业), not by the text's default enforcer
                subjects, rules_extra = before, ["carried-enforcer"]
            elif default:
                subjects, rules_extra = default, ["default-enforcer"]
        cross = cited_text(sentence)
        # (a part after a ；that names its own breach — 违反第（七）项规定 — does not take the cited articles of the
        # part before)
        cited = citations(sentence) or ([] if "违反" in sentence else cited_before)
        cited_before = cited
        sentence_rows: list[Row] = []
        for m in subjects:
            borrowed = (
                m in (inherited or [])
                or "default-enforcer" in rules_extra
                or "same-clause-enforcer" in rules_extra
                or "shared-subject" in rules_extra
                or "carried-enforcer" in rules_extra
            )
            after = sentence if borrowed else sentence[m.end :]
            own = after if borrowed else _own_predicate(sentence, m, subjects)
            # delegated-execution: in …公安机关对…消防工作实施监督管理，并由本级公安机关消防机构负责实施 the body that
            # carries the task out holds it as the body that was given it: its role is read from that body's predicate
            if m is not subjects[0] and _DELEGATED.search(sentence[: m.start]) and _EXECUTES.match(after):
                after = sentence[subjects[0].end :]
            for kind_id in m.kinds:
                kind = lexicon.kinds.get(kind_id)
                if kind is None:
                    continue
                decided = forced.get(m.start) or _role(
                    kind,
                    sentence,
                    own if not kind.state else after,
                    agent=bool(re.search(r"由(?:[^，。；由]{0,8}的)?$", sentence[: m.start])),
                )
                if kind.state and decided and not borrowed and _RESPOND.search(sentence[m.start : m.end]):
                    decided = ("respond", "complaint-handling")  # 收到检举、控告的机关…查处: named by what it received
                if decided is None or (
                    decided
                    in (
                        ("supervise", "approval-target"),
                        ("supervise", "application-target"),
                        ("lead", "decision-target"),
                        ("enforce", "petition-target"),
                        ("assist", "consulted"),
                        ("supervise", "oversight-accepted"),
                        ("supervise", "consent-required"),
                        ("supervise", "permit-required"),
                        ("respond", "report-target"),
                    )
                    and (not kind.state or kind.id in SELF_GOVERNING)
                ):
                    continue  # approval-target, petition-target, consulted: only a public body's part counts
                role, rule = decided
                if rules_extra and rules_extra[0] in ("default-enforcer", "same-clause-enforcer", "carried-enforcer"):
                    role, rule = "enforce", "penalty-enforcer"
                if role == "enforce" and m not in enforcers:
                    enforcers.append(m)
                levels = m.levels if set(m.levels) <= set(kind.levels) and m.levels else kind.levels
                row = Row(
                    article.label,
                    locator,
                    kind_id,
                    levels,
                    role,
                    quote,
                    # (permit-required: the grantor's duty is the act it permits, the sentence that asks for it)
                    sentence[:DUTY_CHARS]
                    if rule == "permit-required"
                    else _duty_text(after[head.end() :] if (head := _UNIT_HEAD.match(after)) else after)
                    # (agent-by-由 closing its sentence: …绿化及其管理维护由河湖管理机构负责 says its duty before the body)
                    or _duty_text(sentence),
                    penalty=_own_penalty(
                        (_duty_text(after) if rule == "penalty-decision" else "")
                        or _penalty(after, rest_of_clause)
                        or _penalty(sentence_source, "")
                        or (
                            _duty_text(after)
                            if rule in ("enforcement-power", "penalty-decision", "coercive-measure")
                            else ""
                        ),
                        kind_id,
                        lexicon,
                    )
                    if role == "enforce"
                    else "",
                    rules=[
                        m.rule,
                        "subject-position",
                        *rules_extra,
                        rule,
                        *(["interpretation-clause"] if "负责解释" in sentence else []),
                        *(["unit-head"] if m.levels == ("unit",) and _UNIT_HEAD.match(sentence[m.end :]) else []),
                        *(
                            ["permit-subject"]
                            if m.levels != ("unit",) and _PERMIT_SUBJECT.match(sentence[m.end :])
                            else []
                        ),
                    ],
                    sanctions=cross if role == "enforce" else "",
                    cited=cited if role == "enforce" and kind.state else [],
                )
                sentence_rows.append(row)
        for row in sentence_rows:
            row.co_holders = [f"{o.holder_kind}:{o.role}" for o in sentence_rows if o.holder_kind != row.holder_kind]
        rows.extend(sentence_rows)
    return rows


def _forbids_anyone(text: str, lexicon: Lexicon) -> bool:
    """A clause that forbids something to anyone (任何人不得… / 禁止…) and names no holder as the one it forbids."""
    for sentence in SENTENCE.findall(text):
        found = _ANYONE_FORBIDDEN.search(sentence)
        if not found:
            continue
        # the one forbidden is named where a holder stands right before the ban in its part of the sentence
        # (经营者不得…, 各级政府及其所属部门不得…) or right after 禁止 (禁止施工单位允许…); 市人民政府规定的…时段内，
        # 禁止… names a time, 任何单位和个人不得… anyone
        named = [
            m
            for m in lexicon.holders(sentence)
            if (m.end <= found.start() and not re.search(r"[，的]", sentence[m.end : found.start()]))
            or 0 <= m.start - found.end() <= 1
        ]
        if not any(not sentence[: m.start].endswith("任何") for m in named):
            return True
    return False


def _prohibition_rows(reg: RegulationText, rows: list[Row], lexicon: Lexicon) -> list[Row]:
    """prohibition-enforcer: a clause that forbids something to anyone and names no public body (任何人不得有下列行为：
    （一）侮辱、恐吓…医务人员…) is held by each body a penalty clause of the text charges with sanctioning it (违反本规定
    第十八条第二款、第二十三条规定…，由公安机关…处罚): role enforce, the prohibition's own quote, the penalty's body and
    sanction. One row on the 款, as the hand reading keeps a list of prohibitions; one per 项 where a body sanctions
    only some of the items. Rows are numbered after the article's other rows (numbered-last)."""
    sanctioners = [r for r in rows if r.role == "enforce" and r.cited]
    out: list[Row] = []
    for a in reg.articles:
        for p in a.paragraphs:
            locator = a.paragraph_label(p)
            held = [r for r in rows if r.article == a.label and r.clause.startswith(locator)]
            if any(lexicon.kinds[r.holder_kind].state for r in held if r.holder_kind in lexicon.kinds):
                continue
            if not _forbids_anyone(p.text, lexicon):
                continue
            items = {i.number for i in p.items}
            by_body: dict[str, tuple[Row, set[int] | None]] = {}
            for r in sanctioners:
                if r.article == a.label:
                    continue
                for number, suffix, para, item in r.cited:
                    if (number, suffix) != (a.number, a.suffix) or para not in (None, p.number):
                        continue
                    if item is not None and item not in items:
                        continue
                    first, covered = by_body.get(r.holder_kind, (r, set()))
                    if covered is None or item is None:
                        by_body[r.holder_kind] = (first, None)
                    else:
                        by_body[r.holder_kind] = (first, {*covered, item})
            if len(by_body) > 1:  # a lead-in's 有关行政主管部门 whose items name the bodies: the bodies hold it
                by_body.pop("relevant_departments", None)
            for kind_id, (penalty_row, covered) in by_body.items():
                if covered is not None and covered >= items:
                    covered = None
                places = (
                    [(locator, p.full_text, p.text)]
                    if covered is None
                    else [
                        (_item_locator(locator, i), p.text + i.label + i.text, i.text)
                        for i in p.items
                        if i.number in covered
                    ]
                )
                for clause, quote, text in places:
                    out.append(
                        Row(
                            a.label,
                            clause,
                            kind_id,
                            penalty_row.holder_level,
                            "enforce",
                            quote,
                            _duty_text(text),
                            penalty=penalty_row.penalty,
                            rules=["prohibition-enforcer"],
                            sanctioned_by=penalty_row.article + penalty_row.clause,
                        )
                    )
    for row in out:
        row.co_holders = [
            f"{o.holder_kind}:enforce" for o in out if o.key[:2] == row.key[:2] and o.holder_kind != row.holder_kind
        ]
    return out


def extract(reg: RegulationText, lexicon: Lexicon) -> list[Row]:
    """Candidate rows for a whole text, one per (article, clause, holder kind, role), in text order."""
    lexicon = lexicon.with_text_definitions(reg)
    default = _default_enforcers(reg, lexicon)
    rows: list[Row] = []
    for article in reg.articles:
        for paragraph in article.paragraphs:
            rows.extend(_paragraph_rows(article, paragraph, lexicon, default))
    merged: dict[tuple[str, str, str, str], Row] = {}
    for row in rows:
        key = (*row.key, row.role)
        if key in merged and any(n in merged[key].rules and n not in row.rules for n in ("unit-head", "report-target")):
            # unit-head: where the clause names the unit itself as well, that mention's row is the unit's (its id,
            # duty text and rules stay as they were); so is a report-target's where a later sentence names the body
            # that takes the reports (有权向有关部门举报…。接到举报的…有关部门应当依法及时调查处理)
            row.holder_level = tuple(dict.fromkeys(merged[key].holder_level + row.holder_level))
            if "report-target" in merged[key].rules:
                del merged[key]  # (in the later sentence's place, as before the report-target was read)
            merged[key] = row
        elif key in merged:
            kept = merged[key]
            kept.holder_level = tuple(dict.fromkeys(kept.holder_level + row.holder_level))
            kept.penalty = kept.penalty or row.penalty
            kept.co_holders = list(dict.fromkeys(kept.co_holders + row.co_holders))
        else:
            merged[key] = row
    # lead-yields: where one clause gives a holder a sanction, an oversight or a hand besides its own task, the hand
    # reading keeps one row for the holder, with the more specific role (98% of its keys have a single role)
    specific = {r.key for r in merged.values() if r.role != "lead"}
    # sanction-yields: 责令限期改正 and 给予处分 beside the fine the same clause gives are parts of that sanction
    # (…责令限期改正；逾期不改正的，处…罚款): the body keeps its enforce row only
    enforcing = {r.key for r in merged.values() if r.role == "enforce"}
    out = [
        r
        for r in merged.values()
        if (r.role != "lead" or r.key not in specific)
        and not (r.key in enforcing and r.rules[-1] in ("order-to-correct", "discipline"))
    ]
    out.extend(_prohibition_rows(reg, out, lexicon))
    order = {a.label: i for i, a in enumerate(reg.articles)}
    return sorted(out, key=lambda r: (order[r.article], any(n in r.rules for n in _NUMBERED_LAST)))


def _duty_list(lead_in: str) -> bool:
    """duty-list / guided-list (see _DUTY_LIST)."""
    found = _DUTY_LIST.search(lead_in)
    return found is not None and not _GUIDED_LIST.search(lead_in[: found.start()])


def _paragraph_rows(article: Article, paragraph: Paragraph, lexicon: Lexicon, default: list[Mention]) -> list[Row]:
    locator = article.paragraph_label(paragraph)
    lead_rows = _rows_of(paragraph.text, None, article, locator, paragraph.full_text, lexicon, default)
    if not paragraph.items:
        return lead_rows
    rows: list[Row] = []
    lead_mentions = [m for s in SENTENCE.findall(paragraph.text) for m in lexicon.mentions(s)]
    hands_down = (
        _duty_list(paragraph.text)
        and bool(lead_rows)
        and all(lexicon.kinds[r.holder_kind].levels != ("unit",) for r in lead_rows)
    )
    inherited = [m for m in lead_mentions if any(r.holder_kind in m.kinds for r in lead_rows)] if hands_down else None
    task_list = _TASK_LIST.match(paragraph.text)
    if task_list and not lead_rows:  # task-list: 居民委员会的任务：（一）… hands the body to each item
        # (the whole list that ends the task's owner: 居民委员会、村民委员会在…工作中的任务 names both; the owners
        # before the last are `task-list-owners`)
        named = [m for m in lead_mentions if m.end <= task_list.end(1)]
        chain = named[-1:]
        for m in reversed(named[:-1]):
            if not _SEPARATOR.fullmatch(paragraph.text[m.end : chain[0].start]):
                break
            chain.insert(0, Mention(m.kinds, m.levels, m.start, m.end, "task-list-owners"))
        inherited = chain or None
    if not hands_down:
        rows.extend(lead_rows)
    lead_defaults = [r for r in rows if "default-enforcer" in r.rules]
    defaulted: list[Row] = []
    # prohibition-enforcer: a lead-in's citation (违反本条例第二十三条规定…，由…并可以按照下列规定予以处罚：) goes with its
    # items' sanctions, and the items' citations (（六）未按照本办法第三十五条规定进行装修作业…) with the lead-in's body
    # where the item names none
    lead_cited = citations(paragraph.text)
    for item in paragraph.items:
        item_locator = _item_locator(locator, item)
        quote = paragraph.text + item.label + item.text
        item_rows = _rows_of(item.text, None, article, item_locator, quote, lexicon, default, inherited)
        for row in item_rows:
            if row.role == "enforce" and not row.cited and lexicon.kinds[row.holder_kind].state:
                row.cited = lead_cited
            (defaulted if "default-enforcer" in row.rules else rows).append(row)
        if not any(r.role == "enforce" for r in item_rows):
            for row in lead_rows:
                if row.role == "enforce" and lexicon.kinds[row.holder_kind].state:
                    row.cited = list(dict.fromkeys([*row.cited, *citations(item.text)]))
    named_enforcers = {r.holder_kind for r in rows if r.role == "enforce" and r.clause != locator}
    if named_enforcers:  # the items name their enforcers: the lead-in's default is not needed
        # generic-lead-yields: nor is a lead-in's generic 由有关主管部门按照下列规定予以查处： whose items each name
        # the body that sanctions them (a lead-in that gives a sanction of its own, 由有关行政主管部门责令停止侵害…，
        # 并可以按照下列规定予以处罚：, keeps it)
        rows = [
            r
            for r in rows
            if r not in lead_defaults
            and not (
                r.clause == locator
                and r.role == "enforce"
                and r.holder_kind == "relevant_departments"
                and "relevant_departments" not in named_enforcers
                and re.fullmatch(r"(?:查处|处罚|处理)：", r.penalty)
                and "下列规定" in r.duty
            )
        ]
    # items sanctioned by the text's default enforcer make one row on the lead-in that lists them
    for row in defaulted:
        if not any(r.key == (article.label, locator, row.holder_kind) for r in rows):
            row.clause, row.quote = locator, paragraph.full_text
            rows.append(row)
    # penalty-items (Reader 22): a lead-in that 按下列规定处罚 / 按以下规定予以处罚 over items that each carry their own
    # sanction and name no body (（一）擅自改变公园功能的，责令限期改正…并可以处1万元以上10万元以下罚款；) gives its
    # enforcers each item, as the hand reading of a 法律责任 list does: one row per 项, the item's sanction its penalty
    if _PENALTY_ITEMS.search(paragraph.text) and all(
        _penalty(item.text, "") and not lexicon.holders(item.text) for item in paragraph.items
    ):
        split = [r for r in rows if r.clause == locator and r.role == "enforce"]
        for row in split:
            rows.remove(row)
            for item in paragraph.items:
                rows.append(
                    replace(
                        row,
                        clause=_item_locator(locator, item),
                        quote=paragraph.text + item.label + item.text,
                        penalty=_penalty(item.text, ""),
                        co_holders=list(row.co_holders),
                        rules=[*row.rules, "penalty-items"],
                        cited=list(dict.fromkeys([*row.cited, *citations(item.text)])),
                    )
                )
    items = {_item_locator(locator, item): item for item in paragraph.items}
    for row in rows:
        # penalty-by-item only where the lead-in names no sanction of its own (处200元罚款： keeps its own)
        if row.clause == locator and row.role == "enforce" and re.fullmatch(r"[^元]*处罚：", row.penalty):
            row.penalty = _item_penalties(paragraph) or row.penalty
        row.duty = _listed_duty(row.duty, items.get(row.clause))
    return rows


# (…由水行政主管部门给予行政处罚： over items that each carry their own sanction reads the same way)
_PENALTY_ITEMS = re.compile(r"按(?:照)?(?:下列|以下)规定(?:予以)?处罚|给予(?:行政)?处罚：$")


def _item_penalties(paragraph: Paragraph) -> str:
    """penalty-by-item: a lead-in that ends 按照下列规定处罚： leaves the sanctions to its items; the penalty is each
    item's sanction, items with the same one named together (（一）（二）项：责令改正，处5000元以上5万元以下罚款；…)."""
    by_sanction: dict[str, list[str]] = {}
    for item in paragraph.items:
        sanction = _penalty(item.text, "")
        if sanction:
            by_sanction.setdefault(sanction, []).append(item.label)
    return "；".join(f"{''.join(labels)}项：{sanction}" for sanction, labels in by_sanction.items())


def row_dicts(rows: list[Row], reg: RegulationText, code: str, title: str) -> list[dict[str, str]]:
    """The rows in the columns of regulation_duties.csv, ids `<code>-a<article>-<n>` numbered per article."""
    out: list[dict[str, str]] = []
    counter: dict[str, int] = {}
    numbers = {a.label: a.number for a in reg.articles}
    for row in rows:
        n = numbers[row.article]
        counter[row.article] = counter.get(row.article, 0) + 1
        note = f"derived by {READER_VERSION}: " + ", ".join(dict.fromkeys(row.rules))
        if row.sanctions:
            note += f"; sanctions {row.sanctions}"
        if row.sanctioned_by:
            note += f"; sanctioned by {row.sanctioned_by}"
        out.append(
            {
                "id": f"{code}-a{n}-{counter[row.article]}",
                "regulation": title,
                "article": row.article,
                "clause": row.clause,
                "domain": "",
                "whistle_subject": "",
                "duty": row.duty,
                "holder_kind": row.holder_kind,
                "holder_level": ";".join(row.holder_level),
                "role": row.role,
                "co_holders": ";".join(row.co_holders),
                "penalty": row.penalty,
                "quote": row.quote,
                "note": note,
            }
        )
    return out
