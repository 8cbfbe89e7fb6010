"""What a complaint rules out (rule `ruled-out`): "不是修车铺吵，是他把废机油倒沟里" is about the oil, not the noise.

People often say first what their complaint is not, to get past the last department that turned them away. The
words of the ruled-out matter then find that matter's clauses and, worse, give its body as the reason. A span is
ruled out only when a contrast follows ("不是X，(而)是Y", "说的不是X。是Y", "不是X，Z。是Y"): a bare 不是 is
too often a question (这不是扰民吗), a figure of speech (不是一天两天了) or an alternative (不是吵就是闹).
"""

from __future__ import annotations

import re

from graph.segment import CLAUSE_BREAKS, set_aside

# 不是 or 并非, not the second half of 是不是 / 要不是 / 难道不是 / 可不是 / 还不是 / 岂不是 / 莫不是.
_DENIAL = re.compile(r"(?<![是要道可还岂莫])(?:不是|并非)")
# The contrast that says what the complaint is about: a clause opening with 是 (而是, 主要是, 我说的是 …).
_CONTRAST = re.compile(
    rf"(?:而是|[{CLAUSE_BREAKS}]\s*(?:我们?|咱们?)?(?:要|想)?(?:说的|反映的|投诉的|举报的)?(?:主要|关键|其实|真正的?问题|问题|只)?是(?![不否]))"
)
_LONGEST = 40  # characters between the denial and its contrast: further off, the contrast is another thought
_QUESTION = re.compile(r"[吗么嘛？?]")


def ruled_out(text: str) -> tuple[tuple[str, ...], str]:
    """What the complaint rules out, each from its 不是 to the contrast that follows, and the complaint without them
    (each blanked to a comma)."""
    spans: list[tuple[int, int]] = []
    for denial in _DENIAL.finditer(text):
        if spans and denial.start() < spans[-1][1]:
            continue
        # (the window's 4 more characters leave room for the contrast's own opening: 而是, "，我们说的是")
        contrast = _CONTRAST.search(text, denial.end(), denial.end() + _LONGEST + 4)
        if contrast is None or contrast.start() == denial.end():
            continue
        denied = text[denial.end() : contrast.start()]
        if _QUESTION.search(denied) or denied.count("。") > 1:
            continue
        spans.append((denial.start(), contrast.start()))
    return set_aside(text, spans)
