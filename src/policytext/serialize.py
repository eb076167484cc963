"""A processed document as the JSON object of SPEC.md (plus our own extra fields)."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from .types import Document

_DROP = {"doc"}  # repeated in every record; the document object carries it once


def _record(obj: Any) -> dict[str, Any]:
    out = {k: (list(v) if isinstance(v, tuple) else v) for k, v in asdict(obj).items() if k not in _DROP}
    return out


def document_to_dict(doc: Document) -> dict[str, Any]:
    """The SPEC.md object: doc, unit, title, year, items, slogans, targets, bodies (+ tasks_table)."""
    items = []
    for it in doc.items:
        rec = _record(it)
        if rec.get("cluster") is None:
            rec.pop("cluster", None)
        items.append(rec)
    return {
        "doc": doc.doc,
        "unit": doc.unit,
        "title": doc.title,
        "year": doc.year,
        "source": doc.path,
        "format": doc.format,
        "items": items,
        "slogans": [_record(s) for s in doc.slogans],
        "targets": [_record(t) for t in doc.targets],
        "bodies": [_record(b) for b in doc.bodies],
        "table_tasks": [_record(t) for t in doc.table_tasks],
    }


def dumps(docs: list[Document], *, lines: bool = False) -> str:
    """JSON (a list when several documents, one object when one) or JSON Lines."""
    dicts = [document_to_dict(d) for d in docs]
    if lines:
        return "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in dicts)
    payload: Any = dicts[0] if len(dicts) == 1 else dicts
    return json.dumps(payload, ensure_ascii=False, indent=1) + "\n"
