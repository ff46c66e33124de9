"""Writers of a catalogue: CSV (UTF-8 with BOM for Excel), JSON, JSON Lines and XLSX.

They stream items, so an export of 100,000 items never holds them all (XLSX uses write-only mode).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import pickle
import re
import shutil
import sys
import tempfile
import zipfile
from array import array
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from .errors import BadInput, Problem
from .messages import t
from .model import Item, Layout
from .normalize import csv_guard
from .paths import output_path, part_file

_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
COPY_CHUNK = 1 << 20  # bytes copied at a time between files
XLSX_CELL_LIMIT = 32_767  # characters an Excel cell holds; a longer text makes Excel repair the workbook


@contextmanager
def output(target: str | Path | None, binary: bool = False) -> Iterator[IO]:
    """A file, or standard output for None and '-'; a file is written whole or not at all."""
    if target in (None, "-"):
        if binary:
            yield sys.stdout.buffer
            sys.stdout.buffer.flush()
        else:
            out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="", write_through=True)
            try:
                yield out
            finally:
                out.flush()
                out.detach()
        return
    path = output_path(target)
    if not path.is_file() and path.exists():  # /dev/null
        with path.open("wb") if binary else path.open("w", encoding="utf-8", newline="") as f:
            yield f
        return
    tmp = part_file(path)
    try:
        f = tmp.open("xb") if binary else tmp.open("x", encoding="utf-8", newline="")
    except OSError as e:
        raise BadInput(Problem(str(path), None, None, t("cannot-write-folder", why=e.strerror))) from None
    try:
        with f:
            yield f
        tmp.replace(path)
    except OSError as e:  # a full disk, a quota, a file system gone read-only: the old file stays as it was
        if e.filename not in (None, str(tmp), str(path)):
            raise
        raise BadInput(Problem(str(path), None, None, t("cannot-write", why=e.strerror))) from None
    finally:
        tmp.unlink(missing_ok=True)


class Spilled:
    """Things grouped by a key, the keys in the order they first appear and each group in its own order,
    without holding them: each is pickled to a temporary file as it streams by and read back group by group.
    Memory holds 8 bytes a thing (its place in the file). seen(key, thing) is called with each as it passes."""

    def __init__(self, things: Iterable[Any], key: Any):
        self._file = tempfile.TemporaryFile()
        self._at: dict[Any, array] = {}
        for x in things:
            k = key(x)
            if k not in self._at:
                self._at[k] = array("q")
            self._at[k].append(self._file.tell())
            pickle.dump(x, self._file, pickle.HIGHEST_PROTOCOL)
            self.seen(k, x)

    def seen(self, key: Any, thing: Any) -> None:
        pass

    def __enter__(self) -> Any:
        return self

    def __exit__(self, *exc: object) -> None:
        self._file.close()

    @property
    def groups(self) -> list[tuple[Any, int]]:
        """Each key with its number of things."""
        return [(k, len(at)) for k, at in self._at.items()]

    def __len__(self) -> int:
        return sum(len(at) for at in self._at.values())

    def __iter__(self) -> Iterator[Any]:
        """Every thing, group after group."""
        for k in self._at:
            yield from self.items(k)

    def items(self, key: Any) -> Iterator[Any]:
        f = self._file
        for at in self._at[key]:
            if f.tell() != at:
                f.seek(at)
            yield pickle.load(f)


class Counted:
    """Things read afresh each time they are gone through (read()), their number known beforehand."""

    def __init__(self, count: int, read: Any):
        self.count, self.read = count, read

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[Any]:
        return iter(self.read())


class Mapped:
    """f of each of a list's elements, made as it is read: its length known, the results never held together."""

    def __init__(self, base: Any, f: Any):
        self.base, self.f = base, f

    def __len__(self) -> int:
        return len(self.base)

    def __iter__(self) -> Iterator[Any]:
        return map(self.f, self.base)


@contextmanager
def encoded_output(target: str | Path | None, encoding: str) -> Iterator[IO]:
    """A text stream to target in encoding, written as it goes (UTF-8 with BOM, GB18030, …): whole or not at all;
    a name that is no encoding, or a character the encoding lacks, is bad input."""
    with output(target, binary=True) as raw:
        try:
            out = io.TextIOWrapper(raw, encoding=encoding, newline="")
        except LookupError as e:
            raise BadInput(t("cannot-encode", enc=encoding, e=e)) from None
        try:
            yield out
            out.flush()
        except UnicodeEncodeError as e:
            raise BadInput(t("cannot-encode", enc=encoding, e=e)) from None
        finally:
            out.detach()


def write_json_array(records: Iterable[Any], out: IO, depth: int = 0, end: str = "\n") -> int:
    """What json.dumps(list(records), ensure_ascii=False, indent=1) writes, a record at a time; depth: how deep
    the array sits in a document written the same way, end: what follows it."""
    pad = "\n" + " " * (depth + 1)
    n = 0
    for r in records:
        out.write("," + pad if n else "[" + pad)
        out.write(json.dumps(r, ensure_ascii=False, indent=1).replace("\n", pad))
        n += 1
    out.write("\n" + " " * depth + "]" + end if n else "[]" + end)
    return n


def write_csv(items: Iterable[Item], cols: Layout, out: IO, *, bom: bool = True, guard: bool = True) -> int:
    """guard: a cell a spreadsheet would take for a formula (`=`, `+`, `-`, `@` first) gets a leading ',
    which import takes off again (normalize.csv_guard), so the export → import round trip is exact."""
    if bom:
        out.write("\ufeff")
    w = csv.writer(out, lineterminator="\r\n")
    g = csv_guard if guard else str
    w.writerow([g(h) for _, h in cols])
    n = 0
    for item in items:
        w.writerow([g(item.cell(k) if k else item.extra.get(h, "")) for k, h in cols])
        n += 1
    return n


def item_json(item: Item) -> dict[str, Any]:
    return item.as_dict()


def write_json(items: Iterable[Item], out: IO) -> int:
    """An array, one item per line, written as it streams."""
    out.write("[")
    n = 0
    for item in items:
        out.write(",\n " if n else "\n ")
        out.write(json.dumps(item_json(item), ensure_ascii=False))
        n += 1
    out.write("\n]\n" if n else "]\n")
    return n


def write_jsonl(items: Iterable[Item], out: IO) -> int:
    n = 0
    for item in items:
        out.write(json.dumps(item_json(item), ensure_ascii=False) + "\n")
        n += 1
    return n


def xlsx_text(value: str) -> str:
    """XML cannot hold control characters; they are written visibly (`\\x07`)."""
    return _ILLEGAL_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", value)


def safe_text(value: object, code: str = "", header: str = "") -> str:
    """The one way text goes into a workbook cell: control characters written visibly, and refused (bad input
    naming the item and the column) when longer than a cell holds, which would make Excel repair the file."""
    text = xlsx_text(str(value))
    if len(text) > XLSX_CELL_LIMIT:
        raise BadInput(t("xlsx-cell-too-long", code=code, header=header, n=len(text), limit=XLSX_CELL_LIMIT))
    return text


def text_cell(ws: Any, value: object, code: str = "", header: str = "") -> Any:
    """A cell of a write-only sheet that is text whatever it holds: `0101` keeps its zero, `=1+1` is no formula."""
    from openpyxl.cell import WriteOnlyCell

    c = WriteOnlyCell(ws, value=safe_text(value, code, header))
    c.data_type = "s"
    return c


@contextmanager
def rows_of(ws: Any) -> Iterator[Any]:
    """Rows appended to a write-only sheet: when one is refused, the sheet's temporary file is finished and
    removed, and nothing is written."""
    try:
        yield ws
    except BaseException:
        ws.close()
        ws._writer.cleanup()
        raise


def append_text(ws: Any, values: Iterable[object]) -> None:
    """A row of a sheet that is not write-only: text as text cells (never a formula), numbers as numbers."""
    from openpyxl.cell import Cell

    def cell(value: object) -> object:
        if not isinstance(value, str):
            return value
        c = Cell(ws, value=safe_text(value))
        c.data_type = "s"
        return c

    ws.append([cell(v) for v in values])


_CORE_TIMES = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


def stamp_xlsx(src: IO[bytes], out: IO[bytes], when: dt.datetime) -> None:
    """Copy a workbook with every time in it set to when: the zip entries' and the document's own,
    so that the same workbook written twice is the same bytes (an approved version's, forever)."""
    stamp = when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    date_time = max(when.timetuple()[:6], (1980, 1, 1, 0, 0, 0))
    if not out.seekable():  # standard output: the zip is made where its headers can be written back
        with tempfile.TemporaryFile() as tmp:
            stamp_xlsx(src, tmp, when)
            tmp.seek(0)
            shutil.copyfileobj(tmp, out, COPY_CHUNK)
        return
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            if info.filename == "docProps/core.xml":
                data = _CORE_TIMES.sub(lambda m: m.group(1) + stamp + m.group(3), zin.read(info))
                zout.writestr(entry, data)
                continue
            # streamed entry by entry, chunk by chunk (a province's sheet is gigabytes of XML); the size known
            # beforehand, as writestr knew it, so that the headers and their zip64 fields are the same bytes
            entry.file_size = info.file_size
            with zin.open(info) as part, zout.open(entry, "w") as dest:
                shutil.copyfileobj(part, dest, COPY_CHUNK)


def write_xlsx(
    items: Iterable[Item], cols: Layout, out: IO, *, sheet: str = "事项目录", when: dt.datetime | None = None
) -> int:
    """The catalogue as one sheet of text cells; with when, every time in the file is that time."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(sheet)
    widths = {"code": 16, "name": 30, "department": 18, "basis": 48, "materials": 40, "procedure": 30, "fees": 30}
    from openpyxl.utils import get_column_letter

    for i, (k, _) in enumerate(cols, 1):
        ws.column_dimensions[get_column_letter(i)].width = widths.get(k or "", 14)
    ws.freeze_panes = "A2"
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")

    def cell(value: str, header: bool = False) -> WriteOnlyCell:
        c = text_cell(ws, value)
        c.alignment = wrap
        if header:
            c.font = bold
        return c

    def text(item: Item, key: str | None, header: str) -> str:
        return safe_text(item.cell(key) if key else item.extra.get(header, ""), item.code, header)

    ws.append([cell(h, True) for _, h in cols])
    n = 0
    with rows_of(ws):
        for item in items:
            ws.append([cell(text(item, k, h)) for k, h in cols])
            n += 1
    if when is None:
        wb.save(out)
        return n
    with tempfile.TemporaryFile() as tmp:  # on disk, not in memory: a workbook can be large
        wb.save(tmp)
        tmp.seek(0)
        stamp_xlsx(tmp, out, when)
    return n
