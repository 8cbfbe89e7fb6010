"""Lookups, filtered listings, cursor pagination and graph navigation over real HTTP, on the bundled Beijing data."""

from __future__ import annotations

import base64
import csv
from collections.abc import Iterator
from pathlib import Path

import pytest

from api.app import create_app
from graph.domain import Domain
from graph.embedded import EmbeddedStore
from tests.http_server import GraphQLClient, graphql_client

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture(scope="module")
def api(embedded_domain: Domain) -> Iterator[GraphQLClient]:
    with graphql_client(create_app(embedded_domain)) as client:
        yield client


def _csv(name: str) -> list[dict[str, str]]:
    with open(DATA / "divisions" / name, encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _stored_provenance(store: EmbeddedStore, node_id: str) -> dict[str, str]:
    [node] = store.get_nodes([node_id])
    assert node is not None
    return {"kind": str(node.props["provenance"]).upper(), "source": node.props["source"]}  # enum name of the kind


def test_area_by_code_with_parent_children_and_governing_bodies(
    api: GraphQLClient, embedded_store: EmbeddedStore
) -> None:
    area = api.data(
        """{ area(code: "110101001") {
            id code name level kind provenance { kind source }
            parent { code name level }
            children(first: 3) { totalCount edges { node { code name } } }
            bodies { id name kind }
        } }"""
    )["area"]
    assert (area["code"], area["name"], area["level"], area["kind"]) == ("110101001", "东华门街道", "STREET", "STREET")
    assert area["provenance"] == _stored_provenance(embedded_store, "110101001")
    assert area["provenance"]["kind"] == "OFFICIAL"
    assert area["parent"] == {"code": "110101", "name": "东城区", "level": "DISTRICT"}
    communities = [r for r in _csv("beijing_communities.csv") if r["street_code"] == "110101001"]
    assert area["children"]["totalCount"] == len(communities)
    assert [e["node"]["code"] for e in area["children"]["edges"]] == sorted(r["code"] for r in communities)[:3]
    bodies = {b["id"]: (b["name"], b["kind"]) for b in area["bodies"]}
    assert bodies["st:110101001"] == ("东华门街道办事处", "street_office")
    assert bodies["party:110101001"] == ("东华门街道党工委", "street_party_committee")


def test_areas_filtered_by_parent_level_and_name(api: GraphQLClient) -> None:
    streets = [r for r in _csv("beijing_streets.csv") if r["district_code"] == "110101"]
    got = api.data('{ areas(parent: "110101", level: STREET, first: 100) { totalCount edges { node { code } } } }')
    assert got["areas"]["totalCount"] == len(streets) == 17
    assert [e["node"]["code"] for e in got["areas"]["edges"]] == sorted(r["code"] for r in streets)
    named = api.data('{ areas(nameContains: "东华门", level: STREET) { edges { node { code name } } } }')
    assert [e["node"] for e in named["areas"]["edges"]] == [{"code": "110101001", "name": "东华门街道"}]
    towns = api.data('{ areas(kind: TOWN, parent: "110111", first: 1) { totalCount } }')
    assert towns["areas"]["totalCount"] == sum(
        1 for r in _csv("beijing_streets.csv") if r["district_code"] == "110111" and r["kind"] == "town"
    )


def test_cursor_walk_visits_every_district_once(api: GraphQLClient) -> None:
    query = """query Page($after: String) {
        areas(level: DISTRICT, first: 5, after: $after) {
            totalCount edges { cursor node { code } } pageInfo { hasNextPage endCursor }
        } }"""
    seen: list[str] = []
    after = None
    pages = 0
    while True:
        page = api.data(query, after=after)["areas"] if after else api.data(query)["areas"]
        pages += 1
        assert page["totalCount"] == 16
        seen += [e["node"]["code"] for e in page["edges"]]
        assert page["pageInfo"]["endCursor"] == page["edges"][-1]["cursor"]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert pages == 4
    assert seen == sorted(r["code"] for r in _csv("beijing_districts.csv"))
    # Cursors are opaque: base64, not the bare code.
    assert after is not None and "110" not in after
    assert base64.urlsafe_b64decode(after).decode().endswith(seen[14])


def test_bodies_governing_an_area_and_by_kind(api: GraphQLClient) -> None:
    got = api.data('{ bodies(area: "110101001") { totalCount edges { node { id } } } }')["bodies"]
    assert got["totalCount"] == 3
    assert [e["node"]["id"] for e in got["edges"]] == ["enf:110101001", "party:110101001", "st:110101001"]
    police = api.data(
        '{ bodies(kind: MUNICIPAL_DEPARTMENT, level: CITY, nameContains: "公安") { edges { node { id name } } } }'
    )
    assert [e["node"] for e in police["bodies"]["edges"]] == [{"id": "bj-gongan", "name": "北京市公安局"}]


def test_body_navigation_kinds_governs_reporting_and_subordinates(api: GraphQLClient) -> None:
    body = api.data(
        """{ body(id: "st:110101001") { __typename id name kind reportsTo { line primary body { id name } }
            ... on Body { level kinds { id } governs { code }
                subordinates(first: 50) { totalCount edges { node { line primary body { id } } } } } } }"""
    )["body"]
    assert body["__typename"] == "Body"
    assert (body["name"], body["kind"], body["level"]) == ("东华门街道办事处", "street_office", "STREET")
    assert {k["id"] for k in body["kinds"]} >= {"street_office"}
    assert body["governs"] == [{"code": "110101001"}]
    assert {
        "line": "ADMINISTRATIVE",
        "primary": True,
        "body": {"id": "gov:110101", "name": "北京市东城区人民政府"},
    } in (body["reportsTo"])
    below = {(e["node"]["body"]["id"], e["node"]["line"]) for e in body["subordinates"]["edges"]}
    assert ("enf:110101001", "ADMINISTRATIVE") in below
    assert body["subordinates"]["totalCount"] == len(below)


def test_sunk_team_answers_to_two_lines(api: GraphQLClient) -> None:
    team = api.data(
        """{ body(id: "team:sjs-street-centres:110107001:公安") { __typename name kind reportsTo { line primary body { id } }
            ... on SunkTeam { form sentBy { id name } stationedIn { code name } } } }"""
    )["body"]
    assert team["__typename"] == "SunkTeam"
    assert team["name"] == "八宝山街道综合执法指挥中心·公安（常驻）"
    assert team["form"] == "STATIONED_UNIT"
    assert team["sentBy"] == [{"id": "dd:110107:bj-gongan", "name": "北京市公安局石景山分局"}]
    assert team["stationedIn"] == [{"code": "110107001", "name": "八宝山街道"}]
    lines = {(r["line"], r["primary"], r["body"]["id"]) for r in team["reportsTo"]}
    assert lines == {("ADMINISTRATIVE", True, "st:110107001"), ("PROFESSIONAL", False, "dd:110107:bj-gongan")}
    sent = api.data('{ body(id: "dd:110107:bj-gongan") { ... on Body { sunkTeams { id } } } }')["body"]["sunkTeams"]
    assert {"id": "team:sjs-street-centres:110107001:公安"} in sent


def test_body_responsibilities_match_the_duty_listing(api: GraphQLClient) -> None:
    query = """query Page($after: String) { body(id: "st:110101001") { ... on Body {
            lead: responsibilities(role: LEAD, first: 100, after: $after) {
                edges { node { role holderKind { id } duty { id } } } pageInfo { hasNextPage endCursor } }
        } }
        duties(holderKind: "street_office", role: LEAD) { totalCount } }"""
    street_office: list[dict] = []
    after = None
    while True:  # more than one page since the extracted duties joined the hand-read ones
        got = api.data(query, after=after) if after else api.data(query)
        lead = got["body"]["lead"]
        street_office += [e["node"] for e in lead["edges"] if e["node"]["holderKind"]["id"] == "street_office"]
        if not lead["pageInfo"]["hasNextPage"]:
            break
        after = lead["pageInfo"]["endCursor"]
    assert len(street_office) == got["duties"]["totalCount"]
    assert {"role": "LEAD", "holderKind": {"id": "street_office"}, "duty": {"id": "sro2019-a5-1"}} in street_office
    assert all(n["role"] == "LEAD" for n in street_office)


def test_duty_with_its_clause_holders_and_bodies(api: GraphQLClient, embedded_store: EmbeddedStore) -> None:
    duty = api.data(
        """{ duty(id: "sro2019-a5-1") { id label regulation article clause role holderKind quote citation
            provenance { kind source }
            holders { role levels holderKind { id name bodies(first: 2) { totalCount edges { node { kind } } } } } } }"""
    )["duty"]
    assert (duty["regulation"], duty["article"], duty["clause"]) == ("北京市街道办事处条例", "第五条", "第一款")
    assert "街乡吹哨、部门报到" in duty["quote"]
    assert duty["citation"] == "《北京市街道办事处条例》第五条第一款"
    assert duty["provenance"] == _stored_provenance(embedded_store, "sro2019-a5-1")
    assert duty["provenance"]["kind"] == "OFFICIAL"
    [holder] = duty["holders"]
    assert (holder["role"], holder["levels"], holder["holderKind"]["id"]) == ("LEAD", ["STREET"], "street_office")
    assert holder["holderKind"]["bodies"]["totalCount"] > 150  # one street office per street, city-wide


def test_delegated_power_names_the_2020_decision(api: GraphQLClient) -> None:
    duty = api.data(
        '{ duty(id: "srhj2021-a10-1") { delegatedTo { holderKind { id } validFrom provenance { rule evidence } } } }'
    )["duty"]
    assert {d["holderKind"]["id"] for d in duty["delegatedTo"]} == {"street_office", "township_government"}
    assert all(d["validFrom"] == "2020-07-01" for d in duty["delegatedTo"])
    assert all(d["provenance"]["rule"] == "delegation-2020" for d in duty["delegatedTo"])
    assert "京政发〔2020〕9号" in duty["delegatedTo"][0]["provenance"]["evidence"]


def test_duties_filtered_by_regulation_subject_and_text(api: GraphQLClient) -> None:
    got = api.data(
        """{ dogs: duties(regulation: "北京市养犬管理规定", role: ENFORCE, first: 100) {
                totalCount edges { node { id regulation role holderKind } } }
            text: duties(text: "吹哨", first: 100) { edges { node { id text } } }
            whistle: duties(whistleSubject: "综合执法", domain: "综合执法", first: 1) { totalCount } }"""
    )
    dogs = [e["node"] for e in got["dogs"]["edges"]]
    assert got["dogs"]["totalCount"] == len(dogs) > 0
    assert all(d["regulation"] == "北京市养犬管理规定" and d["role"] == "ENFORCE" for d in dogs)
    assert "yqgl-a26-1" in {d["id"] for d in dogs}
    assert all("吹哨" in e["node"]["text"] for e in got["text"]["edges"])
    assert "sro2019-a5-1" in {e["node"]["id"] for e in got["text"]["edges"]}
    assert got["whistle"]["totalCount"] >= 1


def test_node_interface_and_properties(api: GraphQLClient) -> None:
    got = api.data(
        """{ a: node(id: "110101") { __typename label name ... on Area { level } }
            b: node(id: "bj-gongan") { __typename properties { key value } }
            none: node(id: "no-such-node") { id } }"""
    )
    assert got["a"] == {"__typename": "Area", "label": "AREA", "name": "东城区", "level": "DISTRICT"}
    props = {p["key"]: p["value"] for p in got["b"]["properties"]}
    assert props["short_name"] == "市公安局"
    assert props["provenance"] == "official"
    assert got["none"] is None
