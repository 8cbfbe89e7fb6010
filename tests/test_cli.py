"""The command line, run as a user would: a real process, the real bundled data, a fresh store file."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from loaders.dataset import BUNDLED

REPO = Path(__file__).resolve().parent.parent


def run(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "api.cli", "--db", str(db), *args]
    return subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "graph.sqlite"
    done = run("load", db=path)
    assert done.returncode == 0, done.stderr
    return path


def test_load_prints_counts(tmp_path: Path) -> None:
    done = run("load", db=tmp_path / "g.sqlite")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "created_nodes=20616" in out
    for line in (
        "Area       district                   official      16",
        "Duty                                  official    3438",  # 1,363 hand-read + 2,075 extracted
    ):
        assert line in out
    again = run("load", db=tmp_path / "g.sqlite")
    assert "created_nodes=0, updated_nodes=0" in again.stdout and "created_edges=0, updated_edges=0" in again.stdout


def test_ask_responders(db: Path) -> None:
    done = run("ask", "responders", "110107001", "占道经营", db=db)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert "八宝山街道综合行政执法队" in lines[4] and "on_ground" in lines[4]
    assert "《北京市市容环境卫生条例》第三十五条" in done.stdout
    assert "path: srhj2021-a35-3 -DELEGATED_TO-> street_office" in done.stdout


def test_ask_responsible_and_chain(db: Path) -> None:
    done = run("ask", "responsible", "110101001001", "yqgl-a4-6", db=db)
    assert "北京市公安局东城分局" in done.stdout and "lead" in done.stdout
    chain = run("ask", "chain", "team:sjs-street-centres:110107001:公安", db=db)
    assert "professional:" in chain.stdout and "北京市公安局石景山分局 -> 北京市公安局" in chain.stdout
    assess = run("ask", "assess", "st:110107001", db=db)
    assert "八宝山街道综合执法指挥中心·公安（常驻）" in assess.stdout


def test_json_output(db: Path) -> None:
    done = run("ask", "responders", "110107001", "占道经营", "--json", db=db)
    data = json.loads(done.stdout)
    assert data["responders"][0]["body"]["id"] == "enf:110107001"
    assert data["responders"][0]["reasons"][0]["duty"]["quote"].startswith(
        "违反第一款规定的，责令改正，没收违法所得和非法财物"
    )


def test_bad_argument_exit_code(db: Path) -> None:
    done = run("ask", "responsible", "999", "养犬登记", db=db)
    assert done.returncode == 2
    assert "error: place: no area code with this id or name (got '999')" in done.stderr


def test_bad_dataset_refused(tmp_path: Path, db: Path) -> None:
    root = tmp_path / "data"
    shutil.copytree(BUNDLED, root)
    path = root / "duties/holder_kinds.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace("street_office,街道办事处,street", "street_office,街道办事处,planet"),
        encoding="utf-8",
    )
    done = run("load", str(root), db=db)
    assert done.returncode == 1
    assert "duties/holder_kinds.csv:4: field 'levels': unknown level(s)" in done.stderr
    assert "nothing was written" in done.stderr


def test_rules_listed() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "api.cli", "rules"], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert "district-counterpart" in done.stdout and "street-enforcement-team" in done.stdout


def test_extract_prints_reviewable_rows(tmp_path: Path) -> None:
    """`whistlegraph extract TEXT > rows.csv`: the rows of a text, each with its locator and verbatim quote."""
    text = BUNDLED / "regulations/more/北京市燃气管理条例(2020-09-25).md"
    done = run("extract", str(text), db=tmp_path / "unused.sqlite")
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert rows and all(r["id"].startswith("rq2020-a") and r["regulation"] == "北京市燃气管理条例" for r in rows)
    (lead,) = [
        r for r in rows if (r["article"], r["clause"], r["holder_kind"]) == ("第四条", "第二款", "dept:城市管理")
    ]
    assert lead["role"] == "lead" and lead["quote"].startswith("城市管理部门主管本行政区域燃气管理工作")
    assert not (tmp_path / "unused.sqlite").exists()  # reading a text needs no store


def test_extract_diff_against_the_loaded_rows(db: Path) -> None:
    """`--diff` on a hand-read text: what the reader adds (+) or lacks (-) against the loaded rows."""
    text = BUNDLED / "regulations/北京市控制吸烟条例(2021-09-24).md"
    done = run("extract", "--diff", str(text), db=db)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("北京市控制吸烟条例 (控制吸烟):")
    assert "- 第十一条 第二款 premises_manager duty_bearer  kzxy2021-a11-1" in lines
    assert lines[-1].startswith("= ") and int(lines[-1].split()[1]) >= 30
