"""The moment a measure describes is a parameter: growth and principles take ``as_of`` explicitly."""

from __future__ import annotations

import pytest

import netstats as ns
from netstats import schema as S
from netstats._errors import ParameterError
from tests.exports import OWNER, Person, connection, invitation, load_export, message

ANA = Person("Ana", "Early", "ana-early")
BEN = Person("Ben", "Later", "ben-later")


@pytest.fixture(scope="module")
def export(tmp_path_factory):
    return load_export(
        tmp_path_factory.mktemp("as_of"),
        connections=[connection(ANA, "2026-01-06"), connection(BEN, "2026-02-06")],
        invitations=[
            invitation(OWNER, ANA, "2026-01-05 10:00", "We met at the Lisbon data meetup and talked about survey design"),
            invitation(OWNER, BEN, "2026-02-05 10:00"),
        ],
        messages=[
            message("a", OWNER, [ANA], "2026-01-07 10:00", "Hi Ana"),
            message("a", ANA, [OWNER], "2026-01-07 11:00", "Hello!"),
            message("b", OWNER, [BEN], "2026-02-07 10:00", "Hi Ben"),
        ],
    )


def invitations_scored(card):
    return card.set_index(S.PRINCIPLE).loc["personalised_invitations", S.DETAILS]


def test_principles_leave_out_what_follows_an_explicit_as_of(export):
    features = ns.contact_features(export)
    assert invitations_scored(ns.principles(export, features)) == {
        "sent": 2,
        "personal": 1,
        "generic": 0,
        "no_note": 1,
    }
    assert invitations_scored(ns.principles(export, features, as_of="2026-01-31")) == {
        "sent": 1,
        "personal": 1,
        "generic": 0,
        "no_note": 0,
    }


def test_growth_and_principles_take_the_moment_as_a_parameter_never_from_the_features(export):
    early = ns.contact_features(export, as_of="2026-01-31")
    for stage in (ns.growth, ns.principles):
        # the default is the export's moment, as for contact_features: later than these features, so refused
        with pytest.raises(ParameterError, match=r"\(the export's\) is after the moment the features describe"):
            stage(export, early)
    assert ns.principles(export, ns.contact_features(export)).equals(
        ns.principles(export, ns.contact_features(export), as_of=export.as_of)
    )


def test_a_moment_after_the_features_is_refused_by_growth_and_principles(export):
    early = ns.contact_features(export, as_of="2026-01-31")
    for stage in (ns.growth, ns.principles):
        with pytest.raises(ParameterError, match=r"as_of 2026-03-01 00:00 is after the moment the features describe"):
            stage(export, early, as_of="2026-03-01")
