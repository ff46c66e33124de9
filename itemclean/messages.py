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


# The language of this process when a call names none: set once by the command line from --lang / ITEMCLEAN_LANG.
CURRENT: list[str | None] = [None]


def set_language(lang: str | None) -> None:
    CURRENT[0] = language(lang) if lang else None


def current_language() -> str:
    return language(CURRENT[0])


# Every other user-visible word (command-line output and errors, the workflow's refusals, report headers, the
# Markdown diff): key → language → template. t() renders one in the language asked for, or the process's.
UI: dict[str, dict[str, str]] = {
    # the command line
    "db-busy": {
        "zh": "数据库正忙：另一个 itemclean 正在写入，请待其完成后再试",
        "en": "the database is busy: another itemclean is writing to it; try again when it has finished",
    },
    "db-read-only": {
        "zh": "数据库只读，而此命令需要写入；请将其复制到可写的文件夹",
        "en": "the database is read-only and this command writes to it; copy it to a folder you can write",
    },
    "db-damaged": {
        "zh": "数据库已损坏（{text}）；请从备份恢复",
        "en": "the database is damaged ({text}); restore it from a copy",
    },
    "db-full": {
        "zh": "无法写入数据库（{text}）；请释放磁盘空间后重新运行",
        "en": "cannot write the database ({text}); free some space and run the command again",
    },
    "db-error": {"zh": "数据库错误（{text}）", "en": "database error ({text})"},
    "too-deep": {"zh": "输入嵌套过深，无法读取", "en": "the input is nested too deeply to read"},
    "out-of-memory": {
        "zh": "内存不足；请将输入拆分为较小的文件",
        "en": "out of memory; split the input into smaller files",
    },
    "bad-lang": {"zh": "--lang 取 zh 或 en，而不是 {lang!r}", "en": "--lang takes zh or en, not {lang!r}"},
    "format-takes": {"zh": "--format 取 {formats}；收到 {got!r}", "en": "--format takes {formats}; got {got!r}"},
    "map-takes": {
        "zh": "--map 取“栏目=表头”，栏目为 {fields} 之一；收到 {got!r}",
        "en": "--map takes FIELD=HEADER with FIELD one of {fields}; got {got!r}",
    },
    "would-change": {"zh": "将更改", "en": "would change"},
    "imported-into": {"zh": "已导入", "en": "imported into"},
    "import-head": {
        "zh": "{head}目录 {catalog!r}：{total} 项，来自 {files} 个文件",
        "en": "{head} catalogue {catalog!r}: {total} items from {files} file(s)",
    },
    "import-counts": {
        "zh": "  新增 {added}，更新 {updated}，未变 {unchanged}",
        "en": "  added {added}, updated {updated}, unchanged {unchanged}",
    },
    "import-removed": {"zh": "，移除 {removed}", "en": ", removed {removed}"},
    "codes-of": {"zh": "  {label}：{codes}", "en": "  {label}: {codes}"},
    "label-added": {"zh": "新增", "en": "added"},
    "label-updated": {"zh": "更新", "en": "updated"},
    "label-removed": {"zh": "移除", "en": "removed"},
    "and-more": {"zh": " ……另有 {n} 项", "en": " … and {n} more"},
    "skipped-sections": {
        "zh": "  跳过 {n} 个分节标题：{headings}",
        "en": "  skipped {n} section heading(s): {headings}",
    },
    "skipped-blank": {"zh": "  跳过 {n} 个空行", "en": "  skipped {n} blank row(s)"},
    "control-cells": {
        "zh": "  {n} 个单元格含控制字符，已保留并以转义形式显示（\\x07）：{where}",
        "en": "  {n} cell(s) hold control characters, kept and shown escaped (\\x07): {where}",
    },
    "numbering-column": {
        "zh": "  {file}：列 {header!r} 按表格序号读取，不作数据",
        "en": "  {file}: column {header!r} read as the sheet's row numbering, not as data",
    },
    "lacking-columns": {
        "zh": "  {file} 没有列 {headers}：事项在这些栏目的值{kept}",
        "en": "  {file} has no column {headers}: the items' values there {kept}",
    },
    "would-be-kept": {"zh": "将保留", "en": "would be kept"},
    "are-kept": {"zh": "保留不变", "en": "are kept"},
    "wrote-rows": {"zh": "已写出 {n} 行：{target}", "en": "wrote {n} rows to {target}"},
    "no-item": {"zh": "{catalog}：没有编码为 {code!r} 的事项", "en": "{catalog}: no item with code {code!r}"},
    "no-instrument": {"zh": "  （无《》）", "en": "  (no 《》)"},
    "working-days": {"zh": "  （{days} 个工作日）", "en": "  ({days} working days)"},
    "not-understood": {"zh": "  （无法识别）", "en": "  (not understood)"},
    "wrote-sample": {"zh": "已写出样例目录：{target}", "en": "wrote the sample catalogue to {target}"},
    "recorded-from": {"zh": "已记录 {n} 条决定，来自 {file}", "en": "recorded {n} decision(s) from {file}"},
    "stale-left": {
        "zh": "{n} 个事项在重新导入后待复核，未作改动：每项需单独决定：{shown}",
        "en": "{n} item(s) wait for re-review after a re-import and were left as they are: "
        "each needs its own decision: {shown}",
    },
    "name-codes": {
        "zh": "请给出事项编码（或 --from 文件，或 --all-undecided）",
        "en": "name the item codes (or --from FILE, or --all-undecided)",
    },
    "choose-one": {
        "zh": "--keep、--abolish、--amend、--merge-into 只能选一个",
        "en": "choose one of --keep, --abolish, --amend, --merge-into",
    },
    "nothing-to-decide": {
        "zh": "没有要决定的内容：请给出 --keep、--abolish、--amend、--merge-into、--remove-fee、"
        "--keep-fee、--override 或 --undo",
        "en": "nothing to decide: give --keep, --abolish, --amend, --merge-into, --remove-fee, "
        "--keep-fee, --override or --undo",
    },
    "undid": {"zh": "{code}：已撤销 {action} #{id}", "en": "{code}: undid {action} #{id}"},
    "more-replaced": {
        "zh": "……另有 {n} 条他人的决定被替换",
        "en": "… and {n} more decision(s) by others replaced",
    },
    "recorded-by": {"zh": "已记录 {reviewer} 的 {n} 条决定", "en": "recorded {n} decision(s) by {reviewer}"},
    "set-takes": {"zh": "--set 取 FIELD=VALUE；收到 {got!r}", "en": "--set takes FIELD=VALUE; got {got!r}"},
    "amended-now": {
        "zh": "{code}：已调整 {fields}；现有 {n} 条审核意见",
        "en": "{code}: amended {fields}; {n} finding(s) now",
    },
    "approved": {
        "zh": "已批准 {label}：{items} 项，sha256 {hash}",
        "en": "approved {label}: {items} items, sha256 {hash}",
    },
    "verify-ok": {"zh": "无误", "en": "ok "},
    "verify-bad": {"zh": "有误", "en": "BAD"},
    "no-versions": {"zh": "没有已批准的版本", "en": "no approved versions"},
    # table headers on the terminal, and words of the outputs
    "col-catalogue": {"zh": "目录", "en": "catalogue"},
    "col-items": {"zh": "事项数", "en": "items"},
    "col-departments": {"zh": "部门数", "en": "departments"},
    "col-versions": {"zh": "版本数", "en": "versions"},
    "col-created": {"zh": "创建时间", "en": "created"},
    "col-rule": {"zh": "规则", "en": "rule"},
    "col-severity": {"zh": "级别", "en": "severity"},
    "col-enabled": {"zh": "启用", "en": "enabled"},
    "col-suggestion": {"zh": "修改建议", "en": "suggestion"},
    "col-at": {"zh": "时间", "en": "at"},
    "col-reviewer": {"zh": "审核人", "en": "reviewer"},
    "col-code": {"zh": "事项编码", "en": "code"},
    "col-action": {"zh": "决定", "en": "action"},
    "col-detail": {"zh": "详情", "en": "detail"},
    "col-reason": {"zh": "理由", "en": "reason"},
    "col-label": {"zh": "版本", "en": "label"},
    "col-approved-at": {"zh": "批准时间", "en": "approved"},
    "col-by": {"zh": "批准人", "en": "by"},
    "severity-error": {"zh": "错误", "en": "error"},
    "severity-warning": {"zh": "警告", "en": "warning"},
    "severity-info": {"zh": "提示", "en": "info"},
    "yes": {"zh": "是", "en": "yes"},
    "no": {"zh": "否", "en": "no"},
    "total": {"zh": "合计", "en": "total"},
    "diff-counts": {
        "zh": "新增 {added} 项，移除 {removed} 项，变更 {changed} 项",
        "en": "{added} added, {removed} removed, {changed} changed",
    },
    "full-stop": {"zh": "。", "en": "."},
    "order-changed": {"zh": "（顺序变化）", "en": "(order changed)"},
    "md-added": {"zh": "新增", "en": "Added"},
    "md-removed": {"zh": "移除", "en": "Removed"},
    "md-changed": {"zh": "变更", "en": "Changed"},
    "md-code": {"zh": "事项编码", "en": "code"},
    "md-name": {"zh": "事项名称", "en": "name"},
    "md-field": {"zh": "栏目", "en": "field"},
    "md-old": {"zh": "原值", "en": "old"},
    "md-new": {"zh": "新值", "en": "new"},
    # the reports a review office files (export --what removed-fees, findings, decisions)
    "report-code": {"zh": "事项编码", "en": "code"},
    "report-item": {"zh": "事项名称", "en": "item"},
    "report-department": {"zh": "实施机关", "en": "department"},
    "report-fee": {"zh": "收费项目", "en": "fee"},
    "report-standard": {"zh": "收费标准", "en": "standard"},
    "report-basis": {"zh": "收费依据", "en": "basis"},
    "report-reason": {"zh": "理由", "en": "reason"},
    "report-rule": {"zh": "规则", "en": "rule"},
    "report-severity": {"zh": "级别", "en": "severity"},
    "report-field": {"zh": "栏目", "en": "field"},
    "report-entry": {"zh": "条目", "en": "entry"},
    "report-message": {"zh": "审核意见", "en": "message"},
    "report-suggestion": {"zh": "修改建议", "en": "suggestion"},
    "report-resolved": {"zh": "已处理", "en": "resolved"},
    "report-id": {"zh": "序号", "en": "id"},
    "report-action": {"zh": "决定", "en": "action"},
    "report-target": {"zh": "合并至", "en": "target"},
    "report-old": {"zh": "原值", "en": "old"},
    "report-new": {"zh": "新值", "en": "new"},
    "report-reviewer": {"zh": "审核人", "en": "reviewer"},
    "report-at": {"zh": "时间", "en": "at"},
    "report-undoes": {"zh": "撤销", "en": "undoes"},
    "report-title-removed-fees": {"zh": "取消的收费项目", "en": "charges removed"},
    "report-title-findings": {"zh": "审核发现", "en": "findings"},
    "report-title-decisions": {"zh": "决定记录", "en": "decisions"},
    "removed-fees-need-version": {
        "zh": "{catalog}：没有已批准的版本{label}：取消的收费项目属于已批准的目录",
        "en": "{catalog}: no approved version{label}: the removed charges are those of an approved catalogue",
    },
    # the review screen
    "merge-into-label": {"zh": "并入事项（编码）：", "en": "Merge into (item code):"},
    "merge-into-placeholder": {"zh": "承接本事项的事项编码或名称", "en": "code of the item that takes this one over"},
    "reason-required": {"zh": "理由（必填）：", "en": "Reason (required):"},
    "reason-optional": {"zh": "理由（选填）：", "en": "Reason (optional):"},
    "reason-placeholder": {"zh": "为什么", "en": "why"},
    "ok": {"zh": "确定", "en": "OK"},
    "cancel": {"zh": "取消", "en": "Cancel"},
    "close": {"zh": "关闭", "en": "Close"},
    "name-merge-target": {"zh": "请填写并入的事项。", "en": "Name the item to merge into."},
    "reason-needed": {
        "zh": "必须填写理由：理由将记入决定记录。",
        "en": "A reason is required: it goes into the decision log.",
    },
    "approve-title": {"zh": "审定目录", "en": "Approve the catalogue"},
    "approve-about": {
        "zh": "审定把草稿冻结为一个版本。尚有未决定的事项，或保留的事项仍有未解决的错误时，不能审定。",
        "en": "Approval freezes the draft as a version. It is refused while an item is undecided "
        "or a kept item has an unresolved error finding.",
    },
    "approve-checking": {"zh": "正在检查阻止审定的事项…", "en": "Checking what blocks approval…"},
    "version-label": {"zh": "版本标签：", "en": "Version label:"},
    "label-placeholder": {"zh": "如 2026", "en": "e.g. 2026"},
    "approve": {"zh": "审定", "en": "Approve"},
    "n-block": {"zh": "{n} 个事项阻止审定", "en": "{n} item(s) block approval"},
    "n-block-detail": {
        "zh": "（{undecided} 个未决定，{other} 个其他）。在事项上按回车打开它。",
        "en": " ({undecided} undecided, {other} other). Enter on one opens it.",
    },
    "nothing-blocks": {
        "zh": "没有阻止审定的事项。填写版本标签后按回车。",
        "en": "Nothing blocks approval. Give the version a label and press Enter.",
    },
    "give-label": {"zh": "请填写版本标签。", "en": "Give the version a label."},
    "approving": {"zh": "正在审定…", "en": "Approving…"},
    "done": {"zh": "完成", "en": "Done"},
    "refused": {"zh": "被拒绝", "en": "refused"},
    "n-refused": {"zh": "被拒绝", "en": "Refused"},
    "n-not-recorded": {"zh": "未记录", "en": "Not recorded"},
    "n-database": {"zh": "数据库", "en": "Database"},
    "n-db-error": {"zh": "{e}；未记录任何内容，请重试", "en": "{e}; nothing was recorded, try again"},
    "n-no-item-here": {"zh": "这里没有事项。", "en": "No item here."},
    "n-kept": {"zh": "{code}：已保留", "en": "{code}: kept"},
    "n-abolished": {"zh": "{code}：已废止", "en": "{code}: abolished"},
    "n-amended": {"zh": "{code}：修改后保留", "en": "{code}: amended"},
    "n-merged": {"zh": "{code}：已合并至 {target}", "en": "{code}: merged into {target}"},
    "n-no-fees": {"zh": "{code} 没有收费。", "en": "{code} charges no fees."},
    "n-fee-kept": {"zh": "{code}：{fee} 保留（已撤回取消标记）", "en": "{code}: {fee} kept (flag taken back)"},
    "n-fee-flagged": {"zh": "{code}：{fee} 已标记取消", "en": "{code}: {fee} flagged for removal"},
    "n-nothing-to-override": {
        "zh": "{code} 没有可说明的未处理审查意见。",
        "en": "{code} has no open finding to override.",
    },
    "n-field-changed": {
        "zh": "{code}：{field} 已修改（修改后保留，已重新审查）",
        "en": "{code}: {field} changed (amended, re-audited)",
    },
    "n-no-proposal": {"zh": "{code} 没有待审核的更正。", "en": "{code} has no proposed edit waiting."},
    "n-accepted": {
        "zh": "{code}：已采纳 {key} 的更正（修改后保留，已重新审查）",
        "en": "{code}: proposed {key} accepted (amended, re-audited)",
    },
    "n-rejected": {"zh": "{code}：已拒绝 {key} 的更正", "en": "{code}: proposed {key} rejected"},
    "n-undid": {"zh": "{code}：已撤销 {action} {what}（#{id}）", "en": "{code}: undid {action} {what} (#{id})"},
    "n-no-todo": {"zh": "此列表中没有待决定的事项。", "en": "No item that needs a decision in this list."},
    "n-no-errors": {"zh": "此列表中没有有未解决错误的事项。", "en": "No item with an unresolved error in this list."},
    "n-wrapped-todo-first": {
        "zh": "已回到第一个待决定的事项。",
        "en": "Wrapped around to the first item that needs a decision.",
    },
    "n-wrapped-todo-last": {
        "zh": "已回到最后一个待决定的事项。",
        "en": "Wrapped around to the last item that needs a decision.",
    },
    "n-wrapped-errors-first": {
        "zh": "已回到第一个有未解决错误的事项。",
        "en": "Wrapped around to the first item with an unresolved error.",
    },
    "n-wrapped-errors-last": {
        "zh": "已回到最后一个有未解决错误的事项。",
        "en": "Wrapped around to the last item with an unresolved error.",
    },
    "n-no-such-item": {"zh": "{code}：没有该事项", "en": "{code}: no such item"},
    "n-reloaded": {"zh": "已从数据库重新载入", "en": "reloaded from the database"},
    "n-auditing": {"zh": "正在审查草稿…", "en": "auditing the draft…"},
    "n-audit-failed": {"zh": "审查失败", "en": "Audit failed"},
    "n-audited": {
        "zh": "审查基准日 {as_of}：{findings} 条审查意见，{unresolved} 个未解决的错误",
        "en": "audit as of {as_of}: {findings} findings, {unresolved} unresolved errors",
    },
    "d-abolish": {"zh": "废止 {code}", "en": "Abolish {code}"},
    "d-abolish-hint": {
        "zh": "理由已按审查意见填入，可按需修改。",
        "en": "The reason is filled in from the audit's finding; change it as needed.",
    },
    "d-amend": {"zh": "修改后保留 {code}", "en": "Keep {code} amended"},
    "d-amend-hint": {
        "zh": "如需同时修改栏目，请按 c（修改连同原值一起记录）。",
        "en": "To change a field as well, press c (the change is logged with its old value).",
    },
    "d-merge": {"zh": "将 {code} 合并到其他事项", "en": "Merge {code} into another item"},
    "c-flagged": {"zh": "  已标记取消（回车撤回标记）", "en": "  flagged for removal (Enter takes the flag back)"},
    "d-which-fee": {"zh": "{code} 的哪项收费？", "en": "Which fee of {code}?"},
    "d-flag-fee": {"zh": "标记取消收费 {fee}", "en": "Flag the fee {fee} for removal"},
    "d-which-finding": {"zh": "说明 {code} 的哪条审查意见？", "en": "Override which finding of {code}?"},
    "d-override": {"zh": "说明 {rule}", "en": "Override {rule}"},
    "d-override-hint": {
        "zh": "说明后，该事项此规则的所有审查意见均视为已处理；理由将被保留。",
        "en": "An override resolves every finding of this rule on the item; the reason is kept.",
    },
    "d-proposals": {"zh": "{code} 的待审核更正", "en": "Proposed edits of {code}"},
    "d-proposal": {"zh": "{code} 的 {key} 更正", "en": "The proposed {key} of {code}"},
    "c-accept": {"zh": "采纳：按更正修改该栏目", "en": "Accept: amend the field as proposed"},
    "c-reject": {"zh": "拒绝：该栏目保持不变", "en": "Reject: leave the field as it is"},
    # the review screen's keys, by their English description (tui/keys.py)
    "key:next row": {"zh": "下一行", "en": "next row"},
    "key:previous row": {"zh": "上一行", "en": "previous row"},
    "key:page down": {"zh": "下一页", "en": "page down"},
    "key:page up": {"zh": "上一页", "en": "page up"},
    "key:half a page down": {"zh": "向下半页", "en": "half a page down"},
    "key:half a page up": {"zh": "向上半页", "en": "half a page up"},
    "key:first row": {"zh": "第一行", "en": "first row"},
    "key:last row": {"zh": "最后一行", "en": "last row"},
    "key:open the item": {"zh": "打开事项", "en": "open the item"},
    "key:keep the item": {"zh": "保留事项", "en": "keep the item"},
    "key:abolish the item (asks a reason)": {"zh": "废止事项（需填写理由）", "en": "abolish the item (asks a reason)"},
    "key:keep it amended (asks a reason)": {"zh": "修改后保留（需填写理由）", "en": "keep it amended (asks a reason)"},
    "key:merge into another item (asks the target and a reason)": {
        "zh": "合并到其他事项（需填写目标和理由）",
        "en": "merge into another item (asks the target and a reason)",
    },
    "key:flag a fee for removal, or take the flag back": {
        "zh": "标记取消某项收费，或撤回标记",
        "en": "flag a fee for removal, or take the flag back",
    },
    "key:override a finding with a written reason": {
        "zh": "以书面理由说明某条审查意见",
        "en": "override a finding with a written reason",
    },
    "key:change a field of the item (records an amendment)": {
        "zh": "修改事项的栏目（记为修改后保留）",
        "en": "change a field of the item (records an amendment)",
    },
    "key:undo the item's latest decision": {"zh": "撤销该事项最近的决定", "en": "undo the item's latest decision"},
    "key:accept or reject a department's proposed edit": {
        "zh": "采纳或拒绝部门的更正",
        "en": "accept or reject a department's proposed edit",
    },
    "key:next item that needs a decision": {"zh": "下一个待决定的事项", "en": "next item that needs a decision"},
    "key:previous item that needs a decision": {
        "zh": "上一个待决定的事项",
        "en": "previous item that needs a decision",
    },
    "key:next item with an unresolved error": {
        "zh": "下一个有未解决错误的事项",
        "en": "next item with an unresolved error",
    },
    "key:previous item with an unresolved error": {
        "zh": "上一个有未解决错误的事项",
        "en": "previous item with an unresolved error",
    },
    "key:filter the items (Esc leaves the filter bar)": {
        "zh": "筛选事项（Esc 离开筛选栏）",
        "en": "filter the items (Esc leaves the filter bar)",
    },
    "key:keep every item of the list that needs a decision (asks first)": {
        "zh": "保留列表中所有待决定的事项（先确认）",
        "en": "keep every item of the list that needs a decision (asks first)",
    },
    "key:sort by the next column": {"zh": "按下一列排序", "en": "sort by the next column"},
    "key:reverse the sort order": {"zh": "反转排序", "en": "reverse the sort order"},
    "key:quit": {"zh": "退出", "en": "quit"},
    "key:back to the table": {"zh": "返回列表", "en": "back to the table"},
    "key:next item of the table": {"zh": "列表中的下一个事项", "en": "next item of the table"},
    "key:previous item of the table": {"zh": "列表中的上一个事项", "en": "previous item of the table"},
    "key:scroll down": {"zh": "向下滚动", "en": "scroll down"},
    "key:scroll up": {"zh": "向上滚动", "en": "scroll up"},
    "key:re-run the audit": {"zh": "重新审查", "en": "re-run the audit"},
    "key:approve the catalogue (shows what blocks it)": {
        "zh": "审定目录（显示阻止审定的事项）",
        "en": "approve the catalogue (shows what blocks it)",
    },
    "key:compare versions (or the draft)": {"zh": "比较版本（或草稿）", "en": "compare versions (or the draft)"},
    "key:reload from the database (see others' decisions)": {
        "zh": "从数据库重新载入（查看他人的决定）",
        "en": "reload from the database (see others' decisions)",
    },
    "key:help: every key": {"zh": "帮助：所有按键", "en": "help: every key"},
    "key:command palette": {"zh": "命令面板", "en": "command palette"},
    "key:back": {"zh": "返回", "en": "back"},
    "key:choose the older side": {"zh": "选择较早的一方", "en": "choose the older side"},
    "key:choose the newer side": {"zh": "选择较新的一方", "en": "choose the newer side"},
    "key:next pane": {"zh": "下一个窗格", "en": "next pane"},
    "key:confirm": {"zh": "确认", "en": "confirm"},
    "key:cancel": {"zh": "取消", "en": "cancel"},
    "help-title": {"zh": "itemclean 审查界面：按键", "en": "itemclean review: keys"},
    "help-intro": {
        "zh": "每个操作都写入决定记录，与 `itemclean decide` 相同；`itemclean log` 可查看；"
        "其他审核人的决定几秒内显示在这里。"
        "Ctrl+P 打开命令面板，操作相同。可以使用鼠标：单击一行选中，再次单击打开，单击列标题排序。",
        "en": "Every action writes to the decision log, as `itemclean decide` does; `itemclean log` "
        "shows it; other reviewers' decisions show here within seconds. Ctrl+P opens the command "
        "palette with the same actions. The mouse works: click a row to select it, click it again to "
        "open it, click a column title to sort.",
    },
    "help-words": {"zh": "词语", "en": "words"},
    "help-filter": {"zh": "筛选栏（/）", "en": "The filter bar (/)"},
    "help-columns": {"zh": "各列", "en": "The columns"},
    "help-sec-table": {"zh": "事项列表", "en": "The item table"},
    "help-sec-decisions": {"zh": "决定（列表和事项页）", "en": "Decisions (table and item screen)"},
    "help-sec-item": {"zh": "事项页", "en": "The item screen"},
    "help-sec-everywhere": {"zh": "任何位置", "en": "Everywhere"},
    "help-sec-diff": {"zh": "比对页", "en": "The diff screen"},
    "help-sec-dialogs": {"zh": "对话框", "en": "Dialogs"},
    "help-f-words": {
        "zh": "每个词须与编码、名称或实施机关匹配（不区分大小写）",
        "en": "each word must match the code, the name or the department (case-blind)",
    },
    "help-f-status": {
        "zh": "未决定、待复核、保留、修改、废止、合并（或 undecided、needs-review、keep、amend、abolish、merge）；"
        "待办 = 未决定或待复核；已决定；可用前缀（status:un）",
        "en": "undecided, needs-review, keep, amend, abolish, merge; todo = undecided or needs-review; "
        "decided; prefixes work (status:un)",
    },
    "help-f-rule": {
        "zh": "有该规则审查意见的事项；前缀选一类规则（rule:fee、rule:basis）",
        "en": "items with a finding of this rule; a prefix picks a family (rule:fee, rule:basis)",
    },
    "help-f-sev": {
        "zh": "有该级别审查意见的事项：error（错误）、warning（警告）、info（提示）",
        "en": "items with a finding of this severity: error, warning, info",
    },
    "help-f-dept": {"zh": "实施机关包含 TEXT（dept:市场）", "en": "department contains TEXT (dept:市场)"},
    "help-f-cat": {"zh": "事项类型包含 TEXT（cat:行政许可）", "en": "category contains TEXT (cat:行政许可)"},
    "help-f-alt": {
        "zh": "任选其一：status:keep,amend；同一筛选条件写两次也表示任选其一",
        "en": "alternatives: status:keep,amend; a filter given twice also means either",
    },
    "help-f-complete": {"zh": "接受光标后显示的补全", "en": "accepts the completion shown after the cursor"},
    "help-c-status": {
        "zh": "最近的决定；待复核：决定后该事项在重新导入时被修改",
        "en": "the latest decision; needs-review: the item changed in a re-import after it was decided",
    },
    "help-c-errors": {
        "zh": "错误；1/3 = 三个中仍有一个未处理，✓3 = 全部已处理（说明、取消收费、废止或合并）",
        "en": "error findings; 1/3 = one of three still open, "
        "✓3 = all resolved (override, fee removal, abolish or merge)",
    },
    "help-c-warnings": {"zh": "警告", "en": "warning findings"},
    "help-c-fees": {"zh": "收费项数；-1 = 有一项已标记取消", "en": "fees charged; -1 = one flagged for removal"},
    "k-none": {"zh": "此列表中没有未决定的事项。", "en": "No item of this list is undecided."},
    "k-none-waiting": {
        "zh": "{n} 个事项待复核：每项需单独决定。",
        "en": " {n} wait for re-review: each needs its own decision.",
    },
    "k-about": {
        "zh": "保留此列表中所有无人决定的事项：显示的 {shown} 项中的 {n} 项。",
        "en": "Keep every item of this list that no one has decided: {n} of {shown} shown.",
    },
    "k-waiting": {
        "zh": "{n} 个事项在重新导入后待复核：在逐项决定之前保持原决定。",
        "en": "{n} item(s) wait for re-review after a re-import: they keep their decision "
        "until each is decided on its own.",
    },
    "k-blocked": {
        "zh": "其中 {n} 项有未解决的错误：保留后，在错误解决（说明、取消收费）之前将阻止审定。",
        "en": "{n} of them have unresolved errors: kept, they block approval until the errors "
        "are resolved (override, fee removal).",
    },
    "k-title": {"zh": "保留 {n} 个事项", "en": "Keep {n} item(s)"},
    "k-hint": {
        "zh": "全部或全不：其他审核人在此期间修改过的事项会使整批不予记录。",
        "en": "All of them or none: an item another reviewer changed meanwhile stops the whole batch.",
    },
    "k-meanwhile": {
        "zh": "{code}：在此期间已被决定（{status}）；请重新载入（r）后再试",
        "en": "{code}: decided meanwhile ({status}); reload (r) and try again",
    },
    "k-done": {"zh": "已保留 {n} 个事项", "en": "kept {n} item(s)"},
    "e-title": {"zh": "修改 {code} 的栏目", "en": "Change a field of {code}"},
    "e-reason-placeholder": {"zh": "修改事项的理由", "en": "why the item is amended"},
    "e-save": {"zh": "保存（Ctrl+S）", "en": "Save (Ctrl+S)"},
    "e-unchanged": {"zh": "没有改动。", "en": "Nothing changed."},
    "e-hint-basis": {"zh": "每行一条依据：《名称》第…条", "en": "one citation a line: 《名称》第…条"},
    "e-hint-materials": {"zh": "每行一项材料", "en": "one material a line"},
    "e-hint-fees": {"zh": "每行一项收费：名称|标准|依据", "en": "one fee a line: 名称|标准|依据"},
    "e-hint-limit": {"zh": "N个工作日，或 即办", "en": "N个工作日, or 即办"},
    "i-gone": {"zh": "{code}：已不在草稿中", "en": "{code}: no longer in the draft"},
    "i-position": {"zh": "列表中第 {n} 项，共 {of} 项", "en": "{n} of {of} in the table"},
    "i-not-in-table": {"zh": "不在列表中", "en": "not in the table"},
    "i-keys": {
        "zh": "  ·  ] 下一项  [ 上一项  n 下一个待决定  Esc 返回",
        "en": "  ·  ] next  [ previous  n next undecided  Esc back",
    },
    # reading and writing files
    "and": {"zh": "和", "en": " and "},
    "no-header-row": {
        "zh": "没有表头行：没有一行含有必需的列 {wanted}",
        "en": "no header row: no row holds the required columns {wanted}",
    },
    "header-lacks": {
        "zh": "表头行没有列 {label}（必需的列为 {wanted}；如要把其他列读作 {key}，请用 --map {key}=表头 指定）",
        "en": "the header row has no column {label} (the required columns are {wanted}; to read another "
        "column as {key}, name it with --map {key}=HEADER)",
    },
    "another-header": {"zh": "另一列的表头", "en": "another column's header"},
    "column-repeats": {
        "zh": "列 {text!r} 与 {what} 重复，后者已在第 {at} 列",
        "en": "column {text!r} repeats {what}, already in column {at}",
    },
    "holds-controls": {"zh": "含控制字符", "en": "holds control characters"},
    "fee-no-name": {
        "zh": "收费条目 {entry!r} 没有名称（格式：名称|标准|依据）",
        "en": "fee entry {entry!r} has no name (write 名称|标准|依据)",
    },
    "duplicate-code": {
        "zh": "事项编码 {code!r} 重复：已在 {first}",
        "en": "duplicate code {code!r}: already at {first}",
    },
    "unknown-file-type": {
        "zh": "未知的文件类型 {ext!r}：请使用 .csv、.xlsx、.json 或 .jsonl",
        "en": "unknown file type {ext!r}: use .csv, .xlsx, .json or .jsonl",
    },
    "unknown-encoding": {
        "zh": "未知的编码 {name!r}（可试 utf-8、utf-8-sig、gb18030 或 gbk）",
        "en": "unknown encoding {name!r} (try utf-8, utf-8-sig, gb18030 or gbk)",
    },
    "bytes-not-text": {
        "zh": "字节 {bad} 不是 {enc} 文本（{where}）；请将文件另存为 UTF-8，或用 --encoding 指定编码",
        "en": "bytes {bad} are not {enc} text ({where}); save the file as UTF-8 or name its encoding with --encoding",
    },
    "at-line": {"zh": "第 {n} 行", "en": "line {n}"},
    "at-byte": {"zh": "第 {n} 字节", "en": "byte {n}"},
    "not-xlsx": {"zh": "不是可读取的 XLSX 工作簿（{what}）", "en": "not a readable XLSX workbook ({what})"},
    "no-worksheet": {
        "zh": "没有工作表 {sheet!r}；工作簿中有：{names}",
        "en": "no worksheet {sheet!r}; the workbook has: {names}",
    },
    "bad-json": {"zh": "JSON 格式错误：{msg}", "en": "malformed JSON: {msg}"},
    "cannot-write-folder": {"zh": "无法在其所在文件夹中写入（{why}）", "en": "cannot write in its folder ({why})"},
    "cannot-write": {"zh": "无法写入（{why}）；未写出任何内容", "en": "cannot write ({why}); nothing was written"},
    "o-unreadable": {
        "zh": "无法读取以确认它不是数据库（{why}）；请另选文件",
        "en": "cannot read it to check that it is no database ({why}); choose another file",
    },
    "o-long-name": {
        "zh": "文件名超过 {n} 字节；请用较短的名称",
        "en": "the file name is longer than {n} bytes; choose a shorter name",
    },
    "o-cannot-write": {
        "zh": "无法在此写入（{why}）；请另选文件",
        "en": "cannot write there ({why}); choose another file",
    },
    "o-folder": {"zh": "是文件夹；请用 -o 指定其中的文件", "en": "is a folder; name a file inside it with -o"},
    "o-device": {
        "zh": "是设备或管道，不是文件；-o 写出文件（标准输出请用 -）",
        "en": "is a device or a pipe, not a file; -o writes files (give - for standard output)",
    },
    "o-database": {
        "zh": "是数据库（或其 -wal/-shm 文件）；-o 从不覆盖它：请另选文件",
        "en": "is a database (or its -wal/-shm file); -o never replaces it: choose another file",
    },
    "o-no-folder": {
        "zh": "文件夹 {folder!r} 不存在；请先创建，或另选文件",
        "en": "no such folder {folder!r}; create it first or choose another file",
    },
    # the diff
    "key-takes": {
        "zh": "--key 取“列[,列]”：一个或多个表头，以逗号分隔",
        "en": "--key takes COLUMN[,COLUMN]: one or more headers, comma-separated",
    },
    "key-empty": {"zh": "键（{key}）为空：该行未参与比较", "en": "the key ({key}) is empty: the row is left out"},
    "code-repeats-row": {
        "zh": "编码 {key!r} 与第 {first} 行重复：这些行未参与比较",
        "en": "code {key!r} repeats row {first}: its rows are left out of the comparison",
    },
    "no-side": {
        "zh": "{spec}：文件不存在，也不是“目录”或“目录@版本”",
        "en": "{spec}: no such file, and not CATALOG or CATALOG@LABEL",
    },
    "key-files": {
        "zh": "{spec}：--key 只用于文件；目录中的事项按编码比较",
        "en": "{spec}: --key keys files; a catalogue's items are keyed by their code",
    },
    "none-yet": {"zh": "尚无", "en": "none yet"},
    "side-no-version": {
        "zh": "{spec}：{catalog} 没有已批准的版本 {label!r}（已有版本：{labels}）",
        "en": "{spec}: {catalog} has no approved version {label!r} (versions: {labels})",
    },
    "key-no-column": {
        "zh": "--key：没有列 {col!r}（现有列：{columns}）",
        "en": "--key: no column {col!r} (columns: {columns})",
    },
    "replacing": {
        "zh": "替换 {reviewer} 于 {on} 作出的 {action}",
        "en": "replacing the {action} by {reviewer} on {on}",
    },
    "undoes": {"zh": "撤销 #{id}", "en": "undoes #{id}"},
    # the review screen's footer (keys.py's footer_text)
    "foot:Abolish": {"zh": "废止", "en": "Abolish"},
    "foot:Amend": {"zh": "修改", "en": "Amend"},
    "foot:Approve": {"zh": "审定", "en": "Approve"},
    "foot:Back": {"zh": "返回", "en": "Back"},
    "foot:Diff": {"zh": "比对", "en": "Diff"},
    "foot:Edit": {"zh": "编辑", "en": "Edit"},
    "foot:Fee": {"zh": "收费", "en": "Fee"},
    "foot:Filter": {"zh": "筛选", "en": "Filter"},
    "foot:Help": {"zh": "帮助", "en": "Help"},
    "foot:Keep": {"zh": "保留", "en": "Keep"},
    "foot:Merge": {"zh": "合并", "en": "Merge"},
    "foot:Next": {"zh": "下一个", "en": "Next"},
    "foot:Open": {"zh": "打开", "en": "Open"},
    "foot:Override": {"zh": "说明", "en": "Override"},
    "foot:Proposed": {"zh": "更正", "en": "Proposed"},
    "foot:Quit": {"zh": "退出", "en": "Quit"},
    "foot:Side A": {"zh": "A 方", "en": "Side A"},
    "foot:Side B": {"zh": "B 方", "en": "Side B"},
    "foot:Undo": {"zh": "撤销", "en": "Undo"},
    # the command palette, the choice dialog, sorting
    "palette-key": {"zh": "按键 {keys}", "en": "key {keys}"},
    "palette-placeholder": {"zh": "搜索命令…", "en": "Search for commands…"},
    "palette-none": {"zh": "没有匹配的命令", "en": "No matches found"},
    "choose-hint": {"zh": "回车 选择 · Esc 取消", "en": "Enter chooses · Esc cancels"},
    "n-overridden": {"zh": "{code}：已说明 {rule}", "en": "{code}: {rule} overridden"},
    "n-sorted": {"zh": "按{key}排序", "en": "sorted by {key}"},
    "n-sorted-desc": {"zh": "按{key}倒序排序", "en": "sorted by {key} (descending)"},
    "sort:position": {"zh": "原顺序", "en": "position"},
    "sort:code": {"zh": "编码", "en": "code"},
    "sort:name": {"zh": "名称", "en": "name"},
    "sort:department": {"zh": "实施机关", "en": "department"},
    "sort:category": {"zh": "事项类型", "en": "category"},
    "sort:status": {"zh": "状态", "en": "status"},
    "sort:errors": {"zh": "错误数", "en": "errors"},
    "sort:warnings": {"zh": "警告数", "en": "warnings"},
    "sort:fees": {"zh": "收费数", "en": "fees"},
    "filter-placeholder": {
        "zh": "/ 筛选：词语 status:todo rule:fee sev:error（? 帮助）",
        "en": "/ filter: words status:todo rule:fee sev:error (? help)",
    },
    "shown-of": {"zh": "{shown} / {total} 项", "en": "{shown} of {total}"},
    "n-items": {"zh": "{total} 项", "en": "{total} items"},
    # the review screen's diff
    "ds-added": {"zh": "+ 新增", "en": "+ added"},
    "ds-removed": {"zh": "- 移除", "en": "- removed"},
    "ds-changed": {"zh": "~ 变更", "en": "~ changed"},
    "ds-code": {"zh": "编码", "en": "Code"},
    "ds-name": {"zh": "事项名称", "en": "Name"},
    "ds-fields": {"zh": "变更的栏目", "en": "Fields changed"},
    "ds-none": {"zh": "没有差异。", "en": "No differences."},
    "ds-only-in": {"zh": "仅在 {where} 中", "en": "only in {where}"},
    "ds-reordered": {"zh": "  （条目相同，顺序不同）", "en": "  (same entries, in another order)"},
    "ds-draft": {"zh": "草稿", "en": "the draft"},
    "ds-raw": {"zh": "草稿（按导入原样）", "en": "the draft as imported"},
    "ds-version": {"zh": "版本 {label}（{items} 项，{at}）", "en": "version {label} ({items} items, {at})"},
    "ds-no-version": {
        "zh": "尚无已审定的版本：审定目录（V）后即可与草稿比较。",
        "en": "No approved version yet: approve the catalogue (V) to compare the draft with it.",
    },
    "ds-as-imported": {"zh": "{catalog}（按导入原样）", "en": "{catalog} (as imported)"},
    "ds-comparing": {"zh": "正在比较…", "en": "comparing…"},
    "ds-n-added": {"zh": "新增 {n} 项", "en": "{n} added"},
    "ds-n-removed": {"zh": "移除 {n} 项", "en": "{n} removed"},
    "ds-n-changed": {"zh": "变更 {n} 项", "en": "{n} changed"},
    "ds-no-version-yet": {"zh": "   （尚无已审定的版本）", "en": "   (no approved version yet)"},
    "ds-not-in-draft": {"zh": "{code} 不在草稿中。", "en": "{code} is not in the draft."},
    # the workflow's refusals (review, approval, versions, the database)
    "last-decision": {"zh": "（最近：{reviewer} 于 {at} {action}）", "en": " (last: {action} by {reviewer} at {at})"},
    "item-changed": {
        "zh": "{code}：事项在载入后已被更改{who}；请重新载入后再决定",
        "en": "{code}: the item changed since it was loaded{who}; reload it and decide again",
    },
    "unknown-decision-of": {
        "zh": "未知的决定 {action!r}：应为 {known} 之一",
        "en": "unknown decision {action!r}: one of {known}",
    },
    "merge-needs-target": {"zh": "合并需要给出并入事项的编码", "en": "merge needs the code of the item to merge into"},
    "merge-into-itself": {"zh": "{target}：事项不能合并到自身", "en": "{target}: an item cannot be merged into itself"},
    "needs-reason-option": {"zh": "{action} 需要填写理由（--reason）", "en": "{action} needs a reason (--reason)"},
    "merge-target-abolished": {
        "zh": "{code}：该事项本身已废止（{reason}），不能并入",
        "en": "{code}: cannot merge into an item that is itself abolished ({reason})",
    },
    "merge-target-merged": {
        "zh": "{code}：该事项本身已并入 {into}（{reason}），不能再并入",
        "en": "{code}: cannot merge into an item that is itself merged into {into} ({reason})",
    },
    "no-merge-target": {
        "zh": "{catalog}：没有可并入的编码为 {code!r} 的事项",
        "en": "{catalog}: no item with code {code!r} to merge into",
    },
    "no-items": {"zh": "{catalog}：没有编码为 {codes} 的事项", "en": "{catalog}: no item with code {codes}"},
    "none": {"zh": "无", "en": "none"},
    "no-fee": {
        "zh": "{code}：没有收费 {fee!r}（该事项的收费：{listed}）",
        "en": "{code}: no fee {fee!r} (the item's fees: {listed})",
    },
    "fee-needs-reason": {"zh": "取消收费需要填写理由（--reason）", "en": "removing a fee needs a reason (--reason)"},
    "fee-flagged": {
        "zh": "{code}：收费 {fee!r} 已由 {reviewer} 于 {on} 标记取消（#{id}：{reason}）；请先用 --keep-fee 撤回",
        "en": "{code}: the fee {fee!r} is already flagged for removal by {reviewer} on {on} (#{id}: {reason}); "
        "take it back with --keep-fee first",
    },
    "unknown-rule": {"zh": "未知的规则编号 {rule!r}", "en": "unknown rule id {rule!r}"},
    "override-needs-reason": {
        "zh": "忽略审核意见需要书面理由（--reason）",
        "en": "an override needs a written reason (--reason)",
    },
    "nothing-to-undo": {"zh": "{code}：没有可撤销的决定", "en": "{code}: nothing to undo"},
    "cannot-edit": {
        "zh": "不能修改 {key!r}：可修改的栏目为 {fields}",
        "en": "cannot edit {key!r}: fields are {fields}",
    },
    "fee-needs-name": {"zh": "收费条目需要名称（名称|标准|依据）", "en": "a fee entry needs a name (名称|标准|依据)"},
    "name-empty": {"zh": "事项名称不能为空", "en": "the name cannot be empty"},
    "no-such-file": {"zh": "文件不存在", "en": "no such file"},
    "empty-file": {"zh": "文件为空", "en": "empty file"},
    "no-column": {"zh": "没有 {column} 列", "en": "no {column} column"},
    "no-item-code": {"zh": "没有编码为 {code!r} 的事项", "en": "no item with code {code!r}"},
    "unknown-decision": {"zh": "未知的决定 {decision!r}", "en": "unknown decision {decision!r}"},
    "merge-target-unknown": {
        "zh": "合并需要本目录中的目标编码，而不是 {target!r}",
        "en": "merge needs a target code of the catalogue, not {target!r}",
    },
    "needs-reason": {"zh": "{action} 需要填写理由", "en": "{action} needs a reason"},
    "needs-fee": {"zh": "{action} 需要指明收费", "en": "{action} needs a fee"},
    "needs-rule": {"zh": "override 需要指明规则", "en": "override needs a rule"},
    "undecided": {"zh": "未决定", "en": "undecided"},
    "needs-re-review": {
        "zh": "决定后被重新导入更改：需要复核",
        "en": "changed by a re-import since it was decided: needs re-review",
    },
    "unresolved-errors": {"zh": "有未处理的错误：{rules}", "en": "unresolved error(s): {rules}"},
    "approval-refused": {"zh": "批准被拒绝：{n} 个事项阻止批准", "en": "approval refused: {n} item(s) block it"},
    "needs-label": {"zh": "批准需要 --label", "en": "approve needs a --label"},
    "no-version": {"zh": "{catalog}：没有已批准的版本 {label!r}", "en": "{catalog}: no approved version {label!r}"},
    "no-version-of": {
        "zh": "{catalog}：没有已批准的版本 {label!r}（已有版本：{labels}）",
        "en": "{catalog}: no approved version {label!r} (versions: {labels})",
    },
    "label-exists": {
        "zh": "已有标签为 {label!r} 的版本；请另选标签",
        "en": "a version labelled {label!r} exists already; choose another label",
    },
    "file-damaged": {"zh": "文件已损坏：{what}", "en": "the file is damaged: {what}"},
    "item-hash": {"zh": "事项 {code} 与其哈希不符", "en": "item {code} does not match its hash"},
    "link-broken": {"zh": "与上一版本的链接已断开", "en": "its link to the previous version is broken"},
    "frozen-hash": {
        "zh": "所存内容（记录、栏目、事项、顺序或取消的收费）与其哈希不符",
        "en": "what it holds (record, columns, items, order or removed charges) does not match its hash",
    },
    "log-entry-changed": {
        "zh": "批准时所依据的决定日志条目 #{id} 已不再相符",
        "en": "the decision log's entry #{id} it was approved on no longer matches",
    },
    "content-hash": {"zh": "内容哈希不符", "en": "its content hash does not match"},
    "log-gap": {
        "zh": "决定 #{id}：其前一条记录被删除、插入或修改",
        "en": "decision #{id}: the entry before it was removed, inserted or altered",
    },
    "log-altered": {"zh": "决定 #{id} 在记录后被修改", "en": "decision #{id} was altered after it was logged"},
    "verify-database": {"zh": "数据库", "en": "database"},
    "verify-log": {"zh": "决定日志", "en": "log"},
    "no-database": {
        "zh": "{path}：数据库不存在（请先导入目录，或用 --db 指定）",
        "en": "{path}: no such database (import a catalogue first, or name one with --db)",
    },
    "not-a-database": {"zh": "{path}：不是 itemclean 数据库（{e}）", "en": "{path}: not an itemclean database ({e})"},
    "no-catalogue-yet": {
        "zh": "{path}：尚无目录；请先导入",
        "en": "{path}: holds no catalogue yet; import one first",
    },
    "several-catalogues": {
        "zh": "{path}：有多个目录（{names}）；请用 --catalog 指定",
        "en": "{path}: holds several catalogues ({names}); name one with --catalog",
    },
    "no-catalogue": {
        "zh": "{path}：没有目录 {name!r}（现有：{names}）",
        "en": "{path}: no catalogue {name!r} (it holds: {names})",
    },
    "what-takes": {"zh": "--what 取 {whats} 之一；收到 {got!r}", "en": "--what takes one of {whats}; got {got!r}"},
    "headers-takes": {
        "zh": "--headers 取 source、zh 或 en；收到 {got!r}",
        "en": "--headers takes source, zh or en; got {got!r}",
    },
    "as-of-takes": {
        "zh": "--as-of 取日期，如 2026-12-01；收到 {got!r}",
        "en": "--as-of takes a date such as 2026-12-01; got {got!r}",
    },
    "unknown-rules": {
        "zh": "未知的规则编号：{rules}（见 `itemclean rules`）",
        "en": "unknown rule id(s): {rules} (see `itemclean rules`)",
    },
}


def t(key: str, lang: str | None = None, /, **fields: object) -> str:
    return UI[key][language(lang or CURRENT[0])].format(**fields)


# Readers' refusals (readers.py).
READERS: dict[str, dict[str, str]] = {
    "not-encoding-text": {
        "zh": "不是 {enc} 编码的文本（{e}）；请另存为 UTF-8，或用 --encoding 指明编码",
        "en": "not {enc} text ({e}); save the file as UTF-8 or name its encoding with --encoding",
    },
    "bare-cr": {
        "zh": "未加引号的单元格里有单独的回车符（CR），会把一行拆成两行；"
        "请给单元格加引号或删去回车符（行尾应为 CRLF 或 LF）",
        "en": "a bare carriage return (CR) inside a cell that is not quoted splits the row in two; "
        "quote the cell or remove the CR (lines end in CRLF or LF)",
    },
    "not-csv": {"zh": "无法按 CSV 读取：{e}（第 {line} 行）", "en": "not readable as CSV: {e} (line {line})"},
    "unclosed-quote": {
        "zh": "有一个带引号的单元格没有闭合，一直延续到文件末尾（第 {first}–{last} 行）；请补上或删去它开头的引号",
        "en": "a quoted cell is never closed and runs to the end of the file (lines {first}-{last}); "
        "close or remove its opening quote",
    },
    "workbook-too-large": {
        "zh": "工作簿含有{what}，超出本工具读取的上限；请拆分，或另存为 CSV",
        "en": "the workbook holds {what}, more than itemclean reads; split it or save it as CSV",
    },
    "xlsx-unpacked": {"zh": "解压后 {n} 字节", "en": "{n} bytes unpacked"},
    "xlsx-shared-bytes": {"zh": "{n} 字节的共享字符串表", "en": "a shared-string table of {n} bytes"},
    "xlsx-shared-count": {"zh": "超过 {n} 个共享字符串", "en": "more than {n} shared strings"},
    "xlsx-rows": {"zh": "超过 {n} 行", "en": "more than {n} rows"},
    "formula-no-value": {
        "zh": "公式没有保存的值：请用 Excel 或 WPS 打开工作簿并保存（或把该单元格粘贴为数值），使其值保存下来",
        "en": "a formula with no saved value: open the workbook in Excel or WPS and save it "
        "(or paste the cell as values) so that its value is stored",
    },
    "workbook-damaged": {
        "zh": "工作簿已损坏{where}（{what}）；请用 Excel 或 WPS 打开后重新保存，再导入保存后的文件",
        "en": "the workbook is damaged {where} ({what}); open it in Excel or WPS, save it again "
        "and import the saved copy",
    },
    "damaged-after-row": {"zh": "，在第 {n} 行之后", "en": "after row {n}"},
    "damaged-before-first": {"zh": "，在第一行之前", "en": "before its first row"},
    "header-merged": {
        "zh": "表头单元格跨 {a}:{b} 列合并；请让每一列有自己的表头",
        "en": "header cell is merged across columns {a}:{b}; give each column its own header",
    },
    "not-enc-text": {"zh": "不是 {enc} 编码的文本（{e}）", "en": "not {enc} text ({e})"},
    "json-too-deep": {
        "zh": "数组或对象嵌套过深，无法读取；目录只需 3 层",
        "en": "arrays or objects nested too deeply to read; a catalogue needs 3 levels",
    },
    "thousands-of": {"zh": "数千", "en": "thousands of"},
    "json-long-number": {"zh": "一个有 {n} 位的数字（{kind}）", "en": "a number of {n} digits ({kind})"},
    "json-surrogate": {"zh": "文本中有孤立的代理项转义：{text}", "en": "text with a lone surrogate escape: {text}"},
    "json-not-finite": {
        "zh": "{v} 不是目录能保存的数字；请把该值写成文本",
        "en": "{v} is not a number a catalogue can hold; write the value as text",
    },
    "json-entry-array": {
        "zh": "不是由扁平事项组成的列表：第 {n} 项是数组；本工具读取的是事项对象组成的数组，每个事项一个对象",
        "en": "not a list of flat items: entry {n} is an array; "
        "itemclean reads an array of flat item objects, one per item",
    },
    "json-entry-nests": {
        "zh": "不是由扁平事项组成的列表：第 {n} 项没有事项编码或事项名称，却嵌套了 {keys}；"
        "本工具读取的是事项对象组成的数组，每个事项一个对象",
        "en": "not a list of flat items: entry {n} has no code or name and nests {keys}; "
        "itemclean reads an array of flat item objects, one per item",
    },
    "report-rows": {"zh": "{n} 条", "en": "{n} rows"},
    "json-not-object": {"zh": "第 {n} 项不是对象", "en": "item {n} is not an object"},
    "xlsx-cell-too-long": {
        "zh": "事项 {code}：{header!r} 列有 {n} 个字符，超过 Excel 单元格能容纳的 {limit} 个；请导出为 csv 或 json",
        "en": "item {code}: column {header!r} holds {n} characters, more than the {limit} an Excel cell can hold; "
        "export this catalogue as csv or json",
    },
    "cannot-encode": {"zh": "无法以 {enc} 编码写出目录：{e}", "en": "cannot write the catalogue as {enc}: {e}"},
    "newer-schema": {
        "zh": "{path}：由更新版本的 itemclean 写入（结构版本 {version}，本版本最高读取 {ours}）；"
        "请升级 itemclean 后再打开",
        "en": "{path}: written by a newer itemclean (schema {version}; this one reads up to {ours}); "
        "upgrade itemclean to open it",
    },
    "foreign-database": {
        "zh": "{path}：这是其他程序的 SQLite 数据库（表：{tables}），不是 itemclean 数据库；"
        "请用 --db 指定 itemclean 数据库，或一个新文件",
        "en": "{path}: a SQLite database of another program (tables: {tables}), not an itemclean database; "
        "name an itemclean database with --db, or a new file",
    },
    "json-not-array": {
        "zh": "JSON 目录应是一个由事项对象组成的数组",
        "en": "a JSON catalogue is an array of item objects",
    },
}
UI.update(READERS)


# The log's actions in words, for people (the log's JSON and CSV keep the codes).
ACTIONS: dict[str, dict[str, str]] = {
    "keep": {"zh": "保留", "en": "keep"},
    "abolish": {"zh": "废止", "en": "abolish"},
    "amend": {"zh": "调整", "en": "amend"},
    "merge": {"zh": "合并", "en": "merge"},
    "remove-fee": {"zh": "取消收费", "en": "remove-fee"},
    "keep-fee": {"zh": "恢复收费", "en": "keep-fee"},
    "override": {"zh": "说明理由", "en": "override"},
    "edit": {"zh": "修改", "en": "edit"},
    "undo": {"zh": "撤销", "en": "undo"},
    "note": {"zh": "部门意见", "en": "note"},
    "propose": {"zh": "建议修改", "en": "propose"},
    "accept-edit": {"zh": "采纳修改", "en": "accept-edit"},
    "reject-edit": {"zh": "不采纳修改", "en": "reject-edit"},
}


def action_name(action: str | None, lang: str | None = None) -> str:
    """A log action in the user's language; an action this table does not name stays its code."""
    return ACTIONS.get(action or "", {}).get(language(lang), action or "")
