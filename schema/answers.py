"""The three questions' answers in GraphQL: graph/answers.py's dataclasses, each defined there once.

The types below are generated from those dataclasses (schema/dataclass_types.py) and resolvers hand out the domain
answers unchanged; this module only adds what GraphQL shows differently: descriptions, provenance as one nested
record, `DutyRef.text` for the duty's `duty` field, and the navigation from an answer back into the graph
(`Ref.node`, `DutyRef.node`). The rules that produce the answers live in graph/questions.py.
"""

from __future__ import annotations

import datetime
from typing import cast

import strawberry
from strawberry.types import Info
from strawberry.types.field import StrawberryField

from graph import answers as a
from schema.context import Context
from schema.dataclass_types import graphql_type
from schema.nodes import DUTY_CITATION, DUTY_DOCS, DUTY_RENAME, Duty, Node, Provenance, load_node

Ctx = Info[Context, None]


def _provenance(root: strawberry.Parent[a.Ref | a.ChainStep]) -> Provenance | None:
    if not root.provenance:
        return None
    evidence = root.evidence if isinstance(root, a.Ref) else ""
    return Provenance(kind=root.provenance, source=root.source, rule=root.rule or None, evidence=evidence or None)


def _provenance_field() -> StrawberryField:
    """The answer's flat provenance, source, rule (and evidence) as the one Provenance record nodes have."""
    # strawberry types field(resolver=f) as f's return type (for class bodies); here it is the field object.
    return cast(StrawberryField, strawberry.field(resolver=_provenance, description="Where the fact comes from."))


async def _ref_node(root: strawberry.Parent[a.Ref], info: Ctx) -> Node | None:
    return await load_node(info, root.id)


async def _duty_node(root: strawberry.Parent[a.DutyRef], info: Ctx) -> Duty | None:
    return await load_node(info, root.id, Duty.of)


Ref = graphql_type(
    a.Ref,
    description="A node as an answer cites it; `node` loads the full object for navigation.",
    hide=("source", "rule", "evidence"),
    fields={
        "provenance": _provenance_field(),
        "node": strawberry.field(resolver=_ref_node, description="The cited node itself (batched lookup)."),
    },
)
Hop = graphql_type(
    a.Hop,
    description="One edge of a path, in its stored direction: source -[type]-> target.",
    docs={"detail": "e.g. role=lead, line=professional"},
)
Path = graphql_type(
    a.Path,
    description="The graph path that makes an answer true.",
    expose={"text": "Readable rendering, e.g. `duty <-RESPONSIBLE_FOR(lead)- kind <-OF_KIND- body`."},
)
DutyRef = graphql_type(
    a.DutyRef,
    description="The list item an answer rests on: regulation, article, clause, quote and penalty.",
    rename=DUTY_RENAME,
    docs=DUTY_DOCS,
    expose=DUTY_CITATION,
    fields={
        "node": strawberry.field(
            resolver=_duty_node,
            description="The Duty node: its provenance, holders and delegations (batched lookup).",
        )
    },
)
DutyMatch = graphql_type(
    a.DutyMatch,
    description="A duty the subject matched; `how` is duty_id, domain, whistle_subject, text, or urgency (an emergency's response duties).",
    docs={
        "item": "For a clause listing its items (禁止下列行为：（一）…), the item holding most of the words the subject "
        "matched, as written: '（五）在绿地内用火、烧烤' (rule `matched-item`); empty when the clause lists none or no "
        "item holds those words.",
        "second": "True for a clause of a second matter the complaint raises (rule `second-matter`): matched by words "
        "none of the first matter's clauses matched, it scored under the share of the best clause that is otherwise "
        "shown; its holders follow the first matter's within the same coarse band of the order.",
    },
)
SubjectMatch = graphql_type(
    a.SubjectMatch,
    description="How the subject was read: the duties it matched and how.",
    docs={
        "resembles": "When only weak matches were found: the law whose earlier complaints the wording resembles "
        "most, with its probability, by which the weak matches were ordered (rule `law-prior`); empty otherwise.",
        "ruled_out": "What the complaint says it is not about, each from its 不是 to the contrast that follows "
        "(不是X，是Y): those words found no clause on their own (rule `ruled-out`).",
        "unlike": "The laws whose clauses the words matched surely, graded weak because the wording is unlike the "
        "complaints already read about them (rule `unlike-its-law`).",
        "ungoverned": "When the words matched clauses surely but the wording resembles complaints about matters no "
        "bundled text governs (wages, deposits, bank fees …) at least half: that resemblance, and every match was "
        "graded weak (rule `like-ungoverned`); 0 otherwise.",
    },
)
Assignment = graphql_type(
    a.Assignment,
    description="One holder of one matched duty at the place; `body` is null when the graph has none there.",
    docs={"resolution": "How the body was found, or why none was."},
)
Responsibility = graphql_type(
    a.Responsibility,
    description="Who is responsible for a subject at a place: lead and assisting holders, with reasons.",
)
ChainStep = graphql_type(
    a.ChainStep,
    description="One step up a reporting chain.",
    docs={"fallback": "True when the requested line ended and the primary line was followed."},
    hide=("source", "rule"),
    fields={"provenance": _provenance_field()},
)
Chain = graphql_type(
    a.Chain,
    description="A chain up one reporting line; `top` is where it ends.",
    expose={"top": "The body the chain ends at."},
)
ReportingAnswer = graphql_type(
    a.ReportingAnswer,
    description="Who a body reports to, on each line asked for.",
    docs={"notes": "Where a line ends short of the city government, and why."},
)
Subordinate = graphql_type(
    a.Subordinate, description="A body below the asked one, with the edge that puts it there and its depth."
)
SubordinatesAnswer = graphql_type(
    a.SubordinatesAnswer,
    description="Everyone below a body; a unit with two superiors in the tree is listed under each.",
    docs={"notes": "Why the list is empty or shallower than asked."},
)
Assessment = graphql_type(
    a.Assessment, description="Who scores whom (考核), on what basis (law article or reported practice)."
)
WhistleQuestion = graphql_type(
    a.WhistleInput,
    name="WhistleQuestion",
    description="The whistle as the service understood it (a question; `Whistle` is a blown whistle's record).",
)
WhistleInput = graphql_type(
    a.WhistleInput,
    is_input=True,
    description="A whistle (吹哨): where, about what, how urgent, as of when.",
    docs={
        "place": "Area code (e.g. 110101001) or exact unique area name.",
        "subject": "A duty id, a domain, a whistle subject (群众诉求 ...) or free text.",
    },
    fields={"as_of": datetime.date | None},
)
Reason = graphql_type(
    a.Reason, description="Why a responder is on the list: the duty, the role it gives, and the path."
)
Responder = graphql_type(
    a.Responder,
    description="One unit that must respond; on-the-ground units come first, then parents, then escalation.",
    docs={"role": "The strongest role among its reasons, COORDINATE for the place's coordinator, or ESCALATION."},
)
Coordinator = graphql_type(
    a.Coordinator,
    description="Who coordinates on the place's ground whatever the whistle is about (街道/乡镇), and the article.",
)
ResponderAnswer = graphql_type(
    a.ResponderAnswer,
    description="Who has to respond to a whistle, in order, each with its reasons.",
    docs={
        "unresolved": "Holders the graph could not place at this place.",
        "coordinator": "The territorial coordinator of the place; named in every answer, also when nothing matched.",
    },
)


@strawberry.type(description="Both directions of assessment for one body.")
class Assessments:
    assesses: list[Assessment] = strawberry.field(description="Whom the body scores.")  # type: ignore[valid-type]
    assessed_by: list[Assessment] = strawberry.field(description="Who scores the body.")  # type: ignore[valid-type]
