"""The command line through typer's CliRunner: outputs, exit codes and one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policytext.cli import app

ROOT = Path(__file__).resolve().parent.parent

SAMPLE = """某县2023年机关党建工作要点

2023年，全县机关党建工作要坚持以习近平新时代中国特色社会主义思想为指导。
一、加强政治建设
（一）坚决做到“两个维护”。各级党组织要增强“四个意识”。
（二）落实请示报告制度。每季度至少报告1次。
二、夯实基层基础
（三）规范组织生活。严格落实“三会一课”制度。
"""


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture()
def sample(tmp_path: Path) -> Path:
    p = tmp_path / "plan.txt"
    p.write_text(SAMPLE, encoding="utf-8")
    return p


def test_extract_json_is_the_spec_object(runner: CliRunner, sample: Path) -> None:
    result = runner.invoke(app, ["extract", str(sample), "--format", "json"])
    assert result.exit_code == 0, result.output
    obj = json.loads(result.stdout)
    assert obj["doc"] == "plan"
    for key in ("unit", "title", "year", "items", "slogans", "targets", "bodies"):
        assert key in obj


def test_extract_jsonl_writes_one_line_per_document(runner: CliRunner, sample: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.txt"
    other.write_text(SAMPLE.replace("某县", "某区"), encoding="utf-8")
    result = runner.invoke(app, ["extract", str(sample), str(other), "--format", "jsonl"])
    assert result.exit_code == 0
    lines = result.stdout.strip().splitlines()
    assert [json.loads(line)["doc"] for line in lines] == ["plan", "other"]


def test_missing_file_is_one_line_naming_the_file(runner: CliRunner, tmp_path: Path) -> None:
    missing = tmp_path / "nope.docx"
    result = runner.invoke(app, ["extract", str(missing)])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"policytext: error: {missing}: no such file"


@pytest.mark.parametrize(
    ("name", "content", "cause"),
    [
        ("empty.txt", b"", "empty file"),
        ("notes.pdfx", b"abc", "unknown extension .pdfx"),
        ("fake.docx", "不是压缩包".encode(), "not a .docx"),
    ],
    ids=["empty", "unknown-extension", "text-named-docx"],
)
def test_bad_input_names_file_and_cause(runner: CliRunner, tmp_path: Path, name: str, content: bytes, cause: str) -> None:
    bad = tmp_path / name
    bad.write_bytes(content)
    result = runner.invoke(app, ["extract", str(bad)])
    assert result.exit_code == 1
    line = result.stderr.strip()
    assert "\n" not in line and "Traceback" not in line
    assert str(bad) in line and cause in line


def test_batch_goes_on_past_a_bad_file_and_lists_it(runner: CliRunner, sample: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = runner.invoke(app, ["extract", str(empty), str(sample), "--format", "jsonl"])
    assert result.exit_code == 1
    assert json.loads(result.stdout)["doc"] == "plan"
    assert "1 of 2 files failed" in result.stderr
    assert f"{empty}: empty file" in result.stderr


@pytest.mark.parametrize("fmt", ["csv", "parquet", "xlsx"])
def test_table_files_are_written(runner: CliRunner, sample: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["extract", str(sample), "-o", str(out), "--format", fmt])
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in out.iterdir())
    if fmt == "xlsx":
        assert written == ["policytext.xlsx"]
    else:
        assert f"items.{fmt}" in written and f"documents.{fmt}" in written
    assert not any(name.endswith(".tmp") for name in written)


def test_file_formats_need_an_output_folder(runner: CliRunner, sample: Path) -> None:
    result = runner.invoke(app, ["extract", str(sample), "--format", "parquet"])
    assert result.exit_code == 1
    assert "-o DIR" in result.stderr


def test_summary_shows_the_outline_tree(runner: CliRunner, sample: Path) -> None:
    result = runner.invoke(app, ["extract", str(sample)])
    assert result.exit_code == 0
    assert "== plan" in result.stdout
    assert "一、加强政治建设" in result.stdout


def test_checkout_entry_point_runs_the_same_cli(sample: Path) -> None:
    proc = subprocess.run(
        [sys.executable, str(ROOT / "cli.py"), "extract", str(sample), "--format", "json"],
        capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["doc"] == "plan"


def test_debug_shows_a_traceback(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    proc = subprocess.run(
        [sys.executable, "-m", "policytext", "--debug", "extract", str(missing)],
        capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode != 0
    assert "Traceback" in proc.stderr


@pytest.mark.parametrize(("command", "first_column"), [("slogans", "slogan"), ("bodies", "name")])
def test_across_compares_documents_by_unit(
    runner: CliRunner, sample: Path, tmp_path: Path, command: str, first_column: str
) -> None:
    other = tmp_path / "other.txt"
    other.write_text(SAMPLE.replace("某县", "某区"), encoding="utf-8")
    result = runner.invoke(app, [command, str(sample), str(other), "--across", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows and first_column in rows[0]
    # one count column per document's unit besides the row label
    assert len(rows[0]) >= 2


BAD_WORD_FILES = sorted((Path(__file__).parent / "data" / "docx").glob("bad_*.docx"))


@pytest.mark.parametrize("bad", BAD_WORD_FILES, ids=lambda p: p.stem)
def test_every_bad_word_file_is_one_line_and_exit_1(runner: CliRunner, bad: Path) -> None:
    result = runner.invoke(app, ["extract", str(bad), "--format", "json"])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"policytext: error: {bad}: ")
    assert result.stdout == ""


def test_a_batch_of_bad_word_files_lists_every_failure(runner: CliRunner, sample: Path) -> None:
    result = runner.invoke(app, ["extract", *map(str, BAD_WORD_FILES), str(sample), "--format", "jsonl"])
    assert result.exit_code == 1
    assert json.loads(result.stdout)["doc"] == "plan"
    assert f"{len(BAD_WORD_FILES)} of {len(BAD_WORD_FILES) + 1} files failed" in result.stderr
    for bad in BAD_WORD_FILES:
        assert f"  {bad}: " in result.stderr


def test_several_documents_get_task_clusters_in_json(runner: CliRunner, sample: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.txt"
    other.write_text(SAMPLE.replace("某县", "某区"), encoding="utf-8")
    result = runner.invoke(app, ["extract", str(sample), str(other), "--format", "json"])
    assert result.exit_code == 0, result.output
    docs = json.loads(result.stdout)
    tasks = [it for d in docs for it in d["items"] if it["is_task"]]
    assert tasks and all(isinstance(it["cluster"], int) for it in tasks)
    assert all("cluster" not in it for d in docs for it in d["items"] if not it["is_task"])
    # the same task text in both documents lands in the same cluster
    by_title: dict[str, set[int]] = {}
    for it in tasks:
        by_title.setdefault(it["title"], set()).add(it["cluster"])
    assert all(len(c) == 1 for c in by_title.values())

    plain = runner.invoke(app, ["extract", str(sample), str(other), "--format", "json", "--no-cluster"])
    assert all("cluster" not in it for d in json.loads(plain.stdout) for it in d["items"])
