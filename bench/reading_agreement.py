"""How far a second careful reading of a hand-read text agrees with its original rows (data/eval/second_readings/).

A helper read each text again, blind to its rows and to the regulation reader, by the written conventions of
data/SOURCES.md. The second reading takes the reader's place in bench/extraction_eval.py's measure (keys (article,
clause, holder kind), role agreement on matched keys), so the figure says how far the written conventions fix the
original readers' choices: where two careful readers agree, a shortfall of the reader is the reader's.

Totals only, never the disagreements: five of the texts are the reader's held-out half, and these rows are never used
to tune it.

`.venv/bin/python -m bench.reading_agreement`
"""

from __future__ import annotations

import csv
from pathlib import Path

from bench.extraction_eval import HELD_OUT, TUNED, Figures, _keyed
from loaders.dataset import BUNDLED

SECOND_READINGS = BUNDLED / "eval/second_readings"


def agreement(code: str, second: Path, root: Path = BUNDLED) -> Figures:
    """The second reading of one regulation code against the original hand-read rows of that code."""
    with (root / "duties/regulation_duties.csv").open(encoding="utf-8") as f:
        original = _keyed([r for r in csv.DictReader(f) if r["id"].split("-")[0] == code])
    with second.open(encoding="utf-8") as f:
        again = _keyed(list(csv.DictReader(f)))
    matched = set(again) & set(original)
    return Figures(
        true_pos=len(matched),
        extracted=len(again),
        hand=len(original),
        role_agree=sum(again[k][0] == original[k][0] for k in matched),
    )


def main() -> None:
    for label, codes in (("tuned", TUNED), ("held out", HELD_OUT)):
        total = Figures()
        for code in codes:
            path = SECOND_READINGS / f"{code}.csv"
            if not path.exists():
                continue
            fig = agreement(code, path)
            total.add(fig)
            print("  " + _line(code, fig))
        print(_line(label, total))


def _line(label: str, fig: Figures) -> str:
    """The extraction bench's line without its penalty column: a second reading's penalties are not compared."""
    return fig.line(label).split("  penalties")[0]


if __name__ == "__main__":
    main()
