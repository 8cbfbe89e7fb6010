"""The simulated day runs through the real service and its figures add up."""

from datetime import datetime
from pathlib import Path

from bench.simulate_day import Clock, report, simulate
from graph.domain import Domain
from whistles.ledger_sqlite import Ledger
from whistles.record import BEIJING
from whistles.supervision import Period, Supervision


def test_small_day_adds_up(tmp_path: Path, embedded_domain: Domain) -> None:
    clock = Clock(datetime(2026, 11, 23, 8, tzinfo=BEIJING))
    sv = Supervision(embedded_domain, Ledger(tmp_path / "w.sqlite"), clock=clock)
    counts = simulate(sv, clock, whistles=25, seed=1)
    assert counts["whistles"] == 25 == len(sv.list())
    assert counts["source:hotline_12345"] == counts["callbacks"] == sv.hotline(Period(None, None)).orders
    everything = sv.list()
    now = clock()
    statuses = [c.status(now) for w in everything for c in w.calls.values()]
    assert counts["calls"] + counts.get("escalations", 0) >= len(statuses) >= counts["calls"]
    assert "pending" not in statuses  # a day later every deadline has passed
    assert all(w.status == "resolved" for w in everything)
    text = report(sv, counts)
    assert "接诉即办 (12345 whistles): orders" in text and "calls by tier and status" in text
