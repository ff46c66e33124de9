"""The command line: a thin Typer layer over the library. Exit 0 ok, 1 found something, 2 bad input."""

from __future__ import annotations

import gc
import getpass
import json
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import click
import typer
import typer.core
from rich.console import Console
from rich.table import Table
from rich.text import Text

from . import __version__
from .cli_help import in_chinese
from .cli_words import speak_click
from .errors import BadInput, Problem, Refused
from .formats import COMMANDS, PIPE_WIDTH, help_text
from .formats import check as check_format
from .messages import action_name, language, set_language
from .messages import t as tr
from .normalize import visible
from .paths import default_reference

GLOBAL_OPTIONS = ("--db", "--reference", "--reviewer", "--catalog", "--lang")


def hoist_globals(args: list[str]) -> list[str]:
    """Move global options given after the command name to before it (`audit --db x` = `--db x audit`)."""
    front, rest, i = [], [], 0
    while i < len(args):
        a = args[i]
        if a == "--":
            rest += args[i:]
            break
        name = a.split("=", 1)[0]
        if name in GLOBAL_OPTIONS:
            if "=" in a:
                front.append(a)
            else:
                front += args[i : i + 2]
                i += 1
        else:
            rest.append(a)
        i += 1
    return front + rest


class SuggestingGroup(typer.core.TyperGroup):
    """A group whose "no such command" is click's, which suggests the commands meant in the table's words;
    Typer adds an English "Did you mean" of its own."""

    def resolve_command(self, ctx, args):  # type: ignore[override]
        return click.Group.resolve_command(self, ctx, args)


class Group(SuggestingGroup):
    def parse_args(self, ctx, args):  # type: ignore[override]
        set_language(_language_asked(list(args)))  # click's own words (--help, usage errors) in it too
        return super().parse_args(ctx, hoist_globals(list(args)))

    def invoke(self, ctx):  # type: ignore[override]
        """Bad input becomes a message and exit 2, refusal exit 1: never a traceback."""
        try:
            return super().invoke(ctx)
        except BadInput as e:
            if FORMAT[0] == "json":  # the whole list, for a script; the first of it on the terminal
                from .diff import problem_dict

                sys.stdout.write(
                    json.dumps({"problems": [problem_dict(p) for p in e.problems]}, ensure_ascii=False, indent=1) + "\n"
                )
            print_problems(e.problems, LANG[0], style="red")
            raise typer.Exit(2) from None
        except Refused as e:
            err.print(literal(str(e)))
            raise typer.Exit(1) from None
        except BrokenPipeError:
            sys.stderr.close()
            raise typer.Exit(0) from None
        except (OSError, sqlite3.Error, RecursionError, MemoryError) as e:  # the environment, not the data
            err.print(literal(environment_problem(e, ctx.obj.db if ctx.obj else None)), style="red")
            raise typer.Exit(2) from None


def environment_problem(e: BaseException, db: Path | None) -> str:
    """What went wrong around the data (the disk, the database file, a lock) and what to do."""
    if isinstance(e, sqlite3.Error):
        text = str(e)
        if "locked" in text or "busy" in text:
            what = tr("db-busy")
        elif "readonly" in text or "read-only" in text:
            what = tr("db-read-only")
        elif "malformed" in text or "not a database" in text or "corrupt" in text:
            what = tr("db-damaged", text=text)
        elif "disk is full" in text or "disk I/O" in text:
            what = tr("db-full", text=text)
        else:
            what = tr("db-error", text=text)
        return f"{db}: {what}"
    if isinstance(e, OSError):
        where = e.filename if e.filename is not None else db
        return f"{where}: {e.strerror or e}"
    if isinstance(e, RecursionError):
        return tr("too-deep")
    return tr("out-of-memory")


MAX_PROBLEMS = 50  # problems printed before "and N more"; --format json gives them all
FORMAT = ["text"]  # the --format of the command running, for how its bad input is reported
LANG = [None]


def note_format(value: str) -> str:
    """A --format option's callback: bad input is then written as JSON too when the command's is json."""
    FORMAT[0] = value
    return value


def format_option(command: str, default: str):
    """The --format of a command writing output: its choices and help from the registry of formats
    (itemclean.formats); a format that the command cannot write is bad input, exit 2."""
    kinds = COMMANDS[command]

    def check(value: str) -> str:
        return check_format(note_format(value), *kinds)

    return typer.Option(default, "--format", "-f", help=help_text(kinds), callback=check)


def message(key: str, lang: str | None, **fields: object) -> str:
    from .messages import text

    return text(key, lang, **fields)


def headers_of(*keys: str) -> list[str]:
    """The headers of a table on the terminal (a script's CSV and JSON keep the keys)."""
    return [tr("col-" + k) for k in keys]


def print_problems(problems: list, lang: str | None, style: str = "") -> None:
    """The first MAX_PROBLEMS problems on standard error, then how many more there are."""
    for p in problems[:MAX_PROBLEMS]:
        err.print(literal(str(p).removeprefix(": ")), style=style)
    if len(problems) > MAX_PROBLEMS:
        err.print(Text(message("and-more", lang, n=len(problems) - MAX_PROBLEMS)), style=style)


speak_click(typer.core)  # click's and Typer's words from the message table, in the language of the run
# Typer lists the arguments in a section of its own ("Arguments", with the options); click 8.5 lists those
# that have help a second time under "Positional arguments": once is enough.
typer.core.TyperCommand.format_arguments = lambda self, ctx, formatter: None  # type: ignore[method-assign]
app = typer.Typer(
    cls=Group,
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    help="Clean up a catalogue of administrative-permit items (行政许可事项清理).",
)
out = Console(highlight=False, soft_wrap=False)
err = Console(stderr=True, highlight=False, soft_wrap=True)
SHOWN = 50  # codes listed in a message; the count is always whole


@dataclass
class Settings:
    db: Path
    reference: Path
    reviewer: str
    catalog: str | None
    lang: str


def login_name() -> str:
    try:
        return getpass.getuser()
    except Exception:
        return "unknown"


@app.callback()
def main_options(
    ctx: typer.Context,
    db: Path = typer.Option(Path("itemclean.db"), "--db", envvar="ITEMCLEAN_DB", help="The database file."),
    reference: Path | None = typer.Option(
        None,
        "--reference",
        envvar="ITEMCLEAN_REFERENCE",
        help="Reference directory (default: itemclean/catalogs/ in the package).",
    ),
    reviewer: str | None = typer.Option(
        None, "--reviewer", envvar="ITEMCLEAN_REVIEWER", help="Who decides (default: the login name)."
    ),
    catalog: str | None = typer.Option(None, "--catalog", help="Which catalogue of the database."),
    lang: str = typer.Option("zh", "--lang", envvar="ITEMCLEAN_LANG", help="Language of messages: zh or en."),
    version: bool = typer.Option(False, "--version", help="Print the version and exit."),
) -> None:
    if version:
        out.print(f"itemclean {__version__}")
        raise typer.Exit(0)
    from .messages import language

    if not lang.lower().startswith(("zh", "en")):
        raise typer.BadParameter(tr("bad-lang", lang=lang))
    set_language(lang)
    LANG[0], FORMAT[0] = language(lang), "text"  # the command's --format callback runs after this
    out.width = None if out.is_terminal else PIPE_WIDTH  # None: the terminal's own width
    ctx.obj = Settings(
        db=db,
        reference=reference or default_reference(),
        reviewer=reviewer or login_name(),
        catalog=catalog,
        lang=language(lang),
    )


def settings(ctx: typer.Context) -> Settings:
    return ctx.obj


def open_store(s: Settings, *, create: bool = False, read: bool = False):
    """The database; read: the command only reads it, so a read-only file or folder will do."""
    from .store import Store

    return Store(s.db, create=create, read=read)


def _checked_output(value: str | None) -> str | None:
    """Every -o is checked before the command runs (and again when written, by writers.output)."""
    if value not in (None, "-"):
        from .paths import output_path

        try:
            output_path(value)
        except BadInput as e:
            err.print(literal(str(e)), style="red")
            raise typer.Exit(2) from None
    return value


def output_option(help: str):
    return typer.Option(None, "-o", "--output", help=help, callback=_checked_output)


def literal(value: object) -> Text:
    """Item text for the terminal: never read as markup, control characters shown, not obeyed."""
    return Text(visible(str(value)))


ROW_FORMATS = ("text", "json", "csv")


def row_format_option():
    return typer.Option("text", "--format", "-f", help="text, json or csv.", callback=note_format)


def print_rows(fmt: str, columns: list[str], rows: list[dict], table) -> None:
    """Rows for a script (json: a list of objects; csv: a header row of `columns`, then a row each), or
    for a person the table that `table()` builds (never cut to a width when stdout is not a terminal)."""
    if fmt not in ROW_FORMATS:
        raise BadInput(tr("format-takes", formats=", ".join(ROW_FORMATS), got=fmt))
    if fmt == "json":
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1) + "\n")
    elif fmt == "csv":
        import csv

        from .writers import output

        with output(None) as f:
            w = csv.writer(f, lineterminator="\r\n")
            w.writerow(columns)
            w.writerows([_cell(r.get(c)) for c in columns] for r in rows)
    else:
        out.print(table())


def _cell(v: object) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (list, dict)):
        return json.dumps(v, ensure_ascii=False)
    return str(v)


# --- import ------------------------------------------------------------------------------------


def _parse_maps(maps: list[str]) -> dict[str, str]:
    from .model import FIELDS

    out_: dict[str, str] = {}
    for m in maps:
        key, sep, header = m.partition("=")
        if not sep or key.strip() not in FIELDS:
            raise BadInput(tr("map-takes", fields=", ".join(FIELDS), got=m))
        out_[key.strip()] = header
    return out_


@app.command("import")
def import_cmd(
    ctx: typer.Context,
    files: list[Path] = typer.Argument(..., help="CSV, XLSX, JSON or JSONL files."),
    encoding: str | None = typer.Option(None, "--encoding", help="Force the CSV encoding (e.g. gb18030)."),
    sheet: str | None = typer.Option(None, "--sheet", help="XLSX worksheet (default: the first)."),
    prune: bool = typer.Option(False, "--prune", help="Remove draft items absent from the files."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Check and report; write nothing."),
    map_: list[str] = typer.Option([], "--map", help="Read another header as a field: --map code=item_code."),
    feedback: bool = typer.Option(False, "--feedback", help="The files are feedback sheets that departments filled."),
) -> None:
    """Read catalogue files into the draft, updating items by code; all of the files or none of them."""
    from .importing import import_files

    s = settings(ctx)
    if feedback:
        _import_feedback(s, files)
        return
    if dry_run and not s.db.exists():  # nothing to compare with, and nothing may be written
        import tempfile

        with _feedback_said(files, s.lang), tempfile.TemporaryDirectory() as tmp, _progress(files) as progress:
            from .store import Store

            with Store(Path(tmp) / "dry-run.db") as store:
                r = import_files(
                    store,
                    files,
                    catalog=s.catalog,
                    encoding=encoding,
                    sheet=sheet,
                    aliases=_parse_maps(map_),
                    dry_run=True,
                    reviewer=s.reviewer,
                    progress=progress,
                )
        _report_import(r, dry_run, prune)
        return
    with _feedback_said(files, s.lang), _progress(files) as progress, open_store(s, create=not dry_run) as store:
        r = import_files(
            store,
            files,
            catalog=s.catalog,
            encoding=encoding,
            sheet=sheet,
            aliases=_parse_maps(map_),
            prune=prune,
            dry_run=dry_run,
            reviewer=s.reviewer,
            progress=progress,
        )
    _report_import(r, dry_run, prune)


@contextmanager
def _feedback_said(files: list[Path], lang: str) -> Iterator[None]:
    """An import that fails on a department's feedback sheet says first that the sheet wants --feedback."""
    from .feedback import looks_like_feedback
    from .messages import say

    try:
        yield
    except BadInput as e:
        said = [Problem(str(f), None, None, say("feedback-wants-flag", lang)) for f in files if looks_like_feedback(f)]
        if not said:
            raise
        raise BadInput(said + e.problems) from None


def _import_feedback(s: Settings, files: list[Path]) -> None:
    from .feedback import import_feedback
    from .messages import say

    with open_store(s) as store:
        r = import_feedback(store, store.catalog(s.catalog), files, s.lang)
    out.print(literal(say("feedback-read", s.lang, files=r.files, notes=r.notes, edits=r.edits, items=len(r.items))))


def _report_import(r, dry_run: bool, prune: bool) -> None:
    m = r.summary
    head = tr("would-change" if dry_run else "imported-into")
    out.print(Text(tr("import-head", head=head, catalog=r.catalog, total=m.total, files=len(r.files))), soft_wrap=True)
    out.print(
        tr("import-counts", added=m.added, updated=m.updated, unchanged=m.unchanged)
        + (tr("import-removed", removed=m.removed) if prune else "")
    )
    for label, count in (("added", m.added), ("updated", m.updated), ("removed", m.removed)):
        shown = m.codes.get(label, [])
        if shown and (dry_run or count <= 20):
            more = tr("and-more", n=count - len(shown)) if count > len(shown) else ""
            out.print(literal(tr("codes-of", label=tr("label-" + label), codes=" ".join(shown)) + more), soft_wrap=True)
    if r.sections:
        headings = "; ".join(r.sections[:10])
        out.print(literal(tr("skipped-sections", n=len(r.sections), headings=headings)), soft_wrap=True)
    if r.blank_rows:
        out.print(tr("skipped-blank", n=r.blank_rows))
    if r.control_cells:
        where = ", ".join(f"{p.file}:{p.row}:{p.column}" for p in r.controls)
        more = tr("and-more", n=r.control_cells - len(r.controls)) if r.control_cells > len(r.controls) else ""
        out.print(literal(tr("control-cells", n=r.control_cells, where=where) + more), soft_wrap=True)
    for file, header in r.numbering.items():
        out.print(literal(tr("numbering-column", file=file, header=header)), soft_wrap=True)
    for file, headers in r.lacking.items():
        kept = tr("would-be-kept" if dry_run else "are-kept")
        out.print(literal(tr("lacking-columns", file=file, headers=", ".join(headers), kept=kept)), soft_wrap=True)


class _progress:
    """A progress bar on standard error for large files, only when it is a terminal."""

    def __init__(self, files: list[Path]):
        self.files = files
        self.bar = None

    def __enter__(self):
        sizes = {f: f.stat().st_size for f in self.files if f.is_file()}
        if not err.is_terminal or sum(sizes.values()) < 2_000_000:
            return None
        from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

        self.bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            DownloadColumn(),
            TimeRemainingColumn(),
            console=err,
            transient=True,
        )
        self.bar.start()
        tasks = {
            f: self.bar.add_task(f.name, total=sizes.get(f) if f.suffix.lower() != ".xlsx" else None)
            for f in self.files
        }
        return lambda path, n: self.bar.update(tasks[path], completed=n)

    def __exit__(self, *exc):
        if self.bar:
            self.bar.stop()


# --- export ------------------------------------------------------------------------------------


@app.command("export")
def export_cmd(
    ctx: typer.Context,
    fmt: str = format_option("export", "csv"),
    what: str = typer.Option(
        "catalogue", "--what", help="catalogue, removed-fees, findings, decisions, feedback or results."
    ),
    version: str | None = typer.Option(None, "--version", help="Approved version label (default: latest)."),
    draft: bool = typer.Option(False, "--draft", help="Export the working draft, not an approved version."),
    output_: str | None = typer.Option(
        None, "-o", "--output", help="Output file; - or none: stdout (--what feedback: a folder, or FILE.xlsx)."
    ),
    headers: str = typer.Option("source", "--headers", help="CSV/XLSX headers: source, zh or en."),
    encoding: str = typer.Option("utf-8-sig", "--encoding", help="CSV encoding (default UTF-8 with BOM)."),
    title: str | None = typer.Option(None, "--title", help="Title of the HTML or Markdown publication."),
    department: str | None = typer.Option(None, "--department", help="--what feedback: only this department."),
    guard: bool = typer.Option(
        True,
        "--guard-formulas/--no-guard-formulas",
        help="CSV: write a ' before cells starting with = + - @ so that a spreadsheet shows them as text "
        "(default; import takes the ' off again).",
    ),
) -> None:
    """Write a catalogue (the latest approved version, or the draft), or one of its reports."""
    from .exporting import export

    if what != "feedback" or str(output_).lower().endswith(".xlsx"):  # feedback sheets go to a folder
        _checked_output(output_)
    s = settings(ctx)
    with open_store(s, read=True) as store:
        n = export(
            store,
            s.catalog,
            fmt=fmt,
            what=what,
            version=version,
            draft=draft,
            target=output_,
            headers=headers,
            encoding=encoding,
            lang=s.lang,
            reference=s.reference,
            title=title,
            department=department,
            guard=guard,
        )
    if what == "feedback":
        from .messages import say

        err.print(literal(say("feedback-written", s.lang, items=n, target=output_)))
    elif output_ not in (None, "-"):
        err.print(Text(tr("wrote-rows", n=n, target=output_)))


# --- catalogs, show ----------------------------------------------------------------------------


@app.command("catalogs")
def catalogs_cmd(ctx: typer.Context, fmt: str = row_format_option()) -> None:
    """List the catalogues of the database."""
    s = settings(ctx)
    with open_store(s, read=True) as store:
        rows = []
        for c in store.catalogs():
            st = store.stats(c.id)
            rows.append(
                {
                    "catalog": c.name,
                    "items": st["items"],
                    "departments": st["departments"],
                    "versions": st["versions"],
                    "created": c.created_at,
                }
            )

    def table() -> Table:
        t = Table(*headers_of("catalogue", "items", "departments", "versions", "created"), title=str(s.db))
        for r in rows:
            t.add_row(
                literal(r["catalog"]), *(str(r[k]) for k in ("items", "departments", "versions")), r["created"][:19]
            )
        return t

    print_rows(fmt, list(rows[0]) if rows else ["catalog", "items", "departments", "versions", "created"], rows, table)


@app.command("show")
def show_cmd(
    ctx: typer.Context,
    code: str = typer.Argument(..., help="Item code."),
    fmt: str = typer.Option("text", "--format", "-f", help="text, json or csv.", callback=note_format),
) -> None:
    """Show one item of the draft, field by field (json: the item as FORMAT.md's JSON writes it)."""
    from .model import HEADERS, LIST_FIELDS

    s = settings(ctx)
    with open_store(s, read=True) as store:
        cat = store.catalog(s.catalog)
        item = store.get_item(cat.id, code)
        if item is None:
            raise BadInput(tr("no-item", catalog=cat.name, code=code))
    if fmt != "text":
        values = item.as_dict()
        if fmt == "csv":  # list fields as FORMAT.md's cells
            values = {k: item.canonical_cell(k) if k in LIST_FIELDS else v for k, v in values.items()}
        print_rows(fmt, list(values), [values] if fmt == "csv" else values, None)
        return
    t = Table(show_header=False, box=None, padding=(0, 1))
    t.add_column(style="bold", no_wrap=True)
    t.add_column(overflow="fold")
    for key, names in HEADERS.items():
        v = item.value(key)
        if key == "basis":
            lines = [f"{c.text}" + ("" if c.instrument else tr("no-instrument")) for c in item.basis]
        elif key == "fees":
            lines = [f"{f['name']} | {f['standard']} | {f['basis']}" for f in v]
        elif key == "materials":
            lines = list(v)
        else:
            lines = [str(v)]
            if key.endswith("_limit"):
                lim = getattr(item, key)
                lines = [
                    lim.text
                    + (
                        tr("working-days", days=lim.days)
                        if lim.known and lim.text != str(lim.days)
                        else tr("not-understood")
                        if lim.state == "unparsed"
                        else ""
                    )
                ]
        t.add_row(names[0], literal("\n".join(lines)))
    for k, v in item.extra.items():
        t.add_row(literal(k), literal(v))
    out.print(t)


@app.command("sample")
def sample_cmd(
    output_: str | None = typer.Option(None, "-o", "--output", help="Write here (.csv or .xlsx); none: CSV to stdout."),
) -> None:
    """Write out the shipped sample county catalogue (临川县), to import or review it from an installed copy."""
    from .paths import sample_catalogue
    from .writers import output

    suffix = ".xlsx" if output_ not in (None, "-") and output_.lower().endswith(".xlsx") else ".csv"
    data = sample_catalogue(suffix).read_bytes()
    with output(output_, binary=True) as f:
        f.write(data)
    if output_ not in (None, "-"):
        err.print(Text(tr("wrote-sample", target=output_)))


# --- audit -------------------------------------------------------------------------------------


def load_ref(s: Settings):
    from .rules import load_reference

    return load_reference(s.reference)


@app.command("audit")
def audit_cmd(
    ctx: typer.Context,
    file: Path | None = typer.Argument(None, help="Audit this file directly (no database is touched)."),
    as_of: str | None = typer.Option(None, "--as-of", help="Audit date YYYY-MM-DD (default: today)."),
    fmt: str = format_option("audit", "text"),
    rule: list[str] = typer.Option([], "--rule", help="Run only this rule (repeatable)."),
    output_: str | None = output_option("Write to this file instead of stdout."),
    encoding: str | None = typer.Option(None, "--encoding", help="Encoding of FILE (CSV)."),
    sheet: str | None = typer.Option(None, "--sheet", help="Worksheet of FILE (XLSX)."),
    map_: list[str] = typer.Option([], "--map", help="Read another header of FILE as a field."),
    full: bool = typer.Option(
        False,
        "--full",
        help="Audit every item of the draft again (by default only items changed since the last audit are, "
        "unless the reference, policy, date or language changed); the report is the same.",
    ),
) -> None:
    """Run the rules of RULES.md on the draft, or on FILE. Exit 1 when unresolved errors remain."""
    from .audit import audit_draft, audit_file, parse_date
    from .formats import AuditJob, writer

    s = settings(ctx)
    write = writer(fmt, "audit")
    day = parse_date(as_of)
    ref = load_ref(s)
    only = [r for x in rule for r in x.split(",") if r] or None
    if file is not None:
        report = audit_file(
            file, ref, day, lang=s.lang, only=only, encoding=encoding, sheet=sheet, aliases=_parse_maps(map_)
        )
        write(AuditJob(report, output_, s.lang, console=out))
        raise typer.Exit(1 if report.unresolved_errors else 0)
    with open_store(s, read=True) as store:  # on a read-only database the findings are not saved
        cat = store.catalog(s.catalog)
        report = audit_draft(store, cat, ref, day, lang=s.lang, only=only, save=not store.read_only, full=full)
        write(AuditJob(report, output_, s.lang, console=out))  # a draft's findings are read from the store as written
        unresolved = report.unresolved_errors
    raise typer.Exit(1 if unresolved else 0)


@app.command("rules")
def rules_cmd(
    ctx: typer.Context,
    rule: str | None = typer.Argument(None, help="Show this rule's explanation in full."),
    fmt: str = row_format_option(),
) -> None:
    """List the audit rules with their severity under the policy in force and what fires each, or explain one."""
    from .audit import selected_rules
    from .messages import language
    from .rules import REGISTRY

    s = settings(ctx)
    lang = language(s.lang)
    if rule is not None:
        if rule not in REGISTRY:
            raise BadInput(tr("unknown-rules", rules=rule))
        from rich.markdown import Markdown

        from .rule_pages import rule_section

        page = "\n".join(rule_section(REGISTRY[rule], lang))
        if out.is_terminal:
            out.print(Markdown(page))
        else:  # the page's Markdown as it stands in docs/*/rules.md
            sys.stdout.write(page + "\n")
        return
    ref = load_ref(s)
    on = {r.id: sev for r, sev in selected_rules(ref)}
    columns = ["rule", "severity", "enabled", "explanation", "suggestion"]
    rows = [
        {
            "rule": rid,
            "severity": on.get(rid, r.severity),
            "enabled": rid in on,
            "explanation": r.doc[lang].fires if lang in r.doc else "",
            "suggestion": r.texts[lang][1],
        }
        for rid, r in REGISTRY.items()
    ]

    def table() -> Table:
        t = Table(*headers_of(*columns[:4]))
        t.columns[0].no_wrap = True
        for r in rows:
            severity, enabled = tr("severity-" + r["severity"]), tr("yes" if r["enabled"] else "no")
            t.add_row(r["rule"], severity, enabled, r["explanation"])
        return t

    print_rows(fmt, columns, rows, table)


reference_app = typer.Typer(
    cls=SuggestingGroup,
    no_args_is_help=True,
    help="The reference directory: laws and regulations, fee catalogues, cancelled items and the audit policy.",
)
app.add_typer(reference_app, name="reference")


@reference_app.command("check")
def reference_check_cmd(
    ctx: typer.Context,
    directory: Path | None = typer.Argument(None, help="The directory to check (default: --reference)."),
) -> None:
    """Load a reference directory and report every problem with file and line (exit 2), or what it holds."""
    from .audit import parse_date
    from .messages import REFERENCE_CHECK
    from .reference import SETTING_LEVELS
    from .rules import load_reference

    s = settings(ctx)
    directory = directory or s.reference
    ref = load_reference(directory)
    m = REFERENCE_CHECK[s.lang]
    today = parse_date(None)
    instruments = list({id(i): i for i in ref.instruments.values()}.values())
    lines = [
        m["ok"].format(directory=directory),
        m["instruments"].format(
            count=len(instruments),
            repealed=sum(i.repealed_by(today) for i in instruments),
            setting=sum(i.level in SETTING_LEVELS for i in instruments),
        ),
    ]
    lines += [m["catalogue"].format(name=n, level=m.get(lv, lv), count=c) for n, lv, c in ref.catalogues]
    if not ref.catalogues:
        lines.append(m["no_catalogue"])
    lines.append(m["cancelled"].format(count=len({id(c): c for c in ref.cancelled_names.values()})))
    if (Path(directory) / "policy.toml").is_file():
        disabled = sum(p.enabled is False for p in ref.policy.values())
        lines.append(m["policy"].format(count=len(ref.policy), disabled=disabled))
    else:
        lines.append(m["no_policy"])
    for line in lines:
        out.print(literal(line), soft_wrap=True)


# --- decisions ---------------------------------------------------------------------------------


@app.command("decide")
def decide_cmd(
    ctx: typer.Context,
    codes: list[str] = typer.Argument(None, help="Item codes."),
    keep: bool = typer.Option(False, "--keep", help="Keep the items."),
    abolish: bool = typer.Option(False, "--abolish", help="Abolish the items."),
    amend: bool = typer.Option(False, "--amend", help="Keep the items, amended."),
    merge_into: str | None = typer.Option(None, "--merge-into", help="Merge the items into CODE."),
    remove_fee: list[str] = typer.Option([], "--remove-fee", help="Flag this fee of the items for removal."),
    keep_fee: list[str] = typer.Option([], "--keep-fee", help="Take back a fee's removal."),
    override_: list[str] = typer.Option([], "--override", help="Override this rule's findings (reason needed)."),
    undo_: bool = typer.Option(False, "--undo", help="Reverse each item's latest decision."),
    reason: str = typer.Option("", "--reason", help="Why (required to abolish, merge, amend, override)."),
    from_: Path | None = typer.Option(None, "--from", help="CSV: code, decision, reason[, target, fee, rule]."),
    all_undecided: bool = typer.Option(
        False, "--all-undecided", help="Apply to every item no one has decided (not to items waiting for re-review)."
    ),
    accept_edit: list[str] = typer.Option([], "--accept-edit", help="Accept a department's proposed edit of FIELD."),
    reject_edit: list[str] = typer.Option([], "--reject-edit", help="Reject a department's proposed edit of FIELD."),
) -> None:
    """Record decisions in the append-only log (undo appends a reversing entry)."""
    from . import review

    s = settings(ctx)
    with open_store(s) as store:
        cat = store.catalog(s.catalog)
        if from_ is not None:
            n = review.decide_from_file(store, cat, from_, reviewer=s.reviewer)
            out.print(literal(tr("recorded-from", n=n, file=from_)))
            return
        codes = list(codes or [])
        if all_undecided:
            fresh, stale = review.never_decided(store, cat)
            codes += fresh
            if stale:
                shown = " ".join(stale[:SHOWN]) + (tr("and-more", n=len(stale) - SHOWN) if len(stale) > SHOWN else "")
                err.print(literal(tr("stale-left", n=len(stale), shown=shown)), soft_wrap=True)
        if not codes:
            raise BadInput(tr("name-codes"))
        actions = [
            a
            for a, on in (("keep", keep), ("abolish", abolish), ("amend", amend), ("merge", merge_into is not None))
            if on
        ]
        if len(actions) > 1:
            raise BadInput(tr("choose-one"))
        if not actions and not (remove_fee or keep_fee or override_ or undo_ or accept_edit or reject_edit):
            raise BadInput(tr("nothing-to-decide"))
        n, ids = 0, []
        with store.write():
            if undo_:
                for code in codes:
                    d = review.undo(store, cat, code, reviewer=s.reviewer, reason=reason)
                    out.print(literal(tr("undid", code=code, action=action_name(d.action), id=d.id)))
                    n += 1
            if actions:
                ids = review.decide(
                    store, cat, codes, actions[0], reviewer=s.reviewer, reason=reason, target=merge_into
                )
                n += len(ids)
            for code in codes:
                for fee in remove_fee:
                    review.decide_fee(store, cat, code, fee, remove=True, reviewer=s.reviewer, reason=reason)
                    n += 1
                for fee in keep_fee:
                    review.decide_fee(store, cat, code, fee, remove=False, reviewer=s.reviewer, reason=reason)
                    n += 1
                for r in override_:
                    review.override(store, cat, code, r, reviewer=s.reviewer, reason=reason)
                    n += 1
                n += _settle_edits(store, cat, code, s, accept_edit, reject_edit, reason)
        replaced = store.decisions_by_id(ids, replacing_others_than=s.reviewer)
    for d in replaced[:SHOWN]:
        out.print(literal(f"{d.code}: {action_name(d.action)}, {d.replacing}"), soft_wrap=True)
    if len(replaced) > SHOWN:
        out.print(tr("more-replaced", n=len(replaced) - SHOWN))
    out.print(literal(tr("recorded-by", n=n, reviewer=s.reviewer)))


def _settle_edits(store, cat, code: str, s: Settings, accept: list[str], reject: list[str], reason: str) -> int:
    from .feedback import settle_edit

    ref = load_ref(s) if accept else None
    for name in accept:
        settle_edit(store, cat, code, name, accept=True, reviewer=s.reviewer, reason=reason, reference=ref, lang=s.lang)
    for name in reject:
        settle_edit(store, cat, code, name, accept=False, reviewer=s.reviewer, reason=reason, lang=s.lang)
    return len(accept) + len(reject)


@app.command("edit")
def edit_cmd(
    ctx: typer.Context,
    code: str = typer.Argument(..., help="Item code."),
    set_: list[str] = typer.Option(..., "--set", help="FIELD=VALUE in FORMAT.md syntax (repeatable)."),
    reason: str = typer.Option("", "--reason", help="Why the item is amended."),
) -> None:
    """Amend an item's fields in the draft; each change is logged with old and new value, then re-audited."""
    from . import review
    from .results import field_names

    s = settings(ctx)
    changes: dict[str, str] = {}
    for x in set_:
        key, sep, value = x.partition("=")
        if not sep:
            raise BadInput(tr("set-takes", got=x))
        changes[key.strip()] = value.replace("\\n", "\n")
    ref = load_ref(s)
    with open_store(s) as store:
        cat = store.catalog(s.catalog)
        review.edit(store, cat, code, changes, reviewer=s.reviewer, reason=reason, reference=ref)
        found = store.findings_of(cat.id, code)
    out.print(literal(tr("amended-now", code=code, fields=field_names(changes, s.lang), n=len(found))))


@app.command("log")
def log_cmd(
    ctx: typer.Context,
    code: str | None = typer.Argument(None, help="Only this item."),
    fmt: str = row_format_option(),
) -> None:
    """The decision history: who decided what, when and why."""
    import dataclasses

    from .store.decisions import Decision

    s = settings(ctx)
    with open_store(s, read=True) as store:
        cat = store.catalog(s.catalog)
        ds = store.decisions(cat.id, code)
    rows = [dict(d.__dict__) for d in ds]
    if fmt == "csv":
        for r, d in zip(rows, ds):
            r["detail"] = d.detail

    def table() -> Table:
        t = Table("#", *headers_of("at", "reviewer", "code", "action", "detail", "reason"))
        for d in ds:
            t.add_row(
                str(d.id),
                d.at[:19],
                literal(d.reviewer),
                literal(d.code),
                action_name(d.action),
                literal(d.detail),
                literal(d.reason),
            )
        return t

    columns = list(rows[0]) if rows else [f.name for f in dataclasses.fields(Decision)]
    if fmt == "csv" and "detail" not in columns:
        columns.append("detail")
    print_rows(fmt, columns, rows, table)


# --- approval and versions ---------------------------------------------------------------------


@app.command("approve")
def approve_cmd(
    ctx: typer.Context,
    label: str = typer.Option(..., "--label", help="The version's label, e.g. 2026."),
    as_of: str | None = typer.Option(None, "--as-of", help="Audit date for the check (default: today)."),
    title: str | None = typer.Option(
        None, "--title", help="The title the version is published under (default: <catalogue> 行政许可事项目录)."
    ),
) -> None:
    """Freeze the draft as an approved version, whole (items, columns, title, removed charges); refused
    (exit 1) while anything blocks it."""
    from .audit import parse_date
    from .versions import approve

    s = settings(ctx)
    ref = load_ref(s)
    with open_store(s) as store:
        v = approve(
            store,
            store.catalog(s.catalog),
            label,
            reviewer=s.reviewer,
            reference=ref,
            as_of=parse_date(as_of),
            lang=s.lang,
            title=title,
        )
    out.print(literal(tr("approved", label=v.label, items=v.items, hash=v.hash)))


@app.command("report")
def report_cmd(
    ctx: typer.Context,
    version: str | None = typer.Option(None, "--version", help="Approved version (default: the latest, or the draft)."),
    fmt: str = format_option("report", "md"),
    output_: str | None = typer.Option(None, "-o", "--output", help="Output file; - or none: stdout."),
) -> None:
    """The cleanup's figures by department and category, with a summary paragraph (HTML: with SVG charts)."""
    from .exporting import write_report
    from .messages import say

    s = settings(ctx)
    with open_store(s) as store:
        write_report(store, store.catalog(s.catalog), fmt=fmt, version=version, target=output_, lang=s.lang)
    if output_ not in (None, "-"):
        err.print(literal(say("report-written", s.lang, target=output_)))


@app.command("versions")
def versions_cmd(ctx: typer.Context, fmt: str = row_format_option()) -> None:
    """The approved versions of the catalogue."""
    s = settings(ctx)
    with open_store(s, read=True) as store:
        cat = store.catalog(s.catalog)
        vs = store.versions(cat.id)
    columns = ["label", "at", "reviewer", "items", "hash", "prev_hash"]
    rows = [{k: getattr(v, k) for k in columns} for v in vs]

    def table() -> Table:
        t = Table(*headers_of("label", "approved-at", "by", "items"), "sha256")
        for v in vs:
            t.add_row(literal(v.label), v.at[:19], literal(v.reviewer), str(v.items), v.hash[:16] + "…")
        return t

    print_rows(fmt, columns, rows, table)


@app.command("verify")
def verify_cmd(ctx: typer.Context) -> None:
    """Check the database file, the decision log's hash chain and every approved version; exit 1 naming
    the first log entry and each version that no longer match."""
    from .versions import verify

    s = settings(ctx)
    with open_store(s, read=True) as store:
        results = verify(store, store.catalog(s.catalog))
    for r in results:
        label = tr("verify-" + r.label) if r.label in ("database", "log") else r.label
        problem = f": {r.problem}" if r.problem else ""
        out.print(literal(f"{tr('verify-ok' if r.ok else 'verify-bad')} {label}{problem}"), soft_wrap=True)
    if not [r for r in results if r.label not in ("database", "log")]:
        out.print(tr("no-versions"))
    raise typer.Exit(0 if all(r.ok for r in results) else 1)


@app.command("diff")
def diff_cmd(
    ctx: typer.Context,
    a: str = typer.Argument(..., help="A file, CATALOG (its draft) or CATALOG@LABEL."),
    b: str = typer.Argument(..., help="A file, CATALOG (its draft) or CATALOG@LABEL."),
    fmt: str = format_option("diff", "text"),
    output_: str | None = output_option("Write to this file."),
    encoding: str | None = typer.Option(None, "--encoding", help="Encoding of CSV sides."),
    sheet: str | None = typer.Option(None, "--sheet", help="Worksheet of XLSX sides."),
    map_: list[str] = typer.Option([], "--map", help="Read another header as a field: --map code=item_code."),
    key: str | None = typer.Option(None, "--key", help="Key the rows of files by COLUMN[,COLUMN], not the code."),
    raw: bool = typer.Option(False, "--raw", help="Against a version, the draft as imported, not as it would publish."),
) -> None:
    """Compare two catalogues by item code, field by field; exit 1 when they differ or rows were left out.

    Against an approved version, a draft is compared as it would publish now (abolished and merged items
    and the fees flagged for removal left out); --raw compares the draft as imported."""
    from .diff import diff, key_columns, resolve_side
    from .formats import DiffJob, writer

    s = settings(ctx)
    write = writer(fmt, "diff")
    stores = []

    def factory():
        if not stores:
            stores.append(open_store(s, read=True))
        return stores[0]

    try:
        options = {"encoding": encoding, "sheet": sheet, "aliases": _parse_maps(map_)}
        cols = key_columns(key)
        sa, sb = resolve_side(a, factory, options, cols), resolve_side(b, factory, options, cols)
        if not raw and {sa.kind, sb.kind} == {"draft", "version"}:
            sa.published = sb.published = True  # only the draft side reads it
        r = diff(sa, sb)
    finally:
        for st in stores:
            st.close()
    if r.problems:
        print_problems(r.problems, s.lang)
        rows = len({(p.file, p.row) for p in r.problems})
        err.print(Text(message("rows-left-out", s.lang, n=rows)), style="yellow")
    write(DiffJob(r, output_, console=out))
    raise typer.Exit(1 if r.differ or r.problems else 0)


@app.command("review")
def review_cmd(
    ctx: typer.Context,
    files: list[Path] = typer.Argument(None, help="Import these files first (e.g. the shipped sample)."),
    as_of: str | None = typer.Option(None, "--as-of", help="Audit date (default: today)."),
) -> None:
    """Open the terminal interface on the catalogue (importing FILE first, when given)."""
    from .audit import audit_draft, parse_date
    from .importing import import_files

    s = settings(ctx)
    day = parse_date(as_of)
    ref = load_ref(s)
    with open_store(s, create=True) as store:
        if files:
            r = import_files(store, files, catalog=s.catalog, reviewer=s.reviewer)
            s.catalog = r.catalog
        cat = store.catalog(s.catalog)
        if files or store.audited(cat.id) is None:
            audit_draft(store, cat, ref, day, lang=s.lang)
        catalog = cat.name
    from .tui.app import ReviewApp

    ReviewApp(db=s.db, catalog=catalog, reference=ref, reviewer=s.reviewer, as_of=day, lang=s.lang).run()


def click_group():
    """The command line as click sees it: the manual's command reference is generated from it."""
    return typer.main.get_command(app)


def main() -> None:
    """The command line; its --help in the language of --lang / ITEMCLEAN_LANG (Chinese by default)."""
    # what start-up made (modules, classes, the command table) lives as long as the command: the collector
    # of reference cycles need not scan it again on each of its passes, nor once more at exit
    gc.freeze()
    command_line(sys.argv[1:])(prog_name="itemclean")


def command_line(args: list[str]):
    """The command line for these arguments, its help in the language they ask for."""
    group = click_group()
    if _language_asked(args) == "zh":
        in_chinese(group)
    return group


def _language_asked(args: list[str]) -> str:
    """The language of `--lang X` / `--lang=X` among the arguments, else ITEMCLEAN_LANG's, else zh."""
    for i, a in enumerate(args):
        if a == "--lang" and i + 1 < len(args):
            return language(args[i + 1])
        if a.startswith("--lang="):
            return language(a.split("=", 1)[1])
    return language(None)
