"""The one timing helper the benches share: a median of wall times, so a noisy run does not decide a figure."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def median_seconds(work: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def paired_ratio(work: Callable[[], object], baseline: Callable[[], object], runs: int) -> tuple[float, float, float]:
    """Median of work/baseline over runs where the two alternate (so a noisy spell on a shared machine slows both
    sides of a pair, not one side of the figure), with the median seconds of each: (ratio, work, baseline)."""
    ratios, works, bases = [], [], []
    for _ in range(runs):
        bases.append(median_seconds(baseline, 1))
        works.append(median_seconds(work, 1))
        ratios.append(works[-1] / bases[-1])
    return statistics.median(ratios), statistics.median(works), statistics.median(bases)
