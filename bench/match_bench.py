"""In-process time of `responders` for free-text subjects, against a duty-id subject in the same run.

A duty-id subject skips reading the text, so its p50 is the baseline: the ratio says what reading the
complaint (segmentation, lexicon, BM25F, confidence, selection) costs on top of the graph question.
Also prints the time to build the matcher (jieba with the user words, the index). Times are the process's
CPU time (time.process_time): the machines this runs on are shared, and wall time there measures the neighbours.

    python -m bench.match_bench --runs 50
"""

from __future__ import annotations

import argparse
import statistics
import time

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


def p50_ms(domain: Domain, subject: str, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.process_time()
        domain.responders(WhistleInput(PLACE, subject))
        times.append(time.process_time() - started)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    store = EmbeddedStore()
    store.apply(read_dataset(BUNDLED))
    domain = Domain(store)
    started = time.process_time()
    domain.refresh()
    domain.subject("遛狗")  # the segmenter loads jieba's dictionary on first use
    print(f"matcher build (index + jieba with user words): {time.process_time() - started:.2f} s CPU")
    for subject in (BASELINE, *FREE_TEXT):  # warm every path once
        domain.responders(WhistleInput(PLACE, subject))
    base = p50_ms(domain, BASELINE, args.runs)
    print(f"responders p50 (CPU), {args.runs} runs each, at {PLACE}")
    print(f"  {'duty id ' + BASELINE + ' (baseline)':<40} {base:8.2f} ms   1.00x")
    for subject in FREE_TEXT:
        ms = p50_ms(domain, subject, args.runs)
        print(f"  {subject:<40} {ms:8.2f} ms {ms / base:6.2f}x")


if __name__ == "__main__":
    main()
