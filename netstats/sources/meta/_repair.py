"""Meta's mojibake undone: every UTF-8 byte written as its own ``\\u00XX`` escape, repaired exactly.

:func:`fix_mojibake` repairs one string; :func:`repair_strings` every string of
a parsed document; :func:`_unescape_meta` the whole text of a file at once where
that is exact.  Lone UTF-16 surrogates become U+FFFD; :class:`_Repairs` counts
what changed for the note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SURROGATE = re.compile("[\ud800-\udfff]")


def fix_mojibake(text: object) -> object:
    """Undo Meta's mojibake in one string; anything else is returned unchanged.

    Meta writes each UTF-8 byte as a Latin-1 character.  The repair re-encodes
    the string as Latin-1 and decodes it as UTF-8, guarded so it never breaks
    correct text: a string that is ASCII, holds a character above U+00FF
    (proper Unicode), or is not valid UTF-8 once re-encoded (genuine Latin-1)
    is left alone.  A repaired string is repaired again until it no longer
    changes, so the function is idempotent: ``fix_mojibake(fix_mojibake(s)) ==
    fix_mojibake(s)`` for every string.  It never raises.

    Parameters
    ----------
    text : object
        Usually a ``str``; other values are returned as they are.

    Returns
    -------
    object
        The repaired string, or ``text`` itself.

    Examples
    --------
    >>> fix_mojibake("Jos\\u00c3\\u00a9 M\\u00c3\\u00bcller \\u00f0\\u009f\\u0098\\u0080")
    'José Müller 😀'
    >>> fix_mojibake("José 😀"), fix_mojibake("Zoë"), fix_mojibake(42)
    ('José 😀', 'Zoë', 42)
    """
    if not isinstance(text, str):
        return text
    while not text.isascii():
        if max(text) > "\xff":
            return text
        try:
            repaired = text.encode("latin-1").decode("utf-8")
        except UnicodeDecodeError:
            return text
        if repaired == text:
            return text
        text = repaired
    return text


@dataclass
class _Repairs:
    """What the string repair changed (for the notes): files with mojibake, values with lone surrogates."""

    mojibake_files: int = 0
    surrogates: int = 0
    changed: bool = False  # set by repair_strings when a string of the current document changed


def _repair(value: str, repairs: _Repairs) -> str:
    if value.isascii():
        return value
    if _SURROGATE.search(value):
        value = _SURROGATE.sub("\ufffd", value)
        repairs.surrogates += 1
    fixed = fix_mojibake(value)
    if fixed != value:
        repairs.changed = True
    return fixed


# A string can only be mojibake if it holds a UTF-8 lead byte (U+00C2-U+00F4) followed by a continuation
# byte (U+0080-U+00BF), each written raw or as a \u00XX escape; a file without one needs no repair.
# Conservative on purpose (an escaped backslash before 'u00c3' also matches): a match only costs the slow
# path.
_MAYBE_MOJIBAKE = re.compile(r"[\xc2-\xf4](?:[\x80-\xbf]|\\u00[89abAB])|\\u00[c-fC-F]")
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
# An escape of a code point above U+00FF (conservative: an escaped backslash before 'u0100' matches too).
_WIDE_ESCAPE = re.compile(r"\\u(?:0[1-9a-fA-F]|[1-9a-fA-F])")
# The two hex digits of a \u0080-\u00ff escape -> the Latin-1 character (the byte) it stands for.
_HIGH_HEX = {f"{i:02{case}}": chr(i) for i in range(0x80, 0x100) for case in ("x", "X")}


def _unescape_meta(text: str) -> str | None:
    """The text with Meta's ``\\u0080``-``\\u00ff`` escapes decoded as the UTF-8 bytes they are, or None.

    Exact for the common case: a pure-ASCII file whose escapes are all below
    U+0100.  Every string then gets the first step of :func:`fix_mojibake`: a
    UTF-8 sequence cannot span the ASCII ``"`` around a string, so the whole
    text decodes only if every string does.  None when the case does not
    apply (then the strings are repaired one by one).  String splits and a
    dictionary look-up per escape: no regular expression scan of the file.
    """
    if not text.isascii() or _WIDE_ESCAPE.search(text) or "\x00" in text:
        return None
    # NUL cannot occur in valid JSON text: it stands in for escaped backslashes meanwhile.
    pieces = text.replace("\\\\", "\x00").split("\\u00")
    rest = [(_HIGH_HEX[p[:2]] + p[2:]) if p[:2] in _HIGH_HEX else "\\u00" + p for p in pieces[1:]]
    joined = (pieces[0] + "".join(rest)).replace("\x00", "\\\\")
    try:
        return joined.encode("latin-1").decode("utf-8")
    except UnicodeDecodeError:
        return None


def repair_strings(document: object, repairs: _Repairs | None = None) -> object:
    """Return a copy of a parsed JSON document with every string (keys too) put through :func:`fix_mojibake`.

    One pass with an explicit stack, so deeply nested input cannot exhaust
    Python's recursion limit.  Lone surrogates become U+FFFD.

    Examples
    --------
    >>> repair_strings({"na\\u00c3\\u00afve": ["caf\\u00c3\\u00a9", 1, None]})
    {'naïve': ['café', 1, None]}
    """
    repairs = repairs if repairs is not None else _Repairs()
    root = _shell(document, repairs)
    stack = [(document, root)] if isinstance(document, (dict, list)) else []
    while stack:
        source, target = stack.pop()
        stack.extend(_fill(source, target, repairs))
    return root


def _shell(value: object, repairs: _Repairs) -> object:
    """A string repaired, an empty dict or list for a container (filled later), any other value as it is."""
    if isinstance(value, str):
        return _repair(value, repairs)
    if isinstance(value, dict):
        return {}
    if isinstance(value, list):
        return []
    return value


def _fill(source: dict | list, target: dict | list, repairs: _Repairs) -> list[tuple[object, object]]:
    """Copy one container into its empty shell; return the (original, shell) pairs of the containers in it."""
    nested = []
    if isinstance(source, dict):
        for key, value in source.items():
            new = _shell(value, repairs)
            target[_repair(key, repairs)] = new
            if isinstance(value, (dict, list)):
                nested.append((value, new))
    else:
        for value in source:
            new = _shell(value, repairs)
            target.append(new)
            if isinstance(value, (dict, list)):
                nested.append((value, new))
    return nested


def _repairs_note(repairs: _Repairs) -> str | None:
    """The note that says what was repaired in the text, if anything."""
    repaired = []
    if repairs.mojibake_files:
        repaired.append(
            "repaired Meta's mojibake (UTF-8 bytes written as Latin-1 escapes)"
            f" in {repairs.mojibake_files:,} file(s)"
        )
    if repairs.surrogates:
        repaired.append(
            "replaced broken characters (lone UTF-16 surrogates) with U+FFFD"
            f" in {repairs.surrogates:,} text value(s)"
        )
    if not repaired:
        return None
    note = "; ".join(repaired) + "."
    return note[0].upper() + note[1:]
