"""From rows of cells (or JSON objects) to items: header, section headings, blank rows, cell syntax.

A source collects every problem instead of stopping at the first, so a reviewer fixes a sheet in one go.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import BadInput, Problem
from .messages import t as tr
from .model import FIELDS, HEADERS, REQUIRED, Fee, Item
from .normalize import code_problem, has_control, is_empty_word
from .parsing import (
    fee_of,
    is_empty_fees,
    parse_basis,
    parse_citation,
    parse_fee_entry,
    parse_fees,
    parse_limit,
    split_citations,
    split_list,
    strip_marker,
)
from .readers import (
    Progress,
    SheetRow,
    file_kind,
    header_merge_problem,
    read_csv,
    read_json,
    read_jsonl,
    read_xlsx,
)

CONTROLS_LISTED = 20
HEADER_SCAN_ROWS = 200  # a sheet whose header is not within this many rows has none
# Headers of a sheet's own row numbering (issue: a department that renumbers its rows changes nothing):
# read as the row's place, never as data. `编号` only when it is not mapped to the code.
NUMBERING_HEADERS = ("序号", "编号", "no.")
LABELS = {k: f"{v[0]} ({k})" for k, v in HEADERS.items()}


def header_key(text: str, aliases: dict[str, str] | None = None) -> str | None:
    """The field key a header names, trimmed of half- and full-width spaces and case-blind."""
    t = text.strip().strip("\u3000").casefold()
    if not t:
        return None
    for key, names in HEADERS.items():
        if t == key or t in (n.casefold() for n in names):
            return key
    for key, header in (aliases or {}).items():
        if t == header.strip().casefold():
            return key
    return None


NUMBERING = "#"  # the key of a row-number column among a sheet's header keys


def is_numbering(header: str) -> bool:
    """A row-number column: `序号`, `编号` (where it is not mapped to a field) or `No.`, trimmed and case-blind."""
    return header.strip().strip("\u3000").casefold() in NUMBERING_HEADERS


def column_letter(n: int) -> str:
    s = ""
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


MAX_LIMIT_DAYS = 3650  # working days: fourteen years; a longer time limit is a typing error


@dataclass
class Source:
    """One input file, read lazily: iterate items(), then look at problems, sections and layout."""

    path: Path
    encoding: str | None = None
    sheet: str | None = None
    aliases: dict[str, str] = field(default_factory=dict)
    progress: Progress | None = None
    kind: str = ""
    problems: list[Problem] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)
    blank_rows: int = 0
    layout: list[tuple[str | None, str]] = field(default_factory=list)  # (key or None, header) per column
    code_name: tuple[int, int] | None = field(default=None, repr=False)  # code's and name's columns
    code_column: int | str = "code"  # where the code is, for messages about it
    headers: list[str] = field(default_factory=list)  # each column's header (its letter when blank)
    numbering: str | None = None  # the header of the sheet's row-number column, which is not data
    # cells that hold control characters (kept, and shown escaped wherever text reaches a terminal)
    control_cells: int = 0
    controls: list[Problem] = field(default_factory=list)  # the first CONTROLS_LISTED of them
    # per header's keys (the list itself), the column of each field and whether every column is a field
    keyed: tuple[list[str | None], dict[str, int], bool] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self.kind = self.kind or file_kind(self.path)
        if not self.path.is_file():
            raise BadInput(Problem(str(self.path), None, None, tr("no-such-file")))

    @property
    def name(self) -> str:
        return str(self.path)

    def problem(self, row: int | None, column: int | str | None, message: str) -> None:
        self.problems.append(Problem(self.name, row, column, message))

    # --- sheets --------------------------------------------------------------------------------

    def items(self) -> Iterator[tuple[int, Item]]:
        """(row number, item) for every item row; problems are collected, not raised."""
        for number, item, _ in self.records():
            yield number, item

    def records(self) -> Iterator[tuple[int, Item, frozenset[str] | None]]:
        """(row number, item, the columns its row carries) for every item row.

        The columns are field keys and extra headers; None stands for the sheet's own columns (see
        carried()), so that a row of a sheet costs nothing. A JSON object carries the keys it has.
        """
        if self.kind in ("json", "jsonl"):
            yield from self._json_items()
            return
        for row, keys, _ in self.item_rows():
            item = self._row_item(row, keys)
            if item is not None:
                yield row.number, item, None

    def carried(self) -> frozenset[str]:
        """The field keys and extra headers this sheet has a column for (once its header is read)."""
        return frozenset(k or h for k, h in self.layout)

    def item_rows(
        self, after: tuple[int, list[str | None]] | None = None
    ) -> Iterator[tuple[SheetRow, list[str | None], bool]]:
        """(row, header keys, code and name known to be filled) of each row of a sheet that holds an item:
        after the header, neither blank nor a section heading. Cell text only, so that a diff can compare
        rows before building items.

        after: (row number, header keys) to go on from a reading that stopped before that row, the header
        and the rows before it already read (a reading in a pool that met text it leaves to this one)."""
        if self.kind == "xlsx":
            rows = read_xlsx(self.path, self.sheet, self.problems, self.progress)
        else:
            rows = read_csv(self.path, self.encoding, self.problems, self.progress)
        keys: list[str | None] | None = None if after is None else after[1]
        likeliest: tuple[int, SheetRow] | None = None  # the row naming most fields, for a missing column
        for row in rows:
            if after is not None and row.number < after[0]:
                continue
            if keys is None:
                if row.number > HEADER_SCAN_ROWS:
                    break
                keys = self._header(row)
                known = len({header_key(c, self.aliases) for c in row.cells} - {None})
                if keys is None and known and (likeliest is None or known > likeliest[0]):
                    likeliest = (known, row)
                continue
            kind = self.row_kind(row, keys)
            if kind is True or kind is False:
                yield row, keys, kind
            else:
                self.set_aside(kind)
        if keys is None and not any(p.file == self.name for p in self.problems):
            wanted = tr("and").join(f"{HEADERS[k][0]} ({k})" for k in REQUIRED)
            if likeliest is None:
                self.problem(None, None, tr("no-header-row", wanted=wanted))
                return
            row = likeliest[1]
            have = {header_key(c, self.aliases) for c in row.cells}
            for key in REQUIRED:
                if key not in have:
                    self.problem(
                        row.number,
                        None,
                        tr("header-lacks", label=LABELS[key], wanted=wanted, key=key),
                    )

    def row_kind(self, row: SheetRow, keys: list[str | None]) -> bool | str | None:
        """What a row after the header is: an item (True when its code and name are known to be filled,
        False when it is left to the item builder to say what it lacks), None for a blank row, or the
        text of a section heading."""
        if self._has_code_and_name(row, keys):  # almost every row: an item
            return True
        held = held_cells(row, keys)
        if not held:
            return None
        if len({row.sources[i] for i in held}) == 1:
            return row.cells[held[0]].strip()
        return False

    def set_aside(self, kind: str | None) -> None:
        """A row that holds no item (row_kind): a blank row (None) is counted, a section heading's text kept."""
        if kind is None:
            self.blank_rows += 1
        else:
            self.sections.append(kind)

    def _has_code_and_name(self, row: SheetRow, keys: list[str | None]) -> bool:
        """The quick answer for almost every row: code and name cells (not one merged range) hold text."""
        if self.code_name is None:
            self.code_name = (keys.index("code"), keys.index("name"))
        c, n = self.code_name
        cells = row.cells
        return (
            len(cells) > max(c, n)
            and not is_empty_word(cells[c])
            and not is_empty_word(cells[n])
            and row.sources[c] != row.sources[n]
        )

    def _header(self, row: SheetRow) -> list[str | None] | None:
        keys = [header_key(c, self.aliases) for c in row.cells]
        if not all(k in keys for k in REQUIRED):
            return None
        numbering = [i for i, (k, c) in enumerate(zip(keys, row.cells)) if k is None and is_numbering(c)][:1]
        if numbering:
            self.numbering = row.cells[numbering[0]].strip()
        if self.kind == "xlsx":
            self.problems.extend(header_merge_problem(self.path, row))
        seen: dict[str, int] = {}
        self.layout, self.headers = [], []
        for col, (key, text) in enumerate(zip(keys, row.cells), 1):
            header = text.strip() or column_letter(col)
            if col - 1 in numbering:
                keys[col - 1] = NUMBERING
                self.headers.append(header)
                continue
            name = key or header  # an unknown column is kept under its header, which must be its own
            if name in seen:
                what = LABELS[key] if key else tr("another-header")
                self.problem(row.number, col, tr("column-repeats", text=text.strip(), what=what, at=seen[name]))
            else:
                seen[name] = col
            self.headers.append(header)
            if key is not None or text.strip():  # a column with no header joins the layout once it holds text
                self.layout.append((key, header))
        self.code_column = seen["code"]
        return keys

    def _row_item(self, row: SheetRow, keys: list[str | None]) -> Item | None:
        if self.keyed is None or self.keyed[0] is not keys:
            columns = {k: col for col, k in reversed(list(enumerate(keys, 1))) if k not in (None, NUMBERING)}
            self.keyed = (keys, columns, None not in keys and NUMBERING not in keys)
        _, columns, plain = self.keyed
        extra: dict[str, str] = {}
        if plain and len(row.cells) <= len(keys):  # almost every row: a field under every column
            return self._build(row.number, dict(zip(keys, row.cells)), extra, columns)
        cells: dict[str, str] = {}
        for col, text in enumerate(row.cells, 1):
            key = keys[col - 1] if col <= len(keys) else None
            if key == NUMBERING:
                continue
            if key is not None:
                cells[key] = text
            elif text.strip():
                # a cell under no header (or beyond the header row) is kept under its column's letter
                header = self.headers[col - 1] if col <= len(self.headers) else column_letter(col)
                if (None, header) not in self.layout:
                    self.layout.append((None, header))
                extra[header] = text.strip()
        return self._build(row.number, cells, extra, columns)

    def _build(
        self, row: int, cells: dict[str, Any], extra: dict[str, str], columns: dict[str, int | str]
    ) -> Item | None:
        ok = True
        for key in REQUIRED:
            text = cells.get(key)
            if text is None or is_empty_word(str(text)):
                self.problem(row, columns.get(key, key), tr("cell-empty", label=LABELS[key]))
                ok = False
        if ok and (problem := code_problem(str(cells["code"]).strip())):
            self.problem(row, columns.get("code", "code"), problem)
            ok = False
        fees = self._fees(row, columns.get("fees"), cells.get("fees"))
        if not ok or fees is None:
            return None
        item = Item(
            code=str(cells["code"]).strip(),
            name=str(cells["name"]).strip(),
            department=_scalar(cells.get("department")),
            category=_scalar(cells.get("category")),
            basis=_basis(cells.get("basis")),
            materials=_materials(cells.get("materials")),
            procedure=_scalar(cells.get("procedure")),
            statutory_limit=parse_limit(cells.get("statutory_limit")),
            promised_limit=parse_limit(cells.get("promised_limit")),
            fees=fees,
            notes=_scalar(cells.get("notes")),
            extra=extra,
        )
        for key in ("statutory_limit", "promised_limit"):
            days = getattr(item, key).days
            if days is not None and days > MAX_LIMIT_DAYS:
                self.problem(
                    row,
                    columns.get(key, key),
                    tr("limit-out-of-range", label=LABELS[key], days=days, most=MAX_LIMIT_DAYS),
                )
                return None
        texts = [*cells.items(), *extra.items()]
        if not has_control("".join(text for _, text in texts if isinstance(text, str))):  # almost every row
            texts = []
        for key, text in texts:
            if isinstance(text, str) and has_control(text):
                self.control_cells += 1
                if len(self.controls) < CONTROLS_LISTED:
                    self.controls.append(Problem(self.name, row, columns.get(key, key), tr("holds-controls")))
        for key, text in cells.items():
            if not isinstance(text, str):
                continue
            value = getattr(item, key)
            if isinstance(value, str):
                if text != value:
                    item.raw[key] = text
            elif text != item.canonical_cell(key):
                item.raw[key] = text
        return item

    def _fees(self, row: int, column: int | str | None, value: Any) -> list[Fee] | None:
        if value is None:
            return []
        if isinstance(value, str):
            fees = parse_fees(value)
        else:
            fees = []
            for entry in value:
                fee = (
                    parse_fee_entry(entry)
                    if isinstance(entry, str)
                    else fee_of(*(str(entry.get(k) or "") for k in ("name", "standard", "basis")))
                )
                if fee is not None:
                    fees.append(fee)
        bad = [f for f in fees if not f.name]
        for f in bad:
            self.problem(row, column, tr("fee-no-name", entry=f.entry()))
        return None if bad else fees

    # --- JSON ----------------------------------------------------------------------------------

    def _json_items(self) -> Iterator[tuple[int, Item, frozenset[str]]]:
        if self.kind == "json":
            objects = read_json(self.path, self.encoding, self.problems)
        else:
            objects = read_jsonl(self.path, self.encoding, self.problems, self.progress)
        flat = False  # the file's shape is judged by its entries up to the first flat item
        for number, obj in objects:
            shape = None if flat else self._json_shape_problem(number, obj)
            if shape:
                raise BadInput(Problem(self.name, None, None, shape))
            flat = flat or isinstance(obj, dict)
            if not isinstance(obj, dict):
                self.problem(number, None, tr("json-not-object", n=number))
                continue
            item = self._json_item(number, obj)
            if item is not None:
                carried = (header_key(str(k), self.aliases) or str(k) for k in obj)
                yield number, item, frozenset(k for k in carried if not is_numbering(k))

    def _json_shape_problem(self, number: int, obj: Any) -> str | None:
        """One message for a file that is not a list of flat items: its first entries are arrays, or objects
        with neither code nor name that nest arrays or objects (a grouping, such as departments → items)."""
        if isinstance(obj, list):
            return tr("json-entry-array", n=number)
        if not isinstance(obj, dict):
            return None
        keys = {header_key(str(k), self.aliases) for k in obj}
        nested = [
            str(k) for k, v in obj.items() if isinstance(v, (list, dict)) and header_key(str(k), self.aliases) is None
        ]
        if nested and not keys & {"code", "name"}:
            return tr("json-entry-nests", n=number, keys=", ".join(repr(k) for k in nested))
        return None

    def _json_item(self, number: int, obj: dict[str, Any]) -> Item | None:
        cells: dict[str, Any] = {}
        extra: dict[str, str] = {}
        for name, value in obj.items():
            key = header_key(str(name), self.aliases)
            if key is None and is_numbering(str(name)):
                continue
            if key is None:
                if value not in (None, ""):
                    extra[str(name)] = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
                continue
            problem = _json_type_problem(key, value)
            if problem:
                self.problem(number, name, problem)
                return None
            cells[key] = (
                str(value)
                if isinstance(value, (int, float)) and key not in ("statutory_limit", "promised_limit")
                else value
            )
        for header in extra:
            if (None, header) not in self.layout:
                self.layout.append((None, header))
        return self._build(number, cells, extra, {k: k for k in FIELDS})


def is_empty_cell(key: str | None, text: str) -> bool:
    """A cell that holds no text for every test (FORMAT.md §1 empty cells): an empty word; in a list
    column a cell whose every entry is one (`1.无`); in the fees column no fee (`免费`, `0元`)."""
    if key == "fees":
        return is_empty_fees(text)
    if key in ("basis", "materials"):
        return not split_list(text)
    return is_empty_word(text)


def held_cells(row: SheetRow, keys: list[str | None]) -> list[int]:
    """Indexes of the cells of a row that hold text, under the header's keys."""
    n = len(keys)
    return [i for i, text in enumerate(row.cells) if not is_empty_cell(keys[i] if i < n else None, text)]


def _json_type_problem(key: str, value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return None
    if key in ("basis", "materials"):
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return None
        return tr("json-strings-wanted", label=LABELS[key])
    if key == "fees":
        if isinstance(value, list) and all(isinstance(v, (str, dict)) for v in value):
            return None
        return tr("json-fees-wanted", label=LABELS[key])
    if key in ("statutory_limit", "promised_limit"):
        if isinstance(value, int) and not isinstance(value, bool):
            if 0 <= value <= MAX_LIMIT_DAYS:
                return None
            return tr("limit-out-of-range", label=LABELS[key], days=value, most=MAX_LIMIT_DAYS)
        return tr("json-limit-wanted", label=LABELS[key])
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return None
    return tr("json-text-wanted", label=LABELS[key])


def _scalar(value: Any) -> str:
    if value is None:
        return ""
    text = str(value).strip()
    return "" if is_empty_word(text) else text


def _basis(value: Any):
    if value is None:
        return []
    if isinstance(value, str):
        return parse_basis(value)
    return [parse_citation(p) for e in _entries(value) for p in split_citations(e)]


def _materials(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return split_list(value)
    return _entries(value)


def _entries(value: list[str]) -> list[str]:
    """A JSON array read as a cell's entries are: markers stripped, blanks dropped, only empty words empty."""
    entries = [e for e in (strip_marker(v) for v in value) if e]
    return [] if all(is_empty_word(e) for e in entries) else entries
