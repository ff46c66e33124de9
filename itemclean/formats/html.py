"""HTML: a self-contained printable page, no script and nothing fetched (the catalogue, a report, the results)."""

from __future__ import annotations

from ..writers import output

NAME, ORDER = "html", 6


def catalogue(job) -> int:
    from ..publish import write_html

    with output(job.target) as f:
        return write_html(
            job.src,
            f,
            lang=job.lang,
            reference=job.reference,
            meta=job.meta,
            title=job.title,
            approved=job.version.at if job.version else None,
            fees_listed=job.fees_listed,
        )


def report(job) -> int:
    from ..publish import report_html

    with output(job.target) as f:
        report_html(f, job.title, job.heads, job.shown, lang=job.lang)
    return len(job.rows)


def results(job) -> int:
    from ..results import _results_html

    with output(job.target) as f:
        _results_html(f, job.rows, job.title, job.label, job.lang)
    return len(job.rows)


def cleanup(job) -> None:
    from ..cleanup_report import _report_html

    with output(job.target) as f:
        _report_html(f, job.report, job.lang)
