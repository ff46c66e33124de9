"""click's and Typer's own words — `Usage:`, `Options`, `[default: …]`, `Error: No such option` — in the
language of the run, from the message table.

click and Typer look each of their words up when they write it, through `gettext`, bound at import as `_`
and `ngettext` in each of their modules: `speak_click()` binds those names to a lookup in the message catalogues
instead (the keys `click-…`; the English text is click's own, word for word). A word click has and the table
lacks stays as click writes it: tests/test_cli_words.py fails on any English left in the Chinese help and
errors. The command line passes Typer's module in too, and leaves Typer's own English "Did you mean" to
click's (`cli.SuggestingGroup`); this module knows click alone, so that the core stays free of Typer.
"""

from __future__ import annotations

import click
import click.core
import click.decorators
import click.exceptions
import click.formatting
import click.parser
import click.termui
import click.types

from .messages import CURRENT, template

# click's and Typer's English, as they write it → the key of the message table
CLICK_WORDS: dict[str, str] = {
    "Usage:": "click-usage",
    "Options": "click-options",
    "Commands": "click-commands",
    "Arguments": "click-arguments",
    "Positional arguments": "click-positional-arguments",
    "Show this message and exit.": "click-help",
    "default: {default}": "click-default",
    "env var: {var}": "click-env-var",
    "required": "click-required",
    "(dynamic)": "click-dynamic",
    "Error: {message}": "click-error",
    "Try '{command} {option}' for help.": "click-try-help",
    "Missing argument": "click-missing-argument",
    "Missing option": "click-missing-option",
    "Missing parameter": "click-missing-parameter-word",
    "Missing parameter: {param_name}": "click-missing-parameter",
    "Missing command.": "click-missing-command",
    "No such option {name!r}.": "click-no-such-option",
    "No such command {name!r}.": "click-no-such-command",
    "Did you mean {possibility}?": "click-did-you-mean",
    "(Did you mean one of: {possibilities}?)": "click-did-you-mean-one-of",
    "Invalid value for {param_hint}: {message}": "click-invalid-value-for",
    "Invalid value: {message}": "click-invalid-value",
    "Got unexpected extra argument ({args})": "click-extra-argument",
    "Got unexpected extra arguments ({args})": "click-extra-arguments",
    "Option {name!r} does not take a value.": "click-takes-no-value",
    "Option {name!r} requires an argument.": "click-needs-a-value",
    "Option {name!r} requires {nargs} arguments.": "click-needs-values",
    "{value!r} is not {choice}.": "click-not-the-choice",
    "{value!r} is not one of {choices}.": "click-not-a-choice",
    "Choose from:\n\t{choices}": "click-choose-from",
    "Aborted!": "click-aborted",
}


def click_word(msgid: str) -> str:
    """click's `_`: its word in the language of the run (click's own where the table has none, or where no
    language is set: another program's click commands in the same process keep click's words)."""
    key = CLICK_WORDS.get(msgid)
    if key is None or CURRENT[0] is None:
        return msgid
    return template(key)  # click fills it in


def click_words(singular: str, plural: str, n: int) -> str:
    """click's `ngettext`."""
    return click_word(singular if n == 1 else plural)


MODULES = (
    click.core,
    click.decorators,
    click.exceptions,
    click.formatting,
    click.parser,
    click.termui,
    click.types,
)


def speak_click(*more) -> None:
    """Make click, and the modules given that look words up as click does (Typer's), write their words from
    the message table."""
    for module in (*MODULES, *more):
        module._ = click_word  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = click_words  # type: ignore[attr-defined]
