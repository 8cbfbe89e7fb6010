"""The rows of one 款 or 项: its sentences one by one, each holder in subject position (or named as an object that
holds a part) with the role its sentence gives it, and the bodies a sanction that names none goes to.

Rules:
- `delegated-execution`: …实施监督管理，并由本级X负责实施 — X holds the task with the role of the body that was given it.
- `definition-clause`: a sentence that defines a term (本条例所称…是指…) gives no duty.
- Reader 6: `time-clause` (X…时，Y应当…).
- Reader 7: `organiser-described` (在…组织…活动…的，应当 obliges the organiser).
- Reader 11: `anaphora-by-其` (…等单位管理的湖泊，由其负责…); a list runs across ，以及 (own-predicate).
- Reader 12: `carried-enforcer` (after a ；, a sanction that names no body is the part before's bodies': 应急管理部门…
  应当责令立即排除；有重大…隐患的，应当责令暂时停产停业 / 有关主管部门责令限期移交；逾期不移交的，直接收回，并处…罚款 —
  not the text's default enforcer).
- Reader 13: under a `duty-list` an item that names its own body keeps it past a ； (（七）公安机关负责…；…依法协助…).
- Reader 16: `named-others`: a short clause opening 其他有关部门按照职责分工，做好… is a duty, not a catch-all item.
- Reader 20: `interpretation-clause`: the body that 负责解释 the text (本办法具体应用中的问题，由北京市民政局负责解释)
  leads, as the hand readings of both halves have it; only a repeal is a closing clause now.
- Reader 24: a row whose predicate is only 负责 (…由河湖管理机构负责) takes its sentence as its duty, not an empty one.
"""

from __future__ import annotations

import re

from graph.citations import Citation, citations, cited_text
from loaders.reader.lexicon import SELF_GOVERNING, SENTENCE, SEPARATOR, Lexicon, Mention
from loaders.reader.objects import named_object, qualifying_lists
from loaders.reader.predicate import DUTY_CHARS, duty_text
from loaders.reader.roles import holder_role
from loaders.reader.rows import Row
from loaders.reader.sanctions import given_sanction, names_unknown_agent, own_penalty, penalty
from loaders.reader.subject import PERMIT_SUBJECT, UNIT_HEAD, subject_position
from loaders.reader.tasks import RESPOND
from loaders.regulation_text import Article, Clause

# closing-clause: the article that repeals older texts gives no duty (the one that says who interprets the text does:
# `interpretation-clause`, Reader 20)
_REPEAL = re.compile(r"同时废止")
# definition-clause: 本条例所称居家养老服务是指…由政府提供…，基层群众性自治组织…提供… defines a term; the bodies it
# names are part of the definition, not holders of a duty
_DEFINITION = re.compile(r"^本(?:条例|规定|办法)所称")
# catch-all-item: a short 其他…职责 item; a clause that starts 其他有关部门… is a duty like any other, long or short
# (`named-others`: 其他有关部门按照职责分工，做好动物防疫相关工作)
_CATCH_ALL = re.compile(
    r"^(?:其他|法律、法规规定的其他|法律法规规定的其他)(?!(?:有关|相关)?(?:行政)?(?:主管)?(?:部门|机关|机构)[^，。；]{0,8}(?:按照|依照|根据|应当|负责|在))"
)
_ORGANISER = re.compile(r"[^。；]*?(?:组织|举办)[^，。；]{0,16}活动[^。；]*?的，应当")
_DELEGATED = re.compile(r"，并由(?:本级|其所属的?)?$")
_EXECUTES = re.compile(r"(?:具体)?(?:负责)?(?:具体)?实施[。；]?$")


def _own_predicate(sentence: str, m: Mention, subjects: list[Mention]) -> str:
    """own-predicate: a trader's obligation must sit in its own part of the sentence, before the next subject named
    apart from it (单位存在严重消防违法行为…，公安机关消防机构应当通知… obliges the fire agency, not the unit)."""
    end = len(sentence)
    for other in subjects:
        if other.start > m.end and not SEPARATOR.fullmatch(sentence[m.end : other.start]):
            gap = sentence[m.end : other.start]
            # (…等交通枢纽，以及进京检查站、…的运营管理单位应当… is one list across its comma)
            if not re.fullmatch(r"(?:，?(?:、|和|及|以及|与|或者)[^，。；]{0,12})*", gap) and re.match(
                r"(?:应当|必须|负责|可以|不得|依法|有权)", sentence[other.end :]
            ):
                end = other.start
                break
    return sentence[m.end : end]


def rows_of(
    sentence_source: str,
    clause: Clause | None,
    article: Article,
    locator: str,
    quote: str,
    lexicon: Lexicon,
    default: list[Mention],
    inherited: list[Mention] | None = None,
) -> list[Row]:
    rows: list[Row] = []
    if _REPEAL.search(sentence_source) or (_CATCH_ALL.match(sentence_source) and len(sentence_source) < 40):
        return rows
    enforcers: list[Mention] = []  # same-clause-enforcer: a later sanction in the clause goes to the body named first
    consumed = 0
    carried: list[Mention] = []
    cited_before: list[Citation] = []
    for sentence in SENTENCE.findall(sentence_source):
        consumed += len(sentence)
        rest_of_clause = sentence_source[consumed:]
        if _DEFINITION.match(sentence):
            continue
        mentions = lexicon.holders(sentence)
        subjects: list[Mention] = []
        previous: Mention | None = None
        prev_subject = False
        forced: dict[int, tuple[str, str]] = {}
        qualifying = qualifying_lists(sentence, mentions)
        for m in mentions:
            is_subject = subject_position(sentence, m, previous, prev_subject) and m.start not in qualifying
            if is_subject:
                subjects.append(m)
            else:
                named = named_object(sentence, m, mentions)
                if named:
                    subjects.append(m)
                    forced[m.start] = named
            previous, prev_subject = m, is_subject
        # time-clause: 执法机关履行监督检查职责时，有关单位和人员应当积极配合 — the holder named right after the 时，
        # is the subject; the one before it only sets the time (检查人员不得少于两人 leaves the body its own task)
        starts = {m.start for m in subjects}
        subjects = [
            m
            for m in subjects
            if not ((t := re.match(r"[^，。；]*?时，", sentence[m.end :])) and m.end + t.end() in starts)
            # (subordinate-mention, Reader 19: 居民委员会讨论…问题，需要他们参加会议时，他们应当派代表参加 — the 时 part
            # may run past a comma, and 他们 names the others)
            and not re.match(r"[^。；]*?时，他们", sentence[m.end :])
        ]
        # anaphora-by-其: 公园…等单位管理的湖泊，由其负责建立健全管理制度 — 其 is the holder named just before it in
        # the sentence, and the clause's agent
        pronoun = re.search(r"由其(?=负责|应当|承担)", sentence)
        if pronoun and not any(m.start < pronoun.start() for m in subjects):
            named_before = [m for m in mentions if m.end <= pronoun.start()]
            if named_before:
                m = named_before[-1]
                subjects.insert(0, Mention(m.kinds, m.levels, pronoun.start() + 1, pronoun.end(), "anaphora-by-其"))
        rules_extra: list[str] = []
        if not subjects and inherited and not carried:
            # (an item that names its own body keeps it past a ；: （七）公安机关负责…；…依法协助有关部门强制执行)
            subjects, rules_extra = inherited, ["duty-list"]
        elif not subjects and _ORGANISER.match(sentence):
            # organiser-described: 在…公共场所组织娱乐、集会等活动…的，应当控制音量 obliges whoever organises the
            # activity, named by the act alone
            subjects, rules_extra = [Mention(("event_organiser",), ("unit",), 0, 0, "organiser-described")], []
        elif not subjects and carried and re.search(r"应当|负责|可以", sentence) and not given_sanction(sentence):
            # shared-subject: after a ；, a part that names no one goes on with the bodies of the part before
            # (…部门应当积极履行管理和监督职责；对于…举报或者投诉的…行为，应当依法及时处理)
            subjects, rules_extra = carried, ["shared-subject"]
        before = carried
        carried = (
            # (a body named as an object that holds a part, 经居民会议讨论决定, carries no subject on: `subordinate-mention`)
            [
                m
                for m in subjects
                if m.start not in forced and all(k in lexicon.kinds and lexicon.kinds[k].state for k in m.kinds)
            ]
            if sentence.endswith("；")
            else []
        )
        state_subject = any(lexicon.kinds[k].state for m in subjects for k in m.kinds if k in lexicon.kinds)
        if not state_subject and given_sanction(sentence) and re.search(r"违反|责令|罚款", sentence):
            if enforcers:
                subjects, rules_extra = enforcers, ["same-clause-enforcer"]
            elif before:
                # carried-enforcer: after a ；, a sanction that names no body is given by the bodies of the part before
                # (应急管理部门…应当责令立即排除；有重大…隐患的，应当责令暂时停产停业), not by the text's default enforcer
                subjects, rules_extra = before, ["carried-enforcer"]
            elif default and not names_unknown_agent(sentence):
                subjects, rules_extra = default, ["default-enforcer"]
        cross = cited_text(sentence)
        # (a part after a ；that names its own breach — 违反第（七）项规定 — does not take the cited articles of the
        # part before)
        cited = citations(sentence) or ([] if "违反" in sentence else cited_before)
        cited_before = cited
        sentence_rows: list[Row] = []
        for m in subjects:
            borrowed = (
                m in (inherited or [])
                or "default-enforcer" in rules_extra
                or "same-clause-enforcer" in rules_extra
                or "shared-subject" in rules_extra
                or "carried-enforcer" in rules_extra
            )
            after = sentence if borrowed else sentence[m.end :]
            own = after if borrowed else _own_predicate(sentence, m, subjects)
            # delegated-execution: in …公安机关对…消防工作实施监督管理，并由本级公安机关消防机构负责实施 the body that
            # carries the task out holds it as the body that was given it: its role is read from that body's predicate
            if m is not subjects[0] and _DELEGATED.search(sentence[: m.start]) and _EXECUTES.match(after):
                after = sentence[subjects[0].end :]
            for kind_id in m.kinds:
                kind = lexicon.kinds.get(kind_id)
                if kind is None:
                    continue
                decided = forced.get(m.start) or holder_role(
                    kind,
                    sentence,
                    own if not kind.state else after,
                    agent=bool(re.search(r"由(?:[^，。；由]{0,8}的)?$", sentence[: m.start])),
                )
                if kind.state and decided and not borrowed and RESPOND.search(sentence[m.start : m.end]):
                    decided = ("respond", "complaint-handling")  # 收到检举、控告的机关…查处: named by what it received
                if decided is None or (
                    decided
                    in (
                        ("supervise", "approval-target"),
                        ("supervise", "application-target"),
                        ("lead", "decision-target"),
                        ("enforce", "petition-target"),
                        ("assist", "consulted"),
                        ("supervise", "oversight-accepted"),
                        ("supervise", "consent-required"),
                        ("supervise", "permit-required"),
                        ("respond", "report-target"),
                    )
                    and (not kind.state or kind.id in SELF_GOVERNING)
                ):
                    continue  # approval-target, petition-target, consulted: only a public body's part counts
                role, rule = decided
                if rules_extra and rules_extra[0] in ("default-enforcer", "same-clause-enforcer", "carried-enforcer"):
                    role, rule = "enforce", "penalty-enforcer"
                if role == "enforce" and m not in enforcers:
                    enforcers.append(m)
                levels = m.levels if set(m.levels) <= set(kind.levels) and m.levels else kind.levels
                row = Row(
                    article.label,
                    locator,
                    kind_id,
                    levels,
                    role,
                    quote,
                    # (permit-required: the grantor's duty is the act it permits, the sentence that asks for it)
                    sentence[:DUTY_CHARS]
                    if rule == "permit-required"
                    else duty_text(after[head.end() :] if (head := UNIT_HEAD.match(after)) else after)
                    # (agent-by-由 closing its sentence: …绿化及其管理维护由河湖管理机构负责 says its duty before the body)
                    or duty_text(sentence),
                    penalty=own_penalty(
                        (duty_text(after) if rule == "penalty-decision" else "")
                        or penalty(after, rest_of_clause)
                        or penalty(sentence_source, "")
                        or (
                            duty_text(after)
                            if rule in ("enforcement-power", "penalty-decision", "coercive-measure")
                            else ""
                        ),
                        kind_id,
                        lexicon,
                    )
                    if role == "enforce"
                    else "",
                    rules=[
                        m.rule,
                        "subject-position",
                        *rules_extra,
                        rule,
                        *(["interpretation-clause"] if "负责解释" in sentence else []),
                        *(["unit-head"] if m.levels == ("unit",) and UNIT_HEAD.match(sentence[m.end :]) else []),
                        *(
                            ["permit-subject"]
                            if m.levels != ("unit",) and PERMIT_SUBJECT.match(sentence[m.end :])
                            else []
                        ),
                    ],
                    sanctions=cross if role == "enforce" else "",
                    cited=cited if role == "enforce" and kind.state else [],
                )
                sentence_rows.append(row)
        for row in sentence_rows:
            row.co_holders = [f"{o.holder_kind}:{o.role}" for o in sentence_rows if o.holder_kind != row.holder_kind]
        rows.extend(sentence_rows)
    return rows
