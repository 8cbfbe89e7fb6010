"""The whistle lifecycle as an append-only record: blow, call, report in, escalate, resolve, evaluate.

Pinggu's supervision rule — "each whistle records whom it called, who called, who answered,
when each arrived on site, which departments reported" — is kept literally: every step is
an Event with its time and actor, and a whistle's state is the fold of its events. The
rules here decide which events a command produces; a Ledger stores them atomically.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from enum import StrEnum
from typing import Any, TypeVar

from graph.answers import ResponderAnswer
from graph.errors import ArgumentError
from graph.vocabulary import (
    CallStatus,
    EventType,
    Outcome,
    Tier,
    Urgency,
    WhistleSource,
    WhistleStatus,
    one_of,
)

V = TypeVar("V", bound=StrEnum)

# Pinggu's rule (whistle_mechanism_facts.csv pinggu-30min): departments on site within 30 minutes.
DEFAULT_DEADLINES: dict[str, int] = {urgency: 30 for urgency in Urgency}
ESCALATION = "escalation"  # the role of a body called up the ladder (its tier is Tier.ESCALATION)


def parse_time(argument: str, value: str | datetime | None, default: datetime | None = None) -> datetime:
    """An aware UTC datetime from ISO text or a datetime (a missing offset means Beijing time, UTC+8)."""
    if value is None or value == "":
        if default is None:
            raise ArgumentError(argument, value, "a time is required")
        parsed = default
    elif isinstance(value, datetime):
        parsed = value
    else:
        try:
            parsed = datetime.fromisoformat(str(value))
        except ValueError:
            raise ArgumentError(argument, value, "want an ISO time such as 2026-11-23T09:30:00+08:00") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=BEIJING)
    try:
        return parsed.astimezone(UTC)
    except OverflowError:  # e.g. 0001-01-01T00:00 in Beijing is before year 1 in UTC
        raise ArgumentError(argument, value, "out of the range of times") from None


BEIJING = timezone(timedelta(hours=8))
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def word(vocabulary: type[V], argument: str, value: str) -> V:
    """The vocabulary's member for a client's value, or an ArgumentError listing the allowed ones."""
    try:
        return vocabulary(value)
    except ValueError:
        raise ArgumentError(argument, value, one_of(vocabulary)) from None


def iso(t: datetime) -> str:
    """The stored text of a time (UTC): events and their data keep times this way."""
    return t.astimezone(UTC).isoformat()


def from_iso(text: str) -> datetime:
    """A stored time back as an aware UTC datetime."""
    return datetime.fromisoformat(text).astimezone(UTC)


def micros(t: datetime) -> int:
    """A time as microseconds since 1970 (UTC): how the ledgers' read models index and compare times."""
    return (t - EPOCH) // timedelta(microseconds=1)


def from_micros(n: int) -> datetime:
    return EPOCH + timedelta(microseconds=n)


@dataclass(frozen=True)
class When:
    """When a step happened as the record counts it: the server's clock when it received the step, unless a claimed
    time (an arrival entered later, a 12345 order's original time) was accepted (whistles/claims.py decides)."""

    received: datetime
    claimed: datetime | None = None

    @property
    def at(self) -> datetime:
        return self.claimed or self.received


@dataclass(frozen=True)
class Event:
    """One step of a whistle's record; `data` is kept verbatim (JSON, its times as UTC ISO text).

    `at` is the time the record counts (on-time judgements, the timeline's order of things); `received_at` is the
    server's clock when the step arrived, `claimed_at` the client's accepted claim if any. Events recorded before
    received times were kept have neither."""

    whistle: str
    seq: int
    type: EventType
    at: datetime  # aware, UTC
    actor: str  # principal name (or "system" for automatic escalation)
    data: dict[str, Any]
    received_at: datetime | None = None
    claimed_at: datetime | None = None

    @classmethod
    def at_when(cls, whistle: str, seq: int, type: EventType, when: When, actor: str, data: dict[str, Any]) -> Event:
        return cls(whistle, seq, type, when.at, actor, data, when.received, when.claimed)


def call_status(deadline: datetime, reported_at: datetime | None, missed: bool, now: datetime) -> CallStatus:
    """On time when reported by the deadline, late after it, missed when it passed unreported, else pending."""
    if reported_at is not None:
        return CallStatus.ON_TIME if reported_at <= deadline else CallStatus.LATE
    if missed or now > deadline:
        return CallStatus.MISSED
    return CallStatus.PENDING


@dataclass
class Call:
    """A body called to a whistle, and what became of the call."""

    body: str
    name: str
    tier: str
    role: str
    called_at: datetime
    deadline: datetime
    reason: str
    reported_at: datetime | None = None
    on_site: bool | None = None
    missed: bool = False

    def status(self, now: datetime) -> CallStatus:
        return call_status(self.deadline, self.reported_at, self.missed, now)

    def minutes_to_report(self) -> float | None:
        if self.reported_at is None:
            return None
        return round((self.reported_at - self.called_at).total_seconds() / 60, 2)


@dataclass(frozen=True)
class Summary:
    """What the sweep and the figures need of a whistle: the ledgers keep it beside the events (their read model),
    written from Whistle.summary() in the transaction that appends the events, so it is the fold by construction."""

    id: str
    street: str
    source: WhistleSource
    status: WhistleStatus
    outcome: Outcome | None
    satisfied: bool | None
    calls: tuple[Call, ...]
    ratings: tuple[tuple[str, int], ...]  # (body, rating) the street gave, by body

    @property
    def due(self) -> datetime | None:
        """The earliest deadline the sweep must act on: open, called, not reported in, not yet escalated past."""
        if self.status != WhistleStatus.OPEN:
            return None
        return min((c.deadline for c in self.calls if c.reported_at is None and not c.missed), default=None)


@dataclass
class Whistle:
    """The state a whistle's events fold into."""

    id: str
    place: str
    place_name: str
    street: str
    district: str
    subject: str
    urgency: Urgency
    description: str
    source: WhistleSource
    order_number: str
    blown_at: datetime
    blown_by: str
    duties: list[str]
    ladder: list[str]
    status: WhistleStatus = WhistleStatus.OPEN
    outcome: Outcome | None = None
    resolved_at: datetime | None = None
    satisfied: bool | None = None
    calls: dict[str, Call] = field(default_factory=dict)
    evaluations: dict[str, dict[str, Any]] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)

    @classmethod
    def fold(cls, events: list[Event]) -> Whistle:
        first = events[0]
        assert first.type == EventType.BLOWN, first
        d = first.data
        w = cls(
            id=first.whistle,
            place=d["place"],
            place_name=d["place_name"],
            street=d["street"],
            district=d["district"],
            subject=d["subject"],
            urgency=Urgency(d["urgency"]),
            description=d.get("description", ""),
            source=WhistleSource(d["source"]),
            order_number=d.get("order_number", ""),
            blown_at=first.at,
            blown_by=first.actor,
            duties=list(d["duties"]),
            ladder=list(d["ladder"]),
        )
        for e in events:
            w.apply(e)
        return w

    def apply(self, e: Event) -> None:
        self.events.append(e)
        d = e.data
        if e.type == EventType.CALLED:
            deadline = from_iso(d["deadline"])
            self.calls[d["body"]] = Call(d["body"], d["name"], d["tier"], d["role"], e.at, deadline, d["reason"])
        elif e.type == EventType.REPORTED:
            call = self.calls[d["body"]]
            call.reported_at, call.on_site = from_iso(d["at"]), d["on_site"]
        elif e.type == EventType.ESCALATED:
            for body in d.get("missed", []):
                self.calls[body].missed = True
        elif e.type == EventType.RESOLVED:
            self.status, self.outcome, self.resolved_at = WhistleStatus.RESOLVED, Outcome(d["outcome"]), e.at
        elif e.type == EventType.EVALUATED:
            self.evaluations[d["body"]] = {"rating": d["rating"], "comment": d.get("comment", ""), "by": e.actor}
        elif e.type == EventType.CALLBACK:
            self.satisfied = d["satisfied"]
        elif e.type == EventType.CORRECTED:
            call, to = self.calls[d["body"]], from_iso(d["to"])
            if d["type"] == EventType.REPORTED:
                call.reported_at = to
            else:
                call.called_at, call.deadline = to, to + (call.deadline - call.called_at)

    @property
    def next_seq(self) -> int:
        return self.events[-1].seq + 1 if self.events else 1

    def summary(self) -> Summary:
        return Summary(
            id=self.id,
            street=self.street,
            source=self.source,
            status=self.status,
            outcome=self.outcome,
            satisfied=self.satisfied,
            calls=tuple(Call(**vars(c)) for c in self.calls.values()),
            ratings=tuple(sorted((body, int(ev["rating"])) for body, ev in self.evaluations.items())),
        )


@dataclass(frozen=True)
class Deadlines:
    """Minutes to report in, by urgency (configurable; 30 by default, Pinggu's rule)."""

    minutes: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_DEADLINES))

    @classmethod
    def parse(cls, text: str) -> Deadlines:
        """From `routine=30,urgent=20,emergency=10`."""
        minutes = dict(DEFAULT_DEADLINES)
        for part in filter(None, (p.strip() for p in text.split(","))):
            key, _, value = part.partition("=")
            if key not in minutes or not value.isdigit() or int(value) <= 0:
                raise ValueError(f"deadline setting {part!r}: want urgency=minutes with urgency in {list(minutes)}")
            minutes[Urgency(key)] = int(value)
        return cls(minutes)

    def due(self, urgency: str, start: datetime) -> datetime:
        return start + timedelta(minutes=self.minutes[urgency])


def blow_events(
    whistle_id: str,
    answer: ResponderAnswer,
    *,
    street: str,
    district: str,
    description: str,
    source: str,
    order_number: str,
    when: When,
    actor: str,
    deadlines: Deadlines,
) -> list[Event]:
    """The blown event and one call per responder to alert now, each with its deadline."""
    source = word(WhistleSource, "source", source)
    if source == WhistleSource.HOTLINE_12345 and not order_number:
        raise ArgumentError("orderNumber", order_number, "a 12345 whistle needs its work-order number")
    w = answer.whistle
    ladder = [r.body.id for r in answer.responders if r.tier == Tier.ESCALATION]
    blown = Event.at_when(
        whistle_id,
        1,
        EventType.BLOWN,
        when,
        actor,
        {
            "place": answer.place.id,
            "place_name": answer.place.name,
            "street": street,
            "district": district,
            "subject": w.subject,
            "urgency": w.urgency,
            "description": description,
            "source": source,
            "order_number": order_number,
            "duties": [m.duty.id for m in answer.subject.duties],
            "ladder": ladder,
        },
    )
    events = [blown]
    deadline = deadlines.due(w.urgency, when.at)
    for r in answer.responders:
        # The place's coordinator is the street-level body whose ground this is: it blows the whistle, it is not called.
        if r.notify_now and (answer.coordinator is None or r.body.id != answer.coordinator.body.id):
            events.append(
                _call(
                    w=whistle_id,
                    seq=len(events) + 1,
                    when=when,
                    actor=actor,
                    body=r.body.id,
                    name=r.body.name,
                    tier=r.tier,
                    role=r.role,
                    deadline=deadline,
                    reason="responder",
                )
            )
    return events


def _call(
    *,
    w: str,
    seq: int,
    when: When,
    actor: str,
    body: str,
    name: str,
    tier: str,
    role: str,
    deadline: datetime,
    reason: str,
) -> Event:
    data = {"body": body, "name": name, "tier": tier, "role": role, "deadline": iso(deadline), "reason": reason}
    return Event.at_when(w, seq, EventType.CALLED, when, actor, data)


def report_event(w: Whistle, body: str, when: When, on_site: bool, note: str, actor: str) -> Event:
    if w.status != WhistleStatus.OPEN:
        raise ArgumentError("whistle", w.id, f"the whistle is {w.status}; reports are closed")
    call = w.calls.get(body)
    if call is None:
        raise ArgumentError("body", body, f"was not called to whistle {w.id}")
    if call.reported_at is not None:
        raise ArgumentError("body", body, f"already reported in at {iso(call.reported_at)}")
    if when.at < call.called_at:
        raise ArgumentError("time", iso(when.at), f"before the call at {iso(call.called_at)}")
    data = {"body": body, "at": iso(when.at), "on_site": on_site, "note": note}
    return Event.at_when(w.id, w.next_seq, EventType.REPORTED, when, actor, data)


def escalation_events(
    w: Whistle, when: When, actor: str, missed: list[str], reason: str, deadlines: Deadlines, names: dict[str, str]
) -> list[Event]:
    """Call the next body up the ladder (sub-centre, command centre, district government, city)."""
    if w.status != WhistleStatus.OPEN:
        raise ArgumentError("whistle", w.id, f"the whistle is {w.status}; it cannot escalate")
    nxt = next((b for b in w.ladder if b not in w.calls), None)
    data: dict[str, Any] = {"missed": missed, "reason": reason, "to": nxt}
    events = [Event.at_when(w.id, w.next_seq, EventType.ESCALATED, when, actor, data)]
    if nxt is not None:
        events.append(
            _call(
                w=w.id,
                seq=w.next_seq + 1,
                when=when,
                actor=actor,
                body=nxt,
                name=names.get(nxt, nxt),
                tier=Tier.ESCALATION,
                role=ESCALATION,
                deadline=deadlines.due(w.urgency, when.at),
                reason=reason,
            )
        )
    return events


def overdue(w: Whistle, now: datetime) -> list[str]:
    """Called bodies whose deadline has passed with no report and no escalation yet."""
    return sorted(c.body for c in w.calls.values() if c.reported_at is None and not c.missed and c.deadline < now)


def resolve_event(w: Whistle, outcome: str, note: str, when: When, actor: str) -> Event:
    outcome = word(Outcome, "outcome", outcome)
    if w.status != WhistleStatus.OPEN:
        raise ArgumentError("whistle", w.id, f"already {w.status}")
    return Event.at_when(w.id, w.next_seq, EventType.RESOLVED, when, actor, {"outcome": outcome, "note": note})


def evaluate_event(w: Whistle, body: str, rating: int, comment: str, when: When, actor: str) -> Event:
    if body not in w.calls:
        raise ArgumentError("body", body, f"was not called to whistle {w.id}")
    if not 0 <= rating <= 100:
        raise ArgumentError("rating", rating, "want 0 to 100")
    data = {"body": body, "rating": rating, "comment": comment}
    return Event.at_when(w.id, w.next_seq, EventType.EVALUATED, when, actor, data)


def callback_event(w: Whistle, satisfied: bool, when: When, actor: str) -> Event:
    """接诉即办工作条例 第二十三条: the hotline calls the petitioner back after the time limit."""
    if w.source != WhistleSource.HOTLINE_12345:
        raise ArgumentError("whistle", w.id, "callbacks are recorded for 12345 work orders only")
    if w.status != WhistleStatus.RESOLVED:
        raise ArgumentError("whistle", w.id, "the petitioner is called back after the whistle is resolved")
    return Event.at_when(w.id, w.next_seq, EventType.CALLBACK, when, actor, {"satisfied": satisfied})


# The steps whose time an admin may correct: a report's arrival, and a call's start (its deadline moves with it).
CORRECTABLE = (EventType.REPORTED, EventType.CALLED)


def correct_event(w: Whistle, seq: int, to: datetime, reason: str, when: When, actor: str) -> Event:
    """An admin's correction of an earlier step's time, recorded as its own step (the corrected one stays as it was
    recorded); the fold then counts the corrected time."""
    target = next((e for e in w.events if e.seq == seq), None)
    if target is None or target.type not in CORRECTABLE:
        raise ArgumentError("seq", seq, f"want the seq of a {' or '.join(CORRECTABLE)} step of whistle {w.id}")
    if not reason.strip():
        raise ArgumentError("reason", reason, "a correction says why")
    call = w.calls[target.data["body"]]
    if target.type == EventType.REPORTED and to < call.called_at:
        raise ArgumentError("time", iso(to), f"before the call at {iso(call.called_at)}")
    if target.type == EventType.CALLED:
        if to < w.blown_at:
            raise ArgumentError("time", iso(to), f"before the whistle was blown at {iso(w.blown_at)}")
        if call.reported_at is not None and to > call.reported_at:
            raise ArgumentError("time", iso(to), f"after the report at {iso(call.reported_at)}")
    was = call.reported_at if target.type == EventType.REPORTED else call.called_at
    data = {"seq": seq, "type": target.type, "body": call.body, "from": iso(was or to), "to": iso(to), "reason": reason}
    return Event.at_when(w.id, w.next_seq, EventType.CORRECTED, when, actor, data)
