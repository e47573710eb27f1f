"""Decoding shared by every reader: a text file's bytes -> ``str``, and the cap on one text value.

``encoding=None`` (the default of every reader) means: UTF-8 with or without a
byte-order mark, or UTF-16 when the file starts with one; a named encoding is
used as given. LinkedIn's CSV reader decodes its bytes in place for speed
(``netstats.sources.linkedin._csv``) with the same meaning.
"""

from __future__ import annotations

from .._errors import ExportFormatError
from ._archive import SourceFile

# Fields longer than this are not a message anyone wrote: the record is quarantined, whatever the platform.
MAX_FIELD_CHARS = 1 << 20


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
    >>> decode_text(SourceFile("chat", "chat.txt", b"ok\\nM\\xfcller"), None, expected="UTF-8 text", fix="re-export it")
    Traceback (most recent call last):
    ...
    netstats._errors.ExportFormatError: chat.txt, line 2: byte 4 cannot be decoded as UTF-8. Expected: UTF-8 text. Fix: re-export it.
    """
    data = src.data
    try:
        if encoding is not None:
            text = data.decode(encoding).lstrip("\ufeff")
        elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
            text = data.decode("utf-16").lstrip("\ufeff")
        else:
            text = data.decode("utf-8").lstrip("\ufeff")
    except LookupError as exc:
        raise ExportFormatError(
            "unknown text encoding",
            file=src.name,
            expected="an encoding name Python knows, e.g. 'utf-8' or 'cp1252'",
            fix="pass an encoding Python knows, or leave it out",
        ) from exc
    except UnicodeDecodeError as exc:
        raise ExportFormatError(
            f"byte {exc.start} cannot be decoded as {encoding or 'UTF-8'}",
            file=src.name,
            line=data.count(b"\n", 0, exc.start) + 1,
            expected=expected,
            fix=fix,
        ) from exc
    # Old Mac files end every line in a lone CR: read them as line ends (a file with LFs is left as it is).
    return text.replace("\r", "\n") if "\r" in text and "\n" not in text else text
