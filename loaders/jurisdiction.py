"""A dataset's declaration (`dataset.toml`): the jurisdiction it covers, its division files and the rules that apply.

The code knows no city. Which area a dataset governs, what its government is called, which files hold its levels and
which derivation rules hold there (with their legal basis and the date they start) are data: a Chongqing dataset
loads with no code change, and Beijing's street-enforcement-team rule reaches no street whose dataset does not
declare it.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.vocabulary import AreaKind, AreaLevel
from loaders.files import read_text
from loaders.source import LoadFailed, Problem

DECLARATION = "dataset.toml"

# Rules a dataset may switch on; the others in loaders/structure.py hold wherever their inputs exist.
DECLARED_RULES = (
    "street-enforcement-team",
    "street-party-committee",
    "delegation-2020",
    "street-assesses-forces",
    "district-assesses-streets",
    "street-coordinates",
    "district-coordinates",
    "district-leads-emergencies",
    "fire-rescue-force",
    "street-emergency-ground",
    "emergency-response-duties",
)
# Name patterns and the placeholders each may use.
PATTERNS = {
    "government": ("jurisdiction",),
    "district_government": ("jurisdiction", "district"),
    "line_body": ("jurisdiction", "kind"),
    "district_line_body": ("jurisdiction", "district", "kind"),
}


@dataclass(frozen=True)
class DivisionFile:
    """One level of the jurisdiction tree: its file, and the column naming each row's parent (none: the top)."""

    level: AreaLevel
    file: str
    parent_column: str
    default_kind: AreaKind | None


@dataclass(frozen=True)
class DeclaredRule:
    """A derivation rule switched on for this jurisdiction, from a date, on a stated legal basis."""

    rule: str
    basis: str
    valid_from: str
    duties: tuple[str, ...] = ()  # the duty ids a rule names (emergency-response-duties)


@dataclass(frozen=True)
class Declaration:
    """What `dataset.toml` says; `code` is the top area's NBS code (empty for a divisions-only dataset of many)."""

    code: str
    name: str
    level: AreaLevel | None
    kind: AreaKind | None
    source: str
    divisions: tuple[DivisionFile, ...]
    files: dict[str, str] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    rules: dict[str, DeclaredRule] = field(default_factory=dict)

    def applies(self, rule: str) -> DeclaredRule | None:
        return self.rules.get(rule)

    def file(self, key: str) -> str | None:
        """A declared file (departments, department_history …) or None when the dataset has none."""
        return self.files.get(key)

    def name_of(self, pattern: str, **values: str) -> str:
        return self.names[pattern].format(jurisdiction=self.name, **values)

    @property
    def has_organisations(self) -> bool:
        """A divisions-only dataset (the national divisions) derives no bodies."""
        return bool(self.code)


def read_declaration(root: Path) -> Declaration:
    """The dataset's declaration; every problem in it is reported at once."""
    path = root / DECLARATION
    if not path.is_file():
        raise LoadFailed([Problem(DECLARATION, None, None, "no declaration: a dataset says what it covers")])
    try:
        raw = tomllib.loads(read_text(path, DECLARATION))
    except tomllib.TOMLDecodeError as err:
        raise LoadFailed([Problem(DECLARATION, None, None, f"not valid TOML: {err}")]) from None
    problems: list[Problem] = []
    decl = _declaration(raw, problems)  # the files it names are opened (and refused if absent) by their readers
    if problems:
        raise LoadFailed(problems)
    return decl


def _enum(value: Any, enum: type[AreaLevel] | type[AreaKind], where: str, problems: list[Problem]) -> Any:
    try:
        return enum(value)
    except ValueError:
        want = ", ".join(m.value for m in enum)
        problems.append(Problem(DECLARATION, None, where, f"unknown value {value!r} (want one of {want})"))
        return None


def _declaration(raw: dict[str, Any], problems: list[Problem]) -> Declaration:
    top = raw.get("jurisdiction", {})
    code = str(top.get("code", ""))
    if code and not (code.isdigit() and len(code) == 6):
        problems.append(Problem(DECLARATION, None, "jurisdiction.code", f"malformed code {code!r} (want 6 digits)"))
    if code and not top.get("name"):
        problems.append(Problem(DECLARATION, None, "jurisdiction.name", "a jurisdiction needs its official name"))
    level = _enum(top.get("level"), AreaLevel, "jurisdiction.level", problems) if code else None
    kind = _enum(top.get("kind"), AreaKind, "jurisdiction.kind", problems) if code else None
    divisions = []
    for i, d in enumerate(raw.get("divisions", [])):
        default = d.get("default_kind")
        divisions.append(
            DivisionFile(
                _enum(d.get("level"), AreaLevel, f"divisions[{i}].level", problems),
                str(d.get("file", "")),
                str(d.get("parent_column", "")),
                _enum(default, AreaKind, f"divisions[{i}].default_kind", problems) if default else None,
            )
        )
    if not divisions:
        problems.append(Problem(DECLARATION, None, "divisions", "no division files declared"))
    names = {str(k): str(v) for k, v in raw.get("names", {}).items()}
    for key, pattern in names.items():
        allowed = PATTERNS.get(key)
        if allowed is None:
            problems.append(
                Problem(DECLARATION, None, f"names.{key}", f"unknown pattern (want one of {list(PATTERNS)})")
            )
            continue
        try:
            pattern.format(**{p: "" for p in allowed})
        except (KeyError, IndexError, ValueError) as err:
            problems.append(
                Problem(DECLARATION, None, f"names.{key}", f"{pattern!r}: placeholder {err} not in {allowed}")
            )
    if code:
        missing = [p for p in PATTERNS if p not in names]
        if missing:
            problems.append(Problem(DECLARATION, None, "names", f"missing name pattern(s) {missing}"))
    rules: dict[str, DeclaredRule] = {}
    for i, r in enumerate(raw.get("rules", [])):
        name = str(r.get("rule", ""))
        if name not in DECLARED_RULES:
            problems.append(Problem(DECLARATION, None, f"rules[{i}].rule", f"{name!r} (want one of {DECLARED_RULES})"))
            continue
        if not r.get("basis"):
            problems.append(Problem(DECLARATION, None, f"rules[{i}].basis", "a rule applies only on a stated basis"))
            continue
        duties = r.get("duties", [])
        if not isinstance(duties, list) or not all(isinstance(d, str) and d for d in duties):
            problems.append(Problem(DECLARATION, None, f"rules[{i}].duties", "want a list of duty ids"))
            continue
        rules[name] = DeclaredRule(name, str(r["basis"]), str(r.get("valid_from", "")), tuple(duties))
    return Declaration(
        code,
        str(top.get("name", "")),
        level,
        kind,
        str(top.get("source", "")),
        tuple(divisions),
        {str(k): str(v) for k, v in raw.get("files", {}).items()},
        names,
        rules,
    )
