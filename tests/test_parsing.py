"""The cell syntaxes of FORMAT.md §1 and the name normalisation of §4, case by case."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from itemclean.model import Limit
from itemclean.normalize import is_empty_word, is_no_charge_word, norm_name, norm_title
from itemclean.parsing import (
    chinese_number,
    parse_basis,
    parse_citation,
    parse_fee_entry,
    parse_fees,
    parse_limit,
    parse_standard,
    split_citations,
    split_list,
    standard_of,
    strip_marker,
)
from itemclean.sheet import _materials, _scalar

EMPTY_WORDS = ["无", "暂无", "没有", "空", "（空）", "/", "／", "-", "—", "－", "–", "―", "——", "--", "－－", "—–―"]
NO_CHARGE_WORDS = ["免费", "不收费", "免收", "不收取"]


# --- empty words ---------------------------------------------------------------------------------


@pytest.mark.parametrize("word", EMPTY_WORDS)
def test_empty_word_is_an_empty_cell_in_every_column(word):
    assert is_empty_word(word)
    assert is_empty_word(f"  {word}\u3000")
    assert _scalar(word) == ""
    assert split_list(word) == []
    assert parse_basis(word) == []
    assert parse_fees(word) == []
    assert parse_limit(word).state == "empty"
    assert parse_limit(word).days is None


@pytest.mark.parametrize("word", NO_CHARGE_WORDS)
def test_no_charge_word_is_empty_in_fees_only(word):
    assert parse_fees(word) == []
    assert is_no_charge_word(word)
    assert not is_empty_word(word)
    # in any other column it is text like any other
    assert _scalar(word) == word
    assert split_list(word) == [word]
    assert [c.text for c in parse_basis(word)] == [word]
    assert parse_limit(word).state == "unparsed"


@pytest.mark.parametrize("word", ["无", "暂无", "/", "——"])
def test_empty_word_inside_a_longer_list_stays_an_entry(word):
    assert split_list(f"{word}\n营业执照") == [word, "营业执照"]
    assert split_list(f"1.营业执照；2.{word}") == ["营业执照", word]


@pytest.mark.parametrize("cell", ["1.不收费", "1、免费", "①无", "1.档案查询费|20元/次\n2.不收费"])
def test_fee_entry_that_is_only_a_no_charge_word_is_no_fee(cell):
    names = [f.name for f in parse_fees(cell)]
    assert names == (["档案查询费"] if "档案" in cell else [])


@pytest.mark.parametrize("cell", ["0", "0元", "0元/次", "1.0元/次", "0元|", "免费|"])
def test_fee_cell_of_a_zero_amount_is_no_fee(cell):
    expected = [("1.0元/次", "amount")] if cell.startswith("1.0") else []  # 1.0元 is one yuan, no marker
    assert [(f.name, parse_standard(f.name).kind) for f in parse_fees(cell)] == expected


def test_empty_word_in_text_column_is_not_emptied_when_part_of_text():
    assert _scalar("无需办理") == "无需办理"
    assert _scalar("- 见附件") == "- 见附件"


def test_single_empty_entry_is_an_empty_list():
    assert split_list("1.无") == []
    assert split_list("无；") == []
    assert _materials("无") == []


# --- separators and markers ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "sep", ["\n", "\r\n", "\r", "；", ";"], ids=["LF", "CRLF", "CR", "fullwidth-semicolon", "semicolon"]
)
def test_separator(sep):
    assert split_list(f"营业执照{sep}申请书{sep}身份证明") == ["营业执照", "申请书", "身份证明"]


def test_blank_entries_are_ignored():
    assert split_list("营业执照\n\n  \n；申请书;") == ["营业执照", "申请书"]


@pytest.mark.parametrize(
    "marker",
    [
        "1.",
        "1．",
        "1、",
        "1)",
        "1）",
        "(1)",
        "（1）",
        "12.",
        "１．",
        "１、",
        "（１）",
        "①",
        "⑩",
        "⑳",
        "⑴",
        "⒇",
        "一、",
        "十二、",
        "(一)",
        "（一）",
        "（十）",
    ],
)
def test_list_marker_is_stripped(marker):
    assert strip_marker(f"{marker}申请书") == "申请书"
    assert strip_marker(f"{marker} 申请书") == "申请书"
    assert split_list(f"{marker}申请书\n{marker}营业执照") == ["申请书", "营业执照"]


@pytest.mark.parametrize(
    "entry",
    [
        "1.5米以上的广告牌",
        "１．５米",
        "a)申请书",
        "A.申请书",
        "a.申请书",
        "i.申请书",
        "I、申请书",
        "-申请书",
        "*申请书",
        "·申请书",
        "第一、申请书",
        "2寸照片",
        "2019年度报告",
        "〔2016〕72号",
    ],
)
def test_non_marker_is_kept(entry):
    assert strip_marker(entry) == entry
    assert split_list(entry) == [entry]


def test_nested_markers_are_all_stripped():
    assert strip_marker("一、1.申请书") == "申请书"
    assert strip_marker("（一）①营业执照") == "营业执照"


# --- citations -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "entry,instruments",
    [
        ("《A》第十条、《B》第五条", ["A", "B"]),
        ("《A》和《B》", ["A", "B"]),
        ("《A》《B》（国发〔2016〕72号）", ["A", "B"]),
        ("《中华人民共和国食品安全法》第三十五条", ["中华人民共和国食品安全法"]),
    ],
    ids=["joined-by-comma", "joined-by-and", "adjacent-with-doc-number", "single"],
)
def test_citation_splitting(entry, instruments):
    assert [parse_citation(p).instrument for p in split_citations(entry)] == instruments
    assert [c.instrument for c in parse_basis(entry)] == instruments


def test_citation_split_keeps_each_piece_whole():
    assert split_citations("《A》第十条、《B》第五条") == ["《A》第十条、", "《B》第五条"]
    assert split_citations("《A》《B》（国发〔2016〕72号）") == ["《A》", "《B》（国发〔2016〕72号）"]
    cits = parse_basis("《A》第十条、《B》第五条")
    assert [c.article for c in cits] == ["第十条", "第五条"]


def test_text_before_first_mark_stays_with_first_citation():
    assert split_citations("依据《A》第三条及《B》第四条") == ["依据《A》第三条及", "《B》第四条"]
    first = parse_citation("依据《A》第三条及")
    assert (first.instrument, first.article) == ("A", "第三条")


@pytest.mark.parametrize(
    "entry,title",
    [
        ("《江岭省实施〈水土保持法〉办法》第八条", "江岭省实施〈水土保持法〉办法"),
        ("《江岭省实施《水土保持法》办法》第八条", "江岭省实施《水土保持法》办法"),
    ],
    ids=["angle-marks", "book-marks"],
)
def test_nested_title_is_one_instrument(entry, title):
    assert split_citations(entry) == [entry]
    c = parse_citation(entry)
    assert (c.instrument, c.article) == (title, "第八条")
    assert norm_title(c.instrument) == norm_title("江岭省实施〈水土保持法〉办法")


def test_unmatched_opening_mark_is_no_title():
    assert split_citations("《行政许可法第十条") == ["《行政许可法第十条"]
    c = parse_citation("《行政许可法第十条")
    assert c.instrument is None and c.text == "《行政许可法第十条"
    assert [x.instrument for x in parse_basis("《A第三条、《B》第五条")] == [None, "B"]


@pytest.mark.parametrize("text", ["行政许可法第十条", "国发〔2016〕72号", "食品安全法"])
def test_citation_without_marks_has_no_instrument(text):
    c = parse_citation(text)
    assert c.instrument is None and c.article is None and c.text == text


@pytest.mark.parametrize(
    "entry,article",
    [
        ("《A》第10条", "第10条"),
        ("《A》第１０条", "第１０条"),
        ("《A》第三十五条", "第三十五条"),
        ("《A》第一百零五条", "第一百零五条"),
        ("《A》第二十条第一款", "第二十条"),
        ("《A》第二章第十二条第三项", "第十二条"),
        ("《A》 第 5 条", "第 5 条"),
        ("《A》第一款", None),
        ("《A》第三项", None),
        ("《A》", None),
        ("第十条《A》", None),
        ("《A第十条》", None),
    ],
    ids=lambda v: v or "none",
)
def test_article(entry, article):
    assert parse_citation(entry).article == article


def test_basis_cell_with_markers_and_lines():
    cell = "1.《中华人民共和国行政许可法》第十二条\n2、《江岭省实施〈水土保持法〉办法》第八条；依据国发〔2016〕72号"
    cits = parse_basis(cell)
    assert [c.instrument for c in cits] == ["中华人民共和国行政许可法", "江岭省实施〈水土保持法〉办法", None]
    assert cits[0].text == "《中华人民共和国行政许可法》第十二条"


# --- fee entries ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "entry,parts",
    [
        ("档案查询费|20元/次|发改价格〔2015〕1号", ("档案查询费", "20元/次", "发改价格〔2015〕1号")),
        ("档案查询费｜20元/次｜发改价格〔2015〕1号", ("档案查询费", "20元/次", "发改价格〔2015〕1号")),
        ("档案查询费|20元/次|", ("档案查询费", "20元/次", "")),
        ("档案查询费|20元/次", ("档案查询费", "20元/次", "")),
        ("档案查询费", ("档案查询费", "", "")),
        (" 档案查询费 | 20元/次 | 依据 ", ("档案查询费", "20元/次", "依据")),
        ("1.档案查询费|20元/次", ("档案查询费", "20元/次", "")),
        ("证书工本费|10元|a|b", ("证书工本费", "10元", "a|b")),
    ],
    ids=[
        "half-width-bar",
        "full-width-bar",
        "empty-basis",
        "no-basis",
        "name-only",
        "spaces",
        "marker",
        "bar-in-basis",
    ],
)
def test_fee_entry(entry, parts):
    f = parse_fee_entry(entry)
    assert (f.name, f.standard, f.basis) == parts


def test_fee_entry_without_name():
    f = parse_fee_entry("|20元/次|")
    assert f is not None and f.name == "" and f.standard == "20元/次"


@pytest.mark.parametrize(
    "text,kind,low,high,unit",
    [
        ("80元/件", "amount", "80", "80", "件"),
        ("100元", "amount", "100", "100", None),
        ("12.5元/页", "amount", "12.5", "12.5", "页"),
        ("20", "amount", "20", "20", None),
        ("２０元", "amount", "20", "20", None),
        ("80 元 / 件", "amount", "80", "80", "件"),
        ("50-100元/次", "range", "50", "100", "次"),
        ("50～100元", "range", "50", "100", None),
        ("50~100元", "range", "50", "100", None),
        ("50元至100元", "range", "50", "100", None),
        ("50-100", "range", "50", "100", None),
        ("0", "free", "0", "0", None),
        ("0元", "free", "0", "0", None),
        ("0元/次", "free", "0", "0", "次"),
        ("0.00元", "free", "0", "0", None),
        ("免费", "free", None, None, None),
        ("不收费", "free", None, None, None),
        ("免收", "free", None, None, None),
        ("不收取", "free", None, None, None),
        ("", "none", None, None, None),
        ("按规定标准收取", "text", None, None, None),
        ("每件80元", "text", None, None, None),
        ("按成本收取", "text", None, None, None),
    ],
)
def test_fee_standard(text, kind, low, high, unit):
    s = parse_standard(text)
    assert s.kind == kind
    assert s.low == (None if low is None else Decimal(low))
    assert s.high == (None if high is None else Decimal(high))
    assert s.unit == unit


def test_fee_list_cell():
    fees = parse_fees("1.档案查询费|20元/次|\n2、证书工本费｜10元；复印费")
    assert [(f.name, f.standard) for f in fees] == [("档案查询费", "20元/次"), ("证书工本费", "10元"), ("复印费", "")]
    assert standard_of(fees[0]).kind == "amount" and standard_of(fees[2]).kind == "none"


# --- time limits ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,days",
    [
        ("即办", 0),
        (" 即办 ", 0),
        ("20个工作日", 20),
        ("20工作日", 20),
        ("20日", 20),
        ("20天", 20),
        ("20", 20),
        ("２０个工作日", 20),
        ("２０", 20),
        ("二十个工作日", 20),
        ("两个工作日", 2),
        ("十五天", 15),
        ("十日", 10),
        ("一百零五日", 105),
        ("20 个工作日", 20),
        ("二十 个工作日", 20),
        ("0", 0),
        ("0个工作日", 0),
        ("零个工作日", 0),
    ],
)
def test_limit_days(text, days):
    lim = parse_limit(text)
    assert (lim.days, lim.state, lim.text) == (days, "days", text.strip())
    assert lim.known


@pytest.mark.parametrize("text", ["0", "0个工作日", "0工作日", "0日", "0天", "０", "零天"])
def test_zero_days_is_immediate(text):
    lim, immediate = parse_limit(text), parse_limit("即办")
    assert (lim.days, lim.state, lim.known) == (immediate.days, immediate.state, immediate.known) == (0, "days", True)


@pytest.mark.parametrize("text", ["视情况而定", "1.5", "1.5个工作日", "5-7个工作日", "20个月", "三至五日", "-5"])
def test_limit_unparsed_is_kept(text):
    lim = parse_limit(text)
    assert (lim.text, lim.days, lim.state) == (text, None, "unparsed")
    assert not lim.known


@pytest.mark.parametrize("value", [None, "", "   ", "无", "——"])
def test_limit_empty_is_unknown(value):
    lim = parse_limit(value)
    assert lim.days is None and lim.state == "empty"


def test_limit_from_json_number():
    assert parse_limit(20) == Limit("20", 20, "days")
    assert parse_limit(0).days == 0
    assert parse_limit(-1).state == "unparsed"


# --- names (FORMAT.md §4) ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "a,b",
    [
        ("ＡＢＣ１２３", "ABC123"),
        ("食品经营许可（县级）", "食品经营许可(县级)"),
        ("食品 经营\u3000许可\n", "食品经营许可"),
        ("《食品经营许可证》", "食品经营许可证"),
        (" 《食品经营许可证》 ", "食品经营许可证"),
    ],
    ids=["nfkc-letters-digits", "nfkc-brackets", "white-space", "outer-marks", "outer-marks-spaced"],
)
def test_names_compare_equal(a, b):
    assert norm_name(a) == norm_name(b)


@pytest.mark.parametrize(
    "a,b",
    [
        ("abc", "ABC"),
        ("食品经营许可", "食品經營許可"),
        ("《A》和《B》", "A》和《B"),
        ("江岭省实施《水土保持法》办法", "江岭省实施〈水土保持法〉办法"),
    ],
    ids=["case", "traditional", "two-titles", "inner-marks-outside-titles"],
)
def test_names_compare_different(a, b):
    assert norm_name(a) != norm_name(b)


def test_inner_marks_equal_in_titles_only():
    assert norm_title("江岭省实施《水土保持法》办法") == norm_title("江岭省实施〈水土保持法〉办法")
    assert norm_title("《江岭省实施〈水土保持法〉办法》") == norm_title("江岭省实施《水土保持法》办法")
    assert norm_title("中华人民共和国 行政许可法") == norm_title("中华人民共和国行政许可法")


# --- properties ----------------------------------------------------------------------------------

_CELL_CHARS = st.sampled_from(
    list("无空暂没有/／-—－–―()（）《》〈〉、.．)）①⑳⑴一二十0123456789１２ 申请书营业执照abc\n\r；;|｜\u3000\t")
)
cells = st.one_of(st.text(_CELL_CHARS, max_size=40), st.text(max_size=40))


@given(cells)
@settings(max_examples=600)
def test_split_list_never_returns_blank_entries(cell):
    assert all(e.strip() for e in split_list(cell))


@given(cells)
@settings(max_examples=600)
def test_split_list_is_idempotent(cell):
    entries = split_list(cell)
    assert split_list("\n".join(entries)) == entries


def _chinese(n: int) -> str:
    """Reference formatter: 0 零, 10 十, 15 十五, 105 一百零五, 1010 一千零一十, 9999 九千九百九十九."""
    digits = "零一二三四五六七八九"
    if n == 0:
        return "零"
    out, gap = "", False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // value % 10
        if d == 0:
            gap = bool(out)
            continue
        out += ("零" if gap else "") + digits[d] + unit
        gap = False
    return out[1:] if out.startswith("一十") else out


@given(st.integers(0, 9999))
@settings(max_examples=1000)
def test_chinese_number_agrees_with_reference(n):
    assert chinese_number(_chinese(n)) == n
    if 10 <= n <= 19:
        assert chinese_number("一" + _chinese(n)) == n


def test_chinese_number_all_of_0_to_9999():
    assert [chinese_number(_chinese(n)) for n in range(10_000)] == list(range(10_000))


@pytest.mark.parametrize("text", ["二三", "十十", "百千", "二十零", "零五", "abc", ""])
def test_chinese_number_rejects_non_numerals(text):
    assert chinese_number(text) is None


@given(st.integers(0, 10**6))
def test_parse_limit_of_working_days(n):
    assert parse_limit(f"{n}个工作日").days == n


@given(st.integers(0, 9999))
def test_parse_limit_of_chinese_working_days(n):
    assert parse_limit(f"{_chinese(n)}个工作日").days == n
