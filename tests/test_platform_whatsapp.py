"""The WhatsApp chat reader (netstats.sources._whatsapp): golden files per export variant, exact counts,
properties of the line parser, and hostile input.

Each folder ``tests/fixtures/whatsapp/<variant>/`` holds one or two small chats written byte for
byte in that variant's format (research/linkedin_and_other_export_formats.md, section 5): U+202F
before AM/PM, ``p.<NBSP>m.``, U+200E marks, CRLF on iOS, ``klo`` with a dotted time ...
The owner is Ada Quill everywhere; two variants hold two chats so the owner is inferred.

``expected/*.golden.csv`` next to each is what :func:`netstats.sources._whatsapp.read` must produce,
written by :func:`write_golden` and checked by hand.  After a change meant to alter the output::

    .venv/bin/python tests/test_platform_whatsapp.py                 # every variant
    .venv/bin/python tests/test_platform_whatsapp.py ios-fi-klo      # one variant

The tests never write golden files themselves.
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path

import goldens
import pandas as pd
import pytest
from goldens import golden_text
from hypothesis import given, settings
from hypothesis import strategies as st

from netstats import schema as S
from netstats._errors import ExportFormatError
from netstats.sources._archive import SourceFile
from netstats.sources._whatsapp import (
    CHAT,
    FAMILY,
    REASON_BAD_DATE,
    REASON_BEFORE_FIRST,
    REASON_DELETED,
    REASON_NO_AUTHOR,
    REASON_SYSTEM,
    REPEATABLE,
    TIME_ZONE_NOTE,
    claim,
    read,
    sniff,
)

FIXTURES = Path(__file__).parent / "fixtures" / "whatsapp"
ADA = ["Ada Quill"]
# variant -> the owner= passed (empty: the owner is inferred from the two chats)
VARIANTS = {
    "android-24h-en-gb": (),
    "android-12h-en-us-u202f": ADA,
    "android-12h-lower-am": ADA,
    "android-es-p-m": ADA,
    "android-iso": ADA,
    "android-de-dots-seconds": ADA,
    "ios-brackets-24h": (),
    "ios-12h": ADA,
    "ios-fi-klo": ADA,
    "ios-year-first": ADA,
    "ios-en-nz-a-m": ADA,
}
GOLDEN_TABLES = ("messages", "people", "ledger", "excluded", "quarantine", "owner", "notes")
ADA_ID = "whatsapp:name:ada quill"


def chat_file(name: str, text: str | bytes) -> SourceFile:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return SourceFile(CHAT, name, data, FAMILY)


def variant_files(variant: str) -> list[SourceFile]:
    folder = FIXTURES / variant
    paths = sorted(p for p in folder.rglob("*.txt") if "expected" not in p.parts)
    return [chat_file(p.relative_to(folder).as_posix(), p.read_bytes()) for p in paths]


def read_variant(variant: str):
    [part] = read(variant_files(variant), source=str(FIXTURES / variant), owner=VARIANTS[variant])
    return part


# ---------------------------------------------------------------- golden text form
def _tables(part) -> dict[str, pd.DataFrame]:
    tables = {
        name: golden_text(getattr(part, name))
        for name in ("messages", "people", "ledger", "excluded", "quarantine")
    }
    owner = pd.DataFrame(
        {
            "owner_name": [part.owner.name],
            "owner_id": [part.owner.contact_id],
            "found_by": [part.owner.found_by],
            "latest": [part.latest.isoformat()],
        }
    )
    tables["owner"] = golden_text(owner)
    tables["notes"] = golden_text(pd.DataFrame({"note": list(part.notes)}))
    return tables


def write_golden(*variants: str) -> None:
    """Write ``expected/*.golden.csv`` for the given variants (all when none): run by hand, then review the diff."""
    for variant in variants or VARIANTS:
        goldens.write_goldens(FIXTURES / variant / "expected", _tables(read_variant(variant)))


def read_golden(variant: str, name: str) -> pd.DataFrame:
    return goldens.read_golden(FIXTURES / variant / "expected", name)


@pytest.fixture(scope="module")
def parts():
    return {variant: read_variant(variant) for variant in VARIANTS}


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("table", GOLDEN_TABLES)
def test_reader_reproduces_the_golden_table(parts, variant, table):
    actual = _tables(parts[variant])[table]
    expected = read_golden(variant, table)
    if expected.empty:
        expected, actual = expected.astype(object), actual.astype(object)
    pd.testing.assert_frame_equal(actual, expected, check_dtype=False, check_index_type=False)


def test_every_variant_folder_has_its_golden_files():
    assert sorted(p.name for p in FIXTURES.iterdir() if p.is_dir()) == sorted(VARIANTS)
    for variant in VARIANTS:
        names = {
            p.name.removesuffix(".golden.csv") for p in (FIXTURES / variant / "expected").glob("*.golden.csv")
        }
        assert names == set(GOLDEN_TABLES), variant


# ---------------------------------------------------------------- exact counts, by hand
# variant -> per file (rows_read, kept, excluded, quarantined), era
COUNTS = {
    "android-24h-en-gb": [(6, 4, 2, 0, "android-24h-dmy"), (4, 3, 1, 0, "android-24h-dmy")],
    "android-12h-en-us-u202f": [(6, 4, 2, 0, "android-12h-mdy")],
    "android-12h-lower-am": [(5, 4, 1, 0, "android-12h-dmy")],
    "android-es-p-m": [(6, 4, 2, 0, "android-12h-dmy")],
    "android-iso": [(9, 4, 5, 0, "android-24h-ymd")],
    "android-de-dots-seconds": [(7, 4, 2, 1, "android-24h-dmy")],
    "ios-brackets-24h": [(7, 5, 2, 0, "ios-24h-dmy"), (3, 2, 1, 0, "ios-24h-dmy")],
    "ios-12h": [(5, 4, 1, 0, "ios-12h-dmy")],
    "ios-fi-klo": [(4, 3, 1, 0, "ios-24h-dmy")],
    "ios-year-first": [(6, 3, 3, 0, "ios-24h-ymd")],
    "ios-en-nz-a-m": [(5, 4, 1, 0, "ios-12h-dmy")],
}


@pytest.mark.parametrize("variant", VARIANTS)
def test_counts_and_eras_per_file(parts, variant):
    part = parts[variant]
    ledger = part.ledger
    got = list(
        zip(ledger[S.ROWS_READ], ledger[S.KEPT], ledger[S.EXCLUDED], ledger[S.QUARANTINED], ledger[S.ERA], strict=True)
    )
    assert got == COUNTS[variant]
    assert len(part.messages) == sum(row[1] for row in COUNTS[variant])
    assert len(part.excluded) == sum(row[2] for row in COUNTS[variant])
    assert len(part.quarantine) == sum(row[3] for row in COUNTS[variant])
    assert part.platform == S.WHATSAPP
    assert part.owner.contact_id == ADA_ID
    assert (part.messages[S.SENDER_ID] == ADA_ID).eq(part.messages[S.DIRECTION] == S.SENT).all()
    assert part.messages[S.SENT_AT].dt.tz is not None
    assert part.notes[0] == TIME_ZONE_NOTE
    assert ADA_ID not in set(part.people[S.CONTACT_ID])
    assert part.connections.empty and part.invitations.empty


def test_owner_is_the_author_present_in_every_chat(parts):
    for variant in ("android-24h-en-gb", "ios-brackets-24h"):
        assert parts[variant].owner.found_by == "the only author present in every chat"
        assert parts[variant].owner.name == "Ada Quill"
    assert parts["ios-12h"].owner.found_by == "owner= (the names or numbers you gave)"


def test_twelve_hour_clocks_and_date_orders(parts):
    def times(variant):
        return [t.strftime("%Y-%m-%d %H:%M:%S") for t in parts[variant].messages[S.SENT_AT]]

    # 12:05 AM is just after midnight; month-first because of 1/14/23
    assert times("android-12h-en-us-u202f") == [
        "2023-01-04 19:02:00",
        "2023-01-04 19:10:00",
        "2023-01-14 00:05:00",
        "2023-01-14 09:30:00",
    ]
    # 12:02 pm is noon; no day above 12: day-first assumed, and said so
    assert times("android-12h-lower-am") == [
        "2023-10-09 11:11:00",
        "2023-10-09 11:15:00",
        "2023-10-09 12:02:00",
        "2023-10-10 20:45:00",
    ]
    assert parts["android-12h-lower-am"].notes[1] == (
        "WhatsApp Chat with +44 7700 900123.txt: no day above 12, so the date order cannot be read "
        "from the dates; assumed day-first."
    )
    assert times("android-es-p-m")[-1] == "2017-06-21 12:15:00"
    assert times("ios-en-nz-a-m") == [
        "2019-12-31 02:14:40",
        "2019-12-31 09:02:13",
        "2019-12-31 12:30:00",
        "2019-12-31 19:45:09",
    ]
    assert times("ios-fi-klo") == ["2022-03-12 14:08:18", "2022-03-13 09:01:02", "2022-03-13 09:05:40"]
    assert times("ios-year-first")[-1] == "2024-12-31 12:34:00"  # [2024/12/31, 12:34]
    assert times("android-iso")[-1] == "2024-12-31 12:34:00"  # 2024-12-31, 12:34
    assert parts["android-iso"].latest == pd.Timestamp("2024-12-31 12:34", tz="UTC")


def test_multi_line_messages_media_and_captions(parts):
    gb = parts["android-24h-en-gb"].messages
    assert gb[S.CONTENT].tolist()[:2] == [
        "Hi Ada, are we still on for Friday?",
        "Yes! 7pm at the usual place.\nSee you there",
    ]
    media = gb.loc[gb[S.HAS_ATTACHMENT]]
    assert media[S.SOURCE_LINE].tolist() == [5, 3] and media[S.CONTENT].isna().all()
    iso = parts["android-iso"].messages.set_index(S.SOURCE_LINE)
    assert iso.loc[6, S.HAS_ATTACHMENT] and iso.loc[6, S.CONTENT] == "My copy arrived"
    ios = parts["ios-brackets-24h"].messages
    bea = ios.loc[ios[S.CONVERSATION_ID].eq("whatsapp:WhatsApp Chat - Bea Lopez")]
    assert bea[S.CONTENT].tolist() == [
        "Happy new year, Ada!",
        "Happy new year!\nLots of love from Lisbon",
        pd.NA,
        pd.NA,
        "Wrong chat, sorry",
    ]
    assert bea[S.HAS_ATTACHMENT].tolist() == [False, False, True, True, False]
    es = parts["android-es-p-m"].messages
    assert es[S.CONTENT].iloc[-1] == "¿Comemos juntas?\n¿A la una?"  # no CR left from CRLF, none added
    de = parts["android-de-dots-seconds"].messages
    assert de[S.HAS_ATTACHMENT].tolist() == [False, False, True, True]


def test_system_and_deleted_messages_are_excluded_with_their_line(parts):
    def reasons(variant):
        ex = parts[variant].excluded
        return list(zip(ex[S.LINE], ex[S.REASON], strict=True))

    assert reasons("android-iso") == [
        (1, REASON_SYSTEM),
        (2, REASON_SYSTEM),
        (3, REASON_SYSTEM),
        (4, REASON_SYSTEM),
        (9, REASON_SYSTEM),
    ]
    assert reasons("ios-year-first") == [(1, REASON_SYSTEM), (2, REASON_SYSTEM), (3, REASON_SYSTEM)]
    assert reasons("android-es-p-m") == [(1, REASON_SYSTEM), (5, REASON_DELETED)]
    assert reasons("android-de-dots-seconds") == [(1, REASON_SYSTEM), (6, REASON_DELETED)]
    assert reasons("ios-fi-klo") == [(1, REASON_SYSTEM)]
    quarantine = parts["android-de-dots-seconds"].quarantine
    assert quarantine[[S.LINE, S.REASON]].values.tolist() == [[4, REASON_BAD_DATE]]
    assert quarantine[S.RAW].iloc[0] == "31.02.2025, 09:00:00 - Jürgen Müller: Treffen wir uns?"


def test_groups_have_every_other_member_as_recipient(parts):
    iso = parts["android-iso"].messages
    assert iso[S.IS_GROUP].all() and iso[S.CONVERSATION_TITLE].eq("Book club").all()
    assert iso[S.RECIPIENT_IDS].tolist()[0] == ["whatsapp:name:bea lopez", "whatsapp:name:jürgen müller"]
    assert iso[S.RECIPIENT_IDS].tolist()[1] == [ADA_ID, "whatsapp:name:jürgen müller"]
    ios = parts["ios-year-first"].messages  # a group by its system lines, named by the zip's folder
    assert ios[S.IS_GROUP].all() and ios[S.CONVERSATION_ID].eq("whatsapp:WhatsApp Chat - Book club").all()
    one_to_one = parts["ios-12h"].messages
    assert not one_to_one[S.IS_GROUP].any()
    assert one_to_one[S.RECIPIENT_IDS].map(len).eq(1).all()
    # a lone _chat.txt is named by the path it came from; its title is the other person
    assert one_to_one[S.CONVERSATION_ID].eq("whatsapp:ios-12h").all()
    assert one_to_one[S.CONVERSATION_TITLE].eq("Gia Tran").all()


def test_phone_authors_get_phone_ids_and_people_rows(parts):
    people = parts["android-12h-en-us-u202f"].people
    assert people[S.CONTACT_ID].tolist() == ["whatsapp:+15550100199"]
    assert people[S.PHONES].tolist() == [["+15550100199"]] and people[S.EMAILS].tolist() == [[]]
    assert people[S.NAME].tolist() == ["+1 (555) 010-0199"]
    assert people[S.SEEN_IN].tolist() == ["messages"] and not people[S.IS_CONNECTION].any()
    uk = parts["android-12h-lower-am"].people
    assert uk[S.CONTACT_ID].tolist() == ["whatsapp:+447700900123"]
    gb = parts["android-24h-en-gb"].people
    assert gb[S.CONTACT_ID].tolist() == ["whatsapp:name:bea lopez", "whatsapp:name:jürgen müller"]
    assert gb[S.PHONES].tolist() == [[], []]


# ---------------------------------------------------------------- claim and sniff
@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("_chat.txt", CHAT),
        ("WhatsApp Chat - Ann Lee/_chat.txt", CHAT),
        ("WhatsApp Chat with Ann Lee.txt", CHAT),
        ("chats/WhatsApp Chat with +44 7700 900123 (1).txt", CHAT),
        ("WhatsApp Chat mit Jürgen.txt", CHAT),
        ("Chat de WhatsApp con Bea.txt", CHAT),
        ("Conversa do WhatsApp com Bea.txt", CHAT),
        ("Discussion WhatsApp avec Bea.txt", CHAT),
        ("whatsapp chat with ann.TXT", CHAT),
        ("messages.csv", None),
        ("IMG-20190101-WA0000.jpg", None),
        ("00000005-PHOTO-2025-01-01-10-00-00.jpg", None),
        ("notes.txt", None),
        ("WhatsApp Chat with Ann.zip", None),
    ],
)
def test_claim_by_file_name(name, kind):
    assert claim(name) == kind
    assert CHAT in REPEATABLE


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        ("20/01/19, 11:23 - Bea: hi\n", CHAT),
        ("\ufeff\u200e[31/12/2024, 12:34:56] Bob: hey\r\n", CHAT),
        ("\n\n[12.3.2022 klo 14.08.18] Bob: moi\n", CHAT),
        ("1/4/23, 7:02\u202fPM - Messages and calls are end-to-end encrypted.\n", CHAT),
        ("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n", None),
        ('Notes:\n"When exporting your connection data, you may notice..."\n', None),
        ("CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE\n", None),
        ("window.YTD.direct_messages.part0 = [ {\n", None),
        ('[ {"title": "x", "string_list_data": []} ]\n', None),
        ('{"friends_v2": []}\n', None),
        ("BEGIN:VCARD\r\nVERSION:3.0\r\n", None),
        ("From 1234567890@xxx Mon Jan 01 00:00:00 +0000 2024\nX-GM-THRID: 1\n", None),
        ("2024-01-01,Ann,hello\n", None),
        ("[31/12/2024, 12:34:56 - Bob: half bracket\n", None),
        ("", None),
    ],
)
def test_sniff_claims_chats_and_nothing_else(head, kind):
    assert sniff(head.encode("utf-8")) == kind


def test_sniff_survives_a_cut_multibyte_character():
    head = ("20/01/19, 11:23 - Bea: " + "é" * 3000).encode("utf-8")[:4095]
    assert sniff(head) == CHAT


# ---------------------------------------------------------------- owner
ONE_TO_ONE = "13/01/2024, 09:16 - Ann Lee: Hi Ada!\n13/01/2024, 09:20 - Ada Quill: Hi Ann\n"


def test_a_single_chat_without_owner_asks_for_it():
    with pytest.raises(ExportFormatError) as err:
        read([chat_file("WhatsApp Chat with Ann Lee.txt", ONE_TO_ONE)], source="x")
    assert err.value.file == "WhatsApp Chat with Ann Lee.txt"
    assert "owner=" in err.value.fix and "--owner" in err.value.fix


def test_two_chats_without_one_common_author_ask_for_the_owner():
    other = "14/01/2024, 10:00 - Bo Ek: hej\n14/01/2024, 10:05 - Cy Dee: hi\n"
    with pytest.raises(ExportFormatError, match="0 authors appear in every one of the 2 chats"):
        read(
            [
                chat_file("WhatsApp Chat with Ann Lee.txt", ONE_TO_ONE),
                chat_file("WhatsApp Chat with Bo.txt", other),
            ],
            source="x",
        )
    both = "14/01/2024, 10:00 - Ann Lee: again\n14/01/2024, 10:05 - Ada Quill: yes\n"
    with pytest.raises(ExportFormatError, match="2 authors appear"):
        read([chat_file("a.txt", ONE_TO_ONE), chat_file("b.txt", both)], source="x")


def test_owner_by_phone_number_and_several_spellings():
    chat = (
        "13/01/2024, 09:16 - Ann Lee: Hi!\n"
        "13/01/2024, 09:20 - +44 7700 900123: Hi Ann\n"
        "13/01/2024, 09:21 - ADA  quill: (from my other phone)\n"
    )
    [part] = read(
        [chat_file("WhatsApp Chat with Ann Lee.txt", chat)],
        source="x",
        owner=["0044 7700-900123", "Ada Quill"],
    )
    assert part.owner.contact_id == "whatsapp:+447700900123" and part.owner.name == "+44 7700 900123"
    assert part.messages[S.DIRECTION].tolist() == [S.RECEIVED, S.SENT, S.SENT]
    assert part.messages[S.SENDER_ID].tolist()[1:] == ["whatsapp:+447700900123"] * 2
    assert part.people[S.CONTACT_ID].tolist() == ["whatsapp:name:ann lee"]
    assert not part.messages[S.IS_GROUP].any()  # two spellings of the owner are one person


def test_an_owner_who_never_wrote_receives_everything_and_is_told():
    [part] = read([chat_file("WhatsApp Chat with Ann Lee.txt", ONE_TO_ONE)], source="x", owner="Zed Zee")
    assert part.owner.contact_id == "whatsapp:name:zed zee"
    assert part.messages[S.DIRECTION].eq(S.RECEIVED).all()
    assert part.messages[S.RECIPIENT_IDS].tolist()[0] == ["whatsapp:name:ada quill", "whatsapp:name:zed zee"]
    assert any("None of the names or numbers given as owner=" in n for n in part.notes)


def test_an_unusable_owner_is_refused():
    with pytest.raises(ExportFormatError, match="owner= holds no usable name"):
        read([chat_file("a.txt", ONE_TO_ONE)], source="x", owner=["  "])


# ---------------------------------------------------------------- conversations
def test_conversation_ids_from_zip_names_and_duplicates():
    files = [chat_file("_chat.txt", ONE_TO_ONE)]
    [part] = read(files, source="/downloads/WhatsApp Chat - Ann Lee.zip", owner=ADA)
    assert part.messages[S.CONVERSATION_ID].unique().tolist() == ["whatsapp:WhatsApp Chat - Ann Lee"]
    assert part.messages[S.CONVERSATION_TITLE].unique().tolist() == ["Ann Lee"]
    twice = [
        chat_file("a/WhatsApp Chat with Ann Lee.txt", ONE_TO_ONE),
        chat_file("b/WhatsApp Chat with Ann Lee.txt", ONE_TO_ONE),
    ]
    [part] = read(twice, source="x", owner=ADA)
    assert part.messages[S.CONVERSATION_ID].unique().tolist() == [
        "whatsapp:WhatsApp Chat with Ann Lee",
        "whatsapp:WhatsApp Chat with Ann Lee#2",
    ]
    assert part.ledger[S.FILE].tolist() == [
        "a/WhatsApp Chat with Ann Lee.txt",
        "b/WhatsApp Chat with Ann Lee.txt",
    ]


def test_empty_input_gives_no_part():
    assert read([], source="x") == []


# ---------------------------------------------------------------- hostile input
def _read_one(text: str | bytes, **kwargs):
    [part] = read([chat_file("WhatsApp Chat with Ann Lee.txt", text)], source="x", owner=ADA, **kwargs)
    return part


@pytest.mark.parametrize("text", ["", "\n\n  \r\n", "\ufeff"])
def test_an_empty_file_is_a_clear_error(text):
    with pytest.raises(ExportFormatError, match="the file is empty") as err:
        _read_one(text)
    assert err.value.file == "WhatsApp Chat with Ann Lee.txt" and "Export chat" in err.value.fix


@pytest.mark.parametrize(
    "text",
    [
        "First Name,Last Name,URL\nAnn,Lee,https://www.linkedin.com/in/ann\n",
        '{"messages": [{"sender_name": "Ann"}]}',
        "Ann: hello\nno dates at all\n",
        "[" * 100_000,
        "2024-13-45 99:99 Ann: no dash\n",
    ],
)
def test_a_file_without_message_lines_is_a_clear_error(text):
    with pytest.raises(ExportFormatError, match="no WhatsApp message line found") as err:
        _read_one(text)
    assert "31/12/2024, 12:34" in err.value.expected


def test_bytes_that_are_not_utf8_name_their_line():
    data = (
        b"13/01/2024, 09:16 - Ann Lee: Hi\n13/01/2024, 09:17 - Ann Lee: ok\n"
        + b"13/01/2024, 09:18 - Ann Lee: caf\xe9\n"
    )
    with pytest.raises(ExportFormatError, match="cannot be decoded as UTF-8") as err:
        _read_one(data)
    assert err.value.line == 3
    assert "caf" not in str(err.value)  # never quotes the text
    part = _read_one(data, encoding="cp1252")
    assert part.messages[S.CONTENT].iloc[-1] == "café"
    with pytest.raises(ExportFormatError, match="unknown text encoding"):
        _read_one(data, encoding="no-such-codec")


def test_utf16_with_bom_reads_like_utf8():
    assert _read_one(ONE_TO_ONE.encode("utf-16")).messages.equals(_read_one(ONE_TO_ONE).messages)


def test_text_before_the_first_message_is_quarantined_not_dropped():
    part = _read_one("\n  \nsomething typed here\nand here\n" + ONE_TO_ONE)
    assert part.quarantine[[S.LINE, S.REASON, S.RAW]].values.tolist() == [
        [3, REASON_BEFORE_FIRST, "something typed here\nand here"]
    ]
    assert part.ledger[[S.ROWS_READ, S.KEPT, S.QUARANTINED]].values.tolist() == [[3, 2, 1]]
    assert part.messages[S.SOURCE_LINE].tolist() == [5, 6]


@pytest.mark.parametrize(
    "line",
    [
        "13/01/2024, 25:10 - Ann Lee: hour 25",
        "13/01/2024, 10:61 - Ann Lee: minute 61",
        "13/01/2024, 10:10:75 - Ann Lee: second 75",
        "1/13/2024, 13:10 PM - Ann Lee: 13 PM",
        "31/02/2024, 10:10 - Ann Lee: 31 February",
        "13/00/2024, 10:10 - Ann Lee: month 0",
        "13/01/9999, 10:10 - Ann Lee: year 9999",
        "13/01/1900, 10:10 - Ann Lee: year 1900",
    ],
)
def test_impossible_dates_and_times_are_quarantined_with_their_line(line):
    part = _read_one(ONE_TO_ONE + line + "\ncontinued\n")
    assert part.quarantine[[S.LINE, S.REASON, S.RAW]].values.tolist() == [
        [3, REASON_BAD_DATE, line + "\ncontinued"]
    ]
    assert len(part.messages) == 2


def test_a_file_mixing_date_orders_says_so_and_quarantines_what_does_not_fit():
    text = "13/01/2024, 09:16 - Ann Lee: a\n14/01/2024, 09:16 - Ann Lee: b\n01/15/2024, 09:16 - Ann Lee: c\n"
    part = _read_one(text)
    assert part.messages[S.CONTENT].tolist() == ["a", "b"]
    assert part.quarantine[S.LINE].tolist() == [3]
    assert any("both day-first and month-first" in n and "Ann Lee.txt" in n for n in part.notes)


def test_strangers_names_keep_their_text_and_get_clean_ids():
    text = (
        "13/01/2024, 09:16 - <img src=x onerror=alert(1)>: hi\n"
        "13/01/2024, 09:17 - Bea\u202eLopez\u200b: hi\n"
        '13/01/2024, 09:18 - =HYPERLINK("https://evil.example"): hi\n'
        "13/01/2024, 09:19 - Ada Quill: who are you all\n"
    )
    part = _read_one(text)
    assert part.messages[S.SENDER_NAME].tolist()[:3] == [
        "<img src=x onerror=alert(1)>",
        "Bea\u202eLopez\u200b",
        '=HYPERLINK("https://evil.example")',
    ]
    assert part.messages[S.SENDER_ID].tolist()[:3] == [
        "whatsapp:name:<img src=x onerror=alert(1)>",
        "whatsapp:name:bealopez",
        'whatsapp:name:=hyperlink("https://evil.example")',
    ]
    assert part.messages[S.IS_GROUP].all()


def test_an_author_made_only_of_invisible_characters_is_quarantined():
    part = _read_one(ONE_TO_ONE + "13/01/2024, 10:00 - \u200b\u200b: who am I\n")
    assert part.quarantine[[S.LINE, S.REASON]].values.tolist() == [[3, REASON_NO_AUTHOR]]
    assert part.ledger[[S.ROWS_READ, S.KEPT, S.QUARANTINED]].values.tolist() == [[3, 2, 1]]


def test_a_huge_message_and_control_characters_are_kept_whole():
    huge = "x" * 1_000_000
    part = _read_one(f"13/01/2024, 09:16 - Ann Lee: {huge}\n13/01/2024, 09:17 - Ada Quill: a\x00b\x1b[2J\n")
    assert part.messages[S.CONTENT].str.len().tolist() == [1_000_000, 7]
    bad = _read_one(f"13/01/2024, 09:16 - Ann Lee: hi\n31/02/2024, 09:17 - Ann Lee: {huge}\n")
    assert bad.quarantine[S.RAW].str.len().tolist() == [2000]


def test_android_subject_changes_holding_a_colon_are_system_lines():
    text = ONE_TO_ONE + '13/01/2024, 10:00 - Ann Lee changed the subject from "Plans: May" to "Plans: June"\n'
    part = _read_one(text)
    assert part.excluded[[S.LINE, S.REASON]].values.tolist() == [[3, REASON_SYSTEM]]


def test_ordinary_messages_that_mention_events_are_kept():
    text = (
        ONE_TO_ONE
        + "13/01/2024, 10:00 - Ann Lee: I added the milk and left\n13/01/2024, 10:01 - Ann Lee: image omitted for now\n"
    )
    part = _read_one(text)
    assert part.messages[S.CONTENT].tolist()[-2:] == ["I added the milk and left", "image omitted for now"]
    assert not part.messages[S.HAS_ATTACHMENT].any()


# ---------------------------------------------------------------- properties
@dataclass(frozen=True)
class Variant:
    """One way a phone writes the head of a message line."""

    ios: bool
    order: str  # 'dmy', 'mdy', 'ymd'
    sep: str
    year4: bool
    seconds: bool
    ampm: tuple[str, str] | None  # None: 24-hour clock
    ampm_space: str
    klo: bool
    comma: bool
    crlf: bool
    pad: bool


def stamp(t: dt.datetime, v: Variant) -> str:
    """The head of a message line at ``t``, as the phone of variant ``v`` writes it."""
    year = f"{t.year:04d}" if v.year4 else f"{t.year % 100:02d}"
    day, month = (f"{t.day:02d}", f"{t.month:02d}") if v.pad else (str(t.day), str(t.month))
    parts = {"dmy": (day, month, year), "mdy": (month, day, year), "ymd": (year, month, day)}[v.order]
    date = v.sep.join(parts)
    tsep = "." if v.klo else ":"
    hour = (t.hour % 12 or 12) if v.ampm else t.hour
    time = f"{hour:02d}" if v.pad and not v.ampm else str(hour)
    time += f"{tsep}{t.minute:02d}" + (f"{tsep}{t.second:02d}" if v.seconds else "")
    if v.ampm:
        time += v.ampm_space + v.ampm[t.hour >= 12]
    joiner = " klo " if v.klo else (", " if v.comma else " ")
    return f"[{date}{joiner}{time}] " if v.ios else f"{date}{joiner}{time} - "


def write_chat(messages: list[tuple[str, dt.datetime, str]], v: Variant) -> bytes:
    """A tiny WhatsApp: the chat file a phone of variant ``v`` would export."""
    newline = "\r\n" if v.crlf else "\n"
    lines = [f"{stamp(t, v)}{author}: {text}" for author, t, text in messages]
    return newline.join(line.replace("\n", newline) for line in lines).encode("utf-8") + newline.encode()


AMPMS = [("AM", "PM"), ("am", "pm"), ("a. m.", "p. m."), ("a.\u00a0m.", "p.\u00a0m."), ("a.m.", "p.m.")]


@st.composite
def variants(draw) -> Variant:
    ios = draw(st.booleans())
    klo = ios and draw(st.booleans())
    order = "dmy" if klo else draw(st.sampled_from(["dmy", "mdy", "ymd"]))
    ampm = None if klo else draw(st.one_of(st.none(), st.sampled_from(AMPMS)))
    return Variant(
        ios=ios,
        order=order,
        sep="." if klo else draw(st.sampled_from(["/", ".", "-"])),
        year4=order == "ymd" or draw(st.booleans()),
        seconds=klo or draw(st.booleans()),
        ampm=ampm,
        ampm_space=draw(st.sampled_from([" ", "\u202f", "\u00a0", "\u2009", ""])),
        klo=klo,
        comma=not klo and (ios or draw(st.booleans())),
        crlf=draw(st.booleans()),
        pad=draw(st.booleans()),
    )


AUTHORS = ["Ada Quill", "Bea Lopez", "+44 7700 900123", "Jürgen Müller", "Zoë <b>O'Brien</b>"]
_WORDS = st.text(
    st.characters(
        codec="utf-8", exclude_characters="\n\r\u200e\ufeff<>\x85\u2028\u2029", exclude_categories=("Cs",)
    ),
    min_size=0,
    max_size=12,
)
_LINE = st.builds(lambda first, rest: first + rest, st.sampled_from("abcxyzÄé"), _WORDS)


@st.composite
def chats(draw):
    n = draw(st.integers(1, 6))
    start = dt.datetime(draw(st.integers(2010, 2035)), draw(st.integers(1, 12)), draw(st.integers(13, 28)))
    # the first message is on day 13-28, so the file itself says which number is the day
    gaps = [0, *draw(st.lists(st.integers(0, 90 * 24 * 3600), min_size=n - 1, max_size=n - 1))]
    times, t = [], start
    for gap in gaps:
        t = t + dt.timedelta(seconds=gap)
        times.append(t)
    texts = draw(st.lists(st.lists(_LINE, min_size=1, max_size=3).map("\n".join), min_size=n, max_size=n))
    authors = draw(st.lists(st.sampled_from(AUTHORS), min_size=n, max_size=n))
    return list(zip(authors, times, texts, strict=True))


@settings(max_examples=30)
@given(cases=st.lists(st.tuples(chats(), variants()), min_size=1, max_size=4))
def test_any_chat_written_in_any_variant_reads_back(cases):
    # several chats per read (one file each) keep the test fast; each must read back on its own
    files, expected = [], {}
    for number, (chat, v) in enumerate(cases):
        if not v.seconds:
            chat = [(a, t.replace(second=0), text) for a, t, text in chat]
        files.append(chat_file(f"WhatsApp Chat with Chat {number}.txt", write_chat(chat, v)))
        expected[f"whatsapp:WhatsApp Chat with Chat {number}"] = chat
    [part] = read(files, source="x", owner=ADA)
    for conversation, chat in expected.items():
        msgs = part.messages.loc[part.messages[S.CONVERSATION_ID].eq(conversation)].sort_values(S.SOURCE_LINE)
        times = [t.to_pydatetime().replace(tzinfo=None) for t in msgs[S.SENT_AT]]
        assert list(zip(msgs[S.SENDER_NAME], times, msgs[S.CONTENT], strict=True)) == chat
        assert msgs[S.DIRECTION].eq(S.SENT).tolist() == [a == "Ada Quill" for a, _, _ in chat]
    counts = [[len(chat), len(chat), 0, 0] for chat in expected.values()]
    assert part.ledger[[S.ROWS_READ, S.KEPT, S.EXCLUDED, S.QUARANTINED]].values.tolist() == counts


_HEADISH = st.sampled_from(
    [
        "",
        "[",
        "13/01/2024, ",
        "13/01/2024, 09:16 - ",
        "[2024-01-13, 9.16.00] ",
        "1/13/24, 9:16\u202fPM - ",
        "31/02/2024, 25:99 - ",
    ]
)


_ARBITRARY_CHAT = st.lists(st.tuples(_HEADISH, st.text(max_size=40)).map("".join), max_size=12)


@settings(max_examples=30)
@given(chats_lines=st.lists(_ARBITRARY_CHAT, min_size=1, max_size=4))
def test_arbitrary_lines_never_crash_the_reader(chats_lines):
    files = [
        chat_file(f"chat {i}.txt", "13/01/2024, 09:16 - Ann Lee: first\n" + "\n".join(lines))
        for i, lines in enumerate(chats_lines)
    ]
    [part] = read(files, source="x", owner=ADA)
    ledger = part.ledger
    assert len(ledger) == len(files)
    assert ledger[S.ROWS_READ].eq(ledger[S.KEPT] + ledger[S.EXCLUDED] + ledger[S.QUARANTINED]).all()
    assert ledger[S.KEPT].sum() == len(part.messages)
    assert ledger[S.EXCLUDED].sum() == len(part.excluded) and ledger[S.QUARANTINED].sum() == len(
        part.quarantine
    )
    assert part.messages[S.SENT_AT].notna().all()


if __name__ == "__main__":
    write_golden(*sys.argv[1:])
