"""From the ledger's writer threads to subscribers on the event loop.

Supervision calls its listeners after events are durable, on whatever thread made the
change (a mutation's worker thread, the deadline sweep). asyncio queues are not
thread-safe, so a publish only schedules the put on the subscriber's own loop.

The same hub wakes the subscribers to list versions (an empty batch) when the server takes a newer version up.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from whistles.record import Event

# Batches of events a subscriber may have waiting; a client that reads slower than this is cut off.
BACKLOG = 1000


class FellBehind(Exception):
    """The subscriber did not keep up; it should subscribe again and re-read what it missed."""

    def __init__(self) -> None:
        super().__init__(f"the subscription fell more than {BACKLOG} updates behind; subscribe again")


class Subscriber:
    """One subscription's queue of event batches, bound to the loop it was opened on."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        self._queue: asyncio.Queue[list[Event] | None] = asyncio.Queue(BACKLOG)

    def offer(self, events: list[Event]) -> None:
        """Safe from any thread; a closed loop means the subscriber is already gone."""
        try:
            self._loop.call_soon_threadsafe(self._put, events)
        except RuntimeError:
            pass

    def _put(self, events: list[Event]) -> None:
        if self._queue.full():
            while not self._queue.empty():
                self._queue.get_nowait()
            self._queue.put_nowait(None)  # the marker that it fell behind
        else:
            self._queue.put_nowait(events)

    async def next(self) -> list[Event]:
        events = await self._queue.get()
        if events is None:
            raise FellBehind()
        return events


class Hub:
    """Fans durable whistle events out to every open subscription."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._subscribers: set[Subscriber] = set()

    def publish(self, events: list[Event]) -> None:
        """A Supervision listener: never blocks and never raises into the writer."""
        with self._lock:
            subscribers = list(self._subscribers)
        for s in subscribers:
            s.offer(events)

    @contextmanager
    def subscribe(self) -> Iterator[Subscriber]:
        """A subscriber on the running loop, removed when the subscription ends."""
        s = Subscriber(asyncio.get_running_loop())
        with self._lock:
            self._subscribers.add(s)
        try:
            yield s
        finally:
            with self._lock:
                self._subscribers.discard(s)

    @property
    def subscriptions(self) -> int:
        """How many subscriptions are open (reported by /health)."""
        with self._lock:
            return len(self._subscribers)


class ListsHeld:
    """The newest list version this server answers from. It only moves forward, and each move wakes every
    subscription; subscribers read the versions themselves from the store, each from its own last one, so a
    version announced twice (by the admin mutation and by the follower) still reaches a client once."""

    def __init__(self, hub: Hub, number: int = 0) -> None:
        self._hub = hub
        self._lock = threading.Lock()
        self._number = number

    @property
    def number(self) -> int:
        with self._lock:
            return self._number

    def advance(self, number: int) -> None:
        """Safe from any thread: called once the server answers from every version up to `number`."""
        with self._lock:
            if number <= self._number:
                return
            self._number = number
        self._hub.publish([])
