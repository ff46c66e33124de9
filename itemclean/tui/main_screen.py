"""The main screen: header with progress, the filter bar, the table of items, the footer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Input, Static

from .. import review
from ..errors import BadInput, Refused
from ..store.browse import SORT_KEYS, BrowseQuery
from . import keys
from .actions import ItemActions, Subject
from .decision_dialog import DecisionDialog
from .filter_bar import FilterBar, FilterInput, FilterSuggester
from .item_table import ItemTable
from .key_bar import KeyBar
from .labels import say
from .query import parse
from .summary_bar import SummaryBar
from .text import literal

if TYPE_CHECKING:
    from .app import ReviewApp


class MainScreen(ItemActions, Screen):
    CSS_PATH = "main_screen.tcss"
    BINDINGS = ItemActions.ITEM_BINDINGS + keys.bindings(keys.MAIN)
    AUTO_FOCUS = "#items"
    app: ReviewApp
    synced = -1  # the ItemList generation the table last showed

    class OpenItem(Message):
        """Enter (or a second click) on row index: the app shows the item screen."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def compose(self) -> ComposeResult:
        a = self.app
        yield SummaryBar(id="summary")
        yield FilterBar(FilterSuggester(a.items.rules, a.items.departments), id="filter-bar")
        yield ItemTable(a.items, a.lang, id="items")
        yield Static(id="current")
        yield KeyBar()

    def on_mount(self) -> None:
        self.refresh_summary()
        self.show_count()
        self.show_current()

    def show_current(self) -> None:
        """The status line: the whole code and name of the row under the cursor (the table may shorten it)."""
        row = self.table.current()
        line = Text() if row is None else Text.assemble(literal(row.code, "bold"), "  ", literal(row.name))
        line.no_wrap, line.overflow = True, "ellipsis"  # the code comes first and whole; the name may be cut
        self.query_one("#current", Static).update(line)

    def on_virtual_table_highlighted(self, event: ItemTable.Highlighted) -> None:
        self.show_current()

    @property
    def table(self) -> ItemTable:
        return self.query_one("#items", ItemTable)

    def focus_table(self) -> None:
        self.table.focus()

    def refresh_summary(self) -> None:
        a = self.app
        self.query_one(SummaryBar).show(
            a.cat.name,
            a.items.summary,
            as_of=a.as_of.isoformat(),
            reviewer=a.reviewer,
            lang=a.lang,
            versions=a.version_count,
        )

    def show_count(self) -> None:
        a = self.app
        self.query_one(FilterBar).show_count(len(a.items), a.items.summary.total, complete=a.items.complete)
        self.show_current()

    def reload_rows(self) -> None:
        """The whole list came after its first rows: the same rows where they were, the rest below."""
        self.table.refresh_rows()
        self.synced = self.app.items.generation
        self.show_count()

    def extras_read(self) -> None:
        """A large catalogue's counts, code widths and completions came from the background."""
        items = self.app.items
        suggester = self.query_one("#filter", Input).suggester
        if isinstance(suggester, FilterSuggester):
            suggester.values["rules"], suggester.values["departments"] = items.rules, items.departments
        self.table.recolumn()
        self.refresh_summary()

    def on_screen_resume(self) -> None:
        """Back from the item screen or a dialog: show what changed meanwhile."""
        if self.synced != self.app.items.generation:
            self.table.refresh_rows()
            self.synced = self.app.items.generation
        self.refresh_summary()
        self.show_count()

    # --- the filter ------------------------------------------------------------------------------

    def action_focus_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "filter":
            return
        q = self.app.items.query
        self.app.items.load(parse(event.value, sort=q.sort, descending=q.descending))
        self.table.refresh_rows(keep_cursor=False)
        self.synced = self.app.items.generation
        self.show_count()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "filter":
            self.focus_table()

    def on_filter_input_leave(self, event: FilterInput.Leave) -> None:
        self.focus_table()

    def show_all(self) -> None:
        """Clear the filter: every item in the list, in the order it has."""
        bar = self.query_one("#filter", Input)
        with bar.prevent(Input.Changed):  # the list is loaded here, not by the bar's own event
            bar.value = ""
        items = self.app.items
        items.load(BrowseQuery(sort=items.query.sort, descending=items.query.descending))
        self.reload()

    # --- sorting ---------------------------------------------------------------------------------

    def _sort(self, key: str, descending: bool | None = None) -> None:
        items = self.app.items
        row = self.table.current()
        items.load(items.sorted_by(key, descending))
        self.table.refresh_rows()
        self.synced = items.generation
        if row is not None:
            index = items.index_of(row.id)
            if index is not None:
                self.table.move_to(index)
        name = say(self, "sort:" + key)
        sorted_ = say(self, "n-sorted-desc", key=name) if items.query.descending else say(self, "n-sorted", key=name)
        self.app.notify(sorted_, timeout=2)

    def action_sort(self) -> None:
        keys_ = list(SORT_KEYS)
        now = self.app.items.query.sort
        self._sort(keys_[(keys_.index(now) + 1) % len(keys_)])

    def action_reverse(self) -> None:
        self._sort(self.app.items.query.sort, not self.app.items.query.descending)

    def on_virtual_table_header_clicked(self, event: ItemTable.HeaderClicked) -> None:
        self._sort(event.key)

    # --- many at once ----------------------------------------------------------------------------

    @work(exclusive=True, group="item-action")
    async def action_keep_rest(self) -> None:
        """Keep every item of the list that needs a decision, each checked against the version shown."""

        a = self.app
        items = a.items
        todo = items.todo()
        if todo:  # nothing to keep needs no whole list
            items.complete_now()
        shown = [i for i in items.ids if i in todo] if todo else []
        rows = [
            r for start in range(0, len(shown), 500) for r in a.store.browse_rows(a.cat.id, shown[start : start + 500])
        ]
        waiting = sum(1 for r in rows if r.status == "needs-review")
        ids = [r.id for r in rows if r.status == "undecided"]
        if not ids:
            a.notify(say(self, "k-none") + (say(self, "k-none-waiting", n=f"{waiting:,}") if waiting else ""))
            return
        blocked = len(items.with_errors().intersection(ids))
        about = Text(say(self, "k-about", n=f"{len(ids):,}", shown=f"{len(items):,}"), "bold")
        if waiting:
            about.append("\n" + say(self, "k-waiting", n=f"{waiting:,}"), "yellow")
        if blocked:
            about.append("\n" + say(self, "k-blocked", n=f"{blocked:,}"), "yellow")
        answer = await a.push_screen_wait(
            DecisionDialog(
                say(self, "k-title", n=f"{len(ids):,}"),
                about,
                reason_required=False,
                hint=Text(say(self, "k-hint"), "dim"),
            )
        )
        if answer is None:
            return
        try:
            with a.store.write():
                for start in range(0, len(ids), 500):
                    for row in a.store.browse_rows(a.cat.id, ids[start : start + 500]):
                        if row.status != "undecided":
                            raise Refused(say(self, "k-meanwhile", code=row.code, status=row.status))
                        review.decide(
                            a.store,
                            a.cat,
                            [row.code],
                            "keep",
                            reviewer=a.reviewer,
                            reason=answer.reason,
                            expect=row.seen,
                        )
        except (Refused, BadInput) as e:
            a.notify(str(e), title=say(self, "n-not-recorded"), severity="error", timeout=10)
            return
        a.notify(say(self, "k-done", n=f"{len(ids):,}"))
        items.reload()
        self.reload()

    # --- the table -------------------------------------------------------------------------------

    def on_virtual_table_selected(self, event: ItemTable.Selected) -> None:
        self.post_message(self.OpenItem(event.index))

    def subject(self) -> Subject | None:
        row = self.table.current()
        if row is None:
            return None
        return Subject(row.id, row.code, row.name, row.seen, row)

    def written(self, s: Subject, *, findings: bool = False) -> None:
        items = self.app.items
        index = self.table.cursor
        items.changed(s.item_id, s.row, findings=findings)
        self.table.refresh_rows()
        new = items.index_of(s.item_id)
        self.table.move_to(new if new is not None else min(index, max(0, len(items) - 1)))
        self.synced = items.generation
        self.refresh_summary()
        self.show_count()

    def current_index(self) -> int:
        return self.table.cursor

    def go(self, index: int) -> None:
        self.table.move_to(index)

    def reload(self) -> None:
        self.table.refresh_rows()
        self.synced = self.app.items.generation
        self.refresh_summary()
        self.show_count()
