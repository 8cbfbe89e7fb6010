"""The clauses a matched duty brings with it: who sanctions an obligation, who shares a clause.

`sanctioning-clause`:
A complaint is usually about what a trader, a property company or a neighbour does: the clause
it matches best binds them (role duty_bearer) and names no public body. The body that acts is the
one the regulation charges with sanctioning that obligation: an enforcing clause of the same
regulation that refers to the obligation's article ("违反本条例第三十五条规定的，由…") or, when
the regulation puts the sanction in the same article (市容环境卫生条例 第五十八条第三款), an
enforcing clause of that article.

`sanctioning-subject`: a penalty clause that cites no article but names the party it sanctions by the words an
obligation of the regulation opens with sanctions that obligation ("医院未履行安全秩序管理工作职责…由公安机关责令改正"
for "医院应当…配备安全检查人员", 医院安全秩序管理规定 第二十八条 and 第十七条).

`competent-authority`: an obligation no clause sanctions is supervised by the body the regulation makes
competent for its matter (市、区应急管理部门…对本行政区域内安全生产工作实施综合监督管理): the clause that says so
carries COMPETENT_FOR (rules/competent_authorities.csv, with its basis), and the obligation brings it.

`penalty-implementer`: an article may end by saying who carries out its penalties, by the place (公园条例 第五十六条第三款:
对主要公园内的…由市园林行政管理部门实施；对其他公园内的…由城市管理综合执法组织实施); those rows read just 实施, and a
matched penalty of the article brings them, so the body that acts in a neighbourhood park is called beside the one that
acts in a major park.

`co-holders`: a clause that names several bodies (会同, 配合, 协助) is one row per holder, each
listing the others as co-holders with their role; a matched row brings the rows of the co-holders
it names, so each is called with its own role. Both rules read the clauses' own words.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from graph.citations import NUMERALS, article_number, citations
from graph.model import Node
from graph.vocabulary import Role

# a penalty clause that names an article sanctions that article, not the party it opens with
_MENTIONS_ARTICLE = re.compile(rf"第[{NUMERALS}]+条")
# the party a clause opens with: "医院应当…" (an obligation), "医院未履行…的，由…" (its sanction)
_OBLIGED = re.compile(r"^([^，,；。：（）]{2,16}?)(?:应当|不得|必须|须|应|禁止)")
_SANCTIONED = re.compile(r"^([^，,；。：（）]{2,16}?)(?:未|不|违反|拒不|擅自|有下列)")
MAX_PER_DUTY = 2  # an obligation is sanctioned by one or two clauses; more means a catch-all penalty article
COMPETENT_FOR = "competent_for"  # the property marking a regulation's competent-authority clause (its basis)
# rule `sector-by-trade` (loaders/duty_marks.py): a department listed among those supervising a matter by trade carries
# the trades it is the sector for, as a complaint names them (健身房 for 体育), and why
SECTOR_TRADES = "sector_trades"
SECTOR_BASIS = "sector_basis"
SECTOR = "sector-by-trade"
SANCTIONING = "sanctioning-clause"
SANCTIONING_SUBJECT = "sanctioning-subject"
COMPETENT = "competent-authority"
IMPLEMENTER = "penalty-implementer"
IMPLEMENTS = "实施"  # the duty text of a row that says who carries out its article's penalties


@dataclass(frozen=True)
class Brought:
    """The clauses an obligation brings, and the rule that brings them (an answer says which, whatever their role)."""

    rule: str
    ids: tuple[str, ...]


def enforcers(duties: Iterable[Node]) -> dict[str, Brought]:
    """duty_bearer duty id -> the enforcing duties that sanction it (at most MAX_PER_DUTY), else its regulation's
    competent-authority clauses."""
    duties = list(duties)
    # (regulation, article number, its 之X suffix) -> the enforcing clauses that cite it
    cited: defaultdict[tuple[str, int, int], list[str]] = defaultdict(list)
    same_article: defaultdict[tuple[str, ...], list[str]] = defaultdict(list)
    competent: defaultdict[tuple[str, ...], list[str]] = defaultdict(list)  # (regulation,) -> competent clauses
    party: defaultdict[tuple[str, ...], list[str]] = defaultdict(list)  # (regulation, party) -> enforcers citing none
    for n in duties:
        if n.get(COMPETENT_FOR):
            competent[_where(n, "regulation")].append(n.id)
        if n.get("role") != Role.ENFORCE:
            continue
        same_article[_where(n, "regulation", "article")].append(n.id)
        quote = str(n.get("quote", ""))
        for article, suffix in dict.fromkeys(c[:2] for c in citations(quote)):
            cited[(str(n.get("regulation", "")), article, suffix)].append(n.id)
        if not _MENTIONS_ARTICLE.search(quote) and (named := _SANCTIONED.match(quote)):
            party[(*_where(n, "regulation"), named.group(1))].append(n.id)
    out: dict[str, Brought] = {}
    for n in duties:
        if n.get("role") != Role.DUTY_BEARER:
            continue
        key = _where(n, "regulation", "article")
        number = article_number(key[1])
        found = (cited.get((key[0], *number)) if number else None) or same_article.get(key) or []
        obliged = _OBLIGED.match(str(n.get("quote", "")))
        by_party = party.get((*key[:1], obliged.group(1)), []) if obliged else []
        if 0 < len(set(found)) <= MAX_PER_DUTY:
            out[n.id] = Brought(SANCTIONING, tuple(sorted(set(found))))
        elif 0 < len(set(by_party)) <= MAX_PER_DUTY:
            out[n.id] = Brought(SANCTIONING_SUBJECT, tuple(sorted(set(by_party))))
        elif competent.get(key[:1]):
            out[n.id] = Brought(COMPETENT, tuple(sorted(competent[key[:1]])))
    return out


def implementers(duties: Iterable[Node]) -> dict[str, tuple[str, ...]]:
    """Enforcing duty id -> the rows of its article that say who carries out the article's penalties (rule
    `penalty-implementer`)."""
    duties = list(duties)
    by_article: defaultdict[tuple[str, ...], list[str]] = defaultdict(list)
    for n in duties:
        if n.get("role") == Role.ENFORCE and str(n.get("duty", "")).strip() == IMPLEMENTS:
            by_article[_where(n, "regulation", "article")].append(n.id)
    out: dict[str, tuple[str, ...]] = {}
    for n in duties:
        rows = by_article.get(_where(n, "regulation", "article"), [])
        if rows and n.get("role") == Role.ENFORCE and n.id not in rows:
            out[n.id] = tuple(sorted(rows))
    return out


def co_holder_rows(duties: Iterable[Node]) -> dict[str, tuple[str, ...]]:
    """duty id -> the ids of the same clause's rows held by the co-holders it names."""
    duties = list(duties)
    clause: defaultdict[tuple[str, ...], list[Node]] = defaultdict(list)
    for n in duties:
        clause[_where(n, *_CLAUSE)].append(n)
    out: dict[str, tuple[str, ...]] = {}
    for n in duties:
        named = {c.rsplit(":", 1)[0] for c in _listed(n.get("co_holders"))}
        if not named:
            continue
        rows = tuple(
            sorted(o.id for o in clause[_where(n, *_CLAUSE)] if o.id != n.id and o.get("holder_kind") in named)
        )
        if rows:
            out[n.id] = rows
    return out


_CLAUSE = ("regulation", "article", "clause")


def _where(duty: Node, *fields: str) -> tuple[str, ...]:
    """A duty's locator as a key: the named fields of its row (regulation, article, clause)."""
    return tuple(str(duty.get(f, "")) for f in fields)


def _listed(value: object) -> list[str]:
    """A co_holders property: a list (as loaded) or `;`-separated text."""
    if isinstance(value, list):
        return [str(v) for v in value if v]
    return [v for v in str(value or "").split(";") if v]
