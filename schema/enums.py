"""GraphQL enums for the fixed vocabularies of the domain, so a typo fails validation, not a lookup.

Each is the vocabulary class of graph/vocabulary.py itself, registered with strawberry: the API, the rules and the
stores share one spelling, and a domain value (a member, or its plain stored string) serializes as it is.
"""

from __future__ import annotations

from enum import Enum, StrEnum

import strawberry

from graph import vocabulary as v

Label = strawberry.enum(v.Label, description="The graph label of a node.")
EdgeType = strawberry.enum(v.EdgeType, description="A relationship type of the graph.")
ProvenanceKind = strawberry.enum(
    v.ProvenanceKind, description="Where a fact comes from: a register or law, a seed article, or a named rule."
)
AreaLevel = strawberry.enum(v.AreaLevel, description="Level of an area in the jurisdiction tree, top down.")
HolderLevel = strawberry.enum(
    v.HolderLevel, description="A level a duty's holder acts at: an area level, or unit (a non-state party)."
)
AreaKind = strawberry.enum(v.AreaKind, description="A division kind as the NBS lists give it.")
BodyKind = strawberry.enum(
    v.BodyKind, description="What a body is; the same word as its holder kind where the law names one."
)
TeamKind = strawberry.enum(v.TeamKind, description="The form a sunk force takes.")
Line = strawberry.enum(v.Line, description="A reporting line: administrative (the 块), professional (the 条) or party.")
Role = strawberry.enum(v.Role, description="What a duty asks of its holder, in the order answers rank them.")
ResponderRole = strawberry.enum(
    v.ResponderRole, description="A responder's role: the strongest duty role among its reasons, or ESCALATION."
)
Tier = strawberry.enum(
    v.Tier, description="Where a responder stands: on the ground, the district above it, or escalation."
)
Urgency = strawberry.enum(
    v.Urgency, description="How fast a whistle must be answered; EMERGENCY also notifies escalation at once."
)
WhistleSource = strawberry.enum(v.WhistleSource, description="Where a whistle came from.")
WhistleStatus = strawberry.enum(v.WhistleStatus, description="A whistle is open until the street resolves it.")
Outcome = strawberry.enum(v.Outcome, description="How a whistle was closed; only RESOLVED counts as solved.")
CallStatus = strawberry.enum(
    v.CallStatus,
    description="A call's standing: reported by the deadline, after it, not at all once it passed, or not yet due.",
)
EventType = strawberry.enum(v.EventType, description="One step of a whistle's supervision record.")


def enum_or_none(enum: type[Enum], value: object) -> Enum | None:
    """Stored strings outside the vocabulary come out as null rather than failing the whole response."""
    try:
        return enum(value)
    except ValueError:
        return None


@strawberry.enum(description="What happened to a call a subscriber follows.")
class CallChange(StrEnum):
    CALLED = v.EventType.CALLED
    REPORTED = v.EventType.REPORTED
    MISSED = v.CallStatus.MISSED
