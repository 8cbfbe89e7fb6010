"""Run an ASGI app under real uvicorn on a free loopback port, in a background thread, for tests."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn
from fastapi import FastAPI
from gql import Client, GraphQLRequest
from gql.transport.exceptions import TransportQueryError
from gql.transport.httpx import HTTPXTransport


@contextmanager
def serve(app: FastAPI, timeout: float = 10.0) -> Iterator[str]:
    """Yield the base URL (http://127.0.0.1:PORT) while uvicorn serves `app`; stop it afterwards.

    The socket is bound here (port 0) and handed to uvicorn, so no other process can take the port in between.
    """
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
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
    """The unmodified gql client (httpx transport) with two helpers: data of a query, or its errors."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._client = Client(transport=HTTPXTransport(url=url, timeout=30), fetch_schema_from_transport=False)
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
