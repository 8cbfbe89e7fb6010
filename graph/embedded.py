"""The default store: SQLite is both the store of record and the read path, in a file or in memory.

Opening a file reads only its schema: every read is an indexed query (nodes by id and by label, edges by
(source, type) and by (target, type)), and what a question touched is kept in a per-version read cache, so a
repeated question runs at in-memory speed while a national graph of millions of records never has to be read
whole. A load is one transaction (WAL, synchronous=FULL) that compares the batch with existing rows by key, a
chunk at a time, so it never needs the whole graph in memory either.

Readers see one version at a time: on a file they read through their own connection inside a read transaction
pinned to a snapshot, which moves only when this process applies a load or reload_if_changed takes up a sync
another process committed; the cache is dropped at the same moment, so an answer never mixes two versions.
"""

from __future__ import annotations

import itertools
import os
import sqlite3
import threading
import weakref
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

import orjson

from graph import history
from graph.errors import StoreError
from graph.history import ListVersion, VersionChange, VersionDraft
from graph.model import Batch, Edge, EdgeIdent, LoadReport, Node, Subgraph, props_text
from graph.store import Neighbour, NodePage, NodeQuery, StoredRecords
from graph.validate import check_batch_ends
from graph.vocabulary import Direction, EdgeType, StoreKind

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)

# WITHOUT ROWID: a node or edge is one entry of its primary-key b-tree, so a lookup by key is one descent.
# `tallies` keeps nodes by label and edges by type (nothing is ever deleted), so counts() reads no data.
_SCHEMA = """
CREATE TABLE IF NOT EXISTS nodes (id TEXT PRIMARY KEY, label TEXT NOT NULL, props TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS edges (
  source TEXT NOT NULL, type TEXT NOT NULL, target TEXT NOT NULL, key TEXT NOT NULL,
  props TEXT NOT NULL, PRIMARY KEY (source, type, target, key)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS nodes_by_label ON nodes (label, id);
CREATE INDEX IF NOT EXISTS edges_by_target ON edges (target, type);
CREATE TABLE IF NOT EXISTS tallies (kind TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
"""

CHUNK = 500  # keys per IN (...) list: well under SQLite's limit on variables, big enough to amortise a statement
CACHE_LIMIT = 400_000  # cached nodes or adjacency lists per version; past it the cache starts over (bounded memory)

_NODE_COLUMNS = "id, label, props"
_EDGE_COLUMNS = "source, type, target, key, props"


def _node(row: tuple[str, str, str]) -> Node:
    return Node(row[0], row[1], orjson.loads(row[2]))


def _edge(row: tuple[str, str, str, str, str]) -> Edge:
    return Edge(row[0], row[1], row[2], row[3], orjson.loads(row[4]))


def _batched(items: Iterable[T], size: int = CHUNK) -> Iterator[list[T]]:
    """Chunks of an iterable, without listing it whole first (a national load has millions of records)."""
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def _marks(n: int) -> str:
    return ",".join("?" * n)


def _connect(target: str) -> sqlite3.Connection:
    db = sqlite3.connect(target, check_same_thread=False, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    return db


class _ReadCache:
    """What one data version's questions touched: nodes by id and edges by (node, type, direction)."""

    def __init__(self) -> None:
        self.nodes: dict[str, Node | None] = {}
        self.edges: dict[tuple[str, str, str], tuple[Edge, ...]] = {}

    def bound(self) -> None:
        if len(self.nodes) > CACHE_LIMIT:
            self.nodes.clear()
        if len(self.edges) > CACHE_LIMIT:
            self.edges.clear()


class EmbeddedStore:
    """SQLite in a file, or in memory with None: the same code either way."""

    kind = StoreKind.EMBEDDED

    def __init__(self, path: Path | str | None = None) -> None:
        self._path = None if path is None else str(path)
        self._read_lock = threading.RLock()  # one reader at a time on the read connection
        self._write_lock = threading.Lock()  # one load at a time
        self._db: sqlite3.Connection | None = _connect(self._path or ":memory:")
        self._db.executescript(_SCHEMA + history.SQLITE_SCHEMA)
        self._writer: sqlite3.Connection | None = None  # a file's loads write through their own connection
        self._cache = _ReadCache()
        self._version = 0
        _fill_tallies(self._db)
        self._data_version = self._pin()
        if self._path is not None:
            _FILE_STORES.add(self)

    def _after_fork(self) -> None:
        """In a forked child (api/pool.py's query workers): SQLite connections must not cross a fork, so the
        child reads through a connection of its own. The inherited ones are kept, never closed: closing one
        could checkpoint and remove the WAL the parent is using."""
        _INHERITED.extend(db for db in (self._db, self._writer) if db is not None)
        self._read_lock = threading.RLock()
        self._write_lock = threading.Lock()
        self._writer = None
        if self._db is not None:
            assert self._path is not None
            self._db = _connect(self._path)
            self._data_version = self._pin()  # this connection's own count; data_version() stays the parent's

    # -- versions and the read snapshot ------------------------------------------------------

    def _conn(self) -> sqlite3.Connection:
        if self._db is None:
            raise StoreError("the store is closed")
        return self._db

    def _pin(self) -> int:
        """Start a read transaction on the latest committed version (a file only: in memory there is one
        connection, and loads hold the read lock); returns that version's PRAGMA data_version."""
        db = self._conn()
        if db.in_transaction:
            db.execute("COMMIT")
        version = int(db.execute("PRAGMA data_version").fetchone()[0])
        if self._path is not None:
            db.execute("BEGIN")
            db.execute("SELECT 1 FROM tallies LIMIT 1").fetchall()  # the first read fixes the snapshot
        return version

    def _new_version(self) -> None:
        self._cache = _ReadCache()
        self._version += 1  # answer caches and query workers keyed by data_version() start over

    def reload_if_changed(self) -> bool:
        """Take up what another process committed to the file: the snapshot and the read cache move together,
        so readers see the old version or the new one, never half of one."""
        if self._path is None:
            return False
        with self._read_lock:
            version = self._pin()
            if version == self._data_version:
                return False
            self._data_version = version
            self._new_version()
            return True

    def data_version(self) -> int | None:
        """Bumped by every load that changed something, and by taking up a sync another process applied
        (reload_if_changed)."""
        return self._version

    # -- writes ------------------------------------------------------------------------------

    def apply(self, batch: Batch, version: VersionDraft | None = None) -> LoadReport:
        with self._write_lock:
            if self._path is None:  # one connection: readers wait for the whole load, never see part of it
                with self._read_lock:
                    return self._apply(self._conn(), batch, version)
            if self._writer is None:
                self._writer = _connect(self._path)
                self._writer.execute("PRAGMA cache_size=-65536")  # 64 MB of pages for a big load's b-trees
            return self._apply(self._writer, batch, version)

    def _apply(self, db: sqlite3.Connection, batch: Batch, version: VersionDraft | None) -> LoadReport:
        report = LoadReport()
        tallies: dict[str, int] = {}
        db.execute("BEGIN IMMEDIATE")
        try:
            check_batch_ends(batch, self._lookup_for_load(db))
            fresh = db.execute("SELECT 1 FROM nodes LIMIT 1").fetchone() is None  # nothing stored to compare with
            for chunk in _batched(_last_by(batch.nodes, lambda n: n.id).items()):
                rows = _changed_nodes(chunk, {} if fresh else _stored_nodes(db, chunk), report, tallies)
                db.executemany(f"INSERT OR REPLACE INTO nodes ({_NODE_COLUMNS}) VALUES (?, ?, ?)", rows)
            for edge_chunk in _batched(_last_by(batch.edges, lambda e: e.ident).items()):
                stored = {} if fresh else _stored_edges(db, edge_chunk)
                edge_rows = _changed_edges(edge_chunk, stored, report, tallies)
                db.executemany(f"INSERT OR REPLACE INTO edges ({_EDGE_COLUMNS}) VALUES (?, ?, ?, ?, ?)", edge_rows)
            if not report.changed:
                db.execute("ROLLBACK")
                return report
            db.executemany(
                "INSERT INTO tallies (kind, n) VALUES (?, ?) ON CONFLICT (kind) DO UPDATE SET n = n + excluded.n",
                sorted(tallies.items()),
            )
            if version is not None:
                history.sqlite_write(db, version)
            with self._read_lock:  # the commit, the new snapshot and the new cache are one step for readers
                db.execute("COMMIT")
                if self._path is not None:
                    self._data_version = self._pin()
                self._new_version()
            return report
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise

    @staticmethod
    def _lookup_for_load(db: sqlite3.Connection) -> Callable[[Sequence[str]], list[Node | None]]:
        """Edge ends outside the batch, looked up by key on the writing connection (the latest data)."""

        def lookup(ids: Sequence[str]) -> list[Node | None]:
            found = _select_nodes(db, ids)
            return [found.get(i) for i in ids]

        return lookup

    # -- reads: each method runs under the read lock, on one snapshot, through the cache ------------

    def counts(self) -> dict[str, int]:
        with self._read_lock:
            rows = self._conn().execute("SELECT kind, n FROM tallies WHERE n > 0 ORDER BY kind").fetchall()
        return {str(kind): int(n) for kind, n in rows}

    def get_nodes(self, ids: Sequence[str]) -> list[Node | None]:
        with self._read_lock:
            return self._nodes(ids)

    def _nodes(self, ids: Iterable[str]) -> list[Node | None]:
        ids = list(ids)
        cache = self._cache.nodes
        missing = [i for i in dict.fromkeys(ids) if i not in cache]
        if missing:
            self._cache.bound()
            found = _select_nodes(self._conn(), missing)
            for i in missing:
                cache[i] = found.get(i)
        return [cache[i] for i in ids]

    def _node(self, id_: str) -> Node | None:
        return self._nodes([id_])[0]

    def _edges_of(self, ids: Iterable[str], edge_type: str, direction: str) -> dict[str, tuple[Edge, ...]]:
        """Edges of one type leaving ('out') or entering (anything else, as networkx's in_edges did) each node,
        ordered by identity; one indexed query per chunk of nodes not cached yet."""
        column = "source" if direction == Direction.OUT else "target"
        cache = self._cache.edges
        ids = list(dict.fromkeys(ids))
        missing = [i for i in ids if (i, edge_type, column) not in cache]
        if missing:
            self._cache.bound()
            got: dict[str, list[Edge]] = {i: [] for i in missing}
            for chunk in _batched(missing):
                rows = self._conn().execute(
                    f"SELECT {_EDGE_COLUMNS} FROM edges WHERE {column} IN ({_marks(len(chunk))}) AND type = ?",  # noqa: S608
                    [*chunk, edge_type],
                )
                for row in rows:
                    got[row[0] if column == "source" else row[2]].append(_edge(row))
            for i, edges in got.items():
                cache[(i, edge_type, column)] = tuple(sorted(edges, key=lambda e: e.ident))
        return {i: cache[(i, edge_type, column)] for i in ids}

    def neighbours(self, ids: Sequence[str], edge_type: str, direction: str) -> list[Neighbour]:
        with self._read_lock:
            by_origin = self._edges_of(ids, edge_type, direction)
            pairs = [
                (origin, e, e.target if direction == Direction.OUT else e.source)
                for origin, edges in by_origin.items()
                for e in edges
            ]
            others = self._nodes(other for _, _, other in pairs)
        out = [Neighbour(origin, e, node) for (origin, e, _), node in zip(pairs, others, strict=True) if node]
        out.sort(key=lambda nb: (nb.origin, nb.edge.ident))
        return out

    def _listing(self, q: NodeQuery, select: str, tail: str = "", tail_args: Sequence[Any] = ()) -> list[Any]:
        """The nodes a query selects, filtered in SQL: string properties by json_type 'text' (a bool, number or
        list never equals text), the name as Node.name reads it, `via` through the edge indexes."""
        where = ["label = ?"]
        args: list[Any] = [q.label]
        for key, value in q.props:
            if '"' in key or "\\" in key:  # no property has such a name, and a JSON path could not quote it
                where.append("0")
                continue
            path = f'$."{key}"'
            where.append("json_type(props, ?) = 'text' AND json_extract(props, ?) = ?")
            args += [path, path, value]
        if q.name_contains:
            where.append("instr(coalesce(json_extract(props, '$.name'), id), ?) > 0")
            args.append(q.name_contains)
        if q.via:
            type_, direction, other = q.via
            if direction == Direction.OUT:  # the node has an edge to `other`
                where.append("id IN (SELECT source FROM edges WHERE target = ? AND type = ?)")
            else:
                where.append("id IN (SELECT target FROM edges WHERE source = ? AND type = ?)")
            args += [other, type_]
        sql = f"SELECT {select} FROM nodes WHERE {' AND '.join(where)}{tail}"  # noqa: S608 (fixed fragments)
        with self._read_lock:
            return self._conn().execute(sql, [*args, *tail_args]).fetchall()

    def find_nodes(self, query: NodeQuery) -> NodePage:
        after = "" if query.after is None else " AND id > ?"
        args = ([] if query.after is None else [query.after]) + [max(query.limit, 0) + 1]
        rows = self._listing(query, _NODE_COLUMNS, after + " ORDER BY id LIMIT ?", args)
        nodes = [_node(r) for r in rows]
        return NodePage(nodes[: query.limit], has_next=len(nodes) > query.limit)

    def count_nodes(self, query: NodeQuery) -> int:
        return int(self._listing(query, "count(*)")[0][0])

    def all_nodes(self, label: str) -> list[Node]:
        with self._read_lock:
            rows = self._conn().execute(f"SELECT {_NODE_COLUMNS} FROM nodes WHERE label = ? ORDER BY id", (label,))
            return [_node(r) for r in rows]

    def stored_records(self) -> StoredRecords:
        """One scan of each table; props stay the stored text (props_text wrote it)."""
        with self._read_lock:
            db = self._conn()
            nodes = {r[0]: (r[1], r[2]) for r in db.execute("SELECT id, label, props FROM nodes")}
            edges = {r[:4]: r[4] for r in db.execute(f"SELECT {_EDGE_COLUMNS} FROM edges")}  # noqa: S608 (fixed)
            return StoredRecords(nodes, edges)

    def list_versions(self) -> list[ListVersion]:
        with self._read_lock:
            return history.sqlite_versions(self._conn())

    def version_changes(self, since: str | None = None, kind: str | None = None) -> list[VersionChange]:
        with self._read_lock:
            return history.sqlite_changes(self._conn(), since, kind)

    # -- question contexts ---------------------------------------------------------------------

    def _around(self, sub: Subgraph, ids: Iterable[str], edge_type: str, direction: str) -> list[Edge]:
        got = [e for edges in self._edges_of(ids, edge_type, direction).values() for e in edges]
        sub.edges.extend(got)
        ends = [end for e in got for end in (e.source, e.target) if end not in sub.nodes]
        sub.add_nodes(n for n in self._nodes(ends) if n is not None)
        return got

    def _up(self, start: str, edge_type: str) -> list[str]:
        """The start and everything it reaches along edges of one type (its ancestry, its chain of command),
        one batched lookup per step up."""
        seen = {start}
        frontier = [start]
        while frontier:
            reached = self._edges_of(frontier, edge_type, Direction.OUT)
            frontier = sorted({e.target for edges in reached.values() for e in edges} - seen)
            seen.update(frontier)
        return [start, *sorted(seen - {start})]

    def place_context(self, place_id: str, duty_ids: Sequence[str]) -> Subgraph:
        sub = Subgraph()
        with self._read_lock:
            if self._node(place_id) is None:
                return sub
            areas = self._up(place_id, EdgeType.PART_OF)
            sub.add_nodes(n for n in self._nodes(areas) if n is not None)
            self._around(sub, areas, EdgeType.PART_OF, Direction.OUT)
            bodies = [e.source for e in self._around(sub, areas, EdgeType.GOVERNS, Direction.IN)]
            teams = [e.source for e in self._around(sub, areas, EdgeType.STATIONED_IN, Direction.IN)]
            parents = [e.target for e in self._around(sub, teams, EdgeType.SENT_BY, Direction.OUT)]
            self._around(sub, teams, EdgeType.REPORTS_TO, Direction.OUT)
            self._around(sub, bodies + parents, EdgeType.OF_KIND, Direction.OUT)
            duties = [n for n in self._nodes(duty_ids) if n is not None]
            sub.add_nodes(duties)
            duty_set = list(dict.fromkeys(n.id for n in duties))
            self._around(sub, duty_set, EdgeType.RESPONSIBLE_FOR, Direction.IN)
            self._around(sub, duty_set, EdgeType.DELEGATED_TO, Direction.OUT)
        return sub.dedupe()

    def chain_context(self, body_id: str) -> Subgraph:
        sub = Subgraph()
        with self._read_lock:
            if self._node(body_id) is None:
                return sub
            above = self._up(body_id, EdgeType.REPORTS_TO)
            sub.add_nodes(n for n in self._nodes(above) if n is not None)
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
        with self._read_lock:
            start = self._node(body_id)
            if start is None:
                return sub
            sub.add_nodes([start])
            if depth < 1:
                return sub
            within = {body_id}  # everything up to depth - 1 hops below, breadth first
            frontier = [body_id]
            for _ in range(depth - 1):
                below = self._edges_of(frontier, EdgeType.REPORTS_TO, Direction.IN)
                frontier = sorted({e.source for edges in below.values() for e in edges} - within)
                if not frontier:
                    break
                within.update(frontier)
            self._around(sub, sorted(within), EdgeType.REPORTS_TO, Direction.IN)
        return sub.dedupe()

    def close(self) -> None:
        with self._write_lock, self._read_lock:
            for db in (self._writer, self._db):
                if db is not None:
                    db.close()
            self._writer = self._db = None


_FILE_STORES: weakref.WeakSet[EmbeddedStore] = weakref.WeakSet()
_INHERITED: list[sqlite3.Connection] = []


def _reopen_after_fork() -> None:
    for store in list(_FILE_STORES):
        store._after_fork()


os.register_at_fork(after_in_child=_reopen_after_fork)


def _stored_nodes(db: sqlite3.Connection, chunk: Sequence[tuple[str, Node]]) -> dict[str, tuple[str, str]]:
    """(label, props text) of the chunk's nodes already stored."""
    rows = db.execute(
        f"SELECT {_NODE_COLUMNS} FROM nodes WHERE id IN ({_marks(len(chunk))})",  # noqa: S608 (placeholders)
        [id_ for id_, _ in chunk],
    )
    return {r[0]: (r[1], r[2]) for r in rows}


def _changed_nodes(
    chunk: Sequence[tuple[str, Node]], stored: dict[str, tuple[str, str]], report: LoadReport, tallies: dict[str, int]
) -> list[tuple[str, str, str]]:
    """The rows to write, counted into the report: new nodes and nodes whose properties changed."""
    rows = []
    for id_, n in chunk:
        text = props_text(n.props)
        old = stored.get(id_)
        if old is None:
            report.created_nodes += 1
            tallies[n.label] = tallies.get(n.label, 0) + 1
        elif old[0] != n.label:
            raise StoreError(f"node {id_!r} is a {old[0]} already; the load gives it as a {n.label}")
        elif old[1] == text or orjson.loads(old[1]) == dict(n.props):
            report.unchanged_nodes += 1
            continue
        else:
            report.updated_nodes += 1
        rows.append((id_, n.label, text))
    return rows


def _stored_edges(db: sqlite3.Connection, chunk: Sequence[tuple[EdgeIdent, Edge]]) -> dict[EdgeIdent, str]:
    """Props text of the chunk's edges already stored; the CROSS JOIN keeps the listed keys outside, so each is
    one primary-key seek."""
    values = ",".join(["(?, ?, ?, ?)"] * len(chunk))
    rows = db.execute(
        f"SELECT e.source, e.type, e.target, e.key, e.props FROM (VALUES {values}) AS k "  # noqa: S608 (placeholders)
        "CROSS JOIN edges AS e ON e.source = k.column1 AND e.type = k.column2 "
        "AND e.target = k.column3 AND e.key = k.column4",
        [part for ident, _ in chunk for part in ident],
    )
    return {(r[0], r[1], r[2], r[3]): r[4] for r in rows}


def _changed_edges(
    chunk: Sequence[tuple[EdgeIdent, Edge]], stored: dict[EdgeIdent, str], report: LoadReport, tallies: dict[str, int]
) -> list[tuple[str, str, str, str, str]]:
    """The rows to write, counted into the report: new edges and edges whose properties changed."""
    rows = []
    for ident, e in chunk:
        text = props_text(e.props)
        old = stored.get(ident)
        if old is None:
            report.created_edges += 1
            tallies[e.type] = tallies.get(e.type, 0) + 1
        elif old == text or orjson.loads(old) == dict(e.props):
            report.unchanged_edges += 1
            continue
        else:
            report.updated_edges += 1
        rows.append((*ident, text))
    return rows


def _select_nodes(db: sqlite3.Connection, ids: Sequence[str]) -> dict[str, Node]:
    found: dict[str, Node] = {}
    for chunk in _batched(ids):
        rows = db.execute(f"SELECT {_NODE_COLUMNS} FROM nodes WHERE id IN ({_marks(len(chunk))})", chunk)  # noqa: S608
        found.update((r[0], _node(r)) for r in rows)
    return found


def _fill_tallies(db: sqlite3.Connection) -> None:
    """A file written before `tallies` existed gets them counted once, on first open."""
    if (
        db.execute("SELECT 1 FROM tallies LIMIT 1").fetchone()
        or not db.execute("SELECT 1 FROM nodes LIMIT 1").fetchone()
    ):
        return
    db.execute("BEGIN IMMEDIATE")
    db.execute("INSERT OR REPLACE INTO tallies SELECT label, count(*) FROM nodes GROUP BY label")
    db.execute("INSERT OR REPLACE INTO tallies SELECT type, count(*) FROM edges GROUP BY type")
    db.execute("COMMIT")


def _last_by(items: Iterable[T], key: Callable[[T], K]) -> dict[K, T]:
    """Keep the last of each identity, so a batch may restate a record."""
    return {key(i): i for i in items}
