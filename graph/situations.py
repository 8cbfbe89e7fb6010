"""Situations: what a complaint is about, read from words that only together say it (rule `situation`).

The colloquial lexicon maps one word to the law's wording (摆地摊 -> 摆摊设点). Residents rarely use the one word:
they say what they saw — "卖水果的三轮车天天堵在路口", "饭馆把桌子搬到人行道上". No word of it names the matter, but a
selling word beside a public road in one sentence is a stall on the road, whatever the goods. A situation is such a
combination: groups of cue words, each group one of the things the complaint must say, all found in one sentence,
and the law's wording they bring (like a lexicon row, with the clauses it is checked against). A search aid, never
cited as the law; each row is `derived` and says who checked it (data/rules/situations.csv).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from graph.tables import table_rows

SITUATIONS = Path(__file__).resolve().parent.parent / "data" / "rules" / "situations.csv"
GROUP_SEP = " + "  # between the groups of cues a complaint must all say
ALT_SEP = "|"  # between the words of one group, any of which says it
COLUMNS = ("situation", "cues", "unless", "legal_terms", "basis", "provenance", "reviewed")
# A sentence ends at a full stop, question or exclamation mark, semicolon or line break: the cues of one situation
# must stand in one sentence, so a long message's separate stories do not combine.
_SENTENCE = re.compile(r"[。！？!?；;\n]+")


@dataclass(frozen=True)
class Situation:
    name: str
    cues: tuple[tuple[str, ...], ...]  # every group must be said; any word of a group says it
    unless: tuple[str, ...]  # a sentence saying one of these is about something else
    legal_terms: tuple[str, ...]
    basis: str
    provenance: str
    reviewed: str

    def said_in(self, sentences: Sequence[str]) -> tuple[str, ...] | None:
        """The cue words of the first sentence that says every group (one word per group, in the group's order),
        or None when no sentence does."""
        for sentence in sentences:
            if any(w in sentence for w in self.unless):
                continue
            found = [next((w for w in group if w in sentence), None) for group in self.cues]
            if all(found):
                return tuple(w for w in found if w)
        return None


def sentences(text: str) -> list[str]:
    """A complaint's sentences, where one situation's cues must all stand."""
    return [s for s in _SENTENCE.split(text) if s]


def read_situations(path: Path = SITUATIONS) -> tuple[Situation, ...]:
    """The reviewed situations, in file order; a malformed row is refused with its file and line."""
    out: list[Situation] = []
    names: set[str] = set()
    for where, row in table_rows(path, COLUMNS):
        name = row["situation"].strip()
        groups = tuple(_words(g) for g in row["cues"].split(GROUP_SEP))
        legal = tuple(row["legal_terms"].split())
        if name in names:
            raise ValueError(f"{where}: situation {name!r} is listed twice")
        if len(groups) < 2 or not all(groups):
            raise ValueError(f"{where}: {name!r} needs two or more groups of cues, '{GROUP_SEP}' between them")
        if not legal or not row["basis"].strip():
            raise ValueError(f"{where}: {name!r} needs the law's wording it brings and the basis it is checked on")
        names.add(name)
        out.append(
            Situation(
                name,
                groups,
                _words(row["unless"]),
                legal,
                row["basis"].strip(),
                row["provenance"].strip(),
                row["reviewed"].strip(),
            )
        )
    return tuple(out)


def _words(alternatives: str) -> tuple[str, ...]:
    """The words of a group, lower-cased as the complaint is read (SUV, KTV as typed)."""
    return tuple(w.strip().lower() for w in alternatives.split(ALT_SEP) if w.strip())
