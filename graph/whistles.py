"""The whistle lifecycle as an append-only record: blow, call, report in, escalate, resolve, evaluate.

Pinggu's supervision rule — "each whistle records whom it called, who called, who answered,
when each arrived on site, which departments reported" — is kept literally: every step is
an Event with its time and actor, and a whistle's state is the fold of its events. The
rules here decide which events a command produces; a Ledger stores them atomically.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from graph.answers import ResponderAnswer
from graph.domain import ArgumentError

SOURCES = ("street_inspection", "community_report", "hotline_12345")
OUTCOMES = ("resolved", "explained", "unresolvable")
# Pinggu's rule (whistle_mechanism_facts.csv pinggu-30min): departments on site within 30 minutes.
DEFAULT_DEADLINES = {"routine": 30, "urgent": 30, "emergency": 30}

EVENT_TYPES = ("blown", "called", "reported", "escalated", "resolved", "evaluated", "callback")
BLOWN, CALLED, REPORTED, ESCALATED, RESOLVED, EVALUATED, CALLBACK = EVENT_TYPES
WHISTLE_STATUSES = ("open", "resolved")
CALL_STATUSES = ("on_time", "late", "missed", "pending")


def parse_time(argument: str, value: str | datetime | None, default: datetime | None = None) -> datetime:
    """An aware datetime from ISO text (a missing offset means Beijing time, UTC+8)."""
    if value is None or value == "":
        if default is None:
            raise ArgumentError(argument, value, "a time is required")
        return default
    if isinstance(value, datetime):
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


def iso(t: datetime) -> str:
    return t.astimezone(UTC).isoformat()


@dataclass(frozen=True)
class Event:
    """One step of a whistle's record."""

    whistle: str
    seq: int
    type: str
    at: str  # ISO time, UTC
    actor: str  # principal name (or "system" for automatic escalation)
    data: dict[str, Any]


@dataclass
class Call:
    """A body called to a whistle, and what became of the call."""

    body: str
    name: str
    tier: str
    role: str
    called_at: str
    deadline: str
    reason: str
    reported_at: str | None = None
    on_site: bool | None = None
    missed: bool = False

    def status(self, now: str) -> str:
        if self.reported_at is not None:
            return "on_time" if self.reported_at <= self.deadline else "late"
        if self.missed or now > self.deadline:
            return "missed"
        return "pending"

    def minutes_to_report(self) -> float | None:
        if self.reported_at is None:
            return None
        delta = datetime.fromisoformat(self.reported_at) - datetime.fromisoformat(self.called_at)
        return round(delta.total_seconds() / 60, 2)


@dataclass
class Whistle:
    """The state a whistle's events fold into."""

    id: str
    place: str
    place_name: str
    street: str
    district: str
    subject: str
    urgency: str
    description: str
    source: str
    order_number: str
    blown_at: str
    blown_by: str
    duties: list[str]
    ladder: list[str]
    status: str = "open"
    outcome: str | None = None
    resolved_at: str | None = None
    satisfied: bool | None = None
    calls: dict[str, Call] = field(default_factory=dict)
    evaluations: dict[str, dict[str, Any]] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)

    @classmethod
    def fold(cls, events: list[Event]) -> Whistle:
        first = events[0]
        assert first.type == BLOWN, first
        d = first.data
        w = cls(
            first.whistle,
            d["place"],
            d["place_name"],
            d["street"],
            d["district"],
            d["subject"],
            d["urgency"],
            d.get("description", ""),
            d["source"],
            d.get("order_number", ""),
            first.at,
            first.actor,
            list(d["duties"]),
            list(d["ladder"]),
        )
        for e in events:
            w.apply(e)
        return w

    def apply(self, e: Event) -> None:
        self.events.append(e)
        d = e.data
        if e.type == CALLED:
            self.calls[d["body"]] = Call(d["body"], d["name"], d["tier"], d["role"], e.at, d["deadline"], d["reason"])
        elif e.type == REPORTED:
            call = self.calls[d["body"]]
            call.reported_at, call.on_site = d["at"], d["on_site"]
        elif e.type == ESCALATED:
            for body in d.get("missed", []):
                self.calls[body].missed = True
        elif e.type == RESOLVED:
            self.status, self.outcome, self.resolved_at = "resolved", d["outcome"], e.at
        elif e.type == EVALUATED:
            self.evaluations[d["body"]] = {"rating": d["rating"], "comment": d.get("comment", ""), "by": e.actor}
        elif e.type == CALLBACK:
            self.satisfied = d["satisfied"]

    @property
    def next_seq(self) -> int:
        return self.events[-1].seq + 1 if self.events else 1


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
            minutes[key] = int(value)
        return cls(minutes)

    def due(self, urgency: str, start: datetime) -> str:
        return iso(start + timedelta(minutes=self.minutes[urgency]))


def blow_events(
    whistle_id: str,
    answer: ResponderAnswer,
    street: str,
    district: str,
    description: str,
    source: str,
    order_number: str,
    at: datetime,
    actor: str,
    deadlines: Deadlines,
) -> list[Event]:
    """The blown event and one call per responder to alert now, each with its deadline."""
    if source not in SOURCES:
        raise ArgumentError("source", source, f"want one of {', '.join(SOURCES)}")
    if source == "hotline_12345" and not order_number:
        raise ArgumentError("orderNumber", order_number, "a 12345 whistle needs its work-order number")
    w = answer.whistle
    ladder = [r.body.id for r in answer.responders if r.tier == "escalation"]
    blown = Event(
        whistle_id,
        1,
        BLOWN,
        iso(at),
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
    deadline = deadlines.due(w.urgency, at)
    for r in answer.responders:
        if r.notify_now:
            events.append(
                _call(
                    whistle_id,
                    len(events) + 1,
                    at,
                    actor,
                    r.body.id,
                    r.body.name,
                    r.tier,
                    r.role,
                    deadline,
                    "responder",
                )
            )
    return events


def _call(
    whistle: str,
    seq: int,
    at: datetime,
    actor: str,
    body: str,
    name: str,
    tier: str,
    role: str,
    deadline: str,
    reason: str,
) -> Event:
    data = {"body": body, "name": name, "tier": tier, "role": role, "deadline": deadline, "reason": reason}
    return Event(whistle, seq, CALLED, iso(at), actor, data)


def report_event(w: Whistle, body: str, at: datetime, on_site: bool, note: str, actor: str) -> Event:
    if w.status != "open":
        raise ArgumentError("whistle", w.id, f"the whistle is {w.status}; reports are closed")
    call = w.calls.get(body)
    if call is None:
        raise ArgumentError("body", body, f"was not called to whistle {w.id}")
    if call.reported_at is not None:
        raise ArgumentError("body", body, f"already reported in at {call.reported_at}")
    if iso(at) < call.called_at:
        raise ArgumentError("time", iso(at), f"before the call at {call.called_at}")
    return Event(
        w.id, w.next_seq, REPORTED, iso(at), actor, {"body": body, "at": iso(at), "on_site": on_site, "note": note}
    )


def escalation_events(
    w: Whistle, at: datetime, actor: str, missed: list[str], reason: str, deadlines: Deadlines, names: dict[str, str]
) -> list[Event]:
    """Call the next body up the ladder (sub-centre, command centre, district government, city)."""
    if w.status != "open":
        raise ArgumentError("whistle", w.id, f"the whistle is {w.status}; it cannot escalate")
    nxt = next((b for b in w.ladder if b not in w.calls), None)
    data: dict[str, Any] = {"missed": missed, "reason": reason, "to": nxt}
    events = [Event(w.id, w.next_seq, ESCALATED, iso(at), actor, data)]
    if nxt is not None:
        events.append(
            _call(
                w.id,
                w.next_seq + 1,
                at,
                actor,
                nxt,
                names.get(nxt, nxt),
                "escalation",
                "escalation",
                deadlines.due(w.urgency, at),
                reason,
            )
        )
    return events


def overdue(w: Whistle, now: datetime) -> list[str]:
    """Called bodies whose deadline has passed with no report and no escalation yet."""
    t = iso(now)
    return sorted(c.body for c in w.calls.values() if c.reported_at is None and not c.missed and c.deadline < t)


def resolve_event(w: Whistle, outcome: str, note: str, at: datetime, actor: str) -> Event:
    if outcome not in OUTCOMES:
        raise ArgumentError("outcome", outcome, f"want one of {', '.join(OUTCOMES)}")
    if w.status != "open":
        raise ArgumentError("whistle", w.id, f"already {w.status}")
    return Event(w.id, w.next_seq, RESOLVED, iso(at), actor, {"outcome": outcome, "note": note})


def evaluate_event(w: Whistle, body: str, rating: int, comment: str, at: datetime, actor: str) -> Event:
    if body not in w.calls:
        raise ArgumentError("body", body, f"was not called to whistle {w.id}")
    if not 0 <= rating <= 100:
        raise ArgumentError("rating", rating, "want 0 to 100")
    return Event(w.id, w.next_seq, EVALUATED, iso(at), actor, {"body": body, "rating": rating, "comment": comment})


def callback_event(w: Whistle, satisfied: bool, at: datetime, actor: str) -> Event:
    """接诉即办工作条例 第二十三条: the hotline calls the petitioner back after the time limit."""
    if w.source != "hotline_12345":
        raise ArgumentError("whistle", w.id, "callbacks are recorded for 12345 work orders only")
    if w.status != "resolved":
        raise ArgumentError("whistle", w.id, "the petitioner is called back after the whistle is resolved")
    return Event(w.id, w.next_seq, CALLBACK, iso(at), actor, {"satisfied": satisfied})
