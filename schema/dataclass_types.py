"""GraphQL types generated from the domain's dataclasses, so the schema never copies a field list.

`graphql_type(graph.answers.X, ...)` reads X's fields and their types: a new field in the domain appears in GraphQL
without an edit here. Resolvers are handed the domain objects themselves (an object type without interfaces checks
no Python class), so nothing converts answers on the way out. What the schema adds is said per type: descriptions,
a GraphQL name for a field, fields it hides, properties it exposes, and resolvers (navigation, nested records).
"""

from __future__ import annotations

import dataclasses
import functools
import operator
import types
from collections.abc import Callable, Mapping
from typing import Any, TypeVar, Union, get_args, get_origin, get_type_hints

import strawberry
from strawberry.types.field import StrawberryField

T = TypeVar("T")

# Each domain dataclass -> the GraphQL type generated for it, so nested fields point at GraphQL types.
_GENERATED: dict[type, type] = {}


def graphql_hint(hint: Any) -> Any:
    """The GraphQL spelling of a domain type: tuples become lists, dataclasses their generated types."""
    origin = get_origin(hint)
    if origin is tuple:
        item, *rest = get_args(hint)
        if rest not in ([], [Ellipsis]):
            raise TypeError(f"a fixed-size tuple {hint} has no GraphQL type")
        return list[graphql_hint(item)]  # type: ignore[misc]
    if origin in (Union, types.UnionType):
        return functools.reduce(operator.or_, (graphql_hint(a) for a in get_args(hint)))
    return _GENERATED.get(hint, hint)


def graphql_type(
    domain: type,
    *,
    description: str,
    name: str | None = None,
    docs: Mapping[str, str] | None = None,
    rename: Mapping[str, str] | None = None,
    hide: tuple[str, ...] = (),
    expose: Mapping[str, str] | None = None,
    fields: Mapping[str, Any] | None = None,
    interfaces: tuple[type, ...] = (),
    register: bool = True,
    is_input: bool = False,
) -> type:
    """The GraphQL type of a domain dataclass: an object type, or with `is_input` an input type (with the domain's
    defaults; to_domain turns a value back).

    docs: field descriptions; rename: Python field -> GraphQL name; hide: fields GraphQL does not show;
    expose: properties shown as fields, with their descriptions; fields: resolvers (strawberry.field) that replace
    or add fields, or types that retype a field; interfaces: GraphQL interfaces it implements (their fields come
    from them); register: whether nested domain fields of this dataclass's type use it (False for a variant).
    """
    if not dataclasses.is_dataclass(domain):
        raise TypeError(f"{domain!r} is not a dataclass")
    docs, rename, expose, fields = docs or {}, rename or {}, expose or {}, fields or {}
    hints = get_type_hints(domain)
    inherited = {f.name for base in interfaces for f in dataclasses.fields(base)}
    annotations: dict[str, Any] = {}
    namespace: dict[str, Any] = {"__annotations__": annotations, "__module__": __name__}
    for f in dataclasses.fields(domain):
        if f.name in hide or f.name in inherited or isinstance(fields.get(f.name), StrawberryField):
            continue
        hint = fields.get(f.name, strawberry.ID if f.name == "id" else hints[f.name])
        annotations[f.name] = graphql_hint(hint)
        namespace[f.name] = strawberry.field(name=rename.get(f.name), description=docs.get(f.name), default=f.default)
    for prop, doc in expose.items():
        returns = graphql_hint(get_type_hints(getattr(domain, prop).fget)["return"])
        namespace[prop] = strawberry.field(
            resolver=_property(getattr(domain, prop)), description=doc, graphql_type=returns
        )
    for key, value in fields.items():
        if isinstance(value, StrawberryField):
            namespace[key] = value
        elif key not in annotations:
            raise TypeError(f"{domain.__name__} has no field {key!r} to retype; a new field needs a resolver")
    decorate = strawberry.input if is_input else strawberry.type
    cls = types.new_class(name or domain.__name__, interfaces, {}, lambda ns: ns.update(namespace))
    generated: type = decorate(cls, description=description)
    if register and not is_input:
        _GENERATED[domain] = generated
    return generated


def _property(prop: property) -> Callable[..., Any]:
    """A resolver running the domain's property on the root, which may be any object with the fields it reads."""

    def resolve(root: strawberry.Parent[Any]) -> Any:
        return prop.fget(root)  # type: ignore[misc]

    return resolve


def to_domain(domain: type[T], value: object, **changes: Any) -> T:
    """The domain dataclass from a GraphQL input of it, with `changes` for fields whose GraphQL type differs."""
    values = {f.name: getattr(value, f.name) for f in dataclasses.fields(domain)}  # type: ignore[arg-type]
    return domain(**{**values, **changes})
