"""A running server answers from a new list version as soon as it is applied, without a restart: a sync from the
command line on the same store file, then an admin's syncLists mutation. A real server process, real HTTP.

While the server takes a version up, every answer is wholly old or wholly new: one request asks for the street
and the office named after it, and the two names always belong to the same version.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from loaders.dataset import BUNDLED
from tests.test_serve_neo4j import REPO, serving

STREETS = "divisions/beijing_streets.csv"
NAMES = '{ area(code: "110101002") { name } body(id: "st:110101002") { ... on Body { name } } }'
OLD = ("景山街道", "景山街道办事处")
NEW = ("景山新街道", "景山新街道办事处")


def post(url: str, query: str, token: str = "") -> dict:
    headers = {"Content-Type": "application/json", **({"Authorization": f"Bearer {token}"} if token else {})}
    request = urllib.request.Request(url + "/graphql", json.dumps({"query": query}).encode(), headers)
    return json.loads(urllib.request.urlopen(request, timeout=60).read())


def names(url: str) -> tuple[str, str]:
    data = post(url, NAMES)["data"]
    return data["area"]["name"], data["body"]["name"]


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "api.cli", *args], cwd=REPO, capture_output=True, text=True, timeout=300, check=True
    )


def wait_for(url: str, want: tuple[str, str], timeout: float = 60) -> list[tuple[str, str]]:
    """Ask until the answer is `want`; every answer seen on the way is returned."""
    seen = []
    deadline = time.monotonic() + timeout
    while not seen or seen[-1] != want:
        assert time.monotonic() < deadline, f"the server still answers {seen[-1]} after {timeout} s"
        seen.append(names(url))
        time.sleep(0.05)
    return seen


def test_server_follows_syncs(tmp_path: Path) -> None:
    db, ledger = tmp_path / "graph.sqlite", tmp_path / "whistles.sqlite"
    cli("sync", str(BUNDLED), "--db", str(db), "--effective", "2024-01-01")
    token = cli("token", "lists-admin", "--role", "admin", "--db", str(db), "--ledger", str(ledger)).stdout.strip()
    renamed = tmp_path / "data"
    shutil.copytree(BUNDLED, renamed)
    path = renamed / STREETS
    path.write_text(path.read_text(encoding="utf-8").replace("110101002,景山街道,", "110101002,景山新街道,", 1))

    env = {"WHISTLEGRAPH_LEDGER": str(ledger), "WHISTLEGRAPH_FOLLOW_SECONDS": "0.2"}
    with serving(["--db", str(db)], tmp_path, env) as url:
        assert names(url) == OLD
        cli("sync", str(renamed), "--db", str(db), "--effective", "2026-03-01")
        seen = wait_for(url, NEW)
        assert set(seen) <= {OLD, NEW}, f"a half-seen version: {set(seen) - {OLD, NEW}}"

        versions = post(url, "{ listVersions { number effective appliedBy changed } }")["data"]["listVersions"]
        assert [(v["number"], v["effective"], v["changed"]) for v in versions] == [
            (1, "2024-01-01", 0),
            (2, "2026-03-01", 4),
        ]

        mutation = f'mutation {{ syncLists(directory: "{BUNDLED}", effective: "2026-04-01") {{ applied changed version {{ number appliedBy }} }} }}'
        refused = post(url, mutation)
        assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        result = post(url, mutation, token)["data"]["syncLists"]
        assert result == {"applied": True, "changed": 4, "version": {"number": 3, "appliedBy": "api:lists-admin"}}
        assert names(url) == OLD, "the mutation answers after the server has taken the version up"

        changes = post(
            url, '{ changes(since: "2026-04-01", label: "Area") { version action id fields { field before after } } }'
        )
        assert changes["data"]["changes"] == [
            {
                "version": 3,
                "action": "CHANGED",
                "id": "110101002",
                "fields": [{"field": "name", "before": '"景山新街道"', "after": '"景山街道"'}],
            }
        ]
        bad = renamed / "divisions/beijing_districts.csv"
        bad.write_text(bad.read_text(encoding="utf-8").replace("110102,西城区", "110102"))
        refusal = post(url, mutation.replace(str(BUNDLED), str(renamed)), token)["errors"][0]
        assert refusal["extensions"]["code"] == "LISTS_REFUSED"
        assert refusal["extensions"]["problems"] == [
            "divisions/beijing_districts.csv:3: 1 field(s) but the header has 2"
        ]
