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
import math
import re
import zipfile
import zlib
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import iterparse

from .errors import BadInput, Problem
from .messages import t as tr
from .normalize import csv_unguard

Progress = Callable[[int], None]  # called with bytes (or rows) done so far

CSV_FIELD_LIMIT = 16 * 1024 * 1024
csv.field_size_limit(CSV_FIELD_LIMIT)


@dataclass(slots=True)
class SheetRow:
    number: int  # as a spreadsheet numbers it: record N of the CSV, row N of the sheet
    cells: list[str]
    sources: list[Hashable]  # what each cell's text comes from: one merged range counts once


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
    raise BadInput(Problem(str(path), None, None, tr("unknown-file-type", ext=ext)))


# --- encodings ---------------------------------------------------------------------------------


def check_encoding(name: str) -> str:
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise BadInput(tr("unknown-encoding", name=name)) from None


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
                    tr("not-encoding-text", enc=encoding, e=e),
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
                        tr("bytes-not-text", bad=bad, enc=enc, where=tr("at-line", n=number)),
                    )
                )
                text = line.decode(enc, errors="replace")
            if progress and number % 2048 == 0:
                progress(done)
            yield text
    if progress:
        progress(done)


_SOURCES: dict[int, tuple[int, ...]] = {}


def csv_row(number: int, cells: list[str]) -> SheetRow:
    """A row of a CSV file as the readers give it: each cell its own source."""
    return SheetRow(number, cells, _sources(len(cells)))


def _sources(n: int) -> tuple[int, ...]:
    """Each CSV cell is its own source; one shared tuple per row width."""
    t = _SOURCES.get(n)
    if t is None:
        t = _SOURCES[n] = tuple(range(n))
    return t


class _Fallback(Exception):
    pass


def _csv_cells(cells: list[str]) -> list[str]:
    """A BOM left before the first cell by files pasted together is dropped; a cell guarded against
    formulas on export (`'=…`, normalize.csv_guard) loses its guard."""
    if cells and cells[0].startswith("\ufeff"):
        cells[0] = cells[0][1:]
    if any(c.startswith("'") for c in cells):
        cells = [csv_unguard(c) for c in cells]
    return cells


class _BareCR(Exception):
    pass


def _no_bare_cr(lines: Iterator[str]) -> Iterator[str]:
    """Lines as read with newline="": one that ends in a CR alone holds a bare CR, for the careful reader."""
    for line in lines:
        if line.endswith("\r"):
            raise _BareCR
        yield line


def _read_csv_fast(path: Path, enc: str, progress: Progress | None, done: list[int]) -> Iterator[SheetRow]:
    """The common case at full speed: text that decodes and CSV that is well formed (strict).

    Anything else raises _Fallback, and the careful reader takes over from the record reached.
    """
    with path.open("rb") as raw:
        f = io.TextIOWrapper(raw, encoding="utf-8-sig" if enc in ("utf-8", "utf_8") else enc, newline="")
        n = 0
        try:
            first = f.readline()
            reader = csv.reader(
                _no_bare_cr(itertools.chain([first], f) if first else f),
                delimiter=csv_delimiter(path, first),
                strict=True,
            )
            for n, cells in enumerate(reader, 1):  # noqa: B007 (n is read after the loop)
                if progress and n % 2048 == 0:
                    progress(raw.tell())
                yield SheetRow(n, _csv_cells(cells), _SOURCES.get(len(cells)) or _sources(len(cells)))
        except (UnicodeDecodeError, csv.Error, _BareCR):
            done[0] = n
            raise _Fallback from None
        if progress:
            progress(raw.tell())


# Encodings in which a newline byte and a quote byte are always those characters, never part of another:
# a file in one of them can be cut into records by its bytes (csv_blocks).
BYTE_CUT_ENCODINGS = ("utf-8", "utf-8-sig", "gb18030", "gbk", "gb2312", "ascii")


def csv_delimiter(path: Path, first: str) -> str:
    """Tab for a .tsv file or a first line with tabs and no commas; else comma."""
    return "\t" if path.suffix.lower() == ".tsv" or ("\t" in first and "," not in first) else ","


def csv_blocks(path: Path, size: int, progress: Progress | None = None) -> Iterator[tuple[int, int, bytes]]:
    """(first record's number, records, bytes) of runs of whole records of about size bytes, cut at line
    ends outside quotes. The count is right for text the fast reader takes (quotes paired within a
    field); read_csv_block says whether it is."""
    record, done, carry = 1, 0, b""
    with path.open("rb") as f:
        while True:
            block = f.read(size)
            done += len(block)
            data = carry + block if carry else block
            if not block:
                if data:
                    yield record, _line_ends(data.split(b'"')) + (not data.endswith(b"\n")), data
                break
            parts = data.split(b'"')  # outside quotes: the parts of even index
            cut, end = -1, len(data)
            for i in range(len(parts) - 1, -1, -1):  # the last line end outside quotes
                start = end - len(parts[i])
                if i % 2 == 0 and (j := parts[i].rfind(b"\n")) >= 0:
                    cut = start + j + 1
                    break
                end = start - 1
            if cut < 0:
                carry = data
                continue
            ends = _line_ends(parts)
            carry = data[cut:]
            yield record, ends, data[:cut]
            record += ends
            if progress:
                progress(done - len(carry))
    if progress:
        progress(done)


def _line_ends(parts: list[bytes]) -> int:
    """Line ends outside quotes, in text split at its quotes (starting outside them)."""
    return b"".join(parts[::2]).count(b"\n")


def read_csv_block(data: bytes, enc: str, first: int, delimiter: str, records: int) -> list[SheetRow] | None:
    """The rows of a block of whole records (csv_blocks), numbered from first, as the fast reader reads
    them; None when the careful reader must read them (text that does not decode, CSV that is not well
    formed, a bare CR, or a count of records that is not the one expected)."""
    try:
        utf8 = enc in ("utf-8", "utf_8", "utf-8-sig", "utf_8_sig")
        text = data.decode(("utf-8-sig" if first == 1 else "utf-8") if utf8 else enc)
        lines = io.StringIO(text, newline="")
        reader = csv.reader(_no_bare_cr(lines) if "\r" in text else lines, delimiter=delimiter, strict=True)
        # a block with neither a BOM nor a quote mark `'` has no cell for _csv_cells to change
        plain = "\ufeff" not in text and "'" not in text
        rows = [
            SheetRow(n, cells if plain else _csv_cells(cells), _SOURCES.get(len(cells)) or _sources(len(cells)))
            for n, cells in enumerate(reader, first)
        ]
    except (UnicodeDecodeError, csv.Error, _BareCR):
        return None
    return rows if len(rows) == records else None


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
    delimiter = csv_delimiter(path, first)

    span = [0, 0, 0]  # lines, quote marks and cells begun on earlier lines, of the record being read

    bare_cr: list[int] = []  # columns of bare CRs outside quotes in the record being read

    def chained() -> Iterator[str]:
        for line in itertools.chain([first], lines):
            span[0] += 1
            quotes = span[1]
            span[1] += line.count('"')
            if "\r" in line:
                line = _drop_bare_cr(line, quotes, span[2], delimiter, bare_cr)
            if span[1] % 2:  # a quoted cell goes on to the next line, and the record with it
                span[2] += _separators(line, quotes, delimiter)
            yield line

    reader = csv.reader(chained(), delimiter=delimiter)
    record = 0
    cells: list[str] = []
    try:
        for cells in reader:
            record += 1
            record_lines, odd_quotes = span[0], span[1] % 2
            span[:] = [0, 0, 0]
            for p in undecoded:  # the reader has read exactly this record's lines
                column = next((i for i, c in enumerate(cells, 1) if "\ufffd" in c), None)
                problems.append(Problem(p.file, record, column, p.message))
            undecoded.clear()
            for column in bare_cr:
                problems.append(
                    Problem(
                        str(path),
                        record,
                        column,
                        tr("bare-cr"),
                    )
                )
            bare_cr.clear()
            yield SheetRow(record, _csv_cells(cells), _sources(len(cells)))
    except csv.Error as e:
        problems.append(Problem(str(path), record + 1, None, tr("not-csv", e=e, line=reader.line_num)))
    else:
        # the csv module ends a quoted cell left open at the end of the file, swallowing the rows below it
        if record and odd_quotes and (record_lines > 1 or cells[-1].endswith(("\n", "\r"))):
            problems.append(
                Problem(
                    str(path),
                    record,
                    len(cells),
                    tr("unclosed-quote", first=reader.line_num - record_lines + 1, last=reader.line_num),
                )
            )
    problems.extend(undecoded)


def _drop_bare_cr(line: str, quotes: int, before: int, delimiter: str, found: list[int]) -> str:
    """The line without the CRs that are neither before an LF nor inside a quoted cell (quotes: quote
    marks of the record before this line; before: the cells the record began on its earlier lines); the
    column of each is added to found, counting the record's separators outside quoted cells."""
    out, start = [], 0
    for i, ch in enumerate(line):
        if ch == "\r" and line[i + 1 : i + 2] != "\n" and (quotes + line.count('"', 0, i)) % 2 == 0:
            found.append(before + _separators(line[:i], quotes, delimiter) + 1)
            out.append(line[start:i])
            start = i + 1
    return "".join(out) + line[start:]


def _separators(text: str, quotes: int, delimiter: str) -> int:
    """The delimiters of text outside quoted cells (quotes: the quote marks of the record before text)."""
    return sum(part.count(delimiter) for n, part in enumerate(text.split('"')) if (quotes + n) % 2 == 0)


def read_csv_rows(path: Path) -> list[list[str]]:
    """Every row of a small CSV (a file of decisions), read as catalogues are; any problem is raised."""
    problems: list[Problem] = []
    rows = [row.cells for row in read_csv(path, None, problems)]
    if problems:
        raise BadInput(problems)
    return rows


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


# What a damaged workbook raises from the zip, zlib, XML and openpyxl layers (a SyntaxError is the XML
# parser's ParseError; an IndexError a shared string or style that is not there; NotImplementedError a part
# packed by a method zipfile cannot unpack, RuntimeError one marked encrypted).
XLSX_DAMAGE = (
    zipfile.BadZipFile,
    NotImplementedError,
    RuntimeError,
    zlib.error,
    SyntaxError,
    KeyError,
    IndexError,
    ValueError,
    TypeError,
    AttributeError,
    EOFError,
    OSError,
)


# Caps that keep a workbook's reading bounded (openpyxl holds every shared string in memory; the sheet
# itself is streamed): any XLSX under 50 MB is read in well under 500 MB, and a zip bomb is refused.
XLSX_MAX_UNCOMPRESSED = 2 << 30  # bytes of all its parts, unpacked
XLSX_MAX_SHARED_BYTES = 200 << 20  # bytes of its shared-string table, unpacked
XLSX_MAX_SHARED_STRINGS = 1_000_000
XLSX_MAX_ROWS = 1_048_576  # as many as Excel itself allows
_SHARED_STRING = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?si[\s/>]")


def _too_large(path: Path, what: str) -> Problem:
    return Problem(str(path), None, None, tr("workbook-too-large", what=what))


def _check_xlsx_size(path: Path) -> None:
    """Refuse, before reading it, a workbook beyond the caps above (a damaged one is left to openpyxl)."""
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            total = sum(i.file_size for i in infos)
            if total > XLSX_MAX_UNCOMPRESSED:
                raise BadInput(_too_large(path, tr("xlsx-unpacked", n=f"{total:,}")))
            shared = [i for i in infos if i.filename.lower().endswith("sharedstrings.xml")]
            for info in shared:
                if info.file_size > XLSX_MAX_SHARED_BYTES:
                    raise BadInput(_too_large(path, tr("xlsx-shared-bytes", n=f"{info.file_size:,}")))
                count = 0
                with z.open(info) as f:
                    while chunk := f.read(1 << 20):
                        count += len(_SHARED_STRING.findall(chunk))
                        if count > XLSX_MAX_SHARED_STRINGS:
                            raise BadInput(_too_large(path, tr("xlsx-shared-count", n=f"{XLSX_MAX_SHARED_STRINGS:,}")))
    except XLSX_DAMAGE:
        return


def _scan_sheet(source: Any) -> tuple[list[tuple[int, int, int, int]], dict[int, list[int]]]:
    """From the sheet's XML: (min_row, min_col, max_row, max_col) of every merged range, and the columns
    of each row's formula cells that carry no saved value (a reader would see them empty)."""
    from openpyxl.utils.cell import coordinate_to_tuple, range_boundaries

    ranges = []
    formulas: dict[int, list[int]] = {}
    for _, el in iterparse(source, events=("end",)):
        tag = el.tag.rsplit("}", 1)[-1]
        if tag == "mergeCell":
            c1, r1, c2, r2 = range_boundaries(el.get("ref"))
            ranges.append((r1, c1, r2, c2))
        elif tag == "c":
            kids = {k.tag.rsplit("}", 1)[-1] for k in el}
            if "f" in kids and "v" not in kids and "is" not in kids and el.get("r"):
                row, col = coordinate_to_tuple(el.get("r"))
                formulas.setdefault(row, []).append(col)
            el.clear()
        elif tag == "row":
            el.clear()
    return ranges, formulas


def read_xlsx(
    path: Path, sheet: str | None, problems: list[Problem], progress: Progress | None = None
) -> Iterator[SheetRow]:
    import openpyxl

    _check_xlsx_size(path)
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except XLSX_DAMAGE as e:
        raise BadInput(Problem(str(path), None, None, tr("not-xlsx", what=_what(e)))) from None
    n = 0
    try:
        if sheet is not None and sheet not in wb.sheetnames:
            raise BadInput(
                Problem(str(path), None, None, tr("no-worksheet", sheet=sheet, names=", ".join(wb.sheetnames)))
            )
        ws = wb[sheet] if sheet is not None else wb.worksheets[0]
        ws.reset_dimensions()  # the size a sheet declares may be wrong (`A1`): read the rows it holds
        merges, formulas = _scan_sheet(ws._get_source())
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
            if n > XLSX_MAX_ROWS:
                raise BadInput(_too_large(path, tr("xlsx-rows", n=f"{XLSX_MAX_ROWS:,}")))
            for c in formulas.pop(n, ()):
                problems.append(
                    Problem(
                        str(path),
                        n,
                        c,
                        tr("formula-no-value"),
                    )
                )
            if cells and cells[0].startswith("\ufeff"):
                cells[0] = cells[0][1:]
            if progress and n % 2048 == 0:
                progress(n)
            yield SheetRow(n, cells, sources)
        # header merged across columns: checked by sheet.py through the sources of the header row
    except XLSX_DAMAGE as e:
        where = tr("damaged-after-row", n=n) if n else tr("damaged-before-first")
        raise BadInput(
            Problem(
                str(path),
                n + 1 if n else None,
                None,
                tr("workbook-damaged", where=where, what=_what(e)),
            )
        ) from None
    finally:
        wb.close()


def _what(e: BaseException) -> str:
    return f"{type(e).__name__}: {e}" if str(e) else type(e).__name__


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
                    tr("header-merged", a=a, b=b),
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
                tr(
                    "bytes-not-text",
                    bad=" ".join(f"0x{b:02x}" for b in data[e.start : e.end]),
                    enc=enc,
                    where=tr("at-byte", n=e.start),
                ),
            )
        ) from None
    except UnicodeError as e:  # a UTF-16 file without its byte-order mark
        raise BadInput(Problem(str(path), None, None, tr("not-enc-text", enc=enc, e=e))) from None


_LONG_NUMBER = re.compile(r"\d{4000,}")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _json_loads(path: Path, text: str, line: int = 1) -> Any:
    """json.loads, its every failure a Problem at the line and column (line: where text starts)."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise BadInput(Problem(str(path), line + e.lineno - 1, e.colno, tr("bad-json", msg=e.msg))) from None
    except RecursionError:
        raise BadInput(Problem(str(path), line, None, tr("json-too-deep"))) from None
    except ValueError as e:  # an integer of more digits than Python converts
        m = _LONG_NUMBER.search(text)
        at = (line + text.count("\n", 0, m.start()), m.start() - text.rfind("\n", 0, m.start())) if m else (line, None)
        raise BadInput(
            Problem(
                str(path),
                *at,
                tr("json-long-number", n=len(m.group()) if m else tr("thousands-of"), kind=e.__class__.__name__),
            )
        ) from None


def _json_value_problems(path: Path, number: int, obj: Any) -> list[Problem]:
    """Text no file can hold (a lone surrogate from a `\\ud800` escape) and numbers that are not finite
    (`1e400`, `NaN`): each at the item (or line) and the field it is in."""
    out: list[Problem] = []
    fields = obj.items() if isinstance(obj, dict) else [(None, obj)]
    for key, value in fields:
        stack = [value]
        while stack:
            v = stack.pop()
            if isinstance(v, str):
                if _SURROGATE.search(v):
                    out.append(
                        Problem(
                            str(path),
                            number,
                            key,
                            tr("json-surrogate", text=v.encode("unicode_escape").decode()[:80]),
                        )
                    )
                    break
            elif isinstance(v, float) and not math.isfinite(v):
                out.append(Problem(str(path), number, key, tr("json-not-finite", v=v)))
                break
            elif isinstance(v, dict):
                stack += [*v.keys(), *v.values()]
            elif isinstance(v, list):
                stack += v
    return out


def _checked(path: Path, objects: Iterator[tuple[int, Any]], problems: list[Problem]) -> Iterator[tuple[int, Any]]:
    for number, obj in objects:
        found = _json_value_problems(path, number, obj)
        if found:
            problems += found
        else:
            yield number, obj


def read_json(path: Path, encoding: str | None, problems: list[Problem]) -> Iterator[tuple[int, Any]]:
    text = _json_text(path, encoding)
    data = _json_loads(path, text)
    if isinstance(data, dict) and isinstance(data.get("items"), list):
        data = data["items"]
    if not isinstance(data, list):
        raise BadInput(Problem(str(path), None, None, tr("json-not-array")))
    yield from _checked(path, enumerate(data, 1), problems)


def read_jsonl(
    path: Path, encoding: str | None, problems: list[Problem], progress: Progress | None = None
) -> Iterator[tuple[int, Any]]:
    enc = check_encoding(encoding) if encoding else detect_encoding(path)
    yield from _checked(path, _jsonl_objects(path, enc, problems, progress), problems)


def _jsonl_objects(
    path: Path, enc: str, problems: list[Problem], progress: Progress | None
) -> Iterator[tuple[int, Any]]:
    for number, line in enumerate(_decoded_lines(path, enc, problems, progress), 1):
        if not line.strip():
            continue
        try:
            yield number, _json_loads(path, line.rstrip("\r\n"), number)
        except BadInput as e:
            problems += e.problems


__all__ = ["SheetRow", "detect_encoding", "file_kind", "io", "read_csv", "read_json", "read_jsonl", "read_xlsx"]
