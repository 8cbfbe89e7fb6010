"""Bodies named as objects that the law still gives a part (the hand-read rows count these), and lists of holders
that only qualify a thing.

Rules:
- Objects kept out of subject position: a whole list that qualifies a thing (街道办事处、乡镇人民政府出具的成立证明:
  `list-qualifies-a-thing`); some objects still hold a part: `petition-target` (请求X责令… supervise, 要求X查处
  enforce), `under-oversight`, `approval-target`, `consulted` (征求X的意见, assist), `agent-for`.
- Reader 10: `approval-target` after 报送/报请 too; `consulted` with others in the list (征求有关部门、专家和公众的意见).
- Reader 12: `referral-target` (the body a case goes to 处理 enforces; 移送监察机关 disciplines); `approval-target`
  reads 审查 too (报市规划自然资源主管部门审查, 经…主管部门组织审查; 审查批准 stays out, as 批准 does).
- Reader 13: `oversight-accepted` (接受X的监督检查 / 指导、协调和检查 / 监督、检查: X supervises), `consent-required`
  (征得公安机关交通管理部门同意: the body whose consent a party needs grants it, as a permit: supervise).
- Reader 20: `application-target` — a party that applies 向X (应当向城市管理部门提出申请，经许可后，方可设置 / 向规划
  自然资源主管部门申请…规划许可证 / 向所在地乡镇人民政府或者街道办事处申请登记) makes X the body that grants it:
  supervise, a public body's part only (not 向公安机关申请刻制印章, nor 提出…申请，由X报… where X passes it on).
  `approval-target` reads a closing 报X批准。 that a body named before sends up (…由街道办事处…提出，报区、县人民政府
  批准; not 经村民委员会审议后上报乡镇人民政府批准, which names no sender) and `decision-target` a closing 报X决定。, which
  leads (居民委员会的设立、撤销、规模调整，…报区、县人民政府决定).
- Reader 21: `report-target`: a body a party 有权向…举报 / 投诉 / 反映 (有权向其上级机关或者监察机关举报 / 村民有权…向乡、
  民族乡、镇人民政府，区、县人民政府及其有关主管部门反映) takes the report: respond, a public body's part only, numbered
  last (where a later sentence names the body that takes the reports, that row stands); not 向X提出质询.
- Reader 22: `permit-required` — a body whose approval or permit a party needs before it acts (必须报经有管辖权的水行政
  主管部门批准 / 应当经城市管理部门许可 / 应当经文物行政管理部门批准 / …，报有关部门批准后方可进行 / 应当向设置地的区城市
  管理部门申请许可 / 应当经…审查批准) grants it, as a permit: supervise, a public body's part only (not 经批准的…, a
  permit already given, nor 报X批准后实施, where the sender's own task goes on); the row's duty is the sentence that
  asks for the permit, the act it permits, not the bare 批准 after the body (有管辖权的 between 经 and the body keeps
  it an object: 应当经有管辖权的水行政主管部门审查批准); `application-target` reads 向有管辖权的X提出申请.
- Reader 23: `permit-required` reads a permit X 核发 that a party 应当取得 (准予夜间施工的批准文件).
- Reader 28: `registration-target` — a party that registers 到/向X办理登记注册 (举办学前教育机构应当到所在区教育行政部门办理
  登记注册) makes X the body that keeps the register: supervise, a public body's part only (not 向X办理备案 or 手续:
  the original hand readers count no row for a filing, 物业管理条例 第五十条 and 消防条例 第二十条); `permit-required`
  reads a certificate X 颁发 that a party 并获得 (学前教育条例 第十六条 学前教育任职资格证书).
"""

from __future__ import annotations

import re

from loaders.reader.lexicon import SEPARATOR, Mention
from loaders.reader.sanctions import VIOLATION

_THING_OF = re.compile(r"(?:出具|作出|确定|批准|同意|审批|提供|制定|发放|核发)的|的(?!，)")


def qualifying_lists(sentence: str, mentions: list[Mention]) -> set[int]:
    """list-qualifies-a-thing: where a list of holders ends in a thing they make or decide (持街道办事处、乡镇人民政府
    出具的成立证明), every holder of the list qualifies that thing; the starts of those mentions."""
    out: set[int] = set()
    chain: list[Mention] = []
    for m in [*mentions, None]:
        if m is not None and chain and SEPARATOR.fullmatch(sentence[chain[-1].end : m.start]):
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


def named_object(sentence: str, m: Mention, mentions: list[Mention]) -> tuple[str, str] | None:
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
    while start > 0 and SEPARATOR.fullmatch(sentence[mentions[start - 1].end : mentions[start].start]):
        start -= 1
    while end + 1 < len(mentions) and SEPARATOR.fullmatch(sentence[mentions[end].end : mentions[end + 1].start]):
        end += 1
    before = sentence[: mentions[start].start]
    lead = before[max(before.rfind(c) for c in "，。；：") + 1 :]
    after = sentence[mentions[end].end :]
    if lead.endswith("禁止"):
        return "duty_bearer", "prohibition"
    lawful = not VIOLATION.search(sentence)  # a penalty clause's 报/向 name no approval or application
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
    # registration-target (Reader 28): a party 到/向X办理登记注册、备案 or 手续 (举办学前教育机构应当到所在区教育行政部门办理
    # 登记注册 / 到区停车管理部门办理备案 / 向所在地的区市场监督管理部门办理备案 / 到规划国土部门办理用地审批手续) or 向X备案
    # — X keeps the register and checks what is filed: supervise (a public body's part only)
    if (
        lawful
        and re.search(r"(?:到|向)(?:所在地的?|所在|原)?$", lead)
        and re.match(r"(?:(?:、|和|或者)[^，。；]{0,16}?)?办理[^，。；]{0,8}?(?:登记|注册)", after)
    ):
        return "supervise", "registration-target"
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
        and re.search(
            r"(?:(?:应当|必须|须)(?:依法)?|并)(?:取得|持有|获得)(?:[^，。；]{0,8}?(?:所在地|设置地)的?)?$", lead
        )
        and re.match(
            r"[^，。；]{0,4}?(?:核发|颁发|发放|签发|出具)的[^，。；]{0,20}?(?:批准文件|许可证|许可|证件|证明|执照|证书)",
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


_REPORT_TARGET = re.compile(r"向(?P<list>[^。；向]{1,40}?)(?:进行)?(?:举报|投诉|反映|检举|控告)")
