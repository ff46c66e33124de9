"""Item text for the terminal: always literal, one line where a cell needs one, CJK-aware widths."""

from __future__ import annotations

import re

from rich.cells import cell_len, set_cell_size
from rich.text import Text

from ..normalize import visible

# C1 controls and the bidirectional controls, which some terminals obey: shown as escapes too.
_MORE_CONTROL = re.compile(r"[\x80-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_BREAKS = re.compile(r"\r\n|[\r\n\t\v\f\u2028\u2029]")


def shown(value: object) -> str:
    """Data made safe to print: control characters escaped (`\\x07`), never obeyed."""
    s = visible("" if value is None else str(value))
    return _MORE_CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", s)


def one_line(value: object) -> str:
    """shown() with line breaks and tabs as spaces, for a table cell."""
    return shown(_BREAKS.sub(" ", "" if value is None else str(value)))


def literal(value: object, style: str = "") -> Text:
    """A rich Text of data: no markup is read, no control character reaches the terminal."""
    return Text(shown(value), style=style)


def fit(text: str, width: int, align: str = "left") -> str:
    """text in exactly `width` terminal cells: padded, or cut with an ellipsis (wide characters count two)."""
    if width <= 0:
        return ""
    n = cell_len(text)
    if n > width:
        if width == 1:
            return set_cell_size(text, 1)
        cut, used = [], 0
        for ch in text:  # whole characters only: a wide one that would straddle the edge is left out
            w = cell_len(ch)
            if used + w > width - 1:
                break
            cut.append(ch)
            used += w
        return "".join(cut) + "…" + " " * (width - 1 - used)
    pad = " " * (width - n)
    return pad + text if align == "right" else text + pad


__all__ = ["cell_len", "fit", "literal", "one_line", "shown"]
