"""Responsibility and scope: RULES.md, last table."""

from __future__ import annotations

from collections import defaultdict

from ..normalize import is_empty_word, norm_name
from .registry import Hit, rule


@rule("department-missing", "error", "department")
def department_missing(item, ctx, r):
    # an empty word (无, ——) is no department, however the item was built (FORMAT.md §1 empty cells)
    if is_empty_word(item.department):
        yield Hit()


@rule("procedure-missing", "warning", "procedure")
def procedure_missing(item, ctx, r):
    if is_empty_word(item.procedure):
        yield Hit()


@rule("item-cancelled", "error", "name")
def item_cancelled(item, ctx, r):
    ref = ctx.reference
    c = ref.cancelled_names.get(norm_name(item.name)) or ref.cancelled_codes.get(item.code.strip())
    if c is not None:
        by = c.by or ("decision not given" if ctx.lang == "en" else "未注明决定")
        yield Hit(fields={"by": by, "name": c.name})


@rule("item-duplicate-name", "warning", "name", scope="catalogue")
def item_duplicate_name(names, ctx, r):
    """names: (code, normalised name) of every item, in catalogue order."""
    groups = defaultdict(list)
    for code, name in names:
        groups[name].append(code)
    for code, name in names:
        codes = groups[name]
        if len(codes) > 1:
            yield code, Hit(fields={"others": "、".join(c for c in codes if c != code)})
