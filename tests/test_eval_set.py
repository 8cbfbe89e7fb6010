"""The routing evaluation set is an answer key: it must stay consistent with the bundled data it cites."""

import csv
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EVAL = REPO / "data" / "eval"


def check(*paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(EVAL / "check_eval.py"), *map(str, paths)], capture_output=True, text=True, check=False
    )


def test_eval_files_pass_the_checker() -> None:
    files = sorted(EVAL.glob("whistles*.csv"))
    assert files, "no data/eval/whistles*.csv"
    done = check(*files)
    assert done.returncode == 0, done.stdout + done.stderr


def test_checker_rejects_a_moved_split_a_2011_kind_and_synonym_wording(tmp_path: Path) -> None:
    with (EVAL / "whistles.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    rows[0]["split"] = "tune" if rows[0]["split"] == "heldout" else "heldout"
    rows[1]["must_kinds"] = "fire_psb"
    rows[2]["text"] = "小区门口占道经营"
    broken = tmp_path / "broken.csv"
    with broken.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    done = check(broken)
    assert done.returncode == 1
    assert f"{rows[0]['id']}: split is" in done.stdout
    assert f"{rows[1]['id']}: fire_psb is a 2011 name" in done.stdout
    assert f"{rows[2]['id']}: text uses the matcher's own synonym terms ['占道经营']" in done.stdout
