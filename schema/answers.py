"""GraphQL mirrors of graph/answers.py: the three questions' answers with every reason attached.

These types only copy fields; the rules that produced them live in graph/questions.py.
`Ref.node` and `DutyRef.node` lead from an answer back into the navigable graph.
"""

from __future__ import annotations

import datetime

import strawberry
from strawberry.types import Info

from graph import answers as a
from schema.context import Context
from schema.enums import Line, Urgency, enum_or_none
from schema.nodes import Duty, Node, Provenance, wrap

Ctx = Info[Context, None]


def _prov(kind: str, source: str, rule: str, evidence: str = "") -> Provenance | None:
    if not kind:
        return None
    return Provenance(kind=kind, source=source, rule=rule or None, evidence=evidence or None)


@strawberry.type(description="A node as an answer cites it; `node` loads the full object for navigation.")
class Ref:
    id: strawberry.ID
    label: str
    name: str
    kind: str
    provenance: Provenance | None

    @classmethod
    def of(cls, r: a.Ref) -> Ref:
        return cls(
            id=strawberry.ID(r.id),
            label=r.label,
            name=r.name,
            kind=r.kind,
            provenance=_prov(r.provenance, r.source, r.rule, r.evidence),
        )

    @strawberry.field(description="The cited node itself (batched lookup).")
    async def node(self, info: Ctx) -> Node | None:
        found = await info.context.nodes.load(self.id)
        return wrap(found) if found else None


@strawberry.type(description="One edge of a path, in its stored direction: source -[type]-> target.")
class Hop:
    source: Ref
    type: str
    target: Ref
    detail: str = strawberry.field(description="e.g. role=lead, line=professional")


@strawberry.type(description="The graph path that makes an answer true.")
class Path:
    hops: list[Hop]
    text: str = strawberry.field(
        description="Readable rendering, e.g. `duty <-RESPONSIBLE_FOR(lead)- kind <-OF_KIND- body`."
    )

    @classmethod
    def of(cls, p: a.Path) -> Path:
        hops = [Hop(source=Ref.of(h.source), type=h.type, target=Ref.of(h.target), detail=h.detail) for h in p.hops]
        return cls(hops=hops, text=p.text)


@strawberry.type(description="The list item an answer rests on: regulation, article, clause, quote and penalty.")
class DutyRef:
    id: strawberry.ID
    regulation: str
    article: str
    clause: str
    text: str = strawberry.field(description="The duty in short.")
    domain: str
    whistle_subject: str
    role: str
    holder_kind: str
    quote: str = strawberry.field(description="The clause's wording, verbatim.")
    penalty: str
    note: str
    citation: str = strawberry.field(description="《regulation》article clause")

    @classmethod
    def of(cls, d: a.DutyRef) -> DutyRef:
        return cls(
            id=strawberry.ID(d.id),
            regulation=d.regulation,
            article=d.article,
            clause=d.clause,
            text=d.duty,
            domain=d.domain,
            whistle_subject=d.whistle_subject,
            role=d.role,
            holder_kind=d.holder_kind,
            quote=d.quote,
            penalty=d.penalty,
            note=d.note,
            citation=d.citation,
        )

    @strawberry.field(description="The Duty node: its provenance, holders and delegations (batched lookup).")
    async def node(self, info: Ctx) -> Duty | None:
        found = await info.context.nodes.load(self.id)
        return Duty.of(found) if found else None


@strawberry.type(description="A duty the subject matched; `how` is duty_id, domain, whistle_subject or text.")
class DutyMatch:
    duty: DutyRef
    how: str
    score: float


@strawberry.type(description="How the subject was read: the duties it matched and how.")
class SubjectMatch:
    subject: str
    how: str
    duties: list[DutyMatch]

    @classmethod
    def of(cls, s: a.SubjectMatch) -> SubjectMatch:
        duties = [DutyMatch(duty=DutyRef.of(m.duty), how=m.how, score=m.score) for m in s.duties]
        return cls(subject=s.subject, how=s.how, duties=duties)


@strawberry.type(
    description="One holder of one matched duty at the place; `body` is null when the graph has none there."
)
class Assignment:
    role: str
    duty: DutyRef
    holder_kind: str
    holder_kind_name: str
    level: str = strawberry.field(description="city | district | street | community | unit")
    body: Ref | None
    resolution: str = strawberry.field(description="How the body was found, or why none was.")
    path: Path
    delegated: bool
    score: float

    @classmethod
    def of(cls, x: a.Assignment) -> Assignment:
        return cls(
            role=x.role,
            duty=DutyRef.of(x.duty),
            holder_kind=x.holder_kind,
            holder_kind_name=x.holder_kind_name,
            level=x.level,
            body=Ref.of(x.body) if x.body else None,
            resolution=x.resolution,
            path=Path.of(x.path),
            delegated=x.delegated,
            score=x.score,
        )


@strawberry.type(description="Who is responsible for a subject at a place: lead and assisting holders, with reasons.")
class Responsibility:
    place: Ref
    as_of: str | None
    subject: SubjectMatch
    assignments: list[Assignment]
    notes: list[str]

    @classmethod
    def of(cls, r: a.Responsibility) -> Responsibility:
        return cls(
            place=Ref.of(r.place),
            as_of=r.as_of,
            subject=SubjectMatch.of(r.subject),
            assignments=[Assignment.of(x) for x in r.assignments],
            notes=list(r.notes),
        )


@strawberry.type(description="One step up a reporting chain.")
class ChainStep:
    body: Ref
    parent: Ref
    line: Line | None
    primary: bool
    fallback: bool = strawberry.field(
        description="True when the requested line ended and the primary line was followed."
    )
    provenance: Provenance | None


@strawberry.type(description="A chain up one reporting line; `top` is where it ends.")
class Chain:
    line: Line | None
    steps: list[ChainStep]
    top: Ref | None


@strawberry.type(description="Who a body reports to, on each line asked for.")
class ReportingAnswer:
    body: Ref
    as_of: str | None
    chains: list[Chain]
    notes: list[str] = strawberry.field(description="Where a line ends short of the city government, and why.")

    @classmethod
    def of(cls, r: a.ReportingAnswer) -> ReportingAnswer:
        chains = [
            Chain(
                line=enum_or_none(Line, c.line),
                steps=[
                    ChainStep(
                        body=Ref.of(s.body),
                        parent=Ref.of(s.parent),
                        line=enum_or_none(Line, s.line),
                        primary=s.primary,
                        fallback=s.fallback,
                        provenance=_prov(s.provenance, s.source, s.rule),
                    )
                    for s in c.steps
                ],
                top=Ref.of(c.top) if c.top else None,
            )
            for c in r.chains
        ]
        return cls(body=Ref.of(r.body), as_of=r.as_of, chains=chains, notes=list(r.notes))


@strawberry.type(description="A body below the asked one, with the edge that puts it there and its depth.")
class Subordinate:
    body: Ref
    parent: Ref
    line: Line | None
    primary: bool
    depth: int

    @classmethod
    def of(cls, s: a.Subordinate) -> Subordinate:
        return cls(
            body=Ref.of(s.body),
            parent=Ref.of(s.parent),
            line=enum_or_none(Line, s.line),
            primary=s.primary,
            depth=s.depth,
        )


@strawberry.type(description="Everyone below a body; a unit with two superiors in the tree is listed under each.")
class SubordinatesAnswer:
    body: Ref
    depth: int
    line: Line | None
    as_of: str | None
    subordinates: list[Subordinate]
    notes: list[str] = strawberry.field(description="Why the list is empty or shallower than asked.")

    @classmethod
    def of(cls, r: a.SubordinatesAnswer) -> SubordinatesAnswer:
        below = [Subordinate.of(s) for s in r.subordinates]
        line = enum_or_none(Line, r.line)
        return cls(
            body=Ref.of(r.body), depth=r.depth, line=line, as_of=r.as_of, subordinates=below, notes=list(r.notes)
        )


@strawberry.type(description="Who scores whom (考核), on what basis (law article or reported practice).")
class Assessment:
    assessor: Ref
    assessed: Ref
    basis: str
    path: Path

    @classmethod
    def of(cls, x: a.Assessment) -> Assessment:
        return cls(assessor=Ref.of(x.assessor), assessed=Ref.of(x.assessed), basis=x.basis, path=Path.of(x.path))


@strawberry.type(description="Both directions of assessment for one body.")
class Assessments:
    assesses: list[Assessment] = strawberry.field(description="Whom the body scores.")
    assessed_by: list[Assessment] = strawberry.field(description="Who scores the body.")


@strawberry.input(description="A whistle (吹哨): where, about what, how urgent, as of when.")
class WhistleInput:
    place: str = strawberry.field(description="Area code (e.g. 110101001) or exact unique area name.")
    subject: str = strawberry.field(description="A duty id, a domain, a whistle subject (群众诉求 ...) or free text.")
    urgency: Urgency = Urgency.ROUTINE
    as_of: datetime.date | None = None

    def to_domain(self) -> a.WhistleInput:
        return a.WhistleInput(
            place=self.place,
            subject=self.subject,
            urgency=self.urgency.value,
            as_of=self.as_of.isoformat() if self.as_of else None,
        )


@strawberry.type(
    name="WhistleQuestion",
    description="The whistle as the service understood it (a question; `Whistle` is a blown whistle's record).",
)
class Whistle:
    place: str
    subject: str
    urgency: Urgency
    as_of: str | None


@strawberry.type(description="Why a responder is on the list: the duty, the role it gives, and the path.")
class Reason:
    duty: DutyRef
    role: str
    holder_kind: str
    score: float
    path: Path
    delegated: bool


@strawberry.type(
    description="One unit that must respond; on-the-ground units come first, then parents, then escalation."
)
class Responder:
    rank: int
    tier: str = strawberry.field(description="on_ground | district | escalation")
    body: Ref
    role: str = strawberry.field(description="The strongest role among its reasons, or escalation.")
    why: str
    reasons: list[Reason]
    path: Path
    notify_now: bool


@strawberry.type(description="Who has to respond to a whistle, in order, each with its reasons.")
class ResponderAnswer:
    whistle: Whistle
    place: Ref
    subject: SubjectMatch
    responders: list[Responder]
    unresolved: list[Assignment] = strawberry.field(description="Holders the graph could not place at this place.")
    notes: list[str]

    @classmethod
    def of(cls, r: a.ResponderAnswer) -> ResponderAnswer:
        w = r.whistle
        return cls(
            whistle=Whistle(place=w.place, subject=w.subject, urgency=Urgency(w.urgency), as_of=w.as_of),
            place=Ref.of(r.place),
            subject=SubjectMatch.of(r.subject),
            responders=[
                Responder(
                    rank=x.rank,
                    tier=x.tier,
                    body=Ref.of(x.body),
                    role=x.role,
                    why=x.why,
                    reasons=[
                        Reason(
                            duty=DutyRef.of(y.duty),
                            role=y.role,
                            holder_kind=y.holder_kind,
                            score=y.score,
                            path=Path.of(y.path),
                            delegated=y.delegated,
                        )
                        for y in x.reasons
                    ],
                    path=Path.of(x.path),
                    notify_now=x.notify_now,
                )
                for x in r.responders
            ],
            unresolved=[Assignment.of(x) for x in r.unresolved],
            notes=list(r.notes),
        )
