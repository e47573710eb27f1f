"""The dates of LinkedIn's files, which a spreadsheet may have re-saved: :func:`parse_dates`.

LinkedIn writes each file's dates in its own forms (:data:`CONNECTED_ON_FORMATS`,
:data:`MESSAGE_DATE_FORMAT`, :data:`US_DATETIME_FORMAT`).  A file a spreadsheet
re-saved holds others: the day order of its numeric dates is the one its own
values settle (:func:`date_order`), a note says which was read
(:func:`date_order_note`), and a value no form fits is quarantined with a
reason that shows its shape (:func:`bad_date_reason`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ... import schema as S
from ..._errors import (
    SHAPE_MARK,
    value_shape,
)
from ..._text import (
    arrow_text,
)

CONNECTED_ON_FORMATS = ("%d %b %Y", "%m/%d/%y, %I:%M %p", "%d-%b-%y")
MESSAGE_DATE_FORMAT = "%Y-%m-%d %H:%M:%S UTC"
US_DATETIME_FORMAT = "%m/%d/%y, %I:%M %p"


_SPACES = ("\u202f", "\u00a0", "\u2009")


def _plain_spaces(text: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    """Narrow, no-break and thin spaces (U+202F, U+00A0, U+2009) as plain spaces."""
    if not pc.all(pc.string_is_ascii(text)).as_py():  # the odd spaces are not ASCII: most files skip this
        for space in _SPACES:
            text = pc.replace_substring(text, space, " ")
    return text


def _parse_instants(text: pa.Array | pa.ChunkedArray, formats: tuple[str, ...]) -> np.ndarray:
    """Text times parsed with formats tried in order: ``datetime64[ns]`` values, NaT where none fits.

    Narrow and no-break spaces count as spaces.
    """
    text = _plain_spaces(text)
    stamps = pc.strptime(text, format=formats[0], unit="s", error_is_null=True).cast(pa.timestamp("ns"))
    if isinstance(stamps, pa.ChunkedArray):
        stamps = stamps.combine_chunks() if stamps.num_chunks else pa.array([], pa.timestamp("ns"))
    out = stamps.to_numpy(zero_copy_only=False).astype("datetime64[ns]")
    for fmt in formats[1:]:  # each further format is tried on the values none before it fitted
        rest = np.flatnonzero(np.isnat(out))
        if not len(rest):
            break
        attempt = pc.strptime(pc.take(text, pa.array(rest)), format=fmt, unit="s", error_is_null=True)
        out[rest] = attempt.cast(pa.timestamp("ns")).to_numpy(zero_copy_only=False).astype("datetime64[ns]")
    return out


# ------------------------------------------------- dates of files a spreadsheet may have re-saved
# A numeric date: two one- or two-digit numbers (day and month, in an order the
# file's values must tell) and a year, then an optional time.
_NUMERIC_DATE = (
    r"^(?P<first>\d{1,2})[/.\-](?P<second>\d{1,2})[/.\-](?P<year>\d{4}|\d{2})(?P<time>(?:[,\sT].*)?)$"
)
# How LinkedIn itself writes a numeric date (always month first): no note is needed for it.
_LINKEDIN_NUMERIC = r"^\d{1,2}/\d{1,2}/\d{2}, \d{1,2}:\d{2} ?[AP]M$"
# Numeric dates are rewritten day first ("D/M/Y time") and parsed with these (%y before %Y:
# "%Y" would read "24" as the year 24).
_DAY_FIRST_FORMATS = tuple(
    f"%d/%m/{year}{time}"
    for time in ("", " %H:%M", " %H:%M:%S", " %I:%M %p", " %I:%M:%S %p")
    for year in ("%y", "%Y")
)
# Every other form a spreadsheet writes dates in; ISO times lose a final "Z" and fractions of seconds first.
# Year first is always year, month, day (slashes or dots: Japanese, Chinese and Korean locales write it).
RESAVED_DATE_FORMATS = (
    "%d %b %Y", "%d-%b-%y", "%d-%b-%Y", "%d %B %Y", "%b %d, %Y", "%B %d, %Y",
    "%Y-%m-%d", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M",
    "%Y/%m/%d", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M", "%Y.%m.%d", "%Y.%m.%d %H:%M:%S", "%Y.%m.%d %H:%M",
)  # fmt: skip
# Excel's serial day numbers (1954 to 2119), counted from 1899-12-30.
_EXCEL_SERIAL = r"^\d{5}(\.\d+)?$"
_EXCEL_EPOCH = np.datetime64("1899-12-30", "ns")
DAY_FIRST, MONTH_FIRST = "day first", "month first"
_SLASH, _SPACE, _NOTHING = (pa.scalar(t, pa.large_string()) for t in ("/", " ", ""))


@dataclass(frozen=True)
class DatedColumn:
    """A date column parsed with the day order its own values settle (:func:`parse_dates`)."""

    instants: np.ndarray  # datetime64[ns], NaT where no format fits
    order: str | None  # DAY_FIRST or MONTH_FIRST when numeric dates were seen, else None
    settled: bool  # whether a day above 12 settled the order (else the export's own order was taken)
    linkedin_form: bool  # whether every numeric date is in LinkedIn's own form


def date_order(first: np.ndarray, second: np.ndarray) -> tuple[str, bool]:
    """The day order of numeric dates from their first two numbers, and whether the values settle it.

    A first number above 12 can only be a day (day first); a second one above
    12 can only be a day (month first).  When the values say both, the order
    most of them say wins (the others will not parse and are quarantined).
    When no number is above 12, the export's own order (month first, as
    LinkedIn writes it) is taken, unsettled.

    Examples
    --------
    >>> date_order(np.array([1, 29]), np.array([2, 10]))
    ('day first', True)
    >>> date_order(np.array([3, 10]), np.array([7, 29]))
    ('month first', True)
    >>> date_order(np.array([3]), np.array([7]))
    ('month first', False)
    """
    day_first = int(np.count_nonzero((first > 12) & (second <= 12)))
    month_first = int(np.count_nonzero((second > 12) & (first <= 12)))
    if day_first > month_first:
        return DAY_FIRST, True
    return MONTH_FIRST, month_first > 0


def parse_dates(values: pd.Series, known: tuple[str, ...] = ()) -> DatedColumn:
    """Parse a date column whose file may have been re-saved by a spreadsheet, inferring its day order.

    Numeric dates (``29/10/2026``, ``10/29/2026``, ``11/21/2024 10:00``,
    ``1/8/18, 6:14 PM``, with ``/``, ``.`` or ``-``) are read in the order the
    file's values settle (:func:`date_order`); the others with the ``known``
    formats (the export's own) first,
    then :data:`RESAVED_DATE_FORMATS` (``9-Sep-22``, ISO with ``T`` and
    ``Z``) and Excel serial day numbers.  One order holds for the whole file.

    Examples
    --------
    >>> dated = parse_dates(
    ...     pd.Series(["29/10/2026", "01/02/2026", "9-Sep-22", "2024-11-21T10:00:00Z", "45617"])
    ... )
    >>> [str(t) for t in dated.instants], dated.order, dated.settled  # doctest: +NORMALIZE_WHITESPACE
    (['2026-10-29T00:00:00.000000000', '2026-02-01T00:00:00.000000000', '2022-09-09T00:00:00.000000000',
      '2024-11-21T10:00:00.000000000', '2024-11-21T00:00:00.000000000'], 'day first', True)
    """
    text = pa.array(values.astype(S.STRING).array).cast(pa.large_string())
    text = pc.utf8_trim_whitespace(
        _plain_spaces(text.combine_chunks() if isinstance(text, pa.ChunkedArray) else text)
    )
    out = np.full(len(text), np.datetime64("NaT"), "datetime64[ns]")
    parts = pc.extract_regex(text, _NUMERIC_DATE)
    is_numeric = ~np.asarray(parts.is_null().to_numpy(zero_copy_only=False), dtype=bool)
    numeric, other = np.flatnonzero(is_numeric), np.flatnonzero(~is_numeric)
    if known and len(other):  # a numeric date takes the file's order, never a known format's
        out[other] = _parse_instants(pc.take(text, pa.array(other)), known)
    order, settled, linkedin_form = None, False, True
    if len(numeric):
        found = pc.take(parts, pa.array(numeric))
        first, second = (
            np.asarray(found.field(k).cast(pa.int64()).to_numpy(), dtype=np.int64)
            for k in ("first", "second")
        )
        order, settled = date_order(first, second)
        linkedin_form = bool(
            pc.all(pc.match_substring_regex(pc.take(text, pa.array(numeric)), _LINKEDIN_NUMERIC)).as_py()
        )
        day, month = (
            (found.field("first"), found.field("second"))
            if order == DAY_FIRST
            else (found.field("second"), found.field("first"))
        )
        time = pc.utf8_ltrim(found.field("time"), characters=", T")
        canonical = pc.utf8_trim_whitespace(
            pc.binary_join_element_wise(
                day, _SLASH, month, _SLASH, found.field("year"), _SPACE, time, _NOTHING
            )
        )
        out[numeric] = _parse_instants(canonical, _DAY_FIRST_FORMATS)
    rest = np.flatnonzero(np.isnat(out))
    if len(rest):
        iso = pc.replace_substring_regex(pc.take(text, pa.array(rest)), r"(\.\d+)?Z$", "")
        out[rest] = _parse_instants(iso, RESAVED_DATE_FORMATS)
    rest = np.flatnonzero(np.isnat(out))
    if len(rest):
        candidates = pc.take(text, pa.array(rest))
        serial = np.asarray(
            pc.match_substring_regex(candidates, _EXCEL_SERIAL).to_numpy(zero_copy_only=False), dtype=bool
        )
        if serial.any():
            days = pc.cast(pc.filter(candidates, pa.array(serial)), pa.float64()).to_numpy()
            seconds = np.round(days * 86_400).astype(
                np.int64
            )  # Excel keeps times as fractions of a day: whole seconds
            out[rest[serial]] = _EXCEL_EPOCH + (seconds * 1_000_000_000).astype("timedelta64[ns]")
    return DatedColumn(out, order, settled, linkedin_form)


def date_order_note(file: str, column: str, dated: DatedColumn) -> str | None:
    """The summary's note on how a file's numeric dates were read (None: LinkedIn's own form needs none).

    Examples
    --------
    >>> print(date_order_note("Connections.csv", "Connected On", parse_dates(pd.Series(["02/03/2026"]))))
    ... # doctest: +NORMALIZE_WHITESPACE
    Connections.csv: the numeric dates of Connected On (like NN/NN/NNNN) have no day above 12 to tell
    the order; they were read month first, as LinkedIn writes dates (a spreadsheet may have re-saved
    the file: check a few).
    """
    if dated.order is None or (dated.linkedin_form and dated.order == MONTH_FIRST):
        return None
    if dated.settled:
        return (
            f"{file}: the numeric dates of {column} were read {dated.order}"
            " (a day above 12 settles it; a spreadsheet re-saved the file?)."
        )
    return (
        f"{file}: the numeric dates of {column} (like NN/NN/NNNN) have no day above 12 to tell the order; "
        "they were "
        f"read {dated.order}, as LinkedIn writes dates "
        "(a spreadsheet may have re-saved the file: check a few)."
    )


def _digits_as_zero(text: pa.Array | pa.ChunkedArray) -> pa.Array:
    """Every ASCII digit as ``0`` (one pass over the bytes: in UTF-8 no other character holds a digit's byte).

    Every digit has the shape N (:func:`value_shape`), so the bad dates of one form become one value,
    shaped once.
    """
    text = text.cast(pa.large_string())
    if isinstance(text, pa.ChunkedArray):
        text = text.combine_chunks() if text.num_chunks else pa.array([], pa.large_string())
    validity, offsets, data = text.buffers()
    if data is None:
        return text
    raw = np.frombuffer(data, dtype=np.uint8)
    folded = np.where((raw > 0x30) & (raw <= 0x39), np.uint8(0x30), raw)
    return pa.Array.from_buffers(
        text.type, len(text), [validity, offsets, pa.py_buffer(folded)], offset=text.offset
    )


def bad_date_reason(column: str, values: pd.Series, expected: str) -> pd.Series:
    """Per bad value, the quarantine reason: its column, its shape (never the value), what was expected.

    Examples
    --------
    >>> bad_date_reason(  # doctest: +NORMALIZE_WHITESPACE
    ...     "Connected On", pd.Series(["2016. junius 16."]), "08 Feb 2026"
    ... ).tolist()
    ['Connected On is not a date in a known format: a value shaped NNNN. aaaaaa NN.
     (expected like 08 Feb 2026)']
    """
    folded = pc.dictionary_encode(_digits_as_zero(arrow_text(values.fillna(""))))
    shapes = np.array([value_shape(v) for v in folded.dictionary.to_pylist()] + [""], dtype=object)
    reasons = (
        f"{column} is not a date in a known format: a value {SHAPE_MARK}"
        + shapes
        + f" (expected like {expected})"
    )
    return pd.Series(reasons[folded.indices.to_numpy(zero_copy_only=False)], index=values.index, dtype=object)
