"""`whistlegraph serve --store neo4j` serves the same GraphQL answers as the embedded default.

Both servers are real processes started as a user would start them: one on the Bolt server the
fixtures run (ArcadeDB, or the Neo4j at NEO4J_URI), one on a fresh embedded store file.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from graph.neo4j_store import Neo4jStore
from tests.bolt import BoltServer

pytestmark = pytest.mark.bolt

REPO = Path(__file__).resolve().parent.parent
QUERIES = [
    '{ responders(whistle: {place: "110107001", subject: "占道经营", urgency: URGENT}) '
    "{ responders { rank tier role body { id name provenance { kind rule } } why path { text } } } }",
    '{ responsible(place: "110101001001", subject: "养犬登记") { assignments { role level body { id } resolution } notes } }',
    '{ reportingChain(body: "team:sjs-street-centres:110107001:公安") { chains { line steps { parent { id } fallback } } } }',
    '{ areas(parent: "110111", first: 5) { totalCount edges { node { code name } } pageInfo { hasNextPage } } }',
    '{ body(id: "dd:110107:bj-gongan") { ... on Body { name reportsTo { line primary body { ... on Body { id } } } } } }',
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(args: list[str], cwd: Path, env: dict[str, str]) -> Iterator[str]:
    port = _free_port()
    cmd = [sys.executable, "-m", "api.cli", *args, "serve", "--port", str(port)]
    log = (cwd / f"serve-{port}.log").open("wb")
    proc = subprocess.Popen(cmd, cwd=cwd, env={**os.environ, "PYTHONPATH": str(REPO), **env}, stdout=log, stderr=log)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                urllib.request.urlopen(url + "/health", timeout=2).read()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"server did not start: {(cwd / log.name).read_text(errors='replace')[-2000:]}")
                time.sleep(0.5)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()


def ask(url: str, query: str) -> dict:
    body = json.dumps({"query": query}).encode()
    request = urllib.request.Request(url + "/graphql", body, {"Content-Type": "application/json"})
    return json.loads(urllib.request.urlopen(request, timeout=60).read())


def test_neo4j_server_answers_like_embedded(tmp_path: Path, bolt_server: BoltServer, bolt_store: Neo4jStore) -> None:
    neo4j_env = {
        "NEO4J_URI": bolt_server.uri,
        "NEO4J_USER": bolt_server.user,
        "NEO4J_PASSWORD": bolt_server.password,
        "NEO4J_DATABASE": bolt_server.database,
    }
    (tmp_path / "neo4j").mkdir()
    (tmp_path / "embedded").mkdir()
    with (
        serving(["--store", "neo4j"], tmp_path / "neo4j", neo4j_env) as neo4j,
        serving(["--db", str(tmp_path / "embedded" / "g.sqlite")], tmp_path / "embedded", {}) as embedded,
    ):
        health = json.loads(urllib.request.urlopen(neo4j + "/health").read())
        assert health["store"] == "neo4j" and health["counts"]["Duty"] == 4244
        for query in QUERIES:
            got, want = ask(neo4j, query), ask(embedded, query)
            assert "errors" not in got, got
            assert got == want
        first = ask(neo4j, QUERIES[0])["data"]["responders"]["responders"][0]
        assert first["body"]["id"] == "team:sjs-street-centres:110107001:城管"
