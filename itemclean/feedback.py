"""The department round: feedback sheets out (审核意见反馈表), the departments' answers and corrections back in.

Each item takes two rows of its department's sheet: the current text of every field (现行), and an empty row
under it (更正) where the department writes corrections; its findings, the suggestions and the columns for
the answer (部门意见 / 说明) span both rows. Reading a filled sheet back logs the answer as the department's
note on the item, each corrected cell as a proposed edit that a reviewer accepts or rejects, and sends the
items back to review. Nothing else of the sheet is read.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import groupby
from operator import attrgetter
from pathlib import Path

try:
    import resource
except ImportError:  # Windows
    resource = None

from .errors import BadInput, Problem
from .messages import SEVERITY_NAMES, language, say
from .model import HEADERS, Item
from .review import EDITABLE, decide, edit, is_resolved, state_of, with_field
from .states import along, item_states
from .store import Catalog, Store, now
from .store.decisions import Decision
from .writers import output, safe_text

SHEET_FIELDS = EDITABLE  # every field but the code, which is the key
FIXED_WIDTHS = {
    "name": 22,
    "department": 14,
    "category": 9,
    "basis": 30,
    "materials": 30,
    "procedure": 18,
    "statutory_limit": 10,
    "promised_limit": 10,
    "fees": 20,
    "notes": 12,
}
FONT = "宋体"
LINE_PT = 15.0  # a line of 10-point Chinese text, with its leading
FIRST_ROW = 4  # title, how-to, header, then the items


# column numbers (1-based) of the sheet: the item's fields, the catalogue's extra columns, findings and answer
COL_NO, COL_CODE, COL_ROW = 1, 2, 3
COL_FIELD = {k: 4 + i for i, k in enumerate(SHEET_FIELDS)}
TAIL = ("findings", "suggestions", "answer", "explanation")


@dataclass(frozen=True)
class Columns:
    extras: tuple[str, ...] = ()

    @property
    def findings(self) -> int:
        return 4 + len(SHEET_FIELDS) + len(self.extras)

    @property
    def suggestions(self) -> int:
        return self.findings + 1

    @property
    def answer(self) -> int:
        return self.findings + 2

    @property
    def explanation(self) -> int:
        return self.findings + 3

    @property
    def spanned(self) -> tuple[int, ...]:
        return (COL_NO, COL_CODE, self.findings, self.suggestions, self.answer, self.explanation)

    def extra_col(self, n: int) -> int:
        return 4 + len(SHEET_FIELDS) + n

    def headers(self, lang: str) -> list[str]:
        return fixed_headers(lang) + list(self.extras) + [say(k, lang) for k in TAIL]


def fixed_headers(lang: str) -> list[str]:
    """The headers before the extra columns: 序号, the code, 栏目 and every field."""
    zh = language(lang) == "zh"
    names = [HEADERS[k][0] if zh else k for k in SHEET_FIELDS]
    return [say("no", lang), HEADERS["code"][0] if zh else "code", say("row", lang), *names]


def text_width(text: str) -> int:
    """Columns the text takes in a spreadsheet: two for a Chinese character, one for the rest."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def lines_in(text: str, width: float) -> int:
    return sum(max(1, math.ceil(text_width(line) / max(width - 1, 1))) for line in text.split("\n"))


def department_of(item: Item, lang: str) -> str:
    return item.department or say("no-department", lang)


def _sheet_name(name: str, taken: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", "_", name)[:28] or "sheet"
    out, n = base, 1
    while out in taken:
        n += 1
        out = f"{base[:25]}-{n}"
    taken.add(out)
    return out


def _file_name(catalog: str, department: str) -> str:
    return re.sub(r'[\\/:*?"<>|\s]+', "_", f"{catalog}-审核意见反馈表-{department}") + ".xlsx"


# --- writing -----------------------------------------------------------------------------------


def _findings_text(findings: list, resolved: list[bool], lang: str) -> tuple[str, str]:
    if not findings:
        return say("no-findings", lang), ""
    sev = SEVERITY_NAMES[language(lang)]
    found = "\n".join(
        f"{n}. [{sev.get(f.severity, f.severity)}] {f.message}" + (say("resolved", lang) if ok else "")
        for n, (f, ok) in enumerate(zip(findings, resolved), 1)
    )
    suggested = "\n".join(f"{n}. {f.suggestion}" for n, f in enumerate(findings, 1))
    return found, suggested


def _with_findings(rows: Iterator[tuple], findings: Iterator) -> Iterator[tuple[tuple, list]]:
    """Rows of items (the item first) in catalogue order beside the item's findings, read in step."""
    groups = groupby(findings, key=attrgetter("code"))
    at = next(groups, None)
    for row in rows:
        fs = []
        if at is not None and at[0] == row[0].code:
            fs = list(at[1])
            at = next(groups, None)
        yield row, fs


@dataclass
class FeedbackBook:
    """A department's sheet as its column widths need it: how many items, the widest code, and for each extra
    column its widest text and whether every text of it is a code (ASCII without spaces)."""

    department: str
    items: int = 0
    code_width: int = 10
    extras: dict[str, list] = field(default_factory=dict)  # header → [widest, coded]

    def widths(self, cols: Columns) -> tuple[dict[int, int], set[int]]:
        """Each column's width; the extra columns that hold codes (as wide as their longest, never wrapped)."""
        widths = {COL_NO: 5, COL_CODE: self.code_width + 2, COL_ROW: 6, cols.findings: 34, cols.suggestions: 26}
        widths |= {cols.answer: 10, cols.explanation: 24}
        widths |= {COL_FIELD[k]: w for k, w in FIXED_WIDTHS.items()}
        coded = set()
        for n, h in enumerate(cols.extras):
            longest, is_code = self.extras[h]
            if is_code:
                coded.add(cols.extra_col(n))
                widths[cols.extra_col(n)] = longest + 2
            else:
                widths[cols.extra_col(n)] = min(max(longest, 8), 20) + 2
        return widths, coded


def _books(store: Store, cat: Catalog, department: str | None, cols: Columns, lang: str) -> list[FeedbackBook]:
    """The departments in the order of their first items, from one pass over codes, departments and extras."""
    nobody = say("no-department", lang)
    books: dict[str, FeedbackBook] = {}
    for code, dep, extra in store.department_rows(cat.id):
        b = books.get(dep or nobody)
        if b is None:
            b = books[dep or nobody] = FeedbackBook(
                dep or nobody, extras={h: [text_width(h), True] for h in cols.extras}
            )
        b.items += 1
        b.code_width = max(b.code_width, text_width(code))
        values = json.loads(extra) if extra and b.extras else {}
        for h, seen in b.extras.items():
            text = values.get(h, "")
            seen[0] = max(seen[0], text_width(text))
            seen[1] = seen[1] and text.isascii() and " " not in text
    if department is not None:
        if department not in books:
            raise BadInput(say("no-such-department", lang, department=department, known="、".join(books)))
        return [books[department]]
    return list(books.values())


class _Sheet:
    """A department's write-only sheet. Widths, settings and the three title rows go first; each item's two rows
    are written as they come; the merged ranges and the drop-down's cells, which follow from the number of
    items, are listed as the sheet is saved: nothing grows with the items."""

    def __init__(self, ws, catalog: str, book: FeedbackBook, cols: Columns, lang: str):
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
        from openpyxl.utils import get_column_letter
        from openpyxl.worksheet.datavalidation import DataValidation
        from openpyxl.worksheet.worksheet import Worksheet

        self.ws, self.cols, self.lang, self.n = ws, cols, lang, 0
        self.heads = heads = cols.headers(lang)
        self.letters = [get_column_letter(c) for c in range(1, len(heads) + 1)]
        self.widths, coded = book.widths(cols)
        thin = Side(style="thin", color="808080")
        box = Border(left=thin, right=thin, top=thin, bottom=thin)
        wrap = Alignment(wrap_text=True, vertical="top")
        nowrap = Alignment(wrap_text=False, vertical="top", shrink_to_fit=False)
        centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
        plain, bold = Font(name=FONT, size=10), Font(name=FONT, size=10, bold=True)
        to_fill = PatternFill("solid", fgColor="FFF8DC")
        head_fill = PatternFill("solid", fgColor="E7E6E6")

        for col, w in self.widths.items():
            ws.column_dimensions[get_column_letter(col)].width = w
        ws.freeze_panes = f"D{FIRST_ROW}"
        ws.print_title_rows = "3:3"
        ws.print_options.horizontalCentered = True
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = Worksheet.PAPERSIZE_A3
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_margins.left = ws.page_margins.right = 0.4
        ws.page_margins.top = ws.page_margins.bottom = 0.6
        title = say("feedback-title", lang, catalog=catalog, department=book.department)
        ws.oddHeader.center.text = title
        ws.oddHeader.center.size = 9
        ws.oddFooter.center.text = say("page-footer", lang)
        ws.oddFooter.center.size = 9
        self.answers = DataValidation(type="list", formula1=f'"{say("answers", lang)}"', allow_blank=True)
        self.answers.add(f"{self.letters[cols.answer - 1]}{FIRST_ROW}")  # the rest as the sheet is saved
        ws.data_validations.append(self.answers)

        def cell(value=None, font=None, alignment=None, border=None, fill=None):
            c = WriteOnlyCell(ws, value)
            for k, v in (("font", font), ("alignment", alignment), ("border", border), ("fill", fill)):
                if v is not None:
                    setattr(c, k, v)
            return c

        ws.row_dimensions[1].height = 30
        ws.append([cell(title, Font(name=FONT, size=16, bold=True), Alignment(horizontal="center", vertical="center"))])
        ws.row_dimensions[2].height = LINE_PT * 2 + 4
        ws.append([cell(say("feedback-howto", lang, date=dt.date.today().isoformat()), plain, wrap)])
        ws.row_dimensions[3].height = LINE_PT * 2 + 4
        ws.append([cell(h, bold, centre, box, head_fill) for h in heads])
        self._stream_tail()

        # the cells of an item's two rows, written again with each item's values
        self.top, self.under = [], []
        edge = Border(left=thin, right=thin, bottom=thin)  # what a merge gives the lower cell of a spanned column
        for col in range(1, len(heads) + 1):
            align = nowrap if col == COL_CODE or col in coded else centre if col in (COL_NO, COL_ROW) else wrap
            self.top.append(cell(None, plain, align, box, to_fill if col in (cols.answer, cols.explanation) else None))
            if col in cols.spanned:
                self.under.append(cell(border=edge))
            else:
                fill = to_fill if col in COL_FIELD.values() else None
                self.under.append(cell(say("corrected", lang) if col == COL_ROW else None, plain, align, box, fill))

    def _stream_tail(self) -> None:
        """The sheet's writer lists the merged ranges and the drop-down's cells as it writes its end."""
        from openpyxl.xml.functions import Element

        writer, ws = self.ws._writer, self.ws

        def merged_cells() -> None:
            xf = writer.xf.send(True)
            with xf.element("mergeCells", {"count": str(2 + len(self.cols.spanned) * self.n)}):
                for ref in self.merged():
                    xf.write(Element("mergeCell", ref=ref))
            writer.xf.send(None)

        def validations() -> None:
            tree = ws.data_validations.to_tree()
            for el in tree:
                el.set("sqref", " ".join(self.answer_cells()))
            writer.xf.send(tree)

        writer.write_merged_cells, writer.write_validations = merged_cells, validations

    def rows(self) -> range:
        return range(FIRST_ROW, FIRST_ROW + 2 * self.n, 2)

    def merged(self) -> Iterator[str]:
        last = self.letters[-1]
        yield f"A1:{last}1"
        yield f"A2:{last}2"
        spanned = [self.letters[c - 1] for c in self.cols.spanned]
        for row in self.rows():
            for c in spanned:
                yield f"{c}{row}:{c}{row + 1}"

    def answer_cells(self) -> Iterator[str]:
        col = self.letters[self.cols.answer - 1]
        return (f"{col}{row}" for row in self.rows())

    def add(self, item: Item, findings: list, state) -> None:
        cols, lang, widths, ws = self.cols, self.lang, self.widths, self.ws
        self.n += 1
        row = FIRST_ROW + 2 * (self.n - 1)
        found, suggested = _findings_text(findings, [is_resolved(f, state) for f in findings], lang)
        values = {COL_NO: self.n, COL_CODE: item.code, COL_ROW: say("current", lang), cols.findings: found}
        values |= {cols.suggestions: suggested}
        values |= {COL_FIELD[k]: item.cell(k) for k in SHEET_FIELDS}
        values |= {cols.extra_col(i): item.extra.get(h, "") for i, h in enumerate(cols.extras)}
        for col, c in enumerate(self.top, 1):
            c.value = safe_text(values[col], item.code, self.heads[col - 1]) if col in values else None
            c.data_type = "n" if col == COL_NO else "s"
        own = max(lines_in(str(v), widths[c]) for c, v in values.items() if c not in cols.spanned)
        spanned = max(lines_in(str(values[c]), widths[c]) for c in (cols.findings, cols.suggestions))
        ws.row_dimensions[row].height = max(LINE_PT * own + 4, LINE_PT * spanned + 4 - 24, 20)
        ws.row_dimensions[row + 1].height = 24
        ws.append(self.top)
        ws.append(self.under)
        del ws.row_dimensions[row], ws.row_dimensions[row + 1]  # written with their rows


def write_feedback(
    store: Store, cat: Catalog, target: str | Path | None, *, department: str | None = None, lang: str = "zh"
) -> tuple[int, int]:
    """One workbook per department in the directory target, or one workbook with a sheet each (target.xlsx).
    Every sheet is written as the catalogue's items are read, once, in catalogue order."""
    from openpyxl import Workbook

    if target in (None, "-"):
        raise BadInput(say("no-feedback-dir", lang))
    target = Path(target)
    used = store.used_extras(cat.id)
    cols = Columns(tuple(h for k, h in cat.layout if k is None and h in used))
    books = _books(store, cat, department, cols, lang)
    one = target.suffix.lower() == ".xlsx"
    if not one:
        if target.exists() and not target.is_dir():
            raise BadInput(say("no-feedback-dir", lang))
        target.mkdir(parents=True, exist_ok=True)
    wb, taken = Workbook(write_only=True), set()
    # a sheet being written holds a temporary file: a folder's workbooks are written as many at a time as
    # the limit on open files allows, each group in a pass over the items (a province has thousands)
    room = max(1, len(books)) if one else open_files_for(len(books))
    for start in range(0, len(books), room):
        group = books[start : start + room]
        sheets: dict[str, _Sheet] = {}
        for b in group:
            book = wb if one else Workbook(write_only=True)
            ws = book.create_sheet(_sheet_name(b.department, taken if one else set()))
            sheets[b.department] = _Sheet(ws, cat.name, b, cols, lang)
        nobody = say("no-department", lang)
        items = along(store.iter_items(cat.id), item_states(store, cat.id))
        for (item, s, _), fs in _with_findings(items, store.iter_findings(cat.id)):
            sheet = sheets.get(item.department or nobody)
            if sheet is not None:
                sheet.add(item, fs, s)
        for b in group if not one else ():
            with output(target / _file_name(cat.name, b.department), binary=True) as f:
                sheets[b.department].ws.parent.save(f)
    if one:
        with output(target, binary=True) as f:
            wb.save(f)
    return len(books), sum(b.items for b in books)


SPARE_FILES = 64  # open files kept for the database, the output and the rest


def open_files_for(n: int) -> int:
    """How many workbooks may be written at once, n wanted: the process's limit on open files is raised
    towards n (as far as its hard limit lets it) and what it then allows, less SPARE_FILES, is returned."""
    if resource is None:  # not on a Unix: a limit any system allows
        return max(1, min(n, 512 - SPARE_FILES))
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = n + SPARE_FILES
    if soft != resource.RLIM_INFINITY and soft < want:
        raised = want if hard == resource.RLIM_INFINITY else min(want, hard)
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (raised, hard))
            soft = raised
        except (ValueError, OSError):
            pass
    if soft == resource.RLIM_INFINITY:
        return max(1, n)
    return max(1, min(n, soft - SPARE_FILES))


# --- reading back ------------------------------------------------------------------------------


@dataclass
class Answer:
    """What one department said about one item."""

    code: str
    department: str
    answer: str = ""
    explanation: str = ""
    edits: dict[str, str] = field(default_factory=dict)  # field key → corrected text


@dataclass
class FeedbackImport:
    files: int
    notes: int
    edits: int
    items: list[str]


def _title_pattern(lang: str) -> re.Pattern:
    template = re.escape(say("feedback-title", lang, catalog="\0C", department="\0D"))
    return re.compile("^" + template.replace("\0C", "(?P<catalog>.+)").replace("\0D", "(?P<department>.*)") + "$")


def _cell(v: object) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()[:10]
    return str(v).strip()


def _read_sheet(
    ws, where: str, cat: Catalog, known: dict[str, Item], problems: list[Problem], lang: str | None
) -> list[Answer]:
    rows = ws.iter_rows(values_only=True)
    first = next(rows, ())
    title = _cell(first[0] if first else None)
    for sheet in ("zh", "en"):  # the language the sheet was written in; lang is that of the messages
        m = _title_pattern(sheet).match(title)
        if m:
            break
    else:
        problems.append(Problem(where, 1, 1, say("not-ours", lang, why=say("bad-title", lang))))
        return []
    if m["catalog"] != cat.name:
        problems.append(Problem(where, 1, 1, say("other-catalog", lang, got=m["catalog"], want=cat.name)))
        return []
    department = m["department"]
    next(rows, lang)
    got = [_cell(v) for v in next(rows, ())]
    while got and not got[-1]:
        got.pop()
    fixed, tail = fixed_headers(sheet), [say(k, sheet) for k in TAIL]
    cols = Columns(tuple(got[len(fixed) : len(got) - len(tail)]))
    want = cols.headers(sheet)
    expected = list(enumerate(fixed, 1)) + list(enumerate(tail, cols.findings))
    for col, w in expected:
        g = got[col - 1] if 0 < col <= len(got) else ""
        if g != w:
            problems.append(Problem(where, 3, col, say("not-ours", lang, why=say("bad-header", lang, want=w, got=g))))
            return []
    current, corrected = say("current", sheet), say("corrected", sheet)
    out: list[Answer] = []
    open_: Answer | None = None
    for r, values in enumerate(rows, FIRST_ROW):
        cells = [_cell(v) for v in values] + [""] * (len(want) - len(values))
        kind = cells[COL_ROW - 1]
        if not any(cells):
            continue
        if kind == current:
            code = cells[COL_CODE - 1]
            item = known.get(code)
            if item is None:
                problems.append(Problem(where, r, COL_CODE, say("unknown-code", lang, code=code)))
                open_ = None
                continue
            open_ = Answer(code, department, cells[cols.answer - 1], cells[cols.explanation - 1])
            out.append(open_)
        elif kind == corrected:
            if open_ is None:
                problems.append(
                    Problem(where, r, COL_ROW, say("lone-correction", lang, current=current, corrected=corrected))
                )
                continue
            item = known[open_.code]
            for key, col in COL_FIELD.items():
                text = cells[col - 1]
                if not text or text == item.cell(key):
                    continue
                try:
                    with_field(item, key, text)
                except BadInput as e:
                    problems.append(Problem(where, r, col, say("bad-correction", lang, why=str(e))))
                    continue
                open_.edits[key] = text
            open_ = None
        else:
            problems.append(
                Problem(where, r, COL_ROW, say("bad-row", lang, current=current, corrected=corrected, got=kind))
            )
    return out


def looks_like_feedback(path: Path) -> bool:
    """Whether path is a workbook whose first sheet opens with a feedback sheet's title, in either language:
    what a department sends back, given to `import` without --feedback."""
    from openpyxl import load_workbook

    if path.suffix.lower() not in (".xlsx", ".xlsm") or not path.is_file():
        return False
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception:  # not a workbook at all: the import has said so
        return False
    try:
        first = next(wb.worksheets[0].iter_rows(max_row=1, values_only=True), ()) if wb.worksheets else ()
    finally:
        wb.close()
    title = _cell(first[0] if first else None)
    return any(_title_pattern(sheet).match(title) for sheet in ("zh", "en"))


def read_feedback(store: Store, cat: Catalog, paths: Iterable[Path], lang: str | None = None) -> list[Answer]:
    """Every answer of the files; every problem of all of them at once, as bad input."""
    from openpyxl import load_workbook

    known = {i.code: i for i in store.iter_items(cat.id)}
    problems: list[Problem] = []
    answers: list[Answer] = []
    for path in paths:
        if not path.is_file():
            problems.append(Problem(str(path), None, None, say("no-such-file", lang)))
            continue
        try:
            wb = load_workbook(path, read_only=True, data_only=True)
        except Exception as e:  # openpyxl raises many kinds for a file that is no workbook
            problems.append(Problem(str(path), None, None, say("not-ours", lang, why=f"{type(e).__name__}: {e}")))
            continue
        try:
            for ws in wb.worksheets:
                where = str(path) if len(wb.worksheets) == 1 else f"{path}[{ws.title}]"
                answers += _read_sheet(ws, where, cat, known, problems, lang)
        finally:
            wb.close()
    if problems:
        raise BadInput(problems)
    return answers


def import_feedback(store: Store, cat: Catalog, paths: list[Path], lang: str | None = None) -> FeedbackImport:
    """All the files' answers into the log, in one transaction: all of them or none."""
    answers = read_feedback(store, cat, paths, lang)
    at, notes, edits, codes = now(), 0, 0, []
    with store.write():
        for a in answers:
            if not (a.answer or a.explanation or a.edits):
                continue
            h = store.item_version(cat.id, a.code)[0]
            if a.answer or a.explanation:
                reason = "：".join(x for x in (a.answer, a.explanation) if x)
                store.append_decision(
                    cat.id, a.code, "note", reviewer=a.department, at=at, reason=reason, new=a.answer, item_hash=h
                )
                notes += 1
            item = store.get_item(cat.id, a.code)
            for key, text in a.edits.items():
                store.append_decision(
                    cat.id,
                    a.code,
                    "propose",
                    reviewer=a.department,
                    at=at,
                    reason=a.explanation,
                    field=key,
                    old=item.cell(key),
                    new=text,
                    item_hash=h,
                )
                edits += 1
            if a.code not in codes:
                codes.append(a.code)
        store.send_to_review(cat.id, codes)
    return FeedbackImport(len(paths), notes, edits, codes)


# --- proposed edits ----------------------------------------------------------------------------


def proposals(decisions: Iterable[Decision]) -> dict[str, dict[str, Decision]]:
    """The proposed edits still waiting, by item and field: a later accept or reject of the field settles one."""
    out: dict[str, dict[str, Decision]] = {}
    for d in decisions:
        if d.action == "propose":
            out.setdefault(d.code, {})[d.field or ""] = d
        elif d.action in ("accept-edit", "reject-edit"):
            out.get(d.code, {}).pop(d.field or "", None)
    return {c: p for c, p in out.items() if p}


def field_key(name: str, lang: str | None = None) -> str:
    """A field by its key or any of its Chinese headers."""
    for key in EDITABLE:
        if name == key or name in HEADERS[key]:
            return key
    raise BadInput(say("unknown-field", lang, field=name, known=", ".join(EDITABLE)))


def settle_edit(
    store: Store,
    cat: Catalog,
    code: str,
    name: str,
    *,
    accept: bool,
    reviewer: str,
    reason: str = "",
    reference=None,
    lang: str | None = None,
) -> Decision:
    """Accept a proposed edit (the field is amended and the item decided as amended) or reject it."""
    key = field_key(name, lang)
    with store.write():
        waiting = proposals(store.decisions(cat.id, code, effective=True)).get(code, {})
        p = waiting.get(key)
        if p is None:
            raise BadInput(say("no-proposal", lang, code=code, field=HEADERS[key][0]))
        if accept:
            why = reason or say("accepted-reason", lang, who=p.reviewer)
            edit(store, cat, code, {key: p.new or ""}, reviewer=reviewer, reason=why, reference=reference)
            if not state_of(store, cat.id, code).decided:
                decide(store, cat, [code], "amend", reviewer=reviewer, reason=why)
        h = store.item_version(cat.id, code)[0]
        store.append_decision(
            cat.id,
            code,
            "accept-edit" if accept else "reject-edit",
            reviewer=reviewer,
            at=now(),
            reason=reason,
            field=key,
            old=p.old,
            new=p.new,
            item_hash=h,
        )
    return p
