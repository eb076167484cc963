"""Targets in indicator tables (指标 | 2025年 | 2026年): unit from the row, period from the column."""

from __future__ import annotations

from pathlib import Path

import pytest

from policytext.extract.table_targets import table_targets
from policytext.extract.targets import extract_targets
from policytext.types import Document


def _doc(text: str) -> Document:
    return Document(doc="t", path="", format="text", text=text)


def _rows(text: str) -> list[tuple]:
    return [(t.text, t.value, t.unit, t.comparator, t.period, t.indicator) for t in table_targets(_doc(text))]


def test_unit_from_the_label_and_period_from_the_column() -> None:
    text = "一、工作目标\n指标\t2025年\t2026年\n高标准农田面积（万亩）\t31\t34\n卫生厕所普及率（%）\t90\t95以上\n二、保障措施"
    assert _rows(text) == [
        ("31", 31.0, "万亩", "=", "2025年", "高标准农田面积"), ("34", 34.0, "万亩", "=", "2026年", "高标准农田面积"),
        ("90", 90.0, "%", "=", "2025年", "卫生厕所普及率"), ("95以上", 95.0, "%", ">=", "2026年", "卫生厕所普及率"),
    ]
    targets = list(table_targets(_doc(text)))
    assert all(text[t.start : t.end] == t.text for t in targets)


def test_unit_from_a_unit_column_in_markdown() -> None:
    text = "| 指标 | 单位 | 2025年 | 2027年 |\n| --- | --- | --- | --- |\n| 新增就业 | 万人 | 1.2 | 1.5左右 |"
    assert [(r[0], r[2], r[3], r[4]) for r in _rows(text)] == [("1.2", "万人", "=", "2025年"), ("1.5左右", "万人", "~", "2027年")]


@pytest.mark.parametrize(
    "text",
    [
        "序号\t重点任务\t牵头单位\t完成时限\n1\t建设农田\t县农业农村局\t2025年底",  # a task table: no year columns
        "指标\t2025年\t2026年\n新增项目\t12\t15",  # no unit in the row
        "指标\t2025年\n面积（万亩）\t31",  # one year is no indicator table
        "在2025年\t2026年的工作中，面积（万亩）31",  # a tab in prose
    ],
)
def test_what_is_no_indicator_table(text: str) -> None:
    assert _rows(text) == []


def test_a_word_table_goes_through_the_pipeline(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    from policytext.pipeline import process

    document = docx.Document()
    document.add_paragraph("某县乡村振兴实施方案")
    document.add_paragraph("一、工作目标")
    document.add_paragraph("到2026年，粮食产量稳定在30万吨以上。")
    table = document.add_table(rows=2, cols=3)
    for cell, value in zip(table.rows[0].cells, ["指标", "2025年", "2026年"], strict=True):
        cell.text = value
    for cell, value in zip(table.rows[1].cells, ["农产品加工产值（亿元）", "85", "95"], strict=True):
        cell.text = value
    path = tmp_path / "plan.docx"
    document.save(path)
    got = [(t.value, t.unit, t.period, t.rule) for t in process(path).targets]
    assert got == [(30.0, "万吨", "到2026年", "targets.number"), (85.0, "亿元", "2025年", "targets.table"),
                   (95.0, "亿元", "2026年", "targets.table")]


def test_extract_targets_keeps_text_order_with_table_cells() -> None:
    text = "指标\t2025年\t2026年\n面积（万亩）\t31\t34\n全年新增就业不少于1万人。"
    starts = [t.start for t in extract_targets(_doc(text))]
    assert starts == sorted(starts) and len(starts) == 3
