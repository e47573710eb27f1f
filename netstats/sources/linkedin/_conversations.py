"""messages.csv, second pass once the owner is known: the messages table (:func:`clean_messages`).

Each message gets its direction, its sender's and recipients' ids and its
conversation; sponsored and InMail rows are flagged, a judgement on evidence
(:func:`sponsored_rows`).  The 2018 format, without conversation ids or URLs,
has its own steps (``_legacy_people``, ``_legacy_conversations``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ... import schema as S
from ..._concurrent import in_background
from ..._export import Owner
from ..._text import (
    HTML_BODY,
    arrow_text,
    name_key,
    name_keys,
)
from ._codes import (
    _code_of,
    _Coded,
    _equals,
    _lengths,
    _list_column,
    _message_order,
    _newest_per_group,
    _prefixed,
    _string_array,
    _vocabulary,
    _with_missing,
)
from ._csv import RawTable
from ._identity import _name_ids, _name_pairs
from ._messages import SPONSORED_SENDERS, SPONSORED_TITLES, _Messages
from ._rows import _Cleaned

PROMOTION_SENDER = (
    r"(?i)\s(?:from|@)\s*linkedin(?:\s|$)"  # "Name from LinkedIn Premium", "Name @ LinkedIn Learning"
)
FIRSTNAME_PLACEHOLDER = "%FIRSTNAME%"
SPINMAIL = '<p class="spinmail-quill-editor'


def sponsored_rows(
    m: _Messages, by_owner: np.ndarray, connection_names: pd.Series | None = None
) -> np.ndarray:
    """Which messages are sponsored: a judgement on the evidence, only ever for senders without a profile URL.

    A sender whose name is one of the owner's connections is a person (the
    2018 format has no URLs at all), and so is the owner, whom LinkedIn may
    show as ``LinkedIn Member``.  Otherwise a message is sponsored when its
    title says so (``Sponsored Conversation``) or its body is LinkedIn's
    spinmail HTML; when ``LinkedIn Member`` sent it or its text holds the
    ``%FIRSTNAME%`` placeholder; or when a promotion sender ("Name from
    LinkedIn Premium", "Name @ LinkedIn Learning") sent an HTML body.
    The texts are read only for the rows the names did not settle.
    """
    n = len(m)
    sender_name = m.text["FROM"]
    title = m.text.get("CONVERSATION TITLE", _Coded.blank(n))
    no_url = m.sender_url.codes < 0
    if connection_names is not None and len(connection_names):
        connected = set(name_keys(connection_names.astype(S.STRING)).dropna())
        no_url &= ~sender_name.per_value(lambda v: name_key(v) in connected)
    member = sender_name.per_value(lambda v: v.casefold() in SPONSORED_SENDERS)
    promotion = sender_name.per_value(lambda v: re.search(PROMOTION_SENDER, v) is not None)
    sponsored = no_url & (title.per_value(lambda v: v.casefold() in SPONSORED_TITLES) | (member & ~by_owner))
    where = np.flatnonzero(no_url & ~sponsored)
    if len(where):
        text = m.content(where)
        starts = pc.fill_null(pc.starts_with(text, SPINMAIL), False).to_numpy(zero_copy_only=False)
        placeholder = pc.fill_null(pc.match_substring(text, FIRSTNAME_PLACEHOLDER), False).to_numpy(
            zero_copy_only=False
        )
        html_body = pc.fill_null(pc.match_substring_regex(text, HTML_BODY), False).to_numpy(
            zero_copy_only=False
        )
        sponsored[where] = starts | (placeholder & ~by_owner[where]) | (promotion[where] & html_body)
    return sponsored


def clean_messages(
    raw: RawTable,
    prepared: _Messages,
    owner: Owner,
    links: pd.Series | None = None,
    known_names: pd.Series | None = None,
    *,
    owner_rows: np.ndarray | None = None,
    connection_names: pd.Series | None = None,
) -> _Cleaned:
    """Second pass: direction, ids, recipients, conversations, sponsored flags.

    ``links`` maps name ids to URL ids (:func:`name_links`); ``known_names``
    are the names seen in the other files, used to read the 2018 ``To`` cells.
    ``owner_rows`` are the rows the owner sent (:func:`find_owner`; by
    default the rows from the owner's URL, or name without a URL), and
    ``connection_names`` the owner's connections' names, evidence that a
    URL-less sender is a person (:func:`sponsored_rows`).
    Text columns stay integer codes into their distinct values until the
    final table is built, so the identity work is done once per person and the
    set work (participants, groups, derived recipients) is numpy over all
    messages at once.
    """
    links = links if links is not None else pd.Series([], dtype=S.STRING)
    m = prepared
    out = _Cleaned(
        frame=S.empty_frame(S.MESSAGES_COLUMNS),
        excluded=m.excluded,
        quarantine=m.quarantine,
        notes=list(m.notes),
    )
    n = len(m)
    owner_key = name_key(owner.name) if owner.name else None
    by_owner = _sent_by_owner(m, owner, owner_key, owner_rows)
    sponsored = sponsored_rows(m, by_owner, connection_names)
    sent = by_owner & ~sponsored
    ids = (
        _legacy_people(m, owner, owner_key, links, known_names, sponsored)
        if m.legacy
        else _url_people(m, owner, links)
    )
    sender_code = _sender_codes(m, ids, sent, sponsored)
    conversations, conv, (is_group, rows, values) = _threads(m, ids, sender_code, sent, sponsored)
    valid = values >= 0

    # The table, sorted by conversation, time and line; every column is built once, in that order.
    instants = m.instants.view(np.int64)
    order = _message_order(conv, instants)
    position = np.empty(n, dtype=np.int64)
    position[order] = np.arange(n)
    if owner.contact_id is None:
        out.notes.append("The account owner could not be identified, so every message counts as received.")
    # the texts, the largest column, are gathered on another core while the others are built
    content = in_background(m.content, order, True)
    columns = _message_columns(
        m, order, pc.take(conversations, pa.array(conv[order])), sender_code, ids.people
    )
    columns[S.RECIPIENT_IDS] = pd.arrays.ArrowExtensionArray(
        _list_column(rows[valid], values[valid], ids.people, n, position)
    )
    columns[S.DIRECTION] = _Coded(
        sent.astype(np.int64), pa.array([S.RECEIVED, S.SENT], pa.large_string())
    ).strings(order)
    columns[S.IS_GROUP] = is_group[order]
    columns[S.IS_SPONSORED] = sponsored[order]

    # The people messages.csv names, for the contacts table.
    out.senders = _senders(m, sender_code, sent, instants, position, ids.people)
    out.recipients = pc.take(
        ids.people, pa.array(np.flatnonzero(np.bincount(values[valid], minlength=len(ids.people))))
    )
    out.named = _recipients_named(m, ids)
    texts = content()
    columns[S.CONTENT] = _string_array(_with_missing(texts, _lengths(texts) == 0))
    out.frame = S.conform(pd.DataFrame(columns), S.MESSAGES_COLUMNS)
    out.notes += _inbox_notes(m)
    return out


@dataclass
class _People:
    """Every id messages.csv gives, as a code into one sorted vocabulary of people (-1: nobody)."""

    people: pa.Array
    url_person: np.ndarray  # per distinct URL
    from_person: np.ndarray  # per distinct FROM name
    to_person: np.ndarray  # per distinct TO cell (not in 2018)
    owner_code: int
    listed_rows: np.ndarray  # the listed recipients: their message rows and people
    listed_code: np.ndarray
    listed_names: pd.Series | None = None  # 2018: the name each listed recipient was read from


def _sent_by_owner(
    m: _Messages, owner: Owner, owner_key: str | None, owner_rows: np.ndarray | None
) -> np.ndarray:
    """The rows the owner sent: 2018's direction, the rows find_owner gave, else the owner's URL or name."""
    if m.legacy:
        return m.outgoing.copy()
    if owner_rows is not None:
        return owner_rows
    sender_name = m.text["FROM"]
    by_name = (
        (m.sender_url.codes < 0) & sender_name.per_value(lambda v: name_key(v) == owner_key)
        if owner_key
        else np.zeros(len(m), bool)
    )
    return m.sender_url.equals(owner.profile_url) | by_name


def _owner_ids(owner: Owner) -> pa.Array:
    return pa.array([owner.contact_id] if owner.contact_id is not None else [], pa.large_string())


def _legacy_people(
    m: _Messages,
    owner: Owner,
    owner_key: str | None,
    links: pd.Series,
    known_names: pd.Series | None,
    sponsored: np.ndarray,
) -> _People:
    """2018: no URLs; the To cells are read as the names known from the export (the owner's among them)."""
    sender_name = m.text["FROM"]
    sender_names = pd.Series(_string_array(sender_name.values))
    not_sponsored = np.unique(sender_name.codes[~sponsored & (sender_name.codes >= 0)])
    others = known_names if known_names is not None else sender_names[:0]
    known = set(name_keys(pd.concat([sender_names.iloc[not_sponsored], others])).dropna())
    if owner_key:
        known.add(owner_key)
    listed_rows, listed_names = _name_pairs(m.text["TO"], known)
    listed_ids = _name_ids(listed_names, links)
    if owner_key:
        listed_ids = listed_ids.where(~_equals(name_keys(listed_names), owner_key), owner.contact_id)
    people, (from_person, listed_code, owner_code) = _vocabulary(
        [arrow_text(_name_ids(sender_names, links)), arrow_text(listed_ids), _owner_ids(owner)]
    )
    nobody = np.zeros(0, dtype=np.int64)
    return _People(
        people=people,
        url_person=nobody,
        from_person=from_person,
        to_person=nobody,
        owner_code=int(owner_code[0]) if len(owner_code) else -1,
        listed_rows=listed_rows,
        listed_code=listed_code,
        listed_names=listed_names,
    )


def _url_people(m: _Messages, owner: Owner, links: pd.Series) -> _People:
    """2021+: ids from the URLs, else the names; the listed recipients are the URL lists (2023+)."""
    sender_names = pd.Series(_string_array(m.text["FROM"].values))
    to_names = pd.Series(_string_array(m.text["TO"].values))
    people, (url_person, from_person, to_person, owner_code) = _vocabulary(
        [
            m.url_ids,
            arrow_text(_name_ids(sender_names, links)),
            arrow_text(_name_ids(to_names, links)),
            _owner_ids(owner),
        ]
    )
    the_owner = int(owner_code[0]) if len(owner_code) else -1
    # Listed recipients: the URL lists (2023+); the owner's URL is the owner.
    listed_person = url_person.copy()
    if owner.profile_url:
        listed_person[pc.equal(m.urls, owner.profile_url).to_numpy(zero_copy_only=False).astype(bool)] = (
            the_owner
        )
    return _People(
        people=people,
        url_person=url_person,
        from_person=from_person,
        to_person=to_person,
        owner_code=the_owner,
        listed_rows=m.recipient_rows,
        listed_code=listed_person[m.recipient_urls],
    )


def _threads(
    m: _Messages, ids: _People, sender_code: np.ndarray, sent: np.ndarray, sponsored: np.ndarray
) -> tuple[pa.Array, np.ndarray, tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """The conversations (their ids, each row's code) and each message's recipients (:func:`_recipients`)."""
    has_listed = np.zeros(len(m), bool)
    has_listed[ids.listed_rows] = True
    conversations, conv = _conversation_codes(
        m, sender_code, ids.listed_rows, ids.listed_code, ids.owner_code, ids.people, sponsored
    )
    who = _Speakers(conv, len(conversations), sender_code, ids.owner_code, ids.listed_rows, ids.listed_code)
    if m.legacy:
        lonely_rows, lonely_code = np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    else:
        lonely_rows, lonely_code = _lonely_rows(who, sent, m.text["TO"], ids.to_person)
    return conversations, conv, _recipients(who, lonely_rows, lonely_code, has_listed, len(ids.people))


def _sender_codes(m: _Messages, ids: _People, sent: np.ndarray, sponsored: np.ndarray) -> np.ndarray:
    """Each message's sender: by URL, else name; the owner for the rows they sent; nobody when sponsored."""
    sender_code = np.where(
        m.sender_url.codes >= 0,
        _code_of(ids.url_person, m.sender_url.codes),
        _code_of(ids.from_person, m.text["FROM"].codes),
    )
    sender_code = np.where(sent, ids.owner_code, sender_code)
    sender_code[sponsored] = -1
    return sender_code


def _message_columns(
    m: _Messages, order: np.ndarray, conversation_ids: pa.Array, sender_code: np.ndarray, people: pa.Array
) -> dict:
    """The columns that are one take each from the file's distinct values, in the table's order."""
    n = len(m)
    return {
        S.CONVERSATION_ID: _string_array(conversation_ids),
        S.CONVERSATION_TITLE: m.text.get("CONVERSATION TITLE", _Coded.blank(n)).strings(order),
        S.SENT_AT: pd.DatetimeIndex(m.instants[order]).tz_localize("UTC").array,
        S.SENDER_ID: _Coded(sender_code, people).strings(order),
        S.SENDER_NAME: m.text["FROM"].strings(order),
        S.SENDER_URL: m.sender_url.strings(order),
        S.SUBJECT: m.text.get("SUBJECT", _Coded.blank(n)).strings(order),
        S.FOLDER: m.text["FOLDER"].strings(order),
        S.HAS_ATTACHMENT: m.text.get("ATTACHMENTS", _Coded.blank(n)).codes[order] >= 0,
        S.SOURCE_LINE: m.lines[order],
        S.PLATFORM: S.constant(S.LINKEDIN, n).array,
    }


def _recipients_named(m: _Messages, ids: _People) -> pd.DataFrame:
    """Names for people seen only as recipients.

    A 1:1 message's TO names its one recipient (2021+); in 2018 every To name
    resolved above is a name.
    """
    if ids.listed_names is None:
        return _single_recipients_named(m, ids.listed_rows, ids.listed_code, m.text["TO"], ids.people)
    listed_code = ids.listed_code
    return pd.DataFrame(
        {
            S.CONTACT_ID: _string_array(pc.take(ids.people, pa.array(listed_code, mask=listed_code < 0))),
            S.NAME: ids.listed_names.array,
            S.PROFILE_URL: pd.array([pd.NA] * len(ids.listed_rows), dtype=S.STRING),
        }
    )


def _inbox_notes(m: _Messages) -> list[str]:
    """A note when messages.csv holds exactly 212 INBOX rows (real exports cut short had that count)."""
    if int(m.text["FOLDER"].equals("INBOX").sum()) != 212:
        return []
    return [
        "messages.csv holds exactly 212 INBOX rows, a count seen in several real exports "
        "that may mean LinkedIn cut the file short."
    ]


def _senders(
    m: _Messages,
    sender_code: np.ndarray,
    sent: np.ndarray,
    instants: np.ndarray,
    position: np.ndarray,
    people: pa.Array,
) -> pd.DataFrame:
    """Every person who wrote to the owner, with the name and URL of their latest message."""
    received = np.flatnonzero((sender_code >= 0) & ~sent)
    latest = _newest_per_group(sender_code[received], instants[received], position[received], len(people))
    latest = received[latest]
    return pd.DataFrame(
        {
            S.CONTACT_ID: _string_array(pc.take(people, pa.array(sender_code[latest]))),
            S.NAME: m.text["FROM"].strings(latest),
            S.PROFILE_URL: m.sender_url.strings(latest),
        }
    )


def _single_recipients_named(
    m: _Messages, listed_rows: np.ndarray, listed_code: np.ndarray, to_name: _Coded, people: pa.Array
) -> pd.DataFrame:
    """The people a 1:1 message lists (2021+), named by its TO: once per (person, name)."""
    n = len(m)
    single = np.bincount(listed_rows, minlength=n)[listed_rows] == 1 if n else np.zeros(0, bool)
    ids, names, urls = listed_code[single], to_name.codes[listed_rows[single]], m.recipient_urls[single]
    first = np.flatnonzero(~pd.Series(ids * (len(to_name.values) + 1) + names + 1).duplicated().to_numpy())
    return pd.DataFrame(
        {
            S.CONTACT_ID: _string_array(pc.take(people, pa.array(ids[first]))),
            S.NAME: _Coded(names[first], to_name.values).strings(),
            S.PROFILE_URL: _string_array(pc.take(m.urls, pa.array(urls[first]))),
        }
    )


def _conversation_codes(
    m: _Messages,
    sender_code: np.ndarray,
    listed_rows: np.ndarray,
    listed_code: np.ndarray,
    owner_code: int,
    people: pa.Array,
    sponsored: np.ndarray,
) -> tuple[pa.Array, np.ndarray]:
    """The distinct conversation ids and each row's code into them (2018: built from who wrote to whom)."""
    if m.legacy:
        conversation = _legacy_conversations(
            m.lines, sender_code, listed_rows, listed_code, owner_code, people, sponsored
        )
        conversations, (conv,) = _vocabulary([conversation])
        return conversations, conv
    given = m.text["CONVERSATION ID"]
    missing = given.codes < 0
    unknown = _prefixed("unknown:line-", pa.array(m.lines[missing]))
    conversations, (conv, unknown_conv) = _vocabulary([given.values, unknown], distinct=not len(unknown))
    conv = _code_of(conv, given.codes)
    conv[missing] = unknown_conv
    return conversations, conv


@dataclass(frozen=True)
class _Speakers:
    """Who wrote and who is listed in each row: codes into the conversations and the people."""

    conv: np.ndarray
    n_conv: int
    sender_code: np.ndarray
    owner_code: int
    listed_rows: np.ndarray
    listed_code: np.ndarray

    def __iter__(self):  # unpacked in the order above, without copying the arrays
        return iter(
            (self.conv, self.n_conv, self.sender_code, self.owner_code, self.listed_rows, self.listed_code)
        )


def _lonely_rows(
    who: _Speakers, sent: np.ndarray, to_name: _Coded, to_person: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Where only the owner wrote and no URLs are listed, TO (whole, never split) names the other side."""
    conv, n_conv, sender_code, owner_code, listed_rows, listed_code = who
    has_other = np.zeros(n_conv, dtype=bool)
    has_other[conv[(sender_code >= 0) & (sender_code != owner_code)]] = True
    has_other[conv[listed_rows[listed_code != owner_code]]] = True
    lonely_rows = np.flatnonzero(~has_other[conv] & sent & (to_name.codes >= 0))
    return lonely_rows, _code_of(to_person, to_name.codes[lonely_rows])


def _recipients(
    who: _Speakers, lonely_rows: np.ndarray, lonely_code: np.ndarray, has_listed: np.ndarray, n_people: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Whether each row is in a group, and its recipients as (row, person code) pairs.

    Participants of each conversation: senders, listed recipients, TO of lonely
    ones, the owner.  Rows without a listed recipient get everyone else in the
    conversation.
    """
    conv, n_conv, sender_code, owner_code, listed_rows, listed_code = who
    part_conv = [conv, conv[listed_rows], conv[lonely_rows]]
    part_code = [sender_code, listed_code, lonely_code]
    if owner_code >= 0:
        part_conv.append(np.arange(n_conv))
        part_code.append(np.full(n_conv, owner_code))
    pc_conv, pc_code = np.concatenate(part_conv).astype(np.int64), np.concatenate(part_code).astype(np.int64)
    known_person = pc_code >= 0
    width = max(n_people, 1)
    keys = np.sort(pd.unique(pc_conv[known_person] * width + pc_code[known_person]))
    p_conv, p_code = keys // width, keys % width
    size = np.bincount(p_conv, minlength=n_conv)
    is_group = size[conv] >= 3
    # Derived recipients for rows without a listed recipient: everyone else in the conversation.
    need = np.flatnonzero(~has_listed)
    starts = np.concatenate(([0], np.cumsum(size)[:-1])) if n_conv else np.zeros(0, dtype=np.int64)
    counts = size[conv[need]]
    rows_rep = np.repeat(need, counts)
    within = np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)
    derived_code = p_code[np.repeat(starts[conv[need]], counts) + within]
    other = derived_code != sender_code[rows_rep]
    rows = np.concatenate([listed_rows, rows_rep[other]]).astype(np.int64)
    values = np.concatenate([listed_code, derived_code[other]]).astype(np.int64)
    return is_group, rows, values


def _legacy_conversations(
    lines: np.ndarray,
    sender_code: np.ndarray,
    listed_rows: np.ndarray,
    listed_code: np.ndarray,
    owner_code: int,
    people: pa.Array,
    sponsored: np.ndarray,
) -> pa.Array:
    """2018 conversation ids: the sorted ids of the people in a message besides the owner (it has no ids)."""
    n = len(sender_code)
    rows = np.concatenate([np.arange(n), listed_rows]).astype(np.int64)
    codes = np.concatenate([sender_code, listed_code]).astype(np.int64)
    keep = (codes >= 0) & (codes != owner_code)
    width = max(len(people), 1)
    keys = np.unique(rows[keep] * width + codes[keep])
    joined = pc.binary_join(_list_column(keys // width, keys % width, people, n), "|").cast(pa.large_string())
    conversation = _prefixed(
        "2018:", pc.if_else(pc.equal(joined, ""), pa.scalar("unknown", joined.type), joined)
    )
    # Sponsored messages have no real sender: each is its own conversation.
    line_ids = _prefixed("2018:sponsored:line-", pa.array(lines))
    return pc.if_else(pa.array(sponsored), line_ids, conversation)
