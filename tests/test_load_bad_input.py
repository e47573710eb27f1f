"""The bad-input catalogue of research/threats.md §5 (CSV-1 ... CSV-10, DATE-1, DATE-2).

Every input gives either a clear netstats error naming the file and the line,
or quarantined rows with a reason; the ledger balances on every fixture.
"""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from hostile import write_hostile_export
from test_load_quirks import (
    BEA,
    CONNECTIONS_HEADER,
    CONNECTIONS_HEADER_2020,
    IN,
    MESSAGES_HEADER,
    OWNER_INVITATION,
    OWNER_URL,
    PREAMBLE,
    PROFILE_HEADER,
    connections_csv,
    ledger_balances,
    ledger_row,
    line,
    message,
    messages_csv,
    write_export,
)

import netstats as ns
from netstats import schema as S
from netstats.sources.linkedin import open_export
from netstats.sources.linkedin._csv import MAX_FIELD_CHARS, _decode


def load_one(tmp_path, name: str, content: str | bytes, **kwargs) -> ns.Export:
    files = {name: content}
    if name == "messages.csv":
        files["Invitations.csv"] = OWNER_INVITATION
    ex = ns.load(write_export(tmp_path, files), **kwargs)
    assert ledger_balances(ex)
    return ex


def assert_names_file_and_line(err: pytest.ExceptionInfo, file: str, line_number: int) -> None:
    assert isinstance(err.value, ns.NetstatsError)
    assert (err.value.file, err.value.line) == (file, line_number)
    assert str(err.value).startswith(f"{file}, line {line_number}: ")


# ---------------------------------------------------------------- the catalogue inputs
ROWS_2020 = ["Ann,Lee,,Acme,CTO,14 Nov 2019", "Bo,Ek,bo@example.com,,,13 Nov 2019"]
CONTROL_NAME = "\x1b[2J\x1b]8;;https://evil.example\x07Click\x1b]8;;\x07"
CP1252_CONNECTIONS = (
    CONNECTIONS_HEADER_2020 + "\r\nAnn,Lee,,Acme,CTO,14 Nov 2019\r\nJan,M\xfcller,,Caf\xe9 & Co,,4-Apr-21\r\n"
).encode("cp1252")


def _bea(conv: str, date: str, content: str) -> str:
    return message(conv, "Bea Lopez", BEA, "Ada Quill", OWNER_URL, date, content)


def _invitations(*rows: str) -> str:
    return OWNER_INVITATION + "".join(r + "\n" for r in rows)


# Inputs that load (possibly with quarantined rows): id -> (files, load keyword arguments).
LOADABLE: dict[str, tuple[dict[str, str | bytes], dict]] = {
    "CSV-1": ({"Connections.csv": "\n".join([CONNECTIONS_HEADER_2020, *ROWS_2020])}, {}),
    "CSV-2": (
        {
            "Connections.csv": "\ufeff"
            + (PREAMBLE + "\n".join([CONNECTIONS_HEADER, f"Ann,Lee,{IN}ann-lee,,Acme,CTO,14 Nov 2019", f"Bo,Ek,{IN}bo-ek,bo@example.com,,,13 Nov 2019"])).replace("\n", "\r\n")
        },
        {},
    ),
    "CSV-3": (
        {"Connections.csv": connections_csv('Ines,"Okafor\nLindqvist",,,"Acme, Inc.","Engineer, Platform",14 Nov 2019', "Bo,Ek,,,,,13 Nov 2019")},
        {},
    ),
    "CSV-5": (
        {
            "Connections.csv": connections_csv(
                "Ann,Lee,,,,,01 Jan 2020", "Too,Many,u,e,c,p,01 Jan 2020,EXTRA", "Bo,Ek,,,,,02 Jan 2020", "Short,Row", "Cy,Ng,,,,,03 Jan 2020"
            )
        },
        {},
    ),
    "CSV-5-multiline": (
        {
            "messages.csv": messages_csv(
                _bea("2-a==", "2025-01-01 00:00:00 UTC", "one\ntwo"),
                line("2-b==", "x", "y", "two\nlines\nhere"),
                _bea("2-c==", "2025-01-02 00:00:00 UTC", "after"),
            ),
            "Invitations.csv": OWNER_INVITATION,
        },
        {},
    ),
    "CSV-6-quoted": ({"Connections.csv": connections_csv('"Ann\rMarie",Lee,,,,,02 Jan 2020', "Bo,Ek,,,,,03 Jan 2020")}, {}),
    "CSV-7": (
        {
            "messages.csv": messages_csv(
                _bea("2-a==", "2025-01-01 00:00:00 UTC", "x" * 200_000),
                _bea("2-b==", "2025-01-02 00:00:00 UTC", "y" * (5 * 1024 * 1024)),
                _bea("2-c==", "2025-01-03 00:00:00 UTC", "short"),
            ),
            "Invitations.csv": OWNER_INVITATION,
        },
        {},
    ),
    "CSV-8": (
        {
            "Connections.csv": connections_csv(line("Bob\x00", CONTROL_NAME, IN + "bob", "", "Acme\x7f", "", "01 Jan 2020")),
            # the owner's name is printed by `netstats clean`: make it hostile too
            "Invitations.csv": "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
            + line(CONTROL_NAME, "Bob Lee", "1/29/26, 2:37 PM", "", "OUTGOING", OWNER_URL, IN + "bob")
            + "\n",
        },
        {},
    ),
    "CSV-9": (
        {
            "Connections.csv": connections_csv(
                *(line(v, v, IN + f"p{i}", "", v, v, "01 Jan 2020") for i, v in enumerate(["NULL", "NA", "None", "N/A", "nan", "#N/A", "0012", "1e5", "TRUE", "-0"]))
            )
        },
        {},
    ),
    "CSV-10a": ({"Connections.csv": CP1252_CONNECTIONS}, {"encoding": "cp1252"}),
    "CSV-10b": (
        {
            "Connections.csv": b"\xff\xfe"
            + ("\t".join(CONNECTIONS_HEADER_2020.split(",")) + "\r\n" + 'Jan\tM\u00fcller\t\t"Caf\u00e9, Co"\t\t04-Apr-21\r\n').encode("utf-16-le")
        },
        {},
    ),
    "DATE-1": (
        {
            "Connections.csv": connections_csv(line("Ann", "Lee", IN + "ann", "", "", "", "08 Feb 2026")),
            "messages.csv": messages_csv(message("2-a==", "Ann Lee", IN + "ann", "Ada Quill", OWNER_URL, "2025-06-01 14:03:22 UTC", "hi")),
            "Invitations.csv": _invitations(
                line("Ann Lee", "Ada Quill", "1/29/26, 2:37 PM", "", "INCOMING", IN + "ann", OWNER_URL),
                line("Cy Ng", "Ada Quill", "1/29/26, 2:37\u202fPM", "", "INCOMING", IN + "cy", OWNER_URL),
            ),
        },
        {},
    ),
    "DATE-2": (
        {
            "Connections.csv": connections_csv(
                *(
                    line(f"P{i}", "X", IN + f"p{i}", "", "", "", d)
                    for i, d in enumerate(["01/02/2026", "13/02/2026", "08 f\u00e9vr. 2026", "2016. j\u00fanius 16., 9:44", "08 Feb 2026"])
                )
            )
        },
        {},
    ),
    "DATE-2-messages": (
        {
            "messages.csv": messages_csv(
                _bea("2-a==", "2025-13-01 00:00:00 UTC", "bad month"),
                _bea("2-a==", "01/06/2025 10:00", "other format"),
                _bea("2-a==", "2025-06-01 10:00:00 UTC", "good"),
                _bea("2-a==", "2025-06-02 10:00:00 UTC", "good too"),
                _bea("2-a==", "2025-06-03 10:00:00 UTC", "and good"),
            ),
            "Invitations.csv": _invitations(
                line("Cy", "Ada Quill", "29/1/26, 2:37 PM", "", "INCOMING", IN + "cy", OWNER_URL),
                line("Di", "Ada Quill", "1/29/26, 2:37 PM", "", "SIDEWAYS", IN + "di", OWNER_URL),
                line("Ed", "Ada Quill", "1/30/26, 2:37 PM", "", "INCOMING", IN + "ed", OWNER_URL),
                line("Flo", "Ada Quill", "1/31/26, 2:37 PM", "", "INCOMING", IN + "flo", OWNER_URL),
            ),
        },
        {},
    ),
}


def load_catalogue(tmp_path, key: str) -> ns.Export:
    files, kwargs = LOADABLE[key]
    ex = ns.load(write_export(tmp_path / key, files), **kwargs)
    assert ledger_balances(ex)
    return ex


# ---------------------------------------------------------------- CSV-1, CSV-2, CSV-3


def test_csv1_2020_no_preamble_no_url(tmp_path):
    ex = load_catalogue(tmp_path, "CSV-1")
    assert ex.connections[[S.CONTACT_ID, S.NAME, S.EMAIL, S.COMPANY]].astype(object).values.tolist() == [
        ["name:ann lee", "Ann Lee", pd.NA, "Acme"],
        ["name:bo ek", "Bo Ek", "bo@example.com", pd.NA],
    ]
    assert ledger_row(ex, "Connections.csv") == {S.ERA: "2018-21", S.ROWS_READ: 2, S.KEPT: 2, S.EXCLUDED: 0, S.QUARANTINED: 0}


def test_csv2_bom_crlf_preamble_and_url_give_the_same_frame_plus_url(tmp_path):
    ex2 = load_catalogue(tmp_path, "CSV-2")
    ex1 = load_catalogue(tmp_path, "CSV-1")
    same = [S.NAME, S.FIRST_NAME, S.LAST_NAME, S.EMAIL, S.COMPANY, S.POSITION, S.CONNECTED_ON]
    pd.testing.assert_frame_equal(ex2.connections[same], ex1.connections[same])
    assert ex2.connections[S.PROFILE_URL].tolist() == [IN + "ann-lee", IN + "bo-ek"]
    assert ex2.connections[S.SOURCE_LINE].tolist() == [5, 6]


def test_csv3_comma_and_newline_inside_quotes_are_one_record(tmp_path):
    ex = load_catalogue(tmp_path, "CSV-3")
    assert ex.connections[[S.LAST_NAME, S.COMPANY, S.POSITION, S.SOURCE_LINE]].values.tolist() == [
        ["Okafor\nLindqvist", "Acme, Inc.", "Engineer, Platform", 5],
        ["Ek", pd.NA, pd.NA, 7],
    ]


# ---------------------------------------------------------------- CSV-4: unterminated quote
def test_csv4_unterminated_quote_before_1000_rows_is_a_loud_error_with_its_line(tmp_path):
    valid = [message(f"2-{i}==", "Bea Lopez", BEA, "Ada Quill", OWNER_URL, "2025-01-02 00:00:00 UTC", f"row {i}") for i in range(1000)]
    broken = 'c1,,A,,B,,2025-01-01 00:00:00 UTC,,"Hello,INBOX,'
    text = messages_csv(valid[0], broken, *valid[1:])
    with pytest.raises(ns.ExportFormatError) as err:
        load_one(tmp_path, "messages.csv", text)
    assert_names_file_and_line(err, "messages.csv", 3)
    assert "never closed" in str(err.value)


def test_csv4_a_quote_swallowing_rows_with_balanced_quotes_is_caught_too(tmp_path):
    """An even number of quotes overall, yet one field runs over the records after it."""
    rows = [
        message("2-a==", "Bea Lopez", BEA, "Ada Quill", OWNER_URL, "2025-01-01 00:00:00 UTC", "first"),
        'c1,,A,,B,,2025-01-01 00:00:00 UTC,,"Hello,INBOX,',
        message("2-b==", "Bea Lopez", BEA, "Ada Quill", OWNER_URL, "2025-01-02 00:00:00 UTC", "second"),
        'c2,,A,,B,,2025-01-03 00:00:00 UTC,,bye",INBOX,',
        message("2-c==", "Bea Lopez", BEA, "Ada Quill", OWNER_URL, "2025-01-04 00:00:00 UTC", "third"),
    ]
    with pytest.raises(ns.ExportFormatError) as err:
        load_one(tmp_path, "messages.csv", messages_csv(*rows))
    assert_names_file_and_line(err, "messages.csv", 3)
    assert "runs on over the records" in str(err.value)


@pytest.mark.parametrize("trailer", ["", "\n", "\n\n"])
def test_csv4_an_unterminated_quote_in_the_last_record_is_refused_too(tmp_path, trailer):
    rows = [
        message("2-a==", "Bea Lopez", BEA, "Ada Quill", OWNER_URL, "2025-01-01 00:00:00 UTC", "first"),
        'c1,,A,,B,,2025-01-01 00:00:00 UTC,,x,INBOX,"https://www.linkedin.com/dms/prv',
    ]
    with pytest.raises(ns.ExportFormatError) as err:
        load_one(tmp_path, "messages.csv", MESSAGES_HEADER + "\n" + "\n".join(rows) + trailer)
    assert_names_file_and_line(err, "messages.csv", 3)


# ---------------------------------------------------------------- CSV-5: ragged rows
def test_csv5_too_many_and_too_few_fields_are_quarantined(tmp_path):
    ex = load_catalogue(tmp_path, "CSV-5")
    assert ex.connections[S.NAME].tolist() == ["Ann Lee", "Bo Ek", "Cy Ng"]
    assert ex.connections[S.SOURCE_LINE].tolist() == [5, 7, 9]
    assert ex.quarantine.drop(columns=S.PLATFORM).values.tolist() == [
        ["Connections.csv", 6, "has 8 fields where the header has 7", "Too,Many,u,e,c,p,01 Jan 2020,EXTRA"],
        ["Connections.csv", 8, "has 2 fields where the header has 7", "Short,Row"],
    ]
    assert ledger_row(ex, "Connections.csv") == {S.ERA: "2023+", S.ROWS_READ: 5, S.KEPT: 3, S.EXCLUDED: 0, S.QUARANTINED: 2}


def test_csv5_a_ragged_record_spanning_lines_keeps_later_lines_right(tmp_path):
    ex = load_catalogue(tmp_path, "CSV-5-multiline")
    assert ex.messages[[S.CONTENT, S.SOURCE_LINE]].values.tolist() == [["one\ntwo", 2], ["after", 7]]
    assert ex.quarantine[[S.LINE, S.REASON, S.RAW]].values.tolist() == [
        [4, "has 4 fields where the header has 11", '2-b==,x,y,"two\nlines\nhere"']
    ]


# ---------------------------------------------------------------- CSV-6: bare CR
def test_csv6_a_bare_cr_outside_quotes_is_refused_with_its_line(tmp_path):
    text = connections_csv("Ann,Lee,,,,,01 Jan 2020", "Ann\rMarie,Lee,,,,,02 Jan 2020", "Bo,Ek,,,,,03 Jan 2020")
    with pytest.raises(ns.ExportFormatError) as err:
        load_one(tmp_path, "Connections.csv", text)
    assert_names_file_and_line(err, "Connections.csv", 6)
    assert "carriage return" in str(err.value)


def test_csv6_a_cr_inside_quotes_is_content(tmp_path):
    ex = load_catalogue(tmp_path, "CSV-6-quoted")
    assert ex.connections[[S.FIRST_NAME, S.SOURCE_LINE]].values.tolist() == [["Ann\rMarie", 5], ["Bo", 6]]


# ---------------------------------------------------------------- CSV-7: huge fields
def test_csv7_a_200000_character_content_is_accepted_and_a_5_mb_one_quarantined(tmp_path):
    ex = load_catalogue(tmp_path, "CSV-7")
    assert ex.messages[S.CONTENT].str.len().tolist() == [200_000, 5]
    assert ex.quarantine[[S.LINE, S.REASON]].values.tolist() == [[3, f"a field is longer than {MAX_FIELD_CHARS:,} characters"]]
    raw = ex.quarantine[S.RAW].iloc[0]
    assert raw.startswith("2-b==,,Bea Lopez,") and raw.endswith(" [cut]") and len(raw) < 2_000
    assert ledger_row(ex, "messages.csv") == {S.ERA: "2025", S.ROWS_READ: 3, S.KEPT: 2, S.EXCLUDED: 0, S.QUARANTINED: 1}


# ---------------------------------------------------------------- CSV-8: control characters
def test_csv8_control_characters_are_kept_raw(tmp_path):
    ex = load_catalogue(tmp_path, "CSV-8")
    row = ex.connections.iloc[0]
    assert (row[S.FIRST_NAME], row[S.LAST_NAME], row[S.COMPANY]) == ("Bob\x00", CONTROL_NAME, "Acme\x7f")


def test_csv8_the_cli_prints_no_escape_sequence(tmp_path):
    export = write_export(tmp_path / "export", LOADABLE["CSV-8"][0])
    result = subprocess.run(
        [sys.executable, "-m", "netstats", "clean", str(export), "-o", str(tmp_path / "out")],
        capture_output=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert b"\x1b" not in result.stdout and b"\x1b" not in result.stderr
    assert b"\x07" not in result.stdout and b"\x00" not in result.stdout
    assert "owner: \ufffd[2J\ufffd]8;;https://evil.example\ufffdClick" in result.stdout.decode("utf-8")


def test_csv8_an_escape_in_a_file_name_never_reaches_the_terminal(tmp_path):
    folder = tmp_path / "x\x1b[2Jy"
    write_export(folder, {"Connections.csv": "Vorname\n"})
    result = subprocess.run([sys.executable, "-m", "netstats", "clean", str(folder), "-o", str(tmp_path / "out")], capture_output=True, timeout=120)
    assert result.returncode == 2
    assert b"\x1b" not in result.stderr and b"\x1b" not in result.stdout


# ---------------------------------------------------------------- CSV-9: NA-like values
def test_csv9_na_like_and_number_like_values_are_kept_exactly(tmp_path):
    values = ["NULL", "NA", "None", "N/A", "nan", "#N/A", "0012", "1e5", "TRUE", "-0"]
    ex = load_catalogue(tmp_path, "CSV-9")
    frame = ex.connections
    for column in (S.FIRST_NAME, S.LAST_NAME, S.COMPANY, S.POSITION):
        assert frame[column].tolist() == values
        assert frame[column].isna().sum() == 0
        assert frame[column].dtype == S.STRING


# ---------------------------------------------------------------- CSV-10: other encodings
def test_csv10_a_cp1252_byte_quarantines_its_row_with_line_and_encoding_hint(tmp_path):
    """Issue 13 point 9: a single undecodable byte costs its record, not the file (and no pyarrow noise)."""
    ex = load_one(tmp_path, "Connections.csv", CP1252_CONNECTIONS)
    assert ex.connections[S.NAME].tolist() == ["Ann Lee"]
    assert ex.quarantine[[S.LINE, S.REASON, S.RAW]].values.tolist() == [
        [3, "holds a byte that is not UTF-8 (re-saved in another encoding? pass encoding='cp1252' or the right one)",
         "Jan,M\ufffdller,,Caf\ufffd & Co,,4-Apr-21"],
    ]  # fmt: skip


def test_csv10_a_mostly_cp1252_file_is_an_error_with_the_encoding_hint(tmp_path):
    data = (CONNECTIONS_HEADER_2020 + "\nJan,M\xfcller,,,,4-Apr-21\nAnn,Lee,,,,14 Nov 2019\nZo\xeb,Ek,,,,4-Apr-21\n").encode("cp1252")
    with pytest.raises(ns.MostlyUnreadableError) as err:
        load_one(tmp_path, "Connections.csv", data)
    assert str(err.value).startswith("Connections.csv: 2 of its 3 data rows could not be read (typically: holds a byte that is not UTF-8")
    assert "Fix: pass the encoding it was saved with (encoding='cp1252' to netstats.load, --encoding cp1252" in str(err.value)
    assert "ller" not in str(err.value) and "Zo" not in str(err.value)  # never a cell value


def test_a_ragged_row_with_a_bad_byte_is_quarantined_with_its_line_and_no_pyarrow_noise(tmp_path, capfd):
    data = connections_csv("Ann,Lee,,,,,01 Jan 2020", "Bo,Ek,,,,,02 Jan 2020").encode() + b"\nM\xfcller,short\n"
    ex = load_one(tmp_path, "Connections.csv", data)
    assert ex.quarantine[[S.LINE, S.REASON, S.RAW]].values.tolist() == [[7, "has 2 fields where the header has 7", "M\ufffdller,short"]]
    assert capfd.readouterr().err == ""


def test_csv10_cp1252_loads_with_the_encoding_named(tmp_path):
    ex = load_catalogue(tmp_path, "CSV-10a")
    assert ex.connections[[S.NAME, S.COMPANY, S.CONNECTED_ON]].values.tolist() == [
        ["Ann Lee", "Acme", pd.Timestamp("2019-11-14")],
        ["Jan Müller", "Café & Co", pd.Timestamp("2021-04-04")],  # the Excel re-save date format is read
    ]
    assert "\ufffd" not in "".join(ex.connections[S.NAME])


def test_csv10_an_unknown_encoding_name_is_a_clear_error(tmp_path):
    with pytest.raises(ns.ExportFormatError, match="unknown text encoding") as err:
        load_one(tmp_path, "Connections.csv", CP1252_CONNECTIONS, encoding="no-such-codec")
    assert "Connections.csv" in str(err.value)


def test_csv10_a_wrong_encoding_named_is_an_error_with_file_and_line_as_on_every_platform(tmp_path):
    """The same decode_text every reader uses: the codec tried, the file, the line of the first bad byte."""
    with pytest.raises(ns.ExportFormatError, match=r"Connections.csv, line \d+: byte \d+ cannot be decoded as ascii"):
        load_one(tmp_path, "Connections.csv", CP1252_CONNECTIONS, encoding="ascii")


def test_csv10_excel_utf16_tsv_is_detected(tmp_path):
    ex = load_catalogue(tmp_path, "CSV-10b")
    assert ex.connections[[S.NAME, S.COMPANY, S.CONNECTED_ON]].values.tolist() == [["Jan Müller", "Café, Co", pd.Timestamp("2021-04-04")]]


def test_csv10_utf16_bom_with_broken_bytes_is_a_clear_error(tmp_path):
    with pytest.raises(ns.ExportFormatError, match=r"Connections.csv, line 1: byte \d+ cannot be decoded as UTF-16"):
        load_one(tmp_path, "Connections.csv", b"\xff\xfeF\x00i\x00\x00\xd8")


# ---------------------------------------------------------------- DATE-1, DATE-2
def test_date1_each_file_has_its_exact_format(tmp_path):
    ex = load_catalogue(tmp_path, "DATE-1")
    assert ex.connections[S.CONNECTED_ON].tolist() == [pd.Timestamp("2026-02-08")]
    assert ex.messages[S.SENT_AT].tolist() == [pd.Timestamp("2025-06-01 14:03:22", tz="UTC")]
    assert ex.invitations[S.SENT_AT].tolist() == [
        pd.Timestamp("2025-05-30 09:00"),
        pd.Timestamp("2026-01-29 14:37"),
        pd.Timestamp("2026-01-29 14:37"),
    ]
    assert ex.invitations[S.SENT_AT].dt.tz is None


def test_date2_a_day_above_12_settles_the_order_and_localised_dates_are_quarantined(tmp_path):
    """Issue 13 point 4 (the file's values tell its day order); the month names netstats cannot read stay quarantined."""
    ex = load_catalogue(tmp_path, "DATE-2")
    assert ex.connections[[S.FIRST_NAME, S.CONNECTED_ON]].values.tolist() == [
        ["P0", pd.Timestamp("2026-02-01")],
        ["P1", pd.Timestamp("2026-02-13")],
        ["P4", pd.Timestamp("2026-02-08")],
    ]
    assert ex.quarantine[[S.LINE, S.REASON]].values.tolist() == [
        [7, "Connected On is not a date in a known format: a value shaped NN aaaa. NNNN (expected like 08 Feb 2026)"],
        [8, "Connected On is not a date in a known format: a value shaped NNNN. aaaaaa NN., N:NN (expected like 08 Feb 2026)"],
    ]
    assert ex.quarantine[S.RAW].iloc[0] == "P2,X,https://www.linkedin.com/in/p2,,,,08 f\u00e9vr. 2026"
    assert ledger_row(ex, "Connections.csv") == {S.ERA: "2023+", S.ROWS_READ: 5, S.KEPT: 3, S.EXCLUDED: 0, S.QUARANTINED: 2}
    assert "Connections.csv: the numeric dates of Connected On were read day first (a day above 12 settles it; a spreadsheet re-saved the file?)." in ex.notes


def test_date2_bad_message_and_invitation_dates_are_quarantined(tmp_path):
    """A bad DATE's reason gives its shape; a date in another form (issue 13 point 4) is read, its day order noted."""
    ex = load_catalogue(tmp_path, "DATE-2-messages")
    assert ex.messages[[S.CONTENT, S.SENT_AT]].values.tolist() == [
        ["other format", pd.Timestamp("2025-01-06 10:00", tz="UTC")],  # 01/06/2025: no day above 12, LinkedIn's order
        ["good", pd.Timestamp("2025-06-01 10:00", tz="UTC")],
        ["good too", pd.Timestamp("2025-06-02 10:00", tz="UTC")],
        ["and good", pd.Timestamp("2025-06-03 10:00", tz="UTC")],
    ]
    assert ex.quarantine[[S.FILE, S.LINE, S.REASON]].values.tolist() == [
        ["Invitations.csv", 3, "Sent At is not a date in a known format: a value shaped NN/N/NN, N:NN AA (expected like 3/7/26, 1:07 PM)"],
        ["Invitations.csv", 4, "Direction is neither INCOMING nor OUTGOING"],
        [
            "messages.csv",
            2,
            "DATE is not a date in a known format: a value shaped NNNN-NN-NN NN:NN:NN AAA (expected like 2025-12-18 03:55:53 UTC)",
        ],
    ]
    assert any(n.startswith("messages.csv: the numeric dates of DATE (like NN/NN/NNNN) have no day above 12") for n in ex.notes)


# ---------------------------------------------------------------- errors never quote cell values
def test_errors_never_quote_a_cell_value(tmp_path):
    secret = "Zyxcanary-secret"
    text = connections_csv(f'{secret},"unterminated,,,,,01 Jan 2020')
    with pytest.raises(ns.ExportFormatError) as err:
        load_one(tmp_path, "Connections.csv", text)
    assert secret not in str(err.value)
    assert_names_file_and_line(err, "Connections.csv", 5)


# ---------------------------------------------------------------- the invariant, on every fixture
ERAS_DIR = Path(__file__).parent / "fixtures" / "eras"
SAMPLE_DIR = Path(__file__).parent.parent / "data" / "sample"


def _fixture_folders(tmp_path) -> list[tuple[Path, dict]]:
    folders = [(p, {}) for p in sorted(ERAS_DIR.iterdir()) if p.is_dir()]
    for key, (files, kwargs) in LOADABLE.items():
        folders.append((write_export(tmp_path / key, files), kwargs))
    folders.append((write_hostile_export(tmp_path / "hostile"), {}))
    if any(SAMPLE_DIR.glob("*.csv")):
        folders.append((SAMPLE_DIR, {}))
    return folders


def _records_by_line(data: bytes) -> dict[int, list[str]]:
    """Every CSV record of a file, keyed by the physical (LF) line it starts on: an independent oracle."""
    lines = data.decode("utf-8").split("\n")
    lines = [text + "\n" for text in lines[:-1]] + ([lines[-1]] if lines[-1] else [])
    delimiter = "\t" if lines[0].count("\t") > lines[0].count(",") else ","
    reader = csv.reader(iter(lines), delimiter=delimiter)
    records = {}
    start = 1
    for record in reader:
        records[start] = record
        start = reader.line_num + 1
    return records


@pytest.fixture
def big_csv_fields():
    previous = csv.field_size_limit(1 << 30)
    yield
    csv.field_size_limit(previous)


def test_every_fixture_accounts_for_every_row_at_its_line(tmp_path, big_csv_fields):
    """rows_read == kept + excluded + quarantined, and every line points at the record it names."""
    checked = 0
    for folder, kwargs in _fixture_folders(tmp_path):
        ex = ns.load(folder, **kwargs)
        assert ledger_balances(ex), folder
        sources = open_export(folder).files
        records = {src.name: _records_by_line(_decode(src, kwargs.get("encoding"))) for src in sources}
        for row in ex.excluded.itertuples(index=False):
            assert row.line >= 1 and row.reason, (folder, row)
            record = records[row.file][row.line]
            if row.reason.startswith("hidden profile"):
                assert not any(c.strip() for c in record[:-1]) and record[-1].strip(), (folder, row)
            elif row.reason == "empty row":
                assert not any(c.strip() for c in record), (folder, row)
            else:
                assert row.reason.startswith("draft") and "INBOX" not in record, (folder, row)
            checked += 1
        for row in ex.quarantine.itertuples(index=False):
            assert row.line >= 1 and row.reason and row.raw, (folder, row)
            record = records[row.file][row.line]
            raw = next(csv.reader(io.StringIO(row.raw.removesuffix(" [cut]"), newline="")))
            if row.reason.startswith("has "):
                assert record == raw, (folder, row)
            elif row.reason.startswith("a field is longer"):
                assert all(r.startswith(q) for r, q in zip(record, raw, strict=True)), (folder, row)
            else:  # a value that does not parse: the same values, in the loader's column order
                assert sorted(v for v in raw if v) == sorted(c.strip() for c in record if c.strip()), (folder, row)
            checked += 1
        # kept rows: the record at source_line holds the row's own text
        by_kind = {src.logical: src.name for src in sources}
        for kind, table, column in (
            ("connections", ex.connections, S.FIRST_NAME),
            ("messages", ex.messages, S.SENDER_NAME),
            ("invitations", ex.invitations, S.NAME),
        ):
            for value, at in zip(table[column], table[S.SOURCE_LINE], strict=True):
                record = records[by_kind[kind]][int(at)]
                assert len(record) >= 5, (folder, kind, at)
                if isinstance(value, str) and kind != "invitations":
                    assert value in [c.strip() for c in record], (folder, kind, at)
                elif isinstance(value, str):
                    assert value in record[:2], (folder, kind, at)
                checked += 1
    assert checked > 300


# ---------------------------------------------------------------- several bad files
UNKNOWN_HEADER = "Colour,Shape\nred,round\n"


@pytest.mark.parametrize(
    "bad, named",
    [
        (("Connections.csv", "messages.csv"), "Connections.csv"),
        (("Invitations.csv", "messages.csv"), "Invitations.csv"),
        (("messages.csv", "Profile.csv"), "messages.csv"),
        (("Profile.csv",), "Profile.csv"),
        (("messages.csv",), "messages.csv"),
        ((), None),
    ],
)
def test_with_several_bad_files_the_error_names_the_first(tmp_path, bad, named):
    # messages.csv is read on a second thread; the error is still the one a reading in file order meets first
    files = {
        "Connections.csv": connections_csv("Ann,Lee,,,Acme,CTO,14 Nov 2019"),
        "Invitations.csv": OWNER_INVITATION,
        "messages.csv": messages_csv(),
        "Profile.csv": PROFILE_HEADER + "\nAda,Quill" + "," * (PROFILE_HEADER.count(",") - 1) + "\n",
    }
    files.update({name: UNKNOWN_HEADER for name in bad})
    if not bad:
        assert ledger_balances(ns.load(write_export(tmp_path, files)))
        return
    with pytest.raises(ns.ExportFormatError) as err:
        ns.load(write_export(tmp_path, files))
    assert err.value.file == named
