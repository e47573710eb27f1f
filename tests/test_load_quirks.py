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
from netstats import _schema as S
from netstats._archive import IGNORED

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
    csv.writer(buffer, lineterminator="", quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL).writerow(cells)
    return buffer.getvalue()


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
    return ex.ledger.set_index(S.FILE).loc[file].to_dict()


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


def test_an_export_without_a_single_record_is_an_error_not_an_empty_success(tmp_path):
    with pytest.raises(ns.NotAnExportError, match="no dated record"):
        ns.load(write_export(tmp_path, {"Connections.csv": connections_csv()}))


# ---------------------------------------------------------------- hidden profiles, padding, values
def test_hidden_profile_rows_are_excluded_and_counted(tmp_path):
    text = connections_csv(",,,,,,29 Jan 2026", "Bea,Lopez,https://www.linkedin.com/in/bea-lopez,,,,25 Feb 2026", ",,,,,,28 Jan 2026")
    ex = ns.load(write_export(tmp_path, {"Connections.csv": text}))
    assert ex.connections[S.CONTACT_ID].tolist() == ["bea-lopez"]
    assert ex.excluded.values.tolist() == [
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
