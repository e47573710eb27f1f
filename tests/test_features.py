"""contact_features: exact values on tiny hand-written exports, and properties."""

from __future__ import annotations

import datetime
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import netstats as ns
from netstats import schema as S
from netstats.analysis._features import (
    TEMPLATE_SIMILARITY,
    _close_pairs,
    _shingle_vectors,
    cold_messages,
    near_duplicates,
    template_ids,
)
from tests.exports import OWNER, Person, connection, invitation, load_export, message, sponsored

ANN = Person("Ann", "Lee", "ann-lee", "Acme", "Engineer")
BO = Person("Bo", "Ek", "bo-ek", "Globex", "Analyst")
CY = Person("Cy", "Li", "cy-li")
DEE = Person("Dee", "Ray", "dee-ray")
EVE = Person("Eve", "Moss", "eve-moss")
FAY = Person("Fay", "Ng", "fay-ng")
GUS = Person("Gus", "Orr", "gus-orr")
AS_OF = "2026-03-10"
DAY = pd.Timedelta(days=1)


@pytest.fixture(scope="module")
def scene(tmp_path_factory):
    """Owner, a friend (Ann), a group (Ann, Bo, Cy), a cold writer (Dee), unanswered outreach (Eve),
    a silent new connection (Fay), an invitation-only person (Gus) and a sponsored message."""
    ex = load_export(
        tmp_path_factory.mktemp("scene"),
        connections=[
            connection(ANN, "2024-03-01"),
            connection(BO, "2025-12-01"),
            connection(EVE, "2025-06-01"),
            connection(FAY, "2026-02-20"),
        ],
        messages=[
            message("c1", OWNER, [ANN], "2026-01-05 09:00", "Lunch next week?"),
            message("c1", ANN, [OWNER], "2026-01-05 11:00", "Yes, Tuesday works for me"),
            message("c1", ANN, [OWNER], "2026-01-05 11:30", "Or Wednesday"),
            message("c1", OWNER, [ANN], "2026-02-10 08:00", "Great, see you then"),
            message("c2", ANN, [OWNER], "2026-02-20 10:00", "Did you see the report?"),
            message("g1", OWNER, [ANN, BO, CY], "2026-02-01 12:00", "Hello all", title="Book club"),
            message(
                "g1",
                BO,
                [OWNER, ANN, CY],
                "2026-02-01 13:00",
                "Hi everyone, glad to be here",
                title="Book club",
            ),
            message("c3", DEE, [OWNER], "2025-11-02 10:00", "Are you free for a call?"),
            message("c3", DEE, [OWNER], "2025-12-02 10:00", "Bumping this"),
            message("c4", OWNER, [EVE], "2025-10-01 10:00", "Hi Eve, could we talk about the data team?"),
            message("c4", OWNER, [EVE], "2025-10-15 10:00", "Following up"),
            sponsored("s1", OWNER, "2026-03-01 10:00"),
        ],
        invitations=[
            invitation(GUS, OWNER, "2026-03-01 09:15", "We met at the climbing gym on Sunday, nice to chat")
        ],
    )
    return ex, ns.contact_features(ex, as_of=AS_OF)


def test_one_row_per_contact_never_the_owner_nor_a_sponsor(scene):
    ex, f = scene
    assert f.index.tolist() == ["ann-lee", "bo-ek", "cy-li", "dee-ray", "eve-moss", "fay-ng", "gus-orr"]
    assert f.index.name == S.CONTACT_ID
    assert list(f.columns) == list(S.FEATURES_COLUMNS)
    assert {c: str(f[c].dtype) for c in f.columns} == {c: str(S.DTYPES[c]) for c in f.columns}


def test_counts_follow_the_design_semantics(scene):
    _, f = scene
    # a group message from the owner counts once for every recipient; a contact's counts once for them
    assert f[S.N_SENT].to_dict() == {
        "ann-lee": 3,
        "bo-ek": 1,
        "cy-li": 1,
        "dee-ray": 0,
        "eve-moss": 2,
        "fay-ng": 0,
        "gus-orr": 0,
    }
    assert f[S.N_RECEIVED].to_dict() == {
        "ann-lee": 3,
        "bo-ek": 1,
        "cy-li": 0,
        "dee-ray": 2,
        "eve-moss": 0,
        "fay-ng": 0,
        "gus-orr": 0,
    }
    assert f[S.N_CONVERSATIONS].to_dict() == {
        "ann-lee": 3,
        "bo-ek": 1,
        "cy-li": 1,
        "dee-ray": 1,
        "eve-moss": 1,
        "fay-ng": 0,
        "gus-orr": 0,
    }
    assert f[S.N_GROUP_CONVERSATIONS].to_dict() == {
        "ann-lee": 1,
        "bo-ek": 1,
        "cy-li": 1,
        "dee-ray": 0,
        "eve-moss": 0,
        "fay-ng": 0,
        "gus-orr": 0,
    }


def test_exchange_features_of_a_friend(scene):
    _, f = scene
    ann = f.loc["ann-lee"]
    # threads with Ann: c1 = O, A, A, O (two-way); c2 = A (one-way); g1 = O (one-way)
    assert ann[S.RECIPROCITY] == pytest.approx(1 / 3)
    assert ann[S.OWNER_REPLY_RATE] == pytest.approx(1 / 2)  # Ann's turns: c1, c2; answered: c1
    assert ann[S.CONTACT_REPLY_RATE] == pytest.approx(
        1 / 3
    )  # owner's turns: c1 twice, g1; answered: the first
    assert ann[S.CONTACT_REPLY_HOURS] == pytest.approx(2.0)
    assert ann[S.OWNER_REPLY_HOURS] == pytest.approx(35 * 24 + 20.5)  # Jan 5 11:30 -> Feb 10 08:00
    assert ann[S.OWNER_STARTED_SHARE] == pytest.approx(2 / 3)
    assert ann[S.OWNER_WORDS_PER_MESSAGE] == pytest.approx((3 + 4 + 2) / 3)
    assert ann[S.CONTACT_WORDS_PER_MESSAGE] == pytest.approx((5 + 2 + 5) / 3)
    assert (ann[S.TWO_WAY_MONTHS], ann[S.ACTIVE_MONTHS]) == (2, 2)
    assert (ann[S.UNANSWERED_INBOUND], ann[S.UNANSWERED_OUTBOUND]) == (1, 0)
    assert ann[S.FIRST_MESSAGE_AT] == pd.Timestamp("2026-01-05 09:00", tz="UTC")
    assert ann[S.LAST_MESSAGE_AT] == pd.Timestamp("2026-02-20 10:00", tz="UTC")
    assert ann[S.DAYS_SINCE_LAST] == pytest.approx(17 + 14 / 24)
    assert ann[S.TENURE_DAYS] == 739.0
    assert (ann[S.NAME], ann[S.COMPANY], ann[S.POSITION]) == ("Ann Lee", "Acme", "Engineer")
    assert ann[S.PROFILE_URL] == "https://www.linkedin.com/in/ann-lee"


def test_group_members_and_one_way_contacts(scene):
    _, f = scene
    bo, cy, dee, eve = (f.loc[i] for i in ("bo-ek", "cy-li", "dee-ray", "eve-moss"))
    assert (bo[S.RECIPROCITY], bo[S.OWNER_REPLY_RATE], bo[S.CONTACT_REPLY_RATE]) == (1.0, 0.0, 1.0)
    assert bo[S.CONTACT_REPLY_HOURS] == pytest.approx(1.0)
    # a group post is addressed to nobody in particular: never "unanswered"
    assert (bo[S.UNANSWERED_INBOUND], bo[S.TWO_WAY_MONTHS]) == (0, 1)
    # Cy never wrote in the group: the owner's group message is the only link
    assert (cy[S.RECIPROCITY], cy[S.CONTACT_REPLY_RATE], cy[S.UNANSWERED_OUTBOUND]) == (0.0, 0.0, 0)
    assert np.isnan(cy[S.OWNER_REPLY_RATE])
    assert (dee[S.UNANSWERED_INBOUND], dee[S.OWNER_REPLY_RATE], dee[S.OWNER_STARTED_SHARE]) == (2, 0.0, 0.0)
    assert np.isnan(dee[S.CONTACT_REPLY_RATE]) and np.isnan(dee[S.OWNER_WORDS_PER_MESSAGE])
    assert (eve[S.UNANSWERED_OUTBOUND], eve[S.CONTACT_REPLY_RATE], eve[S.TWO_WAY_MONTHS]) == (2, 0.0, 0)
    assert eve[S.DAYS_SINCE_LAST] == pytest.approx(
        (pd.Timestamp(AS_OF, tz="UTC") - pd.Timestamp("2025-10-15 10:00", tz="UTC")) / DAY
    )


def test_contacts_without_messages(scene):
    _, f = scene
    fay, gus = f.loc["fay-ng"], f.loc["gus-orr"]
    assert bool(fay[S.IS_CONNECTION]) and fay[S.TENURE_DAYS] == 18.0
    assert not bool(gus[S.IS_CONNECTION]) and np.isnan(gus[S.TENURE_DAYS])
    for person in (fay, gus):
        assert person[S.N_SENT] == person[S.N_RECEIVED] == person[S.TWO_WAY_MONTHS] == 0
        assert np.isnan(person[S.RECIPROCITY]) and np.isnan(person[S.DAYS_SINCE_LAST])
        assert pd.isna(person[S.LAST_MESSAGE_AT])
    assert (gus[S.INVITATION_DIRECTION], gus[S.INVITATION_NOTE_KIND]) == (S.INCOMING, S.NOTE_PERSONAL)
    assert pd.isna(fay[S.INVITATION_DIRECTION])


def test_nothing_confided_or_pitched_in_the_scene(scene):
    _, f = scene
    assert not f[S.LOOKS_LIKE_PITCH].any() and not f[S.CONFIDED].any()
    assert f[S.N_PITCH_MESSAGES].eq(0).all() and f[S.CONFIDED_TOPICS].isna().all()


def test_default_as_of_is_the_export_date(scene):
    ex, f = scene
    default = ns.contact_features(ex)
    assert ex.as_of == pd.Timestamp("2026-03-09 23:59:59", tz="UTC")
    shift = (pd.Timestamp(AS_OF, tz="UTC") - ex.as_of) / DAY
    assert default.loc["ann-lee", S.DAYS_SINCE_LAST] == pytest.approx(17 + 14 / 24 - shift)


def test_as_of_counts_only_what_happened_until_then(scene):
    ex, _ = scene
    f = ns.contact_features(ex, as_of=datetime.date(2026, 1, 31))
    # Fay connected later, Bo's and the group's messages came later: gone; Gus invited later: gone
    assert f.index.tolist() == ["ann-lee", "bo-ek", "dee-ray", "eve-moss"]
    assert f.loc["ann-lee", [S.N_SENT, S.N_RECEIVED]].tolist() == [1, 2]
    assert f.loc["bo-ek", S.N_SENT] == 0 and bool(f.loc["bo-ek", S.IS_CONNECTION])


def test_as_of_accepts_time_zones_and_rejects_what_is_not_a_date(scene):
    ex, f = scene
    paris = ns.contact_features(ex, as_of=pd.Timestamp("2026-03-10 01:00", tz="Europe/Paris"))
    pd.testing.assert_frame_equal(paris, f)
    for bad in ("not a date", 17, True, pd.NaT, object(), 3.5):
        with pytest.raises(ns.ParameterError, match="as_of"):
            ns.contact_features(ex, as_of=bad)
    with pytest.raises(ns.ParameterError, match="Export"):
        ns.contact_features(ex.messages)


def test_features_do_not_mutate_the_export(scene):
    ex, _ = scene
    before = ex.messages.copy()
    ns.contact_features(ex)
    pd.testing.assert_frame_equal(ex.messages, before)


PITCH = (
    "Hi Olive, I help data leaders {} cut cloud costs by thirty percent in a quarter. "
    "Would you be open to a quick call next week?"
)


def test_pitches_are_cold_templates_from_several_senders(tmp_path):
    senders = [Person("P", str(i), f"pitcher-{i}") for i in range(4)]
    friend = Person("Fred", "Kay", "fred-kay")
    rows = [
        message(f"p{i}", p, [OWNER], f"2026-01-0{i + 1} 10:00", PITCH.format(word))
        for i, (p, word) in enumerate(
            zip(senders, ["like you", "at scale", "everywhere", "today"], strict=True)
        )
    ]
    rows.append(message("p0", senders[0], [OWNER], "2026-01-09 10:00", PITCH.format("again")))
    rows.append(message("p3", OWNER, [senders[3]], "2026-01-10 10:00", "No thanks"))
    # the friend sends the same text, but inside a conversation the owner had already written in
    rows.append(message("f", OWNER, [friend], "2026-01-01 08:00", "How is the new job going?"))
    rows.append(message("f", friend, [OWNER], "2026-01-01 09:00", PITCH.format("ha, look what I got")))
    f = ns.contact_features(load_export(tmp_path, messages=rows))
    assert f[S.N_PITCH_MESSAGES].to_dict() == {
        "fred-kay": 0,
        "pitcher-0": 2,
        "pitcher-1": 1,
        "pitcher-2": 1,
        "pitcher-3": 1,
    }
    # pitcher-3 got an answer: a conversation now, not a pitch
    assert f[S.LOOKS_LIKE_PITCH].to_dict() == {
        "fred-kay": False,
        "pitcher-0": True,
        "pitcher-1": True,
        "pitcher-2": True,
        "pitcher-3": False,
    }


def test_a_pitch_is_never_a_confidence(tmp_path):
    """A template sent by several strangers is not something confided, whatever its words."""
    template = (
        "Between you and me, {} is quietly looking for a new role partner and we help teams like yours "
        "hire senior engineers in two weeks. Open to a quick call?"
    )
    senders = [Person("P", str(i), f"pitcher-{i}") for i in range(3)]
    rows = [
        message(f"p{i}", p, [OWNER], f"2026-01-0{i + 1} 10:00", template.format(f"company {i}"))
        for i, p in enumerate(senders)
    ]
    rows.append(message("f", OWNER, [ANN], "2026-01-05 09:00", "How are things?"))
    rows.append(message("f", ANN, [OWNER], "2026-01-05 10:00", "Between you and me, I'm quietly looking."))
    f = ns.contact_features(load_export(tmp_path, messages=rows))
    assert f[S.LOOKS_LIKE_PITCH].to_dict() == {"ann-lee": False, "pitcher-0": True, "pitcher-1": True, "pitcher-2": True}
    assert f[S.CONFIDED].to_dict() == {"ann-lee": True, "pitcher-0": False, "pitcher-1": False, "pitcher-2": False}
    assert f[S.CONFIDED_TOPICS].isna().tolist() == [False, True, True, True]


def test_recent_two_way_months_count_the_24_months_up_to_as_of(tmp_path):
    """A few long messages a month apart count like many short ones; months before the window do not."""
    def exchange(conversation, month):
        return [
            message(conversation, OWNER, [ANN], f"{month}-03 09:00", "A long update " * 30),
            message(conversation, ANN, [OWNER], f"{month}-04 09:00", "A long answer " * 30),
        ]

    months = ["2024-03", "2024-04", "2025-01", "2025-09", "2026-03"]  # 2024-03: 25th month back, outside
    rows = [row for i, month in enumerate(months) for row in exchange(f"c{i}", month)]
    rows += [message("c9", OWNER, [ANN], "2025-11-20 09:00", "One-way month")]
    rows += [message(f"b{i}", BO, [OWNER], f"2026-0{1 + i % 3}-0{1 + i % 9} 10:00", "hi") for i in range(20)]
    rows += [message("b9", OWNER, [BO], "2026-03-09 10:00", "ok")]
    ex = load_export(tmp_path, connections=[connection(ANN, "2020-01-01"), connection(BO, "2020-01-01")],
                     messages=rows)
    f = ns.contact_features(ex, as_of="2026-03-10")
    assert f.loc["ann-lee", [S.TWO_WAY_MONTHS, S.RECENT_TWO_WAY_MONTHS, S.ACTIVE_MONTHS]].tolist() == [5, 4, 6]
    assert f.loc["bo-ek", [S.N_RECEIVED, S.TWO_WAY_MONTHS, S.RECENT_TWO_WAY_MONTHS]].tolist() == [20, 1, 1]
    segments = ns.segment_contacts(f)[S.SEGMENT]
    assert segments.to_dict() == {"ann-lee": "core", "bo-ek": "occasional"}
    # a month later the 2024-04 exchange leaves the window: 3 recent months, no longer core
    later = ns.contact_features(ex, as_of="2026-04-02")
    assert later.loc["ann-lee", S.RECENT_TWO_WAY_MONTHS] == 3
    assert ns.segment_contacts(later).loc["ann-lee", S.SEGMENT] == "occasional"


def test_a_shared_group_chat_is_no_regular_two_way_tie(tmp_path):
    """Months in which the owner and a member only posted in a group do not make the member core."""
    rows = []
    for i, month in enumerate(["2025-12", "2026-01", "2026-02", "2026-03"]):
        rows += [message("group", OWNER, [ANN, BO], f"{month}-02 09:00", "Monthly update for the group")]
        rows += [message("group", ANN, [OWNER, BO], f"{month}-03 09:00", "Thanks, noted")]
        rows += [message("group", BO, [OWNER, ANN], f"{month}-04 09:00", "Same here")]
        rows += [message(f"ann{i}", OWNER, [ANN], f"{month}-05 09:00", "And between us two?")]
        rows += [message(f"ann{i}", ANN, [OWNER], f"{month}-06 09:00", "Gladly, a long answer")]
    ex = load_export(tmp_path, connections=[connection(ANN, "2020-01-01"), connection(BO, "2020-01-01")],
                     messages=rows)
    f = ns.contact_features(ex, as_of="2026-03-10")
    assert f.loc["ann-lee", [S.TWO_WAY_MONTHS, S.RECENT_TWO_WAY_MONTHS]].tolist() == [4, 4]
    assert f.loc["bo-ek", [S.TWO_WAY_MONTHS, S.RECENT_TWO_WAY_MONTHS]].tolist() == [4, 0]
    assert ns.segment_contacts(f)[S.SEGMENT].to_dict() == {"ann-lee": "core", "bo-ek": "occasional"}


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 5), st.lists(st.integers(0, 12), max_size=10)), max_size=40))
def test_the_search_for_close_texts_finds_exactly_the_pairs_a_full_comparison_finds(specs):
    """Comparing only texts that share a rare word run loses no close pair (templates, shared openings, noise)."""
    openings = ["", "hope you are doing well", "great to meet you at the event", "we help teams cut cloud costs today"]
    texts = pd.Series([f"{openings[o]} name{n} " + " ".join(f"w{w}" for w in words) for o, n, words in specs])
    vectors, _ = _shingle_vectors(texts, min_words=1)
    full = (vectors @ vectors.T).tocoo()
    expected = {(a, b) for a, b, v in zip(full.row, full.col, full.data, strict=True) if v >= TEMPLATE_SIMILARITY - 1e-6}
    assert set(zip(*_close_pairs(vectors), strict=True)) == expected


def test_a_template_is_a_near_identical_text_not_a_text_with_shared_phrases():
    base = "we help growing software teams cut their cloud bill with one simple audit"
    tails = [
        "alpha bravo charlie delta echo foxtrot golf",
        "hotel india juliet kilo lima mike november",
        "oscar papa quebec romeo sierra tango uniform",
    ]
    groups = pd.Series(["a", "b", "c"])
    # 11 of 18 word runs in common: cosine 11/18 = 0.61, near-identical
    assert near_duplicates(pd.Series([f"{base} {t}" for t in tails]), groups, min_groups=3).tolist() == [True] * 3
    # 5 of 15 runs in common (0.33): three different texts that open alike
    short = "we help growing software teams cut their"
    texts = pd.Series([f"{short} {t} {t.split()[0]}x {t.split()[1]}y {t.split()[2]}z" for t in tails])
    assert near_duplicates(texts, groups, min_groups=3).tolist() == [False] * 3
    # 300 notes each made of two everyday phrases around words of its own: 7 of 13 runs in common with
    # every other note (0.54), so none is a template however many there are (each of their phrases is
    # shared by all 300 people: a rule counting shared phrases flagged every one of them)
    own = [f"w{i}a w{i}b w{i}c w{i}d" for i in range(300)]
    notes = pd.Series([f"great to meet you at {o}, would love to stay in touch" for o in own])
    assert not near_duplicates(notes, pd.Series(range(300)), min_groups=2, min_words=4).any()
    # the same note sent to 300 people with their name swapped in is one template
    names = pd.Series([f"Name{i}" for i in range(300)])
    template = pd.Series([f"Hi {n}, great to meet you at the summit, would love to stay in touch" for n in names])
    assert near_duplicates(template, names, min_groups=2, min_words=4).all()
    assert template_ids(template, names, min_groups=2, min_words=4).eq(0).all()


def test_confidences_are_found_in_private_messages_only(tmp_path):
    rows = [
        message(
            "a", ANN, [OWNER], "2026-01-02 10:00", "Between us: I got laid off last week and I'm job hunting."
        ),
        message(
            "b",
            BO,
            [OWNER],
            "2026-01-03 10:00",
            "My therapist says I should go on sick leave, keep it to yourself",
        ),
        message("g", CY, [OWNER, ANN, BO], "2026-01-04 10:00", "I'm quietly looking for a new role!"),
        message("d", DEE, [OWNER], "2026-01-05 10:00", "We are hiring! Great mental health benefits."),
    ]
    f = ns.contact_features(load_export(tmp_path, messages=rows))
    assert f[S.CONFIDED_TOPICS].fillna("").to_dict() == {
        "ann-lee": "job search; job loss; confidentiality",
        "bo-ek": "health; confidentiality",
        "cy-li": "",
        "dee-ray": "",
    }
    assert f[S.CONFIDED].to_dict() == {"ann-lee": True, "bo-ek": True, "cy-li": False, "dee-ray": False}


def test_near_identical_notes_become_generic(tmp_path):
    note = "Hi {}, loved your talk on data contracts at the {} meetup, would be great to stay in touch"
    ex = load_export(
        tmp_path,
        invitations=[
            invitation(OWNER, ANN, "2026-02-01 10:00", note.format("Ann", "Lisbon")),
            invitation(OWNER, BO, "2026-02-02 10:00", note.format("Bo", "Berlin")),
            invitation(
                OWNER,
                CY,
                "2026-02-03 10:00",
                "We sat next to each other on the train to Porto, here is my profile",
            ),
            invitation(DEE, OWNER, "2026-02-04 10:00"),
        ],
    )
    f = ns.contact_features(ex)
    assert f[S.INVITATION_NOTE_KIND].to_dict() == {
        "ann-lee": "generic",
        "bo-ek": "generic",
        "cy-li": "personal",
        "dee-ray": "none",
    }
    assert f[S.INVITATION_DIRECTION].to_dict() == {
        "ann-lee": "sent",
        "bo-ek": "sent",
        "cy-li": "sent",
        "dee-ray": "received",
    }


def test_the_latest_invitation_describes_the_contact(tmp_path):
    ex = load_export(
        tmp_path,
        invitations=[
            invitation(ANN, OWNER, "2025-11-01 10:00"),  # she asked first, without a note
            invitation(OWNER, ANN, "2026-02-01 10:00", "We met at the climbing gym on Sunday, let's stay in touch"),
            invitation(BO, OWNER, "2026-02-02 10:00", "Loved your talk on survey design at the Porto meetup"),
            invitation(OWNER, BO, "2025-10-02 10:00"),
        ],
    )
    f = ns.contact_features(ex)
    assert f[S.INVITATION_DIRECTION].to_dict() == {"ann-lee": S.OUTGOING, "bo-ek": S.INCOMING}
    assert f[S.INVITATION_NOTE_KIND].to_dict() == {"ann-lee": S.NOTE_PERSONAL, "bo-ek": S.NOTE_PERSONAL}
    early = ns.contact_features(ex, as_of="2026-01-15")  # the later ones had not been sent yet
    assert early[S.INVITATION_DIRECTION].to_dict() == {"ann-lee": S.INCOMING, "bo-ek": S.OUTGOING}
    assert early[S.INVITATION_NOTE_KIND].to_dict() == {"ann-lee": S.NOTE_NONE, "bo-ek": S.NOTE_NONE}


def test_near_duplicates_and_template_ids_on_plain_text():
    texts = pd.Series(
        [
            PITCH.format("now"),
            PITCH.format("soon"),
            PITCH.format("later"),
            "Thanks for the long chat yesterday about the migration plan, I will send the notes tonight",
            None,
            "short",
        ]
    )
    groups = pd.Series(["a", "b", "c", "d", "e", "f"])
    assert near_duplicates(texts, groups, min_groups=3).tolist() == [True, True, True, False, False, False]
    assert (
        near_duplicates(texts, pd.Series(["a", "a", "b", "d", "e", "f"]), min_groups=3).tolist()
        == [False] * 6
    )
    assert template_ids(texts, groups, min_groups=3).tolist() == [0, 0, 0, pd.NA, pd.NA, pd.NA]
    assert near_duplicates(texts.iloc[:0], groups.iloc[:0], min_groups=2).empty


def test_cold_messages_per_direction():
    m = pd.DataFrame(
        {
            S.CONVERSATION_ID: ["a", "a", "a", "b", "b"],
            S.DIRECTION: [S.SENT, S.SENT, S.RECEIVED, S.RECEIVED, S.SENT],
            S.SENT_AT: pd.to_datetime(
                ["2026-01-01", "2026-01-02", "2026-01-03", "2026-01-01", "2026-01-01"], utc=True
            ),
        }
    )
    assert cold_messages(m, S.SENT).tolist() == [True, True, False, False, False]
    assert cold_messages(m, S.RECEIVED).tolist() == [False, False, False, False, False]


# ------------------------------------------------------------------ properties
def _thread(draw_senders, start, conversation):
    """Message rows for one conversation between the owner and Ann, one hour apart."""
    return [
        message(
            conversation,
            OWNER if owner else ANN,
            [ANN] if owner else [OWNER],
            start + pd.Timedelta(hours=i),
            f"message {i} of {conversation}",
        )
        for i, owner in enumerate(draw_senders)
    ]


conversations = st.lists(st.lists(st.booleans(), min_size=1, max_size=5), min_size=1, max_size=4)


def _features(rows, as_of=None):
    with tempfile.TemporaryDirectory() as tmp:
        return ns.contact_features(load_export(Path(tmp), messages=rows), as_of=as_of)


@settings(max_examples=10)
@given(conversations, st.data())
def test_adding_a_reply_never_lowers_reciprocity(threads, data):
    start = pd.Timestamp("2025-06-01 09:00")
    rows = [
        row
        for i, senders in enumerate(threads)
        for row in _thread(senders, start + pd.Timedelta(days=10 * i), f"t{i}")
    ]
    before = _features(rows).loc["ann-lee", S.RECIPROCITY]
    i = data.draw(st.integers(0, len(threads) - 1), label="conversation")
    reply = [*threads[i], not threads[i][-1]]  # the other side answers the last message
    rows = [
        row
        for j, senders in enumerate(threads)
        for row in _thread(reply if j == i else senders, start + pd.Timedelta(days=10 * j), f"t{j}")
    ]
    after = _features(rows).loc["ann-lee", S.RECIPROCITY]
    assert after >= before


@settings(max_examples=6)
@given(conversations, st.floats(0, 400), st.floats(0, 400))
def test_moving_as_of_forward_never_lowers_days_since_last(threads, first, more):
    start = pd.Timestamp("2025-06-01 09:00")
    rows = [
        row
        for i, senders in enumerate(threads)
        for row in _thread(senders, start + pd.Timedelta(days=10 * i), f"t{i}")
    ]
    with tempfile.TemporaryDirectory() as tmp:
        ex = load_export(Path(tmp), messages=rows, connections=[connection(ANN, "2025-05-01")])
        early = ex.as_of + pd.Timedelta(days=first)
        late = early + pd.Timedelta(days=more)
        a, b = ns.contact_features(ex, as_of=early), ns.contact_features(ex, as_of=late)
    assert b.loc["ann-lee", S.DAYS_SINCE_LAST] >= a.loc["ann-lee", S.DAYS_SINCE_LAST]
    assert b.loc["ann-lee", S.TENURE_DAYS] >= a.loc["ann-lee", S.TENURE_DAYS]
    assert b.loc["ann-lee", S.N_SENT] == a.loc["ann-lee", S.N_SENT]


def test_segments_of_the_scene(scene):
    _, f = scene
    assert ns.segment_contacts(f)[S.SEGMENT].to_dict() == {
        "ann-lee": "occasional",
        "bo-ek": "occasional",  # both wrote in the group
        "cy-li": "silent",  # only read the owner's group post
        "dee-ray": "one_way_inbound",
        "eve-moss": "one_way_outbound",
        "fay-ng": "new",
        "gus-orr": "silent",
    }


# ------------------------------------------------------------------ the two-way moment, edges and empties
def test_first_two_way_at_in_the_scene(scene):
    _, f = scene
    assert f[S.FIRST_TWO_WAY_AT].dropna().to_dict() == {
        "ann-lee": pd.Timestamp("2026-01-05 11:00", tz="UTC"),  # her first answer in c1
        "bo-ek": pd.Timestamp("2026-02-01 13:00", tz="UTC"),  # his answer to the owner's group post
    }
    # exactly the contacts with a two-way conversation
    assert set(f.index[f[S.FIRST_TWO_WAY_AT].notna()]) == set(f.index[f[S.RECIPROCITY].fillna(0) > 0])


def test_first_two_way_at_is_the_later_first_message_of_the_earliest_two_way_conversation(tmp_path):
    rows = [
        message("c1", OWNER, [ANN], "2026-01-10 09:00", "Hi"),
        message("c1", ANN, [OWNER], "2026-01-12 09:00", "Hello"),  # c1 two-way on the 12th
        message("c2", ANN, [OWNER], "2026-01-01 08:00", "Question"),
        message("c2", OWNER, [ANN], "2026-01-20 08:00", "Answer"),  # c2 two-way on the 20th: c1 wins
        message("c3", OWNER, [BO], "2026-01-04 08:00", "Hi Bo"),
        message("c3", BO, [OWNER], "2026-01-05 08:00", "Hi"),
        message("c4", CY, [OWNER], "2026-01-02 08:00", "Hi"),  # the owner never answered
        sponsored("s1", OWNER, "2026-01-03 08:00"),
    ]
    f = ns.contact_features(load_export(tmp_path, messages=rows))
    assert f[S.FIRST_TWO_WAY_AT].to_dict() == {
        "ann-lee": pd.Timestamp("2026-01-12 09:00", tz="UTC"),
        "bo-ek": pd.Timestamp("2026-01-05 08:00", tz="UTC"),
        "cy-li": pd.NaT,
    }


def test_as_of_includes_a_message_sent_at_that_moment_and_nothing_after(tmp_path):
    rows = [
        message("c1", OWNER, [ANN], "2026-01-10 09:00:00", "Hi"),
        message("c1", ANN, [OWNER], "2026-01-10 10:00:00", "Hello"),
        message("c1", ANN, [OWNER], "2026-01-10 10:00:01", "Still there?"),
    ]
    ex = load_export(tmp_path, messages=rows, connections=[connection(ANN, "2026-01-10")])
    at = ns.contact_features(ex, as_of=pd.Timestamp("2026-01-10 10:00", tz="UTC"))
    assert at.loc["ann-lee", [S.N_SENT, S.N_RECEIVED, S.UNANSWERED_INBOUND]].tolist() == [1, 1, 1]
    assert at.loc["ann-lee", S.DAYS_SINCE_LAST] == 0.0 and at.loc["ann-lee", S.TENURE_DAYS] == 0.0
    before = ns.contact_features(ex, as_of=pd.Timestamp("2026-01-10 09:59:59", tz="UTC"))
    assert before.loc["ann-lee", [S.N_SENT, S.N_RECEIVED]].tolist() == [1, 0]
    assert pd.isna(before.loc["ann-lee", S.FIRST_TWO_WAY_AT])
    day_before = ns.contact_features(ex, as_of="2026-01-09 23:59")
    assert day_before.empty  # connected and first written to the next day


def test_unanswered_inbound_counts_only_what_came_after_the_owners_last_message(tmp_path):
    rows = [
        message("c1", ANN, [OWNER], "2026-01-01 09:00", "One"),
        message("c1", ANN, [OWNER], "2026-01-02 09:00", "Two"),
        message("c1", OWNER, [ANN], "2026-01-03 09:00", "Answer"),
        message("c1", ANN, [OWNER], "2026-01-04 09:00", "Three"),
        message("c2", ANN, [OWNER], "2026-01-05 09:00", "Four, elsewhere"),
        message("c3", OWNER, [BO], "2026-01-01 09:00", "Hi Bo"),
        message("c3", OWNER, [BO], "2026-01-02 09:00", "Hi again"),
        message("c3", BO, [OWNER], "2026-01-03 09:00", "Sorry!"),
        message("c3", OWNER, [BO], "2026-01-04 09:00", "No worries"),
    ]
    f = ns.contact_features(load_export(tmp_path, messages=rows))
    assert f[S.UNANSWERED_INBOUND].to_dict() == {"ann-lee": 2, "bo-ek": 0}
    assert f[S.UNANSWERED_OUTBOUND].to_dict() == {"ann-lee": 0, "bo-ek": 1}
    # turns: Ann (1, 2) | owner | Ann (3) in c1, Ann (4) in c2: the owner answered 1 of her 3 turns
    assert f.loc["ann-lee", S.OWNER_REPLY_RATE] == pytest.approx(1 / 3)
    assert f.loc["ann-lee", S.OWNER_REPLY_HOURS] == pytest.approx(24.0)  # from her last message of the turn
    assert f.loc["bo-ek", S.CONTACT_REPLY_RATE] == pytest.approx(1 / 2)
    assert f.loc["bo-ek", S.CONTACT_REPLY_HOURS] == pytest.approx(24.0)
    assert f[S.OWNER_STARTED_SHARE].to_dict() == {"ann-lee": 0.0, "bo-ek": 1.0}


def test_a_contact_with_the_owners_name_is_a_contact(tmp_path):
    twin = Person(OWNER.first, OWNER.last, "olive-owner-77", "Acme")
    ex = load_export(
        tmp_path,
        connections=[connection(twin, "2025-01-01")],
        messages=[
            message("c1", OWNER, [twin], "2026-01-05 09:00", "Same name as me!"),
            message("c1", twin, [OWNER], "2026-01-05 10:00", "Ha, yes"),
        ],
        invitations=[invitation(OWNER, ANN, "2026-01-01 10:00")],
    )
    f = ns.contact_features(ex)
    assert ex.owner.contact_id == "olive-owner"
    assert f.index.tolist() == ["ann-lee", "olive-owner-77"]
    assert f.loc["olive-owner-77", [S.N_SENT, S.N_RECEIVED]].tolist() == [1, 1]
    assert f.loc["olive-owner-77", S.NAME] == "Olive Owner"


def test_sponsored_messages_never_count(tmp_path):
    rows = [sponsored(f"s{i}", OWNER, f"2026-01-0{i + 1} 10:00", PITCH.format("x")) for i in range(4)]
    rows.append(message("c1", ANN, [OWNER], "2026-01-06 10:00", "Hi"))
    f = ns.contact_features(load_export(tmp_path, messages=rows))
    assert f.index.tolist() == ["ann-lee"]
    assert f.loc["ann-lee", [S.N_RECEIVED, S.N_PITCH_MESSAGES]].tolist() == [1, 0]


@pytest.mark.parametrize(
    "tables",
    [
        {},
        {"connections": [connection(ANN, "2025-01-01")]},
        {"invitations": [invitation(ANN, OWNER, "2026-01-05 09:00", "We met at the climbing gym")]},
        {"messages": [sponsored("s1", OWNER, "2026-01-03 08:00")]},
    ],
    ids=["nothing", "connections only", "invitations only", "sponsored only"],
)
def test_features_of_an_export_with_empty_tables(tmp_path, tables):
    f = ns.contact_features(load_export(tmp_path, **tables))
    assert list(f.columns) == list(S.FEATURES_COLUMNS)
    assert {c: str(f[c].dtype) for c in f.columns} == {c: str(S.DTYPES[c]) for c in f.columns}
    assert f.index.tolist() == ([] if not tables or "messages" in tables else ["ann-lee"])
    assert (f[S.N_SENT] + f[S.N_RECEIVED]).eq(0).all() and f[S.FIRST_TWO_WAY_AT].isna().all()
    # every later stage takes these features without crashing, and says there is nothing
    ex = load_export(tmp_path / "again", **tables)
    assert ns.tie_strength(f)[S.TIE_STRENGTH].le(10).all()  # a personal invitation note at most
    segments = ns.segment_contacts(f)
    assert segments[S.CLUSTER].eq(-1).all() and segments.attrs["n_clusters"] == 0
    assert ns.introducers(f, company="Acme")[S.CAN_VOUCH].eq(False).all()
    table = ns.growth(ex, f)
    assert table[S.ENGAGED_CONTACTS].eq(0).all() and len(table) == (0 if "connections" not in tables else 15)
    card = ns.principles(ex, f).set_index(S.PRINCIPLE)
    assert card.loc[["over_zealous", "reconnect", "introductions", "discretion"], S.RATING].eq(S.RATING_NO_DATA).all()
