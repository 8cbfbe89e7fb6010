"""`whistlegraph extract REGULATION.md`: a regulation's text as reviewable duty rows (CSV on stdout), and with
`--diff` what those rows add to or drop from the duties loaded for the same regulation.

A newly adopted or amended text becomes a list to review; once reviewed it goes into data/ and `whistlegraph
load` syncs it.
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

from graph.errors import ArgumentError
from graph.store import GraphStore
from graph.vocabulary import Label
from loaders.dataset import BUNDLED
from loaders.extracted import domain_of, reading_lexicon, to_csv, with_provenance
from loaders.reader.extract import extract
from loaders.reader.lexicon import HOLDER_KINDS
from loaders.reader.rows import row_dicts
from loaders.regulation_text import RegulationText, TextError, read_regulation

DRAFT_CODE = "draft"


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("extract", parents=[common], help="read a regulation text into candidate duty rows (CSV)")
    p.add_argument("text", type=Path, help="a regulation in the bundled Markdown layout")
    p.add_argument(
        "--code", default="", help=f"id prefix (default: the text's code in rules/regulations.csv, else {DRAFT_CODE!r})"
    )
    p.add_argument("--diff", action="store_true", help="compare with the loaded duties of the same regulation")
    p.add_argument(
        "--data",
        type=Path,
        default=BUNDLED,
        help="the dataset the text belongs to (default: the bundled one); a second city's (data/chongqing) reads "
        "with its own holder kinds and phrases over the bundled lexicon",
    )


def _read(text: Path, root: Path) -> RegulationText:
    """The text and the dataset it belongs to, or an error that names which argument is wrong and why."""
    for needed in ("rules/regulations.csv", HOLDER_KINDS):
        if not (root / needed).is_file():
            raise ArgumentError("--data", str(root), f"not a dataset folder: it has no {needed}")
    try:
        return read_regulation(text)
    except (OSError, UnicodeDecodeError) as err:
        raise ArgumentError("text", str(text), f"cannot be read: {getattr(err, 'strerror', None) or err}") from err
    except TextError as err:
        raise ArgumentError("text", str(text), f"not a regulation in the bundled layout: {err}") from err


def _reading(text: Path, code: str, root: Path) -> tuple[RegulationText, list[dict[str, str]]]:
    """The parsed text and its candidate rows, in the bundle's columns."""
    reg = _read(text, root)
    if not code:
        with (root / "rules/regulations.csv").open(encoding="utf-8") as f:
            known = [r["code"] for r in csv.DictReader(f) if Path(r["file"]).name == text.name]
        code = known[0] if known else DRAFT_CODE
    rows = extract(reg, reading_lexicon(root))
    return reg, with_provenance(row_dicts(rows, reg, code, reg.title), rows, reg)


def csv_text(text: Path, code: str = "", root: Path = BUNDLED) -> str:
    return to_csv(_reading(text, code, root)[1])


def diff(text: Path, store: GraphStore, code: str = "", root: Path = BUNDLED) -> str:
    """`+` rows the text gives that are not loaded, `-` loaded rows it does not give, keyed by
    (article, clause, holder kind, role); then the count that agree."""
    reg, rows = _reading(text, code, root)
    title = reg.title
    key = ("article", "clause", "holder_kind", "role")
    extracted = {tuple(r[k] for k in key): r for r in rows}
    loaded = {
        tuple(str(n.get(k, "")) for k in key): n.id for n in store.all_nodes(Label.DUTY) if n.get("regulation") == title
    }
    lines = [f"{title} ({domain_of(title)}): {len(extracted)} extracted, {len(loaded)} loaded"]
    lines += [f"+ {' '.join(k)}  {extracted[k]['duty'][:40]}" for k in sorted(set(extracted) - set(loaded))]
    lines += [f"- {' '.join(k)}  {loaded[k]}" for k in sorted(set(loaded) - set(extracted))]
    lines.append(f"= {len(set(extracted) & set(loaded))} agree")
    return "\n".join(lines)
