"""The colloquial lexicon: the words residents use, mapped to the wording of the bundled duties.

A search aid, never cited as the law: each row names the clauses whose wording it maps to
(`basis`), is `derived` and says who checked it. Read once per Domain.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

LEXICON = Path(__file__).resolve().parent.parent / "data" / "rules" / "colloquial_lexicon.csv"


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
    with path.open(encoding="utf-8", newline="") as f:
        for line, row in enumerate(csv.DictReader(f), start=2):
            term = row["colloquial"].strip()
            if None in row:
                raise ValueError(f"{path.name}:{line}: more fields than the header names (quote a field with a comma)")
            if term in out:
                raise ValueError(f"{path.name}:{line}: {term!r} is listed twice")
            out[term] = Entry(
                term,
                tuple(row["legal_terms"].split()),
                row["basis"].strip(),
                row["provenance"].strip(),
                row["reviewed"].strip(),
            )
    return out
