"""Answers kept for the questions' repeated arguments, keyed with the store's data version.

An answer is a pure function of the question's arguments and the graph, so a cached one is
served only under the exact data version it was computed at: a load bumps the version and every
older entry becomes unreachable (and ages out of the LRU). A store that cannot tell its version
(None) gets no caching at all.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from typing import Generic, TypeVar

V = TypeVar("V")
# Distinct answers kept (LRU); a responders answer as GraphQL JSON is about 10 KB, so about 20 MB at most.
DEFAULT_SIZE = 2048


class AnswerCache(Generic[V]):
    """A thread-safe LRU from (key, data version) to an answer."""

    def __init__(self, size: int = DEFAULT_SIZE) -> None:
        self.size = size
        self._entries: OrderedDict[tuple[Hashable, int], V] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable, version: int | None) -> V | None:
        if version is None or self.size <= 0:
            return None
        with self._lock:
            found = self._entries.get((key, version))
            if found is None:
                self.misses += 1
                return None
            self._entries.move_to_end((key, version))
            self.hits += 1
            return found

    def put(self, key: Hashable, version: int | None, answer: V) -> None:
        if version is None or self.size <= 0:
            return
        with self._lock:
            self._entries[(key, version)] = answer
            self._entries.move_to_end((key, version))
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def __len__(self) -> int:
        return len(self._entries)
