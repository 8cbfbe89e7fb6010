"""The whistle ledger in Neo4j: whistles/ledger_sqlite.py's contract, committed in the graph's own database.

Users who keep the graph in Neo4j browse it there, so the whistle record lives beside it:

    (:Whistle {id, n, street, district, source, blown_at, blown_us, status, outcome, satisfied, called, calls, due_us})
      -[:HAS_EVENT]->(:WhistleEvent {key: whistle#seq, whistle, seq, type, at, actor, data})
    (:Whistle)-[:CALLED]->(:Body|:SunkTeam)      each called body that is a node of the graph
    (:Whistle)-[:AT]->(:Area)                    the place it was blown at
    (:Principal {token_hash, name, role, body, created_at, expires_at, revoked_at, last_used_at})

`data` is the event's JSON text, as in SQLite. The whistle's other properties are its read model
(whistles/record.py Summary), rewritten from the fold of its events in the transaction that
appends them: `calls` (JSON: each call's deadline, report time, missed flag and rating),
`called` (every called body id, so a body filter answers alike whether or not the body is a node),
`due_us` (the earliest deadline the sweep must act on; absent when none) and `blown_us`. Times the
read model compares are integers, microseconds since 1970 UTC. The CALLED relationships are for
people traversing from a department to the whistles that called it. Whistles written before the
read model (no `blown_us`) are filled from their events when a ledger opens.

Every write is one managed transaction and returns only after its commit, so whatever the API
acknowledged is in the server's transaction log. Races are settled by uniqueness constraints
in the database, so they hold across API processes too:
- create reads the highest n and creates W{n+1}; when a concurrent create takes the same n,
  the constraints on Whistle.n and id fail one of the two, which reads again after a random
  pause (CREATE_ATTEMPTS times). Creates through one ledger also take turns on a lock, so only
  other processes compete: without it a busy thread could lose every round (it did on ArcadeDB,
  where the loser learns it at commit, with 8 threads blowing at once).
- append creates WhistleEvent {key: whistle#seq}; the constraint on key lets one writer win
  each seq and gives the others Conflict, as SQLite's primary key does.

Statements are module-level constants listed by all_statements(), linted by
tests/test_cypher_lint.py with the domain graph's statements. find's optional filters are
parameters (`$street IS NULL OR ...`), which no planner turns into an index seek, so each
indexed filter has its own statement starting from its index (FIND) rather than a scan of
every whistle.

ArcadeDB differences (the Bolt server of the suite when no Neo4j is at hand):
- Neo4j fails the statement that breaks a uniqueness constraint (once the first writer has
  committed); ArcadeDB fails the commit. Both raise ConstraintError and write nothing, so the
  handling wraps the whole managed transaction, commit included.
- Until that commit fails, ArcadeDB's lookup of an id that a concurrent create also took can
  come up empty, so create does not check how many events found their whistle (append does).
"""

from __future__ import annotations

import json
import random
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from neo4j import READ_ACCESS, WRITE_ACCESS, Driver, ManagedTransaction, Record, Session
from neo4j.exceptions import ConstraintError, DriverError, Neo4jError

from graph.errors import ArgumentError, StoreError
from graph.neo4j_store import Neo4jStore, acquire_driver, release_driver
from graph.vocabulary import EventType, Label, Outcome, PrincipalRole, WhistleSource, WhistleStatus
from whistles.ledger import (
    DEFAULT_TOKEN_LIFETIME,
    EVERYTHING,
    PRINCIPAL_TAKEN,
    Conflict,
    Filter,
    PrincipalRecord,
)
from whistles.record import Call, Event, Summary, Whistle, from_iso, from_micros, iso, micros

# The ledger's names, besides graph/model.py's domain graph (the linter's schema and tests/bolt.py use them).
WHISTLE, WHISTLE_EVENT, PRINCIPAL = "Whistle", "WhistleEvent", "Principal"
LEDGER_LABELS = (WHISTLE, WHISTLE_EVENT, PRINCIPAL)
LEDGER_EDGE_ENDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "HAS_EVENT": ((WHISTLE,), (WHISTLE_EVENT,)),
    "CALLED": ((WHISTLE,), (Label.BODY, Label.SUNK_TEAM)),
    "AT": ((WHISTLE,), (Label.AREA,)),
}
LEDGER_PROPERTY_KEYS = (
    *("id", "n", "street", "district", "source", "blown_at", "blown_us"),  # Whistle, as blown
    *("status", "outcome", "satisfied", "called", "calls", "due_us"),  # Whistle, its read model
    *("key", "whistle", "seq", "type", "at", "actor", "data", "received_at", "claimed_at"),  # WhistleEvent
    *("token_hash", "name", "role", "body", "created_at", "expires_at", "revoked_at", "last_used_at"),  # Principal
)
# Fields of the parameter rows the statements read (`row.resolved`); a linter cannot tell them from properties.
ROW_FIELDS = (
    *("key", "whistle", "seq", "type", "at", "actor", "data", "body", "received_at", "claimed_at"),
    *("status", "outcome", "satisfied", "called", "calls", "due_us", "blown_us"),
)
BACKFILL_BATCH = 200  # whistles filled per transaction when a ledger from before the read model opens

CREATE_ATTEMPTS = 20  # racing creates: each round one of them wins the next n, the others read again
CREATE_BACKOFF = 0.005  # seconds; the pause before attempt k is random, up to CREATE_BACKOFF * 2**k (at most 1 s)

# Indexed filters of find, most selective first: the first one given starts the match.
FIND_SEEDS = ("street", "district", "source", "status")

SCHEMA: tuple[str, ...] = tuple(
    f"CREATE CONSTRAINT {label.lower()}_{prop} IF NOT EXISTS FOR (n:{label}) REQUIRE n.{prop} IS UNIQUE"
    for label, prop in (
        (WHISTLE, "id"),
        (WHISTLE, "n"),
        (WHISTLE_EVENT, "key"),
        (PRINCIPAL, "token_hash"),
        (PRINCIPAL, "name"),
    )
) + tuple(
    f"CREATE INDEX whistle_{prop} IF NOT EXISTS FOR (n:{WHISTLE}) ON (n.{prop})"
    for prop in (*FIND_SEEDS, "blown_us", "due_us")
)

# -- writes -----------------------------------------------------------------------------------

# Neo4j can answer this from the end of the unique index on n (the IS NOT NULL lets it use the index).
HIGHEST_N = """MATCH (w:Whistle)
WHERE w.n IS NOT NULL
RETURN w.n AS n
ORDER BY n DESC
LIMIT 1"""

CREATE_WHISTLE = """CREATE (:Whistle {id: $id, n: $n, street: $street, district: $district, source: $source,
                  blown_at: $blown_at, blown_us: $blown_us})"""

LINK_PLACE = """MATCH (w:Whistle {id: $id})
MATCH (a:Area {id: $place})
CREATE (w)-[:AT]->(a)"""

INSERT_EVENTS = """UNWIND $rows AS row
MATCH (w:Whistle {id: row.whistle})
CREATE (w)-[:HAS_EVENT]->(:WhistleEvent {key: row.key, whistle: row.whistle, seq: row.seq, type: row.type,
                                         at: row.at, actor: row.actor, data: row.data,
                                         received_at: row.received_at, claimed_at: row.claimed_at})
RETURN count(*) AS written"""

# The read model SQLite keeps in `whistles` and `calls` (null removes a property: no due_us when nothing is due).
SET_SUMMARIES = """UNWIND $rows AS row
MATCH (w:Whistle {id: row.whistle})
SET w.status = row.status, w.outcome = row.outcome, w.satisfied = row.satisfied, w.called = row.called,
    w.calls = row.calls, w.due_us = row.due_us, w.blown_us = coalesce(w.blown_us, row.blown_us)"""

# Whistles from before the read model, to fill from their events.
UNFILLED = """MATCH (w:Whistle)
WHERE w.blown_us IS NULL
RETURN w.id AS id
LIMIT $limit"""

# One index seek per label the model gives a called body (as graph/neo4j_store.py finds a node).
LINK_CALLED = """UNWIND $rows AS row
MATCH (w:Whistle {id: row.whistle})
OPTIONAL MATCH (body:Body {id: row.body})
OPTIONAL MATCH (team:SunkTeam {id: row.body})
WITH w, coalesce(body, team) AS b
WHERE b IS NOT NULL
MERGE (w)-[:CALLED]->(b)"""

ADD_PRINCIPAL = """CREATE (:Principal {token_hash: $token_hash, name: $name, role: $role, body: $body,
                    created_at: $created_at, expires_at: $expires_at})"""

# Tokens stored before lifetimes existed get the default one (whistles/ledger.py) when a ledger first opens.
LIMIT_PRINCIPALS = """MATCH (p:Principal)
WHERE p.expires_at IS NULL
SET p.expires_at = $expires_at"""

REVOKE_PRINCIPAL = """MATCH (p:Principal {name: $name})
SET p.revoked_at = coalesce(p.revoked_at, $at)
RETURN p.name AS name, p.role AS role, p.body AS body, p.created_at AS created_at, p.expires_at AS expires_at,
       p.revoked_at AS revoked_at, p.last_used_at AS last_used_at"""

TOUCH_PRINCIPAL = """MATCH (p:Principal {token_hash: $token_hash})
SET p.last_used_at = $at"""

# -- reads ------------------------------------------------------------------------------------

EVENTS = """UNWIND $whistles AS id
MATCH (:Whistle {id: id})-[:HAS_EVENT]->(e:WhistleEvent)
RETURN e.whistle AS whistle, e.seq AS seq, e.type AS type, e.at AS at, e.actor AS actor, e.data AS data,
       e.received_at AS received_at, e.claimed_at AS claimed_at
ORDER BY whistle, seq"""

_FIND_FILTERS = """($street IS NULL OR w.street = $street)
  AND ($district IS NULL OR w.district = $district)
  AND ($bodies IS NULL OR any(b IN $bodies WHERE b IN w.called))
  AND ($status IS NULL OR w.status = $status)
  AND ($source IS NULL OR w.source = $source)
  AND ($since IS NULL OR w.blown_us >= $since)
  AND ($until IS NULL OR w.blown_us < $until)"""
_SUMMARY = """w.id AS id, w.street AS street, w.source AS source, w.status AS status, w.outcome AS outcome,
       w.satisfied AS satisfied, w.calls AS calls"""


def _find(seed: str, returns: str) -> str:
    start = f"MATCH (w:Whistle {{{seed}: ${seed}}})" if seed else "MATCH (w:Whistle)"
    return f"{start}\nWHERE {_FIND_FILTERS}\nRETURN {returns}\nORDER BY w.blown_us, w.n"


FIND: dict[str, str] = {seed: _find(seed, "w.id AS id") for seed in (*FIND_SEEDS, "")}
SUMMARIES: dict[str, str] = {seed: _find(seed, _SUMMARY) for seed in (*FIND_SEEDS, "")}

# The sweep's question, a range seek on the due_us index.
DUE = """MATCH (w:Whistle)
WHERE w.due_us < $now
RETURN w.id AS id
ORDER BY w.due_us, w.n"""

PRINCIPAL_BY_HASH = """MATCH (p:Principal {token_hash: $token_hash})
RETURN p.name AS name, p.role AS role, p.body AS body, p.created_at AS created_at, p.expires_at AS expires_at,
       p.revoked_at AS revoked_at, p.last_used_at AS last_used_at"""

PRINCIPALS = """MATCH (p:Principal)
RETURN p.name AS name, p.role AS role, p.body AS body, p.created_at AS created_at, p.expires_at AS expires_at,
       p.revoked_at AS revoked_at, p.last_used_at AS last_used_at
ORDER BY name"""


def all_statements() -> dict[str, str]:
    """Every statement this module can send, by a readable name (for the linter)."""
    out = {f"SCHEMA[{i}]": q for i, q in enumerate(SCHEMA)}
    out |= {f"FIND[{seed or '-'}]": q for seed, q in FIND.items()}
    out |= {f"SUMMARIES[{seed or '-'}]": q for seed, q in SUMMARIES.items()}
    out |= {
        "HIGHEST_N": HIGHEST_N,
        "CREATE_WHISTLE": CREATE_WHISTLE,
        "LINK_PLACE": LINK_PLACE,
        "INSERT_EVENTS": INSERT_EVENTS,
        "SET_SUMMARIES": SET_SUMMARIES,
        "UNFILLED": UNFILLED,
        "DUE": DUE,
        "LINK_CALLED": LINK_CALLED,
        "ADD_PRINCIPAL": ADD_PRINCIPAL,
        "EVENTS": EVENTS,
        "PRINCIPAL_BY_HASH": PRINCIPAL_BY_HASH,
        "PRINCIPALS": PRINCIPALS,
        "LIMIT_PRINCIPALS": LIMIT_PRINCIPALS,
        "REVOKE_PRINCIPAL": REVOKE_PRINCIPAL,
        "TOUCH_PRINCIPAL": TOUCH_PRINCIPAL,
    }
    return out


# -- the ledger -------------------------------------------------------------------------------


class Neo4jLedger:
    """The durable record of whistles (and the hashed API tokens) in a Neo4j database."""

    def __init__(self, uri: str, user: str, password: str | None, database: str = "neo4j") -> None:
        """Connect and create the constraints; without a password, share the driver an open store holds."""
        self.uri = uri
        self.user = user
        self.database = database
        self.path = f"{uri} (database {database})"
        self._create_lock = threading.Lock()
        self._driver: Driver | None = acquire_driver(uri, user, password)
        try:
            with self._session() as session:
                for statement in SCHEMA:
                    session.run(statement).consume()
                while session.execute_write(_backfill):
                    pass
                expires = iso(datetime.now(UTC) + DEFAULT_TOKEN_LIFETIME)
                session.execute_write(lambda tx: tx.run(LIMIT_PRINCIPALS, expires_at=expires).consume())
        except (Neo4jError, DriverError) as exc:
            self.close()
            raise StoreError(f"cannot prepare the whistle ledger in database {database!r} at {uri}: {exc}") from exc

    @classmethod
    def beside(cls, store: Neo4jStore) -> Neo4jLedger:
        """The ledger in the store's database, over the store's driver."""
        return cls(store.uri, store.user, None, store.database)

    def close(self) -> None:
        if self._driver is not None:
            self._driver = None
            release_driver(self.uri, self.user)

    def _session(self, read: bool = False) -> Session:
        if self._driver is None:
            raise StoreError("the whistle ledger is closed")
        return self._driver.session(
            database=self.database, default_access_mode=READ_ACCESS if read else WRITE_ACCESS, fetch_size=-1
        )

    def _read(self, query: str, **params: Any) -> list[Record]:
        try:
            with self._session(read=True) as session:
                return session.execute_read(lambda tx: list(tx.run(query, params)))
        except (Neo4jError, DriverError) as exc:
            raise StoreError(f"the whistle ledger could not answer: {exc}") from exc

    # -- whistles ---------------------------------------------------------------------------

    def create(self, build: Callable[[str], list[Event]]) -> list[Event]:
        """Allocate the next whistle id, build its first events with it, and store them at once."""
        refused: ConstraintError | None = None
        with self._create_lock:
            for attempt in range(CREATE_ATTEMPTS):
                if attempt:
                    time.sleep(random.uniform(0, min(1.0, CREATE_BACKOFF * 2**attempt)))
                try:
                    with self._session() as session:
                        return session.execute_write(_create, build)
                except ConstraintError as exc:  # another process took this n: read the highest again
                    refused = exc
                except (Neo4jError, DriverError) as exc:
                    raise StoreError(f"the whistle ledger refused the new whistle; nothing was written: {exc}") from exc
        raise StoreError(f"no free whistle id after {CREATE_ATTEMPTS} attempts; nothing was written: {refused}")

    def append(self, events: list[Event]) -> None:
        """Append to an existing whistle; Conflict when another writer took one of these seqs."""
        if not events:
            return
        try:
            with self._session() as session:
                session.execute_write(_append, events)
        except ConstraintError as exc:
            raise Conflict(exc.message or str(exc)) from None
        except (Neo4jError, DriverError) as exc:
            # A server that detects the race at commit rather than on the unique seq (ArcadeDB's MVCC says a record
            # is missing) still lost it to another writer: the seqs are taken now, which is what Conflict means.
            if self._taken(events):
                raise Conflict(f"another writer appended seq {events[0].seq} first") from None
            raise StoreError(f"the whistle ledger refused the events; nothing was written: {exc}") from exc

    def _taken(self, events: list[Event]) -> bool:
        wanted = {e.seq for e in events}
        try:
            return any(e.seq in wanted for e in self.events(events[0].whistle))
        except StoreError:
            return False

    def events(self, whistle: str) -> list[Event]:
        return _to_events(self._read(EVENTS, whistles=[whistle]))

    def find(self, which: Filter = EVERYTHING) -> list[str]:
        """Whistle ids, oldest first."""
        seed, params = _filter(which)
        return [r["id"] for r in self._read(FIND[seed], **params)]

    def summaries(self, which: Filter = EVERYTHING) -> list[Summary]:
        """The read model of those whistles, oldest first (one query, no events replayed)."""
        seed, params = _filter(which)
        return [_summary(r) for r in self._read(SUMMARIES[seed], **params)]

    def due(self, now: datetime) -> list[str]:
        return [r["id"] for r in self._read(DUE, now=micros(now))]

    # -- principals ---------------------------------------------------------------------------

    def add_principal(
        self, token_hash: str, name: str, role: PrincipalRole, body: str, created_at: datetime, expires_at: datetime
    ) -> None:
        """ArgumentError when the name (or, by a 2^-256 chance, the token) is taken already."""
        params = {"token_hash": token_hash, "name": name, "role": role, "body": body, "created_at": iso(created_at)}
        params["expires_at"] = iso(expires_at)
        try:
            with self._session() as session:
                session.execute_write(lambda tx: tx.run(ADD_PRINCIPAL, params).consume())
        except ConstraintError:
            raise ArgumentError("name", name, PRINCIPAL_TAKEN) from None
        except (Neo4jError, DriverError) as exc:
            raise StoreError(f"the whistle ledger refused the principal; nothing was written: {exc}") from exc

    def principal(self, token_hash: str) -> PrincipalRecord | None:
        rows = self._read(PRINCIPAL_BY_HASH, token_hash=token_hash)
        return _principal(rows[0]) if rows else None

    def principals(self) -> list[PrincipalRecord]:
        return [_principal(r) for r in self._read(PRINCIPALS)]

    def revoke_principal(self, name: str, at: datetime) -> PrincipalRecord | None:
        rows = self._write(REVOKE_PRINCIPAL, name=name, at=iso(at))
        return _principal(rows[0]) if rows else None

    def touch_principal(self, token_hash: str, at: datetime) -> None:
        self._write(TOUCH_PRINCIPAL, token_hash=token_hash, at=iso(at))

    def _write(self, query: str, **params: Any) -> list[Record]:
        try:
            with self._session() as session:
                return session.execute_write(lambda tx: list(tx.run(query, params)))
        except (Neo4jError, DriverError) as exc:
            raise StoreError(f"the whistle ledger refused the change; nothing was written: {exc}") from exc


# -- transaction functions (a managed transaction may run one again after a transient error) ---


def _create(tx: ManagedTransaction, build: Callable[[str], list[Event]]) -> list[Event]:
    highest = tx.run(HIGHEST_N).single()
    n = (highest["n"] if highest else 0) + 1
    events = build(f"W{n:06d}")
    blown = events[0]
    assert blown.type == EventType.BLOWN and blown.seq == 1
    d = blown.data
    tx.run(
        CREATE_WHISTLE,
        id=blown.whistle,
        n=n,
        street=d["street"],
        district=d["district"],
        source=d["source"],
        blown_at=iso(blown.at),
        blown_us=micros(blown.at),
    ).consume()
    tx.run(LINK_PLACE, id=blown.whistle, place=d["place"]).consume()
    _insert(tx, events)  # not counted: see "ArcadeDB differences" above
    _set_summaries(tx, [Whistle.fold(events)])
    return events


def _append(tx: ManagedTransaction, events: list[Event]) -> None:
    if _insert(tx, events) != len(events):
        whistles = sorted({e.whistle for e in events})
        raise StoreError(f"no whistle {' or '.join(whistles)} to append to; nothing was written")
    _refold(tx, sorted({e.whistle for e in events}))


def _backfill(tx: ManagedTransaction) -> bool:
    """Fill one batch of whistles from before the read model; False when none is left."""
    ids = [r["id"] for r in tx.run(UNFILLED, limit=BACKFILL_BATCH)]
    return _refold(tx, ids) > 0


def _refold(tx: ManagedTransaction, whistles: list[str]) -> int:
    """Rewrite these whistles' read model from their events as this transaction sees them; how many had events."""
    by_whistle: dict[str, list[Event]] = {}
    for e in _to_events(list(tx.run(EVENTS, whistles=whistles))):
        by_whistle.setdefault(e.whistle, []).append(e)
    _set_summaries(tx, [Whistle.fold(events) for events in by_whistle.values()])
    return len(by_whistle)


def _insert(tx: ManagedTransaction, events: list[Event]) -> int:
    """The events and the CALLED relationships they add; how many events found their whistle."""
    rows = [
        {
            "key": f"{e.whistle}#{e.seq}",
            "whistle": e.whistle,
            "seq": e.seq,
            "type": e.type,
            "at": iso(e.at),
            "actor": e.actor,
            "data": json.dumps(e.data, ensure_ascii=False, sort_keys=True),
            "received_at": None if e.received_at is None else iso(e.received_at),
            "claimed_at": None if e.claimed_at is None else iso(e.claimed_at),
        }
        for e in events
    ]
    written: int = tx.run(INSERT_EVENTS, rows=rows).single(strict=True)["written"]
    calls = [{"whistle": e.whistle, "body": e.data["body"]} for e in events if e.type == EventType.CALLED]
    if calls:
        tx.run(LINK_CALLED, rows=calls).consume()
    return written


def _set_summaries(tx: ManagedTransaction, folded: list[Whistle]) -> None:
    rows = []
    for w in folded:
        s = w.summary()
        due = s.due
        ratings = dict(s.ratings)
        calls = [
            {
                **{"body": c.body, "name": c.name, "tier": c.tier, "role": c.role, "reason": c.reason},
                **{"called_us": micros(c.called_at), "deadline_us": micros(c.deadline), "missed": c.missed},
                "reported_us": micros(c.reported_at) if c.reported_at else None,
                **{"on_site": c.on_site, "rating": ratings.get(c.body)},
            }
            for c in s.calls
        ]
        rows.append(
            {
                **{"whistle": s.id, "status": s.status, "outcome": s.outcome, "satisfied": s.satisfied},
                **{"called": [c.body for c in s.calls], "calls": json.dumps(calls, ensure_ascii=False)},
                **{"due_us": micros(due) if due else None, "blown_us": micros(w.blown_at)},
            }
        )
    if rows:
        tx.run(SET_SUMMARIES, rows=rows).consume()


def _to_events(records: list[Record]) -> list[Event]:
    return [
        Event(
            *(r["whistle"], r["seq"], EventType(r["type"]), from_iso(r["at"]), r["actor"], json.loads(r["data"])),
            *(None if r[key] is None else from_iso(r[key]) for key in ("received_at", "claimed_at")),
        )
        for r in records
    ]


def _filter(which: Filter) -> tuple[str, dict[str, Any]]:
    """The FIND/SUMMARIES seed and the parameters: "" filters nothing, as in SQLite."""
    params: dict[str, Any] = {
        "street": which.street or None,
        "district": which.district or None,
        "bodies": sorted(which.bodies) if which.bodies else None,
        "status": which.status or None,
        "source": which.source or None,
        "since": micros(which.since) if which.since else None,
        "until": micros(which.until) if which.until else None,
    }
    return next((name for name in FIND_SEEDS if params[name]), ""), params


def _principal(r: Record) -> PrincipalRecord:
    return PrincipalRecord(
        *(r["name"], PrincipalRole(r["role"]), r["body"], from_iso(r["created_at"]), from_iso(r["expires_at"])),
        *(None if r[key] is None else from_iso(r[key]) for key in ("revoked_at", "last_used_at")),
    )


def _summary(r: Record) -> Summary:
    calls = json.loads(r["calls"])
    return Summary(
        id=r["id"],
        street=r["street"],
        source=WhistleSource(r["source"]),
        status=WhistleStatus(r["status"]),
        outcome=Outcome(r["outcome"]) if r["outcome"] else None,
        satisfied=r["satisfied"],
        calls=tuple(
            Call(
                body=c["body"],
                name=c["name"],
                tier=c["tier"],
                role=c["role"],
                called_at=from_micros(c["called_us"]),
                deadline=from_micros(c["deadline_us"]),
                reason=c["reason"],
                reported_at=None if c["reported_us"] is None else from_micros(c["reported_us"]),
                on_site=c["on_site"],
                missed=c["missed"],
            )
            for c in calls
        ),
        ratings=tuple(sorted((c["body"], c["rating"]) for c in calls if c["rating"] is not None)),
    )
