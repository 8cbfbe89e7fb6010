"""The Bolt store against the embedded store, in the same run, on the bundled Beijing graph.

Starts ArcadeDB's Bolt endpoint the way the tests do (tests/bolt.py), loads the bundled
dataset into it twice (first load, then an identical reload that changes nothing) and prints
rows/s, then times each question context and each domain question on both stores: p50 and
p99 over --iterations rounds of every case, and the Bolt/embedded ratio. Every case's answer
is compared between the stores first, so the timings are of equal work. ArcadeDB is not
Neo4j: the ratios say what a Bolt round trip plus a server-side traversal cost here, not
how fast Neo4j's planner would be.

    .venv/bin/python bench/neo4j_bench.py [--iterations 30]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph.answers import WhistleInput  # noqa: E402
from graph.domain import Domain  # noqa: E402
from graph.embedded import EmbeddedStore  # noqa: E402
from graph.store import GraphStore  # noqa: E402
from graph.vocabulary import Urgency  # noqa: E402
from loaders.dataset import BUNDLED, read_dataset  # noqa: E402
from tests.bolt import start_arcadedb  # noqa: E402

PLACES = ["110101001001", "110107001", "110111105", "110105"]  # 东城 community, 八宝山街道, 长阳镇, 朝阳区
DUTIES = ["sro2019-a3-1", "sro2019-a4-1", "srhj2021-a10-1", "srhj2021-a23-3"]
BODIES = ["gov:110101", "bj-gongan", "st:110107001", "team:sjs-street-centres:110107001:公安"]
STORE_CASES: dict[str, list[Callable[[GraphStore], Any]]] = {
    "place_context": [lambda s, p=p: s.place_context(p, DUTIES) for p in PLACES],
    "chain_context": [lambda s, b=b: s.chain_context(b) for b in BODIES],
    "subordinates_context (depth 2)": [lambda s, b=b: s.subordinates_context(b, 2) for b in BODIES],
}
DOMAIN_CASES: dict[str, list[Callable[[Domain], Any]]] = {
    "Domain.responsible": [
        lambda d: d.responsible("110101001001", "综合执法"),
        lambda d: d.responsible("110107001", "养犬"),
        lambda d: d.responsible("110111105", "应急处置"),
    ],
    "Domain.responders": [
        lambda d: d.responders(WhistleInput("110107001", "养犬", Urgency.URGENT)),
        lambda d: d.responders(WhistleInput("110111105", "应急处置", Urgency.EMERGENCY)),
        lambda d: d.responders(WhistleInput("110101001001", "群众诉求")),
    ],
    "Domain.reporting_chain": [lambda d, b=b: d.reporting_chain(b) for b in BODIES],
}


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def timings(target: Any, cases: list[Callable[[Any], Any]], iterations: int) -> list[float]:
    """Milliseconds per call, every case once per round (after one untimed warm-up round)."""
    for case in cases:
        case(target)
    out = []
    for _ in range(iterations):
        for case in cases:
            start = time.perf_counter()
            case(target)
            out.append((time.perf_counter() - start) * 1000)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--iterations", type=int, default=30, help="rounds of every case per question (default 30)")
    args = parser.parse_args()

    batch = read_dataset(BUNDLED)
    rows = len(batch.nodes) + len(batch.edges)
    embedded = EmbeddedStore()
    start = time.perf_counter()
    embedded.apply(batch)
    embedded_load = time.perf_counter() - start

    print(f"dataset: {len(batch.nodes):,} nodes + {len(batch.edges):,} edges = {rows:,} rows")
    print("starting ArcadeDB (Bolt) from arcadedb-embedded ...", flush=True)
    arcade = start_arcadedb()
    try:
        bolt = arcade.server.store()
        loads = []
        for name in ("first load", "reload (no change)"):
            start = time.perf_counter()
            report = bolt.apply(batch)
            seconds = time.perf_counter() - start
            loads.append((name, seconds, report.changed))
        print(f"\n{'load':<28}{'seconds':>10}{'rows/s':>12}  changed")
        for name, seconds, changed in loads:
            print(f"{'Bolt ' + name:<28}{seconds:>10.2f}{rows / seconds:>12,.0f}  {changed}")
        print(f"{'embedded (in memory)':<28}{embedded_load:>10.2f}{rows / embedded_load:>12,.0f}  True")

        domains = {kind: Domain(store) for kind, store in (("bolt", bolt), ("embedded", embedded))}
        for d in domains.values():
            d.refresh()
        plan: list[tuple[str, dict[str, Any], list[Callable[[Any], Any]]]] = [
            (name, {"bolt": bolt, "embedded": embedded}, cases) for name, cases in STORE_CASES.items()
        ] + [(name, domains, cases) for name, cases in DOMAIN_CASES.items()]

        print(f"\n{args.iterations} rounds of every case; milliseconds per call")
        header = f"{'question':<32}{'cases':>6}{'bolt p50':>10}{'bolt p99':>10}{'emb p50':>10}{'emb p99':>10}"
        print(header + f"{'p50 ratio':>11}{'p99 ratio':>11}")
        for name, targets, cases in plan:
            for case in cases:
                if case(targets["bolt"]) != case(targets["embedded"]):
                    raise SystemExit(f"{name}: the stores answer a case differently; timings would not compare")
            b = timings(targets["bolt"], cases, args.iterations)
            e = timings(targets["embedded"], cases, args.iterations)
            b50, b99, e50, e99 = percentile(b, 0.5), percentile(b, 0.99), percentile(e, 0.5), percentile(e, 0.99)
            print(
                f"{name:<32}{len(cases):>6}{b50:>10.2f}{b99:>10.2f}{e50:>10.3f}{e99:>10.3f}"
                f"{b50 / e50:>10.0f}x{b99 / e99:>10.0f}x"
            )
        bolt.close()
    finally:
        arcade.stop()


if __name__ == "__main__":
    main()
