"""A sync of the official lists: first a plan (what is added, what changes field by field, what is retired), then
the plan applied in one transaction.

Records are compared by identity — a node by id, an edge by (source, type, target, key) — and provenance cites a
row's file and key, never its line, so an unchanged row is unchanged wherever it sits. A record the new lists no
longer yield is retired, never deleted: it keeps its properties and gets `valid_to` = the effective date, so a
question asked as of an earlier date still finds it. What was derived from a retired row is no longer derived
either, so it retires with it. Only what the plan lists is written: a sync of unchanged lists writes nothing.

A plan is applied only to the store it was computed against: if another sync (or load) was applied in between,
applying it would undo or repeat that one's changes, so it is refused (PlanOutdated) and the operator plans again.
"""

from __future__ import annotations

import getpass
import os
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import orjson

from graph.errors import ArgumentError
from graph.history import Change, FieldChange, OutdatedBase, SourceFile, VersionDraft
from graph.model import Batch, Edge, LoadReport, Node, Scalar, props_text
from graph.store import GraphStore
from graph.vocabulary import ChangeAction
from loaders.bulk import collector_paused
from loaders.dataset import read_dataset
from loaders.files import recording
from loaders.problems import LoadFailed, Problem

VALID_TO = "valid_to"


@dataclass(frozen=True)
class StoreState:
    """What a plan was computed against: the newest list version, and the store's data version where it keeps one
    (the embedded store's changes with every write and every sync taken up; Neo4j keeps none)."""

    list_version: int
    data_version: int | None

    @classmethod
    def of(cls, store: GraphStore) -> StoreState:
        return cls(max((v.number for v in store.list_versions()), default=0), store.data_version())


class PlanOutdated(Exception):
    """The store moved on between plan and apply; nothing was written."""

    def __init__(self, planned: StoreState, now: StoreState) -> None:
        super().__init__(
            f"the store changed since the plan was made (list version {planned.list_version} then, "
            f"{now.list_version} now; data version {planned.data_version} then, {now.data_version} now): "
            "another sync or load was applied meanwhile; nothing was written, plan again"
        )


@dataclass
class Plan:
    """What applying would write, and why, record by record; `base` is the store state it was computed against."""

    effective: str
    files: list[SourceFile]
    base: StoreState
    changes: list[Change] = field(default_factory=list)
    writes: Batch = field(default_factory=Batch)

    @property
    def empty(self) -> bool:
        return not self.changes

    def by_kind(self) -> dict[str, Counter[ChangeAction]]:
        return _tally(self.changes, lambda c: c.kind)

    def by_file(self) -> dict[str, Counter[ChangeAction]]:
        return _tally(self.changes, lambda c: c.file)

    def as_json(self) -> dict[str, Any]:
        def counts(table: dict[str, Counter[ChangeAction]]) -> dict[str, dict[str, int]]:
            return {k: {a.value: n[a] for a in ChangeAction} for k, n in table.items()}

        return {
            "effective": self.effective,
            "files": [vars(f) for f in self.files],
            "by_label": counts(self.by_kind()),
            "by_file": counts(self.by_file()),
            "changes": [
                {
                    "action": c.action.value,
                    "kind": c.kind,
                    "id": c.ident,
                    "file": c.file,
                    "fields": [{"field": f.field, "before": f.before, "after": f.after} for f in c.fields],
                }
                for c in self.changes
            ],
        }


def _tally(changes: list[Change], key: Any) -> dict[str, Counter[ChangeAction]]:
    out: dict[str, Counter[ChangeAction]] = {}
    for c in changes:
        out.setdefault(key(c), Counter())[c.action] += 1
    return dict(sorted(out.items()))


def effective_date(value: str | None) -> str:
    """The date a sync takes effect: an ISO date, today by default."""
    if not value:
        return date.today().isoformat()
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise ArgumentError("effective", value, "want an ISO date such as 2024-01-31") from None


def read_lists(root: Path) -> tuple[Batch, list[SourceFile]]:
    """Every record the lists yield (read, checked and derived), and the files as read; LoadFailed on any problem."""
    with recording() as files:
        batch = read_dataset(root)
    return batch, files


def _file(record: Node | Edge) -> str:
    """The source file a record came from: its source without the row key (`#…`) or rule detail (` …`)."""
    return str(record.props.get("source", "")).split("#", 1)[0].split(" ", 1)[0]


def _named(record: Node | Edge) -> tuple[str, str]:
    """A record's label or relationship type, and how a change names it (an id, or `a -TYPE-> b [key]`)."""
    if isinstance(record, Node):
        return record.label, record.id
    e = record
    return e.type, f"{e.source} -{e.type}-> {e.target}" + (f" [{e.key}]" if e.key else "")


def _fields(before: dict[str, Scalar], after: dict[str, Scalar]) -> tuple[FieldChange, ...]:
    keys = sorted(set(before) | set(after))
    return tuple(FieldChange(k, before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k))


@collector_paused()
def plan_sync(store: GraphStore, batch: Batch, files: list[SourceFile], effective: str) -> Plan:
    """Compare the lists' records with the store's; nothing is written. The store's state is read first, so a
    write that lands while the records are read makes the plan outdated rather than half-seen. Records are
    compared by their canonical text first (most are unchanged, and equal text needs no parsing)."""
    plan = Plan(effective, files, StoreState.of(store))
    stored = store.stored_records()
    new_nodes = {n.id: n for n in batch.nodes}
    relabelled = [
        Problem(_file(n), None, None, f"{n.id!r} is a {was[0]} in the store; the lists make it a {n.label}")
        for n in new_nodes.values()
        if (was := stored.nodes.get(n.id)) is not None and was[0] != n.label
    ]
    if relabelled:
        raise LoadFailed(relabelled)
    for id_, n in new_nodes.items():
        had = stored.nodes.get(id_)
        if had is None or had[1] != props_text(n.props):
            _compare(plan, n, None if had is None else Node(id_, had[0], orjson.loads(had[1])))
    for id_ in sorted(stored.nodes.keys() - new_nodes.keys()):
        label, text = stored.nodes[id_]
        _retire(plan, Node(id_, label, orjson.loads(text)))
    new_edges = {e.ident: e for e in batch.edges}
    for ident, e in new_edges.items():
        stored_text = stored.edges.get(ident)
        if stored_text is None or stored_text != props_text(e.props):
            _compare(plan, e, None if stored_text is None else Edge(*ident, orjson.loads(stored_text)))
    for ident in sorted(stored.edges.keys() - new_edges.keys()):
        _retire(plan, Edge(*ident, orjson.loads(stored.edges[ident])))
    return plan


def _write(plan: Plan, record: Node | Edge) -> None:
    if isinstance(record, Node):
        plan.writes.nodes.append(record)
    else:
        plan.writes.edges.append(record)


def _compare(plan: Plan, new: Node | Edge, old: Node | Edge | None) -> None:
    """A record new to the store is added; a stored one whose text differs is changed only if its values do (text
    written by another encoder, or a store that gives 1.0 for 1, is the same record)."""
    kind, ident = _named(new)
    if old is None:
        plan.changes.append(Change(ChangeAction.ADDED, kind, ident, _file(new)))
    elif fields := _fields(dict(old.props), dict(new.props)):
        plan.changes.append(Change(ChangeAction.CHANGED, kind, ident, _file(new), fields))
    else:
        return
    _write(plan, new)


def _retire(plan: Plan, old: Node | Edge) -> None:
    """A record the lists no longer yield ends on the effective date (one that has ended already stays as it is)."""
    if old.props.get(VALID_TO):
        return
    kind, ident = _named(old)
    props = {**old.props, VALID_TO: plan.effective}
    fields = (FieldChange(VALID_TO, None, plan.effective),)
    plan.changes.append(Change(ChangeAction.RETIRED, kind, ident, _file(old), fields))
    if isinstance(old, Node):
        _write(plan, Node(old.id, old.label, props))
    else:
        _write(plan, Edge(old.source, old.type, old.target, old.key, props))


def _operator() -> str:
    """Who runs the sync from a shell: the login name, else the uid (a container may have no passwd entry)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return f"uid {os.getuid()}"


def apply_plan(store: GraphStore, plan: Plan, applied_by: str = "") -> LoadReport:
    """Write the plan's records and its list version in one transaction: all of them, or none; PlanOutdated (and
    nothing written) if the store is no longer in the state the plan was computed against. The check reads the
    store before the write (through its public calls; it sees this process's own loads), and the store checks the
    list version again inside its write transaction (VersionDraft.base), where another process's sync is seen."""
    if plan.empty:
        return LoadReport()
    now = StoreState.of(store)
    if now != plan.base:
        raise PlanOutdated(plan.base, now)
    applied_at = datetime.now(UTC).isoformat(timespec="seconds")
    by = applied_by or _operator()
    draft = VersionDraft(
        plan.effective, applied_at, by, tuple(plan.files), tuple(plan.changes), base=plan.base.list_version
    )
    try:
        return store.apply(plan.writes, draft)
    except OutdatedBase as outdated:  # another process's sync committed after the check above
        raise PlanOutdated(plan.base, StoreState(outdated.last, store.data_version())) from None
