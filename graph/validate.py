"""Integrity rules a batch must meet before any store writes it (one implementation for all stores)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import networkx as nx

from graph.errors import StoreError
from graph.model import EDGE_ENDS, Batch, Edge, Node
from graph.vocabulary import EdgeType, Label, is_value


def where(record: Node | Edge) -> str:
    """The file and line a record came from, for error messages."""
    return str(record.props.get("source", "")) or "(no source)"


def check_batch_ends(batch: Batch, lookup: Callable[[Sequence[str]], list[Node | None]]) -> None:
    """Every edge must join existing nodes of the labels its type allows."""
    labels = {n.id: n.label for n in batch.nodes}
    for n in batch.nodes:
        if not is_value(Label, n.label):
            raise StoreError(f"{where(n)}: node {n.id!r} has unknown label {n.label!r}")
    missing = sorted({end for e in batch.edges for end in (e.source, e.target) if end not in labels})
    if missing:
        for id_, node in zip(missing, lookup(missing), strict=True):
            if node is not None:
                labels[id_] = node.label
    for e in batch.edges:
        if not is_value(EdgeType, e.type):
            raise StoreError(f"{where(e)}: unknown relationship type {e.type!r}")
        allowed_from, allowed_to = EDGE_ENDS[EdgeType(e.type)]
        for end, allowed in ((e.source, allowed_from), (e.target, allowed_to)):
            if end not in labels:
                raise StoreError(
                    f"{where(e)}: {e.type} edge {e.source!r} -> {e.target!r} points at missing node {end!r}"
                )
            if labels[end] not in allowed:
                raise StoreError(
                    f"{where(e)}: {e.type} edge cannot join a {labels[end]} ({end!r}); it joins {sorted(allowed)}"
                )


def find_cycle(edges: Iterable[Edge], type_: EdgeType) -> list[Edge] | None:
    """A cycle among edges of one type (jurisdiction or reporting), or None; searched from the smallest id up.

    The common answer, none, is settled by networkx's topological test on a plain directed graph (linear, and
    several times faster than the edge-by-edge search on 700,000 national PART_OF edges); only a graph that has a
    cycle pays for finding and naming it."""
    chosen = [e for e in edges if e.type == type_]
    plain: nx.DiGraph[str] = nx.DiGraph()
    plain.add_edges_from((e.source, e.target) for e in chosen)
    if nx.is_directed_acyclic_graph(plain):
        return None
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for e in sorted(chosen, key=lambda e: e.ident):
        graph.add_edge(e.source, e.target, key=e.ident, edge=e)
    try:
        found = nx.find_cycle(graph, source=sorted(graph.nodes))
    except nx.NetworkXNoCycle:
        return None
    return [graph.edges[u, v, key]["edge"] for u, v, key in found]


CYCLE_FREE_TYPES = (EdgeType.PART_OF, EdgeType.REPORTS_TO)
