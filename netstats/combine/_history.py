"""Several LinkedIn exports of one account, taken over time: how the connections changed.

One export shows the network as it is on the day it was made.  Two exports
months apart show what no single one holds: who joined, who disappeared, who
moved company or changed position.  :func:`connection_history` compares each
export with the next one and lists every change.

Matching a connection across two exports uses the strongest key both have: the
contact id taken from the profile URL.  Exports made before mid-2023 have no
``URL`` column (their ids are ``name:<name key>``), so across such an export a
connection is matched by its name key, and only where that is unambiguous: a
name held by two connections of one export is not matched at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from itertools import pairwise

import numpy as np
import pandas as pd

from .. import schema as S
from .._errors import ParameterError
from .._text import name_keys

# The values of the ``change`` column, in the order rows are sorted by.
CHANGE_NEW = "new"
CHANGE_DISAPPEARED = "disappeared"
CHANGE_COMPANY = "changed_company"
CHANGE_POSITION = "changed_position"
CHANGES = (CHANGE_NEW, CHANGE_DISAPPEARED, CHANGE_COMPANY, CHANGE_POSITION)

_REQUIRED = (S.CONTACT_ID, S.NAME, S.PROFILE_URL)
# Columns a snapshot may lack; a missing (or all-empty) one counts as "not recorded".
_OPTIONAL = (S.COMPANY, S.POSITION, S.CONNECTED_ON)
_COMPARED = ((S.COMPANY, CHANGE_COMPANY), (S.POSITION, CHANGE_POSITION))

# Private working columns of a prepared snapshot.
_ROW = "_row"
_KEY = "_name_key"
_FOLD = "_fold_"  # prefix: comparison form of COMPANY / POSITION


@dataclass(frozen=True)
class History:
    """The changes between consecutive exports, and what a reader should know about them.

    Attributes
    ----------
    changes : pandas.DataFrame
        One row per change (``HISTORY_COLUMNS``): ``change`` is one of
        ``'new'``, ``'disappeared'``, ``'changed_company'``,
        ``'changed_position'``; ``before``/``after`` hold the old and new
        company or position (missing for new and disappeared connections);
        ``seen_from``/``seen_to`` are the ``as_of`` of the two exports compared.
        Sorted by ``seen_to``, ``change`` (in that order of kinds), ``name``,
        ``contact_id``.
    notes : tuple of str
        Facts behind the numbers: matches made by name, names that could not be
        matched, connections listed as new that were connected earlier, a column
        an export did not record.  Counts only, never a name.
    """

    changes: pd.DataFrame
    notes: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class _Snapshot:
    number: int  # 1-based position in the caller's sequence, for error messages
    as_of: pd.Timestamp
    frame: pd.DataFrame  # prepared: working columns added
    recorded: frozenset[str]  # the compared columns this export holds values for


def _day(as_of: pd.Timestamp) -> str:
    return f"{as_of:%Y-%m-%d}"


def _as_of(value: object, number: int) -> pd.Timestamp:
    if not isinstance(value, datetime) or value is pd.NaT:
        raise ParameterError(
            f"snapshot {number}: the export date is not a timestamp",
            expected="(as_of, connections) pairs, as_of a tz-aware pandas.Timestamp such as Export.as_of",
            fix="pass each export's as_of, e.g. (ex.as_of, ex.connections)",
        )
    stamp = pd.Timestamp(value)
    if stamp.tz is None:
        raise ParameterError(
            f"snapshot {number}: the export date has no time zone",
            expected="a tz-aware timestamp",
            fix="pass Export.as_of, or e.g. pd.Timestamp('2025-06-01', tz='UTC')",
        )
    return stamp.tz_convert("UTC").as_unit("ns")


def _prepare(number: int, as_of: object, connections: object) -> _Snapshot:
    """One (as_of, connections) pair checked and typed, with the folded values compared across exports."""
    stamp = _as_of(as_of, number)
    _check_connections(number, connections)
    frame = pd.DataFrame({name: _typed_column(number, connections, name) for name in _REQUIRED + _OPTIONAL})
    frame[_ROW] = np.arange(len(frame))
    frame[_KEY] = name_keys(frame[S.NAME])
    recorded = set()
    for name, _ in _COMPARED:
        # Casefolded, spaces trimmed and collapsed: case- and whitespace-only edits are not changes.
        frame[_FOLD + name] = name_keys(frame[name])
        if frame[_FOLD + name].notna().any():
            recorded.add(name)
    return _Snapshot(number, stamp, frame, frozenset(recorded))


def _check_connections(number: int, connections: object) -> None:
    """Refuse anything but a LinkedIn connections table with one row per contact id."""
    if not isinstance(connections, pd.DataFrame):
        raise ParameterError(
            f"snapshot {number}: the connections are not a DataFrame",
            expected="a connections table such as Export.connections",
            fix="pass (ex.as_of, ex.connections) for each export",
        )
    missing = [c for c in _REQUIRED if c not in connections.columns]
    if missing:
        raise ParameterError(
            f"snapshot {number}: the connections table lacks the columns {missing}",
            expected=f"the columns {list(S.CONNECTIONS_COLUMNS)}",
            fix="pass the connections of an export loaded with netstats.load",
        )
    if S.PLATFORM in connections.columns:
        others = int(connections[S.PLATFORM].ne(S.LINKEDIN).fillna(True).sum())
        if others:
            raise ParameterError(
                f"snapshot {number}: {others} connections are not from LinkedIn",
                expected="the connections of LinkedIn exports only",
                fix=f"select them first: connections[connections.{S.PLATFORM} == '{S.LINKEDIN}']",
            )
    ids = connections[S.CONTACT_ID]
    if ids.isna().any():
        raise ParameterError(
            f"snapshot {number}: {int(ids.isna().sum())} connections have no contact id",
            expected="a contact id on every connection",
            fix="pass the connections of an export loaded with netstats.load",
        )
    repeated = int(ids.duplicated().sum())
    if repeated:
        raise ParameterError(
            f"snapshot {number}: {repeated} contact ids occur more than once",
            expected="one row per connection",
            fix="pass the connections of an export loaded with netstats.load",
        )


def _typed_column(number: int, connections: pd.DataFrame, name: str) -> pd.Series:
    """One column in its schema dtype (all missing when the table lacks it), or an error naming it."""
    dtype = S.DTYPES[name]
    if name not in connections.columns:
        missing = pd.NaT if name == S.CONNECTED_ON else pd.NA
        return pd.Series(missing, index=range(len(connections)), dtype=dtype)
    try:
        return connections[name].astype(dtype).reset_index(drop=True)
    except (TypeError, ValueError):
        raise ParameterError(
            f"snapshot {number}: the column {name} does not hold values of type {dtype}",
            expected=f"the dtypes of the connections table (netstats.schema.DTYPES['{name}'])",
            fix="pass the connections of an export loaded with netstats.load",
        ) from None


def _validated(snapshots: Sequence[tuple[pd.Timestamp, pd.DataFrame]]) -> list[_Snapshot]:
    if isinstance(snapshots, (str, bytes, pd.DataFrame)) or not isinstance(snapshots, Sequence):
        raise ParameterError(
            "snapshots is not a sequence of (as_of, connections) pairs",
            expected="a list such as [(ex1.as_of, ex1.connections), (ex2.as_of, ex2.connections)]",
            fix="pass one pair per export",
        )
    if len(snapshots) < 2:
        raise ParameterError(
            f"{len(snapshots)} export(s) given; a history needs at least 2",
            expected="two or more exports of one account, taken on different days",
            fix="download another export later (or pass an older one) and compare the two",
        )
    prepared = []
    for number, pair in enumerate(snapshots, start=1):
        if not isinstance(pair, tuple) or len(pair) != 2:
            raise ParameterError(
                f"snapshot {number} is not an (as_of, connections) pair",
                expected="a tuple (as_of, connections)",
                fix="pass (ex.as_of, ex.connections) for each export",
            )
        prepared.append(_prepare(number, *pair))
    prepared.sort(key=lambda snapshot: snapshot.as_of)
    for earlier, later in pairwise(prepared):
        if earlier.as_of == later.as_of:
            raise ParameterError(
                f"snapshots {earlier.number} and {later.number} have the same export date "
                f"({later.as_of.isoformat()})",
                expected="exports taken at different times",
                fix="pass each export once; two exports of one moment hold no history",
            )
    return prepared


def _paired_people(earlier: pd.DataFrame, later: pd.DataFrame) -> tuple[pd.DataFrame, int, int]:
    """Pair the rows of two snapshots: by contact id where both have a URL, else by a unique name key.

    Returns the pairs (``_row_e``, ``_row_l``, ``by_name``) and, for each side,
    how many rows were left unmatched because their name is shared by another
    connection of that export.
    """
    with_url_e = earlier.loc[earlier[S.PROFILE_URL].notna(), [_ROW, S.CONTACT_ID]]
    with_url_l = later.loc[later[S.PROFILE_URL].notna(), [_ROW, S.CONTACT_ID]]
    by_id = with_url_e.merge(with_url_l, on=S.CONTACT_ID, suffixes=("_e", "_l"))[[_ROW + "_e", _ROW + "_l"]]

    columns = [_ROW, _KEY, S.PROFILE_URL]
    rest_e = earlier.loc[~earlier[_ROW].isin(by_id[_ROW + "_e"]) & earlier[_KEY].notna(), columns]
    rest_l = later.loc[~later[_ROW].isin(by_id[_ROW + "_l"]) & later[_KEY].notna(), columns]
    # A name is a key only across an export without profile URLs, and only if one person's on each side.
    candidates = rest_e.merge(rest_l, on=_KEY, suffixes=("_e", "_l"))
    no_url = candidates[S.PROFILE_URL + "_e"].isna() | candidates[S.PROFILE_URL + "_l"].isna()
    candidates = candidates.loc[no_url]
    shared = pd.concat([rest[_KEY].loc[rest[_KEY].duplicated(keep=False)] for rest in (rest_e, rest_l)])
    unique_pair = ~candidates[_KEY].isin(shared)
    by_name = candidates.loc[unique_pair, [_ROW + "_e", _ROW + "_l"]]
    ambiguous = candidates.loc[~unique_pair]
    n_ambiguous_e = ambiguous[_ROW + "_e"].nunique()
    n_ambiguous_l = ambiguous[_ROW + "_l"].nunique()

    pairs = pd.concat([by_id.assign(by_name=False), by_name.assign(by_name=True)], ignore_index=True)
    return pairs, n_ambiguous_e, n_ambiguous_l


def _count(n: int, thing: str) -> str:
    return f"{n} {thing}" if n == 1 else f"{n} {thing}s"


def _rows(
    ids: pd.Series,
    names: pd.Series,
    change: str,
    before: pd.Series | None = None,
    after: pd.Series | None = None,
) -> pd.DataFrame:
    missing = pd.Series(pd.NA, index=range(len(ids)), dtype=S.STRING)
    return pd.DataFrame(
        {
            S.CONTACT_ID: ids.to_numpy(),
            S.NAME: names.to_numpy(),
            S.CHANGE: S.constant(change, len(ids)),
            S.BEFORE: missing if before is None else before.to_numpy(),
            S.AFTER: missing if after is None else after.to_numpy(),
        },
        index=range(len(ids)),
    )


def _field_changes(
    earlier: _Snapshot, later: _Snapshot, matched: pd.DataFrame, span: str, notes: list[str]
) -> list[pd.DataFrame]:
    """The changed names, companies and positions of the people in both exports (one table per field).

    A field one export does not record is not compared; ``notes`` gets a line saying so.
    """
    parts = []
    names = matched[S.NAME + "_l"].fillna(matched[S.NAME + "_e"])
    for column, change in _COMPARED:
        unrecorded = [s for s in (earlier, later) if column not in s.recorded]
        if unrecorded:
            # Worth a note only when the other export has values that could have changed.
            if len(unrecorded) == 1 and len(matched):
                notes.append(
                    f"Changes of {column} {span} are not reported: the export of "
                    f"{_day(unrecorded[0].as_of)} records no {column} for any connection."
                )
            continue
        before, after = matched[_FOLD + column + "_e"], matched[_FOLD + column + "_l"]
        differs = ((before.isna() != after.isna()) | (before != after).fillna(False)).to_numpy(dtype=bool)
        changed = matched.loc[differs]
        parts.append(
            _rows(
                changed[S.CONTACT_ID + "_l"],
                names[differs],
                change,
                before=changed[column + "_e"].str.strip(),
                after=changed[column + "_l"].str.strip(),
            )
        )
    return parts


def _transition(earlier: _Snapshot, later: _Snapshot) -> tuple[pd.DataFrame, list[str]]:
    """The changes from one export to the next, and the notes they need."""
    e, later_frame = earlier.frame, later.frame
    pairs, n_ambiguous_e, n_ambiguous_l = _paired_people(e, later_frame)
    span = f"between the exports of {_day(earlier.as_of)} and {_day(later.as_of)}"
    notes = []

    new = later_frame.loc[~later_frame[_ROW].isin(pairs[_ROW + "_l"])]
    gone = e.loc[~e[_ROW].isin(pairs[_ROW + "_e"])]
    parts = [
        _rows(new[S.CONTACT_ID], new[S.NAME], CHANGE_NEW),
        _rows(gone[S.CONTACT_ID], gone[S.NAME], CHANGE_DISAPPEARED),
    ]

    matched = pairs.merge(e.add_suffix("_e"), on=_ROW + "_e").merge(
        later_frame.add_suffix("_l"), on=_ROW + "_l"
    )
    parts += _field_changes(earlier, later, matched, span, notes)

    n_by_name = int(pairs["by_name"].sum())
    if n_by_name:
        notes.append(
            f"{_count(n_by_name, 'connection')} matched by name {span}, for want of profile URLs "
            "(LinkedIn added them to Connections.csv in 2023); a name is a weaker key than a profile URL."
        )
    if n_ambiguous_e or n_ambiguous_l:
        notes.append(
            f"{_count(n_ambiguous_e, 'connection')} of the export of {_day(earlier.as_of)} and "
            f"{n_ambiguous_l} of the export of {_day(later.as_of)} share their name with another connection "
            "of the same export and have no profile URL to tell them apart: they were not matched, and are "
            "listed as disappeared and new."
        )
    if len(gone):
        notes.append(
            f"{_count(len(gone), 'connection')} disappeared {span}: each was removed, or closed or hid "
            "their account; the export cannot tell which."
        )
    # Connected before the earlier export was made, yet absent from it: hidden then, or connected again.
    earlier_day = earlier.as_of.tz_localize(None).normalize()
    n_odd = int((new[S.CONNECTED_ON] < earlier_day).sum())
    if n_odd:
        notes.append(
            f"{_count(n_odd, 'connection')} new in the export of {_day(later.as_of)} had been connected "
            f"before the export of {_day(earlier.as_of)} was made, yet missing from it: their profile was "
            "hidden then, or they were removed and connected again."
        )
    changes = pd.concat(parts, ignore_index=True)
    changes[S.SEEN_FROM] = earlier.as_of
    changes[S.SEEN_TO] = later.as_of
    return changes, notes


def connection_history(snapshots: Sequence[tuple[pd.Timestamp, pd.DataFrame]]) -> History:
    """List how the connections changed from one LinkedIn export of an account to the next.

    Parameters
    ----------
    snapshots : sequence of (pandas.Timestamp, pandas.DataFrame)
        Two or more ``(as_of, connections)`` pairs, one per export of the same
        account, in any order: typically ``(ex.as_of, ex.connections)`` of
        exports loaded with :func:`netstats.load`.  ``as_of`` must be tz-aware;
        ``connections`` needs ``contact_id``, ``name`` and ``profile_url``
        (``company``, ``position`` and ``connected_on`` are used when present)
        and must hold LinkedIn connections only, one row per contact id.

    Returns
    -------
    History
        ``changes`` (``HISTORY_COLUMNS``) with one row per change between
        consecutive exports (sorted by ``as_of``), and ``notes``:

        * ``'new'``: in the later export, not in the earlier one;
        * ``'disappeared'``: in the earlier export, not in the later one.  The
          owner removed them, or they removed the owner, closed their account or
          hid their profile: the export cannot tell which;
        * ``'changed_company'`` / ``'changed_position'``: ``before`` and
          ``after`` hold the two values.  Differences of case or whitespace
          only are not changes.  A value that appears or vanishes is a change
          when both exports record the column; an export whose column is
          missing or empty for every connection does not record it, and its
          changes are not reported (a note says so).

        ``contact_id`` and ``name`` are the later export's (the earlier one's
        for disappeared connections); ``seen_from``/``seen_to`` are the
        ``as_of`` of the two exports.

    Raises
    ------
    ParameterError
        Fewer than two snapshots, two with the same ``as_of``, a naive
        ``as_of``, a table lacking the required columns, a contact id missing
        or repeated, or rows from another platform.

    Notes
    -----
    Connections are matched by ``contact_id`` where both exports have profile
    URLs.  Exports before mid-2023 have none, so across such an export the
    name key (:func:`netstats._text.name_key`) is used, one-to-one only: a name
    shared by two connections of either export is not matched, and those rows
    count as disappeared and new (a note gives the count).  A connection listed
    as new whose ``connected_on`` is before the earlier export's day was hidden
    then or connected again; it stays new and a note counts such rows.

    Examples
    --------
    >>> import pandas as pd
    >>> def connections(rows):
    ...     return pd.DataFrame(rows, columns=["contact_id", "name", "profile_url", "company", "position"])
    >>> june = connections([["ann", "Ann Lee", "https://www.linkedin.com/in/ann", "Acme", "Engineer"],
    ...                     ["bo", "Bo Ek", "https://www.linkedin.com/in/bo", "Initech", "Analyst"]])
    >>> december = connections([["ann", "Ann Lee", "https://www.linkedin.com/in/ann", "Globex", "engineer "],
    ...                         ["cy", "Cy Ng", "https://www.linkedin.com/in/cy", "Acme", "CTO"]])
    >>> history = connection_history([(pd.Timestamp("2025-12-01", tz="UTC"), december),
    ...                                (pd.Timestamp("2025-06-01", tz="UTC"), june)])
    >>> history.changes[["contact_id", "change", "before", "after"]]
      contact_id           change before   after
    0         cy              new   <NA>    <NA>
    1         bo      disappeared   <NA>    <NA>
    2        ann  changed_company   Acme  Globex
    >>> print(history.notes[0])  # doctest: +NORMALIZE_WHITESPACE
    1 connection disappeared between the exports of 2025-06-01 and 2025-12-01: each was removed,
    or closed or hid their account; the export cannot tell which.
    """
    ordered = _validated(snapshots)
    parts, notes = [], []
    for earlier, later in pairwise(ordered):
        changes, transition_notes = _transition(earlier, later)
        parts.append(changes)
        notes += transition_notes
    changes = pd.concat(parts, ignore_index=True)
    order = pd.Categorical(changes[S.CHANGE], categories=CHANGES, ordered=True)
    changes = changes.assign(_order=order).sort_values(
        [S.SEEN_TO, "_order", S.NAME, S.CONTACT_ID], na_position="last", kind="stable"
    )
    return History(S.conform(changes, S.HISTORY_COLUMNS), tuple(notes))
