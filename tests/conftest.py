"""Shared fixtures: the bundled Beijing graph, loaded once per store kind.

`store` is parameterised by store kind, so every test that takes it is a contract test
run on the embedded store and on the Bolt store (ArcadeDB started by tests/bolt.py, or
the real Neo4j at NEO4J_URI).
"""

from __future__ import annotations

import pytest

from graph.domain import Domain
from graph.embedded import EmbeddedStore
from graph.model import Batch
from loaders.dataset import BUNDLED, read_dataset

pytest_plugins = ["tests.bolt"]


@pytest.fixture(scope="session")
def bundled_batch() -> Batch:
    return read_dataset(BUNDLED)


@pytest.fixture(scope="session")
def embedded_store(bundled_batch: Batch) -> EmbeddedStore:
    store = EmbeddedStore()
    store.apply(bundled_batch)
    return store


@pytest.fixture(scope="session", params=["embedded", pytest.param("bolt", marks=pytest.mark.bolt)])
def store(request: pytest.FixtureRequest):
    """Every store kind, loaded with the bundled data."""
    if request.param == "embedded":
        return request.getfixturevalue("embedded_store")
    return request.getfixturevalue("bolt_store")


@pytest.fixture(scope="session")
def domain(store) -> Domain:
    d = Domain(store)
    d.refresh()
    return d


@pytest.fixture(scope="session")
def embedded_domain(embedded_store: EmbeddedStore) -> Domain:
    d = Domain(embedded_store)
    d.refresh()
    return d
