"""One meaning of ``encoding=`` for every reader (:mod:`netstats.sources._decode`).

A whole text file (Meta JSON, X JavaScript, a WhatsApp chat, Google Contacts
CSV, vCard) reads the same whether it is UTF-8, UTF-8 with a byte-order mark or
UTF-16 with one; a named encoding that does not fit is an ExportFormatError
naming the file and the line.  An mbox declares its charsets itself: only
header bytes that declare none follow ``encoding=``, and they never lose a mail.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from netstats import schema as S
from netstats._errors import ExportFormatError
from netstats.sources import _addressbook, _mbox, _whatsapp, _x
from netstats.sources import meta as _meta
from netstats.sources._archive import SourceFile

FIXTURES = Path(__file__).parent / "fixtures"
TABLES = ("connections", "messages", "invitations", "people", "ledger", "excluded", "quarantine")

# reader -> (module, fixture folder, file pattern, owner=, one file of it that holds non-ASCII text)
READERS = {
    "meta": (_meta, "meta/messenger-e2ee", "*.json", (), "Ann Lee_1.json"),
    "meta-mojibake": (_meta, "meta/fb-2018", "*.json", ("Zoë Ardent", "zoe@example.org"), None),
    "x": (_x, "x/2023", "data/*.js", (), "data/direct-messages.js"),
    "whatsapp": (
        _whatsapp,
        "whatsapp/android-24h-en-gb",
        "*.txt",
        (),
        "WhatsApp Chat with Jürgen Müller.txt",
    ),
    "google": (_addressbook, "addressbook/google-current", "*.csv", (), "contacts.csv"),
    "vcard": (_addressbook, "addressbook/vcard-4.0", "*.vcf", (), "contacts.vcf"),
}


def _files(reader: str, codec: str = "utf-8") -> list[SourceFile]:
    """The fixture's files re-encoded in ``codec`` (UTF-16 with its BOM), claimed as the archive layer would: by path, else sniffed."""
    module, folder, pattern, _, _ = READERS[reader]
    root = FIXTURES / folder
    files = []
    for path in sorted(root.glob(pattern)):
        name = path.relative_to(root).as_posix()
        text = path.read_bytes().decode("utf-8")
        data = text.encode(codec) if codec.startswith("utf-8") else ("\ufeff" + text).encode(codec)
        kind = module.claim(name) or module.sniff(data[:4096])
        assert kind is not None, (name, codec)
        files.append(SourceFile(kind, name, data, module.FAMILY))
    return files


def _read(reader: str, files: list[SourceFile], **kwargs) -> list:
    module, _, _, owner, _ = READERS[reader]
    return module.read(files, source="export", owner=owner, **kwargs)


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("codec", ["utf-8-sig", "utf-16-le", "utf-16-be"])  # both UTF-16 with their BOM
def test_utf8_with_or_without_bom_and_utf16_with_bom_read_alike(reader, codec):
    expected = _read(reader, _files(reader))
    got = _read(reader, _files(reader, codec))
    assert len(got) == len(expected)
    for ours, theirs in zip(got, expected, strict=True):
        for table in TABLES:
            pd.testing.assert_frame_equal(getattr(ours, table), getattr(theirs, table))
        assert (ours.platform, ours.owner, ours.notes) == (theirs.platform, theirs.owner, theirs.notes)


@pytest.mark.parametrize("reader", [r for r in READERS if READERS[r][4]])
def test_a_named_encoding_that_does_not_fit_names_the_file_and_line(reader):
    [src] = [f for f in _files(reader) if f.name == READERS[reader][4]]
    first = next(i for i, byte in enumerate(src.data) if byte > 0x7F)
    with pytest.raises(ExportFormatError, match="cannot be decoded as ascii") as err:
        _read(reader, [src], encoding="ascii")
    assert (err.value.file, err.value.line) == (src.name, src.data.count(b"\n", 0, first) + 1)
    with pytest.raises(ExportFormatError, match="unknown text encoding") as err:
        _read(reader, [src], encoding="no-such-codec")
    assert err.value.file == src.name


# ---------------------------------------------------------------- mbox: bytes with no declared charset
def _mail_file(from_header: bytes) -> SourceFile:
    raw = (
        b"From x@xxx Mon Jan 08 10:00:00 +0000 2024\n"
        + b"From: "
        + from_header
        + b" <zoe@example.org>\nTo: me@example.org\nDate: Mon, 8 Jan 2024 10:00:00 +0000\nSubject: Hi\n\nbody\n"
    )
    return SourceFile(_mbox.MBOX, "mail.mbox", raw, _mbox.FAMILY)


def _sender(src: SourceFile, **kwargs) -> tuple[str, tuple[str, ...]]:
    [part] = _mbox.read([src], source="x", owner=["me@example.org"], **kwargs)
    return part.messages[S.SENDER_NAME].iloc[0], part.notes


@pytest.mark.parametrize("encoding", [None, "cp1252"])
def test_mbox_header_bytes_follow_one_rule_with_or_without_encoding(encoding):
    declared = _sender(_mail_file(b"=?windows-1252?q?Zo=EB_=80?="), encoding=encoding)[0]
    utf8, utf8_notes = _sender(_mail_file("Zoë €".encode()), encoding=encoding)
    assert declared == utf8 == "Zoë €"  # a declared charset wins; valid UTF-8 is UTF-8 whatever is passed
    assert not any("not UTF-8" in note for note in utf8_notes)
    undeclared, notes = _sender(_mail_file(b"Zo\xeb \x80"), encoding=encoding)
    # Latin-1 by default (\x80 is a C1 control there), the named encoding when given: counted in a note.
    assert undeclared == ("Zoë €" if encoding else "Zoë \x80")
    assert any(
        f"1 mail(s) have header bytes that are not UTF-8; decoded as {encoding or 'Latin-1'}" in n
        for n in notes
    )


def test_mbox_never_refuses_a_mail_for_an_undeclared_byte_but_refuses_an_unknown_encoding():
    assert (
        _sender(_mail_file(b"Zo\xeb \x81"), encoding="cp1252")[0] == "Zoë \ufffd"
    )  # \x81 means nothing in cp1252
    with pytest.raises(ExportFormatError, match="unknown text encoding") as err:
        _sender(_mail_file(b"Zoe"), encoding="no-such-codec")  # even when no header needs it
    assert err.value.file == "mail.mbox"


def test_a_utf16_file_with_a_broken_character_names_utf16_and_its_line():
    chat = "13/01/2024, 09:16 - Ann Lee: Hi\n13/01/2024, 09:17 - Ann Lee: ".encode("utf-16")
    data = chat + b"\x00\xd8" + "ok\n".encode("utf-16-le")  # a lone high surrogate on line 2
    src = SourceFile(_whatsapp.CHAT, "WhatsApp Chat with Ann Lee.txt", data, _whatsapp.FAMILY)
    with pytest.raises(ExportFormatError, match="cannot be decoded as UTF-16") as err:
        _whatsapp.read([src], source="x", owner=["Ada Quill"])
    assert (err.value.file, err.value.line) == (src.name, 2)


# ---------------------------------------------------------------- vCard 2.1: quoted-printable values
def _vcard_names(value: str, **kwargs) -> tuple[list, tuple[str, ...], int]:
    card = f"BEGIN:VCARD\r\nVERSION:2.1\r\nFN;{value}\r\nEMAIL:zoe@example.org\r\nEND:VCARD\r\n".encode()
    [part] = _addressbook.read(
        [SourceFile(_addressbook.VCARD_FILE, "c.vcf", card, _addressbook.FAMILY)], source="x", **kwargs
    )
    return part.people[S.NAME].tolist(), part.notes, len(part.quarantine)


@pytest.mark.parametrize("encoding", [None, "cp1252"])
def test_vcard_quoted_printable_without_charset_follows_the_rule_for_undeclared_bytes(encoding):
    assert _vcard_names("ENCODING=QUOTED-PRINTABLE:Zo=C3=AB =E2=82=AC", encoding=encoding)[:2] == (
        ["Zoë €"],
        (),
    )
    names, notes, _ = _vcard_names("ENCODING=QUOTED-PRINTABLE:Zo=EB =80", encoding=encoding)
    assert names == ["Zoë €" if encoding else "Zoë \x80"]
    assert notes == (
        "c.vcf: 1 quoted-printable value(s) declare no CHARSET and are not UTF-8; "
        f"decoded as {encoding or 'Latin-1'} (pass encoding= if names look wrong).",
    )
    # A declared CHARSET wins, and a value not in it still sets its card aside.
    assert _vcard_names("CHARSET=windows-1252;ENCODING=QUOTED-PRINTABLE:Zo=EB =80", encoding=encoding)[0] == [
        "Zoë €"
    ]
    assert _vcard_names("CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Zo=EB", encoding=encoding)[::2] == ([], 1)
