"""Times `responders` for given subjects in this process and prints one JSON line: subject -> p50 CPU ms, or null
where the service refuses the subject.

A script, not a module of the bench package, so that bench/match_bench.py can run it on an older revision of the
service (PYTHONPATH pointing at that checkout): it uses only the calls every revision since issue 9 was filed has.

    PYTHONPATH=<checkout> python bench/responders_timer.py --runs 50 PLACE SUBJECT...
"""

from __future__ import annotations

import argparse
import json
import statistics
import time

from graph.answers import WhistleInput
from graph.domain import Domain
from graph.embedded import EmbeddedStore
from loaders.dataset import BUNDLED, read_dataset


def p50_ms(domain: Domain, place: str, subject: str, runs: int) -> float | None:
    """Median CPU time of one `responders` call (the machines are shared: wall time measures the neighbours)."""
    try:
        domain.responders(WhistleInput(place, subject))  # warm this path once
    except Exception:  # noqa: BLE001 - an older revision refuses some subjects (issue 9: "no match is an error")
        return None
    times = []
    for _ in range(runs):
        started = time.process_time()
        domain.responders(WhistleInput(place, subject))
        times.append(time.process_time() - started)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("place")
    parser.add_argument("subjects", nargs="+")
    args = parser.parse_args()
    store = EmbeddedStore()
    store.apply(read_dataset(BUNDLED))
    domain = Domain(store)
    print(json.dumps({s: p50_ms(domain, args.place, s, args.runs) for s in args.subjects}, ensure_ascii=False))


if __name__ == "__main__":
    main()
