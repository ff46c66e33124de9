"""The review screen's header counts (browse_summary) agree with the workflow whichever side drives its join:
the few decided items early in a review, or the items once most are decided."""

from __future__ import annotations

from test_tui_browse import check
from test_tui_data import REVIEWER, ROWS, make_db

from itemclean import review
from itemclean.store import Store


def test_summary_with_none_one_and_every_item_decided(tmp_path):
    path, _ = make_db(tmp_path)
    codes = [r[0] for r in ROWS]
    assert len(codes) > 8  # one decision is under a quarter of the items: the decided side drives
    with Store(path) as store:
        cat = store.catalog(None)
        check(store, cat)
        review.decide(store, cat, codes[:1], "keep", reviewer=REVIEWER)
        review.decide(store, cat, codes[1:2], "abolish", reason="已取消", reviewer=REVIEWER)
        summary = store.browse_summary(cat.id)
        assert (summary.statuses["keep"], summary.statuses["abolish"]) == (1, 1)
        assert summary.statuses["undecided"] == len(codes) - 2
        check(store, cat)
        review.decide(store, cat, codes[2:], "keep", reviewer=REVIEWER)
        summary = store.browse_summary(cat.id)
        assert (summary.statuses["keep"], summary.statuses["abolish"], summary.statuses["undecided"]) == (
            len(codes) - 1,
            1,
            0,
        )
        check(store, cat)
