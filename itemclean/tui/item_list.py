"""The table's data: the ids matching the filter, and rows fetched a page at a time through a cache.

Nothing here is Textual: the item table widget asks for rows by index, and only the pages it paints
are ever read from the database.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from dataclasses import replace

from ..store import Store
from ..store.browse import SORT_KEYS, BrowseQuery, BrowseRow, BrowseSummary
from .codes import LONG, short_codes

PAGE = 64
PAGES_KEPT = 32  # 2,048 rows: a few screens either way


class ItemList:
    def __init__(self, store: Store, catalog_id: int):
        self.store = store
        self.catalog_id = catalog_id
        self.query = BrowseQuery()
        self.ids: list[int] = []
        self.generation = 0  # bumped whenever rows may have changed, so painted lines are redrawn
        self.last_query_ms = 0.0
        self._pages: OrderedDict[int, dict[int, BrowseRow]] = OrderedDict()
        self._todo: set[int] | None = None
        self._errors: set[int] | None = None
        self.summary: BrowseSummary = store.browse_summary(catalog_id)
        self._data_version = self._version()
        self.short: dict[str, str] = {}  # long code → the short form the table shows
        self.shorten()

    def shorten(self) -> None:
        long = self.store.browse_long_codes(self.catalog_id, LONG)
        self.short = short_codes(long)
        self._long_width = max((len(self.short.get(c, c)) for c in long), default=0)

    def short_code(self, code: str) -> str:
        return self.short.get(code, code)

    def code_width(self) -> int:
        """The widest code as the table shows it."""
        widest = self.store.browse_code_width(self.catalog_id)
        if widest <= LONG:
            return widest
        return max(LONG, self._long_width)

    def _version(self) -> int:
        return self.store.browse_data_version()

    def changed_elsewhere(self) -> bool:
        """True once after another connection (another reviewer, a background audit) wrote to the database."""
        v = self._version()
        if v == self._data_version:
            return False
        self._data_version = v
        return True

    # --- the list --------------------------------------------------------------------------------

    def load(self, query: BrowseQuery | None = None) -> None:
        if query is not None:
            self.query = query
        t = time.perf_counter()
        self.ids = self.store.browse_ids(self.catalog_id, self.query)
        self.last_query_ms = (time.perf_counter() - t) * 1000
        self.forget_rows()

    def __len__(self) -> int:
        return len(self.ids)

    def sorted_by(self, key: str, descending: bool | None = None) -> BrowseQuery:
        if key not in SORT_KEYS:
            raise ValueError(key)
        if descending is None:
            descending = not self.query.descending if key == self.query.sort else key in ("errors", "warnings", "fees")
        return replace(self.query, sort=key, descending=descending)

    def index_of(self, item_id: int) -> int | None:
        try:
            return self.ids.index(item_id)
        except ValueError:
            return None

    # --- rows ------------------------------------------------------------------------------------

    def row(self, index: int) -> BrowseRow | None:
        if not 0 <= index < len(self.ids):
            return None
        page = index // PAGE
        rows = self._pages.get(page)
        if rows is None:
            chunk = self.ids[page * PAGE : (page + 1) * PAGE]
            rows = {r.id: r for r in self.store.browse_rows(self.catalog_id, chunk)}
            self._pages[page] = rows
            while len(self._pages) > PAGES_KEPT:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page)
        return rows.get(self.ids[index])

    def forget_rows(self) -> None:
        self._pages.clear()
        self.generation += 1

    # --- after a write ---------------------------------------------------------------------------

    def changed(self, item_id: int, before: BrowseRow | None, *, findings: bool = False) -> BrowseRow | None:
        """One item was written: refetch it, move the header's counts by the difference, and keep the
        jump lists current without recomputing them. Re-run the query when the change can move rows."""
        after = next(iter(self.store.browse_rows(self.catalog_id, [item_id])), None)
        if findings or before is None:
            self.summary = self.store.browse_summary(self.catalog_id)
        elif before is not None and after is not None and before.status != after.status:
            self.summary.statuses[before.status] -= 1
            self.summary.statuses[after.status] += 1
            gone = ("abolish", "merge")
            if (before.status in gone) != (after.status in gone):  # its findings leave or rejoin the counts
                sign = 1 if before.status in gone else -1
                for sev, n in (("error", after.errors), ("warning", after.warnings), ("info", after.infos)):
                    self.summary.severities[sev] += sign * n
        if after is not None:
            for s, member in (
                (self._todo, after.status in ("undecided", "needs-review")),
                (self._errors, after.open_errors > 0),
            ):
                if s is not None:
                    (s.add if member else s.discard)(item_id)
        q = self.query
        if findings or q.statuses or q.sort in ("status", "fees"):
            self.load()
        else:
            self.forget_rows()
        return after

    def reload(self) -> None:
        """Everything again from the database (another reviewer's decisions, a new audit)."""
        self.summary = self.store.browse_summary(self.catalog_id)
        self._todo = self._errors = None
        self.shorten()
        self.load()

    # --- jumps -----------------------------------------------------------------------------------

    def todo(self) -> set[int]:
        if self._todo is None:
            self._todo = self.store.browse_todo(self.catalog_id)
        return self._todo

    def with_errors(self) -> set[int]:
        if self._errors is None:
            self._errors = self.store.browse_with_errors(self.catalog_id)
        return self._errors

    def find(self, kind: str, start: int, step: int) -> tuple[int | None, bool]:
        """The next index from start (exclusive) in direction step whose item is of kind ('todo' or
        'errors'), wrapping around once; returns (index, wrapped)."""
        wanted = self.todo() if kind == "todo" else self.with_errors()
        n = len(self.ids)
        if not wanted or not n:
            return None, False
        ids = self.ids
        for k in range(1, n + 1):
            i = (start + step * k) % n
            if ids[i] in wanted:
                wrapped = (step > 0 and i <= start) or (step < 0 and i >= start)
                return i, wrapped
        return None, False
