"""The filter bar's language: free words plus `key:value` filters, e.g.

    status:undecided rule:fee-not-in-catalogue sev:error dept:市场 许可

Words match code, name or department (all words must match, case-blind). Filters: status (s), rule (r),
sev / severity, dept / department (d), cat / category (c). Values may be comma-separated alternatives
(`status:keep,amend`); a filter given twice also means either. Rule and status values match by prefix.
A `key:value` whose key is none of these is an ordinary word.
"""

from __future__ import annotations

import shlex

from ..store.browse import BrowseQuery
from .labels import STATUS_WORDS

KEYS = {
    "status": "statuses",
    "s": "statuses",
    "状态": "statuses",
    "rule": "rules",
    "r": "rules",
    "规则": "rules",
    "sev": "severities",
    "severity": "severities",
    "级别": "severities",
    "dept": "departments",
    "department": "departments",
    "d": "departments",
    "部门": "departments",
    "cat": "categories",
    "category": "categories",
    "c": "categories",
    "类型": "categories",
}


def split(text: str) -> list[str]:
    """Words separated by white space (full-width too); quotes group a phrase when they pair up."""
    text = text.replace("\u3000", " ")
    try:
        return shlex.split(text)
    except ValueError:
        return text.split()


def parse(text: str, *, sort: str = "position", descending: bool = False) -> BrowseQuery:
    found: dict[str, list[str]] = {k: [] for k in set(KEYS.values())}
    words: list[str] = []
    for token in split(text):
        key, sep, value = token.partition(":")
        if not sep:
            key, sep, value = token.partition("：")
        field = KEYS.get(key.lower()) if sep else None
        if field is None:
            words.append(token)
            continue
        for v in value.split(","):
            v = v.strip()
            if field == "statuses":
                v = STATUS_WORDS.get(v, v)
            if v:
                found[field].append(v)
            elif field in ("statuses", "rules", "severities"):
                pass  # `status:` alone, while typing: no filter yet
    return BrowseQuery(words=tuple(words), sort=sort, descending=descending, **{k: tuple(v) for k, v in found.items()})


def last_token(text: str) -> tuple[str, str, str]:
    """(text before the last token, its key or "", its value) for completion."""
    head, _, tail = text.rpartition(" ")
    key, sep, value = tail.partition(":")
    if not sep:
        return (head + " " if head else ""), "", tail
    return (head + " " if head else ""), key, value
