"""Whistles over GraphQL: the lifecycle mutations, the supervision record, accountability figures, live calls.

Resolvers translate arguments, pass the request's principal, and call whistles.supervision.Supervision:
who may do what is decided by whistles/authz.Policy, what a command records by whistles/record.py,
how figures are counted by whistles/accountability.py. Ledger work always runs in a worker thread,
because a write waits for its fsync and that must not stall the event loop; a mutation answers
only after its events are committed.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import logging
from collections.abc import AsyncGenerator, Callable
from contextlib import aclosing
from functools import partial
from typing import TYPE_CHECKING, Annotated, Any, TypeVar, cast, get_type_hints

import anyio.to_thread
import strawberry
from graphql import GraphQLError
from strawberry.scalars import JSON
from strawberry.types import Info

from graph import vocabulary
from graph.errors import ArgumentError
from graph.vocabulary import AreaLevel
from schema.context import Context
from schema.enums import CallChange, CallStatus, EventType, Outcome, Urgency, WhistleSource, WhistleStatus
from schema.extensions import masked_stream
from schema.live import FellBehind
from schema.nodes import Area, Duty, Organisation, organisation
from schema.pagination import DEFAULT_PAGE, Connection, Edge, PageInfo, check_first, decode_cursor, encode_cursor
from whistles import accountability, record
from whistles.authz import Forbidden, Principal
from whistles.ledger import Filter
from whistles.record import BEIJING, iso, parse_time
from whistles.supervision import Period, Supervision
from whistles.tokens import RECHECK_SECONDS

Ctx = Info[Context, None]
R = TypeVar("R")
log = logging.getLogger("whistlegraph")


async def _run(fn: Callable[..., R], *args: object, names: dict[str, str] | None = None, **kwargs: object) -> R:
    """Run a supervision call in a worker thread; an ArgumentError is re-labelled with the client's argument name."""
    try:
        return await anyio.to_thread.run_sync(partial(fn, *args, **kwargs))
    except ArgumentError as e:
        name = (names or {}).get(e.argument)
        if name is None:
            raise
        raise ArgumentError(name, e.value, e.message) from e


def _ledger(info: Ctx) -> tuple[Supervision, Principal]:
    return info.context.supervision, info.context.principal


async def _command(info: Ctx, command: Callable[..., record.Whistle], **arguments: object) -> Whistle:
    """Run one Supervision command (an unbound method) as the caller, with keyword arguments, and return the
    whistle as it now stands (durably)."""
    sv, p = _ledger(info)
    w = await _run(partial(command, sv, p, **arguments))
    return Whistle.of(w, sv.clock())


def _local(value: dt.datetime) -> dt.datetime:
    """A recorded time (UTC) in Beijing time; the offset (+08:00) is always given."""
    return value.astimezone(BEIJING)


def _period(since: dt.datetime | None, until: dt.datetime | None) -> Period:
    """Blow times in [since, until); a time without an offset is Beijing time."""
    start = parse_time("since", since) if since else None
    end = parse_time("until", until) if until else None
    if start and end and end <= start:
        raise ArgumentError("until", iso(end), f"must be later than since ({iso(start)})")
    return Period(start, end)


async def _street(info: Ctx, street: str) -> str:
    """A street, town or township by code or unique name, as the ledger keys whistles."""
    area = await _run(info.context.domain.place, street, names={"place": "street"})
    if area.get("level") != AreaLevel.STREET:
        raise ArgumentError("street", street, "want a street, town or township (a 9-digit area code)")
    return area.id


# -- the record -----------------------------------------------------------------------------------


@strawberry.type(description="A body called to a whistle: its deadline, and whether and when it reported in.")
class WhistleCall:
    body_id: strawberry.ID
    name: str = strawberry.field(description="The body's name as recorded when it was called.")
    tier: str = strawberry.field(description="on_ground | district | escalation")
    role: str = strawberry.field(description="The role its duty gives it (lead, enforce ...), or escalation.")
    reason: str = strawberry.field(description="responder, deadline (automatic escalation) or manual: <note>.")
    called_at: dt.datetime
    deadline: dt.datetime
    reported_at: dt.datetime | None
    on_site: bool | None = strawberry.field(description="Reported in on site (true) or on the platform (false).")
    status: CallStatus
    minutes_to_report: float | None

    @classmethod
    def of(cls, c: record.Call, now: dt.datetime) -> WhistleCall:
        return cls(
            body_id=strawberry.ID(c.body),
            name=c.name,
            tier=c.tier,
            role=c.role,
            reason=c.reason,
            called_at=_local(c.called_at),
            deadline=_local(c.deadline),
            reported_at=_local(c.reported_at) if c.reported_at else None,
            on_site=c.on_site,
            status=CallStatus(c.status(now)),
            minutes_to_report=c.minutes_to_report(),
        )

    @strawberry.field(description="The called body or sunk team (batched lookup); null if the graph no longer has it.")
    async def body(self, info: Ctx) -> Organisation | None:
        found = await info.context.nodes.load(str(self.body_id))
        return organisation(found) if found else None


@strawberry.type(description="One step of the supervision record, with its time and actor.")
class WhistleEvent:
    seq: int
    type: EventType
    at: dt.datetime = strawberry.field(
        description="The time the record counts: a claimed time where one was accepted, else receivedAt."
    )
    received_at: dt.datetime | None = strawberry.field(
        description="When the server received the step, by its own clock (null on steps recorded before it was kept)."
    )
    claimed_at: dt.datetime | None = strawberry.field(
        description="The time the client claimed for the step and the server accepted (see docs/whistles.md); else null."
    )
    actor: str = strawberry.field(description="The principal's name, or `system` for automatic escalation.")
    data: JSON | None = strawberry.field(
        description="What the step recorded, verbatim (its times in UTC); null when withheld."
    )
    withheld: bool = strawberry.field(
        description="True for an evaluation this reader may not see (背靠背): only its place in the record shows."
    )


@strawberry.type(description="A street's rating (0-100) of one called department's response to a whistle.")
class Evaluation:
    body_id: strawberry.ID
    rating: int
    comment: str
    by: str = strawberry.field(description="The street operator who gave it.")

    @strawberry.field(description="The rated body or sunk team (batched lookup).")
    async def body(self, info: Ctx) -> Organisation | None:
        found = await info.context.nodes.load(str(self.body_id))
        return organisation(found) if found else None


@strawberry.type(description="A blown whistle: the fold of its supervision record (吹哨、报到、升级、办结、评价).")
class Whistle:
    id: strawberry.ID
    place_name: str = strawberry.field(description="The place's name as recorded when the whistle was blown.")
    subject: str
    urgency: Urgency
    description: str
    source: WhistleSource
    order_number: str | None = strawberry.field(description="The 12345 work-order number of a hotline whistle.")
    status: WhistleStatus
    outcome: Outcome | None
    blown_at: dt.datetime
    blown_by: str = strawberry.field(description="The principal who blew it.")
    resolved_at: dt.datetime | None
    satisfied: bool | None = strawberry.field(description="The petitioner's answer to the 12345 callback (回访).")
    calls: list[WhistleCall] = strawberry.field(description="Every body called, in the order they were called.")
    _record: strawberry.Private[record.Whistle]

    @classmethod
    def of(cls, w: record.Whistle, now: dt.datetime) -> Whistle:
        return cls(
            id=strawberry.ID(w.id),
            place_name=w.place_name,
            subject=w.subject,
            urgency=Urgency(w.urgency),
            description=w.description,
            source=WhistleSource(w.source),
            order_number=w.order_number or None,
            status=WhistleStatus(w.status),
            outcome=Outcome(w.outcome) if w.outcome else None,
            blown_at=_local(w.blown_at),
            blown_by=w.blown_by,
            resolved_at=_local(w.resolved_at) if w.resolved_at else None,
            satisfied=w.satisfied,
            calls=[WhistleCall.of(c, now) for c in w.calls.values()],
            _record=w,
        )

    async def _area(self, info: Ctx, code: str) -> Area | None:
        found = await info.context.nodes.load(code)
        return Area.of(found) if found else None

    @strawberry.field(description="Where it was blown: a street, town, township, community or village.")
    async def place(self, info: Ctx) -> Area | None:
        return await self._area(info, self._record.place)

    @strawberry.field(description="The street, town or township whose ground the place is on.")
    async def street(self, info: Ctx) -> Area | None:
        return await self._area(info, self._record.street)

    @strawberry.field(description="The district the place is in.")
    async def district(self, info: Ctx) -> Area | None:
        return await self._area(info, self._record.district)

    @strawberry.field(description="The duties (list items) the subject matched when it was blown.")
    async def duties(self, info: Ctx) -> list[Duty]:
        found = await info.context.nodes.load_many(self._record.duties)
        return [Duty.of(n) for n in found if n is not None]

    @strawberry.field(
        description="Who is called next when a deadline passes: sub-centre, command centre, district, city."
    )
    async def ladder(self, info: Ctx) -> list[Organisation]:
        found = await info.context.nodes.load_many(self._record.ladder)
        return [organisation(n) for n in found if n is not None]

    @strawberry.field(description="Every step with its time and actor; evaluations are withheld from other readers.")
    async def timeline(self, info: Ctx) -> list[WhistleEvent]:
        events = self._record.events
        visible = True
        if any(e.type == vocabulary.EventType.EVALUATED for e in events):
            visible = await _may_see_evaluations(info, self._record)
        return [
            WhistleEvent(
                seq=e.seq,
                type=EventType(e.type),
                at=_local(e.at),
                received_at=_local(e.received_at) if e.received_at else None,
                claimed_at=_local(e.claimed_at) if e.claimed_at else None,
                actor=e.actor,
                data=cast(JSON, e.data) if visible or e.type != vocabulary.EventType.EVALUATED else None,
                withheld=not visible and e.type == vocabulary.EventType.EVALUATED,
            )
            for e in events
        ]

    @strawberry.field(
        description="The street's ratings of the departments it called: for that street's operator and admins only."
    )
    async def evaluations(self, info: Ctx) -> list[Evaluation] | None:
        sv, p = _ledger(info)
        given = await _run(sv.evaluations, p, self._record)
        return [
            Evaluation(body_id=strawberry.ID(body), rating=int(e["rating"]), comment=str(e["comment"]), by=str(e["by"]))
            for body, e in given.items()
        ]


async def _may_see_evaluations(info: Ctx, w: record.Whistle) -> bool:
    sv, p = _ledger(info)
    try:
        await _run(sv.evaluations, p, w)
    except Forbidden:
        return False
    return True


def _whistle_page(ids: list[str], first: int, after: str | None) -> tuple[list[str], bool]:
    """The ids of one page in the listing's order (blow time); the cursor is the last whistle id seen."""
    start = 0
    key = decode_cursor(after)
    if key is not None:
        if key not in ids:
            raise ArgumentError("after", after, "not a cursor of this listing (its whistle no longer matches)")
        start = ids.index(key) + 1
    chosen = ids[start : start + check_first(first)]
    return chosen, start + len(chosen) < len(ids)


# -- figures --------------------------------------------------------------------------------------


def _figures(figures: type, description: str, **described: str) -> Any:
    """The GraphQL type of a figures dataclass of whistles/accountability.py: its fields as defined there, once,
    with descriptions added. Resolvers return the dataclass itself (strawberry reads its attributes)."""
    hints = get_type_hints(figures)
    namespace: dict[str, Any] = {"__annotations__": {f.name: hints[f.name] for f in dataclasses.fields(figures)}}
    namespace |= {name: strawberry.field(description=text) for name, text in described.items()}
    return strawberry.type(type(figures.__name__, (), namespace), description=description)


if TYPE_CHECKING:  # what the resolvers return, and what the GraphQL types read
    CallFigures = accountability.CallFigures
    HotlineFigures = accountability.HotlineFigures
else:
    CallFigures = _figures(
        accountability.CallFigures,
        "Calls to the bodies asked about, over whistles blown in the period (see docs/whistles.md).",
        whistles="Whistles with at least one of these calls.",
        resolved="Of those, whistles closed with outcome RESOLVED.",
    )
    HotlineFigures = _figures(
        accountability.HotlineFigures,
        "接诉即办 figures over whistles from 12345 work orders blown in the period.",
        response_rate="On-time calls / calls answered or past deadline.",
        resolution_rate="Closed RESOLVED / closed.",
        satisfaction_rate="Satisfied callbacks / callbacks.",
    )


@strawberry.type(description="One street's ratings of a department: shown to admins only (背靠背).")
class StreetScore:
    street_code: str
    evaluations: int
    mean_rating: float

    @strawberry.field(description="The street (batched lookup).")
    async def street(self, info: Ctx) -> Area | None:
        found = await info.context.nodes.load(self.street_code)
        return Area.of(found) if found else None


@strawberry.type(description="The streets' component of a department's performance score (考核) for a period.")
class AssessmentScore:
    department: strawberry.ID
    evaluations: int
    street_score: float | None = strawberry.field(description="Mean of the streets' 0-100 ratings.")
    weight: float = strawberry.field(description="The streets' share of the department's score (at least 1/3).")
    weighted: float | None = strawberry.field(description="weight × streetScore: the points the streets contribute.")
    by_street: list[StreetScore] | None = strawberry.field(
        description="Who gave what: null unless the reader is an admin (背靠背)."
    )


# -- roots ----------------------------------------------------------------------------------------


@strawberry.type
class WhistleQuery:
    """Whistle reads: any signed-in principal; evaluations and assessment scores as Policy allows."""

    @strawberry.field(description="A whistle by id (e.g. W000001), with its calls and timeline.")
    async def whistle(self, info: Ctx, id: strawberry.ID) -> Whistle | None:
        sv, p = _ledger(info)
        await _run(sv.policy.read, p)
        w = await _run(sv.whistle, str(id), names={"whistle": "id"})
        return Whistle.of(w, sv.clock())

    @strawberry.field(
        description="Whistles in blow-time order, filtered by street, called body, status, source, period."
    )
    async def whistles(
        self,
        info: Ctx,
        street: str | None = None,
        body: strawberry.ID | None = None,
        status: WhistleStatus | None = None,
        source: WhistleSource | None = None,
        since: dt.datetime | None = None,
        until: dt.datetime | None = None,
        first: int = DEFAULT_PAGE,
        after: str | None = None,
    ) -> Connection[Whistle] | None:
        sv, p = _ledger(info)
        await _run(sv.policy.read, p)
        period = _period(since, until)
        street_code = await _street(info, street) if street else None
        body_id = (await _run(info.context.domain.body, str(body))).id if body else None
        which = Filter(
            street=street_code,
            bodies=[body_id] if body_id else None,
            status=vocabulary.WhistleStatus(status.value) if status else None,
            source=vocabulary.WhistleSource(source.value) if source else None,
            since=period.since,
            until=period.until,
        )
        ids = await _run(sv.ledger.find, which)
        now = sv.clock()
        chosen, has_next = _whistle_page(ids, first, after)
        folded = await _run(lambda: [Whistle.of(sv.whistle(i), now) for i in chosen])
        edges = [Edge(cursor=encode_cursor(str(x.id)), node=x) for x in folded]

        async def count() -> int:
            return len(ids)

        page = PageInfo(has_next_page=has_next, end_cursor=edges[-1].cursor if edges else None)
        return Connection(edges=edges, page_info=page, _count=count)

    @strawberry.field(description="Accountability figures for a body's calls (and, by default, its sunk teams').")
    async def body_figures(
        self,
        info: Ctx,
        body: strawberry.ID,
        since: dt.datetime | None = None,
        until: dt.datetime | None = None,
        include_units: bool = True,
    ) -> CallFigures | None:
        sv, p = _ledger(info)
        await _run(sv.policy.read, p)
        period = _period(since, until)
        node = await _run(info.context.domain.body, str(body))
        return await _run(sv.body_figures, node.id, period, include_units)

    @strawberry.field(description="Accountability figures for every call of the whistles blown on a street's ground.")
    async def street_figures(
        self, info: Ctx, street: str, since: dt.datetime | None = None, until: dt.datetime | None = None
    ) -> CallFigures | None:
        sv, p = _ledger(info)
        await _run(sv.policy.read, p)
        period = _period(since, until)
        return await _run(sv.street_figures, await _street(info, street), period)

    @strawberry.field(
        description="The streets' score of a department: its own operator sees the total, admins who gave what."
    )
    async def assessment_score(
        self,
        info: Ctx,
        department: strawberry.ID,
        since: dt.datetime | None = None,
        until: dt.datetime | None = None,
    ) -> AssessmentScore | None:
        sv, p = _ledger(info)
        period = _period(since, until)
        node = await _run(info.context.domain.body, str(department), names={"body": "department"})
        breakdown = await _run(sv.policy.scores, p, node.id)
        s = await _run(sv.assessment, p, node.id, period)
        by_street = [
            StreetScore(street_code=x.street, evaluations=x.evaluations, mean_rating=x.mean_rating) for x in s.by_street
        ]
        return AssessmentScore(
            department=strawberry.ID(s.department),
            evaluations=s.evaluations,
            street_score=s.street_score,
            weight=s.weight,
            weighted=s.weighted,
            by_street=by_street if breakdown else None,
        )

    @strawberry.field(description="接诉即办: response, resolution and satisfaction rates of 12345 whistles.")
    async def hotline_figures(
        self, info: Ctx, since: dt.datetime | None = None, until: dt.datetime | None = None
    ) -> HotlineFigures | None:
        sv, p = _ledger(info)
        await _run(sv.policy.read, p)
        return await _run(sv.hotline, _period(since, until))


# Optional on every command: a claimed time, for entering a step taken earlier; the server records its own clock too.
Time = Annotated[
    dt.datetime | None,
    strawberry.argument(
        description="A claimed time for a step taken earlier (no offset: Beijing time): accepted only from a role that"
        " may claim this step and inside the claim window (docs/whistles.md); leave it out and the server's clock counts."
    ),
]


@strawberry.type
class Mutation:
    """Each answers only after its events are durable; refused ones write nothing."""

    @strawberry.mutation(
        description="Blow a whistle on the street's own ground: calls the responders, each with a deadline."
    )
    async def blow_whistle(
        self,
        info: Ctx,
        place: str,
        subject: str,
        urgency: Urgency = Urgency.ROUTINE,
        description: str = "",
        source: WhistleSource = WhistleSource.STREET_INSPECTION,
        order_number: str = "",
        time: Time = None,
    ) -> Whistle | None:
        return await _command(
            info,
            Supervision.blow,
            place=place,
            subject=subject,
            urgency=vocabulary.Urgency(urgency.value),
            description=description,
            source=vocabulary.WhistleSource(source.value),
            order_number=order_number,
            at=time,
        )

    @strawberry.mutation(description="A called body reports in (报到), on site or on the platform.")
    async def report_in(
        self,
        info: Ctx,
        whistle: strawberry.ID,
        body: strawberry.ID,
        on_site: bool = True,
        note: str = "",
        time: Time = None,
    ) -> Whistle | None:
        return await _command(
            info, Supervision.report_in, whistle_id=str(whistle), body=str(body), at=time, on_site=on_site, note=note
        )

    @strawberry.mutation(description="The street closes the whistle with an outcome.")
    async def resolve(
        self,
        info: Ctx,
        whistle: strawberry.ID,
        outcome: Outcome,
        note: str = "",
        time: Time = None,
    ) -> Whistle | None:
        return await _command(
            info,
            Supervision.resolve,
            whistle_id=str(whistle),
            outcome=vocabulary.Outcome(outcome.value),
            note=note,
            at=time,
        )

    @strawberry.mutation(
        description="The street calls the next level up the ladder now, without waiting for a deadline."
    )
    async def escalate(
        self,
        info: Ctx,
        whistle: strawberry.ID,
        note: str = "",
        time: Time = None,
    ) -> Whistle | None:
        return await _command(info, Supervision.escalate, whistle_id=str(whistle), note=note, at=time)

    @strawberry.mutation(description="The street rates a called department's response, 0-100 (考核, 背靠背).")
    async def evaluate(
        self,
        info: Ctx,
        whistle: strawberry.ID,
        body: strawberry.ID,
        rating: int,
        comment: str = "",
        time: Time = None,
    ) -> Whistle | None:
        return await _command(
            info,
            Supervision.evaluate,
            whistle_id=str(whistle),
            body=str(body),
            rating=rating,
            comment=comment,
            at=time,
        )

    @strawberry.mutation(description="The 12345 centre records the petitioner's answer to its callback (回访).")
    async def record_callback(
        self,
        info: Ctx,
        whistle: strawberry.ID,
        satisfied: bool,
        time: Time = None,
    ) -> Whistle | None:
        return await _command(info, Supervision.callback, whistle_id=str(whistle), satisfied=satisfied, at=time)

    @strawberry.mutation(
        description="An admin corrects the time of an earlier report-in or call (its deadline moves with it): recorded"
        " as a CORRECTED step with the reason; the corrected step stays in the timeline as it was received."
    )
    async def correct_time(
        self, info: Ctx, whistle: strawberry.ID, seq: int, time: dt.datetime, reason: str
    ) -> Whistle | None:
        return await _command(
            info, Supervision.correct_time, whistle_id=str(whistle), seq=seq, time=time, reason=reason
        )


# -- live calls -----------------------------------------------------------------------------------


@strawberry.type(description="A change to a call the subscriber follows, with the whistle as it now stands.")
class CallUpdate:
    change: CallChange
    at: dt.datetime
    call: WhistleCall
    whistle: Whistle


def _changes(events: list[record.Event], bodies: set[str]) -> list[tuple[CallChange, record.Event, str]]:
    """What a batch of events means for calls to `bodies`: called, reported in, or missed (escalated past)."""
    found: list[tuple[CallChange, record.Event, str]] = []
    for e in events:
        if e.type == vocabulary.EventType.CALLED and e.data["body"] in bodies:
            found.append((CallChange.CALLED, e, e.data["body"]))
        elif e.type == vocabulary.EventType.REPORTED and e.data["body"] in bodies:
            found.append((CallChange.REPORTED, e, e.data["body"]))
        elif e.type == vocabulary.EventType.ESCALATED:
            found.extend((CallChange.MISSED, e, b) for b in e.data.get("missed", []) if b in bodies)
    return found


async def _still_signed_in(sv: Supervision, p: Principal) -> float:
    """A revocation through this server wakes every subscription at once (an empty batch from the hub); one by
    `whistlegraph token revoke` in another process is seen within RECHECK_SECONDS. Seconds to wait before checking again (less near the token's expiry); ends the subscription with
    UNAUTHENTICATED once the token has expired or been revoked."""
    try:
        expires = await _run(sv.tokens.check, p)
    except Forbidden as refused:
        raise GraphQLError(f"unauthenticated: {refused.why}", extensions={"code": "UNAUTHENTICATED"}) from None
    left = (expires - sv.clock()).total_seconds() if expires else RECHECK_SECONDS
    return max(0.0, min(RECHECK_SECONDS, left))


async def _follow(info: Ctx, body: str, include_units: bool) -> AsyncGenerator[CallUpdate, None]:
    ctx = info.context
    sv = ctx.supervision
    node = await _run(ctx.domain.body, body)
    await _run(sv.policy.watch, ctx.principal, node.id)
    bodies = await _run(sv.policy.forces, node.id) if include_units else {node.id}
    with ctx.hub.subscribe() as subscriber:
        wait = await _still_signed_in(sv, ctx.principal)
        while True:
            try:
                events = await asyncio.wait_for(subscriber.next(), wait + 0.05)
            except TimeoutError:
                events = []
            except FellBehind as e:
                raise GraphQLError(str(e), extensions={"code": "FELL_BEHIND"}) from e
            wait = await _still_signed_in(sv, ctx.principal)  # nothing reaches a token revoked meanwhile
            for change, event, called in _changes(events, bodies):
                w = await _run(sv.whistle, event.whistle)
                now = sv.clock()
                yield CallUpdate(
                    change=change,
                    at=_local(event.at),
                    call=WhistleCall.of(w.calls[called], now),
                    whistle=Whistle.of(w, now),
                )


@strawberry.type
class Subscription:
    @strawberry.subscription(
        description="Calls to a body (and, by default, its sunk teams) as they happen: its department operator or an admin."
    )
    async def whistle_calls(
        self, info: Ctx, body: strawberry.ID, include_units: bool = True
    ) -> AsyncGenerator[CallUpdate, None]:
        """Errors masked as a query's are (schema/extensions.masked_stream)."""
        async with aclosing(masked_stream(_follow(info, str(body), include_units), f"whistleCalls({body})")) as s:
            async for update in s:
                yield update
