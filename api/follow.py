"""A running server follows the lists: when a sync is applied by another process (`whistlegraph sync` on the same
store file, or on the same Neo4j database), the server answers from the new version without a restart.

The store takes up the new records whole (the embedded store reads the file aside and swaps its graph in one
assignment; Neo4j answers from the database anyway), then the domain rebuilds its name and duty indexes aside
and swaps them in, so no answer is computed from half a version. Then the list versions taken up are announced
to the subscribers of `appliedListVersions` (schema/history.py).
"""

from __future__ import annotations

import asyncio
import logging
import os

import anyio.to_thread

from graph.domain import Domain
from graph.store import GraphStore
from schema.live import ListsHeld

log = logging.getLogger("whistlegraph")

# How often the store is asked whether a sync was applied elsewhere (a cheap query: PRAGMA data_version, or the
# latest list version's number); WHISTLEGRAPH_FOLLOW_SECONDS overrides it.
FOLLOW_SECONDS = float(os.environ.get("WHISTLEGRAPH_FOLLOW_SECONDS", "1"))


def take_up(domain: Domain) -> bool:
    """Reload the store if another process changed it, and the domain's indexes with it; True if it did."""
    if not domain.store.reload_if_changed():
        return False
    domain.refresh()
    return True


def latest_version(store: GraphStore) -> int:
    """The number of the newest list version the store holds (0 before the first sync)."""
    return max((v.number for v in store.list_versions()), default=0)


def poll(domain: Domain, announced: int) -> tuple[int, bool]:
    """Take up what another process applied; the newest version read *before* the reload is certainly held after
    it, whereas one read after could have been committed since (and would be announced before it is answered).
    A version past the last announced that the store did not report as a change is taken up all the same: Neo4j's
    store reports only what appeared since its first poll, which may come after a version landed."""
    held = latest_version(domain.store)
    took = take_up(domain)
    if held > announced and not took:
        domain.refresh()
        took = True
    return held, took


async def follow_lists(domain: Domain, lists: ListsHeld, every: float = FOLLOW_SECONDS) -> None:
    """Poll until cancelled, announcing the newest version held; the reload runs in a worker thread, so requests
    are answered meanwhile."""
    while True:
        await asyncio.sleep(every)
        try:
            held, took = await anyio.to_thread.run_sync(poll, domain, lists.number)
            if took:
                log.info("lists: took up a sync; answering from list version %d or later", held)
            lists.advance(held)
        except Exception:
            log.exception("following the lists failed; answering from the version held")
