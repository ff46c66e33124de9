"""Real public catalogues that nobody here wrote: a county's item list and a UK licence list in two versions."""

from __future__ import annotations

import json

import pytest
from conftest import REALDATA

SICHUAN = REALDATA / "sichuan-guangan-511602-items.csv"
UK = REALDATA / "uk-licence-finder"
UK_MAPS = ["--map", "code=legal ref nr", "--map", "name=Formality_name", "--map", "basis=Legislation"]

pytestmark = pytest.mark.skipif(not REALDATA.exists(), reason="../shared/realdata is not beside the checkout")


def test_county_list_imports_with_its_own_code_header(cli):
    r = cli("import", SICHUAN)
    assert r.exit_code == 2
    assert "sichuan-guangan-511602-items.csv:1: the header row has no column 事项编码 (code)" in r.output
    assert "--map code=HEADER" in r.output
    r = cli("import", SICHUAN, "--map", "code=item_code")
    assert r.exit_code == 0, r.output
    assert "1135 items" in r.output
    shown = cli("show", "511A0138000000-511602000000-000-115113010833722043-1-00")
    assert "适龄儿童、少年因身体状况需要延缓入学或者休学审批" in shown.output
    assert "115113010833722043" in shown.output and "083372204" in shown.output  # dept_code kept as text


def test_county_list_audit_finds_its_duplicate_names(cli):
    r = cli("audit", SICHUAN, "--map", "code=item_code", "--format", "json", "--as-of", "2026-12-01")
    assert r.exit_code == 1
    found = json.loads(r.stdout)["findings"]
    dupes = {f["code"] for f in found if f["rule"] == "item-duplicate-name"}
    assert len(dupes) == 4  # the two duplicate (department, name) pairs of the list
    assert sum(1 for f in found if f["rule"] == "basis-missing") == 1135  # the list carries no basis


def test_uk_list_row_without_a_code_is_bad_input(cli):
    r = cli("import", UK / "revised_codes.csv", *UK_MAPS)
    assert r.exit_code == 2
    assert "revised_codes.csv:711:1: 事项编码 (code) is empty" in r.output


def _without_last_row(path, tmp_path):
    lines = path.read_bytes().splitlines(keepends=True)
    assert lines[-1].startswith(b",Our new licence")
    out = tmp_path / path.name
    out.write_bytes(b"".join(lines[:-1]))
    return out


def test_uk_versions_diff_field_by_field(cli, tmp_path):
    (tmp_path / "old").mkdir()
    old = _without_last_row(UK / "revised_codes-2012-08-14a.csv", tmp_path / "old")
    new = _without_last_row(UK / "revised_codes.csv", tmp_path)
    r = cli("diff", old, new, "--format", "json", *UK_MAPS)
    assert r.exit_code == 1, r.output
    d = json.loads(r.stdout)
    assert d["added"] == [] and d["removed"] == []
    renamed = {c["code"]: c["fields"] for c in d["changed"]}
    assert renamed["1910001"] == {"name": {"old": "Miscellaneous Payments (1910001)", "new": "Miscellaneous Payments"}}
    assert len(renamed) > 600 and all(set(f) == {"name"} for f in renamed.values())
