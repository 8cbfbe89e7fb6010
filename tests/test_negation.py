"""What a complaint rules out (graph/negation.py, rule `ruled-out`): only a denial a contrast follows, and in an answer
its words find no clause on their own while they still stand beside the matter."""

from __future__ import annotations

import pytest

from graph.domain import Domain
from graph.negation import ruled_out

NOISE_LAW = "北京市环境噪声污染防治办法"


@pytest.mark.parametrize(
    ("text", "denied"),
    [
        ("不是修车铺吵，是他把废机油倒沟里", ["不是修车铺吵"]),
        ("说的不是居民垃圾分类。是楼下诊所把针头往垃圾桶里扔", ["不是居民垃圾分类"]),
        ("不是嫌老师教得不好，孩子挺喜欢。是这家机构突然关门了", ["不是嫌老师教得不好，孩子挺喜欢"]),
        ("不是堵车的问题而是红绿灯坏了", ["不是堵车的问题"]),
        ("我们反映的不是占道，我们反映的是噪音", ["不是占道"]),
    ],
)
def test_a_denial_a_contrast_follows_is_ruled_out(text: str, denied: list[str]) -> None:
    said, rest = ruled_out(text)
    assert list(said) == denied
    assert all(phrase not in rest for phrase in said) and rest.count("，") >= len(said)


@pytest.mark.parametrize(
    "text",
    [
        "这不是扰民吗？是不是没人管",  # a question asserts what it seems to deny
        "是不是物业的事，我也说不清",
        "要不是邻居说我都不知道，是物业干的",  # 要不是: "had it not been for"
        "楼上不是吵就是闹，天天如此",  # an alternative: both are said
        "不是一天两天了，天天半夜施工",  # no contrast follows
        "难道不是城管管吗，是谁管",
    ],
)
def test_a_denial_without_contrast_rules_nothing_out(text: str) -> None:
    assert ruled_out(text) == ((), text)


def test_a_ruled_out_matter_finds_no_clause_but_is_said(embedded_domain: Domain) -> None:
    """ "不是噪音扰民，是楼道里堆满了纸箱子" is about the stairwell: the noise regulation, which 噪音扰民 alone finds, is no
    reason; said plainly, both matters are read. The answer says what it read as ruled out."""
    denied = embedded_domain.subject("不是噪音扰民，是楼道里堆满了纸箱子。")
    assert denied.duties and NOISE_LAW not in {m.duty.regulation for m in denied.duties}
    assert denied.ruled_out == ("不是噪音扰民",)
    plain = embedded_domain.subject("噪音扰民，楼道里堆满了纸箱子。")
    assert NOISE_LAW in {m.duty.regulation for m in plain.duties} and not plain.ruled_out
    answer = embedded_domain.responsible("110105017049", "不是噪音扰民，是楼道里堆满了纸箱子。")
    assert any("ruled-out" in note and "不是噪音扰民" in note for note in answer.notes)


def test_a_denied_attribute_keeps_its_subject(embedded_domain: Domain) -> None:
    """ "不是招牌上写得不对，是那块门头掉下来了" denies what was wrong with the sign, not that the sign is the matter: 招牌 stands
    beside 门头 and the outdoor-sign regulation is still read first."""
    sign = embedded_domain.subject("不是招牌上写得不对，是那块门头一半掉下来斜挂在二楼，底下就是人行道。")
    assert sign.duties[0].duty.regulation.startswith("北京市户外广告设施、牌匾标识和标语宣传品设置管理条例")
