"""GraphQL enums for the fixed vocabularies of the domain, so a typo fails validation, not a lookup.

Each enum is built from the domain's own tuple of values, so the API and the rules cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum

import strawberry

from graph import model, questions, vocabulary


def _vocabulary(name: str, values: Iterable[str], description: str) -> type[Enum]:
    return strawberry.enum(Enum(name, {v.upper(): v for v in values}), description=description)  # type: ignore[return-value]


AreaLevel = _vocabulary("AreaLevel", model.AREA_LEVELS, "Level of an area in the jurisdiction tree, top down.")
Line = _vocabulary("Line", model.LINES, "A reporting line: administrative (the 块), professional (the 条) or party.")
Role = _vocabulary("Role", model.ROLES, "What a duty asks of its holder, in the order answers rank them.")
Urgency = _vocabulary(
    "Urgency", questions.URGENCIES, "How fast a whistle must be answered; EMERGENCY also notifies escalation at once."
)
WhistleSource = _vocabulary(
    "WhistleSource", vocabulary.WhistleSource, "Where a whistle came from (graph/whistles.SOURCES)."
)
WhistleStatus = _vocabulary(
    "WhistleStatus", vocabulary.WhistleStatus, "A whistle is open until the street resolves it."
)
Outcome = _vocabulary(
    "Outcome", vocabulary.Outcome, "How a whistle was closed (graph/whistles.OUTCOMES); only RESOLVED counts as solved."
)
CallStatus = _vocabulary(
    "CallStatus",
    vocabulary.CallStatus,
    "A call's standing: reported by the deadline, after it, not at all once it passed, or not yet due.",
)
EventType = _vocabulary("EventType", vocabulary.EventType, "One step of a whistle's supervision record.")


def enum_or_none(enum: type[Enum], value: object) -> Enum | None:
    """Stored strings outside the vocabulary come out as null rather than failing the whole response."""
    try:
        return enum(value)
    except ValueError:
        return None


@strawberry.enum(description="What happened to a call a subscriber follows.")
class CallChange(Enum):
    CALLED = "called"
    REPORTED = "reported"
    MISSED = "missed"
