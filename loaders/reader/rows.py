"""A candidate duty row in the columns of regulation_duties.csv (COLUMNS), with the rules that made it; row_dicts
numbers the rows per article and names READER_VERSION and the rules in each row's note."""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.citations import Citation
from loaders.regulation_text import Item, RegulationText

READER_VERSION = "regulation-reader 31"
COLUMNS = (
    "id",
    "regulation",
    "article",
    "clause",
    "domain",
    "whistle_subject",
    "duty",
    "holder_kind",
    "holder_level",
    "role",
    "co_holders",
    "penalty",
    "quote",
    "note",
)


@dataclass
class Row:
    """One candidate duty row (the columns of regulation_duties.csv) and the rules that made it."""

    article: str
    clause: str
    holder_kind: str
    holder_level: tuple[str, ...]
    role: str
    quote: str
    duty: str
    penalty: str = ""
    co_holders: list[str] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)
    sanctions: str = ""
    cited: list[Citation] = field(default_factory=list)
    sanctioned_by: str = ""

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.article, self.clause, self.holder_kind)


def locate_item(locator: str, item: Item) -> str:
    """A 项's locator under its 款's (第二款 -> 第二款第（三）项), as the rows write it."""
    return f"{locator}第{item.label}项"


def row_dicts(rows: list[Row], reg: RegulationText, code: str, title: str) -> list[dict[str, str]]:
    """The rows in the columns of regulation_duties.csv, ids `<code>-a<article>-<n>` numbered per article."""
    out: list[dict[str, str]] = []
    counter: dict[str, int] = {}
    numbers = {a.label: a.number for a in reg.articles}
    for row in rows:
        n = numbers[row.article]
        counter[row.article] = counter.get(row.article, 0) + 1
        note = f"derived by {READER_VERSION}: " + ", ".join(dict.fromkeys(row.rules))
        if row.sanctions:
            note += f"; sanctions {row.sanctions}"
        if row.sanctioned_by:
            note += f"; sanctioned by {row.sanctioned_by}"
        out.append(
            {
                "id": f"{code}-a{n}-{counter[row.article]}",
                "regulation": title,
                "article": row.article,
                "clause": row.clause,
                "domain": "",
                "whistle_subject": "",
                "duty": row.duty,
                "holder_kind": row.holder_kind,
                "holder_level": ";".join(row.holder_level),
                "role": row.role,
                "co_holders": ";".join(row.co_holders),
                "penalty": row.penalty,
                "quote": row.quote,
                "note": note,
            }
        )
    return out
