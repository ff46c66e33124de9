"""Export: which items (draft or an approved version) and which report, in which format."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from .errors import BadInput
from .feedback import write_feedback
from .messages import t
from .model import layout_columns
from .publish import write_html, write_markdown
from .reports import export_report
from .results import write_results
from .store import Store
from .writers import output, write_csv, write_json, write_jsonl, write_xlsx

CATALOGUE_FORMATS = ("csv", "json", "jsonl", "xlsx", "md", "html")
WHATS = ("catalogue", "removed-fees", "findings", "decisions", "feedback", "results")


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
    department: str | None = None,
    guard: bool = True,
) -> int:
    """guard: CSV cells a spreadsheet would read as formulas are written with a leading ' (import drops it)."""
    if fmt not in CATALOGUE_FORMATS:
        raise BadInput(t("format-takes", formats=", ".join(CATALOGUE_FORMATS), got=fmt))
    if what not in WHATS:
        raise BadInput(t("what-takes", whats=", ".join(WHATS), got=what))
    if headers not in ("source", "zh", "en"):
        raise BadInput(t("headers-takes", got=headers))
    cat = store.catalog(catalog)
    if what == "feedback":
        return write_feedback(store, cat, target, department=department, lang=lang)[1]
    if what == "results":
        return write_results(
            store, cat, fmt=fmt, target=target, version=version, lang=lang, encoding=encoding, draft=draft
        )
    if what != "catalogue":
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
    if src.columns is not None:  # a version is published with the columns it was approved with
        cols = layout_columns(src.columns, None, headers)
    else:
        cols = layout_columns(cat.layout, store.used_fields(cat.id), headers)
    title = title or src.frozen_title
    if fmt == "csv":
        if encoding.replace("_", "-").lower() in ("utf-8-sig", "utf8-sig"):
            with output(target) as f:
                return write_csv(src.items(), cols, f, bom=True, guard=guard)
        buf = io.StringIO()
        n = write_csv(src.items(), cols, buf, bom=False, guard=guard)
        try:
            data = buf.getvalue().encode(encoding)
        except (LookupError, UnicodeEncodeError) as e:
            raise BadInput(t("cannot-encode", enc=encoding, e=e)) from None
        with output(target, binary=True) as f:
            f.write(data)
        return n
    if fmt == "json":
        with output(target) as f:
            return write_json(src.items(), f)
    if fmt == "jsonl":
        with output(target) as f:
            return write_jsonl(src.items(), f)
    v = store.version(cat.id, src.label) if src.label else None
    if fmt == "xlsx":
        with output(target, binary=True) as f:
            return write_xlsx(src.items(), cols, f, when=dt.datetime.fromisoformat(v.at) if v else None)

    meta = f"批准：{v.reviewer}，{v.at[:10]}；SHA-256 {v.hash}" if v else "工作稿，未经批准；以批准的版本为准"
    layout = src.columns if src.columns is not None else cat.layout
    listed = not layout or any(k == "fees" for k, _ in layout)  # 未列收费 when the source had no fees column
    if fmt == "md":
        with output(target) as f:
            return write_markdown(src, f, lang=lang, meta=meta, title=title, fees_listed=listed)
    with output(target) as f:
        return write_html(
            src,
            f,
            lang=lang,
            reference=reference,
            meta=meta,
            title=title,
            approved=v.at if v else None,
            fees_listed=listed,
        )
