"""Loading all of Beijing into the embedded store, and restarting from its file.

Figures are medians of several runs, each printed with its ratio to a baseline measured in
the same run: parsing the same CSV files with the csv module and doing nothing else.

    python -m bench.load_bench --runs 5
"""

from __future__ import annotations

import argparse
import csv
import resource
import tempfile
from pathlib import Path

from bench.timing import median_seconds
from graph.domain import Domain
from graph.embedded import EmbeddedStore
from loaders.dataset import BUNDLED, load_dataset, read_dataset

SOURCES = [
    "divisions/beijing_districts.csv",
    "divisions/beijing_streets.csv",
    "divisions/beijing_communities.csv",
    "departments/beijing_municipal_departments.csv",
    "duties/holder_kinds.csv",
    "duties/regulation_duties.csv",
    "reported/sunk_forces_reported.csv",
]


def parse_only() -> int:
    rows = 0
    for name in SOURCES:
        with (BUNDLED / name).open(encoding="utf-8", newline="") as f:
            rows += sum(1 for _ in csv.reader(f))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    runs = args.runs
    rows = parse_only()
    base = median_seconds(parse_only, runs)
    batch = read_dataset(BUNDLED)
    figures: list[tuple[str, float]] = [
        ("read + validate + derive (read_dataset)", median_seconds(lambda: read_dataset(BUNDLED), runs))
    ]
    figures.append(("apply to an in-memory store", median_seconds(lambda: EmbeddedStore().apply(batch), runs)))
    with tempfile.TemporaryDirectory() as tmp:
        paths = iter(Path(tmp) / f"g{i}.sqlite" for i in range(runs + 1))
        figures.append(
            (
                "first load into a store file (load_dataset)",
                median_seconds(lambda: load_dataset(EmbeddedStore(next(paths)), BUNDLED), runs),
            )
        )
        path = Path(tmp) / "g.sqlite"
        load_dataset(EmbeddedStore(path), BUNDLED)
        figures.append(
            ("re-load, nothing changes", median_seconds(lambda: load_dataset(EmbeddedStore(path), BUNDLED), runs))
        )
        figures.append(("restart: reopen the store file", median_seconds(lambda: EmbeddedStore(path), runs)))
        figures.append(
            ("restart + build search indexes", median_seconds(lambda: Domain(EmbeddedStore(path)).refresh(), runs))
        )
        # An open store's last load may still sit in the write-ahead log: count both files.
        size = sum(f.stat().st_size for f in (path, path.with_name(path.name + "-wal")) if f.exists())
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"bundled data: {len(batch.nodes)} nodes, {len(batch.edges)} edges from {rows} CSV rows; store file {size / 1e6:.1f} MB"
    )
    print(f"baseline: csv.reader over the same files, median of {runs}: {base * 1000:.1f} ms")
    print(f"{'step':<48} {'median':>9} {'× baseline':>11}")
    for name, seconds in figures:
        print(f"{name:<48} {seconds:>8.2f}s {seconds / base:>10.1f}×")
    print(f"peak resident memory of this process: {peak:.0f} MB")


if __name__ == "__main__":
    main()
