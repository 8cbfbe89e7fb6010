"""Production settings: bounded caches, query limits, and errors that are clear to clients but never leak internals.

Every extension is registered as a class (a fresh instance per request). The depth and alias
rules are built once here: strawberry's limiters build a new rule class per instance, which
would make every request miss the ValidationCache (its key includes the rule classes).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncGenerator, Callable, Iterator
from contextlib import aclosing
from typing import TypeVar

from graphql import GraphQLError
from strawberry.extensions import (
    AddValidationRules,
    MaskErrors,
    MaxTokensLimiter,
    ParserCache,
    SchemaExtension,
    ValidationCache,
    max_aliases,
    query_depth_limiter,
)

from graph.errors import ArgumentError, text_fault
from whistles.authz import Forbidden

# Deep enough for area -> bodies -> reportsTo -> body -> subordinates -> edges -> node -> name (9)
# and for responders -> reasons -> path -> hops -> source -> node -> ... (8); stops recursive walks.
MAX_DEPTH = 12
# GraphiQL's introspection query is about 330 tokens; ten hand-written questions fit in 2000.
MAX_TOKENS = 2000
# Enough to ask one question for a handful of places in one request, not to multiply work 100-fold.
MAX_ALIASES = 20
# Distinct query texts kept parsed and validated (LRU); bounded so unique texts cannot grow memory.
CACHE_SIZE = 256

INTERNAL_MESSAGE = "Internal server error; it has been logged."
# At most this many characters of what a client sent are repeated in an error (an 800 KB cursor is not echoed).
ECHO_CAP = 100

_DEPTH_RULE = query_depth_limiter.create_validator(MAX_DEPTH, None)
_ALIAS_RULE = max_aliases.create_validator(MAX_ALIASES)


class DepthLimit(query_depth_limiter.QueryDepthLimiter):
    """QueryDepthLimiter at MAX_DEPTH, reusing one rule class across requests."""

    def __init__(self) -> None:
        AddValidationRules.__init__(self, [_DEPTH_RULE])


class AliasLimit(max_aliases.MaxAliasesLimiter):
    """MaxAliasesLimiter at MAX_ALIASES, reusing one rule class across requests."""

    def __init__(self) -> None:
        AddValidationRules.__init__(self, [_ALIAS_RULE])


class TokenLimit(MaxTokensLimiter):
    def __init__(self) -> None:
        super().__init__(max_token_count=MAX_TOKENS)


class Parsed(ParserCache):
    def __init__(self) -> None:
        super().__init__(maxsize=CACHE_SIZE)


class Validated(ValidationCache):
    def __init__(self) -> None:
        super().__init__(maxsize=CACHE_SIZE)


def client_error(error: GraphQLError) -> GraphQLError:
    """An ArgumentError becomes an error naming the argument and value; Forbidden says what was refused and why."""
    original = error.original_error
    if isinstance(original, Forbidden):
        return GraphQLError(str(original), nodes=error.nodes, path=error.path, extensions={"code": "FORBIDDEN"})
    if not isinstance(original, ArgumentError):
        return error
    return GraphQLError(
        # "place: no area ... (got '999999999')": readable where only the message is shown
        f"{original.argument}: {original.message} (got {echo(original.value)})",
        nodes=error.nodes,
        path=error.path,
        extensions={"code": "BAD_ARGUMENT", "argument": original.argument, "value": _json_value(original.value)},
    )


def echo(value: object) -> str:
    """A client's value as an error repeats it: its repr, cut to ECHO_CAP characters."""
    text = repr(value)
    return text if len(text) <= ECHO_CAP else f"{text[:ECHO_CAP]}… ({len(text)} characters)"


def _json_value(value: object) -> object:
    if isinstance(value, str) and len(value) > ECHO_CAP:
        return value[:ECHO_CAP] + "…"
    return value if isinstance(value, (str, int, float, bool)) or value is None else echo(value)


def is_internal(error: GraphQLError) -> bool:
    """Mask what a resolver raised unexpectedly; document errors (syntax, validation, limits) stay visible."""
    original = error.original_error
    if original is None or isinstance(original, (ArgumentError, Forbidden, GraphQLError)):
        return False
    return error.path is not None


class ArgumentErrors(SchemaExtension):
    """Rewrites ArgumentError and Forbidden results into client errors (see client_error)."""

    def on_operation(self) -> Iterator[None]:
        yield
        _rewrite(self.execution_context.result)

    def on_stream_result(self, result: object) -> Iterator[None]:
        """Each result a subscription sends (the operation hook only sees the last)."""
        _rewrite(result)
        yield


def _rewrite(result: object) -> None:
    if getattr(result, "errors", None):
        result.errors = [client_error(e) for e in result.errors]  # type: ignore[attr-defined]


class ValidText(SchemaExtension):
    """Refuses, before anything runs, a request whose variables hold a string that is not valid text (an unpaired
    surrogate, which JSON's "\\ud800" escape can carry and no store or converter can take): the error names the
    variable's path. A literal in the document is refused by the parser already."""

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        variables = (context.variables or {}).items()
        bad = next((found for name, v in variables if (found := _invalid_text(v, f"${name}"))), None)
        if bad:
            path, fault = bad
            error = GraphQLError(f"{path}: {fault}", extensions={"code": "BAD_ARGUMENT", "argument": path})
            context.pre_execution_errors = [*(context.pre_execution_errors or []), error]
        yield


def _invalid_text(value: object, path: str) -> tuple[str, str] | None:
    """The first string in a variables value that is not valid text: its path ($w.subject) and what is wrong."""
    if isinstance(value, str):
        fault = text_fault(value)
        return (path, fault) if fault else None
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    return next((bad for key, item in items if (bad := _invalid_text(item, f"{path}.{key}"))), None)


class Masked(MaskErrors):
    def __init__(self) -> None:
        super().__init__(should_mask_error=is_internal, error_message=INTERNAL_MESSAGE)


def production_extensions(caches: bool = True) -> list[Callable[[], SchemaExtension]]:
    """The extension classes, in order; `caches=False` exists for the benchmark's comparison."""
    cached: list[Callable[[], SchemaExtension]] = [Parsed, Validated] if caches else []
    return [*cached, ValidText, TokenLimit, DepthLimit, AliasLimit, Masked, ArgumentErrors]


T = TypeVar("T")


async def masked_stream(stream: AsyncGenerator[T, None], what: str) -> AsyncGenerator[T, None]:
    """A subscription's items, its errors as the masking extension treats a query's: graphql-core reports a failure
    of the stream itself without a path, which the mask keys on, so an unexpected one is logged and masked here;
    client errors pass through to be labelled. Closing it closes the stream at once (the client unsubscribed)."""
    try:
        async with aclosing(stream) as items:
            async for item in items:
                yield item
    except (ArgumentError, Forbidden, GraphQLError):
        raise
    except Exception:
        logging.getLogger("whistlegraph").exception("subscription %s failed", what)
        raise GraphQLError(INTERNAL_MESSAGE) from None
