"""The reference directory (FORMAT.md §3): loading, the policy, and bad files reported with file and line."""

from __future__ import annotations

import datetime as dt
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import header_line
from conftest import write_reference as reference_directory
from typer.testing import CliRunner

from itemclean.audit import run_rules, selected_rules
from itemclean.cli import app
from itemclean.errors import BadInput
from itemclean.model import FIELDS, Item
from itemclean.parsing import parse_basis, parse_limit, split_list
from itemclean.paths import default_reference
from itemclean.rules import REGISTRY, load_reference

AS_OF = dt.date(2026, 12, 1)

INSTRUMENTS = """\
[[instrument]]
title = "中华人民共和国行政许可法"
aliases = ["行政许可法"]
level = "law"
effective = 2004-07-01
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

CSV = (
    header_line(FIELDS[:10])
    + """\
A001,食品经营许可,县市场监督管理局,行政许可,《中华人民共和国行政许可法》第十二条,申请书,受理,20个工作日,10个工作日,
A002,某某备案,县市场监督管理局,行政许可,《中华人民共和国行政许可法》,申请书,受理,,,
"""
)


def write_reference(
    tmp_path: Path,
    *,
    instruments=INSTRUMENTS,
    fees=FEES,
    cancelled=CANCELLED,
    policy=None,
    extra: dict[str, str] | None = None,
) -> Path:
    return reference_directory(
        tmp_path / "ref", instruments=instruments, fees=fees, cancelled=cancelled, policy=policy, extra=extra
    )


def problems_of(d: Path) -> list:
    with pytest.raises(BadInput) as e:
        load_reference(d)
    return e.value.problems


def one_problem(d: Path, file: str, line: int | None, *words: str):
    problems = problems_of(d)
    assert len(problems) == 1, [str(p) for p in problems]
    p = problems[0]
    assert Path(p.file) == d / file
    assert p.row == line, str(p)
    for w in words:
        assert w in p.message, str(p)
    return p


def item(**kw) -> Item:
    return Item(
        code=kw.get("code", "A001"),
        name=kw.get("name", "食品经营许可"),
        department="县市场监督管理局",
        category="行政许可",
        basis=parse_basis(kw.get("basis", "《行政许可法》第十二条")),
        materials=split_list(kw.get("materials", "申请书")),
        procedure="受理",
        statutory_limit=parse_limit(kw.get("statutory", "20个工作日")),
        promised_limit=parse_limit(kw.get("promised", "10个工作日")),
    )


def rules_of(ref, items, only=None):
    findings, _, _ = run_rules(items, ref, AS_OF, lang="zh", only=only)
    return [(f.code, f.rule, f.severity) for f in findings]


# --- what loads --------------------------------------------------------------------------------


def test_the_shipped_reference_directory_loads():
    ref = load_reference(default_reference())
    assert ref.instrument_count > 50
    assert {level for _, level, _ in ref.catalogues} == {"national", "provincial"}
    assert ref.instrument("中华人民共和国行政许可法").level == "law"
    assert ref.instrument("行政许可法") is ref.instrument("中华人民共和国行政许可法")
    # the shipped policy spells out the defaults
    for r, severity in selected_rules(ref):
        assert severity == r.severity
    assert len(selected_rules(ref)) == len(REGISTRY)


def test_a_small_directory_loads_every_file(tmp_path):
    extra = """\
        [catalogue]
        name = "江岭省行政事业性收费目录清单"
        level = "provincial"

        [[fee]]
        name = "城市道路占用费"
        aliases = ["占道费"]
        standard = "10～30元/平方米·月"
        """
    ref = load_reference(write_reference(tmp_path, extra={"fees-jiangling.toml": extra}))
    assert ref.instrument("《中华人民共和国 行政许可法》").title == "中华人民共和国行政许可法"
    assert [c[:2] for c in ref.catalogues] == [
        ("江岭省行政事业性收费目录清单", "provincial"),
        ("全国行政事业性收费目录清单", "national"),
    ]
    assert ref.catalogue_fees("占道费")[0].name == "城市道路占用费"
    assert ref.cancelled_names["户外广告登记"].by == "国发〔2016〕9号"
    assert ref.policy == {}


def test_policy_toml_and_cancelled_toml_are_optional(tmp_path):
    d = write_reference(tmp_path, cancelled=None)
    ref = load_reference(d)
    assert ref.cancelled_names == {} and ref.policy == {}


def test_a_byte_order_mark_is_accepted(tmp_path):
    d = write_reference(tmp_path)
    (d / "instruments.toml").write_bytes(b"\xef\xbb\xbf" + INSTRUMENTS.encode("utf-8"))
    assert load_reference(d).instrument("行政许可法") is not None


# --- the policy ----------------------------------------------------------------------------------


def test_a_disabled_rule_does_not_run(tmp_path):
    ref = load_reference(write_reference(tmp_path, policy="[rules.basis-no-article]\nenabled = false\n"))
    assert "basis-no-article" not in [r.id for r, _ in selected_rules(ref)]
    assert rules_of(ref, [item(basis="《行政许可法》")]) == []
    # --rule names the rules to run, whatever the policy
    assert rules_of(ref, [item(basis="《行政许可法》")], only=["basis-no-article"]) == [
        ("A001", "basis-no-article", "info")
    ]


def test_an_enabled_true_keeps_the_rule(tmp_path):
    ref = load_reference(write_reference(tmp_path, policy="[rules.basis-no-article]\nenabled = true\n"))
    assert rules_of(ref, [item(basis="《行政许可法》")]) == [("A001", "basis-no-article", "info")]


def test_a_changed_severity(tmp_path):
    policy = """\
        [rules.basis-no-article]
        severity = "error"

        [rules.limit-promise-not-reduced]
        severity = "info"
        """
    ref = load_reference(write_reference(tmp_path, policy=policy))
    assert rules_of(ref, [item(basis="《行政许可法》", promised="15个工作日")]) == [
        ("A001", "basis-no-article", "error"),
        ("A001", "limit-promise-not-reduced", "info"),
    ]
    assert dict((r.id, s) for r, s in selected_rules(ref))["basis-no-article"] == "error"


def test_thresholds(tmp_path):
    policy = """\
        [rules.limit-promise-not-reduced]
        min_reduction = 0.25

        [rules.materials-catch-all]
        phrases = ["另附"]
        """
    ref = load_reference(write_reference(tmp_path, policy=policy))
    assert ref.policy["limit-promise-not-reduced"].params["min_reduction"] == Decimal("0.25")
    assert rules_of(ref, [item(promised="15个工作日", materials="其他材料")]) == []
    assert rules_of(ref, [item(promised="16个工作日", materials="另附说明")]) == [
        ("A001", "materials-catch-all", "error"),
        ("A001", "limit-promise-not-reduced", "warning"),
    ]


def test_min_reduction_is_read_exactly_as_written(tmp_path):
    ref = load_reference(
        write_reference(
            tmp_path, policy="[rules.limit-promise-not-reduced]\nmin_reduction = 0.12345678901234567890123\n"
        )
    )
    assert ref.policy["limit-promise-not-reduced"].params["min_reduction"] == Decimal("0.12345678901234567890123")


@pytest.mark.parametrize("value", ["0", "1", "0.0", "1.0", "0.5", "5e-1"])
def test_min_reduction_from_0_to_1(tmp_path, value):
    ref = load_reference(
        write_reference(tmp_path, policy=f"[rules.limit-promise-not-reduced]\nmin_reduction = {value}\n")
    )
    assert ref.policy["limit-promise-not-reduced"].params["min_reduction"] == Decimal(value)


def test_a_quoted_rule_id_is_a_rule_id(tmp_path):
    ref = load_reference(write_reference(tmp_path, policy='[rules."basis-no-article"]\nenabled = false\n'))
    assert ref.policy["basis-no-article"].enabled is False


def test_the_rules_command_shows_the_policy(tmp_path):
    d = write_reference(
        tmp_path, policy='[rules.basis-no-article]\nenabled = false\n[rules.limit-missing]\nseverity = "error"\n'
    )
    r = CliRunner().invoke(app, ["--lang", "en", "--reference", str(d), "rules"], env={"COLUMNS": "200"})
    assert r.exit_code == 0, r.output
    # the table may be cut to the terminal's width: look at the start of each rule id
    lines = {line.split("│")[1].strip(): line for line in r.stdout.splitlines() if line.count("│") > 3}
    for rid in REGISTRY:
        assert any(rid.startswith(cell.rstrip("…")) for cell in lines), rid
    assert " no " in lines["basis-no-article"]
    assert "error" in lines["limit-missing"] and " yes " in lines["limit-missing"]


# --- bad reference files ------------------------------------------------------------------------


def test_a_toml_syntax_error(tmp_path):
    d = write_reference(tmp_path, instruments=INSTRUMENTS + '\n[[instrument]]\ntitle = "某条例\nlevel = "law"\n')
    p = one_problem(d, "instruments.toml", 8, "TOML syntax error")
    assert p.column is not None


def test_an_unknown_level(tmp_path):
    bad = '\n[[instrument]]\ntitle = "某宪法"\nlevel = "constitution"\n'
    d = write_reference(tmp_path, instruments=INSTRUMENTS + bad)
    one_problem(d, "instruments.toml", 9, "level", "constitution", "provincial_rule")


def test_a_quoted_date_is_no_date(tmp_path):
    d = write_reference(tmp_path, instruments=INSTRUMENTS.replace("effective = 2004-07-01", 'effective = "2004-07-01"'))
    one_problem(d, "instruments.toml", 5, "effective", "TOML date", "2004-07-01")


@pytest.mark.parametrize("value", ['"2004年7月1日"', "2004-07-01T08:00:00", "20040701"])
def test_a_repealed_date_must_be_a_date(tmp_path, value):
    d = write_reference(tmp_path, instruments=INSTRUMENTS + f"repealed = {value}\n")
    one_problem(d, "instruments.toml", 6, "repealed", "TOML date")


@pytest.mark.parametrize("standard", ['"按规定收取"', '"八十元"', '"80美元"', "80"])
def test_a_fee_standard_that_cannot_be_read(tmp_path, standard):
    d = write_reference(tmp_path, fees=FEES.replace('standard = "80元/件"', f"standard = {standard}"))
    one_problem(d, "fees-national.toml", 7, "standard")


def test_an_unknown_rule_id_in_the_policy(tmp_path):
    d = write_reference(tmp_path, policy="# policy\n\n[rules.basis-mising]\nenabled = false\n")
    one_problem(d, "policy.toml", 3, "unknown rule id", "basis-mising")


def test_an_unknown_quoted_rule_id_has_its_line(tmp_path):
    d = write_reference(
        tmp_path, policy='[rules.basis-missing]\nenabled = true\n\n[rules."basis-mising"]\nenabled = false\n'
    )
    one_problem(d, "policy.toml", 4, "basis-mising")


def test_a_rule_written_as_dotted_keys_has_its_line(tmp_path):
    d = write_reference(tmp_path, policy='[rules]\nbasis-missing.enabled = true\nbasis-unknown.severity = "fatal"\n')
    one_problem(d, "policy.toml", 3, "severity", "fatal")


@pytest.mark.parametrize(
    "policy,line,words",
    [
        ("[rules.basis-missing]\nenable = false\n", 2, ("unknown key", "enable")),
        (
            "[rules.basis-missing]\nmin_reduction = 0.5\n",
            2,
            ("unknown key", "min_reduction", "limit-promise-not-reduced"),
        ),
        ('[rules.limit-missing]\nphrases = ["其他材料"]\n', 2, ("unknown key", "phrases")),
        ("[rule.basis-missing]\nenabled = false\n", 1, ("unknown table", "rule")),
    ],
)
def test_an_unknown_key_in_the_policy(tmp_path, policy, line, words):
    one_problem(write_reference(tmp_path, policy=policy), "policy.toml", line, *words)


@pytest.mark.parametrize(
    "policy,words",
    [
        ('[rules.basis-missing]\nseverity = "fatal"\n', ("severity", "fatal")),
        ('[rules.basis-missing]\nseverity = "Error"\n', ("severity", "Error")),
        ("[rules.basis-missing]\nseverity = 1\n", ("severity",)),
        ('[rules.basis-missing]\nenabled = "yes"\n', ("enabled", "yes")),
        ("[rules.basis-missing]\nenabled = 1\n", ("enabled",)),
        ("[rules.limit-promise-not-reduced]\nmin_reduction = 2\n", ("min_reduction", "0 to 1", "2")),
        ("[rules.limit-promise-not-reduced]\nmin_reduction = -0.1\n", ("min_reduction", "-0.1")),
        ('[rules.limit-promise-not-reduced]\nmin_reduction = "0.5"\n', ("min_reduction",)),
        ("[rules.limit-promise-not-reduced]\nmin_reduction = true\n", ("min_reduction",)),
        ("[rules.limit-promise-not-reduced]\nmin_reduction = nan\n", ("min_reduction",)),
        ('[rules.materials-catch-all]\nphrases = "其他材料"\n', ("phrases", "list of strings")),
        ('[rules.materials-catch-all]\nphrases = ["其他材料", 1]\n', ("phrases",)),
    ],
)
def test_a_wrong_type_in_the_policy(tmp_path, policy, words):
    one_problem(write_reference(tmp_path, policy=policy), "policy.toml", 2, *words)


def test_a_rule_that_is_no_table(tmp_path):
    one_problem(
        write_reference(tmp_path, policy="[rules]\nbasis-missing = false\n"), "policy.toml", 2, "must be a table"
    )


def test_an_unknown_key_in_an_instrument(tmp_path):
    d = write_reference(tmp_path, instruments=INSTRUMENTS + "repeal = 2020-01-01\n")
    one_problem(d, "instruments.toml", 6, "unknown key", "repeal")


def test_an_instrument_without_level_or_title(tmp_path):
    d = write_reference(
        tmp_path, instruments=INSTRUMENTS + '\n[[instrument]]\ntitle = "某条例"\n\n[[instrument]]\nlevel = "law"\n'
    )
    problems = problems_of(d)
    assert [(p.row, "level" in p.message, "title" in p.message) for p in problems] == [
        (7, True, False),
        (10, False, True),
    ]


def test_two_instruments_of_one_title(tmp_path):
    d = write_reference(
        tmp_path,
        instruments=INSTRUMENTS + '\n[[instrument]]\ntitle = "某条例"\naliases = ["行政 许可法"]\nlevel = "law"\n',
    )
    one_problem(d, "instruments.toml", 9, "行政 许可法", "中华人民共和国行政许可法")
    d = write_reference(tmp_path, instruments=INSTRUMENTS + '\n[[instrument]]\ntitle = "行政许可法"\nlevel = "law"\n')
    one_problem(d, "instruments.toml", 8, "行政许可法", "中华人民共和国行政许可法")


def test_an_empty_alias(tmp_path):
    d = write_reference(tmp_path, instruments=INSTRUMENTS.replace('["行政许可法"]', '["行政许可法", " "]'))
    one_problem(d, "instruments.toml", 3, "aliases")


def test_a_repeal_before_the_effective_date(tmp_path):
    d = write_reference(tmp_path, instruments=INSTRUMENTS + "repealed = 2004-06-30\n")
    one_problem(d, "instruments.toml", 6, "repealed", "effective")
    assert load_reference(write_reference(tmp_path, instruments=INSTRUMENTS + "repealed = 2004-07-01\n"))


@pytest.mark.parametrize("title", ['""', '" "', '"《》"', "1"])
def test_an_empty_title(tmp_path, title):
    d = write_reference(tmp_path, instruments=INSTRUMENTS.replace('"中华人民共和国行政许可法"', title))
    one_problem(d, "instruments.toml", 2, "title")


def test_a_single_instrument_table_instead_of_an_array(tmp_path):
    d = write_reference(tmp_path, instruments='[instrument]\ntitle = "A"\nlevel = "law"\n')
    one_problem(d, "instruments.toml", 1, "[[instrument]]")


def test_an_unknown_table_in_a_fee_catalogue_is_not_ignored(tmp_path):
    d = write_reference(tmp_path, fees=FEES.replace("[[fee]]", "[[fees]]"))
    one_problem(d, "fees-national.toml", 5, "fees")


def test_an_unknown_key_in_a_fee_catalogue(tmp_path):
    p = problems_of(write_reference(tmp_path, fees=FEES.replace("basis =", "basis_ =")))
    assert [(x.row, "basis_" in x.message) for x in p] == [(8, True)]
    p = problems_of(
        write_reference(tmp_path, fees=FEES.replace('level = "national"', 'level = "national"\nyear = 2024'))
    )
    assert [(x.row, "year" in x.message) for x in p] == [(4, True)]


@pytest.mark.parametrize(
    "header", ['[catalogue]\nname = "x"\nlevel = "county"\n', '[catalogue]\nlevel = "national"\n', ""]
)
def test_a_fee_catalogue_needs_its_name_and_level(tmp_path, header):
    d = write_reference(tmp_path, fees=header + '\n[[fee]]\nname = "某费"\n')
    one_problem(d, "fees-national.toml", 1 if header else None, "[catalogue]")


def test_an_unknown_key_in_a_cancelled_entry(tmp_path):
    d = write_reference(tmp_path, cancelled=CANCELLED + 'reason = "x"\n')
    one_problem(d, "cancelled.toml", 4, "unknown key", "reason")


def test_a_missing_instruments_toml(tmp_path):
    d = write_reference(tmp_path, instruments=None)
    p = one_problem(d, ".", None, "instruments.toml")
    assert Path(p.file) == d


def test_a_reference_directory_that_does_not_exist(tmp_path):
    with pytest.raises(BadInput, match="no such reference directory"):
        load_reference(tmp_path / "nowhere")


def test_every_mistake_is_reported_at_once(tmp_path):
    d = write_reference(
        tmp_path,
        instruments=INSTRUMENTS + 'levle = "law"\n',
        fees="[catalogue\n",
        policy='[rules.basis-missing]\nseverity = "fatal"\n',
    )
    files = sorted(Path(p.file).name for p in problems_of(d))
    assert files == ["fees-national.toml", "instruments.toml", "policy.toml"]


def test_text_that_is_not_utf8(tmp_path):
    d = write_reference(tmp_path)
    (d / "cancelled.toml").write_bytes('[[cancelled]]\nname = "户外广告登记"\n'.encode("gb18030"))
    one_problem(d, "cancelled.toml", None, "UTF-8")


# --- bad reference files through the command line -----------------------------------------------

BAD = {
    "syntax": ("policy.toml", "[rules.basis-missing]\nenabled = \n", 2),
    "level": ("instruments.toml", INSTRUMENTS.replace('"law"', '"statute"'), 4),
    "date": ("instruments.toml", INSTRUMENTS.replace("2004-07-01", '"2004-07-01"'), 5),
    "standard": ("fees-national.toml", FEES.replace('"80元/件"', '"按规定收取"'), 7),
    "rule-id": ("policy.toml", "[rules.no-such-rule]\nenabled = false\n", 1),
    "key": ("policy.toml", "[rules.basis-missing]\nenable = false\n", 2),
    "severity": ("policy.toml", '[rules.basis-missing]\nseverity = "fatal"\n', 2),
    "enabled": ("policy.toml", '[rules.basis-missing]\nenabled = "yes"\n', 2),
    "min-reduction": ("policy.toml", "[rules.limit-promise-not-reduced]\nmin_reduction = 2\n", 2),
}


@pytest.fixture
def catalogue_csv(tmp_path) -> Path:
    p = tmp_path / "catalogue.csv"
    p.write_text(CSV, encoding="utf-8")
    return p


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_bad_reference_is_exit_2_with_file_and_line(tmp_path, catalogue_csv, case):
    name, text, line = BAD[case]
    d = write_reference(tmp_path)
    (d / name).write_text(text, encoding="utf-8")
    r = CliRunner().invoke(
        app, ["--reference", str(d), "audit", str(catalogue_csv), "--as-of", "2026-12-01"], env={"COLUMNS": "400"}
    )
    assert r.exit_code == 2, r.output
    assert f"{d / name}:{line}" in "".join(r.stderr.split()), r.stderr
    assert "Traceback" not in r.output
    assert r.stdout == ""


def test_a_missing_instruments_toml_is_exit_2(tmp_path, catalogue_csv):
    d = write_reference(tmp_path, instruments=None)
    r = CliRunner().invoke(app, ["--reference", str(d), "audit", str(catalogue_csv)], env={"COLUMNS": "400"})
    assert r.exit_code == 2
    assert "instruments.toml" in r.stderr


def test_the_good_reference_audits(tmp_path, catalogue_csv):
    d = write_reference(tmp_path)
    r = CliRunner().invoke(
        app, ["--reference", str(d), "audit", str(catalogue_csv), "--as-of", "2026-12-01", "--format", "json"]
    )
    assert r.exit_code == 0, r.output  # only a warning and an info finding


def test_the_shipped_catalogs_copied_still_load(tmp_path):
    d = tmp_path / "catalogs"
    shutil.copytree(default_reference(), d, ignore=shutil.ignore_patterns("samples"))
    assert load_reference(d).instrument_count == load_reference(default_reference()).instrument_count
