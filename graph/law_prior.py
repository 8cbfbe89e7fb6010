"""Which law a complaint's wording resembles, learned from complaints already read: it orders weak matches.

A weak match rests on a word or two the complaint shares with clauses, and those words are often in several laws
(烧烤 is in both the park and the greening regulations; 标志 in nineteen texts). The complaints read so far say which law
wording like this is usually about: the development probes (data/probes/routing_*.csv), each keyed by hand to the
law that governs it. Naive Bayes over characters and pairs of characters (no segmenter, so typos and dialect still
share most of their pairs) turns that into a probability per law. `graph/subjects.py` uses it only to order weak
matches (rule `law-prior`) and to doubt sure ones (rules `unlike-its-law`, `like-ungoverned`: the complaints keyed
`none`, about matters no bundled text governs, are one more class of a second view): it never finds a duty, never
raises a confidence, and so never supplies a basis.

Each source file's counts are kept apart, so that an evaluation can read a probe file with a prior that never saw it
(`without`): a figure over the probes is then a figure on complaints the prior did not learn from.
"""

from __future__ import annotations

import math
import re
import threading
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from graph.segment import narrow
from graph.tables import table_rows

DATA = Path(__file__).resolve().parent.parent / "data"
PROBES = DATA / "probes"
REGULATIONS = DATA / "rules" / "regulations.csv"
SMOOTHING = 0.1  # added to every count: a pair a law's complaints never used is unlikely, not impossible
# Naive Bayes counts every pair as independent evidence, so its raw posterior is near 0 or 1; dividing the
# log-likelihood flattens it into a preference that orders weak matches without overruling what the words matched.
TEMPERATURE = 20.0
# Complaints keyed `none` (no bundled text governs them) make one more class of a second view, never a law of the
# first: rule `like-ungoverned` (graph/subjects.py) asks the second, the ordering of weak matches the first.
UNGOVERNED = "(ungoverned)"
_SPACE = re.compile(r"\s+")


def features(text: str) -> list[str]:
    """Every character and every pair of neighbouring characters, spaces dropped and Latin letters narrowed and
    lower-cased."""
    t = _SPACE.sub("", narrow(text).lower())
    return [*t, *(t[i : i + 2] for i in range(len(t) - 1))]


@dataclass
class _Counts:
    """What one source taught: complaints per law, and each law's feature counts."""

    docs: Counter[str] = field(default_factory=Counter)
    per_law: dict[str, Counter[str]] = field(default_factory=dict)  # law -> its complaints' feature counts
    totals: Counter[str] = field(default_factory=Counter)  # law -> how many features its complaints had
    overall: Counter[str] = field(default_factory=Counter)  # feature -> its count over every law
    _index: dict[str, dict[str, int]] | None = field(default=None, repr=False, compare=False)
    _lifts: dict[str, dict[str, float]] | None = field(default=None, repr=False, compare=False)

    def by_feature(self) -> dict[str, dict[str, int]]:
        """feature -> law -> its count, built on first use and again after the counts change: a posterior walks the
        laws that used each of a complaint's features, not every law for every feature."""
        if self._index is None:
            index: dict[str, dict[str, int]] = {}
            for law, found in self.per_law.items():
                for f, count in found.items():
                    index.setdefault(f, {})[law] = count
            self._index = index
        return self._index

    def lifts(self) -> dict[str, dict[str, float]]:
        """feature -> law -> log(1 + count / SMOOTHING), what the feature adds to the law's log-likelihood over an
        unused one, built with the index: a posterior then adds, and takes no logarithm for most features."""
        if self._lifts is None:
            self._lifts = {
                f: {law: math.log1p(count / SMOOTHING) for law, count in laws.items()}
                for f, laws in self.by_feature().items()
            }
        return self._lifts

    def add(self, found: list[str], law: str) -> None:
        """One complaint about `law`, by its features."""
        self.docs[law] += 1
        self.per_law.setdefault(law, Counter()).update(found)
        self.totals[law] += len(found)
        self.overall.update(found)
        self._index = self._lifts = None

    def beside(self, other: _Counts) -> _Counts:
        """These counts with another's classes beside them, sharing the classes' counters: nothing is counted again."""
        return _Counts(
            self.docs + other.docs,
            {**self.per_law, **other.per_law},
            self.totals + other.totals,
            self.overall + other.overall,
        )

    def merge(self, other: _Counts) -> None:
        self.docs.update(other.docs)
        for law, found in other.per_law.items():
            self.per_law.setdefault(law, Counter()).update(found)
        self.totals.update(other.totals)
        self.overall.update(other.overall)
        self._index = self._lifts = None


@dataclass(frozen=True)
class LawPrior:
    """The counts of every source and their totals; a view `without` one source subtracts it as it is asked."""

    sources: Mapping[str, _Counts]
    all: _Counts
    left_out: _Counts = field(default_factory=_Counts)
    unheard: frozenset[str] = frozenset()  # the pairs and characters only the left-out source used
    # the same complaints with the ungoverned ones as one more class (rule `like-ungoverned`); None in that view itself
    claims: LawPrior | None = None

    @classmethod
    def of(cls, sources: Mapping[str, _Counts]) -> LawPrior:
        return cls(sources, _total(sources.values()))

    def without(self, source: str) -> LawPrior:
        """The prior as if `source` had never been read (the same figures a prior built without it gives); itself
        when it never read `source`."""
        gone = self.sources.get(source)
        if gone is None:
            return self
        unheard = frozenset(f for f, n in gone.overall.items() if self.all.overall[f] == n)
        claims = self.claims.without(source) if self.claims else None
        return replace(self, left_out=gone, unheard=unheard, claims=claims)

    def ungoverned(self, text: str) -> float:
        """The probability that a complaint worded like `text` is about a matter no bundled text governs, the
        ungoverned complaints read as one more class beside each law's (rule `like-ungoverned`); 0 when none was
        read."""
        return self.claims.posterior(text).get(UNGOVERNED, 0.0) if self.claims else 0.0

    def posterior(self, text: str) -> dict[str, float]:
        """Law -> the probability that a complaint worded like `text` is about it; empty when nothing is known."""
        known, gone = self.all, self.left_out
        seen = [f for f in features(text) if f in known.overall and f not in self.unheard]
        n = known.docs.total() - gone.docs.total()
        if not seen or n <= 0:
            return {}
        width = SMOOTHING * (len(known.overall) - len(self.unheard))
        docs = {law: d for law in known.per_law if (d := known.docs[law] - gone.docs[law]) > 0}
        totals = {law: known.totals[law] - gone.totals[law] + width for law in docs}
        # every feature at the smoothing count, then, for each feature, what the laws whose complaints used it gain
        # over that: log((count + s) / total) - log(s / total) = log(1 + count / s), the same in every view but
        # for the features the left-out source used
        fit = {law: len(seen) * math.log(SMOOTHING / total) for law, total in totals.items()}
        index, lifts, less = known.by_feature(), known.lifts(), gone.by_feature()
        for f, times in Counter(seen).items():
            dropped = less.get(f)
            if dropped is None:
                for law, lift in lifts.get(f, {}).items():
                    if law in fit:
                        fit[law] += times * lift
                continue
            for law, count in index.get(f, {}).items():
                if law in fit and (count := count - dropped.get(law, 0)):
                    fit[law] += times * math.log1p(count / SMOOTHING)
        log = {law: math.log(d / n) + fit[law] / TEMPERATURE for law, d in docs.items()}
        top = max(log.values())
        weights = {law: math.exp(x - top) for law, x in log.items()}
        z = sum(weights.values())
        return {law: w / z for law, w in weights.items()}


@dataclass(frozen=True)
class Law:
    code: str  # the duty ids' prefix (data/rules/regulations.csv)
    title: str  # as a duty's `regulation` names it


def governing_laws(path: Path = REGULATIONS) -> dict[str, Law]:
    """How a probe or an evaluation row names the law that governs it (`bundled:<code>`, or `more:<file stem>` for a
    further text) -> that law."""
    out: dict[str, Law] = {}
    for _, row in table_rows(path, ("code", "regulation", "file")):
        law = Law(row["code"], row["regulation"])
        out[f"bundled:{law.code}"] = law
        out[f"more:{Path(row['file']).stem}"] = law
    return out


def read_law_prior(paths: Iterable[Path] | None = None, laws: Mapping[str, Law] | None = None) -> LawPrior:
    """The prior learned from keyed complaints (the routing probes by default), one source per file; a row whose
    governing law the bundle does not hold (another city's) teaches nothing, one no text governs (`none`) only the
    view of `claims`."""
    laws = governing_laws() if laws is None else laws
    sources: dict[str, _Counts] = {}
    ungoverned: dict[str, _Counts] = {}
    for path in sorted(PROBES.glob("routing_*.csv")) if paths is None else paths:
        counts = sources.setdefault(path.name, _Counts())
        claims = ungoverned.setdefault(path.name, _Counts())
        for _, row in table_rows(path, ("text", "governing")):
            law = laws.get(governing := row["governing"].strip())
            if law:
                counts.add(features(row["text"]), law.title)
            elif governing == "none":
                claims.add(features(row["text"]), UNGOVERNED)
    prior = LawPrior.of(sources)
    beside = {name: counts.beside(ungoverned[name]) for name, counts in sources.items()}
    return replace(prior, claims=LawPrior(beside, prior.all.beside(_total(ungoverned.values()))))


def _total(counts: Iterable[_Counts]) -> _Counts:
    total = _Counts()
    for c in counts:
        total.merge(c)
    return total


_BUNDLED = threading.Lock()


def bundled_law_prior() -> LawPrior:
    """The prior from the bundled probes, read once per process: every Domain shares it (it is never changed). The
    first caller reads it while any other waits, so that concurrent first complaints do not each read the probes."""
    with _BUNDLED:
        return _bundled_law_prior()


@cache
def _bundled_law_prior() -> LawPrior:
    return read_law_prior()
