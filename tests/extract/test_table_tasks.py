"""Task-breakdown tables → TableTask rows with units, deadlines and the outline item they break down."""

from __future__ import annotations

from pathlib import Path

import pytest

from policytext.extract.table_tasks import extract_table_tasks, find_header, header_fields, split_units
from policytext.io.docx import load_docx
from policytext.types import Document, Item, RawDocument, Table

DOCX = Path(__file__).resolve().parent.parent / "data" / "docx"


def item(path: str, level: int, number: int, title: str, marker: str = "") -> Item:
    return Item(doc="t", path=path, level=level, marker=marker, number=number, title=title, text=title,
                start=0, end=0, is_task=level == 2)


# The outline of tables.docx as an outline parser would give it (written here, so the test does
# not depend on the parser); the table numbers its rows 1-4 across the two groups.
ITEMS = [
    item("1", 1, 1, "村庄清洁"),
    item("1.1", 2, 1, "开展村庄清洁行动"),
    item("1.2", 2, 2, "推进农村厕所革命"),
    item("2", 1, 2, "河道治理"),
    item("2.1", 2, 1, "全面落实河长制"),
    item("2.2", 2, 2, "整治入河排污口"),
]


def tasks_of(name: str, items: list[Item]):
    raw = load_docx(DOCX / name)
    doc = Document(doc=raw.doc, path=raw.path, format=raw.format, text=raw.text, items=items)
    return list(extract_table_tasks(raw, doc))


@pytest.mark.parametrize("cells,expected", [
    (["序号", "重点任务", "具体措施", "牵头单位", "配合单位", "完成时限"],
     ["number", "task", "measures", "lead", "support", "deadline"]),
    (["编号", "工作任务", "工作举措", "牵头部门", "协办单位", "时间节点"],
     ["number", "task", "measures", "lead", "support", "deadline"]),
    (["序 号", "主要任务", "责任单位", "完成\n时间"], ["number", "task", "responsible", "deadline"]),
    (["牵头单位（部门）", "配合单位及责任人", "备注", "某县", ""], ["lead", "support", "note", None, None]),
])
def test_header_fields(cells, expected):
    assert header_fields(cells) == expected


@pytest.mark.parametrize("cell,expected", [
    ("县委组织部、县委宣传部", ["县委组织部", "县委宣传部"]),
    ("县财政局，县人社局,县教育局", ["县财政局", "县人社局", "县教育局"]),
    ("各乡镇（街道）；县直各单位", ["各乡镇（街道）", "县直各单位"]),
    ("县（市、区）党委组织部/市委编办", ["县（市、区）党委组织部", "市委编办"]),
    ("县住建局\n县城管局", ["县住建局", "县城管局"]),
    ("县农业农村局等", ["县农业农村局"]),
    ("", []),
])
def test_split_units(cell, expected):
    assert split_units(cell) == expected


def test_rows_of_a_task_table_with_merged_cells_and_groups():
    tasks = tasks_of("tables.docx", ITEMS)
    first = [t for t in tasks if t.task in ("开展村庄清洁行动", "推进厕所革命", "落实河长制", "整治入河排污口")]
    assert [t.number for t in first] == [1, 2, 3, 4]
    assert first[0].lead == ("县农业农村局",)
    assert first[0].support == ("县住建局", "各乡镇（街道）")
    assert first[1].support == ("县财政局", "县住建局")  # split on a newline in the cell
    assert first[2].support == ("县（市、区）河长办", "各乡镇")
    assert first[3].lead == ("县水利局",)  # vertically merged with the row above
    assert first[3].support == ()
    assert [t.deadline for t in first] == ["2021年6月底前", "2021年10月底前", "全年", "2021年12月底前"]
    assert first[0].measures == "清理村内塘沟、垃圾和畜禽粪污。"


def test_rows_are_matched_to_outline_items_within_their_group():
    tasks = tasks_of("tables.docx", ITEMS)
    paths = {t.task: t.path for t in tasks}
    assert paths["开展村庄清洁行动"] == "1.1"
    assert paths["推进厕所革命"] == "1.2"  # similar title, under group 一、村庄清洁
    assert paths["落实河长制"] == "2.1"
    assert paths["整治入河排污口"] == "2.2"


def test_combined_responsibility_column_with_lead_marks_and_labels():
    tasks = tasks_of("tables.docx", ITEMS)
    by_task = {t.task: t for t in tasks}
    first = by_task["建立长效保洁机制"]
    assert first.number == 1  # drawn by Word numbering in the cell: "1."
    assert first.lead == ("县城管局",)
    assert first.support == ("县财政局", "各乡镇")
    second = by_task["开展考核评比"]
    assert second.lead == ("县委督查室",)
    assert second.support == ("县农业农村局", "县住建局")


def test_unrelated_table_is_not_matched_by_number_alone():
    tasks = tasks_of("tables.docx", ITEMS)
    assert {t.task: t.path for t in tasks}["开展考核评比"] == ""


def test_plain_tables_give_no_tasks():
    tasks = tasks_of("tables.docx", ITEMS)
    assert not any(t.task in ("道路", "主干道两侧垃圾清运") for t in tasks)
    assert find_header(Table(rows=(("类别", "内容", "地点"), ("道路", "清运", "城关镇")))) is None


def test_number_only_match_when_titles_differ():
    table = Table(rows=(
        ("序号", "重点任务", "牵头单位", "配合单位", "完成时限"),
        ("1", "健全工作制度", "县委办", "县政府办", "3月底前"),
        ("2", "加强督办检查", "县发改局", "", "6月底前"),
    ))
    raw = RawDocument(doc="t", path="t.docx", format="docx", paragraphs=(), tables=(table,))
    items = [item("1", 1, 1, "总体要求"), item("1.1", 2, 1, "完善制度体系"), item("1.2", 2, 2, "强化督查考核")]
    doc = Document(doc="t", path="t.docx", format="docx", text="", items=items)
    got = [(t.number, t.path, t.lead, t.support) for t in extract_table_tasks(raw, doc)]
    assert got == [(1, "1.1", ("县委办",), ("县政府办",)), (2, "1.2", ("县发改局",), ())]


def test_two_row_header_splits_responsibility():
    table = Table(rows=(
        ("序号", "任务", "责任单位", "责任单位", "时限"),
        ("序号", "任务", "牵头", "配合", "时限"),
        ("1", "完善制度体系", "县委办", "县司法局、县财政局", "年底前"),
    ))
    raw = RawDocument(doc="t", path="t.docx", format="docx", paragraphs=(), tables=(table,))
    doc = Document(doc="t", path="t.docx", format="docx", text="", items=[item("1", 1, 1, "完善制度体系")])
    (task,) = extract_table_tasks(raw, doc)
    assert (task.lead, task.support, task.deadline, task.path) == (("县委办",), ("县司法局", "县财政局"), "年底前", "1")


def test_shared_table_variants(shared_dir):
    from policytext.pipeline import process

    for f in sorted((shared_dir / "corpora" / "docx").glob("*.table.docx")):
        doc = process(f)
        assert doc.table_tasks, f.name
        assert all(t.lead and t.support and t.deadline for t in doc.table_tasks)
        assert [t.number for t in doc.table_tasks] == list(range(1, len(doc.table_tasks) + 1))
        if doc.items:
            by_path = {it.path: it for it in doc.items}
            matched = [t for t in doc.table_tasks if t.path in by_path and by_path[t.path].number == t.number]
            assert len(matched) >= 0.9 * len(doc.table_tasks), f.name
