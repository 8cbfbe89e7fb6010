"""Structure answers a planner can trust, over real HTTP: a sunk unit appears under both its superiors with the
line of each, and a walk on a line that ends says so in the answer's notes instead of returning a bare empty list."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from api.app import create_app
from graph.domain import Domain
from tests.http_server import GraphQLClient, graphql_client

STATIONED = "team:sjs-street-centres:110107001:公安"  # 八宝山街道综合执法指挥中心·公安（常驻）


@pytest.fixture(scope="module")
def api(embedded_domain: Domain) -> Iterator[GraphQLClient]:
    with graphql_client(create_app(embedded_domain, graphiql=False)) as client:
        yield client


def test_a_stationed_unit_is_listed_under_the_street_and_under_its_department(api: GraphQLClient) -> None:
    got = api.data(
        """{ subordinates(body: "gov:110107", depth: 2) {
             subordinates { body { id } parent { id } line primary depth } notes } }"""
    )["subordinates"]
    under = {(s["parent"]["id"], s["line"], s["primary"]) for s in got["subordinates"] if s["body"]["id"] == STATIONED}
    assert under == {("st:110107001", "ADMINISTRATIVE", True), ("dd:110107:bj-gongan", "PROFESSIONAL", False)}
    assert got["notes"] == []


def test_subordinates_on_a_line_that_does_not_run_below_a_district_government_say_why(api: GraphQLClient) -> None:
    got = api.data(
        '{ subordinates(body: "gov:110107", line: PROFESSIONAL) { body { name } subordinates { body { id } } notes } }'
    )["subordinates"]
    assert got["subordinates"] == []
    assert got["notes"] == [
        "no one reports to 北京市石景山区人民政府 on the professional line; 38 report to it on the administrative line"
    ]


def test_a_street_party_committee_chain_says_where_the_data_stops(api: GraphQLClient) -> None:
    got = api.data('{ reportingChain(body: "party:110107001") { chains { line } notes } }')["reportingChain"]
    assert got["chains"] == []
    assert got["notes"] == [
        "八宝山街道党工委 reports to no one: Party bodies above the street (the district Party committee) are not in the data"
    ]
    street = api.data('{ reportingChain(body: "st:110107001") { chains { line top { id } } notes } }')
    tops = {c["line"]: c["top"]["id"] for c in street["reportingChain"]["chains"]}
    assert tops == {"ADMINISTRATIVE": "gov:110000", "PARTY": "party:110107001"}
    assert street["reportingChain"]["notes"] == [
        "the party line ends at 八宝山街道党工委: Party bodies above the street (the district Party committee) are not in the data"
    ]


def test_a_professional_chain_that_switches_to_the_primary_line_says_so(api: GraphQLClient) -> None:
    got = api.data(
        f'{{ reportingChain(body: "{STATIONED}", line: PROFESSIONAL) {{ chains {{ top {{ id }} }} notes }} }}'
    )
    assert got["reportingChain"]["chains"] == [{"top": {"id": "gov:110000"}}]
    assert got["reportingChain"]["notes"] == [
        "the professional line ends at 北京市公安局; its primary administrative line is followed"
    ]
