"""Connections.csv: one typed row per connection (:func:`clean_connections`).

Hidden profiles (a row with only a date) and empty rows are excluded, a
profile listed twice is one connection, namesakes without a URL get numbered
ids, and unreadable dates are quarantined.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ... import schema as S
from ..._text import (
    contact_ids,
    normalise_profile_urls,
)
from ._csv import RawTable
from ._dates import CONNECTED_ON_FORMATS, bad_date_reason, date_order_note, parse_dates
from ._rows import _blank_to_na, _Cleaned, _excluded, _quarantined

_EMAIL = r"^[^@\s,;<>]+@[^@\s,;<>]+\.[^@\s,;<>]+$"
_MEMBER_URN = r"^urn:li:member:\d+$"


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
