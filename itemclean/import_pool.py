"""A large sheet's item rows parsed on all cores: chunks of rows to a pool of processes, results in order.

A CSV file in an encoding that can be cut by its bytes is read by the pool itself: the importing process
reads it up to its first item row (header, titles), cuts the rest into blocks of whole records and writes
the staging tables; a pool process decodes and parses a block, tells its blank rows and section headings,
and builds the items and their staging rows. A block the fast reader would not take (bytes that do not
decode, CSV that is not well formed) ends that: from its first record on, the importing process reads
the file as below, so that every problem is reported where a reading in one process reports it.

Otherwise the importing process reads the file (header, section headings, blank rows, the reader's own
problems) and sends chunks of rows' cells; the pool builds the items and their staging rows. Results are
applied in the order of the rows, so that problems, cells holding control characters and columns found
beyond the header come out exactly as a reading in one process gives them.
"""

from __future__ import annotations

import copy
import marshal
import os
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from .errors import Problem
from .pool import context, cores, started
from .readers import (
    BYTE_CUT_ENCODINGS,
    SheetRow,
    check_encoding,
    csv_blocks,
    csv_delimiter,
    detect_encoding,
    read_csv_block,
)
from .sheet import CONTROLS_LISTED, Source
from .store.items import Batch, item_batch

POOL_MIN_BYTES = 8 << 20  # a smaller file is parsed in the importing process: a pool costs more than it saves
CHUNK = 2000  # rows per task
AHEAD = 2  # tasks in flight per process: enough to keep them busy, few enough that memory stays flat
ROW_BYTES = 512  # about what a row of a catalogue takes in a CSV file: a block of CHUNK rows is CHUNK * ROW_BYTES


def pooled(src: Source, fits: Callable[[Source], bool]) -> bool:
    """Whether src is large enough to parse on several cores, and fits(src) once its header is read.

    fits says whether its items can be built without the catalogue's draft (no column to carry over).
    The header is found by reading the start of a copy of the source, which is cheap for a CSV file.
    """
    if cores() < 2 or src.kind not in ("csv", "xlsx") or src.path.stat().st_size < POOL_MIN_BYTES:
        return False
    if src.kind != "csv":
        return fits(src)
    probe = _blank(src)
    next(probe.item_rows(), None)
    return bool(probe.layout) and fits(probe)


def _blank(src: Source) -> Source:
    """A copy of src that has reported nothing yet, for another reading of it or for the pool."""
    out = copy.copy(src)
    out.problems, out.sections, out.controls, out.progress = [], [], [], None
    out.layout = list(src.layout)
    return out


Events = list[tuple[int, list[Problem], list[Problem], int, list[tuple[str | None, str]]]]
# what a pool process gives for a block of a file: staging rows numbered from 1 (marshalled), events, item
# rows, section headings, blank rows; None when the block is left to the importing process
Block = tuple[bytes, Events, int, list[str], int] | None


def _parse_block(
    src: Source, keys: list[str | None], block: tuple[int, int, bytes], enc: str, delimiter: str, after: int
) -> Block:
    """In a pool process: the item rows, section headings and blank rows of a block of the file (its rows
    from row number after on), its items at positions from 1."""
    first, records, data = block
    rows = read_csv_block(data, enc, first, delimiter, records)
    if rows is None:
        return None
    sections: list[str] = []
    blank = 0
    items: list[tuple[int, list[str]]] = []
    for row in rows:
        if row.number < after:
            continue
        kind = src.row_kind(row, keys)
        if kind is None:
            blank += 1
        elif kind is True or kind is False:
            items.append((row.number, row.cells))
        else:
            sections.append(kind)
    batch, events = _parse(src, keys, 0, items)
    return batch, events, len(items), sections, blank


def _parse(src: Source, keys: list[str | None], start: int, rows: list[tuple[int, list[str]]]) -> tuple[bytes, Events]:
    """In a pool process: the chunk's staging rows (row i at position start + i + 1), marshalled, and per
    row that reported something, (i, problems, control-cell places, control cells, columns it added).

    The rows are tuples of text and numbers, which marshal writes and reads back a third quicker than
    pickle; both processes run the same Python, whose marshal format they share."""
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
    return marshal.dumps(item_batch(built)), events


def _pool() -> ProcessPoolExecutor:
    return ProcessPoolExecutor(cores(), mp_context=context(), initializer=started, initargs=(os.getpid(),))


def batches(src: Source, position: int) -> Iterator[tuple[int, Batch]]:
    """The staging rows of src's items, each batch with the position its rows' positions follow; returns
    the last position used.

    A row that fails leaves its position unused: its problem fails the import, so no gap is ever stored.
    """
    plan = _plan(src)
    if plan is None:
        return (yield from _sent_rows(src, position, src.item_rows()))
    probe, first, keys, enc, delimiter = plan
    for key, value in vars(probe).items():  # the reading up to the first item row (header, titles)
        if key not in ("problems", "controls", "progress"):
            setattr(src, key, value)
    position, resume = yield from _read_blocks(src, position, (keys, first, enc, delimiter))
    if resume is None:
        return position
    return (yield from _sent_rows(src, position, src.item_rows((resume, keys))))


def _plan(src: Source) -> tuple[Source, int, list[str | None], str, str] | None:
    """For a CSV file the pool can read by its bytes: its reading up to its first item row, that row's
    number, the header's keys, the encoding and the delimiter. None for any other file, or one whose
    first rows have problems (they are reported by a reading in the importing process)."""
    if src.kind != "csv":
        return None
    enc = check_encoding(src.encoding) if src.encoding else detect_encoding(src.path)
    if enc not in BYTE_CUT_ENCODINGS:
        return None
    probe = _blank(src)
    first = next(probe.item_rows(), None)
    if first is None or probe.problems:
        return None
    with src.path.open("rb") as f:
        line = f.readline().decode(enc, errors="replace")
    return probe, first[0].number, first[1], enc, csv_delimiter(src.path, line)


def _read_blocks(
    src: Source, position: int, how: tuple[list[str | None], int, str, str]
) -> Iterator[tuple[int, Batch]]:
    """The direct reading: blocks of the file to the pool, results applied in order. Returns the last
    position used, and the row number the importing process reads on from (None when the pool read all)."""
    keys, first, enc, delimiter = how
    with _pool() as pool:
        pending: deque[tuple[int, Future]] = deque()

        def apply(record: int, future: Future) -> tuple[int, Batch] | None:
            nonlocal position
            got = future.result()
            if got is None:
                return None
            batch, events, items, sections, blank = got
            _take_events(src, events, lambda i, p: src.problems.append(p))
            src.sections += sections
            src.blank_rows += blank
            shift, position = position, position + items
            return shift, marshal.loads(batch)

        for block in csv_blocks(src.path, CHUNK * ROW_BYTES, src.progress):
            record, records, _ = block
            if record + records <= first:  # before the first item row: read already
                continue
            shipped = _blank(src)
            pending.append((record, pool.submit(_parse_block, shipped, keys, block, enc, delimiter, first)))
            while len(pending) > AHEAD * cores():
                record, future = pending.popleft()
                if (done := apply(record, future)) is None:
                    return position, _stop(pending, max(record, first))
                yield done
        while pending:
            record, future = pending.popleft()
            if (done := apply(record, future)) is None:
                return position, _stop(pending, max(record, first))
            yield done
    return position, None


def _stop(pending: deque[tuple[int, Future]], record: int) -> int:
    for _, future in pending:
        future.cancel()
    return record


def _take_events(src: Source, events: Events, problem: Callable[[int, Problem], None]) -> None:
    """A chunk's events applied to src: control cells, columns found beyond the header; problem(i, p) for
    each problem of row i of the chunk."""
    for i, problems, controls, control_cells, layout in events:
        for p in problems:
            problem(i, p)
        src.control_cells += control_cells
        src.controls.extend(controls[: max(0, CONTROLS_LISTED - len(src.controls))])
        src.layout.extend(col for col in layout if col not in src.layout)


def _sent_rows(
    src: Source, position: int, item_rows: Iterator[tuple[SheetRow, list[str | None], bool]]
) -> Iterator[tuple[int, Batch]]:
    """The reading in the importing process: chunks of rows' cells to the pool, results applied in order."""
    marks: list[int] = []  # per row sent, how many problems the reader had reported when it was read
    built: list[tuple[int, Problem]] = []  # the pool's problems, in row order, with their row's mark
    first = position
    with _pool() as pool:
        pending: deque[tuple[int, Future]] = deque()

        def apply(start: int, future: Future) -> tuple[int, Batch]:
            batch, events = future.result()
            _take_events(src, events, lambda i, p: built.append((marks[start - first + i], p)))
            return 0, marshal.loads(batch)

        def send(keys: list[str | None], rows: list[tuple[int, list[str]]]) -> None:
            nonlocal position
            pending.append((position, pool.submit(_parse, _blank(src), keys, position, rows)))
            position += len(rows)

        rows: list[tuple[int, list[str]]] = []
        keys: list[str | None] = []
        for row, keys, _ in item_rows:
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
