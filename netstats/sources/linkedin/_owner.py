"""Who the export's owner is: the participant in (nearly) every conversation of messages.csv.

:func:`find_owner` counts the conversations each participant is in (senders,
the names in ``TO``, the recipient URLs); Profile.csv's name and
Invitations.csv's owner URL are candidates the messages check, and ``owner=``
settles it.  ``Owner.found_by`` names the evidence used, ``Owner.confidence``
how sure it is (:func:`_confidence`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ... import schema as S
from ..._errors import (
    ParameterError,
)
from ..._export import Owner
from ..._text import (
    contact_id_for,
    name_key,
    name_keys,
    normalise_profile_url,
)
from ._codes import _Coded, _sort_ranks, _string_array
from ._csv import RawTable
from ._identity import _split_cells
from ._messages import SPONSORED_SENDERS, _Messages


def _mode(series: pd.Series) -> str | None:
    values = series.dropna()
    if values.empty:
        return None
    counts = values.value_counts()
    top = counts[counts == counts.iloc[0]].index
    return str(sorted(top)[0])


def _profile_name(raw: RawTable | None) -> str | None:
    if raw is None or raw.table.num_rows == 0:
        return None
    row = raw.frame.iloc[0]
    name = " ".join(str(v) for v in (row["FIRST NAME"], row["LAST NAME"]) if isinstance(v, str) and v).strip()
    return name or None


# Confidence from the share of conversations the leading participant is in, and its lead over the next one.
CERTAIN_SHARE, CERTAIN_LEAD = 0.9, 0.4
LIKELY_SHARE, LIKELY_LEAD = 0.6, 0.2
# A candidate from Profile.csv or Invitations.csv in fewer conversations than this loses to clear messages.
FEW_CONVERSATIONS = 0.5


# The participants whose conversations are counted exactly at first (the most often named); the
# others' counts are bounded by how often they are named, which settles all but odd exports.
LEADERS = 8


@dataclass(frozen=True)
class _Presence:
    """Who is in which conversation of messages.csv (2021+ formats), before the owner is known.

    A participant is a profile URL, or a name key where no URL is known for
    the name (a name seen with exactly one URL is that URL).  Evidence:
    senders (URL, else name), ``TO`` names (split only into names known from
    the export, so ``"First Last, MBA"`` stays one name), and the recipient
    URL lists of 2023+.  Conversations are counted per participant on demand
    (:meth:`conversations`): the leader is found among the most often named.
    """

    keys: list[str]  # per participant: the normalised URL, or "name:<key>" (the URLs come first)
    n_urls: int
    named: np.ndarray  # per participant: how many rows name them (an upper bound of their conversations)
    kinds: np.ndarray  # per participant: bit 1 sender, 2 TO, 4 recipient URLs (evidence seen)
    n_conversations: int
    evidence: list[
        tuple[np.ndarray, np.ndarray]
    ]  # (conversation code, participant code) pairs, one array pair per kind
    sender: np.ndarray  # per message row: its sender's participant code (-1: none)
    names: dict[str, int]  # name key -> participant code
    sender_name: _Coded  # FROM of every row
    to_name: list[str | None]  # per participant: a name TO gives them
    counted: dict[int, int] = field(default_factory=dict)  # participant -> conversations, as counted so far

    def name_of(self, code: int) -> str | None:
        """The participant's name as the messages spell it: their most frequent FROM, else a TO name."""
        return self.sender_name.mode(self.sender == code) or self.to_name[code]

    def code_of(self, url: str | None = None, name: str | None = None) -> int:
        """The participant with this (normalised) URL, else this name; -1 when absent."""
        if url and url in self.keys:
            return self.keys.index(url)
        key = name_key(name) if name else None
        return self.names.get(key, -1) if key else -1

    def conversations(self, codes: np.ndarray) -> np.ndarray:
        """How many conversations each participant of ``codes`` is in (one bitmap row per participant)."""
        codes = np.asarray(codes, dtype=np.int64)
        todo = np.array(
            [c for c in dict.fromkeys(codes.tolist()) if c not in self.counted and c >= 0], dtype=np.int64
        )
        if len(todo):
            width = max((int(c.max()) + 1 for c, _ in self.evidence if len(c)), default=1)
            slot = np.full(len(self.keys) + 1, -1, dtype=np.int64)  # the last entry serves code -1
            slot[todo] = np.arange(len(todo))
            seen = np.zeros((len(todo), width), dtype=bool)
            for conv, who in self.evidence:
                at = slot[who]
                hit = at >= 0
                seen[at[hit], conv[hit]] = True
            self.counted.update(zip(todo.tolist(), seen.sum(axis=1).tolist(), strict=True))
        return np.array([self.counted.get(int(c), 0) for c in codes], dtype=np.int64)

    def _count_everyone(self) -> np.ndarray:
        """Every participant's conversations, from the distinct (participant, conversation) pairs."""
        width = max((int(c.max()) + 1 for c, _ in self.evidence if len(c)), default=1)
        pairs = np.concatenate([who[who >= 0] * width + conv[who >= 0] for conv, who in self.evidence])
        counts = np.bincount(np.unique(pairs) // width, minlength=len(self.keys))
        self.counted.update(enumerate(counts.tolist()))
        return counts

    def share(self, code: int) -> float:
        if code < 0 or not self.n_conversations:
            return 0.0
        return float(self.conversations(np.array([code]))[0]) / self.n_conversations

    def leader(self) -> tuple[int, float]:
        """The participant in most conversations (ties: the key sorting first), and their lead over a rival.

        A rival could be the owner: someone with a profile URL, or named in
        TO or a recipient list.  Sponsors (``LinkedIn Member``, brands) only
        ever send and have no URL; they are in many conversations but are
        never addressed, as the owner is in every message they receive.
        """
        if not self.keys or not self.n_conversations:
            return -1, 0.0
        ranks = _sort_ranks(pa.array(self.keys, pa.large_string()))
        rival = ((self.kinds & 6) > 0) | (np.arange(len(self.keys)) < self.n_urls)
        order = np.lexsort((ranks, -self.named))
        head, rest = order[:LEADERS], order[LEADERS:]
        top, first, second = self._top_and_rival(head, self.conversations(head), ranks, rival)
        bound = min(int(self.named[rest].max()) if len(rest) else 0, self.n_conversations)
        rival_bound = min(
            int(self.named[rest[rival[rest]]].max()) if rival[rest].any() else 0, self.n_conversations
        )
        n = self.n_conversations
        if bound >= first or (
            rival_bound > second
            and _confidence(first / n, (first - rival_bound) / n)
            != _confidence(first / n, (first - second) / n)
        ):  # a participant named less often might be in more conversations: count everyone
            top, first, second = self._top_and_rival(
                np.arange(len(self.keys)), self._count_everyone(), ranks, rival
            )
        return top, (first - second) / n

    @staticmethod
    def _top_and_rival(
        codes: np.ndarray, counts: np.ndarray, ranks: np.ndarray, rival: np.ndarray
    ) -> tuple[int, int, int]:
        """The leader among ``codes``, their conversations, and the most conversations of a rival."""
        order = np.lexsort((ranks[codes], -counts))
        top = int(codes[order[0]])
        others = order[1:][rival[codes[order[1:]]]]
        return top, int(counts[order[0]]), int(counts[others[0]]) if len(others) else 0

    def evidence_of(self, code: int) -> str:
        kinds = [
            label
            for bit, label in ((1, "as sender"), (2, "in TO"), (4, "in RECIPIENT PROFILE URLS"))
            if self.kinds[code] & bit
        ]
        return ", ".join(kinds)


def _one_value_per_code(codes: np.ndarray, values: np.ndarray, n_codes: int) -> np.ndarray:
    """Per code, the one value it is paired with; -1 when none, -2 when several (no sorting, no hashing)."""
    low = np.full(n_codes, np.iinfo(np.int64).max, dtype=np.int64)
    high = np.full(n_codes, -1, dtype=np.int64)
    np.minimum.at(low, codes, values)
    np.maximum.at(high, codes, values)
    return np.where(high < 0, -1, np.where(low == high, high, -2))


def _name_links(m: _Messages, sender_keys: list[str | None]) -> dict[str, str]:
    """Name key -> URL, for the names messages.csv shows with exactly one profile URL.

    Pairs: a sender's name and URL, and the TO of a message with one listed recipient and its URL.
    """
    sender_name, to = m.text["FROM"], m.text["TO"]
    both = (m.sender_url.codes >= 0) & (sender_name.codes >= 0)
    by_sender = _one_value_per_code(
        sender_name.codes[both], m.sender_url.codes[both], len(sender_name.values)
    )
    single = (
        np.bincount(m.recipient_rows, minlength=len(m))[m.recipient_rows] == 1
        if len(m)
        else np.zeros(0, bool)
    )
    to_codes, to_urls = to.codes[m.recipient_rows[single]], m.recipient_urls[single]
    named = to_codes >= 0
    by_to = _one_value_per_code(to_codes[named], to_urls[named], len(to.values))
    paired = np.flatnonzero(by_to != -1)
    to_keys = [name_key(v) for v in pc.take(to.values, pa.array(paired)).to_pylist()]
    # several spellings (values) of one name key must agree; a value with several URLs (-2) makes it ambiguous
    seen: dict[str, set[int]] = {}
    for key, url in [
        *zip(sender_keys, by_sender.tolist(), strict=True),
        *zip(to_keys, by_to[paired].tolist(), strict=True),
    ]:
        if key and url != -1:
            seen.setdefault(key, set()).add(url)
    urls = m.urls.to_pylist()
    return {
        key: urls[next(iter(codes))] for key, codes in seen.items() if len(codes) == 1 and -2 not in codes
    }


def _presence(m: _Messages, known_names: set[str]) -> _Presence:
    """:class:`_Presence` of the records kept (vectorised; Python only per distinct name or cell)."""
    sender_name, to = m.text["FROM"], m.text["TO"]
    sender_keys = name_keys(pd.Series(_string_array(sender_name.values))).tolist()
    sender_keys = [k if isinstance(k, str) else None for k in sender_keys]
    known = {k for k in sender_keys if k} | known_names
    to_rows, to_items, to_flat = _split_cells(to, known)
    links = _name_links(m, sender_keys)
    keys: dict[str, int] = {}

    def code(key: str | None) -> int:
        return -1 if key is None else keys.setdefault(key, len(keys))

    def of_name(key: str | None) -> int:
        return -1 if key is None else code(links.get(key, f"name:{key}"))

    url_code = np.array([code(u) for u in m.urls.to_pylist()] + [-1], dtype=np.int64)
    name_code = np.array([of_name(k) for k in sender_keys] + [-1], dtype=np.int64)
    to_keys = [
        k if isinstance(k, str) else None for k in name_keys(pd.Series(to_flat, dtype=S.STRING)).tolist()
    ]
    item_code = np.array([of_name(k) for k in to_keys] + [-1], dtype=np.int64)
    sender = np.where(m.sender_url.codes >= 0, url_code[m.sender_url.codes], name_code[sender_name.codes])
    conv = m.text["CONVERSATION ID"].codes + 1  # a blank conversation id is one value
    n_conv = int(np.count_nonzero(np.bincount(conv))) if len(conv) else 0
    evidence = [
        (1, conv, sender),
        (2, conv[to_rows], item_code[to_items]),
        (4, conv[m.recipient_rows], url_code[m.recipient_urls]),
    ]
    n = len(keys)
    named = np.zeros(n, dtype=np.int64)
    kinds = np.zeros(n, dtype=np.int64)
    for bit, _, who in evidence:
        times = np.bincount(who[who >= 0], minlength=n)
        named += times
        kinds |= np.where(times > 0, bit, 0)
    names = {k: of_name(k) for k in {*sender_keys, *to_keys} if k}
    to_name: list[str | None] = [None] * n
    for value, c in zip(to_flat, item_code[:-1].tolist(), strict=True):
        if c >= 0 and to_name[c] is None:
            to_name[c] = value
    pairs = [(c, who) for _, c, who in evidence]
    return _Presence(
        list(keys), len(m.urls), named, kinds, n_conv, pairs, sender, names, sender_name, to_name
    )


def _confidence(share: float, lead: float) -> str:
    if share >= CERTAIN_SHARE and lead >= CERTAIN_LEAD:
        return "certain"
    if share >= LIKELY_SHARE and lead >= LIKELY_LEAD:
        return "likely"
    return "unsure" if lead > 0 else "not found"


@dataclass(frozen=True)
class _Candidate:
    """The owner as Profile.csv or Invitations.csv states it."""

    name: str | None
    url: str | None
    source: str  # e.g. "Invitations.csv owner URL"
    name_source: str = ""  # where the name comes from, e.g. "Profile.csv name"


def _file_candidate(invitations: pd.DataFrame | None, profile_name: str | None) -> _Candidate | None:
    url = name = None
    if invitations is not None and not invitations.empty:
        url = _mode(invitations["_owner_url"])
        name = _mode(invitations.loc[invitations[S.DIRECTION].eq(S.OUTGOING), "_owner_name"])
    if url:
        named_by = (
            "Profile.csv name" if profile_name else "Invitations.csv sender name of outgoing invitations"
        )
        return _Candidate(profile_name or name, url, "Invitations.csv owner URL", named_by)
    if profile_name:
        return _Candidate(profile_name, None, "Profile.csv name")
    if name:
        return _Candidate(name, None, "Invitations.csv sender name of outgoing invitations")
    return None


def _owner_of(
    p: _Presence, code: int, found_by: str, confidence: str, stated: str | None = None
) -> tuple[Owner, np.ndarray]:
    """The participant ``code`` as the Owner, and the rows they sent.

    ``stated`` is the name a file or the user gives: it labels a participant
    the messages show as ``LinkedIn Member`` (as LinkedIn shows some owners).
    """
    key = p.keys[code]
    url = None if key.startswith("name:") else key
    shown = p.name_of(code)
    name = stated if stated and (shown is None or name_key(shown) in SPONSORED_SENDERS) else shown or stated
    contact_id = contact_id_for(url) if url else key
    owner = Owner(name, url, contact_id, found_by, confidence, round(p.share(code), 4))
    return owner, p.sender == code


def _in(p: _Presence, code: int) -> str:
    count = int(p.conversations(np.array([code]))[0]) if code >= 0 else 0
    return f"in {count:,} of {p.n_conversations:,} conversations"


def _given_owner(given: tuple[str, ...], p: _Presence, file: str) -> tuple[Owner, np.ndarray]:
    """The owner the user named (a name or a profile URL), which must be a participant of the messages."""
    for value in given:
        url = normalise_profile_url(value) if "linkedin.com/" in value.casefold() else None
        code = p.code_of(url=url, name=None if url else value)
        if code >= 0:
            return _owner_of(
                p, code, f"owner= given by the user ({_in(p, code)})", "certain", None if url else value
            )
    raise ParameterError(
        "the owner given is no participant of the LinkedIn messages",
        file=file,
        expected="your name exactly as the FROM or TO column of messages.csv shows it, or your profile URL",
        fix=(
            'pass --owner "Your Name" (owner="Your Name" in netstats.load) as LinkedIn spells it, '
            "or your profile URL; "
            "a name meant for another platform's export needs your LinkedIn name beside it "
            "(--owner can be repeated)"
        ),
    )


def _linkedin_keys(given: tuple[str, ...]) -> tuple[str, ...]:
    """The owner= values that can name a LinkedIn member: names and profile URLs (not e-mails or phones)."""
    return tuple(
        g.strip()
        for g in given
        if g.strip() and "@" not in g and not re.fullmatch(r"[+\d\s().\-/]+", g.strip())
    )


def find_owner(
    invitations: pd.DataFrame | None,
    profile_name: str | None,
    messages: _Messages | None,
    *,
    known_names: set[str] | frozenset[str] = frozenset(),
    given: tuple[str, ...] = (),
) -> tuple[Owner, np.ndarray | None]:
    """Identify the account owner from the evidence; return it and the rows it sent (None: 2018 format).

    The owner is the participant in (nearly) every conversation of
    messages.csv (:class:`_Presence`).  A candidate stated by Invitations.csv
    (the inviter URL) or Profile.csv (the name) is checked against the
    messages: when it is in few conversations and another participant is in
    nearly all, the messages win, and ``found_by`` says so.  The 2018 format
    states each message's direction.  ``given`` (owner= names or profile
    URLs) settles it; one that matches no participant is an error.

    ``known_names`` are name keys from the other files (connections,
    invitations), used to split ``TO`` cells.
    """
    candidate = _file_candidate(invitations, profile_name)
    given = _linkedin_keys(given)
    m = messages
    if m is not None and len(m) and m.legacy:
        return _legacy_owner(m, profile_name, candidate, given), None
    if m is None or not len(m):
        return _owner_without_messages(candidate), None
    p = _presence(
        m,
        set(known_names) | {k for k in (name_key(profile_name), name_key(candidate and candidate.name)) if k},
    )
    if given:
        return _given_owner(given, p, m.raw.file)
    top, lead = p.leader()
    from_messages = _confidence(p.share(top), lead) if top >= 0 else "not found"
    if candidate is not None:
        return _checked_candidate(p, candidate, top, from_messages)
    if from_messages == "not found":
        return Owner(
            None, None, None, "not found: no participant leads the conversations of messages.csv", "not found"
        ), None
    return _owner_of(p, top, f"messages.csv: {_in(p, top)} ({p.evidence_of(top)})", from_messages)


def _checked_candidate(
    p: _Presence, candidate: _Candidate, top: int, from_messages: str
) -> tuple[Owner, np.ndarray | None]:
    """The owner a file states, checked against the messages (they win over a candidate in few of them)."""
    source = candidate.source
    code = p.code_of(url=candidate.url) if candidate.url else -1
    if code < 0:
        code = p.code_of(name=candidate.name)
        if candidate.url and code >= 0:  # e.g. a profile URL changed since the messages: the name matched
            source = f"{candidate.name_source} (the {candidate.source} is in no conversation)"
    share = p.share(code)
    if code >= 0 and (code == top or share >= CERTAIN_SHARE):
        sure = "certain" if share >= LIKELY_SHARE else "likely"
        return _owner_of(
            p, code, f"{source}, confirmed by messages.csv ({_in(p, code)})", sure, candidate.name
        )
    if from_messages in ("certain", "likely") and share < FEW_CONVERSATIONS:
        found_by = (
            f"messages.csv: {_in(p, top)} ({p.evidence_of(top)}); the {candidate.source} is {_in(p, code)}"
        )
        return _owner_of(p, top, found_by, from_messages, candidate.name)
    sure = "likely" if share >= FEW_CONVERSATIONS else "unsure"
    if code >= 0:
        return _owner_of(p, code, f"{source} (messages.csv: {_in(p, code)})", sure, candidate.name)
    return _stated_owner(candidate, f"{candidate.source} (in no conversation of messages.csv)", sure), None


def _stated_owner(candidate: _Candidate, found_by: str, confidence: str = "certain") -> Owner:
    return Owner(
        candidate.name, candidate.url, contact_id_for(candidate.url, candidate.name), found_by, confidence
    )


def _owner_without_messages(candidate: _Candidate | None) -> Owner:
    if candidate is None:
        return Owner(
            None,
            None,
            None,
            "not found: no messages, Profile.csv or Invitations.csv names the owner",
            "not found",
        )
    return _stated_owner(candidate, f"{candidate.source} (no messages to check it against)")


def _legacy_owner(
    m: _Messages, profile_name: str | None, candidate: _Candidate | None, given: tuple[str, ...]
) -> Owner:
    """2018: the Direction column says which messages the owner sent; the name is the senders' of those."""
    sender_name, to = m.text["FROM"], m.text["TO"]
    found_by = "2018 Direction column"
    name = sender_name.mode(m.outgoing, blank="") or to.mode(~m.outgoing, blank="")
    if given:
        seen = {name_key(v) for v in sender_name.values.to_pylist() + to.values.to_pylist()}
        name = next((g for g in given if name_key(g) in seen), None)
        if name is None:
            raise ParameterError(
                "the owner given is no participant of the LinkedIn messages",
                file=m.raw.file,
                expected="your name exactly as the From or To column of Messages.csv shows it",
                fix='pass --owner "Your Name" (owner="Your Name" in netstats.load) as LinkedIn spells it',
            )
        found_by = "owner= given by the user; directions from the 2018 Direction column"
    elif profile_name:
        name, found_by = profile_name, "2018 Direction column; the name from Profile.csv"
    if not name:
        return _owner_without_messages(candidate)
    return Owner(name, None, contact_id_for(None, name), found_by, "certain", None)
