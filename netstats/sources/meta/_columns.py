"""JSON values to typed columns: text, epoch instants, list columns, and the reasons a value is refused."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pyarrow as pa

from ... import schema as S
from .._decode import MAX_FIELD_CHARS

NOT_AN_OBJECT = "the item is not a JSON object"
TOO_LONG = f"a text value is longer than {MAX_FIELD_CHARS:,} characters"

# Meta timestamps outside these bounds are not real (the services began in 2004 and 2010).
_EARLIEST = pd.Timestamp("2000-01-01", tz="UTC")
_LATEST = pd.Timestamp("2100-01-01", tz="UTC")
_MAX_RAW = 2000


def _get(items: list, key: str) -> list:
    return [item.get(key) if isinstance(item, dict) else None for item in items]


def _texts(values: list) -> tuple[pd.Series, np.ndarray, np.ndarray]:
    """Text values (NA when absent or empty), and masks of the values that are not text and too long."""
    n = len(values)
    try:  # the common case, all text or missing: one pyarrow conversion
        array = pa.array(values, pa.large_string())
        bad = np.zeros(n, dtype=bool)
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, OverflowError):
        is_text = np.fromiter((isinstance(v, str) for v in values), dtype=bool, count=n)
        bad = ~is_text & np.fromiter((v is not None for v in values), dtype=bool, count=n)
        array = pa.array(
            [v if ok else None for v, ok in zip(values, is_text, strict=True)], pa.large_string()
        )
    text = pd.Series(pd.arrays.ArrowStringArray(array)).str.strip()
    too_long = text.str.len().gt(MAX_FIELD_CHARS).fillna(False).to_numpy(dtype=bool)
    text = text.mask(text.eq("").fillna(False).to_numpy() | too_long)
    return text, bad, too_long


def _instants(values: list, unit: str) -> tuple[pd.Series, np.ndarray, np.ndarray]:
    """UTC instants from epoch numbers; masks of the missing and the unusable (not a number, out of range)."""
    try:  # the common case, all integers or missing: one pyarrow conversion
        array = pa.array(values, pa.int64())
        missing = array.is_null().to_numpy(zero_copy_only=False)
        number = array.cast(pa.float64()).to_numpy(zero_copy_only=False)
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, OverflowError):
        missing = np.fromiter((v is None for v in values), dtype=bool, count=len(values))
        number = np.fromiter(
            (
                float(v)
                if isinstance(v, (int, float)) and not isinstance(v, bool) and abs(v) < 1e300
                else np.nan
                for v in values
            ),
            dtype="float64",
            count=len(values),
        )
    scale = 1000.0 if unit == "ms" else 1.0
    low, high = _EARLIEST.timestamp() * scale, _LATEST.timestamp() * scale
    usable = np.isfinite(number) & (number >= low) & (number < high)
    bad = ~missing & ~usable
    whole = np.where(usable, number, 0).astype("int64")
    instants = pd.Series(pd.to_datetime(whole, unit=unit, utc=True)).astype(S.UTC_TIME).where(usable)
    return instants, missing, bad


def _raw_text(item: object) -> str:
    text = json.dumps(item, ensure_ascii=False, default=str)
    return text if len(text) <= _MAX_RAW else text[:_MAX_RAW]


def _naive_day(at: pd.Series) -> pd.Series:
    return at.dt.tz_convert(None).dt.floor("D").astype(S.NAIVE_TIME)


def _naive(at: pd.Series) -> pd.Series:
    return at.dt.tz_convert(None).astype(S.NAIVE_TIME)


def _id_lists(rows: np.ndarray, ids: pd.Series, n: int) -> pd.Series:
    """A list column of length ``n``: ``ids[i]`` goes to row ``rows[i]`` (rows sorted ascending)."""
    counts = np.bincount(rows, minlength=n) if len(rows) else np.zeros(n, dtype=np.int64)
    offsets = np.concatenate([[0], np.cumsum(counts)]).astype(np.int32)
    values = pa.array(ids.to_numpy(dtype=object), pa.string()) if len(ids) else pa.array([], pa.string())
    return pd.Series(pd.arrays.ArrowExtensionArray(pa.ListArray.from_arrays(pa.array(offsets), values)))
