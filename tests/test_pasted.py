"""What of a pasted text is read as the matter (graph/pasted.py): work-order forms (`form-fields`) and call transcripts
(`operator-turns`)."""

from __future__ import annotations

from graph.domain import Domain
from graph.matcher import STRONG
from graph.pasted import matter_text

MATTER = "市民反映楼下烧烤店天天把桌子摆到便道上，推车都过不去。"


def test_a_work_order_is_read_by_its_content_field() -> None:
    """Whatever the separators (【】, ：, ｜, ；, spaces, no colon at all), only the content field is the matter."""
    forms = [
        f"【工单编号】BJ2026120201037【来电时间】2026-12-02 08:17【诉求类型】投诉【诉求内容】{MATTER}【办理时限】3个工作日",
        f"工单编号：BJ2026120401111｜所属区域：西城区牛街街道｜诉求内容：{MATTER}｜办理时限：3个工作日",
        f"工单编号BJ2026120301074；来电时间2026-12-03 09:34；诉求内容：{MATTER}；办理时限：3个工作日",
        f"工单编号：BJ2026 来电时间：2026-12-05 11:08 诉求内容：{MATTER} 办理时限：3个工作日 派单意见：请属地核实处置。",
    ]
    assert [matter_text(f) for f in forms] == [MATTER] * len(forms)


def test_one_label_is_no_form_and_a_form_without_content_loses_only_its_own_fields() -> None:
    assert matter_text(f"问题描述：{MATTER}") == f"问题描述：{MATTER}"  # a caller may write one label himself
    assert MATTER in matter_text(f"工单编号：BJ1｜办理时限：3个工作日｜{MATTER}")
    assert "工单" not in matter_text(f"工单编号：BJ1｜办理时限：3个工作日｜{MATTER}")


def test_a_work_order_answers_as_its_matter_does(embedded_domain: Domain) -> None:
    """Rule `form-fields`: 工单, 办理时限 and 派单 name the hotline law's clauses on orders and deadlines; the form's
    answer is its matter's, with no hotline clause and the same confidence."""
    form = embedded_domain.subject(
        f"工单编号：BJ2026120401111｜来电时间：2026-12-04 10:51｜诉求类型：投诉｜所属区域：西城区牛街街道｜诉求内容：{MATTER}"
        "｜办理时限：3个工作日 派单意见：请属地核实处置。"
    )
    alone = embedded_domain.subject(MATTER)
    assert alone.confidence == STRONG
    assert (form.confidence, [d.duty.id for d in form.duties]) == (alone.confidence, [d.duty.id for d in alone.duties])
    assert not [d for d in form.duties if d.duty.id.startswith("jsjb2021")]


def test_a_calls_operator_is_not_the_matter(embedded_domain: Domain) -> None:
    """Rule `operator-turns`: in a call transcript the operator's greeting and questions (接线员：您好，12345) are not
    the caller's matter. A question about a school place finds no hotline clause, and a transcript about tables on
    the pavement reads as the caller's words alone do; a caller who complains about the operator still names it."""
    school = embedded_domain.subject(
        "接线员：您好，12345，请讲。市民：我问一下小升初派位的事，孩子派到的学校离家八公里。"
        "接线员：您是想申请调整？市民：对，想换一个近的。"
    )
    assert not [d for d in school.duties if d.duty.id.startswith("jsjb2021")], school.duties
    assert school.confidence != STRONG
    said = "我们楼底下烧烤店天天把桌子摆到便道上，推车都过不去。"
    call = embedded_domain.subject(f"接线员：您好，12345，请讲。市民：{said}接线员：这种情况多久了？市民：一个多月了。")
    alone = embedded_domain.subject(said + "一个多月了。")
    assert (call.confidence, [d.duty.id for d in call.duties]) == (alone.confidence, [d.duty.id for d in alone.duties])
    rude = embedded_domain.subject(
        "话务员：您好，请问有什么可以帮您？来电人：上次那个接线员态度很差，没说完就挂了电话。"
    )
    assert [d for d in rude.duties if d.duty.id.startswith("jsjb2021")]
