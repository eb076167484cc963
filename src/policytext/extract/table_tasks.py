"""Task-breakdown attachments: one :class:`TableTask` per row of a 任务分解表.

Work plans often end with a table that assigns each task to a lead unit (牵头单位), supporting
units (配合单位) and a deadline (完成时限). The table's header is recognised from synonym lists in
``lexicons/table_headers.tsv``; each row is then matched to the outline item it breaks down, by
its number and by how similar its task text is to the item titles, so that the units can be
joined to the tasks of the outline.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..lexicons import table_headers
from ..numerals import to_int
from ..types import Document, Item, RawDocument, Source, Table, TableTask

__all__ = ["extract_table_tasks", "find_header", "header_field", "header_fields", "split_units"]

_NOISE = re.compile(r"[\s\u3000\"'“”‘’「」『』《》〈〉()（）\[\]【】,，.。:：;；!！?？、·…—\-/／]+")
_OPEN, _CLOSE = "（(【[〔《", "）)】]〕》"
_SEPARATORS = set("、，,；;/／\n")
_ROLE_MARK = re.compile(r"[（(【\[]\s*(牵头|主责|负责|配合|协办|参与)\s*[）)】\]]")
_ROLE_LABEL = re.compile(r"(牵头|主责|配合|协办|参与|协同)(?:单位|部门|科室|处室)?\s*[:：]")
_NUMBER = re.compile(r"[0-9０-９]+|[一二三四五六七八九十百〇零两]+|[①-⑳]")
_LEAD_WORDS = ("牵头", "主责", "负责")
#: Minimum similarity for a row's task text to name an outline item on its own.
MATCH_THRESHOLD = 0.6


def _norm(text: str) -> str:
    return _NOISE.sub("", unicodedata.normalize("NFKC", text or ""))


@dataclass
class _Columns:
    """Grid column of each field in one table, and where the data rows begin."""

    fields: dict[str, int] = field(default_factory=dict)
    first_row: int = 0


def header_fields(cells: tuple[str, ...] | list[str]) -> list[str | None]:
    """The field each header cell names, None where it names none.

    >>> header_fields(["序号", "重点任务", "牵头单位（部门）", "配合单位", "时间节点", "备注"])
    ['number', 'task', 'lead', 'support', 'deadline', 'note']
    """
    return [header_field(cell) for cell in cells]


def header_field(cell: str) -> str | None:
    """The field one header cell names, None where it names none (see :func:`header_fields`)."""
    return _header_field(_norm(cell))


@functools.lru_cache(maxsize=4096)
def _header_field(text: str) -> str | None:
    """The field a normalised cell names as a header, None for a data cell (cells repeat: cached)."""
    if not text or len(text) > 16:
        return None
    pairs = table_headers()
    exact = [f for f, h in pairs if h == text]
    if exact:
        return exact[0]
    # 牵头单位（部门）, 配合单位及责任人: a header plus a few words, not a data cell
    return next((f for f, h in pairs if len(h) >= 2 and h in text and len(text) - len(h) <= 6), None)


def find_header(table: Table, *, max_rows: int = 5) -> _Columns | None:
    """Locate the header row(s) of a task table; None when the table is not one.

    A header names at least two known fields, one of them a unit or task column. A second
    header row below (``责任单位`` split into ``牵头`` and ``配合``) refines the first.
    """
    for i, row in enumerate(table.rows[:max_rows]):
        names = header_fields(row)
        known = {n for n in names if n}
        if len(known) < 2 or not known & {"lead", "responsible", "support", "task"}:
            continue
        cols = _Columns(first_row=i + 1)
        if i + 1 < len(table.rows):
            # A second header row: every cell names a field or repeats the merged cell above.
            below_row = table.rows[i + 1]
            below = header_fields(below_row)
            if any(below) and all(
                b or not c.strip() or c == a for a, b, c in zip(row, below, below_row, strict=False)
            ):
                names = [b or a for a, b in zip(names, below, strict=False)] + names[len(below):]
                cols.first_row = i + 2
        for col, name in enumerate(names):
            if name and name not in cols.fields:
                cols.fields[name] = col
        if "responsible" in cols.fields:
            role = "support" if "lead" in cols.fields else "lead"
            cols.fields.setdefault(role, cols.fields.pop("responsible"))
        return cols
    return None


def split_units(cell: str) -> list[str]:
    """Unit names of a cell, split on 、，,；/ and newlines but not inside brackets.

    >>> split_units("县委组织部、县（市、区）委；县财政局/县人社局\\n各乡镇（街道）")
    ['县委组织部', '县（市、区）委', '县财政局', '县人社局', '各乡镇（街道）']
    """
    parts, buf, depth = [], [], 0
    for ch in cell or "":
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        if ch in _SEPARATORS and depth == 0:
            parts.append("".join(buf))
            buf = []
        else:
            buf.append(ch)
    parts.append("".join(buf))
    out = []
    for part in parts:
        part = part.strip(" \t\u3000。.")
        if part.endswith("等") and len(part) > 3:
            part = part[:-1]
        if part:
            out.append(part)
    return out


def _units(cell: str) -> tuple[list[str], list[str]]:
    """(lead, support) units of one responsibility cell, honouring 牵头/配合 labels and marks."""
    lead: list[str] = []
    support: list[str] = []
    if _ROLE_LABEL.search(cell):
        pieces = _ROLE_LABEL.split(cell)
        untagged = pieces[0]
        lead.extend(split_units(untagged))
        for role, text in zip(pieces[1::2], pieces[2::2], strict=True):
            (lead if role in _LEAD_WORDS else support).extend(split_units(text))
        return lead, support
    units = split_units(cell)
    marks = [_ROLE_MARK.search(u) for u in units]
    # "县城管局（牵头）、县财政局": once one unit is marked as the lead, the unmarked ones support it.
    lead_marked = any(m and m.group(1) in _LEAD_WORDS for m in marks)
    for unit, m in zip(units, marks, strict=True):
        name = _ROLE_MARK.sub("", unit).strip()
        if not name:
            continue
        is_lead = m.group(1) in _LEAD_WORDS if m else not lead_marked
        (lead if is_lead else support).append(name)
    return lead, support


def _number(cell: str) -> int | None:
    m = _NUMBER.search(cell or "")
    return to_int(m.group()) if m else None


# ---------------------------------------------------------------------------------------------
# Matching rows to the outline


def _bigrams(text: str) -> frozenset[str]:
    return frozenset(text[i : i + 2] for i in range(len(text) - 1)) if len(text) > 1 else frozenset({text} - {""})


@functools.lru_cache(maxsize=4096)
def _features(text: str) -> tuple[str, frozenset[str]]:
    """Normalised text and its bigrams, computed once per distinct string."""
    norm = _norm(text)
    return norm, _bigrams(norm)


def similarity(a: str, b: str) -> float:
    """How alike two texts are: bigram Dice, raised when one contains the other.

    >>> similarity("加强党支部标准化建设", "深入推进党支部标准化建设") > 0.6, similarity("党费", "谈心谈话")
    (True, 0.0)
    """
    return _dice(_features(a), _features(b))


def _dice(fa: tuple[str, frozenset[str]], fb: tuple[str, frozenset[str]]) -> float:
    """:func:`similarity` of two texts' features."""
    (a, x), (b, y) = fa, fb
    if not a or not b:
        return 0.0
    if len(a) >= 4 and len(b) >= 4 and (a in b or b in a):
        return max(0.9, 2 * min(len(a), len(b)) / (len(a) + len(b)))
    return 2 * len(x & y) / (len(x) + len(y)) if x and y else 0.0


@dataclass
class _Row:
    index: int
    number: int | None
    task: str
    measures: str
    lead: tuple[str, ...]
    support: tuple[str, ...]
    deadline: str
    group: str = ""  # path of the item named by the group row above it


_Features = dict[int, tuple[tuple[str, frozenset[str]], tuple[str, frozenset[str]]]]


def _item_features(items: list[Item]) -> _Features:
    """Per item (by id): the features of its title and of the start of its title and text, made once
    for a table's rows to be compared with."""
    return {id(it): (_features(it.title), _features((it.title + it.text)[:120])) for it in items}


def _best(row: _Row, items: list[Item], feats: _Features) -> tuple[float, Item | None]:
    best, best_item = 0.0, None
    task = _features(row.task) if row.task else None
    measures = _features(row.measures[:80]) if row.measures else None
    for it in items:
        title, full = feats[id(it)]
        s = _dice(task, title) if task else 0.0
        if measures and s < 0.9:
            s = max(s, 0.9 * _dice(measures, full))
        if s > best:
            best, best_item = s, it
    return best, best_item


def _match(rows: list[_Row], items: list[Item]) -> dict[int, str]:
    """Row index → outline path, by title similarity first and number second."""
    if not items or not rows:
        return {}
    scored = []
    feats = _item_features(items)
    for row in rows:
        cands = [it for it in items if not row.group or it.path.startswith(row.group + ".")] or items
        scored.append((row, cands, *_best(row, cands, feats)))
    strong = [it for _, _, s, it in scored if it is not None and s >= MATCH_THRESHOLD]
    level = Counter(it.level for it in strong).most_common(1)[0][0] if strong else None
    if level is None:
        # No text evidence at all: the deepest level whose numbers are unique covers the rows.
        for lv in sorted({it.level for it in items}, reverse=True):
            numbers = [it.number for it in items if it.level == lv]
            if len(numbers) == len(set(numbers)):
                level = lv
                break
    def numbered(row: _Row, cands: list[Item]) -> Item | None:
        hits = [c for c in cands if c.level == level and row.number is not None and c.number == row.number]
        return hits[0] if len(hits) == 1 else None

    # A bare number is no evidence in an unrelated table: numbers count when other rows matched
    # by text, or when most rows are at least a little like the item of their number.
    pairs = [(row, numbered(row, cands)) for row, cands, _, _ in scored]
    pairs = [(row, c) for row, c in pairs if c is not None]
    weak = sum(1 for row, c in pairs if _best(row, [c], feats)[0] >= 0.15)
    trust_numbers = bool(strong) or (pairs and 2 * weak >= len(pairs))
    out: dict[int, str] = {}
    for row, cands, s, it in scored:
        by_number = numbered(row, cands)
        if it is not None and s >= MATCH_THRESHOLD and (it.level == level or by_number is None or s >= 0.85):
            out[row.index] = it.path
        elif by_number is not None and trust_numbers and (s < MATCH_THRESHOLD or by_number is it):
            out[row.index] = by_number.path
        elif it is not None and s >= MATCH_THRESHOLD:
            out[row.index] = it.path
    return out


def _outline_items(raw: RawDocument, doc: Document) -> list[Item]:
    """Items of the body text: none that an outline parser may have found inside table rows."""
    spans = [(p.start, p.end) for p in raw.paragraphs if p.source is Source.TABLE]
    return [it for it in doc.items if not any(s <= it.start <= e for s, e in spans)]


def _rows(table: Table, cols: _Columns, items: list[Item]) -> list[_Row]:
    def cell(row: tuple[str, ...], name: str) -> str:
        col = cols.fields.get(name)
        return row[col].strip() if col is not None and col < len(row) else ""

    out: list[_Row] = []
    group = ""
    for index in range(cols.first_row, len(table.rows)):
        row = table.rows[index]
        values = {c.strip() for c in row if c.strip()}
        if not values:
            continue
        names = header_fields(row)
        if sum(1 for n in names if n) >= 2 and len({n for n in names if n}) >= 2:
            continue  # a header repeated on the next page
        if len(values) == 1 and len(row) > 2:
            # A group row ("一、政治建设" across the table): later rows break down this item.
            title = next(iter(values))
            s, it = max(((similarity(title, it.title), it) for it in items), key=lambda x: x[0], default=(0, None))
            group = it.path if it is not None and s >= MATCH_THRESHOLD else ""
            continue
        lead, support = _units(cell(row, "lead"))
        extra_lead, extra_support = _units(cell(row, "support")) if "support" in cols.fields else ([], [])
        support = support + extra_lead + extra_support
        task, measures = cell(row, "task"), cell(row, "measures")
        if not (task or measures or lead or support):
            continue
        out.append(_Row(
            index=index,
            number=_number(cell(row, "number")),
            task=re.sub(r"\s*\n\s*", "", task),
            measures=re.sub(r"\s*\n\s*", "", measures),
            lead=tuple(dict.fromkeys(lead)),
            support=tuple(u for u in dict.fromkeys(support) if u not in lead),
            deadline=re.sub(r"\s*\n\s*", " ", cell(row, "deadline")),
            group=group,
        ))
    return out


def extract_table_tasks(raw: RawDocument, doc: Document) -> Iterator[TableTask]:
    """Yield one TableTask per data row of every task-breakdown table, in document order.

    Args:
        raw: the loaded document; its ``tables`` hold the rows with merged cells repeated.
        doc: the processed document; its items are the outline the rows are matched to.
    """
    items = _outline_items(raw, doc)
    for table in raw.tables:
        cols = find_header(table)
        if cols is None:
            continue
        rows = _rows(table, cols, items)
        paths = _match(rows, items)
        for row in rows:
            yield TableTask(
                doc=doc.doc,
                row=row.index,
                number=row.number,
                task=row.task,
                measures=row.measures,
                lead=row.lead,
                support=row.support,
                deadline=row.deadline,
                path=paths.get(row.index, ""),
            )
