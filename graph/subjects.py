"""From a subject to the duties an answer cites: domain-level subjects and free text.

Which of the matched duties decide who acts: one per holder kind and role, leaders and enforcers first.

A domain (接诉即办: 91 duties) matches many clauses that name the same holders again and again, and
many that only oversee (supervise), bind people outside government (duty_bearer) or name no body
(有关部门). The answer keeps, for each (holder kind, role) that acts (lead, enforce, respond, assist),
its best clause, ordered strong matches, lead and enforce, concrete holders first, and counts the
rest as `more`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from graph.answers import DutyMatch, DutyRef, SubjectMatch
from graph.companions import COMPETENT, IMPLEMENTER, SANCTIONING, SANCTIONING_SUBJECT, SECTOR, Brought
from graph.items import matched_item
from graph.law_prior import LawPrior
from graph.matcher import LEXICON_ARROW, SITUATION_JOIN, DutyMatcher, Scored, Thresholds, rank_order
from graph.places import PlaceWords
from graph.segment import narrow
from graph.species import animals_named, any_animal, clause_animals, other_animal
from graph.vocabulary import Confidence, MatchKind, Role, Urgency

DECISIVE_LIMIT = 24  # 养犬管理 has 22 acting (kind, role) pairs with a named holder
# Free text keeps the duties ranking at least this share of the best one, of at most as many clauses as a domain
# subject shows duties: a complaint touching several clauses of one matter (a dog off the leash, its owner, the yard)
# needs them all.
TEXT_MIN_RATIO = 0.3
TEXT_LIMIT = DECISIVE_LIMIT
# rule `second-matter`: at most this many clauses below that share are kept as a second matter of the complaint
SECOND_MATTER_LIMIT = 2
# At most this many duties that decide who acts are added from the domains a text strongly matches.
DOMAIN_EXTRA = 6
ROLE_RANK = {"lead": 0, "enforce": 0, "respond": 1, "assist": 2}
# The kinds a complaint about the handling of an earlier order names (接诉即办工作条例 第十五条, 第二十三条).
HANDLING_KINDS = frozenset({"handling_unit", "hotline_centre"})
# Duties of the matter kept beside the handling law's (a few clauses: their rows per holder count each).
MATTER_LIMIT = 6
# rule `like-ungoverned`: from this resemblance to complaints no bundled text governs, a sure match is doubted. Over
# the probe files, each read with a prior that never saw it, 0.5 made 19 more of 578 ungoverned complaints honest
# (536 -> 555) and graded 5 of 12,927 governed ones weak, routing unchanged; 0.35 cost 3 of the 29 governed honesty
# probes their sure match
LIKE_UNGOVERNED = 0.5
UNLIKE = 0.01  # rule `unlike-its-law`: below this resemblance to its law's complaints a sure match is doubted
PRIOR_WEIGHT = 1.0  # rule `law-prior`: a certain resemblance to a law's complaints doubles its weak clauses' scores
# Kinds the texts name without saying which body: they never decide who acts before a named holder.
GENERIC_KINDS = frozenset(
    {
        "all_level_governments",
        "local_government",
        "city_departments",
        "district_departments",
        "relevant_departments",
        "sector_authority",
        "superior_authority",
        "enforcement_organs",
        "state_organs",
        "authorised_organisation",
        "handling_unit",
        "relevant_units",
        "units_general",
    }
)
_NUMBERS = re.compile(r"\d+")


@lru_cache(maxsize=1 << 16)
def _article_order(duty_id: str) -> tuple[str, tuple[int, ...]]:
    """Natural order of ids (xf-a9-2 before xf-a10-1)."""
    return duty_id.split("-")[0], tuple(int(n) for n in _NUMBERS.findall(duty_id.split("-", 1)[-1]))


def decisive(
    matches: Sequence[DutyMatch],
    limit: int = DECISIVE_LIMIT,
    taken: Iterable[tuple[str, str]] = (),
    competent: Collection[tuple[str, str]] = (),
) -> tuple[tuple[DutyMatch, ...], int]:
    """The few duties that decide who acts (skipping (kind, role) pairs already `taken`), and how many were left out.
    Where the limit cuts between holders alike in all else (the nine departments a prepaid-card penalty lists by
    trade), the one its regulation makes `competent` for the matter is kept first (rule `competent-first`)."""
    ordered = sorted(
        matches,
        key=lambda m: (
            m.confidence != Confidence.STRONG,
            ROLE_RANK.get(m.duty.role, 9),
            -m.score,
            (m.duty.regulation, m.duty.holder_kind) not in competent,
            _article_order(m.duty.id),
        ),
    )
    chosen: list[DutyMatch] = []
    seen = set(taken)
    for m in ordered:
        pair = (m.duty.holder_kind, m.duty.role)
        if m.duty.role in ROLE_RANK and m.duty.holder_kind not in GENERIC_KINDS and pair not in seen:
            seen.add(pair)
            chosen.append(m)
    chosen = chosen[:limit]
    return tuple(chosen), len(matches) - len(chosen)


def domain_match(subject: str, how: str, duties: Sequence[DutyRef]) -> SubjectMatch:
    """A domain or whistle subject named exactly: its deciding duties, the rest counted."""
    chosen, more = decisive([DutyMatch(d, how, terms=(subject,)) for d in duties])
    return SubjectMatch(subject, how, chosen, Confidence.STRONG, (subject,), more)


URGENCY_TERM = f"urgency: {Urgency.EMERGENCY}"  # the term an emergency-response duty carries by rule


def with_urgency(match: SubjectMatch, duties: Sequence[DutyRef]) -> SubjectMatch:
    """An emergency's subject: what its words matched, then the response-phase duties binding at the place (rule
    `emergency-response-duties`: the district government controls the situation, the street evacuates and reports,
    whatever the words). They are strong by rule, since the caller says it is an emergency, but score as a rule
    match (1.0), so that they never outrank a holder the words named; the match's own confidence still says how
    surely its words were read. One the words matched too keeps its place and score but is the rule's as well: strong,
    and its holder's first reason (a fire brigade called to a blast acts under its rescue duty, not under the clause
    on gas cylinders the words also found)."""
    rule = (URGENCY_TERM,)
    response = {d.id for d in duties}
    kept = tuple(
        replace(m, how=MatchKind.URGENCY, confidence=Confidence.STRONG, terms=(*m.terms, *rule))
        if m.duty.id in response
        else m
        for m in match.duties
    )
    shown = {m.duty.id for m in kept}
    extra = [DutyMatch(d, MatchKind.URGENCY, terms=rule) for d in duties if d.id not in shown]
    extra.sort(key=lambda m: _article_order(m.duty.id))
    return replace(match, duties=(*kept, *extra))


@dataclass(frozen=True)
class Sector:
    """A department's row in a clause that lists the departments supervising a matter by trade, and the trades it is
    the sector for, as a complaint names them (rule `sector-by-trade`)."""

    duty: str
    trades: tuple[str, ...]


def sectors_of(refs: Mapping[str, DutyRef], trades: Mapping[str, str]) -> dict[str, tuple[Sector, ...]]:
    """regulation -> the rows marked with the trades they are the sector for (rules/trade_sectors.csv)."""
    out: dict[str, list[Sector]] = {}
    for duty, words in sorted(trades.items()):
        if words:
            out.setdefault(refs[duty].regulation, []).append(Sector(duty, tuple(words.split())))
    return {regulation: tuple(rows) for regulation, rows in out.items()}


def text_match(
    text: str,
    matcher: DutyMatcher,
    thresholds: Thresholds,
    duties: Mapping[str, DutyRef],
    places: PlaceWords | None = None,
    competent: Collection[tuple[str, str]] = (),
    sectors: Mapping[str, Sequence[Sector]] | None = None,
    *,
    prior: LawPrior,
) -> SubjectMatch:
    """Free text: the best-ranked duties, then the deciding duties of the domains it is strongly about.

    Only the duties in `duties` are ranked (those binding at the whistle's place): another city's law never sets
    the band. The names of the places around it are not read (rule `place-names`), nor what it says it is not about as
    a matter on its own (rule `ruled-out`, graph/negation.py). Text that matches nothing is an
    answer (confidence `none`, no duties), not an error. Weak matches alone are ordered with the `prior` (rule
    `law-prior`).
    """
    read = narrow(text)  # so that a place typed 長辛店 is set aside too
    said = places.blank(read) if places else read  # 牛街 and 羊坊店 name streets, not animals
    query, scored = matcher.score(said)
    told = animals_named((said, *(w for c in query.concepts if not any_animal(c.legal) for w in c.legal)))
    graded: list[tuple[Scored, Confidence]] = [
        (s, c) for s in scored if s.duty_id in duties and (c := thresholds.grade(s)) != Confidence.NONE
    ]
    if told:  # rule `other-animal`: most complaints name no animal, and keep every clause
        graded = [
            (s, c) for s, c in graded if not other_animal(told, clause_animals((d := duties[s.duty_id]).duty, d.quote))
        ]
    if not graded:
        return SubjectMatch(text, MatchKind.TEXT, (), Confidence.NONE, query.words, ruled_out=query.ruled_out)
    resembles = ""
    # the prior is read once, and only when a rule may use it: to doubt a sure match, or to order weak ones a telling
    # word found
    sure = any(c == Confidence.STRONG for _, c in graded)
    likely = prior.posterior(text) if sure or any(s.subject_words for s, _ in graded) else {}
    graded, ungoverned = _like_ungoverned(graded, text, prior) if sure else (graded, 0.0)
    graded, unlike = _unlike_its_law(graded, duties, likely)
    if all(c != Confidence.STRONG for _, c in graded):
        graded, resembles = _by_law_prior(graded, duties, likely)

    best = graded[0][0].rank
    ranked: list[tuple[Scored, Confidence]] = [(s, c) for s, c in graded if s.rank >= best * TEXT_MIN_RATIO]
    second = _second_matter(graded, ranked)
    ranked += second
    ranked += _matter_beside_handling(graded, ranked, duties)
    apart = {s.duty_id for s, _ in second}

    def match(s: Scored, confidence: Confidence) -> DutyMatch:
        return DutyMatch(duties[s.duty_id], MatchKind.TEXT, s.score, confidence, s.terms, second=s.duty_id in apart)

    band = [match(s, c) for s, c in _first_clauses(ranked, TEXT_LIMIT, duties)]
    # A domain the text is most surely about brings its deciding duties, when the words they matched name the
    # domain itself (吸烟 in 控制吸烟): the territorial and lead clauses rarely repeat the complaint's words.
    top = Confidence.STRONG if any(m.confidence == Confidence.STRONG for m in band) else Confidence.WEAK
    domains = {m.duty.domain for m in band if m.confidence == top}
    chosen = {m.duty.id for m in band}
    candidates = [
        match(s, c)
        for s, c in graded
        if s.duty_id not in chosen
        and (domain := duties[s.duty_id].domain) in domains
        and any(term.split("→")[-1] in domain for term in s.terms)
    ]
    extra, _ = decisive(candidates, DOMAIN_EXTRA, {(m.duty.holder_kind, m.duty.role) for m in band}, competent)
    found = _with_clause_companions(
        _with_enforcers((*band, *extra), matcher.sanctioned_by, duties), band, matcher, duties
    )
    found = _with_sectors(found, text, sectors or {}, duties)
    found = tuple(replace(m, item=matched_item(m.duty.duty, m.duty.clause, m.duty.quote, m.terms)) for m in found)
    more = len({s.duty_id for s, _ in graded} - {m.duty.id for m in found})  # companions are shown, not matched
    return SubjectMatch(
        text, MatchKind.TEXT, found, top, query.words, more, resembles, query.ruled_out, unlike, ungoverned
    )


def _second_matter(
    graded: Sequence[tuple[Scored, Confidence]], ranked: Sequence[tuple[Scored, Confidence]]
) -> list[tuple[Scored, Confidence]]:
    """Rule `second-matter`: a complaint often raises two matters (rooms built on for rent, and the village's fire
    group that never came), and the second's clause scores under TEXT_MIN_RATIO of the first's. A clause matched by
    words of the complaint that no kept clause matched is such a matter when they are two or more whole words, or a
    reviewed lexicon word carried to wording few laws use; up to SECOND_MATTER_LIMIT are kept, best first. A
    situation's cues read together (接了+房→违法建设) are too little to add a law the complaint may not be about."""

    def said(s: Scored) -> set[str]:
        return {t.split(LEXICON_ARROW)[0] for t in s.terms}

    def telling(s: Scored) -> bool:
        return s.subject_words >= 2 or (
            s.carried and any(LEXICON_ARROW in t and SITUATION_JOIN not in t for t in s.terms)
        )

    used = set().union(*(said(s) for s, _ in ranked))
    kept = {s.duty_id for s, _ in ranked}
    apart = [(s, c) for s, c in graded if s.duty_id not in kept and telling(s) and not used & said(s)]
    return apart[:SECOND_MATTER_LIMIT]


def _like_ungoverned(
    graded: Sequence[tuple[Scored, Confidence]], text: str, prior: LawPrior
) -> tuple[list[tuple[Scored, Confidence]], float]:
    """Rule `like-ungoverned`: when the wording resembles complaints no bundled text governs (a guard's unpaid wages,
    a landlord's deposit, a bank's fee) at least as much as LIKE_UNGOVERNED, against every law's complaints, its sure
    matches are graded weak: the words found a clause (物业费, 暖气, 退钱), the story is a private claim. Only the
    confidence changes, so the answer says it is unsure and names the coordinator; the matches and their order stay.
    Returns the resemblance when it doubted, else 0."""
    resemblance = prior.ungoverned(text)
    if resemblance < LIKE_UNGOVERNED:
        return list(graded), 0.0
    return [(s, Confidence.WEAK if c == Confidence.STRONG else c) for s, c in graded], resemblance


def _unlike_its_law(
    graded: Sequence[tuple[Scored, Confidence]], duties: Mapping[str, DutyRef], likely: Mapping[str, float]
) -> tuple[list[tuple[Scored, Confidence]], tuple[str, ...]]:
    """Rule `unlike-its-law`: a sure match of a law whose complaints the wording does not resemble at all (below
    UNLIKE) is graded weak, so the answer says it is unsure and the prior orders the matches (rule `law-prior`). Over
    the probes, read unseen, 122 of the 124 sure first matches so doubted were of another law than the governing one
    (98 %): their words are the law's, their story another's (a fruit stall at a hutong's mouth matches the park
    regulation's 摆摊设点). A law the prior has never read complaints about (another city's) is never doubted.
    `likely` is the prior's posterior for the complaint (empty: nothing is doubted). Returns the laws so doubted."""
    doubted = {
        law
        for s, c in graded
        if c == Confidence.STRONG and likely.get(law := duties[s.duty_id].regulation, 1.0) < UNLIKE
    }
    if not doubted:
        return list(graded), ()
    out = [
        (s, Confidence.WEAK if c == Confidence.STRONG and duties[s.duty_id].regulation in doubted else c)
        for s, c in graded
    ]
    return out, tuple(sorted(doubted))


def _by_law_prior(
    graded: Sequence[tuple[Scored, Confidence]], duties: Mapping[str, DutyRef], likely: Mapping[str, float]
) -> tuple[list[tuple[Scored, Confidence]], str]:
    """Rule `law-prior`: when no clause matches surely, each weak match's score is lifted by how much the wording
    resembles complaints about its law (graph/law_prior.py), up to twice its own for a certain resemblance, and the
    matches are ranked again: a tout's unmarked day-trip coach at a scenic spot is the road-transport regulation's,
    though 景区 finds the park regulation. Only a clause that a telling word of the complaint found is lifted, not one
    found only by where it happened or by words many laws use (`setting-alone`, `widespread-word`): the prior picks
    among the clauses the matter's words found, it never makes a law's general clause the reason (a card room in a
    block of flats resembles property complaints, yet the property regulation's clause on service lists, which 小区
    and 住宅 found, is no reason to call the city housing commission). Only the order changes: each match keeps its
    words, its confidence and its clause. Returns the law it resembled most, with its probability, to show in the
    answer (the likeliest of the laws the lifted clauses belong to, never one that does not bind here), or nothing
    when no match was lifted."""
    laws = {duties[s.duty_id].regulation for s, _ in graded if s.subject_words}
    if not any(likely.get(law, 0.0) for law in laws):
        return list(graded), ""  # (a second city's laws: the prior learnt from none of them)
    lifted = [
        (replace(s, score=s.score * (1 + PRIOR_WEIGHT * likely.get(duties[s.duty_id].regulation, 0.0))), c)
        if s.subject_words
        else (s, c)
        for s, c in graded
    ]
    lifted.sort(key=lambda sc: rank_order(sc[0]))
    law = max(sorted(laws), key=lambda x: likely.get(x, 0.0))
    return lifted, f"{law} ({likely[law]:.2f})"


def _matter_beside_handling(
    graded: Sequence[tuple[Scored, Confidence]],
    ranked: Sequence[tuple[Scored, Confidence]],
    duties: Mapping[str, DutyRef],
) -> list[tuple[Scored, Confidence]]:
    """Rule `matter-beside-handling`: a complaint about how an earlier order was handled (打了三回12345，每回都说办结了)
    is still about its matter (the noise upstairs): when the best clause is the handling law's, the best clauses of
    the matter the other words found are kept too, ranked among themselves, though the handling words outrank them."""
    first = duties[graded[0][0].duty_id]
    if first.holder_kind not in HANDLING_KINDS:
        return []
    handling = first.regulation
    kept = {s.duty_id for s, _ in ranked}
    matter = [(s, c) for s, c in graded if duties[s.duty_id].regulation != handling and s.duty_id not in kept]
    if not matter:
        return []
    best = matter[0][0].rank
    return [(s, c) for s, c in matter if s.rank >= best * TEXT_MIN_RATIO][:MATTER_LIMIT]


def _first_clauses(
    ranked: Sequence[tuple[Scored, Confidence]], limit: int, duties: Mapping[str, DutyRef]
) -> list[tuple[Scored, Confidence]]:
    """The duties of the best `limit` clauses (rule `clause-limit`): a clause naming three holders is one match of
    the words, so its three rows take one place, not three (物业管理条例 第七十八条 binds owner, occupant and property
    company alike)."""
    clauses: set[tuple[str, str, str]] = set()
    out = []
    for s, c in ranked:
        duty = duties[s.duty_id]
        clause = (duty.regulation, duty.article, duty.clause)
        if clause in clauses or len(clauses) < limit:
            clauses.add(clause)
            out.append((s, c))
    return out


def _with_enforcers(
    found: tuple[DutyMatch, ...], sanctioned_by: Mapping[str, Brought], duties: Mapping[str, DutyRef]
) -> tuple[DutyMatch, ...]:
    """A matched obligation brings the clauses that sanction it (graph/companions.py), graded as the obligation, when
    nothing matched already says who enforces that regulation: the body a complaint about a trader needs is the one
    charged with enforcing the trader's duty."""
    enforced = {m.duty.regulation for m in found if m.duty.role == Role.ENFORCE}
    sources = [m for m in found if m.duty.regulation not in enforced]
    return _bring(
        found,
        sources,
        lambda duty: sanctioned_by[duty].ids if duty in sanctioned_by else (),
        duties,
        lambda source: _VIA[sanctioned_by[source.id].rule].format(source.id),
    )


# what a brought duty's `via` says, by the rule that brought it ({} is the duty that brought it)
_VIA = {
    SANCTIONING: f"sanctions {{}} ({SANCTIONING})",
    SANCTIONING_SUBJECT: f"sanctions the party bound by {{}} ({SANCTIONING_SUBJECT})",
    COMPETENT: f"competent for the matter of {{}}, which no clause sanctions ({COMPETENT})",
}


def _with_sectors(
    found: tuple[DutyMatch, ...], text: str, sectors: Mapping[str, Sequence[Sector]], duties: Mapping[str, DutyRef]
) -> tuple[DutyMatch, ...]:
    """Rule `sector-by-trade`: a complaint about a law that splits supervision by trade (预付卡条例 第六条) and names
    the trade (健身房) brings the row of that trade's department, graded as the law's best-matched duty: of the
    thirteen departments the clause lists alike, the words decide which one supervises this card."""
    at = {m.duty.id: i for i, m in enumerate(found)}
    out = list(found)
    best_of = {m.duty.regulation: m for m in reversed(found)}  # each law's best-ranked match grades its sector
    for regulation, source in best_of.items():
        for sector in sectors.get(regulation, ()):
            named = max((t for t in sector.trades if t in text), key=len, default=None)  # 健身房 over 健身
            if not named or sector.duty not in duties:
                continue
            via = f"the sector for the trade named ({named}) ({SECTOR})"  # read back by `names_sector`
            if sector.duty in at:  # already shown (a co-holder of the matched clause): now also the trade's sector
                out[at[sector.duty]] = replace(out[at[sector.duty]], via=via)
            else:
                at[sector.duty] = len(out)
                out.append(
                    DutyMatch(duties[sector.duty], MatchKind.TEXT, source.score, source.confidence, source.terms, via)
                )
    return tuple(out)


def names_sector(m: DutyMatch) -> bool:
    """Whether `_with_sectors` brought or marked the duty as the sector of the trade the complaint names."""
    return m.via.endswith(f"({SECTOR})")


def _with_clause_companions(
    found: tuple[DutyMatch, ...], band: Sequence[DutyMatch], matcher: DutyMatcher, duties: Mapping[str, DutyRef]
) -> tuple[DutyMatch, ...]:
    """The best-ranked duties bring the rows of the co-holders their clause names, and a penalty the rows of its
    article that say who carries it out (graph/companions.py), graded as the duty, so each is called with its own
    role."""
    found = _bring(
        found,
        band,
        lambda duty: matcher.co_held.get(duty, ()),
        duties,
        lambda source: f"named with {source.id} (co-holders)",
    )
    return _bring(
        found,
        band,
        lambda duty: matcher.implemented_by.get(duty, ()),
        duties,
        lambda source: f"carries out the penalties of {source.id} ({IMPLEMENTER})",
    )


def _bring(
    found: tuple[DutyMatch, ...],
    sources: Sequence[DutyMatch],
    companions: Callable[[str], tuple[str, ...]],
    duties: Mapping[str, DutyRef],
    via: Callable[[DutyRef], str],
) -> tuple[DutyMatch, ...]:
    """`found` and, after it, each source's companion duties not shown yet, graded as the source that brings them
    and saying which brought them and why (`via`); a companion shown already on a weaker match of its own (公园 alone)
    is graded so too, in its place."""
    at = {m.duty.id: i for i, m in enumerate(found)}
    out = list(found)
    for m in sources:
        for extra in companions(m.duty.id):
            if extra not in duties:
                continue
            brought = DutyMatch(
                duties[extra], MatchKind.TEXT, m.score, m.confidence, m.terms, via(m.duty), second=m.second
            )
            if extra not in at:
                at[extra] = len(out)
                out.append(brought)
            elif m.confidence == Confidence.STRONG and out[at[extra]].confidence != Confidence.STRONG:
                out[at[extra]] = brought
    return tuple(out)
