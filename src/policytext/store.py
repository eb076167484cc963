"""The corpus store: every table of many documents in one DuckDB file.

Documents are keyed by the SHA-256 of their file's content: ingesting the same content again is
a no-op, and a file whose content changed at the same path has its rows replaced in one
transaction. Extraction runs in a pool of worker processes; this process is the only writer and
commits one batch of documents per transaction, so a killed ingest leaves a consistent store and
running it again completes it. Results are streamed (a bounded number of files in flight, a
bounded batch in memory), so memory stays flat however many documents are ingested.

In Python::

    from policytext import Corpus
    with Corpus("corpus.duckdb") as corpus:
        corpus.ingest(["corpora/"])
        tables = corpus.tables()

CLI: ``policytext ingest corpora/ --db corpus.duckdb``.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import typing
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, fields
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import StoreError
from .tables import COLUMNS
from .types import Body, Document, Item, Slogan, Target

if TYPE_CHECKING:
    import duckdb
    import numpy as np
    import pandas as pd

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
# Unit metadata


def unit_level(unit: str) -> str:
    """Tier of a unit from the suffix of its name; "" when no suffix of lexicons/unit_levels.tsv fits.

    >>> unit_level("某县"), unit_level("×市"), unit_level("XX局"), unit_level("某某集团有限公司")
    ('县', '市', '局', '公司')
    >>> unit_level("县直机关"), unit_level(""), unit_level("某县人民政府"), unit_level("政府")
    ('机关', '', '县', '')
    """
    from .lexicons import unit_levels

    name = unit.strip().rstrip("）)")
    while name:
        suffix, level = next(((s, lv) for s, lv in unit_levels() if name.endswith(s)), ("", ""))
        if level != "-":
            return level
        name = name[: -len(suffix)]  # a generic organ word (人民政府, 党委): look at what precedes it
    return ""


@dataclass(frozen=True)
class UnitInfo:
    """Metadata a researcher supplies for a document (a row of units.csv); "" / None keep the extracted value."""

    unit: str = ""
    level: str = ""
    region: str = ""
    year: int | None = None


def read_units_csv(path: str | Path) -> dict[str, UnitInfo]:
    """Rows of a units CSV (columns ``doc`` or ``path``, and ``unit``, ``level``, ``region``, ``year``).

    Returns a mapping from the document id (file stem) or the resolved file path to its metadata.

    Raises:
        StoreError: the file is missing or has neither a ``doc`` nor a ``path`` column.
    """
    try:
        fh = open(path, encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise StoreError(f"{path}: cannot read the units file: {exc.strerror or exc}") from exc
    with fh:
        reader = csv.DictReader(fh)
        header = {h.strip() for h in reader.fieldnames or []}
        if not header & {"doc", "path"}:
            raise StoreError(f"{path}: the units file needs a 'doc' or 'path' column (has {sorted(header)})")
        out: dict[str, UnitInfo] = {}
        for row in reader:
            row = {k.strip(): (v or "").strip() for k, v in row.items() if k}
            year = row.get("year", "")
            info = UnitInfo(row.get("unit", ""), row.get("level", ""), row.get("region", ""),
                            int(year) if year.isdigit() else None)
            if row.get("doc"):
                out[row["doc"]] = info
            if row.get("path"):
                out[str(Path(row["path"]).resolve())] = info
    return out


def _apply_units(frame: pd.DataFrame, units: dict[str, UnitInfo]) -> pd.DataFrame:
    """Fill level from the unit's name, then let the researcher's units file override unit/level/region/year."""
    frame = frame.copy()
    for i, row in frame.iterrows():
        info = units.get(row["doc"]) or units.get(row["path"])
        if info:
            for col in ("unit", "level", "region"):
                if getattr(info, col):
                    frame.at[i, col] = getattr(info, col)
            if info.year is not None:
                frame.at[i, "year"] = info.year
        if not frame.at[i, "level"]:
            frame.at[i, "level"] = unit_level(str(frame.at[i, "unit"] or ""))
    return frame


# --------------------------------------------------------------------------------------------------
# Extraction in worker processes


@dataclass
class Extracted:
    """What a worker sends back for one file: its tables (one document's rows) and its text."""

    path: str
    sha256: str
    tables: dict[str, Any]
    text: str


@dataclass(frozen=True)
class Failed:
    path: str
    cause: str


def _extract_one(path: str, sha256: str) -> Extracted | Failed:
    """Process one file in a worker; any exception becomes a :class:`Failed` so the batch goes on."""
    from .errors import UnreadableDocument
    from .pipeline import process
    from .tables import TABLE_BUILDERS

    try:
        doc = process(path)
        tables = {name: build([doc]) for name, build in TABLE_BUILDERS.items() if name in RECORD_TABLES}
        return Extracted(path, sha256 or doc.sha256, tables, doc.text)
    except UnreadableDocument as exc:
        return Failed(path, exc.cause)
    except Exception as exc:  # noqa: BLE001 - a bug in one extractor must not stop a corpus
        return Failed(path, f"{type(exc).__name__}: {exc}")


def _extract_stream(todo: list[tuple[str, str]], jobs: int,
                    timeout: float | None = None) -> Iterator[Extracted | Failed]:
    """Results of :func:`_extract_one` as they finish, with at most ``2 * jobs`` files in flight.

    A file still unfinished ``timeout`` seconds after it was handed out (a pathological document)
    becomes a :class:`Failed`: the workers are stopped, and the other files in flight go to a new pool.
    """
    if jobs <= 1:
        for path, sha in todo:
            yield _extract_one(path, sha)
        return
    import multiprocessing
    import time
    from collections import deque
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    queue = deque(todo)
    # spawn: the writer holds an open DuckDB connection whose threads must not be forked.
    context = multiprocessing.get_context("spawn")
    while queue:
        with ProcessPoolExecutor(jobs, mp_context=context) as pool:
            pending: dict = {}  # future → (path, sha), handed-out time
            while queue or pending:
                while len(pending) < 2 * jobs and queue:
                    item = queue.popleft()
                    pending[pool.submit(_extract_one, *item)] = (item, time.monotonic())
                done, _ = wait(pending, timeout=1.0 if timeout else None, return_when=FIRST_COMPLETED)
                broken = False
                for fut in done:
                    item, _ = pending.pop(fut)
                    try:
                        yield fut.result()
                    except BrokenProcessPool:  # a worker died (out of memory, a crash in a C library)
                        broken = True
                        yield Failed(item[0], "a worker process died while this file was in flight (rerun to retry)")
                if broken:
                    queue.extendleft(reversed([item for item, _ in pending.values()]))
                    break
                now = time.monotonic()
                overdue = [f for f, (_, t) in pending.items() if timeout and now - t > timeout]
                if overdue:
                    for f in overdue:
                        yield Failed(pending.pop(f)[0][0], f"extraction took longer than {timeout:g} s")
                    queue.extendleft(reversed([item for item, _ in pending.values()]))
                    for proc in list(getattr(pool, "_processes", {}).values()):
                        proc.kill()  # a worker stuck in a regular expression cannot be interrupted otherwise
                    break


@dataclass
class IngestStats:
    """Counts of one ingest run."""

    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    failed: int = 0
    failures: list[Failed] = field(default_factory=list)

    def __str__(self) -> str:
        return (f"{self.added} added, {self.replaced} replaced, {self.unchanged} unchanged, "
                f"{self.failed} failed")


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

    def __init__(self, path: str | Path = ":memory:", *, read_only: bool = False, memory_limit: str = "512MB"):
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
        """The record tables (documents, items, tasks, slogans, targets, bodies) plus clusters and reuse."""
        return {name: self.table(name) for name in (*RECORD_TABLES, "clusters", "reuse", "errors")}

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
        """Extract and store files (folders are read recursively); return what happened.

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
        from .pipeline import expand_paths, file_sha256

        unit_rows = read_units_csv(units) if isinstance(units, (str, Path)) else (units or {})
        files = [str(p.resolve()) for p in expand_paths(paths)]
        stats = IngestStats()
        known_sha = {r[0] for r in self.con.execute("SELECT sha256 FROM documents").fetchall()}
        by_path = dict(self.con.execute("SELECT path, doc FROM documents").fetchall())
        taken = {r[0] for r in self.con.execute("SELECT doc FROM documents").fetchall()}
        todo: list[tuple[str, str]] = []
        seen: set[str] = set()
        for path in files:
            try:
                sha = file_sha256(path)
            except OSError:
                sha = ""  # the worker reports why the file cannot be read
            if sha and (sha in known_sha or sha in seen):
                stats.unchanged += 1
                if on_result:
                    on_result(path, "unchanged")
                continue
            seen.add(sha)
            todo.append((path, sha))

        bar = None
        if progress:
            from tqdm import tqdm

            bar = tqdm(total=len(files), initial=stats.unchanged, unit="doc", desc="ingest", leave=False)
        writer = _BatchWriter(self, unit_rows, by_path, taken, stats, on_result)
        try:
            for result in _extract_stream(todo, jobs or os.cpu_count() or 1, timeout):
                writer.add(result)
                if len(writer) >= batch:
                    writer.flush()
                if bar is not None:
                    bar.update(1)
            writer.flush()
        finally:
            if bar is not None:
                bar.close()
        if unit_rows:
            self.set_units(unit_rows)
        return stats

    def set_units(self, units: str | Path | dict[str, UnitInfo]) -> int:
        """Apply a units CSV to the stored documents; returns how many documents it matched."""
        rows = read_units_csv(units) if isinstance(units, (str, Path)) else units
        docs = self.sql("SELECT doc, path, unit, year, level, region FROM documents")
        if docs.empty or not rows:
            return 0
        matched = docs[docs["doc"].isin(rows) | docs["path"].isin(rows)]
        if matched.empty:
            return 0
        fixed = _apply_units(matched.assign(level=""), rows)
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


class _BatchWriter:
    """Collects extracted documents and writes a batch of them in one transaction (the only writer)."""

    def __init__(self, corpus: Corpus, units: dict[str, UnitInfo], by_path: dict[str, str], taken: set[str],
                 stats: IngestStats, on_result: Callable[[str, str], None] | None):
        self.corpus = corpus
        self.units = units
        self.by_path = by_path  # stored path → doc id
        self.taken = taken  # doc ids in use
        self.stats = stats
        self.on_result = on_result
        self.done: list[tuple[Extracted, str, bool]] = []  # (result, doc id, replaces a stored document)
        self.failed: list[Failed] = []

    def __len__(self) -> int:
        return len(self.done) + len(self.failed)

    def add(self, result: Extracted | Failed) -> None:
        """Queue a result; a new document gets its id now: the file stem, or ``stem~sha`` when the stem is taken."""
        if isinstance(result, Failed):
            self.failed.append(result)
            return
        old = self.by_path.get(result.path)
        if old is not None:
            self.done.append((result, old, True))
            return
        stem = str(result.tables["documents"]["doc"].iloc[0])
        doc_id = stem if stem not in self.taken else f"{stem}~{result.sha256[:8]}"
        self.taken.add(doc_id)
        self.by_path[result.path] = doc_id
        self.done.append((result, doc_id, False))

    def _frames(self) -> dict[str, list[pd.DataFrame]]:
        import pandas as pd

        now = dt.datetime.now()
        frames: dict[str, list[pd.DataFrame]] = {name: [] for name in (*RECORD_TABLES, "texts", "errors")}
        for ex, doc_id, _ in self.done:
            for name, df in ex.tables.items():
                if name == "documents":
                    df = _apply_units(df.assign(doc=doc_id, path=ex.path, sha256=ex.sha256, ingested_at=now,
                                                level="", region=""), self.units)
                if not df.empty:
                    frames[name].append(df.assign(doc=doc_id))
            frames["texts"].append(pd.DataFrame({"doc": [doc_id], "text": [ex.text]}))
        if self.failed:
            frames["errors"].append(pd.DataFrame(
                {"path": [f.path for f in self.failed], "cause": [f.cause for f in self.failed], "time": now}))
        return frames

    def flush(self) -> None:
        """Write the queued documents and failures in one transaction."""
        if not self.done and not self.failed:
            return
        import pandas as pd

        frames = self._frames()
        con = self.corpus.con
        con.execute("BEGIN TRANSACTION")
        try:
            self.corpus._delete_docs([doc_id for _, doc_id, replaces in self.done if replaces])
            paths = [ex.path for ex, _, _ in self.done] + [f.path for f in self.failed]
            con.execute("DELETE FROM errors WHERE list_contains(?, path)", [paths])
            for name, parts in frames.items():
                if parts:
                    self.corpus._insert(name, pd.concat(parts, ignore_index=True))
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        for ex, _, replaces in self.done:
            what = "replaced" if replaces else "added"
            self.stats.added += not replaces
            self.stats.replaced += replaces
            if self.on_result:
                self.on_result(ex.path, what)
        for f in self.failed:
            self.stats.failed += 1
            self.stats.failures.append(f)
            if self.on_result:
                self.on_result(f.path, f"failed: {f.cause}")
        self.done, self.failed = [], []
