"""JSON: one document (an array of items, of rows, an audit, a diff), UTF-8, characters as they are."""

from __future__ import annotations

from ..writers import output, write_json, write_json_array

NAME, ORDER = "json", 2
FOR_MACHINES = True  # values that do not change with the language


def catalogue(job) -> int:
    with output(job.target) as f:
        return write_json(job.src.items(), f)


def report(job) -> int:
    with output(job.target) as f:
        write_json_array((dict(zip(job.keys, r)) for r in job.rows), f)
    return len(job.rows)


def results(job) -> int:
    with output(job.target) as f:
        write_json_array((o.record(job.lang) for o in job.rows), f)
    return len(job.rows)


def cleanup(job) -> None:
    with output(job.target) as f:
        job.report.write_json(f, job.lang)


def audit(job) -> None:
    from ..audit_output import write_audit_json

    with output(job.target) as f:
        write_audit_json(job.report, f)


def diff(job) -> None:
    from ..diff_output import write_diff_json

    with output(job.target) as f:
        write_diff_json(job.result, f)
