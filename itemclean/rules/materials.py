"""Application materials (申请材料): RULES.md, second table."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from ..memo import Memo
from ..normalize import norm_name
from .registry import Doc, Hit, Param, explain, rule

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


def strings(v: Any) -> bool:
    """A list of strings (policy.toml's phrases)."""
    return isinstance(v, list) and all(isinstance(x, str) for x in v)


@rule(
    "materials-missing",
    "error",
    "materials",
    zh=("事项未列申请材料", "列明申请材料"),
    en=("the item lists no application materials", "list the materials"),
)
@explain(
    zh=Doc(
        fires="事项没有列出任何申请材料（“申请材料”一栏为空或只有空词）。",
        why=(
            "《行政许可法》第三十条要求将需要提交的全部材料的目录和申请书示范文本在办公场所公示。没有材料目"
            "录，申请人不知道要交什么，窗口可以随意要求。"
        ),
        answer=(
            '列出申请材料：`itemclean edit CODE --set "materials=申请书\\n营业执照"`（`\\n` 分隔各项）；确'
            "实无需材料的（如依职权实施的事项），写明理由覆盖。"
        ),
    ),
    en=Doc(
        fires="The item lists no application materials (the column is empty or holds only empty words).",
        why=(
            "Art. 30 of the Administrative Licensing Law requires the list of all materials to be "
            "submitted, and a model application, to be displayed publicly. Without a list the applicant "
            "cannot know what to bring and the counter may ask for anything."
        ),
        answer=(
            'List the materials: `itemclean edit CODE --set "materials=申请书\\n营业执照"` (`\\n` '
            "separates the entries); where an item truly needs none (one the authority starts on its own), "
            "override with that reason."
        ),
    ),
)
def materials_missing(item, ctx, r):
    if not item.materials:
        yield Hit()


@lru_cache(maxsize=8)
def _catch_all(phrases: tuple[str, ...]) -> tuple[re.Pattern, list[tuple[str, str]]]:
    """One pattern for all phrases (a quick test), and the phrases in order (to name the one found)."""
    norms = [(p, norm_name(p)) for p in phrases if norm_name(p)]
    pattern = re.compile("|".join(re.escape(n) for _, n in norms) or r"(?!)")
    return pattern, norms


MATERIALS_KEPT = 1 << 14  # material texts whose catch-all phrase is kept


def catch_all(phrases: list[str]) -> Memo:
    """The catch-all phrase each material holds (the first in the list of phrases; None: none), found once
    for each material text: a catalogue's items list the same materials again and again."""
    pattern, norms = _catch_all(tuple(phrases))

    def phrase(material: str) -> str | None:
        norm = norm_name(material)
        return next(p for p, n in norms if n in norm) if pattern.search(norm) else None

    return Memo(phrase, MATERIALS_KEPT)


@rule(
    "materials-catch-all",
    "error",
    "materials",
    zh=("申请材料含兜底条款（{phrase}）：{entry}", "删除兜底性材料条款"),
    en=("a material is a catch-all clause ({phrase}): {entry}", "remove the catch-all (兜底) clause"),
    phrases=Param(CATCH_ALL, strings, "a list of strings", list),
)
@explain(
    zh=Doc(
        fires=(
            "某项申请材料含有兜底性表述，如“其他材料”“其他相关材料”“要求的其他”“认为需要的”“等材料”（比较前"
            "先规范化；短语表可在 policy.toml 的 `phrases` 中替换）。每项这样的材料报告一次。"
        ),
        why=(
            "《行政许可法》第三十一条规定，行政机关不得要求申请人提交与其申请的行政许可事项无关的技术资料和"
            "其他材料。兜底条款让窗口可以无限追加材料，是清理要取消的典型问题。"
        ),
        answer=(
            '删除兜底条款，或把它写成具体的材料名称：`itemclean edit CODE --set "materials=…"`；部门正在修'
            "改材料目录的，可写明理由覆盖。"
        ),
    ),
    en=Doc(
        fires=(
            "A material contains a catch-all phrase such as 其他材料, 其他相关材料, 要求的其他, 认为需要的 "
            "or 等材料 (compared after normalising; policy.toml's `phrases` replaces the list). Each such "
            "material is reported once."
        ),
        why=(
            "Art. 31 of the Administrative Licensing Law forbids requiring technical documents and other "
            "materials that have nothing to do with the permit applied for. A catch-all clause lets the "
            "counter add materials without end; removing such clauses is a standing goal of the cleanup."
        ),
        answer=(
            'Remove the clause, or name the material it means: `itemclean edit CODE --set "materials=…"`; '
            "where the department is revising its list, override with that reason."
        ),
    ),
)
def materials_catch_all(item, ctx, r):
    phrase_of = ctx.prepared(r, "phrases", catch_all)
    for m in item.materials:
        phrase = phrase_of[m]
        if phrase is not None:
            yield Hit(entry=m, fields={"phrase": phrase})


@rule(
    "materials-duplicate",
    "warning",
    "materials",
    zh=("申请材料重复：{entry}", "合并重复的材料"),
    en=("a material repeats an earlier one: {entry}", "merge them"),
)
@explain(
    zh=Doc(
        fires="某项材料规范化后与本事项前面的一项材料相同（如“营业执照”与“营业执照 ”）。每次重复报告一次。",
        why="重复的材料让申请人重复提交，也说明材料目录没有认真整理；清理要求材料精简、明确。",
        answer='删除重复项：`itemclean edit CODE --set "materials=…"`。本规则是警告，不阻止批准。',
    ),
    en=Doc(
        fires=(
            "A material equals an earlier material of the same item after normalising. Each repeat is reported once."
        ),
        why=(
            "A repeated material makes the applicant hand in the same paper twice and shows that the list "
            "was never tidied; the cleanup wants short, precise lists."
        ),
        answer=('Drop the repeat: `itemclean edit CODE --set "materials=…"`. A warning: it never blocks approval.'),
    ),
)
def materials_duplicate(item, ctx, r):
    seen = set()
    for m in item.materials:
        norm = norm_name(m)
        if norm in seen:
            yield Hit(entry=m)
        seen.add(norm)
