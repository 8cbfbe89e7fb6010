"""A whole dataset (a folder laid out like data/): read every source, derive, validate, then load.

Loads are all-or-nothing: every problem in every file is collected first, and the store
is written only when there are none (and then in one transaction).
"""

from __future__ import annotations

from pathlib import Path

from graph.model import Batch, Edge, LoadReport, Provenance
from graph.store import GraphStore
from graph.validate import CYCLE_FREE_TYPES, find_cycle, where
from graph.vocabulary import AreaLevel, Direction, EdgeType, Label, Line, ProvenanceKind, is_value, one_of
from loaders.areas import read_areas
from loaders.bulk import collector_paused
from loaders.collect import Collector
from loaders.departments import read_departments, read_successors
from loaders.duties import EXTRACTED_DUTIES, read_duties, read_holder_kinds, read_regulations
from loaders.duty_marks import read_marks
from loaders.jurisdiction import read_declaration
from loaders.reorganisations import read_reorganisations
from loaders.reported import add_reported, read_reported, team_evidence
from loaders.source import LoadFailed, Problem, read_csv
from loaders.structure import Succession, derive_structure

BUNDLED = Path(__file__).resolve().parent.parent / "data"

# Optional: reporting lines declared by an official org chart (none is bundled; see README).
DECLARED_LINES = "structure/reporting_lines.csv"
SUCCESSIONS = "rules/holder_successors.csv"


@collector_paused()
def read_dataset(root: Path) -> Batch:
    """Every node and edge the dataset yields; LoadFailed lists all problems found."""
    root = Path(root)
    if not root.is_dir():
        raise LoadFailed([Problem(str(root), None, None, "not a folder")])
    decl = read_declaration(root)
    out = Collector()
    read_areas(root, decl, out)
    if not decl.has_organisations:  # divisions only (the national list): no bodies to derive
        _check_graph(out)
        if out.problems:
            raise LoadFailed(out.problems)
        return out.batch
    departments = read_departments(root, decl, out)
    successors = read_successors(root, decl, out, departments)
    kinds = read_holder_kinds(root, out)
    regs = read_regulations(root, out, decl.code)
    delegation, marks = decl.applies("delegation-2020"), read_marks(root, decl)
    read_duties(root, out, kinds, regs, delegation, marks=marks.props)
    if (root / EXTRACTED_DUTIES).exists():
        read_duties(root, out, kinds, regs, delegation, EXTRACTED_DUTIES, marks.props)
    marks.check(out)
    rep = read_reported(root, out)
    if out.problems:  # structure is derived from these; stop before deriving from bad input
        raise LoadFailed(out.problems)
    districts = {n.id: n.name for n in out.nodes_of(Label.AREA) if n.get("level") == AreaLevel.DISTRICT}
    successions = read_successions(root)
    directory = derive_structure(out, decl, kinds, departments, team_evidence(rep, districts, out), successions)
    add_reported(rep, directory, successors, out)
    read_reorganisations(root, out, departments, kinds, directory.city, directory.city_government)
    _read_declared_lines(root, out)
    _check_graph(out)
    if out.problems:
        raise LoadFailed(out.problems)
    return out.batch


def read_successions(root: Path) -> tuple[Succession, ...]:
    """rules/holder_successors.csv: which current kind holds the duties an older text gives to a replaced kind."""
    path = root / SUCCESSIONS
    if not path.exists():
        return ()
    rows = read_csv(path, SUCCESSIONS, ("old_kind", "current_kind", "rule", "basis"))
    return tuple(Succession(r["old_kind"], r["current_kind"], r["rule"], r["basis"]) for r in rows)


def _read_declared_lines(root: Path, out: Collector) -> None:
    path = root / DECLARED_LINES
    if not path.exists():
        return
    columns = ("body", "reports_to", "line", "primary", "source")
    for row in read_csv(path, DECLARED_LINES, columns, key=("body", "reports_to", "line")):
        problems = []
        for field in ("body", "reports_to"):
            if out.label(row[field]) not in (Label.BODY, Label.SUNK_TEAM):
                problems.append(row.problem(field, f"dangling reference: no body {row[field]!r}"))
        if not is_value(Line, row["line"]):
            problems.append(row.problem("line", f"unknown line {row['line']!r} ({one_of(Line)})"))
        if row["primary"] not in ("true", "false"):
            problems.append(row.problem("primary", f"{row['primary']!r} (want true or false)"))
        if not row["source"]:
            problems.append(row.problem("source", "an official line needs its source"))
        if problems:
            out.problems.extend(problems)
            continue
        prov = Provenance(ProvenanceKind.OFFICIAL, row.ref, evidence=row["source"])
        out.edge(
            row["body"],
            EdgeType.REPORTS_TO,
            row["reports_to"],
            prov,
            key=row["line"],
            line=row["line"],
            primary=row["primary"] == "true",
        )


def _check_graph(out: Collector, store: GraphStore | None = None) -> None:
    """Dangling edge ends, and cycles in jurisdiction or reporting lines (with the store's edges above the batch)."""
    for e in out.batch.edges:
        for end in (e.source, e.target):
            if not out.has(end):
                out.problems.append(
                    Problem(
                        where(e),
                        None,
                        None,
                        f"dangling reference: {e.type} {e.source!r} -> {e.target!r}: no node {end!r}",
                    )
                )
    _check_primary_lines(out)
    for type_ in CYCLE_FREE_TYPES:
        edges = out.batch.edges + (_stored_above(store, out.batch.edges, type_) if store else [])
        cycle = find_cycle(edges, type_)
        if cycle:
            kind = "jurisdiction" if type_ == EdgeType.PART_OF else "reporting"
            loop = " -> ".join([cycle[0].source] + [e.target for e in cycle])
            sources = "; ".join(sorted({where(e) for e in cycle}))
            out.problems.append(Problem(sources, None, None, f"cycle in {kind} lines: {loop}"))


def _check_primary_lines(out: Collector) -> None:
    """A body has at most one primary line of each kind: a second one would make its chain ambiguous."""
    first: dict[tuple[str, str], Edge] = {}
    for e in out.batch.edges:
        if e.type != EdgeType.REPORTS_TO or e.get("primary") is not True:
            continue
        had = first.setdefault((e.source, str(e.get("line"))), e)
        if had is not e and had.target != e.target:
            out.problems.append(
                Problem(
                    where(e),
                    None,
                    None,
                    f"second primary {e.get('line')} line for {e.source!r}: to {e.target!r}, "
                    f"but {where(had)} gives {had.target!r}",
                )
            )


def _stored_above(store: GraphStore, edges: list[Edge], type_: str) -> list[Edge]:
    """The stored edges of a type reachable upwards from where the batch's own edges end, level by level."""
    covered = {e.source for e in edges if e.type == type_}
    frontier = {e.target for e in edges if e.type == type_} - covered
    found: list[Edge] = []
    while frontier:
        got = [nb.edge for nb in store.neighbours(sorted(frontier), type_, Direction.OUT)]
        found.extend(got)
        covered |= frontier
        frontier = {e.target for e in got} - covered
    return found


def load_batch(store: GraphStore, batch: Batch) -> LoadReport:
    """Validate a batch (dangling ends, cycles) against itself and the store, and write it atomically."""
    known = {n.id for n in batch.nodes}
    ends = sorted({end for e in batch.edges for end in (e.source, e.target)} - known)
    existing = {i: n.label for i, n in zip(ends, store.get_nodes(ends), strict=True) if n is not None}
    out = Collector()
    out.adopt(batch, existing)
    _check_graph(out, store)
    if out.problems:
        raise LoadFailed(out.problems)
    return store.apply(batch)


def load_dataset(store: GraphStore, root: Path = BUNDLED) -> LoadReport:
    return load_batch(store, read_dataset(root))
