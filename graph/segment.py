"""Chinese words for matching: jieba's dictionary plus our own terms, minus words that carry no subject.

jieba (pinned; its dictionary ships in the package, nothing is downloaded) segments the text;
`cut_for_search` also yields the shorter words inside a long one, so 垃圾分类 meets 生活垃圾分类.
The user words (duty domains, holder names, the lexicon's terms) keep the law's compounds whole.
Stop words and incidental tokens (numbers, months, money, times, generic verbs) are dropped so that
they can never make a match on their own.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterable

import jieba
import opencc

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_TOKEN = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaffA-Za-z0-9]+$")
_NUMERAL = "0-9０-９零〇一二三四五六七八九十百千万亿两几半数多"
_UNIT = (
    "个余多年月日号天周次岁元块角毛层楼栋幢户人名家辆米斤回遍倍点时分秒期只条棵件张把根座间台部拨群堆箱袋片排段些趟圈"
)
# A count, a date, a sum of money or a time: '3', '三个月', '200元', '10点', '五楼'.
_INCIDENTAL = re.compile(rf"^[{_NUMERAL}.．%]+[{_UNIT}]*(?:小时|分钟|个月|星期|礼拜|万元|公里|平米)?$")

# Words of speech and of legal boilerplate that say nothing about the subject of a complaint.
STOP_WORDS = frozenset(
    """
    我 我们 我家 咱们 你们 他们 她们 它们 有人 别人 人家 大家 自己 这个 那个 这些 那些 这里 那里 这边 那边 这儿 那儿
    现在 目前 以后 以前 之后 之前 今天 昨天 前天 明天 最近 近期 每天 天天 每晚 每次 经常 总是 一直 已经 还是 仍然 多次 好几次 几次 反复
    长期 常年 长年 根本 真正 一带 中间 第二 存在 显示 似的 任何 结果 出门 地区 单元 正常 现象
    就是 然后 不是 咋办 这种 那种 听说 反正 其实 感觉 好像 估计 可能 到底 究竟 简直 实在 真是 确实 老是 怎么办 咋 啥
    早上 上午 中午 下午 晚上 夜里 半夜 凌晨 白天 夜间 周末 小时 分钟 时候 时间 期间 左右 月份 年份 星期 礼拜
    反映 投诉 举报 来电 致电 市民 群众 居民 本人 希望 要求 请求 诉求人 帮忙 帮助 尽快 赶紧 马上 立即 及时
    解决 处理 问题 情况 事情 事儿 没有 没人 没人管 不管 管管 一下 非常 特别 严重 十分 比较 影响 导致 造成 发现 看到
    知道 觉得 认为 应该 可以 能够 无法 不能 不让 只能 只好 只得 不得不 这么 那么 这样 那样 怎么 为什么 什么 如何 是否 哪里 哪个 谁 多少 还有 而且 但是 因为 所以
    部门 相关 有关 相关部门 有关部门 政府 领导 工作人员 单位 地方 附近 周边 门口 旁边 对面 楼下 楼上 隔壁
    应当 依法 依照 按照 规定 本条例 条例 本市 负责 进行 开展 做好 工作 根据 需要 其他 以上 以下 之日起 予以 给予
    的 了 在 是 和 与 及 或 或者 等 也 都 就 还 又 很 太 被 把 让 给 对 从 到 向 由 将 为 有 无 不 没 吗 呢 吧 啊 呀
    起来 出来 进来 进去 出去 过来 过去 下来 下去 上来 上去 回来 回去
    你好 您好 喂 请问 麻烦 麻烦您 谢谢 谢谢您 感谢 多谢 辛苦 辛苦了 您 你 嗯 哎 唉 哈哈
    """.split()
)

# Figures of speech made of a matter's word (rule `figure-of-speech`): 心里直打鼓 is worry, not a drum (打鼓, noise);
# 憋着火 is anger, not a fire (着火). Kept whole by the tokenizer and dropped like stop words, so their parts never
# match (found by the stop-28 routing probes).
FIGURES = frozenset("心里打鼓 直打鼓 打退堂鼓 憋着火 窝着火".split())

# Rule `misleading-inner-word`: a law's compound kept whole whose inner dictionary word means something else: 出租车位 (a
# parking space let out, 物业管理条例 第九十九条) is no 出租车 (a taxi), which jieba cut out of 违法出租车位处 and so
# sent taxi complaints to the housing department (nine routing probes).
MISLEADING_INNER = {"出租车位": frozenset({"出租车", "租车"})}

# Rule `narrow-letters`: full-width Latin letters and digits, as an input method in full-width mode types them
# (ＫＴＶ, ４Ｓ店), are read as their narrow forms; full-width punctuation stays, since sentences are split on it.
_NARROW = str.maketrans(
    {chr(c): chr(c - 0xFEE0) for c in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B))}
)
# Rule `simplified-script`: a complaint typed in traditional characters (樓上鄰居音響開得很大聲, as a Hong Kong or Taiwan
# resident or a traditional input method writes) is read in the simplified script the laws and the lexicon use. OpenCC's
# t2s conversion leaves simplified text as it is: over every probe complaint and every duty text and quote it changed
# only characters that exist in traditional script alone.
_SIMPLIFIED = opencc.OpenCC("t2s")
_NAME_TAGS = frozenset({"ns", "nr", "nt", "nz"})  # jieba's tags of place, person, organisation and other names
_LOCK = threading.Lock()
_TOKENIZERS: dict[frozenset[str], jieba.Tokenizer] = {}


# Where a clause of a complaint ends: a span read aside (a denial, a private party's refusal) never runs over one.
CLAUSE_BREAKS = "，,；;。！!？?\n "


def set_aside(text: str, spans: Iterable[tuple[int, int]]) -> tuple[tuple[str, ...], str]:
    """The spans' text, and the text with each span blanked to a comma, so that the words said outside them can be told
    from the words said only inside (rules `ruled-out`, `private-refusal`) or the spans left unread (graph/pasted.py:
    `operator-turns`, `form-fields`). Spans are in order and do not overlap."""
    said, rest, last = [], [], 0
    for start, end in spans:
        said.append(text[start:end])
        rest += [text[last:start], "，"]
        last = end
    return tuple(said), "".join([*rest, text[last:]])


def narrow(text: str) -> str:
    """The text in simplified script, with full-width letters and digits in their narrow forms (rule
    `narrow-letters`)."""
    return simplified(text.translate(_NARROW))


def simplified(text: str) -> str:
    """The text in simplified script (rule `simplified-script`)."""
    converted: str = _SIMPLIFIED.convert(text)
    return converted


def _is_cjk(word: str) -> bool:
    return bool(_CJK.search(word))


class Segmenter:
    """One jieba tokenizer with our user words, built once per set of words (jieba's own cache makes it cheap)."""

    def __init__(self, user_words: Iterable[str], keep_single: Iterable[str] = ()) -> None:
        self.user_words = frozenset(w for w in user_words if w and not w.isspace())
        self.keep_single = frozenset(keep_single)
        self._longest = max(map(len, self.user_words), default=0)  # no part is longer than the longest user word

    def _ready(self) -> jieba.Tokenizer:
        """The process's tokenizer for these user words: loading jieba's dictionary takes a second or two."""
        with _LOCK:
            tokenizer = _TOKENIZERS.get(self.user_words)
            if tokenizer is None:
                jieba.setLogLevel(logging.WARNING)
                tokenizer = jieba.Tokenizer()
                tokenizer.initialize()
                for word in sorted(self.user_words | FIGURES):
                    tokenizer.add_word(word)
                for word in MISLEADING_INNER:
                    tokenizer.add_word(word)
                    tokenizer.suggest_freq(word, tune=True)  # so that jieba cuts it whole (违法出租车位处)
                _TOKENIZERS.clear()  # a reload with other duties replaces it
                _TOKENIZERS[self.user_words] = tokenizer
            return tokenizer

    def analyse(self, text: str) -> tuple[list[str], list[str]]:
        """(words, character bigrams) of a text's informative words, repeats kept (term frequency counts them).

        Words are jieba's precise cut plus the dictionary words of two and three characters inside a longer
        one (what jieba's search mode adds); bigrams, marked '~', are taken inside each whole word only, so
        a pair of characters spanning two words (个月 in 三个月了) is never a term.
        """
        words: list[str] = []
        grams: list[str] = []
        for word, parts in self.groups(text):
            words.extend(parts)
            words.append(word)
            if _is_cjk(word):
                grams.extend("~" + word[i : i + 2] for i in range(len(word) - 1))
        return words, grams

    def groups(self, text: str) -> list[tuple[str, tuple[str, ...]]]:
        """Each informative word of jieba's precise cut with the dictionary words inside it (公共场所: 公共, 场所)."""
        tokenizer = self._ready()
        out: list[tuple[str, tuple[str, ...]]] = []
        for raw in tokenizer.cut(text, HMM=False):
            word = raw.strip().lower()
            if not self.informative(word):
                continue
            parts: list[str] = []
            misleading = MISLEADING_INNER.get(word, frozenset())
            for n in range(2, min(len(word), max(self._longest, 3) + 1)):
                # dictionary words of two or three characters, and our own longer terms (养犬登记 in 养犬登记证)
                parts.extend(
                    part
                    for part in (word[i : i + n] for i in range(len(word) - n + 1))
                    if (part in self.user_words if n > 3 else tokenizer.FREQ.get(part))
                    and self.informative(part)
                    and part not in misleading
                )
            out.append((word, tuple(parts)))
        return out

    @staticmethod
    def common_word(word: str) -> bool:
        """A word jieba's dictionary tags as a common word (平房 n, 建设 vn), not as a name (潞城 ns, 呼家楼 nr)."""
        import jieba.posseg  # its tag table loads with it (a quarter of a second): only when places are read

        tag = jieba.posseg.dt.word_tag_tab.get(word)
        return tag is not None and tag not in _NAME_TAGS

    def informative(self, word: str) -> bool:
        """False for punctuation, stop words, counts, dates, sums and times, and words made of stop words only."""
        if word in STOP_WORDS or word in FIGURES:
            return False
        if word in self.keep_single or word in self.user_words:  # our own terms, 12345 included
            return True
        if not _TOKEN.match(word) or _INCIDENTAL.match(word):
            return False
        if len(word) >= 4 and all(_stop_or_incidental(h) for h in (word[:2], word[2:])):
            return False
        return len(word) >= 2


def _stop_or_incidental(word: str) -> bool:
    return word in STOP_WORDS or bool(_INCIDENTAL.match(word))
