"""Run an ASGI app under real uvicorn on a free loopback port, in a background thread, for tests.

Also the principals the whistle tests act as, with real tokens issued into a real ledger.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

import uvicorn
from fastapi import FastAPI
from gql import Client, GraphQLRequest
from gql.transport.exceptions import TransportQueryError
from gql.transport.httpx import HTTPXTransport

from graph.store import GraphStore
from whistles.ledger_sqlite import Ledger
from whistles.tokens import issue_token


@contextmanager
def serve(app: FastAPI, timeout: float = 10.0) -> Iterator[str]:
    """Yield the base URL (http://127.0.0.1:PORT) while uvicorn serves `app`; stop it afterwards.

    The socket is bound here (port 0) and handed to uvicorn, so no other process can take the port in between.
    """
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    # lifespan on, as in production: an app with a whistle ledger starts its sweep and live hub there.
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError(f"uvicorn did not start on port {port} within {timeout}s")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout)
        sock.close()


class GraphQLClient:
    """The unmodified gql client (httpx transport) with two helpers: data of a query, or its errors.

    With a token, every request carries `Authorization: Bearer <token>`.
    """

    def __init__(self, url: str, token: str | None = None) -> None:
        self.url = url
        headers = {"Authorization": f"Bearer {token}"} if token else None
        transport = HTTPXTransport(url=url, timeout=30, headers=headers)
        self._client = Client(transport=transport, fetch_schema_from_transport=False)
        self._session = self._client.connect_sync()

    def data(self, query: str, **variables: object) -> dict:
        return self._session.execute(GraphQLRequest(query, variable_values=variables or None))

    def errors(self, query: str, **variables: object) -> list[dict]:
        """The errors of a query that must fail; raises AssertionError if it succeeds."""
        try:
            self._session.execute(GraphQLRequest(query, variable_values=variables or None))
        except TransportQueryError as e:
            assert e.errors, "the server answered with an error response but no errors list"
            return e.errors
        raise AssertionError(f"query succeeded but should have failed: {query}")

    def close(self) -> None:
        self._client.close_sync()


@contextmanager
def graphql_client(app: FastAPI) -> Iterator[GraphQLClient]:
    """Serve `app` and yield a gql client pointed at its /graphql."""
    with serve(app) as base:
        client = GraphQLClient(f"{base}/graphql")
        try:
            yield client
        finally:
            client.close()


# The principals the whistle tests act as: (role, body), on the real Shijingshan graph.
PRINCIPALS = {
    "viewer": ("viewer", ""),
    "street": ("street", "st:110107001"),  # 八宝山街道办事处
    "other_street": ("street", "st:110107002"),  # 老山街道办事处
    "department": ("department", "dd:110107:bj-chengguanzhifa"),  # 石景山区城管执法局
    "police": ("department", "dd:110107:bj-gongan"),  # 公安石景山分局
    "hotline": ("department", "bj-rexian"),  # 市民热线服务中心 (12345)
    "admin": ("admin", ""),
}


def issue_tokens(ledger: Ledger, store: GraphStore) -> dict[str, str]:
    """A real token per PRINCIPALS entry, issued as `whistlegraph token` does (only hashes are stored)."""
    now = datetime.now(UTC)
    return {name: issue_token(ledger, store, name, role, body, now) for name, (role, body) in PRINCIPALS.items()}
