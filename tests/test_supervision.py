"""The whistle lifecycle on the real Beijing graph: calls, deadlines, escalation, figures, authorization."""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from graph.domain import Domain
from graph.errors import ArgumentError
from whistles.accountability import check_weight
from whistles.authz import Forbidden, Principal
from whistles.ledger_sqlite import Ledger
from whistles.record import Deadlines
from whistles.supervision import Period, Supervision
from whistles.tokens import authenticate, issue_token

START = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
BABAOSHAN = "110107001"
STREET = Principal("babaoshan-op", "street", "st:110107001")
OTHER_STREET = Principal("laoshan-op", "street", "st:110107002")
ENFORCEMENT = Principal("cg-op", "department", "dd:110107:bj-chengguanzhifa")
POLICE = Principal("police-op", "department", "dd:110107:bj-gongan")
HOTLINE = Principal("12345-op", "department", "bj-rexian")
ADMIN = Principal("admin", "admin")
VIEWER = Principal("viewer", "viewer")
STATIONED = "team:sjs-street-centres:110107001:城管"


class Clock:
    def __init__(self, start: datetime = START) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, minutes: float) -> None:
        self.now += timedelta(minutes=minutes)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def sv(tmp_path: Path, embedded_domain: Domain, clock: Clock) -> Supervision:
    return Supervision(embedded_domain, Ledger(tmp_path / "whistles.sqlite"), clock=clock)


def test_blow_calls_responders_with_deadlines(sv: Supervision) -> None:
    w = sv.blow(STREET, BABAOSHAN, "占道经营", description="路口摆摊")
    assert w.id == "W000001" and w.street == BABAOSHAN and w.district == "110107"
    assert list(w.calls) == [STATIONED, "dd:110107:bj-chengguanzhifa", "enf:110107001"]
    assert {c.deadline for c in w.calls.values()} == {START + timedelta(minutes=30)}  # Pinggu's 30 minutes
    assert w.ladder[0] == "gov:110107"
    assert [e.type for e in w.events] == ["blown", "called", "called", "called"]
    assert all(e.actor == "babaoshan-op" for e in w.events)


def test_a_whistle_never_calls_the_street_that_blows_it(sv: Supervision) -> None:
    """户外广告设施…条例 第五十五条 makes the street office itself enforce a loose sign: the answer lists it as a holder,
    but the street blowing the whistle is not called by its own whistle."""
    w = sv.blow(STREET, BABAOSHAN, "hwgg2021-a55-1")
    assert "st:110107001" not in w.calls
    assert all(e.data.get("body") != "st:110107001" for e in w.events if e.type == "called")


def test_a_whistle_calls_bodies_only(sv: Supervision) -> None:
    """A heating whistle names the utility by its kind (rule `found-by-case`): there is no body to call, so the
    whistle calls none in its name; the street finds the utility serving the address."""
    w = sv.blow(STREET, BABAOSHAN, "暖气不热，屋里才15度")
    called = [e.data["body"] for e in w.events if e.type == "called"]
    assert "public_service_enterprise" not in called
    assert all(body.split(":")[0] in {"st", "dd", "dk", "gov", "team", "enf", "cc", "sc"} for body in called)


def test_deadlines_configurable(tmp_path: Path, embedded_domain: Domain, clock: Clock) -> None:
    sv = Supervision(embedded_domain, Ledger(tmp_path / "w.sqlite"), Deadlines.parse("urgent=20"), clock=clock)
    w = sv.blow(STREET, BABAOSHAN, "占道经营", urgency="urgent")
    assert {c.deadline for c in w.calls.values()} == {START + timedelta(minutes=20)}
    with pytest.raises(ValueError, match="urgency=minutes"):
        Deadlines.parse("soon=5")


def test_report_escalate_resolve_and_figures(sv: Supervision, clock: Clock) -> None:
    w = sv.blow(STREET, BABAOSHAN, "占道经营")
    clock.advance(10)
    sv.report_in(ENFORCEMENT, w.id, STATIONED, on_site=True)
    clock.advance(25)  # 35 minutes: the street team and the district bureau missed the deadline
    events = sv.sweep()
    assert [e.type for e in events] == ["escalated", "called"]
    assert events[0].data["missed"] == ["dd:110107:bj-chengguanzhifa", "enf:110107001"]
    assert events[1].data["body"] == "gov:110107" and events[0].actor == "system"
    assert sv.sweep() == []  # nothing new is overdue
    sv.report_in(STREET, w.id, "enf:110107001")  # late, by the street's own team
    clock.advance(31)
    second = sv.sweep()  # the district government missed too: next level up
    assert second[0].data["missed"] == ["gov:110107"] and second[1].data["body"] == "bj-chengguanzhifa"
    sv.evaluate(STREET, w.id, STATIONED, 90)
    done = sv.resolve(STREET, w.id, "resolved")
    assert done.status == "resolved"
    with pytest.raises(ArgumentError, match="reports are closed"):
        sv.report_in(ENFORCEMENT, w.id, "dd:110107:bj-chengguanzhifa")
    figures = sv.body_figures("dd:110107:bj-chengguanzhifa", Period(None, None))
    assert (figures.called, figures.on_time, figures.late, figures.missed) == (2, 1, 0, 1)
    assert figures.median_minutes_to_report == 10.0 and figures.resolved == 1
    street = sv.street_figures(BABAOSHAN, Period(None, None))
    assert (street.called, street.on_time, street.late, street.missed, street.pending) == (5, 1, 1, 2, 1)
    timeline = [(e.type, e.actor) for e in sv.whistle(w.id).events]
    assert timeline[-2:] == [("evaluated", "babaoshan-op"), ("resolved", "babaoshan-op")]


def test_manual_escalation(sv: Supervision) -> None:
    w = sv.blow(STREET, BABAOSHAN, "占道经营")
    w = sv.escalate(STREET, w.id, note="需要区里协调")
    assert "gov:110107" in w.calls and w.calls["gov:110107"].reason == "manual: 需要区里协调"


def test_periods_and_lists(sv: Supervision, clock: Clock) -> None:
    first = sv.blow(STREET, BABAOSHAN, "占道经营")
    clock.advance(60 * 24)
    second = sv.blow(STREET, "110107001003", "yqgl-a4-6")  # 玉泉路西社区, in 八宝山街道: the police
    day_two = Period(START.replace(hour=0) + timedelta(days=1), START.replace(hour=0) + timedelta(days=2))
    assert [w.id for w in sv.list(street=BABAOSHAN, period=day_two)] == [second.id]
    assert [w.id for w in sv.list(body=STATIONED)] == [first.id]
    assert [w.id for w in sv.list(status="open")] == [first.id, second.id]


def test_back_to_back_assessment(sv: Supervision) -> None:
    w = sv.blow(STREET, BABAOSHAN, "占道经营")
    sv.evaluate(STREET, w.id, STATIONED, 80)
    own = sv.assessment(ENFORCEMENT, "dd:110107:bj-chengguanzhifa", Period(None, None))
    assert (own.street_score, own.evaluations, own.weighted) == (80.0, 1, 26.67)
    assert own.by_street == ()  # 背靠背: not who gave what
    full = sv.assessment(ADMIN, "dd:110107:bj-chengguanzhifa", Period(None, None))
    assert [(s.street, s.mean_rating) for s in full.by_street] == [(BABAOSHAN, 80.0)]
    with pytest.raises(Forbidden):
        sv.assessment(POLICE, "dd:110107:bj-chengguanzhifa", Period(None, None))
    with pytest.raises(ValueError, match="at least 1/3"):
        check_weight(0.25)


def test_hotline_figures(sv: Supervision, clock: Clock) -> None:
    with pytest.raises(ArgumentError, match="work-order number"):
        sv.blow(STREET, BABAOSHAN, "占道经营", source="hotline_12345")
    w = sv.blow(STREET, BABAOSHAN, "占道经营", source="hotline_12345", order_number="2026112300001")
    clock.advance(5)
    for body in w.calls:
        sv.report_in(ADMIN, w.id, body)
    sv.resolve(STREET, w.id, "resolved")
    with pytest.raises(Forbidden):
        sv.callback(STREET, w.id, True)
    sv.callback(HOTLINE, w.id, True)
    f = sv.hotline(Period(None, None))
    assert (f.orders, f.response_rate, f.resolution_rate, f.satisfaction_rate) == (1, 1.0, 1.0, 1.0)


# Every role against every command: True where allowed.
MATRIX = {
    "blow": {"viewer": False, "street": True, "other_street": False, "department": False, "admin": True},
    # A stationed unit answers to its street (primary) and its department: both may report it in.
    "report_stationed_unit": {
        "viewer": False,
        "street": True,
        "other_street": False,
        "department": True,
        "admin": True,
    },
    "report_district_bureau": {
        "viewer": False,
        "street": False,
        "other_street": False,
        "department": True,
        "admin": True,
    },
    "report_street_team": {"viewer": False, "street": True, "other_street": False, "department": False, "admin": True},
    "resolve": {"viewer": False, "street": True, "other_street": False, "department": False, "admin": True},
    "escalate": {"viewer": False, "street": True, "other_street": False, "department": False, "admin": True},
    "evaluate": {"viewer": False, "street": True, "other_street": False, "department": False, "admin": True},
    "scores": {"viewer": False, "street": False, "other_street": False, "department": True, "admin": True},
}
PRINCIPALS = {
    "viewer": VIEWER,
    "street": STREET,
    "other_street": OTHER_STREET,
    "department": ENFORCEMENT,
    "admin": ADMIN,
}


@pytest.mark.parametrize("operation", MATRIX)
@pytest.mark.parametrize("role", PRINCIPALS)
def test_authorization_matrix(sv: Supervision, operation: str, role: str) -> None:
    p = PRINCIPALS[role]
    w = sv.blow(ADMIN, BABAOSHAN, "占道经营")
    act = {
        "blow": lambda: sv.blow(p, BABAOSHAN, "占道经营"),
        "report_stationed_unit": lambda: sv.report_in(p, w.id, STATIONED),
        "report_district_bureau": lambda: sv.report_in(p, w.id, "dd:110107:bj-chengguanzhifa"),
        "report_street_team": lambda: sv.report_in(p, w.id, "enf:110107001"),
        "resolve": lambda: sv.resolve(p, w.id, "resolved"),
        "escalate": lambda: sv.escalate(p, w.id),
        "evaluate": lambda: sv.evaluate(p, w.id, STATIONED, 70),
        "scores": lambda: sv.assessment(p, "dd:110107:bj-chengguanzhifa", Period(None, None)),
    }[operation]
    if MATRIX[operation][role]:
        act()
    else:
        with pytest.raises(Forbidden):
            act()
        assert [e.type for e in sv.whistle(w.id).events].count("blown") == 1
        assert len(sv.ledger.find()) == 1  # nothing was written


def test_tokens_are_hashed(tmp_path: Path, embedded_domain: Domain) -> None:
    ledger = Ledger(tmp_path / "w.sqlite")
    token = issue_token(ledger, embedded_domain.store, "bbs", "street", "st:110107001", START)
    assert authenticate(ledger, token, START) == Principal("bbs", "street", "st:110107001")
    raw = sqlite3.connect(tmp_path / "w.sqlite").execute("SELECT * FROM principals").fetchall()
    assert token not in repr(raw)
    with pytest.raises(Forbidden, match="unknown token"):
        authenticate(ledger, token + "x", START)
    with pytest.raises(ArgumentError, match="street-level body"):
        issue_token(ledger, embedded_domain.store, "x", "street", "dd:110107:bj-gongan", START)


def test_ledger_survives_reopen_and_concurrent_reports(tmp_path: Path, embedded_domain: Domain, clock: Clock) -> None:
    path = tmp_path / "w.sqlite"
    sv = Supervision(embedded_domain, Ledger(path), clock=clock)
    w = sv.blow(STREET, BABAOSHAN, "占道经营")
    clock.advance(3)
    errors: list[BaseException] = []

    def report(body: str) -> None:
        try:
            sv.report_in(ADMIN, w.id, body)
        except BaseException as err:  # noqa: BLE001 - collected for the assertion below
            errors.append(err)

    threads = [threading.Thread(target=report, args=(b,)) for b in w.calls]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    reopened = Supervision(embedded_domain, Ledger(path), clock=clock).whistle(w.id)
    assert all(c.reported_at for c in reopened.calls.values())
    assert [e.seq for e in reopened.events] == list(range(1, len(reopened.events) + 1))


def test_report_time_checks(sv: Supervision, clock: Clock) -> None:
    w = sv.blow(STREET, BABAOSHAN, "占道经营")
    with pytest.raises(ArgumentError, match="in the future"):
        sv.report_in(STREET, w.id, STATIONED, at="2030-01-01T00:00:00+08:00")
    with pytest.raises(ArgumentError, match="before the call"):
        sv.report_in(STREET, w.id, STATIONED, at="2026-11-23T08:00:00+08:00")
    with pytest.raises(Forbidden, match="judges the department"):
        sv.report_in(ENFORCEMENT, w.id, STATIONED, at="2026-11-23T09:05:00+08:00")
    with pytest.raises(Forbidden, match="judges the street"):
        sv.report_in(STREET, w.id, "enf:110107001", at="2026-11-23T09:05:00+08:00")
    with pytest.raises(ArgumentError, match="a street, township or community"):
        sv.blow(ADMIN, "110107", "占道经营")


def test_received_and_claimed_times(sv: Supervision, clock: Clock) -> None:
    """The server's clock is kept on every step; a claim beside it counts only where Policy.claim and the window allow."""
    w = sv.blow(STREET, BABAOSHAN, "占道经营")
    clock.advance(120)  # two hours on, the department reports in: late by the server's clock
    late = sv.report_in(ENFORCEMENT, w.id, "dd:110107:bj-chengguanzhifa")
    assert late.calls["dd:110107:bj-chengguanzhifa"].status(clock.now) == "late"
    # The street saw the stationed unit arrive five minutes after the whistle, and enters it now.
    seen = sv.report_in(STREET, w.id, STATIONED, at=START + timedelta(minutes=5))
    assert seen.calls[STATIONED].status(clock.now) == "on_time"
    reported = seen.events[-1]
    assert (reported.at, reported.received_at, reported.claimed_at) == (
        START + timedelta(minutes=5),
        clock.now,
        START + timedelta(minutes=5),
    )
    assert (late.events[-1].received_at, late.events[-1].claimed_at) == (clock.now, None)
    with pytest.raises(ArgumentError, match="more than 24 h before"):
        sv.blow(STREET, BABAOSHAN, "占道经营", at="1900-01-01T08:00:00+08:00")
    with pytest.raises(Forbidden, match="only an admin may"):
        sv.resolve(STREET, w.id, "resolved", at=START + timedelta(minutes=60))
    with pytest.raises(Forbidden, match="only an admin may"):
        sv.correct_time(STREET, w.id, late.events[-1].seq, START + timedelta(minutes=20), "entered late")
    fixed = sv.correct_time(ADMIN, w.id, late.events[-1].seq, START + timedelta(minutes=20), "arrival log shows 09:20")
    assert fixed.calls["dd:110107:bj-chengguanzhifa"].status(clock.now) == "on_time"
    assert fixed.events[-1].type == "corrected" and fixed.events[-1].data["from"] == late.events[-1].data["at"]
    # A call's start corrected (the team was phoned before the whistle was entered): its deadline moves with it.
    called = next(e for e in fixed.events if e.type == "called" and e.data["body"] == "enf:110107001")
    moved = sv.correct_time(ADMIN, w.id, called.seq, START + timedelta(minutes=90), "phoned at 10:30")
    assert moved.calls["enf:110107001"].deadline == START + timedelta(minutes=120)
    assert sv.ledger.due(clock.now) == [], "the read model follows: the moved deadline is not due yet"
    with pytest.raises(ArgumentError, match="want the seq of a reported or called step"):
        sv.correct_time(ADMIN, w.id, 1, START, "the blow")
    assert len(sv.ledger.find()) == 1, "the refused whistle wrote nothing"


def test_street_does_not_score_its_own_bodies(sv: Supervision) -> None:
    w = sv.blow(STREET, BABAOSHAN, "占道经营")
    with pytest.raises(ArgumentError, match="not its own bodies"):
        sv.evaluate(STREET, w.id, "enf:110107001", 90)
    sv.evaluate(STREET, w.id, STATIONED, 90)  # a department's stationed unit is scored
