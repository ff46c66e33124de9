"""Approved versions: immutable snapshots of a draft, each hash chained to the one before."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import BadInput
from ..model import Item

if TYPE_CHECKING:
    from . import Catalog, Store


@dataclass
class CatalogueSource:
    """A set of items to export or diff: a catalogue's draft or one of its approved versions."""

    catalog: str
    label: str | None  # None for the draft
    items: Callable[[], Iterator[Item]]

    @property
    def title(self) -> str:
        return f"{self.catalog}@{self.label}" if self.label else f"{self.catalog} (draft)"


class VersionsMixin:
    def catalogue_source(self: "Store", cat: "Catalog", *, version: str | None = None,
                         draft: bool = False) -> CatalogueSource:
        if draft or version is None:
            return CatalogueSource(cat.name, None, lambda: self.iter_items(cat.id))
        raise BadInput(f"{cat.name}: no approved version {version!r}")
