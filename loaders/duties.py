"""Readers for the duty lists: holder kinds, the regulations index, and the clause-by-clause duties."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from graph.model import Provenance
from graph.vocabulary import BodyKind, EdgeType, HolderLevel, Label, ProvenanceKind, Role, is_value, one_of
from loaders.collect import Collector
from loaders.jurisdiction import DeclaredRule
from loaders.source import read_csv, split_list
from loaders.xlsx import duty_list_rows

_DUTY_ID = re.compile(r"^([a-z0-9]+)-a\d+-\d+$")

# Roles and holder kinds are the analyst's reading of each clause (data/SOURCES.md).
ANALYST_RULE = "clause-reading"
# Rows the regulation reader extracted (loaders/extracted.py); each names its own rule.
EXTRACTED_DUTIES = "duties/extracted_duties.csv"
# Rows whose note says 京政发〔2020〕9号 moved the power down: the power may now sit with the street level.
DELEGATION_RULE = "delegation-2020"
DELEGATION_MARK = "京政发〔2020〕9号 moved"
DELEGATION_TO = (BodyKind.STREET_OFFICE, BodyKind.TOWNSHIP_GOVERNMENT)


@dataclass(frozen=True)
class HolderKind:
    id: str
    name: str
    levels: tuple[HolderLevel, ...]
    municipal_body_id: str
    district_name_pattern: str
    notes: str
    order: int


def read_holder_kinds(root: Path, out: Collector) -> dict[str, HolderKind]:
    display = "duties/holder_kinds.csv"
    kinds: dict[str, HolderKind] = {}
    columns = ("holder_kind", "name_zh", "levels", "municipal_body_id", "district_name_pattern", "notes")
    for i, row in enumerate(read_csv(root / display, display, columns)):
        given = split_list(row["levels"])
        bad = [lv for lv in given if not is_value(HolderLevel, lv)]
        levels = tuple(HolderLevel(lv) for lv in given if not bad)
        if not row["holder_kind"]:
            out.problems.append(row.problem("holder_kind", "empty holder kind"))
            continue
        if not levels or bad:
            out.problems.append(row.problem("levels", f"unknown level(s) {bad or given} ({one_of(HolderLevel)})"))
            continue
        kind = HolderKind(
            row["holder_kind"],
            row["name_zh"],
            levels,
            row["municipal_body_id"],
            row["district_name_pattern"],
            row["notes"],
            i,
        )
        prov = Provenance(ProvenanceKind.DERIVED, row.ref, rule=ANALYST_RULE)
        if out.node(
            kind.id,
            Label.HOLDER_KIND,
            prov,
            row,
            name=kind.name,
            levels=list(levels),
            municipal_body_id=kind.municipal_body_id,
            district_name_pattern=kind.district_name_pattern,
            notes=kind.notes,
        ):
            kinds[kind.id] = kind
    return kinds


@dataclass(frozen=True)
class Regulation:
    code: str
    title: str
    file: str
    valid_from: str
    territory: str  # the area code of the body that made the law; empty for a national law


# The `territory` column's word for a law of the state, binding everywhere.
NATIONAL = "national"


def read_regulations(root: Path, out: Collector, jurisdiction: str) -> dict[str, Regulation]:
    """The index of regulation texts, the date from which each quoted wording is the law's, and where it binds:
    the dataset's own jurisdiction unless the optional `territory` column says `national` or gives another code."""
    display = "rules/regulations.csv"
    regs: dict[str, Regulation] = {}
    for row in read_csv(root / display, display, ("code", "regulation", "file", "text_valid_from")):
        if not (root / row["file"]).is_file():
            out.problems.append(row.problem("file", f"no regulation text at {row['file']!r}"))
            continue
        territory = row["territory"] or jurisdiction
        if territory != NATIONAL and not (territory.isdigit() and len(territory) == 6):
            out.problems.append(row.problem("territory", f"{territory!r} (want a 6-digit area code or {NATIONAL})"))
            continue
        territory = "" if territory == NATIONAL else territory
        regs[row["code"]] = Regulation(row["code"], row["regulation"], row["file"], row["text_valid_from"], territory)
    return regs


def read_duties(
    root: Path,
    out: Collector,
    kinds: dict[str, HolderKind],
    regs: dict[str, Regulation],
    delegation: DeclaredRule | None,
    display: str = "duties/regulation_duties.csv",
    marks: Mapping[str, Mapping[str, str]] | None = None,
) -> None:
    """One Duty per row, RESPONSIBLE_FOR from its holder kind, DELEGATED_TO where the dataset declares the 2020
    delegation and the row's note says it moved the power; a duty some rule marks carries the properties the mark
    gives it (loaders/duty_marks.py).

    Also reads the regulation reader's rows (EXTRACTED_DUTIES): same columns, plus the rule that assigned the
    holder and the reader's version, which the RESPONSIBLE_FOR edge carries instead of the analyst's rule."""
    columns = ("id", "regulation", "article", "clause", "duty", "holder_kind", "holder_level", "role", "quote")
    for row in duty_list_rows(root, display, columns):
        id_, kind, role = row["id"], row["holder_kind"], row["role"]
        levels = split_list(row["holder_level"])
        match = _DUTY_ID.match(id_)
        problems = []
        if not match:
            problems.append(row.problem("id", f"malformed duty id {id_!r} (want <code>-a<article>-<n>)"))
        elif match.group(1) not in regs:
            problems.append(row.problem("id", f"unknown regulation code {match.group(1)!r} in {id_!r}"))
        if kind not in kinds:
            problems.append(row.problem("holder_kind", f"unknown holder kind {kind!r}"))
        unknown_co = [c.split(":")[0] for c in split_list(row["co_holders"]) if c.rsplit(":", 1)[0] not in kinds]
        if unknown_co:
            problems.append(row.problem("co_holders", f"unknown holder kind(s) {unknown_co}"))
        if not is_value(Role, role):
            problems.append(row.problem("role", f"unknown role {role!r} ({one_of(Role)})"))
        if not levels or not all(is_value(HolderLevel, lv) for lv in levels):
            problems.append(row.problem("holder_level", f"unknown level(s) {levels} ({one_of(HolderLevel)})"))
        if not row["quote"]:
            problems.append(row.problem("quote", "empty quote: every duty must cite its clause"))
        if problems:
            out.problems.extend(problems)
            continue
        assert match is not None
        reg = regs[match.group(1)]
        if row["regulation"] != reg.title:
            out.problems.append(row.problem("regulation", f"{row['regulation']!r} but {reg.code} is {reg.title!r}"))
            continue
        citation = f"《{reg.title}》{row['article']}{row['clause']}"
        node = out.node(
            id_,
            Label.DUTY,
            Provenance(ProvenanceKind.OFFICIAL, row.ref, evidence=f"{citation}; {reg.file}"),
            row,
            name=row["duty"],
            regulation=reg.title,
            regulation_code=reg.code,
            article=row["article"],
            clause=row["clause"],
            domain=row["domain"],
            whistle_subject=row["whistle_subject"],
            duty=row["duty"],
            holder_kind=kind,
            holder_level=levels,
            role=role,
            co_holders=split_list(row["co_holders"]),
            penalty=row["penalty"],
            quote=row["quote"],
            note=row["note"],
            valid_from=reg.valid_from,
            territory=reg.territory,
            **(marks or {}).get(id_, {}),
        )
        if node is None:
            continue
        analyst = Provenance(
            ProvenanceKind.DERIVED, row.ref, rule=row["rule"] or ANALYST_RULE, evidence=row["reader_version"]
        )
        out.edge(kind, EdgeType.RESPONSIBLE_FOR, id_, analyst, role=role, levels=levels)
        if delegation and role == Role.ENFORCE and DELEGATION_MARK in row["note"] and kind not in DELEGATION_TO:
            basis = Provenance(ProvenanceKind.DERIVED, row.ref, rule=DELEGATION_RULE, evidence=row["note"])
            for target in DELEGATION_TO:
                out.edge(
                    id_, EdgeType.DELEGATED_TO, target, basis, valid_from=delegation.valid_from, item_verified=False
                )
