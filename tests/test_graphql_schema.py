"""The schema as an artifact: the committed SDL is current, and GraphQL types follow the domain's dataclasses."""

from __future__ import annotations

from dataclasses import dataclass, field

import strawberry

from graph.vocabulary import ResponderRole, Role, Tier
from schema import SDL_PATH, sdl
from schema.dataclass_types import graphql_type


def test_committed_sdl_is_current() -> None:
    assert SDL_PATH.read_text(encoding="utf-8") == sdl(), (
        "schema/schema.graphql is stale: run `.venv/bin/python -c 'import schema; schema.export_sdl()'` and commit it"
    )


def test_a_responder_role_is_a_duty_role_coordinate_or_escalation() -> None:
    # A role added to Role but not to ResponderRole would make every responders answer with it fail to serialize.
    extra = {ResponderRole.COORDINATE.value, Tier.ESCALATION.value}
    assert {r.value for r in ResponderRole} == {r.value for r in Role} | extra


@dataclass(frozen=True)
class _Inner:
    id: str
    role: Role


@dataclass(frozen=True)
class _Outer:
    inner: _Inner | None
    items: tuple[_Inner, ...]
    hidden: str
    renamed: str = "x"
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def count(self) -> int:
        return len(self.items)


def test_a_domain_dataclass_becomes_a_graphql_type_field_for_field() -> None:
    inner = graphql_type(_Inner, description="inner")
    outer_type = graphql_type(
        _Outer, description="outer", hide=("hidden",), rename={"renamed": "shown"}, expose={"count": "how many"}
    )

    @strawberry.type
    class Query:
        @strawberry.field(graphql_type=outer_type)
        def outer(self) -> _Outer:
            return _Outer(_Inner("a", Role.LEAD), (_Inner("b", Role.ASSIST),), "secret")

    schema = strawberry.Schema(query=Query, types=[inner])
    text = schema.as_str()
    assert "type Outer {\n  inner: Inner\n  items: [Inner!]!\n  shown: String!\n  notes: [String!]!\n" in text
    assert "hidden" not in text
    result = schema.execute_sync("{ outer { inner { id role } items { role } shown notes count } }")
    assert result.errors is None
    assert result.data == {
        "outer": {
            "inner": {"id": "a", "role": "LEAD"},
            "items": [{"role": "ASSIST"}],
            "shown": "x",
            "notes": [],
            "count": 1,
        }
    }
