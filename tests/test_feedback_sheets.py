"""The feedback workbooks as a department sees them, pinned cell by cell: values and styles of every cell,
merged ranges, drop-downs, column widths, row heights, frozen panes and print settings of every sheet, for
the shipped sample and a generated catalogue (with extra columns), as one workbook and as a folder.

The expected properties were recorded from workbooks written by the ordinary (not write-only) worksheets;
tests/data/feedback_sheets.json holds them (long lists as their length, first entries and a digest). Recording
again (only when what a person sees is meant to change): ITEMCLEAN_FEEDBACK_RECORD=1 pytest this file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SAMPLE, Cli
from openpyxl import load_workbook
from openpyxl.cell import Cell

ROOT = Path(__file__).resolve().parent.parent
RECORD = ROOT / "tests" / "data" / "feedback_sheets.json"
AS_OF = "2026-12-01"
FEW = ("A1", "A2", "A3", "B4", "D4", "P4", "A5", "D5")


def _side(s) -> list:
    return [s.style, s.color.rgb if s.color is not None else None]


def style_of(c) -> list:
    f, b, a, fill = c.font, c.border, c.alignment, c.fill
    return [
        [f.name, f.sz, bool(f.b)],
        [_side(b.left), _side(b.right), _side(b.top), _side(b.bottom)],
        [a.horizontal, a.vertical, bool(a.wrap_text), bool(a.shrink_to_fit)],
        [fill.fill_type, fill.fgColor.rgb if fill.fill_type else None],
        c.number_format,
    ]


def _value(v: object) -> object:
    return v.replace(dt.date.today().isoformat(), "DAY") if isinstance(v, str) else v


def pinned(things: list) -> list:
    """A long list as its length, its first entries and a digest of all of it."""
    return [len(things), things[:6], hashlib.sha256(json.dumps(things, ensure_ascii=False).encode()).hexdigest()]


def sheet_view(ws) -> dict:
    """What a person sees of a sheet, as JSON."""
    default = style_of(Cell(ws))
    cells, styles = [], []
    for row in ws.iter_rows():
        for c in row:
            st = style_of(c)
            if c.value is None and st == default:
                continue
            if st not in styles:
                styles.append(st)
            cells.append([c.coordinate, _value(c.value), c.data_type, styles.index(st)])
    ps, pm = ws.page_setup, ws.page_margins
    return {
        "cells": pinned(cells),
        "styles": pinned(styles),
        "few": {c: style_of(ws[c]) for c in FEW},
        "merged": pinned(sorted(str(r) for r in ws.merged_cells.ranges)),
        "validations": [
            [dv.type, dv.formula1, dv.allow_blank, pinned(sorted(str(r) for r in dv.sqref.ranges))]
            for dv in ws.data_validations.dataValidation
        ],
        "widths": {k: d.width for k, d in sorted(ws.column_dimensions.items()) if d.customWidth},
        "heights": pinned([[r, d.height] for r, d in sorted(ws.row_dimensions.items()) if d.height is not None]),
        "freeze": ws.freeze_panes,
        "print_titles": ws.print_title_rows,
        "page": [
            ps.orientation,
            ps.paperSize,
            ps.fitToWidth,
            ps.fitToHeight,
            ws.sheet_properties.pageSetUpPr.fitToPage,
        ],
        "margins": [pm.left, pm.right, pm.top, pm.bottom, ws.print_options.horizontalCentered],
        "header": [ws.oddHeader.center.text, ws.oddHeader.center.size],
        "footer": [ws.oddFooter.center.text, ws.oddFooter.center.size],
    }


def source(kind: str, tmp: Path) -> Path:
    if kind == "sample":
        return SAMPLE
    out = tmp / "generated.csv"
    script = ROOT / "bench" / "generate.py"
    subprocess.run([sys.executable, str(script), "--n", "300", "--seed", "11", "-o", str(out)], check=True)
    return out


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("kind", ["sample", "generated"])
def test_feedback_workbooks_look_as_recorded(kind, lang, tmp_path):
    cli = Cli(tmp_path / "t.db", lang=lang)
    assert cli("import", source(kind, tmp_path), "--catalog", "c").exit_code == 0
    cli("audit", "--as-of", AS_OF, "-o", os.devnull)
    first = json.loads(cli("export", "--draft", "--format", "json").stdout)[0]["code"]
    assert cli("decide", first, "--abolish", "--reason", "无设定依据").exit_code == 0  # its findings: resolved
    assert cli("export", "--what", "feedback", "-o", tmp_path / "one.xlsx").exit_code == 0
    assert cli("export", "--what", "feedback", "-o", tmp_path / "folder").exit_code == 0
    book = load_workbook(tmp_path / "one.xlsx")
    got = {ws.title: sheet_view(ws) for ws in book.worksheets}
    files = sorted(p.name for p in (tmp_path / "folder").iterdir())
    # each workbook of the folder is its department's sheet of the one workbook
    titles = []
    for p in sorted((tmp_path / "folder").iterdir()):
        (ws,) = load_workbook(p).worksheets
        titles.append(ws.title)
        assert sheet_view(ws) == got[ws.title], p.name
    assert sorted(titles) == sorted(got)
    key = f"{kind}/{lang}"
    recorded = json.loads(RECORD.read_text(encoding="utf-8")) if RECORD.exists() else {}
    if os.environ.get("ITEMCLEAN_FEEDBACK_RECORD"):
        recorded[key] = {"sheets": list(got), "files": files, "views": got}
        RECORD.write_text(
            json.dumps(recorded, ensure_ascii=False, indent=0, sort_keys=True, separators=(",", ":")) + "\n", "utf-8"
        )
    want = recorded[key]
    assert list(got) == want["sheets"]
    assert files == want["files"]
    for title, view in want["views"].items():
        assert got[title] == view, title
