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

__all__ = [
    "COLUMNS",
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
