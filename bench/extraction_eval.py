"""How well the regulation reader (loaders/reader/) matches the hand-read duty rows.

A row is keyed by (article, clause, holder kind); the hand-read rows split by level or role collapse onto one key.
Precision and recall are over those keys; role agreement is the share of matched keys whose set of roles is the
same in both; penalty agreement is the share of matched `enforce` keys where both name a penalty and every amount
(…元) the hand-read penalty gives appears in the extracted one.

The rules were tuned on five texts chosen before any tuning, and the other five are reported apart, so their
figure says how the reader does on text it was not tuned on:
- tuned: wygl2024 (物业管理条例), xf (消防条例), srhj2021 (市容环境卫生条例), kzxy2021 (控制吸烟条例),
  jwh (城市居民委员会组织法 办法);
- held out: tfsj (突发事件应对法 办法), ljgl2020 (生活垃圾管理条例), sro2019 (街道办事处条例),
  jsjb2021 (接诉即办工作条例), yqgl (养犬管理规定).

Development rows (`--dev data/probes/extraction_*.csv`) are hand readings of further texts written for tuning after the
ten were (data/probes/README.md); each file is scored on its own, and its disagreements may be listed.

`.venv/bin/python -m bench.extraction_eval [--disagreements N] [--half tuned|held_out|both] [--dev FILE ...]`
"""

from __future__ import annotations

import argparse
import csv
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from loaders.collect import Collector
from loaders.dataset import BUNDLED
from loaders.duties import read_regulations
from loaders.extracted import reading_lexicon
from loaders.jurisdiction import read_declaration
from loaders.reader.extract import extract
from loaders.reader.lexicon import Lexicon
from loaders.regulation_text import read_regulation

TUNED = ("wygl2024", "xf", "srhj2021", "kzxy2021", "jwh")
HELD_OUT = ("tfsj", "ljgl2020", "sro2019", "jsjb2021", "yqgl")
# Texts no bundled duty comes from, read by hand only to measure and learn the reader on (data/probes/README.md).
DEV_TEXTS = BUNDLED / "probes/texts/index.csv"
_AMOUNT = re.compile(r"[一二三四五六七八九十百千万零\d]+元")

Key = tuple[str, str, str]


@dataclass
class Figures:
    """Counts for one or more texts, and the disagreements behind them."""

    true_pos: int = 0
    extracted: int = 0
    hand: int = 0
    role_agree: int = 0
    penalty_pairs: int = 0
    penalty_agree: int = 0

    def add(self, other: Figures) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def precision(self) -> float:
        return self.true_pos / self.extracted if self.extracted else 0.0

    @property
    def recall(self) -> float:
        return self.true_pos / self.hand if self.hand else 0.0

    @property
    def role_agreement(self) -> float:
        return self.role_agree / self.true_pos if self.true_pos else 0.0

    @property
    def penalty_agreement(self) -> float:
        return self.penalty_agree / self.penalty_pairs if self.penalty_pairs else 0.0

    def line(self, label: str) -> str:
        return (
            f"{label:<10} precision {self.precision:6.1%} ({self.true_pos}/{self.extracted})  "
            f"recall {self.recall:6.1%} ({self.true_pos}/{self.hand})  "
            f"roles {self.role_agreement:6.1%}  penalties {self.penalty_agreement:6.1%} ({self.penalty_agree}/{self.penalty_pairs})"
        )


def _keyed(rows: list[dict[str, str]]) -> dict[Key, tuple[set[str], str]]:
    out: dict[Key, tuple[set[str], str]] = defaultdict(lambda: (set(), ""))
    for r in rows:
        key = (r["article"], r["clause"], r["holder_kind"])
        roles, penalty = out[key]
        roles.add(r["role"])
        out[key] = (roles, penalty or r["penalty"])
    return dict(out)


@cache
def _lexicon(city: Path, root: Path) -> Lexicon:
    """The holder lexicon a city's texts are read with (over the dataset's own), read once per city however many
    texts are compared."""
    return reading_lexicon(city, base=root)


@cache
def _texts(root: Path) -> dict[str, tuple[Path, Path]]:
    """Every regulation text by code, with its dataset: the development texts (data/probes/texts/, read with the
    dataset's lexicon), a second city's beside the dataset (data/chongqing) and the dataset's own, read once however
    many texts are compared; the dataset's own come last and win."""
    with DEV_TEXTS.open(encoding="utf-8") as f:
        out = {row["code"]: (root, DEV_TEXTS.parent / row["file"]) for row in csv.DictReader(f)}
    for city in (*sorted(p.parent.parent for p in root.glob("*/rules/regulations.csv")), root):
        regs = read_regulations(city, Collector(), read_declaration(city).code)
        out.update({code: (city, city / reg.file) for code, reg in regs.items()})
    return out


def _text_of(code: str, root: Path) -> tuple[Path, Path]:
    if code not in _texts(root):
        raise SystemExit(
            f"{code}: no regulation with this code in {root}/rules/regulations.csv, a city beside it or {DEV_TEXTS}"
        )
    return _texts(root)[code]


def compare(code: str, root: Path = BUNDLED, hand: Path | None = None) -> tuple[Figures, list[str]]:
    """Figures and disagreements for one regulation code of data/rules/regulations.csv, against the bundled hand-read
    rows or the rows of `hand`."""
    city, text = _text_of(code, root)
    rows = extract(read_regulation(text), _lexicon(city, root))
    got = _keyed(
        [
            {
                "article": r.article,
                "clause": r.clause,
                "holder_kind": r.holder_kind,
                "role": r.role,
                "penalty": r.penalty,
            }
            for r in rows
        ]
    )
    return score(code, got, _keyed(hand_rows(code, hand or root / "duties/regulation_duties.csv")))


def hand_rows(code: str, path: Path) -> list[dict[str, str]]:
    """The rows of one regulation code in a file of hand-read rows."""
    with path.open(encoding="utf-8") as f:
        return [r for r in csv.DictReader(f) if r["id"].split("-")[0] == code]


def score(
    code: str, got: dict[Key, tuple[set[str], str]], want: dict[Key, tuple[set[str], str]]
) -> tuple[Figures, list[str]]:
    """The measure: keys found and missed, role agreement on the matched ones, penalty amounts on matched enforcers;
    and the disagreements behind it."""
    fig = Figures(extracted=len(got), hand=len(want))
    notes: list[str] = []
    for key in sorted(set(got) | set(want)):
        where = f"{code} {key[0]}{key[1]} {key[2]}"
        if key not in want:
            notes.append(f"extra    {where} {sorted(got[key][0])}")
            continue
        if key not in got:
            notes.append(f"missed   {where} {sorted(want[key][0])}")
            continue
        fig.true_pos += 1
        if got[key][0] == want[key][0]:
            fig.role_agree += 1
        else:
            notes.append(f"role     {where} got {sorted(got[key][0])} want {sorted(want[key][0])}")
        if "enforce" in got[key][0] and "enforce" in want[key][0]:
            fig.penalty_pairs += 1
            amounts = set(_AMOUNT.findall(want[key][1]))
            if got[key][1] and amounts <= set(_AMOUNT.findall(got[key][1])):
                fig.penalty_agree += 1
            else:
                notes.append(f"penalty  {where} got {got[key][1][:40]!r} want {want[key][1][:40]!r}")
    return fig, notes


def evaluate(codes: tuple[str, ...], root: Path = BUNDLED) -> tuple[Figures, dict[str, Figures], list[str]]:
    total, per, notes = Figures(), {}, []
    for code in codes:
        fig, n = compare(code, root)
        per[code] = fig
        total.add(fig)
        notes.extend(n)
    return total, per, notes


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--disagreements", type=int, default=40, help="how many disagreements to list per half")
    p.add_argument(
        "--half", choices=("tuned", "held_out", "both"), default="both", help="tuning work looks at the tuned half only"
    )
    p.add_argument(
        "--dev", nargs="+", type=Path, default=[], help="development hand rows (data/probes/extraction_*.csv)"
    )
    args = p.parse_args()
    if missing := [str(path) for path in args.dev if not path.is_file()]:
        p.error(f"--dev: no such file: {', '.join(missing)}")
    if args.dev:
        _print_dev(args.dev, args.disagreements)
        return
    halves = {"tuned": (("tuned", TUNED),), "held_out": (("held out", HELD_OUT),)}
    for label, codes in halves.get(args.half, (("tuned", TUNED), ("held out", HELD_OUT))):
        total, per, notes = evaluate(codes)
        print(total.line(label))
        for code, fig in per.items():
            print("  " + fig.line(code))
        _print_notes(notes, args.disagreements)


def _print_notes(notes: list[str], limit: int) -> None:
    for n in notes[:limit]:
        print("    " + n)
    if len(notes) > limit:
        print(f"    ... {len(notes) - limit} more")


def dev_figures(files: list[Path]) -> list[tuple[str, Figures, list[str]]]:
    """Each development file's figures and disagreements, by the regulation codes its row ids name."""
    out = []
    for path in files:
        with path.open(encoding="utf-8") as f:
            codes = sorted({r["id"].split("-")[0] for r in csv.DictReader(f)})
        out.extend((code, *compare(code, hand=path)) for code in codes)
    return out


def _print_dev(files: list[Path], disagreements: int) -> None:
    total = Figures()
    for code, fig, notes in dev_figures(files):
        total.add(fig)
        print(fig.line(code))
        _print_notes(notes, disagreements)
    print(total.line("dev"))


if __name__ == "__main__":
    main()
