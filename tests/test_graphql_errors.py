"""Error shapes and limits over real HTTP: client mistakes are named precisely, internal failures are masked."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from api.app import create_app
from graph.domain import Domain
from graph.embedded import EmbeddedStore
from schema.extensions import INTERNAL_MESSAGE, MAX_ALIASES, MAX_DEPTH, MAX_TOKENS
from schema.pagination import MAX_PAGE
from tests.http_server import GraphQLClient, graphql_client, serve
from whistles.ledger_sqlite import Ledger
from whistles.supervision import Supervision
from whistles.tokens import issue_token


@pytest.fixture(scope="module")
def api(embedded_domain: Domain) -> Iterator[GraphQLClient]:
    with graphql_client(create_app(embedded_domain)) as client:
        yield client


def _argument_error(error: dict, argument: str, value: object) -> None:
    assert error["extensions"] == {"code": "BAD_ARGUMENT", "argument": argument, "value": value}, error
    assert error["message"].startswith(f"{argument}: ") and repr(value) in error["message"]


def test_unknown_place_names_the_argument_and_the_code(api: GraphQLClient) -> None:
    [error] = api.errors('{ responders(whistle: {place: "999999999", subject: "养犬"}) { notes } }')
    _argument_error(error, "place", "999999999")
    assert error["path"] == ["responders"]
    assert "area" in error["message"]


def test_lookup_errors_use_the_field_argument_names(api: GraphQLClient) -> None:
    _argument_error(api.errors('{ area(code: "000000") { name } }')[0], "code", "000000")
    _argument_error(api.errors('{ body(id: "no-such-body") { name } }')[0], "id", "no-such-body")
    _argument_error(api.errors('{ duty(id: "xx-a1-1") { id } }')[0], "id", "xx-a1-1")
    _argument_error(api.errors('{ bodies(area: "123") { totalCount } }')[0], "area", "123")
    _argument_error(api.errors('{ areas(parent: "123") { totalCount } }')[0], "parent", "123")
    _argument_error(api.errors('{ reportingChain(body: "nobody") { body { id } } }')[0], "body", "nobody")
    _argument_error(api.errors('{ subordinates(body: "gov:110107", depth: 50) { notes } }')[0], "depth", 50)


def test_errors_leave_the_other_fields_answered(api: GraphQLClient) -> None:
    """One bad root field fails alone; gql raises with the partial data attached."""
    from gql.transport.exceptions import TransportQueryError

    with pytest.raises(TransportQueryError) as caught:
        api.data('{ ok: area(code: "110101") { name } bad: area(code: "000000") { name } }')
    assert caught.value.data == {"ok": {"name": "东城区"}, "bad": None}


def test_bad_enum_fails_validation_naming_the_value(api: GraphQLClient) -> None:
    [error] = api.errors('{ responders(whistle: {place: "110107001", subject: "养犬", urgency: LOUD}) { notes } }')
    assert "LOUD" in error["message"] and "Urgency" in error["message"]
    [error] = api.errors(
        "query($w: WhistleInput!) { responders(whistle: $w) { notes } }",
        w={"place": "110107001", "subject": "养犬", "urgency": "loud"},
    )
    assert "loud" in error["message"] and "Urgency" in error["message"]


def test_bad_date_is_rejected_as_a_date(api: GraphQLClient) -> None:
    [error] = api.errors('{ responsible(place: "110107001", subject: "养犬", asOf: "2024-02-30") { asOf } }')
    assert "Date" in error["message"] and "2024-02-30" in error["message"]
    [error] = api.errors('query($d: Date) { reportingChain(body: "st:110101001", asOf: $d) { asOf } }', d="yesterday")
    assert "Date" in error["message"] and "yesterday" in error["message"]


def test_page_size_cap_names_first(api: GraphQLClient) -> None:
    [error] = api.errors(f"{{ areas(first: {MAX_PAGE + 1}) {{ totalCount }} }}")
    _argument_error(error, "first", MAX_PAGE + 1)
    assert str(MAX_PAGE) in error["message"]
    nested = api.errors('{ area(code: "110101") { children(first: 500) { totalCount } } }')
    _argument_error(nested[0], "first", 500)
    assert api.data(f"{{ areas(first: {MAX_PAGE}) {{ edges {{ cursor }} }} }}")["areas"]["edges"]


def test_forged_cursor_names_after(api: GraphQLClient) -> None:
    [error] = api.errors('{ areas(after: "110101") { totalCount } }')
    _argument_error(error, "after", "110101")


def _nested_parents(depth: int) -> str:
    return '{ area(code: "110101001001") ' + "{ parent " * (depth - 1) + "{ name }" + " }" * (depth - 1) + " }"


def test_depth_limit(api: GraphQLClient) -> None:
    assert api.data(_nested_parents(MAX_DEPTH))  # the limit itself is allowed
    [error] = api.errors(_nested_parents(MAX_DEPTH + 1))
    assert error["message"] == f"'anonymous' exceeds maximum operation depth of {MAX_DEPTH}"


def test_token_limit(api: GraphQLClient) -> None:
    query = '{ area(code: "110101") { ' + "name " * MAX_TOKENS + "} }"
    [error] = api.errors(query)
    assert error["message"] == f"Syntax Error: Document contains more than {MAX_TOKENS} tokens. Parsing aborted."


def test_alias_limit(api: GraphQLClient) -> None:
    def aliased(n: int) -> str:
        return "{ " + " ".join(f'a{i}: area(code: "110101") {{ name }}' for i in range(n)) + " }"

    assert len(api.data(aliased(MAX_ALIASES))) == MAX_ALIASES
    [error] = api.errors(aliased(MAX_ALIASES + 1))
    assert error["message"] == f"{MAX_ALIASES + 1} aliases found. Allowed: {MAX_ALIASES}"


class CountingStore:
    """The real bundled store, counting calls per method and delegating every one unchanged.

    Lets the batching test see how many store round trips a query made.
    """

    def __init__(self, inner: EmbeddedStore) -> None:
        self._inner = inner
        self.kind = inner.kind
        self.calls: Counter[str] = Counter()

    def __getattr__(self, name: str) -> object:
        method = getattr(self._inner, name)

        def counted(*args: object) -> object:
            self.calls[name] += 1
            return method(*args)

        return counted


@pytest.fixture(scope="module")
def counting(embedded_store: EmbeddedStore) -> Iterator[tuple[GraphQLClient, CountingStore]]:
    store = CountingStore(embedded_store)
    domain = Domain(store)
    domain.refresh()
    with graphql_client(create_app(domain, graphiql=False)) as client:
        yield client, store


@pytest.fixture
def broken_ledger(tmp_path: Path, embedded_domain: Domain) -> Iterator[tuple[GraphQLClient, Path]]:
    """A real failure, not a stand-in: the ledger's events table is dropped behind the server's back.

    Another process (an operator's sqlite3 shell, a botched migration) changing the file is a
    failure the server cannot foresee; the next whistle read raises sqlite3.OperationalError
    from deep inside the ledger, exactly as it would in production.
    """
    path = tmp_path / "whistles.sqlite"
    ledger = Ledger(path)
    token = issue_token(ledger, embedded_domain.store, "ops", "admin", "", datetime.now(UTC))
    app = create_app(embedded_domain, supervision=Supervision(embedded_domain, ledger), graphiql=False)
    with serve(app) as base:
        with sqlite3.connect(path) as other:
            other.execute("DROP TABLE events")
        client = GraphQLClient(f"{base}/graphql", token)
        yield client, path
        client.close()
    ledger.close()


def test_internal_errors_are_masked_and_other_fields_still_answer(
    broken_ledger: tuple[GraphQLClient, Path], caplog: pytest.LogCaptureFixture
) -> None:
    from gql.transport.exceptions import TransportQueryError

    api, path = broken_ledger
    with pytest.raises(TransportQueryError) as caught:
        api.data('{ area(code: "110101") { name } whistle(id: "W000001") { id } }')
    [error] = caught.value.errors
    assert error["message"] == INTERNAL_MESSAGE
    assert error["path"] == ["whistle"]
    assert "extensions" not in error
    assert "no such table" not in str(caught.value.errors) and str(path) not in str(caught.value.errors)
    assert caught.value.data == {"area": {"name": "东城区"}, "whistle": None}
    assert "no such table: events" in caplog.text, "the real cause is logged, with its traceback, for the operator"


def test_navigation_is_batched_per_hop_not_per_object(counting: tuple[GraphQLClient, CountingStore]) -> None:
    """Twenty bodies, each with its reporting lines and their targets' territory: one store call per hop."""
    api, store = counting
    store.calls.clear()
    got = api.data(
        """{ bodies(level: DISTRICT, first: 20) { edges { node {
            reportsTo { line body { ... on Body { governs { code } } } } kinds { id } } } } }"""
    )
    assert len(got["bodies"]["edges"]) == 20
    assert all(e["node"]["reportsTo"] for e in got["bodies"]["edges"])
    # find_nodes for the page, then neighbours once each for REPORTS_TO, OF_KIND and GOVERNS (besides the data
    # version the answer cache is keyed by, read once per request). The list follower polls the store every second in
    # the background (api/follow.py); on a loaded machine a poll can land inside the request, and it is none of its.
    asked = Counter({call: n for call, n in store.calls.items() if call not in ("list_versions", "reload_if_changed")})
    assert asked == Counter({"find_nodes": 1, "neighbours": 3, "data_version": 1})


@pytest.mark.parametrize(
    ("document", "variables", "path"),
    [
        (
            "query($w: WhistleInput!) { responders(whistle: $w) { notes } }",
            '{"w": {"place": "110105001", "subject": "遛狗\\ud800不拴绳"}}',
            "$w.subject",
        ),
        (
            'mutation($d: String!) { blowWhistle(place: "110105001", subject: "遛狗", description: $d) { id } }',
            '{"d": "楼下\\udcff"}',
            "$d",
        ),
    ],
)
def test_a_variable_that_is_not_valid_text_is_refused_by_name(
    api: GraphQLClient, document: str, variables: str, path: str
) -> None:
    """JSON's \\ud800 escape carries half a UTF-16 pair, which no text is: the request is refused before anything runs
    (no store, converter or ledger sees it), naming the variable, instead of failing inside as an internal error."""
    body = f'{{"query": {json.dumps(document)}, "variables": {variables}}}'
    got = httpx.post(api.url, content=body.encode(), headers={"content-type": "application/json"}, timeout=30)
    assert got.status_code == 200
    [error] = got.json()["errors"]
    assert error["extensions"] == {"code": "BAD_ARGUMENT", "argument": path}, error
    assert error["message"].startswith(f"{path}: not valid text: an unpaired surrogate (U+D")
