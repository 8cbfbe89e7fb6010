"""The default store: a networkx MultiDiGraph in memory, persisted to SQLite.

SQLite gives the all-or-nothing write and crash safety; the in-memory graph gives
microsecond traversals. A load builds the new graph on a copy and swaps it in only
after the SQLite transaction has committed, so readers never see half a load.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Hashable, Iterable, Sequence
from pathlib import Path
from typing import TypeVar

import networkx as nx

from graph import history
from graph.errors import StoreError
from graph.history import ListVersion, VersionChange, VersionDraft
from graph.model import Batch, Edge, LoadReport, Node, Subgraph
from graph.store import Neighbour, NodePage, NodeQuery
from graph.validate import check_batch_ends
from graph.vocabulary import Direction, EdgeType, StoreKind

T = TypeVar("T")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS nodes (id TEXT PRIMARY KEY, label TEXT NOT NULL, props TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS edges (
  source TEXT NOT NULL, type TEXT NOT NULL, target TEXT NOT NULL, key TEXT NOT NULL,
  props TEXT NOT NULL, PRIMARY KEY (source, type, target, key));
"""


def _edge_key(edge: Edge) -> str:
    return f"{edge.type}|{edge.key}"


class EmbeddedStore:
    """networkx graph + optional SQLite file (None keeps everything in memory)."""

    kind = StoreKind.EMBEDDED

    def __init__(self, path: Path | str | None = None) -> None:
        self._lock = threading.Lock()
        self._graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
        self._version = 0
        self._db: sqlite3.Connection | None = None
        if path is not None:
            self._db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            self._db.executescript(_SCHEMA + history.SQLITE_SCHEMA)
            self._data_version = self._db_version()
            self._graph = self._read_db()
        self._versions: list[tuple[dict[str, object], list[dict[str, object]]]] = []  # in memory only

    # -- persistence -------------------------------------------------------------

    def _read_db(self) -> nx.MultiDiGraph[str]:
        assert self._db is not None
        g: nx.MultiDiGraph[str] = nx.MultiDiGraph()
        for id_, label, props in self._db.execute("SELECT id, label, props FROM nodes"):
            g.add_node(id_, node=Node(id_, label, json.loads(props)))
        for source, type_, target, key, props in self._db.execute("SELECT source, type, target, key, props FROM edges"):
            edge = Edge(source, type_, target, key, json.loads(props))
            g.add_edge(source, target, key=_edge_key(edge), edge=edge)
        return g

    def _db_version(self) -> int:
        """Changes with every commit by another connection (a sync from the command line on the same file)."""
        assert self._db is not None
        return int(self._db.execute("PRAGMA data_version").fetchone()[0])

    def reload_if_changed(self) -> bool:
        """Take up what another process committed to the file: the new graph is built aside and swapped in
        whole, so readers see the old version or the new one, never half of one."""
        if self._db is None:
            return False
        with self._lock:
            if self._db_version() == self._data_version:
                return False
            self._data_version = self._db_version()
            self._graph = self._read_db()
            self._version += 1  # answer caches and query workers keyed by data_version() start over
            return True

    def _write_db(self, nodes: Iterable[Node], edges: Iterable[Edge], version: VersionDraft | None = None) -> None:
        assert self._db is not None
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            if version is not None:
                history.sqlite_write(db, version)
            db.executemany(
                "INSERT OR REPLACE INTO nodes (id, label, props) VALUES (?, ?, ?)",
                [(n.id, n.label, json.dumps(dict(n.props), ensure_ascii=False, sort_keys=True)) for n in nodes],
            )
            db.executemany(
                "INSERT OR REPLACE INTO edges (source, type, target, key, props) VALUES (?, ?, ?, ?, ?)",
                [
                    (e.source, e.type, e.target, e.key, json.dumps(dict(e.props), ensure_ascii=False, sort_keys=True))
                    for e in edges
                ],
            )
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    # -- writes ------------------------------------------------------------------

    def apply(self, batch: Batch, version: VersionDraft | None = None) -> LoadReport:
        with self._lock:
            g = self._graph
            check_batch_ends(batch, lambda ids: [self._node(i) for i in ids])
            report = LoadReport()
            new_nodes: list[Node] = []
            for n in _last_by(batch.nodes, lambda n: n.id):
                old = self._node(n.id)
                if old is None:
                    report.created_nodes += 1
                elif old.label != n.label:
                    raise StoreError(f"node {n.id!r} is a {old.label} already; the load gives it as a {n.label}")
                elif dict(old.props) == dict(n.props):
                    report.unchanged_nodes += 1
                    continue
                else:
                    report.updated_nodes += 1
                new_nodes.append(n)
            new_edges: list[Edge] = []
            for e in _last_by(batch.edges, lambda e: e.ident):
                data = g.get_edge_data(e.source, e.target, _edge_key(e)) if g.has_node(e.source) else None
                if data is None:
                    report.created_edges += 1
                elif dict(data["edge"].props) == dict(e.props):
                    report.unchanged_edges += 1
                    continue
                else:
                    report.updated_edges += 1
                new_edges.append(e)
            if not new_nodes and not new_edges:
                return report
            staged = g.copy()
            for n in new_nodes:
                staged.add_node(n.id, node=n)
            for e in new_edges:
                staged.add_edge(e.source, e.target, key=_edge_key(e), edge=e)
            if self._db is not None:
                self._write_db(new_nodes, new_edges, version)
            elif version is not None:
                number = len(self._versions) + 1
                self._versions.append((history.version_row(number, version), history.change_rows(number, version)))
            self._graph = staged
            self._version += 1
            return report

    # -- reads -------------------------------------------------------------------

    def _node(self, id_: str) -> Node | None:
        data = self._graph.nodes.get(id_)
        return data["node"] if data else None

    def data_version(self) -> int | None:
        """Bumped by every load that changed something, and by taking up a sync another process applied
        (reload_if_changed)."""
        return self._version

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for _, data in self._graph.nodes(data=True):
            label = data["node"].label
            out[label] = out.get(label, 0) + 1
        for _, _, data in self._graph.edges(data=True):
            type_ = data["edge"].type
            out[type_] = out.get(type_, 0) + 1
        return dict(sorted(out.items()))

    def get_nodes(self, ids: Sequence[str]) -> list[Node | None]:
        return [self._node(i) for i in ids]

    def _edges(self, node_id: str, edge_type: str, direction: str) -> list[Edge]:
        g = self._graph
        if node_id not in g:
            return []
        view: Iterable[tuple[str, str, Edge]] = (
            g.out_edges(node_id, data="edge") if direction == Direction.OUT else g.in_edges(node_id, data="edge")
        )
        return [e for _, _, e in view if e.type == edge_type]

    def neighbours(self, ids: Sequence[str], edge_type: str, direction: str) -> list[Neighbour]:
        out: list[Neighbour] = []
        for origin in dict.fromkeys(ids):
            for e in self._edges(origin, edge_type, direction):
                other = e.target if direction == Direction.OUT else e.source
                out.append(Neighbour(origin, e, self._graph.nodes[other]["node"]))
        out.sort(key=lambda nb: (nb.origin, nb.edge.ident))
        return out

    def _matches(self, node: Node, q: NodeQuery) -> bool:
        if node.label != q.label:
            return False
        for key, value in q.props:
            if node.props.get(key) != value:  # string properties only: a bool, number or list never equals text
                return False
        if q.name_contains and q.name_contains not in node.name:
            return False
        if q.via:
            type_, direction, other = q.via
            ends = (
                e.target if direction == Direction.OUT else e.source for e in self._edges(node.id, type_, direction)
            )
            if other not in ends:
                return False
        return True

    def _candidates(self, q: NodeQuery) -> list[Node]:
        if q.via:
            type_, direction, other = q.via
            reverse = Direction.IN if direction == Direction.OUT else Direction.OUT
            ids = {e.source if reverse == Direction.IN else e.target for e in self._edges(other, type_, reverse)}
            nodes = [self._graph.nodes[i]["node"] for i in ids]
        else:
            nodes = [data["node"] for _, data in self._graph.nodes(data=True)]
        return sorted((n for n in nodes if self._matches(n, q)), key=lambda n: n.id)

    def find_nodes(self, query: NodeQuery) -> NodePage:
        nodes = [n for n in self._candidates(query) if query.after is None or n.id > query.after]
        return NodePage(nodes[: query.limit], has_next=len(nodes) > query.limit)

    def count_nodes(self, query: NodeQuery) -> int:
        return len(self._candidates(query))

    def all_nodes(self, label: str) -> list[Node]:
        nodes = (data["node"] for _, data in self._graph.nodes(data=True))
        return sorted((n for n in nodes if n.label == label), key=lambda n: n.id)

    def all_edges(self, edge_type: str | None = None) -> list[Edge]:
        # networkx's own adjacency dicts (source -> target -> key -> data): its views cost five times as much here.
        adjacency: dict[str, dict[str, dict[str, dict[str, Edge]]]] = self._graph._adj  # type: ignore[attr-defined]
        edges = [
            data["edge"] for targets in adjacency.values() for keyed in targets.values() for data in keyed.values()
        ]
        return sorted((e for e in edges if edge_type in (None, e.type)), key=lambda e: e.ident)

    def list_versions(self) -> list[ListVersion]:
        if self._db is None:
            return [history.version_of(v) for v, _ in self._versions]
        with self._lock:
            return history.sqlite_versions(self._db)

    def version_changes(self, since: str | None = None, kind: str | None = None) -> list[VersionChange]:
        if self._db is None:
            rows = [r for _, changes in self._versions for r in changes]
            return history.select_changes(self.list_versions(), rows, since, kind)
        with self._lock:
            return history.sqlite_changes(self._db, since, kind)

    # -- question contexts ---------------------------------------------------------

    def _collect(self, sub: Subgraph, edges: Iterable[Edge]) -> list[Edge]:
        got = list(edges)
        sub.edges.extend(got)
        for e in got:
            for end in (e.source, e.target):
                if end not in sub.nodes:
                    sub.nodes[end] = self._graph.nodes[end]["node"]
        return got

    def _around(self, sub: Subgraph, ids: Iterable[str], edge_type: str, direction: str) -> list[Edge]:
        return self._collect(sub, (e for i in list(ids) for e in self._edges(i, edge_type, direction)))

    def _of_type(self, edge_type: str) -> nx.MultiDiGraph[str]:
        """A read-only view of the graph with the edges of one type only."""
        graph = self._graph

        def keep(source: str, target: str, key: object) -> bool:
            edge: Edge = graph.edges[source, target, key]["edge"]
            return edge.type == edge_type

        view: nx.MultiDiGraph[str] = nx.subgraph_view(graph, filter_edge=keep)  # the stubs' overloads give Any
        return view

    def _up(self, start: str, edge_type: str) -> list[str]:
        """The start and everything it reaches along edges of one type (its ancestry, its chain of command)."""
        return [start, *sorted(nx.descendants(self._of_type(edge_type), start))]

    def place_context(self, place_id: str, duty_ids: Sequence[str]) -> Subgraph:
        sub = Subgraph()
        if self._node(place_id) is None:
            return sub
        areas = self._up(place_id, EdgeType.PART_OF)
        sub.add_nodes(self._graph.nodes[a]["node"] for a in areas)
        self._around(sub, areas, EdgeType.PART_OF, Direction.OUT)
        bodies = [e.source for e in self._around(sub, areas, EdgeType.GOVERNS, Direction.IN)]
        teams = [e.source for e in self._around(sub, areas, EdgeType.STATIONED_IN, Direction.IN)]
        parents = [e.target for e in self._around(sub, teams, EdgeType.SENT_BY, Direction.OUT)]
        self._around(sub, teams, EdgeType.REPORTS_TO, Direction.OUT)
        self._around(sub, bodies + parents, EdgeType.OF_KIND, Direction.OUT)
        duties = [d for d in duty_ids if self._node(d) is not None]
        sub.add_nodes(self._graph.nodes[d]["node"] for d in duties)
        self._around(sub, duties, EdgeType.RESPONSIBLE_FOR, Direction.IN)
        self._around(sub, duties, EdgeType.DELEGATED_TO, Direction.OUT)
        return sub.dedupe()

    def chain_context(self, body_id: str) -> Subgraph:
        sub = Subgraph()
        if self._node(body_id) is None:
            return sub
        above = self._up(body_id, EdgeType.REPORTS_TO)
        sub.add_nodes(self._graph.nodes[b]["node"] for b in above)
        self._around(sub, above, EdgeType.REPORTS_TO, Direction.OUT)
        self._around(sub, above, EdgeType.OF_KIND, Direction.OUT)
        below = [e.source for e in self._around(sub, [body_id], EdgeType.REPORTS_TO, Direction.IN)]
        self._around(sub, below, EdgeType.OF_KIND, Direction.OUT)
        territory = [e.target for e in self._around(sub, [body_id], EdgeType.GOVERNS, Direction.OUT)]
        local_teams = [e.source for e in self._around(sub, territory, EdgeType.STATIONED_IN, Direction.IN)]
        self._around(sub, local_teams, EdgeType.SENT_BY, Direction.OUT)
        sent = [e.source for e in self._around(sub, [body_id], EdgeType.SENT_BY, Direction.IN)]
        stations = [e.target for e in self._around(sub, sent + [body_id], EdgeType.STATIONED_IN, Direction.OUT)]
        hosts = [e.source for e in self._around(sub, stations, EdgeType.GOVERNS, Direction.IN)]
        self._around(sub, hosts, EdgeType.OF_KIND, Direction.OUT)
        return sub.dedupe()

    def subordinates_context(self, body_id: str, depth: int) -> Subgraph:
        sub = Subgraph()
        start = self._node(body_id)
        if start is None:
            return sub
        sub.add_nodes([start])
        if depth < 1:
            return sub
        # types-networkx bounds reverse_view by DiGraph[Hashable, ...], which a graph of str nodes does not meet.
        below = nx.reverse_view(self._of_type(EdgeType.REPORTS_TO))  # type: ignore[type-var]
        within = nx.single_source_shortest_path_length(below, body_id, cutoff=depth - 1)
        self._around(sub, sorted(within), EdgeType.REPORTS_TO, Direction.IN)
        return sub.dedupe()

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


def _last_by(items: Iterable[T], key: Callable[[T], Hashable]) -> list[T]:
    """Keep the last of each identity, so a batch may restate a record."""
    return list({key(i): i for i in items}.values())
