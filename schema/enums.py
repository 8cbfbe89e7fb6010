"""GraphQL enums for the fixed vocabularies of graph/model.py, so a typo fails validation, not a lookup."""

from __future__ import annotations

from enum import Enum

import strawberry


@strawberry.enum(description="Level of an area in the jurisdiction tree, top down.")
class AreaLevel(Enum):
    CITY = "city"
    DISTRICT = "district"
    STREET = "street"
    COMMUNITY = "community"


@strawberry.enum(description="A reporting line: administrative (the 块), professional (the 条) or party.")
class Line(Enum):
    ADMINISTRATIVE = "administrative"
    PROFESSIONAL = "professional"
    PARTY = "party"


@strawberry.enum(description="What a duty asks of its holder, in the order answers rank them.")
class Role(Enum):
    LEAD = "lead"
    ENFORCE = "enforce"
    RESPOND = "respond"
    ASSIST = "assist"
    SUPERVISE = "supervise"
    DUTY_BEARER = "duty_bearer"


@strawberry.enum(description="How fast a whistle must be answered; EMERGENCY also notifies escalation at once.")
class Urgency(Enum):
    ROUTINE = "routine"
    URGENT = "urgent"
    EMERGENCY = "emergency"


def enum_or_none(enum: type[Enum], value: object) -> Enum | None:
    """Stored strings outside the vocabulary come out as null rather than failing the whole response."""
    try:
        return enum(value)
    except ValueError:
        return None


@strawberry.enum(description="Where a whistle came from (graph/whistles.SOURCES).")
class WhistleSource(Enum):
    STREET_INSPECTION = "street_inspection"
    COMMUNITY_REPORT = "community_report"
    HOTLINE_12345 = "hotline_12345"


@strawberry.enum(description="A whistle is open until the street resolves it.")
class WhistleStatus(Enum):
    OPEN = "open"
    RESOLVED = "resolved"


@strawberry.enum(description="How a whistle was closed (graph/whistles.OUTCOMES); only RESOLVED counts as solved.")
class Outcome(Enum):
    RESOLVED = "resolved"
    EXPLAINED = "explained"
    UNRESOLVABLE = "unresolvable"


@strawberry.enum(
    description="A call's standing: reported by the deadline, after it, not at all once it passed, or not yet due."
)
class CallStatus(Enum):
    ON_TIME = "on_time"
    LATE = "late"
    MISSED = "missed"
    PENDING = "pending"


@strawberry.enum(description="One step of a whistle's supervision record.")
class EventType(Enum):
    BLOWN = "blown"
    CALLED = "called"
    REPORTED = "reported"
    ESCALATED = "escalated"
    RESOLVED = "resolved"
    EVALUATED = "evaluated"
    CALLBACK = "callback"


@strawberry.enum(description="What happened to a call a subscriber follows.")
class CallChange(Enum):
    CALLED = "called"
    REPORTED = "reported"
    MISSED = "missed"
