"""A cleanup cycle that never loses, overturns or rewrites anything: re-imports and decisions by several people."""

from __future__ import annotations

import csv
import json

import pytest
from conftest import REALDATA, write_rows

from itemclean import review
from itemclean.model import FIELDS
from itemclean.store import Store

GUANGAN = REALDATA / "sichuan-guangan-511602-items.csv"
MAP = ("--map", "code=item_code")
needs_realdata = pytest.mark.skipif(not GUANGAN.exists(), reason="../shared/realdata is not beside the checkout")


def read_rows(path):
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def items_by_code(cli):
    r = cli("export", "--draft", "--format", "json")
    assert r.exit_code == 0, r.output
    return {x["code"]: x for x in json.loads(r.stdout)}


def status(cli, code):
    with Store(cli.db) as store:
        cat = store.catalog(None)
        return review.state_of(store, cat.id, code)


@pytest.fixture
def department_sheet(tmp_path):
    """One department's rows of the 广安 list, re-sent with fewer columns and renumbered rows."""
    rows = read_rows(GUANGAN)
    head = rows[0]
    dept = [r for r in rows[1:] if r[0] == "区教科体局"]
    keep = [head.index(h) for h in ("department", "name", "item_code")]
    renumbered = [["序号", "department", "name", "item_code"]]
    for n, r in enumerate(reversed(dept), 1):  # another order and other numbers
        renumbered.append([str(n * 10)] + [r[i] for i in keep])
    return write_rows(tmp_path / "教科体局.csv", renumbered), len(dept)


@needs_realdata
def test_resent_department_sheet_keeps_the_catalogues_columns(cli, department_sheet):
    sheet, n = department_sheet
    assert cli("import", GUANGAN, *MAP).exit_code == 0
    before = items_by_code(cli)
    r = cli("import", sheet, *MAP, "--dry-run")
    assert r.exit_code == 0, r.output
    assert f"added 0, updated 0, unchanged {n}" in r.output
    assert (
        "教科体局.csv has no column main_item, task_type, area_code, dept_code: the items' values there would be kept"
        in (r.output)
    )
    assert "column '序号' read as the sheet's row numbering, not as data" in r.output
    r = cli("import", sheet, *MAP)
    assert r.exit_code == 0, r.output
    assert f"added 0, updated 0, unchanged {n}" in r.output
    assert (
        "教科体局.csv has no column main_item, task_type, area_code, dept_code: the items' values there are kept"
        in (r.output)
    )
    after = items_by_code(cli)
    assert after == before  # nothing lost, nothing sent back to review
    assert all("序号" not in item for item in after.values())
    exported = cli("export", "--draft", "--format", "csv")
    assert (
        exported.stdout.lstrip("\ufeff").splitlines()[0]
        == "department,main_item,name,item_code,task_type,area_code,dept_code"
    )


@needs_realdata
def test_a_changed_cell_of_a_resent_sheet_still_updates_and_keeps_the_rest(cli, department_sheet, tmp_path):
    sheet, _ = department_sheet
    assert cli("import", GUANGAN, *MAP).exit_code == 0
    rows = read_rows(sheet)
    code = rows[1][3]
    before = items_by_code(cli)[code]
    rows[1][2] = rows[1][2] + "（已更名）"
    write_rows(sheet, rows)
    r = cli("import", sheet, *MAP)
    assert "updated 1" in r.output
    after = items_by_code(cli)[code]
    assert after["name"] == before["name"] + "（已更名）"
    assert {k: after[k] for k in ("main_item", "task_type", "area_code", "dept_code")} == {
        k: before[k] for k in ("main_item", "task_type", "area_code", "dept_code")
    }


@pytest.mark.parametrize("header", ["序号", "编号", "No.", "NO.", " 序号 "])
def test_a_row_number_column_is_numbering_not_data(cli, tmp_path, header):
    first = write_rows(tmp_path / "a.csv", [[header, "事项编码", "事项名称"], ["1", "001", "甲"], ["2", "002", "乙"]])
    again = write_rows(tmp_path / "b.csv", [[header, "事项编码", "事项名称"], ["7", "002", "乙"], ["9", "001", "甲"]])
    r = cli("import", first)
    assert r.exit_code == 0, r.output
    assert f"column {header.strip()!r} read as the sheet's row numbering" in r.output
    assert set(items_by_code(cli)["001"]) == set(FIELDS)  # the numbering is no extra field
    r = cli("import", again)
    assert "added 0, updated 0, unchanged 2" in r.output
    assert list(items_by_code(cli)) == ["002", "001"]  # the sheet's order is the items' place


def test_numbering_word_that_is_the_code_column_stays_the_code(cli, tmp_path):
    sheet = write_rows(tmp_path / "a.csv", [["编号", "事项名称"], ["A1", "甲"]])
    r = cli("import", sheet, "--map", "code=编号")
    assert r.exit_code == 0, r.output
    assert "row numbering" not in r.output
    assert list(items_by_code(cli)) == ["A1"]


def test_other_numbering_like_headers_are_data(cli, tmp_path):
    sheet = write_rows(tmp_path / "a.csv", [["No", "序列", "事项编码", "事项名称"], ["1", "x", "001", "甲"]])
    r = cli("import", sheet)
    assert "row numbering" not in r.output
    item = items_by_code(cli)["001"]
    assert item["No"] == "1" and item["序列"] == "x"


def test_json_item_without_a_key_keeps_that_field(cli, tmp_path):
    (tmp_path / "a.json").write_text(
        json.dumps([{"code": "001", "name": "甲", "department": "县水利局", "主项": "取水"}], ensure_ascii=False),
        encoding="utf-8",
    )
    (tmp_path / "b.json").write_text(json.dumps([{"code": "001", "name": "甲"}]), encoding="utf-8")
    (tmp_path / "c.json").write_text(json.dumps([{"code": "001", "name": "甲", "department": ""}]), encoding="utf-8")
    assert cli("import", tmp_path / "a.json").exit_code == 0
    assert "unchanged 1" in cli("import", tmp_path / "b.json").output
    assert items_by_code(cli)["001"]["department"] == "县水利局"
    assert items_by_code(cli)["001"]["主项"] == "取水"
    assert "updated 1" in cli("import", tmp_path / "c.json").output
    assert items_by_code(cli)["001"]["department"] == ""


# --- decisions ---------------------------------------------------------------------------------

SHEET = [
    ["事项编码", "事项名称", "实施机关", "收费项目"],
    ["001", "取水许可", "县水利局", "水资源费|2元/吨|国家规定"],
    ["002", "林木采伐许可", "县林业局", ""],
    ["003", "网吧审批", "县文化局", ""],
]


@pytest.fixture
def decided(cli, tmp_path):
    write_rows(tmp_path / "c.csv", SHEET)
    assert cli("import", tmp_path / "c.csv").exit_code == 0
    assert cli("decide", "001", "--abolish", "--reason", "无设定依据", reviewer="张三").exit_code == 0
    changed = [r[:] for r in SHEET]
    changed[1][1] = "取水许可（变更）"
    write_rows(tmp_path / "c2.csv", changed)
    assert cli("import", tmp_path / "c2.csv").exit_code == 0
    assert status(cli, "001").stale  # waits for re-review
    return cli


def test_bulk_keep_leaves_items_waiting_for_rereview(decided):
    r = decided("decide", "--all-undecided", "--keep", reviewer="李四")
    assert r.exit_code == 0, r.output
    assert "recorded 2 decision(s) by 李四" in r.output
    assert "1 item(s) wait for re-review after a re-import and were left as they are" in r.output
    assert "001" in r.output
    s = status(decided, "001")
    assert s.status == "abolish" and s.reviewer == "张三" and s.stale
    assert status(decided, "002").status == "keep"


def test_replacing_anothers_decision_says_so_in_output_and_log(decided):
    r = decided("decide", "001", "--keep", reviewer="李四")
    assert r.exit_code == 0, r.output
    assert "001: keep, replacing the abolish by 张三 on " in r.output
    log = json.loads(decided("log", "001", "--format", "json").stdout)
    first, last = log[0], log[-1]
    assert last["action"] == "keep" and first["action"] == "abolish"
    assert last["replaces"] == first["id"]
    assert (last["replaced_action"], last["replaced_reviewer"]) == ("abolish", "张三")
    assert "replacing the abolish by 张三 on " in decided("log", "001").output  # through a pipe, uncut


def test_replacing_ones_own_decision_is_logged_but_not_announced(decided):
    r = decided("decide", "002", "003", "--keep", reviewer="张三")
    assert r.exit_code == 0
    r = decided("decide", "002", "003", "--abolish", "--reason", "合并办理", reviewer="张三")
    assert "replacing" not in r.output
    r = decided("decide", "002", "003", "--keep", reviewer="王五")
    assert "002: keep, replacing the abolish by 张三" in r.output
    assert "003: keep, replacing the abolish by 张三" in r.output


def test_repeated_charge_removal_is_refused_with_the_first(decided):
    r = decided("decide", "001", "--remove-fee", "水资源费", "--reason", "自定收费", reviewer="张三")
    assert r.exit_code == 0, r.output
    r = decided("decide", "001", "--remove-fee", "水资源费", "--reason", "另一个理由", reviewer="李四")
    assert r.exit_code == 1
    assert "already flagged for removal by 张三" in r.output and "自定收费" in r.output
    removals = [d for d in json.loads(decided("log", "001", "--format", "json").stdout) if d["action"] == "remove-fee"]
    assert len(removals) == 1
    # taken back, it can be flagged again
    assert decided("decide", "001", "--keep-fee", "水资源费", reviewer="李四").exit_code == 0
    assert (
        decided("decide", "001", "--remove-fee", "水资源费", "--reason", "另一个理由", reviewer="李四").exit_code == 0
    )


def test_repeated_charge_removal_in_a_decision_file_is_bad_input(decided, tmp_path):
    assert decided("decide", "001", "--remove-fee", "水资源费", "--reason", "自定收费").exit_code == 0
    f = write_rows(tmp_path / "d.csv", [["code", "decision", "reason", "fee"], ["001", "取消收费", "再次", "水资源费"]])
    r = decided("decide", "--from", f)
    assert r.exit_code == 2
    assert "d.csv:2: 001: the fee '水资源费' is already flagged for removal" in r.output


def test_merge_into_an_abolished_or_merged_item_is_refused(decided):
    assert decided("decide", "003", "--abolish", "--reason", "无依据").exit_code == 0
    r = decided("decide", "002", "--merge-into", "003", "--reason", "合并")
    assert r.exit_code == 2
    assert "003: cannot merge into an item that is itself abolished (无依据)" in r.output
    assert decided("decide", "003", "--merge-into", "002", "--reason", "并入").exit_code == 0
    r = decided("decide", "001", "--merge-into", "003", "--reason", "合并")
    assert r.exit_code == 2 and "003: cannot merge into an item that is itself merged into 002 (并入)" in r.output
    assert status(decided, "001").status == "abolish"  # unchanged


def test_a_batch_records_each_item_once_in_the_order_given(decided):
    r = decided("decide", "003", "002", "003", "--keep", reviewer="王五")
    assert r.exit_code == 0, r.output
    log = json.loads(decided("log", "--format", "json").stdout)
    mine = [(e["code"], e["action"]) for e in log if e["reviewer"] == "王五"]
    assert mine == [("003", "keep"), ("002", "keep")]
    assert [e["id"] for e in log] == sorted(e["id"] for e in log)
    assert decided("verify").exit_code == 0
