"""The routing evaluation set (data/eval/whistles.csv, bench/routing_eval.py) as a floor that cannot regress.

The floors are the figures reached when this was written, rounded down (since the further texts' duties are bundled,
their 75 rows count as covered under the `more-row-key` rule of bench/routing_eval.py, a harder key than before). The
routing issue's targets (90 % routing and 95 % honest answers on the held-out third) are met: 92.7 % and 100 % at
stop 35, so the held-out floors guard that margin.
"""

from __future__ import annotations

import pytest

from bench.probe_honesty import PROBES
from bench.routing_eval import Scorer, evaluate, read_cases, summarise, where_missing
from graph.domain import Domain
from graph.law_prior import read_law_prior

# Stop 31 measured tune 95.7 / 78.7 / 98.0 % and held out 90.2 / 84.6 / 100 % (111 of 123 routed, recall 104), scored
# at 19:28 UTC at 7c8aca4, at 651a468 and at the end at 619b410 (the same each time). Stop 30 measured tune 95.7 / 78.7 /
# 98.0 % and held out 91.1 / 85.4 / 100 % (112 of 123 routed, recall 105), scored once at the end (17:43 UTC at 855220a). Stop 29 measured tune 94.7 / 78.3 / 98.0 % and held out 90.2 / 84.6 / 100 % (111 of 123 routed, one fewer than stops
# 26 to 28; recall 103 -> 104), scored once at the end: the routing floor holds with one whistle to spare.
# Stop 26 measured tune 94.7 / 77.8 / 98.0 % and held out 91.1 / 83.7 / 100 % (held-out recall 104 -> 103 of 123 over
# the stop's lexicon rows and ordering rules; stop 25: 94.7 / 77.8 / 98.0 and 89.4 / 84.6 / 100; stop 24: 93.7 / 78.3 /
# 98.0 and 87.0 / 82.9 / 100; stop 23: 91.8 / 76.3 / 98.0 and 87.0 / 81.3 / 100; stop 22: 89.9 / 75.8 / 98.0 and
# 82.1 / 78.0 / 100; a sunk team names its sending department's kinds since stop 20, see data/eval/README.md). Tune
# recall fell 162 -> 161 of 207 with reader 22, which re-read approval clauses of the further texts as supervise rows.
# Stop 35 (`law-prior`) measured tune 95.2 / 81.6 / 98.0 % and held out 92.7 / 86.2 / 100 % (114 of 123 routed,
# recall 106) at the end (06:27 UTC at 6f956b3); a first scoring at 06:03 (221273a) read 115 routed, before the prior
# stopped lifting clauses found only by setting or widespread words (a golden test's card room).
# Stop 36 (`ruled-out`, `unlike-its-law`, rounds 34-36 in the prior and the lexicon) measured tune 95.2 / 81.2 / 98.0 %
# and held out 91.9 / 85.4 / 100 % (113 of 123 routed, recall 105), scored once at the end (09:09 UTC at b8b0ea6), so
# the held-out routing floor is 91 % (the behaviour is not tuned to win the whistle back: that would tune on it).
# Stop 37 (`narrow-letters`, `private-refusal`, rounds 37-38) measured tune 95.2 / 81.2 / 98.0 % and held out 92.7 /
# 86.2 / 100 % (114 of 123 routed, recall 106), scored at 11:09 UTC at 82dde32 and at the end at 12:04 at 9ecf2cc
# (the same both times); the floor stays at 91 %, one whistle below.
# Stop 38 (`operator-turns`, `form-fields`, three more competent authorities, rounds 39-41) measured tune 95.2 / 81.6 /
# 98.0 % and held out 92.7 / 86.2 / 100 % (114 of 123 routed, recall 106), scored once at the end (14:56 UTC at c793fa5).
# Stop 39 (`like-ungoverned`, rounds 42-44) measured tune 95.2 / 81.6 / 100 % and held out 92.7 / 86.2 / 100 % (114 of
# 123 routed, recall 106), scored once at the end (23:29 UTC at 7cfd1d7).
FLOORS = {
    "tune": {"routing (must kinds in top 3)": 0.94, "duty recall": 0.77, "uncovered answered honestly": 0.98},
    "heldout": {"routing (must kinds in top 3)": 0.91, "duty recall": 0.83, "uncovered answered honestly": 0.99},
}


@pytest.mark.parametrize("split", sorted(FLOORS))
def test_routing_figures_hold_their_floor(embedded_domain: Domain, split: str) -> None:
    cases = [c for c in read_cases() if c.split == split]
    assert len(cases) > 100
    figures = summarise(evaluate(embedded_domain, cases))
    below = {
        name: f"{frac:.1%} < {FLOORS[split][name]:.0%}"
        for name, (_, _, frac) in figures.items()
        if frac < FLOORS[split][name]
    }
    assert not below, below


def test_a_row_governed_by_a_further_text_is_scored_by_the_laws_own_holder(embedded_domain: Domain) -> None:
    """more-row-key: once the further texts' duties are bundled, their rows count as covered; the must-have kinds are
    the reader's lexicon on the law's wording, the acceptable duties those at the articles the note cites."""
    scorer = Scorer(embedded_domain)
    cases = {c.id: c for c in read_cases()}
    noise = scorer.key(cases["u001"])  # 夜间施工 without approval: 噪声污染防治办法 第十八条、第四十条
    assert noise is not None and noise.requirements == (frozenset({"dept:城市管理综合执法"}),)
    assert noise.acceptable and all(d.startswith(("zs2007-a18-", "zs2007-a40-")) for d in noise.acceptable)
    assert scorer.key(next(c for c in cases.values() if c.governing == "none")) is None


def test_ranks_say_where_each_missing_kind_stands(embedded_domain: Domain) -> None:
    """`--ranks`: a routing miss records, for each must-have kind missing from the first three, the place where the
    answer names it (below the third) or that it names it nowhere; a hit records nothing."""
    outcomes = evaluate(embedded_domain, [c for c in read_cases() if c.split == "tune"])
    covered = [o for o in outcomes if o.covered]
    assert all(bool(o.late) == (not o.ok) for o in covered)
    assert all(rank is None or rank > 3 for o in covered for rank in o.late)
    places = where_missing(outcomes)
    assert sum(places.values()) == sum(len(o.late) for o in outcomes) > 0


def test_a_probe_is_scored_by_a_prior_that_never_read_it(embedded_domain: Domain) -> None:
    """The probes are what the law prior learns from: a probe file's figures must be those of a prior read from the
    other files, or the evaluation would answer each complaint from its own key."""
    probe = PROBES / "routing_r31b.csv"
    cases = read_cases(probe)
    loo = evaluate(embedded_domain, cases)
    kept = embedded_domain.law_prior
    embedded_domain.law_prior = read_law_prior(p for p in sorted(PROBES.glob("routing_*.csv")) if p != probe)
    try:
        others = evaluate(embedded_domain, cases)
    finally:
        embedded_domain.law_prior = kept
    assert [(o.ok, o.duty_ok, o.detail) for o in loo] == [(o.ok, o.duty_ok, o.detail) for o in others]
