"""Where the shipped reference directory and the sample catalogue live: inside the package, so that an
installed copy (`pip install .`, a wheel) finds them as well as a checkout does."""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

SAMPLE_NAME = "linchuan-county"


def _shipped(name: str) -> Path:
    return Path(str(files("itemclean").joinpath(name)))


def default_reference() -> Path:
    env = os.environ.get("ITEMCLEAN_REFERENCE")
    return Path(env) if env else _shipped("catalogs")


def sample_catalogue(suffix: str = ".csv") -> Path:
    """The shipped sample county catalogue (.csv or .xlsx); `itemclean sample` writes it out."""
    return _shipped("samples") / f"{SAMPLE_NAME}{suffix}"
