"""The message catalogues (itemclean/locale/*/LC_MESSAGES/itemclean.po) against the code: every key the code
uses has its text in Chinese and English with the same {fields}, the catalogues hold no key that nothing uses,
and the compiled .mo files shipped in the package are what the .po files compile to."""

from __future__ import annotations

import ast
import gettext
import shutil
import string
from collections.abc import Iterator
from pathlib import Path

import pytest

import itemclean
from itemclean import cli_words, docs, feedback, messages
from itemclean.reference import LEVELS, SEVERITIES
from itemclean.tui import diff_screen, edit_dialog, help_screen, keys

SOURCE = Path(itemclean.__file__).parent
JUMPS = ("todo", "errors")  # the review screen's jumps to the next item of a kind (tui/actions.py)

# The functions that take a message key: (module under itemclean, name) → (msgctxt of the key's table, which
# argument is the key). A wrapper's own call with its parameter is declared in DYNAMIC as a wrapper.
KEY_FUNCTIONS = {
    ("messages", "t"): (None, 0),
    ("messages", "has"): (None, 0),
    ("messages", "template"): (None, 0),
    ("messages", "say"): ("round", 0),
    ("messages", "text"): ("text", 0),
    ("messages", "word"): ("tui", 0),
    ("tui.labels", "word"): ("tui", 0),  # messages.word, as the review screen's modules import it
    ("messages", "action_name"): ("action", 0),
    ("tui.labels", "say"): (None, 1),  # say(node, key): in the language of the widget's app
    ("cli", "message"): ("text", 0),
}
WRAPPER = "wrapper"  # the key is a parameter of the function that holds the call: its callers are checked

# Every call whose key is not written out, by file and the key's expression: the keys it can be (a set), or
# the prefix of a family of keys (a str) whose members all count as used.
DYNAMIC: dict[tuple[str, str], set[str] | str] = {
    ("cli.py", "key"): WRAPPER,
    ("cli_words.py", "key"): set(cli_words.CLICK_WORDS.values()),
    ("tui/labels.py", "key"): WRAPPER,
    ("cli.py", "'col-' + k"): "col-",  # headers_of(*keys): the terminal's table headers
    ("cli.py", "'verify-' + r.label"): {"verify-database", "verify-log"},
    ("cli.py", "'severity-' + r['severity']"): {"severity-error", "severity-warning", "severity-info"},
    ("cli.py", "'label-' + label"): {"label-added", "label-updated", "label-removed"},
    ("cli.py", "d.action"): "",  # every action of the log
    ("store/decisions.py", "self.replaced_action"): "",
    ("cleanup_report.py", "f'col-{c}'"): "col-",
    ("cleanup_report.py", "f'col-{n}'"): "col-",
    ("cleanup_report.py", "f'col-{k}'"): "col-",
    ("results.py", "f'col-{c}'"): "col-",
    ("results.py", "f'out-{self.action}'"): "out-",
    ("diff_output.py", "'md-' + k"): "md-",
    ("reports.py", "'report-' + c"): "report-",
    ("reports.py", "'report-title-' + what"): "report-title-",
    ("exporting.py", "'report-title-' + what"): "report-title-",
    ("formats/xlsx.py", "f'col-{k}'"): "col-",
    ("formats/xlsx.py", "f'col-{c}'"): "col-",
    ("feedback.py", "k"): set(feedback.TAIL),
    ("review.py", "key"): {"merge-target-abolished", "merge-target-merged"},
    ("tui/diff_screen.py", "label"): {label for label, _ in diff_screen.KINDS.values()},
    ("tui/help_screen.py", "SECTIONS[title]"): set(help_screen.SECTIONS.values()),
    ("tui/help_screen.py", "'key:' + k.description"): {
        "key:" + k.description for _, table in keys.HELP_SECTIONS for k in table
    },
    ("tui/help_screen.py", "k"): {k for _, k in help_screen.FILTER_HELP + help_screen.COLUMNS_HELP},
    ("tui/help_screen.py", "c"): {c for c, _ in help_screen.COLUMNS_HELP},
    ("tui/labels.py", "'foot:' + description"): "foot:",
    ("tui/app.py", "'key:' + k.description"): "key:",  # the palette's commands: the keys' own descriptions
    ("tui/main_screen.py", "'sort:' + key"): "sort:",  # optional: has() is asked first
    ("tui/actions.py", "f'n-no-{kind}'"): {f"n-no-{kind}" for kind in JUMPS},
    ("tui/actions.py", "f\"n-wrapped-{kind}-{('first' if step > 0 else 'last')}\""): {
        f"n-wrapped-{kind}-{end}" for kind in JUMPS for end in ("first", "last")
    },
    ("tui/edit_dialog.py", "HINTS[key]"): set(edit_dialog.HINTS.values()),
}

# The tables read whole, by ByLanguage or some_of(): msgctxt → their keys.
TABLES = {
    "level": {*LEVELS, "unknown"},
    "severity": set(SEVERITIES),
    "reference-check": {"ok", "instruments", "catalogue", "no_catalogue", "cancelled", "policy", "no_policy"}
    | {"national", "provincial"},  # m[...] in cli.py's reference check, and the levels of a fee catalogue
    "some-of": {"separator", "all", "some"},
    "status": {"undecided", "needs-review", "keep", "amend", "abolish", "merge"},  # tui/labels.status_name
}

Key = tuple[str | None, str]  # (msgctxt, msgid)

# Texts whose languages use different fields on purpose (the call gives every field either uses).
FIELDS_DIFFER: dict[Key, str] = {
    ("some-of", "some"): "Chinese names the total only: A、B 等 41 项",
    ("tui", "approved_versions"): "English adds the plural's s: 已审定2版, 2 approved versions",
}


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(SOURCE).with_suffix("").parts)


def imported(path: Path, node: ast.ImportFrom) -> str:
    """The module under itemclean that a `from … import` names."""
    if node.level == 0:
        return (node.module or "").removeprefix("itemclean.")
    base = module_name(path).split(".")[: -node.level]
    return ".".join(base + ([node.module] if node.module else []))


def key_functions(path: Path, tree: ast.Module) -> dict[str, tuple[str | None, int]]:
    """The names in a module that call a key function: the ones it imports, and the ones it defines."""
    found = {}
    for node in tree.body:
        if isinstance(node, ast.ImportFrom):
            for a in node.names:
                if (imported(path, node), a.name) in KEY_FUNCTIONS:
                    found[a.asname or a.name] = KEY_FUNCTIONS[imported(path, node), a.name]
        elif isinstance(node, ast.FunctionDef) and (module_name(path), node.name) in KEY_FUNCTIONS:
            found[node.name] = KEY_FUNCTIONS[module_name(path), node.name]
    for node in ast.walk(tree):  # the command line imports inside its commands, for start-up speed
        if isinstance(node, ast.ImportFrom) and node not in tree.body:
            for a in node.names:
                if (imported(path, node), a.name) in KEY_FUNCTIONS:
                    found[a.asname or a.name] = KEY_FUNCTIONS[imported(path, node), a.name]
    return found


def literal_keys(arg: ast.expr) -> list[str] | None:
    """The keys of a key argument written out: a string, or `'a' if … else 'b'`."""
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        return [arg.value]
    if isinstance(arg, ast.IfExp):
        body, orelse = literal_keys(arg.body), literal_keys(arg.orelse)
        return body + orelse if body is not None and orelse is not None else None
    return None


def uses() -> tuple[set[Key], set[tuple[str | None, str]], list[str]]:
    """What the source asks of the catalogues: the keys it names, the families (msgctxt, prefix) it builds keys
    of, and every call with a key it does not write out and DYNAMIC does not declare."""
    named: set[Key] = set()
    families: set[tuple[str | None, str]] = set()
    undeclared = []
    for path in sorted(SOURCE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        functions = key_functions(path, tree)
        rel = path.relative_to(SOURCE).as_posix()
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in functions):
                continue
            context, position = functions[node.func.id]
            if len(node.args) <= position:
                continue
            arg = node.args[position]
            if (written := literal_keys(arg)) is not None:
                named |= {(context, k) for k in written}
            elif (rel, ast.unparse(arg)) not in DYNAMIC:
                undeclared.append(f"{rel}:{node.lineno}: {ast.unparse(node)}")
            elif isinstance(declared := DYNAMIC[rel, ast.unparse(arg)], set):
                named |= {(context, k) for k in declared}
            elif declared != WRAPPER:
                families.add((context, declared))
    named |= {(context, k) for context, table in TABLES.items() for k in table}
    return named, families, undeclared


def catalogue_texts(lang: str) -> dict[Key, str]:
    return {(m.context, m.id): m.string for m in docs.read_catalogue(lang) if m.id}


def fields(template: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(template) if f}


def problems(zh: dict[Key, str], en: dict[Key, str], named: set[Key], families: set[tuple[str | None, str]]):
    """What is wrong between the code's keys and the two catalogues, one line each."""
    found = []
    for key in sorted(named, key=str):
        for lang, texts in (("zh", zh), ("en", en)):
            if not texts.get(key):
                found.append(f"{key}: no {lang} text")
    for key in sorted(zh.keys() | en.keys(), key=str):
        if zh.get(key) and en.get(key) and fields(zh[key]) != fields(en[key]) and key not in FIELDS_DIFFER:
            found.append(f"{key}: fields {sorted(fields(zh[key]))} in zh, {sorted(fields(en[key]))} in en")
        context, msgid = key
        if key not in named and not any(c == context and msgid.startswith(p) for c, p in families):
            found.append(f"{key}: nothing uses it")
    return found


@pytest.fixture(scope="module")
def source_uses():
    return uses()


def test_every_call_names_its_key_or_is_declared(source_uses):
    _, _, undeclared = source_uses
    assert not undeclared, "declare in DYNAMIC the keys these calls can take:\n" + "\n".join(undeclared)


def test_every_key_used_has_chinese_and_english_with_the_same_fields_and_no_key_is_unused(source_uses):
    named, families, _ = source_uses
    assert len(named) > 400 and (None, "db-busy") in named and ("round", "feedback-title") in named
    found = problems(catalogue_texts("zh"), catalogue_texts("en"), named, families)
    assert not found, "\n".join(found)


def test_a_missing_text_different_fields_and_an_unused_key_are_each_found(source_uses):
    named, families, _ = source_uses
    zh, en = catalogue_texts("zh"), catalogue_texts("en")
    del en[None, "db-busy"]
    zh[None, "no-items"] = "{catalog}：没有编码为 {code} 的事项"  # en says {codes}
    zh[None, "never-asked-for"] = en[None, "never-asked-for"] = "?"
    zh["round", "col-anything"] = en["round", "col-anything"] = "?"  # of a family the code builds keys of
    assert set(problems(zh, en, named, families)) == {
        "(None, 'db-busy'): no en text",
        "(None, 'no-items'): fields ['catalog', 'code'] in zh, ['catalog', 'codes'] in en",
        "(None, 'never-asked-for'): nothing uses it",
    }


def flagged_entries(po: str) -> Iterator[tuple[str, bool, str]]:
    """(msgid, whether it has the python-brace-format flag, msgstr) of each entry of a .po file, read as text:
    Babel derives that flag from the msgid, which is a key here, so it drops it on reading."""
    for block in po.split("\n\n"):
        lines = block.strip().splitlines()
        flag = any(line.startswith("#,") and "python-brace-format" in line for line in lines)
        parts: dict[str, str] = {}
        name = None
        for line in lines:
            if line.startswith(("msgid ", "msgstr ")):
                name, _, line = line.partition(" ")
            if name and line.startswith('"'):
                parts[name] = parts.get(name, "") + ast.literal_eval(line)
        if parts.get("msgid"):
            yield parts["msgid"], flag, parts.get("msgstr", "")


@pytest.mark.parametrize("lang", docs.LANGS)
def test_a_text_with_fields_and_only_such_a_text_is_flagged_python_brace_format(lang):
    entries = list(flagged_entries(docs.catalogue_file(Path(messages.LOCALE), lang, "po").read_text("utf-8")))
    assert len(entries) == len(catalogue_texts(lang))
    wrong = [msgid for msgid, flag, text in entries if flag != bool(fields(text))]
    assert not wrong, f"flag these (and only these) #, python-brace-format: {wrong}"
    assert ("db-damaged", True, "数据库已损坏（{text}）；请从备份恢复") in entries or lang == "en"
    assert (
        "db-busy",
        False,
        "the database is busy: another itemclean is writing to it; try again when it has finished",
    ) in entries or lang == "zh"


def test_a_missing_or_stray_flag_is_found_in_a_wrapped_po_entry():
    po = '#, python-brace-format\nmsgid "a"\nmsgstr "x"\n\nmsgid "b"\nmsgstr ""\n"long {text} "\n"wrapped"\n'
    assert list(flagged_entries(po)) == [("a", True, "x"), ("b", False, "long {text} wrapped")]


def test_a_key_the_catalogue_does_not_hold_is_an_error_not_the_key():
    with pytest.raises(KeyError, match="no message 'no-such-key' in the zh catalogue"):
        messages.t("no-such-key", "zh")
    with pytest.raises(KeyError, match="'no-such-key' of 'round' in the en catalogue"):
        messages.say("no-such-key", "en")
    assert not messages.has("no-such-key") and messages.has("db-busy")
    assert messages.action_name("frobnicate", "zh") == "frobnicate"  # an action of no table stays its code
    assert messages.action_name("abolish", "zh") == "废止"


def test_the_tables_read_whole_are_the_catalogue_in_each_language():
    assert messages.LEVEL_NAMES["zh"]["law"] == "法律" and messages.LEVEL_NAMES["en"][None] == "unknown"
    assert [messages.SEVERITY_NAMES["zh"][s] for s in SEVERITIES] == ["错误", "警告", "提示"]
    assert messages.LEVEL_NAMES["zh"].get("no-such-level", "?") == "?"
    with pytest.raises(KeyError):
        messages.REFERENCE_CHECK["en"]["no-such-line"]
    assert messages.some_of(["A", "B"], 41, "zh") == "A、B 等 41 项"
    assert messages.some_of(["A", "B"], 2, "en") == "A, B"


def test_the_shipped_mo_files_are_what_the_po_files_compile_to():
    for lang in docs.LANGS:
        shipped = Path(messages.mo_path(lang)).read_bytes()
        assert docs.mo_contents(shipped) == docs.mo_contents(docs.compile_catalogue(lang)), (
            f"{lang}: run `python -m itemclean.docs`"
        )
    assert not docs.stale_catalogues()


def test_a_changed_po_file_makes_its_mo_stale_until_compiled(tmp_path, capsys):
    locale = tmp_path / "locale"
    shutil.copytree(messages.LOCALE, locale)
    po = locale / "en" / "LC_MESSAGES" / "itemclean.po"
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "no such file"', 'msgstr "file not found"'))
    docs_dir = tmp_path / "docs"
    docs.write(docs_dir)
    assert docs.main(["--check", "--docs", str(docs_dir), "--locale", str(locale)]) == 1
    mo = locale / "en" / "LC_MESSAGES" / "itemclean.mo"
    assert f"{mo} is not what its .po file compiles to: run `python -m itemclean.docs`" in capsys.readouterr().err
    assert docs.main(["--docs", str(docs_dir), "--locale", str(locale)]) == 0
    assert capsys.readouterr().out.strip() == f"wrote {mo}"
    with mo.open("rb") as fh:
        assert gettext.GNUTranslations(fh).gettext("no-such-file") == "file not found"
    assert docs.main(["--check", "--docs", str(docs_dir), "--locale", str(locale)]) == 0
