"""Invitations.csv: one typed row per invitation, with the kind of its note (:func:`clean_invitations`).

A note is ``none``, ``generic`` (LinkedIn's stock phrases, or one text sent to
several people) or ``personal`` (:func:`classify_notes`).  Invitation times
have no zone and stay naive.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ... import schema as S
from ..._text import (
    contact_ids,
    normalise_profile_urls,
)
from ._csv import RawTable
from ._dates import US_DATETIME_FORMAT, bad_date_reason, date_order_note, parse_dates
from ._rows import _blank_to_na, _Cleaned, _excluded, _quarantined

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
