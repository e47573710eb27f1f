"""Identity resolution: one person across platforms (netstats.combine._identity).

Small hand-built people tables with exact expected links for every rule and
guard, links.csv decisions and bad files, owners, hypothesis properties, and a
seeded synthetic population that measures the precision and recall of the
pairwise "same person" decisions.  Run this file as a script to print the
measurement:

    .venv/bin/python tests/test_identity.py
"""

from __future__ import annotations

import itertools
import unicodedata

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netstats import schema as S
from netstats._errors import ExportFormatError, NotAnExportError, ParameterError
from netstats._export import Owner
from netstats.combine._identity import (
    SCORE_KEY_CUT,
    SCORE_NAME_AMBIGUOUS,
    SCORE_NAME_BLOCKED,
    SCORE_NAME_ONLY,
    SCORE_SHARED_KEY,
    Resolution,
    _keys,
    _records,
    read_links,
    resolve_identities,
)


# ---------------------------------------------------------------- helpers
def people(*rows: dict) -> pd.DataFrame:
    """A PEOPLE_COLUMNS table; each row gives contact_id and platform, the rest defaults to empty."""
    defaults = {
        S.NAME: None,
        S.PROFILE_URL: None,
        S.HANDLE: None,
        S.EMAILS: [],
        S.PHONES: [],
        S.COMPANY: None,
        S.POSITION: None,
        S.IS_CONNECTION: False,
        S.SEEN_IN: "connections",
    }
    frame = pd.DataFrame([{**defaults, **row} for row in rows], columns=list(S.PEOPLE_COLUMNS))
    return S.conform(frame, S.PEOPLE_COLUMNS)


def groups(result: Resolution) -> list[list[str]]:
    """The persons found: sorted lists of platform ids, only groups of two or more."""
    by_contact = result.ids.groupby(result.ids.to_numpy()).groups
    found = [sorted(map(str, ids)) for ids in by_contact.values() if len(ids) > 1]
    return sorted(found)


def merged_pairs(result: Resolution) -> set[frozenset]:
    return {frozenset(p) for g in groups(result) for p in itertools.combinations(g, 2)}


def link(result: Resolution, platform_id: str) -> dict:
    row = result.links.set_index(S.PLATFORM_ID).loc[platform_id]
    return {k: (None if pd.isna(v) else v) for k, v in row.items()}


def suggestions(result: Resolution) -> list[tuple]:
    return [tuple(r) for r in result.suggestions[[S.PLATFORM_ID, S.OTHER_ID, S.SCORE]].itertuples(index=False)]


def write(tmp_path, text: str | bytes, name: str = "links.csv"):
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------- LinkedIn only
def test_linkedin_only_every_id_maps_to_itself():
    table = people(
        {S.CONTACT_ID: "ann-lee", S.PLATFORM: S.LINKEDIN, S.NAME: "Ann Lee",
         S.PROFILE_URL: "https://www.linkedin.com/in/ann-lee", S.EMAILS: ["ann@acme.example"], S.COMPANY: "Acme"},
        # two LinkedIn connections giving one address: two profiles are two people
        {S.CONTACT_ID: "bo-ek", S.PLATFORM: S.LINKEDIN, S.NAME: "Bo Ek", S.EMAILS: ["ann@acme.example"]},
        {S.CONTACT_ID: "name:cy do", S.PLATFORM: S.LINKEDIN, S.NAME: "Cy Do"},
        {S.CONTACT_ID: "name:ann lee", S.PLATFORM: S.LINKEDIN, S.NAME: "Ann Lee"},
    )
    owner = Owner("Me Myself", "https://www.linkedin.com/in/me", "me", "invitations inviter URL")
    result = resolve_identities(table, owners=[owner])
    assert result.ids.to_dict() == {i: i for i in ["ann-lee", "bo-ek", "me", "name:ann lee", "name:cy do"]}
    assert result.ids.index.name == S.PLATFORM_ID and result.ids.name == S.CONTACT_ID
    assert result.owner_id == "me"
    assert result.links[S.MATCHED_BY].tolist() == ["itself"] * 5
    assert result.links[S.EVIDENCE].isna().all()
    assert result.links[S.PLATFORM_ID].tolist() == ["ann-lee", "bo-ek", "me", "name:ann lee", "name:cy do"]
    assert list(result.links.columns) == list(S.LINKS_COLUMNS)
    assert result.suggestions.empty and list(result.suggestions.columns) == list(S.LINK_SUGGESTIONS_COLUMNS)
    assert result.notes == (
        "1 e-mail address(es), phone number(s) or other keys are shared by several people (a switchboard, a shared "
        "mailbox, a household) and were not used to link records.",
    )


def test_empty_people_and_no_owner():
    result = resolve_identities(people())
    assert result.ids.empty and result.links.empty and result.suggestions.empty
    assert result.owner_id is None and result.notes == ()


# ---------------------------------------------------------------- exact keys
def test_email_links_records_and_explains_why():
    table = people(
        {S.CONTACT_ID: "ann-lee", S.PLATFORM: S.LINKEDIN, S.NAME: "Ann Lee", S.EMAILS: ["Ann@Acme.example"]},
        {S.CONTACT_ID: "email:ann@acme.example", S.PLATFORM: S.EMAIL_PLATFORM, S.NAME: "Lee, Ann"},
        {S.CONTACT_ID: "google_contacts:4", S.PLATFORM: S.GOOGLE_CONTACTS, S.NAME: "Annie",
         S.EMAILS: [" <ann@acme.example>"]},
    )
    result = resolve_identities(table)
    assert groups(result) == [["ann-lee", "email:ann@acme.example", "google_contacts:4"]]
    assert link(result, "email:ann@acme.example") == {
        S.PLATFORM: "email", S.CONTACT_ID: "ann-lee", S.NAME: "Lee, Ann",
        S.MATCHED_BY: "email", S.EVIDENCE: "e-mail ann@acme.example",
    }
    assert link(result, "google_contacts:4")[S.MATCHED_BY] == "email"
    assert link(result, "ann-lee")[S.MATCHED_BY] == "itself"
    assert result.suggestions.empty


def test_phone_in_national_form_matches_the_one_international_number():
    table = people(
        {S.CONTACT_ID: "whatsapp:+447700900123", S.PLATFORM: S.WHATSAPP, S.NAME: "Ann",
         S.PHONES: ["+44\u202f7700\u202f900123"]},
        {S.CONTACT_ID: "vcard:1", S.PLATFORM: S.VCARD, S.NAME: "Ann Lee", S.PHONES: ["07700 900123"]},
        # the id alone carries the phone: no phones list needed
        {S.CONTACT_ID: "whatsapp:+15550100199", S.PLATFORM: S.WHATSAPP, S.NAME: "Bo"},
        {S.CONTACT_ID: "google_contacts:2", S.PLATFORM: S.GOOGLE_CONTACTS, S.NAME: "Bo Ek", S.PHONES: ["(555) 010-0199"]},
        # 0612345678 ends two international numbers: ambiguous, not used
        {S.CONTACT_ID: "whatsapp:+33612345678", S.PLATFORM: S.WHATSAPP, S.NAME: "Cy"},
        {S.CONTACT_ID: "whatsapp:+34612345678", S.PLATFORM: S.WHATSAPP, S.NAME: "Di"},
        {S.CONTACT_ID: "vcard:2", S.PLATFORM: S.VCARD, S.NAME: "Cy Do", S.PHONES: ["06 12 34 56 78"]},
    )
    result = resolve_identities(table)
    assert groups(result) == [
        ["google_contacts:2", "whatsapp:+15550100199"],
        ["vcard:1", "whatsapp:+447700900123"],
    ]
    assert link(result, "vcard:1") == {
        S.PLATFORM: "vcard", S.CONTACT_ID: "whatsapp:+447700900123", S.NAME: "Ann Lee",
        S.MATCHED_BY: "phone", S.EVIDENCE: "phone +447700900123 (written 07700900123)",
    }
    assert result.ids["vcard:2"] == "vcard:2"


def test_profile_url_links_an_address_book_card_to_a_linkedin_profile():
    table = people(
        {S.CONTACT_ID: "jürgen-k", S.PLATFORM: S.LINKEDIN, S.NAME: "Jürgen K",
         S.PROFILE_URL: "https://www.linkedin.com/in/jürgen-k"},
        {S.CONTACT_ID: "vcard:7", S.PLATFORM: S.VCARD, S.NAME: "J. K.",
         S.PROFILE_URL: "www.linkedin.com/in/J%C3%BCrgen-K/?trk=card"},
    )
    result = resolve_identities(table)
    assert result.ids["vcard:7"] == "jürgen-k"
    assert link(result, "vcard:7")[S.EVIDENCE] == "profile URL https://www.linkedin.com/in/jürgen-k"


def test_handle_links_only_within_one_platform():
    table = people(
        {S.CONTACT_ID: "google_contacts:1", S.PLATFORM: S.GOOGLE_CONTACTS, S.NAME: "Ann Lee", S.HANDLE: "@AnnLee83"},
        {S.CONTACT_ID: "google_contacts:9", S.PLATFORM: S.GOOGLE_CONTACTS, S.NAME: "Ann Lee", S.HANDLE: "annlee83"},
        {S.CONTACT_ID: "instagram:annlee83", S.PLATFORM: S.INSTAGRAM, S.NAME: None, S.HANDLE: "annlee83"},
    )
    result = resolve_identities(table)
    assert groups(result) == [["google_contacts:1", "google_contacts:9"]]
    assert link(result, "google_contacts:9")[S.EVIDENCE] == "handle annlee83"
    assert result.ids["instagram:annlee83"] == "instagram:annlee83"


def test_canonical_id_is_the_first_platform_then_the_smallest_id():
    table = people(
        {S.CONTACT_ID: "vcard:contacts.vcf#3", S.PLATFORM: S.VCARD, S.EMAILS: ["bo@ek.example"]},
        {S.CONTACT_ID: "vcard:contacts.vcf#12", S.PLATFORM: S.VCARD, S.EMAILS: ["bo@ek.example"]},
        {S.CONTACT_ID: "email:bo@ek.example", S.PLATFORM: S.EMAIL_PLATFORM},
        {S.CONTACT_ID: "google_contacts:2", S.PLATFORM: S.GOOGLE_CONTACTS, S.EMAILS: ["cy@do.example"]},
        {S.CONTACT_ID: "google_contacts:10", S.PLATFORM: S.GOOGLE_CONTACTS, S.EMAILS: ["cy@do.example"]},
    )
    result = resolve_identities(table)
    assert result.ids.to_dict() == {
        "email:bo@ek.example": "email:bo@ek.example",
        "google_contacts:10": "google_contacts:10",
        "google_contacts:2": "google_contacts:10",
        "vcard:contacts.vcf#12": "email:bo@ek.example",
        "vcard:contacts.vcf#3": "email:bo@ek.example",
    }
    # links: grouped by person, the canonical record first
    assert result.links[S.PLATFORM_ID].tolist() == [
        "email:bo@ek.example", "vcard:contacts.vcf#12", "vcard:contacts.vcf#3", "google_contacts:10", "google_contacts:2",
    ]


# ---------------------------------------------------------------- guards
def test_switchboard_phone_on_three_names_is_not_an_identity_key():
    board = "+44 20 7946 0000"
    table = people(
        {S.CONTACT_ID: "vcard:1", S.PLATFORM: S.VCARD, S.NAME: "Ann Lee", S.PHONES: [board]},
        {S.CONTACT_ID: "google_contacts:1", S.PLATFORM: S.GOOGLE_CONTACTS, S.NAME: "Raj Patel", S.PHONES: [board]},
        {S.CONTACT_ID: "email:tom@acme.example", S.PLATFORM: S.EMAIL_PLATFORM, S.NAME: "Tom Berg", S.PHONES: [board]},
    )
    result = resolve_identities(table)
    assert groups(result) == []
    reason = "the same phone +442079460000, also held by records under other names or accounts"
    assert result.suggestions.to_dict("list") == {
        S.PLATFORM_ID: ["email:tom@acme.example", "email:tom@acme.example", "google_contacts:1"],
        S.OTHER_ID: ["google_contacts:1", "vcard:1", "vcard:1"],
        S.NAME: ["Tom Berg", "Tom Berg", "Raj Patel"],
        S.SCORE: [SCORE_SHARED_KEY] * 3,
        S.REASON: [reason] * 3,
    }
    assert len(result.notes) == 1 and result.notes[0].startswith("1 e-mail address(es), phone number(s)")


def test_shared_mailbox_but_same_person_spelled_differently_still_links():
    # "Ann-Marie Lee", "Lee, Ann" and "Ann" can be one person's names.
    table = people(
        {S.CONTACT_ID: "ann-lee", S.PLATFORM: S.LINKEDIN, S.NAME: "Ann-Marie Lee", S.EMAILS: ["ann@lee.example"]},
        {S.CONTACT_ID: "email:ann@lee.example", S.PLATFORM: S.EMAIL_PLATFORM, S.NAME: "Lee, Ann"},
        {S.CONTACT_ID: "vcard:1", S.PLATFORM: S.VCARD, S.NAME: "Ann", S.EMAILS: ["ann@lee.example"]},
    )
    assert groups(resolve_identities(table)) == [["ann-lee", "email:ann@lee.example", "vcard:1"]]


@pytest.mark.parametrize(
    ("first", "second", "linked"),
    [
        ("Alex Novak", "Alexander Novak", True),
        ("Lee, Ann", "Ann-Marie Lee", True),
        ("J. Smith", "John Smith", True),
        ("Zoë Ek", "ZOE EK", True),
        ("Bo Brown", "Wen Brown", False),  # a household line
        ("Ann", "Ann Lee", True),
        ("Bob Smith", "Robert Smith", False),  # a nickname: missed rather than a household merged
        ("Mum", "Ann Lee", False),
        ("Mum", "Dad", False),
    ],
)
def test_a_key_links_two_names_only_when_they_can_be_one_persons(first, second, linked):
    table = people(
        {S.CONTACT_ID: "vcard:1", S.PLATFORM: S.VCARD, S.NAME: first, S.PHONES: ["+44 161 496 0000"]},
        {S.CONTACT_ID: "google_contacts:1", S.PLATFORM: S.GOOGLE_CONTACTS, S.NAME: second, S.PHONES: ["01614960000"]},
        # an unsaved number: WhatsApp shows the number, not a name
        {S.CONTACT_ID: "whatsapp:+441614960000", S.PLATFORM: S.WHATSAPP, S.NAME: "+44 161 496 0000"},
    )
    result = resolve_identities(table)
    if linked:
        assert groups(result) == [["google_contacts:1", "vcard:1", "whatsapp:+441614960000"]]
        assert result.suggestions.empty
    else:
        assert groups(result) == []
        assert suggestions(result) == [
            ("google_contacts:1", "vcard:1", SCORE_SHARED_KEY),
            ("whatsapp:+441614960000", "google_contacts:1", SCORE_SHARED_KEY),
            ("whatsapp:+441614960000", "vcard:1", SCORE_SHARED_KEY),
        ]


def test_household_phone_two_names_on_one_platform_is_not_an_identity_key():
    home = "+44 161 496 0000"
    table = people(
        {S.CONTACT_ID: "google_contacts:1", S.PLATFORM: S.GOOGLE_CONTACTS, S.NAME: "Ann Lee", S.PHONES: [home]},
        {S.CONTACT_ID: "google_contacts:2", S.PLATFORM: S.GOOGLE_CONTACTS, S.NAME: "Bo Lee", S.PHONES: [home]},
        {S.CONTACT_ID: "whatsapp:+441614960000", S.PLATFORM: S.WHATSAPP, S.NAME: "Home"},
    )
    result = resolve_identities(table)
    assert groups(result) == []
    # best first; equal scores by id
    assert suggestions(result) == [
        ("google_contacts:1", "google_contacts:2", SCORE_SHARED_KEY),
        ("whatsapp:+441614960000", "google_contacts:1", SCORE_SHARED_KEY),
        ("whatsapp:+441614960000", "google_contacts:2", SCORE_SHARED_KEY),
    ]


def test_a_chain_that_would_join_two_linkedin_profiles_keeps_the_stronger_links():
    # L1 = V1 by e-mail, L2 = V2 by e-mail; V1, V2 and a WhatsApp contact share a phone.
    # Merging on the phone would give one person two LinkedIn profiles: the phone step is refused,
    # the e-mail groups stay, the phone links are suggested.
    phone = "+447700900555"
    table = people(
        {S.CONTACT_ID: "ann-lee", S.PLATFORM: S.LINKEDIN, S.NAME: "Ann Lee", S.EMAILS: ["ann@lee.example"]},
        {S.CONTACT_ID: "ann-lee-2", S.PLATFORM: S.LINKEDIN, S.NAME: "Ann Lee", S.EMAILS: ["al@acme.example"]},
        {S.CONTACT_ID: "vcard:1", S.PLATFORM: S.VCARD, S.NAME: "Ann Lee", S.EMAILS: ["ann@lee.example"], S.PHONES: [phone]},
        {S.CONTACT_ID: "vcard:2", S.PLATFORM: S.VCARD, S.NAME: "Ann Lee", S.EMAILS: ["al@acme.example"], S.PHONES: [phone]},
        {S.CONTACT_ID: f"whatsapp:{phone}", S.PLATFORM: S.WHATSAPP, S.NAME: "Ann"},
    )
    result = resolve_identities(table)
    assert groups(result) == [["ann-lee", "vcard:1"], ["ann-lee-2", "vcard:2"]]
    assert suggestions(result) == [
        ("vcard:1", "vcard:2", SCORE_KEY_CUT),
        (f"whatsapp:{phone}", "vcard:1", SCORE_KEY_CUT),
        (f"whatsapp:{phone}", "vcard:2", SCORE_KEY_CUT),
        # ann-lee / vcard:2 share only a name, and vcard:2's person already has a LinkedIn profile: not suggested
    ]
    assert result.suggestions[S.REASON].iloc[0] == (
        "the same phone +447700900555, but joining would give one person two accounts on a platform or break a "
        "never decision"
    )
    assert result.notes[-1].startswith("5 record(s) have keys that point to different people")


# ---------------------------------------------------------------- names
def _name_case(**extra_vcard) -> pd.DataFrame:
    return people(
        {S.CONTACT_ID: "ann-lee", S.PLATFORM: S.LINKEDIN, S.NAME: "Ann Lee", S.COMPANY: "Acme Corp."},
        {S.CONTACT_ID: "vcard:1", S.PLATFORM: S.VCARD, S.NAME: "Ann  LEE", **extra_vcard},
    )


def test_same_name_and_same_organisation_merge():
    result = resolve_identities(_name_case(**{S.EMAILS: ["a.lee@mail.acme.co.uk"]}))
    assert groups(result) == [["ann-lee", "vcard:1"]]
    assert link(result, "vcard:1")[S.MATCHED_BY] == "name"
    assert link(result, "vcard:1")[S.EVIDENCE] == "name ann lee; the same organisation acme"
    company = resolve_identities(_name_case(**{S.COMPANY: "ACME"}))
    assert link(company, "vcard:1")[S.EVIDENCE] == "name ann lee; the same organisation acme"


def test_same_name_alone_is_only_a_suggestion():
    for extra in ({}, {S.EMAILS: ["ann.lee@gmail.com"]}, {S.COMPANY: "Self-employed"}):
        table = people(
            {S.CONTACT_ID: "ann-lee", S.PLATFORM: S.LINKEDIN, S.NAME: "Ann Lee", S.COMPANY: "Self-employed"},
            {S.CONTACT_ID: "vcard:1", S.PLATFORM: S.VCARD, S.NAME: "Ann Lee", **extra},
        )
        result = resolve_identities(table)
        assert groups(result) == []
        assert result.suggestions.to_dict("records") == [
            {S.PLATFORM_ID: "ann-lee", S.OTHER_ID: "vcard:1", S.NAME: "Ann Lee", S.SCORE: SCORE_NAME_ONLY,
             S.REASON: "same name, nothing else in common"}
        ]


def test_distinctive_user_name_corroborates_but_a_plain_one_does_not():
    def case(handle: str, email: str) -> Resolution:
        return resolve_identities(
            people(
                {S.CONTACT_ID: f"instagram:{handle}", S.PLATFORM: S.INSTAGRAM, S.NAME: "Ann Lee", S.HANDLE: handle},
                {S.CONTACT_ID: "email:" + email, S.PLATFORM: S.EMAIL_PLATFORM, S.NAME: "Ann Lee"},
            )
        )

    distinctive = case("annlee_83", "ann.lee83@gmail.com")
    assert groups(distinctive) == [["email:ann.lee83@gmail.com", "instagram:annlee_83"]]
    assert link(distinctive, "email:ann.lee83@gmail.com")[S.EVIDENCE] == "name ann lee; the same user name annlee83"
    assert groups(case("ann.lee", "ann.lee@gmail.com")) == []
    assert groups(case("a_lee", "alee@gmail.com")) == []


def test_a_name_confirmed_on_both_sides_is_still_only_a_suggestion():
    # Each side is two records named Ann Lee, joined by exact keys: still possibly two namesakes.
    table = people(
        {S.CONTACT_ID: "ann-lee", S.PLATFORM: S.LINKEDIN, S.NAME: "Ann Lee", S.EMAILS: ["ann@lee.example"]},
        {S.CONTACT_ID: "vcard:1", S.PLATFORM: S.VCARD, S.NAME: "Ann Lee", S.EMAILS: ["ann@lee.example"]},
        {S.CONTACT_ID: "whatsapp:+447700900123", S.PLATFORM: S.WHATSAPP, S.NAME: "Ann Lee"},
        {S.CONTACT_ID: "google_contacts:1", S.PLATFORM: S.GOOGLE_CONTACTS, S.NAME: "Ann Lee", S.PHONES: ["+447700900123"]},
    )
    result = resolve_identities(table)
    assert groups(result) == [["ann-lee", "vcard:1"], ["google_contacts:1", "whatsapp:+447700900123"]]
    assert suggestions(result) == [
        ("ann-lee", "google_contacts:1", SCORE_NAME_ONLY),
        ("ann-lee", "whatsapp:+447700900123", SCORE_NAME_ONLY),
        ("google_contacts:1", "vcard:1", SCORE_NAME_ONLY),
        ("whatsapp:+447700900123", "vcard:1", SCORE_NAME_ONLY),
    ]


def test_whatsapp_saved_name_links_its_address_book_card():
    table = people(
        {S.CONTACT_ID: "whatsapp:name:mum", S.PLATFORM: S.WHATSAPP, S.NAME: "Mum"},
        {S.CONTACT_ID: "google_contacts:3", S.PLATFORM: S.GOOGLE_CONTACTS, S.NAME: "Mum", S.PHONES: ["+447700900777"]},
        {S.CONTACT_ID: "whatsapp:name:ann lee", S.PLATFORM: S.WHATSAPP, S.NAME: "Ann Lee"},
        {S.CONTACT_ID: "vcard:1", S.PLATFORM: S.VCARD, S.NAME: "Ann Lee"},
        # two LinkedIn Ann Lees do not matter: the phone's book has one
        {S.CONTACT_ID: "ann-lee", S.PLATFORM: S.LINKEDIN, S.NAME: "Ann Lee"},
        {S.CONTACT_ID: "ann-lee-2", S.PLATFORM: S.LINKEDIN, S.NAME: "Ann Lee"},
        # a saved name on two cards (one in each book) is ambiguous
        {S.CONTACT_ID: "whatsapp:name:bo", S.PLATFORM: S.WHATSAPP, S.NAME: "Bo"},
        {S.CONTACT_ID: "vcard:2", S.PLATFORM: S.VCARD, S.NAME: "Bo"},
        {S.CONTACT_ID: "google_contacts:4", S.PLATFORM: S.GOOGLE_CONTACTS, S.NAME: "Bo"},
        # a WhatsApp author shown by number is no name at all
        {S.CONTACT_ID: "whatsapp:+15550100199", S.PLATFORM: S.WHATSAPP, S.NAME: "+1 (555) 010-0199"},
        {S.CONTACT_ID: "vcard:3", S.PLATFORM: S.VCARD, S.NAME: "Cy Do", S.PHONES: ["+1 555 010 0199"]},
    )
    result = resolve_identities(table)
    assert groups(result) == [
        ["google_contacts:3", "whatsapp:name:mum"],
        ["vcard:1", "whatsapp:name:ann lee"],
        ["vcard:3", "whatsapp:+15550100199"],
    ]
    assert link(result, "google_contacts:3")[S.EVIDENCE] == (
        "name mum; WhatsApp shows the name saved on this address-book card"
    )
    assert link(result, "vcard:3")[S.MATCHED_BY] == "phone"


def test_name_needs_two_words_and_one_record_per_platform():
    table = people(
        {S.CONTACT_ID: "bo", S.PLATFORM: S.LINKEDIN, S.NAME: "Bo", S.COMPANY: "Acme"},
        {S.CONTACT_ID: "vcard:1", S.PLATFORM: S.VCARD, S.NAME: "Bo", S.COMPANY: "Acme"},
        {S.CONTACT_ID: "john-smith", S.PLATFORM: S.LINKEDIN, S.NAME: "John Smith", S.COMPANY: "Acme"},
        {S.CONTACT_ID: "vcard:2", S.PLATFORM: S.VCARD, S.NAME: "John Smith", S.COMPANY: "Acme"},
        {S.CONTACT_ID: "vcard:3", S.PLATFORM: S.VCARD, S.NAME: "John Smith", S.COMPANY: "Acme"},
    )
    result = resolve_identities(table)
    assert groups(result) == []
    assert suggestions(result) == [
        ("john-smith", "vcard:2", SCORE_NAME_AMBIGUOUS),
        ("john-smith", "vcard:3", SCORE_NAME_AMBIGUOUS),
    ]


def test_corroborated_name_blocked_by_a_second_linkedin_profile():
    # vcard:1 (Ann Lee) is already Annie Lee-Smith's card by e-mail; linking it by name to the
    # LinkedIn "Ann Lee" would give that person two LinkedIn profiles.
    table = people(
        {S.CONTACT_ID: "ann-lee", S.PLATFORM: S.LINKEDIN, S.NAME: "Ann Lee", S.COMPANY: "Acme"},
        {S.CONTACT_ID: "annie-ls", S.PLATFORM: S.LINKEDIN, S.NAME: "Annie Lee-Smith", S.EMAILS: ["annie@acme.example"]},
        {S.CONTACT_ID: "vcard:1", S.PLATFORM: S.VCARD, S.NAME: "Ann Lee", S.EMAILS: ["annie@acme.example"]},
    )
    result = resolve_identities(table)
    assert groups(result) == [["annie-ls", "vcard:1"]]
    assert result.suggestions.to_dict("records") == [
        {S.PLATFORM_ID: "ann-lee", S.OTHER_ID: "vcard:1", S.NAME: "Ann Lee", S.SCORE: SCORE_NAME_BLOCKED,
         S.REASON: "same name and the same organisation acme, but joining would give one person two accounts on a "
                   "platform or break a never decision"}
    ]


def test_names_compare_by_name_key_not_by_raw_text():
    table = people(
        {S.CONTACT_ID: "jose", S.PLATFORM: S.LINKEDIN, S.NAME: "Jose\u0301 da\u200b Silva", S.COMPANY: "Acme"},
        {S.CONTACT_ID: "google_contacts:1", S.PLATFORM: S.GOOGLE_CONTACTS, S.NAME: " JOSÉ DA SILVA ", S.COMPANY: "acme"},
        # the same letters without the accent are another name key: only the accented ones link
        {S.CONTACT_ID: "facebook:name:jose da silva", S.PLATFORM: S.FACEBOOK, S.NAME: "Jose da Silva"},
    )
    assert groups(resolve_identities(table)) == [["google_contacts:1", "jose"]]


def test_html_and_bidi_in_names_are_only_data():
    table = people(
        {S.CONTACT_ID: "x:1", S.PLATFORM: S.X, S.NAME: "<img src=x onerror=alert(1)> \u202eLee"},
        {S.CONTACT_ID: "vcard:1", S.PLATFORM: S.VCARD, S.NAME: "<img src=x onerror=alert(1)> Lee"},
    )
    result = resolve_identities(table)
    assert groups(result) == []
    assert suggestions(result) == [("x:1", "vcard:1", SCORE_NAME_ONLY)]
    assert result.links.set_index(S.PLATFORM_ID).loc["x:1", S.NAME] == "<img src=x onerror=alert(1)> \u202eLee"


def test_huge_names_and_keys_stay_cheap():
    giant = "A" * 200_000
    table = people(
        {S.CONTACT_ID: "vcard:1", S.PLATFORM: S.VCARD, S.NAME: f"{giant} Lee", S.EMAILS: ["ann@lee.example"]},
        {S.CONTACT_ID: "google_contacts:1", S.PLATFORM: S.GOOGLE_CONTACTS, S.NAME: f"Lee {giant}",
         S.EMAILS: ["ann@lee.example", giant + "@x.example"], S.HANDLE: giant},
        {S.CONTACT_ID: "email:ann@lee.example", S.PLATFORM: S.EMAIL_PLATFORM, S.NAME: "Lee " * 5_000},
        # one letter less: beyond the first 40 letters words compare whole, so this is another name
        {S.CONTACT_ID: "whatsapp:+447700900123", S.PLATFORM: S.WHATSAPP, S.NAME: f"{giant[:-1]} Lee",
         S.EMAILS: ["bo@ek.example"]},
        {S.CONTACT_ID: "email:bo@ek.example", S.PLATFORM: S.EMAIL_PLATFORM, S.NAME: f"{giant} Lee"},
    )
    result = resolve_identities(table)
    assert groups(result) == [["email:ann@lee.example", "google_contacts:1", "vcard:1"]]
    assert ("whatsapp:+447700900123", "email:bo@ek.example", SCORE_SHARED_KEY) in suggestions(result)


# ---------------------------------------------------------------- owners
def test_owner_records_resolve_to_the_first_platform_owner():
    owners = [
        Owner(None, None, "whatsapp:+447700900999", "the user's --owner phone"),
        Owner("Me Myself", None, "email:me@home.example", "the user's --owner address"),
        Owner("Me Myself", "https://www.linkedin.com/in/me-myself", "me-myself", "invitations inviter URL"),
    ]
    table = people(
        {S.CONTACT_ID: "vcard:1", S.PLATFORM: S.VCARD, S.NAME: "Me", S.EMAILS: ["me@home.example"]},
        {S.CONTACT_ID: "google_contacts:5", S.PLATFORM: S.GOOGLE_CONTACTS, S.NAME: "Me Myself",
         S.PHONES: ["+33 6 11 22 33 44"]},
        {S.CONTACT_ID: "google_contacts:6", S.PLATFORM: S.GOOGLE_CONTACTS, S.NAME: None,
         S.PROFILE_URL: "https://linkedin.com/in/Me-Myself/"},
        {S.CONTACT_ID: "ann-lee", S.PLATFORM: S.LINKEDIN, S.NAME: "Me Myself"},
    )
    result = resolve_identities(table, owners=owners, owner_keys=["+33 611 223 344", "Me Myself"])
    assert result.owner_id == "me-myself"
    assert result.ids.to_dict() == {
        "ann-lee": "ann-lee",
        "email:me@home.example": "me-myself",
        "google_contacts:5": "me-myself",
        "google_contacts:6": "me-myself",
        "me-myself": "me-myself",
        "vcard:1": "me-myself",
        "whatsapp:+447700900999": "me-myself",
    }
    assert link(result, "email:me@home.example") == {
        S.PLATFORM: "email", S.CONTACT_ID: "me-myself", S.NAME: "Me Myself", S.MATCHED_BY: "owner",
        S.EVIDENCE: "the account owner on E-mail (found by the user's --owner address)",
    }
    assert link(result, "vcard:1")[S.EVIDENCE] == "e-mail me@home.example, which links it to the account owner"
    assert link(result, "google_contacts:5")[S.MATCHED_BY] == "phone"
    assert link(result, "google_contacts:6")[S.MATCHED_BY] == "profile_url"
    # a namesake of the owner on LinkedIn is not the owner
    assert result.suggestions.empty


def test_owner_id_without_linkedin_is_the_first_platform_in_order():
    owners = [Owner(None, None, "email:me@home.example", "mbox"), Owner("Me", None, "facebook:name:me", "profile")]
    result = resolve_identities(people(), owners=owners)
    assert result.owner_id == "facebook:name:me"
    assert result.ids.to_dict() == {"email:me@home.example": "facebook:name:me", "facebook:name:me": "facebook:name:me"}


def test_owner_keys_without_owner_are_reported():
    result = resolve_identities(people(), owner_keys=["me@home.example"])
    assert result.notes == (
        "Your own e-mail addresses or phone numbers were given, but no export names its owner: they were not used.",
    )


# ---------------------------------------------------------------- links.csv
def _two_cards() -> pd.DataFrame:
    return people(
        {S.CONTACT_ID: "ann-lee", S.PLATFORM: S.LINKEDIN, S.NAME: "Ann Lee", S.EMAILS: ["ann@lee.example"]},
        {S.CONTACT_ID: "vcard:1", S.PLATFORM: S.VCARD, S.NAME: "Ann Lee", S.EMAILS: ["ann@lee.example"]},
        {S.CONTACT_ID: "facebook:name:nan", S.PLATFORM: S.FACEBOOK, S.NAME: "Nan"},
    )


def test_links_same_merges_and_never_separates(tmp_path):
    path = write(
        tmp_path,
        "\ufeffPlatform_ID, other_id ,Decision\r\n"
        "# my decisions\r\n"
        "facebook:name:nan,ann-lee,SAME\r\n"
        "\r\n"
        "vcard:1,ann-lee,never,,\r\n"
        "ann-lee,nobody-known,same\r\n",
    )
    assert read_links(path).to_dict("list") == {
        S.PLATFORM_ID: ["facebook:name:nan", "vcard:1", "ann-lee"],
        S.OTHER_ID: ["ann-lee", "ann-lee", "nobody-known"],
        S.DECISION: ["same", "never", "same"],
        S.LINE: [3, 5, 6],
    }
    result = resolve_identities(_two_cards(), links=path)
    assert groups(result) == [["ann-lee", "facebook:name:nan"]]
    assert link(result, "facebook:name:nan")[S.MATCHED_BY] == "links.csv"
    assert link(result, "facebook:name:nan")[S.EVIDENCE] == "links.csv line 3"
    # the never pair is not suggested either
    assert result.suggestions.empty
    assert result.notes[0] == "links.csv line 6: an id that is in none of the loaded exports; the line was ignored."
    # the same decisions as a table
    table = pd.DataFrame({S.PLATFORM_ID: ["vcard:1"], S.OTHER_ID: ["ann-lee"], S.DECISION: ["never"]})
    assert groups(resolve_identities(_two_cards(), links=table)) == []


def test_never_contradicting_same_lines_is_an_error(tmp_path):
    path = write(tmp_path, "platform_id,other_id,decision\nann-lee,x:1,same\nx:1,vcard:1,same\nvcard:1,ann-lee,never\n")
    table = people(
        {S.CONTACT_ID: "ann-lee", S.PLATFORM: S.LINKEDIN},
        {S.CONTACT_ID: "x:1", S.PLATFORM: S.X},
        {S.CONTACT_ID: "vcard:1", S.PLATFORM: S.VCARD},
    )
    with pytest.raises(ExportFormatError) as error:
        resolve_identities(table, links=path)
    assert str(error.value) == (
        "links.csv, line 4: a never decision separates two ids that same decisions (or the owner's accounts) join. "
        "Expected: decisions that agree. Fix: delete the never line or the same lines that contradict it."
    )


def test_a_links_file_in_utf16_reads_like_utf8(tmp_path):
    text = "platform_id,other_id,decision\nann,café,same\n"
    utf16 = read_links(write(tmp_path, text.encode("utf-16"), "utf16.csv"))
    pd.testing.assert_frame_equal(utf16, read_links(write(tmp_path, text.encode())))


@pytest.mark.parametrize(
    ("content", "line", "problem"),
    [
        (b"ann-lee,vcard:1,same\n", 1, "the links file does not start with its header"),
        (b"platform_id,other_id,decision\nann-lee,vcard:1,maybe\n", 2, "unknown decision"),
        (b"platform_id,other_id,decision\nann-lee,vcard:1\n", 3 - 1, "a decision has 2 cell(s) or an empty id"),
        (b"platform_id,other_id,decision\n,vcard:1,same\n", 2, "a decision has 3 cell(s) or an empty id"),
        (b"platform_id,other_id,decision\nann-lee,ann-lee,same\n", 2, "a decision links an id to itself"),
        (b"platform_id,other_id,decision\na,b,same\nb,a,never\n", 3, "one pair of ids is decided both same and never"),
        (b"platform_id,other_id,decision\nann,caf\xe9,same\n", 2, "byte 37 cannot be decoded as UTF-8"),
        (b"", 1, "the links file is empty"),
        (b"platform_id,other_id,decision\n\"a,b,same\n", 2, "the links file is not valid CSV"),
        (b"platform_id,other_id,decision\na,b\x00,same\n", 2, "a cell holds a control character"),
    ],
)
def test_bad_links_file(tmp_path, content, line, problem):
    path = write(tmp_path, content)
    with pytest.raises(ExportFormatError) as error:
        read_links(path)
    assert error.value.file == "links.csv"
    assert error.value.line == line
    assert error.value.problem.startswith(problem)
    assert error.value.fix


def test_links_file_missing_too_large_or_a_folder(tmp_path):
    with pytest.raises(NotAnExportError, match="does not exist"):
        read_links(tmp_path / "nope.csv")
    with pytest.raises(NotAnExportError, match="is a folder"):
        read_links(tmp_path)
    big = write(tmp_path, "platform_id,other_id,decision\n" + "a,b,same\n" * 600_000, "big.csv")
    with pytest.raises(ExportFormatError, match="more than a hand-written file holds"):
        read_links(big)


def test_links_table_with_wrong_columns_or_values():
    with pytest.raises(ParameterError, match="lacks the column"):
        resolve_identities(_two_cards(), links=pd.DataFrame({"a": ["x"], "b": ["y"]}))
    bad = pd.DataFrame({S.PLATFORM_ID: ["vcard:1"], S.OTHER_ID: ["ann-lee"], S.DECISION: ["perhaps"]})
    with pytest.raises(ParameterError, match="row 1 is not a decision"):
        resolve_identities(_two_cards(), links=bad)


# ---------------------------------------------------------------- bad people tables
def test_bad_people_tables():
    with pytest.raises(ParameterError, match="lacks the column"):
        resolve_identities(pd.DataFrame({S.CONTACT_ID: ["a"]}))
    with pytest.raises(ParameterError, match="not a DataFrame"):
        resolve_identities([{"contact_id": "a"}])
    with pytest.raises(ParameterError, match="unknown platform"):
        resolve_identities(people({S.CONTACT_ID: "a", S.PLATFORM: "myspace"}))
    with pytest.raises(ParameterError, match="no contact_id"):
        resolve_identities(people({S.CONTACT_ID: None, S.PLATFORM: S.VCARD}))
    with pytest.raises(ParameterError, match="two platforms"):
        resolve_identities(people({S.CONTACT_ID: "a", S.PLATFORM: S.VCARD}, {S.CONTACT_ID: "a", S.PLATFORM: S.LINKEDIN}))


def test_a_repeated_id_is_one_record_with_the_keys_of_both_rows():
    table = people(
        {S.CONTACT_ID: "ann-lee", S.PLATFORM: S.LINKEDIN, S.NAME: "Ann Lee", S.EMAILS: ["ann@old.example"]},
        {S.CONTACT_ID: "ann-lee", S.PLATFORM: S.LINKEDIN, S.NAME: None, S.EMAILS: ["ann@new.example"]},
        {S.CONTACT_ID: "email:ann@new.example", S.PLATFORM: S.EMAIL_PLATFORM},
        {S.CONTACT_ID: "email:ann@old.example", S.PLATFORM: S.EMAIL_PLATFORM},
    )
    result = resolve_identities(table)
    assert groups(result) == [["ann-lee", "email:ann@new.example", "email:ann@old.example"]]
    assert len(result.links) == 3 and link(result, "ann-lee")[S.NAME] == "Ann Lee"


def test_input_is_not_mutated_and_row_order_does_not_matter():
    table = _population_table(np.random.default_rng(3), 60)[0]
    before = table.copy()
    first = resolve_identities(table)
    pd.testing.assert_frame_equal(table, before)
    shuffled = table.sample(frac=1.0, random_state=11).reset_index(drop=True)
    second = resolve_identities(shuffled)
    pd.testing.assert_series_equal(first.ids, second.ids)
    pd.testing.assert_frame_equal(first.links, second.links)
    pd.testing.assert_frame_equal(first.suggestions, second.suggestions)
    assert first.notes == second.notes


# ---------------------------------------------------------------- hypothesis properties
_PLATFORM_CHOICES = [S.LINKEDIN, S.FACEBOOK, S.INSTAGRAM, S.WHATSAPP, S.EMAIL_PLATFORM, S.GOOGLE_CONTACTS, S.VCARD]
_NAMES = ["Ann Lee", "Ann Lee", "Lee, Ann", "Bo Ek", "Mum", None, "Raj Patel"]
_EMAILS = ["ann@lee.example", "bo@acme.example", "info@acme.example"]
_PHONES = ["+447700900123", "07700 900123", "+15550100199", "+442079460000"]
_COMPANIES = [None, "Acme", "Lee Ltd"]


@st.composite
def _tables(draw) -> pd.DataFrame:
    n = draw(st.integers(2, 8))
    rows = []
    for i in range(n):
        platform = draw(st.sampled_from(_PLATFORM_CHOICES))
        prefix = S.PLATFORM_ID_PREFIX.get(platform, "li-")
        rows.append(
            {
                S.CONTACT_ID: f"{prefix}r{i}",
                S.PLATFORM: platform,
                S.NAME: draw(st.sampled_from(_NAMES)),
                S.EMAILS: draw(st.lists(st.sampled_from(_EMAILS), max_size=2)),
                S.PHONES: draw(st.lists(st.sampled_from(_PHONES), max_size=2)),
                S.COMPANY: draw(st.sampled_from(_COMPANIES)),
            }
        )
    return people(*rows)


@settings(max_examples=12)
@given(_tables(), st.data())
def test_property_a_never_decision_never_creates_a_merge(table, data):
    ids = table[S.CONTACT_ID].tolist()
    a, b = data.draw(st.lists(st.sampled_from(ids), min_size=2, max_size=2, unique=True))
    without = merged_pairs(resolve_identities(table))
    decisions = pd.DataFrame({S.PLATFORM_ID: [a], S.OTHER_ID: [b], S.DECISION: ["never"]})
    with_never = resolve_identities(table, links=decisions)
    assert merged_pairs(with_never) <= without
    assert with_never.ids[a] != with_never.ids[b]


@settings(max_examples=12)
@given(_tables(), st.data())
def test_property_a_consistent_new_record_never_splits_a_group(table, data):
    """A record carrying keys of one existing person (no name of its own) joins it and splits nothing."""
    before = resolve_identities(table)
    person = data.draw(st.sampled_from(sorted(set(before.ids))))
    members = table[table[S.CONTACT_ID].map(before.ids).eq(person)]
    emails = sorted({e for cell in members[S.EMAILS] for e in cell})
    phones = sorted({p for cell in members[S.PHONES] for p in cell})
    platform = data.draw(st.sampled_from([S.VCARD, S.GOOGLE_CONTACTS, S.EMAIL_PLATFORM, S.WHATSAPP]))
    new = people(
        {
            S.CONTACT_ID: S.PLATFORM_ID_PREFIX[platform] + "new",
            S.PLATFORM: platform,
            S.EMAILS: data.draw(st.lists(st.sampled_from(emails), unique=True)) if emails else [],
            S.PHONES: data.draw(st.lists(st.sampled_from(phones), unique=True)) if phones else [],
        }
    )
    after = resolve_identities(pd.concat([table, new], ignore_index=True))
    exact = before.links[~before.links[S.MATCHED_BY].isin(["name"])]
    exact_pairs = {
        frozenset(p)
        for _, ids in exact.groupby(S.CONTACT_ID)[S.PLATFORM_ID]
        for p in itertools.combinations(ids, 2)
    }
    # pairs joined without a name link (every member's own link is exact) stay joined
    name_linked = set(before.links.loc[before.links[S.MATCHED_BY] == "name", S.CONTACT_ID])
    exact_pairs = {p for p in exact_pairs if before.ids[next(iter(p))] not in name_linked}
    assert exact_pairs <= merged_pairs(after)


@settings(max_examples=10)
@given(_tables(), st.randoms(use_true_random=False))
def test_property_result_does_not_depend_on_row_order(table, random):
    order = list(range(len(table)))
    random.shuffle(order)
    first = resolve_identities(table)
    second = resolve_identities(table.iloc[order].reset_index(drop=True))
    pd.testing.assert_series_equal(first.ids, second.ids)
    pd.testing.assert_frame_equal(first.links, second.links)
    pd.testing.assert_frame_equal(first.suggestions, second.suggestions)


# ---------------------------------------------------------------- a synthetic population
_FIRST = [
    "Ann", "Bo", "Carla", "Dev", "Elif", "Femi", "Grace", "Hugo", "Ines", "Jonas", "Kaito", "Lena", "Mateo", "Nadia",
    "Omar", "Priya", "Quentin", "Rosa", "Sven", "Tariq", "Ursula", "Viktor", "Wen", "Yara", "Zoë", "José", "Łukasz",
    "Siobhán", "Chloé", "Dmitri", "Robert", "William", "Katherine", "Elizabeth", "Alexander", "Margaret", "Michael",
    "Jennifer", "Thomas", "Christopher",
]
_NICKNAMES = {
    "Robert": "Bob", "William": "Bill", "Katherine": "Kate", "Elizabeth": "Liz", "Alexander": "Alex",
    "Margaret": "Maggie", "Michael": "Mike", "Jennifer": "Jen", "Thomas": "Tom", "Christopher": "Chris",
}
_LAST = [
    "Lee", "Ek", "Okafor", "Patel", "Yilmaz", "Adeyemi", "Hopper", "Moreau", "Sousa", "Berg", "Tanaka", "Novak",
    "García", "Haddad", "Rahman", "Iyer", "Lefèvre", "Costa", "Lindqvist", "Aziz", "Meier", "Petrov", "Zhang",
    "Nasser", "Müller", "Silva", "Kowalski", "O'Brien", "Dubois", "Ivanova", "Smith", "Brown", "Wilson", "Taylor",
    "Clarke", "Walker", "Wright", "Hughes", "Edwards", "Turner", "Baker", "Hall", "Young", "King", "Scott", "Green",
    "Adams", "Nelson", "Hill", "Moore",
]
_MIDDLE = ["Marie", "James", "Anne", "Luis"]
_COMPANIES = [
    ("Acme Corp", "acme"), ("Northwind Traders", "northwindtraders"), ("Globex GmbH", "globex"),
    ("Initech", "initech"), ("Umbrella Health", "umbrellahealth"), ("Stark Industries", "starkindustries"),
    ("Wayne Enterprises", "wayneenterprises"), ("Hooli", "hooli"), ("Vandelay Industries", "vandelay"),
    ("Tyrell Ltd", "tyrell"), ("Cyberdyne Systems", "cyberdyne"), ("Soylent SA", "soylent"),
]
_FREE = ["gmail.com", "outlook.com", "yahoo.co.uk", "gmx.de", "icloud.com"]
_SHARES = {"platforms": {S.LINKEDIN: 0.75, S.WHATSAPP: 0.45, S.EMAIL_PLATFORM: 0.45, S.GOOGLE_CONTACTS: 0.35,
                         S.VCARD: 0.15, S.FACEBOOK: 0.3, S.INSTAGRAM: 0.2, S.X: 0.12}}


def _ascii(text: str) -> str:
    folded = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return "".join(c for c in folded.lower() if c.isalnum())


def _population(rng: np.random.Generator, n_persons: int) -> list[dict]:
    """Synthetic persons with their keys; about 5% share their full name with another person."""
    persons = []
    used_names = set()
    for i in range(n_persons):
        first = str(rng.choice(_FIRST))
        last = str(rng.choice(_LAST))
        while (first, last) in used_names:
            first, last = str(rng.choice(_FIRST)), str(rng.choice(_LAST))
        used_names.add((first, last))
        persons.append({"first": first, "last": last})
    # planted namesakes: different people with exactly the same name
    for i in rng.choice(n_persons, size=max(2, n_persons // 20), replace=False):
        j = int(rng.integers(n_persons))
        if j != i:
            persons[i]["first"], persons[i]["last"] = persons[j]["first"], persons[j]["last"]
    # planted households: two people with one surname share a home line on their address-book cards
    homes = {}
    for k, (i, j) in enumerate(rng.choice(n_persons, size=(max(1, n_persons // 40), 2), replace=False)):
        persons[j]["last"] = persons[i]["last"]
        homes[int(i)] = homes[int(j)] = f"+44 161 496 {1000 + k:04d}"
    for i, p in enumerate(persons):
        p["index"] = i
        p["middle"] = str(rng.choice(_MIDDLE)) if rng.random() < 0.12 else None
        company = _COMPANIES[int(rng.integers(len(_COMPANIES)))] if rng.random() < 0.8 else None
        p["company"] = company
        a, b = _ascii(p["first"]), _ascii(p["last"])
        suffix = str(int(rng.integers(10, 99)))
        style = rng.random()
        local = f"{a}.{b}" if style < 0.4 else (f"{a}{b}{suffix}" if style < 0.8 else f"{a[0]}{b}{suffix}")
        p["personal"] = f"{local}@{rng.choice(_FREE)}" if rng.random() < 0.6 else None
        if p["personal"] and p["personal"] in {q.get("personal") for q in persons[:i]}:
            p["personal"] = f"{a}.{b}.{i}@{rng.choice(_FREE)}"
        p["work"] = f"{a}.{b}{'' if rng.random() < 0.7 else i}@{company[1]}.example" if company and rng.random() < 0.5 else None
        country = rng.random()
        number = f"{int(rng.integers(100000, 999999)):06d}{i:03d}"
        if country < 0.6:
            p["mobile"], p["national"] = f"+44 77{number[:2]} {number[2:]}", f"077{number[:2]} {number[2:]}"
        elif country < 0.85:
            p["mobile"], p["national"] = f"+49 151 {number}", f"0151 {number}"
        else:
            p["mobile"], p["national"] = f"+1 555 {number[:3]} {number[3:7]}", f"(555) {number[:3]}-{number[3:7]}"
        if rng.random() < 0.25:
            p["mobile"] = p["national"] = None
        p["home"] = homes.get(i)
        p["slug"] = f"{a}-{b}-{i}"
        p["instagram"] = (
            f"{a}{b}" if rng.random() < 0.3 else (f"{a}_{b}{suffix}" if rng.random() < 0.5 else f"{a}.photos{i}")
        )
        p["x"] = str(10_000_000 + i * 7919)
    return persons


def _full(p: dict, rng: np.random.Generator, nickname: float = 0.0, middle: bool = False) -> str:
    first = _NICKNAMES.get(p["first"], p["first"]) if rng.random() < nickname else p["first"]
    if middle and p["middle"]:
        return f"{first} {p['middle']} {p['last']}"
    return f"{first} {p['last']}"


def _population_table(rng: np.random.Generator, n_persons: int) -> tuple[pd.DataFrame, pd.Series]:
    """The people table of a synthetic multi-platform export, and the true person of every record."""
    persons = _population(rng, n_persons)
    rows, truth = [], {}
    card = {S.GOOGLE_CONTACTS: 0, S.VCARD: 0}
    switchboards = {c[1]: f"+44 20 7946 {k:04d}" for k, c in enumerate(_COMPANIES)}

    def add(p: dict, row: dict) -> None:
        if row[S.CONTACT_ID] in truth:  # the reader would see one record (e.g. two friends named alike on Facebook)
            return
        truth[row[S.CONTACT_ID]] = p["index"]
        rows.append(row)

    for p in persons:
        chosen = [q for q, share in _SHARES["platforms"].items() if rng.random() < share]
        if not chosen:
            chosen = [S.LINKEDIN]
        if len(chosen) > 5:
            chosen = list(rng.choice(chosen, size=5, replace=False))
        # WhatsApp shows the names saved in the phone's address book: its contacts usually have a card.
        if S.WHATSAPP in chosen and not {S.GOOGLE_CONTACTS, S.VCARD} & set(chosen) and rng.random() < 0.85:
            chosen.append(S.GOOGLE_CONTACTS if rng.random() < 0.7 else S.VCARD)
        emails = [e for e in (p["personal"], p["work"]) if e]
        saved = _full(p, rng, nickname=0.3) if rng.random() < 0.8 else p["first"]  # the name on the phone's card
        has_card = bool({S.GOOGLE_CONTACTS, S.VCARD} & set(chosen))
        for platform in chosen:
            if platform == S.LINKEDIN:
                known = [e for e in emails if rng.random() < 0.08]
                add(p, {S.CONTACT_ID: p["slug"], S.PLATFORM: platform, S.NAME: _full(p, rng, middle=True),
                        S.PROFILE_URL: f"https://www.linkedin.com/in/{p['slug']}", S.EMAILS: known,
                        S.COMPANY: p["company"][0] if p["company"] else None})
            elif platform == S.FACEBOOK:
                name = _full(p, rng, nickname=0.3)
                if rng.random() < 0.2:
                    name = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
                add(p, {S.CONTACT_ID: f"facebook:name:{name.casefold()}", S.PLATFORM: platform, S.NAME: name})
            elif platform == S.INSTAGRAM:
                add(p, {S.CONTACT_ID: f"instagram:{p['instagram']}", S.PLATFORM: platform, S.HANDLE: p["instagram"],
                        S.NAME: _full(p, rng) if rng.random() < 0.7 else None})
            elif platform == S.X:
                add(p, {S.CONTACT_ID: f"x:{p['x']}", S.PLATFORM: platform, S.HANDLE: p["x"],
                        S.NAME: _full(p, rng) if rng.random() < 0.5 else None})
            elif platform == S.WHATSAPP and p["mobile"]:
                # WhatsApp shows a saved contact by the card's name, an unsaved one by the number
                if has_card:
                    key = " ".join(saved.split()).casefold()
                    add(p, {S.CONTACT_ID: f"whatsapp:name:{key}", S.PLATFORM: platform, S.NAME: saved})
                else:
                    phone = p["mobile"].replace(" ", "")
                    add(p, {S.CONTACT_ID: f"whatsapp:{phone}", S.PLATFORM: platform, S.NAME: p["mobile"],
                            S.PHONES: [p["mobile"]]})
            elif platform == S.EMAIL_PLATFORM and emails:
                for address in emails:
                    if rng.random() < 0.6 or address == emails[0]:
                        add(p, {S.CONTACT_ID: f"email:{address}", S.PLATFORM: platform,
                                S.NAME: _full(p, rng) if rng.random() < 0.7 else None, S.EMAILS: [address]})
            elif platform in card:
                card[platform] += 1
                phones = []
                if p["mobile"]:
                    phones.append(p["mobile"] if rng.random() < 0.5 else p["national"])
                if p["home"]:
                    phones.append(p["home"])
                if p["company"] and rng.random() < 0.3:
                    phones.append(switchboards[p["company"][1]])
                book_emails = [e for e in emails if rng.random() < 0.7]
                if p["company"] and rng.random() < 0.1:
                    book_emails.append(f"info@{p['company'][1]}.example")
                prefix = "vcard:contacts.vcf#" if platform == S.VCARD else "google_contacts:"
                add(p, {S.CONTACT_ID: f"{prefix}{card[platform]}", S.PLATFORM: platform,
                        S.NAME: saved, S.EMAILS: book_emails, S.PHONES: phones,
                        S.COMPANY: p["company"][0] if p["company"] and rng.random() < 0.6 else None})
    table = people(*rows)
    return table, pd.Series(truth).reindex(table[S.CONTACT_ID]).rename("person")


def measure(seed: int = 2026, n_persons: int = 400) -> dict:
    """Pairwise precision and recall of "same person" on a seeded synthetic population."""
    table, truth = _population_table(np.random.default_rng(seed), n_persons)
    result = resolve_identities(table)
    frame = pd.DataFrame({"found": result.ids.reindex(truth.index).to_numpy(), "true": truth.to_numpy()})

    def pairs(sizes: pd.Series) -> int:
        return int((sizes * (sizes - 1) // 2).sum())

    found, true = pairs(frame.groupby("found").size()), pairs(frame.groupby("true").size())
    correct = pairs(frame.groupby(["found", "true"]).size())
    offered = result.suggestions[S.PLATFORM_ID].map(truth) == result.suggestions[S.OTHER_ID].map(truth)
    # same-person pairs that share an exact key (e-mail, phone, profile URL, handle) directly
    nodes = _records(table, ())
    keys = _keys(table, nodes, (), ())
    keys["id"] = nodes[S.CONTACT_ID].to_numpy()[keys["node"].to_numpy()]
    keyed = keys.merge(keys, on="key")
    keyed = keyed[(keyed["id_x"] < keyed["id_y"]) & (keyed["id_x"].map(truth) == keyed["id_y"].map(truth))]
    keyed = keyed[["id_x", "id_y"]].drop_duplicates()
    return {
        "records": len(table),
        "persons": int(truth.nunique()),
        "true_pairs": true,
        "merged_pairs": found,
        "correct_pairs": correct,
        "precision": correct / found if found else 1.0,
        "recall": correct / true if true else 1.0,
        "suggestions": len(result.suggestions),
        "recall_of_pairs_sharing_a_key": float((keyed["id_x"].map(result.ids) == keyed["id_y"].map(result.ids)).mean()),
        # of the same-person pairs not merged, the share offered as a suggestion
        "missed_pairs_suggested": int(offered.sum()) / (true - correct) if true > correct else 1.0,
    }


# Measured with seed 2026 and 400 persons (run this file as a script): precision 1.0, recall 0.279,
# recall of the pairs that share a key 0.982, 54% of the missed pairs suggested.  Recall is low by design: most same-person pairs of
# this population share nothing but a name (Facebook, Instagram and X records carry little else,
# LinkedIn rarely shows e-mail addresses), and a name alone is only a suggestion.
RECALL_FLOOR = 0.25
KEYED_RECALL_FLOOR = 0.95


def test_synthetic_population_precision_and_recall():
    measured = measure()
    print(f"identity resolution on the synthetic population: {measured}")
    assert measured["records"] > 1000 and measured["persons"] >= 390
    assert measured["precision"] >= 0.99
    assert measured["recall"] >= RECALL_FLOOR
    assert measured["recall_of_pairs_sharing_a_key"] >= KEYED_RECALL_FLOOR
    assert measured["missed_pairs_suggested"] >= 0.5


if __name__ == "__main__":
    for seed in (2026, 1, 2, 3):
        print(seed, measure(seed))
