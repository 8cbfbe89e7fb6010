"""Reading official CSV lists with errors that name the file, the line and the field."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from graph.model import Provenance
from graph.vocabulary import ProvenanceKind


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


@dataclass(frozen=True)
class Row:
    """A CSV row with where it came from."""

    file: str
    line: int
    values: dict[str, str]

    def __getitem__(self, key: str) -> str:
        return self.values.get(key, "").strip()

    def problem(self, field: str | None, message: str) -> Problem:
        return Problem(self.file, self.line, field, message)

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"

    def official(self, source: str | None = None) -> Provenance:
        return Provenance(ProvenanceKind.OFFICIAL, source or self.where, evidence=self.where if source else "")


def decode(path: Path, display: str) -> str:
    """The file's text; wrong encoding is reported with the line of the first bad byte."""
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        raise LoadFailed([Problem(display, 1, None, "starts with a UTF-8 byte-order mark; save as UTF-8 without BOM")])
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise LoadFailed(
            [Problem(display, line, None, f"not valid UTF-8 (byte 0x{data[err.start]:02x} at offset {err.start})")]
        ) from None


def read_csv(path: Path, display: str, required: tuple[str, ...]) -> Iterator[Row]:
    """Rows of a UTF-8 CSV with a header; missing columns are refused before any row is read."""
    text = decode(path, display)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    missing = [c for c in required if c not in header]
    if missing:
        raise LoadFailed([Problem(display, 1, None, f"missing column(s) {', '.join(missing)}; header is {header}")])
    end_of_previous = reader.line_num  # the header's last line
    for values in reader:
        # A quoted field may span lines: cite the line the row starts on.
        start = end_of_previous + 1
        end_of_previous = reader.line_num
        yield Row(display, start, {k: (v or "") for k, v in values.items() if k is not None})


def split_list(value: str, sep: str = ";") -> list[str]:
    return [v.strip() for v in value.split(sep) if v.strip()]
