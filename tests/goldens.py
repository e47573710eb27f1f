"""Golden tables: every test module that compares a reader's tables with ``expected/*.golden.csv`` uses this form."""

from __future__ import annotations

from pathlib import Path

import pandas as pd


def cell_text(series: pd.Series) -> pd.Series:
    """One column as the text a golden CSV holds: '' for missing, lists joined with ';', times in ISO form."""
    if isinstance(series.dtype, pd.ArrowDtype):  # recipient_ids, emails, phones: a list per row
        return series.map(lambda ids: ";".join(ids), na_action="ignore").astype(object).where(series.notna(), "")
    if pd.api.types.is_datetime64_any_dtype(series.dtype):
        return series.map(lambda t: t.isoformat(), na_action="ignore").astype(object).where(series.notna(), "")
    return series.astype(object).where(series.notna(), "").astype(str)


def golden_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Return ``frame`` as a table of strings, the form the golden CSV files hold."""
    return pd.DataFrame({c: cell_text(frame[c]) for c in frame.columns}, columns=list(frame.columns)).reset_index(
        drop=True
    )


def write_goldens(folder: Path, tables: dict[str, pd.DataFrame]) -> None:
    """Write each table as ``folder/<name>.golden.csv`` (run by hand, then review the diff)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, table in tables.items():
        table.to_csv(folder / f"{name}.golden.csv", index=False, lineterminator="\n")
    print(f"wrote {folder}")


def read_golden(folder: Path, name: str) -> pd.DataFrame:
    """``folder/<name>.golden.csv`` as written: every cell text, nothing read as missing."""
    return pd.read_csv(folder / f"{name}.golden.csv", dtype=str, keep_default_na=False)
