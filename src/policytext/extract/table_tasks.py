"""Placeholder: being written."""

from __future__ import annotations

from collections.abc import Iterator

from ..types import Document, RawDocument


def extract_table_tasks(raw: RawDocument, doc: Document) -> Iterator:
    return iter(())
