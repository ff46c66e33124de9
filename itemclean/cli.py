"""The command line: a thin Typer layer over the library. Exit 0 ok, 1 found something, 2 bad input."""

from __future__ import annotations

import getpass
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from . import __version__
from .errors import BadInput, Refused
from .normalize import visible

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
                front += args[i:i + 2]
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


app = typer.Typer(cls=Group, add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="Clean up a catalogue of administrative-permit items (行政许可事项清理).")
out = Console(highlight=False, soft_wrap=False)
err = Console(stderr=True, highlight=False)


@dataclass
class Settings:
    db: Path
    reference: Path
    reviewer: str
    catalog: str | None
    lang: str


def default_reference() -> Path:
    return Path(__file__).resolve().parent.parent / "catalogs"


def login_name() -> str:
    try:
        return getpass.getuser()
    except Exception:
        return "unknown"


@app.callback()
def main_options(
    ctx: typer.Context,
    db: Path = typer.Option(Path("itemclean.db"), "--db", envvar="ITEMCLEAN_DB", help="The database file."),
    reference: Optional[Path] = typer.Option(None, "--reference", envvar="ITEMCLEAN_REFERENCE",
                                             help="Reference directory (default: the shipped catalogs/)."),
    reviewer: Optional[str] = typer.Option(None, "--reviewer", envvar="ITEMCLEAN_REVIEWER",
                                           help="Who decides (default: the login name)."),
    catalog: Optional[str] = typer.Option(None, "--catalog", help="Which catalogue of the database."),
    lang: str = typer.Option("zh", "--lang", envvar="ITEMCLEAN_LANG", help="Language of messages: zh or en."),
    version: bool = typer.Option(False, "--version", help="Print the version and exit."),
) -> None:
    if version:
        out.print(f"itemclean {__version__}")
        raise typer.Exit(0)
    if lang not in ("zh", "en"):
        raise typer.BadParameter("--lang takes zh or en")
    ctx.obj = Settings(db=db, reference=reference or default_reference(), reviewer=reviewer or login_name(),
                       catalog=catalog, lang=lang)


def settings(ctx: typer.Context) -> Settings:
    return ctx.obj


def open_store(s: Settings, *, create: bool = False):
    from .store import Store

    return Store(s.db, create=create)


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
    encoding: Optional[str] = typer.Option(None, "--encoding", help="Force the CSV encoding (e.g. gb18030)."),
    sheet: Optional[str] = typer.Option(None, "--sheet", help="XLSX worksheet (default: the first)."),
    prune: bool = typer.Option(False, "--prune", help="Remove draft items absent from the files."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Check and report; write nothing."),
    map_: list[str] = typer.Option([], "--map", help="Read another header as a field: --map code=item_code."),
) -> None:
    """Read catalogue files into the draft, updating items by code; all of the files or none of them."""
    from .importing import import_files

    s = settings(ctx)
    with _progress(files) as progress, open_store(s, create=not dry_run or s.db.exists()) as store:
        r = import_files(store, files, catalog=s.catalog, encoding=encoding, sheet=sheet,
                         aliases=_parse_maps(map_), prune=prune, dry_run=dry_run, reviewer=s.reviewer,
                         progress=progress)
    m = r.summary
    head = "would change" if dry_run else "imported into"
    out.print(Text(f"{head} catalogue {r.catalog!r}: {m.total} items from {len(r.files)} file(s)"))
    out.print(f"  added {len(m.added)}, updated {len(m.updated)}, unchanged {m.unchanged}"
              + (f", removed {len(m.removed)}" if prune else ""))
    for label, codes in (("added", m.added), ("updated", m.updated), ("removed", m.removed)):
        if codes and (dry_run or len(codes) <= 20):
            shown = codes[:50]
            more = f" … and {len(codes) - len(shown)} more" if len(codes) > len(shown) else ""
            out.print(literal(f"  {label}: {' '.join(shown)}{more}"))
    if r.sections:
        out.print(literal(f"  skipped {len(r.sections)} section heading(s): {'; '.join(r.sections[:10])}"))
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

        self.bar = Progress(TextColumn("{task.description}"), BarColumn(), DownloadColumn(),
                            TimeRemainingColumn(), console=err, transient=True)
        self.bar.start()
        tasks = {f: self.bar.add_task(f.name, total=sizes.get(f) if f.suffix.lower() != ".xlsx" else None)
                 for f in self.files}
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
    version: Optional[str] = typer.Option(None, "--version", help="Approved version label (default: latest)."),
    draft: bool = typer.Option(False, "--draft", help="Export the working draft, not an approved version."),
    output_: Optional[str] = typer.Option(None, "-o", "--output", help="Output file; - or none: stdout."),
    headers: str = typer.Option("source", "--headers", help="CSV/XLSX headers: source, zh or en."),
    encoding: str = typer.Option("utf-8-sig", "--encoding", help="CSV encoding (default UTF-8 with BOM)."),
) -> None:
    """Write a catalogue (the latest approved version, or the draft), or one of its reports."""
    from .exporting import export

    s = settings(ctx)
    with open_store(s) as store:
        n = export(store, s.catalog, fmt=fmt, what=what, version=version, draft=draft, target=output_,
                   headers=headers, encoding=encoding, lang=s.lang, reference=s.reference)
    if output_ not in (None, "-"):
        err.print(Text(f"wrote {n} rows to {output_}"))


# --- catalogs, show ----------------------------------------------------------------------------

@app.command("catalogs")
def catalogs_cmd(ctx: typer.Context) -> None:
    """List the catalogues of the database."""
    s = settings(ctx)
    with open_store(s) as store:
        t = Table("catalogue", "items", "departments", "versions", "created", title=str(s.db))
        for c in store.catalogs():
            st = store.stats(c.id)
            t.add_row(literal(c.name), str(st["items"]), str(st["departments"]), str(st["versions"]),
                      c.created_at[:19])
    out.print(t)


@app.command("show")
def show_cmd(ctx: typer.Context, code: str = typer.Argument(..., help="Item code.")) -> None:
    """Show one item of the draft, field by field."""
    from .model import HEADERS

    s = settings(ctx)
    with open_store(s) as store:
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
                lines = [lim.text + (f"  ({lim.days} working days)" if lim.known and lim.text != str(lim.days)
                                     else "  (not understood)" if lim.state == "unparsed" else "")]
        t.add_row(names[0], literal("\n".join(lines)))
    for k, v in item.extra.items():
        t.add_row(literal(k), literal(v))
    out.print(t)


def main() -> None:
    app(prog_name="itemclean")
