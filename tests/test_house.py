"""The house's rules that a linter cannot see: imports stand at the top of a module, so the import graph
(checked by import-linter's layers contract in pyproject.toml) is the whole graph."""

from __future__ import annotations

import ast
from pathlib import Path

import itemclean

PACKAGE = Path(itemclean.__file__).parent
# cli.py imports each command's modules when the command runs: `itemclean --help` stays fast. So do the
# format modules, which the command line loads at start-up for its --format choices (itemclean/formats).
LAZY_MODULES = {"cli.py"} | {f"formats/{p.name}" for p in (PACKAGE / "formats").glob("*.py") if p.name != "__init__.py"}
# Heavy third-party libraries loaded where they are needed, for start-up speed: a workbook library and
# a pinyin dictionary that most commands never touch (each takes about half a second to import).
LAZY_LIBRARIES = {"openpyxl", "pypinyin", "sqlite_utils"}
LAZY_OWN = {("store/browse.py", "pinyin")}  # the pinyin sort key, which loads pypinyin


def function_imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for fn in ast.walk(tree):
        if not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for node in ast.walk(fn):
            if isinstance(node, ast.Import):
                found += [(node.lineno, a.name) for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                found.append((node.lineno, "." * node.level + (node.module or "")))
    return found


def test_no_import_inside_a_function():
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        if rel in LAZY_MODULES:
            continue
        for line, name in function_imports(path):
            top = name.lstrip(".").split(".")[0]
            if top in LAZY_LIBRARIES or (rel, top) in LAZY_OWN:
                continue
            offenders.append(f"itemclean/{rel}:{line}: {name}")
    assert offenders == []


UI_LIBRARIES = {"typer", "textual"}


def test_only_the_command_line_and_the_review_screen_import_typer_or_textual():
    """The library underneath stays free of the user interfaces: scripts and the two front ends share it."""
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        if rel == "cli.py" or rel.startswith("tui/"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            offenders += [f"{rel}:{node.lineno} {n}" for n in names if n.split(".")[0] in UI_LIBRARIES]
    assert offenders == []
