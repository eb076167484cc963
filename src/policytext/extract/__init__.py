"""Extractors, one module per kind of record: slogans, targets, bodies, task-breakdown tables."""

from .bodies import extract_bodies
from .slogans import extract_slogans
from .table_tasks import extract_table_tasks
from .targets import extract_targets

__all__ = ["extract_bodies", "extract_slogans", "extract_table_tasks", "extract_targets"]
