"""What only the Bolt store has to prove: atomic loads, idempotent reloads and schema, one round trip per question.

These run against the server tests/bolt.py provides (ArcadeDB, or Neo4j at NEO4J_URI) and
leave its database as they found it, since the contract tests share it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import neo4j._sync.io._bolt._bolt_socket as bolt_socket
import pytest
from neo4j import GraphDatabase
from neo4j._sync.work.transaction import TransactionBase
from neo4j.exceptions import Neo4jError

from graph import neo4j_store
from graph.embedded import EmbeddedStore
from graph.errors import StoreError
from graph.model import Batch, Edge, Node
from graph.neo4j_store import Neo4jStore
from graph.store import NodeQuery
from graph.vocabulary import EdgeType, Label
from tests.bolt import BoltServer

pytestmark = pytest.mark.bolt

PROBE = "probe:"  # id prefix of everything these tests write; removed again afterwards


@pytest.fixture
def round_trips(monkeypatch: pytest.MonkeyPatch) -> Callable[[Callable[[], Any]], int]:
    """Count the times the driver flushes to a Bolt socket while a call runs.

    Every request/response exchange starts with one flush (RUN and PULL go out together),
    so this is the number of round trips the call cost.
    """
    sends: list[int] = []
    real_sendall = bolt_socket.BoltSocket.sendall

    def counting_sendall(self: Any, data: bytes) -> Any:
        sends.append(len(data))
        return real_sendall(self, data)

    monkeypatch.setattr(bolt_socket.BoltSocket, "sendall", counting_sendall)

    def measure(call: Callable[[], Any]) -> int:
        call()  # a first call may open a pooled connection (HELLO, LOGON): not the question's cost
        sends.clear()
        call()
        return len(sends)

    return measure


@pytest.fixture
def probe_cleanup(bolt_server: BoltServer) -> Iterator[None]:
    """Remove whatever a test wrote under the probe: prefix, even when it fails."""
    yield
    with GraphDatabase.driver(bolt_server.uri, auth=bolt_server.auth) as driver:
        driver.execute_query(
            "MATCH (n) WHERE n.id STARTS WITH $prefix DETACH DELETE n", prefix=PROBE, database_=bolt_server.database
        )


def _snapshot(store: Neo4jStore, batch: Batch) -> dict[str, Any]:
    """Counts plus every 50th node and the edges around it: enough to see any trace of a load."""
    ids = [n.id for n in batch.nodes[::50]]
    return {
        "counts": store.counts(),
        "nodes": store.get_nodes(ids),
        "out": {
            t: store.neighbours(ids, t, "out") for t in (EdgeType.PART_OF, EdgeType.REPORTS_TO, EdgeType.DELEGATED_TO)
        },
        "in": {
            t: store.neighbours(ids, t, "in") for t in (EdgeType.PART_OF, EdgeType.REPORTS_TO, EdgeType.DELEGATED_TO)
        },
    }


def test_failed_load_leaves_database_as_it_was(
    bolt_store: Neo4jStore, bundled_batch: Batch, monkeypatch: pytest.MonkeyPatch, probe_cleanup: None
) -> None:
    before = _snapshot(bolt_store, bundled_batch)
    # A large load that touches every record, adds 5,000 nodes and edges, and ends with one
    # edge whose property the server rejects (a map), in the very last UNWIND batch.
    changed = Batch(
        [Node(n.id, n.label, {**n.props, "probe": "changed"}) for n in bundled_batch.nodes],
        [Edge(e.source, e.type, e.target, e.key, {**e.props, "probe": "changed"}) for e in bundled_batch.edges],
    )
    changed.nodes += [Node(f"{PROBE}{i}", Label.AREA, {"name": f"probe {i}"}) for i in range(5000)]
    changed.edges += [Edge(f"{PROBE}{i}", EdgeType.PART_OF, "110000") for i in range(5000)]
    duty = next(n.id for n in bundled_batch.nodes if n.label == Label.DUTY)
    kind = next(n.id for n in bundled_batch.nodes if n.label == Label.HOLDER_KIND)
    changed.edges.append(Edge(duty, EdgeType.DELEGATED_TO, kind, "probe", {"bad": {"a map": "is no property value"}}))

    statements: list[str] = []
    real_run = TransactionBase.run

    def recording_run(self: Any, query: str, *args: Any, **kwargs: Any) -> Any:
        statements.append(query)
        return real_run(self, query, *args, **kwargs)

    monkeypatch.setattr(TransactionBase, "run", recording_run)
    with pytest.raises(StoreError, match="nothing was written"):
        bolt_store.apply(changed)
    monkeypatch.undo()

    last_merge = neo4j_store.EDGE_MERGE[(EdgeType.DELEGATED_TO, Label.DUTY, Label.HOLDER_KIND)]
    assert statements[-1] == last_merge, "the bad row should fail in the last write of the load"
    writes = [q for q in statements if q in neo4j_store.NODE_MERGE.values() or q in neo4j_store.EDGE_MERGE.values()]
    assert len(writes) >= 20, f"only {len(writes)} write batches ran before the failure; the test wants a late one"
    assert _snapshot(bolt_store, bundled_batch) == before
    assert bolt_store.get_nodes([f"{PROBE}0", f"{PROBE}4999"]) == [None, None]
    assert bolt_store.count_nodes(NodeQuery(Label.AREA, props=(("probe", "changed"),))) == 0


def test_reload_changes_nothing(bolt_store: Neo4jStore, embedded_store: EmbeddedStore, bundled_batch: Batch) -> None:
    before = _snapshot(bolt_store, bundled_batch)
    report = bolt_store.apply(bundled_batch)
    assert not report.changed
    assert report == embedded_store.apply(bundled_batch)
    assert report.unchanged_nodes == len({n.id for n in bundled_batch.nodes})
    assert report.unchanged_edges == len({e.ident for e in bundled_batch.edges})
    assert _snapshot(bolt_store, bundled_batch) == before


def test_updates_replace_properties_like_the_embedded_store(bolt_store: Neo4jStore, probe_cleanup: None) -> None:
    """Same reports for the same sequence of loads, and a property left out of a reload is gone."""
    a, b, c = (f"{PROBE}{x}" for x in "abc")
    loads = [
        Batch(
            [Node(a, Label.AREA, {"name": "A", "old": "x"}), Node(b, Label.AREA, {"name": "B"})],
            [Edge(a, EdgeType.PART_OF, b, "", {"source": "s1"})],
        ),
        Batch(
            [
                Node(a, Label.AREA, {"name": "A"}),
                Node(b, Label.AREA, {"name": "B"}),
                Node(c, Label.AREA, {"name": "C", "n": 3}),
            ],
            [
                Edge(a, EdgeType.PART_OF, b, "", {"source": "s2"}),
                Edge(a, EdgeType.PART_OF, b, "second", {}),
                Edge(c, EdgeType.PART_OF, b),
            ],
        ),
        Batch(
            [Node(a, Label.AREA, {"name": "A"}), Node(a, Label.AREA, {"name": "A2", "flag": True})], []
        ),  # the last one wins
    ]
    reference = EmbeddedStore()
    for batch in loads:
        assert bolt_store.apply(batch) == reference.apply(batch)
    assert bolt_store.get_nodes([a, b, c]) == reference.get_nodes([a, b, c])
    assert bolt_store.neighbours([a, c], EdgeType.PART_OF, "out") == reference.neighbours(
        [a, c], EdgeType.PART_OF, "out"
    )
    assert bolt_store.get_nodes([a])[0].props == {"name": "A2", "flag": True}


def test_refused_loads_write_nothing(bolt_store: Neo4jStore, bundled_batch: Batch, probe_cleanup: None) -> None:
    before = bolt_store.counts()
    city = next(n for n in bundled_batch.nodes if n.id == "110000")
    refused = [
        Batch([Node(f"{PROBE}x", Label.AREA), Node(city.id, Label.BODY, dict(city.props))]),  # a label change
        Batch([Node(f"{PROBE}x", Label.AREA, {"id": "other"})]),  # the reserved id property
        Batch(
            [Node(f"{PROBE}x", Label.AREA)], [Edge(f"{PROBE}x", EdgeType.PART_OF, "no-such-area")]
        ),  # a dangling edge
    ]
    for batch in refused:
        with pytest.raises(StoreError):
            bolt_store.apply(batch)
    assert bolt_store.counts() == before
    assert bolt_store.get_nodes([f"{PROBE}x"]) == [None]


def test_schema_is_created_idempotently(bolt_server: BoltServer, bolt_store: Neo4jStore) -> None:
    def schema() -> tuple[set[tuple[str, ...]], set[tuple[str, ...]]]:
        with GraphDatabase.driver(bolt_server.uri, auth=bolt_server.auth) as driver:
            constraints, _, _ = driver.execute_query("SHOW CONSTRAINTS", database_=bolt_server.database)
            indexes, _, _ = driver.execute_query("SHOW INDEXES", database_=bolt_server.database)
        return (
            {(r["type"], *r["labelsOrTypes"], *r["properties"]) for r in constraints},
            {(*r["labelsOrTypes"], *r["properties"]) for r in indexes},
        )

    first, second = bolt_server.store(), bolt_server.store()  # each one runs every CREATE ... IF NOT EXISTS again
    try:
        constraints, indexes = schema()
        unique = {(label, *props) for type_, label, *props in constraints if type_.startswith("UNIQUE")}
        assert {(label, "id") for label in tuple(Label)} <= unique
        assert set(neo4j_store.LOOKUP_INDEXES) <= indexes
        bolt_server.store().close()
        assert schema() == (constraints, indexes)
        assert first.counts() == bolt_store.counts()
    finally:
        first.close()
        second.close()


def test_uniqueness_is_enforced_by_the_database(bolt_server: BoltServer, bolt_store: Neo4jStore) -> None:
    # Neo4j refuses the statement; ArcadeDB refuses the commit. Either way nothing is written.
    with GraphDatabase.driver(bolt_server.uri, auth=bolt_server.auth) as driver:
        with driver.session(database=bolt_server.database) as session, pytest.raises(Neo4jError):
            session.execute_write(lambda tx: tx.run("CREATE (:Area {id: '110000'})").consume())
        records, _, _ = driver.execute_query(
            "MATCH (n:Area {id: '110000'}) RETURN count(n) AS n", database_=bolt_server.database
        )
    assert records[0]["n"] == 1


@pytest.mark.parametrize(
    "question",
    [
        ("place_context", ("110101001001", ["sro2019-a3-1", "no-such-duty"])),
        ("place_context", ("110107001", [])),
        ("place_context", ("110111105", ["sro2019-a3-1"])),
        ("place_context", ("no-such-place", [])),
        ("chain_context", ("gov:110101",)),
        ("chain_context", ("bj-gongan",)),
        ("chain_context", ("st:110107001",)),
        ("subordinates_context", ("gov:110105", 2)),
        ("subordinates_context", ("gov:110000", 1)),
    ],
    ids=lambda q: f"{q[0]}{q[1]}",
)
def test_one_round_trip_per_question(
    bolt_store: Neo4jStore, round_trips: Callable[[Callable[[], Any]], int], question: tuple[str, tuple[Any, ...]]
) -> None:
    method, args = question
    assert round_trips(lambda: getattr(bolt_store, method)(*args)) == 1


def test_one_round_trip_per_lookup(bolt_store: Neo4jStore, round_trips: Callable[[Callable[[], Any]], int]) -> None:
    calls: dict[str, Callable[[], Any]] = {
        "counts": bolt_store.counts,
        "get_nodes": lambda: bolt_store.get_nodes(["110000", "gov:110000", "nope"]),
        "neighbours": lambda: bolt_store.neighbours(["gov:110000", "st:110107001"], EdgeType.REPORTS_TO, "in"),
        "find_nodes": lambda: bolt_store.find_nodes(
            NodeQuery(Label.AREA, via=(EdgeType.PART_OF, "out", "110107"), limit=5)
        ),
        "count_nodes": lambda: bolt_store.count_nodes(NodeQuery(Label.BODY, props=(("level", "city"),))),
        "all_nodes": lambda: bolt_store.all_nodes(Label.HOLDER_KIND),
    }
    assert {name: round_trips(call) for name, call in calls.items()} == {name: 1 for name in calls}


def test_from_env_needs_a_uri() -> None:
    with pytest.raises(StoreError, match="NEO4J_URI"):
        Neo4jStore.from_env({})


def test_from_env_reads_the_connection(bolt_server: BoltServer) -> None:
    env = {
        "NEO4J_URI": bolt_server.uri,
        "NEO4J_USER": bolt_server.user,
        "NEO4J_PASSWORD": bolt_server.password,
        "NEO4J_DATABASE": bolt_server.database,
    }
    store = Neo4jStore.from_env(env)
    try:
        assert (store.uri, store.user, store.database) == (bolt_server.uri, bolt_server.user, bolt_server.database)
        assert store.kind == "neo4j"
        assert store.get_nodes(["110000"])[0] is not None
    finally:
        store.close()
