"""Subject position: whether a holder phrase found in a sentence is its subject, the one the sentence obliges or
empowers, or an object, named by what others do to it, with it or for it.

Rules:
- `subject-position`: a holder counts when nothing between the last punctuation and it makes it an object
  (会同、向、报、经、接受、配合 …) and the sentence goes on with a predicate (a body that 发现…的，应当… acts on what
  it found: `finder`, supervise where it makes another party act); a unit named after a public body's own 负责/应当
  in the same part is what the body acts on (`object-of-predicate`: 教育部门负责各级各类学校…的行业管理); a 单位 its
  own words describe or name by its kind (建立专职消防队的单位应当…, 邻近单位应当…, 管护单位应当…) is a subject when
  the obligation follows at once (`described-unit`).
- Objects kept out of subject position: `possession` (属于/归), `consent-by-经`, `relative-clause` (X提供的…),
  `cost-bearer` (费用由X承担), `member-within` (X中应当有…), `passive-agent` (被X认定的…).
- Reader 6: `described-unit` covers any unit its words describe (…的企业事业单位和个体工商户，应当); `described-body`
  (接到报告的…部门应当); `agent-described` (由发放证件的…机构吊销); not holders: `state-violator` (…部门不履行职责…的，
  由…), officials' conduct (…工作人员违反…), `topic-of-work` (本市医院安全秩序管理工作应当…), `object-of-building`
  (新建…医院…，应当).
- Reader 7: `staff-of-body` (医院治安保卫人员因…: the staff, not the body), `place-word` (接受地 is no 接受),
  `list-across-comma` (向A，B反映), `anaphora` (该…部门), 贯彻执行 X's decision makes X an object, `cost-bearer` past a
  long owner phrase, `charge-by-是` (X是…的主管机关 leads).
- Reader 9: `qualified-co-subject` (医院与属地公安派出所应当…); not duties: `protected-party` (…活动受法律保护),
  officials' conduct with 及其交通警察 (unless the clause sanctions).
- Reader 11: a level range after 经 (`level-qualifier`: 经区、县级以上…部门负责人批准 gives no duty), and a government's
  审计机构 is the office, not the government.
- Reader 13: a verb's scope 本村的 / 本居住地区的 is no relative clause (村民委员会办理本村的公共事务), and 物业服务人员 is
  staff, not the 物业服务人 (`staff-of-body`).
- Reader 16: `object-of-review`: a body after 审议、评议、撤销、变更 is what is reviewed or undone (有权撤销或者变更村民
  委员会不适当的决定), not a subject.
- Reader 18: `unit-head` — a unit obliged through its head or its own organ (生产经营单位的主要负责人应当… / 食品生产
  经营单位的主要负责人应当履行下列职责 / 生产经营单位的安全生产管理机构以及安全生产管理人员应当…) is the unit's duty
  (duty_bearer); a 是…责任人 clause (单位的主要负责人是本单位的消防安全责任人) stays out, as the hand reading leaves it;
  numbered after the article's rows (`numbered-last`); where the clause names the unit itself as well, that
  mention's row stands. `permit-subject`: a body followed by 审批/核准 and a main clause (规划自然资源主管部门审批时，
  应当征求… / 发展改革部门审批燃气工程建设项目，应当…) is its subject (not 经X批准, X批准的…); numbered after the
  article's rows (`numbered-last`).
- Reader 19: `cost-allocation` — a bare 承担 closing a sentence that shares a cost by the parties' agreement (物业费，
  由业主按照房屋买卖合同的约定承担 / 房屋买卖合同未约定的，由建设单位承担 / 由业主约定承担), a 费用由X承担 beside another
  party's act (…代为维修养护…，费用由业主承担), and the party whose expense is made good (…参加扑救…所损耗的燃料…，由…
  人民政府给予补偿) give no duty; a cost the text lays on a party (…物业费，由建设单位承担) stays one.
- Reader 23: `partys-paper`: what a party's own notice or terms may not say (经营者明示公告的内容不得…) binds the
  party. `state-violator` takes a list that ends 街道办事处 or names a Chongqing 区县（自治县）人民政府.
  `purpose-not-condition`: 以…为目的， is a purpose, not a condition (经营者不得以排挤竞争对手为目的，…).
  `whoever-does-it`: 单位和个人燃放烟花爆竹的，应当… binds anyone who does it, as 任何单位和个人 does (no units_general
  row; a penalty that cites it makes it a `prohibition-enforcer` clause), while a unit its own words qualify stays a
  party beside 个人 (取水单位和个人应当…).
- Reader 24: a named party beside 个人 stays a party (建设单位或者个人应当…: only a bare 单位 there is the public).
- Reader 25: `unit-head` takes 法定代表人 and …的主要负责人对本单位的…全面负责; agent-by-由 closing on 规定 (…的具体范围，
  由市人民政府规定。) is the body's own act.
- Reader 26: `state-violator` reads …部门，其直接负责的主管人员…有下列行为之一的 (the officials are disciplined, the
  departments hold nothing); `staff-acts-for-body` — X的执法人员…可以查封、扣押 is X's coercive power (河湖保护管理条例
  第四十六条, so the bans it cites, 第十九条、第三十一条, get their enforcer).
- Reader 31: officials' conduct takes 侵害, 隐瞒, 谎报, 缓报, 徇私舞弊 and 打击报复 (国家机关及其工作人员侵害…的: the body
  whose officials did it holds no duty there).
"""

from __future__ import annotations

import re

from loaders.reader.lexicon import GENERAL_UNITS, Mention
from loaders.reader.predicate import OBJECT_MARKERS
from loaders.reader.sanctions import given_sanction

# conduct-of-officials: a body's officials named with it (及其工作人员, 及其交通警察), or the officials alone after 及其
_OFFICIALS = re.compile(r"及其[^，。；]{0,6}(?:工作人员|警察)")
_CONDUCT = re.compile(r"不得|处分|依法行政|责任制度|接受.*监督|违法行为|法定的?职权和程序|文明执法|模范遵守")
# whoever-does-it: 单位和个人燃放烟花爆竹的，应当… binds anyone who does it, as 任何单位和个人 does (after the bare 单位)
WHOEVER_DOES_IT = r"(?:和|或者)个人[^，。；：]{0,24}?的，(?:应当|不得|必须)"


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
            r"(?:(?:及其?|和|、)[^，。；]{0,10})?工作人员[^。；]{0,30}?(?:违反|不履行|未履行|滥用职权|玩忽职守|造成损害|侵害|隐瞒|谎报|缓报|徇私舞弊|打击报复)",
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
    if not agent and any(marker in lead for marker in OBJECT_MARKERS if len(marker) > 1):
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
        or (bare_unit and re.match(WHOEVER_DOES_IT, after))
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
    if m.levels != ("unit",) and PERMIT_SUBJECT.match(after):
        return True
    # unit-head (Reader 18): 生产经营单位的主要负责人应当… / 的决策机构、主要负责人…应当 oblige the unit through its head
    # or its own organ, as …的法定代表人应当… and …的主要负责人对本单位的食品安全全面负责 do (Reader 25); a 是…责任人
    # clause (单位的主要负责人是本单位的消防安全责任人) stays out, as the hand reading leaves it
    if m.levels == ("unit",) and UNIT_HEAD.match(after):
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
        and not given_sanction(sentence)  # (…及其交通警察对…违法行为，应当及时纠正并依法予以处罚 enforces)
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


_STAFF = re.compile(
    r"(?:(?!应当|必须|负责|做好|可以|组织|配备|安排|指派|派出|聘用|招用|培训|动员)[^，。；、和及与或]){1,6}人员(?!密集|应当|必须|负责|须)"
)
PERMIT_SUBJECT = re.compile(r"(?:审批|核准)[^，。；的]{0,20}?，(?:应当|可以|须|必须)")
UNIT_HEAD = re.compile(
    r"的(?:主要负责人|法定代表人|决策机构|安全生产管理机构)(?:(?:、|和|及|以及|或者)[^，。；]{0,16}?)?"
    r"(?=应当|必须|须|不得|对本单位的?[^，。；]{0,12}全面负责)"
)
# the rest of a list of bodies after the first (和其他有关部门, 、区县人民政府): what a predicate may follow
_REST_OF_LIST = r"(?:(?:和|、|及|或者)(?:其他)?[^，。；、]{0,14}?(?:部门|机关|机构|政府|委员会|办事处|单位))*"
# described-unit: a 单位 its own words describe or name by its kind (建立专职消防队的单位应当…, 起火单位和相关人员
# 应当…, 邻近单位应当…, 管护单位应当…) is the clause's subject when the obligation follows it at once (units_general
# unless the lexicon names the kind); the object markers have already been ruled out
_DESCRIBED_UNIT = re.compile(
    r"(?:(?:和|、|及|或者)(?:个人|(?!其他个人)[^，。；、]{1,8}?))?(?P<comma>，?)(?:应当|必须|不得|须)"
)
# partys-paper: 经营者明示公告的内容不得违反… / 经营者制定的格式条款、通知…等不得包含… — what a party's own notice or
# terms may not say binds the party that writes them
_PARTYS_PAPER = re.compile(
    r"[^，。；、应负可依不必须]{1,4}的[^，。；]{0,6}?(?:内容|条款|告示|声明|通知|标识|标签|说明|凭证)[^，。；]{0,24}?(?:不得|应当|必须)"
)
