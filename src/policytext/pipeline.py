"""The extraction pipeline: file → RawDocument → outline → metadata → slogans → targets → bodies.

Each step is one function in its own module; this module only wires them in order, so that a
notebook can call :func:`process` and get a :class:`~policytext.types.Document` with every table.
"""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .errors import PolicytextError, UnreadableDocument
from .io import load
from .types import Document, RawDocument


@contextmanager
def _no_gc_pauses() -> Iterator[None]:
    """Hold the cyclic garbage collector while a document is extracted.

    Extraction makes tens of thousands of short-lived objects and no reference cycles, so the collector
    finds nothing, yet each of its passes walks every object alive, the lexicons included: ~3% of the
    pipeline's time. Reference counting still frees everything; the collector runs again afterwards.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def process_raw(raw: RawDocument, *, sha256: str = "") -> Document:
    """Run every extractor over a loaded document."""
    with _no_gc_pauses():
        return _extract(raw, sha256)


def _extract(raw: RawDocument, sha256: str) -> Document:
    """The steps of :func:`process_raw`, in order."""
    from .extract.bodies import extract_bodies
    from .extract.slogans import extract_slogans
    from .extract.table_tasks import extract_table_tasks
    from .extract.targets import extract_targets
    from .metadata import extract_metadata
    from .outline import parse_outline

    items = parse_outline(raw)
    meta = extract_metadata(raw, items)
    doc = Document(
        doc=raw.doc,
        path=raw.path,
        format=raw.format,
        text=raw.text,
        unit=meta.unit,
        title=meta.title,
        year=meta.year,
        items=items,
        paragraphs=raw.paragraphs,
        sha256=sha256,
    )
    doc.slogans = list(extract_slogans(doc))
    doc.targets = list(extract_targets(doc))
    # Table rows first: bodies read from a task-breakdown table take the path of the task its row matched.
    doc.table_tasks = list(extract_table_tasks(raw, doc))
    doc.bodies = list(extract_bodies(doc))
    return doc


def file_sha256(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def process(path: str | Path) -> Document:
    """Load and extract one file.

    Raises:
        UnreadableDocument: the file cannot be read (the message names the file and the cause).

    Example:
        >>> from policytext import process  # doctest: +SKIP
        >>> doc = process("corpora/某县2021年党建工作要点.docx")  # doctest: +SKIP
    """
    raw = load(path)
    try:
        sha = file_sha256(path)
    except OSError as exc:
        raise UnreadableDocument(path, f"cannot read: {exc}") from exc
    return process_raw(raw, sha256=sha)


@dataclass(frozen=True)
class Failure:
    """A file of a batch that could not be processed."""

    path: str
    cause: str


def process_one(path: str | Path) -> Document | Failure:
    """Process one file; any error becomes a :class:`Failure` naming the cause in one line.

    Unexpected errors (bugs) are caught too, so that one odd file does not stop a batch of
    thousands; their cause says "internal error" and ``--debug`` shows the traceback.
    """
    try:
        return process(path)
    except PolicytextError as exc:
        cause = exc.cause if isinstance(exc, UnreadableDocument) else str(exc)
        return Failure(str(path), cause)
    except MemoryError:
        return Failure(str(path), "out of memory while reading the document")
    except Exception as exc:  # noqa: BLE001 - reported per file, the batch goes on
        first = str(exc).splitlines()[0] if str(exc) else ""
        return Failure(str(path), f"internal error: {type(exc).__name__}: {first}")


def process_many(paths: Iterable[str | Path]) -> Iterator[Document | Failure]:
    """Process files one after another; a file that fails yields a :class:`Failure`, the batch goes on."""
    for path in paths:
        yield process_one(path)


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files named directly, and the supported files inside any directory named (sorted, recursive).

    Inside a folder, README files and hidden files are passed over: they describe a corpus, they
    are not part of it. A file named directly is always taken.
    """
    from .io import SUPPORTED_SUFFIXES

    def wanted(f: Path) -> bool:
        return (
            f.is_file()
            and f.suffix.lower() in SUPPORTED_SUFFIXES
            and not f.name.startswith(".")
            and not f.stem.upper().startswith("README")
        )

    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if wanted(f)))
        else:
            out.append(p)
    return out
