"""The one domain API every interface calls (CLI, GraphQL, benchmarks).

It resolves arguments (place codes, body ids, subjects) into graph ids, asks the store
for one context per question, and hands it to graph/questions.py for the rules.
"""

from __future__ import annotations

import bisect
import itertools
import re
import threading
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from graph import questions
from graph.answers import (
    Assessment,
    DutyMatch,
    DutyRef,
    Ref,
    ReportingAnswer,
    ResponderAnswer,
    Responsibility,
    SubjectMatch,
    SubordinatesAnswer,
    WhistleInput,
)
from graph.companions import COMPETENT_FOR, SECTOR_TRADES
from graph.errors import ArgumentError
from graph.law_prior import LawPrior, bundled_law_prior
from graph.lexicon import Entry, read_lexicon
from graph.matcher import NONE, STRONG, DutyMatcher, Thresholds
from graph.model import Node, Subgraph, short_kind_name
from graph.places import NAME_SUFFIXES, PlaceWords, short_name
from graph.situations import Situation, read_situations
from graph.store import GraphStore
from graph.subjects import Sector, domain_match, sectors_of, text_match, with_urgency
from graph.textmatch import Index
from graph.vocabulary import AreaLevel, Direction, EdgeType, Label, Line, MatchKind, Urgency, is_value, one_of

_DUTY_ID = re.compile(r"^[a-z0-9]+-a\d+-\d+$")
MAX_DEPTH = 6


@dataclass(frozen=True)
class SearchHit:
    node: Node
    score: float


class Domain:
    """The three questions plus lookups, over any GraphStore."""

    def __init__(
        self,
        store: GraphStore,
        lexicon: Mapping[str, Entry] | None = None,
        thresholds: Thresholds | None = None,
        situations: Iterable[Situation] | None = None,
    ) -> None:
        self.store = store
        self.lexicon = read_lexicon() if lexicon is None else lexicon
        self.situations = read_situations() if situations is None else tuple(situations)
        self._law_prior: LawPrior | None = None
        self.thresholds = thresholds or Thresholds()
        self._lock = threading.Lock()
        self._duties: dict[str, Node] = {}
        self._refs: dict[str, DutyRef] = {}
        self._domains: set[str] = set()
        self._subjects: set[str] = set()
        self._territory: dict[str, str] = {}  # duty -> the area code where its law binds ('' = national)
        self._emergency: set[str] = set()  # the emergency-response duties (rule `emergency-response-duties`)
        self._bound_in: dict[frozenset[str], dict[str, DutyRef]] = {}  # the territories' binding duties, once each
        self._lawmakers: set[str] = set()  # the territories some duty's law binds in
        self._competent: frozenset[tuple[str, str]] = frozenset()  # (regulation, kind) a law makes competent
        self._sectors: dict[str, tuple[Sector, ...]] = {}  # regulation -> its departments listed by trade
        self._matcher: DutyMatcher | None = None
        self._place_words: dict[str, PlaceWords] = {}  # district (or city) id -> the place names around it
        self._name_index = Index()
        self._names: dict[str, list[str]] = {}
        self._sorted_names: list[str] = []
        self._ready = False
        self._names_ready = False

    # -- indexes -----------------------------------------------------------------------

    def refresh(self) -> None:
        """Rebuild in-process indexes from the store (after a load): duties and their matcher. The name index over
        every area and body (620,000 communities in a national store) is built only when a name is first looked up
        or searched: a question by code never waits for it."""
        self._refresh_duties()
        self._build_matcher()
        with self._lock:
            self._names_ready = False

    def _refresh_duties(self) -> None:
        duties = {n.id: n for n in self.store.all_nodes(Label.DUTY)}
        with self._lock:
            self._duties = duties
            self._refs = {i: DutyRef.of(n) for i, n in duties.items()}
            self._territory = {i: str(n.get("territory") or "") for i, n in duties.items()}
            self._emergency = {i for i, n in duties.items() if n.get(questions.EMERGENCY_RESPONSE)}
            self._bound_in = {}
            self._lawmakers = set(self._territory.values())
            self._competent = frozenset(
                (self._refs[i].regulation, self._refs[i].holder_kind) for i, n in duties.items() if n.get(COMPETENT_FOR)
            )
            self._sectors = sectors_of(self._refs, {i: str(n.get(SECTOR_TRADES) or "") for i, n in duties.items()})
            self._domains = {str(n.get("domain")) for n in duties.values() if n.get("domain")}
            self._subjects = {str(n.get("whistle_subject")) for n in duties.values() if n.get("whistle_subject")}
            self._matcher = None
            self._place_words = {}
            self._ready = True

    def _build_matcher(self) -> DutyMatcher:
        """Segmenting every duty takes seconds; a subject given as a duty id, domain or whistle subject needs none
        of it, so the matcher waits for the first free-text subject (or refresh)."""
        self._ensure()
        duties = self._duties
        matcher = DutyMatcher.build(duties.values(), self.lexicon, self.holder_names(), self.situations)
        with self._lock:
            if self._duties is duties:  # not replaced meanwhile by a refresh
                self._matcher = matcher
        return matcher

    def holder_names(self) -> list[str]:
        """The holder kinds' short names and their parts (城市管理综合执法, 公安 …): user words of the matcher."""
        kinds = [short_kind_name(n.name) for n in self.store.all_nodes(Label.HOLDER_KIND)]
        return [part for name in kinds for part in re.split(r"[、，／/]", name) if len(part) >= 2]

    def _refresh_names(self) -> None:
        """Every area, body and team by name: at national size a million names, so a question that gives ids
        does not wait for them (see _ensure_names)."""
        name_index = Index()
        names: dict[str, list[str]] = {}
        for label in (Label.AREA, Label.BODY, Label.SUNK_TEAM):
            for n in self.store.all_nodes(label):
                name_index.add(n.id, [(n.name, 1.0)])
                names.setdefault(n.name, []).append(n.id)
        with self._lock:
            self._name_index = name_index
            self._names = names
            self._sorted_names = sorted(names)
            self._names_ready = True

    def _ensure(self) -> None:
        if not self._ready:
            self._refresh_duties()

    def _ensure_names(self) -> None:
        if not self._names_ready:
            self._refresh_names()

    @property
    def law_prior(self) -> LawPrior:
        """Which law a complaint's wording resembles (graph/law_prior.py): the bundled probes' prior, read at the first
        free-text subject; an evaluation sets a view of it that never saw the complaints it scores."""
        if self._law_prior is None:
            self._law_prior = bundled_law_prior()
        return self._law_prior

    @law_prior.setter
    def law_prior(self, prior: LawPrior) -> None:
        self._law_prior = prior

    @property
    def matcher(self) -> DutyMatcher:
        """The duty matcher over the store's duties (for calibration and benchmarks)."""
        self._ensure()
        return self._matcher or self._build_matcher()

    # -- argument resolution ---------------------------------------------------------------

    def _by_id_or_name(self, argument: str, value: str, labels: tuple[str, ...], what: str) -> Node:
        """By id, exact name, or a unique short name or prefix (八宝山 -> 八宝山街道)."""
        value = (value or "").strip()
        if not value:
            raise ArgumentError(argument, value, f"an {what} is required")
        node = self.store.get_nodes([value])[0]
        if node is not None and node.label in labels:
            return node
        self._ensure_names()
        nodes = self._named(self._names.get(value, []), labels)
        if not nodes:
            start = bisect.bisect_left(self._sorted_names, value)
            prefixed = itertools.takewhile(lambda name: name.startswith(value), self._sorted_names[start:])
            candidates = self._named([i for name in prefixed for i in self._names[name]], labels)
            suffixed = [n for n in candidates if n.name in {value + suffix for suffix in NAME_SUFFIXES}]
            nodes = suffixed if len(suffixed) == 1 else candidates
        if len(nodes) == 1:
            return nodes[0]
        if len(nodes) > 1:
            listed = ", ".join(f"{n.id} ({self._where(n)})" for n in nodes[:10])
            more = f" and {len(nodes) - 10} more" if len(nodes) > 10 else ""
            raise ArgumentError(argument, value, f"the name is ambiguous; use one of these ids: {listed}{more}")
        raise ArgumentError(argument, value, f"no {what} with this id or name")

    def _named(self, ids: list[str], labels: tuple[str, ...]) -> list[Node]:
        return [n for n in self.store.get_nodes(ids) if n is not None and n.label in labels]

    def _where(self, node: Node) -> str:
        """A candidate's name with the street and district it lies in, so that a person can tell them apart."""
        area = node
        if node.label != Label.AREA:
            held = self.store.neighbours([node.id], EdgeType.GOVERNS, Direction.OUT) or self.store.neighbours(
                [node.id], EdgeType.STATIONED_IN, Direction.OUT
            )
            if not held:
                return node.name
            area = held[0].node
        levels = self.ancestry(area)
        names = {n.id: n.name for n in self.store.get_nodes(list(levels.values())) if n is not None}
        around = [names[levels[lv]] for lv in ("street", "district") if lv in levels and levels[lv] != node.id]
        return ", ".join([node.name, *around])

    def ancestry(self, area: Node) -> dict[str, str]:
        """The area and those containing it, by level (community, street, district, city): one fetch per level."""
        levels = {str(area.get("level")): area.id}
        up = self.store.neighbours([area.id], EdgeType.PART_OF, Direction.OUT)
        while up:
            levels[str(up[0].node.get("level"))] = up[0].node.id
            up = self.store.neighbours([up[0].node.id], EdgeType.PART_OF, Direction.OUT)
        return levels

    def places_near(self, levels: Mapping[str, str]) -> PlaceWords:
        """The place names a complaint made here may give (rule `place-names`, graph/places.py): the city's districts
        and streets, and the streets and communities of the place's district; built once per district."""
        key = levels.get(AreaLevel.DISTRICT) or levels.get(AreaLevel.CITY) or ""
        cached = self._place_words.get(key)
        if cached is not None:
            return cached
        city = levels.get(AreaLevel.CITY)
        districts = self._parts([city] if city else [])
        streets = self._parts([d.id for d in districts])
        communities = self._parts([n.id for n in self._parts([key])] if key != city else [])
        names = [n.name for n in (*districts, *streets, *communities)]
        district_names = {short_name(d.name) for d in districts}

        def known(word: str) -> bool:
            return self.matcher.uses(word) if word in district_names else self.matcher.knows(word)

        words = PlaceWords.of(names, known)
        with self._lock:
            self._place_words[key] = words
        return words

    def _parts(self, ids: list[str]) -> list[Node]:
        """The areas directly part of the given ones."""
        return [nb.node for nb in self.store.neighbours(ids, EdgeType.PART_OF, Direction.IN)] if ids else []

    def place(self, place: str) -> Node:
        """An area by official code, exact name, or unique short name or prefix."""
        return self._by_id_or_name("place", place, (Label.AREA,), "area code")

    def body(self, body: str) -> Node:
        """A body or sunk team by id, exact name, or unique short name or prefix."""
        return self._by_id_or_name("body", body, (Label.BODY, Label.SUNK_TEAM), "body id")

    def subject(self, subject: str, levels: Mapping[str, str] | None = None) -> SubjectMatch:
        """A duty id, a domain, a whistle subject, or free Chinese text matched against the duties.

        With a place's levels (the place and the areas containing it, `ancestry`), domains and free text are matched
        among the laws binding there only (theirs and national ones), so one city's wording never crowds out
        another's, and free text is read without the names of the places around it (rule `place-names`). Text that
        matches nothing is an answer (confidence `none`, no duties), not an error.
        """
        self._ensure()
        text = (subject or "").strip()
        if not text:
            raise ArgumentError("subject", subject, "a subject is required (duty id, domain, whistle subject or text)")
        if _DUTY_ID.match(text):
            if text not in self._duties:
                raise ArgumentError("subject", subject, "no duty with this id")
            only = DutyMatch(self._refs[text], MatchKind.DUTY_ID, terms=(text,))
            return SubjectMatch(text, MatchKind.DUTY_ID, (only,), STRONG, (text,))
        refs = self._refs if levels is None else self._binding(levels.values())
        for how, values, key in (
            (MatchKind.DOMAIN, self._domains, "domain"),
            (MatchKind.WHISTLE_SUBJECT, self._subjects, "whistle_subject"),
        ):
            same = [d for d in refs.values() if getattr(d, key) == text] if text in values else []
            if same:
                return domain_match(text, how, same)
        places = self.places_near(levels) if levels is not None else None  # only free text reads them
        return text_match(
            text, self.matcher, self.thresholds, refs, places, self._competent, self._sectors, prior=self.law_prior
        )

    def _binding(self, territories: Collection[str], among: Collection[str] | None = None) -> dict[str, DutyRef]:
        """The duties (all, or those `among` the given ids) whose law binds in one of the territories, or everywhere
        (a national law)."""
        with self._lock:
            refs, territory, bound_in, lawmakers = self._refs, self._territory, self._bound_in, self._lawmakers
        # the lawmakers among the territories: the places of one jurisdiction share one entry
        key = frozenset(("", *(t for t in territories if t in lawmakers)))
        if among is not None:
            return {i: refs[i] for i in among if territory[i] in key}
        if key not in bound_in:
            bound_in[key] = {i: r for i, r in refs.items() if territory[i] in key}
        return bound_in[key]

    # -- the three questions --------------------------------------------------------------------

    def _responsibility(
        self, place: str, subject: str, as_of: str | None, emergency: bool = False
    ) -> tuple[Subgraph, Responsibility]:
        area = self.place(place)
        levels = self.ancestry(area)
        match = self.subject(subject, levels)
        if emergency:
            match = with_urgency(match, list(self._binding(levels.values(), self._emergency).values()))
        as_of = _date("asOf", as_of)
        ctx = self.store.place_context(area.id, [m.duty.id for m in match.duties])
        return ctx, questions.responsibility(ctx, area.id, match, as_of)

    def responsible(self, place: str, subject: str, as_of: str | None = None) -> Responsibility:
        return self._responsibility(place, subject, as_of)[1]

    def responders(self, whistle: WhistleInput) -> ResponderAnswer:
        if not is_value(Urgency, whistle.urgency):
            raise ArgumentError("urgency", whistle.urgency, one_of(Urgency))
        emergency = whistle.urgency == Urgency.EMERGENCY
        ctx, answer = self._responsibility(whistle.place, whistle.subject, whistle.as_of, emergency)
        return questions.responders(ctx, answer, whistle, self._competent)

    def reporting_chain(self, body: str, line: str | None = None, as_of: str | None = None) -> ReportingAnswer:
        node = self.body(body)
        if line is not None and not is_value(Line, line):
            raise ArgumentError("line", line, one_of(Line))
        as_of = _date("asOf", as_of)
        ctx = self.store.chain_context(node.id)
        found = questions.chains(ctx, node.id, line, as_of)
        return ReportingAnswer(Ref.of(node), as_of, found, questions.chain_notes(ctx, node.id, found, as_of))

    def subordinates(
        self, body: str, depth: int = 1, line: str | None = None, as_of: str | None = None
    ) -> SubordinatesAnswer:
        node = self.body(body)
        if not 1 <= depth <= MAX_DEPTH:
            raise ArgumentError("depth", depth, f"want 1 to {MAX_DEPTH}")
        if line is not None and not is_value(Line, line):
            raise ArgumentError("line", line, one_of(Line))
        ctx = self.store.subordinates_context(node.id, depth)
        return questions.subordinates(ctx, node.id, depth, line, _date("asOf", as_of))

    def assessments(self, body: str) -> tuple[list[Assessment], list[Assessment]]:
        """(whom the body assesses, who assesses the body)."""
        node = self.body(body)
        return questions.assessments(self.store.chain_context(node.id), node.id)

    def search(self, text: str, limit: int = 20) -> list[SearchHit]:
        """Areas, bodies, sunk teams and duties whose names or texts match."""
        self._ensure_names()
        if not (text or "").strip():
            raise ArgumentError("text", text, "search text is required")
        duties = [(s.duty_id, s.score) for s in self.matcher.score(text)[1][:limit] if self.thresholds.grade(s) != NONE]
        self._ensure_names()
        hits = self._name_index.search(text, limit=limit) + duties
        hits.sort(key=lambda kv: (-kv[1], kv[0]))
        hits = hits[:limit]
        nodes = self.store.get_nodes([i for i, _ in hits])
        return [SearchHit(n, s) for n, (_, s) in zip(nodes, hits, strict=True) if n is not None]

    def duty(self, duty_id: str) -> Node:
        self._ensure()
        if duty_id not in self._duties:
            raise ArgumentError("id", duty_id, "no duty with this id")
        return self._duties[duty_id]


def _date(argument: str, value: str | None) -> str | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise ArgumentError(argument, value, "want an ISO date such as 2024-01-31") from None
