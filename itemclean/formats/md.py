"""Markdown: a document to read or paste into a memo (the catalogue, a report's table, the results, a diff)."""

from __future__ import annotations

from ..writers import output

NAME, ORDER = "md", 5


def catalogue(job) -> int:
    from ..publish import write_markdown

    with output(job.target) as f:
        return write_markdown(job.src, f, lang=job.lang, meta=job.meta, title=job.title, fees_listed=job.fees_listed)


def report(job) -> int:
    from ..reports import _markdown

    with output(job.target) as f:
        _markdown(f, job.title, job.heads, job.shown)
    return len(job.rows)


def results(job) -> int:
    from ..results import _results_md

    with output(job.target) as f:
        _results_md(f, job.rows, job.title, job.lang)
    return len(job.rows)


def cleanup(job) -> None:
    from ..cleanup_report import _report_md

    with output(job.target) as f:
        _report_md(f, job.report, job.lang)


def diff(job) -> None:
    from ..diff_output import diff_md

    with output(job.target) as f:
        diff_md(job.result, f)
