"""How a clause cites its own text's articles: one reading for the regulation reader and the answers."""

from graph.citations import article_number, citations, cited_text, cn_number, cn_numeral


def test_chinese_numerals_round_trip() -> None:
    assert [cn_number(s) for s in ("一", "十", "十五", "二十", "一百", "一百零二", "一百一十")] == [
        1,
        10,
        15,
        20,
        100,
        102,
        110,
    ]
    assert all(cn_number(cn_numeral(n)) == n for n in range(1, 200))


def test_citations_read_lists_ranges_and_narrowing() -> None:
    """The citation forms of penalty clauses: a list, a 款 narrowing its article, a range of articles or of items."""
    assert citations("违反本规定第十八条第二款、第二十三条规定，构成违反治安管理行为的") == [
        (18, 0, 2, None),
        (23, 0, None, None),
    ]
    assert citations("有本条例第十条至第十二条规定情形之一的") == [
        (10, 0, None, None),
        (11, 0, None, None),
        (12, 0, None, None),
    ]
    assert citations("违反本条例第六十五条第（一）项至第（三）项规定") == [
        (65, 0, None, 1),
        (65, 0, None, 2),
        (65, 0, None, 3),
    ]
    assert citations("未按照本条例第二十条第一款规定") == [(20, 0, 1, None)]
    # the same text's article cited without 本规定 (烟花爆竹安全管理规定 第十八条第（一）项)
    assert citations("（一）违反第十条第二款规定，携带、燃放的烟花爆竹不符合本市公布的规格和品种的") == [
        (10, 0, 2, None)
    ]
    # another law's article is not this text's
    assert citations("违反《中华人民共和国消防法》第二十一条规定") == []


def test_the_note_keeps_the_citation_as_written_and_labels_read_back() -> None:
    assert cited_text("有本条例第四十一条第二款第（五）项规定情形的，由城市管理综合执法部门责令限期改正") == (
        "第四十一条第二款第（五）项"
    )
    assert cited_text("由公安机关责令改正") == ""
    assert [article_number(x) for x in ("第三十五条", "第二十条之一", "一")] == [(35, 0), (20, 1), None]
