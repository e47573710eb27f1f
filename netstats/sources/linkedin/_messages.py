"""messages.csv, first pass: the records kept, as codes, before the owner is known (:class:`_Messages`).

:func:`_prepare_messages` excludes drafts and empty records, quarantines
unreadable dates and directions, reads the times as UTC (:func:`message_dates`)
and gathers the senders' and recipients' profile URLs once each.
:func:`message_name_pairs` gives the names seen with a URL, for
:func:`._identity.name_links`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ... import schema as S
from ..._concurrent import in_background
from ..._text import (
    arrow_text,
    html_bodies_to_text,
    normalise_profile_urls,
)
from ._codes import _Coded, _expand, _lengths, _Parsed, _string_array, _vocabulary
from ._csv import RawTable
from ._dates import (
    DAY_FIRST,
    MESSAGE_DATE_FORMAT,
    US_DATETIME_FORMAT,
    _parse_instants,
    bad_date_reason,
    date_order_note,
    parse_dates,
)
from ._identity import _ids
from ._rows import _excluded, _quarantined_rows

SPONSORED_SENDERS = ("linkedin member",)
SPONSORED_TITLES = ("sponsored conversation",)


def _split_urls(cells: pa.Array) -> pa.ListArray:
    # URLs are comma-joined with no space; split only where a new URL starts.
    marked = pc.replace_substring_regex(cells, r",\s*(https?://|www\.)", "\x1f\\1")
    return pc.split_pattern(marked, "\x1f")


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
