"""Help: every key (from the same table as the bindings), the filter syntax, and what the columns mean."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from . import keys

FILTER_HELP = [
    ("words", "each word must match the code, the name or the department (case-blind)"),
    (
        "status:WORD",
        "undecided, needs-review, keep, amend, abolish, merge; todo = undecided or needs-review; "
        "decided; prefixes work (status:un)",
    ),
    ("rule:ID", "items with a finding of this rule; a prefix picks a family (rule:fee, rule:basis)"),
    ("sev:LEVEL", "items with a finding of this severity: error, warning, info"),
    ("dept:TEXT", "department contains TEXT (dept:市场)"),
    ("cat:TEXT", "category contains TEXT (cat:行政许可)"),
    ("a,b", "alternatives: status:keep,amend; a filter given twice also means either"),
    ("→", "accepts the completion shown after the cursor"),
]

COLUMNS_HELP = [
    ("Status", "the latest decision; needs-review: the item changed in a re-import after it was decided"),
    (
        "Err",
        "error findings; 1/3 = one of three still open, ✓3 = all resolved (override, fee removal, abolish or merge)",
    ),
    ("Warn", "warning findings"),
    ("Fee", "fees charged; -1 = one flagged for removal"),
]


def key_table() -> Table:
    t = Table(box=None, padding=(0, 2), show_header=False, expand=True)
    t.add_column(style="bold cyan", no_wrap=True, min_width=18)
    t.add_column(ratio=1)
    for title, table in keys.HELP_SECTIONS:
        t.add_row(Text(title, "bold underline"), "")
        for k in table:
            t.add_row(k.shown_keys, k.description)
        t.add_row("", "")
    return t


def pairs(title: str, rows: list[tuple[str, str]]) -> Group:
    t = Table(box=None, padding=(0, 2), show_header=False, expand=True)
    t.add_column(style="bold cyan", no_wrap=True, min_width=18)
    t.add_column(ratio=1)
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
            yield Static(Text("itemclean review: keys", "bold"), id="help-title")
            yield Static(
                Group(
                    Text(
                        "Every action writes to the decision log, as `itemclean decide` does; `itemclean log` "
                        "shows it; other reviewers' decisions show here within seconds. Ctrl+P opens the command "
                        "palette with the same actions. The mouse works: click a row to select it, click it again to "
                        "open it, click a column title to sort.",
                        "dim",
                    ),
                    Text(""),
                    pairs("The filter bar (/)", FILTER_HELP),
                    pairs("The columns", COLUMNS_HELP),
                    key_table(),
                )
            )

    def action_close(self) -> None:
        self.dismiss(None)

    def action_scroll_down(self) -> None:
        self.query_one("#help", VerticalScroll).scroll_down(animate=False)

    def action_scroll_up(self) -> None:
        self.query_one("#help", VerticalScroll).scroll_up(animate=False)
