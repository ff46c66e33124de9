"""Findings of a catalogue."""

from __future__ import annotations


class FindingsMixin:
    pass
