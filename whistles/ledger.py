"""The contract every whistle ledger keeps (SQLite beside the embedded graph, or the Neo4j database itself).

Supervision and the API speak only to this Protocol; tests/test_ledger_contract.py holds both ledgers to it.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from graph.vocabulary import PrincipalRole, WhistleSource, WhistleStatus
from whistles.record import Event, Summary


class Conflict(Exception):
    """Another writer appended to the same whistle first; re-read and try again."""


PRINCIPAL_TAKEN = "a principal with this name exists already"


@dataclass(frozen=True)
class PrincipalRecord:
    name: str
    role: PrincipalRole
    body: str


@dataclass(frozen=True)
class Filter:
    """Which whistles: by place, called body (any of `bodies`), status, source, and blow time in [since, until).
    An empty or None field filters nothing."""

    street: str | None = None
    district: str | None = None
    bodies: Collection[str] | None = None
    status: WhistleStatus | None = None
    source: WhistleSource | None = None
    since: datetime | None = None
    until: datetime | None = None


EVERYTHING = Filter()


class WhistleLedger(Protocol):
    """What Supervision and the API need of a ledger: whistles.ledger_sqlite.Ledger (SQLite, beside the embedded graph)
    or whistles.ledger_neo4j.Neo4jLedger (in the Neo4j database); tests/test_ledger_contract.py holds
    both to the same behaviour."""

    path: str  # where the records live, for status pages

    def create(self, build: Callable[[str], list[Event]]) -> list[Event]:
        """Allocate the next whistle id, build its first events with it, and store them (and its summary) at once."""
        ...

    def append(self, events: list[Event]) -> None:
        """Append to existing whistles and rewrite their summaries in the same transaction; Conflict when another
        writer took one of these seqs."""
        ...

    def events(self, whistle: str) -> list[Event]: ...

    def find(self, which: Filter = EVERYTHING) -> list[str]:
        """Whistle ids, oldest first."""
        ...

    def summaries(self, which: Filter = EVERYTHING) -> list[Summary]:
        """The read model of those whistles, oldest first: what figures count, without replaying events."""
        ...

    def due(self, now: datetime) -> list[str]:
        """Open whistles with a call past its deadline, not reported in and not escalated past (an index range)."""
        ...

    def add_principal(
        self, token_hash: str, name: str, role: PrincipalRole, body: str, created_at: datetime
    ) -> None: ...

    def principal(self, token_hash: str) -> PrincipalRecord | None: ...

    def close(self) -> None: ...
