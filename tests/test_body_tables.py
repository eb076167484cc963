"""Tables of bodies: the tasks each body leads in a document, and bodies × units across documents."""

from __future__ import annotations

import pytest

from policytext.body_tables import BODY_TASK_COLUMNS, bodies_with_tasks, body_matrix
from policytext.io.text import paragraphs_from_lines, split_lines
from policytext.pipeline import process_raw
from policytext.types import Body, Document, RawDocument, TableTask

COUNTY_A = """甲县2024年党建工作要点
一、强化组织建设
（一）整顿软弱涣散党组织。县委组织部要牵头开展排查，各乡镇党委配合。
（二）加强党员教育。县委党校负责年度培训，县委组织部要抓好督导。"""

COUNTY_B = """乙县2024年党建工作要点
一、强化组织建设
（一）建强村级班子。县委组织部要牵头做好换届准备，县民政局配合。
（二）规范组织生活。各党支部要认真落实“三会一课”制度。"""


def process_text(name: str, text: str):
    raw = RawDocument(doc=name, path=f"{name}.txt", format="txt", paragraphs=paragraphs_from_lines(split_lines(text)))
    return process_raw(raw)


@pytest.fixture(scope="module")
def docs():
    return [process_text("a", COUNTY_A), process_text("b", COUNTY_B)]


def test_bodies_with_tasks(docs):
    table = bodies_with_tasks(docs)
    assert list(table.columns) == [c for c, _ in BODY_TASK_COLUMNS]
    a = table[table.doc == "a"].set_index("name")
    assert a.loc["县委组织部", "n_lead"] == 2 and a.loc["县委组织部", "role"] == "lead"
    assert a.loc["乡镇党委", "role"] == "support" and a.loc["乡镇党委", "paths"] == ""
    if docs[0].items:  # titles come from the outline parser
        assert "整顿软弱涣散党组织" in a.loc["县委组织部", "tasks"]
        assert a.loc["县委党校", "tasks"].startswith("加强党员教育")


def test_table_tasks_count_as_led():
    d = Document("t", "", "txt", "", table_tasks=[
        TableTask("t", 1, 1, "建立台账", "", ("县委组织部",), ("县财政局",), "3月底"),
        TableTask("t", 2, 2, "开展培训", "", ("各乡镇党委",), (), "6月底"),
    ])
    table = bodies_with_tasks([d]).set_index("name")
    assert table.loc["县委组织部", "tasks"] == "建立台账"
    assert table.loc["乡镇党委", "n_lead"] == 1  # the name is normalised as the extractor does


def test_body_matrix(docs):
    m = body_matrix(docs)
    assert list(m.columns) == [d.unit or d.doc for d in docs]
    assert m.index[0] == "县委组织部"  # named by both units, so first
    assert m.loc["县委组织部"].tolist() == [2, 1]
    assert m.loc["县民政局"].tolist() == [0, 1]
    assert (m.dtypes == "int64").all()


def test_body_matrix_roles_and_grouping():
    def doc(i: str, unit: str, role: str) -> Document:
        return Document(i, "", "txt", "", unit=unit, bodies=[Body(i, "党中央", "党中央", role, "0", 0, 3)])

    docs = [doc("x1", "某市", "mention"), doc("x2", "某市", "mention"), doc("x3", "", "lead")]
    assert body_matrix(docs).loc["党中央"].tolist() == [0, 1]
    assert body_matrix(docs, roles=("mention",)).loc["党中央"].tolist() == [2, 0]
    assert list(body_matrix(docs, by="doc").columns) == ["x1", "x2", "x3"]
    with pytest.raises(ValueError, match="by must be"):
        body_matrix(docs, by="year")


def test_table_rows_read_by_the_extractor_count_once():
    from policytext.types import Item

    it = Item("t", "1", 1, "一、", 1, "建立台账", "建立台账。", 0, 10, is_task=True)
    d = Document("t", "", "txt", "x" * 40, items=[it],
                 bodies=[Body("t", "县委组织部", "县委组织部", "lead", "1", 30, 35, rule="table.lead")],
                 table_tasks=[TableTask("t", 1, 1, "建立台账", "", ("县委组织部",), ("县财政局",), "3月底", path="1")])
    row = bodies_with_tasks([d]).set_index("name").loc["县委组织部"]
    assert row["n_lead"] == 1 and row["tasks"] == "建立台账" and row["paths"] == "1"
