"""Network growth against "quality over popularity": one row per period.

Popularity is the number of connections; quality is how many of them the
owner has actually exchanged messages with.  :func:`growth` puts the two side
by side per period and flags *bursts*: periods where many connections were
added and few conversations followed.

Definitions (the report and the notebooks quote them):

* A contact becomes **two-way** at ``first_two_way_at`` (see
  :func:`netstats.contact_features`): the first moment when, in one
  conversation, both the owner and the contact had written.  The same moment
  makes the report's headline and the scorecard's "know your network".
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

from .. import schema as S
from .._errors import ParameterError
from ._features import moment_of_features, require_columns

BURST_MIN_NEW = 10
BURST_RATIO = 2.0
BURST_WINDOW = 12
BURST_ENGAGED_SHARE = 0.1
ENGAGED_WITHIN_DAYS = 90

_INPUTS = (S.IS_CONNECTION, S.CONNECTED_ON, S.INVITATION_NOTE_KIND, S.FIRST_TWO_WAY_AT)


def growth(export, features: pd.DataFrame, freq: str = "MS", *, as_of=None) -> pd.DataFrame:
    """Return popularity (connections) against quality (engaged connections), one row per period.

    Parameters
    ----------
    export : netstats.Export
        The loaded export (its ``as_of`` is the default end).
    features : pandas.DataFrame
        Output of :func:`netstats.contact_features`: one row per contact,
        indexed by ``contact_id``, with ``is_connection``, ``connected_on``,
        ``invitation_note_kind`` and ``first_two_way_at``.
    freq : str, default "MS"
        A pandas frequency alias for the periods ("MS" months, "QS" quarters,
        "W-MON" weeks starting on Monday, "YS" years ...).
    as_of : timestamp-like, optional
        The last moment considered; default ``export.as_of``, as for
        :func:`netstats.contact_features`.  An earlier moment leaves out the
        connections and exchanges after it; one after the moment the features
        were computed for is refused (they know nothing after it): pass the
        ``as_of`` you gave ``contact_features``.

    Returns
    -------
    pandas.DataFrame
        Columns ``period`` (start of the period), ``new_connections``,
        ``total_connections``, ``engaged_contacts``, ``engaged_share``,
        ``new_with_personal_note`` (new connections whose latest invitation,
        in either direction, had a personal note: ``invitation_note_kind``),
        ``new_engaged_within_90_days``
        and ``is_burst`` (see the module docstring for the rule).  Periods run
        from the first connection to ``as_of`` without gaps; empty when no
        connection has a date.  Connections without a date cannot be placed
        in time: their number is in ``result.attrs["undated_connections"]``.

    Raises
    ------
    ParameterError
        When ``freq`` is not a pandas frequency, ``features`` lacks a column,
        or ``as_of`` is not a date or lies after the moment of the features.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> feats = pd.DataFrame(
    ...     {"is_connection": [True, True, False],
    ...      "connected_on": pd.to_datetime(["2024-01-05", "2024-02-10", None]),
    ...      "invitation_note_kind": [None, "personal", "personal"],
    ...      "first_two_way_at": pd.to_datetime(["2024-02-02 10:00", None, "2024-01-09 08:00"], utc=True)},
    ...     index=pd.Index(["ann", "bo", "cy"], name="contact_id"))
    >>> ex = SimpleNamespace(as_of=pd.Timestamp("2024-03-31 23:59", tz="UTC"))
    >>> growth(ex, feats)[["period", "total_connections", "engaged_contacts",
    ...                    "new_with_personal_note"]]
          period  total_connections  engaged_contacts  new_with_personal_note
    0 2024-01-01                  1                 0                       0
    1 2024-02-01                  2                 1                       1
    2 2024-03-01                  2                 1                       0
    """
    require_columns(features, _INPUTS, "features", "netstats.contact_features(export)")
    offset = _offset(freq)
    as_of = moment_of_features(features, as_of, export)
    as_of_day = as_of.tz_localize(None)

    connections = features[features[S.IS_CONNECTION].fillna(False).astype(bool)]
    connected_on = pd.to_datetime(connections[S.CONNECTED_ON]).astype(S.NAIVE_TIME)
    undated = int(connected_on.isna().sum())
    dated = (connected_on.notna() & (connected_on <= as_of_day)).to_numpy(dtype=bool)
    connections, connected_on = connections[dated], connected_on[dated]
    if connected_on.empty:
        out = S.empty_frame(S.GROWTH_COLUMNS)
        out.attrs["undated_connections"] = undated
        return out

    two_way = pd.to_datetime(connections[S.FIRST_TWO_WAY_AT], utc=True)
    two_way = two_way.where(two_way <= as_of)  # exchanges after as_of have not happened yet
    two_way_day = two_way.dt.tz_convert(None).dt.floor("D").astype(S.NAIVE_TIME)
    engaged_at = two_way_day.where(two_way_day >= connected_on, connected_on).where(two_way_day.notna())

    note_kind = connections[S.INVITATION_NOTE_KIND].astype("string")
    has_personal_note = note_kind.eq(S.NOTE_PERSONAL).fillna(False).to_numpy(dtype=bool)

    start = offset.rollback(connected_on.min().normalize())
    starts = pd.date_range(start=start, end=max(as_of_day, connected_on.max()), freq=offset)
    n = len(starts)

    joined_in = starts.searchsorted(connected_on.to_numpy(), side="right") - 1
    engaged_in = starts.searchsorted(engaged_at.dropna().to_numpy(), side="right") - 1
    engaged_soon = (engaged_at - connected_on).le(pd.Timedelta(days=ENGAGED_WITHIN_DAYS)).to_numpy(dtype=bool)

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
