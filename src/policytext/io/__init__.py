"""Loaders, one module per format, all giving a :class:`~policytext.types.RawDocument`.

``load(path)`` picks the loader from the file's content first and its extension second,
so a .doc renamed .docx gets a message that says so instead of a zip error.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import UnreadableDocument
from ..types import RawDocument
from ._common import MAX_FILE_BYTES, ole_cause, sniff_format

__all__ = ["load", "SUPPORTED_SUFFIXES"]

SUPPORTED_SUFFIXES = (".docx", ".txt", ".md", ".markdown", ".text", ".doc", ".wps")


def load(path: str | Path) -> RawDocument:
    """Read one file into the common document model.

    Raises:
        UnreadableDocument: missing, empty, too large, corrupt, encrypted or wrongly named file.
        MissingDependency: a .doc/.wps file and no LibreOffice to convert it.
    """
    path = Path(path)
    if not path.exists():
        raise UnreadableDocument(path, "no such file")
    if path.is_dir():
        raise UnreadableDocument(path, "is a directory, not a document")
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UnreadableDocument(
            path, f"unknown extension {suffix or '(none)'}: expected one of {', '.join(SUPPORTED_SUFFIXES)}"
        )
    try:
        size = path.stat().st_size
        if size == 0:
            raise UnreadableDocument(path, "empty file")
        if size > MAX_FILE_BYTES:
            raise UnreadableDocument(path, f"file too large ({size} bytes; limit {MAX_FILE_BYTES})")
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError as exc:
        raise UnreadableDocument(path, f"cannot read: {exc.strerror or exc}") from exc
    kind = sniff_format(head)
    if suffix == ".docx":
        if kind == "ole":
            raise UnreadableDocument(path, ole_cause(path))
        if kind != "zip":
            raise UnreadableDocument(path, "not a .docx: the file is not a zip package")
        from .docx import load_docx

        return load_docx(path)
    if suffix in (".doc", ".wps"):
        if kind == "zip":
            from .docx import load_docx

            return load_docx(path)
        from .legacy import load_legacy

        return load_legacy(path)
    if kind in ("zip", "ole"):
        raise UnreadableDocument(path, f"binary {kind} content in a {suffix} file: rename it to its real type")
    from .text import load_text

    return load_text(path)
