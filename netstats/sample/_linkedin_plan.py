"""The plan of the LinkedIn messages: who writes how many messages, in which conversation, when.

:class:`_Plan` splits the ``messages`` rows of :func:`netstats.sample._linkedin.generate_sample`
between 1:1 conversations (by planted kind), group conversations and sponsored InMail, then
schedules every message in days before the export end (:func:`_schedule`, bursts of replies) and
decides who writes each one (:func:`_interleave`).  :mod:`._linkedin_messages` gives them texts.
"""

from __future__ import annotations

import numpy as np

from .._errors import ParameterError
from ._arrays import _largest_remainder
from ._people import _KIND_CODE, _Cast

# message categories (what text a message gets)
_CHAT, _GROUP, _NEW, _PITCH, _FOLLOW_UP, _OUTREACH_FIRST, _OUTREACH_FOLLOW, _SPONSORED, _DRAFT, _LONG = range(
    10
)
_SPONSORED_SHARE = 0.20
_GROUP_SHARE = 0.07
_CORE_MIN_MESSAGES = 18


class _Plan:
    """Message counts and times for one cast; every draw comes from the cast's one generator."""

    def __init__(self, cast: _Cast, messages: int):
        self.cast = cast
        self.rng = cast.rng
        self.total_messages = messages

    def volumes(self):
        """Owner and contact message counts per person in 1:1 conversations, and the group plan."""
        rng = self.rng
        size = self.cast.kind.size
        self.n_owner = np.zeros(size, np.int64)
        self.n_contact = np.zeros(size, np.int64)
        rows = self.cast.rows
        core, occ, dormant = rows("core"), rows("occasional"), rows("dormant")
        new, inbound, outbound = rows("new"), rows("one_way_inbound"), rows("one_way_outbound")
        long = core[self.cast.long_writer[core]]
        core = core[~self.cast.long_writer[core]]  # long writers write only their letters
        self._plan_groups(core, occ)

        # occasional: 2-6 each way overall, group posts included, at least one each way in 1:1
        their = rng.integers(2, 7, occ.size)
        mine = np.clip(their + rng.integers(-1, 2, occ.size), 2, 6)
        mine = np.maximum(mine, self.group_owner_posts[occ] + 1)
        their = np.maximum(their, self.group_contact_posts[occ] + 1)
        self.n_owner[occ] = mine - self.group_owner_posts[occ]
        self.n_contact[occ] = their - self.group_contact_posts[occ]

        n = rng.integers(6, 21, dormant.size)
        self._split_two_way(dormant, n)

        if long.size:
            self.n_owner[long] = self.n_contact[long] = rng.integers(4, 8, long.size)

        n_new = rng.choice(3, new.size, p=[0.4, 0.35, 0.25])
        owner_writes = rng.random(new.size) < 0.5
        self.n_owner[new] = np.where(n_new == 2, 1, np.where(n_new == 1, owner_writes, 0))
        self.n_contact[new] = n_new - self.n_owner[new]

        self.n_contact[inbound] = rng.integers(1, 5, inbound.size)
        self.n_owner[outbound] = rng.integers(1, 4, outbound.size)

        self.n_sponsored = max(1, round(_SPONSORED_SHARE * self.total_messages))
        self.n_drafts = max(3, round(self.total_messages / 1000))
        fixed = int(self.n_owner.sum() + self.n_contact.sum()) + int(self.group_sizes_fixed.sum())
        core_only_groups = int((~self.group_has_occasional).sum())
        group_budget = 0  # posts of the groups with core members only
        if core_only_groups:
            group_share = round(_GROUP_SHARE * self.total_messages) - int(self.group_sizes_fixed.sum())
            group_budget = max(6 * core_only_groups, group_share)
        core_budget = self.total_messages - self.n_sponsored - self.n_drafts - fixed - group_budget
        needed = _CORE_MIN_MESSAGES * core.size
        if core_budget < needed:
            others = self.total_messages - self.n_sponsored - core_budget
            floor = int(np.ceil((others + needed) / (1 - _SPONSORED_SHARE)))
            raise ParameterError(
                f"messages={self.total_messages} is too few for {self.cast.n_contacts} contacts",
                expected=f"messages of at least about {floor}",
                fix="pass more messages or fewer contacts",
            )
        weights = rng.lognormal(0.0, 1.0, core.size)
        extra = _largest_remainder(weights, core_budget - needed)
        self._split_two_way(core, _CORE_MIN_MESSAGES + extra)
        self._size_core_groups(group_budget)

    def _split_two_way(self, rows, n):
        """Split ``n`` messages as evenly as possible between the owner and each contact."""
        owner_more = self.rng.random(rows.size) < 0.5
        self.n_owner[rows] = np.where(owner_more, (n + 1) // 2, n // 2)
        self.n_contact[rows] = n - self.n_owner[rows]

    def _plan_groups(self, core, occ):
        rng = self.rng
        size = self.cast.kind.size
        n_groups = max(2, round((core.size + occ.size) / 10))
        self.group_members = []
        self.group_has_occasional = np.zeros(n_groups, dtype=bool)
        self.group_sizes_fixed = np.zeros(n_groups, np.int64)
        self.group_owner_posts = np.zeros(size, np.int64)
        self.group_contact_posts = np.zeros(size, np.int64)
        self.group_counts = []  # per group: posts of [owner, member 1, member 2, ...]
        occasional_pool = list(rng.permutation(occ))
        comma_name = int(core[np.flatnonzero(self.cast.last[core] == "Smith, PhD")[0]])
        for g in range(n_groups):
            n_members = int(rng.integers(2, 6))
            with_occasional = bool(occasional_pool) and bool(rng.random() < 0.4)
            n_core_members = min(n_members - (1 if with_occasional else 0), core.size)
            members = list(rng.choice(core, n_core_members, replace=False))
            if g == 0 and comma_name not in members:
                members[0] = comma_name  # a TO cell with a name that holds ", "
            if with_occasional:
                o = int(occasional_pool.pop())
                members.append(o)
                owner_posts, their_posts = int(rng.integers(1, 3)), int(rng.integers(0, 2))
                core_posts = rng.integers(1, 3, n_core_members)
                self.group_owner_posts[o] = owner_posts
                self.group_contact_posts[o] = their_posts
                self.group_counts.append(np.array([owner_posts, *core_posts, their_posts]))
                self.group_sizes_fixed[g] = owner_posts + their_posts + core_posts.sum()
                self.group_has_occasional[g] = True
            else:
                self.group_counts.append(None)
            self.group_members.append(np.array(members, dtype=np.int64))

    def _size_core_groups(self, budget):
        """Share ``budget`` posts among the core-only groups: everyone posts, the owner about 30 %."""
        rng = self.rng
        core_only = np.flatnonzero(~self.group_has_occasional)
        base = np.array([self.group_members[g].size + 1 for g in core_only], dtype=np.int64)
        extras = _largest_remainder(rng.lognormal(0.0, 0.8, core_only.size), budget - int(base.sum()))
        for g, extra in zip(core_only, extras, strict=True):
            members = self.group_members[g]
            owner_extra = round(0.3 * extra)
            shares = _largest_remainder(rng.random(members.size) + 0.2, extra - owner_extra)
            self.group_counts[g] = np.array([1 + owner_extra, *(1 + shares)])

    def conversations(self):
        """Message rows (conversation, sender, days before the end, category) for every conversation."""
        rng, kind = self.rng, self.cast.kind
        talks = np.flatnonzero((self.n_owner + self.n_contact) > 0)
        n = self.n_owner[talks] + self.n_contact[talks]
        k = kind[talks]
        is_core = k == _KIND_CODE["core"]
        one_way = np.isin(k, [_KIND_CODE["one_way_inbound"], _KIND_CODE["one_way_outbound"]])
        sessions = np.where(
            is_core,
            np.clip(np.rint(n / 4), 5, n - 4),
            np.where(one_way, n, np.minimum(np.maximum(1, np.rint(n / 3)), n)),
        ).astype(np.int64)
        occ = k == _KIND_CODE["occasional"]
        sessions[occ] = np.minimum(rng.integers(1, 4, occ.sum()), n[occ])
        long = self.cast.long_writer[talks]
        sessions[long] = n[long] // 2  # one letter each way per exchange
        first, last = self.cast.first_msg[talks].copy(), self.cast.last_msg[talks].copy()
        pitches = k == _KIND_CODE["one_way_inbound"]
        spacing = np.where(pitches, rng.uniform(3, 21, k.size), rng.uniform(5, 25, k.size))
        last = np.where(one_way, np.maximum(first - (n - 1) * spacing, 1.0), last)
        conv, days = _schedule(rng, n, first, last, sessions, is_core)
        owner_sends = _interleave(rng, self.n_owner[talks], self.n_contact[talks])
        person = talks[conv]
        sender = np.where(owner_sends, 0, person)
        position = np.arange(conv.size) - (np.cumsum(n) - n)[conv]
        category = np.full(conv.size, _CHAT)
        pk = kind[person]
        category[pk == _KIND_CODE["new"]] = _NEW
        category[self.cast.long_writer[person]] = _LONG
        inbound = pk == _KIND_CODE["one_way_inbound"]
        outbound = pk == _KIND_CODE["one_way_outbound"]
        category[inbound] = np.where(position[inbound] == 0, _PITCH, _FOLLOW_UP)
        category[outbound] = np.where(position[outbound] == 0, _OUTREACH_FIRST, _OUTREACH_FOLLOW)
        self.one_to_one = talks
        parts = [
            dict(conv=conv, sender=sender, days=days, category=category, group_slot=np.full(conv.size, -1))
        ]
        parts.append(self._group_messages(n_before=talks.size))
        parts.append(self._sponsored_messages(n_before=talks.size + len(self.group_members)))
        self.n_conversations = talks.size + len(self.group_members) + self.n_sponsored_conversations
        rows = {key: np.concatenate([p[key] for p in parts]) for key in parts[0]}
        return rows

    def _group_messages(self, n_before):
        rng = self.rng
        n_groups = len(self.group_members)
        n = np.array([c.sum() for c in self.group_counts], dtype=np.int64)
        first = np.empty(n_groups)
        last = np.empty(n_groups)
        for g in range(n_groups):
            if self.group_has_occasional[g]:
                o_last = self.cast.last_msg[self.group_members[g][-1]]
                last[g] = o_last + rng.uniform(5, 15)
                first[g] = last[g] + rng.uniform(15, 90)
            else:
                last[g] = rng.uniform(1.0, 60.0)
                first[g] = rng.uniform(last[g] + 60, self.cast.window - 5)
        sessions = np.maximum(1, n // 4)
        conv, days = _schedule(rng, n, first, last, sessions, np.zeros(n_groups, dtype=bool))
        # senders: a shuffled bag of each group's posts; slot 0 is the owner
        slot = np.concatenate([rng.permutation(np.repeat(np.arange(c.size), c)) for c in self.group_counts])
        participants = [np.concatenate([[0], m]) for m in self.group_members]
        offsets = np.cumsum([p.size for p in participants]) - [p.size for p in participants]
        flat = np.concatenate(participants)
        sender = flat[offsets[conv] + slot]
        return dict(
            conv=conv + n_before,
            sender=sender,
            days=days,
            category=np.full(conv.size, _GROUP),
            group_slot=offsets[conv] + slot,
        )

    def _sponsored_messages(self, n_before):
        rng = self.rng
        total = self.n_sponsored
        follow_ups = round(0.13 * total) if total > 1 else 0
        n_conv = total - follow_ups
        per_conv = np.ones(n_conv, np.int64)
        per_conv[rng.choice(n_conv, follow_ups, replace=False)] = 2
        self.n_sponsored_conversations = n_conv
        conv = np.repeat(np.arange(n_conv), per_conv)
        start = rng.uniform(0.2, self.cast.window - 1, n_conv)
        start[0] = rng.uniform(0.05, 0.15)  # a fresh one: the export's newest row
        opener_of_two = np.r_[conv[1:] == conv[:-1], False]
        days = start[conv] + np.where(
            opener_of_two, rng.uniform(2, 10, conv.size), 0.0
        )  # a follow-up days later
        self.sponsored_campaign = rng.integers(0, 1 << 30, n_conv)
        return dict(
            conv=conv + n_before,
            sender=np.full(conv.size, -1),
            days=days,
            category=np.full(conv.size, _SPONSORED),
            group_slot=np.full(conv.size, -1),
        )


def _schedule(rng, n, first, last, sessions, anchored):
    """Message times (days before the end), oldest first within each conversation.

    Conversation ``c`` holds ``n[c]`` messages in ``sessions[c]`` bursts: the
    first burst starts ``first[c]`` days before the end, the last one
    ``last[c]`` days before, the others in between.  Inside a burst replies
    follow within hours.  An ``anchored`` conversation ends with four
    two-message bursts 40 days apart (so its exchanges span four calendar
    months), its other bursts at least 130 days before ``last``.
    """
    n = np.asarray(n, np.int64)
    sessions = np.asarray(sessions, np.int64)
    total = int(n.sum())
    conv = np.repeat(np.arange(n.size), n)
    start = np.cumsum(n) - n
    pos = np.arange(total) - start[conv]
    # choose the messages that open a burst: the first always, anchors forced, the rest at random
    key = rng.random(total)
    from_end = n[conv] - pos  # 1 for the newest message
    tail = anchored[conv] & (from_end <= 8)
    key[tail] = np.where(from_end[tail] % 2 == 0, 2.0, -1.0)
    key[pos == 0] = 3.0
    order = np.lexsort((-key, conv))
    rank = np.empty(total, np.int64)
    rank[order] = np.arange(total) - start[conv[order]]
    opens = rank < sessions[conv]
    burst = np.cumsum(opens) - 1
    burst_conv = conv[opens]
    local = np.arange(burst_conv.size) - (np.cumsum(sessions) - sessions)[burst_conv]
    count = sessions[burst_conv]
    hi = first[burst_conv]
    lo = last[burst_conv] + np.where(anchored[burst_conv], 130.0, 0.0)
    when = lo + rng.random(burst_conv.size) * (hi - lo)
    when = np.where(local == 0, hi, when)
    back = count - 1 - local  # 0 for the newest burst
    when = np.where(anchored[burst_conv] & (back < 4), last[burst_conv] + 40.0 * back, when)
    when = np.where(~anchored[burst_conv] & (back == 0), last[burst_conv], when)
    when = when[np.lexsort((-when, burst_conv))]
    gap = np.minimum(rng.exponential(1.5, total), 12.0) / 24.0
    gap[opens] = 0.0
    elapsed = np.cumsum(gap)
    elapsed -= elapsed[opens][burst]
    days = np.maximum(when[burst] - elapsed, 0.01)
    order = np.lexsort((-days, conv))
    return conv, days[order]


def _interleave(rng, n_owner, n_contact):
    """Who writes each message (True: the owner), oldest first, spreading each side evenly."""
    n_owner = np.asarray(n_owner, np.int64)
    n_contact = np.asarray(n_contact, np.int64)
    conv = np.concatenate(
        [np.repeat(np.arange(n_owner.size), n_owner), np.repeat(np.arange(n_contact.size), n_contact)]
    )
    owner = np.concatenate([np.ones(n_owner.sum(), bool), np.zeros(n_contact.sum(), bool)])
    counts = np.where(owner, n_owner[conv], n_contact[conv])
    starts = np.where(owner, (np.cumsum(n_owner) - n_owner)[conv], (np.cumsum(n_contact) - n_contact)[conv])
    index = np.arange(conv.size) - np.where(owner, 0, n_owner.sum()) - starts
    position = (index + 0.5) / counts
    owner_first = rng.random(n_owner.size) < 0.5
    tie = np.where(owner == owner_first[conv], 0, 1)
    return owner[np.lexsort((tie, position, conv))]
