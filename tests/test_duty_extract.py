"""The regulation reader's duty rows: the figures against the hand-read rows cannot regress, each named rule
does what its name says on a real clause, and the bundled extracted_duties.csv is exactly what the reader, the
lexicon and the reviewed corrections produce today."""

from __future__ import annotations

import csv

import pytest

from bench.extraction_eval import HELD_OUT, TUNED, evaluate
from loaders.dataset import BUNDLED
from loaders.duty_extract import Lexicon, Row, extract
from loaders.extracted import (
    EXTRACTED,
    LEXICON,
    Correction,
    bundle_rows,
    corrected,
    domain_of,
    read_corrections,
    to_csv,
)
from loaders.regulation_text import read_regulation

# The figures reached (bench/extraction_eval.py), rounded down: a floor, not a target.
FLOORS = {
    TUNED: {"precision": 0.86, "recall": 0.86, "role_agreement": 0.84, "penalty_agreement": 0.98},
    HELD_OUT: {"precision": 0.81, "recall": 0.70, "role_agreement": 0.80, "penalty_agreement": 0.98},
}


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon.load(BUNDLED / LEXICON, BUNDLED / "duties/holder_kinds.csv")


def rows_of(name: str, lexicon: Lexicon) -> list[Row]:
    (path,) = [p for p in (BUNDLED / "regulations").rglob("*.md") if p.name.startswith(name)]
    return extract(read_regulation(path), lexicon)


@pytest.mark.parametrize("codes", [TUNED, HELD_OUT], ids=["tuned", "held_out"])
def test_figures_against_the_hand_read_rows_do_not_regress(codes: tuple[str, ...]) -> None:
    total, _, _ = evaluate(codes)
    for name, floor in FLOORS[codes].items():
        assert getattr(total, name) >= floor, (name, getattr(total, name))


def test_the_lexicon_names_only_known_holder_kinds(lexicon: Lexicon) -> None:
    assert lexicon.unknown_kinds() == []


def test_lead_with_level_prefix(lexicon: Lexicon) -> None:
    """第四条第二款 区城市管理部门负责… -> dept:城市管理, district, lead."""
    (row,) = [r for r in rows_of("北京市市容环境卫生条例", lexicon) if (r.article, r.clause) == ("第四条", "第二款")]
    assert (row.holder_kind, row.holder_level, row.role) == ("dept:城市管理", ("district",), "lead")


def test_enumeration_of_sectors_each_within_duties(lexicon: Lexicon) -> None:
    """停车条例 第四条第三款: 公安机关交通管理、城市管理综合执法、… 等部门按照各自职责，负责…"""
    rows = [r for r in rows_of("北京市机动车停车条例", lexicon) if (r.article, r.clause) == ("第四条", "第三款")]
    kinds = {r.holder_kind for r in rows}
    assert {"dept:公安交通管理", "dept:城市管理综合执法", "dept:住房城乡建设", "dept:规划自然资源"} <= kinds
    assert all("lexicon-enumeration" in r.rules for r in rows)


def test_penalty_clause_names_its_enforcer_and_the_article_it_sanctions(lexicon: Lexicon) -> None:
    """控制吸烟条例 第二十四条第（一）项: 由市或者区卫生健康部门责令限期改正；拒不改正的，处二千元以上五千元以下罚款。"""
    (row,) = [
        r for r in rows_of("北京市控制吸烟条例", lexicon) if (r.article, r.clause) == ("第二十四条", "第（一）项")
    ]
    assert (row.holder_kind, row.role, row.sanctions) == ("dept:卫生健康", "enforce", "第十三条第一款第一项至第四项")
    assert row.penalty.startswith("责令限期改正") and "处二千元以上五千元以下罚款" in row.penalty


def test_default_enforcer_takes_a_sanction_that_names_no_body(lexicon: Lexicon) -> None:
    """市容环境卫生条例 第十条 names 城市管理综合执法部门 as the body that 实施行政处罚; 第三十四条's 违反规定的，
    责令限期改正 names none."""
    rows = [r for r in rows_of("北京市市容环境卫生条例", lexicon) if r.article == "第三十四条"]
    enforce = [r for r in rows if r.role == "enforce"]
    assert [r.holder_kind for r in enforce] == ["dept:城市管理综合执法"] and "default-enforcer" in enforce[0].rules
    assert {r.holder_kind for r in rows if r.role == "duty_bearer"} == {"owner", "maintenance_unit"}


def test_the_violator_of_a_penalty_clause_is_not_a_holder(lexicon: Lexicon) -> None:
    """物业管理条例 第九十条: 建设单位不移交…的，由区住房和城乡建设或者房屋主管部门责令… -> only the department."""
    rows = [r for r in rows_of("北京市物业管理条例", lexicon) if r.article == "第九十条"]
    assert [(r.holder_kind, r.role) for r in rows] == [("dept:住房城乡建设", "enforce")]


def test_a_duty_list_hands_its_holder_to_each_item(lexicon: Lexicon) -> None:
    """市容环境卫生条例 第二十条: 市和区城市管理部门应当履行下列职责：（一）…（四）: the rows sit on the items."""
    rows = [r for r in rows_of("北京市市容环境卫生条例", lexicon) if r.article == "第二十条"]
    assert [r.clause for r in rows] == ["第（一）项", "第（二）项", "第（三）项", "第（四）项"]
    assert all(r.holder_kind == "dept:城市管理" and "duty-list" in r.rules for r in rows)
    assert rows[0].holder_level == ("city", "district") and rows[0].quote.endswith(
        "编制本行政区域内的市容环境卫生工作计划；"
    )


def test_objects_and_the_public_are_not_holders(lexicon: Lexicon) -> None:
    """会同 makes an object (第十五条); 任何单位和个人 addresses everyone (第三十五条第一款)."""
    rows = rows_of("北京市市容环境卫生条例", lexicon)
    assert {r.holder_kind for r in rows if r.article == "第十五条"} == {"dept:城市管理"}
    assert not [r for r in rows if (r.article, r.clause) == ("第三十五条", "第一款")]


def test_domain_from_title() -> None:
    assert domain_of("北京市燃气管理条例") == "燃气管理"
    assert domain_of("北京市实施《中华人民共和国道路交通安全法》办法") == "道路交通安全法"
    assert domain_of("北京市实施《中华人民共和国村民委员会组织法》的若干规定") == "村民委员会组织法"


def test_the_bundled_extracted_duties_are_current() -> None:
    """Rebuild from the reader, the lexicon and the corrections: run `python -m loaders.extracted` if this fails."""
    assert (BUNDLED / EXTRACTED).read_text(encoding="utf-8") == to_csv(bundle_rows(BUNDLED))


def test_every_bundled_row_keeps_locator_quote_and_provenance() -> None:
    with (BUNDLED / EXTRACTED).open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    with (BUNDLED / "rules/regulations.csv").open(encoding="utf-8") as f:
        more = {r["regulation"] for r in csv.DictReader(f) if r["file"].startswith("regulations/more/")}
    assert {r["regulation"] for r in rows} == more  # every one of the 33 texts gives rows
    for r in rows:
        assert r["article"] and r["quote"] and r["rule"] and r["reader_version"], r["id"]
        assert (r["quote_provenance"], r["holder_provenance"]) == ("official", "derived")


def test_reviewed_corrections_apply_and_never_go_stale(lexicon: Lexicon) -> None:
    """A hand fix is a recorded correction with its reason; one that no longer matches a row is refused."""
    with (BUNDLED / EXTRACTED).open(encoding="utf-8") as f:
        fixed = [r for r in csv.DictReader(f) if r["rule"] == "reviewed-correction"]
    assert [(r["id"], r["role"]) for r in fixed] == [("jjyl2015-a17-1", "lead"), ("jjyl2015-a17-2", "lead")]
    assert all(c.reason for c in read_corrections(BUNDLED))
    stale = Correction("kzxy2021", "第九十九条", "", "dept:卫生健康", "lead", "drop", "", "no such article")
    rows = rows_of("北京市控制吸烟条例", lexicon)
    with pytest.raises(ValueError, match="match no extracted row"):
        corrected("kzxy2021", rows, [stale])
