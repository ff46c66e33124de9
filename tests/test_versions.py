"""Approval, immutable versions with a hash chain, verification, and the exports of a version."""

from __future__ import annotations

import csv
import io
import json
import sqlite3

import openpyxl
import pytest
from conftest import header_line

from itemclean.model import FIELDS
from itemclean.store import Store

HEADER = header_line(FIELDS[:10], "联系电话")  # every field but notes, and a column of its own
ROWS = [
    "0001,取水许可,县水利局,行政许可,《中华人民共和国水法》第七条,申请书,受理、审查、决定,20个工作日,10个工作日,无,123",
    "0002,林木采伐许可,县林业局,行政许可,《中华人民共和国森林法》第五十六条,申请书,受理、决定,20个工作日,8个工作日,"
    '"审图费|100元/件|县政府文件\n不动产登记费|80元/件|发改价格规〔2016〕2559号",',
    "0003,网吧审批,县文化广电和旅游局,行政许可,,申请书,受理,15个工作日,5个工作日,无,",
    "0004,<script>alert(1)</script>,县公安局,行政许可,《中华人民共和国道路交通安全法》第八条,申请书,受理,"
    "10个工作日,5个工作日,无,",
]


@pytest.fixture
def sheet(tmp_path):
    p = tmp_path / "c.csv"
    p.write_text(HEADER + "\r\n".join(ROWS) + "\r\n", encoding="utf-8-sig")
    return p


@pytest.fixture
def decided(cli, sheet):
    cli("import", sheet)
    cli("decide", "0001", "0004", "--keep")
    cli("decide", "0002", "--keep")
    cli("decide", "0002", "--remove-fee", "审图费", "--reason", "自定收费，取消")
    cli("decide", "0003", "--abolish", "--reason", "无设定依据")
    return cli


def test_approve_is_refused_with_blockers(cli, sheet):
    cli("import", sheet)
    r = cli("approve", "--label", "2026", "--as-of", "2026-12-01")
    assert r.exit_code == 1
    assert "0001" in r.output and "undecided" in r.output
    cli("decide", "0001", "0002", "0003", "0004", "--keep")
    r = cli("approve", "--label", "2026", "--as-of", "2026-12-01")
    assert r.exit_code == 1
    assert "0003" in r.output and "basis-missing" in r.output  # a kept item with an unresolved error
    assert "0002" in r.output and "fee-not-in-catalogue" in r.output
    assert "0001" not in r.output.split("block it", 1)[1]
    with Store(cli.db) as s:
        assert s.versions(s.catalog(None).id) == []


def test_approve_freezes_the_draft_and_chains_hashes(decided, sheet):
    r = decided("approve", "--label", "2026", "--as-of", "2026-12-01")
    assert r.exit_code == 0, r.output
    with Store(decided.db) as s:
        cat = s.catalog(None)
        (v,) = s.versions(cat.id)
        items = {i.code: i for i in s.version_items(v.id)}
    assert v.label == "2026" and v.prev_hash == "" and len(v.hash) == 64 and v.items == 3
    assert set(items) == {"0001", "0002", "0004"}  # the abolished item is not published
    assert [f.name for f in items["0002"].fees] == ["不动产登记费"]  # the removed charge is gone
    # the next changes go to the draft; the version stays as it was
    decided("edit", "0001", "--set", "promised_limit=5个工作日", "--reason", "压缩")
    decided("decide", "0001", "--keep")
    assert decided("approve", "--label", "2027", "--as-of", "2026-12-01").exit_code == 0
    with Store(decided.db) as s:
        v1, v2 = s.versions(s.catalog(None).id)
        assert v2.prev_hash == v1.hash
        old = {i.code: i for i in s.version_items(v1.id)}
    assert old["0001"].promised_limit.text == "10个工作日"
    assert decided("approve", "--label", "2027").exit_code == 2  # labels are unique
    r = decided("verify")
    assert r.exit_code == 0 and "ok  2026" in r.output and "ok  2027" in r.output


def test_verify_names_a_tampered_version(decided):
    decided("approve", "--label", "2026", "--as-of", "2026-12-01")
    decided("approve", "--label", "2027", "--as-of", "2026-12-01")
    con = sqlite3.connect(decided.db)
    data = json.loads(
        con.execute("SELECT data FROM version_items WHERE code = '0001' AND version_id = 1").fetchone()[0]
    )
    data["item"]["promised_limit"] = "1个工作日"
    con.execute(
        "UPDATE version_items SET data = ? WHERE code = '0001' AND version_id = 1",
        (json.dumps(data, ensure_ascii=False),),
    )
    con.commit()
    con.close()
    r = decided("verify")
    assert r.exit_code == 1
    assert "BAD 2026: item 0001 does not match its hash" in r.output
    assert "ok  2027" in r.output


def test_verify_detects_a_broken_chain(decided):
    decided("approve", "--label", "2026", "--as-of", "2026-12-01")
    decided("approve", "--label", "2027", "--as-of", "2026-12-01")
    con = sqlite3.connect(decided.db)
    con.execute("UPDATE versions SET hash = ? WHERE label = '2026'", ("0" * 64,))
    con.commit()
    con.close()
    r = decided("verify")
    assert r.exit_code == 1 and "BAD 2026" in r.output and "BAD 2027" in r.output


def test_export_formats_of_the_approved_version(decided, tmp_path):
    decided("approve", "--label", "2026", "--as-of", "2026-12-01")
    decided("decide", "0001", "--abolish", "--reason", "after approval")  # the draft moves on
    out = tmp_path / "v.csv"
    assert decided("export", "-o", out).exit_code == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [r["事项编码"] for r in rows] == ["0001", "0002", "0004"]
    assert rows[0]["联系电话"] == "123"  # the extra column survives
    assert rows[1]["收费项目"] == "不动产登记费|80元/件|发改价格规〔2016〕2559号"
    xlsx = tmp_path / "v.xlsx"
    decided("export", "--format", "xlsx", "-o", xlsx)
    ws = openpyxl.load_workbook(xlsx).active
    values = [[c.value for c in row] for row in ws.iter_rows()]
    assert values[0][:2] == ["事项编码", "事项名称"]
    assert [r[0] for r in values[1:]] == ["0001", "0002", "0004"]
    j = tmp_path / "v.json"
    decided("export", "--format", "json", "-o", j)
    assert [i["code"] for i in json.loads(j.read_text(encoding="utf-8"))] == ["0001", "0002", "0004"]
    draft = decided("export", "--draft", "--format", "jsonl")
    assert len(draft.stdout.splitlines()) == 4


def test_html_publication_is_self_contained_and_escaped(decided, tmp_path):
    decided("approve", "--label", "2026", "--as-of", "2026-12-01")
    page = tmp_path / "p.html"
    assert decided("export", "--format", "html", "-o", page, "--lang", "zh").exit_code == 0
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>") and "<style>" in html
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "县水利局" in html and "县林业局" in html and "版本 2026" in html
    assert "《中华人民共和国水法》第七条" in html and "网吧审批" not in html
    assert "http" not in html.split("</style>", 1)[1]  # nothing fetched from elsewhere
    md = decided("export", "--format", "md", "--lang", "zh").stdout
    assert "## 县水利局（1项）" in md and "取水许可" in md
    md = decided("export", "--format", "md").stdout  # --lang en
    assert "## 县水利局 (1)" in md and "version 2026, " in md and "approved by " in md


def test_removed_fees_report(decided):
    decided("approve", "--label", "2026", "--as-of", "2026-12-01")
    r = decided("export", "--what", "removed-fees", "--format", "json")
    assert r.exit_code == 0, r.output
    rows = json.loads(r.stdout)
    assert rows == [
        {
            "code": "0002",
            "item": "林木采伐许可",
            "department": "县林业局",
            "fee": "审图费",
            "standard": "100元/件",
            "basis": "县政府文件",
            "reason": "自定收费，取消",
        }
    ]


def test_removed_fees_include_the_fees_of_abolished_items(cli, tmp_path):
    p = tmp_path / "c.csv"
    p.write_text(
        HEADER + '0009,旧审批,县林业局,行政许可,,申请书,受理,5,3,"培训费|200元/人|",\r\n' + ROWS[0] + "\r\n",
        encoding="utf-8-sig",
    )
    cli("import", p)
    cli("decide", "0009", "--abolish", "--reason", "无依据")
    cli("decide", "0001", "--keep")
    assert cli("approve", "--label", "v1", "--as-of", "2026-12-01").exit_code == 0
    rows = json.loads(cli("export", "--what", "removed-fees", "--format", "json").stdout)
    assert [(r["code"], r["fee"], r["reason"]) for r in rows] == [("0009", "培训费", "无依据")]


def test_findings_and_decisions_reports(decided):
    decided("audit", "--as-of", "2026-12-01")
    f = json.loads(decided("export", "--what", "findings", "--format", "json").stdout)
    assert {"code", "rule", "severity", "message", "suggestion", "resolved"} <= set(f[0])
    d = decided("export", "--what", "decisions", "--format", "csv").stdout
    assert d.splitlines()[0].lstrip("\ufeff").startswith("id,code,action")
    assert len(d.splitlines()) == 6


def test_export_of_unknown_version_is_bad_input(decided):
    r = decided("export", "--version", "1999")
    assert r.exit_code == 2 and "1999" in r.output
