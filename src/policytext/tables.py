"""Records → pandas DataFrames. Each table's columns are defined, and documented, here once.

``COLUMNS`` maps a table name to its ordered ``(column, description)`` pairs; the CLI's
file outputs, the corpus store and the report all take their schemas from it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict
from typing import TYPE_CHECKING

from .types import Document

if TYPE_CHECKING:  # pandas is imported when a table is built, not at start-up
    import pandas as pd

COLUMNS: dict[str, list[tuple[str, str]]] = {
    "documents": [
        ("doc", "document id: the file's stem"),
        ("unit", "issuing unit as written (×市, 县直机关, 公司), '' if unknown"),
        ("title", "document title"),
        ("year", "year the document is for, None if unknown"),
        ("format", "text | markdown | docx | doc | wps"),
        ("path", "file it was read from"),
        ("sha256", "content hash of the file"),
        ("n_items", "number of outline items"),
        ("n_tasks", "items with no numbered children"),
        ("n_slogans", "slogan mentions"),
        ("n_targets", "targets"),
        ("n_bodies", "responsible-body mentions"),
        ("n_chars", "length of the plain text"),
    ],
    "items": [
        ("doc", "document id"),
        ("path", "outline position: '2', '2.3', '2.3.1'"),
        ("level", "nesting depth in this document, 1 = outermost"),
        ("marker", "marker as written or drawn by Word: 一、 （一） 1. 一是"),
        ("number", "the marker's integer value"),
        ("title", "heading or lead phrase (text after the marker up to the first 。)"),
        ("text", "whole text of the item, children excluded"),
        ("parent", "path of the enclosing item, '' at level 1"),
        ("kind", "heading (own paragraph) or inline (一是…二是… inside a paragraph)"),
        ("is_task", "True when the item has no numbered children"),
        ("start", "character offset of the marker in the document text"),
        ("end", "end of the item's own region"),
        ("cluster", "task cluster id across the corpus (after clustering), else None"),
        ("rule", "id of the outline rule that recognised the marker"),
    ],
    "tasks": [
        ("doc", "document id"),
        ("path", "outline position of the task ('' for a table row not matched to an item)"),
        ("number", "the task's number"),
        ("title", "lead phrase of the task"),
        ("text", "whole text of the task"),
        ("section", "title of the level-1 heading the task sits under"),
        ("lead", "lead units from an attachment table, else the bodies the task's text makes lead; joined by '、'"),
        ("support", "support units from an attachment table, else those the task's text makes support"),
        ("deadline", "completion deadline from an attachment table"),
        ("source", "outline | table | outline+table"),
        ("bodies_from", "where lead and support come from: table | text | '' (none named)"),
    ],
    "slogans": [
        ("doc", "document id"),
        ("text", "the formula as written, without quotation marks: 四个突出"),
        ("number", "leading numeral's value (四个突出 → 4, 12234 → 12234)"),
        ("quoted", "whether it stood in quotation marks at this mention"),
        ("components", "its parts in order, where known"),
        ("components_source", "document | lexicon | '' (where the parts came from)"),
        ("count_mismatch", "True when the number of parts differs from the numeral"),
        ("canonical", "canonical form from the lexicon, '' if not in it"),
        ("mentions", "how many times the document mentions it"),
        ("path", "item it first stands in"),
        ("start", "offset of the first mention"),
        ("end", "end offset of the first mention"),
        ("rule", "id of the rule that fired"),
    ],
    "targets": [
        ("doc", "document id"),
        ("text", "the quantity expression as written: 不少于10天"),
        ("value", "number as float; None for placeholders (××名)"),
        ("value_max", "upper bound of a range, else None"),
        ("unit", "unit or measure word: 天 次 % 名 万元 …"),
        ("comparator", ">= | <= | ~ | range | ="),
        ("period", "每年 每季度 年底前 …, '' if none"),
        ("placeholder", "True where the number is redacted (××, X)"),
        ("indicator", "what is counted (组织生活会, 专职党务干部比例), '' if unclear"),
        ("body", "body responsible, where the clause names it"),
        ("path", "item it stands in"),
        ("start", "offset in the document text"),
        ("end", "end offset"),
        ("rule", "id of the rule that fired"),
    ],
    "bodies": [
        ("doc", "document id"),
        ("text", "the name as written"),
        ("name", "normalised name for comparison across documents"),
        ("role", "lead | support | mention"),
        ("level", "level of the hierarchy: 中央 省 市 县 乡镇 村 单位 …"),
        ("kind", "party | government | role | enterprise | mass | other"),
        ("path", "item it stands in"),
        ("start", "offset in the document text"),
        ("end", "end offset"),
        ("rule", "id of the rule that fired"),
    ],
}


def _frame(name: str, rows: list[dict]) -> pd.DataFrame:
    import pandas as pd

    cols = [c for c, _ in COLUMNS[name]]
    df = pd.DataFrame(rows)
    for c in cols:
        if c not in df.columns:
            df[c] = None
    extra = [c for c in df.columns if c not in cols]
    return df[cols + extra]


def documents_table(docs: Iterable[Document]) -> pd.DataFrame:
    rows = []
    for d in docs:
        rows.append(
            {
                "doc": d.doc, "unit": d.unit, "title": d.title, "year": d.year, "format": d.format,
                "path": d.path, "sha256": d.sha256, "n_items": len(d.items), "n_tasks": len(d.tasks),
                "n_slogans": len(d.slogans), "n_targets": len(d.targets), "n_bodies": len(d.bodies),
                "n_chars": len(d.text),
            }
        )
    return _frame("documents", rows)


def _records(name: str, docs: Iterable[Document], attr: str) -> pd.DataFrame:
    rows = []
    for d in docs:
        for rec in getattr(d, attr):
            row = asdict(rec)
            for k, v in row.items():
                if isinstance(v, tuple):
                    row[k] = list(v)
            rows.append(row)
    return _frame(name, rows)


def items_table(docs: Iterable[Document]) -> pd.DataFrame:
    return _records("items", docs, "items")


def slogans_table(docs: Iterable[Document]) -> pd.DataFrame:
    return _records("slogans", docs, "slogans")


def targets_table(docs: Iterable[Document]) -> pd.DataFrame:
    return _records("targets", docs, "targets")


def bodies_table(docs: Iterable[Document]) -> pd.DataFrame:
    return _records("bodies", docs, "bodies")


def _text_bodies(doc: Document) -> dict[str, tuple[list[str], list[str]]]:
    """Per outline path, the lead and support bodies the text names (each name once, in text order)."""
    out: dict[str, tuple[list[str], list[str]]] = {}
    for b in doc.bodies:
        if b.role in ("lead", "support"):
            names = out.setdefault(b.path, ([], []))[0 if b.role == "lead" else 1]
            if b.name not in names:
                names.append(b.name)
    return out


def tasks_table(docs: Iterable[Document]) -> pd.DataFrame:
    """Leaf items, joined with the rows of a task-breakdown attachment where there is one; a task no
    row names takes the lead and support bodies of its own text."""
    rows = []
    for d in docs:
        by_path = {t.path: t for t in d.table_tasks if t.path}
        in_text = _text_bodies(d)
        top = {it.path: it.title for it in d.items if it.level == 1}
        for it in d.tasks:
            tt = by_path.get(it.path)
            if tt:
                lead, support, found = list(tt.lead), list(tt.support), "table"
            else:
                lead, support = in_text.get(it.path, ([], []))
                found = "text" if lead or support else ""
            rows.append(
                {
                    "doc": d.doc, "path": it.path, "number": it.number, "title": it.title, "text": it.text,
                    "section": top.get(it.path.split(".")[0], ""), "lead": "、".join(lead),
                    "support": "、".join(support), "deadline": tt.deadline if tt else "",
                    "source": "outline+table" if tt else "outline", "bodies_from": found,
                }
            )
        for tt in d.table_tasks:
            if not tt.path:
                rows.append(
                    {
                        "doc": d.doc, "path": "", "number": tt.number, "title": tt.task, "text": tt.measures,
                        "section": "", "lead": "、".join(tt.lead), "support": "、".join(tt.support),
                        "deadline": tt.deadline, "source": "table", "bodies_from": "table",
                    }
                )
    return _frame("tasks", rows)


TABLE_BUILDERS = {
    "documents": documents_table,
    "items": items_table,
    "tasks": tasks_table,
    "slogans": slogans_table,
    "targets": targets_table,
    "bodies": bodies_table,
}


def slogan_unit_matrix(docs: list[Document]) -> pd.DataFrame:
    """Formula × unit: mentions of each formula in each unit's documents."""
    from .extract.slogans import slogan_matrix

    return slogan_matrix(docs)


def targets_across(docs: list[Document]) -> pd.DataFrame:
    """Targets side by side: one row per (indicator, unit of measure), one column per document."""
    from .extract.targets import targets_by_indicator

    return targets_by_indicator(docs)


def body_unit_matrix(docs: list[Document]) -> pd.DataFrame:
    """Body × unit: lead and support mentions of each body in each unit's documents."""
    from .body_tables import body_matrix

    return body_matrix(docs)


#: The tables that compare documents, by the per-document table they summarise.
ACROSS_BUILDERS = {
    "slogans": slogan_unit_matrix,
    "targets": targets_across,
    "bodies": body_unit_matrix,
}


def all_tables(docs: list[Document]) -> dict[str, pd.DataFrame]:
    """Every table of a list of processed documents, by name."""
    return {name: build(docs) for name, build in TABLE_BUILDERS.items()}
