"""Files a spreadsheet re-saved, and files netstats cannot read (issue 13, points 4, 5 and 9).

Each shape of research/real_export_findings.md ("Files people have re-saved in
a spreadsheet") has a synthetic fixture here: CRLF, a UTF-8 BOM, ``;`` or tab
as the delimiter, headers without spaces or in another case, the ``Notes:``
preamble kept or removed, dates day first, month first, ``9-Sep-22``, ISO with
``T...Z``, Excel serial numbers.  A file netstats cannot read ends in an error
that names the file, the number of rows and the *shape* of a bad value, never
a confident, nearly empty result.
"""

from __future__ import annotations

import csv
import datetime
import io
import subprocess
import sys

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_load_quirks import (
    BEA,
    IN,
    MESSAGES_HEADER,
    OWNER_INVITATION,
    OWNER_URL,
    PREAMBLE,
    TWO_MESSAGES,
    ledger_balances,
    ledger_row,
    write_export,
)

import netstats as ns
from netstats import schema as S
from netstats.sources.linkedin import _messages
from netstats.sources.linkedin._csv import line_delimiter
from netstats.sources.linkedin._dates import DAY_FIRST, MONTH_FIRST, parse_dates
from netstats.sources.linkedin._messages import message_dates

# The people of every re-saved fixture, with the day each connected (two days above 12, so the order is settled).
PEOPLE = [
    ("Ann", "Lee", IN + "ann-lee", "", "Acme, Inc.", "CTO", datetime.date(2026, 10, 29)),
    ("Jan", "M\u00fcller", IN + "jan-m%C3%BCller", "jan@example.com", "Caf\u00e9", "", datetime.date(2022, 9, 9)),
    ("Bo", "Ek", IN + "bo-ek", "", "", "Engineer; Platform", datetime.date(2024, 2, 3)),
    ("", "", "", "", "", "", datetime.date(2023, 5, 17)),  # a hidden profile: only a date
    ("Cy", "Ng", IN + "cy-ng", "", "Ng & Co", "Founder", datetime.date(2021, 11, 21)),
]
HEADERS = {
    "linkedin": ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"],
    "no-spaces": ["FirstName", "LastName", "URL", "EmailAddress", "Company", "Position", "ConnectedOn"],
    "lower": ["first name", "last name", "url", "email address", "company", "position", "connected on"],
    "snake": ["FIRST_NAME", "LAST_NAME", "URL", "EMAIL_ADDRESS", "COMPANY", "POSITION", "CONNECTED_ON"],
}
DATE_FORMS = {
    "day-first": lambda d: f"{d.day:02d}/{d.month:02d}/{d.year}",
    "day-first-dots": lambda d: f"{d.day}.{d.month}.{d.year}",
    "month-first": lambda d: f"{d.month}/{d.day}/{d.year}",
    "month-first-time": lambda d: f"{d.month}/{d.day}/{d.year} 10:00",
    "excel-dd-mmm-yy": lambda d: f"{d.day}-{d.strftime('%b')}-{d.year % 100:02d}",
    "iso-t-z": lambda d: f"{d.isoformat()}T00:00:00.000Z",
    "excel-serial": lambda d: str((d - datetime.date(1899, 12, 30)).days),
    "year-first-slashes": lambda d: f"{d.year}/{d.month:02d}/{d.day:02d}",  # a Japanese, Chinese or Korean Excel
    "year-first-dots": lambda d: f"{d.year}.{d.month}.{d.day}",
}


def resaved_connections(
    *, delimiter: str = ";", header: str = "no-spaces", date_form: str = "day-first", preamble: bool = True,
    people: list[tuple] = PEOPLE,
) -> bytes:
    """Connections.csv as Excel re-saves it: a UTF-8 BOM, CRLF, the delimiter of the locale, its own date form."""
    buffer = io.StringIO()
    if preamble:
        buffer.write(PREAMBLE.replace("\n", "\r\n"))
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(HEADERS[header])
    for *cells, day in people:
        writer.writerow([*cells, DATE_FORMS[date_form](day)])
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


def dated(ex: ns.Export) -> list[tuple[str, pd.Timestamp]]:
    return list(zip(ex.connections[S.LAST_NAME].tolist(), ex.connections[S.CONNECTED_ON].tolist(), strict=True))


EXPECTED = [(last, pd.Timestamp(day)) for first, last, *_, day in PEOPLE if first]


# ---------------------------------------------------------------- point 4: the re-saves load, every row dated right
@pytest.mark.parametrize("delimiter", [";", ",", "\t"], ids=["semicolon", "comma", "tab"])
@pytest.mark.parametrize("header", list(HEADERS))
@pytest.mark.parametrize("preamble", [True, False], ids=["notes-kept", "notes-removed"])
def test_a_day_first_resave_loads_with_every_row_dated(tmp_path, delimiter, header, preamble):
    data = resaved_connections(delimiter=delimiter, header=header, preamble=preamble)
    ex = ns.load(write_export(tmp_path, {"Connections.csv": data}))
    assert dated(ex) == EXPECTED
    assert ex.connections[[S.COMPANY, S.POSITION, S.PROFILE_URL]].astype(object).values.tolist() == [
        ["Acme, Inc.", "CTO", IN + "ann-lee"],
        ["Caf\u00e9", pd.NA, IN + "jan-m\u00fcller"],
        [pd.NA, "Engineer; Platform", IN + "bo-ek"],
        ["Ng & Co", "Founder", IN + "cy-ng"],
    ]
    first_row = 5 if preamble else 2
    assert ex.connections[S.SOURCE_LINE].tolist() == [first_row, first_row + 1, first_row + 2, first_row + 4]
    assert ledger_row(ex, "Connections.csv") | {} == {
        S.ERA: "2023+", S.ROWS_READ: 5, S.KEPT: 4, S.EXCLUDED: 1, S.QUARANTINED: 0,
    }  # fmt: skip
    assert (
        "Connections.csv: the numeric dates of Connected On were read day first (a day above 12 settles it; "
        "a spreadsheet re-saved the file?)."
    ) in ex.notes


@pytest.mark.parametrize("date_form", [f for f in DATE_FORMS if f != "day-first"])
def test_every_date_form_of_a_resave_is_read(tmp_path, date_form):
    ex = ns.load(write_export(tmp_path, {"Connections.csv": resaved_connections(date_form=date_form)}))
    at_ten = pd.Timedelta(hours=10 if date_form == "month-first-time" else 0)
    assert dated(ex) == [(last, day + at_ten) for last, day in EXPECTED]
    assert len(ex.quarantine) == 0


def test_an_ambiguous_file_takes_linkedins_order_and_the_summary_says_which(tmp_path):
    people = [p[:-1] + (datetime.date(2025, p[-1].month % 12 + 1, 7),) for p in PEOPLE]  # every day 7: no day above 12
    data = resaved_connections(people=people)
    ex = ns.load(write_export(tmp_path, {"Connections.csv": data}))
    # 07/MM/2025 is read month first, as LinkedIn writes dates: July the MMth
    assert ex.connections[S.CONNECTED_ON].tolist() == [pd.Timestamp(2025, 7, p[-1].month) for p in people if p[0]]
    note = (
        "Connections.csv: the numeric dates of Connected On (like NN/NN/NNNN) have no day above 12 to tell the "
        "order; they were read month first, as LinkedIn writes dates (a spreadsheet may have re-saved the file: check a few)."
    )
    assert note in ex.notes and f"note: {note}" in ex.summary()


def test_linkedins_own_numeric_dates_need_no_note(tmp_path):
    text = "First Name,Last Name,Email Address,Company,Position,Connected On\nAnn,Lee,,,,\"1/8/18, 6:14 PM\"\n"
    ex = ns.load(write_export(tmp_path, {"Connections.csv": text}))
    assert ex.connections[S.CONNECTED_ON].tolist() == [pd.Timestamp("2018-01-08 18:14")]
    assert not any("numeric dates" in note for note in ex.notes)


def test_a_day_first_resave_of_invitations_is_read_day_first(tmp_path):
    text = (
        "\ufeffFrom;To;SentAt;Message;Direction;inviterProfileUrl;inviteeProfileUrl\r\n"
        f"Ada Quill;Bea Lopez;21/11/2024 10:00;;OUTGOING;{IN}ada-quill;{IN}bea-lopez\r\n"
        f"Cy Ng;Ada Quill;03/12/2024 09:30;;INCOMING;{IN}cy-ng;{IN}ada-quill\r\n"
    )
    ex = ns.load(write_export(tmp_path, {"Invitations.csv": text}))
    assert ex.invitations[S.SENT_AT].tolist() == [pd.Timestamp("2024-11-21 10:00"), pd.Timestamp("2024-12-03 09:30")]
    assert any(n.startswith("Invitations.csv: the numeric dates of Sent At were read day first") for n in ex.notes)


def test_a_file_with_lone_cr_line_ends_is_read(tmp_path):
    text = PREAMBLE + "First Name,Last Name,URL,Email Address,Company,Position,Connected On\nAnn,Lee,,,Acme,,14 Nov 2019\n"
    ex = ns.load(write_export(tmp_path, {"Connections.csv": text.replace("\n", "\r")}))
    assert dated(ex) == [("Lee", pd.Timestamp("2019-11-14"))]
    assert ex.connections[S.SOURCE_LINE].tolist() == [5]
    assert "Connections.csv: its lines end in a lone CR (old Mac line endings); they were read as line ends" in ex.notes


# ---------------------------------------------------------------- point 4: properties of the inference
DAYS = st.dates(min_value=datetime.date(1990, 1, 1), max_value=datetime.date(2040, 12, 31))


@settings(max_examples=200, deadline=None)
@given(days=st.lists(DAYS, min_size=1, max_size=20), day_first=st.booleans(), separator=st.sampled_from("/.-"))
def test_numeric_dates_parse_exactly_in_the_order_their_values_settle(days, day_first, separator):
    def write(d: datetime.date) -> str:
        parts = (d.day, d.month) if day_first else (d.month, d.day)
        return f"{parts[0]:02d}{separator}{parts[1]:02d}{separator}{d.year}"

    parsed = parse_dates(pd.Series([write(d) for d in days]))
    settled = any(d.day > 12 and d.day != d.month for d in days)
    assert parsed.settled == settled
    if settled or not day_first:
        assert parsed.order == (DAY_FIRST if day_first else MONTH_FIRST)
        assert parsed.instants.tolist() == [np.datetime64(d, "ns").item() for d in days]
    else:  # all days 12 or less: read month first, as LinkedIn writes dates, and said so
        assert parsed.order == MONTH_FIRST


@settings(max_examples=100, deadline=None)
@given(days=st.lists(DAYS, min_size=1, max_size=10), form=st.sampled_from(["excel-dd-mmm-yy", "iso-t-z", "excel-serial"]))
def test_the_other_date_forms_parse_exactly_and_leave_the_order_unset(days, form):
    days = [d for d in days if form != "excel-dd-mmm-yy" or 1969 <= d.year <= 2068] or [datetime.date(2000, 1, 1)]
    parsed = parse_dates(pd.Series([DATE_FORMS[form](d) for d in days]))
    assert parsed.order is None
    assert parsed.instants.tolist() == [np.datetime64(d, "ns").item() for d in days]


DELIMITED_CELL = st.text(st.characters(codec="utf-8", exclude_characters="\r\n\x00"), max_size=8)


@settings(max_examples=40, deadline=None)
@given(
    rows=st.lists(st.tuples(DELIMITED_CELL, DELIMITED_CELL, DELIMITED_CELL), min_size=1, max_size=5),
    delimiter=st.sampled_from([",", ";", "\t"]),
    header=st.sampled_from(list(HEADERS)),
)
def test_any_delimiter_and_header_style_round_trips(tmp_path_factory, rows, delimiter, header):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(HEADERS[header])
    assert line_delimiter(buffer.getvalue().splitlines()[0]) == delimiter
    for i, (first, company, position) in enumerate(rows):
        writer.writerow([first, "X", IN + f"p{i}", "", company, position, f"{14 + i}/02/2026"])
    ex = ns.load(write_export(tmp_path_factory.mktemp("d"), {"Connections.csv": buffer.getvalue()}))

    def text(value: str):
        return value.strip() or pd.NA

    got = ex.connections[[S.FIRST_NAME, S.COMPANY, S.POSITION]].astype(object).values.tolist()
    assert got == [[text(f), text(c), text(p)] for f, c, p in rows]
    assert ex.connections[S.CONNECTED_ON].tolist() == [pd.Timestamp(2026, 2, 14 + i) for i in range(len(rows))]
    assert ledger_balances(ex)


# ---------------------------------------------------------------- point 5: never a confident empty result
UNREADABLE = [
    ("Ann", "Lee", IN + "ann", "", "", "", "2016. j\u00fanius 16., 9:44"),
    ("Bo", "Ek", IN + "bo", "", "", "", "2016. j\u00falius 1., 9:44"),
    ("Cy", "Ng", IN + "cy", "", "", "", "08 Feb 2026"),
]


def _unreadable_connections() -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADERS["linkedin"])
    writer.writerows(UNREADABLE)
    return buffer.getvalue()


def test_a_file_of_unparseable_dates_is_an_error_naming_file_rows_shape_cause_and_fix(tmp_path):
    with pytest.raises(ns.MostlyUnreadableError) as err:
        ns.load(write_export(tmp_path, {"Connections.csv": _unreadable_connections(), "messages.csv": TWO_MESSAGES}))
    assert isinstance(err.value, ns.ExportFormatError) and isinstance(err.value, ValueError)
    assert err.value.file == "Connections.csv"
    assert str(err.value) == (
        "Connections.csv: 2 of its 3 data rows could not be read (typically: Connected On is not a date in a known "
        "format: a value shaped NNNN. aaaaaa NN., N:NN (expected like 08 Feb 2026)); its dates are in another format "
        "than the export writes (re-saved in a spreadsheet, e.g. with day-first dates?). Expected: rows in the format "
        "the export writes; netstats stops rather than report on the few rows left. Fix: use the file from the "
        "original download, or save the dates as the export wrote them (like 08 Feb 2026)."
    )
    assert "nius" not in str(err.value) and "Ann" not in str(err.value)  # shapes, never values


def test_half_of_the_rows_set_aside_is_not_yet_an_error(tmp_path):
    rows = UNREADABLE[:1] + UNREADABLE[2:]
    text = "\n".join([",".join(HEADERS["linkedin"]), *(",".join(r) for r in rows)])
    ex = ns.load(write_export(tmp_path, {"Connections.csv": text}))
    assert ledger_row(ex, "Connections.csv")[S.QUARANTINED] == 1 and len(ex.connections) == 1


def test_hidden_profiles_are_not_data_rows_of_the_rule(tmp_path):
    """Rows excluded by a rule do not count: of the people's rows, more than half must be unreadable."""
    header = ",".join(HEADERS["linkedin"])
    rows = [",,,,,,01 Jan 2020"] * 4 + [",".join(UNREADABLE[0]), ",".join(UNREADABLE[2])]
    ex = ns.load(write_export(tmp_path, {"Connections.csv": "\n".join([header, *rows])}))
    assert ledger_row(ex, "Connections.csv") | {} == {
        S.ERA: "2023+", S.ROWS_READ: 6, S.KEPT: 1, S.EXCLUDED: 4, S.QUARANTINED: 1,
    }  # fmt: skip
    rows.append(",".join(UNREADABLE[1]))
    with pytest.raises(ns.MostlyUnreadableError, match=r"^Connections.csv: 2 of its 3 data rows"):
        ns.load(write_export(tmp_path / "more", {"Connections.csv": "\n".join([header, *rows])}))


def test_ragged_rows_in_most_of_a_file_are_an_error_with_their_field_counts(tmp_path):
    text = OWNER_INVITATION + "a;b;c\nd;e;f\n"
    with pytest.raises(ns.MostlyUnreadableError) as err:
        ns.load(write_export(tmp_path, {"Invitations.csv": text}))
    assert str(err.value).startswith(
        "Invitations.csv: 2 of its 3 data rows could not be read (typically: has 1 fields where the header has 7); "
        "its records do not have the header's columns"
    )


def test_a_header_only_connections_file_is_named(tmp_path):
    with pytest.raises(ns.NotAnExportError) as err:
        ns.load(write_export(tmp_path, {"Connections.csv": resaved_connections(people=[])}))
    assert err.value.file == "Connections.csv"
    assert "holds no connection rows (only its header)" in str(err.value)


@pytest.mark.parametrize("command", ["report", "clean"])
def test_the_cli_exits_2_on_a_file_of_unparseable_dates(tmp_path, command):
    export = write_export(tmp_path / "export", {"Connections.csv": _unreadable_connections()})
    result = subprocess.run(
        [sys.executable, "-m", "netstats", command, str(export), "-o", str(tmp_path / "out"), "-q"],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("netstats: error: Connections.csv: 2 of its 3 data rows could not be read")
    assert "Traceback" not in result.stderr and not (tmp_path / "out").exists()


# ---------------------------------------------------------------- point 9: errors quote shapes, never values
def test_an_unrecognised_header_does_not_quote_the_data_row_it_may_be(tmp_path):
    text = "Zyxcanary,Qwv,https://www.linkedin.com/in/canary,,Acme,CTO,14 Nov 2019\n"
    with pytest.raises(ns.ExportFormatError) as err:
        ns.load(write_export(tmp_path, {"Connections.csv": text}))
    assert "Zyxcanary" not in str(err.value) and "canary" not in str(err.value)
    assert "the first line has 7 field(s), shaped 'Aaaaaaaaa,Aaa,aaaaa://aa…'" in str(err.value)


def test_linkedins_own_numeric_form_resaved_day_first_takes_the_files_order(tmp_path):
    """A value LinkedIn's month-first format could read (03/07/26) is still read day first when the file says so."""
    text = (
        "First Name,Last Name,Email Address,Company,Position,Connected On\n"
        'Ann,Lee,,,,"03/07/26, 2:37 PM"\nBo,Ek,,,,"29/10/26, 9:05 AM"\n'
    )
    ex = ns.load(write_export(tmp_path, {"Connections.csv": text}))
    assert ex.connections[S.CONNECTED_ON].tolist() == [pd.Timestamp("2026-07-03 14:37"), pd.Timestamp("2026-10-29 09:05")]


@settings(max_examples=300, deadline=None)
@given(value=st.text(max_size=60) | st.sampled_from(["नमस्ते दुनिया", "สวัสดี", "😀 Ann ❤", "Zoë\u0308", "€ 12,50"]))
def test_a_shape_never_holds_a_character_of_the_value_but_its_punctuation(value):
    from netstats._errors import value_shape

    shape = value_shape(value)
    assert len(shape) <= 25
    body = shape.removesuffix("\u2026")
    assert all(c in "NAa ?" or (c.isascii() and c.isprintable() and not c.isalnum()) for c in body)
    assert all(c in value or c in "NAa ?" for c in body)


# ---------------------------------------------------------------- point 4 for messages.csv: the re-saves load, every message dated
# Ada (the owner) and Bea, then Cy: (sender, sender URL, recipient, recipient URL, conversation, moment, text).
CY = IN + "cy-ng"
MESSAGES = [
    ("Bea Lopez", BEA, "Ada Quill", OWNER_URL, "2-a==", datetime.datetime(2025, 10, 29, 9, 5, 7), "Hi Ada"),
    ("Ada Quill", OWNER_URL, "Bea Lopez", BEA, "2-a==", datetime.datetime(2025, 11, 3, 18, 40, 0), "Hi Bea"),
    ("Cy Ng", CY, "Ada Quill", OWNER_URL, "2-b==", datetime.datetime(2024, 2, 1, 0, 0, 59), "Coffee?"),
    ("Ada Quill", OWNER_URL, "Cy Ng", CY, "2-b==", datetime.datetime(2024, 2, 14, 12, 30, 0), "Yes; Friday"),
]
MESSAGE_HEADERS = {
    "linkedin": MESSAGES_HEADER.split(","),
    "resaved": [
        "ConversationID", "conversation title", "From", "sender profile url", "To", "RecipientProfileURLs",
        "Date", "Subject", "Content", "Folder", "Attachments",
    ],
}  # fmt: skip
MESSAGE_DATE_FORMS = {
    "linkedin": lambda t: t.strftime("%Y-%m-%d %H:%M:%S UTC"),
    "day-first": lambda t: t.strftime("%d/%m/%Y %H:%M:%S"),
    "day-first-no-seconds": lambda t: t.strftime("%d.%m.%Y %H:%M"),
    "month-first-12h": lambda t: f"{t.month}/{t.day}/{t.year} {t.strftime('%I:%M:%S %p')}",
    "iso-t-z": lambda t: t.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
    "iso-no-zone": lambda t: t.strftime("%Y-%m-%d %H:%M:%S"),
    "day-first-utc": lambda t: t.strftime("%d/%m/%Y %H:%M:%S UTC"),
    "excel-serial": lambda t: repr((t - datetime.datetime(1899, 12, 30)).total_seconds() / 86_400),
    "year-first-slashes": lambda t: t.strftime("%Y/%m/%d %H:%M:%S"),
}
# The forms that write no seconds: the expected moments lose theirs.
NO_SECONDS = {"day-first-no-seconds"}


def resaved_messages(
    *, delimiter: str = ";", header: str = "resaved", date_form: str = "day-first", rows: list[tuple] = MESSAGES
) -> bytes:
    """messages.csv as a spreadsheet re-saves it: a UTF-8 BOM, CRLF, the locale's delimiter, its own date form."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(MESSAGE_HEADERS[header])
    for sender, sender_url, to, to_url, conv, moment, text in rows:
        writer.writerow([conv, "", sender, sender_url, to, to_url, MESSAGE_DATE_FORMS[date_form](moment), "", text, "INBOX", ""])
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


def expected_messages(date_form: str, rows: list[tuple] = MESSAGES) -> list[list]:
    """(text, sent_at, direction) of every message, in the table's order (conversation, then time)."""
    def moment(t: datetime.datetime) -> pd.Timestamp:
        return pd.Timestamp(t.replace(second=0) if date_form in NO_SECONDS else t, tz="UTC")

    return [[text, moment(t), "sent" if sender == "Ada Quill" else "received"] for sender, *_, t, text in rows]


@pytest.mark.parametrize("delimiter", [";", ",", "\t"], ids=["semicolon", "comma", "tab"])
@pytest.mark.parametrize("header", list(MESSAGE_HEADERS))
def test_a_day_first_resave_of_messages_loads_with_every_message_dated(tmp_path, delimiter, header):
    ex = ns.load(write_export(tmp_path, {"messages.csv": resaved_messages(delimiter=delimiter, header=header)}))
    assert ex.messages[[S.CONTENT, S.SENT_AT, S.DIRECTION]].values.tolist() == expected_messages("day-first")
    assert ex.messages[S.SOURCE_LINE].tolist() == [2, 3, 4, 5]
    assert (ex.owner.profile_url, ex.owner.confidence) == (OWNER_URL, "certain")
    assert ledger_row(ex, "messages.csv") | {} == {
        S.ERA: "2025", S.ROWS_READ: 4, S.KEPT: 4, S.EXCLUDED: 0, S.QUARANTINED: 0,
    }  # fmt: skip
    note = (
        "messages.csv: the numeric dates of DATE were read day first (a day above 12 settles it; "
        "a spreadsheet re-saved the file?)."
    )
    assert note in ex.notes and f"note: {note}" in ex.summary()


@pytest.mark.parametrize("date_form", [f for f in MESSAGE_DATE_FORMS if f != "day-first"])
def test_every_date_form_of_a_messages_resave_is_read_exactly(tmp_path, date_form):
    ex = ns.load(write_export(tmp_path, {"messages.csv": resaved_messages(date_form=date_form)}))
    assert ex.messages[[S.CONTENT, S.SENT_AT, S.DIRECTION]].values.tolist() == expected_messages(date_form)
    assert len(ex.quarantine) == 0
    numeric = date_form.startswith(("day-first", "month-first"))
    assert any(n.startswith("messages.csv: the numeric dates of DATE were read") for n in ex.notes) == numeric


def test_an_ambiguous_messages_file_takes_linkedins_order_and_the_summary_says_which(tmp_path):
    rows = [r[:5] + (r[5].replace(day=7),) + r[6:] for r in MESSAGES]  # every day 7: no day above 12
    data = resaved_messages(rows=rows)  # written day first: 07/10/2025 ...
    ex = ns.load(write_export(tmp_path, {"messages.csv": data}))
    # 07/MM/YYYY is read month first, as LinkedIn writes numeric dates: July the MMth
    read = [pd.Timestamp(t.replace(month=7, day=t.month), tz="UTC") for *_, t, _ in rows]
    assert sorted(ex.messages[S.SENT_AT].tolist()) == sorted(read)
    note = (
        "messages.csv: the numeric dates of DATE (like NN/NN/NNNN) have no day above 12 to tell the order; they were "
        "read month first, as LinkedIn writes dates (a spreadsheet may have re-saved the file: check a few)."
    )
    assert note in ex.notes and f"note: {note}" in ex.summary()


def test_a_day_first_resave_of_the_2018_messages_file_is_read_day_first_throughout(tmp_path):
    """A value LinkedIn's month-first form could read (03/07/18) is read day first when the file's other dates say so."""
    text = (
        "\ufeffFrom;To;Date;Subject;Content;Direction;Folder\r\n"
        "Ada Quill;Bea Lopez;03/07/18, 2:37 PM;;Hi Bea;OUTGOING;SENT\r\n"
        "Bea Lopez;Ada Quill;29/10/2018 09:05;Re;Hi, Ada;INCOMING;INBOX\r\n"
    )
    ex = ns.load(write_export(tmp_path, {"Messages.csv": text}))
    assert ex.messages[[S.CONTENT, S.SENT_AT, S.DIRECTION]].values.tolist() == [
        ["Hi Bea", pd.Timestamp("2018-07-03 14:37", tz="UTC"), "sent"],
        ["Hi, Ada", pd.Timestamp("2018-10-29 09:05", tz="UTC"), "received"],
    ]
    assert (
        "Messages.csv: the numeric dates of DATE were read day first (a day above 12 settles it; "
        "a spreadsheet re-saved the file?)."
    ) in ex.notes


def test_linkedins_own_message_dates_take_the_fast_path_alone(tmp_path, monkeypatch):
    """The form every downloaded export holds never reaches the re-save parser (a million rows stay one pass)."""

    def refuse(*args, **kwargs):
        raise AssertionError("parse_dates was called for LinkedIn's own form")

    monkeypatch.setattr(_messages, "parse_dates", refuse)
    data = resaved_messages(delimiter=",", header="linkedin", date_form="linkedin")
    ex = ns.load(write_export(tmp_path, {"messages.csv": data}))
    assert ex.messages[[S.CONTENT, S.SENT_AT, S.DIRECTION]].values.tolist() == expected_messages("linkedin")
    assert not any("numeric dates" in n for n in ex.notes)


MOMENTS = st.datetimes(min_value=datetime.datetime(1990, 1, 1), max_value=datetime.datetime(2040, 12, 31)).map(
    lambda t: t.replace(microsecond=0)
)


@settings(max_examples=150, deadline=None)
@given(
    moments=st.lists(MOMENTS, min_size=1, max_size=20),
    linkedin=st.lists(st.booleans(), min_size=20, max_size=20),
    form=st.sampled_from(["day-first", "iso-t-z", "excel-serial", "month-first-12h"]),
)
def test_message_dates_read_linkedins_form_and_a_resaves_exactly(moments, linkedin, form):
    """Each value in LinkedIn's form or the re-save's: every moment exact once the values settle the day order."""
    values = [MESSAGE_DATE_FORMS["linkedin" if own else form](t) for t, own in zip(moments, linkedin, strict=False)]  # linkedin: 20 flags, moments: 1 to 20
    resaved = [t for t, own in zip(moments, linkedin, strict=False) if not own]
    instants, note = message_dates(pa.array(values, pa.large_string()), legacy=False)
    settled = any(t.day > 12 and t.day != t.month for t in resaved)
    if form == "day-first" and resaved and not settled:  # no day above 12: read month first, as LinkedIn does, and said so
        assert "have no day above 12 to tell the order" in note
        return
    assert instants.tolist() == [np.datetime64(t, "ns").item() for t in moments]
    assert (note is not None) == (bool(resaved) and form in ("day-first", "month-first-12h"))


# ---------------------------------------------------------------- point 5 for messages.csv: never a confident empty result
def test_a_messages_file_of_unparseable_dates_is_an_error_naming_a_shape(tmp_path):
    rows = MESSAGES
    text = resaved_messages(rows=rows).decode("utf-8-sig")
    for sender, *_, t, _ in rows:  # Hungarian dates: a year first, a month name, a day with a dot
        text = text.replace(t.strftime("%d/%m/%Y %H:%M:%S"), f"{t.year}. j\u00fanius {t.day:02d}. {t.hour:02d}:{t.minute:02d}")
    with pytest.raises(ns.MostlyUnreadableError) as err:
        ns.load(write_export(tmp_path, {"messages.csv": text}))
    assert err.value.file == "messages.csv"
    assert str(err.value).startswith(
        "messages.csv: 4 of its 4 data rows could not be read (typically: DATE is not a date in a known format: a value "
        "shaped NNNN. aaaaaa NN. NN:NN (expected like 2025-12-18 03:55:53 UTC)); its dates are in another format than "
        "the export writes (re-saved in a spreadsheet, e.g. with day-first dates?)."
    )
    assert str(err.value).endswith(
        "Fix: use the file from the original download, or save the dates as the export wrote them "
        "(like 2025-12-18 03:55:53 UTC)."
    )
    assert "nius" not in str(err.value) and "Ada" not in str(err.value)  # shapes, never values


def test_the_cli_report_exits_2_on_a_messages_file_of_unparseable_dates(tmp_path):
    rows = MESSAGES
    text = resaved_messages(rows=rows, date_form="iso-no-zone").decode("utf-8-sig")
    for *_, t, _ in rows:
        text = text.replace(t.strftime("%Y-%m-%d %H:%M:%S"), t.strftime("%Y-%m-%d %H:%M:%S") + " +0100 (CET)")
    export = write_export(tmp_path / "export", {"messages.csv": text})
    result = subprocess.run(
        [sys.executable, "-m", "netstats", "report", str(export), "-o", str(tmp_path / "out.html"), "-q"],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith(
        "netstats: error: messages.csv: 4 of its 4 data rows could not be read (typically: DATE is not a date in a "
        "known format: a value shaped NNNN-NN-NN NN:NN:NN +NNN\u2026 (expected like 2025-12-18 03:55:53 UTC)); "
    )
    assert "Traceback" not in result.stderr and not (tmp_path / "out.html").exists()


# ---------------------------------------------------------------- a quote that swallows records, in any delimiter
SWALLOWING = {
    "messages.csv": (
        MESSAGES_HEADER.split(","),
        [
            ["2-a==", "", "Bea Lopez", BEA, "Ada Quill", OWNER_URL, "2025-01-01 00:00:00 UTC", "", "first", "INBOX", ""],
            ["c1", "", "A", "", "B", "", "2025-01-01 00:00:00 UTC", "", '"Hello', "INBOX", ""],
            ["2-b==", "", "Bea Lopez", BEA, "Ada Quill", OWNER_URL, "2025-01-02 00:00:00 UTC", "", "second", "INBOX", ""],
            ["c2", "", "A", "", "B", "", "2025-01-03 00:00:00 UTC", "", 'bye"', "INBOX", ""],
            ["2-c==", "", "Bea Lopez", BEA, "Ada Quill", OWNER_URL, "2025-01-04 00:00:00 UTC", "", "third", "INBOX", ""],
        ],
    ),
    "Messages.csv": (
        ["From", "To", "Date", "Subject", "Content", "Direction", "Folder"],
        [
            ["Ada Quill", "Bea Lopez", "8/18/18, 12:38 AM", "", "first", "OUTGOING", "SENT"],
            ["Ada Quill", "Bea Lopez", "8/18/18, 12:39 AM", "", '"Hello', "OUTGOING", "SENT"],
            ["Bea Lopez", "Ada Quill", "8/19/18, 8:36 AM", "", "second", "INCOMING", "INBOX"],
            ["Ada Quill", "Bea Lopez", "8/20/18, 9:00 AM", "", 'bye"', "OUTGOING", "SENT"],
        ],
    ),
    "Invitations.csv": (
        ["From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl", "inviteeProfileUrl"],
        [
            ["Ada Quill", "Bea Lopez", "5/30/25, 9:00 AM", '"Hello', "OUTGOING", OWNER_URL, BEA],
            ["Cy Ng", "Ada Quill", "5/31/25, 9:00 AM", "", "INCOMING", CY, OWNER_URL],
            ["Ada Quill", "Di Li", "6/1/25, 9:00 AM", 'bye"', "OUTGOING", OWNER_URL, IN + "di-li"],
        ],
    ),
    "Connections.csv": (
        HEADERS["linkedin"],
        [["Ann", "Lee", IN + "ann", "", '"Acme', "", "08 Feb 2026"], ["Bo", "Ek", IN + "bo", "", "", "", "09 Feb 2026"],
         ["Cy", "Ng", IN + "cy", "", 'Co"', "", "10 Feb 2026"]],
    ),
}  # fmt: skip


@pytest.mark.parametrize(
    "file, delimiter",
    # (a comma file quotes the 2018 and invitation dates, which hold a comma: test_load_bad_input's CSV-4 has its cases)
    [(f, d) for f in SWALLOWING for d in (";", "\t", ",") if d != "," or f in ("messages.csv", "Connections.csv")],
)
def test_a_quote_swallowing_records_is_caught_whatever_the_delimiter(tmp_path, file, delimiter):
    """An even number of quotes overall, yet one field runs over the records after it (written by hand: no quoting)."""
    header, rows = SWALLOWING[file]
    def cell(value: str) -> str:  # quoted when it holds the delimiter, as a spreadsheet writes it
        return f'"{value}"' if delimiter in value else value

    text = "\r\n".join(delimiter.join(map(cell, cells)) for cells in [header, *rows]) + "\r\n"
    with pytest.raises(ns.ExportFormatError) as err:
        ns.load(write_export(tmp_path, {file: text}))
    assert "runs on over the records" in str(err.value)
    assert (err.value.file, err.value.line) == (file, 3 if file.lower() == "messages.csv" else 2)


@settings(max_examples=200, deadline=None)
@given(values=st.lists(st.one_of(st.none(), st.text(max_size=40)), min_size=1, max_size=12), start=st.integers(0, 3))
def test_a_bad_dates_reason_gives_each_values_own_shape(values, start):
    """The reasons are shaped per distinct digit-folded value; each is still its own value's shape (sliced columns too)."""
    from netstats._errors import value_shape
    from netstats.sources.linkedin._dates import bad_date_reason

    column = pd.Series(values, dtype=S.STRING).iloc[start:]
    got = bad_date_reason("DATE", column, "2025-12-18 03:55:53 UTC")
    assert got.index.equals(column.index)
    assert got.tolist() == [
        f"DATE is not a date in a known format: a value shaped {value_shape(v if isinstance(v, str) else '')} "
        "(expected like 2025-12-18 03:55:53 UTC)"
        for v in column.astype(object)
    ]
