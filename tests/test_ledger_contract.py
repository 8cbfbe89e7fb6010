"""One contract, two whistle ledgers: SQLite (whistles/ledger_sqlite.py) and Neo4j (whistles/ledger_neo4j.py).

Every test taking `ledgers` runs on both and expects the same answers. The Neo4j ledger runs on
the session's Bolt server (ArcadeDB started by tests/bolt.py, or the Neo4j at NEO4J_URI), whose
database also holds the loaded Beijing graph and other tests' whistles: each test here writes
in a district of its own (a random tag, see tests/ledger_writer.py), looks only at its own
whistles, and removes them and its principals afterwards. The graph itself is never written.

Then what only the Neo4j ledger promises: the layout people browse, the wiring (ledger_for and
the CLI), the whistle flow on Neo4j giving what it gives on SQLite, and acknowledged writes
surviving SIGKILL of the writing process.
"""

from __future__ import annotations

import inspect
import json
import os
import random
import secrets
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from neo4j import GraphDatabase

from api.cli import main as cli
from api.stores import ledger_for
from graph.domain import Domain
from graph.embedded import EmbeddedStore
from graph.errors import ArgumentError, StoreError
from graph.neo4j_store import Neo4jStore
from graph.vocabulary import EventType, WhistleSource, WhistleStatus
from tests.bolt import BoltServer
from tests.ledger_writer import T0, blow, call, later, report
from tests.test_supervision import ADMIN, ENFORCEMENT, STATIONED, STREET, Clock
from whistles.authz import Principal
from whistles.ledger import DEFAULT_TOKEN_LIFETIME, Conflict, Filter, PrincipalRecord, WhistleLedger
from whistles.ledger_neo4j import Neo4jLedger
from whistles.ledger_sqlite import Ledger
from whistles.record import Event, When, Whistle, iso
from whistles.supervision import Period, Supervision
from whistles.tokens import authenticate

ROOT = Path(__file__).resolve().parent.parent


def new_tag() -> str:
    """A district code no real area has: `zz` and 8 random hex digits."""
    return "zz" + secrets.token_hex(4)


# -- cleaning up the shared Neo4j database ------------------------------------------------------


def _highest_n(server: BoltServer) -> int:
    with GraphDatabase.driver(server.uri, auth=server.auth) as driver:
        records, _, _ = driver.execute_query(
            "OPTIONAL MATCH (w:Whistle) RETURN coalesce(max(w.n), 0) AS n", database_=server.database
        )
    return records[0]["n"]


def _remove(server: BoltServer, tag: str | None = None, ids: Sequence[str] = ()) -> None:
    """Delete the whistles of district `tag` or with these ids (with their events), and the principals named tag…"""
    with GraphDatabase.driver(server.uri, auth=server.auth) as driver:
        driver.execute_query(
            "MATCH (w:Whistle) WHERE ($tag IS NOT NULL AND w.district = $tag) OR w.id IN $ids\n"
            "OPTIONAL MATCH (w)-[:HAS_EVENT]->(e:WhistleEvent)\n"
            "DETACH DELETE w, e",
            tag=tag,
            ids=list(ids),
            database_=server.database,
        )
        if tag:
            driver.execute_query(
                "MATCH (p:Principal) WHERE p.name STARTS WITH $tag DETACH DELETE p", tag=tag, database_=server.database
            )


# -- the two ledgers --------------------------------------------------------------------------


@dataclass(frozen=True)
class Ledgers:
    """Ledgers of one kind over one set of records, and where a test's whistles go."""

    tag: str
    first_n: int  # the number the next whistle gets
    connect: Callable[[], WhistleLedger]  # another connection to the same records, as another process has


@pytest.fixture(params=["sqlite", pytest.param("neo4j", marks=pytest.mark.bolt)])
def ledgers(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Ledgers]:
    tag = new_tag()
    opened: list[WhistleLedger] = []
    server: BoltServer | None = None
    if request.param == "sqlite":
        first_n = 1

        def connect() -> WhistleLedger:
            opened.append(Ledger(tmp_path / "whistles.sqlite"))
            return opened[-1]
    else:
        request.getfixturevalue("bolt_store")  # the database is emptied and loaded before any whistle is written
        bolt: BoltServer = request.getfixturevalue("bolt_server")
        server, first_n = bolt, _highest_n(bolt) + 1

        def connect() -> WhistleLedger:
            opened.append(Neo4jLedger(bolt.uri, bolt.user, bolt.password, bolt.database))
            return opened[-1]

    try:
        yield Ledgers(tag, first_n, connect)
    finally:
        for ledger in opened:
            ledger.close()
        if server is not None:
            _remove(server, tag)


@pytest.fixture
def ledger(ledgers: Ledgers) -> WhistleLedger:
    return ledgers.connect()


def ids(first: int, count: int) -> list[str]:
    return [f"W{n:06d}" for n in range(first, first + count)]


# -- the contract -----------------------------------------------------------------------------


def test_create_allocates_sequential_ids(ledgers: Ledgers, ledger: WhistleLedger) -> None:
    given: list[str] = []

    def build(whistle: str) -> list[Event]:
        given.append(whistle)
        return blow(ledgers.tag)(whistle)

    made = [ledger.create(build) for _ in range(3)]
    assert given == [m[0].whistle for m in made] == ids(ledgers.first_n, 3)
    assert [ledger.events(m[0].whistle) for m in made] == made


def test_a_failed_build_stores_nothing_and_uses_no_id(ledgers: Ledgers, ledger: WhistleLedger) -> None:
    def refuse(whistle: str) -> list[Event]:
        raise ArgumentError("orderNumber", "", "a 12345 whistle needs its work-order number")

    with pytest.raises(ArgumentError, match="work-order number"):
        ledger.create(refuse)
    assert ledger.find(Filter(district=ledgers.tag)) == []
    assert ledger.create(blow(ledgers.tag))[0].whistle == ids(ledgers.first_n, 1)[0]


def test_events_round_trip_with_chinese_text(ledgers: Ledgers, ledger: WhistleLedger) -> None:
    tag = ledgers.tag
    first = ledger.create(
        blow(tag, bodies=(f"{tag}:enf", f"{tag}:police"), description="路口占道经营，影响通行（早高峰）")
    )
    w = first[0].whistle
    more = [
        report(w, 4, f"{tag}:enf", later(T0, 10), "城管-值班员", note="已到场劝离 3 户 👍"),
        Event(
            w,
            5,
            EventType.ESCALATED,
            later(T0, 35),
            "system",
            {"missed": [f"{tag}:police"], "reason": "deadline", "to": None},
        ),
        Event(
            w, 6, EventType.EVALUATED, later(T0, 40), "op", {"body": f"{tag}:enf", "rating": 90, "comment": "响应迅速"}
        ),
        # Received by the server two hours on, with the time the street claimed (record.When).
        Event.at_when(
            w,
            7,
            EventType.REPORTED,
            When(later(T0, 120), later(T0, 12)),
            "op",
            {"body": f"{tag}:police", "at": iso(later(T0, 12)), "on_site": True, "note": ""},
        ),
    ]
    ledger.append(more[:1])
    ledger.append(more[1:])
    assert ledger.events(w) == first + more
    assert ledger.events("W999999") == []


def test_conflict_when_a_seq_is_taken_and_nothing_of_the_batch_is_written(
    ledgers: Ledgers, ledger: WhistleLedger
) -> None:
    tag = ledgers.tag
    first = ledger.create(blow(tag))
    w = first[0].whistle
    mine = report(w, 3, f"{tag}:enf", later(T0, 5), "first-writer")
    ledger.append([mine])
    with pytest.raises(Conflict):
        ledger.append([report(w, 3, f"{tag}:enf", later(T0, 6), "second-writer")])
    # A new call at seq 4 and a resolution at the taken seq 3: neither is written, nor what they would change.
    with pytest.raises(Conflict):
        ledger.append(
            [
                Event(w, 4, EventType.CALLED, later(T0, 7), "op", call(f"{tag}:police", later(T0, 7))),
                Event(w, 3, EventType.RESOLVED, later(T0, 7), "op", {"outcome": "resolved", "note": ""}),
            ]
        )
    assert ledger.events(w) == first + [mine]
    assert ledger.find(Filter(bodies=[f"{tag}:police"])) == []
    assert ledger.find(Filter(district=tag, status=WhistleStatus.RESOLVED)) == []


def test_find_filters_and_period_bounds(ledgers: Ledgers, ledger: WhistleLedger) -> None:
    tag = ledgers.tag
    hour, day = later(T0, 60), later(T0, 24 * 60)
    # Created out of time order: find orders by blow time, then by number.
    c = ledger.create(blow(tag, "01", day, "community_report", [f"{tag}:police"]))[0].whistle
    a = ledger.create(blow(tag, "01", T0, "street_inspection", [f"{tag}:enf", f"{tag}:police"]))[0].whistle
    b = ledger.create(blow(tag, "02", hour, "hotline_12345", [f"{tag}:enf"]))[0].whistle
    d = ledger.create(blow(tag, "01", T0))[0].whistle
    ledger.append([Event(c, 3, EventType.RESOLVED, later(day, 50), "op", {"outcome": "resolved", "note": "已清理"})])
    created = {a, b, c, d}

    def mine(found: list[str]) -> list[str]:
        return [i for i in found if i in created]

    assert ledger.find(Filter(district=tag)) == [a, d, b, c]
    assert mine(ledger.find()) == [a, d, b, c]
    assert ledger.find(Filter(street=f"{tag}01")) == [a, d, c]
    assert ledger.find(Filter(street=f"{tag}02")) == [b]
    assert ledger.find(Filter(street="nowhere")) == []
    assert ledger.find(Filter(bodies=[f"{tag}:police"])) == [a, c]
    assert ledger.find(Filter(bodies=[f"{tag}:enf"], street=f"{tag}02")) == [b]
    assert mine(ledger.find(Filter(status=WhistleStatus.RESOLVED))) == [c]
    assert mine(ledger.find(Filter(status=WhistleStatus.OPEN))) == [a, d, b]
    assert mine(ledger.find(Filter(source=WhistleSource.HOTLINE_12345))) == [b]
    assert ledger.find(Filter(district=tag, source=WhistleSource.COMMUNITY_REPORT, status=WhistleStatus.RESOLVED)) == [
        c
    ]
    assert ledger.find(Filter(district=tag, since=hour)) == [b, c]  # since is inclusive
    assert ledger.find(Filter(district=tag, until=hour)) == [a, d]  # until is exclusive
    assert ledger.find(Filter(district=tag, since=hour, until=day)) == [b]
    assert ledger.find(Filter(district=tag, street="", bodies=[])) == [a, d, b, c]  # "" filters nothing


def test_read_model_is_the_fold_of_the_events(ledgers: Ledgers, ledger: WhistleLedger) -> None:
    """summaries() and due() answer from what create and append keep beside the events: the fold, without it."""
    tag = ledgers.tag
    a = ledger.create(blow(tag, "01", T0, "hotline_12345", [f"{tag}:enf", f"{tag}:police"]))[0].whistle
    b = ledger.create(blow(tag, "02", later(T0, 5)))[0].whistle

    def due(minutes: float) -> list[str]:
        return [w for w in ledger.due(later(T0, minutes)) if w in (a, b)]  # the database may be shared

    assert (due(30), due(31), due(36)) == ([], [a], [a, b])  # a deadline is due once it has passed
    escalated = {"missed": [f"{tag}:police"], "reason": "deadline", "to": None}
    ledger.append(
        [
            report(a, 4, f"{tag}:enf", later(T0, 10)),
            Event(a, 5, EventType.ESCALATED, later(T0, 40), "system", escalated),
        ]
    )
    assert due(60) == [b]  # reported in, or escalated past: nothing left to sweep on a
    ledger.append(
        [
            Event(a, 6, EventType.EVALUATED, later(T0, 50), "op", {"body": f"{tag}:enf", "rating": 80, "comment": ""}),
            Event(a, 7, EventType.RESOLVED, later(T0, 55), "op", {"outcome": "resolved", "note": ""}),
            Event(a, 8, EventType.CALLBACK, later(T0, 90), "12345", {"satisfied": True}),
        ]
    )
    found = ledger.summaries(Filter(district=tag))
    assert found == [Whistle.fold(ledger.events(w)).summary() for w in (a, b)]
    first = found[0]
    assert (first.status, first.outcome, first.satisfied, first.ratings) == (
        "resolved",
        "resolved",
        True,
        ((f"{tag}:enf", 80),),
    )
    assert [(c.body, c.reported_at, c.missed, c.status(later(T0, 90))) for c in first.calls] == [
        (f"{tag}:enf", later(T0, 10), False, "on_time"),
        (f"{tag}:police", None, True, "missed"),
    ]
    assert ledger.summaries(Filter(bodies=[f"{tag}:police", "nobody"])) == [first]
    assert ledger.summaries(Filter(district=tag, since=later(T0, 1))) == [found[1]]


# The layout of a ledger file before the read model (commit 6b8a0ac), and what that code wrote into it.
OLD_SQLITE_LAYOUT = """
CREATE TABLE events (whistle TEXT NOT NULL, seq INTEGER NOT NULL, type TEXT NOT NULL, at TEXT NOT NULL,
  actor TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (whistle, seq));
CREATE TABLE whistles (id TEXT PRIMARY KEY, n INTEGER UNIQUE NOT NULL, street TEXT NOT NULL, district TEXT NOT NULL,
  source TEXT NOT NULL, status TEXT NOT NULL, blown_at TEXT NOT NULL);
CREATE INDEX whistles_street ON whistles (street, blown_at);
CREATE INDEX whistles_blown ON whistles (blown_at);
CREATE TABLE calls (whistle TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (body, whistle));
CREATE TABLE principals (token_hash TEXT PRIMARY KEY, name TEXT UNIQUE NOT NULL, role TEXT NOT NULL,
  body TEXT NOT NULL, created_at TEXT NOT NULL);
INSERT INTO whistles VALUES ('W000001', 1, 'zz01', 'zz', 'street_inspection', 'open', '2024-06-03T01:00:00+00:00');
INSERT INTO calls VALUES ('W000001', 'zz:enf');
INSERT INTO principals VALUES ('hash-1', 'zz-op', 'street', 'st:110107001', '2024-06-03T01:00:00+00:00');
INSERT INTO events VALUES ('W000001', 1, 'blown', '2024-06-03T01:00:00+00:00', 'op', '{"description": "", "district":
  "zz", "duties": [], "ladder": [], "order_number": "", "place": "zz01", "place_name": "八宝山街道", "source":
  "street_inspection", "street": "zz01", "subject": "占道经营", "urgency": "routine"}');
INSERT INTO events VALUES ('W000001', 2, 'called', '2024-06-03T01:00:00+00:00', 'op', '{"body": "zz:enf", "deadline":
  "2024-06-03T01:30:00+00:00", "name": "城管执法队", "reason": "responder", "role": "enforce", "tier": "on_ground"}');
"""


def test_a_sqlite_ledger_from_before_the_read_model_opens_filled(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    with sqlite3.connect(path) as db:
        db.executescript(OLD_SQLITE_LAYOUT)
    ledger = Ledger(path)
    try:
        assert ledger.summaries() == [Whistle.fold(ledger.events("W000001")).summary()]
        assert {(e.received_at, e.claimed_at) for e in ledger.events("W000001")} == {(None, None)}  # not recorded then
        # A token from before lifetimes gets the default one from this first opening (whistles/ledger.py).
        old = ledger.principal("hash-1")
        assert old is not None and old.revoked_at is None and old.last_used_at is None
        assert abs(old.expires_at - datetime.now(UTC) - DEFAULT_TOKEN_LIFETIME) < timedelta(minutes=1)
        assert ledger.due(later(T0, 31)) == ["W000001"]
        assert ledger.find(Filter(since=T0, bodies=["zz:enf"])) == ["W000001"]
        ledger.append([report("W000001", 3, "zz:enf", later(T0, 20))])
        assert ledger.due(later(T0, 31)) == []
        ledger.create(blow("zz", at=later(T0, 60)))
    finally:
        ledger.close()
    reopened = Ledger(path)  # filled once: opening again changes nothing
    try:
        assert [s.calls[0].reported_at for s in reopened.summaries()] == [later(T0, 20), None]
    finally:
        reopened.close()


def test_principals(ledgers: Ledgers, ledger: WhistleLedger) -> None:
    name = f"{ledgers.tag}-八宝山街道值班员"
    expires = later(T0, 60 * 24 * 90)
    ledger.add_principal(f"{ledgers.tag}-hash-1", name, "street", "st:110107001", T0, expires)
    record = PrincipalRecord(name, "street", "st:110107001", T0, expires)
    assert ledger.principal(f"{ledgers.tag}-hash-1") == record
    assert ledger.principal(f"{ledgers.tag}-hash-2") is None
    with pytest.raises(ArgumentError, match="exists already"):
        ledger.add_principal(f"{ledgers.tag}-hash-2", name, "admin", "", T0, expires)
    with pytest.raises(ArgumentError, match="exists already"):
        ledger.add_principal(f"{ledgers.tag}-hash-1", f"{ledgers.tag}-other", "admin", "", T0, expires)
    assert ledger.principal(f"{ledgers.tag}-hash-2") is None
    # Last use, revocation (the first time stays), and the list.
    ledger.touch_principal(f"{ledgers.tag}-hash-1", later(T0, 5))
    assert ledger.revoke_principal(name, later(T0, 10)) == replace(
        record, revoked_at=later(T0, 10), last_used_at=later(T0, 5)
    )
    assert ledger.revoke_principal(name, later(T0, 20)) == ledger.principal(f"{ledgers.tag}-hash-1")
    assert ledger.principal(f"{ledgers.tag}-hash-1").revoked_at == later(T0, 10)
    assert ledger.revoke_principal(f"{ledgers.tag}-nobody", T0) is None
    assert [r for r in ledger.principals() if r.name.startswith(ledgers.tag)] == [
        replace(record, revoked_at=later(T0, 10), last_used_at=later(T0, 5))
    ]


def test_records_are_there_for_the_next_connection(ledgers: Ledgers, ledger: WhistleLedger) -> None:
    events = ledger.create(blow(ledgers.tag))
    ledger.add_principal(f"{ledgers.tag}-hash", f"{ledgers.tag}-viewer", "viewer", "", T0, later(T0, 60))
    ledger.close()
    again = ledgers.connect()
    assert again.events(events[0].whistle) == events
    assert again.find(Filter(district=ledgers.tag)) == [events[0].whistle]
    assert again.principal(f"{ledgers.tag}-hash") == PrincipalRecord(
        f"{ledgers.tag}-viewer", "viewer", "", T0, later(T0, 60)
    )


CONNECTIONS, THREADS, CREATES = 3, 6, 5


def test_racing_creates_get_distinct_consecutive_ids(ledgers: Ledgers) -> None:
    """Threads on several connections (each with its own lock, like separate processes) blow at once."""
    connections = [ledgers.connect() for _ in range(CONNECTIONS)]
    start = threading.Barrier(THREADS, timeout=60)

    def blow_several(i: int) -> list[str]:
        start.wait()
        return [connections[i % CONNECTIONS].create(blow(ledgers.tag))[0].whistle for _ in range(CREATES)]

    with ThreadPoolExecutor(THREADS) as pool:
        made = [w for batch in pool.map(blow_several, range(THREADS)) for w in batch]
    assert sorted(made) == ids(ledgers.first_n, THREADS * CREATES)
    for w in made:
        assert [(e.whistle, e.seq) for e in connections[0].events(w)] == [(w, 1), (w, 2)]


def test_racing_appends_have_one_winner_per_seq(ledgers: Ledgers, ledger: WhistleLedger) -> None:
    tag = ledgers.tag
    w = ledger.create(blow(tag))[0].whistle
    connections = [ledgers.connect() for _ in range(CONNECTIONS)]
    winners = []
    for seq in range(3, 8):
        start = threading.Barrier(THREADS, timeout=60)

        def attempt(i: int, seq: int = seq, start: threading.Barrier = start) -> bool:
            start.wait()
            try:
                connections[i % CONNECTIONS].append([report(w, seq, f"{tag}:enf", later(T0, seq), f"writer-{i}")])
            except Conflict:
                return False
            return True

        with ThreadPoolExecutor(THREADS) as pool:
            won = list(pool.map(attempt, range(THREADS)))
        assert won.count(True) == 1, won
        winners.append(f"writer-{won.index(True)}")
    events = ledger.events(w)
    assert [e.seq for e in events] == list(range(1, 8))
    assert [e.actor for e in events[2:]] == winners


def test_both_ledgers_offer_the_same_interface() -> None:
    def public(cls: type) -> set[str]:
        return {name for name in dir(cls) if not name.startswith("_")}

    methods = public(WhistleLedger)
    assert methods == {
        *("create", "append", "events", "find", "summaries", "due", "close"),
        *("add_principal", "principal", "principals", "revoke_principal", "touch_principal"),
    }
    assert public(Ledger) == methods
    assert public(Neo4jLedger) == methods | {"beside"}
    for name in methods:
        assert inspect.signature(getattr(Ledger, name)) == inspect.signature(getattr(Neo4jLedger, name)), name


# -- the whistle flow on both stores, each with its own ledger ---------------------------------

START = datetime(2024, 6, 3, 1, 0, tzinfo=UTC)  # a day no other test blows on, in a shared Neo4j database
BABAOSHAN = "110107001"
DISTRICT_BUREAU = ENFORCEMENT.body


def _flow(sv: Supervision, clock: Clock, created: list[str]) -> dict[str, Any]:
    """Blow at 八宝山街道, report, sweep twice, evaluate, resolve; what the record and the figures say."""
    w = sv.blow(STREET, BABAOSHAN, "占道经营", description="路口摆摊")
    created.append(w.id)
    clock.advance(10)
    sv.report_in(ENFORCEMENT, w.id, STATIONED, on_site=True, note="已到场")
    clock.advance(25)  # the street's team and the district bureau missed Pinggu's 30 minutes
    first_sweep = [(e.type, e.data) for e in sv.sweep() if e.whistle == w.id]
    sweep_again = [e for e in sv.sweep() if e.whistle == w.id]
    sv.report_in(STREET, w.id, "enf:110107001")
    clock.advance(31)
    second_sweep = [(e.type, e.data.get("missed"), e.data.get("body")) for e in sv.sweep() if e.whistle == w.id]
    sv.evaluate(STREET, w.id, STATIONED, 90, comment="到场及时")
    done = sv.resolve(STREET, w.id, "resolved", note="已清理")
    day = Period(START, START + timedelta(days=1))
    body = sv.body_figures(DISTRICT_BUREAU, day)
    street = sv.street_figures(BABAOSHAN, day)
    score = sv.assessment(ADMIN, DISTRICT_BUREAU, day)
    return {
        "calls": {b: (c.tier, c.deadline, c.status(clock.now)) for b, c in done.calls.items()},
        "first_sweep": first_sweep,
        "sweep_again": sweep_again,
        "second_sweep": second_sweep,
        "status": (done.status, done.outcome, done.resolved_at),
        "body": (body.called, body.on_time, body.late, body.missed, body.median_minutes_to_report, body.resolved),
        "street": (street.called, street.on_time, street.late, street.missed, street.pending),
        "score": (score.street_score, score.evaluations, [(s.street, s.mean_rating) for s in score.by_street]),
        "listed": [x.id == w.id for x in sv.list(street=BABAOSHAN, period=day)],
        "timeline": [(e.seq, e.type, e.actor) for e in sv.whistle(w.id).events],
    }


DEADLINE = START + timedelta(minutes=30)
EXPECTED_FLOW = {
    "calls": {
        "enf:110107001": ("on_ground", DEADLINE, "late"),
        STATIONED: ("on_ground", DEADLINE, "on_time"),
        DISTRICT_BUREAU: ("district", DEADLINE, "missed"),
        "gov:110107": ("escalation", START + timedelta(minutes=65), "missed"),
        "bj-chengguanzhifa": ("escalation", START + timedelta(minutes=96), "pending"),
    },
    "first_sweep": [
        (
            "escalated",
            {"missed": [DISTRICT_BUREAU, "enf:110107001"], "reason": "deadline", "to": "gov:110107"},
        ),
        (
            "called",
            {
                "body": "gov:110107",
                "name": "北京市石景山区人民政府",
                "tier": "escalation",
                "role": "escalation",
                "deadline": "2024-06-03T02:05:00+00:00",
                "reason": "deadline",
            },
        ),
    ],
    "sweep_again": [],
    "second_sweep": [("escalated", ["gov:110107"], None), ("called", None, "bj-chengguanzhifa")],
    "status": ("resolved", "resolved", START + timedelta(minutes=66)),
    "body": (2, 1, 0, 1, 10.0, 1),
    "street": (5, 1, 1, 2, 1),
    "score": (90.0, 1, [(BABAOSHAN, 90.0)]),
    "listed": [True],
    "timeline": [
        (1, "blown", "babaoshan-op"),
        (2, "called", "babaoshan-op"),
        (3, "called", "babaoshan-op"),
        (4, "called", "babaoshan-op"),
        (5, "reported", "cg-op"),
        (6, "escalated", "system"),
        (7, "called", "system"),
        (8, "reported", "babaoshan-op"),
        (9, "escalated", "system"),
        (10, "called", "system"),
        (11, "evaluated", "babaoshan-op"),
        (12, "resolved", "babaoshan-op"),
    ],
}


def test_whistle_flow_gives_the_same_record_and_figures(
    domain: Domain, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """The embedded store with SQLite, and Neo4j with the Neo4j ledger (as ledger_for pairs them)."""
    neo4j = isinstance(domain.store, Neo4jStore)
    ledger = ledger_for(domain.store, None if neo4j else tmp_path / "whistles.sqlite")
    assert isinstance(ledger, Neo4jLedger if neo4j else Ledger)
    clock = Clock(START)
    created: list[str] = []
    try:
        flow = _flow(Supervision(domain, ledger, clock=clock), clock, created)
    finally:
        ledger.close()
        if neo4j:
            _remove(request.getfixturevalue("bolt_server"), ids=created)
    assert flow == EXPECTED_FLOW


# -- Neo4j only: the layout, the wiring, SIGKILL ------------------------------------------------


@pytest.mark.bolt
def test_neo4j_layout_can_be_browsed(bolt_store: Neo4jStore, bolt_server: BoltServer) -> None:
    """From a department to the whistles that called it, from a whistle to its place and events."""
    tag = new_tag()
    ledger = Neo4jLedger.beside(bolt_store)
    at = later(T0, 1)
    bodies = ("enf:110107001", STATIONED, f"{tag}:not-a-node")
    try:
        w = ledger.create(blow(tag, at=at, bodies=bodies, description="路口摆摊", place=BABAOSHAN))[0].whistle
        ledger.append([Event(w, 5, EventType.CALLED, later(at, 30), "system", call("gov:110107", later(at, 30)))])
        ledger.append([Event(w, 6, EventType.RESOLVED, later(at, 40), "op", {"outcome": "resolved", "note": "已清理"})])
        with GraphDatabase.driver(bolt_server.uri, auth=bolt_server.auth) as driver:

            def rows(query: str) -> list[dict[str, Any]]:
                return [r.data() for r in driver.execute_query(query, id=w, database_=bolt_server.database).records]

            whistle = rows("MATCH (w:Whistle {id: $id}) RETURN properties(w) AS w")[0]["w"]
            called = rows(
                "MATCH (w:Whistle {id: $id})-[:CALLED]->(b) RETURN b.id AS id, labels(b)[0] AS label ORDER BY id"
            )
            place = rows("MATCH (:Whistle {id: $id})-[:AT]->(a:Area) RETURN a.name AS name")
            events = rows(
                "MATCH (:Whistle {id: $id})-[:HAS_EVENT]->(e:WhistleEvent) RETURN e.key AS key, e.data AS data "
                "ORDER BY e.seq"
            )
            from_department = rows(
                "MATCH (:Body {id: 'enf:110107001'})<-[:CALLED]-(w:Whistle) WHERE w.id = $id RETURN w.status AS status"
            )
    finally:
        ledger.close()
        _remove(bolt_server, tag)
    assert whistle["status"] == "resolved" and whistle["district"] == tag and whistle["blown_at"] == iso(at)
    assert whistle["called"] == ["enf:110107001", STATIONED, f"{tag}:not-a-node", "gov:110107"]
    assert called == [
        {"id": "enf:110107001", "label": "Body"},
        {"id": "gov:110107", "label": "Body"},
        {"id": STATIONED, "label": "SunkTeam"},
    ]  # the body that is not a node has no relationship, yet find(body=...) found it (the contract)
    assert place == [{"name": "八宝山街道"}]
    assert [e["key"] for e in events] == [f"{w}#{seq}" for seq in range(1, 7)]
    assert '"description": "路口摆摊"' in events[0]["data"]  # readable JSON text, not \\u escapes
    assert from_department == [{"status": "resolved"}]


@pytest.mark.bolt
def test_a_neo4j_ledger_from_before_the_read_model_opens_filled(
    bolt_store: Neo4jStore, bolt_server: BoltServer
) -> None:
    """A whistle as the code before the read model wrote it (no blown_us, calls or due_us) is filled on open; its
    events (no received_at) read as recorded, and a token from before lifetimes gets the default one."""
    tag = new_tag()
    whistle = f"W{_highest_n(bolt_server) + 1:06d}"
    events = blow(tag)(whistle)
    rows = [
        {"key": f"{whistle}#{e.seq}", "seq": e.seq, "type": e.type, "at": iso(e.at), "data": json.dumps(e.data)}
        for e in events
    ]
    try:
        with GraphDatabase.driver(bolt_server.uri, auth=bolt_server.auth) as driver:
            driver.execute_query(
                "CREATE (w:Whistle {id: $id, n: $n, street: $street, district: $tag, source: 'street_inspection',"
                " status: 'open', blown_at: $at, called: [$tag + ':enf']})\n"
                "WITH w UNWIND $rows AS row\n"
                "CREATE (w)-[:HAS_EVENT]->(:WhistleEvent {key: row.key, whistle: $id, seq: row.seq, type: row.type,"
                " at: row.at, actor: 'op', data: row.data})\n"
                "WITH DISTINCT w\n"
                "CREATE (:Principal {token_hash: $tag + '-hash', name: $tag + '-op', role: 'viewer', body: '',"
                " created_at: $at})",
                id=whistle,
                n=int(whistle[1:]),
                street=f"{tag}01",
                tag=tag,
                at=iso(T0),
                rows=rows,
                database_=bolt_server.database,
            )
        ledger = Neo4jLedger.beside(bolt_store)
        try:
            assert ledger.summaries(Filter(district=tag)) == [Whistle.fold(events).summary()]
            assert whistle in ledger.due(later(T0, 31))
            assert ledger.find(Filter(district=tag, since=T0)) == [whistle]
            assert ledger.events(whistle) == events  # received_at and claimed_at: None, as then
            old = ledger.principal(f"{tag}-hash")
            assert old is not None and old.revoked_at is None
            assert abs(old.expires_at - datetime.now(UTC) - DEFAULT_TOKEN_LIFETIME) < timedelta(minutes=1)
        finally:
            ledger.close()
    finally:
        _remove(bolt_server, tag)


def test_append_needs_its_whistle(ledger: WhistleLedger) -> None:
    """Events hang on a whistle that was created: appending to an unknown one is refused and writes nothing."""
    missing = f"{new_tag()}-W1"
    with pytest.raises(StoreError, match="no whistle"):
        ledger.append([report(missing, 1, "enf:110107001", T0)])
    assert ledger.events(missing) == []


@pytest.mark.bolt
def test_cli_token_goes_to_the_ledger_of_the_store(
    bolt_store: Neo4jStore, bolt_server: BoltServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for key, value in (
        ("NEO4J_URI", bolt_server.uri),
        ("NEO4J_USER", bolt_server.user),
        ("NEO4J_PASSWORD", bolt_server.password),
        ("NEO4J_DATABASE", bolt_server.database),
    ):
        monkeypatch.setenv(key, value)
    tag = new_tag()
    ledger = Neo4jLedger.beside(bolt_store)
    try:
        assert cli(["token", f"{tag}-admin", "--role", "admin", "--store", "neo4j"]) == 0
        token = capsys.readouterr().out.strip()
        assert authenticate(ledger, token, datetime.now(UTC)) == Principal(f"{tag}-admin", "admin")
        assert cli(["token", f"{tag}-admin", "--role", "viewer", "--store", "neo4j"]) == 2
        assert "exists already" in capsys.readouterr().err
        assert cli(["token", f"{tag}-x", "--role", "admin", "--store", "neo4j", "--ledger", "w.sqlite"]) == 2
        assert "Neo4j keeps whistles itself" in capsys.readouterr().err
    finally:
        ledger.close()
        _remove(bolt_server, tag)


def test_ledger_for_the_embedded_store_is_sqlite(embedded_store: EmbeddedStore, tmp_path: Path) -> None:
    ledger = ledger_for(embedded_store, tmp_path / "whistles.sqlite")
    try:
        assert isinstance(ledger, Ledger) and ledger.path == str(tmp_path / "whistles.sqlite")
    finally:
        ledger.close()


WARM_UP = 30  # acknowledged events before the kill can come
KILL_ROUNDS = 3


def _write_until_killed(server: BoltServer, tag: str, delay: float) -> list[tuple[str, int]]:
    """Run tests/ledger_writer.py, SIGKILL it `delay` seconds after WARM_UP acknowledgements; what it printed."""
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.ledger_writer", server.uri, server.user, server.database, tag],
        cwd=ROOT,
        env={**os.environ, "WHISTLEGRAPH_TEST_PASSWORD": server.password},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    watchdog = threading.Timer(120, child.kill)  # a writer that hangs fails the test instead of the run
    watchdog.start()
    try:
        assert child.stdout is not None
        lines = [child.stdout.readline() for _ in range(WARM_UP)]
        time.sleep(delay)
        os.kill(child.pid, signal.SIGKILL)
        # read through child.stdout, not communicate(): communicate reads the raw pipe and would drop the
        # lines readline() above had already buffered, leaving acknowledged events looking unacknowledged
        assert child.stderr is not None
        rest, errors = child.stdout.read(), child.stderr.read()
        child.wait(timeout=60)
    finally:
        watchdog.cancel()
    assert child.returncode == -signal.SIGKILL, f"the writer ended by itself ({child.returncode}):\n{errors}"
    assert all(lines), f"the writer stopped before {WARM_UP} acknowledgements:\n{errors}"
    printed = lines + rest.splitlines(keepends=True)
    complete = [line.split() for line in printed if line.endswith("\n")]  # a line cut by the kill was not acknowledged
    return [(whistle, int(seq)) for whistle, seq in complete]


@pytest.mark.bolt
def test_acknowledged_writes_survive_kill_9_of_the_writer(bolt_store: Neo4jStore, bolt_server: BoltServer) -> None:
    tag = new_tag()
    try:
        for _ in range(KILL_ROUNDS):
            acknowledged = _write_until_killed(bolt_server, tag, delay=random.uniform(0, 0.5))
            ledger = Neo4jLedger(bolt_server.uri, bolt_server.user, bolt_server.password, bolt_server.database)
            try:
                for whistle in sorted({w for w, _ in acknowledged}):
                    stored = [e.seq for e in ledger.events(whistle)]
                    acked = [seq for w, seq in acknowledged if w == whistle]
                    assert set(acked) <= set(stored), f"{whistle}: acknowledged {acked}, stored {stored}"
                    assert stored == list(range(1, len(stored) + 1))
                    assert len(stored) <= max(acked) + 1  # at most the one write under way when it was killed
            finally:
                ledger.close()
    finally:
        _remove(bolt_server, tag)
