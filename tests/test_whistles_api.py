"""The whistle lifecycle over real HTTP: mutations, the record, figures, tokens, and the full role × operation matrix.

Every test talks to uvicorn on a loopback port through the gql client, with real tokens in a
real ledger file; the deadline sweep runs in the app's lifespan exactly as in production.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path

import httpx
import pytest
from gql.transport.exceptions import TransportQueryError

from api.app import create_app
from api.server import settings
from graph.domain import Domain
from tests.http_server import GraphQLClient, issue_tokens, serve
from whistles.ledger_sqlite import Ledger
from whistles.record import BEIJING, Deadlines
from whistles.supervision import Supervision

BABAOSHAN = "110107001"
STATIONED = "team:sjs-street-centres:110107001:城管"
BUREAU = "dd:110107:bj-chengguanzhifa"
STREET_TEAM = "enf:110107001"
SWEEP = 0.2  # seconds between deadline sweeps in these tests

WHISTLE = """id placeName subject urgency description source orderNumber status outcome blownAt blownBy
  resolvedAt satisfied place { code name } street { code name } district { name } duties { id citation }
  ladder { id name }
  calls { bodyId name tier role reason calledAt deadline reportedAt onSite status minutesToReport body { name } }
  timeline { seq type at actor data withheld }"""
BLOW = f"""mutation($place: String!, $subject: String!, $urgency: Urgency! = ROUTINE, $source: WhistleSource!
  = STREET_INSPECTION, $orderNumber: String! = "", $description: String! = "", $time: DateTime) {{
  blowWhistle(place: $place, subject: $subject, urgency: $urgency, source: $source, orderNumber: $orderNumber,
    description: $description, time: $time) {{ {WHISTLE} }} }}"""
REPORT = f"""mutation($w: ID!, $body: ID!, $onSite: Boolean! = true, $time: DateTime) {{
  reportIn(whistle: $w, body: $body, onSite: $onSite, time: $time) {{ {WHISTLE} }} }}"""
RESOLVE = (
    "mutation($w: ID!, $outcome: Outcome! = RESOLVED) { resolve(whistle: $w, outcome: $outcome) { status outcome } }"
)
ESCALATE = 'mutation($w: ID!) { escalate(whistle: $w, note: "需要区里协调") { calls { bodyId tier reason } } }'
EVALUATE = """mutation($w: ID!, $body: ID!, $rating: Int!) {
  evaluate(whistle: $w, body: $body, rating: $rating, comment: "到场及时") { evaluations { bodyId rating by } } }"""
CALLBACK = "mutation($w: ID!) { recordCallback(whistle: $w, satisfied: true) { satisfied } }"
RECORD = "query($w: ID!) { whistle(id: $w) { status timeline { seq type } } }"
SCORE = """query($d: ID!) { assessmentScore(department: $d) {
  department evaluations streetScore weight weighted byStreet { streetCode evaluations meanRating street { name } } } }"""


class Server:
    """A served app with its supervision and one gql client per principal (and one without a token)."""

    def __init__(self, base: str, supervision: Supervision, tokens: dict[str, str]) -> None:
        self.base = base
        self.supervision = supervision
        self.tokens = tokens
        self.as_ = {name: GraphQLClient(f"{base}/graphql", token) for name, token in tokens.items()}
        self.as_["anonymous"] = GraphQLClient(f"{base}/graphql")

    def close(self) -> None:
        for client in self.as_.values():
            client.close()

    def blow(self, who: str = "street", **variables: object) -> dict:
        args = {"place": BABAOSHAN, "subject": "占道经营", **variables}
        return self.as_[who].data(BLOW, **args)["blowWhistle"]


@pytest.fixture
def served(tmp_path: Path, embedded_domain: Domain) -> Iterator[Server]:
    """A fresh ledger per test, urgent calls due in 20 minutes, streets weighing 0.4 of a department's score."""
    ledger = Ledger(tmp_path / "whistles.sqlite")
    sv = Supervision(embedded_domain, ledger, Deadlines.parse("urgent=20"), street_weight=0.4)
    tokens = issue_tokens(ledger, embedded_domain.store)
    with serve(create_app(embedded_domain, supervision=sv, sweep_seconds=SWEEP, graphiql=False)) as base:
        server = Server(base, sv, tokens)
        yield server
        server.close()
    assert sv.listeners == [], "the lifespan unsubscribes the live hub on shutdown"
    ledger.close()


@pytest.fixture
def ago() -> Callable[[float], str]:
    """Beijing times relative to one instant taken when the test starts, so their differences are exact."""
    start = datetime.now(BEIJING).replace(microsecond=0)
    return lambda minutes: (start - timedelta(minutes=minutes)).isoformat()


def _argument_error(error: dict, argument: str) -> None:
    assert error["extensions"]["code"] == "BAD_ARGUMENT" and error["extensions"]["argument"] == argument, error
    assert error["message"].startswith(f"{argument}: ")


# -- the lifecycle ----------------------------------------------------------------------------------


def test_blow_calls_the_responders_with_deadlines_by_urgency(served: Server) -> None:
    w = served.blow(description="路口摆摊，占用人行道")
    assert w["id"] == "W000001" and w["status"] == "OPEN" and w["blownBy"] == "street"
    assert (w["place"]["name"], w["street"]["code"], w["district"]["name"]) == ("八宝山街道", BABAOSHAN, "石景山区")
    assert (
        w["source"] == "STREET_INSPECTION" and w["orderNumber"] is None and w["description"] == "路口摆摊，占用人行道"
    )
    assert [c["bodyId"] for c in w["calls"]] == [STATIONED, BUREAU, STREET_TEAM]
    assert [c["body"]["name"] for c in w["calls"]] == [
        "八宝山街道综合执法指挥中心·城管（常驻）",
        "北京市石景山区城市管理综合行政执法局",
        "八宝山街道综合行政执法队",
    ]
    assert [c["tier"] for c in w["calls"]] == ["on_ground", "district", "on_ground"]
    blown = datetime.fromisoformat(w["blownAt"])
    assert blown.utcoffset() == timedelta(hours=8), "times are given in Beijing time"
    for call in w["calls"]:
        assert datetime.fromisoformat(call["deadline"]) - blown == timedelta(minutes=30)  # Pinggu's rule
        assert call["status"] == "PENDING" and call["reportedAt"] is None
    # 占道经营 reads as 摆摊设点 / 占用道路 / 店外经营 (the colloquial lexicon): 第三十五条's clauses, fines first.
    assert [d["id"] for d in w["duties"]][0] == "srhj2021-a35-3"
    assert {d["id"] for d in w["duties"] if d["id"].startswith("srhj2021")} <= {
        "srhj2021-a35-3",
        "srhj2021-a35-5",
        "srhj2021-a35-2",
    }, "of the 市容 regulation, only its article on stalls and occupying the road"
    assert [x["id"] for x in w["ladder"]] == ["gov:110107", "bj-chengguanzhifa"]
    assert [(e["seq"], e["type"], e["actor"]) for e in w["timeline"]] == [
        (1, "BLOWN", "street"),
        (2, "CALLED", "street"),
        (3, "CALLED", "street"),
        (4, "CALLED", "street"),
    ]
    assert w["timeline"][0]["data"]["description"] == "路口摆摊，占用人行道"

    urgent = served.blow(urgency="URGENT")
    deadline = datetime.fromisoformat(urgent["calls"][0]["deadline"])
    assert deadline - datetime.fromisoformat(urgent["blownAt"]) == timedelta(minutes=20)  # configured

    hotline = served.blow(source="HOTLINE_12345", orderNumber="2026112300017")
    assert (hotline["source"], hotline["orderNumber"]) == ("HOTLINE_12345", "2026112300017")
    metrics = httpx.get(f"{served.base}/metrics").text
    assert 'whistlegraph_whistles{state="open"} 3.0' in metrics, "the whistle gauge reads the ledger"


def test_report_in_escalate_evaluate_resolve(served: Server, ago: Callable[[float], str]) -> None:
    w = served.blow(time=ago(12))
    reported = served.as_["department"].data(REPORT, w=w["id"], body=STATIONED, onSite=True)["reportIn"]
    call = next(c for c in reported["calls"] if c["bodyId"] == STATIONED)
    assert call["status"] == "ON_TIME" and call["onSite"] is True and 11.9 < call["minutesToReport"] < 12.5
    platform = served.as_["street"].data(REPORT, w=w["id"], body=STREET_TEAM, onSite=False)["reportIn"]
    assert next(c for c in platform["calls"] if c["bodyId"] == STREET_TEAM)["onSite"] is False

    escalated = served.as_["street"].data(ESCALATE, w=w["id"])["escalate"]["calls"]
    assert escalated[-1] == {"bodyId": "gov:110107", "tier": "escalation", "reason": "manual: 需要区里协调"}

    given = served.as_["street"].data(EVALUATE, w=w["id"], body=STATIONED, rating=85)["evaluate"]["evaluations"]
    assert given == [{"bodyId": STATIONED, "rating": 85, "by": "street"}]
    done = served.as_["street"].data(RESOLVE, w=w["id"])["resolve"]
    assert done == {"status": "RESOLVED", "outcome": "RESOLVED"}

    [error] = served.as_["department"].errors(REPORT, w=w["id"], body=BUREAU)
    _argument_error(error, "whistle")
    assert "reports are closed" in error["message"]

    record = served.as_["admin"].data(
        "query($w: ID!) { whistle(id: $w) { resolvedAt timeline { type actor } } }", w=w["id"]
    )
    assert [(e["type"], e["actor"]) for e in record["whistle"]["timeline"]][4:] == [
        ("REPORTED", "department"),
        ("REPORTED", "street"),
        ("ESCALATED", "street"),
        ("CALLED", "street"),
        ("EVALUATED", "street"),
        ("RESOLVED", "street"),
    ]
    assert record["whistle"]["resolvedAt"].endswith("+08:00")


def test_overdue_calls_escalate_automatically(served: Server, ago: Callable[[float], str]) -> None:
    """A whistle entered 40 minutes after it was blown is overdue: the background sweep escalates it by itself."""
    w = served.blow(time=ago(40))
    query = "query($w: ID!) { whistle(id: $w) { calls { bodyId tier reason status } timeline { type actor data } } }"
    deadline = time.monotonic() + 10
    while True:
        got = served.as_["viewer"].data(query, w=w["id"])["whistle"]
        if len(got["calls"]) > 3 or time.monotonic() > deadline:
            break
        time.sleep(SWEEP / 2)
    assert got["calls"][-1] == {"bodyId": "gov:110107", "tier": "escalation", "reason": "deadline", "status": "PENDING"}
    assert [c["status"] for c in got["calls"][:3]] == ["MISSED", "MISSED", "MISSED"]
    escalation = next(e for e in got["timeline"] if e["type"] == "ESCALATED")
    assert escalation["actor"] == "system"
    assert escalation["data"] == {
        "missed": sorted([STREET_TEAM, STATIONED, BUREAU]),
        "reason": "deadline",
        "to": "gov:110107",
    }


def test_late_report_and_back_dated_times(served: Server, ago: Callable[[float], str]) -> None:
    w = served.blow(time=ago(45))
    late = served.as_["admin"].data(REPORT, w=w["id"], body=BUREAU, time=ago(5))["reportIn"]
    assert next(c for c in late["calls"] if c["bodyId"] == BUREAU)["status"] == "LATE"
    naive = (datetime.now(BEIJING) - timedelta(hours=1)).replace(tzinfo=None, microsecond=0)
    blown = served.blow(time=naive.isoformat())["blownAt"]
    assert blown == naive.replace(tzinfo=BEIJING).isoformat(), "a time without an offset is Beijing time"
    [error] = served.as_["street"].errors(BLOW, place=BABAOSHAN, subject="占道经营", time=ago(-60))
    _argument_error(error, "time")
    assert "in the future" in error["message"]


def test_argument_errors_name_the_argument(served: Server) -> None:
    street = served.as_["street"]
    [error] = street.errors(BLOW, place=BABAOSHAN, subject="占道经营", source="HOTLINE_12345")
    _argument_error(error, "orderNumber")
    _argument_error(street.errors(BLOW, place="999999999", subject="占道经营")[0], "place")
    _argument_error(street.errors(BLOW, place=BABAOSHAN, subject="   ")[0], "subject")
    _argument_error(street.errors(RECORD, w="W999999")[0], "id")
    w = served.blow()
    _argument_error(street.errors(EVALUATE, w=w["id"], body=STATIONED, rating=101)[0], "rating")
    [own] = street.errors(EVALUATE, w=w["id"], body=STREET_TEAM, rating=90)
    _argument_error(own, "body")
    assert "not its own bodies" in own["message"]
    [not_called] = served.as_["admin"].errors(REPORT, w=w["id"], body="dd:110107:bj-gongan")
    _argument_error(not_called, "body")
    [bad_enum] = street.errors(RESOLVE, w=w["id"], outcome="DONE")
    assert "DONE" in bad_enum["message"] and "Outcome" in bad_enum["message"]


def test_whistles_list_filters_and_pages(served: Server, ago: Callable[[float], str]) -> None:
    first = served.blow(time=ago(300))
    second = served.blow(source="HOTLINE_12345", orderNumber="2026112300021", time=ago(200))
    police = served.blow(subject="yqgl-a4-6", place="110107001003", time=ago(100))  # 玉泉路西社区: the police
    laoshan = served.blow("admin", place="110107002", time=ago(50))
    served.as_["street"].data(RESOLVE, w=first["id"])
    viewer = served.as_["viewer"]

    def ids(**filters: object) -> list[str]:
        args = ", ".join(f"{k}: ${k}" for k in filters)
        decl = ", ".join(f"${k}: {_TYPES[k]}" for k in filters)
        query = f"query{f'({decl})' if decl else ''} {{ whistles{f'({args})' if args else ''} {{ edges {{ node {{ id }} }} }} }}"
        return [e["node"]["id"] for e in viewer.data(query, **filters)["whistles"]["edges"]]

    everything = [first["id"], second["id"], police["id"], laoshan["id"]]
    assert ids() == everything
    assert ids(street=BABAOSHAN) == everything[:3]
    assert ids(street="老山街道") == [laoshan["id"]]
    assert ids(body="dd:110107:bj-gongan") == [police["id"]]
    assert ids(status="RESOLVED") == [first["id"]] and ids(status="OPEN") == everything[1:]
    assert ids(source="HOTLINE_12345") == [second["id"]]
    assert ids(since=ago(250), until=ago(75)) == [second["id"], police["id"]]

    page = "query($after: String) { whistles(first: 3, after: $after) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }"
    one = viewer.data(page)["whistles"]
    assert [e["node"]["id"] for e in one["edges"]] == everything[:3] and one["totalCount"] == 4
    two = viewer.data(page, after=one["pageInfo"]["endCursor"])["whistles"]
    assert [e["node"]["id"] for e in two["edges"]] == everything[3:] and not two["pageInfo"]["hasNextPage"]

    _argument_error(viewer.errors('{ whistles(street: "110107") { totalCount } }')[0], "street")
    _argument_error(viewer.errors('{ whistles(body: "nobody") { totalCount } }')[0], "body")
    _argument_error(viewer.errors('{ whistles(after: "W000001") { totalCount } }')[0], "after")
    bad_period = viewer.errors(
        '{ whistles(since: "2026-11-02T00:00:00+08:00", until: "2026-11-01T00:00:00+08:00") { totalCount } }'
    )
    _argument_error(bad_period[0], "until")


_TYPES = {
    "street": "String",
    "body": "ID",
    "status": "WhistleStatus",
    "source": "WhistleSource",
    "since": "DateTime",
    "until": "DateTime",
}


def test_figures_assessment_and_hotline(served: Server, ago: Callable[[float], str]) -> None:
    """Two whistles at 八宝山: the figures count each call's standing; 12345 rates come from the hotline one."""
    a = served.blow(time=ago(40))  # every call overdue unless answered
    # Times claimed by those who may (docs/whistles.md): the street saw the stationed unit come, an admin enters one.
    served.as_["street"].data(REPORT, w=a["id"], body=STATIONED, time=ago(30))  # 10 min: on time
    served.as_["admin"].data(REPORT, w=a["id"], body=BUREAU, time=ago(2))  # 38 min: late
    b = served.blow(source="HOTLINE_12345", orderNumber="2026112300042", time=ago(20))
    served.as_["street"].data(REPORT, w=b["id"], body=STATIONED, time=ago(16))  # 4 min: on time
    for w, rating in ((a, 70), (b, 90)):
        served.as_["street"].data(EVALUATE, w=w["id"], body=STATIONED, rating=rating)
    served.as_["street"].data(RESOLVE, w=b["id"])
    served.as_["hotline"].data(CALLBACK, w=b["id"])

    figures = """query($since: DateTime) {
      bodyFigures(body: "dd:110107:bj-chengguanzhifa", since: $since) {
        called onTime late missed pending medianMinutesToReport whistles resolved }
      own: bodyFigures(body: "dd:110107:bj-chengguanzhifa", includeUnits: false) { called onTime late }
      streetFigures(street: "110107001") { called onTime late missed pending whistles resolved }
      hotlineFigures { orders responseRate resolutionRate satisfactionRate callbacks } }"""
    got = served.as_["viewer"].data(figures, since=ago(60))
    # The bureau and its stationed team: a: on time (10) + late (38); b: on time (4) + the bureau pending.
    assert got["bodyFigures"] == {
        "called": 4,
        "onTime": 2,
        "late": 1,
        "missed": 0,
        "pending": 1,
        "medianMinutesToReport": 10.0,
        "whistles": 2,
        "resolved": 1,
    }
    assert got["own"] == {"called": 2, "onTime": 0, "late": 1}
    # The street's own team never reported on a (overdue: missed) and is pending on b; the sweep adds gov:110107 to a.
    street = got["streetFigures"]
    assert (street["onTime"], street["late"], street["whistles"], street["resolved"]) == (2, 1, 2, 1)
    assert street["called"] == street["onTime"] + street["late"] + street["missed"] + street["pending"]
    assert got["hotlineFigures"] == {
        "orders": 1,
        "responseRate": 1.0,  # the one call past due or answered was answered on time
        "resolutionRate": 1.0,
        "satisfactionRate": 1.0,
        "callbacks": 1,
    }
    later = served.as_["viewer"].data(figures, since=ago(-1 / 60))["bodyFigures"]
    assert later["called"] == 0 and later["medianMinutesToReport"] is None

    own = served.as_["department"].data(SCORE, d=BUREAU)["assessmentScore"]
    assert own == {
        "department": BUREAU,
        "evaluations": 2,
        "streetScore": 80.0,
        "weight": 0.4,  # configured; never below 1/3
        "weighted": 32.0,
        "byStreet": None,  # 背靠背: not who gave what
    }
    full = served.as_["admin"].data(SCORE, d=BUREAU)["assessmentScore"]
    assert full["byStreet"] == [
        {"streetCode": BABAOSHAN, "evaluations": 2, "meanRating": 80.0, "street": {"name": "八宝山街道"}}
    ]


# -- authentication ---------------------------------------------------------------------------------


def test_tokens_unknown_malformed_and_anonymous(served: Server) -> None:
    url = f"{served.base}/graphql"
    query = {"query": "{ whistles { totalCount } }"}
    for header in ("Bearer wg_not-a-token", "Basic dXNlcjpwYXNz", "Bearer"):
        got = httpx.post(url, json=query, headers={"Authorization": header})
        assert got.status_code == 401 and got.headers["www-authenticate"] == "Bearer", header
        [error] = got.json()["errors"]
        assert error["extensions"] == {"code": "UNAUTHENTICATED"} and error["message"].startswith("unauthenticated: ")
    [anonymous] = served.as_["anonymous"].errors("{ whistles { totalCount } }")
    assert anonymous["extensions"] == {"code": "FORBIDDEN"} and "API token" in anonymous["message"]
    # The graph questions stay open to anyone.
    assert served.as_["anonymous"].data('{ area(code: "110107001") { name } }') == {"area": {"name": "八宝山街道"}}
    assert served.as_["viewer"].data("{ whistles { totalCount } }") == {"whistles": {"totalCount": 0}}
    health = httpx.get(f"{served.base}/health").json()
    assert health["whistles"]["subscriptions"] == 0 and health["whistles"]["ledger"].endswith("whistles.sqlite")


def test_an_app_without_a_ledger_answers_the_graph_only(embedded_domain: Domain) -> None:
    with serve(create_app(embedded_domain, graphiql=False)) as base:
        client = GraphQLClient(f"{base}/graphql")
        [error] = client.errors("{ whistles { totalCount } }")
        assert error["extensions"] == {"code": "UNAVAILABLE"} and "no whistle ledger" in error["message"]
        got = httpx.post(f"{base}/graphql", json={"query": "{ __typename }"}, headers={"Authorization": "Bearer x"})
        assert got.status_code == 401 and "keeps no API tokens" in got.text
        client.close()


# -- the role × operation matrix --------------------------------------------------------------------

ROLES = ("anonymous", "viewer", "street", "other_street", "department", "hotline", "admin")


def _allowed(*roles: str) -> dict[str, bool]:
    return {r: r in roles for r in ROLES}


# True where the role may; everything else must be refused with FORBIDDEN and write nothing.
MATRIX = {
    "blowWhistle": _allowed("street", "admin"),
    # The stationed unit answers to its street (primary line) and to the department that sent it.
    "reportIn(stationed unit)": _allowed("street", "department", "admin"),
    "reportIn(district bureau)": _allowed("department", "admin"),
    "reportIn(street's own team)": _allowed("street", "admin"),
    "resolve": _allowed("street", "admin"),
    "escalate": _allowed("street", "admin"),
    "evaluate": _allowed("street", "admin"),
    "recordCallback": _allowed("hotline", "admin"),
    "assessmentScore": _allowed("department", "admin"),
    "evaluations": _allowed("street", "admin"),
    "whistles": _allowed("viewer", "street", "other_street", "department", "hotline", "admin"),
}


@pytest.fixture(scope="module")
def matrix_server(tmp_path_factory: pytest.TempPathFactory, embedded_domain: Domain) -> Iterator[Server]:
    ledger = Ledger(tmp_path_factory.mktemp("matrix") / "whistles.sqlite")
    sv = Supervision(embedded_domain, ledger)
    tokens = issue_tokens(ledger, embedded_domain.store)
    with serve(create_app(embedded_domain, supervision=sv, graphiql=False)) as base:
        server = Server(base, sv, tokens)
        yield server
        server.close()
    ledger.close()


def _state(server: Server, whistle: str) -> tuple[int, list[tuple[int, str]]]:
    """What the ledger holds, read by an admin: how many whistles, and this one's record."""
    admin = server.as_["admin"]
    count = admin.data("{ whistles(first: 0) { totalCount } }")["whistles"]["totalCount"]
    record = admin.data(RECORD, w=whistle)["whistle"]["timeline"]
    return count, [(e["seq"], e["type"]) for e in record]


def _setup(server: Server, operation: str) -> str:
    """A fresh whistle, made ready for the operation by an admin."""
    admin = server.as_["admin"]
    if operation == "recordCallback":
        w = server.blow("admin", source="HOTLINE_12345", orderNumber="2026112300099")["id"]
        admin.data(RESOLVE, w=w)
        return w
    w = server.blow("admin")["id"]
    if operation == "evaluations":
        admin.data(EVALUATE, w=w, body=STATIONED, rating=75)
    return w


def _attempt(server: Server, operation: str, who: str, w: str) -> dict:
    """The operation as `who`: {"data": ...} or {"errors": [...]}."""
    query, variables = {
        "blowWhistle": (BLOW, {"place": BABAOSHAN, "subject": "占道经营"}),
        "reportIn(stationed unit)": (REPORT, {"w": w, "body": STATIONED}),
        "reportIn(district bureau)": (REPORT, {"w": w, "body": BUREAU}),
        "reportIn(street's own team)": (REPORT, {"w": w, "body": STREET_TEAM}),
        "resolve": (RESOLVE, {"w": w}),
        "escalate": (ESCALATE, {"w": w}),
        "evaluate": (EVALUATE, {"w": w, "body": STATIONED, "rating": 70}),
        "recordCallback": (CALLBACK, {"w": w}),
        "assessmentScore": (SCORE, {"d": BUREAU}),
        "evaluations": ("query($w: ID!) { whistle(id: $w) { evaluations { rating } } }", {"w": w}),
        "whistles": ("{ whistles(first: 1) { totalCount } }", {}),
    }[operation]
    try:
        return {"data": server.as_[who].data(query, **variables)}
    except TransportQueryError as e:
        return {"errors": e.errors}


@pytest.mark.parametrize("who", ROLES)
@pytest.mark.parametrize("operation", MATRIX)
def test_role_operation_matrix(matrix_server: Server, operation: str, who: str) -> None:
    w = _setup(matrix_server, operation)
    before = _state(matrix_server, w)
    result = _attempt(matrix_server, operation, who, w)
    after = _state(matrix_server, w)
    if not MATRIX[operation][who]:
        [error] = result["errors"]
        assert error["extensions"] == {"code": "FORBIDDEN"}, error
        assert error["message"].startswith("not allowed to "), error
        assert after == before, "a refused operation wrote nothing"
        return
    assert "errors" not in result, result
    data = result["data"]
    if operation.startswith(("blowWhistle", "reportIn", "resolve", "escalate", "evaluate", "recordCallback")):
        assert after != before, "an allowed mutation is in the ledger when it answers"
    if operation == "assessmentScore":
        assert (data["assessmentScore"]["byStreet"] is None) == (who != "admin"), "背靠背 for all but admins"
    if operation == "evaluations":
        assert data["whistle"]["evaluations"] == [{"rating": 75}]


def test_evaluations_are_withheld_in_the_timeline_too(matrix_server: Server) -> None:
    w = _setup(matrix_server, "evaluations")
    query = "query($w: ID!) { whistle(id: $w) { timeline { type actor data withheld } } }"
    for who, visible in (("department", False), ("other_street", False), ("viewer", False), ("admin", True)):
        [event] = [
            e for e in matrix_server.as_[who].data(query, w=w)["whistle"]["timeline"] if e["type"] == "EVALUATED"
        ]
        assert event["withheld"] is not visible and (event["data"] is not None) is visible, who
        if visible:
            assert event["data"] == {"body": STATIONED, "comment": "到场及时", "rating": 75}


# -- settings and vocabularies ----------------------------------------------------------------------


def test_server_settings_from_the_environment() -> None:
    default = settings({})
    assert (default.deadlines.minutes, default.street_weight, default.sweep_seconds) == (
        {"routine": 30, "urgent": 30, "emergency": 30},
        1 / 3,
        30.0,
    )
    custom = settings(
        {"WHISTLEGRAPH_DEADLINES": "routine=30,urgent=20,emergency=10", "WHISTLEGRAPH_STREET_WEIGHT": "2/5"}
        | {"WHISTLEGRAPH_SWEEP_SECONDS": "5"}
    )
    assert (custom.deadlines.minutes["emergency"], custom.street_weight, custom.sweep_seconds) == (10, 0.4, 5.0)
    assert (default.claims.back, default.claims.skew) == (timedelta(hours=24), timedelta(seconds=60))
    window = settings({"WHISTLEGRAPH_CLAIM_HOURS": "72", "WHISTLEGRAPH_CLOCK_SKEW_SECONDS": "5"}).claims
    assert (window.back, window.skew) == (timedelta(hours=72), timedelta(seconds=5))
    for env, named in (
        ({"WHISTLEGRAPH_STREET_WEIGHT": "0.25"}, "WHISTLEGRAPH_STREET_WEIGHT='0.25': street assessment weight"),
        ({"WHISTLEGRAPH_STREET_WEIGHT": "a third"}, "WHISTLEGRAPH_STREET_WEIGHT='a third'"),
        ({"WHISTLEGRAPH_DEADLINES": "soon=5"}, "WHISTLEGRAPH_DEADLINES: deadline setting 'soon=5'"),
        ({"WHISTLEGRAPH_SWEEP_SECONDS": "0"}, "WHISTLEGRAPH_SWEEP_SECONDS='0': want a positive"),
        ({"WHISTLEGRAPH_CLAIM_HOURS": "-1"}, "WHISTLEGRAPH_CLAIM_HOURS='-1': want a positive"),
        ({"WHISTLEGRAPH_CLOCK_SKEW_SECONDS": "soon"}, "WHISTLEGRAPH_CLOCK_SKEW_SECONDS='soon': want a positive"),
    ):
        with pytest.raises(ValueError) as caught:
            settings(env)
        assert str(caught.value).startswith(named), caught.value
