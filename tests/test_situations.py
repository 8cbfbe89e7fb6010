"""Situations (rule `situation`): a matter read from words that only together say it, in one sentence.

The table is checked against the duties as the lexicon is; the reading is checked on a tiny matcher (it fails
without the rule) and on the bundled graph (embedded store: the matcher runs in process whichever store holds them).
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from graph.answers import WhistleInput
from graph.domain import Domain
from graph.matcher import DutyMatcher
from graph.model import Node
from graph.situations import SITUATIONS, Situation, read_situations, sentences

BUNDLED = Path(__file__).resolve().parent.parent / "data"


def _situation(name: str) -> Situation:
    return next(s for s in read_situations() if s.name == name)


def test_situation_rows_are_checked_against_the_duties() -> None:
    """Every legal term is wording of a duty the row's basis cites, every cited duty exists, and each row is
    `derived` and says who checked it: a situation cannot borrow a word from an unrelated clause."""
    duties: dict[str, dict[str, str]] = {}
    for name in ("regulation_duties.csv", "extracted_duties.csv"):
        with (BUNDLED / "duties" / name).open(encoding="utf-8", newline="") as f:
            duties.update((row["id"], row) for row in csv.DictReader(f))
    situations = read_situations()
    assert len(situations) >= 9
    for s in situations:
        assert s.provenance == "derived" and s.reviewed, s.name
        cited = re.findall(r"\b[a-z0-9]+-a\d+-\d+\b", s.basis)
        assert cited and all(c in duties for c in cited), (s.name, cited)
        text = "\n".join(duties[c]["duty"] + duties[c]["quote"] + duties[c]["penalty"] for c in cited)
        assert all(term in text for term in s.legal_terms), (s.name, s.legal_terms)


def test_a_situation_is_said_in_one_sentence() -> None:
    """All groups in one sentence, none of the `unless` words there: a selling word beside the pavement is a stall;
    the same words in two sentences of a long message, or a shop selling indoors, are not."""
    stall = _situation("stall-on-the-pavement")
    assert stall.said_in(sentences("天桥下面天天有人卖袜子")) == ("卖", "天桥")
    assert stall.said_in(sentences("我每天从天桥走。后来才知道他在网上卖假货")) is None
    assert stall.said_in(sentences("楼下店里卖的东西一直堆到人行道")) is None
    # words that hold a cue but say something else: 外卖 is no seller, 膝盖了 no building, 甩卖 nothing thrown
    assert stall.said_in(sentences("送外卖的电动车天天在人行道上逆行")) is None
    assert _situation("building-without-leave").said_in(sentences("水已经没过膝盖了，还往平房里灌")) is None
    assert (
        _situation("things-thrown-from-a-building").said_in(sentences("手机店喇叭天天喊清仓甩卖，楼上都听得见")) is None
    )


@pytest.mark.parametrize(
    ("row", "error"),
    [
        ("stall,卖,,摆摊设点,srhj2021-a35-3,derived,test", "needs two or more groups"),
        ("stall,卖 + 路边,,,srhj2021-a35-3,derived,test", "needs the law's wording"),
        ("stall,卖 + 路边,,摆摊设点,srhj2021-a35-3,derived,test, checked", "more fields than the header"),
        ("stall,卖 + 路边,,摆摊设点", "fewer fields than the header"),
    ],
)
def test_a_malformed_situation_is_refused_with_its_line(tmp_path: Path, row: str, error: str) -> None:
    path = tmp_path / "situations.csv"
    header = SITUATIONS.read_text(encoding="utf-8").splitlines()[0]
    path.write_text(f"{header}\n{row}\n", encoding="utf-8")
    with pytest.raises(ValueError, match=f"situations.csv:2: .*{error}"):
        read_situations(path)
    path.write_text("situation,cues,legal_terms\n", encoding="utf-8")
    with pytest.raises(ValueError, match="situations.csv:1: the header lacks unless, basis, provenance, reviewed"):
        read_situations(path)
    twice = "stall,卖 + 路边,,摆摊设点,srhj2021-a35-3,derived,test"
    path.write_text(f"{header}\n{twice}\n{twice}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="situations.csv:3: situation 'stall' is listed twice"):
        read_situations(path)


def test_the_situation_brings_the_laws_wording() -> None:
    """No word of "卖水果的三轮车天天堵在路口" is the stall clause's; with the situation, 卖 beside 三轮 brings 摆摊设点
    and the clause matches, shown as the cues that said it."""
    stall = Node("s-a35-3", "Duty", {"duty": "查处擅自占用道路等公共场所堆物堆料、摆摊设点", "domain": ""})
    riding = Node("t-a88-2", "Duty", {"duty": "对三轮车加装动力装置的，责令拆除", "domain": ""})
    text = "卖水果的三轮车天天堵在路口"
    plain = {s.duty_id for s in DutyMatcher.build([stall, riding], {}).score(text)[1]}
    assert "s-a35-3" not in plain
    cart = _situation("selling-from-a-cart")
    scored = {s.duty_id: s for s in DutyMatcher.build([stall, riding], {}, situations=[cart]).score(text)[1]}
    assert scored["s-a35-3"].terms == ("卖+三轮→摆摊设点",)
    assert scored["s-a35-3"].carried


def test_situations_are_answered_by_city_management(embedded_domain: Domain) -> None:
    """Over the bundled graph: a restaurant's tables on the pavement and building work at one in the morning each bring the city-management enforcers among the first three, with the
    clause the situation reads, matched by its cue words."""
    cases = {  # the fruit tricycle is in tests/test_golden.py, on both stores
        "夏天一到，楼下那家饭馆就把桌子板凳全搬到外面人行道上，一直摆到公交站": "srhj2021-a35-5",
        "工地夜里一点还在干活，电锯声吵得睡不着": "zs2007-a40-1",
    }
    for text, duty in cases.items():
        answer = embedded_domain.responders(WhistleInput("110105017049", text))
        first = answer.responders[:3]
        assert "dept:城市管理综合执法" in {x.holder_kind for r in first for x in r.reasons}, text
        assert duty in {x.duty.id for r in first for x in r.reasons}, text
        read = {m.duty.id: m.terms for m in embedded_domain.subject(text).duties}
        assert any("+" in term for term in read[duty]), read[duty]
