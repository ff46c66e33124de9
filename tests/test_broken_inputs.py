"""Broken and hostile input files: each is refused at file:row:column (or the file), exit 2, no traceback.

The corpus is in tests/data/broken/ (written by make_corpus.py there); a hypothesis fuzzer runs the
readers on mutated catalogues for a bounded number of examples.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from itemclean.errors import BadInput
from itemclean.importing import import_files
from itemclean.store import Store

BROKEN = Path(__file__).resolve().parent / "data" / "broken"

# file → (where the message points, what it says)
CORPUS = {
    "not-a-zip.xlsx": ("", "not a readable XLSX workbook"),
    "truncated.xlsx": ("", "not a readable XLSX workbook"),
    "damaged-deflate.xlsx": ("", "Error -3 while decompressing"),
    "sheet-packed-unknown-way.xlsx": ("", "compression method is not supported"),
    "sheet-encrypted.xlsx": ("", "is encrypted"),
    "sheet-xml-malformed.xlsx": ("", "ParseError"),
    "styles-xml-malformed.xlsx": ("", "ParseError"),
    "sheet-missing.xlsx": ("", "the workbook is damaged"),
    "shared-string-out-of-range.xlsx": (":2", "the workbook is damaged after row 1"),
    "formula-without-value.xlsx": (":2:1", "a formula with no saved value"),
    "unclosed-quote.csv": (":2:2", "never closed"),
    "bare-cr.csv": (":2:2", "bare carriage return"),
    "nul-in-code.csv": (":2:1", "U+0000"),
    "control-in-code.csv": (":2:1", "U+001B"),
    "bom-inside-code.csv": (":2:1", "U+FEFF"),
    "deep.json": (":1", "nested too deeply"),
    "deep-item.json": (":1", "nested too deeply"),
    "deep.jsonl": (":1", "nested too deeply"),
    "huge-number.json": (":1:11", "5000 digits"),
    "huge-number.jsonl": (":1:10", "5000 digits"),
    "lone-surrogate.json": (":1:code", "lone surrogate"),
    "lone-surrogate-in-name.jsonl": (":1:name", "lone surrogate"),
    "infinite-code.json": (":1:code", "inf is not a number"),
    "nan-code.json": (":1:code", "nan is not a number"),
    "object-as-name.json": (":1:name", "must be text"),
    "negative-limit.json": (":1:statutory_limit", "-5 working days"),
    "absurd-limit.json": (":1:statutory_limit", "from 0 to 3650"),
}


def test_the_corpus_is_all_here():
    assert sorted(p.name for p in BROKEN.iterdir() if p.suffix != ".py") == sorted(CORPUS)


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_broken_file_is_refused_where_it_is_broken(cli, name):
    where, what = CORPUS[name]
    path = BROKEN / name
    r = cli("--lang", "en", "import", path)
    assert r.exit_code == 2, r.output
    assert f"{path}{where}: " in r.output and what in r.output
    assert "Traceback" not in r.output
    with sqlite3.connect(cli.db) as conn:  # refused whole: no catalogue, no item
        assert conn.execute("SELECT count(*) FROM catalogs").fetchone() == (0,)
    r = cli("--lang", "en", "audit", path)  # the same readers, without a database
    assert r.exit_code == 2 and f"{path}{where}: " in r.output


@pytest.mark.parametrize(
    ("row", "where"),
    [
        pytest.param('0001,"取水\n许可",县水利局,注\r明\r\n', ":2:4", id="after-a-cell-of-two-lines"),
        pytest.param('0001,"取水,许可",县水利\r局,注明\r\n', ":2:3", id="after-a-separator-inside-quotes"),
        pytest.param('0001,"取水,许\n可",县水利局,"注明\n"\r\n0002,许可,局,注\r明\r\n', ":3:4", id="next-record"),
    ],
)
def test_a_bare_cr_is_placed_in_the_cell_of_its_record_that_holds_it(cli, tmp_path, row, where):
    """The column of a bare CR counts the record's cells, not the separators of its physical line."""
    path = tmp_path / "c.csv"
    path.write_bytes(("事项编码,事项名称,实施机关,备注\r\n" + row).encode())
    r = cli("--lang", "en", "import", path)
    assert r.exit_code == 2 and f"{path}{where}: a bare carriage return" in r.output, r.output


CODES = "code,decision,reason\r\n0001,keep,ok\r\n"


@pytest.fixture
def loaded(cli, tmp_path):
    src = tmp_path / "c.csv"
    src.write_text("事项编码,事项名称\r\n0001,取水许可\r\n0002,林木采伐许可\r\n0003,网吧审批\r\n", encoding="utf-8")
    assert cli("import", src).exit_code == 0
    return cli


def logged(cli) -> int:
    with sqlite3.connect(cli.db) as conn:
        return conn.execute("SELECT count(*) FROM decisions").fetchone()[0]


def test_decide_from_refuses_an_unclosed_quote_instead_of_swallowing_rows(loaded, tmp_path):
    f = tmp_path / "d.csv"
    f.write_text('code,decision,reason\r\n0001,keep,"fine\r\n0002,keep,ok\r\n0003,keep,ok\r\n', encoding="utf-8")
    r = loaded("--lang", "en", "decide", "--from", f)
    assert r.exit_code == 2 and f"{f}:2:3: " in r.output and "never closed" in r.output
    assert logged(loaded) == 0


def test_decide_from_refuses_a_bare_cr(loaded, tmp_path):
    f = tmp_path / "d.csv"
    f.write_bytes(b"code,decision,reason\r\n0001,keep,fine\rand more\r\n0002,keep,ok\r\n")
    r = loaded("--lang", "en", "decide", "--from", f)
    assert r.exit_code == 2 and f"{f}:2:3: " in r.output and "bare carriage return" in r.output
    assert logged(loaded) == 0


def test_decide_from_still_reads_quoted_line_breaks(loaded, tmp_path):
    f = tmp_path / "d.csv"
    f.write_text('code,decision,reason\r\n0001,abolish,"no basis\r\nat all"\r\n0002,keep,ok\r\n', encoding="utf-8")
    assert loaded("decide", "--from", f).exit_code == 0
    assert logged(loaded) == 2


def test_a_cr_inside_a_quoted_cell_is_kept(cli, tmp_path):
    f = tmp_path / "q.csv"
    f.write_bytes('事项编码,事项名称,备注\r\n0001,取水许可,"甲\r乙"\r\n0002,林木采伐许可,\r\n'.encode())
    assert cli("import", f).exit_code == 0
    data = json.loads(cli("export", "--draft", "-f", "json").stdout)
    assert [d["code"] for d in data] == ["0001", "0002"] and data[0]["notes"] == "甲\r乙"


@pytest.mark.parametrize("fast", [True, False], ids=["clean-file", "file-read-line-by-line"])
def test_a_bom_at_the_start_of_a_data_row_is_stripped(cli, tmp_path, fast):
    """Two exports pasted together leave the second one's BOM before a code."""
    f = tmp_path / "joined.csv"
    tail = b"" if fast else b'0003,"never closed\r\n'  # the careful reader takes over at a broken row
    f.write_bytes("\ufeff事项编码,事项名称\r\n0001,取水许可\r\n\ufeff0002,林木采伐许可\r\n".encode() + tail)
    r = cli("import", f)
    if fast:
        assert r.exit_code == 0, r.output
        assert cli("show", "0002").exit_code == 0
    else:
        assert r.exit_code == 2 and ":4:" in r.output and "U+FEFF" not in r.output


def test_a_bom_at_the_start_of_a_sheet_row_is_stripped(cli, tmp_path):
    wb = Workbook()
    for row in (["事项编码", "事项名称"], ["\ufeff0001", "取水许可"]):
        wb.active.append(row)
    wb.save(tmp_path / "b.xlsx")
    assert cli("import", tmp_path / "b.xlsx").exit_code == 0
    assert cli("show", "0001").exit_code == 0


def test_an_input_path_longer_than_255_bytes_is_a_message(cli, tmp_path):
    r = cli("import", tmp_path / ("长" * 90 + ".csv"))
    assert r.exit_code == 2 and "Traceback" not in r.output and "长长" in r.output


def test_a_limit_of_absurd_length_in_text_is_refused(cli, tmp_path):
    f = tmp_path / "l.csv"
    f.write_text("事项编码,事项名称,法定时限\r\n0001,取水许可,99999999999999999999999个工作日\r\n", encoding="utf-8")
    r = cli("--lang", "en", "import", f)
    assert r.exit_code == 2 and f"{f}:2:3: " in r.output and "from 0 to 3650" in r.output


# --- fuzzing -----------------------------------------------------------------------------------

SEED_ROWS = [
    ["事项编码", "事项名称", "实施机关", "设定依据", "法定时限", "收费项目"],
    ["0001", "取水许可", "县水利局", "《中华人民共和国水法》第七条", "20个工作日", "审图费|100元/件|县政府文件"],
    ["0002", "林木采伐许可", "县林业局", "1.《森林法》\n2.无", "即办", "无"],
]


def seed_csv() -> bytes:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(SEED_ROWS)
    return buf.getvalue().encode()


def seed_json() -> bytes:
    keys = ["code", "name", "department", "basis", "statutory_limit", "fees"]
    return json.dumps([dict(zip(keys, r)) for r in SEED_ROWS[1:]], ensure_ascii=False).encode()


def seed_xlsx() -> bytes:
    wb = Workbook()
    for row in SEED_ROWS:
        wb.active.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


SEEDS = {"csv": seed_csv(), "json": seed_json(), "jsonl": seed_json().replace(b"}, {", b"}\n{")[1:-1], "xlsx": b""}
SEEDS["xlsx"] = seed_xlsx()


@st.composite
def mutated(draw, seed: bytes) -> bytes:
    """The seed with a few bytes replaced, inserted or removed, or cut short."""
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 6))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        op = draw(st.sampled_from(["replace", "insert", "delete", "cut"]))
        chunk = draw(st.binary(min_size=1, max_size=4) | st.sampled_from([b'"', b"\r", b"\x00", b"\xef\xbb\xbf", b"["]))
        if op == "replace":
            data[at : at + len(chunk)] = chunk
        elif op == "insert":
            data[at:at] = chunk
        elif op == "delete":
            del data[at : at + len(chunk)]
        else:
            del data[at:]
    return bytes(data)


@st.composite
def mutated_xlsx(draw) -> bytes:
    """The seed workbook with one of its XML parts mutated (so zip and zlib stay readable) or its bytes."""
    if draw(st.booleans()):
        return draw(mutated(SEEDS["xlsx"]))
    src = zipfile.ZipFile(io.BytesIO(SEEDS["xlsx"]))
    names = [i.filename for i in src.infolist()]
    target = draw(st.sampled_from(names))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for name in names:
            body = src.read(name)
            out.writestr(name, draw(mutated(body)) if name == target else body)
    return buf.getvalue()


def read_all(kind: str, data: bytes) -> None:
    """Import the bytes as a file of this kind into a fresh database: anything but BadInput is a bug."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"fuzz.{kind}"
        path.write_bytes(data)
        with Store(Path(tmp) / "f.db") as store:
            try:
                import_files(store, [path])
            except BadInput as e:
                assert all(p.file == str(path) or p.file == "" for p in e.problems), e
                assert str(e)


# ITEMCLEAN_FUZZ_EXAMPLES=2000 for a longer run than CI's
FUZZ = settings(
    max_examples=int(os.environ.get("ITEMCLEAN_FUZZ_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    database=None,
)


@pytest.mark.parametrize("kind", ["csv", "json", "jsonl"])
@FUZZ
@given(data=st.data())
def test_fuzz_text_readers_raise_nothing_but_bad_input(kind, data):
    read_all(kind, data.draw(mutated(SEEDS[kind])))


@FUZZ
@given(data=mutated_xlsx())
def test_fuzz_xlsx_reader_raises_nothing_but_bad_input(data):
    read_all("xlsx", data)


@FUZZ
@given(text=st.text(max_size=200))
def test_fuzz_any_text_as_a_csv_cell(text):
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows([["事项编码", "事项名称", "备注"], ["0001", "取水许可", text]])
    read_all("csv", buf.getvalue().encode("utf-8", "surrogatepass"))


# --- caps on what a workbook may hold (lowered here so that the tests stay small) -------------------


MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
SST_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
SST_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"


def workbook_with_shared_strings(path: Path, n: int) -> None:
    """n items whose codes and names are shared strings, as Excel writes them (openpyxl writes inline)."""
    texts = ["事项编码", "事项名称"] + [t for i in range(n) for t in (f"{i:04d}", f"事项{i}")]
    rows = "".join(
        f'<row r="{r + 1}"><c r="A{r + 1}" t="s"><v>{2 * r}</v></c><c r="B{r + 1}" t="s"><v>{2 * r + 1}</v></c></row>'
        for r in range(n + 1)
    )
    sst = "".join(f"<si><t>{t}</t></si>" for t in texts)
    src = zipfile.ZipFile(io.BytesIO(seed_xlsx()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name in src.namelist():
            body = src.read(name).decode()
            if name == "[Content_Types].xml":
                body = body.replace(
                    "</Types>", f'<Override PartName="/xl/sharedStrings.xml" ContentType="{SST_TYPE}"/></Types>'
                )
            elif name == "xl/_rels/workbook.xml.rels":
                body = body.replace(
                    "</Relationships>",
                    f'<Relationship Id="rIdS" Type="{SST_REL}" Target="sharedStrings.xml"/></Relationships>',
                )
            elif name == "xl/worksheets/sheet1.xml":
                body = f'<worksheet xmlns="{MAIN}"><sheetData>{rows}</sheetData></worksheet>'
            out.writestr(name, body)
        out.writestr("xl/sharedStrings.xml", f'<sst xmlns="{MAIN}">{sst}</sst>')


@pytest.mark.parametrize(
    "cap, value, message",
    [
        ("XLSX_MAX_SHARED_STRINGS", 20, "more than 20 shared strings"),
        ("XLSX_MAX_SHARED_BYTES", 100, "a shared-string table of"),
        ("XLSX_MAX_UNCOMPRESSED", 4000, "bytes unpacked"),
        ("XLSX_MAX_ROWS", 10, "more than 10 rows"),
    ],
)
def test_a_workbook_beyond_a_cap_is_refused(cli, tmp_path, monkeypatch, cap, value, message):
    from itemclean import readers

    path = tmp_path / "big.xlsx"
    workbook_with_shared_strings(path, 30)
    r = cli("import", "--dry-run", path)  # within the shipped caps
    assert r.exit_code == 0 and "0029" in r.output
    monkeypatch.setattr(readers, cap, value)
    r = cli("--lang", "en", "import", path)
    assert r.exit_code == 2 and f"{path}: the workbook holds " in r.output and message in r.output
    assert "split it or save it as CSV" in r.output


def test_control_characters_in_text_are_reported_and_shown_escaped(tmp_path):
    from typer.testing import CliRunner

    from itemclean.cli import app

    sheet = tmp_path / "ctl.csv"
    sheet.write_bytes("事项编码,事项名称,备注\n001,甲\x07乙,x\x1b]52;c;ZXZpbA==\x07y\n002,丙,ok\n".encode())
    db = tmp_path / "c.db"
    r = CliRunner().invoke(app, ["--db", str(db), "--lang", "en", "import", str(sheet)])
    assert r.exit_code == 0, r.output
    assert f"2 cell(s) hold control characters, kept and shown escaped (\\x07): {sheet}:2:2, {sheet}:2:3" in r.output
    shown = CliRunner().invoke(app, ["--db", str(db), "show", "001"]).output
    assert "甲\\x07乙" in shown and "\x1b" not in shown and "\x07" not in shown
