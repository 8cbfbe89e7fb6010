"""Opening the configured store, with the bundled Beijing data loaded into an empty one, and its whistle ledger."""

from __future__ import annotations

import os
from pathlib import Path

from graph.embedded import EmbeddedStore
from graph.errors import ArgumentError
from graph.store import GraphStore, NodeQuery
from graph.vocabulary import Label, StoreKind, one_of
from loaders.dataset import BUNDLED, load_dataset
from whistles.ledger import WhistleLedger
from whistles.ledger_sqlite import Ledger

DEFAULT_DB = Path(os.environ.get("WHISTLEGRAPH_DB", "var/whistlegraph.sqlite"))
DEFAULT_LEDGER = Path(os.environ.get("WHISTLEGRAPH_LEDGER", "var/whistles.sqlite"))


def open_store(kind: str = StoreKind.EMBEDDED, db: Path | None = None, seed: bool = True) -> GraphStore:
    """The store of that kind; with seed, a store holding no area at all gets the bundled data first (a few
    seconds). A store that holds any other city's areas is left alone: Beijing is the default, never an addition."""
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
    return store


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
