"""Help: every key (from the same table as the bindings), the filter syntax, and what the columns mean."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ..messages import t as say
from . import keys
from .labels import word

FILTER_HELP = [  # (what is typed, its help in the message catalogue)
    ("", "help-f-words"),  # the first column: help-words
    ("status:WORD", "help-f-status"),
    ("rule:ID", "help-f-rule"),
    ("sev:LEVEL", "help-f-sev"),
    ("dept:TEXT", "help-f-dept"),
    ("cat:TEXT", "help-f-cat"),
    ("a,b", "help-f-alt"),
    ("→", "help-f-complete"),
]

COLUMNS_HELP = [
    ("status", "help-c-status"),
    ("errors", "help-c-errors"),
    ("warnings", "help-c-warnings"),
    ("fees", "help-c-fees"),
]

SECTIONS = {  # keys.HELP_SECTIONS' titles → the catalogue's
    "The item table": "help-sec-table",
    "Decisions (table and item screen)": "help-sec-decisions",
    "The item screen": "help-sec-item",
    "Everywhere": "help-sec-everywhere",
    "The diff screen": "help-sec-diff",
    "Dialogs": "help-sec-dialogs",
}


def key_table(lang: str) -> Table:
    t = Table(box=None, padding=(0, 2), show_header=False, expand=True)
    t.add_column(style="bold cyan", no_wrap=True, min_width=18)
    t.add_column(ratio=1, overflow="fold")  # Chinese has no spaces to wrap at: fold, never cut
    for title, table in keys.HELP_SECTIONS:
        t.add_row(Text(say(SECTIONS[title], lang), "bold underline"), "")
        for k in table:
            t.add_row(k.shown_keys, say("key:" + k.description, lang))
        t.add_row("", "")
    return t


def pairs(title: str, rows: list[tuple[str, str]]) -> Group:
    t = Table(box=None, padding=(0, 2), show_header=False, expand=True)
    t.add_column(style="bold cyan", no_wrap=True, min_width=18)
    t.add_column(ratio=1, overflow="fold")  # Chinese has no spaces to wrap at: fold, never cut
    for a, b in rows:
        t.add_row(a, b)
    return Group(Text(title, "bold underline"), t, Text(""))


class HelpScreen(ModalScreen[None]):
    CSS_PATH = "help_screen.tcss"
    BINDINGS = [
        ("escape,q,question_mark", "close", "Close"),
        ("down,j", "scroll_down", "Down"),
        ("up,k", "scroll_up", "Up"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            lang = getattr(self.app, "lang", None)
            yield Static(Text(say("help-title", lang), "bold"), id="help-title")
            yield Static(
                Group(
                    Text(say("help-intro", lang), "dim"),
                    Text(""),
                    pairs(
                        say("help-filter", lang), [(a or say("help-words", lang), say(k, lang)) for a, k in FILTER_HELP]
                    ),
                    pairs(say("help-columns", lang), [(word(c, lang), say(k, lang)) for c, k in COLUMNS_HELP]),
                    key_table(lang),
                )
            )

    def action_close(self) -> None:
        self.dismiss(None)

    def action_scroll_down(self) -> None:
        self.query_one("#help", VerticalScroll).scroll_down(animate=False)

    def action_scroll_up(self) -> None:
        self.query_one("#help", VerticalScroll).scroll_up(animate=False)
