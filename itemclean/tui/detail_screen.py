"""The item screen: one item whole, with every action of the table, and ] / [ to the next one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from .. import review
from . import keys
from .actions import ItemActions, Subject
from .item_view import ItemFacts, item_sections, title_of
from .key_bar import KeyBar
from .labels import say
from .text import literal

if TYPE_CHECKING:
    from .app import ReviewApp


class DetailScreen(ItemActions, Screen):
    CSS_PATH = "detail_screen.tcss"
    BINDINGS = ItemActions.ITEM_BINDINGS + keys.bindings(keys.DETAIL)
    app: ReviewApp

    class Moved(Message):
        """The item screen went to row index of the table (] and [, or the next to decide): the table follows."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, index: int) -> None:
        super().__init__()
        self.index = index
        self.facts: ItemFacts | None = None
        self.item_id: int | None = None
        self.code: str | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="item-title")
        yield Static(id="item-position")
        with VerticalScroll(id="item-body"):
            yield Static(id="item-sections")
        yield KeyBar()

    def on_mount(self) -> None:
        self.load()
        self.query_one("#item-body").focus()

    def load(self, index: int | None = None, *, keep_scroll: bool = False) -> None:
        """Show the item at index of the table's list, or the item shown again (after a write)."""
        a = self.app
        items = a.items
        if index is not None or self.code is None:
            row = items.row(self.index if index is None else index)
            if row is None:
                self.query_one("#item-title", Static).update(Text(say(self, "n-no-item-here"), "dim"))
                return
            self.index, self.item_id, self.code = (self.index if index is None else index), row.id, row.code
        code = self.code
        item = a.store.get_item(a.cat.id, code)
        if item is None:
            self.query_one("#item-title", Static).update(literal(say(self, "i-gone", code=code), "red"))
            return
        self.facts = ItemFacts(
            item=item,
            state=review.state_of(a.store, a.cat.id, code),
            findings=a.store.findings_of(a.cat.id, code),
            decisions=a.store.decisions(a.cat.id, code),
            seen=a.store.item_version(a.cat.id, code),
        )
        self.query_one("#item-title", Static).update(title_of(self.facts, a.lang))
        position = items.index_of(self.item_id)
        where = (
            say(self, "i-position", n=f"{position + 1:,}", of=f"{len(items):,}")
            if position is not None
            else say(self, "i-not-in-table")
        )
        self.query_one("#item-position", Static).update(Text(where + say(self, "i-keys"), "dim"))
        self.query_one("#item-sections", Static).update(Group(*item_sections(self.facts, a.reference, a.as_of, a.lang)))
        if not keep_scroll:
            self.query_one("#item-body", VerticalScroll).scroll_home(animate=False)

    # --- ItemActions -----------------------------------------------------------------------------

    def subject(self) -> Subject | None:
        if self.facts is None or self.item_id is None:
            return None
        position = self.app.items.index_of(self.item_id)
        return Subject(
            self.item_id,
            self.facts.item.code,
            self.facts.item.name,
            self.facts.seen,
            self.app.items.row(position) if position is not None else None,
        )

    def written(self, s: Subject, *, findings: bool = False) -> None:
        self.app.items.changed(s.item_id, s.row, findings=findings)
        self.load(keep_scroll=True)

    def current_index(self) -> int:
        found = self.app.items.index_of(self.item_id) if self.item_id is not None else None
        return found if found is not None else self.index

    def go(self, index: int) -> None:
        self.load(index)
        self.post_message(self.Moved(index))

    # --- moving ----------------------------------------------------------------------------------

    def action_close(self) -> None:
        self.dismiss()

    def jump_start(self, step: int) -> int:
        """From the item shown; when a decision took it out of the filtered list, from where it was."""
        if self.item_id is not None and self.app.items.index_of(self.item_id) is None:
            return self.index - 1 if step > 0 else self.index
        return self.current_index()

    def action_next_item(self) -> None:
        i = self.jump_start(1) + 1
        if 0 <= i < len(self.app.items):
            self.go(i)

    def action_prev_item(self) -> None:
        i = self.jump_start(-1) - 1
        if 0 <= i < len(self.app.items):
            self.go(i)

    def action_scroll_down(self) -> None:
        self.query_one("#item-body", VerticalScroll).scroll_down(animate=False)

    def action_scroll_up(self) -> None:
        self.query_one("#item-body", VerticalScroll).scroll_up(animate=False)

    def action_page_down(self) -> None:
        self.query_one("#item-body", VerticalScroll).scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        self.query_one("#item-body", VerticalScroll).scroll_page_up(animate=False)

    def reload(self) -> None:
        self.load(keep_scroll=True)
