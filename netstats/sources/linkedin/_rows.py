"""What the cleaning of every LinkedIn file shares: the rows it sets aside.

:class:`_Cleaned` is one file's typed table with the rows excluded by rule
(:func:`_excluded`) and the records quarantined (:func:`_quarantined`), each
named by its file and line; :func:`_blank_to_na` reads an empty cell as missing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ... import schema as S
from ._csv import RawTable


@dataclass
class _Cleaned:
    frame: pd.DataFrame
    excluded: list[pd.DataFrame] = field(default_factory=list)
    quarantine: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # messages: the people messages.csv names, for the contacts table (small frames, a row per person or name)
    senders: pd.DataFrame | None = (
        None  # each sender's newest received message: contact_id, name, profile_url
    )
    named: pd.DataFrame | None = (
        None  # people seen only as the single recipient of a message, named by its TO
    )
    recipients: pa.Array | None = None  # every distinct recipient id


def _blank_to_na(series: pd.Series) -> pd.Series:
    """The column as text, an empty value missing."""
    text = pa.array(series.astype(S.STRING).array)
    blank = pc.equal(pc.binary_length(text), 0)
    if not pc.any(blank).as_py():
        return series.astype(S.STRING)
    cleared = pc.if_else(blank, pa.scalar(None, text.type), text)
    return pd.Series(pd.arrays.ArrowStringArray(cleared.cast(pa.large_string())), index=series.index)


def _excluded(raw: RawTable, mask: np.ndarray | pd.Series, reason: str) -> pd.DataFrame:
    lines = raw.lines[np.asarray(mask, dtype=bool)]
    return pd.DataFrame({S.FILE: raw.file, S.LINE: lines.astype("int64"), S.REASON: reason})


def _quarantined(raw: RawTable, frame: pd.DataFrame, mask: pd.Series, reason: str | pd.Series) -> list[dict]:
    """Quarantine entries for the masked rows of ``frame`` (a row subset of ``raw.frame``, same index).

    ``reason`` is one text for every row, or a Series of ``frame``'s index giving each row's.
    """
    mask = np.asarray(mask, dtype=bool)
    if not mask.any():
        return []
    reasons = reason if isinstance(reason, str) else reason.to_numpy(dtype=object)[mask].tolist()
    return _quarantined_rows(raw, frame.index.to_numpy()[mask], reasons)


def _quarantined_rows(raw: RawTable, rows: np.ndarray, reason: str | list[str]) -> list[dict]:
    """Quarantine entries for records of ``raw`` given by position (one reason, or one per record)."""
    texts = raw.record_texts(rows)
    lines = raw.lines[rows].tolist()
    reasons = [reason] * len(lines) if isinstance(reason, str) else reason
    return [
        {S.FILE: raw.file, S.LINE: int(line), S.REASON: why, S.RAW: text}
        for line, why, text in zip(lines, reasons, texts, strict=True)
    ]
