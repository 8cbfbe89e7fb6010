"""A 款 with its 项: the rows of its lead-in and of each item, where a lead-in hands its holders to the items (a
list of duties or tasks) or its sanction to them (a list of penalties).

Rules:
- `duty-list`: a lead-in `…履行下列职责：` hands its holders to each 项.
- Reader 13: `task-list` takes the whole list that owns the tasks (居民委员会、村民委员会在…工作中的任务：; the owners
  before the last are `task-list-owners`, numbered after the article's other rows: `numbered-last`).
- Reader 14: `generic-lead-yields`: a lead-in 由有关主管部门按照下列规定予以查处： whose items name their bodies gives
  no row.
- Reader 15: `duty-list` is read by any verb that takes the items on (负责具体组织实施下列…工作：, 组织…开展以下
  活动：, 做好下列工作：), so the bodies hold each 项 as the hand reading of task lists does; not when the holder only
  guides others in them (`guided-list`: 指导…人员做好下列防火工作： keeps the 款).
- Reader 17: `measures-list` — a lead-in that 采取下列措施 (应当采取下列措施，加强疾病预防控制体系建设： / 依法采取下列一项
  或者多项措施，并对…适时调整：) is a `duty-list`: its holders take each 项 as their own task, as the hand reading of task
  lists does (not 有权采取下列措施, a list of powers).
- Reader 22: `penalty-items`: a lead-in that 按下列规定处罚 / 按以下规定予以处罚 over items that each carry their own
  sanction and name no body (（一）擅自改变公园功能的，责令限期改正…并可以处1万元以上10万元以下罚款；) gives its enforcers
  (named in the lead-in or the text's default) each 项, as the hand reading of a 法律责任 list does, the item's
  sanction the penalty.
- Reader 24: `list-duty`: a 项's row whose duty is only its list's lead-in takes the item's words (found by the
  routing probes of stop 28).
- Reader 26: `penalty-items` reads a lead-in 由X给予行政处罚： over items that carry their own sanctions.
"""

from __future__ import annotations

import re
from dataclasses import replace

from graph.citations import citations
from loaders.reader.clause_rows import rows_of
from loaders.reader.lexicon import SENTENCE, SEPARATOR, Lexicon, Mention
from loaders.reader.predicate import DUTY_CHARS
from loaders.reader.rows import Row, locate_item
from loaders.reader.sanctions import item_penalties, penalty
from loaders.regulation_text import Article, Item, Paragraph

_TASK_LIST = re.compile(r"^(.*?)的(?:主要)?(?:任务|职责)(?:是)?：$")
# duty-list: the verb of a lead-in whose items are its holders' own tasks (履行下列职责：, 负责具体组织实施下列…工作：,
# 组织…开展以下活动：); not when the holder only guides others in them (`guided-list`: 指导…人员做好下列防火工作：)
_DUTY_LIST = re.compile(
    r"(?:履行|负责|承担|实施|做好|开展)[^，。；：]{0,6}(?:下列|以下)[^，。；：]{0,10}(?:职责|工作|事项|活动|任务)："
    # measures-list (Reader 17): 应当采取下列措施，加强…：/ 依法采取下列一项或者多项措施，并对…适时调整：
    r"|(?<!有权)采取(?:下列|以下)[^，。；：]{0,8}措施(?:，[^。；：]*)?："
)
_GUIDED_LIST = re.compile(r"(?:指导|督促|引导|帮助|要求)[^，。；：]*$")


def _listed_duty(duty: str, item: Item | None) -> str:
    """list-duty: a 项's row whose duty is only its list's lead-in (违反本条例第四十六条规定，有下列行为的，按下列规定处罚：)
    takes its item's words, which say what the duty is, and the matcher weighs a duty's words above its quote's. (A
    款's row keeps its lead-in: its items' words in the duty made the matcher claim complaints no text governs.)"""
    return item.text.rstrip("；。")[:DUTY_CHARS] if item is not None and duty.endswith("：") else duty


def _duty_list(lead_in: str) -> bool:
    """duty-list / guided-list (see _DUTY_LIST)."""
    found = _DUTY_LIST.search(lead_in)
    return found is not None and not _GUIDED_LIST.search(lead_in[: found.start()])


def paragraph_rows(article: Article, paragraph: Paragraph, lexicon: Lexicon, default: list[Mention]) -> list[Row]:
    locator = article.paragraph_label(paragraph)
    lead_rows = rows_of(paragraph.text, None, article, locator, paragraph.full_text, lexicon, default)
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
            if not SEPARATOR.fullmatch(paragraph.text[m.end : chain[0].start]):
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
        item_locator = locate_item(locator, item)
        quote = paragraph.text + item.label + item.text
        item_rows = rows_of(item.text, None, article, item_locator, quote, lexicon, default, inherited)
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
        penalty(item.text, "") and not lexicon.holders(item.text) for item in paragraph.items
    ):
        split = [r for r in rows if r.clause == locator and r.role == "enforce"]
        for row in split:
            rows.remove(row)
            for item in paragraph.items:
                rows.append(
                    replace(
                        row,
                        clause=locate_item(locator, item),
                        quote=paragraph.text + item.label + item.text,
                        penalty=penalty(item.text, ""),
                        co_holders=list(row.co_holders),
                        rules=[*row.rules, "penalty-items"],
                        cited=list(dict.fromkeys([*row.cited, *citations(item.text)])),
                    )
                )
    items = {locate_item(locator, item): item for item in paragraph.items}
    for row in rows:
        # penalty-by-item only where the lead-in names no sanction of its own (处200元罚款： keeps its own)
        if row.clause == locator and row.role == "enforce" and re.fullmatch(r"[^元]*处罚：", row.penalty):
            row.penalty = item_penalties(paragraph) or row.penalty
        row.duty = _listed_duty(row.duty, items.get(row.clause))
    return rows


# (…由水行政主管部门给予行政处罚： over items that each carry their own sanction reads the same way)
_PENALTY_ITEMS = re.compile(r"按(?:照)?(?:下列|以下)规定(?:予以)?处罚|给予(?:行政)?处罚：$")
