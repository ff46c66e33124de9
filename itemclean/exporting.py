"""Export: which items (draft or an approved version) and which report, written in which format.

What each format writes is in the format's module of itemclean.formats; here the data is chosen."""

from __future__ import annotations

from pathlib import Path

from . import formats
from .cleanup_report import Report, figures
from .errors import BadInput
from .feedback import write_feedback
from .formats import CatalogueJob, CleanupJob, ResultsJob, TableJob
from .messages import say, t
from .model import layout_columns
from .reports import cells, rows_for
from .reports import headers as report_headers
from .results import outcomes, reviewed
from .store import Catalog, Store
from .writers import Mapped

WHATS = ("catalogue", "removed-fees", "findings", "decisions", "feedback", "results")
# the kind of output each --what is, for the formats that can write it
KIND = {"catalogue": "catalogue", "results": "results", "feedback": "catalogue"} | dict.fromkeys(
    ("removed-fees", "findings", "decisions"), "report"
)


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
    if what not in WHATS:
        raise BadInput(t("what-takes", whats=", ".join(WHATS), got=what))
    write = formats.writer(fmt, KIND[what])
    if headers not in ("source", "zh", "en"):
        raise BadInput(t("headers-takes", got=headers))
    cat = store.catalog(catalog)
    if what == "feedback":
        return write_feedback(store, cat, target, department=department, lang=lang)[1]
    if what == "results":
        job = results_job(
            store,
            cat,
            version=version,
            draft=draft,
            target=target,
            lang=lang,
            encoding=encoding,
            for_machines=formats.for_machines(fmt),
        )
        with job.rows:
            return write(job)
    if what != "catalogue":
        cols, rows = rows_for(store, cat, what, version)
        return write(
            TableJob(
                what,
                f"{cat.name} · {t('report-title-' + what, lang)}",
                t("report-title-" + what, lang),
                cols,
                report_headers(cols, lang),
                rows,
                Mapped(rows, lambda r: cells(r, lang)),
                target,
                encoding=encoding,
                guard=guard,
                lang=lang,
            )
        )
    src = store.catalogue_source(cat, version=version, draft=draft)
    if src.columns is not None:  # a version is published with the columns it was approved with
        cols = layout_columns(src.columns, None, headers)
    else:
        cols = layout_columns(cat.layout, store.used_fields(cat.id), headers)
    v = store.version(cat.id, src.label) if src.label else None
    meta = (
        t("pub-meta-version", lang, reviewer=v.reviewer, day=v.at[:10], hash=v.hash) if v else t("pub-meta-draft", lang)
    )
    layout = src.columns if src.columns is not None else cat.layout
    listed = not layout or any(k == "fees" for k, _ in layout)  # 未列收费 when the source had no fees column
    job = CatalogueJob(src, cols, target, v, layout, encoding, guard, lang, reference, title or src.frozen_title)
    job.meta, job.fees_listed = meta, listed
    return write(job)


def results_job(
    store: Store,
    cat: Catalog,
    *,
    version: str | None,
    draft: bool,
    target: str | Path | None,
    lang: str,
    encoding: str = "utf-8-sig",
    for_machines: bool = False,
) -> ResultsJob:
    """The latest approved version's results (or the version named); with draft, or before any, the log now.
    For machines (JSON), an item of no department keeps the empty value instead of a word in the language."""
    if version is None and not draft and store.version(cat.id, None) is not None:
        version = store.version(cat.id, None).label
    r = reviewed(store, cat, version)
    title = say("results-title", lang, catalog=cat.name)
    return ResultsJob(outcomes(r, lang, placeholders=not for_machines), title, r.label, target, encoding, lang)


def write_report(
    store: Store,
    cat: Catalog,
    *,
    fmt: str = "md",
    version: str | None = None,
    target: str | Path | None = None,
    lang: str = "zh",
) -> Report:
    """The cleanup report (`itemclean report`): its figures of the latest approved version or the one named."""
    write = formats.writer(fmt, "cleanup")
    if version is None and store.version(cat.id, None) is not None:
        version = store.version(cat.id, None).label
    rep = figures(reviewed(store, cat, version), lang, placeholders=not formats.for_machines(fmt))
    with rep.fees:
        write(CleanupJob(rep, target, lang))
    return rep
