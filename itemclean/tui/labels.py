"""Words of the interface in the two languages of --lang (data and rule messages are never translated)."""

from __future__ import annotations

from ..messages import LEVEL_NAMES, SEVERITY_NAMES

STATUS_NAMES = {
    "zh": {"undecided": "未决定", "needs-review": "待复核", "keep": "保留", "amend": "修改", "abolish": "废止",
           "merge": "合并"},
    "en": {"undecided": "undecided", "needs-review": "needs review", "keep": "keep", "amend": "amend",
           "abolish": "abolish", "merge": "merge"},
}

# Words a reviewer may type after `status:`, in either language.
STATUS_WORDS = {"未决定": "undecided", "待复核": "needs-review", "保留": "keep", "修改": "amend", "废止": "abolish",
                "取消": "abolish", "合并": "merge", "待办": "todo", "已决定": "decided"}

STATUS_STYLES = {"undecided": "dim", "needs-review": "bold yellow", "keep": "green", "amend": "cyan",
                 "abolish": "red", "merge": "magenta"}

SEVERITY_STYLES = {"error": "bold red", "warning": "yellow", "info": "blue"}

_WORDS = {
    "code": ("编码", "Code"),
    "name": ("事项名称", "Name"),
    "department": ("实施机关", "Department"),
    "category": ("事项类型", "Category"),
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
}


def word(key: str, lang: str) -> str:
    zh, en = _WORDS[key]
    return zh if lang == "zh" else en


def status_name(label: str, lang: str) -> str:
    return STATUS_NAMES[lang].get(label, label)


def level_name(level: str | None, lang: str) -> str:
    return LEVEL_NAMES[lang].get(level, level or LEVEL_NAMES[lang][None])


def severity_name(sev: str, lang: str) -> str:
    return SEVERITY_NAMES[lang].get(sev, sev)
