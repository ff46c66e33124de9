"""click's and Typer's own words — usage, section titles, [default: …], their usage errors — in the language
of the run: Chinese by default, English with --lang en, from the message table (itemclean/cli_words.py)."""

from __future__ import annotations

import re

import click
import pytest
from click.testing import CliRunner

from itemclean import messages
from itemclean.cli import command_line
from itemclean.cli_help import HELP_ZH, commands, param_key
from itemclean.cli_words import CLICK_WORDS

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
WORD = re.compile(r"[A-Za-z]{2,}")
GROUP = command_line(["--lang", "en"])
PATHS = ["", *(path for path, _ in commands(GROUP))]


def run(*args: str, env: dict | None = None):
    r = CliRunner().invoke(
        command_line(list(args)),
        list(args),
        prog_name="itemclean",
        env={"COLUMNS": "100", "ITEMCLEAN_LANG": None, **(env or {})},
    )
    assert "Traceback" not in r.output, r.output
    assert r.exception is None or isinstance(r.exception, SystemExit), r.exception
    return r


def authored(path: str, lang: str) -> str:
    """What was written for the command, its options and its subcommands, in the language, and the options'
    names and defaults: none of it is click's."""
    cmd = GROUP
    for name in path.split():
        cmd = cmd.commands[name]
    subs = [(f"{path} {name}".strip(), sub) for name, sub in getattr(cmd, "commands", {}).items()]
    said = [f"{p.opts} {getattr(p, 'secondary_opts', '')} {p.default}" for p in cmd.params]
    for where, c in [(path, cmd), *subs]:
        if lang == "en":
            said += [c.help or "", *(getattr(p, "help", None) or "" for p in c.params)]
        else:
            said += [HELP_ZH.get(where or "itemclean", ""), *(HELP_ZH.get(param_key(where, p), "") for p in c.params)]
    return " ".join(said)


def code_words(text: str) -> str:
    """The text without what is typed or named as it is: what the user typed (quoted back), options,
    metavars and environment variables, command names, rule ids and file names."""
    names = "|".join(["itemclean", *(name for path in PATHS for name in path.split())])
    return re.sub(
        rf"'[^']*'|--?[a-z][a-z-]*|\b[A-Z][A-Z_]+\b(\.\.\.)?|\S+\.(db|toml|csv|xlsx)\b|\b[a-z]+(-[a-z]+)+\b|\b({names})\b",
        " ",
        text,
    )


def test_every_word_of_click_and_typer_has_its_entry_with_click_s_english_word_for_word():
    for msgid, key in CLICK_WORDS.items():
        assert messages.template(key, "en") == msgid, key
        assert CJK.search(messages.template(key, "zh")) and not WORD.search(
            re.sub(r"\{[^}]*\}", "", messages.template(key, "zh"))
        )


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p or "itemclean")
def test_help_in_chinese_has_no_english_word_but_names_and_typed_values(path):
    r = run(*path.split(), "--help")
    assert r.exit_code == 0, r.output
    assert "用法：" in r.stdout and "显示本帮助后退出。" in r.stdout
    left = set(WORD.findall(code_words(r.stdout))) - set(WORD.findall(authored(path, "zh")))
    assert left == set(), r.stdout


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p or "itemclean")
def test_help_in_english_has_no_chinese_but_what_the_help_quotes(path):
    r = run("--lang", "en", *path.split(), "--help")
    assert r.exit_code == 0, r.output
    assert "Usage:" in r.stdout and "Show this message and exit." in r.stdout
    assert set(CJK.findall(r.stdout)) <= set(CJK.findall(authored(path, "en"))), r.stdout


def test_the_language_of_the_environment_and_lang_after_the_command():
    assert "用法：" in run("import", "--help").stdout
    assert "Usage:" in run("import", "--help", env={"ITEMCLEAN_LANG": "en"}).stdout
    assert "Usage:" in run("import", "--lang", "en", "--help").stdout


USAGE_ERRORS = {
    "unknown option": (["audit", "--no-such-option"], "没有选项 '--no-such-option'。", "No such option"),
    "missing argument": (["show"], "缺少参数 'CODE'", "Missing argument 'CODE'"),
    "extra argument": (["show", "A", "B"], "多出了参数（B）", "Got unexpected extra argument (B)"),
    "option without its value": (["audit", "--as-of"], "选项 '--as-of' 需要一个值。", "requires an argument"),
    "unknown command": (["audi"], "没有命令 'audi'。 是不是要用 'audit'？", "No such command 'audi'. Did you mean"),
    "bad value": (["--lang", "fr", "rules"], "值无效：--lang 取 zh 或 en", "Invalid value: --lang takes zh or en"),
    "bad choice": (["rules", "--format", "yaml"], "--format", "--format"),
    "unknown subcommand": (["reference", "chek"], "没有命令 'chek'。 是不是要用 'check'？", "No such command 'chek'."),
}


@pytest.mark.parametrize("case", USAGE_ERRORS, ids=str)
def test_a_usage_error_in_chinese_is_chinese_exit_2_without_traceback(case, tmp_path):
    args, zh, _ = USAGE_ERRORS[case]
    r = run("--db", str(tmp_path / "t.db"), *args)
    assert r.exit_code == 2, r.output
    assert zh in r.stderr
    said = r.stderr.replace(str(tmp_path), " ")
    assert set(WORD.findall(code_words(said))) <= {"zh", "en", "text", "json", "csv"}, said  # values it takes
    if "Usage" in said or "用法" in said:
        assert "用法：" in said and "运行 'itemclean" in said and "错误：" in said


@pytest.mark.parametrize("case", [c for c in USAGE_ERRORS if c != "bad value"], ids=str)  # --lang fr: the default
def test_a_usage_error_in_english_is_english(case, tmp_path):
    args, _, en = USAGE_ERRORS[case]
    r = run("--db", str(tmp_path / "t.db"), "--lang", "en", *args)
    assert r.exit_code == 2, r.output
    assert en in r.stderr and not CJK.search(r.stderr), r.stderr


def test_shell_completion_adds_no_option_to_translate():
    """The command line is built without Typer's --install-completion / --show-completion."""
    assert not {o for p in GROUP.params for o in getattr(p, "opts", []) if "completion" in o}


def test_another_programs_click_command_in_the_same_process_keeps_click_s_words():
    """The table speaks for itemclean's runs only: with no language set, click's words are click's."""

    @click.command()
    @click.argument("name")
    def hello(name: str) -> None:
        click.echo(name)

    messages.set_language(None)  # as in a process where no itemclean command has run
    r = CliRunner().invoke(hello, ["--nope"], env={"ITEMCLEAN_LANG": None})
    assert r.exit_code == 2 and "Usage:" in r.output and "No such option '--nope'." in r.output
    assert "Show this message and exit." in CliRunner().invoke(hello, ["--help"]).output
