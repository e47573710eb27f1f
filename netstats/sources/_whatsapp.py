"""Read WhatsApp chat exports (``.txt``) into one :class:`~netstats._export.Part`.

WhatsApp exports one chat at a time ("Export chat" in the chat's menu):
Android writes ``WhatsApp Chat with <Name>.txt`` (or a zip of it with the
media), iOS a zip ``WhatsApp Chat - <Name>.zip`` holding ``_chat.txt``.  The
format is measured in research/linkedin_and_other_export_formats.md, section 5:

* a message starts with a line whose head is a timestamp --
  ``20/01/19, 11:23 - Ann: text`` (Android) or ``[31/12/2024, 12:34:56] Ann: text``
  (iOS) -- with the date and time in the phone's locale: day or month first,
  year first or last, 2- or 4-digit years, ``/ . -`` separators, optional
  seconds, 12- or 24-hour clock (``PM``, ``pm``, ``p. m.``, ``a.m.`` ... after a
  U+202F or U+00A0), Finnish ``klo`` with a dotted time;
* every other line continues the previous message;
* iOS marks attachments and system notes with U+200E (LEFT-TO-RIGHT MARK);
* system notes have no author on Android, and the chat's name as author on iOS;
* times are phone-local: there is no time zone.

The reader never loops over lines in Python: the text is split once, the
header pattern is matched by pyarrow over the array of lines, continuation
lines are joined to their message with a list array, and dates, kinds and ids
are computed on whole columns (ids once per distinct author).

Localised texts recognised (anything else stays a message and is kept):
end-to-end encryption notes in English, German, Spanish, Portuguese, French,
Italian, Dutch and Finnish; group events (created, added, removed, left,
joined, changed subject/icon/description) in English, German, Spanish,
Portuguese and French; deleted-message stubs and media placeholders in
English, German, Spanish, Portuguese, French, Italian and Dutch.  File names
claimed: ``_chat.txt`` and ``WhatsApp Chat with <Name>.txt`` with its English
(``WhatsApp Chat - ``), German (``WhatsApp Chat mit``), Spanish (``Chat de
WhatsApp con``), Portuguese (``Conversa do WhatsApp com``), French
(``Discussion WhatsApp avec``), Italian (``Chat WhatsApp con``) and Dutch
(``WhatsApp-chat met``) forms.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .. import schema as S
from .._errors import ExportFormatError
from .._export import Owner, Part
from .._text import name_key, normalise_phone, regex_matches
from ..schema import EXCLUDED, KEPT, QUARANTINED
from ._archive import ExportRules, SourceFile
from ._decode import decode_head, decode_text
from ._ledger import Ledger

FAMILY = "whatsapp"
CHAT = "chat"  # the logical kind of every WhatsApp file: one exported chat
REPEATABLE = frozenset({CHAT})
ONE_EXPORT_AT_A_TIME = False  # the files of every path pooled into one read (see _registry.Reader)
EXPORT_RULES = ExportRules()  # nothing beyond the archive layer's own rules

# ---------------------------------------------------------------- vocabulary
REASON_SYSTEM = "system message"
REASON_DELETED = "deleted message"
REASON_BAD_DATE = "impossible date or time"
REASON_BEFORE_FIRST = "text before the first message"
REASON_NO_AUTHOR = "author name is empty"
TIME_ZONE_NOTE = (
    "WhatsApp chat times are the phone's local time with no time zone; netstats stores them "
    "as if they were UTC, so they may be off by the phone's offset from UTC."
)
_RAW_CAP = 2000
_SEEN_IN = "messages"  # WhatsApp people are only ever seen in messages
_YEARS = (1970, 2199)  # a chat line dated outside these years is not a real date

_LRM = "\u200e"
_SPACE = "[ \u00a0\u202f\u2009]"  # iOS and Android put U+202F / U+00A0 / U+2009 around the time
_MARKS = "[\u200e\ufeff]*"
# The head of a message line, the same pattern for pyarrow (RE2) and Python's re.
# Bracket and dash are captured separately and checked afterwards (RE2 has no conditionals).
_HEADER = (
    "^"
    + _MARKS
    + "(?P<open>\\[?)"
    + _MARKS
    + "(?P<a>[0-9]{1,4})(?P<s1>[./-])(?P<b>[0-9]{1,2})(?P<s2>[./-])(?P<c>[0-9]{1,4})\\.?"
    + ",?"
    + _SPACE
    + "+(?:klo"
    + _SPACE
    + "+)?"
    + "(?P<hour>[0-9]{1,2})[:.](?P<minute>[0-9]{2})(?:[:.](?P<second>[0-9]{2}))?"
    + "(?:"
    + _SPACE
    + "*(?P<ampm>[AaPp]\\.?"
    + _SPACE
    + "?[Mm]\\.?))?"
    + "(?P<close>\\]?)(?P<dash>(?:"
    + _SPACE
    + "+-)?)"
    + _SPACE
    + "(?P<rest>.*)$"
)
_HEADER_RE = re.compile(_HEADER)
# ``author: text`` after the head; no author means an Android system note.
_AUTHOR = "(?s)^(?P<author>[^\n]+?):(?: (?P<text>.*))?$"
_EDGE_MARKS = (
    "^[\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]+|[\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]+$"
)
_PHONE_LIKE = re.compile("^\\+?[0-9][0-9 \u00a0\u202f\u2009().\\-]{5,}$")

# System notes that carry an author on iOS (the chat's name): matched at the start of the text.
_E2E = (
    "(?i)^(?:messages and calls are end-to-end encrypted"
    "|messages to this (?:chat and calls|group) are now secured with end-to-end encryption"
    "|messages (?:to|in) this (?:chat|group) are now end-to-end encrypted"
    "|nachrichten und anrufe sind ende-zu-ende-verschl"
    "|nachrichten (?:in diesem chat|an diese gruppe) sowie anrufe sind jetzt mit ende-zu-ende"
    "|los mensajes y las llamadas est[aá]n cifrados de extremo a extremo"
    "|as mensagens e as chamadas s[aã]o protegidas com a criptografia de ponta a ponta"
    "|les messages et les appels sont chiffr[eé]s de bout en bout"
    "|i messaggi e le chiamate sono crittografati end-to-end"
    "|berichten en gesprekken zijn end-to-end versleuteld"
    "|viestit ja puhelut ovat p[aä][aä]st[aä] p[aä][aä]h[aä]n salattuja"
    "|your security code with .+ changed"
    "|.+ changed (?:their|his|her) phone number to a new number"
    "|disappearing messages were turned (?:on|off))"
)
# Group events.  On iOS they follow U+200E (and the group's name as author); on Android they have no author.
_GROUP_EVENT = (
    "(?i)(?:created group|created this group|\\badded\\b|\\bremoved\\b|\\bleft$"
    "|joined using this group's invite link"
    "|changed the subject|changed this group's icon|changed the group description|deleted this group's icon"
    "|changed this group's settings|now an admin|messages to this group"
    "|hat die gruppe .* erstellt|hat .* hinzugef[uü]gt|hat .* entfernt|hat die gruppe verlassen"
    "|ist beigetreten"
    "|cre[oó] el grupo|a[nñ]adi[oó] a|elimin[oó] a|sali[oó] del grupo|se uni[oó]"
    "|criou o grupo|adicionou|removeu|saiu|entrou usando"
    "|a cr[eé][eé] le groupe|a ajout[eé]|a retir[eé]|est parti|a rejoint)"
)
# A group event alone makes a chat a group; these need no author and no mark.
_CREATED_GROUP = (
    "(?i)(?:created group|created this group|messages to this group|hat die gruppe .* erstellt"
    "|cre[oó] el grupo|criou o grupo|a cr[eé][eé] le groupe|\\badded\\b|hinzugef[uü]gt|a[nñ]adi[oó] a"
    "|adicionou|a ajout[eé])"
)
# Android system notes where a quoted subject holds ': ' (so the note looks like it has an author).
_SUBJECT_CHANGE = '(?i)^.+ (?:changed the subject|changed the group description)(?: from ".*")? to ".*"$'
_DELETED = (
    "(?i)^(?:this message was deleted|you deleted this message|diese nachricht wurde gel[oö]scht"
    "|du hast diese nachricht gel[oö]scht|se elimin[oó] este mensaje|eliminaste este mensaje"
    "|este mensaje fue eliminado|mensagem apagada|essa mensagem foi apagada|voc[eê] apagou esta mensagem"
    "|ce message a [eé]t[eé] supprim[eé]|vous avez supprim[eé] ce message"
    "|questo messaggio [eè] stato eliminato"
    "|hai eliminato questo messaggio|dit bericht is verwijderd|je hebt dit bericht verwijderd)\\.?$"
)
# A whole first line that stands for an attachment (the rest of the message, if any, is its caption).
_MEDIA = (
    "(?i)^(?:<(?:media omitted|medien ausgeschlossen|multimedia omitido|m[ií]dia oculta"
    "|arquivo de m[ií]dia oculto"
    "|m[eé]dias omis|media omessi|media weggelaten)>"
    "|(?:image|video|audio|gif|sticker|document|contact card|video note) omitted"
    "|(?:bild|video|audio|gif|sticker|dokument|kontaktkarte) weggelassen"
    "|(?:imagen|video|audio|gif|sticker|documento) omitid[oa]|tarjeta de contacto omitida"
    "|.+ (?:document omitted|dokument weggelassen|documento omitido)"
    "|.*<[^<>]{1,40}: ?[0-9]{8}-[^<>]+>"
    "|[^<>]+\\.[a-z0-9]{0,5} \\((?:file attached|datei angeh[aä]ngt|archivo adjunto|arquivo anexado"
    "|fichier joint|file allegato|bestand bijgevoegd)\\))$"
)
_EDITED = " ?\u200e?<(?:This message was edited|Diese Nachricht wurde bearbeitet|Se edit[oó] este mensaje)>$"

# File names: Android names the file after the chat; iOS zips hold _chat.txt.
_CHAT_NAME = re.compile(
    r"^(?:whatsapp chat with|whatsapp chat -|whatsapp chat mit|chat de whatsapp con|conversa do whatsapp com"
    r"|discussion whatsapp avec|chat whatsapp con|whatsapp-chat met) (?P<title>.+?)(?: \(\d+\))?\.txt$",
    re.IGNORECASE,
)
_IOS_NAME = "_chat.txt"


# ---------------------------------------------------------------- the reader interface
def claim(name: str) -> str | None:
    """Return ``'chat'`` when an archive member path is a WhatsApp chat export by its name, else None.

    Examples
    --------
    >>> claim("WhatsApp Chat - Ann Lee/_chat.txt"), claim("WhatsApp Chat with Ann Lee.txt")
    ('chat', 'chat')
    >>> claim("WhatsApp Chat mit Jürgen.txt"), claim("messages.csv")
    ('chat', None)
    """
    base = PurePosixPath(name.replace("\\", "/")).name
    if base.casefold() == _IOS_NAME or _CHAT_NAME.match(base):
        return CHAT
    return None


def sniff(head: bytes) -> str | None:
    """Return ``'chat'`` when the first bytes of a text file start like a WhatsApp chat, else None.

    The first non-empty line must be a message line (``date, time - ...`` or
    ``[date, time] ...``).  CSV headers, JSON, vCard and mbox never start so.

    Examples
    --------
    >>> sniff("\\ufeff[31/12/2024, 12:34:56] Bob: hey\\r\\n".encode())
    'chat'
    >>> sniff(b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\\n") is None
    True
    """
    text = decode_head(head[:4096])
    for line in text.splitlines()[:20]:
        line = line.strip("\ufeff\u200e \t")
        if not line:
            continue
        match = _HEADER_RE.match(line)
        return CHAT if match is not None and _shape_ok_scalar(match) else None
    return None


def read(
    files: Sequence[SourceFile], *, source: str, encoding: str | None = None, owner: Sequence[str] = ()
) -> list[Part]:
    """Read WhatsApp chat files into one :class:`~netstats._export.Part` (platform ``'whatsapp'``).

    Parameters
    ----------
    files : sequence of SourceFile
        The chats (``.txt`` bytes exactly as exported), one conversation each.
    source : str
        The path the files came from (names a lone ``_chat.txt`` chat).
    encoding : str, optional
        The text encoding when it is not UTF-8 (with or without BOM) or UTF-16 with a BOM.
    owner : sequence of str
        The names or phone numbers the owner appears under.  Without them the
        owner is the one author present in every chat, which needs two chats
        or more.

    Returns
    -------
    list of Part
        One part, or none when ``files`` is empty.

    Raises
    ------
    ExportFormatError
        A file is not a chat export (no message line, not text), or the owner
        cannot be told.

    Examples
    --------
    >>> chat = (
    ...     "12/01/2024, 09:15 - Messages and calls are end-to-end encrypted.\\n"
    ...     "13/01/2024, 09:16 - Ann Lee: Hi Ada!\\n"
    ...     "13/01/2024, 09:20 - Ada Quill: Hi Ann\\nhow are you?\\n"
    ... ).encode()
    >>> [part] = read([SourceFile(CHAT, "WhatsApp Chat with Ann Lee.txt", chat, FAMILY)],
    ...               source="chats", owner=["Ada Quill"])
    >>> part.messages[["sender_id", "direction", "content"]].values.tolist()  # doctest: +NORMALIZE_WHITESPACE
    [['whatsapp:name:ann lee', 'received', 'Hi Ada!'],
     ['whatsapp:name:ada quill', 'sent', 'Hi Ann\\nhow are you?']]
    >>> part.ledger[["rows_read", "kept", "excluded", "quarantined"]].values.tolist()
    [[3, 2, 1, 0]]
    """
    if not files:
        return []
    chats = [_parse_chat(src, encoding, number) for number, src in enumerate(files)]
    keys = _conversation_keys([src.name for src in files], source)
    records = pd.concat([c.records for c in chats], ignore_index=True)
    records = _classify(records)
    ids = _author_ids(records)
    nameless = records["author"].notna() & ids.isna() & records["status"].eq(KEPT)
    records = records.assign(
        sender_id=ids,
        status=records["status"].mask(nameless, QUARANTINED),
        reason=records["reason"].mask(nameless, REASON_NO_AUTHOR),
    )
    who = _find_owner(records, chats, owner)
    messages, people = _messages(records, chats, keys, who)
    ledger, excluded, quarantine = _accounts(records, chats)
    notes = [TIME_ZONE_NOTE, *(n for c in chats for n in c.notes), *who.notes]
    dated = records.loc[records["local"].notna(), "local"]
    latest = None if dated.empty else pd.Timestamp(dated.max()).tz_localize("UTC")
    part = Part(
        platform=S.WHATSAPP,
        source=source,
        connections=S.empty_frame(S.CONNECTIONS_COLUMNS),
        messages=messages,
        invitations=S.empty_frame(S.INVITATIONS_COLUMNS, S.INVITATIONS_DTYPES),
        people=people,
        owner=who.owner,
        ledger=ledger,
        excluded=excluded,
        quarantine=quarantine,
        notes=tuple(dict.fromkeys(notes)),
        latest=latest,
    )
    return [part]


# ---------------------------------------------------------------- one file
@dataclass(frozen=True)
class _Chat:
    """One parsed chat file: its records (one per message line) and what the file says about itself."""

    number: int
    name: str
    records: pd.DataFrame  # file, line, local (naive; NaT = impossible), rest, raw, line_marked
    junk: pd.DataFrame  # QUARANTINE_COLUMNS rows for text before the first message line
    era: str
    notes: tuple[str, ...]


def _decode(src: SourceFile, encoding: str | None) -> str:
    return decode_text(
        src,
        encoding,
        expected="a WhatsApp chat export, UTF-8 text as WhatsApp writes it",
        fix="use the .txt file from the original export, or pass the encoding it was re-saved with",
    )


def _lines(text: str) -> pa.Array:
    """The physical lines of the text (CR of CRLF removed), split once by pyarrow."""
    lines = pc.list_flatten(pc.split_pattern(pa.array([text], pa.large_string()), "\n"))
    if text.endswith("\n"):
        lines = lines.slice(0, len(lines) - 1)
    return pc.replace_substring_regex(lines, "\r$", "")


def _shape_ok_scalar(match: re.Match) -> bool:
    """Python twin of :func:`_shape_ok` for one ``re`` match (used by :func:`sniff`)."""
    g = match.groupdict(default="")
    bracketed = g["open"] == "[" and g["close"] == "]" and not g["dash"]
    dashed = not g["open"] and not g["close"] and bool(g["dash"])
    years = (len(g["a"]) == 4 and len(g["c"]) <= 2) or (len(g["a"]) <= 2 and len(g["c"]) in (2, 4))
    return (bracketed or dashed) and g["s1"] == g["s2"] and years


def _shape_ok(fields: dict[str, pa.Array]) -> np.ndarray:
    """Which regex matches are message heads: brackets or dash (not both), one date separator, a year."""
    opened = pc.equal(fields["open"], "[")
    closed = pc.equal(fields["close"], "]")
    dashed = pc.greater(pc.binary_length(fields["dash"]), 0)
    bracketed = pc.and_(pc.and_(opened, closed), pc.invert(dashed))
    plain = pc.and_(pc.and_(pc.invert(opened), pc.invert(closed)), dashed)
    len_a, len_c = pc.utf8_length(fields["a"]), pc.utf8_length(fields["c"])
    year_first = pc.and_(pc.equal(len_a, 4), pc.less_equal(len_c, 2))
    year_last = pc.and_(pc.less_equal(len_a, 2), pc.is_in(len_c, pa.array([2, 4], len_c.type)))
    ok = pc.and_(pc.or_(bracketed, plain), pc.equal(fields["s1"], fields["s2"]))
    ok = pc.and_(ok, pc.or_(year_first, year_last))
    return pc.fill_null(ok, False).to_numpy(zero_copy_only=False)


def _ints(values: pa.Array) -> np.ndarray:
    """Digit strings to int64 ('' -> 0)."""
    filled = pc.if_else(pc.equal(pc.binary_length(values), 0), "0", values)
    return pc.cast(filled, pa.int64()).to_numpy(zero_copy_only=False)


def _parse_chat(src: SourceFile, encoding: str | None, number: int) -> _Chat:
    text = _decode(src, encoding)
    if not text.strip():
        raise ExportFormatError(
            "the file is empty",
            file=src.name,
            expected="a WhatsApp chat export with at least one message line",
            fix="export the chat again (chat menu > More > Export chat)",
        )
    lines = _lines(text)
    match = pc.extract_regex(lines, _HEADER)
    names = [match.type.field(i).name for i in range(match.type.num_fields)]
    heads = np.flatnonzero(pc.is_valid(match).to_numpy(zero_copy_only=False))
    fields = {n: pc.struct_field(match.filter(pc.is_valid(match)), n) for n in names}
    ok = _shape_ok(fields)
    heads, fields = heads[ok], {n: v.filter(pa.array(ok)) for n, v in fields.items()}
    if not len(heads):
        raise ExportFormatError(
            "no WhatsApp message line found",
            file=src.name,
            expected="lines such as '31/12/2024, 12:34 - Name: text' (Android)"
            " or '[31/12/2024, 12:34:56] Name: text' (iOS)",
            fix="pass the .txt file WhatsApp wrote (chat menu > More > Export chat), unedited",
        )
    first = int(heads[0])
    junk = _junk(src.name, lines.slice(0, first))
    # One record per message line; continuation lines join it with '\n' (a list array, no Python loop).
    body = lines.slice(first)
    is_head = np.zeros(len(body), dtype=bool)
    is_head[heads - first] = True
    offsets = pa.array(np.append(heads - first, len(body)), pa.int64())
    rest = pc.replace_with_mask(body, pa.array(is_head), fields["rest"])
    joined = pc.binary_join(pa.LargeListArray.from_arrays(offsets, rest), pa.scalar("\n", pa.large_string()))
    raw = pc.binary_join(pa.LargeListArray.from_arrays(offsets, body), pa.scalar("\n", pa.large_string()))

    local, order, order_notes = _local_times(src.name, fields)
    brackets = pc.equal(fields["open"], "[").to_numpy(zero_copy_only=False)
    twelve = pc.greater(pc.binary_length(fields["ampm"]), 0).to_numpy(zero_copy_only=False)
    era = f"{'ios' if brackets.mean() >= 0.5 else 'android'}-{'12h' if twelve.any() else '24h'}-{order}"
    records = pd.DataFrame(
        {
            "file": number,
            "line": heads + 1,
            "local": local,
            "rest": pd.arrays.ArrowStringArray(joined),
            "raw": pd.arrays.ArrowStringArray(raw),
            "line_marked": pc.starts_with(pc.take(lines, pa.array(heads)), _LRM).to_numpy(
                zero_copy_only=False
            ),
        }
    )
    return _Chat(number, src.name, records, junk, era, order_notes)


def _junk(name: str, before: pa.Array) -> pd.DataFrame:
    """Text before the first message line (not blank): one quarantined record."""
    filled = pc.greater(pc.utf8_length(pc.utf8_trim(before, " \t\ufeff\u200e")), 0).to_numpy(
        zero_copy_only=False
    )
    if not filled.any():
        return pd.DataFrame(columns=[S.LINE, S.REASON, S.RAW])
    start = int(np.flatnonzero(filled)[0])
    raw = "\n".join(before.slice(start).to_pylist())[:_RAW_CAP]
    return pd.DataFrame({S.LINE: [start + 1], S.REASON: [REASON_BEFORE_FIRST], S.RAW: [raw]})


def _local_times(name: str, fields: dict[str, pa.Array]) -> tuple[pd.Series, str, tuple[str, ...]]:
    """Phone-local naive times (NaT where impossible), the file's date order, and notes about it."""
    a, b, c = _ints(fields["a"]), _ints(fields["b"]), _ints(fields["c"])
    year_first = pc.equal(pc.utf8_length(fields["a"]), 4).to_numpy(zero_copy_only=False)
    day_first_votes = int((~year_first & (a > 12)).sum())
    month_first_votes = int((~year_first & (b > 12)).sum())
    notes: tuple[str, ...] = ()
    if year_first.all():
        order = "ymd"
    elif day_first_votes and month_first_votes:
        order = "dmy" if day_first_votes >= month_first_votes else "mdy"
        notes = (
            (
                f"{name}: dates are written both day-first and month-first; read as "
                f"{'day' if order == 'dmy' else 'month'}-first, the lines that do not fit are quarantined."
            ),
        )
    elif day_first_votes:
        order = "dmy"
    elif month_first_votes:
        order = "mdy"
    else:
        # No day above 12: only the locale can tell.  M/D/YY with upper-case AM/PM is the US style.
        ampm = fields["ampm"]
        us_style = (
            pc.all(pc.equal(fields["s1"], "/")).as_py()
            and pc.all(pc.less_equal(pc.utf8_length(fields["c"]), 2)).as_py()
            and pc.all(pc.is_in(ampm, pa.array(["AM", "PM"], ampm.type))).as_py()
        )
        order = "mdy" if us_style else "dmy"
        notes = (
            f"{name}: no day above 12, so the date order cannot be read from the dates; assumed "
            + ("month-first (US style M/D/YY with AM/PM)." if us_style else "day-first."),
        )
    day = np.where(year_first, c, np.where(order == "mdy", b, a))
    month = np.where(year_first, b, np.where(order == "mdy", a, b))
    year = np.where(year_first, a, c)
    year = np.where(year < 100, year + 2000, year)
    hour, minute, second = _ints(fields["hour"]), _ints(fields["minute"]), _ints(fields["second"])
    ampm = pc.utf8_lower(pc.utf8_slice_codeunits(fields["ampm"], 0, 1)).to_numpy(zero_copy_only=False)
    twelve = ampm != ""
    good = (minute <= 59) & (second <= 59) & (year >= _YEARS[0]) & (year <= _YEARS[1])
    good &= np.where(twelve, hour <= 12, hour <= 23)
    hour = np.where(twelve, hour % 12 + np.where(ampm == "p", 12, 0), hour)
    parts = pd.DataFrame(
        {"year": year, "month": month, "day": day, "hour": hour, "minute": minute, "second": second}
    )
    parts.loc[~good, "month"] = 0  # makes the date impossible
    local = pd.to_datetime(parts, errors="coerce").astype("datetime64[ns]")
    return local, order, notes


# ---------------------------------------------------------------- what each record is


def _classify(records: pd.DataFrame) -> pd.DataFrame:
    """Split author and text, and decide per record: kept, excluded (with reason) or quarantined."""
    rest = pa.array(records["rest"].array)
    split = pc.extract_regex(rest, _AUTHOR)
    has_author = pc.is_valid(split).to_numpy(zero_copy_only=False)
    author = pc.replace_substring_regex(pc.struct_field(split, "author"), _EDGE_MARKS, "")
    author = pc.if_else(pa.array(has_author), author, pa.scalar(None, pa.large_string()))
    text = pc.if_else(pa.array(has_author), pc.struct_field(split, "text"), rest)
    marked = records["line_marked"].to_numpy() | pc.starts_with(text, _LRM).to_numpy(zero_copy_only=False)
    text = pc.replace_substring_regex(text, "^" + _LRM + "+", "")
    text = pc.replace_substring_regex(pc.replace_substring_regex(text, _EDITED, ""), "(?:\n[ \t]*)+$", "")
    lines = pc.extract_regex(text, "^(?P<first>[^\n]*)(?:\n(?P<more>(?s:.*)))?$")
    first, more = pc.struct_field(lines, "first"), pc.struct_field(lines, "more")
    media = regex_matches(pc.replace_substring_regex(first, "^" + _LRM + "+", ""), _MEDIA)
    deleted = regex_matches(text, _DELETED) & ~media
    system = ~has_author | regex_matches(text, _E2E) | regex_matches(rest, _SUBJECT_CHANGE)
    system |= marked & regex_matches(text, _GROUP_EVENT) & ~media & ~deleted
    caption = pc.if_else(pc.greater(pc.binary_length(more), 0), more, pa.scalar(None, pa.large_string()))
    content = pc.if_else(pa.array(media), caption, text)
    bad_date = records["local"].isna().to_numpy()

    status = np.where(bad_date, QUARANTINED, np.where(system | deleted, EXCLUDED, KEPT))
    reason = np.where(
        bad_date, REASON_BAD_DATE, np.where(system, REASON_SYSTEM, np.where(deleted, REASON_DELETED, ""))
    )
    return records.assign(
        author=pd.arrays.ArrowStringArray(author.cast(pa.large_string())),
        content=pd.arrays.ArrowStringArray(content.cast(pa.large_string())),
        has_attachment=media,
        group_event=system & regex_matches(text, _CREATED_GROUP),
        status=status,
        reason=reason,
    )


def _author_ids(records: pd.DataFrame) -> pd.Series:
    """``whatsapp:<phone>`` for phone-number authors, else ``whatsapp:name:<name key>`` (once per author)."""
    codes, authors = pd.factorize(records["author"], use_na_sentinel=True)
    mapped = np.array([_author_id(a) for a in authors] + [None], dtype=object)
    return pd.Series(mapped[codes], index=records.index, dtype="string")


def _author_id(author: str) -> str | None:
    phone = normalise_phone(author) if _PHONE_LIKE.match(author) else None
    if phone is not None:
        return S.PLATFORM_ID_PREFIX[S.WHATSAPP] + phone
    key = name_key(author)
    return None if key is None else f"{S.PLATFORM_ID_PREFIX[S.WHATSAPP]}name:{key}"


# ---------------------------------------------------------------- the owner
@dataclass(frozen=True)
class _Who:
    owner: Owner
    aliases: frozenset[str]  # sender ids that are the owner (several spellings given in owner=)
    notes: tuple[str, ...] = ()


_OWNER_FIX = (
    "pass the name or phone number you appear under in your chats: netstats.load(..., owner=['Your Name']) "
    "or --owner 'Your Name' on the command line"
)


def _find_owner(records: pd.DataFrame, chats: list[_Chat], given: Sequence[str]) -> _Who:
    """The owner: the author owner= names, else the only author present in every chat."""
    spoken = records.loc[records["status"].eq(KEPT) | records["reason"].eq(REASON_DELETED)]
    if isinstance(given, str):
        given = [given]
    if given:
        return _given_owner(spoken, given)
    if spoken.empty:
        return _Who(Owner(None, None, None, "not needed: no chat holds a message"), frozenset())
    return _common_author(spoken, chats)


def _given_owner(spoken: pd.DataFrame, given: Sequence[str]) -> _Who:
    """The owner owner= names: the ids of its names and numbers that wrote, most messages first."""
    counts = spoken.groupby("sender_id", sort=True).size().sort_values(ascending=False, kind="stable")
    wanted: dict[str, None] = {}
    for item in given:
        phone = normalise_phone(item)
        if phone is not None:
            wanted[S.PLATFORM_ID_PREFIX[S.WHATSAPP] + phone] = None
        key = name_key(item)
        if key is not None:
            wanted[f"{S.PLATFORM_ID_PREFIX[S.WHATSAPP]}name:{key}"] = None
    found = [i for i in counts.index if i in wanted]
    if found:
        return _Who(
            Owner(_display(spoken, found[0]), None, found[0], "owner= (the names or numbers you gave)"),
            frozenset(found),
        )
    if not wanted:
        raise ExportFormatError(
            "owner= holds no usable name or phone number",
            expected="the name or phone number you appear under in your WhatsApp chats",
            fix=_OWNER_FIX,
        )
    first = next(iter(wanted))
    note = (
        "None of the names or numbers given as owner= wrote in these WhatsApp chats: "
        "every message in them is counted as received."
    )
    return _Who(
        Owner(str(given[0]), None, first, "owner= (the names or numbers you gave; not seen writing)"),
        frozenset({first}),
        (note,),
    )


def _common_author(spoken: pd.DataFrame, chats: list[_Chat]) -> _Who:
    """The owner when none is given: the one author present in every chat (two chats at least)."""
    per_chat = spoken.groupby("file")["sender_id"].agg(lambda ids: frozenset(ids.dropna()))
    if len(per_chat) < 2:
        raise ExportFormatError(
            "a single chat cannot tell which of its authors is you",
            file=chats[int(per_chat.index[0])].name,
            expected="owner= naming you, or two or more chats with you in all of them",
            fix=_OWNER_FIX,
        )
    common = sorted(frozenset.intersection(*per_chat.tolist()))
    if len(common) != 1:
        raise ExportFormatError(
            f"{len(common)} authors appear in every one of the {len(per_chat)} chats,"
            " so the owner cannot be told",
            expected="exactly one author (you) present in every chat",
            fix=_OWNER_FIX,
        )
    return _Who(
        Owner(_display(spoken, common[0]), None, common[0], "the only author present in every chat"),
        frozenset(common),
    )


def _display(records: pd.DataFrame, contact_id: str) -> str | None:
    """The author as first written for an id (files in order, lines in order)."""
    names = records.loc[records["sender_id"].eq(contact_id), "author"]
    return None if names.empty else str(names.iloc[0])


# ---------------------------------------------------------------- tables
def _conversation_keys(names: Sequence[str], source: str) -> list[tuple[str, str | None]]:
    """Per file: the conversation id and the title its file name gives (None when it gives none)."""
    keys: list[tuple[str, str | None]] = []
    seen: dict[str, int] = {}
    for name in names:
        path = PurePosixPath(name.replace("\\", "/"))
        stem = path.name[:-4] if path.name.casefold().endswith(".txt") else path.name
        if path.name.casefold() == _IOS_NAME:
            # iOS: the chat is named by the zip or folder holding _chat.txt.
            holder = path.parent.name or PurePosixPath(source.replace("\\", "/")).name
            stem = re.sub(r"\.zip$", "", holder, flags=re.IGNORECASE) or "_chat"
        titled = _CHAT_NAME.match(stem + ".txt")
        key = S.PLATFORM_ID_PREFIX[S.WHATSAPP] + stem
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:
            key = f"{key}#{seen[key]}"
        keys.append((key, titled.group("title") if titled else None))
    return keys


def _messages(
    records: pd.DataFrame, chats: list[_Chat], keys: list[tuple[str, str | None]], who: _Who
) -> tuple[pd.DataFrame, pd.DataFrame]:
    owner_id = who.owner.contact_id
    if who.aliases:
        records = records.assign(
            sender_id=records["sender_id"].where(~records["sender_id"].isin(who.aliases), owner_id)
        )
    spoken = records.loc[records["status"].eq(KEPT) | records["reason"].eq(REASON_DELETED)].dropna(
        subset=["sender_id"]
    )
    kept = records.loc[records["status"].eq(KEPT)]
    names = spoken.drop_duplicates("sender_id").set_index("sender_id")["author"]
    # Per chat (a loop over files): its participants, whether it is a group, its title.
    authors_of = spoken.groupby("file")["sender_id"].unique()
    events = records.groupby("file")["group_event"].any()
    participants: dict[int, list[str]] = {}
    group_of: dict[int, bool] = {}
    titles: dict[int, str | None] = {}
    for chat in chats:
        ids = set(authors_of.get(chat.number, ()))
        if owner_id is not None:
            ids.add(owner_id)
        participants[chat.number] = sorted(ids)
        group_of[chat.number] = len(ids) >= 3 or bool(events.get(chat.number, False))
        titles[chat.number] = keys[chat.number][1] or _title(
            records, chat.number, ids, owner_id, names, group_of[chat.number]
        )
    # Recipients: once per distinct (chat, sender), then spread to the messages.
    pair_no = kept.groupby(["file", "sender_id"], sort=False).ngroup().to_numpy()
    pairs = kept.iloc[np.unique(pair_no, return_index=True)[1]]
    pair_lists = [
        [p for p in participants[f] if p != s]
        for f, s in zip(pairs["file"].tolist(), pairs["sender_id"].tolist(), strict=True)
    ]
    recipients = pc.take(pa.array(pair_lists, pa.list_(pa.string())), pa.array(pair_no, pa.int64()))
    talked = sorted({p for f in kept["file"].unique().tolist() for p in participants[f]} - {owner_id})
    file_no = kept["file"].to_numpy()
    conv = np.array([k for k, _ in keys], dtype=object)[file_no]
    title = np.array([titles[c.number] for c in chats], dtype=object)[file_no]
    n = len(kept)
    sender = kept["sender_id"].reset_index(drop=True)
    frame = pd.DataFrame(
        {
            S.PLATFORM: S.constant(S.WHATSAPP, n),
            S.CONVERSATION_ID: pd.array(conv, dtype="string"),
            S.CONVERSATION_TITLE: pd.array(title, dtype="string"),
            S.SENT_AT: kept["local"].dt.tz_localize("UTC").reset_index(drop=True),
            S.SENDER_ID: sender,
            S.SENDER_NAME: kept["author"].reset_index(drop=True),
            S.SENDER_URL: pd.array([pd.NA] * n, dtype="string"),
            S.RECIPIENT_IDS: pd.Series(pd.arrays.ArrowExtensionArray(recipients)).astype(S.ID_LIST),
            S.DIRECTION: pd.array(
                np.where(sender.eq(owner_id).fillna(False), S.SENT, S.RECEIVED), dtype="string"
            ),
            S.IS_GROUP: np.array([group_of[c.number] for c in chats], dtype=bool)[file_no],
            S.IS_SPONSORED: np.zeros(n, dtype=bool),
            S.SUBJECT: pd.array([pd.NA] * n, dtype="string"),
            S.CONTENT: kept["content"].reset_index(drop=True),
            S.FOLDER: pd.array([pd.NA] * n, dtype="string"),
            S.HAS_ATTACHMENT: kept["has_attachment"].to_numpy(),
            S.SOURCE_LINE: kept["line"].to_numpy(dtype="int64"),
        }
    )
    frame = frame.sort_values([S.CONVERSATION_ID, S.SENT_AT, S.SOURCE_LINE], kind="stable")
    messages = S.conform(frame, S.MESSAGES_COLUMNS)
    return messages, _people(talked, names)


def _title(records, number, ids, owner_id, names, is_group) -> str | None:
    """A title when the file name gives none: the other person of a 1:1 chat, else iOS's system-note name."""
    others = sorted(i for i in ids if i != owner_id)
    if not is_group and len(others) == 1:
        return names.get(others[0])
    notes = records.loc[
        records["file"].eq(number) & records["reason"].eq(REASON_SYSTEM), ["author", "sender_id"]
    ]
    notes = notes.loc[notes["author"].notna() & ~notes["sender_id"].isin(ids)]
    return None if notes.empty else str(notes["author"].mode().sort_values().iloc[0])


def _people(ids: list[str], names: pd.Series) -> pd.DataFrame:
    """One row per person id in the messages (the people of chats with a message kept), the owner left out."""
    prefix = S.PLATFORM_ID_PREFIX[S.WHATSAPP]
    phones = [[] if i.startswith(prefix + "name:") else [i.removeprefix(prefix)] for i in ids]
    n = len(ids)
    frame = pd.DataFrame(
        {
            S.CONTACT_ID: pd.array(ids, dtype="string"),
            S.PLATFORM: S.constant(S.WHATSAPP, n),
            S.NAME: pd.array([names.get(i, pd.NA) for i in ids], dtype="string"),
            S.PROFILE_URL: pd.array([pd.NA] * n, dtype="string"),
            S.HANDLE: pd.array([pd.NA] * n, dtype="string"),
            S.EMAILS: pd.Series([[] for _ in ids], dtype=S.ID_LIST),
            S.PHONES: pd.Series(phones, dtype=S.ID_LIST),
            S.COMPANY: pd.array([pd.NA] * n, dtype="string"),
            S.POSITION: pd.array([pd.NA] * n, dtype="string"),
            S.IS_CONNECTION: np.zeros(n, dtype=bool),
            S.SEEN_IN: pd.array([_SEEN_IN] * n, dtype="string"),
        }
    )
    return S.conform(frame, S.PEOPLE_COLUMNS)


def _accounts(records: pd.DataFrame, chats: list[_Chat]) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The ledger (one balanced row per file), the excluded and the quarantined records."""
    file_names = np.array([c.name for c in chats], dtype=object)
    status = records["status"].to_numpy()
    file_no = records["file"].to_numpy(dtype="int64")
    out = status == EXCLUDED
    excluded = pd.DataFrame(
        {
            S.PLATFORM: S.constant(S.WHATSAPP, int(out.sum())),
            S.FILE: pd.array(file_names[file_no[out]], dtype="string"),
            S.LINE: records["line"].to_numpy(dtype="int64")[out],
            S.REASON: pd.array(records["reason"].to_numpy()[out], dtype="string"),
        }
    )
    bad = status == QUARANTINED
    junk = [c.junk.assign(file=c.number) for c in chats if len(c.junk)]
    quarantine = pd.concat(
        [
            *junk,
            pd.DataFrame(
                {
                    "file": file_no[bad],
                    S.LINE: records["line"].to_numpy()[bad],
                    S.REASON: records["reason"].to_numpy()[bad],
                    S.RAW: records["raw"].array[bad],
                }
            ),
        ],
        ignore_index=True,
    ).sort_values(["file", S.LINE], kind="stable")
    quarantine = quarantine.assign(
        **{
            S.PLATFORM: S.constant(S.WHATSAPP, len(quarantine), quarantine.index),
            S.FILE: pd.array(file_names[quarantine["file"].to_numpy(dtype="int64")], dtype="string"),
            S.RAW: quarantine[S.RAW].astype("string").str.slice(0, _RAW_CAP),
        }
    )
    n_files = len(chats)
    kept = np.bincount(file_no[status == KEPT], minlength=n_files)
    excluded_n = np.bincount(file_no[out], minlength=n_files)
    junk_n = np.array([len(c.junk) for c in chats], dtype="int64")
    quarantined = np.bincount(file_no[bad], minlength=n_files) + junk_n
    rows_read = np.bincount(file_no, minlength=n_files) + junk_n
    books = Ledger(S.WHATSAPP)
    books.add_files(
        list(file_names),
        [c.era for c in chats],
        rows_read=rows_read,
        kept=kept,
        excluded=excluded_n,
        quarantined=quarantined,
    )
    return (
        books.frame(),
        S.conform(excluded, S.EXCLUDED_COLUMNS),
        S.conform(quarantine, S.QUARANTINE_COLUMNS),
    )
