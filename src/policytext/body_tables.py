"""Tables of responsible bodies: who leads which tasks in a document, and who appears in which unit.

:func:`policytext.tables.bodies_table` lists every mention; the two tables here summarise them for
comparison:

* :func:`bodies_with_tasks` — one row per document and body (normalised name), with its roles
  and the outline items (and attachment-table tasks) it leads;
* :func:`body_matrix` — bodies × units: how often each body is made responsible in each unit's
  documents, the table to read across a corpus (does every county name 县委党建办?).

pandas is imported inside the functions, as for every table of the package.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING

from .extract.bodies import normalise_name
from .types import Document

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["bodies_with_tasks", "body_matrix", "BODY_TASK_COLUMNS"]

#: Columns of :func:`bodies_with_tasks`, with what each holds.
BODY_TASK_COLUMNS = [
    ("doc", "document id"),
    ("unit", "issuing unit of the document"),
    ("name", "normalised name of the body"),
    ("texts", "the forms written in the document, joined by '、'"),
    ("kind", "party | government | role | enterprise | mass | other"),
    ("level", "level of the hierarchy: 中央 省 市 县 乡镇 村 单位"),
    ("role", "strongest role in the document: lead > support > mention"),
    ("n_lead", "mentions as lead"),
    ("n_support", "mentions as support"),
    ("n_mention", "other mentions"),
    ("paths", "outline paths of the items it leads, in order, joined by ' '"),
    ("tasks", "titles of the items (and attachment-table tasks) it leads, joined by '；'"),
]

_RANK = ("lead", "support", "mention")


def bodies_with_tasks(docs: Iterable[Document]) -> pd.DataFrame:
    """One row per document and body, with its roles and the tasks it leads.

    A body leads the item its lead mention stands in (``Body.path``), and every row of a
    task-breakdown table that names it as 牵头单位.

    Example:
        >>> from policytext.types import Body, Document, Item
        >>> it = Item("d", "1", 1, "一、", 1, "加强培训", "加强培训。县委组织部要牵头。", 0, 30, is_task=True)
        >>> d = Document("d", "", "txt", "x" * 30, unit="某县", items=[it],
        ...              bodies=[Body("d", "县委组织部", "县委组织部", "lead", "1", 10, 15, "县", "party")])
        >>> bodies_with_tasks([d])[["name", "role", "n_lead", "paths", "tasks"]].to_dict("records")
        [{'name': '县委组织部', 'role': 'lead', 'n_lead': 1, 'paths': '1', 'tasks': '加强培训'}]
    """
    import pandas as pd

    rows = []
    for d in docs:
        titles = {it.path: it.title for it in d.items}
        by_name: dict[str, list] = defaultdict(list)
        for b in d.bodies:
            by_name[b.name].append(b)
        # Rows of an attachment table: the extractor reads them too (rule table.lead/table.support);
        # doc.table_tasks adds the rows it did not read, and the task text of rows matched to no item.
        read_table = any(b.rule.startswith("table.") for b in d.bodies)
        table_lead: dict[str, list[str]] = defaultdict(list)
        table_support: Counter = Counter()
        for t in d.table_tasks:
            for unit in t.lead:
                if not read_table or not t.path:
                    table_lead[normalise_name(unit)].append(t.task)
            for unit in t.support:
                if not read_table:
                    table_support[normalise_name(unit)] += 1
        names = set(by_name) | set(table_lead) | set(table_support)
        for name in sorted(names, key=lambda n: min((b.start for b in by_name.get(n, [])), default=len(d.text))):
            found = by_name.get(name, [])
            roles = Counter(b.role for b in found)
            roles["lead"] += 0 if read_table else len(table_lead.get(name, []))
            roles["support"] += table_support.get(name, 0)
            paths: list[str] = []
            for b in found:
                if b.role == "lead" and b.path not in paths:
                    paths.append(b.path)
            tasks = [titles[p] for p in paths if p in titles] + table_lead.get(name, [])
            first = found[0] if found else None
            rows.append(
                {
                    "doc": d.doc, "unit": d.unit, "name": name,
                    "texts": "、".join(dict.fromkeys(b.text for b in found)) or name,
                    "kind": first.kind if first else "", "level": first.level if first else "",
                    "role": next((r for r in _RANK if roles.get(r)), ""),
                    "n_lead": roles["lead"], "n_support": roles["support"], "n_mention": roles["mention"],
                    "paths": " ".join(paths), "tasks": "；".join(dict.fromkeys(tasks)),
                }
            )
    return pd.DataFrame(rows, columns=[c for c, _ in BODY_TASK_COLUMNS])


def body_matrix(
    docs: Iterable[Document], *, roles: tuple[str, ...] = ("lead", "support"), by: str = "unit"
) -> pd.DataFrame:
    """Bodies × units: the number of times each body is named in each unit's documents.

    Args:
        docs: processed documents.
        roles: which mentions count (default: lead and support; add ``"mention"`` for all).
        by: the column grouping: ``"unit"`` (documents of one unit add up; the document id stands
            in where the unit is unknown) or ``"doc"``.

    Returns:
        A DataFrame indexed by normalised body name, one column per unit, counts as integers,
        rows ordered by the number of units that name the body, then by total count.

    Example:
        >>> from policytext.types import Body, Document
        >>> def doc(i, unit, *names):
        ...     return Document(f"d{i}", "", "txt", "", unit=unit,
        ...                     bodies=[Body(f"d{i}", n, n, "lead", "0", 0, 1) for n in names])
        >>> body_matrix([doc(1, "甲县", "县委组织部", "党支部"), doc(2, "乙县", "党支部")]).to_dict()
        {'甲县': {'党支部': 1, '县委组织部': 1}, '乙县': {'党支部': 1, '县委组织部': 0}}
    """
    import pandas as pd

    if by not in ("unit", "doc"):
        raise ValueError(f"body_matrix: by must be 'unit' or 'doc', not {by!r}")
    counts: dict[str, Counter] = defaultdict(Counter)
    columns: list[str] = []
    for d in docs:
        col = (d.unit or d.doc) if by == "unit" else d.doc
        if col not in columns:
            columns.append(col)
        for b in d.bodies:
            if b.role in roles:
                counts[col][b.name] += 1
    frame = pd.DataFrame({c: counts[c] for c in columns}, columns=columns).fillna(0).astype(int)
    if frame.empty:
        return frame
    order = sorted(frame.index, key=lambda n: (-(frame.loc[n] > 0).sum(), -frame.loc[n].sum(), n))
    frame = frame.loc[order]
    frame.index.name = "name"
    return frame
