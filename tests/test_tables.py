"""Tables built from processed documents carry exactly the documented columns, in order."""

from __future__ import annotations

from pathlib import Path

import pytest

from policytext import COLUMNS, all_tables, process
from policytext.pipeline import Failure, expand_paths, process_many

TEXT = """某区2022年党建工作要点

一、强化政治引领
（一）深入学习贯彻党的二十大精神。区委理论学习中心组每年集中学习不少于12次。
（二）严格落实“第一议题”制度。
二、建强基层组织
（三）推进党支部标准化规范化建设。达标率达到100%。
"""


@pytest.fixture()
def doc(tmp_path: Path):
    p = tmp_path / "district.txt"
    p.write_text(TEXT, encoding="utf-8")
    return process(p)


def test_every_table_has_its_documented_columns_first(doc) -> None:
    tables = all_tables([doc])
    assert set(tables) == set(COLUMNS)
    for name, df in tables.items():
        documented = [c for c, _ in COLUMNS[name]]
        assert list(df.columns[: len(documented)]) == documented, name


def test_every_column_has_a_description() -> None:
    for name, cols in COLUMNS.items():
        names = [c for c, _ in cols]
        assert len(names) == len(set(names)), f"duplicate column in {name}"
        assert all(desc.strip() for _, desc in cols), name


def test_documents_table_counts_match_the_document(doc) -> None:
    row = all_tables([doc])["documents"].iloc[0]
    assert row["doc"] == "district"
    assert row["n_items"] == len(doc.items)
    assert row["n_chars"] == len(doc.text)
    assert len(row["sha256"]) == 64


def test_tasks_are_items_without_children(doc) -> None:
    tasks = all_tables([doc])["tasks"]
    paths = {it.path for it in doc.items}
    for p in tasks["path"]:
        assert not any(q.startswith(p + ".") for q in paths)


def test_process_many_reports_failures_and_goes_on(tmp_path: Path) -> None:
    good = tmp_path / "a.txt"
    good.write_text(TEXT, encoding="utf-8")
    results = list(process_many([tmp_path / "missing.txt", good]))
    assert isinstance(results[0], Failure) and results[0].cause == "no such file"
    assert results[1].doc == "a"


def test_expand_paths_reads_folders_recursively(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    for name in ("b.txt", "sub/a.docx", "sub/skip.pdf"):
        (tmp_path / name).write_bytes(b"x")
    assert [p.name for p in expand_paths([tmp_path])] == ["b.txt", "a.docx"]


def test_expand_paths_passes_over_readme_and_hidden_files(tmp_path: Path) -> None:
    for name in ("README.md", ".notes.txt", "plan.md"):
        (tmp_path / name).write_bytes(b"x")
    assert [p.name for p in expand_paths([tmp_path])] == ["plan.md"]
    assert [p.name for p in expand_paths([tmp_path / "README.md"])] == ["README.md"]


def test_a_task_no_table_names_takes_the_bodies_of_its_text(tmp_path: Path) -> None:
    text = (
        "某镇2025年重点工作计划\n一、经济发展\n（一）优化营商环境。镇便民服务中心负责，镇财政所配合。\n"
        "（二）办好教育事业。持续改善办学条件。\n"
    )
    p = tmp_path / "town.txt"
    p.write_text(text, encoding="utf-8")
    tasks = all_tables([process(p)])["tasks"].set_index("path")
    assert (tasks.loc["1.1", "lead"], tasks.loc["1.1", "support"]) == ("镇便民服务中心", "镇财政所")
    assert tasks.loc["1.1", "bodies_from"] == "text"
    assert (tasks.loc["1.2", "lead"], tasks.loc["1.2", "bodies_from"]) == ("", "")
