"""A large audit runs its item rules in a pool of processes (audit_pool); what it stores and writes is what
one process stores and writes. Here the pool is taken for any number of items, in small shares, on the
real 广安 list; and the audit's JSON lines made by SQLite are the lines Python's json makes."""

from __future__ import annotations

import csv
import gc
import json
import sqlite3
from pathlib import Path

import pytest
from conftest import SAMPLE, Cli
from test_incremental_audit import AS_OF, copy_db
from test_tui_layout import GUANGAN as REAL
from test_tui_layout import needs_realdata

from itemclean import audit_pool
from itemclean.audit_output import finding_line
from itemclean.pool import YOUNG_OBJECTS
from itemclean.store import Store

pytestmark = needs_realdata


@pytest.fixture
def pool_on(monkeypatch) -> list[int]:
    """The pool for any audit, two processes, shares of 97 items; counts the audits that took it."""
    used: list[int] = []
    real = audit_pool.pooled_rows

    def counted(*args, **kw):
        used.append(1)
        yield from real(*args, **kw)

    monkeypatch.setattr(audit_pool, "POOL_MIN_ITEMS", 0)
    monkeypatch.setattr(audit_pool, "CHUNK", 97)
    monkeypatch.setattr(audit_pool, "cores", lambda: 2)
    monkeypatch.setattr(audit_pool, "pooled_rows", counted)
    return used


def audit_json(cli: Cli, *args: str) -> str:
    r = cli("audit", "--as-of", AS_OF, "--format", "json", *args)
    assert r.exit_code in (0, 1), r.output
    return r.stdout


def followed(db: Path) -> list[tuple]:
    """What each item's stored findings follow (audit_items)."""
    with sqlite3.connect(db) as c:
        return c.execute("SELECT catalog_id, code, hkey, name_norm, position FROM audit_items ORDER BY code").fetchall()


def stored(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as c:
        return c.execute(
            "SELECT code, rule, severity, field, entry, line, message, suggestion, as_of, seq FROM findings "
            "ORDER BY code, seq"
        ).fetchall()


@pytest.fixture
def imported(tmp_path) -> Cli:
    cli = Cli(tmp_path / "a.db")
    assert cli("import", REAL, "--map", "code=item_code").exit_code == 0
    return cli


def test_a_full_audit_in_the_pool_stores_and_writes_what_one_process_does(imported, tmp_path, pool_on, monkeypatch):
    alone = copy_db(imported, tmp_path / "alone.db")
    mine = audit_json(imported)
    assert pool_on == [1]
    monkeypatch.setattr(audit_pool, "POOL_MIN_ITEMS", 10**9)  # now in one process
    theirs = audit_json(alone)
    assert pool_on == [1]
    assert mine == theirs
    assert json.loads(mine)["summary"]["findings"] > 1000
    assert stored(imported.db) == stored(alone.db)
    assert followed(imported.db) == followed(alone.db)
    assert len(followed(imported.db)) == json.loads(mine)["items"]


def test_an_incremental_audit_of_many_changed_items_in_the_pool(imported, tmp_path, pool_on):
    audit_json(imported)
    with REAL.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    head = rows[0]
    dept = head.index("department")
    for r in rows[1:400]:
        r[dept] = ""  # 399 items changed: shares of codes to the pool
    changed = tmp_path / "changed.csv"
    with changed.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    assert imported("import", changed, "--map", "code=item_code", "--prune").exit_code == 0
    full = copy_db(imported, tmp_path / "full.db")
    mine = audit_json(imported)
    assert len(pool_on) == 2
    assert mine == audit_json(full, "--full")
    assert stored(imported.db) == stored(full.db)
    assert followed(imported.db) == followed(full.db)


@pytest.mark.parametrize(
    "text",
    [
        "plain 文字",
        'quote " and backslash \\ and slash /',
        "".join(chr(i) for i in range(32)) + "\x7f",
        "\u2028\u2029\ufeff\u3000",
        "emoji 😀 and 𠀀",
        "[bold]markup[/bold]",
        "",
    ],
)
def test_the_lines_sqlite_makes_are_the_lines_python_makes(imported, text):
    with Store(imported.db) as s:
        cat = s.catalog(None)
        code = s.conn.execute("SELECT code FROM items ORDER BY position LIMIT 1").fetchone()[0]
        with s.write():
            s.conn.execute("DELETE FROM findings")
            s.add_finding_rows(
                [
                    (cat.id, code, "fee-self-set", "error", "fees", text, text, text, AS_OF, 0),
                    (cat.id, code, "materials-catch-all", "warning", text or "materials", "", "m", text, AS_OF, 1),
                ]
            )
        assert s.conn.execute("SELECT count(*) FROM findings").fetchone()[0] == 2
        want = [finding_line(row, None) for row in s.resolved_findings(cat.id)]
        got = [line.decode() for (line,) in s.finding_lines(cat.id)]
        # the texts read back whole from the line, or from their own column when the line cannot give them (NUL)
        assert [(f.entry, f.message, f.suggestion) for f in s.findings_of(cat.id)] == [
            (text, text, text),
            ("", "m", text),
        ]
        assert [(f.message, f.suggestion) for f in s.iter_findings(cat.id)] == [(text, text), ("m", text)]
    assert got == want
    assert [json.loads(line)["message"] for line in got] == [text, "m"]


def test_a_share_of_ids_holds_the_items_of_its_catalogue_alone(tmp_path):
    """Another catalogue's items between this one's ids (imported in between) are no part of its shares,
    nor of what an audit records it audited, and every item of a share has its own citations, materials
    and fees."""
    cli = Cli(tmp_path / "two.db")
    with SAMPLE.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    first = tmp_path / "first.csv"
    with first.open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows(rows[:80])
    assert cli("import", first, "--catalog", "a").exit_code == 0
    assert cli("import", SAMPLE, "--catalog", "b").exit_code == 0
    assert cli("import", SAMPLE, "--catalog", "a").exit_code == 0
    with Store(cli.db) as s:
        a, b = s.catalog("a"), s.catalog("b")
        ranges = s.id_ranges(a.id, 13)
        lo, hi = ranges[0][0], ranges[-1][1]
        b_ids = s.conn.execute("SELECT min(id), max(id) FROM items WHERE catalog_id = ?", (b.id,)).fetchone()
        assert lo < b_ids[0] and b_ids[1] < hi  # b's items lie between a's
        shared = [item for ids in ranges for item in s.iter_items(a.id, ids=ids)]
        whole = list(s.iter_items(a.id))
        assert len(shared) == len(whole) == s.count_items(a.id)
        assert sorted(shared, key=lambda i: i.code) == sorted(whole, key=lambda i: i.code)
        assert any(i.basis for i in shared) and any(i.materials for i in shared) and any(i.fees for i in shared)
        assert [i.code for i in s.iter_items(b.id, ids=(lo, hi))] == [i.code for i in s.iter_items(b.id)]
        # what a whole audit records of the items it audited, read by that range too: a's alone
        want = s.conn.execute(
            "SELECT catalog_id, code, hkey, name_norm FROM items WHERE catalog_id = ? ORDER BY code", (a.id,)
        ).fetchall()
        for span in ((lo, hi), None):
            with s.write():
                s.conn.execute("DELETE FROM audit_items")
                s.record_audited(a.id, span)
            got = s.conn.execute("SELECT catalog_id, code, hkey, name_norm FROM audit_items ORDER BY code")
            assert got.fetchall() == want


def test_while_the_pool_runs_the_auditing_process_collects_young_objects_rarely_and_as_before_after(
    imported, pool_on, monkeypatch
):
    thresholds: list[int] = []
    real = Store.add_finding_rows

    def spied(self, rows):
        thresholds.append(gc.get_threshold()[0])
        return real(self, rows)

    monkeypatch.setattr(Store, "add_finding_rows", spied)
    before = gc.get_threshold()
    audit_json(imported)
    assert pool_on == [1]
    assert len(thresholds) > 1 and set(thresholds) == {YOUNG_OBJECTS}
    assert gc.get_threshold() == before


def test_with_few_shares_the_auditing_process_takes_back_those_the_pool_has_not_started(
    imported, tmp_path, pool_on, monkeypatch
):
    """Four shares for one pool process: all sent at once, and this process audits those the pool has not
    started instead of waiting for them; the findings are what one process stores."""
    alone = copy_db(imported, tmp_path / "alone.db")
    with Store(imported.db) as s:
        n = s.count_items(s.catalog(None).id)
    monkeypatch.setattr(audit_pool, "CHUNK", -(-n // 4))
    here: list[int] = []
    real = audit_pool.share_rows

    def counted(*args, **kw):
        here.append(1)
        return real(*args, **kw)

    monkeypatch.setattr(audit_pool, "share_rows", counted)
    mine = audit_json(imported)
    assert pool_on == [1]
    assert 1 <= len(here) < 4
    monkeypatch.setattr(audit_pool, "POOL_MIN_ITEMS", 10**9)  # now in one process
    assert audit_json(alone) == mine
    assert stored(imported.db) == stored(alone.db)
    assert followed(imported.db) == followed(alone.db)


def test_a_pooled_audit_that_fails_stops_and_leaves_the_findings_as_they_were(imported, pool_on, monkeypatch):
    want = audit_json(imported)
    before = stored(imported.db)
    real = Store.add_finding_rows
    calls: list[int] = []

    def failing(self, rows):
        calls.append(1)
        if len(calls) == 2:
            raise OSError("disk full")
        return real(self, rows)

    monkeypatch.setattr(Store, "add_finding_rows", failing)
    r = imported("audit", "--as-of", AS_OF, "--format", "json", "--full")
    assert r.exit_code not in (0, 1)
    assert len(calls) == 2  # nothing stored after the failure
    assert stored(imported.db) == before
    monkeypatch.setattr(Store, "add_finding_rows", real)
    assert audit_json(imported) == want
