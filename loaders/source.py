"""Reading official CSV lists with errors that name the file, the line and the field."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from graph.model import Provenance
from graph.vocabulary import ProvenanceKind
from loaders.files import MAX_FIELD_CHARS, read_text
from loaders.problems import LoadFailed, Problem

__all__ = ["LoadFailed", "Problem", "Row", "read_csv", "split_list"]


@dataclass(frozen=True)
class Row:
    """A CSV row with where it came from: its line (for problems) and its key (for provenance)."""

    file: str
    line: int
    values: dict[str, str]
    key: str = ""

    def __getitem__(self, key: str) -> str:
        return self.values.get(key, "").strip()

    def problem(self, field: str | None, message: str) -> Problem:
        return Problem(self.file, self.line, field, message)

    @property
    def where(self) -> str:
        """File and line: where to look when the row is wrong."""
        return f"{self.file}:{self.line}"

    @property
    def ref(self) -> str:
        """File and key: what a record cites as its source, so moving a row elsewhere in its file changes nothing."""
        return f"{self.file}#{self.key}"

    def official(self, source: str | None = None) -> Provenance:
        return Provenance(ProvenanceKind.OFFICIAL, source or self.ref, evidence=self.ref if source else "")


# Control characters have no place in a list's values; tab and line breaks are allowed in long text only.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CONTROL_OR_BREAK = re.compile(r"[\x00-\x1f\x7f]")
# Besides the key, the columns that must be non-empty, single-line text wherever they appear.
_NAMES = ("name",)
# The stated field limit: the csv module refuses a longer field, and read_csv reports it with its line.
csv.field_size_limit(MAX_FIELD_CHARS)


def _unterminated_quote(text: str) -> int | None:
    """The line of a quote that opens a field and is never closed (else None): named instead of its knock-on."""
    if text.count('"') % 2 == 0:
        return None
    opened, inside = 0, False
    for m in re.finditer('"', text):
        inside = not inside
        if inside:
            opened = m.start()
    return text.count("\n", 0, opened) + 1


def check_values(display: str, line: int, values: dict[str, str], strict: tuple[str, ...]) -> list[Problem]:
    """Control characters anywhere (line breaks too in the `strict` columns), and empty `strict` values."""
    problems = []
    for field, value in values.items():
        bad = (_CONTROL_OR_BREAK if field in strict else _CONTROL).search(value)
        if bad:
            problems.append(
                Problem(display, line, field, f"control character U+{ord(bad.group()):04X} in the value; refused")
            )
    problems += [Problem(display, line, f, "empty value; refused") for f in strict if not values.get(f, "").strip()]
    return problems


def read_csv(path: Path, display: str, required: tuple[str, ...], key: tuple[str, ...] = ()) -> Iterator[Row]:
    """Rows of a CSV list with a header; missing columns are refused before any row is read.

    `key` names the columns that identify a row (default: the first required column). Rows with a
    wrong field count, a control character, or an empty key or name are refused, all of them at once
    at the end of the file, so the reader sees no knock-on of a bad row.
    """
    text = read_text(path, display)
    line = _unterminated_quote(text)
    if line is not None:
        raise LoadFailed(
            [Problem(display, line, None, "unterminated quote: this line opens a quoted field never closed")]
        )
    key = key or required[:1]
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        header = reader.fieldnames or []
    except csv.Error as err:
        raise LoadFailed([Problem(display, 1, None, f"unreadable header: {err}")]) from None
    missing = [c for c in required if c not in header]
    if missing:
        raise LoadFailed([Problem(display, 1, None, f"missing column(s) {', '.join(missing)}; header is {header}")])
    strict = tuple(dict.fromkeys(key + tuple(c for c in _NAMES if c in header)))
    problems: list[Problem] = []
    end_of_previous = reader.line_num  # the header's last line
    while True:
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as err:
            raise LoadFailed([Problem(display, end_of_previous + 1, None, _csv_message(err))]) from None
        # A quoted field may span lines: cite the line the row starts on.
        start = end_of_previous + 1
        end_of_previous = reader.line_num
        extra = values.pop(None, None)
        if extra is not None or None in values.values():
            count = len(header) + len(extra) if extra is not None else sum(v is not None for v in values.values())
            problems.append(Problem(display, start, None, f"{count} field(s) but the header has {len(header)}"))
            continue
        row_problems = check_values(display, start, values, strict)
        if row_problems:
            problems += row_problems
            continue
        yield Row(display, start, values, "/".join(values[k].strip() for k in key))
    if problems:
        raise LoadFailed(problems)


def _csv_message(err: csv.Error) -> str:
    if "field larger than field limit" in str(err):
        return f"a field longer than {MAX_FIELD_CHARS:,} characters (the stated limit)"
    return f"not readable as CSV: {err}"


def split_list(value: str, sep: str = ";") -> list[str]:
    return [v.strip() for v in value.split(sep) if v.strip()]
