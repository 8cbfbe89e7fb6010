"""Reader for sunk forces as the seed articles report them (provenance `reported`).

Each row is a sentence from an article, read by its `form` column: READINGS maps a form to the function
that turns a row into teams or centres, EVIDENCE_FORMS and SKIPPED_FORMS say which forms are read as evidence
by other readings or add nothing to the graph, and why. So a new row of a known form needs no code, and a row
of an unknown form is refused, so a new fact is never dropped silently. Of two rows of one form for one
district, the later (`as_of`) supersedes the earlier. The few rows whose own wording decides their reading,
whatever their form, are named in BY_ID and EVIDENCE_BY_ID.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from graph.model import Provenance
from graph.vocabulary import AreaKind, AreaLevel, BodyKind, EdgeType, Label, Line, NameBasis, ProvenanceKind, TeamKind
from loaders.collect import Collector
from loaders.departments import Successor
from loaders.source import Row, read_csv, split_list
from loaders.structure import Directory, TeamEvidence, derived

SKIPPED_FORMS = {
    "committee_membership": "a district committee whose member units are not named one by one",
    "whistle_meeting": "a recurring meeting, not a standing unit",
    "grid": "a count of grids; grids are not modelled yet",
}
EVIDENCE_FORMS = {"dual_leadership": "read by the stationed-unit reading: the street line is primary"}


@dataclass(frozen=True)
class Reported:
    rows: dict[str, Row]
    names: dict[str, tuple[str, Row]]  # reported short name -> (holder kind, row of rules/reported_names.csv)


def read_reported(root: Path, out: Collector) -> Reported:
    display = "reported/sunk_forces_reported.csv"
    columns = (
        "id",
        "district",
        "district_code",
        "place",
        "sending_bodies",
        "form",
        "count",
        "as_of",
        "source",
        "quote",
    )
    rows = {row["id"]: row for row in read_csv(root / display, display, columns)}
    known = set(READINGS) | set(SKIPPED_FORMS) | set(EVIDENCE_FORMS) | set(TEAM_EVIDENCE)
    for id_, row in rows.items():
        if row["form"] not in known and id_ not in BY_ID and id_ not in EVIDENCE_BY_ID:
            readable = ", ".join(sorted(known))
            out.problems.append(row.problem("form", f"no reading for form {row['form']!r} (known: {readable})"))
    names_file = "rules/reported_names.csv"
    names = {
        r["reported_name"]: (r["holder_kind"], r)
        for r in read_csv(root / names_file, names_file, ("reported_name", "holder_kind", "basis"))
    }
    return Reported(rows, names)


def reported(row: Row) -> Provenance:
    return Provenance(ProvenanceKind.REPORTED, row["source"], evidence=row["quote"])


def team_evidence(rep: Reported, districts: dict[str, str], out: Collector) -> dict[str, TeamEvidence]:
    """Districts whose street enforcement teams the articles report (before the derived rule would)."""
    found: dict[str, TeamEvidence] = {}
    for row in rep.rows.values():
        if row["id"] in EVIDENCE_BY_ID:
            valid_from, kinds = EVIDENCE_BY_ID[row["id"]]
        elif row["form"] in TEAM_EVIDENCE and row["id"] not in BY_ID:
            valid_from, kinds = TEAM_EVIDENCE[row["form"]]
        else:
            continue
        district = row["district_code"]
        if district not in districts:
            out.problems.append(row.problem("district_code", f"no district {district!r} in this dataset"))
            continue
        found[district] = TeamEvidence(reported(row), valid_from or row["as_of"], kinds)
    return found


# Forms that report street enforcement teams: (valid_from, the street-level unit kinds they cover).
TEAM_EVIDENCE: dict[str, tuple[str, tuple[AreaKind, ...]]] = {
    # 乡镇综合行政执法队 formed with the 431 powers delegated to townships from 2020-07-01 (京政发〔2020〕9号).
    "delegated_powers": ("2020-07-01", (AreaKind.AREA, AreaKind.TOWN, AreaKind.TOWNSHIP)),
}
EVIDENCE_BY_ID: dict[str, tuple[str, tuple[AreaKind, ...]]] = {
    # 昌平区: 城管执法 sunk into every 街乡 from 2017, "区属、街管、街用" (a sunk force in the streets, not a centre).
    "cp-enforcement-sink": ("2017", (AreaKind.STREET, AreaKind.AREA, AreaKind.TOWN, AreaKind.TOWNSHIP)),
}


def _superseded(rows: dict[str, Row]) -> set[str]:
    """Rows a later row of the same form for the same district replaces."""
    latest: dict[tuple[str, str], Row] = {}
    for row in rows.values():
        key = (row["form"], row["district"])
        if key not in latest or row["as_of"] > latest[key]["as_of"]:
            latest[key] = row
    return {row["id"] for row in rows.values() if latest[(row["form"], row["district"])] is not row}


def add_reported(rep: Reported, d: Directory, successors: dict[str, Successor], out: Collector) -> None:
    ctx = _Context(rep, d, successors, out)
    superseded = _superseded(rep.rows)
    for form, reading in READINGS.items():  # in READINGS order: a command centre before the desks in it
        for row in rep.rows.values():
            if row["form"] == form and row["id"] not in superseded | set(BY_ID) | set(EVIDENCE_BY_ID):
                reading(ctx, row)
    for id_, reading in BY_ID.items():
        if id_ in rep.rows:
            reading(ctx, rep.rows[id_])


@dataclass
class _Context:
    rep: Reported
    d: Directory
    successors: dict[str, Successor]
    out: Collector

    def district(self, row: Row) -> str | None:
        """The district by its code: names repeat across China (通州区 is 110112 and 320612)."""
        code = row["district_code"]
        if code not in self.d.districts:
            self.out.problems.append(row.problem("district_code", f"no district {code!r} in this dataset"))
            return None
        return code

    def sender(self, row: Row, district: str, name: str) -> tuple[str, Provenance] | None:
        """The district body a reported short name stands for today."""
        entry = self.rep.names.get(name)
        if entry is None:
            self.out.problems.append(row.problem("sending_bodies", f"{name!r} is not in rules/reported_names.csv"))
            return None
        kind, name_row = entry
        body = self.d.district_body.get((district, kind))
        if body is None:
            self.out.problems.append(row.problem("sending_bodies", f"no district body of kind {kind!r} for {name!r}"))
            return None
        return body, derived("reported-name-map", name_row.ref, name_row["basis"])

    def senders(self, row: Row, district: str, field: str) -> Iterator[tuple[str, str, Provenance]]:
        """Each short name in a field with the district body it stands for; unknown names become problems."""
        for name in _names(field):
            sent = self.sender(row, district, name)
            if sent is not None:
                yield name, *sent

    def team(
        self,
        row: Row,
        id_: str,
        name: str,
        form: TeamKind,
        sender: str,
        mapping: Provenance,
        station: str,
        **props: str | int,
    ) -> str:
        prov = reported(row)
        self.out.node(
            id_, Label.SUNK_TEAM, prov, row, name=name, kind=form, form=form, reported_as_of=row["as_of"], **props
        )
        self.out.edge(id_, EdgeType.SENT_BY, sender, mapping)
        self.out.edge(id_, EdgeType.STATIONED_IN, station, prov)
        return id_

    def line(self, source: str, target: str, line: str, primary: bool, prov: Provenance) -> None:
        self.out.edge(source, EdgeType.REPORTS_TO, target, prov, key=line, line=line, primary=primary)


_PAREN = re.compile(r"\s*\(.*?\)\s*")


def _names(field: str) -> list[str]:
    return split_list(_PAREN.sub("", field))


def _stationed(ctx: _Context, row: Row) -> None:
    """石景山区: 8 departments stationed in every street's enforcement command centre (seeds/002)."""
    district = ctx.district(row)
    if district is None:
        return
    dual = next(
        (r for r in ctx.rep.rows.values() if r["form"] == "dual_leadership" and r["district"] == row["district"]), None
    )
    street_primary = derived("dual-leadership", dual.ref if dual else row.ref, dual["quote"] if dual else "")
    for street in ctx.d.streets_in(district):
        street_name = ctx.d.streets[street][0]
        for name, sender, mapping in ctx.senders(row, district, row["sending_bodies"]):
            team = ctx.team(
                row,
                f"team:{row['id']}:{street}:{name}",
                f"{street_name}综合执法指挥中心·{name}（常驻）",
                TeamKind.STATIONED_UNIT,
                sender,
                mapping,
                street,
                reported_name=name,
            )
            ctx.line(team, ctx.d.street_body[street], Line.ADMINISTRATIVE, True, street_primary)
            ctx.line(team, sender, Line.PROFESSIONAL, False, street_primary)


def _listed(ctx: _Context, row: Row) -> None:
    """石景山区: 建委、文委 keep a listed desk (挂牌) in each street centre; they answer to their department."""
    district = ctx.district(row)
    if district is None:
        return
    listed_part = next((p for p in row["sending_bodies"].split("/") if "挂牌" in p), "")
    for street in ctx.d.streets_in(district):
        street_name = ctx.d.streets[street][0]
        for name, sender, mapping in ctx.senders(row, district, listed_part):
            team = ctx.team(
                row,
                f"team:{row['id']}:{street}:{name}",
                f"{street_name}综合执法指挥中心·{name}（挂牌）",
                TeamKind.LISTED_UNIT,
                sender,
                mapping,
                street,
                reported_name=name,
            )
            ctx.line(team, sender, Line.PROFESSIONAL, True, reported(row))


def _work_teams(ctx: _Context, row: Row) -> None:
    """通州区: 23 municipal departments each send a work team to the city sub-centre (seeds/000)."""
    district = ctx.district(row)
    if district is None:
        return
    for name in _names(row["sending_bodies"]):
        succ = ctx.successors.get(name)
        if succ is None:
            ctx.out.problems.append(
                row.problem("sending_bodies", f"{name!r} is not in dept_name_mapping_2017_to_current.csv")
            )
            continue
        mapping = derived("successor-2018", succ.ref, succ.relation)
        team = ctx.team(
            row,
            f"team:{row['id']}:{name}",
            f"{name}工作小组（城市副中心）",
            TeamKind.WORK_TEAM,
            succ.current_ids[0],
            mapping,
            district,
            reported_name=name,
            reported_full_name=succ.full_name,
        )
        for extra in succ.current_ids[1:]:
            ctx.out.edge(team, EdgeType.SENT_BY, extra, mapping)
        ctx.line(team, succ.current_ids[0], Line.PROFESSIONAL, True, mapping)


def _command_centre(ctx: _Context, row: Row, name: str) -> str | None:
    district = ctx.district(row)
    if district is None:
        return None
    id_ = f"cc:{district}"
    if not ctx.out.has(id_):
        prov = reported(row)
        ctx.out.node(id_, Label.BODY, prov, row, name=name, kind=BodyKind.COMMAND_CENTRE, level=AreaLevel.DISTRICT)
        ctx.d.body_names[id_] = name
        ctx.out.edge(id_, EdgeType.GOVERNS, district, prov)
        ctx.line(
            id_,
            ctx.d.district_government[district],
            Line.ADMINISTRATIVE,
            True,
            derived("command-centre-line", row.ref),
        )
    return id_


def _command_desks(ctx: _Context, row: Row) -> None:
    """房山区: about ten district departments place staff in the district command centre (seeds/002)."""
    centre = _command_centre(ctx, row, row["place"])
    district = ctx.district(row)
    if centre is None or district is None:
        return
    for name, sender, mapping in ctx.senders(row, district, row["sending_bodies"]):
        _at_centre(ctx, row, centre, name, sender, mapping, f"{row['place']}·{name}（坐席）", TeamKind.COMMAND_DESK)


def _sub_centres(ctx: _Context, row: Row) -> None:
    """房山区: every one of its 28 street-level units is to set up a command sub-centre (seeds/002, planned 2018)."""
    district = ctx.district(row)
    if district is None:
        return
    centre = f"cc:{district}"
    streets = ctx.d.streets_in(district)
    if row["count"] and int(row["count"]) != len(streets):
        ctx.out.problems.append(
            row.problem("count", f"{row['count']} sub-centres but {len(streets)} street-level units")
        )
        return
    prov = reported(row)
    rule = derived("command-centre-line", row.ref)
    for street in streets:
        id_ = f"cc:{street}"
        name = ctx.d.streets[street][0] + "城市管理指挥分中心"
        ctx.out.node(
            id_,
            Label.BODY,
            prov,
            row,
            name=name,
            kind=BodyKind.COMMAND_SUB_CENTRE,
            level=AreaLevel.STREET,
            name_basis=NameBasis.GENERIC,
            status="planned",
        )
        ctx.d.body_names[id_] = name
        ctx.out.edge(id_, EdgeType.GOVERNS, street, prov)
        ctx.line(id_, ctx.d.street_body[street], Line.ADMINISTRATIVE, True, rule)
        if ctx.out.has(centre):
            ctx.line(id_, centre, Line.PROFESSIONAL, False, rule)


def _enforcement_sink(ctx: _Context, row: Row) -> None:
    """房山区: most of the 城管执法 bureau's staff sit in the command centres (seeds/002)."""
    district = ctx.district(row)
    centre = f"cc:{district}"
    if district is None or not ctx.out.has(centre):
        return
    headcount = int(row["count"]) if row["count"] else 0
    for name, sender, mapping in ctx.senders(row, district, row["sending_bodies"]):
        name_ = f"{name}下沉力量（指挥中心）"
        _at_centre(ctx, row, centre, name, sender, mapping, name_, TeamKind.SUNK_ENFORCEMENT, headcount=headcount)


def _at_centre(
    ctx: _Context,
    row: Row,
    centre: str,
    name: str,
    sender: str,
    mapping: Provenance,
    team_name: str,
    form: TeamKind,
    **props: int,
) -> None:
    """A team working in a district command centre: managed by the centre, professionally by its department."""
    district = centre.removeprefix("cc:")
    team = ctx.team(
        row, f"team:{row['id']}:{name}", team_name, form, sender, mapping, district, reported_name=name, **props
    )
    ctx.line(team, centre, Line.ADMINISTRATIVE, True, derived("command-centre-line", row.ref))
    ctx.line(team, sender, Line.PROFESSIONAL, False, derived("dual-leadership", row.ref))


def _yanqing_centre(ctx: _Context, row: Row) -> None:
    """延庆区: the district command centre (区城指中心) leads one of four special groups (seeds/003)."""
    if "区城指中心" in row["sending_bodies"]:
        _command_centre(ctx, row, row["district"] + "城指中心")


READINGS: dict[str, Callable[[_Context, Row], None]] = {
    "command_desk": _command_desks,  # first: creates the district command centre the next two attach to
    "command_sub_centre": _sub_centres,
    "sunk_enforcement": _enforcement_sink,
    "stationed_unit": _stationed,
    "stationed_unit;listed_unit": _listed,
    "work_team": _work_teams,
}
# Rows whose own wording decides the reading, whatever their form.
BY_ID: dict[str, Callable[[_Context, Row], None]] = {
    # 延庆区: four special groups, one led by the district command centre; only the centre is a standing unit.
    "yq-special-groups": _yanqing_centre,
}
