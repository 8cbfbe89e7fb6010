"""A batch under construction, with the problems found so far."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graph.model import Batch, Edge, Node, Provenance, clean_props
from loaders.source import Problem, Row


@dataclass
class Collector:
    """Nodes and edges read from the sources; duplicate ids are problems, not overwrites."""

    batch: Batch = field(default_factory=Batch)
    problems: list[Problem] = field(default_factory=list)
    _seen: dict[str, str] = field(default_factory=dict)
    _labels: dict[str, str] = field(default_factory=dict)

    def node(self, id_: str, label: str, prov: Provenance, row: Row | None = None, **props: Any) -> Node | None:
        where = row.where if row else prov.source
        if id_ in self._seen:
            problem = f"duplicate id {id_!r} (first defined at {self._seen[id_]})"
            self.problems.append(row.problem(None, problem) if row else Problem(where, None, None, problem))
            return None
        self._seen[id_] = where
        self._labels[id_] = label
        node = Node(id_, label, clean_props({**props, **prov.props()}))
        self.batch.nodes.append(node)
        return node

    def edge(self, source: str, type_: str, target: str, prov: Provenance, key: str = "", **props: Any) -> Edge:
        edge = Edge(source, type_, target, key, clean_props({**props, **prov.props()}))
        self.batch.edges.append(edge)
        return edge

    def adopt(self, batch: Batch, existing: dict[str, str]) -> None:
        """Check a ready-made batch: its nodes, plus existing nodes (id -> label) its edges may join."""
        self.batch = batch
        for n in batch.nodes:
            self._seen.setdefault(n.id, str(n.props.get("source", "")))
            self._labels.setdefault(n.id, n.label)
        for id_, label in existing.items():
            self._seen.setdefault(id_, "(store)")
            self._labels.setdefault(id_, label)

    def has(self, id_: str) -> bool:
        return id_ in self._seen

    def label(self, id_: str) -> str | None:
        return self._labels.get(id_)

    def nodes_of(self, label: str) -> list[Node]:
        return [n for n in self.batch.nodes if n.label == label]
