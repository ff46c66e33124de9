"""Where the shipped reference directory and samples live."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def default_reference() -> Path:
    env = os.environ.get("ITEMCLEAN_REFERENCE")
    return Path(env) if env else ROOT / "catalogs"


def sample_catalogue() -> Path:
    return ROOT / "catalogs" / "samples" / "linchuan-county.csv"
