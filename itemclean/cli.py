"""The command line: a thin Typer layer over the library. Exit 0 ok, 1 found something, 2 bad input."""

from __future__ import annotations

import getpass
import json
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from . import __version__
from .errors import BadInput, Refused
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


class Group(typer.core.TyperGroup):
    def parse_args(self, ctx, args):  # type: ignore[override]
        return super().parse_args(ctx, hoist_globals(list(args)))

    def invoke(self, ctx):  # type: ignore[override]
        """Bad input becomes a message and exit 2, refusal exit 1: never a traceback."""
        try:
            return super().invoke(ctx)
        except BadInput as e:
            err.print(literal(str(e)), style="red")
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
            what = "the database is busy: another itemclean is writing to it; try again when it has finished"
        elif "readonly" in text or "read-only" in text:
            what = "the database is read-only and this command writes to it; copy it to a folder you can write"
        elif "malformed" in text or "not a database" in text or "corrupt" in text:
            what = f"the database is damaged ({text}); restore it from a copy"
        elif "disk is full" in text or "disk I/O" in text:
            what = f"cannot write the database ({text}); free some space and run the command again"
        else:
            what = f"database error ({text})"
        return f"{db}: {what}"
    if isinstance(e, OSError):
        where = e.filename if e.filename is not None else db
        return f"{where}: {e.strerror or e}"
    if isinstance(e, RecursionError):
        return "the input is nested too deeply to read"
    return "out of memory; split the input into smaller files"


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
        None, "--reference", envvar="ITEMCLEAN_REFERENCE", help="Reference directory (default: the shipped catalogs/)."
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
        raise typer.BadParameter(f"--lang takes zh or en, not {lang!r}")
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


# --- import ------------------------------------------------------------------------------------


def _parse_maps(maps: list[str]) -> dict[str, str]:
    from .model import FIELDS

    out_: dict[str, str] = {}
    for m in maps:
        key, sep, header = m.partition("=")
        if not sep or key.strip() not in FIELDS:
            raise BadInput(f"--map takes FIELD=HEADER with FIELD one of {', '.join(FIELDS)}; got {m!r}")
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
) -> None:
    """Read catalogue files into the draft, updating items by code; all of the files or none of them."""
    from .importing import import_files

    s = settings(ctx)
    if dry_run and not s.db.exists():  # nothing to compare with, and nothing may be written
        import tempfile

        with tempfile.TemporaryDirectory() as tmp, _progress(files) as progress:
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
    with _progress(files) as progress, open_store(s, create=not dry_run) as store:
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


def _report_import(r, dry_run: bool, prune: bool) -> None:
    m = r.summary
    head = "would change" if dry_run else "imported into"
    out.print(Text(f"{head} catalogue {r.catalog!r}: {m.total} items from {len(r.files)} file(s)"), soft_wrap=True)
    out.print(
        f"  added {m.added}, updated {m.updated}, unchanged {m.unchanged}" + (f", removed {m.removed}" if prune else "")
    )
    for label, count in (("added", m.added), ("updated", m.updated), ("removed", m.removed)):
        shown = m.codes.get(label, [])
        if shown and (dry_run or count <= 20):
            more = f" … and {count - len(shown)} more" if count > len(shown) else ""
            out.print(literal(f"  {label}: {' '.join(shown)}{more}"), soft_wrap=True)
    if r.sections:
        headings = "; ".join(r.sections[:10])
        out.print(literal(f"  skipped {len(r.sections)} section heading(s): {headings}"), soft_wrap=True)
    if r.blank_rows:
        out.print(f"  skipped {r.blank_rows} blank row(s)")


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
    fmt: str = typer.Option("csv", "--format", "-f", help="csv, json, jsonl, xlsx, md or html."),
    what: str = typer.Option("catalogue", "--what", help="catalogue, removed-fees, findings or decisions."),
    version: str | None = typer.Option(None, "--version", help="Approved version label (default: latest)."),
    draft: bool = typer.Option(False, "--draft", help="Export the working draft, not an approved version."),
    output_: str | None = output_option("Output file; - or none: stdout."),
    headers: str = typer.Option("source", "--headers", help="CSV/XLSX headers: source, zh or en."),
    encoding: str = typer.Option("utf-8-sig", "--encoding", help="CSV encoding (default UTF-8 with BOM)."),
    title: str | None = typer.Option(None, "--title", help="Title of the HTML or Markdown publication."),
    guard: bool = typer.Option(
        True,
        "--guard-formulas/--no-guard-formulas",
        help="CSV: write a ' before cells starting with = + - @ so that a spreadsheet shows them as text "
        "(default; import takes the ' off again).",
    ),
) -> None:
    """Write a catalogue (the latest approved version, or the draft), or one of its reports."""
    from .exporting import export

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
            guard=guard,
        )
    if output_ not in (None, "-"):
        err.print(Text(f"wrote {n} rows to {output_}"))


# --- catalogs, show ----------------------------------------------------------------------------


@app.command("catalogs")
def catalogs_cmd(ctx: typer.Context) -> None:
    """List the catalogues of the database."""
    s = settings(ctx)
    with open_store(s, read=True) as store:
        t = Table("catalogue", "items", "departments", "versions", "created", title=str(s.db))
        for c in store.catalogs():
            st = store.stats(c.id)
            t.add_row(literal(c.name), str(st["items"]), str(st["departments"]), str(st["versions"]), c.created_at[:19])
    out.print(t)


@app.command("show")
def show_cmd(ctx: typer.Context, code: str = typer.Argument(..., help="Item code.")) -> None:
    """Show one item of the draft, field by field."""
    from .model import HEADERS

    s = settings(ctx)
    with open_store(s, read=True) as store:
        cat = store.catalog(s.catalog)
        item = store.get_item(cat.id, code)
        if item is None:
            raise BadInput(f"{cat.name}: no item with code {code!r}")
    t = Table(show_header=False, box=None, padding=(0, 1))
    t.add_column(style="bold", no_wrap=True)
    t.add_column(overflow="fold")
    for key, names in HEADERS.items():
        v = item.value(key)
        if key == "basis":
            lines = [f"{c.text}" + ("" if c.instrument else "  (no 《》)") for c in item.basis]
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
                        f"  ({lim.days} working days)"
                        if lim.known and lim.text != str(lim.days)
                        else "  (not understood)"
                        if lim.state == "unparsed"
                        else ""
                    )
                ]
        t.add_row(names[0], literal("\n".join(lines)))
    for k, v in item.extra.items():
        t.add_row(literal(k), literal(v))
    out.print(t)


# --- audit -------------------------------------------------------------------------------------


def load_ref(s: Settings):
    from .reference import load_reference

    return load_reference(s.reference)


@app.command("audit")
def audit_cmd(
    ctx: typer.Context,
    file: Path | None = typer.Argument(None, help="Audit this file directly (no database is touched)."),
    as_of: str | None = typer.Option(None, "--as-of", help="Audit date YYYY-MM-DD (default: today)."),
    fmt: str = typer.Option("text", "--format", "-f", help="text, json or sarif."),
    rule: list[str] = typer.Option([], "--rule", help="Run only this rule (repeatable)."),
    output_: str | None = output_option("Write to this file instead of stdout."),
    encoding: str | None = typer.Option(None, "--encoding", help="Encoding of FILE (CSV)."),
    sheet: str | None = typer.Option(None, "--sheet", help="Worksheet of FILE (XLSX)."),
    map_: list[str] = typer.Option([], "--map", help="Read another header of FILE as a field."),
) -> None:
    """Run the rules of RULES.md on the draft, or on FILE. Exit 1 when unresolved errors remain."""
    from .audit import audit_draft, audit_file, parse_date
    from .audit_output import audit_sarif, audit_text, write_audit_json
    from .writers import output

    s = settings(ctx)
    if fmt not in ("text", "json", "sarif"):
        raise BadInput(f"--format takes text, json or sarif; got {fmt!r}")
    day = parse_date(as_of)
    ref = load_ref(s)
    only = [r for x in rule for r in x.split(",") if r] or None
    if file is not None:
        report = audit_file(
            file, ref, day, lang=s.lang, only=only, encoding=encoding, sheet=sheet, aliases=_parse_maps(map_)
        )
    else:
        with open_store(s, read=True) as store:  # on a read-only database the findings are not saved
            cat = store.catalog(s.catalog)
            report = audit_draft(store, cat, ref, day, lang=s.lang, only=only, save=not store.read_only)
    if fmt == "text":
        if output_ in (None, "-"):
            audit_text(report, out, s.lang)
        else:
            with output(output_) as f:
                audit_text(report, Console(file=f, width=160, no_color=True), s.lang)
    else:
        with output(output_) as f:
            if fmt == "json":
                write_audit_json(report, f)
            else:
                f.write(json.dumps(audit_sarif(report), ensure_ascii=False, indent=1) + "\n")
    raise typer.Exit(1 if report.unresolved_errors else 0)


@app.command("rules")
def rules_cmd(ctx: typer.Context) -> None:
    """List the audit rules with their severity under the policy in force."""
    from .audit import selected_rules
    from .messages import RULES, language
    from .rules import REGISTRY

    s = settings(ctx)
    ref = load_ref(s)
    on = {r.id: sev for r, sev in selected_rules(ref)}
    t = Table("rule", "severity", "enabled", "suggestion")
    t.columns[0].no_wrap = True
    for rid, r in REGISTRY.items():
        t.add_row(rid, on.get(rid, r.severity), "yes" if rid in on else "no", RULES[rid][language(s.lang)][1])
    out.print(t)


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
    all_undecided: bool = typer.Option(False, "--all-undecided", help="Apply to every undecided item."),
) -> None:
    """Record decisions in the append-only log (undo appends a reversing entry)."""
    from . import review

    s = settings(ctx)
    with open_store(s) as store:
        cat = store.catalog(s.catalog)
        if from_ is not None:
            n = review.decide_from_file(store, cat, from_, reviewer=s.reviewer)
            out.print(f"recorded {n} decision(s) from {from_}")
            return
        codes = list(codes or [])
        if all_undecided:
            st = review.states(store, cat.id)
            codes += [c for c in store.codes(cat.id) if not st.get(c, review.ItemState()).decided]
        if not codes:
            raise BadInput("name the item codes (or --from FILE, or --all-undecided)")
        actions = [
            a
            for a, on in (("keep", keep), ("abolish", abolish), ("amend", amend), ("merge", merge_into is not None))
            if on
        ]
        if len(actions) > 1:
            raise BadInput("choose one of --keep, --abolish, --amend, --merge-into")
        if not actions and not (remove_fee or keep_fee or override_ or undo_):
            raise BadInput(
                "nothing to decide: give --keep, --abolish, --amend, --merge-into, --remove-fee, "
                "--keep-fee, --override or --undo"
            )
        n = 0
        with store.write():
            if undo_:
                for code in codes:
                    d = review.undo(store, cat, code, reviewer=s.reviewer, reason=reason)
                    out.print(literal(f"{code}: undid {d.action} #{d.id}"))
                    n += 1
            if actions:
                n += len(
                    review.decide(store, cat, codes, actions[0], reviewer=s.reviewer, reason=reason, target=merge_into)
                )
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
    out.print(literal(f"recorded {n} decision(s) by {s.reviewer}"))


@app.command("edit")
def edit_cmd(
    ctx: typer.Context,
    code: str = typer.Argument(..., help="Item code."),
    set_: list[str] = typer.Option(..., "--set", help="FIELD=VALUE in FORMAT.md syntax (repeatable)."),
    reason: str = typer.Option("", "--reason", help="Why the item is amended."),
) -> None:
    """Amend an item's fields in the draft; each change is logged with old and new value, then re-audited."""
    from . import review

    s = settings(ctx)
    changes: dict[str, str] = {}
    for x in set_:
        key, sep, value = x.partition("=")
        if not sep:
            raise BadInput(f"--set takes FIELD=VALUE; got {x!r}")
        changes[key.strip()] = value.replace("\\n", "\n")
    ref = load_ref(s)
    with open_store(s) as store:
        cat = store.catalog(s.catalog)
        review.edit(store, cat, code, changes, reviewer=s.reviewer, reason=reason, reference=ref)
        found = store.findings_of(cat.id, code)
    out.print(literal(f"{code}: amended {', '.join(changes)}; {len(found)} finding(s) now"))


@app.command("log")
def log_cmd(
    ctx: typer.Context,
    code: str | None = typer.Argument(None, help="Only this item."),
    fmt: str = typer.Option("text", "--format", "-f", help="text or json."),
) -> None:
    """The decision history: who decided what, when and why."""

    s = settings(ctx)
    with open_store(s, read=True) as store:
        cat = store.catalog(s.catalog)
        ds = store.decisions(cat.id, code)
    if fmt == "json":
        sys.stdout.write(json.dumps([d.__dict__ for d in ds], ensure_ascii=False, indent=1) + "\n")
        return
    t = Table("#", "at", "reviewer", "code", "action", "detail", "reason")
    for d in ds:
        t.add_row(
            str(d.id), d.at[:19], literal(d.reviewer), literal(d.code), d.action, literal(d.detail), literal(d.reason)
        )
    out.print(t)


# --- approval and versions ---------------------------------------------------------------------


@app.command("approve")
def approve_cmd(
    ctx: typer.Context,
    label: str = typer.Option(..., "--label", help="The version's label, e.g. 2026."),
    as_of: str | None = typer.Option(None, "--as-of", help="Audit date for the check (default: today)."),
) -> None:
    """Freeze the draft as an approved version; refused (exit 1) while anything blocks it."""
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
        )
    out.print(literal(f"approved {v.label}: {v.items} items, sha256 {v.hash}"))


@app.command("versions")
def versions_cmd(ctx: typer.Context) -> None:
    """The approved versions of the catalogue."""
    s = settings(ctx)
    with open_store(s, read=True) as store:
        cat = store.catalog(s.catalog)
        t = Table("label", "approved", "by", "items", "sha256")
        for v in store.versions(cat.id):
            t.add_row(literal(v.label), v.at[:19], literal(v.reviewer), str(v.items), v.hash[:16] + "…")
    out.print(t)


@app.command("verify")
def verify_cmd(ctx: typer.Context) -> None:
    """Recompute the hash chain of the approved versions; exit 1 naming any that no longer match."""
    from .versions import verify

    s = settings(ctx)
    with open_store(s, read=True) as store:
        results = verify(store, store.catalog(s.catalog))
    for r in results:
        out.print(literal(f"{'ok ' if r.ok else 'BAD'} {r.label}" + (f": {r.problem}" if r.problem else "")))
    if not results:
        out.print("no approved versions")
    raise typer.Exit(0 if all(r.ok for r in results) else 1)


@app.command("diff")
def diff_cmd(
    ctx: typer.Context,
    a: str = typer.Argument(..., help="A file, CATALOG (its draft) or CATALOG@LABEL."),
    b: str = typer.Argument(..., help="A file, CATALOG (its draft) or CATALOG@LABEL."),
    fmt: str = typer.Option("text", "--format", "-f", help="text, json, md or csv."),
    output_: str | None = output_option("Write to this file."),
    encoding: str | None = typer.Option(None, "--encoding", help="Encoding of CSV sides."),
    sheet: str | None = typer.Option(None, "--sheet", help="Worksheet of XLSX sides."),
    map_: list[str] = typer.Option([], "--map", help="Read another header as a field: --map code=item_code."),
) -> None:
    """Compare two catalogues by item code, field by field; exit 1 when they differ."""
    from .diff import diff, resolve_side
    from .diff_output import diff_csv, diff_md, diff_text, write_diff_json
    from .writers import output

    s = settings(ctx)
    if fmt not in ("text", "json", "md", "csv"):
        raise BadInput(f"--format takes text, json, md or csv; got {fmt!r}")
    stores = []

    def factory():
        if not stores:
            stores.append(open_store(s, read=True))
        return stores[0]

    try:
        options = {"encoding": encoding, "sheet": sheet, "aliases": _parse_maps(map_)}
        r = diff(resolve_side(a, factory, options), resolve_side(b, factory, options))
    finally:
        for st in stores:
            st.close()
    if fmt == "text" and output_ in (None, "-"):
        diff_text(r, out)
    else:
        with output(output_) as f:
            if fmt == "json":
                write_diff_json(r, f)
            elif fmt == "md":
                diff_md(r, f)
            elif fmt == "csv":
                diff_csv(r, f)
            else:
                diff_text(r, Console(file=f, width=160, no_color=True))
    raise typer.Exit(1 if r.differ else 0)


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


def main() -> None:
    app(prog_name="itemclean")
