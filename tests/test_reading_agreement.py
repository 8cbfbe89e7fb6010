"""The second readings of hand-read texts (bench/reading_agreement.py): the measure, and the files it reads."""

from __future__ import annotations

import csv
from pathlib import Path

from bench.extraction_eval import HELD_OUT
from bench.reading_agreement import SECOND_READINGS, agreement
from loaders.dataset import BUNDLED


def test_a_reading_identical_to_the_original_agrees_fully(tmp_path: Path) -> None:
    with (BUNDLED / "duties/regulation_duties.csv").open(encoding="utf-8") as f:
        reader = csv.DictReader(f)
        rows = [r for r in reader if r["id"].startswith("jwh-")]
        fields = reader.fieldnames or []
    same = tmp_path / "jwh.csv"
    with same.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    fig = agreement("jwh", same)
    assert (fig.precision, fig.recall, fig.role_agreement) == (1.0, 1.0, 1.0)
    # one row fewer, and one role changed: recall and roles fall, precision does not
    del rows[0]
    rows[0] = {**rows[0], "role": "assist" if rows[0]["role"] != "assist" else "lead"}
    with same.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    fig = agreement("jwh", same)
    assert fig.precision == 1.0 and fig.recall < 1.0 and fig.role_agreement < 1.0


def test_every_held_out_text_has_a_second_reading_in_the_hand_rows_columns() -> None:
    with (BUNDLED / "duties/regulation_duties.csv").open(encoding="utf-8") as f:
        columns = csv.DictReader(f).fieldnames
    for code in HELD_OUT:
        with (SECOND_READINGS / f"{code}.csv").open(encoding="utf-8") as f:
            reader = csv.DictReader(f)
            rows = list(reader)
        assert reader.fieldnames == columns and rows
        assert all(r["id"].startswith(f"{code}-") and r["quote"] for r in rows)
