"""Shared fixtures: the bundled Beijing graph, loaded once per store kind.

`store` is parameterised by store kind, so every test that takes it is a contract test
run on the embedded store and on the Bolt store (ArcadeDB started by tests/bolt.py, or
the real Neo4j at NEO4J_URI).
"""

from __future__ import annotations

import os

import pytest

from graph.domain import Domain
from graph.embedded import EmbeddedStore
from graph.model import Batch
from loaders.dataset import BUNDLED, read_dataset

pytest_plugins = ["tests.bolt"]
MAX_WORKERS = 4  # each worker starts its own ArcadeDB (about 1 GB) and Chromium


@pytest.hookimpl(tryfirst=True)
def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """How many workers `-n auto` (pyproject.toml) starts: one per core, but none against a Neo4j at NEO4J_URI,
    since every worker would empty and load that one database under the others."""
    if os.environ.get("NEO4J_URI"):
        return 0
    return min(MAX_WORKERS, len(os.sched_getaffinity(0)))


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
