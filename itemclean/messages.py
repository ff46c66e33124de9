"""The one message table: what each rule says and suggests, in Chinese and English."""

from __future__ import annotations

import os

# rule id → language → (message template, suggestion). Templates take the keyword fields a rule passes.
RULES: dict[str, dict[str, tuple[str, str]]] = {
    "basis-missing": {
        "zh": ("事项没有设定依据", "废止该事项（凡无法律依据的，应予废止）"),
        "en": ("the item cites no legal basis", "abolish the item (no legal basis, no permit)"),
    },
    "basis-cannot-set": {
        "zh": ("行政许可的设定依据均无权设定行政许可：{levels}", "废止该事项，或补充有权设定的依据"),
        "en": ("no instrument of this permit may set a permit: {levels}", "abolish, or find a setting instrument"),
    },
    "basis-repealed": {
        "zh": ("依据《{instrument}》已于{date}废止：{entry}", "更新为现行有效的依据"),
        "en": ("《{instrument}》 was repealed on {date}: {entry}", "replace the citation"),
    },
    "basis-unknown": {
        "zh": ("依据不在法律法规库中：{entry}", "核实该依据"),
        "en": ("the citation names no instrument of the registry: {entry}", "verify the citation"),
    },
    "basis-no-article": {
        "zh": ("依据未写明条款：{entry}", "补充具体条款（第…条）"),
        "en": ("the citation gives no article: {entry}", "add the article (第…条)"),
    },
    "basis-provincial-rule-expired": {
        "zh": ("仅以省级政府规章设定，且施行已超过一年：{titles}", "需由地方性法规设定（《行政许可法》第十五条）"),
        "en": (
            "set only by provincial rules in force for more than a year: {titles}",
            "needs a local regulation (Art. 15)",
        ),
    },
    "materials-missing": {
        "zh": ("事项未列申请材料", "列明申请材料"),
        "en": ("the item lists no application materials", "list the materials"),
    },
    "materials-catch-all": {
        "zh": ("申请材料含兜底条款（{phrase}）：{entry}", "删除兜底性材料条款"),
        "en": ("a material is a catch-all clause ({phrase}): {entry}", "remove the catch-all (兜底) clause"),
    },
    "materials-duplicate": {
        "zh": ("申请材料重复：{entry}", "合并重复的材料"),
        "en": ("a material repeats an earlier one: {entry}", "merge them"),
    },
    "fee-no-basis": {
        "zh": ("收费无依据：{entry}", "取消该收费"),
        "en": ("the fee has no basis: {entry}", "remove the fee"),
    },
    "fee-not-in-catalogue": {
        "zh": ("收费不在国家和省级行政事业性收费目录清单内（自定收费）：{entry}", "标记取消该收费"),
        "en": (
            "the fee is in neither the national nor the provincial fee catalogue (locally set): {entry}",
            "flag the fee for removal",
        ),
    },
    "fee-floating": {
        "zh": ("收费标准为浮动区间：{entry}（{standard}）", "按区间下限收取"),
        "en": ("the fee's standard is a range: {entry} ({standard})", "charge the lowest amount of the range"),
    },
    "fee-above-standard": {
        "zh": ("收费{entry}的标准{standard}高于目录标准{allowed}", "降至目录标准"),
        "en": ("the fee {entry} charges {standard}, above the catalogue's {allowed}", "lower it to the standard"),
    },
    "limit-missing": {
        "zh": ("未填写法定时限", "填写法定时限"),
        "en": ("the statutory limit is empty", "fill in the statutory limit"),
    },
    "limit-unparsed": {
        "zh": ("时限无法识别：{texts}", "按“N个工作日”或“即办”改写时限"),
        "en": ("a time limit cannot be read: {texts}", "rewrite the limit (N个工作日 or 即办)"),
    },
    "limit-promise-missing": {
        "zh": ("法定时限为{statutory}个工作日，未设承诺时限", "设定承诺时限"),
        "en": ("the statutory limit is {statutory} working days and no promise is set", "set a promised limit"),
    },
    "limit-promise-exceeds-statutory": {
        "zh": ("承诺时限{promised}个工作日超过法定时限{statutory}个工作日", "缩短承诺时限"),
        "en": ("the promise of {promised} working days exceeds the statutory {statutory}", "shorten the promise"),
    },
    "limit-promise-not-reduced": {
        "zh": ("承诺时限{promised}个工作日较法定时限{statutory}个工作日压缩不足{percent}%", "缩短承诺时限"),
        "en": (
            "the promise of {promised} working days is not {percent}% under the statutory {statutory}",
            "shorten the promise",
        ),
    },
    "department-missing": {
        "zh": ("未明确实施机关（职责不清）", "明确实施机关"),
        "en": ("no department (responsibility unclear)", "assign the item to a department"),
    },
    "procedure-missing": {
        "zh": ("未填写办理流程", "补充办理流程"),
        "en": ("no procedure text", "describe the procedure"),
    },
    "item-cancelled": {
        "zh": ("事项已被取消（{by}）：{name}", "废止该事项"),
        "en": ("the item was abolished by a higher authority ({by}): {name}", "abolish"),
    },
    "item-duplicate-name": {
        "zh": ("事项名称与其他事项重复：{others}", "合并，或区分事项名称"),
        "en": ("another item has the same name: {others}", "merge, or tell them apart"),
    },
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


def rule_text(rule: str, lang: str, **fields: object) -> tuple[str, str]:
    template, suggestion = RULES[rule][language(lang)]
    return template.format(**fields), suggestion


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
