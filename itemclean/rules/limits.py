"""Time limits (办理时限): RULES.md, fourth table. Working days throughout, thresholds in decimals."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from .registry import Doc, Hit, Param, explain, rule


def a_share(v: Any) -> bool:
    """A number from 0 to 1 (policy.toml's min_reduction); true and false are no numbers."""
    if isinstance(v, bool) or not isinstance(v, (int, float, Decimal)):
        return False
    try:
        return Decimal(str(v)).is_finite() and 0 <= Decimal(str(v)) <= 1
    except InvalidOperation:
        return False


@rule(
    "limit-missing",
    "warning",
    "statutory_limit",
    zh=("未填写法定时限", "填写法定时限"),
    en=("the statutory limit is empty", "fill in the statutory limit"),
)
@explain(
    zh=Doc(
        fires="“法定时限”为空，且承诺时限不是“即办”（0天）。",
        why=(
            "《行政许可法》第四十二条规定了作出决定的期限（一般为二十日，可延长十日），各法律法规另有规定的"
            "从其规定。不写法定时限，就无法判断承诺时限是否合法、是否压缩到位。"
        ),
        answer=(
            "查明并填写法定时限：`itemclean edit CODE --set statutory_limit=20个工作日`。本规则是警告，不阻止批准。"
        ),
    ),
    en=Doc(
        fires="The statutory limit is empty and the promised limit is not 即办 (0 days).",
        why=(
            "Art. 42 of the Administrative Licensing Law sets the time for a decision (generally 20 days, "
            "extendable by 10) unless other laws provide otherwise. Without the statutory limit nobody can "
            "tell whether the promise is lawful and short enough."
        ),
        answer=(
            "Find and fill in the statutory limit: `itemclean edit CODE --set statutory_limit=20个工作日`. "
            "A warning: it never blocks approval."
        ),
    ),
)
def limit_missing(item, ctx, r):
    if item.statutory_limit.state == "empty" and item.promised_limit.days != 0:
        yield Hit()


@rule(
    "limit-unparsed",
    "warning",
    "statutory_limit",
    zh=("时限无法识别：{texts}", "按“N个工作日”或“即办”改写时限"),
    en=("a time limit cannot be read: {texts}", "rewrite the limit (N个工作日 or 即办)"),
)
@explain(
    zh=Doc(
        fires=(
            "法定时限或承诺时限有文字，但不是可识别的写法（可识别的是：即办、N个工作日、N工作日、N日、N天、"
            "单独的数字 N，N 可为汉字数字）。例如“视情况而定”“5-7个工作日”“3.5天”。"
        ),
        why=("时限须是确定的天数，才能公示、比较和监督。含糊的时限等于没有时限。itemclean 不猜测，照原文保留并报告。"),
        answer=("改写为确定的时限：`itemclean edit CODE --set promised_limit=5个工作日`。本规则是警告，不阻止批准。"),
    ),
    en=Doc(
        fires=(
            "A limit holds text that fits none of the forms itemclean reads (即办, N个工作日, N工作日, N日"
            ", N天 or a bare number N, N possibly in Chinese numerals): 视情况而定, 5-7个工作日, 3.5天."
        ),
        why=(
            "A time limit must be a definite number of days to be published, compared and supervised; a "
            "vague one is no limit. itemclean does not guess: it keeps the text and reports it."
        ),
        answer=(
            "Rewrite it as a definite limit: `itemclean edit CODE --set promised_limit=5个工作日`. A "
            "warning: it never blocks approval."
        ),
    ),
)
def limit_unparsed(item, ctx, r):
    if item.statutory_limit.state != "unparsed" and item.promised_limit.state != "unparsed":  # almost every item
        return
    bad = [(k, getattr(item, k)) for k in ("statutory_limit", "promised_limit") if getattr(item, k).state == "unparsed"]
    if bad:
        yield Hit(field=bad[0][0], fields={"texts": "、".join(lim.text for _, lim in bad)})


@rule(
    "limit-promise-missing",
    "warning",
    "promised_limit",
    zh=("法定时限为{statutory}个工作日，未设承诺时限", "设定承诺时限"),
    en=("the statutory limit is {statutory} working days and no promise is set", "set a promised limit"),
)
@explain(
    zh=Doc(
        fires="法定时限已知且不为0，但承诺时限为空。",
        why="承诺时限是政务服务向社会作出的办结承诺，应当在法定时限基础上压缩并公示。",
        answer=("设定承诺时限：`itemclean edit CODE --set promised_limit=10个工作日`。本规则是警告，不阻止批准。"),
    ),
    en=Doc(
        fires="The statutory limit is known and not zero, and the promised limit is empty.",
        why=(
            "The promised limit is the office's public undertaking, to be set below the statutory limit and published."
        ),
        answer=(
            "Set a promise: `itemclean edit CODE --set promised_limit=10个工作日`. A warning: it never blocks approval."
        ),
    ),
)
def limit_promise_missing(item, ctx, r):
    s = item.statutory_limit.days
    if s is not None and s != 0 and item.promised_limit.state == "empty":
        yield Hit(fields={"statutory": s})


@rule(
    "limit-promise-exceeds-statutory",
    "error",
    "promised_limit",
    zh=("承诺时限{promised}个工作日超过法定时限{statutory}个工作日", "缩短承诺时限"),
    en=("the promise of {promised} working days exceeds the statutory {statutory}", "shorten the promise"),
)
@explain(
    zh=Doc(
        fires="承诺时限与法定时限都已知，且承诺时限长于法定时限。",
        why=(
            "法定时限是法律规定的上限（《行政许可法》第四十二条等），承诺只能比它短。承诺时限超过法定时限，"
            "本身就是违法承诺。"
        ),
        answer=(
            "缩短承诺时限，至少不超过法定时限（最好压缩一半以上）：`itemclean edit CODE --set "
            "promised_limit=10个工作日`；若是法定时限填错了，改正法定时限。"
        ),
    ),
    en=Doc(
        fires="Both limits are known and the promised limit is longer than the statutory one.",
        why=(
            "The statutory limit is the legal maximum (Art. 42 of the Administrative Licensing Law and "
            "others); a promise can only be shorter. A promise beyond it is an unlawful promise."
        ),
        answer=(
            "Shorten the promise to the statutory limit at most (better, to half of it or less): "
            "`itemclean edit CODE --set promised_limit=10个工作日`; if the statutory limit was entered "
            "wrongly, correct it."
        ),
    ),
)
def limit_promise_exceeds(item, ctx, r):
    s, p = item.statutory_limit.days, item.promised_limit.days
    if s is not None and p is not None and p > s:
        yield Hit(fields={"statutory": s, "promised": p})


def _reduction(v: Any) -> tuple[Decimal, str]:
    """The part of the statutory limit a promise may keep (1 − min_reduction), and min_reduction in percent."""
    m = Decimal(v)
    return 1 - m, format((m * 100).normalize(), "f")


@rule(
    "limit-promise-not-reduced",
    "warning",
    "promised_limit",
    zh=("承诺时限{promised}个工作日较法定时限{statutory}个工作日压缩不足{percent}%", "缩短承诺时限"),
    en=(
        "the promise of {promised} working days is not {percent}% under the statutory {statutory}",
        "shorten the promise",
    ),
    min_reduction=Param(Decimal("0.5"), a_share, "a number from 0 to 1", lambda v: Decimal(str(v))),
)
@explain(
    zh=Doc(
        fires=(
            "两个时限都已知，承诺不超过法定时限，但压缩幅度不足：承诺时限大于 法定时限 ×（1 − min_reduction"
            "）。默认 min_reduction = 0.5，即承诺时限须不超过法定时限的一半。"
        ),
        why=(
            "各地深化“放管服”改革、优化营商环境，要求承诺时限较法定时限大幅压缩。压缩幅度由参考目录的 "
            "policy.toml 设定。"
        ),
        answer=(
            "缩短承诺时限：`itemclean edit CODE --set promised_limit=10个工作日`；因业务确实无法压缩的，写"
            "明理由覆盖。本规则是警告，不阻止批准。"
        ),
    ),
    en=Doc(
        fires=(
            "Both limits are known, the promise is within the statutory limit, but not short enough: "
            "promised > statutory × (1 − min_reduction). By default min_reduction = 0.5: the promise must "
            "be at most half the statutory limit."
        ),
        why=(
            "Reform programmes (放管服, the business-environment regulations) require promised limits well "
            "under the statutory ones. The reduction is set in policy.toml of the reference directory."
        ),
        answer=(
            "Shorten the promise: `itemclean edit CODE --set promised_limit=10个工作日`; where the work "
            "truly cannot be done faster, override with that reason. A warning: it never blocks approval."
        ),
    ),
)
def limit_promise_not_reduced(item, ctx, r):
    s, p = item.statutory_limit.days, item.promised_limit.days
    if s is None or p is None or p > s:
        return
    kept, percent = ctx.prepared(r, "min_reduction", _reduction)
    if p > s * kept:
        yield Hit(fields={"statutory": s, "promised": p, "percent": percent})
