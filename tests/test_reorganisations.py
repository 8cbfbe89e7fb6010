"""Reorganisations as data, on both stores: the 2018 municipal reform rows (departments/reorganisations.csv) make
the same question name the old body before the effective date and the new one after, each with its basis."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graph.domain import Domain
from graph.embedded import EmbeddedStore
from loaders.dataset import BUNDLED, read_dataset

BASIS = "《北京市人民代表大会常务委员会关于市人民政府机构改革涉及地方性法规规定的行政机关职责调整问题的决定》第一条"


def city_holders(domain: Domain, duty: str, as_of: str | None) -> dict[str, str]:
    answer = domain.responsible("110101001", duty, as_of)
    return {a.body.name: a.resolution for a in answer.assignments if a.body and a.level == "city"}


@pytest.mark.parametrize(
    ("duty", "before", "after"),
    [
        ("yqgl-a4-11", "北京市工商行政管理局", "北京市市场监督管理局"),  # a merge: dog trading supervision
        ("yqgl-a4-12", "北京市卫生和计划生育委员会", "北京市卫生健康委员会"),  # a rename: rabies vaccination
    ],
)
def test_the_same_question_before_and_after_the_reform(domain: Domain, duty: str, before: str, after: str) -> None:
    old = city_holders(domain, duty, "2018-01-01")
    assert list(old) == [before]
    assert "until 2018-11-24, then succeeded by" in old[before] and BASIS in old[before]
    new = city_holders(domain, duty, "2019-06-01")
    assert list(new) == [after]
    assert "from 2018-11-24, succeeding former:" in new[after] and BASIS in new[after]
    assert list(city_holders(domain, duty, None)) == [after], "today: the successor"


def test_successor_links(domain: Domain) -> None:
    (former,) = domain.store.get_nodes(["former:市工商局"])
    assert former is not None and former.get("valid_to") == "2018-11-24" and former.get("reorganisation") == "merge"
    (link,) = domain.store.neighbours(["former:市工商局"], "SUCCEEDED_BY", "out")
    assert (link.node.id, link.edge.get("valid_from"), link.edge.get("change")) == (
        "bj-shichangjianguan",
        "2018-11-24",
        "merge",
    )


def test_a_split_links_every_successor(domain: Domain) -> None:
    links = domain.store.neighbours(["former:市食药监局"], "SUCCEEDED_BY", "out")
    assert {(nb.node.id, nb.edge.get("change")) for nb in links} == {
        ("bj-shichangjianguan", "split"),
        ("bj-yaojian", "split"),
    }
    (drugs,) = domain.store.get_nodes(["bj-yaojian"])
    assert drugs is not None and drugs.get("valid_from") == "2018-11-24"
    assert drugs.get("predecessors") == ["former:市食药监局"]


def test_a_body_that_takes_over_keeps_standing_before_the_date(tmp_path: Path) -> None:
    """A merge into a department that stood before (its register row does not name the predecessor as what it was
    formed from) passes the duties on from the date without moving the department's own start: asked before the
    date, it still answers. The row is a TEST FIXTURE: no decision merges 市民防局 into 市公安局."""
    root = tmp_path / "data"
    shutil.copytree(BUNDLED, root)
    with (root / "departments/reorganisations.csv").open("a", encoding="utf-8") as f:
        f.write('市民防局,北京市民防局,merge,bj-gongan,dept:民防,2026-03-01,"TEST FIXTURE, not a decision",test\n')
    kinds = root / "duties/holder_kinds.csv"  # the operator moves the kind to the body that takes it over
    kinds.write_text(kinds.read_text(encoding="utf-8").replace(",bj-minfang,", ",bj-gongan,", 1), encoding="utf-8")
    store = EmbeddedStore()
    store.apply(read_dataset(root))
    (police,) = store.get_nodes(["bj-gongan"])
    assert police is not None and police.get("valid_from") is None and police.get("predecessors") is None
    assert (police.get("took_over"), police.get("took_over_on")) == (["former:市民防局"], "2026-03-01")
    domain = Domain(store)
    domain.refresh()
    for as_of in ("2025-06-01", "2026-06-01"):
        holders = city_holders(domain, "yqgl-a4-6", as_of)
        assert list(holders) == ["北京市公安局"], as_of
        assert "also taking over from former:市民防局 (TEST FIXTURE" in holders["北京市公安局"]
    # The kind it takes over (a parking-regulation duty of 民防) is the predecessor's alone before the date.
    assert list(city_holders(domain, "tc2024-a16-2", "2025-06-01")) == ["北京市民防局"]
    assert list(city_holders(domain, "tc2024-a16-2", "2026-06-01")) == ["北京市公安局"]
    (formed,) = store.get_nodes(["bj-shichangjianguan"])
    assert formed is not None and formed.get("valid_from") == "2018-11-24" and formed.get("took_over") is None


def test_a_listed_department_merged_in_place_ends_on_the_date(tmp_path: Path) -> None:
    """An operator records a merge of a department still in the list by its id: that department ends on the date
    with its counterparts and kinds, in place (no former body answers beside it), and the body taking over holds the
    kind from then. The row is a TEST FIXTURE: no decision merges 市民防局 into 市应急管理局."""
    root = tmp_path / "data"
    shutil.copytree(BUNDLED, root)
    with (root / "departments/reorganisations.csv").open("a", encoding="utf-8") as f:
        f.write('bj-minfang,北京市民防局,merge,bj-yingji,dept:民防,2026-03-01,"TEST FIXTURE, not a decision",test\n')
    kinds = root / "duties/holder_kinds.csv"
    kinds.write_text(kinds.read_text(encoding="utf-8").replace(",bj-minfang,", ",bj-yingji,", 1), encoding="utf-8")
    store = EmbeddedStore()
    store.apply(read_dataset(root))
    assert store.get_nodes(["former:bj-minfang", "former:市民防局"]) == [None, None]
    (ended,) = store.get_nodes(["bj-minfang"])
    assert ended is not None and ended.get("valid_to") == "2026-03-01" and ended.get("succeeded_by") == ["bj-yingji"]
    links = store.neighbours(["dd:110101:bj-yingji"], "OF_KIND", "out")
    assert [nb.edge.get("valid_from") for nb in links if nb.node.id == "dept:民防"] == ["2026-03-01"]
    domain = Domain(store)
    domain.refresh()
    before = city_holders(domain, "tc2024-a16-2", "2025-06-01")
    assert list(before) == ["北京市民防局"]
    assert "until 2026-03-01, then succeeded by bj-yingji (TEST FIXTURE" in before["北京市民防局"]
    after = city_holders(domain, "tc2024-a16-2", "2026-06-01")
    assert list(after) == ["北京市应急管理局"]
    assert "also taking over from bj-minfang (TEST FIXTURE" in after["北京市应急管理局"]
