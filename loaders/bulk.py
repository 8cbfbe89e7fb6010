"""Bulk steps with the cyclic garbage collector paused.

Reading the lists and planning a sync build a few hundred thousand small records, none of them in a reference
cycle. Meanwhile the collector's full passes walk the whole process heap (a quarter of a second each on the
bundled data, as long as the plan itself) and free nothing, since reference counting frees these records as
soon as they are dropped. So those steps pause it; it runs again, as before, when they end. A step started
while it was already paused (a nested or concurrent one) leaves it as it found it.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic collector for the block (usable as a decorator)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
