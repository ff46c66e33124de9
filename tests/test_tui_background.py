"""The background reads of a large catalogue stay out of the way of typing: they wait while keys come (and
pause inside SQLite), a stale one stops, a keystroke meanwhile is answered from the first matches, and what
the background reads still arrives. LARGE and HEAD are lowered so that a small catalogue takes that path."""

from __future__ import annotations

import asyncio
import queue
import threading
import time

import pytest
from test_tui_data import REVIEWER, SIZE, make_app, make_db
from test_tui_flow import settle, table_codes
from test_tui_large import CODES, filled, whole

from itemclean import review
from itemclean.store import Store
from itemclean.tui import background, item_list
from itemclean.tui.background import Background, Failed
from itemclean.tui.item_list import ItemList
from itemclean.tui.query import parse

COUNT = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) SELECT count(*) FROM n"
LONG = 20_000_000  # rows of COUNT: seconds of SQLite work, far longer than any wait below


@pytest.fixture
def large(tmp_path, monkeypatch):
    monkeypatch.setattr(item_list, "LARGE", 1)
    monkeypatch.setattr(item_list, "HEAD", 2)
    return make_db(tmp_path)


@pytest.fixture
def bg(large):
    """A background reader on the test catalogue, and the queue its results are handed to."""
    got: queue.SimpleQueue = queue.SimpleQueue()
    reader = Background(large[0], got.put)
    yield reader, got
    reader.stop()


def counting(n: int, started: threading.Event | None = None):
    def run(store: Store) -> int:
        if started is not None:
            started.set()
        return store.conn.execute(COUNT, (n,)).fetchone()[0]

    return run


def typing(reader: Background, seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        reader.typed()
        time.sleep(0.02)


def test_a_read_under_way_pauses_while_keys_come_and_ends_once_they_stop(bg):
    reader, got = bg
    started = threading.Event()
    reader.submit(counting(3_000_000, started))
    assert started.wait(20)
    typing(reader, 1.0)  # a reviewer typing: the query sleeps inside SQLite meanwhile
    assert got.empty()
    assert reader.paused >= 0.5
    assert got.get(timeout=60) == 3_000_000  # and it ends, whole, once the keys stop


def test_a_read_waits_for_the_keys_to_stop_before_it_starts(bg, monkeypatch):
    reader, got = bg
    monkeypatch.setattr(background, "QUIET", 0.2)
    reader.typed()
    started = threading.Event()
    reader.submit(counting(10, started))
    typing(reader, 0.6)
    assert not started.is_set()
    assert got.get(timeout=20) == 10


def test_a_cancelled_read_stops_and_is_never_delivered(bg):
    reader, got = bg
    started = threading.Event()
    job = reader.submit(counting(LONG, started))
    assert started.wait(20)
    t = time.monotonic()
    job.cancel()
    reader.submit(counting(7))
    assert got.get(timeout=20) == 7  # the next one ran: the stale one stopped early
    assert time.monotonic() - t < 5
    assert got.empty()


def test_an_error_in_the_background_is_handed_over(bg):
    reader, got = bg
    reader.submit(lambda store: store.conn.execute("SELECT * FROM no_such_table").fetchall())
    result = got.get(timeout=20)
    assert isinstance(result, Failed) and "no_such_table" in str(result.error)


def held(monkeypatch, name: str) -> threading.Event:
    """ItemList.<name> (a background read) held up until the returned event is set: a heavy read under way."""
    busy = threading.Event()
    real = getattr(ItemList, name)

    def slow(self, store):
        assert busy.wait(30)
        return real(self, store)

    monkeypatch.setattr(ItemList, name, slow)
    return busy


def test_a_key_while_the_background_reads_is_answered_from_the_first_matches_and_the_reads_still_arrive(
    large, monkeypatch
):
    db, ref = large
    busy, asked = held(monkeypatch, "read_extras"), []

    async def go():
        app = make_app(db, ref)
        async with app.run_test(size=SIZE) as pilot:
            head = app.store.browse_head
            monkeypatch.setattr(app.store, "browse_head", lambda *a: asked.append(a[1]) or head(*a))
            await pilot.press("slash", "许")
            await pilot.pause()
            matches = whole(db, "许")
            assert len(matches) > 2
            assert asked and asked[-1] == parse("许")
            assert table_codes(app) == matches[:2] and not app.items.complete
            assert app.items.chars is None and not app.items.summary.counted
            busy.set()
            await filled(pilot)
            end = time.monotonic() + 20
            while app.items.chars is None:
                assert time.monotonic() < end, "the extras never came"
                await asyncio.sleep(0.02)
            assert table_codes(app) == matches
            with Store(db) as s:
                assert app.items.summary.statuses == s.browse_summary(s.catalog(None).id).statuses

    asyncio.run(go())


def test_next_undecided_before_the_jump_lists_waits_for_the_background_not_this_connection(large, monkeypatch):
    db, ref = large
    with Store(db) as s:
        review.decide(s, s.catalog(None), CODES[1:3], "keep", reviewer=REVIEWER)
    busy = held(monkeypatch, "read_jumps")

    async def go():
        app = make_app(db, ref)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("n")
            await pilot.pause()
            assert app.jump_waiting and app.screen.table.cursor == 0
            assert not app.store._status_folded(app.cat.id)  # the log is not folded on the screen's connection
            busy.set()
            end = time.monotonic() + 20
            while app.jump_waiting:
                assert time.monotonic() < end, "the jump never came"
                await asyncio.sleep(0.02)
            await pilot.pause()
            assert app.items.complete and app.screen.table.cursor == 3  # CODES[1] and CODES[2] are kept
            assert app.items.row(3).code == CODES[3]

    asyncio.run(go())


@pytest.mark.parametrize("text", ["status:undecided", "status:keep", "status:todo 许", "status:decided"])
def test_the_first_matches_of_a_status_filter_need_no_fold_of_the_log(large, text):
    db, _ = large
    with Store(db) as s:
        review.decide(s, s.catalog(None), CODES[::2], "keep", reviewer=REVIEWER)
    with Store(db) as store:
        cat = store.catalog(None)
        ids, complete = store.browse_head(cat.id, parse(text), 2, 10.0)
        assert not store._status_folded(cat.id)
        everything = store.browse_ids(cat.id, parse(text))  # folds the log
        assert store._status_folded(cat.id)
        assert ids == everything[:2] and complete == (len(everything) <= 2)
        assert everything == [store.browse_index(cat.id, c) for c in whole(db, text)]
