"""The calibration step: fit the matcher's confidence thresholds on the evaluation set's tune rows.

Reads data/eval/whistles.csv (columns id, split, text, governing = bundled:<code> | more:<stem> | none,
acceptable_duties, ...), keeps the `tune` rows only (the held-out rows are never read into the fit),
and prints the figures under the thresholds in graph/matcher.py and under the fitted ones, with the
constants to paste into graph/matcher.py when they are better.

    python -m bench.calibrate_match [--eval data/eval/whistles.csv]
"""

from __future__ import annotations

import argparse
import csv
import re
from pathlib import Path

from graph.domain import Domain
from graph.embedded import EmbeddedStore
from graph.matcher import NONE, STRONG, LabelledWhistle, Thresholds, calibrate
from loaders.dataset import BUNDLED, read_dataset

EVAL = BUNDLED / "eval" / "whistles.csv"
_DUTY_ID = re.compile(r"[a-z0-9]+-a\d+-\d+")


def tune_rows(path: Path) -> list[LabelledWhistle]:
    """The tune split as labelled whistles: covered when a bundled regulation governs the whistle."""
    with path.open(encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["split"].strip() == "tune"]
    return [
        LabelledWhistle(
            r["text"],
            r["governing"].strip().startswith("bundled:"),
            frozenset(_DUTY_ID.findall(r.get("acceptable_duties") or "")),
        )
        for r in rows
    ]


def figures(domain: Domain, whistles: list[LabelledWhistle], th: Thresholds) -> str:
    """Per split: acceptable duties graded strong / at least weak, and among the duties the answer shows."""
    matcher = domain.matcher
    covered = [w for w in whistles if w.covered]
    uncovered = [w for w in whistles if not w.covered]
    domain.thresholds = th

    def graded(w: LabelledWhistle) -> list[tuple[str, str]]:
        return [(s.duty_id, th.confidence(s.score, s.coverage)) for s in matcher.score(w.text)[1]]

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
    whistles = tune_rows(args.eval)
    store = EmbeddedStore()
    store.apply(read_dataset(BUNDLED))
    domain = Domain(store)
    domain.refresh()
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
