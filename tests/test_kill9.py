"""Durability for real: what the server acknowledged survives `kill -9` at any moment.

The real CLI server runs as a subprocess on the embedded store and the SQLite ledger. Client
threads fire blowWhistle / reportIn / evaluate continuously over loopback HTTP and keep every
acknowledged answer (HTTP 200 with data); the server is SIGKILLed at a random moment while
requests are in flight, restarted on the same files, and every acknowledged whistle, report
and evaluation must be there with identical content. Bounded: three kills, each 0-1.5 s after the round's first
acknowledgement, and no request waits more than ANSWER_WITHIN.
"""

from __future__ import annotations

import os
import random
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from graph.embedded import EmbeddedStore
from graph.model import Batch
from tests.http_server import issue_tokens
from whistles.ledger_sqlite import Ledger

REPO = Path(__file__).resolve().parent.parent
KILLS = 3
CLIENTS = 4
ANSWER_WITHIN = 120  # seconds; a ten-second client timeout counted a slow first answer on a loaded machine as a kill
STATIONED = "team:sjs-street-centres:110107001:城管"
FIELDS = """id placeName subject urgency description source orderNumber blownAt blownBy
  calls { bodyId name tier role calledAt deadline }"""
BLOW = f"""mutation($description: String!) {{
  blowWhistle(place: "110107001", subject: "占道经营", description: $description) {{ {FIELDS} }} }}"""
REPORT = """mutation($w: ID!, $onSite: Boolean!) {
  reportIn(whistle: $w, body: "team:sjs-street-centres:110107001:城管", onSite: $onSite) {
    calls { bodyId reportedAt onSite } } }"""
EVALUATE = """mutation($w: ID!, $rating: Int!, $comment: String!) {
  evaluate(whistle: $w, body: "team:sjs-street-centres:110107001:城管", rating: $rating, comment: $comment) {
    evaluations { bodyId rating comment by } } }"""
CHECK = f"""query($w: ID!) {{ whistle(id: $w) {{ {FIELDS}
  reports: calls {{ bodyId reportedAt onSite }} evaluations {{ bodyId rating comment by }} timeline {{ seq }} }} }}"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`python -m api.cli --db DB serve` as a subprocess, with the ledger in WHISTLEGRAPH_LEDGER."""

    def __init__(self, db: Path, ledger: Path, log: Path) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}/graphql"
        env = {**os.environ, "WHISTLEGRAPH_LEDGER": str(ledger), "WHISTLEGRAPH_SWEEP_SECONDS": "0.5"}
        cmd = [sys.executable, "-m", "api.cli", "--db", str(db), "serve", "--port", str(self.port)]
        self._log = log.open("ab")
        self.proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=self._log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + ANSWER_WITHIN
        while True:
            try:
                httpx.get(f"http://127.0.0.1:{self.port}/health", timeout=2).raise_for_status()
                return
            except httpx.TransportError:
                assert self.proc.poll() is None, log.read_text(errors="replace")
                assert time.monotonic() < deadline, f"the server did not answer within {ANSWER_WITHIN} s"
                time.sleep(0.05)

    def kill(self) -> None:
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(10)
        self._log.close()

    def stop(self) -> int:
        """SIGTERM: uvicorn's graceful shutdown (which also stops the deadline sweep), then it re-raises the signal."""
        self.proc.terminate()
        code = self.proc.wait(20)
        self._log.close()
        return code


@dataclass
class Acks:
    """What the server acknowledged, by whistle: the blown whistle, its report, its evaluation."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    whistles: dict[str, dict] = field(default_factory=dict)
    reports: dict[str, dict] = field(default_factory=dict)
    evaluations: dict[str, dict] = field(default_factory=dict)
    cut_off: int = 0  # requests that were in flight when the server died
    failures: list[str] = field(default_factory=list)  # answers that were neither data nor a dead server

    def keep(self, kind: dict[str, dict], whistle: str, value: dict) -> None:
        with self.lock:
            kind[whistle] = value


def _client(url: str, tokens: dict[str, str], acks: Acks, name: int, stop: threading.Event) -> None:
    """Blow, report in, evaluate, again and again, until the server dies or the round ends."""
    street = {"Authorization": f"Bearer {tokens['street']}"}
    department = {"Authorization": f"Bearer {tokens['department']}"}
    rng = random.Random(name)

    def send(http: httpx.Client, query: str, headers: dict[str, str], **variables: object) -> dict:
        got = http.post(url, json={"query": query, "variables": variables}, headers=headers)
        body = got.json()
        assert got.status_code == 200 and "errors" not in body, body
        return body["data"]

    # a first answer can take long on a loaded machine (the matcher warms up); the kill ends a request at once
    with httpx.Client(timeout=ANSWER_WITHIN) as http:
        n = 0
        while not stop.is_set():
            n += 1
            try:
                w = send(http, BLOW, street, description=f"kill -9 test: client {name}, whistle {n}")["blowWhistle"]
                acks.keep(acks.whistles, w["id"], w)
                calls = send(http, REPORT, department, w=w["id"], onSite=rng.random() < 0.5)["reportIn"]["calls"]
                acks.keep(acks.reports, w["id"], next(c for c in calls if c["bodyId"] == STATIONED))
                rating, comment = rng.randint(40, 100), f"评价 {name}-{n}"
                given = send(http, EVALUATE, street, w=w["id"], rating=rating, comment=comment)["evaluate"]
                acks.keep(acks.evaluations, w["id"], given["evaluations"][0])
            except httpx.TimeoutException as err:  # a slow server is not a dead one: no answer at all is a failure
                with acks.lock:
                    acks.failures.append(f"client {name}: no answer within {ANSWER_WITHIN} s ({err!r})")
                return
            except httpx.TransportError:
                with acks.lock:
                    acks.cut_off += 1
                return
            except Exception as err:  # noqa: BLE001 - a thread's failure must reach the test, not the console
                with acks.lock:
                    acks.failures.append(f"client {name}: {err!r}")
                return


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory, bundled_batch: Batch) -> Iterator[tuple[Path, Path, Path]]:
    """The graph file (bundled Beijing data), the ledger with real tokens, and the servers' log."""
    root = tmp_path_factory.mktemp("kill9")
    db, ledger_path = root / "graph.sqlite", root / "whistles.sqlite"
    store = EmbeddedStore(db)
    store.apply(bundled_batch)
    ledger = Ledger(ledger_path)
    tokens = issue_tokens(ledger, store)
    ledger.close()
    store.close()
    (root / "tokens").write_text("\n".join(f"{k}={v}" for k, v in tokens.items()))
    yield db, ledger_path, root / "server.log"


def _tokens(ledger_path: Path) -> dict[str, str]:
    return dict(line.split("=", 1) for line in (ledger_path.parent / "tokens").read_text().splitlines())


def _check_everything_acknowledged(url: str, admin: str, acks: Acks) -> None:
    with httpx.Client(timeout=10, headers={"Authorization": f"Bearer {admin}"}) as http:
        for wid, blown in acks.whistles.items():
            got = http.post(url, json={"query": CHECK, "variables": {"w": wid}}).json()
            assert "errors" not in got, got
            w = got["data"]["whistle"]
            assert {k: w[k] for k in blown} == blown, f"acknowledged whistle {wid} changed or lost"
            assert [e["seq"] for e in w["timeline"]] == list(range(1, len(w["timeline"]) + 1))
            if wid in acks.reports:
                assert next(c for c in w["reports"] if c["bodyId"] == STATIONED) == acks.reports[wid], wid
            if wid in acks.evaluations:
                assert acks.evaluations[wid] in w["evaluations"], wid


def test_acknowledged_writes_survive_kill_9(files: tuple[Path, Path, Path]) -> None:
    db, ledger_path, log = files
    tokens = _tokens(ledger_path)
    acks = Acks()
    rng = random.Random(9)
    server = Server(db, ledger_path, log)
    try:
        for round_ in range(KILLS):
            before = len(acks.whistles)
            stop = threading.Event()
            clients = [
                threading.Thread(target=_client, args=(server.url, tokens, acks, round_ * CLIENTS + i, stop))
                for i in range(CLIENTS)
            ]
            for c in clients:
                c.start()
            # kill only once this round has something to lose: on a loaded machine the clients' first
            # acknowledgement can take longer than any fixed pause, and a round that lost nothing proves nothing
            deadline = time.monotonic() + ANSWER_WITHIN
            while len(acks.whistles) == before and time.monotonic() < deadline:
                time.sleep(0.05)
            time.sleep(rng.uniform(0.0, 1.5))
            server.kill()  # while the clients' requests are in flight
            stop.set()
            for c in clients:
                c.join(15)
                assert not c.is_alive(), "a client did not notice the dead server"
            assert acks.failures == []
            assert len(acks.whistles) > before, f"round {round_}: no whistle was acknowledged before the kill"
            server = Server(db, ledger_path, log)  # the same files
            _check_everything_acknowledged(server.url, tokens["admin"], acks)
        assert acks.cut_off > 0, "no request was in flight at any kill: the test proved nothing"
    finally:
        code = server.stop()
    assert code == -signal.SIGTERM
    shutdown = f"Application shutdown complete.\nINFO:     Finished server process [{server.proc.pid}]\n"
    assert log.read_text(errors="replace").endswith(shutdown), "SIGTERM ends the lifespan (and the sweep) cleanly"
    with sqlite3.connect(ledger_path) as check:
        assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert acks.reports and acks.evaluations, "reports and evaluations were acknowledged too"
