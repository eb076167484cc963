"""Readable terminal summaries of a processed document and of a table."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .types import Document

if TYPE_CHECKING:
    import pandas as pd


def _clip(s: str, n: int) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


def document_summary(doc: Document, *, width: int = 60) -> str:
    """Title, unit, year, the outline as an indented tree, and counts of each table."""
    lines = [
        f"== {doc.doc}  ({doc.format}, {len(doc.text)} chars)",
        f"title: {doc.title or '-'}    unit: {doc.unit or '-'}    year: {doc.year or '-'}",
        f"{len(doc.items)} items ({len(doc.tasks)} tasks), {len(doc.slogans)} slogans, "
        f"{len(doc.targets)} targets, {len(doc.bodies)} bodies"
        + (f", {len(doc.table_tasks)} table rows" if doc.table_tasks else ""),
    ]
    for it in doc.items:
        lines.append(f"{'  ' * it.level}{it.marker}{_clip(it.title, width)}")
    if doc.slogans:
        lines.append("slogans: " + "、".join(s.text for s in doc.slogans))
    return "\n".join(lines) + "\n"


def table_summary(name: str, df: pd.DataFrame) -> str:
    """The table's main columns, one row per line."""
    import pandas as pd

    if df.empty:
        return f"(no {name.replace('_', ' ')})"
    show = {
        "slogans": ["doc", "text", "number", "quoted", "components", "path"],
        "targets": ["doc", "text", "value", "value_max", "unit", "comparator", "period", "indicator", "path"],
        "bodies": ["doc", "text", "name", "role", "level", "path"],
        "tasks": ["doc", "path", "title", "lead", "support", "deadline"],
    }.get(name, list(df.columns))
    view = df[[c for c in show if c in df.columns]].copy()
    for c in view.columns:
        view[c] = view[c].map(lambda v: _clip("、".join(v), 50) if isinstance(v, (list, tuple)) else
                              (_clip(v, 40) if isinstance(v, str) else v))
    with pd.option_context("display.max_rows", None, "display.max_columns", None, "display.width", 200,
                           "display.unicode.east_asian_width", True):
        return view.to_string(index=False)
