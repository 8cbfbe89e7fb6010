"""The HTTP surface around GraphQL: /health, the self-hosted GraphiQL page and its assets, start-up checks."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from api.app import ASSETS, NODE_MODULES, ROOT, MissingAssets, asset_paths, create_app
from graph.domain import Domain
from graph.embedded import EmbeddedStore
from tests.http_server import serve


@pytest.fixture(scope="module")
def base(embedded_domain: Domain) -> Iterator[str]:
    with serve(create_app(embedded_domain)) as url:
        yield url


def test_health_reports_store_kind_and_counts(base: str, embedded_store: EmbeddedStore) -> None:
    got = httpx.get(f"{base}/health").json()
    assert got == {"status": "ok", "store": "embedded", "counts": embedded_store.counts()}
    assert got["counts"]["Area"] == 7901  # 1 city + 16 districts + 349 streets + 7535 communities


@pytest.mark.parametrize("path", ["/", "/graphql"])
def test_graphiql_page_loads_only_local_assets(base: str, path: str) -> None:
    page = httpx.get(f"{base}{path}", headers={"Accept": "text/html"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    sources = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert sorted(s for s in sources if s.startswith("/assets/")) == sorted(f"/assets/{n}" for n in ASSETS)
    assert not [s for s in sources if "//" in s], "every asset must come from this server"
    assert "responders(whistle:" in page.text  # the pre-filled example


def test_assets_are_served_from_node_modules(base: str) -> None:
    for name, rel in ASSETS.items():
        got = httpx.get(f"{base}/assets/{name}")
        assert got.status_code == 200, name
        assert got.content == (NODE_MODULES / rel).read_bytes()
        assert got.headers["content-type"].startswith("text/css" if name.endswith(".css") else "text/javascript")
    assert httpx.get(f"{base}/assets/package.json").status_code == 404


def test_graphql_get_without_html_accept_runs_a_query(base: str) -> None:
    got = httpx.get(f"{base}/graphql", params={"query": '{ area(code: "110101") { name } }'})
    assert got.json() == {"data": {"area": {"name": "东城区"}}}
    assert "东城区".encode() in got.content, "Chinese is sent as UTF-8, not as \\u escapes"


def test_missing_node_modules_fails_at_start_with_setup_hint(tmp_path: Path) -> None:
    with pytest.raises(MissingAssets, match=r"run \./dev setup"):
        asset_paths(tmp_path)


def test_graphiql_can_be_switched_off(embedded_domain: Domain) -> None:
    with serve(create_app(embedded_domain, graphiql=False)) as url:
        assert httpx.get(f"{url}/graphql", headers={"Accept": "text/html"}).status_code == 404
        assert httpx.get(f"{url}/").status_code == 404
        assert httpx.post(f"{url}/graphql", json={"query": "{ areas(level: CITY) { totalCount } }"}).json() == {
            "data": {"areas": {"totalCount": 1}}
        }


def test_server_run_serves_the_app_until_stopped(tmp_path: Path) -> None:
    """api.server.run as the CLI calls it: a separate process, a loaded store, a real port."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    code = (
        "from api.server import run; from graph.embedded import EmbeddedStore; "
        "from loaders.dataset import BUNDLED, read_dataset; "
        f"store = EmbeddedStore(); store.apply(read_dataset(BUNDLED)); run('127.0.0.1', {port}, store)"
    )
    env = {**os.environ, "WHISTLEGRAPH_LEDGER": str(tmp_path / "whistles.sqlite")}
    proc = subprocess.Popen(
        [sys.executable, "-c", code], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/health", timeout=2)
                break
            except httpx.TransportError:
                assert proc.poll() is None, proc.stdout.read().decode() if proc.stdout else "server exited"
                assert time.monotonic() < deadline, "server did not answer within 60 s"
                time.sleep(0.1)
        assert health.json()["counts"]["Duty"] > 1000
        query = {"query": '{ area(code: "110107001") { bodies { id } } }'}
        got = httpx.post(f"http://127.0.0.1:{port}/graphql", json=query).json()
        assert {"id": "st:110107001"} in got["data"]["area"]["bodies"]
    finally:
        proc.terminate()
        proc.wait(10)
