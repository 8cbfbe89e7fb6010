"""The calibration step: fit the matcher's confidence thresholds on the evaluation set's tune rows.

Reads data/eval/whistles.csv (columns id, split, text, governing = bundled:<code> | more:<stem> | none,
acceptable_duties, ...), keeps the `tune` rows only (the held-out rows are never read into the fit),
and prints the figures under the thresholds in graph/matcher.py and under the fitted ones, with the
constants to paste into graph/matcher.py when they are better.

    python -m bench.calibrate_match [--eval data/eval/whistles.csv]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from bench.bundled import bundled_domain
from bench.routing_eval import Scorer, read_cases
from graph.domain import Domain
from graph.matcher import NONE, STRONG, LabelledWhistle, Thresholds, calibrate
from loaders.dataset import BUNDLED

EVAL = BUNDLED / "eval" / "whistles.csv"


def tune_rows(domain: Domain, path: Path) -> list[LabelledWhistle]:
    """The tune split as labelled whistles, covered and keyed as bench/routing_eval.py scores them (a `more:` row
    is covered once its text's duties are bundled: the `more-row-key` rule)."""
    scorer = Scorer(domain)
    out = []
    for case in read_cases(path):
        if case.split != "tune":
            continue
        key = scorer.key(case)
        out.append(LabelledWhistle(case.text, key is not None, key.acceptable if key else frozenset()))
    return out


def figures(domain: Domain, whistles: list[LabelledWhistle], th: Thresholds) -> str:
    """Per split: acceptable duties graded strong / at least weak, and among the duties the answer shows."""
    matcher = domain.matcher
    covered = [w for w in whistles if w.covered]
    uncovered = [w for w in whistles if not w.covered]
    domain.thresholds = th

    def graded(w: LabelledWhistle) -> list[tuple[str, str]]:
        return [(s.duty_id, th.grade(s)) for s in matcher.score(w.text)[1]]

    strong_hit = sum(any(d in w.acceptable and c == STRONG for d, c in graded(w)) for w in covered)
    seen = sum(any(d in w.acceptable and c != NONE for d, c in graded(w)) for w in covered)
    honest = sum(all(c != STRONG for _, c in graded(w)) for w in uncovered)
    silent = sum(all(c == NONE for _, c in graded(w)) for w in uncovered)
    shown = sum(any(m.duty.id in w.acceptable for m in domain.subject(w.text).duties) for w in covered)
    return (
        f"covered {len(covered)}: acceptable duty strong {strong_hit} ({strong_hit / max(len(covered), 1):.0%}), "
        f"at least weak {seen} ({seen / max(len(covered), 1):.0%}), "
        f"among the duties shown {shown} ({shown / max(len(covered), 1):.0%}); "
        f"uncovered {len(uncovered)}: no strong duty {honest} ({honest / max(len(uncovered), 1):.0%}), "
        f"no duty at all {silent} ({silent / max(len(uncovered), 1):.0%})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--eval", type=Path, default=EVAL)
    args = parser.parse_args()
    domain = bundled_domain()
    whistles = tune_rows(domain, args.eval)
    matcher = domain.matcher
    print(f"{len(whistles)} tune rows from {args.eval}")
    print(f"current {Thresholds()}:\n  {figures(domain, whistles, Thresholds())}")
    fitted, value = calibrate(matcher, whistles)
    print(f"fitted  {fitted} (objective {value}):\n  {figures(domain, whistles, fitted)}")
    print("constants for graph/matcher.py:")
    print(f"STRONG_SCORE = {fitted.strong_score}\nSTRONG_COVERAGE = {fitted.strong_coverage}")
    print(f"WEAK_SCORE = {fitted.weak_score}\nWEAK_COVERAGE = {fitted.weak_coverage}")


if __name__ == "__main__":
    main()
