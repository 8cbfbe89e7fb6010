"""Headless Chromium loads GraphiQL from the test server: the editor renders from local assets alone."""

from __future__ import annotations

import subprocess
from collections.abc import Awaitable, Callable
from pathlib import Path

from fastapi import Request, Response

from api.app import ASSETS, create_app
from graph.domain import Domain
from tests import cdp
from tests.http_server import serve


def test_graphiql_renders_its_editor_in_chromium(embedded_domain: Domain, tmp_path: Path) -> None:
    chromium = cdp.chromium()
    app = create_app(embedded_domain)
    requests: list[tuple[str, str]] = []

    @app.middleware("http")
    async def record(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        requests.append((request.method, request.url.path))
        return await call_next(request)

    with serve(app) as base:
        run = subprocess.run(
            [
                chromium,
                *cdp.HEADLESS,
                f"--user-data-dir={tmp_path / 'profile'}",
                "--virtual-time-budget=15000",
                "--dump-dom",
                f"{base}/",
            ],
            capture_output=True,
            text=True,
            timeout=120,
        )
    dom = run.stdout
    assert run.returncode == 0, f"chromium failed ({run.returncode}): {run.stderr[-2000:]}"
    assert "Loading GraphiQL" not in dom, "GraphiQL never rendered: its scripts did not load or failed"
    assert 'class="graphiql-container"' in dom
    assert "graphiql-query-editor" in dom, "no query editor in the rendered page"
    assert "CodeMirror" in dom
    assert "responders" in dom and "110107001" in dom, "the pre-filled example is not in the editor"
    assert {("GET", f"/assets/{name}") for name in ASSETS} <= set(requests)
    assert ("POST", "/graphql") in requests, "GraphiQL never fetched the schema (introspection) from this server"
