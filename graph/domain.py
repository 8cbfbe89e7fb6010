"""The one domain API every interface calls (CLI, GraphQL, benchmarks).

It resolves arguments (place codes, body ids, subjects) into graph ids, asks the store
for one context per question, and hands it to graph/questions.py for the rules.
"""

from __future__ import annotations

import csv
import re
import threading
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from pathlib import Path

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
    Subordinate,
    WhistleInput,
)
from graph.errors import ArgumentError
from graph.model import Node, Subgraph
from graph.store import GraphStore
from graph.textmatch import Index
from graph.vocabulary import Direction, EdgeType, Label, Line, MatchKind, Urgency, is_value, one_of

_DUTY_ID = re.compile(r"^[a-z0-9]+-a\d+-\d+$")
MAX_DEPTH = 6
# Free text keeps the duties scoring at least this share of the best match, at most TEXT_LIMIT of them.
TEXT_MIN_RATIO = 0.75
TEXT_LIMIT = 12


@dataclass(frozen=True)
class SearchHit:
    node: Node
    score: float


SYNONYMS = Path(__file__).resolve().parent.parent / "data" / "rules" / "subject_synonyms.csv"


def read_synonyms(path: Path = SYNONYMS) -> dict[str, str]:
    """Colloquial whistle wording -> the law's wording (a search aid, not official data)."""
    with path.open(encoding="utf-8", newline="") as f:
        return {row["colloquial"]: row["legal_terms"] for row in csv.DictReader(f)}


class Domain:
    """The three questions plus lookups, over any GraphStore."""

    def __init__(self, store: GraphStore, synonyms: dict[str, str] | None = None) -> None:
        self.store = store
        self.synonyms = read_synonyms() if synonyms is None else synonyms
        self._lock = threading.Lock()
        self._duties: dict[str, Node] = {}
        self._domains: set[str] = set()
        self._subjects: set[str] = set()
        self._duty_index = Index()
        self._law_indexes: dict[str, Index] = {}  # territory ('' = national) -> its duties
        self._name_index = Index()
        self._names: dict[str, list[str]] = {}
        self._ready = False
        self._names_ready = False

    # -- indexes -----------------------------------------------------------------------

    def refresh(self) -> None:
        """Rebuild in-process indexes from the store (after a load). The name index over every area and body
        (620,000 communities in a national store) is built only when a name is first looked up or searched:
        a question by code never waits for it."""
        duties = {n.id: n for n in self.store.all_nodes(Label.DUTY)}
        duty_index = Index()
        law_indexes: dict[str, Index] = {}
        for n in duties.values():
            fields = [
                (str(n.get("duty", "")), 3.0),
                (str(n.get("domain", "")), 2.0),
                (str(n.get("penalty", "")), 1.0),
                (str(n.get("quote", "")), 1.0),
            ]
            duty_index.add(n.id, fields)
            law_indexes.setdefault(str(n.get("territory", "")), Index()).add(n.id, fields)
        with self._lock:
            self._duties = duties
            self._domains = {str(n.get("domain")) for n in duties.values() if n.get("domain")}
            self._subjects = {str(n.get("whistle_subject")) for n in duties.values() if n.get("whistle_subject")}
            self._duty_index = duty_index
            self._law_indexes = law_indexes
            self._ready = True
            self._names_ready = False

    def _ensure(self) -> None:
        if not self._ready:
            self.refresh()

    def _ensure_names(self) -> None:
        self._ensure()
        if self._names_ready:
            return
        name_index = Index()
        names: dict[str, list[str]] = {}
        for label in (Label.AREA, Label.BODY, Label.SUNK_TEAM):
            for n in self.store.all_nodes(label):
                name_index.add(n.id, [(n.name, 1.0)])
                names.setdefault(n.name, []).append(n.id)
        with self._lock:
            self._name_index = name_index
            self._names = names
            self._names_ready = True

    # -- argument resolution ---------------------------------------------------------------

    def _by_id_or_name(self, argument: str, value: str, labels: tuple[str, ...], what: str) -> Node:
        self._ensure()
        value = (value or "").strip()
        if not value:
            raise ArgumentError(argument, value, f"an {what} is required")
        node = self.store.get_nodes([value])[0]
        if node is not None and node.label in labels:
            return node
        self._ensure_names()
        ids = self._names.get(value, [])
        nodes = [n for n in self.store.get_nodes(ids) if n is not None and n.label in labels]
        if len(nodes) == 1:
            return nodes[0]
        if len(nodes) > 1:
            listed = ", ".join(f"{n.id} ({n.name})" for n in nodes[:10])
            raise ArgumentError(argument, value, f"the name is ambiguous; use one of these ids: {listed}")
        raise ArgumentError(argument, value, f"no {what} with this id or name")

    def ancestry(self, area: Node) -> dict[str, str]:
        """The area and those containing it, by level (community, street, district, city): one fetch per level."""
        levels = {str(area.get("level")): area.id}
        up = self.store.neighbours([area.id], EdgeType.PART_OF, Direction.OUT)
        while up:
            levels[str(up[0].node.get("level"))] = up[0].node.id
            up = self.store.neighbours([up[0].node.id], EdgeType.PART_OF, Direction.OUT)
        return levels

    def place(self, place: str) -> Node:
        """An area by official code (or exact unique name)."""
        return self._by_id_or_name("place", place, (Label.AREA,), "area code")

    def body(self, body: str) -> Node:
        """A body or sunk team by id (or exact unique name)."""
        return self._by_id_or_name("body", body, (Label.BODY, Label.SUNK_TEAM), "body id")

    def subject(self, subject: str, territories: Collection[str] | None = None) -> SubjectMatch:
        """A duty id, a domain, a whistle subject, or free Chinese text matched against the duties; with
        territories (a place's areas), free text is ranked among the laws binding there only, so one city's
        wording never crowds out another's."""
        self._ensure()
        text = (subject or "").strip()
        if not text:
            raise ArgumentError("subject", subject, "a subject is required (duty id, domain, whistle subject or text)")
        if _DUTY_ID.match(text):
            if text not in self._duties:
                raise ArgumentError("subject", subject, "no duty with this id")
            return SubjectMatch(
                text, MatchKind.DUTY_ID, (DutyMatch(DutyRef.of(self._duties[text]), MatchKind.DUTY_ID),)
            )
        for how, values, key in (
            (MatchKind.DOMAIN, self._domains, "domain"),
            (MatchKind.WHISTLE_SUBJECT, self._subjects, "whistle_subject"),
        ):
            if text in values:
                hits = sorted(n.id for n in self._duties.values() if n.get(key) == text)
                return SubjectMatch(text, how, tuple(DutyMatch(DutyRef.of(self._duties[i]), how) for i in hits))
        expanded = " ".join([text, *(terms for word, terms in self.synonyms.items() if word in text)])
        ranked = self._search_laws(expanded, territories)
        if not ranked:
            raise ArgumentError("subject", subject, "matches no duty id, domain, whistle subject or duty text")
        return SubjectMatch(
            text, MatchKind.TEXT, tuple(DutyMatch(DutyRef.of(self._duties[i]), MatchKind.TEXT, s) for i, s in ranked)
        )

    def _search_laws(self, text: str, territories: Collection[str] | None) -> list[tuple[str, float]]:
        if territories is None:
            return self._duty_index.search(text, limit=TEXT_LIMIT, min_ratio=TEXT_MIN_RATIO)
        indexes = [self._law_indexes[t] for t in ("", *territories) if t in self._law_indexes]
        if len(indexes) == 1:
            return indexes[0].search(text, limit=TEXT_LIMIT, min_ratio=TEXT_MIN_RATIO)
        hits = [hit for index in indexes for hit in index.search(text, limit=TEXT_LIMIT)]
        hits.sort(key=lambda kv: (-kv[1], kv[0]))
        best = hits[0][1] if hits else 0.0
        return [(i, s) for i, s in hits if s >= best * TEXT_MIN_RATIO][:TEXT_LIMIT]

    # -- the three questions --------------------------------------------------------------------

    def _responsibility(self, place: str, subject: str, as_of: str | None) -> tuple[Subgraph, Responsibility]:
        area = self.place(place)
        match = self.subject(subject, list(self.ancestry(area).values()))
        as_of = _date("asOf", as_of)
        ctx = self.store.place_context(area.id, [m.duty.id for m in match.duties])
        return ctx, questions.responsibility(ctx, area.id, match, as_of)

    def responsible(self, place: str, subject: str, as_of: str | None = None) -> Responsibility:
        return self._responsibility(place, subject, as_of)[1]

    def responders(self, whistle: WhistleInput) -> ResponderAnswer:
        if not is_value(Urgency, whistle.urgency):
            raise ArgumentError("urgency", whistle.urgency, one_of(Urgency))
        ctx, answer = self._responsibility(whistle.place, whistle.subject, whistle.as_of)
        return questions.responders(ctx, answer, whistle)

    def reporting_chain(self, body: str, line: str | None = None, as_of: str | None = None) -> ReportingAnswer:
        node = self.body(body)
        if line is not None and not is_value(Line, line):
            raise ArgumentError("line", line, one_of(Line))
        as_of = _date("asOf", as_of)
        ctx = self.store.chain_context(node.id)
        return ReportingAnswer(Ref.of(node), as_of, questions.chains(ctx, node.id, line, as_of))

    def subordinates(
        self, body: str, depth: int = 1, line: str | None = None, as_of: str | None = None
    ) -> list[Subordinate]:
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
        hits = self._name_index.search(text, limit=limit) + self._duty_index.search(text, limit=limit)
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
