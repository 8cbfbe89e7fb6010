"""GraphQL enums for the fixed vocabularies of the domain, so a typo fails validation, not a lookup.

Each is the vocabulary class of graph/vocabulary.py itself, registered with strawberry: the API, the rules and the
stores share one spelling, and a domain value (a member, or its plain stored string) serializes as it is.
"""

from __future__ import annotations

from enum import Enum, StrEnum
from typing import TypeVar

import strawberry

from graph.vocabulary import (
    AreaKind,
    AreaLevel,
    BodyKind,
    CallStatus,
    ChangeAction,
    Confidence,
    EdgeType,
    EventType,
    HolderLevel,
    Label,
    Line,
    Outcome,
    PrincipalRole,
    ProvenanceKind,
    ResponderRole,
    Role,
    TeamKind,
    Tier,
    TokenStatus,
    Urgency,
    WhistleSource,
    WhistleStatus,
)

E = TypeVar("E", bound=Enum)

# strawberry.enum registers the class itself (and returns it), so these names are the vocabulary's own classes.
for _vocabulary, _description in (
    (Label, "The graph label of a node."),
    (EdgeType, "A relationship type of the graph."),
    (ProvenanceKind, "Where a fact comes from: a register or law, a seed article, or a named rule."),
    (AreaLevel, "Level of an area in the jurisdiction tree, top down."),
    (HolderLevel, "A level a duty's holder acts at: an area level, or unit (a non-state party)."),
    (AreaKind, "A division kind as the NBS lists give it."),
    (BodyKind, "What a body is; the same word as its holder kind where the law names one."),
    (TeamKind, "The form a sunk force takes."),
    (Line, "A reporting line: administrative (the 块), professional (the 条) or party."),
    (Role, "What a duty asks of its holder, in the order answers rank them."),
    (ResponderRole, "A responder's role: the strongest duty role among its reasons, COORDINATE or ESCALATION."),
    (Confidence, "How sure a free-text match is: STRONG, WEAK, or NONE when the text matched no duty."),
    (
        Tier,
        "Where a responder stands: on the ground, a holder the case identifies (BY_CASE: the body field is its "
        "HolderKind, the graph names no body), the district above it, or escalation.",
    ),
    (Urgency, "How fast a whistle must be answered; EMERGENCY also notifies escalation at once."),
    (WhistleSource, "Where a whistle came from."),
    (WhistleStatus, "A whistle is open until the street resolves it."),
    (Outcome, "How a whistle was closed; only RESOLVED counts as solved."),
    (
        CallStatus,
        "A call's standing: reported by the deadline, after it, not at all once it passed, or not yet due.",
    ),
    (EventType, "One step of a whistle's supervision record."),
    (PrincipalRole, "Who an API token acts as (docs/whistles.md: what each may do)."),
    (TokenStatus, "Whether an API token is accepted now: until it expires or is revoked."),
    (ChangeAction, "What a sync did to a record: added, changed (field by field) or retired (valid_to set)."),
):
    strawberry.enum(_vocabulary, description=_description)

__all__ = [
    "AreaKind",
    "AreaLevel",
    "BodyKind",
    "CallChange",
    "CallStatus",
    "Confidence",
    "ChangeAction",
    "EdgeType",
    "EventType",
    "HolderLevel",
    "Label",
    "Line",
    "Outcome",
    "PrincipalRole",
    "ProvenanceKind",
    "ResponderRole",
    "Role",
    "TeamKind",
    "Tier",
    "TokenStatus",
    "Urgency",
    "WhistleSource",
    "WhistleStatus",
    "enum_or_none",
]


def enum_or_none(enum: type[E], value: object) -> E | None:
    """Stored strings outside the vocabulary come out as null rather than failing the whole response."""
    try:
        return enum(value)
    except ValueError:
        return None


@strawberry.enum(description="What happened to a call a subscriber follows.")
class CallChange(StrEnum):
    CALLED = EventType.CALLED
    REPORTED = EventType.REPORTED
    MISSED = CallStatus.MISSED
