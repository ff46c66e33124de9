"""An approved version is frozen whole and exports the same bytes forever; verify covers all it holds."""

from __future__ import annotations

import json
import shutil
import sqlite3

import pytest

from itemclean.paths import default_reference

HEADER = "序号,事项编码,事项名称,实施机关,事项类型,设定依据,申请材料,办理流程,法定时限,承诺时限,收费项目,主项\r\n"
ROWS = [
    "1,0001,取水许可,县水利局,行政许可,《中华人民共和国水法》第七条,申请书,受理、审查、决定,20个工作日,10个工作日,无,水利",
    "2,0002,林木采伐许可,县林业局,行政许可,《中华人民共和国森林法》第五十六条,申请书,受理、决定,20个工作日,8个工作日,"
    '"审图费|100元/件|县政府文件\n不动产登记费|80元/件|发改价格规〔2016〕2559号",林业',
    "3,0003,网吧审批,县文化广电和旅游局,行政许可,,申请书,受理,15个工作日,5个工作日,无,",
]
FORMATS = ("csv", "json", "jsonl", "xlsx", "md", "html")


@pytest.fixture
def approved(cli, tmp_path):
    sheet = tmp_path / "c.csv"
    sheet.write_text(HEADER + "\r\n".join(ROWS) + "\r\n", encoding="utf-8-sig")
    assert cli("import", sheet).exit_code == 0
    cli("decide", "0001", "0002", "--keep")
    cli("decide", "0002", "--remove-fee", "审图费", "--reason", "自定收费，取消")
    cli("decide", "0003", "--abolish", "--reason", "无设定依据")
    r = cli("approve", "--label", "2026", "--as-of", "2026-12-01")
    assert r.exit_code == 0, r.output
    return cli


def export_all(cli, out, *extra):
    out.mkdir()
    for fmt in FORMATS:
        r = cli("export", "--version", "2026", "--format", fmt, "-o", out / f"v.{fmt}", *extra)
        assert r.exit_code == 0, r.output
    return {fmt: (out / f"v.{fmt}").read_bytes() for fmt in FORMATS}


def test_a_version_exports_the_same_bytes_whatever_happens_later(approved, tmp_path):
    before = export_all(approved, tmp_path / "before")
    # the draft moves on: other sheets with other columns in another order, edits, decisions
    other = tmp_path / "other.csv"
    other.write_text(
        "联系电话,事项名称,事项编码,办理地点,实施机关\r\n123,取水许可（新）,0001,一楼,县水利局\r\n456,新事项,0009,二楼,县民政局\r\n",
        encoding="utf-8-sig",
    )
    assert approved("import", other).exit_code == 0
    assert approved("edit", "0002", "--set", "promised_limit=3个工作日", "--reason", "压缩").exit_code == 0
    assert approved("decide", "0001", "--abolish", "--reason", "改革取消").exit_code == 0
    # and the reference changes: a policy and an instrument more
    ref = tmp_path / "ref"
    shutil.copytree(default_reference(), ref, ignore=shutil.ignore_patterns("samples"))
    (ref / "policy.toml").write_text('[rules.limit-missing]\nseverity = "error"\n', encoding="utf-8")
    with (ref / "instruments.toml").open("a", encoding="utf-8") as f:
        f.write('\n[[instrument]]\ntitle = "临川县测试办法"\nlevel = "normative_document"\n')
    after = export_all(approved, tmp_path / "after", "--reference", str(ref))
    for fmt in FORMATS:
        assert after[fmt] == before[fmt], fmt


def test_a_version_keeps_its_columns_and_title(approved, tmp_path):
    other = tmp_path / "other.csv"
    other.write_text("联系电话,事项名称,事项编码\r\n123,取水许可,0001\r\n", encoding="utf-8-sig")
    approved("import", other)
    r = approved("export", "--version", "2026", "--format", "csv")
    assert r.stdout.lstrip("\ufeff").splitlines()[0] == (
        "事项编码,事项名称,实施机关,事项类型,设定依据,申请材料,办理流程,法定时限,承诺时限,收费项目,主项"
    )
    draft = approved("export", "--draft", "--format", "csv")
    assert "联系电话" in draft.stdout.splitlines()[0]
    page = approved("export", "--version", "2026", "--format", "md").stdout
    assert page.startswith("# c 行政许可事项目录")


def test_approve_title_is_part_of_the_version(cli, tmp_path):
    sheet = tmp_path / "c.csv"
    sheet.write_text(HEADER + ROWS[0] + "\r\n", encoding="utf-8-sig")
    cli("import", sheet)
    cli("decide", "0001", "--keep")
    assert cli("approve", "--label", "v1", "--title", "临川县行政许可事项目录（2026年版）").exit_code == 0
    assert cli("export", "--format", "md").stdout.startswith("# 临川县行政许可事项目录（2026年版）")
    assert "临川县行政许可事项目录（2026年版）</h1>" in cli("export", "--format", "html").stdout
    assert "另一个标题</h1>" in cli("export", "--format", "html", "--title", "另一个标题").stdout


def test_version_xlsx_carries_the_approval_time_only(approved, tmp_path):
    import datetime as dt
    import zipfile

    approved("export", "--version", "2026", "--format", "xlsx", "-o", tmp_path / "a.xlsx")
    with sqlite3.connect(approved.db) as con:
        at = dt.datetime.fromisoformat(con.execute("SELECT at FROM versions").fetchone()[0])
    with zipfile.ZipFile(tmp_path / "a.xlsx") as z:
        assert {i.date_time for i in z.infolist()} == {(*at.timetuple()[:5], at.second - at.second % 2)}  # 2-s steps
        core = z.read("docProps/core.xml").decode()
    utc = at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert core.count(utc) == 2  # created and modified


# --- verify: everything a version holds, and the log -----------------------------------------


def tamper(db, sql, *params):
    con = sqlite3.connect(db)
    con.execute(sql, params)
    con.commit()
    con.close()


def verify(cli):
    r = cli("verify")
    return r.exit_code, r.output


def test_verify_is_ok_on_an_untouched_database(approved):
    code, out = verify(approved)
    assert code == 0, out
    assert "ok  database" not in out  # the database line is shown only when something is wrong
    assert "ok  log" in out and "ok  2026" in out


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE version_fees SET reason = '另一个理由'",
        "UPDATE version_fees SET standard = '1元/件'",
        "DELETE FROM version_fees",
        "UPDATE versions SET reviewer = 'someone-else'",
        "UPDATE versions SET at = '2020-01-01T00:00:00+00:00'",
        "UPDATE versions SET items = 99",
        "UPDATE versions SET columns = '[]'",
        "UPDATE versions SET title = '别的标题'",
        "UPDATE version_items SET position = 3 - position",
    ],
    ids=["fee-reason", "fee-standard", "fees-deleted", "reviewer", "time", "count", "columns", "title", "order"],
)
def test_verify_names_a_version_whose_record_changed(approved, sql):
    tamper(approved.db, sql)
    code, out = verify(approved)
    assert code == 1
    assert "BAD 2026: what it holds (record, columns, items, order or removed charges) does not match its hash" in out


def test_verify_covers_the_cell_text_a_version_publishes(approved):
    con = sqlite3.connect(approved.db)
    data = json.loads(con.execute("SELECT data FROM version_items WHERE code = '0002'").fetchone()[0])
    con.close()
    data["raw"] = {"name": "林木采伐许可（伪造）"}
    tamper(approved.db, "UPDATE version_items SET data = ? WHERE code = '0002'", json.dumps(data, ensure_ascii=False))
    code, out = verify(approved)
    assert code == 1 and "BAD 2026: what it holds" in out


@pytest.mark.parametrize(
    "sql,expected",
    [
        ("UPDATE decisions SET reason = '改过的理由' WHERE id = 4", "decision #4 was altered after it was logged"),
        ("UPDATE decisions SET action = 'keep' WHERE action = 'abolish'", "decision #4 was altered"),
        ("UPDATE decisions SET reviewer = 'mallory' WHERE id = 1", "decision #1 was altered"),
        ("UPDATE decisions SET at = '2020-01-01T00:00:00+00:00' WHERE id = 2", "decision #2 was altered"),
        ("DELETE FROM decisions WHERE id = 2", "decision #3: the entry before it was removed, inserted or altered"),
        (
            "INSERT INTO decisions (catalog_id, code, action, reason, reviewer, at, prev_hash, hash) "
            "SELECT catalog_id, code, 'keep', 'x', 'mallory', at, hash, hash FROM decisions WHERE id = 4",
            "decision #5 was altered",
        ),
    ],
    ids=["reason", "abolish-to-keep", "reviewer", "back-dated", "deleted", "inserted"],
)
def test_verify_names_the_first_altered_log_entry(approved, sql, expected):
    tamper(approved.db, sql)
    code, out = verify(approved)
    assert code == 1
    assert f"BAD log: {expected}" in out


def test_verify_names_a_version_whose_log_head_was_rewritten(approved):
    # a rewritten entry with its hash recomputed passes the log's own check only if all after it are
    # recomputed too; the version still remembers the head it was approved on
    tamper(approved.db, "UPDATE decisions SET hash = 'x' || substr(hash, 2) WHERE id = (SELECT max(id) FROM decisions)")
    code, out = verify(approved)
    assert code == 1
    assert "the decision log's entry #4 it was approved on no longer matches" in out


def test_verify_runs_sqlites_integrity_check(approved):
    con = sqlite3.connect(approved.db)
    con.execute("PRAGMA journal_mode = DELETE")
    page = con.execute("PRAGMA page_size").fetchone()[0]
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'version_items'").fetchone()[0]
    con.close()
    with open(approved.db, "r+b") as f:  # scribble over a b-tree page of the frozen items
        f.seek((root - 1) * page + 8)
        f.write(b"\xff" * 64)
    code, out = verify(approved)
    assert code in (1, 2)
    assert "BAD database" in out or "malformed" in out


def test_a_database_of_the_earlier_schema_is_upgraded_and_still_verifies(approved):
    """Entries logged before the chain existed get their hashes once; a version of scheme 1 is checked as before."""
    from itemclean.store.versions import chain_hash

    con = sqlite3.connect(approved.db)
    for column in ("hash", "prev_hash", "replaces"):
        con.execute(f"ALTER TABLE decisions DROP COLUMN {column}")
    for column in ("scheme", "columns", "title", "log_hash"):
        con.execute(f"ALTER TABLE versions DROP COLUMN {column}")
    lines = con.execute("SELECT code, hash FROM version_items WHERE version_id = 1 ORDER BY code").fetchall()
    con.execute("UPDATE versions SET hash = ?", (chain_hash("", "2026", lines),))
    con.execute("PRAGMA user_version = 3")
    con.commit()
    con.close()
    code, out = verify(approved)
    assert code == 0, out
    assert "ok  log" in out and "ok  2026" in out
    assert approved("export", "--version", "2026", "--format", "csv").exit_code == 0
    tamper(approved.db, "UPDATE decisions SET reason = 'x' WHERE id = 1")
    assert "BAD log: decision #1 was altered" in verify(approved)[1]
