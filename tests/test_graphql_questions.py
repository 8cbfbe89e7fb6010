"""The three questions and search over real HTTP, on the bundled Beijing data, with their reasons."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from api.app import EXAMPLE_QUERY, create_app
from graph.domain import Domain
from graph.questions import FOUND_BY_CASE
from tests.http_server import GraphQLClient, graphql_client

REF = "id name kind provenance { kind source rule }"
PATH = "path { text hops { source { id } type target { id } detail } }"


@pytest.fixture(scope="module")
def api(embedded_domain: Domain) -> Iterator[GraphQLClient]:
    with graphql_client(create_app(embedded_domain)) as client:
        yield client


def test_responders_to_a_dog_whistle_put_the_stationed_police_first(api: GraphQLClient) -> None:
    got = api.data(
        f"""query($w: WhistleInput!) {{ responders(whistle: $w) {{
            whistle {{ place subject urgency asOf }}
            place {{ {REF} }}
            subject {{ how duties {{ duty {{ id regulation }} how score }} }}
            responders {{ rank tier body {{ {REF} node {{ __typename }} }} role why notifyNow
                reasons {{ duty {{ id regulation article citation quote penalty }} role holderKind score delegated {PATH} }}
                {PATH} }}
        }} }}""",
        w={"place": "110107001", "subject": "养犬", "urgency": "URGENT", "asOf": "2024-06-01"},
    )["responders"]
    assert got["whistle"] == {"place": "110107001", "subject": "养犬", "urgency": "URGENT", "asOf": "2024-06-01"}
    assert got["place"]["name"] == "八宝山街道"
    assert got["subject"]["how"] == "text"
    assert any(m["duty"]["regulation"] == "北京市养犬管理规定" for m in got["subject"]["duties"])
    responders = got["responders"]
    assert [r["rank"] for r in responders] == list(range(1, len(responders) + 1))
    by_id = {r["body"]["id"]: r for r in responders}
    team = by_id["team:sjs-street-centres:110107001:公安"]
    assert team["tier"] == "ON_GROUND"
    assert team["body"]["node"] == {"__typename": "SunkTeam"}
    assert team["body"]["provenance"]["kind"] == "REPORTED"
    assert by_id["dd:110107:bj-gongan"]["tier"] != "ON_GROUND"
    assert by_id["dd:110107:bj-gongan"]["body"]["name"] == "北京市公安局石景山分局"
    # the street team acting only by the unverified 2020 delegation follows the district body the law names
    # (a kind the law names and the graph holds no body of follows the bodies of its band, whatever their tier: rule
    # `named-kind-without-body`; the utility the case identifies keeps its tier's place); a body acting only on duties
    # one before it acts on (the district police behind its stationed team) follows the distinct powers (`once-per-power`)
    tiers: list[str] = []
    seen: list[set[str]] = []
    for r in responders:
        acting = {x["duty"]["id"] for x in r["reasons"] if x["role"] in ("ENFORCE", "LEAD", "RESPOND")}
        repeat = r["tier"] != "ESCALATION" and acting and any(acting <= held for held in seen)
        seen.append(acting)
        if repeat or all(x["delegated"] for x in r["reasons"] or [{"delegated": False}]):
            continue
        if not (r["tier"] == "BY_CASE" and r["body"]["id"] not in FOUND_BY_CASE):
            tiers.append(r["tier"])
    assert tiers == sorted(tiers, key=["ON_GROUND", "BY_CASE", "DISTRICT", "ESCALATION"].index), (
        "on-the-ground units come first"
    )
    assert responders.index(by_id["dd:110107:bj-gongan"]) > responders.index(team), "the district police repeat it"
    reasons = team["reasons"]
    assert reasons and all(r["duty"]["citation"].startswith("《") for r in reasons)
    assert any(r["duty"]["regulation"] == "北京市养犬管理规定" and r["duty"]["quote"] for r in reasons)
    assert all(r["path"]["text"] and r["path"]["hops"] for r in reasons)


def test_free_text_matching_no_duty_is_an_answer(api: GraphQLClient) -> None:
    """Confidence `none` is an answer: no duty is cited, the escalation chain is still named."""
    got = api.data(
        '{ responders(whistle: {place: "110107001", subject: "zzzz"}) '
        "{ subject { how duties { duty { id } } } responders { role body { id } } } }"
    )["responders"]
    assert got["subject"] == {"how": "text", "duties": []}
    roles = [(r["role"], r["body"]["id"]) for r in got["responders"]]
    assert roles[0] == ("COORDINATE", "st:110107001"), "the street office takes what no duty governs"
    assert roles[1:] and all(role == "ESCALATION" for role, _ in roles[1:])


def test_weak_matches_say_which_law_the_wording_resembled(api: GraphQLClient) -> None:
    """Rule `law-prior` over HTTP: a complaint matched only weakly says which law its wording resembled, and a note
    says that this ordered the weak matches; a sure match resembles nothing."""
    query = (
        'query($s: String!) { responders(whistle: {place: "110105004", subject: $s}) '
        "{ subject { confidence resembles } notes } }"
    )
    weak = api.data(query, s="景区门口有人拉游客上大巴一日游，车上没营运标志")["responders"]
    assert weak["subject"]["confidence"] == "WEAK"
    assert weak["subject"]["resembles"].startswith("北京市道路运输条例 (")
    assert any("law-prior" in note for note in weak["notes"])
    sure = api.data(query, s="小区里有人遛狗不拴绳")["responders"]
    assert sure["subject"] == {"confidence": "STRONG", "resembles": ""}
    assert not any("law-prior" in note for note in sure["notes"])


def test_what_a_complaint_rules_out_is_served_with_a_note(api: GraphQLClient) -> None:
    """Rule `ruled-out` over HTTP: "不是X，是Y" serves X as ruled out, with a note; a plain complaint rules nothing out."""
    query = (
        'query($s: String!) { responders(whistle: {place: "110105017", subject: $s}) { subject { ruledOut } notes } }'
    )
    denied = api.data(query, s="不是噪音扰民，是楼道里堆满了纸箱子")["responders"]
    assert denied["subject"]["ruledOut"] == ["不是噪音扰民"]
    assert any("ruled-out" in note for note in denied["notes"])
    plain = api.data(query, s="噪音扰民，楼道里堆满了纸箱子")["responders"]
    assert plain["subject"]["ruledOut"] == [] and not any("ruled-out" in note for note in plain["notes"])


def test_a_doubted_law_is_served(api: GraphQLClient) -> None:
    """Rule `unlike-its-law` over HTTP: the park regulation's sure match for a hutong's fruit stall is served as
    doubted, with a note; a dog off its lead doubts nothing."""
    query = 'query($s: String!) { responders(whistle: {place: "110105004", subject: $s}) { subject { unlike } notes } }'
    stall = api.data(query, s="胡同口天天有人摆摊卖西瓜，三轮车停了一大片")["responders"]
    assert stall["subject"]["unlike"] == ["北京市公园条例"]
    assert any("unlike-its-law" in note for note in stall["notes"])
    assert api.data(query, s="小区里有人遛狗不拴绳")["responders"]["subject"]["unlike"] == []


def test_a_private_claim_is_served_as_doubted(api: GraphQLClient) -> None:
    """Rule `like-ungoverned` over HTTP: a guard's unpaid wages, tied surely to the property regulation by its words,
    is served unsure with the resemblance that doubted it and a note; a dog off its lead stays sure."""
    query = (
        'query($s: String!) { responders(whistle: {place: "110105004", subject: $s}) '
        "{ subject { confidence ungoverned } notes coordinator { body { name } } } }"
    )
    wages = api.data(query, s="我在小区当保安，物业公司拖欠了我两个月工资，经理说业主不交物业费所以发不出来")
    answer = wages["responders"]
    assert answer["subject"]["confidence"] == "WEAK" and answer["subject"]["ungoverned"] >= 0.5
    assert any("like-ungoverned" in note for note in answer["notes"]) and answer["coordinator"]["body"]["name"]
    dog = api.data(query, s="小区里有人遛狗不拴绳")["responders"]["subject"]
    assert dog == {"confidence": "STRONG", "ungoverned": 0.0}


def test_a_utility_the_case_identifies_comes_back_as_its_holder_kind(api: GraphQLClient) -> None:
    """Rule `found-by-case` over HTTP: the responder's `body` is the HolderKind node (typed as such), tier BY_CASE,
    not notified, with the clause that makes the utility act."""
    got = api.data(
        '{ responders(whistle: {place: "110107001", subject: "暖气不热，屋里才15度"}) '
        "{ responders { tier role notifyNow why body { id label node { __typename } } reasons { duty { id } } } } }"
    )["responders"]["responders"]
    utility = next(r for r in got if r["tier"] == "BY_CASE")
    assert utility["body"] == {
        "id": "public_service_enterprise",
        "label": "HOLDER_KIND",
        "node": {"__typename": "HolderKind"},
    }
    assert utility["notifyNow"] is False and "the graph names no body" in utility["why"]
    assert "wygl2024-a87-2" in {x["duty"]["id"] for x in utility["reasons"]}


def test_a_department_the_law_names_without_a_body_in_the_graph_is_still_named(api: GraphQLClient) -> None:
    """Rule `named-kind-without-body`: 控制吸烟条例 第二十六条 makes 烟草专卖 and 市场监督管理 punish selling cigarettes
    near a school; the graph holds a market-regulation bureau but no tobacco-monopoly body, and the answer names both
    among the first three, the tobacco authority as its holder kind, not notified, with the clause."""
    got = api.data(
        '{ responders(whistle: {place: "110113010", subject: "小学正门对面新开的烟酒店，放学时学生进去买烟"}) '
        "{ responders { tier role notifyNow why body { id label } reasons { duty { id } } } } }"
    )["responders"]["responders"]
    first = [r["body"]["id"] for r in got[:3]]
    assert "dept:烟草专卖" in first and "dd:110113:bj-shichangjianguan" in first, first
    tobacco = next(r for r in got if r["body"]["id"] == "dept:烟草专卖")
    assert (tobacco["tier"], tobacco["role"], tobacco["body"]["label"]) == ("BY_CASE", "ENFORCE", "HOLDER_KIND")
    assert tobacco["notifyNow"] is False and "the graph holds no body of this kind" in tobacco["why"]
    assert "第二十六条" in tobacco["why"] and tobacco["reasons"]


@pytest.mark.parametrize(
    ("place", "subject"),
    [
        ("110111011008", "去年刚交的新房，一下雨卧室墙角就往里渗水，墙皮都鼓了。找开发商报修，说过了保修期"),
        ("110111012", "我反映的事情转到街道了，街道又说这是区里部门的事，然后就没下文了，俩月了，也没人给我回话"),
    ],
)
def test_a_generic_kind_without_a_body_is_no_responder(api: GraphQLClient, place: str, subject: str) -> None:
    """行业主管部门, 有关部门 name no one: the clauses these complaints match give them acting roles, and the graph
    holds no body of them, yet the answer names no responder for them (only a named department or institution
    answers by its kind, rule `named-kind-without-body`)."""
    got = api.data(
        "query($w: WhistleInput!) { responders(whistle: $w) { responders { body { id } } } }",
        w={"place": place, "subject": subject},
    )["responders"]["responders"]
    assert not {r["body"]["id"] for r in got} & {"relevant_departments", "sector_authority", "superior_authority"}


def test_responsible_names_the_district_police_for_dogs_with_citations(api: GraphQLClient) -> None:
    got = api.data(
        f"""{{ responsible(place: "110107001", subject: "养犬", asOf: "2024-06-01") {{
            place {{ id name }} asOf subject {{ how }}
            assignments {{ role level holderKind holderKindName resolution delegated score
                duty {{ id citation node {{ provenance {{ kind }} }} }} body {{ {REF} }} {PATH} }}
            notes }} }}"""
    )["responsible"]
    assert got["place"] == {"id": "110107001", "name": "八宝山街道"}
    assert got["asOf"] == "2024-06-01"
    police = [a for a in got["assignments"] if a["body"] and a["body"]["id"] == "dd:110107:bj-gongan"]
    assert police, "the Shijingshan police sub-bureau holds the dog-management duties in 八宝山"
    assert all(a["duty"]["citation"].startswith("《北京市养犬管理规定》") for a in police)
    assert all(a["duty"]["node"]["provenance"]["kind"] == "OFFICIAL" for a in police)
    assert all("OF_KIND" in a["path"]["text"] for a in police)


def test_reporting_chain_of_a_sunk_team_follows_both_lines_to_the_city(api: GraphQLClient) -> None:
    got = api.data(
        """{ reportingChain(body: "team:sjs-street-centres:110107001:公安") {
            body { id } chains { line top { id name }
                steps { body { id } parent { id } line primary fallback provenance { kind rule } } } } }"""
    )["reportingChain"]
    chains = {c["line"]: c for c in got["chains"]}
    admin = [s["parent"]["id"] for s in chains["ADMINISTRATIVE"]["steps"]]
    assert admin == ["st:110107001", "gov:110107", "gov:110000"]
    professional = [s["parent"]["id"] for s in chains["PROFESSIONAL"]["steps"]]
    assert professional[:2] == ["dd:110107:bj-gongan", "bj-gongan"]
    assert chains["PROFESSIONAL"]["top"] == {"id": "gov:110000", "name": "北京市人民政府"}
    assert all(s["provenance"]["kind"] for c in got["chains"] for s in c["steps"])
    only = api.data('{ reportingChain(body: "st:110101001", line: ADMINISTRATIVE) { chains { line top { id } } } }')
    assert only["reportingChain"]["chains"] == [{"line": "ADMINISTRATIVE", "top": {"id": "gov:110000"}}]


def test_subordinates_of_a_district_government(api: GraphQLClient) -> None:
    one = api.data(
        '{ subordinates(body: "gov:110107", depth: 1) { subordinates { body { id } parent { id } line depth } } }'
    )
    below = one["subordinates"]["subordinates"]
    ids = {s["body"]["id"] for s in below}
    assert {"st:110107001", "dd:110107:bj-gongan"} <= ids
    assert all(s["depth"] == 1 and s["parent"]["id"] == "gov:110107" for s in below)
    two = api.data('{ subordinates(body: "gov:110107", depth: 2) { subordinates { body { id } depth } } }')
    two = two["subordinates"]["subordinates"]
    deeper = {s["body"]["id"] for s in two if s["depth"] == 2}
    assert "team:sjs-street-centres:110107001:公安" in deeper


def test_assessments_the_street_scores_its_sunk_forces(api: GraphQLClient) -> None:
    got = api.data(
        """{ assessments(body: "team:sjs-street-centres:110107001:公安") {
            assesses { assessed { id } }
            assessedBy { assessor { id name } assessed { id } basis path { text } } } }"""
    )["assessments"]
    street = [a for a in got["assessedBy"] if a["assessor"]["id"] == "st:110107001"]
    assert street, "the street office assesses the forces stationed in it"
    assert "《北京市街道办事处条例》" in street[0]["basis"]
    assert "STATIONED_IN" in street[0]["path"]["text"]


def test_search_ranks_the_area_first_and_returns_typed_nodes(api: GraphQLClient) -> None:
    hits = api.data('{ search(text: "东华门", first: 4) { score node { __typename id name ... on Area { code } } } }')[
        "search"
    ]
    assert len(hits) == 4
    assert hits[0]["node"] == {"__typename": "Area", "id": "110101001", "name": "东华门街道", "code": "110101001"}
    assert all("东华门" in h["node"]["name"] for h in hits)
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)
    duties = api.data('{ search(text: "犬只", first: 5) { node { __typename ... on Duty { regulation } } } }')
    assert any(h["node"].get("regulation") == "北京市养犬管理规定" for h in duties["search"])


def test_the_graphiql_example_query_works(api: GraphQLClient) -> None:
    got = api.data(EXAMPLE_QUERY)["responders"]
    assert got["place"]["name"] == "八宝山街道"
    assert got["responders"][0]["tier"] == "ON_GROUND"
