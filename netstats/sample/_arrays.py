"""Arrow string arrays built without a Python loop over rows: how every repeated text is made."""

from __future__ import annotations

import string

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .. import schema as S


def _strings(values) -> pd.Series:
    """A Series of the schema's string dtype from an Arrow or object array (no copy for Arrow)."""
    if not isinstance(values, (pa.Array, pa.ChunkedArray)):
        values = pa.array(values, pa.large_string())
    return pd.Series(pd.array(values, dtype=S.STRING))


def _text_array(values) -> pa.Array:
    return pa.array(np.asarray(values, dtype=object), pa.large_string())


def _take(options, indices) -> pa.Array:
    """``options[indices]`` as an Arrow string array: how every repeated text is built."""
    return _text_array(options).take(pa.array(np.asarray(indices, dtype=np.int64)))


def _choose(rng: np.random.Generator, options, count: int) -> pa.Array:
    """``count`` texts drawn at random from ``options``."""
    return _take(options, rng.integers(0, len(options), count))


def _scatter(size: int, parts: list[tuple[np.ndarray, pa.Array]]) -> pa.Array:
    """Assemble an array of ``size`` strings from disjoint (rows, values) parts; other rows are empty."""
    rows = [np.asarray(r, dtype=np.int64) for r, _ in parts]
    values = [v.cast(pa.large_string()) for _, v in parts]
    covered = np.zeros(size, dtype=bool)
    for r in rows:
        covered[r] = True
    rest = np.flatnonzero(~covered)
    rows.append(rest)
    values.append(_take(("",), np.zeros(rest.size, np.int64)))
    inverse = np.argsort(np.concatenate(rows), kind="stable")
    return pa.concat_arrays(values).take(pa.array(inverse))


def _largest_remainder(weights: np.ndarray, total: int) -> np.ndarray:
    """Split the integer ``total`` in proportion to ``weights`` (sums exactly to ``total``)."""
    total = max(int(total), 0)
    if weights.size == 0:
        return np.zeros(0, np.int64)
    raw = weights / weights.sum() * total
    out = np.floor(raw).astype(np.int64)
    out[np.argsort(-(raw - out), kind="stable")[: total - out.sum()]] += 1
    return out


def _hex(rng: np.random.Generator, count: int, width: int) -> np.ndarray:
    """``count`` random lowercase hex strings of ``width`` characters (object array)."""
    digits = np.frombuffer(b"0123456789abcdef", dtype=np.uint8)[rng.integers(0, 16, (count, width))]
    return np.ascontiguousarray(digits).view(f"S{width}").ravel().astype(str).astype(object)


def _fill(templates: tuple[str, ...], choice: np.ndarray, fields: dict) -> pa.Array:
    """Fill ``{name}`` placeholders: row ``i`` uses ``templates[choice[i]]``.

    ``fields`` maps a placeholder to an Arrow array aligned with the rows, or
    to one string for every row.  The loop runs over templates, not rows.
    """
    parts = []
    for index, template in enumerate(templates):
        rows = np.flatnonzero(choice == index)
        if rows.size == 0:
            continue
        pieces = []
        for literal, field, _, _ in string.Formatter().parse(template):
            if literal:
                pieces.append(_large(literal))
            if field is not None:
                value = fields[field]
                pieces.append(_large(value) if isinstance(value, str) else value.take(pa.array(rows)))
        if any(isinstance(piece, pa.Array) for piece in pieces):
            text = pc.binary_join_element_wise(*pieces, _large(""))
        else:
            # every field is one string for all rows: fill the template once
            text = _take((template.format(**fields),), np.zeros(rows.size, np.int64))
        parts.append((rows, text))
    return _scatter(np.asarray(choice).size, parts)


def _first_names(first: np.ndarray) -> np.ndarray:
    """How people address each other: the first word of the first name."""
    return pd.Series(first, dtype="string").str.split(" ").str[0].to_numpy(dtype=object)


def _large(text: str) -> pa.Scalar:
    return pa.scalar(text, pa.large_string())
