"""Approval stores each item as SQLite makes it (store.version_rows) byte for byte as Python would: the form
item_data gives, as json.dumps writes it, with the item's content hash; the items Python publishes (abolished,
merged, fees removed) are written in their places."""

from __future__ import annotations

import json

import pytest
from conftest import header, write_csv

from itemclean.serialise import item_data
from itemclean.states import states
from itemclean.store import Store
from itemclean.store.items import hash_key
from itemclean.versions import published_items

# every control character, the characters json escapes by name, and some that it leaves as they are
ODD = "".join(chr(c) for c in range(1, 32)) + '"\\/\u2028\u2029\u00e9\U0001f600\x7f'


def _row(code: str, name: str, fees: str = "无", phone: str = "", materials: str = "申请书") -> list[str]:
    return [
        code,
        name,
        "县水利局",
        "行政许可",
        "《中华人民共和国水法》第七条\n《取水许可和水资源费征收管理条例》第二条",
        materials,
        "受理、审查、决定",
        "20个工作日",
        "10个工作日",
        fees,
        "",
        phone,
    ]


@pytest.fixture
def approved(cli, tmp_path):
    rows = [
        _row("0001", "取水许可", phone='0791-"8888"\\1'),
        _row("0002", "林木采伐许可", fees="审图费|100元/件|县政府文件\n不动产登记费|80元/件|发改价格规〔2016〕2559号"),
        _row("0003", "网吧审批", fees="工本费|10元/本"),
        _row("0004", "河道采砂许可", materials="申请书；\t图纸\n\n现场照片"),
        _row("0005", "水土保持方案审批", fees=" 工本费 | 10元/本 "),  # cell text unlike its canonical form
        _row("0006", "取水许可延续"),
    ]
    sheet = write_csv(tmp_path / "c.csv", rows, columns=[*header(), "联系电话"])
    assert cli("import", sheet).exit_code == 0
    assert cli("edit", "0006", "--set", f"notes={ODD}", "--reason", "特殊字符").exit_code == 0
    assert cli("edit", "0001", "--set", f"procedure=受理{ODD}决定", "--reason", "特殊字符").exit_code == 0
    assert cli("decide", "0001", "0004", "0005", "0006", "--keep").exit_code == 0
    assert cli("decide", "0002", "--keep").exit_code == 0
    assert cli("decide", "0002", "--remove-fee", "审图费", "--reason", "自定收费，取消").exit_code == 0
    assert cli("decide", "0003", "--abolish", "--reason", "无设定依据").exit_code == 0
    assert cli("decide", "0005", "--merge-into", "0004", "--reason", "合并办理").exit_code == 0
    r = cli("approve", "--label", "A", "--as-of", "2026-12-01")
    assert r.exit_code == 0, r.output
    return cli


def _stored(db) -> tuple[list[tuple], list[tuple]]:
    with Store(db) as s:
        (v,) = s.versions(s.catalog(None).id)
        rows = s.conn.execute(
            "SELECT position, code, hash, hkey, data FROM version_items WHERE version_id = ? ORDER BY position",
            (v.id,),
        ).fetchall()
        return rows, s.removed_fees(v.id)


def _as_python_publishes(db) -> tuple[list[tuple], list[tuple]]:
    removed: list[tuple] = []
    with Store(db) as s:
        cat = s.catalog(None)
        items = list(published_items(s, cat.id, states(s, cat.id), removed))
    rows = [
        (n, it.code, it.content_hash, hash_key(it.content_hash), json.dumps(item_data(it), ensure_ascii=False))
        for n, it in enumerate(items, 1)
    ]
    return rows, removed


def test_each_item_is_stored_as_python_writes_it(approved):
    rows, removed = _stored(approved.db)
    expected, expected_removed = _as_python_publishes(approved.db)
    assert rows == expected
    assert removed == expected_removed


def test_what_is_published_and_what_is_taken_out(approved):
    rows, removed = _stored(approved.db)
    assert [r[1] for r in rows] == ["0001", "0002", "0004", "0006"]  # abolished 0003 and merged 0005 left out
    data = {r[1]: json.loads(r[4]) for r in rows}
    assert [f["name"] for f in data["0002"]["item"]["fees"]] == ["不动产登记费"]
    assert data["0006"]["item"]["notes"] == ODD
    assert data["0001"]["item"]["联系电话"] == '0791-"8888"\\1' and data["0001"]["extra"] == ["联系电话"]
    assert data["0004"]["item"]["materials"] == ["申请书", "图纸", "现场照片"]
    assert data["0004"]["raw"]["materials"] == "申请书；\t图纸\n\n现场照片"  # the cell as read
    assert {(r[0], r[3]) for r in removed} == {("0002", "审图费"), ("0003", "工本费"), ("0005", "工本费")}


def test_the_version_verifies(approved):
    r = approved("verify")
    assert r.exit_code == 0, r.output
