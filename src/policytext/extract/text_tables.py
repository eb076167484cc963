"""Tables in plain text: the rows Word tables become (cells joined by tabs) and Markdown pipe rows.

Shared by the extractors that read tables cell by cell (bodies in 牵头单位 columns, targets in
indicator tables), so that both see the same cells at the same offsets.
"""

from __future__ import annotations

from collections.abc import Iterator

__all__ = ["table_rows"]


def table_rows(text: str) -> Iterator[list[tuple[int, str]]]:
    r"""Rows of tables in the text as (offset, cell) lists, one list per line: tab-separated lines
    (Word tables are read that way) and Markdown rows (``| 1 | 任务 | 牵头单位 |``); an empty list for a
    line that is no table row (it ends a table).

    >>> [cells for cells in table_rows("标题\n指标\t2025年\n| a | b |")]
    [[], [(3, '指标'), (6, '2025年')], [(12, ''), (13, ' a '), (17, ' b '), (21, '')]]
    """
    pos = 0
    for line in text.split("\n"):
        cells: list[tuple[int, str]] = []
        if "\t" in line:
            off = pos
            for cell in line.split("\t"):
                cells.append((off, cell))
                off += len(cell) + 1
        elif line.lstrip().startswith("|") and line.count("|") >= 3:
            off = pos
            for cell in line.split("|"):
                cells.append((off, cell))
                off += len(cell) + 1
        yield cells
        pos += len(line) + 1
