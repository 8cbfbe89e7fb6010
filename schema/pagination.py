"""Relay-style connections: opaque keyset cursors, a server-side page cap, totalCount only on demand.

Root listings page in the store (NodeQuery keyset on id); nested lists are already loaded
whole by a DataLoader, so they page in memory with the same cursor format.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import replace
from typing import Generic, TypeVar

import strawberry

from graph.errors import ArgumentError
from graph.model import Node
from graph.store import NodeQuery
from schema.context import Context

DEFAULT_PAGE = 20
MAX_PAGE = 100

T = TypeVar("T")
_PREFIX = "wg:"


def encode_cursor(key: str) -> str:
    """Opaque to clients: base64 of a tagged key, so nobody builds cursors by hand."""
    return base64.urlsafe_b64encode((_PREFIX + key).encode()).decode()


def decode_cursor(cursor: str | None) -> str | None:
    if cursor is None:
        return None
    try:
        key = base64.urlsafe_b64decode(cursor.encode()).decode()
    except (binascii.Error, UnicodeError, ValueError):
        key = ""
    if not key.startswith(_PREFIX):
        raise ArgumentError("after", cursor, "not a cursor this API issued; pass an endCursor or edge cursor")
    return key[len(_PREFIX) :]


def check_first(first: int) -> int:
    if first < 0 or first > MAX_PAGE:
        raise ArgumentError("first", first, f"page size must be between 0 and {MAX_PAGE}")
    return first


@strawberry.type
class PageInfo:
    has_next_page: bool
    end_cursor: str | None


@strawberry.type
class Edge(Generic[T]):
    cursor: str
    node: T


@strawberry.type
class Connection(Generic[T]):
    edges: list[Edge[T]]
    page_info: PageInfo
    _count: strawberry.Private[Callable[[], Awaitable[int]]]

    @strawberry.field(description="How many items the listing holds in all; counted only when selected.")
    async def total_count(self) -> int:
        return await self._count()


def _connection(edges: list[Edge[T]], has_next: bool, count: Callable[[], Awaitable[int]]) -> Connection[T]:
    end = edges[-1].cursor if edges else None
    return Connection(edges=edges, page_info=PageInfo(has_next_page=has_next, end_cursor=end), _count=count)


async def store_page(
    ctx: Context, query: NodeQuery, first: int, after: str | None, wrap: Callable[[Node], T]
) -> Connection[T]:
    """One keyset page from the store; the count query runs only if totalCount is asked for."""
    paged = replace(query, after=decode_cursor(after), limit=check_first(first))
    page = await ctx.call(ctx.store.find_nodes, paged)
    edges = [Edge(cursor=encode_cursor(n.id), node=wrap(n)) for n in page.nodes]

    async def count() -> int:
        return await ctx.call(ctx.store.count_nodes, query)

    return _connection(edges, page.has_next, count)


def list_page(items: Sequence[T], key: Callable[[T], str], first: int, after: str | None) -> Connection[T]:
    """A page of an already-loaded list, ordered by `key` (unique per item) like the store orders ids."""
    start = decode_cursor(after)
    ordered = sorted(items, key=key)
    rest = [i for i in ordered if start is None or key(i) > start]
    chosen = rest[: check_first(first)]
    edges = [Edge(cursor=encode_cursor(key(i)), node=i) for i in chosen]

    async def count() -> int:
        return len(ordered)

    return _connection(edges, len(rest) > len(chosen), count)
