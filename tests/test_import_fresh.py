"""An import into a catalogue whose draft holds no item writes the items as they are read, and the first
import into a database builds the indexes after the rows: the draft, the messages and the database's
shape come out as the import through the staging tables gives them (a re-import, which compares)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from test_import_pool import broken, catalogue, dump, good_row, run, write

from itemclean import import_pool


@pytest.fixture(autouse=True, params=["one", "pool"])
def mode(request, tmp_path, monkeypatch):
    """Files named relative to the working directory; in one process, or two with chunks of seven rows."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(import_pool, "CHUNK", 7)
    monkeypatch.setattr(import_pool, "cores", lambda: 2)
    monkeypatch.setattr(import_pool, "POOL_MIN_BYTES", 0 if request.param == "pool" else 1 << 62)
    return request.param


def draft(db: Path) -> list:
    """What dump shows of the items and their children (not the catalogues or the log of imports)."""
    return dump(db)[1:5]


def indexes(db: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(db) as con:
        return con.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name").fetchall()


def untouched(tmp_path: Path) -> list[tuple[str, str]]:
    """The indexes of a database in which nothing was ever imported (an import of a missing file)."""
    assert run(tmp_path / "untouched.db", "import", "missing.csv").exit_code == 2
    return indexes(tmp_path / "untouched.db")


def test_a_first_import_stores_what_a_re_import_stores(tmp_path):
    write(tmp_path / "a.csv", catalogue())
    write(tmp_path / "other.csv", [catalogue()[0], good_row(999)])
    first = run(tmp_path / "first.db", "import", "a.csv", "--catalog", "x")
    assert first.exit_code == 0 and "added 120" in first.output
    assert run(tmp_path / "again.db", "import", "other.csv", "--catalog", "x").exit_code == 0
    again = run(tmp_path / "again.db", "import", "a.csv", "--catalog", "x", "--prune")
    assert again.exit_code == 0 and "added 120" in again.output and "removed 1" in again.output
    assert draft(tmp_path / "first.db") == draft(tmp_path / "again.db")
    assert indexes(tmp_path / "first.db") == indexes(tmp_path / "again.db") == untouched(tmp_path)


def test_a_failed_first_import_leaves_the_database_as_it_was(tmp_path):
    write(tmp_path / "bad.csv", broken())
    write(tmp_path / "a.csv", catalogue())
    r = run(tmp_path / "a.db", "import", "bad.csv")
    assert r.exit_code == 2
    assert "bad.csv:59:1: " in r.output and "bad.csv:58" in r.output  # the duplicate code, where it was first
    assert draft(tmp_path / "a.db") == [[], [], [], []]
    assert indexes(tmp_path / "a.db") == untouched(tmp_path)
    assert run(tmp_path / "a.db", "import", "a.csv").exit_code == 0
    again = run(tmp_path / "a.db", "import", "a.csv")  # the unique index on codes is there again
    assert again.exit_code == 0 and "unchanged 120" in again.output


def test_a_first_import_beside_another_catalogue(tmp_path):
    """The draft is empty but the database is not: the items follow the others', the indexes stay."""
    write(tmp_path / "a.csv", catalogue())
    write(tmp_path / "b.csv", [catalogue()[0]] + [good_row(n) for n in range(100, 200)])
    assert run(tmp_path / "two.db", "import", "a.csv", "--catalog", "x").exit_code == 0
    assert run(tmp_path / "two.db", "import", "b.csv", "--catalog", "y").exit_code == 0
    assert run(tmp_path / "y.db", "import", "b.csv", "--catalog", "y").exit_code == 0
    assert run(tmp_path / "x.db", "import", "a.csv", "--catalog", "x").exit_code == 0
    both = draft(tmp_path / "two.db")
    assert both[0] == draft(tmp_path / "x.db")[0] + draft(tmp_path / "y.db")[0]
    assert indexes(tmp_path / "two.db") == indexes(tmp_path / "y.db") == untouched(tmp_path)
    with sqlite3.connect(tmp_path / "two.db") as con:
        ids = [r[0] for r in con.execute("SELECT id FROM items ORDER BY catalog_id, position")]
    assert ids == list(range(1, 221))


def test_a_duplicate_code_in_a_first_import_beside_another_catalogue(tmp_path):
    write(tmp_path / "a.csv", catalogue())
    write(tmp_path / "bad.csv", broken())
    assert run(tmp_path / "two.db", "import", "a.csv", "--catalog", "x").exit_code == 0
    before = dump(tmp_path / "two.db")
    r = run(tmp_path / "two.db", "import", "bad.csv", "--catalog", "y")
    alone = run(tmp_path / "alone.db", "import", "bad.csv", "--catalog", "y")
    assert r.exit_code == alone.exit_code == 2 and r.output == alone.output
    assert dump(tmp_path / "two.db") == before


def test_an_unchanged_item_keeps_the_cells_it_is_read_from(tmp_path):
    """A re-import that changes only how a cell is written (list markers) changes no item, but the
    export writes the cells as the last file had them."""
    write(tmp_path / "a.csv", catalogue(20))
    rows = catalogue(20)
    rows[3][5] = rows[3][5].replace("1.", "1、").replace("2.", "2、")
    write(tmp_path / "b.csv", rows)
    assert run(tmp_path / "a.db", "import", "a.csv").exit_code == 0
    r = run(tmp_path / "a.db", "import", "b.csv")
    assert r.exit_code == 0 and "updated 0, unchanged 20" in r.output
    out = run(tmp_path / "a.db", "export", "--draft").output
    assert out.count("1、申请书") == 1 and out.count("1.申请书") == 19
