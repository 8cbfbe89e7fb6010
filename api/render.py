"""Plain-text renderings of answers for the command line: each line says who and why."""

from __future__ import annotations

from graph.answers import (
    Assessment,
    Assignment,
    ReportingAnswer,
    ResponderAnswer,
    Responsibility,
    SubjectMatch,
    Subordinate,
    SubordinatesAnswer,
)
from graph.domain import SearchHit
from graph.vocabulary import MatchKind


def _subject(s: SubjectMatch, limit: int = 8) -> list[str]:
    if not s.duties:
        read = f"; words read: {', '.join(s.terms)}" if s.terms else ""
        return [f"subject {s.subject!r} matches no duty (confidence none){read}"]
    more = f", {s.more} more matching duty(ies) not listed" if s.more else ""
    lines = [f"subject {s.subject!r} matched {len(s.duties)} duty(ies) by {s.how}, confidence {s.confidence}{more}:"]
    # an emergency's response duties are always listed: they say why the district and the street act now
    listed = [m for i, m in enumerate(s.duties) if i < limit or m.how == MatchKind.URGENCY]
    for m in listed:
        score = f" score {m.score:.2f} {m.confidence}" if m.how == MatchKind.TEXT else ""
        terms = f"  [{', '.join(m.terms)}]" if m.how in (MatchKind.TEXT, MatchKind.URGENCY) else ""
        via = f"  (brought: {m.via})" if m.via else ""
        lines.append(f"  {m.duty.id}{score}  {m.duty.citation} {m.duty.duty}{m.item}{terms}{via}")
    if len(s.duties) > len(listed):
        lines.append(f"  ... and {len(s.duties) - len(listed)} more")
    return lines


def _assignment(a: Assignment) -> list[str]:
    who = a.body.name if a.body else "(no concrete body)"
    prov = f" [{a.body.provenance}{': ' + a.body.rule if a.body and a.body.rule else ''}]" if a.body else ""
    flag = " (delegated 2020)" if a.delegated else ""
    return [
        f"  {a.role:<9} {a.level:<9} {who}{prov}{flag}",
        f"            {a.duty.citation} {a.duty.duty} — {a.resolution}",
        f"            path: {a.path.text}",
    ]


def responsibility(r: Responsibility, limit: int = 30) -> str:
    lines = [f"Who is responsible at {r.place.name} ({r.place.id})" + (f" as of {r.as_of}" if r.as_of else "")]
    lines += _subject(r.subject)
    lines.append(f"{len(r.assignments)} holder(s), by role:")
    for a in r.assignments[:limit]:
        lines += _assignment(a)
    if len(r.assignments) > limit:
        lines.append(f"  ... and {len(r.assignments) - limit} more (use --json for all)")
    lines += [f"note: {n}" for n in r.notes]
    return "\n".join(lines)


def responders(r: ResponderAnswer, limit: int = 30) -> str:
    w = r.whistle
    lines = [f"Whistle at {r.place.name} ({r.place.id}) about {w.subject!r}, urgency {w.urgency}"]
    lines += _subject(r.subject)
    if r.coordinator is not None:
        c = r.coordinator
        lines.append(f"coordinator on this ground: {c.body.name}, under {c.basis}: {c.quote}")
    lines.append(f"{len(r.responders)} responder(s), in order:")
    for x in r.responders[:limit]:
        now = " [notify now]" if x.notify_now else ""
        lines.append(f"  {x.rank:>2}. {x.tier:<10} {x.role:<10} {x.body.name}{now}")
        lines.append(f"      why: {x.why}")
        lines.append(f"      path: {x.path.text}")
    if len(r.responders) > limit:
        lines.append(f"  ... and {len(r.responders) - limit} more (use --json for all)")
    if r.unresolved:
        kinds = sorted({f"{a.holder_kind_name} ({a.holder_kind})" for a in r.unresolved})
        lines.append(f"holders named by the law but with no concrete body here: {', '.join(kinds)}")
    lines += [f"note: {n}" for n in r.notes]
    return "\n".join(lines)


def chain(r: ReportingAnswer) -> str:
    lines = [f"Reporting lines of {r.body.name} ({r.body.id})"]
    for c in r.chains:
        lines.append(f"  {c.line}:")
        for s in c.steps:
            how = " (requested line ended; primary line followed)" if s.fallback else ""
            lines.append(f"    {s.body.name} -> {s.parent.name} [{s.line}{', primary' if s.primary else ''}]{how}")
            lines.append(f"      {s.provenance}: {s.rule or s.source}")
    lines += [f"note: {n}" for n in r.notes]
    return "\n".join(lines)


def subordinates(r: SubordinatesAnswer) -> str:
    """As a tree: each body under its superior, a unit with two superiors under both, with the line."""
    below: dict[tuple[str, int], list[Subordinate]] = {}
    for s in r.subordinates:
        below.setdefault((s.parent.id, s.depth), []).append(s)
    lines = [f"{len(r.subordinates)} subordinate(s) of {r.body.name} ({r.body.id}):"]

    def walk(parent: str, depth: int) -> None:
        for s in below.get((parent, depth), []):
            lines.append(
                f"  {'  ' * (depth - 1)}{s.body.name} ({s.body.id}) [{s.line}{', primary' if s.primary else ''}]"
            )
            walk(s.body.id, depth + 1)

    walk(r.body.id, 1)
    lines += [f"note: {n}" for n in r.notes]
    return "\n".join(lines)


def assessments(body: str, gives: list[Assessment], gets: list[Assessment]) -> str:
    lines = [f"{body} assesses {len(gives)}:"]
    lines += [f"  {a.assessed.name} — {a.basis}" for a in gives]
    lines.append(f"{body} is assessed by {len(gets)}:")
    lines += [f"  {a.assessor.name} — {a.basis}" for a in gets]
    return "\n".join(lines)


def search(hits: list[SearchHit]) -> str:
    return (
        "\n".join(f"  {h.score:7.2f}  {h.node.label:<9} {h.node.id:<28} {h.node.name}" for h in hits) or "  (nothing)"
    )
