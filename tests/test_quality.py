"""tie_strength, segment rules, clustering and the confusion helper."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import netstats as ns
from netstats import schema as S
from netstats.analysis._quality import LONG_TIE_FLOOR, planted_confusion, segment_rules
from tests.exports import OWNER, Person, connection, load_export, message


def features(rows: dict[str, dict]) -> pd.DataFrame:
    """A features frame with every column tie strength and segments read, filled with quiet defaults."""
    defaults = {
        S.N_SENT: 0,
        S.N_RECEIVED: 0,
        S.DAYS_SINCE_LAST: np.nan,
        S.TWO_WAY_MONTHS: 0,
        S.ACTIVE_MONTHS: 0,
        S.RECENT_TWO_WAY_MONTHS: 0,
        S.OWNER_WORDS_PER_MESSAGE: np.nan,
        S.CONTACT_WORDS_PER_MESSAGE: np.nan,
        S.FIRST_MESSAGE_AT: pd.NaT,
        S.LAST_MESSAGE_AT: pd.NaT,
        S.INVITATION_NOTE_KIND: None,
        S.N_PITCH_MESSAGES: 0,
        S.IS_CONNECTION: True,
        S.TENURE_DAYS: 1000.0,
        S.RECIPROCITY: np.nan,
        S.OWNER_STARTED_SHARE: np.nan,
    }
    records = []
    for row in rows.values():
        record = {**defaults, **row}
        # one-way messages are 1:1 unless a case says otherwise
        record.setdefault(S.UNANSWERED_INBOUND, record[S.N_RECEIVED] if record[S.N_SENT] == 0 else 0)
        record.setdefault(S.UNANSWERED_OUTBOUND, record[S.N_SENT] if record[S.N_RECEIVED] == 0 else 0)
        records.append(record)
    frame = pd.DataFrame(records, index=pd.Index(list(rows), name=S.CONTACT_ID))
    for column in (S.FIRST_MESSAGE_AT, S.LAST_MESSAGE_AT):
        frame[column] = pd.to_datetime(frame[column], utc=True)
    frame[S.INVITATION_NOTE_KIND] = frame[S.INVITATION_NOTE_KIND].astype("string")
    return frame


def utc(text: str) -> pd.Timestamp:
    return pd.Timestamp(text, tz="UTC")


# ------------------------------------------------------------------ tie strength
def test_tie_strength_components_by_hand():
    f = features(
        {
            # 4 each way (v = log 5 / log 9), 45 days ago, 3 two-way months, 20 / 10 words, 18 months long
            "friend": {
                S.N_SENT: 4,
                S.N_RECEIVED: 4,
                S.DAYS_SINCE_LAST: 45.0,
                S.TWO_WAY_MONTHS: 3,
                S.OWNER_WORDS_PER_MESSAGE: 20.0,
                S.CONTACT_WORDS_PER_MESSAGE: 10.0,
                S.FIRST_MESSAGE_AT: utc("2024-07-01"),
                S.LAST_MESSAGE_AT: utc("2026-01-01"),
            },
            "pitcher": {
                S.N_RECEIVED: 50,
                S.DAYS_SINCE_LAST: 1.0,
                S.CONTACT_WORDS_PER_MESSAGE: 80.0,
                S.N_PITCH_MESSAGES: 50,
                S.INVITATION_NOTE_KIND: "generic",
            },
            "silent": {S.INVITATION_NOTE_KIND: "personal"},
        }
    )
    out = ns.tie_strength(f)
    assert list(out.columns) == list(S.TIE_STRENGTH_COLUMNS)
    v = math.log(5) / math.log(9)
    span_months = (utc("2026-01-01") - utc("2024-07-01")) / pd.Timedelta(days=365.25 / 12)
    friend = {
        S.STRENGTH_RECENCY: v * 0.5**0.5,
        S.STRENGTH_FREQUENCY: math.log(4) / math.log(13),
        S.STRENGTH_RECIPROCITY: v,
        S.STRENGTH_DEPTH: math.log(11) / math.log(41),
        S.STRENGTH_DURATION: span_months / 36,
        S.STRENGTH_PERSONALISATION: v,
    }
    weights = [0.25, 0.20, 0.20, 0.15, 0.10, 0.10]
    friend[S.TIE_STRENGTH] = 100 * sum(w * c for w, c in zip(weights, list(friend.values()), strict=True))
    friend[S.STRENGTH_MULTIPLEX] = 0.0
    assert out.loc["friend"].to_dict() == pytest.approx(friend)
    # one-way volume: only the invitation note counts
    assert out.loc["pitcher"].to_dict() == pytest.approx(
        {
            S.TIE_STRENGTH: 2.5,
            S.STRENGTH_RECENCY: 0,
            S.STRENGTH_FREQUENCY: 0,
            S.STRENGTH_RECIPROCITY: 0,
            S.STRENGTH_DEPTH: 0,
            S.STRENGTH_DURATION: 0,
            S.STRENGTH_PERSONALISATION: 0.25,
            S.STRENGTH_MULTIPLEX: 0,
        }
    )
    assert out.loc["silent", S.TIE_STRENGTH] == pytest.approx(10.0)

    # Talking both ways on two platforms closes a quarter of the gap to 100; one-way talk earns nothing.
    multiplex = ns.tie_strength(f.assign(**{S.IS_MULTIPLEX: True}))
    assert multiplex.loc["friend", S.TIE_STRENGTH] == pytest.approx(
        friend[S.TIE_STRENGTH] + 0.25 * (100 - friend[S.TIE_STRENGTH])
    )
    assert multiplex.loc["friend", S.STRENGTH_MULTIPLEX] == 1.0
    assert multiplex.loc["pitcher", S.TIE_STRENGTH] == pytest.approx(2.5)
    assert multiplex.loc["pitcher", S.STRENGTH_MULTIPLEX] == 0.0


def test_volume_and_balance_follow_the_quieter_side():
    """Two messages from you and twenty from them: the exchange is as big as its smaller side."""
    f = features(
        {
            "lopsided": {
                S.N_SENT: 2,
                S.N_RECEIVED: 20,
                S.DAYS_SINCE_LAST: 0.0,
                S.TWO_WAY_MONTHS: 1,
                S.OWNER_WORDS_PER_MESSAGE: 5.0,
                S.CONTACT_WORDS_PER_MESSAGE: 60.0,
                S.FIRST_MESSAGE_AT: utc("2026-01-01"),
                S.LAST_MESSAGE_AT: utc("2026-01-01"),
                S.N_PITCH_MESSAGES: 5,
            }
        }
    )
    out = ns.tie_strength(f).loc["lopsided"]
    v = math.log(3) / math.log(9)
    assert out[S.STRENGTH_RECENCY] == pytest.approx(v)
    assert out[S.STRENGTH_RECIPROCITY] == pytest.approx(v * 2 / 20)
    assert out[S.STRENGTH_DEPTH] == pytest.approx(math.log(6) / math.log(41))  # the shorter side's words
    assert out[S.STRENGTH_DURATION] == 0.0
    assert out[S.STRENGTH_PERSONALISATION] == pytest.approx(v * (1 - 5 / 20))


def test_tie_strength_keeps_the_index_and_does_not_mutate():
    f = features({"b": {S.N_SENT: 1, S.N_RECEIVED: 1, S.DAYS_SINCE_LAST: 0.0}, "a": {}})
    before = f.copy()
    out = ns.tie_strength(f)
    assert out.index.tolist() == ["b", "a"]
    pd.testing.assert_frame_equal(f, before)


def test_tie_strength_refuses_frames_without_its_columns():
    with pytest.raises(ns.ParameterError, match="lacks the columns"):
        ns.tie_strength(features({"a": {}}).drop(columns=[S.TWO_WAY_MONTHS]))
    with pytest.raises(ns.ParameterError, match="DataFrame"):
        ns.tie_strength([1, 2, 3])


counts = st.integers(0, 500)
maybe_days = st.one_of(st.just(np.nan), st.floats(0, 5000))
maybe_words = st.one_of(st.just(np.nan), st.floats(0, 1000))
note = st.sampled_from([None, S.NOTE_NONE, S.NOTE_GENERIC, S.NOTE_PERSONAL])


@st.composite
def any_contact(draw):
    sent, received = draw(counts), draw(counts)
    first = utc("2020-01-01") + pd.Timedelta(days=draw(st.integers(0, 2000)))
    return {
        S.N_SENT: sent,
        S.N_RECEIVED: received,
        S.DAYS_SINCE_LAST: draw(maybe_days),
        S.TWO_WAY_MONTHS: draw(st.integers(0, 100)),
        S.OWNER_WORDS_PER_MESSAGE: draw(maybe_words),
        S.CONTACT_WORDS_PER_MESSAGE: draw(maybe_words),
        S.FIRST_MESSAGE_AT: first,
        S.LAST_MESSAGE_AT: first + pd.Timedelta(days=draw(st.integers(0, 3000))),
        S.INVITATION_NOTE_KIND: draw(note),
        S.N_PITCH_MESSAGES: draw(st.integers(0, received)),
    }


@settings(max_examples=100)
@given(st.lists(any_contact(), min_size=1, max_size=8))
def test_tie_strength_is_between_0_and_100(rows):
    out = ns.tie_strength(features({str(i): row for i, row in enumerate(rows)}))
    assert out.notna().all().all()
    assert out[S.TIE_STRENGTH].between(0, 100).all()
    assert out.drop(columns=S.TIE_STRENGTH).apply(lambda c: c.between(0, 1)).all().all()


@st.composite
def long_relationship(draw):
    """Two-way for 6+ months over 2+ years, balanced at least 1:2, 10+ words each way, no pitches."""
    mine = draw(st.integers(6, 300))
    theirs = draw(st.integers(max(6, math.ceil(mine / 2)), 2 * mine))
    first = utc("2018-01-01") + pd.Timedelta(days=draw(st.integers(0, 500)))
    return {
        S.N_SENT: mine,
        S.N_RECEIVED: theirs,
        S.TWO_WAY_MONTHS: draw(st.integers(6, min(mine, theirs))),
        S.OWNER_WORDS_PER_MESSAGE: draw(st.floats(10, 300)),
        S.CONTACT_WORDS_PER_MESSAGE: draw(st.floats(10, 300)),
        S.FIRST_MESSAGE_AT: first,
        S.LAST_MESSAGE_AT: first + pd.Timedelta(days=draw(st.integers(731, 3000))),
        S.INVITATION_NOTE_KIND: draw(note),
    }


@settings(max_examples=60)
@given(long_relationship(), st.floats(0, 20 * 365))
def test_a_long_two_way_relationship_never_falls_below_the_floor(row, quiet_days):
    out = ns.tie_strength(features({"old friend": {**row, S.DAYS_SINCE_LAST: quiet_days}}))
    assert out.loc["old friend", S.TIE_STRENGTH] >= LONG_TIE_FLOOR


@st.composite
def one_way(draw):
    n = draw(st.integers(1, 10_000))
    inbound = draw(st.booleans())
    return {
        S.N_SENT: 0 if inbound else n,
        S.N_RECEIVED: n if inbound else 0,
        S.DAYS_SINCE_LAST: draw(st.floats(0, 30)),
        S.TWO_WAY_MONTHS: 0,
        S.CONTACT_WORDS_PER_MESSAGE: draw(st.floats(1, 500)),
        S.OWNER_WORDS_PER_MESSAGE: draw(st.floats(1, 500)),
        S.FIRST_MESSAGE_AT: utc("2015-01-01"),
        S.LAST_MESSAGE_AT: utc("2026-01-01"),
        S.N_PITCH_MESSAGES: draw(st.integers(0, n)) if inbound else 0,
        S.INVITATION_NOTE_KIND: draw(note),
    }


@st.composite
def modest_tie(draw):
    """2+ messages each way balanced at least 1:2, within 180 days, 5+ words each way, no pitches."""
    mine = draw(st.integers(2, 6))
    first = utc("2025-06-01")
    return {
        S.N_SENT: mine,
        S.N_RECEIVED: draw(st.integers(max(2, math.ceil(mine / 2)), 2 * mine)),
        S.DAYS_SINCE_LAST: draw(st.floats(0, 180)),
        S.TWO_WAY_MONTHS: draw(st.integers(1, 2)),
        S.OWNER_WORDS_PER_MESSAGE: draw(st.floats(5, 50)),
        S.CONTACT_WORDS_PER_MESSAGE: draw(st.floats(5, 50)),
        S.FIRST_MESSAGE_AT: first,
        S.LAST_MESSAGE_AT: first + pd.Timedelta(days=draw(st.integers(0, 60))),
        S.INVITATION_NOTE_KIND: draw(note),
    }


@settings(max_examples=60)
@given(one_way(), modest_tie())
def test_one_way_volume_scores_below_a_modest_two_way_tie(loud, modest):
    out = ns.tie_strength(features({"loud": loud, "modest": modest}))[S.TIE_STRENGTH]
    assert out["loud"] <= 10.0 < out["modest"]
    assert out["loud"] < out["modest"]


def test_quiet_year_does_not_zero_a_long_relationship_loaded_from_an_export(tmp_path):
    """End to end: 3 years of monthly two-way exchange, then 14 months of silence."""
    ann = Person("Ann", "Lee", "ann-lee")
    rows = []
    for month in pd.date_range("2021-01-01", "2023-12-01", freq="MS"):
        rows.append(
            message(
                f"c{month:%Y%m}",
                OWNER,
                [ann],
                month + pd.Timedelta(hours=9),
                "How did the quarterly planning go on your side this time around?",
            )
        )
        rows.append(
            message(
                f"c{month:%Y%m}",
                ann,
                [OWNER],
                month + pd.Timedelta(hours=11),
                "Better than last time, we finally agreed on the roadmap and the hiring plan.",
            )
        )
    ex = load_export(
        tmp_path, messages=rows, connections=[connection(ann, "2020-06-01")], exported_on="2025-03-01"
    )
    f = ns.contact_features(ex)
    score = ns.tie_strength(f).loc["ann-lee"]
    assert f.loc["ann-lee", S.DAYS_SINCE_LAST] > 365
    assert score[S.STRENGTH_RECENCY] < 0.1
    assert score[S.TIE_STRENGTH] > 70
    assert ns.segment_contacts(f).loc["ann-lee", S.SEGMENT] == "dormant"


# ------------------------------------------------------------------ segments
SEGMENT_CASES = {
    "core": {S.N_SENT: 8, S.N_RECEIVED: 9, S.DAYS_SINCE_LAST: 90.0, S.RECENT_TWO_WAY_MONTHS: 4},
    "core but 3 months": {S.N_SENT: 8, S.N_RECEIVED: 9, S.DAYS_SINCE_LAST: 10.0, S.RECENT_TWO_WAY_MONTHS: 3},
    "core, few letters": {S.N_SENT: 4, S.N_RECEIVED: 4, S.DAYS_SINCE_LAST: 10.0, S.RECENT_TWO_WAY_MONTHS: 4},
    "core but 91 days": {S.N_SENT: 30, S.N_RECEIVED: 30, S.DAYS_SINCE_LAST: 91.0, S.RECENT_TWO_WAY_MONTHS: 9},
    # 120 messages, 9 two-way months, but only one of them in the last two years
    "chatty long ago": dict.fromkeys((S.N_SENT, S.N_RECEIVED), 60)
    | {S.DAYS_SINCE_LAST: 2.0, S.TWO_WAY_MONTHS: 9, S.ACTIVE_MONTHS: 9, S.RECENT_TWO_WAY_MONTHS: 1},
    "dormant": {S.N_SENT: 1, S.N_RECEIVED: 1, S.DAYS_SINCE_LAST: 365.5, S.ACTIVE_MONTHS: 1},
    "occasional at a year": {S.N_SENT: 1, S.N_RECEIVED: 1, S.DAYS_SINCE_LAST: 365.0, S.ACTIVE_MONTHS: 1},
    "new and chatty": {
        S.N_SENT: 1,
        S.N_RECEIVED: 1,
        S.DAYS_SINCE_LAST: 3.0,
        S.ACTIVE_MONTHS: 1,
        S.TENURE_DAYS: 60.0,
    },
    "new and silent": {S.TENURE_DAYS: 0.0},
    "old silent": {S.TENURE_DAYS: 61.0},
    "new dormant": {
        S.N_SENT: 2,
        S.N_RECEIVED: 2,
        S.DAYS_SINCE_LAST: 800.0,
        S.ACTIVE_MONTHS: 1,
        S.TENURE_DAYS: 5.0,
    },
    "inbound": {S.N_RECEIVED: 40, S.DAYS_SINCE_LAST: 3.0, S.ACTIVE_MONTHS: 1},
    "inbound stranger": {S.N_RECEIVED: 1, S.IS_CONNECTION: False, S.TENURE_DAYS: np.nan},
    "outbound": {S.N_SENT: 3, S.DAYS_SINCE_LAST: 3.0, S.ACTIVE_MONTHS: 1},
    "invitation only": {S.IS_CONNECTION: False, S.TENURE_DAYS: np.nan},
    "group poster": {S.N_RECEIVED: 5, S.DAYS_SINCE_LAST: 3.0, S.ACTIVE_MONTHS: 1, S.UNANSWERED_INBOUND: 0},
    "group reader": {S.N_SENT: 5, S.DAYS_SINCE_LAST: 3.0, S.ACTIVE_MONTHS: 1, S.UNANSWERED_OUTBOUND: 0},
}
EXPECTED_SEGMENTS = [
    "core",
    "occasional",
    "core",
    "occasional",
    "occasional",
    "dormant",
    "occasional",
    "new",
    "new",
    "silent",
    "dormant",
    "one_way_inbound",
    "one_way_inbound",
    "one_way_outbound",
    "silent",
    "silent",
    "silent",
]


def test_segment_rules_and_their_order():
    assert segment_rules(features(SEGMENT_CASES)).tolist() == EXPECTED_SEGMENTS


def test_segment_contacts_columns_clusters_and_projection():
    f = features(SEGMENT_CASES)
    out = ns.segment_contacts(f)
    assert list(out.columns) == list(S.SEGMENT_COLUMNS)
    assert {c: str(out[c].dtype) for c in out.columns} == {c: str(S.DTYPES[c]) for c in out.columns}
    assert out[S.SEGMENT].tolist() == EXPECTED_SEGMENTS
    quiet = (f[S.N_SENT] + f[S.N_RECEIVED]).eq(0).to_numpy()
    assert out.loc[quiet, S.CLUSTER].eq(-1).all()
    assert out.loc[quiet, S.CLUSTER_LABEL].eq("no messages exchanged").all()
    assert out.loc[quiet, [S.PROJECTION_X, S.PROJECTION_Y]].isna().all().all()
    clustered = out.loc[~quiet]
    assert clustered[S.CLUSTER].between(0, out.attrs["n_clusters"] - 1).all()
    assert clustered[[S.PROJECTION_X, S.PROJECTION_Y]].notna().all().all()
    assert set(out.attrs["silhouette"]) == set(range(2, 9))
    assert out.attrs["n_clusters"] == max(out.attrs["silhouette"], key=out.attrs["silhouette"].get)


def test_cluster_zero_is_the_most_active_and_labels_read_the_centroid():
    f = features(
        {
            "a": {
                S.N_SENT: 30,
                S.N_RECEIVED: 30,
                S.DAYS_SINCE_LAST: 5.0,
                S.ACTIVE_MONTHS: 9,
                S.TWO_WAY_MONTHS: 9,
                S.RECIPROCITY: 1.0,
                S.OWNER_STARTED_SHARE: 0.9,
            },
            "b": {
                S.N_SENT: 30,
                S.N_RECEIVED: 30,
                S.DAYS_SINCE_LAST: 5.0,
                S.ACTIVE_MONTHS: 9,
                S.TWO_WAY_MONTHS: 9,
                S.RECIPROCITY: 1.0,
                S.OWNER_STARTED_SHARE: 0.9,
            },
            "c": {
                S.N_RECEIVED: 2,
                S.DAYS_SINCE_LAST: 500.0,
                S.ACTIVE_MONTHS: 1,
                S.RECIPROCITY: 0.0,
                S.OWNER_STARTED_SHARE: 0.0,
            },
            "d": {
                S.N_RECEIVED: 2,
                S.DAYS_SINCE_LAST: 500.0,
                S.ACTIVE_MONTHS: 1,
                S.RECIPROCITY: 0.0,
                S.OWNER_STARTED_SHARE: 0.0,
            },
        }
    )
    out = ns.segment_contacts(f, n_clusters=2)
    assert out[S.CLUSTER].tolist() == [0, 0, 1, 1]
    assert (
        out[S.CLUSTER_LABEL].tolist()
        == ["two-way, you usually start, recent, frequent (~30 sent, ~30 received, last ~5 days ago)"] * 2
        + [
            "they write, you do not answer, quiet for over a year, a few messages (~0 sent, ~2 received, "
            "last ~500 days ago)"
        ]
        * 2
    )


def test_segments_are_deterministic_and_independent_of_row_order():
    f = features(SEGMENT_CASES)
    first, again = ns.segment_contacts(f, random_state=3), ns.segment_contacts(f, random_state=3)
    pd.testing.assert_frame_equal(first, again)
    shuffled = ns.segment_contacts(f.iloc[::-1])
    pd.testing.assert_series_equal(shuffled[S.SEGMENT].sort_index(), first[S.SEGMENT].sort_index())


def test_degenerate_inputs_give_documented_results():
    nobody = ns.segment_contacts(features({"a": {}, "b": {S.IS_CONNECTION: False, S.TENURE_DAYS: np.nan}}))
    assert nobody[S.CLUSTER].tolist() == [-1, -1] and nobody.attrs["n_clusters"] == 0
    one = ns.segment_contacts(features({"a": {S.N_SENT: 2, S.N_RECEIVED: 1, S.DAYS_SINCE_LAST: 3.0}}))
    assert one[S.CLUSTER].tolist() == [0] and one[[S.PROJECTION_X, S.PROJECTION_Y]].iloc[0].tolist() == [
        0.0,
        0.0,
    ]
    twins = {S.N_SENT: 2, S.N_RECEIVED: 1, S.DAYS_SINCE_LAST: 3.0}
    same = ns.segment_contacts(features({"a": twins, "b": twins, "c": twins}))
    assert same[S.CLUSTER].tolist() == [0, 0, 0]
    empty = ns.segment_contacts(features({"a": {}}).iloc[:0])
    assert empty.empty and list(empty.columns) == list(S.SEGMENT_COLUMNS)


@pytest.mark.parametrize("bad", [0, -1, 99, 2.5, True, "3"])
def test_n_clusters_is_validated(bad):
    with pytest.raises(ns.ParameterError, match="n_clusters"):
        ns.segment_contacts(features(SEGMENT_CASES), n_clusters=bad)


@pytest.mark.parametrize("bad", [None, 1.5, "0", True])
def test_random_state_is_validated(bad):
    with pytest.raises(ns.ParameterError, match="random_state"):
        ns.segment_contacts(features(SEGMENT_CASES), random_state=bad)


def test_segment_contacts_on_a_loaded_export(tmp_path):
    ann, bo, cy = Person("Ann", "Lee", "ann-lee"), Person("Bo", "Ek", "bo-ek"), Person("Cy", "Li", "cy-li")
    ex = load_export(
        tmp_path,
        connections=[
            connection(ann, "2024-01-01"),
            connection(bo, "2024-01-01"),
            connection(cy, "2026-03-01"),
        ],
        messages=[
            message("a", OWNER, [ann], "2026-03-01 10:00", "Hi Ann"),
            message("a", ann, [OWNER], "2026-03-01 11:00", "Hi!"),
            message("b", bo, [OWNER], "2026-03-02 11:00", "Buy my product"),
        ],
    )
    out = ns.segment_contacts(ns.contact_features(ex))
    assert out[S.SEGMENT].to_dict() == {"ann-lee": "occasional", "bo-ek": "one_way_inbound", "cy-li": "new"}
    assert out[S.CLUSTER].to_dict() == {"ann-lee": 0, "bo-ek": 1, "cy-li": -1}


# ------------------------------------------------------------------ confusion
def test_planted_confusion_counts_and_recall():
    found = pd.DataFrame({S.SEGMENT: ["core", "core", "dormant", "silent"]}, index=["a", "b", "c", "d"])
    truth = pd.DataFrame(
        {S.CONTACT_ID: ["a", "b", "c", "e"], S.PLANTED_KIND: ["core", "dormant", "dormant", "silent"]}
    )
    table = planted_confusion(found, truth)
    assert list(table.columns) == [*S.SEGMENTS, "not found", "recall"]
    assert table.index.tolist() == ["core", "dormant", "silent"]
    assert (
        table.loc["core", "core"] == 1
        and table.loc["dormant", "core"] == 1
        and table.loc["dormant", "dormant"] == 1
    )
    assert table.loc["silent", "not found"] == 1
    assert table["recall"].tolist() == [1.0, 0.5, 0.0]
