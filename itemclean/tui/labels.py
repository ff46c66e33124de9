"""Words of the interface in the two languages of --lang, from the message catalogue (data and rule messages
are never translated), and the styles of statuses and severities."""

from __future__ import annotations

from ..messages import LEVEL_NAMES, SEVERITY_NAMES, STATUS_NAMES, has, t
from ..messages import word as word  # the review screen's words, for its modules

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
