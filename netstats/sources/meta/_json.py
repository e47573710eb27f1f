"""One Meta file parsed: its text decoded, its JSON loaded and repaired, its kind, platform and era.

Also the shape errors every step raises when a file does not hold the records
expected (:func:`_shape_error`, :func:`_list_under`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from ... import schema as S
from ..._errors import ExportFormatError
from .._archive import SourceFile
from .._decode import decode_text
from ._files import (
    _FACEBOOK_KINDS,
    _INSTAGRAM_KINDS,
    _KINDS,
    E2EE_THREAD,
    THREAD,
    _friends_era,
    _message_era,
    _thread_platform,
    claim,
    sniff,
)
from ._repair import _MAYBE_MOJIBAKE, _SURROGATE_ESCAPE, _Repairs, _unescape_meta, repair_strings


@dataclass
class _File:
    """One source file, parsed and repaired."""

    src: SourceFile
    kind: str
    platform: str
    era: str
    document: object
    items: list = field(default_factory=list)


def _decode(src: SourceFile, encoding: str | None) -> str:
    return decode_text(
        src,
        encoding,
        expected="UTF-8 JSON as Meta writes it",
        fix="download the export again, or pass encoding= if the file was re-saved in another encoding",
    )


def _parse(src: SourceFile, encoding: str | None, repairs: _Repairs) -> object:
    """The repaired JSON document of one file, or a clear error.

    Every string (keys too) ends as :func:`fix_mojibake` makes it, with lone
    surrogates replaced; the byte-level fast path and the check that skips
    files with nothing to repair give the same result as the walk over every
    string, faster.
    """
    text = _decode(src, encoding)
    suspect = bool(_MAYBE_MOJIBAKE.search(text) or _SURROGATE_ESCAPE.search(text))
    fast = _unescape_meta(text) if suspect else None
    document = _loads(src, text if fast is None else fast)
    if fast is not None and fast != text:
        repairs.mojibake_files += 1
    if suspect and (fast is None or _MAYBE_MOJIBAKE.search(fast)):
        repairs.changed = False
        document = repair_strings(document, repairs)
        repairs.mojibake_files += repairs.changed and fast is None
    return document


def _refuse_repeated_keys(pairs: list[tuple[str, object]]) -> dict:
    keys = [key for key, _ in pairs]
    repeated = sorted({key for key in keys if keys.count(key) > 1})
    if repeated:
        raise _RepeatedKey(repeated[0])
    return dict(pairs)


class _RepeatedKey(Exception):
    pass


def _loads(src: SourceFile, text: str) -> object:
    """The JSON document.  A key twice in one object would silently keep only the last value
    (a Messenger file with ``messages`` twice read as 0 messages): the file is checked for
    repeated keys when ``"messages"`` occurs more than once, and refused naming the key."""
    try:
        document = json.loads(text)
        if text.count('"messages"') > 1:
            json.loads(text, object_pairs_hook=_refuse_repeated_keys)
        return document
    except _RepeatedKey as err:
        raise ExportFormatError(
            f"an object of the file holds the key {str(err.args[0])[:40]!r} twice (JSON keeps only the last)",
            file=src.name,
            expected="each key once per object, as Meta writes its JSON",
            fix="use the file from the original download (it was edited or joined from two files)",
        ) from None
    except json.JSONDecodeError as err:
        raise ExportFormatError(
            f"the file is not valid JSON ({err.msg}, column {err.colno})",
            file=src.name,
            line=err.lineno,
            expected="a complete JSON file from Meta's 'Download your information'",
            fix="download the export again; a file cut short or edited by hand cannot be read",
        ) from None
    except RecursionError:
        raise ExportFormatError(
            "the JSON is nested too deeply to be a Meta export",
            file=src.name,
            expected="Meta's JSON (a few levels of objects and lists)",
            fix="check that the file comes from Meta's 'Download your information'",
        ) from None


def _shape_error(src: SourceFile, what: str, expected: str) -> ExportFormatError:
    return ExportFormatError(
        what,
        file=src.name,
        expected=expected,
        fix="check that the file comes from Meta's 'Download your information' in JSON format,"
        " and download it again if so",
    )


def _list_under(
    src: SourceFile, document: object, keys: tuple[str, ...], expected: str, *, top_list: bool = False
) -> list:
    """The record list under one of ``keys`` (or the document itself when ``top_list`` and it is a list)."""
    if isinstance(document, list) and top_list:
        return document
    if isinstance(document, dict):
        for key in keys:
            if key in document:
                if not isinstance(document[key], list):
                    raise _shape_error(src, f"'{key}' is not a list", expected)
                return document[key]
    raise _shape_error(src, "the file does not hold the expected records", expected)


def _parse_file(src: SourceFile, encoding: str | None, repairs: _Repairs) -> _File:
    """One file parsed and repaired, with its kind, platform and era."""
    kind = src.logical if src.logical in _KINDS else (claim(src.name) or sniff(src.data[:4096]))
    if kind is None:
        raise ExportFormatError(
            "the file is not one of the Meta files netstats reads",
            file=src.name,
            expected="a Facebook, Messenger or Instagram JSON file",
            fix="leave the file out, or check that it comes from Meta's 'Download your information'",
        )
    document = _parse(src, encoding, repairs)
    if kind == THREAD and isinstance(document, dict) and _is_e2ee(document):
        kind = E2EE_THREAD
    platform = (
        S.FACEBOOK
        if kind in _FACEBOOK_KINDS
        else S.INSTAGRAM
        if kind in _INSTAGRAM_KINDS
        else _thread_platform(src.name)
    )
    era = (
        _message_era(src.name)
        if kind == THREAD
        else _friends_era(src.name, document)
        if kind in _FACEBOOK_KINDS
        else ""
    )
    return _File(src, kind, platform, era, document)


def _is_e2ee(document: dict) -> bool:
    people = document.get("participants")
    items = document.get("messages")
    strings = isinstance(people, list) and all(isinstance(p, str) for p in people)
    camel = isinstance(items, list) and any(isinstance(m, dict) and "senderName" in m for m in items[:5])
    return "threadName" in document or (strings and camel)
