"""Issue 13 point 9: every mutated export ends in a netstats error or quarantined rows, nothing else.

The shapes come from the campaign of 474 mutated exports the issue reports:
files that are not text given as the export, archives whose members use
backslashes, lone-CR line endings, and the like.  Each test asserts the exact
outcome a user sees.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import subprocess
import sys
import tarfile
import zipfile

import pytest
from test_load_quirks import CONNECTIONS_HEADER, IN, TWO_MESSAGES, connections_csv, line, write_export

import netstats as ns
from netstats import schema as S

CONNECTIONS = connections_csv(line("Ann", "Lee", IN + "ann-lee", "", "Acme", "", "14 Nov 2019")).encode()


def _tar(gz: bool) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz" if gz else "w") as tar:
        info = tarfile.TarInfo("Connections.csv")
        info.size = len(CONNECTIONS)
        tar.addfile(info, io.BytesIO(CONNECTIONS))
    return buffer.getvalue()


def _exe() -> bytes:
    head = bytearray(b"MZ" + b"\x00" * 0x7E)
    head[0x3C:0x40] = (0x80).to_bytes(4, "little")
    return bytes(head) + b"PE\x00\x00" + b"\x00" * 64 + b"PK\x03\x04 a self-extracting archive's zip"


NOT_TEXT = {
    "png": ("export.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "a PNG image", False),
    "gz": ("Connections.csv.gz", gzip.compress(CONNECTIONS), "a gzip-compressed file (.gz or .tar.gz)", True),
    "tar.gz": ("export.tar.gz", _tar(gz=True), "a gzip-compressed file (.gz or .tar.gz)", True),
    "tar": ("export.tar", _tar(gz=False), "a tar archive (.tar)", True),
    "7z": ("export.7z", b"7z\xbc\xaf\x27\x1c\x00\x04" + b"\x00" * 40, "a 7-Zip archive (.7z)", True),
    "exe": ("export.exe", _exe(), "a Windows program (.exe), perhaps a self-extracting archive", True),
}


@pytest.mark.parametrize("key", list(NOT_TEXT))
def test_a_file_that_is_not_text_is_named_for_what_it_is(tmp_path, key):
    name, data, what, archive = NOT_TEXT[key]
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ns.NotAnExportError) as err:
        ns.load(path)
    assert err.value.problem == f"the file is {what}, not an export netstats reads"
    assert err.value.file == str(path)
    assert ("unpack it with an archive tool" in err.value.fix) == archive


def test_the_cli_names_a_tar_given_as_the_export_in_one_line(tmp_path):
    """A plain .tar was read as one Connections CSV (its first member's header sits after 512 bytes of tar header)."""
    path = tmp_path / "export.tar"
    path.write_bytes(NOT_TEXT["tar"][1])
    result = subprocess.run(
        [sys.executable, "-m", "netstats", "report", str(path), "-o", str(tmp_path / "r.html"), "-q"],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"netstats: error: {path}: the file is a tar archive (.tar), not an export netstats reads.")


def test_a_zip_whose_members_use_backslashes_is_read(tmp_path):
    """PowerShell 5's Compress-Archive writes Export\\Connections.csv."""
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("Export\\Connections.csv", CONNECTIONS)
        zf.writestr("Export\\messages.csv", TWO_MESSAGES)
        zf.writestr("..\\evil.csv", b"x\n")
    ex = ns.load(path)
    assert ex.connections[S.NAME].tolist() == ["Ann Lee"]
    assert ex.ledger[S.FILE].tolist() == ["Export/Connections.csv", "Export/messages.csv"]
    assert ex.files.astype(object).fillna("").values.tolist() == [
        ["Export\\Connections.csv", "loaded", ""],
        ["Export\\messages.csv", "loaded", ""],
        ["..\\evil.csv", "unsafe", "unsafe name: a '..' component"],
    ]
    assert "1 file(s) were not opened because their name or type is unsafe: ..\\evil.csv (unsafe name: a '..' component)." in ex.notes


def test_a_symlink_out_of_the_folder_is_said_in_the_summary(tmp_path):
    folder = write_export(tmp_path / "export", {"Connections.csv": CONNECTIONS})
    (tmp_path / "secret.csv").write_text(CONNECTIONS_HEADER + "\n")
    (folder / "Invitations.csv").symlink_to(tmp_path / "secret.csv")
    ex = ns.load(folder)
    note = "1 file(s) were not opened because their name or type is unsafe: Invitations.csv (symbolic link: not followed)."
    assert note in ex.notes and f"note: {note}" in ex.summary()


# ---------------------------------------------------------------- other platforms
def test_a_whatsapp_chat_with_lone_cr_line_ends_is_read_message_by_message(tmp_path):
    chat = tmp_path / "WhatsApp Chat with Ann Lee.txt"
    chat.write_bytes(b"01/02/2025, 09:00 - Ann Lee: hi\r01/02/2025, 09:01 - Ada Quill: hello\r01/02/2025, 09:02 - Ann Lee: bye\r")
    ex = ns.load(chat, owner="Ada Quill")
    assert ex.messages[[S.SENDER_NAME, S.CONTENT, S.DIRECTION]].values.tolist() == [
        ["Ann Lee", "hi", "received"],
        ["Ada Quill", "hello", "sent"],
        ["Ann Lee", "bye", "received"],
    ]
    assert ex.messages[S.SOURCE_LINE].tolist() == [1, 2, 3]


def _mail(day: int, subject: str, separator: str) -> str:
    return (
        f"{separator}\nFrom: Ann <ann@example.org>\nTo: Ada <ada@example.org>\n"
        f"Date: Mon, 0{day} Jan 2024 10:00:00 +0000\nMessage-ID: <m{day}@example.org>\nSubject: {subject}\n\nbody\n\n"
    )


def test_an_mbox_with_a_broken_encoded_subject_and_a_separator_without_date_reads_every_mail(tmp_path):
    mbox = tmp_path / "mail.mbox"
    mbox.write_text(
        _mail(1, "=?UTF-8?B?w6k=?=", "From 1@xxx Mon Jan 01 10:00:00 +0000 2024")
        + _mail(2, "=?UTF-8?B?w?=", "From ann@example.org")  # the separator lost its date; the subject its padding
        + _mail(3, "plain", "From 3@xxx Wed Jan 03 10:00:00 +0000 2024")
    )
    ex = ns.load(mbox, owner="ada@example.org")
    assert ex.messages[S.SUBJECT].tolist() == ["\u00e9", "=?UTF-8?B?w?=", "plain"]  # a broken word stays as written
    assert ex.ledger[[S.ROWS_READ, S.KEPT]].values.tolist() == [[3, 3]]


def test_a_messenger_thread_with_messages_twice_is_refused_naming_the_key(tmp_path):
    thread = tmp_path / "your_facebook_activity" / "messages" / "inbox" / "ann_1"
    thread.mkdir(parents=True)
    (thread / "message_1.json").write_text(
        '{"participants": [{"name": "Ann"}, {"name": "Zo"}], "title": "Ann",'
        ' "messages": [{"sender_name": "Ann", "timestamp_ms": 1700000000000, "content": "Hi"}], "messages": []}'
    )
    with pytest.raises(ns.ExportFormatError) as err:
        ns.load(tmp_path)
    assert err.value.file == "your_facebook_activity/messages/inbox/ann_1/message_1.json"
    assert err.value.problem == "an object of the file holds the key 'messages' twice (JSON keeps only the last)"


def test_instagram_entries_without_string_list_data_are_the_point_5_error(tmp_path):
    folder = tmp_path / "connections" / "followers_and_following"
    folder.mkdir(parents=True)
    (folder / "followers_1.json").write_text('[{"title": ""}, {"title": "", "value": "b"}, {"x": 1}]')
    with pytest.raises(ns.MostlyUnreadableError) as err:
        ns.load(tmp_path)
    assert str(err.value).startswith(
        "connections/followers_and_following/followers_1.json: 3 of its 3 data rows could not be read "
        "(typically: no user name (value, title and href are all missing))"
    )


def test_x_entries_of_the_wrong_shape_are_the_point_5_error(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    account = [{"account": {"username": "ann", "accountId": "42", "createdAt": "2012-05-04T09:12:33.000Z", "accountDisplayName": "Ann"}}]
    (data / "account.js").write_text("window.YTD.account.part0 = " + json.dumps(account))
    (data / "follower.js").write_text('window.YTD.follower.part0 = [1, "two", {"follower": 3}, {"follower": {"accountId": "7"}}]')
    with pytest.raises(ns.MostlyUnreadableError) as err:
        ns.load(tmp_path)
    assert err.value.file == "data/follower.js"
    assert str(err.value).startswith("data/follower.js: 3 of its 4 data rows could not be read")


def test_the_report_says_on_the_terminal_which_files_it_did_not_open(tmp_path):
    folder = write_export(tmp_path / "export", {"Connections.csv": CONNECTIONS})
    (tmp_path / "elsewhere.csv").write_text("x\n")
    (folder / "messages.csv").symlink_to(tmp_path / "elsewhere.csv")
    result = subprocess.run(
        [sys.executable, "-m", "netstats", "report", str(folder), "-o", str(tmp_path / "r.html"), "-q"],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stderr == (
        "netstats: note: 1 file(s) were not opened because their name or type is unsafe: "
        "messages.csv (symbolic link: not followed).\n"
    )


def test_a_core_file_that_is_a_fifo_alone_is_an_error_naming_it(tmp_path):
    folder = tmp_path / "export"
    folder.mkdir()
    os.mkfifo(folder / "Connections.csv")
    with pytest.raises(ns.NotAnExportError) as err:
        ns.load(folder)
    assert err.value.fix == (
        "it holds 'Connections.csv', which netstats never opens (not a regular file): "
        "put the file itself there, under a plain name (Connections.csv, messages.csv ...)"
    )


def test_netstats_own_tables_zipped_with_the_export_are_skipped_with_a_note(tmp_path):
    own = "\ufeffplatform,contact_id,name,first_name,last_name\nlinkedin,ann-lee,Ann Lee,Ann,Lee\n".encode()
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("Connections.csv", CONNECTIONS)
        zf.writestr("tables/connections.csv", own)
    ex = ns.load(path)
    assert ex.connections[S.NAME].tolist() == ["Ann Lee"] and ex.ledger[S.FILE].tolist() == ["Connections.csv"]
    assert "1 file(s) netstats wrote itself (netstats clean) were skipped: tables/connections.csv." in ex.notes
