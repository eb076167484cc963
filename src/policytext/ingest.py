"""Ingest: extract files in worker processes and write them to the corpus store, one batch per transaction.

Extraction runs in a pool of worker processes (``spawn``: the writer's DuckDB connection must not be
forked); this process is the only writer. A bounded number of files is in flight and a bounded batch
is held before it is written, so memory stays flat however many documents there are. Each batch is
one transaction: a killed ingest leaves whole documents only, and running it again completes it
(files whose content is stored are skipped by their SHA-256 before any extraction).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .store import RECORD_TABLES
from .types import Document
from .units import UnitInfo, apply_units, read_units_csv

if TYPE_CHECKING:
    import pandas as pd

    from .store import Corpus


@dataclass
class Extracted:
    """What a worker sends back for one file: the processed document (without its paragraphs)."""

    path: str
    sha256: str
    doc: Document


@dataclass(frozen=True)
class Failed:
    path: str
    cause: str


def _extract_one(path: str, sha256: str) -> Extracted | Failed:
    """Process one file in a worker; any exception becomes a :class:`Failed` so the batch goes on."""
    from .errors import UnreadableDocument
    from .pipeline import process

    try:
        doc = process(path)
    except UnreadableDocument as exc:
        return Failed(path, exc.cause)
    except Exception as exc:  # noqa: BLE001 - a bug in one extractor must not stop a corpus
        return Failed(path, f"{type(exc).__name__}: {exc}")
    doc.paragraphs = ()  # not stored; halves what goes back to the writer
    return Extracted(path, sha256 or doc.sha256, doc)


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


def _renamed(doc: Document, doc_id: str) -> Document:
    """The document under the id it is stored by (its stem, or ``stem~sha`` when another file has that stem)."""
    if doc.doc == doc_id:
        return doc
    for attr in ("items", "slogans", "targets", "bodies", "table_tasks"):
        setattr(doc, attr, [replace(r, doc=doc_id) for r in getattr(doc, attr)])
    doc.doc = doc_id
    return doc


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
        stem = result.doc.doc
        doc_id = stem if stem not in self.taken else f"{stem}~{result.sha256[:8]}"
        self.taken.add(doc_id)
        self.by_path[result.path] = doc_id
        self.done.append((result, doc_id, False))

    def _frames(self) -> dict[str, pd.DataFrame]:
        """The rows of the queued documents, one frame per table (built once per batch: pandas is slow per call)."""
        import pandas as pd

        from .tables import TABLE_BUILDERS

        docs = [_renamed(ex.doc, doc_id) for ex, doc_id, _ in self.done]
        frames = {name: TABLE_BUILDERS[name](docs) for name in RECORD_TABLES}
        now = dt.datetime.now()
        meta = frames["documents"]
        meta["path"] = [ex.path for ex, _, _ in self.done]
        meta["sha256"] = [ex.sha256 for ex, _, _ in self.done]
        meta["ingested_at"], meta["level"], meta["region"] = now, "", ""
        frames["documents"] = apply_units(meta, self.units)
        frames["texts"] = pd.DataFrame({"doc": [d.doc for d in docs], "text": [d.text for d in docs]})
        frames["errors"] = pd.DataFrame(
            {"path": [f.path for f in self.failed], "cause": [f.cause for f in self.failed], "time": now})
        return frames

    def flush(self) -> None:
        """Write the queued documents and failures in one transaction."""
        if not self.done and not self.failed:
            return
        frames = self._frames()
        con = self.corpus.con
        con.execute("BEGIN TRANSACTION")
        try:
            self.corpus._delete_docs([doc_id for _, doc_id, replaces in self.done if replaces])
            paths = [ex.path for ex, _, _ in self.done] + [f.path for f in self.failed]
            con.execute("DELETE FROM errors WHERE list_contains(?, path)", [paths])
            for name, frame in frames.items():
                self.corpus._insert(name, frame)
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


def ingest(
    corpus: Corpus,
    paths: Iterable[str | Path],
    *,
    jobs: int | None = None,
    units: str | Path | dict[str, UnitInfo] | None = None,
    batch: int = 32,
    timeout: float | None = 300,
    progress: bool = False,
    on_result: Callable[[str, str], None] | None = None,
) -> IngestStats:
    """Extract files in worker processes and store them; the arguments are those of :meth:`Corpus.ingest`.

    Files whose content is already stored are skipped before extraction (their hash is read first).
    """
    from .pipeline import expand_paths, file_sha256

    unit_rows = read_units_csv(units) if isinstance(units, (str, Path)) else (units or {})
    files = [str(p.resolve()) for p in expand_paths(paths)]
    stats = IngestStats()
    known_sha = {r[0] for r in corpus.con.execute("SELECT sha256 FROM documents").fetchall()}
    by_path = dict(corpus.con.execute("SELECT path, doc FROM documents").fetchall())
    taken = {r[0] for r in corpus.con.execute("SELECT doc FROM documents").fetchall()}
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
    writer = _BatchWriter(corpus, unit_rows, by_path, taken, stats, on_result)
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
        corpus.set_units(unit_rows)
    return stats
