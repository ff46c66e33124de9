"""A bounded memo: what a function gives for each key asked, kept for the keys asked again."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class Memo(dict):
    """made(key) for each key asked, found once and kept: a catalogue asks the same titles and texts again and
    again. At most kept keys (then it starts again), so that a province's many distinct texts never grow it
    without bound."""

    def __init__(self, made: Callable[[Any], Any], kept: int):
        super().__init__()
        self.made, self.kept = made, kept

    def __missing__(self, key: Any) -> Any:
        value = self.made(key)
        if len(self) >= self.kept:
            self.clear()
        self[key] = value
        return value
