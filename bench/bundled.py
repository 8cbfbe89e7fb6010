"""The bundled Beijing data in an in-memory embedded store, with its Domain ready: what most benches start from."""

from __future__ import annotations

from graph.domain import Domain
from graph.embedded import EmbeddedStore
from loaders.dataset import BUNDLED, read_dataset


def bundled_domain() -> Domain:
    """A Domain over the bundled data, its indexes built (so no bench times the first question's index build)."""
    store = EmbeddedStore()
    store.apply(read_dataset(BUNDLED))
    domain = Domain(store)
    domain.refresh()
    return domain
