"""Words of the interface in the two languages of --lang (data and rule messages are never translated)."""

from __future__ import annotations

from ..messages import LEVEL_NAMES, SEVERITY_NAMES, has, t

STATUS_NAMES = {
    "zh": {
        "undecided": "未决定",
        "needs-review": "待复核",
        "keep": "保留",
        "amend": "修改",
        "abolish": "废止",
        "merge": "合并",
    },
    "en": {
        "undecided": "undecided",
        "needs-review": "needs review",
        "keep": "keep",
        "amend": "amend",
        "abolish": "abolish",
        "merge": "merge",
    },
}

# Words a reviewer may type after `status:`, in either language.
STATUS_WORDS = {
    "未决定": "undecided",
    "待复核": "needs-review",
    "保留": "keep",
    "修改": "amend",
    "废止": "abolish",
    "取消": "abolish",
    "合并": "merge",
    "待办": "todo",
    "已决定": "decided",
}

STATUS_STYLES = {
    "undecided": "dim",
    "needs-review": "bold yellow",
    "keep": "green",
    "amend": "cyan",
    "abolish": "red",
    "merge": "magenta",
}

SEVERITY_STYLES = {"error": "bold red", "warning": "yellow", "info": "blue"}

_WORDS = {
    "code": ("编码", "Code"),
    "name": ("事项名称", "Name"),
    "department": ("实施机关", "Department"),
    "category": ("事项类型", "Category"),
    "category_column": ("类型", "Type"),  # the table's narrow column
    "status": ("状态", "Status"),
    "errors": ("错", "Err"),
    "warnings": ("警", "Warn"),
    "fees": ("费", "Fee"),
    "basis": ("设定依据", "Legal basis"),
    "materials": ("申请材料", "Materials"),
    "procedure": ("办理流程", "Procedure"),
    "limits": ("办理时限", "Time limits"),
    "statutory_limit": ("法定时限", "Statutory"),
    "promised_limit": ("承诺时限", "Promised"),
    "fee_list": ("收费项目", "Fees"),
    "notes": ("备注", "Notes"),
    "findings": ("审查意见", "Findings"),
    "history": ("决定记录", "Decision history"),
    "decision": ("决定", "Decision"),
    "fields": ("基本信息", "Fields"),
    "instrument": ("法律文件", "Instrument"),
    "level": ("效力层级", "Level"),
    "effective": ("施行日期", "Effective"),
    "repealed": ("废止日期", "Repealed"),
    "in_force": ("状态", "In force"),
    "standard": ("标准", "Standard"),
    "fee_basis": ("依据", "Basis"),
    "catalogue": ("目录清单", "Catalogue"),
    "catalogue_standard": ("目录标准", "Catalogue standard"),
    "flagged": ("取消", "Removal"),
    "unknown": ("未知", "unknown"),
    "none": ("无", "none"),
    "in_force_now": ("现行有效", "in force"),
    "repealed_on": ("已于{date}废止", "repealed {date}"),
    "not_yet": ("尚未施行", "not yet in force"),
    "not_in_registry": ("不在法规库中", "not in the registry"),
    "no_marks": ("（无书名号）", "(no 《》)"),
    "no_article": ("（未写明条款）", "(no article)"),
    "no_basis_cited": ("未列设定依据", "no legal basis cited"),
    "no_materials": ("未列申请材料", "no materials listed"),
    "repeats": ("（与前项重复）", "(repeats an earlier material)"),
    "empty": ("未填写", "empty"),
    "days": ("= {n}个工作日", "= {n} working days"),
    "one_day": ("= 1个工作日", "= 1 working day"),
    "immediate": ("= 即办", "= immediate"),
    "not_understood": ("（无法识别）", "(not understood)"),
    "shorter": ("承诺时限比法定时限压缩{pct}%", "promise is {pct}% shorter than the statutory limit"),
    "longer": ("承诺时限超过法定时限", "promise is longer than the statutory limit"),
    "floating": ("（浮动）", "(floating)"),
    "free": ("（免费）", "(free)"),
    "not_in_catalogue": ("不在收费目录清单内", "not in any catalogue"),
    "no_fee_basis": ("无依据", "no basis"),
    "to_remove": ("取消：", "to be removed: "),
    "kept_fee": ("保留", "kept"),
    "rule": ("规则", "rule"),
    "finding": ("问题", "finding"),
    "suggestion": ("建议", "suggestion"),
    "open": ("待处理", "open"),
    "resolved_by": ("已解决：{how}", "resolved: {how}"),
    "overridden": ("已说明：", "overridden: "),
    "fee_flagged": ("已取消该收费", "fee flagged for removal"),
    "no_findings": ("无审查意见", "no findings"),
    "no_decisions": ("尚无决定", "no decisions yet"),
    "at": ("时间", "at"),
    "reviewer": ("审核人", "reviewer"),
    "action": ("操作", "action"),
    "detail": ("内容", "detail"),
    "reason": ("理由", "reason"),
    "by": ("审核人", "by"),
    "draft": ("草稿", "draft"),
    "not_approved": ("尚未审定", "not approved yet"),
    "approved_versions": ("已审定{n}版", "{n} approved version{s}"),
    "audit_as_of": ("审查基准日", "audit as of"),
    "decided": ("已决定", "decided"),
    "counting": ("计数中", "counting"),
    "no_target": ("没有编码为{code}的事项", "no item with code {code}"),
    "self_target": ("{code}：不能合并到自身", "{code}: an item cannot be merged into itself"),
    "keep_errors": (
        "该事项有{n}个未解决的错误：保留后，在错误解决（说明理由、取消收费）之前将阻止审定。",
        "{n} unresolved error(s): kept, the item blocks approval until they are resolved (override, fee removal).",
    ),
    "keep_title": ("保留 {code}", "Keep {code}"),
    "stale": ("（决定后已被重新导入修改，请重新审核）", "(changed by a re-import since: decide again)"),
}


def word(key: str, lang: str, **fields: object) -> str:
    zh, en = _WORDS[key]
    text = zh if lang == "zh" else en
    return text.format(**fields) if fields else text


def say(node, key: str, /, **fields: object) -> str:
    """A text of the message catalogue in the language of the widget's app (the process's when it has none)."""
    return t(key, getattr(node.app, "lang", None), **fields)


def footer_word(node, description: str) -> str:
    """A key's word in the footer, in the app's language (a binding not of keys.py keeps its own)."""
    return say(node, "foot:" + description) if has("foot:" + description) else description


def status_name(label: str, lang: str) -> str:
    return STATUS_NAMES[lang].get(label, label)


def level_name(level: str | None, lang: str) -> str:
    return LEVEL_NAMES[lang].get(level, level or LEVEL_NAMES[lang][None])


def severity_name(sev: str, lang: str) -> str:
    return SEVERITY_NAMES[lang].get(sev, sev)
