"""Output read by scripts (issue 14, Build 5): nothing is cut to a width when standard output is not a
terminal, and the commands that print rows give them as JSON or CSV too."""

from __future__ import annotations

import csv
import io
import json

import pytest
from conftest import REALDATA, SAMPLE
from typer.testing import CliRunner

SICHUAN = REALDATA / "sichuan-guangan-511602-items.csv"
CODE = "511A0126300000-511602000000-000-11511301008778255F-1-00"  # 建筑工程施工许可证核发
REASON = "建筑工程施工许可证核发与普通公路建设项目施工许可同属施工许可，按清理方案合并办理，" * 3

needs_realdata = pytest.mark.skipif(not REALDATA.exists(), reason="../shared/realdata is not beside the checkout")


def piped(cli, *args: str):
    """The command as a script runs it: stdout a pipe (CliRunner's is no terminal), no COLUMNS set."""
    from itemclean.cli import app

    env = {"COLUMNS": None, "LINES": None, "ITEMCLEAN_LANG": "zh"}
    return CliRunner().invoke(app, ["--db", str(cli.db), "--reviewer", "审核员甲", *args], env=env)


@pytest.fixture
def decided(cli):
    r = cli("import", SICHUAN, "--map", "code=item_code")
    assert r.exit_code == 0, r.output
    r = cli("decide", CODE, "--abolish", "--reason", REASON, reviewer="审核员甲")
    assert r.exit_code == 0, r.output
    return cli


@needs_realdata
def test_the_log_through_a_pipe_is_not_cut(decided):
    """It was cut to 80 columns: `施工许可 …`."""
    r = piped(decided, "log")
    assert r.exit_code == 0
    line = next(x for x in r.stdout.splitlines() if CODE in x)
    assert REASON in line and "…" not in line


@needs_realdata
def test_show_and_catalogs_through_a_pipe_are_not_cut(decided):
    r = piped(decided, "show", CODE)
    assert r.exit_code == 0
    assert CODE in r.stdout and "建筑工程施工许可证核发" in r.stdout and "…" not in r.stdout
    r = piped(decided, "catalogs")
    assert "sichuan-guangan-511602-items" in r.stdout and "…" not in r.stdout


@needs_realdata
def test_log_as_csv_and_json(decided):
    rows = list(csv.DictReader(io.StringIO(piped(decided, "log", "--format", "csv").stdout)))
    assert [(x["code"], x["action"], x["reviewer"], x["reason"]) for x in rows] == [
        (CODE, "abolish", "审核员甲", REASON)
    ]
    assert set(rows[0]) >= {"id", "at", "detail", "target", "fee", "rule"}
    (entry,) = json.loads(piped(decided, "log", CODE, "--format", "json").stdout)
    assert entry["reason"] == REASON and entry["action"] == "abolish"


@needs_realdata
def test_show_as_json_and_csv(decided):
    item = json.loads(piped(decided, "show", CODE, "--format", "json").stdout)
    assert item["code"] == CODE and item["name"] == "建筑工程施工许可证核发"
    assert item["dept_code"] == "11511301008778255F" and item["area_code"] == "511602000000"  # extra columns kept
    (row,) = csv.DictReader(io.StringIO(piped(decided, "show", CODE, "--format", "csv").stdout))
    assert row["code"] == CODE and row["dept_code"] == "11511301008778255F"


def test_versions_catalogs_and_rules_as_rows(cli, tmp_path):
    from test_diff import _lenient_reference

    ref = _lenient_reference(tmp_path)
    cli("import", SAMPLE)
    cli("decide", "--all-undecided", "--keep")
    assert cli("--reference", ref, "approve", "--label", "2026", "--as-of", "2026-12-01").exit_code == 0
    (v,) = json.loads(piped(cli, "versions", "--format", "json").stdout)
    assert v["label"] == "2026" and v["items"] == 178 and len(v["hash"]) == 64 and v["prev_hash"] == ""
    (row,) = csv.DictReader(io.StringIO(piped(cli, "versions", "--format", "csv").stdout))
    assert row["hash"] == v["hash"]  # whole, where the table shows 16 characters
    (c,) = json.loads(piped(cli, "catalogs", "--format", "json").stdout)
    assert c["catalog"] == "linchuan-county" and c["items"] == 178 and c["versions"] == 1
    rules = list(csv.DictReader(io.StringIO(piped(cli, "rules", "--format", "csv").stdout)))
    assert {r["rule"] for r in rules} >= {"basis-missing", "fee-no-basis"} and rules[0]["enabled"] in ("true", "false")
    r = piped(cli, "versions", "--format", "yaml")
    assert r.exit_code == 2 and "--format 取 text, json, csv" in r.stderr
