"""Decisions through the command line: the append-only log, undo, edits, batch files, re-review."""

from __future__ import annotations

import json
import sqlite3

import pytest
from conftest import header_line

from itemclean import review
from itemclean.model import FIELDS
from itemclean.store import Store

HEADER = header_line(FIELDS[:10])  # every field but notes
ROWS = [
    "0001,取水许可,县水利局,行政许可,《中华人民共和国水法》第七条,申请书,受理、审查、决定,20个工作日,10个工作日,无",
    "0002,林木采伐许可,县林业局,行政许可,《中华人民共和国森林法》第五十六条,申请书,受理、决定,20个工作日,8个工作日,"
    '"审图费|100元/件|县政府文件\n档案查询费|20元/次|"',
    '0003,网吧审批,县文化广电和旅游局,行政许可,,"申请书\n其他材料",受理,15个工作日,5个工作日,无',
]


@pytest.fixture
def sheet(tmp_path):
    p = tmp_path / "c.csv"
    p.write_text(HEADER + "\r\n".join(ROWS) + "\r\n", encoding="utf-8-sig")
    return p


@pytest.fixture
def loaded(cli, sheet):
    assert cli("import", sheet).exit_code == 0
    return cli


def log(cli, *args):
    r = cli("log", *args, "--format", "json")
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def state(cli, code):
    with Store(cli.db) as s:
        return review.state_of(s, s.catalog(None).id, code)


def test_keep_abolish_merge_are_logged_with_reviewer_and_reason(loaded):
    assert loaded("decide", "0001", "--keep").exit_code == 0
    assert loaded("decide", "0003", "--abolish", "--reason", "无设定依据", reviewer="李四").exit_code == 0
    assert loaded("decide", "0002", "--merge-into", "0001", "--reason", "合并办理").exit_code == 0
    entries = log(loaded)
    assert [(e["code"], e["action"], e["reviewer"], e["reason"], e["target"]) for e in entries] == [
        ("0001", "keep", "reviewer-a", "", None),
        ("0003", "abolish", "李四", "无设定依据", None),
        ("0002", "merge", "reviewer-a", "合并办理", "0001"),
    ]
    assert all(e["at"] and e["item_hash"] for e in entries)
    assert state(loaded, "0002").label == "merge"


def test_abolish_merge_amend_override_need_a_reason(loaded):
    for args in (["--abolish"], ["--merge-into", "0001"], ["--amend"], ["--override", "basis-missing"]):
        r = loaded("decide", "0003", *args)
        assert r.exit_code == 2 and "reason" in r.output
    assert log(loaded) == []


def test_unknown_code_and_bad_merge_target_are_bad_input(loaded):
    assert loaded("decide", "9999", "--keep").exit_code == 2
    r = loaded("decide", "0002", "--merge-into", "9999", "--reason", "x")
    assert r.exit_code == 2 and "9999" in r.output
    r = loaded("decide", "0002", "--merge-into", "0002", "--reason", "x")
    assert r.exit_code == 2
    assert log(loaded) == []


def test_undo_appends_a_reversing_entry_and_nothing_is_deleted(loaded):
    loaded("decide", "0001", "--keep")
    loaded("decide", "0001", "--abolish", "--reason", "重新审查后废止")
    assert state(loaded, "0001").status == "abolish"
    r = loaded("decide", "0001", "--undo", "--reason", "误操作")
    assert r.exit_code == 0, r.output
    assert state(loaded, "0001").status == "keep"
    entries = log(loaded, "0001")
    assert [e["action"] for e in entries] == ["keep", "abolish", "undo"]
    assert entries[2]["undoes"] == entries[1]["id"]
    loaded("decide", "0001", "--undo")
    assert state(loaded, "0001").status is None
    assert len(log(loaded, "0001")) == 4
    assert loaded("decide", "0001", "--undo").exit_code == 2  # nothing left to undo


def test_fee_removal_and_taking_it_back(loaded):
    r = loaded("decide", "0002", "--remove-fee", "审图费", "--reason", "自定收费")
    assert r.exit_code == 0, r.output
    assert "审图费" in state(loaded, "0002").removed_fees
    loaded("decide", "0002", "--keep-fee", "审图费")
    assert state(loaded, "0002").removed_fees == {}
    r = loaded("decide", "0002", "--remove-fee", "不存在的费", "--reason", "x")
    assert r.exit_code == 2 and "审图费" in r.output  # the message lists the item's fees


def test_override_resolves_the_rules_findings(loaded):
    assert loaded("audit", "--as-of", "2026-12-01").exit_code == 1
    loaded("decide", "0003", "--abolish", "--reason", "无依据")
    loaded("decide", "0002", "--remove-fee", "审图费", "--reason", "自定收费")
    loaded(
        "decide",
        "0002",
        "--override",
        "fee-no-basis",
        "--override",
        "fee-not-in-catalogue",
        "--reason",
        "档案查询费 经省物价部门核准",
    )
    r = loaded("audit", "--as-of", "2026-12-01", "--format", "json")
    found = json.loads(r.stdout)["findings"]
    assert all(f["resolved"] for f in found if f["severity"] == "error"), found
    assert r.exit_code == 0


def test_edit_logs_old_and_new_and_reaudits_at_once(loaded):
    loaded("audit", "--as-of", "2026-12-01")
    with Store(loaded.db) as s:
        before = {f.rule for f in s.findings_of(s.catalog(None).id, "0003")}
    assert {"basis-missing", "materials-catch-all"} <= before
    r = loaded(
        "edit",
        "0003",
        "--set",
        "materials=申请书\\n营业执照",
        "--set",
        "basis=《互联网上网服务营业场所管理条例》第七条",
        "--reason",
        "删除兜底条款",
    )
    assert r.exit_code == 0, r.output
    with Store(loaded.db) as s:
        cat = s.catalog(None)
        item = s.get_item(cat.id, "0003")
        after = {f.rule for f in s.findings_of(cat.id, "0003")}
    assert item.materials == ["申请书", "营业执照"]
    assert item.basis[0].instrument == "互联网上网服务营业场所管理条例"
    assert "materials-catch-all" not in after and "basis-missing" not in after
    edits = [e for e in log(loaded, "0003") if e["action"] == "edit"]
    assert [(e["field"], e["old"], e["new"]) for e in edits] == [
        ("materials", "申请书\n其他材料", "申请书\n营业执照"),
        ("basis", "", "《互联网上网服务营业场所管理条例》第七条"),
    ]
    assert state(loaded, "0003").status == "amend"
    # undo brings the old value back, logged as an entry of its own
    loaded("decide", "0003", "--undo")  # the amend decision
    loaded("decide", "0003", "--undo")  # the basis edit
    with Store(loaded.db) as s:
        assert s.get_item(s.catalog(None).id, "0003").basis == []


def test_edit_rejects_unknown_fields_and_bad_values(loaded):
    assert loaded("edit", "0001", "--set", "colour=red").exit_code == 2
    assert loaded("edit", "0001", "--set", "name=").exit_code == 2
    assert loaded("edit", "0001", "--set", "no-equals").exit_code == 2
    assert log(loaded) == []


def test_reimport_of_a_changed_item_sends_it_back_to_review(loaded, sheet):
    loaded("decide", "0001", "0002", "0003", "--keep")
    text = sheet.read_text(encoding="utf-8-sig").replace("20个工作日,10个工作日", "20个工作日,5个工作日")
    sheet.write_text(text, encoding="utf-8-sig")
    r = loaded("import", sheet)
    assert "updated 1" in r.output
    assert state(loaded, "0001").label == "needs-review"
    assert state(loaded, "0002").label == "keep"
    assert len(log(loaded, "0001")) == 1  # history intact
    loaded("decide", "0001", "--keep")
    assert state(loaded, "0001").label == "keep"


def test_decide_from_file_all_or_nothing(loaded, tmp_path):
    good = tmp_path / "d.csv"
    good.write_text(
        "code,decision,reason,target,fee\n0001,keep,,,\n0003,废止,无依据,,\n0002,remove-fee,自定收费,,审图费\n",
        encoding="utf-8",
    )
    r = loaded("decide", "--from", good)
    assert r.exit_code == 0, r.output
    assert [e["action"] for e in log(loaded)] == ["keep", "abolish", "remove-fee"]
    bad = tmp_path / "bad.csv"
    bad.write_text("code,decision,reason\n0001,abolish,重复\n9999,keep,\n0002,maybe,\n0002,merge,x\n", encoding="utf-8")
    r = loaded("decide", "--from", bad)
    assert r.exit_code == 2
    assert "bad.csv:3:1: no item with code '9999'" in r.output
    assert "bad.csv:4:2: unknown decision 'maybe'" in r.output
    assert "bad.csv:5:2:" in r.output
    assert len(log(loaded)) == 3  # nothing of the bad file was written


def test_stale_decision_is_refused(loaded):
    with Store(loaded.db) as s:
        cat = s.catalog(None)
        seen = s.item_version(cat.id, "0001")
        review.decide(s, cat, ["0001"], "keep", reviewer="a", expect=seen)
        with pytest.raises(review.Refused, match="changed since it was loaded"):
            review.decide(s, cat, ["0001"], "abolish", reviewer="b", reason="x", expect=seen)
        assert [d.action for d in s.decisions(cat.id, "0001")] == ["keep"]


def test_log_table_shows_entries(loaded):
    loaded("decide", "0001", "--keep")
    r = loaded("log", "0001")
    assert r.exit_code == 0 and "keep" in r.output and "reviewer-a" in r.output


def test_decisions_are_never_updated_or_deleted(loaded):
    loaded("decide", "0001", "--keep")
    loaded("decide", "0001", "--undo")
    con = sqlite3.connect(loaded.db)
    rows = con.execute("SELECT id, action FROM decisions ORDER BY id").fetchall()
    assert rows == [(1, "keep"), (2, "undo")]
