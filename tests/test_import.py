"""`itemclean import` through the command line: encodings, layouts, XLSX, JSON, re-import and bad input."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sqlite3
from pathlib import Path

import openpyxl
import pytest
from conftest import header
from conftest import write_rows as write_csv
from typer.testing import CliRunner

from itemclean.cli import app
from itemclean.store import Store

HEADER = header()  # the Chinese header of every field
ROWS = [
    [
        "001001",
        "取水许可",
        "县水利局",
        "行政许可",
        "《中华人民共和国水法》第七条",
        "1.申请书\n2.水资源论证报告",
        "受理、审查、决定",
        "45个工作日",
        "20个工作日",
        "无",
        "",
    ],
    [
        "001002",
        "河道采砂许可",
        "县水利局",
        "行政许可",
        "《中华人民共和国水法》第三十九条",
        "申请书",
        "受理、审查、决定",
        "20日",
        "10日",
        "",
        "",
    ],
    [
        "002001",
        "食品经营许可",
        "县市场监督管理局",
        "行政许可",
        "《中华人民共和国食品安全法》第三十五条",
        "申请书；营业执照",
        "受理、审查、决定",
        "二十个工作日",
        "即办",
        "证书工本费|10元|",
        "备注一",
    ],
]


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path, monkeypatch):
    """Files are named relative to the working directory, so messages read `file.csv:3:1: …`."""
    monkeypatch.chdir(tmp_path)


def run(db: Path, *args: str):
    result = CliRunner().invoke(app, ["--db", str(db), *args], env={"COLUMNS": "400", "ITEMCLEAN_LANG": "en"})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def csv_bytes(rows: list[list[str]], encoding: str = "utf-8-sig") -> bytes:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    return buf.getvalue().encode(encoding)


def items(db: Path, catalog: str | None = None) -> dict[str, dict]:
    with Store(db) as s:
        return {i.code: i.as_dict() for i in s.iter_items(s.catalog(catalog).id)}


def dump(db: Path) -> list:
    """Every row of the tables an import writes, for before/after comparison."""
    con = sqlite3.connect(db)
    try:
        return [
            (t, con.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall())
            for t in ("catalogs", "items", "citations", "materials", "fees", "imports")
        ]
    finally:
        con.close()


@pytest.fixture
def db(tmp_path) -> Path:
    return tmp_path / "x.db"


@pytest.fixture
def held(db, tmp_path) -> Path:
    """A database that already holds a catalogue."""
    write_csv(tmp_path / "base.csv", [HEADER] + ROWS)
    r = run(db, "import", "base.csv")
    assert r.exit_code == 0, r.output
    return db


# --- encodings -----------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk"])
def test_csv_encoding_detected(db, tmp_path, encoding):
    write_csv(tmp_path / "c.csv", [HEADER] + ROWS, encoding)
    r = run(db, "import", "c.csv")
    assert r.exit_code == 0, r.output
    got = items(db)
    assert list(got) == ["001001", "001002", "002001"]
    assert got["002001"]["name"] == "食品经营许可"
    assert got["002001"]["department"] == "县市场监督管理局"
    assert got["001001"]["materials"] == ["申请书", "水资源论证报告"]


def test_gbk_detected_from_a_few_bytes_at_the_end(db, tmp_path):
    (tmp_path / "g.csv").write_bytes("code,name\r\n001,是\r\n".encode("gbk"))
    r = run(db, "import", "g.csv")
    assert r.exit_code == 0, r.output
    assert items(db)["001"]["name"] == "是"


def test_gb18030_four_byte_characters(db, tmp_path):
    write_csv(tmp_path / "g.csv", [["code", "name"], ["001", "㐀䶵许可 €"]], "gb18030")
    assert run(db, "import", "g.csv").exit_code == 0
    assert items(db)["001"]["name"] == "㐀䶵许可 €"


@pytest.mark.parametrize("encoding", ["gbk", "GB18030", "utf-8"])
def test_encoding_forced(db, tmp_path, encoding):
    # "证" in GBK is D6 A4, which is also valid UTF-8 (U+05A4): only --encoding can tell
    (tmp_path / "f.csv").write_bytes("code,name\r\n001,证\r\n".encode("gbk"))
    r = run(db, "import", "f.csv", "--encoding", encoding)
    assert r.exit_code == 0, r.output
    assert items(db)["001"]["name"] == ("证" if encoding != "utf-8" else "\u05a4")


def test_excel_unicode_text(db, tmp_path):
    """Excel's "Unicode Text": UTF-16 with a byte-order mark, tab-separated."""
    text = "\r\n".join(
        "\t".join(r)
        for r in [HEADER[:6], ["001", "取水许可", "县水利局", "行政许可", "", '"1.申请书\n2.水资源论证报告"']]
    )
    (tmp_path / "u.txt").write_bytes(text.encode("utf-16"))
    r = run(db, "import", "u.txt")
    assert r.exit_code == 0, r.output
    assert items(db)["001"]["materials"] == ["申请书", "水资源论证报告"]


def test_forced_utf16_on_other_bytes_is_bad_input(held, tmp_path):
    data = csv_bytes([HEADER] + ROWS[:1], "utf-8")
    (tmp_path / "f.csv").write_bytes(data + b"\n" * (len(data) % 2 == 0))  # odd: no UTF-16 text
    out = bad(held, "f.csv", "--encoding", "utf-16")
    assert "f.csv: not utf-16 text" in out


def test_unknown_encoding_is_bad_input(db, tmp_path):
    write_csv(tmp_path / "f.csv", [HEADER] + ROWS)
    r = run(db, "import", "f.csv", "--encoding", "klingon")
    assert r.exit_code == 2
    assert "klingon" in r.output and "Traceback" not in r.output


# --- layout --------------------------------------------------------------------------------------


def test_title_rows_above_header(db, tmp_path):
    write_csv(
        tmp_path / "t.csv", [["临川县行政许可事项目录"], ["2024年3月1日", "", "单位：项"], [""] * 3, HEADER] + ROWS
    )
    r = run(db, "import", "t.csv")
    assert r.exit_code == 0, r.output
    assert list(items(db)) == ["001001", "001002", "002001"]


def test_title_rows_count_in_row_numbers(db, tmp_path):
    write_csv(tmp_path / "t.csv", [["临川县行政许可事项目录"], HEADER, ROWS[0], ["003", ""] + ROWS[1][2:]])
    r = run(db, "import", "t.csv")
    assert r.exit_code == 2
    assert "t.csv:4:2: 事项名称 (name) is empty" in r.output


def test_blank_rows_and_section_headings_skipped_and_reported(db, tmp_path):
    width = len(HEADER)
    rows = [
        HEADER,
        ["一、行政许可（85项）"] + [""] * (width - 1),
        ROWS[0],
        [""] * width,
        ["无", "——", "", "/"] + [""] * (width - 4),
        ["", "", "（一）县水利局"] + [""] * (width - 3),
        ROWS[1],
        [],
        ["二、行政确认"],
        ROWS[2],
    ]
    write_csv(tmp_path / "s.csv", rows)
    r = run(db, "--lang", "en", "import", "s.csv")
    assert r.exit_code == 0, r.output
    assert list(items(db)) == ["001001", "001002", "002001"]
    assert "skipped 3 section heading(s): 一、行政许可（85项）; （一）县水利局; 二、行政确认" in r.output
    assert "skipped 3 blank row(s)" in r.output


@pytest.mark.parametrize(
    "headers",
    [
        [
            "编码",
            "名称",
            "实施部门",
            "事项类别",
            "设立依据",
            "申报材料",
            "审批程序",
            "法定期限",
            "承诺期限",
            "收费",
            "备注",
        ],
        [
            "项目编码",
            "项目名称",
            "承办部门",
            "类别",
            "法律依据",
            "材料",
            "办理程序",
            "法定时限",
            "承诺时限",
            "收费标准",
            "备注",
        ],
        [
            "事项编码",
            "事项名称",
            "主管部门",
            "事项类型",
            "依据",
            "申请材料",
            "程序",
            "法定时限",
            "承诺时限",
            "收费项目",
            "备注",
        ],
        [
            "code",
            "name",
            "department",
            "category",
            "basis",
            "materials",
            "procedure",
            "statutory_limit",
            "promised_limit",
            "fees",
            "notes",
        ],
        [
            "Code",
            "NAME",
            "Department",
            "CATEGORY",
            "Basis",
            "Materials",
            "Procedure",
            "Statutory_Limit",
            "PROMISED_LIMIT",
            "Fees",
            "Notes",
        ],
        [
            "\u3000事项编码\u3000",
            " 事项名称 ",
            "\u3000 实施机关",
            "事项类型 ",
            "设定依据",
            "申请材料",
            "办理流程",
            "法定时限",
            "承诺时限",
            "收费项目",
            " 备注\u3000",
        ],
    ],
    ids=["zh-aliases-1", "zh-aliases-2", "zh-aliases-3", "en", "en-mixed-case", "padded"],
)
def test_header_names(db, tmp_path, headers):
    write_csv(tmp_path / "h.csv", [headers] + ROWS)
    r = run(db, "import", "h.csv")
    assert r.exit_code == 0, r.output
    got = items(db)["002001"]
    assert got["department"] == "县市场监督管理局"
    assert got["promised_limit"] == "即办"
    assert got["fees"] == [{"name": "证书工本费", "standard": "10元", "basis": ""}]
    assert got["notes"] == "备注一"
    assert got["basis"] == ["《中华人民共和国食品安全法》第三十五条"]


def test_unknown_columns_kept_and_exported(db, tmp_path):
    rows = [
        ["事项编码", "联系电话", "事项名称", "办理地点"],
        ["001", "0794-1234567", "取水许可", "政务服务中心2楼"],
        ["002", "", "河道采砂许可", "政务服务中心3楼"],
    ]
    write_csv(tmp_path / "u.csv", rows)
    assert run(db, "import", "u.csv").exit_code == 0
    got = items(db)
    assert got["001"]["联系电话"] == "0794-1234567" and got["001"]["办理地点"] == "政务服务中心2楼"
    assert "联系电话" not in got["002"] and got["002"]["办理地点"] == "政务服务中心3楼"
    r = run(db, "export", "--draft", "--format", "csv", "-o", "out.csv")
    assert r.exit_code == 0, r.output
    back = list(csv.reader(io.StringIO((tmp_path / "out.csv").read_bytes().decode("utf-8-sig"))))
    assert back == rows


def test_cells_beyond_the_header_are_kept_under_their_letter(db, tmp_path):
    rows = [["code", "name"], ["001", "甲", "", "d1"], ["002", "乙", "c2"], ["003", "丙", "", "d3"]]
    write_csv(tmp_path / "w.csv", rows)
    assert run(db, "import", "w.csv").exit_code == 0
    got = items(db)
    assert (got["001"].get("C"), got["001"].get("D")) == (None, "d1")
    assert (got["002"].get("C"), got["002"].get("D")) == ("c2", None)
    assert (got["003"].get("C"), got["003"].get("D")) == (None, "d3")


def test_headerless_trailing_columns_are_not_exported(db, tmp_path):
    write_csv(tmp_path / "e.csv", [["code", "name", "", ""], ["001", "甲", "", ""]])
    assert run(db, "import", "e.csv").exit_code == 0
    r = run(db, "export", "--draft", "--format", "csv", "--headers", "en")
    assert r.stdout.lstrip("\ufeff").splitlines()[0] == "code,name"


def test_codes_with_leading_zeros_stay_text(db, tmp_path):
    write_csv(tmp_path / "z.csv", [["code", "name"], ["000123", "甲"], ["0", "乙"], ["00", "丙"]])
    assert run(db, "import", "z.csv").exit_code == 0
    assert list(items(db)) == ["000123", "0", "00"]
    r = run(db, "export", "--draft", "--format", "csv")
    assert "000123" in r.stdout


# --- XLSX ----------------------------------------------------------------------------------------


def make_xlsx(path: Path, rows: list[list], merges: tuple[str, ...] = ()) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "事项目录"
    for row in rows:
        ws.append(row)
    for m in merges:
        ws.merge_cells(m)
    wb.save(path)
    return path


def test_xlsx_merged_department_filled_and_empty_cell_not_filled(db, tmp_path):
    rows = [
        ["临川县行政许可事项目录"],
        ["事项编码", "事项名称", "实施机关", "承诺时限"],
        ["001", "取水许可", "县水利局", "20"],
        ["002", "河道采砂许可", None, "10"],
        ["003", "水土保持方案审批", None, "5"],
        ["004", "食品经营许可", None, "即办"],
        ["005", "药品零售许可", "县市场监督管理局", "即办"],
    ]
    make_xlsx(tmp_path / "m.xlsx", rows, merges=("A1:D1", "C3:C5"))
    r = run(db, "import", "m.xlsx")
    assert r.exit_code == 0, r.output
    got = items(db)
    assert [got[c]["department"] for c in ("001", "002", "003")] == ["县水利局"] * 3
    assert got["004"]["department"] == ""
    assert got["005"]["department"] == "县市场监督管理局"


def test_xlsx_numbers_and_dates(db, tmp_path):
    rows = [
        ["事项编码", "事项名称", "法定时限", "承诺时限", "备注", "公布日期", "收费项目"],
        [101, "取水许可", 20, 20.0, dt.date(2024, 3, 1), dt.datetime(2023, 12, 31, 0, 0), "复印费|0.5元/页"],
        ["000102", "河道采砂许可", 1.5, 0, 3.25, dt.datetime(2024, 1, 2, 9, 30), None],
    ]
    make_xlsx(tmp_path / "n.xlsx", rows)
    assert run(db, "import", "n.xlsx").exit_code == 0
    got = items(db)
    a, b = got["101"], got["000102"]
    assert (a["statutory_limit"], a["promised_limit"]) == ("20", "20")
    assert a["notes"] == "2024-03-01" and a["公布日期"] == "2023-12-31"
    assert (b["statutory_limit"], b["promised_limit"], b["notes"]) == ("1.5", "0", "3.25")
    assert b["公布日期"] == "2024-01-02"
    with Store(db) as s:
        item = s.get_item(s.catalog(None).id, "000102")
        assert item.statutory_limit.state == "unparsed" and item.promised_limit.days == 0


def test_xlsx_section_heading_merged_across_the_row(db, tmp_path):
    rows = [
        ["事项编码", "事项名称", "实施机关"],
        ["一、行政许可（2项）"],
        ["001", "取水许可", "县水利局"],
        ["002", "河道采砂许可", "县水利局"],
    ]
    make_xlsx(tmp_path / "h.xlsx", rows, merges=("A2:C2",))
    r = run(db, "import", "h.xlsx")
    assert r.exit_code == 0, r.output
    assert list(items(db)) == ["001", "002"]
    assert "一、行政许可（2项）" in r.output


def test_xlsx_sheet_option(db, tmp_path):
    wb = openpyxl.Workbook()
    wb.active.title = "说明"
    wb.active.append(["本表为临川县行政许可事项目录"])
    ws = wb.create_sheet("目录")
    ws.append(["事项编码", "事项名称"])
    ws.append(["001", "取水许可"])
    wb.save(tmp_path / "s.xlsx")
    r = run(db, "import", "s.xlsx")
    assert r.exit_code == 2 and "no row holds the required columns" in r.output
    r = run(db, "import", "s.xlsx", "--sheet", "目录")
    assert r.exit_code == 0, r.output
    assert [(c, i["name"]) for c, i in items(db).items()] == [("001", "取水许可")]
    r = run(db, "import", "s.xlsx", "--sheet", "无此表")
    assert r.exit_code == 2 and "无此表" in r.output and "说明, 目录" in r.output


def test_xlsx_with_a_wrong_declared_size(db, tmp_path):
    """Some exporters declare the sheet as `A1`; the rows it really holds are read."""
    import re
    import zipfile

    rows = [["事项编码", "事项名称", "实施机关"], ["001", "取水许可", "县水利局"], ["002", "河道采砂许可", None]]
    make_xlsx(tmp_path / "a.xlsx", rows, merges=("C2:C3",))
    with zipfile.ZipFile(tmp_path / "a.xlsx") as zin, zipfile.ZipFile(tmp_path / "b.xlsx", "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename.startswith("xl/worksheets/"):
                data, n = re.subn(rb'<dimension ref="[^"]*"\s*/>', b'<dimension ref="A1"/>', data)
                assert n == 1
            zout.writestr(info, data)
    r = run(db, "import", "b.xlsx")
    assert r.exit_code == 0, r.output
    assert [(i["name"], i["department"]) for i in items(db).values()] == [
        ("取水许可", "县水利局"),
        ("河道采砂许可", "县水利局"),
    ]


# --- JSON ----------------------------------------------------------------------------------------

JSON_ITEMS = [
    {
        "code": "001",
        "name": "取水许可",
        "department": "县水利局",
        "basis": ["《中华人民共和国水法》第七条"],
        "materials": ["申请书", "水资源论证报告"],
        "statutory_limit": 45,
        "promised_limit": "20个工作日",
        "fees": [{"name": "水资源费", "standard": "0.1元/立方米", "basis": "发改价格〔2013〕29号"}],
        "联系电话": "0794-1234567",
    },
    {"code": "002", "name": "河道采砂许可", "fees": [], "basis": [], "materials": []},
]


def test_json_array(db, tmp_path):
    (tmp_path / "c.json").write_text(json.dumps(JSON_ITEMS, ensure_ascii=False), "utf-8")
    r = run(db, "import", "c.json")
    assert r.exit_code == 0, r.output
    got = items(db)
    assert got["001"]["statutory_limit"] == "45"
    assert got["001"]["fees"] == JSON_ITEMS[0]["fees"]
    assert got["001"]["materials"] == ["申请书", "水资源论证报告"]
    assert got["001"]["联系电话"] == "0794-1234567"
    assert got["002"]["department"] == ""
    with Store(db) as s:
        assert s.get_item(s.catalog(None).id, "001").statutory_limit.days == 45


def test_json_lists_read_like_cells(db, tmp_path):
    data = [
        {"code": "001", "name": "甲", "materials": ["1.申请书", "2、营业执照", " "], "basis": ["1.《A》第三条"]},
        {"code": "002", "name": "乙", "materials": ["无"], "basis": ["——"], "fees": ["不收费"]},
    ]
    (tmp_path / "l.json").write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    assert run(db, "import", "l.json").exit_code == 0
    got = items(db)
    assert got["001"]["materials"] == ["申请书", "营业执照"] and got["001"]["basis"] == ["《A》第三条"]
    assert (got["002"]["materials"], got["002"]["basis"], got["002"]["fees"]) == ([], [], [])


def test_jsonl(db, tmp_path):
    (tmp_path / "c.jsonl").write_text("".join(json.dumps(i, ensure_ascii=False) + "\n\n" for i in JSON_ITEMS), "utf-8")
    r = run(db, "import", "c.jsonl")
    assert r.exit_code == 0, r.output
    assert list(items(db)) == ["001", "002"]
    assert items(db)["001"]["basis"] == ["《中华人民共和国水法》第七条"]


# --- re-import -----------------------------------------------------------------------------------


def test_reimport_updates_by_code(held, tmp_path):
    changed = [r[:] for r in ROWS]
    changed[1][7] = "15日"
    new = ["003001", "建设工程规划许可", "县自然资源局"] + [""] * 8
    write_csv(tmp_path / "v2.csv", [HEADER] + changed + [new])
    r = run(held, "import", "v2.csv")
    assert r.exit_code == 0, r.output
    assert "added 1, updated 1, unchanged 2" in r.output
    assert "added: 003001" in r.output and "updated: 001002" in r.output
    assert items(held)["001002"]["statutory_limit"] == "15日"
    r = run(held, "import", "v2.csv")
    assert "added 0, updated 0, unchanged 4" in r.output


def test_reimport_without_prune_keeps_absent_items(held, tmp_path):
    write_csv(tmp_path / "v2.csv", [HEADER] + ROWS[:1])
    assert run(held, "import", "v2.csv").exit_code == 0
    assert sorted(items(held)) == ["001001", "001002", "002001"]


def test_prune_removes_absent_items(held, tmp_path):
    write_csv(tmp_path / "v2.csv", [HEADER] + ROWS[:1])
    r = run(held, "import", "v2.csv", "--prune")
    assert r.exit_code == 0, r.output
    assert "removed 2" in r.output
    assert list(items(held)) == ["001001"]
    con = sqlite3.connect(held)
    assert con.execute("SELECT count(*) FROM materials").fetchone()[0] == 2  # 001001's two, no orphans
    assert con.execute("SELECT count(*) FROM fees").fetchone()[0] == 0


def test_reimport_keeps_the_latest_cell_text(held, tmp_path):
    """Re-typed cells that mean the same (markers dropped) leave the item unchanged but are what export writes."""
    retyped = [r[:] for r in ROWS]
    retyped[0][5] = "申请书\n水资源论证报告"
    write_csv(tmp_path / "v2.csv", [HEADER] + retyped)
    r = run(held, "import", "v2.csv")
    assert "added 0, updated 0, unchanged 3" in r.output
    r = run(held, "export", "--draft", "--format", "csv")
    rows = list(csv.reader(io.StringIO(r.stdout.lstrip("\ufeff"), newline="")))
    assert rows[1][5] == "申请书\n水资源论证报告"


def test_partial_reimport_keeps_the_columns_other_items_use(db, tmp_path):
    """A sheet without a column of the catalogue is no news about it: every item keeps its value there."""
    write_csv(tmp_path / "a.csv", [["编码", "名称", "联系电话"], ["001", "甲", "111"], ["002", "乙", "222"]])
    write_csv(tmp_path / "b.csv", [["编码", "名称", "办理地点"], ["001", "甲", "一楼"]])
    assert run(db, "import", "a.csv").exit_code == 0
    r = run(db, "import", "b.csv")
    assert r.exit_code == 0
    assert "b.csv has no column 联系电话: the items' values there are kept" in r.output
    assert items(db)["002"]["联系电话"] == "222"
    assert items(db)["001"]["联系电话"] == "111"
    r = run(db, "export", "--draft", "--format", "csv")
    rows = list(csv.reader(io.StringIO(r.stdout.lstrip("\ufeff"), newline="")))
    assert rows == [["编码", "名称", "联系电话", "办理地点"], ["001", "甲", "111", "一楼"], ["002", "乙", "222", ""]]
    # a sheet that has the column and leaves it empty empties it; once no item uses it, it is not written
    write_csv(tmp_path / "c.csv", [["编码", "名称", "联系电话"], ["001", "甲", ""]])
    assert run(db, "import", "c.csv", "--prune").exit_code == 0
    r = run(db, "export", "--draft", "--format", "csv")
    assert r.stdout.lstrip("\ufeff").splitlines()[0] == "编码,名称,办理地点"


@pytest.mark.parametrize(
    "codes,expected",
    [
        (["003", "006"], ["001", "002", "003", "004", "005", "006"]),
        (["006", "002"], ["001", "006", "002", "003", "004", "005"]),
        (["005", "004", "003", "002", "001"], ["005", "004", "003", "002", "001"]),
        (["001", "005"], ["001", "002", "003", "004", "005"]),
    ],
    ids=["partial", "new-before-kept", "reversed", "ends"],
)
def test_reimport_order(db, tmp_path, codes, expected):
    """The files' order wins; items they leave out stay after the item they followed."""
    write_csv(tmp_path / "a.csv", [["code", "name"]] + [[f"00{n}", f"事项{n}"] for n in range(1, 6)])
    write_csv(tmp_path / "b.csv", [["code", "name"]] + [[c, f"新{c}"] for c in codes])
    assert run(db, "import", "a.csv").exit_code == 0
    assert run(db, "import", "b.csv").exit_code == 0
    assert list(items(db)) == expected


def test_dry_run_writes_nothing(held, tmp_path):
    changed = [r[:] for r in ROWS]
    changed[0][1] = "取水许可（改）"
    write_csv(tmp_path / "v2.csv", [HEADER] + changed[:2] + [["009", "新事项"] + [""] * 9])
    before = dump(held)
    r = run(held, "import", "v2.csv", "--dry-run", "--prune")
    assert r.exit_code == 0, r.output
    assert "would change" in r.output
    assert "added 1, updated 1, unchanged 1, removed 1" in r.output
    assert "added: 009" in r.output and "updated: 001001" in r.output and "removed: 002001" in r.output
    assert dump(held) == before


# --- bad input -----------------------------------------------------------------------------------


def bad(db: Path, *args: str) -> str:
    """Run a refused import on a database holding a catalogue; it must change nothing."""
    before = dump(db)
    r = run(db, "import", *args)
    assert r.exit_code == 2, r.output
    assert "Traceback" not in r.output
    assert dump(db) == before
    return r.output


def test_duplicate_codes(held, tmp_path):
    write_csv(tmp_path / "d.csv", [HEADER, ROWS[0], ROWS[1], ROWS[0][:1] + ["另一事项"] + ROWS[0][2:]])
    out = bad(held, "d.csv")
    assert "d.csv:4:1: duplicate code '001001': already at d.csv:2" in out


def test_duplicate_codes_across_files(held, tmp_path):
    write_csv(tmp_path / "a.csv", [HEADER, ROWS[0]])
    write_csv(tmp_path / "b.csv", [["名称", "编码"], ["另一事项", "001001"]])
    out = bad(held, "a.csv", "b.csv")
    assert "b.csv:2:2: duplicate code '001001': already at a.csv:2" in out


def test_missing_required_column(held, tmp_path):
    rows = [["临川县目录"], [h for h in HEADER if h != "事项名称"]] + [r[:1] + r[2:] for r in ROWS]
    write_csv(tmp_path / "m.csv", rows)
    out = bad(held, "m.csv")
    assert "m.csv:2: the header row has no column 事项名称 (name)" in out


def test_no_header_at_all(held, tmp_path):
    write_csv(tmp_path / "n.csv", [["a", "b"], ["1", "2"]])
    assert "n.csv: no header row" in bad(held, "n.csv")


def test_repeated_column(held, tmp_path):
    write_csv(tmp_path / "r.csv", [["编码", "名称", "备注", "事项名称"], ["001", "甲", "", "乙"]])
    assert "r.csv:1:4: column '事项名称' repeats 事项名称 (name), already in column 2" in bad(held, "r.csv")


def test_repeated_unknown_column(held, tmp_path):
    write_csv(tmp_path / "r.csv", [["编码", "名称", "电话", "电话"], ["001", "甲", "1", "2"]])
    assert "r.csv:1:4: column '电话' repeats" in bad(held, "r.csv")


@pytest.mark.parametrize("code", ["", "  ", "无", "——"])
def test_empty_code(held, tmp_path, code):
    write_csv(tmp_path / "e.csv", [HEADER, ROWS[0], [code] + ROWS[1][1:]])
    assert "e.csv:3:1: 事项编码 (code) is empty" in bad(held, "e.csv")


@pytest.mark.parametrize("name", ["", "（空）"])
def test_empty_name(held, tmp_path, name):
    write_csv(tmp_path / "e.csv", [HEADER, ROWS[0], ROWS[1][:1] + [name] + ROWS[1][2:]])
    assert "e.csv:3:2: 事项名称 (name) is empty" in bad(held, "e.csv")


def test_empty_code_in_short_row(held, tmp_path):
    write_csv(tmp_path / "e.csv", [["名称", "实施机关", "编码"], ["甲", "县水利局"]])
    assert "e.csv:2:3: 事项编码 (code) is empty" in bad(held, "e.csv")


def test_undecodable_bytes(held, tmp_path):
    data = csv_bytes([HEADER, ROWS[0], ROWS[1]], "utf-8")
    data = data.replace("河道采砂许可".encode(), "河道".encode() + b"\xff" + "采砂许可".encode())
    (tmp_path / "u.csv").write_bytes(data)
    out = bad(held, "u.csv", "--encoding", "utf-8")
    assert "u.csv:3:2: bytes 0xff are not utf-8 text (line 4)" in out  # row 2's cells span lines 2-3


def test_undecodable_bytes_json(held, tmp_path):
    (tmp_path / "u.json").write_bytes(b'[\n {"code": "001", "name": "\xe4\xb8\xad\xff"}\n]')
    out = bad(held, "u.json", "--encoding", "utf-8")
    assert "u.json:2:" in out and "bytes 0xff are not utf-8 text" in out


def test_unterminated_quote(held, tmp_path):
    data = csv_bytes([HEADER, ROWS[0]]) + '002,乙,县水利局,"未闭合的引号\r\n003,丙,县水利局\r\n'.encode()
    (tmp_path / "q.csv").write_bytes(data)
    assert "q.csv:3:4: a quoted cell is never closed" in bad(held, "q.csv")


def test_quotes_inside_cells_are_fine(db, tmp_path):
    write_csv(tmp_path / "q.csv", [["code", "name", "notes"], ["001", '2"寸照片', 'a "b" c\n第二行']])
    assert run(db, "import", "q.csv").exit_code == 0
    assert items(db)["001"]["notes"] == 'a "b" c\n第二行'


def test_malformed_json(held, tmp_path):
    (tmp_path / "m.json").write_text('[\n {"code": "001", "name": "甲",}\n]', "utf-8")
    assert "m.json:2:" in bad(held, "m.json") and "malformed JSON" in bad(held, "m.json")


def test_malformed_jsonl(held, tmp_path):
    (tmp_path / "m.jsonl").write_text('{"code": "001", "name": "甲"}\n{"code": "002", "name": \n', "utf-8")
    assert "m.jsonl:2:" in bad(held, "m.jsonl")


def test_json_not_an_array(held, tmp_path):
    (tmp_path / "o.json").write_text('{"code": "001", "name": "甲"}', "utf-8")
    assert "o.json: a JSON catalogue is an array of item objects" in bad(held, "o.json")


def test_json_item_not_an_object(held, tmp_path):
    (tmp_path / "o.json").write_text('[{"code": "001", "name": "甲"}, ["002", "乙"], "003"]', "utf-8")
    out = bad(held, "o.json")
    assert "o.json:2: item 2 is not an object" in out and "o.json:3: item 3 is not an object" in out


def test_json_wrong_type(held, tmp_path):
    (tmp_path / "t.json").write_text('[{"code": "001", "name": "甲", "materials": "申请书", "basis": [1]}]', "utf-8")
    assert "t.json:1:basis: 设定依据 (basis) must be an array of strings" in bad(held, "t.json")


def test_fee_entry_without_name(held, tmp_path):
    fees = "档案查询费|20元\n|20元/次|发改价格〔2015〕1号"
    write_csv(tmp_path / "f.csv", [HEADER, ROWS[0][:9] + [fees] + ROWS[0][10:]])
    assert "f.csv:2:10: fee entry '|20元/次|发改价格〔2015〕1号' has no name" in bad(held, "f.csv")


def test_fee_entry_without_name_json(held, tmp_path):
    (tmp_path / "f.json").write_text('[{"code": "001", "name": "甲", "fees": [{"standard": "20元"}]}]', "utf-8")
    assert "f.json:1:fees: fee entry '|20元' has no name" in bad(held, "f.json")


def test_missing_file(held):
    assert "nope.csv: no such file" in bad(held, "nope.csv")


def test_missing_file_among_good_ones(held, tmp_path):
    write_csv(tmp_path / "v2.csv", [HEADER] + ROWS)
    assert "nope.xlsx: no such file" in bad(held, "v2.csv", "nope.xlsx")


@pytest.mark.parametrize("name", ["c.pdf", "c.docx", "c.xls"])
def test_unknown_file_type(held, tmp_path, name):
    (tmp_path / name).write_bytes(b"%PDF-1.4")
    out = bad(held, name)
    assert f"{name}: unknown file type" in out


def test_not_really_xlsx(held, tmp_path):
    (tmp_path / "x.xlsx").write_text("code,name\n001,甲\n", "utf-8")
    assert "x.xlsx: not a readable XLSX workbook" in bad(held, "x.xlsx")


def test_header_merged_across_columns(held, tmp_path):
    rows = [["事项编码", None, "事项名称"], ["001", "01", "取水许可"]]
    make_xlsx(tmp_path / "h.xlsx", rows, merges=("A1:B1",))
    assert "h.xlsx:1:1: header cell is merged across columns A:B" in bad(held, "h.xlsx")


def test_many_problems_reported_at_once(held, tmp_path):
    rows = [
        HEADER,
        ROWS[0],
        ["", "无编码事项"] + ROWS[0][2:],
        ["005", ""] + ROWS[0][2:],
        ROWS[1],
        ROWS[1][:1] + ["重复"] + ROWS[1][2:],
        ["006", "收费事项"] + ROWS[0][2:9] + ["|10元"] + ROWS[0][10:],
    ]
    write_csv(tmp_path / "p.csv", rows)
    out = bad(held, "p.csv")
    for msg in (
        "p.csv:3:1: 事项编码 (code) is empty",
        "p.csv:4:2: 事项名称 (name) is empty",
        "p.csv:6:1: duplicate code '001002': already at p.csv:5",
        "p.csv:7:10: fee entry '|10元' has no name",
    ):
        assert msg in out


def test_failed_file_among_several_imports_none(held, tmp_path):
    write_csv(tmp_path / "good.csv", [HEADER, ["009", "新事项"] + [""] * 9])
    write_csv(tmp_path / "bad.csv", [HEADER, ["", "无编码", "县水利局"] + [""] * 8])
    assert "bad.csv:2:1:" in bad(held, "good.csv", "bad.csv")


def test_first_import_failing_leaves_no_catalogue(db, tmp_path):
    write_csv(tmp_path / "bad.csv", [HEADER, ["", "无编码", "县水利局"] + [""] * 8])
    assert run(db, "import", "bad.csv").exit_code == 2
    with Store(db) as s:
        assert s.catalogs() == []


# --- nasty cells ---------------------------------------------------------------------------------


def test_huge_cell(db, tmp_path):
    huge = "受理、审查、决定。" * (1_000_000 // 9 + 1)
    write_csv(tmp_path / "h.csv", [["code", "name", "procedure"], ["001", "甲", huge]])
    r = run(db, "import", "h.csv")
    assert r.exit_code == 0, r.output
    assert items(db)["001"]["procedure"] == huge


def test_control_characters_and_markup_shown_literally(db, tmp_path):
    name = "取水\x07许可[bold]x[/bold]"
    rows = [["code", "name", "notes", "备注二"], ["001", name, "a\x1b[31mred\x1b[0m", "[red]y[/red]"]]
    write_csv(tmp_path / "c.csv", rows)
    assert run(db, "import", "c.csv").exit_code == 0
    got = items(db)["001"]
    assert got["name"] == name and got["notes"] == "a\x1b[31mred\x1b[0m"
    r = run(db, "show", "001")
    assert r.exit_code == 0, r.output
    assert "[bold]x[/bold]" in r.stdout and "[red]y[/red]" in r.stdout
    assert "\\x07" in r.stdout and "\\x1b[31mred" in r.stdout
    assert b"\x1b" not in r.stdout_bytes and b"\x07" not in r.stdout_bytes


def test_eight_bit_control_shown_visibly(db, tmp_path):
    write_csv(tmp_path / "c.csv", [["code", "name"], ["001", "取水\x9b31m许可\x00"]])
    assert run(db, "import", "c.csv").exit_code == 0
    r = run(db, "show", "001")
    assert "取水\\x9b31m许可\\x00" in r.stdout
    assert "\x9b" not in r.stdout and "\x00" not in r.stdout


def test_markup_in_file_names_and_messages(db, tmp_path):
    write_csv(tmp_path / "[red]x.csv", [HEADER, ["", "甲", "县水利局"] + [""] * 8])
    r = run(db, "import", "[red]x.csv")
    assert r.exit_code == 2
    assert "[red]x.csv:2:1:" in r.output
