"""Golden whistles for the matters the extracted duties added (issue 11): each answered with the body the law
names and the article, read by the regulation reader from texts under data/regulations/more/.

They take the `domain` fixture, so each runs on the embedded store and on the Bolt store.
Places: 建外街道 (110105001, 朝阳区), 石楼镇 (110111104, 房山区).
"""

from __future__ import annotations

from graph.answers import WhistleInput
from graph.domain import Domain

JIANWAI = "110105001"
SHILOU = "110111104"


def responders(domain: Domain, place: str, subject: str) -> list[tuple[str, str, str]]:
    r = domain.responders(WhistleInput(place, subject))
    return [(x.tier, x.role, x.body.id) for x in r.responders]


def test_night_construction_noise_goes_to_city_management_enforcement(domain: Domain) -> None:
    """环境噪声污染防治办法 第四十条: 未取得夜间施工批准文件进行夜间施工的，由城市管理综合执法部门责令停止…"""
    r = domain.responders(WhistleInput(JIANWAI, "夜间施工噪声"))
    assert "zs2007-a40-1" in [m.duty.id for m in r.subject.duties]
    first = next(
        x for x in r.responders if x.reasons
    )  # the first duty holder (the coordinator may lead an unsure match)
    assert (first.tier, first.role, first.body.id) == ("district", "enforce", "dd:110105:bj-chengguanzhifa")
    assert "《北京市环境噪声污染防治办法》第四十条" in first.why


def test_illegal_rooftop_extension_at_a_township_is_the_township_first(domain: Domain) -> None:
    """城乡规划条例 第十二条 names 规划自然资源主管部门、城市管理综合行政执法机关、乡镇人民政府 (统称执法机关);
    第七十四条: 执法机关 orders a structure being built stopped and removed."""
    got = responders(domain, SHILOU, "屋顶违法建设")
    assert got[0] == ("on_ground", "enforce", "st:110111104")
    assert {
        ("district", "enforce", "dd:110111:bj-chengguanzhifa"),
        ("district", "enforce", "dd:110111:bj-guihuaziran"),
    } <= set(got)
    r = domain.responsible(SHILOU, "cxgh2021-a74-3")
    assert [(a.role, a.body.name) for a in r.assignments] == [("enforce", "石楼镇人民政府")]


def test_loose_shop_sign_is_the_street_offices_to_enforce(domain: Domain) -> None:
    """户外广告设施、牌匾标识和标语宣传品设置管理条例 第四十条 (the owner keeps signs safe, 牢固) and 第五十五条:
    由街道办事处或者乡镇人民政府责令限期改正."""
    r = domain.responsible(JIANWAI, "hwgg2021-a55-1")
    assert [(a.role, a.body.id) for a in r.assignments] == [("enforce", "st:110105001")]
    owner = domain.responsible(JIANWAI, "hwgg2021-a40-1")
    assert [(a.role, a.holder_kind, a.body) for a in owner.assignments] == [("duty_bearer", "owner", None)]


def test_gas_smell_in_a_stairwell(domain: Domain) -> None:
    """燃气管理条例 第五十一条: the gas supplier acts first, 公安、消防救援 assist; the city-management enforcer is
    called, under 第六条 (its charge over gas) or 第五十九条 (missing leak alarms)."""
    got = responders(domain, JIANWAI, "楼道燃气泄漏")
    assert {("district", role, "dd:110105:bj-chengguanzhifa") for role in ("enforce", "lead")} & set(got)
    assert ("district", "assist", "dk:110105:fire_rescue") in got
    supplier = domain.responsible(JIANWAI, "rq2020-a51-1")
    assert [(a.role, a.holder_kind) for a in supplier.assignments] == [("duty_bearer", "public_service_enterprise")]


def test_closed_gym_refusing_prepaid_card_refunds(domain: Domain) -> None:
    """单用途预付卡管理条例 第三十条 (故意拖延或者无理拒绝退回预收款) sanctioned by the departments 第二十七条 lists,
    among them 市场监督管理."""
    r = domain.responders(WhistleInput(JIANWAI, "预付卡拒绝退款"))
    assert any(m.duty.id.startswith("yfk2021-a30-") for m in r.subject.duties)
    enforce = {x.body.id for x in r.responders if x.role == "enforce" and x.tier == "district"}
    assert "dd:110105:bj-shichangjianguan" in enforce
    penalty = domain.responsible(JIANWAI, "yfk2021-a30-8")
    assert penalty.assignments[0].body.id == "dd:110105:bj-shichangjianguan"
