"""GraphQL over WebSocket (graphql-transport-ws on /graphql): a department follows the whistles that call it.

The server is real uvicorn on a loopback port; the subscriber is gql's WebsocketsTransport with
the token in its connection_init payload; the changes come from real mutations over HTTP and
from the deadline sweep, through Supervision's listeners and the live hub.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import httpx
import pytest
from gql import Client, GraphQLRequest
from gql.transport.exceptions import TransportConnectionFailed, TransportQueryError
from gql.transport.websockets import WebsocketsTransport
from websockets.exceptions import ConnectionClosed

from api.app import create_app
from graph.domain import Domain
from schema.live import BACKLOG, FellBehind, Hub
from tests.http_server import issue_tokens, serve
from whistles.ledger_sqlite import Ledger
from whistles.record import BEIJING, Event
from whistles.supervision import Supervision

BUREAU = "dd:110107:bj-chengguanzhifa"
STATIONED = "team:sjs-street-centres:110107001:城管"
FOLLOW = """subscription($body: ID!, $units: Boolean!) {
  whistleCalls(body: $body, includeUnits: $units) {
    change at call { bodyId status reason } whistle { id subject calls { bodyId } } } }"""
BLOW = """mutation($place: String!, $subject: String!, $time: DateTime) {
  blowWhistle(place: $place, subject: $subject, time: $time) { id } }"""
REPORT = "mutation($w: ID!, $body: ID!) { reportIn(whistle: $w, body: $body) { id } }"
TIMEOUT = 10.0


class Live:
    def __init__(self, base: str, tokens: dict[str, str]) -> None:
        self.base = base
        self.tokens = tokens

    @property
    def ws_url(self) -> str:
        return self.base.replace("http://", "ws://") + "/graphql"

    def transport(self, token: str | None) -> WebsocketsTransport:
        payload = {"Authorization": f"Bearer {token}"} if token else {}
        return WebsocketsTransport(
            url=self.ws_url, init_payload=payload, subprotocols=[WebsocketsTransport.GRAPHQLWS_SUBPROTOCOL]
        )

    async def mutate(self, who: str, query: str, **variables: object) -> dict:
        async with httpx.AsyncClient(timeout=TIMEOUT) as http:
            got = await http.post(
                f"{self.base}/graphql",
                json={"query": query, "variables": variables},
                headers={"Authorization": f"Bearer {self.tokens[who]}"},
            )
        body = got.json()
        assert "errors" not in body, body
        return body["data"]

    async def subscribed(self, n: int) -> None:
        """Wait until the server has `n` subscriptions open (the subscriber registers after its checks)."""
        deadline = time.monotonic() + TIMEOUT
        async with httpx.AsyncClient() as http:
            while (await http.get(f"{self.base}/health")).json()["whistles"]["subscriptions"] != n:
                assert time.monotonic() < deadline, f"no {n} subscription(s) open within {TIMEOUT}s"
                await asyncio.sleep(0.02)


@pytest.fixture
def live(tmp_path: Path, embedded_domain: Domain) -> Iterator[Live]:
    ledger = Ledger(tmp_path / "whistles.sqlite")
    sv = Supervision(embedded_domain, ledger)
    tokens = issue_tokens(ledger, embedded_domain.store)
    with serve(create_app(embedded_domain, supervision=sv, sweep_seconds=0.2, graphiql=False)) as base:
        yield Live(base, tokens)
    ledger.close()


async def _collect(live: Live, token: str, variables: dict, n: int, into: list[dict]) -> None:
    async with Client(transport=live.transport(token)) as session:
        async for update in session.subscribe(GraphQLRequest(FOLLOW, variable_values=variables)):
            into.append(update["whistleCalls"])
            if len(into) == n:
                return


def _ago(minutes: float) -> str:
    return (datetime.now(BEIJING) - timedelta(minutes=minutes)).isoformat()


def test_department_follows_its_calls_reports_and_misses(live: Live) -> None:
    """Calls to the bureau and its stationed team arrive; a whistle that calls only the police does not."""

    async def scenario() -> tuple[list[dict], list[dict], str, str]:
        units: list[dict] = []
        own: list[dict] = []
        followers = [
            asyncio.create_task(_collect(live, live.tokens["department"], {"body": BUREAU, "units": True}, 7, units)),
            asyncio.create_task(_collect(live, live.tokens["admin"], {"body": BUREAU, "units": False}, 3, own)),
        ]
        await live.subscribed(2)
        police = await live.mutate("street", BLOW, place="110107001003", subject="yqgl-a4-6")  # police only
        fresh = await live.mutate("street", BLOW, place="110107001", subject="占道经营")
        await live.mutate("department", REPORT, w=fresh["blowWhistle"]["id"], body=STATIONED)
        overdue = await live.mutate("street", BLOW, place="110107001", subject="占道经营", time=_ago(40))
        await asyncio.wait_for(asyncio.gather(*followers), TIMEOUT)
        await live.subscribed(0)  # closing the socket ends the subscription on the server too
        assert police["blowWhistle"]["id"] == "W000001"
        return units, own, fresh["blowWhistle"]["id"], overdue["blowWhistle"]["id"]

    units, own, fresh, overdue = asyncio.run(scenario())
    seen = [(u["change"], u["whistle"]["id"], u["call"]["bodyId"]) for u in units]
    assert seen == [
        ("CALLED", fresh, STATIONED),
        ("CALLED", fresh, BUREAU),
        ("REPORTED", fresh, STATIONED),
        ("CALLED", overdue, STATIONED),
        ("CALLED", overdue, BUREAU),
        # The sweep escalates the back-dated whistle: both calls missed their deadline (listed in id order).
        ("MISSED", overdue, BUREAU),
        ("MISSED", overdue, STATIONED),
    ]
    missed = units[5]
    assert missed["call"]["status"] == "MISSED" and missed["whistle"]["calls"][-1]["bodyId"] == "gov:110107"
    assert units[2]["call"]["status"] == "ON_TIME" and units[0]["whistle"]["subject"] == "占道经营"
    assert datetime.fromisoformat(units[0]["at"]).utcoffset() == timedelta(hours=8)
    # Without its units the bureau hears only its own calls.
    assert [(u["change"], u["whistle"]["id"]) for u in own] == [
        ("CALLED", fresh),
        ("CALLED", overdue),
        ("MISSED", overdue),
    ]


@pytest.mark.parametrize(
    ("who", "body"),
    [
        ("street", BUREAU),  # a street operator does not follow a department
        ("police", BUREAU),  # nor does another department
        ("viewer", BUREAU),
        ("anonymous", BUREAU),
        ("department", "dd:110107:bj-gongan"),  # a department follows only itself and its units
    ],
)
def test_following_needs_the_department_or_an_admin(live: Live, who: str, body: str) -> None:
    async def attempt() -> list[dict]:
        async with Client(transport=live.transport(live.tokens.get(who))) as session:
            with pytest.raises(TransportQueryError) as caught:
                async for _ in session.subscribe(GraphQLRequest(FOLLOW, variable_values={"body": body, "units": True})):
                    pass
            return caught.value.errors or []

    [error] = asyncio.run(asyncio.wait_for(attempt(), TIMEOUT))
    print("ERR", error)
    assert error["extensions"] == {"code": "FORBIDDEN"} and error["message"].startswith("not allowed to follow calls")


def test_an_unknown_body_is_named(live: Live) -> None:
    async def attempt() -> list[dict]:
        async with Client(transport=live.transport(live.tokens["admin"])) as session:
            with pytest.raises(TransportQueryError) as caught:
                async for _ in session.subscribe(
                    GraphQLRequest(FOLLOW, variable_values={"body": "nobody", "units": True})
                ):
                    pass
            return caught.value.errors or []

    [error] = asyncio.run(asyncio.wait_for(attempt(), TIMEOUT))
    assert error["extensions"] == {"code": "BAD_ARGUMENT", "argument": "body", "value": "nobody"}


def test_unknown_token_closes_the_connection(live: Live) -> None:
    async def attempt() -> None:
        async with Client(transport=live.transport("wg_not-a-token")) as session:
            async for _ in session.subscribe(GraphQLRequest(FOLLOW, variable_values={"body": BUREAU, "units": True})):
                pass

    with pytest.raises(TransportConnectionFailed) as caught:
        asyncio.run(asyncio.wait_for(attempt(), TIMEOUT))
    closed = caught.value.__cause__
    assert isinstance(closed, ConnectionClosed) and closed.rcvd is not None
    assert (closed.rcvd.code, closed.rcvd.reason) == (4403, "Forbidden")


def test_a_subscriber_that_falls_behind_is_told_so() -> None:
    """The hub hands events from writer threads to the loop; a backlog past BACKLOG ends the subscription."""
    event = Event("W000001", 2, "called", "2026-11-23T01:00:00+00:00", "bbs", {"body": BUREAU})

    async def scenario() -> tuple[list[Event], bool]:
        hub = Hub()
        with hub.subscribe() as subscriber:
            writer = threading.Thread(target=hub.publish, args=([event],))
            writer.start()
            writer.join()
            first = await asyncio.wait_for(subscriber.next(), TIMEOUT)
            flood = threading.Thread(target=lambda: [hub.publish([event]) for _ in range(BACKLOG + 1)])
            flood.start()
            flood.join()
            try:
                await asyncio.wait_for(subscriber.next(), TIMEOUT)
            except FellBehind:
                return first, True
            return first, False

    first, fell_behind = asyncio.run(scenario())
    assert first == [event] and fell_behind
