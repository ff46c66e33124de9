"""`itemclean diff` of two CSV files read the quick way (plain_csv): what the careful reader makes of a
sheet is what the quick one makes of it, and what it cannot read plainly it leaves to the careful one."""

from __future__ import annotations

import json

from conftest import header_line

from itemclean.plain_csv import CHUNK

HEADER = header_line(("code", "name", "department", "basis", "materials", "statutory_limit", "fees", "notes"))


def row(n: int, notes: str = "", name: str | None = None) -> str:
    name = name or f"取水许可{n}"
    return f'{n:06d},{name},县水利局,"《中华人民共和国水法》第七条\n第二款",申请书,20个工作日,无,{notes}\r\n'


ROWS = [row(n) for n in range(1, 700)]  # more than one chunk of bytes


def write(path, text: str | bytes):
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return path


def diff(cli, a, b):
    r = cli("diff", a, b, "--format", "json")
    return r, json.loads(r.stdout) if r.exit_code in (0, 1) else None


def test_a_guarded_cell_past_the_first_chunk_equals_its_text(cli, tmp_path):
    """A cell guarded against formulas on export (`'=…`) is its text without the guard, wherever it is."""
    a = write(tmp_path / "a.csv", HEADER + "".join(ROWS[:600]) + row(601, "=1+1") + "".join(ROWS[601:]))
    b = write(tmp_path / "b.csv", HEADER + "".join(ROWS[:600]) + row(601, "'=1+1") + "".join(ROWS[601:]))
    assert len(HEADER.encode() + "".join(ROWS[:600]).encode()) > CHUNK
    r, d = diff(cli, a, b)
    assert r.exit_code == 0 and d["changed"] == []
    c = write(tmp_path / "c.csv", HEADER + "".join(ROWS[:600]) + row(601, "'=1+2") + "".join(ROWS[601:]))
    r, d = diff(cli, a, c)
    assert r.exit_code == 1 and d["changed"][0]["fields"] == {"notes": {"old": "=1+1", "new": "=1+2"}}


def test_a_byte_order_mark_before_a_row_changes_nothing(cli, tmp_path):
    """Files pasted together leave a byte-order mark before a row's first cell: it is not part of the code."""
    a = write(tmp_path / "a.csv", HEADER + "".join(ROWS))
    b = write(tmp_path / "b.csv", "\ufeff" + HEADER + "".join(ROWS[:300]) + "\ufeff" + "".join(ROWS[300:]))
    r, d = diff(cli, a, b)
    assert r.exit_code == 0 and d["added"] == d["removed"] == d["changed"] == []


def test_a_title_blank_row_and_section_heading_are_not_items(cli, tmp_path):
    a = write(tmp_path / "a.csv", HEADER + "".join(ROWS))
    b = write(
        tmp_path / "b.csv",
        "江岭县行政许可事项清单,,,,,,,\r\n" + HEADER + ",,,,,,,\r\n一、水利,,,,,,,\r\n" + "".join(ROWS[:-1]),
    )
    r, d = diff(cli, a, b)
    assert r.exit_code == 1 and d["removed"] == [{"code": "000699", "name": "取水许可699"}]
    assert d["added"] == d["changed"] == d["problems"] == []


def _cr_at_chunk_end(rows: list[str]) -> bytes:
    """The rows with the first row's notes padded so that a line's CR is the last byte of the first chunk."""
    for pad in range(400):
        text = (HEADER + row(1, "x" * pad) + "".join(rows[1:])).encode()
        if text[CHUNK - 1 : CHUNK] == b"\r":
            return text
    raise AssertionError("no padding puts a CR at the end of the chunk")


def test_a_line_end_across_two_chunks_is_one_line_end(cli, tmp_path):
    text = _cr_at_chunk_end(ROWS)
    a = write(tmp_path / "a.csv", text)
    b = write(tmp_path / "b.csv", text.replace("取水许可650".encode(), "取水许可六五零".encode()))
    r, d = diff(cli, a, b)
    assert r.exit_code == 1 and d["problems"] == []
    assert d["changed"] == [
        {
            "code": "000650",
            "name": "取水许可六五零",
            "fields": {"name": {"old": "取水许可650", "new": "取水许可六五零"}},
        }
    ]


def test_a_bare_cr_at_the_end_of_a_chunk_is_reported_where_it_is(cli, tmp_path):
    """A CR that no LF follows splits a row: the careful reader reports its row and cell."""
    text = _cr_at_chunk_end(ROWS)
    a = write(tmp_path / "a.csv", text)
    b = write(tmp_path / "b.csv", text[:CHUNK] + b"X" + text[CHUNK:])
    r, d = diff(cli, a, b)
    assert r.exit_code == 1
    (p,) = d["problems"]
    assert p["file"] == str(b) and "bare carriage return" in p["message"]
    assert p["row"] == text[:CHUNK].count(b"\r\n") + 1  # the record whose line it ends


def test_bytes_that_are_not_utf_8_are_reported_and_the_rest_compared(cli, tmp_path):
    a = write(tmp_path / "a.csv", HEADER + "".join(ROWS))
    b = write(tmp_path / "b.csv", (HEADER + "".join(ROWS)).encode().replace("县水利局".encode(), b"\xff\xfe", 1))
    r, d = diff(cli, a, b)
    assert r.exit_code == 1
    (p,) = d["problems"]
    assert (p["file"], p["row"], p["column"]) == (str(b), 2, 3) and "0xff" in p["message"]
    assert [c["code"] for c in d["changed"]] == ["000001"]
