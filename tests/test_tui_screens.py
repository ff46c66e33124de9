"""The screens talk through messages and dismiss results: the diff opens an item through the app, the
dialogs' OK and Cancel buttons (one handler for all of them) submit and dismiss."""

from __future__ import annotations

from test_tui_data import REVIEWER, SIZE, make_app, make_db
from test_tui_flow import decisions, run, settle
from test_tui_language import decide_and_approve

from itemclean import review
from itemclean.store import Store


def test_enter_on_the_diff_opens_the_item_and_the_table_follows(tmp_path):
    db, ref = make_db(tmp_path)
    decide_and_approve(db, ref)  # approved, then 0601001 edited

    async def go():
        app = make_app(db, ref)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("slash", *"0101001", "enter")  # a filter that hides the item
            await settle(pilot)
            await pilot.press("d")
            await settle(pilot)
            table = app.screen.query_one("#diff-list")
            table.move_to(next(i for i, e in enumerate(table.entries) if e[1] == "0601001"))
            await pilot.press("enter")
            await settle(pilot)
            assert app.screen.__class__.__name__ == "DetailScreen" and app.screen.code == "0601001"
            await pilot.press("escape")
            await settle(pilot)
            assert app.screen.query_one("#filter").value == ""  # the filter hid it: cleared
            assert app.screen.query_one("#items").current().code == "0601001"

    run(go())


def test_the_dialog_buttons_submit_and_cancel(tmp_path):
    db, ref = make_db(tmp_path)

    async def go():
        app = make_app(db, ref)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("slash", *"0601001", "enter", "A")
            await settle(pilot)
            await pilot.click("#cancel")
            await settle(pilot)
            assert app.screen.__class__.__name__ == "MainScreen"
            await pilot.press("A", "ctrl+u", *"无依据")
            await pilot.click("#ok")
            await settle(pilot)
            assert app.screen.__class__.__name__ == "MainScreen"
            await pilot.press("c")  # the edit dialog: Cancel, then OK on a change
            await settle(pilot)
            await pilot.click("#cancel")
            await settle(pilot)
            assert app.screen.__class__.__name__ == "MainScreen"
            await pilot.press("c")
            await settle(pilot)
            app.screen.query_one("#value").text = "《中华人民共和国民办教育促进法》第十三条"
            await pilot.click("#ok")
            await settle(pilot)
            assert app.screen.__class__.__name__ == "MainScreen"

    run(go())
    assert [(d[0], d[1], d[2]) for d in decisions(db)][:1] == [("0601001", "abolish", "无依据")]
    with Store(db) as s:
        assert s.get_item(s.catalog(None).id, "0601001").cell("basis") == "《中华人民共和国民办教育促进法》第十三条"


def test_an_abolished_item_is_not_offered_as_a_merge_target_and_typing_it_keeps_the_dialog(tmp_path):
    db, ref = make_db(tmp_path)
    with Store(db) as s:
        review.decide(s, s.catalog(None), ["0101003"], "abolish", reason="已取消", reviewer=REVIEWER)

    async def go():
        app = make_app(db, ref)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("slash", *"0101001", "enter", "M", *"01010")
            await settle(pilot)
            assert "0101002" in app.screen.offered and "0101003" not in app.screen.offered
            await pilot.press("0", "3", "enter", *"同类事项", "enter")
            await settle(pilot)
            assert app.screen.__class__.__name__ == "DecisionDialog"
            assert "已废止" in str(app.screen.query_one("#dialog-error").render())
            assert app.screen.query_one("#reason").value == "同类事项"

    run(go())
    assert decisions(db) == [("0101003", "abolish", "已取消", REVIEWER, None, None, None)]
