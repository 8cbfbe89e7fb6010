"""The Query root: lookups, filtered listings, the three questions, and search.

Resolvers only translate arguments and call graph.domain.Domain or the store; an
ArgumentError from the domain is re-labelled with the GraphQL argument's own name.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import TypeVar

import strawberry
from strawberry.types import Info

from graph import model
from graph.errors import ArgumentError
from graph.store import NodeQuery
from schema.answers import Assessment, Assessments, ReportingAnswer, ResponderAnswer, Responsibility, SubordinatesAnswer
from schema.answers import WhistleInput as WhistleArg
from schema.context import Context
from schema.enums import AreaLevel, Line, Role
from schema.nodes import Area, Body, Duty, Node, Organisation, organisation, wrap
from schema.pagination import DEFAULT_PAGE, Connection, check_first, store_page

Ctx = Info[Context, None]
R = TypeVar("R")


async def _ask(info: Ctx, fn: Callable[..., R], *args: object, names: dict[str, str] | None = None) -> R:
    """Call the domain; an ArgumentError is re-labelled with the argument's name as the client spelled it."""
    try:
        return await info.context.call(fn, *args)
    except ArgumentError as e:
        name = {"as_of": "asOf", **(names or {})}.get(e.argument)
        if name is None:
            raise
        raise ArgumentError(name, e.value, e.message) from e


def _date(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


def _props(**filters: str | None) -> tuple[tuple[str, str], ...]:
    return tuple((k, v) for k, v in filters.items() if v is not None)


@strawberry.type(description="A search result and how well it matched.")
class SearchHit:
    score: float
    node: Node


@strawberry.type
class Query:
    """Root fields are nullable so that one failing field does not erase the others' answers."""

    @strawberry.field(description="An area by official code (or exact unique name).")
    async def area(self, info: Ctx, code: str) -> Area | None:
        return Area.of(await _ask(info, info.context.domain.place, code, names={"place": "code"}))

    @strawberry.field(description="Areas, ordered by code.")
    async def areas(
        self,
        info: Ctx,
        level: AreaLevel | None = None,
        parent: str | None = None,
        kind: str | None = None,
        name_contains: str | None = None,
        first: int = DEFAULT_PAGE,
        after: str | None = None,
    ) -> Connection[Area] | None:
        via = None
        if parent:
            parent_node = await _ask(info, info.context.domain.place, parent, names={"place": "parent"})
            via = (model.PART_OF, "out", parent_node.id)
        props = _props(level=level.value if level else None, kind=kind)
        query = NodeQuery(model.AREA, props=props, via=via, name_contains=name_contains)
        return await store_page(info.context, query, first, after, Area.of)

    @strawberry.field(description="A body or sunk team by id (or exact unique name).")
    async def body(self, info: Ctx, id: strawberry.ID) -> Organisation | None:
        return organisation(await _ask(info, info.context.domain.body, str(id), names={"body": "id"}))

    @strawberry.field(description="Bodies, ordered by id; `area` keeps those that GOVERN that area.")
    async def bodies(
        self,
        info: Ctx,
        kind: str | None = None,
        level: AreaLevel | None = None,
        area: str | None = None,
        name_contains: str | None = None,
        first: int = DEFAULT_PAGE,
        after: str | None = None,
    ) -> Connection[Body] | None:
        via = None
        if area:
            area_node = await _ask(info, info.context.domain.place, area, names={"place": "area"})
            via = (model.GOVERNS, "out", area_node.id)
        props = _props(kind=kind, level=level.value if level else None)
        query = NodeQuery(model.BODY, props=props, via=via, name_contains=name_contains)
        return await store_page(info.context, query, first, after, Body.of)

    @strawberry.field(description="A duty (list item) by id, e.g. sro2019-a5-1.")
    async def duty(self, info: Ctx, id: strawberry.ID) -> Duty | None:
        return Duty.of(await _ask(info, info.context.domain.duty, str(id)))

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
            role=role.value if role else None,
            holder_kind=holder_kind,
            regulation=regulation,
        )
        query = NodeQuery(model.DUTY, props=props, name_contains=text)
        return await store_page(info.context, query, first, after, Duty.of)

    @strawberry.field(description="Any stored node by id; null when there is none.")
    async def node(self, info: Ctx, id: strawberry.ID) -> Node | None:
        found = await info.context.nodes.load(str(id))
        return wrap(found) if found else None

    @strawberry.field(description="Question 1: who is responsible for a subject at a place, as of a date.")
    async def responsible(
        self, info: Ctx, place: str, subject: str, as_of: datetime.date | None = None
    ) -> Responsibility | None:
        answer = await _ask(info, info.context.domain.responsible, place, subject, _date(as_of))
        return Responsibility.of(answer)

    @strawberry.field(description="Question 2: the chain up from a body, on one line or on every line.")
    async def reporting_chain(
        self, info: Ctx, body: strawberry.ID, line: Line | None = None, as_of: datetime.date | None = None
    ) -> ReportingAnswer | None:
        chain = info.context.domain.reporting_chain
        answer = await _ask(info, chain, str(body), line.value if line else None, _date(as_of))
        return ReportingAnswer.of(answer)

    @strawberry.field(description="Question 2: everyone below a body, up to `depth` hops.")
    async def subordinates(
        self,
        info: Ctx,
        body: strawberry.ID,
        depth: int = 1,
        line: Line | None = None,
        as_of: datetime.date | None = None,
    ) -> SubordinatesAnswer | None:
        below = info.context.domain.subordinates
        found = await _ask(info, below, str(body), depth, line.value if line else None, _date(as_of))
        return SubordinatesAnswer.of(found)

    @strawberry.field(description="Question 2: whom a body assesses (考核) and who assesses it.")
    async def assessments(self, info: Ctx, body: strawberry.ID) -> Assessments | None:
        gives, gets = await _ask(info, info.context.domain.assessments, str(body))
        return Assessments(assesses=[Assessment.of(x) for x in gives], assessed_by=[Assessment.of(x) for x in gets])

    @strawberry.field(description="Question 3: who has to respond to a whistle, in order, each with its reasons.")
    async def responders(self, info: Ctx, whistle: WhistleArg) -> ResponderAnswer | None:
        answer = await _ask(info, info.context.domain.responders, whistle.to_domain())
        return ResponderAnswer.of(answer)

    @strawberry.field(description="Areas, bodies and duties whose names or texts match (Chinese-aware).")
    async def search(self, info: Ctx, text: str, first: int = DEFAULT_PAGE) -> list[SearchHit] | None:
        hits = await info.context.call(info.context.domain.search, text, check_first(first))
        return [SearchHit(score=h.score, node=wrap(h.node)) for h in hits]
