"""Targets in indicator tables: one row per indicator, one column per year, bare numbers in the cells.

Plans often put their goals in a table (指标 | 2025年 | 2026年 | 2027年, a row 粮食播种面积（万亩） | 52 |
52.5 | 53). The cells hold numbers without a unit, so the scanner of
:mod:`policytext.extract.quantities` passes them by; here the unit comes from the row (its label's
bracket, or a 单位 column) and the period from the column's year. Only tables whose header names two
years or more are read, and only rows that give a unit: a bare number elsewhere says too little.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..types import Document, Target
from .quantities import canonical_unit
from .text_tables import table_rows

__all__ = ["table_targets"]

_YEAR_CELL = re.compile(r"\s*((?:19|20)\d{2}\s*年(?:度|底|末)?)\s*(?:目标值?|目标)?\s*")
_UNIT_COLUMN = re.compile(r"\s*(?:计量)?单位\s*")
_UNIT_IN_LABEL = re.compile(r"[（(]\s*([^（）()\s]{1,6})\s*[）)]\s*$")
_VALUE_CELL = re.compile(r"(?P<num>\d+(?:\.\d+)?)\s*(?P<post>以上|以下|以内|左右)?")
_POST = {"以上": ">=", "以下": "<=", "以内": "<=", "左右": "~"}


def table_targets(doc: Document) -> Iterator[Target]:
    r"""The targets of the indicator tables of a document, in text order.

    >>> d = Document(doc="d", path="", format="docx", text="指标\t2025年\t2026年\n普及率（%）\t90\t95以上")
    >>> [(t.text, t.value, t.unit, t.comparator, t.period) for t in table_targets(d)]
    [('90', 90.0, '%', '=', '2025年'), ('95以上', 95.0, '%', '>=', '2026年')]
    """
    text = doc.text
    if "\t" not in text and "|" not in text:
        return
    years: dict[int, str] = {}  # column → year of the current table
    unit_col: int | None = None
    for cells in table_rows(text):
        if not cells:
            years, unit_col = {}, None  # the table ends
            continue
        heads = {i: m.group(1) for i, (_, cell) in enumerate(cells) if (m := _YEAR_CELL.fullmatch(cell))}
        if len(heads) >= 2:
            years = heads
            unit_col = next((i for i, (_, cell) in enumerate(cells) if _UNIT_COLUMN.fullmatch(cell)), None)
            continue
        if not years:
            continue
        label = next((cell.strip() for _, cell in cells if cell.strip()), "")
        m = _UNIT_IN_LABEL.search(label)
        unit = m.group(1) if m else (cells[unit_col][1].strip() if unit_col is not None and unit_col < len(cells) else "")
        if not unit or any(ch.isdigit() for ch in unit):
            continue
        indicator = label[: m.start()].strip() if m else label
        for col, year in years.items():
            if col >= len(cells):
                continue
            off, cell = cells[col]
            value = _VALUE_CELL.fullmatch(cell.strip())
            if not value:
                continue
            start = off + len(cell) - len(cell.lstrip())
            written = cell.strip()
            yield Target(
                doc=doc.doc, text=written, value=float(value.group("num")), value_max=None,
                unit=canonical_unit(unit), comparator=_POST.get(value.group("post") or "", "="), period=year,
                placeholder=False, path=doc.path_at(start), start=start, end=start + len(written),
                indicator=indicator, body="", rule="targets.table",
            )
