"""Rule data kept as editable files, read at run time through importlib.resources and cached.

Each file names its sources in its header comment; README.md says which file to edit for which change.
"""

from __future__ import annotations

import csv
import functools
from importlib import resources
from pathlib import Path


def read_lines(name: str | Path) -> list[str]:
    """The lines of a lexicon file with ``#`` comments and blank lines dropped.

    A ``str`` names a file of this package; a ``Path`` is a researcher's own file.
    """
    if isinstance(name, Path):
        text = name.read_text(encoding="utf-8")
    else:
        text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def read_tsv(name: str | Path) -> list[dict[str, str]]:
    """Rows of a tab-separated lexicon (first non-comment line is the header) as dicts."""
    reader = csv.DictReader(read_lines(name), delimiter="\t", quoting=csv.QUOTE_NONE)
    return [{k: (v or "").strip() for k, v in row.items()} for row in reader]


# --- targets (policytext.extract.targets) ---------------------------------------------------


@functools.cache
def target_units() -> tuple[dict[str, str], ...]:
    """units.tsv: unit, kind, magnitude, requires, not_followed_by, note."""
    return tuple(read_tsv("units.tsv"))


@functools.cache
def quantity_words() -> tuple[dict[str, str], ...]:
    """quantity_words.tsv: word, kind (word | unit), value, unit, note."""
    return tuple(read_tsv("quantity_words.tsv"))


@functools.cache
def target_comparators() -> tuple[dict[str, str], ...]:
    """comparators.tsv: word, comparator, position, reach, note."""
    return tuple(read_tsv("comparators.tsv"))


@functools.cache
def target_periods() -> tuple[dict[str, str], ...]:
    """periods.tsv: id, pattern, starts, example, note."""
    return tuple(read_tsv("periods.tsv"))


# --- task-breakdown tables (policytext.extract.table_tasks) --------------------------------


@functools.cache
def table_headers() -> tuple[tuple[str, str], ...]:
    """table_headers.tsv: (field, header) pairs, longest header first."""
    rows = [(r["field"], r["header"]) for r in read_tsv("table_headers.tsv") if r.get("field") and r.get("header")]
    return tuple(sorted(rows, key=lambda fh: -len(fh[1])))


# --- slogans (policytext.extract.slogans) ---------------------------------------------------


@functools.cache
def load_slogan_lexicon(extra: Path | None = None) -> tuple[dict[str, str], ...]:
    """slogans.tsv rows, followed by the rows of a researcher's own TSV with the same columns.

    Columns: slogan, number, components, variants, match, first_year, source. A row of ``extra``
    with the same slogan as a packaged row replaces it (researchers correct as well as extend).
    """
    rows = {r["slogan"]: r for r in read_tsv("slogans.tsv") if r.get("slogan")}
    if extra is not None:
        rows.update({r["slogan"]: r for r in read_tsv(Path(extra)) if r.get("slogan")})
    return tuple(rows.values())


@functools.cache
def slogan_rules() -> dict[str, tuple[str, ...]]:
    """slogan_rules.tsv: the words of each role (measure, count, head, lead, frame, trigger, suffix)."""
    out: dict[str, list[str]] = {}
    for r in read_tsv("slogan_rules.tsv"):
        out.setdefault(r["role"], []).append(r["word"])
    return {role: tuple(words) for role, words in out.items()}


# --- bodies (policytext.extract.bodies) -----------------------------------------------------


@functools.cache
def body_terms() -> tuple[dict[str, str], ...]:
    """bodies.tsv: term, category, kind, level, flags, note (the parts of names and the words around them)."""
    return tuple(r for r in read_tsv("bodies.tsv") if r.get("term") and r.get("category"))


@functools.cache
def body_patterns() -> tuple[dict[str, str], ...]:
    """bodies.jsonl: whole names as spaCy EntityRuler phrase patterns ({"label", "pattern", "id"})."""
    import json

    return tuple(json.loads(line) for line in read_lines("bodies.jsonl"))


# --- metadata (policytext.metadata) ---------------------------------------------------------


@functools.cache
def unit_name_suffixes() -> tuple[str, ...]:
    """Endings of unit names, longest first: unit_levels.tsv suffixes plus issuer_suffixes.tsv."""
    names = {r["suffix"] for r in read_tsv("unit_levels.tsv") if r.get("suffix")}
    names.update(r["suffix"] for r in read_tsv("issuer_suffixes.tsv") if r.get("suffix"))
    return tuple(sorted(names, key=lambda s: (-len(s), s)))


# --- corpus store and clustering (policytext.store, policytext.cluster) --------------------


@functools.cache
def unit_levels() -> tuple[tuple[str, str], ...]:
    """unit_levels.tsv: (suffix, level), longest suffix first; level "-" marks a generic organ word."""
    rows = [(r["suffix"], r["level"]) for r in read_tsv("unit_levels.tsv") if r.get("suffix")]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


def topic_cues(path: str | Path = "topics.tsv") -> list[tuple[str, list[str]]]:
    """topics.tsv (or a researcher's file of the same shape): (theme, cue words) in file order."""
    return [(r["theme"], r["cues"].split()) for r in read_tsv(path) if r.get("theme")]


@functools.cache
def filler_words() -> frozenset[str]:
    """filler_words.txt: words too common to label a cluster of tasks."""
    return frozenset(w for line in read_lines("filler_words.txt") for w in line.split())
