"""The corpus store: content-keyed ingest, replacement, failures, unit metadata, crash consistency."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from policytext import COLUMNS, process
from policytext.store import Corpus, table_schema
from policytext.units import UnitInfo, read_units_csv

CORPUS = Path(__file__).resolve().parent / "data" / "corpus"

# Columns whose value is the time of the run, left out when two stores are compared.
TIME_COLUMNS = {"ingested_at", "time"}


@pytest.fixture()
def docs_dir(tmp_path: Path) -> Path:
    """A copy of the small fictional corpus (four documents of three units)."""
    target = tmp_path / "docs"
    shutil.copytree(CORPUS, target)
    return target


@pytest.fixture()
def corpus(docs_dir: Path, tmp_path: Path):
    with Corpus(tmp_path / "corpus.duckdb") as c:
        c.ingest([docs_dir], jobs=1)
        yield c


def snapshot(corpus: Corpus) -> dict[str, list[tuple]]:
    """Every table's rows, sorted, without run times: what must be equal between two stores."""
    out = {}
    for name, df in corpus.tables().items():
        df = df.drop(columns=[c for c in df.columns if c in TIME_COLUMNS]).drop(columns=["path"], errors="ignore")
        rows = [tuple(str(v) for v in row) for row in df.itertuples(index=False)]
        out[name] = sorted(rows)
    out["texts"] = sorted(map(tuple, corpus.table("texts").astype(str).values.tolist()))
    return out


def test_ingest_stores_every_table_with_documented_columns(corpus: Corpus) -> None:
    tables = corpus.tables()
    assert len(tables["documents"]) == 4
    for name, cols in COLUMNS.items():
        documented = [c for c, _ in cols]
        assert list(tables[name].columns[: len(documented)]) == documented, name
    assert len(tables["items"]) > 0
    assert set(tables["items"]["doc"]) == set(tables["documents"]["doc"])
    assert {"level", "region"} <= set(tables["documents"].columns)


def test_stored_document_reads_back_like_a_processed_one(corpus: Corpus, docs_dir: Path) -> None:
    fresh = process(docs_dir / "county_2021.txt")
    stored = next(corpus.documents(["county_2021"]))
    assert stored.text == fresh.text
    assert stored.sha256 == fresh.sha256
    assert [(i.path, i.title, i.level, i.is_task) for i in stored.items] == [
        (i.path, i.title, i.level, i.is_task) for i in fresh.items]
    assert len(stored.targets) == len(fresh.targets)


def test_reingesting_the_same_content_is_a_no_op(corpus: Corpus, docs_dir: Path, tmp_path: Path) -> None:
    before = snapshot(corpus)
    stats = corpus.ingest([docs_dir], jobs=1)
    assert (stats.added, stats.replaced, stats.unchanged) == (0, 0, 4)
    copy = tmp_path / "elsewhere" / "same.txt"  # same content at another path: still the same document
    copy.parent.mkdir()
    shutil.copy(docs_dir / "county_2021.txt", copy)
    assert corpus.ingest([copy], jobs=1).unchanged == 1
    assert snapshot(corpus) == before


def test_changed_file_at_the_same_path_replaces_its_rows(corpus: Corpus, docs_dir: Path) -> None:
    path = docs_dir / "company_2022.txt"
    old_items = len(corpus.sql("SELECT * FROM items WHERE doc = 'company_2022'"))
    path.write_text(path.read_text(encoding="utf-8") + "七、加强保密工作\n（九）落实保密工作责任制。\n", encoding="utf-8")
    stats = corpus.ingest([path], jobs=1)
    assert (stats.added, stats.replaced) == (0, 1)
    assert len(corpus) == 4
    new_items = corpus.sql("SELECT * FROM items WHERE doc = 'company_2022'")
    assert len(new_items) > old_items
    assert "保密" in " ".join(new_items["title"])
    assert corpus.sql("SELECT count(*) AS n FROM texts WHERE doc = 'company_2022'")["n"][0] == 1


def test_same_stem_in_two_folders_gets_two_ids(tmp_path: Path) -> None:
    for sub, unit in (("a", "某县"), ("b", "某区")):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "2022.txt").write_text(f"{unit}2022年党建工作要点\n一、加强政治建设\n（一）坚决做到两个维护。\n",
                                                 encoding="utf-8")
    with Corpus(tmp_path / "c.duckdb") as c:
        c.ingest([tmp_path / "a", tmp_path / "b"], jobs=1)
        ids = sorted(c.table("documents")["doc"])
    assert len(ids) == 2 and ids[0] == "2022" and ids[1].startswith("2022~")


def test_failures_go_to_the_errors_table_and_leave_when_fixed(tmp_path: Path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    with Corpus(tmp_path / "c.duckdb") as c:
        stats = c.ingest([bad], jobs=1)
        assert stats.failed == 1
        errors = c.table("errors")
        assert errors["path"].tolist() == [str(bad.resolve())]
        assert "empty" in errors["cause"][0]
        bad.write_text("某县党建工作要点\n一、加强政治建设\n", encoding="utf-8")
        assert c.ingest([bad], jobs=1).added == 1
        assert c.table("errors").empty


def test_units_csv_overrides_extracted_metadata(corpus: Corpus, docs_dir: Path, tmp_path: Path) -> None:
    csv = tmp_path / "units.csv"
    csv.write_text("doc,path,unit,level,region,year\n"
                   "county_2021,,某县,,东部,\n"
                   f",{docs_dir / 'company_2022.txt'},某集团公司,企业,,2023\n", encoding="utf-8")
    rows = read_units_csv(csv)
    assert rows["county_2021"] == UnitInfo("某县", "", "东部", None)
    assert corpus.set_units(csv) == 2
    docs = corpus.table("documents").set_index("doc")
    assert docs.loc["county_2021", "region"] == "东部"
    assert docs.loc["county_2021", "level"] == "县"  # not in the file: from the unit's suffix
    assert docs.loc["company_2022", "unit"] == "某集团公司"
    assert docs.loc["company_2022", "level"] == "企业"
    assert docs.loc["company_2022", "year"] == 2023


def test_parallel_ingest_stores_the_same_as_serial(docs_dir: Path, tmp_path: Path) -> None:
    with Corpus(tmp_path / "one.duckdb") as a, Corpus(tmp_path / "two.duckdb") as b:
        a.ingest([docs_dir], jobs=1)
        b.ingest([docs_dir], jobs=2, batch=1)
        assert snapshot(a) == snapshot(b)


def test_schema_follows_the_record_types() -> None:
    types = dict(table_schema("items"))
    assert types["level"] == "BIGINT" and types["is_task"] == "BOOLEAN" and types["cluster"] == "BIGINT"
    assert dict(table_schema("slogans"))["components"] == "VARCHAR[]"
    assert dict(table_schema("bodies"))["level"] == "VARCHAR"


def _many_documents(folder: Path, n: int) -> None:
    """n distinct small documents (their titles differ) from the fictional corpus."""
    folder.mkdir()
    base = sorted(CORPUS.glob("*.txt"))
    for i in range(n):
        title, rest = base[i % len(base)].read_text(encoding="utf-8").split("\n", 1)
        (folder / f"doc{i:03d}.txt").write_text(f"{title}（第{i}稿）\n{rest}", encoding="utf-8")


def test_killed_ingest_leaves_a_consistent_store_that_a_rerun_completes(tmp_path: Path) -> None:
    """SIGKILL half-way through, rerun: the store equals one clean run's, table by table."""
    docs = tmp_path / "many"
    _many_documents(docs, 40)
    killed_db = tmp_path / "killed.duckdb"
    script = textwrap.dedent(f"""
        import sys, time
        from policytext.store import Corpus
        def slow(path, what):
            print(what, path, flush=True)
            time.sleep(0.05)
        with Corpus({str(killed_db)!r}) as c:
            c.ingest([{str(docs)!r}], jobs=1, batch=3, on_result=slow)
    """)
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    seen = 0
    for _ in proc.stdout:
        seen += 1
        if seen == 10:
            os.kill(proc.pid, signal.SIGKILL)
            break
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL, "the ingest finished before it could be killed"
    with Corpus(killed_db) as c:
        partial = len(c)
        assert 10 <= partial < 40
        # Every stored document has its text and its items: no half-written document.
        assert c.sql("SELECT count(*) AS n FROM documents d LEFT JOIN texts t USING (doc) WHERE t.doc IS NULL")["n"][0] == 0
        stats = c.ingest([docs], jobs=2)
        assert stats.added == 40 - partial and stats.unchanged == partial
        resumed = snapshot(c)
    with Corpus(tmp_path / "clean.duckdb") as c:
        c.ingest([docs], jobs=1)
        assert resumed == snapshot(c)


def test_files_over_the_time_limit_fail_and_a_rerun_adds_them(docs_dir: Path, tmp_path: Path) -> None:
    with Corpus(tmp_path / "c.duckdb") as c:
        first = c.ingest([docs_dir], jobs=2, timeout=1e-6)
        assert first.failed >= 1 and first.added + first.failed == 4
        assert all("longer than" in f.cause for f in first.failures)
        assert len(c.table("errors")) == first.failed
        second = c.ingest([docs_dir], jobs=2)
        assert (second.added, second.unchanged, second.failed) == (first.failed, first.added, 0)
        assert c.table("errors").empty


def test_ingest_command(docs_dir: Path, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from policytext.cli import app

    db = tmp_path / "cli.duckdb"
    result = CliRunner().invoke(app, ["ingest", str(docs_dir), "--db", str(db), "--jobs", "1", "--quiet"])
    assert result.exit_code == 0, result.output
    assert "4 added" in result.output
    again = CliRunner().invoke(app, ["ingest", str(docs_dir), "--db", str(db), "--quiet"])
    assert "0 added, 0 replaced, 4 unchanged" in again.output


def test_ingest_command_exits_1_and_names_failed_files(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from policytext.cli import app

    bad = tmp_path / "broken.docx"
    bad.write_text("not a zip", encoding="utf-8")
    result = CliRunner().invoke(app, ["ingest", str(bad), "--db", str(tmp_path / "c.duckdb"), "-q"])
    assert result.exit_code == 1
    assert "broken.docx" in result.output
