"""Sync scenarios on both stores: a plan first (added, changed field by field, retired), then one transaction;
retired records stay and answer "as of" before their end; a row moved within its file changes nothing."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from neo4j import GraphDatabase

from api import cli
from api.stores import BUNDLED_BY, open_store, take_up_bundled
from graph.domain import Domain
from graph.embedded import EmbeddedStore
from graph.model import Batch, Edge, Node
from graph.store import GraphStore, StoredRecords
from graph.vocabulary import ChangeAction
from loaders.dataset import BUNDLED
from loaders.files import GB18030, UTF8, UTF8_BOM
from loaders.sync import Plan, apply_plan, plan_sync, read_lists

STREETS = "divisions/beijing_streets.csv"
COMMUNITIES = "divisions/beijing_communities.csv"
DEPARTMENTS = "departments/beijing_municipal_departments.csv"
MAPPING = "departments/dept_name_mapping_2017_to_current.csv"
KINDS = "duties/holder_kinds.csv"
EFFECTIVE = "2026-03-01"
NEW_COMMUNITY = "110101001999"  # an added row (a test fixture, not an NBS code)


def edit(root: Path, file: str, old: str, new: str) -> None:
    path = root / file
    text = path.read_text(encoding="utf-8")
    assert old in text, (file, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def drop_line(root: Path, file: str, starts: str) -> str:
    path = root / file
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    (gone,) = [line for line in lines if line.startswith(starts)]
    path.write_text("".join(line for line in lines if line is not gone), encoding="utf-8")
    return gone


@pytest.fixture
def changed_lists(tmp_path: Path) -> Path:
    """The bundled lists with a community retired, a street renamed, two departments merged and a community added."""
    root = tmp_path / "data"
    shutil.copytree(BUNDLED, root)
    drop_line(root, COMMUNITIES, "110101001001,")
    edit(root, STREETS, "110101002,景山街道,", "110101002,景山新街道,")
    drop_line(root, DEPARTMENTS, "bj-minfang,")
    edit(root, MAPPING, "bj-minfang;bj-guofangdongyuan", "bj-guofangdongyuan")
    edit(root, KINDS, ",bj-minfang,", ",bj-guofangdongyuan,")
    with (root / COMMUNITIES).open("a", encoding="utf-8") as f:
        f.write(f"{NEW_COMMUNITY},试点社区居委会,110101001,110101,community,community_committee,111\n")
    return root


def plan_for(store: GraphStore, lists: Path | Batch, effective: str = EFFECTIVE) -> Plan:
    """The plan for a folder, or for the bundled lists already read (a read costs seconds)."""
    batch, files = (lists, []) if isinstance(lists, Batch) else read_lists(lists)
    return plan_sync(store, batch, files, effective)


def changes(plan: Plan, action: ChangeAction) -> dict[str, dict[str, tuple[object, object]]]:
    return {c.ident: {f.field: (f.before, f.after) for f in c.fields} for c in plan.changes if c.action == action}


def community_lead(domain: Domain, as_of: str) -> set[str]:
    answer = domain.responsible("110101001001", "养犬登记", as_of)
    return {a.body.id for a in answer.assignments if a.body and a.level == "community"}


def snapshot(store: GraphStore) -> StoredRecords:
    return store.stored_records()


def scenario(store: GraphStore, root: Path, bundled: Batch) -> None:
    assert plan_for(store, bundled).empty, "the store starts with exactly the bundled lists"
    plan = plan_for(store, root)
    added, changed, retired = (changes(plan, a) for a in ChangeAction)
    # The community, its committee and every edge read from its row or derived from it.
    assert retired["110101001001"] == {"valid_to": (None, EFFECTIVE)}
    assert "rc:110101001001" in retired
    assert "110101001001 -PART_OF-> 110101001" in retired
    assert "rc:110101001001 -GOVERNS-> 110101001001" in retired
    # The renamed street, field by field, and the bodies named after it.
    assert changed["110101002"] == {"name": ("景山街道", "景山新街道")}
    assert changed["st:110101002"]["name"] == ("景山街道办事处", "景山新街道办事处")
    # The merge: 市民防局 retired with its reporting line; the 2017 mapping now names one successor.
    assert "bj-minfang" in retired
    assert "bj-minfang -REPORTS_TO-> gov:110000 [administrative]" in retired
    assert set(added) >= {NEW_COMMUNITY, f"rc:{NEW_COMMUNITY}"}
    by_file = plan.by_file()
    assert by_file[COMMUNITIES][ChangeAction.RETIRED] >= 4 and by_file[COMMUNITIES][ChangeAction.ADDED] >= 4
    assert by_file[STREETS][ChangeAction.CHANGED] >= 1
    # Nothing else: unchanged rows are unchanged, although every line after the dropped one moved up.
    assert not [c for c in plan.changes if c.file == "duties/regulation_duties.csv"]

    before = snapshot(store)
    report = apply_plan(store, plan)
    assert report.created_nodes + report.updated_nodes == len(plan.writes.nodes)
    assert snapshot(store) != before

    domain = Domain(store)
    assert community_lead(domain, "2026-02-28") == {"rc:110101001001"}, "as of before the date, still answered"
    assert community_lead(domain, EFFECTIVE) == set(), "from the effective date, retired"
    (street,) = store.get_nodes(["110101002"])
    assert street is not None and street.name == "景山新街道"

    assert plan_for(store, root).empty, "a second sync of the same lists writes nothing; retired stays retired"
    # Restoring the old lists brings the community back (its valid_to goes) and retires the added one.
    back = plan_for(store, bundled, "2026-04-01")
    assert changes(back, ChangeAction.CHANGED)["110101001001"] == {"valid_to": (EFFECTIVE, None)}
    assert changes(back, ChangeAction.RETIRED)[NEW_COMMUNITY] == {"valid_to": (None, "2026-04-01")}
    apply_plan(store, back)
    assert community_lead(domain, "2026-06-01") == {"rc:110101001001"}


def test_scenario_embedded(bundled_batch: Batch, changed_lists: Path) -> None:
    store = EmbeddedStore()
    store.apply(bundled_batch)
    scenario(store, changed_lists, bundled_batch)


@pytest.fixture
def bolt_scratch(request: pytest.FixtureRequest, bundled_batch: Batch) -> Iterator[GraphStore]:
    """The shared Bolt store, put back exactly as the bundled lists load it after the scenario: what the scenario
    added (retired, not deleted, by the restoring sync) and its list versions are deleted here."""
    store: GraphStore = request.getfixturevalue("bolt_store")
    server = request.getfixturevalue("bolt_server")
    try:
        yield store
    finally:
        apply_plan(store, plan_for(store, bundled_batch))
        ids = {n.id for n in bundled_batch.nodes}
        idents = {e.ident for e in bundled_batch.edges}
        stored = store.stored_records()
        extra_nodes = [id_ for id_ in stored.nodes if id_ not in ids]
        extra_edges = [Edge(*ident) for ident in stored.edges if ident not in idents]
        with GraphDatabase.driver(server.uri, auth=server.auth) as driver:
            for e in extra_edges:  # the type is one of EdgeType's names, never user input
                driver.execute_query(
                    f"MATCH (a {{id: $source}})-[r:{e.type}]->(b {{id: $target}}) WHERE r.key = $key DELETE r",
                    source=e.source,
                    target=e.target,
                    key=e.key,
                    database_=server.database,
                )
            driver.execute_query(
                "MATCH (n) WHERE n.id IN $ids DETACH DELETE n", ids=extra_nodes, database_=server.database
            )
            for label in ("ListVersion", "ListChange"):
                driver.execute_query(f"MATCH (n:{label}) DETACH DELETE n", database_=server.database)
        assert plan_for(store, bundled_batch).empty
        assert store.stored_records().nodes.keys() == ids
        assert store.stored_records().edges.keys() == idents


@pytest.mark.bolt
def test_scenario_bolt(bolt_scratch: GraphStore, changed_lists: Path, bundled_batch: Batch) -> None:
    scenario(bolt_scratch, changed_lists, bundled_batch)


def refresh_scenario(store: GraphStore, newer: Path) -> None:
    """Rule `bundled-refresh`: a store seeded with the bundled lists takes up a newer release's bundle (`newer`) once,
    as a list version of its own; after an operator's sync it is left as it is, and the note says why."""
    assert take_up_bundled(store) == "", "a store holding exactly the bundled lists has nothing to take up"
    note = take_up_bundled(store, newer)
    assert note.startswith("took up this release's bundled data (added ") and "retired " in note
    (version,) = store.list_versions()
    assert version.applied_by == BUNDLED_BY and note.endswith(f"as list version {version.number}")
    (street,) = store.get_nodes(["110101002"])
    assert street is not None and street.name == "景山新街道"
    assert take_up_bundled(store, newer) == "", "taken up once"
    apply_plan(store, plan_for(store, BUNDLED), applied_by="an operator")
    note = take_up_bundled(store, newer)
    assert note.startswith("warning: this release's bundled data differs from the store's (")
    assert f"list version {version.number + 1}" in note and note.endswith(
        f"`whistlegraph sync {newer}` takes the bundled data up"
    )
    (street,) = store.get_nodes(["110101002"])
    assert street is not None and street.name == "景山街道", "the operator's lists stand"


def test_bundled_refresh_embedded(bundled_batch: Batch, changed_lists: Path) -> None:
    store = EmbeddedStore()
    store.apply(bundled_batch)
    refresh_scenario(store, changed_lists)


@pytest.mark.bolt
def test_bundled_refresh_bolt(bolt_scratch: GraphStore, changed_lists: Path) -> None:
    refresh_scenario(bolt_scratch, changed_lists)


def test_serve_opens_a_seeded_store_taking_up_the_bundle_and_a_new_one_without_reading_it_twice(
    bundled_batch: Batch, tmp_path: Path
) -> None:
    """What `serve` does (open_store with a report): a store file seeded by an earlier release, here one whose street
    has an older name, is reported and refreshed once; an empty one is seeded and reports nothing."""
    path = tmp_path / "old.sqlite"
    store = EmbeddedStore(path)
    store.apply(bundled_batch)
    (street,) = store.get_nodes(["110101002"])
    assert street is not None
    store.apply(Batch(nodes=[Node(street.id, street.label, {**street.props, "name": "景山旧街道"})]))
    store.close()
    notes: list[str] = []
    reopened = open_store("embedded", path, report=notes.append)
    try:
        (street,) = reopened.get_nodes(["110101002"])
        assert street is not None and street.name == "景山街道"
        assert len(notes) == 1 and notes[0].startswith("took up this release's bundled data (changed ")
    finally:
        reopened.close()
    fresh = open_store("embedded", tmp_path / "new.sqlite", report=notes.append)
    try:
        assert len(notes) == 1 and fresh.list_versions() == []
    finally:
        fresh.close()


def test_bundled_refresh_leaves_another_citys_store_alone(bundled_batch: Batch) -> None:
    """A store holding a second city beside Beijing (or another city alone) is not the bundle's: syncing the bundle
    over it would retire the other city, so nothing is planned or written."""
    chongqing = read_lists(BUNDLED / "chongqing")[0]
    for batches in ((bundled_batch, chongqing), (chongqing,)):
        store = EmbeddedStore()
        for batch in batches:
            store.apply(batch)
        before = snapshot(store)
        assert take_up_bundled(store) == ""
        assert snapshot(store) == before and store.list_versions() == []


def test_moved_rows_and_operator_encodings_change_nothing(embedded_store: EmbeddedStore, tmp_path: Path) -> None:
    """Provenance cites file and key, so reversing a list's rows is no change; Excel's CSV UTF-8 (with BOM) and
    GB18030 read to the same graph, and the plan names each file's encoding."""
    root = tmp_path / "data"
    shutil.copytree(BUNDLED, root)
    path = root / COMMUNITIES
    header, *rows = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_bytes(b"\xef\xbb\xbf" + (header + "".join(reversed(rows))).encode("utf-8"))
    for file in (STREETS, DEPARTMENTS):
        (root / file).write_bytes((root / file).read_text(encoding="utf-8").encode("gb18030"))
    plan = plan_for(embedded_store, root)
    assert plan.empty
    encodings = {f.file: f.encoding for f in plan.files}
    assert (encodings[COMMUNITIES], encodings[STREETS], encodings[DEPARTMENTS]) == (UTF8_BOM, GB18030, GB18030)
    assert encodings[KINDS] == UTF8


def test_cli_dry_run_writes_nothing_then_sync_applies(tmp_path: Path, changed_lists: Path, capsys) -> None:
    db = tmp_path / "graph.sqlite"
    assert cli.main(["sync", str(BUNDLED), "--db", str(db), "--effective", "2024-01-01"]) == 0
    size = db.stat().st_size
    capsys.readouterr()
    assert cli.main(["sync", str(changed_lists), "--db", str(db), "--dry-run", "--json", "--effective", EFFECTIVE]) == 0
    out, err = capsys.readouterr()
    plan = json.loads(out)
    assert plan["dry_run"] is True and plan["effective"] == EFFECTIVE
    assert plan["by_label"]["Area"] == {"added": 1, "changed": 1, "retired": 1}
    assert {
        "action": "changed",
        "kind": "Area",
        "id": "110101002",
        "file": STREETS,
        "fields": [{"field": "name", "before": "景山街道", "after": "景山新街道"}],
    } in plan["changes"]
    assert "dry run: nothing written" in err and "reading and checking" in err
    assert db.stat().st_size == size
    assert cli.main(["sync", str(changed_lists), "--db", str(db), "--effective", EFFECTIVE]) == 0
    out, err = capsys.readouterr()
    assert (
        "changed  Area            110101002  (divisions/beijing_streets.csv)\n      name: 景山街道 → 景山新街道" in out
    )
    assert "retired  Body            bj-minfang  (departments/beijing_municipal_departments.csv)" in out
    assert "applying" in err and "applied: " in err
    assert cli.main(["sync", str(changed_lists), "--db", str(db), "--effective", "March"]) == 2
    assert "effective: want an ISO date" in capsys.readouterr().err


def test_a_new_reported_row_of_a_known_form_needs_no_code(embedded_store: EmbeddedStore, tmp_path: Path) -> None:
    """Rows are read by their form: a (test) row reporting units stationed in Haidian's streets adds teams."""
    root = tmp_path / "data"
    shutil.copytree(BUNDLED, root)
    with (root / "reported/sunk_forces_reported.csv").open("a", encoding="utf-8") as f:
        f.write(
            "hd-test,海淀区,110108,海淀区各街道,公安;城管,stationed_unit,2,2019-01-01,seeds/002_053f04b1e963becc.txt,a test row\n"
        )
    added = changes(plan_for(embedded_store, root), ChangeAction.ADDED)
    teams = {i for i in added if i.startswith("team:hd-test:") and " " not in i}
    assert "team:hd-test:110108001:公安" in teams and "team:hd-test:110108001:城管" in teams
    assert "team:hd-test:110108001:公安 -REPORTS_TO-> st:110108001 [administrative]" in added


def test_text_from_an_older_encoder_is_not_a_change(bundled_batch: Batch, tmp_path: Path) -> None:
    """A store file written by an earlier release keeps its properties as spaced JSON ({"a": 1, ...}); the plan
    compares values where the text differs, so those records are unchanged, and only a real change is one."""
    path = tmp_path / "older.sqlite"
    store = EmbeddedStore(path)
    store.apply(bundled_batch)
    store.close()
    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT id, props FROM nodes").fetchall()
        db.executemany("UPDATE nodes SET props = ? WHERE id = ?", [(spaced(p), i) for i, p in rows])
        rows = db.execute("SELECT source, type, target, key, props FROM edges").fetchall()
        db.executemany(
            "UPDATE edges SET props = ? WHERE source = ? AND type = ? AND target = ? AND key = ?",
            [(spaced(p), *ident) for *ident, p in rows],
        )
    store = EmbeddedStore(path)
    assert store.stored_records().nodes["110101002"][1].startswith('{"')
    assert ", " in store.stored_records().nodes["110101002"][1]
    assert plan_for(store, bundled_batch).empty
    renamed = Batch(
        [
            Node(n.id, n.label, {**n.props, "name": "景山新街道"}) if n.id == "110101002" else n
            for n in bundled_batch.nodes
        ],
        bundled_batch.edges,
    )
    plan = plan_for(store, renamed)
    assert [(c.action, c.ident) for c in plan.changes] == [(ChangeAction.CHANGED, "110101002")]
    assert changes(plan, ChangeAction.CHANGED)["110101002"] == {"name": ("景山街道", "景山新街道")}
    store.close()


def spaced(text: str) -> str:
    return json.dumps(json.loads(text), ensure_ascii=False, sort_keys=True)
