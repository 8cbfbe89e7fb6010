"""Place names in a complaint: where it happened, never what happened (rule `place-names`).

A complaint often names its street, community or village ("潞城镇卫生院", "双河南里社区一家包子铺"). Cut by the
segmenter, such a name yields words the duties use (城镇 of 潞城镇, 河南 of 双河南里), and a clause on urban sanitation
is then matched for a doctor followed home. Before the words are read, the proper part of the names of the areas
around the whistle's place is blanked out (the place's district with its streets and communities, and the city's
districts and streets); the level's suffix stays,
since 村 and 社区 say what kind of place it is (a village's notice board is the village committee's matter): 潞城镇卫生院
is read as 镇卫生院, 双河南里社区 as 社区. A proper part that is itself a word of the duties, of the lexicon, or a common
word of the segmenter's dictionary is left as it is (平房 is a bungalow before it is 平房地区; a community called 建设
says 建设 in a complaint about 建设工程) — but for a district's name, which no Beijing complaint means as anything
else, whatever the dictionary's tag (门头沟 and 顺义 are tagged common nouns there, and 门头沟 would read as 门头, a
shop sign).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

# Level suffixes official names add to the short name people say (八宝山 → 八宝山街道), longest first so that
# 社区居委会 is cut before 社区.
NAME_SUFFIXES = (
    "街道办事处",
    "地区办事处",
    "社区居委会",
    "村民委员会",
    "居民委员会",
    "人民政府",
    "居委会",
    "村委会",
    "办事处",
    "街道",
    "地区",
    "社区",
    "区",
    "镇",
    "乡",
    "村",
)
SHORTEST = 2  # a one-character short form (a village 王村 → 王) would blank out ordinary words
BLANK = "，"


@dataclass(frozen=True)
class PlaceWords:
    """The place names to blank out of a complaint, indexed by their first character."""

    _by_first: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def of(cls, names: Iterable[str], known: Callable[[str], bool]) -> PlaceWords:
        """The names without their level's suffix, but for one `known` as a word (of the duties, the lexicon, or a
        common word)."""
        words = {short for short in map(short_name, names) if len(short) >= SHORTEST and not known(short)}
        by_first: dict[str, list[str]] = {}
        for word in words:
            by_first.setdefault(word[0], []).append(word)
        return cls({c: tuple(sorted(ws, key=len, reverse=True)) for c, ws in by_first.items()})

    def blank(self, text: str) -> str:
        """The text with each place name replaced by a comma, the longest name first at each position."""
        out: list[str] = []
        i = 0
        while i < len(text):
            found = next((w for w in self._by_first.get(text[i], ()) if text.startswith(w, i)), None)
            if found is None:
                out.append(text[i])
                i += 1
            else:
                out.append(BLANK)
                i += len(found)
        return "".join(out)

    def __len__(self) -> int:
        return sum(len(ws) for ws in self._by_first.values())


def short_name(name: str) -> str:
    """A name without its level's suffix: 呼家楼街道 → 呼家楼, 双河南里社区 → 双河南里."""
    for suffix in NAME_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name
