"""The law prior (graph/law_prior.py, rule `law-prior`): what it learns from keyed complaints, that leaving a file
out is the same as never having read it, and that in an answer it only orders weak matches."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from graph.answers import SubjectMatch, WhistleInput
from graph.domain import Domain
from graph.law_prior import Law, LawPrior, read_law_prior
from graph.matcher import STRONG, WEAK

TITLES = {"bundled:park": Law("park", "公园条例"), "bundled:fire": Law("fire", "消防条例")}
PARK = ["公园草坪上有人烧烤", "公园湖边有人下网捞鱼", "公园里有人攀折花木", "公园里遛弯看见有人烧烤冒烟"]
FIRE = ["楼道里堆满纸箱堵住了安全出口", "消防通道被私家车堵死了", "楼道里电动车充电太危险"]


def _probe(path: Path, rows: list[tuple[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "text", "governing"])
        w.writerows((f"x{i}", text, governing) for i, (text, governing) in enumerate(rows))
    return path


def test_wording_like_a_laws_complaints_leans_to_that_law(tmp_path: Path) -> None:
    rows = [(t, "bundled:park") for t in PARK] + [(t, "bundled:fire") for t in FIRE]
    prior = read_law_prior([_probe(tmp_path / "routing_a.csv", rows)], TITLES)
    park = prior.posterior("周末公园里一群人支炉子烧烤")
    fire = prior.posterior("楼道安全出口堆了纸箱")
    assert park["公园条例"] > 0.5 > park["消防条例"]
    assert fire["消防条例"] > 0.5 > fire["公园条例"]
    assert sum(park.values()) == pytest.approx(1.0)
    # nothing it has seen: no preference at all, rather than the commonest law
    assert prior.posterior("ＸＹＺ") == {} and prior.posterior("") == {}


def test_leaving_a_file_out_is_never_having_read_it(tmp_path: Path) -> None:
    a = _probe(tmp_path / "routing_a.csv", [(t, "bundled:park") for t in PARK] + [(FIRE[0], "bundled:fire")])
    b = _probe(tmp_path / "routing_b.csv", [(t, "bundled:fire") for t in FIRE] + [(PARK[0], "bundled:park")])
    both = read_law_prior([a, b], TITLES)
    only_b = read_law_prior([b], TITLES)
    for text in ("公园湖边捞鱼", "楼道堵了", "草坪烧烤冒烟，消防通道也堵了"):
        left = both.without(a.name).posterior(text)
        assert left == pytest.approx(only_b.posterior(text), rel=1e-9)
    # the view differs from the whole prior where the left-out file taught something
    assert both.posterior("公园湖边捞鱼")["公园条例"] > only_b.posterior("公园湖边捞鱼")["公园条例"] + 0.05
    assert both.without("routing_never_read.csv") is both


def test_a_complaint_no_bundled_law_governs_teaches_no_law_only_how_such_complaints_read(tmp_path: Path) -> None:
    """Rule `like-ungoverned`'s class: a `none` row moves no law's posterior, but says how ungoverned complaints are
    worded; a row of a law the bundle does not hold teaches nothing."""
    laws = [(t, "bundled:park") for t in PARK] + [(t, "bundled:fire") for t in FIRE]
    claims = [("公园门口的小卖部拖欠工资不给", "none"), ("在公园打工的工资欠了三个月", "none")]
    other = [("公司拖欠工资", "more:某市劳动条例")]
    plain = read_law_prior([_probe(tmp_path / "routing_a.csv", laws + other)], TITLES)
    taught = read_law_prior([_probe(tmp_path / "routing_b.csv", laws + claims + other)], TITLES)
    for text in ("公园小卖部拖欠工资", "楼道堵了"):
        assert taught.posterior(text) == pytest.approx(plain.posterior(text), rel=1e-9)
    assert plain.ungoverned("公园小卖部拖欠工资") == 0.0
    assert taught.ungoverned("公园小卖部拖欠工资") > 0.5 > taught.ungoverned("公园草坪上烧烤")
    assert taught.without("routing_b.csv").ungoverned("公园小卖部拖欠工资") == 0.0


def test_a_probe_without_its_columns_is_refused_with_its_file(tmp_path: Path) -> None:
    path = tmp_path / "routing_bad.csv"
    path.write_text("id,complaint\nx1,公园烧烤\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"routing_bad\.csv:1: the header lacks text, governing"):
        read_law_prior([path], TITLES)


CHAOYANG_STREET = "110105004"


def _both(domain: Domain, text: str) -> tuple[SubjectMatch, SubjectMatch]:
    """The subject read with the bundled prior, then with an empty one (which knows nothing, so orders nothing)."""
    levels = domain.ancestry(domain.place(CHAOYANG_STREET))
    with_prior = domain.subject(text, levels)
    kept = domain.law_prior
    domain.law_prior = LawPrior.of({})
    try:
        return with_prior, domain.subject(text, levels)
    finally:
        domain.law_prior = kept


def test_weak_matches_are_ordered_by_the_law_the_wording_resembles(embedded_domain: Domain) -> None:
    """A carpenter's workshop sawing all day: 小作坊 finds the small-food-business regulation, 电锯声 the noise one;
    complaints worded so were about noise, so its clause moves up, with its own words and confidence. (Stop 39's
    example, a tout's unmarked day-trip coach, now finds the road-transport clause first by its words: 营运标志 joined
    the lexicon.)"""
    text = "小区对面那个做木门的小作坊，电锯声一天没停过，中午也干，晚上还干到十点多。"
    with_prior, plain = _both(embedded_domain, text)
    law = "北京市环境噪声污染防治办法"

    def first(m: SubjectMatch) -> int:
        return next(i for i, d in enumerate(m.duties) if d.duty.regulation == law)

    assert with_prior.confidence == plain.confidence == WEAK
    assert with_prior.resembles.startswith(law) and not plain.resembles
    assert first(with_prior) < first(plain)
    # it orders, it never finds: every clause shown was matched by the complaint's words, none is sure
    assert all(d.terms and d.confidence != STRONG for d in with_prior.duties)
    answer = embedded_domain.responders(WhistleInput(CHAOYANG_STREET, text))
    assert any("law-prior" in note and law in note for note in answer.notes)


def test_a_sure_match_is_left_as_the_words_ranked_it(embedded_domain: Domain) -> None:
    with_prior, plain = _both(embedded_domain, "小区里有人遛狗不拴绳")
    assert with_prior.confidence == STRONG and not with_prior.resembles
    assert with_prior.duties == plain.duties


def test_a_private_claim_worded_like_ungoverned_complaints_is_doubted(embedded_domain: Domain) -> None:
    """Rule `like-ungoverned`: a guard's unpaid wages, which the words 物业公司 and 物业费 tie surely to the property
    regulation, read like the complaints no bundled text governs: every match is graded weak and the answer says why,
    though the clauses stay. A property company's unpublished accounts, governed, keeps its sure match."""
    wages = "我在小区当保安，物业公司拖欠了我两个月工资，经理说业主不交物业费所以发不出来"
    with_prior, plain = _both(embedded_domain, wages)
    assert plain.confidence == STRONG and not plain.ungoverned
    assert with_prior.confidence == WEAK and with_prior.ungoverned >= 0.5
    assert [d.duty.id for d in with_prior.duties] == [d.duty.id for d in plain.duties]
    answer = embedded_domain.responders(WhistleInput(CHAOYANG_STREET, wages))
    assert answer.coordinator is not None and any("like-ungoverned" in note for note in answer.notes)
    accounts, _ = _both(embedded_domain, "物业公司收了物业费，账目从来不公示")
    assert accounts.confidence == STRONG and not accounts.ungoverned


def test_a_sure_match_of_a_law_the_wording_is_unlike_is_doubted(embedded_domain: Domain) -> None:
    """Rule `unlike-its-law`: watermelons sold off a tricycle at a hutong's mouth match the park regulation's
    摆摊设点 surely, but nothing worded so was ever about parks; that clause is graded weak, while the city-appearance
    clause, whose law such complaints are about, stays sure and first. An empty prior doubts nothing."""
    text = "胡同口天天有人摆摊卖西瓜，三轮车停了一大片"
    with_prior, plain = _both(embedded_domain, text)
    park = "北京市公园条例"

    def grades(m: SubjectMatch) -> set[str]:
        return {d.confidence for d in m.duties if d.duty.regulation == park}

    assert with_prior.unlike == (park,) and not plain.unlike
    assert grades(with_prior) == {WEAK} and STRONG in grades(plain)
    assert with_prior.duties[0].duty.regulation == "北京市市容环境卫生条例" == plain.duties[0].duty.regulation
    assert with_prior.confidence == STRONG
    answer = embedded_domain.responders(WhistleInput(CHAOYANG_STREET, text))
    assert any("unlike-its-law" in note and park in note for note in answer.notes)
