"""Read an X (Twitter) archive: its owner, followers and following, and direct messages.

An X archive ("Settings > Your account > Download an archive of your data") is
a zip of ``data/*.js`` files (2019 archives: at the zip root, with singular
names such as ``direct-message.js``).  Each file is one JavaScript assignment,
``window.YTD.<type>.part<N> = [ ... ]``, whose right-hand side is JSON.  This
module checks that exact prefix and parses the rest with :func:`json.loads`;
nothing is ever evaluated.  Anything before the ``=`` other than the prefix, or
anything after the JSON list, is an :class:`~netstats.ExportFormatError`
(research/threats.md, B5).

What is read (research/linkedin_and_other_export_formats.md, section 3):

* ``account.js``: the owner, ``x:<accountId>``, with the display name;
  ``manifest.js`` (``window.__THAR_CONFIG = {...}``) ``userInfo`` is a second
  source, and its ``archiveInfo.isPartialArchive`` becomes a note.
* ``follower.js`` / ``following.js`` (and their ``-partN.js`` splits): account
  ids only, merged per account into connections with relationship
  ``mutual_follow``, ``follower`` or ``following``; no names, no dates.
* ``direct-messages.js`` (1:1, conversation id ``<idA>-<idB>``) and
  ``direct-messages-group.js`` (participants gathered from
  ``joinConversation.participantsSnapshot``, ``participantsJoin`` /
  ``participantsLeave`` and the senders), with the 2019 singular name and the
  ``-partN.js`` splits; ``direct-message-headers.js`` /
  ``direct-message-group-headers.js`` (the same events without text) only
  when the full file is absent.

Ids stay strings from the JSON to the tables: X ids are 64-bit snowflakes that
a float would corrupt, so a record whose ids are JSON numbers is quarantined.
Every record of every file is accounted for: kept, excluded by a rule (reactions,
welcome messages, group join/leave events, duplicates ...) or quarantined with a
reason; ``rows_read == kept + excluded + quarantined`` per file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .. import schema as S
from .._errors import ExportFormatError, ParameterError
from .._export import Owner, Part
from .._text import regex_matches
from ._archive import ExportRules, SourceFile
from ._decode import decode_head, decode_text
from ._ledger import Ledger

FAMILY = "x"

# ---------------------------------------------------------------- logical kinds
ACCOUNT = "account"
MANIFEST = "manifest"
FOLLOWER = "follower"
FOLLOWING = "following"
DIRECT_MESSAGES = "direct_messages"
DIRECT_MESSAGES_GROUP = "direct_messages_group"
DIRECT_MESSAGE_HEADERS = "direct_message_headers"
DIRECT_MESSAGE_GROUP_HEADERS = "direct_message_group_headers"
# Large data types are split into '<name>-part1.js' ...: each part is one more file of the kind.
REPEATABLE = frozenset(
    {
        FOLLOWER,
        FOLLOWING,
        DIRECT_MESSAGES,
        DIRECT_MESSAGES_GROUP,
        DIRECT_MESSAGE_HEADERS,
        DIRECT_MESSAGE_GROUP_HEADERS,
    }
)
_DM_KINDS = (DIRECT_MESSAGES, DIRECT_MESSAGES_GROUP, DIRECT_MESSAGE_HEADERS, DIRECT_MESSAGE_GROUP_HEADERS)
_GROUP_KINDS = (DIRECT_MESSAGES_GROUP, DIRECT_MESSAGE_GROUP_HEADERS)
_FULL_OF_HEADERS = {
    DIRECT_MESSAGE_HEADERS: DIRECT_MESSAGES,
    DIRECT_MESSAGE_GROUP_HEADERS: DIRECT_MESSAGES_GROUP,
}
# The folder value of the messages of each kind (headers files hold the same conversations).
_FOLDER = {
    DIRECT_MESSAGES: "direct_messages",
    DIRECT_MESSAGE_HEADERS: "direct_messages",
    DIRECT_MESSAGES_GROUP: "direct_messages_group",
    DIRECT_MESSAGE_GROUP_HEADERS: "direct_messages_group",
}
ONE_EXPORT_AT_A_TIME = False  # the files of every path pooled into one read (see _registry.Reader)
EXPORT_RULES = ExportRules()  # nothing beyond the archive layer's own rules

# The JavaScript global names a file may assign (the file name uses hyphens, the global underscores).
_KIND_BY_GLOBAL = {
    "account": ACCOUNT,
    "follower": FOLLOWER,
    "following": FOLLOWING,
    "direct_messages": DIRECT_MESSAGES,
    "direct_message": DIRECT_MESSAGES,  # 2019: root-level direct-message.js
    "direct_messages_group": DIRECT_MESSAGES_GROUP,
    "direct_message_group": DIRECT_MESSAGES_GROUP,
    "direct_message_headers": DIRECT_MESSAGE_HEADERS,
    "direct_message_group_headers": DIRECT_MESSAGE_GROUP_HEADERS,
}
_SINGULAR_GLOBALS = ("direct_message", "direct_message_group")
_KIND_BY_STEM = {
    "account": ACCOUNT,
    "manifest": MANIFEST,
    "follower": FOLLOWER,
    "following": FOLLOWING,
    "direct-messages": DIRECT_MESSAGES,
    "direct-message": DIRECT_MESSAGES,
    "direct-messages-group": DIRECT_MESSAGES_GROUP,
    "direct-message-group": DIRECT_MESSAGES_GROUP,
    "direct-message-headers": DIRECT_MESSAGE_HEADERS,
    "direct-message-group-headers": DIRECT_MESSAGE_GROUP_HEADERS,
}
_FILE_NAME = re.compile(
    r"^(?P<stem>account|manifest|follower|following"
    r"|direct-messages?(?:-group)?|direct-message(?:-group)?-headers)"
    r"(?:-part\d{1,6})?\.js$",
    re.IGNORECASE,
)
# The exact wrappers X writes; only white space may come before them.
_DATA_PREFIX = re.compile(
    r"\A\s*window\.YTD\.(?P<type>[A-Za-z0-9_]{1,80})\.part(?P<part>\d{1,6})[ \t]*=[ \t]*"
)
_MANIFEST_PREFIX = re.compile(r"\A\s*window\.__THAR_CONFIG[ \t]*=[ \t]*")
_EXPECTED_DATA = (
    "the line 'window.YTD.<type>.part<N> = [' followed by a JSON list and nothing else, as X writes it"
)
_EXPECTED_MANIFEST = "'window.__THAR_CONFIG = {' followed by a JSON object and nothing else, as X writes it"
_FIX_FILE = (
    "load the file exactly as it came in the X archive (data/ folder of the zip); do not edit or re-save it"
)
_FIX_OWNER = (
    "load the whole X archive (it holds data/account.js), or say which account is yours with "
    "owner=['<your numeric X account id>'] (netstats.load(..., owner=[...]) or --owner on the command line)"
)

# ---------------------------------------------------------------- events in a dmConversation
_MESSAGE = "messageCreate"
_REACTION = "reactionCreate"  # 2020: reactions as separate items
_WELCOME = "welcomeMessageCreate"
_JOIN = "joinConversation"
_PEOPLE_JOIN = "participantsJoin"
_PEOPLE_LEAVE = "participantsLeave"
_RENAME = "conversationNameUpdate"
_GROUP_EVENTS = (_JOIN, _PEOPLE_JOIN, _PEOPLE_LEAVE, _RENAME)
_KNOWN_EVENTS = (_MESSAGE, _REACTION, _WELCOME, *_GROUP_EVENTS)
_NOT_A_CONVERSATION = "\0conversation"  # markers for records that are not well formed
_NOT_AN_EVENT = "\0event"

_DIGITS = r"^[0-9]{1,20}$"
_ONE_TO_ONE_ID = r"^(?P<a>[0-9]{1,20})-(?P<b>[0-9]{1,20})$"
_ISO_UTC = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,9})?Z$"
# A message text that is nothing but t.co links, on a message with media: the links are the media.
_ONLY_LINKS = r"^\s*(https://t\.co/[A-Za-z0-9]+\s*)*$"
# X launched on 2006-03-21: an earlier time is not a real message time.
_X_LAUNCH = pd.Timestamp("2006-03-21", tz="UTC")
_LATEST_POSSIBLE = pd.Timestamp("2262-04-11", tz="UTC")  # the end of nanosecond timestamps
_RAW_CAP = 2000

# ---------------------------------------------------------------- reasons (a fixed vocabulary)
Q_NOT_JSON_OBJECT = "not a JSON object"
Q_NOT_ACCOUNT = "not an account entry with a string accountId of digits"
Q_NOT_FOLLOW_ENTRY = "not a follow entry (an object holding an accountId)"
Q_ACCOUNT_ID = "accountId is not a string of digits (X writes ids as strings; a number may have lost digits)"
Q_NOT_CONVERSATION = "not a conversation (dmConversation with a string conversationId and a messages list)"
Q_NOT_EVENT = "not an event (an object with exactly one event type holding an object)"
Q_UNKNOWN_EVENT = "unknown event type"
Q_CONVERSATION_ID = "conversationId is not '<id>-<id>' (1:1) or one id (group), as strings of digits"
Q_SENDER_ID = "senderId is not a string of digits (X writes ids as strings; a number may have lost digits)"
Q_RECIPIENT_ID = (
    "recipientId is not a string of digits (X writes ids as strings; a number may have lost digits)"
)
Q_MESSAGE_ID = "message id is not a string of digits (X writes ids as strings; a number may have lost digits)"
Q_PARTICIPANT_IDS = "participant ids are not a list of strings of digits"
Q_TIME = "createdAt is not an ISO-8601 UTC time such as 2021-09-15T06:00:28.597Z"
Q_TIME_RANGE = "createdAt is before X existed (2006-03-21) or after the archive was made"
Q_TEXT = "text is not a string"
Q_MEDIA = "mediaUrls is not a list"
Q_NOT_IN_CONVERSATION = "sender and recipient are not the two accounts of the conversation id"
Q_NOT_OWNERS = "the conversation does not include the archive owner"
Q_MANIFEST = "manifest without a userInfo or archiveInfo object"
X_REACTION = "reaction, not a message"
X_WELCOME = "welcome message (an automatic greeting), not a message"
X_GROUP_EVENT = "group event (members joined or left, or the group was renamed), not a message"
X_DUPLICATE_MESSAGE = "duplicate message id (already read from another file or part)"
X_DUPLICATE_ENTRY = "duplicate entry (the account is already listed)"
X_HEADERS = "header copy of a message (the full direct-messages file was read)"

NOTE_FOLLOW_IDS = (
    "X follower and following lists hold account ids only: X connections have no name and no "
    "connected_on date."
)
NOTE_NAMES = "The X archive names only its owner: every other account appears by its account id (x:<id>)."
NOTE_PARTIAL = (
    "X marked this archive as partial (manifest.js archiveInfo.isPartialArchive): some data may be "
    "missing; request the full archive for complete results."
)
NOTE_HEADERS = (
    "The X archive holds only direct-message headers for {what} (who wrote to whom, and when): "
    "their content is empty (NA)."
)
NOTE_MISSING_FILES = (
    "manifest.js lists {n} X file(s) that are not in the export ({names}): the archive may be incomplete."
)
NOTE_GROUP_MEMBERS = (
    "X group messages: the recipients are the accounts that were members when each message was sent, "
    "replayed from the archive's join and leave events (an account seen only as a sender counts as a "
    "member throughout)."
)


# ---------------------------------------------------------------- the reader interface
def claim(name: str) -> str | None:
    """Return the logical kind of an archive member this reader reads, judged by its path, else None.

    Parameters
    ----------
    name : str
        The member path inside the archive (or the path relative to a folder).

    Returns
    -------
    str or None
        One of ``'account'``, ``'manifest'``, ``'follower'``, ``'following'``,
        ``'direct_messages'``, ``'direct_messages_group'``,
        ``'direct_message_headers'``, ``'direct_message_group_headers'``.

    Examples
    --------
    >>> claim("twitter-2023-08-01/data/direct-messages-part1.js")
    'direct_messages'
    >>> claim("direct-message.js"), claim("data/tweets.js"), claim("Connections.csv")
    ('direct_messages', None, None)
    """
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    match = _FILE_NAME.match(base)
    return _KIND_BY_STEM[match.group("stem").lower()] if match else None


def sniff(head: bytes) -> str | None:
    """Return the logical kind of an unclaimed file judged from its first bytes, else None.

    Only the X wrappers are recognised: ``window.YTD.<type>.part<N> =`` for the
    data types this reader reads, and ``window.__THAR_CONFIG =`` (the manifest).

    Parameters
    ----------
    head : bytes
        The first 4096 bytes of the file.

    Examples
    --------
    >>> sniff(b'window.YTD.follower.part0 = [ {\\n  "follower" : {')
    'follower'
    >>> sniff(b"window.YTD.tweets.part0 = [ ]"), sniff(b"First Name,Last Name,URL")
    (None, None)
    """
    text = decode_head(head[:4096])
    if _MANIFEST_PREFIX.match(text):
        return MANIFEST
    match = _DATA_PREFIX.match(text)
    return _KIND_BY_GLOBAL.get(match.group("type")) if match else None


def read(
    files: Sequence[SourceFile], *, source: str, encoding: str | None = None, owner: Sequence[str] = ()
) -> list[Part]:
    """Read the files of one X archive into one :class:`~netstats._export.Part`.

    Parameters
    ----------
    files : sequence of SourceFile
        The archive's files this reader claimed (``family == 'x'``), as raw bytes.
    source : str
        The path the files came from (kept in ``Part.source``).
    encoding : str, optional
        Decode every file with this encoding instead of UTF-8 (with or without a
        BOM) or UTF-16 with a BOM, the default (X writes UTF-8).
    owner : sequence of str, optional
        Used only when the archive holds neither ``account.js`` nor ``manifest.js``:
        the owner's numeric account id (``'12345'`` or ``'x:12345'``).

    Returns
    -------
    list of Part
        One part with ``platform == 'x'``, or an empty list when ``files`` is empty.

    Raises
    ------
    ExportFormatError
        A file is not the JavaScript-wrapped JSON X writes (code before or after
        the JSON, malformed JSON, wrong top-level type), or the owner cannot be
        determined.

    Examples
    --------
    >>> from netstats.sources._archive import SourceFile
    >>> account = SourceFile("account", "data/account.js", b'window.YTD.account.part0 = [ {"account" : '
    ...     b'{"accountId" : "42", "username" : "ann", "accountDisplayName" : "Ann"} } ]', "x")
    >>> dms = SourceFile("direct_messages", "data/direct-messages.js", b'window.YTD.direct_messages.part0 = '
    ...     b'[ {"dmConversation" : {"conversationId" : "7-42", "messages" : [ {"messageCreate" : '
    ...     b'{"recipientId" : "42", "text" : "Hi Ann", "mediaUrls" : [ ], "senderId" : "7", '
    ...     b'"id" : "1453912894734520321", "createdAt" : "2023-05-01T10:00:00.000Z"} } ] } } ]', "x")
    >>> [part] = read([account, dms], source="archive.zip")
    >>> part.owner.contact_id, part.owner.name
    ('x:42', 'Ann')
    >>> part.messages[["conversation_id", "sender_id", "direction", "content"]].values.tolist()
    [['x:7-42', 'x:7', 'received', 'Hi Ann']]
    """
    if isinstance(owner, str):
        raise ParameterError(
            "owner must be a list of identifiers, not one string", expected="a list such as ['12345']"
        )
    if not files:
        return []
    parsed = sorted((_parse(f, encoding) for f in files), key=lambda p: (p.kind, p.part, p.name))
    by_kind: dict[str, list[_File]] = {}
    for p in parsed:
        by_kind.setdefault(p.kind, []).append(p)

    books = _Books()
    notes: list[str] = []
    manifest = _read_manifest(by_kind.get(MANIFEST, []), books, notes, [f.name for f in files])
    account = _read_account(by_kind.get(ACCOUNT, []), books)
    follows = _read_follows(by_kind, books)
    events = _flatten_events([p for kind in _DM_KINDS for p in by_kind.get(kind, [])])
    owner_record = _find_owner(account, manifest, owner, events)
    # A message dated after the archive was made is absurd; without a manifest, after 2262 is.
    upper = manifest.generated + pd.Timedelta(days=1) if manifest.generated is not None else _LATEST_POSSIBLE
    messages = _read_messages(events, owner_record, upper, books)
    connections = _connections(follows)
    people = _people(connections, messages, owner_record.contact_id)

    if len(follows):
        notes.append(NOTE_FOLLOW_IDS)
    if len(people):
        notes.append(NOTE_NAMES)
    headers_only = [h for h, full in _FULL_OF_HEADERS.items() if h in by_kind and full not in by_kind]
    if headers_only:
        what = " and ".join(
            "1:1 conversations" if h == DIRECT_MESSAGE_HEADERS else "group conversations"
            for h in headers_only
        )
        notes.append(NOTE_HEADERS.format(what=what))
    if messages[S.IS_GROUP].any():
        notes.append(NOTE_GROUP_MEMBERS)
    dated = [
        t for t in (messages[S.SENT_AT].max() if len(messages) else None, account.created) if t is not None
    ]
    return [
        Part(
            platform=S.X,
            source=source,
            connections=connections,
            messages=messages,
            invitations=S.empty_frame(S.INVITATIONS_COLUMNS, S.INVITATIONS_DTYPES),
            people=people,
            owner=owner_record,
            ledger=books.ledger(),
            excluded=books.excluded_frame(),
            quarantine=books.quarantine_frame(),
            notes=tuple(dict.fromkeys(notes)),
            # the archive's generation date when manifest.js gives it, else the newest dated record
            latest=manifest.generated if manifest.generated is not None else (max(dated) if dated else None),
        )
    ]


# ---------------------------------------------------------------- parsing one file
@dataclass(frozen=True)
class _File:
    name: str
    kind: str
    part: int
    data: Any  # the parsed JSON: a list (data files) or a dict (manifest)
    singular: bool  # the 2019 singular global name (direct_message)


def _parse(file: SourceFile, encoding: str | None) -> _File:
    """Check the JavaScript wrapper of one file and parse the JSON after it (never evaluated)."""
    name = file.name
    text = decode_text(
        file, encoding, expected="UTF-8 text, as X writes its archive", fix=_FIX_FILE + ", or pass encoding="
    )
    manifest = _MANIFEST_PREFIX.match(text)
    match = manifest or _DATA_PREFIX.match(text)
    if match is None:
        expected = _EXPECTED_MANIFEST if claim(name) == MANIFEST else _EXPECTED_DATA
        raise ExportFormatError(
            "the file does not start with the X archive wrapper (something else comes before the '=')",
            file=name,
            line=1,
            expected=expected,
            fix=_FIX_FILE,
        )
    if manifest:
        kind, part, singular = MANIFEST, 0, False
    else:
        global_type = match.group("type")
        kind = _KIND_BY_GLOBAL.get(global_type)
        if kind is None:
            raise ExportFormatError(
                "the file holds an X data type netstats does not read",
                file=name,
                line=1,
                expected="account, follower, following or direct messages (window.YTD.<type>.part<N>)",
                fix="leave the file in the archive; netstats picks the files it reads itself",
            )
        part, singular = int(match.group("part")), global_type in _SINGULAR_GLOBALS
    start = match.end()
    try:
        data = json.loads(text[start:])
    except json.JSONDecodeError as err:
        line = text.count("\n", 0, start + err.pos) + 1
        trailing = err.msg == "Extra data"
        raise ExportFormatError(
            "there is code after the JSON (it is never run)" if trailing else f"malformed JSON ({err.msg})",
            file=name,
            line=line,
            expected=_EXPECTED_MANIFEST if manifest else _EXPECTED_DATA,
            fix=_FIX_FILE,
        ) from None
    except RecursionError:
        raise ExportFormatError(
            "the JSON is nested too deeply to be an X archive file",
            file=name,
            expected=_EXPECTED_MANIFEST if manifest else _EXPECTED_DATA,
            fix=_FIX_FILE,
        ) from None
    wanted = dict if manifest else list
    if type(data) is not wanted:
        raise ExportFormatError(
            f"the JSON after the '=' is not {'an object' if manifest else 'a list'}",
            file=name,
            line=text.count("\n", 0, start) + 1,
            expected=_EXPECTED_MANIFEST if manifest else _EXPECTED_DATA,
            fix=_FIX_FILE,
        )
    return _File(name=name, kind=kind, part=part, data=data, singular=singular)


# ---------------------------------------------------------------- bookkeeping
class _Books:
    """The ledger rows and the excluded and quarantined records of one archive."""

    def __init__(self) -> None:
        self.books = Ledger(S.X)
        self.excluded: list[pd.DataFrame] = []
        self.quarantined: list[pd.DataFrame] = []

    def add(
        self,
        name: str,
        era: str,
        rows_read: int,
        kept: int,
        excluded: pd.DataFrame,
        quarantined: pd.DataFrame,
    ) -> None:
        """Record one file; its counts must balance."""
        n_excluded, n_quarantined = len(excluded), len(quarantined)
        self.books.add(
            name, era, rows_read=rows_read, kept=kept, excluded=n_excluded, quarantined=n_quarantined
        )
        if n_excluded:
            self.excluded.append(excluded.assign(**{S.PLATFORM: S.X, S.FILE: name}))
        if n_quarantined:
            self.quarantined.append(quarantined.assign(**{S.PLATFORM: S.X, S.FILE: name}))

    def ledger(self) -> pd.DataFrame:
        return self.books.frame(by_file=True)

    def excluded_frame(self) -> pd.DataFrame:
        return self._frame(self.excluded, S.EXCLUDED_COLUMNS)

    def quarantine_frame(self) -> pd.DataFrame:
        return self._frame(self.quarantined, S.QUARANTINE_COLUMNS)

    @staticmethod
    def _frame(parts: list[pd.DataFrame], columns: tuple[str, ...]) -> pd.DataFrame:
        if not parts:
            return S.empty_frame(columns)
        return S.conform(
            pd.concat(parts, ignore_index=True).sort_values([S.FILE, S.LINE], kind="stable"), columns
        )


def _excluded(lines: np.ndarray, reasons: np.ndarray) -> pd.DataFrame:
    return pd.DataFrame(
        {S.LINE: np.asarray(lines, dtype="int64"), S.REASON: pd.array(list(reasons), dtype=S.STRING)}
    )


def _quarantined(lines: np.ndarray, reasons: np.ndarray, raws: Sequence[Any]) -> pd.DataFrame:
    frame = _excluded(lines, reasons)
    frame[S.RAW] = pd.array([_raw_text(r) for r in raws], dtype=S.STRING)
    return frame


def _raw_text(value: Any) -> str:
    """A record as JSON text, capped at 2,000 characters (a record can be one huge string)."""
    if type(value) is str:
        value = value[: _RAW_CAP + 2]
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (RecursionError, ValueError):
        text = "<too deeply nested to show>"
    return text[:_RAW_CAP]


def _strings(values: Sequence[Any]) -> tuple[pa.Array, np.ndarray]:
    """JSON values as a string array (null unless a string), and the mask of present non-strings."""
    n = len(values)
    is_text = np.fromiter((type(v) is str for v in values), dtype=bool, count=n)
    missing = np.fromiter((v is None for v in values), dtype=bool, count=n)
    array = pa.array([v if t else None for v, t in zip(values, is_text, strict=True)], type=pa.large_string())
    return array, ~(missing | is_text)


def _is_in(values: pd.Series | pd.Index, pool: Sequence[str] | pd.Series) -> np.ndarray:
    """Vectorised membership of text values (pandas' isin on arrow strings converts the pool one by one)."""

    def arrow(texts) -> pa.Array:
        if isinstance(texts, (pd.Series, pd.Index)):
            texts = texts.to_numpy(dtype=object, na_value=None)
        return pa.array(texts, type=pa.large_string())

    return pc.fill_null(pc.is_in(arrow(values), value_set=arrow(pool)), False).to_numpy(zero_copy_only=False)


def _equal(left: pa.Array, right: pa.Array) -> np.ndarray:
    return pc.fill_null(pc.equal(left, right), False).to_numpy(zero_copy_only=False)


def _first_reason(conditions: list[tuple[np.ndarray, str]], n: int) -> np.ndarray:
    """Per record, the reason of the first condition that holds, else ''."""
    if not conditions or n == 0:
        return np.full(n, "", dtype=object)
    return np.select([c for c, _ in conditions], [r for _, r in conditions], default="").astype(object)


def _stamp(value: Any, upper: pd.Timestamp = _LATEST_POSSIBLE) -> pd.Timestamp | None:
    """One ISO-8601 UTC time from the archive's metadata, or None when it is not one or absurd."""
    if type(value) is not str or not re.fullmatch(_ISO_UTC, value):
        return None
    try:
        stamp = pd.Timestamp(value)
    except ValueError:
        return None
    return stamp if _X_LAUNCH <= stamp < upper else None


# ---------------------------------------------------------------- manifest and account
@dataclass(frozen=True)
class _Manifest:
    account_id: str | None = None
    name: str | None = None
    generated: pd.Timestamp | None = None


def _read_manifest(files: list[_File], books: _Books, notes: list[str], names: list[str]) -> _Manifest:
    """Owner, archive date and completeness from manifest.js (one record)."""
    if len(files) > 1:
        raise ExportFormatError(
            "two manifest.js files: two X archives are mixed",
            file=files[1].name,
            expected="one X archive",
            fix="load each X archive on its own",
        )
    if not files:
        return _Manifest()
    file = files[0]
    config = file.data
    user, info = config.get("userInfo"), config.get("archiveInfo")
    usable = type(user) is dict or type(info) is dict
    no_lines = np.array([], dtype="int64")
    quarantined = (
        _quarantined(no_lines, np.array([], dtype=object), [])
        if usable
        else _quarantined(np.array([1]), np.array([Q_MANIFEST], dtype=object), [config])
    )
    books.add(
        file.name, "2020+", 1, int(usable), _excluded(no_lines, np.array([], dtype=object)), quarantined
    )
    user = user if type(user) is dict else {}
    info = info if type(info) is dict else {}
    account_id = user.get("accountId")
    name = user.get("displayName")
    if info.get("isPartialArchive") is True:
        notes.append(NOTE_PARTIAL)
    missing = _missing_listed_files(config.get("dataTypes"), names)
    if missing:
        shown = ", ".join(missing[:5]) + (", ..." if len(missing) > 5 else "")
        notes.append(NOTE_MISSING_FILES.format(n=len(missing), names=shown))
    return _Manifest(
        account_id=account_id if type(account_id) is str and re.fullmatch(_DIGITS, account_id) else None,
        name=name if type(name) is str and name.strip() else None,
        generated=_stamp(info.get("generationDate")),
    )


def _base_name(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[-1]


def _missing_listed_files(data_types: Any, names: list[str]) -> list[str]:
    """Files of the data types read here that manifest.js lists and the export lacks (by base name)."""
    if type(data_types) is not dict:
        return []
    present = {_base_name(n).casefold() for n in names}
    missing = set()
    for entry in data_types.values():
        listed = entry.get("files") if type(entry) is dict else None
        for item in listed if type(listed) is list else []:
            file_name = item.get("fileName") if type(item) is dict else None
            if (
                type(file_name) is str
                and claim(file_name) is not None
                and _base_name(file_name).casefold() not in present
            ):
                missing.add(_base_name(file_name)[:80])
    return sorted(missing)


@dataclass(frozen=True)
class _Account:
    account_id: str | None = None
    name: str | None = None
    created: pd.Timestamp | None = None


def _read_account(files: list[_File], books: _Books) -> _Account:
    """The owner from account.js: ``[{"account": {"accountId", "username", "accountDisplayName", ...}}]``."""
    found: dict[str, _Account] = {}
    for file in files:
        items = file.data
        n = len(items)
        bodies = [item.get("account") if type(item) is dict else None for item in items]
        ids, _ = _strings([b.get("accountId") if type(b) is dict else None for b in bodies])
        valid = regex_matches(ids, _DIGITS)
        lines = np.arange(1, n + 1)
        bad = np.flatnonzero(~valid)
        # 2019 archives have account.js at the zip root, later ones in data/.
        era = "2020+" if "/data/" in "/" + file.name.replace("\\", "/").lower() else "2019"
        books.add(
            file.name,
            era,
            n,
            int(valid.sum()),
            _excluded(lines[:0], np.array([], dtype=object)),
            _quarantined(lines[bad], np.full(len(bad), Q_NOT_ACCOUNT, dtype=object), [items[i] for i in bad]),
        )
        for i in np.flatnonzero(valid):
            body = bodies[i]
            name = body.get("accountDisplayName")
            account_id = ids[int(i)].as_py()
            found.setdefault(
                account_id,
                _Account(
                    account_id=account_id,
                    name=name if type(name) is str and name.strip() else None,
                    created=_stamp(body.get("createdAt")),
                ),
            )
    if len(found) > 1:
        raise ExportFormatError(
            "account.js names more than one account: two X archives are mixed",
            file=files[-1].name,
            expected="one account entry",
            fix="load each X archive on its own",
        )
    return next(iter(found.values())) if found else _Account()


# ---------------------------------------------------------------- followers and following
def _read_follows(files_by_kind: dict[str, list[_File]], books: _Books) -> pd.DataFrame:
    """The follow entries kept: one row per (account id, list), columns ``id``, ``kind``, ``line``."""
    kept = []
    for kind in (FOLLOWER, FOLLOWING):
        seen: set[str] = set()
        for file in files_by_kind.get(kind, []):
            items = file.data
            n = len(items)
            bodies = [item.get(kind) if type(item) is dict else None for item in items]
            is_entry = np.fromiter((type(b) is dict for b in bodies), dtype=bool, count=n)
            ids, _ = _strings([b.get("accountId") if type(b) is dict else None for b in bodies])
            reason = _first_reason(
                [(~is_entry, Q_NOT_FOLLOW_ENTRY), (~regex_matches(ids, _DIGITS), Q_ACCOUNT_ID)], n
            )
            ok = reason == ""
            lines = np.arange(1, n + 1)
            entries = pd.DataFrame({"id": pd.array(ids, dtype=S.STRING), S.LINE: lines}).loc[ok]
            first = ~entries["id"].duplicated().to_numpy() & ~_is_in(entries["id"], list(seen))
            seen.update(entries["id"].tolist())
            bad = np.flatnonzero(~ok)
            has_link = any(type(b) is dict and "userLink" in b for b in bodies)
            books.add(
                file.name,
                "2020+" if has_link or n == 0 else "2019",  # 2019 entries hold only accountId
                n,
                int(first.sum()),
                _excluded(
                    entries.loc[~first, S.LINE].to_numpy(),
                    np.full(int((~first).sum()), X_DUPLICATE_ENTRY, dtype=object),
                ),
                _quarantined(lines[bad], reason[bad], [items[i] for i in bad]),
            )
            kept.append(entries.loc[first].assign(kind=kind))
    if not kept:
        return pd.DataFrame(
            {"id": pd.array([], dtype=S.STRING), S.LINE: np.array([], dtype="int64"), "kind": []}
        )
    return pd.concat(kept, ignore_index=True)


def _connections(follows: pd.DataFrame) -> pd.DataFrame:
    """Followers and following merged per account: mutual_follow, follower or following."""
    if not len(follows):
        return S.empty_frame(S.CONNECTIONS_COLUMNS)
    flags = follows.assign(
        follower=follows["kind"].eq(FOLLOWER),
        following=follows["kind"].eq(FOLLOWING),
        # the line of the follower entry when there is one, else of the following entry
        order=np.where(follows["kind"].eq(FOLLOWER), 0, 1),
    ).sort_values(["id", "order", S.LINE], kind="stable")
    per_account = flags.groupby("id", sort=True, observed=True).agg(
        follower=("follower", "any"), following=("following", "any"), line=(S.LINE, "first")
    )
    both = per_account["follower"].to_numpy() & per_account["following"].to_numpy()
    relationship = np.select(
        [both, per_account["follower"].to_numpy()],
        [S.REL_MUTUAL_FOLLOW, S.REL_FOLLOWER],
        default=S.REL_FOLLOWING,
    )
    n = len(per_account)
    nothing = pd.array([pd.NA] * n, dtype=S.STRING)
    frame = pd.DataFrame(
        {
            S.PLATFORM: pd.array([S.X] * n, dtype=S.STRING),
            S.CONTACT_ID: ("x:" + per_account.index.to_series().astype(S.STRING)).to_numpy(),
            S.NAME: nothing,
            S.FIRST_NAME: nothing,
            S.LAST_NAME: nothing,
            S.PROFILE_URL: nothing,
            S.EMAIL: nothing,
            S.MEMBER_URN: nothing,
            S.COMPANY: nothing,
            S.POSITION: nothing,
            S.CONNECTED_ON: np.full(n, np.datetime64("NaT"), dtype="datetime64[ns]"),
            S.RELATIONSHIP: pd.array(relationship, dtype=S.STRING),
            S.SOURCE_LINE: per_account["line"].to_numpy(dtype="int64"),
        }
    )
    return S.conform(frame, S.CONNECTIONS_COLUMNS)


# ---------------------------------------------------------------- direct messages: flattening
@dataclass
class _Events:
    """Every record of the direct-message files, flattened: one per event (or malformed conversation)."""

    files: list[_File]
    file_no: np.ndarray  # index into files
    line: np.ndarray  # 1-based position of the record in its file
    etype: np.ndarray  # event type, or a marker for a malformed record
    conv: pa.Array  # conversationId (null for a malformed conversation)
    raw: list[Any]
    sender: pa.Array
    sender_wrong: np.ndarray
    recipient: pa.Array
    recipient_wrong: np.ndarray
    message_id: pa.Array
    created: pa.Array
    text: pa.Array
    text_wrong: np.ndarray
    n_media: np.ndarray  # -1: mediaUrls present but not a list
    modern: np.ndarray  # a messageCreate with the 2023 keys (reactions, urls)
    # group events: who they name (record index, id) and whether an id list is malformed
    member_record: np.ndarray
    member_id: pa.Array
    member_joined: np.ndarray  # False: the event says the account left
    members_wrong: np.ndarray
    title: pa.Array  # conversationNameUpdate name


def _flatten_events(files: list[_File]) -> _Events:
    """Flatten the ``dmConversation`` lists of every direct-message file (the only per-event Python)."""
    file_no, line, etype, conv, body, raw = _event_records(files)

    def field(key: str) -> list[Any]:
        return [b.get(key) if b is not None else None for b in body]

    sender, sender_wrong = _strings(field("senderId"))
    recipient, recipient_wrong = _strings(field("recipientId"))
    message_id, _ = _strings(field("id"))
    created, _ = _strings(field("createdAt"))
    text, text_wrong = _strings(field("text"))
    media = field("mediaUrls")
    n_media = np.fromiter(
        (0 if m is None else len(m) if type(m) is list else -1 for m in media),
        dtype="int64",
        count=len(media),
    )
    modern = np.fromiter(
        (b is not None and ("reactions" in b or "urls" in b) for b in body), dtype=bool, count=len(body)
    )

    member_record_arr, member_ids, member_joined, members_wrong, title = _group_members(etype, body)
    return _Events(
        files=files,
        file_no=np.asarray(file_no, dtype="int64"),
        line=np.asarray(line, dtype="int64"),
        etype=np.asarray(etype, dtype=object),
        conv=pa.array(conv, type=pa.large_string()),
        raw=raw,
        sender=sender,
        sender_wrong=sender_wrong,
        recipient=recipient,
        recipient_wrong=recipient_wrong,
        message_id=message_id,
        created=created,
        text=text,
        text_wrong=text_wrong,
        n_media=n_media,
        modern=modern,
        member_record=member_record_arr,
        member_id=member_ids,
        member_joined=member_joined,
        members_wrong=members_wrong,
        title=title,
    )


def _event_records(
    files: list[_File],
) -> tuple[list[int], list[int], list[str], list[str | None], list[dict | None], list[Any]]:
    """One entry per event of every conversation (or per item that is not one).

    Each entry: file, line, type, conversation, body, raw.
    """
    file_no: list[int] = []
    line: list[int] = []
    etype: list[str] = []
    conv: list[str | None] = []
    body: list[dict | None] = []
    raw: list[Any] = []
    for k, file in enumerate(files):
        start = len(etype)
        for item in file.data:
            content = item.get("dmConversation") if type(item) is dict else None
            cid = content.get("conversationId") if type(content) is dict else None
            events = content.get("messages") if type(content) is dict else None
            if type(cid) is not str or type(events) is not list:
                etype.append(_NOT_A_CONVERSATION), conv.append(None), body.append(None), raw.append(item)
                continue
            for event in events:
                kind, value = (
                    next(iter(event.items())) if type(event) is dict and len(event) == 1 else (None, None)
                )
                ok = type(value) is dict and type(kind) is str
                (
                    etype.append(kind if ok else _NOT_AN_EVENT),
                    conv.append(cid),
                    body.append(value if ok else None),
                    raw.append(event),
                )
        count = len(etype) - start
        file_no.extend([k] * count)
        line.extend(range(1, count + 1))
    return file_no, line, etype, conv, body, raw


def _group_members(
    etype: list[str], body: list[dict | None]
) -> tuple[np.ndarray, pa.Array, np.ndarray, np.ndarray, pa.Array]:
    """Who joined or left in each group event (record, id, joined), events naming members wrongly, renames."""
    member_record: list[int] = []
    member_id: list[Any] = []
    member_joined: list[bool] = []
    members_wrong = np.zeros(len(etype), dtype=bool)
    titles: list[Any] = [None] * len(etype)
    for i in (i for i, t in enumerate(etype) if t in _GROUP_EVENTS):
        value = body[i]
        lists = {_JOIN: ["participantsSnapshot"], _PEOPLE_JOIN: ["userIds"], _PEOPLE_LEAVE: ["userIds"]}.get(
            etype[i], []
        )
        named: list[Any] = []
        for key in lists:
            ids = value.get(key)
            if type(ids) is list:
                named.extend(ids)
            else:
                members_wrong[i] = True
        member_joined.extend([etype[i] != _PEOPLE_LEAVE] * len(named))
        if value.get("initiatingUserId") is not None:  # whoever acts in a group is a member
            named.append(value.get("initiatingUserId"))
            member_joined.append(True)
        member_record.extend([i] * len(named))
        member_id.extend(named)
        if etype[i] == _RENAME:
            titles[i] = value.get("name")
    member_ids, member_id_wrong = _strings(member_id)
    member_record_arr = np.asarray(member_record, dtype="int64")
    bad_member = member_id_wrong | ~regex_matches(member_ids, _DIGITS)
    members_wrong[member_record_arr[bad_member]] = True
    title, _ = _strings(titles)
    return member_record_arr, member_ids, np.asarray(member_joined, dtype=bool), members_wrong, title


# ---------------------------------------------------------------- the owner
def _find_owner(account: _Account, manifest: _Manifest, given: Sequence[str], events: _Events) -> Owner:
    """The owner: account.js, else manifest.js, else owner=, else the one account in every conversation."""
    if account.account_id and manifest.account_id and account.account_id != manifest.account_id:
        raise ExportFormatError(
            "account.js and manifest.js name different accounts: two X archives are mixed",
            file="manifest.js",
            expected="one X archive",
            fix="load each X archive on its own",
        )
    name = account.name or manifest.name
    if account.account_id:
        return Owner(
            name=name, profile_url=None, contact_id=f"x:{account.account_id}", found_by="account.js accountId"
        )
    if manifest.account_id:
        return Owner(
            name=name,
            profile_url=None,
            contact_id=f"x:{manifest.account_id}",
            found_by="manifest.js userInfo accountId",
        )
    members = _conversation_members(events)
    candidates = [g.strip().removeprefix("x:") for g in given if isinstance(g, str)]
    candidates = [c for c in dict.fromkeys(candidates) if re.fullmatch(_DIGITS, c)]
    in_conversations = [c for c in candidates if c in set(members["id"])]
    chosen = in_conversations if in_conversations else candidates
    if len(chosen) == 1:
        return Owner(
            name=None, profile_url=None, contact_id=f"x:{chosen[0]}", found_by="owner= given by the user"
        )
    if len(members) and not candidates:
        n_conversations = members["conv"].nunique()
        per_id = members.groupby("id", observed=True)["conv"].nunique()
        common = per_id.index[per_id.to_numpy() == n_conversations]
        if len(common) == 1:
            return Owner(
                name=None,
                profile_url=None,
                contact_id=f"x:{common[0]}",
                found_by="the only account in every conversation",
            )
    raise ExportFormatError(
        "the X archive does not say whose it is (no account.js or manifest.js, and no single account in "
        "every conversation)"
        if not candidates
        else "several of the owner= ids given are in the X archive",
        file=events.files[0].name if events.files else None,
        expected="data/account.js or data/manifest.js from the same archive",
        fix=_FIX_OWNER,
    )


def _conversation_members(events: _Events) -> pd.DataFrame:
    """Every (conversation, account id) the records name: the two ids of a 1:1 id, group members, senders."""
    is_group = np.isin(
        np.array([f.kind for f in events.files] or [""], dtype=object)[events.file_no], _GROUP_KINDS
    )
    pair = pc.extract_regex(events.conv, _ONE_TO_ONE_ID)
    one_to_one = ~is_group & regex_matches(events.conv, _ONE_TO_ONE_ID)
    conv = events.conv
    parts = [
        pd.DataFrame(
            {
                "conv": conv.filter(pa.array(one_to_one)),
                "id": pc.struct_field(pair, "a").filter(pa.array(one_to_one)),
            }
        ),
        pd.DataFrame(
            {
                "conv": conv.filter(pa.array(one_to_one)),
                "id": pc.struct_field(pair, "b").filter(pa.array(one_to_one)),
            }
        ),
    ]
    group_sender = is_group & regex_matches(events.sender, _DIGITS) & (events.etype == _MESSAGE)
    parts.append(
        pd.DataFrame(
            {"conv": conv.filter(pa.array(group_sender)), "id": events.sender.filter(pa.array(group_sender))}
        )
    )
    good_member = regex_matches(events.member_id, _DIGITS)
    records = events.member_record[good_member]
    parts.append(
        pd.DataFrame(
            {"conv": conv.take(pa.array(records)), "id": events.member_id.filter(pa.array(good_member))}
        )
    )
    members = pd.concat([p.astype(S.STRING) for p in parts], ignore_index=True).dropna().drop_duplicates()
    return members.reset_index(drop=True)


# ---------------------------------------------------------------- direct messages: the table
def _read_messages(events: _Events, owner: Owner, upper: pd.Timestamp, books: _Books) -> pd.DataFrame:
    """Validate every flattened record, account for it per file, and build the messages table."""
    owner_id = owner.contact_id.removeprefix("x:")
    reason, times, is_group = _record_reasons(events, owner_id, upper)
    # A message id read twice (a part listed twice, or a 2019 and a later file) is kept once.
    candidate = reason == ""
    ids = pd.Series(pd.array(events.message_id, dtype=S.STRING))
    duplicate = candidate & ids.where(candidate).duplicated().to_numpy() & ids.notna().to_numpy()
    reason = np.where(duplicate, X_DUPLICATE_MESSAGE, reason)
    kept = reason == ""
    _account_dm_files(events, reason, books)

    valid_event = reason == X_GROUP_EVENT
    membership = _membership_events(events, valid_event, kept & is_group, times, owner_id)
    # is_group: the conversation has 3+ participants over its life, the owner included
    size = membership.drop_duplicates(["conv", "id"]).groupby("conv", observed=True).size() + 1
    titles = _group_titles(events, valid_event, times)
    return _messages_frame(events, np.flatnonzero(kept), is_group, times, membership, size, titles, owner)


def _record_reasons(
    events: _Events, owner_id: str, upper: pd.Timestamp
) -> tuple[np.ndarray, pd.Series, np.ndarray]:
    """Why each record is excluded or quarantined ('' to keep), its time, and if it is in a group file."""
    files = events.files
    n = len(events.etype)
    kinds = np.array([f.kind for f in files] or [""], dtype=object)[events.file_no]
    present = {f.kind for f in files}
    # A headers file is read only when its full file is absent.
    skipped = np.isin(kinds, [h for h, full in _FULL_OF_HEADERS.items() if full in present])
    is_group = np.isin(kinds, _GROUP_KINDS)
    etype = events.etype
    is_message = etype == _MESSAGE
    conv_ok = np.where(
        is_group, regex_matches(events.conv, _DIGITS), regex_matches(events.conv, _ONE_TO_ONE_ID)
    )
    sender_ok = regex_matches(events.sender, _DIGITS)
    recipient_ok = regex_matches(events.recipient, _DIGITS)
    time_ok = regex_matches(events.created, _ISO_UTC)
    times = pd.to_datetime(
        pd.Series(pd.array(events.created, dtype=S.STRING)).where(time_ok),
        format="ISO8601",
        utc=True,
        errors="coerce",
    )
    time_ok &= times.notna().to_numpy()
    in_range = ((times >= _X_LAUNCH) & (times < upper)).fillna(False).to_numpy(dtype=bool)
    pair = pc.extract_regex(events.conv, _ONE_TO_ONE_ID)
    first, second = pc.struct_field(pair, "a"), pc.struct_field(pair, "b")
    pair_ok = (_equal(events.sender, first) & _equal(events.recipient, second)) | (
        _equal(events.sender, second) & _equal(events.recipient, first)
    )
    owner_scalar = pa.scalar(owner_id, pa.large_string())
    owners = _equal(first, owner_scalar) | _equal(second, owner_scalar)
    one_to_one_message = is_message & ~is_group
    reason = _first_reason(
        [
            (skipped, X_HEADERS),
            (etype == _NOT_A_CONVERSATION, Q_NOT_CONVERSATION),
            (etype == _NOT_AN_EVENT, Q_NOT_EVENT),
            (~np.isin(etype, _KNOWN_EVENTS), Q_UNKNOWN_EVENT),
            (etype == _REACTION, X_REACTION),
            (etype == _WELCOME, X_WELCOME),
            (~conv_ok, Q_CONVERSATION_ID),
            (events.members_wrong, Q_PARTICIPANT_IDS),
            (np.isin(etype, _GROUP_EVENTS) & ~time_ok, Q_TIME),
            (np.isin(etype, _GROUP_EVENTS), X_GROUP_EVENT),
            (~sender_ok, Q_SENDER_ID),
            (one_to_one_message & ~recipient_ok, Q_RECIPIENT_ID),
            (~regex_matches(events.message_id, _DIGITS), Q_MESSAGE_ID),
            (~time_ok, Q_TIME),
            (~in_range, Q_TIME_RANGE),
            (events.text_wrong, Q_TEXT),
            (events.n_media < 0, Q_MEDIA),
            (one_to_one_message & ~pair_ok, Q_NOT_IN_CONVERSATION),
            (one_to_one_message & ~owners, Q_NOT_OWNERS),
        ],
        n,
    )
    return reason, times, is_group


def _messages_frame(
    events: _Events,
    rows: np.ndarray,
    is_group: np.ndarray,
    times: pd.Series,
    membership: pd.DataFrame,
    size: pd.Series,
    titles: pd.Series,
    owner: Owner,
) -> pd.DataFrame:
    """The messages table of the kept records ``rows``."""
    files = events.files
    owner_id = owner.contact_id.removeprefix("x:")
    m = len(rows)
    take = pa.array(rows)
    conv = pd.Series(pd.array(events.conv.take(take), dtype=S.STRING))
    sender = pd.Series(pd.array(events.sender.take(take), dtype=S.STRING))
    group = is_group[rows]
    sent = (sender == owner_id).to_numpy(dtype=bool)
    text = pd.Series(pd.array(events.text.take(take), dtype=S.STRING))
    n_media = events.n_media[rows]
    # Media-only messages: X writes the media's t.co link as the text.
    only_links = (n_media > 0) & regex_matches(events.text.take(take), _ONLY_LINKS)
    content = text.where(~(text.str.strip().fillna("").eq("").to_numpy() | only_links))
    folder = np.array([_FOLDER[f.kind] for f in files] or [""], dtype=object)[events.file_no[rows]]
    conversation_size = conv.map(size).fillna(2).to_numpy(dtype="int64")
    frame = pd.DataFrame(
        {
            S.PLATFORM: pd.array([S.X] * m, dtype=S.STRING),
            S.CONVERSATION_ID: "x:" + conv,
            S.CONVERSATION_TITLE: conv.map(titles).astype(S.STRING).where(pd.Series(group)),
            S.SENT_AT: times.iloc[rows].dt.as_unit("ns").reset_index(drop=True),
            S.SENDER_ID: "x:" + sender,
            S.SENDER_NAME: pd.array([owner.name if owner.name is not None else pd.NA] * m, dtype=S.STRING),
            S.SENDER_URL: pd.array([pd.NA] * m, dtype=S.STRING),
            S.RECIPIENT_IDS: _recipients(rows, group, conv, sender, times, events, membership, owner_id),
            S.DIRECTION: pd.array(np.where(sent, S.SENT, S.RECEIVED), dtype=S.STRING),
            S.IS_GROUP: group & (conversation_size >= 3),
            S.IS_SPONSORED: np.zeros(m, dtype=bool),
            S.SUBJECT: pd.array([pd.NA] * m, dtype=S.STRING),
            S.CONTENT: content,
            S.FOLDER: pd.array(folder, dtype=S.STRING),
            S.HAS_ATTACHMENT: n_media > 0,
            S.SOURCE_LINE: events.line[rows],
        }
    )
    frame[S.SENDER_NAME] = frame[S.SENDER_NAME].where(pd.Series(sent))
    frame = frame.sort_values([S.CONVERSATION_ID, S.SENT_AT, S.SOURCE_LINE], kind="stable")
    return S.conform(frame, S.MESSAGES_COLUMNS)


def _account_dm_files(events: _Events, reason: np.ndarray, books: _Books) -> None:
    """One ledger row per direct-message file, with its excluded and quarantined records."""
    excluded = np.isin(reason, [X_REACTION, X_WELCOME, X_GROUP_EVENT, X_DUPLICATE_MESSAGE, X_HEADERS])
    quarantined = ~excluded & (reason != "")
    for k, file in enumerate(events.files):
        mine = events.file_no == k
        out, bad = np.flatnonzero(mine & excluded), np.flatnonzero(mine & quarantined)
        books.add(
            file.name,
            _dm_era(file, events.modern[mine]),
            int(mine.sum()),
            int((mine & (reason == "")).sum()),
            _excluded(events.line[out], reason[out]),
            _quarantined(events.line[bad], reason[bad], [events.raw[i] for i in bad]),
        )


def _dm_era(file: _File, modern: np.ndarray) -> str:
    """The format generation of a direct-message file, for the ledger."""
    if file.kind in _FULL_OF_HEADERS:
        return "headers"
    if file.singular:
        return "2019"  # root-level direct-message.js
    return "2023+" if modern.any() else "2020"  # 2023 messages carry reactions and urls


def _group_titles(events: _Events, valid_event: np.ndarray, times: pd.Series) -> dict[str, str]:
    """The newest name of each renamed group conversation."""
    renamed = (
        valid_event & (events.etype == _RENAME) & pc.is_valid(events.title).to_numpy(zero_copy_only=False)
    )
    if not renamed.any():
        return {}
    rows = np.flatnonzero(renamed)
    names = pd.DataFrame(
        {
            "conv": pd.array(events.conv.take(pa.array(rows)), dtype=S.STRING),
            "title": pd.array(events.title.take(pa.array(rows)), dtype=S.STRING),
            "time": times.iloc[rows].array,
            "line": events.line[rows],
        }
    ).sort_values(["conv", "time", "line"], kind="stable", na_position="first")
    newest = names.groupby("conv", observed=True)["title"].last()
    return dict(zip(newest.index.tolist(), newest.tolist(), strict=True))


def _membership_events(
    events: _Events, valid_event: np.ndarray, group_kept: np.ndarray, times: pd.Series, owner_id: str
) -> pd.DataFrame:
    """Who joined or left which group conversation when (columns conv, id, time, joined), the owner left out.

    Joins come from ``joinConversation`` (the snapshot and who started it),
    ``participantsJoin`` and the initiator of any group event; leaves from
    ``participantsLeave``.  Senders of kept messages are members when they
    write (a join at the message time).
    """
    use = valid_event[events.member_record]
    records = events.member_record[use]
    named = pd.DataFrame(
        {
            "conv": pd.array(events.conv.take(pa.array(records)), dtype=S.STRING),
            "id": pd.array(events.member_id.filter(pa.array(use)), dtype=S.STRING),
            "time": times.iloc[records].array,
            "joined": events.member_joined[use],
        }
    )
    rows = np.flatnonzero(group_kept)
    senders = pd.DataFrame(
        {
            "conv": pd.array(events.conv.take(pa.array(rows)), dtype=S.STRING),
            "id": pd.array(events.sender.take(pa.array(rows)), dtype=S.STRING),
            "time": times.iloc[rows].array,
            "joined": np.ones(len(rows), dtype=bool),
        }
    )
    out = pd.concat([named, senders], ignore_index=True)
    out = out.loc[out["id"].ne(owner_id).to_numpy(dtype=bool)]
    return out.sort_values(["time", "conv", "id"], kind="stable").reset_index(drop=True)


def _recipients(
    rows: np.ndarray,
    group: np.ndarray,
    conv: pd.Series,
    sender: pd.Series,
    times: pd.Series,
    events: _Events,
    membership: pd.DataFrame,
    owner_id: str,
) -> pd.Series:
    """Every participant but the sender, as a list per message.

    1:1: the recipientId.  Group: the owner, plus every account that was a
    member when the message was sent: its last join or leave event before the
    message is a join, or (no event before) its first event is a leave or it
    only ever appears as a sender.
    """
    m = len(rows)
    position = np.arange(m)
    recipient = pd.Series(pd.array(events.recipient.take(pa.array(rows)), dtype=S.STRING))
    one_to_one = pd.DataFrame({"pos": position[~group], "id": recipient[~group].to_numpy()})
    found = [one_to_one]
    if group.any():
        found += _group_recipients(
            position[group], conv[group], sender[group], times.iloc[rows[group]], membership, owner_id
        )
    found = pd.concat([frame.astype({"id": S.STRING}) for frame in found], ignore_index=True).sort_values(
        ["pos", "id"], kind="stable"
    )
    offsets = np.concatenate([[0], np.cumsum(np.bincount(found["pos"].to_numpy(dtype="int64"), minlength=m))])
    values = pa.array(("x:" + found["id"]).to_numpy(dtype=object), type=pa.string())
    lists = pa.ListArray.from_arrays(pa.array(offsets, type=pa.int32()), values)
    return pd.Series(pd.arrays.ArrowExtensionArray(lists))


def _group_recipients(
    position: np.ndarray,
    conv: pd.Series,
    sender: pd.Series,
    times: pd.Series,
    membership: pd.DataFrame,
    owner_id: str,
) -> list[pd.DataFrame]:
    """(pos, id) of the recipients of group messages: members at the time and the owner, not the sender."""
    messages = pd.DataFrame(
        {
            "pos": position,
            "conv": pd.array(conv, dtype=S.STRING),
            "sender": pd.array(sender, dtype=S.STRING),
            "time": times.array,
        }
    )
    # every account of the conversation, and whether its first event is a join
    accounts = membership.groupby(["conv", "id"], observed=True, sort=False, as_index=False)["joined"].first()
    pairs = messages.merge(accounts.rename(columns={"joined": "first_joined"}), on="conv", how="inner")
    pairs = pairs.sort_values("time", kind="stable")
    last = pd.merge_asof(
        pairs,
        membership.rename(columns={"joined": "last_joined"}),
        on="time",
        by=["conv", "id"],
        direction="backward",
    )
    before_any = last["last_joined"].isna().to_numpy()
    first = last["first_joined"].to_numpy(dtype=bool)
    member = np.where(before_any, ~first, last["last_joined"].fillna(False).to_numpy(dtype=bool))
    in_group = last.loc[member & last["id"].ne(last["sender"]).to_numpy(dtype=bool), ["pos", "id"]]
    owner_rows = messages.loc[messages["sender"].ne(owner_id).to_numpy(dtype=bool), ["pos"]].assign(
        id=owner_id
    )
    return [in_group, owner_rows]


# ---------------------------------------------------------------- people
def _people(connections: pd.DataFrame, messages: pd.DataFrame, owner_id: str) -> pd.DataFrame:
    """One row per account id in the tables (owner excluded): handle = the account id; X gives no names."""
    in_connections = connections[S.CONTACT_ID]
    in_messages = pd.concat(
        [messages[S.SENDER_ID], messages[S.RECIPIENT_IDS].explode().astype(S.STRING)], ignore_index=True
    )
    ids = pd.Index(pd.concat([in_connections, in_messages], ignore_index=True).dropna().unique()).astype(
        S.STRING
    )
    ids = ids[ids != owner_id].sort_values()
    n = len(ids)
    relationship = pd.Series(
        connections[S.RELATIONSHIP].to_numpy(), index=connections[S.CONTACT_ID].to_numpy()
    )
    seen_connections = _is_in(ids, in_connections)
    seen_messages = _is_in(ids, in_messages)
    seen_in = np.select(
        [seen_connections & seen_messages, seen_connections],
        ["connections,messages", "connections"],
        default="messages",
    )
    nothing = pd.array([pd.NA] * n, dtype=S.STRING)
    no_keys = pd.arrays.ArrowExtensionArray(pa.array([[]] * n, type=pa.list_(pa.string())))
    frame = pd.DataFrame(
        {
            S.CONTACT_ID: ids.to_numpy(),
            S.PLATFORM: pd.array([S.X] * n, dtype=S.STRING),
            S.NAME: nothing,
            S.PROFILE_URL: nothing,
            S.HANDLE: pd.array(ids.str.removeprefix("x:"), dtype=S.STRING),
            S.EMAILS: no_keys,
            S.PHONES: no_keys,
            S.COMPANY: nothing,
            S.POSITION: nothing,
            S.IS_CONNECTION: relationship.reindex(ids.to_numpy())
            .isin(S.CONNECTED_RELATIONSHIPS)
            .to_numpy(dtype=bool),
            S.SEEN_IN: pd.array(seen_in, dtype=S.STRING),
        }
    )
    return S.conform(frame, S.PEOPLE_COLUMNS)
