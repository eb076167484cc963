"""Write tables to files: one CSV or Parquet file per table, or one XLSX workbook with a sheet each."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd


def _flatten(df: pd.DataFrame) -> pd.DataFrame:
    """Lists (components, lead units) as JSON strings, for formats without list cells."""
    out = df.copy()
    for col in out.columns:
        if out[col].map(lambda v: isinstance(v, (list, tuple, dict))).any():
            out[col] = out[col].map(lambda v: json.dumps(list(v) if isinstance(v, tuple) else v, ensure_ascii=False)
                                    if isinstance(v, (list, tuple, dict)) else v)
    return out


def write_tables(tables: dict[str, pd.DataFrame], folder: Path, fmt: str) -> list[Path]:
    """Write each table; returns the files written. Files are written whole or not at all."""
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    if fmt == "xlsx":
        import pandas as pd

        path = folder / "policytext.xlsx"
        tmp = path.with_suffix(".xlsx.tmp")
        with pd.ExcelWriter(tmp, engine="openpyxl") as xw:
            for name, df in tables.items():
                _flatten(df).to_excel(xw, sheet_name=name[:31], index=False)
        tmp.replace(path)
        return [path]
    for name, df in tables.items():
        path = folder / f"{name}.{fmt}"
        tmp = path.with_name(path.name + ".tmp")
        if fmt == "csv":
            _flatten(df).to_csv(tmp, index=False, encoding="utf-8-sig")
        elif fmt == "parquet":
            _flatten(df).to_parquet(tmp, index=False)
        else:
            raise ValueError(f"unknown table format {fmt}")
        tmp.replace(path)
        written.append(path)
    return written
