"""Serve the GraphQL app over one store with uvicorn (api/cli.py calls run)."""

from __future__ import annotations

import uvicorn

from api.app import create_app
from graph.domain import Domain
from graph.store import GraphStore


def run(host: str, port: int, store: GraphStore) -> None:
    """Build the domain's indexes first, so the first request is as fast as the rest, then serve until stopped."""
    domain = Domain(store)
    domain.refresh()
    app = create_app(domain)
    uvicorn.run(app, host=host, port=port, log_level="info")
