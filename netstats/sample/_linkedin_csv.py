"""The files of a LinkedIn export, era by era: headers, preamble, quoting, date formats, the CSV writer.

:data:`_ERA_FORMATS` holds what changed between the export eras (research 1.3-1.6); the
``_*_cells`` functions turn the frames of a :class:`._linkedin.SampleExport` into the text cells of
one era, and :func:`_write_csv` writes them as LinkedIn does (LF, UTF-8 without BOM, minimal or
full quoting), vectorised with pyarrow.
"""

from __future__ import annotations

import pathlib
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import quote

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from .. import schema as S
from ._arrays import _large
from ._words import _PROFILE_BASE

if TYPE_CHECKING:
    from ._linkedin import SampleExport

ERAS = ("2018-11", "2022-09", "2023-04", "2024-12", "2025-08", "2026-03")

# ---------------------------------------------------------------- file formats (verbatim, research 1.3-1.6)
CONNECTIONS_PREAMBLE = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses are missing. '
    "You will only see email addresses for connections who have allowed their connections to see or "
    "download their email address using this setting https://www.linkedin.com/psettings/privacy/email. "
    'You can learn more here https://www.linkedin.com/help/linkedin/answer/261"\n'
    "\n"
)
_CONNECTIONS_OLD = ("First Name", "Last Name", "Email Address", "Company", "Position", "Connected On")
_CONNECTIONS_URL = ("First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On")
_MESSAGES_2018 = ("From", "To", "Date", "Subject", "Content", "Direction", "Folder")
_MESSAGES_9 = (
    "CONVERSATION ID",
    "CONVERSATION TITLE",
    "FROM",
    "SENDER PROFILE URL",
    "TO",
    "DATE",
    "SUBJECT",
    "CONTENT",
    "FOLDER",
)
_MESSAGES_10 = (*_MESSAGES_9[:5], "RECIPIENT PROFILE URLS", *_MESSAGES_9[5:])
_MESSAGES_12 = (*_MESSAGES_10, "IS MESSAGE DRAFT", "IS CONVERSATION DRAFT")
_MESSAGES_11 = (*_MESSAGES_10, "ATTACHMENTS")
_INVITATIONS_5 = ("From", "To", "Sent At", "Message", "Direction")
_INVITATIONS_7 = (*_INVITATIONS_5, "inviterProfileUrl", "inviteeProfileUrl")
_PROFILE_13 = (
    "First Name",
    "Last Name",
    "Maiden Name",
    "Address",
    "Birth Date",
    "Headline",
    "Summary",
    "Industry",
    "Zip Code",
    "Geo Location",
    "Twitter Handles",
    "Websites",
    "Instant Messengers",
)
_PROFILE_15 = (
    "First Name",
    "Last Name",
    "Maiden Name",
    "Address",
    "Birth Date",
    "Contact Instructions",
    "Headline",
    "Summary",
    "Industry",
    "Country",
    "Zip Code",
    "Geo Location",
    "Twitter Handles",
    "Websites",
    "Instant Messengers",
)


@dataclass(frozen=True)
class _Era:
    preamble: bool
    connections: tuple[str, ...]
    us_dates: bool  # Connected On as "4/4/18, 10:35 AM" (2018) instead of "04 Apr 2018"
    messages_file: str
    messages: tuple[str, ...]
    quote_all_messages: bool
    newlines_in_content: bool
    invitations: tuple[str, ...]
    profile: tuple[str, ...]


_ERA_FORMATS = {
    "2018-11": _Era(
        False,
        _CONNECTIONS_OLD,
        True,
        "Messages.csv",
        _MESSAGES_2018,
        False,
        False,
        _INVITATIONS_5,
        _PROFILE_15,
    ),
    "2022-09": _Era(
        True, _CONNECTIONS_OLD, False, "messages.csv", _MESSAGES_9, False, False, _INVITATIONS_5, _PROFILE_13
    ),
    "2023-04": _Era(
        True, _CONNECTIONS_URL, False, "messages.csv", _MESSAGES_10, False, False, _INVITATIONS_5, _PROFILE_13
    ),
    "2024-12": _Era(
        True, _CONNECTIONS_URL, False, "messages.csv", _MESSAGES_12, False, False, _INVITATIONS_7, _PROFILE_13
    ),
    "2025-08": _Era(
        True, _CONNECTIONS_URL, False, "messages.csv", _MESSAGES_11, False, False, _INVITATIONS_7, _PROFILE_13
    ),
    "2026-03": _Era(
        True, _CONNECTIONS_URL, False, "messages.csv", _MESSAGES_11, True, True, _INVITATIONS_7, _PROFILE_13
    ),
}


def _connection_cells(connections: pd.DataFrame, fmt: _Era) -> dict[str, pa.Array]:
    urls = connections[S.PROFILE_URL].to_numpy(dtype=object)
    non_ascii = pd.Series(urls, dtype="string").str.contains(r"[^\x00-\x7f]", regex=True).to_numpy(dtype=bool)
    encoded = urls.copy()
    encoded[non_ascii] = [_PROFILE_BASE + quote(u[len(_PROFILE_BASE) :], safe="") for u in urls[non_ascii]]
    when = connections[S.CONNECTED_ON]
    cells = {
        "First Name": connections[S.FIRST_NAME],
        "Last Name": connections[S.LAST_NAME],
        "URL": encoded,
        "Email Address": connections[S.EMAIL],
        "Company": connections[S.COMPANY],
        "Position": connections[S.POSITION],
        "Connected On": _us_short(when)
        if fmt.us_dates
        else pc.strftime(_arrow_times(when), format="%d %b %Y"),
    }
    return {name: _arrow_cells(cells[name]) for name in fmt.connections}


def _message_cells(sample: SampleExport, fmt: _Era) -> dict[str, pa.Array]:
    m = sample.messages
    content = _arrow_cells(m[S.CONTENT])
    if not fmt.newlines_in_content:  # older exports collapsed line breaks
        broken = pc.match_substring(content, "\n")
        if pc.any(broken).as_py():
            joined = pc.replace_substring_regex(pc.filter(content, broken), r"\s*\n\s*", " ")
            content = pc.replace_with_mask(content, broken, joined)
    folder = _arrow_cells(m[S.FOLDER])
    draft = m[S.IS_DRAFT].to_numpy()
    sent = (m[S.DIRECTION] == S.SENT).to_numpy(dtype=bool)
    if fmt.messages == _MESSAGES_2018:
        legacy = np.where(m[S.FOLDER].to_numpy(dtype=object) == "ARCHIVE", "ARCHIVED", "INBOX")
        legacy = np.where(sent, "SENT", legacy)
        cells = {
            "From": m[S.SENDER_NAME],
            "To": m[S.RECIPIENT_NAMES],
            "Date": _us_short(m[S.SENT_AT].dt.tz_localize(None)),
            "Subject": m[S.SUBJECT],
            "Content": content,
            "Direction": np.where(sent, "OUTGOING", "INCOMING").astype(object),
            "Folder": np.where(draft, "", legacy).astype(object),
        }
    else:
        cells = {
            "CONVERSATION ID": m[S.CONVERSATION_ID],
            "CONVERSATION TITLE": m[S.CONVERSATION_TITLE],
            "FROM": m[S.SENDER_NAME],
            "SENDER PROFILE URL": m[S.SENDER_URL],
            "TO": m[S.RECIPIENT_NAMES],
            "RECIPIENT PROFILE URLS": m[S.RECIPIENT_URLS],
            "DATE": _utc_text(m[S.SENT_AT]),
            "SUBJECT": m[S.SUBJECT],
            "CONTENT": content,
            "FOLDER": folder,
            "ATTACHMENTS": m[S.ATTACHMENTS],
            "IS MESSAGE DRAFT": np.where(draft, "Yes", "No").astype(object),
            "IS CONVERSATION DRAFT": np.full(len(m), "No", dtype=object),
        }
    return {name: _arrow_cells(cells[name]) for name in fmt.messages}


def _invitation_cells(sample: SampleExport, fmt: _Era) -> dict[str, pa.Array]:
    inv = sample.invitations
    out = (inv[S.DIRECTION] == S.OUTGOING).to_numpy(dtype=bool)
    name = inv[S.NAME].to_numpy(dtype=object)
    url = inv[S.PROFILE_URL].to_numpy(dtype=object)
    cells = {
        "From": np.where(out, sample.owner_name, name).astype(object),
        "To": np.where(out, name, sample.owner_name).astype(object),
        "Sent At": _us_short(inv[S.SENT_AT]),
        "Message": inv[S.MESSAGE],
        "Direction": np.where(out, "OUTGOING", "INCOMING").astype(object),
        "inviterProfileUrl": np.where(out, sample.owner_url, url).astype(object),
        "inviteeProfileUrl": np.where(out, url, sample.owner_url).astype(object),
    }
    return {column: _arrow_cells(cells[column]) for column in fmt.invitations}


def _arrow_cells(values) -> pa.Array:
    """Text for the CSV writer as one large_string array: a missing value is an empty cell."""
    if isinstance(values, (pa.Array, pa.ChunkedArray)):
        array = values
    elif isinstance(values, pd.Series):
        array = pa.array(values)
    else:
        array = pa.array(values, pa.string())
    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks()
    return pc.fill_null(array.cast(pa.large_string()), "")


def _arrow_times(times: pd.Series) -> pa.Array:
    return pa.array(times.to_numpy(dtype="datetime64[s]"), pa.timestamp("s"))


def _us_short(times: pd.Series) -> pa.Array:
    """US short dates as LinkedIn writes them: ``3/7/26, 1:07 PM`` (no padding, no zone)."""
    t = pd.DatetimeIndex(times)

    def text(values, width=1):
        return pc.utf8_lpad(
            pa.array(np.asarray(values, np.int64)).cast(pa.string()), width=width, padding="0"
        )

    hour = np.asarray(t.hour)
    return pc.binary_join_element_wise(
        text(t.month),
        "/",
        text(t.day),
        "/",
        text(np.asarray(t.year) % 100, 2),
        ", ",
        text((hour + 11) % 12 + 1),
        ":",
        text(t.minute, 2),
        pa.array(np.where(hour < 12, " AM", " PM")),
        "",
    )


def _utc_text(times: pd.Series) -> pa.Array:
    """``2025-12-18 03:55:53 UTC`` for every time, written straight into a fixed-width buffer."""
    t = pd.DatetimeIndex(times).tz_convert("UTC")
    layout = b"0000-00-00 00:00:00 UTC"
    out = np.tile(np.frombuffer(layout, np.uint8), (len(t), 1))
    fields = (
        (0, 4, t.year),
        (5, 2, t.month),
        (8, 2, t.day),
        (11, 2, t.hour),
        (14, 2, t.minute),
        (17, 2, t.second),
    )
    for start, width, values in fields:
        values = np.asarray(values, np.int64)
        for digit in range(width):
            out[:, start + width - 1 - digit] = 48 + (values // 10**digit) % 10
    offsets = np.arange(len(t) + 1, dtype=np.int64) * len(layout)
    return pa.LargeStringArray.from_buffers(len(t), pa.py_buffer(offsets), pa.py_buffer(out))


def _write_csv(
    path: pathlib.Path,
    header: tuple[str, ...],
    cells: dict[str, pa.Array],
    *,
    preamble: str = "",
    quote_all: bool = False,
    final_newline: bool = True,
) -> None:
    """Write RFC-4180 CSV like LinkedIn: LF line ends, UTF-8 without BOM, minimal or full quoting."""
    head = ",".join(f'"{name}"' if quote_all else name for name in header)
    columns = [_arrow_cells(cells[name]) for name in header]
    with open(path, "wb") as handle:
        handle.write((preamble + head + "\n").encode("utf-8"))
        if quote_all:  # pyarrow's writer quotes every non-null value, which is every value here
            table = pa.table(columns, names=[f"c{i}" for i in range(len(columns))])
            pacsv.write_csv(
                table, handle, pacsv.WriteOptions(include_header=False, quoting_style="all_valid")
            )
            return
        lines = pc.binary_join_element_wise(*[_quote(c) for c in columns], _large(","))
        body = _concatenated(pc.binary_join_element_wise(lines, _large(""), _large("\n")))
        handle.write(body if final_newline or not body else body[:-1])


def _quote(values: pa.Array) -> pa.Array:
    """Quote only the values that need it (a comma, a quote or a line break), doubling inner quotes."""
    needs = pc.match_substring_regex(values, '[,"\r\n]')
    if not pc.any(needs).as_py():
        return values
    subset = pc.filter(values, needs)
    escaped = pc.binary_join_element_wise(
        _large('"'), pc.replace_substring(subset, '"', '""'), _large('"'), _large("")
    )
    return pc.replace_with_mask(values, needs, escaped)


def _concatenated(lines: pa.Array) -> memoryview:
    """The bytes of every string of ``lines`` back to back, without copying them one by one."""
    lines = lines.cast(pa.large_string())
    if isinstance(lines, pa.ChunkedArray):
        lines = lines.combine_chunks()
    if len(lines) == 0:
        return memoryview(b"")
    offsets = np.frombuffer(lines.buffers()[1], dtype=np.int64)[lines.offset : lines.offset + len(lines) + 1]
    return memoryview(lines.buffers()[2])[int(offsets[0]) : int(offsets[-1])]
