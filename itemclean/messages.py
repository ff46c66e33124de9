"""The message tables of the command line, in Chinese and English (each rule's own texts are on its `@rule` line)."""

from __future__ import annotations

import os

# A few of many (the codes of other items): (separator, the form naming all, the form leaving some out).
SOME_OF = {
    "zh": ("、", "{shown} ", "{shown} 等 {count} 项"),
    "en": (", ", "{shown}", "{shown} and {more} more ({count} items)"),
}

LEVEL_NAMES = {
    "zh": {
        "law": "法律",
        "administrative_regulation": "行政法规",
        "state_council_decision": "国务院决定",
        "local_regulation": "地方性法规",
        "provincial_rule": "省级政府规章",
        "departmental_rule": "部门规章",
        "local_rule": "地方政府规章",
        "normative_document": "规范性文件",
        None: "未知",
    },
    "en": {
        "law": "law",
        "administrative_regulation": "administrative regulation",
        "state_council_decision": "State Council decision",
        "local_regulation": "local regulation",
        "provincial_rule": "provincial rule",
        "departmental_rule": "departmental rule",
        "local_rule": "local rule",
        "normative_document": "normative document",
        None: "unknown",
    },
}

SEVERITY_NAMES = {
    "zh": {"error": "错误", "warning": "警告", "info": "提示"},
    "en": {"error": "error", "warning": "warning", "info": "info"},
}


# `itemclean reference check`: what a reference directory holds, once it has loaded without a problem
REFERENCE_CHECK = {
    "zh": {
        "ok": "参考目录 {directory}：无误",
        "instruments": "  法律文件 {count} 部（其中 {repealed} 部已废止）；有权设定行政许可的 {setting} 部",
        "catalogue": "  收费目录《{name}》（{level}）：{count} 项",
        "no_catalogue": "  没有收费目录（fees*.toml）：每项收费都会被报告为自定收费",
        "cancelled": "  已取消事项 {count} 项",
        "policy": "  规则配置 policy.toml：{count} 条规则有设定，{disabled} 条停用",
        "no_policy": "  没有 policy.toml：各规则按默认级别和阈值运行",
        "national": "国家",
        "provincial": "省级",
    },
    "en": {
        "ok": "reference directory {directory}: no problems",
        "instruments": "  {count} instruments ({repealed} repealed); {setting} of a level that may set a permit",
        "catalogue": "  fee catalogue 《{name}》 ({level}): {count} fees",
        "no_catalogue": "  no fee catalogue (fees*.toml): every fee will be reported as locally set",
        "cancelled": "  {count} cancelled items",
        "policy": "  policy.toml: settings for {count} rules, {disabled} disabled",
        "no_policy": "  no policy.toml: every rule runs with its default severity and thresholds",
        "national": "national",
        "provincial": "provincial",
    },
}


def language(lang: str | None = None) -> str:
    lang = (lang or os.environ.get("ITEMCLEAN_LANG") or "zh").lower()
    return "en" if lang.startswith("en") else "zh"


def some_of(shown: list[str], count: int, lang: str) -> str:
    """The entries shown, and how many there are in all when that is more: `A、B 等 41 项`."""
    sep, every, some = SOME_OF[language(lang)]
    form = every if count <= len(shown) else some
    return form.format(shown=sep.join(shown), count=count, more=count - len(shown))


# Words of the command line's own reports (not of a rule), by key → language → template.
TEXTS: dict[str, dict[str, str]] = {
    "and-more": {"zh": "……另有 {n} 项", "en": "… and {n} more"},
    "rows-left-out": {
        "zh": "{n} 行无法按键比较（无编码或编码重复），未参与比较",
        "en": "{n} row(s) could not be keyed (no code, or a code repeated) and were left out",
    },
}


def text(key: str, lang: str | None = None, **fields: object) -> str:
    return TEXTS[key][language(lang)].format(**fields)


# The department round (feedback sheets, results list, cleanup report): key → language → text.
ROUND: dict[str, dict[str, str]] = {
    "feedback-title": {
        "zh": "{catalog} 行政许可事项清理审核意见反馈表（{department}）",
        "en": "{catalog} — review feedback on administrative-permit items ({department})",
    },
    "feedback-howto": {
        "zh": "填表说明：需更正的内容填在该事项的“更正”行对应栏目（不需更正的留空）；"
        "“部门意见”填同意、不同意或部分同意，"
        "“说明”栏写明理由。请勿修改事项编码、栏目和审核意见。生成于{date}。",
        "en": "How to fill in: write corrections in the item's 'corrected' row under the field (leave the rest empty); "
        "answer agree, disagree or partly in 'answer' and give the reasons in 'explanation'. Do not change the code, "
        "row or findings columns. Generated {date}.",
    },
    "no": {"zh": "序号", "en": "no"},
    "row": {"zh": "栏目", "en": "row"},
    "current": {"zh": "现行", "en": "current"},
    "corrected": {"zh": "更正", "en": "corrected"},
    "findings": {"zh": "审核意见", "en": "findings"},
    "suggestions": {"zh": "修改建议", "en": "suggestions"},
    "answer": {"zh": "部门意见", "en": "answer"},
    "explanation": {"zh": "说明", "en": "explanation"},
    "answers": {"zh": "同意,不同意,部分同意", "en": "agree,disagree,partly"},
    "no-findings": {"zh": "未发现问题", "en": "nothing found"},
    "resolved": {"zh": "（已处理）", "en": " (resolved)"},
    "page-footer": {"zh": "第 &P 页 共 &N 页", "en": "page &P of &N"},
    "no-department": {"zh": "未明确实施机关", "en": "no department"},
    "not-ours": {
        "zh": "不是本系统导出的审核意见反馈表：{why}",
        "en": "not a feedback sheet exported by itemclean: {why}",
    },
    "bad-title": {"zh": "第1行标题应为“…审核意见反馈表（部门）”", "en": "row 1 is not the sheet's title"},
    "bad-header": {"zh": "表头应为“{want}”，实为“{got}”", "en": "the header should read {want!r}, not {got!r}"},
    "other-catalog": {
        "zh": "该表属于目录“{got}”，不是“{want}”",
        "en": "the sheet belongs to catalogue {got!r}, not {want!r}",
    },
    "bad-row": {
        "zh": "栏目应为“{current}”或“{corrected}”，实为“{got}”",
        "en": "the row column should read {current!r} or {corrected!r}, not {got!r}",
    },
    "lone-correction": {
        "zh": "“{corrected}”行前没有该事项的“{current}”行",
        "en": "a {corrected!r} row without its item's {current!r} row above it",
    },
    "unknown-code": {"zh": "目录中没有编码为 {code} 的事项", "en": "no item with code {code!r} in the catalogue"},
    "no-such-file": {"zh": "文件不存在", "en": "no such file"},
    "bad-correction": {"zh": "更正内容无法读取：{why}", "en": "the correction cannot be read: {why}"},
    "no-feedback-dir": {
        "zh": "--what feedback 需要 -o 目录（每个部门一个文件）或 -o 文件.xlsx（每个部门一张工作表）",
        "en": "--what feedback needs -o DIR (a file per department) or -o FILE.xlsx (a sheet per department)",
    },
    "no-such-department": {
        "zh": "目录中没有实施机关“{department}”（共有：{known}）",
        "en": "no department {department!r} in the catalogue (it has: {known})",
    },
    "feedback-read": {
        "zh": "读入{files}个文件：{notes}条部门意见，{edits}处更正待审核，{items}个事项待复核",
        "en": "read {files} file(s): {notes} answer(s), {edits} proposed edit(s), {items} item(s) back to review",
    },
    "feedback-written": {
        "zh": "已写出{items}个事项的反馈表：{target}",
        "en": "wrote the feedback sheets of {items} items to {target}",
    },
    "no-proposal": {
        "zh": "{code}：没有待审核的“{field}”更正",
        "en": "{code}: no proposed edit of {field} is waiting",
    },
    "accepted-reason": {"zh": "采纳{who}的更正", "en": "edit proposed by {who} accepted"},
    "unknown-field": {"zh": "没有栏目“{field}”（可用：{known}）", "en": "no field {field!r} (fields: {known})"},
    # the results list
    "results-title": {"zh": "{catalog} 行政许可事项清理结果", "en": "{catalog} — outcome of the permit-item cleanup"},
    "out-keep": {"zh": "保留", "en": "kept"},
    "out-abolish": {"zh": "取消", "en": "abolished"},
    "out-merge": {"zh": "合并至{target}", "en": "merged into {target}"},
    "out-amend": {"zh": "调整：{fields}", "en": "amended: {fields}"},
    "out-amend-bare": {"zh": "调整", "en": "amended"},
    "out-fees": {"zh": "取消收费：{fees}", "en": "charges cancelled: {fees}"},
    "out-undecided": {"zh": "未决定", "en": "undecided"},
    "out-needs-review": {"zh": "待复核", "en": "to be reviewed again"},
    "sep": {"zh": "、", "en": ", "},
    "clause-sep": {"zh": "；", "en": "; "},
    "items-n": {"zh": "{n}项", "en": "{n} items"},
    # the cleanup report
    "report-title": {
        "zh": "{catalog} 行政许可事项清理情况统计",
        "en": "{catalog} — figures of the permit-item cleanup",
    },
    "report-draft": {"zh": "工作稿（未批准）", "en": "working draft (not approved)"},
    "report-version": {"zh": "版本 {label}", "en": "version {label}"},
    "summary": {
        "zh": "本次共清理行政许可事项{before}项，取消{abolished}项，合并{merged}项，调整{amended}项，保留{kept}项，"
        "清理后保留{after}项；取消收费{fees}项（涉及{fee_items}个事项）；承诺时限平均压缩{compression}%，"
        "{half}个事项承诺时限较法定时限压缩50%以上；删除兜底性材料条款{catch_all}处，更新设定依据{bases}条。",
        "en": "The cleanup reviewed {before} permit items: {abolished} abolished, {merged} merged, {amended} amended "
        "and {kept} kept unchanged, leaving {after}; {fees} charges cancelled (on {fee_items} items); promised time "
        "limits are on average {compression}% shorter than the statutory ones, {half} items by 50% or more; "
        "{catch_all} catch-all material clauses removed and {bases} legal bases replaced.",
    },
    "summary-undecided": {
        "zh": "另有{n}项尚未决定或待复核。",
        "en": "{n} items are still undecided or to be reviewed again.",
    },
    "col-department": {"zh": "实施机关", "en": "department"},
    "col-category": {"zh": "事项类型", "en": "category"},
    "col-before": {"zh": "清理前", "en": "before"},
    "col-after": {"zh": "清理后", "en": "after"},
    "col-abolished": {"zh": "取消", "en": "abolished"},
    "col-merged": {"zh": "合并", "en": "merged"},
    "col-amended": {"zh": "调整", "en": "amended"},
    "col-kept": {"zh": "保留", "en": "kept"},
    "col-undecided": {"zh": "未决定", "en": "undecided"},
    "col-fees_cancelled": {"zh": "取消收费", "en": "charges cancelled"},
    "col-fee_items": {"zh": "涉及收费事项", "en": "items losing a charge"},
    "col-limit_items": {"zh": "有时限事项", "en": "items with limits"},
    "col-compression": {"zh": "平均压缩%", "en": "avg. compression %"},
    "col-at_least_half": {"zh": "压缩≥50%", "en": "compressed ≥ 50%"},
    "col-catch_all_removed": {"zh": "删除兜底条款", "en": "catch-alls removed"},
    "col-bases_replaced": {"zh": "更新依据", "en": "bases replaced"},
    "col-figure": {"zh": "指标", "en": "figure"},
    "col-value": {"zh": "数值", "en": "value"},
    "col-fee": {"zh": "收费项目", "en": "charge"},
    "col-standard": {"zh": "收费标准", "en": "standard"},
    "col-basis": {"zh": "收费依据", "en": "basis"},
    "col-code": {"zh": "事项编码", "en": "code"},
    "col-name": {"zh": "事项名称", "en": "item"},
    "col-outcome": {"zh": "处理结果", "en": "outcome"},
    "col-action": {"zh": "决定", "en": "action"},
    "col-target": {"zh": "合并至", "en": "merged into"},
    "col-fields": {"zh": "调整栏目", "en": "amended fields"},
    "col-fees": {"zh": "取消收费", "en": "charges cancelled"},
    "col-reason": {"zh": "理由", "en": "reason"},
    "col-reviewer": {"zh": "审核人", "en": "reviewer"},
    "h-summary": {"zh": "总体情况", "en": "Summary"},
    "h-by-department": {"zh": "分部门情况", "en": "By department"},
    "h-by-category": {"zh": "分类别情况", "en": "By category"},
    "h-fees": {"zh": "取消的收费项目", "en": "Charges cancelled"},
    "h-limits": {"zh": "承诺时限压缩（平均%）", "en": "Time-limit compression (average %)"},
    "h-outcomes": {"zh": "各部门事项处理情况", "en": "Outcome by department"},
    "none": {"zh": "无", "en": "none"},
    "total": {"zh": "合计", "en": "total"},
    "legend-50": {"zh": "50%", "en": "50%"},
    "report-written": {"zh": "已写出清理情况统计：{target}", "en": "wrote the cleanup figures to {target}"},
}


def say(key: str, lang: str | None = None, **fields: object) -> str:
    """A text of the department round in the language asked for."""
    return ROUND[key][language(lang)].format(**fields)
