"""Exporting all of Beijing: the selection, each format's size and time, and /export streamed over HTTP.

Times are medians of several runs, each with its ratio to a baseline measured in the same run: json.dumps of
the same nodes' and edges' properties, with no format around them.

    python -m bench.export_bench --runs 3
"""

from __future__ import annotations

import argparse
import json
import time
from functools import partial

import httpx

from api.app import create_app
from bench.timing import median_seconds
from graph.domain import Domain
from graph.embedded import EmbeddedStore
from graph.export import FORMATS, Exported, Format, Selection, select
from loaders.dataset import BUNDLED, read_dataset
from tests.http_server import serve


def bare(g: Exported) -> str:
    return json.dumps([n.props for n in g.nodes] + [e.props for e in g.edges], ensure_ascii=False)


def write_all(fmt: Format, g: Exported) -> int:
    """Run a writer to its end (a fresh generator per call)."""
    return sum(1 for _ in fmt.write(g))


def streamed(base: str, fmt: str) -> tuple[float, float, int]:
    """(seconds to the first byte, seconds to the last, bytes) of GET /export for the whole graph."""
    started = time.perf_counter()
    first = 0.0
    size = 0
    with httpx.stream("GET", f"{base}/export", params={"format": fmt}, timeout=300) as r:
        r.raise_for_status()
        for chunk in r.iter_bytes():
            first = first or time.perf_counter() - started
            size += len(chunk)
    return first, time.perf_counter() - started, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    store = EmbeddedStore()
    store.apply(read_dataset(BUNDLED))
    whole = select(store, Selection())
    base = median_seconds(lambda: bare(whole), runs)
    print(f"all of Beijing: {len(whole.nodes):,} nodes, {len(whole.edges):,} edges")
    print(f"baseline: json.dumps of the same properties, {base:.2f} s, {len(bare(whole).encode()) / 1e6:.1f} MB")
    took = median_seconds(lambda: select(store, Selection()), runs)
    print(f"{'select (whole graph)':<24} {took:6.2f} s  {took / base:5.1f}x baseline")
    for name, fmt in FORMATS.items():
        size = sum(len(chunk.encode()) for chunk in fmt.write(whole))
        took = median_seconds(partial(write_all, fmt, whole), runs)
        print(f"{name:<24} {took:6.2f} s  {took / base:5.1f}x baseline  {size / 1e6:6.1f} MB")
    domain = Domain(store)
    domain.refresh()
    with serve(create_app(domain)) as url:
        for name in ("graphml", "gexf"):
            first, total, size = streamed(url, name)
            print(f"GET /export?format={name:<8} first byte {first:5.2f} s, all {total:5.2f} s, {size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
