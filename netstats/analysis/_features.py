"""Interaction features: one row per contact, the raw material of every quality measure.

:func:`contact_features` turns the tidy tables of an :class:`~netstats.Export`
into one row per contact (index ``contact_id``).  Everything is computed with
vectorised pandas, numpy and pyarrow operations: the cost grows with the number
of messages, never with a Python loop over them.

Definitions
-----------
Who is a contact
    Every connection, every person who wrote in or was addressed in a
    conversation with the owner, and every invitation counterpart.  Never the
    owner, never a sponsored sender; people the loader could not identify (no
    profile URL and no name) have no ``contact_id`` and are not attributed.
Which messages count
    Sponsored messages never count.  A message from the owner counts once for
    *each* contact it was addressed to (``n_sent``; a group message counts once
    for every recipient).  A message from a contact counts once for that
    contact (``n_received``), in a 1:1 or a group conversation.
Exchange with a contact
    The owner's messages addressed to the contact and the contact's messages,
    read per conversation in time order.  A *turn* is a run of consecutive
    messages from one side; a *reply* is the first message of a turn that
    follows a turn of the other side in the same conversation.
``first_two_way_at``
    The first moment when, in one conversation, the owner had written to the
    contact and the contact had written: the later of the two first messages
    of that conversation, the earliest over all conversations with them.  A
    contact has had a two-way exchange (the "quality" of
    :func:`netstats.growth`, the report's headline and the scorecard) exactly
    when it is set, exactly when ``reciprocity > 0``.
``reciprocity``
    Share of the conversations with the contact in which *both* sides wrote.
    A reply can only turn a one-way conversation into a two-way one, so adding
    a reply never lowers it.  NaN when no message was exchanged.
``owner_reply_rate`` / ``contact_reply_rate``
    Share of the other side's turns that got a reply (NaN when the other side
    never wrote).  The median reply hours are measured from the last message of
    the answered turn to the reply.
``owner_started_share``
    Share of the conversations with the contact whose first message came from
    the owner.
``two_way_months`` / ``active_months``
    Calendar months (UTC) in which both sides wrote / in which anyone wrote.
``recent_two_way_months``
    The ``two_way_months`` among the :data:`RECENT_MONTHS` calendar months
    that end with ``as_of``'s month, counting 1:1 conversations only (a group
    post reaches every member, so a shared group chat is no sign of a tie):
    how regularly the exchange goes on now (the ``core`` rule of
    :func:`netstats.segment_contacts`).
``unanswered_inbound`` / ``unanswered_outbound``
    The contact's 1:1 messages after the owner last wrote to them (all of them
    when the owner never did), and the owner's 1:1 messages after the contact
    last wrote.  A group post is addressed to nobody in particular, so it is
    never counted as unanswered.
``days_since_last`` and ``tenure_days``
    Days from the last message either way, and from the connection date, to
    ``as_of`` (fractional days; connection dates have no time, so tenure is a
    whole number of days counted to ``as_of``'s calendar day).
Invitations
    ``invitation_direction`` and ``invitation_note_kind`` describe the latest
    invitation exchanged with the contact.  The loader's ``note_kind`` is the
    base; a note that is near-identical to notes exchanged with other people
    (see :func:`near_duplicates`) is refined to ``generic``.
Pitches
    A *cold* message is one a contact sent in a conversation where the owner
    had not written yet (:func:`cold_messages`).  A cold message of at least
    :data:`PITCH_MIN_WORDS` words is a pitch message when it is a template:
    near-identical to cold messages of at least ``PITCH_MIN_SENDERS - 1``
    *other* senders (:func:`near_duplicates`).
    ``n_pitch_messages`` counts them; ``looks_like_pitch`` is true when there
    is at least one and the owner never wrote to the contact.  Shorter
    templates are greetings and canned replies ("Thanks for connecting!"), and
    once the owner has answered, later messages are a conversation.
Discretion
    ``confided`` is true when the contact (not a pitcher) wrote the owner, in a
    1:1 conversation, something matching one of the
    documented English keyword rules in :data:`SENSITIVE_TOPICS` (job search,
    job loss, health, family and personal life, an explicit request for
    confidentiality).  ``confided_topics`` names the topics, never the text.

Only what happened up to ``as_of`` is counted: messages sent after it,
connections made after it and invitations sent after it are left out, so the
features describe the network as it was at ``as_of``.
"""

from __future__ import annotations

import datetime as _dt
import numbers
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from scipy.sparse import coo_matrix, csr_matrix
from scipy.sparse.csgraph import connected_components

from .. import schema as S
from .._concurrent import in_background
from .._errors import ParameterError
from .._text import arrow_text, joined_labels

AS_OF_ATTR = "as_of"  # features.attrs key: the moment the features describe
RECENT_MONTHS = (
    24  # recent_two_way_months counts the two-way months among the last 24 (as_of's month included)
)
_TIMES = (S.FIRST_MESSAGE_AT, S.LAST_MESSAGE_AT, S.FIRST_TWO_WAY_AT)
_MESSAGE_INPUTS = (
    S.CONVERSATION_ID,
    S.SENT_AT,
    S.SENDER_ID,
    S.RECIPIENT_IDS,
    S.DIRECTION,
    S.IS_GROUP,
    S.CONTENT,
    S.PLATFORM,
)

# ------------------------------------------------------------------ templates
SHINGLE_WORDS = 3  # near-duplicates are compared on runs of three words
# Two texts are near-identical when the cosine similarity of their sets of 3-word runs is at least 0.6.
# Why 0.6: one name swapped in a template changes at most 3 runs, so a 10-word template keeps 5 of 8
# runs (0.625) and a 20-word one 15 of 18 (0.83); two notes written one by one that share an everyday
# phrase ("great to meet you" is 2 runs, "would love to stay in touch" 4) share well under half of
# their runs (about 0.3 for 20-word notes sharing both phrases).  Binary runs, no IDF: with IDF the
# rare runs (the swapped names) would outweigh the template's shared wording.
TEMPLATE_SIMILARITY = 0.6
_SIMILARITY_BLOCK = 4096  # rows per block of the sparse product (bounded memory)
_PAIR_CHUNK = 262_144  # candidate pairs whose exact similarity is computed at once
TEMPLATE_MAX_WORDS = 80  # only the opening words are compared; templates show early
PITCH_MIN_WORDS = 15  # shorter: greetings and canned replies ("Thanks for connecting!"), not pitches
PITCH_MIN_SENDERS = 3  # the sender and at least two other people sent the same text
NOTE_MIN_WORDS = 4
NOTE_MIN_PEOPLE = 2  # the same note exchanged with two or more people is a template

# ------------------------------------------------------------------ discretion
_TOPIC_RULES = {
    "job search": (
        r"\b(?:job[- ]?hunting|job search|searching for (?:a )?(?:new )?(?:job|role|position)"
        r"|looking for (?:a )?(?:new )?(?:job|role|position|opportunit(?:y|ies))"
        r"|(?:i am|i'm) (?:interviewing|applying) (?:with|at|for|elsewhere)"
        r"|(?:quietly|secretly|actively) (?:looking|searching|exploring|interviewing)"
        r"|(?:thinking|considering) (?:about )?(?:leaving|quitting)|plan(?:ning)? to (?:leave|quit)"
        r"|(?:hand(?:ing)? in|giving|gave) (?:my )?notice"
        r"|my (?:boss|manager|employer|company|team) (?:doesn't|does not|don't|do not) know)"
    ),
    "job loss": (
        r"\b(?:laid off|been let go|was let go|lost my job|made redundant|my redundancy"
        r"|between jobs|got fired|was fired|(?:i am|i'm) unemployed)\b"
    ),
    "health": (
        r"\b(?:(?:i was|i've been|i have been|i am|i'm|got) diagnosed"
        r"|my (?:diagnosis|cancer|surgery|operation|therapist|therapy|depression|anxiety|mental health"
        r"|burn ?out|illness|treatment|chemo)"
        r"|(?:i am|i'm|i was|i've been|i have been) (?:burn(?:ed|t) out|depressed|pregnant|in hospital"
        r"|on (?:sick|medical) leave)"
        r"|chemotherapy|pregnancy|miscarriage)\b"
    ),
    "personal life": r"\b(?:divorc(?:e|ed|ing)|separated from|passed away|funeral|bereavement|grieving)\b",
    "confidentiality": (
        r"\b(?:between (?:you and me|us)"
        r"|keep (?:this|it) (?:quiet|private|confidential|between us|to yourself)"
        r"|confidential(?:ly)?|off the record|please don't (?:tell|share|mention)|not public yet)\b"
    ),
}
# an apostrophe in a rule matches the typewriter and the typographic one
SENSITIVE_TOPICS: dict[str, str] = {
    topic: rule.replace("'", "['\u2019]") for topic, rule in _TOPIC_RULES.items()
}
"""Keyword rules (RE2 syntax, case-insensitive) for the discretion principle, English first.

Deliberately phrased as first-person statements or explicit requests, so that a
recruiter's "we are hiring" or a newsletter about mental health at work is not
mistaken for a confidence; group messages and pitchers' messages are never considered.
"""


def contact_features(export, as_of=None) -> pd.DataFrame:
    """Return one row per contact with their interaction features.

    Parameters
    ----------
    export : Export
        What :func:`netstats.load` returned.
    as_of : timestamp-like, optional
        The moment the features describe; defaults to ``export.as_of``.  A
        ``pandas.Timestamp``, ``datetime``, ``date`` or ISO string; a value
        without a time zone is read as UTC.  Only what happened up to
        ``as_of`` is counted.

    Returns
    -------
    pandas.DataFrame
        Index ``contact_id`` (sorted), columns :data:`netstats.schema.FEATURES_COLUMNS`.
        Definitions are in the module documentation.  ``attrs["as_of"]``
        holds the moment described (UTC): :func:`netstats.growth` and
        :func:`netstats.principles` refuse a later ``as_of``.

    Raises
    ------
    ParameterError
        When ``export`` is not an Export or ``as_of`` is not a date.

    Examples
    --------
    >>> import pandas as pd
    >>> from netstats import schema as S
    >>> from netstats._export import Export, Owner
    >>> at = lambda s: pd.Timestamp(s, tz="UTC")
    >>> messages = S.conform(pd.DataFrame({
    ...     S.CONVERSATION_ID: ["c1", "c1", "c1"], S.CONVERSATION_TITLE: [None] * 3,
    ...     S.SENT_AT: [at("2026-01-05 09:00"), at("2026-01-05 11:00"), at("2026-02-01 08:00")],
    ...     S.SENDER_ID: ["me", "ann", "me"], S.SENDER_NAME: ["Me", "Ann", "Me"], S.SENDER_URL: [None] * 3,
    ...     S.RECIPIENT_IDS: [["ann"], ["me"], ["ann"]], S.DIRECTION: ["sent", "received", "sent"],
    ...     S.IS_GROUP: [False] * 3, S.IS_SPONSORED: [False] * 3, S.SUBJECT: [None] * 3,
    ...     S.CONTENT: ["Lunch next week?", "Yes, Tuesday works", "Great"], S.FOLDER: ["INBOX"] * 3,
    ...     S.HAS_ATTACHMENT: [False] * 3, S.SOURCE_LINE: [2, 3, 4], S.PLATFORM: ["linkedin"] * 3}),
    ...     S.MESSAGES_COLUMNS)
    >>> empty = {c: S.empty_frame(cols) for c, cols in [("connections", S.CONNECTIONS_COLUMNS),
    ...          ("contacts", S.CONTACTS_COLUMNS), ("ledger", S.LEDGER_COLUMNS),
    ...          ("excluded", S.EXCLUDED_COLUMNS), ("quarantine", S.QUARANTINE_COLUMNS),
    ...          ("files", S.FILES_COLUMNS)]}
    >>> ex = Export(messages=messages, invitations=S.empty_frame(S.INVITATIONS_COLUMNS, S.INVITATIONS_DTYPES),
    ...             owner=Owner("Me", None, "me", "test"), as_of=at("2026-03-02 08:00"), **empty)
    >>> f = contact_features(ex)
    >>> f.loc["ann", ["n_sent", "n_received", "two_way_months"]].astype(int).tolist()
    [2, 1, 1]
    >>> f.loc["ann", ["reciprocity", "owner_reply_rate", "days_since_last"]].tolist()
    [1.0, 1.0, 29.0]
    >>> float(f.loc["ann", "contact_median_reply_hours"])
    2.0
    """
    _check_export(export)
    as_of = validate_as_of(as_of, export.as_of)
    as_of_day = as_of.tz_convert("UTC").tz_localize(None)
    owner_id = export.owner.contact_id

    messages = _messages_up_to(export.messages, as_of)
    # counting the words of every message is numpy and pyarrow work: it runs on another core meanwhile
    words = in_background(word_counts, arrow_text(messages[S.CONTENT]))
    # Connections: the relationships both sides agreed to (not follows or address-book entries);
    # a person connected on several platforms counts from the earliest connection.
    connections = export.connections[
        export.connections[S.CONTACT_ID].notna()
        & ~(export.connections[S.CONNECTED_ON] > as_of_day)
        & _connected(export.connections)
    ].sort_values(S.CONNECTED_ON, kind="stable")
    invitations = export.invitations[
        export.invitations[S.CONTACT_ID].notna() & ~(export.invitations[S.SENT_AT] > as_of_day)
    ]

    links = _message_links(messages, owner_id)
    conversations = _conversation_counts(messages)
    ids = _contact_ids(connections, conversations, invitations, owner_id)

    out = pd.DataFrame(index=ids)
    out = out.join(_identity(export, ids))
    connected_on = connections.drop_duplicates(S.CONTACT_ID).set_index(S.CONTACT_ID)[S.CONNECTED_ON]
    connected_on.index = connected_on.index.astype("string")
    # pc.is_in: pandas' isin on Arrow strings is ~100x slower at this size.
    out[S.IS_CONNECTION] = pc.is_in(
        pa.array(ids.astype("string").array), value_set=pa.array(connected_on.index.astype("string").array)
    ).to_numpy(zero_copy_only=False)
    out[S.CONNECTED_ON] = connected_on.reindex(ids).astype(S.NAIVE_TIME)
    out[S.TENURE_DAYS] = (as_of_day.normalize() - out[S.CONNECTED_ON]).dt.days.astype("float64")

    out = out.join(_exchange_stats(links.assign(words=words()[links["row"].to_numpy()]), as_of))
    out[S.N_CONVERSATIONS] = conversations[S.N_CONVERSATIONS].reindex(ids).fillna(0)
    out[S.N_GROUP_CONVERSATIONS] = conversations[S.N_GROUP_CONVERSATIONS].reindex(ids).fillna(0)
    out = out.join(_invitation_features(_with_notes(invitations)))
    out = out.join(_inbound_text_features(messages, owner_id))
    out = out.join(_platform_features(export.contacts, messages, links, ids))

    counts = (
        S.N_SENT,
        S.N_RECEIVED,
        S.TWO_WAY_MONTHS,
        S.ACTIVE_MONTHS,
        S.RECENT_TWO_WAY_MONTHS,
        S.UNANSWERED_INBOUND,
        S.UNANSWERED_OUTBOUND,
        S.N_PITCH_MESSAGES,
    )
    for column in counts:
        out[column] = out[column].fillna(0)
    out[S.LOOKS_LIKE_PITCH] = (out[S.N_PITCH_MESSAGES] > 0) & (out[S.N_SENT] == 0)
    out[S.CONFIDED_TOPICS] = out[S.CONFIDED_TOPICS].where(~out[S.LOOKS_LIKE_PITCH])
    out[S.CONFIDED] = out[S.CONFIDED_TOPICS].notna()
    out = _conform_indexed(out, S.FEATURES_COLUMNS)
    out.attrs[AS_OF_ATTR] = as_of
    return out


def _contact_ids(
    connections: pd.DataFrame, conversations: pd.DataFrame, invitations: pd.DataFrame, owner_id
) -> pd.Index:
    """Everyone the features describe, sorted: connected, in a conversation or invited; never the owner."""
    ids = pd.Index(
        pd.concat(
            [
                connections[S.CONTACT_ID].astype("string"),
                pd.Series(conversations.index, dtype="string"),
                invitations[S.CONTACT_ID].astype("string"),
            ]
        )
        .dropna()
        .unique(),
        dtype="string",
    )
    if owner_id is not None:
        ids = ids[ids != owner_id]
    ids = ids.sort_values()
    ids.name = S.CONTACT_ID
    return ids


# ------------------------------------------------------------------ validation
def validate_as_of(as_of, default) -> pd.Timestamp:
    """Return ``as_of`` (or ``default`` when it is None) as a tz-aware UTC Timestamp.

    Examples
    --------
    >>> validate_as_of("2026-03-01", None)
    Timestamp('2026-03-01 00:00:00+0000', tz='UTC')
    >>> validate_as_of(None, pd.Timestamp("2026-03-01 12:00", tz="Europe/Paris"))
    Timestamp('2026-03-01 11:00:00+0000', tz='UTC')
    >>> validate_as_of(17, None)
    Traceback (most recent call last):
    ...
    netstats._errors.ParameterError: as_of must be a date or a timestamp, not int. Expected: ...
    """
    value = default if as_of is None else as_of
    expected = "a pandas Timestamp, datetime, date or ISO date string such as '2026-03-01'"
    if isinstance(value, (bool, numbers.Number, np.bool_)) or not isinstance(
        value, (str, _dt.date, np.datetime64, pd.Timestamp)
    ):
        raise ParameterError(
            f"as_of must be a date or a timestamp, not {type(value).__name__}",
            expected=expected,
            fix="pass as_of=None to use the export date, or a date such as '2026-03-01'",
        )
    try:
        stamp = pd.Timestamp(value)
    except (ValueError, TypeError, OverflowError) as err:
        raise ParameterError(
            "as_of could not be read as a date", expected=expected, fix="write the date as YYYY-MM-DD"
        ) from err
    if pd.isna(stamp):
        raise ParameterError("as_of is missing (NaT)", expected=expected, fix="pass a real date or None")
    return stamp.tz_localize("UTC") if stamp.tz is None else stamp.tz_convert("UTC")


def moment_of_features(features: pd.DataFrame, as_of, export) -> pd.Timestamp:
    """The ``as_of`` a later stage (growth, principles) is given, checked against the features' own moment.

    ``as_of=None`` means ``export.as_of``, as it does for
    :func:`contact_features`: the moment is always a parameter, never read
    from the features.  The moment the features describe (kept with them as
    ``features.attrs["as_of"]``) serves only as a guard: a later ``as_of`` is
    refused, since the features know nothing after their own moment.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> ex = SimpleNamespace(as_of=pd.Timestamp("2026-03-01", tz="UTC"))
    >>> feats = pd.DataFrame()
    >>> moment_of_features(feats, None, ex)
    Timestamp('2026-03-01 00:00:00+0000', tz='UTC')
    >>> feats.attrs["as_of"] = pd.Timestamp("2026-02-01", tz="UTC")
    >>> moment_of_features(feats, "2026-01-15", ex)
    Timestamp('2026-01-15 00:00:00+0000', tz='UTC')
    >>> moment_of_features(feats, None, ex)
    Traceback (most recent call last):
    ...
    netstats._errors.ParameterError: as_of 2026-03-01 00:00 (the export's) is after the moment ...
    """
    given = as_of
    as_of = validate_as_of(as_of, getattr(export, "as_of", None))
    described = features.attrs.get(AS_OF_ATTR)
    if described is not None and as_of > validate_as_of(described, None):
        whose = " (the export's)" if given is None else ""
        raise ParameterError(
            f"as_of {as_of:%Y-%m-%d %H:%M}{whose} is after the moment the features describe"
            f" ({described:%Y-%m-%d %H:%M})",
            expected="a moment up to the one given to contact_features",
            fix=f"pass as_of='{described:%Y-%m-%d %H:%M}' (the moment of the features), or compute the"
            " features with contact_features(export, as_of=...) for the later moment",
        )
    return as_of


def _check_export(export) -> None:
    needed = ("messages", "connections", "invitations", "contacts", "owner", "as_of")
    if not all(hasattr(export, name) for name in needed):
        raise ParameterError(
            f"expected an Export, got {type(export).__name__}",
            expected="the object returned by netstats.load(path)",
            fix="call netstats.load on the export first and pass its result",
        )


def require_columns(frame, columns: tuple[str, ...], what: str, producer: str) -> None:
    """Raise :class:`ParameterError` unless ``frame`` is a DataFrame with ``columns``."""
    if not isinstance(frame, pd.DataFrame):
        raise ParameterError(
            f"{what} must be a pandas DataFrame, not {type(frame).__name__}",
            expected=f"the frame returned by {producer}",
            fix=f"pass the result of {producer} unchanged",
        )
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ParameterError(
            f"{what} lacks the columns {missing}",
            expected=f"the frame returned by {producer}",
            fix=f"pass the result of {producer} unchanged",
        )


# ------------------------------------------------------------------ messages
def _messages_up_to(messages: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    """Non-sponsored messages up to ``as_of``: the columns features read and conversation codes."""
    keep = (
        ~messages[S.IS_SPONSORED].astype(bool) & messages[S.SENT_AT].notna() & (messages[S.SENT_AT] <= as_of)
    ).to_numpy(dtype=bool)
    # only the columns read below are filtered: copying a million names and subjects for nothing is slow
    kept = messages.loc[:, list(_MESSAGE_INPUTS)]
    kept = (kept if keep.all() else kept.loc[keep]).reset_index(drop=True)
    kept[S.SENT_AT] = kept[S.SENT_AT].dt.as_unit("ns")
    kept["_conversation"] = pd.factorize(kept[S.CONVERSATION_ID], use_na_sentinel=True)[0]
    return kept


# Unicode whitespace as pyarrow's utf8_split_whitespace sees it (general category Zs, or bidi
# class WS, B or S): the ASCII bytes 9-13 and 28-32, and these characters (2 or 3 bytes in UTF-8).
_WIDE_SPACES = np.array(
    sorted(
        int.from_bytes(chr(c).encode("utf-8"), "big")
        for c in (0x85, 0xA0, 0x1680, *range(0x2000, 0x200B), 0x2028, 0x2029, 0x202F, 0x205F, 0x3000)
    ),
    dtype=np.int64,
)
_ASCII_SPACES = np.zeros(32, dtype=bool)
_ASCII_SPACES[[9, 10, 11, 12, 13, 28, 29, 30, 31]] = True


# Texts per block of word_counts: 1M messages of 66 bytes on average took 0.15 s in one block,
# 0.10 s in these.
_WORD_BLOCK = 1 << 15


def word_counts(texts: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """Words per text, exactly as ``pc.utf8_split_whitespace`` counts them; NaN where a text is missing.

    A text has one word more than it has runs of whitespace, so ``""`` has
    one and leading whitespace makes an empty first word; a trailing run of
    two or more whitespace characters makes two empty words (as pyarrow 26's
    split usually does: with trailing whitespace it is not deterministic,
    this is; loaded messages are stripped, so it never matters for them).  The runs are
    found on the UTF-8 bytes with numpy, without building the words: about
    half the cost of splitting a million messages.  The texts go through in
    blocks of ``_WORD_BLOCK`` (a few megabytes), so each pass over the bytes
    stays in the processor's cache and the masks never take the text's size
    in memory.

    Examples
    --------
    >>> import pyarrow as pa
    >>> word_counts(pa.array(["Lunch next week?", "a\u00a0b  c", " x ", "x  ", "", None])).tolist()
    [3.0, 3.0, 3.0, 3.0, 1.0, nan]
    """
    chunks = texts.chunks if isinstance(texts, pa.ChunkedArray) else [texts]
    blocks = [c.slice(i, _WORD_BLOCK) for c in chunks for i in range(0, len(c), _WORD_BLOCK)]
    parts = [np.zeros(0, dtype="float64")]
    for chunk in blocks:
        chunk = chunk.cast(pa.large_string())
        n = len(chunk)
        if n == 0:
            continue
        offsets = np.frombuffer(chunk.buffers()[1], dtype=np.int64)[chunk.offset : chunk.offset + n + 1]
        values = chunk.buffers()[2]
        data = (
            np.frombuffer(values, dtype=np.uint8)[offsets[0] : offsets[-1]]
            if values is not None
            else np.zeros(0, np.uint8)
        )
        starts, ends = offsets[:-1] - offsets[0], offsets[1:] - offsets[0]
        size = len(data)
        space = data <= 32
        control = np.flatnonzero(
            data < 32
        )  # tabs and line breaks are spaces, the other control bytes are not
        space[control] = _ASCII_SPACES[data[control]]
        lead = np.flatnonzero(data >= 0xC2)  # the first byte of each character beyond U+0080
        lead = lead[(data[lead] == 0xC2) | ((data[lead] >= 0xE1) & (data[lead] <= 0xE3))]
        if len(lead):
            second = data[np.minimum(lead + 1, size - 1)].astype(np.int64)
            third = data[np.minimum(lead + 2, size - 1)].astype(np.int64)
            first = data[lead].astype(np.int64)
            two = (first == 0xC2) & np.isin((first << 8) | second, _WIDE_SPACES)
            three = (first != 0xC2) & np.isin((first << 16) | (second << 8) | third, _WIDE_SPACES)
            for width, found in ((2, lead[two]), (3, lead[three])):
                for k in range(width):
                    space[found + k] = True
        # a run starts where whitespace follows anything else, or opens the text
        run = np.empty(size, dtype=bool)
        if size:
            run[0] = space[0]
            np.greater(space[1:], space[:-1], out=run[1:])
        filled = np.flatnonzero(ends > starts)
        run[starts[filled]] = space[starts[filled]]
        words = np.ones(n, dtype="float64")
        if len(filled):
            words[filled] += np.add.reduceat(run.view(np.uint8), starts[filled], dtype=np.int32)
            # a trailing run of two or more characters: the last character and the one before it are spaces
            last = ends[filled] - 1
            continued = (data[last] & 0xC0) == 0x80
            begins = last - continued - (continued & ((data[np.maximum(last - 1, 0)] & 0xC0) == 0x80))
            before = np.maximum(begins - 1, 0)
            words[filled] += space[last] & (begins > starts[filled]) & space[before]
        if chunk.null_count:
            words[~chunk.is_valid().to_numpy(zero_copy_only=False)] = np.nan
        parts.append(words)
    return np.concatenate(parts)


def _utc(nanoseconds: np.ndarray) -> pd.DatetimeIndex:
    """UTC timestamps from int64 nanoseconds since the epoch (the int64 minimum is NaT), without parsing."""
    return pd.DatetimeIndex(np.asarray(nanoseconds, dtype=np.int64).view("datetime64[ns]")).tz_localize("UTC")


def arrow_lists(series: pd.Series) -> pa.Array:
    """A list-of-ids column as one pyarrow list array."""
    if isinstance(series.dtype, pd.ArrowDtype):
        return pa.array(series.array)
    return pa.array(series.to_numpy(dtype=object), type=pa.list_(pa.string()))


def _text_codes(parts: list) -> tuple[np.ndarray, pa.Array]:
    """Codes of several text arrays put end to end (int64, -1 where missing) and the distinct values."""
    arrays = [
        c.cast(pa.large_string())
        for p in parts
        for c in (p.chunks if isinstance(p, pa.ChunkedArray) else [p])
    ]
    joined = pa.concat_arrays(arrays) if arrays else pa.array([], pa.large_string())
    encoded = pc.dictionary_encode(joined)
    return pc.fill_null(encoded.indices, -1).to_numpy(zero_copy_only=False).astype(
        np.int64
    ), encoded.dictionary


def _two_way_months(
    contact: np.ndarray, from_owner: np.ndarray, month: np.ndarray, n: int, *, from_month: int
) -> np.ndarray:
    """Per contact code (``n`` of them): calendar months from ``from_month`` on in which both sides wrote."""
    keep = month >= from_month
    contact, from_owner, month = contact[keep], from_owner[keep], month[keep]
    if not len(month):
        return np.zeros(n)
    span = int(month.max() - from_month) + 1
    key, distinct = pd.factorize(contact.astype(np.int64) * span + (month - from_month))
    messages = np.bincount(key, minlength=len(distinct))
    owner = np.bincount(key, weights=from_owner.astype("float64"), minlength=len(distinct))
    both_wrote = (owner > 0) & (owner < messages)
    return np.bincount(distinct // span, weights=both_wrote.astype("float64"), minlength=n)


def _message_links(messages: pd.DataFrame, owner_id: str | None) -> pd.DataFrame:
    """One row per (message, contact) pair between the owner and a contact.

    Columns: contact_id, row (position of the message in ``messages``),
    from_owner, conversation (code), sent_at, is_group.
    """
    direction = messages[S.DIRECTION].astype("string")
    sent = np.flatnonzero(direction.eq(S.SENT).fillna(False).to_numpy(dtype=bool))
    recipients = arrow_lists(messages[S.RECIPIENT_IDS]).take(pa.array(sent, type=pa.int64()))
    received = np.flatnonzero(
        direction.eq(S.RECEIVED).fillna(False).to_numpy(dtype=bool)
        & messages[S.SENDER_ID].notna().to_numpy(dtype=bool)
    )
    senders = arrow_text(messages[S.SENDER_ID]).take(pa.array(received, type=pa.int64()))
    # the contacts as integer codes: the pairs are found and deduplicated on numbers, not strings
    code, people = _text_codes([pc.list_flatten(recipients), senders])
    rows = np.concatenate([sent[pc.list_parent_indices(recipients).to_numpy()], received]).astype(np.int64)
    from_owner = np.arange(len(rows)) < len(rows) - len(received)
    keep = code >= 0
    if owner_id is not None:
        owner = np.flatnonzero(pc.equal(people, owner_id).to_numpy(zero_copy_only=False))
        keep &= ~np.isin(code, owner)
    width = max(len(people), 1)
    keep[keep] = ~pd.Series(rows[keep] * width + code[keep]).duplicated().to_numpy()
    rows, code = rows[keep], code[keep]
    return pd.DataFrame(
        {
            S.CONTACT_ID: pd.arrays.ArrowStringArray(people.take(pa.array(code))),
            "row": rows,
            "from_owner": from_owner[keep],
            "conversation": messages["_conversation"].to_numpy()[rows],
            S.SENT_AT: messages[S.SENT_AT].to_numpy(dtype="datetime64[ns]")[rows],
            S.IS_GROUP: messages[S.IS_GROUP].to_numpy(dtype=bool)[rows],
        }
    )


def _conversation_counts(messages: pd.DataFrame) -> pd.DataFrame:
    """Conversations (and group conversations) each person wrote in or was addressed in.

    Index: every such person's contact id (a contact even if the conversation
    was between other people of a group); the owner is among them, and the
    caller leaves them out.
    """
    recipients = arrow_lists(messages[S.RECIPIENT_IDS])
    parent = pc.list_parent_indices(recipients).to_numpy()
    conversation = messages["_conversation"].to_numpy()
    person, names = _text_codes([pc.list_flatten(recipients), arrow_text(messages[S.SENDER_ID])])
    where = np.concatenate([conversation[parent], conversation])
    known = (person >= 0) & (where >= 0)
    pairs = pd.unique(
        where[known].astype(np.int64) * max(len(names), 1) + person[known]
    )  # any order: only counted
    pair_conversation, pair_person = np.divmod(pairs, max(len(names), 1))
    valid = conversation >= 0
    is_group = messages[S.IS_GROUP].to_numpy(dtype=bool)
    n_conversations = int(conversation.max(initial=-1)) + 1
    group = np.bincount(conversation[valid], weights=is_group[valid], minlength=n_conversations) > 0
    out = pd.DataFrame(
        {
            S.N_CONVERSATIONS: np.bincount(pair_person, minlength=len(names)),
            S.N_GROUP_CONVERSATIONS: np.bincount(
                pair_person, weights=group[pair_conversation].astype("float64"), minlength=len(names)
            ),
        },
        index=pd.Index(pd.arrays.ArrowStringArray(names), dtype="string"),
    )
    return out[out[S.N_CONVERSATIONS] > 0]


def _link_order(contact: np.ndarray, conversation: np.ndarray, t: np.ndarray, row: np.ndarray) -> np.ndarray:
    """The order of the links by contact, conversation, time and row.

    Messages as loaded are sorted by conversation and time, so when the rows
    already follow conversation and time, one sort of a single integer key
    (contact, row) gives that order; otherwise a sort on the four keys.
    """
    by_row = np.argsort(row, kind="stable")
    c, t_ = conversation[by_row], t[by_row]
    step_c, step_t = np.diff(c), np.diff(t_)
    follows = bool(np.all((step_c > 0) | ((step_c == 0) & (step_t >= 0)))) if len(row) else True
    span = int(row.max()) + 1 if len(row) else 1
    if follows and int(contact.max(initial=0)) < np.iinfo(np.int64).max // span:
        return np.argsort(contact.astype(np.int64) * span + row, kind="stable")
    return np.lexsort((row, t, conversation, contact))


_EXCHANGE_COLUMNS = (
    S.N_SENT,
    S.N_RECEIVED,
    S.FIRST_MESSAGE_AT,
    S.LAST_MESSAGE_AT,
    S.DAYS_SINCE_LAST,
    S.FIRST_TWO_WAY_AT,
    S.RECIPROCITY,
    S.OWNER_REPLY_RATE,
    S.CONTACT_REPLY_RATE,
    S.OWNER_REPLY_HOURS,
    S.CONTACT_REPLY_HOURS,
    S.OWNER_STARTED_SHARE,
    S.OWNER_WORDS_PER_MESSAGE,
    S.CONTACT_WORDS_PER_MESSAGE,
    S.TWO_WAY_MONTHS,
    S.ACTIVE_MONTHS,
    S.RECENT_TWO_WAY_MONTHS,
    S.UNANSWERED_INBOUND,
    S.UNANSWERED_OUTBOUND,
)


@dataclass(frozen=True)
class _Links:
    """The message links in contact, conversation and time order, as arrays (one entry per link)."""

    c: np.ndarray  # contact code, 0 .. n-1
    o: np.ndarray  # written by the owner
    t: np.ndarray  # int64 nanoseconds, UTC
    words: np.ndarray  # NaN when the text is missing
    group: np.ndarray  # sent in a group conversation
    same_thread: np.ndarray  # same contact and conversation as the link before
    n: int  # contacts

    def per_contact(self, mask: np.ndarray) -> np.ndarray:
        return np.bincount(self.c, weights=mask.astype("float64"), minlength=self.n)


def _exchange_stats(links: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    """Counts, turns, replies, months and recency per contact from the message links."""
    if links.empty:
        return pd.DataFrame(
            {c: pd.Series(dtype=S.DTYPES[c] if c in _TIMES else "float64") for c in _EXCHANGE_COLUMNS},
            index=pd.Index([], dtype="string"),
        )
    contacts, s = _sorted_links(links)
    columns = {
        **_turns_and_replies(s),
        **_threads(s),
        **_months(s, as_of),
        **_first_and_last(s, as_of),
        **_unanswered(s),
        **_words_per_message(s),
    }
    return pd.DataFrame({c: columns[c] for c in _EXCHANGE_COLUMNS}, index=pd.Index(contacts, dtype="string"))


def _sorted_links(links: pd.DataFrame) -> tuple[pd.Index, _Links]:
    """The contacts (sorted) and their links in contact, conversation and time order."""
    contact_code, contacts = pd.factorize(links[S.CONTACT_ID], sort=True)
    conversation_code = links["conversation"].to_numpy()
    t = links[S.SENT_AT].to_numpy(dtype="datetime64[ns]").view("int64")
    row = links["row"].to_numpy().astype(np.int64)
    order = _link_order(contact_code, conversation_code, t, row)
    c = contact_code[order]
    v = conversation_code[order]
    sorted_links = _Links(
        c=c,
        o=links["from_owner"].to_numpy(dtype=bool)[order],
        t=t[order],
        words=links["words"].to_numpy(dtype="float64")[order],
        group=links[S.IS_GROUP].to_numpy(dtype=bool)[order],
        same_thread=np.r_[False, (c[1:] == c[:-1]) & (v[1:] == v[:-1])],
        n=len(contacts),
    )
    return contacts, sorted_links


def _turns_and_replies(s: _Links) -> dict[str, np.ndarray]:
    """Messages each way, reply rates (replies per turn of the other side) and median reply hours."""
    c, o, t, n = s.c, s.o, s.t, s.n
    previous_owner = np.r_[False, o[:-1]]
    reply = s.same_thread & (o != previous_owner)
    turn = ~s.same_thread | reply
    reply_hours = (t - np.r_[t[:1], t[:-1]]) / 3.6e12
    owner_turns, contact_turns = s.per_contact(turn & o), s.per_contact(turn & ~o)
    owner_replies, contact_replies = s.per_contact(reply & o), s.per_contact(reply & ~o)
    hours = pd.DataFrame({"c": c[reply], "o": o[reply], "h": reply_hours[reply]})
    with np.errstate(divide="ignore", invalid="ignore"):
        return {
            S.N_SENT: s.per_contact(o),
            S.N_RECEIVED: s.per_contact(~o),
            S.OWNER_REPLY_RATE: np.where(contact_turns > 0, owner_replies / contact_turns, np.nan),
            S.CONTACT_REPLY_RATE: np.where(owner_turns > 0, contact_replies / owner_turns, np.nan),
            S.OWNER_REPLY_HOURS: hours[hours["o"]].groupby("c")["h"].median().reindex(range(n)).to_numpy(),
            S.CONTACT_REPLY_HOURS: hours[~hours["o"]].groupby("c")["h"].median().reindex(range(n)).to_numpy(),
        }


def _threads(s: _Links) -> dict[str, object]:
    """Reciprocity (two-way threads), the share the owner started, and the first two-way moment."""
    o, t, n = s.o, s.t, s.n
    thread = np.cumsum(~s.same_thread) - 1
    thread_contact = s.c[~s.same_thread]
    thread_owner = np.bincount(thread, weights=o.astype("float64"))
    thread_contact_msgs = np.bincount(thread, weights=(~o).astype("float64"))
    threads = np.bincount(thread_contact, minlength=n)
    two_way_threads = np.bincount(
        thread_contact,
        weights=((thread_owner > 0) & (thread_contact_msgs > 0)).astype("float64"),
        minlength=n,
    )
    owner_started = np.bincount(thread_contact, weights=o[~s.same_thread].astype("float64"), minlength=n)
    # two-way moment of a thread: the later of the first message each side wrote in it
    unset = np.iinfo(np.int64).max
    first_owner, first_contact = np.full(thread_contact.size, unset), np.full(thread_contact.size, unset)
    np.minimum.at(first_owner, thread[o], t[o])
    np.minimum.at(first_contact, thread[~o], t[~o])
    both = (first_owner < unset) & (first_contact < unset)
    two_way_at = np.full(n, unset)
    np.minimum.at(two_way_at, thread_contact[both], np.maximum(first_owner, first_contact)[both])
    with np.errstate(divide="ignore", invalid="ignore"):
        return {
            S.FIRST_TWO_WAY_AT: _utc(np.where(two_way_at < unset, two_way_at, np.iinfo(np.int64).min)),
            S.RECIPROCITY: two_way_threads / threads,
            S.OWNER_STARTED_SHARE: owner_started / threads,
        }


def _months(s: _Links, as_of: pd.Timestamp) -> dict[str, np.ndarray]:
    """Calendar months (UTC) of each contact: active when anyone wrote, two-way when both did.

    The recent two-way months count 1:1 conversations only.
    """
    c, o, n = s.c, s.o, s.n
    month = s.t.view("datetime64[ns]").astype("datetime64[M]").view("int64")
    span = int(month.max() - month.min()) + 1
    contact_month, distinct = pd.factorize(c.astype(np.int64) * span + (month - month.min()))
    month_messages = np.bincount(contact_month, minlength=len(distinct))
    month_owner = np.bincount(contact_month, weights=o.astype("float64"), minlength=len(distinct))
    month_contact = distinct // span
    both_wrote = (month_owner > 0) & (month_owner < month_messages)
    as_of_month = as_of.tz_convert(None).to_datetime64().astype("datetime64[M]").view("int64")
    # the core rule's regularity counts 1:1 months only: a group post reaches every member of the group
    private = ~s.group
    return {
        S.TWO_WAY_MONTHS: np.bincount(month_contact, weights=both_wrote.astype("float64"), minlength=n),
        S.ACTIVE_MONTHS: np.bincount(month_contact, minlength=n),
        S.RECENT_TWO_WAY_MONTHS: _two_way_months(
            c[private], o[private], month[private], n, from_month=as_of_month - RECENT_MONTHS + 1
        ),
    }


def _first_and_last(s: _Links, as_of: pd.Timestamp) -> dict[str, object]:
    """The first and last message with each contact, and the days since the last."""
    starts = np.flatnonzero(np.r_[True, s.c[1:] != s.c[:-1]])
    last_at = _utc(np.maximum.reduceat(s.t, starts))
    return {
        S.FIRST_MESSAGE_AT: _utc(np.minimum.reduceat(s.t, starts)),
        S.LAST_MESSAGE_AT: last_at,
        S.DAYS_SINCE_LAST: (as_of.as_unit("ns") - last_at) / pd.Timedelta(days=1),
    }


def _unanswered(s: _Links) -> dict[str, np.ndarray]:
    """1:1 messages after the other side last wrote (anywhere).

    A group post is not addressed to one person, so it is never "unanswered".
    """
    c, o, t, n = s.c, s.o, s.t, s.n
    never = np.iinfo(np.int64).min
    last_owner, last_contact = np.full(n, never), np.full(n, never)
    np.maximum.at(last_owner, c[o], t[o])
    np.maximum.at(last_contact, c[~o], t[~o])
    return {
        S.UNANSWERED_INBOUND: s.per_contact(~o & ~s.group & (t > last_owner[c])),
        S.UNANSWERED_OUTBOUND: s.per_contact(o & ~s.group & (t > last_contact[c])),
    }


def _words_per_message(s: _Links) -> dict[str, np.ndarray]:
    """Words per message each way; NaN without a counted message (a missing text has no word count)."""
    counted = ~np.isnan(s.words)

    def per_side(side: np.ndarray) -> np.ndarray:
        with np.errstate(divide="ignore", invalid="ignore"):
            total = np.bincount(s.c[side & counted], weights=s.words[side & counted], minlength=s.n)
            return total / np.bincount(s.c[side & counted], minlength=s.n)

    return {S.OWNER_WORDS_PER_MESSAGE: per_side(s.o), S.CONTACT_WORDS_PER_MESSAGE: per_side(~s.o)}


# ------------------------------------------------------------------ people and invitations
def _connected(connections: pd.DataFrame) -> np.ndarray:
    if S.RELATIONSHIP not in connections.columns:
        return np.ones(len(connections), dtype=bool)
    return connections[S.RELATIONSHIP].isin(S.CONNECTED_RELATIONSHIPS).to_numpy(dtype=bool)


def _with_notes(invitations: pd.DataFrame) -> pd.DataFrame:
    """The invitations that can carry a note: LinkedIn's (a Facebook friend request has none)."""
    if S.PLATFORM not in invitations.columns:
        return invitations
    return invitations[invitations[S.PLATFORM].eq(S.LINKEDIN).fillna(False).to_numpy(dtype=bool)]


def _platform_features(
    contacts: pd.DataFrame, messages: pd.DataFrame, links: pd.DataFrame, ids: pd.Index
) -> pd.DataFrame:
    """Where each contact was seen and where the owner and they exchanged messages.

    Multiplex: they exchanged messages on two or more platforms.
    """
    seen = contacts.reindex(columns=[S.CONTACT_ID, S.PLATFORMS]).dropna(subset=[S.CONTACT_ID])
    seen = seen.drop_duplicates(S.CONTACT_ID).set_index(S.CONTACT_ID)[S.PLATFORMS].astype("string")
    seen.index = seen.index.astype("string")
    if len(links) and S.PLATFORM in messages.columns:
        # (contact, platform) pairs as integer codes: a crosstab of a million string pairs is slow
        platform_code, platforms_seen = pd.factorize(
            messages[S.PLATFORM].astype("string"), use_na_sentinel=True
        )
        platform_code = platform_code[links["row"].to_numpy()]
        contact_code, contacts_seen = pd.factorize(links[S.CONTACT_ID].astype("string"), use_na_sentinel=True)
        known = (platform_code >= 0) & (contact_code >= 0)
        width = max(len(platforms_seen), 1)
        pairs = np.unique(contact_code[known].astype(np.int64) * width + platform_code[known])
        on = np.zeros((len(contacts_seen), len(platforms_seen)), dtype=bool)
        on[pairs // width, pairs % width] = True
        flags = pd.DataFrame(
            on, index=pd.Index(contacts_seen, dtype="string"), columns=[str(p) for p in platforms_seen]
        )
        order = [p for p in S.PLATFORMS_ORDER if p in flags.columns] + sorted(
            set(flags.columns) - set(S.PLATFORMS_ORDER)
        )
        flags = flags.reindex(index=ids, columns=order, fill_value=False)
        talked_on = joined_labels(flags)
        multiplex = flags.sum(axis=1).to_numpy() >= 2
    else:
        talked_on = pd.Series(pd.NA, index=ids, dtype="string")
        multiplex = np.zeros(len(ids), dtype=bool)
    platforms = seen.reindex(ids).fillna(talked_on)
    return pd.DataFrame(
        {S.PLATFORMS: platforms, S.TALKED_ON: talked_on, S.IS_MULTIPLEX: multiplex}, index=ids
    )


def _identity(export, ids: pd.Index) -> pd.DataFrame:
    """Profile URL, name, company and position: contacts table, then connections, invitations, messages."""
    columns = (S.PROFILE_URL, S.NAME, S.COMPANY, S.POSITION)
    text = {c: "string" for c in (S.CONTACT_ID, *columns)}
    sources = [
        table.reindex(columns=[S.CONTACT_ID, *columns]).astype(text)
        for table in (export.contacts, export.connections, export.invitations)
    ]
    # The first value each column has, in that order (one groupby: groupby's first skips missing values).
    out = pd.concat(sources, ignore_index=True).groupby(S.CONTACT_ID, sort=False).first().reindex(ids)
    # Messages last, and only for the people the tables leave without a name or URL (not a million rows).
    lacking = ids[(out[S.NAME].isna() | out[S.PROFILE_URL].isna()).to_numpy(dtype=bool)]
    if len(lacking):
        wanted = pc.is_in(
            arrow_text(export.messages[S.SENDER_ID]), value_set=pa.array(lacking.astype("string").array)
        )
        senders = (
            export.messages.loc[
                pc.fill_null(wanted, False).to_numpy(zero_copy_only=False),
                [S.SENDER_ID, S.SENDER_URL, S.SENDER_NAME],
            ]
            .drop_duplicates(S.SENDER_ID)
            .set_axis([S.CONTACT_ID, S.PROFILE_URL, S.NAME], axis=1)
            .astype("string")
            .set_index(S.CONTACT_ID)
        )
        out = out.fillna(senders.reindex(index=ids, columns=list(columns)))
    out = out.loc[:, list(columns)].astype("string")
    out.index = ids
    return out


def _invitation_features(invitations: pd.DataFrame) -> pd.DataFrame:
    """Direction and (refined) note kind of the latest invitation with each contact."""
    if invitations.empty:
        return pd.DataFrame(
            {
                S.INVITATION_DIRECTION: pd.Series(dtype="string"),
                S.INVITATION_NOTE_KIND: pd.Series(dtype="string"),
            },
            index=pd.Index([], dtype="string"),
        )
    kind = refined_note_kinds(invitations)
    latest = (
        invitations.assign(**{S.NOTE_KIND: kind, S.CONTACT_ID: invitations[S.CONTACT_ID].astype("string")})
        .sort_values([S.CONTACT_ID, S.SENT_AT, S.SOURCE_LINE], kind="stable")
        .drop_duplicates(S.CONTACT_ID, keep="last")
        .set_index(S.CONTACT_ID)
    )
    return pd.DataFrame(
        {
            S.INVITATION_DIRECTION: latest[S.DIRECTION].astype("string"),
            S.INVITATION_NOTE_KIND: latest[S.NOTE_KIND].astype("string"),
        }
    )


def refined_note_kinds(invitations: pd.DataFrame) -> pd.Series:
    """The loader's ``note_kind`` with near-identical notes turned to ``generic``.

    A note is compared with the notes of the same direction: the owner's notes
    with each other (a note sent to two or more people is a template), and
    incoming notes with the notes other people sent.

    Examples
    --------
    >>> inv = pd.DataFrame({"contact_id": ["a", "b", "c"], "direction": ["sent"] * 3,
    ...     "message": ["Loved your talk on graph databases at PyCon, would be great to stay in touch",
    ...                 "Loved your talk on graph databases at EuroPython, would be great to stay in touch",
    ...                 "We met at the climbing gym last Sunday, here is my profile"],
    ...     "note_kind": ["personal"] * 3})
    >>> refined_note_kinds(inv).tolist()
    ['generic', 'generic', 'personal']
    """
    kind = invitations[S.NOTE_KIND].astype("string")
    direction = invitations[S.DIRECTION].astype("string")
    templated = np.zeros(len(invitations), dtype=bool)
    for side in S.INVITATION_DIRECTIONS:
        mask = direction.eq(side).fillna(False).to_numpy(dtype=bool)
        templated[mask] = near_duplicates(
            invitations.loc[mask, S.MESSAGE],
            invitations.loc[mask, S.CONTACT_ID],
            min_groups=NOTE_MIN_PEOPLE,
            min_words=NOTE_MIN_WORDS,
        ).to_numpy()
    return kind.mask(templated & kind.eq(S.NOTE_PERSONAL).fillna(False).to_numpy(), S.NOTE_GENERIC)


# ------------------------------------------------------------------ pitches and confidences
def _inbound_text_features(messages: pd.DataFrame, owner_id: str | None) -> pd.DataFrame:
    """Pitch counts and confided topics per contact, from the messages they sent the owner."""
    direction = messages[S.DIRECTION].astype("string")
    sender_ids = messages[S.SENDER_ID].astype("string")
    inbound = direction.eq(S.RECEIVED).fillna(False).to_numpy(dtype=bool) & sender_ids.notna().to_numpy(
        dtype=bool
    )
    if owner_id is not None:
        inbound &= sender_ids.ne(owner_id).fillna(False).to_numpy(dtype=bool)
    # positions, not filtered frames: only the two columns read are copied
    conversation = messages["_conversation"].to_numpy() if "_conversation" in messages.columns else None
    cold = np.flatnonzero(inbound & _cold(messages, S.RECEIVED, conversation))
    content = messages[S.CONTENT]
    sender = sender_ids.iloc[cold]
    pitch = near_duplicates(
        content.iloc[cold], sender, min_groups=PITCH_MIN_SENDERS, min_words=PITCH_MIN_WORDS
    )
    pitches = pitch.groupby(sender.to_numpy()).sum()

    private = np.flatnonzero(inbound & ~messages[S.IS_GROUP].to_numpy(dtype=bool))
    topics = sensitive_topics(content.iloc[private])
    # per sender, did any of their private messages touch each topic (integer codes: no string groupby)
    code, senders = pd.factorize(sender_ids.iloc[private], sort=True)
    found = pd.DataFrame(
        {
            topic: np.bincount(code, weights=topics[topic].to_numpy(dtype="float64"), minlength=len(senders))
            > 0
            for topic in topics
        },
        index=pd.Index(senders, dtype="string"),
    )
    labels = pd.Series("", index=found.index, dtype="string")
    for topic in SENSITIVE_TOPICS:
        labels = labels + np.where(found[topic].to_numpy(dtype=bool), topic + "; ", "")
    labels = labels.str.removesuffix("; ").replace("", pd.NA)
    out = pd.DataFrame({S.N_PITCH_MESSAGES: pitches.astype("float64")})
    out.index = out.index.astype("string")
    labels.index = labels.index.astype("string")
    return out.join(labels.rename(S.CONFIDED_TOPICS), how="outer")


def cold_messages(messages: pd.DataFrame, direction: str) -> pd.Series:
    """Flag the messages of one direction sent before the other side wrote in their conversation.

    For ``"received"``: the contact's messages in a conversation where the
    owner had not written yet (cold inbound: where pitches live).  For
    ``"sent"``: the owner's messages before anyone answered (outreach).
    Later messages belong to a conversation and are never called templates.

    Examples
    --------
    >>> m = pd.DataFrame({"conversation_id": ["c1", "c1", "c1", "c2"], "direction": ["received", "sent",
    ...     "received", "sent"], "sent_at": pd.to_datetime(["2026-01-01", "2026-01-02", "2026-01-03",
    ...     "2026-01-04"], utc=True)})
    >>> cold_messages(m, "received").tolist(), cold_messages(m, "sent").tolist()
    ([True, False, False, False], [False, False, False, True])
    """
    return pd.Series(_cold(messages, direction), index=messages.index)


def _cold(messages: pd.DataFrame, direction: str, conversation: np.ndarray | None = None) -> np.ndarray:
    """:func:`cold_messages` as a mask; ``conversation`` may give the conversation codes already computed."""
    side = messages[S.DIRECTION].astype("string")
    mine = side.eq(direction).fillna(False).to_numpy(dtype=bool)
    other = (
        np.logical_or.reduce([side.eq(d).fillna(False).to_numpy(dtype=bool) for d in S.MESSAGE_DIRECTIONS])
        & ~mine
    )
    if conversation is None:
        conversation = pd.factorize(messages[S.CONVERSATION_ID], use_na_sentinel=True)[0]
    t = messages[S.SENT_AT].to_numpy(dtype="datetime64[ns]")
    unset = np.iinfo(np.int64).max
    first_answer = np.full(max(int(conversation.max(initial=-1)) + 1, 1), unset)
    answers = other & (conversation >= 0) & ~np.isnat(t)
    np.minimum.at(first_answer, conversation[answers], t[answers].view("int64"))
    answered_at = np.where(conversation >= 0, first_answer[np.maximum(conversation, 0)], unset)
    before = (answered_at == unset) | (~np.isnat(t) & (t.view("int64") < answered_at))
    return mine & before


def sensitive_topics(texts: pd.Series) -> pd.DataFrame:
    """Return one boolean column per topic of :data:`SENSITIVE_TOPICS`: does the text match it?

    Examples
    --------
    >>> sensitive_topics(pd.Series(["Between us, I'm quietly looking for a new role",
    ...                              "We are hiring engineers!", None])).sum().to_dict()
    {'job search': 1, 'job loss': 0, 'health': 0, 'personal life': 0, 'confidentiality': 1}
    """
    array = arrow_text(texts)
    # One pass with all patterns finds the few candidate texts; each topic then runs on those only.
    anything = "|".join(f"(?:{pattern})" for pattern in SENSITIVE_TOPICS.values())
    hit = pc.fill_null(pc.match_substring_regex(array, anything, ignore_case=True), False).to_numpy(
        zero_copy_only=False
    )
    rows = np.flatnonzero(hit)
    candidates = array.take(pa.array(rows, type=pa.int64()))
    columns = {}
    for topic, pattern in SENSITIVE_TOPICS.items():
        column = np.zeros(len(array), dtype=bool)
        column[rows] = pc.fill_null(
            pc.match_substring_regex(candidates, pattern, ignore_case=True), False
        ).to_numpy(zero_copy_only=False)
        columns[topic] = column
    return pd.DataFrame(columns, index=texts.index)


def _shingles(texts: pd.Series, min_words: int) -> tuple[pd.DataFrame, np.ndarray]:
    """Unique (distinct text, shingle code) pairs, and the distinct text of each text (-1: too short).

    Texts are lowercased, punctuation becomes space, URLs and numbers are kept
    as words; only the first :data:`TEMPLATE_MAX_WORDS` words are used.  Texts
    whose words are then the same are one *distinct text* (numbered in order
    of first appearance): the copies of a mass message are compared once.
    """
    array = arrow_text(texts)
    normal = pc.replace_substring_regex(pc.utf8_lower(array), r"[^\pL\pN]+", " ")
    tokens = pc.list_slice(pc.utf8_split_whitespace(normal), 0, TEMPLATE_MAX_WORDS)
    n_words = pc.fill_null(pc.list_value_length(tokens), 0).to_numpy(zero_copy_only=False)
    eligible = n_words >= max(min_words, SHINGLE_WORDS)
    distinct_of = np.full(len(n_words), -1, dtype=np.int64)
    empty = pd.DataFrame({"text": np.array([], dtype=np.int64), "shingle": np.array([], dtype=np.int64)})
    if not eligible.any():
        return empty, distinct_of
    tokens = pc.filter(tokens, pa.array(eligible))
    joined = pc.binary_join(tokens, pa.scalar(" ", type=tokens.type.value_type))
    code = pc.dictionary_encode(joined).indices.to_numpy(zero_copy_only=False)
    distinct_of[eligible] = code
    tokens = tokens.take(pa.array(np.unique(code, return_index=True)[1]))  # one copy of each, in code order
    flat = pc.list_flatten(tokens)
    parent = pc.list_parent_indices(tokens).to_numpy(zero_copy_only=False)
    k = SHINGLE_WORDS
    valid = parent[: len(parent) - k + 1] == parent[k - 1 :]
    parts = [flat.slice(i, len(flat) - k + 1) for i in range(k)]
    shingle = pc.binary_join_element_wise(*parts, pa.scalar(" ", type=flat.type))
    codes = pc.dictionary_encode(shingle).indices.to_numpy(zero_copy_only=False)
    pairs = pd.DataFrame(
        {"text": parent[: len(parent) - k + 1][valid], "shingle": codes[valid]}
    ).drop_duplicates()
    return pairs, distinct_of


def _shingle_vectors(texts: pd.Series, min_words: int) -> tuple[csr_matrix, np.ndarray]:
    """One L2-normalised row of binary word-run indicators per distinct text; each text's row (-1: none)."""
    pairs, distinct_of = _shingles(texts, min_words)
    row = pairs["text"].to_numpy()
    column = pairs["shingle"].to_numpy()
    n_rows = int(distinct_of.max(initial=-1)) + 1
    # a binary row's length is the square root of its number of runs
    length = np.sqrt(np.bincount(row, minlength=n_rows)).astype(np.float32)
    vectors = csr_matrix((1.0 / length[row], (row, column)), shape=(n_rows, int(column.max(initial=-1)) + 1))
    return vectors, distinct_of


def _close_pairs(vectors: csr_matrix) -> tuple[np.ndarray, np.ndarray]:
    """Every (row, row) pair whose cosine similarity is at least :data:`TEMPLATE_SIMILARITY`.

    Self pairs included.

    Exact, and near-linear when many texts share a common opening: only pairs
    that share one of their rarest word runs are compared (prefix filtering,
    Bayardo, Ma & Srikant 2007; Xiao et al. 2008: two binary rows at cosine
    ``t`` or more share a run among each row's ``|x| - ceil(t**2 |x|) + 1``
    rarest runs), block by block of rows so memory stays bounded.
    """
    candidates = _rare_runs(vectors)
    firsts, seconds = [], []
    transposed = candidates.T.tocsc()
    for start in range(0, vectors.shape[0], _SIMILARITY_BLOCK):
        pairs = (candidates[start : start + _SIMILARITY_BLOCK] @ transposed).tocoo()
        first, second = pairs.row + start, pairs.col
        similarity = np.concatenate(
            [
                np.asarray(
                    vectors[first[i : i + _PAIR_CHUNK]]
                    .multiply(vectors[second[i : i + _PAIR_CHUNK]])
                    .sum(axis=1)
                ).ravel()
                for i in range(0, len(first), _PAIR_CHUNK)
            ]
            or [np.array([], np.float32)]
        )
        close = similarity >= TEMPLATE_SIMILARITY - 1e-6
        firsts.append(first[close])
        seconds.append(second[close])
    return np.concatenate(firsts or [np.array([], np.int64)]), np.concatenate(
        seconds or [np.array([], np.int64)]
    )


def _rare_runs(vectors: csr_matrix) -> csr_matrix:
    """Each row's prefix of rarest word runs (by how many texts hold them) that a close pair must share."""
    runs = np.diff(vectors.indptr)
    row = np.repeat(np.arange(vectors.shape[0]), runs)
    held_by = np.bincount(vectors.indices, minlength=vectors.shape[1])
    order = np.lexsort((vectors.indices, held_by[vectors.indices], row))  # by row, then rarest first
    rank = np.arange(len(order)) - np.repeat(vectors.indptr[:-1], runs)
    prefix = runs - np.ceil(TEMPLATE_SIMILARITY**2 * runs - 1e-9).astype(np.int64) + 1
    kept = order[rank < np.repeat(prefix, runs)]
    return csr_matrix(
        (np.ones(len(kept), np.float32), (row[kept], vectors.indices[kept])), shape=vectors.shape
    )


def _templates(texts: pd.Series, groups: pd.Series, *, min_groups: int, min_words: int):
    """Positions of the templates in ``texts``, and the template each belongs to (0, 1, ... by first text).

    Texts are linked when they are close; a template is a connected group of
    linked texts that belong to at least ``min_groups`` distinct groups.
    """
    vectors, distinct_of = _shingle_vectors(texts, min_words)
    n = vectors.shape[0]
    if not n:
        return np.array([], dtype=np.int64), np.array([], dtype=np.int64)
    first, second = _close_pairs(vectors)
    graph = coo_matrix((np.ones(len(first), dtype=np.int8), (first, second)), shape=(n, n))
    _, component = connected_components(graph, directed=False)
    positions = np.flatnonzero(distinct_of >= 0)
    linked = component[distinct_of[positions]]  # each eligible text's group of linked texts
    group_code = pd.factorize(groups.astype("string"), use_na_sentinel=True)[0][positions]
    known = group_code >= 0
    members = pd.DataFrame({"component": linked[known], "group": group_code[known]}).drop_duplicates()
    people = np.bincount(members["component"].to_numpy(), minlength=component.max() + 1)
    templated = people[linked] >= min_groups
    # positions are sorted, so a component's first member is its first text
    kept, first_text = np.unique(linked[templated], return_index=True)
    number = np.empty(component.max() + 1, dtype=np.int64)
    number[kept[np.argsort(first_text)]] = np.arange(len(kept))
    return positions[templated], number[linked[templated]]


def near_duplicates(
    texts: pd.Series, groups: pd.Series, *, min_groups: int, min_words: int = PITCH_MIN_WORDS
) -> pd.Series:
    """Flag texts that are near-identical to texts of other groups: templates.

    Each text is cut into runs of :data:`SHINGLE_WORDS` words (after
    lowercasing and removing punctuation; the first :data:`TEMPLATE_MAX_WORDS`
    words).  Two texts are *close* when the cosine similarity of their sets of
    runs is at least :data:`TEMPLATE_SIMILARITY` (the threshold and why are
    documented there).  Close texts are linked, directly or through other
    close texts (one template whose blanks are filled differently: a name, an
    industry, an offer).  A text with at least ``min_words`` words is a
    template when its linked texts, itself included, belong to at least
    ``min_groups`` distinct ``groups`` (senders, recipients ...).  Closeness
    is judged pair by pair, so a personal text never becomes a template
    because its everyday phrases ("great to meet you") occur in *different*
    texts, however many texts there are.  The neighbour search is a sparse
    product of normalised vectors (scipy): it only visits pairs of texts that
    share a run, block by block, so it grows with the number of such pairs,
    not with the square of the number of texts.

    Parameters
    ----------
    texts : pandas.Series
        The texts (NA allowed: never a template).
    groups : pandas.Series
        Who each text belongs to, aligned with ``texts``.
    min_groups : int
        How many distinct groups must have sent (or received) close texts.
    min_words : int
        Shorter texts are never flagged.

    Returns
    -------
    pandas.Series
        Boolean, aligned with ``texts``.

    Examples
    --------
    >>> pitch = ("Hi {}, I help founders like you cut cloud costs by 40 percent."
    ...          " Open to a quick call this week?")
    >>> texts = pd.Series([pitch.format("Sam"), pitch.format("Kim"), pitch.format("Lou"),
    ...                    "Hi Sam, great to see you at the meetup, how did the launch go this week?"])
    >>> near_duplicates(texts, pd.Series(["a", "b", "c", "d"]), min_groups=3).tolist()
    [True, True, True, False]
    """
    flags = np.zeros(len(texts), dtype=bool)
    if len(texts):
        templated, _ = _templates(texts, groups, min_groups=min_groups, min_words=min_words)
        flags[templated] = True
    return pd.Series(flags, index=texts.index)


def template_ids(
    texts: pd.Series, groups: pd.Series, *, min_groups: int, min_words: int = PITCH_MIN_WORDS
) -> pd.Series:
    """Number the templates: texts flagged by :func:`near_duplicates` that are linked get the same id.

    Ids are 0, 1, ... in the order of each template's first text; texts that
    are not templates get ``<NA>``.

    Examples
    --------
    >>> a = "Hope you are well! We are launching our new analytics product and I thought of you {}"
    >>> b = "Quick question about your hiring plans for the next quarter: do you work with agencies at all {}"
    >>> texts = pd.Series([a.format(1), b.format(1), a.format(2), b.format(2), a.format(3), b.format(3)])
    >>> template_ids(texts, pd.Series(list("pqrstu")), min_groups=3).tolist()
    [0, 1, 0, 1, 0, 1]
    """
    out = pd.Series(pd.NA, index=texts.index, dtype="Int64")
    if len(texts):
        templated, number = _templates(texts, groups, min_groups=min_groups, min_words=min_words)
        out.iloc[templated] = number
    return out


# ------------------------------------------------------------------ output
def _conform_indexed(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    """Columns in order and in their schema dtypes, index ``contact_id`` (string, sorted)."""
    out = frame.loc[:, list(columns)].copy()
    for column in columns:
        dtype = S.DTYPES[column]
        if str(out[column].dtype) != str(dtype):
            out[column] = out[column].astype(dtype)
    out.index = pd.Index(out.index, dtype="string", name=S.CONTACT_ID)
    return out.sort_index()
