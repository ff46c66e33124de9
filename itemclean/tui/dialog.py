"""What every dialog of the review screen shares: its styles (dialogs.tcss), OK (#ok) and Enter in an input
submit it, Cancel (#cancel) and Esc dismiss it with None."""

from __future__ import annotations

from typing import TypeVar

from textual import on
from textual.screen import ModalScreen
from textual.widgets import Button, Input

from . import keys

Result = TypeVar("Result")


class Dialog(ModalScreen[Result]):
    CSS_PATH = "dialogs.tcss"
    BINDINGS = keys.bindings(keys.DIALOG[1:])  # Esc

    @on(Button.Pressed, "#ok")
    def ok_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_submit()

    @on(Button.Pressed, "#cancel")
    def cancel_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_cancel()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_submit()

    def action_submit(self) -> None:
        """Check what was entered and dismiss the dialog with it (or say what is wrong)."""

    def action_cancel(self) -> None:
        self.dismiss(None)
