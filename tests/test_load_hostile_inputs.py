"""Issue 13 point 9: every mutated export ends in a netstats error or quarantined rows, nothing else.

The shapes come from the campaign of 474 mutated exports the issue reports:
files that are not text given as the export, archives whose members use
backslashes, lone-CR line endings, and the like.  Each test asserts the exact
outcome a user sees.
"""

from __future__ import annotations

import gzip
import io
import subprocess
import sys
import tarfile
import zipfile

import pytest

import netstats as ns
from netstats import _schema as S
from test_load_quirks import CONNECTIONS_HEADER, TWO_MESSAGES, connections_csv, line, write_export, IN

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
