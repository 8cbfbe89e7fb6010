"""Bodies and lines no register lists, created by the named rules below (provenance `derived`).

Each rule has a name (stored on every record it creates, as `rule`) and a basis: the law
article or data file that justifies it. `whistlegraph rules` prints this table. A body a
rule creates is named by the official pattern where holder_kinds.csv gives one
(`name_basis=pattern`), or by the law's own generic term (`name_basis=generic`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from graph.model import Provenance, short_kind_name
from graph.questions import COORDINATES, EMERGENCY_GROUND, LEADS_EMERGENCIES, RESCUE_FORCE
from graph.vocabulary import (
    AreaKind,
    AreaLevel,
    BodyKind,
    EdgeType,
    GenericHolderKind,
    HolderLevel,
    Label,
    Line,
    NameBasis,
    ProvenanceKind,
)
from loaders.collect import Collector
from loaders.departments import Department
from loaders.duties import HolderKind
from loaders.jurisdiction import DECLARATION, Declaration


@dataclass(frozen=True)
class Rule:
    name: str
    basis: str


RULES = {
    r.name: r
    for r in (
        Rule(
            "city-government",
            "holder_kinds.csv city_government: the jurisdiction's own government, named by dataset.toml's pattern",
        ),
        Rule(
            "municipal-department-line",
            "every department in the register governs the city and answers to the city government (administrative); "
            "Party organs (category 市委…) are left without that line",
        ),
        Rule(
            "holder-kind-municipal-body", "holder_kinds.csv municipal_body_id: the municipal body a holder kind names"
        ),
        Rule(
            "district-government",
            "one 区人民政府 per district, named by dataset.toml's district_government pattern",
        ),
        Rule(
            "district-counterpart",
            "one district body per district for each current municipal department that a district-level holder kind "
            "names (holder_kinds.csv); it holds all those kinds, answers to the district government (administrative) "
            "and to the municipal department (professional); named by the kind's district_name_pattern where given",
        ),
        Rule(
            "district-line-body",
            "one body per district and one for the city for holder kinds the texts name at those levels with no "
            "register row: 消防救援机构 (控制吸烟条例 第二十三条, 物业管理条例 第九十八条), 突发事件应急委员会 "
            "(突发事件应对法实施办法 第五条), 爱国卫生运动委员会 (控制吸烟条例 第五条)",
        ),
        Rule(
            "street-level-body",
            "one body per street-level unit: 街道→街道办事处 (街道办事处条例 第三条: dispatched organ of the district "
            "government), 地区→地区办事处 holding both street-office and township kinds (一套班子两块牌子, SOURCES.md), "
            "镇/乡→人民政府, special zone→管理机构 with no kinds and no reporting line (none in the data)",
        ),
        Rule(
            "street-party-committee",
            "where dataset.toml declares it (Beijing: 街道办事处条例 第三条): the street office works under the street "
            "Party working committee",
        ),
        Rule(
            "street-enforcement-team",
            "where dataset.toml declares it (Beijing: 京政发〔2020〕9号, from 2020-07-01, streets and townships "
            "exercise 431 delegated enforcement powers with integrated enforcement): one team per street-level unit, "
            "managed by the street (administrative) and professionally guided by the district 城管执法 body",
        ),
        Rule(
            "community-committee",
            "the NBS village-level list names each 居民委员会/村民委员会; committees work under the guidance of the "
            "street office (实施《城市居民委员会组织法》办法)",
        ),
        Rule(
            "command-centre-line",
            "a district command centre answers to the district government; a sub-centre to its street-level body "
            "(administrative) and to the district centre (professional); seeds/002 reports the centres and sub-centres",
        ),
        Rule(
            "dual-leadership",
            "sunk staff answer to the street and to their department (seeds/001: 受街道和上级主管部门双重领导，以街道管理为主): "
            "stationed units report to the street body (primary) and to the sending body (professional)",
        ),
        Rule("reported-name-map", "rules/reported_names.csv maps the short names in the articles to holder kinds"),
        Rule(
            "successor-2018",
            "departments/dept_name_mapping_2017_to_current.csv: 2017 names to current departments; and "
            "rules/holder_successors.csv: a duty a pre-2018 text gives to 工商、质监、安监、市政市容 is held by the "
            "current body of the kind that took the function over (北京市人大常委会关于市人民政府机构改革涉及地方性法规"
            "规定的行政机关职责调整问题的决定(2018-11-23) 第一条)",
        ),
        Rule(
            "successor-2019-fire",
            "rules/holder_successors.csv: the 2011 fire regulation's 公安机关消防机构 and 公安消防队 are today's "
            "消防救援机构 (《中华人民共和国消防法》 as amended 2019-04-23, 第四条、第三十六条; national_laws/)",
        ),
        Rule(
            "reorganisation",
            "departments/reorganisations.csv: a body renamed, merged or split stands until the effective date, "
            "holding the kinds the row names, then SUCCEEDED_BY its successor(s), which hold them from that date "
            "(the 2018 decision's first point: duties pass to the body formed or taking over)",
        ),
    )
}

# Holder kinds with bodies at district and city level that no register lists (rule district-line-body).
LINE_KINDS = (BodyKind.FIRE_RESCUE, BodyKind.EMERGENCY_COMMITTEE, BodyKind.PATRIOTIC_HEALTH_COMMITTEE)
# Community-level areas run by a villagers' committee rather than a residents' committee.
VILLAGE_KINDS = frozenset({AreaKind.VILLAGE, AreaKind.VILLAGE_LIKE})
# Kinds every territorial government also is.
GOVERNMENT_KINDS = (GenericHolderKind.ALL_LEVEL_GOVERNMENTS, GenericHolderKind.LOCAL_GOVERNMENT)


def derived(rule: str, source: str, evidence: str = "") -> Provenance:
    assert rule in RULES, rule
    return Provenance(ProvenanceKind.DERIVED, source, rule=rule, evidence=evidence)


def stem(kind: HolderKind) -> str:
    return short_kind_name(kind.name)


@dataclass
class Directory:
    """Where derived and reported records find the bodies they attach to."""

    city: str = ""
    city_government: str = ""
    districts: dict[str, str] = field(default_factory=dict)  # code -> name
    streets: dict[str, tuple[str, str, str]] = field(default_factory=dict)  # code -> (name, district, kind)
    district_government: dict[str, str] = field(default_factory=dict)
    district_body: dict[tuple[str, str], str] = field(default_factory=dict)  # (district, holder kind) -> body
    city_line_body: dict[str, str] = field(default_factory=dict)
    street_body: dict[str, str] = field(default_factory=dict)
    body_names: dict[str, str] = field(default_factory=dict)

    def streets_in(self, district: str) -> list[str]:
        return sorted(c for c, (_, d, _) in self.streets.items() if d == district)


@dataclass(frozen=True)
class TeamEvidence:
    """A reported fact that a district's street enforcement teams exist (overrides the derived rule)."""

    provenance: Provenance
    valid_from: str
    street_kinds: tuple[AreaKind, ...]


@dataclass(frozen=True)
class Succession:
    """A holder kind an older text names, held today by the bodies of the current kind (rules/holder_successors.csv)."""

    old_kind: str
    current_kind: str
    rule: str
    basis: str


def derive_structure(
    out: Collector,
    decl: Declaration,
    kinds: dict[str, HolderKind],
    departments: dict[str, Department],
    team_evidence: dict[str, TeamEvidence],
    successions: tuple[Succession, ...] = (),
) -> Directory:
    d = _places(out, decl)
    replaced = {s.old_kind for s in successions}
    _city(out, d, decl)
    _municipal(out, d, decl, kinds, departments, replaced)
    _districts(out, d, decl, kinds, departments, replaced)
    _streets(out, d, decl, kinds, team_evidence)
    _communities(out, d)
    _successors(out, kinds, successions)
    return d


def _successors(out: Collector, kinds: dict[str, HolderKind], successions: tuple[Succession, ...]) -> None:
    """Every body of the current kind also holds the old kind, by the succession's rule, with its basis as evidence."""
    holders: dict[str, list[str]] = {}
    for e in out.batch.edges:
        if e.type == EdgeType.OF_KIND:
            holders.setdefault(e.target, []).append(e.source)
    for s in successions:
        if s.old_kind not in kinds or s.current_kind not in kinds:
            continue
        prov = derived(s.rule, "rules/holder_successors.csv", s.basis)
        for body in sorted(set(holders.get(s.current_kind, []))):
            out.edge(body, EdgeType.OF_KIND, s.old_kind, prov, via_kind=s.current_kind)


def _places(out: Collector, decl: Declaration) -> Directory:
    d = Directory(city=decl.code)
    for n in out.nodes_of(Label.AREA):
        if n.get("level") == AreaLevel.DISTRICT:
            d.districts[n.id] = n.name
    parents = {e.source: e.target for e in out.batch.edges if e.type == EdgeType.PART_OF}
    for n in out.nodes_of(Label.AREA):
        if n.get("level") == AreaLevel.STREET:
            d.streets[n.id] = (n.name, parents[n.id], str(n.get("kind")))
    return d


def _declared(decl: Declaration, rule: str, prop: str) -> dict[str, str]:
    """The basis of a rule the dataset declares, as the body property the answers cite (nothing where undeclared)."""
    found = decl.applies(rule)
    return {prop: found.basis} if found else {}


def _body(out: Collector, d: Directory, id_: str, name: str, prov: Provenance, **props: str) -> str:
    out.node(id_, Label.BODY, prov, None, name=name, **props)
    d.body_names[id_] = name
    return id_


def _line(out: Collector, source: str, target: str, line: str, primary: bool, prov: Provenance) -> None:
    out.edge(source, EdgeType.REPORTS_TO, target, prov, key=line, line=line, primary=primary)


def _kinds(out: Collector, body: str, kind_ids: Iterable[str], prov: Provenance, known: dict[str, HolderKind]) -> None:
    for k in kind_ids:
        if k in known:
            out.edge(body, EdgeType.OF_KIND, k, prov)


def _city(out: Collector, d: Directory, decl: Declaration) -> None:
    prov = derived("city-government", "duties/holder_kinds.csv")
    name = decl.name_of("government")
    d.city_government = _body(out, d, "gov:" + d.city, name, prov, kind=BodyKind.CITY_GOVERNMENT, level=AreaLevel.CITY)
    out.edge(d.city_government, EdgeType.GOVERNS, d.city, prov)


def _municipal(
    out: Collector,
    d: Directory,
    decl: Declaration,
    kinds: dict[str, HolderKind],
    departments: dict[str, Department],
    replaced: set[str],
) -> None:
    line = derived("municipal-department-line", decl.file("departments") or DECLARATION)
    for dept in departments.values():
        d.body_names[dept.id] = dept.name
        out.edge(dept.id, EdgeType.GOVERNS, d.city, line)
        if not dept.party_organ:
            _line(out, dept.id, d.city_government, Line.ADMINISTRATIVE, True, line)
    by_body = derived("holder-kind-municipal-body", "duties/holder_kinds.csv")
    for kind in kinds.values():
        if kind.municipal_body_id and HolderLevel.CITY in kind.levels and kind.id not in replaced:
            out.edge(kind.municipal_body_id, EdgeType.OF_KIND, kind.id, by_body)
    _kinds(
        out,
        d.city_government,
        (BodyKind.CITY_GOVERNMENT, GenericHolderKind.ALL_LEVEL_GOVERNMENTS),
        derived("city-government", "duties/holder_kinds.csv"),
        kinds,
    )
    line_rule = derived("district-line-body", "duties/holder_kinds.csv")
    for kind_id in LINE_KINDS:
        line_kind = kinds.get(kind_id)
        if line_kind and HolderLevel.CITY in line_kind.levels:
            body = _body(
                out,
                d,
                f"ck:{kind_id}",
                decl.name_of("line_body", kind=stem(line_kind)),
                line_rule,
                kind=kind_id,
                level=AreaLevel.CITY,
                name_basis=NameBasis.GENERIC,
            )
            d.city_line_body[kind_id] = body
            out.edge(body, EdgeType.GOVERNS, d.city, line_rule)
            _kinds(out, body, (kind_id,), line_rule, kinds)
            if kind_id != BodyKind.FIRE_RESCUE:  # the fire service is not under the city government in any text here
                _line(out, body, d.city_government, Line.ADMINISTRATIVE, True, line_rule)


def _counterpart_groups(
    kinds: dict[str, HolderKind], departments: dict[str, Department], replaced: set[str]
) -> dict[str, list[HolderKind]]:
    """District-level holder kinds grouped by the current municipal body they name, in file order.

    Kinds an older text names (`replaced`) are left to rule successor-2018, which says why today's body holds them.
    """
    groups: dict[str, list[HolderKind]] = {}
    for kind in sorted(kinds.values(), key=lambda k: k.order):
        dept = departments.get(kind.municipal_body_id)
        if dept and dept.current and HolderLevel.DISTRICT in kind.levels and kind.id not in replaced:
            groups.setdefault(dept.id, []).append(kind)
    return groups


def _districts(
    out: Collector,
    d: Directory,
    decl: Declaration,
    kinds: dict[str, HolderKind],
    departments: dict[str, Department],
    replaced: set[str],
) -> None:
    groups = _counterpart_groups(kinds, departments, replaced)
    gov_rule = derived("district-government", "duties/holder_kinds.csv")
    assesses_streets = decl.applies("district-assesses-streets")
    coordinates = decl.applies("district-coordinates")
    counterpart = derived("district-counterpart", "duties/holder_kinds.csv")
    line_rule = derived("district-line-body", "duties/holder_kinds.csv")
    emergency = {
        BodyKind.EMERGENCY_COMMITTEE: _declared(decl, "district-leads-emergencies", LEADS_EMERGENCIES),
        BodyKind.FIRE_RESCUE: _declared(decl, "fire-rescue-force", RESCUE_FORCE),
    }
    for code, district in sorted(d.districts.items()):
        gov = _body(
            out,
            d,
            f"gov:{code}",
            decl.name_of("district_government", district=district),
            gov_rule,
            kind=BodyKind.DISTRICT_GOVERNMENT,
            level=AreaLevel.DISTRICT,
            name_basis=NameBasis.PATTERN,
            **({"assesses_streets": assesses_streets.basis} if assesses_streets else {}),
            **({COORDINATES: coordinates.basis} if coordinates else {}),
            **_declared(decl, "district-leads-emergencies", LEADS_EMERGENCIES),
        )
        d.district_government[code] = gov
        out.edge(gov, EdgeType.GOVERNS, code, gov_rule)
        _line(out, gov, d.city_government, Line.ADMINISTRATIVE, True, gov_rule)
        _kinds(out, gov, (BodyKind.DISTRICT_GOVERNMENT, *GOVERNMENT_KINDS), gov_rule, kinds)
        for dept_id, group in groups.items():
            pattern = next((k.district_name_pattern for k in group if k.district_name_pattern), "")
            if pattern:
                name = pattern.format(district=district, district_short=district.removesuffix("区"))
            else:
                name = district + stem(group[0])
            body = _body(
                out,
                d,
                f"dd:{code}:{dept_id}",
                name,
                counterpart,
                kind=BodyKind.DISTRICT_DEPARTMENT,
                level=AreaLevel.DISTRICT,
                name_basis=NameBasis.PATTERN if pattern else NameBasis.GENERIC,
                counterpart_of=dept_id,
            )
            out.edge(body, EdgeType.GOVERNS, code, counterpart)
            _line(out, body, gov, Line.ADMINISTRATIVE, True, counterpart)
            _line(out, body, dept_id, Line.PROFESSIONAL, False, counterpart)
            for k in group:
                out.edge(body, EdgeType.OF_KIND, k.id, counterpart)
                d.district_body[(code, k.id)] = body
        for kind_id in LINE_KINDS:
            kind = kinds.get(kind_id)
            if not kind or HolderLevel.DISTRICT not in kind.levels:
                continue
            body = _body(
                out,
                d,
                f"dk:{code}:{kind_id}",
                decl.name_of("district_line_body", district=district, kind=stem(kind)),
                line_rule,
                kind=kind_id,
                level=AreaLevel.DISTRICT,
                name_basis=NameBasis.GENERIC,
                **emergency.get(kind_id, {}),
            )
            d.district_body[(code, kind_id)] = body
            out.edge(body, EdgeType.GOVERNS, code, line_rule)
            _kinds(out, body, (kind_id,), line_rule, kinds)
            _line(out, body, gov, Line.ADMINISTRATIVE, True, line_rule)
            if kind_id in d.city_line_body:
                _line(out, body, d.city_line_body[kind_id], Line.PROFESSIONAL, False, line_rule)


STREET_BODY: dict[str, tuple[BodyKind, str, tuple[str, ...]]] = {
    # unit kind: (body kind, name suffix, holder kinds)
    AreaKind.STREET: (BodyKind.STREET_OFFICE, "办事处", (BodyKind.STREET_OFFICE, *GOVERNMENT_KINDS)),
    AreaKind.AREA: (
        BodyKind.AREA_OFFICE,
        "办事处",
        (BodyKind.STREET_OFFICE, BodyKind.TOWNSHIP_GOVERNMENT, *GOVERNMENT_KINDS),
    ),
    AreaKind.TOWN: (BodyKind.TOWNSHIP_GOVERNMENT, "人民政府", (BodyKind.TOWNSHIP_GOVERNMENT, *GOVERNMENT_KINDS)),
    AreaKind.TOWNSHIP: (BodyKind.TOWNSHIP_GOVERNMENT, "人民政府", (BodyKind.TOWNSHIP_GOVERNMENT, *GOVERNMENT_KINDS)),
    AreaKind.SPECIAL_ZONE: (BodyKind.SPECIAL_ZONE_OFFICE, "管理机构", ()),
}


def _streets(
    out: Collector, d: Directory, decl: Declaration, kinds: dict[str, HolderKind], evidence: dict[str, TeamEvidence]
) -> None:
    rule = derived("street-level-body", next(f.file for f in decl.divisions if f.level == AreaLevel.STREET))
    party_rule = decl.applies("street-party-committee")
    party = derived("street-party-committee", DECLARATION, party_rule.basis if party_rule else "")
    teams = decl.applies("street-enforcement-team")
    assesses = decl.applies("street-assesses-forces")
    coordinates = decl.applies("street-coordinates")
    team_rule = derived("street-enforcement-team", DECLARATION, teams.basis if teams else "")
    for code, (name, district, unit_kind) in sorted(d.streets.items()):
        body_kind, suffix, holder_kinds = STREET_BODY[unit_kind]
        basis = NameBasis.GENERIC if unit_kind == AreaKind.SPECIAL_ZONE else NameBasis.PATTERN
        body = _body(
            out,
            d,
            f"st:{code}",
            name + suffix,
            rule,
            kind=body_kind,
            level=AreaLevel.STREET,
            name_basis=basis,
            **({"assesses_forces": assesses.basis} if assesses and unit_kind != AreaKind.SPECIAL_ZONE else {}),
            **({COORDINATES: coordinates.basis} if coordinates else {}),
            **_declared(decl, "street-emergency-ground", EMERGENCY_GROUND),
        )
        d.street_body[code] = body
        out.edge(body, EdgeType.GOVERNS, code, rule)
        _kinds(out, body, holder_kinds, rule, kinds)
        if unit_kind == AreaKind.SPECIAL_ZONE:
            continue
        _line(out, body, d.district_government[district], Line.ADMINISTRATIVE, True, rule)
        if party_rule and unit_kind in (AreaKind.STREET, AreaKind.AREA):
            pc = _body(
                out,
                d,
                f"party:{code}",
                name + "党工委",
                party,
                kind=BodyKind.STREET_PARTY_COMMITTEE,
                level=AreaLevel.STREET,
                name_basis=NameBasis.GENERIC,
            )
            out.edge(pc, EdgeType.GOVERNS, code, party)
            _kinds(out, pc, (BodyKind.STREET_PARTY_COMMITTEE,), party, kinds)
            _line(out, body, pc, Line.PARTY, False, party)
        ev = evidence.get(district)
        reported = ev is not None and unit_kind in ev.street_kinds
        if not (reported or teams):
            continue
        prov = ev.provenance if reported and ev else team_rule
        valid_from = ev.valid_from if reported and ev else (teams.valid_from if teams else "")
        team = _body(
            out,
            d,
            f"enf:{code}",
            name + "综合行政执法队",
            prov,
            kind=BodyKind.STREET_ENFORCEMENT_TEAM,
            level=AreaLevel.STREET,
            name_basis=NameBasis.GENERIC,
            valid_from=valid_from,
        )
        out.edge(team, EdgeType.GOVERNS, code, prov)
        _kinds(out, team, (GenericHolderKind.ENFORCEMENT_ORGANS,), team_rule, kinds)
        _line(out, team, body, Line.ADMINISTRATIVE, True, team_rule)
        enforcement = d.district_body.get((district, "dept:城市管理综合执法"))
        if enforcement:
            _line(out, team, enforcement, Line.PROFESSIONAL, False, team_rule)


def _communities(out: Collector, d: Directory) -> None:
    rule_name = "community-committee"
    parents = {e.source: e.target for e in out.batch.edges if e.type == EdgeType.PART_OF}
    for n in out.nodes_of(Label.AREA):
        if n.get("level") != AreaLevel.COMMUNITY:
            continue
        village = n.get("kind") in VILLAGE_KINDS
        kind = BodyKind.VILLAGERS_COMMITTEE if village else BodyKind.RESIDENTS_COMMITTEE
        prov = Provenance(ProvenanceKind.OFFICIAL, str(n.get("source")), rule=rule_name)
        body = _body(out, d, ("vc:" if village else "rc:") + n.id, n.name, prov, kind=kind, level=AreaLevel.COMMUNITY)
        out.edge(body, EdgeType.GOVERNS, n.id, prov)
        out.edge(body, EdgeType.OF_KIND, kind, prov)
        _line(
            out, body, d.street_body[parents[n.id]], Line.ADMINISTRATIVE, True, derived(rule_name, str(n.get("source")))
        )
