"""The command line: a thin face of the library. Each command parses options and calls one function.

Named exceptions become a one-line message on standard error and a non-zero exit; ``--debug``
shows the traceback instead. Results go to standard output, messages to standard error.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from .errors import PolicytextError

app = typer.Typer(
    name="policytext",
    help="Extract outlines, slogans, targets and bodies from Chinese work-point documents; compare units.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

_state = {"debug": False}


@app.callback()
def _main(debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks on errors.")] = False) -> None:
    _state["debug"] = debug


class OutputFormat(str, Enum):
    summary = "summary"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    xlsx = "xlsx"
    parquet = "parquet"


def fail(message: str, code: int = 1) -> None:
    """Print one line to standard error and exit."""
    typer.echo(f"policytext: error: {message}", err=True)
    raise typer.Exit(code)


def _process_files(files: list[Path]):
    """Process every file; return the documents and the failures (path, cause)."""
    from .pipeline import Failure, expand_paths, process, process_many

    docs, failures = [], []
    paths = expand_paths(files)
    if not paths:
        fail("no input files")
    if _state["debug"]:  # let the first error propagate with its traceback
        return [process(p) for p in paths], failures
    for result in process_many(paths):
        if isinstance(result, Failure):
            failures.append(result)
            typer.echo(f"policytext: error: {result.path}: {result.cause}", err=True)
        else:
            docs.append(result)
    return docs, failures


def _report_failures(failures, total: int) -> None:
    if failures:
        if total > 1:
            typer.echo(f"policytext: {len(failures)} of {total} files failed:", err=True)
            for f in failures:
                typer.echo(f"  {f.path}: {f.cause}", err=True)
        raise typer.Exit(1)


FilesArg = Annotated[list[Path], typer.Argument(help="DOCX, TXT, MD, DOC or WPS files, or folders of them.")]


@app.command()
def extract(
    files: FilesArg,
    format: Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")] = OutputFormat.summary,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Folder for csv/xlsx/parquet files.")] = None,
    cluster: Annotated[
        bool | None,
        typer.Option("--cluster/--no-cluster", help="Cluster tasks across the documents (default: for data output of several documents)."),
    ] = None,
) -> None:
    """Extract the outline, slogans, targets and bodies of documents.

    With several documents, their tasks are also clustered across documents and each task item
    carries its ``cluster`` (turn off with --no-cluster).

    Example: policytext extract 工作要点.docx --format json > out.json
    """
    docs, failures = _process_files(files)
    if cluster if cluster is not None else (len(docs) > 1 and format is not OutputFormat.summary):
        from .cluster import cluster_documents

        cluster_documents(docs)
    if format in (OutputFormat.json, OutputFormat.jsonl):
        from .serialize import dumps

        if docs:
            sys.stdout.write(dumps(docs, lines=format is OutputFormat.jsonl))
    elif format in (OutputFormat.csv, OutputFormat.xlsx, OutputFormat.parquet):
        if output is None:
            fail(f"--format {format.value} writes files: give a folder with -o DIR")
        from .export import write_tables
        from .tables import all_tables

        written = write_tables(all_tables(docs), output, format.value)
        for p in written:
            typer.echo(f"wrote {p}", err=True)
    else:
        from .summary import document_summary

        for d in docs:
            typer.echo(document_summary(d))
    _report_failures(failures, len(docs) + len(failures))


def _table_command(
    name: str, files: list[Path], format: OutputFormat, output: Path | None, across: bool = False
) -> None:
    docs, failures = _process_files(files)
    from .tables import ACROSS_BUILDERS, TABLE_BUILDERS

    df = ACROSS_BUILDERS[name](docs).reset_index() if across else TABLE_BUILDERS[name](docs)
    if across:
        name = f"{name}_across"
    if format is OutputFormat.json:
        sys.stdout.write(df.to_json(orient="records", force_ascii=False, indent=1) + "\n")
    elif format is OutputFormat.jsonl:
        sys.stdout.write(df.to_json(orient="records", force_ascii=False, lines=True) + "\n")
    elif format in (OutputFormat.csv, OutputFormat.xlsx, OutputFormat.parquet):
        if output is None:
            df.to_csv(sys.stdout, index=False) if format is OutputFormat.csv else fail(
                f"--format {format.value} writes files: give a folder with -o DIR"
            )
        else:
            from .export import write_tables

            for p in write_tables({name: df}, output, format.value):
                typer.echo(f"wrote {p}", err=True)
    else:
        from .summary import table_summary

        typer.echo(table_summary(name, df))
    _report_failures(failures, len(docs) + len(failures))


FormatOpt = Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")]
OutOpt = Annotated[Path | None, typer.Option("--output", "-o", help="Folder for csv/xlsx/parquet files.")]
AcrossOpt = Annotated[
    bool, typer.Option("--across", help="Compare documents: one column per unit instead of one row per mention.")
]


@app.command()
def slogans(
    files: FilesArg, format: FormatOpt = OutputFormat.summary, output: OutOpt = None, across: AcrossOpt = False
) -> None:
    """List the numeric slogans (提法) of documents with their components.

    With --across, the formula × unit table of all the documents.

    Example: policytext slogans 工作要点.docx
    """
    _table_command("slogans", files, format, output, across)


@app.command()
def targets(
    files: FilesArg, format: FormatOpt = OutputFormat.summary, output: OutOpt = None, across: AcrossOpt = False
) -> None:
    """List the quantitative targets of documents: value, unit, comparator, period.

    With --across, targets side by side by indicator, one column per document.

    Example: policytext targets 工作要点.docx --format csv
    """
    _table_command("targets", files, format, output, across)


@app.command()
def bodies(
    files: FilesArg, format: FormatOpt = OutputFormat.summary, output: OutOpt = None, across: AcrossOpt = False
) -> None:
    """List the responsible bodies of documents and their roles (lead, support, mention).

    With --across, the body × unit table of all the documents.

    Example: policytext bodies 工作要点.docx
    """
    _table_command("bodies", files, format, output, across)


@app.command()
def tasks(files: FilesArg, format: FormatOpt = OutputFormat.summary, output: OutOpt = None) -> None:
    """List the tasks (items with no numbered children), with lead units from attachment tables.

    Example: policytext tasks 任务分解.docx
    """
    _table_command("tasks", files, format, output)


def _register_corpus_commands() -> None:
    try:
        from .cli_corpus import register
    except ImportError:  # pragma: no cover - the corpus commands ship with the package
        return
    register(app)


_register_corpus_commands()


def main() -> None:
    """Entry point of the ``policytext`` console script."""
    try:
        app()
    except PolicytextError as exc:
        if _state["debug"]:
            raise
        typer.echo(f"policytext: error: {exc}", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        typer.echo("policytext: interrupted", err=True)
        sys.exit(130)
