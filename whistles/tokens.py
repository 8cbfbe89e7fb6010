"""API tokens: issued with a lifetime, listed, revoked; refused at once when expired or revoked.

A token is random and shown once; only its SHA-256 is stored (a high-entropy token needs no slow hash). Every
request looks its hash up in the ledger (an indexed read), so a revocation, by the API or by `whistlegraph token
revoke` in another process, holds from the next request. The last use is written at most once a minute per token
(TOUCH_EVERY), not once a request: a write waits for its fsync.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
from collections.abc import Callable
from datetime import datetime, timedelta

from graph.errors import ArgumentError
from graph.store import GraphStore
from graph.vocabulary import STREET_LEVEL_BODY_KINDS, PrincipalRole, TokenStatus
from whistles.authz import ANONYMOUS, Forbidden, Principal
from whistles.ledger import DEFAULT_TOKEN_LIFETIME, PrincipalRecord, WhistleLedger
from whistles.record import iso, word

DEFAULT_DAYS = DEFAULT_TOKEN_LIFETIME.days
MAX_DAYS = 366  # a token lives a year at most: a forgotten one dies
TOUCH_EVERY = timedelta(minutes=1)
# How often an open subscription checks its token again when nothing wakes it (schema/whistles.py).
RECHECK_SECONDS = 5.0


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(
    ledger: WhistleLedger,
    store: GraphStore,
    name: str,
    role: str,
    body: str,
    now: datetime,
    days: float = DEFAULT_DAYS,
) -> str:
    """A new token for a principal, valid `days` from now; the caller shows it once, the ledger keeps its hash."""
    role = word(PrincipalRole, "role", role)
    if not name.strip():
        raise ArgumentError("name", name, "a principal needs a name")
    if not 0 < days <= MAX_DAYS:
        raise ArgumentError("days", days, f"want a lifetime of more than 0 and at most {MAX_DAYS} days")
    if role in (PrincipalRole.STREET, PrincipalRole.DEPARTMENT):
        node = store.get_nodes([body])[0] if body else None
        if node is None:
            raise ArgumentError("body", body, f"a {role} principal needs the id of an existing body")
        if role == PrincipalRole.STREET and node.get("kind") not in STREET_LEVEL_BODY_KINDS:
            raise ArgumentError("body", body, "a street principal acts for a street-level body (st:…)")
    token = "wg_" + secrets.token_urlsafe(32)
    ledger.add_principal(hash_token(token), name, role, body, now, now + timedelta(days=days))
    return token


def refusal(record: PrincipalRecord | None, now: datetime) -> str | None:
    """Why a token is not accepted now, or None when it is."""
    if record is None:
        return "unknown token"
    status = record.status(now)
    if status == TokenStatus.REVOKED:
        return f"token {record.name!r} was revoked at {iso(record.revoked_at or now)}"
    if status == TokenStatus.EXPIRED:
        return f"token {record.name!r} expired at {iso(record.expires_at)}"
    return None


def authenticate(ledger: WhistleLedger, token: str | None, now: datetime) -> Principal:
    """The principal a token names; Forbidden (saying why) when it is unknown, expired or revoked."""
    if not token:
        return ANONYMOUS
    token_hash = hash_token(token)
    record = ledger.principal(token_hash)
    why = refusal(record, now)
    if why is not None or record is None:
        raise Forbidden("authenticate", why or "unknown token")
    return Principal(record.name, record.role, record.body, token_hash)


class Tokens:
    """The server's view of its tokens: authentication with last-use bookkeeping, re-checks, issue, list, revoke."""

    def __init__(self, ledger: WhistleLedger, store: GraphStore, clock: Callable[[], datetime]) -> None:
        self.ledger = ledger
        self.store = store
        self.clock = clock
        self._lock = threading.Lock()
        self._touched: dict[str, datetime] = {}  # token hash -> last use written by this process

    def authenticate(self, token: str | None) -> Principal:
        now = self.clock()
        p = authenticate(self.ledger, token, now)
        if p.token_hash:
            with self._lock:
                due = now - self._touched.get(p.token_hash, datetime.min.replace(tzinfo=now.tzinfo)) >= TOUCH_EVERY
                if due:
                    self._touched[p.token_hash] = now
            if due:
                self.ledger.touch_principal(p.token_hash, now)
        return p

    def check(self, p: Principal) -> datetime | None:
        """The expiry of the token a principal signed in with (None without a token); Forbidden when it has since
        expired or been revoked (subscriptions hold a principal for as long as they are open)."""
        if not p.token_hash:
            return None
        record = self.ledger.principal(p.token_hash)
        why = refusal(record, self.clock())
        if why is not None or record is None:
            raise Forbidden("follow calls", why or "unknown token")
        return record.expires_at

    def issue(self, name: str, role: str, body: str = "", days: float = DEFAULT_DAYS) -> str:
        return issue_token(self.ledger, self.store, name, role, body, self.clock(), days)

    def list(self) -> list[PrincipalRecord]:
        return self.ledger.principals()

    def revoke(self, name: str) -> PrincipalRecord:
        record = self.ledger.revoke_principal(name, self.clock())
        if record is None:
            raise ArgumentError("name", name, "no principal with this name")
        return record
