"""A large file parsed on several processes imports exactly as one process imports it.

The pool is taken for files of import_pool.POOL_MIN_BYTES and more; here the threshold is lowered and
the chunks made small, so that small files cross many chunk boundaries, and each import is compared with
the same import in one process: exit status, every message in its order, and what the database holds.
"""

from __future__ import annotations

import csv
import io
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from itemclean import import_pool
from itemclean.cli import app
from itemclean.model import FIELDS, HEADERS
from itemclean.sheet import Source

HEADER = [HEADERS[k][0] for k in FIELDS]


def good_row(n: int) -> list[str]:
    return [
        f"{n:06d}",
        f"许可事项{n}",
        f"县第{n % 7}局",
        "行政许可",
        f"1.《中华人民共和国水法》第{n % 50 + 1}条\n2.《取水许可管理办法》",
        "1.申请书\n2.营业执照",
        "受理、审查、决定",
        f"{n % 30 + 1}个工作日",
        "即办" if n % 3 else "",
        "无" if n % 4 else f"证书工本费|{n % 9 + 1}元/本|",
        "",
    ]


def write(path: Path, rows: list[list[str]], tail: bytes = b"") -> Path:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buf.getvalue().encode("utf-8-sig") + tail)
    return path


def catalogue(rows: int = 120) -> list[list[str]]:
    return [HEADER] + [good_row(n) for n in range(1, rows + 1)]


def broken(rows: int = 120) -> list[list[str]]:
    """Problems of every kind the item builder reports, spread over chunks, with sections and blank rows."""
    out = catalogue(rows)
    out[5][1] = ""  # no name
    out[17][0] = "0017\x00"  # a NUL in the code
    out[30][9] = "|10元|"  # a fee without a name
    out[44][7] = "9999个工作日"  # an absurd time limit
    out[58][0] = out[57][0]  # a duplicate code
    out[70][2] = "县\x1b局"  # control characters: kept, and the first are listed
    out.insert(80, ["二、县水利局"] + [""] * 10)  # a section heading
    out.insert(90, [""] * 11)  # a blank row
    out[100] = out[100] + ["beyond the header"]  # a cell past the header's columns
    return out


def run(db: Path, *args: str):
    r = CliRunner().invoke(app, ["--db", str(db), *args], env={"COLUMNS": "400", "ITEMCLEAN_LANG": "en"})
    assert r.exception is None or isinstance(r.exception, SystemExit), r.exception
    return r


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path, monkeypatch):
    """Files named relative to the working directory (`file.csv:3:1: …`); two processes, chunks of seven rows."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(import_pool, "CHUNK", 7)
    monkeypatch.setattr(import_pool, "cores", lambda: 2)


def dump(db: Path) -> list:
    if not db.exists():
        return []
    with sqlite3.connect(db) as con:
        return [
            con.execute("SELECT name, layout FROM catalogs ORDER BY id").fetchall(),
            con.execute(
                "SELECT code, position, name, name_norm, department, statutory_days, promised_text, extra, raw, hash"
                " FROM items ORDER BY catalog_id, position"
            ).fetchall(),
            con.execute(
                "SELECT i.code, c.pos, c.text, c.instrument_norm, c.article FROM citations c"
                " JOIN items i ON i.id = c.item_id ORDER BY i.position, c.pos"
            ).fetchall(),
            con.execute(
                "SELECT i.code, m.pos, m.text FROM materials m JOIN items i ON i.id = m.item_id ORDER BY 1, 2"
            ).fetchall(),
            con.execute(
                "SELECT i.code, f.pos, f.name, f.kind, f.low FROM fees f JOIN items i ON i.id = f.item_id ORDER BY 1, 2"
            ).fetchall(),
            con.execute("SELECT added, updated, unchanged, removed, sections FROM imports ORDER BY id").fetchall(),
        ]


def both(tmp_path: Path, monkeypatch, steps: list[list[str]]) -> tuple[list, list]:
    """Each step's (exit status, output) and the database at the end, in one process and then in a pool."""
    out = []
    for mode in ("one", "pool"):
        db = tmp_path / f"{mode}.db"
        if mode == "pool":
            monkeypatch.setattr(import_pool, "POOL_MIN_BYTES", 0)
        else:
            monkeypatch.setattr(import_pool, "POOL_MIN_BYTES", 1 << 62)
        results = [run(db, *step) for step in steps]
        out.append(([(r.exit_code, r.output) for r in results], dump(db)))
    return out[0], out[1]


def test_a_large_file_is_parsed_in_a_pool(tmp_path, monkeypatch):
    src = Source(write(tmp_path / "a.csv", catalogue()))
    assert not import_pool.pooled(src, lambda s: True)  # smaller than POOL_MIN_BYTES
    monkeypatch.setattr(import_pool, "POOL_MIN_BYTES", 0)
    src = Source(write(tmp_path / "a.csv", catalogue()))
    assert import_pool.pooled(src, lambda s: True)
    assert not import_pool.pooled(src, lambda s: False)  # a column to carry over: one process


def test_a_clean_file_imports_the_same(tmp_path, monkeypatch):
    write(tmp_path / "a.csv", catalogue())
    one, pooled = both(tmp_path, monkeypatch, [["import", "a.csv"]])
    assert one[0][0][0] == 0 and "120" in one[0][0][1]
    assert one == pooled


def test_every_problem_in_the_same_order(tmp_path, monkeypatch):
    write(tmp_path / "b.csv", broken())
    one, pooled = both(tmp_path, monkeypatch, [["import", "b.csv"]])
    code, output = one[0][0]
    assert code == 2
    lines = [x for x in output.splitlines() if x.startswith("b.csv:")]
    assert [x.split(":")[1] for x in lines] == ["6", "18", "31", "45", "59"]
    assert one == pooled
    assert not any(pooled[1])  # nothing stored: all of the file or none of it


def test_reader_problems_interleave_with_the_builders(tmp_path, monkeypatch):
    """Undecodable bytes make the careful reader take over midway; its problems and the item builder's
    come out in one order."""
    rows = broken()
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    text = buf.getvalue().encode("utf-8-sig")
    at = text.index("许可事项40".encode())
    (tmp_path / "c.csv").write_bytes(text[:at] + b"\xff\xfe" + text[at:])
    one, pooled = both(tmp_path, monkeypatch, [["import", "c.csv"]])
    assert one[0][0][0] == 2 and "c.csv:41:2" in one[0][0][1]
    assert one == pooled


def test_controls_and_columns_beyond_the_header(tmp_path, monkeypatch):
    rows = catalogue(80)
    for n in range(3, 60, 2):  # more control cells than are listed
        rows[n][10] = f"备注\x07{n}"
    rows[50] = rows[50] + ["", "past the header"]
    rows[20] = rows[20] + ["first past"]
    write(tmp_path / "d.csv", rows)
    one, pooled = both(tmp_path, monkeypatch, [["import", "d.csv"]])
    assert one[0][0][0] == 0
    assert "\\x07" in one[0][0][1]
    assert one == pooled


def test_re_import_prune_and_a_sheet_that_lacks_columns(tmp_path, monkeypatch):
    """A second version updates, adds and prunes; a sheet without the notes column carries them over."""
    write(tmp_path / "v1.csv", catalogue(100))
    v2 = catalogue(110)[:1] + [r for r in catalogue(110)[1:] if int(r[0]) % 10]
    for r in v2[1::9]:
        r[6] = "受理、决定"
    write(tmp_path / "v2.csv", v2)
    write(tmp_path / "v3.csv", [r[:10] for r in catalogue(100)])
    steps = [["import", "v1.csv"], ["import", "v2.csv", "--prune"], ["import", "v3.csv"]]
    one, pooled = both(tmp_path, monkeypatch, steps)
    assert [code for code, _ in one[0]] == [0, 0, 0]
    assert one == pooled
