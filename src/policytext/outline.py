"""Placeholder: being written."""

from __future__ import annotations

from .types import Item, RawDocument


def parse_outline(raw: RawDocument) -> list[Item]:
    return []
