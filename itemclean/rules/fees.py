"""Fees (收费): RULES.md, third table. A fee that charges nothing fires none of them."""

from __future__ import annotations

from ..normalize import is_empty_word
from ..parsing import standard_of
from ..reference import same_unit
from .registry import Doc, Hit, explain, rule

CHARGES = ("amount", "range", "text", "none")


def charged(item):
    """Fees that may charge something: not free."""
    return [f for f in item.fees if standard_of(f).kind != "free"] if item.fees else ()


@rule(
    "fee-no-basis",
    "error",
    "fees",
    zh=("收费无依据：{entry}", "取消该收费"),
    en=("the fee has no basis: {entry}", "remove the fee"),
)
@explain(
    zh=Doc(
        fires="某项收费（标准不是免费）没有写收费依据（`名称|标准|依据` 的第三部分为空或为空词）。",
        why=(
            "《行政许可法》第五十八条：行政机关实施行政许可，不得收取任何费用，法律、行政法规另有规定的除外"
            "，并应按公布的法定项目和标准收费。说不出依据的收费不能收。"
        ),
        answer=(
            '取消该收费：`itemclean decide CODE --remove-fee 收费名称 --reason "无收费依据"`（批准后的目录'
            "不再列出该收费，并计入“取消收费”清单）；若确有依据，把依据补进收费项目后保留。"
        ),
    ),
    en=Doc(
        fires=(
            "A fee that charges something has no basis (the third part of `name|standard|basis` is missing "
            "or an empty word)."
        ),
        why=(
            "Art. 58 of the Administrative Licensing Law: implementing a permit is free of charge unless a "
            "law or administrative regulation provides otherwise, and then only the published items at the "
            "published standards may be charged. A fee that cannot name its basis cannot be charged."
        ),
        answer=(
            'Remove the fee: `itemclean decide CODE --remove-fee NAME --reason "无收费依据"` (the approved '
            "catalogue then carries the item without it, and the fee appears in the removed-fees report); "
            "if a basis exists, write it into the fee entry and keep it."
        ),
    ),
)
def fee_no_basis(item, ctx, r):
    for f in charged(item):
        if is_empty_word(f.basis):
            yield Hit(entry=f.name)


@rule(
    "fee-not-in-catalogue",
    "error",
    "fees",
    zh=("收费不在国家和省级行政事业性收费目录清单内（自定收费）：{entry}", "标记取消该收费"),
    en=(
        "the fee is in neither the national nor the provincial fee catalogue (locally set): {entry}",
        "flag the fee for removal",
    ),
)
@explain(
    zh=Doc(
        fires=(
            "某项收费的名称（或别名）在已加载的国家和省级行政事业性收费目录清单（参考目录中的 fees*.toml）"
            "中都找不到：这是自定收费。"
        ),
        why=(
            "行政事业性收费实行目录清单管理，目录清单之外的一律不得收取。县级部门自行设立的收费（自定收费）须予取消。"
        ),
        answer=(
            '取消该收费：`itemclean decide CODE --remove-fee 收费名称 --reason "自定收费，予以取消"`；若只'
            "是名称写法与目录不同，把名称改成目录中的写法（或在收费目录中加别名）；若收费目录漏收了某项合法"
            "收费，更新参考目录。"
        ),
    ),
    en=Doc(
        fires=(
            "A fee's name matches no fee, by name or alias, of the national and provincial fee catalogues "
            "loaded from the reference directory (fees*.toml): it is a locally set charge (自定收费)."
        ),
        why=(
            "Administrative fees are managed by catalogue: no fee outside the national and provincial "
            "catalogues may be charged. Charges a county department set on its own must go."
        ),
        answer=(
            'Remove the fee: `itemclean decide CODE --remove-fee NAME --reason "自定收费，予以取消"`; if '
            "the name is merely spelt differently, write the catalogue's name (or add an alias to the "
            "catalogue); if a lawful fee is missing from the catalogue, update the reference directory."
        ),
    ),
)
def fee_not_in_catalogue(item, ctx, r):
    for f in charged(item):
        if not ctx.reference.catalogue_fees(f.name):
            yield Hit(entry=f.name)


@rule(
    "fee-floating",
    "warning",
    "fees",
    zh=("收费标准为浮动区间：{entry}（{standard}）", "按区间下限收取"),
    en=("the fee's standard is a range: {entry} ({standard})", "charge the lowest amount of the range"),
)
@explain(
    zh=Doc(
        fires="某项收费的标准是一个区间（如“50-100元/次”“50～100元”“50元至100元”），即浮动收费。",
        why="浮动的收费标准给了窗口自由裁量的空间。清理中通常要求按区间下限收取，或明确分档标准。",
        answer=(
            '把标准改为确定的金额（通常是下限）：`itemclean edit CODE --set "fees=名称|50元/次|依据"`；确有'
            "分档规定的，写明理由覆盖。本规则是警告，不阻止批准。"
        ),
    ),
    en=Doc(
        fires="A fee's standard is a range (50-100元/次, 50～100元, 50元至100元): a floating fee.",
        why=(
            "A floating standard leaves the amount to the counter's discretion; cleanups usually require "
            "the lowest amount of the range, or published bands."
        ),
        answer=(
            'Write a fixed amount (usually the lower end): `itemclean edit CODE --set "fees=NAME|50元/次'
            '|BASIS"`; where bands are set by rule, override with that reason. A warning: it never blocks '
            "approval."
        ),
    ),
)
def fee_floating(item, ctx, r):
    for f in charged(item):
        if standard_of(f).kind == "range":
            yield Hit(entry=f.name, fields={"standard": f.standard})


@rule(
    "fee-above-standard",
    "error",
    "fees",
    zh=("收费{entry}的标准{standard}高于目录标准{allowed}", "降至目录标准"),
    en=("the fee {entry} charges {standard}, above the catalogue's {allowed}", "lower it to the standard"),
)
@explain(
    zh=Doc(
        fires=(
            "某项收费在收费目录中找得到，但其金额（区间取上限）高于它所匹配的每一条同计量单位目录标准（都无"
            "单位也算同单位）；没有标准或单位不同的目录条目不作比较。"
        ),
        why="目录清单同时规定了收费标准。超过标准收费就是乱收费，须降至标准。",
        answer=(
            '把标准降到目录标准：`itemclean edit CODE --set "fees=名称|目录标准|依据"`；若收费本身不应收取'
            "，取消它（`--remove-fee`）；若目录标准已调整，更新参考目录中的收费目录。"
        ),
    ),
    en=Doc(
        fires=(
            "A fee found in a catalogue charges an amount (for a range, its upper end) higher than every "
            "standard of the same unit (or both without unit) among the catalogue entries it matches; "
            "entries with no standard or another unit are not compared."
        ),
        why=(
            "The fee catalogues set the standards as well as the items. Charging above the standard is an "
            "unlawful charge and must come down."
        ),
        answer=(
            'Lower the standard: `itemclean edit CODE --set "fees=NAME|STANDARD|BASIS"`; if the fee should '
            "not be charged at all, remove it (`--remove-fee`); if the catalogue's standard has changed, "
            "update the fee catalogue of the reference directory."
        ),
    ),
)
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
