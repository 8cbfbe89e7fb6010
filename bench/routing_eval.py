"""How well the service routes free-text whistles: the evaluation set in data/eval/whistles.csv, scored.

The set was written before any tuning; its `split` column (fixed by a hash of the id, see data/eval/README.md) keeps
a third aside. This prints, for the tuning part and the held-out part separately:
- routing: the share of covered whistles whose must-have holder kinds are all among the first three responders;
- duty recall: the share of covered whistles whose answer shows at least one acceptable duty;
- honesty: the share of uncovered whistles answered honestly (the place's coordinator named, no duty claimed strong);
and lists every miss. A whistle is covered when the loaded graph holds duties of the regulation that governs it.
`--ranks` also says where the must-have kinds missing from the first three stand in the answer (4th, 5th, 6th-10th,
lower, or absent): found lower down is a matter of ordering, absent one of reading the complaint or of the duties held.

Rows governed by a further text (`more:<file stem>`, data/regulations/more/) were written with the competent body in the
law's own words (`law_holders`) and the articles in `note`, before that text's duties were bundled. Once they are, such a
row is scored as covered by this stated rule (`more-row-key`): its must-have kinds are what the regulation reader's
reviewed lexicon (data/rules/holder_lexicon.csv) reads in each `;`-separated law holder — one of a phrase's kinds is
enough ("工商行政管理部门或者物价管理部门") — and its acceptable duties are the bundled duties of that regulation at the
articles the note cites. A phrase the lexicon reads as no specific body (行业主管部门) adds no must-have kind.

    .venv/bin/python -m bench.routing_eval [--split heldout] [--misses] [--ranks] [--cases data/probes/routing_*.csv]
"""

from __future__ import annotations

import argparse
import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from bench.bundled import bundled_domain
from graph.answers import Ref, ResponderAnswer, WhistleInput
from graph.domain import Domain
from graph.law_prior import LawPrior, governing_laws
from graph.matcher import STRONG
from graph.model import Node
from graph.subjects import GENERIC_KINDS
from graph.vocabulary import Direction, EdgeType, Label, Urgency
from loaders.dataset import BUNDLED
from loaders.reader.lexicon import Lexicon

EVAL = Path(__file__).resolve().parent.parent / "data" / "eval" / "whistles.csv"
TOP = 3
_ARTICLE = re.compile(r"第[一二三四五六七八九十百零]+条")


@dataclass(frozen=True)
class Case:
    id: str
    split: str
    place: str
    urgency: str
    text: str
    governing: str
    must_kinds: tuple[str, ...]
    acceptable: frozenset[str]
    law_holders: tuple[str, ...] = ()
    cited_articles: frozenset[str] = frozenset()
    source: str = ""  # the file it was read from: the law prior reads a case without it (rule `law-prior`)


@dataclass(frozen=True)
class Outcome:
    case: Case
    covered: bool
    ok: bool
    duty_ok: bool
    detail: str
    late: tuple[int | None, ...] = ()  # where each must-have kind missing from the first three stands; None: absent


def read_cases(path: Path = EVAL) -> list[Case]:
    with path.open(encoding="utf-8", newline="") as f:
        return [
            Case(
                id=r["id"],
                split=r["split"],
                place=r["place"],
                urgency=r["urgency"],
                text=r["text"],
                governing=r["governing"],
                must_kinds=tuple(k for k in r["must_kinds"].split(";") if k),
                acceptable=frozenset(d for d in r["acceptable_duties"].split(";") if d),
                law_holders=tuple(h for h in r["law_holders"].split(";") if h),
                cited_articles=frozenset(_ARTICLE.findall(r["note"])),
                source=path.name,
            )
            for r in csv.DictReader(f)
        ]


@dataclass(frozen=True)
class Key:
    """What a correct answer to a covered case must show: one kind of each requirement among the first three
    responders, and one acceptable duty among the duties shown."""

    requirements: tuple[frozenset[str], ...]
    acceptable: frozenset[str]


class Scorer:
    """Scores one case at a time against a loaded domain; kinds of a body come from its OF_KIND edges, a sunk team's
    from the department that sent it (data/eval/README.md, `must_kinds`)."""

    def __init__(self, domain: Domain) -> None:
        self.domain = domain
        self._kinds: dict[str, frozenset[str]] = {}
        duties = domain.store.all_nodes(Label.DUTY)
        self._laws = governing_laws()
        self._duties_by_code: dict[str, list[Node]] = {}
        for n in duties:
            self._duties_by_code.setdefault(n.id.split("-")[0], []).append(n)
        self._lexicon = Lexicon.load(BUNDLED)

    def kinds(self, body_id: str) -> frozenset[str]:
        if body_id not in self._kinds:
            found = self.domain.store.neighbours([body_id], EdgeType.OF_KIND, Direction.OUT)
            senders = self.domain.store.neighbours([body_id], EdgeType.SENT_BY, Direction.OUT)
            found += self.domain.store.neighbours([nb.node.id for nb in senders], EdgeType.OF_KIND, Direction.OUT)
            self._kinds[body_id] = frozenset(nb.node.id for nb in found)
        return self._kinds[body_id]

    def _named(self, ref: Ref) -> frozenset[str]:
        """The holder kinds a responder names: its body's, or the kind itself when the case identifies the body."""
        return frozenset({ref.id}) if ref.label == Label.HOLDER_KIND else self.kinds(ref.id)

    def key(self, case: Case) -> Key | None:
        """The answer key of a covered case, None for an uncovered one (see the module's `more-row-key` rule)."""
        if case.governing.startswith("bundled:"):
            return Key(tuple(frozenset({k}) for k in case.must_kinds), case.acceptable) if case.must_kinds else None
        law = self._laws.get(case.governing)
        held = self._duties_by_code.get(law.code, []) if law else []
        if not held:
            return None
        requirements = []
        for phrase in case.law_holders:
            kinds = frozenset(k for m in self._lexicon.mentions(phrase) for k in m.kinds if k not in GENERIC_KINDS)
            if kinds:
                requirements.append(kinds)
        acceptable = frozenset(d.id for d in held if d.get("article") in case.cited_articles)
        return Key(tuple(requirements), acceptable)

    def covered(self, case: Case) -> bool:
        return self.key(case) is not None

    def score(self, case: Case) -> Outcome:
        answer = self.domain.responders(WhistleInput(case.place, case.text, Urgency(case.urgency)))
        key = self.key(case)
        if key is not None:
            return self._covered(case, key, answer)
        return self._uncovered(case, answer)

    def _covered(self, case: Case, key: Key, answer: ResponderAnswer) -> Outcome:
        top = answer.responders[:TOP]
        named = set().union(*(self._named(r.body) for r in top)) if top else set()
        absent = [r for r in key.requirements if not r & named]
        missing = [sorted(r) for r in absent]
        late = tuple(self._first_rank(answer, r) for r in absent)
        shown = {m.duty.id for m in answer.subject.duties}
        duty_ok = bool(shown & key.acceptable)
        detail = ""
        if missing or not duty_ok:
            detail = f"missing {missing or '-'} at {list(late) or '-'}; top3 {[r.body.name for r in top]}; "
            detail += f"duties {sorted(shown)[:6]}"
        return Outcome(case, True, not missing, duty_ok, detail, late)

    def _first_rank(self, answer: ResponderAnswer, kinds: frozenset[str]) -> int | None:
        return next((r.rank for r in answer.responders if kinds & self._named(r.body)), None)

    def _uncovered(self, case: Case, answer: ResponderAnswer) -> Outcome:
        strong = [m.duty.id for m in answer.subject.duties if m.confidence == STRONG]
        coordinator = answer.coordinator is not None
        ok = coordinator and not strong
        detail = "" if ok else f"coordinator {'yes' if coordinator else 'NO'}; strong duties {strong}"
        return Outcome(case, False, ok, True, detail)


def share(flags: Iterable[bool]) -> tuple[int, int, float]:
    values = list(flags)
    hit = sum(values)
    return hit, len(values), (hit / len(values) if values else 1.0)


def summarise(outcomes: list[Outcome]) -> dict[str, tuple[int, int, float]]:
    covered = [o for o in outcomes if o.covered]
    uncovered = [o for o in outcomes if not o.covered]
    return {
        "routing (must kinds in top 3)": share(o.ok for o in covered),
        "duty recall": share(o.duty_ok for o in covered),
        "uncovered answered honestly": share(o.ok for o in uncovered),
    }


def where_missing(outcomes: list[Outcome]) -> dict[str, int]:
    """How many must-have kinds missing from the first three stand at each place of the answer."""
    places = dict.fromkeys(("4th", "5th", "6th-10th", "lower", "absent"), 0)
    for o in outcomes:
        for rank in o.late:
            places[_place(rank)] += 1
    return places


def _place(rank: int | None) -> str:
    if rank is None:
        return "absent"
    return {4: "4th", 5: "5th"}.get(rank) or ("6th-10th" if rank <= 10 else "lower")


def evaluate(domain: Domain, cases: list[Case]) -> list[Outcome]:
    """Each case scored with the law prior as if the file it comes from had never been read: the probe files are
    also what the prior learns from (graph/law_prior.py), and a case must not be answered from its own key."""
    scorer = Scorer(domain)
    prior = domain.law_prior
    views: dict[str, LawPrior] = {}
    try:
        out = []
        for c in cases:
            if c.source not in views:
                views[c.source] = prior.without(c.source)
            domain.law_prior = views[c.source]
            out.append(scorer.score(c))
        return out
    finally:
        domain.law_prior = prior


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=("tune", "heldout", "both"), default="both")
    parser.add_argument("--misses", action="store_true", help="list every miss")
    parser.add_argument("--ranks", action="store_true", help="where the missing must-have kinds stand in the answers")
    parser.add_argument(
        "--cases",
        type=Path,
        nargs="+",
        help="development probes in the same format (data/probes/routing_*.csv): each file is scored as one part, its "
        "split ignored",
    )
    args = parser.parse_args()
    for path in args.cases or ():
        if not path.is_file():
            parser.error(f"--cases: no such file: {path}")
    domain = bundled_domain()
    if args.cases:
        parts = [(path.name, read_cases(path)) for path in args.cases]
    else:
        cases = read_cases()
        splits = ("tune", "heldout") if args.split == "both" else (args.split,)
        parts = [(split, [c for c in cases if c.split == split]) for split in splits]
    for split, part in parts:
        outcomes = evaluate(domain, part)
        print(f"\n## {split}: {len(part)} whistles")
        print("| measure | hits | of | share |\n|---|---|---|---|")
        for name, (hit, n, frac) in summarise(outcomes).items():
            print(f"| {name} | {hit} | {n} | {frac:.1%} |")
        if args.ranks:
            print("missing must-have kinds: " + ", ".join(f"{k} {v}" for k, v in where_missing(outcomes).items()))
        if args.misses:
            for o in outcomes:
                if not o.ok or not o.duty_ok:
                    print(f"- {o.case.id} [{o.case.governing}] {o.case.text[:40]} → {o.detail}")


if __name__ == "__main__":
    main()
