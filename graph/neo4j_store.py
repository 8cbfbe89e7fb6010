"""The Neo4j store: the same GraphStore contract as graph/embedded.py, over Bolt.

Layout, readable in Neo4j Browser: one label per node (Node.label) with the node's
properties plus `id`; one relationship type per edge (Edge.type) with the edge's
properties plus `key`, so an edge is identified by (source, type, target, key).

Every statement is a module-level constant (or a value in a dict of constants) so that
tests/test_cypher_lint.py can lint all of them with Neo4j's own front end. Labels and
relationship types cannot be parameters in Cypher, so the dicts hold one statement per
label, relationship type or (type, end label) combination, generated once at import from
the fixed names in graph/model.py; nothing user-supplied is ever spliced into Cypher.

Reads run as auto-commit queries with fetch_size=-1: one RUN+PULL, i.e. one round trip
per call. A load runs in one managed write transaction: it reads what exists, computes
the same LoadReport as the embedded store, and writes only what changed, in
`UNWIND $rows` batches, so a failure anywhere leaves the database as it was.

ArcadeDB differences
--------------------
The suite runs on ArcadeDB's Bolt endpoint when no Neo4j is at hand (no Neo4j 5 server can
be installed from the registries CI reaches). Where ArcadeDB behaves differently, this store
makes the choice that is right on both:
- Unique-constraint violations: Neo4j refuses the statement, ArcadeDB the commit of an
  explicit transaction. A load is one managed transaction whose commit is inside the
  error mapping, so either way the caller gets StoreError and nothing is written.
- Error codes: ArcadeDB reports some failures as UnknownError. Every server error becomes
  a StoreError carrying the server's message; nothing branches on codes.
- Element ids look different (`#1:0`): nothing reads `id()` or `elementId()`; every
  endpoint comes back as its `id` property, inside plain maps.
- Concurrent MERGE on one key fails on ArcadeDB where Neo4j serialises: a load is a single
  writer in a single transaction (and managed transactions retry transient errors).
- `SHORTEST` (Neo4j 5.21+) is not implemented: nothing uses it; traversals are plain
  variable-length patterns, with the depth limit of subordinates as a `length(p) <= $depth`
  filter because Cypher takes no parameter as a variable-length bound.
- ArcadeDB accepts mixed-type lists as property values, which Neo4j 5 rejects: values are
  written exactly as Node/Edge props hold them (flat scalars, lists of strings), and the
  atomicity test makes a load fail with a map value, which both servers refuse.
- `date()` rejects datetime parameters: dates stay ISO strings, as the model holds them.
- ArcadeDB's planner follows a pattern as written: expansions start from the bound node
  (`(a)<-[r:GOVERNS]-()`, not `()-[r:GOVERNS]->(a)`), and the edge lookup of a load seeks the
  source and filters the target and key (2.5x faster there than a pattern with both ends
  and the key inline); Neo4j plans all of these forms alike.

Neo4j versions: the statements need Neo4j 5.6+ (COLLECT subqueries). They avoid
`CALL (x) { ... }` (5.23+) and importing `WITH` in `CALL {}` (deprecated since 5.23) by using
COLLECT/COUNT expression subqueries, and find a node of one of several labels with one
`OPTIONAL MATCH` per label plus `coalesce`, which Neo4j answers with one seek of each label's
unique index (a label disjunction need not use them).
"""

from __future__ import annotations

import os
import re
import textwrap
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from neo4j import READ_ACCESS, WRITE_ACCESS, Driver, GraphDatabase, ManagedTransaction, Record, Session
from neo4j.exceptions import DriverError, Neo4jError, ServiceUnavailable, SessionExpired

from graph import history, history_neo4j
from graph.errors import StoreError
from graph.history import ListVersion, VersionChange, VersionDraft
from graph.model import EDGE_ENDS, Batch, Edge, LoadReport, Node, Subgraph, props_text
from graph.store import Neighbour, NodePage, NodeQuery, StoredRecords
from graph.validate import check_batch_ends
from graph.vocabulary import Direction, EdgeType, Label, StoreKind

# Fields of the parameter maps the statements read (`row.source`); a linter cannot tell them from properties.
ROW_FIELDS = ("id", "props", "source", "target", "key")

BATCH_ROWS = 2000  # rows per UNWIND: big enough to amortise a round trip, small enough for the server's memory

for _name in [*Label, *EdgeType]:  # names are spliced into statements below: keep them plain identifiers
    assert re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", _name), _name


# -- Cypher fragments (import-time templates over graph/model.py names only) -------------

_NODE_MAP = "{{id: {v}.id, label: labels({v})[0], props: properties({v})}}"
_EDGE_MAP = "{{source: startNode({v}).id, target: endNode({v}).id, type: type({v}), props: properties({v})}}"


def _node_map(var: str) -> str:
    return _NODE_MAP.format(v=var)


def _edge_map(var: str) -> str:
    return _EDGE_MAP.format(v=var)


def _lookup(var: str, id_expr: str, labels: Iterable[str], carry: str = "") -> str:
    """Bind `var` to the node with this id among `labels`, one index seek per label.

    Rows where no node matches are dropped. `carry` lists variables to keep across the WITH.
    """
    labels = list(labels)
    if len(labels) == 1:
        return f"MATCH ({var}:{labels[0]} {{id: {id_expr}}})"
    seeks = "\n".join(f"OPTIONAL MATCH ({var}{i}:{label} {{id: {id_expr}}})" for i, label in enumerate(labels))
    keep = f"{carry}, " if carry else ""
    alternatives = ", ".join(f"{var}{i}" for i in range(len(labels)))
    return f"{seeks}\nWITH {keep}coalesce({alternatives}) AS {var}\nWHERE {var} IS NOT NULL"


def _edge_combos() -> list[tuple[str, str, str]]:
    """(type, source label, target label) for every pairing graph/model.py allows, in model order."""
    return [
        (type_, src, tgt)
        for type_, (sources, targets) in EDGE_ENDS.items()
        for src in sorted(sources)
        for tgt in sorted(targets)
    ]


# -- schema ---------------------------------------------------------------------------------

LOOKUP_INDEXES: tuple[tuple[str, str], ...] = (
    (Label.AREA, "code"),
    (Label.AREA, "level"),
    (Label.AREA, "name"),
    (Label.BODY, "kind"),
    (Label.BODY, "level"),
    (Label.BODY, "name"),
    (Label.DUTY, "domain"),
    (Label.DUTY, "whistle_subject"),
)

SCHEMA: tuple[str, ...] = tuple(
    f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE" for label in Label
) + tuple(
    f"CREATE INDEX {label.lower()}_{prop} IF NOT EXISTS FOR (n:{label}) ON (n.{prop})" for label, prop in LOOKUP_INDEXES
)

# -- writes -----------------------------------------------------------------------------------

NODES_BY_ID = "UNWIND $ids AS id\n" + _lookup("n", "id", Label, carry="id") + f"\nRETURN {_node_map('n')} AS node"

NODE_MERGE: dict[str, str] = {
    label: f"UNWIND $rows AS row\nMERGE (n:{label} {{id: row.id}})\nSET n = row.props" for label in Label
}

EDGE_LOOKUP: dict[tuple[str, str, str], str] = {
    (type_, src, tgt): (
        "UNWIND $rows AS row\n"
        f"MATCH (:{src} {{id: row.source}})-[r:{type_}]->(b:{tgt})\n"
        "WHERE b.id = row.target AND r.key = row.key\n"
        f"RETURN {_edge_map('r')} AS edge"
    )
    for type_, src, tgt in _edge_combos()
}

EDGE_MERGE: dict[tuple[str, str, str], str] = {
    (type_, src, tgt): (
        "UNWIND $rows AS row\n"
        f"MATCH (a:{src} {{id: row.source}})\n"
        f"MATCH (b:{tgt} {{id: row.target}})\n"
        f"MERGE (a)-[r:{type_} {{key: row.key}}]->(b)\n"
        "SET r = row.props"
    )
    for type_, src, tgt in _edge_combos()
}

# -- reads ------------------------------------------------------------------------------------

COUNTS = "RETURN " + ",\n       ".join(
    [f"COUNT {{ (:{label}) }} AS {label}" for label in Label]
    + [f"COUNT {{ ()-[:{type_}]->() }} AS {type_}" for type_ in EdgeType]
)


def _neighbours(type_: EdgeType, direction: Direction) -> str:
    sources, targets = EDGE_ENDS[type_]
    origin_labels = sorted(sources if direction == Direction.OUT else targets)
    arrow = f"-[r:{type_}]->" if direction == Direction.OUT else f"<-[r:{type_}]-"
    return (
        "UNWIND $ids AS origin\n"
        + _lookup("a", "origin", origin_labels, carry="origin")
        + f"\nMATCH (a){arrow}(b)\n"
        + f"RETURN origin, {_edge_map('r')} AS edge, {_node_map('b')} AS node"
    )


NEIGHBOURS: dict[tuple[str, str], str] = {
    (type_, direction): _neighbours(type_, direction) for type_ in EdgeType for direction in Direction
}

# NodeQuery.props are equalities on string properties: a bool, number or list never equals text (as embedded).
_PROPS_MATCH = "all(p IN $props WHERE n[p[0]] = p[1])"
_FILTERS = (
    "($after IS NULL OR n.id > $after)\n"
    "  AND ($name_contains IS NULL OR coalesce(n.name, n.id) CONTAINS $name_contains)\n"
    f"  AND {_PROPS_MATCH}"
)
_PAGE = f"RETURN {_node_map('n')} AS node\nORDER BY n.id\nLIMIT $limit"
_TOTAL = "RETURN count(n) AS total"

FIND: dict[str, str] = {label: f"MATCH (n:{label})\nWHERE {_FILTERS}\n{_PAGE}" for label in Label}
COUNT: dict[str, str] = {label: f"MATCH (n:{label})\nWHERE {_FILTERS}\n{_TOTAL}" for label in Label}


def _via_combos() -> list[tuple[Label, EdgeType, Direction, list[Label]]]:
    """(label, type, direction, labels at the other end) for every `via` the model allows."""
    out = []
    for type_, (sources, targets) in EDGE_ENDS.items():
        out += [(label, type_, Direction.OUT, sorted(targets)) for label in sorted(sources)]
        out += [(label, type_, Direction.IN, sorted(sources)) for label in sorted(targets)]
    return out


def _via(label: str, type_: str, direction: str, others: Sequence[str], tail: str) -> str:
    arrow = f"<-[:{type_}]-" if direction == Direction.OUT else f"-[:{type_}]->"
    return (
        _lookup("o", "$via_other", others) + f"\nMATCH (o){arrow}(n:{label})\nWITH DISTINCT n\nWHERE {_FILTERS}\n{tail}"
    )


FIND_VIA: dict[tuple[str, str, str], str] = {
    (label, type_, direction): _via(label, type_, direction, others, _PAGE)
    for label, type_, direction, others in _via_combos()
}
COUNT_VIA: dict[tuple[str, str, str], str] = {
    (label, type_, direction): _via(label, type_, direction, others, _TOTAL)
    for label, type_, direction, others in _via_combos()
}

ALL_NODES: dict[str, str] = {label: f"MATCH (n:{label})\nRETURN {_node_map('n')} AS node" for label in Label}
ALL_EDGES: dict[str, str] = {type_: f"MATCH ()-[r:{type_}]->()\nRETURN {_edge_map('r')} AS edge" for type_ in EdgeType}


def _subgraph_return(nodes: str, rels: str) -> str:
    """The context's nodes (given ones plus every edge end, each once: a district is the end of
    hundreds of edges) and its edges, as plain maps."""
    ends = f"{nodes} + [r IN {rels} | startNode(r)] + [r IN {rels} | endNode(r)]"
    return (
        f"WITH {rels} AS rs, COLLECT {{ UNWIND {ends} AS x RETURN DISTINCT x }} AS ns\n"
        f"RETURN [x IN ns | {_node_map('x')}] AS nodes, [r IN rs | {_edge_map('r')}] AS edges"
    )


# Mirrors EmbeddedStore.place_context step by step.
PLACE_CONTEXT = (
    _lookup("p", "$place_id", Label)
    + f"""
WITH p, COLLECT {{ MATCH (p)-[:{EdgeType.PART_OF}*0..]->(a) RETURN DISTINCT a }} AS areas
WITH areas,
     COLLECT {{ UNWIND areas AS a MATCH (a)-[r:{EdgeType.PART_OF}]->() RETURN DISTINCT r }} AS part_of,
     COLLECT {{ UNWIND areas AS a MATCH (a)<-[r:{EdgeType.GOVERNS}]-() RETURN DISTINCT r }} AS governs,
     COLLECT {{ UNWIND areas AS a MATCH (a)<-[r:{EdgeType.STATIONED_IN}]-() RETURN DISTINCT r }} AS stationed
WITH areas, part_of, governs, stationed,
     COLLECT {{ UNWIND [s IN stationed | startNode(s)] AS t MATCH (t)-[r:{EdgeType.SENT_BY}]->() RETURN DISTINCT r }} AS sent_by,
     COLLECT {{ UNWIND [s IN stationed | startNode(s)] AS t MATCH (t)-[r:{EdgeType.REPORTS_TO}]->() RETURN DISTINCT r }}
       AS team_lines
WITH areas, part_of, governs, stationed, sent_by, team_lines,
     COLLECT {{
       UNWIND [g IN governs | startNode(g)] + [s IN sent_by | endNode(s)] AS b
       MATCH (b)-[r:{EdgeType.OF_KIND}]->() RETURN DISTINCT r
     }} AS kinds,
     COLLECT {{
       UNWIND $duty_ids AS duty_id
{textwrap.indent(_lookup("d", "duty_id", Label), " " * 7)}
       RETURN DISTINCT d
     }} AS duties
WITH areas, duties, part_of + governs + stationed + sent_by + team_lines + kinds
     + COLLECT {{ UNWIND duties AS d MATCH (d)<-[r:{EdgeType.RESPONSIBLE_FOR}]-() RETURN DISTINCT r }}
     + COLLECT {{ UNWIND duties AS d MATCH (d)-[r:{EdgeType.DELEGATED_TO}]->() RETURN DISTINCT r }} AS rels
"""
    + _subgraph_return("areas + duties", "rels")
)

# Mirrors EmbeddedStore.chain_context step by step.
CHAIN_CONTEXT = (
    _lookup("b", "$body_id", Label)
    + f"""
WITH b, COLLECT {{ MATCH (b)-[:{EdgeType.REPORTS_TO}*0..]->(x) RETURN DISTINCT x }} AS above
WITH b, above,
     COLLECT {{ UNWIND above AS x MATCH (x)-[r:{EdgeType.REPORTS_TO}]->() RETURN DISTINCT r }} AS up,
     COLLECT {{ UNWIND above AS x MATCH (x)-[r:{EdgeType.OF_KIND}]->() RETURN DISTINCT r }} AS above_kinds,
     COLLECT {{ MATCH (b)<-[r:{EdgeType.REPORTS_TO}]-() RETURN r }} AS down,
     COLLECT {{ MATCH (b)-[r:{EdgeType.GOVERNS}]->() RETURN r }} AS territory,
     COLLECT {{ MATCH (b)<-[r:{EdgeType.SENT_BY}]-() RETURN r }} AS sent
WITH b, above, up, above_kinds, down, territory, sent,
     COLLECT {{ UNWIND [d IN down | startNode(d)] AS x MATCH (x)-[r:{EdgeType.OF_KIND}]->() RETURN DISTINCT r }} AS below_kinds,
     COLLECT {{ UNWIND [g IN territory | endNode(g)] AS a MATCH (a)<-[r:{EdgeType.STATIONED_IN}]-() RETURN DISTINCT r }}
       AS local_teams,
     COLLECT {{ UNWIND [s IN sent | startNode(s)] + [b] AS x MATCH (x)-[r:{EdgeType.STATIONED_IN}]->() RETURN DISTINCT r }}
       AS stations
WITH above, local_teams, stations,
     up + above_kinds + down + territory + sent + below_kinds + local_teams + stations AS found
WITH above, found,
     COLLECT {{ UNWIND [s IN local_teams | startNode(s)] AS t MATCH (t)-[r:{EdgeType.SENT_BY}]->() RETURN DISTINCT r }}
       AS local_parents,
     COLLECT {{ UNWIND [s IN stations | endNode(s)] AS a MATCH (a)<-[r:{EdgeType.GOVERNS}]-() RETURN DISTINCT r }} AS hosts
WITH above, found + local_parents + hosts
     + COLLECT {{ UNWIND [g IN hosts | startNode(g)] AS h MATCH (h)-[r:{EdgeType.OF_KIND}]->() RETURN DISTINCT r }} AS rels
"""
    + _subgraph_return("above", "rels")
)

# Mirrors EmbeddedStore.subordinates_context: every REPORTS_TO edge on a path of at most
# $depth hops down from the body (Cypher cannot take a variable-length bound as a parameter).
SUBORDINATES_CONTEXT = (
    _lookup("b", "$body_id", Label)
    + f"""
WITH b, COLLECT {{
  MATCH p = (b)<-[:{EdgeType.REPORTS_TO}*1..]-()
  WHERE length(p) <= $depth
  RETURN DISTINCT last(relationships(p)) AS r
}} AS rels
"""
    + _subgraph_return("[b]", "rels")
)

CONTEXTS: dict[str, str] = {
    "place_context": PLACE_CONTEXT,
    "chain_context": CHAIN_CONTEXT,
    "subordinates_context": SUBORDINATES_CONTEXT,
}


def all_statements() -> dict[str, str]:
    """Every statement this module can send, by a readable name (for the linter)."""
    out: dict[str, str] = {f"SCHEMA[{i}]": q for i, q in enumerate(SCHEMA)}
    out.update({"NODES_BY_ID": NODES_BY_ID, "COUNTS": COUNTS, **{k.upper(): v for k, v in CONTEXTS.items()}})
    for name, table in (
        ("NODE_MERGE", NODE_MERGE),
        ("EDGE_LOOKUP", EDGE_LOOKUP),
        ("EDGE_MERGE", EDGE_MERGE),
        ("NEIGHBOURS", NEIGHBOURS),
        ("FIND", FIND),
        ("COUNT", COUNT),
        ("FIND_VIA", FIND_VIA),
        ("COUNT_VIA", COUNT_VIA),
        ("ALL_NODES", ALL_NODES),
        ("ALL_EDGES", ALL_EDGES),
    ):
        out.update({f"{name}[{key}]": q for key, q in table.items()})
    return out


# -- driver sharing ---------------------------------------------------------------------------

_DRIVERS: dict[tuple[str, str], tuple[Driver, int]] = {}  # (uri, user) -> (driver, stores and ledgers using it)
_DRIVERS_LOCK = threading.Lock()


def acquire_driver(uri: str, user: str, password: str | None) -> Driver:
    """One driver (one connection pool) per server and user in a process, shared by the store and the
    whistle ledger (whistles/ledger_neo4j.py); without a password, only a driver already open is shared."""
    with _DRIVERS_LOCK:
        driver, users = _DRIVERS.get((uri, user), (None, 0))
        if driver is None:
            if password is None:
                raise StoreError(f"no open connection to {uri} as {user!r} to share; give the password")
            driver = GraphDatabase.driver(uri, auth=(user, password))
        _DRIVERS[(uri, user)] = (driver, users + 1)
        return driver


def release_driver(uri: str, user: str) -> None:
    with _DRIVERS_LOCK:
        driver, users = _DRIVERS[(uri, user)]
        if users > 1:
            _DRIVERS[(uri, user)] = (driver, users - 1)
            return
        del _DRIVERS[(uri, user)]
    driver.close()


# -- the store --------------------------------------------------------------------------------


class Neo4jStore:
    """A GraphStore on Neo4j 5 (or any server speaking Neo4j's Bolt and Cypher, e.g. ArcadeDB)."""

    kind = StoreKind.NEO4J

    def __init__(self, uri: str, user: str, password: str, database: str = "neo4j") -> None:
        self.uri = uri
        self.user = user
        self.database = database
        self._driver: Driver | None = acquire_driver(uri, user, password)
        self._seen_version: int | None = None  # the latest list version reload_if_changed has seen
        try:
            with self._session() as session:
                for statement in (*SCHEMA, history_neo4j.HISTORY_SCHEMA):
                    session.run(statement).consume()
        except (Neo4jError, DriverError) as exc:
            self.close()
            raise StoreError(f"cannot prepare the Neo4j database {database!r} at {uri}: {exc}") from exc

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> Neo4jStore:
        """NEO4J_URI (required), NEO4J_USER (neo4j), NEO4J_PASSWORD, NEO4J_DATABASE (neo4j)."""
        uri = env.get("NEO4J_URI")
        if not uri:
            raise StoreError("NEO4J_URI is not set (e.g. bolt://localhost:7687)")
        return cls(
            uri,
            env.get("NEO4J_USER", "neo4j"),
            env.get("NEO4J_PASSWORD", ""),
            env.get("NEO4J_DATABASE", "neo4j"),
        )

    def _session(self, read: bool = False) -> Session:
        if self._driver is None:
            raise StoreError("the Neo4j store is closed")
        return self._driver.session(
            database=self.database, default_access_mode=READ_ACCESS if read else WRITE_ACCESS, fetch_size=-1
        )

    def _read(self, query: str, **params: Any) -> list[Record]:
        """One auto-commit query: RUN and PULL go out together, so one round trip."""
        try:
            try:
                return self._run_read(query, params)
            except (ServiceUnavailable, SessionExpired):  # a pooled connection the server dropped: once more
                return self._run_read(query, params)
        except Neo4jError as exc:
            raise StoreError(f"the Neo4j store could not answer: {exc.message}") from exc

    def _run_read(self, query: str, params: dict[str, Any]) -> list[Record]:
        with self._session(read=True) as session:
            return list(session.run(query, params))

    # -- writes ----------------------------------------------------------------------------

    def apply(self, batch: Batch, version: VersionDraft | None = None) -> LoadReport:
        nodes = list({n.id: n for n in batch.nodes}.values())  # the last statement of a record wins
        edges = list({e.ident: e for e in batch.edges}.values())
        for n in nodes:
            if "id" in n.props:
                raise StoreError(f"node {n.id!r}: property 'id' is reserved for the node id in Neo4j")
        for e in edges:
            if "key" in e.props:
                raise StoreError(f"{e.type} edge {e.source!r} -> {e.target!r}: property 'key' is reserved in Neo4j")
        try:
            with self._session() as session:
                return session.execute_write(_load, batch, nodes, edges, version)
        except Neo4jError as exc:
            raise StoreError(f"the Neo4j store refused the load; nothing was written: {exc.message}") from exc

    # -- reads -----------------------------------------------------------------------------

    def data_version(self) -> None:
        """Unknown: any client (`whistlegraph --store neo4j load`, Browser) may change the database."""
        return None

    def counts(self) -> dict[str, int]:
        (record,) = self._read(COUNTS)
        return dict(sorted((name, n) for name, n in record.data().items() if n))

    def get_nodes(self, ids: Sequence[str]) -> list[Node | None]:
        if not ids:
            return []
        found = {n.id: n for n in (_node(r["node"]) for r in self._read(NODES_BY_ID, ids=list(dict.fromkeys(ids))))}
        return [found.get(i) for i in ids]

    def neighbours(self, ids: Sequence[str], edge_type: str, direction: str) -> list[Neighbour]:
        query = NEIGHBOURS.get((edge_type, direction))
        if query is None or not ids:
            return []
        rows = self._read(query, ids=list(dict.fromkeys(ids)))
        out = [Neighbour(r["origin"], _edge(r["edge"]), _node(r["node"])) for r in rows]
        out.sort(key=lambda nb: (nb.origin, nb.edge.ident))
        return out

    def _listing(self, q: NodeQuery, plain: dict[str, str], via: dict[tuple[str, str, str], str]) -> str | None:
        """The statement for this listing, or None when the model allows no match at all."""
        return plain.get(q.label) if q.via is None else via.get((q.label, q.via[0], q.via[1]))

    def _listing_params(self, q: NodeQuery, after: str | None) -> dict[str, Any]:
        return {
            "props": [[k, v] for k, v in q.props],
            "name_contains": q.name_contains,
            "after": after,
            "via_other": q.via[2] if q.via else None,
        }

    def find_nodes(self, query: NodeQuery) -> NodePage:
        statement = self._listing(query, FIND, FIND_VIA)
        if statement is None:
            return NodePage()
        rows = self._read(statement, **self._listing_params(query, query.after), limit=query.limit + 1)
        nodes = [_node(r["node"]) for r in rows]
        return NodePage(nodes[: query.limit], has_next=len(nodes) > query.limit)

    def count_nodes(self, query: NodeQuery) -> int:
        statement = self._listing(query, COUNT, COUNT_VIA)
        if statement is None:
            return 0
        (record,) = self._read(statement, **self._listing_params(query, None))
        return int(record["total"])

    def all_nodes(self, label: str) -> list[Node]:
        query = ALL_NODES.get(label)
        if query is None:
            return []
        return sorted((_node(r["node"]) for r in self._read(query)), key=lambda n: n.id)

    def reload_if_changed(self) -> bool:
        """Reads go to the database, so there is nothing to reload; True when a version appeared since last asked."""
        (record,) = self._read(history_neo4j.LAST_VERSION)
        latest = int(record["last"])
        changed = self._seen_version is not None and latest != self._seen_version
        self._seen_version = latest
        return changed

    def list_versions(self) -> list[ListVersion]:
        return sorted(
            (history.version_of(dict(r["row"])) for r in self._read(history_neo4j.VERSIONS)), key=lambda v: v.number
        )

    def version_changes(self, since: str | None = None, kind: str | None = None) -> list[VersionChange]:
        versions = self.list_versions()
        numbers = [v.number for v in versions if since is None or v.effective >= since]
        rows = [dict(r["row"]) for r in self._read(history_neo4j.CHANGES, versions=numbers)]
        return history.select_changes(versions, rows, since, kind)

    def stored_records(self) -> StoredRecords:
        nodes = [_node(r["node"]) for query in ALL_NODES.values() for r in self._read(query)]
        edges = [_edge(r["edge"]) for query in ALL_EDGES.values() for r in self._read(query)]
        return StoredRecords(
            {n.id: (n.label, props_text(n.props)) for n in nodes}, {e.ident: props_text(e.props) for e in edges}
        )

    # -- question contexts -----------------------------------------------------------------

    def _context(self, query: str, **params: Any) -> Subgraph:
        sub = Subgraph()
        for record in self._read(query, **params):  # no row when the start node is absent
            sub.add_nodes(_node(n) for n in record["nodes"])
            sub.edges.extend(_edge(e) for e in record["edges"])
        return sub.dedupe()

    def place_context(self, place_id: str, duty_ids: Sequence[str]) -> Subgraph:
        return self._context(PLACE_CONTEXT, place_id=place_id, duty_ids=list(duty_ids))

    def chain_context(self, body_id: str) -> Subgraph:
        return self._context(CHAIN_CONTEXT, body_id=body_id)

    def subordinates_context(self, body_id: str, depth: int) -> Subgraph:
        return self._context(SUBORDINATES_CONTEXT, body_id=body_id, depth=depth)

    def close(self) -> None:
        if self._driver is not None:
            self._driver = None
            release_driver(self.uri, self.user)


# -- load transaction -------------------------------------------------------------------------


def _load(
    tx: ManagedTransaction, batch: Batch, nodes: list[Node], edges: list[Edge], version: VersionDraft | None = None
) -> LoadReport:
    """Validate, diff against the database and write the changes, all in the caller's transaction.

    Managed transactions may run this again after a transient error, so it keeps no state.
    """
    ends = {end for e in edges for end in (e.source, e.target)}
    known = _existing_nodes(tx, sorted({n.id for n in nodes} | ends))
    check_batch_ends(batch, lambda ids: [known.get(i) for i in ids])
    report = LoadReport()
    changed_nodes: list[Node] = []
    for n in nodes:
        old = known.get(n.id)
        if old is None:
            report.created_nodes += 1
        elif old.label != n.label:
            raise StoreError(f"node {n.id!r} is a {old.label} already; the load gives it as a {n.label}")
        elif dict(old.props) == dict(n.props):
            report.unchanged_nodes += 1
            continue
        else:
            report.updated_nodes += 1
        changed_nodes.append(n)
    label_of = {i: node.label for i, node in known.items()} | {n.id: n.label for n in nodes}
    grouped: dict[tuple[str, str, str], list[Edge]] = {}
    for e in edges:
        grouped.setdefault((e.type, label_of[e.source], label_of[e.target]), []).append(e)
    changed_edges: dict[tuple[str, str, str], list[Edge]] = {}
    for combo, group in grouped.items():
        old_edges = _existing_edges(tx, combo, group)
        for e in group:
            old_props = old_edges.get(e.ident)
            if old_props is None:
                report.created_edges += 1
            elif old_props == dict(e.props):
                report.unchanged_edges += 1
                continue
            else:
                report.updated_edges += 1
            changed_edges.setdefault(combo, []).append(e)
    for label in Label:
        rows = [{"id": n.id, "props": {**n.props, "id": n.id}} for n in changed_nodes if n.label == label]
        _write(tx, NODE_MERGE[label], rows)
    for combo in EDGE_MERGE:  # model order, so a test can tell which batch ran last
        rows = [_edge_row(e) | {"props": {**e.props, "key": e.key}} for e in changed_edges.get(combo, [])]
        _write(tx, EDGE_MERGE[combo], rows)
    if version is not None and report.changed:
        history_neo4j.write(tx, version)
    return report


def _chunks(rows: list[Any]) -> Iterator[list[Any]]:
    for start in range(0, len(rows), BATCH_ROWS):
        yield rows[start : start + BATCH_ROWS]


def _write(tx: ManagedTransaction, statement: str, rows: list[dict[str, Any]]) -> None:
    for chunk in _chunks(rows):
        tx.run(statement, rows=chunk).consume()


def _existing_nodes(tx: ManagedTransaction, ids: list[str]) -> dict[str, Node]:
    found: dict[str, Node] = {}
    for chunk in _chunks(ids):
        for record in tx.run(NODES_BY_ID, ids=chunk):
            node = _node(record["node"])
            found[node.id] = node
    return found


def _existing_edges(
    tx: ManagedTransaction, combo: tuple[str, str, str], edges: list[Edge]
) -> dict[tuple[str, str, str, str], dict[str, Any]]:
    found: dict[tuple[str, str, str, str], dict[str, Any]] = {}
    for chunk in _chunks([_edge_row(e) for e in edges]):
        for record in tx.run(EDGE_LOOKUP[combo], rows=chunk):
            edge = _edge(record["edge"])
            found[edge.ident] = dict(edge.props)
    return found


def _edge_row(e: Edge) -> dict[str, Any]:
    return {"source": e.source, "target": e.target, "key": e.key}


def _node(data: Mapping[str, Any]) -> Node:
    props = dict(data["props"])
    props.pop("id", None)
    return Node(data["id"], data["label"], props)


def _edge(data: Mapping[str, Any]) -> Edge:
    props = dict(data["props"])
    key = props.pop("key", "")
    return Edge(data["source"], data["type"], data["target"], key, props)
