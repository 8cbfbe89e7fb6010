"""In-process time of `responders` for free-text subjects, against a duty-id subject in the same run, and (with
`--against REV`) against the service as it stood at an older revision, in the same run.

A duty-id subject skips reading the text, so its p50 is the baseline: the ratio says what reading the
complaint (segmentation, lexicon, BM25F, confidence, selection) costs on top of the graph question.
Also prints the time to build the matcher (jieba with the user words, the index). Times are the process's
CPU time (time.process_time): the machines this runs on are shared, and wall time there measures the neighbours.

`--against` exports REV with `git archive` and times the same subjects with bench/responders_timer.py in child
processes, REV's checkout and this one taking turns for `--rounds` rounds (a noisy spell slows both sides); each side's
figure is the median of its rounds. Issue 9 asks `responders` to stay within 2x of its time when the issue was filed:
that is ISSUE_9_FILED, the last commit before the complaint reader (ba219de), with its own bundled data.

    python -m bench.match_bench --runs 50
    python -m bench.match_bench --runs 50 --against 67f5ba0
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

from bench.responders_timer import p50_ms
from graph.answers import WhistleInput
from graph.domain import Domain
from graph.embedded import EmbeddedStore
from loaders.dataset import BUNDLED, read_dataset

PLACE = "110107001"  # 八宝山街道
BASELINE = "srhj2021-a35-3"
FREE_TEXT = (
    "占道经营",
    "遛狗",
    "垃圾分类",
    "公共场所吸烟",
    "楼道里有人飞线充电，晚上10点还在充",
    "公司拖欠工资三个月了",
    "接诉即办",
)
ISSUE_9_FILED = "67f5ba0"
ROOT = Path(__file__).resolve().parents[1]
TIMER = ROOT / "bench" / "responders_timer.py"


def in_process(runs: int) -> None:
    store = EmbeddedStore()
    store.apply(read_dataset(BUNDLED))
    domain = Domain(store)
    started = time.process_time()
    domain.refresh()
    domain.subject("遛狗")  # the segmenter loads jieba's dictionary on first use
    print(f"matcher build (index + jieba with user words): {time.process_time() - started:.2f} s CPU")
    for subject in (BASELINE, *FREE_TEXT):  # warm every path once
        domain.responders(WhistleInput(PLACE, subject))
    base = p50_ms(domain, PLACE, BASELINE, runs) or 0.0
    print(f"responders p50 (CPU), {runs} runs each, at {PLACE}")
    print(f"  {'duty id ' + BASELINE + ' (baseline)':<40} {base:8.2f} ms   1.00x")
    for subject in FREE_TEXT:
        ms = p50_ms(domain, PLACE, subject, runs) or 0.0
        print(f"  {subject:<40} {ms:8.2f} ms {ms / base:6.2f}x")


def timed_in(tree: Path, runs: int) -> dict[str, float | None]:
    """One child process on a checkout: p50 per subject (None where that revision refuses the subject)."""
    done = subprocess.run(
        [sys.executable, str(TIMER), "--runs", str(runs), PLACE, BASELINE, *FREE_TEXT],
        env={**os.environ, "PYTHONPATH": str(tree)},
        cwd=tree,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        sys.exit(f"match_bench: timing {tree} failed:\n{done.stderr[-2000:]}")
    times: dict[str, float | None] = json.loads(done.stdout.strip().splitlines()[-1])
    return times


def against(rev: str, runs: int, rounds: int) -> None:
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev], capture_output=True, check=False)
    if archive.returncode != 0:
        sys.exit(f"match_bench: --against {rev}: git archive failed: {archive.stderr.decode().strip()}")
    with tempfile.TemporaryDirectory() as tmp:
        then_tree = Path(tmp)
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(then_tree, filter="data")
        then: list[dict[str, float | None]] = []
        now: list[dict[str, float | None]] = []
        for _ in range(rounds):
            then.append(timed_in(then_tree, runs))
            now.append(timed_in(ROOT, runs))
    print(
        f"responders p50 (CPU), {runs} runs each, at {PLACE}; {rev} and this checkout in turn, median of {rounds} rounds"
    )
    print(f"  {'subject':<40} {rev:>10} {'now':>10} {'now/' + rev:>12}")
    for subject in (BASELINE, *FREE_TEXT):
        old, new = _median(then, subject), _median(now, subject)
        shown = f"{old:8.2f} ms" if old is not None else f"{'refused':>11}"
        ratio = f"{new / old:11.2f}x" if old and new else f"{'-':>12}"
        print(f"  {subject:<40} {shown} {new or 0.0:8.2f} ms {ratio}")


def _median(rounds: list[dict[str, float | None]], subject: str) -> float | None:
    got = [r[subject] for r in rounds if r.get(subject) is not None]
    return statistics.median(x for x in got if x is not None) if got else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument(
        "--against", metavar="REV", help=f"an older revision to time in the same run ({ISSUE_9_FILED}: issue 9 filed)"
    )
    parser.add_argument("--rounds", type=int, default=3, help="turns each side takes with --against")
    args = parser.parse_args()
    if args.against:
        against(args.against, args.runs, args.rounds)
    else:
        in_process(args.runs)


if __name__ == "__main__":
    main()
