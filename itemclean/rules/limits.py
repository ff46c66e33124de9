"""Time limits (办理时限): RULES.md, fourth table. Working days throughout, thresholds in decimals."""

from __future__ import annotations

from decimal import Decimal

from .registry import Hit, rule


@rule("limit-missing", "warning", "statutory_limit")
def limit_missing(item, ctx, r):
    if item.statutory_limit.state == "empty" and item.promised_limit.days != 0:
        yield Hit()


@rule("limit-unparsed", "warning", "statutory_limit")
def limit_unparsed(item, ctx, r):
    bad = [(k, getattr(item, k)) for k in ("statutory_limit", "promised_limit") if getattr(item, k).state == "unparsed"]
    if bad:
        yield Hit(field=bad[0][0], fields={"texts": "、".join(lim.text for _, lim in bad)})


@rule("limit-promise-missing", "warning", "promised_limit")
def limit_promise_missing(item, ctx, r):
    s = item.statutory_limit.days
    if s is not None and s != 0 and item.promised_limit.state == "empty":
        yield Hit(fields={"statutory": s})


@rule("limit-promise-exceeds-statutory", "error", "promised_limit")
def limit_promise_exceeds(item, ctx, r):
    s, p = item.statutory_limit.days, item.promised_limit.days
    if s is not None and p is not None and p > s:
        yield Hit(fields={"statutory": s, "promised": p})


@rule("limit-promise-not-reduced", "warning", "promised_limit", min_reduction=Decimal("0.5"))
def limit_promise_not_reduced(item, ctx, r):
    s, p = item.statutory_limit.days, item.promised_limit.days
    if s is None or p is None or p > s:
        return
    m = Decimal(ctx.param(r, "min_reduction"))
    if Decimal(p) > Decimal(s) * (1 - m):
        yield Hit(fields={"statutory": s, "promised": p, "percent": format((m * 100).normalize(), "f")})
