"""The contract every whistle ledger keeps (SQLite beside the embedded graph, or the Neo4j database itself).

Supervision and the API speak only to this Protocol; tests/test_ledger_contract.py holds both ledgers to it.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from graph.vocabulary import PrincipalRole, TokenStatus, WhistleSource, WhistleStatus
from whistles.record import Event, Summary


class Conflict(Exception):
    """Another writer appended to the same whistle first; re-read and try again."""


PRINCIPAL_TAKEN = "a principal with this name exists already"
# A token's lifetime unless its issuer says otherwise; tokens stored before lifetimes existed get it from the first
# opening of their ledger by a version that keeps lifetimes.
DEFAULT_TOKEN_LIFETIME = timedelta(days=90)


@dataclass(frozen=True)
class PrincipalRecord:
    """An API principal as the ledger keeps it (never its token: only the token's hash is stored)."""

    name: str
    role: PrincipalRole
    body: str
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None = None
    last_used_at: datetime | None = None  # written at most once a minute per token (whistles/tokens.py)

    def status(self, now: datetime) -> TokenStatus:
        if self.revoked_at is not None and self.revoked_at <= now:
            return TokenStatus.REVOKED
        return TokenStatus.EXPIRED if self.expires_at <= now else TokenStatus.ACTIVE


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
        self, token_hash: str, name: str, role: PrincipalRole, body: str, created_at: datetime, expires_at: datetime
    ) -> None: ...

    def principal(self, token_hash: str) -> PrincipalRecord | None: ...

    def principals(self) -> list[PrincipalRecord]:
        """Every principal, by name."""
        ...

    def revoke_principal(self, name: str, at: datetime) -> PrincipalRecord | None:
        """Revoke a principal's token from `at` (a second revocation keeps the first time); None if no such name."""
        ...

    def touch_principal(self, token_hash: str, at: datetime) -> None:
        """Record a token's last use."""
        ...

    def close(self) -> None: ...
