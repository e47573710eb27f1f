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
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_load_quirks import (
    IN,
    OWNER_INVITATION,
    PREAMBLE,
    TWO_MESSAGES,
    ledger_balances,
    ledger_row,
    write_export,
)

import netstats as ns
from netstats import schema as S
from netstats.sources.linkedin._clean import DAY_FIRST, MONTH_FIRST, parse_dates
from netstats.sources.linkedin._csv import line_delimiter

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
    return list(zip(ex.connections[S.LAST_NAME].tolist(), ex.connections[S.CONNECTED_ON].tolist()))


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
@given(value=st.text(max_size=60))
def test_a_shape_never_holds_a_character_of_the_value_but_its_punctuation(value):
    from netstats._errors import value_shape

    shape = value_shape(value)
    assert len(shape) <= 25
    body = shape.removesuffix("\u2026")
    assert all(c in "NAa ?" or not (c.isalnum() or c.isspace() or not c.isprintable()) for c in body)
    assert all(c in value or c in "NAa ?" for c in body)
