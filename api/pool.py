"""Worker processes for dear queries, so the event loop keeps answering cheap ones and every core works.

Resolving a GraphQL answer over the in-memory graph is pure Python: in a thread it would hold the GIL and
stall the loop just the same. So queries priced at or over the cheap threshold run in processes forked from
the server once its domain is loaded (they share its pages copy-on-write). The server never writes the graph
while serving; still, every task carries the data version the server saw and a worker whose copy differs
refuses it (the pool is then forked anew), so a worker can never answer from older data.

A worker enforces the wall-clock limit itself with SIGALRM: the query is abandoned at the limit and the
worker is free for the next one. Only the embedded store is forked; a network store's driver is not.
"""

from __future__ import annotations

import asyncio
import ctypes
import json
import logging
import multiprocessing
import os
import signal
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from types import FrameType

from strawberry.http import process_result

from graph.domain import Domain
from schema import Schema
from schema.context import Context

log = logging.getLogger("whistlegraph")
PR_SET_PDEATHSIG = 1  # linux/prctl.h
# Requests waiting for a worker beyond this many per worker are refused at once (503) instead of queueing.
QUEUE_PER_WORKER = 16

# Set in the server process just before forking; each worker inherits it.
_STATE: tuple[Schema, Domain] | None = None
_LOOP: asyncio.AbstractEventLoop | None = None


class QueryTimeout(BaseException):
    """Raised by SIGALRM inside a worker; a BaseException so no resolver's `except Exception` swallows it."""


class PoolBusy(Exception):
    """Every worker is busy and the queue is full."""


@dataclass(frozen=True)
class Outcome:
    """What a worker did: 'ok', 'errors' (a GraphQL answer with errors), 'timeout' or 'stale'."""

    status: str
    payload: bytes = b""
    codes: tuple[str, ...] = ()


def encode(payload: object) -> bytes:
    """The answer's JSON as the router encodes it: UTF-8 Chinese, compact."""
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()


def error_codes(errors: list[dict[str, object]] | None) -> tuple[str, ...]:
    """extensions.code of each formatted error; GRAPHQL_ERROR where there is none (syntax, validation)."""
    codes = []
    for error in errors or []:
        extensions = error.get("extensions")
        code = extensions.get("code") if isinstance(extensions, dict) else None
        codes.append(str(code) if code else "GRAPHQL_ERROR")
    return tuple(codes)


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise QueryTimeout


def _execute(
    query: str, variables: dict[str, object], operation_name: str | None, version: int | None, seconds: float
) -> Outcome:
    """In a worker: run one query within `seconds`, refusing it if this copy of the graph is not at `version`."""
    global _LOOP
    assert _STATE is not None, "the pool's state is set before forking"
    schema, domain = _STATE
    if domain.store.data_version() != version:
        return Outcome("stale")
    loop = _LOOP = _LOOP or asyncio.new_event_loop()
    signal.signal(signal.SIGALRM, _alarm)
    # armed and disarmed inside the try: the alarm may ring before the query starts or after it ends, and is caught
    # (the `finally` disarms it when anything else leaves the try)
    try:
        signal.setitimer(signal.ITIMER_REAL, seconds)
        result = loop.run_until_complete(
            schema.execute(
                query, variable_values=variables, operation_name=operation_name, context_value=Context(domain)
            )
        )
        signal.setitimer(signal.ITIMER_REAL, 0)
    except QueryTimeout:
        _LOOP = None  # the interrupted loop may hold a half-run task: start the next query on a fresh one
        return Outcome("timeout")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    payload = process_result(result)
    codes = error_codes(payload.get("errors"))  # type: ignore[arg-type]
    return Outcome("errors" if codes else "ok", encode(payload), codes)


def _ready() -> int:
    return 0


def _init_worker(server_pid: int) -> None:
    """A worker dies with the server, even by SIGKILL (Linux's parent-death signal), and by SIGTERM as usual.

    It inherits the server's Python signal handlers, which would only set a flag nobody reads here.
    """
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    prctl = getattr(ctypes.CDLL(None), "prctl", None)
    if prctl is not None:
        prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != server_pid:  # the server died before the signal was armed
        os._exit(1)


class WorkerPool:
    """`workers` forked processes running _execute; start() forks them, close() stops them."""

    def __init__(self, schema: Schema, domain: Domain, workers: int) -> None:
        self.schema = schema
        self.domain = domain
        self.workers = workers
        self._executor: ProcessPoolExecutor | None = None
        self._waiting = 0

    def start(self) -> None:
        """Fork the workers now (the fork start method forks them all on the first task), not on a first request."""
        global _STATE
        _STATE = (self.schema, self.domain)
        self._executor = ProcessPoolExecutor(
            self.workers,
            mp_context=multiprocessing.get_context("fork"),
            initializer=_init_worker,
            initargs=(os.getpid(),),
        )
        for future in [self._executor.submit(_ready) for _ in range(self.workers)]:
            future.result()

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    async def run(
        self, query: str, variables: dict[str, object], operation_name: str | None, seconds: float
    ) -> Outcome:
        """Run in a worker; a stale or broken pool is forked anew once. PoolBusy when too many wait already."""
        if self._waiting >= self.workers * QUEUE_PER_WORKER:
            raise PoolBusy
        self._waiting += 1
        try:
            for _ in range(2):
                assert self._executor is not None, "start() the pool first"
                version = self.domain.store.data_version()
                task = self._executor.submit(_execute, query, variables, operation_name, version, seconds)
                try:
                    # The worker stops itself at `seconds`; waiting in the queue counts toward the limit too.
                    outcome = await asyncio.wait_for(asyncio.wrap_future(task), seconds + 1.0)
                except TimeoutError:
                    task.cancel()  # still queued: never runs
                    return Outcome("timeout")
                except BrokenProcessPool:
                    log.error("a query worker died; forking the pool anew")
                    outcome = Outcome("stale")
                if outcome.status != "stale":
                    return outcome
                self.close()
                self.start()
            return Outcome("stale")
        finally:
            self._waiting -= 1
