"""The main screen's table of items: a VirtualTable over an ItemList."""

from __future__ import annotations

from ..store.browse import BrowseRow
from .item_list import ItemList
from .labels import STATUS_STYLES, status_name, word
from .text import one_line
from .virtual_table import Cell, Column, VirtualTable


def item_columns(lang: str, code_width: int) -> list[Column]:
    return [
        Column("code", word("code", lang), width=max(6, min(code_width, 20))),
        Column("name", word("name", lang), weight=5, minimum=10),
        Column("department", word("department", lang), weight=2, minimum=6),
        Column("category", word("category_column", lang), weight=1, minimum=4),
        Column("status", word("status", lang), width=12 if lang == "en" else 6),
        Column("errors", word("errors", lang), width=5, align="right"),
        Column("warnings", word("warnings", lang), width=4, align="right"),
        Column("fees", word("fees", lang), width=4, align="right"),
    ]


class ItemTable(VirtualTable):
    def __init__(self, items: ItemList, lang: str, *, id: str | None = None) -> None:
        super().__init__(item_columns(lang, items.code_width()), id=id)
        self.items = items
        self.lang = lang
        self.sort_key = None

    @property
    def row_count(self) -> int:
        return len(self.items)

    def current(self) -> BrowseRow | None:
        return self.items.row(self.cursor) if self.row_count else None

    def row_cells(self, index: int) -> list[Cell] | None:
        r = self.items.row(index)
        if r is None:
            return None
        if r.errors == 0:
            err = ("", "")
        elif r.open_errors == r.errors:
            err = (str(r.errors), "bold red")
        elif r.open_errors:
            err = (f"{r.open_errors}/{r.errors}", "red")
        else:
            err = (f"✓{r.errors}", "green")
        fees = ("", "")
        if r.fees_flagged:
            fees = (f"-{r.fees_flagged}", "bold magenta")
        elif r.fees:
            fees = (str(r.fees), "dim")
        return [
            (one_line(self.items.short_code(r.code)), "bold"),
            (one_line(r.name), ""),
            (one_line(r.department), ""),
            (one_line(r.category), "dim"),
            (status_name(r.status, self.lang), STATUS_STYLES.get(r.status, "")),
            err,
            (str(r.warnings) if r.warnings else "", "yellow"),
            fees,
        ]

    def recolumn(self) -> None:
        """The code column's width again (a large catalogue's widest code is read after the first screen)."""
        self.columns = item_columns(self.lang, self.items.code_width())
        self._widths_for = -1
        self.refresh_rows()

    def refresh_rows(self, *, keep_cursor: bool = True) -> None:
        self.sort_key = self.items.query.sort if self.items.query.sort != "position" else None
        self.sort_descending = self.items.query.descending
        self.data_changed(keep_cursor=keep_cursor)
