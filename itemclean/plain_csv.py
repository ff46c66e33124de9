"""A plain CSV file read at full speed, for a diff: its rows of cells, or NotPlain as soon as it is not plain.

Plain is what almost every file is: UTF-8 text that decodes, CSV that is well formed (strict), no CR
that does not end a line. The bytes are checked as they are read, a chunk at a time; anything else
raises NotPlain, and the diff reads both sides again the careful way (readers.read_csv), which reports
what is wrong where it is. Rows are cleaned as readers.read_csv cleans them (a guard against formulas
and a stray byte-order mark dropped): every row once a quote mark ' has been read (before, no cell can
be guarded), and a row that starts with a byte-order mark.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
from collections.abc import Iterator
from pathlib import Path

from .readers import _csv_cells, check_encoding, csv_delimiter, detect_encoding

CHUNK = 1 << 16  # bytes read and checked at a time
_UTF8 = ("utf-8", "utf-8-sig")


class NotPlain(Exception):
    """The file needs the careful reader."""


def plain_encoding(path: Path, encoding: str | None) -> bool:
    """Whether the file is read as UTF-8 (asked for, or found), the only encoding read here."""
    try:
        return (check_encoding(encoding) if encoding else detect_encoding(path)) in _UTF8
    except Exception:  # an unknown encoding is the careful reader's to report
        return False


_BARE_CR = re.compile(rb"\r(?!\n)")


class _Checked(io.BufferedIOBase):
    """The file's bytes, each chunk checked for a CR that does not end a line (NotPlain), and for a quote
    mark, after which rows are cleaned (`marked`)."""

    def __init__(self, raw: io.BufferedReader):
        self.raw = raw
        self.marked = False
        self.cr = False  # the chunk before ended in a CR, which the next must follow with an LF

    def readable(self) -> bool:
        return True

    def read1(self, size: int = -1) -> bytes:
        data = self.raw.read(size if size >= 0 else CHUNK)
        if self.cr and data[:1] != b"\n":
            raise NotPlain
        bare = _BARE_CR.search(data)
        if bare is not None and bare.start() != len(data) - 1:
            raise NotPlain
        self.cr = bare is not None
        if not self.marked and b"'" in data:
            self.marked = True
        return data

    read = read1


def plain_rows(path: Path) -> Iterator[list[str]]:
    """Rows of cells of a plain CSV file, in order (the first is record 1); NotPlain where it is not plain."""
    with path.open("rb") as raw:
        checked = _Checked(raw)
        f = io.TextIOWrapper(checked, encoding="utf-8-sig", newline="")
        f._CHUNK_SIZE = CHUNK  # bytes decoded at a time (8 KiB by default)
        try:
            first = f.readline()
            rows = itertools.chain([first], f) if first else f
            for cells in csv.reader(rows, delimiter=csv_delimiter(path, first), strict=True):
                yield _csv_cells(cells) if checked.marked or (cells and cells[0][:1] == "\ufeff") else cells
        except (UnicodeDecodeError, csv.Error):
            raise NotPlain from None
