"""What a GraphQL request will cost, priced from its document before anything runs.

Every selected field costs 1; a field that returns a list multiplies what is selected under it by its
page size (`first`, or the argument's default) or, for the unpaged lists of answers and navigation, by
LIST_SIZE; the questions add the work of their domain call (QUESTION_COST, measured: see
bench/graphql_bench.py). Aliases are priced as the separate fields they are and fragments are priced
where they are spread, so nothing a request can ask for escapes the price. The walk is iterative over
fragments with a guard against cycles, so it also prices documents that validation will refuse.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLField,
    GraphQLNamedType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    VariableNode,
    get_named_type,
    get_nullable_type,
    is_list_type,
)
from graphql.language import DocumentNode

from graph.domain import MAX_DEPTH
from graph.subjects import TEXT_LIMIT

# The unpaged lists (answers' responders, reasons, path hops; a body's kinds, an area's bodies) are short:
# LIST_SIZE unless LIST_SIZES knows better. The example responders answer has 5 responders with 1-3 reasons
# of 4-6 hops each; a free-text subject ranks at most TEXT_LIMIT duties.
LIST_SIZE = 10
LIST_SIZES = {"reasons": 3, "hops": 6, "steps": 8, "chains": 3, "kinds": 3, "reportsTo": 3, "duties": TEXT_LIMIT}
# Lists that only carry the page their connection's `first` already priced.
PAGED_BY_PARENT = frozenset({"edges"})
# The domain work behind a root field, in cost units; one unit is about 10 µs of one core (resolving one
# object takes 5-20 µs), measured in process: responders 2-6 ms, responsible 1.5-2.5 ms, a chain 0.4 ms.
QUESTION_COST = {"responders": 400, "responsible": 250, "reportingChain": 40, "assessments": 80, "search": 50}
# subordinates is an unpaged list: its rows by depth at the widest body (the city: 65, 897, then all 8,889),
# each costing about 2 units of domain work before it is resolved.
SUBORDINATE_ROWS = (70, 900, 9000)
# The default budget: the dearest query under it answers in about 0.3 s (at the worst measured 30 µs a unit,
# 100 bodies with a few fields each) on one core; bench/graphql_bench.py prints the figure. WHISTLEGRAPH_QUERY_BUDGET.
DEFAULT_BUDGET = 10_000
# A request is "cheap" below this and is answered on the event loop; dearer ones go to the worker pool.
DEFAULT_CHEAP = 300


@dataclass(frozen=True)
class Budget:
    limit: int = DEFAULT_BUDGET
    cheap: int = DEFAULT_CHEAP

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> Budget:
        """WHISTLEGRAPH_QUERY_BUDGET and WHISTLEGRAPH_CHEAP_COST; a bad value raises ValueError naming it."""
        values = {}
        for name, field, default in (
            ("WHISTLEGRAPH_QUERY_BUDGET", "limit", DEFAULT_BUDGET),
            ("WHISTLEGRAPH_CHEAP_COST", "cheap", DEFAULT_CHEAP),
        ):
            text = env.get(name, "").strip()
            try:
                values[field] = int(text) if text else default
            except ValueError:
                values[field] = 0
            if values[field] <= 0:
                raise ValueError(f"{name}={text!r}: want a positive whole number")
        return cls(**values)


class TooCostly(Exception):
    def __init__(self, cost: int, budget: int) -> None:
        super().__init__(f"query too costly: it is priced at {cost}, over the budget of {budget}")
        self.cost = cost
        self.budget = budget


def operation_of(document: DocumentNode, name: str | None) -> OperationDefinitionNode | None:
    """The operation a request runs: the named one, or the only one; None when that is ambiguous or absent."""
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if name:
        return next((o for o in operations if o.name is not None and o.name.value == name), None)
    return operations[0] if len(operations) == 1 else None


def price(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: Mapping[str, object] | None = None,
) -> int:
    """The cost of running `operation` of `document` with `variables` (see the module docstring)."""
    fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
    root = {
        OperationType.QUERY: schema.query_type,
        OperationType.MUTATION: schema.mutation_type,
        OperationType.SUBSCRIPTION: schema.subscription_type,
    }[operation.operation]
    pricer = _Pricer(schema, fragments, variables or {})
    return pricer.selections(root, operation.selection_set, frozenset(), root_level=True)


class _Pricer:
    def __init__(
        self, schema: GraphQLSchema, fragments: dict[str, FragmentDefinitionNode], variables: Mapping[str, object]
    ) -> None:
        self.schema = schema
        self.fragments = fragments
        self.variables = variables

    def selections(
        self,
        parent: GraphQLNamedType | None,
        selection_set: SelectionSetNode | None,
        spread: frozenset[str],
        root_level: bool = False,
    ) -> int:
        if selection_set is None:
            return 0
        total = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                total += self.field(parent, selection, spread, root_level)
            elif isinstance(selection, InlineFragmentNode):
                on = parent
                if selection.type_condition is not None:
                    on = self.schema.get_type(selection.type_condition.name.value) or parent
                total += self.selections(on, selection.selection_set, spread, root_level)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = self.fragments.get(name)
                if fragment is None or name in spread:  # unknown or cyclic: validation refuses it
                    continue
                on = self.schema.get_type(fragment.type_condition.name.value) or parent
                total += self.selections(on, fragment.selection_set, spread | {name}, root_level)
        return total

    def field(self, parent: GraphQLNamedType | None, node: FieldNode, spread: frozenset[str], root_level: bool) -> int:
        definition = _field_of(parent, node.name.value)
        if definition is None:  # __typename, an unknown field, or a field of an interface's implementation
            return 1 + self.selections(None, node.selection_set, spread)
        named = get_named_type(definition.type)
        below = self.selections(named, node.selection_set, spread)
        own = 1
        multiplier = self.multiplier(node, definition)
        if root_level:
            own += QUESTION_COST.get(node.name.value, 0)
            if node.name.value == "subordinates":
                depth = self.int_argument(node, definition, "depth") or 1
                # A depth the domain refuses (outside 1..MAX_DEPTH) costs nothing beyond the refusal.
                depth = min(depth, len(SUBORDINATE_ROWS)) if 1 <= depth <= MAX_DEPTH else 1
                rows = SUBORDINATE_ROWS[depth - 1]
                own += 2 * rows
                # The answer is one SubordinatesAnswer whose `subordinates` list holds the rows; that list is
                # priced at LIST_SIZE below, so the rest of the rows comes in as this multiplier.
                multiplier = max(rows // LIST_SIZE, 1)
        return own + multiplier * below

    def multiplier(self, node: FieldNode, definition: GraphQLField) -> int:
        if "first" in definition.args:
            return max(self.int_argument(node, definition, "first") or 0, 1)
        if is_list_type(get_nullable_type(definition.type)):
            return 1 if node.name.value in PAGED_BY_PARENT else LIST_SIZES.get(node.name.value, LIST_SIZE)
        return 1

    def int_argument(self, node: FieldNode, definition: GraphQLField, name: str) -> int | None:
        """The argument's value as the request gives it (literal or variable), else its default."""
        for argument in node.arguments or ():
            if argument.name.value != name:
                continue
            value = argument.value
            if isinstance(value, IntValueNode):
                return _int(value.value)
            if isinstance(value, VariableNode):
                given = self.variables.get(value.name.value)
                if isinstance(given, int) and not isinstance(given, bool):
                    return given
                break
            return None
        default = definition.args[name].default_value
        return default if isinstance(default, int) else None


def _field_of(parent: GraphQLNamedType | None, name: str) -> GraphQLField | None:
    """The field's definition on an object or interface type; None on a union or an unknown type."""
    fields = getattr(parent, "fields", None)  # objects and interfaces; unions select through fragments
    return fields.get(name) if fields else None


def _int(text: str) -> int | None:
    try:
        return int(text)
    except ValueError:
        return None
