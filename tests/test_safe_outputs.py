"""What itemclean writes is never read as something else: no formula in a spreadsheet, no markup in Markdown.

CSV default (stated in `export --help`): cells that start with = + - @ (or a tab or CR) are written with a
leading ', and import takes it off again, so export → import gives back the same catalogue.
"""

from __future__ import annotations

import csv
import io
import json

import openpyxl
import pytest
from conftest import Cli

from itemclean.store import Store
from itemclean.tui.query import parse

HOSTILE = {
    "0001": ('=HYPERLINK("http://x","点击")', "县水利局"),
    "0002": ("+86 电话登记", "县林业局"),
    "0003": ("-10%收费调整", "县文化局"),
    "0004": ("@SUM(A1)", "县商务局"),
    "0005": ("'=已有引号", "县交通局"),
    "0006": ("<script>alert(1)</script>[点](javascript:alert(1))", "县水利局\n# 伪造的标题\n## 又一个"),
    "0007": ("正常*名称*_x_ `code` &amp; | 管道", "县公安局"),
}


@pytest.fixture
def loaded(cli, tmp_path):
    """Imported from JSON, so that the cells are exactly these (a CSV import takes a guard ' off)."""
    src = tmp_path / "h.json"
    items = [
        {"code": code, "name": name, "department": dept, "notes": "=1+1" if code == "0001" else ""}
        for code, (name, dept) in HOSTILE.items()
    ]
    src.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    assert cli("import", src).exit_code == 0
    return cli


def csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"), newline="")))


def test_csv_export_guards_formula_cells_by_default(loaded):
    rows = {r[0]: r for r in csv_rows(loaded("export", "--draft").stdout)[1:]}
    assert rows["0001"][1] == '\'=HYPERLINK("http://x","点击")' and "'=1+1" in rows["0001"]
    assert rows["0002"][1] == "'+86 电话登记"
    assert rows["0004"][1] == "'@SUM(A1)"
    assert rows["0005"][1] == "''=已有引号"
    assert rows["0007"][1] == HOSTILE["0007"][0]  # nothing to guard: unchanged
    assert not any(cell[:1] in "=+-@" and cell for r in rows.values() for cell in r)


def test_csv_export_without_the_guard_writes_cells_as_they_are(loaded):
    rows = {r[0]: r for r in csv_rows(loaded("export", "--draft", "--no-guard-formulas").stdout)[1:]}
    assert rows["0001"][1] == HOSTILE["0001"][0] and rows["0005"][1] == "'=已有引号"


def test_guarded_csv_round_trips_exactly(loaded, tmp_path):
    before = json.loads(loaded("export", "--draft", "-f", "json").stdout)
    assert {d["name"] for d in before} >= {"'=已有引号", "-10%收费调整"}
    out = tmp_path / "out.csv"
    assert loaded("export", "--draft", "-o", out).exit_code == 0
    again = Cli(tmp_path / "again.db")
    assert again("import", out).exit_code == 0
    assert json.loads(again("export", "--draft", "-f", "json").stdout) == before


def test_report_and_diff_csv_are_guarded(loaded, tmp_path):
    assert loaded("decide", "0003", "--abolish", "--reason", "=cmd|' /C calc'!A0").exit_code == 0
    rows = csv_rows(loaded("export", "--what", "decisions").stdout)
    assert any("'=cmd|' /C calc'!A0" in r for r in rows)
    assert not any(c.startswith("=") for r in rows for c in r)
    other = tmp_path / "other.csv"
    other.write_text("事项编码,事项名称\r\n0001,=2+2\r\n", encoding="utf-8")
    r = loaded("diff", other, "h", "-f", "csv")
    cells = [c for row in csv_rows(r.stdout) for c in row]
    assert "'=2+2" in cells and not any(c.startswith(("=", "+", "@")) for c in cells)


@pytest.mark.parametrize("what", ["catalogue", "decisions"])
def test_xlsx_cells_are_always_text(loaded, tmp_path, what):
    assert loaded("decide", "0003", "--abolish", "--reason", "=1+1").exit_code == 0
    out = tmp_path / "o.xlsx"
    args = ["--draft"] if what == "catalogue" else ["--what", what]
    assert loaded("export", *args, "-f", "xlsx", "-o", out).exit_code == 0
    ws = openpyxl.load_workbook(out).worksheets[0]
    cells = [c for row in ws.iter_rows() for c in row if c.value is not None]
    assert any(c.value == "=1+1" for c in cells)
    assert {c.data_type for c in cells} == {"s"}


def _lines(md: str) -> list[str]:
    return md.splitlines()


def test_markdown_escapes_html_links_and_its_own_syntax(loaded):
    md = loaded("export", "--draft", "-f", "md").stdout
    assert "<script>" not in md and "\\<script\\>" in md
    assert "[点](javascript:" not in md and "\\[点\\](javascript:" in md
    assert "\\*名称\\*" in md and "\\_x\\_" in md and "\\`code\\`" in md and "\\&amp;" in md
    headings = [line for line in _lines(md) if line.startswith("#")]
    assert not any("伪造" in h and not h.startswith("## 县水利局") for h in headings)
    assert any(h.startswith("## 县水利局 \\# 伪造的标题 \\#\\# 又一个") for h in headings)


def test_markdown_reports_and_diff_escape_too(loaded, tmp_path):
    assert loaded("decide", "0003", "--abolish", "--reason", "<img src=x onerror=alert(1)>\n# 标题").exit_code == 0
    md = loaded("export", "--what", "decisions", "-f", "md").stdout
    assert "<img" not in md.replace("\\<img", "") and "\\<img" in md
    assert not any(line.startswith("# 标题") for line in _lines(md))
    other = tmp_path / "other.csv"
    other.write_text("事项编码,事项名称\r\n0006,<b>粗</b>\r\n", encoding="utf-8")
    md = loaded("diff", other, "h", "-f", "md").stdout
    assert "<b>" not in md and "\\<b\\>" in md


def test_terminal_escapes_in_data_never_reach_the_terminal(cli, tmp_path):
    src = tmp_path / "t.csv"
    osc52 = "\x1b]52;c;cm0gLXJmIH4=\x07"
    src.write_text(f"事项编码,事项名称,备注\r\n0001,取水{osc52}许可,\x9b31m\r\n", encoding="utf-8")
    assert cli("import", src).exit_code == 0
    for args in (("show", "0001"), ("export", "--draft", "-f", "md"), ("audit",)):
        out = cli(*args).output
        assert "\x1b" not in out and "\x07" not in out and "\x9b" not in out, args


# --- the review screen's filter takes any length of input ------------------------------------------


@pytest.mark.parametrize("prefix", ["", "dept:", "rule:"], ids=["words", "departments", "rules"])
def test_a_filter_of_thousands_of_words_is_answered(loaded, prefix):
    assert loaded("audit").exit_code in (0, 1)
    many = " ".join(f"{prefix}词{n}" for n in range(1500))
    with Store(loaded.db) as s:
        assert s.browse_ids(s.catalog(None).id, parse(many)) == []


def test_many_words_an_item_holds_all_find_it(loaded):
    word = "javascript"
    parts = sorted({word[i:j] for i in range(len(word)) for j in range(i + 2, len(word) + 1)})
    assert len(parts) > 40
    with Store(loaded.db) as s:
        cat = s.catalog(None)
        everything = s.browse_ids(cat.id, parse(""))
        assert s.browse_ids(cat.id, parse(" ".join(["县"] * 1500))) == everything
        (only,) = [i for i in everything if s.browse_rows(cat.id, [i])[0].code == "0006"]
        assert s.browse_ids(cat.id, parse(" ".join(parts * 30))) == [only]
        assert s.browse_ids(cat.id, parse(" ".join(parts) + " 不在其中")) == []
