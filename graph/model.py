"""The property-graph model every store speaks: nodes, edges, provenance and validity.

Properties are flat (str, int, float, bool or list of str) so that the same records
go into networkx and into Neo4j unchanged; a missing value is absent, never None.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any, TypeVar

import orjson

from graph.vocabulary import Direction, EdgeType, Label, ProvenanceKind

T = TypeVar("T")

# The labels each relationship type connects (checked on load).
EDGE_ENDS: dict[EdgeType, tuple[frozenset[Label], frozenset[Label]]] = {
    EdgeType.PART_OF: (frozenset({Label.AREA}), frozenset({Label.AREA})),
    EdgeType.GOVERNS: (frozenset({Label.BODY}), frozenset({Label.AREA})),
    EdgeType.OF_KIND: (frozenset({Label.BODY}), frozenset({Label.HOLDER_KIND})),
    EdgeType.REPORTS_TO: (frozenset({Label.BODY, Label.SUNK_TEAM}), frozenset({Label.BODY})),
    EdgeType.SENT_BY: (frozenset({Label.SUNK_TEAM}), frozenset({Label.BODY})),
    EdgeType.STATIONED_IN: (frozenset({Label.SUNK_TEAM}), frozenset({Label.AREA})),
    EdgeType.RESPONSIBLE_FOR: (frozenset({Label.HOLDER_KIND}), frozenset({Label.DUTY})),
    EdgeType.DELEGATED_TO: (frozenset({Label.DUTY}), frozenset({Label.HOLDER_KIND})),
    EdgeType.SUCCEEDED_BY: (frozenset({Label.BODY}), frozenset({Label.BODY})),
}

Scalar = str | int | float | bool | list[str]
EdgeIdent = tuple[str, str, str, str]

_WIDE_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode


def props_text(props: Mapping[str, Scalar]) -> str:
    """Properties as canonical JSON (sorted keys, compact, UTF-8): how the embedded store keeps them, and what a sync
    compares, so an unchanged record is recognised by its text without being parsed. orjson is the fast path; the
    standard encoder takes what orjson refuses (an integer beyond 64 bits)."""
    plain = props if isinstance(props, dict) else dict(props)
    try:
        return orjson.dumps(plain, option=orjson.OPT_SORT_KEYS).decode()
    except TypeError:
        return _WIDE_JSON(plain)


@dataclass(frozen=True)
class Provenance:
    """Where a fact comes from: a register or law, a seed article, or a named rule."""

    kind: ProvenanceKind
    source: str
    rule: str = ""
    evidence: str = ""

    def props(self) -> dict[str, str]:
        out = {"provenance": self.kind, "source": self.source}
        if self.rule:
            out["rule"] = self.rule
        if self.evidence:
            out["evidence"] = self.evidence
        return out


@lru_cache(maxsize=4096)
def short_kind_name(name: str) -> str:
    """The generic term the law uses for a holder kind: its Chinese name before any gloss."""
    for sep in ("（", "／", "("):
        name = name.split(sep)[0]
    return name


def clean_props(props: Mapping[str, Any]) -> dict[str, Scalar]:
    """Drop empty values so that stores never see None or ''."""
    return {k: v for k, v in props.items() if v is not None and v != "" and v != []}


@dataclass(frozen=True)
class Node:
    id: str
    label: str
    props: Mapping[str, Scalar] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return str(self.props.get("name", self.id))

    def get(self, key: str, default: Any = None) -> Any:
        return self.props.get(key, default)


@dataclass(frozen=True)
class Edge:
    """A relationship; (source, type, target, key) identifies it, key tells parallel edges apart."""

    source: str
    type: str
    target: str
    key: str = ""
    props: Mapping[str, Scalar] = field(default_factory=dict)

    @property
    def ident(self) -> EdgeIdent:
        return (self.source, self.type, self.target, self.key)

    def get(self, key: str, default: Any = None) -> Any:
        return self.props.get(key, default)


@dataclass
class Batch:
    """What a load writes: whole nodes and edges, upserted by identity."""

    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)

    def extend(self, other: Batch) -> None:
        self.nodes.extend(other.nodes)
        self.edges.extend(other.edges)


@dataclass
class LoadReport:
    """What a load changed; a second identical load reports zero created and updated."""

    created_nodes: int = 0
    updated_nodes: int = 0
    unchanged_nodes: int = 0
    created_edges: int = 0
    updated_edges: int = 0
    unchanged_edges: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created_nodes or self.updated_nodes or self.created_edges or self.updated_edges)


@dataclass
class Subgraph:
    """A small piece of the graph fetched in one round trip, for the domain logic to read."""

    nodes: dict[str, Node] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)
    _index: dict[tuple[str, str, str], list[Edge]] | None = field(default=None, repr=False, compare=False)
    # what the domain rules derive from this fetch and ask for again and again (the answers' references and hops)
    memo: dict[tuple[str, ...], Any] = field(default_factory=dict, repr=False, compare=False)

    def add_nodes(self, nodes: Iterable[Node]) -> None:
        for n in nodes:
            self.nodes[n.id] = n
        self.memo.clear()

    def remember(self, key: tuple[str, ...], make: Callable[..., T], *args: Any) -> T:
        """What `make(*args)` (never None) derives from this fetch, made once under `key`; no closure on hot paths."""
        made: T | None = self.memo.get(key)
        if made is None:
            made = self.memo[key] = make(*args)
        return made

    def _by(self, direction: str, node_id: str, type_: str) -> list[Edge]:
        """Edges indexed once per fetch: the rules look them up many times."""
        index = self._index if self._index is not None else self._index_edges(sorted(self.edges, key=lambda e: e.ident))
        return list(index.get((direction, node_id, type_), ()))

    def _index_edges(self, in_order: list[Edge]) -> dict[tuple[str, str, str], list[Edge]]:
        index: dict[tuple[str, str, str], list[Edge]] = {}
        for e in in_order:
            index.setdefault((Direction.OUT, e.source, e.type), []).append(e)
            index.setdefault((Direction.IN, e.target, e.type), []).append(e)
        self._index = index
        return index

    def out(self, node_id: str, type_: str) -> list[Edge]:
        return self._by(Direction.OUT, node_id, type_)

    def into(self, node_id: str, type_: str) -> list[Edge]:
        return self._by(Direction.IN, node_id, type_)

    def dedupe(self) -> Subgraph:
        """Stores may return an edge more than once (one row per path); keep one of each."""
        seen: dict[tuple[str, str, str, str], Edge] = {e.ident: e for e in self.edges}
        self.edges = [seen[ident] for ident in sorted(seen)]
        self._index_edges(self.edges)  # in the order of their identities, as a lazy index would be
        self.memo.clear()
        return self


def valid_on(props: Mapping[str, Any], as_of: str | None) -> bool:
    """True when an ISO date lies inside [valid_from, valid_to); no date means "now" for the end (a record a sync
    retired is gone today) and no limit for the start."""
    end = props.get("valid_to")
    if not as_of:
        return not end or date.today().isoformat() < str(end)
    start = props.get("valid_from")
    if start and as_of < str(start):
        return False
    if end and as_of >= str(end):
        return False
    return True
