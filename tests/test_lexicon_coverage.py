"""The holder lexicon is one well-formed table, and what it reads of the bundled law texts (bench/lexicon_coverage.py)
does not fall back: the figures are floors measured on the input, not on the hand-read rows."""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

import pytest

from bench.lexicon_coverage import Coverage, law_texts, measure, measure_sentence
from loaders.dataset import BUNDLED
from loaders.reader.lexicon import LEXICON, Lexicon

MATCHES = {"full", "stem", "unit_stem", "pattern", "stop"}


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon.load(BUNDLED)


def test_the_lexicon_is_one_well_formed_table() -> None:
    """Every row has a known match, a basis, kinds that exist (none for a `stop`), and no phrase is listed twice
    for the same match (a stem and a unit stem may share a word: 建设部门 / 建设单位)."""
    for dataset in (BUNDLED, BUNDLED / "chongqing"):  # (a second city's rows name its kinds or the bundled ones)
        _well_formed(dataset)


def _well_formed(dataset: Path) -> None:
    kinds: set[str] = set()
    for root in dict.fromkeys((BUNDLED, dataset)):
        with (root / "duties/holder_kinds.csv").open(encoding="utf-8") as f:
            kinds |= {r["holder_kind"] for r in csv.DictReader(f)}
    with (dataset / LEXICON).open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert rows
    for r in rows:
        assert r["match"] in MATCHES and r["basis"].strip(), r
        named = [k for k in r["holder_kind"].split(";") if k]
        assert (not named) if r["match"] == "stop" else (named and set(named) <= kinds), r
        if r["match"] == "pattern":
            re.compile(r["phrase"])
    twice = [key for key, n in Counter((r["phrase"], r["match"]) for r in rows).items() if n > 1]
    assert twice == []


def test_unread_holder_phrases_in_subject_position_are_listed(lexicon: Lexicon) -> None:
    """A head the lexicon does not read counts where the reader's subject test would put it (志愿者组织应当…),
    not as an object (会同志愿者组织) nor where a lexicon phrase only qualifies an unread head."""
    cov = Coverage()
    measure_sentence("志愿者组织应当为志愿者提供医疗急救志愿服务所需的安全条件。", lexicon, "t", cov)
    measure_sentence("公安机关交通管理部门应当会同志愿者组织及时清理现场。", lexicon, "t", cov)
    assert cov.unread == Counter({"志愿者组织": 1}) and cov.read == 1
    measure_sentence("区域性应急中心和急救人员应当与院内医疗急救机构进行沟通。", lexicon, "t", cov)
    assert cov.unread["区域性应急中心"] == 1


def test_what_the_lexicon_reads_of_every_bundled_text_does_not_fall_back() -> None:
    """Floors (rounded down) of `python -m bench.lexicon_coverage` over the 48 texts, which reads 93.3% of subject-position
    holder phrases and 88.7% of the sectors listed in department lists (89.3% and 64.1% before the review of issue 11)."""
    assert len(law_texts()) == 48
    cov = measure()
    assert cov.share >= 0.93 and cov.sector_share >= 0.88, (cov.share, cov.sector_share)
