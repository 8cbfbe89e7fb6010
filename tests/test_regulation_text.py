"""The regulation reader: every bundled text parses into articles numbered without gaps, and each structural
oddity the texts have (items, 款 after items, chapter/section headings and a table of contents, an ideographic
space after 第X条, zero-width-space lines, a decision's 一、 points, a subtitle line, a 第… paragraph that is not an
article, header dates) lands where the hand-read rows say it does."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from loaders.dataset import BUNDLED
from loaders.regulation_text import TextError, numbering_gaps, parse_regulation, read_regulation

TEXTS = BUNDLED / "regulations"
DEV_TEXTS = BUNDLED / "probes/texts"  # read by hand for the reader's development, not loaded
ALL_TEXTS = (
    sorted(TEXTS.glob("*.md"))
    + sorted((TEXTS / "more").glob("*.md"))
    + sorted((TEXTS / "chongqing").glob("*.md"))
    + sorted(DEV_TEXTS.glob("*.md"))
)


def text(name: str) -> Path:
    (found,) = [p for p in ALL_TEXTS if p.name.startswith(name)]
    return found


def test_every_bundled_text_is_there() -> None:
    assert (len(list(TEXTS.glob("*.md"))), len(list((TEXTS / "more").glob("*.md")))) == (11, 33)
    assert len(list((TEXTS / "chongqing").glob("*.md"))) == 4
    assert len(list(DEV_TEXTS.glob("*.md"))) == 21  # twelve of stop 30, nine of stop 52


@pytest.mark.parametrize("path", ALL_TEXTS, ids=lambda p: p.stem)
def test_every_text_parses_with_articles_numbered_without_gaps(path: Path) -> None:
    reg = read_regulation(path)
    assert reg.title and reg.header_dates, "title and header dates"
    assert numbering_gaps(reg) == []
    # every 第X条 line of the file (and only those) became an article
    starts = [
        line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("第") and "条" in line[:8]
    ]
    article_lines = [s for s in starts if s.split("条", 1)[1][:1] in (" ", "\u3000")]
    if article_lines:
        assert len(reg.articles) == len(article_lines)
    assert all(p.text for a in reg.articles for p in a.paragraphs)


def test_items_belong_to_the_paragraph_that_introduces_them() -> None:
    reg = read_regulation(text("北京市控制吸烟条例"))
    a10 = reg.article("第十条")
    assert [len(p.items) for p in a10.paragraphs] == [4, 0]
    assert a10.paragraphs[0].items[3].text == "妇幼保健机构、儿童医院。"
    locators = [c.clause for c in reg.clauses() if c.article is a10]
    assert locators == [
        "第一款",
        "第一款第（一）项",
        "第一款第（二）项",
        "第一款第（三）项",
        "第一款第（四）项",
        "第二款",
    ]
    # a one-paragraph article with items: the item is named without its 款 (the hand-read convention)
    a23 = reg.article("第二十三条")
    assert [c.clause for c in reg.clauses() if c.article is a23][:2] == ["", "第（一）项"]


def test_a_paragraph_after_the_items_is_the_next_kuan() -> None:
    a21 = read_regulation(text("北京市物业管理条例")).article("第二十一条")
    assert [len(p.items) for p in a21.paragraphs] == [5, 0]
    assert a21.paragraphs[1].text.startswith("物业已投入使用")


def test_chapters_and_sections_after_a_table_of_contents() -> None:
    reg = read_regulation(text("北京市节水条例"))
    assert (reg.articles[0].chapter, reg.articles[0].section) == ("第一章 总则", "")
    in_section = [a for a in reg.articles if a.section == "第一节 取水过程节水"]
    assert in_section and all(a.chapter == "第三章 全过程节水" for a in in_section)
    assert reg.articles[-1].chapter == "第六章 附则"


def test_ideographic_space_after_the_article_number() -> None:
    reg = read_regulation(text("北京市建设工程质量条例"))
    assert reg.article("第一百条").paragraphs[0].text.startswith("违反本条例第六十三条第二款")
    assert len(reg.articles) == 106


def test_zero_width_space_lines_are_not_paragraphs() -> None:
    reg = read_regulation(text("北京市机动车停车条例"))
    assert not any("\u200b" in p.text for a in reg.articles for p in a.paragraphs)


def test_a_paragraph_starting_with_di_is_not_an_article() -> None:
    reg = read_regulation(text("北京市反不正当竞争条例"))
    (holder,) = [a for a in reg.articles for p in a.paragraphs if p.text.startswith("第三人明知")]
    assert [p.text[:5] for p in holder.paragraphs[1:]] == ["第三人明知", "本条所称的"]


def test_a_decision_reads_its_points_as_articles_after_its_preamble() -> None:
    reg = read_regulation(text("北京市人民代表大会常务委员会关于"))
    assert [a.label for a in reg.articles] == ["一、", "二、", "三、", "四、", "五、"]
    assert reg.preamble[0].startswith("为了贯彻落实")
    assert len(reg.article("一、").paragraphs) == 2


def test_a_chapter_title_broken_onto_a_second_line_is_the_title_not_text_outside_an_article() -> None:
    reg = read_regulation(text("北京市信访条例"))
    assert reg.article("第二十九条").chapter == "第五章 人民代表大会及其常务委员会信访事项的受理和办理"
    assert reg.article("第二十八条").paragraphs[-1].text.startswith("传染病患者")
    with pytest.raises(TextError, match="text outside any article"):
        # (a line with a sentence's stop after a heading is no title's end)
        parse_regulation("# 某条例\n\n<!-- INFO END -->\n\n## 第一章 总则\n\n不属于任何一条的一句话。\n", "t.md")


def test_a_subtitle_line_before_the_first_article_is_preamble() -> None:
    reg = read_regulation(text("北京市实施《动物防疫法》办法"))
    assert reg.preamble == ("北京市实施《中华人民共和国动物防疫法》 办法",)
    assert reg.articles[0].label == "第一条"


def test_header_dates_amendments_and_in_force() -> None:
    smoking = read_regulation(text("北京市控制吸烟条例"))
    assert smoking.header_dates == ("2014-11-28", "2021-09-24")
    assert (smoking.in_force_stated, smoking.text_valid_from) == ("2015-06-01", "2021-09-24")
    assert read_regulation(text("北京市接诉即办工作条例")).in_force_stated == "on promulgation"
    # "自2010年 9月1日起施行": a space inside the date
    assert read_regulation(text("重庆市消防条例")).in_force_stated == "2010-09-01"
    # "自2015年5月1日起实施": 实施, not 施行
    assert read_regulation(text("北京市轨道交通运营安全条例")).in_force_stated == "2015-05-01"


# (an index's `file` is relative to the dataset for the bundled texts, to its own folder for the development ones)
@pytest.mark.parametrize(
    ("index", "base"),
    [(BUNDLED / "rules/regulations.csv", BUNDLED), (DEV_TEXTS / "index.csv", DEV_TEXTS)],
    ids=["bundled", "dev"],
)
def test_text_valid_from_agrees_with_the_regulations_index(index: Path, base: Path) -> None:
    with index.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            reg = read_regulation(base / row["file"])
            assert (reg.in_force_stated, reg.text_valid_from) == (row["in_force_stated"], row["text_valid_from"]), row[
                "code"
            ]


def test_every_hand_read_locator_resolves() -> None:
    """All 1,363 hand-read rows cite an article, or a 款/项 of it, that the reader finds."""
    with (BUNDLED / "rules/regulations.csv").open(encoding="utf-8") as f:
        files = {r["code"]: read_regulation(BUNDLED / r["file"]) for r in csv.DictReader(f)}
    with (BUNDLED / "duties/regulation_duties.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        reg = files[row["id"].split("-")[0]]
        found = {(c.article.label, c.clause) for c in reg.clauses()} | {(a.label, "") for a in reg.articles}
        assert (row["article"], row["clause"]) in found, row["id"]


def test_an_article_zhi_yi_follows_its_base_article() -> None:
    """No bundled text has a 之一 article; amended texts elsewhere do, so the reader takes them (synthetic text)."""
    reg = parse_regulation(
        "# 测试条例\n\n2020年1月1日 通过\n\n<!-- INFO END -->\n\n第一条 甲。\n\n第一条之一 乙。\n\n第二条 丙。\n"
    )
    assert [(a.label, a.number, a.suffix) for a in reg.articles] == [
        ("第一条", 1, 0),
        ("第一条之一", 1, 1),
        ("第二条", 2, 0),
    ]
    assert numbering_gaps(reg) == []
    gap = parse_regulation("# 测试\n\n<!-- INFO END -->\n\n第一条 甲。\n\n第三条 丙。\n")
    assert numbering_gaps(gap) == ["第三条 where 第二条 was expected"]
