"""The gate in front of /graphql: hygiene, price, answer cache, and where a query runs.

Every HTTP GraphQL request passes here first (ASGI middleware), in this order:
  1. the body or query string must be one well-formed request (api/hygiene.py): else 400 (413 if too large);
  2. its document is parsed (LRU by text) and its string arguments checked against their caps: else 400;
  3. it is priced (schema/cost.py) and refused over the budget: 400, QUERY_TOO_COSTLY with cost and budget;
  4. a query asking only the graph (the three questions, lookups, listings, search) is answered here:
     from the answer cache when the same document and variables were answered at the same data version,
     else on the event loop if it is cheap, else in a worker process (api/pool.py), within the wall-clock
     limit (503 QUERY_TIMEOUT past it); error-free answers are cached;
  5. anything else (mutations, whistle reads, introspection, documents that will not parse or validate)
     goes on to strawberry's router, queries among them within the wall-clock limit.
Metrics (api/metrics.py) are recorded for every request.
"""

from __future__ import annotations

import asyncio
import json
import os
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import parse_qsl

from graphql import DocumentNode, FieldNode, GraphQLError, OperationDefinitionNode, OperationType, parse
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from strawberry.http import process_result

from api.env import positive_seconds
from api.hygiene import MAX_BODY_BYTES, BadRequest, GraphQLRequest, check_strings, parse_body, parse_params
from api.metrics import Metrics
from api.pool import Outcome, PoolBusy, WorkerPool, encode, error_codes
from graph.answer_cache import DEFAULT_SIZE, AnswerCache
from graph.domain import Domain
from schema import Schema
from schema.context import Context
from schema.cost import Budget, TooCostly, operation_of, price
from schema.extensions import CACHE_SIZE, MAX_TOKENS

# A request's wall-clock limit (WHISTLEGRAPH_REQUEST_SECONDS): far above any answer within the budget.
DEFAULT_SECONDS = 10.0
JSON_TYPE = [(b"content-type", b"application/json")]


@dataclass(frozen=True)
class Limits:
    budget: Budget = Budget()
    seconds: float = DEFAULT_SECONDS
    workers: int = 0  # worker processes for dear queries; 0 answers everything on the event loop
    cache_size: int = DEFAULT_SIZE  # answers kept; 0 turns the answer cache off

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> Limits:
        """WHISTLEGRAPH_QUERY_BUDGET, WHISTLEGRAPH_CHEAP_COST, WHISTLEGRAPH_REQUEST_SECONDS, WHISTLEGRAPH_WORKERS
        (default: one per core but one, at least one), WHISTLEGRAPH_ANSWER_CACHE (entries; 0: off).
        A bad value raises ValueError naming the variable."""
        seconds = positive_seconds(env, "WHISTLEGRAPH_REQUEST_SECONDS", DEFAULT_SECONDS)
        text = env.get("WHISTLEGRAPH_WORKERS", "").strip()
        if text:
            if not text.isdigit():
                raise ValueError(f"WHISTLEGRAPH_WORKERS={text!r}: want a whole number (0: no worker processes)")
            workers = int(text)
        else:
            workers = max(1, (os.cpu_count() or 1) - 1)
        text = env.get("WHISTLEGRAPH_ANSWER_CACHE", "").strip()
        if text and not text.isdigit():
            raise ValueError(f"WHISTLEGRAPH_ANSWER_CACHE={text!r}: want a whole number of answers (0: no cache)")
        return cls(Budget.from_env(env), seconds, workers, int(text) if text else DEFAULT_SIZE)


@lru_cache(maxsize=CACHE_SIZE)
def _document(query: str) -> DocumentNode | None:
    """The parsed document, or None when it does not parse (the router then answers with the syntax error)."""
    try:
        return parse(query, max_tokens=MAX_TOKENS)
    except GraphQLError:
        return None


def operation_label(operation: OperationDefinitionNode | None) -> str:
    """A bounded label for metrics: the root fields asked (schema names, not client aliases), at most three."""
    if operation is None:
        return "invalid"
    names = sorted({s.name.value for s in operation.selection_set.selections if isinstance(s, FieldNode)})
    if not names:
        return operation.operation.value
    return "+".join(names) if len(names) <= 3 else "several"


class Gate:
    """ASGI middleware for `path` over the app (see the module docstring)."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        path: str,
        schema: Schema,
        domain: Domain,
        graph_fields: frozenset[str],
        limits: Limits,
        metrics: Metrics,
        authenticate: Callable[[str | None], Awaitable[None]],
        pool: WorkerPool | None = None,
    ) -> None:
        self.app = app
        self.path = path
        self.schema = schema
        self.domain = domain
        self.graph_fields = graph_fields
        self.limits = limits
        self.metrics = metrics
        self.authenticate = authenticate
        self.pool = pool
        self.cache: AnswerCache[bytes] = AnswerCache(limits.cache_size)
        # Misses being answered now, by cache key: identical requests arriving meanwhile wait for that answer.
        self._in_flight: dict[tuple[object, ...], asyncio.Future[Outcome]] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].rstrip("/") != self.path or scope["method"] not in ("GET", "POST"):
            await self.app(scope, receive, send)
            return
        params = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
        if scope["method"] == "GET" and "query" not in params:
            await self.app(scope, receive, send)  # GraphiQL
            return
        started = time.perf_counter()
        body = b""
        label = "invalid"
        try:
            if scope["method"] == "POST":
                body = await _read(receive)
                if not _is_json(scope):
                    await self._pass(scope, body, send, started, label, None)
                    return
                request = parse_body(body)
            else:
                request = parse_params(params)
            document = _document(request.query)
            operation = operation_of(document, request.operation_name) if document else None
            label = operation_label(operation)
            if document is None or operation is None:
                await self._pass(scope, body, send, started, label, None)
                return
            check_strings(document, operation, request.variables)
            cost = price(self.schema._schema, document, operation, request.variables)
            self.metrics.cost.observe(cost)
            if cost > self.limits.budget.limit:
                raise TooCostly(cost, self.limits.budget.limit)
            if not self._graph_only(operation):
                limit = self.limits.seconds if operation.operation == OperationType.QUERY else None
                await self._pass(scope, body, send, started, label, limit)
                return
            await self.authenticate(_header(scope, b"authorization"))
            status, payload, codes = await self._answer(request, cost)
        except TooCostly as err:
            extensions = {"cost": err.cost, "budget": err.budget}
            status, payload, codes = (
                400,
                encode(_error(str(err), "QUERY_TOO_COSTLY", extensions)),
                ("QUERY_TOO_COSTLY",),
            )
        except BadRequest as err:
            status, payload, codes = err.status, encode(err.body()), (err.code,)
        await _respond(send, status, payload)
        self.metrics.observe(label, status, time.perf_counter() - started, codes)

    def _graph_only(self, operation: OperationDefinitionNode) -> bool:
        """A query whose root fields all ask the graph (no fragments at the root, no introspection)."""
        if operation.operation != OperationType.QUERY:
            return False
        selections = operation.selection_set.selections
        return all(isinstance(s, FieldNode) and s.name.value in self.graph_fields for s in selections)

    async def _answer(self, request: GraphQLRequest, cost: int) -> tuple[int, bytes, tuple[str, ...]]:
        version = self.domain.store.data_version()
        key = (request.query, request.operation_name, json.dumps(request.variables, sort_keys=True))
        cached = self.cache.get(key, version)
        self.metrics.cache.labels("hit" if cached is not None else "miss" if version is not None else "off").inc()
        if cached is not None:
            return 200, cached, ()
        flight = (key, version)
        shared = version is not None and self.cache.size > 0  # with the cache off, every request runs its own
        if shared and flight in self._in_flight:
            outcome = await asyncio.shield(self._in_flight[flight])
        else:
            future: asyncio.Future[Outcome] = asyncio.get_running_loop().create_future()
            if shared:
                self._in_flight[flight] = future
            try:
                outcome = await self._run(request, cost)
                future.set_result(outcome)
            except asyncio.CancelledError:
                future.cancel()
                raise
            except BaseException as err:
                future.set_exception(err)
                future.exception()  # retrieved here: waiters re-raise it, and asyncio logs no warning
                raise
            finally:
                self._in_flight.pop(flight, None)
        if outcome.status == "timeout":
            message = f"the query ran past the {self.limits.seconds:g} s limit and was stopped"
            raise BadRequest(503, "QUERY_TIMEOUT", message, seconds=self.limits.seconds)
        if outcome.status == "ok":
            self.cache.put(key, version, outcome.payload)
        return 200, outcome.payload, outcome.codes

    async def _run(self, request: GraphQLRequest, cost: int) -> Outcome:
        """In a worker if dear (and there are workers), else on the event loop."""
        if self.pool is not None and cost >= self.limits.budget.cheap:
            try:
                outcome = await self.pool.run(
                    request.query, request.variables, request.operation_name, self.limits.seconds
                )
            except PoolBusy:
                raise BadRequest(503, "BUSY", "every query worker is busy; try again shortly") from None
            if outcome.status != "stale":
                return outcome
        return await self._inline(request)

    async def _inline(self, request: GraphQLRequest) -> Outcome:
        run = self.schema.execute(
            request.query,
            variable_values=request.variables,
            operation_name=request.operation_name,
            context_value=Context(self.domain),
        )
        try:
            result = await asyncio.wait_for(run, self.limits.seconds)
        except TimeoutError:
            return Outcome("timeout")
        payload = process_result(result)
        codes = error_codes(payload.get("errors"))  # type: ignore[arg-type]
        return Outcome("errors" if codes else "ok", encode(payload), codes)

    async def _pass(
        self, scope: Scope, body: bytes, send: Send, started: float, label: str, limit: float | None
    ) -> None:
        """On to the router with the body already read; its response is watched for metrics."""
        replayed = False

        async def receive() -> Message:
            nonlocal replayed
            if replayed:
                return {"type": "http.disconnect"}
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}

        status = 500
        chunks: list[bytes] = []
        sent = False

        async def watch(message: Message) -> None:
            nonlocal status, sent
            if message["type"] == "http.response.start":
                status = message["status"]
                sent = True
            elif message["type"] == "http.response.body" and sum(map(len, chunks)) < MAX_BODY_BYTES:
                chunks.append(message.get("body", b""))
            await send(message)

        try:
            await asyncio.wait_for(self.app(scope, receive, watch), limit)
        except TimeoutError:
            if sent:
                raise
            status = 503
            message = f"the query ran past the {limit:g} s limit and was stopped"
            await _respond(send, status, encode(_error(message, "QUERY_TIMEOUT", {"seconds": limit})))
        self.metrics.observe(label, status, time.perf_counter() - started, _codes(b"".join(chunks)))


def _codes(body: bytes) -> tuple[str, ...]:
    try:
        data = json.loads(body)
    except ValueError:
        return ()
    return error_codes(data.get("errors")) if isinstance(data, dict) else ()


def _error(message: str, code: str, extensions: Mapping[str, object]) -> dict[str, object]:
    return {"errors": [{"message": message, "extensions": {"code": code, **extensions}}]}


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return bytes(value).decode("latin-1")
    return None


def _is_json(scope: Scope) -> bool:
    """JSON bodies are the gate's; other content types (multipart uploads, forms) get the router's own answer."""
    content_type = (_header(scope, b"content-type") or "application/json").split(";")[0].strip().lower()
    return content_type in ("application/json", "application/graphql-response+json")


async def _read(receive: Receive) -> bytes:
    """The request body, refused as soon as it grows past MAX_BODY_BYTES (a slow huge body is not buffered)."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise BadRequest(413, "BODY_TOO_LARGE", f"the request body is over {MAX_BODY_BYTES} bytes")
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


async def _respond(send: Send, status: int, payload: bytes) -> None:
    headers = [*JSON_TYPE, (b"content-length", str(len(payload)).encode())]
    if status == 401:
        headers.append((b"www-authenticate", b"Bearer"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": payload})
