"""The generated pages of the manual: the command reference from the CLI's own help, the rules from the registry.

    python -m itemclean.docs            # write docs/zh/commands.md, docs/en/commands.md, docs/*/rules.md
    python -m itemclean.docs --check    # exit 1 naming every page that is missing or out of date

It also compiles the message catalogues, itemclean/locale/<lang>/LC_MESSAGES/itemclean.po, to the
itemclean.mo beside each (shipped in the package; the .po is the source), and --check names a .mo that is
not what compiling its .po gives.

The English help is the CLI's (`--help`); the Chinese is `cli_help.HELP_ZH`, keyed by command and option.
The rule pages come from each rule's `@explain(...)` beside its definition and from the message table, so a
rule, a command or an option cannot exist without its page: tests/test_docs.py regenerates the pages in
memory and fails when they differ from the files.
"""

from __future__ import annotations

import argparse
import inspect
import io
import sys
from dataclasses import dataclass
from pathlib import Path

import click
from babel.messages.catalog import Catalog
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po

from .cli import click_group
from .cli_help import HELP_ZH, commands, param_key
from .messages import DOMAIN, LOCALE
from .rule_pages import PAGE_TEXT, REGENERATE, anchor, cell, code, rules_page

LANGS = ("zh", "en")
DOCS = Path(__file__).resolve().parent.parent / "docs"  # in a checkout of the project
UNTRANSLATED = "（尚无中文说明）"

# what the pages say around the generated parts
TEXT = {
    "zh": {
        "commands": "命令参考",
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
    },
    "en": {
        "commands": "Command reference",
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
    },
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
    lines = [
        f"# {t['commands']}",
        "",
        f"<!-- {PAGE_TEXT[lang]['generated']} -->",
        "",
        helptext("itemclean", root.help or "", lang),
    ]
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


# --- the message catalogues ---------------------------------------------------------------------


def catalogue_file(locale: Path, lang: str, ext: str) -> Path:
    return locale / lang / "LC_MESSAGES" / f"{DOMAIN}.{ext}"


def read_catalogue(lang: str, locale: Path = Path(LOCALE)) -> Catalog:
    """A language's catalogue as written, from its .po file."""
    with catalogue_file(locale, lang, "po").open("rb") as fh:
        return read_po(fh, locale=lang, domain=DOMAIN)


def compile_catalogue(lang: str, locale: Path = Path(LOCALE)) -> bytes:
    """The .mo file that the .po file compiles to."""
    out = io.BytesIO()
    write_mo(out, read_catalogue(lang, locale))
    return out.getvalue()


def mo_contents(data: bytes) -> dict[tuple[str | None, str], str]:
    """A compiled catalogue's messages, (msgctxt, msgid) → msgstr, whatever wrote its bytes."""
    return {(m.context, m.id): m.string for m in read_mo(io.BytesIO(data))}


def stale_catalogues(locale: Path = Path(LOCALE)) -> list[str]:
    """The compiled catalogues that are missing or hold other messages than their .po files."""
    stale = []
    for lang in LANGS:
        mo = catalogue_file(locale, lang, "mo")
        if not mo.is_file() or mo_contents(mo.read_bytes()) != mo_contents(compile_catalogue(lang, locale)):
            stale.append(str(mo))
    return stale


def compile_catalogues(locale: Path = Path(LOCALE)) -> list[str]:
    written = stale_catalogues(locale)
    for lang in LANGS:
        mo = catalogue_file(locale, lang, "mo")
        if str(mo) in written:
            mo.write_bytes(compile_catalogue(lang, locale))
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m itemclean.docs", description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="report pages that are out of date; write nothing")
    ap.add_argument("--docs", type=Path, default=DOCS, help="the docs directory (default: the project's)")
    ap.add_argument("--locale", type=Path, default=Path(LOCALE), help="the message catalogues (default: the package's)")
    args = ap.parse_args(argv)
    missing = missing_translations()
    if missing:
        print(f"no Chinese help in itemclean/cli_help.py for: {', '.join(missing)}", file=sys.stderr)
    if args.check:
        stale = out_of_date(args.docs)
        for rel in stale:
            print(stale_message(rel), file=sys.stderr)
        mos = stale_catalogues(args.locale)
        for mo in mos:
            print(f"{mo} is not what its .po file compiles to: run `{REGENERATE}`", file=sys.stderr)
        return 1 if stale or mos or missing else 0
    for rel in write(args.docs) + compile_catalogues(args.locale):
        print(f"wrote {rel}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
