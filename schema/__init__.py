"""The GraphQL schema: build it, and export its SDL to schema/schema.graphql (committed, checked by a test).

Query merges the graph questions (schema/query.py), the whistle reads (schema/whistles.py), the token list
(schema/tokens.py) and the list versions (schema/history.py); mutations are the whistle lifecycle's, the tokens' and
the admin's list sync; the subscription is the whistle lifecycle's.
"""

from __future__ import annotations

from pathlib import Path

import strawberry
from graphql import GraphQLError
from strawberry.schema.config import StrawberryConfig
from strawberry.tools import merge_types
from strawberry.types import ExecutionContext

from schema.extensions import is_internal, production_extensions
from schema.history import HistoryMutation, HistoryQuery
from schema.nodes import NODE_TYPES
from schema.query import Query as GraphQuery
from schema.tokens import TokenMutation, TokenQuery
from schema.whistles import Mutation as WhistleMutation
from schema.whistles import Subscription, WhistleQuery

SDL_PATH = Path(__file__).with_name("schema.graphql")
Query = merge_types("Query", (GraphQuery, WhistleQuery, TokenQuery, HistoryQuery))
Mutation = merge_types("Mutation", (WhistleMutation, TokenMutation, HistoryMutation))


class Schema(strawberry.Schema):
    def process_errors(self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None) -> None:
        """Log (with traceback, before masking) only unexpected failures; client mistakes are answered, not logged."""
        super().process_errors([e for e in errors if is_internal(e)], execution_context)


def build_schema(*, caches: bool = True) -> Schema:
    """The production schema; `caches=False` only for measuring what the caches save."""
    return Schema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        types=NODE_TYPES,
        extensions=production_extensions(caches=caches),
        config=StrawberryConfig(auto_camel_case=True),
    )


def sdl() -> str:
    return build_schema().as_str() + "\n"


def export_sdl(path: Path = SDL_PATH) -> Path:
    """Write the SDL; run `python -c 'import schema; schema.export_sdl()'` after changing a type."""
    path.write_text(sdl(), encoding="utf-8")
    return path
