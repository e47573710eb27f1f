"""netstats.growth: popularity against quality per period, and the burst rule."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netstats import _schema as S
from netstats._errors import ParameterError
from netstats._export import Export, Owner
from netstats._growth import first_two_way_at, growth

UTC = "UTC"


def at(text: str) -> pd.Timestamp:
    return pd.Timestamp(text, tz=UTC)


def make_messages(rows: list[tuple]) -> pd.DataFrame:
    """rows: (conversation, sent_at, sender, direction[, sponsored])."""
    n = len(rows)
    frame = pd.DataFrame(
        {
            S.CONVERSATION_ID: [r[0] for r in rows],
            S.CONVERSATION_TITLE: [None] * n,
            S.SENT_AT: pd.to_datetime([r[1] for r in rows], utc=True),
            S.SENDER_ID: [r[2] for r in rows],
            S.SENDER_NAME: [r[2] for r in rows],
            S.SENDER_URL: [None] * n,
            S.RECIPIENT_IDS: [["me"] if r[3] == S.RECEIVED else [] for r in rows],
            S.DIRECTION: [r[3] for r in rows],
            S.IS_GROUP: [False] * n,
            S.IS_SPONSORED: [len(r) > 4 and r[4] for r in rows],
            S.SUBJECT: [None] * n,
            S.CONTENT: ["hello"] * n,
            S.FOLDER: ["INBOX"] * n,
            S.HAS_ATTACHMENT: [False] * n,
            S.SOURCE_LINE: list(range(2, n + 2)),
        }
    )
    return S.conform(frame, S.MESSAGES_COLUMNS) if n else S.empty_frame(S.MESSAGES_COLUMNS)


def make_export(messages: list[tuple], as_of: str) -> Export:
    empty = {
        name: S.empty_frame(columns)
        for name, columns in [
            ("connections", S.CONNECTIONS_COLUMNS),
            ("contacts", S.CONTACTS_COLUMNS),
            ("ledger", S.LEDGER_COLUMNS),
            ("excluded", S.EXCLUDED_COLUMNS),
            ("quarantine", S.QUARANTINE_COLUMNS),
            ("files", S.FILES_COLUMNS),
        ]
    }
    return Export(
        messages=make_messages(messages),
        invitations=S.empty_frame(S.INVITATIONS_COLUMNS, S.INVITATIONS_DTYPES),
        owner=Owner("Me", None, "me", "test"),
        as_of=at(as_of),
        **empty,
    )


def make_features(rows: dict[str, tuple]) -> pd.DataFrame:
    """rows: contact_id -> (is_connection, connected_on or None, invitation_note_kind or None)."""
    ids = list(rows)
    return pd.DataFrame(
        {
            S.IS_CONNECTION: [rows[i][0] for i in ids],
            S.CONNECTED_ON: pd.to_datetime([rows[i][1] for i in ids]),
            S.INVITATION_NOTE_KIND: pd.array([rows[i][2] for i in ids], dtype="string"),
        },
        index=pd.Index(ids, name=S.CONTACT_ID, dtype="string"),
    )


# ---------------------------------------------------------------- first two-way moment
def test_first_two_way_is_the_later_of_both_first_messages_per_conversation():
    messages = make_messages(
        [
            ("c1", "2024-01-10 09:00", "me", S.SENT),
            ("c1", "2024-01-12 09:00", "ann", S.RECEIVED),  # two-way at the 12th
            ("c2", "2024-01-01 08:00", "ann", S.RECEIVED),
            ("c2", "2024-01-20 08:00", "me", S.SENT),  # later than c1: c1 wins
            ("c3", "2024-01-05 08:00", "bo", S.RECEIVED),
            ("c3", "2024-01-04 08:00", "me", S.SENT),  # owner first: two-way when bo writes
            ("c4", "2024-01-02 08:00", "cy", S.RECEIVED),  # cy wrote, owner never did
            ("c5", "2024-01-02 08:00", "dee", S.RECEIVED, True),  # sponsored: never counts
            ("c5", "2024-01-03 08:00", "me", S.SENT),
        ]
    )
    result = first_two_way_at(messages)
    assert result.to_dict() == {"ann": at("2024-01-12 09:00"), "bo": at("2024-01-05 08:00")}
    assert result.name == S.FIRST_TWO_WAY_AT and result.index.name == S.CONTACT_ID


def test_first_two_way_on_no_messages_is_empty():
    assert first_two_way_at(make_messages([])).empty


# ---------------------------------------------------------------- the growth table
def test_growth_counts_each_period_exactly():
    features = make_features(
        {
            "ann": (True, "2024-01-05", "personal"),
            "bo": (True, "2024-02-10", "generic"),
            "cy": (True, "2024-02-20", "personal"),
            "dee": (False, None, "personal"),  # not a connection: never counted
        }
    )
    export = make_export(
        [
            ("c1", "2024-03-02 09:00", "me", S.SENT),  # ann becomes two-way in March
            ("c1", "2024-03-03 09:00", "ann", S.RECEIVED),
            ("c2", "2023-12-01 09:00", "bo", S.RECEIVED),  # bo was two-way before connecting:
            ("c2", "2023-12-02 09:00", "me", S.SENT),  # engaged from the connection date
            ("c3", "2024-02-25 09:00", "me", S.SENT),  # cy never answered
            ("c4", "2024-02-01 09:00", "dee", S.RECEIVED),
            ("c4", "2024-02-01 10:00", "me", S.SENT),
        ],
        as_of="2024-04-15 12:00",
    )
    table = growth(export, features)
    expected = pd.DataFrame(
        {
            S.PERIOD: pd.to_datetime(["2024-01-01", "2024-02-01", "2024-03-01", "2024-04-01"]),
            S.NEW_CONNECTIONS: [1, 2, 0, 0],
            S.TOTAL_CONNECTIONS: [1, 3, 3, 3],
            S.ENGAGED_CONTACTS: [0, 1, 2, 2],
            S.ENGAGED_SHARE: [0.0, 1 / 3, 2 / 3, 2 / 3],
            S.NEW_WITH_PERSONAL_NOTE: [1, 1, 0, 0],
            S.NEW_ENGAGED_90D: [1, 1, 0, 0],
            S.IS_BURST: [False] * 4,
        }
    )
    pd.testing.assert_frame_equal(table, S.conform(expected, S.GROWTH_COLUMNS))
    assert table.attrs["undated_connections"] == 0


def test_engaged_is_counted_from_when_the_exchange_happened_not_from_connecting():
    features = make_features({"ann": (True, "2024-01-05", None)})
    export = make_export(
        [("c1", "2024-06-10 09:00", "me", S.SENT), ("c1", "2024-06-11 09:00", "ann", S.RECEIVED)],
        as_of="2024-07-01",
    )
    table = growth(export, features)
    assert table[S.ENGAGED_CONTACTS].tolist() == [0, 0, 0, 0, 0, 1, 1]
    # five months after connecting: not "engaged within 90 days"
    assert table[S.NEW_ENGAGED_90D].tolist() == [0] * 7


def test_quarters_and_the_as_of_cut():
    features = make_features({"ann": (True, "2024-02-05", None), "bo": (True, "2024-08-01", None)})
    export = make_export(
        [("c1", "2024-03-10 09:00", "me", S.SENT), ("c1", "2024-03-11 09:00", "ann", S.RECEIVED)],
        as_of="2024-12-31",
    )
    table = growth(export, features, freq="QS", as_of="2024-06-30")
    assert table[S.PERIOD].tolist() == [pd.Timestamp("2024-01-01"), pd.Timestamp("2024-04-01")]
    assert table[S.TOTAL_CONNECTIONS].tolist() == [1, 1]  # bo connected after as_of
    assert table[S.ENGAGED_CONTACTS].tolist() == [1, 1]
    early = growth(export, features, freq="QS", as_of="2024-03-10 12:00")  # before ann replied
    assert early[S.ENGAGED_CONTACTS].tolist() == [0]


def test_a_burst_is_many_new_connections_and_few_conversations():
    # 12 quiet months with 2 new connections each, then a month with 25, of whom 1 engaged.
    rows, messages = {}, []
    for month in range(12):
        for j in range(2):
            rows[f"q{month:02d}{j}"] = (True, f"2023-{month + 1:02d}-10", None)
    for j in range(25):
        rows[f"b{j:02d}"] = (True, "2024-01-15", None)
    messages += [("cb", "2024-01-20 09:00", "me", S.SENT), ("cb", "2024-01-21 09:00", "b00", S.RECEIVED)]
    # and a busy month where most new people became conversations: not a burst
    for j in range(12):
        rows[f"g{j:02d}"] = (True, "2024-02-15", None)
        messages += [(f"g{j}", "2024-02-20 09:00", "me", S.SENT), (f"g{j}", "2024-02-21 09:00", f"g{j:02d}", S.RECEIVED)]
    table = growth(make_export(messages, "2024-03-31"), make_features(rows))
    flagged = table.loc[table[S.IS_BURST], S.PERIOD].tolist()
    assert flagged == [pd.Timestamp("2024-01-01")]
    jan = table.set_index(S.PERIOD).loc["2024-01-01"]
    assert (jan[S.NEW_CONNECTIONS], jan[S.NEW_ENGAGED_90D]) == (25, 1)


def test_no_burst_below_the_minimum_of_ten():
    rows = {f"p{j}": (True, "2024-03-01", None) for j in range(9)}
    table = growth(make_export([], "2024-03-31"), make_features(rows))
    assert table[S.NEW_CONNECTIONS].tolist() == [9]
    assert not table[S.IS_BURST].any()
    rows["p9"] = (True, "2024-03-02", None)
    assert growth(make_export([], "2024-03-31"), make_features(rows))[S.IS_BURST].tolist() == [True]


def test_undated_connections_are_counted_not_dropped_silently():
    features = make_features({"ann": (True, "2024-01-05", None), "bo": (True, None, None)})
    table = growth(make_export([], "2024-01-31"), features)
    assert table[S.TOTAL_CONNECTIONS].tolist() == [1]
    assert table.attrs["undated_connections"] == 1


def test_no_connections_gives_an_empty_table_with_the_schema():
    table = growth(make_export([], "2024-01-31"), make_features({"ann": (False, None, None)}))
    assert table.empty and tuple(table.columns) == S.GROWTH_COLUMNS
    assert str(table[S.PERIOD].dtype) == "datetime64[ns]"


def test_bad_parameters_raise_netstats_errors():
    features = make_features({"ann": (True, "2024-01-05", None)})
    with pytest.raises(ParameterError, match="not a pandas frequency"):
        growth(make_export([], "2024-01-31"), features, freq="fortnightly-ish")
    with pytest.raises(ParameterError, match="connected_on"):
        growth(make_export([], "2024-01-31"), features.drop(columns=S.CONNECTED_ON))


def test_inputs_are_not_modified():
    features = make_features({"ann": (True, "2024-01-05", None)})
    export = make_export([("c1", "2024-01-10", "me", S.SENT), ("c1", "2024-01-11", "ann", S.RECEIVED)], "2024-02-01")
    before_f, before_m = features.copy(), export.messages.copy()
    growth(export, features)
    pd.testing.assert_frame_equal(features, before_f)
    pd.testing.assert_frame_equal(export.messages, before_m)


@settings(max_examples=40)
@given(
    st.lists(
        st.tuples(st.integers(0, 700), st.one_of(st.none(), st.integers(-100, 800))),
        min_size=1,
        max_size=40,
    )
)
def test_growth_invariants(people):
    """Totals and engaged counts never fall; engaged never exceeds total; new adds up."""
    start = pd.Timestamp("2022-01-01")
    rows, messages = {}, []
    for i, (joined, talked) in enumerate(people):
        rows[f"p{i:02d}"] = (True, start + pd.Timedelta(days=joined), None)
        if talked is not None:
            when = (start + pd.Timedelta(days=talked)).tz_localize(UTC)
            messages += [(f"c{i}", when, "me", S.SENT), (f"c{i}", when + pd.Timedelta(hours=1), f"p{i:02d}", S.RECEIVED)]
    as_of = "2024-03-01"
    table = growth(make_export(messages, as_of), make_features(rows))
    total, engaged = table[S.TOTAL_CONNECTIONS].to_numpy(), table[S.ENGAGED_CONTACTS].to_numpy()
    assert total[-1] == len(people) == table[S.NEW_CONNECTIONS].sum()
    assert (np.diff(total) >= 0).all() and (np.diff(engaged) >= 0).all()
    assert (engaged <= total).all()
    reply_by_end = pd.Timestamp(as_of) - pd.Timedelta(hours=1)
    talked_by_end = sum(1 for _, t in people if t is not None and start + pd.Timedelta(days=t) <= reply_by_end)
    assert engaged[-1] == talked_by_end
    assert (table[S.NEW_ENGAGED_90D] <= table[S.NEW_CONNECTIONS]).all()
    assert table[S.PERIOD].is_monotonic_increasing and table[S.PERIOD].dt.day.eq(1).all()
