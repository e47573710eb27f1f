"""Read Meta's "Download your information" exports: Facebook, Messenger and Instagram (JSON).

The formats are in ``research/linkedin_and_other_export_formats.md`` sections 2
and 4.  What this reader does about them:

* **Mojibake.**  Meta writes every UTF-8 byte of a string as its own ``\\u00XX``
  escape, so ``json.loads`` returns ``"cafÃ©"`` for ``"café"``.  Every string
  of every parsed file (keys included) goes through :func:`fix_mojibake`, a
  guarded repair that never breaks correct text.  Lone UTF-16 surrogates
  (``"\\ud83d"``) cannot be stored or written anywhere; they become U+FFFD and
  are counted in a note.  For speed the repair happens on the file's text
  where that is exact (an ASCII file whose escapes are all ``\\u00XX``: the
  high escapes are turned back into the bytes they stand for and the text is
  decoded as UTF-8 once), and a file in which no string can be mojibake is
  not walked at all; the result is the same as repairing string by string.
* **Which platform.**  A file's platform follows from its path root:
  ``your_instagram_activity/``, ``connections/followers_and_following/`` and
  ``personal_information.json`` are Instagram; ``your_facebook_activity/``,
  ``your_activity_across_facebook/``, the friends files, ``profile_information.json``
  and the end-to-end-encrypted chat backup are Facebook (Messenger).  The old
  ``messages/inbox/...`` root is used by both: such a thread takes the platform
  of the files that share its root folder (``instagram-ann-2024/messages/...``
  next to ``instagram-ann-2024/connections/...``), else of all the other files
  read with it, else Facebook, with a note saying so.
* **Ids.**  Facebook gives names only: ``facebook:name:<name key>``.  Instagram
  follow lists give user names (``instagram:<user name>``); messages give
  display names, mapped to the user name where a one-to-one thread's folder
  (``<user name>_<id>``) says who it is, else ``instagram:name:<name key>``.
* **Messages.**  Every ``message_N.json`` of a thread is merged (all sections:
  inbox, archived_threads, filtered_threads, message_requests, e2ee_cutover;
  every root; the 2018 ``message.json``) and sorted ascending.  Unsent stubs are
  excluded, and so are the ``Call``, ``Subscribe`` and ``Unsubscribe`` events:
  their text ("You called Ann.", "Bo left the group.") is written by Meta, not
  by a person, so counting them as messages would invent interactions.  Other
  types (``Generic``, ``Share`` ...) are kept.  Photos, videos, audio, files,
  GIFs and stickers set ``has_attachment``.
* **End-to-end-encrypted chats** come as a separate backup of flat camelCase
  files (``<Thread>_<N>.json``, one thread per file).  A backup message that is
  also in the standard export's ``e2ee_cutover`` section (same sender, time and
  text) is excluded as a duplicate, and the backup thread joins that
  conversation.  Other backup messages keep the folder ``'e2ee_backup'``.
* **Owner.**  Facebook: ``profile_information.json``; Instagram:
  ``personal_information.json``; else the one participant present in every
  thread, narrowed by the ``owner`` names the user gave when several are.
* **HTML exports** (``message_1.html`` ...) are recognised and refused with
  instructions to request the JSON format.

Record positions (``line``, ``source_line``) are 1-based positions of the item
in its file's list, as the schema says for JSON sources.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd
import pyarrow as pa

from .. import schema as S
from .._errors import ExportFormatError
from .._export import Owner, Part
from .._text import name_key, name_keys
from ._archive import ExportRules, SourceFile
from ._decode import MAX_FIELD_CHARS, decode_head, decode_text
from ._ledger import Ledger

FAMILY = "meta"

# ---------------------------------------------------------------- logical kinds
FB_FRIENDS = "facebook_friends"
FB_REMOVED_FRIENDS = "facebook_removed_friends"
FB_SENT_REQUESTS = "facebook_sent_friend_requests"
FB_RECEIVED_REQUESTS = "facebook_received_friend_requests"
FB_PROFILE = "facebook_profile"
THREAD = "meta_thread"  # message_N.json / message.json (Facebook or Instagram)
E2EE_THREAD = "messenger_e2ee_thread"  # a flat file of the end-to-end-encrypted chat backup
IG_FOLLOWERS = "instagram_followers"
IG_FOLLOWING = "instagram_following"
IG_PENDING = "instagram_pending_follow_requests"
IG_PROFILE = "instagram_profile"
HTML_EXPORT = "meta_html_export"

REPEATABLE: frozenset[str] = frozenset({THREAD, E2EE_THREAD, IG_FOLLOWERS, HTML_EXPORT})
# Every file of every path is pooled into one read (a chat, a mailbox or a backup may come as several
# downloads of one account); the archive layer's rules are its own (no core file, no date in the name).
ONE_EXPORT_AT_A_TIME = False
EXPORT_RULES = ExportRules()

_FACEBOOK_KINDS = {
    FB_FRIENDS,
    FB_REMOVED_FRIENDS,
    FB_SENT_REQUESTS,
    FB_RECEIVED_REQUESTS,
    FB_PROFILE,
    E2EE_THREAD,
}
_INSTAGRAM_KINDS = {IG_FOLLOWERS, IG_FOLLOWING, IG_PENDING, IG_PROFILE}

# ---------------------------------------------------------------- reasons
UNSENT = "unsent message (only a stub remains)"
SYSTEM_EVENTS = {
    "Call": "call record (Meta writes its text; it is not a message)",
    "Subscribe": "system event: someone was added to the group",
    "Unsubscribe": "system event: someone left the group",
}
E2EE_DUPLICATE = "duplicate of a message in the e2ee_cutover section of the standard export"
REMOVED_FRIEND = "removed friend (no longer a friend)"
SAME_NAME_FRIEND = (
    "same name as an earlier friend in the file (Facebook gives names only, so the two are one contact)"
)
SAME_ACCOUNT_TWICE = "the same account is listed twice"
NOT_AN_OBJECT = "the item is not a JSON object"
TOO_LONG = f"a text value is longer than {MAX_FIELD_CHARS:,} characters"

E2EE_BACKUP_FOLDER = "e2ee_backup"
SECTIONS = ("inbox", "archived_threads", "filtered_threads", "message_requests", "e2ee_cutover")
_MEDIA_KEYS = frozenset({"photos", "videos", "audio_files", "files", "gifs", "sticker", "media"})
# Meta timestamps outside these bounds are not real (the services began in 2004 and 2010).
_EARLIEST = pd.Timestamp("2000-01-01", tz="UTC")
_LATEST = pd.Timestamp("2100-01-01", tz="UTC")
_MAX_RAW = 2000
_IG_URL = "https://www.instagram.com/"

_HTML_FIX = (
    "request the export again in JSON: in Meta's Accounts Centre open 'Your information and permissions', "
    "then 'Download your information', choose the Facebook or Instagram profile, 'All available information' "
    "(or at least Messages, Friends and Followers), 'Download to device', set Format to JSON (not HTML) and "
    "Date range to 'All time', then create the files and give netstats the zip Meta sends"
)

# Localised labels of the user-name and name fields in Instagram's label/value files (casefolded).
_USERNAME_LABELS = frozenset(
    {
        "username",
        "user name",
        "nome de usuário",
        "nome utente",
        "nombre de usuario",
        "nom d'utilisateur",
        "nom d’utilisateur",
        "benutzername",
        "gebruikersnaam",
        "kullanıcı adı",
        "nazwa użytkownika",
        "användarnamn",
        "brugernavn",
        "brukernavn",
        "käyttäjänimi",
        "tên người dùng",
        "nama pengguna",
        "имя пользователя",
        "ユーザーネーム",
        "用户名",
    }
)
_NAME_LABELS = frozenset(
    {
        "name",
        "nome",
        "nombre",
        "nom",
        "naam",
        "ad",
        "imię i nazwisko",
        "namn",
        "navn",
        "nimi",
        "tên",
        "nama",
        "имя",
        "名前",
        "姓名",
    }
)

# ---------------------------------------------------------------- paths
_ROOT_SEGMENTS = (
    "messages|your_instagram_activity|your_facebook_activity|your_activity_across_facebook|connections|"
    "friends|friends_and_followers|personal_information|account_information|profile_information"
)
_ROOT = re.compile(rf"(?:^|/)(?:{_ROOT_SEGMENTS})/")
_HTML = re.compile(
    r"(?:^|/)(?:message(?:_\d+)?\.html|your_friends\.html|followers_\d+\.html|"
    r"(?:friends|friends_and_followers)/friends\.html|followers_and_following/following\.html)$"
)
_CLAIMS = (
    (re.compile(r"(?:^|/)message_\d+\.json$"), THREAD),
    (re.compile(r"(?:^|/)messages/(?:[^/]+/)?[^/]+/message\.json$"), THREAD),
    (re.compile(r"(?:^|/)(?:friends|friends_and_followers)/friends\.json$"), FB_FRIENDS),
    (re.compile(r"(?:^|/)friends/your_friends\.json$"), FB_FRIENDS),
    (re.compile(r"(?:^|/)(?:friends|friends_and_followers)/removed_friends\.json$"), FB_REMOVED_FRIENDS),
    (
        re.compile(
            r"(?:^|/)(?:friends|friends_and_followers)/(?:friend_requests_sent|sent_friend_requests)\.json$"
        ),
        FB_SENT_REQUESTS,
    ),
    (
        re.compile(
            r"(?:^|/)(?:friends|friends_and_followers)/(?:friend_requests_received|received_friend_requests)\.json$"
        ),
        FB_RECEIVED_REQUESTS,
    ),
    (re.compile(r"(?:^|/)profile_information/profile_information\.json$"), FB_PROFILE),
    (re.compile(r"(?:^|/)followers_\d+\.json$"), IG_FOLLOWERS),
    (re.compile(r"(?:^|/)followers_and_following/following\.json$"), IG_FOLLOWING),
    (re.compile(r"(?:^|/)followers_and_following/pending_follow_requests\.json$"), IG_PENDING),
    (
        re.compile(r"(?:^|/)(?:personal_information|account_information)/personal_information\.json$"),
        IG_PROFILE,
    ),
)
_SNIFFS = (
    (re.compile(r'^\{\s*"participants"\s*:\s*\[\s*\{\s*"name"\s*:'), THREAD),
    (re.compile(r'^\{\s*"(?:friends|friends_v2)"\s*:\s*\['), FB_FRIENDS),
    (re.compile(r'^\{\s*"(?:deleted_friends|deleted_friends_v2)"\s*:\s*\['), FB_REMOVED_FRIENDS),
    (re.compile(r'^\{\s*"(?:sent_requests|sent_requests_v2)"\s*:\s*\['), FB_SENT_REQUESTS),
    (re.compile(r'^\{\s*"(?:received_requests|received_requests_v2)"\s*:\s*\['), FB_RECEIVED_REQUESTS),
    (re.compile(r'^\{\s*"profile(?:_v2)?"\s*:\s*\{\s*"name"\s*:'), FB_PROFILE),
    (re.compile(r'^\{\s*"relationships_following"\s*:\s*\['), IG_FOLLOWING),
    (re.compile(r'^\{\s*"relationships_follow_requests_sent"\s*:\s*\['), IG_PENDING),
    (re.compile(r'^\[\s*\{\s*"title"\s*:\s*"[^"]*"\s*,\s*"media_list_data"\s*:'), IG_FOLLOWERS),
    (re.compile(r'^\{\s*"profile_user"\s*:\s*\['), IG_PROFILE),
)
_E2EE_HEAD = re.compile(r'^\{\s*"participants"\s*:\s*\[\s*(?:"|\])')
_E2EE_KEYS = re.compile(r'"(?:threadName|senderName|isUnsent)"\s*:')
_THREAD_FOLDER = re.compile(r"^(?P<user>.+)_(?P<id>[0-9]+)$")
_IG_USERNAME = re.compile(r"^[a-z0-9._]{1,30}$")
_IG_HREF = re.compile(r"^(?:https?://)?(?:www\.)?instagram\.com/(?:_u/)?(?P<user>[^/?#]+)", re.IGNORECASE)
_SURROGATE = re.compile("[\ud800-\udfff]")


# ---------------------------------------------------------------- mojibake
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


# ---------------------------------------------------------------- claim / sniff
def claim(name: str) -> str | None:
    """Return the logical kind of an archive member this reader reads, judged by its path, else None.

    Examples
    --------
    >>> claim("your_facebook_activity/messages/inbox/annlee_123/message_2.json")
    'meta_thread'
    >>> claim("connections/friends/your_friends.json"), claim(
    ...     "connections/followers_and_following/followers_1.json"
    ... )
    ('facebook_friends', 'instagram_followers')
    >>> claim("messages/inbox/annlee_123/message_1.html"), claim("messages.csv")
    ('meta_html_export', None)
    """
    path = name.replace("\\", "/").casefold()
    if _HTML.search(path):
        return HTML_EXPORT
    for pattern, kind in _CLAIMS:
        if pattern.search(path):
            return kind
    return None


def sniff(head: bytes) -> str | None:
    """Return the logical kind of an unclaimed file judged by its first bytes, else None.

    Only JSON that starts the way Meta's files start is claimed: a LinkedIn CSV,
    an X ``window.YTD`` file or a chat log never starts with ``{"participants"``.

    Examples
    --------
    >>> sniff(b'{\\n  "participants": [\\n    {\\n      "name": "Ann"\\n    }')
    'meta_thread'
    >>> sniff(b'{"participants": ["Ann", "Bo"], "threadName": "Ann", "messages": [')
    'messenger_e2ee_thread'
    >>> sniff(b"First Name,Last Name,URL") is None
    True
    """
    text = decode_head(head[:4096]).lstrip("\ufeff \t\r\n")
    if _E2EE_HEAD.match(text) and _E2EE_KEYS.search(text):
        return E2EE_THREAD
    for pattern, kind in _SNIFFS:
        if pattern.match(text):
            return kind
    return None


# ---------------------------------------------------------------- parsing files
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


def _root(path: str) -> str:
    match = _ROOT.search(path.casefold())
    return path[: match.start() + (1 if match.group(0).startswith("/") else 0)] if match else ""


def _thread_platform(path: str) -> str | None:
    """The platform of a thread file by its path root, or None for the ambiguous old ``messages/`` root."""
    lowered = path.casefold()
    if "your_instagram_activity/" in lowered:
        return S.INSTAGRAM
    if "your_facebook_activity/" in lowered or "your_activity_across_facebook/" in lowered:
        return S.FACEBOOK
    return None


def _message_era(path: str) -> str:
    lowered = path.casefold()
    if "your_instagram_activity/" in lowered or "your_facebook_activity/" in lowered:
        return "2024+"
    if "your_activity_across_facebook/" in lowered:
        return "2024"
    if lowered.endswith("/message.json") or lowered == "message.json":
        return "2018"
    return "2019-23"


def _friends_era(path: str, document: object) -> str:
    lowered = path.casefold()
    if "friends_and_followers/" in lowered:
        return "2021-22"
    if re.search(r"(?:^|/)connections/friends/", lowered) or lowered.endswith("your_friends.json"):
        return "2023+"
    if isinstance(document, dict) and any(
        k in document for k in ("friends", "deleted_friends", "sent_requests", "received_requests")
    ):
        return "2019-20"
    return "2021+"


# ---------------------------------------------------------------- column helpers
def _get(items: list, key: str) -> list:
    return [item.get(key) if isinstance(item, dict) else None for item in items]


def _texts(values: list) -> tuple[pd.Series, np.ndarray, np.ndarray]:
    """Text values (NA when absent or empty), and masks of the values that are not text and too long."""
    n = len(values)
    try:  # the common case, all text or missing: one pyarrow conversion
        array = pa.array(values, pa.large_string())
        bad = np.zeros(n, dtype=bool)
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, OverflowError):
        is_text = np.fromiter((isinstance(v, str) for v in values), dtype=bool, count=n)
        bad = ~is_text & np.fromiter((v is not None for v in values), dtype=bool, count=n)
        array = pa.array(
            [v if ok else None for v, ok in zip(values, is_text, strict=True)], pa.large_string()
        )
    text = pd.Series(pd.arrays.ArrowStringArray(array)).str.strip()
    too_long = text.str.len().gt(MAX_FIELD_CHARS).fillna(False).to_numpy(dtype=bool)
    text = text.mask(text.eq("").fillna(False).to_numpy() | too_long)
    return text, bad, too_long


def _instants(values: list, unit: str) -> tuple[pd.Series, np.ndarray, np.ndarray]:
    """UTC instants from epoch numbers; masks of the missing and the unusable (not a number, out of range)."""
    try:  # the common case, all integers or missing: one pyarrow conversion
        array = pa.array(values, pa.int64())
        missing = array.is_null().to_numpy(zero_copy_only=False)
        number = array.cast(pa.float64()).to_numpy(zero_copy_only=False)
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, OverflowError):
        missing = np.fromiter((v is None for v in values), dtype=bool, count=len(values))
        number = np.fromiter(
            (
                float(v)
                if isinstance(v, (int, float)) and not isinstance(v, bool) and abs(v) < 1e300
                else np.nan
                for v in values
            ),
            dtype="float64",
            count=len(values),
        )
    scale = 1000.0 if unit == "ms" else 1.0
    low, high = _EARLIEST.timestamp() * scale, _LATEST.timestamp() * scale
    usable = np.isfinite(number) & (number >= low) & (number < high)
    bad = ~missing & ~usable
    whole = np.where(usable, number, 0).astype("int64")
    instants = pd.Series(pd.to_datetime(whole, unit=unit, utc=True)).astype(S.UTC_TIME).where(usable)
    return instants, missing, bad


def _raw_text(item: object) -> str:
    text = json.dumps(item, ensure_ascii=False, default=str)
    return text if len(text) <= _MAX_RAW else text[:_MAX_RAW]


@dataclass
class _Book:
    """Per-part bookkeeping: what each file gave, and what was excluded or quarantined."""

    platform: str
    rows: dict[str, list] = field(default_factory=dict)  # file -> [era, rows_read, kept]
    excluded: list[pd.DataFrame] = field(default_factory=list)
    quarantine: list[pd.DataFrame] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def file(self, name: str, era: str, rows_read: int) -> None:
        self.rows[name] = [era, rows_read]

    def exclude(self, files: pd.Series, lines: pd.Series, reasons: pd.Series | str) -> None:
        if len(files):
            self.excluded.append(
                pd.DataFrame(
                    {
                        S.FILE: files.to_numpy(),
                        S.LINE: lines.to_numpy(),
                        S.REASON: reasons if isinstance(reasons, str) else reasons.to_numpy(),
                    }
                )
            )

    def quarantine_items(
        self,
        name: str,
        items: list,
        positions: np.ndarray,
        reasons: list[str] | np.ndarray,
        lines: np.ndarray | None = None,
    ) -> None:
        """Quarantine ``items[positions]``, at 1-based line ``lines + 1`` (by default ``positions + 1``)."""
        if len(positions):
            self.quarantine.append(
                pd.DataFrame(
                    {
                        S.FILE: name,
                        S.LINE: (positions if lines is None else lines) + 1,
                        S.REASON: list(reasons),
                        S.RAW: [_raw_text(items[p]) for p in positions],
                    }
                )
            )

    def ledger(self, kept: dict[str, int]) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
        excluded = (
            pd.concat(self.excluded, ignore_index=True)
            if self.excluded
            else pd.DataFrame(columns=[S.FILE, S.LINE, S.REASON])
        )
        quarantine = (
            pd.concat(self.quarantine, ignore_index=True)
            if self.quarantine
            else pd.DataFrame(columns=[S.FILE, S.LINE, S.REASON, S.RAW])
        )
        n_excluded = excluded[S.FILE].value_counts()
        n_quarantined = quarantine[S.FILE].value_counts()
        books = Ledger(self.platform)
        for name, (era, rows_read) in sorted(self.rows.items()):
            books.add(
                name,
                era,
                rows_read=rows_read,
                kept=kept.get(name, 0),
                excluded=n_excluded.get(name, 0),
                quarantined=n_quarantined.get(name, 0),
            )
        ledger = books.frame()
        excluded = excluded.assign(**{S.PLATFORM: self.platform}).sort_values([S.FILE, S.LINE], kind="stable")
        quarantine = quarantine.assign(**{S.PLATFORM: self.platform}).sort_values(
            [S.FILE, S.LINE], kind="stable"
        )
        return (
            ledger,
            S.conform(excluded, S.EXCLUDED_COLUMNS) if len(excluded) else S.empty_frame(S.EXCLUDED_COLUMNS),
            S.conform(quarantine, S.QUARANTINE_COLUMNS)
            if len(quarantine)
            else S.empty_frame(S.QUARANTINE_COLUMNS),
        )


# ---------------------------------------------------------------- name lists (friends, requests)
def _named_records(files: list[_File], keys: tuple[str, ...], book: _Book) -> pd.DataFrame:
    """One row per usable item of a names-and-times list (friends, friend requests).

    Columns: file, source_line, name, key, at.
    """
    frames = []
    for f in files:
        items = _list_under(
            f.src, f.document, keys, "a JSON object with a list under " + " or ".join(f"'{k}'" for k in keys)
        )
        book.file(f.src.name, f.era, len(items))
        is_object = np.array([isinstance(i, dict) for i in items], dtype=bool)
        names, bad_name, long_name = _texts(_get(items, "name"))
        keys_ = name_keys(names)
        at, _, bad_at = _instants(_get(items, "timestamp"), "s")
        reasons = np.select(
            [~is_object, bad_name, long_name, keys_.isna().to_numpy(), bad_at],
            [
                NOT_AN_OBJECT,
                "the name is not text",
                TOO_LONG,
                "no name",
                "timestamp out of range (expected epoch seconds)",
            ],
            default="",
        )
        bad = reasons != ""
        book.quarantine_items(f.src.name, items, np.flatnonzero(bad), reasons[bad])
        good = ~bad
        frames.append(
            pd.DataFrame(
                {
                    S.FILE: f.src.name,
                    S.SOURCE_LINE: np.flatnonzero(good) + 1,
                    S.NAME: names[good].to_numpy(),
                    "key": keys_[good].to_numpy(),
                    "at": at[good].to_numpy(),
                }
            )
        )
    frame = (
        pd.concat(frames, ignore_index=True)
        if frames
        else pd.DataFrame(columns=[S.FILE, S.SOURCE_LINE, S.NAME, "key", "at"])
    )
    return frame.astype({S.NAME: "string", "key": "string", "at": S.UTC_TIME})


def _naive_day(at: pd.Series) -> pd.Series:
    return at.dt.tz_convert(None).dt.floor("D").astype(S.NAIVE_TIME)


def _naive(at: pd.Series) -> pd.Series:
    return at.dt.tz_convert(None).astype(S.NAIVE_TIME)


# ---------------------------------------------------------------- Instagram follow lists
def _follow_records(files: list[_File], keys: tuple[str, ...], book: _Book) -> pd.DataFrame:
    """One row per usable follow item: file, source_line, handle, at."""
    frames = []
    for f in files:
        items = _list_under(
            f.src,
            f.document,
            keys,
            f"a list of accounts, or an object with a list under '{keys[0]}'",
            top_list=True,
        )
        users, times, shapes = [], [], set()
        for item in items:  # flattening the parsed JSON: one small dict per account
            user, at, shape = _follow_item(item)
            users.append(user)
            times.append(at)
            shapes.add(shape)
        book.file(f.src.name, _follow_era(f.kind, shapes), len(items))
        is_object = np.array([isinstance(i, dict) for i in items], dtype=bool)
        handles = pd.Series(users, dtype="string").str.strip().str.lstrip("@").str.lower()
        valid = handles.str.fullmatch(_IG_USERNAME.pattern).fillna(False).to_numpy(dtype=bool)
        at, _, bad_at = _instants(times, "s")
        reasons = np.select(
            [~is_object, handles.isna().to_numpy(), ~valid, bad_at],
            [
                NOT_AN_OBJECT,
                "no user name (value, title and href are all missing)",
                "not an Instagram user name",
                "timestamp out of range (expected epoch seconds)",
            ],
            default="",
        )
        bad = reasons != ""
        book.quarantine_items(f.src.name, items, np.flatnonzero(bad), reasons[bad])
        good = ~bad
        frames.append(
            pd.DataFrame(
                {
                    S.FILE: f.src.name,
                    S.SOURCE_LINE: np.flatnonzero(good) + 1,
                    S.HANDLE: handles[good].to_numpy(),
                    "at": at[good].to_numpy(),
                }
            )
        )
    if not frames:
        return pd.DataFrame(
            {
                S.FILE: pd.Series([], dtype="string"),
                S.SOURCE_LINE: pd.Series([], dtype="int64"),
                S.HANDLE: pd.Series([], dtype="string"),
                "at": pd.Series([], dtype=S.UTC_TIME),
            }
        )
    frame = pd.concat(frames, ignore_index=True).astype({S.HANDLE: "string", "at": S.UTC_TIME})
    twice = frame.duplicated(S.HANDLE, keep="first").to_numpy()
    book.exclude(frame.loc[twice, S.FILE], frame.loc[twice, S.SOURCE_LINE], SAME_ACCOUNT_TWICE)
    return frame.loc[~twice].reset_index(drop=True)


def _follow_item(item: object) -> tuple[str | None, object, str]:
    """User name, timestamp and shape of one follow-list item (the three shapes of research §4)."""
    if not isinstance(item, dict):
        return None, None, "?"
    entries = item.get("string_list_data")
    if isinstance(entries, list):
        first = entries[0] if entries and isinstance(entries[0], dict) else {}
        title = item.get("title")
        href = first.get("href")
        from_href = _href_user(href)
        value = first.get("value")
        user = next((u for u in (value, title, from_href) if isinstance(u, str) and u.strip()), None)
        shape = "value" if isinstance(value, str) and value.strip() else "title"
        return user, first.get("timestamp"), shape
    labels = item.get("label_values")
    if isinstance(labels, list):
        user, href = None, None
        for entry in labels:
            if not isinstance(entry, dict):
                continue
            label = entry.get("label")
            if (
                isinstance(label, str)
                and label.strip().casefold() in _USERNAME_LABELS
                and isinstance(entry.get("value"), str)
            ):
                user = user or entry["value"]
            href = href or _href_user(entry.get("href")) or _href_user(entry.get("value"))
        return user or href, item.get("timestamp"), "label_values"
    return None, None, "?"


def _href_user(href: object) -> str | None:
    if not isinstance(href, str):
        return None
    match = _IG_HREF.match(href.strip())
    return match.group("user") if match else None


def _follow_era(kind: str, shapes: set[str]) -> str:
    if "label_values" in shapes:
        return "label-values"
    if kind == IG_FOLLOWERS:
        return "2025+"
    return "2026-04" if "title" in shapes else "2025-08"


# ---------------------------------------------------------------- threads
_THREAD_FIELDS = {  # standard thread files, and the E2EE backup's camelCase
    False: ("sender_name", "timestamp_ms", "content", "type", "is_unsent"),
    True: ("senderName", "timestamp", "text", "type", "isUnsent"),
}


def _thread_key(src: SourceFile, document: dict, e2ee: bool) -> tuple[str, str | None]:
    """The thread id (folder name, or file stem for the E2EE backup) and its section."""
    parts = src.name.replace("\\", "/").split("/")
    if e2ee:
        return parts[-1].rsplit(".", 1)[0], E2EE_BACKUP_FOLDER
    if len(parts) >= 2:
        section = parts[-3].casefold() if len(parts) >= 3 and parts[-3].casefold() in SECTIONS else None
        return parts[-2], section
    thread_path = document.get("thread_path")
    if isinstance(thread_path, str) and thread_path.strip("/"):
        bits = thread_path.strip("/").split("/")
        return bits[-1], bits[0].casefold() if len(bits) > 1 and bits[0].casefold() in SECTIONS else None
    return parts[-1].rsplit(".", 1)[0], None


def _participants(src: SourceFile, document: dict) -> list[str]:
    people = document.get("participants", [])
    if not isinstance(people, list):
        raise _shape_error(src, "'participants' is not a list", "a list of participants")
    names = [p.get("name") if isinstance(p, dict) else p for p in people]
    return [n.strip() for n in names if isinstance(n, str) and n.strip() and len(n) <= MAX_FIELD_CHARS]


def _thread_frame(files: list[_File], book: _Book) -> tuple[pd.DataFrame, pd.DataFrame]:
    """All usable messages of the thread files (one row each) and the participants (thread, name, key).

    The files are only flattened into plain lists here (one pass over the parsed
    JSON); every check and conversion then runs once over all messages of the
    platform, so a export of thousands of thread folders costs one set of
    column operations, not one per file.
    """
    flat = _flatten_threads(files, book)
    messages = _checked_messages(flat, book)
    per_file, people_thread, people_name = flat.per_file, flat.people_thread, flat.people_name
    # A thread's title is the one of its newest part that has one (parts of one thread share it in practice).
    titles = pd.DataFrame(
        {"thread": per_file["thread"], S.CONVERSATION_TITLE: per_file[S.CONVERSATION_TITLE]}, dtype="string"
    )
    titles = titles.dropna().drop_duplicates("thread")
    messages = messages.drop(columns=S.CONVERSATION_TITLE).merge(titles, on="thread", how="left")
    participants = pd.DataFrame({"thread": people_thread, S.NAME: people_name}, dtype="string")
    participants["key"] = name_keys(participants[S.NAME])
    return messages, participants.dropna(subset=["key"]).reset_index(drop=True)


@dataclass
class _FlatThreads:
    """The thread files as plain lists: one entry per item, per file or per participant."""

    columns: dict[str, list]  # per item: sender, time, text, type, unsent, media
    per_file: dict[str, list]  # per file: file, n (items), thread, folder, title, e2ee
    every_item: list
    people_thread: list[str]
    people_name: list[str]


def _flatten_threads(files: list[_File], book: _Book) -> _FlatThreads:
    """One pass over the parsed JSON of the thread files: their items, files and participants as lists."""
    expected = "a thread: an object with 'participants' and 'messages'"
    columns: dict[str, list] = {"sender": [], "time": [], "text": [], "type": [], "unsent": [], "media": []}
    per_file: dict[str, list] = {
        S.FILE: [],
        "n": [],
        "thread": [],
        S.FOLDER: [],
        S.CONVERSATION_TITLE: [],
        "e2ee": [],
    }
    every_item: list = []
    people_thread: list[str] = []
    people_name: list[str] = []
    for f in files:
        e2ee = f.kind == E2EE_THREAD
        if not isinstance(f.document, dict):
            raise _shape_error(f.src, "the file is not a JSON object", expected)
        items = _list_under(f.src, f.document, ("messages",), expected)
        book.file(f.src.name, "e2ee" if e2ee else f.era, len(items))
        thread, section = _thread_key(f.src, f.document, e2ee)
        title = f.document.get("threadName" if e2ee else "title")
        title = (
            title.strip()
            if isinstance(title, str) and title.strip() and len(title) <= MAX_FIELD_CHARS
            else None
        )
        names = _participants(f.src, f.document)
        people_thread += [thread] * len(names)
        people_name += names
        file_fields = (S.FILE, "n", "thread", S.FOLDER, S.CONVERSATION_TITLE, "e2ee")
        for column, value in zip(
            file_fields, (f.src.name, len(items), thread, section, title, e2ee), strict=True
        ):
            per_file[column].append(value)
        sender_key, time_key, text_key, type_key, unsent_key = _THREAD_FIELDS[e2ee]
        every_item += items
        columns["sender"] += _get(items, sender_key)
        columns["time"] += _get(items, time_key)
        columns["text"] += _get(items, text_key)
        columns["type"] += _get(items, type_key)
        columns["unsent"] += [i.get(unsent_key) is True if isinstance(i, dict) else False for i in items]
        columns["media"] += [
            any(i[k] for k in _MEDIA_KEYS.intersection(i)) if isinstance(i, dict) else False for i in items
        ]

    return _FlatThreads(columns, per_file, every_item, people_thread, people_name)


def _checked_messages(flat: _FlatThreads, book: _Book) -> pd.DataFrame:
    """The usable items as one frame (one column operation per check); the others quarantined, with why."""
    columns, per_file, every_item = flat.columns, flat.per_file, flat.every_item
    counts = np.asarray(per_file["n"], dtype=np.int64)
    file_of = np.repeat(np.arange(len(counts)), counts)
    position = np.arange(len(file_of)) - np.repeat(np.cumsum(counts) - counts, counts)
    is_object = np.fromiter((isinstance(i, dict) for i in every_item), dtype=bool, count=len(every_item))
    senders, bad_sender, long_sender = _texts(columns["sender"])
    at, missing_at, bad_at = _instants(columns["time"], "ms")
    content, bad_content, long_content = _texts(columns["text"])
    kinds, bad_kind, _ = _texts(columns["type"])
    sender_keys = name_keys(senders)
    reasons = np.select(
        [
            ~is_object,
            bad_sender,
            sender_keys.isna().to_numpy(),
            missing_at,
            bad_at,
            bad_content | bad_kind,
            long_sender | long_content,
        ],
        [
            NOT_AN_OBJECT,
            "the sender name is not text",
            "no sender name",
            "no timestamp",
            "timestamp out of range (expected epoch milliseconds)",
            "the text or type is not text",
            TOO_LONG,
        ],
        default="",
    )
    bad = reasons != ""
    file_names = np.asarray(per_file[S.FILE], dtype=object)
    for i in np.unique(file_of[bad]):
        rows = np.flatnonzero(bad & (file_of == i))
        book.quarantine_items(file_names[i], every_item, rows, reasons[rows], lines=position[rows])
    good = ~bad
    of_file = file_of[good]

    def spread(column: str) -> np.ndarray:
        return np.asarray(per_file[column], dtype=object)[of_file]

    messages = pd.DataFrame(
        {
            S.FILE: spread(S.FILE),
            S.SOURCE_LINE: position[good] + 1,
            "thread": spread("thread"),
            S.FOLDER: spread(S.FOLDER),
            S.CONVERSATION_TITLE: spread(S.CONVERSATION_TITLE),
            S.SENDER_NAME: senders[good].array,
            "key": sender_keys[good].array,
            S.SENT_AT: at[good].array,
            S.CONTENT: content[good].array,
            "type": kinds[good].array,
            "unsent": np.asarray(columns["unsent"], dtype=bool)[good],
            S.HAS_ATTACHMENT: np.asarray(columns["media"], dtype=bool)[good],
            "e2ee": np.asarray(per_file["e2ee"], dtype=bool)[of_file],
        }
    )
    text_columns = ["thread", S.FOLDER, S.CONVERSATION_TITLE, S.SENDER_NAME, "key", S.CONTENT, "type", S.FILE]
    messages = messages.astype({**{c: "string" for c in text_columns}, S.SENT_AT: S.UTC_TIME})
    return messages


def _common_participants(messages: pd.DataFrame, participants: pd.DataFrame) -> list[str]:
    """Name keys present in every thread (as participant or sender), sorted."""
    seen = pd.concat(
        [messages[["thread", "key"]], participants[["thread", "key"]]], ignore_index=True
    ).drop_duplicates()
    n_threads = seen["thread"].nunique()
    counts = seen.groupby("key", observed=True).size()
    return sorted(counts.index[counts.to_numpy() == n_threads].tolist())


def _spelling(keys: pd.Series, names: pd.Series, key: str) -> str | None:
    """The most frequent spelling of a name key (ties: the first in sorted order)."""
    among = names[keys.eq(key).fillna(False).to_numpy()]
    if not len(among):
        return None
    counts = among.value_counts()
    return sorted(counts.index[counts.to_numpy() == counts.max()])[0]


def _choose_owner(
    platform: str,
    messages: pd.DataFrame | None,
    participants: pd.DataFrame | None,
    profile_name: str | None,
    found_by: str,
    given: Sequence[str],
    files: str,
) -> tuple[str | None, str | None, str]:
    """(display name, name key, found_by) of the owner as the messages show them."""
    if profile_name and (
        messages is None or name_key(profile_name) in set(messages["key"]) | set(participants["key"])
    ):
        return profile_name, name_key(profile_name), found_by
    if messages is None:
        return None, None, found_by or "not found: the export has no profile file and no messages"
    common = _common_participants(messages, participants)
    method = "the participant present in every thread"
    if profile_name:
        method += " (the profile name is in no thread)"
    if len(common) != 1:
        given_keys = {name_key(g) for g in given if isinstance(g, str)} - {None}
        narrowed = [
            k
            for k in (common or sorted(set(messages["key"].dropna()) | set(participants["key"].dropna())))
            if k in given_keys
        ]
        if len(narrowed) != 1:
            label = S.PLATFORM_LABELS[platform]
            raise ExportFormatError(
                f"the {label} export does not say who its owner is,"
                " and no single participant is in every thread",
                file=files,
                expected=(
                    "profile_information.json (Facebook) or personal_information.json (Instagram),"
                    " or one person present in every conversation"
                ),
                fix=f"pass owner=['<your name as {label} shows it>']"
                " (netstats.load(..., owner=[...]) or --owner on the command line)",
            )
        common, method = narrowed, "the owner name given by the user, matched to a thread participant"
    key = common[0]
    names = pd.concat([messages[S.SENDER_NAME], participants[S.NAME]], ignore_index=True)
    keys = pd.concat([messages["key"], participants["key"]], ignore_index=True)
    return _spelling(keys, names, key), key, method


def _profile_name(f: _File) -> str | None:
    """``profile_v2.name.full_name`` (or the 2019 ``profile.name.full_name``) of profile_information.json."""
    doc = f.document
    profile = doc.get("profile_v2", doc.get("profile")) if isinstance(doc, dict) else None
    name = profile.get("name") if isinstance(profile, dict) else None
    if isinstance(name, dict):
        name = name.get("full_name")
    if not isinstance(name, str) or not name.strip():
        raise _shape_error(f.src, "the file names no profile owner", "profile_v2.name.full_name")
    return name.strip()


def _instagram_profile(f: _File) -> tuple[str | None, str | None]:
    """(user name, display name) from personal_information.json (labels may be localised)."""
    doc = f.document
    users = doc.get("profile_user") if isinstance(doc, dict) else None
    entry = users[0] if isinstance(users, list) and users and isinstance(users[0], dict) else None
    data = entry.get("string_map_data") if entry else None
    if not isinstance(data, dict):
        raise _shape_error(
            f.src,
            "the file holds no profile_user[0].string_map_data",
            "Instagram's personal_information.json",
        )
    username = display = None
    for label, value in data.items():
        text = value.get("value") if isinstance(value, dict) else None
        if not isinstance(text, str) or not text.strip():
            continue
        if label.strip().casefold() in _USERNAME_LABELS:
            username = username or text.strip().lstrip("@").lower()
        elif label.strip().casefold() in _NAME_LABELS:
            display = display or text.strip()
    if username is not None and not _IG_USERNAME.match(username):
        username = None
    return username, display


# ---------------------------------------------------------------- lists and people
def _id_lists(rows: np.ndarray, ids: pd.Series, n: int) -> pd.Series:
    """A list column of length ``n``: ``ids[i]`` goes to row ``rows[i]`` (rows sorted ascending)."""
    counts = np.bincount(rows, minlength=n) if len(rows) else np.zeros(n, dtype=np.int64)
    offsets = np.concatenate([[0], np.cumsum(counts)]).astype(np.int32)
    values = pa.array(ids.to_numpy(dtype=object), pa.string()) if len(ids) else pa.array([], pa.string())
    return pd.Series(pd.arrays.ArrowExtensionArray(pa.ListArray.from_arrays(pa.array(offsets), values)))


def _recipients(
    conv: np.ndarray, sender: np.ndarray, people_conv: np.ndarray, people_id: np.ndarray, n_conv: int
) -> tuple[np.ndarray, np.ndarray]:
    """(message row, person code) pairs: everyone in a message's conversation but its sender.

    No loop per message.

    ``people_conv``/``people_id`` are integer codes, sorted by conversation then id, so each
    message's recipients come out sorted.
    """
    counts = np.bincount(people_conv, minlength=n_conv)
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    per_message = counts[conv]
    message = np.repeat(np.arange(len(conv)), per_message)
    within = np.arange(per_message.sum()) - np.repeat(np.cumsum(per_message) - per_message, per_message)
    candidate = people_id[np.repeat(starts[conv], per_message) + within]
    keep = candidate != sender[message]
    return message[keep], candidate[keep]


def _seen_in(ids: pd.Series, tables: dict[str, pd.Series]) -> pd.Series:
    labels = pd.Series("", index=ids.index, dtype=object)
    for table, present in tables.items():
        hit = ids.isin(present).to_numpy()
        labels = labels.where(~hit, labels + np.where(labels.eq(""), "", ",") + table)
    return labels.astype("string")


# ---------------------------------------------------------------- one platform
@dataclass
class _PlatformFiles:
    platform: str
    files: dict[str, list[_File]] = field(default_factory=dict)

    def of(self, *kinds: str) -> list[_File]:
        return [f for k in kinds for f in self.files.get(k, [])]


def _build_part(
    group: _PlatformFiles, source: str, owner_given: Sequence[str], extra_notes: list[str]
) -> Part:
    """One platform's files -> its Part: owner, messages, connections, invitations, people, accounts."""
    platform = group.platform
    book = _Book(platform)
    prefix = S.PLATFORM_ID_PREFIX[platform]
    instagram = platform == S.INSTAGRAM
    latest: list[pd.Timestamp] = []
    all_names = ", ".join(sorted({f.src.name for fs in group.files.values() for f in fs})[:3])

    # --- owner: the profile file, else the participant present in every thread
    kept: dict[str, int] = {}
    profile_name, owner_user, found_by = _profile_owner(group, book, kept)
    threads = group.of(THREAD, E2EE_THREAD)
    messages = participants = None
    if threads:
        messages, participants = _thread_frame(threads, book)
    owner_name, owner_key, how = _choose_owner(
        platform, messages, participants, profile_name, found_by, owner_given, all_names
    )
    if owner_user is not None:
        owner_id = f"{prefix}{owner_user}"
        found_by = found_by if how == found_by else f"{found_by}; in messages: {how}"
    else:
        owner_id, found_by = (f"{prefix}name:{owner_key}" if owner_key else None), how

    names_seen = []  # (id, name, priority) for the people table
    message_frame = S.empty_frame(S.MESSAGES_COLUMNS)
    message_ids = pd.Series([], dtype="string")
    got = _Gathered(book, prefix, kept, latest, names_seen, extra_notes)
    if messages is not None:
        message_frame, message_ids = _part_messages(
            messages, participants, platform, owner_key, owner_id, got
        )

    # --- connections
    lists = _instagram_lists if instagram else _facebook_lists
    connections, invitations = lists(group, got, messages is not None)

    if len(invitations):
        names_seen.append(
            pd.DataFrame(
                {S.CONTACT_ID: invitations[S.CONTACT_ID], S.NAME: invitations[S.NAME], "priority": 3}
            )
        )
    ledger, excluded, quarantine = book.ledger(kept)
    people = _people(platform, connections, message_frame, message_ids, invitations, names_seen, owner_id)
    owner = Owner(
        name=owner_name,
        profile_url=f"{_IG_URL}{owner_user}" if instagram and owner_user else None,
        contact_id=owner_id,
        found_by=found_by,
    )
    notes = list(dict.fromkeys(extra_notes))
    return Part(
        platform=platform,
        source=source,
        connections=connections,
        messages=message_frame,
        invitations=invitations,
        people=people,
        owner=owner,
        ledger=ledger,
        excluded=excluded,
        quarantine=quarantine,
        notes=tuple(notes),
        latest=max((t for t in latest if pd.notna(t)), default=None),
    )


def _part_messages(
    messages: pd.DataFrame,
    participants: pd.DataFrame,
    platform: str,
    owner_key: str | None,
    owner_id: str | None,
    got: _Gathered,
) -> tuple[pd.DataFrame, pd.Series]:
    """The messages table and the ids seen in it; kept counts, latest time and names seen go to ``got``."""
    message_frame, message_files, message_ids, names_seen_msgs = _clean_messages(
        messages, participants, platform, owner_key, owner_id, got.book, got.notes
    )
    got.names_seen.extend(names_seen_msgs)
    got.kept.update({k: int(v) for k, v in message_files.value_counts().items()})
    if len(message_frame):
        got.latest.append(message_frame[S.SENT_AT].max())
    return message_frame, message_ids


def _profile_owner(
    group: _PlatformFiles, book: _Book, kept: dict[str, int]
) -> tuple[str | None, str | None, str]:
    """The owner's name (and Instagram user name) from the profile file, and how they were found."""
    profile_name, owner_user, found_by = None, None, ""
    for f in group.of(FB_PROFILE, IG_PROFILE):
        nested = re.search(r"personal_information/(?:profile|personal)_information/", f.src.name.casefold())
        book.file(
            f.src.name,
            ("2024+" if nested else "2019-23")
            if f.kind == FB_PROFILE
            else ("2025+" if nested else "2021-24"),
            1,
        )
        kept[f.src.name] = 1
        if f.kind == FB_PROFILE:
            profile_name, found_by = _profile_name(f), "profile_information.json (profile_v2.name.full_name)"
        else:
            owner_user, profile_name = _instagram_profile(f)
            found_by = "personal_information.json (profile_user)"
    return profile_name, owner_user, found_by


@dataclass
class _Gathered:
    """What a platform's files add to its part as they are read: kept counts, latest dates, names, notes."""

    book: _Book
    prefix: str
    kept: dict[str, int]
    latest: list[pd.Timestamp]
    names_seen: list[pd.DataFrame]
    notes: list[str]


def _facebook_lists(
    group: _PlatformFiles, got: _Gathered, has_messages: bool
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Facebook's friends (connections) and friend requests (invitations); removed friends are excluded."""
    book, prefix, kept, latest, names_seen, extra_notes = (
        got.book,
        got.prefix,
        got.kept,
        got.latest,
        got.names_seen,
        got.notes,
    )
    platform = group.platform
    connections = S.empty_frame(S.CONNECTIONS_COLUMNS)
    invitations = S.empty_frame(S.INVITATIONS_COLUMNS, S.INVITATIONS_DTYPES)
    friends = _named_records(group.of(FB_FRIENDS), ("friends_v2", "friends"), book)
    twice = friends.duplicated("key", keep="first").to_numpy()
    book.exclude(friends.loc[twice, S.FILE], friends.loc[twice, S.SOURCE_LINE], SAME_NAME_FRIEND)
    friends = friends.loc[~twice].reset_index(drop=True)
    kept.update(friends[S.FILE].value_counts().to_dict())
    if len(friends):
        connections = _connections_frame(
            platform,
            ids=prefix + "name:" + friends["key"],
            names=friends[S.NAME],
            handles=None,
            connected=friends["at"],
            relationship=pd.Series(S.REL_FRIEND, index=friends.index),
            lines=friends[S.SOURCE_LINE],
        )
        latest.append(friends["at"].max())
        names_seen.append(
            pd.DataFrame(
                {S.CONTACT_ID: connections[S.CONTACT_ID], S.NAME: connections[S.NAME], "priority": 2}
            )
        )
    removed = _named_records(group.of(FB_REMOVED_FRIENDS), ("deleted_friends_v2", "deleted_friends"), book)
    book.exclude(removed[S.FILE], removed[S.SOURCE_LINE], REMOVED_FRIEND)
    sent = _named_records(group.of(FB_SENT_REQUESTS), ("sent_requests_v2", "sent_requests"), book)
    received = _named_records(
        group.of(FB_RECEIVED_REQUESTS), ("received_requests_v2", "received_requests"), book
    )
    requests = pd.concat(
        [sent.assign(**{S.DIRECTION: S.OUTGOING}), received.assign(**{S.DIRECTION: S.INCOMING})],
        ignore_index=True,
    )
    if len(requests):
        requests = requests.astype({"at": S.UTC_TIME})
        kept.update({k: int(v) for k, v in requests[S.FILE].value_counts().items()})
        invitations = _invitations_frame(
            platform, prefix + "name:" + requests["key"], requests[S.NAME], None, requests
        )
        latest.append(requests["at"].max())
        extra_notes.append(
            "Facebook friend-request times are exact instants (epoch seconds); netstats keeps them as "
            "naive UTC times, like invitation times from LinkedIn."
        )
    if len(friends) or len(requests) or has_messages:
        extra_notes.append(
            "Facebook gives names only (no ids) for friends and message senders, so each contact id is "
            "built from the name (facebook:name:...): two people with the same name are one contact."
        )
    return connections, invitations


def _instagram_lists(
    group: _PlatformFiles, got: _Gathered, has_messages: bool
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Instagram's followers and followed accounts (connections) and pending follow requests (invitations)."""
    book, prefix, kept, latest, names_seen, extra_notes = (
        got.book,
        got.prefix,
        got.kept,
        got.latest,
        got.names_seen,
        got.notes,
    )
    platform = group.platform
    connections = S.empty_frame(S.CONNECTIONS_COLUMNS)
    invitations = S.empty_frame(S.INVITATIONS_COLUMNS, S.INVITATIONS_DTYPES)
    followers = _follow_records(group.of(IG_FOLLOWERS), ("relationships_followers",), book)
    following = _follow_records(group.of(IG_FOLLOWING), ("relationships_following",), book)
    for frame in (followers, following):
        kept.update({k: int(v) for k, v in frame[S.FILE].value_counts().items()})
    if len(followers) or len(following):
        connections = _follow_connections(platform, prefix, followers, following)
        latest += [followers["at"].max(), following["at"].max()]
        names_seen.append(
            pd.DataFrame(
                {S.CONTACT_ID: connections[S.CONTACT_ID], S.NAME: connections[S.NAME], "priority": 2}
            )
        )
        extra_notes.append(
            "Instagram follow lists cover the date range chosen when the export was requested: an export "
            "not made for 'All time' leaves out older followers without saying so."
        )
    pending = _follow_records(group.of(IG_PENDING), ("relationships_follow_requests_sent",), book)
    kept.update({k: int(v) for k, v in pending[S.FILE].value_counts().items()})
    if len(pending):
        pending = pending.assign(**{S.DIRECTION: S.OUTGOING})
        invitations = _invitations_frame(
            platform, prefix + pending[S.HANDLE], pending[S.HANDLE], _IG_URL + pending[S.HANDLE], pending
        )
        latest.append(pending["at"].max())
    return connections, invitations


def _connections_frame(platform, *, ids, names, handles, connected, relationship, lines) -> pd.DataFrame:
    n = len(ids)
    split = names.str.split(" ", n=1) if handles is None else None
    frame = pd.DataFrame(
        {
            S.PLATFORM: S.constant(platform, n, index=ids.index),
            S.CONTACT_ID: ids,
            S.NAME: names,
            S.FIRST_NAME: split.str[0] if split is not None else pd.NA,
            S.LAST_NAME: split.str[1] if split is not None else pd.NA,
            S.PROFILE_URL: (_IG_URL + handles) if handles is not None else pd.NA,
            S.EMAIL: pd.NA,
            S.MEMBER_URN: pd.NA,
            S.COMPANY: pd.NA,
            S.POSITION: pd.NA,
            S.CONNECTED_ON: _naive_day(connected),
            S.RELATIONSHIP: relationship,
            S.SOURCE_LINE: lines,
        }
    )
    return S.conform(frame.sort_values([S.CONTACT_ID], kind="stable"), S.CONNECTIONS_COLUMNS)


def _follow_connections(
    platform: str, prefix: str, followers: pd.DataFrame, following: pd.DataFrame
) -> pd.DataFrame:
    """Followers and following merged per account: mutual when in both lists (since the later follow)."""
    merged = followers.merge(
        following, on=S.HANDLE, how="outer", suffixes=("_follower", "_following"), indicator=True
    )
    relationship = pd.Series(
        np.select(
            [merged["_merge"].eq("both"), merged["_merge"].eq("left_only")],
            [S.REL_MUTUAL_FOLLOW, S.REL_FOLLOWER],
            S.REL_FOLLOWING,
        ),
        index=merged.index,
    )
    # mutual since the later of the two follows; otherwise the one follow date (NaT when unknown)
    later = merged["at_follower"].where(
        ~(merged["at_following"] > merged["at_follower"]).to_numpy(), merged["at_following"]
    )
    connected = later.fillna(merged["at_following"]).astype(S.UTC_TIME)
    lines = merged[f"{S.SOURCE_LINE}_follower"].fillna(merged[f"{S.SOURCE_LINE}_following"]).astype("int64")
    handles = merged[S.HANDLE].astype("string")
    return _connections_frame(
        platform,
        ids=prefix + handles,
        names=handles,
        handles=handles,
        connected=connected,
        relationship=relationship,
        lines=lines,
    )


def _invitations_frame(
    platform: str, ids: pd.Series, names: pd.Series, urls: pd.Series | None, records: pd.DataFrame
) -> pd.DataFrame:
    n = len(ids)
    frame = pd.DataFrame(
        {
            S.PLATFORM: S.constant(platform, n, index=ids.index),
            S.CONTACT_ID: ids,
            S.NAME: names,
            S.PROFILE_URL: urls if urls is not None else pd.NA,
            S.DIRECTION: records[S.DIRECTION],
            S.SENT_AT: _naive(records["at"]),
            S.MESSAGE: pd.NA,
            S.NOTE_KIND: S.NOTE_NONE,
            S.SOURCE_LINE: records[S.SOURCE_LINE],
            S.FILE: records[S.FILE],
        }
    )
    frame = frame.sort_values([S.SENT_AT, S.FILE, S.SOURCE_LINE], kind="stable")
    return S.conform(frame, S.INVITATIONS_COLUMNS, S.INVITATIONS_DTYPES)


def _clean_messages(
    messages: pd.DataFrame,
    participants: pd.DataFrame,
    platform: str,
    owner_key: str | None,
    owner_id: str | None,
    book: _Book,
    notes: list[str],
) -> tuple[pd.DataFrame, pd.Series, pd.Series, list[pd.DataFrame]]:
    """Ids, exclusions, recipients and directions of the usable messages of one platform."""
    pairs, ids = _thread_ids(messages, participants, platform, owner_key, owner_id)
    messages = messages.merge(ids, on=["thread", "key"], how="left", validate="many_to_one").rename(
        columns={S.CONTACT_ID: S.SENDER_ID}
    )
    messages, kept = _exclude_messages(messages, book, notes)
    thread_people = _thread_people(ids, participants, messages, owner_id)
    frame, files, recipients = _messages_frame(kept, thread_people, platform, owner_id)
    # the people seen in messages: every sender and recipient of a kept message
    in_messages = pd.concat([frame[S.SENDER_ID], recipients], ignore_index=True).dropna().drop_duplicates()
    named = pairs.merge(ids, on=["thread", "key"], how="left")
    senders_named = messages[[S.SENDER_ID, S.SENDER_NAME]].rename(
        columns={S.SENDER_ID: S.CONTACT_ID, S.SENDER_NAME: S.NAME}
    )
    names_seen = [senders_named.assign(priority=0), named[[S.CONTACT_ID, S.NAME]].assign(priority=1)]
    return frame, files, in_messages.astype("string"), names_seen


def _thread_ids(
    messages: pd.DataFrame,
    participants: pd.DataFrame,
    platform: str,
    owner_key: str | None,
    owner_id: str | None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every (thread, name key, name) seen, and one id per (thread, name key).

    The id is the owner's, an Instagram user name from a 1:1 thread's folder, else the name.
    """
    prefix = S.PLATFORM_ID_PREFIX[platform]
    pairs = pd.concat(
        [
            messages[["thread", "key", S.SENDER_NAME]].rename(columns={S.SENDER_NAME: S.NAME}),
            participants[["thread", "key", S.NAME]],
        ],
        ignore_index=True,
    )
    ids = pairs[["thread", "key"]].drop_duplicates().reset_index(drop=True)
    ids[S.CONTACT_ID] = (prefix + "name:" + ids["key"]).astype("string")
    if platform == S.INSTAGRAM:
        ids[S.CONTACT_ID] = _instagram_ids(ids, owner_key, prefix)
    is_owner = ids["key"].eq(owner_key).fillna(False).to_numpy() if owner_key else np.zeros(len(ids), bool)
    if owner_id is not None:
        ids.loc[is_owner, S.CONTACT_ID] = owner_id
    return pairs, ids


def _exclude_messages(
    messages: pd.DataFrame, book: _Book, notes: list[str]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Exclude unsent stubs, system events and E2EE backup duplicates; all messages and the kept ones."""
    reason = pd.Series(pd.NA, index=messages.index, dtype="string")
    reason = reason.mask(messages["unsent"].to_numpy(), UNSENT)
    for kind, why in SYSTEM_EVENTS.items():
        reason = reason.mask(
            messages["type"].eq(kind).fillna(False).to_numpy() & reason.isna().to_numpy(), why
        )
    messages = _e2ee_duplicates(messages, reason, notes)
    reason = messages.pop("reason")
    dropped = reason.notna().to_numpy()
    book.exclude(messages.loc[dropped, S.FILE], messages.loc[dropped, S.SOURCE_LINE], reason[dropped])
    return messages, messages.loc[~dropped].reset_index(drop=True)


def _thread_people(
    ids: pd.DataFrame, participants: pd.DataFrame, messages: pd.DataFrame, owner_id: str | None
) -> pd.DataFrame:
    """The people of each conversation: participants, every sender (people who left a group) and the owner."""
    thread_people = pd.concat(
        [
            ids.merge(participants[["thread", "key"]].drop_duplicates(), on=["thread", "key"])[
                ["thread", S.CONTACT_ID]
            ],
            messages[["thread", S.SENDER_ID]].rename(columns={S.SENDER_ID: S.CONTACT_ID}),
        ],
        ignore_index=True,
    )
    threads = pd.Index(pd.unique(messages["thread"]))
    if owner_id is not None:
        thread_people = pd.concat(
            [thread_people, pd.DataFrame({"thread": threads, S.CONTACT_ID: owner_id})], ignore_index=True
        )
    # E2EE backup threads that overlap a cutover thread joined it: same people
    conversation_of = messages.drop_duplicates("thread").set_index("thread")["conversation"]
    joined = thread_people["thread"].map(conversation_of)
    thread_people["thread"] = joined.astype(object).where(joined.notna(), thread_people["thread"])
    return (
        thread_people.drop_duplicates()
        .sort_values(["thread", S.CONTACT_ID], kind="stable")
        .reset_index(drop=True)
    )


def _messages_frame(
    kept: pd.DataFrame, thread_people: pd.DataFrame, platform: str, owner_id: str | None
) -> tuple[pd.DataFrame, pd.Series, pd.Series]:
    """The messages table of the kept messages, the file of each row, and every recipient id (a pair each)."""
    prefix = S.PLATFORM_ID_PREFIX[platform]
    convs = pd.Index(sorted(pd.unique(thread_people["thread"])))
    id_vocab = pd.Index(sorted(pd.unique(thread_people[S.CONTACT_ID].dropna())))
    people_conv = convs.get_indexer(thread_people["thread"])
    people_id = id_vocab.get_indexer(thread_people[S.CONTACT_ID])
    kept_conv = convs.get_indexer(kept["conversation"])
    kept_sender = id_vocab.get_indexer(kept[S.SENDER_ID])
    group_size = np.bincount(people_conv, minlength=len(convs))
    rows, recipients = _recipients(kept_conv, kept_sender, people_conv, people_id, len(convs))
    recipient_ids = pd.Series(id_vocab.to_numpy(dtype=object)[recipients], dtype=object)

    n = len(kept)
    frame = pd.DataFrame(
        {
            S.PLATFORM: S.constant(platform, n),
            S.CONVERSATION_ID: (prefix + kept["conversation"]).astype("string"),
            S.CONVERSATION_TITLE: kept[S.CONVERSATION_TITLE],
            S.SENT_AT: kept[S.SENT_AT],
            S.SENDER_ID: kept[S.SENDER_ID],
            S.SENDER_NAME: kept[S.SENDER_NAME],
            S.SENDER_URL: pd.NA,
            S.RECIPIENT_IDS: _id_lists(rows, recipient_ids, n),
            S.DIRECTION: (
                np.where(kept[S.SENDER_ID].eq(owner_id).fillna(False).to_numpy(), S.SENT, S.RECEIVED)
                if n
                else np.array([], dtype=object)
            ),
            S.IS_GROUP: group_size[kept_conv] >= 3 if n else np.array([], dtype=bool),
            S.IS_SPONSORED: np.zeros(n, dtype=bool),
            S.SUBJECT: pd.NA,
            S.CONTENT: kept[S.CONTENT],
            S.FOLDER: kept[S.FOLDER],
            S.HAS_ATTACHMENT: kept[S.HAS_ATTACHMENT].to_numpy(dtype=bool),
            S.SOURCE_LINE: kept[S.SOURCE_LINE].to_numpy(dtype="int64"),
        }
    )
    order = frame.sort_values([S.CONVERSATION_ID, S.SENT_AT, S.SOURCE_LINE], kind="stable").index.to_numpy()
    files = pd.Series(kept[S.FILE].to_numpy()[order], dtype="string")
    return (
        S.conform(frame.iloc[order], S.MESSAGES_COLUMNS),
        files,
        pd.Series(id_vocab.to_numpy(dtype=object)[recipients], dtype="string"),
    )


def _instagram_ids(ids: pd.DataFrame, owner_key: str | None, prefix: str) -> pd.Series:
    """Instagram ids: in a one-to-one thread folder ``<user name>_<id>`` the other person is the user name."""
    folder = ids["thread"].str.extract(_THREAD_FOLDER.pattern)["user"].str.lower()
    others = ids.loc[ids["key"].ne(owner_key).fillna(True).to_numpy()]
    one_to_one = others.groupby("thread", observed=True)["key"].transform("size").eq(1)
    valid = folder.loc[others.index].str.fullmatch(_IG_USERNAME.pattern).fillna(False)
    user = folder.loc[others.index].where(one_to_one & valid)
    out = ids[S.CONTACT_ID].copy()
    direct = user.dropna()
    out.loc[direct.index] = prefix + direct
    # elsewhere (group threads), a display name known as exactly one user name takes it
    known = pd.DataFrame({"key": ids.loc[direct.index, "key"], "user": direct}).drop_duplicates()
    unique = (
        known.groupby("key", observed=True)["user"]
        .agg(lambda u: u.iloc[0] if len(u) == 1 else pd.NA)
        .dropna()
    )
    rest = out.index.difference(direct.index)
    mapped = ids.loc[rest, "key"].map(unique)
    has = mapped.notna()
    out.loc[mapped.index[has.to_numpy()]] = prefix + mapped[has].astype("string")
    return out.astype("string")


def _e2ee_duplicates(messages: pd.DataFrame, reason: pd.Series, notes: list[str]) -> pd.DataFrame:
    """Mark backup messages that repeat an ``e2ee_cutover`` message.

    A backup thread that overlaps a cutover thread joins its conversation.
    """
    messages = messages.assign(reason=reason, conversation=messages["thread"])
    backup = messages["e2ee"].to_numpy(dtype=bool)
    cutover = messages[S.FOLDER].eq("e2ee_cutover").fillna(False).to_numpy() & reason.isna().to_numpy()
    if not backup.any() or not cutover.any():
        return messages
    key = [S.SENDER_ID, S.SENT_AT, "text"]
    with_text = messages.assign(text=messages[S.CONTENT].fillna(""))
    reference = (
        with_text.loc[cutover, [*key, "thread"]]
        .drop_duplicates(key)
        .rename(columns={"thread": "cutover_thread"})
    )
    probe = with_text.loc[backup, key].reset_index().merge(reference, on=key, how="inner").set_index("index")
    if not len(probe):
        return messages
    messages.loc[probe.index, "reason"] = messages.loc[probe.index, "reason"].fillna(E2EE_DUPLICATE)
    overlap = (
        probe.assign(thread=messages.loc[probe.index, "thread"])
        .groupby("thread")["cutover_thread"]
        .agg(lambda t: t.iloc[0] if t.nunique() == 1 else pd.NA)
        .dropna()
    )
    joins = messages["thread"].map(overlap)
    messages["conversation"] = joins.fillna(messages["thread"]).astype("string")
    notes.append(
        f"{len(probe):,} message(s) of the end-to-end-encrypted chat backup are also in the standard "
        "export's e2ee_cutover section; they were counted once."
    )
    return messages


def _people(
    platform: str,
    connections: pd.DataFrame,
    messages: pd.DataFrame,
    message_ids: pd.Series,
    invitations: pd.DataFrame,
    names_seen: list[pd.DataFrame],
    owner_id: str | None,
) -> pd.DataFrame:
    ids = pd.Series(
        pd.unique(
            pd.concat(
                [connections[S.CONTACT_ID], message_ids, invitations[S.CONTACT_ID]], ignore_index=True
            ).dropna()
        ),
        dtype="string",
    )
    ids = ids[ids.ne(owner_id).to_numpy()] if owner_id is not None else ids
    ids = ids.sort_values(kind="stable").reset_index(drop=True)
    if not len(ids):
        return S.empty_frame(S.PEOPLE_COLUMNS)
    named = (
        pd.concat(names_seen, ignore_index=True).dropna().astype({S.CONTACT_ID: "string", S.NAME: "string"})
    )
    best = (
        named.groupby([S.CONTACT_ID, "priority", S.NAME], observed=True)
        .size()
        .rename("n")
        .reset_index()
        .sort_values(
            [S.CONTACT_ID, "priority", "n", S.NAME], ascending=[True, True, False, True], kind="stable"
        )
        .drop_duplicates(S.CONTACT_ID)
        .set_index(S.CONTACT_ID)[S.NAME]
    )
    handle = ids.str.removeprefix(S.PLATFORM_ID_PREFIX[platform]).where(
        ~ids.str.startswith(S.PLATFORM_ID_PREFIX[platform] + "name:")
        & pd.Series(platform == S.INSTAGRAM, index=ids.index)
    )
    connected = connections.loc[
        connections[S.RELATIONSHIP].isin(S.CONNECTED_RELATIONSHIPS).to_numpy(), S.CONTACT_ID
    ]
    empty_lists = _id_lists(np.array([], dtype=np.int64), pd.Series([], dtype=object), len(ids))
    frame = pd.DataFrame(
        {
            S.CONTACT_ID: ids,
            S.PLATFORM: S.constant(platform, len(ids)),
            S.NAME: ids.map(best).astype("string"),
            S.PROFILE_URL: (_IG_URL + handle).astype("string"),
            S.HANDLE: handle.astype("string"),
            S.EMAILS: empty_lists,
            S.PHONES: empty_lists,
            S.COMPANY: pd.NA,
            S.POSITION: pd.NA,
            S.IS_CONNECTION: ids.isin(connected).to_numpy(dtype=bool),
            S.SEEN_IN: _seen_in(
                ids,
                {
                    "connections": connections[S.CONTACT_ID],
                    "messages": message_ids,
                    "invitations": invitations[S.CONTACT_ID],
                },
            ),
        }
    )
    return S.conform(frame, S.PEOPLE_COLUMNS)


# ---------------------------------------------------------------- read
def read(
    files: Sequence[SourceFile], *, source: str, encoding: str | None = None, owner: Sequence[str] = ()
) -> list[Part]:
    """Read the Meta files of an export into one :class:`~netstats._export.Part` per platform found.

    Parameters
    ----------
    files : sequence of SourceFile
        The files :func:`claim` or :func:`sniff` assigned to this reader
        (``family == 'meta'``), bytes as Meta wrote them.
    source : str
        The path the export was loaded from (kept in ``Part.source``).
    encoding : str, optional
        Decode every file with this encoding instead of UTF-8 (with or without a
        BOM) or UTF-16 with a BOM, the default (:mod:`netstats.sources._decode`).
    owner : sequence of str, optional
        The user's own names (e-mail addresses and phone numbers are ignored
        here): used only when the export names no owner and several people are
        in every thread.

    Returns
    -------
    list of Part
        Facebook first, then Instagram, for the platforms present.

    Raises
    ------
    ExportFormatError
        For an HTML export, a file that is not JSON or not in a Meta shape,
        and an owner that cannot be determined.

    Examples
    --------
    >>> thread = SourceFile(
    ...     "meta_thread", "your_facebook_activity/messages/inbox/annlee_1/message_1.json",
    ...     b'{"participants": [{"name": "Ann Lee"}, {"name": "Zo\\\\u00c3\\\\u00ab"}],'
    ...     b' "messages": [{"sender_name": "Zo\\\\u00c3\\\\u00ab", "timestamp_ms": 1700000000000,'
    ...     b' "content": "Hi"}],'
    ...     b' "title": "Ann Lee"}', "meta")
    >>> profile = SourceFile(
    ...     "facebook_profile", "personal_information/profile_information/profile_information.json",
    ...     b'{"profile_v2": {"name": {"full_name": "Zo\\\\u00c3\\\\u00ab"}}}', "meta")
    >>> [part] = read([thread, profile], source="facebook.zip")
    >>> part.owner.contact_id, part.messages.loc[0, "direction"], part.messages.loc[0, "recipient_ids"]
    ('facebook:name:zoë', 'sent', ['facebook:name:ann lee'])
    """
    _refuse_html(files)
    repairs = _Repairs()
    parsed = [_parse_file(src, encoding, repairs) for src in sorted(files, key=lambda s: _sort_key(s.name))]
    notes: list[str] = []
    _decide_ambiguous(parsed, notes)
    parts = []
    for platform in (S.FACEBOOK, S.INSTAGRAM):
        group = _PlatformFiles(platform)
        for f in parsed:
            if f.platform == platform:
                group.files.setdefault(f.kind, []).append(f)
        if group.files:
            parts.append(_build_part(group, source, owner, list(notes)))
    note = _repairs_note(repairs)
    return [_with_note(p, note) for p in parts] if note else parts


def _refuse_html(files: Sequence[SourceFile]) -> None:
    """Raise for a file of Meta's HTML export (netstats reads the JSON one)."""
    for src in files:
        if claim(src.name) == HTML_EXPORT or src.logical == HTML_EXPORT:
            raise ExportFormatError(
                "this is Meta's HTML export; netstats reads the JSON format",
                file=src.name,
                expected="JSON files (message_1.json, your_friends.json, followers_1.json ...)",
                fix=_HTML_FIX,
            )


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


_KINDS = frozenset(
    {
        FB_FRIENDS,
        FB_REMOVED_FRIENDS,
        FB_SENT_REQUESTS,
        FB_RECEIVED_REQUESTS,
        FB_PROFILE,
        THREAD,
        E2EE_THREAD,
        IG_FOLLOWERS,
        IG_FOLLOWING,
        IG_PENDING,
        IG_PROFILE,
    }
)


def _with_note(part: Part, note: str) -> Part:
    return replace(part, notes=(*part.notes, note))


def _is_e2ee(document: dict) -> bool:
    people = document.get("participants")
    items = document.get("messages")
    strings = isinstance(people, list) and all(isinstance(p, str) for p in people)
    camel = isinstance(items, list) and any(isinstance(m, dict) and "senderName" in m for m in items[:5])
    return "threadName" in document or (strings and camel)


def _sort_key(name: str) -> tuple:
    """Files in path order, message_N.json parts numerically (message_2 before message_10)."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"(\d+)", name.casefold()))


def _decide_ambiguous(parsed: list[_File], notes: list[str]) -> None:
    """Give threads under the old ``messages/`` root the platform of the files beside them."""
    ambiguous = [f for f in parsed if f.platform is None]
    if not ambiguous:
        return
    definite = [f for f in parsed if f.platform is not None]
    by_root: dict[str, set[str]] = {}
    for f in definite:
        by_root.setdefault(_root(f.src.name), set()).add(f.platform)
    everywhere = {f.platform for f in definite}
    defaulted = 0
    for f in ambiguous:
        beside = by_root.get(_root(f.src.name), set())
        if len(beside) == 1:
            f.platform = next(iter(beside))
        elif not beside and len(everywhere) == 1:
            f.platform = next(iter(everywhere))
        else:
            f.platform = S.FACEBOOK
            defaulted += 1
    if defaulted:
        notes.append(
            f"{defaulted:,} message file(s) under the old messages/ folder, which Facebook and Instagram "
            "both used, had no other file of the export to tell which platform they came from; "
            "they were read as Facebook (Messenger)."
        )
