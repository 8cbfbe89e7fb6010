"""List versions: each applied sync of the official lists, with what it changed, kept beside the graph.

A version records the source files (name, encoding, size, SHA-256), the effective date, when and by whom it was
applied, and one row per record it added, changed (field by field) or retired. Stores write a version in the
same transaction as the records it describes (graph/embedded.py in SQLite, graph/neo4j_store.py as
`ListVersion` and `ListChange` nodes), so a version is never seen without its records, nor records without it.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from graph.model import Scalar
from graph.vocabulary import ChangeAction


@dataclass(frozen=True)
class SourceFile:
    """One source file as read: what a list version records about it."""

    file: str
    encoding: str
    size: int
    sha256: str


@dataclass(frozen=True)
class FieldChange:
    field: str
    before: Scalar | None
    after: Scalar | None


@dataclass(frozen=True)
class Change:
    """One record a sync adds, changes or retires; `kind` is its label or relationship type."""

    action: ChangeAction
    kind: str
    ident: str
    file: str
    fields: tuple[FieldChange, ...] = ()


@dataclass(frozen=True)
class VersionDraft:
    """A version about to be applied: everything but its number, which the store gives inside the transaction."""

    effective: str
    applied_at: str
    applied_by: str
    files: tuple[SourceFile, ...]
    changes: tuple[Change, ...]
    base: int | None = None  # the newest list version the plan was computed against (None: no check)

    def next_number(self, last: int) -> int:
        """The number this version takes after `last`, checked inside the write transaction: a sync another process
        applied since the plan was made refuses this one (nothing is written), so no check-then-write race is left."""
        if self.base is not None and last != self.base:
            raise OutdatedBase(self.base, last)
        return last + 1

    def counts(self) -> dict[str, int]:
        return action_counts(self.changes)


def action_counts(changes: Iterable[Change]) -> dict[str, int]:
    """How many records a list of changes adds, changes and retires, in that order."""
    tally = Counter(c.action for c in changes)
    return {a.value: tally[a] for a in ChangeAction}


class OutdatedBase(Exception):
    """Another list version was applied after the one a plan was computed against."""

    def __init__(self, base: int, last: int) -> None:
        super().__init__(f"list version {base} then, {last} now")
        self.base, self.last = base, last


@dataclass(frozen=True)
class ListVersion:
    number: int
    effective: str
    applied_at: str
    applied_by: str
    files: tuple[SourceFile, ...]
    counts: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class VersionChange:
    """A change as history reports it: with the version that made it."""

    version: int
    effective: str
    change: Change


# -- the flat rows both stores keep -----------------------------------------------------------------


def version_row(number: int, draft: VersionDraft) -> dict[str, Any]:
    return {
        "number": number,
        "effective": draft.effective,
        "applied_at": draft.applied_at,
        "applied_by": draft.applied_by,
        "files": json.dumps([vars(f) for f in draft.files], ensure_ascii=False),
        "counts": json.dumps(draft.counts()),
    }


def change_rows(number: int, draft: VersionDraft) -> list[dict[str, Any]]:
    return [
        {
            "version": number,
            "seq": seq,
            "action": c.action.value,
            "kind": c.kind,
            "ident": c.ident,
            "file": c.file,
            "fields": json.dumps([[f.field, f.before, f.after] for f in c.fields], ensure_ascii=False),
        }
        for seq, c in enumerate(draft.changes)
    ]


def version_of(row: dict[str, Any]) -> ListVersion:
    return ListVersion(
        int(row["number"]),
        str(row["effective"]),
        str(row["applied_at"]),
        str(row["applied_by"]),
        tuple(SourceFile(**f) for f in json.loads(row["files"])),
        json.loads(row["counts"]),
    )


def change_of(row: dict[str, Any], effective: str) -> VersionChange:
    fields = tuple(FieldChange(f, before, after) for f, before, after in json.loads(row["fields"]))
    change = Change(ChangeAction(row["action"]), str(row["kind"]), str(row["ident"]), str(row["file"]), fields)
    return VersionChange(int(row["version"]), effective, change)


def select_changes(
    versions: list[ListVersion], rows: list[dict[str, Any]], since: str | None, kind: str | None
) -> list[VersionChange]:
    """Changes of the versions effective on or after `since` (all with None), of one label or type if given."""
    effective = {v.number: v.effective for v in versions if since is None or v.effective >= since}
    picked = [r for r in rows if r["version"] in effective and (kind is None or r["kind"] == kind)]
    picked.sort(key=lambda r: (r["version"], r["seq"]))
    return [change_of(r, effective[r["version"]]) for r in picked]


# -- SQLite (the embedded store's file) ------------------------------------------------------------------

SQLITE_SCHEMA = """
CREATE TABLE IF NOT EXISTS list_versions (
  number INTEGER PRIMARY KEY, effective TEXT NOT NULL, applied_at TEXT NOT NULL, applied_by TEXT NOT NULL,
  files TEXT NOT NULL, counts TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS list_changes (
  version INTEGER NOT NULL, seq INTEGER NOT NULL, action TEXT NOT NULL, kind TEXT NOT NULL, ident TEXT NOT NULL,
  file TEXT NOT NULL, fields TEXT NOT NULL, PRIMARY KEY (version, seq));
"""


def sqlite_write(db: sqlite3.Connection, draft: VersionDraft) -> int:
    """Record a version inside the caller's open transaction; its number follows the last one."""
    (last,) = db.execute("SELECT coalesce(max(number), 0) FROM list_versions").fetchone()
    number = draft.next_number(int(last))
    row = version_row(number, draft)
    db.execute(
        "INSERT INTO list_versions (number, effective, applied_at, applied_by, files, counts) "
        "VALUES (:number, :effective, :applied_at, :applied_by, :files, :counts)",
        row,
    )
    db.executemany(
        "INSERT INTO list_changes (version, seq, action, kind, ident, file, fields) "
        "VALUES (:version, :seq, :action, :kind, :ident, :file, :fields)",
        change_rows(number, draft),
    )
    return number


def _rows(db: sqlite3.Connection, query: str, params: tuple[Any, ...] = ()) -> list[dict[str, Any]]:
    cursor = db.execute(query, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]


def sqlite_versions(db: sqlite3.Connection) -> list[ListVersion]:
    return [version_of(r) for r in _rows(db, "SELECT * FROM list_versions ORDER BY number")]


def sqlite_changes(db: sqlite3.Connection, since: str | None, kind: str | None) -> list[VersionChange]:
    versions = sqlite_versions(db)
    numbers = tuple(v.number for v in versions if since is None or v.effective >= since)
    marks = ",".join("?" * len(numbers))
    rows = _rows(db, f"SELECT * FROM list_changes WHERE version IN ({marks})", numbers)  # noqa: S608 (placeholders)
    return select_changes(versions, rows, since, kind)
