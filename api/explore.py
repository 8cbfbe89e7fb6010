"""What planners look at: /export (the graph or a piece of it as a file, streamed) and /explore (the web
explorer, a static page that asks the GraphQL API one request per expansion).

The explorer's scripts come from node_modules (cytoscape, cytoscape-dagre) and api/static/explore, served by
this app, never from a CDN.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import anyio.to_thread
from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, StreamingResponse

from graph.domain import Domain
from graph.errors import ArgumentError
from graph.export import FORMATS, select, selection

STATIC = Path(__file__).resolve().parent / "static" / "explore"
NODE_MODULES = Path(__file__).resolve().parent.parent / "node_modules"
# URL name -> file. Only these are served.
EXPLORE_ASSETS = {
    "cytoscape.min.js": NODE_MODULES / "cytoscape" / "dist" / "cytoscape.min.js",
    "cytoscape-dagre.min.js": NODE_MODULES / "cytoscape-dagre" / "dist" / "cytoscape-dagre.min.js",
    "explore.js": STATIC / "explore.js",
    "explore.css": STATIC / "explore.css",
}
_MEDIA = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}


# Writers yield one node or edge at a time; Starlette sends each item from a worker thread, so items are
# gathered into blocks of about this many bytes first (one hop per node made the whole graph take 50 s).
BLOCK = 1 << 16


def _blocks(chunks: Iterator[str]) -> Iterator[bytes]:
    pending: list[str] = []
    size = 0
    for chunk in chunks:
        pending.append(chunk)
        size += len(chunk)
        if size >= BLOCK:
            yield "".join(pending).encode("utf-8")
            pending, size = [], 0
    if pending:
        yield "".join(pending).encode("utf-8")


class MissingExplorerAssets(RuntimeError):
    """node_modules lacks cytoscape: the app refuses to start rather than serve an explorer that draws nothing."""


def explore_router(domain: Domain) -> APIRouter:
    """/export and /explore over the app's domain; fails at once if an explorer asset is missing."""
    missing = [str(p) for p in EXPLORE_ASSETS.values() if not p.is_file()]
    if missing:
        raise MissingExplorerAssets(f"explorer assets are missing ({', '.join(missing)}); run ./dev setup")
    router = APIRouter()

    @router.get("/export", include_in_schema=False, response_model=None)
    async def export(
        format: str = Query("graphml", description=", ".join(FORMATS)),
        root: str | None = None,
        depth: int = 2,
        labels: str | None = None,
        lines: str | None = None,
        asOf: str | None = None,  # noqa: N803 - the GraphQL API's spelling
    ) -> StreamingResponse | JSONResponse:
        """The selection in one format, streamed as it is written; a bad argument is a 400 naming it."""
        try:
            if format not in FORMATS:
                raise ArgumentError("format", format, "want one of " + ", ".join(FORMATS))
            sel = selection(domain.store, root, depth, labels, lines, asOf)
        except ArgumentError as err:
            return JSONResponse({"error": str(err), "argument": err.argument}, status_code=400)
        graph = await anyio.to_thread.run_sync(select, domain.store, sel)
        fmt = FORMATS[format]
        name = f"whistlegraph-{(root or 'beijing').replace(':', '_')}.{fmt.suffix}"
        headers = {
            "Content-Disposition": f"attachment; filename*=UTF-8''{quote(name, safe='')}",
            "X-Nodes": str(len(graph.nodes)),
            "X-Edges": str(len(graph.edges)),
        }
        return StreamingResponse(_blocks(fmt.write(graph)), media_type=fmt.media_type, headers=headers)

    @router.get("/explore", include_in_schema=False)
    async def explore() -> HTMLResponse:
        return HTMLResponse((STATIC / "index.html").read_text(encoding="utf-8"))

    @router.get("/explore/assets/{name}", include_in_schema=False)
    async def asset(name: str) -> FileResponse:
        path = EXPLORE_ASSETS.get(name)
        if path is None:
            raise HTTPException(404, f"no asset {name!r}")
        return FileResponse(path, media_type=_MEDIA[path.suffix], headers={"Cache-Control": "no-cache"})

    return router
