"""The small reviewed tables the matcher reads (the colloquial lexicon, the situations): rows with their line, so a
malformed one is refused with its file and line, never a KeyError."""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from pathlib import Path


def table_rows(path: Path, columns: Sequence[str]) -> Iterator[tuple[str, dict[str, str]]]:
    """Each row as ("file:line", row), after checking the header names `columns` and the row has as many fields."""
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        missing = [c for c in columns if c not in (reader.fieldnames or ())]
        if missing:
            raise ValueError(f"{path.name}:1: the header lacks {', '.join(missing)}")
        for line, row in enumerate(reader, start=2):
            where = f"{path.name}:{line}"
            if None in row:
                raise ValueError(f"{where}: more fields than the header names (quote a field with a comma)")
            if None in row.values():
                raise ValueError(f"{where}: fewer fields than the header names")
            yield where, row
