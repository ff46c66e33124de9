"""Rows below the header (FORMAT.md §1): item, section heading or blank, with cells that count as empty
holding no text for these tests too; through the command line from CSV and XLSX, and the reader alone."""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

import pytest
from conftest import header
from conftest import write_rows as write_csv
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_import import make_xlsx

from itemclean.sheet import Source
from itemclean.store import Store

HEADER = header(("code", "name", "department", "basis", "materials", "promised_limit", "fees", "notes"))
WIDTH = len(HEADER)
FEES = HEADER.index("收费项目")
ITEM_A = ["001", "取水许可", "县水利局", "《中华人民共和国水法》第七条", "申请书", "20个工作日", "", ""]
ITEM_B = ["002", "河道采砂许可", "县水利局", "《中华人民共和国水法》第三十九条", "申请书", "10个工作日", "免费", ""]
EMPTY_WORDS = ["无", "暂无", "没有", "空", "（空）", "/", "／", "-", "—", "－", "–", "―", "——", "《无》", "　无"]
FEES_EMPTY = ["免费", "不收费", "免收", "不收取", "0", "0元", "0元/次", "1.不收费", "无"]


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path, monkeypatch):
    """Files are named relative to the working directory, so messages read `file.csv:3:2: …`."""
    monkeypatch.chdir(tmp_path)


def codes(db: Path) -> list[str]:
    with Store(db) as s:
        return [i.code for i in s.iter_items(s.catalog(None).id)]


def heading_row(text: str, column: int, filler: str, fees: str) -> list[str]:
    row = [filler] * WIDTH
    row[FEES] = fees
    row[column] = text
    return row


# --- through the command line ---------------------------------------------------------------------

HEADING_ROWS = [
    ("dashes-and-free", heading_row("一、行政许可（2项）", 0, "——", "免费")),
    ("none-and-zero", heading_row("一、行政许可（2项）", 0, "无", "0元")),
    ("slash-and-no-charge", heading_row("一、行政许可（2项）", 1, "/", "不收费")),
    ("marks-and-zero-per-time", heading_row("一、行政许可（2项）", 2, "《无》", "0元/次")),
    ("list-of-empty-words", ["（一）县水利局", "", "", "1.无", "1.无；2.——", "——", "1.不收费", ""]),
    ("heading-under-fees", heading_row("二、行政确认", FEES, "——", "")),
    ("heading-under-notes", heading_row("二、行政确认", WIDTH - 1, "　无", "免收")),
]


@pytest.mark.parametrize("row", [r for _, r in HEADING_ROWS], ids=[i for i, _ in HEADING_ROWS])
@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_heading_beside_empty_words_imports_as_a_heading(cli, tmp_path, row, kind):
    heading = next(c for c in row if c.startswith(("一、", "二、", "（一）")))
    rows = [HEADER, row, ITEM_A, ITEM_B]
    path = write_csv(tmp_path / "h.csv", rows) if kind == "csv" else make_xlsx(tmp_path / "h.xlsx", rows)
    r = cli("import", path.name)
    assert r.exit_code == 0, r.output
    assert codes(cli.db) == ["001", "002"]
    assert f"skipped 1 section heading(s): {heading}" in r.output


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_merged_heading_beside_empty_words_in_xlsx_and_row_of_empty_words(cli, tmp_path, kind):
    """A heading merged over the first columns, `——` under 承诺时限 and `免费` under 收费项目; and a
    row of `无` with `免费` in the fees column, which is blank and no longer stops the import."""
    heading = ["一、行政许可（2项）", None, None, None, None, "——", "免费", None]
    nothing = ["无"] * WIDTH
    nothing[FEES] = "免费"
    rows = [HEADER, heading, ITEM_A, nothing, ITEM_B]
    if kind == "csv":
        path = write_csv(tmp_path / "m.csv", [[c or "" for c in r] for r in rows])
    else:
        path = make_xlsx(tmp_path / "m.xlsx", rows, merges=("A2:E2",))
    r = cli("import", path.name)
    assert r.exit_code == 0, r.output
    assert codes(cli.db) == ["001", "002"]
    assert "skipped 1 section heading(s): 一、行政许可（2项）" in r.output
    assert "skipped 1 blank row(s)" in r.output


@pytest.mark.parametrize("word", ["免费", "0元"])
def test_no_charge_word_outside_the_fees_column_is_text(cli, tmp_path, word):
    """`免费` under 备注 is text: beside a heading cell the row holds two texts, so it is an item row,
    and its empty name is bad input."""
    row = heading_row("一、行政许可", 0, "", "")
    row[WIDTH - 1] = word
    write_csv(tmp_path / "t.csv", [HEADER, ITEM_A, row])
    r = cli("import", "t.csv")
    assert r.exit_code == 2
    assert "t.csv:3:2: 事项名称 (name) is empty" in r.output


@pytest.mark.parametrize("name", ["《无》", "　无", "《——》"])
def test_normalised_empty_name_is_bad_input(cli, tmp_path, name):
    write_csv(tmp_path / "n.csv", [HEADER, ITEM_A, ["003", name, *ITEM_B[2:]]])
    r = cli("import", "n.csv")
    assert r.exit_code == 2
    assert "n.csv:3:2: 事项名称 (name) is empty" in r.output


def test_json_fee_object_with_empty_words_reads_as_a_cell(cli, tmp_path):
    (tmp_path / "j.json").write_text(
        '[{"code": "001", "name": "取水许可", "department": "《无》", "fees": ['
        '{"name": "考试考务费", "standard": "50元/人", "basis": "无"}, {"name": "免费"},'
        '{"name": "档案查询费", "standard": "——", "basis": "发改价格〔2015〕1号"}]}]',
        encoding="utf-8",
    )
    assert cli("import", "j.json").exit_code == 0
    with Store(cli.db) as s:
        item = s.get_item(s.catalog(None).id, "001")
    assert item.department == ""
    assert [(f.name, f.standard, f.basis) for f in item.fees] == [
        ("考试考务费", "50元/人", ""),
        ("档案查询费", "", "发改价格〔2015〕1号"),
    ]


# --- the reader alone -----------------------------------------------------------------------------


def read(rows: list[list[str]]) -> Source:
    """The reader over a CSV of these rows under HEADER, read to the end."""
    buf = io.StringIO()
    csv.writer(buf).writerows([HEADER, *rows])
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "p.csv"
        path.write_text(buf.getvalue(), encoding="utf-8-sig", newline="")
        src = Source(path)
        src.found = list(src.items())  # type: ignore[attr-defined]
    return src


@pytest.mark.parametrize("word", EMPTY_WORDS)
def test_row_of_one_empty_word_everywhere_is_blank(word):
    src = read([[word] * WIDTH])
    assert (src.found, src.sections, src.blank_rows, src.problems) == ([], [], 1, [])


@pytest.mark.parametrize("fees", FEES_EMPTY)
def test_row_of_empty_words_with_no_charge_in_fees_is_blank(fees):
    src = read([heading_row("无", 0, "——", fees)])
    assert (src.found, src.sections, src.blank_rows, src.problems) == ([], [], 1, [])


@pytest.mark.parametrize("column", range(WIDTH))
@pytest.mark.parametrize("filler", ["无", "——", "/", "《无》"])
def test_one_heading_cell_in_any_column_beside_empty_words_is_a_heading(column, filler):
    src = read([heading_row("一、行政许可（85项）", column, filler, "免费" if column != FEES else "")])
    assert (src.found, src.sections, src.blank_rows, src.problems) == ([], ["一、行政许可（85项）"], 0, [])


cell_text = st.one_of(
    st.text(max_size=12),
    st.sampled_from(EMPTY_WORDS + FEES_EMPTY + ["1.无", "一、", "（1）", "《》", "|", "0元/次|", "二三", "1 ."]),
)


@given(st.lists(cell_text, min_size=0, max_size=WIDTH + 2))
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_reader_never_raises_on_any_row_of_text(row):
    src = read([ITEM_A, row])
    assert [i.code for _, i in src.found][:1] == ["001"]
    assert all(p.row == 3 for p in src.problems), src.problems


@given(st.lists(st.sampled_from(EMPTY_WORDS), min_size=1, max_size=WIDTH), st.sampled_from(FEES_EMPTY + [""]))
@settings(max_examples=200, deadline=None)
def test_row_of_empty_words_is_never_an_item(words, fees):
    row = (words * WIDTH)[:WIDTH]
    row[FEES] = fees
    src = read([row, ITEM_A])
    assert [i.code for _, i in src.found] == ["001"]
    assert (src.sections, src.blank_rows, src.problems) == ([], 1, [])
