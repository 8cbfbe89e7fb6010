"""The routing evaluation set (data/eval/whistles.csv, bench/routing_eval.py) as a floor that cannot regress.

The floors are the figures reached when this was written, rounded down; the issue's targets (90 % routing and 95 %
honest answers on the held-out third) are not met yet, so these guard the progress rather than claim the goal.
"""

from __future__ import annotations

import pytest

from bench.routing_eval import evaluate, read_cases, summarise
from graph.domain import Domain

FLOORS = {
    "tune": {"routing (must kinds in top 3)": 0.64, "duty recall": 0.60, "uncovered answered honestly": 0.96},
    "heldout": {"routing (must kinds in top 3)": 0.59, "duty recall": 0.54, "uncovered answered honestly": 0.97},
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
