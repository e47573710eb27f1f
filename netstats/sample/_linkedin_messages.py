"""The LinkedIn sample's messages.csv rows: the plan's messages with their people, texts and folders.

:func:`message_frame` takes the :class:`._linkedin_plan._Plan` (who writes how many messages, when),
adds the owner's drafts, orders the rows as LinkedIn does, and fills every cell: sender and
recipients, conversation titles and subjects, the texts of each category of message (chats,
long letters, pitches, outreach, drafts, sponsored InMail), empty contents, attachments, folders
and conversation ids.  It also plants the confidences (one message from each of a few core and
occasional contacts), part of the planted truth.
"""

from __future__ import annotations

import base64

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .. import schema as S
from ._arrays import _choose, _fill, _first_names, _hex, _large, _scatter, _strings, _take, _text_array
from ._linkedin_plan import (
    _CHAT,
    _DRAFT,
    _FOLLOW_UP,
    _GROUP,
    _LONG,
    _NEW,
    _OUTREACH_FIRST,
    _OUTREACH_FOLLOW,
    _PITCH,
    _SPONSORED,
    _Plan,
)
from ._people import _KIND_CODE, _Cast
from ._words import (
    _CHAT_BODIES,
    _CHAT_CLOSERS,
    _CHAT_OPENERS,
    _CONFIDED,
    _DRAFTS,
    _EVERYDAY_NOTE_PARTS,
    _GROUP_BODIES,
    _GROUP_TITLES,
    _LONG_BODIES,
    _NEW_FROM_CONTACT,
    _NEW_FROM_OWNER,
    _OLD_INMAIL,
    _ORPHAN_DRAFT_SUBJECT,
    _OUTREACH,
    _OUTREACH_FOLLOW_UPS,
    _OUTREACH_TAILS,
    _OWNER_FIRST,
    _PITCH_FOLLOW_UPS,
    _PITCH_INDUSTRIES,
    _PITCH_OUTCOMES,
    _PITCH_TAILS,
    _PITCHES,
    _SIGNED_PITCH,
    _SPIN,
    _SPONSOR,
    _SPONSOR_BRANDS,
    _SPONSOR_OFFERS,
    _SPONSOR_SUBJECTS,
    _SPONSOR_TITLES,
)


def message_frame(cast: _Cast, plan: _Plan) -> tuple[pd.DataFrame, np.ndarray]:
    """The rows of messages.csv (:attr:`SampleExport.messages`) and who confided in the owner, by person."""
    rng = cast.rng
    conv, sender, days, category, group_slot = _rows_with_drafts(cast, plan)
    size = conv.size
    n_one, n_groups = plan.one_to_one.size, len(plan.group_members)
    counterpart = np.full(plan.n_conversations, -1)
    counterpart[:n_one] = plan.one_to_one
    in_conv = conv >= 0
    is_draft = category == _DRAFT
    is_group = in_conv & (conv >= n_one) & (conv < n_one + n_groups)
    is_sponsored = category == _SPONSORED
    owner = sender == 0
    other = np.where(in_conv, counterpart[np.maximum(conv, 0)], -1)
    campaign = np.zeros(size, np.int64)
    campaign[is_sponsored] = plan.sponsored_campaign[conv[is_sponsored] - n_one - n_groups]
    reader = np.where(owner, np.maximum(other, 0), 0)  # 0: the owner reads it
    from_name, sender_url, to_name, to_url = _addresses(
        cast, plan, sender, reader, group_slot, in_conv, is_group, is_sponsored, campaign
    )
    title, subject = _titles(plan, conv, in_conv, is_group, is_sponsored, campaign)
    content = _contents(cast, category, sender, reader, conv, campaign)
    content, confided, confided_message = _confide(cast, category, sender, content)
    chatty = (category == _CHAT) | (category == _GROUP)
    empty = chatty & (rng.random(size) < 0.04)
    empty[confided_message] = False
    content = pc.replace_with_mask(content, empty, _large(""))
    attached = (empty & (rng.random(size) < 0.5)) | (chatty & (rng.random(size) < 0.004))
    attachment_index = np.zeros(size, np.int64)
    attachment_index[attached] = 1 + np.arange(int(attached.sum()))
    attachments = _take(("", *_attachment_urls(rng, int(attached.sum()))), attachment_index)
    folder = _folders(cast, plan, conv, is_draft)
    ids = _conversation_ids(rng, plan.n_conversations)
    ids[n_one + n_groups :] = _replace_suffix(ids[n_one + n_groups :])
    conversation_id = _take(("", *ids), conv + 1)
    frame = pd.DataFrame(
        {
            S.CONVERSATION_ID: _strings(conversation_id),
            S.CONVERSATION_TITLE: _strings(title),
            S.SENDER_NAME: _strings(from_name),
            S.SENDER_URL: _strings(sender_url),
            S.RECIPIENT_NAMES: _strings(to_name),
            S.RECIPIENT_URLS: _strings(to_url),
            S.SENT_AT: cast.times(days, "s"),
            S.SUBJECT: _strings(subject),
            S.CONTENT: _strings(content),
            S.FOLDER: _strings(folder),
            S.ATTACHMENTS: _strings(attachments),
            S.IS_DRAFT: is_draft,
            S.IS_SPONSORED: is_sponsored,
            S.IS_GROUP: is_group,
            S.DIRECTION: _strings(_take((S.RECEIVED, S.SENT), owner.astype(np.int64))),
        }
    )
    return frame, confided


def _rows_with_drafts(cast: _Cast, plan: _Plan) -> tuple[np.ndarray, ...]:
    """The plan's messages and the owner's drafts, ordered: conversations by their newest message."""
    rng = cast.rng
    rows = plan.conversations()
    conv, sender, days, category = rows["conv"], rows["sender"], rows["days"], rows["category"]
    # drafts: the owner's unsent messages in core conversations, plus one without a conversation
    core_conv = np.flatnonzero(cast.kind[plan.one_to_one] == _KIND_CODE["core"])
    drafted = rng.choice(core_conv, plan.n_drafts - 1, replace=core_conv.size < plan.n_drafts - 1)
    newest = days.min()
    conv_last = np.full(plan.n_conversations, np.inf)
    np.minimum.at(conv_last, conv, days)
    draft_days = newest + rng.random(drafted.size) * (conv_last[drafted] - newest)
    conv = np.concatenate([conv, drafted, [-1]])
    sender = np.concatenate([sender, np.zeros(plan.n_drafts, np.int64)])
    days = np.concatenate([days, draft_days, [rng.uniform(1.0, 20.0)]])
    category = np.concatenate([category, np.full(plan.n_drafts, _DRAFT)])
    group_slot = np.concatenate([rows["group_slot"], np.full(plan.n_drafts, -1)])
    # order: conversations by their newest message, each newest first; the orphan draft on top
    order_key = np.where(conv >= 0, conv_last[np.maximum(conv, 0)], -1.0)
    order = np.lexsort((days, conv, order_key))
    return tuple(a[order] for a in (conv, sender, days, category, group_slot))


def _addresses(cast, plan, sender, reader, group_slot, in_conv, is_group, is_sponsored, campaign):
    """FROM, SENDER PROFILE URL, TO and RECIPIENT PROFILE URLS of every row."""
    names, urls = _text_array(cast.name), _text_array(cast.url)
    brands = (_SPONSOR, _SPONSOR, _SPONSOR, *_SPONSOR_BRANDS)
    person = np.maximum(sender, 0)
    from_name = pc.if_else(is_sponsored, _take(brands, campaign % len(brands)), names.take(person))
    sender_url = pc.if_else(is_sponsored, _large(""), urls.take(person))
    group_names, group_urls = _group_recipients(cast, plan)
    slot = np.maximum(group_slot, 0)
    to_name = pc.if_else(is_group, group_names.take(slot), names.take(reader))
    to_url = pc.if_else(is_group, group_urls.take(slot), urls.take(reader))
    to_name = pc.if_else(in_conv, to_name, _large(""))
    to_url = pc.if_else(in_conv, to_url, _large(""))
    return from_name, sender_url, to_name, to_url


def _group_recipients(cast: _Cast, plan: _Plan):
    """TO and RECIPIENT PROFILE URLS for each (group, sender) slot: the others, owner last."""
    names, urls = [], []
    for members in plan.group_members:
        for sender in [0, *members.tolist()]:
            others = [p for p in members.tolist() if p != sender] + ([0] if sender != 0 else [])
            names.append(",".join(cast.name[others]))
            urls.append(",".join(cast.url[others]))
    return _text_array(names), _text_array(urls)


def _titles(plan, conv, in_conv, is_group, is_sponsored, campaign):
    """CONVERSATION TITLE (groups and sponsored conversations) and SUBJECT of every row."""
    n_one, n_groups = plan.one_to_one.size, len(plan.group_members)
    sponsor_titles = ("Sponsored Conversation",) * 4 + _SPONSOR_TITLES
    title_index = np.zeros(conv.size, np.int64)
    title_index[is_group] = 1 + conv[is_group] - n_one
    title_index[is_sponsored] = 1 + n_groups + (campaign[is_sponsored] // 7) % len(sponsor_titles)
    title = _take(("", *_group_titles(n_groups), *sponsor_titles), title_index)
    subject_index = np.where(
        is_sponsored, 2 + (campaign // 3) % len(_SPONSOR_SUBJECTS), np.where(in_conv, 0, 1)
    )
    subject = _take(("", _ORPHAN_DRAFT_SUBJECT, *_SPONSOR_SUBJECTS), subject_index)
    return title, subject


def _folders(cast: _Cast, plan: _Plan, conv: np.ndarray, is_draft: np.ndarray) -> pa.Array:
    """FOLDER: a conversation's folder on each of its rows (INBOX, ARCHIVE, SPAM); drafts have none."""
    rng = cast.rng
    n_one, n_groups = plan.one_to_one.size, len(plan.group_members)
    folders = ("", "INBOX", "ARCHIVE", "SPAM")
    conv_folder = np.where(rng.random(plan.n_conversations) < 0.12, 2, 1)
    dormant = np.flatnonzero(cast.kind[plan.one_to_one] == _KIND_CODE["dormant"])
    conv_folder[dormant] = np.where(rng.random(dormant.size) < 0.4, 2, 1)
    sponsored_conv = np.arange(n_one + n_groups, plan.n_conversations)
    conv_folder[sponsored_conv] = 1 + rng.choice(3, sponsored_conv.size, p=[0.7, 0.25, 0.05])
    return _take(folders, np.where(is_draft, 0, conv_folder[np.maximum(conv, 0)]))


# ---------------------------------------------------------------- texts, by category
def _contents(cast: _Cast, category, sender, reader, conv, campaign) -> pa.Array:
    """Message texts by category; ``reader`` is who a 1:1 message is addressed to (0: the owner)."""
    rng = cast.rng
    firsts = _text_array(_first_names(cast.first))  # the owner's is "Sasha"
    reader_first = firsts.take(reader)

    def rows_of(code):
        return np.flatnonzero(category == code)

    parts = [
        _chat_texts(rng, rows_of(_CHAT), reader_first),
        _long_letters(rng, rows_of(_LONG), reader_first),
        _group_texts(rng, rows_of(_GROUP)),
        *_new_contact_texts(cast, rows_of(_NEW), sender, reader_first),
        _pitch_texts(cast, rows_of(_PITCH), sender, firsts),
        _pick(rng, _PITCH_FOLLOW_UPS, rows_of(_FOLLOW_UP), owner=_OWNER_FIRST),
        *_outreach_texts(rng, rows_of(_OUTREACH_FIRST), rows_of(_OUTREACH_FOLLOW), reader_first),
        _draft_texts(rng, rows_of(_DRAFT), conv, reader_first),
        _sponsored_texts(rows_of(_SPONSORED), campaign),
    ]
    return _scatter(category.size, parts)


def _pick(rng, templates, rows, **fields):
    """(rows, texts): one of ``templates`` at random for each row, its ``{name}`` fields filled."""
    chosen = rng.integers(0, len(templates), rows.size)
    return rows, _fill(templates, chosen, fields)


def _chat_texts(rng, rows, reader_first):
    """Chat messages: a body, with an opener and a closer that come with their separator."""
    k = rows.size
    # openers and closers come with their separator: a space, or a line break for some
    openers = tuple(o + sep if o else "" for sep in (" ", "\n\n") for o in _CHAT_OPENERS)
    closers = tuple(sep + c if c else "" for sep in (" ", "\n") for c in _CHAT_CLOSERS)
    broken = rng.random(k) < 0.15
    opener = rng.integers(0, len(_CHAT_OPENERS), k) + np.where(broken, len(_CHAT_OPENERS), 0)
    closer = rng.integers(0, len(_CHAT_CLOSERS), k) + np.where(broken, len(_CHAT_CLOSERS), 0)
    text = pc.binary_join_element_wise(
        _fill(openers, opener, {"first": reader_first.take(rows)}),
        _choose(rng, _CHAT_BODIES, k),
        _take(closers, closer),
        _large(""),
    )
    return rows, text


def _long_letters(rng, rows, reader_first):
    """The long writers' letters: a greeting and :data:`_LONG_BODIES` chat bodies."""
    letters = [_choose(rng, _CHAT_BODIES, rows.size) for _ in range(_LONG_BODIES)]
    greeting = _fill(("Hi {first},",), np.zeros(rows.size, np.int64), {"first": reader_first.take(rows)})
    return rows, pc.binary_join_element_wise(greeting, *letters, _large(" "))


def _group_texts(rng, rows):
    """Group posts."""
    return rows, _choose(rng, _GROUP_BODIES + _CHAT_BODIES, rows.size)


def _new_contact_texts(cast: _Cast, rows, sender, reader_first):
    """A new contact's first messages: the owner's, and theirs (everyday phrases with hard cases)."""
    rng = cast.rng
    mine = rows[sender[rows] == 0]
    parts = [_pick(rng, _NEW_FROM_OWNER, mine, first=reader_first.take(mine))]
    theirs = rows[sender[rows] != 0]
    if cast.hard:
        parts.append((theirs, everyday_notes(rng, _text_array([_OWNER_FIRST] * theirs.size))))
    else:
        parts.append(_pick(rng, _NEW_FROM_CONTACT, theirs, owner=_OWNER_FIRST))
    return parts


def _pitch_texts(cast: _Cast, rows, sender, firsts):
    """Pitches: templates with an industry, an outcome and a tail; with hard cases, signed campaigns."""
    rng = cast.rng
    k = rows.size
    if cast.hard:
        # three campaigns, each one text sent by many pitchers who sign it with their own name
        campaigns = tuple(
            p.replace("{industry}", _PITCH_INDUSTRIES[c])
            .replace("{outcome}", _PITCH_OUTCOMES[c])
            .replace("{tail}", "")
            .replace("{owner}, I", "{owner}, " + _SIGNED_PITCH + "I", 1)
            .replace("{owner}! I", "{owner}! " + _SIGNED_PITCH + "I", 1)
            .replace("{owner},\n\nI", "{owner},\n\n" + _SIGNED_PITCH + "I", 1)
            for c, p in enumerate(_PITCHES)
        )
        return _pick(rng, campaigns, rows, owner=_OWNER_FIRST, me=firsts.take(sender[rows]))
    return _pick(
        rng,
        _PITCHES,
        rows,
        owner=_OWNER_FIRST,
        industry=_choose(rng, _PITCH_INDUSTRIES, k),
        outcome=_choose(rng, _PITCH_OUTCOMES, k),
        tail=_choose(rng, _PITCH_TAILS, k),
    )


def _outreach_texts(rng, first_rows, follow_rows, reader_first):
    """The owner's unanswered outreach: a first message, then follow-ups."""
    tails = tuple(t.format(owner=_OWNER_FIRST) for t in _OUTREACH_TAILS)
    first = _pick(
        rng,
        _OUTREACH,
        first_rows,
        first=reader_first.take(first_rows),
        tail=_choose(rng, tails, first_rows.size),
    )
    return [first, _pick(rng, _OUTREACH_FOLLOW_UPS, follow_rows, first=reader_first.take(follow_rows))]


def _draft_texts(rng, rows, conv, reader_first):
    """The owner's drafts; the one without a conversation greets "there"."""
    addressee = pc.if_else(conv[rows] >= 0, reader_first.take(rows), _large("there"))
    return _pick(rng, _DRAFTS, rows, first=addressee)


def _sponsored_texts(rows, campaign):
    """Sponsored InMail: one offer per campaign, in one of two HTML styles."""
    bodies = tuple(
        style + "Hi %FIRSTNAME%," + ("</p>" + _SPIN if style == _SPIN else " ") + offer + "</p>"
        for offer in _SPONSOR_OFFERS
        for style in (_SPIN, _OLD_INMAIL)
    )
    c = campaign[rows]
    return rows, _take(bodies, 2 * (c % len(_SPONSOR_OFFERS)) + ((c // 11) % 10 == 0))


def _confide(cast: _Cast, category, sender, content):
    """Plant the confidences: one message from each of a few core and occasional contacts.

    Returns the contents, who confided (by person) and the rows of the confiding messages.
    """
    rng = cast.rng
    chatters = np.flatnonzero(
        np.isin(cast.kind, [_KIND_CODE["core"], _KIND_CODE["occasional"]]) & ~cast.long_writer
    )
    n_confided = max(2, round(0.01 * cast.n_contacts))
    confided = np.zeros(cast.kind.size, dtype=bool)
    confided[rng.choice(chatters, n_confided, replace=False)] = True
    candidates = np.flatnonzero((category == _CHAT) & (sender > 0) & confided[np.maximum(sender, 0)])
    shuffled = rng.permutation(candidates)
    chosen = np.sort(shuffled[np.unique(sender[shuffled], return_index=True)[1]])
    mask = np.zeros(category.size, dtype=bool)
    mask[chosen] = True
    content = pc.replace_with_mask(content, mask, _choose(rng, _CONFIDED, chosen.size))
    return content, confided, chosen


def everyday_notes(rng: np.random.Generator, first) -> pa.Array:
    """Notes written one by one, one for each ``first`` name, that share everyday phrases.

    Each note greets the person, says it was great to meet (six everyday
    wordings), where (16 events, 16 cities), what they said (12 x 20
    openings and topics) and how it struck (12), adds a remembered detail
    (20 x 16 x 16) and ends with one of five everyday wishes to stay in touch:
    honest notes that a phrase-counting template detector mistakes for
    templates.

    Examples
    --------
    >>> notes = everyday_notes(np.random.default_rng(0), ["Ann", "Bo"])
    >>> [note.split(",")[0] for note in notes.to_pylist()]
    ['Dear Ann', 'Hey Bo']
    """
    first = first if isinstance(first, pa.Array) else _text_array(first)
    k = len(first)
    pieces = [
        _fill((part,), np.zeros(k, np.int64), {"first": first})
        if isinstance(part, str)
        else _take(part, rng.integers(0, len(part), k))
        for part in _EVERYDAY_NOTE_PARTS
    ]
    return pc.binary_join_element_wise(*pieces, _large(" "))


def _group_titles(n_groups: int) -> np.ndarray:
    titles = [
        _GROUP_TITLES[g % len(_GROUP_TITLES)]
        + ("" if g < len(_GROUP_TITLES) else f" {g // len(_GROUP_TITLES) + 1}")
        for g in range(n_groups)
    ]
    return np.array(titles, dtype=object)


def _conversation_ids(rng: np.random.Generator, count: int) -> np.ndarray:
    """LinkedIn-style ids: ``2-`` + base64 of a 36-character uuid text + ``_100``."""
    digits = np.frombuffer(b"0123456789abcdef", dtype=np.uint8)[rng.integers(0, 16, (count, 32))]
    text = np.full((count, 36), ord("-"), dtype=np.uint8)
    text[:, [*range(8), *range(9, 13), *range(14, 18), *range(19, 23), *range(24, 36)]] = digits
    encoded = np.frombuffer(base64.b64encode(text.tobytes()), dtype="S48").astype(str).astype(object)
    return "2-" + encoded + base64.b64encode(b"_100").decode()


def _replace_suffix(ids: np.ndarray) -> np.ndarray:
    """Sponsored conversations end in ``_010`` instead of ``_100``."""
    return (
        pd.Series(ids, dtype="string")
        .str.slice(0, -8)
        .add(base64.b64encode(b"_010").decode())
        .to_numpy(dtype=object)
    )


def _attachment_urls(rng: np.random.Generator, count: int) -> np.ndarray:
    urls = (
        "https://www.linkedin.com/dms/prv/vid/v2/D4E06AQ"
        + _hex(rng, count, 16)
        + "/messaging-attachmentFile/0?m=AQ"
        + _hex(rng, count, 20)
        + "&t="
        + _hex(rng, count, 10)
    )
    two = rng.random(count) < 0.2
    second = (
        "https://www.linkedin.com/dms/prv/vid/v2/D4E06AQ"
        + _hex(rng, int(two.sum()), 16)
        + "/messaging-attachmentFile/1"
    )
    urls[two] = urls[two] + "," + second
    return urls
