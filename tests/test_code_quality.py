"""ruff and mypy are part of the test run, so a lint, formatting or type slip fails CI like any other defect."""

import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def tool(name: str) -> str:
    """The tool installed beside this interpreter (the project's venv), else on PATH; fails loudly if absent."""
    found = Path(sys.executable).with_name(name)
    assert found.exists() or shutil.which(name), f"{name} is not installed: run ./dev setup"
    return str(found) if found.exists() else str(shutil.which(name))


def test_ruff_check() -> None:
    done = subprocess.run([tool("ruff"), "check", "."], cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_ruff_format() -> None:
    done = subprocess.run([tool("ruff"), "format", "--check", "."], cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy() -> None:
    """The packages and strictness pyproject.toml's [tool.mypy] names; strict on graph/ and loaders/."""
    done = subprocess.run([tool("mypy")], cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Success: no issues found" in done.stdout, done.stdout
