"""FORMAT.md §1 as amended on 2026-12-03, sentence by sentence: input cell → entries, parsed standard,
limit, and the findings the audit gives on an item read from a sheet holding that cell.

The findings go through the real reader and audit: one CSV row (a clean item with the cell put in)
audited with the shipped reference and only the rule in question.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from decimal import Decimal

import pytest
from conftest import header
from hypothesis import given, settings
from hypothesis import strategies as st

from itemclean.audit import audit_file
from itemclean.model import FIELDS
from itemclean.normalize import is_empty_word, is_no_charge_word, norm_name
from itemclean.parsing import (
    is_empty_fees,
    parse_basis,
    parse_fees,
    parse_limit,
    parse_standard,
    split_list,
    standard_of,
)
from itemclean.paths import default_reference
from itemclean.rules import load_reference
from itemclean.sheet import is_empty_cell

AS_OF = dt.date(2026, 12, 1)
KEYS = [k for k in FIELDS if k != "notes"]
HEADER = header(KEYS)
CLEAN = {
    "code": "001001",
    "name": "取水许可",
    "department": "县水利局",
    "category": "行政许可",
    "basis": "《中华人民共和国水法》第七条",
    "materials": "申请书\n水资源论证报告",
    "procedure": "受理、审查、决定",
    "statutory_limit": "20个工作日",
    "promised_limit": "10个工作日",
    "fees": "",
}

# FORMAT.md §1 "Empty cells": the words of every column, and the fees column's own.
EMPTY_WORDS = ["无", "暂无", "没有", "空", "（空）", "/", "／", "-", "—", "－", "–", "―", "——", "－－", "—–―"]
NORMALISED_EMPTY = ["《无》", "　无", "无　", " 无 ", "《——》", "《 暂无 》", "(空)", "（ 空 ）", "《/》"]
FEES_EMPTY = ["免费", "不收费", "免收", "不收取", "0", "0元", "0元/次", "０元", "《免费》", " 免 费 "]


@pytest.fixture(scope="module")
def ref():
    return load_reference(default_reference())


def findings(tmp_path, ref, rule: str, **cells: str) -> list[tuple[str, str]]:
    """(rule, entry) of each finding of one rule on one item read from a CSV row."""
    path = tmp_path / "one.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows([HEADER, [{**CLEAN, **cells}[k] for k in KEYS]])
    report = audit_file(path, ref, AS_OF, only=[rule])
    return [(x.rule, x.entry) for x in report.findings]


# --- empty words ---------------------------------------------------------------------------------


@pytest.mark.parametrize("word", EMPTY_WORDS + NORMALISED_EMPTY)
@pytest.mark.parametrize("key", KEYS[2:])
def test_empty_word_holds_no_text_in_every_column(word, key):
    assert is_empty_cell(key, word)


@pytest.mark.parametrize("word", NORMALISED_EMPTY)
def test_empty_word_is_tested_normalised_as_names_are(word):
    assert is_empty_word(word)
    assert split_list(word) == [] and parse_basis(word) == [] and parse_fees(word) == []
    assert parse_limit(word).state == "empty"


@pytest.mark.parametrize(
    "text", ["无需", "无线电台设置审批", "《无线电管理条例》", "——见附件", "《无》《无》", "0.5元"]
)
def test_text_that_only_starts_like_an_empty_word_is_text(text):
    assert not is_empty_word(text)
    assert not is_empty_cell("materials", text)


@pytest.mark.parametrize("word", FEES_EMPTY)
def test_no_charge_words_and_zero_amounts_are_empty_in_the_fees_column_only(word):
    assert is_empty_cell("fees", word) and is_empty_fees(word) and parse_fees(word) == []
    assert not is_empty_cell("notes", word) and not is_empty_cell("materials", word)
    assert not is_empty_cell("department", word)


@pytest.mark.parametrize("word", ["免费", "不收费", "免收", "不收取", "《免费》"])
def test_no_charge_word_is_a_fees_word(word):
    assert is_no_charge_word(word) and not is_empty_word(word)


@pytest.mark.parametrize("word", ["无", "《无》", "　无", "——"])
def test_empty_department_fires_department_missing(tmp_path, ref, word):
    assert findings(tmp_path, ref, "department-missing", department=word) == [("department-missing", "")]


@pytest.mark.parametrize("word", ["无", "《无》", "　无", "——"])
def test_empty_statutory_limit_fires_limit_missing_not_unparsed(tmp_path, ref, word):
    assert findings(tmp_path, ref, "limit-missing", statutory_limit=word) == [("limit-missing", "")]
    assert findings(tmp_path, ref, "limit-unparsed", statutory_limit=word) == []


# --- list columns --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "cell",
    ["1.无", "1.无；2.——", "1、无\n2、/", "（1）暂无;（2）没有", "①无", "一、1.无", "1 . 《无》", "无；；"],
)
@pytest.mark.parametrize("key", ["basis", "materials", "fees"])
def test_list_cell_whose_every_entry_is_an_empty_word_lists_nothing(cell, key):
    assert is_empty_cell(key, cell)
    assert {"basis": parse_basis, "materials": split_list, "fees": parse_fees}[key](cell) == []


@pytest.mark.parametrize("cell", ["1.无", "1.无；2.——"])
def test_list_of_empty_words_fires_missing(tmp_path, ref, cell):
    assert findings(tmp_path, ref, "materials-missing", materials=cell) == [("materials-missing", "")]
    assert findings(tmp_path, ref, "basis-missing", basis=cell) == [("basis-missing", "")]


@pytest.mark.parametrize(
    "cell,entries",
    [("无\n申请书", ["无", "申请书"]), ("1.申请书；2.无", ["申请书", "无"]), ("1.——;2.营业执照", ["——", "营业执照"])],
)
def test_empty_word_beside_real_entries_stays_an_entry(tmp_path, ref, cell, entries):
    assert split_list(cell) == entries
    assert not is_empty_cell("materials", cell)
    assert findings(tmp_path, ref, "materials-missing", materials=cell) == []


@pytest.mark.parametrize(
    "cell",
    [
        "1.不收费",
        "0元",
        "1.档案查询费|20元/次\n2.不收费",
        "1.不收费\n2.档案查询费|20元/次",
        "档案查询费|20元/次；0元",
        "0元/次；档案查询费|20元/次",
        "无；档案查询费|20元/次",
        "档案查询费|20元/次；免费|",
        "——|——|——；档案查询费|20元/次",
    ],
)
def test_fee_entry_that_is_only_an_empty_word_is_no_fee_wherever_it_stands(cell):
    fees = parse_fees(cell)
    assert [(f.name, f.standard) for f in fees] == ([("档案查询费", "20元/次")] if "档案" in cell else [])
    assert is_empty_cell("fees", cell) == ("档案" not in cell)


@pytest.mark.parametrize("word", ["无", "——", "/", "／", "暂无", "《无》", "-"])
def test_empty_word_as_fee_basis_is_missing(tmp_path, ref, word):
    (fee,) = parse_fees(f"考试考务费|50元/人|{word}")
    assert (fee.name, fee.standard, fee.basis) == ("考试考务费", "50元/人", "")
    assert findings(tmp_path, ref, "fee-no-basis", fees=f"考试考务费|50元/人|{word}") == [
        ("fee-no-basis", "考试考务费")
    ]


@pytest.mark.parametrize("word", ["无", "——", "/", "没有", "（空）"])
def test_empty_word_as_fee_standard_is_missing(word):
    (fee,) = parse_fees(f"考试考务费|{word}|发改价格〔2015〕1号")
    assert (fee.standard, fee.basis, standard_of(fee).kind) == ("", "发改价格〔2015〕1号", "none")
    assert parse_standard(word).kind == "none"


@pytest.mark.parametrize("word", ["免费", "不收费", "免收", "不收取", "0元"])
def test_no_charge_word_as_fee_standard_is_no_charge(tmp_path, ref, word):
    (fee,) = parse_fees(f"考试考务费|{word}|无")
    assert (fee.standard, fee.basis, standard_of(fee).kind) == (word, "", "free")
    assert findings(tmp_path, ref, "fee-no-basis", fees=f"考试考务费|{word}|无") == []


# --- list markers --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "marker",
    [
        "1 .",
        "1 ．",
        "1 、",
        "1 )",
        "1 ）",
        "( 1 )",
        "（ 1 ）",
        "（1 ）",
        "１ ．",
        "一 、",
        "二 、",
        "十二 、",
        "( 一 )",
        "（ 一 ）",
        "1.\u3000",
        "（一）\t",
        "① ",
        "⑴ ",
    ],
)
def test_white_space_inside_and_after_a_marker(marker):
    assert split_list(f"{marker}申请书\n{marker}营业执照") == ["申请书", "营业执照"]


@pytest.mark.parametrize(
    "entry",
    ["一、1.申请书", "（一）1.申请书", "一、（1）①申请书", "1. (1) 申请书", "① 1、申请书", "二 、 1 . 申请书"],
)
def test_a_run_of_markers_is_stripped_whole(entry):
    assert split_list(entry) == ["申请书"]


@pytest.mark.parametrize("entry", ["1 .5米以上的广告牌", "A .申请书", "1 2.申请书"])
def test_white_space_makes_no_marker_of_other_text(entry):
    assert split_list(entry) == [entry]


# --- fee standards -------------------------------------------------------------------------------


@pytest.mark.parametrize("joiner", ["-", "－", "~", "～", "〜", "—", "–", "至"])
@pytest.mark.parametrize(
    "form", ["50{j}100元", "50元{j}100", "50元{j}100元", "50{j}100", "50 {j} 100 元"], ids=str.strip
)
def test_range_joiners_with_yuan_after_either_or_both(joiner, form):
    s = parse_standard(form.format(j=joiner))
    assert (s.kind, s.low, s.high, s.unit) == ("range", Decimal(50), Decimal(100), None)


@pytest.mark.parametrize("joiner", ["-", "－", "~", "～", "〜", "—", "–", "至"])
def test_range_with_each_joiner_fires_fee_floating(tmp_path, ref, joiner):
    fee = f"档案查询费|10{joiner}20元/次|发改价格〔2015〕1号"
    assert findings(tmp_path, ref, "fee-floating", fees=fee) == [("fee-floating", "档案查询费")]


@pytest.mark.parametrize(
    "text,kind,low,high,unit",
    [
        ("50元-100/人", "range", "50", "100", "人"),
        ("150/副", "amount", "150", "150", "副"),
        ("20", "amount", "20", "20", None),
        ("50-100", "range", "50", "100", None),
        ("50-100/次", "range", "50", "100", "次"),
        ("150 / 副", "amount", "150", "150", "副"),
        ("1 5 0元", "amount", "150", "150", None),
        (" 50 元 至 100 元 / 次 ", "range", "50", "100", "次"),
        ("0/次", "free", "0", "0", "次"),
        ("50―100元", "text", None, None, None),  # ― is a dash of the empty words, no joiner
        ("50到100元", "text", None, None, None),
        ("按规定标准收取", "text", None, None, None),
    ],
)
def test_fee_standard(text, kind, low, high, unit):
    s = parse_standard(text)
    assert (s.kind, s.low, s.high, s.unit) == (
        kind,
        None if low is None else Decimal(low),
        None if high is None else Decimal(high),
        unit,
    )


# --- time limits ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,days",
    [
        ("20 个 工作日", 20),
        ("即 办", 0),
        (" 2 0 天", 20),
        ("二 十 个 工 作 日", 20),
        ("20\u3000日", 20),
        ("5\t工作日", 5),
        ("五", 5),
        ("十五", 15),
        ("二十", 20),
        ("二十五", 25),
        ("一百零五", 105),
        ("两", 2),
        ("两个工作日", 2),
        ("２０", 20),
    ],
)
def test_limit_in_days(tmp_path, ref, text, days):
    lim = parse_limit(text)
    assert (lim.days, lim.state) == (days, "days")
    assert findings(tmp_path, ref, "limit-unparsed", statutory_limit=text, promised_limit="即办") == []


@pytest.mark.parametrize("text", ["二三", "二〇", "十十", "二三个工作日", "二〇天", "十十日", "一二三"])
def test_digit_words_with_no_unit_are_no_number(tmp_path, ref, text):
    lim = parse_limit(text)
    assert (lim.days, lim.state, lim.text) == (None, "unparsed", text)
    got = findings(tmp_path, ref, "limit-unparsed", statutory_limit=text)
    assert got == [("limit-unparsed", "")]


# --- the quick answer of the empty-word test agrees with its definition ---------------------------

NORMALISED_WORDS = {"无", "暂无", "没有", "空", "(空)", "/"}
pieces = st.sampled_from(
    ["无", "暂", "没有", "空", "（", "）", "(", ")", "/", "／", "-", "－", "—", "–", "―", "《", "》", "⽆", "︽", "︾"]
    + [" ", "\u3000", "\t", "\u00a0", "免费", "0元", "a", "县", "1."]
)


@given(st.lists(pieces | st.text(max_size=3), max_size=6).map("".join))
@settings(max_examples=1000)
def test_empty_word_is_whole_text_normalised_as_names_are(text):
    s = norm_name(text)
    assert is_empty_word(text) == (s == "" or s in NORMALISED_WORDS or bool(re.fullmatch("[-—–―]+", s)))
    assert is_no_charge_word(text) == (is_empty_word(text) or s in {"免费", "不收费", "免收", "不收取"})
