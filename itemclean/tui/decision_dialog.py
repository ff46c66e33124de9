"""The dialog that asks why (and, for a merge, into which item) before a decision is written."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from . import keys
from .dialog import Dialog
from .labels import say


@dataclass
class Answer:
    reason: str
    target: str | None = None


class DecisionDialog(Dialog[Answer | None]):
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
        targets: Callable[[str], list[tuple[str, Text]]] | None = None,
        check_target: Callable[[str], str | None] | None = None,
    ) -> None:
        """targets: (code, how it is shown) of the items to offer for what is typed as the target; check_target: why
        a target cannot be taken (the dialog stays open, with the reason kept), or None."""
        super().__init__()
        self.title_text, self.about = title, about
        self.reason_required, self.ask_target = reason_required, ask_target
        self.initial_reason, self.hint = reason, hint
        self.targets, self.check_target = targets, check_target
        self.offered: list[str] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(self.title_text, id="dialog-title", markup=False)
            yield Static(self.about, id="dialog-about")
            if self.hint is not None:
                yield Static(self.hint, id="dialog-hint")
            if self.ask_target:
                yield Label(say(self, "merge-into-label"))
                yield Input(placeholder=say(self, "merge-into-placeholder"), id="target")
                if self.targets is not None:
                    yield OptionList(id="targets")
            yield Label(say(self, "reason-required" if self.reason_required else "reason-optional"))
            yield Input(value=self.initial_reason, placeholder=say(self, "reason-placeholder"), id="reason")
            yield Label("", id="dialog-error")
            with Horizontal(id="dialog-buttons"):
                yield Button(say(self, "ok"), variant="primary", id="ok")
                yield Button(say(self, "cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#target" if self.ask_target else "#reason", Input).focus()
        if self.targets is not None:
            self.offer("")

    def offer(self, typed: str) -> None:
        """The items that match what is typed (code or name), items of the same name first."""
        found = self.targets(typed)
        self.offered = [code for code, _ in found]
        ol = self.query_one("#targets", OptionList)
        ol.clear_options()
        ol.add_options(Option(label) for _, label in found)
        ol.display = bool(found)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "target" and self.targets is not None:
            self.offer(event.value)

    def on_key(self, event) -> None:
        if event.key == "down" and self.focused is not None and self.focused.id == "target" and self.offered:
            event.stop()
            ol = self.query_one("#targets", OptionList)
            ol.highlighted = 0
            ol.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        target = self.query_one("#target", Input)
        with target.prevent(Input.Changed):
            target.value = self.offered[event.option_index]
        self.query_one("#dialog-error", Label).update("")
        self.query_one("#reason", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the target goes on to an empty reason; otherwise it submits (Dialog's handler)."""
        if event.input.id == "target" and not self.query_one("#reason", Input).value.strip():
            event.stop()
            event.prevent_default()
            self.query_one("#reason", Input).focus()

    def action_submit(self) -> None:
        reason = self.query_one("#reason", Input).value.strip()
        target = self.query_one("#target", Input).value.strip() if self.ask_target else None
        if self.ask_target and not target:
            return self._error(say(self, "name-merge-target"), "#target")
        if target and self.check_target is not None:
            wrong = self.check_target(target)
            if wrong:
                return self._error(wrong, "#target")
        if self.reason_required and not reason:
            return self._error(say(self, "reason-needed"), "#reason")
        self.dismiss(Answer(reason, target))

    def _error(self, message: str, focus: str) -> None:
        self.query_one("#dialog-error", Label).update(Text(message, "bold red"))
        self.query_one(focus, Input).focus()
