"""The items (项) a clause lists, and the one a complaint's words name (rule `matched-item`).

A clause that lists its items (禁止下列行为：（一）…；（二）…) is read as one duty row whose own text ends at the colon,
so an answer citing it would not say which item the complaint is about. The words the complaint matched say it: the
item holding more of them than any other is shown with the row. None is shown when no item holds any, or when two
hold as many (a word of the lead-in or one every item repeats names none), so an item is never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from graph.citations import NUMERALS
from graph.matcher import LEXICON_ARROW, SITUATION_JOIN

_ITEM = re.compile(rf"（[{NUMERALS}]+）[^（。]*")
_TERM_PARTS = re.compile(f"[{re.escape(LEXICON_ARROW + SITUATION_JOIN)}]")


def listed_items(text: str) -> list[str]:
    """The items a text lists, each with its label, up to the next label or the sentence's end, without its closing
    mark: '（五）在绿地内用火、烧烤'."""
    return [m.group(0).rstrip("；;，, ") for m in _ITEM.finditer(text)]


def matched_item(duty: str, clause: str, quote: str, terms: Sequence[str]) -> str:
    """The item of a listing row that holds the most of the matched terms' words; '' for a row that lists no items,
    when no single item holds the most, or when the best holds one plain word only (公里 alone does not make a
    complaint about a speed limit): it must hold two of the complaint's words, or a legal word a lexicon entry or a
    situation carried to the clause (烤肉→烧烤). A listing row is one whose duty text ends at the colon that opens
    its items, as its quote has it, or one whose quote lists them (养犬人应当遵守下列规定：) while its clause is no
    item itself: a hand-read row sums its items up (不携犬进入公共场所，束犬链，及时清除犬粪……)."""
    opens = _opening(duty, clause, quote)
    if opens < 0:
        return ""
    lead = quote[:opens]
    carried = {t.rsplit(LEXICON_ARROW, 1)[1] for t in terms if LEXICON_ARROW in t}
    words = {w for t in terms for w in _TERM_PARTS.split(t) if len(w) > 1 and w not in lead}
    held = sorted(
        ((sum(map(len, found)), found, item) for item in listed_items(quote[opens:]) if (found := _held(words, item))),
        key=lambda h: -h[0],
    )
    if not held or len(held) > 1 and held[0][0] == held[1][0]:
        return ""
    _, found, item = held[0]
    return item if len(found) > 1 or carried & set(found) else ""


def _opening(duty: str, clause: str, quote: str) -> int:
    """Where a listing row's items begin in its quote; -1 for a row that lists none."""
    if duty.endswith(("：", ":")):
        return quote.find(duty) + len(duty) if duty in quote else -1
    listing = quote.find("下列")
    if "项" in clause or listing < 0:
        return -1
    colon = quote.find("：", listing)
    return colon + 1 if colon >= 0 else -1


def _held(words: set[str], item: str) -> list[str]:
    return [w for w in words if w in item]
