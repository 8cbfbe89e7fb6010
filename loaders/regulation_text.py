"""The structure of a regulation's full text: 章/节, 条 (article), 款 (paragraph), 项 (item), each verbatim.

The bundled texts (LawRefBook layout) are Markdown: `# title`, header lines with the adoption and amendment
dates, `<!-- INFO END -->`, then `## 第X章` / `### 第X节` headings and one line per paragraph. An article line
starts `第X条` followed by a space (ASCII or ideographic); each further non-item line is a new 款; `（一）` lines
are 项 of the 款 whose text introduces them. The locator follows the hand-read rows' convention
(data/duties/regulation_duties.csv): the 款 is named only when an article has more than one, so a single-paragraph
article with items gives `第（一）项`, a two-paragraph one `第一款第（一）项`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph.citations import NUMERALS, cn_number, cn_numeral

_ARTICLE = re.compile(rf"^第([{NUMERALS}]+)条(?:之([{NUMERALS}]+))?[ \u3000]+(.*)$")
# A decision (决定) has numbered points 一、二、… instead of articles; read them as its articles.
_POINT = re.compile(rf"^([{NUMERALS}]+)、()(.*)$")
_ITEM = re.compile(rf"^（([{NUMERALS}]+)）(.*)$")
_HEADING = re.compile(rf"^(#{{2,3}})\s*第([{NUMERALS}]+)([章节])[ \u3000]*(.*)$")
_DATE = re.compile(r"(\d{4})年\s*(\d{1,2})月\s*(\d{1,2})日")
# 起施行 in all but one text; the metro safety regulation says 起实施.
_IN_FORCE = re.compile(r"自(\d{4}年\s*\d{1,2}月\s*\d{1,2}日)起(?:施行|实施)")
_INFO_END = "<!-- INFO END -->"
# Lines that carry nothing: empty, or a lone zero-width space (some texts separate chapters with one).
_BLANK = re.compile(r"^[\s\u200b\ufeff]*$")


class TextError(ValueError):
    """A regulation text that does not follow the layout; the message names the line."""


@dataclass(frozen=True)
class Item:
    """A 项: `（一）…` under the 款 that introduces it."""

    number: int
    label: str
    text: str
    line: int


@dataclass(frozen=True)
class Paragraph:
    """A 款: its own line of text and the items it introduces."""

    number: int
    text: str
    items: tuple[Item, ...]
    line: int

    @property
    def full_text(self) -> str:
        return "".join([self.text, *(i.label + i.text for i in self.items)])


@dataclass(frozen=True)
class Article:
    """A 条 with its chapter and section headings (empty where the text has none)."""

    number: int
    suffix: int  # 之一 -> 1; 0 for an ordinary article
    label: str
    chapter: str
    section: str
    paragraphs: tuple[Paragraph, ...]
    line: int

    @property
    def text(self) -> str:
        return "".join(p.full_text for p in self.paragraphs)

    def paragraph_label(self, paragraph: Paragraph) -> str:
        """'' for an article of one 款 (the hand-read rows' convention), else 第N款."""
        return "" if len(self.paragraphs) == 1 else f"第{cn_numeral(paragraph.number)}款"


@dataclass(frozen=True)
class Clause:
    """The smallest addressable unit: a 款, or one 项 of it, with its verbatim text and locator."""

    article: Article
    paragraph: Paragraph
    item: Item | None

    @property
    def clause(self) -> str:
        """The `clause` column of a duty row: 第N款, 第（M）项, 第N款第（M）项 or ''."""
        return self.article.paragraph_label(self.paragraph) + (f"第{self.item.label}项" if self.item else "")

    @property
    def text(self) -> str:
        return self.item.text if self.item else self.paragraph.text

    @property
    def line(self) -> int:
        return self.item.line if self.item else self.paragraph.line


@dataclass(frozen=True)
class RegulationText:
    """A parsed text: title, header (adoption/amendment lines), articles in order."""

    title: str
    header: tuple[str, ...]
    preamble: tuple[str, ...]  # text before the first article (a decision's opening words)
    articles: tuple[Article, ...]
    source: str

    @property
    def header_dates(self) -> tuple[str, ...]:
        """ISO dates of the header lines, in order (adoption, then amendments)."""
        return tuple(f"{y}-{int(m):02d}-{int(d):02d}" for h in self.header for y, m, d in _DATE.findall(h)[:1])

    @property
    def in_force_stated(self) -> str:
        """The date the text says it takes effect, 'on promulgation', or '' where it says neither."""
        for article in reversed(self.articles):
            found = _IN_FORCE.search(article.text)
            if found:
                y, m, d = _DATE.match(found.group(1)).groups()  # type: ignore[union-attr]
                return f"{y}-{int(m):02d}-{int(d):02d}"
            if "自公布之日起施行" in article.text:
                return "on promulgation"
        return ""

    @property
    def text_valid_from(self) -> str:
        """The later of the stated in-force date and the last header date (data/rules/README.md)."""
        last = self.header_dates[-1] if self.header_dates else ""
        stated = self.in_force_stated
        return max(stated, last) if stated[:1].isdigit() else last

    def article(self, label: str) -> Article:
        for a in self.articles:
            if a.label == label:
                return a
        raise KeyError(f"{self.title}: no {label}")

    def clauses(self) -> list[Clause]:
        """Every 款 and every 项 (a 款 with items also stands for its own introducing text)."""
        out: list[Clause] = []
        for a in self.articles:
            for p in a.paragraphs:
                out.append(Clause(a, p, None))
                out.extend(Clause(a, p, i) for i in p.items)
        return out


def parse_regulation(text: str, source: str = "") -> RegulationText:
    """Parse a text in the bundled layout; TextError names the line of anything unexpected."""
    lines = text.splitlines()
    title, header, start = "", [], 0
    if _INFO_END in text:
        end = next(i for i, line in enumerate(lines) if line.strip() == _INFO_END)
        for line in lines[:end]:
            if line.startswith("# "):
                title = line[2:].strip()
            elif not _BLANK.match(line):
                header.append(line.strip())
        start = end + 1
    chapter = section = ""
    article_line = _ARTICLE if any(_ARTICLE.match(line.strip()) for line in lines[start:]) else _POINT
    preamble: list[str] = []
    articles: list[Article] = []
    current: dict[str, Any] | None = None

    def close() -> None:
        if current is not None:
            paragraphs = tuple(
                Paragraph(n, text, tuple(items), line) for n, (text, items, line) in enumerate(current["paras"], 1)
            )
            number, suffix, label = current["head"]
            articles.append(Article(number, suffix, label, chapter_at[0], chapter_at[1], paragraphs, current["line"]))

    chapter_at = ("", "")
    for no, raw in enumerate(lines[start:], start + 1):
        line = raw.strip().strip("\u200b\ufeff")
        if _BLANK.match(line):
            continue
        heading = _HEADING.match(line)
        if heading:
            close()
            current = None
            name = f"第{heading.group(2)}{heading.group(3)} {''.join(heading.group(4).split())}".strip()
            if heading.group(3) == "章":
                chapter, section = name, ""
            else:
                section = name
            continue
        if line.startswith("#"):
            raise TextError(f"{source}:{no}: unexpected heading {line!r}")
        art = article_line.match(line)
        if art:
            close()
            number = cn_number(art.group(1))
            suffix = cn_number(art.group(2)) if art.group(2) else 0
            if article_line is _POINT:
                label = f"{art.group(1)}、"
            else:
                label = f"第{art.group(1)}条" + (f"之{art.group(2)}" if art.group(2) else "")
            current = {"head": (number, suffix, label), "paras": [], "line": no}
            chapter_at = (chapter, section)
            if art.group(3).strip():
                current["paras"].append((art.group(3).strip(), [], no))
            continue
        if current is None and (chapter or section) and not re.search(r"[。；，：]", line):
            # heading-continued: between a heading and the next article (a heading closes the article before it), a
            # line with no stop is a long title's second line (信访条例 第五章 人民代表大会及其常务委员会 / 信访事项的
            # 受理和办理), not text outside any article
            if section:
                section += line
            else:
                chapter += line
            continue
        if current is None:
            if articles or chapter:
                raise TextError(f"{source}:{no}: text outside any article: {line[:40]!r}")
            preamble.append(line)
            continue
        item = _ITEM.match(line)
        if item and current["paras"]:
            items = current["paras"][-1][1]
            items.append(Item(cn_number(item.group(1)), f"（{item.group(1)}）", item.group(2).strip(), no))
            continue
        current["paras"].append((line, [], no))
    close()
    if not articles:
        raise TextError(f"{source}: no article found")
    return RegulationText(title, tuple(header), tuple(preamble), tuple(articles), source)


def read_regulation(path: Path) -> RegulationText:
    return parse_regulation(path.read_text(encoding="utf-8"), str(path))


def numbering_gaps(reg: RegulationText) -> list[str]:
    """Articles out of sequence (a gap, a repeat, a 之一 not after its base article); [] when all is well."""
    problems = []
    expected = 1
    for a in reg.articles:
        if a.suffix:
            if a.number != expected - 1:
                problems.append(f"{a.label} does not follow 第{cn_numeral(a.number)}条")
            continue
        if a.number != expected:
            problems.append(f"{a.label} where 第{cn_numeral(expected)}条 was expected")
        expected = a.number + 1
    return problems
