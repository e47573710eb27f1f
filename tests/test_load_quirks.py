"""One test per quirk of real LinkedIn exports (issue 2 item 5; research §7 checklist).

Each test writes a tiny hand-built export into a temporary folder and asserts
exact values.  The helpers at the top are shared with the other loader tests.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
import pytest

import netstats as ns
from netstats import schema as S
from netstats.sources._archive import IGNORED

PREAMBLE = (
    'Notes:\n"When exporting your connection data, you may notice that some of the email addresses are missing. '
    "You will only see email addresses for connections who have allowed their connections to see or download "
    "their email address using this setting https://www.linkedin.com/psettings/privacy/email. You can learn more "
    'here https://www.linkedin.com/help/linkedin/answer/261"\n\n'
)
CONNECTIONS_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
CONNECTIONS_HEADER_2020 = "First Name,Last Name,Email Address,Company,Position,Connected On"
MESSAGES_HEADER = (
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER,ATTACHMENTS"
)
MESSAGES_HEADER_2022 = "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,FOLDER"
MESSAGES_HEADER_DRAFTS = (
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER,"
    "IS MESSAGE DRAFT,IS CONVERSATION DRAFT"
)
INVITATIONS_HEADER = "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl"
INVITATIONS_HEADER_2022 = "From,To,Sent At,Message,Direction"
PROFILE_HEADER = (
    "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,Geo Location,"
    "Twitter Handles,Websites,Instant Messengers"
)
IN = "https://www.linkedin.com/in/"
OWNER_URL = IN + "ada-quill"


def line(*cells: str, quote_all: bool = False) -> str:
    """One CSV record (without line end), quoted as LinkedIn does: minimal, or every field."""
    buffer = io.StringIO()
    # The writer quotes fields holding a character of its line terminator: give it both CR and LF.
    csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL).writerow(cells)
    return buffer.getvalue().removesuffix("\r\n")


def write_export(folder: Path, files: dict[str, str | bytes]) -> Path:
    """Write the files (text as UTF-8, bytes as given) into ``folder`` and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (folder / name).write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return folder


def message(conv, sender, sender_url, to, to_urls, date, content, folder="INBOX", title="", subject="", attachments=""):
    return line(conv, title, sender, sender_url, to, to_urls, date, subject, content, folder, attachments)


def connections_csv(*rows: str, preamble: bool = True) -> str:
    """Connections.csv text: preamble, header, rows, no trailing newline (as LinkedIn writes it)."""
    return (PREAMBLE if preamble else "") + "\n".join([CONNECTIONS_HEADER, *rows])


def messages_csv(*rows: str, header: str = MESSAGES_HEADER) -> str:
    return "\n".join([header, *rows]) + "\n"


def invitations_csv(*rows: str, header: str = INVITATIONS_HEADER) -> str:
    return "\n".join([header, *rows]) + "\n"


def ledger_balances(ex: ns.Export) -> bool:
    led = ex.ledger
    return bool((led[S.ROWS_READ] == led[S.KEPT] + led[S.EXCLUDED] + led[S.QUARANTINED]).all())


def ledger_row(ex: ns.Export, file: str) -> dict:
    row = ex.ledger.set_index(S.FILE).loc[file].to_dict()
    assert row.pop(S.PLATFORM) == S.LINKEDIN
    return row


# A small 2025-format conversation set reused below: Ada (owner) and Bea.
BEA = IN + "bea-lopez"
TWO_MESSAGES = messages_csv(
    message("2-a==", "Bea Lopez", BEA, "Ada Quill", OWNER_URL, "2025-06-02 10:00:00 UTC", "Hi Ada"),
    message("2-a==", "Ada Quill", OWNER_URL, "Bea Lopez", BEA, "2025-06-01 09:00:00 UTC", "Hi Bea"),
)
OWNER_INVITATION = invitations_csv(
    line("Ada Quill", "Bea Lopez", "5/30/25, 9:00 AM", "", "OUTGOING", OWNER_URL, BEA),
)


# ---------------------------------------------------------------- header by signature
@pytest.mark.parametrize(
    "text, header_line",
    [
        pytest.param(CONNECTIONS_HEADER + "\nBea,Lopez,https://www.linkedin.com/in/bea-lopez,,Acme,CTO,05 Mar 2018", 1, id="deleted-preamble"),
        pytest.param(connections_csv("Bea,Lopez,https://www.linkedin.com/in/bea-lopez,,Acme,CTO,05 Mar 2018"), 4, id="preamble"),
        pytest.param(
            "\n" + CONNECTIONS_HEADER + "\nBea,Lopez,https://www.linkedin.com/in/bea-lopez,,Acme,CTO,05 Mar 2018", 2, id="only-the-blank-line-left"
        ),
    ],
)
def test_connections_header_is_found_by_signature(tmp_path, text, header_line):
    ex = ns.load(write_export(tmp_path, {"Connections.csv": text}))
    assert ex.connections[[S.CONTACT_ID, S.COMPANY, S.SOURCE_LINE]].values.tolist() == [["bea-lopez", "Acme", header_line + 1]]
    assert ledger_row(ex, "Connections.csv")[S.ROWS_READ] == 1


def test_lines_before_the_header_that_are_not_the_preamble_are_noted_not_silently_dropped(tmp_path):
    text = "Exported by a spreadsheet\nAnn,Lee\n" + CONNECTIONS_HEADER + "\n" + line("Bea", "Lopez", BEA, "", "", "", "05 Mar 2018")
    ex = ns.load(write_export(tmp_path / "odd", {"Connections.csv": text}))
    assert ex.connections[S.SOURCE_LINE].tolist() == [4]
    assert "Connections.csv: 2 line(s) before the header on line 3 were skipped; only LinkedIn's Notes: preamble was expected there" in ex.notes
    ex = ns.load(write_export(tmp_path / "linkedin", {"Connections.csv": connections_csv(line("Bea", "Lopez", BEA, "", "", "", "05 Mar 2018"))}))
    assert not any("before the header" in note for note in ex.notes)


def test_connections_without_preamble_and_without_url_column(tmp_path):
    text = CONNECTIONS_HEADER_2020 + "\nBea,Lopez,,Acme,CTO,14 Feb 2020\nCy,Ng,,,,13 Feb 2020"
    ex = ns.load(write_export(tmp_path, {"Connections.csv": text}))
    assert ex.connections[S.CONTACT_ID].tolist() == ["name:bea lopez", "name:cy ng"]
    assert ex.connections[S.PROFILE_URL].isna().all()
    assert ex.connections[S.SOURCE_LINE].tolist() == [2, 3]
    assert ledger_row(ex, "Connections.csv")[S.ERA] == "2018-21"


def test_the_preamble_is_never_taken_for_contacts(tmp_path):
    """A fixed skip of 3 lines is the classic bug; here the preamble and header hold no contact."""
    ex = ns.load(write_export(tmp_path, {"Connections.csv": connections_csv(), "messages.csv": TWO_MESSAGES}))
    assert len(ex.connections) == 0
    assert ledger_row(ex, "Connections.csv")[S.ROWS_READ] == 0
    assert ledger_row(ex, "messages.csv")[S.KEPT] == 2
    # issue 13 point 5: not a silent "no connections"
    assert "Connections.csv holds only its header: this export shows no connections (re-saved or emptied?)." in ex.notes


def test_an_export_without_a_single_record_is_an_error_not_an_empty_success(tmp_path):
    with pytest.raises(ns.NotAnExportError) as err:
        ns.load(write_export(tmp_path, {"Connections.csv": connections_csv()}))
    # issue 13 point 5: the error names the header-only file, not "the export holds no dated record"
    assert (err.value.file, err.value.line) == ("Connections.csv", None)
    assert str(err.value).startswith("Connections.csv: the file holds no connection rows (only its header)")
    with pytest.raises(ns.NotAnExportError, match="no dated record"):  # one row, hidden: no file is header-only
        ns.load(write_export(tmp_path / "hidden", {"Connections.csv": connections_csv(",,,,,,29 Jan 2026")}))


# ---------------------------------------------------------------- hidden profiles, padding, values
def test_hidden_profile_rows_are_excluded_and_counted(tmp_path):
    text = connections_csv(",,,,,,29 Jan 2026", "Bea,Lopez,https://www.linkedin.com/in/bea-lopez,,,,25 Feb 2026", ",,,,,,28 Jan 2026")
    ex = ns.load(write_export(tmp_path, {"Connections.csv": text}))
    assert ex.connections[S.CONTACT_ID].tolist() == ["bea-lopez"]
    assert ex.excluded.drop(columns=S.PLATFORM).values.tolist() == [
        ["Connections.csv", 5, "hidden profile (the row holds only a date)"],
        ["Connections.csv", 7, "hidden profile (the row holds only a date)"],
    ]
    assert ledger_row(ex, "Connections.csv") | {} == {S.ERA: "2023+", S.ROWS_READ: 3, S.KEPT: 1, S.EXCLUDED: 2, S.QUARANTINED: 0}
    assert ex.contacts[S.CONTACT_ID].tolist() == ["bea-lopez"]


def test_padding_is_stripped_from_every_field(tmp_path):
    text = connections_csv(' Bea  ,  Lopez ,  https://www.linkedin.com/in/bea-lopez/ , ," Acme, Inc ",\tCTO , 05 Mar 2018 ')
    ex = ns.load(write_export(tmp_path, {"Connections.csv": text}))
    row = ex.connections.iloc[0]
    assert (row[S.FIRST_NAME], row[S.LAST_NAME], row[S.NAME]) == ("Bea", "Lopez", "Bea Lopez")
    assert (row[S.COMPANY], row[S.POSITION], row[S.CONTACT_ID]) == ("Acme, Inc", "CTO", "bea-lopez")
    assert pd.isna(row[S.EMAIL])  # a blank cell is missing, not ''
    assert row[S.CONNECTED_ON] == pd.Timestamp("2018-03-05")


@pytest.mark.parametrize("value", ["NA", "null", "None", "N/A", "nan", "#N/A", "NULL", "0012", "1e5", "TRUE", "-0", "n/a"])
def test_na_like_and_number_like_values_stay_text(tmp_path, value):
    text = connections_csv(line(value, value, IN + "x-1", "", value, value, "05 Mar 2018"))
    msgs = messages_csv(message("2-a==", value, IN + "x-1", "Ada Quill", OWNER_URL, "2025-06-02 10:00:00 UTC", value))
    ex = ns.load(write_export(tmp_path, {"Connections.csv": text, "messages.csv": msgs}))
    row = ex.connections.iloc[0]
    assert [row[S.FIRST_NAME], row[S.LAST_NAME], row[S.COMPANY], row[S.POSITION]] == [value] * 4
    assert row[S.NAME] == f"{value} {value}"
    assert ex.messages[S.CONTENT].tolist() == [value]
    assert ex.messages[S.SENDER_NAME].tolist() == [value]
    assert ex.connections[S.COMPANY].dtype == S.STRING


def test_member_urn_in_the_email_column_is_not_an_email(tmp_path):
    text = connections_csv(
        line("Ann", "Lee", IN + "ann", "urn:li:member:123456", "", "", "05 Mar 2018"),
        line("Bo", "Ek", IN + "bo", "bo.ek@example.com", "", "", "05 Mar 2018"),
        line("Cy", "Ng", IN + "cy", "", "", "", "05 Mar 2018"),
    )
    ex = ns.load(write_export(tmp_path, {"Connections.csv": text}))
    assert ex.connections[[S.EMAIL, S.MEMBER_URN]].astype(object).where(ex.connections[[S.EMAIL, S.MEMBER_URN]].notna(), None).values.tolist() == [
        [None, "urn:li:member:123456"],
        ["bo.ek@example.com", None],
        [None, None],
    ]


# ---------------------------------------------------------------- quoting
def test_quoted_commas_quotes_and_newlines_are_one_field(tmp_path):
    text = connections_csv('Ines,"Okafor\nLindqvist",https://www.linkedin.com/in/ines,,"Acme, Inc.","Engineer, ""Platform""",14 Nov 2019')
    ex = ns.load(write_export(tmp_path, {"Connections.csv": text}))
    row = ex.connections.iloc[0]
    assert row[S.LAST_NAME] == "Okafor\nLindqvist"
    assert (row[S.COMPANY], row[S.POSITION]) == ("Acme, Inc.", 'Engineer, "Platform"')
    assert ledger_row(ex, "Connections.csv")[S.ROWS_READ] == 1


def test_2026_every_field_quoted_and_real_newlines_in_content(tmp_path):
    header = line(*MESSAGES_HEADER.split(","), quote_all=True)
    rows = [
        line("2-a==", "", "Bea Lopez", BEA, "Ada Quill", OWNER_URL, "2026-02-25 22:36:55 UTC", "", "one\ntwo\n\nthree", "INBOX", "", quote_all=True),
        line("2-a==", "", "Ada Quill", OWNER_URL, "Bea Lopez", BEA, "2026-02-24 10:00:00 UTC", "", "", "INBOX", "", quote_all=True),
    ]
    ex = ns.load(write_export(tmp_path, {"messages.csv": "\n".join([header, *rows]) + "\n", "Invitations.csv": OWNER_INVITATION}))
    assert ex.messages[[S.CONTENT, S.SOURCE_LINE]].astype(object).values.tolist() == [[pd.NA, 6], ["one\ntwo\n\nthree", 2]]
    assert ledger_row(ex, "messages.csv") == {S.ERA: "2026", S.ROWS_READ: 2, S.KEPT: 2, S.EXCLUDED: 0, S.QUARANTINED: 0}


# ---------------------------------------------------------------- identity
def test_percent_encoded_url_in_connections_joins_raw_unicode_elsewhere(tmp_path):
    text = connections_csv(line("Jürgen", "Müller", IN + "J%C3%BCrgen-M%C3%BCller-7b/", "", "", "", "10 Feb 2018"))
    juergen = IN + "Jürgen-Müller-7b"
    msgs = messages_csv(message("2-j==", "Jürgen Müller", juergen, "Ada Quill", OWNER_URL, "2025-06-02 10:00:00 UTC", "Hallo"))
    invs = invitations_csv(line("Jürgen Müller", "Ada Quill", "2/9/18, 9:00 AM", "", "INCOMING", juergen + "?trk=x", OWNER_URL))
    ex = ns.load(write_export(tmp_path, {"Connections.csv": text, "messages.csv": msgs, "Invitations.csv": invs}))
    assert ex.connections[S.CONTACT_ID].tolist() == ["jürgen-müller-7b"]
    assert ex.connections[S.PROFILE_URL].tolist() == [IN + "jürgen-müller-7b"]
    assert ex.messages[S.SENDER_ID].tolist() == ["jürgen-müller-7b"]
    assert ex.invitations[S.CONTACT_ID].tolist() == ["jürgen-müller-7b"]
    assert ex.contacts[[S.CONTACT_ID, S.IS_CONNECTION, S.SEEN_IN]].values.tolist() == [
        ["jürgen-müller-7b", True, "connections,invitations,messages"]
    ]


def test_same_name_different_urls_are_two_contacts(tmp_path):
    text = connections_csv(
        line("Sam", "Lee", IN + "sam-lee-1", "", "Gamma", "", "01 Dec 2017"),
        line("Sam", "Lee", IN + "sam-lee-2", "", "Delta", "", "02 Dec 2017"),
    )
    ex = ns.load(write_export(tmp_path, {"Connections.csv": text}))
    assert ex.contacts[[S.CONTACT_ID, S.NAME, S.COMPANY]].values.tolist() == [
        ["sam-lee-1", "Sam Lee", "Gamma"],
        ["sam-lee-2", "Sam Lee", "Delta"],
    ]


def test_same_name_without_urls_stays_two_connections(tmp_path):
    text = CONNECTIONS_HEADER_2020 + "\nSam,Lee,,Gamma,,01 Dec 2017\nSam,Lee,,Delta,,02 Dec 2017"
    ex = ns.load(write_export(tmp_path, {"Connections.csv": text}))
    assert ex.connections[S.CONTACT_ID].tolist() == ["name:sam lee", "name:sam lee#2"]
    assert len(ex.contacts) == 2


def test_a_url_less_connection_takes_the_url_its_name_has_in_messages(tmp_path):
    """2021-22 exports: Connections has no URL, messages.csv has sender URLs; one person stays one contact."""
    text = CONNECTIONS_HEADER_2020 + "\nBea,Lopez,,Acme,,05 Mar 2018\nCy,Ng,,,,06 Mar 2018"
    msgs = messages_csv(
        line("2-a==", "", "Bea Lopez", BEA, "Ada Quill", "2022-06-02 10:00:00 UTC", "", "Hi", "INBOX"),
        header=MESSAGES_HEADER_2022,
    )
    ex = ns.load(write_export(tmp_path, {"Connections.csv": text, "messages.csv": msgs}))
    assert ex.connections[S.CONTACT_ID].tolist() == ["bea-lopez", "name:cy ng"]
    assert ex.contacts[[S.CONTACT_ID, S.PROFILE_URL, S.IS_CONNECTION, S.SEEN_IN]].astype(object).values.tolist() == [
        ["bea-lopez", BEA, True, "connections,messages"],
        ["name:cy ng", pd.NA, True, "connections"],
    ]
    assert any("matched by name" in note for note in ex.notes)


# ---------------------------------------------------------------- participants
def test_group_recipients_come_from_the_url_list_and_to_is_never_split(tmp_path):
    chris = IN + "chris-park"
    msgs = messages_csv(
        message(
            "2-g==", "Bea Lopez", BEA, "Ada Quill,Chris Park, PhD,Dee", f"{OWNER_URL},{chris},{IN}dee", "2024-05-23 19:46:12 UTC", "hi all"
        ),
        message("2-c==", "Ada Quill", OWNER_URL, "Park, Chris", chris, "2024-05-24 08:00:00 UTC", "hi"),
    )
    ex = ns.load(write_export(tmp_path, {"messages.csv": msgs, "Invitations.csv": OWNER_INVITATION}))
    m = ex.messages.set_index(S.CONVERSATION_ID)
    assert list(m.loc["2-g==", S.RECIPIENT_IDS]) == ["ada-quill", "chris-park", "dee"]
    assert bool(m.loc["2-g==", S.IS_GROUP]) is True
    assert list(m.loc["2-c==", S.RECIPIENT_IDS]) == ["chris-park"]
    assert bool(m.loc["2-c==", S.IS_GROUP]) is False
    # the 1:1 TO names its one recipient, commas and all; the group TO names nobody
    assert ex.contacts[[S.CONTACT_ID, S.NAME]].astype(object).values.tolist() == [
        ["bea-lopez", "Bea Lopez"],
        ["chris-park", "Park, Chris"],
        ["dee", pd.NA],
    ]


def test_sponsored_rows_are_flagged_and_never_merged_into_one_person(tmp_path):
    spin = '<p class="spinmail-quill-editor__spin-break">Hi %FIRSTNAME%, an offer</p>'
    msgs = messages_csv(
        message("2-s1==", "LinkedIn Member", "", "Ada Quill", OWNER_URL, "2025-03-05 22:26:20 UTC", spin, title="Sponsored Conversation"),
        message("2-s2==", "LinkedIn Member", "", "Ada Quill", OWNER_URL, "2025-03-06 22:26:20 UTC", "Dear Ada", title="Sponsored Conversation"),
        message("2-s3==", "Acme Careers", "", "Ada Quill", OWNER_URL, "2025-03-07 22:26:20 UTC", spin, title="Your next role"),
        message("2-a==", "Bea Lopez", BEA, "Ada Quill", OWNER_URL, "2025-03-08 10:00:00 UTC", "Hi Ada"),
    )
    ex = ns.load(write_export(tmp_path, {"messages.csv": msgs, "Invitations.csv": OWNER_INVITATION}))
    m = ex.messages
    assert m[S.IS_SPONSORED].tolist() == [False, True, True, True]
    assert m.loc[m[S.IS_SPONSORED], S.SENDER_ID].isna().all()
    assert m.loc[m[S.IS_SPONSORED], S.CONTENT].tolist() == ["Hi %FIRSTNAME%, an offer", "Dear Ada", "Hi %FIRSTNAME%, an offer"]
    assert ex.contacts[S.CONTACT_ID].tolist() == ["bea-lopez"]


def test_old_inmail_html_becomes_text_and_other_markup_stays_as_written(tmp_path):
    inmail = '<p style="margin-bottom: 0px;">Hi Ada,&nbsp;we&rsquo;re hiring<br/>Apply today</p>'
    msgs = messages_csv(
        message("2-s==", "LinkedIn Member", "", "Ada Quill", OWNER_URL, "2019-03-05 22:26:20 UTC", inmail, title="Sponsored Conversation"),
        message("2-a==", "Bea Lopez", BEA, "Ada Quill", OWNER_URL, "2019-03-06 10:00:00 UTC", "<b>not</b> a paragraph &amp; kept"),
        message("2-a==", "Bea Lopez", BEA, "Ada Quill", OWNER_URL, "2019-03-07 10:00:00 UTC", "<p>unclosed paragraph"),
    )
    ex = ns.load(write_export(tmp_path, {"messages.csv": msgs, "Invitations.csv": OWNER_INVITATION}))
    assert ex.messages[S.CONTENT].tolist() == [
        "<b>not</b> a paragraph &amp; kept",
        "<p>unclosed paragraph",
        "Hi Ada, we\u2019re hiring\nApply today",  # &nbsp; is a space in text
    ]


def test_drafts_are_excluded_and_counted_yes_no_flag(tmp_path):
    header = MESSAGES_HEADER_DRAFTS
    rows = [
        line("", "", "Ada Quill", OWNER_URL, "", "", "2024-12-09 20:37:29 UTC", "", "draft, unsent", "", "Yes", "No"),
        line("2-a==", "", "Bea Lopez", BEA, "Ada Quill", OWNER_URL, "2024-12-08 10:00:00 UTC", "", "hi", "INBOX", "No", "No"),
    ]
    ex = ns.load(write_export(tmp_path, {"messages.csv": messages_csv(*rows, header=header), "Invitations.csv": OWNER_INVITATION}))
    assert ex.messages[S.CONTENT].tolist() == ["hi"]
    assert ex.excluded.drop(columns=S.PLATFORM).values.tolist() == [["messages.csv", 2, "draft (IS MESSAGE DRAFT = Yes)"]]
    assert ledger_row(ex, "messages.csv") == {S.ERA: "2024-12", S.ROWS_READ: 2, S.KEPT: 1, S.EXCLUDED: 1, S.QUARANTINED: 0}


def test_drafts_without_a_flag_column_are_the_rows_without_folder(tmp_path):
    msgs = messages_csv(
        message("2-a==", "Ada Quill", OWNER_URL, "Bea Lopez", BEA, "2025-06-02 10:00:00 UTC", "unsent", folder=""),
        message("2-a==", "Bea Lopez", BEA, "Ada Quill", OWNER_URL, "2025-06-01 10:00:00 UTC", "hi", folder="ARCHIVE"),
    )
    ex = ns.load(write_export(tmp_path, {"messages.csv": msgs, "Invitations.csv": OWNER_INVITATION}))
    assert ex.messages[[S.CONTENT, S.FOLDER]].values.tolist() == [["hi", "ARCHIVE"]]
    assert ex.excluded.drop(columns=S.PLATFORM).values.tolist() == [["messages.csv", 2, "draft (no FOLDER: unsent drafts have none)"]]


# ---------------------------------------------------------------- owner and direction
def test_owner_from_the_invitations_inviter_url(tmp_path):
    ex = ns.load(write_export(tmp_path, {"messages.csv": TWO_MESSAGES, "Invitations.csv": OWNER_INVITATION}))
    assert (ex.owner.name, ex.owner.profile_url, ex.owner.contact_id, ex.owner.found_by, ex.owner.confidence) == (
        "Ada Quill",
        OWNER_URL,
        "ada-quill",
        "Invitations.csv owner URL, confirmed by messages.csv (in 1 of 1 conversations)",
        "certain",
    )
    assert ex.messages[[S.SENDER_ID, S.DIRECTION]].values.tolist() == [["ada-quill", "sent"], ["bea-lopez", "received"]]


def test_owner_from_the_incoming_invitee_url(tmp_path):
    invs = invitations_csv(line("Bea Lopez", "Ada Quill", "5/30/25, 9:00 AM", "", "INCOMING", BEA, OWNER_URL))
    ex = ns.load(write_export(tmp_path, {"messages.csv": TWO_MESSAGES, "Invitations.csv": invs}))
    assert (ex.owner.contact_id, ex.owner.found_by) == (
        "ada-quill",
        "Invitations.csv owner URL, confirmed by messages.csv (in 1 of 1 conversations)",
    )
    assert ex.invitations[[S.CONTACT_ID, S.DIRECTION]].values.tolist() == [["bea-lopez", "received"]]


def test_owner_from_the_profile_name_matched_to_a_message_sender(tmp_path):
    profile = PROFILE_HEADER + "\nAda,Quill,,,,Data person,,,,,,,\n"
    invs = invitations_csv(line("Ada Quill", "Bea Lopez", "5/30/25, 9:00 AM", "", "OUTGOING"), header=INVITATIONS_HEADER_2022)
    ex = ns.load(write_export(tmp_path, {"messages.csv": TWO_MESSAGES, "Profile.csv": profile, "Invitations.csv": invs}))
    assert (ex.owner.name, ex.owner.contact_id, ex.owner.found_by) == (
        "Ada Quill",
        "ada-quill",
        "Profile.csv name, confirmed by messages.csv (in 1 of 1 conversations)",
    )
    assert ex.messages[S.DIRECTION].tolist() == ["sent", "received"]


def test_owner_from_the_participant_of_every_conversation(tmp_path):
    cy = IN + "cy-ng"
    msgs = messages_csv(
        message("2-a==", "Bea Lopez", BEA, "Ada Quill", OWNER_URL, "2025-06-02 10:00:00 UTC", "Hi Ada"),
        message("2-b==", "Cy Ng", cy, "Ada Quill", OWNER_URL, "2025-06-03 10:00:00 UTC", "Hello"),
        message("2-b==", "Ada Quill", OWNER_URL, "Cy Ng", cy, "2025-06-04 10:00:00 UTC", "Hello Cy"),
    )
    ex = ns.load(write_export(tmp_path, {"messages.csv": msgs}))
    assert (ex.owner.name, ex.owner.contact_id, ex.owner.found_by, ex.owner.confidence, ex.owner.share) == (
        "Ada Quill",
        "ada-quill",
        "messages.csv: in 2 of 2 conversations (as sender, in TO, in RECIPIENT PROFILE URLS)",
        "certain",
        1.0,
    )
    assert ex.messages[[S.SENDER_ID, S.DIRECTION]].values.tolist() == [
        ["bea-lopez", "received"],
        ["cy-ng", "received"],
        ["ada-quill", "sent"],
    ]


def test_2018_direction_column_gives_the_owner(tmp_path):
    msgs = (
        "From,To,Date,Subject,Content,Direction,Folder\n"
        'Ada Quill,Bea Lopez,"8/18/18, 12:38 AM",,Hi Bea,OUTGOING,SENT\n'
        'Bea Lopez,Ada Quill,"10/16/18, 8:36 AM",Re,"Hi, Ada",INCOMING,INBOX\n'
    )
    ex = ns.load(write_export(tmp_path, {"Messages.csv": msgs}))
    assert (ex.owner.name, ex.owner.contact_id, ex.owner.found_by) == ("Ada Quill", "name:ada quill", "2018 Direction column")
    m = ex.messages
    assert m[[S.SENDER_ID, S.DIRECTION, S.FOLDER, S.CONVERSATION_ID]].values.tolist() == [
        ["name:ada quill", "sent", "SENT", "2018:name:bea lopez"],
        ["name:bea lopez", "received", "INBOX", "2018:name:bea lopez"],
    ]
    assert m[S.SENT_AT].tolist() == [pd.Timestamp("2018-08-18 00:38", tz="UTC"), pd.Timestamp("2018-10-16 08:36", tz="UTC")]
    assert ledger_row(ex, "Messages.csv")[S.ERA] == "2018"


# ---------------------------------------------------------------- times
def test_message_times_are_utc_and_invitation_times_naive(tmp_path):
    invs = invitations_csv(
        line("Ada Quill", "Bea Lopez", "1/29/26, 2:37 PM", "", "OUTGOING", OWNER_URL, BEA),
        line("Cy Ng", "Ada Quill", "1/30/26, 2:37\u202fAM", "", "INCOMING", IN + "cy", OWNER_URL),
    )
    ex = ns.load(write_export(tmp_path, {"messages.csv": TWO_MESSAGES, "Invitations.csv": invs}))
    assert str(ex.messages[S.SENT_AT].dtype) == "datetime64[ns, UTC]"
    assert ex.messages[S.SENT_AT].tolist() == [pd.Timestamp("2025-06-01 09:00", tz="UTC"), pd.Timestamp("2025-06-02 10:00", tz="UTC")]
    assert str(ex.invitations[S.SENT_AT].dtype) == "datetime64[ns]"
    assert ex.invitations[S.SENT_AT].tolist() == [pd.Timestamp("2026-01-29 14:37"), pd.Timestamp("2026-01-30 02:37")]
    assert S.INVITATIONS_NAIVE_NOTE in ex.notes


@pytest.mark.parametrize(
    "written, parsed",
    [("08 Feb 2026", "2026-02-08"), ("1/8/18, 6:14 PM", "2018-01-08 18:14"), ("23-Apr-23", "2023-04-23")],
    ids=["2020+", "2018", "excel-resave"],
)
def test_connected_on_formats(tmp_path, written, parsed):
    ex = ns.load(write_export(tmp_path, {"Connections.csv": connections_csv(line("A", "B", IN + "ab", "", "", "", written))}))
    assert ex.connections[S.CONNECTED_ON].tolist() == [pd.Timestamp(parsed)]


def test_messages_are_sorted_by_conversation_then_time(tmp_path):
    msgs = messages_csv(
        message("2-b==", "Bea Lopez", BEA, "Ada Quill", OWNER_URL, "2025-06-03 10:00:00 UTC", "b2"),
        message("2-b==", "Bea Lopez", BEA, "Ada Quill", OWNER_URL, "2025-06-01 10:00:00 UTC", "b1"),
        message("2-a==", "Bea Lopez", BEA, "Ada Quill", OWNER_URL, "2025-06-02 10:00:00 UTC", "a1"),
    )
    ex = ns.load(write_export(tmp_path, {"messages.csv": msgs, "Invitations.csv": OWNER_INVITATION}))
    assert ex.messages[[S.CONTENT, S.SOURCE_LINE]].values.tolist() == [["a1", 4], ["b1", 3], ["b2", 2]]


# ---------------------------------------------------------------- files
def test_placeholder_and_header_only_message_files_are_ignored(tmp_path):
    files = {
        "messages.csv": TWO_MESSAGES,
        "Invitations.csv": OWNER_INVITATION,
        "coach_messages.csv": MESSAGES_HEADER + "\n\n\n",
        "guide_messages.csv": MESSAGES_HEADER + "\n",
        "LearningCoachMessages.csv": "No conversations found\n",
        "Profile Summary.csv": "Profile Summary\n\n",
    }
    ex = ns.load(write_export(tmp_path, files))
    assert len(ex.messages) == 2
    ignored = ex.files.loc[ex.files[S.STATUS].eq(IGNORED), S.FILE].tolist()
    assert ignored == ["LearningCoachMessages.csv", "Profile Summary.csv", "coach_messages.csv", "guide_messages.csv"]
    assert sorted(ex.ledger[S.FILE]) == ["Invitations.csv", "messages.csv"]


@pytest.mark.parametrize("content", ["No conversations found\n", "", MESSAGES_HEADER + "\n\n\n", MESSAGES_HEADER])
def test_a_messages_file_holding_no_conversation_is_empty_not_an_error(tmp_path, content):
    ex = ns.load(write_export(tmp_path, {"messages.csv": content, "Invitations.csv": OWNER_INVITATION}))
    assert len(ex.messages) == 0
    assert ledger_row(ex, "messages.csv")[S.ROWS_READ] == 0


def test_bom_and_crlf(tmp_path):
    text = "\ufeff" + connections_csv(",,,,,,29 Jan 2026", line("Bea", "Lopez", BEA, "", "Acme", "CTO", "25 Feb 2026")).replace("\n", "\r\n")
    ex = ns.load(write_export(tmp_path, {"Connections.csv": text}))
    assert ex.connections[[S.CONTACT_ID, S.POSITION, S.SOURCE_LINE]].values.tolist() == [["bea-lopez", "CTO", 6]]
    assert ex.excluded[S.LINE].tolist() == [5]


def test_crlf_with_newlines_inside_a_quoted_field(tmp_path):
    rows = [message("2-a==", "Bea Lopez", BEA, "Ada Quill", OWNER_URL, "2025-06-02 10:00:00 UTC", "one\r\ntwo"),
            message("2-a==", "Ada Quill", OWNER_URL, "Bea Lopez", BEA, "2025-06-03 10:00:00 UTC", "three")]
    text = (MESSAGES_HEADER + "\r\n" + "\r\n".join(rows) + "\r\n")
    ex = ns.load(write_export(tmp_path, {"messages.csv": text, "Invitations.csv": OWNER_INVITATION}))
    assert ex.messages[[S.CONTENT, S.SOURCE_LINE]].values.tolist() == [["one\r\ntwo", 2], ["three", 4]]


def test_utf16le_tsv_with_bom(tmp_path):
    rows = ["\t".join(f'"{c}"' for c in CONNECTIONS_HEADER.split(",")), '"Bea"\t"Lopez"\t"' + BEA + '"\t""\t"Acme, Inc."\t"CTO"\t"05 Mar 2018"']
    data = "\r\n".join(rows).encode("utf-16")  # little-endian with BOM on this platform
    assert data[:2] == b"\xff\xfe"
    ex = ns.load(write_export(tmp_path, {"Connections.csv": data}))
    assert ex.connections[[S.CONTACT_ID, S.COMPANY, S.SOURCE_LINE]].values.tolist() == [["bea-lopez", "Acme, Inc.", 2]]


def test_trailing_blank_lines_are_not_records(tmp_path):
    text = connections_csv(line("Bea", "Lopez", BEA, "", "", "", "05 Mar 2018")) + "\n\n\n"
    ex = ns.load(write_export(tmp_path, {"Connections.csv": text}))
    assert ledger_row(ex, "Connections.csv") == {S.ERA: "2023+", S.ROWS_READ: 1, S.KEPT: 1, S.EXCLUDED: 0, S.QUARANTINED: 0}


def test_a_row_of_empty_fields_is_an_excluded_record(tmp_path):
    text = connections_csv(",,,,,,", line("Bea", "Lopez", BEA, "", "", "", "05 Mar 2018"))
    ex = ns.load(write_export(tmp_path, {"Connections.csv": text}))
    assert ex.excluded.drop(columns=S.PLATFORM).values.tolist() == [["Connections.csv", 5, "empty row"]]
    assert ledger_balances(ex)


def test_unknown_header_fails_loudly_naming_file_and_header(tmp_path):
    with pytest.raises(ns.ExportFormatError) as err:
        ns.load(write_export(tmp_path, {"Connections.csv": "Vorname,Nachname,Firma\nBea,Lopez,Acme\n"}))
    assert err.value.file == "Connections.csv"
    assert err.value.line == 1
    # issue 13 point 9: the first line may be a data row (the header missing): its shape, never its text
    assert "the first line has 3 field(s), shaped 'Aaaaaaa,Aaaaaaaa,Aaaaa'" in str(err.value)
    assert "Vorname" not in str(err.value)
    assert "First Name,Last Name" in str(err.value)  # what was expected


def test_missing_required_column_fails(tmp_path):
    text = "CONVERSATION ID,FROM,SENDER PROFILE URL,TO,DATE,CONTENT\n2-a==,Bea Lopez,,Ada Quill,2025-06-02 10:00:00 UTC,Hi\n"
    with pytest.raises(ns.ExportFormatError) as err:
        ns.load(write_export(tmp_path, {"messages.csv": text}))
    assert (err.value.file, err.value.line) == ("messages.csv", 1)
    assert "lacks the column(s) FOLDER" in str(err.value)


def test_company_and_position_trimmed_by_a_spreadsheet_are_left_empty_with_a_note(tmp_path):
    """Issue 13 point 4: a re-save with columns trimmed still loads."""
    text = "First Name,Last Name,Connected On\nBea,Lopez,05 Mar 2018"
    ex = ns.load(write_export(tmp_path, {"Connections.csv": text}))
    assert ex.connections[[S.NAME, S.COMPANY, S.POSITION]].astype(object).values.tolist() == [["Bea Lopez", pd.NA, pd.NA]]
    assert "Connections.csv: the column(s) Company, Position are not in the file (trimmed by a spreadsheet?); left empty" in ex.notes


def test_columns_are_matched_by_name_in_any_order_and_case(tmp_path):
    text = "connected on,COMPANY,Last Name,first name,url,position\n05 Mar 2018,Acme,Lopez,Bea," + BEA + ",CTO"
    ex = ns.load(write_export(tmp_path, {"Connections.csv": text}))
    assert ex.connections[[S.CONTACT_ID, S.NAME, S.COMPANY, S.POSITION]].values.tolist() == [["bea-lopez", "Bea Lopez", "Acme", "CTO"]]


def test_212_inbox_rows_give_a_note(tmp_path):
    rows = [message(f"2-{i}==", "Bea Lopez", BEA, "Ada Quill", OWNER_URL, f"2025-06-01 10:{i // 60:02d}:{i % 60:02d} UTC", "hi") for i in range(212)]
    ex = ns.load(write_export(tmp_path, {"messages.csv": messages_csv(*rows), "Invitations.csv": OWNER_INVITATION}))
    assert any("exactly 212 INBOX rows" in note for note in ex.notes)
    rows.append(message("2-x==", "Bea Lopez", BEA, "Ada Quill", OWNER_URL, "2025-06-02 10:00:00 UTC", "hi"))
    ex = ns.load(write_export(tmp_path / "213", {"messages.csv": messages_csv(*rows), "Invitations.csv": OWNER_INVITATION}))
    assert not any("212" in note for note in ex.notes)
