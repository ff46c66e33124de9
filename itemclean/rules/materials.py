"""Application materials (申请材料): RULES.md, second table."""

from __future__ import annotations

import re
from functools import lru_cache

from ..normalize import norm_name
from .registry import Hit, rule

CATCH_ALL = [
    "其他材料",
    "其它材料",
    "其他相关材料",
    "其它相关材料",
    "其他有关材料",
    "其它有关材料",
    "要求的其他",
    "要求的其它",
    "认为需要的",
    "等材料",
]


@rule("materials-missing", "error", "materials")
def materials_missing(item, ctx, r):
    if not item.materials:
        yield Hit()


@lru_cache(maxsize=8)
def _catch_all(phrases: tuple[str, ...]) -> tuple[re.Pattern, list[tuple[str, str]]]:
    """One pattern for all phrases (a quick test), and the phrases in order (to name the one found)."""
    norms = [(p, norm_name(p)) for p in phrases if norm_name(p)]
    pattern = re.compile("|".join(re.escape(n) for _, n in norms) or r"(?!)")
    return pattern, norms


@rule("materials-catch-all", "error", "materials", phrases=CATCH_ALL)
def materials_catch_all(item, ctx, r):
    pattern, phrases = _catch_all(tuple(ctx.param(r, "phrases")))
    for m in item.materials:
        norm = norm_name(m)
        if pattern.search(norm):
            hit = next(p for p, n in phrases if n in norm)
            yield Hit(entry=m, fields={"phrase": hit})


@rule("materials-duplicate", "warning", "materials")
def materials_duplicate(item, ctx, r):
    seen = set()
    for m in item.materials:
        norm = norm_name(m)
        if norm in seen:
            yield Hit(entry=m)
        seen.add(norm)
