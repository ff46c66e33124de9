"""A large sheet's item rows parsed on all cores: chunks of rows to a pool of processes, results in order.

The importing process reads the file (header, section headings, blank rows, the reader's own problems)
and writes the staging tables; the pool builds the items and their staging rows. Results are applied in
the order of the rows, so that problems, cells holding control characters and columns found beyond the
header come out exactly as a reading in one process gives them.
"""

from __future__ import annotations

import copy
import os
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from .errors import Problem
from .pool import context, cores, watch
from .readers import SheetRow
from .sheet import CONTROLS_LISTED, Source
from .store.items import Batch, item_batch

POOL_MIN_BYTES = 8 << 20  # a smaller file is parsed in the importing process: a pool costs more than it saves
CHUNK = 2000  # rows per task
AHEAD = 2  # tasks in flight per process: enough to keep them busy, few enough that memory stays flat


def pooled(src: Source, fits: Callable[[Source], bool]) -> bool:
    """Whether src is large enough to parse on several cores, and fits(src) once its header is read.

    fits says whether its items can be built without the catalogue's draft (no column to carry over).
    The header is found by reading the start of a copy of the source, which is cheap for a CSV file.
    """
    if cores() < 2 or src.kind not in ("csv", "xlsx") or src.path.stat().st_size < POOL_MIN_BYTES:
        return False
    if src.kind != "csv":
        return fits(src)
    probe = copy.copy(src)
    probe.problems, probe.sections, probe.controls, probe.progress = [], [], [], None
    next(probe.item_rows(), None)
    return bool(probe.layout) and fits(probe)


Events = list[tuple[int, list[Problem], list[Problem], int, list[tuple[str | None, str]]]]


def _parse(src: Source, keys: list[str | None], start: int, rows: list[tuple[int, list[str]]]) -> tuple[Batch, Events]:
    """In a pool process: the chunk's staging rows (row i at position start + i + 1), and per row that
    reported something, (i, problems, control-cell places, control cells, columns it added)."""
    events: Events = []
    built = []
    for i, (number, cells) in enumerate(rows):
        src.problems, src.controls, src.control_cells = [], [], 0
        before = len(src.layout)
        item = src._row_item(SheetRow(number, cells, ()), keys)
        if src.problems or src.control_cells or len(src.layout) > before:
            events.append((i, src.problems, src.controls, src.control_cells, src.layout[before:]))
        if item is not None:
            built.append((start + i + 1, src.name, number, item))
    return item_batch(built), events


def batches(src: Source, position: int) -> Iterator[Batch]:
    """The staging rows of src's items, positions following position; returns the last position used.

    A row that fails leaves its position unused: its problem fails the import, so no gap is ever stored.
    """
    marks: list[int] = []  # per row sent, how many problems the reader had reported when it was read
    built: list[tuple[int, Problem]] = []  # the pool's problems, in row order, with their row's mark
    first = position
    with ProcessPoolExecutor(cores(), mp_context=context(), initializer=watch, initargs=(os.getpid(),)) as pool:
        pending: deque[tuple[int, Future]] = deque()

        def apply(start: int, future: Future) -> Batch:
            batch, events = future.result()
            for i, problems, controls, control_cells, layout in events:
                built.extend((marks[start - first + i], p) for p in problems)
                src.control_cells += control_cells
                src.controls.extend(controls[: max(0, CONTROLS_LISTED - len(src.controls))])
                src.layout.extend(col for col in layout if col not in src.layout)
            return batch

        def send(keys: list[str | None], rows: list[tuple[int, list[str]]]) -> None:
            nonlocal position
            shipped = copy.copy(src)  # what the pool needs of it: columns, headers, name
            shipped.problems, shipped.sections, shipped.controls, shipped.progress = [], [], [], None
            shipped.layout = list(src.layout)
            pending.append((position, pool.submit(_parse, shipped, keys, position, rows)))
            position += len(rows)

        rows: list[tuple[int, list[str]]] = []
        keys: list[str | None] = []
        for row, keys, _ in src.item_rows():
            rows.append((row.number, row.cells))
            marks.append(len(src.problems))
            if len(rows) == CHUNK:
                send(keys, rows)
                rows = []
                while len(pending) > AHEAD * cores():
                    yield apply(*pending.popleft())
        if rows:
            send(keys, rows)
        while pending:
            yield apply(*pending.popleft())
    src.problems[:] = _in_reading_order(src.problems, built)
    return position


def _in_reading_order(read: list[Problem], built: list[tuple[int, Problem]]) -> list[Problem]:
    """The reader's problems and the pool's, as one process reports them: a row's problems right after
    those the reader had reported when it read the row."""
    out: list[Problem] = []
    j = 0
    for i, p in enumerate(read):
        while j < len(built) and built[j][0] <= i:
            out.append(built[j][1])
            j += 1
        out.append(p)
    out += [p for _, p in built[j:]]
    return out
