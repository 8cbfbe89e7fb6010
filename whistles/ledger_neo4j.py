"""The whistle ledger in Neo4j: whistles/ledger_sqlite.py's contract, committed in the graph's own database.

Users who keep the graph in Neo4j browse it there, so the whistle record lives beside it:

    (:Whistle {id, n, street, district, source, status, blown_at, called})
      -[:HAS_EVENT]->(:WhistleEvent {key: whistle#seq, whistle, seq, type, at, actor, data})
    (:Whistle)-[:CALLED]->(:Body|:SunkTeam)      each called body that is a node of the graph
    (:Whistle)-[:AT]->(:Area)                    the place it was blown at
    (:Principal {token_hash, name, role, body, created_at})

`data` is the event's JSON text, as in SQLite. A whistle's `called` lists every called body id,
so find(body=...) answers alike whether or not the body is a node; the CALLED relationships
are for people traversing from a department to the whistles that called it.

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
from typing import Any

from neo4j import READ_ACCESS, WRITE_ACCESS, Driver, ManagedTransaction, Record, Session
from neo4j.exceptions import ConstraintError, DriverError, Neo4jError

from graph.errors import ArgumentError, StoreError
from graph.model import AREA, BODY, SUNK_TEAM
from graph.neo4j_store import Neo4jStore, acquire_driver, release_driver
from whistles.ledger import PRINCIPAL_TAKEN, Conflict, PrincipalRecord
from whistles.record import BLOWN, CALLED, RESOLVED, Event

# The ledger's names, besides graph/model.py's domain graph (the linter's schema and tests/bolt.py use them).
WHISTLE, WHISTLE_EVENT, PRINCIPAL = "Whistle", "WhistleEvent", "Principal"
LEDGER_LABELS = (WHISTLE, WHISTLE_EVENT, PRINCIPAL)
LEDGER_EDGE_ENDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "HAS_EVENT": ((WHISTLE,), (WHISTLE_EVENT,)),
    "CALLED": ((WHISTLE,), (BODY, SUNK_TEAM)),
    "AT": ((WHISTLE,), (AREA,)),
}
LEDGER_PROPERTY_KEYS = (
    *("id", "n", "street", "district", "source", "status", "blown_at", "called"),  # Whistle
    *("key", "whistle", "seq", "type", "at", "actor", "data"),  # WhistleEvent
    *("token_hash", "name", "role", "body", "created_at"),  # Principal
)
# Fields of the parameter rows the statements read (`row.resolved`); a linter cannot tell them from properties.
ROW_FIELDS = ("key", "whistle", "seq", "type", "at", "actor", "data", "called", "resolved", "body")

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
    f"CREATE INDEX whistle_{prop} IF NOT EXISTS FOR (n:{WHISTLE}) ON (n.{prop})" for prop in (*FIND_SEEDS, "blown_at")
)

# -- writes -----------------------------------------------------------------------------------

# Neo4j can answer this from the end of the unique index on n (the IS NOT NULL lets it use the index).
HIGHEST_N = """MATCH (w:Whistle)
WHERE w.n IS NOT NULL
RETURN w.n AS n
ORDER BY n DESC
LIMIT 1"""

CREATE_WHISTLE = """CREATE (:Whistle {id: $id, n: $n, street: $street, district: $district, source: $source,
                  status: 'open', blown_at: $blown_at})"""

LINK_PLACE = """MATCH (w:Whistle {id: $id})
MATCH (a:Area {id: $place})
CREATE (w)-[:AT]->(a)"""

INSERT_EVENTS = """UNWIND $rows AS row
MATCH (w:Whistle {id: row.whistle})
CREATE (w)-[:HAS_EVENT]->(:WhistleEvent {key: row.key, whistle: row.whistle, seq: row.seq, type: row.type,
                                         at: row.at, actor: row.actor, data: row.data})
RETURN count(*) AS written"""

# The whistle columns SQLite keeps in `whistles` and `calls`: called bodies, and the status.
UPDATE_WHISTLES = """UNWIND $rows AS row
MATCH (w:Whistle {id: row.whistle})
SET w.called = coalesce(w.called, []) + [b IN row.called WHERE NOT b IN coalesce(w.called, [])],
    w.status = CASE WHEN row.resolved THEN 'resolved' ELSE w.status END"""

# One index seek per label the model gives a called body (as graph/neo4j_store.py finds a node).
LINK_CALLED = """UNWIND $rows AS row
MATCH (w:Whistle {id: row.whistle})
OPTIONAL MATCH (body:Body {id: row.body})
OPTIONAL MATCH (team:SunkTeam {id: row.body})
WITH w, coalesce(body, team) AS b
WHERE b IS NOT NULL
MERGE (w)-[:CALLED]->(b)"""

ADD_PRINCIPAL = """CREATE (:Principal {token_hash: $token_hash, name: $name, role: $role, body: $body,
                    created_at: $created_at})"""

# -- reads ------------------------------------------------------------------------------------

EVENTS = """MATCH (:Whistle {id: $whistle})-[:HAS_EVENT]->(e:WhistleEvent)
RETURN e.whistle AS whistle, e.seq AS seq, e.type AS type, e.at AS at, e.actor AS actor, e.data AS data
ORDER BY seq"""

_FIND_FILTERS = """($street IS NULL OR w.street = $street)
  AND ($district IS NULL OR w.district = $district)
  AND ($body IS NULL OR $body IN w.called)
  AND ($status IS NULL OR w.status = $status)
  AND ($source IS NULL OR w.source = $source)
  AND ($since IS NULL OR w.blown_at >= $since)
  AND ($until IS NULL OR w.blown_at < $until)"""


def _find(seed: str) -> str:
    start = f"MATCH (w:Whistle {{{seed}: ${seed}}})" if seed else "MATCH (w:Whistle)"
    return f"{start}\nWHERE {_FIND_FILTERS}\nRETURN w.id AS id\nORDER BY w.blown_at, w.n"


FIND: dict[str, str] = {seed: _find(seed) for seed in (*FIND_SEEDS, "")}

PRINCIPAL_BY_HASH = """MATCH (p:Principal {token_hash: $token_hash})
RETURN p.name AS name, p.role AS role, p.body AS body"""


def all_statements() -> dict[str, str]:
    """Every statement this module can send, by a readable name (for the linter)."""
    out = {f"SCHEMA[{i}]": q for i, q in enumerate(SCHEMA)}
    out |= {f"FIND[{seed or '-'}]": q for seed, q in FIND.items()}
    out |= {
        "HIGHEST_N": HIGHEST_N,
        "CREATE_WHISTLE": CREATE_WHISTLE,
        "LINK_PLACE": LINK_PLACE,
        "INSERT_EVENTS": INSERT_EVENTS,
        "UPDATE_WHISTLES": UPDATE_WHISTLES,
        "LINK_CALLED": LINK_CALLED,
        "ADD_PRINCIPAL": ADD_PRINCIPAL,
        "EVENTS": EVENTS,
        "PRINCIPAL_BY_HASH": PRINCIPAL_BY_HASH,
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
            raise StoreError(f"the whistle ledger refused the events; nothing was written: {exc}") from exc

    def events(self, whistle: str) -> list[Event]:
        return [
            Event(r["whistle"], r["seq"], r["type"], r["at"], r["actor"], json.loads(r["data"]))
            for r in self._read(EVENTS, whistle=whistle)
        ]

    def find(
        self,
        street: str | None = None,
        district: str | None = None,
        body: str | None = None,
        status: str | None = None,
        source: str | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> list[str]:
        """Whistle ids, oldest first, filtered by place, called body, status, source and blow time [since, until)."""
        given = {
            "street": street,
            "district": district,
            "body": body,
            "status": status,
            "source": source,
            "since": since,
            "until": until,
        }
        params = {name: value or None for name, value in given.items()}  # "" filters nothing, as in SQLite
        seed = next((name for name in FIND_SEEDS if params[name]), "")
        return [r["id"] for r in self._read(FIND[seed], **params)]

    # -- principals ---------------------------------------------------------------------------

    def add_principal(self, token_hash: str, name: str, role: str, body: str, created_at: str) -> None:
        """ArgumentError when the name (or, by a 2^-256 chance, the token) is taken already."""
        params = {"token_hash": token_hash, "name": name, "role": role, "body": body, "created_at": created_at}
        try:
            with self._session() as session:
                session.execute_write(lambda tx: tx.run(ADD_PRINCIPAL, params).consume())
        except ConstraintError:
            raise ArgumentError("name", name, PRINCIPAL_TAKEN) from None
        except (Neo4jError, DriverError) as exc:
            raise StoreError(f"the whistle ledger refused the principal; nothing was written: {exc}") from exc

    def principal(self, token_hash: str) -> PrincipalRecord | None:
        rows = self._read(PRINCIPAL_BY_HASH, token_hash=token_hash)
        return PrincipalRecord(rows[0]["name"], rows[0]["role"], rows[0]["body"]) if rows else None


# -- transaction functions (a managed transaction may run one again after a transient error) ---


def _create(tx: ManagedTransaction, build: Callable[[str], list[Event]]) -> list[Event]:
    highest = tx.run(HIGHEST_N).single()
    n = (highest["n"] if highest else 0) + 1
    events = build(f"W{n:06d}")
    blown = events[0]
    assert blown.type == BLOWN and blown.seq == 1
    d = blown.data
    tx.run(
        CREATE_WHISTLE,
        id=blown.whistle,
        n=n,
        street=d["street"],
        district=d["district"],
        source=d["source"],
        blown_at=blown.at,
    ).consume()
    tx.run(LINK_PLACE, id=blown.whistle, place=d["place"]).consume()
    _insert(tx, events)  # not counted: see "ArcadeDB differences" above
    return events


def _append(tx: ManagedTransaction, events: list[Event]) -> None:
    if _insert(tx, events) != len(events):
        whistles = sorted({e.whistle for e in events})
        raise StoreError(f"no whistle {' or '.join(whistles)} to append to; nothing was written")


def _insert(tx: ManagedTransaction, events: list[Event]) -> int:
    """The events, and the whistle properties and relationships they change; how many events found their whistle."""
    rows = [
        {
            "key": f"{e.whistle}#{e.seq}",
            "whistle": e.whistle,
            "seq": e.seq,
            "type": e.type,
            "at": e.at,
            "actor": e.actor,
            "data": json.dumps(e.data, ensure_ascii=False, sort_keys=True),
        }
        for e in events
    ]
    written: int = tx.run(INSERT_EVENTS, rows=rows).single(strict=True)["written"]
    calls = [{"whistle": e.whistle, "body": e.data["body"]} for e in events if e.type == CALLED]
    changed: dict[str, dict[str, Any]] = {}
    for e in events:
        if e.type in (CALLED, RESOLVED):
            row = changed.setdefault(e.whistle, {"whistle": e.whistle, "called": [], "resolved": False})
            if e.type == RESOLVED:
                row["resolved"] = True
            elif e.data["body"] not in row["called"]:
                row["called"].append(e.data["body"])
    if changed:
        tx.run(UPDATE_WHISTLES, rows=list(changed.values())).consume()
    if calls:
        tx.run(LINK_CALLED, rows=calls).consume()
    return written
