"""Golden cases written from the regulations: each names the article that makes the answer right.

They take the `domain` fixture, so each runs on the embedded store and on the Bolt store.
Places: 多福巷社区 (110101001001, 东华门街道, 东城区); 八宝山街道 (110107001, 石景山区, where the
articles report 8 stationed departments); 建外街道 (110105001, 朝阳区); 石楼镇 (110111104) and
良乡地区 (110111008) in 房山区 (command centre and sub-centres reported); a village (110111104201).
"""

from __future__ import annotations

import pytest

from graph.answers import Assignment, Responsibility, WhistleInput
from graph.companions import COMPETENT, Brought, enforcers
from graph.domain import Domain
from graph.errors import ArgumentError
from graph.vocabulary import Label, ResponderRole, Tier

DONGCHENG_COMMUNITY = "110101001001"
DONGHUAMEN = "110101001"
BABAOSHAN = "110107001"
JIANWAI = "110105001"
SHILOU = "110111104"
LIANGXIANG = "110111008"
KANGZHUANG = "110119101"  # 延庆区康庄镇


def held(r: Responsibility, role: str, body: str) -> list[Assignment]:
    return [a for a in r.assignments if a.role == role and a.body is not None and a.body.id == body]


def bodies(r: Responsibility, role: str) -> set[str]:
    return {a.body.id for a in r.assignments if a.role == role and a.body is not None}


# -- who is responsible ------------------------------------------------------------------


def test_dog_registration_police_lead_committee_assists(domain: Domain) -> None:
    """养犬管理规定 第四条: 公安机关是养犬管理的主管机关 (registration and annual checks); 居委会 assist."""
    lead = domain.responsible(DONGCHENG_COMMUNITY, "yqgl-a4-6")
    assert bodies(lead, "lead") == {"dd:110101:bj-gongan", "bj-gongan"}
    district = held(lead, "lead", "dd:110101:bj-gongan")[0]
    assert district.body.name == "北京市公安局东城分局"
    assert district.duty.article == "第四条" and "养犬登记" in district.duty.quote
    assert [h.type for h in district.path.hops] == ["RESPONSIBLE_FOR", "OF_KIND", "GOVERNS", "PART_OF", "PART_OF"]
    assist = domain.responsible(DONGCHENG_COMMUNITY, "yqgl-a4-13")
    assert bodies(assist, "assist") == {"rc:110101001001"}


def test_dog_registration_free_text_finds_the_police(domain: Domain) -> None:
    """Free text 养犬登记 matches 第四条 and 第十二条 and lands on the 东城 police as lead."""
    r = domain.responsible(DONGCHENG_COMMUNITY, "养犬登记")
    assert r.subject.how == "text"
    assert {"yqgl-a4-6", "yqgl-a12-6"} <= {m.duty.id for m in r.subject.duties}
    assert all(m.score > 0 for m in r.subject.duties)
    assert "dd:110101:bj-gongan" in bodies(r, "lead")
    # Keepers register their dogs (第十二条): a duty bearer outside government.
    assert any(a.holder_kind == "dog_keeper" and a.body is None for a in r.assignments)


def test_village_uses_villagers_committee(domain: Domain) -> None:
    """养犬管理规定 第四条: 居民委员会、村民委员会 assist; a village has the latter only."""
    village = "110111104201"
    r = domain.responsible(village, "养犬管理")
    assert bodies(r, "assist") >= {"vc:110111104201"}
    assert not any(a.holder_kind == "residents_committee" for a in r.assignments)


def test_street_vending_fines_with_2020_delegation(domain: Domain) -> None:
    """市容环境卫生条例 第三十五条、第十条: 城管执法 fines 摆摊设点; 京政发〔2020〕9号 moved such powers to streets."""
    r = domain.responsible(BABAOSHAN, "摆摊设点")
    # 公园条例 第五十五条 (extracted) also fines 摆摊设点, inside parks; the street's own law ranks first
    assert [m.duty.id for m in r.subject.duties] == ["srhj2021-a35-3", "gy2002-a55-1"]
    enforce = {a.body.id: a for a in r.assignments if a.role == "enforce"}
    assert enforce["enf:110107001"].delegated
    assert "unverified" in enforce["enf:110107001"].resolution
    assert not enforce["dd:110107:bj-chengguanzhifa"].delegated
    stationed = enforce["team:sjs-street-centres:110107001:城管"]
    assert stationed.body.provenance == "reported"
    assert "SENT_BY" in [h.type for h in stationed.path.hops]


def test_delegation_applies_only_from_july_2020(domain: Domain) -> None:
    """生活垃圾管理条例 第七十条 (wording from 2019-11-27): delegated to streets only from 2020-07-01."""
    before = domain.responsible(JIANWAI, "ljgl2020-a70-2", as_of="2020-01-01")
    after = domain.responsible(JIANWAI, "ljgl2020-a70-2", as_of="2020-08-01")
    assert not any(a.delegated for a in before.assignments)
    assert [a.body.id for a in after.assignments if a.delegated] == ["enf:110105001"]


def test_as_of_before_wording_leaves_duty_out_with_note(domain: Domain) -> None:
    """市容环境卫生条例 as amended 2021-09-24: the quoted wording is not the law on 2020-03-01."""
    r = domain.responsible(JIANWAI, "srhj2021-a35-3", as_of="2020-03-01")
    assert r.assignments == ()
    assert "2021-09-24" in r.notes[0]


def test_blocked_fire_escape_residential(domain: Domain) -> None:
    """物业管理条例 第九十八条第（十）项: 消防救援机构 fines blocking 消防通道; 第七十八条: owners/物业 must not."""
    r = domain.responsible(JIANWAI, "wygl2024-a98-10")
    assert bodies(r, "enforce") == {"dk:110105:fire_rescue", "ck:fire_rescue"}
    text = domain.responsible(JIANWAI, "消防通道堵塞")
    ids = {m.duty.id for m in text.subject.duties}
    assert {"wygl2024-a98-10", "xf-a81-1"} <= ids
    # 消防条例 (2011) names 公安机关消防机构: today's 消防救援机构 holds it, by a named rule with its basis.
    old = [a for a in text.assignments if a.holder_kind == "fire_psb"]
    assert {a.body.id for a in old if a.body} == {"dk:110105:fire_rescue", "ck:fire_rescue"}
    assert all("successor-2019-fire" in a.resolution and "消防法" in a.resolution for a in old)


def test_gas_explosion_at_a_yanqing_town_calls_fire_rescue(domain: Domain) -> None:
    """消防条例 第六十条、第六十六条 (公安消防队, today's 消防救援机构 by the 2019 消防法): fire rescue answers."""
    r = domain.responders(WhistleInput("110119100", "燃气爆炸", "emergency"))
    assert r.subject.confidence in ("strong", "weak")
    fire = [x for x in r.responders if x.body.id == "dk:110119:fire_rescue"]
    assert fire and fire[0].notify_now and fire[0].tier == "district"


def test_reorganised_department_resolves_with_the_2018_decision(domain: Domain) -> None:
    """养犬管理规定 (2003) 第三十一条 names 工商行政管理部门: the 2018 decision's 第一条 gives it to 市场监督管理."""
    r = domain.responsible(DONGCHENG_COMMUNITY, "yqgl-a31-1")
    held_by = {a.body.id: a for a in r.assignments if a.holder_kind == "dept:工商行政管理" and a.body}
    assert set(held_by) == {"dd:110101:bj-shichangjianguan", "bj-shichangjianguan"}
    assert all("successor-2018" in a.resolution and "第一条" in a.resolution for a in held_by.values())


def test_street_office_clause_at_a_town_says_who_holds_it(domain: Domain) -> None:
    """养犬管理规定 第五条 names 街道办事处 and 乡镇人民政府: a town has only the latter."""
    r = domain.responsible(SHILOU, "yqgl-a5-1")
    assert r.assignments == ()
    assert "石楼镇人民政府" in r.notes[0]
    assert bodies(domain.responsible(SHILOU, "yqgl-a5-2"), "lead") == {"st:110111104"}


def test_area_office_holds_both_street_and_township_duties(domain: Domain) -> None:
    """地区办事处: one body with two names (SOURCES.md), so both clauses land on it."""
    assert bodies(domain.responsible(LIANGXIANG, "yqgl-a5-1"), "lead") == {"st:110111008"}
    assert bodies(domain.responsible(LIANGXIANG, "yqgl-a5-2"), "lead") == {"st:110111008"}


def test_district_place_names_no_street_body(domain: Domain) -> None:
    r = domain.responsible("110101", "yqgl-a5-1")
    assert [a.body for a in r.assignments] == [None]
    assert "ask about a street" in r.assignments[0].resolution


def test_old_wording_without_current_body(domain: Domain) -> None:
    """养犬管理规定 (2003) 第四条: 畜牧兽医行政部门 — the data states no current body."""
    r = domain.responsible(DONGCHENG_COMMUNITY, "yqgl-a4-8")
    assert r.assignments and all(a.body is None for a in r.assignments)
    assert all("畜牧兽医" in a.resolution for a in r.assignments)


def test_hotline_centre_for_12345(domain: Domain) -> None:
    """接诉即办工作条例: the 12345 centre (市民热线服务工作机构) receives and dispatches requests."""
    r = domain.responsible(JIANWAI, "接诉即办")
    assert "bj-rexian" in bodies(r, "respond") | bodies(r, "lead")
    assert "st:110105001" in bodies(r, "respond") | bodies(r, "lead")


def test_smoking_enforced_by_health_with_delegation(domain: Domain) -> None:
    """控制吸烟条例 第六条: 卫生健康部门 enforces; 11 卫生健康 powers were delegated in 2020."""
    r = domain.responsible(BABAOSHAN, "kzxy2021-a6-6")
    assert "dd:110107:bj-weijian" in bodies(r, "enforce")
    assert any(a.delegated and a.body.id == "enf:110107001" for a in r.assignments)


def test_smoking_control_is_territorial(domain: Domain) -> None:
    """控制吸烟条例 第七条: 街道办事处、乡镇人民政府 do tobacco control in their own area (属地管理)."""
    assert bodies(domain.responsible(BABAOSHAN, "kzxy2021-a7-2"), "lead") == {"st:110107001"}
    assert bodies(domain.responsible(SHILOU, "kzxy2021-a7-1"), "lead") == {"st:110111104"}


def test_police_station_has_no_register(domain: Domain) -> None:
    """消防条例 第五条第二款: 公安派出所 inspect fire safety; no register of police stations is in the data."""
    r = domain.responsible(BABAOSHAN, "xf-a5-6")
    assert [(a.role, a.body) for a in r.assignments] == [("enforce", None)]
    assert "no body of kind police_station governs 八宝山街道" in r.assignments[0].resolution
    assert "Dispatched agency of the district public-security bureau" in r.assignments[0].resolution


def test_township_emergency_plan(domain: Domain) -> None:
    """突发事件应对法实施办法 第十二条第四款: 乡镇人民政府 draw up the area's emergency plan; a 街道 has none."""
    assert bodies(domain.responsible(SHILOU, "tfsj-a12-5"), "lead") == {"st:110111104"}
    street = domain.responsible(BABAOSHAN, "tfsj-a12-5")
    assert street.assignments == () and "八宝山街道办事处" in street.notes[0]


def test_residents_meeting_convened_by_committee(domain: Domain) -> None:
    """实施《城市居民委员会组织法》办法 第十六条第二款: the residents' committee convenes the residents' meeting."""
    r = domain.responsible(DONGCHENG_COMMUNITY, "jwh-a16-2")
    assert [(a.role, a.body.id, a.body.provenance) for a in r.assignments] == [("lead", "rc:110101001001", "official")]


def test_village_committee_sorts_waste(domain: Domain) -> None:
    """生活垃圾管理条例 第三十四条第一款第（二）项: the villagers' committee is the village's waste-sorting manager."""
    r = domain.responsible("110111104201", "ljgl2020-a34-3")
    assert [(a.role, a.body.id) for a in r.assignments] == [("duty_bearer", "vc:110111104201")]


# -- who responds to a whistle -------------------------------------------------------------


def test_responders_street_vending_order(domain: Domain) -> None:
    """On the ground first (the stationed 城管, and after this holder of a sure match the street office that coordinates
    every request on its ground, 接诉即办工作条例 第五条第五款); then the power the 2020 decision may have delegated:
    the district bureau the law names, right after it the street team that may hold it now (`unverified-delegation`);
    then escalation."""
    r = domain.responders(WhistleInput(BABAOSHAN, "占道经营"))
    order = [x.body.id for x in r.responders]
    assert order[0] == "team:sjs-street-centres:110107001:城管"
    assert (r.responders[1].body.id, r.responders[1].role) == ("st:110107001", "coordinate")
    assert order[2:4] == ["dd:110107:bj-chengguanzhifa", "enf:110107001"]
    assert all(reason.delegated for reason in r.responders[3].reasons)
    assert not any(reason.delegated for reason in r.responders[2].reasons)
    assert [x.tier for x in r.responders[:4]] == ["on_ground", "on_ground", "district", "on_ground"]
    assert r.coordinator is not None and r.coordinator.basis == "《北京市接诉即办工作条例》第五条第五款"
    assert r.responders[4].body.id == "gov:110107" and r.responders[4].tier == "escalation"
    assert all(x.reasons for x in r.responders if x.role not in ("escalation", "coordinate"))
    assert [x.rank for x in r.responders] == list(range(1, len(r.responders) + 1))


def test_a_department_not_reporting_after_a_whistle_goes_to_the_district_government(domain: Domain) -> None:
    """The reform's own complaint: a street whistled and a department did not report. 街道办事处条例 第四十四条 has the
    street report it to the district government, which investigates; the answer cites that article, for sure, and
    names the district government among the first three."""
    r = domain.responders(WhistleInput(BABAOSHAN, "街道吹哨了，城管一直不报到"))
    assert r.subject.confidence == "strong"
    assert {"sro2019-a44-1", "jsjb2021-a33-1"} <= {m.duty.id for m in r.subject.duties}
    assert "gov:110107" in [x.body.id for x in r.responders[:3]]


def test_responders_fangshan_emergency_escalates_through_command_centres(domain: Domain) -> None:
    """房山区: sub-centre and command centre reported (seeds/002); emergencies alert escalation at once, led by the
    district government and its emergency committee (突发事件应对法实施办法 第五条) with the town government that
    organises evacuation (第四十七条) and the fire rescue force (第三十条); the district government's reason is its
    response duty (第四十六条第二款: control the situation, organise the rescue)."""
    r = domain.responders(WhistleInput(SHILOU, "应急处置", "emergency"))
    order = [x.body.id for x in r.responders]
    assert order[:2] == ["gov:110111", "st:110111104"]
    assert set(order[2:4]) == {"dd:110111:bj-gongan", "dk:110111:fire_rescue"}
    assert "第四十六条第二款" in r.responders[0].why
    assert r.coordinator is not None and r.coordinator.body.id == "st:110111104"
    escalation = [x.body.id for x in r.responders if x.tier == "escalation"]
    assert escalation[0] == "gov:110111"
    assert order.index("dk:110111:emergency_committee") < order.index("cc:110111104")
    assert escalation.index("cc:110111104") < escalation.index("cc:110111")
    assert all(x.notify_now for x in r.responders)
    routine = domain.responders(WhistleInput(SHILOU, "应急处置", "routine"))
    assert not any(x.notify_now for x in routine.responders if x.tier == "escalation")


def test_an_emergency_cites_the_response_duties_whatever_its_words(domain: Domain) -> None:
    """Rule `emergency-response-duties` (dataset.toml): a road collapsing under a car, reported as an emergency, cites
    the district government's duty to control the situation and organise the rescue (突发事件应对法实施办法 第四十六条
    第二款) and the street's to evacuate and report (第四十七条), though its words name neither; the same words
    reported as routine cite neither, and the reading of the words is as sure either way."""
    text = "路面突然塌陷出一个大坑，一辆小轿车掉了进去，车内有人"
    r = domain.responders(WhistleInput(JIANWAI, text, "emergency"))
    urgent = {m.duty.id for m in r.subject.duties if m.how == "urgency"}
    assert {"tfsj-a46-7", "tfsj-a47-2", "tfsj-a49-2", "xf-a55-1"} <= urgent
    assert all(
        m.confidence == "strong" and m.terms[-1] == "urgency: emergency" for m in r.subject.duties if m.how == "urgency"
    )
    first, street = r.responders[0], next(x for x in r.responders if x.body.id == "st:110105001")
    assert first.body.id == "gov:110105" and "第四十六条第二款" in first.why and not first.why.startswith("weak")
    assert "第四十七条" in street.why and street.notify_now
    order = [x.body.id for x in r.responders]
    assert order.index("dk:110105:emergency_committee") < order.index("ck:fire_rescue")  # the city's force behind
    routine = domain.responders(WhistleInput(JIANWAI, text, "routine"))
    assert not [m for m in routine.subject.duties if m.how == "urgency"]
    assert routine.subject.confidence == r.subject.confidence


def test_a_response_duty_the_words_also_match_is_its_holders_first_reason(domain: Domain) -> None:
    """Rule `emergency-response-duties`: in a gas-cylinder blast the words also find the fire brigade's rescue duty
    (消防条例 第五十五条) among clauses on gas cylinders; it is still the rule's, strong, with the words' terms kept, and
    the fire rescue force is called under it, not under a weakly matched clause on liquefied gas."""
    r = domain.responders(WhistleInput(KANGZHUANG, "镇上饭店液化气罐爆炸了，有人受伤", "emergency"))
    rescue = next(m for m in r.subject.duties if m.duty.id == "xf-a55-1")
    assert (
        rescue.how == "urgency"
        and rescue.confidence == "strong"
        and rescue.terms == ("爆炸→应急救援", "urgency: emergency")
    )
    (fire,) = [x for x in r.responders if x.body.id == "dk:110119:fire_rescue"]
    assert fire.reasons[0].duty.id == "xf-a55-1" and "第五十五条" in fire.why and not fire.why.startswith("weak")


def test_in_an_emergency_a_service_the_words_call_to_rescue_comes_before_one_a_stray_word_found(domain: Domain) -> None:
    """Rule `worded-service-first`: a gas blast in a residential block matches the rescue force's emergency duty
    (消防条例 第五十五条) by its words, and the police only by 住宅楼 in a noise clause; the rescue force is called third,
    after the district government and the town, and the police after it. A knife at a hospital matches no rescue words:
    the police, found by the hospital-safety clauses, come before the rescue force that every emergency calls by rule."""
    blast = "小区一栋住宅楼内发生燃气爆炸，三楼外墙被炸开，有人受伤，楼内居民正在往外跑"
    order = [x.body.id for x in domain.responders(WhistleInput("110106100", blast, "emergency")).responders]
    assert order[:3] == ["gov:110106", "st:110106100", "dk:110106:fire_rescue"]
    assert order.index("dd:110106:bj-gongan") > 2
    knife = "医院急诊一名醉酒男子拿着水果刀在诊室外叫喊要找医生算账"
    order = [x.body.id for x in domain.responders(WhistleInput("110108014", knife, "emergency")).responders]
    assert order.index("dd:110108:bj-gongan") < order.index("dk:110108:fire_rescue")


def test_in_an_emergency_the_better_matched_of_two_worded_services_comes_first(domain: Domain) -> None:
    """Rule `worded-service-by-match`: a fire in a rented room matches the rescue force's duty to fight fires
    (消防条例 第六十条) and, by 出租 and 租房, the police's clause on letting rooms against the rules; both are services
    the words found, and the better-matched one — the rescue force — is called before the police, not after it because
    an enforcer's role sorts before a leader's."""
    text = "出租屋里着火了，租房的人还在里面，浓烟滚滚"
    order = [x.body.id for x in domain.responders(WhistleInput("110114116", text, "emergency")).responders]
    assert order[:3] == ["gov:110114", "st:110114116", "dk:110114:fire_rescue"]
    assert order.index("dd:110114:bj-gongan") == 3


def test_a_work_team_acting_only_on_its_departments_duties_comes_after_the_other_powers(domain: Domain) -> None:
    """Rule `once-per-power`: in 通州 the district 交通部门 and the city 交通委's work team for the sub-centre both hold
    the road-transport clause a car-repair shop's waste oil matches (道路运输条例 第八条); the team comes after the
    environment bureau, which holds another power (危险废物污染环境防治条例), so the first places name distinct powers,
    and the team is still called."""
    text = "小区外边那家修车铺每次换下来的机油都直接倒在后面的土沟里，土都黑了，下雨流得到处都是"
    order = [x.body.id for x in domain.responders(WhistleInput("110112004", text)).responders]
    assert order.index("dd:110112:bj-jiaotong") < order.index("dd:110112:bj-shengtai") < 3
    assert order.index("team:tz-work-teams:市交通委") > order.index("dd:110112:bj-shengtai")


def test_responders_enforce_and_lead_before_assist(domain: Domain) -> None:
    r = domain.responders(WhistleInput(DONGCHENG_COMMUNITY, "养犬管理"))
    district = [x for x in r.responders if x.tier == "district"]
    roles = [x.role for x in district]
    assert roles == sorted(roles, key=("enforce", "lead", "respond", "assist", "supervise").index)
    assert r.responders[0].tier == "on_ground"


def test_a_city_department_alone_holding_the_duty_is_a_holder_not_escalation(domain: Domain) -> None:
    """The 物业服务项目清单 is the city housing commission's alone (物业管理条例 第七十三条): it is called as the holder,
    before the district government the request escalates to; the city bureau above a district one (公安) stays
    escalation behind it."""
    r = domain.responders(WhistleInput(BABAOSHAN, "物业服务项目清单在哪里公布"))
    order = [x.body.id for x in r.responders]
    assert order.index("bj-zhujian") < order.index("gov:110107")
    (housing,) = [x for x in r.responders if x.body.id == "bj-zhujian"]
    assert housing.reasons[0].duty.id == "wygl2024-a73-1" and housing.role == "lead"
    dog = domain.responders(WhistleInput(DONGCHENG_COMMUNITY, "养犬管理"))
    dog_order = [x.body.id for x in dog.responders]
    assert dog_order.index("bj-gongan") > dog_order.index("gov:110101"), "the city police above the district one"


def test_an_obligation_no_clause_sanctions_brings_its_competent_authority(domain: Domain) -> None:
    """Rule `competent-authority`: a press with no guard breaks the operator's duty to fit safety devices (安全生产条例
    第二十五条), which no penalty clause of the regulation cites; the body the regulation makes competent for its matter
    (第八条第一款: 应急管理部门…综合监督管理) is called for it, the district bureau and its unit stationed at the street."""
    r = domain.responders(WhistleInput(BABAOSHAN, "我们厂里的冲床没有安全防护罩，工人好几次差点被夹手"))
    shown = [m.duty.id for m in r.subject.duties]
    assert shown.index("aqsc2022-a25-1") < shown.index("aqsc2022-a8-1")
    top = {x.body.id: x for x in r.responders[:3]}
    assert "dd:110107:bj-yingji" in top and top["dd:110107:bj-yingji"].reasons[0].duty.id == "aqsc2022-a8-1"
    # the answer says which matched duty brought the clause, and by which rule
    (brought,) = [m for m in r.subject.duties if m.duty.id == "aqsc2022-a8-1"]
    assert (
        brought.via.startswith("competent for the matter of aqsc2022-a25-1") and "(competent-authority)" in brought.via
    )
    assert "aqsc2022-a25-1" in top["dd:110107:bj-yingji"].why


def test_each_texts_own_competent_clause_is_what_its_unsanctioned_obligations_bring(domain: Domain) -> None:
    """Rule `competent-authority` for the texts whose 主管 clause names one body (rules/competent_authorities.csv): a
    keeper's duty to register the dog (养犬管理规定 第十二条) is sanctioned by no clause, so it brings the police, whom
    第四条 makes competent; a kindergarten's safety rules (学前教育条例 第十五条) bring the education department. The
    fireworks rules' police (第三条) is not listed: their unsanctioned obligations are a school's or a committee's
    publicity, and a school word alone would call the police to a shop selling cigarettes to pupils."""
    brought = enforcers(domain.store.all_nodes(Label.DUTY))
    assert brought["yqgl-a12-3"] == Brought(COMPETENT, ("yqgl-a4-6",))
    assert brought["xqjy2016-a15-1"] == Brought(COMPETENT, ("xqjy2016-a9-1",))
    assert "yhbz2010-a4-6" not in brought


def test_a_city_bureaus_best_match_is_no_yardstick_for_the_district_holders(domain: Domain) -> None:
    """Rule `near-yardstick`: a stray dog that bit a courier matches the city police's 留检所 clause best (养犬管理规定
    第三十三条, 无主犬), a body that comes at escalation anyway; the district police, holding the dog clauses of the same
    regulation, is measured against the district holders, so it comes before the city-management commission that a
    stray word (快递) found in the waste regulation."""
    text = "小区里有只没主的流浪狗把送快递的小哥咬了，现在还在附近转悠，孩子们放学都得经过"
    r = domain.responders(WhistleInput("110102012004", text))
    assert r.subject.duties[0].duty.id == "yqgl-a33-1"
    order = [x.body.id for x in r.responders]
    assert order.index("dd:110102:bj-gongan") < 3
    assert order.index("dd:110102:bj-gongan") < order.index("dd:110102:bj-chengguanwei")


def test_the_law_of_the_best_matched_clause_orders_holders_alike(domain: Domain) -> None:
    """Rule `focus-regulation`: a bicycle shed the property company let out as a shop is the property regulation's
    matter (its best-matched clause, 物业管理条例 第七十八条), so the bodies that regulation charges come before the
    environment bureau a hazardous-waste clause found for a stray word, though its match scores about as high."""
    r = domain.responders(WhistleInput("110105017", "物业把楼下车棚改成门面房租出去了，我们的自行车没地方放"))
    assert r.subject.duties[0].duty.regulation == "北京市物业管理条例"
    order = [x.body.id for x in r.responders]
    assert order.index("dd:110105:bj-zhujian") < order.index("dd:110105:bj-shengtai")
    assert "dd:110105:bj-shengtai" not in order[:3]


def test_every_law_a_clause_was_surely_matched_in_is_in_focus(domain: Domain) -> None:
    """Rule `focus-regulation`, its second half: rotten vegetables and dead fish dumped into a river are the water
    pollution law's matter (its clause on discharging waste into water matches best) and the river law's too (its
    clause against dumping into rivers matches surely as well), so the water bureau that river clause charges comes
    among the first three, not behind the city-management bodies a stray clause on litter brings."""
    r = domain.responders(WhistleInput("110108", "天天有人往河里倒烂菜叶子和死鱼，臭得没法走"))
    sure = {m.duty.regulation for m in r.subject.duties if m.confidence == "strong"}
    assert r.subject.duties[0].duty.regulation == "北京市水污染防治条例"
    assert "北京市河湖保护管理条例" in sure
    assert "dd:110108:bj-shuiwu" in [x.body.id for x in r.responders[:3]]


def test_a_city_department_alone_holding_a_clause_of_another_law_stays_escalation(domain: Domain) -> None:
    """Rule `sole-holder-in-focus`: a card room opened in a block of flats is a weak match whose best clause is not
    the property regulation's; the city housing commission alone holds a property-management clause the words also
    found, but a clause of a law the complaint is not about does not lift it out of escalation, so the district's
    environment bureau, which holds the noise law's clause on commercial noise, comes before it."""
    r = domain.responders(WhistleInput("110105033", "小区住宅楼里有人开了家棋牌室，进进出出的人很多"))
    assert r.subject.duties[0].duty.regulation != "北京市物业管理条例"
    assert any(x.body.id == "bj-zhujian" and x.tier == "escalation" for x in r.responders)
    order = [x.body.id for x in r.responders]
    assert order.index("dd:110105:bj-shengtai") < order.index("bj-zhujian")


def test_the_holders_of_the_best_matched_law_come_before_the_coordinator(domain: Domain) -> None:
    """Rule `focus-before-coordinator`: a gym's loud music at night is the noise law's matter; its clause on commercial
    noise, which the city-management enforcers hold, matches under 60% as well as the police's clause, yet they come
    before the street office, which holds no clause and is alerted in every answer anyway."""
    r = domain.responders(WhistleInput("110106018", "小区旁边健身房晚上放音乐声音特别大"))
    assert r.subject.duties[0].duty.regulation == "北京市环境噪声污染防治办法"
    order = [x.body.id for x in r.responders]
    assert "dd:110106:bj-chengguanzhifa" in order[:3]
    assert order.index("dd:110106:bj-chengguanzhifa") < order.index("st:110106018")


def test_at_a_district_its_government_coordinates_before_escalation(domain: Domain) -> None:
    """A whistle placed at a district (延庆区) has the district government as its coordinator (接诉即办工作条例 第五条
    第二款): it is the coordinator, not escalation, so it comes first on a weak match and right after the holders of a
    strong one, before the command centre."""
    weak = domain.responders(WhistleInput("110119", "附近超市趁着停电把蜡烛卖到二十块一根"))
    assert weak.subject.confidence == "weak" and weak.coordinator is not None
    assert weak.coordinator.body.id == "gov:110119" and weak.responders[0].body.id == "gov:110119"
    strong = domain.responders(WhistleInput("110119", "我家孩子上学的校车司机老是超速"))
    order = [x.body.id for x in strong.responders]
    assert strong.subject.confidence == "strong" and order[0] == "dd:110119:bj-gongan"
    assert order.index("gov:110119") < order.index("cc:110119")


def test_a_city_department_named_by_one_weak_word_stays_escalation(domain: Domain) -> None:
    """A loose stair handrail shares one word (楼梯扶手) with the clause on stair lifts that the city planning commission
    leads (居家养老服务条例 第十二条): a weak match resting on one word does not make the city commission a holder to
    call before the district government the request escalates to; it is still listed, after it."""
    r = domain.responders(WhistleInput(BABAOSHAN, "我们楼的楼梯扶手掉了好几天了"))
    assert r.subject.confidence == "weak"
    order = [x.body.id for x in r.responders]
    assert "bj-guihuaziran" in order and order.index("gov:110107") < order.index("bj-guihuaziran")


def test_the_holder_of_the_duty_the_complaint_is_about_comes_before_less_relevant_ones_on_the_ground(
    domain: Domain,
) -> None:
    """A dog bit someone: the police's clause on a dog that injures people matches far better than the street team's
    clause on dogs, so the police come before the team although the team is on the ground (rule `relevance-first`);
    holders of comparably relevant clauses keep the tier order (test_responders_street_vending_order)."""
    r = domain.responders(WhistleInput("110109003", "狗把人咬了，狗主人跑了"))
    order = [x.body.id for x in r.responders]
    assert order.index("dd:110109:bj-gongan") < order.index("enf:110109003")
    assert "dd:110109:bj-gongan" in order[:3]


def test_a_weak_match_on_one_incidental_word_alerts_only_the_coordinator(domain: Domain) -> None:
    """A wage complaint at a property company shares only 物业公司 with clauses on property management: their holders
    are listed, flagged weak, but not alerted (a whistle blown on it calls only the coordinator); one that shares only
    where it happened (公司, `setting-alone`) matches nothing and calls the coordinator alone; a complaint the lexicon
    reads whole (遛狗) alerts."""
    wages = domain.responders(WhistleInput(BABAOSHAN, "物业公司拖欠工资三个月了"))
    assert wages.coordinator is not None and wages.responders[0].body.id == wages.coordinator.body.id
    assert wages.responders[0].notify_now  # the coordinator is alerted even when it holds a weak clause itself
    holders = [r for r in wages.responders[1:] if r.reasons]
    assert holders and all(r.why.startswith("weak match") and not r.notify_now for r in holders)
    nowhere = domain.responders(WhistleInput(BABAOSHAN, "公司拖欠工资三个月了"))
    assert not nowhere.subject.duties and not any(r.reasons for r in nowhere.responders)
    assert nowhere.responders[0].body.id == wages.coordinator.body.id and nowhere.responders[0].notify_now
    dogs = domain.responders(WhistleInput(BABAOSHAN, "遛狗"))
    assert any(r.notify_now and r.reasons for r in dogs.responders)


def test_the_district_government_named_by_the_clause_is_a_holder_not_escalation(domain: Domain) -> None:
    """Rule `named-district-government`: 养犬管理规定 第十九条 has the district government organise the response to a
    suspected rabid dog; a complaint about one names it among the first, beside the police whose clauses on a dog that
    injures people it also matches (见人就咬, 咬伤) and before the town that coordinates (`coordinator-after-holders`),
    not at the tail of the escalation chain. A complaint its clauses do not name keeps it as escalation."""
    rabies = domain.responders(WhistleInput("王佐镇", "村里有条狗像是得了狂犬病，见人就咬，已经咬伤了两个人"))
    order = [x.body.id for x in rabies.responders]
    district = next(x for x in rabies.responders if x.body.id == "gov:110106")
    assert order.index("gov:110106") < 2 and district.role == "lead"
    assert {"gov:110106", "dd:110106:bj-gongan"} == set(order[:2])
    assert order.index("gov:110106") < order.index("st:110106101")
    vending = [x.body.id for x in domain.responders(WhistleInput(BABAOSHAN, "占道经营")).responders]
    assert vending.index("gov:110107") > vending.index("dd:110107:bj-chengguanzhifa")
    # nor when the clause naming it matches by one word: a burst street main, 供水管网, and its water-saving incentives
    burst = "路边自来水管爆了好几天了，水一直往外冒，把人行道都泡塌了一块，自来水公司电话打了说排着队呢"
    main = [x.body.id for x in domain.responders(WhistleInput("110108011", burst, "urgent")).responders]
    assert main.index("dd:110108:bj-shuiwu") < main.index("gov:110108")


def test_a_holder_the_case_identifies_is_named_by_its_kind(domain: Domain) -> None:
    """Rule `found-by-case`: heating that fails is the utility's to restore (物业管理条例 第八十七条) and 12345
    dispatches to it directly (接诉即办工作条例 第十一条), but which utility serves an address is a fact of the case,
    not of the graph: the answer names the kind and how to find the body, right after the coordinator, and alerts no
    one in its name. A complaint about an earlier order names the unit that handled it the same way; a complaint
    sharing one incidental word with the gas clauses (管道) names no utility."""
    heat = domain.responders(WhistleInput(BABAOSHAN, "暖气不热，屋里才15度"))
    assert heat.coordinator is not None and heat.responders[0].body.id == heat.coordinator.body.id
    utility = heat.responders[1]
    assert (utility.tier, utility.body.id, utility.body.label) == (
        Tier.BY_CASE,
        "public_service_enterprise",
        Label.HOLDER_KIND,
    )
    assert not utility.notify_now and "the graph names no body" in utility.why
    assert {x.duty.id for x in utility.reasons} >= {"wygl2024-a87-2"}
    again = domain.responders(WhistleInput(BABAOSHAN, "打了三次12345，工单显示已办结，可是没人联系我"))
    assert "handling_unit" in [x.body.id for x in again.responders[:3] if x.tier == Tier.BY_CASE]
    pipe = domain.responders(WhistleInput(BABAOSHAN, "楼下饭店的排烟管道一层黑油"))
    assert pipe.subject.duties and all(x.tier != Tier.BY_CASE for x in pipe.responders)


def test_responders_unknown_urgency(domain: Domain) -> None:
    with pytest.raises(ArgumentError) as err:
        domain.responders(WhistleInput(BABAOSHAN, "占道经营", "whenever"))
    assert (err.value.argument, err.value.message) == ("urgency", "want one of routine, urgent, emergency")


# -- who reports to whom ------------------------------------------------------------------


def test_stationed_unit_has_both_lines(domain: Domain) -> None:
    """Sunk staff: 受街道和上级主管部门双重领导，以街道管理为主 (seeds/001)."""
    r = domain.reporting_chain("team:sjs-street-centres:110107001:公安")
    lines = {c.line: [s.parent.id for s in c.steps] for c in r.chains}
    assert lines["administrative"] == ["st:110107001", "gov:110107", "gov:110000"]
    assert lines["professional"] == ["dd:110107:bj-gongan", "bj-gongan", "gov:110000"]
    admin = next(c for c in r.chains if c.line == "administrative")
    assert admin.steps[0].primary and admin.steps[0].rule == "dual-leadership"
    professional = next(c for c in r.chains if c.line == "professional")
    assert professional.steps[-1].fallback  # the municipal bureau answers to the city on the administrative line


def test_street_office_party_line(domain: Domain) -> None:
    """街道办事处条例 第三条: the street office works under the street Party working committee."""
    r = domain.reporting_chain("st:110107001", line="party")
    assert [s.parent.id for s in r.chains[0].steps] == ["party:110107001"]


def test_committee_reports_to_street_office(domain: Domain) -> None:
    r = domain.reporting_chain("rc:110101001001", line="administrative")
    assert [s.parent.id for s in r.chains[0].steps] == ["st:110101001", "gov:110101", "gov:110000"]


def test_work_team_reports_to_its_successor_department(domain: Domain) -> None:
    """Tongzhou 2017: 23 municipal work teams (seeds/000); 市环保局 became 市生态环境局 in 2018."""
    subs = domain.subordinates("bj-shengtai", depth=1).subordinates
    teams = [s for s in subs if s.body.id == "team:tz-work-teams:市环保局"]
    assert teams and teams[0].line == "professional"


def test_subordinates_depth(domain: Domain) -> None:
    one = domain.subordinates("gov:110107", depth=1).subordinates
    two = domain.subordinates("gov:110107", depth=2).subordinates
    assert {s.body.id for s in one} >= {"st:110107001", "dd:110107:bj-gongan"}
    assert all(s.depth == 1 for s in one)
    assert {s.body.id for s in two} > {s.body.id for s in one}
    assert "team:sjs-street-centres:110107001:公安" in {s.body.id for s in two}


def test_street_assesses_stationed_units_and_their_departments(domain: Domain) -> None:
    """街道办事处条例 第十条（四）; and 第四十三条: the district government assesses the street office."""
    gives, gets = domain.assessments("st:110107001")
    assessed = {a.assessed.id for a in gives}
    assert {"team:sjs-street-centres:110107001:公安", "dd:110107:bj-gongan"} <= assessed
    assert [a.assessor.id for a in gets] == ["gov:110107"]
    _, police = domain.assessments("dd:110107:bj-gongan")
    assert len({a.assessor.id for a in police}) == 9  # the nine streets of 石景山区


# -- arguments ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "argument"),
    [
        (lambda d: d.responsible("1101019999", "养犬登记"), "place"),
        (lambda d: d.responsible(DONGHUAMEN, "yqgl-a999-1"), "subject"),
        (lambda d: d.responsible(DONGHUAMEN, "   "), "subject"),
        (lambda d: d.responsible(DONGHUAMEN, "养犬登记", as_of="2020-13-01"), "asOf"),
        (lambda d: d.reporting_chain("no-such-body"), "body"),
        (lambda d: d.reporting_chain("st:110107001", line="diagonal"), "line"),
        (lambda d: d.subordinates("gov:110107", depth=0), "depth"),
    ],
)
def test_bad_arguments_are_named(domain: Domain, call, argument: str) -> None:
    with pytest.raises(ArgumentError) as err:
        call(domain)
    assert err.value.argument == argument


def test_place_by_unique_name_and_ambiguous_name(domain: Domain) -> None:
    assert domain.place("八宝山街道").id == BABAOSHAN
    with pytest.raises(ArgumentError) as err:
        domain.place("八里庄街道")  # 朝阳区 and 海淀区 both have one
    assert "ambiguous" in err.value.message and "110105" in err.value.message and "110108" in err.value.message
    assert "(八里庄街道, 朝阳区)" in err.value.message and "(八里庄街道, 海淀区)" in err.value.message


def test_place_and_body_by_short_name_or_prefix(domain: Domain) -> None:
    assert domain.place("八宝山").id == BABAOSHAN
    assert domain.body("八宝山街道办").id == "st:110107001"
    with pytest.raises(ArgumentError) as err:
        domain.place("和平里")  # the street and a community of it
    assert "110101010 (和平里街道, 东城区)" in err.value.message
    assert "(和平里社区居委会, 和平里街道, 东城区)" in err.value.message


def test_an_unsure_match_puts_the_coordinator_first_and_says_weak(domain: Domain) -> None:
    """A wage dispute: no bundled law governs it, so nothing is claimed strong; the street office that takes every
    request on its ground (接诉即办工作条例 第五条第五款) comes first, and any duty holder listed says its match is weak."""
    r = domain.responders(WhistleInput(BABAOSHAN, "公司拖欠我三个月工资"))
    assert r.subject.confidence != "strong"
    assert (r.responders[0].body.id, r.responders[0].role) == ("st:110107001", "coordinate")
    held = [x for x in r.responders if x.reasons]
    assert all(x.why.startswith("weak match") for x in held)


def test_the_competent_department_comes_first_among_a_trade_list(domain: Domain) -> None:
    """Rule `competent-first`: 单用途预付卡管理条例 第三十条 gives the penalty to nine departments by trade; a barber's
    card no longer honoured names no trade of theirs, so the one 第六条 makes competent for the regulation (市场监督管理,
    rules/competent_authorities.csv) comes first among them, not whichever sorts first by id."""
    r = domain.responders(WhistleInput("110105017", "理发店换老板了，卡里的钱不认了"))
    listed = [x.body.id for x in r.responders if any(d.duty.id.startswith("yfk2021-a30-") for d in x.reasons)]
    assert listed[0] == "dd:110105:bj-shichangjianguan"
    assert "dd:110105:bj-shichangjianguan" in [x.body.id for x in r.responders[:3]]


def test_the_trade_named_brings_its_sector_department(domain: Domain) -> None:
    """Rule `sector-by-trade`: 单用途预付卡管理条例 第六条 lists thirteen departments that supervise cards 按照职责分工;
    a gym named brings the sports department's row (rules/trade_sectors.csv, derived), which comes beside the
    competent 市场监督管理 and before the penalty departments of other trades (水务, 农业农村), and says why. A card
    whose trade the complaint does not name brings no sector and keeps the nine penalty departments."""
    card = "小区门口那家健身房办了三千多的卡，这礼拜卷帘门拉下来了，老板电话也打不通"
    r = domain.responders(WhistleInput("110105023", card))
    top = [x.body.id for x in r.responders[:3]]
    assert {"dd:110105:bj-shichangjianguan", "dd:110105:bj-tiyu"} <= set(top)
    sports = next(x for x in r.responders if x.body.id == "dd:110105:bj-tiyu")
    assert sports.why.endswith("the sector for the trade named (健身房) (sector-by-trade)")
    assert [x.duty.id for x in sports.reasons] == ["yfk2021-a6-13"]
    others = [x.rank for x in r.responders if x.body.id in ("dd:110105:bj-shuiwu", "dd:110105:bj-nongye")]
    assert others and min(others) > sports.rank
    unnamed = domain.responders(WhistleInput("110105023", "办了三千多的卡，这礼拜店门卷帘门拉下来了，老板电话也打不通"))
    assert "dd:110105:bj-tiyu" not in {x.body.id for x in unnamed.responders}
    assert "dd:110105:bj-shuiwu" in {x.body.id for x in unnamed.responders[:6]}


def test_a_sector_already_shown_as_a_co_holder_is_still_the_trades(domain: Domain) -> None:
    """Rule `sector-by-trade` when 第六条 itself matched: its thirteen rows are already shown as co-holders, and the
    swimming pool's row is marked as the trade's sector, so the sports department comes among the first three."""
    card = "其在王辛庄一游泳馆办的次卡还剩二十多次，场馆说换了老板，之前的卡作废，需要重新办卡"
    r = domain.responders(WhistleInput("110117110", card))
    assert "dd:110117:bj-tiyu" in [x.body.id for x in r.responders[:3]]
    sports = next(x for x in r.responders if x.body.id == "dd:110117:bj-tiyu")
    assert sports.why.endswith("the sector for the trade named (游泳馆) (sector-by-trade)")


def test_the_competent_department_survives_a_cut_among_a_trade_list(domain: Domain) -> None:
    """Rule `competent-first` at the cut: a bakery's card no longer refunded matches the trader's own clauses best
    (单用途预付卡管理条例 第十五、十六条), so 第三十条's nine trade departments come in only as the matter's extra duties,
    of which six are kept; 市场监督管理, the one 第六条 makes competent, is kept and comes first, not the six whose ids
    sort first (交通, 民政, 农业农村 …)."""
    r = domain.responders(
        WhistleInput(
            "110106008008",
            "在楼下烘焙店办了张卡，第二天我就后悔了一口都没吃，去退卡店员说充值的钱一律不退只能换成蛋糕券，卡上还写着最终解释权归本店。",
        )
    )
    assert r.responders[0].body.id == "dd:110106:bj-shichangjianguan"


def test_a_stall_described_not_named_calls_the_city_management_enforcers(domain: Domain) -> None:
    """Rule `situation` (data/rules/situations.csv): no word of "卖水果的三轮车天天堵在路口" is the stall clause's, but
    a selling word beside a cart in one sentence is a stall, so 市容环境卫生条例 第三十五条 calls the district's
    enforcers, and the match shows the cue words that said it."""
    r = domain.responders(WhistleInput("110105017049", "卖水果的三轮车天天堵在路口"))
    assert "dd:110105:bj-chengguanzhifa" in [x.body.id for x in r.responders[:3]]
    stall = next(m for m in r.subject.duties if m.duty.id == "srhj2021-a35-3")
    assert stall.terms == ("卖+三轮→摆摊设点",)


def test_a_park_penalty_brings_who_carries_it_out(domain: Domain) -> None:
    """Rule `penalty-implementer`: 公园条例 第五十六条第三款 gives the penalties of the article to the municipal greening
    bureau in major parks and to the city-management enforcers in the others, so a swimmer in a neighbourhood park's
    lake calls the district's enforcers, saying which penalty brought them."""
    text = "家门口那个小公园湖边天天有人下水游泳，还有人在不让钓鱼的地方甩竿子"
    r = domain.responders(WhistleInput("110105017049", text))
    enforcer = next(x for x in r.responders[:3] if x.body.id == "dd:110105:bj-chengguanzhifa")
    assert enforcer.why.endswith("carries out the penalties of gy2002-a56-1 (penalty-implementer)")


def test_the_consumers_association_answers_for_the_complaints_it_takes(domain: Domain) -> None:
    """消费者协会 (实施《消费者权益保护法》办法 第十六条: 受理消费者的投诉后，应当对投诉事项进行调查、调解) is an institution
    the law names and the graph holds no body of (rule `named-kind-without-body`): a complaint that it sat on one is
    answered with it among the first three, saying the dispatcher finds it, not left among the unresolved holders."""
    r = domain.responders(WhistleInput("110105028", "向消协投诉了，受理以后一直不调查也不调解"))
    association = next(x for x in r.responders[:3] if x.body.id == "consumer_association")
    assert association.role == ResponderRole.RESPOND and "第十六条第一款" in association.why
    assert "the graph holds no body of this kind" in association.why


def test_a_neighbours_quarrel_at_a_street_names_the_residents_committee(domain: Domain) -> None:
    """Rule `committee-by-address`: 居民委员会 mediates neighbours' quarrels (实施《城市居民委员会组织法》办法 第五条), and a
    complaint placed at a street does not say which community's committee: the answer names the kind among the first
    three, saying the caller's address finds it, and in a 街道, whose ground is communities, not the villagers'
    committee; at a community the committee itself is named."""
    text = "我家和对门因为门口放鞋柜吵了半年了，前天还动了手，想找社区给调解一下"
    r = domain.responders(WhistleInput("110101006", text))
    committee = next(x for x in r.responders[:3] if x.body.id == "residents_committee")
    assert committee.tier == Tier.BY_CASE and "found by the caller's address" in committee.why
    assert "villagers_committee" not in {x.body.id for x in r.responders}
    at_home = domain.responders(WhistleInput("110101001001", text))
    assert "residents_committee" not in {x.body.id for x in at_home.responders}
    assert any(x.body.name == "多福巷社区居委会" for x in at_home.responders[:3])


def test_a_gas_leak_in_a_stairwell_calls_the_gas_utility_among_the_first(domain: Domain) -> None:
    """Rule `utility-in-emergency`: the utility whose clause the words find (燃气管理条例 第五十一条第二款: 立即采取相应措施
    先行处置) answers an emergency with the emergency services, right after the district government and the street
    that lead and evacuate, not behind the police a clause on stolen gas found."""
    text = "一进单元门就一股子臭鸡蛋味，四楼那家回老家了，门锁着，味儿越来越大，我们不敢按门铃"
    r = domain.responders(WhistleInput("110109001", text, "emergency"))
    first = [x.body.id for x in r.responders[:3]]
    assert "public_service_enterprise" in first, [x.body.name for x in r.responders[:6]]
    utility = next(x for x in r.responders if x.body.id == "public_service_enterprise")
    assert "第五十一条第二款" in utility.why


def test_a_support_agreement_not_kept_names_the_committee_that_supervises_it(domain: Domain) -> None:
    """Rule `sure-unacted`: 老年人权益保障条例 第十三条 has the residents' committee supervise a support agreement, and no
    body acts on that clause; surely matched, it puts the caller's committee first, before the bodies a weak match of
    协议 found in the gas, river and road-transport laws."""
    text = "我爸跟我弟签了养老协议，房子过户给他了，现在他一分钱不出人也不来，协议白签了，居委会能不能监督"
    r = domain.responders(WhistleInput("110105015034", text))
    first = r.responders[0]
    assert first.body.name == "甘露园社区居委会", [x.body.name for x in r.responders[:4]]
    assert "第十三条" in first.why and first.role == "supervise"


def test_a_kind_without_a_body_comes_before_teams_repeating_a_department(domain: Domain) -> None:
    """Rule `once-per-power`: 控制吸烟条例 第二十六条 names the market regulator and 烟草专卖部门 alike; in 通州 the
    regulator's duties are repeated by two municipal work teams, which add no power the answer lacks, so the tobacco
    authority, named by its kind, comes before them."""
    text = "镇中学对面的食杂店把烟卖给穿校服的学生，店里也没贴不向未成年人售烟的标识"
    r = domain.responders(WhistleInput("110112106238", text))
    ids = [x.body.id for x in r.responders]
    teams = [i for i, body in enumerate(ids) if body.startswith("team:tz-work-teams:")]
    assert "dept:烟草专卖" in ids[:3], ids[:6]
    assert teams and ids.index("dept:烟草专卖") < min(teams), ids[:6]


def test_a_second_matter_of_the_complaint_keeps_its_clause_and_its_holder(domain: Domain) -> None:
    """Rule `second-matter`: rooms built on for rent are the complaint's first matter; the village's fire-safety group
    that never came is a second, whose clause (消防条例 第三十四条, the village committee's 防火安全小组) scores under
    the share of the first's and was dropped; matched by two whole words none of the first's matched, it is kept and
    marked, and the village committee is named among the first three."""
    text = "村里好几户在自家院里加盖了两层彩钢房出租，几十个租户共用一个电表，电线像蜘蛛网，村防火小组还没人来看过"
    r = domain.responders(WhistleInput("110119103223", text))
    apart = [m for m in r.subject.duties if m.second]
    assert [m.duty.id for m in apart][:1] == ["xf-a34-1"], [m.duty.id for m in r.subject.duties]
    ids = [x.body.id for x in r.responders]
    assert "vc:110119103223" in ids[:3], ids[:6]
    committee = r.responders[ids.index("vc:110119103223")]
    assert "《北京市消防条例》第三十四条" in committee.why


def test_one_animals_clause_is_no_reason_for_another_animals_matter(domain: Domain) -> None:
    """Rule `other-animal`: pigs that nobody vaccinates matched the dog rules' rabies clauses through 疫苗 and named
    the police second; a complaint naming livestock and no dog keeps none of them. A dog chasing a neighbour's hens
    names both kinds, and keeps the dog rules."""
    pigs = domain.responders(WhistleInput("110119103223", "家里圈了十几头猪，该打的疫苗一直没人管，我自己也不会打"))
    assert not [m.duty.id for m in pigs.subject.duties if m.duty.regulation == "北京市养犬管理规定"]
    assert "dd:110119:bj-gongan" not in [x.body.id for x in pigs.responders]
    dog = domain.responders(WhistleInput("110119103223", "邻居家的大狗不拴绳，追着我家院里的鸡咬，已经咬死了两只"))
    assert dog.subject.duties[0].duty.regulation == "北京市养犬管理规定", [m.duty.id for m in dog.subject.duties]
