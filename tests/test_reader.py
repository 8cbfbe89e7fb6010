"""The regulation reader's duty rows: the figures against the hand-read rows cannot regress, each named rule
does what its name says on a real clause, and the bundled extracted_duties.csv is exactly what the reader, the
lexicon and the reviewed corrections produce today."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from bench.extraction_eval import HELD_OUT, TUNED, Figures, dev_figures, evaluate
from loaders.dataset import BUNDLED
from loaders.extracted import (
    EXTRACTED,
    Correction,
    bundle_rows,
    corrected,
    domain_of,
    read_corrections,
    to_csv,
)
from loaders.reader.extract import extract
from loaders.reader.lexicon import Lexicon
from loaders.reader.rows import Row
from loaders.regulation_text import parse_regulation, read_regulation

# The figures reached (bench/extraction_eval.py), less about half a point: a floor, not a target. Held-out precision
# went down from .845 to .825 with reader 14 (84.7 -> 83.0 %): `prohibition-enforcer` gives a ban on anyone to the body
# that sanctions it, rows the hand readers did not write (the tuned half showed it too, kzxy2021 第二十一条); they are
# kept because a complaint about the banned act needs that body. It went down again, to .775, with readers 15 to 18
# (83.0 -> 77.9 %, recall and roles unchanged): rules tuned on development rows that other helpers hand-read from
# further texts (data/probes/extraction_*.csv) add rows the held-out hand readers did not write; scored once at the end
# of stop 23 and kept, not re-tuned on the held-out half. Readers 19 and 20 (stop 24) learnt the tuned half's own
# departures from the written conventions (tuned 91.4 / 93.7 / 95.1 -> 94.8 / 95.4 / 96.8 %); on the held-out half,
# scored once at the end, they changed nothing but role agreement, 84.7 -> 84.5 %, so its floor is .84. Readers 21 and
# 22 (stop 25, learnt on development rows and checked on four fresh ones each) left it at 77.8 / 81.2 / 85.0 %, reader
# 23 (stop 27, eight more development files) at 77.9 / 81.7 / 84.9 %, reader 24 (stop 28, six more) and reader 25
# (stop 29, the development rows' misses again) at 77.9 / 81.9 / 85.0 %, reader 26 (stop 30, twelve development texts
# of the held-out half's kind) at 77.9 / 81.9 / 84.4 % (roles on 街道办事处条例 72.1 -> 68.6 %, scored once at the end),
# reader 27 (stop 31) the same, reader 30 (stop 51) at 77.8 / 81.9 / 84.8 %. A second careful reading of the
# held-out texts by the written conventions scores 81.4 / 94.8 / 92.7 % against their rows (bench/reading_agreement.py).
FLOORS = {
    TUNED: {"precision": 0.94, "recall": 0.95, "role_agreement": 0.96, "penalty_agreement": 0.99},
    HELD_OUT: {"precision": 0.775, "recall": 0.81, "role_agreement": 0.84, "penalty_agreement": 0.98},
}


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon.load(BUNDLED)


def rows_of(name: str, lexicon: Lexicon) -> list[Row]:
    (path,) = [p for p in (BUNDLED / "regulations").rglob("*.md") if p.name.startswith(name)]
    return extract(read_regulation(path), lexicon)


@pytest.mark.parametrize("codes", [TUNED, HELD_OUT], ids=["tuned", "held_out"])
def test_figures_against_the_hand_read_rows_do_not_regress(codes: tuple[str, ...]) -> None:
    total, _, _ = evaluate(codes)
    for name, floor in FLOORS[codes].items():
        assert getattr(total, name) >= floor, (name, getattr(total, name))


# All development readings together (data/probes/extraction_*.csv: 49 files, learnt on, so a regression guard): reader
# 26 reads them at 89.1 / 81.9 / 89.0 %, penalties 98.9 %; reader 27 at 89.1 / 82.4 / 89.0 %, penalties 98.9 %;
# reader 28 at 89.2 / 82.4 / 89.0 %; reader 29 at 89.2 / 82.5 / 89.0 %; reader 30 at 89.3 / 82.9 / 89.0 %. Stop 52
# added nine texts (58 files, 5,437 keys): reader 31 reads all at 89.2 / 82.2 / 88.8 %, penalties 98.6 %, the 49
# earlier at 89.3 / 82.9 / 88.9 %.
DEV_FLOORS = {"precision": 0.892, "recall": 0.822, "role_agreement": 0.887, "penalty_agreement": 0.985}


def test_figures_against_the_development_readings_do_not_regress() -> None:
    total = Figures()
    for _, fig, _ in dev_figures(sorted((BUNDLED / "probes").glob("extraction_*.csv"))):
        total.add(fig)
    assert total.hand > 5400  # every file was read (58 files, 5,437 keys)
    for name, floor in DEV_FLOORS.items():
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


def test_default_enforcer_is_the_body_that_punishes_violations(lexicon: Lexicon) -> None:
    """Reader 27: 实施《道路交通安全法》办法 第八十条 (公安机关交通管理部门…对道路交通安全违法行为，应当及时纠正并依法予以
    处罚) makes the traffic police the enforcer of the penalty articles after it that name no body (第九十八条:
    …驾驶机动车有下列情形之一的，处200元罚款：（六）进入非机动车道、人行道行驶的)."""
    rows = rows_of("北京市实施《道路交通安全法》办法", lexicon)
    (row,) = [r for r in rows if r.article == "第九十八条"]
    assert (row.holder_kind, row.role) == ("dept:公安交通管理", "enforce") and "default-enforcer" in row.rules
    assert "处200元罚款" in row.penalty and "人行道" in row.quote


def test_a_sanction_naming_a_body_the_lexicon_does_not_know_is_not_the_default_enforcers(lexicon: Lexicon) -> None:
    """unknown-agent (Reader 28): 燃气管理条例 第七十条 lets street offices and townships use the city-management
    enforcers' penalty powers, so they are its default enforcers; 第五十六条's 特许经营的实施机关应当责令限期改正 names
    its own body, which the text never identifies, and reads as nobody's rather than as a street office's."""
    rows = rows_of("北京市燃气管理条例", lexicon)
    assert not [r for r in rows if r.article == "第五十六条"]
    synthetic = _read(
        lexicon,
        "城市管理综合执法部门依法实施行政处罚。",
        "违反本条例规定的，责令限期改正。",
        "违反本条例规定的，特许经营的实施机关应当责令限期改正。",
    )
    assert {(r.article, r.holder_kind) for r in synthetic if r.role == "enforce"} >= {
        ("第二条", "dept:城市管理综合执法")
    }
    assert not [r for r in synthetic if r.article == "第三条"]


def test_the_consumers_association_takes_complaints_as_a_body(lexicon: Lexicon) -> None:
    """消费者协会 is its own kind (市和区、县消费者协会, 实施《消费者权益保护法》办法 第三条), not one of the 人民团体 of
    mass_organisations read as a trader's obligation: 第十六条 makes it take consumers' complaints (respond), which an
    answer names as an institution the law names."""
    rows = rows_of("北京市实施《消费者权益保护法》办法", lexicon)
    held = {(r.article, r.role) for r in rows if r.holder_kind == "consumer_association"}
    assert ("第十六条", "respond") in held and ("第三条", "supervise") in held
    assert not [r for r in rows if r.holder_kind == "mass_organisations"]


def test_the_body_a_party_registers_with_supervises_it(lexicon: Lexicon) -> None:
    """registration-target (Reader 28, 学前教育条例 第十四条第一款): 到所在区教育行政部门办理登记注册 makes the education
    department the body that keeps the register; a filing (向X办理变更备案手续, 物业管理条例 第五十条) makes no row, as the
    original hand readers read it. permit-required reads a certificate X 颁发 that a party 并获得 (第十六条)."""
    rows = _read(
        lexicon,
        "举办学前教育机构应当到所在区教育行政部门办理登记注册。",
        "业主委员会应当在三十日内向街道办事处办理变更备案手续。",
        "从事教育的人员，必须具有相关专业知识，并获得教育行政部门颁发的任职资格证书。",
    )
    assert ("第一条", "dept:教育", "supervise") in _keys(rows)
    assert not [r for r in rows if r.article == "第二条" and r.holder_kind == "street_office"]
    assert ("第三条", "dept:教育", "supervise") in _keys(rows)


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


def test_an_order_to_correct_without_a_sanction_is_oversight(lexicon: Lexicon) -> None:
    """物业管理条例 第五十一条: 街道办事处…对业主委员会作出的违法决定，应当责令限期改正或者撤销 -> supervise."""
    rows = [r for r in rows_of("北京市物业管理条例", lexicon) if r.article == "第五十一条"]
    assert {(r.holder_kind, r.role, r.rules[-1]) for r in rows if r.holder_kind == "street_office"} == {
        ("street_office", "supervise", "order-to-correct")
    }


def test_a_sanction_left_to_another_body_is_a_referral(lexicon: Lexicon) -> None:
    """消防条例 第七十一条: 行政部门…发现火灾隐患，应当由公安机关消防机构依法处理的，及时移送 -> assist, not enforce."""
    rows = [r for r in rows_of("北京市消防条例", lexicon) if r.article == "第七十一条"]
    assert rows and {(r.role, r.rules[-1]) for r in rows} == {("assist", "referral")}


def test_a_charge_of_oversight_and_a_filing_body_supervise(lexicon: Lexicon) -> None:
    """物业管理条例 第六条第三款 …按照各自职责，负责物业管理相关监督管理工作 (charge-of-oversight);
    城市居民委员会组织法 办法 第十八条 居民公约须报街道办事处…备案 (approval-target)."""
    property_rows = rows_of("北京市物业管理条例", lexicon)
    sectors = [r for r in property_rows if (r.article, r.clause) == ("第六条", "第三款")]
    assert len(sectors) == 9 and {r.role for r in sectors} == {"supervise"}
    (filing,) = [
        r
        for r in rows_of("北京市实施《城市居民委员会组织法》办法", lexicon)
        if (r.article, r.holder_kind) == ("第十八条", "street_office")
    ]
    assert (filing.role, filing.rules[-1]) == ("supervise", "approval-target")


def test_a_holder_keeps_one_role_per_clause_and_support_is_assist(lexicon: Lexicon) -> None:
    """水污染防治条例 第八十二条第一款: the bureau that 责令…可以指定…代为治理 enforces, with no separate lead row
    (lead-yields; once a reviewed correction); 消防条例 第五十四条第四款 市人民政府给予必要的支持 (support)."""
    water = [r for r in rows_of("北京市水污染防治条例", lexicon) if (r.article, r.clause) == ("第八十二条", "第一款")]
    assert {r.role for r in water if r.holder_kind == "dept:环境保护"} == {"enforce"}
    fire = [r for r in rows_of("北京市消防条例", lexicon) if (r.article, r.clause) == ("第五十四条", "第四款")]
    assert {(r.holder_kind, r.role) for r in fire if r.holder_kind == "city_government"} == {
        ("city_government", "assist")
    }


def test_a_body_described_by_its_charge_is_a_holder(lexicon: Lexicon) -> None:
    """消防条例 第五十二条第二款: 本市各级人民政府和负有消防工作职责的部门应当… (lexicon-pattern)."""
    rows = [r for r in rows_of("北京市消防条例", lexicon) if (r.article, r.clause) == ("第五十二条", "第二款")]
    assert {r.holder_kind for r in rows} == {"all_level_governments", "relevant_departments"}


def test_a_sector_the_lexicon_does_not_know_does_not_break_the_list(lexicon: Lexicon) -> None:
    """无障碍设施建设和管理条例 第十七条: 市交通、公安交通、市政管理、商务、…、国土房管、金融、邮政、…、卫生等有关行政
    主管部门…应当 — 市政管理, 国土房管 and 金融 name no sector of the lexicon; the sectors before and after them
    still hold the duty (unknown-sector), and the unknown ones are not guessed."""
    rows = [r for r in rows_of("北京市无障碍设施建设和管理条例", lexicon) if r.article == "第十七条"]
    kinds = {r.holder_kind for r in rows if r.rules[0] == "lexicon-enumeration"}
    assert {"dept:交通", "dept:商务", "dept:旅游", "dept:园林绿化", "dept:邮政", "dept:卫生"} <= kinds
    assert not kinds & {"dept:市政市容", "dept:国土资源", "dept:住房城乡建设"}


def test_a_list_ending_in_industry_authorities_names_its_sectors(lexicon: Lexicon) -> None:
    """单用途预付卡管理条例 第六条第一款: 教育、科技、…、体育等行业主管部门按照职责分工，负责… (the list ends 等行业
    主管部门, not 等部门)."""
    rows = [r for r in rows_of("北京市单用途预付卡管理条例", lexicon) if (r.article, r.clause) == ("第六条", "第一款")]
    listed = {r.holder_kind for r in rows if r.rules[0] == "lexicon-enumeration"}
    assert {"dept:教育", "dept:科技", "dept:民政", "dept:卫生健康", "dept:体育"} <= listed


def test_a_body_a_text_defines_with_shi_holds_what_the_text_gives_that_name(lexicon: Lexicon) -> None:
    """反不正当竞争条例 第四条: 市和区、县工商行政管理部门是不正当竞争行为的监督检查部门 — so 第三十三条's
    `由监督检查部门责令停止违法行为…` is the 工商 department's sanction (definition-by-是), in this text only."""
    rows = [r for r in rows_of("北京市反不正当竞争条例", lexicon) if r.article == "第三十三条"]
    assert [(r.holder_kind, r.role) for r in rows] == [("dept:工商行政管理", "enforce")]
    (other,) = [p for p in (BUNDLED / "regulations").rglob("*.md") if p.name.startswith("北京市机动车停车条例")]
    assert "监督检查部门" not in lexicon.with_text_definitions(read_regulation(other)).full


def test_a_definition_gives_no_duty(lexicon: Lexicon) -> None:
    """居家养老服务条例 第二条: 本条例所称居家养老服务是指…由政府提供基本公共服务，企业、社会组织提供专业化服务，基层群众性
    自治组织和志愿者提供公益互助服务… defines a term (definition-clause)."""
    assert not [r for r in rows_of("北京市居家养老服务条例", lexicon) if r.article == "第二条"]


def test_the_agent_of_a_passive_is_no_holder(lexicon: Lexicon) -> None:
    """反不正当竞争条例 第九条第二款第（二）项 被省、部级以上政府部门、行业组织或者消费者协会认定为名优的商品 describes
    goods, not a task of the bodies that recognised them (passive-agent)."""
    rows = rows_of("北京市反不正当竞争条例", lexicon)
    assert not [r for r in rows if (r.article, r.clause) == ("第九条", "第二款第（二）项")]


def test_a_government_and_its_departments_are_both_holders(lexicon: Lexicon) -> None:
    """文明行为促进条例 第三十六条第一款: …市、区人民政府及其有关部门应当完善… names the two governments and their
    own departments at the same levels (government-and-departments), not departments of no stated level."""
    rows = [r for r in rows_of("北京市文明行为促进条例", lexicon) if (r.article, r.clause) == ("第三十六条", "第一款")]
    named = {(r.holder_kind, r.holder_level) for r in rows if r.rules[0] == "government-and-departments"}
    assert named == {
        ("city_government", ("city",)),
        ("district_government", ("district",)),
        ("city_departments", ("city",)),
        ("district_departments", ("district",)),
    }
    (bare,) = lexicon.holders("市和区县人民政府及其部门、乡镇人民政府、街道办事处应当…")[:1]
    assert "district_departments" in bare.kinds and bare.end == len("市和区县人民政府及其部门")


def test_a_unit_its_own_words_describe_is_the_subject(lexicon: Lexicon) -> None:
    """消防条例 第五十六条第二款 建立专职消防队的单位应当保障…; 第六十条第二款 邻近单位应当给予支援 (described-unit);
    第六十二条第一款 参与火灾扑救的单位和个人必须服从… still addresses everyone."""
    rows = rows_of("北京市消防条例", lexicon)
    units = {(r.article, r.clause) for r in rows if r.holder_kind == "units_general" and r.role == "duty_bearer"}
    assert {("第五十六条", "第二款"), ("第六十条", "第二款"), ("第六十三条", "第二款")} <= units
    assert ("第六十二条", "第一款") not in units


def test_a_lead_in_that_leaves_the_sanctions_to_its_items_takes_theirs(lexicon: Lexicon) -> None:
    """消防条例 第八十一条: …按照下列规定处罚：（一）…责令改正，处5000元以上5万元以下罚款；（二）…同上；（三）… —
    the penalty names each item's sanction, items with the same one together (penalty-by-item)."""
    (row,) = [r for r in rows_of("北京市消防条例", lexicon) if r.article == "第八十一条"]
    assert row.role == "enforce" and row.penalty.startswith(
        "（一）（二）项：责令改正，处5000元以上5万元以下罚款；（三）项："
    )


def test_who_evaluates_or_carries_out_oversight_supervises(lexicon: Lexicon) -> None:
    """物业管理条例 第六十七条第一款 …可以…委托专业评估机构对物业服务企业…进行评估 (oversight); 消防条例 第五条第一款
    公安机关对…消防工作实施监督管理，并由本级公安机关消防机构负责实施 (delegated-execution)."""
    evaluated = [r for r in rows_of("北京市物业管理条例", lexicon) if (r.article, r.clause) == ("第六十七条", "第一款")]
    assert len(evaluated) == 5 and {r.role for r in evaluated} == {"supervise"}
    fire = [r for r in rows_of("北京市消防条例", lexicon) if (r.article, r.clause) == ("第五条", "第一款")]
    assert {(r.holder_kind, r.role) for r in fire} == {("dept:公安", "supervise"), ("fire_psb", "supervise")}
    # 水污染防治条例 第八条 市人民政府应当…制定…标准…定期对标准进行评估: its own standard, so its own task;
    # 学前教育条例 第十条第二款 …居民委员会…应当协助当地人民政府…提供…指导: the predicate's own verb is 协助
    (water,) = [r for r in rows_of("北京市水污染防治条例", lexicon) if r.article == "第八条"]
    assert (water.holder_kind, water.role) == ("city_government", "lead")
    school = [r for r in rows_of("北京市学前教育条例", lexicon) if (r.article, r.clause) == ("第十条", "第二款")]
    assert {r.role for r in school if r.holder_kind == "residents_committee"} == {"assist"}


def test_a_body_asked_to_sanction_enforces_and_one_consulted_assists(lexicon: Lexicon) -> None:
    """市容环境卫生条例 第二十三条第三款 责任人…有权…要求城市管理综合执法部门查处 (petition-target, enforce);
    第六十条第一款 规划自然资源主管部门审批时，应当征求城市管理部门的意见 (consulted, assist; the body that 审批
    supervises, as the hand-read row has it: permit-subject, numbered last)."""
    rows = rows_of("北京市市容环境卫生条例", lexicon)
    asked = [r for r in rows if (r.article, r.clause) == ("第二十三条", "第三款")]
    assert [(r.holder_kind, r.role, r.rules[-1]) for r in asked] == [
        ("dept:城市管理综合执法", "enforce", "petition-target")
    ]
    consulted = [r for r in rows if (r.article, r.clause) == ("第六十条", "第一款")]
    assert [(r.holder_kind, r.role, r.rules[-1]) for r in consulted] == [
        ("dept:城市管理", "assist", "consulted"),
        ("dept:规划自然资源", "supervise", "permit-subject"),
    ]


def test_a_sanction_already_suffered_makes_no_enforcer(lexicon: Lexicon) -> None:
    """物业管理条例 第一百零三条: 行政执法机关应当将…受到行政处罚或者行政强制的情况共享到…平台 (sanction-suffered)."""
    rows = [r for r in rows_of("北京市物业管理条例", lexicon) if r.article == "第一百零三条"]
    assert [(r.holder_kind, r.role) for r in rows] == [("enforcement_organs", "lead")]


def test_a_list_may_end_with_its_function_and_a_body_with_the_complaints_it_received(lexicon: Lexicon) -> None:
    """水污染防治条例 第十六条 发展和改革、规划等项目审批部门 and 食品安全条例 第三十一条第三款 市政市容管理行政部门
    are lists of sectors; 消防条例 第七十六条第二款 收到检举、控告的机关，应当…查处 answers the complaints it received."""
    (approvers,) = lexicon.holders("评价文件，发展和改革、规划等项目审批部门不得批准其建设")
    assert approvers.kinds == ("dept:发展改革", "dept:规划")
    food = [r for r in rows_of("北京市食品安全条例", lexicon) if (r.article, r.clause) == ("第三十一条", "第三款")]
    assert [(r.holder_kind, r.role) for r in food] == [("dept:市政市容", "lead")]
    fire = [r for r in rows_of("北京市消防条例", lexicon) if (r.article, r.clause) == ("第七十六条", "第二款")]
    assert [(r.holder_kind, r.role) for r in fire] == [("relevant_departments", "respond")]


def test_a_list_of_holders_that_qualifies_a_thing_holds_nothing(lexicon: Lexicon) -> None:
    """机动车停车条例 第四十二条 乡镇人民政府、街道办事处确定的停车监督、管理人员…应当协助… and 物业管理条例
    第五十五条第三款 …持街道办事处、乡镇人民政府出具的成立证明申请… (list-qualifies-a-thing); 食品安全条例 第十四条
    …征求所在地乡镇人民政府或者街道办事处的意见 (consulted)."""
    parking = [r for r in rows_of("北京市机动车停车条例", lexicon) if r.article == "第四十二条"]
    assert not {r.holder_kind for r in parking} & {"street_office", "township_government"}
    property_rows = rows_of("北京市物业管理条例", lexicon)
    assert not [r for r in property_rows if (r.article, r.clause) == ("第五十五条", "第三款")]
    food = [r for r in rows_of("北京市食品安全条例", lexicon) if r.article == "第十四条"]
    assert {(r.holder_kind, r.role) for r in food if r.holder_kind in ("street_office", "township_government")} == {
        ("street_office", "assist"),
        ("township_government", "assist"),
    }


def test_a_body_that_finds_a_fault_acts_on_it(lexicon: Lexicon) -> None:
    """消防条例 第十六条第二款 公安机关消防机构发现消防供水设施不能正常使用的，应当通知维护管理单位… (finder,
    supervise); 燃气管理条例 第四十五条第一款 市场监督管理部门发现气瓶…的，应当实施查封、扣押 (enforce)."""
    fire = [r for r in rows_of("北京市消防条例", lexicon) if (r.article, r.clause) == ("第十六条", "第二款")]
    assert ("fire_psb", "supervise") in {(r.holder_kind, r.role) for r in fire}
    gas = [r for r in rows_of("北京市燃气管理条例", lexicon) if (r.article, r.clause) == ("第四十五条", "第一款")]
    assert [(r.holder_kind, r.role) for r in gas] == [("dept:市场监督管理", "enforce")]


def test_a_summary_starts_at_the_predicate_not_inside_the_holder_list() -> None:
    with (BUNDLED / EXTRACTED).open(encoding="utf-8") as f:
        duties = [r["duty"] for r in csv.DictReader(f)]
    assert not [d for d in duties if d.startswith(("、", "和", "及其", "及城市", "或者", "等有关", "以及"))]


def test_domain_from_title() -> None:
    assert domain_of("北京市燃气管理条例") == "燃气管理"
    assert domain_of("北京市实施《中华人民共和国道路交通安全法》办法") == "道路交通安全法"
    assert domain_of("北京市实施《中华人民共和国村民委员会组织法》的若干规定") == "村民委员会组织法"


@pytest.mark.parametrize("root", [BUNDLED, BUNDLED / "chongqing"], ids=["beijing", "chongqing"])
def test_the_bundled_extracted_duties_are_current(root: Path) -> None:
    """Rebuild from the reader, the lexicon and the corrections: run `python -m loaders.extracted [root]` if this
    fails."""
    assert (root / EXTRACTED).read_text(encoding="utf-8") == to_csv(bundle_rows(root))


def test_a_second_citys_hand_read_rows_come_first() -> None:
    """Rule `hand-read-first`: Chongqing's ten stop-gap hand rows stay as they were read; the reader's rows for the
    same article, clause and holder kind are left out, and the others are numbered after the hand rows of their
    article, so every id is unique (the loader refuses a repeated id) and a hand row's id keeps its meaning."""
    root = BUNDLED / "chongqing"
    with (root / "duties/regulation_duties.csv").open(encoding="utf-8") as f:
        hand = list(csv.DictReader(f))
    with (root / EXTRACTED).open(encoding="utf-8") as f:
        read = list(csv.DictReader(f))
    key = ("article", "clause", "holder_kind")
    assert len(hand) == 10 and len(read) > 400
    assert not {tuple(r[k] for k in key) for r in hand} & {tuple(r[k] for k in key) for r in read}
    assert len({r["id"] for r in hand + read}) == len(hand) + len(read)
    fifth = sorted(r["id"] for r in read if r["id"].startswith("cqsr2018-a5-"))
    assert fifth == ["cqsr2018-a5-5"]  # the hand rows are a5-1 to a5-4; the reader's 第四款 row follows them
    assert {r["quote_provenance"] for r in read} == {"official"} and {r["holder_provenance"] for r in read} == {
        "derived"
    }


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
    """A hand fix is a recorded correction with its reason; one that no longer matches a row, or that gives a row a
    duty its quote does not say, is refused."""
    with (BUNDLED / EXTRACTED).open(encoding="utf-8") as f:
        fixed = [r for r in csv.DictReader(f) if r["rule"] == "reviewed-correction"]
    assert [(r["id"], r["role"]) for r in fixed] == [
        ("cwh2012-a3-2", "lead"),
        ("xgmsp2018-a23-1", "enforce"),
        ("xgmsp2018-a23-2", "enforce"),
        ("jjyl2015-a17-1", "lead"),
        ("jjyl2015-a17-2", "lead"),
        ("ggws2020-a37-3", "supervise"),
    ]
    # 第二十三条 pairs 市场监督管理部门或者城管执法部门 with the two fines in order (第六条 divides the trades so): a small
    # restaurant's words must not find the stalls' enforcer
    duty = {r["holder_kind"]: r["duty"] for r in fixed if r["id"].startswith("xgmsp2018-a23-")}
    assert "小餐饮店" in duty["dept:市场监督管理"] and "小餐饮店" not in duty["dept:城市管理综合执法"]
    assert all(c.reason for c in read_corrections(BUNDLED))
    rows = rows_of("北京市控制吸烟条例", lexicon)
    first = rows[0]
    invented = Correction(
        "kzxy2021", first.article, first.clause, first.holder_kind, first.role, "duty", "不在法条里", ""
    )
    with pytest.raises(ValueError, match="not a verbatim part of its quote"):
        corrected("kzxy2021", rows, [invented])
    stale = Correction("kzxy2021", "第九十九条", "", "dept:卫生健康", "lead", "drop", "", "no such article")
    with pytest.raises(ValueError, match="match no extracted row"):
        corrected("kzxy2021", rows, [stale])


def test_reader_5_wording_rules(lexicon: Lexicon) -> None:
    """investigate-and-handle: 接到举报的…有关部门应当依法及时调查处理 answers a report, it gives no sanction;
    object-of-predicate: 教育部门负责各级各类学校…的行业管理 makes no row for the schools; 加强对保安服务公司的指导 is
    oversight; organiser: 组织政府有关部门开展消防安全检查 leads."""
    health = rows_of("北京市突发公共卫生事件应急条例", lexicon)
    assert ("relevant_departments", "respond") in {
        (r.holder_kind, r.role) for r in health if (r.article, r.clause) == ("第四十九条", "第一款")
    }
    assert [r.holder_kind for r in health if (r.article, r.clause) == ("第四十三条", "第（二）项")] == ["dept:教育"]
    order = rows_of("北京市社会治安综合治理条例", lexicon)
    assert [(r.holder_kind, r.role) for r in order if r.article == "第十九条"] == [("dept:公安", "supervise")]
    fire = rows_of("北京市消防条例", lexicon)
    assert {r.role for r in fire if r.clause == "第一款第（四）项" and r.article == "第九条"} == {"lead"}


def _read(lexicon: Lexicon, *articles: str) -> list[Row]:
    """Rows of a short synthetic text in the bundled layout, one 条 per argument (第一条, 第二条 …)."""
    numerals = "一二三四五六七八九十"
    body = "\n\n".join(f"第{numerals[i]}条 {text}" for i, text in enumerate(articles))
    return extract(parse_regulation(f"# 北京市某某条例\n\n<!-- INFO END -->\n\n{body}\n"), lexicon)


def _keys(rows: list[Row]) -> set[tuple[str, str, str]]:
    return {(r.article, r.holder_kind, r.role) for r in rows}


def test_reader_6_subject_rules(lexicon: Lexicon) -> None:
    """described-unit (a unit-level holder its words describe, also before ，应当), described-body (接到报告的X),
    agent-described (由发放证件的X吊销), state-violator and officials' conduct, topic-of-work, time-clause,
    object-of-building, and a government that sets a committee up is its subject."""
    rows = _read(
        lexicon,
        "直接向水体排放水污染物的企业事业单位和个体工商户，应当按照有关规定设置排污口。",
        "接到报告的食品办和食品安全监督管理部门应当及时调查处理，并反馈结果。",
        "道路运输从业人员有下列情形之一的，由发放从业资格证件的道路运输管理机构吊销其从业资格证件。",
        "水行政主管部门和其他有关部门不履行河湖保护管理职责，造成严重后果的，由同级人民政府追究责任。",
        "本市医院安全秩序管理工作应当遵循预防为主的原则。",
        "执法机关履行监督检查职责时，有关单位和人员应当积极配合。",
        "新建、改建、扩建交通客运换乘场站、中小学校、医院及其他客流集中的公共场所，应当设置落客区。",
        "市和区、县人民政府设立食品安全委员会，统一组织协调本行政区域的食品安全工作。",
        "本市各级人民政府及相关部门工作人员违反本条例规定的，依法给予处分。",
    )
    keys = _keys(rows)
    assert ("第一条", "units_general", "duty_bearer") in keys and ("第一条", "business_operator", "duty_bearer") in keys
    assert ("第二条", "dept:食品安全监督管理", "lead") in keys
    assert ("第三条", "dept:道路运输管理", "enforce") in keys
    assert not [r for r in rows if r.article in ("第五条", "第七条", "第九条")]
    # the failing departments hold nothing; the government that holds them to account supervises (reader 7)
    assert _keys([r for r in rows if r.article == "第四条"]) == {
        ("第四条", "city_government", "supervise"),
        ("第四条", "district_government", "supervise"),
    }
    assert {(r.holder_kind, r.role) for r in rows if r.article == "第六条"} == {("units_general", "duty_bearer")}
    assert {r.holder_kind for r in rows if r.article == "第八条"} == {"city_government", "district_government"}


def test_reader_6_sanction_rules(lexicon: Lexicon) -> None:
    """A closing order is a penalty (责令停产、停业); a sanction by the text's own article (依照本规定第二条的规定处理)
    is one; a sanction already given (处罚信息) or given by another (配合…查处) is not; a referral word outside the
    sanction's own part (案件移送…，及时查处) leaves the body the enforcer; a lead-in with its own fine keeps it
    (penalty-by-item only for …处罚：)."""
    rows = _read(
        lexicon,
        "有关排污单位违反本条例规定的，由环境保护行政主管部门处一万元罚款；情节严重的，市或者区、县人民政府可以责令其停产、停业。",
        "经营者违反本规定第一条规定的，由市场监督管理部门依照本规定第二条的规定处理。",
        "水务部门应当依法将对单位和个人的行政处罚信息等纳入本市公共信用信息平台。",
        "乡镇人民政府应当配备绿化管理人员；对本辖区内违反本条例的行为应当及时予以制止，并配合有关部门进行查处。",
        "本市有关行政执法部门应当加强信息共享、案件移送，及时查处违反本条例的行为。",
        "驾驶机动车有下列情形之一的，由公安机关交通管理部门处200元罚款：\n（一）未按照规定设置警告标志的；\n（二）夜间未开灯的。",
    )
    keys = _keys(rows)
    assert {("第一条", "city_government", "enforce"), ("第一条", "district_government", "enforce")} <= keys
    assert ("第二条", "dept:市场监督管理", "enforce") in keys
    assert _keys([r for r in rows if r.article in ("第三条", "第四条")]) == {
        ("第三条", "dept:水务", "lead"),
        ("第四条", "township_government", "lead"),
    }
    assert ("第五条", "relevant_departments", "enforce") in keys
    (fine,) = [r for r in rows if r.article == "第六条"]
    assert (fine.holder_kind, fine.role, fine.penalty) == ("dept:公安交通管理", "enforce", "处200元罚款：")


def test_reader_6_level_prefixes_and_lexicon_rows(lexicon: Lexicon) -> None:
    """The older texts' 区县 / 区、县 prefixes set the district level; 交通运输部门 and 有关单位 are read."""
    (district,) = lexicon.holders("区县民政部门可以确定服务商。")
    assert (district.kinds, district.levels) == (("dept:民政",), ("district",))
    (both,) = lexicon.holders("市或者区、县人民政府可以责令其停产。")
    assert both.kinds == ("city_government", "district_government")
    (transport,) = lexicon.holders("交通运输部门对燃气道路运输依法实施监督管理。")
    assert transport.kinds == ("dept:交通",)
    rows = _read(lexicon, "前款规定的地点，由有关单位设置明显的禁止燃放烟花爆竹警示标志，并负责看护。")
    assert _keys(rows) == {("第一条", "units_general", "duty_bearer")}


def test_reader_7_role_rules(lexicon: Lexicon) -> None:
    """breach-description (未履行…的, 依法不承担责任 oblige no one) and staff-of-body (医院治安保卫人员…), sanction-yields
    (责令限期改正；…依法给予处分 is one enforce row), 按照职责 before the body's own verb, sanction-as-noun (查处…的职责分工), penalty-decision (出具
    行政处罚决定书), 要 as an obligation word, organiser-described, and a government that 追究…责任 supervises."""
    rows = _read(
        lexicon,
        "医院未履行安全秩序管理工作职责，存在安全工作隐患的，由公安机关责令改正，并处警告。",
        "调度机构违反本条例第二十条，提供服务不符合规定的，由市卫生计生行政部门责令限期改正；造成严重后果的，并对直接负责的主管人员和其他直接责任人员依法给予处分。",
        "乡镇人民政府按照职责组织本辖区饲养动物的单位和个人做好动物疫病强制免疫、协助做好监督检查。",
        "市人民政府应当明确规划自然资源主管部门、城市管理综合行政执法机关等查处违法建设的职责分工。",
        "对依法应当给予罚款处罚的机动车驾驶人，由交通警察将其交通违法信息录入驾驶人信息卡，并出具行政处罚决定书。",
        "教育行政部门、共青团、大中小学校等要建立与爱国主义教育基地的工作联系制度。",
        "在街道、广场、公园等公共场所组织娱乐、集会等活动，使用乐器的，应当控制音量。",
        "医院治安保卫人员因正常履行职责给不法行为人造成损害，符合法定免责条件的，医院依法不承担责任。",
    )
    by_article: dict[str, set[tuple[str, str]]] = {}
    for r in rows:
        by_article.setdefault(r.article, set()).add((r.holder_kind, r.role))
    assert by_article["第一条"] == {("dept:公安", "enforce")}
    assert by_article["第二条"] == {("dept:卫生计生", "enforce")}
    assert by_article["第三条"] == {("township_government", "lead")}
    assert by_article["第四条"] == {("city_government", "lead")}
    (decision,) = [r for r in rows if r.article == "第五条"]
    assert decision.role == "enforce" and "处罚决定书" in decision.penalty and decision.penalty != "处罚决定书"
    assert {("mass_organisations", "duty_bearer"), ("school", "duty_bearer")} <= by_article["第六条"]
    assert by_article["第七条"] == {("event_organiser", "duty_bearer")}
    assert "第八条" not in by_article


def test_reader_7_subject_rules_and_lexicon_rows(lexicon: Lexicon) -> None:
    """An enumeration never runs over 及其…由 (the body after it is read), a place word (接受地) is no object marker,
    a phrase after an object and a comma continues its list, 贯彻执行 X's decision makes X an object, a body 所属的
    a city department is at city level, and 绿化委员会, 改造责任人 and 同级人民政府 are read."""
    rows = _read(
        lexicon,
        "河湖管理范围的绿化及其管理维护由河湖管理机构负责。",
        "移出地和接受地的区生态环境主管部门应当分别对危险废物的移出和接受情况进行监督。",
        "村民有权向乡、民族乡、镇人民政府，区、县人民政府及其有关主管部门反映。",
        "市社会治安综合治理委员会应当贯彻执行同级人民政府的决定。",
        "各级绿化委员会应当建立义务植树登记卡制度。",
        "改造责任人应当根据实施方案依法组织设计、施工和工程监理。",
    )
    keys = _keys(rows)
    assert _keys([r for r in rows if r.article == "第一条"]) == {("第一条", "river_management_unit", "duty_bearer")}
    assert ("第二条", "dept:生态环境", "supervise") in keys
    # (no subject: since reader 21 the body a party 有权向…反映 takes the report, report-target)
    assert {r.role for r in rows if r.article == "第三条" and r.holder_kind == "district_government"} == {"respond"}
    assert {r.holder_kind for r in rows if r.article == "第四条"} == {"comprehensive_order_committee"}
    assert ("第五条", "dept:园林绿化", "lead") in keys
    assert ("第六条", "owner", "duty_bearer") in keys
    (owned,) = lexicon.holders("市交通主管部门所属的道路运输管理机构应当定期发布信息。")
    assert (owned.kinds, owned.levels) == (("dept:道路运输管理",), ("city",))
    (same_level,) = lexicon.holders("由同级人民政府追究责任。")
    assert same_level.kinds == ("city_government", "district_government")


def test_reader_7_oversight_and_sanction_rules(lexicon: Lexicon) -> None:
    """designator (由市人民政府指定相关部门负责监督管理: the government leads), state-violator (an order and a 处分 for
    a state body that failed its duty are oversight), cost-bearer past a long owner phrase, and an order to correct
    an omission (…未使用再生水的，由…责令限期改正) is a penalty."""
    rows = _read(
        lexicon,
        "行业主管部门不明确的预付卡，由市人民政府指定相关部门负责监督管理。",
        "行政机关及其工作人员违反本条例规定，不履行法定职责的，由上级行政机关或者有关部门责令改正，对直接负责的主管人员依法给予行政处分。",
        "所需费用由户外广告设施、牌匾标识和标语宣传品的所有人承担。",
        "无正当理由未使用再生水的，由市水行政主管部门责令限期改正。",
    )
    keys = _keys(rows)
    assert ("第一条", "city_government", "lead") in keys
    assert ("第二条", "relevant_departments", "supervise") in keys
    assert not [r for r in rows if r.article == "第二条" and r.role == "enforce"]
    assert not [r for r in rows if r.article == "第三条"]
    assert _keys([r for r in rows if r.article == "第四条"]) == {("第四条", "dept:水务", "enforce")}


def test_reader_7_charge_by_is_and_lexicon_rows(lexicon: Lexicon) -> None:
    """charge-by-是 (公安机关是…的主管机关 leads); 公路 is a sector (the transport department); a venue's provider is
    read as its manager."""
    rows = _read(
        lexicon,
        "公安机关是烟花爆竹安全管理工作的主管机关。",
        "河湖保护范围的绿化及其管理维护分别由园林绿化、公路、水行政主管部门负责。",
        "活动举办场所和经营场所的提供者应当对检疫证明进行查验。",
    )
    keys = _keys(rows)
    assert ("第一条", "dept:公安", "lead") in keys
    assert {
        ("第二条", "dept:园林绿化", "lead"),
        ("第二条", "dept:交通", "lead"),
        ("第二条", "dept:水务", "lead"),
    } <= keys
    assert ("第三条", "premises_manager", "duty_bearer") in keys


def test_a_term_another_law_defines_keeps_that_sense_only_on_its_matter(lexicon: Lexicon) -> None:
    """borrowed-term: 承办单位 is the 接诉即办 条例's name for the units 12345 dispatches to (第十一条); in a text on
    another matter it is the undertaker of an event (安全生产条例 第三十五条: the 承办单位 of a large gathering)."""
    event = _read(lexicon, "大型群众性活动举办期间，承办单位应当落实各项安全措施，维持现场秩序。")
    assert _keys(event) == {("第一条", "event_organiser", "duty_bearer")}
    hotline = _read(lexicon, "接诉即办工作中，承办单位应当及时联系诉求人，了解诉求具体情况。")
    assert ("第一条", "handling_unit") in {(a, k) for a, k, _ in _keys(hotline)}


def test_list_and_others_names_the_listed_sectors_and_the_others(lexicon: Lexicon) -> None:
    """list-and-others: 由住房城乡建设或者其他行政主管部门责令改正 names the housing department and the others;
    公安、交通以及其他有关部门 names each sector, not the others alone."""
    rows = _read(
        lexicon,
        "违反本条例第十条规定的，由住房城乡建设或者其他行政主管部门责令改正，处1万元以上5万元以下的罚款。",
        "公安、交通以及其他有关部门应当根据应急预案制定本部门的具体实施方案。",
    )
    assert {("第一条", "dept:住房城乡建设", "enforce"), ("第一条", "sector_authority", "enforce")} <= _keys(rows)
    assert {
        ("第二条", "dept:公安", "lead"),
        ("第二条", "dept:交通", "lead"),
        ("第二条", "relevant_departments", "lead"),
    } <= _keys(rows)


def test_qualified_co_subject_after_a_separator(lexicon: Lexicon) -> None:
    """qualified-co-subject: in 医院与属地公安派出所应当… and 公安机关与政府其他有关部门应当… the place or owner word
    after 与 qualifies the second body, which shares the predicate."""
    rows = _read(
        lexicon,
        "医院与属地公安派出所应当建立联席会议制度，会商通报信息。",
        "公安机关与政府其他有关部门应当加强对旅店、旧货业等行业的管理。",
    )
    assert {("第一条", "medical_institution"), ("第一条", "police_station")} <= {(a, k) for a, k, _ in _keys(rows)}
    assert {("第二条", "dept:公安"), ("第二条", "relevant_departments")} <= {(a, k) for a, k, _ in _keys(rows)}


def test_management_responsible_party_outside_household_waste_keeps_a_facility(lexicon: Lexicon) -> None:
    """borrowed-term: 管理责任人 is the household-waste sorting manager only where the text speaks of 生活垃圾; 节水条例
    第三十九条's 公共用水设施的管理责任人 keeps a facility (maintenance_unit)."""
    rows = _read(lexicon, "公共用水设施的管理责任人应当加强日常巡查和维护管理，防止水的渗漏、流失。")
    assert _keys(rows) == {("第一条", "maintenance_unit", "duty_bearer")}


def test_disqualification_is_no_duty(lexicon: Lexicon) -> None:
    """disqualification: 被吊销许可证…5年内不得申请 / 终身不得从事 is a sanction's consequence, not a trader's duty."""
    rows = _read(
        lexicon,
        "小作坊、小餐饮店被吊销许可证的，其负责人自处罚决定作出之日起5年内不得申请食品生产经营许可。",
        "食品生产经营者生产经营有毒、有害食品，构成犯罪的，终身不得从事食品生产经营活动。",
    )
    assert rows == []


def test_conduct_of_officials_and_protected_party_give_no_duty(lexicon: Lexicon) -> None:
    """conduct-of-officials (…及其交通警察应当…文明执法 / 模范遵守) and protected-party (…及其急救人员依法开展…活动受
    法律保护) oblige no body; scope-clause reaches a long list ending 都应当遵守本条例."""
    rows = _read(
        lexicon,
        "公安机关交通管理部门及其交通警察应当依法履行职责，严格、公正、文明执法。",
        "院前医疗急救机构及其急救人员依法开展院前医疗急救活动受法律保护，任何单位和个人不得干扰、阻碍其正常工作。",
        "本市行政区域内的机关、团体、部队、企业事业单位和其他组织及公民，都应当遵守本条例。",
    )
    assert rows == []


def test_support_organiser_and_sanction_in_a_list_of_records(lexicon: Lexicon) -> None:
    """support (支持消费者协会的工作 assists); organiser (组织本级…的部门依法编制…清单 leads, though the list 接受监督);
    sanction-as-noun (记录…违法行为查处等…信息 records a sanction; it gives none)."""
    rows = _read(
        lexicon,
        "市和区、县人民政府应当支持消费者协会的工作，保障其职能的正常履行和必要的经费。",
        "市、区人民政府应当组织本级负有安全生产监督管理职责的部门依法编制安全生产权力和责任清单，向社会公开并接受监督。",
        "食品安全监督管理部门应当依法建立食品安全信用档案，记录许可证颁发、日常监督检查结果、违法行为查处等监督管理过程中获取的信息。",
    )
    keys = _keys(rows)
    assert {("第一条", "city_government", "assist"), ("第一条", "district_government", "assist")} <= keys
    assert {("第二条", "city_government", "lead"), ("第二条", "district_government", "lead")} <= keys
    assert ("第三条", "dept:食品安全监督管理", "lead") in keys


def test_reader_9_lexicon_rows(lexicon: Lexicon) -> None:
    """Small food trades (小作坊, 小餐饮店, 小食杂店), 集体用餐配送单位, 动物诊疗机构 and a fair's 场地和柜台提供者 are
    traders the lexicon reads; 医院举办者 is no hospital (a stop phrase)."""
    rows = _read(
        lexicon,
        "小作坊从事生产加工活动，应当遵守下列规定。",
        "小餐饮店从事餐饮服务，应当遵守下列规定。",
        "集体用餐配送单位应当使用专用封闭车辆配送食品。",
        "动物诊疗机构从事互联网诊疗活动的，应当在网站首页显著位置公示动物诊疗许可证。",
        "展销会举办者、场地和柜台提供者应当加强管理。",
        "医院举办者应当为医院安全秩序管理提供必要保障。",
    )
    keys = _keys(rows)
    assert {
        ("第一条", "business_operator", "duty_bearer"),
        ("第二条", "catering_operator", "duty_bearer"),
        ("第三条", "catering_operator", "duty_bearer"),
        ("第四条", "business_operator", "duty_bearer"),
        ("第五条", "premises_manager", "duty_bearer"),
    } <= keys
    assert not [k for k in keys if k[0] == "第六条"]


def test_own_departments_of_the_governments_named_before(lexicon: Lexicon) -> None:
    """own-departments: 市和区人民政府相关部门 names the city's and the districts' own departments, as the lexicon's
    市和区人民政府有关部门 does, whatever generic departments phrase follows the governments."""
    rows = _read(lexicon, "市和区人民政府相关部门，在各自职责范围内做好小规模食品生产经营有关管理工作。")
    assert _keys(rows) == {("第一条", "city_departments", "lead"), ("第一条", "district_departments", "lead")}


# Reader 10 (issue 11, fourth review: roles only), one test per rule.


def test_approval_target_after_bao_song(lexicon: Lexicon) -> None:
    """approval-target: …，并报送市环境保护和水行政主管部门备案 names where a paper goes; those departments check it."""
    rows = _read(lexicon, "区人民政府应当制定年度实施方案，并报送市环境保护和水行政主管部门备案。")
    assert _keys(rows) == {
        ("第一条", "district_government", "lead"),
        ("第一条", "dept:环境保护", "supervise"),
        ("第一条", "dept:水务", "supervise"),
    }


def test_evaluation_covers_jin_xing_ping_jia(lexicon: Lexicon) -> None:
    """evaluation: 对燃气供应企业…的情况进行评价 checks a party's work, as 进行评估 does."""
    rows = _read(lexicon, "城市管理部门应当建立许可评价制度，对燃气供应企业从事生产经营活动的情况进行评价。")
    assert _keys(rows) == {("第一条", "dept:城市管理", "supervise")}


def test_reward_and_penalty_of_a_scheme_is_no_sanction(lexicon: Lexicon) -> None:
    """sanction-as-noun: a responsibility system's 奖励和处罚 is a scheme the body runs, not a sanction it gives; past
    an opening 在…的领导下， (under-leadership) the body's own verb checks."""
    rows = _read(
        lexicon,
        "公安机关交通管理部门在同级人民政府的领导下，定期监督检查安全防范责任制度的落实情况，执行安全防范责任制度的奖励和处罚。",
    )
    assert _keys(rows) == {("第一条", "dept:公安交通管理", "supervise")}


def test_a_body_name_is_no_checking_verb(lexicon: Lexicon) -> None:
    """body-name-not-verb: the 监督 of 市场监督管理部门 / 技术监督局 names a body; the clause's own verb leads."""
    rows = _read(
        lexicon,
        "动物防疫部门应当与市场监督管理部门建立动物产品溯源管理工作衔接机制。",
        "大件商品的目录由市工商行政管理局会同市技术监督局制定发布。",
    )
    assert ("第一条", "dept:农业农村", "lead") in _keys(rows)
    assert ("第二条", "dept:工商行政管理", "lead") in _keys(rows)
    assert not [r for r in rows if r.role == "supervise"]


def test_consulted_with_others_in_the_list(lexicon: Lexicon) -> None:
    """consulted: 征求有关部门、专家和公众的意见 — the departments are asked with others; their opinion is a hand."""
    rows = _read(lexicon, "规划的组织编制机关应当采取论证会、听证会等形式，依法征求有关部门、专家和公众的意见。")
    assert _keys(rows) == {("第一条", "relevant_departments", "assist")}


def test_support_after_a_topic_and_a_field(lexicon: Lexicon) -> None:
    """support: 对…的建设，应当在土地、资金等方面给予支持 is a hand to another's task, past the topic and the field."""
    rows = _read(lexicon, "市和区人民政府对列入规划的道路运输场站的建设，应当在土地、资金等方面给予支持。")
    assert _keys(rows) == {("第一条", "city_government", "assist"), ("第一条", "district_government", "assist")}


def test_complaint_handling_reads_shen_su_and_the_whole_list(lexicon: Lexicon) -> None:
    """complaint-handling: a consumer's 申诉 is a complaint, and every body of 交通主管部门以及其他有关行政管理部门
    接到申诉或者举报，应当依法及时处理 handles it."""
    rows = _read(
        lexicon,
        "交通主管部门以及其他有关行政管理部门接到申诉或者举报，应当依法及时处理。",
        "有关行政部门对消费者的申诉，应当在接到申诉书后10日内作出是否受理的决定。",
    )
    assert {
        ("第一条", "dept:交通", "respond"),
        ("第一条", "relevant_departments", "respond"),
        ("第二条", "relevant_departments", "respond"),
    } == _keys(rows)


def test_oversight_closing_a_list_of_tasks_leads(lexicon: Lexicon) -> None:
    """among-tasks: 加强监督管理 after a list of the body's own tasks closes it (the clause leads); 对…实施监督管理
    after a basis (依照…的规定，) is the body's oversight."""
    rows = _read(
        lexicon,
        "市、区人民政府应当坚持平战结合，将危险废物应急处置纳入应急管理体系，制定应急处置预案，保障危险废物处置能力，加强监督管理。",
        "市、区交通、城市管理主管部门依据法律、法规和各自职责，分别对危险废物道路运输、有害垃圾收集实施监督管理。",
    )
    assert {("第一条", "city_government", "lead"), ("第一条", "district_government", "lead")} == {
        k for k in _keys(rows) if k[0] == "第一条"
    }
    assert {("第二条", "dept:交通", "supervise"), ("第二条", "dept:城市管理", "supervise")} == {
        k for k in _keys(rows) if k[0] == "第二条"
    }


def test_reader_11_fifth_review_rules(lexicon: Lexicon) -> None:
    """Reader 11 (issue 11, fifth review): anaphora-by-其, agent-obliged, a media list is news_media, a level range
    after 经 (level-qualifier), passive-oversight, 负责…行政执法工作 enforces, a list across ，以及."""
    rows = _read(
        lexicon,
        "公园、能源、电力、旅游、院校等单位管理的湖泊，由其负责建立健全管理制度。",
        "欺诈行为属生产者所为的，由销售者先行向消费者赔偿。",
        "新闻、出版、广播、电视等有关单位，应当加强对社会公众的道路交通安全宣传教育。",
        "实施前款行政强制措施，应当经区、县级以上监督检查部门负责人批准。",
        "村民委员会成员的离任经济责任审计，由乡、民族乡、镇人民政府负责组织。",
        "专业工程行政主管部门可以自行或者委托专业工程质量监督机构，负责专业工程的质量监督行政执法工作。",
        "机场、火车站、省际客运站等交通枢纽，以及市内公共交通工具的运营管理单位应当配合做好卫生检疫工作。",
    )
    keys = _keys(rows)
    assert ("第一条", "units_general", "duty_bearer") in keys
    assert ("第二条", "business_operator", "duty_bearer") in keys
    assert ("第三条", "news_media", "duty_bearer") in keys and ("第三条", "units_general", "duty_bearer") not in keys
    assert not [k for k in keys if k[0] == "第四条"]
    assert ("第五条", "township_government", "supervise") in keys
    assert ("第六条", "sector_authority", "enforce") in keys
    assert {
        ("第七条", "premises_manager", "duty_bearer"),
        ("第七条", "public_transport_operator", "duty_bearer"),
    } <= keys


def test_a_checking_word_that_qualifies_a_thing_is_no_oversight(lexicon: Lexicon) -> None:
    """oversight-as-noun: 食品安全条例 第七条 第三款 and 第五十五条 第三款 — the government that sets the departments'
    监督管理职责 and the department that publishes 监督管理信息 lead; 履行…监督管理职责 still supervises."""
    rows = _read(
        lexicon,
        "市人民政府可以根据实际需要对政府有关行政部门的食品安全监督管理职责进行确定或者调整。",
        "有关食品安全监督管理部门依据各自职责公布食品安全和农产品质量安全日常监督管理信息，同时向市食品办通报。",
        "市交通主管部门应当履行对行政许可事项的监管职责，定期核对行政许可登记事项。",
    )
    assert ("第一条", "city_government", "lead") in _keys(rows)
    assert ("第二条", "dept:食品安全监督管理", "lead") in _keys(rows)
    assert ("第三条", "dept:交通", "supervise") in _keys(rows)


def test_oversight_over_a_list_and_after_a_condition_of_the_body(lexicon: Lexicon) -> None:
    """oversight-over-a-list: 燃气管理条例 第七十条 第二款 and 单用途预付卡管理条例 第六条 (负责…的监督和管理)."""
    rows = _read(
        lexicon,
        "街道办事处、乡镇人民政府进行综合执法的，应当加强对辖区内燃气供应企业、非居民用户安全生产状况的监督检查。",
        "教育、科技、民政等行业主管部门按照职责分工，负责本行业、本领域预付卡的监督和管理。",
    )
    assert {("第一条", "street_office", "supervise"), ("第一条", "township_government", "supervise")} <= _keys(rows)
    assert {("第二条", "dept:教育", "supervise"), ("第二条", "dept:民政", "supervise")} <= _keys(rows)


def test_mutual_cooperation_is_no_assist(lexicon: Lexicon) -> None:
    """mutual-cooperation: 食品安全条例 第七条 — departments that 加强沟通、密切配合 share the oversight they carry out;
    one that works 与公安机关密切配合 assists."""
    rows = _read(
        lexicon,
        "质量技术监督、卫生等行政部门应当加强沟通、密切配合，按照法律、法规的规定实施食品安全监督管理。",
        "市城市管理部门应当与公安机关密切配合，做好相关工作。",
    )
    assert {("第一条", "dept:质量技术监督", "supervise"), ("第一条", "dept:卫生", "supervise")} == _keys(rows) - {
        k for k in _keys(rows) if k[0] != "第一条"
    }
    assert ("第二条", "dept:城市管理", "assist") in _keys(rows)


def test_a_referral_with_no_sanction_word_assists_and_its_target_handles(lexicon: Lexicon) -> None:
    """referral-without-sanction and referral-target: 燃气管理条例 第四十五条 (移送市场监督管理部门处理; since reader 31
    城市管理综合执法等政府有关部门 names the 城管 it lists) and 城乡规划条例 第九十条 第二款 (将涉嫌犯罪案件移送公安机关)."""
    rows = _read(
        lexicon,
        "城市管理综合执法等政府有关部门发现使用不符合安全技术规范要求气瓶的行为的，应当移送市场监督管理部门处理。",
        "违反本条例规定，涉嫌构成其他刑事犯罪的，城市管理综合执法部门应当将涉嫌犯罪案件移送公安机关，依法追究刑事责任。",
    )
    keys = _keys(rows)
    assert ("第一条", "dept:城市管理综合执法", "assist") in keys
    assert ("第一条", "dept:市场监督管理", "enforce") in keys
    assert ("第二条", "dept:城市管理综合执法", "assist") in keys


def test_a_complaint_then_its_handling_is_a_response(lexicon: Lexicon) -> None:
    """complaint-then-handling: 燃气管理条例 第三十二条 and 单用途预付卡管理条例 第二十五条 — 依法处理 / 予以处理 of a
    complaint received is its handling, not a sanction."""
    rows = _read(
        lexicon,
        "城市管理综合执法部门接到举报后，应当立即核查并依法处理。",
        "消费者向有关行业主管部门投诉的，有关部门应当自收到投诉之日起七个工作日内予以处理，并将处理结果告知消费者。",
    )
    keys = _keys(rows)
    assert ("第一条", "dept:城市管理综合执法", "respond") in keys
    assert ("第二条", "relevant_departments", "respond") in keys
    assert not [k for k in keys if k[2] == "enforce"]


def test_a_liability_for_a_harm_is_no_duty(lexicon: Lexicon) -> None:
    """liability-not-duty: 单用途预付卡管理条例 第二十六条 and 城乡规划条例 第八十九条; 承担质量责任 stays a duty."""
    rows = _read(
        lexicon,
        "电子商务平台经营者知道或者应当知道平台内经营者有损害消费者合法权益行为，未采取必要措施的，依法承担连带责任。",
        "建设单位进行建设对公民、法人和其他组织的合法权益造成损害的，应当依法承担相应的民事责任。",
        "建设单位应当依法承担质量责任。",
    )
    assert _keys(rows) == {("第三条", "developer", "duty_bearer")}


def test_a_sanction_after_a_semicolon_goes_to_the_bodies_of_the_part_before(lexicon: Lexicon) -> None:
    """carried-enforcer: 燃气管理条例 第五十条 — the bodies that order a hazard removed close the business where the
    hazard is grave; the text's default enforcer (第二条 here) does not."""
    rows = _read(
        lexicon,
        "城市管理综合执法部门负责实施本条例规定的行政处罚。",
        "应急管理部门、城市管理部门在履行职责中发现燃气供应和使用的安全生产事故隐患的，应当责令立即排除；"
        "有重大安全生产事故隐患的，应当责令暂时停产停业或者停止使用相关燃气设施、设备。",
    )
    keys = {k for k in _keys(rows) if k[0] == "第二条"}
    assert keys == {("第二条", "dept:应急管理", "enforce"), ("第二条", "dept:城市管理", "enforce")}


def test_a_body_a_plan_goes_to_for_review_supervises(lexicon: Lexicon) -> None:
    """approval-target with 审查: 城乡规划条例 第十九条 (报市规划自然资源主管部门审查) and 户外广告…条例 第九条 (经…组织审查);
    a government's 审查批准 stays out, as 批准 does."""
    rows = _read(
        lexicon,
        "乡、镇域规划由区人民政府报市规划自然资源主管部门审查后报市人民政府审批。",
        "市城市管理部门编制专项规划，经市规划和自然资源主管部门组织审查，报市人民政府审查批准后，向社会公布。",
    )
    keys = _keys(rows)
    assert ("第一条", "dept:规划自然资源", "supervise") in keys
    assert ("第二条", "dept:规划自然资源", "supervise") in keys
    assert ("第二条", "city_government", "supervise") not in keys


def test_an_item_keeps_its_own_body_and_staff_is_no_body(lexicon: Lexicon) -> None:
    """duty-list: an item that names its own body keeps it past a ； (突发公共卫生事件应急条例 第四十三条 （七）公安机关
    负责…；…依法协助有关部门强制执行); 物业服务人员 is staff, not the 物业服务人 (第四十一条 （二）)."""
    rows = _read(
        lexicon,
        "市、区人民政府有关部门应当履行下列职责：\n\n"
        "（一）公安机关负责维护社会治安秩序；对拒绝配合的，依法协助有关部门强制执行。",
        "街道办事处应当履行下列职责：\n\n（一）组建社区工作者、物业服务人员等人员组成的基层应急队伍。",
    )
    assert {(r.article, r.clause, r.holder_kind) for r in rows} == {
        ("第一条", "第（一）项", "dept:公安"),
        ("第二条", "第（一）项", "street_office"),
    }


def test_a_duty_list_is_read_by_any_verb_that_takes_on_the_items_but_not_by_guidance(lexicon: Lexicon) -> None:
    """duty-list: 居家养老服务条例 第六条 (负责具体组织实施下列…工作：) and 第七条 (组织…开展以下活动：) put the bodies on each
    项; guided-list: 消防条例 第三十四条第二款 — the committee that 指导…人员做好下列防火工作 holds the 款, not the
    residents' items."""
    rows = _read(
        lexicon,
        "乡镇人民政府和街道办事处负责具体组织实施下列居家养老服务工作：\n\n（一）整合社会资源，建立社区养老服务平台；"
        "\n\n（二）指导、组织基层群众性自治组织为老年人服务。",
        "村民委员会应当制定消防宣传教育计划，指导在农村地区居住的人员做好下列防火工作：\n\n"
        "（一）不在村内道路上堆物、堆料或者搭设棚屋；",
    )
    assert {(r.article, r.clause, r.holder_kind, r.role) for r in rows} == {
        ("第一条", "第（一）项", "township_government", "lead"),
        ("第一条", "第（一）项", "street_office", "lead"),
        ("第一条", "第（二）项", "township_government", "supervise"),
        ("第一条", "第（二）项", "street_office", "supervise"),
        ("第二条", "", "villagers_committee", "lead"),
    }


def test_a_task_list_names_the_whole_list_of_its_owners(lexicon: Lexicon) -> None:
    """task-list: 社会治安综合治理条例 第十一条 — 居民委员会、村民委员会在…工作中的任务： both committees hold each item."""
    rows = _read(lexicon, "居民委员会、村民委员会在社会治安综合治理工作中的任务：\n\n（一）宣传法律、法规、规章。")
    assert {(r.clause, r.holder_kind) for r in rows} == {
        ("第（一）项", "residents_committee"),
        ("第（一）项", "villagers_committee"),
    }


def test_a_penalty_stops_before_another_bodys_sanction(lexicon: Lexicon) -> None:
    """penalty-of-its-own-body: 院前医疗急救服务条例 第五十七条 and 燃气管理条例 第五十八条 — the second sanction is the
    second body's; the same body named again keeps its own."""
    rows = _read(
        lexicon,
        "违反本条例第二十八条第二款规定，擅自配置院前救护车的，由区卫生计生行政部门予以取缔，没收违法所得，并处5万元以上10万元以下罚款；"
        "非法安装警报器、标志灯具的，由公安机关交通管理部门依法强制拆除、收缴，并处罚款。",
        "违反本条例规定的，由市场监督管理部门责令停止生产、销售，并处罚款；情节严重的，吊销营业执照，"
        "并由城市管理综合执法部门吊销燃气经营许可证。",
    )
    penalty = {(r.article, r.holder_kind): r.penalty for r in rows if r.role == "enforce"}
    assert penalty[("第一条", "dept:卫生计生")] == "没收违法所得，并处5万元以上10万元以下罚款"
    assert penalty[("第一条", "dept:公安交通管理")] == "强制拆除、收缴，并处罚款"
    assert penalty[("第二条", "dept:市场监督管理")] == "责令停止生产、销售，并处罚款；情节严重的，吊销营业执照"


def test_a_body_whose_oversight_or_consent_a_party_accepts_supervises(lexicon: Lexicon) -> None:
    """oversight-accepted (实施《动物防疫法》办法 第十九条, 社会治安综合治理条例 第七条) and consent-required (实施《道路
    交通安全法》办法 第三十条); a unit's oversight (接受总承包单位的监督管理) gives it no row."""
    rows = _read(
        lexicon,
        "通过道路运输动物进入本市的，应当经指定通道，并接受动物防疫部门的监督检查。",
        "各单位的社会治安综合治理工作，应当接受所在地社会治安综合治理委员会的指导、协调和检查。",
        "占用道路的行为，应当征得公安机关交通管理部门的同意。",
        "分包单位负责分包范围内施工现场的消防安全，并接受总承包单位的监督管理。",
    )
    keys = _keys(rows)
    assert ("第一条", "dept:农业农村", "supervise") in keys
    assert ("第二条", "comprehensive_order_committee", "supervise") in keys
    assert ("第三条", "dept:公安交通管理", "supervise") in keys
    assert not [k for k in keys if k[0] == "第四条" and k[2] == "supervise"]


def test_reader_13_role_wording(lexicon: Lexicon) -> None:
    """实施监管 (建设工程质量条例 第六十七条) is oversight, a 监督管理体系 built is no checking (突发公共卫生事件应急条例
    第四十条), and 办理本村的 is a verb's scope (实施《村民委员会组织法》的若干规定 第三条)."""
    rows = _read(
        lexicon,
        "住房城乡建设行政主管部门应当按照国家标准、行业标准和本市地方标准实施监管。",
        "区人民政府应当建立健全运转有效的领导指挥体系和监督管理体系。",
        "村民委员会办理本村的公共事务和公益事业，调解民间纠纷。",
    )
    keys = _keys(rows)
    assert {
        ("第一条", "dept:住房城乡建设", "supervise"),
        ("第二条", "district_government", "lead"),
        ("第三条", "villagers_committee", "lead"),
    } <= keys


def test_a_prohibition_on_anyone_goes_to_the_body_that_sanctions_it(lexicon: Lexicon) -> None:
    """prohibition-enforcer: 医院安全秩序管理规定 第二十三条 forbids anyone to threaten medical staff and 第二十四条
    sanctions it by number (here 第一条第二款、第二条, in the text 第十八条第二款、第二十三条): the police hold the
    prohibition, with its own quote; a ban no penalty cites (第一条 has no 第二款) and a named party's ban (第四条) stay
    as they were; items a penalty cites one by one (燃气管理条例 第四十一条, 第六十六条) go to their own body."""
    rows = _read(
        lexicon,
        "禁止在河湖管理范围内倾倒垃圾。",
        "任何人不得有下列行为：\n\n（一）侮辱、恐吓、威胁、谩骂、推搡和恶意尾随医务人员；\n\n（二）殴打、伤害医务人员。",
        "违反本规定第一条第二款、第二条规定，构成违反治安管理行为的，由公安机关依照《中华人民共和国治安管理处罚法》"
        "给予警告、罚款、拘留等处罚。",
        "经营者不得作虚假宣传。",
        "在管道燃气设施保护范围内，禁止从事下列活动：\n\n（一）建设占压管道燃气设施的建筑物；\n\n（二）进行爆破、取土等作业。",
        "有本条例第五条第（二）项规定情形的，由城市管理综合执法部门责令停止违法行为，处五万元以上十万元以下罚款。",
    )
    prohibition = [r for r in rows if "prohibition-enforcer" in r.rules]
    assert [(r.article, r.clause, r.holder_kind, r.role) for r in prohibition] == [
        ("第二条", "", "dept:公安", "enforce"),
        ("第五条", "第（二）项", "dept:城市管理综合执法", "enforce"),
    ]
    assert "恶意尾随医务人员" in prohibition[0].quote and prohibition[0].sanctioned_by == "第三条"
    assert prohibition[1].quote.endswith("进行爆破、取土等作业。")
    assert not [r for r in rows if r.article in ("第一条", "第四条") and r.role == "enforce"]


def test_a_party_named_by_its_trade_is_a_duty_bearer(lexicon: Lexicon) -> None:
    """activity-described-party (实施《动物防疫法》办法 第五条、第十条): a party named by the trade it carries on is a
    trader, one that keeps dogs a dog's keeper; 任何单位和个人 names no party."""
    rows = _read(
        lexicon,
        "从事动物饲养、屠宰、经营、隔离、运输以及动物产品生产、经营、加工、贮藏等活动的单位和个人，应当按照国家和本市"
        "有关规定，做好免疫、消毒、检测、隔离、净化、消灭、无害化处理等动物防疫工作。",
        "饲养犬只的单位和个人应当按照本市有关规定，定期对犬只进行狂犬病免疫接种，领取免疫证明、标识。",
        "任何单位和个人不得伪造动物检疫证明。",
    )
    assert {("第一条", "business_operator", "duty_bearer"), ("第二条", "dog_keeper", "duty_bearer")} <= _keys(rows)
    assert not [r for r in rows if r.role == "duty_bearer" and r.article == "第三条"]


def test_older_sector_names_and_trade_management(lexicon: Lexicon) -> None:
    """first-sector-suffix and older-sector-names (社会治安综合治理条例 第二十五条: 工商行政、…、环卫、城建、…、卫生防疫等
    部门), trade-management (第二十三条: 加强对…等行业的管理 supervises); 加强对…人员的管理和教育 still leads."""
    rows = _read(
        lexicon,
        "乡、镇人民政府、街道办事处和公安、工商行政、税务、商业、劳动、环卫、城建、房管、卫生防疫等部门应当密切配合，"
        "按照市人民政府的有关规定，加强对外地来京务工、经商人员的管理和教育，保护其合法权益，制止和取缔违法行为。",
        "公安机关与政府其他有关部门应当加强对旅店、废旧金属回收、旧货业、印刷、刻字、复印、小件寄存、修配钥匙、出租汽车"
        "以及汽车修理等行业的管理，防范和打击违法犯罪活动。",
    )
    keys = _keys(rows)
    assert {
        ("第一条", kind, "lead")
        for kind in ("dept:工商行政管理", "dept:商务", "dept:城市管理", "dept:建设", "dept:卫生", "street_office")
    } <= keys
    assert {("第二条", "dept:公安", "supervise"), ("第二条", "relevant_departments", "supervise")} <= keys


def test_offices_shared_by_two_committees_and_named_other_departments(lexicon: Lexicon) -> None:
    """shared-office (文明行为促进条例 第六条第二款: the offices of both committees, not the first committee), named-others
    (实施《动物防疫法》办法 第四条第三款: a short clause opening 其他有关部门 is a duty, not a catch-all item)."""
    rows = _read(
        lexicon,
        "首都精神文明建设委员会和各区精神文明建设委员会办事机构负责本行政区域内文明行为促进工作的组织协调、督促检查。",
        "其他有关部门按照职责分工，做好动物防疫相关工作。",
    )
    assert {(r.article, r.holder_kind, r.role, r.holder_level) for r in rows} == {
        ("第一条", "civility_office", "lead", ("city", "district")),
        ("第二条", "relevant_departments", "lead", ("city", "district")),
    }


def test_a_meetings_procedure_is_no_task_and_its_decisions_are(lexicon: Lexicon) -> None:
    """meeting-procedure, decision-power and object-of-review (实施《村民委员会组织法》的若干规定 第十五条第二款、第十七条、
    第十八条): how the meeting is called gives the committee that calls it the task; what the meeting decides or reviews
    is its own."""
    rows = _read(
        lexicon,
        "村民会议每年至少召开一次，由村民委员会召集，并应当提前十日通知村民。",
        "村民会议根据法律、法规和相关政策，结合本村实际情况，制定和修改村民自治章程、村规民约。",
        "村民会议审议村民委员会的年度工作报告，评议村民委员会成员的工作；有权撤销或者变更村民委员会不适当的决定。",
        "村民委员会应当及时公布村民会议讨论决定的事项。",
    )
    # object-of-review: the committee whose decisions the meeting may undo holds no row on 第三条
    assert not [r for r in rows if r.article == "第三条" and r.holder_kind == "villagers_committee"]
    assert {(r.article, r.holder_kind, r.role) for r in rows if r.holder_kind == "villagers_meeting"} == {
        ("第二条", "villagers_meeting", "lead"),
        ("第三条", "villagers_meeting", "supervise"),
    }
    assert ("第一条", "villagers_committee", "lead") in _keys(rows)


def test_a_unit_described_by_the_dangerous_goods_it_handles(lexicon: Lexicon) -> None:
    """hazard-described-unit (社会治安综合治理条例 第二十四条): a hazard_unit, not units_general."""
    rows = _read(
        lexicon,
        "生产、运输、储存、使用枪支弹药、爆炸物品、剧毒物品、放射性物质等危险物品以及麻醉药品的单位，应当对上述物品严格"
        "管理，防止丢失、被盗和发生事故。",
    )
    assert [(r.holder_kind, r.role) for r in rows] == [("hazard_unit", "duty_bearer")]


def test_a_body_that_takes_and_answers_the_publics_complaints_responds(lexicon: Lexicon) -> None:
    """answers-the-public (社会治安综合治理条例 第十五条; 实施《村民委员会组织法》的若干规定 第二十九条第二款)."""
    rows = _read(
        lexicon,
        "公安、检察、审判机关对公民控告、检举或者扭送的犯罪嫌疑人，应当接受，及时依法处理，并保护控告、检举和扭送人的安全。",
        "村民委员会应当广泛听取群众对村务公开的意见，接受群众查询，并作好答复工作。",
    )
    assert {("第一条", "dept:公安", "respond"), ("第二条", "villagers_committee", "respond")} <= _keys(rows)


def test_a_lead_in_that_takes_measures_is_a_duty_list(lexicon: Lexicon) -> None:
    """measures-list (突发公共卫生事件应急条例 第十五条、第三十一条): the governments hold each 项; 有权采取下列措施 is a list
    of powers and keeps the 款."""
    rows = _read(
        lexicon,
        "市、区人民政府应当采取下列措施，加强疾病预防控制体系建设：\n\n（一）按照国家标准建设疾病预防控制机构基础设施；"
        "\n\n（二）完善公共卫生服务项目，开展重大疾病和主要健康危险因素专项防控工作；",
        "突发公共卫生事件发生后，市、区人民政府依法采取下列一项或者多项措施，并对应急响应级别和应对措施适时调整："
        "\n\n（一）调集应急处置和医疗救治队伍，调用储备物资；",
    )
    assert {(r.article, r.clause, r.holder_kind) for r in rows} == {
        ("第一条", "第（一）项", "city_government"),
        ("第一条", "第（一）项", "district_government"),
        ("第一条", "第（二）项", "city_government"),
        ("第一条", "第（二）项", "district_government"),
        ("第二条", "第（一）项", "city_government"),
        ("第二条", "第（一）项", "district_government"),
    }


def test_units_described_by_hazardous_waste_and_place_operators(lexicon: Lexicon) -> None:
    """hazardous-waste-unit (危险废物污染环境防治条例 第十三条、第十七条) and place-operator (机动车停车条例 第三十二条)."""
    rows = _read(
        lexicon,
        "产生危险废物的企业事业单位和其他生产经营者应当建立危险废物管理台账。",
        "危险废物收集、利用、处置单位应当按照规定及时收集、利用、处置危险废物。",
        "停车设施经营单位应当在显著位置明示停车设施名称、范围、收费标准。",
    )
    assert _keys(rows) == {
        ("第一条", "hazard_unit", "duty_bearer"),
        ("第二条", "hazard_unit", "duty_bearer"),
        ("第三条", "premises_manager", "duty_bearer"),
    }


def test_a_unit_obliged_through_its_head_is_the_unit(lexicon: Lexicon) -> None:
    """unit-head (安全生产条例 第十四条); 消防条例 第十二条's 是…责任人 stays out."""
    rows = _read(
        lexicon,
        "生产经营单位的主要负责人应当依照安全生产法的规定，组织落实全员安全生产责任制。",
        "单位的主要负责人是本单位的消防安全责任人，对本单位的消防安全工作全面负责。",
    )
    assert _keys(rows) == {("第一条", "business_operator", "duty_bearer")}
    assert rows[0].duty.startswith("依照安全生产法")


def test_a_body_that_decides_on_a_permit_supervises(lexicon: Lexicon) -> None:
    """permit-decision (燃气管理条例 第十六条第三款) and permit-subject (第十条第一款: the consulted body assists); a plan
    sent 报…批准 stays the drafting body's own task."""
    rows = _read(
        lexicon,
        "区城市管理部门应当自受理燃气经营许可申请之日起十二个工作日内作出行政许可决定。",
        "市城市管理部门应当会同有关部门制定本市的环境卫生标准，报市人民政府批准后实施。",
        "发展改革部门审批燃气工程建设项目，应当征求城市管理等有关部门的意见。",
    )
    assert ("第一条", "dept:城市管理", "supervise") in _keys(rows)
    assert ("第二条", "dept:城市管理", "lead") in _keys(rows)
    assert {k for k in _keys(rows) if k[0] == "第三条"} == {
        ("第三条", "dept:发展改革", "supervise"),
        ("第三条", "dept:城市管理", "assist"),
    }


def test_a_government_that_leads_a_field_of_oversight_leads(lexicon: Lexicon) -> None:
    """leads-the-field (食品安全条例 第五条第一款), as 消防条例 第四条's 领导本行政区域内的消防工作."""
    rows = _read(lexicon, "市和区、县人民政府统一领导、组织协调本行政区域的食品安全监督管理工作。")
    assert _keys(rows) == {("第一条", "city_government", "lead"), ("第一条", "district_government", "lead")}


def test_a_cost_shared_by_agreement_is_no_duty(lexicon: Lexicon) -> None:
    """cost-allocation (物业管理条例 第二十二条, 消防条例 第六十五条); a cost the text lays on a party stays a duty."""
    rows = _read(
        lexicon,
        "出售房屋交付之日的次月至前期物业服务合同终止之日的当月发生的物业费，由业主按照房屋买卖合同的约定承担；"
        "房屋买卖合同未约定的，由建设单位承担。",
        "单位专职消防队、志愿消防队参加扑救本单位以外的火灾所损耗的燃料、灭火剂和器材、装备等，"
        "由火灾发生地的区、县人民政府给予补偿。",
        "前期物业服务合同生效之日至出售房屋交付之日的当月发生的物业费，由建设单位承担。",
    )
    assert {k for k in _keys(rows) if k[0] == "第一条"} == set()
    assert ("第二条", "fire_team_fulltime", "lead") not in _keys(rows)
    assert ("第三条", "developer", "duty_bearer") in _keys(rows)


def test_a_self_governing_bodys_internal_procedure_is_no_task(lexicon: Lexicon) -> None:
    """internal-procedure (物业管理条例 第三十一条第四款、第四十三条第四款, 居民委员会组织法办法 第十九条、第二十一条);
    sets-up-committees still leads."""
    rows = _read(
        lexicon,
        "筹备组人数应当为单数，其中业主代表人数不低于筹备组人数的二分之一。",
        "业主委员会印章由业主委员会保管，需要使用业主委员会印章的，应当有业主委员会过半数委员签字。",
        "居民委员会决定问题，采取少数服从多数的原则。",
        "居民不足二百户的居民委员会可以不设下属的委员会，由居民委员会的成员分工负责有关工作。",
        "居民委员会根据需要设人民调解、治安保卫、公共卫生等委员会。",
        "业主大会和业主委员会，对任意弃置垃圾、排放污染物或者噪声、违反规定饲养动物、违法搭建、侵占通道、拒付物业费等"
        "损害他人合法权益的行为，有权依照法律法规以及管理规约，要求行为人停止侵害、排除妨碍。",
        "村民会议授权村民代表会议讨论决定的具体事项应当在村民自治章程中规定。",
    )
    assert _keys(rows) == {
        ("第五条", "residents_committee", "lead"),
        ("第六条", "owners_assembly", "supervise"),
        ("第六条", "owners_committee", "supervise"),
    }


def test_a_principle_and_a_subordinate_mention_give_no_row(lexicon: Lexicon) -> None:
    """rights-principle (物业管理条例 第二十七条第二款) and subordinate-mention (居民委员会组织法办法 第二十八条: the
    consenting governments supervise)."""
    rows = _read(
        lexicon,
        "业主行使权利不得危及物业的安全，不得损害其他业主的合法权益。",
        "本市各级人民政府有关部门，需要居民委员会或者它的下属委员会协助进行的工作，"
        "应当经区、县人民政府或者街道办事处、乡、民族乡、镇人民政府同意并统一安排。",
        "未经街道办事处同意而要求居民委员会协助工作的，居民委员会可以拒绝。",
        "居民委员会办理本居住地区的公益事业所需的费用，经居民会议讨论决定，可以根据自愿原则向居民筹集；"
        "收支帐目应当及时公布，接受居民监督。",
    )
    assert ("第四条", "residents_meeting", "lead") not in _keys(rows)
    assert {k[1] for k in _keys(rows) if k[0] == "第一条"} == set()
    assert {k for k in _keys(rows) if k[0] == "第二条"} == {
        ("第二条", "district_government", "supervise"),
        ("第二条", "street_office", "supervise"),
        ("第二条", "township_government", "supervise"),
    }
    assert ("第三条", "residents_committee", "lead") not in _keys(rows)


def test_urging_the_party_in_default_leads(lexicon: Lexicon) -> None:
    """reminder-in-default (物业管理条例 第七十二条第一款) and charge-of-oversight by 实施 (第六条第一款第（八）项)."""
    rows = _read(
        lexicon,
        "业主逾期不交纳物业费的，业主委员会应当督促其交纳。",
        "市住房和城乡建设主管部门履行下列职责：\n（一）实施物业管理方面的其他监督管理职责。",
    )
    assert ("第一条", "owners_committee", "lead") in _keys(rows)
    assert ("第二条", "dept:住房城乡建设", "supervise") in _keys(rows)


def test_a_facilitys_keeper_is_named_by_the_lexicon(lexicon: Lexicon) -> None:
    """facility-keeper (市容环境卫生条例 第四十四条第一款, 消防条例 第十六条第二款)."""
    rows = _read(
        lexicon,
        "夜景照明和路灯照明的设置单位或者管理单位应当加强照明设施的维护管理，做到整洁美观、使用安全。",
        "公共供水设施的维护管理单位应当保障消防供水设施的正常使用。",
    )
    assert _keys(rows) == {
        ("第一条", "maintenance_unit", "duty_bearer"),
        ("第二条", "public_service_enterprise", "duty_bearer"),
    }


def test_reader_20_applications_approvals_and_decisions(lexicon: Lexicon) -> None:
    """application-target (市容环境卫生条例 第五十五条), approval-target on a closing 报X批准 and decision-target on a
    closing 报X决定 (居民委员会组织法办法 第十条第二款、第九条第二款); the body a party applies to for a seal's carving
    is no permit's grantor (物业管理条例 第五十五条第一款)."""
    rows = _read(
        lexicon,
        "设置建筑垃圾、渣土消纳场所的，应当向城市管理部门提出申请，经许可后，方可设置。",
        "因特殊情况需要增加或者减少居民委员会成员人数的，由所在地的街道办事处或者乡、民族乡、镇人民政府提出，"
        "报区、县人民政府批准。",
        "居民委员会的设立、撤销、规模调整，由所在地的街道办事处或者乡、民族乡、镇人民政府提出，报区、县人民政府决定。",
        "物业管理委员会持业主大会备案证明和印章刻制证明向公安机关申请刻制业主大会印章。",
    )
    assert ("第一条", "dept:城市管理", "supervise") in _keys(rows)
    assert ("第二条", "district_government", "supervise") in _keys(rows)
    assert ("第三条", "district_government", "lead") in _keys(rows)
    assert not {k for k in _keys(rows) if k[0] == "第四条" and k[1] == "dept:公安"}


def test_reader_20_interpretation_agent_acts_and_organiser_first(lexicon: Lexicon) -> None:
    """interpretation-clause (居民委员会组织法办法 第三十条), agent-acts (消防条例 第三十六条第一款), organiser-first
    (居民委员会组织法办法 第十八条第一款; 消防条例 第九条第二款's 组织、指导、监督…履行…职责 still supervises)."""
    rows = _read(
        lexicon,
        "本办法具体应用中的问题，由北京市民政局负责解释。",
        "建筑物附属的消防车通道标志由建筑物的管理使用单位设置；其他区域的消防车通道标志由区、县公安机关消防机构根据需要设置。",
        "居民公约须报街道办事处或者乡、民族乡、镇人民政府备案，由居民委员会组织、监督实施。",
        "市和区、县人民政府防火安全委员会组织、指导、监督本级人民政府有关部门和下级人民政府履行消防工作职责。",
    )
    assert ("第一条", "dept:民政", "lead") in _keys(rows)
    assert ("第二条", "premises_manager", "duty_bearer") in _keys(rows)
    assert ("第三条", "residents_committee", "lead") in _keys(rows)
    assert ("第四条", "fire_safety_committee", "supervise") in _keys(rows)


def test_reader_21_finders_and_coercive_measures(lexicon: Lexicon) -> None:
    """finder-reports (绿化条例 第五十四条第二款; 安全生产条例 第四十一条's 责令改正 still supervises) and
    coercive-measure (机动车停车条例 第四十条第二款; 社会治安综合治理条例 第二十三条's 防范和打击 is none)."""
    rows = _read(
        lexicon,
        "村民委员会、居民委员会发现本区域内违反本条例行为的，应当予以制止或者向有关部门报告。",
        "乡镇人民政府和街道办事处统筹辖区力量加强安全生产监督检查和日常巡查，发现安全生产违法行为或者生产安全事故隐患的，"
        "应当责令改正，并按照有关规定向有关部门报告。",
        "机动车违法停放，驾驶人不在现场或者虽在现场但拒绝立即驶离，妨碍其他车辆、行人通行的，公安机关交通管理部门可以依法"
        "作出拖移决定。",
        "公安机关与政府其他有关部门应当加强对旅店、废旧金属回收、旧货业、印刷、刻字等行业的管理，防范和打击违法犯罪活动。",
    )
    keys = _keys(rows)
    assert {("第一条", "villagers_committee", "assist"), ("第一条", "residents_committee", "assist")} <= keys
    assert ("第二条", "street_office", "assist") not in keys
    (towing,) = [r for r in rows if r.article == "第三条" and r.holder_kind == "dept:公安交通管理"]
    assert towing.role == "enforce" and "拖移决定" in towing.penalty
    assert not {k for k in keys if k[0] == "第四条" and k[2] == "enforce"}


def test_reader_21_a_body_a_party_may_report_to_responds(lexicon: Lexicon) -> None:
    """report-target (危险废物污染环境防治条例 第十一条第二款; 村民委员会组织法若干规定 第二十九条第三款, where 及其有关
    主管部门 names the district government's own departments and 向村民委员会提出质询 is a question, no report)."""
    rows = _read(
        lexicon,
        "公民、法人和其他组织发现负有危险废物污染环境防治监督管理职责的部门不依法履行职责的，有权向其上级机关或者监察机关举报。",
        "村务公开不及时或者公开内容不真实的，村民有权向村民委员会提出质询，向村务监督委员会投诉，向乡、民族乡、镇人民政府，"
        "区、县人民政府及其有关主管部门反映。",
    )
    keys = _keys(rows)
    assert {("第一条", "superior_authority", "respond"), ("第一条", "supervisory_organ", "respond")} <= keys
    assert {
        ("第二条", "township_government", "respond"),
        ("第二条", "district_government", "respond"),
        ("第二条", "district_departments", "respond"),
    } <= keys
    assert ("第二条", "villagers_committee", "respond") not in keys


def test_reader_22_a_permit_a_party_needs_and_a_penalty_list_by_item(lexicon: Lexicon) -> None:
    """permit-required (绿化条例 第五十八条第一款, 道路运输条例 第十九条第二款, 公园条例 第二十四条第一款) and penalty-items
    (公园条例 第五十一条: the items name no body, so the default enforcer holds each 项)."""
    rows = _read(
        lexicon,
        "因城市建设、居住安全和设施安全等特殊原因确需移植树木的，应当经园林绿化行政主管部门批准。",
        "班线客运经营者暂停或者终止班线经营的，应当经道路运输管理机构批准，并于暂停或者终止班线经营之日前七日在班线线路各站"
        "发布公告。",
        "在公园内进行工程施工的，建设单位应当征得公园管理机构同意，报有关部门批准后方可进行。",
        "违反本条例第十一条第一款规定，有下列行为的，按下列规定处罚：\n\n（一）擅自改变公园功能的，责令限期改正，恢复原功能，"
        "并可以处1万元以上10万元以下罚款；\n\n（二）侵占公园用地的，责令立即腾退，恢复原状，并可以按照侵占面积每平方米处300元"
        "罚款。\n\n第五条 本条例规定的行政处罚，由市园林行政管理部门实施。",
    )
    keys = _keys(rows)
    assert ("第一条", "dept:园林绿化", "supervise") in keys
    assert ("第二条", "dept:道路运输管理", "supervise") in keys
    assert {("第三条", "developer", "duty_bearer"), ("第三条", "relevant_departments", "supervise")} <= keys
    items = [r for r in rows if r.article == "第四条" and r.role == "enforce"]
    assert [r.clause for r in items] == ["第（一）项", "第（二）项"]
    assert all(r.holder_kind == "dept:园林绿化" for r in items) and "1万元以上10万元以下罚款" in items[0].penalty
    # 河湖保护管理条例 第二十八条第一款: 有管辖权的 between 经 and the body
    (review,) = _read(
        lexicon, "需要在河湖管理范围内新建、改建或者扩大排水口的，应当经有管辖权的水行政主管部门审查批准。"
    )
    assert (review.holder_kind, review.role) == ("dept:水务", "supervise")


def test_dispatching_a_petition_or_reaching_its_petitioner_is_handling_it(lexicon: Lexicon) -> None:
    """The written convention (SOURCES.md: respond is receiving, dispatching, handling and answering 诉求 under 接诉即办)
    read on sentences of that law's kind: dispatching (派单, 转交) and reaching the petitioner respond; what people
    反映 is a complaint too; a body that checks how petitions were handled (办理情况…督办) oversees."""
    rows = _read(
        lexicon,
        "市民热线服务工作机构应当对诉求进行分类，按照职责派单。",
        "承办单位应当与诉求人沟通，了解诉求情况。",
        "市民热线服务工作机构对涉及公安、消防、急救的紧急诉求，应当转交110、119、120、122。",
        "街道办事处对群众反映的问题应当及时回应。",
        "市民热线服务工作机构对诉求办理情况进行督办。",
        "本市实行接诉即办工作制度。",
    )
    assert _keys(rows) == {
        ("第一条", "hotline_centre", "respond"),
        ("第二条", "handling_unit", "respond"),
        ("第三条", "hotline_centre", "respond"),
        ("第四条", "street_office", "respond"),
        ("第五条", "hotline_centre", "supervise"),
    }


def test_a_government_described_by_its_act_is_the_city_and_the_district_government(lexicon: Lexicon) -> None:
    """described-government: 消防条例 第七十三条第二款 接到报告的人民政府 (the tuned hand rows give both governments), and
    the emergency texts' 履行统一领导职责的人民政府 / 实施征用的人民政府; not 当地人民政府 nor 本级人民政府."""
    rows = _read(
        lexicon,
        "突发事件发生后，履行统一领导职责的人民政府应当立即启动应急预案。",
        "财产被征用或者征用后毁损、灭失的，实施征用的人民政府应当给予补偿。",
        "居民委员会的办公用房，由当地人民政府统筹解决。",
        "市、区县（自治县）人民政府应当组织编制应急体系建设规划。",
    )
    keys = _keys(rows)
    for article in ("第一条", "第二条", "第四条"):
        assert {(article, "city_government", "lead"), (article, "district_government", "lead")} <= keys
    assert {k[1] for k in keys if k[0] == "第三条"} == {"local_government"}


def test_a_permit_a_party_must_obtain_and_what_its_own_notice_may_not_say(lexicon: Lexicon) -> None:
    """permit-required reads 应当取得X核发的…批准文件 (环境噪声污染防治办法 第十八条第二款); partys-paper: what a trader's
    notice or terms may not say binds the trader (消费者权益保护法 办法 第十三条第一款, 单用途预付卡管理条例 第十五条)."""
    rows = _read(
        lexicon,
        "确需在夜间进行施工作业的，应当取得工程所在地建设行政主管部门核发的准予夜间施工的批准文件。",
        "经营者明示公告的内容不得违反法律、法规，对消费者作出不公平、不合理的规定。",
        "免费刊播公安机关消防机构提供的消防公益广告。",
    )
    keys = _keys(rows)
    assert ("第一条", "dept:建设", "supervise") in keys
    assert ("第二条", "business_operator", "duty_bearer") in keys
    assert not [k for k in keys if k[0] == "第三条"]


def test_reader_23_purposes_whoever_does_it_qualified_units_and_named_parties(lexicon: Lexicon) -> None:
    """purpose-not-condition (反不正当竞争条例 第十七条), whoever-does-it and a unit its own words qualify (烟花爆竹安全管理
    规定 第十六条, 节水条例 第十八条), state-violator over a list ending 街道办事处 (重庆市突发事件应对条例 第四十八条), and
    the named-party rows (烟花爆竹销售单位, 客运场站经营者, 投标者)."""
    rows = _read(
        lexicon,
        "经营者不得以排挤竞争对手为目的，以低于成本的价格销售商品。",
        "单位和个人燃放烟花爆竹的，应当按照燃放说明正确、安全地燃放。",
        "取水单位和个人应当按照取水许可规定条件取水，准确计量。",
        "区人民政府有关部门、乡镇人民政府、街道办事处违反本条例规定，有下列情形之一的，由上级行政机关或者监察机关责令改正。",
        "烟花爆竹销售单位应当采购符合规定的生产企业的烟花爆竹。",
        "客运场站经营者应当按照规定制定客流高峰期间的备班运力储备计划。",
        "投标者不得相互串通投标报价。",
    )
    keys = _keys(rows)
    assert ("第一条", "business_operator", "duty_bearer") in keys
    assert not [k for k in keys if k[0] == "第二条"]
    assert ("第三条", "units_general", "duty_bearer") in keys
    # the bodies that breach are named, not holders; the ones that order the correction supervise
    assert {k[1:] for k in keys if k[0] == "第四条"} == {
        ("superior_authority", "supervise"),
        ("supervisory_organ", "supervise"),
    }
    assert {(k[0], k[1]) for k in keys if k[0] in ("第五条", "第六条", "第七条")} == {
        ("第五条", "business_operator"),
        ("第六条", "premises_manager"),
        ("第七条", "business_operator"),
    }


def test_reader_24_penalty_articles_coercion_oversight_and_named_parties(lexicon: Lexicon) -> None:
    """default-enforcer from 对违反本条例实施的处罚，由…决定 (重庆市消防条例 第六十八条); a coercive measure by 代履行 or
    申请人民法院强制执行; oversight by 加强…监督管理 (重庆市消防条例 第十条第二款); a named party beside 个人 stays a party
    (建设单位或者个人应当…); the lexicon's 教育机构, the operator of 公共交通工具 and the sewage works' operator, and a
    place named as the subject of an obligation (公园应当…, not 新建公园应当…)."""
    rows = _read(
        lexicon,
        "违反本条例规定，单位有下列行为之一的，责令停止施工，并处五千元以上五万元以下罚款：\n\n（一）擅自施工的。",
        "对违反本条例实施的处罚，由县级以上公安机关消防机构决定。",
        "责任单位不履行责任的，由城市管理部门责令限期改正；逾期未改正的，城市管理部门可委托有关专业单位代履行。",
        "逾期不申请复议、不起诉又不履行行政处罚决定的，由作出处罚决定的城市管理部门申请人民法院强制执行。",
        "教育、交通、商务等行政主管部门应当按照各自的职责依法加强消防安全监督管理。",
        "建设单位或者个人应当将消防设计文件报送公安机关消防机构审核。",
        "教育行政部门和各类教育机构应当将吸烟有害健康的宣传教育纳入教育教学内容。",
        "公共交通工具的运营单位应当开展控制吸烟宣传。",
        "污水处理单位应当对污泥的去向进行跟踪、记录。",
        "公园应当每日开放。新建公园应当符合规划。",
    )
    keys = _keys(rows)
    assert ("第一条", "fire_psb", "enforce") in keys  # the text's penalty article names the body
    assert ("第三条", "dept:城市管理", "enforce") in keys and ("第四条", "dept:城市管理", "enforce") in keys
    assert {k for k in keys if k[0] == "第五条"} == {
        ("第五条", kind, "supervise") for kind in ("dept:教育", "dept:交通", "dept:商务")
    }
    assert ("第六条", "developer", "duty_bearer") in keys
    assert {k[1] for k in keys if k[0] == "第七条"} == {"dept:教育", "school"}
    assert ("第八条", "public_transport_operator", "duty_bearer") in keys
    assert ("第九条", "public_service_enterprise", "duty_bearer") in keys
    assert {k for k in keys if k[0] == "第十条"} == {("第十条", "premises_manager", "duty_bearer")}  # place-operator


def test_a_second_citys_lexicon_reads_its_own_bodies_over_the_bundled_one() -> None:
    """city-lexicon: data/chongqing's kinds and phrases over the bundled ones; the bundled stem 卫生 (health) would
    read 市容环境卫生主管部门 as the health department, Chongqing's own row names its sanitation department."""
    text = "第一条 市市容环境卫生主管部门负责全市市容环境卫生管理工作。\n"
    reg = parse_regulation(f"# 重庆市某某条例\n\n<!-- INFO END -->\n\n{text}")
    bundled = Lexicon.load(BUNDLED)
    city = Lexicon.load(BUNDLED, BUNDLED / "chongqing")
    assert _keys(extract(reg, bundled)) == {("第一条", "dept:卫生", "lead")}
    assert _keys(extract(reg, city)) == {("第一条", "dept:市容环境卫生", "lead")}
    assert city.kinds["dept:市容环境卫生"].levels == ("city", "district") and "premises_manager" in city.kinds


def test_an_items_row_says_what_the_item_says(lexicon: Lexicon) -> None:
    """list-duty: a 项's row whose duty would be only the lead-in (…按下列规定处罚：) takes its item's words."""
    rows = _read(
        lexicon,
        "违反本条例第四十六条规定，有下列行为的，由园林绿化行政主管部门按下列规定处罚：\n\n"
        "（一）翻越围墙、栏杆的，责令改正，并可以处20元以上50元以下罚款；\n\n"
        "（二）营火、烧烤的，责令改正，并可以处50元以上100元以下罚款。",
    )
    duties = {r.clause: r.duty for r in rows if r.holder_kind == "dept:园林绿化"}
    assert duties == {
        "第（一）项": "翻越围墙、栏杆的，责令改正，并可以处20元以上50元以下罚款",
        "第（二）项": "营火、烧烤的，责令改正，并可以处50元以上100元以下罚款",
    }


def test_a_body_named_last_takes_its_sentence_as_its_duty(lexicon: Lexicon) -> None:
    """…由河湖管理机构负责 says the duty before the body: the row's duty is that sentence, never empty."""
    (row,) = _read(lexicon, "河湖管理范围的绿化及其管理维护由河湖管理机构负责。")
    assert (row.holder_kind, row.duty) == ("river_management_unit", "河湖管理范围的绿化及其管理维护由河湖管理机构负责")


def test_reader_25_places_heads_governments_and_permits(lexicon: Lexicon) -> None:
    """place-operator for parking facilities and a food wholesale market (with 本市 before and a comma after), a
    conveyance and a waste works; 有关人民政府 as the city or district government; unit-head through 法定代表人 and
    …对本单位的…全面负责; agent-by-由 closing on 规定; permit-decision by 核发…许可证 and 作出同意或者不同意的决定."""
    rows = _read(
        lexicon,
        "中心城区范围内的经营性停车设施，应当二十四小时开放。",
        "本市各类停车设施应当按照相关规定对军车停车免收停车费。",
        "食品批发市场应当加强符合食品安全要求的基础设施建设。",
        "公共交通工具应当按照国家、本市的有关规定配备消防器材。",
        "生活垃圾处理场（厂）应当严格按照国家规定的处理技术、规程、规范和标准进行处理。",
        "突发事件的威胁和危害得到控制或者消除后，有关人民政府应当立即组织有关部门和单位，尽快恢复生活秩序。",
        "建设、施工、监理等单位的法定代表人应当签署授权委托书，明确各自建设工程项目负责人。",
        "食品生产经营单位的主要负责人对本单位的食品安全全面负责。单位的主要负责人是本单位的消防安全责任人。",
        "火灾高危单位的具体范围，由市人民政府规定。",
        "在规划村庄以外的现状村庄确需进行建设的，由规划自然资源主管部门根据规划实施的需要核发临时乡村建设规划许可证。",
    )
    keys = _keys(rows)
    for article in ("第一条", "第二条", "第三条"):
        assert {k for k in keys if k[0] == article} == {(article, "premises_manager", "duty_bearer")}
    assert ("第四条", "public_transport_operator", "duty_bearer") in keys
    assert ("第五条", "waste_facility_operator", "duty_bearer") in keys
    assert {("第六条", "city_government", "lead"), ("第六条", "district_government", "lead")} <= keys
    assert {k[1] for k in keys if k[0] == "第七条"} == {
        "developer",
        "construction_contractor",
        "design_supervision_unit",
    }
    assert {k for k in keys if k[0] == "第八条"} == {("第八条", "business_operator", "duty_bearer")}  # not 是…责任人
    assert {k for k in keys if k[0] == "第九条"} == {("第九条", "city_government", "lead")}
    assert ("第十条", "dept:规划自然资源", "supervise") in keys


def test_the_consignor_of_dangerous_goods_is_a_hazard_unit(lexicon: Lexicon) -> None:
    """道路运输条例 第四十五条: 危险货物托运人 handles dangerous goods (hazard_unit), not just any unit."""
    rows = _read(lexicon, "危险货物托运人应当委托具有道路危险货物运输资质的经营者运输危险货物。")
    assert _keys(rows) == {("第一条", "hazard_unit", "duty_bearer")}


def test_a_ban_after_what_is_allowed_goes_to_the_body_that_sanctions_it(lexicon: Lexicon) -> None:
    """prohibition-enforcer: 可以燃放烟花爆竹，其他时间不得燃放 forbids anyone the other times; the police, whom the
    penalty article charges with it, hold the ban (烟花爆竹安全管理规定 第十二条、第十八条)."""
    rows = _read(
        lexicon,
        "每日的七时至二十四时，可以燃放烟花爆竹，其他时间不得燃放烟花爆竹。",
        "违反本规定，有下列情形之一的，由公安部门责令改正，处100元以上200元以下罚款：\n\n（一）违反第一条规定燃放的。",
    )
    assert ("第一条", "dept:公安", "enforce") in _keys(rows)


def test_reader_30_governments_named_without_a_level_or_by_a_list_of_levels(lexicon: Lexicon) -> None:
    """government-and-departments with no level (信访条例 第四十二条 人民政府及其工作部门受理信访事项后…): every
    level's government and its departments, but 所在地人民政府及其部门 is not read so; a list of levels before one
    人民政府 (学前教育条例 第八条 区和乡、镇人民政府, 社会治安综合治理条例 第三十五条) names each level's government; a
    hearing on a petition (信访条例 第四十一条 …对于…信访事项，可以依照规定程序举行听证) handles it: respond."""
    rows = _read(
        lexicon,
        "人民政府及其工作部门受理信访事项后，应当依据相关的法律、法规进行处理，并书面答复信访人。",
        "所在地人民政府及其有关部门应当采取措施。",
        "区和乡、镇人民政府应当举办发挥示范作用的学前教育机构。",
        "市、区、县、乡、镇人民政府和街道办事处应当把社会治安综合治理纳入总体规划。",
        "人民政府及其工作部门对于重大、复杂、疑难的信访事项，可以依照规定程序举行听证。",
    )
    keys = _keys(rows)
    assert {("第一条", "all_level_governments", "respond"), ("第一条", "relevant_departments", "respond")} <= keys
    assert {r.rules[0] for r in rows if r.article == "第一条"} == {"government-and-departments"}
    assert not {k for k in keys if k[0] == "第二条" and k[1] == "all_level_governments"}
    assert {k[1] for k in keys if k[0] == "第三条"} == {"district_government", "township_government"}
    assert {k[1] for k in keys if k[0] == "第四条"} == {
        "city_government",
        "district_government",
        "township_government",
        "street_office",
    }
    assert {k for k in keys if k[0] == "第五条"} == {
        ("第五条", "all_level_governments", "respond"),
        ("第五条", "relevant_departments", "respond"),
    }


def test_reader_31_bare_government_deputies_proposals_and_officials_conduct(lexicon: Lexicon) -> None:
    """A bare 政府 heading its sentence or after 由 is every level's government, but not after a comma, where it points
    back (实施《残疾人保障法》办法 第四十条第二款, 第二十条第三款; 居家养老服务条例 第十六条); a list may end 等政府有关部门
    (第四条第三款); where a text is about deputies' proposals its 承办单位 is the handling unit and answering them is
    responding (代表建议、批评和意见办理条例 第二十一条); a body whose officials 侵害… holds nothing (信访条例 第六十一条)."""
    rows = _read(
        lexicon,
        "政府应当提供适应残疾人特殊需要的公共文化服务和产品。",
        "个人负担部分，由政府给予全额补贴。",
        "市人民政府应当制定政策，政府对长期护理保险的投保人给予适当补贴。",
        "民政、教育、财政等政府有关部门应当按照各自的职责开展残疾人权益保障工作。",
        "有关机关、组织或者其承办单位应当自代表建议、批评和意见交办之日起三个月内答复代表。",
        "国家机关及其工作人员侵害公民的合法权益，造成严重后果的，对直接负责的主管人员依法给予处分。",
    )
    keys = _keys(rows)
    assert ("第一条", "all_level_governments", "lead") in keys
    assert {k[1] for k in keys if k[0] == "第二条"} == {"all_level_governments"}
    assert {k[1] for k in keys if k[0] == "第三条"} == {"city_government"}
    assert {k[1] for k in keys if k[0] == "第四条"} == {"dept:民政", "dept:教育", "dept:财政"}
    assert {k for k in keys if k[0] == "第五条"} == {
        ("第五条", "relevant_departments", "respond"),
        ("第五条", "handling_unit", "respond"),
    }
    assert not {k for k in keys if k[0] == "第六条"}


def test_reader_31_a_text_defined_name_for_two_departments_and_the_enforcer_without_its_partner(
    lexicon: Lexicon,
) -> None:
    """（以下统称为X） after one phrase that lists two departments makes X both, and the default enforcer is the body
    that 会同有关部门…依法查处违法行为, not its partner (野生动物保护管理条例 第五条, 第三十三条, 第三十七条)."""
    rows = _read(
        lexicon,
        "市、区园林绿化和农业农村部门（以下统称为野生动物主管部门）分别负责野生动物的保护管理工作。",
        "野生动物主管部门会同有关部门建立健全执法协调机制，依法查处违法行为。",
        "违反本条例第一条规定，未按照规定开展收容救护工作的，处一万元以上五万元以下罚款。",
    )
    keys = _keys(rows)
    assert {k[1] for k in keys if k[0] == "第二条"} == {"dept:园林绿化", "dept:农业农村"}
    assert {k for k in keys if k[0] == "第三条"} == {
        ("第三条", "dept:园林绿化", "enforce"),
        ("第三条", "dept:农业农村", "enforce"),
    }
