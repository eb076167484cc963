"""Placeholder: being written."""

from __future__ import annotations

from dataclasses import dataclass

from .types import Item, RawDocument


@dataclass(frozen=True)
class Metadata:
    title: str = ""
    unit: str = ""
    year: int | None = None


def extract_metadata(raw: RawDocument, items: list[Item]) -> Metadata:
    return Metadata()
