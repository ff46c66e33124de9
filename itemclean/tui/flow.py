"""Lines of short pieces (counts, key hints) that wrap between pieces, never inside one."""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text


class Flow:
    """Pieces laid out left to right with sep between them; a piece that does not fit the line's
    remaining width starts the next line (a piece wider than the whole line is folded)."""

    def __init__(self, pieces: list[Text], sep: str = " · ", sep_style: str = "dim") -> None:
        self.pieces = [p for p in pieces if p.plain]
        self.sep = Text(sep, sep_style)

    def lines(self, width: int) -> list[Text]:
        lines: list[Text] = []
        line: Text | None = None
        for p in self.pieces:
            if line is not None and cell_len(line.plain) + cell_len(self.sep.plain) + cell_len(p.plain) <= width:
                line.append_text(self.sep)
                line.append_text(p)
            else:
                if line is not None:
                    lines.append(line)
                line = p.copy()
        if line is not None:
            lines.append(line)
        return lines

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in self.lines(options.max_width):
            line.overflow = "fold"
            yield line

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        widest = max((cell_len(p.plain) for p in self.pieces), default=0)
        total = sum(cell_len(p.plain) for p in self.pieces) + cell_len(self.sep.plain) * max(0, len(self.pieces) - 1)
        return Measurement(min(widest, options.max_width), min(total, options.max_width))
