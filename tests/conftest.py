"""Shared fixtures: the command line through Typer's runner, the shipped and real data, and the test data
that several files write: reference directories and catalogue CSVs with the Chinese header."""

from __future__ import annotations

import csv
import os
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from itemclean.model import FIELDS, HEADERS

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "catalogs" / "samples" / "linchuan-county.csv"
SAMPLE_XLSX = ROOT / "catalogs" / "samples" / "linchuan-county.xlsx"
REALDATA = Path(os.environ.get("ITEMCLEAN_REALDATA") or ROOT.parent / "shared" / "realdata")


DATA = Path(__file__).resolve().parent / "data"


def header(fields=None) -> list[str]:
    """The Chinese header itemclean writes for these field keys (all of FIELDS by default)."""
    return [HEADERS[k][0] for k in (FIELDS if fields is None else fields)]


def header_line(fields, *extra: str) -> str:
    """The header row as CSV text (CRLF): the Chinese header of the fields, then any extra columns."""
    return ",".join([*header(fields), *extra]) + "\r\n"


def write_rows(path: Path, rows, encoding="utf-8-sig") -> Path:
    """Rows of cells as a CSV file as Excel saves it: CRLF line ends, UTF-8 with BOM unless told otherwise."""
    with path.open("w", encoding=encoding, newline="") as f:
        csv.writer(f, lineterminator="\r\n").writerows(rows)
    return path


def write_csv(path: Path, rows, *, columns: list[str] | None = None, title: str | None = None, encoding="utf-8-sig"):
    """A catalogue CSV: an optional title row, the header (`columns`, or the Chinese header of every
    field), then the rows."""
    columns = header() if columns is None else columns
    titles = [] if title is None else [[title] + [""] * (len(columns) - 1)]
    return write_rows(path, [*titles, columns, *rows], encoding)


def write_reference(
    d: Path,
    *,
    instruments: str | None = "",
    fees: str | None = None,
    cancelled: str | None = None,
    policy: str | None = None,
    extra: dict[str, str] | None = None,
) -> Path:
    """A reference directory: instruments.toml, fees-national.toml, cancelled.toml, policy.toml and any
    `extra` files (name → text), each written only when given."""
    d.mkdir(parents=True, exist_ok=True)
    files = {"instruments.toml": instruments, "fees-national.toml": fees, "cancelled.toml": cancelled}
    for name, text in {**files, "policy.toml": policy, **(extra or {})}.items():
        if text is not None:
            (d / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return d


class Cli:
    """Runs `itemclean --db DB ARGS…` in-process, as a script would, and keeps the result."""

    def __init__(self, db: Path, reviewer: str = "reviewer-a", lang: str = "en"):
        self.db, self.reviewer, self.lang = db, reviewer, lang

    def __call__(self, *args: str, reviewer: str | None = None, input: str | None = None):
        from itemclean.cli import app

        r = CliRunner().invoke(
            app,
            ["--db", str(self.db), "--reviewer", reviewer or self.reviewer, *map(str, args)],
            env={"COLUMNS": "300", "ITEMCLEAN_LANG": self.lang},
            input=input,
        )
        if r.exception is not None and not isinstance(r.exception, SystemExit):
            raise r.exception
        return r


@pytest.fixture(autouse=True)
def english_library_messages():
    """Library calls outside the command line speak English in the tests written against English messages;
    the command line sets the language of each run from --lang / ITEMCLEAN_LANG."""
    from itemclean.messages import CURRENT

    CURRENT[0] = "en"
    yield
    CURRENT[0] = None


@pytest.fixture
def cli(tmp_path) -> Cli:
    return Cli(tmp_path / "t.db")
