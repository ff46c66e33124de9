"""The sheet-format chapter of the manual says what the program does: each example cell it gives, in Chinese
and in English, reads as the page says it does, and every header the importer accepts is on the page."""

from __future__ import annotations

from decimal import Decimal

import pytest
from conftest import ROOT

from itemclean.model import HEADERS
from itemclean.normalize import is_empty_word
from itemclean.parsing import parse_basis, parse_fees, parse_limit, parse_standard, split_list, strip_marker

PAGES = {lang: (ROOT / "docs" / lang / "format.md").read_text(encoding="utf-8") for lang in ("zh", "en")}


def on_pages(*examples: str) -> None:
    for lang, page in PAGES.items():
        for e in examples:
            assert f"`{e.replace('|', chr(92) + '|')}`" in page or f"`{e}`" in page, f"{lang}/format.md lacks `{e}`"


@pytest.mark.parametrize("lang", PAGES)
def test_every_header_the_importer_accepts_is_on_the_page(lang):
    for key, names in HEADERS.items():
        assert f"`{key}`" in PAGES[lang]
        for name in names:
            assert name in PAGES[lang], f"{lang}/format.md lacks the header {name}"


LIMITS = [
    ("即办", 0),
    ("20个工作日", 20),
    ("20工作日", 20),
    ("20日", 20),
    ("20天", 20),
    ("20", 20),
    ("二十个工作日", 20),
    ("十五日", 15),
    ("两天", 2),
    ("一百零五个工作日", 105),
    ("２０个工作日", 20),
    ("20 个 工作日", 20),
    ("即 办", 0),
    ("0个工作日", 0),
    ("0", 0),
    ("视情况而定", None),
    ("3.5天", None),
    ("5-7个工作日", None),
    ("二三天", None),
]


@pytest.mark.parametrize("text,days", LIMITS)
def test_time_limits(text, days):
    on_pages(text)
    limit = parse_limit(text)
    assert limit.days == days
    assert limit.state == ("unparsed" if days is None else "days")


MARKERS = [
    "1.申请书",
    "2、申请书",
    "3）申请书",
    "(1)申请书",
    "（1）申请书",
    "①申请书",
    "⑴申请书",
    "一、申请书",
    "(一)申请书",
    "（一）申请书",
    "1 .申请书",
    "（ 1 ）申请书",
    "二 、申请书",
    "1. 申请书",
    "一、 申请书",
    "一、1.申请书",
]


@pytest.mark.parametrize("entry", MARKERS)
def test_list_markers_are_stripped(entry):
    on_pages(entry)
    assert strip_marker(entry) == "申请书"


def test_a_decimal_is_no_marker():
    on_pages("1.5米高度证明")
    assert strip_marker("1.5米高度证明") == "1.5米高度证明"


@pytest.mark.parametrize("cell", ["申请书\n营业执照", "申请书；营业执照", "申请书;营业执照"])
def test_list_separators(cell):
    assert split_list(cell) == ["申请书", "营业执照"]


@pytest.mark.parametrize(
    "word", ["无", "暂无", "没有", "空", "（空）", "/", "／", "—", "——", "-", "－", "–", "―", "《无》", "　无", " 无 "]
)
def test_empty_words(word):
    on_pages(word)
    assert is_empty_word(word)


def test_empty_words_in_lists():
    on_pages("1.无；2.——", "申请书；无")
    assert split_list("无") == [] and split_list("1.无；2.——") == []
    assert split_list("申请书；无") == ["申请书", "无"]
    assert parse_fees("1.不收费") == [] and parse_fees("0元") == []


@pytest.mark.parametrize("word", ["免费", "不收费", "免收", "不收取", "0", "0元", "0元/次"])
def test_no_charge_words(word):
    on_pages(word)
    assert parse_fees(word) == []
    assert parse_fees(f"1、{word}；档案查询费") == parse_fees("档案查询费")


CITATIONS = [
    ("《中华人民共和国食品安全法》第三十五条", [("中华人民共和国食品安全法", "第三十五条")]),
    ("《A》第十条、《B》第五条", [("A", "第十条"), ("B", "第五条")]),
    ("《A》和《B》", [("A", None), ("B", None)]),
    ("《A》《B》（国发〔2016〕72号）", [("A", None), ("B", None)]),
    ("依据《A》第十条", [("A", "第十条")]),
    ("《江岭省实施〈水土保持法〉办法》第五条", [("江岭省实施〈水土保持法〉办法", "第五条")]),
    ("《江岭省实施《水土保持法》办法》第五条", [("江岭省实施《水土保持法》办法", "第五条")]),
    ("《A》第五条第二款", [("A", "第五条")]),
    ("《A》第12条", [("A", "第12条")]),
    ("依据道路运输条例第二十四条", [(None, None)]),
    ("…规定的《道路运输经营许可证》", [("道路运输经营许可证", None)]),
]


@pytest.mark.parametrize("cell,expected", CITATIONS)
def test_citations(cell, expected):
    on_pages(cell)
    assert [(c.instrument, c.article) for c in parse_basis(cell)] == expected


def test_text_before_the_first_title_stays_with_the_first_citation():
    assert [c.text for c in parse_basis("依据《A》第十条、《B》第五条")] == ["依据《A》第十条、", "《B》第五条"]


FEES = [
    ("不动产登记费|80元/件|发改价格规〔2016〕2559号", ("不动产登记费", "80元/件", "发改价格规〔2016〕2559号")),
    ("档案查询费|20元/次|", ("档案查询费", "20元/次", "")),
    ("档案查询费", ("档案查询费", "", "")),
    ("考试考务费|50元/人|无", ("考试考务费", "50元/人", "")),
]


@pytest.mark.parametrize("cell,expected", FEES)
def test_fee_entries(cell, expected):
    on_pages(cell)
    [fee] = parse_fees(cell)
    assert (fee.name, fee.standard, fee.basis) == expected


def test_a_fee_basis_that_is_an_empty_word_is_missing():
    [fee] = parse_fees("考试考务费|50元/人|无")
    assert is_empty_word(fee.basis)


STANDARDS = [
    ("80元/件", "amount", "80", "80", "件"),
    ("100元", "amount", "100", "100", None),
    ("100", "amount", "100", "100", None),
    ("150/副", "amount", "150", "150", "副"),
    ("50-100元/次", "range", "50", "100", "次"),
    ("50～100元", "range", "50", "100", None),
    ("50元至100元", "range", "50", "100", None),
    ("50元-100/人", "range", "50", "100", "人"),
    ("免费", "free", None, None, None),
    ("按规定标准收取", "text", None, None, None),
]


@pytest.mark.parametrize("text,kind,low,high,unit", STANDARDS)
def test_fee_standards(text, kind, low, high, unit):
    on_pages(text)
    s = parse_standard(text)
    assert s.kind == kind
    if low is not None:
        assert (s.low, s.high, s.unit) == (Decimal(low), Decimal(high), unit)
