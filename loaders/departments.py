"""Reader for the municipal departments register and the 2017→current name mapping."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from graph.model import Provenance
from graph.vocabulary import AreaLevel, BodyKind, Label, ProvenanceKind
from loaders.collect import Collector
from loaders.jurisdiction import Declaration
from loaders.source import read_csv, split_list

_ID = re.compile(r"^[a-z][a-z0-9-]*$")


@dataclass(frozen=True)
class Department:
    id: str
    name: str
    category: str  # 组成部门, 直属机构 ... as the register gives it
    current: bool
    successor_of: tuple[str, ...] = ()  # the short names of the bodies it was formed from, as the register gives
    short_name: str = ""

    @property
    def party_organ(self) -> bool:
        """Party organs (市委…) are not under the municipal government's administrative line."""
        return self.category.startswith("市委")


@dataclass(frozen=True)
class Successor:
    """A 2017 short name and the current bodies that took over its functions."""

    short_name: str
    full_name: str
    current_ids: tuple[str, ...]
    relation: str
    ref: str


def read_departments(root: Path, decl: Declaration, out: Collector) -> dict[str, Department]:
    """The municipal departments register the dataset declares (none: the city has only derived bodies)."""
    display = decl.file("departments")
    found: dict[str, Department] = {}
    if display is None:
        return found
    for row in read_csv(root / display, display, ("id", "name", "kind", "status")):
        id_ = row["id"]
        if not _ID.match(id_):
            out.problems.append(row.problem("id", f"malformed department id {id_!r}"))
            continue
        formed_from = tuple(split_list(row["successor_of"]))
        dept = Department(
            id_, row["name"], row["kind"], row["status"].startswith("current"), formed_from, row["short_name"]
        )
        node = out.node(
            id_,
            Label.BODY,
            Provenance(ProvenanceKind.OFFICIAL, row.ref, evidence=row["source_url"]),
            row,
            name=dept.name,
            short_name=row["short_name"],
            kind=BodyKind.MUNICIPAL_DEPARTMENT,
            level=AreaLevel.CITY,
            category=dept.category,
            status=row["status"],
            current=dept.current,
            kind_basis=row["kind_basis"],
            successor_of=list(formed_from),
            notes=row["notes"],
        )
        if node:
            found[id_] = dept
    return found


def read_successors(
    root: Path, decl: Declaration, out: Collector, departments: dict[str, Department]
) -> dict[str, Successor]:
    """Old department names and the current bodies that took them over, where the dataset declares a history."""
    display = decl.file("department_history")
    found: dict[str, Successor] = {}
    if display is None:
        return found
    for row in read_csv(root / display, display, ("short_name_2017", "full_name_2017", "current_ids", "relation")):
        ids = tuple(split_list(row["current_ids"]))
        unknown = [i for i in ids if i not in departments]
        if not ids or unknown:
            out.problems.append(row.problem("current_ids", f"unknown department id(s) {unknown or ids}"))
            continue
        found[row["short_name_2017"]] = Successor(
            row["short_name_2017"], row["full_name_2017"], ids, row["relation"], row.ref
        )
    return found
