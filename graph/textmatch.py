"""Name search (areas, bodies, teams): BM25 over character bigrams; duty texts use graph/matcher.py.

Chinese has no spaces, so words are not given; overlapping character bigrams catch most
two-character words (养犬, 登记, 消防, 通道) without a segmenter's dictionary, and BM25
weighs rare bigrams above common ones. Latin words and digits count as whole tokens.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_WORD = re.compile(r"[A-Za-z0-9]+")


def tokens(text: str) -> list[str]:
    """Character bigrams of each run of Chinese (a lone character stands alone), plus Latin words."""
    out: list[str] = []
    for run in _CJK.findall(text):
        if len(run) == 1:
            out.append(run)
        else:
            out.extend(run[i : i + 2] for i in range(len(run) - 1))
    out.extend(w.lower() for w in _WORD.findall(text))
    return out


@dataclass
class Index:
    """A BM25 index over weighted fields of documents."""

    k1: float = 1.2
    b: float = 0.75
    _docs: dict[str, dict[str, float]] = field(default_factory=dict)
    _lengths: dict[str, float] = field(default_factory=dict)
    _df: Counter[str] = field(default_factory=Counter)
    _postings: dict[str, list[str]] = field(default_factory=dict)

    def add(self, doc_id: str, fields: list[tuple[str, float]]) -> None:
        """Index a document given as (text, weight) pairs; weights repeat a field's tokens."""
        tf: defaultdict[str, float] = defaultdict(float)
        for text, weight in fields:
            for tok in tokens(text):
                tf[tok] += weight
        self._docs[doc_id] = tf
        self._lengths[doc_id] = sum(tf.values())
        for tok in tf:
            self._df[tok] += 1
            self._postings.setdefault(tok, []).append(doc_id)

    def __len__(self) -> int:
        return len(self._docs)

    def search(self, query: str, limit: int = 10, min_ratio: float = 0.0) -> list[tuple[str, float]]:
        """Best documents first; min_ratio drops those scoring under that share of the best."""
        q = list(dict.fromkeys(tokens(query)))
        if not q or not self._docs:
            return []
        n = len(self._docs)
        avg = sum(self._lengths.values()) / n
        scores: defaultdict[str, float] = defaultdict(float)
        for tok in q:
            df = self._df.get(tok, 0)
            if not df:
                continue
            idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
            for doc in self._postings[tok]:
                f = self._docs[doc][tok]
                norm = self.k1 * (1 - self.b + self.b * self._lengths[doc] / avg)
                scores[doc] += idf * f * (self.k1 + 1) / (f + norm)
        if not scores:
            return []
        best = max(scores.values())
        ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
        return [(doc, round(score, 4)) for doc, score in ranked if score >= best * min_ratio][:limit]
