"""How much of what Beijing's 12345 hears most has a duty in the bundle: the 2020 top-ten categories
(data/hotline/12345_top10_categories_2020.csv) judged by the issues each names.

Rule for "governing" (stated here, applied literally): an issue is governed when at least one bundled duty row
(hand-read data/duties/regulation_duties.csv or extracted data/duties/extracted_duties.csv) held by a public body
(a holder kind with a level other than `unit`, so a whistle has somebody to reach) quotes the law with one of the
issue's terms below. The terms are the words the law uses for the issue (供暖 is 供热 in the texts, 薪酬 is 工资 or
劳动报酬); they were written from the issue names, not from the rows. A category counts when at least one of its
named issues is governed; 疫情防控 names no issue, so its own name's terms stand for it.

`.venv/bin/python -m bench.category_coverage [--extracted PATH]` (PATH: another extracted_duties.csv to compare).
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

from loaders.dataset import BUNDLED

# issue -> the terms the law uses for it
TERMS: dict[str, tuple[str, ...]] = {
    "疫情防控": ("疫情", "传染病"),
    "网络交易": ("网络交易", "电子商务", "网络销售"),
    "市场秩序": ("市场秩序", "不正当竞争", "集中交易市场"),
    "供暖": ("供暖", "供热"),
    "公交": ("公交", "公共交通", "公共汽电车"),
    "房产中介": ("房产中介", "房地产经纪", "房地产中介"),
    "小区配套": ("配套设施", "配套建设", "小区配套"),
    "医疗护理": ("医疗护理", "护理", "诊疗"),
    "就医流程": ("就医", "就诊", "挂号"),
    "施工管理": ("施工现场", "施工作业", "施工管理"),
    "违法建设": ("违法建设", "违法建筑"),
    "停车管理": ("停车",),
    "交通设施": ("交通设施", "交通安全设施", "交通信号"),
    "经济纠纷": ("经济纠纷", "消费纠纷", "合同纠纷"),
    "户籍管理": ("户籍", "户口"),
    "薪酬纠纷": ("工资", "劳动报酬", "薪酬"),
    "社会保险": ("社会保险",),
    "社会办学": ("社会办学", "社会力量举办", "民办"),
    "入学升学": ("入学", "入园", "升学"),
}


def issues_of(row: dict[str, str]) -> list[str]:
    """The category's named issues; a category that names none stands for itself."""
    return [i for i in row["main_issues"].split("、") if i] or [row["category"]]


def public_kinds(root: Path = BUNDLED) -> set[str]:
    with (root / "duties/holder_kinds.csv").open(encoding="utf-8") as f:
        return {r["holder_kind"] for r in csv.DictReader(f) if r["levels"] != "unit"}


def duties(paths: list[Path], kinds: set[str]) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for path in paths:
        with path.open(encoding="utf-8") as f:
            rows.extend(r for r in csv.DictReader(f) if r["holder_kind"] in kinds)
    return rows


def governing(issue: str, rows: list[dict[str, str]]) -> list[str]:
    """Ids of the rows that govern an issue by the rule in the module docstring."""
    return [r["id"] for r in rows if any(t in r["quote"] for t in TERMS[issue])]


def coverage(rows: list[dict[str, str]], root: Path = BUNDLED) -> list[tuple[str, str, list[str]]]:
    """(category, issue, governing duty ids) for every named issue of the 2020 top ten."""
    with (root / "hotline/12345_top10_categories_2020.csv").open(encoding="utf-8") as f:
        categories = list(csv.DictReader(f))
    return [(c["category"], i, governing(i, rows)) for c in categories for i in issues_of(c)]


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--extracted", type=Path, default=BUNDLED / "duties/extracted_duties.csv")
    args = p.parse_args()
    kinds = public_kinds()
    hand = duties([BUNDLED / "duties/regulation_duties.csv"], kinds)
    both = duties([BUNDLED / "duties/regulation_duties.csv", args.extracted], kinds)
    for label, rows in (("hand-read only", hand), ("hand-read + extracted", both)):
        table = coverage(rows)
        covered_issues = [t for t in table if t[2]]
        categories = {c for c, _, _ in table}
        covered = {c for c, _, ids in table if ids}
        print(
            f"{label}: categories {len(covered)}/{len(categories)} ({len(covered) / len(categories):.0%}), "
            f"issues {len(covered_issues)}/{len(table)}"
        )
        for category, issue, ids in table:
            codes = sorted({i.split("-")[0] for i in ids})
            print(f"  {category:<8} {issue:<6} {len(ids):4} duties  {' '.join(codes[:8])}")


if __name__ == "__main__":
    main()
