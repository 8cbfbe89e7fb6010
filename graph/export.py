"""The graph, or a piece of it, in the formats planners' tools read: GraphML, GEXF 1.3, Cytoscape.js JSON,
node-link JSON and CSV.

A selection is either the whole graph or a walk down the structure from a root (an area's sub-areas and the
bodies that govern them, a body's subordinates, teams and territory), cut to labels, lines and a date. Every
node and edge keeps every stored property, so provenance (`provenance`, `source`, `rule`, `evidence`) and
validity (`valid_from`, `valid_to`) travel with it; `type` is the node's label or the relationship's type.

The XML and CSV writers stream text by hand: networkx's GEXF 1.3 writer emits a misspelt XMLSchema-instance
namespace and a `name` attribute the 1.3 schema refuses, and a hand-written stream lets /export send the
whole graph without building a second document in memory. The JSON formats are networkx's own layouts.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeVar
from xml.sax.saxutils import escape, quoteattr

from graph.domain import _date
from graph.errors import ArgumentError
from graph.model import EDGE_ENDS, Edge, Node, Scalar, valid_on
from graph.store import GraphStore
from graph.vocabulary import EdgeType, Label, Line, one_of

# Which way "down" runs from a node, edge type by edge type: sub-areas, the bodies governing an area and the
# territory of a body, teams stationed or sent, subordinates, and the kinds and duties a body holds.
DOWN: tuple[tuple[EdgeType, str], ...] = (
    (EdgeType.PART_OF, "in"),
    (EdgeType.GOVERNS, "in"),
    (EdgeType.GOVERNS, "out"),
    (EdgeType.STATIONED_IN, "in"),
    (EdgeType.SENT_BY, "in"),
    (EdgeType.REPORTS_TO, "in"),
    (EdgeType.OF_KIND, "out"),
    (EdgeType.RESPONSIBLE_FOR, "out"),
)
MAX_EXPORT_DEPTH = 8
V = TypeVar("V", Label, Line)


@dataclass(frozen=True)
class Selection:
    """What to export: everything (no root) or the walk down from `root`, `depth` hops deep."""

    root: str | None = None
    depth: int = 2
    labels: frozenset[Label] = frozenset(Label)
    lines: frozenset[Line] = frozenset(Line)
    as_of: str | None = None


@dataclass
class Exported:
    """The selected nodes and the edges between them, sorted so that every export of the same data is the same."""

    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)


def selection(
    store: GraphStore,
    root: str | None = None,
    depth: int = 2,
    labels: str | None = None,
    lines: str | None = None,
    as_of: str | None = None,
) -> Selection:
    """A Selection from what a user types (comma-separated labels and lines); a bad value is an ArgumentError
    naming the argument, as the questions' arguments are."""
    if root is not None and store.get_nodes([root])[0] is None:
        raise ArgumentError("root", root, "no node with this id")
    if not 1 <= depth <= MAX_EXPORT_DEPTH:
        raise ArgumentError("depth", depth, f"want 1 to {MAX_EXPORT_DEPTH}")
    return Selection(
        root=root,
        depth=depth,
        labels=_words("labels", labels, Label),
        lines=_words("lines", lines, Line),
        as_of=_date("asOf", as_of),
    )


def _words(argument: str, value: str | None, vocabulary: type[V]) -> frozenset[V]:
    if not value:
        return frozenset(vocabulary)
    words = [w.strip() for w in value.split(",") if w.strip()]
    known = {m.value.lower(): m for m in vocabulary}
    unknown = [w for w in words if w.lower() not in known]
    if unknown or not words:
        raise ArgumentError(argument, value, one_of(vocabulary))
    return frozenset(known[w.lower()] for w in words)


def _keep_edge(e: Edge, sel: Selection) -> bool:
    if e.type == EdgeType.REPORTS_TO and e.get("line") not in sel.lines:
        return False
    return _in_time(e.props, sel.as_of)


def _keep_node(n: Node, sel: Selection) -> bool:
    return n.label in sel.labels and _in_time(n.props, sel.as_of)


def _in_time(props: Mapping[str, Scalar], as_of: str | None) -> bool:
    """With no as-of date an export keeps the whole history, retired records included (GEXF shows them as spells);
    with one, what stood that day."""
    return as_of is None or valid_on(props, as_of)


def select(store: GraphStore, sel: Selection) -> Exported:
    """The nodes of the selection and every kept edge between two of them (batched: one store call per
    edge type for the whole graph, one per edge type and hop for a walk)."""
    if sel.root is None:
        nodes = {n.id: n for label in sorted(sel.labels) for n in store.all_nodes(label) if _keep_node(n, sel)}
    else:
        nodes = _walk(store, sel)
    edges: list[Edge] = []
    for type_, (sources, _) in EDGE_ENDS.items():
        ids = sorted(i for i, n in nodes.items() if n.label in sources)
        if ids:
            edges += [
                nb.edge
                for nb in store.neighbours(ids, type_, "out")
                if nb.node.id in nodes and _keep_edge(nb.edge, sel)
            ]
    return Exported(sorted(nodes.values(), key=lambda n: n.id), sorted(edges, key=lambda e: e.ident))


def _walk(store: GraphStore, sel: Selection) -> dict[str, Node]:
    assert sel.root is not None
    root = store.get_nodes([sel.root])[0]
    if root is None or not _keep_node(root, sel):
        return {}
    found = {root.id: root}
    frontier = [root.id]
    for _ in range(sel.depth):
        reached: dict[str, Node] = {}
        for type_, direction in DOWN:
            for nb in store.neighbours(frontier, type_, direction):
                if nb.node.id not in found and _keep_node(nb.node, sel) and _keep_edge(nb.edge, sel):
                    reached[nb.node.id] = nb.node
        found.update(reached)
        frontier = sorted(reached)
        if not frontier:
            break
    return found


# -- attribute values -----------------------------------------------------------------------------------------

# Characters XML 1.0 cannot carry at all; stored texts should have none, but one must not break a whole export.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(value: Scalar) -> str:
    """A value as text: lists as JSON arrays (round-trip exact), booleans as true/false, the rest as str."""
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    return _NOT_XML.sub("", str(value))


def node_attrs(n: Node) -> dict[str, Scalar]:
    return {"type": n.label, **n.props}


def edge_attrs(e: Edge) -> dict[str, Scalar]:
    """An edge's attributes; its `source` property (the file a rule read) is `source_file`, because every
    format already uses `source` for the edge's first end."""
    props = {("source_file" if k == "source" else k): v for k, v in e.props.items()}
    return {"type": e.type, "key": pair_key(e), **props}


def pair_key(e: Edge) -> str:
    """Tells parallel edges between the same two nodes apart: the type, and the stored key (a line) if any."""
    return f"{e.type}:{e.key}" if e.key else str(e.type)


def edge_id(e: Edge) -> str:
    """An edge's identity as one string, unique in the whole graph."""
    return "|".join((e.source, e.type, e.target, e.key))


def _kinds(rows: Iterable[dict[str, Scalar]]) -> dict[str, str]:
    """Attribute name -> 'boolean' | 'int' | 'string', the widest type seen (lists are JSON strings)."""
    kinds: dict[str, str] = {}
    for row in rows:
        for k, v in row.items():
            kind = "boolean" if isinstance(v, bool) else "int" if isinstance(v, int) else "string"
            kinds[k] = kind if kinds.get(k, kind) == kind else "string"
    return dict(sorted(kinds.items()))


# -- writers --------------------------------------------------------------------------------------------------


def graphml(g: Exported) -> Iterator[str]:
    """GraphML 1.0: one <key> per attribute, node ids as stored, edges numbered e0… with their type and key."""
    nkinds = _kinds(node_attrs(n) for n in g.nodes)
    ekinds = _kinds(edge_attrs(e) for e in g.edges)
    yield (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
        'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
    )
    for prefix, domain, kinds in (("n", "node", nkinds), ("e", "edge", ekinds)):
        for name, kind in kinds.items():
            yield f'  <key id="{prefix}_{name}" for="{domain}" attr.name="{name}" attr.type="{kind}"/>\n'
    yield '  <graph id="whistlegraph" edgedefault="directed">\n'
    for n in g.nodes:
        data = "".join(f'<data key="n_{k}">{escape(_text(v))}</data>' for k, v in node_attrs(n).items())
        yield f"    <node id={quoteattr(n.id)}>{data}</node>\n"
    for i, e in enumerate(g.edges):
        data = "".join(f'<data key="e_{k}">{escape(_text(v))}</data>' for k, v in edge_attrs(e).items())
        yield f'    <edge id="e{i}" source={quoteattr(e.source)} target={quoteattr(e.target)}>{data}</edge>\n'
    yield "  </graph>\n</graphml>\n"


_GEXF_TYPES = {"boolean": "boolean", "int": "integer", "string": "string"}


def gexf(g: Exported) -> Iterator[str]:
    """GEXF 1.3 for Gephi: the name as label, validity as a spell (so Gephi's timeline filters by date),
    the relationship type as the edge kind, the edge's identity as its id, every property as an attvalue."""
    nkinds = _kinds(node_attrs(n) for n in g.nodes)
    ekinds = _kinds(_gexf_edge_attrs(e) for e in g.edges)
    yield (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<gexf xmlns="http://gexf.net/1.3" version="1.3">\n'
        "  <meta><creator>Whistlegraph</creator>"
        "<description>Beijing's 街乡吹哨、部门报到: areas, bodies, sunk teams, duties</description></meta>\n"
        '  <graph defaultedgetype="directed" mode="dynamic" timeformat="date">\n'
    )
    for domain, kinds in (("node", nkinds), ("edge", ekinds)):
        yield f'    <attributes class="{domain}" mode="static">\n'
        for name, kind in kinds.items():
            yield f'      <attribute id="{name}" title="{name}" type="{_GEXF_TYPES[kind]}"/>\n'
        yield "    </attributes>\n"
    yield f'    <nodes count="{len(g.nodes)}">\n'
    for n in g.nodes:
        yield (
            f"      <node id={quoteattr(n.id)} label={quoteattr(_text(n.name))}>"
            f"{_spells(n.props)}{_attvalues(node_attrs(n))}</node>\n"
        )
    yield f'    </nodes>\n    <edges count="{len(g.edges)}">\n'
    for e in g.edges:
        yield (
            f"      <edge id={quoteattr(edge_id(e))} source={quoteattr(e.source)} target={quoteattr(e.target)}"
            f' kind="{e.type}">{_spells(e.props)}{_attvalues(_gexf_edge_attrs(e))}</edge>\n'
        )
    yield "    </edges>\n  </graph>\n</gexf>\n"


def _gexf_edge_attrs(e: Edge) -> dict[str, Scalar]:
    """Without `key`: the GEXF edge id (unique in the graph) already tells parallel edges apart, and readers
    such as networkx's take the id as the key."""
    attrs = edge_attrs(e)
    del attrs["key"]
    return attrs


def _spells(props: Mapping[str, Scalar]) -> str:
    start, end = props.get("valid_from"), props.get("valid_to")
    if not start and not end:
        return ""
    ends = (f' start="{start}"' if start else "") + (f' end="{end}"' if end else "")
    return f"<spells><spell{ends}/></spells>"


def _attvalues(attrs: dict[str, Scalar]) -> str:
    values = "".join(f'<attvalue for="{k}" value={quoteattr(_text(v))}/>' for k, v in attrs.items())
    return f"<attvalues>{values}</attvalues>"


def cytoscape(g: Exported) -> Iterator[str]:
    """Cytoscape.js elements JSON ({"elements": {"nodes": [{"data": …}], "edges": […]}}), streamed element by
    element; an edge's id is its identity (source, type, target, key)."""
    yield '{"data":{"name":"whistlegraph"},"directed":true,"multigraph":true,"elements":{"nodes":['
    for i, n in enumerate(g.nodes):
        data = {"id": n.id, "value": n.id, **node_attrs(n)}
        yield ("," if i else "") + json.dumps({"data": data}, ensure_ascii=False)
    yield '],"edges":['
    for i, e in enumerate(g.edges):
        data = {"id": edge_id(e), "source": e.source, "target": e.target, **edge_attrs(e)}
        yield ("," if i else "") + json.dumps({"data": data}, ensure_ascii=False)
    yield "]}}\n"


def node_link(g: Exported) -> Iterator[str]:
    """networkx's node-link layout (edges under "edges", as networkx 3.6 writes it), streamed; read it with
    `nx.node_link_graph(data, edges="edges", key="key")`."""
    yield '{"directed":true,"multigraph":true,"graph":{"name":"whistlegraph"},"nodes":['
    for i, n in enumerate(g.nodes):
        yield ("," if i else "") + json.dumps({"id": n.id, **node_attrs(n)}, ensure_ascii=False)
    yield '],"edges":['
    for i, e in enumerate(g.edges):
        row = {"id": edge_id(e), "source": e.source, "target": e.target, **edge_attrs(e)}
        yield ("," if i else "") + json.dumps(row, ensure_ascii=False)
    yield "]}\n"


NODE_COLUMNS = ("id", "type", "name", "kind", "provenance", "source", "rule", "evidence", "valid_from", "valid_to")
EDGE_COLUMNS = ("source", "type", "target", "key", "line", "primary", "role", "provenance", "source_file", "rule")


def _csv(rows: Sequence[dict[str, Scalar]], leading: Sequence[str]) -> Iterator[str]:
    """A header of the leading columns then every other property name; lists as JSON arrays."""
    names = list(leading) + sorted({k for r in rows for k in r} - set(leading))
    buf = io.StringIO()
    out = csv.writer(buf, lineterminator="\n")
    out.writerow(names)
    for i, row in enumerate(rows):
        out.writerow([_text(row[k]) if k in row else "" for k in names])
        if i % 1000 == 999:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue()


def csv_nodes(g: Exported) -> Iterator[str]:
    return _csv([{"id": n.id, **node_attrs(n)} for n in g.nodes], NODE_COLUMNS)


def csv_edges(g: Exported) -> Iterator[str]:
    return _csv([{"source": e.source, "target": e.target, **edge_attrs(e)} for e in g.edges], EDGE_COLUMNS)


@dataclass(frozen=True)
class Format:
    write: Callable[[Exported], Iterator[str]]
    media_type: str
    suffix: str


FORMATS: dict[str, Format] = {
    "graphml": Format(graphml, "application/graphml+xml; charset=utf-8", "graphml"),
    "gexf": Format(gexf, "application/gexf+xml; charset=utf-8", "gexf"),
    "cytoscape": Format(cytoscape, "application/json", "cyjs"),
    "node-link": Format(node_link, "application/json", "json"),
    "csv-nodes": Format(csv_nodes, "text/csv; charset=utf-8", "nodes.csv"),
    "csv-edges": Format(csv_edges, "text/csv; charset=utf-8", "edges.csv"),
}
