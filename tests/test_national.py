"""China's divisions from the npm package, and datasets that declare their own jurisdiction and rules.

The converter must give Beijing's bundled divisions back exactly; a reduced national sample (three provinces to the
street level) must sit beside Beijing's organisations with every lookup by code; Chongqing must load from its files
alone and get none of Beijing's street rules.
"""

from __future__ import annotations

import csv
import shutil
from collections import Counter
from pathlib import Path

import pytest

from api.stores import open_store
from graph.answers import WhistleInput
from graph.domain import Domain
from graph.embedded import EmbeddedStore
from graph.errors import ArgumentError
from graph.model import Batch
from graph.vocabulary import AreaKind, Tier
from loaders.dataset import BUNDLED, load_batch, load_dataset, read_dataset
from loaders.national import convert, declaration, write
from loaders.source import LoadFailed

CHONGQING = BUNDLED / "chongqing"


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_conversion_gives_beijing_bundled_divisions_back() -> None:
    got = convert(provinces=["11"]).rows
    assert got["divisions/municipalities.csv"] == [("110000", "北京市", "", AreaKind.MUNICIPALITY)]
    assert not got["divisions/prefectures.csv"], "a municipality has no prefecture level"
    districts = _rows(BUNDLED / "divisions/beijing_districts.csv")
    assert got["divisions/counties.csv"] == [(r["code"], r["name"], "110000", "district") for r in districts]
    streets = _rows(BUNDLED / "divisions/beijing_streets.csv")
    want = [(r["code"], r["name"], r["district_code"], r["kind"], r["nbs_code_class"]) for r in streets]
    assert got["divisions/streets.csv"] == want
    communities = _rows(BUNDLED / "divisions/beijing_communities.csv")
    assert got["divisions/communities.csv"] == [
        (r["code"], r["name"], r["street_code"], r["kind"]) for r in communities
    ]


def test_chongqing_divisions_are_the_conversion() -> None:
    got = convert(provinces=["50"]).rows
    for file in ("divisions/counties.csv", "divisions/streets.csv", "divisions/communities.csv"):
        assert [tuple(r.values()) for r in _rows(CHONGQING / file)] == [tuple(map(str, r)) for r in got[file]], file
    kinds = Counter(r[3] for r in got["divisions/counties.csv"])
    assert kinds == {"district": 26, "county": 8, "autonomous_county": 4}


@pytest.fixture(scope="module")
def national_sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Jiangsu, Guangdong and Hainan to the street level: a second 通州区, prefectures without counties, and
    province-administered counties."""
    root = tmp_path_factory.mktemp("national")
    written = write(convert(provinces=["32", "44", "46"], communities=False), root)
    (root / "dataset.toml").write_text(declaration(written, "test sample"), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def beside_beijing(national_sample: Path, bundled_batch: Batch) -> EmbeddedStore:
    store = EmbeddedStore()
    load_batch(store, read_dataset(national_sample))
    load_batch(store, bundled_batch)
    return store


def _parent(store: EmbeddedStore, code: str) -> str:
    (up,) = store.neighbours([code], "PART_OF", "out")
    return up.edge.target


def test_national_levels(beside_beijing: EmbeddedStore) -> None:
    store = beside_beijing
    assert _parent(store, "320612") == "320600"  # 通州区 of 南通市
    assert _parent(store, "320600") == "320000"
    assert _parent(store, "441900003") == "441900"  # 东莞: streets directly under the prefecture city
    assert _parent(store, "469001") == "460000"  # 五指山市: a county-level city under the province itself
    provinces = {n.id: n.get("kind") for n in store.all_nodes("Area") if n.get("level") == "province"}
    assert provinces == {"320000": "province", "440000": "province", "460000": "province"}


@pytest.mark.parametrize(
    "body", ["st:110107001", "enf:110101001", "dd:110112:bj-gongan", "team:tz-work-teams:市交通委"]
)
def test_reporting_chains_are_unchanged_beside_other_provinces(
    beside_beijing: EmbeddedStore, embedded_domain: Domain, body: str
) -> None:
    """Issue 14: with other provinces in the store, a Beijing body's chains to the top are the same walk."""
    national = Domain(beside_beijing).reporting_chain(body)
    alone = embedded_domain.reporting_chain(body)
    assert national.chains and national.chains == alone.chains


def test_tongzhou_work_teams_stay_in_beijing(beside_beijing: EmbeddedStore) -> None:
    stations = [
        nb.edge.target
        for team in beside_beijing.all_nodes("SunkTeam")
        if team.id.startswith("team:tz-work-teams:")
        for nb in beside_beijing.neighbours([team.id], "STATIONED_IN", "out")
    ]
    assert len(stations) == 23 and set(stations) == {"110112"}


def test_a_shared_name_is_refused_not_guessed(beside_beijing: EmbeddedStore) -> None:
    domain = Domain(beside_beijing)
    with pytest.raises(ArgumentError, match="ambiguous.*110112.*320612"):
        domain.place("通州区")
    assert domain.place("320612").name == "通州区"


@pytest.fixture(scope="module")
def chongqing() -> Batch:
    return read_dataset(CHONGQING)


def test_chongqing_loads_from_its_files(chongqing: Batch) -> None:
    names = {n.id: n.name for n in chongqing.nodes}
    assert names["gov:500000"] == "重庆市人民政府"
    assert names["gov:500229"] == "重庆市城口县人民政府"
    assert names["gov:500240"] == "重庆市石柱土家族自治县人民政府"
    by_kind = Counter(n.get("kind") for n in chongqing.nodes if n.label == "Body")
    assert by_kind["district_government"] == 38 and by_kind["street_office"] == 245
    assert not any(n.get("kind") in ("street_enforcement_team", "street_party_committee") for n in chongqing.nodes)
    assert not any(e.type == "DELEGATED_TO" for e in chongqing.edges)
    assert not any(n.id.startswith("11") or "北京" in n.name for n in chongqing.nodes)


def test_beijing_rules_hold_only_where_declared(bundled_batch: Batch) -> None:
    teams = [n for n in bundled_batch.nodes if n.get("kind") == "street_enforcement_team"]
    derived = [n for n in teams if n.get("rule") == "street-enforcement-team"]
    assert derived and all(n.get("valid_from") == "2020-07-01" for n in derived)
    assert all("京政发〔2020〕9号" in n.get("evidence") for n in derived)


def test_undeclared_rule_is_not_applied(tmp_path: Path) -> None:
    root = tmp_path / "data"
    shutil.copytree(BUNDLED, root, ignore=shutil.ignore_patterns("chongqing"))
    text = (root / "dataset.toml").read_text(encoding="utf-8")
    head, _, _ = text.partition("[[rules]]")
    (root / "dataset.toml").write_text(head, encoding="utf-8")
    batch = read_dataset(root)
    kinds = Counter(n.get("kind") for n in batch.nodes)
    # Only the districts whose teams the articles report keep them (昌平, 延庆); no street Party committees.
    assert kinds["street_party_committee"] == 0
    assert {n.get("provenance") for n in batch.nodes if n.get("kind") == "street_enforcement_team"} == {"reported"}
    assert not any(e.type == "DELEGATED_TO" for e in batch.edges)


def test_a_bad_declaration_is_refused_with_every_problem(tmp_path: Path) -> None:
    root = tmp_path / "data"
    shutil.copytree(CHONGQING, root)
    text = (root / "dataset.toml").read_text(encoding="utf-8")
    text = text.replace('level = "city"', 'level = "metropolis"').replace("{district}人民政府", "{county}人民政府")
    (root / "dataset.toml").write_text(text + '\n[[rules]]\nrule = "street-enforcement-team"\n', encoding="utf-8")
    with pytest.raises(LoadFailed) as err:
        read_dataset(root)
    message = str(err.value)
    assert "field 'jurisdiction.level': unknown value 'metropolis'" in message
    assert "names.district_government" in message and "county" in message
    assert "field 'rules[0].basis': a rule applies only on a stated basis" in message


def test_a_declared_duty_the_lists_do_not_hold_is_refused(tmp_path: Path) -> None:
    """An emergency answer would silently lack its basis: the rule naming a duty no list holds fails the load."""
    root = tmp_path / "data"
    shutil.copytree(BUNDLED, root, ignore=shutil.ignore_patterns("chongqing"))
    text = (root / "dataset.toml").read_text(encoding="utf-8")
    assert '"tfsj-a46-7"' in text
    (root / "dataset.toml").write_text(text.replace('"tfsj-a46-7"', '"tfsj-a46-70"'), encoding="utf-8")
    with pytest.raises(LoadFailed) as err:
        read_dataset(root)
    assert "rules.emergency-response-duties" in str(err.value) and "unknown duty id 'tfsj-a46-70'" in str(err.value)
    (root / "dataset.toml").write_text(text.replace('duties = ["tfsj-a46-1"', 'duties = [7, "tfsj-a46-1"'), "utf-8")
    with pytest.raises(LoadFailed) as err:
        read_dataset(root)
    assert "duties" in str(err.value) and "want a list of duty ids" in str(err.value)


def _refused_with_edits(tmp_path: Path, name: str, edits: dict[int, tuple[str, str, str]]) -> str:
    """The load's message after editing lines of a table of marks: line -> (its expected start, old, new)."""
    root = tmp_path / "data"
    shutil.copytree(BUNDLED, root, ignore=shutil.ignore_patterns("chongqing"))
    table = root / name
    lines = table.read_text(encoding="utf-8").splitlines()
    for at, (start, old, new) in edits.items():
        assert lines[at].startswith(start)
        lines[at] = lines[at].replace(old, new, 1)
    table.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(LoadFailed) as err:
        read_dataset(root)
    return str(err.value)


def test_a_competent_authority_row_naming_a_wrong_duty_is_refused_with_its_line(tmp_path: Path) -> None:
    message = _refused_with_edits(
        tmp_path,
        "rules/competent_authorities.csv",
        {
            1: ("aqsc2022,aqsc2022-a8-1,dept:应急管理,", "aqsc2022-a8-1", "aqsc2022-a8-99"),
            2: ("cxgh2021,cxgh2021-a8-5,", "cxgh2021-a8-5", "xf-a5-4"),
            3: ("dljt2010,dljt2010-a6-1,", "dljt2010-a6-1", "dljt2010-a6-2"),  # another kind holds it: the ids moved
        },
    )
    assert "rules/competent_authorities.csv:2: field 'duty': unknown duty id 'aqsc2022-a8-99'" in message
    assert "rules/competent_authorities.csv:3: field 'duty': 'xf-a5-4' is not a duty of cxgh2021" in message
    assert "rules/competent_authorities.csv:4: field 'duty': 'dljt2010-a6-2' is held by" in message


def test_a_trade_sector_row_naming_a_wrong_duty_is_refused_with_its_line(tmp_path: Path) -> None:
    """rules/trade_sectors.csv is checked like the competent authorities: a row whose duty the lists do not hold, or
    another kind holds (the ids moved), refuses the load with its file and line."""
    message = _refused_with_edits(
        tmp_path,
        "rules/trade_sectors.csv",
        {
            1: ("yfk2021,yfk2021-a6-13,dept:体育,", "yfk2021-a6-13", "yfk2021-a6-99"),
            2: ("yfk2021,yfk2021-a6-1,", "yfk2021-a6-1", "yfk2021-a6-2"),
        },
    )
    assert "rules/trade_sectors.csv:2: field 'duty': unknown duty id 'yfk2021-a6-99'" in message
    assert "rules/trade_sectors.csv:3: field 'duty': 'yfk2021-a6-2' is held by 'dept:科技', not 'dept:教育'" in message


def test_no_beijing_in_a_store_holding_another_city(tmp_path: Path, chongqing: Batch) -> None:
    path = tmp_path / "cq.sqlite"
    store = EmbeddedStore(path)
    load_batch(store, chongqing)
    store.close()
    reopened = open_store("embedded", path)
    try:
        assert reopened.get_nodes(["110000", "500000"])[0] is None
        assert reopened.get_nodes(["500000"])[0] is not None
    finally:
        reopened.close()


def test_chongqing_answers_with_its_own_laws(tmp_path: Path) -> None:
    store = EmbeddedStore()
    load_dataset(store, CHONGQING)
    domain = Domain(store)

    answer = domain.responders(WhistleInput(place="500103001", subject="摆摊", urgency="routine"))
    first = answer.responders[0]
    assert first.body.name == "渝中区市容环境卫生主管部门"
    assert first.reasons[0].duty.citation == "《重庆市市容环境卫生管理条例》第十八条第二款"
    assert "五十元以上五百元以下" in first.reasons[0].duty.quote
    # Beijing's assessment rules (街道办事处条例 第十条、第四十三条) are not Chongqing's: no one is assessed by them.
    assert domain.assessments("st:500103001") == ([], [])
    assert domain.assessments("gov:500103") == ([], [])


def test_a_chongqing_emergency_cites_no_beijing_law(chongqing_domain: Domain) -> None:
    """Who leads an emergency is each jurisdiction's law (dataset.toml): Chongqing's dataset declares none of
    Beijing's 突发事件应对法实施办法 articles, so its district government is listed as the escalation it is."""

    answer = chongqing_domain.responders(WhistleInput(place="500103001", subject="摆摊", urgency="emergency"))
    assert answer.responders[0].body.id == "gov:500103"
    assert answer.responders[0].why == "escalation: 重庆市渝中区人民政府 coordinates over 渝中区"
    assert not [r.why for r in answer.responders if "北京" in r.why]


@pytest.fixture(scope="module")
def two_cities(chongqing: Batch, bundled_batch: Batch) -> Domain:
    store = EmbeddedStore()
    load_batch(store, bundled_batch)
    load_batch(store, chongqing)
    return Domain(store)


def test_each_place_is_answered_by_its_own_laws(two_cities: Domain) -> None:

    at_chongqing = two_cities.responders(WhistleInput(place="500103001", subject="摆摊", urgency="routine"))
    cited = {r.duty.regulation for responder in at_chongqing.responders for r in responder.reasons}
    assert cited == {"重庆市市容环境卫生管理条例"}
    at_beijing = two_cities.responders(WhistleInput(place="110107001", subject="摆摊", urgency="routine"))
    cited = {r.duty.regulation for responder in at_beijing.responders for r in responder.reasons}
    assert cited and all(reg.startswith("北京市") for reg in cited)
    assert all(not r.body.id.startswith(("dd:5", "gov:5")) for r in at_beijing.responders)
    # Beijing's emergency-response duties (dataset.toml) bind in Beijing only
    emergency = two_cities.responders(WhistleInput(place="500103001", subject="摆摊", urgency="emergency"))
    assert not [m for m in emergency.subject.duties if m.how == "urgency"]
    beijing = two_cities.responders(WhistleInput(place="110107001", subject="摆摊", urgency="emergency"))
    assert "tfsj-a46-7" in {m.duty.id for m in beijing.subject.duties if m.how == "urgency"}


def test_another_citys_law_named_by_id_does_not_bind(two_cities: Domain) -> None:
    answer = two_cities.responsible("500103001", "srhj2021-a35-3")
    assert answer.assignments == ()
    assert "another jurisdiction's law and do not bind here: srhj2021-a35-3" in answer.notes[0]


@pytest.fixture(scope="module")
def chongqing_domain(chongqing: Batch) -> Domain:
    store = EmbeddedStore()
    load_batch(store, chongqing)
    return Domain(store)


@pytest.mark.parametrize(
    ("place", "subject", "body", "citation"),
    [
        ("500103001", "公共场所吸烟", "渝中区卫生健康主管部门", "《重庆市公共场所控制吸烟条例》第五条第一款"),
        ("500103", "消防工作", "渝中区公安机关", "《重庆市消防条例》第五条"),
        ("500229", "应急处置", "重庆市城口县人民政府", "《重庆市突发事件应对条例》第五条"),
        # The domain keeps one clause per holder kind and role (graph/subjects.decisive): the district body acts under
        # the enforcement clause; its own lead clause (第五条第二款) is found by its id.
        (
            "500240001",
            "市容环境卫生",
            "石柱土家族自治县市容环境卫生主管部门",
            "《重庆市市容环境卫生管理条例》第十八条第二款",
        ),
        (
            "500240001",
            "cqsr2018-a5-2",
            "石柱土家族自治县市容环境卫生主管部门",
            "《重庆市市容环境卫生管理条例》第五条第二款",
        ),
    ],
)
def test_chongqing_golden(chongqing_domain: Domain, place: str, subject: str, body: str, citation: str) -> None:
    """Who is responsible in Chongqing, by Chongqing's own law: the body and the article (or an item of it: the
    reader's rows read 第五条第一款's three items of the health department's duties one by one)."""
    answer = chongqing_domain.responsible(place, subject)
    found = {(a.body.name, a.duty.citation) for a in answer.assignments if a.body is not None}
    assert any(name == body and cited.startswith(citation) for name, cited in found), found


def test_a_chongqing_obligation_no_penalty_cites_goes_to_the_body_that_decides_the_texts_penalties(
    chongqing_domain: Domain,
) -> None:
    """重庆市消防条例's penalties say 违反本条例规定 without an article, so no penalty cites the fire-lane clause (第二十七条);
    第六十八条 names who decides every penalty of the text (rules/competent_authorities.csv), and no Chongqing register
    names that body, so the answer names its kind first (`named-kind-without-body`), not only the district government."""
    answer = chongqing_domain.responders(WhistleInput(place="500103001", subject="小区消防通道被车堵死了"))
    first = answer.responders[0]
    assert first.body.name == "公安机关消防机构" and first.tier == Tier.BY_CASE, answer.responders
    assert {r.duty.id for r in first.reasons} == {"cqxf2013-a68-1"}
    assert first.why.endswith(
        "competent for the matter of cqxf2013-a27-1, which no clause sanctions (competent-authority)"
    )
