"""Accountability figures from whistle records: who was called, who came on time, how streets score departments.

Definitions (stated here once; the 接诉即办工作条例 第三十二条 names 响应率、解决率、满意率 as
the core of assessment without giving formulas, so these are this product's reading):
- a call is on time when the body reported in by its deadline, late when after it, missed when
  the deadline passed with no report, pending otherwise;
- response rate = on-time calls / calls whose deadline has passed or that were answered;
- resolution rate = whistles resolved with outcome `resolved` / whistles closed;
- satisfaction rate = callbacks with `satisfied` / callbacks recorded (第二十三条: 回访).
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import datetime

from graph.vocabulary import CallStatus, Outcome, WhistleSource, WhistleStatus
from whistles.record import Summary

# A street's score counts for at least one third of a department's performance score: the reform's rule as
# the product brief states it (seeds/002 reports only 加大街乡考核部门的权重, more weight to the streets' view).
MIN_STREET_WEIGHT = 1 / 3


@dataclass(frozen=True)
class CallFigures:
    called: int = 0
    on_time: int = 0
    late: int = 0
    missed: int = 0
    pending: int = 0
    median_minutes_to_report: float | None = None
    whistles: int = 0
    resolved: int = 0


def call_figures(whistles: list[Summary], bodies: set[str] | None, now: datetime) -> CallFigures:
    """Figures over the calls to `bodies` (None: every call) in these whistles."""
    counts = dict.fromkeys(CallStatus, 0)
    minutes: list[float] = []
    called = 0
    involved = resolved = 0
    for w in whistles:
        calls = [c for c in w.calls if bodies is None or c.body in bodies]
        if not calls:
            continue
        involved += 1
        resolved += w.outcome == Outcome.RESOLVED
        for c in calls:
            called += 1
            counts[c.status(now)] += 1
            m = c.minutes_to_report()
            if m is not None:
                minutes.append(m)
    median = round(statistics.median(minutes), 2) if minutes else None
    return CallFigures(
        called=called,
        on_time=counts[CallStatus.ON_TIME],
        late=counts[CallStatus.LATE],
        missed=counts[CallStatus.MISSED],
        pending=counts[CallStatus.PENDING],
        median_minutes_to_report=median,
        whistles=involved,
        resolved=resolved,
    )


@dataclass(frozen=True)
class StreetScore:
    street: str
    evaluations: int
    mean_rating: float


@dataclass(frozen=True)
class AssessmentScore:
    """The street component of a department's performance score for a period."""

    department: str
    evaluations: int
    street_score: float | None  # mean of the streets' 0-100 ratings
    weight: float
    weighted: float | None  # weight × street_score: the points the streets' view contributes
    by_street: tuple[StreetScore, ...] = field(default_factory=tuple)  # empty unless the reader may see it


def assessment(
    whistles: list[Summary], department: str, units: set[str], weight: float, breakdown: bool
) -> AssessmentScore:
    ratings: dict[str, list[int]] = {}
    for w in whistles:
        for body, rating in w.ratings:
            if body in units:
                ratings.setdefault(w.street, []).append(rating)
    every = [r for rs in ratings.values() for r in rs]
    score = round(statistics.fmean(every), 2) if every else None
    streets = tuple(StreetScore(s, len(rs), round(statistics.fmean(rs), 2)) for s, rs in sorted(ratings.items()))
    weighted = round(weight * score, 2) if score is not None else None
    return AssessmentScore(department, len(every), score, weight, weighted, streets if breakdown else ())


def check_weight(weight: float) -> float:
    if not MIN_STREET_WEIGHT - 1e-9 <= weight <= 1:
        raise ValueError(
            f"street assessment weight {weight}: the street's score must count for at least 1/3 (and at most all)"
        )
    return weight


@dataclass(frozen=True)
class HotlineFigures:
    orders: int
    response_rate: float | None
    resolution_rate: float | None
    satisfaction_rate: float | None
    callbacks: int


def hotline_figures(whistles: list[Summary], now: datetime) -> HotlineFigures:
    orders = [w for w in whistles if w.source == WhistleSource.HOTLINE_12345]
    statuses = [c.status(now) for w in orders for c in w.calls]
    due = [s for s in statuses if s != CallStatus.PENDING]
    closed = [w for w in orders if w.status == WhistleStatus.RESOLVED]
    callbacks = [w.satisfied for w in orders if w.satisfied is not None]
    return HotlineFigures(
        orders=len(orders),
        response_rate=_rate(sum(s == CallStatus.ON_TIME for s in due), len(due)),
        resolution_rate=_rate(sum(w.outcome == Outcome.RESOLVED for w in closed), len(closed)),
        satisfaction_rate=_rate(sum(callbacks), len(callbacks)),
        callbacks=len(callbacks),
    )


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None
