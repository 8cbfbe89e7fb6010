"""How much of what the law texts name as a duty's subject the holder lexicon reads: a property of the input,
measured over every bundled law text, never against the hand-read rows.

The reader (loaders/reader/) only weighs the holder phrases its lexicon finds. Here each sentence the
reader reads (every 款 and 项, cut as the reader cuts them) is split at its breaks, its separators (、和及与或者等)
and the lexicon's own mentions; a left-over piece that ends as a holder name ends (…部门, …机构, …单位, …委员会,
…人民政府, …企业, …组织, …者, …人 …) is a phrase the lexicon does not read. Both the mentions and these pieces are
then judged by the reader's own subject test (`subject_position`), in text order as the reader does, and only
those in subject position count. The figure is the share of subject-position occurrences the lexicon reads; the
list gives each unread phrase with its count and one clause, for review into data/rules/holder_lexicon.csv.

A list of sectors ending in 部门 (公安、交通、市政管理等有关行政部门) is one phrase to the test above, so the sectors
in such lists get a figure of their own: the share of listed sectors (anywhere in a sentence) that a lexicon
mention covers, and the sectors left over, for review as `stem` rows.

Not counted: people in general (个人, 公民 …) and 公民、法人和其他组织, whom the reader treats as the public, not
a holder, and a bare 组织 (there the verb, 组织、协调).

`.venv/bin/python -m bench.lexicon_coverage [--top N] [--min-count N]`
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from loaders.dataset import BUNDLED
from loaders.reader.lexicon import SENTENCE, Lexicon, Mention
from loaders.reader.subject import subject_position
from loaders.regulation_text import RegulationText, read_regulation

TEXT_FOLDERS = ("regulations", "regulations/more", "regulations/chongqing")
_HOLDER_END = re.compile(
    r"(?:部门|机关|机构|单位|委员会|人民政府|政府|办事处|企业|组织|者|人|中心|站|所|队|小组|协会|团体|公司|办公室"
    r"|指挥部|局|委|院|学校|幼儿园|媒体|大会|党组织|党工委)$"
)
# places and facilities end as some bodies end (场所, 车站), but no one acts through them
_PLACE_END = re.compile(r"(?:场所|厕所|车站|场站|客运站|收集站|转运站|停靠站|起止站|上下站|网站|布局)$")
# a piece that holds a verb or a modal is a predicate, not a noun phrase (应当组织, 确定消防安全管理人)
_PREDICATE = re.compile(
    r"应当|可以|负责|必须|不得|依法|是|作为|确定|建立|设立|成立|配备|委托|开办|发挥|纳入|明确|召开|指派|列席|发现|报告"
    r"|通报|告知|引导|培育|统筹|采取|限制|使用|安装|建设|邀请|编入|提名|组织(?!$)|坚持|制定|收到|获悉|鼓励|推行|利用"
    r"|促进|协调|疏散|参加|进行|向|统一|具体|下设|组建|^(?:并|时|除|因|报|有)"
)
# where a predicate starts right after its subject (调度机构应当…, 公安机关是…)
_PREDICATE_START = re.compile(r"应当|可以|负责|必须|不得|依法|有权|按照|根据|依照|依据|在各自|是")
# the pieces a sentence is split into: breaks, list separators, and the lexicon's own mentions
_BREAK = re.compile(r"[，：、（）]|以及|及其|或者|及|和|与|等")
# words before a phrase that belong to the clause, not to the phrase (the reader's subject test weighs them)
_LEAD = re.compile(r"^(?:由|经|对|配合|协助|本市|各级|各|所在地的?|当地)+")
_PUBLIC = frozenset({"个人", "公民", "任何人", "他人", "本人", "自然人", "其他人", "人", "组织", "法人", "其他组织"})
_UNREAD = ("unread",)
# a list of sectors ending as a department ends: items split at 、, the last one with its 等…部门 taken off
_SECTOR_LIST = re.compile(
    r"(?:[^，。；：、（）\s]{1,12}、)+[^，。；：、（）\s]{1,10}?"
    r"(?=等?(?:其他)?(?:有关|相关)?(?:行政)?(?:主管|管理|执法|监督管理)?(?:部门|机关|机构))"
)
_SECTOR_FORM = re.compile(
    r"^(?:市和区　县|市、区　县|区　县|市和区|市、区|市或者区|市|区|县)?(?P<core>.+?)(?:行政|管理)?$"
)
# an item that names a government, a committee, or holds a verb or 的 is no sector (市和区县人民政府及其部门)
_NOT_SECTOR = re.compile(
    r"人民政府|委员会|办事处|的|及|等|指导|督促|监督|配合|审批|阻碍|批准|授权|规定|信息|检查|培训|服务|项目|工作"
)
_QUALIFIED_HEAD = 6  # 工作部门, 派出机构, 办公室: the head a qualifying mention can stand before


@dataclass
class Coverage:
    """Subject-position occurrences read and unread by the lexicon, with one example clause per unread phrase."""

    read: int = 0
    unread: Counter[str] = field(default_factory=Counter)
    example: dict[str, str] = field(default_factory=dict)
    sectors_read: int = 0
    sectors_unread: Counter[str] = field(default_factory=Counter)

    @property
    def share(self) -> float:
        total = self.read + sum(self.unread.values())
        return self.read / total if total else 0.0

    @property
    def sector_share(self) -> float:
        total = self.sectors_read + sum(self.sectors_unread.values())
        return self.sectors_read / total if total else 0.0


def law_texts(root: Path = BUNDLED) -> list[Path]:
    """Every bundled law text: the hand-read eleven, the 33 read by the reader, the Chongqing four."""
    return [p for folder in TEXT_FOLDERS for p in sorted((root / folder).glob("*.md"))]


def unread_pieces(sentence: str, mentions: list[Mention]) -> list[Mention]:
    """The pieces between breaks and mentions that end as a holder name ends, as mentions of no kind. A piece
    right after a mention is the predicate going on, unless it is a short holder name: then the mention only
    qualifies it (市、区人民政府 + 工作部门), and the whole phrase is unread."""
    bounds = sorted({0, len(sentence), *(x for m in mentions for x in (m.start, m.end))})
    for b in _BREAK.finditer(sentence):
        bounds.extend((b.start(), b.end()))
    bounds = sorted(set(bounds))
    ends = {m.end: m.end - m.start for m in mentions}
    out: list[Mention] = []
    for start, end in zip(bounds, bounds[1:], strict=False):
        if any(m.start <= start and end <= m.end for m in mentions):
            continue
        piece = sentence[start:end].rstrip("。；")
        lead = _LEAD.match(piece)
        cut = lead.end() if lead else 0
        phrase = piece[cut:]
        if start in ends:
            if cut or len(phrase) > _QUALIFIED_HEAD:
                continue
            cut = -ends[start]  # the qualifying mention joins the phrase
        else:  # the predicate that follows a subject with no break (调度机构应当…) is not part of it
            predicate = _PREDICATE_START.search(phrase)
            phrase = phrase[: predicate.start()] if predicate else phrase
            piece = piece[: cut + len(phrase)]
        if _BREAK.fullmatch(piece) or _PREDICATE.search(phrase) or _PLACE_END.search(phrase) or phrase in _PUBLIC:
            continue
        if len(phrase) >= 2 and _HOLDER_END.search(phrase):
            out.append(Mention(_UNREAD, (), start + cut, start + len(piece), "unread"))
    return out


def measure_sentence(sentence: str, lexicon: Lexicon, where: str, into: Coverage) -> None:
    """Weigh the read and unread phrases of one sentence in text order, as the reader weighs its mentions."""
    read = lexicon.holders(sentence)
    unread = unread_pieces(sentence, read)
    qualifiers = {m.start for m in unread}
    found = sorted([*(m for m in read if m.start not in qualifiers), *unread], key=lambda m: m.start)
    previous: Mention | None = None
    previous_subject = False
    for m in found:
        is_subject = subject_position(sentence, m, previous, previous_subject)
        if is_subject and m.kinds == _UNREAD:
            phrase = sentence[m.start : m.end]
            into.unread[phrase] += 1
            into.example.setdefault(phrase, f"{where}: {sentence}")
        elif is_subject:
            into.read += 1
        previous, previous_subject = m, is_subject


def measure_sectors(sentence: str, lexicon: Lexicon, into: Coverage) -> None:
    """Count the listed sectors a lexicon mention covers; the first item only where it ends in a known sector (the
    words before it belong to the clause: 应当会同规划自然资源、…)."""
    covered = [(m.start, m.end) for m in lexicon.mentions(sentence)]
    known = {*lexicon.stems, *lexicon.full}
    # 区、县 and 乡、镇 are one level, not two items (same length, so the spans stay the sentence's)
    for found in _SECTOR_LIST.finditer(sentence.replace("区、县", "区　县").replace("乡、镇", "乡　镇")):
        pos = found.start()
        for n, item in enumerate(found.group().split("、")):
            start, pos = pos, pos + len(item) + 1
            if n == 0:
                head = next((k for k in sorted(known, key=len, reverse=True) if item.endswith(k)), "")
                if not head:
                    continue
                start, item = start + len(item) - len(head), head
            core = _SECTOR_FORM.match(item)
            name = core.group("core") if core else item
            if len(name) > 8 or _NOT_SECTOR.search(name) or _PREDICATE.search(name):
                continue
            if any(a <= start and start + len(item) <= b for a, b in covered):
                into.sectors_read += 1
            else:
                into.sectors_unread[name] += 1


def measure_text(reg: RegulationText, lexicon: Lexicon, into: Coverage) -> None:
    """Every sentence the reader reads in one text, with the text's own definitions (以下统称…) in the lexicon."""
    lexicon = lexicon.with_text_definitions(reg)
    short = re.sub(r"^(?:北京市|重庆市)|\(.*$", "", Path(reg.source).stem)
    for a in reg.articles:
        for p in a.paragraphs:
            for text in (p.text, *(i.text for i in p.items)):
                for sentence in SENTENCE.findall(text):
                    measure_sentence(sentence, lexicon, f"{short} {a.label}", into)
                    measure_sectors(sentence, lexicon, into)


def measure(root: Path = BUNDLED) -> Coverage:
    lexicon = Lexicon.load(root)
    out = Coverage()
    for path in law_texts(root):
        measure_text(read_regulation(path), lexicon, out)
    return out


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--top", type=int, default=60, help="how many unread phrases to list")
    p.add_argument("--min-count", type=int, default=1, help="list only phrases seen at least this often")
    args = p.parse_args()
    cov = measure()
    unread = sum(cov.unread.values())
    print(
        f"{len(law_texts())} texts: the lexicon reads {cov.share:.1%} of subject-position holder phrases "
        f"({cov.read} read, {unread} unread in {len(cov.unread)} distinct phrases)"
    )
    print(
        f"sector lists: the lexicon reads {cov.sector_share:.1%} of listed sectors ({cov.sectors_read} read, "
        f"{sum(cov.sectors_unread.values())} unread: "
        + "、".join(f"{k} {n}" for k, n in cov.sectors_unread.most_common(args.top))
        + ")"
    )
    listed = [(ph, n) for ph, n in cov.unread.most_common() if n >= args.min_count][: args.top]
    for phrase, n in listed:
        print(f"{n:4d}  {phrase}  | {cov.example[phrase][:110]}")


if __name__ == "__main__":
    main()
