"""Export: which items (draft or an approved version) and which report, in which format."""

from __future__ import annotations

import io
from pathlib import Path

from .errors import BadInput
from .store import Store
from .writers import columns, output, write_csv, write_json, write_jsonl, write_xlsx

CATALOGUE_FORMATS = ("csv", "json", "jsonl", "xlsx", "md", "html")
WHATS = ("catalogue", "removed-fees", "findings", "decisions")


def export(
    store: Store,
    catalog: str | None,
    *,
    fmt: str = "csv",
    what: str = "catalogue",
    version: str | None = None,
    draft: bool = False,
    target: str | Path | None = None,
    headers: str = "source",
    encoding: str = "utf-8-sig",
    lang: str = "zh",
    reference: Path | None = None,
    title: str | None = None,
    guard: bool = True,
) -> int:
    """guard: CSV cells a spreadsheet would read as formulas are written with a leading ' (import drops it)."""
    if fmt not in CATALOGUE_FORMATS:
        raise BadInput(f"--format takes one of {', '.join(CATALOGUE_FORMATS)}; got {fmt!r}")
    if what not in WHATS:
        raise BadInput(f"--what takes one of {', '.join(WHATS)}; got {what!r}")
    if headers not in ("source", "zh", "en"):
        raise BadInput(f"--headers takes source, zh or en; got {headers!r}")
    cat = store.catalog(catalog)
    if what != "catalogue":
        from .reports import export_report

        return export_report(
            store,
            cat,
            what=what,
            fmt=fmt,
            version=version,
            target=target,
            encoding=encoding,
            lang=lang,
            reference=reference,
            guard=guard,
        )
    src = store.catalogue_source(cat, version=version, draft=draft)
    cols = columns(cat.layout, store.used_fields(cat.id), headers)
    if fmt == "csv":
        if encoding.replace("_", "-").lower() in ("utf-8-sig", "utf8-sig"):
            with output(target) as f:
                return write_csv(src.items(), cols, f, bom=True, guard=guard)
        buf = io.StringIO()
        n = write_csv(src.items(), cols, buf, bom=False, guard=guard)
        try:
            data = buf.getvalue().encode(encoding)
        except (LookupError, UnicodeEncodeError) as e:
            raise BadInput(f"cannot write the catalogue as {encoding}: {e}") from None
        with output(target, binary=True) as f:
            f.write(data)
        return n
    if fmt == "json":
        with output(target) as f:
            return write_json(src.items(), f)
    if fmt == "jsonl":
        with output(target) as f:
            return write_jsonl(src.items(), f)
    if fmt == "xlsx":
        with output(target, binary=True) as f:
            return write_xlsx(src.items(), cols, f)
    from .publish import write_html, write_markdown

    v = store.version(cat.id, src.label) if src.label else None
    meta = f"批准：{v.reviewer}，{v.at[:10]}；SHA-256 {v.hash}" if v else "工作稿，未经批准；以批准的版本为准"
    if fmt == "md":
        with output(target) as f:
            return write_markdown(src, f, lang=lang, meta=meta, title=title)
    with output(target) as f:
        return write_html(src, f, lang=lang, reference=reference, meta=meta, title=title)
