"""Which animals a text names (rule `other-animal`): one animal's clause is no reason for another animal's matter.

A cattle farmer asking who vaccinates his herd matched the dog rules' vaccination clause (疫苗, 动物防疫) surely,
and named the police; a snake kept as a pet, or cats left in a stairwell, matched the dog rules through 宠物. A
clause whose wording names animals of one kind is dropped when the complaint names animals and none of that kind.
The kinds are coarse on purpose (a pigeon is fowl, a goat livestock): only a plain mismatch drops a clause, and a
text naming no animal, or a clause naming none (动物防疫 in general), is never touched.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

# kind -> the characters that name it, in a complaint or in a clause. 马 is left out: 马路, 马上, 马桶.
_KINDS = {
    "犬": "犬狗",
    "猫": "猫",
    "禽": "禽鸡鸭鹅鸽",
    "畜": "畜牛羊猪驴骡",
    "蛇": "蛇蟒",
    "鼠": "鼠",
}
_NAMING = {char: kind for kind, chars in _KINDS.items() for char in chars}
_ANY = re.compile(f"[{''.join(_NAMING)}]")
_ALL_KINDS = re.compile("畜牧")  # husbandry (畜牧兽医行政部门) is every kind's, not livestock's


def animals_named(texts: Iterable[str]) -> frozenset[str]:
    """The kinds of animal the texts name."""
    return frozenset(_NAMING[m.group()] for text in texts for m in _ANY.finditer(_ALL_KINDS.sub("", text)))


@lru_cache(maxsize=4096)
def clause_animals(duty: str, quote: str) -> frozenset[str]:
    """The kinds a clause (its duty and quote) is about; none when it speaks of pets in general (畜禽养殖和宠物饲养 is a
    cat's clause too). Cached: the same clauses are graded for complaint after complaint."""
    return frozenset() if "宠物" in duty or "宠物" in quote else animals_named((duty, quote))


def any_animal(legal_words: Iterable[str]) -> bool:
    """A lexicon word read as animals in general (宠物 → 饲养动物, 犬) names no kind, though one of its legal words does."""
    return any("动物" in w for w in legal_words)


def other_animal(told: frozenset[str], clause: frozenset[str]) -> bool:
    """A clause about animals none of which the complaint names, when the complaint names some."""
    return bool(told and clause and not told & clause)
