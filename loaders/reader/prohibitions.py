"""Prohibitions on anyone: a clause that forbids something to anyone and names no public body is held by the bodies
that sanction it.

Rules:
- Reader 14: `prohibition-enforcer` — a clause that forbids something to anyone (任何人不得有下列行为：（一）侮辱、恐吓…
  医务人员 / 任何单位和个人不得… / 禁止… / 在…范围内禁止…) and names no public body is held, role enforce, by each body a
  penalty clause of the same text charges with sanctioning it by number (违反本规定第十八条第二款、第二十三条规定…，由公安
  机关…处罚 / 有本条例第X条规定情形之一的 / 未按照本条例第X条规定 / 第X条至第Y条 / 第（二）项至第（四）项), with the
  prohibition's own quote and the penalty's body, level and sanction: one row on the 款, as the hand reading keeps a
  list of bans, one per 项 where a body sanctions only some items; a lead-in's citation goes with its items' bodies
  and an item's citation with the lead-in's body; a generic 有关行政主管部门 yields to the bodies the items name;
  numbered after the article's rows (`numbered-last`). A ban named on a party (经营者不得…, 禁止施工单位…) or a 禁止 that
  qualifies a thing (禁止吸烟场所的, 禁止事项, 国家禁止的农药品种) is none.
- Reader 25: `prohibition-enforcer` reads a ban after what is allowed (…可以燃放烟花爆竹，其他时间不得燃放烟花爆竹: the
  police who sanction it hold it).
"""

from __future__ import annotations

import re

from loaders.reader.lexicon import SENTENCE, Lexicon
from loaders.reader.predicate import duty_text
from loaders.reader.rows import Row, locate_item
from loaders.reader.subject import WHOEVER_DOES_IT
from loaders.regulation_text import RegulationText

# a clause that forbids something to anyone: 任何人不得… / 任何单位和个人不得… / 禁止… / 严禁… (禁止吸烟场所的经营者
# names a place, 提出禁止家畜家禽活体交易的区域 a thing, 禁止、限制、控制措施 a measure, 禁止事项 / 国家禁止的农药品种 a
# list: none is a ban; nor is 在非禁止吸烟场所), and whoever-does-it is one
_ANYONE_FORBIDDEN = re.compile(
    r"任何(?:单位|个人|人|组织)[^。；：]{0,24}?不得"
    r"|(?<=[，；])(?:其他|其余)[^，。；：]{0,6}?不得"  # 可以燃放烟花爆竹，其他时间不得燃放: what is allowed, then a ban
    rf"|^单位{WHOEVER_DOES_IT}"
    r"|(?<![非的被不未以出])(?:禁止|严禁)(?![、性令的]|事项|[^，。；：]{0,8}(?:场所|区域|标志|标识|名录|目录|范围|物品)(?:的|和|、|内|，|。|；|或者)"
    r"|[^，。；：]{0,12}?的(?:区域|场所|水域|地区|范围|物品|名录|目录))"
)


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


def prohibition_rows(reg: RegulationText, rows: list[Row], lexicon: Lexicon) -> list[Row]:
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
                        (locate_item(locator, i), p.text + i.label + i.text, i.text)
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
                            duty_text(text),
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
