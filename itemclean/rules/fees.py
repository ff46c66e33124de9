"""Fees (收费): RULES.md, third table. A fee that charges nothing fires none of them."""

from __future__ import annotations

from ..normalize import is_empty_word
from ..parsing import standard_of
from ..reference import same_unit
from .registry import Hit, rule

CHARGES = ("amount", "range", "text", "none")


def charged(item):
    """Fees that may charge something: not free."""
    return [f for f in item.fees if standard_of(f).kind != "free"]


@rule("fee-no-basis", "error", "fees")
def fee_no_basis(item, ctx, r):
    for f in charged(item):
        if is_empty_word(f.basis):
            yield Hit(entry=f.name)


@rule("fee-not-in-catalogue", "error", "fees")
def fee_not_in_catalogue(item, ctx, r):
    for f in charged(item):
        if not ctx.reference.catalogue_fees(f.name):
            yield Hit(entry=f.name)


@rule("fee-floating", "warning", "fees")
def fee_floating(item, ctx, r):
    for f in charged(item):
        if standard_of(f).kind == "range":
            yield Hit(entry=f.name, fields={"standard": f.standard})


def _amount(d) -> str:
    return format(d.normalize(), "f")


@rule("fee-above-standard", "error", "fees")
def fee_above_standard(item, ctx, r):
    for f in charged(item):
        p = standard_of(f)
        if p.kind not in ("amount", "range"):
            continue
        allowed = []
        for entry in ctx.reference.catalogue_fees(f.name):
            s = entry.parsed
            if s.kind in ("amount", "range", "free") and same_unit(s.unit, p.unit):
                allowed.append((s.high if s.high is not None else 0, entry.standard))
        if allowed and all(p.high > a for a, _ in allowed):
            top = max(allowed, key=lambda a: a[0])
            yield Hit(entry=f.name, fields={"standard": f.standard, "allowed": top[1]})
