"""policy.toml checked against the registry: the rule ids, each rule's parameters and their values.

The reference layer reads policy.toml as data and reports where a mistake is; what is a mistake is the
rules' to say, so `load_reference` here gives the registry to the reference loader.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .. import reference
from ..reference import Reference, show_value
from .registry import REGISTRY, Rule


class RegistrySchema:
    """The registry as policy.toml's schema (reference.RuleSchema)."""

    def __init__(self, rules: dict[str, Rule]):
        self.rules = rules

    def unknown_rule(self, rid: str) -> str | None:
        return None if rid in self.rules else f"unknown rule id {rid!r} (see `itemclean rules`)"

    def setting(self, rid: str, key: str, value: Any) -> tuple[Any, str | None]:
        params = self.rules[rid].params
        if key not in params:
            allowed = ["enabled", "severity", *params]
            owner = next((r.id for r in self.rules.values() if key in r.params), None)
            hint = f"; {key} belongs to {owner}" if owner else ""
            return None, f"unknown key {key!r} for rule {rid} (allowed: {', '.join(allowed)}{hint})"
        p = params[key]
        if not p.check(value):
            return None, f"{key} must be {p.description}, not {show_value(value)}"
        return p.convert(value), None


SCHEMA = RegistrySchema(REGISTRY)


def load_reference(directory: Path) -> Reference:
    """Read and check a reference directory, its policy.toml against the registered rules."""
    return reference.load_reference(directory, SCHEMA)
