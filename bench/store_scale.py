"""The embedded store at national size, in one run: load, restart to a first answer, `responders` against Beijing.

The national graph is SYNTHETIC, generated here (nothing is downloaded): N districts × 14 streets × 15
communities, each area with the body that governs it (district government, street office, residents'
committee) and that body's kinds and reporting line, plus the bundled Beijing graph. Every synthetic record
says so (`synthetic: true`, rule `synthetic-scale-test`). As in issue 14's measurement (codes faked to 11),
the synthetic districts hang under Beijing's city area 110000 and their governments report to gov:110000,
the worst case for a Beijing question (the city area then has thousands of in-edges).

Figures:
- load: a child process generates the batch, then applies it to a fresh store file; the time is the apply's,
  the peak RSS is the child's (with the batch itself held in memory, as a loader would), shown beside the RSS
  before the apply;
- restart: a child process opens that file and answers `responders` on a Beijing street (wall time from the
  open, and the child's whole life from the parent's side, interpreter start included);
- `responders` p50/p99 at 八宝山街道 for a duty-id subject (as bench/match_bench.py), on the national file against
  a Beijing-alone file, and on Beijing alone against the store of main (networkx in memory, graph/embedded.py
  as on branch main, loaded from git) — all in this process, in the same run.

    python -m bench.store_scale --districts 3000 --runs 200
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.timing import median_seconds
from graph.answers import WhistleInput
from graph.domain import Domain
from graph.embedded import EmbeddedStore
from graph.model import Batch, Edge, Node, Scalar
from graph.store import GraphStore
from graph.vocabulary import EdgeType, Label
from loaders.dataset import BUNDLED, read_dataset

PLACE = "110107001"  # 八宝山街道
DUTY = "srhj2021-a35-3"  # the duty-id subject of bench/match_bench.py
STREETS, COMMUNITIES = 14, 15
SYNTHETIC: dict[str, Scalar] = {
    "synthetic": True,
    "provenance": "derived",
    "rule": "synthetic-scale-test",
    "source": "bench/store_scale.py",
}
TARGETS = {"load": 60.0, "load_rss": 2048.0, "restart": 5.0, "national_ratio": 1.5, "main_ratio": 2.0}


def synthetic_batch(districts: int) -> Batch:
    """SYNTHETIC areas and bodies of a national shape (see the module docstring); no official data."""
    out = Batch()

    def body(id_: str, name: str, kind: str, level: str, area: str, above: str, kinds: tuple[str, ...]) -> None:
        out.nodes.append(Node(id_, Label.BODY, {"name": name, "kind": kind, "level": level, **SYNTHETIC}))
        out.edges.append(Edge(id_, EdgeType.GOVERNS, area, "", SYNTHETIC))
        out.edges.extend(Edge(id_, EdgeType.OF_KIND, k, "", SYNTHETIC) for k in kinds)
        line: dict[str, Scalar] = {"line": "administrative", "primary": True, **SYNTHETIC}
        out.edges.append(Edge(id_, EdgeType.REPORTS_TO, above, "administrative", line))

    def area(id_: str, name: str, level: str, parent: str) -> None:
        out.nodes.append(Node(id_, Label.AREA, {"code": id_, "name": name, "level": level, "kind": level, **SYNTHETIC}))
        out.edges.append(Edge(id_, EdgeType.PART_OF, parent, "", SYNTHETIC))

    governments = ("district_government", "all_level_governments", "local_government")
    offices = ("street_office", "all_level_governments", "local_government")
    for d in range(districts):
        district = f"syn{d:04d}"
        area(district, f"合成{d}区", "district", "110000")
        body(f"gov:{district}", f"合成{d}区人民政府", governments[0], "district", district, "gov:110000", governments)
        for s in range(STREETS):
            street = f"{district}{s:03d}"
            area(street, f"合成{d}区{s}街道", "street", district)
            body(f"st:{street}", f"合成{d}区{s}街道办事处", offices[0], "street", street, f"gov:{district}", offices)
            for c in range(COMMUNITIES):
                community = f"{street}{c:03d}"
                area(community, f"合成{d}区{s}街道{c}社区", "community", street)
                kinds = ("residents_committee",)
                body(
                    f"rc:{community}",
                    f"合成{d}区{s}街道{c}社区居委会",
                    kinds[0],
                    "community",
                    community,
                    f"st:{street}",
                    kinds,
                )
    return out


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def child_load(path: Path, districts: int) -> dict[str, Any]:
    started = time.perf_counter()
    batch = read_dataset(BUNDLED)
    batch.extend(synthetic_batch(districts))
    generated = time.perf_counter() - started
    before = peak_mb()
    store = EmbeddedStore(path)
    started, cpu = time.perf_counter(), time.process_time()
    report = store.apply(batch)
    load, load_cpu = time.perf_counter() - started, time.process_time() - cpu
    store.close()
    return {
        "nodes": report.created_nodes,
        "edges": report.created_edges,
        "generate_s": generated,
        "load_s": load,
        "load_cpu_s": load_cpu,
        "rss_before_load_mb": before,
        "peak_mb": peak_mb(),
        "file_mb": path.stat().st_size / 1e6,
    }


def child_restart(path: Path) -> dict[str, Any]:
    started, cpu = time.perf_counter(), time.process_time()
    store = EmbeddedStore(path)
    opened = time.perf_counter() - started
    answer = Domain(store).responders(WhistleInput(PLACE, DUTY))
    return {
        "open_s": opened,
        "first_answer_s": time.perf_counter() - started,
        "first_answer_cpu_s": time.process_time() - cpu,
        "responders": len(answer.responders),
        "peak_mb": peak_mb(),
    }


def run_child(*args: str) -> tuple[dict[str, Any], float]:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "bench.store_scale", *args], check=True, capture_output=True, text=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1]), time.perf_counter() - started


def main_store_class() -> type:
    """EmbeddedStore as on branch main (networkx in memory), loaded from git, for the issue-9 baseline."""
    root = Path(__file__).resolve().parent.parent
    source = subprocess.run(
        ["git", "-C", str(root), "show", "main:graph/embedded.py"], check=True, capture_output=True, text=True
    ).stdout
    spec = importlib.util.spec_from_loader("embedded_main", loader=None)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    exec(compile(source, "main:graph/embedded.py", "exec"), module.__dict__)  # noqa: S102 (our own code from git)
    store_class: type = module.EmbeddedStore
    return store_class


def responders_times(store: GraphStore, runs: int) -> tuple[list[float], float]:
    """Wall time of each run (median_seconds of one), and the CPU-time median (the machine may be shared)."""
    domain = Domain(store)
    whistle = WhistleInput(PLACE, DUTY)
    domain.responders(whistle)  # warm: the store's read cache, as a serving process is
    walls, cpus = [], []
    for _ in range(runs):
        cpu = time.process_time()
        walls.append(median_seconds(lambda: domain.responders(whistle), 1))
        cpus.append(time.process_time() - cpu)
    return walls, statistics.median(cpus)


def p99(times: list[float]) -> float:
    return statistics.quantiles(times, n=100)[98]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--districts", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--child-load", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--child-restart", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_load:
        print(json.dumps(child_load(args.child_load, args.districts)))
        return
    if args.child_restart:
        print(json.dumps(child_restart(args.child_restart)))
        return

    print(f"SYNTHETIC national shape: {args.districts} districts × {STREETS} streets × {COMMUNITIES} communities")
    print("(generated by this bench, marked synthetic) plus the bundled Beijing graph; see the docstring.")
    with tempfile.TemporaryDirectory() as tmp:
        national_path, beijing_path = Path(tmp) / "national.sqlite", Path(tmp) / "beijing.sqlite"
        load, _ = run_child("--child-load", str(national_path), "--districts", str(args.districts))
        restart, restart_life = run_child("--child-restart", str(national_path))
        beijing = EmbeddedStore(beijing_path)
        beijing.apply(read_dataset(BUNDLED))
        national = EmbeddedStore(national_path)
        old = main_store_class()()
        old.apply(read_dataset(BUNDLED))
        measured = {
            "national": responders_times(national, args.runs),
            "beijing": responders_times(beijing, args.runs),
            "main": responders_times(old, args.runs),
        }
    times = {k: walls for k, (walls, _) in measured.items()}
    cpu = {k: median for k, (_, median) in measured.items()}
    p50 = {k: statistics.median(v) for k, v in times.items()}
    rows = [
        ("records loaded", f"{load['nodes']:,} nodes, {load['edges']:,} edges", ""),
        ("store file", f"{load['file_mb']:.0f} MB", ""),
        ("generate the batch (not the store's)", f"{load['generate_s']:.1f} s", ""),
        ("load: apply to a fresh file", f"{load['load_s']:.1f} s", f"< {TARGETS['load']:.0f} s"),
        ("  the same, CPU time of the child", f"{load['load_cpu_s']:.1f} s", ""),
        ("load: peak RSS of the child", f"{load['peak_mb']:.0f} MB", f"< {TARGETS['load_rss']:.0f} MB"),
        ("  of which RSS with the batch, before apply", f"{load['rss_before_load_mb']:.0f} MB", ""),
        ("restart: open the file", f"{restart['open_s'] * 1000:.1f} ms", ""),
        ("restart: open + first responders", f"{restart['first_answer_s']:.2f} s", f"< {TARGETS['restart']:.0f} s"),
        ("  the same, CPU time of the child", f"{restart['first_answer_cpu_s']:.2f} s", ""),
        ("restart: whole child (interpreter + imports)", f"{restart_life:.2f} s", ""),
        ("restart: peak RSS of the child", f"{restart['peak_mb']:.0f} MB", ""),
    ]
    for name, label in (("national", "national file"), ("beijing", "Beijing-alone file"), ("main", "main's store")):
        rows.append((f"responders p50 / p99, {label}", f"{p50[name] * 1e3:.3f} / {p99(times[name]) * 1e3:.3f} ms", ""))
    ratio_national = p50["national"] / p50["beijing"]
    ratio_main = p50["beijing"] / p50["main"]
    rows.append(
        ("responders p50 national / Beijing-alone", f"{ratio_national:.2f}×", f"≤ {TARGETS['national_ratio']}×")
    )
    rows.append(("responders p50 Beijing: this store / main's", f"{ratio_main:.2f}×", f"≤ {TARGETS['main_ratio']}×"))
    rows.append(
        (
            "  the same two ratios on CPU p50",
            f"{cpu['national'] / cpu['beijing']:.2f}× / {cpu['beijing'] / cpu['main']:.2f}×",
            "",
        )
    )
    print(f"{'figure':<46} {'measured':>26}   target")
    for name, value, target in rows:
        print(f"{name:<46} {value:>26}   {target}")


if __name__ == "__main__":
    main()
