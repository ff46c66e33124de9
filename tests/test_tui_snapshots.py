"""Snapshots of the review screen's screens (pytest-textual-snapshot): the table, an item, a dialog,
approval's blockers, the diff and the help. Regenerate with `pytest tests/test_tui_snapshots.py
--snapshot-update` after a deliberate change, and look at the report before accepting it."""

from __future__ import annotations

import datetime as dt

import pytest
from test_tui_data import AS_OF, REVIEWER, SIZE, fixed_clock, make_app, make_db
from test_tui_flow import settle

from itemclean import review
from itemclean.audit import audit_draft
from itemclean.store import Store


@pytest.fixture
def decided(tmp_path, monkeypatch):
    """The test catalogue with a few decisions of each kind, stamped with a fixed time."""
    fixed_clock(monkeypatch)
    db, ref = make_db(tmp_path)
    with Store(db) as s:
        cat = s.catalog(None)
        review.decide(s, cat, ["0101001"], "keep", reviewer=REVIEWER)
        review.decide(s, cat, ["0101003"], "abolish", reason="无设定依据，且已被国务院取消", reviewer=REVIEWER)
        review.decide(s, cat, ["0201004"], "merge", target="0201003", reason="同名事项合并", reviewer=REVIEWER)
        review.decide_fee(s, cat, "0201001", "工本费", reason="自定收费，予以取消", reviewer=REVIEWER)
        review.override(s, cat, "0201001", "materials-catch-all", reason="已责成部门删除兜底条款", reviewer="审核员乙")
        review.decide(s, cat, ["0201001"], "keep", reviewer=REVIEWER)
        review.decide(s, cat, ["0201002"], "amend", reason="承诺时限待压缩", reviewer=REVIEWER)
        review.undo(s, cat, "0201002", reviewer=REVIEWER)
    return db, ref


def audited_in(db, ref, lang: str):
    """The draft audited again on its date in the screen's language, as a reviewer working in it has it
    (opened over an audit in the other language, the screen does this itself, with a notification)."""
    with Store(db) as s:
        cat = s.catalog(None)
        audit_draft(s, cat, ref, dt.date.fromisoformat(s.audited(cat.id)), lang=lang)
    return db, ref


async def workers_done(pilot):
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_main_screen(snap_compare, decided):
    db, ref = decided
    assert snap_compare(make_app(db, ref), terminal_size=SIZE, press=["j", "j", "j", "j"])


def test_main_screen_filtered(snap_compare, decided):
    db, ref = decided
    assert snap_compare(make_app(db, ref), terminal_size=SIZE, press=["slash", *"rule:fee sev:error"])


def test_item_screen(snap_compare, decided):
    db, ref = decided
    assert snap_compare(make_app(db, ref), terminal_size=SIZE, press=["slash", *"0201001", "escape", "enter"])


def test_item_screen_english(snap_compare, decided):
    db, ref = audited_in(*decided, "en")
    assert snap_compare(
        make_app(db, ref, lang="en"), terminal_size=SIZE, press=["slash", *"0301002", "escape", "enter"]
    )


def test_abolish_dialog(snap_compare, decided):
    db, ref = decided
    assert snap_compare(make_app(db, ref), terminal_size=SIZE, press=["slash", *"0501001", "escape", "A"])


def test_approve_dialog_with_blockers(snap_compare, decided):
    db, ref = decided

    async def before(pilot):
        await pilot.press("V")
        await workers_done(pilot)

    assert snap_compare(make_app(db, ref), terminal_size=SIZE, run_before=before)


def test_diff_screen(snap_compare, decided):
    db, ref = decided
    with Store(db) as s:
        cat = s.catalog(None)
        review.decide(
            s, cat, [c for c in s.codes(cat.id) if not review.state_of(s, cat.id, c).decided], "keep", reviewer=REVIEWER
        )
        for code, rule in (
            ("0101002", "basis-repealed"),
            ("0201002", "limit-promise-exceeds-statutory"),
            ("0301001", "fee-above-standard"),
            ("0401002", "department-missing"),
            ("0501001", "basis-cannot-set"),
            ("0501001", "materials-missing"),
        ):
            review.override(s, cat, code, rule, reason="测试", reviewer=REVIEWER)
        from itemclean.versions import approve

        approve(s, cat, "2026", reviewer=REVIEWER, reference=ref, as_of=AS_OF)
        review.edit(
            s,
            cat,
            "0601001",
            {"notes": "2027年起调整", "promised_limit": "3个工作日"},
            reviewer=REVIEWER,
            reference=ref,
            as_of=AS_OF,
        )

    async def before(pilot):
        await pilot.press("d")
        await workers_done(pilot)
        table = pilot.app.screen.query_one("#diff-list")
        table.move_to(next(i for i, e in enumerate(table.entries) if e[1] == "0601001"))
        await pilot.pause()

    assert snap_compare(make_app(db, ref), terminal_size=SIZE, run_before=before)


def test_help_screen(snap_compare, decided):
    db, ref = decided
    assert snap_compare(make_app(db, ref), terminal_size=SIZE, press=["question_mark"])


# --- the 广安 list's 55-character codes at three terminal sizes (issue 12) ---------------------------


@pytest.fixture
def guangan(tmp_path, monkeypatch):
    from test_tui_layout import GUANGAN, guangan_db

    if not GUANGAN.exists():
        pytest.skip("../shared/realdata is not beside the checkout")
    fixed_clock(monkeypatch)
    db, ref = guangan_db(tmp_path)
    with Store(db) as s:
        cat = s.catalog(None)
        first, second = s.codes(cat.id)[:2]
        review.decide(s, cat, [first], "abolish", reason="已并入投资项目在线审批", reviewer=REVIEWER)
        review.decide(s, cat, [second], "keep", reviewer=REVIEWER)
    return db, ref


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (160, 45)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_guangan_main_screen(snap_compare, guangan, size):
    db, ref = guangan
    assert snap_compare(make_app(db, ref), terminal_size=size, press=["j", "j", "j"])


def test_guangan_abolish_dialog_80x24(snap_compare, guangan):
    db, ref = guangan
    assert snap_compare(make_app(db, ref), terminal_size=(80, 24), press=["j", "j", "A"])


def test_guangan_merge_by_name_80x24(snap_compare, guangan):
    db, ref = guangan
    assert snap_compare(make_app(db, ref), terminal_size=(80, 24), press=["j", "j", "M", *"学生资助"])


def test_guangan_item_screen_80x24(snap_compare, guangan):
    db, ref = guangan
    assert snap_compare(make_app(db, ref), terminal_size=(80, 24), press=["j", "j", "enter"])


@pytest.mark.parametrize(
    "keys", [["K"], ["c"], ["V"], ["question_mark"], ["d"]], ids=["keep", "edit", "approve", "help", "diff"]
)
def test_guangan_dialogs_and_screens_80x24(snap_compare, guangan, keys):
    """Keep with unresolved errors, the edit dialog, approval's blockers (short codes, one line each), the help
    and the diff: each fits 80×24 with its buttons on screen."""
    db, ref = guangan

    async def before(pilot):
        await pilot.press("j", "j", *keys)
        await settle(pilot)  # the keep and the edit wait on their dialog: only the others' work is waited for

    assert snap_compare(make_app(db, ref), terminal_size=(80, 24), run_before=before)


def test_guangan_main_screen_english_80x24(snap_compare, guangan):
    db, ref = audited_in(*guangan, "en")
    assert snap_compare(make_app(db, ref, lang="en"), terminal_size=(80, 24), press=["j", "j", "j"])
