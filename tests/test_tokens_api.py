"""API tokens over real HTTP and WebSocket: lifetimes, revocation (cutting open subscriptions), listing, last use,
and the `whistlegraph token issue|list|revoke` commands."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from gql import Client, GraphQLRequest
from gql.transport.exceptions import TransportQueryError

from api.app import create_app
from graph.domain import Domain
from tests.http_server import issue_tokens, serve
from tests.test_subscriptions import BUREAU, FOLLOW, TIMEOUT, Live
from whistles.ledger_sqlite import Ledger
from whistles.supervision import Supervision
from whistles.tokens import RECHECK_SECONDS, hash_token

ISSUE = """mutation($name: String!, $role: PrincipalRole!, $body: String! = "", $days: Int! = 90) {
  issueToken(name: $name, role: $role, body: $body, days: $days) { token principal { name role body expiresAt status } } }"""
REVOKE = "mutation($name: String!) { revokeToken(name: $name) { name status revokedAt } }"
TOKENS = "{ tokens { name role body createdAt expiresAt revokedAt lastUsedAt status } }"
WHISTLES = "{ whistles { totalCount } }"


class Clock:
    """The server's clock: real time, moved on by the test."""

    def __init__(self) -> None:
        self.offset = timedelta()

    def __call__(self) -> datetime:
        return datetime.now(UTC) + self.offset


class Served(Live):
    def __init__(self, base: str, tokens: dict[str, str], clock: Clock, ledger: Ledger) -> None:
        super().__init__(base, tokens)
        self.clock = clock
        self.ledger = ledger

    def post(self, query: str, token: str, **variables: object) -> httpx.Response:
        headers = {"Authorization": f"Bearer {token}"}
        return httpx.post(f"{self.base}/graphql", json={"query": query, "variables": variables}, headers=headers)

    def admin(self, query: str, **variables: object) -> dict:
        got = self.post(query, self.tokens["admin"], **variables).json()
        assert "errors" not in got, got
        return got["data"]


@pytest.fixture
def served(tmp_path: Path, embedded_domain: Domain) -> Iterator[Served]:
    ledger = Ledger(tmp_path / "whistles.sqlite")
    clock = Clock()
    sv = Supervision(embedded_domain, ledger, clock=clock)
    tokens = issue_tokens(ledger, embedded_domain.store)
    with serve(create_app(embedded_domain, supervision=sv, sweep_seconds=3600, graphiql=False)) as base:
        yield Served(base, tokens, clock, ledger)
    ledger.close()


def _unauthenticated(got: httpx.Response, words: str) -> None:
    assert got.status_code == 401 and got.headers["www-authenticate"] == "Bearer", got.text
    [error] = got.json()["errors"]
    assert error["extensions"] == {"code": "UNAUTHENTICATED"}, error
    assert error["message"].startswith("unauthenticated: ") and words in error["message"], error


def test_a_token_expires_after_its_lifetime(served: Served) -> None:
    issued = served.admin(ISSUE, name="巡查员-临时", role="VIEWER", days=1)["issueToken"]
    assert issued["principal"]["status"] == "ACTIVE" and issued["token"].startswith("wg_")
    expires = datetime.fromisoformat(issued["principal"]["expiresAt"])
    assert timedelta(hours=23, minutes=59) < expires - served.clock() <= timedelta(days=1)
    assert served.post(WHISTLES, issued["token"]).json() == {"data": {"whistles": {"totalCount": 0}}}
    served.clock.offset = timedelta(days=1, minutes=1)
    _unauthenticated(served.post(WHISTLES, issued["token"]), "token '巡查员-临时' expired at ")
    listed = {t["name"]: t for t in served.admin(TOKENS)["tokens"]}
    assert listed["巡查员-临时"]["status"] == "EXPIRED" and listed["admin"]["status"] == "ACTIVE"
    # A lifetime outside 1 day .. a year, or a name taken, is refused and issues nothing.
    for variables, argument in (({"days": 0}, "days"), ({"days": 400}, "days"), ({"name": "admin"}, "name")):
        got = served.post(ISSUE, served.tokens["admin"], **({"name": "x", "role": "VIEWER"} | variables)).json()
        assert got["errors"][0]["extensions"]["argument"] == argument, got
    assert {t["name"] for t in served.admin(TOKENS)["tokens"]} == set(listed)


def test_only_admins_manage_tokens_and_nothing_is_written_otherwise(served: Served) -> None:
    before = served.admin(TOKENS)["tokens"]
    for who in ("viewer", "street", "department"):
        for query, variables in ((ISSUE, {"name": "mine", "role": "ADMIN"}), (REVOKE, {"name": "admin"}), (TOKENS, {})):
            got = served.post(query, served.tokens[who], **variables)
            assert got.status_code == 200
            [error] = got.json()["errors"]
            assert error["extensions"] == {"code": "FORBIDDEN"}
            assert error["message"] == "not allowed to manage API tokens: only an admin may"
    assert [t | {"lastUsedAt": None} for t in served.admin(TOKENS)["tokens"]] == [
        t | {"lastUsedAt": None} for t in before
    ]


def test_revocation_holds_from_the_next_request_and_lists(served: Served) -> None:
    assert served.post(WHISTLES, served.tokens["viewer"]).status_code == 200
    revoked = served.admin(REVOKE, name="viewer")["revokeToken"]
    assert revoked["status"] == "REVOKED"
    _unauthenticated(served.post(WHISTLES, served.tokens["viewer"]), "token 'viewer' was revoked at ")
    [error] = served.post(REVOKE, served.tokens["admin"], name="nobody").json()["errors"]
    assert error["extensions"] == {"code": "BAD_ARGUMENT", "argument": "name", "value": "nobody"}
    listed = {t["name"]: t for t in served.admin(TOKENS)["tokens"]}
    assert listed["viewer"]["revokedAt"] == revoked["revokedAt"] and "token" not in listed["viewer"]


def test_last_use_is_written_at_most_once_a_minute(served: Served) -> None:
    def last_used() -> datetime | None:
        record = served.ledger.principal(hash_token(served.tokens["street"]))
        assert record is not None
        return record.last_used_at

    assert last_used() is None
    served.post(WHISTLES, served.tokens["street"])
    first = last_used()
    assert first is not None
    for _ in range(3):
        served.post(WHISTLES, served.tokens["street"])
    assert last_used() == first  # no write per request
    served.clock.offset = timedelta(seconds=61)
    served.post(WHISTLES, served.tokens["street"])
    assert last_used() is not None and last_used() - first >= timedelta(seconds=61)


def _follow_until_cut(served: Served, revoke: Callable[[], object], token: str | None = None) -> dict:
    """Subscribe as the department (or with `token`), end its token (by calling `revoke`), and return the error that
    ends the stream."""

    async def scenario() -> dict:
        async with Client(transport=served.transport(token or served.tokens["department"])) as session:

            async def follow() -> None:
                async for _ in session.subscribe(
                    GraphQLRequest(FOLLOW, variable_values={"body": BUREAU, "units": True})
                ):
                    pass

            task = asyncio.create_task(follow())
            await served.subscribed(1)
            await asyncio.to_thread(revoke)
            with pytest.raises(TransportQueryError) as caught:
                await asyncio.wait_for(task, TIMEOUT)
            await served.subscribed(0)
            [error] = caught.value.errors or [{}]
            return error

    return asyncio.run(scenario())


def test_revocation_cuts_an_open_subscription(served: Served) -> None:
    error = _follow_until_cut(served, lambda: served.admin(REVOKE, name="department"))
    assert error["extensions"] == {"code": "UNAUTHENTICATED"}
    assert error["message"].startswith("unauthenticated: token 'department' was revoked at ")


def test_a_revocation_by_another_process_cuts_within_the_recheck(served: Served, tmp_path: Path) -> None:
    """`whistlegraph token revoke` writes to the ledger file from another process: the server notices by itself."""

    def revoke_elsewhere() -> None:
        other = Ledger(tmp_path / "whistles.sqlite")
        try:
            assert other.revoke_principal("department", datetime.now(UTC)) is not None
        finally:
            other.close()

    started = datetime.now(UTC)
    error = _follow_until_cut(served, revoke_elsewhere)
    assert error["extensions"] == {"code": "UNAUTHENTICATED"} and "was revoked at" in error["message"]
    assert datetime.now(UTC) - started < timedelta(seconds=RECHECK_SECONDS + TIMEOUT / 2)


def test_expiry_cuts_an_open_subscription(served: Served) -> None:
    issued = served.admin(ISSUE, name="城管-夜班", role="DEPARTMENT", body=BUREAU, days=1)["issueToken"]

    def expire() -> None:
        served.clock.offset = timedelta(days=1, seconds=1)

    started = datetime.now(UTC)
    error = _follow_until_cut(served, expire, issued["token"])
    assert error["extensions"] == {"code": "UNAUTHENTICATED"}
    assert error["message"].startswith("unauthenticated: token '城管-夜班' expired at ")
    assert datetime.now(UTC) - started < timedelta(seconds=RECHECK_SECONDS + TIMEOUT / 2)
