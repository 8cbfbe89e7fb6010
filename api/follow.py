"""A running server follows the lists: when a sync is applied by another process (`whistlegraph sync` on the same
store file, or on the same Neo4j database), the server answers from the new version without a restart.

The store takes up the new records whole (the embedded store reads the file aside and swaps its graph in one
assignment; Neo4j answers from the database anyway), then the domain rebuilds its name and duty indexes aside
and swaps them in, so no answer is computed from half a version.
"""

from __future__ import annotations

import asyncio
import logging
import os

import anyio.to_thread

from graph.domain import Domain

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


async def follow_lists(domain: Domain, every: float = FOLLOW_SECONDS) -> None:
    """Poll until cancelled; the reload runs in a worker thread, so requests are answered meanwhile."""
    while True:
        await asyncio.sleep(every)
        try:
            if await anyio.to_thread.run_sync(take_up, domain):
                versions = domain.store.list_versions()
                log.info("lists: now answering from list version %s", versions[-1].number if versions else "?")
        except Exception:
            log.exception("following the lists failed; answering from the version held")
