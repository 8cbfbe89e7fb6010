"""The predicate after a holder phrase: where it starts past the rest of a list of holders (`whole-predicate`), the
duty's own words a row keeps (its opening, DUTY_CHARS long, enough to recognise the clause), and the verbs that make
the holder after them their object (subject position and the default enforcer read them alike)."""

from __future__ import annotations

import re

# Words that make the holder after them an object, not the subject, when they sit between it and the last break.
OBJECT_MARKERS = (
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
DUTY_CHARS = 80  # a row's duty summary: the opening of its predicate, enough to recognise the clause
_PREDICATE = re.compile(r"应当|负责|可以|依法|必须|不得|要|须|按照|根据|在")
_MODALS = ("应当", "负责", "可以", "必须", "不得")
_MODAL_WORD = re.compile(r"应当|负责|可以|必须|不得|依法|(?:按照|根据|依照|依据)(?:各自|职责)|在各自")


def skip_listed(after: str, to_predicate_only: bool = False) -> str:
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


def duty_text(after: str) -> str:
    """The duty's own words: the predicate after the holder phrase, with its modals taken off. Where the holder was
    one of a list (公安机关、城市管理综合执法机构及其他相关部门应当…) the rest of the list is skipped, so the summary
    starts at the predicate, not mid-phrase (whole-predicate)."""
    after = skip_listed(after)
    text = re.sub(
        r"^(?:应当|负责|要|须|必须|可以|依法|(?:按照|根据|依照|依据)各自的?职责(?:和[^，。；]{0,10})?，?|，)+",
        "",
        after,
    ).rstrip("。；")
    return text[:DUTY_CHARS]
