"""Rule `matched-item`: an answer citing a clause that lists its items says which item the complaint is about, and
never guesses one (graph/items.py)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from api.app import create_app
from graph.answers import WhistleInput
from graph.domain import Domain
from graph.items import listed_items, matched_item
from tests.http_server import serve

# 北京市绿化条例 第五十条 and 北京市河湖保护管理条例 第十九条, as the bundled rows quote them
GREENING = "禁止下列损害绿化的行为：（一）在树木旁或者绿地内倾倒、排放污水、垃圾、渣土及其他废弃物；（二）损毁树木、花草及绿化设施；（三）在树木或者绿化设施上悬挂广告牌或者其他物品；（四）在绿地内取土、搭建构筑物；（五）在绿地内用火、烧烤；（六）其他损害绿化成果及绿化设施的行为。"
LAWN_FIRE = "（五）在绿地内用火、烧烤"
BARBECUE = "周末小区旁边的草地上好几家人支着炉子烤肉，烟熏火燎的，草都烤黑了"


@pytest.fixture(scope="module")
def base(embedded_domain: Domain) -> Iterator[str]:
    with serve(create_app(embedded_domain, graphiql=False)) as url:
        yield url


def test_items_are_read_with_their_labels_up_to_their_closing_mark() -> None:
    items = listed_items(GREENING)
    assert len(items) == 6
    assert items[4] == LAWN_FIRE
    assert items[5] == "（六）其他损害绿化成果及绿化设施的行为"


def test_the_item_holding_the_most_matched_words_is_named() -> None:
    terms = ("草地→绿地", "支着炉子→烧烤", "烤肉→烧烤")
    assert matched_item("禁止下列损害绿化的行为：", "", GREENING, terms) == LAWN_FIRE


def test_no_item_is_guessed() -> None:
    lead = "禁止下列损害绿化的行为："
    assert matched_item(lead, "", GREENING, ("损害→绿化",)) == ""  # a word of the lead-in: every item shares it
    assert matched_item(lead, "", GREENING, ("草地→绿地",)) == ""  # three items hold 绿地 alike
    assert matched_item(lead, "", GREENING, ("花草",)) == ""  # one plain word the complaint said is not enough
    assert matched_item(lead, "", GREENING, ("花草", "损毁")) == "（二）损毁树木、花草及绿化设施"
    one_item = "在绿地内用火、烧烤"  # a row that is itself one item
    assert matched_item(one_item, "第（五）项", GREENING, ("烤肉→烧烤",)) == ""


def test_a_hand_read_row_summing_its_items_up_names_the_matched_one() -> None:
    summed = "不在绿地内倾倒废弃物、损毁树木、取土、烧烤等"  # a hand reader's summary of the list, no colon
    terms = ("草地→绿地", "烤肉→烧烤")
    assert matched_item(summed, "", GREENING, terms) == LAWN_FIRE
    assert matched_item(summed, "", "在绿地内不得烧烤。", terms) == ""  # a quote listing no items


def test_an_answer_names_the_item_in_the_match_and_in_the_responders_reason(embedded_domain: Domain) -> None:
    answer = embedded_domain.responders(WhistleInput("110105001", BARBECUE))
    lawn = [m for m in answer.subject.duties if m.duty.id == "lh2016-a50-1"]
    assert [m.item for m in lawn] == [LAWN_FIRE]
    reasons = [r.why for r in answer.responders if r.reasons and r.reasons[0].duty.id == "lh2016-a50-1"]
    assert reasons and all(f"禁止下列损害绿化的行为：{LAWN_FIRE} (" in why for why in reasons)


def test_graphql_clients_read_the_item(base: str) -> None:
    query = """query($w: WhistleInput!) { responders(whistle: $w) { subject { duties { duty { id } item } } } }"""
    whistle = {"place": "110105001", "subject": BARBECUE}
    got = httpx.post(f"{base}/graphql", json={"query": query, "variables": {"w": whistle}})
    assert {"duty": {"id": "lh2016-a50-1"}, "item": LAWN_FIRE} in got.json()["data"]["responders"]["subject"]["duties"]
