"""The audit's JSON of a draft is written from the lines its findings keep (made once, when they are stored), in
pieces written by a thread of their own while the next are read: the same bytes as the findings written one
by one in memory, whatever decisions resolve, wherever a piece ends, and for findings stored before their
lines were kept (an earlier schema)."""

from __future__ import annotations

import datetime as dt
import io
import json
import sqlite3
import threading

import pytest
from conftest import Cli
from test_audit_pool import audit_json, imported  # noqa: F401  (a fixture)
from test_incremental_audit import AS_OF, audited, read, same_as_full, sheet, write  # noqa: F401  (fixtures)
from test_tui_layout import needs_realdata

from itemclean import audit_output
from itemclean.audit import StoredFindings, audit_draft
from itemclean.audit_output import finding_line, write_audit_json
from itemclean.paths import default_reference
from itemclean.rules import load_reference
from itemclean.store import Store
from itemclean.store.schema import SCHEMA_VERSION


def decided(cli: Cli) -> None:
    """Decisions of every kind that resolves a finding: a fee removed, a rule overridden, an item merged, an
    item abolished, and one abolition undone."""
    report = json.loads(audit_json(cli))
    fees = [f for f in report["findings"] if f["field"] == "fees" and f.get("entry")]  # none on the 广安 list
    fee = fees[0] if fees else {"code": None}
    other = next(f for f in report["findings"] if f["code"] != fee["code"])
    codes = [c for c in dict.fromkeys(f["code"] for f in report["findings"]) if c not in (fee["code"], other["code"])]
    for args in (
        *([(fee["code"], "--remove-fee", fee["entry"], "--reason", "取消")] if fees else []),
        (other["code"], "--override", other["rule"], "--reason", "有依据"),
        (codes[0], "--merge-into", other["code"], "--reason", "同一事项"),
        (codes[1], "--abolish", "--reason", "已取消"),
        (codes[2], "--abolish", "--reason", "已取消"),
        (codes[2], "--undo"),
    ):
        assert cli("decide", *args).exit_code == 0


def in_memory(db) -> str:
    """The audit's JSON as the findings are written one by one from memory (the rules run again, each
    finding's resolution folded from the log in Python): what the stored lines must give."""
    with Store(db) as s:
        report = audit_draft(
            s, s.catalog(None), load_reference(default_reference()), dt.date.fromisoformat(AS_OF), lang="en", save=False
        )
        assert isinstance(report.findings, list)
        out = io.StringIO()
        write_audit_json(report, out)
    return out.getvalue()


@pytest.mark.parametrize("batch", [2000, 7, 1])
@pytest.mark.parametrize("data", [pytest.param("imported", marks=needs_realdata), "audited"])
def test_the_stored_lines_written_in_pieces_are_the_lines_made_in_memory(request, monkeypatch, data, batch):
    """On the 广安 list and on the sample (whose fees are flagged for removal)."""
    cli = request.getfixturevalue(data)
    decided(cli)
    monkeypatch.setattr(audit_output, "BATCH", batch)  # pieces that end inside an item's findings
    monkeypatch.setattr(audit_output, "AHEAD", 1)
    stored = audit_json(cli)
    report = json.loads(stored)
    assert report["summary"]["findings"] > 50
    assert 0 < report["summary"]["items_with_findings"] <= report["items"]
    assert sum(f["resolved"] for f in report["findings"]) > 1
    assert stored == in_memory(cli.db)


@needs_realdata
def test_each_finding_keeps_its_line_which_alone_holds_its_texts(imported):  # noqa: F811
    """The message and suggestion are written once, in the line; the findings read back (the review screen's,
    the text report's) are the findings the rules make in memory, and so are their lines."""
    audit_json(imported)
    with sqlite3.connect(imported.db) as c:
        assert c.execute("SELECT count(*) > 1000, count(message), count(suggestion) FROM findings").fetchone() == (
            1,
            0,
            0,
        )
        lines = [
            r[0]
            for r in c.execute(
                "SELECT f.line FROM items i JOIN findings f ON f.catalog_id = i.catalog_id AND f.code = i.code "
                "ORDER BY i.position, f.seq, f.id"
            )
        ]
    with Store(imported.db) as s:
        cat = s.catalog(None)
        ref = load_reference(default_reference())
        memory = audit_draft(s, cat, ref, dt.date.fromisoformat(AS_OF), lang="en", save=False).findings
        assert s.findings_of(cat.id) == memory
        assert [f.message for f in s.iter_findings(cat.id)] == [f.message for f in memory]
    assert [line + ', "resolved": false}' for line in lines] == [
        finding_line((f.code, f.rule, f.severity, f.field, f.entry, f.message, f.suggestion, False), None)
        for f in memory
    ]


@needs_realdata
def test_findings_stored_before_their_lines_were_kept_are_written_the_same(imported, tmp_path):  # noqa: F811
    decided(imported)
    want = audit_json(imported)
    with sqlite3.connect(imported.db) as c:  # the database as the schema before wrote it: texts in their columns
        c.execute(
            "UPDATE findings SET message = json_extract(line || '}', '$.message'), "
            "suggestion = json_extract(line || '}', '$.suggestion')"
        )
        c.execute("ALTER TABLE findings DROP COLUMN line")
        c.execute("PRAGMA user_version = 5")
    assert audit_json(imported) == want
    with sqlite3.connect(imported.db) as c:
        assert c.execute("SELECT count(*), count(line) FROM findings").fetchone() == (
            c.execute("SELECT count(*) FROM findings").fetchone()[0],
            0,
        )
        assert c.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert imported("audit", "--as-of", AS_OF, "--format", "json", "--full").stdout == want
    with sqlite3.connect(imported.db) as c:
        assert c.execute("SELECT count(*) - count(line) FROM findings").fetchone()[0] == 0


class Failing(io.RawIOBase):
    """A file whose third write fails, as on a full disk."""

    def __init__(self) -> None:
        self.writes = 0

    def writable(self) -> bool:
        return True

    def write(self, b) -> int:
        self.writes += 1
        if self.writes == 3:
            raise OSError(28, "No space left on device")
        return len(b)


@needs_realdata
def test_a_write_that_fails_ends_the_audit_with_its_error(imported, monkeypatch):  # noqa: F811
    audit_json(imported)
    monkeypatch.setattr(audit_output, "BATCH", 50)
    monkeypatch.setattr(audit_output, "AHEAD", 1)
    before = threading.active_count()
    raw = Failing()
    out = io.TextIOWrapper(raw, encoding="utf-8", newline="")  # a buffer: the lines are written as bytes
    with Store(imported.db) as s:
        report = audit_draft(s, s.catalog(None), load_reference(default_reference()), dt.date.fromisoformat(AS_OF))
        with pytest.raises(OSError, match="No space left"):
            write_audit_json(report, out)
    assert threading.active_count() == before
    assert raw.writes == 3  # nothing is written after the failure


def test_a_reimport_that_removes_as_many_items_as_it_adds_drops_the_removed_items_findings(
    audited,  # noqa: F811
    sheet,  # noqa: F811
    tmp_path,
):
    head, items = read(sheet)
    removed = items[20][0]
    del items[20]
    items.insert(0, ["9999001", "新增的事项", "县民政局"] + [""] * (len(head) - 3))  # as many items as before
    write(sheet, head, items)
    assert audited("import", sheet, "--prune").exit_code == 0
    report = same_as_full(audited, tmp_path)
    codes = {f["code"] for f in report["findings"]}
    assert "9999001" in codes
    assert removed not in codes
    with sqlite3.connect(audited.db) as c:
        assert c.execute("SELECT count(*) FROM findings WHERE code = ?", (removed,)).fetchone()[0] == 0
        assert c.execute("SELECT count(*) FROM audit_items WHERE code = ?", (removed,)).fetchone()[0] == 0


def test_the_summary_counts_by_rule_in_the_order_of_the_rules(audited):  # noqa: F811
    from itemclean.rules import REGISTRY

    decided(audited)
    report = json.loads(audit_json(audited))
    order = list(REGISTRY)
    assert list(report["summary"]["by_rule"]) == sorted(report["summary"]["by_rule"], key=order.index)
    assert sum(report["summary"]["by_rule"].values()) == len(report["findings"]) == report["summary"]["findings"]
    assert report["summary"]["unresolved_errors"] == sum(
        1 for f in report["findings"] if f["severity"] == "error" and not f["resolved"]
    )
    assert audit_json(audited) == in_memory(audited.db)


def test_a_stored_finding_without_its_item_is_neither_written_nor_counted(audited):  # noqa: F811
    want = audit_json(audited)
    with sqlite3.connect(audited.db) as c:  # a finding whose item is not in the draft (no audit leaves one)
        c.execute(
            "INSERT INTO findings (catalog_id, code, rule, severity, field, entry, as_of, seq, line) "
            "SELECT catalog_id, 'NO-SUCH-ITEM', rule, severity, field, entry, as_of, seq, line FROM findings LIMIT 1"
        )
    with Store(audited.db) as s:
        out = io.StringIO()
        cat = s.catalog(None)
        report = audit_draft(
            s, cat, load_reference(default_reference()), dt.date.fromisoformat(AS_OF), lang="en", save=False
        )
        report.findings = StoredFindings(s, cat.id, 0)
        write_audit_json(report, out)
    assert out.getvalue() == want
