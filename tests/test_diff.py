"""`itemclean diff`: files, drafts and versions; per field and per list entry; agreement with csv-diff."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest
from conftest import ROOT, header_line, write_reference

from itemclean import review
from itemclean.paths import default_reference
from itemclean.store import Store

HEADER = header_line(
    ("code", "name", "department", "basis", "materials", "statutory_limit", "promised_limit", "fees"), "联系电话"
)
A = [
    '0001,取水许可,县水利局,《中华人民共和国水法》第七条,"申请书\n水资源论证报告",20个工作日,10个工作日,无,111',
    "0002,林木采伐许可,县林业局,《中华人民共和国森林法》第五十六条,申请书,20个工作日,8个工作日,档案查询费|20元/次|,222",
    "0003,网吧审批,县文化广电和旅游局,,申请书,15个工作日,5个工作日,无,333",
]
B = [
    # 0001: a material replaced, the promise shortened, markers and 无 written differently (no change)
    '0001,取水许可,县水利局,1.《中华人民共和国水法》第七条,"1.申请书\n2.取水工程设计文件",二十个工作日,5个工作日,,111',
    "0002,林木采伐许可,县林业局,《中华人民共和国森林法》第五十六条,申请书,20个工作日,8个工作日,档案查询费|20元/次|,999",
    "0004,养犬登记,县公安局,《中华人民共和国动物防疫法》第三十条,申请书,即办,即办,无,",
]


@pytest.fixture
def files(tmp_path):
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    a.write_text(HEADER + "\r\n".join(A) + "\r\n", encoding="utf-8-sig")
    b.write_text(HEADER + "\r\n".join(B) + "\r\n", encoding="gb18030")
    return a, b


def as_json(r):
    assert r.exit_code in (0, 1), r.output
    return json.loads(r.stdout)


def test_two_files_json_contract(cli, files):
    a, b = files
    r = cli("diff", a, b, "--format", "json")
    assert r.exit_code == 1
    d = as_json(r)
    assert [x["code"] for x in d["added"]] == ["0004"]
    assert [x["code"] for x in d["removed"]] == ["0003"]
    assert [x["code"] for x in d["changed"]] == ["0001", "0002"]
    f1 = d["changed"][0]["fields"]
    assert set(f1) == {"materials", "statutory_limit", "promised_limit"}
    assert f1["materials"]["old"] == ["申请书", "水资源论证报告"]
    assert f1["materials"]["new"] == ["申请书", "取水工程设计文件"]
    assert f1["materials"]["added"] == ["取水工程设计文件"]
    assert f1["materials"]["removed"] == ["水资源论证报告"]
    assert f1["promised_limit"] == {"old": "10个工作日", "new": "5个工作日"}
    assert d["changed"][1]["fields"] == {"联系电话": {"old": "222", "new": "999"}}  # extra columns are diffed


def test_identical_catalogues_exit_0(cli, files):
    a, _ = files
    r = cli("diff", a, a, "--format", "json")
    assert r.exit_code == 0
    assert as_json(r) == {"a": str(a), "b": str(a), "added": [], "removed": [], "changed": [], "problems": []}


def test_text_md_csv_formats(cli, files):
    a, b = files
    text = cli("diff", a, b).stdout
    assert "+ 0004" in text and "- 0003" in text and "~ 0001" in text
    assert "1 added, 1 removed, 2 changed" in text
    md = cli("diff", a, b, "--format", "md").stdout
    assert md.startswith("# ") and "| 0001 | 取水许可 | materials | 水资源论证报告 | 取水工程设计文件 |" in md
    rows = list(csv.reader(io.StringIO(cli("diff", a, b, "--format", "csv").stdout)))
    assert rows[0] == ["change", "code", "name", "field", "old", "new"]
    assert ["added", "0004", "养犬登记", "", "", ""] in rows
    assert ["changed", "0002", "林木采伐许可", "联系电话", "222", "999"] in rows


def test_draft_and_versions(cli, files, tmp_path):
    a, b = files
    cli("import", a, "--catalog", "县")
    cli("decide", "0001", "0002", "--keep", "--catalog", "县")
    cli("decide", "0003", "--abolish", "--reason", "无依据", "--catalog", "县")
    cli(
        "decide",
        "0002",
        "--override",
        "fee-no-basis",
        "--override",
        "fee-not-in-catalogue",
        "--reason",
        "已核准",
        "--catalog",
        "县",
    )
    r = cli("approve", "--label", "v1", "--as-of", "2026-12-01", "--catalog", "县")
    assert r.exit_code == 0, r.output
    cli("import", b, "--prune", "--catalog", "县")
    d = as_json(cli("diff", "县@v1", "县", "--format", "json"))
    assert [x["code"] for x in d["added"]] == ["0004"]
    assert d["removed"] == []  # 0003 was abolished, so v1 never held it
    assert [x["code"] for x in d["changed"]] == ["0001", "0002"]
    # a stored side against a file
    d = as_json(cli("diff", "县@v1", b, "--format", "json"))
    assert [x["code"] for x in d["changed"]] == ["0001", "0002"]
    assert cli("diff", "县@v9", "县").exit_code == 2
    assert cli("diff", "nosuch.csv", "县").exit_code == 2


def test_bad_file_is_exit_2_with_location(cli, files, tmp_path):
    a, _ = files
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "0001,x,,,,,,,\r\n0001,y,,,,,,,\r\n", encoding="utf-8")
    r = cli("diff", a, bad)
    assert r.exit_code == 2 and "bad.csv:3: code '0001' repeats row 2" in r.output  # no row of it left to compare


def _csv_diff(a, b):
    from csv_diff import compare, load_csv

    with open(a, encoding="utf-8-sig", newline="") as fa, open(b, encoding="utf-8-sig", newline="") as fb:
        return compare(load_csv(fa, key="事项编码"), load_csv(fb, key="事项编码"))


@pytest.mark.parametrize("seed", [3, 4])
def test_agrees_with_csv_diff_on_generated_catalogues(cli, tmp_path, seed):
    pytest.importorskip("csv_diff")
    gen = ROOT / "bench" / "generate.py"
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    subprocess.run([sys.executable, gen, "--n", "3000", "--seed", str(seed), "-o", a], check=True)
    subprocess.run(
        [
            sys.executable,
            gen,
            "--from",
            a,
            "--seed",
            str(seed + 10),
            "--change",
            "0.03",
            "--add",
            "0.01",
            "--remove",
            "0.01",
            "-o",
            b,
        ],
        check=True,
        stderr=subprocess.DEVNULL,
    )
    ours = as_json(cli("diff", a, b, "--format", "json"))
    theirs = _csv_diff(a, b)
    assert {x["code"] for x in ours["added"]} == {r["事项编码"] for r in theirs["added"]}
    assert {x["code"] for x in ours["removed"]} == {r["事项编码"] for r in theirs["removed"]}
    assert {x["code"] for x in ours["changed"]} == {r["key"] for r in theirs["changed"]}
    # the same through stored versions
    cli("import", a, "--catalog", "g")
    cli("--reference", str(_lenient_reference(tmp_path)), "decide", "--all-undecided", "--keep", "--catalog", "g")
    assert (
        cli(
            "--reference",
            str(_lenient_reference(tmp_path)),
            "approve",
            "--label",
            "a",
            "--catalog",
            "g",
            "--as-of",
            "2026-12-01",
        ).exit_code
        == 0
    )
    cli("import", b, "--prune", "--catalog", "g")
    cli("decide", "--all-undecided", "--keep", "--catalog", "g")
    with Store(cli.db) as store:  # items changed since they were kept need a decision of their own
        waiting = review.never_decided(store, store.catalog("g"))[1]
    if waiting:
        assert cli("decide", *waiting, "--keep", "--catalog", "g").exit_code == 0
    assert (
        cli(
            "--reference",
            str(_lenient_reference(tmp_path)),
            "approve",
            "--label",
            "b",
            "--catalog",
            "g",
            "--as-of",
            "2026-12-01",
        ).exit_code
        == 0
    )
    stored = as_json(cli("diff", "g@a", "g@b", "--format", "json"))
    assert {x["code"] for x in stored["changed"]} == {x["code"] for x in ours["changed"]}
    assert {x["code"] for x in stored["added"]} == {x["code"] for x in ours["added"]}
    assert {x["code"] for x in stored["removed"]} == {x["code"] for x in ours["removed"]}


def _lenient_reference(tmp_path):
    """The shipped reference with every rule a warning, so that a generated catalogue can be approved."""
    from itemclean.rules import REGISTRY

    ref = tmp_path / "ref"
    if not ref.exists():
        shipped = {f.name: f.read_text(encoding="utf-8") for f in default_reference().glob("*.toml")}
        write_reference(
            ref,
            instruments=None,
            policy="".join(f'[rules.{rid}]\nseverity = "warning"\n\n' for rid in REGISTRY),
            extra={name: text for name, text in shipped.items() if name != "policy.toml"},
        )
    return ref
