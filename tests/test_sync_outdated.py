"""A plan applies only to the store it was computed against: when another sync lands between plan and apply (in
this process, or through another handle on the same file, as `whistlegraph sync` in another process would), the
plan is refused with PlanOutdated and the store file is not touched; planned again, it applies. And the admin's
syncLists plans against a sync another process applied, not against the version the server held before it."""

from __future__ import annotations

import asyncio
import hashlib
from pathlib import Path

import pytest

from graph.domain import Domain
from graph.embedded import EmbeddedStore
from graph.model import Batch, Node
from graph.vocabulary import PrincipalRole
from loaders.dataset import BUNDLED
from loaders.sync import PlanOutdated, apply_plan, plan_sync
from schema import build_schema
from schema.context import Context
from whistles.authz import Principal

STREET = "110101002"


def renamed(batch: Batch, name: str) -> Batch:
    """The lists with one street renamed."""
    nodes = [Node(n.id, n.label, {**n.props, "name": name}) if n.id == STREET else n for n in batch.nodes]
    return Batch(nodes, batch.edges)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_sync_by_another_process_outdates_the_plan(tmp_path: Path, bundled_batch: Batch) -> None:
    db = tmp_path / "graph.sqlite"
    here = EmbeddedStore(db)
    apply_plan(here, plan_sync(here, bundled_batch, [], "2024-01-01"))
    elsewhere = EmbeddedStore(db)  # what `whistlegraph sync` opens in its own process

    plan = plan_sync(here, renamed(bundled_batch, "景山甲街道"), [], "2026-03-01")
    apply_plan(elsewhere, plan_sync(elsewhere, renamed(bundled_batch, "景山乙街道"), [], "2026-02-01"))
    before = digest(db)
    with pytest.raises(PlanOutdated, match="list version 1 then, 2 now"):
        apply_plan(here, plan)
    assert digest(db) == before, "a refused plan writes nothing"

    assert here.reload_if_changed()
    again = plan_sync(here, renamed(bundled_batch, "景山甲街道"), [], "2026-03-01")
    assert [(c.ident, [(f.before, f.after) for f in c.fields]) for c in again.changes] == [
        (STREET, [("景山乙街道", "景山甲街道")])
    ], "planned again, the plan is against the other sync's version"
    apply_plan(here, again)
    assert elsewhere.reload_if_changed(), "the other process takes up this sync like any other"
    assert [v.number for v in elsewhere.list_versions()] == [1, 2, 3]


def test_two_plans_in_one_process_only_the_first_applies(tmp_path: Path, bundled_batch: Batch) -> None:
    store = EmbeddedStore(tmp_path / "graph.sqlite")
    apply_plan(store, plan_sync(store, bundled_batch, [], "2024-01-01"))
    first = plan_sync(store, renamed(bundled_batch, "景山甲街道"), [], "2026-03-01")
    second = plan_sync(store, renamed(bundled_batch, "景山乙街道"), [], "2026-03-01")
    apply_plan(store, first)
    with pytest.raises(PlanOutdated):
        apply_plan(store, second)
    assert store.get_nodes([STREET])[0].props["name"] == "景山甲街道"  # type: ignore[union-attr]
    assert len(store.list_versions()) == 2


def test_sync_lists_plans_against_what_another_process_applied(tmp_path: Path, bundled_batch: Batch) -> None:
    """The server's store still holds version 1 in memory when the mutation runs; it takes version 2 up first, so
    syncing the bundled lists again is one change (the other process's rename undone), not 'nothing to apply'."""
    db = tmp_path / "graph.sqlite"
    here = EmbeddedStore(db)
    apply_plan(here, plan_sync(here, bundled_batch, [], "2024-01-01"))
    domain = Domain(here)
    domain.refresh()
    elsewhere = EmbeddedStore(db)
    apply_plan(elsewhere, plan_sync(elsewhere, renamed(bundled_batch, "景山乙街道"), [], "2026-02-01"))

    mutation = (
        f'mutation {{ syncLists(directory: "{BUNDLED}", effective: "2026-03-01") {{ changed version {{ number }} }} }}'
    )
    admin = Context(domain, principal=Principal("ops", PrincipalRole.ADMIN))
    result = asyncio.run(build_schema().execute(mutation, context_value=admin))
    assert result.errors is None and result.data == {"syncLists": {"changed": 1, "version": {"number": 3}}}
    assert admin.lists.number == 3, "the mutation announces the version it applied"
