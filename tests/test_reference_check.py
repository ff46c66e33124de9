"""`itemclean reference check [DIR]`: a reference directory loaded and reported on, or its problems with file
and line and exit 2."""

from __future__ import annotations

from pathlib import Path

from test_reference import write_reference
from typer.testing import CliRunner

from itemclean.cli import app
from itemclean.paths import default_reference


def check(*args: str, lang: str = "zh"):
    return CliRunner().invoke(app, ["--lang", lang, "reference", "check", *args], env={"COLUMNS": "300"})


def test_the_shipped_directory_is_reported_with_what_it_holds():
    r = check(str(default_reference()))
    assert r.exit_code == 0, r.output
    lines = r.output.splitlines()
    assert lines[0] == f"参考目录 {default_reference()}：无误"
    assert lines[1].startswith("  法律文件 247 部（其中 9 部已废止）")
    assert "  收费目录《全国行政事业性收费目录清单》（国家）：32 项" in lines
    assert "  已取消事项 14 项" in lines
    assert "  规则配置 policy.toml：22 条规则有设定，0 条停用" in lines


def test_without_a_directory_it_checks_the_one_in_force(tmp_path):
    d = write_reference(tmp_path)
    r = CliRunner().invoke(app, ["--reference", str(d), "reference", "check"], env={"ITEMCLEAN_LANG": "zh"})
    assert r.exit_code == 0, r.output
    assert r.output.splitlines()[:2] == [
        f"参考目录 {d}：无误",
        "  法律文件 1 部（其中 0 部已废止）；有权设定行政许可的 1 部",
    ]


def test_in_english(tmp_path):
    d = write_reference(tmp_path, policy="[rules.basis-no-article]\nenabled = false\n")
    r = check(str(d), lang="en")
    assert r.exit_code == 0, r.output
    assert r.output.splitlines() == [
        f"reference directory {d}: no problems",
        "  1 instruments (0 repealed); 1 of a level that may set a permit",
        "  fee catalogue 《全国行政事业性收费目录清单》 (national): 1 fees",
        "  1 cancelled items",
        "  policy.toml: settings for 1 rules, 1 disabled",
    ]


def test_a_directory_without_policy_or_fees_says_what_that_means(tmp_path):
    d = write_reference(tmp_path, fees=None, policy=None)
    r = check(str(d))
    assert r.exit_code == 0, r.output
    assert "  没有收费目录（fees*.toml）：每项收费都会被报告为自定收费" in r.output
    assert "  没有 policy.toml：各规则按默认级别和阈值运行" in r.output


def test_every_problem_is_reported_with_file_and_line_and_exit_2(tmp_path):
    d = write_reference(
        tmp_path,
        instruments='[[instrument]]\ntitle = "甲法"\nlevel = "lawx"\n\n[[instrument]]\ntitle = "乙法"\n'
        'level = "law"\neffective = "2020-01-01"\n',
        extra={
            "fees-province.toml": '[catalogue]\nname = "某省目录"\nlevel = "provincial"\n\n'
            '[[fee]]\nname = "某费"\nstandard = "很多"\n'
        },
    )
    r = check(str(d))
    assert r.exit_code == 2
    assert "Traceback" not in r.output
    lines = r.output.splitlines()
    assert lines[0].startswith(f"{d / 'instruments.toml'}:3: level must be one of law,")
    assert lines[1].startswith(f"{d / 'instruments.toml'}:8: effective must be a TOML date")
    assert lines[2].startswith(f"{d / 'fees-province.toml'}:7: standard must be a fee standard")
    assert len(lines) == 3


def test_a_toml_syntax_error_names_line_and_column(tmp_path):
    d = write_reference(tmp_path, cancelled='[[cancelled]]\nname = "x\n')
    r = check(str(d))
    assert r.exit_code == 2
    assert r.output.startswith(f"{d / 'cancelled.toml'}:2:")
    assert "TOML syntax error" in r.output


def test_no_such_directory(tmp_path):
    r = check(str(tmp_path / "nowhere"))
    assert r.exit_code == 2
    assert r.output.strip() == f"{tmp_path / 'nowhere'}: no such reference directory"


def test_a_directory_without_instruments(tmp_path):
    d = tmp_path / "empty"
    d.mkdir()
    r = check(str(d))
    assert r.exit_code == 2
    assert r.output.strip() == f"{d}: a reference directory needs instruments.toml"


def test_reference_alone_shows_its_subcommands():
    r = CliRunner().invoke(app, ["reference"])
    assert r.exit_code == 2
    assert "check" in r.output


def test_a_global_option_after_the_subcommand(tmp_path):
    d = write_reference(tmp_path)
    r = CliRunner().invoke(app, ["reference", "check", "--lang", "en", "--reference", str(d)])
    assert r.exit_code == 0, r.output
    assert r.output.startswith(f"reference directory {Path(d)}: no problems")
