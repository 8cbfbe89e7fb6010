"""Reorganisations as data, on both stores: the 2018 municipal reform rows (departments/reorganisations.csv) make
the same question name the old body before the effective date and the new one after, each with its basis."""

from __future__ import annotations

import pytest

from graph.domain import Domain

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
