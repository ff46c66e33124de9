"""The whole cleanup of the shipped sample through the command line, as a review office would run it."""

from __future__ import annotations

import csv
import json

import pytest
from conftest import SAMPLE

ABOLISH = {"basis-missing", "basis-cannot-set", "item-cancelled"}
FEE_RULES = {"fee-no-basis", "fee-not-in-catalogue", "fee-above-standard"}


@pytest.mark.skipif(not SAMPLE.exists(), reason="the shipped sample is missing")
def test_sample_from_import_to_second_approved_version(cli, tmp_path):
    assert cli("import", SAMPLE).exit_code == 0
    r = cli("audit", "--as-of", "2026-12-02", "--format", "json")
    assert r.exit_code == 1
    findings = json.loads(r.stdout)["findings"]
    errors = [f for f in findings if f["severity"] == "error"]
    assert errors

    r = cli("approve", "--label", "2026", "--as-of", "2026-12-02")
    assert r.exit_code == 1 and "undecided" in r.output

    # abolish what has no lawful basis; remove charges set locally; override the rest with a reason
    abolished = {f["code"] for f in errors if f["rule"] in ABOLISH}
    plan = tmp_path / "decisions.csv"
    with plan.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["事项编码", "决定", "理由", "收费项目", "规则"])
        for code in sorted(abolished):
            w.writerow([code, "废止", "无合法设定依据或已取消", "", ""])
        done = set()
        for f in errors:
            if f["code"] in abolished or (f["code"], f["rule"], f.get("entry")) in done:
                continue
            done.add((f["code"], f["rule"], f.get("entry")))
            if f["rule"] in FEE_RULES:
                if (f["code"], "fee", f["entry"]) in done:
                    continue  # a charge is flagged once, whatever number of rules found it
                done.add((f["code"], "fee", f["entry"]))
                w.writerow([f["code"], "remove-fee", "自定收费或超标准收费，予以取消", f["entry"], ""])
            else:
                w.writerow([f["code"], "override", "经审查，已责成部门修改", "", f["rule"]])
    r = cli("decide", "--from", plan)
    assert r.exit_code == 0, r.output
    assert cli("decide", "--all-undecided", "--keep").exit_code == 0

    r = cli("approve", "--label", "2026", "--as-of", "2026-12-02", reviewer="审核组长")
    assert r.exit_code == 0, r.output

    removed = json.loads(cli("export", "--what", "removed-fees", "--format", "json").stdout)
    assert removed and all(x["reason"] for x in removed)
    published = json.loads(cli("export", "--format", "json").stdout)
    assert not {i["code"] for i in published} & abolished
    assert len(published) == 178 - len(abolished)

    # a department sends a corrected sheet: one item changed, one new
    text = SAMPLE.read_bytes().decode("utf-8-sig")
    header_at = text.index("事项编码")
    head, body = text[:header_at], text[header_at:]
    lines = body.split("\r\n")
    changed_code = next(i["code"] for i in published if i["promised_limit"] == "10个工作日")
    for n, line in enumerate(lines):
        if line.startswith(changed_code + ","):
            lines[n] = line.replace("10个工作日", "7个工作日", 1)
    lines.insert(
        2,
        "2299001,新设事项,县应急管理局,行政许可,《中华人民共和国安全生产法》第二十条,申请书,"
        "受理、审查、决定,20个工作日,5个工作日,无,",
    )
    new_sheet = tmp_path / "v2.csv"
    new_sheet.write_bytes(("\ufeff" + head + "\r\n".join(lines)).encode("utf-8"))
    r = cli("import", new_sheet)
    assert r.exit_code == 0 and "added 1" in r.output

    d = json.loads(cli("diff", "linchuan-county@2026", "linchuan-county", "--format", "json").stdout)
    # against the version, the draft as it would publish now: the abolished items stay out, the new one is added
    assert {x["code"] for x in d["added"]} == {"2299001"}
    assert changed_code in {x["code"] for x in d["changed"]}
    raw = json.loads(cli("diff", "linchuan-county@2026", "linchuan-county", "--raw", "--format", "json").stdout)
    # the draft as imported still holds the abolished items (the version does not): they are added too
    assert {x["code"] for x in raw["added"]} == abolished | {"2299001"}

    r = cli("approve", "--label", "2027", "--as-of", "2026-12-02")
    assert r.exit_code == 1 and changed_code in r.output and "2299001" in r.output  # re-review needed
    cli("decide", changed_code, "2299001", "--keep")
    r = cli("approve", "--label", "2027", "--as-of", "2026-12-02")
    assert r.exit_code == 0, r.output
    r = cli("verify")
    assert r.exit_code == 0 and "ok  2026" in r.output and "ok  2027" in r.output

    d = json.loads(cli("diff", "linchuan-county@2026", "linchuan-county@2027", "--format", "json").stdout)
    assert [x["code"] for x in d["added"]] == ["2299001"]
    assert d["removed"] == []
    assert [x["code"] for x in d["changed"]] == [changed_code]
    assert d["changed"][0]["fields"] == {"promised_limit": {"old": "10个工作日", "new": "7个工作日"}}
