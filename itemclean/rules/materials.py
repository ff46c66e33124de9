"""Application materials (申请材料): RULES.md, second table."""

from __future__ import annotations

from ..normalize import norm_name
from .registry import Hit, rule

CATCH_ALL = ["其他材料", "其它材料", "其他相关材料", "其它相关材料", "其他有关材料", "其它有关材料",
             "要求的其他", "要求的其它", "认为需要的", "等材料"]


@rule("materials-missing", "error", "materials")
def materials_missing(item, ctx, r):
    if not item.materials:
        yield Hit()


@rule("materials-catch-all", "error", "materials", phrases=CATCH_ALL)
def materials_catch_all(item, ctx, r):
    phrases = [(p, norm_name(p)) for p in ctx.param(r, "phrases")]
    for m in item.materials:
        norm = norm_name(m)
        hit = next((p for p, n in phrases if n and n in norm), None)
        if hit is not None:
            yield Hit(entry=m, fields={"phrase": hit})


@rule("materials-duplicate", "warning", "materials")
def materials_duplicate(item, ctx, r):
    seen = set()
    for m in item.materials:
        norm = norm_name(m)
        if norm in seen:
            yield Hit(entry=m)
        seen.add(norm)
