"""The filter bar: `/` comes here, the table follows every keystroke, Esc or Enter goes back."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.suggester import Suggester
from textual.widgets import Input, Label

from ..store.browse import SEVERITIES, STATUSES
from .labels import say
from .query import KEYS, last_token


class FilterSuggester(Suggester):
    """Completes the value of the last `key:` token: statuses, severities, rule ids, departments."""

    def __init__(self, rules: list[str], departments: list[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.values = {
            "statuses": [*STATUSES, "todo", "decided"],
            "severities": list(SEVERITIES),
            "rules": rules,
            "departments": departments,
            "categories": [],
        }

    async def get_suggestion(self, value: str) -> str | None:
        head, key, typed = last_token(value)
        field = KEYS.get(key.lower()) if key else None
        if field is None:
            if typed and ":" not in typed:
                for k in ("status:", "rule:", "sev:", "dept:", "cat:"):
                    if k.startswith(typed) and k != typed:
                        return head + k
            return None
        typed = typed.split(",")[-1]
        before = value[: len(value) - len(typed)]
        for v in self.values[field]:
            if v.startswith(typed) and v != typed:
                return before + v
        return None


class FilterInput(Input):
    BINDINGS = [Binding("escape,down", "leave", "Back", key_display="Esc")]

    class Leave(Message):
        """Esc or ↓ in the filter bar: back to the table."""

    def action_leave(self) -> None:
        self.post_message(self.Leave())


class FilterBar(Horizontal):
    DEFAULT_CSS = """
    FilterBar {
        height: 1;
        margin: 1 0 0 0;
    }
    FilterBar > #filter {
        border: none;
        height: 1;
        width: 1fr;
        padding: 0 1;
        background: $boost;
    }
    FilterBar > #filter:focus {
        background: $primary 20%;
    }
    FilterBar > #matches {
        width: auto;
        min-width: 16;
        padding: 0 1;
        color: $text-muted;
        text-align: right;
    }
    """

    def __init__(self, suggester: Suggester | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._suggester = suggester

    def compose(self) -> ComposeResult:
        yield FilterInput(
            placeholder=say(self, "filter-placeholder"), id="filter", suggester=self._suggester, select_on_focus=False
        )
        yield Label("", id="matches")

    def show_count(self, shown: int, total: int, *, complete: bool = True) -> None:
        if not complete:  # the first matches only, the rest being read
            text = say(self, "shown-so-far", shown=f"{shown:,}", total=f"{total:,}")
        elif shown != total:
            text = say(self, "shown-of", shown=f"{shown:,}", total=f"{total:,}")
        else:
            text = say(self, "n-items", total=f"{total:,}")
        self.query_one("#matches", Label).update(text)
