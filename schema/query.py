"""The Query root: lookups, filtered listings, the three questions, and search.

Resolvers only translate arguments and call graph.domain.Domain or the store; an
ArgumentError from the domain is re-labelled with the GraphQL argument's own name.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable
from typing import TypeVar

import strawberry
from strawberry.types import Info

from graph import answers, model
from graph.store import NodeQuery
from graph.vocabulary import EdgeType, Label
from schema.answers import Assessments, ReportingAnswer, ResponderAnswer, Responsibility, SubordinatesAnswer
from schema.answers import WhistleInput as WhistleArg
from schema.context import Context
from schema.dataclass_types import to_domain
from schema.enums import AreaKind, AreaLevel, BodyKind, Line, Role
from schema.nodes import Area, Body, Duty, Node, Organisation, load_node, organisation, wrap
from schema.pagination import DEFAULT_PAGE, Connection, check_first, store_page

Ctx = Info[Context, None]
T = TypeVar("T")


def _date(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


def _props(**filters: str | None) -> tuple[tuple[str, str], ...]:
    return tuple((k, str(v)) for k, v in filters.items() if v is not None)


async def _listing(
    info: Ctx,
    query: NodeQuery,
    of: Callable[[model.Node], T],
    first: int,
    after: str | None,
    within: tuple[str, str, str | None],
) -> Connection[T]:
    """A page of a root listing; `within` (edge type, argument, place) keeps the nodes with that edge to the place."""
    edge_type, argument, place = within
    if place:
        anchor = await info.context.call(info.context.domain.place, place, names={"place": argument})
        query = dataclasses.replace(query, via=(edge_type, "out", anchor.id))
    return await store_page(info.context, query, first, after, of)


@strawberry.type(description="A search result and how well it matched.")
class SearchHit:
    score: float
    node: Node


@strawberry.type
class Query:
    """Root fields are nullable so that one failing field does not erase the others' answers."""

    @strawberry.field(description="An area by official code (or exact unique name).")
    async def area(self, info: Ctx, code: str) -> Area | None:
        return Area.of(await info.context.call(info.context.domain.place, code, names={"place": "code"}))

    @strawberry.field(description="Areas, ordered by code.")
    async def areas(
        self,
        info: Ctx,
        level: AreaLevel | None = None,
        parent: str | None = None,
        kind: AreaKind | None = None,
        name_contains: str | None = None,
        first: int = DEFAULT_PAGE,
        after: str | None = None,
    ) -> Connection[Area] | None:
        query = NodeQuery(Label.AREA, props=_props(level=level, kind=kind), name_contains=name_contains)
        return await _listing(info, query, Area.of, first, after, within=(EdgeType.PART_OF, "parent", parent))

    @strawberry.field(description="A body or sunk team by id (or exact unique name).")
    async def body(self, info: Ctx, id: strawberry.ID) -> Organisation | None:
        return organisation(await info.context.call(info.context.domain.body, str(id), names={"body": "id"}))

    @strawberry.field(description="Bodies, ordered by id; `area` keeps those that GOVERN that area.")
    async def bodies(
        self,
        info: Ctx,
        kind: BodyKind | None = None,
        level: AreaLevel | None = None,
        area: str | None = None,
        name_contains: str | None = None,
        first: int = DEFAULT_PAGE,
        after: str | None = None,
    ) -> Connection[Body] | None:
        query = NodeQuery(Label.BODY, props=_props(kind=kind, level=level), name_contains=name_contains)
        return await _listing(info, query, Body.of, first, after, within=(EdgeType.GOVERNS, "area", area))

    @strawberry.field(description="A duty (list item) by id, e.g. sro2019-a5-1.")
    async def duty(self, info: Ctx, id: strawberry.ID) -> Duty | None:
        return Duty.of(await info.context.call(info.context.domain.duty, str(id)))

    @strawberry.field(description="Duties, ordered by id; `text` is a substring of the duty.")
    async def duties(
        self,
        info: Ctx,
        domain: str | None = None,
        whistle_subject: str | None = None,
        role: Role | None = None,
        holder_kind: str | None = None,
        regulation: str | None = None,
        text: str | None = None,
        first: int = DEFAULT_PAGE,
        after: str | None = None,
    ) -> Connection[Duty] | None:
        props = _props(
            domain=domain,
            whistle_subject=whistle_subject,
            role=role,
            holder_kind=holder_kind,
            regulation=regulation,
        )
        query = NodeQuery(Label.DUTY, props=props, name_contains=text)
        return await store_page(info.context, query, first, after, Duty.of)

    @strawberry.field(description="Any stored node by id; null when there is none.")
    async def node(self, info: Ctx, id: strawberry.ID) -> Node | None:
        return await load_node(info, str(id))

    @strawberry.field(
        description="Question 1: who is responsible for a subject at a place, as of a date.",
        graphql_type=Responsibility | None,
    )
    async def responsible(
        self, info: Ctx, place: str, subject: str, as_of: datetime.date | None = None
    ) -> answers.Responsibility:
        return await info.context.call(info.context.domain.responsible, place, subject, _date(as_of))

    @strawberry.field(
        description="Question 2: the chain up from a body, on one line or on every line.",
        graphql_type=ReportingAnswer | None,
    )
    async def reporting_chain(
        self, info: Ctx, body: strawberry.ID, line: Line | None = None, as_of: datetime.date | None = None
    ) -> answers.ReportingAnswer:
        return await info.context.call(info.context.domain.reporting_chain, str(body), line, _date(as_of))

    @strawberry.field(
        description="Question 2: everyone below a body, up to `depth` hops.",
        graphql_type=SubordinatesAnswer | None,
    )
    async def subordinates(
        self,
        info: Ctx,
        body: strawberry.ID,
        depth: int = 1,
        line: Line | None = None,
        as_of: datetime.date | None = None,
    ) -> answers.SubordinatesAnswer:
        return await info.context.call(info.context.domain.subordinates, str(body), depth, line, _date(as_of))

    @strawberry.field(description="Question 2: whom a body assesses (考核) and who assesses it.")
    async def assessments(self, info: Ctx, body: strawberry.ID) -> Assessments | None:
        gives, gets = await info.context.call(info.context.domain.assessments, str(body))
        return Assessments(assesses=gives, assessed_by=gets)

    @strawberry.field(
        description="Question 3: who has to respond to a whistle, in order, each with its reasons.",
        graphql_type=ResponderAnswer | None,
    )
    async def responders(self, info: Ctx, whistle: WhistleArg) -> answers.ResponderAnswer:  # type: ignore[valid-type]
        question = to_domain(answers.WhistleInput, whistle, as_of=_date(whistle.as_of))  # type: ignore[attr-defined]
        return await info.context.call(info.context.domain.responders, question)

    @strawberry.field(description="Areas, bodies and duties whose names or texts match (Chinese-aware).")
    async def search(self, info: Ctx, text: str, first: int = DEFAULT_PAGE) -> list[SearchHit] | None:
        hits = await info.context.call(info.context.domain.search, text, check_first(first))
        return [SearchHit(score=h.score, node=wrap(h.node)) for h in hits]
