"""Records that flow through the pipeline, as frozen dataclasses.

Every extracted record carries its provenance: the document id, the outline path it
stands in, character offsets into ``Document.text`` and the id of the rule that fired.
"""

from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass, field
from enum import Enum
from typing import TypeVar

_R = TypeVar("_R")


def make_record(cls: type[_R], fields: dict[str, object]) -> _R:
    """``cls(**fields)`` for a frozen record, several times faster: a frozen dataclass's ``__init__`` sets
    each field through ``object.__setattr__``, and extractors make one record per target or body.

    Every field must be given, and the class must have no ``__post_init__`` (a test checks the records
    it is used for); the result equals, hashes and prints as ``cls(**fields)``.
    """
    record = object.__new__(cls)
    record.__dict__.update(fields)
    return record


class Source(str, Enum):
    """Where a paragraph of a loaded document came from."""

    BODY = "body"
    TABLE = "table"


@dataclass(frozen=True)
class Paragraph:
    """One paragraph (a line of a text file, a ``w:p`` of a Word file) as the reader sees it.

    Attributes:
        text: the text, with automatic list numbers rendered in front as Word draws them.
        style: the paragraph style name ("Heading 1", "Title", ...), "" for plain text.
        heading_level: outline level from the style or ``w:outlineLvl`` (1 = top), None if none.
        list_level: ``w:ilvl`` + 1 when Word numbering drew a marker, else None.
        auto_marker: the marker Word's numbering drew ("一、", "（二）"), "" when typed in the text.
        source: body text or a table cell row.
        start: offset of the paragraph in ``RawDocument.text``.
    """

    text: str
    style: str = ""
    heading_level: int | None = None
    list_level: int | None = None
    auto_marker: str = ""
    source: Source = Source.BODY
    start: int = 0

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass(frozen=True)
class Table:
    """A table of a Word file, merged cells repeated into every cell they cover."""

    rows: tuple[tuple[str, ...], ...]
    start: int = 0  # offset of its first row in RawDocument.text


@dataclass(frozen=True)
class RawDocument:
    """What a loader gives: paragraphs and tables, the same model for every format.

    ``text`` is the paragraphs joined by newlines; all offsets in later records point into it.
    """

    doc: str
    path: str
    format: str
    paragraphs: tuple[Paragraph, ...]
    tables: tuple[Table, ...] = ()

    @functools.cached_property
    def text(self) -> str:
        """Made once: the outline, the metadata and every extractor read it."""
        return "\n".join([p.text for p in self.paragraphs])


@dataclass(frozen=True)
class Item:
    """One numbered heading or point of the outline (SPEC.md: ITEM).

    ``start``/``end`` span the item's own region of the text (marker to the next item),
    used to find which item any offset belongs to.
    """

    doc: str
    path: str
    level: int
    marker: str
    number: int
    title: str
    text: str
    start: int
    end: int
    parent: str = ""
    kind: str = "heading"  # heading | inline
    rule: str = ""
    is_task: bool = False
    cluster: int | None = None


@dataclass(frozen=True)
class Slogan:
    """A numeric formula (提法) such as 四个意识 or 12234 (SPEC.md: SLOGAN)."""

    doc: str
    text: str
    number: int | None
    quoted: bool
    components: tuple[str, ...]
    components_source: str  # "document" | "lexicon" | ""
    path: str
    start: int
    end: int
    mentions: int = 1
    canonical: str = ""
    count_mismatch: bool = False
    rule: str = ""


@dataclass(frozen=True)
class Target:
    """A quantitative target or requirement (SPEC.md: TARGET)."""

    doc: str
    text: str
    value: float | None
    value_max: float | None
    unit: str
    comparator: str
    period: str
    placeholder: bool
    path: str
    start: int
    end: int
    indicator: str = ""
    body: str = ""
    rule: str = ""


@dataclass(frozen=True)
class Body:
    """An organisation or official role made responsible for something (SPEC.md: BODY)."""

    doc: str
    text: str
    name: str
    role: str  # lead | support | mention
    path: str
    start: int
    end: int
    level: str = ""  # 中央 省 市 县 乡镇 村 单位 ...
    kind: str = ""  # party | government | role | enterprise | other
    rule: str = ""


@dataclass(frozen=True)
class TableTask:
    """One row of a task-breakdown attachment (序号 / 重点任务 / 牵头单位 / 配合单位 / 完成时限)."""

    doc: str
    row: int
    number: int | None
    task: str
    measures: str
    lead: tuple[str, ...]
    support: tuple[str, ...]
    deadline: str
    path: str = ""  # the outline item it was matched to, "" if none


@dataclass
class Document:
    """One processed document: metadata, its text and every table the pipeline extracts."""

    doc: str
    path: str
    format: str
    text: str
    unit: str = ""
    title: str = ""
    year: int | None = None
    items: list[Item] = field(default_factory=list)
    slogans: list[Slogan] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    bodies: list[Body] = field(default_factory=list)
    table_tasks: list[TableTask] = field(default_factory=list)
    paragraphs: tuple[Paragraph, ...] = ()
    sha256: str = ""

    def path_at(self, offset: int) -> str:
        """The path of the innermost item whose span holds ``offset``; "0" before the first item."""
        best = "0"
        items = self.items
        # Items are in document order; an inline item lies inside its parent's span. (No list is built
        # per call: extractors ask once per record, and a long report has thousands of items.)
        for j in range(bisect.bisect_right(items, offset, key=lambda it: it.start) - 1, -1, -1):
            it = items[j]
            if it.start <= offset < it.end:
                if best == "0" or it.path.count(".") > best.count("."):
                    best = it.path
                if it.kind == "heading":
                    break
        return best

    @property
    def tasks(self) -> list[Item]:
        """Items that have no numbered children."""
        return [it for it in self.items if it.is_task]

