"""The output formats: one module of this package per format, and this registry of them.

A format module declares its name (`NAME`), its place in the lists of formats (`ORDER`), whether its values
are for machines rather than readers (`FOR_MACHINES`, default False: an empty department stays empty instead
of a word in the user's language), and one function
for each kind of output it can write, named after the kind (see KINDS): `catalogue(job)`, `report(job)`,
`results(job)`, `cleanup(job)`, `audit(job)` or `diff(job)`, each taking the job of that kind below. Every
module of the package is found and registered when the package is imported; the command line's --format
choices and help, and the refusal of a format a command cannot write, are made from the registry.

The format modules import what they write lazily, inside their functions, so that this registry is light
enough for the command line to load at start-up (see tests/test_house.py).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from ..errors import BadInput
from ..messages import t
from ..writers import Mapped

# The kinds of output, each written by one function of a format module: its name is the kind's.
KINDS = ("catalogue", "report", "results", "cleanup", "audit", "diff")
# The kinds each command writes: its --format takes the formats that write any of them.
COMMANDS = {
    "export": ("catalogue", "report", "results"),
    "report": ("cleanup",),
    "audit": ("audit",),
    "diff": ("diff",),
}


@dataclass(frozen=True)
class Format:
    name: str
    order: int
    module: ModuleType

    @property
    def for_machines(self) -> bool:
        return getattr(self.module, "FOR_MACHINES", False)

    @property
    def writes(self) -> tuple[str, ...]:
        return tuple(k for k in KINDS if callable(getattr(self.module, k, None)))

    def writer(self, kind: str) -> Callable[[Any], Any]:
        return getattr(self.module, kind)


PIPE_WIDTH = 1_000_000  # text written to a file or a pipe: no table or line is cut to a width


def _discover() -> dict[str, Format]:
    found = []
    for m in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{m.name}")
        found.append(Format(module.NAME, module.ORDER, module))
    return {f.name: f for f in sorted(found, key=lambda f: (f.order, f.name))}


FORMATS = _discover()


def names(*kinds: str) -> list[str]:
    """The formats that write any of these kinds, in the registry's order."""
    return [f.name for f in FORMATS.values() if set(f.writes) & set(kinds)]


def help_text(kinds: tuple[str, ...], lang: str = "en") -> str:
    """`csv, json or md.` / `csv、json 或 md。`: the --format help of a command writing these kinds."""
    got = names(*kinds)
    if lang == "zh":
        return ("、".join(got[:-1]) + " 或 " + got[-1] if len(got) > 1 else got[0]) + "。"
    return (", ".join(got[:-1]) + " or " + got[-1] if len(got) > 1 else got[0]) + "."


def check(fmt: str, *kinds: str) -> str:
    """fmt when a format writes one of the kinds; else bad input (exit 2) naming the formats that do."""
    if fmt not in names(*kinds):
        raise BadInput(t("format-takes", formats=", ".join(names(*kinds)), got=fmt))
    return fmt


def for_machines(fmt: str) -> bool:
    """Whether format fmt writes values that do not change with the language (JSON)."""
    return FORMATS[fmt].for_machines if fmt in FORMATS else False


def writer(fmt: str, kind: str) -> Callable[[Any], Any]:
    """The function of format fmt writing kind; bad input when fmt cannot write it."""
    return FORMATS[check(fmt, kind)].writer(kind)


# --- the jobs: what a writer of each kind is given -------------------------------------------------


@dataclass
class CatalogueJob:
    """A catalogue (a draft or an approved version) to publish."""

    src: Any  # store.versions.CatalogueSource
    cols: list[tuple[str | None, str]]  # the columns (field key or None for an extra, header)
    target: str | Path | None
    version: Any = None  # the approved version (store.versions.Version), None for the draft
    layout: list[tuple[str | None, str]] | None = None  # the columns of the source sheets
    encoding: str = "utf-8-sig"
    guard: bool = True
    lang: str = "zh"
    reference: Path | None = None
    title: str | None = None
    meta: str = ""  # the line naming the approval (or saying it is a draft)
    fees_listed: bool = True  # False when the source had no fees column: 未列收费, not 不收费


@dataclass
class TableJob:
    """A report of rows (removed charges, findings, the decision log): headers for a reader, keys for JSON."""

    what: str
    title: str
    sheet: str  # the worksheet's name
    keys: tuple[str, ...]
    heads: list[str]
    rows: Mapped | list[tuple]  # the values
    shown: Mapped | list[list]  # the values as a reader sees them (是/否, empty for missing)
    target: str | Path | None
    encoding: str = "utf-8-sig"
    guard: bool = True
    lang: str = "zh"


@dataclass
class ResultsJob:
    """The outcome of each item of a reviewed catalogue (results.Outcome rows)."""

    rows: Any  # writers.Spilled of results.Outcome, grouped by department
    title: str
    label: str | None
    target: str | Path | None
    encoding: str = "utf-8-sig"
    lang: str = "zh"


@dataclass
class CleanupJob:
    """The cleanup's figures (cleanup_report.Report)."""

    report: Any
    target: str | Path | None
    lang: str = "zh"


@dataclass
class AuditJob:
    report: Any  # audit.AuditReport
    target: str | Path | None
    lang: str | None = None
    console: Any = None  # the terminal, for text to standard output


@dataclass
class DiffJob:
    result: Any  # diff.DiffResult
    target: str | Path | None
    console: Any = None  # the terminal, for text to standard output
