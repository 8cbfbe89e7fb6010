"""API tokens over GraphQL, for admins: issue (the token is shown once), list, revoke.

A revocation wakes every open subscription (an empty batch through the live hub), so one following calls with the
revoked token ends at once with UNAUTHENTICATED (schema/whistles.py).
"""

from __future__ import annotations

import datetime as dt

import strawberry
from strawberry.types import Info

from schema.context import Context
from schema.enums import PrincipalRole, TokenStatus
from schema.whistles import _local, _run
from whistles.ledger import PrincipalRecord
from whistles.tokens import DEFAULT_DAYS, hash_token

Ctx = Info[Context, None]


@strawberry.type(description="An API principal and its token's standing (never the token itself).")
class ApiToken:
    name: str
    role: PrincipalRole
    body: str = strawberry.field(description="The body a street or department principal acts for; empty otherwise.")
    created_at: dt.datetime
    expires_at: dt.datetime
    revoked_at: dt.datetime | None
    last_used_at: dt.datetime | None = strawberry.field(description="Recorded at most once a minute per token.")
    status: TokenStatus

    @classmethod
    def of(cls, r: PrincipalRecord, now: dt.datetime) -> ApiToken:
        return cls(
            name=r.name,
            role=r.role,
            body=r.body,
            created_at=_local(r.created_at),
            expires_at=_local(r.expires_at),
            revoked_at=_local(r.revoked_at) if r.revoked_at else None,
            last_used_at=_local(r.last_used_at) if r.last_used_at else None,
            status=r.status(now),
        )


@strawberry.type(description="A newly issued token: shown this once, only its hash is kept.")
class IssuedToken:
    token: str
    principal: ApiToken


@strawberry.type
class TokenQuery:
    @strawberry.field(description="Every API principal with its token's standing: admins only.")
    async def tokens(self, info: Ctx) -> list[ApiToken]:
        sv = info.context.supervision
        await _run(sv.policy.tokens, info.context.principal)
        now = sv.clock()
        return [ApiToken.of(r, now) for r in await _run(sv.tokens.list)]


@strawberry.type
class TokenMutation:
    @strawberry.mutation(description=f"Issue an API token (admins only), valid `days` (default {DEFAULT_DAYS}).")
    async def issue_token(
        self, info: Ctx, name: str, role: PrincipalRole, body: str = "", days: int = DEFAULT_DAYS
    ) -> IssuedToken:
        sv = info.context.supervision
        await _run(sv.policy.tokens, info.context.principal)
        token = await _run(sv.tokens.issue, name, role, body, days)
        issued = await _run(sv.ledger.principal, hash_token(token))
        assert issued is not None, "a token just issued is in the ledger"
        return IssuedToken(token=token, principal=ApiToken.of(issued, sv.clock()))

    @strawberry.mutation(description="Revoke a principal's token (admins only): refused from the next request on.")
    async def revoke_token(self, info: Ctx, name: str) -> ApiToken:
        sv = info.context.supervision
        await _run(sv.policy.tokens, info.context.principal)
        record = await _run(sv.tokens.revoke, name)
        info.context.hub.publish([])  # open subscriptions check their tokens now
        return ApiToken.of(record, sv.clock())
