"""netstats.growth: popularity against quality per period, and the burst rule."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import netstats as ns
from netstats import schema as S
from netstats._errors import ParameterError
from netstats.analysis._growth import growth
from tests.exports import OWNER, Person, connection, load_export, message

UTC = "UTC"


def at(text: str) -> pd.Timestamp:
    return pd.Timestamp(text, tz=UTC)


def make_export(as_of: str) -> SimpleNamespace:
    """growth reads only the export date (the features carry the rest)."""
    return SimpleNamespace(as_of=at(as_of))


def make_features(rows: dict[str, tuple], as_of: str | None = None) -> pd.DataFrame:
    """rows: contact_id -> (is_connection, connected_on, invitation_note_kind[, first_two_way_at])."""
    ids = list(rows)
    frame = pd.DataFrame(
        {
            S.IS_CONNECTION: [rows[i][0] for i in ids],
            S.CONNECTED_ON: pd.to_datetime([rows[i][1] for i in ids]),
            S.INVITATION_NOTE_KIND: pd.array([rows[i][2] for i in ids], dtype="string"),
            S.FIRST_TWO_WAY_AT: pd.to_datetime([rows[i][3] if len(rows[i]) > 3 else None for i in ids], utc=True),
        },
        index=pd.Index(ids, name=S.CONTACT_ID, dtype="string"),
    )
    if as_of is not None:
        frame.attrs["as_of"] = at(as_of)
    return frame


# ---------------------------------------------------------------- the growth table
def test_growth_counts_each_period_exactly():
    features = make_features(
        {
            "ann": (True, "2024-01-05", "personal", "2024-03-03 09:00"),  # two-way in March
            "bo": (True, "2024-02-10", "generic", "2023-12-02 09:00"),  # two-way before connecting:
            # engaged from the connection date
            "cy": (True, "2024-02-20", "personal"),  # never answered
            "dee": (False, None, "personal", "2024-02-01 10:00"),  # not a connection: never counted
        }
    )
    table = growth(make_export("2024-04-15 12:00"), features)
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
    features = make_features({"ann": (True, "2024-01-05", None, "2024-06-11 09:00")})
    table = growth(make_export("2024-07-01"), features)
    assert table[S.ENGAGED_CONTACTS].tolist() == [0, 0, 0, 0, 0, 1, 1]
    # five months after connecting: not "engaged within 90 days"
    assert table[S.NEW_ENGAGED_90D].tolist() == [0] * 7


def test_engaged_within_90_days_counts_the_90th_day_not_the_91st():
    features = make_features(
        {
            "on-day-90": (True, "2024-01-01", None, "2024-03-31 23:00"),  # 90 days after connecting
            "on-day-91": (True, "2024-01-01", None, "2024-04-01 00:30"),
        }
    )
    table = growth(make_export("2024-05-01"), features)
    assert table[S.NEW_ENGAGED_90D].tolist() == [1, 0, 0, 0, 0]
    assert table[S.ENGAGED_CONTACTS].tolist() == [0, 0, 1, 2, 2]


def test_quarters_and_the_as_of_cut():
    features = make_features(
        {"ann": (True, "2024-02-05", None, "2024-03-11 09:00"), "bo": (True, "2024-08-01", None)},
        as_of="2024-12-31",
    )
    table = growth(make_export("2024-12-31"), features, freq="QS", as_of="2024-06-30")
    assert table[S.PERIOD].tolist() == [pd.Timestamp("2024-01-01"), pd.Timestamp("2024-04-01")]
    assert table[S.TOTAL_CONNECTIONS].tolist() == [1, 1]  # bo connected after as_of
    assert table[S.ENGAGED_CONTACTS].tolist() == [1, 1]
    early = growth(make_export("2024-12-31"), features, freq="QS", as_of="2024-03-10 12:00")  # before ann replied
    assert early[S.ENGAGED_CONTACTS].tolist() == [0]
    assert early[S.NEW_ENGAGED_90D].tolist() == [0]
    exact = growth(make_export("2024-12-31"), features, freq="QS", as_of="2024-03-11 09:00")  # the reply itself
    assert exact[S.ENGAGED_CONTACTS].tolist() == [1]


def test_as_of_is_a_parameter_that_cannot_pass_the_moment_of_the_features():
    features = make_features({"ann": (True, "2024-01-05", None, "2024-02-01 09:00")}, as_of="2024-03-15")
    table = growth(make_export("2024-03-15"), features)  # default: the export's moment
    assert table[S.PERIOD].iloc[-1] == pd.Timestamp("2024-03-01")
    table = growth(make_export("2025-12-31"), features, as_of="2024-03-15")
    assert table[S.PERIOD].iloc[-1] == pd.Timestamp("2024-03-01")
    with pytest.raises(ParameterError, match=r"\(the export's\) is after the moment the features describe"):
        growth(make_export("2025-12-31"), features)  # never read from the features: the export's is later
    with pytest.raises(ParameterError, match="after the moment the features describe"):
        growth(make_export("2025-12-31"), features, as_of="2024-04-01")
    with pytest.raises(ParameterError, match="as_of"):
        growth(make_export("2025-12-31"), features, as_of="not a date")


def test_a_burst_is_many_new_connections_and_few_conversations():
    # 12 quiet months with 2 new connections each, then a month with 25, of whom 1 engaged.
    rows = {}
    for month in range(12):
        for j in range(2):
            rows[f"q{month:02d}{j}"] = (True, f"2023-{month + 1:02d}-10", None)
    for j in range(25):
        rows[f"b{j:02d}"] = (True, "2024-01-15", None, "2024-01-21 09:00" if j == 0 else None)
    # and a busy month where most new people became conversations: not a burst
    for j in range(12):
        rows[f"g{j:02d}"] = (True, "2024-02-15", None, "2024-02-21 09:00")
    table = growth(make_export("2024-03-31"), make_features(rows))
    flagged = table.loc[table[S.IS_BURST], S.PERIOD].tolist()
    assert flagged == [pd.Timestamp("2024-01-01")]
    jan = table.set_index(S.PERIOD).loc["2024-01-01"]
    assert (jan[S.NEW_CONNECTIONS], jan[S.NEW_ENGAGED_90D]) == (25, 1)
    # 3 of 25 engaged is 12 %, no longer "fewer than 10 %": not a burst
    for j in (1, 2):
        rows[f"b{j:02d}"] = (True, "2024-01-15", None, "2024-01-25 09:00")
    assert not growth(make_export("2024-03-31"), make_features(rows))[S.IS_BURST].any()


def test_a_burst_needs_twice_the_median_of_the_previous_periods():
    rows = {f"q{m:02d}{j}": (True, f"2023-{m + 1:02d}-10", None) for m in range(12) for j in range(8)}
    rows.update({f"b{j:02d}": (True, "2024-01-15", None) for j in range(15)})  # 15 < 2 x 8
    assert not growth(make_export("2024-01-31"), make_features(rows))[S.IS_BURST].any()
    rows.update({f"b{j:02d}": (True, "2024-01-15", None) for j in range(16)})  # 16 = 2 x 8
    assert growth(make_export("2024-01-31"), make_features(rows))[S.IS_BURST].tolist()[-1]


def test_exactly_ten_percent_engaged_is_not_a_burst():
    rows = {f"b{j:02d}": (True, "2024-01-15", None, "2024-01-20 09:00" if j < 2 else None) for j in range(20)}
    assert growth(make_export("2024-01-31"), make_features(rows))[S.IS_BURST].tolist() == [False]  # 2 of 20
    rows["b01"] = (True, "2024-01-15", None)
    assert growth(make_export("2024-01-31"), make_features(rows))[S.IS_BURST].tolist() == [True]  # 1 of 20


def test_no_burst_below_the_minimum_of_ten():
    rows = {f"p{j}": (True, "2024-03-01", None) for j in range(9)}
    table = growth(make_export("2024-03-31"), make_features(rows))
    assert table[S.NEW_CONNECTIONS].tolist() == [9]
    assert not table[S.IS_BURST].any()
    rows["p9"] = (True, "2024-03-02", None)
    assert growth(make_export("2024-03-31"), make_features(rows))[S.IS_BURST].tolist() == [True]


def test_undated_connections_are_counted_not_dropped_silently():
    features = make_features({"ann": (True, "2024-01-05", None), "bo": (True, None, None)})
    table = growth(make_export("2024-01-31"), features)
    assert table[S.TOTAL_CONNECTIONS].tolist() == [1]
    assert table.attrs["undated_connections"] == 1


def test_no_connections_gives_an_empty_table_with_the_schema():
    table = growth(make_export("2024-01-31"), make_features({"ann": (False, None, None)}))
    assert table.empty and tuple(table.columns) == S.GROWTH_COLUMNS
    assert str(table[S.PERIOD].dtype) == "datetime64[ns]"
    assert table.attrs["undated_connections"] == 0


def test_bad_parameters_raise_netstats_errors():
    features = make_features({"ann": (True, "2024-01-05", None)})
    with pytest.raises(ParameterError, match="not a pandas frequency"):
        growth(make_export("2024-01-31"), features, freq="fortnightly-ish")
    with pytest.raises(ParameterError, match="connected_on"):
        growth(make_export("2024-01-31"), features.drop(columns=S.CONNECTED_ON))
    with pytest.raises(ParameterError, match="DataFrame"):
        growth(make_export("2024-01-31"), [1, 2])


def test_inputs_are_not_modified():
    features = make_features({"ann": (True, "2024-01-05", None, "2024-01-11 09:00")}, as_of="2024-02-01")
    before = features.copy()
    growth(make_export("2024-02-01"), features)
    pd.testing.assert_frame_equal(features, before)
    assert features.attrs["as_of"] == at("2024-02-01")


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
    rows = {}
    for i, (joined, talked) in enumerate(people):
        two_way = None if talked is None else start + pd.Timedelta(days=talked, hours=1)
        rows[f"p{i:02d}"] = (True, start + pd.Timedelta(days=joined), None, two_way)
    as_of = "2024-03-01"
    table = growth(make_export(as_of), make_features(rows))
    total, engaged = table[S.TOTAL_CONNECTIONS].to_numpy(), table[S.ENGAGED_CONTACTS].to_numpy()
    assert total[-1] == len(people) == table[S.NEW_CONNECTIONS].sum()
    assert (np.diff(total) >= 0).all() and (np.diff(engaged) >= 0).all()
    assert (engaged <= total).all()
    reply_by_end = pd.Timestamp(as_of) - pd.Timedelta(hours=1)
    talked_by_end = sum(1 for _, t in people if t is not None and start + pd.Timedelta(days=t) <= reply_by_end)
    assert engaged[-1] == talked_by_end
    assert (table[S.NEW_ENGAGED_90D] <= table[S.NEW_CONNECTIONS]).all()
    assert table[S.PERIOD].is_monotonic_increasing and table[S.PERIOD].dt.day.eq(1).all()


# ---------------------------------------------------------------- end to end, from a loaded export
def test_growth_headline_and_scorecard_agree_on_who_you_talked_with(tmp_path):
    ann, bo, cy, dee = (Person(n, "X", n.lower()) for n in ("Ann", "Bo", "Cy", "Dee"))
    ex = load_export(
        tmp_path,
        connections=[connection(p, "2025-06-01") for p in (ann, bo, cy)],
        messages=[
            message("a", OWNER, [ann], "2025-07-01 09:00", "Coffee?"),
            message("a", ann, [OWNER], "2025-07-02 09:00", "Sure"),  # two-way in July
            message("g", OWNER, [bo, cy, dee], "2025-09-01 09:00", "Hello all"),
            message("g", bo, [OWNER, cy, dee], "2025-09-03 09:00", "Hi!"),  # two-way in a group
            message("d", dee, [OWNER], "2025-10-01 09:00", "Hi"),  # dee: not a connection
            message("d", OWNER, [dee], "2025-10-02 09:00", "Hello"),
        ],
        exported_on="2025-11-15",
    )
    features = ns.contact_features(ex)
    table = growth(ex, features)
    assert table[S.ENGAGED_CONTACTS].tolist() == [0, 1, 1, 2, 2, 2]  # June ... November
    card = ns.principles(ex, features).set_index(S.PRINCIPLE)
    assert sorted(card.loc["know_your_network", S.CONTACTS]) == ["ann", "bo"]
    assert card.loc["know_your_network", S.DETAILS]["two_way"] == table[S.ENGAGED_CONTACTS].iloc[-1]
