"""One request must never take the service down: hygiene, price, wall-clock limit, isolation, cache, metrics.

Every case goes over real HTTP to uvicorn serving the real app with a real ledger file and one worker
process for dear queries, and asserts the status, the error, and that nothing was written.
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from graphql import parse

from api import pool
from api.app import EXAMPLE_QUERY, create_app
from api.gate import Limits
from api.hygiene import DEFAULT_STRING_CAP, MAX_BODY_BYTES, MAX_VARIABLE_DEPTH, STRING_CAPS
from graph.domain import Domain
from graph.embedded import EmbeddedStore
from graph.model import Batch, Node
from loaders.dataset import BUNDLED, read_dataset
from schema import build_schema
from schema.cost import DEFAULT_BUDGET, Budget, operation_of, price
from schema.extensions import ECHO_CAP
from tests.http_server import issue_tokens, serve
from whistles.ledger_sqlite import Ledger
from whistles.record import Deadlines
from whistles.supervision import Supervision

BLOW = """mutation($subject: String! = "占道经营", $description: String! = "") {
  blowWhistle(place: "110107001", subject: $subject, description: $description) { id } }"""
# The issue's attack: every current limit respected, 100 x 100 x 100 objects.
ATTACK = """{ bodies(first: 100) { edges { node { id responsibilities(first: 100) { edges { node {
  holderKind { id bodies(first: 100) { edges { node { id name } } } } } } } } } } }"""
CHEAP = '{ area(code: "110107001") { name } }'
# About 4,500: over the cheap threshold, so a worker answers it.
DEAR = """{ bodies(first: 100) { edges { node { id name responsibilities(first: 10) {
  edges { node { duty { id } } } } } } } }"""


class Served:
    def __init__(self, base: str, ledger_path: Path, tokens: dict[str, str], store: EmbeddedStore) -> None:
        self.url = f"{base}/graphql"
        self.base = base
        self.ledger_path = ledger_path
        self.tokens = tokens
        self.store = store
        self.http = httpx.Client(timeout=30)

    def post(self, body: bytes | dict, token: str | None = None) -> httpx.Response:
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {self.tokens[token]}"
        content = body if isinstance(body, bytes) else json.dumps(body, ensure_ascii=False).encode()
        return self.http.post(self.url, content=content, headers=headers)

    def events(self) -> int:
        """Rows in the whistle ledger, read from its file: what a refused request must not have added to."""
        with sqlite3.connect(self.ledger_path) as db:
            return db.execute("SELECT count(*) FROM events").fetchone()[0]


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory, embedded_domain: Domain) -> Iterator[Served]:
    path = tmp_path_factory.mktemp("harden") / "whistles.sqlite"
    ledger = Ledger(path)
    supervision = Supervision(embedded_domain, ledger, Deadlines.parse(""), street_weight=0.4)
    tokens = issue_tokens(ledger, embedded_domain.store)
    app = create_app(embedded_domain, supervision=supervision, graphiql=False, limits=Limits(workers=1))
    with serve(app) as base:
        s = Served(base, path, tokens, embedded_domain.store)
        yield s
        s.http.close()
    ledger.close()


def _error(response: httpx.Response, status: int, code: str) -> dict:
    assert response.status_code == status, response.text[:500]
    (error,) = response.json()["errors"]
    assert error["extensions"]["code"] == code, error
    return error


def _nested(depth: int) -> str:
    return "[" * depth + "]" * depth


MALFORMED = {
    "invalid UTF-8 inside the JSON": (
        json.dumps({"query": BLOW, "variables": {"description": "@@"}}).encode().replace(b"@@", b"\xff\xfe"),
        "BAD_REQUEST",
        "not valid UTF-8",
    ),
    "body null": (b"null", "BAD_REQUEST", "want a JSON object"),
    "body 42": (b"42", "BAD_REQUEST", "want a JSON object"),
    'body "x"': (b'"x"', "BAD_REQUEST", "want a JSON object"),
    "a batch": (json.dumps([{"query": BLOW}]).encode(), "BAD_REQUEST", "batching is not enabled"),
    "not JSON": (b'{"query": ', "BAD_REQUEST", "not JSON"),
    "query not a string": (b'{"query": 5}', "BAD_REQUEST", "query: want a GraphQL document"),
    "variables not an object": (json.dumps({"query": BLOW, "variables": [1]}).encode(), "BAD_REQUEST", "variables"),
    "operationName not a string": (
        json.dumps({"query": BLOW, "operationName": 1}).encode(),
        "BAD_REQUEST",
        "operationName",
    ),
    "variables nested 100,000 deep": (
        f'{{"query": {json.dumps(BLOW)}, "variables": {{"description": {_nested(100_000)}}}}}'.encode(),
        "BAD_REQUEST",
        "nested too deeply",
    ),
    "variables nested past the cap": (
        json.dumps({"query": BLOW, "variables": {"description": json.loads(_nested(MAX_VARIABLE_DEPTH + 1))}}).encode(),
        "VARIABLES_TOO_DEEP",
        f"deeper than {MAX_VARIABLE_DEPTH}",
    ),
}


@pytest.mark.parametrize("case", list(MALFORMED))
def test_malformed_bodies_are_graphql_shaped_400s_and_write_nothing(served: Served, case: str) -> None:
    body, code, words = MALFORMED[case]
    before = served.events()
    error = _error(served.post(body, token="street"), 400, code)
    assert words in error["message"]
    assert served.events() == before


def test_a_body_over_the_cap_is_a_413_and_writes_nothing(served: Served) -> None:
    before = served.events()
    big = {"query": BLOW, "variables": {"description": "说" * (MAX_BODY_BYTES // 3 + 1)}}  # a 1 MB-class body
    _error(served.post(big, token="street"), 413, "BODY_TOO_LARGE")
    assert served.events() == before


@pytest.mark.parametrize(
    ("variables", "argument"),
    [
        ({"subject": "占" * (STRING_CAPS["subject"] + 1)}, "subject"),
        ({"description": "x" * (STRING_CAPS["description"] + 1)}, "description"),
    ],
)
def test_string_arguments_over_their_cap_are_refused_and_write_nothing(
    served: Served, variables: dict, argument: str
) -> None:
    before = served.events()
    error = _error(served.post({"query": BLOW, "variables": variables}, token="street"), 400, "ARGUMENT_TOO_LONG")
    assert error["extensions"]["argument"] == argument
    assert error["extensions"]["cap"] == STRING_CAPS[argument]
    assert served.events() == before


def test_a_string_at_its_cap_is_accepted(served: Served) -> None:
    """The control for the caps: the longest allowed description is stored."""
    before = served.events()
    body = {"query": BLOW, "variables": {"description": "述" * STRING_CAPS["description"]}}
    response = served.post(body, token="street")
    assert response.status_code == 200 and "errors" not in response.json(), response.text
    assert served.events() > before


def test_literal_and_input_object_strings_are_capped_too(served: Served) -> None:
    long_place = "1" * (DEFAULT_STRING_CAP + 1)
    query = f'{{ responders(whistle: {{place: "{long_place}", subject: "养犬"}}) {{ notes }} }}'
    error = _error(served.post({"query": query}), 400, "ARGUMENT_TOO_LONG")
    assert error["extensions"]["argument"] == "place"


def test_a_bad_value_is_echoed_only_up_to_the_cap(served: Served) -> None:
    cursor = "x" * DEFAULT_STRING_CAP
    response = served.post({"query": f'{{ bodies(after: "{cursor}") {{ edges {{ cursor }} }} }}'})
    assert response.status_code == 200
    (error,) = response.json()["errors"]
    assert error["extensions"]["code"] == "BAD_ARGUMENT"
    assert len(error["message"]) < 2 * ECHO_CAP and cursor not in error["message"]
    assert len(error["extensions"]["value"]) <= ECHO_CAP + 1


def test_the_attack_query_is_refused_before_running_naming_cost_and_budget(served: Served) -> None:
    one = "bodies(first: 100) { edges { node { id name kind level reportsTo { line } } } }"
    assert served.post({"query": f"{{ {one} }}"}).status_code == 200  # one alias alone is within the budget
    aliased = "{" + " ".join(f"a{i}: {one}" for i in range(20)) + "}"
    for query in (ATTACK, aliased):
        error = _error(served.post({"query": query}), 400, "QUERY_TOO_COSTLY")
        cost, budget = error["extensions"]["cost"], error["extensions"]["budget"]
        assert budget == DEFAULT_BUDGET < cost
        assert str(cost) in error["message"] and str(budget) in error["message"]


def test_aliases_and_fragments_are_priced_like_the_fields_they_stand_for() -> None:
    schema = build_schema()._schema

    def cost(text: str, variables: dict | None = None) -> int:
        document = parse(text)
        return price(schema, document, operation_of(document, None), variables)

    one = cost("{ bodies(first: 50) { edges { node { id name } } } }")
    assert (
        cost(
            "{ a: bodies(first: 50) { edges { node { id name } } } b: bodies(first: 50) { edges { node { id name } } } }"
        )
        == 2 * one
    )
    spread = "query { ...B } fragment B on Query { bodies(first: 50) { ...E } } fragment E on BodyConnection { edges { node { id name } } }"
    assert cost(spread) == one
    assert cost("query($n: Int!) { bodies(first: $n) { edges { node { id name } } } }", {"n": 50}) == one
    assert cost("{ bodies(first: 100) { edges { node { id name } } } }") > one
    # A cyclic fragment (validation refuses it) is priced without looping.
    assert cost('query { ...A } fragment A on Query { ...A area(code: "1") { name } }') > 0


def test_budget_and_limits_come_from_the_environment() -> None:
    limits = Limits.from_env(
        {
            "WHISTLEGRAPH_QUERY_BUDGET": "50",
            "WHISTLEGRAPH_REQUEST_SECONDS": "2.5",
            "WHISTLEGRAPH_WORKERS": "3",
            "WHISTLEGRAPH_ANSWER_CACHE": "0",
        }
    )
    assert limits == Limits(Budget(50), 2.5, 3, 0)
    for env in (
        {"WHISTLEGRAPH_QUERY_BUDGET": "lots"},
        {"WHISTLEGRAPH_REQUEST_SECONDS": "-1"},
        {"WHISTLEGRAPH_WORKERS": "x"},
        {"WHISTLEGRAPH_ANSWER_CACHE": "big"},
    ):
        with pytest.raises(ValueError, match=next(iter(env))):
            Limits.from_env(env)


def test_a_deployment_budget_refuses_what_the_default_allows(embedded_domain: Domain) -> None:
    app = create_app(embedded_domain, graphiql=False, limits=Limits(Budget(limit=50, cheap=10)))
    with serve(app) as base, httpx.Client(timeout=30) as http:
        refused = http.post(f"{base}/graphql", json={"query": EXAMPLE_QUERY})
        assert _error(refused, 400, "QUERY_TOO_COSTLY")["extensions"]["budget"] == 50
        assert http.post(f"{base}/graphql", json={"query": CHEAP}).json() == {"data": {"area": {"name": "八宝山街道"}}}


def test_a_query_past_the_wall_clock_limit_is_stopped(embedded_domain: Domain) -> None:
    app = create_app(embedded_domain, graphiql=False, limits=Limits(Budget(cheap=10), seconds=0.001, workers=1))
    with serve(app) as base, httpx.Client(timeout=30) as http:
        error = _error(http.post(f"{base}/graphql", json={"query": DEAR}), 503, "QUERY_TIMEOUT")
        assert "limit" in error["message"]
        # The worker stopped the query and is free: the next one is answered (and the loop never was blocked).
        assert http.post(f"{base}/graphql", json={"query": CHEAP}).status_code == 200


def test_cheap_queries_and_health_answer_while_dear_ones_run(served: Served) -> None:
    """Dear queries run in the worker process; the event loop answers cheap ones and /health meanwhile."""
    stop = threading.Event()
    running = [0]
    done = [0]

    def hammer() -> None:
        with httpx.Client(timeout=60) as http:
            while not stop.is_set():
                running[0] += 1
                response = http.post(served.url, json={"query": DEAR.replace("first: 10", f"first: {9 + done[0] % 2}")})
                running[0] -= 1
                assert response.status_code == 200, response.text
                done[0] += 1

    threads = [threading.Thread(target=hammer) for _ in range(4)]
    for t in threads:
        t.start()
    try:
        while done[0] < 2:
            threading.Event().wait(0.01)
        in_flight = []
        for _ in range(10):
            in_flight.append(running[0])
            assert served.post({"query": CHEAP}).json() == {"data": {"area": {"name": "八宝山街道"}}}
            assert served.http.get(f"{served.base}/health").status_code == 200
        assert max(in_flight) > 0
    finally:
        stop.set()
        for t in threads:
            t.join(60)


def test_the_answer_cache_never_serves_an_answer_older_than_the_data() -> None:
    """A load bumps the data version: the cached answer (inline and worker-made alike) is not served again."""
    store = EmbeddedStore()
    batch = read_dataset(BUNDLED)
    store.apply(batch)
    domain = Domain(store)
    domain.refresh()
    app = create_app(domain, graphiql=False, limits=Limits(workers=1))
    listing = '{ areas(parent: "110107", first: 100) { edges { node { code name } } } }'  # over cheap: a worker
    with serve(app) as base, httpx.Client(timeout=30) as http:

        def ask() -> tuple[str, str]:
            cheap = http.post(f"{base}/graphql", json={"query": CHEAP}).json()["data"]["area"]["name"]
            dear = http.post(f"{base}/graphql", json={"query": listing}).json()["data"]["areas"]["edges"]
            return cheap, next(e["node"]["name"] for e in dear if e["node"]["code"] == "110107001")

        assert ask() == ask() == ("八宝山街道", "八宝山街道")
        old = next(n for n in batch.nodes if n.id == "110107001")
        store.apply(Batch(nodes=[Node(old.id, old.label, {**old.props, "name": "八宝山街道（改）"})]))
        assert ask() == ("八宝山街道（改）", "八宝山街道（改）")


def test_metrics_are_exported_for_prometheus(served: Served) -> None:
    served.post({"query": CHEAP})
    served.post({"query": CHEAP})
    served.post({"query": ATTACK})
    text = served.http.get(f"{served.base}/metrics").text
    assert 'whistlegraph_requests_total{operation="area",status="200"}' in text
    assert 'whistlegraph_errors_total{code="QUERY_TOO_COSTLY"}' in text
    assert "whistlegraph_request_seconds_bucket" in text and "whistlegraph_query_cost_bucket" in text
    assert 'whistlegraph_answer_cache_total{result="hit"}' in text
    assert f"whistlegraph_data_version {float(served.store.data_version())}" in text
    assert 'whistlegraph_sweep_runs_total{outcome="ok"}' in text
    # the gauges read the ledger's read model, by state (tests/test_whistles_api.py checks a count after blowing)
    assert re.search(r'^whistlegraph_whistles\{state="open"\} \d+\.0$', text, re.M)
    assert re.search(r'^whistlegraph_whistles\{state="resolved"\} \d+\.0$', text, re.M)
    assert re.search(r"^whistlegraph_overdue_whistles \d+\.0$", text, re.M)


def test_queries_sent_by_get_pass_the_same_gate(served: Served) -> None:
    refused = served.http.get(served.url, params={"query": ATTACK})
    assert _error(refused, 400, "QUERY_TOO_COSTLY")["extensions"]["cost"] > DEFAULT_BUDGET
    deep = served.http.get(served.url, params={"query": CHEAP, "variables": _nested(5_000)})
    _error(deep, 400, "BAD_REQUEST")
    assert served.http.get(served.url, params={"query": CHEAP}).json() == {"data": {"area": {"name": "八宝山街道"}}}


def test_a_time_out_of_range_is_a_bad_argument_not_an_internal_error(served: Served) -> None:
    """Found by the fuzz run: year 1 at Beijing's offset is before year 1 in UTC."""
    query = '{ assessmentScore(department: "bj-gongan", since: "0001-01-01T00:00:00") { weighted } }'
    response = served.post({"query": query}, token="admin")
    (error,) = response.json()["errors"]
    assert (error["extensions"]["code"], error["extensions"]["argument"]) == ("BAD_ARGUMENT", "since")
    assert "out of the range of times" in error["message"]


def test_a_limit_that_expires_at_once_is_a_timeout_never_an_error(
    embedded_domain: Domain, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The worker's alarm may ring before the query has started or after it has ended; either way the query ran out
    of time (503 QUERY_TIMEOUT), never an exception out of the worker (a 500)."""
    monkeypatch.setattr(pool, "_STATE", (build_schema(), embedded_domain))
    monkeypatch.setattr(pool, "_LOOP", None)  # the loop these runs make is not left to a pool forked later
    version = embedded_domain.store.data_version()
    statuses = {pool._execute(CHEAP, {}, None, version, 1e-6).status for _ in range(300)}
    assert statuses <= {"timeout", "ok"}, statuses
