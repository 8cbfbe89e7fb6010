"""Reader for the jurisdiction tree: the level files a dataset declares, each row placed under its parent by code.

Codes are NBS statistical codes (6 digits down to county level, 9 for streets and towns, 12 for communities and
villages). Every row is checked for its form, its parent's prefix, a parent that exists, a kind its level allows and
a name no sibling has; a parent is always found by code, never by name (two 通州区 exist: 110112 and 320612).
Values themselves (control characters, empty names, encodings) are checked by loaders/source.read_csv.
"""

from __future__ import annotations

from pathlib import Path

from graph.model import Provenance
from graph.vocabulary import LEVEL_AREA_KINDS, AreaLevel, EdgeType, Label, ProvenanceKind
from loaders.collect import Collector
from loaders.jurisdiction import DECLARATION, Declaration, DivisionFile
from loaders.source import LoadFailed, Problem, Row, read_csv

DIGITS = {
    AreaLevel.PROVINCE: 6,
    AreaLevel.CITY: 6,
    AreaLevel.DISTRICT: 6,
    AreaLevel.STREET: 9,
    AreaLevel.COMMUNITY: 12,
}


def prefix(code: str) -> str:
    """The digits a child's code starts with: 110000 -> 11, 320600 -> 3206, 110101001 -> itself."""
    if len(code) == 6:
        while code.endswith("00") and len(code) > 2:
            code = code[:-2]
    return code


def read_areas(root: Path, decl: Declaration, out: Collector) -> None:
    """Areas and the PART_OF tree, level by level in the declared order."""
    levels: dict[str, AreaLevel] = {}  # code -> level
    parents: dict[str, str] = {}
    if decl.code:
        assert decl.level is not None and decl.kind is not None
        prov = Provenance(ProvenanceKind.OFFICIAL, DECLARATION, evidence=decl.source)
        out.node(decl.code, Label.AREA, prov, code=decl.code, name=decl.name, level=decl.level, kind=decl.kind)
        levels[decl.code] = decl.level
    above = decl.level
    for division in decl.divisions:
        try:
            _read_level(root, division, above, decl.code, levels, parents, out)
        except LoadFailed as err:  # a file refused: report it, and read no level below (no knock-on of its rows)
            out.problems.extend(err.problems)
            break
        above = division.level


def _read_level(
    root: Path,
    division: DivisionFile,
    above: AreaLevel | None,
    top: str,
    levels: dict[str, AreaLevel],
    parents: dict[str, str],
    out: Collector,
) -> None:
    level, display = division.level, division.file
    required = ["code", "name"] + ([division.parent_column] if division.parent_column else [])
    if division.default_kind is None:
        required.append("kind")
    rows = read_csv(root / display, display, tuple(required))
    siblings: dict[tuple[str, str], Row] = {}  # (parent, name) -> the first row of that name
    for row in rows:
        parent = (row[division.parent_column] if division.parent_column else "") or top  # empty: the top
        kind = row["kind"] or division.default_kind or ""
        problems = _check(row, division, parent, kind, above, levels)
        extra: dict[str, str] = {}
        for column, value in row.values.items():
            if column in ("code", "name", "kind", division.parent_column):
                continue
            if column.endswith("_code") and column != "nbs_code_class":  # a further ancestor, named by code
                ancestors = _ancestors(parent, parents)
                if value and value not in ancestors and parent in levels:
                    actual = next((a for a in ancestors if len(a) == len(value)), "none")
                    problems.append(row.problem(column, f"{value!r} but {levels[parent]} {parent!r} is in {actual!r}"))
                continue
            extra[column] = value
        code = row["code"]
        twin = siblings.setdefault((parent, row["name"]), row) if not problems else row
        if twin is not row and not out.has(code):  # a repeated code is reported as a duplicate id instead
            problems.append(
                row.problem(
                    "name", f"duplicate name {row['name']!r} under {parent!r} (also {twin['code']} at {twin.where})"
                )
            )
        if problems:
            out.problems.extend(problems)
            continue
        prov = row.official()
        node = out.node(code, Label.AREA, prov, row, code=code, name=row["name"], level=level, kind=kind, **extra)
        if node is None:
            continue
        levels[code] = level
        if parent:
            parents[code] = parent
            out.edge(code, EdgeType.PART_OF, parent, prov)


def _check(
    row: Row, division: DivisionFile, parent: str, kind: str, above: AreaLevel | None, levels: dict[str, AreaLevel]
) -> list[Problem]:
    level, code = division.level, row["code"]
    digits = DIGITS[level]
    parent_level = levels.get(parent, above)
    problems = []
    if not (code.isdigit() and len(code) == digits):
        problems.append(row.problem("code", f"malformed {level} code {code!r} (want {digits} digits)"))
    elif parent and not code.startswith(prefix(parent)):
        problems.append(row.problem("code", f"{level} code {code!r} does not start with its {parent_level} {parent!r}"))
    if parent and parent not in levels:
        field = division.parent_column or None
        problems.append(row.problem(field, f"dangling parent: no {parent_level} {parent!r}"))
    if kind not in LEVEL_AREA_KINDS[level]:
        want = ", ".join(LEVEL_AREA_KINDS[level])
        problems.append(row.problem("kind", f"unknown kind {kind!r} for a {level} (want one of {want})"))
    return problems


def _ancestors(code: str, parents: dict[str, str]) -> list[str]:
    found = []
    while code:
        found.append(code)
        code = parents.get(code, "")
    return found
