"""Syncing all of Beijing: an unchanged sync against reading and validating the files, and a one-row change.

In one run, medians of several alternating pairs: the baseline reads, checks and derives the bundled lists (what any sync must
do); the unchanged sync is the same read plus the plan against a store file holding those lists, plus applying
the (empty) plan; the one-row change renames one street. The store file's bytes are hashed before and after
the unchanged sync (nothing may be written), and the one-row change reports the records it writes.

    python -m bench.sync_bench --runs 5
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import tempfile
import time
from pathlib import Path

from bench.timing import paired_ratio
from graph.embedded import EmbeddedStore
from loaders.dataset import BUNDLED
from loaders.sync import apply_plan, plan_sync, read_lists

EFFECTIVE = "2026-03-01"


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "graph.sqlite"
        store = EmbeddedStore(db)
        batch, files = read_lists(BUNDLED)
        apply_plan(store, plan_sync(store, batch, files, "2024-01-01"))

        def sync(root: Path) -> int:
            batch, files = read_lists(root)
            plan = plan_sync(store, batch, files, EFFECTIVE)
            apply_plan(store, plan)
            return len(plan.writes.nodes) + len(plan.writes.edges)

        before = file_digest(db)
        ratio, unchanged, base = paired_ratio(lambda: sync(BUNDLED), lambda: read_lists(BUNDLED), runs)
        written = sync(BUNDLED)
        assert file_digest(db) == before, "an unchanged sync wrote to the store file"

        root = Path(tmp) / "data"
        shutil.copytree(BUNDLED, root)
        path = root / "divisions/beijing_streets.csv"
        path.write_text(path.read_text(encoding="utf-8").replace("110101002,景山街道,", "110101002,景山新街道,", 1))
        batch, files = read_lists(root)
        plan = plan_sync(store, batch, files, EFFECTIVE)
        kinds = sorted({f"{c.kind} {c.ident}" for c in plan.changes})
        started = time.perf_counter()
        report = apply_plan(store, plan)
        one_row = time.perf_counter() - started
        store.close()

    print(f"read + check + derive the bundled lists (baseline): {base:.2f} s (median of {runs})")
    print(
        f"sync of unchanged lists: {unchanged:.2f} s = {ratio:.2f}x baseline (median of {runs} alternating pairs); "
        f"records written: {written}; store file unchanged: yes"
    )
    print(f"one-row change (a street renamed): {len(kinds)} records written in {one_row * 1000:.0f} ms: {report}")
    for k in kinds:
        print(f"  {k}")


if __name__ == "__main__":
    main()
