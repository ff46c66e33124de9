"""CSV: UTF-8 with a BOM by default (what Excel opens), CRLF lines, formula-like cells guarded."""

from __future__ import annotations

import csv
import io

from ..errors import BadInput
from ..messages import t
from ..normalize import csv_guard
from ..writers import encoded_output, output, write_csv

NAME, ORDER = "csv", 1


def _encoded(job, write) -> int:
    """Write through write(text stream) in job.encoding: straight to the file for UTF-8 with a BOM."""
    buf = io.StringIO()
    n = write(buf)
    try:
        data = buf.getvalue().encode(job.encoding)
    except (LookupError, UnicodeEncodeError) as e:
        raise BadInput(t("cannot-encode", enc=job.encoding, e=e)) from None
    with output(job.target, binary=True) as f:
        f.write(data)
    return n


def catalogue(job) -> int:
    if job.encoding.replace("_", "-").lower() in ("utf-8-sig", "utf8-sig"):
        with output(job.target) as f:
            return write_csv(job.src.items(), job.cols, f, bom=True, guard=job.guard)
    return _encoded(job, lambda buf: write_csv(job.src.items(), job.cols, buf, bom=False, guard=job.guard))


def report(job) -> int:
    g = csv_guard if job.guard else str
    with encoded_output(job.target, job.encoding) as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(job.heads)
        w.writerows([g(v) if isinstance(v, str) else v for v in r] for r in job.shown)
    return len(job.rows)


def results(job) -> int:
    from ..results import _flat, column_names

    with encoded_output(job.target, job.encoding) as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(column_names(job.lang))
        w.writerows(_flat(o, job.lang) for o in job.rows)
    return len(job.rows)


def diff(job) -> None:
    from ..diff_output import diff_csv

    with output(job.target) as f:
        diff_csv(job.result, f)
