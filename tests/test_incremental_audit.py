"""The incremental audit of a draft: after each kind of change, `audit` (which redoes only what changed)
writes exactly what `audit --full` writes, in every format; and it redoes no more than the change needs."""

from __future__ import annotations

import copy
import csv
import datetime as dt
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import SAMPLE, Cli

from itemclean.audit import audit_draft, run_rules
from itemclean.paths import default_reference
from itemclean.review import blockers, states, stored_blockers
from itemclean.rules import REGISTRY, load_reference
from itemclean.store import Store
from itemclean.versions import published_items

AS_OF = "2026-12-01"


def copy_db(cli: Cli, dst: Path) -> Cli:
    """The same command line on a copy of its database."""
    with sqlite3.connect(cli.db) as a, sqlite3.connect(dst) as b:
        a.backup(b)
    other = copy.copy(cli)
    other.db = dst
    return other


def outputs(cli: Cli, *args: str) -> list[tuple[int, str]]:
    """(exit status, output) of the audit in text, JSON and SARIF; the first run does the audit's work."""
    got = []
    for fmt in ("json", "text", "sarif"):
        r = cli("audit", "--as-of", AS_OF, *args, "--format", fmt)
        assert r.exit_code in (0, 1), r.output
        got.append((r.exit_code, r.stdout))
    return got


def same_as_full(cli: Cli, tmp_path: Path, *args: str) -> dict:
    """Audit incrementally, and a copy of the database in full, and compare; returns the JSON report."""
    other = copy_db(cli, tmp_path / f"full-{len(list(tmp_path.iterdir()))}.db")
    mine = outputs(cli, *args)
    full = outputs(other, "--full", *args)
    for (code_a, a), (code_b, b) in zip(mine, full):
        assert code_a == code_b
        assert a == b
    return json.loads(mine[0][1])


@pytest.fixture
def sheet(tmp_path) -> Path:
    """The shipped sample as a plain sheet: the header, then its items (no title or section rows)."""
    with SAMPLE.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    head = next(i for i, r in enumerate(rows) if r[0] == "事项编码")
    items = [r for r in rows[head + 1 :] if r[0] and r[1] and not r[0].startswith(("一", "二", "三"))]
    path = tmp_path / "src" / "c.csv"
    path.parent.mkdir()
    write(path, rows[head], items)
    return path


def write(path: Path, head: list[str], items: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([head, *items])


def read(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


@pytest.fixture
def audited(tmp_path, sheet) -> Cli:
    cli = Cli(tmp_path / "db" / "t.db")
    cli.db.parent.mkdir()
    assert cli("import", sheet).exit_code == 0
    same_as_full(cli, tmp_path)
    return cli


class Counting:
    """Counts the items the item rules look at, through a rule of the registry wrapped in place."""

    def __init__(self, monkeypatch):
        self.codes: list[str] = []
        rule = REGISTRY["department-missing"]
        check = rule.check

        def counted(item, ctx, r):
            self.codes.append(item.code)
            return check(item, ctx, r)

        monkeypatch.setitem(REGISTRY, rule.id, replace(rule, check=counted))


def test_a_second_audit_of_an_unchanged_draft_looks_at_no_item(audited, tmp_path, monkeypatch):
    seen = Counting(monkeypatch)
    assert audited("audit", "--as-of", AS_OF, "--format", "json").exit_code in (0, 1)
    assert seen.codes == []
    assert audited("audit", "--as-of", AS_OF, "--format", "json", "--full").exit_code in (0, 1)
    assert len(seen.codes) == 178


def test_decisions_change_what_is_resolved_and_nothing_is_audited_again(audited, tmp_path, monkeypatch):
    report = json.loads(audited("audit", "--as-of", AS_OF, "--format", "json").stdout)
    fee = next(f for f in report["findings"] if f["field"] == "fees" and f.get("entry"))
    error = next(f for f in report["findings"] if f["severity"] == "error" and f["code"] != fee["code"])
    codes = list(dict.fromkeys(f["code"] for f in report["findings"]))
    other = next(c for c in codes if c not in (fee["code"], error["code"]))
    gone = next(c for c in codes if c not in (fee["code"], error["code"], other))
    assert audited("decide", fee["code"], "--remove-fee", fee["entry"], "--reason", "取消").exit_code == 0
    assert audited("decide", error["code"], "--override", error["rule"], "--reason", "有依据").exit_code == 0
    assert audited("decide", other, "--merge-into", error["code"], "--reason", "同一事项").exit_code == 0
    assert audited("decide", gone, "--abolish", "--reason", "已取消").exit_code == 0
    assert audited("decide", gone, "--undo").exit_code == 0
    seen = Counting(monkeypatch)
    outputs(audited)
    assert seen.codes == []
    after = same_as_full(audited, tmp_path)
    resolved = {(f["code"], f["rule"], f.get("entry")) for f in after["findings"] if f["resolved"]}
    assert (fee["code"], fee["rule"], fee["entry"]) in resolved
    assert (error["code"], error["rule"], error.get("entry")) in resolved
    assert all((f["code"], f["rule"], f.get("entry")) in resolved for f in after["findings"] if f["code"] == other)
    assert not any(f["resolved"] for f in after["findings"] if f["code"] == gone)


def test_an_edit_audits_its_item_and_its_name_groups_alone(audited, tmp_path, monkeypatch):
    report = json.loads(audited("audit", "--as-of", AS_OF, "--format", "json").stdout)
    dupes = [f["code"] for f in report["findings"] if f["rule"] == "item-duplicate-name"]
    with sqlite3.connect(audited.db) as c:
        names = dict(c.execute("SELECT code, name FROM items"))
    first, second = sorted(names)[:2]
    seen = Counting(monkeypatch)
    # the second item takes the first's name: both are now reported as duplicates
    assert audited("edit", second, "--set", f"name={names[first]}", "--reason", "改名").exit_code == 0
    assert seen.codes == [second]
    after = same_as_full(audited, tmp_path)
    now = [f["code"] for f in after["findings"] if f["rule"] == "item-duplicate-name"]
    assert {first, second} <= set(now) and not {first, second} <= set(dupes)
    seen.codes.clear()
    assert audited("edit", second, "--set", f"name={names[second]}", "--reason", "改回").exit_code == 0
    assert seen.codes == [second]
    back = same_as_full(audited, tmp_path)
    assert [f["code"] for f in back["findings"] if f["rule"] == "item-duplicate-name"] == dupes


def test_an_edit_under_another_date_leaves_the_rest_to_the_next_audit(audited, tmp_path):
    with sqlite3.connect(audited.db) as c:
        code = c.execute("SELECT code FROM items ORDER BY position LIMIT 1").fetchone()[0]
    assert audited("audit", "--as-of", "2027-06-01", "--format", "json").exit_code in (0, 1)
    assert audited("edit", code, "--set", "department=", "--reason", "无").exit_code == 0
    same_as_full(audited, tmp_path)


def test_a_reimport_audits_the_items_it_changed_added_moved_or_removed(audited, sheet, tmp_path, monkeypatch):
    head, items = read(sheet)
    changed = items[5][0]
    items[5][head.index("实施机关")] = ""  # changed
    items[7][1] = items[3][1]  # changed: its name now repeats another's
    items.insert(0, ["9999001", items[10][1], "县民政局"] + [""] * (len(head) - 3))  # added, a duplicate name
    del items[20]  # removed
    items[30], items[40] = items[40], items[30]  # moved
    write(sheet, head, items)
    assert audited("import", sheet, "--prune").exit_code == 0
    seen = Counting(monkeypatch)
    assert audited("audit", "--as-of", AS_OF, "--format", "json").exit_code in (0, 1)
    assert sorted(seen.codes) == sorted(["9999001", changed, items[8][0]])
    same_as_full(audited, tmp_path)


def reference_copy(tmp_path: Path) -> Path:
    ref = tmp_path / "ref"
    shutil.copytree(default_reference(), ref)
    return ref


def test_a_policy_change_audits_everything_again(audited, tmp_path, monkeypatch):
    ref = reference_copy(tmp_path)
    policy = ref / "policy.toml"
    text = policy.read_text(encoding="utf-8")
    assert "[rules.department-missing]\n" in text
    text = text.replace("[rules.department-missing]\n", '[rules.department-missing]\nseverity = "info"\n')
    policy.write_text(text, encoding="utf-8")
    seen = Counting(monkeypatch)
    outputs(with_reference(audited, ref))
    assert len(seen.codes) == 178
    report = same_as_full(with_reference(audited, ref), tmp_path)
    assert {f["severity"] for f in report["findings"] if f["rule"] == "department-missing"} == {"info"}


def with_reference(cli: Cli, ref: Path) -> Cli:
    """The same database, each command run with --reference REF."""

    class WithReference(Cli):
        def __call__(self, *args, **kw):
            return super().__call__("--reference", str(ref), *args, **kw)

    return WithReference(cli.db, cli.reviewer, cli.lang)


def test_a_reference_change_audits_everything_again(audited, tmp_path, monkeypatch):
    ref = reference_copy(tmp_path)
    cancelled = ref / "cancelled.toml"
    with sqlite3.connect(audited.db) as c:
        name = c.execute("SELECT name FROM items ORDER BY position LIMIT 1 OFFSET 4").fetchone()[0]
    cancelled.write_text(
        cancelled.read_text(encoding="utf-8") + f'\n[[cancelled]]\nname = "{name}"\nby = "国发〔2099〕1号"\n',
        encoding="utf-8",
    )
    seen = Counting(monkeypatch)
    outputs(with_reference(audited, ref))
    assert len(seen.codes) == 178
    report = same_as_full(with_reference(audited, ref), tmp_path)
    assert any(f["rule"] == "item-cancelled" and "2099" in f["message"] for f in report["findings"])


def test_another_date_audits_everything_again(audited, tmp_path, monkeypatch):
    seen = Counting(monkeypatch)
    full = copy_db(audited, tmp_path / "other.db")
    mine = audited("audit", "--as-of", "2030-01-01", "--format", "json")
    assert len(seen.codes) == 178
    assert mine.stdout == full("audit", "--as-of", "2030-01-01", "--full", "-f", "json").stdout
    assert mine.stdout != audited("audit", "--as-of", AS_OF, "--format", "json").stdout


def test_another_language_audits_everything_again(audited, tmp_path, monkeypatch):
    seen = Counting(monkeypatch)
    chinese = Cli(audited.db, lang="zh")
    mine = outputs(chinese)
    assert len(seen.codes) == 178
    full = copy_db(chinese, tmp_path / "other.db")
    assert mine == outputs(full, "--full")
    assert "事项" in mine[1][1] and mine != outputs(audited)


def test_an_audit_of_some_rules_is_followed_by_a_whole_one(audited, tmp_path):
    assert audited("audit", "--as-of", AS_OF, "--rule", "department-missing").exit_code in (0, 1)
    same_as_full(audited, tmp_path)


def test_the_database_of_the_earlier_schema_is_upgraded_and_audited_in_full(audited, tmp_path):
    with sqlite3.connect(audited.db) as c:
        c.execute("DROP TABLE audit_items")
        c.execute("DROP TABLE audit_state")
        c.execute("PRAGMA user_version = 4")
    same_as_full(audited, tmp_path)


def test_the_fingerprint_is_the_same_in_every_process(tmp_path):
    """The reference's tables are filled from sets, whose order follows each process's string hashing."""
    script = (
        "import datetime as dt; from itemclean.audit import fingerprint, selected_rules; "
        "from itemclean.paths import default_reference; from itemclean.rules import load_reference; "
        "r = load_reference(default_reference()); print(fingerprint(r, dt.date(2026, 12, 1), 'zh', selected_rules(r)))"
    )
    got = {
        subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(got) == 1


def test_approval_reads_blockers_and_states_from_the_log_as_the_fold_does(audited, sheet, tmp_path):
    """Every kind of blocker and of resolution, found in SQL, equals what review.blockers and states.fold say."""
    report = json.loads(audited("audit", "--as-of", AS_OF, "--format", "json").stdout)
    errors = [f for f in report["findings"] if f["severity"] == "error"]
    by_code: dict[str, list] = {}
    for f in errors:
        by_code.setdefault(f["code"], []).append(f)
    codes = list(by_code)
    fee = next(f for f in report["findings"] if f["field"] == "fees" and f.get("entry"))
    overridden, abolished, merged, several = codes[0], codes[1], codes[2], codes[3]
    audited("decide", "--all-undecided", "--keep")
    for f in by_code[overridden]:
        assert audited("decide", overridden, "--override", f["rule"], "--reason", "有依据").exit_code == 0
    assert audited("decide", abolished, "--abolish", "--reason", "取消").exit_code == 0
    assert audited("decide", merged, "--merge-into", codes[5], "--reason", "合并").exit_code == 0
    assert audited("decide", fee["code"], "--remove-fee", fee["entry"], "--reason", "取消").exit_code == 0
    assert audited("decide", several, "--override", by_code[several][0]["rule"], "--reason", "有依据").exit_code == 0
    assert audited("decide", several, "--undo").exit_code == 0  # the override is undone: its errors block again
    head, items = read(sheet)
    stale = items[10][0]
    items[10][head.index("实施机关")] += "（变更）"
    write(sheet, head, items)
    assert audited("import", sheet).exit_code == 0  # the decided item changed: it waits for re-review
    undecided = "9999002"
    write(sheet, head, [*items, [undecided, "新增事项", "县民政局"] + [""] * (len(head) - 3)])
    assert audited("import", sheet).exit_code == 0
    ref = load_reference(default_reference())
    with Store(audited.db) as store:
        cat = store.catalog(None)
        audit_draft(store, cat, ref, dt.date.fromisoformat(AS_OF), lang="en")
        found, _, _ = run_rules(store.iter_items(cat.id), ref, dt.date.fromisoformat(AS_OF), lang="en")
        st = states(store, cat.id)
        mine = list(stored_blockers(store, cat))
        assert mine == blockers(store, cat, found, st)
        whys = {b.code: b.why for b in mine}
        assert undecided in whys and stale in whys and several in whys
        assert overridden not in whys and abolished not in whys and merged not in whys
        removed_a: list = []
        removed_b: list = []
        a = list(published_items(store, cat.id, None, removed_a))
        b = list(published_items(store, cat.id, st, removed_b))
        assert a == b and removed_a == removed_b
        assert any(r[0] == fee["code"] for r in removed_a) and abolished not in {i.code for i in a}
