"""The table's data: the ids matching the filter, and rows fetched a page at a time through a cache.

Nothing here is Textual: the item table widget asks for rows by index, and only the pages it paints
are ever read from the database.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, replace

from ..store import Store
from ..store.browse import SORT_KEYS, BrowseChars, BrowseQuery, BrowseRow, BrowseSummary
from .codes import LONG, short_codes

PAGE = 64
PAGES_KEPT = 32  # 2,048 rows: a few screens either way
# A catalogue of this many items or more is shown before it is all read: the table first gets the first
# HEAD matches found within HEAD_SECONDS, and the whole list follows from another connection (see fill);
# the header's finding counts, the code column's width and the filter's completions are read there too.
LARGE = 200_000
HEAD = 256
HEAD_SECONDS = 0.04


@dataclass
class Extras:
    severities: dict[str, int] | None
    statuses: dict[str, int] | None
    long_codes: list[str]
    widest: int
    rules: list[str]
    departments: list[str]
    chars: BrowseChars | None


@dataclass
class Jumps:
    """The jump lists (see ItemList.todo), read in the background with the extras and before them."""

    todo: set[int]
    errors: set[int]
    asked: int  # the extras_wanted this reading answers


class ItemList:
    def __init__(self, store: Store, catalog_id: int):
        self.store = store
        self.catalog_id = catalog_id
        self.query = BrowseQuery()
        self.ids: list[int] = []
        self.complete = True  # False while ids are only the first of the query's matches
        self.stamp = store.browse_stamp()  # the database as ids were read from it
        # called with (query, stamp) when a load leaves the list incomplete; None: completed at once
        self.on_partial: Callable[[BrowseQuery, tuple[int, int]], None] | None = None
        self.deferred = store.browse_count(catalog_id) >= LARGE
        self.rules: list[str] = []  # rule ids and departments, for completing filters (read_extras)
        self.departments: list[str] = []
        # the characters the items hold, read with the extras while no other connection had written since
        # extras_wanted (a large catalogue): a word with another character matches nothing, at once
        self.chars: BrowseChars | None = None
        self._extras_version: int | None = None
        self._extras_changes: int | None = None  # this connection's total_changes at extras_wanted
        self._extras_asked = 0
        self.generation = 0  # bumped whenever rows may have changed, so painted lines are redrawn
        self.last_query_ms = 0.0
        self._pages: OrderedDict[int, dict[int, BrowseRow]] = OrderedDict()
        self._todo: set[int] | None = None
        self._errors: set[int] | None = None
        # a large catalogue's counts by status and severity come with the extras, read in the background
        self.summary: BrowseSummary = store.browse_summary(
            catalog_id, severities=not self.deferred, statuses=not self.deferred
        )
        self._data_version = self._version()
        self.short: dict[str, str] = {}  # long code → the short form the table shows
        self._widest: int | None = None
        self._long_width = 0
        if not self.deferred:
            self.take_extras(self.read_extras(store, severities=False))

    def read_extras(self, store: Store, *, severities: bool = True) -> Extras:
        """What passes over the whole catalogue besides the list: the findings by severity, the long codes and
        the widest code, the rules and departments for completion. A large catalogue reads them in the
        background (store: a connection of that thread), and take_extras shows them."""
        return Extras(
            store.browse_severities(self.catalog_id) if severities else None,
            store.browse_summary(self.catalog_id, severities=False).statuses if self.deferred else None,
            store.browse_long_codes(self.catalog_id, LONG),
            store.browse_code_width(self.catalog_id),
            [r for r, _ in store.browse_rules(self.catalog_id)],
            [d for d, _ in store.browse_departments(self.catalog_id)][:200],
            store.browse_chars(self.catalog_id) if self.deferred else None,
        )

    def read_jumps(self, store: Store) -> Jumps:
        """The jump lists, on a background connection (it folds the decision log there, not here)."""
        asked = self._extras_asked  # what is read from here on is at least as new as that call
        return Jumps(store.browse_todo(self.catalog_id), store.browse_with_errors(self.catalog_id), asked)

    def take_jumps(self, jumps: Jumps) -> None:
        """Take the jump lists read_jumps read while nobody wrote since extras_wanted (this screen's own
        edits are not in them; another connection's writes make this screen read everything again)."""
        if self._unwritten() and jumps.asked == self._extras_asked and self._extras_version == self._version():
            self._todo, self._errors = jumps.todo, jumps.errors

    def _unwritten(self) -> bool:
        """Whether this connection has written nothing since extras_wanted."""
        return self.store.conn.total_changes == self._extras_changes

    def extras_wanted(self) -> None:
        """Called before read_extras starts on another connection: what it reads holds while no other
        connection writes (this one's own edits are added to the characters as they are made)."""
        self._extras_version = self._version()
        self._extras_changes = self.store.conn.total_changes
        self._extras_asked += 1

    def take_extras(self, extras: Extras) -> bool:
        """Show what read_extras read; False when this connection wrote meanwhile, so that the counts read
        may miss its writes: they are then to be read again (the rest is taken)."""
        fresh = self._unwritten()
        if extras.severities is not None and fresh:
            self.summary.severities = extras.severities
        if extras.statuses is not None and fresh:
            self.summary.statuses, self.summary.counted = extras.statuses, True
        self._short_codes(extras.long_codes)
        self._widest = extras.widest
        self.rules, self.departments = extras.rules, extras.departments
        self.chars = extras.chars
        return fresh or extras.statuses is None

    def shorten(self) -> None:
        self._short_codes(self.store.browse_long_codes(self.catalog_id, LONG))

    def _short_codes(self, long: list[str]) -> None:
        self.short = short_codes(long)
        self._long_width = max((len(self.short.get(c, c)) for c in long), default=0)

    def short_code(self, code: str) -> str:
        return self.short.get(code, code)

    def code_width(self) -> int:
        """The widest code as the table shows it (until read_extras, the widest of the rows loaded)."""
        widest = self._widest
        if widest is None:
            widest = max((len(r.code) for r in self.store.browse_rows(self.catalog_id, self.ids[:PAGE])), default=0)
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
        self.stamp = self.store.browse_stamp()
        if self.deferred and self._matches_nothing():
            self.ids, self.complete = [], True
        elif self.deferred:
            self.ids, self.complete = self.store.browse_head(self.catalog_id, self.query, HEAD, HEAD_SECONDS)
        else:
            self.ids, self.complete = self.store.browse_ids(self.catalog_id, self.query), True
        self.last_query_ms = (time.perf_counter() - t) * 1000
        self.forget_rows()
        if not self.complete:
            if self.on_partial is None:
                self.complete_now()
            else:
                self.on_partial(self.query, self.stamp)

    def _matches_nothing(self) -> bool:
        chars = self.chars
        if chars is None or not self.query.words or self._extras_version != self._version():
            return False
        return chars.excludes(self.query.words)

    def complete_now(self) -> None:
        """The whole list, read here and now (for what needs every match: a position, a jump, keep the rest)."""
        if not self.complete:
            self.ids, self.complete = self.store.browse_ids(self.catalog_id, self.query), True
            self.forget_rows()

    def filled(self, query: BrowseQuery, ids: list[int], stamp: tuple[int, int]) -> bool:
        """The whole list of query, read by another connection from the database at stamp: taken when it is
        still the list wanted; read again when the database has changed since. True when the rows changed."""
        if self.complete or query != self.query or stamp != self.stamp:
            return False
        if not self.store.browse_remember(self.catalog_id, query, ids, stamp):
            self.load()
            return True
        self.ids, self.complete = ids, True
        self.forget_rows()
        return True

    def screen_full(self) -> bool:
        """Whether the first matches fill a screen (else the screen waits for the whole list)."""
        return self.complete or len(self.ids) >= HEAD

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
            if self.complete:
                return None
        self.complete_now()
        return self.index_of(item_id)

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
        elif self.summary.counted and before is not None and after is not None and before.status != after.status:
            self.summary.statuses[before.status] -= 1
            self.summary.statuses[after.status] += 1
            gone = ("abolish", "merge")
            if (before.status in gone) != (after.status in gone):  # its findings leave or rejoin the counts
                sign = 1 if before.status in gone else -1
                for sev, n in (("error", after.errors), ("warning", after.warnings), ("info", after.infos)):
                    self.summary.severities[sev] += sign * n
        if after is not None and self.chars is not None:
            self.chars.add(after.code, after.name, after.department)
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
        """Everything again from the database (another reviewer's decisions, a new audit); a large
        catalogue's counts follow with its extras (the caller reads them again)."""
        self.summary = self.store.browse_summary(
            self.catalog_id, severities=not self.deferred, statuses=not self.deferred
        )
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

    def jump_known(self, kind: str) -> bool:
        """Whether the set find(kind) looks for is known (else find reads it here and now)."""
        return (self._todo if kind == "todo" else self._errors) is not None

    def jump_ready(self, kind: str) -> bool:
        """Whether find(kind) answers at once: its set is known and, unless that is empty, the whole list is in."""
        return self.jump_known(kind) and (self.complete or not (self._todo if kind == "todo" else self._errors))

    def find(self, kind: str, start: int, step: int) -> tuple[int | None, bool]:
        """The next index from start (exclusive) in direction step whose item is of kind ('todo' or
        'errors'), wrapping around once; returns (index, wrapped)."""
        wanted = self.todo() if kind == "todo" else self.with_errors()
        if not wanted:  # nothing to find: the whole list is not needed
            return None, False
        self.complete_now()
        n = len(self.ids)
        if not n:
            return None, False
        ids = self.ids
        for k in range(1, n + 1):
            i = (start + step * k) % n
            if ids[i] in wanted:
                wrapped = (step > 0 and i <= start) or (step < 0 and i >= start)
                return i, wrapped
        return None, False
