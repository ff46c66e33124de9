"""The audit rules of RULES.md, one small registered unit each (see registry.py).

The modules are imported in the order of RULES.md's tables (legal basis, materials, fees, time limits,
responsibility and scope): that order is the registry's, and findings of one item follow it.
"""

# ruff: noqa: I001  (the import order is the rule order)
from . import basis  # noqa: F401  (each import registers its rules)
from . import materials  # noqa: F401
from . import fees  # noqa: F401
from . import limits  # noqa: F401
from . import scope  # noqa: F401
from .policy import SCHEMA, load_reference
from .registry import REGISTRY, Context, Finding, Hit, Param, Rule, rule

__all__ = ["REGISTRY", "SCHEMA", "Context", "Finding", "Hit", "Param", "Rule", "load_reference", "rule"]
