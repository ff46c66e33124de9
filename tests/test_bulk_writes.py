"""Large writes: a bulk commit leaves SQLite's checkpoint to a thread of its own (the data is safe in the log
the moment the commit returns, and close() waits for the copy), and a whole audit builds the findings' rule
index once its findings are in, in the same transaction."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
import threading
from contextlib import closing

import pytest
from test_audit_pool import audit_json, imported  # noqa: F401  (a fixture)
from test_tui_layout import needs_realdata

from itemclean import audit_pool
from itemclean import store as store_module
from itemclean.store import Store

RULE_INDEX = "idx_findings_catalog_id_rule_severity"


def checkpoint_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "itemclean-checkpoint"]


def fill(s: Store, n: int) -> None:
    with s.write():
        s.conn.execute("CREATE TABLE IF NOT EXISTS bulk (n INTEGER)")
        s.conn.executemany("INSERT INTO bulk VALUES (?)", ((i,) for i in range(n)))


def in_file(path) -> int:
    """Rows of bulk in the database file itself, the log not read (immutable): what a checkpoint copied."""
    with closing(sqlite3.connect(f"file:{path}?immutable=1", uri=True)) as c:
        return c.execute("SELECT count(*) FROM bulk").fetchone()[0]


def test_a_bulk_commit_is_copied_into_the_file_by_close(tmp_path, monkeypatch):
    monkeypatch.setattr(store_module, "BULK_CHANGES", 100)
    started: list[str] = []

    class Seen(threading.Thread):
        def start(self) -> None:
            started.append(self.name)
            super().start()

    monkeypatch.setattr(threading, "Thread", Seen)
    path = tmp_path / "b.db"
    s = Store(path)
    fill(s, 50)  # small: SQLite's own checkpoint, no thread
    assert started == []
    fill(s, 500)
    assert started == ["itemclean-checkpoint"]
    other = sqlite3.connect(path)  # committed: another connection sees it at once
    assert other.execute("SELECT count(*) FROM bulk").fetchone()[0] == 550
    other.close()
    s.close()
    assert not checkpoint_threads()
    assert in_file(path) == 550
    assert not (tmp_path / "b.db-wal").exists() or (tmp_path / "b.db-wal").stat().st_size == 0


def test_two_bulk_commits_in_a_row_wait_for_each_other(tmp_path, monkeypatch):
    monkeypatch.setattr(store_module, "BULK_CHANGES", 100)
    path = tmp_path / "b.db"
    with Store(path) as s:
        fill(s, 300)
        fill(s, 300)
        assert len(checkpoint_threads()) <= 1
        fill(s, 10)  # a small write after them commits as ever
    assert not checkpoint_threads()
    assert in_file(path) == 610


def test_a_rolled_back_bulk_write_starts_no_checkpoint(tmp_path, monkeypatch):
    monkeypatch.setattr(store_module, "BULK_CHANGES", 100)
    with Store(tmp_path / "b.db") as s:
        with pytest.raises(RuntimeError), s.write():
            s.conn.execute("CREATE TABLE bulk (n INTEGER)")
            s.conn.executemany("INSERT INTO bulk VALUES (?)", ((i,) for i in range(500)))
            raise RuntimeError("stop")
        assert not checkpoint_threads()
        assert not s.conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'bulk'").fetchone()[0]


def test_a_process_killed_before_the_copy_loses_nothing(tmp_path):
    path = tmp_path / "b.db"
    script = textwrap.dedent(f"""
        import os
        from itemclean import store
        from itemclean.store import Store
        store.BULK_CHANGES = 100
        s = Store({str(path)!r})
        with s.write():
            s.conn.execute("CREATE TABLE bulk (n INTEGER)")
            s.conn.executemany("INSERT INTO bulk VALUES (?)", ((i,) for i in range(20000)))
        os._exit(0)  # at once: no close, the checkpoint may not have run
    """)
    subprocess.run([sys.executable, "-c", script], check=True, timeout=120)
    with Store(path) as s:
        assert s.conn.execute("SELECT count(*) FROM bulk").fetchone()[0] == 20000
    assert in_file(path) == 20000


def index_sql(db) -> list[tuple]:
    with sqlite3.connect(db) as c:
        return c.execute("SELECT name, sql FROM sqlite_master WHERE tbl_name = 'findings' ORDER BY name").fetchall()


@needs_realdata
def test_a_whole_audit_leaves_the_rule_index_as_it_was_holding_every_finding(imported):  # noqa: F811
    before = index_sql(imported.db)
    assert RULE_INDEX in dict(before)
    audit_json(imported)
    assert index_sql(imported.db) == before
    audit_json(imported, "--full")
    assert index_sql(imported.db) == before
    with sqlite3.connect(imported.db) as c:  # the index holds every finding
        assert (
            c.execute(f"SELECT count(*) FROM findings INDEXED BY {RULE_INDEX} WHERE catalog_id > 0").fetchone()[0]
            == c.execute("SELECT count(*) FROM findings").fetchone()[0]
        )


@needs_realdata
def test_an_audit_that_fails_keeps_the_rule_index_and_the_findings(imported, monkeypatch):  # noqa: F811
    want = audit_json(imported)
    before = index_sql(imported.db)

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(audit_pool, "share_rows", broken)
    monkeypatch.setattr(audit_pool, "POOL_MIN_ITEMS", 10**9)  # in this process, where the failure is
    r = imported("audit", "--as-of", "2026-12-01", "--format", "json", "--full")
    assert r.exit_code not in (0, 1)
    assert index_sql(imported.db) == before
    monkeypatch.undo()
    assert audit_json(imported) == want


@needs_realdata
def test_with_another_catalogues_findings_the_index_is_kept_up_to_date_as_rows_go_in(imported, tmp_path):  # noqa: F811
    audit_json(imported)
    second = tmp_path / "second.csv"
    second.write_text(
        "事项编码,事项名称,实施机关\r\nX1,某事项,县水利局\r\nX2,某事项,县水利局\r\n", encoding="utf-8-sig"
    )
    assert imported("import", second, "--catalog", "second").exit_code == 0
    r = imported("--catalog", "second", "audit", "--as-of", "2026-12-01", "--format", "json")
    assert r.exit_code in (0, 1), r.output
    with sqlite3.connect(imported.db) as c:
        rows = c.execute("SELECT count(*) FROM findings").fetchone()[0]
        assert (
            c.execute(f"SELECT count(*) FROM findings INDEXED BY {RULE_INDEX} WHERE catalog_id > 0").fetchone()[0]
            == rows
        )
        assert c.execute("SELECT count(DISTINCT catalog_id) FROM findings").fetchone()[0] == 2


@pytest.fixture
def modes(monkeypatch) -> list[str]:
    """The journal modes the store switched to, in order."""
    seen: list[str] = []
    switch = Store._journal

    def spy(self, mode: str) -> str:
        seen.append(switch(self, mode))
        return seen[-1]

    monkeypatch.setattr(Store, "_journal", spy)
    return seen


def journal_mode(db) -> str:
    with closing(sqlite3.connect(db)) as c:
        return c.execute("PRAGMA journal_mode").fetchone()[0]


def sheet(tmp_path, rows: list[str]):
    p = tmp_path / "c.csv"
    p.write_text("事项编码,事项名称,实施机关\r\n" + "".join(r + "\r\n" for r in rows), encoding="utf-8-sig")
    return p


def test_a_first_import_is_written_through_a_rollback_journal_then_back_to_wal(cli, tmp_path, modes):
    assert cli("import", sheet(tmp_path, ["A1,甲,县水利局", "A2,乙,县水利局"])).exit_code == 0
    assert modes == ["delete", "wal"]
    assert journal_mode(cli.db) == "wal"
    assert cli("import", sheet(tmp_path, ["A1,甲,县水利局", "A3,丙,县水利局"])).exit_code == 0
    assert modes == ["delete", "wal"]  # the database holds items now: the log as ever
    with closing(sqlite3.connect(cli.db)) as c:
        assert c.execute("SELECT code FROM items ORDER BY code").fetchall() == [("A1",), ("A2",), ("A3",)]


def test_a_first_import_that_fails_leaves_nothing_and_wal(cli, tmp_path, modes):
    r = cli("import", sheet(tmp_path, ["A1,甲,县水利局", "A1,乙,县水利局"]))
    assert r.exit_code == 2
    assert modes == ["delete", "wal"]
    assert journal_mode(cli.db) == "wal"
    with closing(sqlite3.connect(cli.db)) as c:
        assert c.execute("SELECT count(*) FROM items").fetchone()[0] == 0
        assert c.execute("SELECT count(*) FROM catalogs").fetchone()[0] == 0


def test_with_the_database_open_elsewhere_a_first_import_keeps_the_log(cli, tmp_path, modes):
    Store(cli.db).close()
    other = sqlite3.connect(cli.db)  # another reader: the journal mode cannot change
    other.execute("SELECT count(*) FROM items").fetchone()
    try:
        assert cli("import", sheet(tmp_path, ["A1,甲,县水利局"])).exit_code == 0
        assert other.execute("SELECT count(*) FROM items").fetchone()[0] == 1
    finally:
        other.close()
    assert modes == ["wal"]
    assert journal_mode(cli.db) == "wal"


def test_a_dry_run_switches_nothing(cli, tmp_path, modes):
    assert cli("import", sheet(tmp_path, ["A1,甲,县水利局"]), "--dry-run").exit_code == 0
    assert modes == []


@needs_realdata
def test_a_database_of_schema_6_gets_the_rule_and_severity_index_for_its_old_one(imported):  # noqa: F811
    want = audit_json(imported)
    with closing(sqlite3.connect(imported.db)) as c, c:
        c.execute(f"DROP INDEX {RULE_INDEX}")
        c.execute("CREATE INDEX idx_findings_catalog_id_rule ON findings (catalog_id, rule)")
        c.execute("PRAGMA user_version = 6")
    assert audit_json(imported) == want
    names = [name for name, _ in index_sql(imported.db)]
    assert RULE_INDEX in names
    assert "idx_findings_catalog_id_rule" not in names
