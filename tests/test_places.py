"""Rule `place-names` (graph/places.py): the names of the places around a whistle say where, not what."""

from __future__ import annotations

from graph.domain import Domain
from graph.places import PlaceWords

LUCHENG = "110112119"  # 通州区潞城镇


def test_the_proper_part_of_a_name_is_blanked_and_its_level_stays() -> None:
    words = PlaceWords.of(["潞城镇", "双河南里社区居委会", "平房地区", "北辛屯村民委员会"], known={"平房"}.__contains__)
    assert words.blank("潞城镇卫生院的大夫") == "，镇卫生院的大夫"
    assert words.blank("双河南里社区一家包子铺") == "，社区一家包子铺"
    assert words.blank("北辛屯村门口的公告栏") == "，村门口的公告栏"  # a village's notice board stays a village's
    assert words.blank("我们这片是老平房") == "我们这片是老平房"  # a word in its own right is not blanked
    assert len(words) == 3


def test_a_name_in_a_complaint_lends_it_no_words(domain: Domain) -> None:
    """潞城镇 cut by the segmenter yields 城镇, a word of the city's sanitation clauses: a doctor followed home from the
    town's health centre is not about them. Outside the district the name is read as it stands."""
    text = "潞城镇卫生院有个女大夫，有人天天在她下班路上跟着，一路跟到家门口"
    levels = domain.ancestry(domain.place(LUCHENG))
    assert "潞城" not in domain.places_near(levels).blank(text)
    here = domain.subject(text, levels)
    assert not [m for m in here.duties if "城镇" in m.terms]
    assert [m for m in domain.subject(text).duties if "城镇" in m.terms]


def test_a_district_name_is_a_place_whatever_the_dictionary_tags_it(domain: Domain) -> None:
    """jieba's dictionary tags 门头沟 a common noun, so the `known`-word exception kept it, and the lexicon's 门头 (a
    shop sign) inside it made a complaint from 门头沟 about spoilt meat match the sign regulation's clauses."""
    text = "门头沟那边有个小饭馆卖的卤肉有股怪味"
    levels = domain.ancestry(domain.place("110105017"))  # a street in Chaoyang: the city's districts are read too
    assert "门头沟" not in domain.places_near(levels).blank(text)
    assert not [m for m in domain.subject(text, levels).duties if any("牌匾" in t for t in m.terms)]
    assert [m for m in domain.subject(text).duties if any("牌匾" in t for t in m.terms)]
