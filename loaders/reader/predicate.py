"""The predicate after a holder phrase: where it starts past the rest of a list of holders (`whole-predicate`), and
the duty's own words a row keeps (its opening, DUTY_CHARS long, enough to recognise the clause)."""

from __future__ import annotations

import re

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
