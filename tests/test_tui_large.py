"""A large catalogue on the review screen: the first rows of a list come at once, the whole list from
another connection after them, and the header's counts, code widths and completions from the background.
The catalogue here is small; LARGE and HEAD are lowered so that it takes that path, and what it shows in
the end must be what the whole list read at once shows."""

from __future__ import annotations

import asyncio
import time

import pytest
from test_tui_data import REVIEWER, ROWS, SIZE, make_app, make_db
from test_tui_flow import settle, table_codes

from itemclean import review
from itemclean.messages import t
from itemclean.store import Store
from itemclean.store.browse import BrowseQuery
from itemclean.tui import app as app_module
from itemclean.tui import item_list
from itemclean.tui.item_list import ItemList
from itemclean.tui.query import parse

CODES = [r[0] for r in ROWS]


@pytest.fixture
def large(tmp_path, monkeypatch):
    monkeypatch.setattr(item_list, "LARGE", 1)
    monkeypatch.setattr(item_list, "HEAD", 2)
    return make_db(tmp_path)


def whole(db, text: str) -> list[str]:
    """The codes the filter shows, read at once through the library."""
    with Store(db) as s:
        cat = s.catalog(None)
        return [r.code for r in s.browse_rows(cat.id, s.browse_ids(cat.id, parse(text)))]


async def filled(pilot) -> None:
    """Wait until the whole list is in (it is read once the keys pause)."""
    end = time.monotonic() + 20
    while time.monotonic() < end:
        await settle(pilot)
        if pilot.app.items.complete:
            return
        await asyncio.sleep(0.02)
    raise AssertionError("the whole list never came")


def test_the_first_head_of_rows_comes_first_then_the_whole_list(large, monkeypatch):
    db, ref = large
    monkeypatch.setattr(app_module, "FILL_AFTER", 3.0)  # the first rows stay alone while the test looks
    assert len(CODES) > 2

    async def go():
        app = make_app(db, ref)
        assert app.items.deferred and not app.items.complete
        assert [app.items.row(i).code for i in range(len(app.items))] == CODES[:2]
        async with app.run_test(size=SIZE) as pilot:
            await filled(pilot)
            assert table_codes(app) == CODES
            with Store(db) as s:
                cat = s.catalog(None)
                assert app.items.summary.severities == s.browse_severities(cat.id)
                assert any(app.items.summary.severities.values())
                rules = [r for r, _ in s.browse_rules(cat.id)]
            assert app.items.rules == rules and rules
            app.store.__dict__.pop("_browse_last", None)  # not narrowed from the whole list just read
            app.store.__dict__.pop("_browse_cache", None)
            await pilot.press("slash", "许")
            matches = whole(db, "许")
            assert len(matches) > 2
            assert table_codes(app) == matches[:2] and not app.items.complete
            label = str(app.screen.query_one("#matches").render())
            assert label == t("shown-so-far", "zh", shown="2", total=f"{len(CODES):,}")
            await filled(pilot)
            assert table_codes(app) == matches
            label = str(app.screen.query_one("#matches").render())
            assert label == t("shown-of", "zh", shown=f"{len(matches):,}", total=f"{len(CODES):,}")

    asyncio.run(go())


@pytest.mark.parametrize("text", ["许可", "0", "rule:fee", "dept:县", "status:undecided 许", "nothing-matches"])
def test_every_filter_ends_with_the_list_read_at_once(large, text):
    db, ref = large

    async def go():
        app = make_app(db, ref)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("slash", *text)
            await filled(pilot)
            assert table_codes(app) == whole(db, text)

    asyncio.run(go())


def test_a_whole_list_read_before_a_write_is_read_again(large):
    db, _ = large
    with Store(db) as store:
        cat = store.catalog(None)
        items = ItemList(store, cat.id)
        wanted = []
        items.on_partial = lambda q, stamp: wanted.append((q, stamp))
        q = parse("许")
        items.load(q)
        assert not items.complete and len(wanted) == 1
        stale = store.browse_ids(cat.id, q)
        with Store(db) as other:  # another reviewer renames an item so that it no longer matches
            review.edit(other, other.catalog(None), whole(db, "许")[0], {"name": "公章刻制"}, reviewer=REVIEWER)
        assert items.filled(q, stale, wanted[0][1])  # taken as a change: the list is read again
        assert len(wanted) == 2 and not items.complete
        fresh = store.browse_ids(cat.id, q)
        assert len(fresh) == len(stale) - 1
        assert not items.filled(q, stale, wanted[0][1])  # an old reading is not taken any more
        assert items.filled(q, fresh, wanted[1][1]) and items.complete
        assert items.ids == fresh


def test_what_needs_the_whole_list_reads_it_at_once(large):
    db, _ = large
    with Store(db) as store:
        cat = store.catalog(None)
        items = ItemList(store, cat.id)
        items.on_partial = lambda q, stamp: None
        items.load(BrowseQuery())
        assert not items.complete
        last = store.browse_ids(cat.id, BrowseQuery())[-1]
        assert items.index_of(last) == len(CODES) - 1 and items.complete


def test_browse_head_is_the_beginning_of_the_whole_list(large):
    db, _ = large
    with Store(db) as store:
        cat = store.catalog(None)
        for text in ("", "许", "0", "rule:fee", "dept:县"):
            everything = store.browse_ids(cat.id, parse(text))
            store.__dict__.pop("_browse_cache", None)
            store.__dict__.pop("_browse_last", None)
            ids, complete = store.browse_head(cat.id, parse(text), 2, 10.0)
            assert ids == everything[:2] and complete == (len(everything) <= 2), text
            ids, complete = store.browse_head(cat.id, parse(text), 1000, 0.0)  # out of time at once
            assert ids == everything[: len(ids)] and (not complete or ids == everything), text
