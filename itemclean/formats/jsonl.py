"""JSON Lines: one object per line (an item, a row), for streaming into other tools."""

from __future__ import annotations

import json

from ..writers import output, write_jsonl

NAME, ORDER = "jsonl", 3
FOR_MACHINES = True  # values that do not change with the language


def catalogue(job) -> int:
    with output(job.target) as f:
        return write_jsonl(job.src.items(), f)


def report(job) -> int:
    with output(job.target) as f:
        f.writelines(json.dumps(dict(zip(job.keys, r)), ensure_ascii=False) + "\n" for r in job.rows)
    return len(job.rows)


def results(job) -> int:
    with output(job.target) as f:
        f.writelines(json.dumps(o.record(job.lang), ensure_ascii=False) + "\n" for o in job.rows)
    return len(job.rows)
