"""Turn the raw string tables of a LinkedIn export into tidy, typed tables: :func:`read_linkedin`.

What this stage decides (the facts behind each rule are in
``research/linkedin_and_other_export_formats.md``):

* **Identity.** A person's ``contact_id`` is their LinkedIn profile slug, taken
  from the profile URL after percent-decoding (Connections.csv encodes
  non-ASCII slugs, the other files do not) and lowercasing.  Exports from
  before 2023 lack URLs in places; there the id falls back to
  ``name:<casefolded name>``, a weaker key.  Two people with the same name
  stay two contacts when their URLs differ.  A name id is replaced by the URL
  id of the one profile seen with that name elsewhere in the export (2021-22
  Connections list names, messages.csv gives senders' URLs), so one person
  is one contact; a note counts these name matches.
* **The owner** is the participant in (nearly) every conversation of
  messages.csv: senders (by profile URL, else name), the names in ``TO``
  (split only into names known from the export) and, since 2023, the
  recipient URLs (:func:`find_owner`).  Profile.csv's name and
  Invitations.csv's owner URL are candidates checked against that: when one
  is in few conversations and another participant is in nearly all, the
  messages win.  The 2018 format states each message's ``Direction``.
  ``Owner.found_by`` names the evidence used, ``Owner.confidence`` how sure
  it is; ``owner=`` settles it.  Message direction follows from it.
* **Conversations and recipients.** Recipients come from ``RECIPIENT PROFILE
  URLS``; ``TO`` is never split on commas (names hold ``", "``).  Without that
  column, a message's recipients are the other participants of its
  conversation.  The 2018 format has no conversation ids: its ``To`` cells are
  read as the names known from the export, and a conversation is the set of
  people in it besides the owner.
* **Excluded by rule** (counted in the ledger, listed in ``Export.excluded``):
  hidden-profile rows of Connections.csv (only a date), empty rows, message
  drafts (``IS MESSAGE DRAFT = Yes``; in exports without that column, an
  empty ``FOLDER``, which is how real drafts look), and repeated connections.
* **Quarantined** (``Export.quarantine``): records that cannot be read —
  ragged rows, unparseable dates, unknown directions, giant fields.
* **Flagged, kept**: sponsored / InMail rows get ``is_sponsored`` and no
  ``sender_id``, so they are never merged into one person.  Sponsored is a
  judgement on evidence, only for senders without a URL who are neither the
  owner nor one of their connections (:func:`sponsored_rows`).  InMail and
  sponsored HTML bodies become text (:func:`netstats._text.html_to_text`).
* **Times.** Message times are UTC (the file says so).  Invitation times have
  no zone and stay naive.  Connection dates are dates.  The 2018 message
  format has no zone either; those times are read as UTC and a note says so.
  Every file's dates may come from a spreadsheet re-save (:func:`parse_dates`:
  the day order from the file's own values); a message time a re-save wrote
  without its zone keeps LinkedIn's clock, UTC (:func:`message_dates`).

messages.csv can hold millions of records, so it never becomes a pandas frame
before the end: its text columns stay pyarrow dictionaries and integer codes
(:class:`_Parsed`, :class:`_Coded`), everything that depends on the text alone
(stripping, URL normalisation, identities, predicates) is computed once per
distinct value, the set work is numpy over codes, and each output column is
built once, already in the final order.
"""

from __future__ import annotations

import concurrent.futures
import datetime
import itertools
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ... import schema as S
from ..._concurrent import in_background
from ..._errors import (
    SHAPE_MARK,
    NetstatsError,
    NotAnExportError,
    ParameterError,
    refuse_mostly_set_aside,
    value_shape,
)
from ..._export import Owner, Part
from ..._text import (
    HTML_BODY,
    arrow_text,
    contact_id_for,
    contact_ids,
    html_bodies_to_text,
    name_key,
    name_keys,
    normalise_email,
    normalise_profile_url,
    normalise_profile_urls,
)
from .._archive import SourceFile
from .._ledger import Ledger
from ._csv import RawTable, read_table

_EMAIL = r"^[^@\s,;<>]+@[^@\s,;<>]+\.[^@\s,;<>]+$"
_MEMBER_URN = r"^urn:li:member:\d+$"
CONNECTED_ON_FORMATS = ("%d %b %Y", "%m/%d/%y, %I:%M %p", "%d-%b-%y")
MESSAGE_DATE_FORMAT = "%Y-%m-%d %H:%M:%S UTC"
US_DATETIME_FORMAT = "%m/%d/%y, %I:%M %p"
SPONSORED_SENDERS = ("linkedin member",)
SPONSORED_TITLES = ("sponsored conversation",)
# LinkedIn's suggested invitation texts and their common variants (normalised:
# casefolded, greeting and the invitee's name removed, punctuation dropped).
STOCK_NOTES = frozenset(
    {
        "id like to add you to my professional network",
        "i would like to add you to my professional network",
        "id like to join your linkedin network",
        "i would like to join your linkedin network",
        "id like to connect",
        "i would like to connect",
        "i would like to connect with you",
        "id like to connect with you",
        "lets connect",
        "please accept my invitation",
        "please accept my invitation to connect",
        "looking forward to connecting",
        "i came across your profile and would like to connect",
        "happy to connect",
        "would love to connect",
        "id love to connect",
        "i would love to connect",
        "lets stay in touch",
        "connect with me",
    }
)
_GREETING = re.compile(r"^(?:hi|hello|hey|dear|hallo|bonjour|hola)\b\s*")


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


# ---------------------------------------------------------------- helpers
def _blank_to_na(series: pd.Series) -> pd.Series:
    """The column as text, an empty value missing."""
    text = pa.array(series.astype(S.STRING).array)
    blank = pc.equal(pc.binary_length(text), 0)
    if not pc.any(blank).as_py():
        return series.astype(S.STRING)
    cleared = pc.if_else(blank, pa.scalar(None, text.type), text)
    return pd.Series(pd.arrays.ArrowStringArray(cleared.cast(pa.large_string())), index=series.index)


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
RESAVED_DATE_FORMATS = (
    "%d %b %Y", "%d-%b-%y", "%d-%b-%Y", "%d %B %Y", "%b %d, %Y", "%B %d, %Y",
    "%Y-%m-%d", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M",
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


def _mode(series: pd.Series) -> str | None:
    values = series.dropna()
    if values.empty:
        return None
    counts = values.value_counts()
    top = counts[counts == counts.iloc[0]].index
    return str(sorted(top)[0])


# ---------------------------------------------------------------- connections
def clean_connections(raw: RawTable) -> _Cleaned:
    """Connections.csv -> a row per connection (hidden profiles, repeats excluded; bad dates quarantined)."""
    f = raw.frame
    text_cols = ["FIRST NAME", "LAST NAME", "URL", "EMAIL ADDRESS", "COMPANY", "POSITION"]
    blank = {c: f[c].fillna("").eq("") for c in text_cols}
    no_person = np.logical_and.reduce([blank[c].to_numpy() for c in text_cols])
    no_date = f["CONNECTED ON"].fillna("").eq("").to_numpy()
    empty = pd.Series(no_person & no_date, index=f.index)
    hidden = pd.Series(no_person & ~no_date, index=f.index)
    out = _Cleaned(frame=f)
    out.excluded += [
        _excluded(raw, empty, "empty row"),
        _excluded(raw, hidden, "hidden profile (the row holds only a date)"),
    ]

    rest = f.loc[~(empty | hidden).to_numpy()].copy()
    dated = parse_dates(rest["CONNECTED ON"], CONNECTED_ON_FORMATS)
    connected = pd.Series(dated.instants, index=rest.index, dtype=S.NAIVE_TIME)
    bad_date = connected.isna()
    out.notes += [n for n in [date_order_note(raw.file, "Connected On", dated)] if n]
    if bad_date.any():
        reasons = bad_date_reason(
            "Connected On", rest["CONNECTED ON"].where(bad_date.to_numpy(), ""), "08 Feb 2026"
        )
        out.quarantine += _quarantined(raw, rest, bad_date, reasons)
    frame = _connection_frame(rest.loc[~bad_date.to_numpy()], connected.loc[~bad_date.to_numpy()])
    frame = _one_row_per_connection(raw, frame, out)
    frame[S.PLATFORM] = S.constant(S.LINKEDIN, len(frame), index=frame.index)
    frame[S.RELATIONSHIP] = S.constant(S.REL_CONNECTION, len(frame), index=frame.index)
    out.frame = S.conform(frame, S.CONNECTIONS_COLUMNS)
    return out


def _connection_frame(rest: pd.DataFrame, connected: pd.Series) -> pd.DataFrame:
    """The typed columns of the connections kept: names, normalised URL, e-mail or member URN, ids."""
    first = _blank_to_na(rest["FIRST NAME"])
    last = _blank_to_na(rest["LAST NAME"])
    name = (first.fillna("") + " " + last.fillna("")).str.strip().replace("", pd.NA)
    url = normalise_profile_urls(_blank_to_na(rest["URL"]))
    email_raw = _blank_to_na(rest["EMAIL ADDRESS"])
    return pd.DataFrame(
        {
            S.CONTACT_ID: contact_ids(url, name),
            S.NAME: name,
            S.FIRST_NAME: first,
            S.LAST_NAME: last,
            S.PROFILE_URL: url,
            S.EMAIL: email_raw.where(email_raw.str.match(_EMAIL, na=False)),
            S.MEMBER_URN: email_raw.where(email_raw.str.match(_MEMBER_URN, na=False)),
            S.COMPANY: _blank_to_na(rest["COMPANY"]),
            S.POSITION: _blank_to_na(rest["POSITION"]),
            S.CONNECTED_ON: connected,
            S.SOURCE_LINE: rest[S.SOURCE_LINE],
        }
    )


def _one_row_per_connection(raw: RawTable, frame: pd.DataFrame, out: _Cleaned) -> pd.DataFrame:
    """One row per person: a repeated profile URL is excluded, a repeated name without URL numbered.

    The same profile URL twice is one person listed twice; the same *name*
    without URLs may be two people, so those get a numbered id instead.
    """
    has_url = frame[S.PROFILE_URL].notna()
    repeat = frame[S.CONTACT_ID].duplicated() & has_url
    if repeat.any():
        out.excluded.append(
            pd.DataFrame(
                {
                    S.FILE: raw.file,
                    S.LINE: frame.loc[repeat, S.SOURCE_LINE].to_numpy(),
                    S.REASON: "repeated connection (same profile URL)",
                }
            )
        )
        frame = frame.loc[~repeat]
    nth = frame.groupby(S.CONTACT_ID, sort=False).cumcount()
    renumber = (nth > 0) & frame[S.PROFILE_URL].isna()
    if renumber.any():
        frame.loc[renumber, S.CONTACT_ID] = (
            frame.loc[renumber, S.CONTACT_ID] + "#" + (nth[renumber] + 1).astype(str)
        )
    return frame


# ---------------------------------------------------------------- invitations
def _note_key(note: str, name: str | None) -> str:
    text = note.casefold()
    for part in sorted({p for p in (name or "").casefold().split() if len(p) > 1}, key=len, reverse=True):
        text = re.sub(rf"\b{re.escape(part)}\b", " ", text)
    text = re.sub(r"[^\w\s]", "", text)
    text = " ".join(text.split())
    return _GREETING.sub("", text).strip()


def classify_notes(notes: pd.Series, names: pd.Series, contact: pd.Series) -> pd.Series:
    """Classify invitation notes as ``none``, ``generic`` or ``personal``.

    A note is generic when, once the greeting, the invitee's name and
    punctuation are removed, it is one of LinkedIn's stock phrases, or the same
    text was sent to (or received from) two or more different people — a
    template.  Everything else with text is personal.

    Examples
    --------
    >>> notes = pd.Series(["", "Hi Ann, I'd like to add you to my professional network.",
    ...                    "Loved your talk on tidy data at PyCon!", "Hi Bo, great to meet you",
    ...                    "Hi Cy, great to meet you"])
    >>> names = pd.Series(["Zed", "Ann Lee", "Di", "Bo Ek", "Cy Li"])
    >>> classify_notes(notes, names, pd.Series(["z", "a", "d", "b", "c"])).tolist()
    ['none', 'generic', 'personal', 'generic', 'generic']
    """
    notes = notes.astype(S.STRING).fillna("")
    keys = pd.Series(
        [
            _note_key(n, m if isinstance(m, str) else None) if n else ""
            for n, m in zip(notes, names.astype(object), strict=True)
        ],
        index=notes.index,
        dtype=S.STRING,
    )
    people_per_key = (
        pd.DataFrame({"key": keys, "who": contact.astype(S.STRING).fillna("?")})
        .groupby("key")["who"]
        .nunique()
    )
    shared = keys.map(people_per_key).fillna(0).astype(int) >= 2
    stock = keys.isin(STOCK_NOTES) | (
        keys.str.split().str.len().fillna(0).astype(int).le(3) & keys.str.contains("connect", na=False)
    )
    kind = np.where(
        notes.eq("").to_numpy(),
        S.NOTE_NONE,
        np.where((shared | stock).to_numpy(), S.NOTE_GENERIC, S.NOTE_PERSONAL),
    )
    return pd.Series(kind, index=notes.index, dtype=S.STRING)


def clean_invitations(raw: RawTable) -> _Cleaned:
    """Invitations.csv -> one row per invitation, the counterpart's id, naive time and note kind."""
    f = raw.frame
    out = _Cleaned(frame=f)
    cells = ["FROM", "TO", "SENT AT", "MESSAGE", "DIRECTION"]
    empty = pd.Series(
        np.logical_and.reduce([f[c].fillna("").eq("").to_numpy() for c in cells]), index=f.index
    )
    out.excluded.append(_excluded(raw, empty, "empty row"))
    rest = f.loc[~empty.to_numpy()]

    direction = rest["DIRECTION"].fillna("").str.upper()
    bad_direction = ~direction.isin(["INCOMING", "OUTGOING"])
    out.quarantine += _quarantined(raw, rest, bad_direction, "Direction is neither INCOMING nor OUTGOING")
    dated = parse_dates(rest["SENT AT"], (US_DATETIME_FORMAT,))
    sent_at = pd.Series(dated.instants, index=rest.index, dtype=S.NAIVE_TIME)
    bad_date = sent_at.isna() & ~bad_direction
    out.notes += [n for n in [date_order_note(raw.file, "Sent At", dated)] if n]
    if bad_date.any():
        reasons = bad_date_reason(
            "Sent At", rest["SENT AT"].where(bad_date.to_numpy(), ""), "3/7/26, 1:07 PM"
        )
        out.quarantine += _quarantined(raw, rest, bad_date, reasons)
    ok = ~(bad_direction | bad_date).to_numpy()
    rest, direction, sent_at = rest.loc[ok], direction.loc[ok], sent_at.loc[ok]

    outgoing = direction.eq("OUTGOING")
    name = _blank_to_na(rest["TO"].where(outgoing, rest["FROM"]))
    url_raw = _blank_to_na(rest["INVITEEPROFILEURL"].where(outgoing, rest["INVITERPROFILEURL"]))
    url = normalise_profile_urls(url_raw)
    ids = contact_ids(url, name)
    message = _blank_to_na(rest["MESSAGE"])
    owner_name = _blank_to_na(rest["FROM"].where(outgoing, rest["TO"]))
    frame = pd.DataFrame(
        {
            S.CONTACT_ID: ids,
            S.NAME: name,
            S.PROFILE_URL: url,
            S.DIRECTION: np.where(outgoing, S.OUTGOING, S.INCOMING),
            S.SENT_AT: sent_at,
            S.MESSAGE: message,
            # Mask both names: a note greets the invitee, who is the owner on incoming rows.
            S.NOTE_KIND: classify_notes(message, name.fillna("") + " " + owner_name.fillna(""), ids),
            S.SOURCE_LINE: rest[S.SOURCE_LINE],
            # kept for owner detection, dropped by conform
            "_owner_url": normalise_profile_urls(
                _blank_to_na(rest["INVITERPROFILEURL"].where(outgoing, rest["INVITEEPROFILEURL"]))
            ),
            "_owner_name": owner_name,
        }
    )
    out.frame = frame
    return out


# ---------------------------------------------------------------- owner
def _profile_name(raw: RawTable | None) -> str | None:
    if raw is None or raw.table.num_rows == 0:
        return None
    row = raw.frame.iloc[0]
    name = " ".join(str(v) for v in (row["FIRST NAME"], row["LAST NAME"]) if isinstance(v, str) and v).strip()
    return name or None


# Confidence from the share of conversations the leading participant is in, and its lead over the next one.
CERTAIN_SHARE, CERTAIN_LEAD = 0.9, 0.4
LIKELY_SHARE, LIKELY_LEAD = 0.6, 0.2
# A candidate from Profile.csv or Invitations.csv in fewer conversations than this loses to clear messages.
FEW_CONVERSATIONS = 0.5


# The participants whose conversations are counted exactly at first (the most often named); the
# others' counts are bounded by how often they are named, which settles all but odd exports.
LEADERS = 8


@dataclass(frozen=True)
class _Presence:
    """Who is in which conversation of messages.csv (2021+ formats), before the owner is known.

    A participant is a profile URL, or a name key where no URL is known for
    the name (a name seen with exactly one URL is that URL).  Evidence:
    senders (URL, else name), ``TO`` names (split only into names known from
    the export, so ``"First Last, MBA"`` stays one name), and the recipient
    URL lists of 2023+.  Conversations are counted per participant on demand
    (:meth:`conversations`): the leader is found among the most often named.
    """

    keys: list[str]  # per participant: the normalised URL, or "name:<key>" (the URLs come first)
    n_urls: int
    named: np.ndarray  # per participant: how many rows name them (an upper bound of their conversations)
    kinds: np.ndarray  # per participant: bit 1 sender, 2 TO, 4 recipient URLs (evidence seen)
    n_conversations: int
    evidence: list[
        tuple[np.ndarray, np.ndarray]
    ]  # (conversation code, participant code) pairs, one array pair per kind
    sender: np.ndarray  # per message row: its sender's participant code (-1: none)
    names: dict[str, int]  # name key -> participant code
    sender_name: _Coded  # FROM of every row
    to_name: list[str | None]  # per participant: a name TO gives them
    counted: dict[int, int] = field(default_factory=dict)  # participant -> conversations, as counted so far

    def name_of(self, code: int) -> str | None:
        """The participant's name as the messages spell it: their most frequent FROM, else a TO name."""
        return self.sender_name.mode(self.sender == code) or self.to_name[code]

    def code_of(self, url: str | None = None, name: str | None = None) -> int:
        """The participant with this (normalised) URL, else this name; -1 when absent."""
        if url and url in self.keys:
            return self.keys.index(url)
        key = name_key(name) if name else None
        return self.names.get(key, -1) if key else -1

    def conversations(self, codes: np.ndarray) -> np.ndarray:
        """How many conversations each participant of ``codes`` is in (one bitmap row per participant)."""
        codes = np.asarray(codes, dtype=np.int64)
        todo = np.array(
            [c for c in dict.fromkeys(codes.tolist()) if c not in self.counted and c >= 0], dtype=np.int64
        )
        if len(todo):
            width = max((int(c.max()) + 1 for c, _ in self.evidence if len(c)), default=1)
            slot = np.full(len(self.keys) + 1, -1, dtype=np.int64)  # the last entry serves code -1
            slot[todo] = np.arange(len(todo))
            seen = np.zeros((len(todo), width), dtype=bool)
            for conv, who in self.evidence:
                at = slot[who]
                hit = at >= 0
                seen[at[hit], conv[hit]] = True
            self.counted.update(zip(todo.tolist(), seen.sum(axis=1).tolist(), strict=True))
        return np.array([self.counted.get(int(c), 0) for c in codes], dtype=np.int64)

    def _count_everyone(self) -> np.ndarray:
        """Every participant's conversations, from the distinct (participant, conversation) pairs."""
        width = max((int(c.max()) + 1 for c, _ in self.evidence if len(c)), default=1)
        pairs = np.concatenate([who[who >= 0] * width + conv[who >= 0] for conv, who in self.evidence])
        counts = np.bincount(np.unique(pairs) // width, minlength=len(self.keys))
        self.counted.update(enumerate(counts.tolist()))
        return counts

    def share(self, code: int) -> float:
        if code < 0 or not self.n_conversations:
            return 0.0
        return float(self.conversations(np.array([code]))[0]) / self.n_conversations

    def leader(self) -> tuple[int, float]:
        """The participant in most conversations (ties: the key sorting first), and their lead over a rival.

        A rival could be the owner: someone with a profile URL, or named in
        TO or a recipient list.  Sponsors (``LinkedIn Member``, brands) only
        ever send and have no URL; they are in many conversations but are
        never addressed, as the owner is in every message they receive.
        """
        if not self.keys or not self.n_conversations:
            return -1, 0.0
        ranks = _sort_ranks(pa.array(self.keys, pa.large_string()))
        rival = ((self.kinds & 6) > 0) | (np.arange(len(self.keys)) < self.n_urls)
        order = np.lexsort((ranks, -self.named))
        head, rest = order[:LEADERS], order[LEADERS:]
        top, first, second = self._top_and_rival(head, self.conversations(head), ranks, rival)
        bound = min(int(self.named[rest].max()) if len(rest) else 0, self.n_conversations)
        rival_bound = min(
            int(self.named[rest[rival[rest]]].max()) if rival[rest].any() else 0, self.n_conversations
        )
        n = self.n_conversations
        if bound >= first or (
            rival_bound > second
            and _confidence(first / n, (first - rival_bound) / n)
            != _confidence(first / n, (first - second) / n)
        ):  # a participant named less often might be in more conversations: count everyone
            top, first, second = self._top_and_rival(
                np.arange(len(self.keys)), self._count_everyone(), ranks, rival
            )
        return top, (first - second) / n

    @staticmethod
    def _top_and_rival(
        codes: np.ndarray, counts: np.ndarray, ranks: np.ndarray, rival: np.ndarray
    ) -> tuple[int, int, int]:
        """The leader among ``codes``, their conversations, and the most conversations of a rival."""
        order = np.lexsort((ranks[codes], -counts))
        top = int(codes[order[0]])
        others = order[1:][rival[codes[order[1:]]]]
        return top, int(counts[order[0]]), int(counts[others[0]]) if len(others) else 0

    def evidence_of(self, code: int) -> str:
        kinds = [
            label
            for bit, label in ((1, "as sender"), (2, "in TO"), (4, "in RECIPIENT PROFILE URLS"))
            if self.kinds[code] & bit
        ]
        return ", ".join(kinds)


def _split_cells(cells: _Coded, known: set[str]) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """(row, item) pairs of the names in each cell (:func:`_split_known_names`), and the items' names.

    The split is done once per distinct cell; a cell without a comma is one name.
    """
    span = max((k.count(",") for k in known), default=0) + 1
    resolved = [
        _split_known_names(cell, known, span) if "," in cell else [cell] for cell in cells.values.to_pylist()
    ]
    sizes = np.array([len(r) for r in resolved], dtype=np.int64)
    owners = np.repeat(np.arange(len(resolved)), sizes).astype(np.int64)
    flat = [name for r in resolved for name in r]
    # most cells name one person: their rows take their one item directly; the others are expanded
    first_item = np.append(np.cumsum(sizes) - sizes, -1)
    one = np.flatnonzero(np.append(sizes == 1, False)[cells.codes])
    several = np.where(np.append(sizes > 1, False)[cells.codes], cells.codes, -1)
    rows, items = _expand(several, owners, np.arange(len(owners)), len(resolved))
    return np.concatenate([one, rows]), np.concatenate([first_item[cells.codes[one]], items]), flat


def _one_value_per_code(codes: np.ndarray, values: np.ndarray, n_codes: int) -> np.ndarray:
    """Per code, the one value it is paired with; -1 when none, -2 when several (no sorting, no hashing)."""
    low = np.full(n_codes, np.iinfo(np.int64).max, dtype=np.int64)
    high = np.full(n_codes, -1, dtype=np.int64)
    np.minimum.at(low, codes, values)
    np.maximum.at(high, codes, values)
    return np.where(high < 0, -1, np.where(low == high, high, -2))


def _name_links(m: _Messages, sender_keys: list[str | None]) -> dict[str, str]:
    """Name key -> URL, for the names messages.csv shows with exactly one profile URL.

    Pairs: a sender's name and URL, and the TO of a message with one listed recipient and its URL.
    """
    sender_name, to = m.text["FROM"], m.text["TO"]
    both = (m.sender_url.codes >= 0) & (sender_name.codes >= 0)
    by_sender = _one_value_per_code(
        sender_name.codes[both], m.sender_url.codes[both], len(sender_name.values)
    )
    single = (
        np.bincount(m.recipient_rows, minlength=len(m))[m.recipient_rows] == 1
        if len(m)
        else np.zeros(0, bool)
    )
    to_codes, to_urls = to.codes[m.recipient_rows[single]], m.recipient_urls[single]
    named = to_codes >= 0
    by_to = _one_value_per_code(to_codes[named], to_urls[named], len(to.values))
    paired = np.flatnonzero(by_to != -1)
    to_keys = [name_key(v) for v in pc.take(to.values, pa.array(paired)).to_pylist()]
    # several spellings (values) of one name key must agree; a value with several URLs (-2) makes it ambiguous
    seen: dict[str, set[int]] = {}
    for key, url in [
        *zip(sender_keys, by_sender.tolist(), strict=True),
        *zip(to_keys, by_to[paired].tolist(), strict=True),
    ]:
        if key and url != -1:
            seen.setdefault(key, set()).add(url)
    urls = m.urls.to_pylist()
    return {
        key: urls[next(iter(codes))] for key, codes in seen.items() if len(codes) == 1 and -2 not in codes
    }


def _presence(m: _Messages, known_names: set[str]) -> _Presence:
    """:class:`_Presence` of the records kept (vectorised; Python only per distinct name or cell)."""
    sender_name, to = m.text["FROM"], m.text["TO"]
    sender_keys = name_keys(pd.Series(_string_array(sender_name.values))).tolist()
    sender_keys = [k if isinstance(k, str) else None for k in sender_keys]
    known = {k for k in sender_keys if k} | known_names
    to_rows, to_items, to_flat = _split_cells(to, known)
    links = _name_links(m, sender_keys)
    keys: dict[str, int] = {}

    def code(key: str | None) -> int:
        return -1 if key is None else keys.setdefault(key, len(keys))

    def of_name(key: str | None) -> int:
        return -1 if key is None else code(links.get(key, f"name:{key}"))

    url_code = np.array([code(u) for u in m.urls.to_pylist()] + [-1], dtype=np.int64)
    name_code = np.array([of_name(k) for k in sender_keys] + [-1], dtype=np.int64)
    to_keys = [
        k if isinstance(k, str) else None for k in name_keys(pd.Series(to_flat, dtype=S.STRING)).tolist()
    ]
    item_code = np.array([of_name(k) for k in to_keys] + [-1], dtype=np.int64)
    sender = np.where(m.sender_url.codes >= 0, url_code[m.sender_url.codes], name_code[sender_name.codes])
    conv = m.text["CONVERSATION ID"].codes + 1  # a blank conversation id is one value
    n_conv = int(np.count_nonzero(np.bincount(conv))) if len(conv) else 0
    evidence = [
        (1, conv, sender),
        (2, conv[to_rows], item_code[to_items]),
        (4, conv[m.recipient_rows], url_code[m.recipient_urls]),
    ]
    n = len(keys)
    named = np.zeros(n, dtype=np.int64)
    kinds = np.zeros(n, dtype=np.int64)
    for bit, _, who in evidence:
        times = np.bincount(who[who >= 0], minlength=n)
        named += times
        kinds |= np.where(times > 0, bit, 0)
    names = {k: of_name(k) for k in {*sender_keys, *to_keys} if k}
    to_name: list[str | None] = [None] * n
    for value, c in zip(to_flat, item_code[:-1].tolist(), strict=True):
        if c >= 0 and to_name[c] is None:
            to_name[c] = value
    pairs = [(c, who) for _, c, who in evidence]
    return _Presence(
        list(keys), len(m.urls), named, kinds, n_conv, pairs, sender, names, sender_name, to_name
    )


def _confidence(share: float, lead: float) -> str:
    if share >= CERTAIN_SHARE and lead >= CERTAIN_LEAD:
        return "certain"
    if share >= LIKELY_SHARE and lead >= LIKELY_LEAD:
        return "likely"
    return "unsure" if lead > 0 else "not found"


@dataclass(frozen=True)
class _Candidate:
    """The owner as Profile.csv or Invitations.csv states it."""

    name: str | None
    url: str | None
    source: str  # e.g. "Invitations.csv owner URL"
    name_source: str = ""  # where the name comes from, e.g. "Profile.csv name"


def _file_candidate(invitations: pd.DataFrame | None, profile_name: str | None) -> _Candidate | None:
    url = name = None
    if invitations is not None and not invitations.empty:
        url = _mode(invitations["_owner_url"])
        name = _mode(invitations.loc[invitations[S.DIRECTION].eq(S.OUTGOING), "_owner_name"])
    if url:
        named_by = (
            "Profile.csv name" if profile_name else "Invitations.csv sender name of outgoing invitations"
        )
        return _Candidate(profile_name or name, url, "Invitations.csv owner URL", named_by)
    if profile_name:
        return _Candidate(profile_name, None, "Profile.csv name")
    if name:
        return _Candidate(name, None, "Invitations.csv sender name of outgoing invitations")
    return None


def _owner_of(
    p: _Presence, code: int, found_by: str, confidence: str, stated: str | None = None
) -> tuple[Owner, np.ndarray]:
    """The participant ``code`` as the Owner, and the rows they sent.

    ``stated`` is the name a file or the user gives: it labels a participant
    the messages show as ``LinkedIn Member`` (as LinkedIn shows some owners).
    """
    key = p.keys[code]
    url = None if key.startswith("name:") else key
    shown = p.name_of(code)
    name = stated if stated and (shown is None or name_key(shown) in SPONSORED_SENDERS) else shown or stated
    contact_id = contact_id_for(url) if url else key
    owner = Owner(name, url, contact_id, found_by, confidence, round(p.share(code), 4))
    return owner, p.sender == code


def _in(p: _Presence, code: int) -> str:
    count = int(p.conversations(np.array([code]))[0]) if code >= 0 else 0
    return f"in {count:,} of {p.n_conversations:,} conversations"


def _given_owner(given: tuple[str, ...], p: _Presence, file: str) -> tuple[Owner, np.ndarray]:
    """The owner the user named (a name or a profile URL), which must be a participant of the messages."""
    for value in given:
        url = normalise_profile_url(value) if "linkedin.com/" in value.casefold() else None
        code = p.code_of(url=url, name=None if url else value)
        if code >= 0:
            return _owner_of(
                p, code, f"owner= given by the user ({_in(p, code)})", "certain", None if url else value
            )
    raise ParameterError(
        "the owner given is no participant of the LinkedIn messages",
        file=file,
        expected="your name exactly as the FROM or TO column of messages.csv shows it, or your profile URL",
        fix=(
            'pass --owner "Your Name" (owner="Your Name" in netstats.load) as LinkedIn spells it, '
            "or your profile URL; "
            "a name meant for another platform's export needs your LinkedIn name beside it "
            "(--owner can be repeated)"
        ),
    )


def _linkedin_keys(given: tuple[str, ...]) -> tuple[str, ...]:
    """The owner= values that can name a LinkedIn member: names and profile URLs (not e-mails or phones)."""
    return tuple(
        g.strip()
        for g in given
        if g.strip() and "@" not in g and not re.fullmatch(r"[+\d\s().\-/]+", g.strip())
    )


def find_owner(
    invitations: pd.DataFrame | None,
    profile_name: str | None,
    messages: _Messages | None,
    *,
    known_names: set[str] | frozenset[str] = frozenset(),
    given: tuple[str, ...] = (),
) -> tuple[Owner, np.ndarray | None]:
    """Identify the account owner from the evidence; return it and the rows it sent (None: 2018 format).

    The owner is the participant in (nearly) every conversation of
    messages.csv (:class:`_Presence`).  A candidate stated by Invitations.csv
    (the inviter URL) or Profile.csv (the name) is checked against the
    messages: when it is in few conversations and another participant is in
    nearly all, the messages win, and ``found_by`` says so.  The 2018 format
    states each message's direction.  ``given`` (owner= names or profile
    URLs) settles it; one that matches no participant is an error.

    ``known_names`` are name keys from the other files (connections,
    invitations), used to split ``TO`` cells.
    """
    candidate = _file_candidate(invitations, profile_name)
    given = _linkedin_keys(given)
    m = messages
    if m is not None and len(m) and m.legacy:
        return _legacy_owner(m, profile_name, candidate, given), None
    if m is None or not len(m):
        return _owner_without_messages(candidate), None
    p = _presence(
        m,
        set(known_names) | {k for k in (name_key(profile_name), name_key(candidate and candidate.name)) if k},
    )
    if given:
        return _given_owner(given, p, m.raw.file)
    top, lead = p.leader()
    from_messages = _confidence(p.share(top), lead) if top >= 0 else "not found"
    if candidate is not None:
        return _checked_candidate(p, candidate, top, from_messages)
    if from_messages == "not found":
        return Owner(
            None, None, None, "not found: no participant leads the conversations of messages.csv", "not found"
        ), None
    return _owner_of(p, top, f"messages.csv: {_in(p, top)} ({p.evidence_of(top)})", from_messages)


def _checked_candidate(
    p: _Presence, candidate: _Candidate, top: int, from_messages: str
) -> tuple[Owner, np.ndarray | None]:
    """The owner a file states, checked against the messages (they win over a candidate in few of them)."""
    source = candidate.source
    code = p.code_of(url=candidate.url) if candidate.url else -1
    if code < 0:
        code = p.code_of(name=candidate.name)
        if candidate.url and code >= 0:  # e.g. a profile URL changed since the messages: the name matched
            source = f"{candidate.name_source} (the {candidate.source} is in no conversation)"
    share = p.share(code)
    if code >= 0 and (code == top or share >= CERTAIN_SHARE):
        sure = "certain" if share >= LIKELY_SHARE else "likely"
        return _owner_of(
            p, code, f"{source}, confirmed by messages.csv ({_in(p, code)})", sure, candidate.name
        )
    if from_messages in ("certain", "likely") and share < FEW_CONVERSATIONS:
        found_by = (
            f"messages.csv: {_in(p, top)} ({p.evidence_of(top)}); the {candidate.source} is {_in(p, code)}"
        )
        return _owner_of(p, top, found_by, from_messages, candidate.name)
    sure = "likely" if share >= FEW_CONVERSATIONS else "unsure"
    if code >= 0:
        return _owner_of(p, code, f"{source} (messages.csv: {_in(p, code)})", sure, candidate.name)
    return _stated_owner(candidate, f"{candidate.source} (in no conversation of messages.csv)", sure), None


def _stated_owner(candidate: _Candidate, found_by: str, confidence: str = "certain") -> Owner:
    return Owner(
        candidate.name, candidate.url, contact_id_for(candidate.url, candidate.name), found_by, confidence
    )


def _owner_without_messages(candidate: _Candidate | None) -> Owner:
    if candidate is None:
        return Owner(
            None,
            None,
            None,
            "not found: no messages, Profile.csv or Invitations.csv names the owner",
            "not found",
        )
    return _stated_owner(candidate, f"{candidate.source} (no messages to check it against)")


def _legacy_owner(
    m: _Messages, profile_name: str | None, candidate: _Candidate | None, given: tuple[str, ...]
) -> Owner:
    """2018: the Direction column says which messages the owner sent; the name is the senders' of those."""
    sender_name, to = m.text["FROM"], m.text["TO"]
    found_by = "2018 Direction column"
    name = sender_name.mode(m.outgoing, blank="") or to.mode(~m.outgoing, blank="")
    if given:
        seen = {name_key(v) for v in sender_name.values.to_pylist() + to.values.to_pylist()}
        name = next((g for g in given if name_key(g) in seen), None)
        if name is None:
            raise ParameterError(
                "the owner given is no participant of the LinkedIn messages",
                file=m.raw.file,
                expected="your name exactly as the From or To column of Messages.csv shows it",
                fix='pass --owner "Your Name" (owner="Your Name" in netstats.load) as LinkedIn spells it',
            )
        found_by = "owner= given by the user; directions from the 2018 Direction column"
    elif profile_name:
        name, found_by = profile_name, "2018 Direction column; the name from Profile.csv"
    if not name:
        return _owner_without_messages(candidate)
    return Owner(name, None, contact_id_for(None, name), found_by, "certain", None)


# ---------------------------------------------------------------- identity across files
def name_links(pairs: list[pd.DataFrame]) -> pd.Series:
    """Map name ids to the profile-URL id of the one person seen with that name.

    Exports before 2023 list connections (and before 2024 invitations) by name
    only, while messages.csv gives senders' URLs since 2021.  Where a name
    belongs to exactly one profile URL anywhere in the export, the name id
    ``name:<key>`` is replaced by that URL's id so one person is one contact.
    A name seen with two different URLs is ambiguous and left alone.

    Parameters
    ----------
    pairs : list of DataFrame
        Frames with columns ``name`` and ``contact_id`` (URL-based ids only).

    Examples
    --------
    >>> pairs = pd.DataFrame({"name": ["Ann Lee", "ann  lee", "Bo Ek", "Bo Ek"],
    ...                       "contact_id": ["ann-lee", "ann-lee", "bo-ek-1", "bo-ek-2"]})
    >>> name_links([pairs]).to_dict()
    {'name:ann lee': 'ann-lee'}
    """
    frames = [p[[S.NAME, S.CONTACT_ID]] for p in pairs if len(p)]
    if not frames:
        return pd.Series([], dtype=S.STRING)
    both = pd.concat(frames, ignore_index=True).astype(S.STRING).dropna()
    keys = "name:" + name_keys(both[S.NAME])
    table = pd.DataFrame({"key": keys, "id": both[S.CONTACT_ID]}).dropna().drop_duplicates()
    unique = table.groupby("key")["id"].transform("size").eq(1)
    return table.loc[unique.to_numpy()].set_index("key")["id"].astype(S.STRING).sort_index()


def _linked(ids: pd.Series, links: pd.Series) -> pd.Series:
    """Replace the name ids that ``links`` knows by their URL ids."""
    ids = ids.astype(S.STRING)
    if links.empty or ids.empty:
        return ids
    by_name = pc.fill_null(pc.starts_with(arrow_text(ids), "name:"), False).to_numpy(zero_copy_only=False)
    if not by_name.any():
        return ids
    out = ids.copy()
    mapped = ids[by_name].map(links).astype(S.STRING)
    out[by_name] = mapped.fillna(ids[by_name]).array
    return out


# ---------------------------------------------------------------- messages
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


def _ids(urls: pd.Series, names: pd.Series | None = None, links: pd.Series | None = None) -> pd.Series:
    """:func:`netstats._text.contact_ids` of normalised URLs (else names), per distinct value.

    ``links`` (:func:`name_links`) turns name ids into the URL id the name is known by.
    """
    ids = contact_ids(urls).astype(S.STRING)
    if names is not None:
        by_name = ids.isna().to_numpy(bool) & names.notna().to_numpy(bool)
        if by_name.any():
            ids[by_name] = _name_ids(names[by_name], links).array
    return ids


def _name_ids(names: pd.Series, links: pd.Series | None) -> pd.Series:
    """``name:<key>`` ids of names (no URL), turned by ``links`` into the URL id the name is known by."""
    found = contact_ids(pd.Series(pd.NA, index=names.index, dtype=S.STRING), names.astype(S.STRING))
    return found if links is None else _linked(found, links)


def _split_urls(cells: pa.Array) -> pa.ListArray:
    # URLs are comma-joined with no space; split only where a new URL starts.
    marked = pc.replace_substring_regex(cells, r",\s*(https?://|www\.)", "\x1f\\1")
    return pc.split_pattern(marked, "\x1f")


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


def _split_known_names(cell: str, known: set[str], span: int | None = None) -> list[str]:
    """Split a TO cell into the known names it joins, or keep it whole when it does not split into them.

    Names contain ", " (``Chris Park, PhD``), so the cell is never split
    blindly: the longest run of comma-separated pieces that forms a known name
    is taken each time, and a piece that fits no known name keeps the cell whole.
    ``span`` is the most pieces a known name has (its commas + 1), when the caller knows it.

    Examples
    --------
    >>> _split_known_names("Ada Quill,Chris Park, PhD", {"ada quill", "chris park, phd"})
    ['Ada Quill', 'Chris Park, PhD']
    >>> _split_known_names("Park, Chris", {"ada quill"})
    ['Park, Chris']
    """
    pieces = cell.split(",")
    names: list[str] = []
    start = 0
    while start < len(pieces):
        for end in range(len(pieces) if span is None else min(len(pieces), start + span), start, -1):
            candidate = ",".join(pieces[start:end]).strip()
            if name_key(candidate) in known:
                names.append(candidate)
                start = end
                break
        else:
            return [cell.strip()]
    return names


def _name_pairs(cells: _Coded, known: set[str]) -> tuple[np.ndarray, pd.Series]:
    """One (row, name) pair per person named in each TO cell of the 2018 format, rows ascending."""
    rows, items, flat = _split_cells(cells, known)
    order = np.argsort(rows, kind="stable")
    names = np.array(flat or [""], dtype=object)
    return rows[order], pd.Series(pd.array(names[items[order]] if len(items) else [], dtype=S.STRING))


@dataclass
class _Messages:
    """messages.csv after the first pass: the records kept, as codes, before the owner is known."""

    raw: RawTable
    legacy: bool
    rows: np.ndarray  # positions in raw.table of the records kept, in file order
    instants: np.ndarray  # datetime64[ns], UTC
    text: dict[str, _Coded]  # every text column but CONTENT and DATE, for the records kept
    urls: pa.Array  # distinct normalised profile URLs of senders and listed recipients
    sender_url: _Coded  # codes into urls
    recipient_rows: np.ndarray  # one (row, URL code) pair per listed recipient, rows ascending
    recipient_urls: np.ndarray
    outgoing: np.ndarray | None = None  # 2018: the Direction column says OUTGOING
    excluded: list[pd.DataFrame] = field(default_factory=list)
    quarantine: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    _url_ids: pa.Array | None = None
    _content: tuple[pa.Array, np.ndarray] | None = None

    def __len__(self) -> int:
        return len(self.rows)

    @property
    def lines(self) -> np.ndarray:
        return self.raw.lines[self.rows]

    @property
    def url_ids(self) -> pa.Array:
        """The contact id of every URL of :attr:`urls`."""
        if self._url_ids is None:
            self._url_ids = arrow_text(_ids(pd.Series(_string_array(self.urls))))
        return self._url_ids

    def content(self, rows: np.ndarray, inmail_as_text: bool = False) -> pa.Array:
        """The stripped CONTENT of the given records kept (only these are copied).

        ``inmail_as_text`` gives InMail and sponsored HTML bodies as their text (:func:`html_bodies_to_text`).
        """
        if self._content is None:
            # the parsed values as they are, then the few that carry padding, stripped; and where each
            # record's text is
            column = self.raw.column("CONTENT")
            padded, stripped = self.raw.padding("CONTENT")
            at = np.arange(len(column), dtype=np.int64)
            at[padded] = len(column) + np.arange(len(padded))
            self._content = pa.concat_arrays([*column.chunks, stripped]), at
        source, at = self._content
        text = pc.take(source, pa.array(at[self.rows[rows]]))
        return html_bodies_to_text(text) if inmail_as_text else text


def message_dates(
    date: pa.ChunkedArray | pa.Array, legacy: bool, file: str = "messages.csv"
) -> tuple[np.ndarray, str | None]:
    """The DATE column of messages.csv as UTC instants (NaT where unreadable), and a note on its day order.

    Every value is first read in LinkedIn's own form (one vectorised pass:
    an export as downloaded takes nothing else).  Only the values that form
    does not fit are read as a spreadsheet re-saved them (:func:`parse_dates`:
    day order from the file's values, ``9-Sep-22``, ISO with ``T``/``Z``,
    Excel serial numbers), a final ``UTC`` set aside.  In the 2018 format,
    whose own dates are month first, a file the values say is day first is
    read day first throughout.

    Examples
    --------
    >>> instants, note = message_dates(
    ...     pa.array(["2025-12-18 03:55:53 UTC", "18/12/2025 03:55", "45644.5"]), legacy=False
    ... )
    >>> [str(t) for t in instants]
    ['2025-12-18T03:55:53.000000000', '2025-12-18T03:55:00.000000000', '2024-12-18T12:00:00.000000000']
    >>> note  # doctest: +NORMALIZE_WHITESPACE
    'messages.csv: the numeric dates of DATE were read day first (a day above 12 settles it;
     a spreadsheet re-saved the file?).'
    """
    known = (US_DATETIME_FORMAT,) if legacy else (MESSAGE_DATE_FORMAT,)
    out = _parse_instants(date, known)
    unread = np.isnat(out)
    if not unread.any():
        return out, None
    rest = np.flatnonzero(unread & (_lengths(date) > 0))  # an empty DATE is no date in any form
    if not len(rest):
        return out, None
    values = pc.replace_substring_regex(pc.take(date, pa.array(rest)), r"(?i)\s*UTC$", "")
    dated = parse_dates(pd.Series(_string_array(values)), known)
    if (
        legacy and dated.order == DAY_FIRST
    ):  # LinkedIn's month-first form misread the others: read them all again
        dated = parse_dates(pd.Series(_string_array(date)), known)
        return dated.instants, date_order_note(file, "DATE", dated)
    out[rest] = dated.instants
    return out, date_order_note(file, "DATE", dated)


def _prepare_messages(raw: RawTable) -> _Messages:
    """First pass: exclusions, dates, normalised sender and recipient URLs (before the owner is known)."""
    n = raw.table.num_rows
    legacy = "DIRECTION" in raw.columns and "CONVERSATION ID" not in raw.spec.required
    date = raw.text("DATE")
    # Dates are parsed for every record (on another core, while the text columns are encoded), judged
    # only for the ones kept.
    instants = in_background(message_dates, date, legacy, raw.file)
    parsed = {
        name: _Parsed.of(raw.column(name), n) for name in raw.columns if name not in ("CONTENT", "DATE")
    }
    empty = _empty_messages(raw, parsed, date)
    excluded = [_excluded(raw, empty, "empty row")]
    quarantine: list[dict] = []
    keep = ~empty
    if not legacy:
        draft, reason = _drafts(parsed)
        draft = draft & keep
        excluded.append(_excluded(raw, draft, reason))
        keep &= ~draft
    outgoing = None
    if legacy:
        expected = "10/16/18, 8:36 AM"
        outgoing, bad_direction = _directions(parsed["DIRECTION"], keep)
        quarantine += _quarantined_rows(
            raw, np.flatnonzero(bad_direction), "Direction is neither INCOMING nor OUTGOING"
        )
    else:
        expected = "2025-12-18 03:55:53 UTC"
        bad_direction = np.zeros(n, dtype=bool)
    instants, dates_note = instants()
    bad_date = np.flatnonzero(np.isnat(instants) & keep & ~bad_direction)
    if len(bad_date):
        reasons = bad_date_reason(
            "DATE", pd.Series(_string_array(pc.take(date, pa.array(bad_date)))), expected
        )
        quarantine += _quarantined_rows(raw, bad_date, reasons.tolist())
    rows = np.flatnonzero(keep & ~bad_direction & ~np.isnat(instants))
    text = {name: c.take(rows) for name, c in parsed.items()}
    prepared = _Messages(
        raw=raw,
        legacy=legacy,
        rows=rows,
        instants=instants[rows],
        text=text,
        urls=pa.array([], pa.large_string()),
        sender_url=_Coded.blank(len(rows)),
        recipient_rows=np.zeros(0, dtype=np.int64),
        recipient_urls=np.zeros(0, dtype=np.int64),
        outgoing=None if outgoing is None else outgoing[rows],
        excluded=excluded,
        quarantine=quarantine,
        notes=[dates_note] if dates_note else [],
    )
    if legacy:
        prepared.notes.append(
            "This 2018-format messages file gives times without a zone; netstats reads them as UTC."
        )
    else:
        _profile_urls(prepared)
    return prepared


def _empty_messages(raw: RawTable, parsed: dict[str, _Parsed], date: pa.Array) -> np.ndarray:
    """The rows with no value at all (the content counts once stripped of its padding)."""
    content_lengths = _lengths(raw.column("CONTENT")).copy()
    padded, stripped = raw.padding("CONTENT")
    content_lengths[padded] = _lengths(stripped)
    blank = [c.blank() for c in parsed.values()] + [content_lengths == 0, _lengths(date) == 0]
    return np.logical_and.reduce(blank)


def _drafts(parsed: dict[str, _Parsed]) -> tuple[np.ndarray, str]:
    """The drafts and why: the draft flags when the file fills them, else an empty FOLDER (unsent drafts)."""
    flags = [parsed[c] for c in ("IS MESSAGE DRAFT", "IS CONVERSATION DRAFT") if not parsed[c].blank().all()]
    if flags:
        draft = np.logical_or.reduce(
            [c.per_value(lambda v: v.lower() in ("yes", "true", "1")) for c in flags]
        )
        return draft, "draft (IS MESSAGE DRAFT = Yes)"
    return parsed["FOLDER"].blank(), "draft (no FOLDER: unsent drafts have none)"


def _directions(direction: _Parsed, keep: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """2018's stated directions: the outgoing rows, and the kept rows whose direction is neither."""
    upper = pc.utf8_upper(direction.values)  # as pandas' str.upper
    outgoing = direction.spread(pc.equal(upper, "OUTGOING").to_numpy(zero_copy_only=False))
    incoming = direction.spread(pc.equal(upper, "INCOMING").to_numpy(zero_copy_only=False))
    return outgoing, ~(outgoing | incoming) & keep


def _profile_urls(prepared: _Messages) -> None:
    """Senders' and listed recipients' URLs, normalised once per distinct URL, in one vocabulary."""
    senders = prepared.text["SENDER PROFILE URL"]
    cells = prepared.text["RECIPIENT PROFILE URLS"]
    lists = _split_urls(cells.values)
    owners = pc.list_parent_indices(lists).to_numpy(zero_copy_only=False).astype(np.int64)
    listed = pc.utf8_trim_whitespace(pc.list_flatten(lists))
    normalised_listed = arrow_text(
        normalise_profile_urls(pd.Series(_string_array(listed)).replace("", pd.NA))
    )
    normalised_senders = arrow_text(normalise_profile_urls(pd.Series(_string_array(senders.values))))
    urls, (sender_codes, listed_codes) = _vocabulary([normalised_senders, normalised_listed])
    prepared.urls = urls
    prepared.sender_url = _Coded(np.append(sender_codes, -1)[senders.codes], urls)
    found = listed_codes >= 0
    prepared.recipient_rows, prepared.recipient_urls = _expand(
        cells.codes, owners[found], listed_codes[found], len(cells.values)
    )


def message_name_pairs(prepared: _Messages) -> pd.DataFrame:
    """(name, URL id) pairs messages.csv states: senders with a URL, TO of a message with one listed URL."""
    m = prepared
    if not len(m) or m.legacy:
        return pd.DataFrame(
            {S.NAME: pd.Series([], dtype=S.STRING), S.CONTACT_ID: pd.Series([], dtype=S.STRING)}
        )
    width = max(len(m.urls), 1)
    sender_name, to = m.text["FROM"], m.text["TO"]
    both = (m.sender_url.codes >= 0) & (sender_name.codes >= 0)
    senders = pd.unique(sender_name.codes[both] * width + m.sender_url.codes[both])
    single = np.bincount(m.recipient_rows, minlength=len(m))[m.recipient_rows] == 1
    names = to.codes[m.recipient_rows[single]]
    named = names >= 0
    recipients = pd.unique(names[named] * width + m.recipient_urls[single][named])
    # distinct pairs first: the ids are computed per person, not per message
    return pd.DataFrame(
        {
            S.NAME: _string_array(
                pa.concat_arrays(
                    [
                        pc.take(sender_name.values, pa.array(senders // width)),
                        pc.take(to.values, pa.array(recipients // width)),
                    ]
                )
            ),
            S.CONTACT_ID: _string_array(
                pc.take(m.url_ids, pa.array(np.concatenate([senders % width, recipients % width])))
            ),
        }
    )


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


PROMOTION_SENDER = (
    r"(?i)\s(?:from|@)\s*linkedin(?:\s|$)"  # "Name from LinkedIn Premium", "Name @ LinkedIn Learning"
)
FIRSTNAME_PLACEHOLDER = "%FIRSTNAME%"
SPINMAIL = '<p class="spinmail-quill-editor'


def sponsored_rows(
    m: _Messages, by_owner: np.ndarray, connection_names: pd.Series | None = None
) -> np.ndarray:
    """Which messages are sponsored: a judgement on the evidence, only ever for senders without a profile URL.

    A sender whose name is one of the owner's connections is a person (the
    2018 format has no URLs at all), and so is the owner, whom LinkedIn may
    show as ``LinkedIn Member``.  Otherwise a message is sponsored when its
    title says so (``Sponsored Conversation``) or its body is LinkedIn's
    spinmail HTML; when ``LinkedIn Member`` sent it or its text holds the
    ``%FIRSTNAME%`` placeholder; or when a promotion sender ("Name from
    LinkedIn Premium", "Name @ LinkedIn Learning") sent an HTML body.
    The texts are read only for the rows the names did not settle.
    """
    n = len(m)
    sender_name = m.text["FROM"]
    title = m.text.get("CONVERSATION TITLE", _Coded.blank(n))
    no_url = m.sender_url.codes < 0
    if connection_names is not None and len(connection_names):
        connected = set(name_keys(connection_names.astype(S.STRING)).dropna())
        no_url &= ~sender_name.per_value(lambda v: name_key(v) in connected)
    member = sender_name.per_value(lambda v: v.casefold() in SPONSORED_SENDERS)
    promotion = sender_name.per_value(lambda v: re.search(PROMOTION_SENDER, v) is not None)
    sponsored = no_url & (title.per_value(lambda v: v.casefold() in SPONSORED_TITLES) | (member & ~by_owner))
    where = np.flatnonzero(no_url & ~sponsored)
    if len(where):
        text = m.content(where)
        starts = pc.fill_null(pc.starts_with(text, SPINMAIL), False).to_numpy(zero_copy_only=False)
        placeholder = pc.fill_null(pc.match_substring(text, FIRSTNAME_PLACEHOLDER), False).to_numpy(
            zero_copy_only=False
        )
        html_body = pc.fill_null(pc.match_substring_regex(text, HTML_BODY), False).to_numpy(
            zero_copy_only=False
        )
        sponsored[where] = starts | (placeholder & ~by_owner[where]) | (promotion[where] & html_body)
    return sponsored


def clean_messages(
    raw: RawTable,
    prepared: _Messages,
    owner: Owner,
    links: pd.Series | None = None,
    known_names: pd.Series | None = None,
    *,
    owner_rows: np.ndarray | None = None,
    connection_names: pd.Series | None = None,
) -> _Cleaned:
    """Second pass: direction, ids, recipients, conversations, sponsored flags.

    ``links`` maps name ids to URL ids (:func:`name_links`); ``known_names``
    are the names seen in the other files, used to read the 2018 ``To`` cells.
    ``owner_rows`` are the rows the owner sent (:func:`find_owner`; by
    default the rows from the owner's URL, or name without a URL), and
    ``connection_names`` the owner's connections' names, evidence that a
    URL-less sender is a person (:func:`sponsored_rows`).
    Text columns stay integer codes into their distinct values until the
    final table is built, so the identity work is done once per person and the
    set work (participants, groups, derived recipients) is numpy over all
    messages at once.
    """
    links = links if links is not None else pd.Series([], dtype=S.STRING)
    m = prepared
    out = _Cleaned(
        frame=S.empty_frame(S.MESSAGES_COLUMNS),
        excluded=m.excluded,
        quarantine=m.quarantine,
        notes=list(m.notes),
    )
    n = len(m)
    owner_key = name_key(owner.name) if owner.name else None
    by_owner = _sent_by_owner(m, owner, owner_key, owner_rows)
    sponsored = sponsored_rows(m, by_owner, connection_names)
    sent = by_owner & ~sponsored
    ids = (
        _legacy_people(m, owner, owner_key, links, known_names, sponsored)
        if m.legacy
        else _url_people(m, owner, links)
    )
    sender_code = _sender_codes(m, ids, sent, sponsored)
    conversations, conv, (is_group, rows, values) = _threads(m, ids, sender_code, sent, sponsored)
    valid = values >= 0

    # The table, sorted by conversation, time and line; every column is built once, in that order.
    instants = m.instants.view(np.int64)
    order = _message_order(conv, instants)
    position = np.empty(n, dtype=np.int64)
    position[order] = np.arange(n)
    if owner.contact_id is None:
        out.notes.append("The account owner could not be identified, so every message counts as received.")
    # the texts, the largest column, are gathered on another core while the others are built
    content = in_background(m.content, order, True)
    columns = _message_columns(
        m, order, pc.take(conversations, pa.array(conv[order])), sender_code, ids.people
    )
    columns[S.RECIPIENT_IDS] = pd.arrays.ArrowExtensionArray(
        _list_column(rows[valid], values[valid], ids.people, n, position)
    )
    columns[S.DIRECTION] = _Coded(
        sent.astype(np.int64), pa.array([S.RECEIVED, S.SENT], pa.large_string())
    ).strings(order)
    columns[S.IS_GROUP] = is_group[order]
    columns[S.IS_SPONSORED] = sponsored[order]

    # The people messages.csv names, for the contacts table.
    out.senders = _senders(m, sender_code, sent, instants, position, ids.people)
    out.recipients = pc.take(
        ids.people, pa.array(np.flatnonzero(np.bincount(values[valid], minlength=len(ids.people))))
    )
    out.named = _recipients_named(m, ids)
    texts = content()
    columns[S.CONTENT] = _string_array(_with_missing(texts, _lengths(texts) == 0))
    out.frame = S.conform(pd.DataFrame(columns), S.MESSAGES_COLUMNS)
    out.notes += _inbox_notes(m)
    return out


@dataclass
class _People:
    """Every id messages.csv gives, as a code into one sorted vocabulary of people (-1: nobody)."""

    people: pa.Array
    url_person: np.ndarray  # per distinct URL
    from_person: np.ndarray  # per distinct FROM name
    to_person: np.ndarray  # per distinct TO cell (not in 2018)
    owner_code: int
    listed_rows: np.ndarray  # the listed recipients: their message rows and people
    listed_code: np.ndarray
    listed_names: pd.Series | None = None  # 2018: the name each listed recipient was read from


def _sent_by_owner(
    m: _Messages, owner: Owner, owner_key: str | None, owner_rows: np.ndarray | None
) -> np.ndarray:
    """The rows the owner sent: 2018's direction, the rows find_owner gave, else the owner's URL or name."""
    if m.legacy:
        return m.outgoing.copy()
    if owner_rows is not None:
        return owner_rows
    sender_name = m.text["FROM"]
    by_name = (
        (m.sender_url.codes < 0) & sender_name.per_value(lambda v: name_key(v) == owner_key)
        if owner_key
        else np.zeros(len(m), bool)
    )
    return m.sender_url.equals(owner.profile_url) | by_name


def _owner_ids(owner: Owner) -> pa.Array:
    return pa.array([owner.contact_id] if owner.contact_id is not None else [], pa.large_string())


def _legacy_people(
    m: _Messages,
    owner: Owner,
    owner_key: str | None,
    links: pd.Series,
    known_names: pd.Series | None,
    sponsored: np.ndarray,
) -> _People:
    """2018: no URLs; the To cells are read as the names known from the export (the owner's among them)."""
    sender_name = m.text["FROM"]
    sender_names = pd.Series(_string_array(sender_name.values))
    not_sponsored = np.unique(sender_name.codes[~sponsored & (sender_name.codes >= 0)])
    others = known_names if known_names is not None else sender_names[:0]
    known = set(name_keys(pd.concat([sender_names.iloc[not_sponsored], others])).dropna())
    if owner_key:
        known.add(owner_key)
    listed_rows, listed_names = _name_pairs(m.text["TO"], known)
    listed_ids = _name_ids(listed_names, links)
    if owner_key:
        listed_ids = listed_ids.where(~_equals(name_keys(listed_names), owner_key), owner.contact_id)
    people, (from_person, listed_code, owner_code) = _vocabulary(
        [arrow_text(_name_ids(sender_names, links)), arrow_text(listed_ids), _owner_ids(owner)]
    )
    nobody = np.zeros(0, dtype=np.int64)
    return _People(
        people=people,
        url_person=nobody,
        from_person=from_person,
        to_person=nobody,
        owner_code=int(owner_code[0]) if len(owner_code) else -1,
        listed_rows=listed_rows,
        listed_code=listed_code,
        listed_names=listed_names,
    )


def _url_people(m: _Messages, owner: Owner, links: pd.Series) -> _People:
    """2021+: ids from the URLs, else the names; the listed recipients are the URL lists (2023+)."""
    sender_names = pd.Series(_string_array(m.text["FROM"].values))
    to_names = pd.Series(_string_array(m.text["TO"].values))
    people, (url_person, from_person, to_person, owner_code) = _vocabulary(
        [
            m.url_ids,
            arrow_text(_name_ids(sender_names, links)),
            arrow_text(_name_ids(to_names, links)),
            _owner_ids(owner),
        ]
    )
    the_owner = int(owner_code[0]) if len(owner_code) else -1
    # Listed recipients: the URL lists (2023+); the owner's URL is the owner.
    listed_person = url_person.copy()
    if owner.profile_url:
        listed_person[pc.equal(m.urls, owner.profile_url).to_numpy(zero_copy_only=False).astype(bool)] = (
            the_owner
        )
    return _People(
        people=people,
        url_person=url_person,
        from_person=from_person,
        to_person=to_person,
        owner_code=the_owner,
        listed_rows=m.recipient_rows,
        listed_code=listed_person[m.recipient_urls],
    )


def _threads(
    m: _Messages, ids: _People, sender_code: np.ndarray, sent: np.ndarray, sponsored: np.ndarray
) -> tuple[pa.Array, np.ndarray, tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """The conversations (their ids, each row's code) and each message's recipients (:func:`_recipients`)."""
    has_listed = np.zeros(len(m), bool)
    has_listed[ids.listed_rows] = True
    conversations, conv = _conversation_codes(
        m, sender_code, ids.listed_rows, ids.listed_code, ids.owner_code, ids.people, sponsored
    )
    who = _Speakers(conv, len(conversations), sender_code, ids.owner_code, ids.listed_rows, ids.listed_code)
    if m.legacy:
        lonely_rows, lonely_code = np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    else:
        lonely_rows, lonely_code = _lonely_rows(who, sent, m.text["TO"], ids.to_person)
    return conversations, conv, _recipients(who, lonely_rows, lonely_code, has_listed, len(ids.people))


def _sender_codes(m: _Messages, ids: _People, sent: np.ndarray, sponsored: np.ndarray) -> np.ndarray:
    """Each message's sender: by URL, else name; the owner for the rows they sent; nobody when sponsored."""
    sender_code = np.where(
        m.sender_url.codes >= 0,
        _code_of(ids.url_person, m.sender_url.codes),
        _code_of(ids.from_person, m.text["FROM"].codes),
    )
    sender_code = np.where(sent, ids.owner_code, sender_code)
    sender_code[sponsored] = -1
    return sender_code


def _message_columns(
    m: _Messages, order: np.ndarray, conversation_ids: pa.Array, sender_code: np.ndarray, people: pa.Array
) -> dict:
    """The columns that are one take each from the file's distinct values, in the table's order."""
    n = len(m)
    return {
        S.CONVERSATION_ID: _string_array(conversation_ids),
        S.CONVERSATION_TITLE: m.text.get("CONVERSATION TITLE", _Coded.blank(n)).strings(order),
        S.SENT_AT: pd.DatetimeIndex(m.instants[order]).tz_localize("UTC").array,
        S.SENDER_ID: _Coded(sender_code, people).strings(order),
        S.SENDER_NAME: m.text["FROM"].strings(order),
        S.SENDER_URL: m.sender_url.strings(order),
        S.SUBJECT: m.text.get("SUBJECT", _Coded.blank(n)).strings(order),
        S.FOLDER: m.text["FOLDER"].strings(order),
        S.HAS_ATTACHMENT: m.text.get("ATTACHMENTS", _Coded.blank(n)).codes[order] >= 0,
        S.SOURCE_LINE: m.lines[order],
        S.PLATFORM: S.constant(S.LINKEDIN, n).array,
    }


def _recipients_named(m: _Messages, ids: _People) -> pd.DataFrame:
    """Names for people seen only as recipients.

    A 1:1 message's TO names its one recipient (2021+); in 2018 every To name
    resolved above is a name.
    """
    if ids.listed_names is None:
        return _single_recipients_named(m, ids.listed_rows, ids.listed_code, m.text["TO"], ids.people)
    listed_code = ids.listed_code
    return pd.DataFrame(
        {
            S.CONTACT_ID: _string_array(pc.take(ids.people, pa.array(listed_code, mask=listed_code < 0))),
            S.NAME: ids.listed_names.array,
            S.PROFILE_URL: pd.array([pd.NA] * len(ids.listed_rows), dtype=S.STRING),
        }
    )


def _inbox_notes(m: _Messages) -> list[str]:
    """A note when messages.csv holds exactly 212 INBOX rows (real exports cut short had that count)."""
    if int(m.text["FOLDER"].equals("INBOX").sum()) != 212:
        return []
    return [
        "messages.csv holds exactly 212 INBOX rows, a count seen in several real exports "
        "that may mean LinkedIn cut the file short."
    ]


def _senders(
    m: _Messages,
    sender_code: np.ndarray,
    sent: np.ndarray,
    instants: np.ndarray,
    position: np.ndarray,
    people: pa.Array,
) -> pd.DataFrame:
    """Every person who wrote to the owner, with the name and URL of their latest message."""
    received = np.flatnonzero((sender_code >= 0) & ~sent)
    latest = _newest_per_group(sender_code[received], instants[received], position[received], len(people))
    latest = received[latest]
    return pd.DataFrame(
        {
            S.CONTACT_ID: _string_array(pc.take(people, pa.array(sender_code[latest]))),
            S.NAME: m.text["FROM"].strings(latest),
            S.PROFILE_URL: m.sender_url.strings(latest),
        }
    )


def _single_recipients_named(
    m: _Messages, listed_rows: np.ndarray, listed_code: np.ndarray, to_name: _Coded, people: pa.Array
) -> pd.DataFrame:
    """The people a 1:1 message lists (2021+), named by its TO: once per (person, name)."""
    n = len(m)
    single = np.bincount(listed_rows, minlength=n)[listed_rows] == 1 if n else np.zeros(0, bool)
    ids, names, urls = listed_code[single], to_name.codes[listed_rows[single]], m.recipient_urls[single]
    first = np.flatnonzero(~pd.Series(ids * (len(to_name.values) + 1) + names + 1).duplicated().to_numpy())
    return pd.DataFrame(
        {
            S.CONTACT_ID: _string_array(pc.take(people, pa.array(ids[first]))),
            S.NAME: _Coded(names[first], to_name.values).strings(),
            S.PROFILE_URL: _string_array(pc.take(m.urls, pa.array(urls[first]))),
        }
    )


def _account_for_files(
    raws: dict[str, RawTable], cleaned: dict[str, _Cleaned | None], kept: dict[str, int], notes: list[str]
) -> tuple[pd.DataFrame, list[pd.DataFrame], list]:
    """The ledger of every LinkedIn file, its excluded and quarantined rows; cleaning notes join ``notes``."""
    books, excluded, quarantine = Ledger(S.LINKEDIN), [], []
    for kind, raw in sorted(raws.items()):
        result = cleaned.get(kind)
        file_excluded = [e for e in (result.excluded if result else []) if len(e)]
        file_quarantine = list(raw.quarantine) + (result.quarantine if result else [])
        books.add(
            raw.file,
            _era(raw),
            rows_read=raw.rows_read,
            kept=kept.get(kind, raw.table.num_rows),
            excluded=sum(len(e) for e in file_excluded),
            quarantined=len(file_quarantine),
        )
        excluded += file_excluded
        quarantine += file_quarantine
        if result:
            notes += [n for n in result.notes if n not in notes]
    return books.frame(), excluded, quarantine


def _conversation_codes(
    m: _Messages,
    sender_code: np.ndarray,
    listed_rows: np.ndarray,
    listed_code: np.ndarray,
    owner_code: int,
    people: pa.Array,
    sponsored: np.ndarray,
) -> tuple[pa.Array, np.ndarray]:
    """The distinct conversation ids and each row's code into them (2018: built from who wrote to whom)."""
    if m.legacy:
        conversation = _legacy_conversations(
            m.lines, sender_code, listed_rows, listed_code, owner_code, people, sponsored
        )
        conversations, (conv,) = _vocabulary([conversation])
        return conversations, conv
    given = m.text["CONVERSATION ID"]
    missing = given.codes < 0
    unknown = _prefixed("unknown:line-", pa.array(m.lines[missing]))
    conversations, (conv, unknown_conv) = _vocabulary([given.values, unknown], distinct=not len(unknown))
    conv = _code_of(conv, given.codes)
    conv[missing] = unknown_conv
    return conversations, conv


@dataclass(frozen=True)
class _Speakers:
    """Who wrote and who is listed in each row: codes into the conversations and the people."""

    conv: np.ndarray
    n_conv: int
    sender_code: np.ndarray
    owner_code: int
    listed_rows: np.ndarray
    listed_code: np.ndarray

    def __iter__(self):  # unpacked in the order above, without copying the arrays
        return iter(
            (self.conv, self.n_conv, self.sender_code, self.owner_code, self.listed_rows, self.listed_code)
        )


def _lonely_rows(
    who: _Speakers, sent: np.ndarray, to_name: _Coded, to_person: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Where only the owner wrote and no URLs are listed, TO (whole, never split) names the other side."""
    conv, n_conv, sender_code, owner_code, listed_rows, listed_code = who
    has_other = np.zeros(n_conv, dtype=bool)
    has_other[conv[(sender_code >= 0) & (sender_code != owner_code)]] = True
    has_other[conv[listed_rows[listed_code != owner_code]]] = True
    lonely_rows = np.flatnonzero(~has_other[conv] & sent & (to_name.codes >= 0))
    return lonely_rows, _code_of(to_person, to_name.codes[lonely_rows])


def _recipients(
    who: _Speakers, lonely_rows: np.ndarray, lonely_code: np.ndarray, has_listed: np.ndarray, n_people: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Whether each row is in a group, and its recipients as (row, person code) pairs.

    Participants of each conversation: senders, listed recipients, TO of lonely
    ones, the owner.  Rows without a listed recipient get everyone else in the
    conversation.
    """
    conv, n_conv, sender_code, owner_code, listed_rows, listed_code = who
    part_conv = [conv, conv[listed_rows], conv[lonely_rows]]
    part_code = [sender_code, listed_code, lonely_code]
    if owner_code >= 0:
        part_conv.append(np.arange(n_conv))
        part_code.append(np.full(n_conv, owner_code))
    pc_conv, pc_code = np.concatenate(part_conv).astype(np.int64), np.concatenate(part_code).astype(np.int64)
    known_person = pc_code >= 0
    width = max(n_people, 1)
    keys = np.sort(pd.unique(pc_conv[known_person] * width + pc_code[known_person]))
    p_conv, p_code = keys // width, keys % width
    size = np.bincount(p_conv, minlength=n_conv)
    is_group = size[conv] >= 3
    # Derived recipients for rows without a listed recipient: everyone else in the conversation.
    need = np.flatnonzero(~has_listed)
    starts = np.concatenate(([0], np.cumsum(size)[:-1])) if n_conv else np.zeros(0, dtype=np.int64)
    counts = size[conv[need]]
    rows_rep = np.repeat(need, counts)
    within = np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)
    derived_code = p_code[np.repeat(starts[conv[need]], counts) + within]
    other = derived_code != sender_code[rows_rep]
    rows = np.concatenate([listed_rows, rows_rep[other]]).astype(np.int64)
    values = np.concatenate([listed_code, derived_code[other]]).astype(np.int64)
    return is_group, rows, values


def _legacy_conversations(
    lines: np.ndarray,
    sender_code: np.ndarray,
    listed_rows: np.ndarray,
    listed_code: np.ndarray,
    owner_code: int,
    people: pa.Array,
    sponsored: np.ndarray,
) -> pa.Array:
    """2018 conversation ids: the sorted ids of the people in a message besides the owner (it has no ids)."""
    n = len(sender_code)
    rows = np.concatenate([np.arange(n), listed_rows]).astype(np.int64)
    codes = np.concatenate([sender_code, listed_code]).astype(np.int64)
    keep = (codes >= 0) & (codes != owner_code)
    width = max(len(people), 1)
    keys = np.unique(rows[keep] * width + codes[keep])
    joined = pc.binary_join(_list_column(keys // width, keys % width, people, n), "|").cast(pa.large_string())
    conversation = _prefixed(
        "2018:", pc.if_else(pc.equal(joined, ""), pa.scalar("unknown", joined.type), joined)
    )
    # Sponsored messages have no real sender: each is its own conversation.
    line_ids = _prefixed("2018:sponsored:line-", pa.array(lines))
    return pc.if_else(pa.array(sponsored), line_ids, conversation)


# ---------------------------------------------------------------- contacts
def build_contacts(
    connections: pd.DataFrame,
    senders: pd.DataFrame,
    recipients_named: pd.DataFrame,
    recipients: pa.Array,
    invitations: pd.DataFrame,
    owner: Owner,
) -> pd.DataFrame:
    """One row per person seen in any file (never the owner, never a sponsored sender).

    The name and URL come from the first file that gives them: Connections,
    then the newest message the person sent (``senders``), then a 1:1
    message's TO, then Invitations.  ``recipients`` are the ids of everyone a
    message went to.
    """
    listed = pd.Series(_string_array(recipients))
    columns = [S.CONTACT_ID, S.NAME, S.PROFILE_URL]
    sources = [
        connections[columns],
        senders[columns],
        recipients_named[columns],
        pd.DataFrame({S.CONTACT_ID: listed, S.NAME: pd.NA, S.PROFILE_URL: pd.NA}),
        invitations[columns],
    ]
    people = pd.concat([frame.astype(S.STRING) for frame in sources], ignore_index=True)
    people = people.loc[
        people[S.CONTACT_ID].notna().to_numpy(bool) & ~_equals(people[S.CONTACT_ID], owner.contact_id)
    ]
    contacts = people.groupby(S.CONTACT_ID, sort=True).agg({S.NAME: "first", S.PROFILE_URL: "first"})
    connection_info = connections.drop_duplicates(S.CONTACT_ID).set_index(S.CONTACT_ID)[
        [S.COMPANY, S.POSITION]
    ]
    contacts = contacts.join(connection_info, how="left")
    ids = pa.array(contacts.index.astype(S.STRING).array)

    def among(values: pd.Series) -> np.ndarray:
        found = pc.is_in(ids, value_set=pc.unique(arrow_text(values.astype(S.STRING)).drop_null()))
        return pc.fill_null(found, False).to_numpy(zero_copy_only=False)

    in_connections = among(connections[S.CONTACT_ID])
    in_messages = among(senders[S.CONTACT_ID]) | among(listed) | among(recipients_named[S.CONTACT_ID])
    in_invitations = among(invitations[S.CONTACT_ID])
    labels = np.array(
        [",".join(f for f, on in zip(_SEEN_FILES, bits, strict=True) if on) for bits in np.ndindex(2, 2, 2)],
        dtype=object,
    )
    code = in_connections.astype(int) * 4 + in_invitations.astype(int) * 2 + in_messages.astype(int)
    contacts[S.IS_CONNECTION] = in_connections
    contacts[S.SEEN_IN] = pd.array(labels[code], dtype=S.STRING)
    contacts[S.PLATFORMS] = S.constant(S.LINKEDIN, len(contacts), index=contacts.index)
    return S.conform(contacts.reset_index(), S.CONTACTS_COLUMNS)


_SEEN_FILES = ("connections", "invitations", "messages")


def _link_people(frame: pd.DataFrame, links: pd.Series, *, distinct_rows: bool) -> tuple[pd.DataFrame, int]:
    """Give URL-less rows the URL id their name links to.

    With ``distinct_rows`` (connections: each row is a different person) a
    name the file holds twice is ambiguous and stays a name id.
    """
    if links.empty or frame.empty:
        return frame, 0
    ids = arrow_text(frame[S.CONTACT_ID])
    # the numbered ids of namesakes ("name:ann lee#2") link by their name; few ids hold a "#"
    numbered = np.flatnonzero(
        pc.fill_null(pc.match_substring(ids, "#"), False).to_numpy(zero_copy_only=False)
    )
    if len(numbered):
        bases = [re.sub(r"#\d+$", "", v) for v in pc.take(ids, pa.array(numbered)).to_pylist()]
        ids = pc.replace_with_mask(
            ids, pa.array(np.isin(np.arange(len(ids)), numbered)), pa.array(bases, ids.type)
        )
    candidates = frame[S.PROFILE_URL].isna().to_numpy(bool) & pc.fill_null(
        pc.starts_with(ids, "name:"), False
    ).to_numpy(zero_copy_only=False)
    if distinct_rows:
        candidates &= ~pd.Series(_string_array(ids)).where(candidates).duplicated(keep=False).to_numpy(bool)
    found = pc.index_in(ids, value_set=arrow_text(links.index.to_series()))
    target = pc.take(arrow_text(links), found)
    change = candidates & pc.is_valid(target).to_numpy(zero_copy_only=False)
    if not change.any():
        return frame, 0
    out = frame.copy()
    out.loc[change, S.CONTACT_ID] = _string_array(target).to_numpy()[change]
    return out, int(change.sum())


# ---------------------------------------------------------------- one export's tables
def _frames(parts: list[pd.DataFrame], columns: tuple[str, ...]) -> pd.DataFrame:
    parts = [p for p in parts if len(p)]
    if not parts:
        return S.empty_frame(columns)
    return S.conform(pd.concat(parts, ignore_index=True), columns)


def contacts_of(people: pd.DataFrame) -> pd.DataFrame:
    """The contacts table of one platform's people (``PEOPLE_COLUMNS`` -> ``CONTACTS_COLUMNS``)."""
    return S.conform(people.assign(**{S.PLATFORMS: people[S.PLATFORM]}), S.CONTACTS_COLUMNS)


def read_linkedin(
    files: tuple[SourceFile, ...] | list[SourceFile],
    *,
    source: str,
    export_date: datetime.date | None = None,
    encoding: str | None = None,
    owner: tuple[str, ...] = (),
) -> Part:
    """Read the LinkedIn files of one export (``SourceFile``s of family ``'linkedin'``) into a :class:`Part`.

    ``Part.latest`` is the export's as-of moment: the end of the day named in
    the archive, else the newest timestamp in the data.  Given a list,
    read_linkedin takes it over: each file is removed from it once parsed,
    so that its bytes (hundreds of megabytes for a busy account's messages)
    are freed while the rest is cleaned, if nothing else holds them.
    ``owner`` (names or profile URLs; e-mail addresses and phone numbers are
    for other platforms) settles who the owner is (:func:`find_owner`).
    ``export_date`` is by default the one the files carry (``SourceFile.export_date``).
    """
    if not isinstance(files, list):
        files = list(files)
    files[:] = [src for src in files if src.family == S.LINKEDIN]
    if export_date is None:
        export_date = next((d for d in [src.export_date for src in files] if d is not None), None)
    raws, connections, invitations, prepared = _read_and_clean(files, encoding)
    _refuse_no_main_file(raws, source)
    notes = _file_notes(raws)
    connections_frame = connections.frame if connections else S.empty_frame(S.CONNECTIONS_COLUMNS)
    owner, owner_rows = _owner(raws, connections_frame, invitations, prepared, tuple(owner))
    invitations_frame = _invitations_frame(invitations)
    links = _links(connections_frame, invitations_frame, owner, prepared)
    messages = (
        clean_messages(
            raws["messages"],
            prepared,
            owner,
            links,
            pd.concat([connections_frame[S.NAME], invitations_frame[S.NAME]], ignore_index=True),
            owner_rows=owner_rows,
            connection_names=connections_frame[S.NAME],
        )
        if prepared is not None
        else None
    )
    connections_frame, linked_connections = _link_people(connections_frame, links, distinct_rows=True)
    invitations_frame, linked_invitations = _link_people(invitations_frame, links, distinct_rows=False)
    if linked_connections or linked_invitations:
        notes.append(
            f"{linked_connections:,} connection(s) and {linked_invitations:,} invitation(s) have no profile "
            "URL in their file; they were matched by name to the one profile URL seen with that name "
            "elsewhere in "
            "the export."
        )
    messages_frame = messages.frame if messages else S.empty_frame(S.MESSAGES_COLUMNS)
    contacts = _contacts_of_export(connections_frame, messages, invitations_frame, owner)
    cleaned = {"connections": connections, "invitations": invitations, "messages": messages}
    kept = {
        "connections": len(connections_frame),
        "invitations": len(invitations_frame),
        "messages": len(messages_frame),
    }
    ledger, excluded, quarantine = _account_for_files(raws, cleaned, kept, notes)
    refuse_mostly_set_aside(ledger, pd.DataFrame(quarantine, columns=[S.FILE, S.LINE, S.REASON, S.RAW]))
    as_of = _as_of(export_date, connections_frame, messages_frame, invitations_frame, raws, source)
    if len(invitations_frame):
        notes.append(S.INVITATIONS_NAIVE_NOTE)
    return Part(
        platform=S.LINKEDIN,
        source=source,
        connections=connections_frame,
        messages=messages_frame,
        invitations=invitations_frame,
        people=_people(contacts, connections_frame),
        owner=owner,
        ledger=ledger,
        excluded=_frames([e.assign(**{S.PLATFORM: S.LINKEDIN}) for e in excluded], S.EXCLUDED_COLUMNS),
        quarantine=_quarantine_frame(quarantine),
        notes=tuple(dict.fromkeys(notes)),
        latest=as_of,
    )


def _refuse_no_main_file(raws: dict[str, RawTable], source: str) -> None:
    """An export without Connections.csv, messages.csv and Invitations.csv is not one netstats reads."""
    if not {"connections", "messages", "invitations"} & set(raws):
        raise NotAnExportError(
            "none of Connections.csv, messages.csv or Invitations.csv was found",
            file=str(source),
            fix=(
                "give netstats the zip LinkedIn sent you, the folder you unzipped it into, "
                "or one of those files"
            ),
        )


def _file_notes(raws: dict[str, RawTable]) -> list[str]:
    """What the files said while read, and a note when Connections.csv holds only its header."""
    notes: list[str] = []
    for raw in raws.values():
        notes += raw.notes
    header_only = raws.get("connections")
    if header_only is not None and header_only.rows_read == 0 and not header_only.empty_file:
        notes.append(
            f"{header_only.file} holds only its header: this export shows no connections "
            "(re-saved or emptied?)."
        )
    return notes


def _owner(
    raws: dict[str, RawTable],
    connections: pd.DataFrame,
    invitations: _Cleaned | None,
    prepared: _Messages | None,
    given: tuple[str, ...],
) -> tuple[Owner, np.ndarray | None]:
    """The export's owner and the message rows they sent (:func:`find_owner`), from every file's evidence."""
    named = [connections[S.NAME]] + ([invitations.frame[S.NAME]] if invitations else [])
    return find_owner(
        invitations.frame if invitations else None,
        _profile_name(raws.get("profile")),
        prepared,
        known_names=set(name_keys(pd.concat(named, ignore_index=True).astype(S.STRING)).dropna()),
        given=given,
    )


def _invitations_frame(invitations: _Cleaned | None) -> pd.DataFrame:
    """The invitations table, in the order they were sent."""
    if not invitations:
        return S.empty_frame(S.INVITATIONS_COLUMNS, S.INVITATIONS_DTYPES)
    invitations.frame[S.PLATFORM] = S.constant(
        S.LINKEDIN, len(invitations.frame), index=invitations.frame.index
    )
    return S.conform(
        invitations.frame.sort_values([S.SENT_AT, S.SOURCE_LINE], kind="stable"),
        S.INVITATIONS_COLUMNS,
        S.INVITATIONS_DTYPES,
    )


def _links(
    connections: pd.DataFrame, invitations: pd.DataFrame, owner: Owner, prepared: _Messages | None
) -> pd.Series:
    """One person, one id: a name seen with exactly one profile URL anywhere takes that URL's id."""
    with_url = [
        frame.loc[frame[S.PROFILE_URL].notna().to_numpy(), [S.NAME, S.CONTACT_ID]]
        for frame in (connections, invitations)
    ]
    if owner.profile_url:
        with_url.append(pd.DataFrame({S.NAME: [owner.name], S.CONTACT_ID: [owner.contact_id]}))
    if prepared is not None:
        with_url.append(message_name_pairs(prepared))
    return name_links(with_url)


def _contacts_of_export(
    connections: pd.DataFrame, messages: _Cleaned | None, invitations: pd.DataFrame, owner: Owner
) -> pd.DataFrame:
    """The contacts of the export: :func:`build_contacts` over every file's people."""
    no_people = pd.DataFrame(columns=[S.CONTACT_ID, S.NAME, S.PROFILE_URL])
    return build_contacts(
        connections,
        messages.senders if messages else no_people,
        messages.named if messages else no_people,
        messages.recipients if messages else pa.array([], pa.large_string()),
        invitations,
        owner,
    )


def _end_of_day(day: pd.Timestamp) -> pd.Timestamp:
    return day + pd.Timedelta(days=1) - pd.Timedelta(seconds=1)


def _as_of(
    export_date: datetime.date | None,
    connections: pd.DataFrame,
    messages: pd.DataFrame,
    invitations: pd.DataFrame,
    raws: dict[str, RawTable],
    source: str,
) -> pd.Timestamp:
    """The export's as-of moment: the newest of the day named in the archive and every dated record."""
    dated = [_end_of_day(pd.Timestamp(export_date, tz="UTC"))] if export_date is not None else []
    if len(messages):
        dated.append(messages[S.SENT_AT].max())
    if len(connections):
        dated.append(_end_of_day(connections[S.CONNECTED_ON].max().tz_localize("UTC")))
    if len(invitations):
        dated.append(invitations[S.SENT_AT].max().tz_localize("UTC"))
    if not dated:
        _refuse_header_only(raws)
        raise NotAnExportError(
            "the export holds no dated record, so there is nothing to analyse",
            file=str(source),
            fix="check that the files are the ones LinkedIn sent",
        )
    return max(dated)


def _quarantine_frame(quarantine: list[dict]) -> pd.DataFrame:
    if not quarantine:
        return S.empty_frame(S.QUARANTINE_COLUMNS)
    frame = pd.DataFrame(quarantine).assign(**{S.PLATFORM: S.LINKEDIN})
    return S.conform(frame.sort_values([S.FILE, S.LINE], kind="stable"), S.QUARANTINE_COLUMNS)


_WHAT_ROWS = {"connections": "connection", "messages": "message", "invitations": "invitation"}


def _refuse_header_only(raws: dict[str, RawTable]) -> None:
    """An export with nothing dated whose main file holds no row: name that file, not "no dated record"."""
    for kind, what in _WHAT_ROWS.items():
        raw = raws.get(kind)
        if raw is not None and raw.rows_read == 0:
            raise NotAnExportError(
                f"the file holds no {what} rows (only {'nothing' if raw.empty_file else 'its header'}), "
                "so the export holds nothing to analyse",
                file=raw.file,
                expected=f"one row per {what} under the header, as LinkedIn writes the file",
                fix=(
                    f"use the {raw.file} of the original download "
                    "(a spreadsheet or an editor may have emptied it)"
                ),
            )


def _taken(files: list[SourceFile | None], index: int) -> SourceFile:
    """``files[index]``, left out of the list: once parsed, its bytes are freed (unless held elsewhere)."""
    src, files[index] = files[index], None
    return src


def _read_messages(
    files: list[SourceFile | None], index: int, encoding: str | None
) -> tuple[RawTable, _Messages | None]:
    raw = read_table(_taken(files, index), encoding=encoding)
    return raw, _prepare_messages(raw) if raw.kind == "messages" else None


def _read_and_clean(
    files: list[SourceFile | None], encoding: str | None
) -> tuple[dict[str, RawTable], _Cleaned | None, _Cleaned | None, _Messages | None]:
    """Parse the files of one export, clean connections and invitations, make the first pass over messages.

    messages.csv is parsed and prepared on a second thread while the other
    files are read and cleaned on this one: the parser and most of the first
    pass run outside the GIL, so the small files cost little wall time.  When
    several files are bad, the error raised is the first file's, as with one
    thread.  Each file is taken out of ``files`` as it is parsed (see
    :func:`_taken`).
    """
    tables: list[RawTable | None] = [None] * len(files)
    big = next((i for i, src in enumerate(files) if src.logical == "messages"), None)
    with concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="netstats-messages") as pool:
        pending = pool.submit(_read_messages, files, big, encoding) if big is not None else None
        try:
            for i in range(len(tables)):
                if i != big:
                    tables[i] = read_table(_taken(files, i), encoding=encoding)
        except NetstatsError:
            if pending is not None and big < i:
                pending.result()  # an earlier file's error comes first
            raise
        raws = {raw.kind: raw for raw in tables if raw is not None}
        connections = clean_connections(raws["connections"]) if "connections" in raws else None
        invitations = clean_invitations(raws["invitations"]) if "invitations" in raws else None
        prepared = None
        if pending is not None:
            tables[big], prepared = pending.result()
    raws = {
        raw.kind: raw for raw in tables
    }  # in file order: a later file of the same kind wins, as it always did
    if prepared is None and "messages" in raws:
        prepared = _prepare_messages(raws["messages"])
    return raws, connections, invitations, prepared


def _people(contacts: pd.DataFrame, connections: pd.DataFrame) -> pd.DataFrame:
    """LinkedIn contacts as ``PEOPLE_COLUMNS``: the e-mail addresses come from Connections.csv."""
    people = contacts.drop(columns=[S.PLATFORMS])
    people.insert(1, S.PLATFORM, S.constant(S.LINKEDIN, len(people), index=people.index))
    with_email = connections.loc[connections[S.EMAIL].notna().to_numpy(bool), [S.CONTACT_ID, S.EMAIL]]
    emails = with_email.assign(
        **{S.EMAIL: with_email[S.EMAIL].map(normalise_email, na_action="ignore")}
    ).dropna()
    per_person = (
        emails.drop_duplicates().sort_values([S.CONTACT_ID, S.EMAIL]).groupby(S.CONTACT_ID)[S.EMAIL].agg(list)
    )
    people[S.EMAILS] = pd.Series(
        people[S.CONTACT_ID].map(per_person).tolist() if len(per_person) else [None] * len(people),
        index=people.index,
        dtype=S.ID_LIST,
    )
    people[S.PHONES] = pd.Series([None] * len(people), index=people.index, dtype=S.ID_LIST)
    people[S.HANDLE] = pd.Series(pd.NA, index=people.index, dtype=S.STRING)
    return S.conform(people, S.PEOPLE_COLUMNS)


def _era(raw: RawTable) -> str:
    """A short label of the format generation of one file, for the ledger."""
    cols = {*raw.columns, S.SOURCE_LINE}
    # every value of a column in the header is text ("" when empty), so a column is present when it is in
    # the header
    present = set(raw.table.column_names) if raw.table.num_rows else cols
    if raw.kind == "connections":
        return _connections_era(raw, present)
    if raw.kind == "messages":
        return _messages_era(raw, cols, present)
    if raw.kind == "invitations":
        return "2024+" if "INVITERPROFILEURL" in present else "2018-23"
    return "-"


def _connections_era(raw: RawTable, present: set[str]) -> str:
    if raw.empty_file:
        return "empty"
    if "URL" in present:
        return "2023+"
    # The Notes: preamble appeared in 2021, the URL column in mid-2023.
    return "2021-23" if raw.preamble else "2018-21"


def _messages_era(raw: RawTable, cols: set[str], present: set[str]) -> str:
    if raw.empty_file:
        return "empty"
    if "DIRECTION" in cols and "CONVERSATION ID" not in raw.spec.required:
        return "2018"
    if raw.all_quoted:
        return "2026"
    for column, era in (
        ("ATTACHMENTS", "2025"),
        ("IS MESSAGE DRAFT", "2024-12"),
        ("RECIPIENT PROFILE URLS", "2023-24"),
    ):
        if column in present:
            return era
    return "2021-22"
