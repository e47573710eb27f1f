"""Network growth against "quality over popularity": one row per period.

Popularity is the number of connections; quality is how many of them the
owner has actually exchanged messages with.  :func:`growth` puts the two side
by side per period and flags *bursts*: periods where many connections were
added and few conversations followed.

Definitions (the report and the notebooks quote them):

* A contact becomes **two-way** at the first moment when, in one conversation,
  both the owner and the contact have written (sponsored messages never
  count).  See :func:`first_two_way_at`.
* A connection is **engaged** from ``max(connected_on, first two-way day)``:
  the date by which it is both a connection and a two-way contact.
* A period is a **burst** when its new connections are at least
  ``max(BURST_MIN_NEW, BURST_RATIO x the median of the BURST_WINDOW previous
  periods)`` and fewer than ``BURST_ENGAGED_SHARE`` of them became engaged
  within ``ENGAGED_WITHIN_DAYS`` days of connecting.  The follow-up of the
  last few periods is judged on the messages exported so far.

Message times are UTC; connection dates have no zone.  Two-way times are
compared with connection dates on the UTC calendar day.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import _schema as S
from ._errors import ParameterError

BURST_MIN_NEW = 10
BURST_RATIO = 2.0
BURST_WINDOW = 12
BURST_ENGAGED_SHARE = 0.1
ENGAGED_WITHIN_DAYS = 90


def first_two_way_at(messages: pd.DataFrame) -> pd.Series:
    """Return, per contact, when they first had a two-way exchange with the owner.

    A contact is two-way in a conversation once the owner has written in it
    and the contact has written in it; the moment is the later of the two
    first messages.  The earliest such moment over all conversations is
    returned.  Sponsored messages and messages without a sender are ignored.

    Parameters
    ----------
    messages : pandas.DataFrame
        The ``messages`` table of an :class:`~netstats.Export`.

    Returns
    -------
    pandas.Series
        UTC timestamps indexed by ``contact_id``, sorted by index; contacts
        who never had a two-way exchange are absent.

    Examples
    --------
    >>> msgs = pd.DataFrame({
    ...     "conversation_id": ["c1", "c1", "c1", "c2"],
    ...     "sent_at": pd.to_datetime(["2024-01-01 09:00", "2024-01-03 10:00",
    ...                                "2024-01-02 08:00", "2024-01-05 12:00"], utc=True),
    ...     "sender_id": ["me", "ann", "ann", "bo"],
    ...     "direction": ["sent", "received", "received", "received"],
    ...     "is_sponsored": [False, False, False, False]})
    >>> first_two_way_at(msgs)
    contact_id
    ann   2024-01-02 08:00:00+00:00
    Name: first_two_way_at, dtype: datetime64[ns, UTC]
    """
    _require_columns(messages, (S.CONVERSATION_ID, S.SENT_AT, S.SENDER_ID, S.DIRECTION, S.IS_SPONSORED), "messages")
    usable = messages[
        ~messages[S.IS_SPONSORED].fillna(False).astype(bool)
        & messages[S.CONVERSATION_ID].notna()
        & messages[S.SENT_AT].notna()
    ]
    direction = usable[S.DIRECTION].astype("string")
    owner_first = usable[direction.eq(S.SENT).fillna(False)].groupby(S.CONVERSATION_ID)[S.SENT_AT].min()
    received = usable[direction.eq(S.RECEIVED).fillna(False) & usable[S.SENDER_ID].notna()]
    contact_first = received.groupby([S.CONVERSATION_ID, S.SENDER_ID])[S.SENT_AT].min().reset_index()
    both = contact_first.join(owner_first.rename("owner_first"), on=S.CONVERSATION_ID, how="inner")
    moment = both[S.SENT_AT].where(both[S.SENT_AT] >= both["owner_first"], both["owner_first"])
    out = moment.groupby(both[S.SENDER_ID].astype("string")).min().sort_index()
    out.index.name = S.CONTACT_ID
    return out.astype(S.UTC_TIME).rename(S.FIRST_TWO_WAY_AT)


def growth(export, features: pd.DataFrame, freq: str = "MS", *, as_of: pd.Timestamp | None = None) -> pd.DataFrame:
    """Return popularity (connections) against quality (engaged connections), one row per period.

    Parameters
    ----------
    export : netstats.Export
        The loaded export; its ``messages`` and ``as_of`` are used.
    features : pandas.DataFrame
        Output of :func:`netstats.contact_features`: one row per contact,
        indexed by ``contact_id``, with ``is_connection``, ``connected_on``
        and ``invitation_note_kind``.
    freq : str, default "MS"
        A pandas frequency alias for the periods ("MS" months, "QS" quarters,
        "W-MON" weeks starting on Monday, "YS" years ...).
    as_of : pandas.Timestamp, optional
        The last moment considered (default ``export.as_of``).  Messages and
        connections after it are left out, so a report "as of" an earlier
        date shows what was known then.

    Returns
    -------
    pandas.DataFrame
        Columns ``period`` (start of the period), ``new_connections``,
        ``total_connections``, ``engaged_contacts``, ``engaged_share``,
        ``new_with_personal_note`` (new connections whose latest invitation,
        in either direction, had a personal note: ``invitation_note_kind``),
        ``new_engaged_within_90_days``
        and ``is_burst`` (see the module docstring for the rule).  Periods run
        from the first connection to ``as_of`` without gaps.  Connections
        without a date cannot be placed in time: their number is in
        ``result.attrs["undated_connections"]``.

    Raises
    ------
    ParameterError
        When ``freq`` is not a pandas frequency or ``features`` lacks a column.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> feats = pd.DataFrame(
    ...     {"is_connection": [True, True, False],
    ...      "connected_on": pd.to_datetime(["2024-01-05", "2024-02-10", None]),
    ...      "invitation_note_kind": [None, "personal", "personal"]},
    ...     index=pd.Index(["ann", "bo", "cy"], name="contact_id"))
    >>> msgs = pd.DataFrame({
    ...     "conversation_id": ["c1", "c1"],
    ...     "sent_at": pd.to_datetime(["2024-02-01 09:00", "2024-02-02 10:00"], utc=True),
    ...     "sender_id": ["me", "ann"], "direction": ["sent", "received"],
    ...     "is_sponsored": [False, False]})
    >>> ex = SimpleNamespace(messages=msgs, as_of=pd.Timestamp("2024-03-31 23:59", tz="UTC"))
    >>> growth(ex, feats)[["period", "total_connections", "engaged_contacts",
    ...                    "new_with_personal_note"]]
          period  total_connections  engaged_contacts  new_with_personal_note
    0 2024-01-01                  1                 0                       0
    1 2024-02-01                  2                 1                       1
    2 2024-03-01                  2                 1                       0
    """
    _require_columns(features, (S.IS_CONNECTION, S.CONNECTED_ON, S.INVITATION_NOTE_KIND), "features")
    offset = _offset(freq)
    as_of = pd.Timestamp(export.as_of if as_of is None else as_of)
    as_of = as_of.tz_localize("UTC") if as_of.tz is None else as_of.tz_convert("UTC")
    as_of_day = as_of.tz_localize(None)

    connections = features[features[S.IS_CONNECTION].fillna(False).astype(bool)]
    connected_on = pd.to_datetime(connections[S.CONNECTED_ON]).astype(S.NAIVE_TIME)
    undated = int(connected_on.isna().sum())
    connected_on = connected_on[connected_on.notna() & (connected_on <= as_of_day)]
    if connected_on.empty:
        out = S.empty_frame(S.GROWTH_COLUMNS)
        out.attrs["undated_connections"] = undated
        return out

    messages = export.messages[export.messages[S.SENT_AT] <= as_of]
    two_way = first_two_way_at(messages).dt.tz_convert(None).dt.floor("D").astype(S.NAIVE_TIME)
    two_way_of_connection = two_way.reindex(connected_on.index.astype("string"))
    two_way_of_connection.index = connected_on.index
    engaged_at = two_way_of_connection.where(two_way_of_connection >= connected_on, connected_on)
    engaged_at = engaged_at.where(two_way_of_connection.notna())

    note_kind = connections.loc[connected_on.index, S.INVITATION_NOTE_KIND].astype("string")
    has_personal_note = note_kind.eq(S.NOTE_PERSONAL).fillna(False).to_numpy()

    start = offset.rollback(connected_on.min().normalize())
    starts = pd.date_range(start=start, end=max(as_of_day, connected_on.max()), freq=offset)
    n = len(starts)

    joined_in = starts.searchsorted(connected_on.to_numpy(), side="right") - 1
    engaged_dated = engaged_at.dropna()
    engaged_in = starts.searchsorted(engaged_dated.to_numpy(), side="right") - 1
    engaged_soon = (engaged_at - connected_on).le(pd.Timedelta(days=ENGAGED_WITHIN_DAYS)).to_numpy()

    new = np.bincount(joined_in, minlength=n)
    total = np.cumsum(new)
    engaged = np.cumsum(np.bincount(engaged_in, minlength=n))
    out = pd.DataFrame(
        {
            S.PERIOD: starts.astype(S.NAIVE_TIME),
            S.NEW_CONNECTIONS: new,
            S.TOTAL_CONNECTIONS: total,
            S.ENGAGED_CONTACTS: engaged,
            S.ENGAGED_SHARE: engaged / total,
            S.NEW_WITH_PERSONAL_NOTE: np.bincount(joined_in[has_personal_note], minlength=n),
            S.NEW_ENGAGED_90D: np.bincount(joined_in[engaged_soon], minlength=n),
        }
    )
    out[S.IS_BURST] = _bursts(out[S.NEW_CONNECTIONS], out[S.NEW_ENGAGED_90D])
    out = S.conform(out, S.GROWTH_COLUMNS)
    out.attrs["undated_connections"] = undated
    return out


def _bursts(new: pd.Series, engaged_soon: pd.Series) -> pd.Series:
    """Flag the periods that added many connections and few conversations (rule in the module docstring)."""
    trailing = new.shift(1).rolling(BURST_WINDOW, min_periods=1).median().fillna(0.0)
    threshold = np.maximum(BURST_MIN_NEW, BURST_RATIO * trailing)
    return (new >= threshold) & (engaged_soon < BURST_ENGAGED_SHARE * new)


def _offset(freq: str) -> pd.DateOffset:
    try:
        return pd.tseries.frequencies.to_offset(freq)
    except (ValueError, TypeError) as err:
        raise ParameterError(
            f"freq {freq!r} is not a pandas frequency",
            expected='an alias such as "MS" (months), "QS" (quarters), "W-MON" (weeks) or "YS" (years)',
            fix="pass one of those aliases",
        ) from err


def _require_columns(frame: pd.DataFrame, columns: tuple[str, ...], what: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ParameterError(
            f"{what} lacks the columns {missing}",
            expected=f"the {what} table produced by netstats",
            fix="pass the output of netstats.load / netstats.contact_features unchanged",
        )
