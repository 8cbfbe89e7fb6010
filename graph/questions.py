"""The rules of the three questions, over the Subgraph a store fetched in one round trip.

This is the only place that decides who is responsible, who reports to whom and who
responds; stores only fetch. Everything is sorted explicitly so that every store gives
the same answer.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

import networkx as nx

from graph.answers import (
    Assessment,
    Assignment,
    Chain,
    ChainStep,
    Coordinator,
    DutyMatch,
    DutyRef,
    Hop,
    Path,
    Reason,
    Ref,
    Responder,
    ResponderAnswer,
    Responsibility,
    SubjectMatch,
    Subordinate,
    SubordinatesAnswer,
    WhistleInput,
)
from graph.matcher import LEXICON_ARROW, STRONG
from graph.model import Edge, Node, Subgraph, short_kind_name, valid_on
from graph.subjects import URGENCY_TERM, names_sector
from graph.vocabulary import (
    RESPONDER_ROLES,
    STREET_LEVEL_BODY_KINDS,
    AreaLevel,
    BodyKind,
    EdgeType,
    HolderLevel,
    Label,
    Line,
    MatchKind,
    ProvenanceKind,
    ResponderRole,
    Role,
    TeamKind,
    Tier,
    Urgency,
)

COMMAND_CENTRES = frozenset({BodyKind.COMMAND_SUB_CENTRE, BodyKind.COMMAND_CENTRE})
# Kinds a clause names side by side of which a place has one (街道办事处、乡镇人民政府; 居委会、村委会).
ALTERNATIVE_KINDS = (
    frozenset({BodyKind.STREET_OFFICE, BodyKind.TOWNSHIP_GOVERNMENT}),
    frozenset({BodyKind.RESIDENTS_COMMITTEE, BodyKind.VILLAGERS_COMMITTEE}),
)
# The orders answers sort by: the vocabularies list their members in it.
ROLE_ORDER: dict[str, int] = {r: i for i, r in enumerate(Role)}
RESPONDER_ORDER: dict[str, int] = {r: i for i, r in enumerate(RESPONDER_ROLES)}
TIER_ORDER: dict[str, int] = {t: i for i, t in enumerate(Tier)}
ACTING_ROLES = (Role.ENFORCE, Role.LEAD, Role.RESPOND)
# A holder the case identifies acts also as the duty bearer: the utility that must keep its network to the meter
# working is the one that restores the heating. Its hand (assist) or oversight alone does not call it.
BY_CASE_ROLES = (*ACTING_ROLES, Role.DUTY_BEARER)
# Tiers order the holders of comparably relevant duties; a holder whose best duty matches the complaint less than
# this share of the best match comes after them (rule `relevance-first`, chosen on the evaluation's tune rows).
RELEVANT_SHARE = 0.6
ESCALATION_BAND = 2  # the band of escalation, ordered by the chain (sub-centre, centre, district, city), not relevance
# Who coordinates on a place's ground, by the level of the area it governs. The article that says so is each
# jurisdiction's law: the loader stores the basis a dataset declares (dataset.toml rules street-coordinates,
# district-coordinates: "citation: words") on the body as `coordinates`; a body with none coordinates nothing.
DISTRICT_COORDINATORS = frozenset({BodyKind.DISTRICT_GOVERNMENT})
COORDINATES = "coordinates"
# Emergencies (突发事件应对法实施办法 第五条): the district government and its emergency committee lead; the
# holder kinds whose bodies answer first among the duty holders are the emergency services (holder_kinds.csv ids),
# and so is the utility serving the address when the complaint's words find its clause (rule `utility-in-emergency`:
# a gas leak or a burst main is the utility's to stop at once, 燃气管理条例 第五十一条第二款 立即采取相应措施先行处置,
# 接诉即办工作条例 第十九条 水、电、气、热 around the clock; the district government still leads).
EMERGENCY_LEADS = frozenset({BodyKind.DISTRICT_GOVERNMENT, BodyKind.EMERGENCY_COMMITTEE})
EMERGENCY_SERVICES = frozenset({"fire_rescue", "dept:公安", "police_station", "public_service_enterprise"})
# Holders the 12345 line dispatches to directly (接诉即办工作条例 第十一条: the 承办单位 include 承担公共服务职能的企事业
# 单位) whom the case, not the place, identifies (rule `found-by-case`): the graph holds no such body, so a responder
# names the kind and how the dispatcher finds it (holder_kinds.csv ids).
FOUND_BY_CASE = {
    "public_service_enterprise": "the utility serving the address, which 12345 dispatches to directly "
    "(接诉即办工作条例 第十一条; 第十九条: 水、电、气、热 around the clock)",
    "handling_unit": "the unit the earlier order went to, named by its work-order number (接诉即办工作条例 第十五条)",
}
# A department or institution the law names and the graph holds no body of (rule `named-kind-without-body`: 烟草专卖部门,
# the disease-control institutions, 税务部门, the 消费者协会 are no part of the municipal government lists the graph was
# built from; nor does any Chongqing register we hold name its 公安机关消防机构, the fire authority of its 2013 fire
# regulation): a responder names the kind, so the competent authority is not dropped from the answer for want of a body.
NAMED_INSTITUTIONS = frozenset({"cdc", "animal_epidemic_agency", "consumer_association", "fire_psb"})
UNBODIED = "named by the law; the graph holds no body of this kind, so the dispatcher finds it"
# Rule `committee-by-address`: a committee that acts on a matched clause (居民委员会 mediating a neighbours' quarrel,
# calling a residents' meeting) when the place given is a street or a district, not the caller's community: the graph
# holds every committee but the place does not say which, so a responder names the kind, after the bodies of its band.
# A 街道's ground is communities (2,685 of its 2,850 in the divisions), so there only the residents' committee is named;
# a town's or an area's is villages and communities alike.
BY_ADDRESS = {
    "residents_committee": "the residents' committee of the caller's community, found by the caller's address",
    "villagers_committee": "the villagers' committee of the caller's village, found by the caller's address",
}
NOT_IN_A_STREET = frozenset({"villagers_committee"})
# Every emergency calls the district's fire rescue whatever the duties name. The articles each reason cites are the
# jurisdiction's law, declared in dataset.toml and stored on the bodies (Beijing: 突发事件应对法实施办法 第五条 for
# the district government and its committee, `leads_emergencies`; 第三十条 for the fire rescue force, `rescue_force`;
# 第四十七条 for the street-level body on whose ground it happened, `emergency_ground`, "citation: words").
LEADS_EMERGENCIES = "leads_emergencies"
RESCUE_FORCE = "rescue_force"
EMERGENCY_GROUND = "emergency_ground"
# The duties an emergency brings whatever its words (rule `emergency-response-duties`): the jurisdiction's
# response-phase clauses, declared in dataset.toml with their basis and stored on each duty under this property.
EMERGENCY_RESPONSE = "emergency_response"
LINE_ORDER: dict[str, int] = {lv: i for i, lv in enumerate(Line)}
LEVEL_RANK: dict[str, int] = {lv: i for i, lv in enumerate(reversed(AreaLevel))}  # the most local first
# Within escalation: the street's sub-centre, the district centre, the district government, then the city.
ESCALATION_ORDER: dict[str, int] = {
    k: i for i, k in enumerate((BodyKind.COMMAND_SUB_CENTRE, BodyKind.COMMAND_CENTRE, BodyKind.DISTRICT_GOVERNMENT))
}
# Where the whistle's place is on the ground: a team stationed there, or a body of that level.
GROUND_LEVELS = frozenset({AreaLevel.STREET, AreaLevel.COMMUNITY})

# Who assesses whom is each jurisdiction's law: the loader stores the basis a dataset declares (dataset.toml rules
# street-assesses-forces, district-assesses-streets) on the assessing bodies; a body with none assesses no one.
ASSESSES_FORCES = "assesses_forces"
ASSESSES_STREETS = "assesses_streets"


def _via_team(basis: str) -> str:
    return (
        basis.split(":")[0] + " via its unit stationed in the street; "
        "the street's score counts for at least one third of the department's (the reform's rule as the product "
        "brief states it; seeds/002 reports only 加大街乡考核部门的权重)"
    )


def _ref(ctx: Subgraph, id_: str) -> Ref:
    return ctx.remember(("ref", id_), Ref.of, ctx.nodes[id_])


def _hop(ctx: Subgraph, e: Edge) -> Hop:
    """The edge as a path shows it; one answer's paths share most edges, so each is made once per fetch."""
    return ctx.remember(("hop", *e.ident), _new_hop, ctx, e)


def _new_hop(ctx: Subgraph, e: Edge) -> Hop:
    return Hop(_ref(ctx, e.source), EdgeType(e.type), _ref(ctx, e.target), _detail(e))


def _detail(e: Edge) -> str:
    if e.type == EdgeType.RESPONSIBLE_FOR:
        return f"role={e.get('role')}"
    if e.type == EdgeType.REPORTS_TO:
        return f"line={e.get('line')}" + (",primary" if e.get("primary") else "")
    return ""


def _hops(ctx: Subgraph, edges: list[Edge]) -> Path:
    return Path(tuple(_hop(ctx, e) for e in edges))


@dataclass
class Place:
    """The place's ancestry and what governs and serves it, read from a place context."""

    ctx: Subgraph
    place_id: str
    as_of: str | None

    @classmethod
    def of(cls, ctx: Subgraph, place_id: str, as_of: str | None) -> Place:
        """The place read from this fetch, once: who holds the duties and who responds ask it the same questions."""
        return ctx.remember(("place", place_id, as_of or ""), cls, ctx, place_id, as_of)

    def __post_init__(self) -> None:
        # one answer asks the same few questions of the place for every matched duty: answered once each
        self._governing: dict[str, list[Edge]] = {}
        self._kinds: dict[str, frozenset[str]] = {}
        self._holding: dict[tuple[str, str], list[tuple[Edge, Edge]]] = {}
        self._governors: dict[str, dict[str, list[tuple[int, Edge]]]] = {}
        self._teams: dict[str, dict[str, list[tuple[Edge, Edge]]]] = {}
        self._up: dict[str, list[Edge]] = {}
        self._valid: dict[str, bool] = {}
        self.chain: list[Edge] = []  # PART_OF edges from the place upwards
        self.area_at: dict[str, str] = {}
        current = self.place_id
        self.area_at[str(self.ctx.nodes[current].get("level"))] = current
        while True:
            up = self.ctx.out(current, EdgeType.PART_OF)
            if not up:
                break
            self.chain.append(up[0])
            current = up[0].target
            self.area_at[str(self.ctx.nodes[current].get("level"))] = current

    @property
    def level(self) -> str:
        return str(self.ctx.nodes[self.place_id].get("level"))

    def valid(self, id_: str) -> bool:
        if id_ not in self._valid:
            self._valid[id_] = valid_on(self.ctx.nodes[id_].props, self.as_of)
        return self._valid[id_]

    def up_to(self, area: str) -> list[Edge]:
        """PART_OF edges from the area down to the place, in walking order (area first)."""
        if area not in self._up:
            edges: list[Edge] = []
            for e in self.chain:
                if area == self.place_id:
                    break
                edges.append(e)
                if e.target == area:
                    break
            self._up[area] = list(reversed(edges))
        return self._up[area]

    def governing(self, area: str) -> list[Edge]:
        if area not in self._governing:
            self._governing[area] = [
                e
                for e in self.ctx.into(area, EdgeType.GOVERNS)
                if self.valid(e.source) and valid_on(e.props, self.as_of)
            ]
        return self._governing[area]

    def kinds(self, body: str) -> frozenset[str]:
        """The kinds a body holds as of the date: a kind taken over or retired counts only while its edge stands."""
        if body not in self._kinds:
            self._kinds[body] = frozenset(
                e.target for e in self.ctx.out(body, EdgeType.OF_KIND) if valid_on(e.props, self.as_of)
            )
        return self._kinds[body]

    def holding(self, area: str, kind: str) -> list[tuple[Edge, Edge]]:
        """The bodies governing the area that hold the kind as of the date, in the order they govern it: (GOVERNS
        edge, the body's first OF_KIND edge to the kind) pairs."""
        if (area, kind) not in self._holding:
            if area not in self._governors:
                governors: dict[str, list[tuple[int, Edge]]] = {}
                for at, gov in enumerate(self.governing(area)):
                    governors.setdefault(gov.source, []).append((at, gov))
                self._governors[area] = governors
            governors = self._governors[area]
            first: dict[str, Edge] = {}
            held: set[str] = set()
            for of_kind in self.ctx.into(kind, EdgeType.OF_KIND):
                if of_kind.source in governors:
                    first.setdefault(of_kind.source, of_kind)
                    if valid_on(of_kind.props, self.as_of):
                        held.add(of_kind.source)
            found = sorted((at, gov, first[body]) for body in held for at, gov in governors[body])
            self._holding[(area, kind)] = [(gov, of_kind) for _, gov, of_kind in found]
        return self._holding[(area, kind)]

    def teams_in(self, area: str, parent: str) -> list[tuple[Edge, Edge]]:
        """The units a body sent to the area: (STATIONED_IN edge, its first SENT_BY edge to the body) pairs."""
        if area not in self._teams:
            by_parent: dict[str, list[tuple[Edge, Edge]]] = {}
            for station in self.ctx.into(area, EdgeType.STATIONED_IN):
                if not self.valid(station.source):
                    continue
                first: dict[str, Edge] = {}
                for sent in self.ctx.out(station.source, EdgeType.SENT_BY):
                    first.setdefault(sent.target, sent)
                for sender, sent in first.items():
                    by_parent.setdefault(sender, []).append((station, sent))
            self._teams[area] = by_parent
        return self._teams[area].get(parent, [])


def binds_here(place: Place, territory: str | None) -> bool:
    """A law binds in the territory of the body that made it (a national law, with no territory, everywhere)."""
    return not territory or territory in place.area_at.values()


def _kind_name(ctx: Subgraph, kind: str) -> str:
    node = ctx.nodes.get(kind)
    return short_kind_name(node.name) if node else kind


def responsibility(ctx: Subgraph, place_id: str, subject: SubjectMatch, as_of: str | None) -> Responsibility:
    """Who holds each matched duty at the place: the concrete body by level where the graph has one."""
    place = Place.of(ctx, place_id, as_of)
    out: list[Assignment] = []
    notes: list[str] = []
    elsewhere: list[str] = []
    for match in subject.duties:
        duty_node = ctx.nodes.get(match.duty.id)
        if duty_node is None:
            continue
        if not binds_here(place, duty_node.get("territory")):
            elsewhere.append(match.duty.id)
            continue
        if not valid_on(duty_node.props, as_of):
            notes.append(
                f"{match.duty.id} ({match.duty.citation}) is left out: its wording is in force from "
                f"{duty_node.get('valid_from')}, after {as_of}"
            )
            continue
        for held in ctx.into(match.duty.id, EdgeType.RESPONSIBLE_FOR):
            for level in held.get("levels", []):
                found = _holders(place, match.duty, match.score, held, HolderLevel(str(level)))
                if found is None:
                    notes.append(_not_here(place, match.duty, held.source, str(level)))
                else:
                    out.extend(found)
        for delegated in ctx.out(match.duty.id, EdgeType.DELEGATED_TO):
            if valid_on(delegated.props, as_of):
                out.extend(_delegated(place, match.duty, match.score, delegated))
    if elsewhere:
        notes.append(
            f"{len(elsewhere)} matched duty(ies) are another jurisdiction's law and do not bind here: "
            + ", ".join(elsewhere[:5])
            + (" …" if len(elsewhere) > 5 else "")
        )
    if subject.ruled_out:
        notes.append(
            "read as what the complaint is not about (rule `ruled-out`), its words finding no clause on their own: "
            + " ".join(f"「{said}」" for said in subject.ruled_out)
        )
    if subject.unlike:
        notes.append(
            "matched surely by its words but graded weak, the wording being unlike complaints already read about "
            + "、".join(subject.unlike)
            + " (rule `unlike-its-law`)"
        )
    if subject.ungoverned:
        notes.append(
            "matched surely by its words but graded weak, the wording resembling complaints about matters no bundled "
            f"text governs ({subject.ungoverned:.2f}, rule `like-ungoverned`): a private claim may be what it is about"
        )
    if subject.resembles:
        notes.append(
            "no clause matches surely: the weak matches are ordered by how the wording resembles complaints already "
            f"read (rule `law-prior`), most like those about {subject.resembles}"
        )
    out.sort(key=_assignment_order)
    return Responsibility(_ref(ctx, place_id), as_of, subject, tuple(out), tuple(notes))


def _assignment_order(a: Assignment) -> tuple[int, bool, int, float, str, str]:
    return (
        ROLE_ORDER.get(a.role, 99),
        a.body is None,
        LEVEL_RANK.get(a.level, 9),
        -a.score,
        a.duty.id,
        a.body.id if a.body else a.holder_kind,
    )


def _holders(place: Place, duty: DutyRef, score: float, held: Edge, level: HolderLevel) -> list[Assignment] | None:
    """The holders of one duty at one level; None when the clause's kind is not the one this place has."""
    ctx = place.ctx
    kind = held.source
    role = Role(str(held.get("role")))
    kind_name = _kind_name(ctx, kind)

    def unresolved(why: str) -> Assignment:
        return Assignment(role, duty, kind, kind_name, level, None, why, _hops(ctx, [held]), score=score)

    if level == HolderLevel.UNIT:
        return [unresolved(f"duty bearer outside government: {kind_name}")]
    area = place.area_at.get(level)
    if area is None:
        return [unresolved(f"a {level}-level holder; the place is a {place.level}: ask about a {level} to name it")]
    found: list[Assignment] = []
    for gov, of_kind in place.holding(area, kind):
        body = gov.source
        path = _hops(ctx, [held, of_kind, gov, *place.up_to(area)])
        why = f"{kind_name} governing {ctx.nodes[area].name}{_tenure(ctx.nodes[body])}" + _succession(ctx, of_kind)
        found.append(Assignment(role, duty, kind, kind_name, level, _ref(ctx, body), why, path, score=score))
        found.extend(_teams_of(place, duty, score, held, body, [held, of_kind]))
    if not found:
        if _sibling_governs(place, kind, area):
            return None
        return [unresolved(_why_none(place, kind, area))]
    return found


def _succession(ctx: Subgraph, of_kind: Edge) -> str:
    """Why today's body holds a kind an older text names: the rule that says so and its legal basis."""
    current = of_kind.get("via_kind")
    if not current:
        return ""
    return (
        f"; the text's {_kind_name(ctx, of_kind.target)} is today's {_kind_name(ctx, str(current))} "
        f"(derived: {of_kind.get('rule')}; {of_kind.get('evidence')})"
    )


def _tenure(body: Node) -> str:
    """A reorganised body's standing with its basis (loaders/reorganisations.py): until when, or since when."""
    if body.get("succeeded_by"):
        after = ", ".join(body.get("succeeded_by"))
        basis = body.get("succession_basis") or body.get("evidence")
        return f"; until {body.get('valid_to')}, then succeeded by {after} ({basis})"
    standing = ""
    if body.get("predecessors"):
        before = ", ".join(body.get("predecessors"))
        standing = f"; from {body.get('valid_from')}, succeeding {before} ({body.get('reorganisation_basis')})"
    if body.get("took_over"):
        before = ", ".join(body.get("took_over"))
        standing += f"; from {body.get('took_over_on')}, also taking over from {before} ({body.get('takeover_basis')})"
    return standing


def _teams_of(
    place: Place, duty: DutyRef, score: float, held: Edge, parent: str, lead_in: list[Edge]
) -> list[Assignment]:
    """Units of a responsible body stationed at the place: on the ground for the street, or in the district."""
    ctx = place.ctx
    found = []
    for level in (AreaLevel.STREET, AreaLevel.DISTRICT):
        area = place.area_at.get(level)
        if area is None:
            continue
        for station, sent in place.teams_in(area, parent):
            team = station.source
            path = _hops(ctx, [*lead_in, sent, station, *place.up_to(area)])
            why = f"{ctx.nodes[team].get('form')} of {ctx.nodes[parent].name} in {ctx.nodes[area].name}"
            found.append(
                Assignment(
                    Role(str(held.get("role"))),
                    duty,
                    held.source,
                    _kind_name(ctx, held.source),
                    HolderLevel(level),
                    _ref(ctx, team),
                    why,
                    path,
                    score=score,
                )
            )
    return found


def _not_here(place: Place, duty: DutyRef, kind: str, level: str) -> str:
    area = place.area_at[level]
    others = sorted(
        place.ctx.nodes[e.source].name for e in place.governing(area) if _alternative(place, kind, e.source)
    )
    return (
        f"{duty.id}: the clause also names {_kind_name(place.ctx, kind)}, which {place.ctx.nodes[area].name} "
        f"does not have; it is held here by {', '.join(others)}"
    )


def _alternative(place: Place, kind: str, body: str) -> bool:
    return any(kind in group and place.kinds(body) & (group - {kind}) for group in ALTERNATIVE_KINDS)


def _sibling_governs(place: Place, kind: str, area: str) -> bool:
    for group in ALTERNATIVE_KINDS:
        if kind in group:
            return any(place.kinds(e.source) & (group - {kind}) for e in place.governing(area))
    return False


def _why_none(place: Place, kind: str, area: str) -> str:
    ctx = place.ctx
    area_node = ctx.nodes[area]
    node = ctx.nodes.get(kind)
    notes = f" ({node.get('notes')})" if node is not None and node.get("notes") else ""
    return f"no body of kind {kind} governs {area_node.name} in the graph{notes}"


def _delegated(place: Place, duty: DutyRef, score: float, delegated: Edge) -> list[Assignment]:
    """A power the 2020 decision may have moved to the street: its enforcement team, else the street body."""
    ctx = place.ctx
    street = place.area_at.get(AreaLevel.STREET)
    kind = delegated.target
    if street is None:
        return []
    found = []
    for gov, of_kind in place.holding(street, kind):
        body = gov.source
        teams = [
            e for e in place.governing(street) if ctx.nodes[e.source].get("kind") == BodyKind.STREET_ENFORCEMENT_TEAM
        ]
        tail = [*place.up_to(street)]
        if teams:
            target, path = teams[0].source, [delegated, of_kind, gov, teams[0], *tail]
        else:
            target, path = body, [delegated, of_kind, gov, *tail]
        why = (
            f"power delegated to {_kind_name(ctx, kind)} from {delegated.get('valid_from')} "
            "(京政发〔2020〕9号; the item list is not public, so this item is unverified)"
        )
        found.append(
            Assignment(
                Role.ENFORCE,
                duty,
                kind,
                _kind_name(ctx, kind),
                HolderLevel.STREET,
                _ref(ctx, target),
                why,
                _hops(ctx, path),
                True,
                score,
            )
        )
    return found


# -- responders -------------------------------------------------------------------------


def responders(
    ctx: Subgraph, answer: Responsibility, whistle: WhistleInput, competent: Collection[tuple[str, str]] = ()
) -> ResponderAnswer:
    """Ordered responders: the holders on the ground, then district bodies, then escalation; the place's coordinator
    always among them (first when the words matched no duty on more than one word); emergencies led by the district
    government.
    Tiers order holders of comparably relevant duties: one whose duty matches far less (RELEVANT_SHARE) than the best
    duty a body below escalation acts on comes after the holders of the duties the complaint is about, whatever its
    tier (rule `near-yardstick`: a city bureau's clause, whose holder comes later anyway, does not make the district
    holders look irrelevant — a stray dog's bite matches the city police's 留检所 best, and the district branch
    must still come before a clause a stray word found); and among those alike, a holder acting under
    the law of the best-matched clause, or of any clause surely matched, comes before one a stray word of the complaint
    found in another law (rule `focus-regulation`: a bicycle shed let out as a shop is the property regulation's
    matter, so the bodies it charges come before the environment bureau a hazardous-waste clause found for a stray
    word; fish dumped into a river is the water-pollution law's matter and, surely matched too, the river law's, so
    the water bureau comes before the city-management bodies a clause on litter brings), and the coordinator
    holding no clause, beyond one word, comes after that law's holders even when their clause matches less (rule
    `focus-before-coordinator`: a gym's loud music is the noise law's, so its enforcer, whose clause on commercial
    noise scores below the police's, is called before the street office that is alerted anyway); escalation keeps
    the order of the chain."""
    place = Place.of(ctx, answer.place.id, whistle.as_of)
    emergency = whistle.urgency == Urgency.EMERGENCY
    sure = answer.subject.confidence == STRONG
    coordinator = territorial_coordinator(place)
    grouped: dict[str, list[Assignment]] = {}
    for a in answer.assignments:
        if a.body is not None and a.role in RESPONDER_ROLES:
            grouped.setdefault(a.body.id, []).append(a)
    weak = {m.duty.id: m.terms for m in answer.subject.duties if m.confidence != STRONG}
    thin = {duty for duty, terms in weak.items() if len(terms) <= 1}
    urgent = {m.duty.id for m in answer.subject.duties if m.how == MatchKind.URGENCY}
    worded = {m.duty.id for m in answer.subject.duties if any(t != URGENCY_TERM for t in m.terms)}
    said = {m.duty.id: m for m in answer.subject.duties}
    apart = {m.duty.id for m in answer.subject.duties if m.second}
    # rule `focus-regulation`: the law of the best-matched clause, and every law a clause was surely matched in, is
    # what the complaint is about
    by_words = [m for m in answer.subject.duties if m.how == MatchKind.TEXT]
    focus = frozenset(m.duty.regulation for m in by_words[:1] + [m for m in by_words if m.confidence == STRONG])
    found: list[Responder] = []
    for body_id, items in grouped.items():
        # an emergency-response duty is a holder's first reason: it is why the body acts now, whatever else matched
        items.sort(key=lambda a: (a.duty.id not in urgent, RESPONDER_ORDER[a.role], -a.score, a.duty.id))
        best = items[0]
        reasons = tuple(Reason(a.duty, a.role, a.holder_kind, a.score, a.path, a.delegated) for a in items)
        why = _flag_weak(_because(best, best.resolution, said), best, weak)
        body = _ref(ctx, body_id)
        found.append(Responder(0, _tier(place, body_id), body, ResponderRole(best.role), why, reasons, best.path))
    # (an emergency alerts every responder at once; a kind the graph holds no body of cannot be alerted)
    street = place.area_at.get(AreaLevel.STREET)
    in_a_street = street is not None and ctx.nodes[street].get("kind") == "street"
    found.extend(
        r
        for r in _found_by_case(ctx, answer.assignments, answer.subject.duties, weak, said)
        if not (emergency and _unbodied(r)) and not (in_a_street and r.body.id in NOT_IN_A_STREET)
    )
    if coordinator is not None and coordinator.body.id not in grouped:
        ground = str(ctx.nodes[coordinator.body.id].get(EMERGENCY_GROUND) or "") if emergency else ""
        basis, quote = ground.split(": ", 1) if ": " in ground else (coordinator.basis, coordinator.quote)
        why = f"coordinates on its ground: {basis}: {quote}"
        tier = _tier(place, coordinator.body.id)
        found.append(Responder(0, tier, coordinator.body, ResponderRole.COORDINATE, why, (), coordinator.path))
    for body_id, path, why in _escalation(place, emergency):
        if body_id not in grouped and (coordinator is None or body_id != coordinator.body.id):
            tier = _tier(place, body_id)
            found.append(Responder(0, tier, _ref(ctx, body_id), ResponderRole.ESCALATION, why, (), path))
    coordinator_id = coordinator.body.id if coordinator else ""
    # rule `coordinator-after-holders`: the words found the bodies that hold the matter, unless all rest on one word
    beyond_one_word = any(m.duty.id not in thin for m in answer.subject.duties)
    delegated = {reason.duty.id for r in found for reason in r.reasons if reason.delegated}
    # (a kind named without a body sets no bar for the bodies: it follows them, rule `named-kind-without-body`)
    bodied = [r for r in found if not _unbodied(r)]
    held_nearer = {x.holder_kind for r in bodied if r.tier != Tier.ESCALATION for x in r.reasons}
    best_match = max((_relevance(r) for r in bodied), default=0.0)
    # rule `sure-unacted`: a clause surely matched that no body acts on (居民委员会…监督协议的执行) makes its holders, in
    # whatever role, as relevant as its match, so weak matches elsewhere do not bury the committee the complaint asks for
    strong = frozenset(m.duty.id for m in answer.subject.duties if m.confidence == STRONG)
    acted = any(x.duty.id in strong and x.role in _acting(r) for r in found for x in r.reasons)
    unacted = frozenset() if acted else strong
    best_near = max((_relevance(r) for r in bodied if r.tier != Tier.ESCALATION), default=0.0)
    stand_in = min((_relevance(r) for r in found if _stands_in(r, delegated)), default=math.inf)

    def off_focus(r: Responder) -> bool:
        return bool(r.reasons) and all(x.duty.regulation not in focus for x in r.reasons)

    # rule `sector-by-trade`: where the complaint names the trade, the departments a law lists by trade for other
    # trades follow its sector and its competent body (a gym's card: 体育, not 水务 or 农业农村)
    sectors = [m for m in answer.subject.duties if names_sector(m)]
    by_trade = {m.duty.regulation for m in sectors}
    kept = {(m.duty.regulation, m.duty.holder_kind) for m in sectors}
    kept |= {(regulation, kind) for regulation, kind in competent if regulation in by_trade}

    def other_trade(r: Responder) -> bool:
        return bool(r.reasons) and all(
            x.duty.regulation in by_trade and (x.duty.regulation, x.holder_kind) not in kept for x in r.reasons
        )

    def order(r: Responder) -> tuple[int, int, float, int, int, int, int, int, float, int, int, float, int, str]:
        # what the words matched orders the holders; the duties an emergency brings by rule only explain them
        best = next((x for x in r.reasons if x.duty.id not in urgent), None)
        bare = r.body.id == coordinator_id and not r.reasons
        band = _band(
            ctx,
            r,
            coordinator_id,
            emergency,
            sure,
            beyond_one_word,
            held_nearer,
            best_match,
            thin,
            urgent,
            worded,
            focus,
        )
        return (
            band,
            # rule `second-matter`: within a band, the holders of a second matter follow those of the first
            1 if r.reasons and all(x.duty.id in apart for x in r.reasons) else 0,
            # rule `worded-service-by-match`: in an emergency, after the district government (band 0) and the
            # coordinator (band 1), of the services the words found alike the better-matched first
            -_relevance(r) if emergency and band > 1 else 0.0,
            # rule `named-kind-without-body`: a kind the graph holds no body of follows the bodies of its band, which
            # the dispatcher can reach at once
            1 if _unbodied(r) else 0,
            1 if other_trade(r) else 0,
            1
            if band < ESCALATION_BAND
            and (bare or r.reasons and _relevance(r, unacted=unacted) < RELEVANT_SHARE * best_near)
            else 0,
            # rule `focus-before-coordinator`: the bare coordinator stands after the holders of the focus law
            1 if band < ESCALATION_BAND and (bare and beyond_one_word or off_focus(r)) else 0,
            0 if best is None or best.role in _acting(r) or (best.duty.regulation, best.holder_kind) in kept else 1,
            _tier_rank(ctx, r, delegated, stand_in),
            _escalation_rank(ctx, r.body.id),
            RESPONDER_ORDER.get(best.role, len(RESPONDER_ROLES)) if best else len(RESPONDER_ROLES),
            -best.score if best else 0.0,
            # rule `competent-first`: among holders alike in all the words decide (the nine departments a prepaid-card
            # penalty lists by trade), the one the regulation makes competent for its matter comes first
            0 if best and (best.duty.regulation, best.holder_kind) in competent else 1,
            r.body.id,
        )

    ranked = tuple(
        Responder(
            i + 1,
            r.tier,
            r.body,
            r.role,
            r.why,
            r.reasons,
            r.path,
            _notify_now(r, whistle.urgency, ctx, thin, coordinator_id),
        )
        for i, r in enumerate(_once_per_power(sorted(found, key=order)))
    )
    unresolved = tuple(a for a in answer.assignments if a.body is None and a.role in RESPONDER_ROLES)
    notes = answer.notes
    if not answer.subject.duties and coordinator is not None:
        notes = (
            *notes,
            f"no duty in the loaded lists governs this whistle; {coordinator.body.name} coordinates on its ground "
            f"({coordinator.basis}), and the escalation chain above it is listed",
        )
    return ResponderAnswer(whistle, answer.place, answer.subject, ranked, unresolved, notes, coordinator)


def _once_per_power(ranked: list[Responder]) -> list[Responder]:
    """Rule `once-per-power`: a holder acting only on duties a body above it already acts on (a sunk team behind the
    department that sent it, a sub-centre's work team) comes after the holders of other duties, so the first places
    name distinct powers — a kind named without a body among them (烟草专卖部门 beside the market regulator for
    cigarettes sold near a school, before the regulator's stationed teams); a body holding a power by the unverified
    2020 delegation does not push back the body the law names (`unverified-delegation` keeps both)."""
    seen: list[frozenset[str]] = []
    distinct: list[Responder] = []
    repeats: list[Responder] = []
    for r in ranked:
        duties = frozenset(x.duty.id for x in r.reasons if x.role in ACTING_ROLES)
        if r.tier != Tier.ESCALATION and duties and any(duties <= held for held in seen):
            repeats.append(r)
            continue
        if not any(x.delegated for x in r.reasons):
            seen.append(duties)
        distinct.append(r)
    cut = max((i + 1 for i, r in enumerate(distinct) if r.tier != Tier.ESCALATION), default=0)
    return [*distinct[:cut], *repeats, *distinct[cut:]]


def _flag_weak(why: str, best: Assignment, weak: dict[str, tuple[str, ...]]) -> str:
    """A responder's sentence, saying so when its best reason is a weak match: a dispatcher reads the sentence, not
    only the match's grade."""
    if best.duty.id not in weak:
        return why
    return f"weak match ({', '.join(weak[best.duty.id]) or 'few words'}); {why}"


def _because(best: Assignment, how: str, said: Mapping[str, DutyMatch]) -> str:
    """A responder's sentence: its best duty's role, citation and text (with the item the complaint's words name, for
    a row listing items: graph/items.py), how its holder was resolved, and, for a duty a matched one brought
    (graph/companions.py), which brought it and why."""
    match = said.get(best.duty.id)
    item = match.item if match else ""
    via = f"; {match.via}" if match and match.via else ""
    return f"{best.role} under {best.duty.citation}: {best.duty.duty}{item} ({how}){via}"


def _found_by_case(
    ctx: Subgraph,
    assignments: Sequence[Assignment],
    matches: Sequence[DutyMatch],
    weak: dict[str, tuple[str, ...]],
    said: Mapping[str, DutyMatch],
) -> list[Responder]:
    """One responder per holder kind the case identifies (FOUND_BY_CASE, BY_ADDRESS, a kind named without a body): the
    kind's node stands for the body, the reasons are the matched duties it holds, and the sentence says how the
    dispatcher finds the body."""
    about = {m.duty.id for m in matches if _about(m)}
    by_kind: dict[str, list[Assignment]] = {}
    for a in assignments:
        named = a.holder_kind.startswith("dept:") or a.holder_kind in NAMED_INSTITUTIONS
        if a.body is None and (
            (a.holder_kind in FOUND_BY_CASE and a.role in BY_CASE_ROLES)
            or ((named or a.holder_kind in BY_ADDRESS) and a.role in ACTING_ROLES)
        ):
            by_kind.setdefault(a.holder_kind, []).append(a)
    found = []
    for kind, items in sorted(by_kind.items()):
        if not any(a.duty.id in about for a in items):
            continue  # it stays among the unresolved holders: nothing says the complaint is about its matter
        items.sort(key=lambda a: (BY_CASE_ROLES.index(a.role), -a.score, a.duty.id))
        best = items[0]
        reasons = tuple(Reason(a.duty, a.role, a.holder_kind, a.score, a.path) for a in items)
        how = (
            f"{FOUND_BY_CASE[kind]}; the graph names no body"
            if kind in FOUND_BY_CASE
            else BY_ADDRESS.get(kind, UNBODIED)
        )
        why = _flag_weak(_because(best, how, said), best, weak)
        found.append(Responder(0, Tier.BY_CASE, _ref(ctx, kind), ResponderRole(best.role), why, reasons, best.path))
    return found


def _about(m: DutyMatch) -> bool:
    """Whether a match says the complaint is about the clause's matter: a strong match, or words the lexicon carried
    to the clause's wording (停暖→水电气热). Shared ordinary words (咨询, 手续, 管道) do not: they would name a
    utility or an earlier order's handler for a passport or a restaurant's flue."""
    return m.confidence == STRONG or any(LEXICON_ARROW in t for t in m.terms)


def territorial_coordinator(place: Place) -> Coordinator | None:
    """The street office, area office or town/township government of the place (the district government for a
    district), where its jurisdiction's law makes it the coordinator of every request on its ground (Beijing:
    接诉即办工作条例 第五条); None where no law loaded says so."""
    ctx = place.ctx
    for level, kinds in ((AreaLevel.STREET, STREET_LEVEL_BODY_KINDS), (AreaLevel.DISTRICT, DISTRICT_COORDINATORS)):
        area = place.area_at.get(level)
        if area is None:
            continue
        for gov in sorted(place.governing(area), key=lambda e: e.source):
            declared = str(ctx.nodes[gov.source].get(COORDINATES) or "")
            if ctx.nodes[gov.source].get("kind") in kinds and declared:
                basis, _, quote = declared.partition(": ")
                return Coordinator(_ref(ctx, gov.source), basis, quote, _hops(ctx, [gov, *place.up_to(area)]))
    return None


def _band(
    ctx: Subgraph,
    r: Responder,
    coordinator: str,
    emergency: bool,
    sure: bool,
    beyond_one_word: bool,
    held_nearer: set[str],
    best_match: float,
    thin: set[str],
    urgent: set[str],
    worded: set[str],
    focus: frozenset[str],
) -> int:
    """The coarse position of a responder before its tier and role decide.

    An emergency is led by the district government (突发事件应对法实施办法 第五条) with the place's coordinator (第四十七条), then the
    emergency services (the fire rescue force of 第三十条, and those the matched duties name, the utility serving the
    address among them: `utility-in-emergency`) — first a service whose emergency-response duty the complaint's words
    match (a blast: the rescue force), then one the words found under another clause (a knife in a hospital: the
    police), then the rescue force called by rule whatever the words (rule `worded-service-first`; among services alike,
    the better-matched first, whatever their role: `worded-service-by-match`) — then the emergency committee; the city's
    own bodies (its fire rescue force, the city police) stand behind the district's. Otherwise tiers decide; the
    coordinator, holding no duty, comes after the holders of the duties the words match (rule
    `coordinator-after-holders`: they hold the matter, and it is named and alerted in every answer anyway) and first
    only when nothing matched or every match rests on one word, since it must take every request on its ground (接诉即办工作条例
    第五条). A municipal department is escalation when a body nearer the place holds each kind it holds (the city bureau
    above the district one), but ranks as a holder when it is the only holder of a kind here (a power the law keeps at
    city level), unless that rests on a weak match of one word (`thin`: 楼梯 naming the planning commission's clause on
    stair lifts in old buildings is no reason to call the city commission before the district government), and only when
    that clause is of a law the complaint is about (`focus-regulation`; rule `sole-holder-in-focus`: a card room in a flat is the
    noise law's matter, so the city housing commission a property-management clause found stays escalation); likewise
    the district government, escalation for most whistles, is a holder when a clause naming it by its own kind (not
    各级人民政府) matches the complaint about as well as the best one (rule `named-district-government`: a rabid dog that bit
    villagers, 狂犬病 under 养犬管理规定 第十九条, where the district government organises the response), unless that match too rests
    on one word (a burst street main, 供水管网, naming its water-saving incentives). A whistle placed at a district has the
    district government as its coordinator, which is then no escalation either.
    """
    kind = ctx.nodes[r.body.id].get("kind")
    if emergency:
        if kind == BodyKind.DISTRICT_GOVERNMENT:
            return 0
        if r.body.id == coordinator:
            return 1
        if r.tier == Tier.ESCALATION:
            return 6  # the city's own services stand behind the district's
        fire = kind == BodyKind.FIRE_RESCUE  # its duties name it by older names too (公安消防队)
        services = [x.duty.id for x in r.reasons if fire or x.holder_kind in EMERGENCY_SERVICES]
        if any(d in urgent and d in worded for d in services):
            return 2
        if any(d in worded for d in services):
            return 3
        if fire or services:
            return 4
        return 5 if kind == BodyKind.EMERGENCY_COMMITTEE else 6
    sole_holder = kind == BodyKind.MUNICIPAL_DEPARTMENT and any(
        # rule `sole-holder-in-focus`: only a clause of the law the complaint is about lifts it out of escalation
        x.holder_kind not in held_nearer and x.duty.id not in thin and (not focus or x.duty.regulation in focus)
        for x in r.reasons
    )
    own = _relevance(r, BodyKind.DISTRICT_GOVERNMENT)  # by the holder kind that is its namesake in holder_kinds.csv
    named = (
        kind == BodyKind.DISTRICT_GOVERNMENT
        and own >= RELEVANT_SHARE * best_match > 0
        and not all(x.duty.id in thin for x in r.reasons if x.holder_kind == BodyKind.DISTRICT_GOVERNMENT)
    )
    if r.tier == Tier.ESCALATION and not (sole_holder or named or r.body.id == coordinator):
        return ESCALATION_BAND
    return 0 if sure or (r.body.id == coordinator and (bool(r.reasons) or not beyond_one_word)) else 1


def _relevance(r: Responder, holder_kind: str | None = None, unacted: frozenset[str] = frozenset()) -> float:
    """How well the complaint matches the best duty a responder acts on (its match score), or holds in any role among
    `unacted` (rule `sure-unacted`), counting only the duties that name it as `holder_kind` when one is given; 0 for none."""
    return max(
        (
            x.score
            for x in r.reasons
            if (x.role in _acting(r) or x.duty.id in unacted) and (holder_kind is None or x.holder_kind == holder_kind)
        ),
        default=0.0,
    )


def _acting(r: Responder) -> tuple[Role, ...]:
    """The roles that make a responder act on a complaint (BY_CASE_ROLES for a holder the case identifies)."""
    return BY_CASE_ROLES if r.tier == Tier.BY_CASE else ACTING_ROLES


def _unbodied(r: Responder) -> bool:
    """A department or institution the law names and the graph holds no body of (rule `named-kind-without-body`)."""
    return r.tier == Tier.BY_CASE and r.body.id not in FOUND_BY_CASE


def _stands_in(r: Responder, delegated: set[str]) -> bool:
    """A district body holding, as the law names it, a power the 2020 decision may have delegated to the street."""
    return r.tier == Tier.DISTRICT and any(reason.duty.id in delegated for reason in r.reasons if not reason.delegated)


def _tier_rank(ctx: Subgraph, r: Responder, delegated: set[str], stand_in: float) -> float:
    """Tiers in order, except for a power the 2020 decision may have delegated to the street (rule
    `unverified-delegation`): its item list is not public, so the delegation is unverified and the dispatcher needs both
    bodies. The holder the law names comes right after the other bodies on the ground — it holds the power unless the
    item was delegated, which nobody can check — and so does any district body whose clause matches the complaint
    better than the weakest such holder (`stand_in`): the doubt about a delegation never outranks a better match. The
    street's enforcement team that may hold the power now comes after the district's holders: its power is one the
    answer already names through the holder of record, so it must not push another body's out of sight. A municipal
    department's work team in a district (the 23 teams sent to the city sub-centre "to dock with the district's
    work", seeds/000) liaises for its department: it comes after the district's own holders."""
    if ctx.nodes[r.body.id].get("kind") == TeamKind.WORK_TEAM:
        return TIER_ORDER[Tier.DISTRICT] + 0.5
    if _stands_in(r, delegated) or (r.tier == Tier.DISTRICT and _relevance(r) > stand_in):
        return TIER_ORDER[Tier.ON_GROUND] + 0.5
    if r.reasons and all(reason.delegated for reason in r.reasons):
        return TIER_ORDER[Tier.DISTRICT] + 0.25
    return TIER_ORDER[r.tier]


def _tier(place: Place, body_id: str) -> Tier:
    node = place.ctx.nodes[body_id]
    if node.label == Label.SUNK_TEAM:
        station = place.ctx.out(body_id, EdgeType.STATIONED_IN)
        level = place.ctx.nodes[station[0].target].get("level") if station else AreaLevel.DISTRICT
        return Tier.ON_GROUND if level in GROUND_LEVELS else Tier.DISTRICT
    level = node.get("level")
    kind = node.get("kind")
    if kind in COMMAND_CENTRES or kind == BodyKind.DISTRICT_GOVERNMENT or level == AreaLevel.CITY:
        return Tier.ESCALATION
    return Tier.ON_GROUND if level in GROUND_LEVELS else Tier.DISTRICT


def _escalation_rank(ctx: Subgraph, body_id: str) -> int:
    """Within escalation: the street's sub-centre, the district centre, the district government, the city."""
    return ESCALATION_ORDER.get(ctx.nodes[body_id].get("kind"), len(ESCALATION_ORDER))


def _escalation(place: Place, emergency: bool) -> list[tuple[str, Path, str]]:
    """Coordinators above the street that a whistle escalates to, whether or not they hold the duty; in an emergency
    also the district's emergency committee, which leads with the district government."""
    ctx = place.ctx
    found = []
    district_kinds = {BodyKind.COMMAND_CENTRE, BodyKind.DISTRICT_GOVERNMENT}
    if emergency:
        district_kinds |= {BodyKind.EMERGENCY_COMMITTEE, BodyKind.FIRE_RESCUE}
    for level, kinds in ((AreaLevel.STREET, {BodyKind.COMMAND_SUB_CENTRE}), (AreaLevel.DISTRICT, district_kinds)):
        area = place.area_at.get(level)
        if area is None:
            continue
        for gov in place.governing(area):
            kind = ctx.nodes[gov.source].get("kind")
            if kind in kinds:
                path = _hops(ctx, [gov, *place.up_to(area)])
                name, over = ctx.nodes[gov.source].name, ctx.nodes[area].name
                why = f"escalation: {name} coordinates over {over}"
                lead, rescue = ctx.nodes[gov.source].get(LEADS_EMERGENCIES), ctx.nodes[gov.source].get(RESCUE_FORCE)
                if emergency and kind in EMERGENCY_LEADS and lead:
                    why = f"leads the emergency response over {over}: {lead}"
                elif emergency and kind == BodyKind.FIRE_RESCUE and rescue:
                    why = f"the comprehensive emergency rescue force over {over}: {rescue}"
                found.append((gov.source, path, why))
    return found


def _notify_now(r: Responder, urgency: str, ctx: Subgraph, thin: set[str], coordinator: str) -> bool:
    """Emergencies alert everyone at once; otherwise the coordinator, the holders, and in urgent whistles the command
    centres. A holder called only by weak matches resting on one word of the complaint (`thin`: 物业公司 in a wage
    complaint) is listed but not alerted: an incidental clause must not summon a department before the coordinator,
    which takes every request on its ground (接诉即办工作条例 第五条), has looked."""
    if r.tier == Tier.BY_CASE:
        return False  # no body to alert: the dispatcher finds it from the case
    if urgency == Urgency.EMERGENCY or r.body.id == coordinator:
        return True
    if r.tier != Tier.ESCALATION:
        return not (r.reasons and all(x.duty.id in thin for x in r.reasons))
    return urgency == Urgency.URGENT and ctx.nodes[r.body.id].get("kind") in COMMAND_CENTRES


# -- reporting lines ---------------------------------------------------------------------


def chains(ctx: Subgraph, body_id: str, line: str | None, as_of: str | None) -> tuple[Chain, ...]:
    """The chain up from a body on each requested line; where a line ends, the primary line carries on."""
    own = [e for e in ctx.out(body_id, EdgeType.REPORTS_TO) if valid_on(e.props, as_of)]
    lines = [Line(line)] if line else [lv for lv in Line if any(e.get("line") == lv for e in own)]
    return tuple(Chain(lv, tuple(_walk(ctx, body_id, lv, as_of))) for lv in lines)


def _walk(ctx: Subgraph, body_id: str, line: str, as_of: str | None) -> list[ChainStep]:
    steps: list[ChainStep] = []
    seen = {body_id}
    current = body_id
    while True:
        out = [
            e
            for e in ctx.out(current, EdgeType.REPORTS_TO)
            if valid_on(e.props, as_of) and valid_on(ctx.nodes[e.target].props, as_of)
        ]
        on_line = sorted((e for e in out if e.get("line") == line), key=lambda e: (not e.get("primary"), e.target))
        primary = sorted((e for e in out if e.get("primary")), key=lambda e: (LINE_ORDER[str(e.get("line"))], e.target))
        edge, fallback = (on_line[0], False) if on_line else ((primary[0], True) if primary else (None, False))
        if edge is None or edge.target in seen:
            return steps
        steps.append(
            ChainStep(
                _ref(ctx, current),
                _ref(ctx, edge.target),
                Line(str(edge.get("line"))),
                bool(edge.get("primary")),
                fallback,
                ProvenanceKind(str(edge.get("provenance"))) if edge.get("provenance") else None,
                str(edge.get("source", "")),
                str(edge.get("rule", "")),
            )
        )
        seen.add(edge.target)
        current = edge.target


def subordinates(
    ctx: Subgraph, body_id: str, depth: int, line: str | None, as_of: str | None = None
) -> SubordinatesAnswer:
    """Everyone below a body, by breadth-first layer, under each of its superiors one layer up: a unit that reports
    to two bodies of the tree (a stationed unit: its street and its department) is listed under both, with the line."""
    below: nx.MultiDiGraph[str] = nx.MultiDiGraph()  # parent -> subordinate, along the lines asked about
    for e in ctx.edges:
        if e.type == EdgeType.REPORTS_TO and (not line or e.get("line") == line) and valid_on(e.props, as_of):
            below.add_edge(e.target, e.source, key=e.key, edge=e)
    found: list[Subordinate] = []
    previous: set[str] = {body_id}
    for level, layer in enumerate(nx.bfs_layers(below, body_id) if body_id in below else ()):
        if level == 0:
            continue
        if level > depth:
            break
        for child in layer:
            ups = sorted(
                (data["edge"] for parent, _, data in below.in_edges(child, data=True) if parent in previous),
                key=lambda e: (e.target, e.key),
            )
            found += [
                Subordinate(
                    _ref(ctx, child), _ref(ctx, up.target), Line(str(up.get("line"))), bool(up.get("primary")), level
                )
                for up in ups
            ]
        previous = set(layer)
    found.sort(key=lambda s: (s.depth, s.parent.id, s.body.id, s.line))
    notes = _subordinate_notes(ctx, body_id, depth, line, as_of, found)
    return SubordinatesAnswer(_ref(ctx, body_id), depth, Line(line) if line else None, as_of, tuple(found), notes)


def _subordinate_notes(
    ctx: Subgraph, body_id: str, depth: int, line: str | None, as_of: str | None, found: list[Subordinate]
) -> tuple[str, ...]:
    """Say why the list is empty (no one below on that line, and on which lines there is) or shallow."""
    name = ctx.nodes[body_id].name
    if not found:
        direct = [e for e in ctx.into(body_id, EdgeType.REPORTS_TO) if valid_on(e.props, as_of)]
        others = {str(e.get("line")) for e in direct}
        if line and others:
            on = ", ".join(lv for lv in Line if lv in others)
            return (f"no one reports to {name} on the {line} line; {len(direct)} report to it on the {on} line",)
        return (f"no one reports to {name} in the data" + (f" as of {as_of}" if as_of else ""),)
    deepest = max(s.depth for s in found)
    if deepest < depth:
        return (f"the walk ends at depth {deepest}: no one reports to the bodies found there",)
    return ()


# Why a reporting line stops below the city, where the data says so (README: "Not modelled").
LINE_ENDS_WHY: dict[str, str] = {
    BodyKind.STREET_PARTY_COMMITTEE: "Party bodies above the street (the district Party committee) are not in the data",
    BodyKind.SPECIAL_ZONE_OFFICE: "no reporting line for a special zone's management body is in the data",
}


def chain_notes(ctx: Subgraph, body_id: str, chains_found: tuple[Chain, ...], as_of: str | None) -> tuple[str, ...]:
    """Where each chain stops short of the city government, and where a requested line ended and the primary
    line carried on: an empty or short chain is then an answer, not a silence."""
    body = ctx.nodes[body_id]
    if not chains_found:
        why = LINE_ENDS_WHY.get(str(body.get("kind")), "no superior on any line is in the data")
        return (f"{body.name} reports to no one: {why}" + (f" as of {as_of}" if as_of else ""),)
    notes = []
    for c in chains_found:
        switched = next((s for s in c.steps if s.fallback), None)
        if switched is not None:
            notes.append(
                f"the {c.line} line ends at {switched.body.name}; its primary {switched.line} line is followed"
            )
        top = ctx.nodes[c.top.id] if c.top else body
        if top.get("kind") != BodyKind.CITY_GOVERNMENT:
            why = LINE_ENDS_WHY.get(str(top.get("kind")), "no superior on this line is in the data")
            notes.append(f"the {c.line} line ends at {top.name}: {why}" + (f" as of {as_of}" if as_of else ""))
    return tuple(notes)


# -- assessment ------------------------------------------------------------------------------


def assessments(ctx: Subgraph, body_id: str) -> tuple[list[Assessment], list[Assessment]]:
    """(whom the body assesses, who assesses it), each with its basis and path."""
    kind = ctx.nodes[body_id].get("kind")
    gives: list[Assessment] = []
    gets: list[Assessment] = []
    own = str(ctx.nodes[body_id].get(ASSESSES_FORCES) or ctx.nodes[body_id].get(ASSESSES_STREETS) or "")
    if kind in STREET_LEVEL_BODY_KINDS:
        for gov in ctx.out(body_id, EdgeType.GOVERNS) if own else ():
            for station in ctx.into(gov.target, EdgeType.STATIONED_IN):
                gives.append(_assess(ctx, body_id, station.source, own, [gov, station]))
                for sender in ctx.out(station.source, EdgeType.SENT_BY):
                    gives.append(_assess(ctx, body_id, sender.target, _via_team(own), [gov, station, sender]))
        for up in ctx.out(body_id, EdgeType.REPORTS_TO):
            district = ctx.nodes[up.target]
            if (
                up.get("line") == Line.ADMINISTRATIVE
                and district.get("kind") == BodyKind.DISTRICT_GOVERNMENT
                and district.get(ASSESSES_STREETS)
            ):
                gets.append(_assess(ctx, up.target, body_id, str(district.get(ASSESSES_STREETS)), [up]))
    if kind == BodyKind.DISTRICT_GOVERNMENT and own:
        for down in ctx.into(body_id, EdgeType.REPORTS_TO):
            if (
                down.get("line") == Line.ADMINISTRATIVE
                and ctx.nodes[down.source].get("kind") in STREET_LEVEL_BODY_KINDS
            ):
                gives.append(_assess(ctx, body_id, down.source, own, [down]))
    teams = (
        [body_id]
        if ctx.nodes[body_id].label == Label.SUNK_TEAM
        else [e.source for e in ctx.into(body_id, EdgeType.SENT_BY)]
    )
    for team in teams:
        sent = [e for e in ctx.out(team, EdgeType.SENT_BY) if e.target == body_id]
        for station in ctx.out(team, EdgeType.STATIONED_IN):
            for host in ctx.into(station.target, EdgeType.GOVERNS):
                host_basis = str(ctx.nodes[host.source].get(ASSESSES_FORCES) or "")
                if ctx.nodes[host.source].get("kind") in STREET_LEVEL_BODY_KINDS and host_basis:
                    basis = host_basis if team == body_id else _via_team(host_basis)
                    gets.append(_assess(ctx, host.source, body_id, basis, [host, station, *sent]))
    key = lambda a: (a.assessor.id, a.assessed.id, a.basis)  # noqa: E731
    return sorted(_unique(gives), key=key), sorted(_unique(gets), key=key)


def _assess(ctx: Subgraph, assessor: str, assessed: str, basis: str, edges: list[Edge]) -> Assessment:
    return Assessment(_ref(ctx, assessor), _ref(ctx, assessed), basis, _hops(ctx, edges))


def _unique(items: list[Assessment]) -> list[Assessment]:
    """A department with units in several streets is assessed once per street, not once per unit."""
    seen: dict[tuple[str, str, str], Assessment] = {}
    for a in items:
        seen.setdefault((a.assessor.id, a.assessed.id, a.basis), a)
    return list(seen.values())
