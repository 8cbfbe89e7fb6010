"""The holder lexicon: the reviewed holder phrases (data/rules/holder_lexicon.csv) found in a sentence as mentions,
each with the kinds it names (duties/holder_kinds.csv), its levels and the rule that found it.

Rules:
- `lexicon-full` / `lexicon-enumeration`: a holder phrase as written, or a list of sector names ending in 部门/机关/
  机构 (公安、交通、城市管理等部门; …体育等行业主管部门); a level prefix (市、区、市和区、市或者区) sets the holder level. A sector the
  lexicon does not know (市政管理、金融) is passed over, so the known ones after it still count (`unknown-sector`).
- `lexicon-body-name`: a department named as a body (北京市民政局, 区城市管理委员会, 公安分局): a level, a sector stem,
  then 局/分局/委员会/委, so a body never listed still maps when its sector is known.
- `lexicon-unit-enumeration`: a list of unit stems ending in 单位/企业 (建设、设计、施工、监理单位; 供水、供电、供气、
  供热等企业), a lexicon row whose match is `unit_stem`; a single stem is a full phrase (建设单位) already.
- `text-definition`: a text's own `（以下统称执法机关）` after a list of bodies, or `X是…的监督检查部门` at the head
  of a 款 (definition-by-是), makes that phrase name those bodies in this text only.
- `government-and-departments`: `X人民政府及其（有关）部门` is one phrase naming the governments and their own
  departments at the same levels (市 -> city_departments, 区 -> district_departments, 各级 -> relevant_departments);
  it reads 及其有关主管部门 too (Reader 21).
- `lexicon-pattern`: a body described by its charge rather than named (负有消防工作职责的部门), a lexicon row whose
  match is `pattern` (a regular expression).
- Reader 7: an enumeration never runs over 及其…由; `owned-body-level` (市…部门所属的X is at city level).
- Reader 9: `list-and-others` (公安、交通以及其他有关部门 / 住房城乡建设或者其他行政主管部门 name the listed sectors and
  the others), 管理责任人 a `borrowed-term` of texts on 生活垃圾; `own-departments` (市和区人民政府相关部门 names those
  governments' own departments).
- Reader 16: `activity-described-party` — a party named by the trade it carries on (从事动物饲养、屠宰、经营…等活动的
  单位和个人，应当… / 现场制售饮用水的单位和个人应当…) is a trader (business_operator), one that keeps dogs (饲养犬只的单位和
  个人) a dog's keeper, a duty_bearer like any named party; not 任何单位和个人 nor a scope clause; numbered after the
  article's rows (`numbered-last`). `first-sector-suffix`: a list's first sector may carry 行政/管理 as the later
  ones do (工商行政、税务、环卫…等部门), and the older texts' sector names 环卫 (城市管理), 商业 (商务), 城建 (建设),
  卫生防疫 (卫生) are lexicon stems (`older-sector-names`). `shared-office`: 首都精神文明建设委员会和各区精神文明建设
  委员会办事机构 names both committees' offices, not the first committee (three reviewed drops it replaces). Lexicon
  rows: 定点屠宰厂（场）, 动物饲养场, 畜禽养殖户, 动物屠宰加工场所 (traders), 动物疫病预防控制机构 (cdc), 各部门
  (relevant_departments; 市和区、县人民政府各部门 names those governments' own departments). `hazard-described-unit` (a
  lexicon pattern): a unit described by the dangerous goods it handles (生产、运输、储存、使用枪支弹药、爆炸物品、剧毒
  物品…的单位，应当…) is a hazard_unit, not any unit.
- Reader 17: lexicon rows `hazardous-waste-unit` (a pattern) — a unit described by the hazardous waste it produces
  or handles (产生危险废物的企业事业单位和其他生产经营者 / 危险废物收集、利用、处置单位 / 危险废物运输单位) is one
  hazard_unit, not units_general and business_operator; `place-operator` — 停车设施经营单位 and a bare 经营单位
  (经营单位或者管理单位, 公共场所的管理部门和经营单位) run a place: premises_manager.
- Reader 19: lexicon rows (`facility-keeper`): a facility's 设置单位或者管理单位 is its maintainer (maintenance_unit,
  not a place's operator), and 公共供水设施的维护管理单位 is the water utility (public_service_enterprise).
- Reader 22: lexicon rows (`named-party`): 建设主体 (developer), 权属单位 (owner), 组织者 (event_organiser). Tried and
  left out for the routing probes (each cost 1–2 of their hits): 征得 as an object marker (so that 征得公园管理机构和
  园林行政管理部门同意 makes the department a consenting supervisor, not a lead) and 商会 (industry_association).
- Reader 23: `described-government` (a lexicon pattern) — a government named by its act, not its level (接到报告的
  人民政府 / 履行统一领导职责的人民政府 / 实施征用的人民政府), is the city and the district government, as the tuned hand
  rows read 消防条例 第七十三条第二款 (not 当地 / 所在地 / 本级 / 同级 / 上级人民政府); a lexicon pattern may name several
  kinds. Lexicon rows (`named-party`, development rows): a unit named by the goods it makes or sells (烟花爆竹销售单位,
  预拌混凝土生产单位, 供应单位: business_operator, a pattern); a station's operator (客运场站经营者: premises_manager);
  危险货物运输经营者 (hazard_unit); 投标者 / 招标者; 大众传播媒介 (news_media); the Chongqing 市、区县（自治县）人民政府.
- Reader 24: `city-lexicon`: a second city's texts are read with its own kinds and phrases over the bundled ones
  (data/chongqing/rules/holder_lexicon.csv: 市容环境卫生主管部门 is Chongqing's sanitation department, not the health
  department the stem 卫生 makes of it). Lexicon rows: 教育机构 (school, not the education department), the operator
  of 公共交通工具 and the sewage works' operator (public_service_enterprise), and `place-operator` (a pattern): a place
  named as the subject of an obligation (公园应当每日开放, 客运场站应当…, 各类停车场应当…) binds its operator.
- Reader 25: `place-operator` reads more places (各类/公共/经营性停车设施, 食品批发市场, 大型商业设施, with 本市 before
  and a comma after), a conveyance (公共交通工具应当配备… binds its operator) and a waste works (生活垃圾处理场（厂）
  应当…); the lexicon reads 有关人民政府 as the city or district government, as it reads 县级以上地方人民政府, and
  危险货物托运人 as a hazard_unit.
- Reader 26: `text-shortening` — a unit a text names in full (轨道交通运营单位) and then by its tail alone (运营单位,
  standing on its own) is the same unit, where the lexicon reads the tail as no particular kind; lexicon rows for the
  caterers, network service providers, facility keepers, flood-control headquarters, petition offices and
  petitioners these texts name.
- Reader 30: lexicon rows for governments named without a level (a pattern: 人民政府 right before 及其, at a clause's
  head or after a conjunction or a preposition, is every level's government, and `government-and-departments`, which
  now reads a pattern's government too, adds their departments: 人民政府及其工作部门) or by a list of levels before one
  人民政府 (区和乡、镇人民政府, 区、乡镇人民政府, 市、区、县、乡、镇人民政府: each level's).
- Reader 31 (learnt on the development texts of stop 52): a bare 政府 heading its sentence, in a list or after 由 is
  every level's government (a pattern: 政府应当提供…, 由政府给予全额补贴; not after a comma, where it points back to a
  government just named); a list may end 等政府有关部门; 有关机关和组织, 妇女联合会 and 残疾人联合会 are read;
  `borrowed-term` keeps 承办单位 the handling unit wherever a text is about handling demands or deputies' proposals
  (诉求, 建议、批评和意见), not only under 接诉即办; `text-definition` reads （以下统称为…） and a list read as one
  phrase (市、区园林绿化和农业农村部门（以下统称为野生动物主管部门）: both departments, wherever the text says
  野生动物主管部门).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from loaders.regulation_text import RegulationText

LEXICON = "rules/holder_lexicon.csv"
HOLDER_KINDS = "duties/holder_kinds.csv"
# The levels a prefix before a holder phrase names; the older texts' 区县 / 区、县 is the district level
# (市和区、县环境保护部门, 区县民政部门). 本市各级 names no level of its own: the kind's levels stand.
_PREFIX_LEVELS: dict[str, tuple[str, ...]] = {
    "市": ("city",),
    "市级": ("city",),
    "区": ("district",),
    "区级": ("district",),
    "区、县": ("district",),
    "区县": ("district",),
    "市和区": ("city", "district"),
    "市、区": ("city", "district"),
    "市或者区": ("city", "district"),
    "市和区、县": ("city", "district"),
    "市和区县": ("city", "district"),
    "市、区、县": ("city", "district"),
    "市、区县": ("city", "district"),
    "市或者区、县": ("city", "district"),
}
# the longest prefix first, so that 市和区、县 is not read as 市和区
_LEVEL_PREFIX = "(?P<lvl>{})?".format("|".join(sorted(["本市各级", *_PREFIX_LEVELS], key=len, reverse=True)))
# a list may end with the departments' function (等项目审批部门), the older 管理行政部门 (市政市容管理行政部门) or
# 政府 before 有关 (发展改革、民政、卫生…等政府有关部门: the government's departments, each named);
# list-and-others: 公安、交通、卫生、市政以及其他有关部门 / 住房城乡建设或者其他行政主管部门 names the listed sectors
# and the others (group `others`), not the others alone
_DEPT_SUFFIX = (
    r"等?(?:(?P<others>(?:和|及|以及|或者)其他)|其他)?(?:政府)?(?:有关|相关)?(?:行业)?(?:项目审批)?(?:行政|管理行政)?"
    r"(?:主管|管理|执法|监督管理)?(?:部门|机关|机构)"
)
_SEPARATORS = r"(?:、|和|及|以及|与|或者)"
_ITEM_START = r"(?:^|(?<=、)|(?<=和)|(?<=及)|(?<=与)|(?<=或者))"  # an item of a list starts after a separator
# an unknown sector is a name: 及其管理维护由河湖管理机构 holds no list (its 其 and 由 are not a sector's)
_UNKNOWN_SECTOR = r"(?!其|有关|相关)[^、，。；：和及与或等由（）《》□\s]{2,8}"
# borrowed-term: a phrase another law defines keeps that meaning only in texts that speak of that law's matter;
# elsewhere it has its own sense (接诉即办工作条例 第十一条 …以下统称承办单位; 安全生产条例 第三十五条: the 承办单位
# of a large event, its organiser; 代表建议、批评和意见办理条例's 承办单位 handles proposals as 接诉即办's handles
# demands); 管理责任人 is 生活垃圾管理条例's sorting manager, but 节水条例 第三十九条's 公共用水设施的管理责任人 keeps a
# facility. phrase -> (the matter's words, the kind it reads without them)
_BORROWED = {
    "承办单位": ("接诉即办|诉求|建议、批评和意见", "event_organiser"),
    "管理责任人": ("生活垃圾", "maintenance_unit"),
}
# activity-described-party: 从事动物饲养、屠宰、经营…等活动的单位和个人 / 饲养犬只的单位和个人 / 现场制售饮用水的单位和
# 个人 name the party a trade or a dog's keeping makes: a trader (business_operator) or a dog's keeper (dog_keeper), not
# the public at large (任何单位和个人, a scope clause's 与…活动有关的单位和个人 name no party: the activity must be a trade)
_ACTIVITY_PARTY = re.compile(
    r"(?P<activity>(?:从事|饲养|养殖|屠宰|生产|经营|销售|现场制售|制售)[^，。；：]{0,60}?)"
    r"的单位(?:和|或者|及)个人"
)


def _activity_kind(activity: str) -> str:
    """The kind an activity names its party by: 饲养犬只 a dog's keeper, a trade (经营、生产、饲养、屠宰 …) a trader."""
    if re.match(r"饲养犬", activity):
        return "dog_keeper"
    if re.search(r"经营|生产|饲养|养殖|屠宰|加工|销售|制售|贮藏", activity):
        return "business_operator"
    return ""


GENERAL_UNITS = "units_general"  # 单位 named by no trade or charge
# text-shortening: the tails a unit's full name is shortened to, read where no word runs into them
_SHORT_TAILS = ("单位", "企业")
_STANDALONE = r"(?:(?<![\u4e00-\u9fff])|(?<=[由向与和及对经被]))"
_DEFINED = re.compile(r"（以下(?:统称|简称)为?([^）《》]{2,12})）")
SENTENCE = re.compile(r"[^。；]+[。；]?")
_DEFINED_BY_IS = re.compile(
    r"(?P<body>[^，。；：是]+)是[^，。；：是]{0,24}?的(?P<alias>[^，。；：的]{2,10}?(?:部门|机关|机构))[，。；]"
)
_TITLE = re.compile(r"《[^》]*》")
# government-and-departments: the departments a government's 及其（有关）部门 names, by the government's kind
# the mentions a government phrase comes as: a phrase as written, or a pattern (人民政府 right before 及其, Reader 30)
_GOVERNMENT_RULES = frozenset({"lexicon-full", "lexicon-pattern"})
_OWN_DEPARTMENTS = re.compile(r"及其(?:所属|有关|相关)?(?:工作|职能|主管)?部门")
_DEPARTMENTS_OF: dict[str, tuple[str, ...]] = {
    "city_government": ("city_departments",),
    "district_government": ("district_departments",),
    "all_level_governments": ("relevant_departments",),
    "local_government": ("relevant_departments",),
    "township_government": (),  # a township's own offices are not departments of their own kind
}
# self-governing-body: bodies of owners and residents that act by resolution; the law gives them powers, as to a
# state body, not obligations as to a trader (the hand-read rows give them lead / supervise / assist).
SELF_GOVERNING = frozenset(
    {
        "owners_assembly",
        "owners_committee",
        "owners_preparatory_group",
        "property_management_committee",
        "residents_meeting",
        "villagers_meeting",
        "family_committee",
        "community_service_station",
        "community_party_org",
        "people_mediation_committee",
    }
)


@dataclass(frozen=True)
class Kind:
    """What the loader needs of a holder kind: its levels (holder_kinds.csv)."""

    id: str
    levels: tuple[str, ...]

    @property
    def state(self) -> bool:
        """A public body, or a self-governing one: its clauses give powers and tasks, not a trader's obligations."""
        return self.levels != ("unit",) or self.id in SELF_GOVERNING


@dataclass(frozen=True)
class Mention:
    """A holder phrase found in a sentence: the kinds it names, the levels, where it sits, the rule."""

    kinds: tuple[str, ...]
    levels: tuple[str, ...]
    start: int
    end: int
    rule: str


class Lexicon:
    """The reviewed holder phrases: full phrases and sector stems (data/rules/holder_lexicon.csv)."""

    def __init__(self, rows: Iterable[dict[str, str]], kinds: dict[str, Kind]) -> None:
        self.kinds = kinds
        self.rows = list(rows)
        self.full: dict[str, tuple[str, ...]] = {}
        self.stems: dict[str, str] = {}
        self.unit_stems: dict[str, str] = {}
        self.patterns: list[tuple[re.Pattern[str], tuple[str, ...]]] = []
        for row in self.rows:
            if row["match"] == "stem":
                self.stems[row["phrase"]] = row["holder_kind"]
            elif row["match"] == "unit_stem":
                self.unit_stems[row["phrase"]] = row["holder_kind"]
            elif row["match"] == "pattern":
                named = tuple(row["holder_kind"].split(";"))  # (a pattern may name several kinds, as a phrase does)
                self.patterns.append((re.compile(_LEVEL_PREFIX + rf"(?P<phrase>{row['phrase']})"), named))
            elif row["match"] == "stop":
                self.full[row["phrase"]] = ()
            else:
                self.full[row["phrase"]] = tuple(row["holder_kind"].split(";"))
        full = "|".join(re.escape(p) for p in sorted(self.full, key=len, reverse=True))
        stem = "|".join(re.escape(p) for p in sorted(self.stems, key=len, reverse=True))
        self._full = re.compile(_LEVEL_PREFIX + rf"(?P<phrase>{full})")
        # a list starts with a known sector; a later one may carry its level (市交通), 其他 (和其他专业工程) or
        # 行政/管理 (水行政), and one the lexicon does not know (市政管理, 金融) is passed over, not a break in the
        # list (unknown-sector); 其他有关部门 is never taken for an unknown sector
        item = rf"(?:(?:市|区|其他)?(?:{stem})(?:行政|管理)?|{_UNKNOWN_SECTOR})"
        self._enum = re.compile(
            _LEVEL_PREFIX
            + rf"(?P<list>(?:{stem})(?:(?:行政|管理)(?={_SEPARATORS}))?(?:{_SEPARATORS}{item})*){_DEPT_SUFFIX}"
        )
        self._item = re.compile(
            rf"{_ITEM_START}(?:(?:市|区|其他)?(?P<stem>{stem})(?:行政|管理)?|{_UNKNOWN_SECTOR})(?={_SEPARATORS}|$)"
        )
        self._body = re.compile(rf"(?P<lvl>市|区)(?P<list>{stem})(?:行政)?(?:管理)?(?:分局|局|委员会|委)(?!员)")
        unit = "|".join(re.escape(p) for p in sorted(self.unit_stems, key=len, reverse=True))
        self._units = re.compile(rf"(?P<list>(?:{unit})(?:{_SEPARATORS}(?:{unit}))+)等?(?:单位|企业)") if unit else None
        self._unit_stem = re.compile(unit)

    @classmethod
    def load(cls, *datasets: Path) -> Lexicon:
        """The kinds and phrases of the first dataset (the reviewed lexicon, data/rules/holder_lexicon.csv), with
        each later dataset's own over them (`city-lexicon`): a second city writes its laws in the same legal Chinese
        but names some bodies of its own (重庆: 市容环境卫生主管部门), which its kinds and phrase rows give."""
        kinds: dict[str, Kind] = {}
        rows: list[dict[str, str]] = []
        for root in datasets:
            with (root / HOLDER_KINDS).open(encoding="utf-8") as f:
                kinds.update(
                    {r["holder_kind"]: Kind(r["holder_kind"], tuple(r["levels"].split(";"))) for r in csv.DictReader(f)}
                )
            if (root / LEXICON).exists():
                with (root / LEXICON).open(encoding="utf-8") as f:
                    rows.extend(csv.DictReader(f))
        return cls(rows, kinds)

    def with_text_definitions(self, reg: RegulationText) -> Lexicon:
        """text-definition: a text's own `（以下统称执法机关）` makes that phrase name the bodies listed just before it,
        for this text only (城乡规划条例 第十二条: 规划自然资源主管部门、城市管理综合行政执法机关、乡镇人民政府)."""
        extra: list[dict[str, str]] = []
        for a in reg.articles:
            for p in a.paragraphs:
                for found in _DEFINED.finditer(p.text):
                    kinds = self._listed_before(p.text[: found.start()])
                    if kinds:
                        extra.append({"phrase": found.group(1), "holder_kind": ";".join(kinds), "match": "full"})
                # definition-by-是: 市和区、县工商行政管理部门是不正当竞争行为的监督检查部门 makes 监督检查部门 name the
                # department in this text, over any generic reading (控制吸烟条例: 卫生健康部门是…的主管部门)
                named = _DEFINED_BY_IS.match(p.text)
                kinds = self._listed_before(named.group("body"), single=True) if named else ()
                if named and kinds:
                    extra.append({"phrase": named.group("alias"), "holder_kind": ";".join(kinds), "match": "full"})
        text = "".join(p.full_text for a in reg.articles for p in a.paragraphs)
        extra.extend(
            {"phrase": _STANDALONE + re.escape(short), "holder_kind": kind, "match": "pattern"}
            for short, kind in self._shortenings(text)
        )
        for phrase, (matter, kind) in _BORROWED.items():
            if not re.search(matter, text):
                extra.append({"phrase": phrase, "holder_kind": kind, "match": "full"})
        return Lexicon([*self.rows, *extra], self.kinds) if extra else self

    def _shortenings(self, text: str) -> list[tuple[str, str]]:
        """text-shortening: a text that names a unit in full (轨道交通运营单位) and then by its tail alone (运营单位,
        standing on its own: after a stop or a preposition, not another word as in 等服务企业 or 公共服务企业) means the
        same unit by the tail, where the lexicon reads the tail as no particular kind; a tail two full phrases of
        different kinds end with stays unread."""
        found: dict[str, set[str]] = {}
        for phrase in {m.group("phrase") for m in self._full.finditer(text)}:  # each phrase once, however often named
            kinds = self.full[phrase]
            if len(kinds) != 1 or kinds[0] == GENERAL_UNITS:
                continue
            for cut in range(1, len(phrase) - 3):
                tail = phrase[cut:]
                if tail.endswith(_SHORT_TAILS) and self._reads_as_nobody(tail):
                    found.setdefault(tail, set()).add(kinds[0])
        return [(tail, kinds.pop()) for tail, kinds in found.items() if len(kinds) == 1]

    def _reads_as_nobody(self, phrase: str) -> bool:
        """True where the lexicon reads nothing more particular than 单位 in the phrase as a whole."""
        return all(set(m.kinds) <= {GENERAL_UNITS} for m in self.mentions(phrase))

    def _listed_before(self, text: str, single: bool = False) -> tuple[str, ...]:
        """The kinds of the chain of holder phrases that ends exactly where the text ends; one phrase alone counts
        only with `single` (a `（以下简称…）` after one body renames a phrase the lexicon already reads)."""
        mentions = self.mentions(text)
        if not mentions or mentions[-1].end != len(text):
            return ()
        chain = [mentions[-1]]
        for m in reversed(mentions[:-1]):
            if not SEPARATOR.fullmatch(text[m.end : chain[0].start]):
                break
            chain.insert(0, m)
        if len(chain) < 2 and len(chain[0].kinds) < 2 and not single:
            return ()  # one body renamed: the lexicon already reads it (道路运输管理机构, 劳动保障行政部门)
        return tuple(dict.fromkeys(k for m in chain for k in m.kinds))

    def unknown_kinds(self) -> list[str]:
        """Kinds the lexicon names that holder_kinds.csv lacks (a reviewed lexicon has none)."""
        named = {k for ks in self.full.values() for k in ks} | set(self.stems.values()) | set(self.unit_stems.values())
        named |= {k for _, ks in self.patterns for k in ks}
        return sorted(named - set(self.kinds))

    def mentions(self, sentence: str) -> list[Mention]:
        """Holder phrases in a sentence, longest first where they overlap, in text order."""
        masked = _TITLE.sub(lambda m: "□" * len(m.group()), sentence)
        found: list[Mention] = []
        for m in self._full.finditer(masked):
            kinds = self.full[m.group("phrase")]
            found.append(Mention(kinds, self._levels(m.group("lvl"), kinds), m.start(), m.end(), "lexicon-full"))
        for m in self._enum.finditer(masked):
            stems = [i.group("stem") for i in self._item.finditer(m.group("list")) if i.group("stem")]
            kinds = tuple(dict.fromkeys(self.stems[s] for s in stems))
            rule = "lexicon-enumeration"
            if m.group("others"):
                others = masked[m.end("others") - 2 : m.end()]  # 其他有关部门, 其他行政主管部门 …
                named = self.full.get(others) or self.full.get(others.removeprefix("其他")) or ("relevant_departments",)
                kinds, rule = tuple(dict.fromkeys([*kinds, *named])), "list-and-others"
            found.append(Mention(kinds, self._levels(m.group("lvl"), kinds), m.start(), m.end(), rule))
        for m in self._body.finditer(masked):
            kinds = (self.stems[m.group("list")],)
            found.append(Mention(kinds, self._levels(m.group("lvl"), kinds), m.start(), m.end(), "lexicon-body-name"))
        for m in self._units.finditer(masked) if self._units else ():
            kinds = tuple(dict.fromkeys(self.unit_stems[s] for s in self._unit_stem.findall(m.group("list"))))
            found.append(Mention(kinds, self._levels(None, kinds), m.start(), m.end(), "lexicon-unit-enumeration"))
        for pattern, kinds in self.patterns:
            for m in pattern.finditer(masked):
                found.append(Mention(kinds, self._levels(m.group("lvl"), kinds), m.start(), m.end(), "lexicon-pattern"))
        for m in _ACTIVITY_PARTY.finditer(masked):
            kind = _activity_kind(m.group("activity"))
            if kind in self.kinds:
                levels = self.kinds[kind].levels
                found.append(Mention((kind,), levels, m.start(), m.end(), "activity-described-party"))
        found.extend(self._with_own_departments(masked, found))
        found.sort(key=lambda x: (x.start, -(x.end - x.start)))
        kept: list[Mention] = []
        for mention in found:
            if kept and mention.start < kept[-1].end:
                continue
            kept.append(mention)
        return [k for k in kept if k.kinds]  # a `stop` phrase only keeps its shorter parts from matching

    def _with_own_departments(self, masked: str, found: list[Mention]) -> list[Mention]:
        """government-and-departments: 市、区人民政府及其有关部门 / 市和区县人民政府及其部门 names the governments and
        their own departments at the same levels (市 -> city_departments), one phrase, as 市、区人民政府有关部门 does."""
        out: list[Mention] = []
        for m in found:
            tail = _OWN_DEPARTMENTS.match(masked, m.end)
            if m.rule not in _GOVERNMENT_RULES or not tail or not all(k in _DEPARTMENTS_OF for k in m.kinds):
                continue
            kinds = tuple(dict.fromkeys([*m.kinds, *(d for k in m.kinds for d in _DEPARTMENTS_OF[k])]))
            levels = tuple(
                dict.fromkeys([*m.levels, *(lv for k in kinds[len(m.kinds) :] for lv in self.kinds[k].levels)])
            )
            out.append(Mention(kinds, levels, m.start, tail.end(), "government-and-departments"))
        return out

    def holders(self, sentence: str) -> list[Mention]:
        """The mentions the reader weighs as holders: a phrase that qualifies the next one is folded into it
        (qualifier: 市人民政府防火安全委员会 names the committee, not the government; the committee stands where
        the whole phrase stands)."""
        out: list[Mention] = []
        for m in reversed(self.mentions(sentence)):
            if out and out[-1].start == m.end and (own := self._own_departments(m, out[-1])):
                m = own  # 市和区人民政府相关部门: the departments of those governments (own-departments)
                out.pop()
            elif out and out[-1].start == m.end:
                nxt = out.pop()
                m = Mention(nxt.kinds, nxt.levels, m.start, nxt.end, nxt.rule)
            elif out and self._shares_office(sentence, m, out[-1]):
                # shared-office: 首都精神文明建设委员会和各区精神文明建设委员会办事机构 names the offices of both
                # committees; the first is an office too, at its own level
                m = Mention(out[-1].kinds, self._levels(None, out[-1].kinds), m.start, m.end, "shared-office")
            elif out and _OWNED_BY.fullmatch(sentence, m.end, out[-1].start):
                # owned-body-level: 市交通主管部门所属的道路运输管理机构 is the body the city department owns, at the
                # owner's level
                nxt = out.pop()
                levels = tuple(lv for lv in nxt.levels if lv in m.levels) or nxt.levels
                m = Mention(nxt.kinds, levels, m.start, nxt.end, nxt.rule)
            out.append(m)
        return out[::-1]

    def _shares_office(self, sentence: str, body: Mention, office: Mention) -> bool:
        """shared-office: a body, 和/、, then the office of a body of the same name (X委员会和各区X委员会办事机构)."""
        phrase = re.sub(r"^(?:首都|本市|各区|各|市|区)", "", sentence[body.start : body.end])
        tail = sentence[office.start : office.end]
        return (
            re.fullmatch(r"(?:和|、|及|以及)(?:本市各|各)?", sentence[body.end : office.start]) is not None
            and bool(phrase)
            and any(tail.endswith(phrase + s) for s in ("办事机构", "办公室"))
            and self.full.get(phrase + tail[tail.rindex(phrase) + len(phrase) :]) == office.kinds
        )

    def _own_departments(self, government: Mention, departments: Mention) -> Mention | None:
        """own-departments: a government phrase right before a generic departments phrase (相关部门, 有关主管部门,
        有关行政管理部门) names those governments' own departments, as 市、区人民政府有关部门 does in the lexicon."""
        if departments.kinds != ("relevant_departments",) or not all(k in _DEPARTMENTS_OF for k in government.kinds):
            return None
        kinds = tuple(dict.fromkeys(d for k in government.kinds for d in _DEPARTMENTS_OF[k]))
        if not kinds:
            return None
        levels = tuple(dict.fromkeys(lv for k in kinds for lv in self.kinds[k].levels))
        return Mention(kinds, levels, government.start, departments.end, "own-departments")

    def _levels(self, prefix: str | None, kinds: tuple[str, ...]) -> tuple[str, ...]:
        own = (
            tuple(dict.fromkeys(lv for k in kinds for lv in self.kinds[k].levels))
            if all(k in self.kinds for k in kinds)
            else ()
        )
        wanted = _PREFIX_LEVELS.get(prefix or "")
        if wanted and all(lv in own for lv in wanted):
            return wanted
        return own


SEPARATOR = re.compile(r"(?:、|和|及|以及|与|或者)?")
_OWNED_BY = re.compile(r"(?:所属|下属|设立)的?")
