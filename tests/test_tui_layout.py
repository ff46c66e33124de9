"""The review screen at 80×24 with real 55-character codes (the 广安 list), names in pinyin order, the
merge dialog's targets, keep's confirmation and the header's counts after a decision (issue 12, 3–5)."""

from __future__ import annotations

import csv

import pytest
from conftest import REALDATA
from test_tui_data import AS_OF, REVIEWER, ROWS, make_app, make_db, write_catalogue, write_reference
from test_tui_flow import decisions, only, run, settle
from textual.geometry import Region

from itemclean.store import Store
from itemclean.store.browse import BrowseQuery
from itemclean.tui.codes import short_codes
from itemclean.tui.flow import Flow

GUANGAN = REALDATA / "sichuan-guangan-511602-items.csv"
needs_realdata = pytest.mark.skipif(not GUANGAN.exists(), reason="../shared/realdata is not beside the checkout")
SMALL = (80, 24)


def guangan_codes() -> list[str]:
    with GUANGAN.open(encoding="utf-8-sig", newline="") as f:
        return [r["item_code"] for r in csv.DictReader(f)]


def guangan_db(tmp_path):
    """The 广安 list imported as `import --map code=item_code` does, audited as of AS_OF."""
    from itemclean.audit import audit_draft
    from itemclean.importing import import_files
    from itemclean.rules import load_reference

    ref = load_reference(write_reference(tmp_path / "ref"))
    db = tmp_path / "guangan.db"
    with Store(db) as store:
        r = import_files(store, [GUANGAN], aliases={"code": "item_code"}, reviewer=REVIEWER)
        audit_draft(store, store.catalog(r.catalog), ref, AS_OF, lang="zh")
    return db, ref


def lines_of(widget) -> list[str]:
    """The lines a widget shows on screen, as text."""
    strips = widget.render_lines(Region(0, 0, widget.size.width, widget.size.height))
    return ["".join(seg.text for seg in strip).rstrip() for strip in strips]


async def press_on(pilot, code: str, key: str) -> None:
    """Show only the item with this code, then press key on it."""
    await only(pilot, code)
    await pilot.press(key)
    await settle(pilot)


def on_screen(app, selector: str) -> bool:
    """The widget is wholly inside the terminal (a button one can see and click)."""
    w = app.screen.query_one(selector)
    return w.region.area > 0 and Region(0, 0, *app.size).contains_region(w.region)


# --- short codes -------------------------------------------------------------------------------------


@needs_realdata
def test_the_guangan_codes_are_shortened_and_still_told_apart():
    codes = guangan_codes()
    short = short_codes(codes)
    shown = [short.get(c, c) for c in codes]
    assert len(set(shown)) == len(codes) == 1135
    assert max(map(len, shown)) <= 16 < min(map(len, codes))
    assert short["511A0138000000-511602000000-000-115113010833722043-1-00"] == "511A0138000000…"
    # five codes begin 1J-5100-: their serial part tells them apart
    assert short["1J-5100-00027-511602000000-000-11511301008778386B-1-00"] == "1J…00027…"
    for code, s in short.items():  # every part shown is a part of the code, in its order
        parts = code.split("-")
        kept = [p for chunk in s.split("…") for p in chunk.split("-") if p]
        assert [p for p in parts if p in kept] == kept, code


def test_a_code_keeps_the_part_where_it_differs_from_its_neighbours():
    codes = [
        "511A01-511602000000-000-11511301AAAA-1-00",
        "511A01-511602000000-000-11511301BBBB-1-00",
        "Z-000147-001-511602000000-000-12511300452258950C-1-00",
        "AAAA-1-2",  # ends where the next goes on: shown whole
        "AAAA-1-2-3",
        "0101001",
    ]
    assert short_codes(codes, long=6) == {
        "511A01-511602000000-000-11511301AAAA-1-00": "511A01…11511301AAAA…",
        "511A01-511602000000-000-11511301BBBB-1-00": "511A01…11511301BBBB…",
        "Z-000147-001-511602000000-000-12511300452258950C-1-00": "Z…",
        "AAAA-1-2-3": "AAAA…3",
    }


def test_pieces_wrap_between_pieces_never_inside_one():
    from rich.text import Text

    pieces = [Text("已决定 0 / 1,135 ━━━━ 0%"), Text("未决定 1,135"), Text("错误 2,270"), Text("警告 2,274")]
    lines = Flow(pieces).lines(40)
    assert [line.plain for line in lines] == ["已决定 0 / 1,135 ━━━━ 0% · 未决定 1,135", "错误 2,270 · 警告 2,274"]
    assert [line.plain for line in Flow(pieces).lines(200)] == [" · ".join(p.plain for p in pieces)]


# --- the screen at 80×24 -----------------------------------------------------------------------------


@needs_realdata
def test_at_80_by_24_the_name_has_the_most_room_and_nothing_is_cut(tmp_path):
    db, ref = guangan_db(tmp_path)

    async def go():
        app = make_app(db, ref)
        async with app.run_test(size=SMALL) as pilot:
            await settle(pilot)
            table = app.screen.query_one("#items")
            widths = table.widths(table.scrollable_content_region.width)
            keys = [c.key for c in table.columns]
            assert widths[keys.index("name")] == max(widths)
            assert widths[keys.index("code")] <= 16
            titles = lines_of(table)[0]
            assert all(c.label in titles for c in table.columns), titles  # every column's title whole
            first = app.items.row(0)
            assert first.code == "511Z07001006-511602000000-000-11511301008778183N-1-00"
            assert lines_of(app.screen.query_one("#current"))[0].strip().startswith(first.code)
            header = lines_of(app.screen.query_one("#summary"))
            for piece in (f"审核人 {REVIEWER}", "未决定 1,135", "审查基准日 2026-12-02"):
                assert any(piece in line for line in header), (piece, header)
            footer = lines_of(app.screen.query_one("KeyBar"))
            for piece in ("A 废止", "M 合并", "/ 筛选", "V 审定", "? 帮助", "Ctrl+Q 退出"):
                assert any(piece in line for line in footer), (piece, footer)
            assert not any(line.endswith("…") for line in header + footer)

            await pilot.press("A")  # abolish: the reason is filled in from the finding, OK is on screen
            await settle(pilot)
            assert on_screen(app, "#ok") and on_screen(app, "#cancel")
            await pilot.click("#ok")
            await settle(pilot)
            assert app.items.row(0).status == "abolish"

            await pilot.press("j", "M", *"教师")  # merge by name: the items so named are offered
            await settle(pilot)
            assert len(app.screen.offered) > 1
            for part in ("#target", "#targets", "#reason", "#ok", "#cancel"):
                assert on_screen(app, part), part
            await pilot.press("escape", "K")  # keep with unresolved errors asks first
            await settle(pilot)
            assert app.screen.__class__.__name__ == "DecisionDialog" and on_screen(app, "#ok")
            await pilot.press("escape", "c")
            await settle(pilot)
            assert on_screen(app, "#ok") and on_screen(app, "#cancel")
            await pilot.press("escape", "V")
            await settle(pilot)
            assert on_screen(app, "#ok") and on_screen(app, "#cancel")

    run(go())


# --- names in pinyin order -------------------------------------------------------------------------


def renamed(names: dict[int, str]):
    return [(r[0], names.get(n, r[1]), *r[2:]) for n, r in enumerate(ROWS)]


PINYIN = {
    0: "举办大型群众性活动安全许可",
    1: "互联网上网服务营业场所许可",
    2: "公共场所卫生许可",
    5: "公共场所 卫生许可",
}


def test_names_sort_by_pinyin_and_codes_as_codes(tmp_path):
    db, _ = make_db(tmp_path, rows=renamed(PINYIN))
    with Store(db) as s:
        cat = s.catalog(None)

        def order(**kw):
            codes = [r.code for r in s.browse_rows(cat.id, s.browse_ids(cat.id, BrowseQuery(**kw)))]
            return [c for c in codes if c in ("0101001", "0101002", "0101003")]

        # 公 gōng, 互 hù, 举 jǔ: by code point it was 举 互 公
        assert order(sort="name") == ["0101003", "0101002", "0101001"]
        assert order(sort="name", descending=True) == ["0101001", "0101002", "0101003"]
        assert order(sort="code") == ["0101001", "0101002", "0101003"]


def test_starting_the_review_screen_does_not_load_pinyin(tmp_path):
    import subprocess
    import sys

    db, _ = make_db(tmp_path)
    code = (
        "import sys; from itemclean.tui.app import ReviewApp; from itemclean.rules import load_reference; "
        f"app = ReviewApp(db={str(db)!r}, catalog=None, reference=None, reviewer='x'); "
        "print('pypinyin' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


# --- the merge dialog --------------------------------------------------------------------------------


def test_merge_offers_the_item_of_the_same_name_first_and_completes_a_typed_name(tmp_path):
    db, ref = make_db(tmp_path, rows=renamed(PINYIN))
    twin = ROWS[5][0]

    async def go():
        app = make_app(db, ref)
        async with app.run_test(size=SMALL) as pilot:
            await press_on(pilot, "0101003", "M")
            dialog = app.screen
            assert dialog.offered == [twin]  # nothing typed: the item of the same normalised name
            await pilot.press(*"互联网")
            await settle(pilot)
            assert dialog.offered == ["0101002"]
            await pilot.press(*"0101")  # a code: items whose code begins so
            await settle(pilot)
            assert dialog.offered == []
            dialog.query_one("#target").value = "010100"
            await settle(pilot)
            assert dialog.offered == ["0101001", "0101002", "0101004"]  # itself left out
            await pilot.press("down", "down", "enter")  # the second offered
            await settle(pilot)
            assert dialog.query_one("#target").value == "0101002"
            assert app.focused.id == "reason"
            await pilot.press(*"同一事项", "enter")
            await settle(pilot)

    run(go())
    assert decisions(db) == [("0101003", "merge", "同一事项", REVIEWER, None, None, "0101002")]


def test_merge_into_itself_keeps_the_dialog_open_with_the_reason(tmp_path):
    db, ref = make_db(tmp_path)

    async def go():
        app = make_app(db, ref)
        async with app.run_test(size=SMALL) as pilot:
            await press_on(pilot, "0101003", "M")
            app.screen.query_one("#target").value = "0101003"
            app.screen.query_one("#reason").value = "重复"
            await pilot.press("enter")
            await settle(pilot)
            assert "不能合并到自身" in str(app.screen.query_one("#dialog-error").render())
            assert app.screen.query_one("#reason").value == "重复"

    run(go())
    assert decisions(db) == []


# --- keep asks; the counts follow -------------------------------------------------------------------


def test_keeping_an_item_with_unresolved_errors_asks_first(tmp_path):
    db, ref = make_db(tmp_path)

    async def go():
        app = make_app(db, ref)
        async with app.run_test(size=SMALL) as pilot:
            await press_on(pilot, "0101003", "K")
            assert app.screen.__class__.__name__ == "DecisionDialog"
            assert "未解决的错误" in str(app.screen.query_one("#dialog-about").render())
            await pilot.press("escape")  # cancelled: nothing recorded
            await settle(pilot)
            assert decisions(db) == []
            await pilot.press("K")
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)
            assert [d[:2] for d in decisions(db)] == [("0101003", "keep")]
            await press_on(pilot, "0101001", "K")  # no open error: kept at once
            assert app.screen.__class__.__name__ == "MainScreen"

    run(go())
    assert [d[:2] for d in decisions(db)] == [("0101003", "keep"), ("0101001", "keep")]


def test_an_abolished_items_errors_leave_the_header_at_once(tmp_path):
    db, ref = make_db(tmp_path)

    async def go():
        app = make_app(db, ref)
        async with app.run_test(size=(130, 38)) as pilot:
            before = app.items.summary.severities["error"]
            await only(pilot, "0101003")
            row = app.screen.query_one("#items").current()
            assert row.errors > 0
            await pilot.press("A")
            await settle(pilot)
            await pilot.press("enter")  # the reason is filled in from the finding
            await settle(pilot)
            after = before - row.errors
            assert app.items.summary.severities["error"] == after
            assert any(f"错误 {after}" in line for line in lines_of(app.screen.query_one("#summary")))
            with Store(db) as s:  # as a fresh count from the database has it
                assert s.browse_summary(s.catalog(None).id).severities["error"] == after
            await pilot.press("u")  # undone: they count again
            await settle(pilot)
            assert app.items.summary.severities["error"] == before

    run(go())


def test_items_waiting_for_re_review_are_not_done_in_the_progress(tmp_path):
    from itemclean import review
    from itemclean.importing import import_files

    db, ref = make_db(tmp_path)
    with Store(db) as s:
        cat = s.catalog(None)
        review.decide(s, cat, ["0101001", "0101002"], "keep", reviewer=REVIEWER)
        rows = [(*r[:10], "新备注") if r[0] == "0101001" else r for r in ROWS]
        import_files(s, [write_catalogue(tmp_path / "临川县.csv", rows)], reviewer=REVIEWER)

    async def go():
        app = make_app(db, ref)
        async with app.run_test(size=SMALL) as pilot:
            await settle(pilot)
            assert app.items.summary.statuses["needs-review"] == 1
            assert app.items.summary.decided == 1
            assert any(f"已决定 1 / {len(ROWS)}" in line for line in lines_of(app.screen.query_one("#summary")))

    run(go())
