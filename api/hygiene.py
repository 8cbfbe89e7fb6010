"""Request hygiene: every malformed GraphQL request is a 400 with a GraphQL-shaped error, before anything runs.

The caps (documented in README, "Limits"):
  body          MAX_BODY_BYTES (256 KiB; larger is a 413)
  variables     nested at most MAX_VARIABLE_DEPTH levels
  strings       each string argument at most STRING_CAPS[argument name] characters, else DEFAULT_STRING_CAP;
                inside input objects the input field's name decides (WhistleInput.subject is capped as subject)
Messages never repeat more than schema.extensions.ECHO_CAP characters of what the client sent.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from graphql import (
    ArgumentNode,
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    ListValueNode,
    ObjectValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    StringValueNode,
    ValueNode,
    VariableNode,
)

from schema.extensions import ECHO_CAP, echo

MAX_BODY_BYTES = 256 * 1024
MAX_VARIABLE_DEPTH = 16
# What a person types: a whistle's description and the notes of reports, resolutions and callbacks are prose;
# a subject is a phrase or a duty id; every other string (codes, ids, names, cursors, search text) is short.
STRING_CAPS = {"description": 2000, "note": 1000, "comment": 1000, "subject": 200, "orderNumber": 64}
DEFAULT_STRING_CAP = 200


class BadRequest(Exception):
    """A request refused before execution: its HTTP status, a code for extensions.code, and a message."""

    def __init__(self, status: int, code: str, message: str, **extensions: object) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.extensions = extensions

    def body(self) -> dict[str, object]:
        return {"errors": [{"message": str(self), "extensions": {"code": self.code, **self.extensions}}]}


@dataclass(frozen=True)
class GraphQLRequest:
    query: str
    variables: dict[str, object] = field(default_factory=dict)
    operation_name: str | None = None


def parse_body(body: bytes) -> GraphQLRequest:
    """A JSON POST body -> the request; BadRequest for anything that is not a well-formed single request."""
    if len(body) > MAX_BODY_BYTES:
        raise BadRequest(413, "BODY_TOO_LARGE", f"the request body is over {MAX_BODY_BYTES} bytes")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as err:
        raise BadRequest(400, "BAD_REQUEST", f"the body is not valid UTF-8 (byte {err.start})") from None
    try:
        data = json.loads(text)
    except RecursionError:
        raise BadRequest(400, "BAD_REQUEST", "the body's JSON is nested too deeply") from None
    except ValueError as err:
        raise BadRequest(400, "BAD_REQUEST", f"the body is not JSON: {echo(str(err))}") from None
    if not isinstance(data, dict):
        what = "a list (batching is not enabled)" if isinstance(data, list) else json.dumps(data)[:ECHO_CAP]
        raise BadRequest(400, "BAD_REQUEST", f"want a JSON object {{query, variables, operationName}}, got {what}")
    return request_of(data.get("query"), data.get("variables"), data.get("operationName"))


def parse_params(params: Mapping[str, str]) -> GraphQLRequest:
    """A GET request's query string -> the request (variables as JSON text)."""
    text = params.get("variables")
    variables: object = None
    if text:
        try:
            variables = json.loads(text)
        except RecursionError:
            raise BadRequest(400, "BAD_REQUEST", "variables: nested too deeply") from None
        except ValueError:
            raise BadRequest(400, "BAD_REQUEST", "variables: not JSON") from None
    return request_of(params.get("query"), variables, params.get("operationName"))


def request_of(query: object, variables: object, operation_name: object) -> GraphQLRequest:
    if not isinstance(query, str) or not query.strip():
        raise BadRequest(400, "BAD_REQUEST", "query: want a GraphQL document as a non-empty string")
    if variables is not None and not isinstance(variables, dict):
        raise BadRequest(400, "BAD_REQUEST", f"variables: want an object, got {echo(variables)}")
    if operation_name is not None and not isinstance(operation_name, str):
        raise BadRequest(400, "BAD_REQUEST", f"operationName: want a string, got {echo(operation_name)}")
    if variables and _depth(variables) > MAX_VARIABLE_DEPTH:
        raise BadRequest(400, "VARIABLES_TOO_DEEP", f"variables are nested deeper than {MAX_VARIABLE_DEPTH} levels")
    return GraphQLRequest(query, variables or {}, operation_name)


def _depth(value: object) -> int:
    """How deeply lists and objects nest, without recursion (the value may be hostile)."""
    deepest = 0
    stack: list[tuple[object, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else None
        if children is None:
            continue
        deepest = max(deepest, depth)
        if deepest > MAX_VARIABLE_DEPTH:
            return deepest
        stack.extend((child, depth + 1) for child in children)
    return deepest


def check_strings(document: DocumentNode, operation: OperationDefinitionNode, variables: Mapping[str, object]) -> None:
    """BadRequest (ARGUMENT_TOO_LONG) for the first string argument over its cap, literal or from a variable."""
    fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
    for name, text in _strings(_arguments(operation.selection_set, fragments), variables):
        cap = STRING_CAPS.get(name, DEFAULT_STRING_CAP)
        if len(text) > cap:
            raise BadRequest(
                400,
                "ARGUMENT_TOO_LONG",
                f"{name}: at most {cap} characters (got {len(text)})",
                argument=name,
                length=len(text),
                cap=cap,
            )


def _arguments(
    selection_set: SelectionSetNode | None, fragments: dict[str, FragmentDefinitionNode]
) -> Iterator[ArgumentNode]:
    """Every argument of every field the operation selects, fragments included (each spread once)."""
    seen: set[str] = set()
    stack = [selection_set]
    while stack:
        current = stack.pop()
        if current is None:
            continue
        for selection in current.selections:
            if isinstance(selection, FieldNode):
                yield from selection.arguments or ()
                stack.append(selection.selection_set)
            elif isinstance(selection, InlineFragmentNode):
                stack.append(selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode) and selection.name.value not in seen:
                seen.add(selection.name.value)
                fragment = fragments.get(selection.name.value)
                stack.append(fragment.selection_set if fragment else None)


def _strings(arguments: Iterator[ArgumentNode], variables: Mapping[str, object]) -> Iterator[tuple[str, str]]:
    """(argument or input field name, string) for every string a request passes, literal or variable."""
    stack: list[tuple[str, ValueNode | object]] = [(a.name.value, a.value) for a in arguments]
    while stack:
        name, value = stack.pop()
        if isinstance(value, StringValueNode):
            yield name, value.value
        elif isinstance(value, VariableNode):
            stack.append((name, variables.get(value.name.value)))
        elif isinstance(value, ObjectValueNode):
            stack.extend((f.name.value, f.value) for f in value.fields)
        elif isinstance(value, ListValueNode):
            stack.extend((name, v) for v in value.values)
        elif isinstance(value, str):
            yield name, value
        elif isinstance(value, dict):
            stack.extend((str(k), v) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((name, v) for v in value)
