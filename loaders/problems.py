"""What a refused load reports: every problem, each located by file, line and field."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, located as precisely as the input allows."""

    file: str
    line: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "")
        what = f" field {self.field!r}:" if self.field else ""
        return f"{where}:{what} {self.message}"


class LoadFailed(Exception):
    """A load was refused; nothing was written. Carries every problem found."""

    MAX_SHOWN = 20

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        shown = "\n".join(f"  {p}" for p in problems[: self.MAX_SHOWN])
        more = len(problems) - self.MAX_SHOWN
        tail = f"\n  ... and {more} more" if more > 0 else ""
        super().__init__(f"load refused, nothing was written ({len(problems)} problem(s)):\n{shown}{tail}")
