"""Legal basis (设定依据): RULES.md, first table."""

from __future__ import annotations

import datetime as dt

from ..messages import LEVEL_NAMES
from ..normalize import norm_name
from ..reference import SETTING_LEVELS
from .registry import Hit, rule


def is_permit(item) -> bool:
    return norm_name(item.category) == "行政许可"


@rule("basis-missing", "error", "basis")
def basis_missing(item, ctx, r):
    if not item.basis:
        yield Hit()


@rule("basis-cannot-set", "error", "basis")
def basis_cannot_set(item, ctx, r):
    if not is_permit(item) or not item.basis:
        return
    found = [ctx.reference.instrument(c.instrument) for c in item.basis]
    if any(i is None for i in found) or any(i.level in SETTING_LEVELS for i in found):
        return
    names = LEVEL_NAMES[ctx.lang]
    unique = list({id(i): i for i in found}.values())  # an instrument cited twice is named once
    yield Hit(fields={"levels": "、".join(f"《{i.title}》({names[i.level]})" for i in unique)})


@rule("basis-repealed", "error", "basis")
def basis_repealed(item, ctx, r):
    for c in item.basis:
        inst = ctx.reference.instrument(c.instrument)
        if inst is not None and inst.repealed_by(ctx.as_of):
            yield Hit(entry=c.text, fields={"instrument": inst.title, "date": inst.repealed.isoformat()})


@rule("basis-unknown", "warning", "basis")
def basis_unknown(item, ctx, r):
    for c in item.basis:
        if ctx.reference.instrument(c.instrument) is None:
            yield Hit(entry=c.text)


@rule("basis-no-article", "info", "basis")
def basis_no_article(item, ctx, r):
    for c in item.basis:
        if c.instrument is not None and c.article is None:
            yield Hit(entry=c.text)


def one_year_before(day: dt.date) -> dt.date:
    """The same day a calendar year earlier; 29 February becomes 28 February."""
    if day.month == 2 and day.day == 29:
        return day.replace(year=day.year - 1, day=28)
    return day.replace(year=day.year - 1)


@rule("basis-provincial-rule-expired", "warning", "basis")
def basis_provincial_rule_expired(item, ctx, r):
    if not is_permit(item):
        return
    seen, setting = set(), []
    for c in item.basis:
        inst = ctx.reference.instrument(c.instrument)
        if inst is not None and inst.in_force(ctx.as_of) and inst.level in SETTING_LEVELS and id(inst) not in seen:
            seen.add(id(inst))
            setting.append(inst)
    if not setting or any(i.level != "provincial_rule" for i in setting):
        return
    limit = one_year_before(ctx.as_of)
    if all(i.effective is not None and i.effective < limit for i in setting):
        yield Hit(fields={"titles": "、".join(f"《{i.title}》({i.effective.isoformat()})" for i in setting)})
