"""SARIF 2.1.0: an audit for code-scanning tools."""

from __future__ import annotations

import json

from ..writers import output

NAME, ORDER = "sarif", 7


def audit(job) -> None:
    from ..audit_output import audit_sarif

    with output(job.target) as f:
        f.write(json.dumps(audit_sarif(job.report), ensure_ascii=False, indent=1) + "\n")
