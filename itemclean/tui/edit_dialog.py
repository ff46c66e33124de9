"""The dialog that changes one field of the item, in the cell syntax of FORMAT.md (an amendment)."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select, TextArea

from ..model import Item
from ..results import field_name
from ..review import EDITABLE
from .dialog import Dialog
from .labels import say
from .text import shown

HINTS = {"basis": "e-hint-basis", "materials": "e-hint-materials", "fees": "e-hint-fees"}
HINTS |= {"statutory_limit": "e-hint-limit", "promised_limit": "e-hint-limit"}


@dataclass
class Edit:
    field: str
    text: str
    reason: str


class EditDialog(Dialog[Edit | None]):
    BINDINGS = [("ctrl+s", "submit", "Save")]

    def __init__(self, item: Item, field: str = "basis") -> None:
        super().__init__()
        self.item, self.start = item, field

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="wide"):
            yield Label(say(self, "e-title", code=shown(self.item.code)), id="dialog-title", markup=False)
            yield Select(
                [(field_name(k, self.app.lang), k) for k in EDITABLE], value=self.start, allow_blank=False, id="field"
            )
            yield Label("", id="edit-hint")
            yield TextArea(self.item.cell(self.start), id="value", soft_wrap=True, show_line_numbers=False)
            yield Label(say(self, "reason-optional"))
            yield Input(placeholder=say(self, "e-reason-placeholder"), id="reason")
            yield Label("", id="dialog-error")
            with Horizontal(id="dialog-buttons"):
                yield Button(say(self, "e-save"), variant="primary", id="ok")
                yield Button(say(self, "cancel"), id="cancel")

    def on_mount(self) -> None:
        self._hint(self.start)
        self.query_one(TextArea).focus()

    def _hint(self, key: str) -> None:
        self.query_one("#edit-hint", Label).update(Text(say(self, HINTS[key]) if key in HINTS else "", "dim"))

    def on_select_changed(self, event: Select.Changed) -> None:
        key = str(event.value)
        self.query_one(TextArea).text = self.item.cell(key)
        self._hint(key)

    def action_submit(self) -> None:
        key = str(self.query_one(Select).value)
        text = self.query_one(TextArea).text
        if text == self.item.cell(key):
            self.query_one("#dialog-error", Label).update(Text(say(self, "e-unchanged"), "yellow"))
            return
        self.dismiss(Edit(key, text, self.query_one("#reason", Input).value.strip()))
