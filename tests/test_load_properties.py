"""Hypothesis properties of the loader: whatever text a CSV writer produces comes back exactly.

The oracle is Python's ``csv.writer`` (RFC 4180 quoting), with minimal and
full quoting and LF or CRLF line ends.  The loader keeps every value as text,
strips the surrounding whitespace (the same characters as ``str.strip``) and
maps an empty value to missing; nothing else changes.  Injected ragged rows go
to the quarantine with their physical line; the ledger always balances.
"""

from __future__ import annotations

import csv
import io

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st
from test_load_quirks import CONNECTIONS_HEADER, MESSAGES_HEADER, PREAMBLE, ledger_balances, write_export

import netstats as ns
from netstats import schema as S
from netstats._errors import ExportFormatError
from netstats.sources._archive import SourceFile
from netstats.sources.linkedin._csv import read_table

DIALECTS = st.sampled_from(
    [(quoting, terminator) for quoting in (csv.QUOTE_MINIMAL, csv.QUOTE_ALL) for terminator in ("\n", "\r\n")]
)
# Any Unicode text but surrogates (what a UTF-8 file can hold); short, so examples stay fast.
CELL = st.text(st.characters(codec="utf-8"), max_size=12)
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def records(rows: list[list[str]], quoting: int, terminator: str) -> list[str]:
    """Each row as the writer writes it (with its line end)."""
    out = []
    for row in rows:
        buffer = io.StringIO()
        csv.writer(buffer, quoting=quoting, lineterminator=terminator).writerow(row)
        out.append(buffer.getvalue())
    return out


def expected_text(value: str):
    stripped = value.strip()
    return stripped if stripped else pd.NA


def bare_cr_line(body: str, first_line: int) -> int | None:
    """The line of the first CR that is neither part of a CRLF nor inside quotes (a plain scan).

    ``csv.writer`` with an LF terminator leaves a field holding a CR unquoted
    (research/threats.md C3): such a file must be refused at that line, never
    silently split.
    """
    inside = False
    line = first_line
    for i, char in enumerate(body):
        if char == '"':
            inside = not inside
        elif char == "\n":
            line += 1
        elif char == "\r" and not inside and body[i + 1 : i + 2] != "\n":
            return line
    return None


def as_values(series: pd.Series) -> list:
    return series.astype(object).where(series.notna(), pd.NA).tolist()


# ---------------------------------------------------------------- connections
connection_rows = st.lists(
    st.tuples(CELL, CELL, CELL, CELL, st.dates(min_value=pd.Timestamp("2004-01-01").date(), max_value=pd.Timestamp("2026-12-31").date())),
    max_size=6,
)


@settings(max_examples=30)
@given(rows=connection_rows, dialect=DIALECTS, preamble=st.booleans())
def test_connections_text_round_trips(tmp_path_factory, rows, dialect, preamble):
    quoting, terminator = dialect
    table = [[first, last, "", "", company, position, f"{day.day:02d} {MONTHS[day.month - 1]} {day.year}"] for first, last, company, position, day in rows]
    texts = records(table, quoting, terminator)
    head = (PREAMBLE.replace("\n", terminator) if preamble else "") + CONNECTIONS_HEADER + terminator
    folder = write_export(tmp_path_factory.mktemp("c"), {"Connections.csv": head + "".join(texts)})
    first_line = head.count("\n") + 1
    cr_line = bare_cr_line("".join(texts), first_line)
    if cr_line is not None:
        try:
            ns.load(folder)
        except ExportFormatError as err:
            assert (err.file, err.line) == ("Connections.csv", cr_line)
            return
        raise AssertionError("a bare CR outside quotes was not refused")
    hidden = [all(not c.strip() for c in (r[0], r[1], r[2], r[3])) for r in rows]
    if all(hidden):
        return  # an export without a record to keep is refused (tested elsewhere)
    ex = ns.load(folder)
    assert ledger_balances(ex)
    starts = [first_line + sum(t.count("\n") for t in texts[:i]) for i in range(len(texts))]
    kept = [(r, start) for r, start, h in zip(rows, starts, hidden, strict=True) if not h]
    conn = ex.connections
    assert as_values(conn[S.FIRST_NAME]) == [expected_text(r[0]) for r, _ in kept]
    assert as_values(conn[S.LAST_NAME]) == [expected_text(r[1]) for r, _ in kept]
    assert as_values(conn[S.COMPANY]) == [expected_text(r[2]) for r, _ in kept]
    assert as_values(conn[S.POSITION]) == [expected_text(r[3]) for r, _ in kept]
    assert conn[S.CONNECTED_ON].tolist() == [pd.Timestamp(r[4]) for r, _ in kept]
    assert conn[S.SOURCE_LINE].tolist() == [start for _, start in kept]
    assert ex.excluded[S.LINE].tolist() == [start for start, h in zip(starts, hidden, strict=True) if h]
    assert len(ex.quarantine) == 0


# ---------------------------------------------------------------- messages
message_rows = st.lists(st.tuples(CELL, CELL, CELL, CELL, CELL), min_size=1, max_size=6)


@settings(max_examples=30)
@given(rows=message_rows, dialect=DIALECTS)
def test_messages_text_round_trips(tmp_path_factory, rows, dialect):
    quoting, terminator = dialect
    # FROM, TO, SUBJECT, CONTENT, CONVERSATION TITLE are free text; DATE and FOLDER are what LinkedIn writes
    # (an empty FOLDER is a draft), and no URL: direction and sponsored rules are tested elsewhere.
    table = [
        [f"2-{i}==", title, sender, "", to, "", f"2025-06-01 10:00:{i:02d} UTC", subject, content, "INBOX", ""]
        for i, (sender, to, subject, content, title) in enumerate(rows)
    ]
    texts = records(table, quoting, terminator)
    folder = write_export(tmp_path_factory.mktemp("m"), {"messages.csv": MESSAGES_HEADER + terminator + "".join(texts)})
    cr_line = bare_cr_line("".join(texts), 2)
    if cr_line is not None:
        try:
            ns.load(folder)
        except ExportFormatError as err:
            assert (err.file, err.line) == ("messages.csv", cr_line)
            return
        raise AssertionError("a bare CR outside quotes was not refused")
    ex = ns.load(folder)
    assert ledger_balances(ex)
    msgs = ex.messages.sort_values(S.SOURCE_LINE)
    starts = [2 + sum(t.count("\n") for t in texts[:i]) for i in range(len(texts))]
    assert msgs[S.SOURCE_LINE].tolist() == starts
    assert as_values(msgs[S.SENDER_NAME]) == [expected_text(r[0]) for r in rows]
    assert as_values(msgs[S.SUBJECT]) == [expected_text(r[2]) for r in rows]
    assert as_values(msgs[S.CONVERSATION_TITLE]) == [expected_text(r[4]) for r in rows]
    html_shaped = [c.strip().startswith("<p") for c in (r[3] for r in rows)]
    contents = [expected_text(r[3]) for r in rows]
    assert [c for c, h in zip(as_values(msgs[S.CONTENT]), html_shaped, strict=True) if not h] == [c for c, h in zip(contents, html_shaped, strict=True) if not h]
    assert msgs[S.SENT_AT].tolist() == [pd.Timestamp(f"2025-06-01 10:00:{i:02d}", tz="UTC") for i in range(len(rows))]


# ---------------------------------------------------------------- ragged rows (source stage: fast)
@settings(max_examples=100)
@given(
    data=st.data(),
    rows=st.lists(st.lists(CELL, min_size=7, max_size=7), max_size=8),
    dialect=DIALECTS,
)
def test_ragged_rows_are_quarantined_with_their_line(data, rows, dialect):
    quoting, terminator = dialect
    widths = data.draw(st.lists(st.sampled_from([1, 2, 6, 8, 9]), max_size=4))
    table = [list(r) for r in rows]
    for width in widths:
        at = data.draw(st.integers(0, len(table)))
        table.insert(at, data.draw(st.lists(CELL, min_size=width, max_size=width)) or [""])
    texts = records(table, quoting, terminator)
    body = "".join(texts)
    src = SourceFile("connections", "Connections.csv", (CONNECTIONS_HEADER + terminator + body).encode("utf-8"))
    cr_line = bare_cr_line("".join(texts), 2)
    if cr_line is not None:
        try:
            read_table(src)
        except ExportFormatError as err:
            assert err.line == cr_line
            return
        raise AssertionError("a bare CR outside quotes was not refused")
    raw = read_table(src)
    starts = [2 + sum(t.count("\n") for t in texts[:i]) for i in range(len(texts))]
    ragged = [len(r) != 7 for r in table]
    expected_quarantine = [
        (start, f"has {len(r)} fields where the header has 7", t[: -len(terminator)])
        for r, t, start, bad in zip(table, texts, starts, ragged, strict=True)
        if bad
    ]
    assert [(q[S.LINE], q[S.REASON], q[S.RAW]) for q in raw.quarantine] == expected_quarantine
    assert raw.frame[S.SOURCE_LINE].tolist() == [s for s, bad in zip(starts, ragged, strict=True) if not bad]
    assert raw.rows_read == len(table)
    kept = [r for r, bad in zip(table, ragged, strict=True) if not bad]
    for i, column in enumerate(["FIRST NAME", "LAST NAME", "URL", "EMAIL ADDRESS", "COMPANY", "POSITION", "CONNECTED ON"]):
        assert raw.frame[column].tolist() == [r[i].strip() for r in kept]
