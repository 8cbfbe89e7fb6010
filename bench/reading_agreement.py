"""How far a second careful reading of a hand-read text agrees with its original rows (data/eval/second_readings/).

A helper read each text again, blind to its rows and to the regulation reader, by the written conventions of
data/SOURCES.md. The second reading takes the reader's place in bench/extraction_eval.py's measure (keys (article,
clause, holder kind), role agreement on matched keys, penalty amounts on matched enforcers), so the figure says how far the written conventions fix the
original readers' choices: where two careful readers agree, a shortfall of the reader is the reader's.

Totals only, never the disagreements: five of the texts are the reader's held-out half, and these rows are never used
to tune it.

`.venv/bin/python -m bench.reading_agreement`
"""

from __future__ import annotations

from pathlib import Path

from bench.extraction_eval import HELD_OUT, TUNED, Figures, _keyed, hand_rows, score
from loaders.dataset import BUNDLED

SECOND_READINGS = BUNDLED / "eval/second_readings"


def agreement(code: str, second: Path, root: Path = BUNDLED) -> Figures:
    """The second reading of one regulation code against the original hand-read rows of that code."""
    original = _keyed(hand_rows(code, root / "duties/regulation_duties.csv"))
    fig, _ = score(code, _keyed(hand_rows(code, second)), original)  # its disagreements are never shown
    return fig


def main() -> None:
    for label, codes in (("tuned", TUNED), ("held out", HELD_OUT)):
        total = Figures()
        for code in codes:
            path = SECOND_READINGS / f"{code}.csv"
            if not path.exists():
                continue
            fig = agreement(code, path)
            total.add(fig)
            print("  " + fig.line(code))
        print(total.line(label))


if __name__ == "__main__":
    main()
