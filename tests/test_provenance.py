"""The project never carries text copied from the development documents in ../shared.

Each of those documents forbids copying, so the check is a test: no file of the project (code,
lexicons, fixtures, sample corpus, notebooks) shares a run of ``RUN`` characters with them.
Runs this long are copied passages; shorter shared runs are the stock phrases of the genre
(以习近平新时代中国特色社会主义思想为指导，…) that any document may use.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RUN = 40
TEXT_SUFFIXES = {".py", ".txt", ".md", ".tsv", ".csv", ".json", ".jsonl", ".yaml", ".yml", ".ipynb", ".html", ".toml"}


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _project_files() -> list[Path]:
    skip = {".venv", ".git", "__pycache__", ".pytest_cache", ".ruff_cache", "out"}
    return [
        p for p in ROOT.rglob("*")
        if p.is_file() and p.suffix in TEXT_SUFFIXES and not skip & set(p.relative_to(ROOT).parts)
    ]


def test_no_project_file_copies_shared_documents(shared_dir: Path) -> None:
    grams: set[str] = set()
    for f in [*shared_dir.glob("corpora/seeds/*.txt"), *shared_dir.glob("corpora/external/*.txt")]:
        t = _squash(f.read_text(encoding="utf-8"))
        grams.update(t[i : i + RUN] for i in range(0, max(0, len(t) - RUN + 1)))
    assert grams, "no shared documents read"
    copied = []
    for f in _project_files():
        t = _squash(f.read_text(encoding="utf-8", errors="ignore"))
        hit = next((t[i : i + RUN] for i in range(0, max(0, len(t) - RUN + 1)) if t[i : i + RUN] in grams), None)
        if hit:
            copied.append(f"{f.relative_to(ROOT)}: {hit}")
    assert not copied, "text copied from ../shared:\n" + "\n".join(copied)


@pytest.mark.parametrize("suffix", [".py"])
def test_the_scan_covers_the_package(suffix: str) -> None:
    assert any(p.suffix == suffix and "policytext" in p.parts for p in _project_files())
