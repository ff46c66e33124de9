"""The generated pages of the manual: the command reference from the CLI's own help, the rules from the registry.

    python -m itemclean.docs            # write docs/zh/commands.md, docs/en/commands.md, docs/*/rules.md
    python -m itemclean.docs --check    # exit 1 naming every page that is missing or out of date

The English help is the CLI's (`--help`); the Chinese is `cli_help.HELP_ZH`, keyed by command and option.
The rule pages come from each rule's `@explain(...)` beside its definition and from the message table, so a
rule, a command or an option cannot exist without its page: tests/test_docs.py regenerates the pages in
memory and fails when they differ from the files.
"""

from __future__ import annotations

import argparse
import inspect
import sys
from dataclasses import dataclass
from pathlib import Path

import click

from .cli import click_group
from .cli_help import HELP_ZH, commands, param_key
from .messages import SEVERITY_NAMES
from .model import HEADERS
from .rules import REGISTRY, Rule

LANGS = ("zh", "en")
DOCS = Path(__file__).resolve().parent.parent / "docs"  # in a checkout of the project
REGENERATE = "python -m itemclean.docs"
UNTRANSLATED = "（尚无中文说明）"

# what the pages say around the generated parts
TEXT = {
    "zh": {
        "commands": "命令参考",
        "rules": "审核规则",
        "generated": f"本页由 `{REGENERATE}` 根据程序本身生成，请勿手工修改；程序改动后重新运行该命令即可。",
        "usage": "用法",
        "global": "全局选项",
        "global_intro": (
            "全局选项可以写在命令名之前或之后（`itemclean --db x.db audit` 与 `itemclean audit --db x.db` 相同）。"
        ),
        "exit": "退出状态",
        "exit_text": (
            "所有命令的退出状态：0 成功；1 命令正常完成但发现了问题（audit：有未处理的错误；diff：两者不同；"
            "approve：被拒绝；verify：有版本不再吻合）；2 输入或用法有误，或环境故障，消息中写明文件、行和列。"
        ),
        "contents": "目录",
        "option": "参数或选项",
        "argument": "参数",
        "env": "环境变量",
        "default": "默认值",
        "meaning": "说明",
        "repeatable": "可重复",
        "required": "必填",
        "subcommands": "子命令",
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
        "commands": "Command reference",
        "rules": "Audit rules",
        "generated": f"This page is generated from the program itself by `{REGENERATE}`; do not edit it by hand.",
        "usage": "Usage",
        "global": "Global options",
        "global_intro": (
            "Global options go before or after the command name (`itemclean --db x.db audit` is "
            "`itemclean audit --db x.db`)."
        ),
        "exit": "Exit status",
        "exit_text": (
            "Exit status everywhere: 0 success; 1 the command worked and found something (audit: unresolved "
            "errors; diff: the two differ; approve: refused; verify: a version no longer matches); 2 bad input, "
            "usage or an environment failure, with a message naming file, row and column."
        ),
        "contents": "Contents",
        "option": "argument or option",
        "argument": "argument",
        "env": "environment",
        "default": "default",
        "meaning": "what it does",
        "repeatable": "repeatable",
        "required": "required",
        "subcommands": "Subcommands",
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


# --- the command tree --------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """One command, argument or option, with the key under which its Chinese help is found."""

    key: str
    help: str


def root_command() -> click.Group:
    return click_group()


def visible_params(cmd: click.Command) -> list[click.Parameter]:
    return [p for p in cmd.params if not getattr(p, "hidden", False) and p.name != "help"]


def english_help(cmd: click.Command, p: click.Parameter) -> str:
    """A parameter's help; for an argument, whose help Typer's plain --help leaves out, as declared."""
    text = getattr(p, "help", None)
    if text is None and cmd.callback is not None:
        declared = inspect.signature(cmd.callback).parameters.get(p.name or "")
        text = getattr(declared.default, "help", None) if declared is not None else None
    return text or ""


def entries() -> list[Entry]:
    """Every key of the help: the program, its global options, each command and its parameters."""
    root = root_command()
    out = [Entry("itemclean", root.help or "")]
    out += [Entry(param_key("", p), english_help(root, p)) for p in visible_params(root)]
    for path, cmd in commands(root):
        out.append(Entry(path, cmd.help or ""))
        out += [Entry(param_key(path, p), english_help(cmd, p)) for p in visible_params(cmd)]
    return out


def missing_translations() -> list[str]:
    """Keys with English help and no Chinese (a parameter declared without help needs none)."""
    return [e.key for e in entries() if e.help.strip() and not HELP_ZH.get(e.key, "").strip()]


def stale_translations() -> list[str]:
    keys = {e.key for e in entries()}
    return [k for k in HELP_ZH if k not in keys]


def helptext(key: str, english: str, lang: str) -> str:
    if lang == "en":
        return english
    return HELP_ZH.get(key) or f"{english} {UNTRANSLATED}"


# --- Markdown ----------------------------------------------------------------------------------


def cell(text: str) -> str:
    """Text for a Markdown table cell: one line, pipes escaped."""
    return " ".join(text.split()).replace("|", "\\|")


def code(text: str) -> str:
    return f"`{text}`" if text else ""


def anchor(title: str) -> str:
    """The anchor GitHub and GitLab give a heading: lower case, spaces to dashes, punctuation dropped."""
    kept = "".join(c for c in title.lower() if c.isalnum() or c in " -_")
    return kept.replace(" ", "-")


def default_of(p: click.Parameter) -> str:
    if isinstance(p, click.Option) and p.is_flag:
        return ""
    d = p.default
    if d is None or d == [] or d == () or d == "" or callable(d):
        return ""
    return code(str(d))


def metavar(p: click.Parameter) -> str:
    """What stands for a parameter's value, written here rather than by click, whose rendering varies by version."""
    if isinstance(p, click.Option):
        return p.metavar or p.type.name.upper()
    name = p.metavar or (p.name or "").upper()
    name += "..." if p.nargs != 1 else ""
    return name if p.required else f"[{name}]"


def param_name(p: click.Parameter) -> str:
    if isinstance(p, click.Option):
        names = ", ".join(p.opts + p.secondary_opts)
        return code(names if p.is_flag else f"{names} {metavar(p)}")
    return code(metavar(p))


def usage(path: str, cmd: click.Command) -> str:
    pieces = ["itemclean", path] if path else ["itemclean"]
    if any(isinstance(p, click.Option) for p in visible_params(cmd)) or isinstance(cmd, click.Group):
        pieces.append("[OPTIONS]")
    pieces += [metavar(p) for p in visible_params(cmd) if isinstance(p, click.Argument)]
    if isinstance(cmd, click.Group):
        pieces.append("COMMAND [ARGS]...")
    return " ".join(pieces)


def param_rows(path: str, cmd: click.Command, lang: str) -> list[str]:
    t = TEXT[lang]
    rows = [f"| {t['option']} | {t['env']} | {t['default']} | {t['meaning']} |", "|---|---|---|---|"]
    for p in visible_params(cmd):
        notes = []
        if getattr(p, "multiple", False) and isinstance(p, click.Option):
            notes.append(t["repeatable"])
        if p.required:
            notes.append(t["required"])
        help_ = helptext(param_key(path, p), english_help(cmd, p), lang)
        notes = [n for n in notes if n not in help_]  # the help may say it already
        if notes and lang == "zh":
            help_ = help_.rstrip("。") + f"（{'，'.join(notes)}）。"
        elif notes:
            help_ += f" ({', '.join(notes)})"
        env = p.envvar if isinstance(p.envvar, str) else ", ".join(p.envvar or ())
        rows.append(f"| {param_name(p)} | {code(env)} | {default_of(p)} | {cell(help_)} |")
    return rows


def commands_page(lang: str) -> str:
    t = TEXT[lang]
    root = root_command()
    cmds = list(commands(root))
    lines = [f"# {t['commands']}", "", f"<!-- {t['generated']} -->", "", helptext("itemclean", root.help or "", lang)]
    lines += ["", "```text", usage("", root), "```", ""]
    lines += [f"{t['contents']}：" if lang == "zh" else f"{t['contents']}:", ""]
    lines += [f"- [{t['global']}](#{anchor(t['global'])})"]
    lines += [f"- [`itemclean {path}`](#{anchor('itemclean ' + path)})" for path, _ in cmds]
    lines += [f"- [{t['exit']}](#{anchor(t['exit'])})", ""]
    lines += [f"## {t['global']}", "", t["global_intro"], ""]
    lines += param_rows("", root, lang)
    for path, cmd in cmds:
        lines += ["", f"## itemclean {path}", "", helptext(path, cmd.help or "", lang), ""]
        lines += ["```text", usage(path, cmd), "```"]
        if visible_params(cmd):
            lines += [""] + param_rows(path, cmd, lang)
        if isinstance(cmd, click.Group):
            subs = [f"`itemclean {path} {name}`" for name in cmd.commands]
            lines += ["", f"{t['subcommands']}: {', '.join(subs)}"]
    lines += ["", f"## {t['exit']}", "", t["exit_text"], ""]
    return "\n".join(lines)


def field_name(field: str, lang: str) -> str:
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
    t = TEXT[lang]
    sep = "：" if lang == "zh" else ": "
    message, suggestion = r.texts.get(lang, ("", ""))
    doc = r.doc.get(lang)
    lines = [f"### {r.id}", ""]
    lines += [
        f"- {t['severity']}{sep}{SEVERITY_NAMES[lang].get(r.severity, r.severity)}（`{r.severity}`）"
        if lang == "zh"
        else f"- {t['severity']}{sep}`{r.severity}`",
        f"- {t['field']}{sep}{field_name(r.field, lang)}",
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
    t = TEXT[lang]
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


def pages() -> dict[str, str]:
    """Path under docs/ → the page as it should be."""
    out = {}
    for lang in LANGS:
        out[f"{lang}/commands.md"] = commands_page(lang)
        out[f"{lang}/rules.md"] = rules_page(lang)
    return out


def stale_message(rel: str) -> str:
    """What to do about a page that is out of date."""
    also = ""
    if rel.endswith("commands.md"):
        also = " (and bring the Chinese help in itemclean/cli_help.py in line with any English help that changed)"
    return f"{rel} is out of date: run `{REGENERATE}`{also}"


def out_of_date(docs: Path) -> list[str]:
    """The pages under docs that are missing or differ from what the program generates now."""
    stale = []
    for rel, text in pages().items():
        path = docs / rel
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            stale.append(f"docs/{rel}")
    return stale


def write(docs: Path) -> list[str]:
    written = []
    for rel, text in pages().items():
        path = docs / rel
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(f"docs/{rel}")
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m itemclean.docs", description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="report pages that are out of date; write nothing")
    ap.add_argument("--docs", type=Path, default=DOCS, help="the docs directory (default: the project's)")
    args = ap.parse_args(argv)
    missing = missing_translations()
    if missing:
        print(f"no Chinese help in itemclean/cli_help.py for: {', '.join(missing)}", file=sys.stderr)
    if args.check:
        stale = out_of_date(args.docs)
        for rel in stale:
            print(stale_message(rel), file=sys.stderr)
        return 1 if stale or missing else 0
    for rel in write(args.docs):
        print(f"wrote {rel}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
