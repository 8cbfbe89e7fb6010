"""A whole text's candidate rows: each 款 with its 项 read in text order, one row per (article, clause, holder kind,
role), the prohibitions on anyone after them.

Rules:
- `lead-yields`: a holder given `lead` and another role in one clause keeps the other role only.
- Reader 7: `sanction-yields` (an order to correct or a 处分 beside the clause's own sanction is part of it).
- `numbered-last`: the rows the rules of _NUMBERED_LAST add to an article come after its other rows.
"""

from __future__ import annotations

from loaders.reader.lexicon import Lexicon
from loaders.reader.paragraph_rows import paragraph_rows
from loaders.reader.prohibitions import prohibition_rows
from loaders.reader.rows import Row
from loaders.reader.sanctions import default_enforcers
from loaders.regulation_text import RegulationText

# rows these rules add to an article are numbered after its other rows (`numbered-last`), so the ids of rows already
# cited (colloquial_lexicon.csv's bases) stay where they were
_NUMBERED_LAST = (
    "task-list-owners",
    "prohibition-enforcer",
    "activity-described-party",
    "decision-power",
    "unit-head",
    "permit-subject",
    "report-target",
)


def extract(reg: RegulationText, lexicon: Lexicon) -> list[Row]:
    """Candidate rows for a whole text, one per (article, clause, holder kind, role), in text order."""
    lexicon = lexicon.with_text_definitions(reg)
    default = default_enforcers(reg, lexicon)
    rows: list[Row] = []
    for article in reg.articles:
        for paragraph in article.paragraphs:
            rows.extend(paragraph_rows(article, paragraph, lexicon, default))
    merged: dict[tuple[str, str, str, str], Row] = {}
    for row in rows:
        key = (*row.key, row.role)
        if key in merged and any(n in merged[key].rules and n not in row.rules for n in ("unit-head", "report-target")):
            # unit-head: where the clause names the unit itself as well, that mention's row is the unit's (its id,
            # duty text and rules stay as they were); so is a report-target's where a later sentence names the body
            # that takes the reports (有权向有关部门举报…。接到举报的…有关部门应当依法及时调查处理)
            row.holder_level = tuple(dict.fromkeys(merged[key].holder_level + row.holder_level))
            if "report-target" in merged[key].rules:
                del merged[key]  # (in the later sentence's place, as before the report-target was read)
            merged[key] = row
        elif key in merged:
            kept = merged[key]
            kept.holder_level = tuple(dict.fromkeys(kept.holder_level + row.holder_level))
            kept.penalty = kept.penalty or row.penalty
            kept.co_holders = list(dict.fromkeys(kept.co_holders + row.co_holders))
        else:
            merged[key] = row
    # lead-yields: where one clause gives a holder a sanction, an oversight or a hand besides its own task, the hand
    # reading keeps one row for the holder, with the more specific role (98% of its keys have a single role)
    specific = {r.key for r in merged.values() if r.role != "lead"}
    # sanction-yields: 责令限期改正 and 给予处分 beside the fine the same clause gives are parts of that sanction
    # (…责令限期改正；逾期不改正的，处…罚款): the body keeps its enforce row only
    enforcing = {r.key for r in merged.values() if r.role == "enforce"}
    out = [
        r
        for r in merged.values()
        if (r.role != "lead" or r.key not in specific)
        and not (r.key in enforcing and r.rules[-1] in ("order-to-correct", "discipline"))
    ]
    out.extend(prohibition_rows(reg, out, lexicon))
    order = {a.label: i for i, a in enumerate(reg.articles)}
    return sorted(out, key=lambda r: (order[r.article], any(n in r.rules for n in _NUMBERED_LAST)))
