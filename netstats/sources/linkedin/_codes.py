"""Text columns as integer codes into their distinct values: the vectorised tools of messages.csv.

messages.csv can hold millions of records, so it never becomes a pandas frame
before the end: its text columns stay pyarrow dictionaries and integer codes
(:class:`_Parsed`, :class:`_Coded`), everything that depends on the text alone
(stripping, URL normalisation, identities, predicates) is computed once per
distinct value, the set work is numpy over codes (:func:`_vocabulary`,
:func:`_message_order`, :func:`_newest_per_group`), and each output column is
built once, already in the final order (:func:`_list_column`).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..._text import (
    arrow_text,
)


def _string_array(values: pa.Array | pa.ChunkedArray) -> pd.arrays.ArrowStringArray:
    """A pyarrow text column as the pandas ``"string"`` array the tables hold."""
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks() if values.num_chunks else pa.array([], pa.large_string())
    return pd.arrays.ArrowStringArray(values.cast(pa.large_string()))


def _lengths(values: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """Byte length of every value (from the offsets: no scan of the text)."""
    return np.asarray(pc.binary_length(values).to_numpy(), dtype=np.int64)


def _with_missing(values: pa.Array, missing: np.ndarray) -> pa.Array:
    """``values`` with the masked entries missing (the text buffers are shared, not copied)."""
    if not missing.any():
        return values
    if values.null_count or values.offset:
        return pc.if_else(pa.array(missing), pa.scalar(None, values.type), values)
    bitmap = pa.array(~missing).buffers()[1]
    return pa.Array.from_buffers(
        values.type, len(values), [bitmap, *values.buffers()[1:]], null_count=int(missing.sum())
    )


def _factorize(values: pa.Array) -> tuple[np.ndarray, pa.Array]:
    """Codes (int64; -1 for a missing or empty value) and the distinct non-empty values, first seen first."""
    values = values.cast(pa.large_string())
    if len(values) == 0:
        return np.zeros(0, dtype=np.int64), values
    encoded = pc.dictionary_encode(values)
    codes = pc.fill_null(encoded.indices, -1).to_numpy(zero_copy_only=False).astype(np.int64)
    distinct = encoded.dictionary
    empty = np.flatnonzero(_lengths(distinct) == 0)
    if len(empty):
        k = int(empty[0])
        codes = np.where(codes == k, -1, codes - (codes > k))
        distinct = pa.concat_arrays([distinct.slice(0, k), distinct.slice(k + 1)])
    return codes, distinct


def _sort_ranks(values: pa.Array) -> np.ndarray:
    """Position of each (distinct) value in sorted order."""
    order = pc.array_sort_indices(values).to_numpy(zero_copy_only=False)
    ranks = np.empty(len(order), dtype=np.int64)
    ranks[order] = np.arange(len(order))
    return ranks


def _vocabulary(parts: list[pa.Array], distinct: bool = False) -> tuple[pa.Array, list[np.ndarray]]:
    """The sorted distinct values of several text arrays, and each array's codes into them (-1: missing).

    ``distinct`` says the parts together hold no value twice and none missing
    or empty, which spares hashing them.
    """
    parts = [p.cast(pa.large_string()) for p in parts]
    combined = (
        parts[0] if len(parts) == 1 else pa.concat_arrays(parts) if parts else pa.array([], pa.large_string())
    )
    if distinct:
        codes, values = np.arange(len(combined), dtype=np.int64), combined
    else:
        codes, values = _factorize(combined)
    order = pc.array_sort_indices(values).to_numpy(zero_copy_only=False)
    ranks = np.empty(len(order), dtype=np.int64)
    ranks[order] = np.arange(len(order))
    codes = np.append(ranks, -1)[codes]
    bounds = np.cumsum([0] + [len(p) for p in parts])
    return pc.take(values, pa.array(order)), [codes[a:b] for a, b in itertools.pairwise(bounds)]


@dataclass(frozen=True)
class _Coded:
    """A text column as integer codes into its distinct values; code -1 is an empty or missing value.

    Work that depends only on the text (stripping, normalising, identities,
    predicates) is done once per distinct value and spread back through the
    codes, so it grows with the number of people, not of messages.
    """

    codes: np.ndarray  # int64, one per row
    values: pa.Array  # large_string: distinct, stripped, never empty

    @classmethod
    def blank(cls, n: int) -> _Coded:
        return cls(np.full(n, -1, dtype=np.int64), pa.array([], pa.large_string()))

    def __len__(self) -> int:
        return len(self.codes)

    def take(self, rows: np.ndarray) -> _Coded:
        return _Coded(self.codes[rows], self.values)

    def per_value(self, predicate) -> np.ndarray:
        """``predicate`` of each row's text, evaluated once per distinct value (False where missing)."""
        answers = np.array([bool(predicate(v)) for v in self.values.to_pylist()] + [False], dtype=bool)
        return answers[self.codes]

    def equals(self, value: str | None) -> np.ndarray:
        """Mask of the rows holding ``value`` (never where missing, nor when ``value`` is None)."""
        if value is None:
            return np.zeros(len(self), dtype=bool)
        answers = pc.equal(self.values, value).to_numpy(zero_copy_only=False).astype(bool)
        return np.append(answers, False)[self.codes]

    def mode(self, mask: np.ndarray, blank: str | None = None) -> str | None:
        """The most frequent text among the masked rows (ties: the first in sort order).

        Missing values are left out, unless ``blank`` names the text they stand for.
        """
        codes = self.codes[mask]
        if blank is None:
            codes = codes[codes >= 0]
        if not len(codes):
            return None
        counts = np.bincount(codes + 1, minlength=len(self.values) + 1)
        top = np.flatnonzero(counts == counts.max())
        return min(blank if t == 0 else self.values[int(t) - 1].as_py() for t in top)

    def arrow(self, rows: np.ndarray | None = None) -> pa.Array:
        """The text of the rows (all, or ``rows`` in that order), missing where empty."""
        codes = self.codes if rows is None else self.codes[rows]
        return pc.take(self.values, pa.array(codes, mask=codes < 0))

    def strings(self, rows: np.ndarray | None = None) -> pd.arrays.ArrowStringArray:
        return _string_array(self.arrow(rows))


@dataclass(frozen=True)
class _Parsed:
    """A parsed text column before the records kept are known: dictionary indices and each entry's code.

    Per-record work (which rows are blank, a predicate) is a lookup per
    dictionary entry spread by the indices; :meth:`take` gives the codes of
    the records kept, in one gather.
    """

    indices: np.ndarray  # one per record: a position in the dictionary
    entry_codes: np.ndarray  # int64, one per dictionary entry: its stripped value's code, -1 when empty
    values: pa.Array  # the distinct stripped values, never empty

    @classmethod
    def of(cls, column: pa.ChunkedArray | None, n: int) -> _Parsed:
        """Encode a column (the reader may have already), then strip each dictionary entry once."""
        if column is None or n == 0:
            return cls(
                np.zeros(n, dtype=np.int32), np.full(1, -1, dtype=np.int64), pa.array([], pa.large_string())
            )
        encoded = (
            column if pa.types.is_dictionary(column.type) else pc.dictionary_encode(column)
        ).combine_chunks()
        entry_codes, values = _factorize(pc.utf8_trim_whitespace(encoded.dictionary))
        return cls(encoded.indices.to_numpy(zero_copy_only=False), entry_codes, values)

    def spread(self, answers: np.ndarray) -> np.ndarray:
        """Per-record booleans from one per distinct value (False where the value is empty)."""
        return np.append(np.asarray(answers, dtype=bool), False)[self.entry_codes][self.indices]

    def blank(self) -> np.ndarray:
        return (self.entry_codes < 0)[self.indices]

    def per_value(self, predicate) -> np.ndarray:
        """``predicate`` of each record's stripped text, once per distinct value (False where empty)."""
        return self.spread([bool(predicate(v)) for v in self.values.to_pylist()])

    def take(self, rows: np.ndarray) -> _Coded:
        """The codes of the given records."""
        return _Coded(self.entry_codes[self.indices[rows]], self.values)


def _expand(
    codes: np.ndarray, owners: np.ndarray, items: np.ndarray, n_values: int
) -> tuple[np.ndarray, np.ndarray]:
    """Spread per-value item lists to rows: (row, item) pairs, rows ascending, items in list order.

    ``owners[i]`` is the value that item ``i`` belongs to (ascending); ``codes``
    gives each row's value (-1: none).
    """
    per_value = np.bincount(owners, minlength=n_values) if n_values else np.zeros(0, dtype=np.int64)
    starts = np.concatenate(([0], np.cumsum(per_value)[:-1])) if n_values else np.zeros(0, dtype=np.int64)
    valid = np.flatnonzero(codes >= 0)
    counts = per_value[codes[valid]]
    rows = np.repeat(valid, counts)
    within = np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)
    return rows.astype(np.int64), items[np.repeat(starts[codes[valid]], counts) + within]


def _equals(series: pd.Series, value: str | None) -> np.ndarray:
    """Mask of the values equal to ``value`` (never for missing values, nor when ``value`` is None)."""
    if value is None:
        return np.zeros(len(series), dtype=bool)
    return pc.fill_null(pc.equal(arrow_text(series), value), False).to_numpy(zero_copy_only=False)


def _list_column(
    rows: np.ndarray, codes: np.ndarray, people: pa.Array, n: int, position: np.ndarray | None = None
) -> pa.ListArray:
    """A list<string> column of length n from (row, person code) pairs (vectorised).

    Each row's list holds its pairs' people in pair order; ``position`` moves
    row ``i`` to output row ``position[i]``.  The pairs come in a few runs of
    ascending rows, which a stable sort merges in linear time.
    """
    rows = np.asarray(rows, dtype=np.int64)
    order = np.argsort(rows, kind="stable")
    rows, codes = rows[order], np.asarray(codes, dtype=np.int64)[order]
    target = rows if position is None else position[rows]
    counts = np.bincount(target, minlength=n) if len(rows) else np.zeros(n, dtype=np.int64)
    offsets = np.concatenate(([0], np.cumsum(counts)))
    group = (
        np.flatnonzero(np.concatenate(([True], rows[1:] != rows[:-1])))
        if len(rows)
        else np.zeros(0, dtype=np.int64)
    )
    first = np.repeat(group, np.diff(np.append(group, len(rows))))
    placed = np.empty(len(rows), dtype=np.int64)
    placed[offsets[target] + np.arange(len(rows)) - first] = codes
    values = pc.take(people, pa.array(placed)).cast(pa.string())
    return pa.ListArray.from_arrays(pa.array(offsets.astype(np.int32), type=pa.int32()), values)


def _prefixed(prefix: str, values: pa.Array) -> pa.Array:
    """``prefix`` followed by each value as text (vectorised)."""
    text = pa.large_string()
    return pc.binary_join_element_wise(pa.scalar(prefix, text), values.cast(text), pa.scalar("", text))


def _message_order(conv: np.ndarray, instants: np.ndarray) -> np.ndarray:
    """The stable order by conversation, then time, of rows in file order (ties keep their lines' order).

    Times are whole seconds in every LinkedIn format: one integer key then
    holds both, and one stable sort does the work of a sort per key.
    """
    if len(conv):
        seconds, fraction = np.divmod(instants, 1_000_000_000)
        span = seconds - seconds.min()
        if not fraction.any() and span.max() < 1 << 32 and conv.max() < 1 << 30:
            return np.argsort((conv.astype(np.int64) << 32) | span, kind="stable")
    return np.lexsort((instants, conv))


def _newest_per_group(
    groups: np.ndarray, instants: np.ndarray, position: np.ndarray, n_groups: int
) -> np.ndarray:
    """Each group's newest row (ties: the first by ``position``), ascending: an index per group with rows."""
    if not len(groups):
        return np.zeros(0, dtype=np.int64)
    # One integer key orders the rows (newer is larger; on a tie the earlier position is), so a
    # maximum per group finds them without sorting.
    seconds, fraction = np.divmod(instants, 1_000_000_000)
    span = seconds - seconds.min()
    width = int(position.max()) + 1
    if not fraction.any() and int(span.max()) < (1 << 62) // width:
        key = span * width + (width - 1 - position)
    else:
        key = np.empty(len(groups), dtype=np.int64)
        key[np.lexsort((-position, instants))] = np.arange(len(groups))
    best = np.full(n_groups, -1, dtype=np.int64)
    np.maximum.at(best, groups, key)
    return np.flatnonzero(key == best[groups])


def _code_of(mapping: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """``mapping[codes]``, with -1 where a code is -1."""
    return np.append(mapping, -1)[codes]
