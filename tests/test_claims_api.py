"""Times the scored party cannot choose, over real HTTP: received times, claims, the claim window, corrections.

Each refused request is checked for its status, its error and that nothing was written (an admin reads the
ledger before and after).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from api.app import create_app
from graph.domain import Domain
from tests.http_server import issue_tokens, serve
from tests.test_whistles_api import BLOW, BUREAU, REPORT, STATIONED, STREET_TEAM, Server
from whistles.ledger_sqlite import Ledger
from whistles.record import BEIJING
from whistles.supervision import Supervision

TIMELINE = """query($w: ID!) { whistle(id: $w) {
  calls { bodyId status reportedAt } timeline { seq type at receivedAt claimedAt actor data } } }"""
CORRECT = """mutation($w: ID!, $seq: Int!, $time: DateTime!, $reason: String!) {
  correctTime(whistle: $w, seq: $seq, time: $time, reason: $reason) { calls { bodyId status reportedAt } } }"""


@pytest.fixture
def served(tmp_path: Path, embedded_domain: Domain) -> Iterator[Server]:
    ledger = Ledger(tmp_path / "whistles.sqlite")
    sv = Supervision(embedded_domain, ledger)
    tokens = issue_tokens(ledger, embedded_domain.store)
    with serve(create_app(embedded_domain, supervision=sv, sweep_seconds=3600, graphiql=False)) as base:
        server = Server(base, sv, tokens)
        yield server
        server.close()
    ledger.close()


@pytest.fixture
def ago() -> Callable[[float], str]:
    start = datetime.now(BEIJING).replace(microsecond=0)
    return lambda minutes: (start - timedelta(minutes=minutes)).isoformat()


def _ledger(server: Server) -> list[list[tuple[int, str]]]:
    """Every whistle's record as (seq, type), read by an admin."""
    admin = server.as_["admin"]
    ids = [
        e["node"]["id"] for e in admin.data("{ whistles(first: 100) { edges { node { id } } } }")["whistles"]["edges"]
    ]
    return [[(e["seq"], e["type"]) for e in admin.data(TIMELINE, w=w)["whistle"]["timeline"]] for w in ids]


def _call(whistle: dict, body: str) -> dict:
    return next(c for c in whistle["calls"] if c["bodyId"] == body)


def test_a_report_sent_two_hours_late_is_late_and_a_department_cannot_claim_its_time(
    served: Server, ago: Callable[[float], str]
) -> None:
    w = served.blow(time=ago(120))["id"]  # the street enters a whistle it blew two hours ago (it may claim that)
    before = _ledger(served)
    # The department says it came five minutes after the whistle: its own report-in time is not its to choose.
    [refused] = served.as_["department"].errors(REPORT, w=w, body=BUREAU, time=ago(115))
    assert refused["extensions"] == {"code": "FORBIDDEN"}
    assert refused["message"].startswith("not allowed to claim the time of a reported step: a report-in time judges")
    assert _ledger(served) == before, "a refused claim writes nothing"
    late = served.as_["department"].data(REPORT, w=w, body=BUREAU)["reportIn"]
    assert _call(late, BUREAU)["status"] == "LATE"  # counted at the time the server received it
    # Nor may a street claim the arrival of its own enforcement team (that time judges the street).
    [own] = served.as_["street"].errors(REPORT, w=w, body=STREET_TEAM, time=ago(110))
    assert own["extensions"] == {"code": "FORBIDDEN"} and "judges the street" in own["message"]
    # The street saw the department's stationed unit arrive ten minutes in: it may enter that.
    seen = served.as_["street"].data(REPORT, w=w, body=STATIONED, time=ago(110))["reportIn"]
    assert _call(seen, STATIONED)["status"] == "ON_TIME"
    timeline = served.as_["admin"].data(TIMELINE, w=w)["whistle"]["timeline"]
    blown, reported_late, reported_seen = timeline[0], timeline[-2], timeline[-1]
    assert blown["claimedAt"] == ago(120) and blown["at"] == ago(120)
    assert reported_late["claimedAt"] is None and reported_late["at"] == reported_late["receivedAt"]
    assert reported_seen["claimedAt"] == ago(110) and reported_seen["at"] == ago(110)
    assert datetime.fromisoformat(reported_seen["receivedAt"]) > datetime.fromisoformat(ago(1))


def test_back_dated_whistles_and_claims_outside_the_window(served: Server, ago: Callable[[float], str]) -> None:
    before = _ledger(served)
    for time, words in (
        ("1900-01-01T08:00:00+08:00", "lies more than 24 h before the server time"),
        (ago(25 * 60), "lies more than 24 h before the server time"),
        (ago(-5), "is in the future"),
    ):
        [error] = served.as_["street"].errors(BLOW, place="110107001", subject="占道经营", time=time)
        assert error["extensions"]["code"] == "BAD_ARGUMENT" and error["extensions"]["argument"] == "time", error
        assert error["message"].startswith("time: ") and words in error["message"], error
    assert _ledger(served) == before == [], "nothing was written"
    w = served.blow(time=ago(23 * 60))["id"]  # inside the window
    before = _ledger(served)
    [old] = served.as_["admin"].errors(REPORT, w=w, body=BUREAU, time=ago(24 * 60 + 5))
    assert old["extensions"]["argument"] == "time" and "correctTime" in old["message"]
    assert _ledger(served) == before


def test_an_admin_correction_is_its_own_step_in_the_timeline(served: Server, ago: Callable[[float], str]) -> None:
    w = served.blow(time=ago(90))["id"]
    late = served.as_["department"].data(REPORT, w=w, body=BUREAU)["reportIn"]
    assert _call(late, BUREAU)["status"] == "LATE"
    seq = served.as_["admin"].data(TIMELINE, w=w)["whistle"]["timeline"][-1]["seq"]
    before = _ledger(served)
    for who, code in (("department", "FORBIDDEN"), ("street", "FORBIDDEN")):
        [error] = served.as_[who].errors(CORRECT, w=w, seq=seq, time=ago(70), reason="到场记录")
        assert error["extensions"] == {"code": code} and "only an admin may" in error["message"]
    [not_a_report] = served.as_["admin"].errors(CORRECT, w=w, seq=1, time=ago(70), reason="到场记录")
    assert not_a_report["extensions"]["argument"] == "seq"
    [no_reason] = served.as_["admin"].errors(CORRECT, w=w, seq=seq, time=ago(70), reason=" ")
    assert no_reason["extensions"]["argument"] == "reason"
    assert _ledger(served) == before
    fixed = served.as_["admin"].data(CORRECT, w=w, seq=seq, time=ago(70), reason="监控显示9:20到场")["correctTime"]
    assert _call(fixed, BUREAU) == {"bodyId": BUREAU, "status": "ON_TIME", "reportedAt": ago(70)}
    timeline = served.as_["admin"].data(TIMELINE, w=w)["whistle"]["timeline"]
    reported, corrected = timeline[-2], timeline[-1]
    assert (reported["seq"], reported["type"], reported["claimedAt"]) == (seq, "REPORTED", None), "kept as received"
    assert (corrected["type"], corrected["actor"], corrected["claimedAt"]) == ("CORRECTED", "admin", None)
    to = corrected["data"].pop("to")
    assert datetime.fromisoformat(to) == datetime.fromisoformat(ago(70))
    assert corrected["data"] == {
        "seq": seq,
        "type": "reported",
        "body": BUREAU,
        "from": reported["data"]["at"],
        "reason": "监控显示9:20到场",
    }
