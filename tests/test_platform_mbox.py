"""E-mail from an mbox (Gmail Takeout): headers only.

``tests/fixtures/mbox/mbox-gmail/`` holds a hand-written Takeout mbox in Gmail's
bytes (``From <id>@xxx <date>`` separators, ``X-GM-THRID``, ``X-Gmail-Labels``,
CRLF): a thread of three with replies (one reply with ``multipart/mixed``, a
folded ``References``, a quoted ``"Lee, Ann"`` name), a group mail with Cc and
Bcc, a newsletter and a no-reply receipt (bulk), an RFC 2047 name and subject,
a mail with a bad date, one without From, a spam, a draft, and two mails from
another account threaded by ``In-Reply-To`` (one dated ``-0000``).  A body line
starting ``From what I hear`` must not split a mail.  The people are synthetic.

``expected/*.golden.csv`` is what :func:`netstats.sources._mbox.read` must produce.
Regenerate after an intended change and review the diff::

    .venv/bin/python tests/test_platform_mbox.py
"""

from __future__ import annotations

import sys
from datetime import datetime, timedelta, timezone
from email.header import Header
from email.utils import format_datetime, formataddr
from pathlib import Path

import goldens
import pandas as pd
import pytest
from goldens import golden_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netstats import schema as S
from netstats._errors import ExportFormatError
from netstats.sources import _mbox as M
from netstats.sources._archive import SourceFile

FIXTURES = Path(__file__).parent / "fixtures" / "mbox"
ERAS_DIR = Path(__file__).parent / "fixtures" / "eras"
CASES = {"mbox-gmail": "All mail Including Spam and Trash.mbox"}
GOLDEN_TABLES = ("messages", "people", "ledger", "excluded", "quarantine", "owner")
OWEN = "email:owen@example.org"


# ---------------------------------------------------------------- golden text form
def source(case: str = "mbox-gmail") -> SourceFile:
    name = CASES[case]
    return SourceFile(M.MBOX, name, (FIXTURES / case / name).read_bytes(), M.FAMILY)


def read_case(case: str):
    [part] = M.read([source(case)], source=str(FIXTURES / case))
    return part


def _tables(part) -> dict[str, pd.DataFrame]:
    tables = {name: golden_text(getattr(part, name)) for name in GOLDEN_TABLES if name != "owner"}
    owner = part.owner
    tables["owner"] = golden_text(
        pd.DataFrame(
            {
                "name": [owner.name],
                "contact_id": [owner.contact_id],
                "found_by": [owner.found_by],
                "latest": [part.latest.isoformat()],
                "notes": [" | ".join(part.notes)],
            },
            dtype="string",
        )
    )
    return tables


def write_golden(*cases: str) -> None:
    """Write ``expected/*.golden.csv``: run by hand, then review the diff."""
    for case in cases or CASES:
        goldens.write_goldens(FIXTURES / case / "expected", _tables(read_case(case)))


def read_golden(case: str, name: str) -> pd.DataFrame:
    return goldens.read_golden(FIXTURES / case / "expected", name)


@pytest.fixture(scope="module")
def part():
    return read_case("mbox-gmail")


@pytest.mark.parametrize("table", GOLDEN_TABLES)
def test_read_reproduces_the_golden_table(part, table):
    actual = _tables(part)[table]
    expected = read_golden("mbox-gmail", table)
    if expected.empty:
        expected, actual = expected.astype(object), actual.astype(object)
    pd.testing.assert_frame_equal(actual, expected, check_dtype=False, check_index_type=False)


def test_the_golden_files_cover_every_fixture():
    assert sorted(p.name for p in FIXTURES.iterdir() if p.is_dir()) == sorted(CASES)
    for case in CASES:
        assert {p.name.removesuffix(".golden.csv") for p in (FIXTURES / case / "expected").glob("*.golden.csv")} == set(GOLDEN_TABLES)


# ---------------------------------------------------------------- exact values, by hand
def test_ledger_counts_and_reasons(part):
    [row] = part.ledger.to_dict("records")
    assert (row[S.ROWS_READ], row[S.KEPT], row[S.EXCLUDED], row[S.QUARANTINED], row[S.ERA]) == (13, 7, 4, 2, "gmail")
    assert part.excluded[[S.LINE, S.REASON]].values.tolist() == [
        [65, M.REASON_BULK],
        [80, M.REASON_BULK],
        [120, M.REASON_SPAM],
        [130, M.REASON_DRAFT],
    ]
    assert part.quarantine[[S.LINE, S.REASON]].values.tolist() == [[101, M.REASON_NO_DATE], [111, M.REASON_NO_FROM]]
    assert part.quarantine[S.RAW].str.contains("X-GM-THRID: 179000000000000000").all()
    assert len(part.messages) == 7 and part.connections.empty and part.invitations.empty
    for table in (part.messages, part.people, part.ledger, part.excluded, part.quarantine):
        assert table[S.PLATFORM].eq(S.EMAIL_PLATFORM).all()
    assert list(part.messages.columns) == list(S.MESSAGES_COLUMNS)


def test_owner_from_the_sent_label(part):
    assert (part.owner.name, part.owner.contact_id, part.owner.found_by) == ("Owen Owner", OWEN, "the sender of the mails labelled Sent")
    assert part.latest == pd.Timestamp("2024-01-16 12:00", tz="UTC")
    assert part.notes[0] == M.NOTE_NO_BODIES
    assert "1 mail(s) have a Date with no time zone" in part.notes[1]


def test_thread_of_three_and_directions(part):
    thread = part.messages.loc[part.messages[S.CONVERSATION_ID].eq("email:1790000000000000001")]
    assert thread[S.SENT_AT].tolist() == [
        pd.Timestamp("2024-01-08 09:00", tz="UTC"),  # 10:00 +0100
        pd.Timestamp("2024-01-08 12:30", tz="UTC"),
        pd.Timestamp("2024-01-09 13:15", tz="UTC"),  # 08:15 -0500
    ]
    assert thread[S.DIRECTION].tolist() == [S.RECEIVED, S.SENT, S.RECEIVED]
    assert thread[S.SENDER_ID].tolist() == ["email:ann.lee@example.org", OWEN, "email:ann.lee@example.org"]
    assert thread[S.SENDER_NAME].tolist() == ["Ann Lee", "Owen Owner", "Lee, Ann"]
    assert [list(r) for r in thread[S.RECIPIENT_IDS]] == [[OWEN], ["email:ann.lee@example.org"], [OWEN, "email:bo@example.org"]]
    assert thread[S.IS_GROUP].tolist() == [False, False, True]
    assert thread[S.HAS_ATTACHMENT].tolist() == [False, False, True]
    assert thread[S.CONVERSATION_TITLE].eq("Lunch next week?").all()
    assert thread[S.FOLDER].tolist() == ["Inbox,Opened,Category Personal", "Sent,Opened", "Inbox,Important,Opened"]
    assert thread[S.CONTENT].isna().all() and not thread[S.IS_SPONSORED].any() and thread[S.SENDER_URL].isna().all()


def test_group_mail_recipients_include_cc_and_bcc(part):
    [group] = part.messages.loc[part.messages[S.SUBJECT].eq("Team offsite")].to_dict("records")
    assert list(group[S.RECIPIENT_IDS]) == [
        "email:ann.lee@example.org",
        "email:bo@example.org",
        "email:carol@acme.example",
        "email:dan@example.org",
    ]
    assert group[S.IS_GROUP] and group[S.DIRECTION] == S.SENT and group[S.SENDER_ID] == OWEN


def test_rfc2047_names_and_subjects_are_decoded(part):
    [mail] = part.messages.loc[part.messages[S.CONVERSATION_ID].eq("email:1790000000000000005")].to_dict("records")
    assert (mail[S.SENDER_NAME], mail[S.SUBJECT]) == ("Jürgen Müller", "Grüße aus Berlin")
    assert list(mail[S.RECIPIENT_IDS]) == [OWEN, "email:elodie.durand@example.fr"]
    assert mail[S.SENT_AT] == pd.Timestamp("2024-01-13 10:00", tz="UTC")


def test_threads_without_gmail_ids_follow_in_reply_to(part):
    other = part.messages.loc[part.messages[S.CONVERSATION_ID].eq("email:c1@acme.example")]
    assert other[S.SUBJECT].tolist() == ["Contract draft", "Re: Contract draft"]
    assert other[S.FOLDER].isna().all() and other[S.CONVERSATION_TITLE].eq("Contract draft").all()
    assert other[S.SENT_AT].iloc[0] == pd.Timestamp("2024-01-16 10:00", tz="UTC")  # -0000 read as UTC


def test_people_are_everyone_but_the_owner_with_their_most_used_name(part):
    people = part.people.set_index(S.CONTACT_ID)
    assert people.index.tolist() == [
        "email:ann.lee@example.org",
        "email:bo@example.org",
        "email:carol@acme.example",
        "email:dan@example.org",
        "email:elodie.durand@example.fr",
        "email:juergen@example.de",
    ]
    assert people[S.NAME].tolist()[:3] == ["Ann Lee", "Bo Ek", "Carol Diaz"]
    assert people.loc["email:dan@example.org", S.NAME] is pd.NA
    assert list(people.loc["email:ann.lee@example.org", S.EMAILS]) == ["ann.lee@example.org"]
    assert people[S.SEEN_IN].eq("messages").all() and not people[S.IS_CONNECTION].any()
    # Senders of bulk mail, spam and drafts' recipients are not people.
    assert not people.index.str.contains("acme.example/news|news@|no-reply|prize", regex=True).any()


def test_messages_are_sorted_by_conversation_time_and_line(part):
    key = part.messages[[S.CONVERSATION_ID, S.SENT_AT, S.SOURCE_LINE]]
    assert key.equals(key.sort_values([S.CONVERSATION_ID, S.SENT_AT, S.SOURCE_LINE]).reset_index(drop=True))


# ---------------------------------------------------------------- detection
def test_sniff_and_claim():
    assert M.sniff(source().data[:4096]) == M.MBOX
    assert M.claim("Takeout/Mail/All mail Including Spam and Trash.mbox") == M.MBOX
    assert M.claim("mail.txt") is None and M.REPEATABLE == {M.MBOX}
    for path in sorted(ERAS_DIR.glob("*/*.csv")):
        assert M.sniff(path.read_bytes()[:4096]) is None, path
    for head in (
        b"From: Ann <ann@example.org>\r\nTo: bo@example.org\r\n",  # an .eml, not an mbox
        b"From here on, a diary\r\nDear diary\r\n",
        b"BEGIN:VCARD\r\nVERSION:3.0\r\n",
        b"[31/12/2024, 12:34:56] Bob: hey\r\n",
        "1/4/23, 7:02\u202fPM - Person 1: text\n".encode(),
        b'{"messages": []}',
        b"",
    ):
        assert M.sniff(head) is None, head


# ---------------------------------------------------------------- owner rules
def _mail(sender: str, to: str, date: str, subject: str = "Hi", extra: str = "", separator: str = "From x@xxx Mon Jan 08 10:00:00 +0000 2024") -> str:
    return f"{separator}\r\nFrom: {sender}\r\nTo: {to}\r\nDate: {date}\r\nSubject: {subject}\r\n{extra}\r\nbody\r\n"


def _mbox(*mails: str, name: str = "mail.mbox") -> SourceFile:
    return SourceFile(M.MBOX, name, "".join(mails).encode("utf-8"), M.FAMILY)


def test_owner_from_the_address_in_most_mails_without_labels():
    src = _mbox(
        _mail("Ann <ann@example.org>", "me@example.org", "Mon, 8 Jan 2024 10:00:00 +0000"),
        _mail("Me <me@example.org>", "ann@example.org", "Mon, 8 Jan 2024 11:00:00 +0000"),
        _mail("Bo <bo@example.org>", "me@example.org", "Mon, 8 Jan 2024 12:00:00 +0000"),
    )
    [part] = M.read([src], source="x")
    assert (part.owner.contact_id, part.owner.name, part.owner.found_by) == ("email:me@example.org", "Me", "the address present in most mails")
    # No Message-ID: each mail is its own conversation, 'email:<file>#<line>'.
    by_line = part.messages.sort_values(S.SOURCE_LINE)
    assert by_line[S.CONVERSATION_ID].tolist() == ["email:mail.mbox#1", "email:mail.mbox#8", "email:mail.mbox#15"]
    assert by_line[S.DIRECTION].tolist() == [S.RECEIVED, S.SENT, S.RECEIVED]
    assert part.ledger[S.ERA].tolist() == [M.ERA_MBOX]


def test_owner_that_cannot_be_told_asks_for_owner():
    two = _mbox(
        _mail("Ann <ann@example.org>", "bo@example.org", "Mon, 8 Jan 2024 10:00:00 +0000"),
        _mail("Bo <bo@example.org>", "ann@example.org", "Mon, 8 Jan 2024 11:00:00 +0000"),
    )
    with pytest.raises(ExportFormatError) as err:
        M.read([two], source="x")
    assert "owner=" in err.value.fix and err.value.file == "mail.mbox"
    [part] = M.read([two], source="x", owner=["Bo Ek", "BO@example.org"])
    assert (part.owner.contact_id, part.owner.found_by) == ("email:bo@example.org", "owner= addresses")
    assert part.messages.sort_values(S.SOURCE_LINE)[S.DIRECTION].tolist() == [S.RECEIVED, S.SENT]
    with pytest.raises(ExportFormatError, match="none of the owner= e-mail addresses"):
        M.read([two], source="x", owner=["cy@example.org"])


def test_owner_aliases_map_to_one_id():
    src = _mbox(
        _mail("Me <me@work.example>", "ann@example.org", "Mon, 8 Jan 2024 10:00:00 +0000"),
        _mail("Ann <ann@example.org>", "me@home.example", "Mon, 8 Jan 2024 11:00:00 +0000"),
        _mail("Me <me@home.example>", "ann@example.org, me@work.example", "Mon, 8 Jan 2024 12:00:00 +0000"),
    )
    [part] = M.read([src], source="x", owner=["me@work.example", "me@home.example"])
    assert part.owner.contact_id == "email:me@home.example"  # in more mails
    messages = part.messages.sort_values(S.SOURCE_LINE)
    assert messages[S.SENDER_ID].tolist() == ["email:me@home.example", "email:ann@example.org", "email:me@home.example"]
    assert [list(r) for r in messages[S.RECIPIENT_IDS]] == [["email:ann@example.org"], ["email:me@home.example"], ["email:ann@example.org"]]
    assert part.people[S.CONTACT_ID].tolist() == ["email:ann@example.org"]


def test_received_mail_includes_the_owner_even_when_bcc():
    src = _mbox(
        _mail("Ann <ann@example.org>", "list@lists.example", "Mon, 8 Jan 2024 10:00:00 +0000"),
        _mail("Me <me@example.org>", "ann@example.org", "Mon, 8 Jan 2024 11:00:00 +0000"),
    )
    [part] = M.read([src], source="x", owner=["me@example.org"])
    messages = part.messages.sort_values(S.SOURCE_LINE)
    assert [list(r) for r in messages[S.RECIPIENT_IDS]] == [["email:list@lists.example", "email:me@example.org"], ["email:ann@example.org"]]
    assert messages[S.IS_GROUP].tolist() == [True, False]


# ---------------------------------------------------------------- hostile input
def test_no_separator_is_a_clear_error():
    for data in (b"", b"hello\r\n", b"From: ann@example.org\r\nSubject: x\r\n\r\nbody\r\n"):
        with pytest.raises(ExportFormatError) as err:
            M.read([SourceFile(M.MBOX, "x.mbox", data, M.FAMILY)], source="x")
        assert "separator" in err.value.problem and "takeout" in err.value.fix


def test_bad_records_are_quarantined_and_the_ledger_balances():
    huge = "X-Junk: " + "a" * (M.MAX_HEADER_BYTES + 10) + "\r\n"
    src = _mbox(
        "garbage before the first mail\r\n",
        _mail("Ann <ann@example.org>", "me@example.org", "Mon, 8 Jan 1900 10:00:00 +0000"),
        _mail("Ann <ann@example.org>", "me@example.org", "Mon, 8 Jan 2999 10:00:00 +0000"),
        _mail("Ann <ann@example.org>", "me@example.org", "Mon, 8 Jan 2024 10:00:00 +0000", extra=huge),
        _mail("<script>alert(1)</script>", "me@example.org", "Mon, 8 Jan 2024 10:00:00 +0000"),
        _mail("Ann <ann@example.org>", "me@example.org", "Mon, 8 Jan 2024 10:00:00 +0000"),
    )
    [part] = M.read([src], source="x", owner=["me@example.org"])
    assert part.quarantine[[S.LINE, S.REASON]].values.tolist() == [
        [1, M.REASON_PREAMBLE],
        [2, M.REASON_DATE_RANGE],
        [9, M.REASON_DATE_RANGE],
        [16, M.REASON_HUGE],
        [24, M.REASON_NO_FROM],
    ]
    assert part.quarantine[S.RAW].str.len().max() <= M.MAX_RAW_CHARS
    row = part.ledger.iloc[0]
    assert (row[S.ROWS_READ], row[S.KEPT], row[S.EXCLUDED], row[S.QUARANTINED]) == (6, 1, 0, 5)


def test_duplicates_across_files_and_bulk_headers_are_excluded():
    one = _mail("Ann <ann@example.org>", "me@example.org", "Mon, 8 Jan 2024 10:00:00 +0000", extra="Message-ID: <m1@example.org>\r\n")
    auto = _mail("Ann <ann@example.org>", "me@example.org", "Mon, 8 Jan 2024 11:00:00 +0000", extra="Auto-Submitted: auto-replied\r\n")
    bounce = _mail("Mail Delivery <MAILER-DAEMON@example.org>", "me@example.org", "Mon, 8 Jan 2024 12:00:00 +0000")
    parts = M.read([_mbox(one, name="Inbox.mbox"), _mbox(one, auto, bounce, name="Work.mbox")], source="x", owner=["me@example.org"])
    [part] = parts
    assert part.excluded[[S.FILE, S.REASON]].values.tolist() == [
        ["Work.mbox", M.REASON_DUPLICATE],
        ["Work.mbox", M.REASON_BULK],
        ["Work.mbox", M.REASON_BULK],
    ]
    assert part.ledger[[S.FILE, S.ROWS_READ, S.KEPT, S.EXCLUDED]].values.tolist() == [["Inbox.mbox", 1, 1, 0], ["Work.mbox", 3, 0, 3]]


def test_eight_bit_headers_bidi_and_html_names():
    raw = (
        "From x@xxx Mon Jan 08 10:00:00 +0000 2024\r\n".encode()
        + "From: M\u00fcller <mueller@example.org>\r\n".encode("latin-1")
        + b"To: me@example.org\r\nDate: Mon, 8 Jan 2024 10:00:00 +0000\r\nSubject: =?x-unknown?Q?abc?=\r\n\r\nbody\r\n"
        + _mail('"\u202eevil\u200b <b>Bo</b>" <bo@example.org>', "me@example.org", "Mon, 8 Jan 2024 11:00:00 +0000").encode()
    )
    [part] = M.read([SourceFile(M.MBOX, "m.mbox", raw, M.FAMILY)], source="x", owner=["me@example.org"])
    messages = part.messages.sort_values(S.SOURCE_LINE)
    assert messages[S.SENDER_NAME].tolist() == ["Müller", "\u202eevil\u200b <b>Bo</b>"]
    assert messages[S.SUBJECT].tolist() == ["=?x-unknown?Q?abc?=", "Hi"]  # unknown charset: kept as written
    assert any("not UTF-8; decoded as Latin-1" in n for n in part.notes)


# ---------------------------------------------------------------- property: any mailbox we write parses back
_NAME = st.text(
    alphabet=st.characters(categories=("L", "N", "Zs"), exclude_characters="\u3000\u1680"), min_size=1, max_size=25
).map(lambda s: " ".join(s.split())).filter(bool)
_ADDRESS = st.sampled_from(["ann@example.org", "bo@example.org", "cy@example.org"])
_SUBJECT = st.text(alphabet=st.characters(categories=("L", "N", "P", "Zs")), min_size=1, max_size=40).map(lambda s: " ".join(s.split())).filter(bool)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    mails=st.lists(
        st.tuples(_NAME, _ADDRESS, _SUBJECT, st.integers(0, 10**8), st.integers(-12, 12), st.booleans()), min_size=1, max_size=6
    )
)
def test_any_mailbox_parses_back_to_the_same_messages(mails):
    text = ""
    for name, address, subject, seconds, offset, sent in mails:
        when = datetime(2020, 1, 1, tzinfo=timezone.utc) + timedelta(seconds=seconds)
        local = when.astimezone(timezone(timedelta(hours=offset)))
        sender = formataddr(("Me", "me@example.org")) if sent else f"{Header(name, 'utf-8').encode(maxlinelen=10**6)} <{address}>"
        to = address if sent else "me@example.org"
        encoded_subject = Header(subject, "utf-8").encode(maxlinelen=76)
        text += _mail(sender, to, format_datetime(local), subject=encoded_subject, separator=f"From x@xxx {when:%a %b %d %H:%M:%S} +0000 {when:%Y}")
    [part] = M.read([SourceFile(M.MBOX, "p.mbox", text.encode(), M.FAMILY)], source="x", owner=["me@example.org"])
    got = sorted(zip(part.messages[S.SOURCE_LINE], part.messages[S.SENDER_ID], part.messages[S.SENDER_NAME], part.messages[S.SUBJECT], part.messages[S.SENT_AT], strict=True))
    expected = []
    line = 1
    for name, address, subject, seconds, offset, sent in mails:
        when = pd.Timestamp(datetime(2020, 1, 1, tzinfo=timezone.utc) + timedelta(seconds=seconds))
        expected.append((line, "email:me@example.org" if sent else f"email:{address}", "Me" if sent else name, subject, when))
        line += 7 + Header(subject, "utf-8").encode(maxlinelen=76).count("\n")
    assert got == sorted(expected)
    assert part.ledger[S.KEPT].tolist() == [len(mails)]


if __name__ == "__main__":
    write_golden(*sys.argv[1:])
