"""A 权责清单-style workbook (built from the bundled duties by tools/duty_list_xlsx.py) in place of the duty CSV
reads to the same graph; its faults are problem reports like a CSV's."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from graph.model import Batch, Edge, Node
from loaders.dataset import BUNDLED
from loaders.problems import LoadFailed
from loaders.sync import read_lists
from loaders.xlsx import DUTY_LIST_CSV, DUTY_LIST_XLSX
from tools.duty_list_xlsx import DEFAULT_OUT, build

SAMPLE = DEFAULT_OUT


def with_workbook(tmp_path: Path, workbook: Path = SAMPLE) -> Path:
    root = tmp_path / "data"
    shutil.copytree(BUNDLED, root)
    (root / DUTY_LIST_CSV).unlink()
    shutil.copy(workbook, root / DUTY_LIST_XLSX)
    return root


def as_csv(record: Node | Edge) -> tuple[object, ...]:
    """A record with its source cited as the CSV row it was built from."""
    props = {k: str(v).replace(DUTY_LIST_XLSX, DUTY_LIST_CSV) if k == "source" else v for k, v in record.props.items()}
    ident = record.id if isinstance(record, Node) else record.ident
    return (ident, sorted(props.items(), key=str))


def test_the_sample_is_the_bundled_list(tmp_path: Path) -> None:
    rebuilt = build(tmp_path / "rebuilt.xlsx")
    rows = [list(load_workbook(p, read_only=True).worksheets[0].iter_rows(values_only=True)) for p in (SAMPLE, rebuilt)]
    assert rows[0] == rows[1], "tests/fixtures/duty_list_sample.xlsx is stale: run python -m tools.duty_list_xlsx"
    assert rows[0][0][:6] == ("序号", "事项编码", "事项名称", "类别", "实施依据", "法规名称")


def test_workbook_round_trips_to_the_same_graph(tmp_path: Path, bundled_batch: Batch) -> None:
    batch, files = read_lists(with_workbook(tmp_path))
    assert sorted(map(as_csv, batch.nodes)) == sorted(map(as_csv, bundled_batch.nodes))
    assert sorted(map(as_csv, batch.edges)) == sorted(map(as_csv, bundled_batch.edges))
    assert DUTY_LIST_XLSX in {f.file for f in files}


def test_undeclared_column_is_refused(tmp_path: Path) -> None:
    book = load_workbook(SAMPLE)
    book.worksheets[0].cell(row=1, column=13).value = "办理时限"
    changed = tmp_path / "changed.xlsx"
    book.save(changed)
    with pytest.raises(LoadFailed) as err:
        read_lists(with_workbook(tmp_path, changed))
    assert f"{DUTY_LIST_XLSX}:1: column(s) ['办理时限'] not in rules/duty_list_columns.csv" in str(err.value)


def test_row_fault_names_the_spreadsheet_row(tmp_path: Path) -> None:
    book = load_workbook(SAMPLE)
    book.worksheets[0].cell(row=5, column=2).value = None  # 事项编码 of the fourth item
    changed = tmp_path / "changed.xlsx"
    book.save(changed)
    with pytest.raises(LoadFailed) as err:
        read_lists(with_workbook(tmp_path, changed))
    assert f"{DUTY_LIST_XLSX}:5: field 'id': empty value; refused" in str(err.value)


def test_not_a_workbook(tmp_path: Path) -> None:
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"id,duty\n")
    with pytest.raises(LoadFailed) as err:
        read_lists(with_workbook(tmp_path, broken))
    assert f"{DUTY_LIST_XLSX}: not a readable XLSX workbook" in str(err.value)
