"""Unit metadata: the level from the suffix of a unit's name, and the researcher's units CSV."""

from __future__ import annotations

from pathlib import Path

import pytest

from policytext.errors import StoreError
from policytext.units import UnitInfo, read_units_csv, unit_level

UNIT_LEVELS = [
    ("某县", "县"),
    ("×市", "市"),
    ("XX局", "局"),
    ("某某集团有限公司", "公司"),
    ("县直机关", "机关"),
    ("示范区", "区"),
    ("某镇", "乡镇"),
    ("某县人民政府", "县"),
    ("某公司党委", "公司"),
    ("新疆维吾尔自治区", "省"),
    ("政府", ""),
    ("", ""),
]


@pytest.mark.parametrize(("unit", "level"), UNIT_LEVELS, ids=[u or "(empty)" for u, _ in UNIT_LEVELS])
def test_unit_level_from_suffix(unit: str, level: str) -> None:
    assert unit_level(unit) == level


def test_units_csv_rows_by_doc_and_by_path(tmp_path: Path) -> None:
    csv = tmp_path / "units.csv"
    csv.write_text("\ufeffdoc,path,unit,level,region,year\n"
                   "a,,某县,县,东部,2021\n"
                   ",docs/b.txt,某公司,,,\n", encoding="utf-8")
    rows = read_units_csv(csv)
    assert rows["a"] == UnitInfo("某县", "县", "东部", 2021)
    assert rows[str(Path("docs/b.txt").resolve())] == UnitInfo("某公司", "", "", None)


def test_units_csv_needs_doc_or_path(tmp_path: Path) -> None:
    csv = tmp_path / "units.csv"
    csv.write_text("name,unit\na,某县\n", encoding="utf-8")
    with pytest.raises(StoreError, match="'doc' or 'path' column"):
        read_units_csv(csv)
    with pytest.raises(StoreError, match="cannot read"):
        read_units_csv(tmp_path / "missing.csv")
