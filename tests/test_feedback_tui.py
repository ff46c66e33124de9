"""A department's proposed edits settled in the review screen, through the same functions as `decide --accept-edit`."""

from __future__ import annotations

from openpyxl import load_workbook
from test_tui_data import REVIEWER, ROWS, SIZE, make_app, make_db
from test_tui_flow import only, run, settle

from itemclean import review
from itemclean.feedback import COL_FIELD, COL_ROW, import_feedback, proposals, write_feedback
from itemclean.store import Store

CODE, DEPARTMENT = ROWS[0][0], ROWS[0][2]


def test_proposed_edits_accepted_and_rejected_by_key(tmp_path):
    db, ref = make_db(tmp_path)
    with Store(db) as store:
        cat = store.catalog(None)
        write_feedback(store, cat, tmp_path / "fb", department=DEPARTMENT)
        (path,) = (tmp_path / "fb").iterdir()
        wb = load_workbook(path)
        ws = wb.active
        row = next(r for r in range(4, ws.max_row + 1) if ws.cell(r, 2).value == CODE)
        assert ws.cell(row + 1, COL_ROW).value == "更正"
        ws.cell(row + 1, COL_FIELD["promised_limit"], "1个工作日")
        ws.cell(row + 1, COL_FIELD["notes"], "部门补充说明")
        wb.save(path)
        assert import_feedback(store, cat, [path]).edits == 2

    async def go():
        app = make_app(db, ref)
        async with app.run_test(size=SIZE) as pilot:
            await only(pilot, CODE)
            await settle(pilot)
            await pilot.press("p")  # two waiting: the first is the promised limit
            await settle(pilot)
            await pilot.press("enter")  # that one
            await settle(pilot)
            await pilot.press("enter")  # accept
            await settle(pilot)
            await pilot.press("p")  # one left: straight to accept or reject
            await settle(pilot)
            await pilot.press("down", "enter")  # reject
            await settle(pilot)

    run(go())
    with Store(db) as store:
        cat = store.catalog(None)
        item = store.get_item(cat.id, CODE)
        assert item.promised_limit.text == "1个工作日" and item.notes != "部门补充说明"
        log = store.decisions(cat.id, CODE)
        assert [(d.action, d.field, d.reviewer) for d in log if d.action.endswith("-edit")] == [
            ("accept-edit", "promised_limit", REVIEWER),
            ("reject-edit", "notes", REVIEWER),
        ]
        assert review.state_of(store, cat.id, CODE).status == "amend"
        assert proposals(store.decisions(cat.id, CODE, effective=True)) == {}
