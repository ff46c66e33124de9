"""A large CSV file is read by the pool itself, block by block of whole records: it imports exactly as one
process imports it, whatever its encoding, the rows above its header, its blank rows and section headings,
and a block the fast reader would not take hands the rest of the file back to the importing process.

Each import is compared with the same import in one process (test_import_pool.both): exit status, every
message in its order, and what the database holds. Blocks are made small, so that files cross many."""

from __future__ import annotations

import csv
import io

import pytest
from test_import_pool import both, broken, catalogue

from itemclean import import_pool
from itemclean.readers import csv_blocks, read_csv_block


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(import_pool, "CHUNK", 7)
    monkeypatch.setattr(import_pool, "cores", lambda: 2)


def text(rows: list[list[str]], delimiter: str = ",", terminator: str = "\r\n") -> str:
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator=terminator).writerows(rows)
    return buf.getvalue()


def readings(monkeypatch) -> list[str]:
    """Per file the pool read by its bytes: "all", or "handed back" when the importing process read on."""
    seen: list[str] = []
    read = import_pool._read_blocks

    def spy(*args):
        position, resume = yield from read(*args)
        seen.append("all" if resume is None else "handed back")
        return position, resume

    monkeypatch.setattr(import_pool, "_read_blocks", spy)
    return seen


def test_blocks_are_whole_records_numbered_as_the_csv_module_numbers_them(tmp_path):
    rows = broken()  # multi-line cells, a section heading, a blank row
    data = text(rows).encode("utf-8-sig")
    path = tmp_path / "a.csv"
    path.write_bytes(data)
    blocks = list(csv_blocks(path, 300))
    assert len(blocks) > 10
    assert b"".join(b for _, _, b in blocks) == data
    read = []
    for first, records, block in blocks:
        got = read_csv_block(block, "utf-8-sig", first, ",", records)
        assert got is not None and len(got) == records
        read += [(r.number, r.cells) for r in got]
    assert read == list(enumerate(rows, 1))


def test_a_block_the_fast_reader_would_not_take_is_refused(tmp_path):
    good = text(catalogue(3)).encode()
    assert read_csv_block(good, "utf-8", 1, ",", 4) is not None
    assert read_csv_block(good, "utf-8", 1, ",", 5) is None  # not the records counted
    assert read_csv_block(good.replace(b"\r\n", b"\r", 1), "utf-8", 1, ",", 4) is None  # a bare CR
    assert read_csv_block(good.replace("许可".encode(), b"\xff\xfe", 1), "utf-8", 1, ",", 4) is None
    assert read_csv_block(good + b'x,"open\r\n', "utf-8", 1, ",", 5) is None  # a quote left open
    # a quote inside a field that does not start with one is text, as the fast reader reads it
    assert read_csv_block(good.replace(b",", b',x"y', 1), "utf-8", 1, ",", 4)[0].cells[1].startswith('x"y')


def test_gb18030_tabs_titles_sections_and_blank_rows(tmp_path, monkeypatch):
    rows = [["江岭省县级行政许可事项清单"], []] + broken()
    del rows[2 + 6]  # no problem but the duplicate code and the cell past the header
    (tmp_path / "g.tsv").write_bytes(text(rows, "\t", "\n").encode("gb18030"))
    seen = readings(monkeypatch)
    one, pooled = both(tmp_path, monkeypatch, [["import", "g.tsv"]])
    assert seen == ["all"]
    assert one[0][0][0] == 2 and "g.tsv:" in one[0][0][1]
    assert one == pooled


def test_a_clean_file_with_sections_stores_the_same(tmp_path, monkeypatch):
    rows = catalogue(150)
    rows.insert(40, ["二、县水利局"] + [""] * 10)
    rows.insert(75, [""] * 11)
    (tmp_path / "s.csv").write_bytes(text(rows).encode())
    seen = readings(monkeypatch)
    one, pooled = both(tmp_path, monkeypatch, [["import", "s.csv"], ["import", "s.csv", "--prune"]])
    assert seen == ["all", "all"]
    assert [code for code, _ in one[0]] == [0, 0]
    assert one == pooled


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda b: b.replace("许可事项60".encode(), b"\xff" + "许可事项60".encode()), id="bytes"),
        pytest.param(lambda b: b.replace("许可事项60,".encode(), "许可事项60\r县,".encode()), id="bare-cr"),
        pytest.param(lambda b: b.replace(",许可事项60,".encode(), ',许可"事项60,'.encode()), id="stray-quote"),
    ],
)
def test_a_damaged_block_hands_the_rest_to_the_importing_process(tmp_path, monkeypatch, damage):
    (tmp_path / "d.csv").write_bytes(damage(text(broken()).encode("utf-8-sig")))
    seen = readings(monkeypatch)
    one, pooled = both(tmp_path, monkeypatch, [["import", "d.csv"]])
    assert seen == ["handed back"]
    assert one[0][0][0] == 2
    assert one == pooled


def test_guarded_cells_and_a_pasted_bom_in_some_blocks_store_the_same(tmp_path, monkeypatch):
    """A block holding a cell guarded against formulas (`'=…`) or a BOM left by files pasted together has
    its cells cleaned; a block holding neither is taken as read. Both as one process reads them."""
    rows = catalogue(150)
    rows[20][2] = "'=县局"  # a guarded cell: stored without its guard
    rows[21][1] = "it's item"  # a quote mark that guards nothing
    data = text(rows[:100]).encode() + text(rows[100:]).encode("utf-8-sig")  # a BOM before row 101
    (tmp_path / "g.csv").write_bytes(data)
    seen = readings(monkeypatch)
    one, pooled = both(tmp_path, monkeypatch, [["import", "g.csv"]])
    assert seen == ["all"]
    assert one[0][0][0] == 0
    items = {row[1]: row for row in one[1][1]}  # by position
    assert items[20][4] == "=县局" and items[21][2] == "it's item"
    assert items[100][0] == rows[100][0]  # the code after the BOM, without it
    assert one == pooled
