"""Import of catalogue files into a catalogue's draft: all of the files or none of them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .errors import BadInput, Problem
from .model import Item
from .sheet import Source
from .store import Store, now
from .store.items import ImportSummary


@dataclass
class ImportResult:
    catalog: str
    summary: ImportSummary
    files: list[str]
    sections: list[str] = field(default_factory=list)
    blank_rows: int = 0
    dry_run: bool = False


class _DryRun(Exception):
    pass


def open_sources(
    paths: list[Path],
    *,
    encoding: str | None = None,
    sheet: str | None = None,
    aliases: dict[str, str] | None = None,
    progress: Callable[[Path, int], None] | None = None,
) -> list[Source]:
    problems: list[Problem] = []
    sources = []
    for p in paths:
        try:
            sources.append(
                Source(
                    p,
                    encoding=encoding,
                    sheet=sheet,
                    aliases=aliases or {},
                    progress=(lambda n, p=p: progress(p, n)) if progress else None,
                )
            )
        except BadInput as e:
            problems += e.problems
    if problems:
        raise BadInput(problems)
    return sources


def _rows(sources: list[Source]) -> Iterator[tuple[str, int, Item]]:
    for src in sources:
        for row, item in src.items():
            yield src.name, row, item


def _duplicate_problems(store: Store, sources: list[Source]) -> list[Problem]:
    code_col = {s.name: s.code_column for s in sources}
    out = []
    for code, places in store.staged_duplicates():
        first = f"{places[0][0]}:{places[0][1]}"
        for file, row in places[1:]:
            out.append(Problem(file, row, code_col.get(file), f"duplicate code {code!r}: already at {first}"))
    return out


def merged_layout(sources: list[Source]) -> list[tuple[str | None, str]]:
    layout: list[tuple[str | None, str]] = []
    for s in sources:
        for key, header in s.layout:
            if all((k != key if key else h != header) for k, h in layout):
                layout.append((key, header))
    return layout


def import_files(
    store: Store,
    paths: list[Path],
    *,
    catalog: str | None = None,
    encoding: str | None = None,
    sheet: str | None = None,
    aliases: dict[str, str] | None = None,
    prune: bool = False,
    dry_run: bool = False,
    reviewer: str = "",
    progress=None,
) -> ImportResult:
    """Read every file, check all of it, then update the draft by code in one transaction."""
    sources = open_sources(paths, encoding=encoding, sheet=sheet, aliases=aliases, progress=progress)
    default_name = paths[0].stem if paths else "catalogue"
    if dry_run:
        try:
            cat_id = store.catalog(catalog).id
            name = store.catalog(catalog).name
        except BadInput:
            if catalog is None and store.catalogs():
                raise
            cat_id, name = -1, catalog or default_name
    else:
        cat_id, name = -1, catalog or default_name
    at = now()
    result = ImportResult(catalog=name, summary=ImportSummary(), files=[s.name for s in sources], dry_run=dry_run)
    try:
        with store.write():
            if not dry_run:  # created inside the import's transaction: a failed import leaves no catalogue
                cat = store.catalog(catalog, create=catalog or default_name)
                cat_id, result.catalog = cat.id, cat.name
            store.stage_items(_rows(sources))
            problems = [p for s in sources for p in s.problems] + _duplicate_problems(store, sources)
            if problems:
                raise BadInput(problems)
            result.summary = store.apply_stage(cat_id, prune=prune, dry_run=dry_run, at=at)
            result.sections = [x for s in sources for x in s.sections]
            result.blank_rows = sum(s.blank_rows for s in sources)
            if dry_run:
                raise _DryRun
            store.record_import(cat_id, result.files, reviewer, at, result.summary, result.sections)
            # extra columns of the catalogue that these files lack stay while items left in it use them
            layout, used = merged_layout(sources), store.used_extras(cat_id)
            layout += [(k, h) for k, h in cat.layout if k is None and h in used and (k, h) not in layout]
            store.set_layout(cat_id, layout)
    except _DryRun:
        pass
    finally:
        store.drop_stage()
    return result
