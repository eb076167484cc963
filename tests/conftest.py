"""Shared fixtures: where ../shared lives, and a marker that skips tests when it is absent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("POLICYTEXT_SHARED", ROOT.parent / "shared"))
DATA = Path(__file__).resolve().parent / "data"
CORPORA = ROOT / "corpora"

requires_shared = pytest.mark.skipif(
    not (SHARED / "corpora" / "seeds").is_dir(), reason=f"../shared is not present at {SHARED}"
)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The ../shared folder; the test is skipped when it is absent."""
    if not (SHARED / "corpora" / "seeds").is_dir():
        pytest.skip(f"../shared is not present at {SHARED}")
    return SHARED


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA
