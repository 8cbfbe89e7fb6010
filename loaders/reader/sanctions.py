"""Sanctions: the words that give one, the penalty's own words in a row, the body a text names as its default
enforcer, and the sanctions a list of items gives.

Rules:
- `penalty-enforcer`: a sentence with a sanction (责令、罚款、处罚、查处、没收 …) makes its named body `enforce`; the
  penalty is the sanction's text, and `违反本条例第X条` is noted as the article the penalty sanctions; a lead-in
  `按照下列规定处罚：` takes its items' sanctions, items with the same one named together (`penalty-by-item`).
- `sanction-suffered`: 受到行政处罚…的情况 names a sanction already given, so it makes no enforcer; nor does 调查处理
  (`investigate-and-handle`: a complaint's handling, not a sanction).
- `default-enforcer`: a sanction naming no body goes to the body the text names as the one that 实施行政处罚.
- `unknown-agent` (Reader 28): a sanction whose own words name the body that gives it, one the lexicon does not know
  (燃气管理条例 第五十六条 特许经营的实施机关应当责令限期改正; 城乡规划条例 第八十五条 由市人民政府确定的有关执法机关责令…),
  is that body's, not the default enforcer's: no row, rather than a body the text does not name there (the street
  offices and townships the gas law lets enforce its city-management penalties were read as the franchise's
  implementing authority).
- Reader 6: a closing order is a penalty, `本规定第X条的规定处理` is one, 处罚信息 and 配合…查处 are not.
- Reader 7: `sanction-as-noun` (查处…的职责分工 / …机制, 处罚决定书); an order to correct an omission (…未使用再生水的，
  由…责令限期改正) is a penalty.
- Reader 9: 违法行为查处等…信息 is `sanction-as-noun`.
- Reader 10: a scheme's 奖励和处罚 is `sanction-as-noun`.
- Reader 13: `penalty-of-its-own-body` (a penalty stops before another body's sanction: …并处罚款；非法安装警报器…的，
  由公安机关交通管理部门依法强制拆除 / …吊销营业执照，并由城市管理综合执法部门吊销燃气经营许可证).
- Reader 24: `default-enforcer` also reads a penalty article worded 对违反本条例实施的处罚，由X决定 (not a body that
  对…违法行为，应当及时纠正并依法予以处罚: that reading of 道路交通安全法 办法 第八十条 gave its 22 penalty articles the
  traffic police, as the development rows do, but the matcher then sent complaints about shops on the sidewalk to the
  traffic police and cited a cyclist's fine for a parked van; 第八十条 itself is the better basis).
- Reader 27: `default-enforcer` also reads a body that 对…违法行为…予以处罚 (实施《道路交通安全法》办法 第八十条), so the
  22 penalty articles after it that name no body (驾驶机动车有下列情形之一的，处200元罚款：…) get the traffic police, as
  the development rows read them. Reader 24 left this out because the matcher then sent stalls on the pavement to the
  traffic police; with 人行道 and 便道 read as where it happened (`setting-alone`) and 59 probe files, it routes 12
  more probe complaints (traffic offences named in the items) and shows an acceptable duty for 3 fewer (stalls and
  tricycles on the pavement still lose 城管 to the police in a few).
- Reader 31: `default-enforcer` leaves out a body right after one of subject position's object markers, such as a
  partner after 会同 (野生动物保护管理条例 第三十三条 野生动物主管部门会同有关部门…依法查处违法行为: the wildlife
  departments enforce, not 有关部门).
"""

from __future__ import annotations

import re

from graph.citations import cited_text
from loaders.reader.lexicon import SENTENCE, Lexicon, Mention
from loaders.reader.predicate import OBJECT_MARKERS
from loaders.regulation_text import Paragraph, RegulationText

# investigate-and-handle: 调查处理 (a complaint's or a lead's handling) holds 查处 but sanctions no one; a sanction by
# reference to the text's own article (依照本规定第二十二条的规定处理) is one, a pointer to other laws is not
SANCTION = re.compile(
    r"责令|罚款|处罚|(?<!调)查处|没收|吊销|强制拆除|查封|暂扣|扣押|予以处理|依法处理|本(?:条例|规定|办法)第[^，。；]{1,16}?规定处理|警告(?!标志|牌|标识)|处以|处[一二三四五六七八九十百千万\d]"
)
# sanction-suffered: a sanction already given (受到行政处罚的情况; 行政处罚信息纳入信用平台) or one another body gives
# (assisted-sanction: 配合有关部门进行查处) makes no enforcer of the clause's body
# sanction-as-noun: 查处违法建设的职责分工 / 的信息共享机制, a 处罚决定书, 违法行为查处等…信息 and a responsibility system's
# 奖励和处罚 name a task, a paper, a record or a scheme, not a sanction given
_SUFFERED = re.compile(
    r"(?:受到|受过|被)[^，。；]{0,8}(?:处罚|罚款)|处罚(?:信息|记录|结果|决定书)|(?:配合|协助)[^，。；]{0,12}?(?:查处|处罚|处理)"
    r"|(?:查处|处罚)[^，。；]{0,12}?的(?:职责分工|分工|[^，。；]{0,6}机制)|(?:查处|处罚)等|奖励(?:和|与|、)处罚"
)
_ENFORCER_ARTICLE = re.compile(
    r"实施行政处罚|行使行政处罚权|负责.*行政处罚|依法查处.*违法行为|违法行为[^。]*予以处罚|行政处罚[^。]*由"
    r"|处罚，(?:除[^，。]*外，)?由"  # (对违反本条例实施的处罚，由县级以上公安机关消防机构决定)
)
VIOLATION = re.compile(r"违反|有下列行为之一|未按|未依法|拒不|未履行|不履行")


def given_sanction(text: str) -> re.Match[str] | None:
    """The first sanction the text gives, past those already suffered or given by another (sanction-suffered)."""
    return SANCTION.search(_SUFFERED.sub(lambda m: "□" * len(m.group()), text))


def order_only(sentence: str, after: str) -> bool:
    """order-to-correct: 责令 with no fine or other sanction, in a sentence that names no breach of the text
    (街道办事处…对业主委员会作出的违反法律法规的决定，应当责令限期改正或者撤销): an oversight power, not a penalty."""
    return (
        "责令" in after
        and not SANCTION.search(after.replace("责令", ""))
        and not re.search(r"责令(?:其)?[^，。；]{0,4}?(?:停产|停业|关闭|拆除|停止营业)", after)  # closing is a penalty
        and not re.search(
            r"违反(?:本条例|本规定|本办法|前款|本条|第)|违法|有下列行为之一|未按|拒不|未经"
            r"|未[^，。；]{1,12}?的，由",  # an omission sanctioned by a body (…未使用再生水的，由…责令限期改正)
            sentence,
        )
    )


def own_penalty(penalty: str, kind_id: str, lexicon: Lexicon) -> str:
    """penalty-of-its-own-body: a penalty that runs on into another body's sanction stops before it (…并处5万元以上
    10万元以下罚款；非法安装警报器、标志灯具的，由公安机关交通管理部门依法强制拆除 — the second sanction is the police's;
    …吊销营业执照，并由城市管理综合执法部门吊销燃气经营许可证). The condition that opens the other body's part goes with
    it; the same body named again (由水务部门责令…) keeps its sanction."""
    for m in lexicon.holders(penalty):
        lead = penalty[: m.start]
        if kind_id in m.kinds or not re.search(r"由(?:所在地的?)?$", lead) or not given_sanction(penalty[m.end :]):
            continue
        # the cut goes back over the words of the other body's part that give no sanction (…的，/…内，/并可以按照…规定，)
        # but never past a ；
        semi = lead.rfind("；")
        cut = semi if semi > 0 and not given_sanction(lead[semi + 1 :]) else -1
        if cut < 0:
            cut = next(
                (b for b, c in enumerate(lead) if c == "，" and b > semi and not given_sanction(lead[b + 1 :])), -1
            )
        return penalty[:cut] if cut > 0 else penalty
    return penalty


def penalty(after: str, rest_of_clause: str) -> str:
    """The sanction's own words: from the first sanction verb to the end of the sentence (past any ；)."""
    start = given_sanction(after)
    if not start:
        return ""
    text = after[start.start() :]
    if not text.endswith("。"):
        text += rest_of_clause.split("。", 1)[0]
    return text.rstrip("。；")


_UNKNOWN_AGENT = re.compile(r"(?:机关|部门|机构)(?:应当|可以|依法)*(?:责令|处以?|给予|没收|吊销|收回)")


def names_unknown_agent(sentence: str) -> bool:
    """unknown-agent: the sanction's own words name a body (…机关应当责令…) that is not a holder the lexicon found."""
    return bool(_UNKNOWN_AGENT.search(sentence))


# a body right after one of these (会同有关部门, 协助…) is another's object, not the enforcer (the one-character markers
# 向, 对, 在 … stand inside names and words too, so only the longer ones count here)
_OBJECT_WORDS = tuple(marker for marker in OBJECT_MARKERS if len(marker) > 1)


def default_enforcers(reg: RegulationText, lexicon: Lexicon) -> list[Mention]:
    """default-enforcer: the body a text names as the one that 实施行政处罚 (its first such article)."""
    for a in reg.articles:
        for p in a.paragraphs:
            for s in SENTENCE.findall(p.text):
                if _ENFORCER_ARTICLE.search(s) and not cited_text(s):
                    found = [
                        m
                        for m in lexicon.mentions(s)
                        if all(lexicon.kinds[k].state for k in m.kinds if k in lexicon.kinds)
                        and not s[m.end :].startswith(("的", "确定"))  # 按照市人民政府确定的分工: not an enforcer
                        and not s[: m.start].endswith(_OBJECT_WORDS)  # X会同有关部门…依法查处: X enforces
                    ]
                    if found:
                        return found
    return []


def item_penalties(paragraph: Paragraph) -> str:
    """penalty-by-item: a lead-in that ends 按照下列规定处罚： leaves the sanctions to its items; the penalty is each
    item's sanction, items with the same one named together (（一）（二）项：责令改正，处5000元以上5万元以下罚款；…)."""
    by_sanction: dict[str, list[str]] = {}
    for item in paragraph.items:
        sanction = penalty(item.text, "")
        if sanction:
            by_sanction.setdefault(sanction, []).append(item.label)
    return "；".join(f"{''.join(labels)}项：{sanction}" for sanction, labels in by_sanction.items())
