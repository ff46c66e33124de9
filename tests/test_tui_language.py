"""The whole review screen in one language: every screen, dialog, notification, the help, the command
palette and the diff, driven with the pilot, show no English word in zh (outside codes, rule ids, file
names and key names) and no Chinese in en outside the data."""

from __future__ import annotations

import io
import re
import shutil

import pytest
from rich.console import Console
from test_language import TYPED, WORD, _words
from test_tui_data import AS_OF, REVIEWER, ROWS, make_app, make_db
from test_tui_flow import run, settle

from itemclean import review
from itemclean.audit import audit_draft
from itemclean.rules import REGISTRY
from itemclean.store import Store
from itemclean.versions import approve

TALL = (130, 80)  # tall enough that the help and the palette show every line
KEYS = {"Enter", "Esc", "Ctrl", "PgUp", "PgDn", "Home", "End", "Space", "Tab", "Shift"}
KEYS |= {"decide", "log"}  # `itemclean decide`, `itemclean log`: commands, as typed
SYNTAX = {"WORD", "LEVEL", "TEXT"}  # status:WORD, sev:LEVEL, dept:TEXT: the filter's syntax, as typed


def screen_text(app) -> str:
    """What the terminal shows, line by line (the screen under a dialog too), as export_screenshot renders it."""
    console = Console(width=app.size.width, height=app.size.height, file=io.StringIO(), record=True)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text()


async def visit(pilot, shown: list[str], *keys: str) -> None:
    await pilot.press(*keys)
    await settle(pilot)
    shown.append(screen_text(pilot.app))


async def every_screen(pilot, shown: list[str]) -> None:
    """The table, the filter, sorting, the item screen and each of its dialogs, help and the palette."""
    await settle(pilot)
    shown.append(screen_text(pilot.app))
    await visit(pilot, shown, "slash", *"rule:fee")  # the filter and its count
    await visit(pilot, shown, "escape", "s")  # sorted: a notification
    await visit(pilot, shown, "S")
    await visit(pilot, shown, "slash", "ctrl+u", *"0201001", "enter")
    await visit(pilot, shown, "enter")  # the item screen
    for key in ("K", "A", "C", "M", "o", "c"):  # each dialog, then Esc
        await visit(pilot, shown, key)
        if key == "M":
            await visit(pilot, shown, *"0201002", "enter", "enter")  # a refusal kept in the dialog
        await visit(pilot, shown, "escape")
    await visit(pilot, shown, "f")  # two fees: which one
    await visit(pilot, shown, "enter")  # the fee's dialog
    await visit(pilot, shown, "escape")
    await visit(pilot, shown, "p")  # no proposal: a notification
    await visit(pilot, shown, "right_square_bracket", "u")  # nothing to undo
    await visit(pilot, shown, "question_mark")
    await visit(pilot, shown, "escape", "ctrl+p")  # the command palette, every command
    await visit(pilot, shown, "escape", "escape", "ctrl+k")  # keep the rest: asks first
    await visit(pilot, shown, "escape", "V")  # approval: what blocks it


def decide_and_approve(db, ref) -> None:
    """Everything decided and approved, then one item edited: the diff has a field change."""
    with Store(db) as s:
        cat = s.catalog(None)
        review.decide(
            s, cat, [c for c in s.codes(cat.id) if not review.state_of(s, cat.id, c).decided], "keep", reviewer=REVIEWER
        )
        for f in s.findings_of(cat.id, None):
            if f.severity == "error":
                review.override(s, cat, f.code, f.rule, reason="测试", reviewer=REVIEWER)
        approve(s, cat, "2026", reviewer=REVIEWER, reference=ref, as_of=AS_OF)
        review.edit(
            s,
            cat,
            "0601001",
            {"notes": "2027年起调整", "promised_limit": "3个工作日", "statutory_limit": "20个工作日"},
            reviewer=REVIEWER,
            reference=ref,
            as_of=AS_OF,
        )


async def after_approval(pilot, shown: list[str]) -> None:
    """The diff screen with a field change under the cursor, its palette, and the approval's label."""
    await settle(pilot)
    await visit(pilot, shown, "d")
    table = pilot.app.screen.query_one("#diff-list")
    table.move_to(next(i for i, e in enumerate(table.entries) if e[1] == "0601001"))
    await visit(pilot, shown)
    await visit(pilot, shown, "ctrl+p")
    await visit(pilot, shown, "escape", "escape", "V")  # nothing blocks: the label


def all_shown(tmp_path, lang: str) -> str:
    db, ref = make_db(tmp_path)
    with Store(db) as s:  # the findings in the language of the screen, as a reviewer's own audit gives them
        audit_draft(s, s.catalog(None), ref, AS_OF, lang=lang)
    shown: list[str] = []

    async def go(then):
        app = make_app(db, ref, lang=lang)
        async with app.run_test(size=TALL) as pilot:
            await then(pilot, shown)

    run(go(every_screen))
    decide_and_approve(db, ref)
    run(go(after_approval))
    return "\n".join(shown)


def test_in_chinese_no_screen_shows_an_english_word(tmp_path):
    said = all_shown(tmp_path, "zh")
    assert "命令面板" in said or "审定目录" in said  # the screens were reached
    data = set(WORD.findall(" ".join(" ".join(r) for r in ROWS)))
    words = _words(re.sub(r"\b\w+:[\w,-]*", " ", said), data | KEYS | TYPED | SYNTAX)
    words = {w for w in words if not any(d.startswith(w) for d in data | set(REGISTRY))}  # cut by a dialog over it
    context = {w: re.findall(".{0,30}" + w + ".{0,10}", said)[:2] for w in words}
    assert words == set(), context


def test_in_english_no_screen_shows_chinese_outside_the_data(tmp_path):
    said = all_shown(tmp_path, "en")
    reference = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "ref").glob("*.toml"))
    data = " ".join(" ".join(r) for r in ROWS) + "临川县 审核员甲 测试 2027年起调整 3个工作日 20个工作日"
    data += "".join(en for r in REGISTRY.values() for en in r.texts["en"])  # 《》, 兜底: terms the rules quote
    chinese = {m for m in re.findall(r"[\u3400-\u9fff]+", said) if m not in data and m not in reference}
    context = {m: re.findall(".{0,30}" + m + ".{0,10}", said)[:2] for m in chinese}
    assert chinese <= {"市场", "行政许可"}, context  # the help's examples of dept: and cat:


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_palette_offers_no_command_of_the_other_language(tmp_path, lang):
    """The palette's commands are ours, in the screen's language: Textual's own English ones are not offered."""
    db, ref = make_db(tmp_path)
    titles: list[str] = []

    async def go():
        app = make_app(db, ref, lang=lang)
        async with app.run_test(size=TALL) as pilot:
            await settle(pilot)
            titles.extend(c.title for c in app.get_system_commands(app.screen))

    run(go())
    assert titles
    if lang == "zh":
        assert not [c for c in titles if set(WORD.findall(c)) - KEYS]  # key names aside
        assert "退出" in titles
    else:
        assert not [c for c in titles if re.search(r"[\u3400-\u9fff]", c)]
        assert "Quit" in titles and "Quit the application" not in titles


def test_findings_of_an_audit_in_the_other_language_are_written_again_in_the_screens(tmp_path):
    """Audited in Chinese from the command line, opened in English: the screen audits again on the same
    date, in English, and its findings are those of an English audit."""
    db, ref = make_db(tmp_path)
    with Store(db) as s:
        audit_draft(s, s.catalog(None), ref, AS_OF, lang="zh")
        in_chinese = s.findings_of(s.catalog(None).id)
    english = tmp_path / "en.db"
    shutil.copy(db, english)
    with Store(english) as s:
        audit_draft(s, s.catalog(None), ref, AS_OF, lang="en")
        in_english = s.findings_of(s.catalog(None).id)
    assert in_english != in_chinese

    async def go():
        app = make_app(db, ref, lang="en")
        async with app.run_test(size=TALL) as pilot:
            await app.workers.wait_for_complete()
            await settle(pilot)

    run(go())
    with Store(db) as s:
        cat = s.catalog(None)
        assert s.findings_of(cat.id) == in_english and s.audited(cat.id) == AS_OF.isoformat()
