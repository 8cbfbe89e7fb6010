"""What the three questions return: plain dataclasses every interface renders.

Every answer carries its reason: the duty (list item, article, quote), the graph path
that led from the duty to the body, and the provenance of the body.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.model import Node
from graph.vocabulary import (
    Confidence,
    EdgeType,
    HolderLevel,
    Label,
    Line,
    ProvenanceKind,
    ResponderRole,
    Role,
    Tier,
    Urgency,
)


@dataclass(frozen=True)
class Ref:
    """A node as answers cite it."""

    id: str
    label: Label
    name: str
    kind: str = ""
    provenance: ProvenanceKind | None = None
    source: str = ""
    rule: str = ""
    evidence: str = ""

    @property
    def short(self) -> str:
        """How paths print a node: duties and kinds by id, areas with their code, bodies by name."""
        if self.label in (Label.DUTY, Label.HOLDER_KIND):
            return self.id
        if self.label == Label.AREA:
            return f"{self.name}({self.id})"
        return self.name

    @classmethod
    def of(cls, node: Node) -> Ref:
        p = node.props
        return cls(
            id=node.id,
            label=Label(node.label),
            name=node.name,
            kind=str(p.get("kind", "")),
            provenance=ProvenanceKind(str(p["provenance"])) if p.get("provenance") else None,
            source=str(p.get("source", "")),
            rule=str(p.get("rule", "")),
            evidence=str(p.get("evidence", "")),
        )


@dataclass(frozen=True)
class Hop:
    """One edge of a path, in its stored direction (source -[type]-> target)."""

    source: Ref
    type: EdgeType
    target: Ref
    detail: str = ""  # e.g. role=lead, line=professional


@dataclass(frozen=True)
class Path:
    hops: tuple[Hop, ...]

    @property
    def text(self) -> str:
        """A readable rendering, e.g. `yqgl-a4-6 <-RESPONSIBLE_FOR(lead)- dept:公安 <-OF_KIND- 北京市公安局东城分局`."""
        if not self.hops:
            return ""
        parts: list[str] = []
        # Walk the hops as a chain: each hop shares one end with the previous one.
        current = _first_end(self.hops)
        parts.append(current.short)
        for hop in self.hops:
            label = hop.type + (f"({hop.detail})" if hop.detail else "")
            if hop.source.id == current.id:
                parts.append(f"-{label}->")
                current = hop.target
            else:
                parts.append(f"<-{label}-")
                current = hop.source
            parts.append(current.short)
        return " ".join(parts)


def _first_end(hops: tuple[Hop, ...]) -> Ref:
    first = hops[0]
    if len(hops) == 1:
        return first.source
    second = hops[1]
    shared = {second.source.id, second.target.id}
    return first.target if first.source.id in shared and first.target.id not in shared else first.source


@dataclass(frozen=True)
class DutyRef:
    """A list item: one clause assigning one duty to one kind of holder."""

    id: str
    regulation: str
    article: str
    clause: str
    duty: str
    domain: str
    whistle_subject: str
    role: Role
    holder_kind: str
    quote: str
    penalty: str = ""
    note: str = ""

    @classmethod
    def of(cls, node: Node) -> DutyRef:
        p = node.props
        return cls(
            id=node.id,
            regulation=str(p.get("regulation", "")),
            article=str(p.get("article", "")),
            clause=str(p.get("clause", "")),
            duty=str(p.get("duty", "")),
            domain=str(p.get("domain", "")),
            whistle_subject=str(p.get("whistle_subject", "")),
            role=Role(str(p["role"])),
            holder_kind=str(p.get("holder_kind", "")),
            quote=str(p.get("quote", "")),
            penalty=str(p.get("penalty", "")),
            note=str(p.get("note", "")),
        )

    @property
    def citation(self) -> str:
        return f"《{self.regulation}》{self.article}{self.clause}"


@dataclass(frozen=True)
class DutyMatch:
    """A duty the subject matched, with how it matched and (for free text) the score."""

    duty: DutyRef
    how: str  # duty_id | domain | whistle_subject | text
    score: float = 1.0
    confidence: Confidence = Confidence.STRONG  # STRONG | WEAK (a duty matched `none` is not returned)
    terms: tuple[str, ...] = ()  # the subject's words it matched, 'word→legal word' when through the lexicon
    via: str = ""  # for a duty a matched one brought (graph/companions.py): which, and why ("sanctions xf-a26-1")
    item: str = ""  # of a row listing items (禁止下列行为：), the one its words name (graph/items.py); '' if none
    second: bool = False  # a second matter (rule `second-matter`): its holders follow the first's in their band


@dataclass(frozen=True)
class SubjectMatch:
    """The duties a subject is about: the few that decide who acts, with `more` counting the rest."""

    subject: str
    how: str
    duties: tuple[DutyMatch, ...]
    confidence: Confidence = Confidence.STRONG  # of the match as a whole: its best duty's, `none` when nothing matched
    terms: tuple[str, ...] = ()  # the subject's informative words (free text) or the subject itself
    more: int = 0  # matching duties left out because they do not change who acts
    # when only weak matches were found: the law whose complaints the wording resembles most, with its probability,
    # by which they were ordered (rule `law-prior`), e.g. "北京市公园条例 (0.64)"
    resembles: str = ""
    # what the complaint says it is not about, each from its 不是 to the contrast that follows (rule `ruled-out`), as
    # the matcher read it (a nearby place's name blanked, as in `terms`): those words found no clause on their own,
    # e.g. "不是噪音扰民"
    ruled_out: tuple[str, ...] = ()
    # the laws whose sure matches were graded weak because the wording is unlike their complaints (`unlike-its-law`)
    unlike: tuple[str, ...] = ()
    # how much the wording resembles complaints no bundled text governs, when that graded its sure matches weak (rule
    # `like-ungoverned`); 0 otherwise
    ungoverned: float = 0.0


@dataclass(frozen=True)
class Assignment:
    """One holder of one matched duty at the place: the concrete body where the graph has one."""

    role: Role
    duty: DutyRef
    holder_kind: str
    holder_kind_name: str
    level: HolderLevel
    body: Ref | None
    resolution: str  # how the body was found, or why none was
    path: Path
    delegated: bool = False
    score: float = 1.0


@dataclass(frozen=True)
class Responsibility:
    place: Ref
    as_of: str | None
    subject: SubjectMatch
    assignments: tuple[Assignment, ...]
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class ChainStep:
    body: Ref
    parent: Ref
    line: Line
    primary: bool
    fallback: bool  # True when the requested line ended and the primary line was followed
    provenance: ProvenanceKind | None
    source: str
    rule: str


@dataclass(frozen=True)
class Chain:
    line: Line
    steps: tuple[ChainStep, ...]

    @property
    def top(self) -> Ref | None:
        return self.steps[-1].parent if self.steps else None


@dataclass(frozen=True)
class ReportingAnswer:
    body: Ref
    as_of: str | None
    chains: tuple[Chain, ...]
    notes: tuple[str, ...] = ()  # where a line ends short of the city, and why


@dataclass(frozen=True)
class Subordinate:
    body: Ref
    parent: Ref
    line: Line
    primary: bool
    depth: int


@dataclass(frozen=True)
class SubordinatesAnswer:
    """Everyone below a body; a unit with two superiors in the tree (a sunk team) is listed under each."""

    body: Ref
    depth: int
    line: Line | None
    as_of: str | None
    subordinates: tuple[Subordinate, ...]
    notes: tuple[str, ...] = ()  # why the list is empty or shallower than asked


@dataclass(frozen=True)
class Assessment:
    """Who scores whom, and on what basis (law article or reported practice)."""

    assessor: Ref
    assessed: Ref
    basis: str
    path: Path


@dataclass(frozen=True)
class WhistleInput:
    place: str
    subject: str
    urgency: Urgency = Urgency.ROUTINE
    as_of: str | None = None


@dataclass(frozen=True)
class Reason:
    duty: DutyRef
    role: Role
    holder_kind: str
    score: float
    path: Path
    delegated: bool = False


@dataclass(frozen=True)
class Responder:
    rank: int
    tier: Tier
    body: Ref
    role: ResponderRole  # the strongest role among its reasons, or escalation
    why: str  # one sentence
    reasons: tuple[Reason, ...]
    path: Path  # the path of the first reason, or the escalation edge
    notify_now: bool = False


@dataclass(frozen=True)
class Coordinator:
    """Who coordinates on the place's ground whatever the whistle is about, and the article that makes it so."""

    body: Ref
    basis: str  # the citation
    quote: str  # the article's own words
    path: Path


@dataclass(frozen=True)
class ResponderAnswer:
    whistle: WhistleInput
    place: Ref
    subject: SubjectMatch
    responders: tuple[Responder, ...]
    unresolved: tuple[Assignment, ...] = ()
    notes: tuple[str, ...] = field(default_factory=tuple)
    coordinator: Coordinator | None = None
