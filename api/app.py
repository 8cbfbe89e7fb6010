"""The ASGI app: GraphQL at /graphql, a self-hosted GraphiQL at / and /graphql (browser GET), and /health.

GraphiQL's HTML and assets come from this app and node_modules (graphiql 3.8.3 and react 18
UMD builds), never from a CDN, so the IDE works on a closed network.
"""

from __future__ import annotations

import json
from pathlib import Path

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import FileResponse, HTMLResponse
from strawberry.fastapi import GraphQLRouter

from graph.domain import Domain
from schema import build_schema
from schema.context import Context

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


class _Router(GraphQLRouter):
    """Strawberry's router with our page instead of its CDN-loading GraphiQL."""

    def __init__(self, html: str, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self._html = html

    async def render_graphql_ide(self, request: Request) -> HTMLResponse:
        return HTMLResponse(self._html)

    def encode_json(self, data: object) -> str:
        """UTF-8 Chinese instead of \\uXXXX escapes: half the bytes, and readable in curl."""
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def create_app(domain: Domain, *, graphiql: bool = True) -> FastAPI:
    """The app over an already refreshed Domain; fails at once if GraphiQL is wanted but not installed."""
    assets = asset_paths() if graphiql else {}
    html = graphiql_html() if graphiql else ""

    async def context() -> Context:
        return Context(domain)

    app = FastAPI(title="Whistlegraph", docs_url=None, redoc_url=None, openapi_url=None)
    router = _Router(
        html,
        schema=build_schema(),
        context_getter=context,
        graphql_ide="graphiql" if graphiql else None,
    )
    app.include_router(router, prefix=GRAPHQL_PATH)

    @app.get("/health")
    def health() -> dict[str, object]:
        """Plain def: FastAPI runs it in a thread, so a slow store count never blocks GraphQL."""
        return {"status": "ok", "store": domain.store.kind, "counts": domain.store.counts()}

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
