"""List versions in Neo4j (graph/history.py has the model): `ListVersion` and `ListChange` nodes, written inside
the load's own transaction, so a version and its records commit together or not at all.

Statements are module constants listed by all_statements(), linted like the store's (tests/test_cypher_lint.py).
"""

from __future__ import annotations

from typing import Any

from neo4j import ManagedTransaction

from graph.history import VersionDraft, change_rows, version_row

HISTORY_LABELS = ("ListVersion", "ListChange")
HISTORY_PROPERTY_KEYS = (
    *("number", "effective", "applied_at", "applied_by", "files", "counts"),
    *("version", "seq", "action", "kind", "ident", "file", "fields"),
)
ROW_FIELDS = ("row", "rows")

HISTORY_SCHEMA = "CREATE CONSTRAINT list_version_number IF NOT EXISTS FOR (v:ListVersion) REQUIRE v.number IS UNIQUE"
LAST_VERSION = "OPTIONAL MATCH (v:ListVersion)\nRETURN coalesce(max(v.number), 0) AS last"
CREATE_VERSION = "CREATE (v:ListVersion)\nSET v = $row"
CREATE_CHANGES = "UNWIND $rows AS row\nCREATE (c:ListChange)\nSET c = row"
VERSIONS = "MATCH (v:ListVersion)\nRETURN properties(v) AS row"
CHANGES = "MATCH (c:ListChange)\nWHERE c.version IN $versions\nRETURN properties(c) AS row"

CHUNK = 2000


def all_statements() -> dict[str, str]:
    """Every statement this module can send, for the linter."""
    names = ("HISTORY_SCHEMA", "LAST_VERSION", "CREATE_VERSION", "CREATE_CHANGES", "VERSIONS", "CHANGES")
    return {name: globals()[name] for name in names}


def write(tx: ManagedTransaction, draft: VersionDraft) -> int:
    """Record a version in the caller's transaction; the unique number makes two racing syncs fail one."""
    last = tx.run(LAST_VERSION).single()
    number = draft.next_number(int(last["last"] if last else 0))
    tx.run(CREATE_VERSION, row=version_row(number, draft)).consume()
    rows: list[dict[str, Any]] = change_rows(number, draft)
    for start in range(0, len(rows), CHUNK):
        tx.run(CREATE_CHANGES, rows=rows[start : start + CHUNK]).consume()
    return number
