"""The stored form of an item in an approved version: its fields in interchange form and its cell text."""

from __future__ import annotations

from typing import Any

from .model import Fee, Item
from .parsing import parse_citation, parse_limit


def item_data(item: Item) -> dict[str, Any]:
    """What a version stores of an item: its fields, and the cell text it was read with."""
    d: dict[str, Any] = {"item": item.as_dict()}
    if item.extra:
        d["extra"] = list(item.extra)
    if item.raw:
        d["raw"] = item.raw
    return d


def item_from_data(d: dict[str, Any]) -> Item:
    f = dict(d["item"])
    extra_keys = d.get("extra", [])
    return Item(
        code=f["code"],
        name=f["name"],
        department=f["department"],
        category=f["category"],
        basis=[parse_citation(t) for t in f["basis"]],
        materials=list(f["materials"]),
        procedure=f["procedure"],
        statutory_limit=parse_limit(f["statutory_limit"]),
        promised_limit=parse_limit(f["promised_limit"]),
        fees=[Fee(x["name"], x["standard"], x["basis"]) for x in f["fees"]],
        notes=f["notes"],
        extra={k: f[k] for k in extra_keys},
        raw=dict(d.get("raw", {})),
    )
