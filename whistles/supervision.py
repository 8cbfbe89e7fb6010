"""The supervision service: whistle commands checked against the policy, stored durably, announced.

Every command reads the whistle's record, lets whistles/record.py decide the events, and
appends them in one transaction; a concurrent writer on the same whistle makes it re-read
and try again. Listeners (GraphQL subscriptions) hear events only after they are durable.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from graph.answers import WhistleInput
from graph.domain import Domain
from graph.errors import ArgumentError
from graph.vocabulary import (
    STREET_LEVEL_BODY_KINDS,
    AreaLevel,
    EdgeType,
    EventType,
    Outcome,
    Urgency,
    WhistleSource,
    WhistleStatus,
)
from whistles import accountability
from whistles import record as whistles
from whistles.authz import Policy, Principal
from whistles.claims import ClaimWindow
from whistles.ledger import Conflict, Filter, WhistleLedger
from whistles.record import Deadlines, Event, When, Whistle, parse_time
from whistles.tokens import Tokens

RETRIES = 5


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Period:
    """Blow times in [since, until); None leaves that end open."""

    since: datetime | None = None
    until: datetime | None = None


class Supervision:
    def __init__(
        self,
        domain: Domain,
        ledger: WhistleLedger,
        deadlines: Deadlines | None = None,
        street_weight: float = accountability.MIN_STREET_WEIGHT,
        clock: Callable[[], datetime] = utcnow,
        claims: ClaimWindow | None = None,
    ) -> None:
        self.domain = domain
        self.ledger = ledger
        self.deadlines = deadlines or Deadlines()
        self.street_weight = accountability.check_weight(street_weight)
        self.clock = clock
        self.claims = claims or ClaimWindow()
        self.policy = Policy(domain.store)
        self.tokens = Tokens(ledger, domain.store, clock)
        self.listeners: list[Callable[[list[Event]], None]] = []

    # -- helpers -----------------------------------------------------------------------------

    def _publish(self, events: list[Event]) -> None:
        for listen in list(self.listeners):
            listen(events)

    def _when(self, p: Principal, step: EventType, value: str | datetime | None, body: str = "") -> When:
        """The server's clock; with a claimed time (`time`), also that claim if this role may make it (Policy.claim)
        and it lies inside the window (whistles/claims.py)."""
        now = self.clock().astimezone(UTC)
        if value is None or value == "":
            return When(now)
        claimed = parse_time("time", value)
        self.policy.claim(p, step, body)
        self.claims.check("time", claimed, now)
        return When(now, claimed)

    def whistle(self, whistle_id: str) -> Whistle:
        events = self.ledger.events(whistle_id)
        if not events:
            raise ArgumentError("whistle", whistle_id, "no whistle with this id")
        return Whistle.fold(events)

    def _update(self, whistle_id: str, decide: Callable[[Whistle], list[Event]]) -> Whistle:
        """Read, decide, append; on a race with another writer, read again."""
        for _ in range(RETRIES):
            w = self.whistle(whistle_id)
            events = decide(w)
            try:
                self.ledger.append(events)
            except Conflict:
                continue
            self._publish(events)
            for e in events:
                w.apply(e)
            return w
        raise ArgumentError("whistle", whistle_id, "too many concurrent changes; try again")

    # -- commands -------------------------------------------------------------------------------

    def blow(
        self,
        p: Principal,
        place: str,
        subject: str,
        urgency: Urgency = Urgency.ROUTINE,
        description: str = "",
        source: WhistleSource = WhistleSource.STREET_INSPECTION,
        order_number: str = "",
        at: str | datetime | None = None,
    ) -> Whistle:
        area = self.domain.place(place)
        levels = self.domain.ancestry(area)
        if AreaLevel.STREET not in levels:
            raise ArgumentError("place", place, "a whistle is blown at a street, township or community")
        self.policy.blow(p, area.id, set(levels.values()))
        when = self._when(p, EventType.BLOWN, at)
        answer = self.domain.responders(WhistleInput(area.id, subject, urgency))
        events = self.ledger.create(
            lambda wid: whistles.blow_events(
                wid,
                answer,
                street=levels[AreaLevel.STREET],
                district=levels[AreaLevel.DISTRICT],
                description=description,
                source=source,
                order_number=order_number,
                when=when,
                actor=p.name,
                deadlines=self.deadlines,
            )
        )
        self._publish(events)
        return Whistle.fold(events)

    def report_in(
        self,
        p: Principal,
        whistle_id: str,
        body: str,
        at: str | datetime | None = None,
        on_site: bool = True,
        note: str = "",
    ) -> Whistle:
        self.policy.report(p, body)
        when = self._when(p, EventType.REPORTED, at, body)
        return self._update(whistle_id, lambda w: [whistles.report_event(w, body, when, on_site, note, p.name)])

    def resolve(
        self, p: Principal, whistle_id: str, outcome: Outcome, note: str = "", at: str | datetime | None = None
    ) -> Whistle:
        w = self.whistle(whistle_id)
        self.policy.on_ground(p, w.street, "resolve this whistle")
        when = self._when(p, EventType.RESOLVED, at)
        return self._update(whistle_id, lambda w: [whistles.resolve_event(w, outcome, note, when, p.name)])

    def escalate(self, p: Principal, whistle_id: str, note: str = "", at: str | datetime | None = None) -> Whistle:
        w = self.whistle(whistle_id)
        self.policy.on_ground(p, w.street, "escalate this whistle")
        when = self._when(p, EventType.ESCALATED, at)
        return self._update(
            whistle_id, lambda w: self._escalation(w, when, p.name, [], "manual" + (f": {note}" if note else ""))
        )

    def evaluate(
        self, p: Principal, whistle_id: str, body: str, rating: int, comment: str = "", at: str | datetime | None = None
    ) -> Whistle:
        w = self.whistle(whistle_id)
        self.policy.on_ground(p, w.street, "evaluate a department")
        if body in self.policy.own_bodies(self.street_body(w.street)):
            raise ArgumentError("body", body, "a street evaluates the departments it called, not its own bodies")
        when = self._when(p, EventType.EVALUATED, at)
        return self._update(whistle_id, lambda w: [whistles.evaluate_event(w, body, rating, comment, when, p.name)])

    def callback(self, p: Principal, whistle_id: str, satisfied: bool, at: str | datetime | None = None) -> Whistle:
        self.policy.callback(p)
        when = self._when(p, EventType.CALLBACK, at)
        return self._update(whistle_id, lambda w: [whistles.callback_event(w, satisfied, when, p.name)])

    def correct_time(self, p: Principal, whistle_id: str, seq: int, time: str | datetime, reason: str) -> Whistle:
        """An admin sets right the time of an earlier report or call (any age, never in the future): a step of its
        own, received now; the corrected step stays in the record as it was."""
        self.policy.correct(p)
        now = self.clock().astimezone(UTC)
        to = parse_time("time", time)
        self.claims.not_ahead("time", to, now)
        return self._update(whistle_id, lambda w: [whistles.correct_event(w, seq, to, reason, When(now), p.name)])

    def street_body(self, street: str) -> str:
        """The street-level body (office or township government) governing a street area; "" if none."""
        return next(
            (
                nb.edge.source
                for nb in self.domain.store.neighbours([street], EdgeType.GOVERNS, "in")
                if nb.node.get("kind") in STREET_LEVEL_BODY_KINDS
            ),
            "",
        )

    def _escalation(self, w: Whistle, when: When, actor: str, missed: list[str], reason: str) -> list[Event]:
        names = {n.id: n.name for n in self.domain.store.get_nodes(w.ladder) if n is not None}
        return whistles.escalation_events(w, when, actor, missed, reason, self.deadlines, names)

    def sweep(self, now: datetime | None = None) -> list[Event]:
        """Escalate every open whistle with a called body past its deadline and no report: the ledger's index
        names them, only those are read, and their escalations are appended in one transaction (one fsync). If
        another writer changed one of them meanwhile, nothing of the batch is written and each is tried alone."""
        at = (now or self.clock()).astimezone(UTC)
        batches = []
        for whistle_id in self.ledger.due(at):
            w = self.whistle(whistle_id)
            missed = whistles.overdue(w, at)
            if missed:
                batches.append(self._overdue(w, at=at, missed=missed))
        events = [e for batch in batches for e in batch]
        try:
            self.ledger.append(events)
        except Conflict:
            return [e for batch in batches for e in self._sweep_one(batch[0].whistle, at)]
        if events:
            self._publish(events)
        return events

    def _sweep_one(self, whistle_id: str, at: datetime) -> list[Event]:
        before = self.whistle(whistle_id)
        if not whistles.overdue(before, at):
            return []
        updated = self._update(whistle_id, lambda w: self._overdue(w, at=at, missed=whistles.overdue(w, at)))
        return [e for e in updated.events if e.seq > before.events[-1].seq]

    def _overdue(self, w: Whistle, *, at: datetime, missed: list[str]) -> list[Event]:
        return self._escalation(w, When(at), "system", missed, "deadline")

    # -- queries --------------------------------------------------------------------------------

    def list(
        self,
        street: str | None = None,
        body: str | None = None,
        status: WhistleStatus | None = None,
        period: Period = Period(),
        source: WhistleSource | None = None,
    ) -> list[Whistle]:
        which = Filter(
            street=street,
            bodies=[body] if body else None,
            status=status,
            source=source,
            since=period.since,
            until=period.until,
        )
        return [self.whistle(i) for i in self.ledger.find(which)]

    def evaluations(self, p: Principal, w: Whistle) -> dict[str, dict[str, Any]]:
        """A whistle's ratings by department: for the street that gave them and admins only (背靠背)."""
        self.policy.given_by(p, self.street_body(w.street))
        return w.evaluations

    def body_figures(self, body: str, period: Period, include_units: bool = True) -> accountability.CallFigures:
        self.domain.body(body)
        units = self.policy.forces(body) if include_units else {body}
        found = self.ledger.summaries(Filter(bodies=units, since=period.since, until=period.until))
        return accountability.call_figures(found, units, self.clock())

    def street_figures(self, street: str, period: Period) -> accountability.CallFigures:
        found = self.ledger.summaries(Filter(street=street, since=period.since, until=period.until))
        return accountability.call_figures(found, None, self.clock())

    def assessment(self, p: Principal, department: str, period: Period) -> accountability.AssessmentScore:
        breakdown = self.policy.scores(p, department)
        units = self.policy.forces(department)
        found = self.ledger.summaries(Filter(bodies=units, since=period.since, until=period.until))
        return accountability.assessment(found, department, units, self.street_weight, breakdown)

    def hotline(self, period: Period) -> accountability.HotlineFigures:
        which = Filter(source=WhistleSource.HOTLINE_12345, since=period.since, until=period.until)
        return accountability.hotline_figures(self.ledger.summaries(which), self.clock())
