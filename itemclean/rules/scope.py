"""Responsibility and scope: RULES.md, last table."""

from __future__ import annotations

from collections import defaultdict

from ..messages import some_of
from ..normalize import is_empty_word
from .registry import Doc, Hit, explain, rule


@rule(
    "department-missing",
    "error",
    "department",
    zh=("未明确实施机关（职责不清）", "明确实施机关"),
    en=("no department (responsibility unclear)", "assign the item to a department"),
)
@explain(
    zh=Doc(
        fires="“实施机关”为空或只有空词。",
        why=(
            "《行政许可法》第二十二条：行政许可由具有行政许可权的行政机关在其法定职权范围内实施。没有实施机"
            "关的事项职责不清，无人负责，也无人可问责。"
        ),
        answer=(
            "明确实施机关：`itemclean edit CODE --set department=县市场监督管理局`；若事项已无机关实施，废止该事项。"
        ),
    ),
    en=Doc(
        fires="The department is empty or an empty word.",
        why=(
            "Art. 22 of the Administrative Licensing Law: a permit is implemented by the administrative "
            "organ empowered to do so, within its statutory powers. An item with no department has no one "
            "responsible and no one to hold to account (职责不清)."
        ),
        answer=(
            "Assign the department: `itemclean edit CODE --set department=县市场监督管理局`; if no organ "
            "implements the item any more, abolish it."
        ),
    ),
)
def department_missing(item, ctx, r):
    # an empty word (无, ——) is no department, however the item was built (FORMAT.md §1 empty cells)
    if is_empty_word(item.department):
        yield Hit()


@rule(
    "procedure-missing",
    "warning",
    "procedure",
    zh=("未填写办理流程", "补充办理流程"),
    en=("no procedure text", "describe the procedure"),
)
@explain(
    zh=Doc(
        fires="“办理流程”为空或只有空词。",
        why="《行政许可法》第三十条要求公示行政许可的程序。不写流程，申请人无从知道如何办理。",
        answer=("补充流程：`itemclean edit CODE --set procedure=受理—审查—决定—送达`。本规则是警告，不阻止批准。"),
    ),
    en=Doc(
        fires="The procedure is empty or an empty word.",
        why=(
            "Art. 30 of the Administrative Licensing Law requires the procedure of a permit to be "
            "published; without it an applicant cannot know how to apply."
        ),
        answer=(
            "Describe the procedure: `itemclean edit CODE --set procedure=受理—审查—决定—送达`. A warning: "
            "it never blocks approval."
        ),
    ),
)
def procedure_missing(item, ctx, r):
    if is_empty_word(item.procedure):
        yield Hit()


@rule(
    "item-cancelled",
    "error",
    "name",
    abolish=True,
    zh=("事项已被取消（{by}）：{name}", "废止该事项"),
    en=("the item was abolished by a higher authority ({by}): {name}", "abolish"),
)
@explain(
    zh=Doc(
        fires=(
            "事项名称规范化后与参考目录 cancelled.toml 中某一已取消事项的名称相同，或事项编码与该条目写明的"
            "编码相同（满足其一即可）。"
        ),
        why="国务院和省级政府已决定取消的事项，下级不得继续实施，也不得换个名称变相保留。",
        answer=(
            '废止该事项：`itemclean decide CODE --abolish --reason "已被国发〔2016〕9号取消"`；若只是名称相'
            "同而内容不同，改名以示区别，并写明理由覆盖。"
        ),
    ),
    en=Doc(
        fires=(
            "The item's normalised name equals the name of an entry of cancelled.toml in the reference "
            "directory, or its code equals the code the entry gives (either suffices)."
        ),
        why=(
            "Items the State Council or the province has abolished may not be implemented further down, "
            "nor kept under another name."
        ),
        answer=(
            'Abolish the item: `itemclean decide CODE --abolish --reason "已被国发〔2016〕9号取消"`; if '
            "only the name is the same and the item is another matter, rename it and override with that "
            "reason."
        ),
    ),
)
def item_cancelled(item, ctx, r):
    c = ctx.reference.cancelled(item.name, item.code)
    if c is not None:
        by = c.by or ("decision not given" if ctx.lang == "en" else "未注明决定")
        yield Hit(fields={"by": by, "name": c.name})


SHOWN_OTHERS = 2  # codes named in a finding; the others are counted


@rule(
    "item-duplicate-name",
    "warning",
    "name",
    scope="catalogue",
    zh=("与 {others}同名", "合并，或区分事项名称"),
    en=("the same name as {others}", "merge, or tell them apart"),
)
@explain(
    zh=Doc(
        fires="目录中有两个或更多事项名称规范化后相同；其中每一个都会报告，并列出其他同名事项的编码。",
        why="同一事项在清单中只能出现一次；重复列项会造成多头审批、重复办理。",
        answer=(
            '把重复项并入保留的那一项：`itemclean decide 0201011 --merge-into 0201004 --reason "同名事项合'
            '并"`；若确是不同事项，修改名称加以区分。本规则是警告，不阻止批准。'
        ),
    ),
    en=Doc(
        fires=(
            "Two or more items of the catalogue have the same normalised name; each of them is reported, "
            "naming the others' codes."
        ),
        why=(
            "An item appears once in the catalogue; listing it twice leads to approvals by several offices "
            "and applicants doing the same thing twice."
        ),
        answer=(
            "Merge the repeat into the item you keep: `itemclean decide 0201011 --merge-into 0201004 "
            '--reason "同名事项合并"`; if they are different matters, tell them apart by name. A warning: '
            "it never blocks approval."
        ),
    ),
)
def item_duplicate_name(names, ctx, r):
    # names: (code, normalised name) of the items in groups of one name, whole groups, in catalogue order.
    # Each of k items with one name names the first few others and counts k - 1, so that the time and the
    # text stay in proportion to the catalogue, not to the square of a group's size.
    groups = defaultdict(list)
    for code, name in names:
        groups[name].append(code)
    for code, name in names:
        codes = groups[name]
        if len(codes) > 1:
            shown = [c for c in codes[: SHOWN_OTHERS + 1] if c != code][:SHOWN_OTHERS]
            yield code, Hit(fields={"others": some_of(shown, len(codes) - 1, ctx.lang)})
