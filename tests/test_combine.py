"""netstats.load on one or several exports: LinkedIn alone is unchanged; ids are rewritten across platforms."""

from __future__ import annotations

import pandas as pd
import pytest

import netstats as ns
from netstats import _schema as S
from netstats._clean import load as load_linkedin
from netstats._combine import _contacts, _rewrite_messages, families

SAMPLE = "data/sample"


@pytest.fixture(scope="module")
def sample():
    return ns.load(SAMPLE)


def test_a_linkedin_export_alone_is_what_the_linkedin_loader_gives(sample):
    alone = load_linkedin(SAMPLE)
    for table in ("connections", "messages", "invitations", "contacts", "ledger", "excluded", "quarantine", "files"):
        pd.testing.assert_frame_equal(getattr(sample, table), getattr(alone, table), obj=table)
    assert sample.owner == alone.owner
    assert sample.as_of == alone.as_of
    assert sample.platforms == ("linkedin",)
    assert sample.history.empty and sample.link_suggestions.empty


def test_every_linkedin_id_resolves_to_itself(sample):
    links = sample.links
    assert set(links[S.MATCHED_BY]) == {"itself"}
    assert (links[S.PLATFORM_ID] == links[S.CONTACT_ID]).all()
    assert set(sample.contacts[S.CONTACT_ID]) <= set(links[S.CONTACT_ID])


def test_every_table_says_its_platform(sample):
    for table in ("connections", "messages", "invitations", "ledger"):
        assert set(getattr(sample, table)[S.PLATFORM]) == {"linkedin"}, table
    assert set(sample.contacts[S.PLATFORMS]) == {"linkedin"}


def test_families_are_found_in_their_order():
    assert [f.name for f in families()] == ["linkedin", "meta", "x", "whatsapp", "address_book", "mbox"]


def test_load_refuses_what_is_not_a_path():
    with pytest.raises(ns.ParameterError, match="a path or a list of paths"):
        ns.load([])
    with pytest.raises(ns.ParameterError, match="a path or a list of paths"):
        ns.load(42)
    with pytest.raises(ns.ParameterError, match="owner must be"):
        ns.load(SAMPLE, owner=7)


def _message_rows(senders, recipients):
    n = len(senders)
    return S.conform(
        pd.DataFrame(
            {
                S.PLATFORM: ["whatsapp"] * n,
                S.CONVERSATION_ID: ["whatsapp:chat"] * n,
                S.CONVERSATION_TITLE: [None] * n,
                S.SENT_AT: pd.to_datetime(["2026-01-01"] * n, utc=True),
                S.SENDER_ID: senders,
                S.SENDER_NAME: [None] * n,
                S.SENDER_URL: [None] * n,
                S.RECIPIENT_IDS: recipients,
                S.DIRECTION: ["received"] * n,
                S.IS_GROUP: [False] * n,
                S.IS_SPONSORED: [False] * n,
                S.SUBJECT: [None] * n,
                S.CONTENT: ["hi"] * n,
                S.FOLDER: [None] * n,
                S.HAS_ATTACHMENT: [False] * n,
                S.SOURCE_LINE: range(1, n + 1),
            }
        ),
        S.MESSAGES_COLUMNS,
    )


def test_ids_are_rewritten_in_senders_and_recipient_lists():
    messages = _message_rows(
        ["whatsapp:+44770", "whatsapp:owner", "whatsapp:name:bo"],
        [["whatsapp:owner"], ["whatsapp:+44770", "whatsapp:name:bo"], None],
    )
    ids = pd.Series({"whatsapp:+44770": "ann-lee", "whatsapp:owner": "me", "whatsapp:name:bo": "whatsapp:name:bo"})
    out = _rewrite_messages(messages, ids)
    assert out[S.SENDER_ID].tolist() == ["ann-lee", "me", "whatsapp:name:bo"]
    assert [None if v is pd.NA else list(v) for v in out[S.RECIPIENT_IDS].tolist()] == [
        ["me"],
        ["ann-lee", "whatsapp:name:bo"],
        None,
    ]
    assert messages[S.SENDER_ID].tolist()[0] == "whatsapp:+44770"  # the input is not changed


def test_contacts_take_each_value_from_the_first_platform_that_has_it():
    people = S.conform(
        pd.DataFrame(
            {
                S.CONTACT_ID: ["ann-lee", "whatsapp:+44770", "email:ann@example.org", "email:me@example.org"],
                S.PLATFORM: ["linkedin", "whatsapp", "email", "email"],
                S.NAME: ["Ann Lee", "Annie", "Ann L.", "Me"],
                S.PROFILE_URL: ["https://www.linkedin.com/in/ann-lee", None, None, None],
                S.HANDLE: [None] * 4,
                S.EMAILS: [None, None, ["ann@example.org"], ["me@example.org"]],
                S.PHONES: [None, ["+44770"], None, None],
                S.COMPANY: [None, None, "Acme", None],
                S.POSITION: ["Engineer", None, None, None],
                S.IS_CONNECTION: [True, False, False, False],
                S.SEEN_IN: ["connections", "messages", "messages", "messages"],
            }
        ),
        S.PEOPLE_COLUMNS,
    )
    ids = pd.Series(
        {"ann-lee": "ann-lee", "whatsapp:+44770": "ann-lee", "email:ann@example.org": "ann-lee", "email:me@example.org": "me"}
    )
    contacts = _contacts(people, ids, "me")
    assert contacts.to_dict("records") == [
        {
            S.CONTACT_ID: "ann-lee",
            S.NAME: "Ann Lee",
            S.PROFILE_URL: "https://www.linkedin.com/in/ann-lee",
            S.COMPANY: "Acme",
            S.POSITION: "Engineer",
            S.IS_CONNECTION: True,
            S.SEEN_IN: "connections,messages",
            S.PLATFORMS: "linkedin,whatsapp,email",
        }
    ]
