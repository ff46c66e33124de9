"""Streaming readers: CSV (any of the encodings a county office sends), XLSX, JSON and JSON Lines.

They yield rows of cell text and leave meaning to sheet.py, so that CSV and XLSX share one path.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import itertools
import json
import os
import zipfile
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import iterparse

from .errors import BadInput, Problem

Progress = Callable[[int], None]  # called with bytes (or rows) done so far

CSV_FIELD_LIMIT = 16 * 1024 * 1024
csv.field_size_limit(CSV_FIELD_LIMIT)


@dataclass(slots=True)
class SheetRow:
    number: int  # as a spreadsheet numbers it: record N of the CSV, row N of the sheet
    cells: list[str]
    sources: list[Hashable]  # what each cell's text comes from: one merged range counts once

    def texts(self) -> int:
        """How many distinct cells (a merged range being one) hold text."""
        return len({src for text, src in zip(self.cells, self.sources) if text.strip()})


def file_kind(path: Path) -> str:
    ext = path.suffix.lower()
    if ext in (".xlsx", ".xlsm"):
        return "xlsx"
    if ext == ".jsonl" or ext == ".ndjson":
        return "jsonl"
    if ext == ".json":
        return "json"
    if ext in (".csv", ".txt", ".tsv", ""):
        return "csv"
    raise BadInput(Problem(str(path), None, None, f"unknown file type {ext!r}: use .csv, .xlsx, .json or .jsonl"))


# --- encodings ---------------------------------------------------------------------------------


def check_encoding(name: str) -> str:
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise BadInput(f"unknown encoding {name!r} (try utf-8, utf-8-sig, gb18030 or gbk)") from None


def detect_encoding(path: Path) -> str:
    """UTF-8 (with or without BOM) or GB18030, from the first bytes that are not ASCII."""
    with path.open("rb") as f:
        head = f.read(4)
        if head.startswith(codecs.BOM_UTF8):
            return "utf-8-sig"
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return "utf-16"
        f.seek(0)
        while chunk := f.read(1 << 16):
            if chunk.isascii():
                continue
            start = next(i for i, b in enumerate(chunk) if b >= 0x80)
            sample = chunk[start:] + f.read(start)  # a whole chunk from the first byte that is not ASCII
            final = not f.read(1)  # only a sample cut before the end of the file may end mid-character
            for enc in ("utf-8", "gb18030"):
                try:
                    codecs.getincrementaldecoder(enc)().decode(sample, final=final)
                    return enc
                except UnicodeDecodeError:
                    pass
            return "utf-8"
    return "utf-8"


def _decoded_lines(path: Path, encoding: str, problems: list[Problem], progress: Progress | None) -> Iterator[str]:
    """Text lines of the file; a line that does not decode is reported (line and column) and replaced."""
    if encoding.startswith("utf-16"):
        try:
            text = path.read_bytes().decode(encoding)
        except UnicodeError as e:  # also a UTF-16 file without its byte-order mark
            problems.append(
                Problem(
                    str(path),
                    None,
                    None,
                    f"not {encoding} text ({e}); save the file as UTF-8 or name its encoding with --encoding",
                )
            )
            return
        yield from io.StringIO(text, newline="")
        return
    enc = "utf-8" if encoding in ("utf-8-sig", "utf_8_sig") else encoding
    done = 0
    with path.open("rb") as f:
        for number, line in enumerate(f, 1):
            done += len(line)
            if number == 1 and line.startswith(codecs.BOM_UTF8):
                line = line[3:]
            try:
                text = line.decode(enc)
            except UnicodeDecodeError as e:
                column = len(line[: e.start].decode(enc, errors="replace")) + 1
                bad = " ".join(f"0x{b:02x}" for b in line[e.start : e.end])
                problems.append(
                    Problem(
                        str(path),
                        number,
                        column,
                        f"bytes {bad} are not {enc} text (line {number}); "
                        "save the file as UTF-8 or name its encoding with --encoding",
                    )
                )
                text = line.decode(enc, errors="replace")
            if progress and number % 2048 == 0:
                progress(done)
            yield text
    if progress:
        progress(done)


_SOURCES: dict[int, tuple[int, ...]] = {}


def _sources(n: int) -> tuple[int, ...]:
    """Each CSV cell is its own source; one shared tuple per row width."""
    t = _SOURCES.get(n)
    if t is None:
        t = _SOURCES[n] = tuple(range(n))
    return t


class _Fallback(Exception):
    pass


def _read_csv_fast(path: Path, enc: str, progress: Progress | None, done: list[int]) -> Iterator[SheetRow]:
    """The common case at full speed: text that decodes and CSV that is well formed (strict).

    Anything else raises _Fallback, and the careful reader takes over from the record reached.
    """
    with path.open("rb") as raw:
        f = io.TextIOWrapper(raw, encoding="utf-8-sig" if enc in ("utf-8", "utf_8") else enc, newline="")
        n = 0
        try:
            first = f.readline()
            tabs = path.suffix.lower() == ".tsv" or ("\t" in first and "," not in first)
            reader = csv.reader(
                itertools.chain([first], f) if first else f, delimiter="\t" if tabs else ",", strict=True
            )
            for n, cells in enumerate(reader, 1):  # noqa: B007 (n is read after the loop)
                if progress and n % 2048 == 0:
                    progress(raw.tell())
                yield SheetRow(n, cells, _SOURCES.get(len(cells)) or _sources(len(cells)))
        except (UnicodeDecodeError, csv.Error):
            done[0] = n
            raise _Fallback from None
        if progress:
            progress(raw.tell())


def read_csv(
    path: Path, encoding: str | None, problems: list[Problem], progress: Progress | None = None
) -> Iterator[SheetRow]:
    enc = check_encoding(encoding) if encoding else detect_encoding(path)
    done = [0]
    if not enc.startswith("utf-16"):
        try:
            yield from _read_csv_fast(path, enc, progress, done)
            return
        except _Fallback:
            pass
    for row in _read_csv_checked(path, enc, problems, progress):
        if row.number > done[0]:
            yield row


def _read_csv_checked(
    path: Path, enc: str, problems: list[Problem], progress: Progress | None = None
) -> Iterator[SheetRow]:
    """Line by line, so that undecodable bytes and a quote left open are reported where they are."""
    undecoded: list[Problem] = []  # by line and character; reported at the record and cell they fall in
    lines = _decoded_lines(path, enc, undecoded, progress)
    try:
        first = next(lines)
    except StopIteration:
        problems.extend(undecoded)
        return
    tabs = path.suffix.lower() == ".tsv" or ("\t" in first and "," not in first)
    delimiter = "\t" if tabs else ","

    span = [0, 0]  # lines and quote marks of the record being read

    def chained() -> Iterator[str]:
        for line in itertools.chain([first], lines):
            span[0] += 1
            span[1] += line.count('"')
            yield line

    reader = csv.reader(chained(), delimiter=delimiter)
    record = 0
    cells: list[str] = []
    try:
        for cells in reader:
            record += 1
            record_lines, odd_quotes = span[0], span[1] % 2
            span[:] = [0, 0]
            for p in undecoded:  # the reader has read exactly this record's lines
                column = next((i for i, c in enumerate(cells, 1) if "\ufffd" in c), None)
                problems.append(Problem(p.file, record, column, p.message))
            undecoded.clear()
            yield SheetRow(record, cells, _sources(len(cells)))
    except csv.Error as e:
        problems.append(Problem(str(path), record + 1, None, f"not readable as CSV: {e} (line {reader.line_num})"))
    else:
        # the csv module ends a quoted cell left open at the end of the file, swallowing the rows below it
        if record and record_lines > 1 and odd_quotes:
            problems.append(
                Problem(
                    str(path),
                    record,
                    len(cells),
                    f"a quoted cell is never closed and runs to the end of the file "
                    f"(lines {reader.line_num - record_lines + 1}-{reader.line_num}); "
                    "close or remove its opening quote",
                )
            )
    problems.extend(undecoded)


# --- XLSX --------------------------------------------------------------------------------------


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def _merged_ranges(source: Any) -> list[tuple[int, int, int, int]]:
    """(min_row, min_col, max_row, max_col) of every merged range, read from the sheet's XML."""
    from openpyxl.utils.cell import range_boundaries

    ranges = []
    for _, el in iterparse(source, events=("end",)):
        tag = el.tag.rsplit("}", 1)[-1]
        if tag == "mergeCell":
            c1, r1, c2, r2 = range_boundaries(el.get("ref"))
            ranges.append((r1, c1, r2, c2))
        elif tag in ("row", "c", "v", "is", "t", "f"):
            el.clear()
    return ranges


def read_xlsx(
    path: Path, sheet: str | None, problems: list[Problem], progress: Progress | None = None
) -> Iterator[SheetRow]:
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as e:
        raise BadInput(Problem(str(path), None, None, f"not a readable XLSX workbook ({e})")) from None
    try:
        if sheet is not None and sheet not in wb.sheetnames:
            raise BadInput(
                Problem(str(path), None, None, f"no worksheet {sheet!r}; the workbook has: {', '.join(wb.sheetnames)}")
            )
        ws = wb[sheet] if sheet is not None else wb.worksheets[0]
        ws.reset_dimensions()  # the size a sheet declares may be wrong (`A1`): read the rows it holds
        merges = _merged_ranges(ws._get_source())
        starts: dict[int, list[tuple[int, int, int, int]]] = {}
        for m in merges:
            starts.setdefault(m[0], []).append(m)
        active: list[tuple[tuple[int, int, int, int], str]] = []
        for n, row in enumerate(ws.iter_rows(values_only=True), 1):
            cells = [_cell_text(v) for v in row]
            sources: list[Hashable] = list(range(len(cells)))
            new = starts.pop(n, [])
            width = max([len(cells)] + [m[3] for m in new] + [m[3] for m, _ in active])
            cells += [""] * (width - len(cells))
            sources += list(range(len(sources), width))
            for m in new:
                active.append((m, cells[m[1] - 1]))
            active = [(m, v) for m, v in active if m[2] >= n]
            for m, value in active:
                for c in range(m[1] - 1, m[3]):
                    cells[c] = value
                    sources[c] = m
            if progress and n % 2048 == 0:
                progress(n)
            yield SheetRow(n, cells, sources)
        # header merged across columns: checked by sheet.py through the sources of the header row
    finally:
        wb.close()


def header_merge_problem(path: Path, row: SheetRow) -> list[Problem]:
    """A header cell merged across several columns is bad input (FORMAT.md §1)."""
    from openpyxl.utils.cell import get_column_letter

    seen: set[Hashable] = set()
    out = []
    for src in row.sources:
        if isinstance(src, tuple) and src[3] > src[1] and src not in seen:
            seen.add(src)
            a, b = get_column_letter(src[1]), get_column_letter(src[3])
            out.append(
                Problem(
                    str(path),
                    row.number,
                    src[1],
                    f"header cell is merged across columns {a}:{b}; give each column its own header",
                )
            )
    return out


# --- JSON --------------------------------------------------------------------------------------


def _json_text(path: Path, encoding: str | None) -> str:
    enc = check_encoding(encoding) if encoding else detect_encoding(path)
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig" if enc.startswith("utf") and "16" not in enc else enc)
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        column = e.start - data.rfind(b"\n", 0, e.start)
        raise BadInput(
            Problem(
                str(path),
                line,
                column,
                f"bytes {' '.join(f'0x{b:02x}' for b in data[e.start : e.end])} are not {enc} text "
                f"(byte {e.start}); "
                "save the file as UTF-8 or name its encoding with --encoding",
            )
        ) from None
    except UnicodeError as e:  # a UTF-16 file without its byte-order mark
        raise BadInput(Problem(str(path), None, None, f"not {enc} text ({e})")) from None


def read_json(path: Path, encoding: str | None, problems: list[Problem]) -> Iterator[tuple[int, Any]]:
    text = _json_text(path, encoding)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise BadInput(Problem(str(path), e.lineno, e.colno, f"malformed JSON: {e.msg}")) from None
    if isinstance(data, dict) and isinstance(data.get("items"), list):
        data = data["items"]
    if not isinstance(data, list):
        raise BadInput(Problem(str(path), None, None, "a JSON catalogue is an array of item objects"))
    yield from enumerate(data, 1)


def read_jsonl(
    path: Path, encoding: str | None, problems: list[Problem], progress: Progress | None = None
) -> Iterator[tuple[int, Any]]:
    enc = check_encoding(encoding) if encoding else detect_encoding(path)
    for number, line in enumerate(_decoded_lines(path, enc, problems, progress), 1):
        if not line.strip():
            continue
        try:
            yield number, json.loads(line)
        except json.JSONDecodeError as e:
            problems.append(Problem(str(path), number, e.colno, f"malformed JSON: {e.msg}"))


def size_of(path: Path) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


__all__ = ["SheetRow", "detect_encoding", "file_kind", "io", "read_csv", "read_json", "read_jsonl", "read_xlsx"]
