"""The review screen driven by keys through Textual's Pilot, headless: what the keys do reaches the
database through the same functions as `itemclean decide`, so the command line's `log` shows it."""

from __future__ import annotations

import asyncio
import io

import pytest
from rich.cells import cell_len
from test_tui_data import AS_OF, REVIEWER, ROWS, SIZE, make_app, make_db

from itemclean import review
from itemclean.messages import t
from itemclean.store import Store

SAMPLE_CODES = [r[0] for r in ROWS]


def run(coro):
    return asyncio.run(coro)


@pytest.fixture
def env(tmp_path):
    db, ref = make_db(tmp_path)
    return db, ref


def decisions(db, code=None):
    with Store(db) as s:
        return [
            (d.code, d.action, d.reason, d.reviewer, d.fee, d.rule, d.target)
            for d in s.decisions(s.catalog(None).id, code)
        ]


def state(db, code):
    with Store(db) as s:
        return review.state_of(s, s.catalog(None).id, code)


async def settle(pilot):
    """Let the keys take effect and the background work (audit, approval, diff) finish; an action that
    waits on its dialog stays pending."""
    await pilot.pause()
    busy = [w for w in pilot.app.workers if w.group != "item-action" and not w.is_finished]
    if busy:
        await pilot.app.workers.wait_for_complete(busy)
    await pilot.pause()


async def only(pilot, text):
    """Put text in the filter bar (as typing it would) and go back to the table."""
    await pilot.press("slash")
    pilot.app.screen.query_one("#filter").value = text
    await pilot.press("escape")


async def keep(pilot):
    """K, confirmed when the item has unresolved errors (keeping it then asks first)."""
    await pilot.press("K")
    await settle(pilot)
    if pilot.app.screen.__class__.__name__ == "DecisionDialog":
        await pilot.press("enter")
        await settle(pilot)


def table_codes(app):
    return [app.items.row(i).code for i in range(len(app.items))]


def test_keep_by_key_then_the_database_and_the_log_hold_it(env, cli):
    db, ref = env

    async def go():
        app = make_app(db, ref)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("j", "j", "K")  # the third item: it has unresolved errors, so keeping it asks
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)
            row = app.screen.query_one("#items").current()
            assert row.code == SAMPLE_CODES[2] and row.status == "keep"
            assert "已决定 1 / 16" in rendered(app.screen.query_one("#summary"))

    run(go())
    assert decisions(db) == [(SAMPLE_CODES[2], "keep", "", REVIEWER, None, None, None)]
    cli.db = db
    out = cli("log").stdout
    assert SAMPLE_CODES[2] in out and "keep" in out and REVIEWER in out


def test_abolish_asks_a_reason_filled_in_from_the_finding(env):
    db, ref = env

    async def go():
        app = make_app(db, ref)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("slash", *"户外", "enter", "A")
            await settle(pilot)
            reason = app.screen.query_one("#reason")
            assert reason.value  # the item-cancelled / basis-missing message
            await pilot.press("ctrl+u", *"无设定依据", "enter")
            await settle(pilot)

    run(go())
    assert decisions(db) == [("0101003", "abolish", "无设定依据", REVIEWER, None, None, None)]


def test_a_reason_is_required_and_escape_cancels(env):
    db, ref = env

    async def go():
        app = make_app(db, ref)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("C")  # amend: a reason is required
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)
            assert "必须填写理由" in rendered(app.screen.query_one("#dialog-error"))
            await pilot.press("escape")
            await settle(pilot)
            assert app.screen.__class__.__name__ == "MainScreen"

    run(go())
    assert decisions(db) == []


def test_merge_asks_the_target_then_the_reason(env):
    db, ref = env

    async def go():
        app = make_app(db, ref)
        async with app.run_test(size=SIZE) as pilot:
            await only(pilot, "0201004")
            await pilot.press("M")
            await settle(pilot)
            await pilot.press(*"0201003", "enter", *"同名事项合并", "enter")
            await settle(pilot)

    run(go())
    assert decisions(db) == [("0201004", "merge", "同名事项合并", REVIEWER, None, None, "0201003")]


def test_merge_into_an_unknown_code_is_not_recorded(env):
    db, ref = env

    async def go():
        app = make_app(db, ref)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("M")
            await settle(pilot)
            await pilot.press(*"9999999", "enter", *"r", "enter")
            await settle(pilot)
            # the dialog stays open, says why, and keeps the reason typed
            assert "9999999" in str(app.screen.query_one("#dialog-error").render())
            assert app.screen.query_one("#reason").value == "r"
            await pilot.press("escape")
            await settle(pilot)

    run(go())
    assert decisions(db) == []


def test_filter_then_the_table_holds_only_the_matches(env):
    db, ref = env

    async def go():
        app = make_app(db, ref)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("slash", *"消防")  # typed: the table follows each key
            assert table_codes(app) == ["0201003", "0201004"]
            assert "2 / 16 项" in rendered(app.screen.query_one("#matches"))
            bar = app.screen.query_one("#filter")
            for text, codes in [
                ("dept:自然资源", ["0301001", "0301002"]),
                ("rule:fee sev:error", ["0201001", "0301001"]),
                ("0401 status:undecided", ["0401001", "0401002"]),
            ]:
                bar.value = text  # as if typed: the same Changed event
                await pilot.pause()
                assert table_codes(app) == codes, text
            bar.value = "rule:fee sev:error"
            await pilot.pause()
            await pilot.press("escape")
            assert app.focused.id == "items"
            await keep(pilot)  # keys act on the table again
            await settle(pilot)
            for text, check in [
                ("status:keep", lambda c: c == ["0201001"]),
                ("status:todo", lambda c: "0201001" not in c and len(c) == 15),
                ("nothing-matches-this", lambda c: c == []),
            ]:
                bar.value = text
                await pilot.pause()
                assert check(table_codes(app)), text
            await pilot.press("escape", "K")  # on an empty table: nothing happens
            await settle(pilot)

    run(go())
    assert [d[0] for d in decisions(db)] == ["0201001"]


def test_undo_reverses_the_latest_decision(env):
    db, ref = env

    async def go():
        app = make_app(db, ref)
        async with app.run_test(size=SIZE) as pilot:
            await keep(pilot)
            await settle(pilot)
            assert app.screen.query_one("#items").current().status == "keep"
            await pilot.press("u")
            await settle(pilot)
            assert app.screen.query_one("#items").current().status == "undecided"
            await pilot.press("u")  # nothing left: refused, nothing written
            await settle(pilot)

    run(go())
    assert [d[1] for d in decisions(db)] == ["keep", "undo"]
    assert state(db, SAMPLE_CODES[0]).status is None


def test_a_decision_on_an_item_changed_meanwhile_is_refused(env):
    db, ref = env

    async def go():
        app = make_app(db, ref)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()  # the first row is shown
            with Store(db) as other:  # another reviewer decides it
                review.decide(
                    other, other.catalog(None), [SAMPLE_CODES[0]], "abolish", reason="另一人的决定", reviewer="乙"
                )
            await keep(pilot)
            await settle(pilot)
            messages = [str(n.message) for n in app._notifications]
            assert any("事项在载入后已被更改" in m for m in messages)
            # the row now shows the other reviewer's decision, so a second K is deliberate and goes through
            assert app.screen.query_one("#items").current().status == "abolish"
            await keep(pilot)
            await settle(pilot)

    run(go())
    assert [(d[1], d[3]) for d in decisions(db)] == [("abolish", "乙"), ("keep", REVIEWER)]


def test_fee_flag_and_unflag(env):
    db, ref = env

    async def go():
        app = make_app(db, ref)
        async with app.run_test(size=SIZE) as pilot:
            await only(pilot, "0201001")
            await pilot.press("f")
            await settle(pilot)
            await pilot.press("down", "enter")  # the second fee: 工本费
            await settle(pilot)
            assert "自定收费" in app.screen.query_one("#reason").value
            await pilot.press("enter")
            await settle(pilot)
            assert app.screen.query_one("#items").current().fees_flagged == 1
            await pilot.press("f")
            await settle(pilot)
            await pilot.press("down", "enter")  # flagged: Enter takes the flag back
            await settle(pilot)
            assert app.screen.query_one("#items").current().fees_flagged == 0

    run(go())
    assert [(d[1], d[4]) for d in decisions(db)] == [("remove-fee", "工本费"), ("keep-fee", "工本费")]


def test_override_a_finding_with_a_reason(env):
    db, ref = env

    async def go():
        app = make_app(db, ref)
        async with app.run_test(size=SIZE) as pilot:
            await only(pilot, "0201002")
            await pilot.press("o")  # one open finding: no choice to make
            await settle(pilot)
            await pilot.press(*"经核实承诺时限另有规定", "enter")
            await settle(pilot)
            row = app.screen.query_one("#items").current()
            assert row.errors == 1 and row.open_errors == 0

    run(go())
    assert [(d[1], d[5], d[2]) for d in decisions(db)] == [
        ("override", "limit-promise-exceeds-statutory", "经核实承诺时限另有规定")
    ]


def test_change_a_field_records_an_amendment_and_re_audits(env):
    db, ref = env

    async def go():
        app = make_app(db, ref)
        async with app.run_test(size=SIZE) as pilot:
            await only(pilot, "0201002")
            await pilot.press("c")
            await settle(pilot)
            app.screen.query_one("#field").value = "promised_limit"
            await pilot.pause()
            app.screen.query_one("#value").text = "10个工作日"
            await pilot.press("ctrl+s")
            await settle(pilot)
            row = app.screen.query_one("#items").current()
            assert row.status == "amend" and row.errors == 0

    run(go())
    assert [d[1] for d in decisions(db)] == ["edit", "amend"]
    with Store(db) as s:
        assert s.get_item(s.catalog(None).id, "0201002").promised_limit.days == 10


def test_jumps_to_the_next_undecided_and_the_next_item_with_errors(env):
    db, ref = env
    with Store(db) as s:
        review.decide(s, s.catalog(None), SAMPLE_CODES[:3], "keep", reviewer=REVIEWER)

    async def go():
        app = make_app(db, ref)
        async with app.run_test(size=SIZE) as pilot:
            table = app.screen.query_one("#items")
            await pilot.press("n")
            assert table.current().code == SAMPLE_CODES[3]
            await pilot.press("N")  # wraps around to the last undecided
            assert table.current().code == SAMPLE_CODES[-1]
            await pilot.press("g", "e")
            assert table.current().code == "0101002"  # kept, but its error is open
            await pilot.press("e")
            assert table.current().code == "0101003"
            await pilot.press("E")
            assert table.current().code == "0101002"
            await pilot.press("G")
            assert table.cursor == len(ROWS) - 1

    run(go())


def test_reload_shows_another_reviewers_decisions_and_audit_reruns_the_rules(env):
    db, ref = env

    async def go():
        app = make_app(db, ref)
        async with app.run_test(size=SIZE) as pilot:
            with Store(db) as other:
                cat = other.catalog(None)
                review.decide(other, cat, ["0101001"], "keep", reviewer="乙")
                other.replace_item_findings(cat.id, "0101003", [], AS_OF.isoformat())  # as if audited by older rules
            await pilot.press("r")
            await settle(pilot)
            assert app.screen.query_one("#items").current().status == "keep"
            assert app.items.summary.decided == 1
            errors = app.items.summary.severities["error"]
            await pilot.press("R")  # audit again: the findings come back
            await settle(pilot)
            assert app.items.summary.severities["error"] == errors + 2
            assert any("审查基准日 2026-12-02" in str(n.message) for n in app._notifications)

    run(go())


def test_other_reviewers_writes_show_without_asking(env):
    db, ref = env

    async def go():
        app = make_app(db, ref, poll_seconds=0.05)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("enter")  # on the item screen
            await settle(pilot)
            with Store(db) as other:
                review.decide(
                    other, other.catalog(None), [SAMPLE_CODES[0]], "abolish", reason="乙的决定", reviewer="乙"
                )
            await pilot.pause(0.3)
            assert app.screen.facts.state.status == "abolish"
            await pilot.press("escape")
            assert app.screen.query_one("#items").current().status == "abolish"
            await keep(pilot)  # shown, so a decision on it goes through
            await settle(pilot)

    run(go())
    assert [(d[1], d[3]) for d in decisions(db)] == [("abolish", "乙"), ("keep", REVIEWER)]


def test_item_screen_shows_the_item_whole_and_acts_on_it(env):
    db, ref = env

    async def go():
        app = make_app(db, ref, lang="en")
        async with app.run_test(size=SIZE) as pilot:
            await only(pilot, "0201001")
            await pilot.press("enter")
            await settle(pilot)
            assert app.screen.__class__.__name__ == "DetailScreen"
            text = rendered(app.screen.query_one("#item-sections"))
            for expected in (
                "城市道路管理条例",
                "administrative regulation",
                "1996-10-01",
                "挖掘申请表",
                "其他材料",
                "20个工作日",
                "promise is 60% shorter",
                "城市道路挖掘修复费",
                "江岭省行政事业性",
                "30元/平方米",
                "not in any catalogue",
                "fee-not-in-catalogue",
                "flag the fee for removal",
                "no decisions yet",
            ):
                assert expected in text, expected
            assert "not understood" not in text  # both limits are read
            await keep(pilot)
            await settle(pilot)
            text = rendered(app.screen.query_one("#item-sections"))
            assert "keep" in text and REVIEWER in text  # the history shows the decision
            await pilot.press("right_square_bracket")  # only one item in the filtered table
            await pilot.press("escape")
            assert app.screen.__class__.__name__ == "MainScreen"
            assert app.screen.query_one("#items").current().status == "keep"

    run(go())


def test_item_screen_shows_unknown_instruments_and_repealed_ones(env):
    db, ref = env

    async def go():
        app = make_app(db, ref, lang="en")
        async with app.run_test(size=SIZE) as pilot:
            await only(pilot, "0301002")
            await pilot.press("enter")
            await settle(pilot)
            text = rendered(app.screen.query_one("#item-sections"))
            assert "unknown" in text and "not in the registry" in text and "not understood" in text
            await pilot.press("escape")
            await only(pilot, "0101002")
            await pilot.press("enter")
            await settle(pilot)
            text = rendered(app.screen.query_one("#item-sections"))
            assert "repealed 2009-06-01" in text and "1995-10-30" in text

    run(go())


def test_item_screen_moves_through_the_table(env):
    db, ref = env

    async def go():
        app = make_app(db, ref)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("enter")
            await settle(pilot)
            assert app.screen.code == SAMPLE_CODES[0]
            await pilot.press("right_square_bracket", "right_square_bracket")
            assert app.screen.code == SAMPLE_CODES[2]
            await pilot.press("left_square_bracket")
            assert app.screen.code == SAMPLE_CODES[1]
            await keep(pilot)
            await pilot.press("n")  # keep it, then the next undecided
            await settle(pilot)
            assert app.screen.code == SAMPLE_CODES[2]
            await pilot.press("escape")
            assert app.screen.query_one("#items").current().code == SAMPLE_CODES[2]

    run(go())
    assert decisions(db)[0][:2] == (SAMPLE_CODES[1], "keep")


def test_item_screen_on_a_filtered_list_moves_on_from_a_decided_item(env):
    db, ref = env

    async def go():
        app = make_app(db, ref)
        async with app.run_test(size=SIZE) as pilot:
            await only(pilot, "status:todo dept:住房")
            await pilot.press("enter")
            await keep(pilot)  # it leaves the list of items to decide
            await settle(pilot)
            assert app.screen.code == "0201001" and "0201001" not in table_codes(app)
            await pilot.press("right_square_bracket")  # the item that took its place
            assert app.screen.code == "0201002"
            await keep(pilot)
            await pilot.press("n")
            await settle(pilot)
            assert app.screen.code == "0201003"

    run(go())


def test_item_text_is_shown_literally_and_cjk_columns_align(env):
    db, ref = env

    async def go():
        app = make_app(db, ref)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            table = app.screen.query_one("#items")
            lines = [table.render_line(y).text for y in range(1, len(ROWS) + 1)]
            markup = next(line for line in lines if "0101004" in line)
            assert "[bold]特种设备[/bold]使用登记" in markup  # markup in data is data
            starts = set()
            for line in lines:  # the status column starts at one cell offset
                for word in ("未决定",):
                    at = line.index(word)
                    starts.add(cell_len(line[:at]))
            assert len(starts) == 1
            assert {cell_len(line) for line in lines} == {table.scrollable_content_region.width}
            await only(pilot, "0101004")
            await pilot.press("enter")
            await settle(pilot)
            text = rendered(app.screen.query_one("#item-sections"))
            assert "\\x1b[31m" in text and "\\x07" in text and "\x1b" not in text

    run(go())


def test_sort_keys_and_header_click(env):
    db, ref = env

    async def go():
        app = make_app(db, ref)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("s")  # by code
            assert table_codes(app) == sorted(SAMPLE_CODES)
            await pilot.press("S")
            assert table_codes(app) == sorted(SAMPLE_CODES, reverse=True)
            table = app.screen.query_one("#items")
            x = sum(w + 1 for w in table.widths(table.scrollable_content_region.width)[:5]) + 1  # the Err column
            await pilot.click("#items", offset=(x, 0))
            await pilot.pause()
            errs = [table.items.row(i).errors for i in range(table.row_count)]
            assert errs == sorted(errs, reverse=True) and app.items.query.sort == "errors"
            await pilot.click("#items", offset=(3, 3))  # a click selects the third row
            assert table.cursor == 2
            await pilot.click("#items", offset=(3, 3))  # a second click opens it
            await settle(pilot)
            assert app.screen.__class__.__name__ == "DetailScreen"

    run(go())


def test_help_lists_every_key_and_the_palette_offers_the_actions(env):
    db, ref = env
    from itemclean.tui import keys

    async def go():
        app = make_app(db, ref)
        async with app.run_test(size=SIZE) as pilot:
            titles = [c.title for c in app.get_system_commands(app.screen)]
            for k in keys.ITEM + keys.MAIN + keys.APP:
                if k.palette:
                    assert t("key:" + k.description, app.lang) in titles, k.description  # in the screen's language
            await pilot.press("question_mark")
            await settle(pilot)
            assert app.screen.__class__.__name__ == "HelpScreen"
            text = rendered(app.screen.query_one("#help").query("Static").last())
            for _, table in keys.HELP_SECTIONS:
                for k in table:  # in the screen's language
                    assert t("key:" + k.description, app.lang) in text, k.description
            assert "status:WORD" in text and "rule:ID" in text
            await pilot.press("escape")
            assert app.screen.__class__.__name__ == "MainScreen"
            await pilot.press("ctrl+p")  # the command palette runs an action
            await settle(pilot)
            await pilot.press(*t("key:keep the item", app.lang))
            await pilot.pause(0.3)
            await pilot.press("enter")
            await settle(pilot)

    run(go())
    assert [d[1] for d in decisions(db)] == ["keep"]


def test_from_nothing_to_an_approved_version_and_a_diff(env):
    """Abolish, flag fees, override, keep the rest, approve after seeing the blockers, then compare."""
    db, ref = env

    async def go():
        app = make_app(db, ref)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("V")  # what blocks approval?
            await settle(pilot)
            dialog = app.screen
            assert dialog.__class__.__name__ == "ApproveDialog" and len(dialog.blockers) == len(ROWS)
            await pilot.press("down", "down", "enter")  # opens the third blocker
            await settle(pilot)
            assert app.screen.__class__.__name__ == "DetailScreen" and app.screen.code == SAMPLE_CODES[2]
            await pilot.press("escape")
            assert app.screen.query_one("#items").current().code == SAMPLE_CODES[2]
            await only(pilot, "dept:自然资源")  # a blocker the filter hides: cleared
            await pilot.press("V")
            await settle(pilot)
            await pilot.press("down", "enter")
            await settle(pilot)
            assert app.screen.code == SAMPLE_CODES[1] and len(app.items) == len(ROWS)
            await pilot.press("escape")
            assert app.screen.query_one("#items").current().code == SAMPLE_CODES[1]
            for code, keys_ in [
                ("0101003", ["A", "enter"]),
                ("0201004", ["M", *"0201003", "enter", "r", "enter"]),
                ("0101002", ["A", *"依据已废止", "enter"]),
                ("0201001", ["f", "down", "enter", "enter", "o", "r", "enter"]),
                ("0201002", ["o", "r", "enter"]),
                ("0301001", ["f", "enter"]),
                ("0401002", ["o", "r", "enter"]),
                ("0501001", ["A", "r", "enter"]),
            ]:
                await only(pilot, code)
                await pilot.press(*keys_)
            await only(pilot, "status:todo")
            while app.screen.query_one("#items").row_count:  # keep what remains, one key an item
                await keep(pilot)
            await pilot.press("V")
            await settle(pilot)
            assert app.screen.blockers == []
            await pilot.press(*"2026", "enter")
            await settle(pilot)
            assert "已批准 2026" in rendered(app.screen.query_one("#approve-status"))
            await pilot.press("enter")  # Done
            await settle(pilot)
            assert "已审定1版" in rendered(app.screen.query_one("#summary"))
            # an amendment after approval shows in the diff against the version
            await only(pilot, "0601001")
            await pilot.press("c")
            await settle(pilot)
            app.screen.query_one("#field").value = "notes"
            await pilot.pause()
            app.screen.query_one("#value").text = "2027年起调整"
            await pilot.press("ctrl+s")
            await settle(pilot)
            await pilot.press("d")
            await settle(pilot)
            diff = {(e[0], e[1]) for e in app.screen.query_one("#diff-list").entries}
            # against the version, the draft as it would publish now: only the amendment differs
            assert diff == {("changed", "0601001")}
            app.screen.query_one("#side-b").value = "raw"
            await settle(pilot)
            raw = {(e[0], e[1]) for e in app.screen.query_one("#diff-list").entries}
            # the draft as imported still holds what the version leaves out: abolished and merged items, removed fees
            assert raw == {("added", c) for c in ("0101002", "0101003", "0201004", "0501001")} | {
                ("changed", c) for c in ("0201001", "0301001", "0601001")
            }
            app.screen.query_one("#side-b").value = "draft"
            await settle(pilot)
            await pilot.press("slash")  # not the filter here: nothing happens
            table = app.screen.query_one("#diff-list")
            table.move_to(next(i for i, e in enumerate(table.entries) if e[1] == "0601001"))
            await pilot.pause()
            assert "2027年起调整" in rendered(app.screen.query_one("#diff-change"))

    run(go())
    with Store(db) as s:
        cat = s.catalog(None)
        assert [v.label for v in s.versions(cat.id)] == ["2026"]
        published = {i.code for i in s.version_items(s.versions(cat.id)[0].id)}
        assert published == set(SAMPLE_CODES) - {"0101003", "0201004", "0101002", "0501001"}
        fees = {i.code: [f.name for f in i.fees] for i in s.version_items(s.versions(cat.id)[0].id)}
        assert fees["0201001"] == ["城市道路挖掘修复费"]
    assert AS_OF.isoformat() == "2026-12-02"


def rendered(widget) -> str:
    """The text a Static shows, printed wide enough that no cell of a table wraps."""
    from rich.console import Console

    console = Console(width=220, record=True, file=io.StringIO(), color_system=None)
    console.print(widget.content)
    return console.export_text()


def test_bulk_keep_leaves_items_waiting_for_rereview(tmp_path):
    """Ctrl+K keeps only what no one has decided: an abolish waiting for re-review after a re-import stays."""
    from test_tui_data import write_catalogue

    from itemclean.importing import import_files

    db, ref = make_db(tmp_path)
    first, second = SAMPLE_CODES[0], SAMPLE_CODES[1]
    with Store(db) as s:
        cat = s.catalog(None)
        review.decide(s, cat, [first], "abolish", reviewer="张三", reason="无设定依据")
        changed = [list(r) for r in ROWS]
        changed[0][1] = changed[0][1] + "（变更）"
        import_files(s, [write_catalogue(tmp_path / "临川县.csv", changed)], reviewer="张三")
    assert state(db, first).stale

    async def go():
        app = make_app(db, ref, reviewer="李四")
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("ctrl+k")
            await settle(pilot)
            shown = str(app.screen.query_one("#dialog-about").render())
            await pilot.press("enter")
            await settle(pilot)
            return shown

    about = run(go())
    s1 = state(db, first)
    assert (s1.status, s1.reviewer, s1.stale) == ("abolish", "张三", True)
    assert state(db, second).status == "keep"
    assert "待复核" in about
