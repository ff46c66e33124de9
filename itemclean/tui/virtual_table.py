"""A table that paints only the rows on screen (Textual's Line API): its virtual height is the row
count, and each visible line asks its subclass for that one row's cells.

A fixed header line shows the columns; click it to sort. Rows are cut or padded to their column's
width in terminal cells, so Chinese text (two cells a character) stays aligned.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual.cache import LRUCache
from textual.events import Click, MouseMove
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from . import keys
from .text import cell_len, fit


@dataclass
class Column:
    key: str
    label: str
    width: int = 0  # fixed width in cells; 0 = shares what is left, by weight
    weight: int = 1
    minimum: int = 4
    align: str = "left"


Cell = tuple[str, str]  # (text, style); the text is data and is never read as markup


class VirtualTable(ScrollView, can_focus=True):
    BINDINGS = keys.bindings(keys.TABLE)

    COMPONENT_CLASSES = {
        "virtual-table--header",
        "virtual-table--header-sorted",
        "virtual-table--cursor",
        "virtual-table--cursor-blurred",
        "virtual-table--odd",
        "virtual-table--hover",
    }

    DEFAULT_CSS = """
    VirtualTable {
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-gutter: stable;
        background: $surface;
    }
    VirtualTable > .virtual-table--header {
        text-style: bold;
        background: $panel;
        color: $text;
    }
    VirtualTable > .virtual-table--header-sorted {
        color: $accent;
    }
    VirtualTable > .virtual-table--cursor {
        background: $primary 60%;
        color: $text;
        text-style: bold;
    }
    VirtualTable > .virtual-table--cursor-blurred {
        background: $primary 25%;
    }
    VirtualTable > .virtual-table--odd {
        background: $surface-lighten-1 40%;
    }
    VirtualTable > .virtual-table--hover {
        background: $boost;
    }
    """

    cursor: reactive[int] = reactive(0, always_update=True)

    class _TableMessage(Message):
        """A message about a row (index) or a column (key) of this table."""

        def __init__(self, table: VirtualTable, index: int = -1, key: str = "") -> None:
            super().__init__()
            self.table, self.index, self.key = table, index, key

        @property
        def control(self) -> VirtualTable:
            return self.table

    class Highlighted(_TableMessage):
        """The cursor moved to row index."""

    class Selected(_TableMessage):
        """Row index was chosen (Enter, or a second click)."""

    class HeaderClicked(_TableMessage):
        """The title of column key was clicked."""

    def __init__(
        self, columns: list[Column], *, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.columns = columns
        self.sort_key: str | None = None
        self.sort_descending = False
        self._widths: list[int] = []
        self._widths_for = -1
        self._lines: LRUCache[tuple, Strip] = LRUCache(512)
        self._hover: int | None = None
        self.generation = 0
        self.painted_generation = -1  # the generation of the last row line painted (for benchmarks)
        self.first_row_painted: float | None = None
        self.painted_at = 0.0
        self.line_painted_at = 0.0  # when a row line was last painted (for benchmarks: a cursor move shown)

    # --- for subclasses --------------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        """How many rows; a subclass reads it from its data (the plain table is empty)."""
        return 0

    def row_cells(self, index: int) -> list[Cell] | None:
        """The cells of row index, None while it is not loaded; a subclass reads them from its data."""
        return None

    # --- size and layout -------------------------------------------------------------------------

    def data_changed(self, *, keep_cursor: bool = True) -> None:
        """The rows changed (new filter, new data): forget painted lines and redraw."""
        self.generation += 1
        self._lines.clear()
        n = self.row_count
        self.virtual_size = Size(0, n + 1)
        if not keep_cursor:
            self.cursor = 0
        elif self.cursor >= n:
            self.cursor = max(0, n - 1)
        self._ensure_visible()
        self.refresh()

    def on_resize(self) -> None:
        self.virtual_size = Size(0, self.row_count + 1)
        self._lines.clear()
        self._ensure_visible()

    def widths(self, total: int) -> list[int]:
        if total == self._widths_for:
            return self._widths
        gaps = len(self.columns) - 1
        fixed = sum(c.width for c in self.columns if c.width)
        free = max(0, total - fixed - gaps)
        flex = [c for c in self.columns if not c.width]
        weights = sum(c.weight for c in flex) or 1
        out = []
        for c in self.columns:
            if c.width:
                out.append(c.width)
            else:
                out.append(max(c.minimum, cell_len(c.label), free * c.weight // weights))  # the title whole
        # the first flexible column takes what rounding left over (or gives up what minimum widths took)
        extra = total - gaps - sum(out)
        if flex:
            first = next(i for i, c in enumerate(self.columns) if not c.width)
            out[first] = max(1, out[first] + extra)
        self._widths, self._widths_for = out, total
        return out

    @property
    def page_rows(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    # --- painting --------------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if y == 0:
            return self._header(width)
        if self.painted_generation != self.generation:
            self._painted()
        index = int(self.scroll_offset.y) + y - 1
        self.line_painted_at = time.perf_counter()
        if index >= self.row_count:
            return Strip.blank(width, self.rich_style)
        focused = self.has_focus
        key = (index, index == self.cursor, focused, index == self._hover, width, self.generation)
        strip = self._lines.get(key)
        if strip is None:
            strip = self._row(index, width, focused)
            self._lines[key] = strip
        return strip

    def _painted(self) -> None:
        """Note when the lines of new data are first painted (read by bench/bench_tui.py)."""
        self.painted_generation = self.generation
        self.painted_at = time.perf_counter()
        if self.first_row_painted is None and self.row_count:
            self.first_row_painted = self.painted_at

    def _header(self, width: int) -> Strip:
        base = self.rich_style + self.get_component_rich_style("virtual-table--header")
        sorted_style = base + self.get_component_rich_style("virtual-table--header-sorted")
        segs = []
        for n, (col, w) in enumerate(zip(self.columns, self.widths(width))):
            label = col.label
            style = base
            if col.key == self.sort_key:
                label = label + ("▼" if self.sort_descending else "▲")
                style = sorted_style
            if n:
                segs.append(Segment(" ", base))
            segs.append(Segment(fit(label, w, col.align), style))
        return Strip(segs).adjust_cell_length(width, base)

    def _row(self, index: int, width: int, focused: bool) -> Strip:
        base = self.rich_style
        if index % 2:
            base = base + self.get_component_rich_style("virtual-table--odd")
        cursor = index == self.cursor
        over: Style | None = None
        if cursor:
            over = self.get_component_rich_style(
                "virtual-table--cursor" if focused else "virtual-table--cursor-blurred"
            )
        elif index == self._hover:
            over = self.get_component_rich_style("virtual-table--hover")
        cells = self.row_cells(index)
        if cells is None:
            cells = [("…", "dim")] + [("", "")] * (len(self.columns) - 1)
        row_style = base + over if over else base
        segs = []
        for n, ((text, style), col, w) in enumerate(zip(cells, self.columns, self.widths(width))):
            if n:
                segs.append(Segment(" ", row_style))
            st = base + Style.parse(style) if style else base
            if over:
                st = st + over
            segs.append(Segment(fit(text, w, col.align), st))
        return Strip(segs).adjust_cell_length(width, row_style)

    # --- the cursor ------------------------------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        self._ensure_visible()
        self.refresh()
        if self.row_count:
            self.post_message(self.Highlighted(self, new))

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, self.row_count - 1)) if self.row_count else 0

    def _ensure_visible(self) -> None:
        if not self.row_count:
            return
        top = int(self.scroll_offset.y)
        rows = self.page_rows
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + rows:
            self.scroll_to(y=self.cursor - rows + 1, animate=False, immediate=True)

    def move_to(self, index: int) -> None:
        self.cursor = index

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_page_down(self) -> None:
        step = self.page_rows
        self.scroll_to(y=int(self.scroll_offset.y) + step, animate=False, immediate=True)
        self.cursor += step

    def action_page_up(self) -> None:
        step = self.page_rows
        self.scroll_to(y=max(0, int(self.scroll_offset.y) - step), animate=False, immediate=True)
        self.cursor -= step

    def action_half_page_down(self) -> None:
        self.cursor += max(1, self.page_rows // 2)

    def action_half_page_up(self) -> None:
        self.cursor -= max(1, self.page_rows // 2)

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = self.row_count - 1

    def action_select(self) -> None:
        if self.row_count:
            self.post_message(self.Selected(self, self.cursor))

    # --- the mouse -------------------------------------------------------------------------------

    def _index_at(self, y: int) -> int | None:
        if y <= 0:
            return None
        index = int(self.scroll_offset.y) + y - 1
        return index if index < self.row_count else None

    def on_click(self, event: Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        if offset.y == 0:
            x = 0
            for col, w in zip(self.columns, self.widths(self.scrollable_content_region.width)):
                if x <= offset.x < x + w + 1:
                    self.post_message(self.HeaderClicked(self, key=col.key))
                    break
                x += w + 1
            return
        index = self._index_at(offset.y)
        if index is None:
            return
        if index == self.cursor or event.chain >= 2:
            self.cursor = index
            self.post_message(self.Selected(self, index))
        else:
            self.cursor = index

    def on_mouse_move(self, event: MouseMove) -> None:
        offset = event.get_content_offset(self)
        hover = self._index_at(offset.y) if offset is not None else None
        if hover != self._hover:
            self._hover = hover
            self.refresh()

    def on_leave(self) -> None:
        if self._hover is not None:
            self._hover = None
            self.refresh()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
