"""Every fixed vocabulary of the domain, typed once: the model, the rules, the loaders, the ledgers, the CLI and the
GraphQL enums all use these classes, so a word is spelt in one place and a typo is a NameError, not a silent miss.

They are StrEnums: a member is its own stored string, so records in networkx, SQLite and Neo4j keep plain values.
"""

from __future__ import annotations

import functools
from enum import StrEnum


class Label(StrEnum):
    """Node labels."""

    AREA = "Area"
    BODY = "Body"
    SUNK_TEAM = "SunkTeam"
    DUTY = "Duty"
    HOLDER_KIND = "HolderKind"


class EdgeType(StrEnum):
    """Relationship types (their ends are checked by graph.model.EDGE_ENDS)."""

    PART_OF = "PART_OF"  # Area -> Area: jurisdiction tree
    GOVERNS = "GOVERNS"  # Body -> Area: the territory a body holds power over
    OF_KIND = "OF_KIND"  # Body -> HolderKind: which kinds of holder the law names it as
    REPORTS_TO = "REPORTS_TO"  # Body|SunkTeam -> Body, with line and primary
    SENT_BY = "SENT_BY"  # SunkTeam -> Body
    STATIONED_IN = "STATIONED_IN"  # SunkTeam -> Area
    RESPONSIBLE_FOR = "RESPONSIBLE_FOR"  # HolderKind -> Duty, with role and levels
    DELEGATED_TO = "DELEGATED_TO"  # Duty -> HolderKind: a power moved down (2020)
    SUCCEEDED_BY = "SUCCEEDED_BY"  # Body -> Body: a reorganisation, from its effective date, with its basis


class ProvenanceKind(StrEnum):
    """Where a fact comes from: a register or law, a seed article, or a named rule."""

    OFFICIAL = "official"
    REPORTED = "reported"
    DERIVED = "derived"


class AreaLevel(StrEnum):
    """Area levels, top down (street = the 街乡 level, community = 社区/村).

    A level is where the law names holders: a municipality (北京市, 重庆市) is a `city` with its 区/县 as `district`s;
    a province's prefecture cities are `city`s under a `province`, their 区/县/县级市 `district`s.
    """

    PROVINCE = "province"
    CITY = "city"
    DISTRICT = "district"
    STREET = "street"
    COMMUNITY = "community"


class HolderLevel(StrEnum):
    """The levels a duty's holder kind acts at: the area levels plus `unit` (a non-state party)."""

    CITY = "city"
    DISTRICT = "district"
    STREET = "street"
    COMMUNITY = "community"
    UNIT = "unit"


class AreaKind(StrEnum):
    """Division kinds as the NBS lists give them (by name suffix or code class, loaders/national.py)."""

    PROVINCE = "province"
    AUTONOMOUS_REGION = "autonomous_region"
    MUNICIPALITY = "municipality"
    CITY = "city"
    PREFECTURE_CITY = "prefecture_city"
    PREFECTURE = "prefecture"
    DISTRICT = "district"
    COUNTY = "county"
    AUTONOMOUS_COUNTY = "autonomous_county"
    COUNTY_CITY = "county_city"
    BANNER = "banner"
    STREET = "street"
    AREA = "area"
    TOWN = "town"
    TOWNSHIP = "township"
    SPECIAL_ZONE = "special_zone"
    COMMUNITY = "community"
    VILLAGE = "village"
    COMMUNITY_LIKE = "community_like"
    VILLAGE_LIKE = "village_like"


STREET_AREA_KINDS = (AreaKind.STREET, AreaKind.AREA, AreaKind.TOWN, AreaKind.TOWNSHIP, AreaKind.SPECIAL_ZONE)
COMMUNITY_AREA_KINDS = (AreaKind.COMMUNITY, AreaKind.VILLAGE, AreaKind.COMMUNITY_LIKE, AreaKind.VILLAGE_LIKE)
COUNTY_AREA_KINDS = (
    AreaKind.DISTRICT,
    AreaKind.COUNTY,
    AreaKind.AUTONOMOUS_COUNTY,
    AreaKind.COUNTY_CITY,
    AreaKind.BANNER,
    AreaKind.SPECIAL_ZONE,
)
# The kinds each level's areas may have.
LEVEL_AREA_KINDS: dict[AreaLevel, tuple[AreaKind, ...]] = {
    AreaLevel.PROVINCE: (AreaKind.PROVINCE, AreaKind.AUTONOMOUS_REGION, AreaKind.MUNICIPALITY),
    AreaLevel.CITY: (AreaKind.MUNICIPALITY, AreaKind.CITY, AreaKind.PREFECTURE_CITY, AreaKind.PREFECTURE),
    AreaLevel.DISTRICT: COUNTY_AREA_KINDS,
    AreaLevel.STREET: STREET_AREA_KINDS,
    AreaLevel.COMMUNITY: COMMUNITY_AREA_KINDS,
}


class BodyKind(StrEnum):
    """What a body is; the same word as its holder kind where the law names one."""

    CITY_GOVERNMENT = "city_government"
    MUNICIPAL_DEPARTMENT = "municipal_department"
    DISTRICT_GOVERNMENT = "district_government"
    DISTRICT_DEPARTMENT = "district_department"
    EMERGENCY_COMMITTEE = "emergency_committee"
    FIRE_RESCUE = "fire_rescue"
    PATRIOTIC_HEALTH_COMMITTEE = "patriotic_health_committee"
    COMMAND_CENTRE = "command_centre"
    COMMAND_SUB_CENTRE = "command_sub_centre"
    STREET_OFFICE = "street_office"
    AREA_OFFICE = "area_office"
    TOWNSHIP_GOVERNMENT = "township_government"
    SPECIAL_ZONE_OFFICE = "special_zone_office"
    STREET_PARTY_COMMITTEE = "street_party_committee"
    STREET_ENFORCEMENT_TEAM = "street_enforcement_team"
    RESIDENTS_COMMITTEE = "residents_committee"
    VILLAGERS_COMMITTEE = "villagers_committee"


# The bodies that hold a street-level unit's ground: they blow whistles and coordinate on it.
STREET_LEVEL_BODY_KINDS = frozenset(
    {BodyKind.STREET_OFFICE, BodyKind.AREA_OFFICE, BodyKind.TOWNSHIP_GOVERNMENT, BodyKind.SPECIAL_ZONE_OFFICE}
)


class TeamKind(StrEnum):
    """The forms sunk forces take (DOMAIN.md)."""

    STATIONED_UNIT = "stationed_unit"
    LISTED_UNIT = "listed_unit"
    WORK_TEAM = "work_team"
    COMMAND_DESK = "command_desk"
    SUNK_ENFORCEMENT = "sunk_enforcement"


class Line(StrEnum):
    """Reporting lines, in the order a walk prefers them."""

    ADMINISTRATIVE = "administrative"
    PROFESSIONAL = "professional"
    PARTY = "party"


class Role(StrEnum):
    """Responsibility roles, in the order answers list them."""

    LEAD = "lead"
    ENFORCE = "enforce"
    RESPOND = "respond"
    ASSIST = "assist"
    SUPERVISE = "supervise"
    DUTY_BEARER = "duty_bearer"


# The roles that make a body answer a whistle, in the order responders are called.
RESPONDER_ROLES = (Role.ENFORCE, Role.LEAD, Role.RESPOND, Role.ASSIST, Role.SUPERVISE)


class Tier(StrEnum):
    """Where a responder stands in the answer to a whistle."""

    ON_GROUND = "on_ground"
    # A holder the law names by its function and the case identifies (the utility serving the address, the unit an
    # earlier order went to), or a department it names that the graph holds no body of (烟草专卖部门): the answer
    # names the kind and how to find it.
    BY_CASE = "by_case"
    DISTRICT = "district"
    ESCALATION = "escalation"


class Urgency(StrEnum):
    ROUTINE = "routine"
    URGENT = "urgent"
    EMERGENCY = "emergency"


class WhistleStatus(StrEnum):
    OPEN = "open"
    RESOLVED = "resolved"


class WhistleSource(StrEnum):
    STREET_INSPECTION = "street_inspection"
    COMMUNITY_REPORT = "community_report"
    HOTLINE_12345 = "hotline_12345"


class Outcome(StrEnum):
    """How a whistle was closed; only RESOLVED counts as solved."""

    RESOLVED = "resolved"
    EXPLAINED = "explained"
    UNRESOLVABLE = "unresolvable"


class EventType(StrEnum):
    """One step of a whistle's supervision record."""

    BLOWN = "blown"
    CALLED = "called"
    REPORTED = "reported"
    ESCALATED = "escalated"
    RESOLVED = "resolved"
    EVALUATED = "evaluated"
    CALLBACK = "callback"
    CORRECTED = "corrected"  # an admin's correction of an earlier step's time


class CallStatus(StrEnum):
    ON_TIME = "on_time"
    LATE = "late"
    MISSED = "missed"
    PENDING = "pending"


class PrincipalRole(StrEnum):
    """Who an API token acts as (whistles/authz.py decides what each may do)."""

    VIEWER = "viewer"
    STREET = "street"
    DEPARTMENT = "department"
    ADMIN = "admin"


class TokenStatus(StrEnum):
    """Whether an API token is accepted: until it expires or is revoked."""

    ACTIVE = "active"
    EXPIRED = "expired"
    REVOKED = "revoked"


def one_of(enum: type[StrEnum]) -> str:
    """The values of a vocabulary for an error message: 'want one of a, b, c'."""
    return "want one of " + ", ".join(m.value for m in enum)


class ResponderRole(StrEnum):
    """A responder's role: the strongest duty role among its reasons, or escalation for a coordinator above the
    holders, whom no duty names (its tier is then Tier.ESCALATION)."""

    LEAD = Role.LEAD
    ENFORCE = Role.ENFORCE
    RESPOND = Role.RESPOND
    ASSIST = Role.ASSIST
    SUPERVISE = Role.SUPERVISE
    DUTY_BEARER = Role.DUTY_BEARER
    COORDINATE = "coordinate"  # the territorial coordinator of the place, called whether or not a duty names it
    ESCALATION = Tier.ESCALATION


def is_value(enum: type[StrEnum], value: object) -> bool:
    """Whether a plain value belongs to a vocabulary (on Python 3.11 `value in Enum` raises TypeError for a str)."""
    return isinstance(value, str) and value in _values(enum)


@functools.cache
def _values(enum: type[StrEnum]) -> frozenset[str]:
    """A vocabulary's values as a set: a load asks once per record."""
    return frozenset(m.value for m in enum)


class NameBasis(StrEnum):
    """How a derived body got its name: the official pattern holder_kinds.csv gives, or the law's generic term."""

    PATTERN = "pattern"
    GENERIC = "generic"


class Direction(StrEnum):
    """Which way an edge is followed from a node: along it (out) or against it (in)."""

    OUT = "out"
    IN = "in"


class StoreKind(StrEnum):
    """Where the organisation graph lives: in process (networkx persisted to SQLite) or in Neo4j over Bolt."""

    EMBEDDED = "embedded"
    NEO4J = "neo4j"


class MatchKind(StrEnum):
    """How a whistle's subject was matched to duties: by id, domain, whistle subject, or scored free text; `urgency`
    marks the emergency-response duties an emergency brings whatever its words (rule `emergency-response-duties`)."""

    DUTY_ID = "duty_id"
    DOMAIN = "domain"
    WHISTLE_SUBJECT = "whistle_subject"
    TEXT = "text"
    URGENCY = "urgency"


class Confidence(StrEnum):
    """How sure a free-text match is (graph/matcher.py): strong, weak, or none (the text matched no duty)."""

    STRONG = "strong"
    WEAK = "weak"
    NONE = "none"


class GenericHolderKind(StrEnum):
    """Holder kinds the law names generically (duties/holder_kinds.csv) that the derivation rules give bodies."""

    ALL_LEVEL_GOVERNMENTS = "all_level_governments"  # 本市各级人民政府
    LOCAL_GOVERNMENT = "local_government"  # 所在地人民政府／当地人民政府
    ENFORCEMENT_ORGANS = "enforcement_organs"  # 执法机关／行政执法机关


class ChangeAction(StrEnum):
    """What a sync does to a record (loaders/sync.py): retired records keep their properties and get valid_to."""

    ADDED = "added"
    CHANGED = "changed"
    RETIRED = "retired"


class Reorganisation(StrEnum):
    """How a body gave way to its successor(s) (data/departments/reorganisations.csv)."""

    RENAME = "rename"
    MERGE = "merge"
    SPLIT = "split"
    ABOLITION = "abolition"
