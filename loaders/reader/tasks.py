"""The role of a state body's task that is no sanction: complaint handling (respond), a hand to another body's task
(assist), oversight and permits (supervise), and its own task (lead, the default).

Rules:
- `complaint-handling` (respond; so does a body named by the complaints it receives, 收到检举、控告的机关),
  `oversight` (supervise; 对…企业/情况进行评估 and 加强对…的指导 are oversight too; a body that 组织…部门开展检查
  leads: `organiser`), `assist-verb` / `support` (assist), `state-lead` (lead, the default for a state body; a body
  acting 按照各自职责 takes the role of its own verb, as the hand reading does: 负责 lead, 监督管理 supervise).
- Reader 7: 按照职责 before a body's own verb, an organiser leads whatever checks it has others do, `designator`
  (指定相关部门负责监督管理 leads).
- Reader 9: `support` covers 支持X的工作, and an `organiser` may 编制/制定.
- Reader 10: `evaluation` covers 进行评价, an opening 在…的领导下， is a frame (`under-leadership`),
  `body-name-not-verb` (与市场监督管理部门建立… is no checking), `support` past a topic and a field (对…的建设，应当在…
  方面给予支持), `complaint-handling` reads 申诉 and the words a list's predicate skips, `among-tasks` (加强监督管理
  closing a list of the body's own tasks leads).
- Reader 12: `oversight-as-noun` (a checking word that qualifies a thing — 监督管理职责进行确定, 指导意见, 监督管理
  信息, 监督检查人员 — is no checking verb; 履行…监督管理职责 still is), `oversight-over-a-list` (加强对A、B…的监督检查,
  after a condition of the body's own: 进行综合执法的，应当加强…; 加强对…的监督管理工作, 实施食品安全监督管理, 负责…的
  监督和管理; 实施综合监督管理 is the charge of the whole and leads), `mutual-cooperation` (加强沟通、密切配合 / 协调配合
  机制 is peers working together, not assist; 与X密切配合 still is), `referral-without-sanction` (将涉嫌犯罪案件移送
  公安机关 / 应当移送…部门处理 assists with no sanction word).
- Reader 13: `oversight-as-noun` covers a 监督管理体系 a body builds, `among-tasks` reads 实施监管.
- Reader 16: `trade-management`: a body that 加强对旅店…等行业的管理 or (与公安机关密切配合，共同)对…等场所加强管理
  oversees trades and premises others run, as 监督管理 does: supervise (加强对…人员的管理和教育 still leads).
  `answers-the-public`: a body that takes the public's complaints or queries and answers them responds, as
  complaint-then-handling reads (对公民控告、检举…的犯罪嫌疑人，应当接受，及时依法处理 is no sanction of its own;
  接受群众查询，并作好答复工作).
- Reader 18: `permit-decision`: a public body whose own predicate decides on a permit or an application (应当自受理…
  申请之日起十二个工作日内作出行政许可决定 / 在办理燃气经营许可手续时 / 审查…准许证申请材料) grants it and supervises,
  as the hand reading counts an approval (规划自然资源主管部门审批时); a plan it drafts and sends 报…批准 stays its own
  task. `leads-the-field`: a body whose predicate opens with (统一)领导 (市和区、县人民政府统一领导、组织协调本行政区域的
  食品安全监督管理工作) leads, though the work it leads is oversight, as the hand reading has 领导本行政区域内的消防工作.
- Reader 19: `reminder-in-default`: a body whose only verb urges the party in default (…逾期不交纳物业费的，业主委员会…
  应当督促其交纳 / 应当及时通知、督促业主…补足专项维修资金 / 应当督促其履行职责) leads its own task; it checks no field.
  `charge-of-oversight` reads 实施/落实…监督管理职责 as 履行 (（八）实施物业管理方面的其他监督管理职责: supervise).
- Reader 20: `organiser-first`: a predicate that opens 组织、… / 组织和… / 组织做好 / 组织实施 / 组织有关部门 (由居民委员会
  组织、监督实施 / 组织、指导和协调安全生产地方标准的制定工作) leads, whatever checking follows; not where the body oversees
  others' 履行…职责, nor 组织验收 / 组织…的监督检查工作.
- Reader 21: `finder-reports`: a body that 发现… and has only to stop it and tell the body in charge (村民委员会、居民
  委员会发现…的，应当予以制止或者向有关部门报告 / …应当予以劝阻，并报告街道办事处… / 乡镇人民政府、街道办事处发现…的，应当
  及时报告…，配合做好…) assists; one that orders a correction itself (应当责令改正，并…报告) still supervises.
- Reader 22: `permit-decision` reads 在收到申请之日起…内作出同意或者不同意的决定 / 作出是否许可的决定.
- Reader 23: `complaint-handling` reads the written convention for 接诉即办 (respond: receiving, dispatching, handling
  and answering 诉求): dispatching a 诉求 (派单, 转交) or reaching its petitioner (联系诉求人) handles it, what people
  反映 is a complaint, and a body that checks how petitions were handled (办理情况…督办) oversees.
- Reader 24: `oversight` reads 加强消防安全监督管理 (加强 and a field before the checking word).
- Reader 25: `permit-decision` reads 核发/颁发…许可证 and 作出同意或者不同意的决定 (the grantor supervises).
- Reader 26: `complaint-handling` reads 调查、处置 as handling and a 信访请求 / 信访事项 as a complaint.
- Reader 29: an opening 自…之日起…内， sets the frame as 在…内， does (应当自受理申请之日起七个工作日内，对该场所进行消防
  安全检查: oversight), and `referral-without-sanction` reads 转送 (应当将线索转送监察机关依法调查处理: assist).
- Reader 30: `complaint-handling` reads registering, recording, passing on, telling and hearing a complaint (登记、记录、
  转送、告知、听证: 对于重大、复杂、疑难的信访事项，可以依照规定程序举行听证) as handling it.
- Reader 31: `complaint-handling` reads a deputy's 建议、批评和意见 as a complaint a body must answer (代表建议、批评和意见
  办理条例: 有关机关、组织或者其承办单位应当…答复代表).
"""

from __future__ import annotations

import re

from loaders.reader.predicate import skip_listed

# (a consumer's 申诉 is a complaint; so is what people 反映, and a deputy's 建议、批评和意见 a body must answer)
RESPOND = re.compile(r"投诉|举报|诉求|检举|控告|申诉|信访(?:请求|事项)|反映的(?:问题|情况|意见)|批评和意见")
# complaint-handling under 接诉即办: dispatching a 诉求 (派单, 转交 110) or reaching the one who made it (联系诉求人)
_DISPATCH = re.compile(r"派单|派发|转派|转办|交办|转交|分派|联系诉求人|与诉求人[^，。；]{0,4}沟通")
# complaint-handling: what a body does with a complaint it received (Reader 30: 登记 to 听证)
_HANDLING = re.compile(r"处理|受理|办理|核查|核实|答复|回应|响应|调查|处置|登记|记录|转送|告知|听证")
_SUPERVISE = re.compile(
    r"监督|检查|考核|考评|评估|督促|督查|督办|指导|审核|核实|核查|予以备案|办理备案|列席|派代表|劝阻|巡查|验收"
)
_ASSIST = re.compile(r"配合|协助|协同|参与")


def role_of_task(after: str) -> tuple[str, str]:
    """The role of a state body's task that is no sanction; a body listed with others (街道办事处、乡镇人民政府、
    区住房和城乡建设…部门应当加强…监管) takes the role of the list's own predicate (`shared-predicate`)."""
    # complaint-handling reads the words the list skipping passes over too: in 交通主管部门以及其他有关行政管理部门
    # 接到申诉或者举报，应当依法及时处理 every body of the list handles the complaints
    said, after = after, skip_listed(after, to_predicate_only=True)
    if not re.search(r"[与同][^，。；]{1,16}?(?:密切|相互|互相|协调|协同)+配合", after):
        # mutual-cooperation: 加强沟通、密切配合 / 相互协调配合 / 建立…协调配合机制 is peers working together, not a
        # hand to another body's task (与公安机关密切配合 is one)
        after = re.sub(r"(?:密切|相互|互相|协调|协同)+配合", lambda m: "□" * len(m.group()), after)
    # (…办理情况 / 处理结果 names the handling as what a body checks: 对诉求办理情况进行督办 oversees it)
    handled = re.sub(r"(?:处理|受理|办理|答复|回应|响应)(?:情况|结果|质量|效率|时限)", "", after)
    if RESPOND.search(said) and _HANDLING.search(handled):
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
    r"(?:^|，|应当|及时|依法|将[^，。；]{1,20}?)(?:移送|移交|转送)(?:给)?(?:有关|相关|同级|所在地)?[^，。；]{0,10}?(?:机关|部门|机构)"
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
    # an opening 在…内/后/前/时， (or 自…之日起…内，) or 在…的领导下， (under-leadership) sets the frame; the verb comes
    # after it
    head = _MODAL.sub("", re.sub(r"^(?:应当)?[在自][^，。；]*?(?:内|后|前|时|下)，", "", _MODAL.sub("", after)))
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
