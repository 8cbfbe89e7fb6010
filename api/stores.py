"""Opening the configured store, with the bundled Beijing data loaded into an empty one, and its whistle ledger."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from graph.embedded import EmbeddedStore
from graph.errors import ArgumentError
from graph.history import action_counts
from graph.store import GraphStore, NodeQuery
from graph.vocabulary import Label, StoreKind, one_of
from loaders.dataset import BUNDLED, load_dataset
from loaders.sync import apply_plan, effective_date, plan_sync, read_lists
from whistles.ledger import WhistleLedger
from whistles.ledger_sqlite import Ledger

DEFAULT_DB = Path(os.environ.get("WHISTLEGRAPH_DB", "var/whistlegraph.sqlite"))
DEFAULT_LEDGER = Path(os.environ.get("WHISTLEGRAPH_LEDGER", "var/whistles.sqlite"))
BUNDLED_BY = "whistlegraph serve (the bundled data of this release)"  # who applies a list version of bundled-refresh


def open_store(
    kind: str = StoreKind.EMBEDDED,
    db: Path | None = None,
    seed: bool = True,
    report: Callable[[str], None] | None = None,
) -> GraphStore:
    """The store of that kind; with seed, a store holding no area at all gets the bundled data first (a few
    seconds). A store that holds any other city's areas is left alone: Beijing is the default, never an addition.
    With `report`, a store that was already seeded takes up this release's bundled data (take_up_bundled) and what
    was done is reported; one seeded just now holds it already, and the lists are not read twice."""
    if kind == StoreKind.EMBEDDED:
        path = db or DEFAULT_DB
        path.parent.mkdir(parents=True, exist_ok=True)
        store: GraphStore = EmbeddedStore(path)
    elif kind == StoreKind.NEO4J:
        from graph.neo4j_store import Neo4jStore

        store = Neo4jStore.from_env()
    else:
        raise ValueError(f"--store: {one_of(StoreKind)} (got {kind!r})")
    if seed and not store.find_nodes(NodeQuery(Label.AREA, limit=1)).nodes:
        load_dataset(store, BUNDLED)
    elif seed and report is not None and (note := take_up_bundled(store)):
        report(note)
    return store


def take_up_bundled(store: GraphStore, root: Path = BUNDLED) -> str:
    """Rule `bundled-refresh`: a store seeded from the bundled data by an earlier release (its only city is the
    bundle's) takes up this release's bundled data when it differs — new duties read from the law, a renamed
    street — as a sync would: a list version applied by BUNDLED_BY, retired rows kept for questions asked as of an
    earlier date. A store holding lists an operator synced is left as it is (the bundle may be older than what they
    synced) and the line returned says so; a store of another city, or of two, is not the bundle's to refresh.
    Returns what was done, '' when nothing was to be done."""
    batch, files = read_lists(root)
    city = {n.id for n in batch.nodes if n.label == Label.AREA and n.props.get("level") == "city"}
    held = store.find_nodes(NodeQuery(Label.AREA, props=(("level", "city"),), limit=10)).nodes
    if {n.id for n in held if not n.props.get("valid_to")} != city:
        return ""
    plan = plan_sync(store, batch, files, effective_date(None))
    if plan.empty:
        return ""
    tally = ", ".join(f"{action} {n}" for action, n in action_counts(plan.changes).items() if n)
    synced = [v for v in store.list_versions() if v.applied_by != BUNDLED_BY]
    if synced:
        return (
            f"warning: this release's bundled data differs from the store's ({tally}); the store holds lists an "
            f"operator synced (list version {synced[-1].number}, applied {synced[-1].applied_at}), so it is left as "
            f"it is: `whistlegraph sync {root}` takes the bundled data up"
        )
    apply_plan(store, plan, BUNDLED_BY)
    return f"took up this release's bundled data ({tally}) as list version {store.list_versions()[-1].number}"


def open_ledger(path: Path | None = None) -> Ledger:
    """The SQLite whistle ledger (WAL, fsync on commit) kept beside the embedded graph; see ledger_for."""
    path = path or DEFAULT_LEDGER
    path.parent.mkdir(parents=True, exist_ok=True)
    return Ledger(path)


def ledger_for(store: GraphStore, path: Path | None = None) -> WhistleLedger:
    """The whistle record and API principals where the graph is.

    With the graph in Neo4j, in the same database over the store's driver, so users find whistles
    beside the bodies they called; otherwise SQLite at path (default $WHISTLEGRAPH_LEDGER).
    """
    from graph.neo4j_store import Neo4jStore

    if not isinstance(store, Neo4jStore):
        return open_ledger(path)
    if path is not None:
        raise ArgumentError("ledger", str(path), "a ledger file is for the embedded store; Neo4j keeps whistles itself")
    from whistles.ledger_neo4j import Neo4jLedger

    return Neo4jLedger.beside(store)
