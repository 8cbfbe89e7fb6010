"""Loader validation: every refusal names file, line and field, and leaves the store exactly as it was."""

from __future__ import annotations

import csv
import hashlib
import shutil
import sqlite3
from collections import Counter
from pathlib import Path

import pytest

from graph.embedded import EmbeddedStore
from graph.errors import StoreError
from graph.model import Batch, Edge, Node
from graph.vocabulary import EdgeType, Label, ProvenanceKind, is_value
from loaders.dataset import BUNDLED, load_batch, load_dataset, read_dataset
from loaders.source import LoadFailed


def dump(path: Path) -> str:
    """A digest of every row in the store's SQLite file."""
    db = sqlite3.connect(path)
    try:
        rows = db.execute(
            "SELECT 'n', id, label, props FROM nodes UNION ALL SELECT 'e', source || type || target || key, '', props FROM edges ORDER BY 1, 2"
        ).fetchall()
    finally:
        db.close()
    return hashlib.sha256(repr(rows).encode()).hexdigest()


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> tuple[EmbeddedStore, Path]:
    path = tmp_path_factory.mktemp("store") / "graph.sqlite"
    store = EmbeddedStore(path)
    load_dataset(store, BUNDLED)
    return store, path


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    shutil.copytree(BUNDLED, root)
    return root


def edit_line(path: Path, line: int, old: str, new: str) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    assert old in lines[line - 1], (old, lines[line - 1])
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    path.write_text("\n".join(lines), encoding="utf-8")


def refused(store: EmbeddedStore, path: Path, root: Path) -> LoadFailed:
    """Load `root` into the store and return the refusal; the store must not change."""
    before_counts, before_dump = store.counts(), dump(path)
    with pytest.raises(LoadFailed) as err:
        load_dataset(store, root)
    assert store.counts() == before_counts
    assert dump(path) == before_dump
    return err.value


def test_bundled_counts(bundled_batch: Batch) -> None:
    """The counts the bundled official data must give (data/SOURCES.md)."""
    by_kind = Counter((n.label, n.get("level") if n.label == "Area" else n.get("kind")) for n in bundled_batch.nodes)
    assert by_kind[("Area", "district")] == 16
    assert by_kind[("Area", "street")] == 349
    assert by_kind[("Area", "community")] == 7535
    assert by_kind[("Body", "municipal_department")] == 49 + 8  # the register, and 8 former bodies of the 2018 reform
    assert sum(1 for n in bundled_batch.nodes if n.id.startswith("former:")) == 8
    # every hand-read row, and every row the regulation reader extracted (none dropped: ids are unique)
    with (BUNDLED / "duties/extracted_duties.csv").open(encoding="utf-8") as f:
        extracted_rows = sum(1 for _ in csv.DictReader(f))
    duties = Counter(str(n.get("source")).split("#")[0] for n in bundled_batch.nodes if n.label == "Duty")
    assert extracted_rows > 2000 and duties == {
        "duties/regulation_duties.csv": 1363,
        "duties/extracted_duties.csv": extracted_rows,
    }
    # 22 added for the reader, and the consumers' association (stop 33)
    assert sum(1 for n in bundled_batch.nodes if n.label == "HolderKind") == 126 + 23
    teams = Counter(n.get("form") for n in bundled_batch.nodes if n.label == "SunkTeam")
    assert teams == {"stationed_unit": 72, "work_team": 23, "listed_unit": 18, "command_desk": 5, "sunk_enforcement": 1}
    assert by_kind[("Body", "district_government")] == 16
    assert by_kind[("Body", "command_sub_centre")] == 28


def test_every_record_has_provenance(bundled_batch: Batch) -> None:
    for record in [*bundled_batch.nodes, *bundled_batch.edges]:
        assert is_value(ProvenanceKind, record.get("provenance")), record
        assert record.get("source"), record
        if record.get("provenance") == "derived":
            assert record.get("rule"), record
        if record.get("provenance") == "reported":
            assert record.get("evidence"), record


def test_malformed_code(loaded, dataset: Path) -> None:
    edit_line(dataset / "divisions/beijing_streets.csv", 3, "110101002", "11010100")
    err = refused(*loaded, dataset)
    assert "divisions/beijing_streets.csv:3: field 'code': malformed street code '11010100'" in str(err)


def test_code_outside_its_parent(loaded, dataset: Path) -> None:
    edit_line(dataset / "divisions/beijing_streets.csv", 3, "110101002", "110102099")
    err = refused(*loaded, dataset)
    assert (
        "beijing_streets.csv:3: field 'code': street code '110102099' does not start with its district '110101'"
        in str(err)
    )


def test_dangling_parent(loaded, dataset: Path) -> None:
    edit_line(
        dataset / "divisions/beijing_communities.csv",
        2,
        "110101001001,多福巷社区居委会,110101001",
        "110101001001,多福巷社区居委会,110101999",
    )
    err = refused(*loaded, dataset)
    assert "beijing_communities.csv:2: field 'street_code': dangling parent: no street '110101999'" in str(err)


def test_duplicate_id(loaded, dataset: Path) -> None:
    path = dataset / "divisions/beijing_districts.csv"
    path.write_text(path.read_text(encoding="utf-8") + "110101,东城区\n", encoding="utf-8")
    err = refused(*loaded, dataset)
    assert (
        "beijing_districts.csv:18: duplicate id '110101' (first defined at divisions/beijing_districts.csv:2)"
        in str(err)
    )


def test_unknown_holder_kind(loaded, dataset: Path) -> None:
    edit_line(dataset / "duties/regulation_duties.csv", 2, "street_office", "street_ofice")
    err = refused(*loaded, dataset)
    assert "duties/regulation_duties.csv:2: field 'holder_kind': unknown holder kind 'street_ofice'" in str(err)


def test_missing_column(loaded, dataset: Path) -> None:
    edit_line(dataset / "divisions/beijing_streets.csv", 1, "district_code", "district")
    err = refused(*loaded, dataset)
    assert "beijing_streets.csv:1: missing column(s) district_code" in str(err)


def test_cycle_in_reporting_lines(loaded, dataset: Path) -> None:
    """A declared line making the district government answer to one of its own street offices."""
    (dataset / "structure").mkdir()
    (dataset / "structure/reporting_lines.csv").write_text(
        "body,reports_to,line,primary,source\ngov:110101,st:110101001,administrative,false,a test org chart\n",
        encoding="utf-8",
    )
    err = refused(*loaded, dataset)
    assert "cycle in reporting lines" in str(err)
    assert "structure/reporting_lines.csv#gov:110101/st:110101001/administrative" in str(err)  # file and key


def test_dangling_declared_line(loaded, dataset: Path) -> None:
    (dataset / "structure").mkdir()
    (dataset / "structure/reporting_lines.csv").write_text(
        "body,reports_to,line,primary,source\nst:110101001,gov:999999,administrative,true,chart\n", encoding="utf-8"
    )
    err = refused(*loaded, dataset)
    assert "structure/reporting_lines.csv:2: field 'reports_to': dangling reference: no body 'gov:999999'" in str(err)


def test_cycle_in_jurisdiction(loaded) -> None:
    """A batch that makes Beijing part of one of its districts is refused before any write."""
    store, path = loaded
    before = dump(path)
    bad = Batch(
        edges=[Edge("110000", EdgeType.PART_OF, "110101", props={"source": "test.csv:7", "provenance": "official"})]
    )
    with pytest.raises(LoadFailed) as err:
        load_batch(store, bad)
    assert "cycle in jurisdiction lines: 110000 -> 110101 -> 110000" in str(err.value)
    assert dump(path) == before


def test_every_problem_is_reported_at_once(loaded, dataset: Path) -> None:
    edit_line(dataset / "divisions/beijing_streets.csv", 3, "110101002", "11010100")
    edit_line(dataset / "duties/regulation_duties.csv", 2, "street_office", "street_ofice")
    err = refused(*loaded, dataset)
    # The bad street code also orphans that street's communities: all of it is reported together.
    assert {p.file for p in err.problems} == {
        "divisions/beijing_streets.csv",
        "divisions/beijing_communities.csv",
        "duties/regulation_duties.csv",
    }


def test_reload_changes_nothing(loaded) -> None:
    store, path = loaded
    before = dump(path)
    report = load_dataset(store, BUNDLED)
    assert not report.changed
    counts = store.counts()
    assert report.unchanged_nodes == sum(counts[label] for label in Label)
    assert report.unchanged_edges == sum(counts[type_] for type_ in EdgeType)
    assert dump(path) == before


def test_changed_row_updates_and_survives_reopen(tmp_path: Path, dataset: Path) -> None:
    path = tmp_path / "g.sqlite"
    store = EmbeddedStore(path)
    load_dataset(store, BUNDLED)
    edit_line(dataset / "divisions/beijing_streets.csv", 2, "东华门街道", "东华门街道（更名）")
    report = load_dataset(store, dataset)
    # The street and the three bodies named after it: office, Party committee, enforcement team.
    assert report.updated_nodes == 4 and report.created_nodes == 0
    store.close()
    reopened = EmbeddedStore(path)
    assert reopened.get_nodes(["110101001"])[0].name == "东华门街道（更名）"
    assert reopened.counts() == EmbeddedStore(path).counts()


def test_failed_write_rolls_back(tmp_path: Path) -> None:
    """A write that fails halfway (an unstorable value in the last edge) leaves file and memory as they were."""
    path = tmp_path / "g.sqlite"
    store = EmbeddedStore(path)
    store.apply(Batch(nodes=[Node("110000", "Area", {"name": "北京市"})]))
    before, counts = dump(path), store.counts()
    bad = Batch(
        nodes=[Node("110101", "Area", {"name": "东城区"})],
        edges=[Edge("110101", EdgeType.PART_OF, "110000", props={"bad": {1, 2}})],  # type: ignore[dict-item]
    )
    with pytest.raises(TypeError):
        store.apply(bad)
    assert dump(path) == before and store.counts() == counts
    assert store.get_nodes(["110101"]) == [None]


def test_store_refuses_dangling_edge() -> None:
    store = EmbeddedStore()
    with pytest.raises(StoreError, match="PART_OF edge '110101' -> '110000' points at missing node"):
        store.apply(Batch(edges=[Edge("110101", EdgeType.PART_OF, "110000", props={"source": "x.csv:2"})]))
    assert store.counts() == {}


def test_read_dataset_is_deterministic() -> None:
    a, b = read_dataset(BUNDLED), read_dataset(BUNDLED)
    assert a.nodes == b.nodes and a.edges == b.edges
