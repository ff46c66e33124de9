"""Shared fixtures: the command line through Typer's runner, and the shipped and real data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "catalogs" / "samples" / "linchuan-county.csv"
SAMPLE_XLSX = ROOT / "catalogs" / "samples" / "linchuan-county.xlsx"
REALDATA = Path(os.environ.get("ITEMCLEAN_REALDATA") or ROOT.parent / "shared" / "realdata")


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
