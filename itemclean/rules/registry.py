"""Rules register themselves here by id; the audit runs whatever is registered and enabled.

A rule is one unit: its `@rule(...)` line gives its id, default severity and field, what it says and
suggests in both languages, and its policy.toml parameters (`Param`: default, check, description);
`@explain(...)` under it gives its page of the manual, whose English text is also the function's
docstring (one source: a rule function carries no docstring of its own). With its case file
tests/rules/<id>.toml, that is all a new rule needs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from dataclasses import field as dc_field
from functools import cached_property
from types import MappingProxyType
from typing import Any, NamedTuple

from ..messages import language
from ..model import Finding, Item
from ..reference import Reference


class Hit(NamedTuple):
    """What a rule found; the audit turns it into a Finding with the message of the message table. (A named
    tuple: a large audit makes one for each of its findings.)"""

    entry: str = ""
    field: str | None = None
    fields: Mapping[str, Any] = MappingProxyType({})


@dataclass
class Context:
    reference: Reference
    as_of: dt.date
    lang: str = "zh"

    def param(self, rule: Rule, key: str) -> Any:
        p = self.reference.policy.get(rule.id)
        if p is not None and key in p.params:
            return p.params[key]
        return rule.params[key].default

    def prepared(self, rule: Rule, key: str, prepare: Callable[[Any], Any]) -> Any:
        """prepare(the parameter), made once for all the items a context audits: a pattern, a threshold."""
        made = self._prepared.get((rule.id, key))
        if made is None:
            made = self._prepared[rule.id, key] = prepare(self.param(rule, key))
        return made

    @cached_property
    def _prepared(self) -> dict[tuple[str, str], Any]:
        return {}


@dataclass(frozen=True)
class Param:
    """A setting of one rule in policy.toml: its default, what a value must pass, and what it must be."""

    default: Any
    check: Callable[[Any], bool]
    description: str  # what a value must be, for policy.toml's errors: "a number from 0 to 1"
    convert: Callable[[Any], Any] = lambda v: v  # the value as the rule uses it


ItemCheck = Callable[[Item, Context, "Rule"], Iterable[Hit]]
CatalogueCheck = Callable[[list[tuple[str, str]], Context, "Rule"], Iterable[tuple[str, Hit]]]


@dataclass(frozen=True)
class Doc:
    """A rule's page in the manual (docs/*/rules.md), in one language."""

    fires: str  # what fires it, in the reader's words
    why: str  # why the law wants it
    answer: str  # how to answer it: fix, abolish, remove the charge, override with a reason


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str
    field: str
    check: Callable[..., Iterable[Any]]
    # "item": sees one item; "catalogue": sees (code, normalised name), in catalogue order, of the items that
    # share their normalised name with another (all of them, or the groups an incremental audit redoes)
    scope: str = "item"
    params: dict[str, Param] = dc_field(default_factory=dict)
    doc: dict[str, Doc] = dc_field(default_factory=dict)  # language → page; see `explain`
    texts: dict[str, tuple[str, str]] = dc_field(default_factory=dict)  # language → (message template, suggestion)
    abolish: bool = False  # the finding is answered by abolishing the item: the abolish dialog offers its message

    @property
    def docstring(self) -> str:
        """The English explanation, as `@explain` wrote it into the function's docstring."""
        return self.check.__doc__ or ""

    def finding(self, code: str, hit: Hit, severity: str, lang: str) -> Finding:
        _, _, _, field, entry, message, suggestion = self.stored(code, hit, severity, lang)
        return Finding(
            code=code,
            rule=self.id,
            severity=severity,
            field=field,
            message=message,
            suggestion=suggestion,
            entry=entry,
        )

    def stored(self, code: str, hit: Hit, severity: str, lang: str) -> tuple[str, str, str, str, str, str, str]:
        """The finding of a hit as the findings table holds it: (code, rule, severity, field, entry,
        message, suggestion); a large audit stores these without making a Finding of each."""
        template, suggestion = self.texts[language(lang)]
        return code, self.id, severity, hit.field or self.field, hit.entry, filled(template, hit), suggestion


def filled(template: str, hit: Hit) -> str:
    """A rule's message template filled with a hit's entry and fields."""
    return template.format_map({"entry": hit.entry, **hit.fields})


REGISTRY: dict[str, Rule] = {}


def rule(
    id: str,
    severity: str,
    field: str,
    *,
    zh: tuple[str, str],
    en: tuple[str, str],
    scope: str = "item",
    abolish: bool = False,
    **params: Param,
):
    """Register a check under its RULES.md id: default severity, field, (message template, suggestion) in
    Chinese and English, whether abolishing the item answers it, and its policy.toml parameters."""

    def register(fn: Callable[..., Iterable[Any]]) -> Callable[..., Iterable[Any]]:
        if id in REGISTRY:
            raise ValueError(f"rule {id} registered twice")
        doc = getattr(fn, "rule_doc", {})
        REGISTRY[id] = Rule(
            id=id,
            severity=severity,
            field=field,
            check=fn,
            scope=scope,
            params=params,
            doc=doc,
            texts={"zh": zh, "en": en},
            abolish=abolish,
        )
        return fn

    return register


def docstring(doc: Doc) -> str:
    """A rule function's docstring: its page in English, one paragraph for each part."""
    return "\n\n".join((doc.fires, f"Why: {doc.why}", f"Answer: {doc.answer}"))


def explain(*, zh: Doc, en: Doc):
    """The rule's page in the manual, written under its `@rule(...)` line; the manual is generated from it,
    and its English text becomes the function's docstring."""

    def attach(fn: Callable[..., Iterable[Any]]) -> Callable[..., Iterable[Any]]:
        if fn.__doc__:
            raise ValueError(f"{fn.__name__}: a rule's docstring is its @explain(en=...) text; write it there")
        fn.__doc__ = docstring(en)
        fn.rule_doc = {"zh": zh, "en": en}  # type: ignore[attr-defined]
        for rid, r in REGISTRY.items():  # written above `@rule(...)`, it comes after the registration
            if r.check is fn:
                REGISTRY[rid] = replace(r, doc=fn.rule_doc)
        return fn

    return attach
