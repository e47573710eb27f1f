"""Decoding shared by every reader: bytes -> ``str``, written once, and the cap on one text value.

One meaning of ``encoding=`` (the same keyword on every reader and on
:func:`netstats.load`):

- **Whole text files** (Meta JSON, X JavaScript, WhatsApp chats, Google
  Contacts CSV, vCard, LinkedIn CSV, links.csv): :func:`decode_text`.
  ``encoding=None`` means UTF-8 with or without a byte-order mark, or UTF-16
  when the file starts with its BOM; a named encoding is used as given. A byte
  that does not decode is an :class:`~netstats.ExportFormatError` naming the
  file and its line: a file is never read half right. LinkedIn's CSV reader
  (``netstats.sources.linkedin._csv``) reads a UTF-8 file in place for speed
  and goes one step further: a record holding a byte that is not UTF-8 is
  quarantined with its line and the rest of the file read; UTF-16 and named
  encodings go through :func:`decode_text`.
- **Bytes with no declared charset inside a file that declares charsets**
  (an e-mail's header bytes: e-mails declare a charset per part and per
  RFC 2047 word; a vCard 2.1 quoted-printable value without ``CHARSET=``;
  declarations always win): :func:`decode_undeclared`.
  Valid UTF-8 is read as UTF-8; anything else is read in the fallback
  encoding, ``encoding=`` when given, else Latin-1, with a byte it cannot
  decode replaced by U+FFFD. The rule is the same with or without
  ``encoding=`` (only the fallback differs) and it never refuses: one stray
  8-bit byte in a header must not lose the mail. The reader counts the values
  that needed the fallback and says so in a note.
- **The first bytes of a file, to recognise it** (``sniff``):
  :func:`decode_head`, the BOM rule of :func:`decode_text` with bytes that do
  not decode dropped (a head may end inside a character).

An encoding name Python does not know is an :class:`~netstats.ExportFormatError`
naming the file, whichever rule applies.
"""

from __future__ import annotations

import codecs

from .._errors import ExportFormatError
from ._archive import SourceFile

# Fields longer than this are not a message anyone wrote: the record is quarantined, whatever the platform.
MAX_FIELD_CHARS = 1 << 20

_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def decode_text(src: SourceFile, encoding: str | None, *, expected: str, fix: str) -> str:
    """A text file of any platform as ``str``: UTF-8 (BOM or not), UTF-16 with a BOM, or the encoding named.

    Lines that all end in a lone CR (old Mac line endings) come back ending in LF.

    ``expected`` and ``fix`` complete the error a byte that does not decode
    raises, which names its line.

    Examples
    --------
    >>> from netstats.sources._archive import SourceFile
    >>> decode_text(SourceFile("chat", "chat.txt", b"\\xef\\xbb\\xbfhi"), None, expected="text", fix="-")
    'hi'
    >>> decode_text(SourceFile("chat", "chat.txt", "hi".encode("utf-16")), None, expected="text", fix="-")
    'hi'
    >>> decode_text(
    ...     SourceFile("chat", "chat.txt", b"ok\\nM\\xfcller"), None,
    ...     expected="UTF-8 text", fix="re-export it",
    ... )  # doctest: +NORMALIZE_WHITESPACE
    Traceback (most recent call last):
    ...
    netstats._errors.ExportFormatError: chat.txt, line 2: byte 4 cannot be decoded as UTF-8.
        Expected: UTF-8 text. Fix: re-export it.
    """
    data = src.data
    if encoding is not None:
        codec = check_encoding(encoding, src.name)
    else:
        codec = "UTF-16" if data.startswith(_UTF16_BOMS) else "UTF-8"
    try:
        text = data.decode(codec).lstrip("\ufeff")
    except UnicodeDecodeError as exc:
        raise ExportFormatError(
            f"byte {exc.start} cannot be decoded as {codec}",
            file=src.name,
            line=data[: exc.start].decode(codec, errors="ignore").count("\n") + 1,
            expected=expected,
            fix=fix,
        ) from exc
    # Old Mac files end every line in a lone CR: read them as line ends (a file with LFs is left as it is).
    return text.replace("\r", "\n") if "\r" in text and "\n" not in text else text


def decode_undeclared(raw: bytes, encoding: str | None) -> tuple[str, bool]:
    """Bytes with no declared charset as text: UTF-8 if they are, else ``encoding`` or Latin-1; never refused.

    Returns the text and whether the fallback was needed. Call
    :func:`check_encoding` once per file first: a name Python does not know is
    the user's error, not a reason to lose mails.

    Examples
    --------
    >>> decode_undeclared("Zoë".encode(), None)
    ('Zoë', False)
    >>> decode_undeclared(b"Zo\\xeb", None)
    ('Zoë', True)
    >>> decode_undeclared(b"Zo\\x81", "cp1252")
    ('Zo\\ufffd', True)
    """
    try:
        return raw.decode("utf-8"), False
    except UnicodeDecodeError:
        return raw.decode(encoding or "latin-1", errors="replace"), True


def decode_head(head: bytes) -> str:
    """The first bytes of a file as text, to recognise it: :func:`decode_text`'s BOM rule, bad bytes dropped.

    Examples
    --------
    >>> decode_head(b"\\xef\\xbb\\xbf{}"), decode_head("{}".encode("utf-16")), decode_head("é".encode()[:1])
    ('{}', '{}', '')
    """
    if head.startswith(_UTF16_BOMS):
        return head[: len(head) - len(head) % 2].decode("utf-16", errors="ignore").lstrip("\ufeff")
    return head.decode("utf-8", errors="ignore").lstrip("\ufeff")


def check_encoding(encoding: str, file: str) -> str:
    """The encoding name, checked: one Python does not know is an error naming the file.

    Examples
    --------
    >>> check_encoding("cp1252", "chat.txt")
    'cp1252'
    >>> check_encoding("no-such-codec", "chat.txt")  # doctest: +NORMALIZE_WHITESPACE
    Traceback (most recent call last):
    ...
    netstats._errors.ExportFormatError: chat.txt: unknown text encoding.
        Expected: an encoding name Python knows, e.g. 'utf-8' or 'cp1252'.
        Fix: pass an encoding Python knows, or leave it out.
    """
    try:
        b"\0\0\0\0".decode(
            encoding
        )  # LookupError for unknown names and for codecs that are not text ('rot13')
    except UnicodeError:
        pass  # a known text encoding in which these bytes mean nothing
    except LookupError as exc:
        raise ExportFormatError(
            "unknown text encoding",
            file=file,
            expected="an encoding name Python knows, e.g. 'utf-8' or 'cp1252'",
            fix="pass an encoding Python knows, or leave it out",
        ) from exc
    return encoding
