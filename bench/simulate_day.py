"""A simulated day of whistles across Beijing, then the accountability figures it produces.

Synthetic by design (seeded, repeatable): whistles are blown by each street's own operator
on its own ground, responders report in with a spread of delays (some never), the deadline
sweep escalates what is overdue, streets evaluate and resolve, and the 12345 centre calls
petitioners back. Everything goes through the real Supervision service and policy.

    python -m bench.simulate_day --whistles 400 --seed 7
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path
from typing import TypeVar

from bench.bundled import bundled_domain
from graph.vocabulary import CallStatus, EventType, Outcome, PrincipalRole, Tier, Urgency, WhistleSource, WhistleStatus
from whistles.authz import HOTLINE_CENTRE, Principal
from whistles.ledger_sqlite import Ledger
from whistles.record import BEIJING
from whistles.supervision import Period, Supervision

# Colloquial whistle subjects (data/rules/colloquial_lexicon.csv) and regulation terms.
SUBJECTS = [
    "占道经营",
    "遛狗不拴绳",
    "消防通道堵塞",
    "乱扔垃圾",
    "私搭乱建",
    "飞线充电",
    "噪音扰民",
    "二手烟",
    "垃圾分类",
    "渣土",
]
SOURCES = [
    (WhistleSource.STREET_INSPECTION, 0.4),
    (WhistleSource.COMMUNITY_REPORT, 0.2),
    (WhistleSource.HOTLINE_12345, 0.4),
]
URGENCIES = [(Urgency.ROUTINE, 0.85), (Urgency.URGENT, 0.12), (Urgency.EMERGENCY, 0.03)]
REPORT_SHARE = 0.85  # share of calls answered at all
SWEEP_MINUTES = 5
W = TypeVar("W")


class Clock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


def pick(rng: random.Random, weighted: list[tuple[W, float]]) -> W:
    return rng.choices([k for k, _ in weighted], [w for _, w in weighted])[0]


def answer(rng: random.Random, called: datetime, seq: int, whistle: str, body: str) -> list[tuple]:
    """Most calls are answered, with a spread of delays (median about 18 minutes); some never are."""
    if rng.random() >= REPORT_SHARE:
        return []
    delay = min(rng.lognormvariate(2.9, 0.6), 240)
    return [(called + timedelta(minutes=delay), seq, "report", (whistle, body))]


def simulate(sv: Supervision, clock: Clock, whistles: int, seed: int) -> dict[str, int]:
    """Run the day; returns counts of what happened."""
    rng = random.Random(seed)
    store = sv.domain.store
    streets = [n.id for n in store.all_nodes("Area") if n.get("level") == "street" and n.get("kind") != "special_zone"]
    start = clock.now
    blow_times = sorted(start + timedelta(minutes=rng.uniform(0, 12 * 60)) for _ in range(whistles))
    # Planned actions: (time, order, kind, payload); executed in time order with the sweep in between.
    plan: list[tuple[datetime, int, str, tuple]] = [(t, i, "blow", ()) for i, t in enumerate(blow_times)]
    done: Counter[str] = Counter()
    admin = Principal("simulation-admin", PrincipalRole.ADMIN)
    hotline = Principal("12345-centre", PrincipalRole.DEPARTMENT, HOTLINE_CENTRE)
    next_sweep = start
    seq = len(plan)
    while plan:
        plan.sort(key=lambda p: (p[0], p[1]))
        when, _, kind, payload = plan.pop(0)
        while next_sweep <= when:
            clock.now = next_sweep
            for e in sv.sweep():
                done["escalations"] += e.type == EventType.ESCALATED
                if e.type == "called":
                    seq += 1
                    plan.extend(answer(rng, next_sweep, seq, e.whistle, e.data["body"]))
            next_sweep += timedelta(minutes=SWEEP_MINUTES)
        clock.now = when
        if kind == "blow":
            street = rng.choice(streets)
            body = f"st:{street}"
            operator = Principal(f"op-{street}", PrincipalRole.STREET, body)
            source = pick(rng, SOURCES)
            hotline_order = source == WhistleSource.HOTLINE_12345
            order = f"{when.astimezone(BEIJING):%Y%m%d}{rng.randrange(10**6):06d}" if hotline_order else ""
            w = sv.blow(
                operator,
                place=street,
                subject=rng.choice(SUBJECTS),
                urgency=pick(rng, URGENCIES),
                description="模拟",
                source=source,
                order_number=order,
            )
            done["whistles"] += 1
            done[f"source:{source}"] += 1
            for call in w.calls.values():
                done["calls"] += 1
                seq += 1
                plan.extend(answer(rng, when, seq, w.id, call.body))
            seq += 1
            plan.append((when + timedelta(minutes=rng.uniform(60, 300)), seq, "close", (w.id, operator)))
        elif kind == "report":
            whistle_id, body = payload
            w = sv.whistle(whistle_id)
            if w.status == WhistleStatus.OPEN and w.calls[body].reported_at is None:
                sv.report_in(admin, whistle_id, body, on_site=rng.random() < 0.9)
                done["reports"] += 1
        elif kind == "close":
            whistle_id, operator = payload
            w = sv.whistle(whistle_id)
            own = sv.policy.own_bodies(operator.body)
            for body, call in w.calls.items():
                if call.reported_at is not None and call.tier != "escalation" and body not in own:
                    late = call.reported_at > call.deadline
                    sv.evaluate(operator, whistle_id, body, rng.randint(55, 80) if late else rng.randint(75, 100))
                    done["evaluations"] += 1
            outcome = Outcome.RESOLVED if rng.random() < 0.85 else rng.choice([Outcome.EXPLAINED, Outcome.UNRESOLVABLE])
            sv.resolve(operator, whistle_id, outcome)
            done[f"outcome:{outcome}"] += 1
            if w.source == WhistleSource.HOTLINE_12345:
                sv.callback(hotline, whistle_id, rng.random() < (0.93 if outcome == Outcome.RESOLVED else 0.4))
                done["callbacks"] += 1
    clock.now = max(clock.now, start + timedelta(hours=24))
    return dict(done)


def report(sv: Supervision, counts: dict[str, int]) -> str:
    day = Period(None, None)
    lines = ["what happened: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))]
    everything = sv.list(period=day)
    calls = [c for w in everything for c in w.calls.values()]
    by_tier: Counter[tuple[str, str]] = Counter((c.tier, c.status(sv.clock())) for c in calls)
    lines.append("calls by tier and status:")
    for tier in Tier:
        row = {s: by_tier[(tier, s)] for s in CallStatus}
        lines.append(f"  {tier:<10} " + "  ".join(f"{k} {v:>4}" for k, v in row.items()))
    bodies = Counter(c.body for c in calls)
    figures = []
    for body, _ in bodies.most_common(12):
        f = sv.body_figures(body, day, include_units=False)
        rate = f.on_time / f.called if f.called else 0.0
        figures.append((body, f, rate))
    lines.append(
        "most-called bodies (called / on time / late / missed / median minutes to report / whistles resolved):"
    )
    names = {n.id: n.name for n in sv.domain.store.get_nodes([b for b, _, _ in figures]) if n is not None}
    for body, f, rate in figures:
        lines.append(
            f"  {names.get(body, body)[:28]:<28} {f.called:>4} {f.on_time:>4} {f.late:>4} {f.missed:>4}"
            f"  {f.median_minutes_to_report or 0:>6.1f}  {f.resolved:>4}   on-time {rate:.0%}"
        )
    admin = Principal("simulation-admin", PrincipalRole.ADMIN)
    lines.append(
        "street assessment of departments (street component; weight 1/3; 背靠背 breakdown shown to admin only):"
    )
    for body, _, _ in figures[:5]:
        score = sv.assessment(admin, body, day)
        if score.street_score is not None:
            lines.append(
                f"  {names.get(body, body)[:28]:<28} score {score.street_score:>6.2f} from {score.evaluations:>3} evaluations"
                f" by {len(score.by_street)} streets -> {score.weighted:.2f} points"
            )
    h = sv.hotline(day)
    lines.append(
        f"接诉即办 (12345 whistles): orders {h.orders}, response rate {h.response_rate:.1%}, "
        f"resolution rate {h.resolution_rate:.1%}, satisfaction rate {h.satisfaction_rate:.1%} ({h.callbacks} callbacks)"
    )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--whistles", type=int, default=400)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--day", default="2026-11-23", help="the simulated day (Beijing time)")
    args = parser.parse_args()
    domain = bundled_domain()
    clock = Clock(datetime.fromisoformat(args.day).replace(hour=8, tzinfo=BEIJING))
    with tempfile.TemporaryDirectory() as tmp:
        sv = Supervision(domain, Ledger(Path(tmp) / "whistles.sqlite"), clock=clock)
        started = time.perf_counter()
        counts = simulate(sv, clock, args.whistles, args.seed)
        elapsed = time.perf_counter() - started
        print(f"simulated day {args.day}: {args.whistles} whistles, seed {args.seed}, {elapsed:.1f} s")
        print(report(sv, counts))


if __name__ == "__main__":
    main()
