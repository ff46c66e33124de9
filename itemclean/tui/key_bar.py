"""The footer of the table and the item screen: the keys shown, wrapped between keys, never cut."""

from __future__ import annotations

from rich.text import Text
from textual.screen import Screen
from textual.widgets import Static

from .flow import Flow
from .labels import footer_word


class KeyBar(Static):
    DEFAULT_CSS = """
    KeyBar {
        height: auto;
        padding: 0 1;
        background: $panel;
    }
    """

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        self.bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen) -> None:
        pieces, seen = [], set()
        for active in screen.active_bindings.values():
            b = active.binding
            if not b.show or not active.enabled or b.action in seen:
                continue
            seen.add(b.action)
            pieces.append(Text.assemble((self.app.get_key_display(b), "bold"), " ", footer_word(self, b.description)))
        self.update(Flow(pieces, sep="  ", sep_style=""))
