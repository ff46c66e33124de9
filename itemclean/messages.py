"""The messages of the command line, the review screen and the outputs, in Chinese and English (each rule's own
texts are on its `@rule` line).

The texts live in gettext catalogues, `itemclean/locale/<lang>/LC_MESSAGES/itemclean.po`, compiled to
`itemclean.mo` by `python -m itemclean.docs`. Each msgid is a symbolic key; the command line's messages
(`t`) have no msgctxt, the other tables name theirs: round (`say`), text (`text`), tui (`word`), action
(`action_name`), status, level, severity, reference-check and some-of. A catalogue is read once per language,
when first asked for. A key that the catalogue does not hold raises KeyError rather than showing the key.
"""

from __future__ import annotations

import gettext
import os
from functools import cache

DOMAIN = "itemclean"
LOCALE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "locale")


class Missing(gettext.NullTranslations):
    """The last fallback of a catalogue: a key it does not hold is an error, not a message."""

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang

    def gettext(self, message: str) -> str:
        raise KeyError(f"no message {message!r} in the {self.lang} catalogue")

    def pgettext(self, context: str, message: str) -> str:
        raise KeyError(f"no message {message!r} of {context!r} in the {self.lang} catalogue")


def mo_path(lang: str) -> str:
    return os.path.join(LOCALE, lang, "LC_MESSAGES", DOMAIN + ".mo")


@cache
def catalogue(lang: str) -> gettext.GNUTranslations:
    """The compiled catalogue of a language (zh or en), read once."""
    with open(mo_path(lang), "rb") as fh:
        translations = gettext.GNUTranslations(fh)
    translations.add_fallback(Missing(lang))
    return translations


def language(lang: str | None = None) -> str:
    lang = (lang or os.environ.get("ITEMCLEAN_LANG") or "zh").lower()
    return "en" if lang.startswith("en") else "zh"


# The language of this process when a call names none: set once by the command line from --lang / ITEMCLEAN_LANG.
CURRENT: list[str | None] = [None]


def set_language(lang: str | None) -> None:
    CURRENT[0] = language(lang) if lang else None


def current_language() -> str:
    return language(CURRENT[0])


def t(key: str, lang: str | None = None, /, **fields: object) -> str:
    """Every other user-visible word (command-line output and errors, the workflow's refusals, report headers,
    the Markdown diff, the review screen) in the language asked for, or the process's."""
    return catalogue(language(lang or CURRENT[0])).gettext(key).format(**fields)


def template(key: str, lang: str | None = None) -> str:
    """A message with its {fields} left for someone else to fill in (click's words)."""
    return catalogue(language(lang or CURRENT[0])).gettext(key)


def has(key: str, lang: str | None = None) -> bool:
    """Whether the catalogue holds a message for the key (the review screen's optional footer words)."""
    try:
        catalogue(language(lang or CURRENT[0])).gettext(key)
    except KeyError:
        return False
    return True


def text(key: str, lang: str | None = None, **fields: object) -> str:
    """Words of the command line's own reports (not of a rule)."""
    return catalogue(language(lang)).pgettext("text", key).format(**fields)


def word(key: str, lang: str | None = None, **fields: object) -> str:
    """A word of the review screen (a heading, a label, a short phrase) in the language asked for."""
    text = catalogue(language(lang)).pgettext("tui", key)
    return text.format(**fields) if fields else text


def say(key: str, lang: str | None = None, **fields: object) -> str:
    """A text of the department round (feedback sheets, results list, cleanup report) in the language asked for."""
    return catalogue(language(lang)).pgettext("round", key).format(**fields)


def action_name(action: str | None, lang: str | None = None) -> str:
    """A log action in words, for people (the log's JSON and CSV keep the codes); an action the catalogue does
    not name stays its code."""
    try:
        return catalogue(language(lang)).pgettext("action", action or "")
    except KeyError:
        return action or ""


def some_of(shown: list[str], count: int, lang: str) -> str:
    """The entries shown, and how many there are in all when that is more: `A、B 等 41 项`."""
    words = catalogue(language(lang))
    form = words.pgettext("some-of", "all" if count <= len(shown) else "some")
    return form.format(shown=words.pgettext("some-of", "separator").join(shown), count=count, more=count - len(shown))


class Words:
    """One small table of the catalogue in one language, read as its callers read a dict: words[key] (KeyError
    when the catalogue has no such key) and words.get(key, default)."""

    def __init__(self, context: str, lang: str, none: str | None) -> None:
        self.context, self.lang, self.none = context, lang, none  # none: the msgid of the key None

    def __getitem__(self, key: str | None) -> str:
        msgid = self.none if key is None else key
        if msgid is None:
            raise KeyError(key)
        return catalogue(self.lang).pgettext(self.context, msgid)

    def get(self, key: str | None, default: str | None = None) -> str | None:
        try:
            return self[key]
        except KeyError:
            return default


class ByLanguage:
    """A small table of the catalogue read as language → words: table[lang][key]."""

    def __init__(self, context: str, none: str | None = None) -> None:
        self.context, self.none = context, none

    def __getitem__(self, lang: str) -> Words:
        return Words(self.context, language(lang), self.none)


LEVEL_NAMES = ByLanguage("level", none="unknown")  # by reference.LEVELS, and None for a level not known
SEVERITY_NAMES = ByLanguage("severity")  # by reference.SEVERITIES
STATUS_NAMES = ByLanguage("status")  # by states' status labels, as the review screen shows them
REFERENCE_CHECK = ByLanguage("reference-check")  # `itemclean reference check`: what a reference directory holds
