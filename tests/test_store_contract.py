"""The GraphStore contract on the bundled Beijing graph, for every store kind.

Each test takes `store` (embedded, and Bolt: ArcadeDB or the Neo4j at NEO4J_URI) and
compares its answer with the embedded store's, which defines the contract; the cases are
real places and bodies chosen so that every branch of each context has something to fetch.
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
from graph.model import Batch
from graph.store import GraphStore, NodeQuery
from graph.vocabulary import EdgeType, Label

SUNK_TEAM_ID = "team:sjs-street-centres:110107001:公安"  # stationed in 八宝山街道, 石景山区
FANGSHAN_TEAM_ID = "team:fs-command-centre:区环保局"  # a seat in 房山区's command centre

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
    "street and delegated duties": ["sro2019-a3-1", "sro2019-a4-1", "srhj2021-a10-1", "srhj2021-a23-3"],
    "unknown ids and a non-duty": ["no-such-duty", "110000", "sro2019-a3-1", "sro2019-a3-1"],
}

QUERIES = [
    NodeQuery(Label.AREA, limit=25),
    NodeQuery(Label.AREA, props=(("level", "street"),), limit=50),
    NodeQuery(Label.AREA, props=(("level", "community"),), name_contains="社区", after="110105", limit=10),
    NodeQuery(Label.AREA, props=(("no_such_property", ""),), limit=3),  # absent compares as ''
    NodeQuery(Label.AREA, via=(EdgeType.PART_OF, "out", "110111")),
    NodeQuery(Label.AREA, via=(EdgeType.PART_OF, "in", "110111001")),
    NodeQuery(Label.AREA, limit=0),
    NodeQuery(Label.BODY, props=(("current", "True"),)),  # a bool property never equals text
    NodeQuery(Label.BODY, props=(("kind", "municipal_department"),), name_contains="局", limit=8),
    NodeQuery(Label.BODY, props=(("level", "district"),), via=(EdgeType.REPORTS_TO, "out", "gov:110000")),
    NodeQuery(Label.BODY, via=(EdgeType.REPORTS_TO, "in", "cc:110111")),
    NodeQuery(Label.BODY, via=(EdgeType.GOVERNS, "out", "110107001")),
    NodeQuery(Label.BODY, via=(EdgeType.SENT_BY, "in", FANGSHAN_TEAM_ID)),
    NodeQuery(Label.SUNK_TEAM, via=(EdgeType.STATIONED_IN, "out", "110107001"), limit=4),
    NodeQuery(Label.SUNK_TEAM, props=(("headcount", "160"),)),  # nor does a number
    NodeQuery(Label.DUTY, props=(("whistle_subject", "应急处置"),), limit=30),
    NodeQuery(Label.DUTY, via=(EdgeType.DELEGATED_TO, "out", "street_office")),
    NodeQuery(Label.HOLDER_KIND, via=(EdgeType.RESPONSIBLE_FOR, "out", "sro2019-a3-1")),
    NodeQuery(Label.HOLDER_KIND, name_contains="人民政府"),
    NodeQuery("NoSuchLabel"),
    NodeQuery(Label.AREA, via=(EdgeType.GOVERNS, "out", "gov:110101")),  # a pairing the model does not allow
    NodeQuery(Label.AREA, via=("NO_SUCH_TYPE", "in", "110000")),
]


def _pages(store: GraphStore, query: NodeQuery, max_pages: int = 6) -> list[tuple[list[str], bool]]:
    """Walk a listing page by page (keyset pagination on id)."""
    pages, after = [], query.after
    for _ in range(max_pages):
        page = store.find_nodes(NodeQuery(query.label, query.props, query.via, query.name_contains, after, query.limit))
        pages.append((page.nodes, page.has_next))
        if not page.has_next or not page.nodes:
            break
        after = page.nodes[-1].id
    return pages


def test_counts(store: GraphStore, embedded_store: EmbeddedStore, bundled_batch: Batch) -> None:
    expected = Counter({n.id: n.label for n in bundled_batch.nodes}.values())
    expected.update(e.type for e in {e.ident: e for e in bundled_batch.edges}.values())
    assert store.counts() == embedded_store.counts() == dict(sorted(expected.items()))


def test_get_nodes(store: GraphStore, embedded_store: EmbeddedStore, bundled_batch: Batch) -> None:
    ids = [n.id for n in bundled_batch.nodes[::500]] + ["no-such-node", "110000", "110000", SUNK_TEAM_ID]
    assert store.get_nodes(ids) == embedded_store.get_nodes(ids)
    assert store.get_nodes([]) == []


@pytest.mark.parametrize("edge_type", [*EdgeType, "NO_SUCH_TYPE"])
@pytest.mark.parametrize("direction", ["out", "in"])
def test_neighbours(
    store: GraphStore, embedded_store: EmbeddedStore, bundled_batch: Batch, edge_type: str, direction: str
) -> None:
    ends = sorted({e.source if direction == "out" else e.target for e in bundled_batch.edges if e.type == edge_type})
    ids = ends[:3] + ends[-2:] + ["no-such-node", "gov:110000", "110107001"] + ends[:1]
    got = store.neighbours(ids, edge_type, direction)
    assert got == embedded_store.neighbours(ids, edge_type, direction)
    if edge_type in EdgeType:
        assert got, "the case should find some edges"


@pytest.mark.parametrize("query", QUERIES, ids=repr)
def test_find_nodes_and_count_nodes(store: GraphStore, embedded_store: EmbeddedStore, query: NodeQuery) -> None:
    assert _pages(store, query) == _pages(embedded_store, query)
    assert store.count_nodes(query) == embedded_store.count_nodes(query)


def test_listings_find_what_they_should(store: GraphStore) -> None:
    """Guards the cases above against comparing empty answers."""
    assert store.count_nodes(NodeQuery(Label.AREA, via=(EdgeType.PART_OF, "out", "110111"))) == 28
    assert store.count_nodes(NodeQuery(Label.BODY, props=(("kind", "district_government"),))) == 16
    # Filters compare string properties only (graph/store.py NodeQuery).
    assert store.count_nodes(NodeQuery(Label.BODY, props=(("current", "True"),))) == 0
    assert store.count_nodes(NodeQuery(Label.SUNK_TEAM, props=(("headcount", "160"),))) == 0
    assert store.count_nodes(NodeQuery(Label.SUNK_TEAM, via=(EdgeType.STATIONED_IN, "out", "110107001"))) > 4
    assert store.count_nodes(NodeQuery(Label.DUTY, via=(EdgeType.DELEGATED_TO, "out", "street_office"))) > 0
    assert store.count_nodes(NodeQuery(Label.AREA, props=(("no_such_property", ""),))) == 0


@pytest.mark.parametrize("label", [*Label, "NoSuchLabel"])
def test_all_nodes(store: GraphStore, embedded_store: EmbeddedStore, label: str) -> None:
    assert store.all_nodes(label) == embedded_store.all_nodes(label)


@pytest.mark.parametrize("duties", DUTY_SETS.values(), ids=DUTY_SETS.keys())
@pytest.mark.parametrize("place", PLACES.values(), ids=PLACES.keys())
def test_place_context(store: GraphStore, embedded_store: EmbeddedStore, place: str, duties: list[str]) -> None:
    assert store.place_context(place, duties) == embedded_store.place_context(place, duties)


def test_place_contexts_reach_every_step(store: GraphStore) -> None:
    """Each edge type the place context gathers shows up in at least one of the cases."""
    duties = DUTY_SETS["street and delegated duties"]
    seen = {e.type for place in PLACES.values() for e in store.place_context(place, duties).edges}
    assert seen == {
        EdgeType.PART_OF,
        EdgeType.GOVERNS,
        EdgeType.STATIONED_IN,
        EdgeType.SENT_BY,
        EdgeType.REPORTS_TO,
        EdgeType.OF_KIND,
        EdgeType.RESPONSIBLE_FOR,
        EdgeType.DELEGATED_TO,
    }


@pytest.mark.parametrize("body", BODIES.values(), ids=BODIES.keys())
def test_chain_context(store: GraphStore, embedded_store: EmbeddedStore, body: str) -> None:
    assert store.chain_context(body) == embedded_store.chain_context(body)


def test_chain_contexts_reach_every_step(store: GraphStore) -> None:
    seen = {e.type for body in BODIES.values() for e in store.chain_context(body).edges}
    assert seen == {EdgeType.REPORTS_TO, EdgeType.OF_KIND, EdgeType.GOVERNS, EdgeType.STATIONED_IN, EdgeType.SENT_BY}


@pytest.mark.parametrize("depth", [0, 1, 2, 3])
@pytest.mark.parametrize("body", BODIES.values(), ids=BODIES.keys())
def test_subordinates_context(store: GraphStore, embedded_store: EmbeddedStore, body: str, depth: int) -> None:
    assert store.subordinates_context(body, depth) == embedded_store.subordinates_context(body, depth)


# -- the three questions, through the domain API -------------------------------------------------


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


@pytest.mark.parametrize("question", QUESTIONS.values(), ids=QUESTIONS.keys())
def test_domain_answers_match(domain: Domain, embedded_domain: Domain, question: Callable[[Domain], Any]) -> None:
    assert _outcome(lambda: question(domain)) == _outcome(lambda: question(embedded_domain))
