"""Reader for NBS statistical division codes: districts, streets/townships, communities/villages."""

from __future__ import annotations

import re
from pathlib import Path

from graph.model import AREA, PART_OF, Provenance
from loaders.collect import Collector
from loaders.source import Problem, read_csv

# NBS province-level codes this product knows the name of (2-digit prefix + "0000").
PROVINCES = {"11": "北京市"}

STREET_KINDS = ("street", "area", "town", "township", "special_zone")
COMMUNITY_KINDS = ("community", "village", "community_like", "village_like")

_DISTRICT = re.compile(r"^\d{6}$")
_STREET = re.compile(r"^\d{9}$")
_COMMUNITY = re.compile(r"^\d{12}$")

CITY_RULE = "city-from-code-prefix"


def read_divisions(root: Path, out: Collector) -> None:
    """Areas and the PART_OF tree; every code is checked for form and for its parent."""
    districts = _read_districts(root, out)
    streets = _read_streets(root, out, districts)
    _read_communities(root, out, streets)


def _read_districts(root: Path, out: Collector) -> dict[str, str]:
    display = "divisions/beijing_districts.csv"
    districts: dict[str, str] = {}
    for row in read_csv(root / display, display, ("code", "name")):
        code, name = row["code"], row["name"]
        if not _DISTRICT.match(code):
            out.problems.append(row.problem("code", f"malformed district code {code!r} (want 6 digits)"))
            continue
        province = code[:2]
        if province not in PROVINCES:
            out.problems.append(row.problem("code", f"unknown province prefix {province!r} in {code!r}"))
            continue
        city = province + "0000"
        if not out.has(city):
            out.node(
                city,
                AREA,
                Provenance("derived", display, rule=CITY_RULE),
                code=city,
                name=PROVINCES[province],
                level="city",
                kind="city",
            )
        if out.node(code, AREA, row.official(), row, code=code, name=name, level="district", kind="district"):
            out.edge(code, PART_OF, city, row.official())
            districts[code] = name
    return districts


def _read_streets(root: Path, out: Collector, districts: dict[str, str]) -> dict[str, str]:
    display = "divisions/beijing_streets.csv"
    streets: dict[str, str] = {}
    for row in read_csv(root / display, display, ("code", "name", "district_code", "kind")):
        code, parent, kind = row["code"], row["district_code"], row["kind"]
        problems = []
        if not _STREET.match(code):
            problems.append(row.problem("code", f"malformed street code {code!r} (want 9 digits)"))
        elif not code.startswith(parent):
            problems.append(row.problem("code", f"street code {code!r} does not start with its district {parent!r}"))
        if parent not in districts:
            problems.append(row.problem("district_code", f"dangling parent: no district {parent!r}"))
        if kind not in STREET_KINDS:
            problems.append(row.problem("kind", f"unknown kind {kind!r} (want one of {', '.join(STREET_KINDS)})"))
        if problems:
            out.problems.extend(problems)
            continue
        node = out.node(
            code,
            AREA,
            row.official(),
            row,
            code=code,
            name=row["name"],
            level="street",
            kind=kind,
            nbs_code_class=row["nbs_code_class"],
        )
        if node:
            out.edge(code, PART_OF, parent, row.official())
            streets[code] = parent
    return streets


def _read_communities(root: Path, out: Collector, streets: dict[str, str]) -> None:
    display = "divisions/beijing_communities.csv"
    columns = ("code", "name", "street_code", "district_code", "kind")
    for row in read_csv(root / display, display, columns):
        code, parent, kind = row["code"], row["street_code"], row["kind"]
        problems: list[Problem] = []
        if not _COMMUNITY.match(code):
            problems.append(row.problem("code", f"malformed community code {code!r} (want 12 digits)"))
        elif not code.startswith(parent):
            problems.append(row.problem("code", f"community code {code!r} does not start with its street {parent!r}"))
        if parent not in streets:
            problems.append(row.problem("street_code", f"dangling parent: no street {parent!r}"))
        elif streets[parent] != row["district_code"]:
            problems.append(
                row.problem(
                    "district_code", f"{row['district_code']!r} but street {parent!r} is in {streets[parent]!r}"
                )
            )
        if kind not in COMMUNITY_KINDS:
            problems.append(row.problem("kind", f"unknown kind {kind!r} (want one of {', '.join(COMMUNITY_KINDS)})"))
        if problems:
            out.problems.extend(problems)
            continue
        node = out.node(
            code,
            AREA,
            row.official(),
            row,
            code=code,
            name=row["name"],
            level="community",
            kind=kind,
            name_kind=row["name_kind"],
            urban_rural_code_2016=row["urban_rural_code_2016"],
        )
        if node:
            out.edge(code, PART_OF, parent, row.official())
