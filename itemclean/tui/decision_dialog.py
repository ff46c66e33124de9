"""The dialog that asks why (and, for a merge, into which item) before a decision is written."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from . import keys


@dataclass
class Answer:
    reason: str
    target: str | None = None


class DecisionDialog(ModalScreen[Answer | None]):
    CSS_PATH = "dialogs.tcss"
    BINDINGS = keys.bindings(keys.DIALOG)

    def __init__(
        self,
        title: str,
        about: Text,
        *,
        reason_required: bool = True,
        ask_target: bool = False,
        reason: str = "",
        hint: Text | None = None,
    ) -> None:
        super().__init__()
        self.title_text, self.about = title, about
        self.reason_required, self.ask_target = reason_required, ask_target
        self.initial_reason, self.hint = reason, hint

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(self.title_text, id="dialog-title", markup=False)
            yield Static(self.about, id="dialog-about")
            if self.hint is not None:
                yield Static(self.hint, id="dialog-hint")
            if self.ask_target:
                yield Label("Merge into (item code):")
                yield Input(placeholder="code of the item that takes this one over", id="target")
            yield Label("Reason" + (" (required):" if self.reason_required else " (optional):"))
            yield Input(value=self.initial_reason, placeholder="why", id="reason")
            yield Label("", id="dialog-error")
            with Horizontal(id="dialog-buttons"):
                yield Button("OK", variant="primary", id="ok")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#target" if self.ask_target else "#reason", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "target" and not self.query_one("#reason", Input).value.strip():
            self.query_one("#reason", Input).focus()
            return
        self.action_submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "ok":
            self.action_submit()
        else:
            self.action_cancel()

    def action_submit(self) -> None:
        reason = self.query_one("#reason", Input).value.strip()
        target = self.query_one("#target", Input).value.strip() if self.ask_target else None
        if self.ask_target and not target:
            return self._error("Name the item to merge into.", "#target")
        if self.reason_required and not reason:
            return self._error("A reason is required: it goes into the decision log.", "#reason")
        self.dismiss(Answer(reason, target))

    def _error(self, message: str, focus: str) -> None:
        self.query_one("#dialog-error", Label).update(Text(message, "bold red"))
        self.query_one(focus, Input).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)
