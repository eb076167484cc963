"""Loaders, one module per format, all giving a :class:`~policytext.types.RawDocument`.

``load(path)`` picks the loader from the file's content first and its extension second,
so a .doc renamed .docx gets a message that says so instead of a zip error.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import UnreadableDocument
from ..types import RawDocument
from ._common import ole_cause, read_head, sniff_format

__all__ = ["load", "SUPPORTED_SUFFIXES"]

SUPPORTED_SUFFIXES = (".docx", ".txt", ".md", ".markdown", ".text", ".doc", ".wps")


def load(path: str | Path) -> RawDocument:
    """Read one file into the common document model.

    Raises:
        UnreadableDocument: missing, empty, too large, corrupt, encrypted or wrongly named file.
        MissingDependency: a .doc/.wps file and no LibreOffice to convert it.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if path.exists() and not path.is_dir() and suffix not in SUPPORTED_SUFFIXES:
        raise UnreadableDocument(
            path, f"unknown extension {suffix or '(none)'}: expected one of {', '.join(SUPPORTED_SUFFIXES)}"
        )
    head = read_head(path)
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
