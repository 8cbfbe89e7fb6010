"""A Bolt server for the tests: the real Neo4j at NEO4J_URI, or ArcadeDB started here.

No Neo4j 5 server can be installed from the registries CI reaches, so without NEO4J_URI
the fixtures start ArcadeDB's Bolt endpoint from the `arcadedb-embedded` wheel (its own
JRE and jars; see /work/shared/notes/neo4j-in-ci.md). A server that cannot be started or
reached fails the tests loudly: the Neo4j path is never skipped.

`start_arcadedb()` is importable on its own (bench/neo4j_bench.py uses it).
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from neo4j import GraphDatabase
from neo4j.exceptions import DriverError, Neo4jError

from graph.history_neo4j import HISTORY_LABELS
from graph.neo4j_store import Neo4jStore
from graph.vocabulary import Label
from loaders.dataset import BUNDLED, read_dataset
from whistles.ledger_neo4j import LEDGER_LABELS

HEAP = "2g"  # the CI machine has 2 cores and 24 GB; ArcadeDB runs in ~1 GB with this
START_TIMEOUT = 90.0  # seconds; it answers within a few seconds even on a busy machine


@dataclass(frozen=True)
class BoltServer:
    """Where a Bolt server listens and how to log in."""

    uri: str
    user: str
    password: str
    database: str = "neo4j"

    @property
    def auth(self) -> tuple[str, str]:
        return (self.user, self.password)

    def store(self) -> Neo4jStore:
        return Neo4jStore(self.uri, self.user, self.password, self.database)


class ArcadeDB:
    """An ArcadeDB server process in its own process group, with a throw-away root directory."""

    def __init__(self, process: subprocess.Popen[bytes], root: Path, server: BoltServer) -> None:
        self.process = process
        self.root = root
        self.server = server

    @property
    def log(self) -> Path:
        return self.root / "server.log"

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError as exc:
            return f"(no log: {exc})"

    def stop(self) -> None:
        """Stop the JVM and everything it started, then remove its files."""
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
            except ProcessLookupError:
                pass
        shutil.rmtree(self.root, ignore_errors=True)


def arcadedb_home() -> Path:
    """The installed arcadedb_embedded package: its bundled jre/ and jars/."""
    import arcadedb_embedded

    return Path(arcadedb_embedded.__file__).resolve().parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_arcadedb(heap: str = HEAP, timeout: float = START_TIMEOUT) -> ArcadeDB:
    """Start ArcadeDB with its Bolt plugin on free local ports; wait until Bolt answers.

    Raises RuntimeError, with the end of the server log, if it exits or does not answer in time.
    """
    home = arcadedb_home()
    java = home / "jre" / "bin" / "java"
    if not java.exists():
        raise RuntimeError(f"arcadedb-embedded has no bundled JRE at {java}; run ./dev setup")
    root = Path(tempfile.mkdtemp(prefix="whistlegraph-arcadedb-"))
    password = secrets.token_urlsafe(16)
    bolt_port, http_port = _free_port(), _free_port()
    command = [
        str(java),
        f"-Xmx{heap}",
        "-cp",
        str(home / "jars" / "*"),
        f"-Darcadedb.server.rootPath={root}",
        f"-Darcadedb.server.databaseDirectory={root / 'databases'}",
        f"-Darcadedb.server.rootPassword={password}",
        "-Darcadedb.server.defaultDatabases=neo4j[root]",
        "-Darcadedb.server.httpIncomingHost=127.0.0.1",
        f"-Darcadedb.server.httpIncomingPort={http_port}",
        "-Darcadedb.server.plugins=Bolt:com.arcadedb.bolt.BoltProtocolPlugin",
        "-Darcadedb.bolt.host=127.0.0.1",
        f"-Darcadedb.bolt.port={bolt_port}",
        "-Darcadedb.bolt.defaultDatabase=neo4j",
        "com.arcadedb.server.ArcadeDBServer",
    ]
    with open(root / "server.log", "wb") as log:
        process = subprocess.Popen(
            command, cwd=root, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True
        )
    server = ArcadeDB(process, root, BoltServer(f"bolt://127.0.0.1:{bolt_port}", "root", password))
    try:
        _wait_for_bolt(server, timeout)
    except BaseException:
        server.stop()
        raise
    return server


def _wait_for_bolt(server: ArcadeDB, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    last_error: Exception | None = None
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(
                f"ArcadeDB exited with status {server.process.returncode} before Bolt answered; "
                f"end of its log:\n{server.log_tail()}"
            )
        try:
            with GraphDatabase.driver(server.server.uri, auth=server.server.auth, connection_timeout=2) as driver:
                with driver.session(database=server.server.database) as session:  # no retries, unlike execute_query
                    session.run("RETURN 1").consume()
            return
        except (DriverError, Neo4jError, OSError) as exc:
            last_error = exc
            time.sleep(0.25)
    raise RuntimeError(
        f"ArcadeDB's Bolt endpoint at {server.server.uri} did not answer within {timeout:g} s "
        f"(last error: {last_error!r}); end of its log:\n{server.log_tail()}"
    )


def clear_database(server: BoltServer, batch: int = 10_000) -> None:
    """Delete every node and relationship, a batch per transaction so a large graph fits in memory.

    Refuses a database holding nodes this project never writes (the graph and the whistle
    ledger): NEO4J_URI should name a scratch database, and a typo should not wipe someone's data.
    """
    ours = [*tuple(Label), *LEDGER_LABELS, *HISTORY_LABELS]
    with GraphDatabase.driver(server.uri, auth=server.auth) as driver:
        foreign, _, _ = driver.execute_query(
            "MATCH (n) WHERE size(labels(n)) <> 1 OR NOT labels(n)[0] IN $labels RETURN count(n) AS n",
            labels=ours,
            database_=server.database,
        )
        if foreign[0]["n"]:
            raise RuntimeError(
                f"database {server.database!r} at {server.uri} holds {foreign[0]['n']} nodes with labels other "
                f"than {', '.join(ours)}; the tests empty the database, so point NEO4J_URI at a scratch one"
            )
        while True:
            records, _, _ = driver.execute_query(
                "MATCH (n) WITH n LIMIT $batch DETACH DELETE n RETURN count(*) AS deleted",
                batch=batch,
                database_=server.database,
            )
            if records[0]["deleted"] == 0:
                return


@pytest.fixture(scope="session")
def bolt_server() -> Iterator[BoltServer]:
    """The Bolt server under test: Neo4j at NEO4J_URI if set, else a fresh ArcadeDB (stopped at the end)."""
    if os.environ.get("NEO4J_URI"):
        yield BoltServer(
            os.environ["NEO4J_URI"],
            os.environ.get("NEO4J_USER", "neo4j"),
            os.environ.get("NEO4J_PASSWORD", ""),
            os.environ.get("NEO4J_DATABASE", "neo4j"),
        )
        return
    try:
        arcade = start_arcadedb()
    except Exception as exc:  # any failure to start must fail the run, never skip it
        pytest.fail(f"could not start ArcadeDB for the Bolt tests (set NEO4J_URI to use a Neo4j instead): {exc}")
    try:
        yield arcade.server
    finally:
        arcade.stop()


@pytest.fixture(scope="session")
def bolt_store(bolt_server: BoltServer) -> Iterator[Neo4jStore]:
    """A Neo4jStore on the Bolt server, emptied and then loaded with the bundled dataset."""
    try:
        clear_database(bolt_server)
        store = bolt_server.store()
    except Exception as exc:  # an unreachable server must fail the run, never skip it
        pytest.fail(f"cannot use the Bolt server at {bolt_server.uri}: {exc}")
    store.apply(read_dataset(BUNDLED))
    try:
        yield store
    finally:
        store.close()
