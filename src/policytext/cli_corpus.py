"""Corpus commands of the CLI: ingest, cluster, report. Registered on the main app by ``cli.py``.

Each command parses its options and calls one method of :class:`policytext.store.Corpus`. Nothing
heavy is imported here at start-up (DuckDB, pandas and scikit-learn load inside the commands), so
``policytext extract`` stays fast.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

DbOpt = Annotated[Path, typer.Option("--db", help="The DuckDB file of the corpus.")]


class GroupBy(str, Enum):
    unit = "unit"
    year = "year"
    level = "level"


def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders of DOCX, TXT, MD, DOC or WPS documents.")],
    db: DbOpt,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", help="Worker processes (default: every core).")] = None,
    units: Annotated[Path | None, typer.Option(
        "--units", help="CSV with columns doc or path, unit, level, region, year that override the extracted ones.")] = None,
    timeout: Annotated[float, typer.Option(
        "--timeout", help="Seconds after which a file still being extracted is given up (with --jobs > 1).")] = 300,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Add documents, with all their tables, to a corpus store (unchanged files are skipped).

    Example: policytext ingest corpora/ --db corpus.duckdb --units units.csv
    """
    from .store import Corpus

    if jobs is not None and jobs < 1:
        raise typer.BadParameter("--jobs must be at least 1")
    with Corpus(db) as corpus:
        stats = corpus.ingest(paths, jobs=jobs, units=units, timeout=timeout,
                              progress=not quiet and sys.stderr.isatty())
        total = len(corpus)
    typer.echo(f"{db}: {stats}; {total} documents stored", err=True)
    if stats.failures:
        for f in stats.failures:
            typer.echo(f"  {f.path}: {f.cause}", err=True)
        raise typer.Exit(1)


def cluster(
    db: DbOpt,
    k: Annotated[int | None, typer.Option("--k", help="Number of clusters (default: the number of themes).")] = None,
    threshold: Annotated[float | None, typer.Option(
        "--threshold", help="Cosine distance under which clusters merge (e.g. 0.8), instead of --k.")] = None,
    embeddings: Annotated[Path | None, typer.Option(
        "--embeddings", help=".npy with one row per task (order: doc, then position) instead of TF-IDF.")] = None,
    no_lexicon: Annotated[bool, typer.Option("--no-lexicon", help="Do not use the theme cue words.")] = False,
    json_out: Annotated[Path | None, typer.Option(
        "--json-out", help="Also write the documents as SPEC JSON, each item with its cluster.")] = None,
) -> None:
    """Cluster the tasks of a corpus across documents and label each cluster.

    Example: policytext cluster --db corpus.duckdb --k 15 --json-out clustered.json
    """
    from .store import Corpus

    if k is not None and k < 1:
        raise typer.BadParameter("--k must be at least 1")
    with Corpus(db) as corpus:
        clusters = corpus.cluster(k=k, threshold=threshold, embeddings=embeddings, use_lexicon=not no_lexicon)
        for row in clusters.itertuples(index=False):
            typer.echo(f"{row.cluster:>4} {row.size:>5} tasks {row.n_units:>4} units  "
                       f"[{row.theme or '-'}] {row.label}  e.g. {row.example}")
        if json_out is not None:
            write_json(corpus, json_out)
            typer.echo(f"wrote {json_out}", err=True)


def write_json(corpus, path: Path) -> None:
    """Every stored document as a JSON list of SPEC objects, streamed one document at a time."""
    import json

    from .serialize import document_to_dict

    with open(path, "w", encoding="utf-8") as fh:
        fh.write("[")
        for i, doc in enumerate(corpus.documents()):
            fh.write(("," if i else "") + "\n" + json.dumps(document_to_dict(doc), ensure_ascii=False))
        fh.write("\n]\n")


def report(
    db: DbOpt,
    output: Annotated[Path, typer.Option("--output", "-o", help="report.html (one self-contained file) or report.xlsx.")],
    by: Annotated[GroupBy, typer.Option("--by", help="Compare units, years (one unit over time) or levels.")] = GroupBy.unit,
    unit: Annotated[str | None, typer.Option("--unit", help="With --by year: the unit to follow.")] = None,
) -> None:
    """Write a comparative report of the units (or years, or levels) of a corpus.

    Example: policytext report --db corpus.duckdb --by unit -o report.html
    """
    from .store import Corpus

    if output.suffix.lower() not in (".html", ".htm", ".xlsx"):
        raise typer.BadParameter("the report is .html or .xlsx", param_hint="--output")
    with Corpus(db) as corpus:
        path = corpus.report(output, by=by.value, unit=unit)
    typer.echo(f"wrote {path}", err=True)


def register(app: typer.Typer) -> None:
    """Add the corpus commands to the main app."""
    for fn in (ingest, cluster, report):
        app.command()(fn)
