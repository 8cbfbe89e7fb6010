"""Reorganisations as data: a body renamed, merged, split or abolished, with its effective date and legal basis.

Each row of departments/reorganisations.csv gives the predecessor, how it changed, its successor(s), the holder
kinds it held, the date and the basis. A predecessor the lists no longer hold (given by its short name at the time,
as the 2018 rows are) becomes a former body that stands until that date — governing the city, answering to the
city government and holding those kinds; a predecessor still in the department list (given by its id: a
reorganisation an operator records as it happens) ends in place on that date, with its district counterparts and
everything they hold. Either way SUCCEEDED_BY links go to its successors. The 2018 decision's first point passes duties "to the body formed or taking over them",
and the two differ in time: a successor the reorganisation formed (its department row's `successor_of` names the
predecessor) stands from that date, so a question asked before it names the old body and one asked after names
the new one, each with the row's basis; a body that stood before and takes over (a merge into an existing
department, or an abolition's heir) keeps its dates and is marked as taking over from that date.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from graph.model import Edge, Node, Provenance
from graph.vocabulary import AreaLevel, BodyKind, EdgeType, Label, Line, Reorganisation, is_value, one_of
from loaders.collect import Collector
from loaders.departments import Department
from loaders.duties import HolderKind
from loaders.source import Row, read_csv, split_list
from loaders.structure import derived

DISPLAY = "departments/reorganisations.csv"
COLUMNS = ("predecessor", "predecessor_name", "change", "successors", "kinds", "effective", "basis")


def predecessor_id(short_name: str) -> str:
    return f"former:{short_name}"


def read_reorganisations(
    root: Path,
    out: Collector,
    departments: dict[str, Department],
    kinds: dict[str, HolderKind],
    city: str,
    city_government: str,
) -> None:
    """Former bodies, their SUCCEEDED_BY links, and the successors' start dates (an optional list); the former
    departments governed the dataset's jurisdiction (`city`) and answered to its government."""
    if not (root / DISPLAY).exists():
        return
    ended: dict[str, tuple[str, str, list[str], str]] = {}  # listed department -> (date, change, successors, basis)
    starts: dict[str, tuple[str, str, list[str]]] = {}  # formed successor -> (date, basis, predecessors)
    takeovers: dict[str, tuple[str, str, list[str]]] = {}  # successor that stood before -> the same
    taken_kinds: dict[tuple[str, str], str] = {}  # (successor that stood before, a kind it takes over) -> date
    for row in read_csv(root / DISPLAY, DISPLAY, COLUMNS):
        successors, held = split_list(row["successors"]), split_list(row["kinds"])
        problems = []
        if not is_value(Reorganisation, row["change"]):
            problems.append(row.problem("change", f"{row['change']!r} ({one_of(Reorganisation)})"))
        unknown = [s for s in successors if s not in departments]
        if unknown or (not successors and row["change"] != Reorganisation.ABOLITION):
            problems.append(row.problem("successors", f"unknown department id(s) {unknown or successors}"))
        if [k for k in held if k not in kinds]:
            problems.append(row.problem("kinds", f"unknown holder kind(s) {[k for k in held if k not in kinds]}"))
        try:
            effective = date.fromisoformat(row["effective"]).isoformat()
        except ValueError:
            problems.append(row.problem("effective", f"{row['effective']!r} is not an ISO date"))
        if not row["basis"]:
            problems.append(row.problem("basis", "a reorganisation needs its legal basis"))
        if problems:
            out.problems.extend(problems)
            continue
        in_place = row["predecessor"] in departments
        old = row["predecessor"] if in_place else predecessor_id(row["predecessor"])
        prov = derived("reorganisation", row.ref, row["basis"])
        if in_place:
            ended[old] = (effective, row["change"], successors, row["basis"])
            owned = {e.target for e in out.batch.edges if e.source == old and e.type == EdgeType.OF_KIND}
            for kind in held:
                if kind not in owned:
                    out.edge(old, EdgeType.OF_KIND, kind, prov, valid_to=effective)
        elif not _former_body(out, row, old, prov, city, city_government, effective, successors, held):
            continue
        known_as = departments[old].short_name if in_place else row["predecessor"]
        for successor in successors:
            out.edge(old, EdgeType.SUCCEEDED_BY, successor, prov, valid_from=effective, change=row["change"])
            formed = known_as in departments[successor].successor_of
            table = starts if formed else takeovers
            first, basis, before = table.get(successor, (effective, row["basis"], []))
            table[successor] = (min(first, effective), basis, [*before, old])
            if not formed:
                taken_kinds.update({(successor, kind): effective for kind in held})
    # Each body's own department: itself, or the municipal department a district counterpart stands for.
    owner = {n.id: str(n.get("counterpart_of") or n.id) for n in out.batch.nodes if n.label == Label.BODY}
    _mark_nodes(out, owner, ended, starts, takeovers)
    _mark_edges(out, owner, ended, taken_kinds)


def _former_body(
    out: Collector,
    row: Row,
    old: str,
    prov: Provenance,
    city: str,
    city_government: str,
    effective: str,
    successors: list[str],
    held: list[str],
) -> bool:
    """A predecessor the lists no longer hold: a former body that governed the city, answered to its government and
    held the row's kinds until the date. False when the row repeats one already read."""
    ended = {"valid_to": effective}
    node = out.node(
        old,
        Label.BODY,
        prov,
        row,
        name=row["predecessor_name"],
        short_name=row["predecessor"],
        kind=BodyKind.MUNICIPAL_DEPARTMENT,
        level=AreaLevel.CITY,
        reorganisation=row["change"],
        succeeded_by=successors,
        **ended,
    )
    if node is None:
        return False
    out.edge(old, EdgeType.GOVERNS, city, prov, **ended)
    out.edge(
        old,
        EdgeType.REPORTS_TO,
        city_government,
        prov,
        key=Line.ADMINISTRATIVE,
        line=Line.ADMINISTRATIVE,
        primary=True,
        **ended,
    )
    for kind in held:
        out.edge(old, EdgeType.OF_KIND, kind, prov, **ended)
    return True


def _mark_nodes(
    out: Collector,
    owner: dict[str, str],
    ended: dict[str, tuple[str, str, list[str], str]],
    starts: dict[str, tuple[str, str, list[str]]],
    takeovers: dict[str, tuple[str, str, list[str]]],
) -> None:
    """A listed department reorganised away ends on its date in place, with its district counterparts (no second,
    former body answers beside it); a formed successor stands from the reorganisation that formed it; one that stood
    before keeps its dates and is marked as taking over from then. Each cites the basis and the other side."""
    for i, n in enumerate(out.batch.nodes):
        end = ended.get(owner.get(n.id, ""))
        if end is None and n.id not in starts and n.id not in takeovers:
            continue
        props = dict(n.props)
        if end is not None and not n.get("valid_to"):
            props["valid_to"] = end[0]
            if n.id in ended:
                props.update(reorganisation=end[1], succeeded_by=end[2], succession_basis=end[3])
        if n.id in starts:
            since, basis, before = starts[n.id]
            props.update(valid_from=since, predecessors=sorted(before), reorganisation_basis=basis)
        if n.id in takeovers:
            since, basis, before = takeovers[n.id]
            props.update(took_over=sorted(before), took_over_on=since, takeover_basis=basis)
        out.batch.nodes[i] = Node(n.id, n.label, props)


def _mark_edges(
    out: Collector,
    owner: dict[str, str],
    ended: dict[str, tuple[str, str, list[str], str]],
    taken: dict[tuple[str, str], str],
) -> None:
    """Every line and kind of a department reorganised away (and of its counterparts) ends on its date; a body that
    takes over a predecessor's kinds holds them from that date, and so do its counterparts: asked before it, the
    predecessor alone holds them."""
    for i, e in enumerate(out.batch.edges):
        body = owner.get(e.source, e.source)
        end = ended.get(body)
        if end is not None and e.type != EdgeType.SUCCEEDED_BY and not e.get("valid_to"):
            e = out.batch.edges[i] = Edge(e.source, e.type, e.target, e.key, {**e.props, "valid_to": end[0]})
        since = taken.get((body, e.target)) if e.type == EdgeType.OF_KIND else None
        if since and not e.get("valid_from"):
            out.batch.edges[i] = Edge(e.source, e.type, e.target, e.key, {**e.props, "valid_from": since})
