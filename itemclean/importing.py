"""Import of catalogue files into a catalogue's draft: all of the files or none of them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from . import import_pool
from .errors import BadInput, Problem
from .messages import t
from .model import FIELDS, HEADERS, Item
from .sheet import Source
from .store import Catalog, Store, now
from .store.items import Batch, ImportSummary, chunks, item_batch


@dataclass
class ImportResult:
    catalog: str
    summary: ImportSummary
    files: list[str]
    sections: list[str] = field(default_factory=list)
    blank_rows: int = 0
    dry_run: bool = False
    # per file, the catalogue's columns it has no column for: their values are kept, not emptied
    lacking: dict[str, list[str]] = field(default_factory=dict)
    numbering: dict[str, str] = field(default_factory=dict)  # per file, its row-number column's header
    control_cells: int = 0  # cells holding control characters: kept, and shown escaped on a terminal
    controls: list[Problem] = field(default_factory=list)  # where the first of them are


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


def _batches(store: Store, cat_id: int, columns: frozenset[str], sources: list[Source]) -> Iterator[tuple[int, Batch]]:
    """The staging rows of the files' items, a batch at a time, each with the position its rows' positions
    follow; a large sheet is parsed on all cores."""
    position = 0
    for src in sources:
        if import_pool.pooled(src, lambda s: not columns - s.carried()):
            position = yield from import_pool.batches(src, position)
            continue
        for chunk in chunks(_rows(store, cat_id, columns, src)):
            first = position
            position += len(chunk)
            yield 0, item_batch((first + i, name, row, item) for i, (name, row, item) in enumerate(chunk, 1))


def _rows(store: Store, cat_id: int, columns: frozenset[str], src: Source) -> Iterator[tuple[str, int, Item]]:
    """The file's items, each keeping what the draft holds for the catalogue's columns its row lacks.

    A column the file has, left empty, empties the field; a column it has not is no news about it.
    The draft is read only for items whose row lacks a column, a chunk at a time.
    """
    for chunk in chunks(src.records()):
        sheet = src.carried()
        lacking = [(row, item, columns - (sheet if carried is None else carried)) for row, item, carried in chunk]
        codes = [item.code for _, item, missing in lacking if missing]
        old = {i.code: i for i in store.iter_items(cat_id, codes)} if codes and cat_id > 0 else {}
        for row, item, missing in lacking:
            if item.code in old:
                _carry_over(item, old[item.code], missing)
            yield src.name, row, item


def _carry_over(item: Item, old: Item, keys: frozenset[str]) -> None:
    """Give item old's value of each field key or extra header in keys, with the cell text it was read with."""
    for key in keys:
        if key in FIELDS:
            setattr(item, key, getattr(old, key))
            if key in old.raw:
                item.raw[key] = old.raw[key]
            else:
                item.raw.pop(key, None)
        elif key in old.extra:
            item.extra[key] = old.extra[key]


def catalogue_columns(store: Store, cat: Catalog) -> frozenset[str]:
    """The field keys and extra headers the catalogue has: its columns, and whatever its items use."""
    if cat.id < 0:
        return frozenset()
    have = {k or h for k, h in cat.layout}
    return frozenset(have | store.used_fields(cat.id) | store.used_extras(cat.id))


def _duplicate_problems(store: Store, sources: list[Source]) -> list[Problem]:
    code_col = {s.name: s.code_column for s in sources}
    out = []
    for code, places in store.staged_duplicates():
        first = f"{places[0][0]}:{places[0][1]}"
        for file, row in places[1:]:
            out.append(Problem(file, row, code_col.get(file), t("duplicate-code", code=code, first=first)))
    return out


def merged_layout(
    sources: list[Source], first: list[tuple[str | None, str]] | None = None
) -> list[tuple[str | None, str]]:
    """The columns of first (the catalogue's own, in their order), then the files' new ones."""
    layout: list[tuple[str | None, str]] = list(first or [])
    for s in sources:
        for key, header in s.layout:
            if all((k != key if key else k is not None or h != header) for k, h in layout):
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
    cat: Catalog | None = None
    if dry_run:
        try:
            cat = store.catalog(catalog)
        except BadInput:
            if catalog is None and store.catalogs():
                raise
    result = ImportResult(
        catalog=cat.name if cat else catalog or default_name,
        summary=ImportSummary(),
        files=[s.name for s in sources],
        dry_run=dry_run,
    )
    at = now()
    try:
        with store.write(load=not dry_run and store.holds_no_items()):
            if not dry_run:  # created inside the import's transaction: a failed import leaves no catalogue
                cat = store.catalog(catalog, create=catalog or default_name)
                result.catalog = cat.name
            cat_id = cat.id if cat else -1
            columns = catalogue_columns(store, cat) if cat else frozenset()
            # an empty draft is given its items as they are read: nothing to compare them with
            fresh = not dry_run and store.count_items(cat_id) == 0
            store.stage_batches(_batches(store, cat_id, columns, sources), into=cat_id if fresh else None, at=at)
            problems = [p for s in sources for p in s.problems] + _duplicate_problems(store, sources)
            if problems:
                raise BadInput(problems)
            result.summary = store.apply_stage(cat_id, prune=prune, dry_run=dry_run, at=at, fresh=fresh)
            result.sections = [x for s in sources for x in s.sections]
            result.blank_rows = sum(s.blank_rows for s in sources)
            result.numbering = {s.name: s.numbering for s in sources if s.numbering}
            result.control_cells = sum(s.control_cells for s in sources)
            result.controls = [p for s in sources for p in s.controls]
            result.lacking = _lacking(cat, columns, sources)
            if dry_run:
                raise _DryRun
            store.record_import(cat_id, result.files, reviewer, at, result.summary, result.sections)
            # the catalogue keeps its columns in their order; extra ones stay while some item uses them
            merged = merged_layout(sources, cat.layout)
            used = store.used_extras(cat_id) if any(k is None for k, _ in merged) else set()
            layout = [(k, h) for k, h in merged if k is not None or h in used]
            store.set_layout(cat_id, layout)
    except _DryRun:
        pass
    finally:
        store.drop_stage()
    return result


def _lacking(cat: Catalog | None, columns: frozenset[str], sources: list[Source]) -> dict[str, list[str]]:
    """Per sheet, the headers of the catalogue's columns it has no column for (JSON objects vary: left out)."""
    if cat is None or not columns:
        return {}
    header = {k or h: h for k, h in cat.layout}
    out = {}
    for s in sources:
        if s.kind in ("json", "jsonl"):
            continue
        missing = columns - s.carried()
        if missing:
            order = [k or h for k, h in cat.layout] + [k for k in FIELDS if k not in header] + sorted(missing)
            out[s.name] = [
                header.get(k) or (HEADERS[k][0] if k in HEADERS else k) for k in dict.fromkeys(order) if k in missing
            ]
    return out
