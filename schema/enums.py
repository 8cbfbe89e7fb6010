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
