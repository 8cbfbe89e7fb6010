"""The contract every graph store keeps (embedded networkx, Neo4j).

Stores only fetch and write; every rule about responsibility, reporting and response
lives once, in graph/questions.py, and reads the Subgraph a store returns. Each
question costs one round trip: the store returns everything the rule needs at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from graph.history import ListVersion, VersionChange, VersionDraft
from graph.model import Batch, Edge, EdgeIdent, LoadReport, Node, Subgraph
from graph.vocabulary import StoreKind


@dataclass(frozen=True)
class NodeQuery:
    """A filtered, keyset-paginated listing of one label, ordered by id.

    `props` are equality filters on string properties (a bool, number or list property never
    matches); `via` keeps only nodes with an
    edge (type, direction 'out'|'in', other node id); `name_contains` is a substring
    test on the name.
    """

    label: str
    props: tuple[tuple[str, str], ...] = ()
    via: tuple[str, str, str] | None = None
    name_contains: str | None = None
    after: str | None = None
    limit: int = 100


@dataclass(frozen=True)
class Neighbour:
    """An edge seen from one of its ends, with the node at the other end."""

    origin: str
    edge: Edge
    node: Node


@dataclass
class StoredRecords:
    """Every stored record by identity, its properties as canonical text (graph.model.props_text): what a sync
    compares the lists with. Text, not parsed records, because a sync of unchanged lists compares all of them and
    parses only the few that differ."""

    nodes: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> (label, props text)
    edges: dict[EdgeIdent, str] = field(default_factory=dict)  # (source, type, target, key) -> props text


@dataclass
class NodePage:
    nodes: list[Node] = field(default_factory=list)
    has_next: bool = False


class GraphStore(Protocol):
    """What graph/questions.py, loaders and the API need from a store."""

    kind: StoreKind

    def apply(self, batch: Batch, version: VersionDraft | None = None) -> LoadReport:
        """Upsert the batch atomically: all of it is written, or nothing is. With a version (a sync), the list
        version and its changes are recorded in the same transaction, when anything is written."""

    def reload_if_changed(self) -> bool:
        """Take up a sync another process applied to the same store; True if there was one since last asked."""

    def list_versions(self) -> list[ListVersion]:
        """Every applied sync, oldest first."""

    def version_changes(self, since: str | None = None, kind: str | None = None) -> list[VersionChange]:
        """The changes of the versions effective on or after `since`, of one label or relationship type if given."""

    def counts(self) -> dict[str, int]:
        """Nodes by label and edges by type."""

    def data_version(self) -> int | None:
        """A number that changes whenever the data does, for caching answers; None when the store cannot tell
        (another process may write it), and then nothing is cached."""

    def get_nodes(self, ids: Sequence[str]) -> list[Node | None]:
        """The nodes with these ids, in order; None where absent."""

    def neighbours(self, ids: Sequence[str], edge_type: str, direction: str) -> list[Neighbour]:
        """Edges of one type leaving ('out') or entering ('in') the given nodes, batched."""

    def find_nodes(self, query: NodeQuery) -> NodePage:
        """One page of a filtered listing."""

    def count_nodes(self, query: NodeQuery) -> int:
        """How many nodes the listing holds in all (after and limit ignored)."""

    def all_nodes(self, label: str) -> list[Node]:
        """Every node of a label (search indexes are built from these)."""

    def stored_records(self) -> StoredRecords:
        """Every node and edge, as a sync compares them with the new lists."""

    def place_context(self, place_id: str, duty_ids: Sequence[str]) -> Subgraph:
        """The place, its ancestors, bodies governing them (with kinds), sunk teams stationed
        in them (with parents and kinds), and the duties with their holder kinds."""

    def chain_context(self, body_id: str) -> Subgraph:
        """Everything above a body by REPORTS_TO, plus what decides who assesses it and whom
        it assesses: its territory, teams there, teams it sent and where they serve."""

    def subordinates_context(self, body_id: str, depth: int) -> Subgraph:
        """Everything below a body by REPORTS_TO, up to depth hops."""

    def close(self) -> None:
        """Release connections and files."""
