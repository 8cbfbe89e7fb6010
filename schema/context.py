"""Per-request context: the domain, the store, the principal, and DataLoaders that batch navigation per hop.

Loaders live for one request only, so nothing is cached across requests or users. Over a
WebSocket the context lives for the connection, and the principal is the one its
connection_init authenticated.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from functools import partial
from typing import TypeVar

import anyio.to_thread
from graphql import GraphQLError
from strawberry.dataloader import DataLoader
from strawberry.fastapi import BaseContext

from graph.domain import Domain
from graph.errors import ArgumentError
from graph.model import Node
from graph.store import GraphStore, Neighbour
from schema.live import Hub, ListsHeld
from whistles.authz import ANONYMOUS, Principal
from whistles.supervision import Supervision

R = TypeVar("R")
# Domain argument names the client spells differently everywhere.
CLIENT_NAMES = {"as_of": "asOf"}
NO_LEDGER = "this server keeps no whistle ledger (it was started without one)"

# Stores that answer from process memory; their calls take microseconds, less than a thread hop.
IN_PROCESS_STORES = frozenset({"embedded"})


@contextmanager
def relabelled(names: Mapping[str, str]) -> Iterator[None]:
    """An ArgumentError raised inside names the argument as the client spelled it (`names`: domain -> GraphQL)."""
    try:
        yield
    except ArgumentError as e:
        name = {**CLIENT_NAMES, **names}.get(e.argument)
        if name is None:
            raise
        raise ArgumentError(name, e.value, e.message) from e


class Context(BaseContext):
    """What every resolver gets as info.context."""

    def __init__(
        self,
        domain: Domain,
        supervision: Supervision | None = None,
        principal: Principal = ANONYMOUS,
        hub: Hub | None = None,
        lists: ListsHeld | None = None,
    ) -> None:
        super().__init__()
        self.domain = domain
        self._supervision = supervision
        self.principal = principal
        self.hub = hub if hub is not None else Hub()
        self.lists = lists if lists is not None else ListsHeld(self.hub)
        self.store: GraphStore = domain.store
        self._inline = domain.store.kind in IN_PROCESS_STORES
        self.nodes: DataLoader[str, Node | None] = DataLoader(load_fn=self._load_nodes)
        self._neighbours: dict[tuple[str, str], DataLoader[str, list[Neighbour]]] = {}

    @property
    def supervision(self) -> Supervision:
        if self._supervision is None:
            # An app built without a Supervision answers the graph questions but keeps no whistles.
            raise GraphQLError(NO_LEDGER, extensions={"code": "UNAVAILABLE"})
        return self._supervision

    async def call(
        self, fn: Callable[..., R], *args: object, names: Mapping[str, str] | None = None, **kwargs: object
    ) -> R:
        """Run a blocking domain or store call without stalling the event loop on network stores; an ArgumentError
        it raises is relabelled with the client's argument name (`names`: domain name -> GraphQL name)."""
        with relabelled(names or {}):
            if self._inline:
                return fn(*args, **kwargs)
            return await anyio.to_thread.run_sync(partial(fn, *args, **kwargs))

    def neighbours(self, edge_type: str, direction: str) -> DataLoader[str, list[Neighbour]]:
        """One loader per (relationship type, direction): all ids asked in a tick go in one store call."""
        key = (edge_type, direction)
        if key not in self._neighbours:

            async def load(ids: list[str]) -> list[list[Neighbour]]:
                by_origin: dict[str, list[Neighbour]] = defaultdict(list)
                for nb in await self.call(self.store.neighbours, ids, edge_type, direction):
                    by_origin[nb.origin].append(nb)
                return [by_origin[i] for i in ids]

            self._neighbours[key] = DataLoader(load_fn=load)
        return self._neighbours[key]

    async def _load_nodes(self, ids: list[str]) -> list[Node | None]:
        return await self.call(self.store.get_nodes, ids)
