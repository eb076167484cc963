"""Metadata of the units that issue documents: name, level (tier), region, year.

The level comes from the suffix of the unit's name (lexicons/unit_levels.tsv); a researcher's units CSV
(columns ``doc`` or ``path``, and ``unit``, ``level``, ``region``, ``year``) overrides what the
extraction found. Used by the corpus store (``policytext ingest --units units.csv``).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import StoreError

if TYPE_CHECKING:
    import pandas as pd


def unit_level(unit: str) -> str:
    """Tier of a unit from the suffix of its name; "" when no suffix of lexicons/unit_levels.tsv fits.

    >>> unit_level("某县"), unit_level("×市"), unit_level("XX局"), unit_level("某某集团有限公司")
    ('县', '市', '局', '公司')
    >>> unit_level("县直机关"), unit_level(""), unit_level("某县人民政府"), unit_level("政府")
    ('机关', '', '县', '')
    """
    from .lexicons import unit_levels

    name = unit.strip().rstrip("）)")
    while name:
        suffix, level = next(((s, lv) for s, lv in unit_levels() if name.endswith(s)), ("", ""))
        if level != "-":
            return level
        name = name[: -len(suffix)]  # a generic organ word (人民政府, 党委): look at what precedes it
    return ""


@dataclass(frozen=True)
class UnitInfo:
    """Metadata a researcher supplies for a document (a row of units.csv); "" / None keep the extracted value."""

    unit: str = ""
    level: str = ""
    region: str = ""
    year: int | None = None


def read_units_csv(path: str | Path) -> dict[str, UnitInfo]:
    """Rows of a units CSV (columns ``doc`` or ``path``, and ``unit``, ``level``, ``region``, ``year``).

    Returns a mapping from the document id (file stem) or the resolved file path to its metadata.

    Raises:
        StoreError: the file is missing or has neither a ``doc`` nor a ``path`` column.
    """
    try:
        fh = open(path, encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise StoreError(f"{path}: cannot read the units file: {exc.strerror or exc}") from exc
    with fh:
        reader = csv.DictReader(fh)
        header = {h.strip() for h in reader.fieldnames or []}
        if not header & {"doc", "path"}:
            raise StoreError(f"{path}: the units file needs a 'doc' or 'path' column (has {sorted(header)})")
        out: dict[str, UnitInfo] = {}
        for row in reader:
            row = {k.strip(): (v or "").strip() for k, v in row.items() if k}
            year = row.get("year", "")
            info = UnitInfo(row.get("unit", ""), row.get("level", ""), row.get("region", ""),
                            int(year) if year.isdigit() else None)
            if row.get("doc"):
                out[row["doc"]] = info
            if row.get("path"):
                out[str(Path(row["path"]).resolve())] = info
    return out


def apply_units(frame: pd.DataFrame, units: dict[str, UnitInfo]) -> pd.DataFrame:
    """Fill level from the unit's name, then let the researcher's units file override unit/level/region/year."""
    frame = frame.copy()
    for i, row in frame.iterrows():
        info = units.get(row["doc"]) or units.get(row["path"])
        if info:
            for col in ("unit", "level", "region"):
                if getattr(info, col):
                    frame.at[i, col] = getattr(info, col)
            if info.year is not None:
                frame.at[i, "year"] = info.year
        if not frame.at[i, "level"]:
            frame.at[i, "level"] = unit_level(str(frame.at[i, "unit"] or ""))
    return frame
