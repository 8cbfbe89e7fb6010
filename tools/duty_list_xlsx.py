"""Build the sample 权责清单-style workbook from the bundled duty list (a test fixture, and a template operators
can compare their lists with): one row per duty, headed by the columns data/rules/duty_list_columns.csv declares.

    .venv/bin/python -m tools.duty_list_xlsx [OUT]    # default tests/fixtures/duty_list_sample.xlsx
"""

from __future__ import annotations

import csv
import sys
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook  # type: ignore[import-untyped]  # no stubs are published with it

from loaders.dataset import BUNDLED
from loaders.xlsx import COLUMNS, DUTY_LIST_CSV

DEFAULT_OUT = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "duty_list_sample.xlsx"
FIXED_TIME = datetime(2026, 1, 1)  # the workbook's own timestamps, fixed so a rebuild gives the same content


def build(out: Path, root: Path = BUNDLED) -> Path:
    with (root / COLUMNS).open(encoding="utf-8", newline="") as f:
        columns = [(r["column"], r["field"]) for r in csv.DictReader(f)]
    with (root / DUTY_LIST_CSV).open(encoding="utf-8", newline="") as f:
        duties = list(csv.DictReader(f))
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "权责清单"
    sheet.append([column for column, _ in columns])
    for number, duty in enumerate(duties, start=1):
        sheet.append(
            [number if column == "序号" else duty.get(field, "") if field else "" for column, field in columns]
        )
    book.properties.created = book.properties.modified = FIXED_TIME
    out.parent.mkdir(parents=True, exist_ok=True)
    book.save(out)
    return out


if __name__ == "__main__":
    print(build(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUT))
