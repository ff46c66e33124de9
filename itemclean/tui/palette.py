"""The command palette, with its "no match" line in the screen's language."""

from __future__ import annotations

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette
from textual.widgets.option_list import Option

from .labels import say


class Palette(CommandPalette):
    def _start_no_matches_countdown(self, search_value: str) -> None:
        """As Textual's, with our words: after a moment without a match, a line saying there is none."""
        self._stop_no_matches_countdown()

        def show() -> None:
            self._list_visible = bool(search_value)
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(
                        Align.center(Text(say(self, "palette-none"), style="not bold")),
                        disabled=True,
                        id=self._NO_MATCHES,
                    )
                )

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show)
