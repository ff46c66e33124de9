"""Every key of the interface, in one table: the bindings, the footer, the help screen and the
command palette are all made from it, so they cannot disagree."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding


@dataclass(frozen=True)
class Key:
    keys: str  # Textual key names, comma-separated
    action: str
    description: str
    group: str
    show: bool = False  # shown in the footer
    display: str | None = None  # how the help screen writes the keys
    palette: bool = True  # offered in the command palette
    footer_text: str | None = None  # shorter description for the footer

    @property
    def shown_keys(self) -> str:
        if self.display:
            return self.display
        names = {
            "slash": "/",
            "question_mark": "?",
            "enter": "Enter",
            "escape": "Esc",
            "up": "↑",
            "down": "↓",
            "pageup": "PgUp",
            "pagedown": "PgDn",
            "home": "Home",
            "end": "End",
            "ctrl+q": "Ctrl+Q",
            "ctrl+p": "Ctrl+P",
            "right_square_bracket": "]",
            "left_square_bracket": "[",
            "greater_than_sign": ">",
            "less_than_sign": "<",
            "space": "Space",
            "tab": "Tab",
            "shift+tab": "Shift+Tab",
            "ctrl+u": "Ctrl+U",
            "ctrl+d": "Ctrl+D",
            "ctrl+f": "Ctrl+F",
            "ctrl+b": "Ctrl+B",
            "ctrl+s": "Ctrl+S",
            "ctrl+k": "Ctrl+K",
        }
        return " ".join(names.get(k, k) for k in self.keys.split(","))

    def binding(self) -> Binding:
        return Binding(
            self.keys,
            self.action,
            self.footer_text or self.description,
            show=self.show,
            key_display=self.shown_keys.split(" ")[0] if self.show else None,
        )


MOVE = "Move"
DECIDE = "Decide"
CATALOGUE = "Catalogue"
VIEW = "Screens"

# Moving in a list (the item table and the diff list).
TABLE = [
    Key("down,j", "cursor_down", "next row", MOVE, palette=False),
    Key("up,k", "cursor_up", "previous row", MOVE, palette=False),
    Key("pagedown,ctrl+f", "page_down", "page down", MOVE, palette=False),
    Key("pageup,ctrl+b", "page_up", "page up", MOVE, palette=False),
    Key("ctrl+d", "half_page_down", "half a page down", MOVE, palette=False),
    Key("ctrl+u", "half_page_up", "half a page up", MOVE, palette=False),
    Key("home,g", "first", "first row", MOVE, palette=False),
    Key("end,G", "last", "last row", MOVE, palette=False),
    Key("enter", "select", "open the item", MOVE, show=True, footer_text="Open", palette=False),
]

# What a reviewer does to the item under the cursor (main screen) or shown (detail screen).
ITEM = [
    Key("K", "keep", "keep the item", DECIDE, show=True, footer_text="Keep"),
    Key("A", "abolish", "abolish the item (asks a reason)", DECIDE, show=True, footer_text="Abolish"),
    Key("C", "amend", "keep it amended (asks a reason)", DECIDE, footer_text="Amend"),
    Key("M", "merge", "merge into another item (asks the target and a reason)", DECIDE, show=True, footer_text="Merge"),
    Key("f", "fee", "flag a fee for removal, or take the flag back", DECIDE, show=True, footer_text="Fee"),
    Key("o", "override", "override a finding with a written reason", DECIDE, footer_text="Override"),
    Key("c", "edit", "change a field of the item (records an amendment)", DECIDE, footer_text="Edit"),
    Key("u", "undo", "undo the item's latest decision", DECIDE, show=True, footer_text="Undo"),
    Key("p", "proposals", "accept or reject a department's proposed edit", DECIDE, footer_text="Proposed"),
    Key("n", "next_todo", "next item that needs a decision", MOVE, show=True, footer_text="Next"),
    Key("N", "prev_todo", "previous item that needs a decision", MOVE),
    Key("e", "next_error", "next item with an unresolved error", MOVE),
    Key("E", "prev_error", "previous item with an unresolved error", MOVE),
]

MAIN = [
    Key("slash", "focus_filter", "filter the items (Esc leaves the filter bar)", VIEW, show=True, footer_text="Filter"),
    Key("ctrl+k", "keep_rest", "keep every item of the list that needs a decision (asks first)", DECIDE),
    Key("s", "sort", "sort by the next column", VIEW),
    Key("S", "reverse", "reverse the sort order", VIEW),
    Key("q", "app.quit", "quit", VIEW, palette=False),
]

DETAIL = [
    Key("escape,q", "close", "back to the table", VIEW, show=True, footer_text="Back"),
    Key("right_square_bracket", "next_item", "next item of the table", MOVE),
    Key("left_square_bracket", "prev_item", "previous item of the table", MOVE),
    Key("down,j", "scroll_down", "scroll down", MOVE, palette=False),
    Key("up,k", "scroll_up", "scroll up", MOVE, palette=False),
    Key("pagedown,space", "page_down", "page down", MOVE, palette=False),
    Key("pageup", "page_up", "page up", MOVE, palette=False),
]

APP = [
    Key("R", "app.audit", "re-run the audit", CATALOGUE),
    Key(
        "V", "app.approve", "approve the catalogue (shows what blocks it)", CATALOGUE, show=True, footer_text="Approve"
    ),
    Key("d", "app.diff", "compare versions (or the draft)", CATALOGUE, footer_text="Diff"),
    Key("r", "app.reload", "reload from the database (see others' decisions)", CATALOGUE),
    Key("question_mark", "app.help", "help: every key", VIEW, show=True, footer_text="Help"),
    Key("ctrl+p", "app.command_palette", "command palette", VIEW, palette=False),
    QUIT := Key("ctrl+q", "app.quit", "quit", VIEW, show=True, footer_text="Quit", palette=False),
]

DIFF = [
    Key("escape,q", "close", "back", VIEW, show=True, footer_text="Back"),
    Key("a", "pick_a", "choose the older side", VIEW, show=True, footer_text="Side A"),
    Key("b", "pick_b", "choose the newer side", VIEW, show=True, footer_text="Side B"),
    Key("tab", "app.focus_next", "next pane", VIEW, palette=False),
]

DIALOG = [
    Key("enter", "submit", "confirm", VIEW, display="Enter", palette=False),
    Key("escape", "cancel", "cancel", VIEW, palette=False),
]


def bindings(*tables: list[Key]) -> list[Binding]:
    return [k.binding() for t in tables for k in t]


HELP_SECTIONS: list[tuple[str, list[Key]]] = [
    ("The item table", TABLE + MAIN),
    ("Decisions (table and item screen)", ITEM),
    ("The item screen", DETAIL),
    ("Everywhere", APP),
    ("The diff screen", DIFF),
    ("Dialogs", DIALOG),
]
