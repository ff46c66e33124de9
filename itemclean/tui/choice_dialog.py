"""A dialog that asks which one: a fee of the item, a finding to override."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from .dialog import Dialog
from .labels import say


class ChoiceDialog(Dialog[int | None]):
    def __init__(self, title: str, choices: list[Text], about: Text | None = None) -> None:
        super().__init__()
        self.title_text, self.choices, self.about = title, choices, about

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(self.title_text, id="dialog-title", markup=False)
            if self.about is not None:
                yield Label(self.about, id="dialog-about")
            yield OptionList(*[Option(c, id=str(n)) for n, c in enumerate(self.choices)], id="choices")
            yield Label(Text(say(self, "choose-hint"), "dim"))

    def on_mount(self) -> None:
        ol = self.query_one(OptionList)
        ol.highlighted = 0
        ol.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(int(event.option.id))
