"""The networking scorecard and introductions, on a hand-written export with one case per principle."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import netstats as ns
from netstats import schema as S
from netstats.analysis._principles import VOUCH_THRESHOLD, company_key
from tests.exports import OWNER, Person, connection, invitation, load_export, message

FAY = Person(
    "Fay", "Friend", "fay-friend", "Acme, Inc.", "Data lead"
)  # close friend, then 3 unanswered notes
DAN = Person("Dan", "Old", "dan-old")  # two years of monthly talk that ended in 2023
WES = Person("Wes", "Weak", "wes-weak")  # one short exchange in 2023
XS = [
    Person("Xia", "One", "x-1"),
    Person("Xio", "Two", "x-2"),
    Person("Xu", "Three", "x-3"),
]  # the owner's template
ZED = Person("Zed", "Pushy", "zed-pushy")  # three unanswered messages
CAT = Person("Cat", "Quiet", "cat-quiet")  # confided
SAM = Person("Sam", "Silent", "sam-silent", "ACME")
NIA = Person("Nia", "Notconnected", "nia-nc")  # a two-way exchange, but not a connection
AL = Person("Al", "Fan", "al-fan", "Acme Fans Club")
PS = [Person("Pia", str(i), f"p-{i}") for i in range(1, 5)]  # the owner invited them
I1, I2, I3 = Person("Ivo", "One", "i-1"), Person("Ida", "Two", "i-2"), Person("Ike", "Three", "i-3")
TEMPLATE = (
    "Hi {}, I am putting together a small reading group on data engineering books this spring. "
    "Would you like to join us?"
)


def monthly(person: Person, months: pd.DatetimeIndex) -> list[list[str]]:
    rows = []
    for month in months:
        rows.append(
            message(
                person.slug,
                OWNER,
                [person],
                month + pd.Timedelta(hours=9),
                "How are things going with the migration project this month?",
            )
        )
        rows.append(
            message(
                person.slug,
                person,
                [OWNER],
                month + pd.Timedelta(hours=12),
                "Slowly but surely, we moved the last two pipelines and the team is happy.",
            )
        )
    return rows


@pytest.fixture(scope="module")
def scene(tmp_path_factory):
    rows = [
        *monthly(FAY, pd.date_range("2025-05-01", "2026-02-01", freq="MS")),
        *(message(FAY.slug, FAY, [OWNER], f"2026-03-0{d} 10:00", "Did you see my note?") for d in (1, 2, 3)),
        *monthly(DAN, pd.date_range("2022-01-01", "2023-12-01", freq="MS")),
        message("w", OWNER, [WES], "2023-06-01 10:00", "Hi"),
        message("w", WES, [OWNER], "2023-06-01 11:00", "Hello"),
        *(
            message(f"x{i}", OWNER, [x], f"2026-01-1{i} 10:00", TEMPLATE.format(x.first))
            for i, x in enumerate(XS)
        ),
        message("x0", XS[0], [OWNER], "2026-01-12 10:00", "Sounds fun, count me in!"),
        *(
            message("z", ZED, [OWNER], f"2026-02-0{d} 10:00", text)
            for d, text in ((1, "Hello?"), (2, "Are you there"), (3, "Please answer"))
        ),
        message(
            "c", CAT, [OWNER], "2026-02-10 10:00", "Between you and me, I'm quietly looking for a new role."
        ),
        message("c", OWNER, [CAT], "2026-02-10 12:00", "I will keep it quiet, good luck!"),
        message("n", NIA, [OWNER], "2026-02-15 10:00", "Hi, thanks for the talk"),
        message("n", OWNER, [NIA], "2026-02-15 11:00", "Thank you!"),
    ]
    connections = [connection(p, "2023-01-01") for p in (FAY, DAN, WES, *XS, CAT, SAM, AL)]
    connections += [connection(I1, "2026-03-01"), connection(I3, "2026-03-02")]
    invitations = [
        invitation(
            OWNER,
            PS[0],
            "2026-01-05 10:00",
            "We met at the Lisbon data meetup and talked about survey design",
        ),
        invitation(
            OWNER, PS[1], "2026-01-06 10:00", "Thanks for the great workshop on dashboards last week in Porto"
        ),
        invitation(OWNER, PS[2], "2026-01-07 10:00"),
        invitation(OWNER, PS[3], "2026-01-08 10:00", "I'd like to add you to my professional network"),
        invitation(
            I1, OWNER, "2026-02-27 10:00", "Your talk at PyData Berlin convinced me to try data contracts"
        ),
        invitation(I2, OWNER, "2026-02-28 10:00"),
        invitation(I3, OWNER, "2026-03-01 10:00", "Hi Olive, I'd like to join your LinkedIn network."),
    ]
    ex = load_export(
        tmp_path_factory.mktemp("principles"), messages=rows, connections=connections, invitations=invitations
    )
    features = ns.contact_features(ex)
    return ex, features, ns.principles(ex, features).set_index(S.PRINCIPLE)


TITLES = [
    "Personalised invitations",
    "Generic requests",
    "Don't spam",
    "Over-zealous contacts",
    "Know your network",
    "Reconnect",
    "Introductions",
    "Discretion",
]


def test_one_row_per_principle_in_order(scene):
    ex, features, card = scene
    out = ns.principles(ex, features)
    assert out[S.PRINCIPLE].tolist() == [
        "personalised_invitations",
        "generic_requests",
        "dont_spam",
        "over_zealous",
        "know_your_network",
        "reconnect",
        "introductions",
        "discretion",
    ]
    assert list(out.columns) == list(S.PRINCIPLES_COLUMNS)
    assert out[S.TITLE].tolist() == TITLES
    assert out[S.RATING].isin(S.RATINGS).all()
    assert out[S.VERDICT].str.len().gt(20).all()


def test_personalised_invitations(scene):
    row = scene[2].loc["personalised_invitations"]
    assert row[S.VALUE] == 0.5 and row[S.RATING] == S.RATING_REVIEW
    assert row[S.CONTACTS] == ["p-1", "p-2"]
    assert row[S.DETAILS] == {"sent": 4, "personal": 2, "generic": 1, "no_note": 1}
    assert row[S.VERDICT].startswith("2 of 4 (50%) invitations you sent carried a personal note.")


def test_generic_requests_and_pending_strangers(scene):
    row = scene[2].loc["generic_requests"]
    assert row[S.VALUE] == pytest.approx(2 / 3) and row[S.RATING] == S.RATING_REVIEW
    assert row[S.CONTACTS] == ["i-2", "i-3"]
    assert row[S.DETAILS] == {
        "received": 3,
        "generic_or_no_note": 2,
        "pending_from_strangers": 1,
        "pending_from_strangers_contacts": ["i-2"],
    }


def test_dont_spam_counts_templates_recipients_and_answers(scene):
    row = scene[2].loc["dont_spam"]
    assert row[S.VALUE] == 3 and row[S.RATING] == S.RATING_REVIEW
    assert sorted(row[S.CONTACTS]) == ["x-1", "x-2", "x-3"]
    assert row[S.DETAILS] == {
        "templates": 1,
        "template_messages": 3,
        "template_recipients": 3,
        "answered": 1,
        "reply_rate": pytest.approx(1 / 3),
        "unanswered_outreach": 2,
        "unanswered_outreach_contacts": ["x-2", "x-3"],
    }
    assert "1 near-identical message to 3 people; 1 of 3 (33%) answered" in row[S.VERDICT]


def test_over_zealous_lists_pushy_contacts_but_not_a_close_friend(scene):
    _, features, card = scene
    row = card.loc["over_zealous"]
    # her February answer and three notes since: a friend you owe a reply, not a pest
    assert features.loc["fay-friend", S.UNANSWERED_INBOUND] == 4
    assert row[S.CONTACTS] == ["zed-pushy"] and row[S.VALUE] == 1 and row[S.RATING] == S.RATING_REVIEW
    assert row[S.DETAILS]["options"] == ["tell them", "unfollow", "remove the connection"]
    assert "never acts on your account" in row[S.VERDICT]


def test_know_your_network(scene):
    row = scene[2].loc["know_your_network"]
    assert row[S.VALUE] == pytest.approx(5 / 11) and row[S.RATING] == S.RATING_REVIEW
    assert row[S.CONTACTS][:2] == ["fay-friend", "dan-old"]
    assert sorted(row[S.CONTACTS]) == ["cat-quiet", "dan-old", "fay-friend", "wes-weak", "x-1"]
    assert row[S.DETAILS] == {"connections": 11, "two_way": 5, "never_messaged": 4}


def test_reconnect_lists_strong_dormant_ties_only(scene):
    row = scene[2].loc["reconnect"]
    assert row[S.CONTACTS] == ["dan-old"] and row[S.VALUE] == 1
    assert row[S.DETAILS] == {"dormant": 2, "strong_dormant": 1, "min_strength": 40.0}
    assert "Never remove someone" in row[S.VERDICT]


def test_the_weights_of_tie_strength_are_a_parameter_of_the_scorecard_and_of_introducers(scene):
    """Weights that count recency alone (as a person's own ratings might): the tie that went quiet two
    years ago is no longer strong, so it leaves the reconnect and introduction lists."""
    ex, features, card = scene
    others = (S.STRENGTH_FREQUENCY, S.STRENGTH_RECIPROCITY, S.STRENGTH_DEPTH, S.STRENGTH_DURATION,
              S.STRENGTH_PERSONALISATION)
    recency_only = {S.STRENGTH_RECENCY: 1.0, **dict.fromkeys(others, 0.0)}
    mine = ns.principles(ex, features, weights=recency_only).set_index(S.PRINCIPLE)
    assert card.loc["reconnect", S.CONTACTS] == ["dan-old"] and mine.loc["reconnect", S.CONTACTS] == []
    assert mine.loc["introductions", S.CONTACTS] == ["fay-friend"]
    assert mine.loc["know_your_network", S.CONTACTS] == ["fay-friend", "cat-quiet", "x-1", "dan-old", "wes-weak"]
    by_default = ns.introducers(features, company="acme")[S.TIE_STRENGTH]
    assert ns.introducers(features, company="acme", weights=recency_only)[S.TIE_STRENGTH].tolist() == (
        ns.tie_strength(features, weights=recency_only)[S.TIE_STRENGTH].reindex(by_default.index).tolist()
    )


def test_introductions_and_introducers(scene):
    _, features, card = scene
    row = card.loc["introductions"]
    assert row[S.CONTACTS] == ["fay-friend", "dan-old"] and row[S.RATING] == S.RATING_GOOD
    assert row[S.DETAILS] == {"can_vouch": 2, "companies": 1, "threshold": VOUCH_THRESHOLD}
    people = ns.introducers(features, company="acme")
    assert people.index.tolist() == ["fay-friend", "sam-silent"]  # never 'Acme Fans Club'
    assert people[S.CAN_VOUCH].tolist() == [True, False]
    assert people[S.SEGMENT].tolist() == ["core", "silent"]
    assert list(people.columns) == [S.NAME, S.COMPANY, S.POSITION, S.SEGMENT, S.TIE_STRENGTH, S.CAN_VOUCH]
    assert ns.introducers(features, company="Initech").empty


@pytest.mark.parametrize("bad", ["", "  ", None, 3])
def test_introducers_needs_a_company(scene, bad):
    with pytest.raises(ns.ParameterError, match="company"):
        ns.introducers(scene[1], company=bad)


def test_discretion(scene):
    row = scene[2].loc["discretion"]
    assert row[S.CONTACTS] == ["cat-quiet"] and row[S.VALUE] == 1 and row[S.RATING] == S.RATING_REVIEW
    assert row[S.DETAILS] == {"confided": 1, "topics": {"job search": 1, "confidentiality": 1}}
    assert "quietly" not in row[S.VERDICT]  # the verdict names topics, never the words


def test_an_export_with_nothing_to_judge(tmp_path):
    ex = load_export(tmp_path, connections=[connection(SAM, "2020-01-01")])
    card = ns.principles(ex, ns.contact_features(ex)).set_index(S.PRINCIPLE)
    # no message at all: "nobody pesters you" would be reassurance without evidence
    assert card[S.RATING].to_dict() == {
        "personalised_invitations": "no data",
        "generic_requests": "no data",
        "dont_spam": "no data",
        "over_zealous": "no data",
        "know_your_network": "review",
        "reconnect": "no data",
        "introductions": "no data",
        "discretion": "no data",
    }
    for principle in ("personalised_invitations", "over_zealous", "reconnect", "introductions", "discretion"):
        assert np.isnan(card.loc[principle, S.VALUE]) and card.loc[principle, S.CONTACTS] == []
    assert card.loc["over_zealous", S.VERDICT] == "The export holds no message exchanged with a contact."
    assert card[S.TITLE].tolist() == TITLES  # the same rows, whatever the data
    assert card.loc["know_your_network", S.VALUE] == 0.0
    assert card.loc["know_your_network", S.DETAILS] == {"connections": 1, "two_way": 0, "never_messaged": 1}


def test_an_export_with_no_table_at_all(tmp_path):
    ex = load_export(tmp_path)
    card = ns.principles(ex, ns.contact_features(ex)).set_index(S.PRINCIPLE)
    assert card[S.RATING].eq(S.RATING_NO_DATA).all()
    assert card[S.VALUE].isna().all() and card[S.TITLE].tolist() == TITLES
    assert card.loc["know_your_network", S.VERDICT] == "The export holds no connection."


def test_principles_validates_its_inputs(scene):
    ex, features, _ = scene
    with pytest.raises(ns.ParameterError, match="lacks the columns"):
        ns.principles(ex, features.drop(columns=[S.CONFIDED]))
    with pytest.raises(ns.ParameterError, match="Export"):
        ns.principles(features, features)


def test_company_keys():
    assert company_key("  ACME, Inc. ") == company_key("Acme") == company_key("acme ltd") == "acme"
    assert company_key("Acme Fans Club") == "acme fans club"
    assert company_key(None) is None


def test_the_scorecard_takes_its_moment_as_a_parameter_and_refuses_one_after_the_features(scene):
    ex, _, _ = scene
    early = ns.contact_features(ex, as_of="2026-01-06")
    with pytest.raises(ns.ParameterError, match=r"\(the export's\) is after the moment the features describe"):
        ns.principles(ex, early)  # the default moment is the export's, never read from the features
    card = ns.principles(ex, early, as_of="2026-01-06").set_index(S.PRINCIPLE)
    assert card.loc["personalised_invitations", S.DETAILS] == {
        "sent": 1,
        "personal": 1,
        "generic": 0,
        "no_note": 0,
    }
    assert card.loc["generic_requests", S.RATING] == S.RATING_NO_DATA
    assert card.loc["dont_spam", S.DETAILS]["templates"] == 0
