"""The colloquial lexicon: the words residents use, mapped to the wording of the bundled duties.

A search aid, never cited as the law: each row names the clauses whose wording it maps to
(`basis`), is `derived` and says who checked it. Read once per Domain.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from graph.tables import table_rows

LEXICON = Path(__file__).resolve().parent.parent / "data" / "rules" / "colloquial_lexicon.csv"
COLUMNS = ("colloquial", "legal_terms", "basis", "provenance", "reviewed")


@dataclass(frozen=True)
class Entry:
    colloquial: str
    legal_terms: tuple[str, ...]
    basis: str
    provenance: str
    reviewed: str


def read_lexicon(path: Path = LEXICON) -> dict[str, Entry]:
    """Colloquial term -> its entry; a term listed twice is an error, so the table stays one table."""
    out: dict[str, Entry] = {}
    for where, row in table_rows(path, COLUMNS):
        term = row["colloquial"].strip()
        if term in out:
            raise ValueError(f"{where}: {term!r} is listed twice")
        out[term] = Entry(
            term,
            tuple(row["legal_terms"].split()),
            row["basis"].strip(),
            row["provenance"].strip(),
            row["reviewed"].strip(),
        )
    return out
