"""Responsibility and scope: RULES.md, last table."""

from __future__ import annotations

from collections import defaultdict

from ..messages import some_of
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


SHOWN_OTHERS = 2  # codes named in a finding; the others are counted


@rule("item-duplicate-name", "warning", "name", scope="catalogue")
def item_duplicate_name(names, ctx, r):
    """names: (code, normalised name) of every item, in catalogue order.

    Each of k items with one name names the first few others and counts k - 1, so that the time and the
    text stay in proportion to the catalogue, not to the square of a group's size."""
    groups = defaultdict(list)
    for code, name in names:
        groups[name].append(code)
    for code, name in names:
        codes = groups[name]
        if len(codes) > 1:
            shown = [c for c in codes[: SHOWN_OTHERS + 1] if c != code][:SHOWN_OTHERS]
            yield code, Hit(fields={"others": some_of(shown, len(codes) - 1, ctx.lang)})
