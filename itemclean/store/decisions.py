"""Decisions of a catalogue."""

from __future__ import annotations


class DecisionsMixin:
    pass
