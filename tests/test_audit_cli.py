"""`itemclean audit` end to end: formats, exit status, rule selection, language, file and database alike."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest
from conftest import ROOT, write_reference
from conftest import write_csv as write_catalogue
from rule_cases import defective_fields, write_defective_reference
from rule_cases import row as case_row
from typer.testing import CliRunner

from itemclean.cli import app
from itemclean.rules import REGISTRY

MESSAGES = {rid: r.texts for rid, r in REGISTRY.items()}  # rule id → language → (template, suggestion)

AS_OF = "2026-12-01"
SAMPLES = ROOT / "catalogs" / "samples"
LINCHUAN = SAMPLES / "linchuan-county.csv"

INSTRUMENTS = """\
[[instrument]]
title = "中华人民共和国行政许可法"
aliases = ["行政许可法"]
level = "law"
effective = 2004-07-01

[[instrument]]
title = "城市市容和环境卫生管理条例"
level = "administrative_regulation"
effective = 1992-08-01

[[instrument]]
title = "某部门管理办法"
level = "departmental_rule"
effective = 2010-01-01

[[instrument]]
title = "中华人民共和国旧法"
level = "law"
effective = 1990-01-01
repealed = 2020-01-01

[[instrument]]
title = "江岭省甲管理办法"
level = "provincial_rule"
effective = 2020-01-01
"""

FEES = """\
[catalogue]
name = "全国行政事业性收费目录清单"
level = "national"

[[fee]]
name = "不动产登记费"
standard = "80元/件"
basis = "发改价格规〔2016〕2559号"
"""

CANCELLED = """\
[[cancelled]]
name = "户外广告登记"
by = "国发〔2016〕9号"
"""

LAW = "《中华人民共和国行政许可法》第十二条"
CLEAN = [
    "C001",
    "食品经营许可",
    "县市场监督管理局",
    "行政许可",
    LAW,
    "申请书\n营业执照复印件",
    "受理、审查、决定",
    "20个工作日",
    "10个工作日",
    "",
    "",
]

ROWS = [
    CLEAN,
    [
        "C002",
        "户外广告登记",
        "县城市管理局",
        "行政许可",
        "《城市市容和环境卫生管理条例》第十一条",
        "申请书；其他材料",
        "受理",
        "20",
        "15",
        "户外广告登记费|50-100元/次|",
        "",
    ],
    ["C003", "某某备案", "", "行政许可", "《江岭省某某办法》", "", "", "", "", "", ""],
    [
        "C004",
        "不动产登记",
        "县自然资源局",
        "行政许可",
        "《某部门管理办法》第五条",
        "申请书",
        "受理",
        "视情况而定",
        "5",
        "不动产登记费|90元/件|发改价格规〔2016〕2559号",
        "",
    ],
    [
        "C005",
        "不动产 登记",
        "县自然资源局",
        "行政许可",
        "《中华人民共和国旧法》第三条",
        "申请书；申请书",
        "受理",
        "20个工作日",
        "25个工作日",
        "",
        "",
    ],
    [
        "C006",
        "某某确认",
        "县民政局",
        "行政确认",
        "《江岭省甲管理办法》第二条",
        "申请书",
        "受理",
        "20个工作日",
        "",
        "",
        "",
    ],
    [
        "C007",
        "某某许可",
        "县民政局",
        "行政许可",
        "《江岭省甲管理办法》第二条",
        "申请书",
        "受理",
        "20个工作日",
        "即办",
        "",
        "",
    ],
    ["C008", "某某审批", "县民政局", "行政许可", "无", "申请书", "受理", "20个工作日", "即办", "", ""],
]

EXPECTED = {
    ("C002", "item-cancelled"),
    ("C002", "materials-catch-all"),
    ("C002", "limit-promise-not-reduced"),
    ("C002", "fee-no-basis"),
    ("C002", "fee-not-in-catalogue"),
    ("C002", "fee-floating"),
    ("C003", "basis-unknown"),
    ("C003", "basis-no-article"),
    ("C003", "limit-missing"),
    ("C003", "materials-missing"),
    ("C003", "department-missing"),
    ("C003", "procedure-missing"),
    ("C004", "basis-cannot-set"),
    ("C004", "fee-above-standard"),
    ("C004", "limit-unparsed"),
    ("C004", "item-duplicate-name"),
    ("C005", "basis-repealed"),
    ("C005", "limit-promise-exceeds-statutory"),
    ("C005", "materials-duplicate"),
    ("C005", "item-duplicate-name"),
    ("C006", "limit-promise-missing"),
    ("C007", "basis-provincial-rule-expired"),
    ("C008", "basis-missing"),
}


def write_csv(path: Path, rows) -> Path:
    return write_catalogue(path, rows, title="临川县行政许可事项目录")


@pytest.fixture
def refdir(tmp_path) -> Path:
    return write_reference(tmp_path / "ref", instruments=INSTRUMENTS, fees=FEES, cancelled=CANCELLED)


@pytest.fixture
def catalogue(tmp_path) -> Path:
    return write_csv(tmp_path / "catalogue.csv", ROWS)


def run(*args, env=None):
    base = {"COLUMNS": "200", "ITEMCLEAN_LANG": None, "ITEMCLEAN_DB": None, "ITEMCLEAN_REFERENCE": None}
    result = CliRunner().invoke(app, [str(a) for a in args], env={**base, **(env or {})})
    assert "Traceback" not in result.output, result.output
    return result


def audit_json(refdir, *args, env=None):
    r = run("--reference", refdir, "audit", *args, "--format", "json", "--as-of", AS_OF, env=env)
    assert r.exit_code in (0, 1), r.output
    return r, json.loads(r.stdout)


def tuples(data) -> list[tuple]:
    return [(f["code"], f["rule"], f["severity"], f["field"], f["message"]) for f in data["findings"]]


# --- json ----------------------------------------------------------------------------------------


def test_json_has_the_contract_fields(refdir, catalogue):
    r, data = audit_json(refdir, catalogue)
    assert r.exit_code == 1
    assert {(f["code"], f["rule"]) for f in data["findings"]} == EXPECTED
    for f in data["findings"]:
        assert {"code", "rule", "severity", "field", "message", "suggestion"} <= set(f)
        assert f["rule"] in REGISTRY
        assert f["severity"] in ("error", "warning", "info")
        assert f["suggestion"] == MESSAGES[f["rule"]]["zh"][1]
        assert f["message"]
    assert data["as_of"] == AS_OF and data["items"] == len(ROWS)
    assert data["summary"]["unresolved_errors"] == sum(f["severity"] == "error" for f in data["findings"])


def test_every_rule_fires_on_the_catalogue_of_the_case_files(tmp_path):
    """The first must-fire case of each tests/rules/<id>.toml, as one CSV and one reference directory."""
    ref = write_defective_reference(tmp_path / "cases-ref", REGISTRY)
    cases = write_csv(tmp_path / "cases.csv", [case_row(f) for f in defective_fields(REGISTRY)])
    _, data = audit_json(ref, cases)
    assert {f["rule"] for f in data["findings"]} == set(REGISTRY)


def test_entries_are_named(refdir, catalogue):
    _, data = audit_json(refdir, catalogue)
    by = {(f["code"], f["rule"]): f for f in data["findings"]}
    assert by[("C002", "materials-catch-all")]["entry"] == "其他材料"
    assert "其他材料" in by[("C002", "materials-catch-all")]["message"]
    assert by[("C002", "fee-floating")]["entry"] == "户外广告登记费"
    assert by[("C004", "limit-unparsed")]["field"] == "statutory_limit"


def test_json_to_a_file(refdir, catalogue, tmp_path):
    out = tmp_path / "out.json"
    r = run("--reference", refdir, "audit", catalogue, "--format", "json", "--as-of", AS_OF, "-o", out)
    assert r.exit_code == 1
    assert {(f["code"], f["rule"]) for f in json.loads(out.read_text(encoding="utf-8"))["findings"]} == EXPECTED


def test_the_audit_date_matters(refdir, catalogue):
    # 江岭省甲管理办法 took effect 2020-01-01: a year later it has not yet expired
    r = run("--reference", refdir, "audit", catalogue, "--format", "json", "--as-of", "2021-01-01")
    rules = {(f["code"], f["rule"]) for f in json.loads(r.stdout)["findings"]}
    assert ("C007", "basis-provincial-rule-expired") not in rules
    r = run("--reference", refdir, "audit", catalogue, "--format", "json", "--as-of", "2019-12-31")
    rules = {(f["code"], f["rule"]) for f in json.loads(r.stdout)["findings"]}
    assert ("C005", "basis-repealed") not in rules


# --- text ----------------------------------------------------------------------------------------


def test_text_lists_findings_and_a_summary(refdir, catalogue):
    r = run("--reference", refdir, "audit", catalogue, "--as-of", AS_OF)
    assert r.exit_code == 1
    text = r.stdout
    for code, rule in EXPECTED:
        assert code in text and rule in text
    assert "C001" not in text  # clean
    assert "汇总" in text
    assert re.search(r"共8项事项，7项有问题；未处理的错误\d+个", text)


def test_text_in_english(refdir, catalogue):
    r = run("--reference", refdir, "--lang", "en", "audit", catalogue, "--as-of", AS_OF)
    assert "Summary" in r.stdout and "the item cites no legal basis" in r.stdout
    assert re.search(r"8 items, 7 with findings; \d+ unresolved error", r.stdout)


def test_text_shows_item_text_literally(refdir, tmp_path):
    odd = [
        "[bold]C1[/bold]",
        "[red]某审批[/]",
        "县民政局",
        "行政许可",
        "《[/x]不存在》第一条",
        "申请书",
        "受理",
        "20个工作日",
        "10个工作日",
        "",
        "",
    ]
    f = write_csv(tmp_path / "odd[red].csv", [odd])
    r = run("--reference", refdir, "audit", f, "--as-of", AS_OF)
    assert r.exit_code == 0, r.output
    assert "[bold]C1[/bold]" in r.stdout and "《[/x]不存在》第一条" in r.stdout and "odd[red]" in r.stdout


def test_text_of_a_draft_whose_catalogue_name_looks_like_markup(refdir, catalogue, tmp_path):
    db = tmp_path / "m.db"
    assert run("--db", db, "import", "--catalog", "a[/x]", catalogue).exit_code == 0
    r = run("--db", db, "--reference", refdir, "audit", "--as-of", AS_OF)
    assert r.exit_code == 1 and "a[/x]" in r.stdout


# --- sarif ---------------------------------------------------------------------------------------


def test_sarif_has_the_2_1_0_shape(refdir, catalogue):
    r = run("--reference", refdir, "audit", catalogue, "--format", "sarif", "--as-of", AS_OF)
    assert r.exit_code == 1
    log = json.loads(r.stdout)
    assert log["version"] == "2.1.0"
    assert "sarif" in log["$schema"]
    assert len(log["runs"]) == 1
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "itemclean" and driver["version"]
    ids = [d["id"] for d in driver["rules"]]
    assert ids == list(REGISTRY)
    for d in driver["rules"]:
        assert d["defaultConfiguration"]["level"] in ("error", "warning", "note")
        assert d["shortDescription"]["text"]
    results = log["runs"][0]["results"]
    assert {(x["properties"]["code"], x["ruleId"]) for x in results} == EXPECTED
    for x in results:
        assert x["ruleId"] in ids
        assert ids[x["ruleIndex"]] == x["ruleId"]
        assert x["level"] in ("error", "warning", "note")
        assert x["message"]["text"]
        assert x["locations"] and x["locations"][0]["logicalLocations"][0]["name"] == x["properties"]["code"]
        phys = x["locations"][0]["physicalLocation"]
        assert phys["artifactLocation"]["uri"].endswith("catalogue.csv")
        assert phys["region"]["startLine"] >= 3  # title and header rows come first
    assert {x["level"] for x in results} == {"error", "warning", "note"}


def test_sarif_rule_levels_follow_the_policy(refdir, catalogue):
    (refdir / "policy.toml").write_text('[rules.procedure-missing]\nseverity = "info"\n', encoding="utf-8")
    log = json.loads(run("--reference", refdir, "audit", catalogue, "--format", "sarif", "--as-of", AS_OF).stdout)
    levels = {d["id"]: d["defaultConfiguration"]["level"] for d in log["runs"][0]["tool"]["driver"]["rules"]}
    assert levels["procedure-missing"] == "note" and levels["basis-missing"] == "error"


# --- exit status ---------------------------------------------------------------------------------


def test_exit_0_without_errors(refdir, tmp_path):
    warning_only = ["C009", "某某许可", "县民政局", "行政许可", LAW, "申请书", "", "20个工作日", "10个工作日", "", ""]
    f = write_csv(tmp_path / "ok.csv", [CLEAN, warning_only])
    r = run("--reference", refdir, "audit", f, "--as-of", AS_OF)
    assert r.exit_code == 0, r.output
    r, data = audit_json(refdir, f)
    assert r.exit_code == 0 and [x["rule"] for x in data["findings"]] == ["procedure-missing"]
    r = run("--reference", refdir, "audit", f, "--format", "sarif", "--as-of", AS_OF)
    assert r.exit_code == 0


def test_exit_0_on_a_clean_catalogue(refdir, tmp_path):
    r, data = audit_json(refdir, write_csv(tmp_path / "clean.csv", [CLEAN]))
    assert r.exit_code == 0 and data["findings"] == []


def test_exit_1_follows_the_policy_severity(refdir, tmp_path):
    f = write_csv(tmp_path / "w.csv", [CLEAN[:6] + [""] + CLEAN[7:]])  # procedure-missing, a warning
    assert run("--reference", refdir, "audit", f, "--as-of", AS_OF).exit_code == 0
    (refdir / "policy.toml").write_text('[rules.procedure-missing]\nseverity = "error"\n', encoding="utf-8")
    assert run("--reference", refdir, "audit", f, "--as-of", AS_OF).exit_code == 1
    (refdir / "policy.toml").write_text("[rules.procedure-missing]\nenabled = false\n", encoding="utf-8")
    r, data = audit_json(refdir, f)
    assert r.exit_code == 0 and data["findings"] == [] and "procedure-missing" not in data["rules"]


@pytest.mark.parametrize(
    "args,words",
    [
        (["audit", "{missing}", "--as-of", AS_OF], ["no such file"]),
        (["audit", "{file}", "--as-of", "2026-13-01"], ["--as-of"]),
        (["audit", "{file}", "--as-of", "tomorrow"], ["--as-of"]),
        (["audit", "{file}", "--format", "xml"], ["--format"]),
        (["audit", "{file}", "--rule", "no-such-rule"], ["no-such-rule"]),
        (["audit", "{file}", "--rule", "basis-missing,no-such-rule"], ["no-such-rule"]),
        (["audit", "{noheader}"], ["header"]),
        (["audit", "{dupcode}"], ["duplicate code"]),
    ],
)
def test_exit_2_on_bad_input(refdir, catalogue, tmp_path, args, words):
    noheader = tmp_path / "noheader.csv"
    noheader.write_text("甲,乙\n1,2\n", encoding="utf-8")
    dupcode = write_csv(tmp_path / "dup.csv", [CLEAN, CLEAN])
    names = {"missing": tmp_path / "missing.csv", "file": catalogue, "noheader": noheader, "dupcode": dupcode}
    r = run("--lang", "en", "--reference", refdir, *[a.format(**names) for a in args])
    assert r.exit_code == 2, r.output
    for w in words:  # the message may be wrapped to the terminal's width
        assert "".join(w.split()) in "".join(r.output.split()), r.output
    assert r.stdout == ""


def test_exit_2_on_a_bad_reference(refdir, catalogue):
    (refdir / "policy.toml").write_text("[rules.basis-missing]\nenabled = maybe\n", encoding="utf-8")
    r = run("--reference", refdir, "audit", catalogue)
    assert r.exit_code == 2 and "policy.toml:2" in "".join(r.stderr.split())


def test_exit_status_of_the_installed_program(refdir, catalogue, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("ITEMCLEAN_")}

    def status(*args):
        return subprocess.run(
            [sys.executable, "-m", "itemclean", "--reference", str(refdir), "audit", *map(str, args)],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        ).returncode

    assert status(catalogue, "--as-of", AS_OF, "--format", "json") == 1
    assert status(write_csv(tmp_path / "clean.csv", [CLEAN]), "--as-of", AS_OF) == 0
    assert status(catalogue, "--rule", "nope") == 2


# --- rule selection ----------------------------------------------------------------------------


def test_rule_selects_rules(refdir, catalogue):
    r, data = audit_json(refdir, catalogue, "--rule", "basis-unknown")
    assert {(f["code"], f["rule"]) for f in data["findings"]} == {("C003", "basis-unknown")}
    assert data["rules"] == ["basis-unknown"]
    assert r.exit_code == 0  # a warning


def test_rule_is_repeatable_and_takes_commas(refdir, catalogue):
    want = {("C002", "item-cancelled"), ("C003", "basis-unknown"), ("C006", "limit-promise-missing")}
    for args in (
        ["--rule", "item-cancelled", "--rule", "basis-unknown", "--rule", "limit-promise-missing"],
        ["--rule", "item-cancelled,basis-unknown,limit-promise-missing"],
    ):
        r, data = audit_json(refdir, catalogue, *args)
        assert {(f["code"], f["rule"]) for f in data["findings"]} == want
        assert r.exit_code == 1  # item-cancelled is an error


def test_the_catalogue_rule_runs_when_selected(refdir, catalogue):
    _, data = audit_json(refdir, catalogue, "--rule", "item-duplicate-name")
    assert [(f["code"], f["rule"]) for f in data["findings"]] == [
        ("C004", "item-duplicate-name"),
        ("C005", "item-duplicate-name"),
    ]


# --- language ----------------------------------------------------------------------------------


def test_lang_en_gives_english(refdir, catalogue):
    for args, env in ((["--lang", "en"], None), ([], {"ITEMCLEAN_LANG": "en"})):
        r = run("--reference", refdir, *args, "audit", catalogue, "--format", "json", "--as-of", AS_OF, env=env)
        data = json.loads(r.stdout)
        for f in data["findings"]:
            assert f["suggestion"] == MESSAGES[f["rule"]]["en"][1]
            fixed = re.split(r"\{[a-z]+\}", MESSAGES[f["rule"]]["en"][0])[0]
            assert f["message"].startswith(fixed), f


def test_lang_given_after_the_command(refdir, catalogue):
    r = run("audit", catalogue, "--format", "json", "--as-of", AS_OF, "--lang", "en", "--reference", refdir)
    findings = json.loads(r.stdout)["findings"]
    assert {(f["code"], f["rule"]) for f in findings} == EXPECTED
    assert all(f["suggestion"] == MESSAGES[f["rule"]]["en"][1] for f in findings)


def test_chinese_is_the_default(refdir, catalogue):
    _, data = audit_json(refdir, catalogue)
    assert all(f["suggestion"] == MESSAGES[f["rule"]]["zh"][1] for f in data["findings"])


# --- the same findings from the file and from the database -----------------------------------------


def import_and_audit(refdir, db, source, *extra):
    r = run("--db", db, "import", source)
    assert r.exit_code == 0, r.output
    r = run("--db", db, "--reference", refdir, "audit", "--format", "json", "--as-of", AS_OF, *extra)
    assert r.exit_code in (0, 1), r.output
    return r, json.loads(r.stdout)


def test_the_database_draft_gives_the_same_findings_as_the_file(refdir, catalogue, tmp_path):
    direct, from_file = audit_json(refdir, catalogue)
    r, from_db = import_and_audit(refdir, tmp_path / "x.db", catalogue)
    assert tuples(from_db) == tuples(from_file)
    assert r.exit_code == direct.exit_code == 1


def test_global_options_after_the_command_name(refdir, catalogue, tmp_path):
    db = tmp_path / "y.db"
    assert run("import", catalogue, "--db", db).exit_code == 0
    r = run("audit", "--db", db, "--format", "json", "--as-of", AS_OF, "--reference", refdir)
    assert {(f["code"], f["rule"]) for f in json.loads(r.stdout)["findings"]} == EXPECTED


def test_the_draft_audit_selects_rules_too(refdir, catalogue, tmp_path):
    _, data = import_and_audit(refdir, tmp_path / "z.db", catalogue, "--rule", "basis-repealed")
    assert [(f["code"], f["rule"]) for f in data["findings"]] == [("C005", "basis-repealed")]


def test_an_abolished_item_resolves_its_errors(refdir, tmp_path):
    bad = [
        "C010",
        "户外广告登记",
        "县城市管理局",
        "行政许可",
        LAW,
        "申请书",
        "受理",
        "20个工作日",
        "10个工作日",
        "",
        "",
    ]
    f = write_csv(tmp_path / "one.csv", [CLEAN, bad])
    db = tmp_path / "d.db"
    r, data = import_and_audit(refdir, db, f)
    assert r.exit_code == 1 and [x["rule"] for x in data["findings"]] == ["item-cancelled"]
    d = run("--db", db, "--reviewer", "审核员", "decide", "C010", "--abolish", "--reason", "已取消")
    assert d.exit_code == 0, d.output
    r = run("--db", db, "--reference", refdir, "audit", "--format", "json", "--as-of", AS_OF)
    data = json.loads(r.stdout)
    assert r.exit_code == 0, r.output
    assert [(x["rule"], x["resolved"]) for x in data["findings"]] == [("item-cancelled", True)]


# --- the shipped sample ------------------------------------------------------------------------


def readme_defects() -> dict[str, set[str]]:
    text = (SAMPLES / "README.md").read_text(encoding="utf-8")
    return {
        m.group(1): set(m.group(2).split())
        for m in re.finditer(r"^\|\s*`([a-z-]+)`\s*\|\s*([0-9 ]+?)\s*\|\s*$", text, re.M)
    }


def readme_clean() -> set[str]:
    text = (SAMPLES / "README.md").read_text(encoding="utf-8")
    part = text.split("must stay clean", 1)[1] if "must stay clean" in text else ""
    listed = {c for codes in readme_defects().values() for c in codes}
    return set(re.findall(r"`(\d{7})`", part)) - listed


def sample_audit(path: Path, as_of: str, *args: str) -> tuple[int, dict]:
    r = run("audit", path, "--format", "json", "--as-of", as_of, *args)
    assert r.exit_code in (0, 1), r.output
    return r.exit_code, json.loads(r.stdout)


needs_sample = pytest.mark.skipif(not LINCHUAN.is_file(), reason="catalogs/samples/linchuan-county.csv not present")


@needs_sample
@pytest.mark.parametrize("fmt", ["json", "text", "sarif"])
def test_the_sample_audits_in_every_format(fmt):
    r = run("audit", LINCHUAN, "--format", fmt, "--as-of", AS_OF)
    assert r.exit_code == 1, r.output  # it carries deliberate errors
    if fmt != "text":
        json.loads(r.stdout)


@needs_sample
def test_the_sample_has_exactly_the_defects_its_readme_lists():
    want = readme_defects()
    if not want:
        pytest.skip("the sample README lists no defects")
    _, data = sample_audit(LINCHUAN, "2026-12-02")
    got: dict[str, set[str]] = defaultdict(set)
    for f in data["findings"]:
        got[f["rule"]].add(f["code"])
    assert set(want) <= set(REGISTRY)
    for rule in REGISTRY:  # a rule the README does not list fires on no item of the sample
        assert got.get(rule, set()) == want.get(rule, set()), rule


@needs_sample
def test_the_samples_suspicious_items_stay_clean():
    clean = readme_clean()
    if not clean:
        pytest.skip("the sample README names no items that must stay clean")
    _, data = sample_audit(LINCHUAN, "2026-12-02")
    assert {f["code"] for f in data["findings"]} & clean == set()


@needs_sample
def test_the_samples_young_provincial_rule_expires_later():
    text = (SAMPLES / "README.md").read_text(encoding="utf-8")
    m = re.search(
        r"`(\d{7})`[^`]*?becomes\s*`basis-provincial-rule-expired` for audit dates after (\d{4}-\d{2}-\d{2})", text
    )
    if not m:
        pytest.skip("the sample README names no provincial rule that expires later")
    code, day = m.groups()
    import datetime as dt

    after = (dt.date.fromisoformat(day) + dt.timedelta(days=1)).isoformat()
    _, on = sample_audit(LINCHUAN, day, "--rule", "basis-provincial-rule-expired")
    _, later = sample_audit(LINCHUAN, after, "--rule", "basis-provincial-rule-expired")
    assert code not in {f["code"] for f in on["findings"]}
    assert code in {f["code"] for f in later["findings"]}


@needs_sample
def test_the_sample_from_the_database_gives_the_same_findings(tmp_path):
    _, direct = sample_audit(LINCHUAN, AS_OF)
    db = tmp_path / "lc.db"
    assert run("--db", db, "import", LINCHUAN).exit_code == 0
    r = run("--db", db, "audit", "--format", "json", "--as-of", AS_OF)
    assert r.exit_code == 1
    assert tuples(json.loads(r.stdout)) == tuples(direct)


@pytest.mark.skipif(
    not (SAMPLES / "linchuan-county.xlsx").is_file() or not LINCHUAN.is_file(),
    reason="the sample workbook is not present",
)
def test_the_sample_workbook_gives_the_findings_of_the_csv():
    _, csv_ = sample_audit(LINCHUAN, AS_OF)
    _, xlsx = sample_audit(SAMPLES / "linchuan-county.xlsx", AS_OF)
    assert tuples(xlsx) == tuples(csv_)


# --- other inputs and outputs --------------------------------------------------------------------


def as_json_items(rows) -> list[dict]:
    keys = [
        "code",
        "name",
        "department",
        "category",
        "basis",
        "materials",
        "procedure",
        "statutory_limit",
        "promised_limit",
        "fees",
        "notes",
    ]
    out = []
    for row in rows:
        obj = dict(zip(keys, row))
        for key in ("basis", "materials"):
            obj[key] = [e for e in re.split(r"[\n；;]", obj[key]) if e and e != "无"]
        obj["fees"] = [
            dict(zip(("name", "standard", "basis"), (e.split("|") + ["", ""])[:3]))
            for e in obj["fees"].split("\n")
            if e
        ]
        out.append(obj)
    return out


@pytest.mark.parametrize("suffix", [".json", ".jsonl"])
def test_json_input_gives_the_findings_of_the_csv(refdir, tmp_path, suffix):
    items = as_json_items(ROWS)
    f = tmp_path / f"catalogue{suffix}"
    if suffix == ".json":
        f.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    else:
        f.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items), encoding="utf-8")
    r, data = audit_json(refdir, f)
    assert r.exit_code == 1
    assert {(x["code"], x["rule"]) for x in data["findings"]} == EXPECTED


def test_sarif_of_a_draft_has_logical_locations_only(refdir, catalogue, tmp_path):
    db = tmp_path / "s.db"
    assert run("--db", db, "import", catalogue).exit_code == 0
    r = run("--db", db, "--reference", refdir, "audit", "--format", "sarif", "--as-of", AS_OF)
    assert r.exit_code == 1
    results = json.loads(r.stdout)["runs"][0]["results"]
    assert {(x["properties"]["code"], x["ruleId"]) for x in results} == EXPECTED
    assert all("physicalLocation" not in x["locations"][0] for x in results)


def test_sarif_uri_of_an_absolute_path_is_a_file_uri(refdir, catalogue):
    r = run("--reference", refdir, "audit", catalogue.resolve(), "--format", "sarif", "--as-of", AS_OF)
    uri = json.loads(r.stdout)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == catalogue.resolve().as_uri()
