"""Integrity rules a batch must meet before any store writes it (one implementation for all stores)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from graph.errors import StoreError
from graph.model import EDGE_ENDS, LABELS, PART_OF, REPORTS_TO, Batch, Edge, Node


def where(record: Node | Edge) -> str:
    """The file and line a record came from, for error messages."""
    return str(record.props.get("source", "")) or "(no source)"


def check_batch_ends(batch: Batch, lookup: Callable[[Sequence[str]], list[Node | None]]) -> None:
    """Every edge must join existing nodes of the labels its type allows."""
    labels = {n.id: n.label for n in batch.nodes}
    for n in batch.nodes:
        if n.label not in LABELS:
            raise StoreError(f"{where(n)}: node {n.id!r} has unknown label {n.label!r}")
    missing = sorted({end for e in batch.edges for end in (e.source, e.target) if end not in labels})
    if missing:
        for id_, node in zip(missing, lookup(missing), strict=True):
            if node is not None:
                labels[id_] = node.label
    for e in batch.edges:
        if e.type not in EDGE_ENDS:
            raise StoreError(f"{where(e)}: unknown relationship type {e.type!r}")
        allowed_from, allowed_to = EDGE_ENDS[e.type]
        for end, allowed in ((e.source, allowed_from), (e.target, allowed_to)):
            if end not in labels:
                raise StoreError(
                    f"{where(e)}: {e.type} edge {e.source!r} -> {e.target!r} points at missing node {end!r}"
                )
            if labels[end] not in allowed:
                raise StoreError(
                    f"{where(e)}: {e.type} edge cannot join a {labels[end]} ({end!r}); it joins {sorted(allowed)}"
                )


def find_cycle(edges: Iterable[Edge], type_: str) -> list[Edge] | None:
    """A cycle among edges of one type (jurisdiction or reporting), or None."""
    succ: dict[str, list[Edge]] = {}
    for e in edges:
        if e.type == type_:
            succ.setdefault(e.source, []).append(e)
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    for start in sorted(succ):
        if state.get(start):
            continue
        stack: list[tuple[str, int]] = [(start, 0)]
        path: list[Edge] = []
        state[start] = 1
        while stack:
            node, i = stack[-1]
            out = succ.get(node, [])
            if i < len(out):
                stack[-1] = (node, i + 1)
                e = out[i]
                if e.target == node:
                    return [e]
                if state.get(e.target) == 1:
                    loop_start = next(k for k, p in enumerate(path) if p.source == e.target) if path else 0
                    return path[loop_start:] + [e]
                if not state.get(e.target):
                    state[e.target] = 1
                    path.append(e)
                    stack.append((e.target, 0))
            else:
                state[node] = 2
                stack.pop()
                if path:
                    path.pop()
    return None


CYCLE_FREE_TYPES = (PART_OF, REPORTS_TO)
