"""The role a sentence gives a subject holder: discipline, a self-governing body's procedure and powers, a trader's
obligations, a sanction or an enforcement power; a state body's other tasks are read in tasks.py.

Rules:
- `enforcement-power`: a body that 行使行政执法权 enforces; the penalty column then gives the power's own words.
- `discipline`: 监察机关 and 上级主管部门 giving 处分 supervise.
- `non-state-obligation`: a holder whose only level is `unit` is a `duty_bearer` where the sentence obliges it
  (应当、不得、必须、负责 …; `obligation-words`) in its own part of the sentence (`own-predicate`), not where it
  sanctions it (`violator-not-holder`) nor where it only says whom the text binds (`scope-clause`); owners' and
  residents' bodies count as public ones (`self-governing-body`).
- Reader 6: `validity-condition` (…，才能举行).
- Reader 7: `breach-description` (未履行…义务, 依法不承担责任 oblige no one), `penalty-decision` (出具行政处罚决定书
  enforces), 要 as an obligation word right after the holders, a government that 追究…责任 supervises
  (`discipline`), and so does one that orders a failing state body to correct and gives its officials 处分
  (`state-violator`).
- Reader 9: not duties: `disqualification` (…5年内不得申请), a scope clause ending 都应当遵守本条例.
- Reader 11: `agent-obliged` (由销售者先行向消费者赔偿), `passive-oversight` (…审计，由Y负责组织 supervises),
  负责…行政执法工作 is `enforcement-power`.
- Reader 12: `complaint-then-handling` (接到举报后…依法处理 / 自收到投诉之日起…予以处理 responds), `liability-not-duty`
  (…造成损害的，依法承担民事责任 / 连带责任 / 法律责任 says who answers for a harm; 知道或者应当知道 is no obligation word).
- Reader 16: `meeting-procedure`: how a meeting of residents, villagers or owners is called, held and votes (村民会议
  每年至少召开一次，由村民委员会召集 / 召开村民会议，应当有…参加 / 业主大会定期会议应当按照…规定召开) is no task of the
  meeting. `decision-power`: a meeting's decisions need no obligation word (村民会议…制定和修改村民自治章程 / 业主大会…
  决定下列事项: lead; 审议…工作报告, 撤销或者变更…决定: supervise), nor does any self-governing body's 有权 (业主大会和
  业主委员会…有权…要求停止侵害: supervise); not 参加…会议，讨论决定 nor …讨论决定的事项; numbered last.
- Reader 19: `internal-procedure` (meeting-procedure widened to every owners', residents' or villagers' body): how
  such a body is set up, sits, keeps its seal and votes (业主委员会定期会议应当…召开 / 应当召开临时会议 / 筹备组人数应当
  为单数 / 居民委员会决定问题，采取少数服从多数的原则 / 进行工作，应当采取民主和说服教育的方法 / 每届任期三年 / 可以不设
  下属的委员会 / 在…的范围内设立 / 印章由业主委员会保管; and, seen on the development rows, 村民会议授权…讨论决定的具体
  事项应当在村民自治章程中规定) is no task; `sets-up-committees` (居民委员会根据需要设人民调解…等委员会) still leads.
  `decision-power` reaches past a long topic (业主大会和业主委员会，对任意弃置垃圾…等损害他人合法权益的行为，有权…要求
  行为人停止侵害: supervise). `rights-principle`: a party that 行使权利不得危及… or 享有权利，承担义务 is told a
  principle, not an act. `subordinate-mention`: a body named only as what others 参加 or 落实 (不参加所在地的居民委员会 /
  负责落实市人民政府依法采取的各项应急措施), whose only words are a right to refuse (…的，居民委员会可以拒绝) or the consent
  it must get (有关部门，需要居民委员会…协助进行的工作，应当经…人民政府同意并统一安排: the consenting body supervises,
  `consent-required`), or that sets the time of others' act across a comma (…讨论…问题，需要他们参加会议时，他们应当…)
  holds no row; a body named as an object that holds a part (经居民会议讨论决定，…；收支帐目应当及时公布) is no subject
  the next part shares.
- Reader 20: `agent-acts`: a unit named by 由 past a qualifier whose plain verb closes the part (消防车通道标志由
  建筑物的管理使用单位设置) does that act (duty_bearer), as `agent-obliged` reads 先行赔偿.
- Reader 21: `coercive-measure`: a state body's power over a violator that names no fine but is one (委托…代为履行 /
  指定…代为采取改正措施 / 依法采取惩戒措施 / 予以曝光 / 作出拖移决定 / 实施保护性约束措施 / 依照…法律、法规进行处理 /
  依法打击…违法犯罪 / 立案侦查) enforces, the penalty column giving the power's words (防范和打击 does not).
- Reader 24: `coercive-measure` reads 代履行 and 申请人民法院强制执行.
"""

from __future__ import annotations

import re

from loaders.reader.lexicon import SELF_GOVERNING, Kind
from loaders.reader.sanctions import SANCTION, VIOLATION, given_sanction, order_only
from loaders.reader.tasks import role_of_task

_DISCIPLINE = re.compile(r"处分|追究|问责|监察")
_STATE_BREACH = re.compile(
    r"[^，。；]*?(?:机关|部门|政府)(?:及其[^，。；]{0,6})?(?:违反|不履行|未履行|不依法履行|滥用职权|玩忽职守)"
)
_ACCOUNT = re.compile(r"(?<![不予])追究(?![^，。；]{0,16}刑事)[^，。；]{0,16}责任")
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
# breach-description: 未履行公示义务, 依法不承担责任 describe a breach or an exemption; the negated word obliges no one
_NEGATED_OBLIGATION = re.compile(r"(?:未|不|没有)(?:依法|按照规定|按规定)?(?:履行|承担|遵守|做好|保证|确保|负责|负有)")
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


def holder_role(kind: Kind, sentence: str, after: str, agent: bool = False) -> tuple[str, str] | None:
    """The role a sentence gives a subject holder and the rule that decided it; None where it gives none. An
    `agent` is named by 由: a main clause that has a unit pay first (由销售者先行向消费者赔偿) obliges it, with no
    obligation word (`agent-obliged`)."""
    if kind.id in ("supervisory_organ", "superior_authority") and _DISCIPLINE.search(sentence):
        return "supervise", "discipline"
    if kind.state and "处分" in after and not SANCTION.search(after.replace("处分", "")):
        return "supervise", "discipline"
    if (
        kind.state
        and _STATE_BREACH.match(sentence)
        and "处分" in after
        and not re.search(r"罚款|没收|吊销|暂扣|拘留", after)
    ):
        return "supervise", "discipline"  # state-violator: 行政机关…不履行法定职责的，由上级…责令改正…给予处分
    if kind.state and _ACCOUNT.search(after) and not SANCTION.search(after):
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
        if (SANCTION.search(sentence) or _LIABILITY.search(sentence)) and VIOLATION.search(sentence):
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
    if re.match(r"(?:[、和及][^，。；]{0,10})?，?不得", after) and not SANCTION.search(after):
        return None  # state-prohibition: 有关主管部门不得办理相关证照 bars an act; it gives the body no task
    before = sentence[: len(sentence) - len(after)]
    if re.match(r"[^，。；]*?(?:审计|考核|考评|检查)，由[^，。；]{1,20}$", before) and re.match(r"负责组织", after):
        # passive-oversight: 村民委员会成员的…审计，由乡…人民政府负责组织 — it checks another's work
        return "supervise", "passive-oversight"
    # sanction-suffered: 将…受到行政处罚或者行政强制的情况共享到…平台 speaks of a sanction already given, not one to give
    sanction = given_sanction(after)
    if (
        sanction
        and sanction.group() in ("予以处理", "依法处理")
        and re.search(
            r"(?:收到|接到|受理)[^，。；]{0,6}?(?:投诉|举报|申诉|检举|控告)"
            # answers-the-public: 对公民控告、检举或者扭送的犯罪嫌疑人，应当接受，及时依法处理
            r"|^(?:[、和及][^，。；]{0,10})?对[^，。；]{0,12}?(?:投诉|举报|申诉|检举|控告)[^，。；]*，应当(?:接受|受理)",
            after[: sanction.start()],
        )
        and not given_sanction(after[sanction.end() :])
    ):
        # complaint-then-handling: 接到举报后，应当立即核查并依法处理 / 自收到投诉之日起七个工作日内予以处理 handles a
        # complaint; 依法处理 alone gives no sanction of the body's own
        return "respond", "complaint-then-handling"
    # the referral word must sit in the sanction's own part: 加强…案件移送…，及时查处 enforces
    if sanction and re.search(r"由|告知|移送|报告|移交|提请", re.split(r"，", after[: sanction.start()])[-1]):
        # referral: 发现…应当由公安机关消防机构依法处理的，及时移送 — the sanction is the other body's
        return ("assist", "referral") if "移送" in after or "移交" in after else role_of_task(after)
    if sanction and order_only(sentence, after):
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
    return role_of_task(after)


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
