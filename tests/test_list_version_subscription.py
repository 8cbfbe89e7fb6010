"""`appliedListVersions` over graphql-transport-ws against a real server process: a sync from the command line on
the same store file and syncs through the admin mutation each reach every subscriber once, in order, after the
server answers from them; `after` replays what a reconnecting client missed; a revoked token ends the stream.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import time
import urllib.request
from pathlib import Path

import pytest
from gql import Client, GraphQLRequest
from gql.transport.exceptions import TransportQueryError
from gql.transport.websockets import WebsocketsTransport
from neo4j import GraphDatabase

from api.app import create_app
from graph.domain import Domain
from graph.history import Change, FieldChange
from graph.model import Batch, Node
from graph.neo4j_store import Neo4jStore
from graph.vocabulary import ChangeAction
from loaders.dataset import BUNDLED
from loaders.sync import Plan, StoreState, apply_plan
from tests.bolt import BoltServer
from tests.http_server import serve
from tests.test_live_sync import NEW, OLD, STREETS, cli, names, post
from tests.test_serve_neo4j import serving

APPLIED = """subscription($after: Int) {
  appliedListVersions(after: $after) { number effective appliedBy changed files { file sha256 } } }"""
REVOKE = 'mutation { revokeToken(name: "lists-viewer") { status } }'
FOLLOW_SECONDS = 0.2
TIMEOUT = 60.0


def transport(url: str, token: str = "") -> WebsocketsTransport:
    return WebsocketsTransport(
        url=url.replace("http://", "ws://") + "/graphql",
        init_payload={"Authorization": f"Bearer {token}"} if token else {},
        subprotocols=[WebsocketsTransport.GRAPHQLWS_SUBPROTOCOL],
    )


def sync(url: str, token: str, directory: Path, effective: str) -> int:
    """Sync through the admin mutation; the number of the version it applied."""
    query = f'mutation {{ syncLists(directory: "{directory}", effective: "{effective}") {{ version {{ number }} }} }}'
    got = post(url, query, token)
    assert "errors" not in got, got
    return int(got["data"]["syncLists"]["version"]["number"])


async def collect(url: str, n: int, into: list[dict], token: str = "", after: int | None = None) -> None:
    """The first `n` versions announced, each with the names the server answered on hearing of it."""
    async with Client(transport=transport(url, token)) as session:
        request = GraphQLRequest(APPLIED, variable_values={"after": after})
        async for update in session.subscribe(request):
            into.append({**update["appliedListVersions"], "answered": await asyncio.to_thread(names, url)})
            if len(into) == n:
                return


async def cut_off(url: str, token: str) -> dict:
    """The error that ends a subscription (it must end with one)."""
    async with Client(transport=transport(url, token)) as session:
        try:
            async for _ in session.subscribe(GraphQLRequest(APPLIED, variable_values={"after": None})):
                pass
        except TransportQueryError as err:
            return (err.errors or [{}])[0]
    raise AssertionError("the subscription ended without an error")


async def subscribed(url: str, n: int) -> None:
    deadline = time.monotonic() + TIMEOUT
    while json.loads(urllib.request.urlopen(url + "/health").read())["whistles"]["subscriptions"] != n:
        assert time.monotonic() < deadline, f"no {n} subscription(s) open within {TIMEOUT} s"
        await asyncio.sleep(0.05)


async def heard(got: list[dict], n: int) -> None:
    deadline = time.monotonic() + TIMEOUT
    while len(got) < n:
        assert time.monotonic() < deadline, f"{len(got)} version(s) heard, not {n}, within {TIMEOUT} s"
        await asyncio.sleep(0.05)


def test_applied_versions_reach_every_subscriber_once_in_order(tmp_path: Path) -> None:
    db, ledger = tmp_path / "graph.sqlite", tmp_path / "whistles.sqlite"
    cli("sync", str(BUNDLED), "--db", str(db), "--effective", "2024-01-01")
    admin = cli("token", "lists-admin", "--role", "admin", "--db", str(db), "--ledger", str(ledger)).stdout.strip()
    viewer = cli("token", "lists-viewer", "--role", "viewer", "--db", str(db), "--ledger", str(ledger)).stdout.strip()
    renamed = tmp_path / "data"
    shutil.copytree(BUNDLED, renamed)
    path = renamed / STREETS
    path.write_text(path.read_text(encoding="utf-8").replace("110101002,景山街道,", "110101002,景山新街道,", 1))
    env = {"WHISTLEGRAPH_LEDGER": str(ledger), "WHISTLEGRAPH_FOLLOW_SECONDS": str(FOLLOW_SECONDS)}

    async def scenario(url: str) -> tuple[list[dict], list[dict], list[dict], dict]:
        anonymous: list[dict] = []
        replaying: list[dict] = []
        listeners = [
            asyncio.create_task(collect(url, 3, anonymous)),  # from now on
            asyncio.create_task(collect(url, 4, replaying, token=viewer, after=0)),  # version 1 first
        ]
        await subscribed(url, 2)
        await asyncio.to_thread(cli, "sync", str(renamed), "--db", str(db), "--effective", "2026-03-01")  # 2
        await heard(anonymous, 1)  # each sync once both heard the last, so "answered" is that version's answer
        await heard(replaying, 2)
        assert await asyncio.to_thread(sync, url, admin, BUNDLED, "2026-04-01") == 3
        await heard(anonymous, 2)
        await heard(replaying, 3)
        await asyncio.sleep(3 * FOLLOW_SECONDS)  # the follower sees version 3 too: announced again, sent once
        assert await asyncio.to_thread(sync, url, admin, renamed, "2026-05-01") == 4
        await asyncio.wait_for(asyncio.gather(*listeners), TIMEOUT)
        reconnected: list[dict] = []
        await asyncio.wait_for(collect(url, 2, reconnected, after=2), TIMEOUT)
        ending = asyncio.create_task(cut_off(url, viewer))
        await subscribed(url, 1)
        await asyncio.to_thread(post, url, REVOKE, admin)
        return anonymous, replaying, reconnected, await asyncio.wait_for(ending, TIMEOUT)

    with serving(["--db", str(db)], tmp_path, env) as url:
        assert names(url) == OLD
        anonymous, replaying, reconnected, revoked = asyncio.run(scenario(url))

    def seen(got: list[dict]) -> list[tuple]:
        return [(v["number"], v["effective"], v["changed"], v["answered"]) for v in got]

    later = [(2, "2026-03-01", 4, NEW), (3, "2026-04-01", 4, OLD), (4, "2026-05-01", 4, NEW)]
    assert seen(anonymous) == later
    assert seen(replaying) == [(1, "2024-01-01", 0, OLD), *later]
    assert [v["number"] for v in reconnected] == [3, 4], "a reconnecting client gets what followed its last"
    by = [v["appliedBy"] for v in replaying]
    assert by[2:] == ["api:lists-admin"] * 2 and not by[1].startswith("api:"), by
    streets = [next(f["sha256"] for f in v["files"] if f["file"] == STREETS) for v in replaying]
    assert streets[0] == streets[2] != streets[1] == streets[3], "the file hashes are each version's own"
    assert revoked["extensions"] == {"code": "UNAUTHENTICATED"} and "revoked" in revoked["message"]


@pytest.mark.bolt
def test_a_sync_on_the_bolt_store_reaches_a_subscriber(bolt_store: Neo4jStore, bolt_server: BoltServer) -> None:
    """The server follows the Neo4j database: a version applied through another connection (as `whistlegraph
    --store neo4j sync` makes) is announced once the server answers from it. The version renames one street (a
    plan of one change, applied by apply_plan); the shared store is put back afterwards."""
    domain = Domain(bolt_store)
    domain.refresh()
    start = max((v.number for v in bolt_store.list_versions()), default=0)
    [street] = bolt_store.get_nodes(["110101002"])
    assert street is not None and street.name == OLD[0]
    renamed = Node(street.id, street.label, {**street.props, "name": NEW[0]})
    got: list[dict] = []

    async def scenario(url: str) -> None:
        listening = asyncio.create_task(collect(url, 1, got, after=start))
        elsewhere = bolt_server.store()
        try:
            plan = Plan("2026-03-01", [], StoreState.of(elsewhere), writes=Batch([renamed]))
            plan.changes.append(
                Change(ChangeAction.CHANGED, "Area", street.id, STREETS, (FieldChange("name", OLD[0], NEW[0]),))
            )
            await asyncio.to_thread(apply_plan, elsewhere, plan)
        finally:
            elsewhere.close()
        await asyncio.wait_for(listening, TIMEOUT)

    try:
        with serve(create_app(domain, graphiql=False)) as url:
            asyncio.run(scenario(url))
    finally:
        bolt_store.apply(Batch([street]))
        with GraphDatabase.driver(bolt_server.uri, auth=bolt_server.auth) as driver:
            for query in (
                "MATCH (v:ListVersion) WHERE v.number > $start DETACH DELETE v",
                "MATCH (c:ListChange) WHERE c.version > $start DETACH DELETE c",
            ):
                driver.execute_query(query, start=start, database_=bolt_server.database)
    assert [(v["number"], v["effective"], v["changed"], v["answered"][0]) for v in got] == [
        (start + 1, "2026-03-01", 1, NEW[0])
    ]
    assert bolt_store.get_nodes(["110101002"]) == [street] and len(bolt_store.list_versions()) == start
