"""Named exceptions, with messages built in one place so they read the same everywhere."""

from __future__ import annotations

from pathlib import Path


class PolicytextError(Exception):
    """Base class of every error policytext raises on purpose."""


class UnreadableDocument(PolicytextError):
    """A file could not be read as a document: missing, empty, corrupt, encrypted, wrongly named.

    The message is one line that names the file and the cause, so a batch can list failures.
    """

    def __init__(self, path: str | Path, cause: str):
        self.path = str(path)
        self.cause = cause
        super().__init__(f"{self.path}: {cause}")


class MissingDependency(PolicytextError):
    """An optional tool (LibreOffice, a segmenter) is needed but not installed."""

    def __init__(self, what: str, hint: str):
        self.what = what
        self.hint = hint
        super().__init__(f"{what} is not installed: {hint}")


class UnknownLexicon(PolicytextError):
    """A lexicon file named by the user or the code does not exist or is malformed."""


class StoreError(PolicytextError):
    """The corpus store could not be opened or written."""
