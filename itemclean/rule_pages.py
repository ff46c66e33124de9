"""The manual's page of audit rules, and one rule's section of it (what `itemclean rules RULE` prints).

Built from the registry: each rule's `@rule` line and its `@explain(...)` text, so no rule can exist without
its page. `python -m itemclean.docs` writes the pages to docs/*/rules.md.
"""

from __future__ import annotations

from .messages import SEVERITY_NAMES
from .model import HEADERS
from .rules import REGISTRY, Rule

REGENERATE = "python -m itemclean.docs"

# what the rules page says around the generated parts
PAGE_TEXT = {
    "zh": {
        "rules": "审核规则",
        "generated": f"本页由 `{REGENERATE}` 根据程序本身生成，请勿手工修改；程序改动后重新运行该命令即可。",
        "rules_intro": (
            "每条规则一节：何时触发、法律为什么这样要求、如何处理。级别为“错误”的发现，若所在事项被保留，"
            "会阻止目录的批准，除非审核人写明理由予以覆盖；“警告”和“提示”从不阻止批准。"
            "事项被废止或合并、所涉收费被标记取消、或审核人写明理由覆盖后，该发现即为已处理。"
            "参考目录中的 policy.toml 可以停用规则、改变级别、设定阈值（见 [参考目录](reference.md)）。"
            "“报告内容”中花括号里的部分，报告时换成具体的依据、材料、收费或天数。"
        ),
        "severity": "默认级别",
        "field": "字段",
        "message": "报告内容",
        "suggestion": "建议",
        "policy": "policy.toml",
        "fires": "何时触发",
        "why": "为什么",
        "answer": "如何处理",
        "threshold": "阈值",
    },
    "en": {
        "rules": "Audit rules",
        "generated": f"This page is generated from the program itself by `{REGENERATE}`; do not edit it by hand.",
        "rules_intro": (
            "One section per rule: what fires it, why the law wants it, how to answer it. An `error` finding on "
            "an item that is kept blocks the approval of the catalogue unless a reviewer overrides it with a "
            "written reason; warnings and info never block. A finding is resolved when its item is abolished or "
            "merged, when the fee it concerns is flagged for removal, or when a reviewer overrides it. policy.toml "
            "of the reference directory can disable a rule, change its severity and set its thresholds (see "
            "[the reference directory](reference.md)). In a message, the parts in braces are filled in with "
            "the citation, material, fee or number of days found."
        ),
        "severity": "default severity",
        "field": "field",
        "message": "message",
        "suggestion": "suggestion",
        "policy": "policy.toml",
        "fires": "What fires it",
        "why": "Why",
        "answer": "How to answer it",
        "threshold": "threshold",
    },
}


# the rule modules as the manual groups them; a module not named here is headed by its own name
FAMILIES = {
    "basis": {"zh": "设定依据", "en": "Legal basis (设定依据)"},
    "materials": {"zh": "申请材料", "en": "Materials (申请材料)"},
    "fees": {"zh": "收费", "en": "Fees (收费)"},
    "limits": {"zh": "办理时限", "en": "Time limits (办理时限)"},
    "scope": {"zh": "职责与范围", "en": "Responsibility and scope"},
}


def cell(text: str) -> str:
    """Text for a Markdown table cell: one line, pipes escaped."""
    return " ".join(text.split()).replace("|", "\\|")


def code(text: str) -> str:
    return f"`{text}`" if text else ""


def anchor(title: str) -> str:
    """The anchor GitHub and GitLab give a heading: lower case, spaces to dashes, punctuation dropped."""
    kept = "".join(c for c in title.lower() if c.isalnum() or c in " -_")
    return kept.replace(" ", "-")


def field_label(field: str, lang: str) -> str:
    zh = HEADERS.get(field, (field,))[0]
    return f"{zh}（`{field}`）" if lang == "zh" else f"`{field}` ({zh})"


def family(rule: Rule) -> str:
    return rule.check.__module__.rsplit(".", 1)[-1]


def policy_line(rule: Rule) -> str:
    keys = ["enabled = true", f'severity = "{rule.severity}"']
    for k, p in rule.params.items():
        v = p.default
        if isinstance(v, (list, tuple)):
            keys.append(f"{k} = [{', '.join(repr(x).replace(chr(39), chr(34)) for x in v)}]")
        else:
            keys.append(f"{k} = {v}")
    return "\n".join(["```toml", f"[rules.{rule.id}]", *keys, "```"])


def rule_section(r: Rule, lang: str) -> list[str]:
    """One rule's section of the rules page (also what `itemclean rules ID` prints), as lines."""
    t = PAGE_TEXT[lang]
    sep = "：" if lang == "zh" else ": "
    message, suggestion = r.texts.get(lang, ("", ""))
    doc = r.doc.get(lang)
    lines = [f"### {r.id}", ""]
    lines += [
        f"- {t['severity']}{sep}{SEVERITY_NAMES[lang].get(r.severity, r.severity)}（`{r.severity}`）"
        if lang == "zh"
        else f"- {t['severity']}{sep}`{r.severity}`",
        f"- {t['field']}{sep}{field_label(r.field, lang)}",
        f"- {t['message']}{sep}{code(message)}",
        f"- {t['suggestion']}{sep}{suggestion}",
        "",
    ]
    if doc is not None:
        for part in ("fires", "why", "answer"):
            lines += [
                f"**{t[part]}。** {getattr(doc, part)}" if lang == "zh" else f"**{t[part]}.** {getattr(doc, part)}",
                "",
            ]
    return [*lines, f"{t['policy']}{sep.rstrip()}", "", policy_line(r)]


def rules_page(lang: str) -> str:
    t = PAGE_TEXT[lang]
    sep = "：" if lang == "zh" else ": "
    lines = [f"# {t['rules']}", "", f"<!-- {t['generated']} -->", "", t["rules_intro"], ""]
    groups: dict[str, list[Rule]] = {}
    for r in REGISTRY.values():
        groups.setdefault(family(r), []).append(r)
    for fam, rules in groups.items():
        title = FAMILIES.get(fam, {}).get(lang, fam)
        lines.append(f"- {title}{sep}" + ", ".join(f"[{r.id}](#{anchor(r.id)})" for r in rules))
    for fam, rules in groups.items():
        lines += ["", f"## {FAMILIES.get(fam, {}).get(lang, fam)}"]
        for r in rules:
            lines += ["", *rule_section(r, lang)]
    lines.append("")
    return "\n".join(lines)


# --- files -------------------------------------------------------------------------------------
