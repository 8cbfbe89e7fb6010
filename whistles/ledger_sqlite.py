"""Where whistle records and API principals are kept: SQLite in WAL mode, fsync on every commit.

A write returns only after its transaction is durable (synchronous=FULL), so whatever the
API acknowledged survives `kill -9` at any moment. Events are append-only and keyed by
(whistle, seq): two writers racing on one whistle cannot both win. Reads take the same lock
as writes: on the one shared connection a read would otherwise see another thread's open
transaction (a whistle row without its events, or rows a rollback then removes).

Beside the events, in the transaction that appends them, each whistle's summary (whistles/record.py Summary: its
status, outcome, callback, and a row per call with deadline, report time and rating) is rewritten from the fold of
its events: the read model that the sweep (an index on the earliest open deadline), the lists and the figures
query instead of replaying every whistle. A file from before the read model gets its columns and is filled from
its events when first opened.

When the graph is in Neo4j, whistles/ledger_neo4j.py keeps the same record there instead.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from graph.errors import ArgumentError, StoreError
from graph.vocabulary import EventType, Outcome, PrincipalRole, WhistleSource, WhistleStatus
from whistles.ledger import (
    DEFAULT_TOKEN_LIFETIME,
    EVERYTHING,
    PRINCIPAL_TAKEN,
    Conflict,
    Filter,
    PrincipalRecord,
)
from whistles.record import Call, Event, Summary, Whistle, from_iso, from_micros, iso, micros

# Times in the read model (columns ending _us) are microseconds since 1970, UTC: compared as numbers.
_SCHEMA = """
CREATE TABLE IF NOT EXISTS events (
  whistle TEXT NOT NULL, seq INTEGER NOT NULL, type TEXT NOT NULL, at TEXT NOT NULL,
  actor TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (whistle, seq));
CREATE TABLE IF NOT EXISTS whistles (
  id TEXT PRIMARY KEY, n INTEGER UNIQUE NOT NULL, street TEXT NOT NULL, district TEXT NOT NULL,
  source TEXT NOT NULL, status TEXT NOT NULL, blown_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS calls (whistle TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (body, whistle));
CREATE TABLE IF NOT EXISTS principals (
  token_hash TEXT PRIMARY KEY, name TEXT UNIQUE NOT NULL, role TEXT NOT NULL, body TEXT NOT NULL,
  created_at TEXT NOT NULL);
"""
# The read model's columns, added to files from before it (ALTER TABLE) and filled from their events once.
_READ_MODEL_COLUMNS = {
    "whistles": ("blown_us INTEGER", "outcome TEXT", "satisfied INTEGER", "due_us INTEGER"),
    "calls": (
        *("ord INTEGER", "name TEXT", "tier TEXT", "role TEXT", "reason TEXT", "called_us INTEGER"),
        *("deadline_us INTEGER", "reported_us INTEGER", "on_site INTEGER", "missed INTEGER", "rating INTEGER"),
    ),
}
_READ_MODEL_INDEXES = (
    "CREATE INDEX IF NOT EXISTS whistles_street_us ON whistles (street, blown_us)",
    "CREATE INDEX IF NOT EXISTS whistles_blown_us ON whistles (blown_us)",
    "CREATE INDEX IF NOT EXISTS whistles_due ON whistles (due_us) WHERE due_us IS NOT NULL",
)
# Columns added since, to files from before them: when the server received an event and the time it claimed (both
# NULL on events recorded before); a token's expiry, revocation and last use (NULL expiry: see _prepare_read_model).
_ADDED_COLUMNS = {
    "events": ("received_at TEXT", "claimed_at TEXT"),
    "principals": ("expires_at TEXT", "revoked_at TEXT", "last_used_at TEXT"),
}
READ_MODEL_VERSION = 1  # PRAGMA user_version once the read model is filled

T = TypeVar("T")


class Ledger:
    """The durable record of whistles (and the hashed API tokens)."""

    def __init__(self, path: Path | str) -> None:
        self.path = str(path)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.executescript(_SCHEMA)
        self._write(_prepare_read_model)

    def close(self) -> None:
        self._db.close()

    def _write(self, work: Callable[[sqlite3.Connection], T]) -> T:
        with self._lock:
            db = self._db
            db.execute("BEGIN IMMEDIATE")
            try:
                result = work(db)
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
            return result

    # -- whistles ---------------------------------------------------------------------------

    def create(self, build: Callable[[str], list[Event]]) -> list[Event]:
        """Allocate the next whistle id, build its first events with it, and store them (and its summary) at once."""

        def work(db: sqlite3.Connection) -> list[Event]:
            n = db.execute("SELECT COALESCE(MAX(n), 0) + 1 FROM whistles").fetchone()[0]
            events = build(f"W{n:06d}")
            blown = events[0]
            assert blown.type == EventType.BLOWN and blown.seq == 1
            db.execute(
                "INSERT INTO whistles (id, n, street, district, source, status, blown_at, blown_us)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    *(blown.whistle, n, blown.data["street"], blown.data["district"], blown.data["source"]),
                    *(WhistleStatus.OPEN, iso(blown.at), micros(blown.at)),
                ),
            )
            _insert(db, events)
            _store_summary(db, Whistle.fold(events).summary())
            return events

        return self._write(work)

    def append(self, events: list[Event]) -> None:
        """Append to existing whistles and rewrite their summaries; Conflict when another writer took one of these
        seqs."""
        if not events:
            return

        def work(db: sqlite3.Connection) -> None:
            whistles = sorted({e.whistle for e in events})
            for whistle in whistles:
                if db.execute("SELECT 1 FROM whistles WHERE id = ?", (whistle,)).fetchone() is None:
                    raise StoreError(f"no whistle {whistle!r} to append to")
            _insert(db, events)
            for whistle in whistles:
                _store_summary(db, Whistle.fold(_events(db, whistle)).summary())

        try:
            self._write(work)
        except sqlite3.IntegrityError as err:
            raise Conflict(str(err)) from None

    def _read(self, sql: str, args: Iterable[Any]) -> list[tuple[Any, ...]]:
        """Committed rows only: waits for a write in progress (see the module docstring)."""
        with self._lock:
            return self._db.execute(sql, tuple(args)).fetchall()

    def events(self, whistle: str) -> list[Event]:
        with self._lock:
            return _events(self._db, whistle)

    def find(self, which: Filter = EVERYTHING) -> list[str]:
        """Whistle ids, oldest first."""
        where, args = _where(which)
        return [row[0] for row in self._read(f"SELECT w.id FROM whistles w{where} ORDER BY w.blown_us, w.n", args)]

    def summaries(self, which: Filter = EVERYTHING) -> list[Summary]:
        """The read model of those whistles, oldest first (two indexed queries, no events replayed)."""
        where, args = _where(which)
        with self._lock:
            found = self._db.execute(
                f"SELECT w.id, w.street, w.source, w.status, w.outcome, w.satisfied FROM whistles w{where}"
                " ORDER BY w.blown_us, w.n",
                args,
            ).fetchall()
            rows = self._db.execute(
                "SELECT whistle, body, name, tier, role, called_us, deadline_us, reason, reported_us, on_site, missed,"
                f" rating FROM calls WHERE whistle IN (SELECT w.id FROM whistles w{where}) ORDER BY whistle, ord",
                args,
            ).fetchall()
        calls: dict[str, list[tuple[Any, ...]]] = {}
        for row in rows:
            calls.setdefault(row[0], []).append(row[1:])
        return [_summary(w, calls.get(w[0], [])) for w in found]

    def due(self, now: datetime) -> list[str]:
        rows = self._read("SELECT id FROM whistles WHERE due_us < ? ORDER BY due_us, n", (micros(now),))
        return [row[0] for row in rows]

    # -- principals ---------------------------------------------------------------------------

    def add_principal(
        self, token_hash: str, name: str, role: PrincipalRole, body: str, created_at: datetime, expires_at: datetime
    ) -> None:
        """ArgumentError when the name (or, by a 2^-256 chance, the token) is taken already."""
        try:
            self._write(
                lambda db: db.execute(
                    "INSERT INTO principals (token_hash, name, role, body, created_at, expires_at)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    (token_hash, name, role, body, iso(created_at), iso(expires_at)),
                )
            )
        except sqlite3.IntegrityError:
            raise ArgumentError("name", name, PRINCIPAL_TAKEN) from None

    def principal(self, token_hash: str) -> PrincipalRecord | None:
        rows = self._read(f"SELECT {_PRINCIPAL} FROM principals WHERE token_hash = ?", (token_hash,))
        return _principal(rows[0]) if rows else None

    def principals(self) -> list[PrincipalRecord]:
        return [_principal(row) for row in self._read(f"SELECT {_PRINCIPAL} FROM principals ORDER BY name", ())]

    def revoke_principal(self, name: str, at: datetime) -> PrincipalRecord | None:
        def work(db: sqlite3.Connection) -> PrincipalRecord | None:
            db.execute("UPDATE principals SET revoked_at = COALESCE(revoked_at, ?) WHERE name = ?", (iso(at), name))
            rows = db.execute(f"SELECT {_PRINCIPAL} FROM principals WHERE name = ?", (name,)).fetchall()
            return _principal(rows[0]) if rows else None

        return self._write(work)

    def touch_principal(self, token_hash: str, at: datetime) -> None:
        self._write(
            lambda db: db.execute("UPDATE principals SET last_used_at = ? WHERE token_hash = ?", (iso(at), token_hash))
        )


_PRINCIPAL = "name, role, body, created_at, expires_at, revoked_at, last_used_at"


def _principal(row: tuple[Any, ...]) -> PrincipalRecord:
    name, role, body, created, expires, revoked, used = row
    return PrincipalRecord(
        name, PrincipalRole(role), body, from_iso(created), from_iso(expires), _time(revoked), _time(used)
    )


# -- inside a transaction ---------------------------------------------------------------------


def _prepare_read_model(db: sqlite3.Connection) -> None:
    """Add the read model's columns to a file from before it, and fill them from the events once."""
    for table, columns in (_READ_MODEL_COLUMNS | _ADDED_COLUMNS).items():
        have = {row[1] for row in db.execute(f"PRAGMA table_info({table})")}
        for column in columns:
            if column.split()[0] not in have:
                db.execute(f"ALTER TABLE {table} ADD COLUMN {column}")
    for statement in _READ_MODEL_INDEXES:
        db.execute(statement)
    expires = iso(datetime.now(UTC) + DEFAULT_TOKEN_LIFETIME)  # tokens from before lifetimes: see ledger.py
    db.execute("UPDATE principals SET expires_at = ? WHERE expires_at IS NULL", (expires,))
    if db.execute("PRAGMA user_version").fetchone()[0] >= READ_MODEL_VERSION:
        return
    for (whistle,) in db.execute("SELECT id FROM whistles ORDER BY n").fetchall():
        events = _events(db, whistle)
        db.execute("UPDATE whistles SET blown_us = ? WHERE id = ?", (micros(events[0].at), whistle))
        _store_summary(db, Whistle.fold(events).summary())
    db.execute(f"PRAGMA user_version = {READ_MODEL_VERSION}")


def _insert(db: sqlite3.Connection, events: list[Event]) -> None:
    db.executemany(
        "INSERT INTO events (whistle, seq, type, at, actor, data, received_at, claimed_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                *(e.whistle, e.seq, e.type, iso(e.at), e.actor, json.dumps(e.data, ensure_ascii=False, sort_keys=True)),
                *(_text(e.received_at), _text(e.claimed_at)),
            )
            for e in events
        ],
    )


def _events(db: sqlite3.Connection, whistle: str) -> list[Event]:
    rows = db.execute(
        "SELECT whistle, seq, type, at, actor, data, received_at, claimed_at FROM events WHERE whistle = ? ORDER BY seq",
        (whistle,),
    ).fetchall()
    return [
        Event(w, s, EventType(t), from_iso(a), actor, json.loads(d), _time(received), _time(claimed))
        for w, s, t, a, actor, d, received, claimed in rows
    ]


def _text(t: datetime | None) -> str | None:
    return None if t is None else iso(t)


def _time(text: str | None) -> datetime | None:
    return None if text is None else from_iso(text)


def _store_summary(db: sqlite3.Connection, s: Summary) -> None:
    """The whistle's row and call rows as its fold now stands."""
    due = s.due
    db.execute(
        "UPDATE whistles SET status = ?, outcome = ?, satisfied = ?, due_us = ? WHERE id = ?",
        (s.status, s.outcome, s.satisfied, micros(due) if due else None, s.id),
    )
    db.execute("DELETE FROM calls WHERE whistle = ?", (s.id,))
    ratings = dict(s.ratings)
    db.executemany(
        "INSERT INTO calls (whistle, body, ord, name, tier, role, reason, called_us, deadline_us, reported_us,"
        " on_site, missed, rating) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                *(s.id, c.body, i, c.name, c.tier, c.role, c.reason, micros(c.called_at), micros(c.deadline)),
                *(micros(c.reported_at) if c.reported_at else None, c.on_site, c.missed, ratings.get(c.body)),
            )
            for i, c in enumerate(s.calls)
        ],
    )


def _where(which: Filter) -> tuple[str, list[Any]]:
    """The WHERE clause (on whistles w) and its arguments."""
    where: list[str] = []
    args: list[Any] = []
    for column, value in (
        ("street", which.street),
        ("district", which.district),
        ("status", which.status),
        ("source", which.source),
    ):
        if value:
            where.append(f"w.{column} = ?")
            args.append(value)
    if which.bodies:
        bodies = sorted(which.bodies)
        where.append(f"w.id IN (SELECT whistle FROM calls WHERE body IN ({', '.join('?' * len(bodies))}))")
        args.extend(bodies)
    if which.since:
        where.append("w.blown_us >= ?")
        args.append(micros(which.since))
    if which.until:
        where.append("w.blown_us < ?")
        args.append(micros(which.until))
    return (" WHERE " + " AND ".join(where) if where else ""), args


def _summary(w: tuple[Any, ...], calls: list[tuple[Any, ...]]) -> Summary:
    whistle, street, source, status, outcome, satisfied = w
    return Summary(
        id=whistle,
        street=street,
        source=WhistleSource(source),
        status=WhistleStatus(status),
        outcome=Outcome(outcome) if outcome else None,
        satisfied=None if satisfied is None else bool(satisfied),
        calls=tuple(
            Call(
                body=body,
                name=name,
                tier=tier,
                role=role,
                called_at=from_micros(called),
                deadline=from_micros(deadline),
                reason=reason,
                reported_at=None if reported is None else from_micros(reported),
                on_site=None if on_site is None else bool(on_site),
                missed=bool(missed),
            )
            for body, name, tier, role, called, deadline, reason, reported, on_site, missed, _ in calls
        ),
        ratings=tuple(sorted((c[0], c[-1]) for c in calls if c[-1] is not None)),
    )
