"""The corpus store: every table of many documents in one DuckDB file.

Documents are keyed by the SHA-256 of their file's content: ingesting the same content again is
a no-op, and a file whose content changed at the same path has its rows replaced in one
transaction (see :mod:`policytext.ingest` for the workers and the single writer). The schemas of
the record tables come from ``tables.COLUMNS``; SQL types from the record dataclasses of ``types.py``.

In Python::

    from policytext import Corpus
    with Corpus("corpus.duckdb") as corpus:
        corpus.ingest(["corpora/"])
        tables = corpus.tables()

CLI: ``policytext ingest corpora/ --db corpus.duckdb``.
"""

from __future__ import annotations

import typing
from collections.abc import Callable, Iterable, Iterator
from dataclasses import fields
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import StoreError
from .tables import COLUMNS
from .types import Body, Document, Item, Slogan, Target
from .units import UnitInfo, apply_units, read_units_csv

if TYPE_CHECKING:
    import duckdb
    import numpy as np
    import pandas as pd

    from .ingest import IngestStats

#: Tables with one set of rows per document, built by ``tables.TABLE_BUILDERS``.
RECORD_TABLES = ("documents", "items", "tasks", "slogans", "targets", "bodies")

#: Columns the store adds to the documents table (beyond ``tables.COLUMNS``).
DOCUMENT_EXTRA = [
    ("level", "tier of the unit: 省 市 县 区 乡镇 局 公司 … (from the unit name's suffix or units.csv)"),
    ("region", "region of the unit (from units.csv), '' if unknown"),
    ("ingested_at", "when the document was stored"),
]

#: Tables the store keeps besides the record tables: name → (column, SQL type, description).
OWN_TABLES: dict[str, list[tuple[str, str, str]]] = {
    "texts": [("doc", "VARCHAR", "document id"), ("text", "VARCHAR", "plain text of the document")],
    "errors": [
        ("path", "VARCHAR", "file that could not be stored"),
        ("cause", "VARCHAR", "why, in one line"),
        ("time", "TIMESTAMP", "when the attempt was made"),
    ],
    "state": [
        ("key", "VARCHAR", "name of a derived result"),
        ("value", "VARCHAR", "fingerprint of the documents it was computed from"),
    ],
    "clusters": [
        ("cluster", "INTEGER", "cluster id, stable when documents are added"),
        ("label", "VARCHAR", "distinctive terms of the cluster's tasks"),
        ("theme", "VARCHAR", "theme of lexicons/topics.tsv the cluster's terms fit best, '' if none"),
        ("size", "INTEGER", "number of tasks"),
        ("n_docs", "INTEGER", "number of documents with a task in it"),
        ("n_units", "INTEGER", "number of units with a task in it"),
        ("example", "VARCHAR", "title of the task nearest to the cluster's centre"),
    ],
    "reuse": [
        ("doc_a", "VARCHAR", "document of the first sentence"),
        ("doc_b", "VARCHAR", "document of the second sentence"),
        ("unit_a", "VARCHAR", "unit of doc_a"),
        ("unit_b", "VARCHAR", "unit of doc_b"),
        ("sentence_a", "VARCHAR", "sentence in doc_a"),
        ("sentence_b", "VARCHAR", "near-duplicate sentence in doc_b"),
        ("similarity", "DOUBLE", "Jaccard similarity of their character shingles"),
        ("start_a", "INTEGER", "offset of sentence_a in doc_a's text"),
        ("start_b", "INTEGER", "offset of sentence_b in doc_b's text"),
    ],
}

# SQL types of columns that are not records' dataclass fields (the others come from types.py).
_EXPLICIT_TYPES = {
    "documents": {"year": "INTEGER", "ingested_at": "TIMESTAMP"} | {
        c: "INTEGER" for c, _ in COLUMNS["documents"] if c.startswith("n_")
    },
    "tasks": {"number": "BIGINT"},
}
_ORDER = {"documents": "doc", "tasks": "doc, path", "texts": "doc", "errors": "path", "clusters": "cluster",
          "reuse": "similarity DESC, doc_a, doc_b, start_a, start_b"}
_RECORD_CLASSES = {"items": Item, "slogans": Slogan, "targets": Target, "bodies": Body}
_PY_TO_SQL = {str: "VARCHAR", int: "BIGINT", float: "DOUBLE", bool: "BOOLEAN"}


def _sql_type(annotation: Any) -> str:
    """SQL type of a dataclass field's annotation: ``int | None`` → BIGINT, ``tuple[str, ...]`` → VARCHAR[]."""
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    origin = typing.get_origin(annotation)
    if origin in (tuple, list):
        return "VARCHAR[]"
    if args and origin is not None:
        return _sql_type(args[0])
    return _PY_TO_SQL.get(annotation, "VARCHAR")


@cache
def table_schema(name: str) -> list[tuple[str, str]]:
    """(column, SQL type) pairs of a stored table, in order; the record tables follow ``tables.COLUMNS``."""
    if name in OWN_TABLES:
        return [(c, t) for c, t, _ in OWN_TABLES[name]]
    cols = [c for c, _ in COLUMNS[name]] + ([c for c, _ in DOCUMENT_EXTRA] if name == "documents" else [])
    hints = typing.get_type_hints(_RECORD_CLASSES[name]) if name in _RECORD_CLASSES else {}
    explicit = _EXPLICIT_TYPES.get(name, {})
    return [(c, explicit.get(c) or (_sql_type(hints[c]) if c in hints else "VARCHAR")) for c in cols]


# --------------------------------------------------------------------------------------------------
# The store


class Corpus:
    """A corpus of processed documents in one DuckDB file (``":memory:"`` for a throw-away one).

    Args:
        path: the DuckDB file; created with every table when missing.
        read_only: open without taking the write lock (for reading while nothing writes).
        memory_limit: cap of DuckDB's page cache for a file store ("" for DuckDB's default, 80 % of RAM).

    Raises:
        StoreError: the file cannot be opened (locked by another process, not a DuckDB file).

    Example:
        >>> with Corpus(":memory:") as corpus:
        ...     corpus.tables()["documents"].shape[0]
        0
    """

    def __init__(self, path: str | Path = ":memory:", *, read_only: bool = False, memory_limit: str = "256MB"):
        import duckdb

        self.path = str(path)
        # DuckDB caches pages up to 80 % of RAM by default, which looks like a leak during a long ingest;
        # a file store spills to disk instead, so its cache can be capped (an in-memory one cannot).
        config = {"memory_limit": memory_limit} if self.path != ":memory:" and memory_limit else {}
        try:
            self.con: duckdb.DuckDBPyConnection = duckdb.connect(self.path, read_only=read_only, config=config)
        except (duckdb.Error, OSError) as exc:
            raise StoreError(f"{self.path}: cannot open the corpus store: {exc}") from exc
        if not read_only:
            self._create_tables()

    # -- life cycle -----------------------------------------------------------------------------

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Corpus({self.path!r})"

    def _create_tables(self) -> None:
        """Create missing tables, and add columns that ``tables.COLUMNS`` gained since the file was made."""
        for name in (*RECORD_TABLES, *OWN_TABLES):
            schema = table_schema(name)
            cols = ", ".join(f'"{c}" {t}' for c, t in schema)
            self.con.execute(f"CREATE TABLE IF NOT EXISTS {name} ({cols})")
            have = {r[0] for r in self.con.execute(f"DESCRIBE {name}").fetchall()}
            for c, t in schema:
                if c not in have:
                    self.con.execute(f'ALTER TABLE {name} ADD COLUMN "{c}" {t}')

    # -- reading --------------------------------------------------------------------------------

    def sql(self, query: str, params: list | None = None) -> pd.DataFrame:
        """Run a query on the store and return a DataFrame (tables: documents, items, tasks, …)."""
        return self.con.execute(query, params or []).df()

    def table(self, name: str) -> pd.DataFrame:
        """One stored table, its columns in the documented order, rows in document order."""
        if name not in (*RECORD_TABLES, *OWN_TABLES):
            raise StoreError(f"no table {name!r}: the store has {', '.join((*RECORD_TABLES, *OWN_TABLES))}")
        cols = ", ".join(f'"{c}"' for c, _ in table_schema(name))
        order = _ORDER.get(name, "doc, start")
        return self.sql(f"SELECT {cols} FROM {name} ORDER BY {order}")

    def tables(self) -> dict[str, pd.DataFrame]:
        """The record tables (documents, items, tasks, slogans, targets, bodies) plus clusters, reuse and errors."""
        return {name: self.table(name) for name in (*RECORD_TABLES, "clusters", "reuse", "errors")}

    def fingerprint(self) -> str:
        """Changes whenever documents are added, replaced or removed (to know when a derived table is stale)."""
        n, last, shas = self.con.execute(
            "SELECT count(*), max(ingested_at), coalesce(bit_xor(hash(sha256)), 0) FROM documents").fetchone()
        return f"{n}:{last}:{shas}"

    def get_state(self, key: str) -> str | None:
        row = self.con.execute("SELECT value FROM state WHERE key = ?", [key]).fetchone()
        return row[0] if row else None

    def set_state(self, key: str, value: str) -> None:
        """Record a fingerprint; call inside the transaction that writes the derived table."""
        self.con.execute("DELETE FROM state WHERE key = ?", [key])
        self.con.execute("INSERT INTO state VALUES (?, ?)", [key, value])

    def __len__(self) -> int:
        return self.con.execute("SELECT count(*) FROM documents").fetchone()[0]

    def documents(self, docs: Iterable[str] | None = None) -> Iterator[Document]:
        """Stored documents as :class:`Document` records (items carry their ``cluster``), one at a time."""
        ids = list(docs) if docs is not None else [r[0] for r in self.con.execute(
            "SELECT doc FROM documents ORDER BY doc").fetchall()]
        for doc_id in ids:
            yield self._document(doc_id)

    def _document(self, doc_id: str) -> Document:
        meta = self.con.execute(
            "SELECT d.doc, d.path, d.format, coalesce(t.text, ''), d.unit, d.title, d.year, d.sha256 "
            "FROM documents d LEFT JOIN texts t USING (doc) WHERE d.doc = ?", [doc_id]).fetchone()
        if meta is None:
            raise StoreError(f"no document {doc_id!r} in {self.path}")
        doc = Document(doc=meta[0], path=meta[1], format=meta[2], text=meta[3], unit=meta[4] or "",
                       title=meta[5] or "", year=meta[6], sha256=meta[7])
        for name, cls in _RECORD_CLASSES.items():
            stored = {c for c, _ in table_schema(name)}
            names = [f.name for f in fields(cls) if f.name in stored]  # a field COLUMNS lacks keeps its default
            cols = ", ".join('"' + n + '"' for n in names)
            rows = self.con.execute(f"SELECT {cols} FROM {name} WHERE doc = ? ORDER BY start", [doc_id]).fetchall()
            recs = []
            for row in rows:
                kw = {n: (tuple(v) if isinstance(v, list) else v) for n, v in zip(names, row, strict=True)}
                recs.append(cls(**kw))
            setattr(doc, name, recs)
        return doc

    # -- writing --------------------------------------------------------------------------------

    def ingest(
        self,
        paths: Iterable[str | Path],
        *,
        jobs: int | None = None,
        units: str | Path | dict[str, UnitInfo] | None = None,
        batch: int = 32,
        timeout: float | None = 300,
        progress: bool = False,
        on_result: Callable[[str, str], None] | None = None,
    ) -> IngestStats:
        """Extract and store files (folders are read recursively); see :func:`policytext.ingest.ingest`.

        Args:
            paths: files or folders.
            jobs: worker processes for extraction (default: every core); 1 extracts in this process.
            units: a units CSV (or its parsed rows) whose unit/level/region/year override the extracted ones;
                also applied to documents already stored.
            batch: documents written per transaction.
            timeout: seconds after which a file still being extracted is given up as failed (with ``jobs`` > 1).
            progress: show a progress bar on standard error.
            on_result: called with (path, "added" | "replaced" | "unchanged" | "failed: cause") per file.
        """
        from .ingest import ingest

        return ingest(self, paths, jobs=jobs, units=units, batch=batch, timeout=timeout, progress=progress,
                      on_result=on_result)

    def set_units(self, units: str | Path | dict[str, UnitInfo]) -> int:
        """Apply a units CSV to the stored documents; returns how many documents it matched."""
        rows = read_units_csv(units) if isinstance(units, (str, Path)) else units
        docs = self.sql("SELECT doc, path, unit, year, level, region FROM documents")
        if docs.empty or not rows:
            return 0
        matched = docs[docs["doc"].isin(rows) | docs["path"].isin(rows)]
        if matched.empty:
            return 0
        fixed = apply_units(matched.assign(level=""), rows)
        self.con.execute("BEGIN TRANSACTION")
        try:
            for r in fixed.itertuples(index=False):
                self.con.execute(
                    "UPDATE documents SET unit = ?, year = ?, level = ?, region = ? WHERE doc = ?",
                    [r.unit, None if r.year is None or r.year != r.year else int(r.year), r.level, r.region, r.doc],
                )
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        return len(fixed)

    def _insert(self, name: str, frame: pd.DataFrame) -> None:
        if frame.empty:
            return
        cols = [c for c, _ in table_schema(name)]
        frame = frame.reindex(columns=cols)
        self.con.register("_batch", frame)
        try:
            quoted = ", ".join(f'"{c}"' for c in cols)
            self.con.execute(f"INSERT INTO {name} ({quoted}) SELECT {quoted} FROM _batch")
        finally:
            self.con.unregister("_batch")

    def _delete_docs(self, docs: list[str]) -> None:
        if not docs:
            return
        for name in (*RECORD_TABLES, "texts"):
            self.con.execute(f"DELETE FROM {name} WHERE list_contains(?, doc)", [docs])

    # -- analysis (each delegates to its module) -------------------------------------------------

    def cluster(self, *, k: int | None = None, threshold: float | None = None,
                embeddings: Callable[[list[str]], np.ndarray] | str | Path | None = None,
                use_lexicon: bool = True) -> pd.DataFrame:
        """Cluster the stored tasks across documents; see :func:`policytext.cluster.cluster_corpus`."""
        from .cluster import cluster_corpus

        return cluster_corpus(self, k=k, threshold=threshold, embeddings=embeddings, use_lexicon=use_lexicon)

    def reuse(self, *, threshold: float = 0.7, min_chars: int = 15) -> pd.DataFrame:
        """Find near-duplicate sentences shared between units; see :func:`policytext.reuse.reuse_corpus`."""
        from .reuse import reuse_corpus

        return reuse_corpus(self, threshold=threshold, min_chars=min_chars)

    def report(self, path: str | Path, *, by: str = "unit", unit: str | None = None) -> Path:
        """Write the comparative report (.html or .xlsx); see :func:`policytext.report.write_report`."""
        from .report import write_report

        return write_report(self, path, by=by, unit=unit)
