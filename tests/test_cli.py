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

from api.cli import main as cli
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
    assert "created_nodes=21432" in out  # with the 8 former bodies of the 2018 reform
    for line in (
        "Area       district                   official      16",
        "Duty                                  official    4244",  # 1,363 hand-read + 2,881 extracted
    ):
        assert line in out
    again = run("load", db=tmp_path / "g.sqlite")
    assert "created_nodes=0, updated_nodes=0" in again.stdout and "created_edges=0, updated_edges=0" in again.stdout


def test_ask_responders(db: Path) -> None:
    done = run("ask", "responders", "110107001", "占道经营", db=db)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert "confidence strong" in lines[1]
    first = next(line for line in lines if line.startswith("   1. "))
    assert "八宝山街道综合执法指挥中心·城管（常驻）" in first and "on_ground" in first
    assert "《北京市市容环境卫生条例》第三十五条" in done.stdout
    assert "path: srhj2021-a35-3 -DELEGATED_TO-> street_office" in done.stdout
    # a clause another brought says so, and an emergency lists its response duties
    press = run("ask", "responders", "110107001", "我们厂里的冲床没有安全防护罩，工人好几次差点被夹手", db=db)
    assert "aqsc2022-a8-1" in press.stdout and "(brought: competent for the matter of aqsc2022-a25-1" in press.stdout
    blast = run("ask", "responders", "110119101", "饭店液化气罐爆炸了，有人受伤", "--urgency", "emergency", db=db)
    assert "tfsj-a46-7" in blast.stdout and "[urgency: emergency]" in blast.stdout


def test_ask_responsible_and_chain(db: Path) -> None:
    done = run("ask", "responsible", "110101001001", "yqgl-a4-6", db=db)
    assert "北京市公安局东城分局" in done.stdout and "lead" in done.stdout
    chain = run("ask", "chain", "team:sjs-street-centres:110107001:公安", db=db)
    assert "professional:" in chain.stdout and "北京市公安局石景山分局 -> 北京市公安局" in chain.stdout
    assess = run("ask", "assess", "st:110107001", db=db)
    assert "八宝山街道综合执法指挥中心·公安（常驻）" in assess.stdout


def test_chongqing_answers_the_three_questions_with_its_own_law(tmp_path: Path) -> None:
    """A second city loaded from its data files answers by Chongqing's regulations, with no Beijing body or law."""
    cq = tmp_path / "cq.sqlite"
    loaded = run("load", str(REPO / "data" / "chongqing"), db=cq)
    assert loaded.returncode == 0, loaded.stderr
    responsible = run("ask", "responsible", "500103", "消防工作", db=cq)
    assert "lead      district  渝中区公安机关" in responsible.stdout
    assert "《重庆市消防条例》第五条" in responsible.stdout
    responders = run("ask", "responders", "500103001", "摆摊", "--json", db=cq)
    data = json.loads(responders.stdout)
    assert [r["body"]["id"] for r in data["responders"]] == ["dd:500103:cq-shirong", "gov:500103", "cq-shirong"]
    assert "《重庆市市容环境卫生管理条例》第十八条第二款" in data["responders"][0]["why"]
    assert "北京" not in responders.stdout
    chain = run("ask", "chain", "dd:500103:cq-shirong", db=cq)
    assert "重庆市渝中区人民政府 -> 重庆市人民政府 [administrative, primary]" in chain.stdout
    assert "渝中区市容环境卫生主管部门 -> 重庆市市容环境卫生主管部门 [professional]" in chain.stdout


def test_json_output(db: Path) -> None:
    done = run("ask", "responders", "110107001", "占道经营", "--json", db=db)
    data = json.loads(done.stdout)
    delegate = next(r for r in data["responders"] if r["body"]["id"] == "enf:110107001")
    assert delegate["reasons"][0]["delegated"] is True
    assert delegate["reasons"][0]["duty"]["quote"].startswith("违反第一款规定的，责令改正，没收违法所得和非法财物")


def test_bad_argument_exit_code(db: Path) -> None:
    done = run("ask", "responsible", "999", "养犬登记", db=db)
    assert done.returncode == 2
    assert "error: place: no area code with this id or name (got '999')" in done.stderr


def test_bad_options_name_the_argument_and_leave_no_partial_file(tmp_path: Path, db: Path) -> None:
    """An export to a path that cannot be written, a port out of range and an unknown urgency are one-line errors
    naming the argument (exit 2), no traceback; a failed export leaves nothing behind it."""
    target = tmp_path / "missing" / "graph.graphml"
    done = run("export", "--root", "st:110105001", "--depth", "1", "-o", str(target), db=db)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert f"error: --out: cannot be written: No such file or directory (got '{target}')" in done.stderr
    assert not target.parent.exists()
    done = run("serve", "--port", "99999", db=db)
    assert done.returncode == 2 and "argument --port: a port is 1 to 65535 (got 99999)" in done.stderr
    done = run("ask", "responders", "110105001", "噪音", "--urgency", "panic", db=db)
    assert done.returncode == 2 and "(choose from 'routine', 'urgent', 'emergency')" in done.stderr
    written = tmp_path / "graph.graphml"
    assert run("export", "--root", "st:110105001", "--depth", "1", "-o", str(written), db=db).returncode == 0
    assert written.read_text(encoding="utf-8").startswith("<?xml") and [p.name for p in tmp_path.iterdir()] == [
        "graph.graphml"
    ]


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


def test_ask_subordinates_prints_a_tree_with_both_superiors_and_notes(db: Path) -> None:
    done = run("ask", "subordinates", "gov:110107", "--depth", "2", db=db)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    unit = "八宝山街道综合执法指挥中心·公安（常驻）"
    superiors = []
    for i, line in enumerate(lines):
        if unit in line:
            assert line.startswith("    "), "a unit two levels down is indented under its superior"
            superiors.append(next(up for up in reversed(lines[:i]) if not up.startswith("    ")))
    assert [s.split(" (")[0].strip() for s in superiors] == ["北京市公安局石景山分局", "八宝山街道办事处"]
    none = run("ask", "subordinates", "gov:110107", "--line", "professional", db=db)
    assert none.stdout.splitlines()[-1] == (
        "note: no one reports to 北京市石景山区人民政府 on the professional line; 38 report to it on the administrative line"
    )


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


def test_extract_reads_a_second_citys_text_with_its_own_bodies(tmp_path: Path) -> None:
    """`--data data/chongqing`: the city's code and its own competent department (市容环境卫生主管部门, a
    department Beijing's texts do not name), not the bundled stem 卫生 (health) that the phrase contains."""
    text = BUNDLED / "chongqing/regulations/more/重庆市市容环境卫生管理条例(2018-07-26).md"
    chongqing = ["extract", str(text), "--data", str(BUNDLED / "chongqing")]
    rows = list(csv.DictReader(io.StringIO(run(*chongqing, db=tmp_path / "unused.sqlite").stdout)))
    fifth = {(r["clause"], r["holder_kind"], r["role"]) for r in rows if r["article"] == "第五条"}
    assert {("第一款", "dept:市容环境卫生", "lead"), ("第二款", "dept:市容环境卫生", "lead")} <= fifth
    assert rows[0]["id"].startswith("cqsr2018-a") and rows[0]["domain"] == "市容环境卫生管理"
    bundled_only = list(csv.DictReader(io.StringIO(run("extract", str(text), db=tmp_path / "unused.sqlite").stdout)))
    assert ("第一款", "dept:卫生", "lead") in {  # what the city's own phrases correct
        (r["clause"], r["holder_kind"], r["role"]) for r in bundled_only if r["article"] == "第五条"
    }


def test_extract_names_the_argument_at_fault(tmp_path: Path) -> None:
    """A missing file, a text not in the bundled layout, undecodable bytes or a folder that is no dataset: a one-line
    error naming the argument, exit status 2, never a traceback."""
    (tmp_path / "notes.md").write_text("# 会议纪要\n\n没有条文。\n", encoding="utf-8")
    (tmp_path / "bytes.md").write_bytes(b"\xff\xfe\x00")
    text = str(BUNDLED / "regulations/more/北京市燃气管理条例(2020-09-25).md")
    cases = [
        (["extract", str(tmp_path / "absent.md")], "text: cannot be read"),
        (["extract", str(tmp_path / "notes.md")], "text: not a regulation in the bundled layout"),
        (["extract", str(tmp_path / "bytes.md")], "text: cannot be read"),
        (["extract", text, "--data", str(tmp_path)], "--data: not a dataset folder"),
    ]
    for args, message in cases:
        done = run(*args, db=tmp_path / "unused.sqlite")
        assert done.returncode == 2 and done.stdout == "", (args, done.stderr)
        assert done.stderr.startswith(f"error: {message}") and "Traceback" not in done.stderr, done.stderr


def test_extract_diff_against_the_loaded_rows(db: Path) -> None:
    """`--diff` on a hand-read text: what the reader adds (+) or lacks (-) against the loaded rows."""
    text = BUNDLED / "regulations/北京市控制吸烟条例(2021-09-24).md"
    done = run("extract", "--diff", str(text), db=db)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("北京市控制吸烟条例 (控制吸烟):")
    assert "- 第十一条 第二款 premises_manager duty_bearer  kzxy2021-a11-1" in lines
    assert lines[-1].startswith("= ") and int(lines[-1].split()[1]) >= 30


def test_token_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str], db: Path) -> None:
    """`token issue|list|revoke`, and `token NAME …` (the usage from before list and revoke) still issuing."""
    ledger = ["--db", str(db), "token"]
    where = ["--ledger", str(tmp_path / "w.sqlite")]
    assert cli([*ledger, "babaoshan-op", "--role", "street", "--body", "st:110107001", *where]) == 0  # as before
    old_usage = capsys.readouterr().out.strip()
    assert cli([*ledger, "issue", "ops", "--role", "admin", "--days", "7", *where]) == 0
    issued = capsys.readouterr().out.strip()
    assert old_usage.startswith("wg_") and issued.startswith("wg_") and old_usage != issued
    assert cli([*ledger, "revoke", "babaoshan-op", *where]) == 0
    assert capsys.readouterr().out.startswith("revoked babaoshan-op (street) at ")
    assert cli([*ledger, "list", *where]) == 0
    rows = {line.split()[0]: line.split() for line in capsys.readouterr().out.splitlines()[1:]}
    assert rows["babaoshan-op"][1:4] == ["street", "st:110107001", "revoked"]
    assert rows["ops"][1:4] == ["admin", "-", "active"]
    assert cli([*ledger, "revoke", "nobody", *where]) == 2
    assert "no principal with this name" in capsys.readouterr().err
    assert cli([*ledger, "issue", "x", "--role", "viewer", "--days", "0", *where]) == 2
    assert "days" in capsys.readouterr().err


def test_output_cut_short_by_its_reader_is_no_traceback() -> None:
    """`whistlegraph rules | head`: a reader that closes the pipe (here before anything is written, so the write
    always fails) stops the command quietly, exit status 0."""
    done = subprocess.run(
        ["bash", "-o", "pipefail", "-c", f"{sys.executable} -m api.cli rules | true"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (done.returncode, done.stderr) == (0, "")


@pytest.mark.parametrize(
    "args",
    [["ask", "responders", "110105", b"\xff\xe9\x81\x9b\xe7\x8b\x97"], ["token", b"\xffops", "--role", "admin"]],
)
def test_an_argument_that_is_not_valid_text_is_named_not_a_traceback(db: Path, args: list[str | bytes]) -> None:
    """A byte that is not UTF-8 on the command line reaches Python as half a surrogate pair, which no store or converter
    can take: the argument is refused by its place, with exit code 2, before anything is opened or written."""
    cmd = [sys.executable, "-m", "api.cli", "--db", str(db), *args]
    done = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=300)
    assert done.returncode == 2, done.stderr
    place = 3 + next(i for i, arg in enumerate(args) if isinstance(arg, bytes))  # after --db PATH
    assert f"whistlegraph: error: argument {place} (" in done.stderr
    assert "): not valid text: an unpaired surrogate (U+DCFF) at character 1" in done.stderr
    assert "Traceback" not in done.stderr
