"""Which of the matched duties decide who acts: one per holder kind and role, leaders and enforcers first.

A domain (接诉即办: 91 duties) matches many clauses that name the same holders again and again, and
many that only oversee (supervise), bind people outside government (duty_bearer) or name no body
(有关部门). The answer keeps, for each (holder kind, role) that acts (lead, enforce, respond, assist),
its best clause, ordered strong matches, lead and enforce, concrete holders first, and counts the
rest as `more`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from graph.answers import DutyMatch
from graph.matcher import STRONG

DECISIVE_LIMIT = 24  # 养犬管理 has 22 acting (kind, role) pairs with a named holder
ROLE_RANK = {"lead": 0, "enforce": 0, "respond": 1, "assist": 2}
# Kinds the texts name without saying which body: they never decide who acts before a named holder.
GENERIC_KINDS = frozenset(
    {
        "all_level_governments",
        "local_government",
        "city_departments",
        "district_departments",
        "relevant_departments",
        "sector_authority",
        "superior_authority",
        "enforcement_organs",
        "state_organs",
        "authorised_organisation",
        "handling_unit",
        "relevant_units",
        "units_general",
    }
)
_NUMBERS = re.compile(r"\d+")


def _article_order(duty_id: str) -> tuple[str, tuple[int, ...]]:
    """Natural order of ids (xf-a9-2 before xf-a10-1)."""
    return duty_id.split("-")[0], tuple(int(n) for n in _NUMBERS.findall(duty_id.split("-", 1)[-1]))


def decisive(
    matches: Sequence[DutyMatch], limit: int = DECISIVE_LIMIT, taken: Iterable[tuple[str, str]] = ()
) -> tuple[tuple[DutyMatch, ...], int]:
    """The few duties that decide who acts (skipping (kind, role) pairs already `taken`), and how many were left out."""
    ordered = sorted(
        matches,
        key=lambda m: (
            m.confidence != STRONG,
            ROLE_RANK.get(m.duty.role, 9),
            -m.score,
            _article_order(m.duty.id),
        ),
    )
    chosen: list[DutyMatch] = []
    seen = set(taken)
    for m in ordered:
        pair = (m.duty.holder_kind, m.duty.role)
        if m.duty.role in ROLE_RANK and m.duty.holder_kind not in GENERIC_KINDS and pair not in seen:
            seen.add(pair)
            chosen.append(m)
    chosen = chosen[:limit]
    return tuple(chosen), len(matches) - len(chosen)
