"""The LinkedIn sample's cast: who exists, what each contact is planted as, and when they connect and talk.

:class:`_Cast` draws the owner, the planted contacts (``core``, ``occasional``, ... in the shares of
:data:`_KIND_SHARES`), the strangers seen only in invitations, their names and profile URLs, and
each contact's timeline (connected, first and last message, in days before the export end).
The planted truth is kept here, beside the world that plants it: :meth:`_Cast.people_frame` and
:meth:`_Cast.planted_frame` (the columns :data:`netstats.schema.PLANTED_COLUMNS` that tests and
notebooks compare the analysis with).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import schema as S
from .._text import contact_ids, normalise_profile_urls
from ._arrays import _hex, _strings
from ._words import (
    _COMPANIES,
    _FIRST_NAMES,
    _LAST_NAMES,
    _OWNER_FIRST,
    _OWNER_LAST,
    _PITCHER_COMPANIES,
    _PITCHER_POSITIONS,
    _POSITIONS,
    _PROFILE_BASE,
    _SPECIAL_PEOPLE,
)

_KIND_SHARES = {
    "core": 0.06,
    "occasional": 0.14,
    "dormant": 0.10,
    "new": 0.06,
    "one_way_inbound": 0.08,
    "one_way_outbound": 0.06,
    "silent": 0.50,
}
_KIND_CODE = {kind: code for code, kind in enumerate(S.SEGMENTS)}
_MONTH = 30.44  # days


def _kind_counts(contacts: int) -> np.ndarray:
    """Contacts per planted kind (largest-remainder rounding of the shares), in segment order."""
    shares = np.array([_KIND_SHARES[k] for k in S.SEGMENTS])
    raw = shares * contacts
    counts = np.floor(raw).astype(np.int64)
    counts[np.argsort(-(raw - counts), kind="stable")[: contacts - counts.sum()]] += 1
    return counts


class _Cast:
    """One generation run's people: integers (0 is the owner, then contacts, then strangers).

    Every step draws from the one generator ``rng``, in a fixed order: the same seed gives the same cast.
    """

    def __init__(self, rng, contacts, end, years, hard_cases=False):
        self.rng = rng
        self.hard = hard_cases
        self.n_contacts = contacts
        self.as_of = pd.Timestamp(end, tz="UTC")
        self.window = years * 365.25  # days of history: connections and messages

    def rows(self, kind: str) -> np.ndarray:
        """The people planted as ``kind``."""
        return np.flatnonzero(self.kind == _KIND_CODE[kind])

    def invent(self) -> None:
        """Draw the people, their contact ids and their timelines."""
        self._people()
        self.contact_id = contact_ids(normalise_profile_urls(pd.Series(self.url, dtype="string"))).to_numpy(
            dtype=object
        )
        self._timelines()

    def _people(self):
        rng, n = self.rng, self.n_contacts
        counts = _kind_counts(n)
        self.kind = np.concatenate([[-1], np.repeat(np.arange(len(counts)), counts)])  # -1: owner
        n_strangers = max(4, round(0.04 * n))
        self.kind = np.concatenate([self.kind, np.full(n_strangers, -2)])  # -2: invitation only
        size = self.kind.size
        self.contact_rows = np.arange(1, n + 1)
        first = np.array(_FIRST_NAMES, dtype=object)[rng.integers(0, len(_FIRST_NAMES), size)]
        last = np.array(_LAST_NAMES, dtype=object)[rng.integers(0, len(_LAST_NAMES), size)]
        company = np.array(_COMPANIES, dtype=object)[rng.integers(0, len(_COMPANIES), size)]
        position = np.array(_POSITIONS, dtype=object)[rng.integers(0, len(_POSITIONS), size)]
        pitcher = self.kind == _KIND_CODE["one_way_inbound"]
        company[pitcher] = np.array(_PITCHER_COMPANIES, dtype=object)[
            rng.integers(0, len(_PITCHER_COMPANIES), pitcher.sum())
        ]
        position[pitcher] = np.array(_PITCHER_POSITIONS, dtype=object)[
            rng.integers(0, len(_PITCHER_POSITIONS), pitcher.sum())
        ]
        first[0], last[0] = _OWNER_FIRST, _OWNER_LAST
        company[0], position[0] = "Northwind Analytics", "Head of Data"
        taken = np.zeros(size, dtype=bool)
        for kind, special_first, special_last in _SPECIAL_PEOPLE:
            row = int(np.flatnonzero((self.kind == _KIND_CODE[kind]) & ~taken)[0])
            taken[row] = True
            first[row], last[row] = special_first, special_last
        self.special = taken
        self.first, self.last, self.company, self.position = first, last, company, position
        self.name = first + " " + last
        self.url = self._profile_urls()

    def _profile_urls(self):
        rng, size = self.rng, self.kind.size
        # object dtype: Python's Unicode-aware regex keeps accented and styled letters in slugs
        base = pd.Series(self.first + "-" + self.last, dtype=object).str.lower()
        base = base.str.replace(r"[^\w]+", "-", regex=True).str.strip("-").to_numpy(dtype=object)
        suffix = _hex(rng, size, 8)
        vanity = (rng.random(size) < 0.12) & ~self.special
        slug = np.where(vanity, base, base + "-" + suffix)
        capitalised = (rng.random(size) < 0.03) & ~self.special
        title = pd.Series(slug[capitalised], dtype=object).str.title().to_numpy(dtype=object)
        slug[capitalised] = title
        # contact ids must be unique: redraw the suffix of any repeated slug (rare)
        while True:
            key = pd.Series(slug, dtype="string").str.lower()
            repeated = key.duplicated().to_numpy()
            if not repeated.any():
                break
            slug[repeated] = base[repeated] + "-" + _hex(rng, int(repeated.sum()), 9)
        return _PROFILE_BASE + slug

    # ------------------------------------------------------------ timelines (days before the end)
    def _timelines(self):
        rng, w = self.rng, self.window
        size = self.kind.size
        self.connected = np.full(size, np.nan)  # days before the end; NaN: not a connection
        self.first_msg = np.full(size, np.nan)
        self.last_msg = np.full(size, np.nan)
        rows = self.rows
        core, occ, dormant = rows("core"), rows("occasional"), rows("dormant")
        self.last_msg[core] = rng.uniform(1.0, 80.0, core.size)
        self.first_msg[core] = (
            self.last_msg[core] + 170 + rng.random(core.size) * (w - 3 - 170 - self.last_msg[core])
        )
        self.long_writer = np.zeros(size, dtype=bool)
        if self.hard:
            # one exchange a month: the last four 40 days apart (see _schedule), the first within 20 months
            long = core[(rng.random(core.size) < 0.5) & ~self.special[core]]
            self.long_writer[long] = True
            self.last_msg[long] = rng.uniform(1.0, 10.0, long.size)
            self.first_msg[long] = rng.uniform(200.0, 600.0, long.size)
        self.last_msg[occ] = rng.uniform(100.0, 320.0, occ.size)
        self.first_msg[occ] = np.minimum(self.last_msg[occ] + rng.uniform(0, 720, occ.size), w - 2)
        # dormant: a real relationship that started any time in the history and ended 13-30 months ago
        high = min(30 * _MONTH - 7, w - 30)
        self.last_msg[dormant] = rng.uniform(13 * _MONTH + 7, high, dormant.size)
        span = np.maximum(w - 2 - self.last_msg[dormant] - 20, 0)
        self.first_msg[dormant] = self.last_msg[dormant] + 20 + rng.random(dormant.size) * span
        talked = np.concatenate([core, occ, dormant])
        # connected up to 400 days before the first message, never before the history starts
        room = np.minimum(400.0, w - 1 - self.first_msg[talked])
        self.connected[talked] = self.first_msg[talked] + 1 + rng.random(talked.size) * (room - 1)

        new = rows("new")
        self.connected[new] = rng.uniform(2.0, 55.0, new.size)
        self.last_msg[new] = self.connected[new] - rng.uniform(0.1, 1.0, new.size) * (
            self.connected[new] - 1.0
        )
        self.first_msg[new] = self.last_msg[new]

        inbound = rows("one_way_inbound")
        self.inbound_connected = rng.random(inbound.size) < 0.6
        self.inbound_connected[0] = True  # the emoji-named pitcher connects, then pitches
        self.inbound_connected[-1] = inbound.size < 2  # and at least one pitches without connecting
        linked = inbound[self.inbound_connected]
        self.connected[linked] = rng.uniform(70.0, w - 10, linked.size)
        self.first_msg[linked] = self.connected[linked] - rng.uniform(0.1, 4.0, linked.size)
        cold = inbound[~self.inbound_connected]  # pitch without connecting
        self.first_msg[cold] = rng.uniform(10.0, w - 10, cold.size)

        outbound = rows("one_way_outbound")
        self.connected[outbound] = rng.uniform(70.0, w - 10, outbound.size)
        self.first_msg[outbound] = self.connected[outbound] - rng.uniform(1.0, 30.0, outbound.size)

        silent = rows("silent")
        self.connected[silent] = rng.uniform(66.0, w, silent.size)

    def times(self, days, unit, naive=False):
        """Timestamps ``days`` before the end, floored to seconds or minutes."""
        step = {"s": 1_000_000_000, "m": 60_000_000_000}[unit]
        ns = self.as_of.value - np.rint(np.asarray(days) * 86_400e9).astype(np.int64)
        ns = ns // step * step
        times = pd.to_datetime(ns, unit="ns", utc=True)
        return pd.Series(times.tz_localize(None) if naive else times).astype(
            S.NAIVE_TIME if naive else S.UTC_TIME
        )

    # ------------------------------------------------------------ the planted truth
    def people_frame(self) -> pd.DataFrame:
        """Everyone: the owner, the planted contacts and the strangers (:attr:`SampleExport.people`)."""
        role = np.where(
            self.kind == -1, "owner", np.where(self.kind == -2, "invitation_only", "contact")
        ).astype(object)
        kind_names = np.array(S.SEGMENTS, dtype=object)
        planted_kind = np.where(self.kind >= 0, kind_names[np.maximum(self.kind, 0)], None)
        is_connection = ~np.isnan(self.connected)
        return pd.DataFrame(
            {
                S.CONTACT_ID: _strings(self.contact_id),
                S.NAME: _strings(self.name),
                S.FIRST_NAME: _strings(self.first),
                S.LAST_NAME: _strings(self.last),
                S.PROFILE_URL: _strings(self.url),
                S.COMPANY: _strings(self.company),
                S.POSITION: _strings(self.position),
                S.ROLE: _strings(role),
                S.PLANTED_KIND: pd.array(planted_kind, dtype=S.STRING),
                S.IS_CONNECTION: is_connection,
                S.CONNECTED_ON: self.times(
                    np.where(is_connection, self.connected, 0.0), "m", naive=True
                ).where(is_connection),
            }
        )

    def planted_frame(
        self, people: pd.DataFrame, confided: np.ndarray, invitations: pd.DataFrame
    ) -> pd.DataFrame:
        """The ground truth of every planted contact, columns :data:`netstats.schema.PLANTED_COLUMNS`."""
        contacts = people[people[S.ROLE] == "contact"]
        rows = contacts.index.to_numpy()
        planted = pd.DataFrame(
            {
                S.CONTACT_ID: contacts[S.CONTACT_ID],
                S.NAME: contacts[S.NAME],
                S.PLANTED_KIND: contacts[S.PLANTED_KIND],
                S.IS_CONNECTION: contacts[S.IS_CONNECTION],
                S.IS_PITCHER: self.kind[rows] == _KIND_CODE["one_way_inbound"],
                S.IS_OWNER_UNANSWERED_OUTREACH: self.kind[rows] == _KIND_CODE["one_way_outbound"],
                S.CONFIDED: confided[rows],
                S.INVITATION_NOTE_KIND: _latest_note_kinds(invitations)
                .reindex(contacts[S.CONTACT_ID])
                .to_numpy(),
            }
        )
        return S.conform(planted.sort_values(S.CONTACT_ID, kind="stable"), S.PLANTED_COLUMNS)


def _latest_note_kinds(invitations: pd.DataFrame) -> pd.Series:
    """The planted note kind of each person's latest invitation, by contact id."""
    latest = invitations.sort_values(S.SENT_AT, kind="stable").drop_duplicates(S.CONTACT_ID, keep="last")
    return pd.Series(latest[S.NOTE_KIND].to_numpy(), index=latest[S.CONTACT_ID].to_numpy())
