"""XLSX: workbooks whose cells are all text as written (writers.safe_text, text_cell, append_text); an approved
version's workbook has every time in it set to the approval's, so that it is the same bytes forever."""

from __future__ import annotations

import datetime as dt

from ..messages import say
from ..writers import append_text, output, rows_of, text_cell, write_xlsx

NAME, ORDER = "xlsx", 4


def catalogue(job) -> int:
    when = dt.datetime.fromisoformat(job.version.at) if job.version else None
    with output(job.target, binary=True) as f:
        return write_xlsx(job.src.items(), job.cols, f, when=when)


def report(job) -> int:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(job.sheet)
    ws.append([text_cell(ws, c) for c in job.heads])
    at = job.keys.index("code") if "code" in job.keys else None  # what a refused cell's row is named by
    with rows_of(ws):
        for r in job.shown:
            ws.append([text_cell(ws, v, r[at] if at is not None else "", h) for v, h in zip(r, job.heads)])
    with output(job.target, binary=True) as f:
        wb.save(f)
    return len(job.rows)


def results(job) -> int:
    """Written row by row (write-only): the same workbook a sheet held whole would be, in flat memory."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    from ..results import COLUMNS, _flat, column_names

    lang = job.lang
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(say("results-title", lang, catalog="")[:31].strip() or "results")
    widths = (16, 30, 30, 30, 10, 30, 16, 20, 30, 12)
    for col, w in zip("ABCDEFGHIJ", widths):
        ws.column_dimensions[col].width = w
    ws.freeze_panes = "A3"
    ws.print_title_rows = "2:2"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    last = get_column_letter(len(COLUMNS))
    ws.calculate_dimension = lambda: f"A1:{last}{len(job.rows) + 2}"  # what a whole sheet would say it spans

    def row(values: list[str], **style) -> list:
        cells = [text_cell(ws, v) for v in values]
        for c in cells:
            for k, v in style.items():
                setattr(c, k, v)
        return cells

    ws.append(row([job.title], font=Font(bold=True, size=14)))
    ws.append(row(column_names(lang), font=Font(bold=True)))
    wrap, nowrap = Alignment(wrap_text=True, vertical="top"), Alignment(wrap_text=False, vertical="top")
    with rows_of(ws):
        for o in job.rows:
            cells = row(_flat(o, lang), alignment=wrap)
            cells[1].alignment = nowrap
            ws.append(cells)
    with output(job.target, binary=True) as f:
        wb.save(f)
    return len(job.rows)


def cleanup(job) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    from ..cleanup_report import TABLE_COLS, _fee_rows, _groups, _row, _title

    rep, lang = job.report, job.lang
    title, meta = _title(rep, lang)
    wb = Workbook()
    ws = wb.active
    ws.title = say("h-summary", lang)[:31]
    append_text(ws, [title])
    ws["A1"].font = Font(bold=True, size=14)
    append_text(ws, [meta])
    append_text(ws, [rep.summary(lang)])
    ws.merge_cells("A3:H3")
    ws["A3"].alignment = Alignment(wrap_text=True, vertical="top")
    ws.row_dimensions[3].height = 90
    ws.append([])
    append_text(ws, [say("col-figure", lang), say("col-value", lang)])
    for k, v in rep.totals.as_dict().items():
        append_text(ws, [say(f"col-{k}", lang), v])
    ws.column_dimensions["A"].width = 24
    for h, first, groups in _groups(rep, lang):
        sh = wb.create_sheet(h[:31])
        append_text(sh, [first, *(say(f"col-{c}", lang) for c in TABLE_COLS)])
        for k, v in groups.items():
            append_text(sh, [k, *_row(v)])
        append_text(sh, [say("total", lang), *_row(rep.totals)])
        sh.column_dimensions["A"].width = 28
        sh.freeze_panes = "B2"
    sh = wb.create_sheet(say("h-fees", lang)[:31])
    fee_head, fee_rows = _fee_rows(rep, lang)
    append_text(sh, fee_head)
    for r in fee_rows:
        append_text(sh, r)
    for sheet in wb.worksheets:
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
    with output(job.target, binary=True) as f:
        wb.save(f)
