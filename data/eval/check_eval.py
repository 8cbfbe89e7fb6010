"""Validate the routing evaluation set(s) against the bundled data, so a typo cannot silently become a wrong answer key.

Usage: python data/eval/check_eval.py data/eval/whistles.csv [more.csv ...] [--more-dir DIR]

Stdlib only: the set is checked before (and independently of) the product it evaluates. Exit status 1 and one line per
problem when anything is wrong; ids are checked for uniqueness across all the files given.
"""

import argparse
import csv
import hashlib
import re
import sys
from collections.abc import Iterable
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent
# The synonym table the eval texts were checked against when they were written (it was since replaced by
# rules/colloquial_lexicon.csv, which may be tuned on the tune rows; the eval texts must not copy the old table).
EVAL_DIR = Path(__file__).resolve().parent
HEADER = "id,split,place,urgency,speaker,text,category,governing,must_kinds,acceptable_duties,law_holders,note".split(
    ","
)
URGENCIES = {"routine", "urgent", "emergency"}
SPEAKERS = {"resident", "inspector", "operator"}
TOWN_KINDS = {"town", "township"}
# Holder names used by the 2011/2003 texts whose body today is another kind; an answer key must name today's kind.
RENAMED = {
    "fire_psb": "fire_rescue",
    "fire_team_psb": "fire_rescue",
    "dept:工商行政管理": "dept:市场监督管理",
    "dept:质量技术监督": "dept:市场监督管理",
    "dept:安全生产监督管理": "dept:应急管理",
    "dept:市政市容": "dept:城市管理",
}
ACTING_ROLES = {"lead", "enforce", "respond"}
# A whistle is how people talk: a run this long shared with the law or the synonym table means copied wording.
COPY_RUN = 8
SHORTEST_BANNED_TERM = 4  # synonym-table terms this long or longer may not appear verbatim (吸烟, 噪声 may)
ID_RE = re.compile(r"^[a-z]+\d{3}$")


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def split_for(row_id: str) -> str:
    """The held-out rule, fixed before any tuning: a third of the ids by hash, so nobody chooses them."""
    return "heldout" if int(hashlib.sha1(row_id.encode()).hexdigest(), 16) % 3 == 0 else "tune"


class Reference:
    """The bundled tables an evaluation row may point at."""

    def __init__(self, more_dir: Path) -> None:
        self.districts = {r["code"] for r in read_csv(DATA / "divisions" / "beijing_districts.csv")}
        self.streets = {r["code"]: r["kind"] for r in read_csv(DATA / "divisions" / "beijing_streets.csv")}
        self.communities = {r["code"]: r["kind"] for r in read_csv(DATA / "divisions" / "beijing_communities.csv")}
        self.kinds = {r["holder_kind"] for r in read_csv(DATA / "duties" / "holder_kinds.csv")}
        self.duties = {r["id"]: r for r in read_csv(DATA / "duties" / "regulation_duties.csv")}
        self.regulations = {r["code"] for r in read_csv(DATA / "rules" / "regulations.csv")}
        top10 = read_csv(DATA / "hotline" / "12345_top10_categories_2020.csv")
        self.categories = {r["category"] for r in top10} | {"其他"}
        legal = "\n".join(
            [r["duty"] + "\n" + r["quote"] for r in self.duties.values()]
            + [p.read_text(encoding="utf-8") for p in sorted((DATA / "regulations").glob("*.md"))]
            + [(EVAL_DIR / "synonyms_at_writing.csv").read_text(encoding="utf-8")]
        )
        self.legal_runs = {legal[i : i + COPY_RUN] for i in range(len(legal) - COPY_RUN + 1)}
        synonyms = read_csv(EVAL_DIR / "synonyms_at_writing.csv")
        terms = {r["colloquial"] for r in synonyms} | {t for r in synonyms for t in r["legal_terms"].split()}
        self.synonym_terms = sorted(t for t in terms if len(t) >= SHORTEST_BANNED_TERM)
        self.more_dir = more_dir
        self.more = {p.stem for p in more_dir.glob("*.md")} if more_dir.is_dir() else None

    def place_exists(self, code: str) -> bool:
        return code in {6: self.districts, 9: self.streets, 12: self.communities}.get(len(code), set())

    def street_level(self, code: str) -> str | None:
        """'town' or 'street' for the 街乡 unit containing a 9/12-digit code; None for a district or an area office."""
        kind = self.streets.get(code[:9]) if len(code) >= 9 else None
        if kind in TOWN_KINDS:
            return "town"
        return "street" if kind == "street" else None

    def named_kinds(self, duty_id: str) -> dict[str, str]:
        """Kinds a duty row names (holder and co-holders) with their role, 2011 names mapped to today's kind."""
        row = self.duties[duty_id]
        named = {RENAMED.get(row["holder_kind"], row["holder_kind"]): row["role"]}
        for item in filter(None, row["co_holders"].split(";")):
            kind, _, role = item.rpartition(":")
            named.setdefault(RENAMED.get(kind, kind), role)
        return named


def check_row(row: dict[str, str], ref: Reference) -> Iterable[str]:
    rid = row["id"]
    if not ID_RE.match(rid):
        yield "id is not a prefix and 3 digits"
    if row["split"] != split_for(rid):
        yield f"split is {row['split']!r}, the hash rule says {split_for(rid)!r}"
    place = row["place"]
    if not ref.place_exists(place):
        yield f"place {place} is not a district, street/town or community/village code in data/divisions"
    if row["urgency"] not in URGENCIES:
        yield f"urgency {row['urgency']!r}"
    if row["speaker"] not in SPEAKERS:
        yield f"speaker {row['speaker']!r}"
    text = row["text"]
    if not text.strip():
        yield "empty text"
    copied = sorted({text[i : i + COPY_RUN] for i in range(len(text) - COPY_RUN + 1)} & ref.legal_runs)
    if copied:
        yield f"text copies wording from the regulations, duty rows or the synonym table of the time: {copied[:3]}"
    synonyms = [t for t in ref.synonym_terms if t in text]
    if synonyms:
        yield f"text uses the matcher's own synonym terms {synonyms}: say it as people do"
    if row["category"] not in ref.categories:
        yield f"category {row['category']!r} is not a 2020 top-ten 12345 category nor 其他"
    if not row["note"].strip():
        yield "empty note"
    must = [k for k in row["must_kinds"].split(";") if k]
    duties = [d for d in row["acceptable_duties"].split(";") if d]
    scheme, _, code = row["governing"].partition(":")
    if scheme == "bundled":
        if code not in ref.regulations:
            yield f"governing names unknown regulation code {code!r}"
        yield from check_bundled(row, must, duties, ref)
        return
    if must or duties:
        yield "must_kinds and acceptable_duties are for bundled: rows only"
    if scheme == "more":
        if ref.more is None:
            yield f"more: row but {ref.more_dir} is missing (pass --more-dir)"
        elif code not in ref.more:
            yield f"governing more:{code} has no file {code}.md in {ref.more_dir}"
        if not row["law_holders"].strip():
            yield "more: row without law_holders"
    elif row["governing"] == "none":
        if row["law_holders"]:
            yield "law_holders is for more: rows only"
    else:
        yield f"governing {row['governing']!r} is not bundled:<code>, more:<stem> or none"


def check_bundled(row: dict[str, str], must: list[str], duties: list[str], ref: Reference) -> Iterable[str]:
    if row["law_holders"]:
        yield "law_holders is for more: rows only"
    if not 1 <= len(must) <= 3:
        yield f"{len(must)} must_kinds (want 1 to 3)"
    if not duties:
        yield "no acceptable_duties"
    unknown = [d for d in duties if d not in ref.duties]
    if unknown:
        yield f"unknown duty ids {unknown}"
    level = ref.street_level(row["place"])
    for kind in must:
        if kind not in ref.kinds:
            yield f"unknown holder kind {kind!r}"
        if kind in RENAMED:
            yield f"{kind} is a 2011 name: the body today is {RENAMED[kind]}"
        if (kind, level) in {("street_office", "town"), ("township_government", "street")}:
            yield f"{kind} at a place in a {level}"
        if len(row["place"]) == 12:
            village = ref.communities.get(row["place"], "").startswith("village")
            if (kind == "residents_committee" and village) or (kind == "villagers_committee" and not village):
                yield f"{kind} at {'a village' if village else 'a community'}"
        if not unknown and not any(kind in ref.named_kinds(d) for d in duties):
            yield f"must kind {kind} is named by none of the acceptable duties"
    for duty in duties:
        holder = ref.duties[duty]["holder_kind"] if duty in ref.duties else ""
        if (holder, level) in {("street_office", "town"), ("township_government", "street")}:
            yield f"{duty} is the {holder} row but the place is in a {level}"


def passive_must_kinds(row: dict[str, str], ref: Reference) -> list[str]:
    """Must kinds the acceptable duties name only with a supervise/assist/duty_bearer role (reported, not failed)."""
    duties = [d for d in row["acceptable_duties"].split(";") if d in ref.duties]
    roles: dict[str, set[str]] = {}
    for duty in duties:
        for kind, role in ref.named_kinds(duty).items():
            roles.setdefault(kind, set()).add(role)
    return [k for k in row["must_kinds"].split(";") if k and not roles.get(k, set()) & ACTING_ROLES]


def check_file(path: Path, ref: Reference, seen: dict[str, str]) -> list[str]:
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        return [f"{path}: starts with a BOM"]
    first = raw.decode("utf-8").split("\n", 1)[0].rstrip("\r")
    if first != ",".join(HEADER):
        return [f"{path}: header is {first!r}"]
    problems = []
    for row in read_csv(path):
        rid = row["id"]
        if rid in seen:
            problems.append(f"{path}: {rid}: duplicate id (also in {seen[rid]})")
        seen[rid] = str(path)
        problems += [f"{path}: {rid}: {p}" for p in check_row(row, ref)]
        passive = passive_must_kinds(row, ref) if row["governing"].startswith("bundled:") else []
        if passive:
            print(f"note {path}: {rid}: must kinds {passive} act only in a supervise/assist role in the cited rows")
    return problems


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("csv", nargs="+", type=Path)
    parser.add_argument(
        "--more-dir",
        type=Path,
        default=DATA / "regulations" / "more",
        help="folder of the other Beijing texts named by more:<stem> rows",
    )
    args = parser.parse_args(argv)
    ref = Reference(args.more_dir)
    seen: dict[str, str] = {}
    problems = [p for path in args.csv for p in check_file(path, ref, seen)]
    for problem in problems:
        print(problem)
    print(f"{len(seen)} rows in {len(args.csv)} file(s): {'OK' if not problems else f'{len(problems)} problem(s)'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
