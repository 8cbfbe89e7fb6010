"""Properties some duties carry by a stated rule, stored on the Duty nodes so that both stores hold them.

- `emergency-response-duties` (dataset.toml): the response-phase clauses an emergency cites whatever its words
  (EMERGENCY_RESPONSE, the rule's basis).
- `competent-authority` (rules/competent_authorities.csv): the clause that makes a body competent for a regulation's
  matter (COMPETENT_FOR, its basis): an obligation no clause sanctions is supervised by that body
  (graph/companions.py).
- `sector-by-trade` (rules/trade_sectors.csv): the clause that lists the departments supervising a matter by trade
  (预付卡条例 第六条: 教育……体育等行业主管部门按照职责分工) marks each department's row with the trades it is
  the sector for (SECTOR_TRADES, the words a complaint names them by; SECTOR_BASIS, why): derived, the city's own
  division of the trades being no part of the data.

A mark naming a duty the lists do not hold, a duty of another regulation than its row's, or one held by another kind
than its row says (ids are positional: a re-read text can renumber a clause's rows) refuses the load with its file
and line: an answer would silently lack its basis, or cite another body's clause.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from graph.companions import COMPETENT_FOR, SECTOR_BASIS, SECTOR_TRADES
from graph.questions import EMERGENCY_RESPONSE
from graph.vocabulary import Label
from loaders.collect import Collector
from loaders.jurisdiction import DECLARATION, Declaration
from loaders.source import Problem, Row, read_csv

COMPETENT = "rules/competent_authorities.csv"
SECTORS = "rules/trade_sectors.csv"


@dataclass(frozen=True)
class _Claim:
    duty: str
    refuse: Callable[[str], Problem]
    holder_kind: str = ""  # the kind the mark says holds it ('' when it does not say)


@dataclass
class Marks:
    """duty id -> the properties its marks give it, and where each mark was stated (to refuse a dangling one)."""

    props: dict[str, dict[str, str]] = field(default_factory=dict)
    claims: list[_Claim] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # found while reading the marks

    def add(self, claim: _Claim, prop: str, value: str) -> None:
        self.props.setdefault(claim.duty, {})[prop] = value
        self.claims.append(claim)

    def check(self, out: Collector) -> None:
        """Refuse every mark naming a duty the lists do not hold or another kind holds, and those refused while
        reading."""
        held = {n.id: str(n.get("holder_kind")) for n in out.nodes_of(Label.DUTY)}
        out.problems.extend(self.problems)
        for c in self.claims:
            if c.duty not in held:
                out.problems.append(c.refuse(f"unknown duty id {c.duty!r}"))
            elif c.holder_kind and held[c.duty] != c.holder_kind:
                out.problems.append(c.refuse(f"{c.duty!r} is held by {held[c.duty]!r}, not {c.holder_kind!r}"))


def _at(row: Row) -> Callable[[str], Problem]:
    return lambda message: row.problem("duty", message)


def read_marks(root: Path, decl: Declaration) -> Marks:
    marks = Marks()
    emergency = decl.applies("emergency-response-duties")
    if emergency:
        where = f"rules.{emergency.rule}"
        for duty in emergency.duties:
            claim = _Claim(duty, lambda msg: Problem(DECLARATION, None, where, msg))
            marks.add(claim, EMERGENCY_RESPONSE, emergency.basis)
    for row in _rows(root, COMPETENT, marks):
        marks.add(_Claim(row["duty"], _at(row), row["holder_kind"]), COMPETENT_FOR, row["basis"])
    for row in _rows(root, SECTORS, marks, "trades"):
        claim = _Claim(row["duty"], _at(row), row["holder_kind"])
        marks.add(claim, SECTOR_TRADES, " ".join(row["trades"].split()))
        marks.add(claim, SECTOR_BASIS, row["basis"])
    return marks


def _rows(root: Path, name: str, marks: Marks, *extra: str) -> list[Row]:
    """The rows of a table of marks (none when the data has no such table); a row whose duty is not of its
    regulation is refused."""
    path = root / name
    if not path.exists():
        return []
    rows = []
    for row in read_csv(path, name, ("regulation", "duty", "holder_kind", *extra, "basis"), key=("duty",)):
        if row["duty"].startswith(row["regulation"] + "-"):
            rows.append(row)
        else:
            marks.problems.append(row.problem("duty", f"{row['duty']!r} is not a duty of {row['regulation']}"))
    return rows
