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
from test_tui_layout import lines_of

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


async def extras_in(pilot) -> None:
    end = time.monotonic() + 20
    while pilot.app.items.chars is None:
        assert time.monotonic() < end, "the extras never came"
        await settle(pilot)
        await asyncio.sleep(0.02)


def test_the_characters_of_the_items_are_those_the_table_could_match(large):
    db, _ = large
    with Store(db) as store:
        cat = store.catalog(None)
        chars = store.browse_chars(cat.id)
        for text in ("许可", "0101", "县市场", "x", "Q", "ｘ", "许x", "县 x", "监督 0", "食品生产许可 0101001"):
            words = parse(text).words
            if chars.excludes(words):  # never claimed for a filter that finds an item
                assert store.browse_ids(cat.id, parse(text)) == [], text
        assert chars.excludes(parse("x").words) and chars.excludes(parse("许 ｘ").words)
        assert not chars.excludes(parse("县市场").words) and not chars.excludes(parse("0101").words)


@pytest.mark.parametrize("text", ["q", "Q", "许 q"])
def test_a_word_with_a_character_no_item_holds_is_answered_without_reading_the_items(large, monkeypatch, text):
    db, ref = large

    async def go():
        app = make_app(db, ref)
        async with app.run_test(size=SIZE) as pilot:
            await extras_in(pilot)
            asked = []
            real = app.store.browse_head
            monkeypatch.setattr(app.store, "browse_head", lambda *a: asked.append(a) or real(*a))
            await pilot.press("slash", *text)
            await settle(pilot)
            assert table_codes(app) == [] and app.items.complete
            assert asked == [] or all(a[1].words != parse(text).words for a in asked)

    asyncio.run(go())


def test_an_edit_on_this_screen_adds_its_characters(large):
    db, ref = large

    async def go():
        app = make_app(db, ref)
        async with app.run_test(size=SIZE) as pilot:
            await extras_in(pilot)
            assert app.items.chars.excludes(["q"])
            first = app.items.row(0)
            review.edit(app.store, app.cat, first.code, {"name": "qq许可"}, reviewer=REVIEWER)
            app.items.changed(first.id, first)
            assert not app.items.chars.excludes(["q"])
            await pilot.press("slash", "q")
            await filled(pilot)
            assert table_codes(app) == [first.code]

    asyncio.run(go())


def test_a_write_by_another_connection_sets_the_characters_aside_until_read_again(large):
    db, ref = large

    async def go():
        app = make_app(db, ref)
        async with app.run_test(size=SIZE) as pilot:
            await extras_in(pilot)
            code = app.items.row(0).code
            with Store(db) as other:
                review.edit(other, other.catalog(None), code, {"name": "qq许可"}, reviewer=REVIEWER)
            await pilot.press("slash", "q")
            await filled(pilot)
            assert table_codes(app) == [code]

    asyncio.run(go())


def test_the_counts_by_status_come_with_the_extras_and_again_after_a_write_of_this_screen(large):
    db, _ = large
    with Store(db) as store, Store(db) as background:
        cat = store.catalog(None)
        counted = store.browse_summary(cat.id).statuses
        items = ItemList(store, cat.id)
        assert not items.summary.counted and items.summary.statuses == {}
        items.extras_wanted()
        extras = items.read_extras(background)
        review.edit(store, cat, CODES[0], {"name": "公章刻制"}, reviewer=REVIEWER)  # written meanwhile
        assert not items.take_extras(extras) and not items.summary.counted
        items.extras_wanted()
        assert items.take_extras(items.read_extras(background))
        assert items.summary.counted and items.summary.statuses == store.browse_summary(cat.id).statuses
        assert sum(counted.values()) == len(CODES)


def test_the_header_says_the_counts_are_coming(large, monkeypatch):
    db, ref = large
    started = []
    monkeypatch.setattr(app_module.ReviewApp, "read_extras", lambda self: started.append(1))  # never come

    async def go():
        app = make_app(db, ref)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert started
            header = " ".join(lines_of(app.screen.query_one("SummaryBar")))
            assert "已决定 计数中 /" in header and "未决定" not in header

    asyncio.run(go())
