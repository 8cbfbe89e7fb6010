"""Official lists as operators receive them in Excel: 权责清单-style duty tables read through openpyxl, with a
declared column mapping (data/rules/duty_list_columns.csv) from the list's own headers to the duty fields.

A workbook is opened like any list (loaders/files.py: a regular file within the size limit); its first sheet is
read with a header row, and each row becomes the same Row a CSV line would, cited by spreadsheet row number in
problems and by its key in provenance. A workbook may hold `duties/regulation_duties.xlsx` in place of the CSV.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

from openpyxl import load_workbook  # type: ignore[import-untyped]  # no stubs are published with it

from loaders.files import log_read, read_bytes
from loaders.problems import LoadFailed, Problem
from loaders.source import Row, check_values, read_csv

DUTY_LIST_CSV = "duties/regulation_duties.csv"
DUTY_LIST_XLSX = "duties/regulation_duties.xlsx"
COLUMNS = "rules/duty_list_columns.csv"


def read_mapping(root: Path) -> dict[str, str]:
    """The list's column header -> the duty field it holds ('' for columns the graph does not keep)."""
    return {row["column"]: row["field"] for row in read_csv(root / COLUMNS, COLUMNS, ("column", "field"))}


def read_xlsx(path: Path, display: str, mapping: dict[str, str], required: tuple[str, ...]) -> Iterator[Row]:
    """Rows of the first sheet, with the list's headers renamed to fields; unmapped headers are refused."""
    data = read_bytes(path, display)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as err:
        raise LoadFailed([Problem(display, None, None, f"not a readable XLSX workbook ({err})")]) from None
    log_read(display, "XLSX", data)
    try:
        sheet = book.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = [str(h).strip() if h is not None else "" for h in next(rows, ())]
        unknown = [h for h in header if h and h not in mapping]
        if unknown:
            declared = ", ".join(mapping)
            raise LoadFailed(
                [Problem(display, 1, None, f"column(s) {unknown} not in {COLUMNS} (declared: {declared})")]
            )
        fields = [mapping.get(h, "") for h in header]
        missing = [f for f in required if f not in fields]
        if missing:
            raise LoadFailed([Problem(display, 1, None, f"no column maps to field(s) {', '.join(missing)}")])
        problems: list[Problem] = []
        for number, cells in enumerate(rows, start=2):
            if all(c is None or str(c).strip() == "" for c in cells):
                continue  # Excel keeps formatted empty rows
            values = {f: ("" if c is None else str(c)) for f, c in zip(fields, cells, strict=False) if f}
            bad = check_values(display, number, values, (required[0],))
            if bad:
                problems += bad
                continue
            yield Row(display, number, values, values[required[0]].strip())
        if problems:
            raise LoadFailed(problems)
    finally:
        book.close()


def duty_list_rows(root: Path, display: str, required: tuple[str, ...]) -> Iterator[Row]:
    """A duty list's rows: from its CSV, or, for the hand-read list, from a 权责清单-style workbook in its place."""
    if display == DUTY_LIST_CSV and not (root / display).exists() and (root / DUTY_LIST_XLSX).exists():
        yield from read_xlsx(root / DUTY_LIST_XLSX, DUTY_LIST_XLSX, read_mapping(root), required)
    else:
        yield from read_csv(root / display, display, required)
