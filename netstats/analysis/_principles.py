"""The networking scorecard: the principles of good networking, measured on an export.

:func:`principles` returns one row per principle, in this order, each with its
value, a rating (``good``, ``review`` or ``no data``), a plain-language
verdict, the contacts behind it and the numbers behind the verdict:

``personalised_invitations``
    Share of the owner's outgoing invitations with a personal note (the
    loader's note kind, refined by near-duplicate detection:
    :func:`netstats.analysis._features.refined_note_kinds`).  Good from
    :data:`PERSONAL_NOTE_TARGET`.  Contacts: the invitees who got a personal note.
``generic_requests``
    Share of incoming invitations without a note or with a template note, and
    the pending requests from strangers (not a connection, no message ever
    exchanged).  Contacts: the senders of generic requests.
``dont_spam``
    The owner's near-identical outreach: messages the owner sent in 1:1
    conversations before anyone answered, of at least
    :data:`~netstats.analysis._features.PITCH_MIN_WORDS` words, that are templates:
    near-identical texts (:func:`netstats.analysis._features.near_duplicates`) sent in
    :data:`SPAM_MIN_CONVERSATIONS` conversations or more.  Value: how
    many people got one; details: templates, recipients, the share of them who
    answered, and the owner's outreach that was never answered (segment
    ``one_way_outbound``).  Contacts: the recipients of templates.
``over_zealous``
    A review list: contacts with :data:`OVER_ZEALOUS_UNANSWERED` or more
    messages the owner has not answered (unless the tie is strong enough to
    vouch for: then the owner simply owes a reply) or with
    :data:`REPEATED_PITCHES` or more pitch messages.  The options are the
    seed's: tell them, unfollow, remove the connection.  netstats only lists;
    it never acts on an account.
``know_your_network``
    Share of connections with at least one two-way conversation (both wrote
    in it: ``first_two_way_at`` is set): the "quality over popularity" headline.  Good from
    :data:`KNOW_TARGET`.  Contacts: those connections.
``reconnect``
    Strong but dormant ties: two-way history, quiet for over a year, tie
    strength at least :data:`RECONNECT_MIN_STRENGTH`.  Weak and dormant ties
    are where new opportunities come from (Rajkumar et al., Science 2022):
    the verdict never suggests removing someone you had real conversations with.
``introductions``
    Contacts strong enough to vouch for (tie strength at least
    :data:`VOUCH_THRESHOLD`) and how many companies they cover; see
    :func:`introducers` for one company.
``discretion``
    Contacts who confided something sensitive in a private message (keyword
    rules in :data:`netstats.analysis._features.SENSITIVE_TOPICS`), so they are never
    tagged publicly.  Details count the topics, never the words.

The principles that read messages (over-zealous contacts, reconnect,
introductions, discretion) say ``no data`` when no message was exchanged
with any contact, rather than a reassuring "nobody".

Verdicts quote numbers only, never a name or a message: they are safe to show
anywhere (the report still escapes them).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .. import schema as S
from .._errors import ParameterError
from ._features import (
    PITCH_MIN_WORDS,
    SENSITIVE_TOPICS,
    _check_export,
    arrow_lists,
    cold_messages,
    moment_of_features,
    refined_note_kinds,
    require_columns,
    template_ids,
    validate_as_of,
)
from ._quality import DORMANT, ONE_WAY_OUTBOUND, segment_rules, tie_strength

VOUCH_THRESHOLD = 50.0
"""Tie strength from which a contact knows you well enough to vouch for you or introduce you.

About the level of a recent two-way relationship with 8 or more messages each
way over several months (core contacts score 70-90), or of a long
relationship gone quiet; an occasional exchange of a few messages scores 25-55.
"""
RECONNECT_MIN_STRENGTH = 40.0
PERSONAL_NOTE_TARGET = 0.8
KNOW_TARGET = 0.5
SPAM_MIN_CONVERSATIONS = 3
OVER_ZEALOUS_UNANSWERED = 3
REPEATED_PITCHES = 2
REVIEW_OPTIONS = ("tell them", "unfollow", "remove the connection")

_PRODUCER = "netstats.contact_features(export)"
_FEATURE_INPUTS = (
    S.IS_CONNECTION,
    S.N_SENT,
    S.N_RECEIVED,
    S.FIRST_TWO_WAY_AT,
    S.UNANSWERED_INBOUND,
    S.N_PITCH_MESSAGES,
    S.CONFIDED,
    S.CONFIDED_TOPICS,
    S.COMPANY,
)
_MESSAGE_INPUTS = (
    S.CONVERSATION_ID,
    S.SENT_AT,
    S.SENDER_ID,
    S.RECIPIENT_IDS,
    S.DIRECTION,
    S.IS_GROUP,
    S.IS_SPONSORED,
    S.CONTENT,
)
_LEGAL_SUFFIX = re.compile(
    r"(?:\s+(?:&\s+)?"
    r"(?:inc|incorporated|ltd|limited|llc|llp|plc|gmbh|ag|sa|sas|bv|nv|corp|corporation|co|company))+$"
)


def principles(
    export, features: pd.DataFrame, *, as_of=None, weights: Mapping[str, float] | None = None
) -> pd.DataFrame:
    """Return the networking scorecard: one row per principle.

    Parameters
    ----------
    export : Export
        What :func:`netstats.load` returned.
    features : pandas.DataFrame
        What :func:`netstats.contact_features` returned for that export.
    as_of : timestamp-like, optional
        The last moment considered; default ``export.as_of``, as for
        :func:`netstats.contact_features`.  An earlier moment leaves out the
        messages and invitations after it; one after the moment the features
        were computed for is refused (they know nothing after it): pass the
        ``as_of`` you gave ``contact_features``.
    weights : mapping, optional
        Tie-strength weights for every row that reads tie strength, as
        :func:`netstats.tie_strength` takes them (for instance
        :attr:`TieStrengthCalibration.weights`, fitted to the owner's own
        ratings); default the documented ones.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`netstats.schema.PRINCIPLES_COLUMNS`: ``principle``
        (identifier), ``title``, ``value`` (a share or a count; NaN when there
        is no data), ``rating`` (``good``, ``review`` or ``no data``),
        ``verdict`` (a plain sentence), ``contacts`` (list of contact ids) and
        ``details`` (dict of the numbers behind the verdict).  The rows and
        their definitions are in the module documentation.  Messages and
        invitations after ``as_of`` are left out.

    Examples
    --------
    >>> import tempfile, netstats as ns
    >>> from netstats.sample._linkedin import generate_sample, write_export
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     ex = ns.load(write_export(generate_sample(contacts=100, seed=1), tmp))
    >>> card = principles(ex, ns.contact_features(ex))
    >>> card["principle"].tolist()  # doctest: +NORMALIZE_WHITESPACE
    ['personalised_invitations', 'generic_requests', 'dont_spam', 'over_zealous',
     'know_your_network', 'reconnect', 'introductions', 'discretion']
    >>> print(card.set_index("principle").loc["discretion", "verdict"])  # doctest: +NORMALIZE_WHITESPACE
    2 contacts told you something sensitive in a private message (job search (2), confidentiality (2)).
    Never tag them publicly or mention it in a post: a confidence stays a confidence.
    """
    _check_export(export)
    require_columns(features, _FEATURE_INPUTS, "features", _PRODUCER)
    messages, invitations = _up_to(export, moment_of_features(features, as_of, export))
    strength = tie_strength(features, weights=weights)[S.TIE_STRENGTH]
    segments = segment_rules(features)
    sent = features[S.N_SENT].to_numpy(dtype="float64")
    exchanged = bool(((sent > 0) | (features[S.N_RECEIVED].to_numpy(dtype="float64") > 0)).any())
    rows = [
        _personalised_invitations(invitations),
        _generic_requests(invitations, features),
        _dont_spam(messages, export.owner.contact_id, segments, strength),
        _over_zealous(features, strength)
        if exchanged
        else _no_messages("over_zealous", "Over-zealous contacts"),
        _know_your_network(features, strength),
        _reconnect(segments, strength) if exchanged else _no_messages("reconnect", "Reconnect"),
        _introductions(features, strength) if exchanged else _no_messages("introductions", "Introductions"),
        _discretion(features) if exchanged else _no_messages("discretion", "Discretion"),
    ]
    out = pd.DataFrame(rows, columns=list(S.PRINCIPLES_COLUMNS))
    return out.astype({c: S.DTYPES[c] for c in S.PRINCIPLES_COLUMNS})


def _up_to(export, as_of) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Non-sponsored messages (only the columns the scorecard reads) and LinkedIn invitations up to ``as_of``.

    ``as_of`` is the moment the features describe: later events are left out.
    """
    as_of = validate_as_of(as_of, export.as_of)
    messages = export.messages.loc[:, list(_MESSAGE_INPUTS)]
    keep = (~messages[S.IS_SPONSORED].astype(bool) & ~(messages[S.SENT_AT] > as_of)).to_numpy(dtype=bool)
    if not keep.all():
        messages = messages.loc[keep]
    later = (export.invitations[S.SENT_AT] > as_of.tz_localize(None)).to_numpy(dtype=bool)
    # Only LinkedIn invitations can carry a note; a Facebook friend request has none to judge.
    linkedin = export.invitations[S.PLATFORM].eq(S.LINKEDIN).fillna(False).to_numpy(dtype=bool)
    invitations = export.invitations[~later & linkedin]
    return messages.reset_index(drop=True), invitations


def _no_messages(principle: str, title: str) -> dict:
    """A principle that needs messages, on an export that holds none with a contact."""
    verdict = "The export holds no message exchanged with a contact."
    return _row(principle, title, None, S.RATING_NO_DATA, verdict, [], {})


def introducers(
    features: pd.DataFrame, company: str, *, weights: Mapping[str, float] | None = None
) -> pd.DataFrame:
    """Rank the contacts at ``company`` by tie strength and say who can vouch for you.

    Company names are compared after casefolding, removing punctuation and
    legal suffixes ("Acme, Inc." is "acme"), and must then be equal: never a
    substring match, which would find "Acme" in "Acme Fans Club".  The export
    only knows each connection's *current* company.

    Parameters
    ----------
    features : pandas.DataFrame
        What :func:`netstats.contact_features` returned.
    company : str
        The company to find an introduction at.
    weights : mapping, optional
        Tie-strength weights, as :func:`netstats.tie_strength` takes them;
        default the documented ones.

    Returns
    -------
    pandas.DataFrame
        Index ``contact_id``; columns ``name``, ``company``, ``position``,
        ``segment``, ``tie_strength`` and ``can_vouch`` (tie strength at least
        :data:`VOUCH_THRESHOLD`), strongest tie first.  Empty when nobody
        works there.

    Raises
    ------
    ParameterError
        When ``company`` is not a non-empty string.

    Examples
    --------
    >>> import tempfile, netstats as ns
    >>> from netstats.sample._linkedin import generate_sample, write_export
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     ex = ns.load(write_export(generate_sample(contacts=100, seed=1), tmp))
    >>> feats = ns.contact_features(ex)
    >>> people = introducers(feats, company="POLAR DATA CO")  # the file says "Polar Data Co."
    >>> people[["segment", "tie_strength", "can_vouch"]].round(1).values.tolist()
    [['core', 84.1, True], ['occasional', 56.8, True], ['silent', 0.0, False]]
    """
    if not isinstance(company, str) or not company_key(company):
        raise ParameterError(
            "company must be a non-empty company name",
            expected="a string such as 'Acme'",
            fix="pass company='<the company name as it appears on LinkedIn>'",
        )
    require_columns(features, (S.COMPANY, S.NAME, S.POSITION, *_FEATURE_INPUTS), "features", _PRODUCER)
    keys = company_keys(features[S.COMPANY])
    here = features.loc[keys.eq(company_key(company)).fillna(False).to_numpy(dtype=bool)]
    strength = tie_strength(here, weights=weights)[S.TIE_STRENGTH]
    out = pd.DataFrame(
        {
            S.NAME: here[S.NAME].astype("string"),
            S.COMPANY: here[S.COMPANY].astype("string"),
            S.POSITION: here[S.POSITION].astype("string"),
            S.SEGMENT: segment_rules(here),
            S.TIE_STRENGTH: strength,
            S.CAN_VOUCH: strength >= VOUCH_THRESHOLD,
        },
        index=here.index,
    )
    out = out.astype({c: S.DTYPES[c] for c in out.columns})
    order = np.lexsort((out.index.to_numpy(dtype=object).astype(str), -out[S.TIE_STRENGTH].to_numpy()))
    return out.iloc[order]


def company_key(name: str | None) -> str | None:
    """The comparison form of a company name (see :func:`introducers`).

    Examples
    --------
    >>> company_key("  ACME, Inc. "), company_key("Acme GmbH & Co"), company_key("Inc.")
    ('acme', 'acme', 'inc')
    """
    if name is None or name is pd.NA:
        return None
    text = " ".join(re.sub(r"[^\w\s&]", " ", str(name).casefold()).split())
    stripped = _LEGAL_SUFFIX.sub("", text).rstrip(" &").strip()
    return stripped or text or None


def company_keys(names: pd.Series) -> pd.Series:
    """Vectorised :func:`company_key` (computed once per distinct name)."""
    codes, uniques = pd.factorize(names.astype("string"), use_na_sentinel=True)
    mapped = pd.array([company_key(u) for u in uniques], dtype="string")
    out = pd.Series(pd.NA, index=names.index, dtype="string")
    valid = codes >= 0
    out[valid] = mapped[codes[valid]]
    return out


# ------------------------------------------------------------------ rows
def _row(principle, title, value, rating, verdict, contacts, details) -> dict:
    return {
        S.PRINCIPLE: principle,
        S.TITLE: title,
        S.VALUE: float(value) if value is not None else np.nan,
        S.RATING: rating,
        S.VERDICT: verdict,
        S.CONTACTS: [str(c) for c in contacts],
        S.DETAILS: details,
    }


def _share(part: int, whole: int) -> str:
    return f"{part:,} of {whole:,} ({part / whole:.0%})"


def _people(n: int) -> str:
    return f"{n:,} contact" + ("" if n == 1 else "s")


def _by_strength(ids, strength: pd.Series) -> list[str]:
    """Contact ids sorted by tie strength (strongest first), then by id."""
    ids = pd.Index(ids, dtype="string").unique()
    score = strength.reindex(ids).fillna(0.0).to_numpy()
    order = np.lexsort((ids.to_numpy(dtype=object).astype(str), -score))
    return ids[order].tolist()


def _personalised_invitations(invitations: pd.DataFrame) -> dict:
    title = "Personalised invitations"
    outgoing = invitations[S.DIRECTION].astype("string").eq(S.OUTGOING).fillna(False).to_numpy(dtype=bool)
    kinds = refined_note_kinds(invitations)[outgoing]
    n = int(outgoing.sum())
    personal = kinds.eq(S.NOTE_PERSONAL).fillna(False).to_numpy(dtype=bool)
    k = int(personal.sum())
    details = {
        "sent": n,
        "personal": k,
        "generic": int(kinds.eq(S.NOTE_GENERIC).sum()),
        "no_note": int(kinds.eq(S.NOTE_NONE).sum()),
    }
    if n == 0:
        return _row(
            "personalised_invitations",
            title,
            None,
            S.RATING_NO_DATA,
            "The export holds no invitation you sent (LinkedIn keeps only the last months of invitations).",
            [],
            details,
        )
    share = k / n
    good = share >= PERSONAL_NOTE_TARGET
    advice = (
        " Keep it up: a line on why you want to connect is what makes an invitation welcome."
        if good
        else " A sentence on where you met or why you want to connect makes an invitation welcome;"
        " generic requests are rightly declined."
    )
    invitees = sorted(set(invitations.loc[outgoing, S.CONTACT_ID].astype("string")[personal].dropna()))
    return _row(
        "personalised_invitations",
        title,
        share,
        S.RATING_GOOD if good else S.RATING_REVIEW,
        f"{_share(k, n)} invitations you sent carried a personal note." + advice,
        invitees,
        details,
    )


def _generic_requests(invitations: pd.DataFrame, features: pd.DataFrame) -> dict:
    title = "Generic requests"
    incoming = invitations[S.DIRECTION].astype("string").eq(S.INCOMING).fillna(False).to_numpy(dtype=bool)
    kinds = refined_note_kinds(invitations)[incoming]
    senders = invitations.loc[incoming, S.CONTACT_ID].astype("string")
    n = int(incoming.sum())
    generic = kinds.isin([S.NOTE_NONE, S.NOTE_GENERIC]).fillna(True).to_numpy(dtype=bool)
    g = int(generic.sum())
    known = features.reindex(senders.dropna().unique())
    stranger = ~known[S.IS_CONNECTION].fillna(False).astype(bool) & (
        known[S.N_SENT].fillna(0) + known[S.N_RECEIVED].fillna(0)
    ).eq(0)
    pending = sorted(stranger.index[stranger.to_numpy(dtype=bool)].astype(str))
    details = {
        "received": n,
        "generic_or_no_note": g,
        "pending_from_strangers": len(pending),
        "pending_from_strangers_contacts": pending,
    }
    if n == 0:
        return _row(
            "generic_requests",
            title,
            None,
            S.RATING_NO_DATA,
            "The export holds no invitation you received.",
            [],
            details,
        )
    verdict = f"{_share(g, n)} invitations you received came without a note or with a template note."
    if pending:
        verdict += (
            f" {_people(len(pending))} who sent you one {'is' if len(pending) == 1 else 'are'} not"
            " connected to you and never exchanged a message with you: declining a generic request from a"
            " stranger is fine."
        )
    return _row(
        "generic_requests",
        title,
        g / n,
        S.RATING_REVIEW if pending else S.RATING_GOOD,
        verdict,
        sorted(set(senders[generic].dropna())),
        details,
    )


def _dont_spam(
    messages: pd.DataFrame, owner_id: str | None, segments: pd.Series, strength: pd.Series
) -> dict:
    title = "Don't spam"
    outreach = (cold_messages(messages, S.SENT) & ~messages[S.IS_GROUP].astype(bool)).to_numpy(dtype=bool)
    sent = messages.loc[outreach]
    ids = template_ids(
        sent[S.CONTENT], sent[S.CONVERSATION_ID], min_groups=SPAM_MIN_CONVERSATIONS, min_words=PITCH_MIN_WORDS
    )
    templated = sent[ids.notna().to_numpy()]
    recipients = _recipients(templated, owner_id)
    answered = _answered(recipients, messages)
    unanswered = sorted(segments.index[segments.eq(ONE_WAY_OUTBOUND).to_numpy(dtype=bool)].astype(str))
    people = sorted(set(recipients[S.CONTACT_ID]))
    n_templates = int(ids.nunique())
    reply_rate = len(answered) / len(people) if people else np.nan
    details = {
        "templates": n_templates,
        "template_messages": len(templated),
        "template_recipients": len(people),
        "answered": len(answered),
        "reply_rate": reply_rate,
        "unanswered_outreach": len(unanswered),
        "unanswered_outreach_contacts": unanswered,
    }
    if not messages[S.DIRECTION].astype("string").eq(S.SENT).fillna(False).any():
        return _row(
            "dont_spam", title, None, S.RATING_NO_DATA, "The export holds no message you sent.", [], details
        )
    if n_templates:
        verdict = (
            f"You sent {n_templates:,} near-identical message{'s' if n_templates > 1 else ''} to"
            f" {len(people):,} people; {_share(len(answered), len(people))} answered."
            " Mass messages read as spam: write to fewer people, and write to each of them."
        )
    else:
        verdict = "You sent no near-identical message to several people: your outreach is written one by one."
    if unanswered:
        verdict += f" {_people(len(unanswered))} never answered your messages; don't chase them."
    return _row(
        "dont_spam",
        title,
        len(people),
        S.RATING_REVIEW if n_templates else S.RATING_GOOD,
        verdict,
        _by_strength(people, strength),
        details,
    )


def _recipients(messages: pd.DataFrame, owner_id: str | None) -> pd.DataFrame:
    """(conversation, contact, sent_at) for every recipient of ``messages`` but the owner."""
    lists = arrow_lists(messages[S.RECIPIENT_IDS])
    parent = pc.list_parent_indices(lists).to_numpy()
    out = pd.DataFrame(
        {
            S.CONVERSATION_ID: messages[S.CONVERSATION_ID].astype("string").to_numpy()[parent],
            S.CONTACT_ID: pd.array(pc.list_flatten(lists).to_numpy(zero_copy_only=False), dtype="string"),
            S.SENT_AT: messages[S.SENT_AT].to_numpy(dtype="datetime64[ns]")[parent],
        }
    ).dropna(subset=[S.CONTACT_ID])
    if owner_id is not None:
        out = out[out[S.CONTACT_ID] != owner_id]
    return out.reset_index(drop=True)


def _answered(recipients: pd.DataFrame, messages: pd.DataFrame) -> set[str]:
    """The recipients who wrote in the same conversation after the message reached them."""
    if recipients.empty:
        return set()
    # only the conversations of the recipients matter: filter before building the frame
    received = (messages[S.DIRECTION].astype("string").eq(S.RECEIVED).fillna(False)).to_numpy(
        dtype=bool
    ) & pc.is_in(
        pa.array(messages[S.CONVERSATION_ID].astype("string").array),
        value_set=pa.array(
            pd.unique(recipients[S.CONVERSATION_ID].astype("string")).astype(object), type=pa.string()
        ),
    ).to_numpy(zero_copy_only=False)
    replies = pd.DataFrame(
        {
            S.CONVERSATION_ID: messages.loc[received, S.CONVERSATION_ID].astype("string").to_numpy(),
            S.CONTACT_ID: messages.loc[received, S.SENDER_ID].astype("string").to_numpy(),
            "replied_at": messages.loc[received, S.SENT_AT].to_numpy(dtype="datetime64[ns]"),
        }
    )
    pairs = recipients.merge(replies, on=[S.CONVERSATION_ID, S.CONTACT_ID], how="inner")
    return set(pairs.loc[pairs["replied_at"] > pairs[S.SENT_AT], S.CONTACT_ID].astype(str))


def _over_zealous(features: pd.DataFrame, strength: pd.Series) -> dict:
    title = "Over-zealous contacts"
    unanswered = features[S.UNANSWERED_INBOUND].to_numpy(dtype="float64")
    pitches = features[S.N_PITCH_MESSAGES].to_numpy(dtype="float64")
    pushy = (unanswered >= OVER_ZEALOUS_UNANSWERED) & (
        strength.reindex(features.index).to_numpy() < VOUCH_THRESHOLD
    )
    pitching = pitches >= REPEATED_PITCHES
    flagged = pushy | pitching
    ids = features.index[flagged]
    order = np.lexsort((ids.to_numpy(dtype=object).astype(str), -pitches[flagged], -unanswered[flagged]))
    listed = [str(i) for i in ids[order]]
    details = {
        "unanswered_3_or_more": int(pushy.sum()),
        "repeated_pitches": int(pitching.sum()),
        "options": list(REVIEW_OPTIONS),
    }
    if not listed:
        return _row(
            "over_zealous",
            title,
            0,
            S.RATING_GOOD,
            "Nobody keeps writing to you unanswered or pitching you repeatedly.",
            [],
            details,
        )
    verdict = (
        f"{_people(len(listed))} sent you {OVER_ZEALOUS_UNANSWERED} or more messages you have not"
        " answered, or pitched you repeatedly. For each, you can tell them, unfollow them, or remove the"
        " connection; netstats only lists them and never acts on your account."
    )
    return _row("over_zealous", title, len(listed), S.RATING_REVIEW, verdict, listed, details)


def _know_your_network(features: pd.DataFrame, strength: pd.Series) -> dict:
    title = "Know your network"
    connected = features[S.IS_CONNECTION].fillna(False).to_numpy(dtype=bool)
    n = int(connected.sum())
    two_way = connected & features[S.FIRST_TWO_WAY_AT].notna().to_numpy(dtype=bool)
    k = int(two_way.sum())
    never = int((connected & (features[S.N_SENT] + features[S.N_RECEIVED]).eq(0).to_numpy()).sum())
    details = {"connections": n, "two_way": k, "never_messaged": never}
    if n == 0:
        return _row(
            "know_your_network", title, None, S.RATING_NO_DATA, "The export holds no connection.", [], details
        )
    share = k / n
    good = share >= KNOW_TARGET
    verdict = f"You have had a two-way conversation with {_share(k, n)} of your connections."
    verdict += (
        " That is a network of people who know you: quality over popularity."
        if good
        else f" The network that counts is those {k:,}; {never:,} connections never exchanged a single"
        " message with you. Quality over popularity: get to know the people you connect with."
    )
    return _row(
        "know_your_network",
        title,
        share,
        S.RATING_GOOD if good else S.RATING_REVIEW,
        verdict,
        _by_strength(features.index[two_way], strength),
        details,
    )


def _reconnect(segments: pd.Series, strength: pd.Series) -> dict:
    title = "Reconnect"
    dormant = segments.eq(DORMANT).to_numpy(dtype=bool)
    strong = dormant & (strength.reindex(segments.index).to_numpy() >= RECONNECT_MIN_STRENGTH)
    listed = _by_strength(segments.index[strong], strength)
    details = {
        "dormant": int(dormant.sum()),
        "strong_dormant": len(listed),
        "min_strength": RECONNECT_MIN_STRENGTH,
    }
    if not listed:
        verdict = "No strong tie has gone quiet for over a year."
        return _row("reconnect", title, 0, S.RATING_GOOD, verdict, [], details)
    verdict = (
        f"{_people(len(listed))} you had real two-way conversations with have been quiet for over a year."
        " Ties that went quiet are where new opportunities often come from: a short note to catch up is"
        " worth more than a new connection. Never remove someone you had real conversations with."
    )
    return _row("reconnect", title, len(listed), S.RATING_REVIEW, verdict, listed, details)


def _introductions(features: pd.DataFrame, strength: pd.Series) -> dict:
    title = "Introductions"
    vouch = (strength.reindex(features.index) >= VOUCH_THRESHOLD).to_numpy(dtype=bool)
    listed = _by_strength(features.index[vouch], strength)
    companies = company_keys(features.loc[vouch, S.COMPANY]).dropna().nunique()
    details = {"can_vouch": len(listed), "companies": int(companies), "threshold": VOUCH_THRESHOLD}
    if not listed:
        verdict = (
            "No tie is strong enough yet to vouch for you or introduce you: ask for introductions through"
            " people you talk with regularly, and only vouch for people you know."
        )
        return _row("introductions", title, 0, S.RATING_REVIEW, verdict, [], details)
    verdict = (
        f"{_people(len(listed))} know you well enough to vouch for you or introduce you"
        f" (tie strength {VOUCH_THRESHOLD:.0f} or more), at {companies:,}"
        f" compan{'y' if companies == 1 else 'ies'}."
        " Ask them for introductions, and only vouch for people you know as well."
        " The report's list \u201cWho could introduce you\u201d names the person you know best"
        " at each of your main companies."
    )
    return _row("introductions", title, len(listed), S.RATING_GOOD, verdict, listed, details)


def _discretion(features: pd.DataFrame) -> dict:
    title = "Discretion"
    confided = features[S.CONFIDED].fillna(False).to_numpy(dtype=bool)
    listed = sorted(str(i) for i in features.index[confided])
    topics = features.loc[confided, S.CONFIDED_TOPICS].astype("string")
    counts = {topic: int(topics.str.contains(topic, regex=False).sum()) for topic in SENSITIVE_TOPICS}
    details = {"confided": len(listed), "topics": {t: n for t, n in counts.items() if n}}
    if not listed:
        return _row(
            "discretion",
            title,
            0,
            S.RATING_GOOD,
            "No message to you reads as a confidence: nothing to keep in mind.",
            [],
            details,
        )
    summary = ", ".join(f"{t} ({n})" for t, n in details["topics"].items())
    verdict = (
        f"{_people(len(listed))} told you something sensitive in a private message ({summary})."
        " Never tag them publicly or mention it in a post: a confidence stays a confidence."
    )
    return _row("discretion", title, len(listed), S.RATING_REVIEW, verdict, listed, details)
