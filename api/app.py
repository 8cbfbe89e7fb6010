"""The ASGI app: GraphQL at /graphql (HTTP and graphql-transport-ws), a self-hosted GraphiQL, and /health.

GraphiQL's HTML and assets come from this app and node_modules (graphiql 3.8.3 and react 18
UMD builds), never from a CDN, so the IDE works on a closed network.

With a Supervision the app also keeps whistles: callers authenticate with
`Authorization: Bearer <token>` (over WebSocket: in the connection_init payload), a
background task escalates overdue calls, and subscriptions hear every durable change.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager, suppress
from pathlib import Path
from typing import Any, cast

import anyio.to_thread
from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from starlette.requests import HTTPConnection
from strawberry.exceptions import ConnectionRejectionError
from strawberry.fastapi import GraphQLRouter
from strawberry.types.base import get_object_definition
from strawberry.types.unset import UNSET, UnsetType

from api.explore import explore_router
from api.follow import follow_lists
from api.gate import Gate, Limits
from api.hygiene import BadRequest
from api.metrics import CONTENT_TYPE, Metrics
from api.pool import WorkerPool
from graph.domain import Domain
from graph.vocabulary import WhistleStatus
from schema import build_schema
from schema.context import IN_PROCESS_STORES, Context
from schema.live import Hub
from schema.query import Query as GraphQuery
from whistles.authz import ANONYMOUS, Forbidden, Principal
from whistles.ledger import Filter
from whistles.supervision import Supervision

log = logging.getLogger("whistlegraph")
# How often overdue calls are escalated unless the caller says otherwise (WHISTLEGRAPH_SWEEP_SECONDS).
SWEEP_SECONDS = 30.0

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
GRAPHQL_PATH = "/graphql"

# URL name -> file under node_modules. Only these files are served.
ASSETS = {
    "graphiql.min.js": "graphiql/graphiql.min.js",
    "graphiql.min.css": "graphiql/graphiql.min.css",
    "react.production.min.js": "react/umd/react.production.min.js",
    "react-dom.production.min.js": "react-dom/umd/react-dom.production.min.js",
}
_MEDIA = {".js": "text/javascript", ".css": "text/css"}

EXAMPLE_QUERY = """# Who has to respond to a whistle about dogs (养犬) at 八宝山街道, Shijingshan?
# Ctrl-Enter runs it; the Docs pane lists every field and argument.
{
  responders(whistle: {place: "110107001", subject: "养犬", urgency: URGENT}) {
    place { name }
    subject { how duties { duty { id citation } score } }
    responders {
      rank
      tier
      body { id name kind provenance { kind source } }
      role
      why
      reasons { duty { citation quote penalty } path { text } }
    }
    unresolved { holderKindName resolution }
    notes
  }
}
"""


class MissingAssets(RuntimeError):
    """node_modules lacks the GraphiQL build: the app refuses to start rather than serve a blank page."""


def asset_paths(node_modules: Path = NODE_MODULES) -> dict[str, Path]:
    paths = {name: node_modules / rel for name, rel in ASSETS.items()}
    missing = [str(p) for p in paths.values() if not p.is_file()]
    if missing:
        raise MissingAssets(f"GraphiQL assets are missing ({', '.join(missing)}); run ./dev setup to install them")
    return paths


def graphiql_html() -> str:
    template = (Path(__file__).with_name("static") / "graphiql.html").read_text(encoding="utf-8")
    # json.dumps gives a safe JS string literal; '</' is escaped so the query cannot close the script tag.
    literal = json.dumps(EXAMPLE_QUERY).replace("</", "<\\/")
    return template.replace("__EXAMPLE_QUERY__", literal).replace("__GRAPHQL_PATH__", GRAPHQL_PATH)


class Unauthenticated(Exception):
    """A credential was sent but is not a valid token: answered with 401, never treated as anonymous."""


async def principal_of(supervision: Supervision | None, header: str | None) -> Principal:
    """The principal an Authorization header names; no header means the anonymous viewer."""
    if not header:
        return ANONYMOUS
    scheme, _, token = header.strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthenticated("Authorization: want `Bearer <token>`")
    if supervision is None:
        raise Unauthenticated("this server keeps no API tokens (it was started without a whistle ledger)")
    try:
        return await anyio.to_thread.run_sync(supervision.tokens.authenticate, token.strip())
    except Forbidden as refused:  # unknown, expired or revoked: said which
        raise Unauthenticated(refused.why) from None


def _unauthenticated(request: Request, err: Exception) -> JSONResponse:
    """A GraphQL-shaped 401, so a GraphQL client shows the reason like any other error."""
    body = {"errors": [{"message": f"unauthenticated: {err}", "extensions": {"code": "UNAUTHENTICATED"}}]}
    return JSONResponse(body, status_code=401, headers={"WWW-Authenticate": "Bearer"})


def _whistle_gauges(metrics: Metrics, supervision: Supervision) -> None:
    """Whistles by state and those with a call past its deadline, read from the ledger's indexed read model at each
    scrape (so a scrape costs two index reads per status, never a replay of events)."""

    def by_state() -> dict[tuple[str, ...], float]:
        return {(s.value,): float(len(supervision.ledger.find(Filter(status=s)))) for s in WhistleStatus}

    def overdue() -> float:
        return float(len(supervision.ledger.due(supervision.clock())))

    metrics.gauge("whistlegraph_whistles", "Whistles by state", by_state, ("state",))
    metrics.gauge("whistlegraph_overdue_whistles", "Whistles with a call past its deadline, not yet swept", overdue)


async def sweep_forever(supervision: Supervision, every: float, metrics: Metrics | None = None) -> None:
    """Escalate overdue calls every `every` seconds until cancelled; a failed round is logged, the next one runs.

    The sweep runs in a worker thread (it writes and fsyncs); cancelling waits for a round in progress.
    """
    while True:
        try:
            escalated = await anyio.to_thread.run_sync(supervision.sweep)
        except Exception:
            log.exception("deadline sweep failed")
            if metrics is not None:
                metrics.sweeps.labels("failed").inc()
        else:
            if escalated:
                log.info("deadline sweep: %d events (escalations and calls)", len(escalated))
            if metrics is not None:
                metrics.sweeps.labels("ok").inc()
                metrics.escalations.inc(len(escalated))
        await asyncio.sleep(every)


class _Router(GraphQLRouter):
    """Strawberry's router with our page instead of its CDN-loading GraphiQL, and token checks on WebSockets."""

    def __init__(self, html: str, supervision: Supervision | None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._html = html
        self._supervision = supervision

    async def on_ws_connect(self, context: Context) -> UnsetType:  # type: ignore[override]  # our context_getter builds a Context
        """graphql-transport-ws connection_init: its payload's Authorization (else the handshake's) decides.

        An unknown token closes the socket with 4403 rather than carrying on as anonymous.
        """
        params = context.connection_params if isinstance(context.connection_params, dict) else {}
        header = params.get("Authorization") or (
            context.request.headers.get("authorization") if context.request else None
        )
        try:
            context.principal = await principal_of(self._supervision, header)
        except Unauthenticated as err:
            raise ConnectionRejectionError({"reason": str(err)}) from None
        return cast(UnsetType, UNSET)  # a plain connection_ack

    async def render_graphql_ide(self, request: Request) -> HTMLResponse:
        return HTMLResponse(self._html)

    def encode_json(self, data: object) -> str:
        """UTF-8 Chinese instead of \\uXXXX escapes: half the bytes, and readable in curl."""
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def create_app(
    domain: Domain,
    *,
    supervision: Supervision | None = None,
    sweep_seconds: float = SWEEP_SECONDS,
    graphiql: bool = True,
    limits: Limits | None = None,
) -> FastAPI:
    """The app over an already refreshed Domain; fails at once if GraphiQL is wanted but not installed.

    Without a supervision it answers the graph questions only. With one, the lifespan starts the
    deadline sweep and subscribes the live hub to the ledger, and stops both on shutdown. `limits`
    (default: the defaults, no worker processes) set the budget, the wall-clock limit and the workers
    the lifespan forks for dear queries (embedded store only).
    """
    assets = asset_paths() if graphiql else {}
    html = graphiql_html() if graphiql else ""
    hub = Hub()
    limits = limits or Limits()
    schema = build_schema()
    metrics = Metrics()
    metrics.gauge(
        "whistlegraph_data_version", "The graph store's data version (changes with every load)", _version(domain)
    )
    if supervision is not None:
        _whistle_gauges(metrics, supervision)
    forkable = limits.workers > 0 and domain.store.kind in IN_PROCESS_STORES
    pool = WorkerPool(schema, domain, limits.workers) if forkable else None

    async def authenticate_header(header: str | None) -> None:
        try:
            await principal_of(supervision, header)
        except Unauthenticated as err:
            raise BadRequest(401, "UNAUTHENTICATED", f"unauthenticated: {err}") from None

    async def context(connection: HTTPConnection) -> Context:
        """HTTP: the Authorization header decides (401 if it names no principal); WebSocket: on_ws_connect does."""
        principal = ANONYMOUS
        if connection.scope["type"] == "http":
            principal = await principal_of(supervision, connection.headers.get("authorization"))
        return Context(domain, supervision, principal, hub)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        follower = asyncio.create_task(follow_lists(domain))
        if pool is not None:
            pool.start()
        try:
            if supervision is None:
                yield
                return
            supervision.listeners.append(hub.publish)
            sweeper = asyncio.create_task(sweep_forever(supervision, sweep_seconds, metrics))
            try:
                yield
            finally:
                sweeper.cancel()
                with suppress(asyncio.CancelledError):
                    await sweeper
                supervision.listeners.remove(hub.publish)
        finally:
            follower.cancel()
            with suppress(asyncio.CancelledError):
                await follower
            if pool is not None:
                pool.close()

    app = FastAPI(title="Whistlegraph", docs_url=None, redoc_url=None, openapi_url=None, lifespan=lifespan)
    app.add_exception_handler(Unauthenticated, _unauthenticated)
    router = _Router(
        html,
        supervision,
        schema=schema,
        context_getter=context,
        graphql_ide="graphiql" if graphiql else None,
    )
    app.include_router(router, prefix=GRAPHQL_PATH)
    app.include_router(explore_router(domain))
    names = schema.config.name_converter
    graph_fields = frozenset(names.get_graphql_name(f) for f in get_object_definition(GraphQuery, strict=True).fields)
    app.add_middleware(
        Gate,
        path=GRAPHQL_PATH,
        schema=schema,
        domain=domain,
        graph_fields=graph_fields,
        limits=limits,
        metrics=metrics,
        authenticate=authenticate_header,
        pool=pool,
    )

    @app.get("/metrics")
    def prometheus() -> Response:
        """Prometheus exposition; a plain def, so a scrape reading gauges runs beside the event loop."""
        return Response(metrics.exposition(), media_type=CONTENT_TYPE)

    @app.get("/health")
    def health() -> dict[str, object]:
        """Plain def: FastAPI runs it in a thread, so a slow store count never blocks GraphQL."""
        status: dict[str, object] = {"status": "ok", "store": domain.store.kind, "counts": domain.store.counts()}
        if supervision is not None:
            status["whistles"] = {"ledger": supervision.ledger.path, "subscriptions": hub.subscriptions}
        return status

    if graphiql:

        @app.get("/", include_in_schema=False)
        async def index() -> HTMLResponse:
            return HTMLResponse(html)

        @app.get("/assets/{name}", include_in_schema=False)
        async def asset(name: str) -> FileResponse:
            path = assets.get(name)
            if path is None:
                raise HTTPException(404, f"no asset {name!r}")
            return FileResponse(
                path, media_type=_MEDIA[path.suffix], headers={"Cache-Control": "public, max-age=86400"}
            )

    return app


def _version(domain: Domain) -> Callable[[], float | None]:
    def read() -> float | None:
        version = domain.store.data_version()
        return None if version is None else float(version)

    return read
