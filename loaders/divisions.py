"""Reader for NBS statistical division codes: districts, streets/townships, communities/villages."""

from __future__ import annotations

import re
from pathlib import Path

from graph.model import Provenance
from graph.vocabulary import (
    COMMUNITY_AREA_KINDS,
    STREET_AREA_KINDS,
    AreaKind,
    AreaLevel,
    EdgeType,
    Label,
    ProvenanceKind,
)
from loaders.collect import Collector
from loaders.source import Problem, Row, read_csv

# NBS province-level codes this product knows the name of (2-digit prefix + "0000").
PROVINCES = {"11": "北京市"}

_DISTRICT = re.compile(r"^\d{6}$")

CITY_RULE = "city-from-code-prefix"


def read_divisions(root: Path, out: Collector) -> None:
    """Areas and the PART_OF tree; every code is checked for form and for its parent."""
    districts = _read_districts(root, out)
    streets = _read_streets(root, out, districts)
    _read_communities(root, out, streets)


def _read_districts(root: Path, out: Collector) -> dict[str, str]:
    display = "divisions/beijing_districts.csv"
    districts: dict[str, str] = {}
    names: set[str] = set()
    for row in read_csv(root / display, display, ("code", "name")):
        code, name = row["code"], row["name"]
        if not _DISTRICT.match(code):
            out.problems.append(row.problem("code", f"malformed district code {code!r} (want 6 digits)"))
            continue
        if name in names and not out.has(code):  # a repeated id is reported as such below
            out.problems.append(row.problem("name", f"duplicate district name {name!r}"))
            continue
        names.add(name)
        province = code[:2]
        if province not in PROVINCES:
            out.problems.append(row.problem("code", f"unknown province prefix {province!r} in {code!r}"))
            continue
        city = province + "0000"
        if not out.has(city):
            out.node(
                city,
                Label.AREA,
                Provenance(ProvenanceKind.DERIVED, display, rule=CITY_RULE),
                code=city,
                name=PROVINCES[province],
                level=AreaLevel.CITY,
                kind=AreaKind.CITY,
            )
        if out.node(
            code,
            Label.AREA,
            row.official(),
            row,
            code=code,
            name=name,
            level=AreaLevel.DISTRICT,
            kind=AreaKind.DISTRICT,
        ):
            out.edge(code, EdgeType.PART_OF, city, row.official())
            districts[code] = name
    return districts


def _check_child(
    row: Row, level: AreaLevel, digits: int, parent_field: str, parents: dict[str, str], kinds: tuple[AreaKind, ...]
) -> list[Problem]:
    """Code form, the parent's prefix, a parent that exists, a known kind: the same checks at every level."""
    code, parent, kind = row["code"], row[parent_field], row["kind"]
    parent_level = AreaLevel.DISTRICT if level == AreaLevel.STREET else AreaLevel.STREET
    problems = []
    if not (code.isdigit() and len(code) == digits):
        problems.append(row.problem("code", f"malformed {level} code {code!r} (want {digits} digits)"))
    elif not code.startswith(parent):
        problems.append(row.problem("code", f"{level} code {code!r} does not start with its {parent_level} {parent!r}"))
    if parent not in parents:
        problems.append(row.problem(parent_field, f"dangling parent: no {parent_level} {parent!r}"))
    if kind not in kinds:
        problems.append(row.problem("kind", f"unknown kind {kind!r} (want one of {', '.join(kinds)})"))
    return problems


def _add_area(
    out: Collector, row: Row, parent: str, level: AreaLevel, names: dict[tuple[str, str], Row], **props: str
) -> bool:
    """One area and its PART_OF edge; a second area of the same name under one parent is refused."""
    code = row["code"]
    twin = names.setdefault((parent, row["name"]), row)
    if twin is not row:
        out.problems.append(
            row.problem(
                "name", f"duplicate name {row['name']!r} under {parent!r} (also {twin['code']} at {twin.where})"
            )
        )
        return False
    node = out.node(
        code, Label.AREA, row.official(), row, code=code, name=row["name"], level=level, kind=row["kind"], **props
    )
    if node:
        out.edge(code, EdgeType.PART_OF, parent, row.official())
    return node is not None


def _read_streets(root: Path, out: Collector, districts: dict[str, str]) -> dict[str, str]:
    display = "divisions/beijing_streets.csv"
    streets: dict[str, str] = {}
    names: dict[tuple[str, str], Row] = {}
    for row in read_csv(root / display, display, ("code", "name", "district_code", "kind")):
        problems = _check_child(row, AreaLevel.STREET, 9, "district_code", districts, STREET_AREA_KINDS)
        if problems:
            out.problems.extend(problems)
        elif _add_area(out, row, row["district_code"], AreaLevel.STREET, names, nbs_code_class=row["nbs_code_class"]):
            streets[row["code"]] = row["district_code"]
    return streets


def _read_communities(root: Path, out: Collector, streets: dict[str, str]) -> None:
    display = "divisions/beijing_communities.csv"
    columns = ("code", "name", "street_code", "district_code", "kind")
    names: dict[tuple[str, str], Row] = {}
    for row in read_csv(root / display, display, columns):
        parent = row["street_code"]
        problems = _check_child(row, AreaLevel.COMMUNITY, 12, "street_code", streets, COMMUNITY_AREA_KINDS)
        if parent in streets and streets[parent] != row["district_code"]:
            problems.append(
                row.problem(
                    "district_code", f"{row['district_code']!r} but street {parent!r} is in {streets[parent]!r}"
                )
            )
        if problems:
            out.problems.extend(problems)
            continue
        _add_area(
            out,
            row,
            parent,
            AreaLevel.COMMUNITY,
            names,
            name_kind=row["name_kind"],
            urban_rural_code_2016=row["urban_rural_code_2016"],
        )
