"""Where whistle records and API principals are kept: SQLite in WAL mode, fsync on every commit.

A write returns only after its transaction is durable (synchronous=FULL), so whatever the
API acknowledged survives `kill -9` at any moment. Events are append-only and keyed by
(whistle, seq): two writers racing on one whistle cannot both win. Reads take the same lock
as writes: on the one shared connection a read would otherwise see another thread's open
transaction (a whistle row without its events, or rows a rollback then removes).

When the graph is in Neo4j, whistles/ledger_neo4j.py keeps the same record there instead.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from graph.errors import ArgumentError, StoreError
from whistles.ledger import PRINCIPAL_TAKEN, Conflict, PrincipalRecord
from whistles.record import BLOWN, CALLED, RESOLVED, Event

_SCHEMA = """
CREATE TABLE IF NOT EXISTS events (
  whistle TEXT NOT NULL, seq INTEGER NOT NULL, type TEXT NOT NULL, at TEXT NOT NULL,
  actor TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (whistle, seq));
CREATE TABLE IF NOT EXISTS whistles (
  id TEXT PRIMARY KEY, n INTEGER UNIQUE NOT NULL, street TEXT NOT NULL, district TEXT NOT NULL,
  source TEXT NOT NULL, status TEXT NOT NULL, blown_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS whistles_street ON whistles (street, blown_at);
CREATE INDEX IF NOT EXISTS whistles_blown ON whistles (blown_at);
CREATE TABLE IF NOT EXISTS calls (whistle TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (body, whistle));
CREATE TABLE IF NOT EXISTS principals (
  token_hash TEXT PRIMARY KEY, name TEXT UNIQUE NOT NULL, role TEXT NOT NULL, body TEXT NOT NULL,
  created_at TEXT NOT NULL);
"""


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
        """Allocate the next whistle id, build its first events with it, and store them at once."""

        def work(db: sqlite3.Connection) -> list[Event]:
            n = db.execute("SELECT COALESCE(MAX(n), 0) + 1 FROM whistles").fetchone()[0]
            events = build(f"W{n:06d}")
            blown = events[0]
            assert blown.type == BLOWN and blown.seq == 1
            db.execute(
                "INSERT INTO whistles (id, n, street, district, source, status, blown_at) VALUES (?, ?, ?, ?, ?, 'open', ?)",
                (blown.whistle, n, blown.data["street"], blown.data["district"], blown.data["source"], blown.at),
            )
            self._insert(db, events)
            return events

        return self._write(work)

    def append(self, events: list[Event]) -> None:
        """Append to an existing whistle; Conflict when another writer took one of these seqs."""
        if not events:
            return

        def work(db: sqlite3.Connection) -> None:
            for whistle in sorted({e.whistle for e in events}):
                if db.execute("SELECT 1 FROM whistles WHERE id = ?", (whistle,)).fetchone() is None:
                    raise StoreError(f"no whistle {whistle!r} to append to")
            self._insert(db, events)

        try:
            self._write(work)
        except sqlite3.IntegrityError as err:
            raise Conflict(str(err)) from None

    def _insert(self, db: sqlite3.Connection, events: list[Event]) -> None:
        db.executemany(
            "INSERT INTO events (whistle, seq, type, at, actor, data) VALUES (?, ?, ?, ?, ?, ?)",
            [
                (e.whistle, e.seq, e.type, e.at, e.actor, json.dumps(e.data, ensure_ascii=False, sort_keys=True))
                for e in events
            ],
        )
        for e in events:
            if e.type == CALLED:
                db.execute("INSERT OR IGNORE INTO calls (whistle, body) VALUES (?, ?)", (e.whistle, e.data["body"]))
            elif e.type == RESOLVED:
                db.execute("UPDATE whistles SET status = 'resolved' WHERE id = ?", (e.whistle,))

    def _read(self, sql: str, args: tuple[str, ...] | list[str]) -> list[tuple]:
        """Committed rows only: waits for a write in progress (see the module docstring)."""
        with self._lock:
            return self._db.execute(sql, args).fetchall()

    def events(self, whistle: str) -> list[Event]:
        rows = self._read(
            "SELECT whistle, seq, type, at, actor, data FROM events WHERE whistle = ? ORDER BY seq", (whistle,)
        )
        return [Event(w, s, t, a, actor, json.loads(d)) for w, s, t, a, actor, d in rows]

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
        sql = "SELECT w.id FROM whistles w"
        args: list[str] = []
        where: list[str] = []
        if body:
            sql += " JOIN calls c ON c.whistle = w.id AND c.body = ?"
            args.append(body)
        for column, value in (("street", street), ("district", district), ("status", status), ("source", source)):
            if value:
                where.append(f"w.{column} = ?")
                args.append(value)
        if since:
            where.append("w.blown_at >= ?")
            args.append(since)
        if until:
            where.append("w.blown_at < ?")
            args.append(until)
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY w.blown_at, w.n"
        return [row[0] for row in self._read(sql, args)]

    # -- principals ---------------------------------------------------------------------------

    def add_principal(self, token_hash: str, name: str, role: str, body: str, created_at: str) -> None:
        """ArgumentError when the name (or, by a 2^-256 chance, the token) is taken already."""
        try:
            self._write(
                lambda db: db.execute(
                    "INSERT INTO principals (token_hash, name, role, body, created_at) VALUES (?, ?, ?, ?, ?)",
                    (token_hash, name, role, body, created_at),
                )
            )
        except sqlite3.IntegrityError:
            raise ArgumentError("name", name, PRINCIPAL_TAKEN) from None

    def principal(self, token_hash: str) -> PrincipalRecord | None:
        rows = self._read("SELECT name, role, body FROM principals WHERE token_hash = ?", (token_hash,))
        return PrincipalRecord(*rows[0]) if rows else None
