"""Each rule one unit: its docstring is its English explanation, `itemclean rules` shows what fires each
rule and `itemclean rules ID` its page, in the language asked; nothing outside itemclean/rules names a rule."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest
from conftest import ROOT
from typer.testing import CliRunner

from itemclean.cli import app
from itemclean.docs import rules_page
from itemclean.rules import REGISTRY
from itemclean.rules.registry import Doc, explain
from itemclean.tui.actions import ABOLISH_RULES


def run(*args: str):
    r = CliRunner().invoke(app, list(args), env={"COLUMNS": "200", "ITEMCLEAN_LANG": None})
    assert "Traceback" not in r.output, r.output
    return r


def test_every_rules_docstring_is_its_english_explanation():
    for rid, r in REGISTRY.items():
        en = r.doc["en"]
        assert r.docstring.startswith(en.fires) and en.why in r.docstring and en.answer in r.docstring, rid
        assert r.check.__doc__ == r.docstring


def test_a_rule_function_with_a_docstring_of_its_own_is_refused():
    def check(item, ctx, r):
        """Written beside the explanation: two sources."""

    doc = Doc(fires="x", why="y", answer="z")
    with pytest.raises(ValueError, match="docstring"):
        explain(zh=doc, en=doc)(check)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_rules_lists_what_fires_each_rule_in_the_language(lang):
    r = run("--lang", lang, "rules", "--format", "json")
    assert r.exit_code == 0, r.output
    rows = json.loads(r.stdout)
    assert [row["rule"] for row in rows] == list(REGISTRY)
    for row in rows:
        assert row["explanation"] == REGISTRY[row["rule"]].doc[lang].fires
    table = run("--lang", lang, "rules").stdout
    assert ("何时触发" in table) == (lang == "zh") and ("fires when" in table) == (lang == "en")
    assert REGISTRY["materials-missing"].doc[lang].fires[:12] in table


def test_rules_id_prints_the_rules_page_of_the_manual_in_chinese_by_default():
    r = run("rules", "fee-floating")
    assert r.exit_code == 0, r.output
    doc = REGISTRY["fee-floating"].doc["zh"]
    for part in (doc.fires, doc.why, doc.answer, "[rules.fee-floating]"):
        assert part in r.stdout
    section = rules_page("zh").split("### fee-floating\n")[1].split("\n### ")[0].split("\n## ")[0]
    assert section.strip() in r.stdout


def test_rules_id_in_english_is_the_english_page():
    r = run("--lang", "en", "rules", "limit-promise-not-reduced")
    assert r.exit_code == 0, r.output
    section = rules_page("en").split("### limit-promise-not-reduced\n")[1].split("\n## ")[0]
    assert section.strip() in r.stdout and "min_reduction = 0.5" in r.stdout
    assert not any(word in r.stdout for word in ("默认级别", "何时触发", "为什么", "如何处理", "建议"))


def test_rules_with_an_unknown_id_is_exit_2_naming_it():
    r = run("rules", "no-such-rule")
    assert r.exit_code == 2
    assert "no-such-rule" in r.stderr and "未知的规则编号" in r.stderr


def test_the_abolish_dialogs_rules_are_those_whose_suggestion_is_to_abolish():
    assert ABOLISH_RULES == {rid for rid, r in REGISTRY.items() if r.abolish}
    assert ABOLISH_RULES == {"basis-missing", "basis-cannot-set", "item-cancelled"}  # RULES.md: "abolish"


def test_no_rule_id_is_spelled_out_in_itemclean_outside_the_rules_package():
    """A string constant (or a word of one: SQL, a format string) that is a rule id names the rule twice."""
    named = []
    for p in sorted((ROOT / "itemclean").rglob("*.py")):
        if Path("itemclean", "rules") in p.relative_to(ROOT).parents:
            continue
        tree = ast.parse(p.read_text(encoding="utf-8"))
        scopes = (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
        docs = {id(n.body[0].value) for n in ast.walk(tree) if isinstance(n, scopes) and ast.get_docstring(n)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
                words = set(re.findall(r"[a-z]+(?:-[a-z]+)+", node.value))
                named += [f"{p.relative_to(ROOT)}:{node.lineno}: {w}" for w in words & set(REGISTRY)]
    assert named == []
