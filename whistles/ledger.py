"""The contract every whistle ledger keeps (SQLite beside the embedded graph, or the Neo4j database itself).

Supervision and the API speak only to this Protocol; tests/test_ledger_contract.py holds both ledgers to it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from whistles.record import Event


class Conflict(Exception):
    """Another writer appended to the same whistle first; re-read and try again."""


PRINCIPAL_TAKEN = "a principal with this name exists already"


@dataclass(frozen=True)
class PrincipalRecord:
    name: str
    role: str
    body: str


class WhistleLedger(Protocol):
    """What Supervision and the API need of a ledger: whistles.ledger_sqlite.Ledger (SQLite, beside the embedded graph)
    or whistles.ledger_neo4j.Neo4jLedger (in the Neo4j database); tests/test_ledger_contract.py holds
    both to the same behaviour."""

    path: str  # where the records live, for status pages

    def create(self, build: Callable[[str], list[Event]]) -> list[Event]: ...

    def append(self, events: list[Event]) -> None: ...

    def events(self, whistle: str) -> list[Event]: ...

    def find(
        self,
        street: str | None = None,
        district: str | None = None,
        body: str | None = None,
        status: str | None = None,
        source: str | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> list[str]: ...

    def add_principal(self, token_hash: str, name: str, role: str, body: str, created_at: str) -> None: ...

    def principal(self, token_hash: str) -> PrincipalRecord | None: ...

    def close(self) -> None: ...
