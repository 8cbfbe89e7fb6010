"""Graph node types and their navigation; every hop goes through a per-request DataLoader (no N+1).

Fields are copied from the stored node when the object is built; navigation fields ask the
store for one relationship type in one direction, batched across all objects at that level.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import strawberry
from strawberry.types import Info

from graph import answers, model
from graph.store import Neighbour
from graph.vocabulary import EdgeType
from schema.context import Context
from schema.dataclass_types import graphql_type
from schema.enums import AreaKind, AreaLevel, HolderLevel, Label, Line, ProvenanceKind, Role, TeamKind, enum_or_none
from schema.pagination import DEFAULT_PAGE, Connection, list_page

Ctx = Info[Context, None]
T = TypeVar("T")


def _text(props: Mapping[str, object], key: str) -> str | None:
    value = props.get(key)
    return str(value) if value not in (None, "") else None


@strawberry.type(
    description="Where a fact comes from: a register or law (official), a seed article (reported), or a rule."
)
class Provenance:
    kind: ProvenanceKind
    source: str = strawberry.field(description="The file and line, article, or citation the fact was read from.")
    rule: str | None = strawberry.field(description="For derived facts: the named rule that produced it.")
    evidence: str | None = strawberry.field(description="A URL, quote or note backing the fact.")

    @classmethod
    def of(cls, props: Mapping[str, object]) -> Provenance | None:
        kind = enum_or_none(ProvenanceKind, props.get("provenance"))
        if kind is None:
            return None
        return cls(
            kind=kind, source=_text(props, "source") or "", rule=_text(props, "rule"), evidence=_text(props, "evidence")
        )


@strawberry.type(description="A stored property as text; list values are joined with '; '.")
class Property:
    key: str
    value: str


@strawberry.interface(description="Anything stored in the graph: an area, body, sunk team, duty or holder kind.")
class Node:
    id: strawberry.ID
    label: Label
    name: str
    provenance: Provenance | None
    valid_from: str | None = strawberry.field(description="ISO date from which the node exists, when known.")
    valid_to: str | None = strawberry.field(description="ISO date from which it no longer exists, when known.")
    _props: strawberry.Private[Mapping[str, object]]

    @strawberry.field(description="Every stored property, including those without a typed field (notes, status ...).")
    def properties(self) -> list[Property]:
        return [
            Property(key=k, value="; ".join(map(str, v)) if isinstance(v, list) else str(v))
            for k, v in sorted(self._props.items())
        ]


def _node_fields(node: model.Node) -> dict[str, Any]:
    p = node.props
    return {
        "id": strawberry.ID(node.id),
        "label": Label(node.label),
        "name": node.name,
        "provenance": Provenance.of(p),
        "valid_from": _text(p, "valid_from"),
        "valid_to": _text(p, "valid_to"),
        "_props": p,
    }


async def _hop(info: Ctx, node_id: str, edge_type: str, direction: str) -> list[Neighbour]:
    return await info.context.neighbours(edge_type, direction).load(node_id)


@strawberry.type(description="An administrative area: the city, a district, a street/town, or a community/village.")
class Area(Node):
    code: str = strawberry.field(
        description="Official NBS code: 6 digits for a district, 9 for a street, 12 for a community."
    )
    level: AreaLevel | None
    kind: AreaKind | None

    @classmethod
    def of(cls, node: model.Node) -> Area:
        p = node.props
        return cls(
            **_node_fields(node),
            code=str(p.get("code", node.id)),
            level=enum_or_none(AreaLevel, p.get("level")),
            kind=enum_or_none(AreaKind, p.get("kind")),
        )

    @strawberry.field(description="The area this one is part of (PART_OF).")
    async def parent(self, info: Ctx) -> Area | None:
        found = await _hop(info, self.id, EdgeType.PART_OF, "out")
        return Area.of(found[0].node) if found else None

    @strawberry.field(description="Areas directly part of this one, ordered by code.")
    async def children(self, info: Ctx, first: int = DEFAULT_PAGE, after: str | None = None) -> Connection[Area]:
        found = await _hop(info, self.id, EdgeType.PART_OF, "in")
        return list_page([Area.of(nb.node) for nb in found], lambda a: str(a.id), first, after)

    @strawberry.field(description="Bodies holding power over this area (GOVERNS).")
    async def bodies(self, info: Ctx) -> list[Body]:
        return [Body.of(nb.node) for nb in await _hop(info, self.id, EdgeType.GOVERNS, "in")]

    @strawberry.field(description="Sunk teams stationed in this area (STATIONED_IN).")
    async def sunk_teams(self, info: Ctx) -> list[SunkTeam]:
        return [SunkTeam.of(nb.node) for nb in await _hop(info, self.id, EdgeType.STATIONED_IN, "in")]


@strawberry.type(description="One REPORTS_TO edge: who reports to whom, on which line, with its provenance.")
class Reporting:
    line: Line | None
    primary: bool = strawberry.field(description="True on the line the body answers to first.")
    provenance: Provenance | None
    _from_id: strawberry.Private[str]
    _other: strawberry.Private[model.Node]

    @classmethod
    def of(cls, nb: Neighbour) -> Reporting:
        e = nb.edge
        return cls(
            line=enum_or_none(Line, e.get("line")),
            primary=bool(e.get("primary", False)),
            provenance=Provenance.of(e.props),
            _from_id=e.source,
            _other=nb.node,
        )

    @strawberry.field(
        description="The other end of the edge: the superior for reportsTo, the subordinate for subordinates."
    )
    def body(self) -> Organisation:
        return organisation(self._other)


@strawberry.interface(description="A body or a sunk team: something that reports to someone.")
class Organisation(Node):
    kind: str

    @strawberry.field(description="Outgoing REPORTS_TO edges: every line this unit reports on.")
    async def reports_to(self, info: Ctx) -> list[Reporting]:
        return [Reporting.of(nb) for nb in await _hop(info, self.id, EdgeType.REPORTS_TO, "out")]


@strawberry.type(description="A holding of one duty by a body, through one of the holder kinds the law names it as.")
class Holding:
    role: Role | None
    holder_kind: HolderKind
    duty: Duty


@strawberry.type(description="A government body: department, government, street office, committee, centre.")
class Body(Organisation):
    level: AreaLevel | None
    short_name: str | None

    @classmethod
    def of(cls, node: model.Node) -> Body:
        p = node.props
        return cls(
            **_node_fields(node),
            kind=str(p.get("kind", "")),
            level=enum_or_none(AreaLevel, p.get("level")),
            short_name=_text(p, "short_name"),
        )

    @strawberry.field(description="The kinds of holder the law names this body as (OF_KIND).")
    async def kinds(self, info: Ctx) -> list[HolderKind]:
        return [HolderKind.of(nb.node) for nb in await _hop(info, self.id, EdgeType.OF_KIND, "out")]

    @strawberry.field(description="The areas this body holds power over (GOVERNS).")
    async def governs(self, info: Ctx) -> list[Area]:
        return [Area.of(nb.node) for nb in await _hop(info, self.id, EdgeType.GOVERNS, "out")]

    @strawberry.field(description="Incoming REPORTS_TO edges: the bodies and teams that report to this one.")
    async def subordinates(
        self, info: Ctx, first: int = DEFAULT_PAGE, after: str | None = None
    ) -> Connection[Reporting]:
        found = [Reporting.of(nb) for nb in await _hop(info, self.id, EdgeType.REPORTS_TO, "in")]
        return list_page(found, lambda r: f"{r._from_id}|{r.line.value if r.line else ''}", first, after)

    @strawberry.field(
        description="Duties this body holds: OF_KIND -> HolderKind -> RESPONSIBLE_FOR -> Duty, by duty id."
    )
    async def responsibilities(
        self, info: Ctx, role: Role | None = None, first: int = DEFAULT_PAGE, after: str | None = None
    ) -> Connection[Holding]:
        kinds = await _hop(info, self.id, EdgeType.OF_KIND, "out")
        loader = info.context.neighbours(EdgeType.RESPONSIBLE_FOR, "out")
        held = await loader.load_many([k.node.id for k in kinds])
        holdings = [
            Holding(
                role=enum_or_none(Role, nb.edge.get("role")), holder_kind=HolderKind.of(k.node), duty=Duty.of(nb.node)
            )
            for k, duties in zip(kinds, held, strict=True)
            for nb in duties
            if role is None or nb.edge.get("role") == role.value
        ]
        return list_page(holdings, lambda h: f"{h.duty.id}|{h.holder_kind.id}", first, after)

    @strawberry.field(description="Sunk teams this body sent down (SENT_BY).")
    async def sunk_teams(self, info: Ctx) -> list[SunkTeam]:
        return [SunkTeam.of(nb.node) for nb in await _hop(info, self.id, EdgeType.SENT_BY, "in")]


@strawberry.type(
    description="Department staff moved down to a street or township (下沉力量); they answer to two lines."
)
class SunkTeam(Organisation):
    form: TeamKind | None

    @classmethod
    def of(cls, node: model.Node) -> SunkTeam:
        p = node.props
        return cls(**_node_fields(node), kind=str(p.get("kind", "")), form=enum_or_none(TeamKind, p.get("form")))

    @strawberry.field(description="The department that sent the team (SENT_BY).")
    async def sent_by(self, info: Ctx) -> list[Body]:
        return [Body.of(nb.node) for nb in await _hop(info, self.id, EdgeType.SENT_BY, "out")]

    @strawberry.field(description="Where the team works (STATIONED_IN).")
    async def stationed_in(self, info: Ctx) -> list[Area]:
        return [Area.of(nb.node) for nb in await _hop(info, self.id, EdgeType.STATIONED_IN, "out")]


@strawberry.type(description="A kind of holder a law names (e.g. street_office, district city-management department).")
class HolderKind(Node):
    levels: list[HolderLevel]

    @classmethod
    def of(cls, node: model.Node) -> HolderKind:
        return cls(**_node_fields(node), levels=_levels(node.get("levels", [])))

    @strawberry.field(description="The bodies of this kind (OF_KIND), ordered by id.")
    async def bodies(self, info: Ctx, first: int = DEFAULT_PAGE, after: str | None = None) -> Connection[Body]:
        found = [Body.of(nb.node) for nb in await _hop(info, self.id, EdgeType.OF_KIND, "in")]
        return list_page(found, lambda b: str(b.id), first, after)


@strawberry.type(description="A holder kind named for a duty (RESPONSIBLE_FOR), with the role and levels.")
class DutyHolder:
    role: Role | None
    levels: list[HolderLevel]
    holder_kind: HolderKind
    provenance: Provenance | None


@strawberry.type(
    description="A power moved down to another holder kind (the 2020 delegation to streets and townships)."
)
class Delegation:
    holder_kind: HolderKind
    valid_from: str | None
    provenance: Provenance | None


# The duty's clause fields as described wherever they appear (a Duty node, or the DutyRef an answer cites).
DUTY_DOCS = {
    "duty": "The duty in short.",
    "whistle_subject": "群众诉求, 重点工作, 综合执法 or 应急处置 where the clause names one.",
    "holder_kind": "Id of the holder kind the clause names.",
    "quote": "The clause's wording, verbatim.",
}
DUTY_RENAME = {"duty": "text"}
DUTY_CITATION = {"citation": "《regulation》article clause"}

_DutyClause = graphql_type(
    answers.DutyRef,
    name="Duty",
    description="The clause fields of a Duty node, as graph/answers.DutyRef reads them.",
    interfaces=(Node,),
    docs=DUTY_DOCS,
    rename=DUTY_RENAME,
    expose=DUTY_CITATION,
    register=False,
)


@strawberry.type(description="One list item: a clause of a regulation assigning one duty to one kind of holder.")
class Duty(_DutyClause):  # type: ignore[misc,valid-type]
    @classmethod
    def of(cls, node: model.Node) -> Duty:
        clause = answers.DutyRef.of(node)
        fields = {f.name: getattr(clause, f.name) for f in dataclasses.fields(clause) if f.name != "id"}
        return cls(**_node_fields(node), **fields)

    @strawberry.field(
        description="The holder kinds named for this duty (RESPONSIBLE_FOR); their bodies via holderKind.bodies."
    )
    async def holders(self, info: Ctx) -> list[DutyHolder]:
        return [
            DutyHolder(
                role=enum_or_none(Role, nb.edge.get("role")),
                levels=_levels(nb.edge.get("levels", [])),
                holder_kind=HolderKind.of(nb.node),
                provenance=Provenance.of(nb.edge.props),
            )
            for nb in await _hop(info, self.id, EdgeType.RESPONSIBLE_FOR, "in")
        ]

    @strawberry.field(description="Holder kinds the power was moved down to (DELEGATED_TO).")
    async def delegated_to(self, info: Ctx) -> list[Delegation]:
        return [
            Delegation(
                holder_kind=HolderKind.of(nb.node),
                valid_from=_text(nb.edge.props, "valid_from"),
                provenance=Provenance.of(nb.edge.props),
            )
            for nb in await _hop(info, self.id, EdgeType.DELEGATED_TO, "out")
        ]


_TYPES: dict[str, Callable[[model.Node], Node]] = {
    Label.AREA: Area.of,
    Label.BODY: Body.of,
    Label.SUNK_TEAM: SunkTeam.of,
    Label.DUTY: Duty.of,
    Label.HOLDER_KIND: HolderKind.of,
}


def wrap(node: model.Node) -> Node:
    """The GraphQL object for any stored node."""
    return _TYPES[node.label](node)


async def load_node(info: Ctx, node_id: str, of: Callable[[model.Node], T] = wrap) -> T | None:  # type: ignore[assignment]
    """The node with this id as a GraphQL object (`of` builds it), through the request's batching loader."""
    found = await info.context.nodes.load(node_id)
    return of(found) if found else None


def _levels(value: object) -> list[HolderLevel]:
    return [HolderLevel(str(v)) for v in (value if isinstance(value, list) else [value])]


def organisation(node: model.Node) -> Organisation:
    return SunkTeam.of(node) if node.label == Label.SUNK_TEAM else Body.of(node)


NODE_TYPES = (Area, Body, SunkTeam, Duty, HolderKind)
