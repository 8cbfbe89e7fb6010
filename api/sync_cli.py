"""`whistlegraph sync DIR`: plan a sync of the official lists, show it, and apply it unless --dry-run;
`whistlegraph history` lists the versions applied, `whistlegraph diff` what they changed.

The lists are read and checked before the store is opened, so a refused sync never touches it. Progress goes
to stderr, the plan to stdout (a table, or JSON with --json).

Exit codes: 0 applied, nothing to apply, or a dry run shown; 1 the lists were refused (every problem printed,
nothing written); 2 a bad argument; 3 the store refused the write or could not be reached (nothing written).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from api.stores import open_store
from graph.errors import ArgumentError, StoreError
from graph.store import GraphStore
from graph.vocabulary import ChangeAction
from loaders.problems import LoadFailed
from loaders.sync import Plan, apply_plan, effective_date, plan_sync, read_lists

EXIT_OK, EXIT_REFUSED, EXIT_ARGUMENT, EXIT_STORE = 0, 1, 2, 3
COMMANDS = ("sync", "history", "diff")
SHOWN = 50  # changes listed one by one in the table (all of them with --all or --json)


def add_parsers(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("sync", parents=[common], help="plan and apply a sync of the official lists (retires records)")
    p.add_argument("data", type=Path, help="a folder laid out like data/, holding the complete new lists")
    p.add_argument("--dry-run", action="store_true", help="show the plan; write nothing")
    p.add_argument("--effective", help="ISO date the changes take effect (default today); retired records end then")
    p.add_argument("--json", action="store_true", help="the plan as JSON on stdout")
    p.add_argument("--all", action="store_true", help="list every change, not the first 50")
    h = sub.add_parser("history", parents=[common], help="the list versions applied by syncs")
    h.add_argument("--json", action="store_true")
    d = sub.add_parser("diff", parents=[common], help="what list versions changed, record by record")
    d.add_argument("--version", type=int, help="one version's changes (default: the latest version)")
    d.add_argument("--since", help="the changes of every version effective on or after this ISO date")
    d.add_argument("--label", help="only records of this label or relationship type (Area, Body, REPORTS_TO …)")
    d.add_argument("--json", action="store_true")
    d.add_argument("--all", action="store_true", help="list every change, not the first 50")


@contextmanager
def _step(what: str) -> Iterator[None]:
    started = time.perf_counter()
    print(f"{what} …", file=sys.stderr, flush=True)
    yield
    print(f"{what}: {time.perf_counter() - started:.2f} s", file=sys.stderr, flush=True)


def _value(v: object) -> str:
    return "(none)" if v is None else str(v)


def render(plan: Plan, limit: int | None = SHOWN) -> str:
    """The plan as an operator reads it: files, counts by label and by file, then each change."""
    lines = [f"sync effective {plan.effective}", "files read:"]
    lines += [f"  {f.file:<52} {f.encoding:<15} {f.size:>10,} bytes  sha256 {f.sha256[:12]}" for f in plan.files]
    if plan.empty:
        lines.append("no changes: the store already holds these lists")
        return "\n".join(lines)
    header = f"{'':<2}{'':<52} {'added':>7} {'changed':>7} {'retired':>7}"
    for title, table in (("by label", plan.by_kind()), ("by source file", plan.by_file())):
        lines += [f"changes {title}:", header]
        lines += [f"  {k:<52} " + " ".join(f"{n[a]:>7}" for a in ChangeAction) for k, n in table.items()]
    shown = plan.changes if limit is None else plan.changes[:limit]
    lines.append(f"changes ({len(shown)} of {len(plan.changes)} shown):")
    for c in shown:
        lines.append(f"  {c.action.value:<8} {c.kind:<15} {c.ident}  ({c.file})")
        lines += [f"      {f.field}: {_value(f.before)} → {_value(f.after)}" for f in c.fields]
    return "\n".join(lines)


def _history(store: GraphStore, a: argparse.Namespace) -> str:
    versions = store.list_versions()
    if a.json:
        return json.dumps([dataclasses.asdict(v) for v in versions], ensure_ascii=False, indent=2)
    if not versions:
        return "no list versions: nothing has been synced into this store"
    lines = [f"{'version':>7}  {'effective':<10}  {'applied at':<25}  {'by':<12}  added changed retired  files"]
    previous: dict[str, str] = {}
    for v in versions:
        hashes = {f.file: f.sha256 for f in v.files}
        new = [f for f in sorted(hashes) if previous.get(f) != hashes[f]]
        files = f"{len(hashes)} read, changed: {', '.join(new)}" if previous else f"{len(hashes)} read"
        counts = " ".join(f"{v.counts.get(x.value, 0):>7}" for x in ChangeAction)
        lines.append(f"{v.number:>7}  {v.effective:<10}  {v.applied_at:<25}  {v.applied_by:<12}{counts}  {files}")
        previous = hashes
    return "\n".join(lines)


def _diff(store: GraphStore, a: argparse.Namespace) -> str:
    since = effective_date(a.since) if a.since else None
    found = store.version_changes(since, a.label)
    if not since:
        version = a.version or max((v.number for v in store.list_versions()), default=0)
        found = [c for c in found if c.version == version]
    if a.json:
        return json.dumps([dataclasses.asdict(c) for c in found], ensure_ascii=False, indent=2)
    shown = found if a.all else found[:SHOWN]
    lines = [f"{len(found)} change(s), {len(shown)} shown:"]
    for vc in shown:
        c = vc.change
        lines.append(f"  v{vc.version} {vc.effective}  {c.action.value:<8} {c.kind:<15} {c.ident}  ({c.file})")
        lines += [f"      {f.field}: {_value(f.before)} → {_value(f.after)}" for f in c.fields]
    return "\n".join(lines)


def run(a: argparse.Namespace) -> int:
    if a.command != "sync":
        try:
            store = open_store(a.store, a.db, seed=False)
            try:
                print(_history(store, a) if a.command == "history" else _diff(store, a))
            finally:
                store.close()
            return EXIT_OK
        except ArgumentError as err:
            print(f"error: {err}", file=sys.stderr)
            return EXIT_ARGUMENT
        except StoreError as err:
            print(f"store error: {err}", file=sys.stderr)
            return EXIT_STORE
    try:
        effective = effective_date(a.effective)
        with _step(f"reading and checking {a.data}"):
            batch, files = read_lists(a.data)
        with _step("opening the store"):
            store = open_store(a.store, a.db, seed=False)
        try:
            with _step("comparing with the store"):
                plan = plan_sync(store, batch, files, effective)
            if a.json:
                print(json.dumps({**plan.as_json(), "dry_run": a.dry_run}, ensure_ascii=False, indent=2))
            else:
                print(render(plan, None if a.all else SHOWN))
            if a.dry_run or plan.empty:
                print("dry run: nothing written" if a.dry_run else "nothing to write", file=sys.stderr)
                return EXIT_OK
            with _step(f"applying {len(plan.changes)} change(s) in one transaction"):
                report = apply_plan(store, plan)
            print(f"applied: {report}", file=sys.stderr)
            return EXIT_OK
        finally:
            store.close()
    except LoadFailed as err:
        print(err, file=sys.stderr)
        return EXIT_REFUSED
    except ArgumentError as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_ARGUMENT
    except StoreError as err:
        print(f"store refused the sync, nothing was written: {err}", file=sys.stderr)
        return EXIT_STORE
