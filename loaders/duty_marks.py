"""Properties some duties carry by a stated rule, stored on the Duty nodes so that both stores hold them.

- `emergency-response-duties` (dataset.toml): the response-phase clauses an emergency cites whatever its words
  (EMERGENCY_RESPONSE, the rule's basis).
- `competent-authority` (rules/competent_authorities.csv): the clause that makes a body competent for a regulation's
  matter (COMPETENT_FOR, its basis): an obligation no clause sanctions is supervised by that body
  (graph/companions.py).

A mark naming a duty the lists do not hold, or a duty of another regulation than its row's, refuses the load with
its file and line: an answer would silently lack its basis.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from graph.companions import COMPETENT_FOR
from graph.questions import EMERGENCY_RESPONSE
from graph.vocabulary import Label
from loaders.collect import Collector
from loaders.jurisdiction import DECLARATION, Declaration
from loaders.source import Problem, Row, read_csv

COMPETENT = "rules/competent_authorities.csv"


@dataclass(frozen=True)
class _Claim:
    duty: str
    refuse: Callable[[str], Problem]


@dataclass
class Marks:
    """duty id -> the properties its marks give it, and where each mark was stated (to refuse a dangling one)."""

    props: dict[str, dict[str, str]] = field(default_factory=dict)
    claims: list[_Claim] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # found while reading the marks

    def add(self, duty: str, prop: str, value: str, refuse: Callable[[str], Problem]) -> None:
        self.props.setdefault(duty, {})[prop] = value
        self.claims.append(_Claim(duty, refuse))

    def check(self, out: Collector) -> None:
        """Refuse every mark naming a duty the lists do not hold, and those refused while reading."""
        known = {n.id for n in out.nodes_of(Label.DUTY)}
        out.problems.extend(self.problems)
        out.problems.extend(c.refuse(f"unknown duty id {c.duty!r}") for c in self.claims if c.duty not in known)


def _at(row: Row) -> Callable[[str], Problem]:
    return lambda message: row.problem("duties", message)


def read_marks(root: Path, decl: Declaration) -> Marks:
    marks = Marks()
    emergency = decl.applies("emergency-response-duties")
    if emergency:
        where = f"rules.{emergency.rule}"
        for duty in emergency.duties:
            marks.add(duty, EMERGENCY_RESPONSE, emergency.basis, lambda msg: Problem(DECLARATION, None, where, msg))
    path = root / COMPETENT
    if not path.exists():
        return marks
    for row in read_csv(path, COMPETENT, ("regulation", "duties", "basis")):
        for duty in row["duties"].split():
            if duty.startswith(row["regulation"] + "-"):
                marks.add(duty, COMPETENT_FOR, row["basis"], _at(row))
            else:
                marks.problems.append(row.problem("duties", f"{duty!r} is not a duty of {row['regulation']}"))
    return marks
