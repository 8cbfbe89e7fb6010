"""What of a pasted text is the citizen's matter: a dispatcher's tool receives call transcripts and work-order forms
whole, and the operator's or the form's own words would otherwise be read as what the complaint is about.

`operator-turns`: in a call transcript ("接线员：您好，12345，请讲。市民：…") the operator's greetings and questions are
the hotline's words, and the hotline law is what a call is about only when the caller says so; the operator's turns and
the speakers' labels are not read, so a call about a school place is not the hotline centre's 接诉 clause because 接线员
spoke.

`form-fields`: a work order ("工单编号：BJ…｜来电时间：…｜诉求类型：投诉｜所属区域：…｜诉求内容：…｜办理时限：3个工作日") is
read by its content fields alone; its number, times, type, area, deadline and the dispatch notes are the dispatch
system's, and 工单, 办理时限 and 派单 would name the hotline law's clauses on orders and deadlines. A form without a
content field is read without its labels and administrative values.

A text with no operator's turn and fewer than two field labels is read whole.
"""

from __future__ import annotations

import re

from graph.segment import set_aside

_OPERATOR = "接线员|话务员|坐席|座席|客服"
_CALLER = "市民|来电人|来电者|来电市民|诉求人|反映人|群众|居民"
TURN = re.compile(rf"(?:^|(?<=[。！？!?…”」\s]))(?:({_OPERATOR})|{_CALLER})[：:]")

# The fields of a work order as dispatch systems label them: content fields hold the citizen's matter.
CONTENT_FIELDS = ("诉求内容", "反映内容", "来电内容", "问题描述", "诉求描述", "事项内容", "工单内容", "具体诉求")
OTHER_FIELDS = (
    "工单编号 工单号 来电时间 受理时间 派单时间 诉求类型 问题类型 工单类型 诉求来源 来源渠道 所属区域 所属街道 联系电话"
    " 联系方式 紧急程度 办理时限 派单意见 转办说明 承办单位意见 原承办单位意见 前期处理情况 处理意见 回访情况 办理结果"
).split()
FIELD = re.compile(rf"【?({'|'.join(sorted((*CONTENT_FIELDS, *OTHER_FIELDS), key=len, reverse=True))})】?[：:]?")
FORM_LABELS = 2  # one label may be words of the complaint (问题描述); two make a form
FIELD_END = re.compile(r"[｜|；;，,。\s【]")  # where a field's value ends when no next label does


def matter_text(text: str) -> str:
    """The text to read for the matter (rules `form-fields`, then `operator-turns`); unchanged when it is neither."""
    return callers_words(form_content(text))


def form_content(text: str) -> str:
    """A work order's content fields, or the form without its labels and administrative values when it has none."""
    fields = _sections(FIELD, text)
    if len({m.group(1) for m, _ in fields}) < FORM_LABELS:
        return text
    content = [text[m.end() : end].strip(" ｜|；;，,") for m, end in fields if m.group(1) in CONTENT_FIELDS]
    if content:
        return "。".join(content)
    # no content field: each label and its value up to the first separator go, the rest stays to be read
    spans = [(m.start(), _value_end(text, m.end(), end)) for m, end in fields]
    return set_aside(text, spans)[1]


def callers_words(text: str) -> str:
    """The text without a transcript's operator turns and speaker labels (rule `operator-turns`)."""
    turns = _sections(TURN, text)
    if not any(m.group(1) for m, _ in turns):
        return text
    spans = [(m.start(), end if m.group(1) else m.end()) for m, end in turns]
    return set_aside(text, spans)[1]


def _sections(label: re.Pattern[str], text: str) -> list[tuple[re.Match[str], int]]:
    """Each label found and where its section ends: at the next label, or at the end of the text."""
    found = list(label.finditer(text))
    ends = [m.start() for m in found[1:]] + [len(text)]
    return list(zip(found, ends[: len(found)], strict=True))


def _value_end(text: str, start: int, limit: int) -> int:
    """Where an administrative value ends when no next label ends it sooner: at the first separator."""
    found = FIELD_END.search(text, start, limit)
    return found.start() if found else limit
