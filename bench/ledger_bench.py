"""The deadline sweep and bodyFigures (Supervision.sweep, Supervision.body_figures) on a ledger of 10,000 whistles.

SYNTHETIC ledger (seeded, repeatable; not official data): every whistle is blown through the real Supervision
service on the bundled Beijing graph, at the streets of two districts, one every four minutes over about four
weeks, with a mix of subjects and sources. Four in five are reported in (first call, 5-45 minutes) and resolved;
the others stay open with every call reported in, except the newest OVERDUE, which nobody answered.

Timed, each the median of --repeat runs:
- sweep escalating OVERDUE whistles (each run on a fresh copy of the ledger file, so each run has the same work);
- a quiet sweep right after it (nothing is due: what the minute-by-minute sweep costs almost always);
- body_figures of the Shijingshan urban-management bureau with its units, over everything and over one week.
Each is printed with its ratio to a baseline measured in the same run: reading every event row of the ledger
with sqlite3 and decoding its JSON (the same work whatever the ledger code does), so runs on different
machines or loads compare by ratio.

    .venv/bin/python bench/ledger_bench.py [--whistles 10000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.bundled import bundled_domain

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph.domain import Domain  # noqa: E402
from graph.vocabulary import EventType, Outcome, PrincipalRole, WhistleSource  # noqa: E402
from whistles.authz import Principal  # noqa: E402
from whistles.ledger_sqlite import Ledger  # noqa: E402
from whistles.supervision import Period, Supervision  # noqa: E402

DISTRICTS = ("110107", "110108")  # 石景山区, 海淀区
SUBJECTS = ("占道经营", "遛狗不拴绳", "消防通道堵塞", "乱扔垃圾", "私搭乱建", "噪音扰民", "渣土")
BUREAU = "dd:110107:bj-chengguanzhifa"
OVERDUE = 100
START = datetime(2026, 10, 1, 0, 0, tzinfo=UTC)
EVERY = timedelta(minutes=4)
ADMIN = Principal("bench-admin", PrincipalRole.ADMIN)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def build(domain: Domain, path: Path, whistles: int, seed: int) -> datetime:
    """The synthetic ledger at `path`; returns the time of its last step."""
    rng = random.Random(seed)
    streets = sorted(
        n.id
        for n in domain.store.all_nodes("Area")
        if n.get("level") == "street" and n.id[:6] in DISTRICTS and n.get("kind") != "special_zone"
    )
    clock = Clock(START)
    sv = Supervision(domain, Ledger(path), clock=clock)
    for i in range(whistles):
        blown = START + i * EVERY
        clock.now = blown
        hotline = rng.random() < 0.4
        w = sv.blow(
            ADMIN,
            rng.choice(streets),
            rng.choice(SUBJECTS),
            source=WhistleSource.HOTLINE_12345 if hotline else WhistleSource.STREET_INSPECTION,
            order_number=f"20261001{i:06d}" if hotline else "",
        )
        calls = list(w.calls)
        if i % 5:
            clock.now = blown + timedelta(minutes=rng.uniform(5, 45))
            sv.report_in(ADMIN, w.id, calls[0])
            clock.now = blown + timedelta(minutes=60)
            sv.resolve(ADMIN, w.id, Outcome.RESOLVED if rng.random() < 0.85 else Outcome.EXPLAINED)
        elif i < whistles - OVERDUE * 5:
            for body in calls:
                clock.now = blown + timedelta(minutes=rng.uniform(5, 25))
                sv.report_in(ADMIN, w.id, body)
    sv.ledger.close()
    return START + whistles * EVERY + timedelta(hours=2)


def timed(run: Callable[[], object], repeat: int, prepare: Callable[[], None] = lambda: None) -> float:
    """Median seconds of `repeat` runs; `prepare` runs untimed before each."""
    times = []
    for _ in range(repeat):
        prepare()
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def baseline(path: Path) -> None:
    with sqlite3.connect(path) as db:
        for row in db.execute("SELECT whistle, seq, type, at, actor, data FROM events"):
            json.loads(row[5])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--whistles", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=8)
    args = parser.parse_args()
    domain = bundled_domain()
    with tempfile.TemporaryDirectory() as tmp:
        built = Path(tmp) / "built.sqlite"
        started = time.perf_counter()
        end = build(domain, built, args.whistles, args.seed)
        print(f"synthetic ledger: {args.whistles} whistles built in {time.perf_counter() - started:.1f} s")
        work = Path(tmp) / "work.sqlite"
        clock = Clock(end)
        state: dict[str, Supervision] = {}

        def fresh() -> None:
            if "sv" in state:
                state["sv"].ledger.close()
            for suffix in ("-wal", "-shm"):
                Path(f"{work}{suffix}").unlink(missing_ok=True)
            shutil.copy(built, work)
            state["sv"] = Supervision(domain, Ledger(work), clock=clock)

        base = timed(lambda: baseline(built), args.repeat)
        escalated: list[int] = []
        sweep = timed(
            lambda: escalated.append(sum(e.type == EventType.ESCALATED for e in state["sv"].sweep())),
            args.repeat,
            fresh,
        )
        quiet = timed(lambda: state["sv"].sweep(), args.repeat)
        sv = state["sv"]
        week = Period(end - timedelta(days=7), end)
        everything = sv.body_figures(BUREAU, Period())
        figures_all = timed(lambda: sv.body_figures(BUREAU, Period()), args.repeat)
        figures_week = timed(lambda: sv.body_figures(BUREAU, week), args.repeat)
        sv.ledger.close()
    print(f"baseline (read and decode every event row): {base * 1000:.1f} ms")
    rows = [
        (f"sweep escalating {escalated[0]} whistles", sweep),
        ("quiet sweep (nothing due)", quiet),
        (f"body_figures {BUREAU}, everything ({everything.called} calls)", figures_all),
        (f"body_figures {BUREAU}, last 7 days", figures_week),
    ]
    for name, seconds in rows:
        print(f"{name:<72} {seconds * 1000:>10.3f} ms   {seconds / base:>8.4f} x baseline")


if __name__ == "__main__":
    main()
