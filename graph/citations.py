"""How a clause cites articles of its own text, and the Chinese numerals it counts them in.

One reading serves the regulation reader (which articles a penalty clause sanctions, loaders/reader/) and the
answers (the enforcing clause an obligation brings, graph/companions.py): 违反本条例第三十五条、第三十六条第一款规定 /
有本规定第三十条规定情形之一的 / 未按照本办法第二十二条规定 cite 35, 36.1 and 30, 22; 第X条至第Y条 is a range.
"""

from __future__ import annotations

import re

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100}
NUMERALS = "".join(_DIGITS) + "".join(_UNITS)

# the citation forms a penalty clause uses for the articles it sanctions (依照本条例第X条 points to another penalty,
# not to a breach); 违反第X条 is the same text's article
_CITATION = re.compile(
    r"(?:违反(?:本(?:条例|规定|办法))?|(?:有|未按照|未依照|不按照|未遵守)本(?:条例|规定|办法))"
    r"(?P<refs>(?:第[一二三四五六七八九十百零（）\d]{1,8}[条款项](?:之[一二三四五六七八九十])?|至|、|和|或者|及)+)"
)
_CITED = re.compile(r"第[（]?([一二三四五六七八九十百零\d]{1,6})[）]?([条款项])(?:之([一二三四五六七八九十]))?|(至)")
_ARTICLE_LABEL = re.compile(rf"^第([{NUMERALS}]+)条(?:之([{NUMERALS}]+))?$")

Citation = tuple[int, int, int | None, int | None]  # article number, its 之X suffix, 款, 项


def cn_number(text: str) -> int:
    """一百零二 -> 102; 十五 -> 15 (the numerals articles, chapters and items use)."""
    total, digit = 0, 0
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch in _UNITS:
            total += (digit or 1) * _UNITS[ch]
            digit = 0
        else:
            raise ValueError(f"not a Chinese numeral: {text!r}")
    return total + digit


def cn_numeral(n: int) -> str:
    """102 -> 一百零二; 15 -> 十五: the inverse of cn_number, as the texts write it."""
    names = "零一二三四五六七八九"
    if n < 10:
        return names[n]
    if n < 20:
        return "十" + (names[n - 10] if n > 10 else "")
    if n < 100:
        return names[n // 10] + "十" + (names[n % 10] if n % 10 else "")
    rest = n % 100
    tail = (
        ""
        if rest == 0
        else ("零" + names[rest] if rest < 10 else ("一" + cn_numeral(rest) if rest < 20 else cn_numeral(rest)))
    )
    return names[n // 100] + "百" + tail


def article_number(label: str) -> tuple[int, int] | None:
    """第三十五条 -> (35, 0); 第二十条之一 -> (20, 1); anything else (a decision's point) -> None."""
    found = _ARTICLE_LABEL.match(label)
    if not found:
        return None
    return cn_number(found.group(1)), cn_number(found.group(2)) if found.group(2) else 0


def cited_text(sentence: str) -> str:
    """The first citation's articles as written (第三十五条、第三十六条第一款), or "" when the sentence cites none."""
    found = _CITATION.search(sentence)
    return found.group("refs") if found else ""


def citations(sentence: str) -> list[Citation]:
    """The articles (款, 项) of the same text a sentence cites as breached: 违反本规定第十八条第二款、第二十三条规定 ->
    18.2 and 23; 第X条至第Y条 and 第（一）项至第（六）项 are ranges; a 款 or 项 right after its article narrows it."""
    out: list[Citation] = []
    for found in _CITATION.finditer(sentence):
        refs: list[list[int | None]] = []
        last, ranged = "", False
        article, suffix, para, end = 0, 0, None, 0
        for t in _CITED.finditer(found.group("refs")):
            if t.group(4):
                ranged = True
                continue
            n, unit = _number(t.group(1)), t.group(2)
            adjacent = bool(refs) and last != "" and not ranged and t.start() == end
            if unit == "条":
                start = article + 1 if ranged and refs else n
                for k in range(start, n + 1):
                    refs.append([k, _number(t.group(3)) if t.group(3) else 0, None, None])
                article, suffix, para = n, _number(t.group(3)) if t.group(3) else 0, None
            elif unit == "款":
                if adjacent and last == "条":
                    refs[-1][2] = n
                else:
                    start = (para or 0) + 1 if ranged and para else n
                    refs.extend([article, suffix, k, None] for k in range(start, n + 1))
                para = n
            else:
                previous = refs[-1][3] if refs else None
                if adjacent and last in ("条", "款"):
                    refs[-1][3] = n
                else:
                    start = previous + 1 if ranged and isinstance(previous, int) else n
                    refs.extend([article, suffix, para, k] for k in range(start, n + 1))
            last, ranged, end = unit, False, t.end()
        out.extend((int(r[0] or 0), int(r[1] or 0), r[2], r[3]) for r in refs if r[0])
    return list(dict.fromkeys(out))


def _number(text: str) -> int:
    return int(text) if text.isdigit() else cn_number(text)
