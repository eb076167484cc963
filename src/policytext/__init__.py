"""policytext: read Chinese work-point documents, extract their outline, slogans, targets and
responsible bodies into pandas tables, and compare them across units.

In Python::

    import policytext as pt
    doc = pt.process("工作要点.docx")
    tables = pt.all_tables([doc])
"""

from .errors import PolicytextError, UnreadableDocument
from .io import load
from .pipeline import process, process_many, process_raw
from .tables import COLUMNS, all_tables
from .types import Body, Document, Item, RawDocument, Slogan, Target


def __getattr__(name: str):
    """Corpus, clustering and reports load DuckDB and scikit-learn: import them only when asked for."""
    lazy = {
        "Corpus": ("store", "Corpus"),
        "cluster_tasks": ("cluster", "cluster_tasks"),
        "find_reuse": ("reuse", "find_reuse"),
        "write_report": ("report", "write_report"),
        "to_spacy": ("spacy_doc", "to_spacy"),
    }
    if name in lazy:
        import importlib

        module, attr = lazy[name]
        return getattr(importlib.import_module(f".{module}", __name__), attr)
    raise AttributeError(f"module 'policytext' has no attribute {name!r}")


__all__ = [
    "COLUMNS",
    "Corpus",
    "cluster_tasks",
    "find_reuse",
    "to_spacy",
    "write_report",
    "Body",
    "Document",
    "Item",
    "PolicytextError",
    "RawDocument",
    "Slogan",
    "Target",
    "UnreadableDocument",
    "all_tables",
    "load",
    "process",
    "process_many",
    "process_raw",
]
__version__ = "0.1.0"
