"""The shipped sample from nothing to an approved catalogue without leaving the review screen, by keys,
as a reviewer would: `e` to the next item with an open error, a decision for it, Ctrl+K for the rest,
then `V` to approve."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest
from conftest import SAMPLE

from itemclean import review
from itemclean.normalize import norm_name
from itemclean.store import Store

ABOLISH = {"basis-missing", "basis-cannot-set", "item-cancelled"}
AS_OF = dt.date(2026, 12, 2)


def keys_for(store: Store, cat, code: str) -> list[str] | None:
    """The keys that resolve the item's first open error, as the dialogs list their choices."""
    state = review.state_of(store, cat.id, code)
    found = store.findings_of(cat.id, code)
    open_ = [f for f in found if not review.is_resolved(f, state)]
    errors = [f for f in open_ if f.severity == "error"]
    if not errors:
        return None
    if any(f.rule in ABOLISH for f in errors):
        return ["A", "enter"]  # the reason comes from the finding
    f = errors[0]
    if f.field == "fees" and f.entry:
        fees = [norm_name(x.name) for x in store.get_item(cat.id, code).fees]
        pick = [] if len(fees) == 1 else ["down"] * fees.index(norm_name(f.entry)) + ["enter"]
        return ["f", *pick, "enter"]  # the reason comes from the finding
    rules = list(dict.fromkeys(x.rule for x in open_))
    pick = [] if len(rules) == 1 else ["down"] * rules.index(f.rule) + ["enter"]
    return ["o", *pick, "x", "enter"]


@pytest.mark.skipif(not SAMPLE.exists(), reason="the shipped sample is missing")
def test_the_sample_from_import_to_approval_by_keys(tmp_path):
    from itemclean.audit import audit_draft
    from itemclean.importing import import_files
    from itemclean.paths import default_reference
    from itemclean.rules import load_reference
    from itemclean.tui.app import ReviewApp

    ref = load_reference(default_reference())
    db = tmp_path / "sample.db"
    with Store(db) as s:  # what `itemclean review FILE` does first
        r = import_files(s, [SAMPLE], reviewer="张三")
        audit_draft(s, s.catalog(r.catalog), ref, AS_OF)

    async def go():
        app = ReviewApp(db=db, catalog=None, reference=ref, reviewer="张三", as_of=AS_OF, lang="zh")
        async with app.run_test(size=(100, 24)) as pilot:
            table = app.screen.query_one("#items")
            await pilot.press("e")
            handled = 0
            while True:
                row = table.current()
                keys = keys_for(app.store, app.cat, row.code)
                if keys is None:
                    break
                await pilot.press(*keys)
                handled += 1
                assert handled < 200
                if table.current().open_errors == 0:
                    await pilot.press("e")
            await pilot.press("ctrl+k")  # keep everything that is left
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            await pilot.press("V")
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert app.screen.blockers == []
            await pilot.press(*"2026", "enter")
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            return handled

    handled = asyncio.run(go())
    assert handled > 20
    with Store(db) as s:
        cat = s.catalog(None)
        assert [v.label for v in s.versions(cat.id)] == ["2026"]
        assert s.versions(cat.id)[0].reviewer == "张三"
        log = s.decisions(cat.id)
        assert {d.action for d in log} >= {"keep", "abolish", "remove-fee", "override"}
        assert not [b for b in review.blockers(s, cat, s.findings_of(cat.id), review.states(s, cat.id))]
