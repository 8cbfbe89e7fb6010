"""ruff is part of the test run, so a lint or formatting slip fails CI like any other defect."""

import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def ruff() -> str:
    found = Path(sys.executable).with_name("ruff")
    assert found.exists() or shutil.which("ruff"), "ruff is not installed: run ./dev setup"
    return str(found) if found.exists() else str(shutil.which("ruff"))


def test_ruff_check() -> None:
    done = subprocess.run([ruff(), "check", "."], cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_ruff_format() -> None:
    done = subprocess.run([ruff(), "format", "--check", "."], cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
