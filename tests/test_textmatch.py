"""Chinese free-text matching: bigrams, BM25 weighting, colloquial wording."""

from graph.textmatch import Index, tokens


def test_tokens_are_bigrams_and_latin_words() -> None:
    assert tokens("养犬登记 12345热线") == ["养犬", "犬登", "登记", "热线", "12345"]
    assert tokens("犬") == ["犬"]


def test_rare_bigrams_outweigh_common_ones() -> None:
    idx = Index()
    idx.add("a", [("查处擅自摆摊设点的行为", 1.0)])
    idx.add("b", [("查处违法吸烟的行为", 1.0)])
    idx.add("c", [("查处乱倒垃圾的行为", 1.0)])
    hits = idx.search("查处摆摊")
    assert hits[0][0] == "a"
    assert hits[0][1] > hits[1][1]


def test_min_ratio_cuts_weak_matches() -> None:
    idx = Index()
    idx.add("strong", [("消防通道堵塞", 1.0)])
    idx.add("weak", [("通道", 1.0)])
    assert [d for d, _ in idx.search("消防通道堵塞", min_ratio=0.75)] == ["strong"]


def test_no_match() -> None:
    idx = Index()
    idx.add("a", [("养犬", 1.0)])
    assert idx.search("hello") == []
