"""The audit rules of RULES.md, one small registered unit each (see registry.py)."""

from . import basis, fees, limits, materials, scope  # noqa: F401  (registers the rules, in RULES.md order)
from .registry import REGISTRY, Context, Finding, Hit, Rule, rule

__all__ = ["REGISTRY", "Context", "Finding", "Hit", "Rule", "rule"]
