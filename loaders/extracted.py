"""The bundled extracted duties: the regulation reader run on the texts under regulations/more/, with the
reviewed corrections applied, written to duties/extracted_duties.csv (`python -m loaders.extracted [DATASET]`: the
bundled data, or a second city's folder such as data/chongqing).

The bundle is a build product of the reader, the lexicon and the corrections; a test rebuilds it and fails when
the committed file differs, so it never drifts from the rules that made it. Each row says where each part came from:
the quote is `official` (the verbatim clause), the holder assignment `derived` by the named rule and reader version.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from loaders.dataset import BUNDLED
from loaders.reader.extract import extract
from loaders.reader.lexicon import Lexicon
from loaders.reader.rows import COLUMNS, READER_VERSION, Row, row_dicts
from loaders.regulation_text import RegulationText, read_regulation
from loaders.xlsx import DUTY_LIST_CSV, duty_list_rows

EXTRACTED = "duties/extracted_duties.csv"
CORRECTIONS = "rules/extraction_corrections.csv"
READ_FOLDER = "regulations/more/"  # texts whose duties come from the reader, not from a hand reading
PROVENANCE_COLUMNS = ("quote_provenance", "holder_provenance", "rule", "reader_version")
BUNDLE_COLUMNS = (*COLUMNS, *PROVENANCE_COLUMNS)
# (a city-level text opens with its city: 北京市…, 重庆市…)
_TITLE_NOISE = re.compile(r"^[\u4e00-\u9fff]{2}市|^实施|《中华人民共和国|》|(?:的若干规定|条例|办法|规定)$")


@dataclass(frozen=True)
class Correction:
    """A reviewed hand fix of one extracted row: `drop` it, set its `role`, or set its `duty` to a verbatim part of
    its quote (where the reader paired a listed holder with another's part); always with the reason."""

    code: str
    article: str
    clause: str
    holder_kind: str
    role: str
    action: str
    value: str
    reason: str

    def matches(self, code: str, row: Row) -> bool:
        return (code, row.article, row.clause, row.holder_kind, row.role) == (
            self.code,
            self.article,
            self.clause,
            self.holder_kind,
            self.role,
        )


def read_corrections(root: Path) -> list[Correction]:
    """A dataset's reviewed corrections; none when it has no corrections file (a second city may need none)."""
    if not (root / CORRECTIONS).exists():
        return []
    with (root / CORRECTIONS).open(encoding="utf-8") as f:
        return [
            Correction(
                r["regulation"],
                r["article"],
                r["clause"],
                r["holder_kind"],
                r["role"],
                r["action"],
                r["value"],
                r["reason"],
            )
            for r in csv.DictReader(f)
        ]


def domain_of(title: str) -> str:
    """domain-from-title: the regulation's own subject (北京市燃气管理条例 -> 燃气管理, 重庆市消防条例 -> 消防) as the rows' domain."""
    core = title
    while True:
        shorter = _TITLE_NOISE.sub("", core)
        if shorter == core:
            return core
        core = shorter


def corrected(code: str, rows: list[Row], corrections: list[Correction]) -> list[Row]:
    """Rows after the reviewed corrections; a correction that matches no row is an error (it went stale)."""
    out = []
    used: set[Correction] = set()
    for row in rows:
        fix = next((c for c in corrections if c.matches(code, row)), None)
        if fix is None:
            out.append(row)
            continue
        used.add(fix)
        if fix.action == "drop":
            continue
        if fix.action == "role":
            row.role = fix.value
        elif fix.action == "duty":
            if fix.value not in row.quote:
                raise ValueError(f"{CORRECTIONS}: the duty of {fix} is not a verbatim part of its quote")
            row.duty = fix.value
        else:
            raise ValueError(f"{CORRECTIONS}: unknown action {fix.action!r}")
        row.rules.append("reviewed-correction")
        out.append(row)
    stale = [c for c in corrections if c.code == code and c not in used]
    if stale:
        raise ValueError(f"{CORRECTIONS}: corrections that match no extracted row: {stale}")
    return out


def reading_lexicon(dataset: Path, base: Path = BUNDLED) -> Lexicon:
    """The lexicon a dataset's texts are read with: the base (bundled) one, and a second city's own kinds and
    phrases over it (`city-lexicon`); the base alone for the base's own texts."""
    return Lexicon.load(*dict.fromkeys(p.resolve() for p in (base, dataset)))


def bundle_rows(root: Path) -> list[dict[str, str]]:
    """Every extracted row of every text under regulations/more/ listed in rules/regulations.csv, read with the
    dataset's lexicon over the bundled one (`city-lexicon`)."""
    lexicon = reading_lexicon(root)
    corrections = read_corrections(root)
    out: list[dict[str, str]] = []
    with (root / "rules/regulations.csv").open(encoding="utf-8") as f:
        index = [r for r in csv.DictReader(f) if r["file"].startswith(READ_FOLDER)]
    hand = hand_read(root)
    for entry in index:
        reg = read_regulation(root / entry["file"])
        rows = corrected(entry["code"], extract(reg, lexicon), corrections)
        read = hand.get(entry["code"], [])
        taken = {key for key, _ in read}
        rows = [r for r in rows if (r.article, r.clause, r.holder_kind) not in taken]
        dicts = after_hand_rows(row_dicts(rows, reg, entry["code"], entry["regulation"]), read)
        out.extend(with_provenance(dicts, rows, reg))
    return out


def hand_read(root: Path) -> dict[str, list[tuple[tuple[str, str, str], int]]]:
    """The dataset's hand-read rows (its CSV, or the workbook in its place) by regulation code: (article, clause,
    holder kind) and the row's number."""
    out: dict[str, list[tuple[tuple[str, str, str], int]]] = {}
    for r in duty_list_rows(root, DUTY_LIST_CSV, ("id", "article", "clause", "holder_kind")):
        code, number = r["id"].split("-")[0], int(r["id"].rsplit("-", 1)[1])
        out.setdefault(code, []).append(((r["article"], r["clause"], r["holder_kind"]), number))
    return out


def after_hand_rows(dicts: list[dict[str, str]], hand: list[tuple[tuple[str, str, str], int]]) -> list[dict[str, str]]:
    """Rule `hand-read-first`: a text that also has hand-read rows (a second city's stop-gap reading) keeps them; the
    reader's rows for the same article, clause and holder kind were left out, and the others are numbered after the
    hand rows of their article, so that every id stays unique and a hand row's id keeps its meaning."""
    last: dict[str, int] = {}
    for (article, _, _), number in hand:
        last[article] = max(last.get(article, 0), number)
    for d in dicts:
        stem, n = d["id"].rsplit("-", 1)
        d["id"] = f"{stem}-{int(n) + last.get(d['article'], 0)}"
    return dicts


def with_provenance(dicts: list[dict[str, str]], rows: list[Row], reg: RegulationText) -> list[dict[str, str]]:
    domain = domain_of(reg.title)
    for d, row in zip(dicts, rows, strict=True):
        d["domain"] = domain
        d["quote_provenance"] = "official"
        d["holder_provenance"] = "derived"
        d["rule"] = row.rules[-1]
        d["reader_version"] = READER_VERSION
    return dicts


def to_csv(rows: list[dict[str, str]], columns: tuple[str, ...] = BUNDLE_COLUMNS) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def main() -> None:
    from loaders.dataset import BUNDLED

    root = Path(sys.argv[1]) if len(sys.argv) > 1 else BUNDLED
    (root / EXTRACTED).write_text(to_csv(bundle_rows(root)), encoding="utf-8")


if __name__ == "__main__":
    main()
