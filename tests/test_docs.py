"""The manual's generated pages stay in step with the program: every command, option and rule has its page,
in Chinese and English, and the files under docs/ are what `python -m itemclean.docs` writes now."""

from __future__ import annotations

import re

import click
import pytest
import typer
import typer.main
from conftest import ROOT
from typer.testing import CliRunner

from itemclean import docs, rule_pages
from itemclean.cli import app
from itemclean.cli_help import HELP_ZH
from itemclean.reference import LEVELS
from itemclean.rules import REGISTRY, registry

DOCS = ROOT / "docs"


def test_the_generated_pages_are_up_to_date():
    stale = docs.out_of_date(DOCS)
    assert not stale, "\n".join(docs.stale_message(rel) for rel in stale)


def test_every_command_and_option_has_chinese_help():
    missing = docs.missing_translations()
    assert not missing, f"add Chinese help to HELP_ZH in itemclean/cli_help.py for: {', '.join(missing)}"


def test_no_chinese_help_for_what_no_longer_exists():
    stale = docs.stale_translations()
    assert not stale, f"remove from HELP_ZH in itemclean/cli_help.py (no such command or option): {stale}"


def test_every_rule_explains_itself_in_both_languages():
    for rid, rule in REGISTRY.items():
        assert set(rule.doc) == {"zh", "en"}, f"{rid}: add @explain(zh=…, en=…) under its @rule line"
        for lang, doc in rule.doc.items():
            for part in ("fires", "why", "answer"):
                assert getattr(doc, part).strip(), f"{rid}: the {lang} {part} text is empty"


@pytest.mark.parametrize("lang", docs.LANGS)
def test_every_rule_has_its_section_with_its_texts(lang):
    page = docs.rules_page(lang)
    sections = page.split("\n### ")[1:]
    assert [s.split("\n", 1)[0] for s in sections] == list(REGISTRY)
    for section in sections:
        rule = REGISTRY[section.split("\n", 1)[0]]
        assert rule.doc[lang].why in section and rule.doc[lang].answer in section
        assert f"[rules.{rule.id}]" in section and f'severity = "{rule.severity}"' in section


def test_a_rules_thresholds_are_on_its_page():
    page = docs.rules_page("zh")
    section = page.split("### limit-promise-not-reduced")[1].split("\n### ")[0]
    assert "min_reduction = 0.5" in section
    section = page.split("### materials-catch-all")[1].split("\n### ")[0]
    assert 'phrases = ["其他材料", "其它材料"' in section


@pytest.mark.parametrize("lang", docs.LANGS)
def test_every_command_and_option_is_on_the_command_page(lang):
    page = docs.commands_page(lang)
    root = typer.main.get_command(app)
    for path, cmd in docs.commands(root):
        assert f"\n## itemclean {path}\n" in page
        section = page.split(f"\n## itemclean {path}\n")[1].split("\n## ")[0]
        for p in cmd.params:
            if isinstance(p, click.Option):
                assert f"`{', '.join(p.opts)}" in section, f"{path} {p.opts}"
    assert "`--db PATH` | `ITEMCLEAN_DB` | `itemclean.db`" in page


def test_the_chinese_page_uses_the_chinese_help_and_the_english_page_the_clis():
    zh, en = docs.commands_page("zh"), docs.commands_page("en")
    assert HELP_ZH["import --dry-run"] in zh
    root = typer.main.get_command(app)
    dry_run = next(p for p in root.commands["import"].params if p.name == "dry_run")
    assert dry_run.help in en and dry_run.help not in zh


def test_an_argument_keeps_the_help_it_was_declared_with():
    """Typer's plain --help drops an argument's help; the manual takes it from the declaration."""
    assert "CSV, XLSX, JSON or JSONL files." in docs.commands_page("en")


@pytest.fixture
def grown(monkeypatch):
    """The command line with one more command, as a change to cli.py would add it."""
    extra = typer.Typer(add_completion=False)

    @extra.command("frobnicate")
    def frobnicate(level: int = typer.Option(3, "--level", help="How hard.")) -> None:
        """Frobnicate the catalogue."""

    root = typer.main.get_command(app)
    root.add_command(typer.main.get_command(extra), "frobnicate")
    monkeypatch.setattr(docs, "root_command", lambda: root)
    return root


def test_a_new_command_makes_the_pages_out_of_date_and_asks_for_its_chinese_help(grown, tmp_path):
    docs.write(tmp_path)
    assert "## itemclean frobnicate" in (tmp_path / "en" / "commands.md").read_text(encoding="utf-8")
    assert "How hard." in (tmp_path / "en" / "commands.md").read_text(encoding="utf-8")
    assert docs.UNTRANSLATED in (tmp_path / "zh" / "commands.md").read_text(encoding="utf-8")
    assert docs.missing_translations() == ["frobnicate", "frobnicate --level"]
    assert docs.out_of_date(DOCS) == ["docs/zh/commands.md", "docs/en/commands.md"]


def test_check_names_the_missing_and_stale_pages_and_the_command_to_run(tmp_path, capsys):
    assert docs.main(["--check", "--docs", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "docs/zh/rules.md is out of date: run `python -m itemclean.docs`" in err
    assert docs.main(["--docs", str(tmp_path)]) == 0
    assert "wrote docs/en/commands.md" in capsys.readouterr().out
    assert docs.main(["--check", "--docs", str(tmp_path)]) == 0
    page = tmp_path / "en" / "rules.md"
    page.write_text(page.read_text(encoding="utf-8").replace("basis-missing", "basis-absent"), encoding="utf-8")
    assert docs.main(["--check", "--docs", str(tmp_path)]) == 1
    assert capsys.readouterr().err.strip() == "docs/en/rules.md is out of date: run `python -m itemclean.docs`"
    page = tmp_path / "zh" / "commands.md"
    page.write_text("", encoding="utf-8")
    assert docs.main(["--check", "--docs", str(tmp_path)]) == 1
    assert "zh/commands.md is out of date: run `python -m itemclean.docs` (and bring the Chinese help in " in (
        capsys.readouterr().err
    )


def test_writing_leaves_up_to_date_pages_alone(tmp_path):
    assert len(docs.write(tmp_path)) == 2 * len(docs.LANGS)
    assert docs.write(tmp_path) == []


def test_anchors_are_those_code_hosts_give_headings():
    assert docs.anchor("itemclean reference check") == "itemclean-reference-check"
    assert docs.anchor("全局选项") == "全局选项"
    assert docs.anchor("Exit status") == "exit-status"


# --- the hand-written pages --------------------------------------------------------------------

PAGES = sorted(DOCS.glob("**/*.md"))
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(DOCS)))
def test_every_link_between_the_pages_leads_somewhere(page):
    for target in LINK.findall(page.read_text(encoding="utf-8")):
        if not target.startswith(("http://", "https://")):
            assert (page.parent / target).exists(), f"{page.relative_to(ROOT)} links to a missing {target}"


@pytest.mark.parametrize("lang", docs.LANGS)
def test_each_language_has_every_page(lang):
    names = {p.name for p in (DOCS / lang).glob("*.md")}
    assert {"tutorial.md", "format.md", "rules.md", "commands.md", "reference.md"} <= names


@pytest.mark.parametrize("lang", docs.LANGS)
def test_the_reference_page_names_every_level_and_policy_key(lang):
    page = (DOCS / lang / "reference.md").read_text(encoding="utf-8")
    for word in (*LEVELS, "enabled", "severity"):
        assert f"`{word}`" in page, f"{lang}/reference.md does not explain {word}"
    for r in REGISTRY.values():  # a rule's own parameters: on this page, or in the rule's page (its @explain)
        explained = " ".join(vars(r.doc[lang]).values())
        for key in r.params:
            assert f"`{key}`" in page or key in explained, f"neither {lang}/reference.md nor {r.id} explains {key}"


@pytest.mark.parametrize("lang", docs.LANGS)
def test_the_reference_pages_examples_make_a_directory_that_checks(lang, tmp_path):
    """The TOML examples of the page, each written to the file it belongs in, pass `reference check`."""
    page = (DOCS / lang / "reference.md").read_text(encoding="utf-8")
    files = {"[[instrument]]": "instruments.toml", "[catalogue]": "fees-example.toml"}
    files |= {"[[cancelled]]": "cancelled.toml", "[rules.": "policy.toml"}
    written = set()
    for block in re.findall(r"```toml\n(.*?)```", page, re.S):
        name = next(f for head, f in files.items() if block.lstrip().startswith(head))
        with (tmp_path / name).open("a", encoding="utf-8") as f:
            f.write(block + "\n")
        written.add(name)
    assert written == set(files.values())
    r = CliRunner().invoke(app, ["--lang", lang, "reference", "check", str(tmp_path)])
    assert r.exit_code == 0, r.output


ZH = registry.Doc(fires="甲", why="乙", answer="丙")
EN = registry.Doc(fires="a", why="b", answer="c")
TEXTS = {"zh": ("演示", "无"), "en": ("demo", "none")}  # what a demo rule says and suggests


def test_a_rules_page_text_may_stand_above_or_below_its_rule(monkeypatch):
    monkeypatch.setattr(registry, "REGISTRY", {})

    @registry.rule("demo-below", "warning", "name", **TEXTS)
    @registry.explain(zh=ZH, en=EN)
    def below(item, ctx, r):
        yield from ()

    @registry.explain(zh=ZH, en=EN)
    @registry.rule("demo-above", "warning", "name", **TEXTS)
    def above(item, ctx, r):
        yield from ()

    assert {rid: r.doc for rid, r in registry.REGISTRY.items()} == {
        "demo-below": {"zh": ZH, "en": EN},
        "demo-above": {"zh": ZH, "en": EN},
    }


def test_a_new_rule_gets_its_section_and_the_page_goes_out_of_date(monkeypatch):
    grown = dict(REGISTRY)
    monkeypatch.setattr(registry, "REGISTRY", grown)

    @registry.rule("demo-new", "info", "notes", **TEXTS)
    @registry.explain(zh=ZH, en=EN)
    def new(item, ctx, r):
        yield from ()

    monkeypatch.setattr(rule_pages, "REGISTRY", grown)
    section = docs.rules_page("zh").split("\n### demo-new\n")[1]
    assert "- 字段：备注（`notes`）" in section and "**为什么。** 乙" in section
    assert docs.out_of_date(DOCS) == ["docs/zh/rules.md", "docs/en/rules.md"]
