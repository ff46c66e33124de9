"""Every word the user sees in Chinese by default, in English with --lang en: the message catalogue is
complete in both languages, and the command-line flow speaks one language only."""

from __future__ import annotations

import csv
import html
import json
import os
import re
import string
import subprocess
import sys

import pytest
from conftest import SAMPLE, Cli

from itemclean import docs
from itemclean.paths import default_reference
from itemclean.rules import REGISTRY

AS_OF = "2026-12-02"
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
WORD = re.compile(r"[A-Za-z]{3,}")


# What a user types, shown as typed: formats, the filter bar's words (status:keep, sev:error), program names.
TYPED = {"itemclean", "sha", "source", "text", "json", "csv", "sarif", "md", "override", "TEXT", "todo", "Ctrl", "Esc"}
TYPED |= {"undecided", "needs", "review", "keep", "amend", "abolish", "merge", "error", "warning", "info"}
TYPED |= {"XLSX", "xlsx", "JSON", "jsonl", "UTF", "utf", "sig", "gbk", "wal", "shm"}  # formats, encodings, files
TYPED |= {"CSV", "CRLF", "Excel", "WPS", "SQLite", "SHA"}  # formats, line ends, spreadsheet programs; SHA-256


def _english_words(template: str) -> set[str]:
    """The English words of a template outside its fields, options and `commands`."""
    return set(WORD.findall(re.sub(r"\{[^}]*\}|--[a-z-]+|`[^`]*`|[A-Z]+=[A-Z]+|[a-z]+:[a-z]*", " ", template)))


def _fields(template: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(template) if f}


def _texts(context: str | None) -> dict[str, dict[str, str]]:
    """One table of the catalogues, key → language → text, as the .po files hold it."""
    by_lang = {
        lang: {m.id: m.string for m in docs.read_catalogue(lang) if m.id and m.context == context}
        for lang in ("zh", "en")
    }
    return {
        k: {lang: by_lang[lang].get(k, "") for lang in by_lang} for k in by_lang["zh"].keys() | by_lang["en"].keys()
    }


UI = _texts(None)  # the command line's messages: every one has to read as Chinese, or as English


def check_both_languages(texts: dict[str, str]) -> None:
    zh, en = texts["zh"], texts["en"]
    assert zh.strip() and en.strip()
    assert _fields(zh) == _fields(en)
    assert _english_words(zh) <= TYPED, zh
    assert not CJK.search(re.sub(r"[a-z]+:[^)\s]+|《》|名称\|标准\|依据|《名称》第…条|N个工作日|即办", "", en)), (
        en
    )  # examples typed aside


@pytest.mark.parametrize("key", sorted(UI))
def test_every_catalogue_string_has_chinese_and_english_with_the_same_fields(key):
    check_both_languages(UI[key])


@pytest.mark.parametrize("context", ["text", "round", "action", "reference-check", "severity", "level", "some-of"])
def test_every_other_table_has_both_languages(context):
    table = _texts(context)
    assert table, context
    for key, texts in table.items():
        assert all(texts.values()), key


def test_every_rule_has_both_languages():
    for rid, r in REGISTRY.items():  # a rule's texts stand on its @rule line
        assert set(r.texts) == {"zh", "en"}, rid
        assert all(all(pair) for pair in r.texts.values()), rid


def test_a_catalogue_string_without_english_or_with_english_in_chinese_is_found():
    with pytest.raises(AssertionError):
        check_both_languages({"zh": "只有中文", "en": ""})
    with pytest.raises(AssertionError):
        check_both_languages({"zh": "数据库 is busy", "en": "the database is busy"})
    with pytest.raises(AssertionError):
        check_both_languages({"zh": "{code}：无", "en": "{item}: none"})


def _flow(cli: Cli, tmp_path) -> list[str]:
    """The README's flow: import, audit, approve refused, decide, approve, export, diff, log, verify."""
    outputs = []

    def run(*args, code=0):
        r = cli(*args)
        assert r.exit_code == code, (args, r.output)
        if "json" not in args:  # a machine format: its keys and values do not change with the language
            outputs.append(r.output)
        return r

    run("import", SAMPLE)
    findings = json.loads(run("audit", "--as-of", AS_OF, "--format", "json", code=1).stdout)["findings"]
    run("audit", "--as-of", AS_OF, code=1)
    run("approve", "--label", "2026", "--as-of", AS_OF, code=1)
    errors = {f["code"] for f in findings if f["severity"] == "error"}
    plan = tmp_path / "plan.csv"
    with plan.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["code", "decision", "reason"])
        w.writerows([c, "abolish", "无合法依据"] for c in sorted(errors))
    run("decide", "--from", plan)
    run("decide", "--all-undecided", "--keep")
    run("decide", "NO-SUCH-CODE", "--abolish", "--reason", "x", code=2)
    run("decide", sorted(errors)[0], "--abolish", code=2)
    run("show", sorted(errors)[0])
    run("approve", "--label", "2026", "--as-of", AS_OF)
    run("versions")
    run("catalogs")
    run("export", "--format", "csv", "-o", tmp_path / "out.csv")
    run("diff", SAMPLE, "linchuan-county@2026", code=1)
    run("log")
    run("verify")
    run("rules")
    twice = tmp_path / "twice.csv"
    twice.write_text("事项编码,事项名称\n001,甲\n001,乙\n", encoding="utf-8")
    run("import", twice, "--catalog", "another", code=2)  # a code given twice
    run("export", "--format", "csv", "-o", tmp_path, code=2)  # -o names a folder
    run("versions", "--format", "yaml", code=2)
    return outputs


ALLOWED = {
    "itemclean", "sha", "csv", "xlsx", "json", "linchuan", "county", "abolish", "keep", "merge", "amend", "undo",
    "override", "reason", "label", "format", "version", "SAMPLE", "code", "decision", "text",
}  # fmt: skip


def _words(text: str, data: set[str]) -> set[str]:
    text = re.sub(
        r"'[^']*'|`[^`]*`|\b[0-9a-f]{16,}\b|\S*[/\\]\S*|\S+\.(csv|xlsx|db|json|toml)\b|--[a-z-]+|\b[a-z]+(-[a-z]+)+\b"
        r"|\b[a-z]+(_[a-z]+)+\b",  # code in backticks, file names, options, rule ids and policy.toml's keys
        " ",
        text,
    )
    return {w for w in WORD.findall(text) if w not in ALLOWED and w.lower() not in ALLOWED and w not in data}


def _data_words() -> set[str]:
    return set(WORD.findall(SAMPLE.read_text(encoding="utf-8-sig")))


def test_the_flow_in_chinese_shows_no_english_word(tmp_path):
    said = "\n".join(_flow(Cli(tmp_path / "t.db", lang="zh"), tmp_path))
    assert _words(said, _data_words()) == set()


def test_the_flow_in_english_shows_no_chinese_outside_the_data(tmp_path):
    said = "\n".join(_flow(Cli(tmp_path / "t.db", lang="en"), tmp_path))
    data = SAMPLE.read_text(encoding="utf-8-sig") + (tmp_path / "out.csv").read_text(encoding="utf-8-sig")
    data += "".join(p.read_text(encoding="utf-8") for p in default_reference().glob("*.toml"))  # the registry's
    data += "".join(en for r in REGISTRY.values() for en in r.texts["en"])  # 《》, 兜底: terms quoted
    data += "".join(en for r in REGISTRY.values() for en in vars(r.doc["en"]).values())  # and in `rules`
    chinese = {m for m in re.findall(r"[\u3400-\u9fff]+", said) if m not in data and "无合法依据" not in m}
    assert chinese == set()


def test_resolved_is_a_boolean_in_json_and_a_word_of_the_language_in_csv(tmp_path):
    cli = Cli(tmp_path / "t.db", lang="zh")
    assert cli("import", SAMPLE).exit_code == 0
    findings = json.loads(cli("audit", "--as-of", AS_OF, "--format", "json").stdout)["findings"]
    code = next(f["code"] for f in findings if f["severity"] == "error")
    assert cli("decide", code, "--abolish", "--reason", "无合法依据").exit_code == 0
    exported = json.loads(cli("export", "--what", "findings", "--format", "json").stdout)
    assert {type(f["resolved"]) for f in exported} == {bool}
    assert {f["resolved"] for f in exported if f["code"] == code} == {True}
    assert False in {f["resolved"] for f in exported}
    for lang, yes, no, head in (("zh", "是", "否", "事项编码"), ("en", "yes", "no", "code")):
        out = tmp_path / f"findings-{lang}.csv"
        assert Cli(cli.db, lang=lang)("export", "--what", "findings", "--format", "csv", "-o", out).exit_code == 0
        rows = list(csv.reader(out.open(encoding="utf-8-sig")))
        assert rows[0][0] == head and len(rows) == len(exported) + 1
        assert {r[-1] for r in rows[1:]} == {yes, no}
        assert {r[-1] for r in rows[1:] if r[0] == code} == {yes}


def _screen_text(app) -> str:
    """What the terminal shows, from the screenshot's text."""
    return " ".join(html.unescape(x) for x in re.findall(r">([^<>]+)</text>", app.export_screenshot()))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_review_screen_speaks_one_language(tmp_path, lang):
    """The table, an item, the abolish and approve dialogs and the help: no English word in zh outside codes,
    rule ids, keys and what is typed in the filter bar; no Chinese in en outside the data."""
    from test_tui_data import ROWS, SIZE, make_app, make_db
    from test_tui_flow import run, settle

    db, ref = make_db(tmp_path)
    shown = []

    async def go():
        app = make_app(db, ref, lang=lang)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            for press in (["enter"], ["escape", "A"], ["escape", "V"], ["escape", "question_mark"]):
                await pilot.press(*press)
                await settle(pilot)
                shown.append(_screen_text(app))

    run(go())
    said = "\n".join(shown)
    data = " ".join(" ".join(r) for r in ROWS)
    if lang == "zh":
        keys = {"Enter", "Esc", "Ctrl", "PgUp", "PgDn", "Home", "End", "Space", "Tab", "Shift", "decide", "log"}
        words = _words(re.sub(r"\b\w+:[\w,]*", " ", said), set(WORD.findall(data)) | keys | TYPED)
        words = {w for w in words if not any(d.startswith(w) for d in WORD.findall(data))}  # data cut to fit
        context = {w: re.findall(".{0,30}" + w + ".{0,10}", said)[:2] for w in words}
        assert words <= {"WORD", "LEVEL"}, context  # status:WORD, sev:LEVEL: the filter's syntax
    else:
        reference = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "ref").glob("*.toml"))
        data += "临川县 审核员甲"  # the catalogue's name and the reviewer are data too
        chinese = {m for m in re.findall(r"[\u3400-\u9fff]+", said) if m not in data and m not in reference}
        assert chinese <= {"市场", "行政许可", "名称", "标准", "依据"}, chinese  # the help's examples


def test_the_log_names_actions_in_words_for_people_and_codes_for_scripts(tmp_path):
    cli = Cli(tmp_path / "t.db", lang="zh")
    assert cli("import", SAMPLE).exit_code == 0
    cli("decide", "0101001", "--abolish", "--reason", "测试", reviewer="张三")
    r = cli("decide", "0101001", "--keep", reviewer="李四")
    assert "0101001: 保留, 替换 张三 于 " in r.output and "作出的 废止" in r.output
    text = cli("log", "0101001").output
    assert "废止" in text and "保留" in text and "abolish" not in text
    assert [d["action"] for d in json.loads(cli("log", "0101001", "--format", "json").stdout)] == ["abolish", "keep"]
    en = Cli(tmp_path / "t.db", lang="en")("log", "0101001").output
    assert "abolish" in en and "废止" not in en


def _help(*args: str, lang: str) -> str:
    env = {**os.environ, "ITEMCLEAN_LANG": lang, "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-m", "itemclean", *args], capture_output=True, text=True, env=env).stdout


ENCODING_HELP = {"zh": "指定 CSV 的编码", "en": "Force the CSV encoding"}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_help_follows_the_language(lang):
    other = "en" if lang == "zh" else "zh"
    assert ENCODING_HELP[lang] in _help("import", "--help", lang=lang)
    assert ENCODING_HELP[other] not in _help("import", "--help", lang=lang)
    assert ENCODING_HELP[other] in _help("--lang", other, "import", "--help", lang=lang)  # --lang wins
    top = _help("--help", lang=lang)
    assert ("数据库文件。" in top) == (lang == "zh") and ("The database file." in top) == (lang == "en")


@pytest.mark.parametrize("lang,page_lang,count", [("zh", "zh-CN", "1 条"), ("en", "en", "1 rows")])
def test_report_pages_follow_the_language(tmp_path, lang, page_lang, count):
    cli = Cli(tmp_path / "t.db", lang=lang)
    assert cli("import", SAMPLE).exit_code == 0
    cli("decide", "0101001", "--abolish", "--reason", "无设定依据")
    page = cli("export", "--what", "decisions", "--format", "html", "--draft").stdout
    assert f'<html lang="{page_lang}">' in page and f'class="meta">{count}<' in page
