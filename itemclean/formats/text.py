"""Text: what a terminal shows (Rich), written plain and uncut to a file."""

from __future__ import annotations

from rich.console import Console

from ..writers import output
from . import PIPE_WIDTH

NAME, ORDER = "text", 0


def _console(job, f):
    return Console(file=f, width=PIPE_WIDTH, no_color=True)


def audit(job) -> None:
    from ..audit_output import audit_text

    if job.target in (None, "-") and job.console is not None:
        audit_text(job.report, job.console, job.lang)
        return
    with output(job.target) as f:
        audit_text(job.report, _console(job, f), job.lang)


def diff(job) -> None:
    from ..diff_output import diff_text

    if job.target in (None, "-") and job.console is not None:
        diff_text(job.result, job.console)
        return
    with output(job.target) as f:
        diff_text(job.result, _console(job, f))
