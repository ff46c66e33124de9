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

from itemclean import feedback

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


def test_a_folder_written_a_few_workbooks_at_a_time_is_the_same_folder(tmp_path, monkeypatch):
    cli = Cli(tmp_path / "t.db")
    assert cli("import", SAMPLE, "--catalog", "c").exit_code == 0
    cli("audit", "--as-of", AS_OF, "-o", os.devnull)
    assert cli("export", "--what", "feedback", "-o", tmp_path / "all").exit_code == 0
    monkeypatch.setattr(feedback, "open_files_for", lambda n: 2)  # as under a low limit on open files
    assert cli("export", "--what", "feedback", "-o", tmp_path / "twos").exit_code == 0
    all_files = sorted(p.name for p in (tmp_path / "all").iterdir())
    assert all_files == sorted(p.name for p in (tmp_path / "twos").iterdir()) and len(all_files) > 2
    for name in all_files:
        (a,) = load_workbook(tmp_path / "all" / name).worksheets
        (b,) = load_workbook(tmp_path / "twos" / name).worksheets
        assert sheet_view(a) == sheet_view(b), name


LIMIT = """
import resource, sys
from itemclean.feedback import open_files_for
soft, hard = int(sys.argv[1]), int(sys.argv[2])
resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
print(open_files_for(int(sys.argv[3])), resource.getrlimit(resource.RLIMIT_NOFILE)[0])
"""


@pytest.mark.parametrize(
    "soft, hard, wanted, room, raised",
    [(100, 1000, 500, 500, 564), (100, 300, 500, 236, 300), (1000, 1000, 10, 10, 1000)],
)
def test_the_limit_on_open_files_is_raised_as_far_as_it_may_be(soft, hard, wanted, room, raised):
    resource = pytest.importorskip("resource")  # the limit on open files is a Unix one
    _, top = resource.getrlimit(resource.RLIMIT_NOFILE)
    if top != resource.RLIM_INFINITY and top < hard:
        pytest.skip("this machine's hard limit is lower")
    got = subprocess.run(
        [sys.executable, "-c", LIMIT, str(soft), str(hard), str(wanted)], capture_output=True, text=True
    )
    assert got.returncode == 0, got.stderr
    assert got.stdout.split() == [str(room), str(raised)]
