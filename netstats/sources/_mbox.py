"""Read e-mail from an mbox (Gmail Takeout ``All mail Including Spam and Trash.mbox`` and others).

Only headers are read: who wrote to whom, when, about what.  Bodies are never
decoded (``content`` stays empty and a note says so).  Research file section 6
has the facts.

* **Mails** are found by their separator line: a line starting ``From `` and
  followed by the sender token and an asctime-like date (``From 1791...@xxx
  Mon Jan 08 10:00:00 +0000 2024``, ``From MAILER-DAEMON Fri Jul  8 12:08:34
  2011``).  Requiring the date keeps an unescaped ``From `` line in a body from
  splitting a mail.  Each mail's header block (up to the first blank line) is
  parsed with :mod:`email.parser` in headers-only mode; RFC 2047 encoded words
  in names, subjects and labels are decoded with :mod:`email.header`; dates go
  through :func:`email.utils.parsedate_to_datetime` to UTC (a date with no zone,
  ``-0000``, is taken as UTC and a note counts them).
* **Quarantined**: a mail with no readable ``From`` address, no parseable
  ``Date``, a date outside 1971-2100 (e-mail did not exist before 1971; later
  dates are forged or broken), headers over 1 MiB, and text before the first
  separator line.
* **Excluded by rule**: bulk or automated mail (``List-Unsubscribe``,
  ``List-Id``, ``Precedence: bulk/list/junk``, ``Auto-Submitted`` other than
  ``no``, or a no-reply / mailer-daemon sender: they are not people the owner
  knows), mail labelled Spam, drafts (labelled Drafts: never sent), and a mail
  already read from another file or earlier in the file (same ``Message-ID``).
* **The owner**, in order: the ``owner=`` e-mail addresses; else every
  address that sends the mails Gmail labels *Sent* (the label is localised: a
  small list of translations is known); else the one address present in
  From/To/Cc/Bcc of more than half of the mails, and of more mails than any
  other address.  When none of these decides, :class:`ExportFormatError` asks
  for ``owner=``.  All the owner's addresses (aliases) map to one id,
  ``email:<the address in most mails>``.
* **Messages**: ``sender_id = 'email:<address>'``; ``recipient_ids`` = To, Cc
  and Bcc (Gmail keeps Bcc on sent copies) without the sender, the owner added
  to received mail they were not named on (Bcc, lists); ``folder`` = the
  ``X-Gmail-Labels`` value; ``conversation_id = 'email:<X-GM-THRID>'``, else
  the root ``Message-ID`` of the thread (the first of ``References``, else the
  ``In-Reply-To`` parent, followed up the chain of mails in the mailbox);
  ``conversation_title`` = the subject of the conversation's first mail;
  ``has_attachment`` = a ``multipart/mixed`` top-level content type (the
  header-level sign of an attachment).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from email.errors import HeaderParseError
from email.header import decode_header, make_header
from email.message import Message
from email.parser import HeaderParser
from email.policy import compat32
from email.utils import getaddresses, parsedate_to_datetime
from pathlib import PurePosixPath

import numpy as np
import pandas as pd
import pyarrow as pa

from .. import schema as S
from .._errors import ExportFormatError
from .._export import Owner, Part
from .._text import normalise_email
from ._archive import ExportRules, SourceFile
from ._decode import check_encoding, decode_undeclared
from ._ledger import Ledger

FAMILY = "mbox"
MBOX = "mbox"  # logical kind
REPEATABLE = frozenset({MBOX})
ONE_EXPORT_AT_A_TIME = False  # the files of every path pooled into one read (see _registry.Reader)
EXPORT_RULES = ExportRules()  # nothing beyond the archive layer's own rules

REASON_BULK = "bulk or automated mail"
REASON_SPAM = "labelled Spam"
REASON_DRAFT = "draft (never sent)"
REASON_DUPLICATE = "duplicate of an earlier mail (same Message-ID)"
REASON_NO_FROM = "no From address"
REASON_NO_DATE = "no parseable Date header"
REASON_DATE_RANGE = "Date outside 1971-2100"
REASON_HUGE = "headers longer than 1 MiB"
REASON_PREAMBLE = "text before the first 'From ' separator line"
NOTE_NO_BODIES = (
    "E-mail bodies are not read: messages.content is empty; only who wrote to whom, when and the subject."
)
MAX_HEADER_BYTES = 1 << 20
MAX_RAW_CHARS = 2000
FIRST_YEAR, LAST_YEAR = 1971, 2100
ERA_GMAIL = "gmail"
ERA_MBOX = "mbox"

# The 'From ' separator: sender token, then an asctime-like date (weekday, month, day, time).
_SEPARATOR = re.compile(
    rb"^From \S+ +[A-Z][a-z]{2},? +[A-Z][a-z]{2} +\d{1,2},? +\d{1,2}:\d{2}[^\r\n]*", re.MULTILINE
)
_HEADER_FIELD = re.compile(rb"[\x21-\x39\x3b-\x7e]+:")
# A separator line some writers leave without its date ('From sender' alone): still a separator when
# it follows a blank line (or starts the file) and a header field follows it.
_BARE_SEPARATOR = re.compile(rb"^From \S+[ \t]*\r?\n(?=[\x21-\x39\x3b-\x7e]+:)", re.MULTILINE)
_BLANK_LINE = re.compile(rb"\r?\n\r?\n")
_MESSAGE_ID = re.compile(r"<([^<>\s]+)>")
_FOLDED = re.compile(r"\r?\n[ \t]")
_LABEL = re.compile(r'\s*("(?:[^"\\]|\\.)*"|[^,]*)\s*(?:,|$)')
_NO_REPLY = r"^(?:no[-_.]?reply|do[-_.]?not[-_.]?reply|mailer-daemon|postmaster|bounces?)(?:[+-][^@]*)?@"
_BULK_PRECEDENCE = {"bulk", "list", "junk"}
# Gmail's Sent, Spam and Drafts labels in the languages Takeout writes them in (casefolded).
SENT_LABELS = frozenset(
    {
        "sent",
        "sent mail",
        "sent items",
        "gesendet",
        "envoyés",
        "messages envoyés",
        "enviados",
        "enviadas",
        "inviati",
        "posta inviata",
        "verzonden",
        "skickat",
        "sendt",
        "lähetetyt",
        "wysłane",
        "odeslané",
        "отправленные",
        "gönderilmiş",
        "送信済み",
        "已发送",
        "已发送邮件",
        "보낸편지함",
        "elküldött",
        "trimise",
    }
)
SPAM_LABELS = frozenset({"spam", "pourriel", "correo no deseado", "posta indesiderata", "спам"})
DRAFT_LABELS = frozenset(
    {"drafts", "draft", "entwürfe", "brouillons", "borradores", "bozze", "concepten", "черновики"}
)


def claim(name: str) -> str | None:
    """Return ``'mbox'`` for a member path ending in ``.mbox``, else None.

    Examples
    --------
    >>> claim("Takeout/Mail/All mail Including Spam and Trash.mbox")
    'mbox'
    >>> claim("messages.csv") is None
    True
    """
    return MBOX if PurePosixPath(name.replace("\\", "/")).suffix.casefold() == ".mbox" else None


def sniff(head: bytes) -> str | None:
    """Return ``'mbox'`` when a file starts with an mbox separator line followed by a header field.

    Examples
    --------
    >>> sniff(b"From 1791@xxx Mon Jan 08 10:00:00 +0000 2024\\r\\nX-GM-THRID: 1791\\r\\n")
    'mbox'
    >>> sniff(b"From: Ann <ann@example.org>\\n") is None, sniff(b"12/01/2024, 10:00 - Ann: hi\\n") is None
    (True, True)
    """
    head = head.removeprefix(b"\xef\xbb\xbf")
    match = _SEPARATOR.match(head)
    if not match:
        return None
    rest = head[match.end() :].lstrip(b"\r\n")
    return MBOX if _HEADER_FIELD.match(rest) else None


# ---------------------------------------------------------------- header parsing (one loop per mail)
def _text(value: str | None) -> str | None:
    """A header value unfolded, RFC 2047 words decoded; None when empty."""
    if value is None:
        return None
    value = _FOLDED.sub(" ", str(value))
    try:
        value = str(make_header(decode_header(value)))
    except (LookupError, UnicodeError, ValueError, HeaderParseError):
        pass  # an unknown charset or broken encoded word: keep the text as written
    value = value.strip()
    return value or None


def _name(value: str) -> str | None:
    """A display name decoded; None when empty or just the address again."""
    name = _text(value)
    if name is None:
        return None
    name = name.strip().strip('"').strip()
    return None if not name or normalise_email(name) is not None else name


def _first_id(value: str | None) -> str | None:
    if not value:
        return None
    match = _MESSAGE_ID.search(value)
    return match.group(1) if match else None


def _labels(value: str | None) -> list[str]:
    if not value:
        return []
    out = []
    for match in _LABEL.finditer(value):
        label = match.group(1).strip()
        if label.startswith('"') and label.endswith('"') and len(label) >= 2:
            label = label[1:-1].replace('\\"', '"')
        if label:
            out.append(label)
        if match.end() >= len(value):
            break
    return out


def _is_bulk(headers) -> bool:
    if headers.get("List-Unsubscribe") is not None or headers.get("List-Id") is not None:
        return True
    if (headers.get("Precedence") or "").strip().casefold() in _BULK_PRECEDENCE:
        return True
    auto = (headers.get("Auto-Submitted") or "").strip().casefold()
    return bool(auto) and auto != "no"


class _Mails:
    """Flat columns gathered by the per-mail header loop (the only per-mail Python code)."""

    def __init__(self) -> None:
        self.mail: list[int] = []  # one entry per readable mail
        self.line: list[int] = []
        self.raw: list[str] = []
        self.sender_name: list[str | None] = []
        self.sender: list[str] = []
        self.sent_at: list[dt.datetime] = []
        self.subject: list[str | None] = []
        self.message_id: list[str | None] = []
        self.parent: list[str | None] = []
        self.thread: list[str | None] = []
        self.labels: list[str | None] = []
        self.bulk: list[bool] = []
        self.mixed: list[bool] = []
        self.gmail: list[bool] = []
        self.to_mail: list[int] = []  # one entry per recipient address
        self.to_address: list[str] = []
        self.to_name: list[str | None] = []
        self.quarantine: list[dict] = []
        self.no_zone = 0
        self.undeclared = 0  # mails whose header bytes needed the fallback encoding


def _parse_mail(
    mails: _Mails, number: int, line: int, raw_bytes: bytes, file: str, encoding: str | None
) -> None:
    """Read one mail's headers into ``mails`` (or its quarantine)."""
    text, fallback = decode_undeclared(raw_bytes, encoding)
    raw = text[:MAX_RAW_CHARS]

    def quarantine(reason: str) -> None:
        mails.quarantine.append(
            {S.PLATFORM: S.EMAIL_PLATFORM, S.FILE: file, S.LINE: line, S.REASON: reason, S.RAW: raw}
        )

    if len(raw_bytes) > MAX_HEADER_BYTES:
        return quarantine(REASON_HUGE)
    headers = HeaderParser(policy=compat32).parsestr(text, headersonly=True)
    senders = [
        (n, normalise_email(a))
        for n, a in getaddresses([_FOLDED.sub(" ", str(v)) for v in headers.get_all("From", [])])
    ]
    senders = [(n, a) for n, a in senders if a]
    if not senders:
        return quarantine(REASON_NO_FROM)
    when, problem, no_zone = _sent_at(headers)
    mails.no_zone += no_zone  # a Date without a zone is counted even when it is then out of range
    if problem is not None:
        return quarantine(problem)
    mails.undeclared += fallback
    mails.mail.append(number)
    mails.line.append(line)
    mails.raw.append(raw)
    mails.sender_name.append(_name(senders[0][0]))
    mails.sender.append(senders[0][1])
    mails.sent_at.append(when)
    _append_headers(mails, number, headers)


def _sent_at(headers: Message) -> tuple[dt.datetime | None, str | None, bool]:
    """The Date header in UTC, else the reason to quarantine the mail; and whether it had no time zone."""
    try:
        when = parsedate_to_datetime(_FOLDED.sub(" ", str(headers.get("Date", ""))).strip())
    except (TypeError, ValueError, IndexError, OverflowError):
        when = None
    if when is None:
        return None, REASON_NO_DATE, False
    no_zone = when.tzinfo is None
    if no_zone:
        when = when.replace(tzinfo=dt.UTC)
    try:
        when = when.astimezone(dt.UTC)
    except (OverflowError, ValueError):
        return None, REASON_DATE_RANGE, no_zone
    if not FIRST_YEAR <= when.year <= LAST_YEAR:
        return None, REASON_DATE_RANGE, no_zone
    return when, None, no_zone


def _append_headers(mails: _Mails, number: int, headers: Message) -> None:
    """Append what a kept mail's other headers say: subject, ids, thread, labels, kind, recipients."""
    mails.subject.append(_text(headers.get("Subject")))
    own_id = _first_id(headers.get("Message-ID"))
    mails.message_id.append(own_id)
    references = _MESSAGE_ID.findall(str(headers.get("References") or ""))
    mails.parent.append(references[0] if references else _first_id(headers.get("In-Reply-To")))
    thread = (headers.get("X-GM-THRID") or "").strip()
    mails.thread.append(thread or None)
    labels = headers.get("X-Gmail-Labels")
    mails.labels.append(",".join(_labels(_text(labels))) or None if labels is not None else None)
    mails.gmail.append(bool(thread) or labels is not None)
    mails.bulk.append(_is_bulk(headers))
    mails.mixed.append((headers.get("Content-Type") or "").strip().casefold().startswith("multipart/mixed"))
    values = [_FOLDED.sub(" ", str(v)) for field in ("To", "Cc", "Bcc") for v in headers.get_all(field, [])]
    for name, address in getaddresses(values):
        address = normalise_email(address)
        if address:
            mails.to_mail.append(number)
            mails.to_address.append(address)
            mails.to_name.append(_name(name))


def _separator_starts(data: bytes) -> list[int]:
    """Where each mail starts: the dated separator lines, and undated ones that sit where a separator goes.

    Examples
    --------
    >>> mbox = (b"From a@x Mon Jan 08 10:00:00 2024\\nSubject: one\\n\\nhi\\n\\n"
    ...         b"From b@x\\nSubject: two\\n\\nFrom here on, a body line\\nnot: a header\\n")
    >>> _separator_starts(mbox)
    [0, 52]
    """
    dated = {m.start() for m in _SEPARATOR.finditer(data)}
    bare = {
        m.start()
        for m in _BARE_SEPARATOR.finditer(data)
        if m.start() == 0 or data.endswith((b"\n\n", b"\n\r\n"), 0, m.start())
    }
    return sorted(dated | bare)


def _read_file(src: SourceFile, encoding: str | None) -> tuple[_Mails, int]:
    """Parse one mbox file's headers; return the mails and the number of records (mails + preamble)."""
    data = src.data
    if encoding is not None:
        check_encoding(encoding, src.name)
    starts = _separator_starts(data)
    if not starts:
        raise ExportFormatError(
            "no mbox separator line ('From <sender> <date>') found",
            file=src.name,
            expected="an mbox file as Gmail Takeout writes it (All mail Including Spam and Trash.mbox)",
            fix="export the mail again from takeout.google.com (Mail, mbox format)",
        )
    # Line of each separator: newlines counted between consecutive separators
    # (no per-byte array: mboxes reach GBs).
    lines = np.cumsum([data.count(b"\n", a, b) for a, b in zip([0, *starts[:-1]], starts, strict=True)]) + 1
    mails = _Mails()
    records = len(starts)
    preamble = data[: starts[0]].removeprefix(b"\xef\xbb\xbf")
    if preamble.strip():
        records += 1
        mails.quarantine.append(
            {
                S.PLATFORM: S.EMAIL_PLATFORM,
                S.FILE: src.name,
                S.LINE: 1,
                S.REASON: REASON_PREAMBLE,
                S.RAW: preamble[: MAX_RAW_CHARS * 4].decode("utf-8", errors="replace")[:MAX_RAW_CHARS],
            }
        )
    ends = [*starts[1:], len(data)]
    for number, (start, end, line) in enumerate(zip(starts, ends, lines.tolist(), strict=True), start=1):
        body_start = data.find(b"\n", start, end)
        header_start = end if body_start < 0 else body_start + 1
        blank = _BLANK_LINE.search(data, max(header_start - 1, start), end)
        header_end = end if blank is None else blank.start() + 1
        if header_end - header_start > MAX_HEADER_BYTES:
            header_end = header_start + MAX_HEADER_BYTES + 1
        _parse_mail(mails, number, line, data[header_start:header_end], src.name, encoding)
    return mails, records


# ---------------------------------------------------------------- owner
def _owner(
    frame: pd.DataFrame, recipients: pd.DataFrame, owner: Sequence[str], files: Sequence[SourceFile]
) -> tuple[set[str], Owner]:
    """The owner's addresses and the Owner (see the module docstring for the rule)."""
    usable = frame.loc[frame["rule"].isna()]
    people = pd.concat(
        [
            pd.DataFrame({"mail": usable["key"], "address": usable["sender"], "name": usable["sender_name"]}),
            recipients.loc[recipients["key"].isin(usable["key"]), ["key", "address", "name"]].rename(
                columns={"key": "mail"}
            ),
        ],
        ignore_index=True,
    )
    in_mails = people.drop_duplicates(["mail", "address"])["address"].value_counts()
    given = {e for e in (normalise_email(o) for o in owner) if e}
    where = files[0].name
    if given:
        addresses, found_by = given & set(in_mails.index), "owner= addresses"
        if not addresses:
            raise ExportFormatError(
                "none of the owner= e-mail addresses appears in From, To, Cc or Bcc of the mails",
                file=where,
                expected="the address(es) the mailbox was exported from",
                fix="pass the address(es) you send mail from:"
                " netstats.load(..., owner=['you@example.org']) or --owner",
            )
    else:
        labelled = usable.loc[usable["is_sent_label"], "sender"]
        if len(labelled):
            addresses, found_by = set(labelled), "the sender of the mails labelled Sent"
        else:
            top = in_mails.sort_index().sort_values(ascending=False, kind="stable")
            decided = (
                len(top) and top.iloc[0] * 2 > len(usable) and (len(top) == 1 or top.iloc[0] > top.iloc[1])
            )
            if not decided:
                raise ExportFormatError(
                    "cannot tell which address is the owner's: no mail is labelled Sent and no address is in "
                    "more than half of the mails (and more of them than any other)",
                    file=where,
                    expected="a Gmail Takeout mbox (X-Gmail-Labels with Sent), or one address in most mails",
                    fix="pass your e-mail address(es):"
                    " netstats.load(..., owner=['you@example.org']) or --owner you@example.org",
                )
            addresses, found_by = {top.index[0]}, "the address present in most mails"
    counts = in_mails.reindex(sorted(addresses)).fillna(0)
    primary = counts.sort_values(ascending=False, kind="stable").index[0]
    names = people.loc[people["address"].eq(primary) & people["name"].notna(), "name"]
    if len(names):
        name = names.value_counts().sort_index().sort_values(ascending=False, kind="stable").index[0]
    else:
        name = next(
            (
                o
                for o in owner
                if normalise_email(o) is None and "@" not in o and not any(c.isdigit() for c in o)
            ),
            None,
        )
    return addresses, Owner(name=name, profile_url=None, contact_id=f"email:{primary}", found_by=found_by)


# ---------------------------------------------------------------- tables (vectorised from here on)
def _file_frame(mails: _Mails, file: str, order: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    key = [f"{order}:{m}" for m in mails.mail]
    frame = pd.DataFrame(
        {
            "key": pd.Series(key, dtype=S.STRING),
            "file": file,
            "order": order,
            "line": np.asarray(mails.line, dtype=np.int64),
            "raw": pd.Series(mails.raw, dtype=S.STRING),
            "sender_name": pd.Series(mails.sender_name, dtype=S.STRING),
            "sender": pd.Series(mails.sender, dtype=S.STRING),
            "sent_at": pd.to_datetime(pd.Series(mails.sent_at, dtype=object), utc=True).astype(S.UTC_TIME),
            "subject": pd.Series(mails.subject, dtype=S.STRING),
            "message_id": pd.Series(mails.message_id, dtype=S.STRING),
            "parent": pd.Series(mails.parent, dtype=S.STRING),
            "thread": pd.Series(mails.thread, dtype=S.STRING),
            "labels": pd.Series(mails.labels, dtype=S.STRING),
            "bulk": np.asarray(mails.bulk, dtype=bool),
            "mixed": np.asarray(mails.mixed, dtype=bool),
            "gmail": np.asarray(mails.gmail, dtype=bool),
        }
    )
    recipients = pd.DataFrame(
        {
            "key": pd.Series([f"{order}:{m}" for m in mails.to_mail], dtype=S.STRING),
            "address": pd.Series(mails.to_address, dtype=S.STRING),
            "name": pd.Series(mails.to_name, dtype=S.STRING),
        }
    )
    return frame, recipients


def _label_set_has(labels: pd.Series, vocabulary: frozenset[str]) -> np.ndarray:
    """Whether any of a mail's comma-joined labels is in ``vocabulary`` (casefolded)."""
    exploded = labels.str.split(",").explode()
    hit = exploded.astype(S.STRING).str.strip().str.casefold().isin(vocabulary)
    return hit.groupby(level=0).any().reindex(labels.index, fill_value=False).to_numpy(dtype=bool)


def _rules(frame: pd.DataFrame) -> pd.Series:
    """The exclusion reason of each mail (NA: kept), first rule that applies wins."""
    rule = pd.Series(pd.NA, index=frame.index, dtype=S.STRING)
    no_reply = frame["sender"].str.contains(_NO_REPLY, regex=True).fillna(False).to_numpy(dtype=bool)
    duplicate = (
        frame["message_id"].notna().to_numpy() & frame["message_id"].duplicated(keep="first").to_numpy()
    )
    for mask, reason in (
        (duplicate, REASON_DUPLICATE),
        (_label_set_has(frame["labels"], DRAFT_LABELS), REASON_DRAFT),
        (frame["bulk"].to_numpy() | no_reply, REASON_BULK),
        (_label_set_has(frame["labels"], SPAM_LABELS), REASON_SPAM),
    ):
        rule = rule.mask(mask & rule.isna().to_numpy(), reason)
    return rule


def _roots(frame: pd.DataFrame) -> pd.Series:
    """The root Message-ID of each mail's thread, following parents found in the mailbox."""
    own = frame["message_id"]
    root = frame["parent"].fillna(own)
    known = pd.Series(root.to_numpy(), index=own.to_numpy()).loc[lambda s: s.index.notna()]
    known = known.loc[~known.index.duplicated()]
    for _ in range(16):  # pointer jumping: each pass doubles the chain length followed
        step = root.map(known).fillna(root)
        if step.equals(root):
            break
        root = step
    return root.astype(S.STRING)


def _lists(long: pd.DataFrame, keys: pd.Series) -> pd.Series:
    """One list of ids per mail in ``keys`` order, from a long (key, id) table already in order."""
    position = pd.Series(np.arange(len(keys)), index=keys.to_numpy())
    codes = position.reindex(long["key"].to_numpy()).to_numpy()
    order = np.argsort(codes, kind="stable")
    offsets = np.searchsorted(codes[order], np.arange(len(keys) + 1)).astype(np.int32)
    values = pa.array(long["id"].to_numpy(dtype=object)[order], pa.string())
    return pd.Series(
        pd.arrays.ArrowExtensionArray(pa.ListArray.from_arrays(pa.array(offsets), values)), index=keys.index
    )


def read(
    files: Sequence[SourceFile], *, source: str, encoding: str | None = None, owner: Sequence[str] = ()
) -> list[Part]:
    """Read mbox files (headers only) into one e-mail part.

    Parameters
    ----------
    files : sequence of SourceFile
        The mbox files :func:`netstats.sources._archive.open_export` handed to this family.
    source : str
        The path the files were read from.
    encoding : str, optional
        How to decode header bytes that declare no charset and are not UTF-8
        (default: Latin-1; never refused, counted in a note): see
        :mod:`netstats.sources._decode`.
    owner : sequence of str
        The owner's e-mail addresses (names and phone numbers are ignored here,
        except a name when the mails never show one).

    Returns
    -------
    list of Part
        One part with platform ``'email'``.

    Raises
    ------
    ExportFormatError
        A file without any mbox separator line, or an owner that cannot be
        determined (pass ``owner=``).

    Examples
    --------
    >>> mbox = (b"From 1@xxx Mon Jan 08 10:00:00 +0000 2024\\n"
    ...         b"From: Ann <ann@example.org>\\nTo: bo@example.org\\nSubject: Hi\\n"
    ...         b"Date: Mon, 08 Jan 2024 10:00:00 +0100\\nX-Gmail-Labels: Sent\\n\\nbody\\n")
    >>> [part] = read([SourceFile("mbox", "mail.mbox", mbox, FAMILY)], source="mail.mbox")
    >>> part.owner.contact_id, part.owner.found_by
    ('email:ann@example.org', 'the sender of the mails labelled Sent')
    >>> m = part.messages.iloc[0]
    >>> str(m.sent_at), m.direction, list(m.recipient_ids), m.conversation_id
    ('2024-01-08 09:00:00+00:00', 'sent', ['email:bo@example.org'], 'email:mail.mbox#1')
    """
    mboxes = sorted(files, key=lambda f: f.name)
    if not mboxes:
        raise ExportFormatError("no mbox file was given to the e-mail reader", expected="an .mbox file")
    frame, to, quarantine, books_base, notes = _read_files(mboxes, encoding)
    frame["rule"] = _rules(frame)
    frame["is_sent_label"] = _label_set_has(frame["labels"], SENT_LABELS)
    addresses, found = _owner(frame, to, owner, mboxes)
    owner_id = found.contact_id

    def ids(address: pd.Series) -> pd.Series:
        out = "email:" + address.astype(S.STRING)
        return out.mask(address.isin(addresses), owner_id)

    kept = frame.loc[frame["rule"].isna()].reset_index(drop=True)
    sender_id = ids(kept["sender"])
    kept_to = to.loc[to["key"].isin(kept["key"])].assign(id=lambda d: ids(d["address"]))
    messages = _messages(kept, kept_to, sender_id, owner_id)
    excluded_rows = frame.loc[frame["rule"].notna()]
    excluded = pd.DataFrame(
        {
            S.PLATFORM: S.EMAIL_PLATFORM,
            S.FILE: excluded_rows["file"],
            S.LINE: excluded_rows["line"],
            S.REASON: excluded_rows["rule"],
        }
    )
    books = Ledger(S.EMAIL_PLATFORM)
    for name, era, records, n_quarantined in books_base:
        n_kept = int(kept["file"].eq(name).sum())
        n_excluded = int(excluded_rows["file"].eq(name).sum())
        books.add(name, era, rows_read=records, kept=n_kept, excluded=n_excluded, quarantined=n_quarantined)
    latest = messages[S.SENT_AT].max() if len(messages) else None
    return [
        Part(
            platform=S.EMAIL_PLATFORM,
            source=source,
            connections=S.empty_frame(S.CONNECTIONS_COLUMNS),
            messages=messages,
            invitations=S.empty_frame(S.INVITATIONS_COLUMNS, S.INVITATIONS_DTYPES),
            people=_people(kept, kept_to, sender_id, owner_id),
            owner=found,
            ledger=books.frame(),
            excluded=S.conform(excluded, S.EXCLUDED_COLUMNS),
            quarantine=S.conform(
                pd.DataFrame(quarantine, columns=list(S.QUARANTINE_COLUMNS)), S.QUARANTINE_COLUMNS
            ),
            notes=tuple(notes),
            latest=None if latest is None or pd.isna(latest) else latest,
        )
    ]


def _read_files(
    mboxes: list[SourceFile], encoding: str | None
) -> tuple[pd.DataFrame, pd.DataFrame, list, list[tuple[str, str, int, int]], list[str]]:
    """Every mail of every file (a row each), their addressees, the quarantine, ledger counts and notes."""
    frames, recipients, quarantine, books_base, notes = [], [], [], [], [NOTE_NO_BODIES]
    for order, src in enumerate(mboxes):
        mails, records = _read_file(src, encoding)
        frame, to = _file_frame(mails, src.name, order)
        frames.append(frame)
        recipients.append(to)
        quarantine += mails.quarantine
        books_base.append(
            (src.name, ERA_GMAIL if frame["gmail"].any() else ERA_MBOX, records, len(mails.quarantine))
        )
        if mails.no_zone:
            notes.append(
                f"{src.name}: {mails.no_zone} mail(s) have a Date with no time zone (-0000); read as UTC."
            )
        if mails.undeclared:
            notes.append(
                f"{src.name}: {mails.undeclared} mail(s) have header bytes that are not UTF-8; decoded as "
                f"{encoding or 'Latin-1'} (pass encoding= if names look wrong)."
            )
    return (
        pd.concat(frames, ignore_index=True),
        pd.concat(recipients, ignore_index=True),
        quarantine,
        books_base,
        notes,
    )


def _messages(kept: pd.DataFrame, kept_to: pd.DataFrame, sender_id: pd.Series, owner_id: str) -> pd.DataFrame:
    """The messages table of the kept mails: one conversation per thread, recipients in To, Cc, Bcc order."""
    direction = pd.Series(np.where(sender_id.eq(owner_id), S.SENT, S.RECEIVED), dtype=S.STRING)
    # Recipients: To, Cc, Bcc in order, de-duplicated, without the sender; the owner added to received mail.
    long = kept_to.merge(
        pd.DataFrame({"key": kept["key"], "sender_id": sender_id}), on="key", how="left", sort=False
    )
    long = long.loc[long["id"].ne(long["sender_id"])].drop_duplicates(["key", "id"])
    has_owner = long.loc[long["id"].eq(owner_id), "key"]
    missing_owner = kept.loc[
        direction.eq(S.RECEIVED).to_numpy() & ~kept["key"].isin(has_owner).to_numpy(), "key"
    ]
    long = pd.concat(
        [long[["key", "id"]], pd.DataFrame({"key": missing_owner, "id": owner_id})], ignore_index=True
    )
    recipient_ids = _lists(long, kept["key"])
    root = _roots(kept)
    fallback = kept["file"].astype(S.STRING) + "#" + kept["line"].astype(str).astype(S.STRING)
    conversation = "email:" + kept["thread"].fillna(root).fillna(fallback)
    messages = pd.DataFrame(
        {
            S.PLATFORM: S.EMAIL_PLATFORM,
            S.CONVERSATION_ID: conversation,
            S.SENT_AT: kept["sent_at"],
            S.SENDER_ID: sender_id,
            S.SENDER_NAME: kept["sender_name"],
            S.SENDER_URL: pd.NA,
            S.RECIPIENT_IDS: recipient_ids,
            S.DIRECTION: direction,
            S.IS_GROUP: recipient_ids.list.len().to_numpy() + 1 >= 3,
            S.IS_SPONSORED: False,
            S.SUBJECT: kept["subject"],
            S.CONTENT: pd.NA,
            S.FOLDER: kept["labels"],
            S.HAS_ATTACHMENT: kept["mixed"],
            S.SOURCE_LINE: kept["line"],
            "order": kept["order"],
        }
    )
    messages = messages.sort_values([S.CONVERSATION_ID, S.SENT_AT, S.SOURCE_LINE, "order"], kind="stable")
    messages[S.CONVERSATION_TITLE] = messages.groupby(S.CONVERSATION_ID)[S.SUBJECT].transform("first")
    return S.conform(messages, S.MESSAGES_COLUMNS)


def _people(kept: pd.DataFrame, kept_to: pd.DataFrame, sender_id: pd.Series, owner_id: str) -> pd.DataFrame:
    """Everyone in the kept mails but the owner, with the display name they are most often shown with."""
    sender_kept = kept.assign(id=sender_id)[["id", "sender_name"]].rename(columns={"sender_name": "name"})
    named = pd.concat([sender_kept, kept_to[["id", "name"]]], ignore_index=True)
    named = named.loc[named["id"].ne(owner_id)]
    counts = named.dropna(subset=["name"]).value_counts(["id", "name"]).reset_index(name="n")
    best = (
        counts.sort_values(["id", "n", "name"], ascending=[True, False, True])
        .drop_duplicates("id")
        .set_index("id")["name"]
    )
    person_ids = pd.Series(sorted(set(named["id"])), dtype=S.STRING)
    addresses_of = person_ids.str.removeprefix("email:")
    people = pd.DataFrame(
        {
            S.CONTACT_ID: person_ids,
            S.PLATFORM: S.EMAIL_PLATFORM,
            S.NAME: best.reindex(person_ids.to_numpy()).to_numpy(),
            S.PROFILE_URL: pd.NA,
            S.HANDLE: pd.NA,
            S.EMAILS: pd.Series(pd.array([[a] for a in addresses_of], dtype=S.ID_LIST)),
            S.PHONES: pd.Series(pd.array([[] for _ in addresses_of], dtype=S.ID_LIST)),
            S.COMPANY: pd.NA,
            S.POSITION: pd.NA,
            S.IS_CONNECTION: False,
            S.SEEN_IN: "messages",
        }
    )
    return S.conform(people, S.PEOPLE_COLUMNS)
