"""Everyone the owner knows, on every platform: the cast of the multi-platform sample.

:class:`_World` starts from the LinkedIn sample's people and adds those who are not on LinkedIn
(family, friends, namesakes, followers, X-only accounts, services, a requester), decides who is on
which platform (:data:`_PRESENCE`), and plants the collisions identity resolution must not merge
(namesakes, a name twice in Google Contacts, an office switchboard).  :mod:`._identities` gives
them their keys (phones, e-mail addresses, names, handles); each platform's module writes its
files from the world and records every person record it writes (:meth:`_World.record`): the
identity truth, :meth:`_World.truth_frame`, kept beside the world that plants it.
"""

from __future__ import annotations

import unicodedata

import numpy as np
import pandas as pd

from .. import schema as S
from .._text import name_key
from ._linkedin import SampleExport
from ._words import _FIRST_NAMES, _LAST_NAMES

OWNER_PERSON = "owner"
SWITCHBOARD = "+44 20 7946 0000"  # a London number from Ofcom's range for drama
WINDOW_DAYS = 6.0 * 365.25  # the LinkedIn sample's history

# ---------------------------------------------------------------- the owner elsewhere
_OWNER_EMAIL = "sasha.moreau@example.com"
_OWNER_PHONE = "+447700900000"
_OWNER_INSTAGRAM = "sasha.moreau"
_OWNER_X_HANDLE = "sashamoreau"
_OWNER_X_ID = "2893417245"

# ---------------------------------------------------------------- names
_NICKNAMES = {
    "Alejandro": "Alex",
    "Daniel": "Dan",
    "David": "Dave",
    "Elena": "Lena",
    "Gabriel": "Gabe",
    "Jakob": "Jake",
    "James": "Jim",
    "Javier": "Javi",
    "Lucas": "Luke",
    "Nikolai": "Niko",
    "Oliver": "Olly",
    "Rafael": "Rafa",
    "Sebastian": "Seb",
    "Thomas": "Tom",
    "Valentina": "Vale",
    "Victor": "Vic",
    "Mohammed": "Mo",
    "Ibrahim": "Ibra",
    "Beatriz": "Bia",
    "Sofia": "Sofi",
    "Isaac": "Zac",
    "Jonas": "Jo",
    "Samuel": "Sam",
    "Katarina": "Kat",
}
_MIDDLE_NAMES = ("Maria", "Luis", "Ann", "James", "Rose", "Miguel", "Louise", "Jean")
_ASCII_FOLD = str.maketrans({"Ł": "L", "ł": "l", "ø": "o", "Ø": "O", "ß": "ss", "ı": "i", "đ": "d"})
_FAMILY_SAVED = ("Mum", "Dad", None, None, "Tia {first}")  # None: saved by first name
_SERVICES = (
    ("Ines", "Lopes", "Dentist - Dr Lopes"),
    ("João", "Pinto", "Landlord Mr Pinto"),
    ("Marta", "Reis", "Vet clinic Marta"),
    ("Rui", "Alves", "Plumber Rui"),
)
_EMAIL_DOMAINS = ("example.com", "example.org", "example.net", "mail.example")
_US_AREAS = ("202", "312", "415", "617", "646", "718")

# ---------------------------------------------------------------- texts
_FAMILY_BODIES = (
    "Bom dia! ☀️",
    "Já chegaste?",
    "Até logo 😘",
    "Dinner on Sunday?",
    "Call me when you can",
    "Happy birthday!! 🎂🎉",
    "Can you pick up bread on the way?",
    "Saudades! ❤️",
    "Did you see the photos?",
    "Landed safely ✈️",
    "Don't forget Grandma's birthday 🎁",
    "Merci pour hier soir, c'était génial !",
    "Ok 👍",
    "Who's bringing dessert?\nI can do the salad.",
)
_FRIEND_BODIES = (
    "Drinks Friday?",
    "Haha 😂",
    "Are you coming to the match on Saturday? ⚽",
    "Running late, 10 min",
    "Just saw this and thought of you",
    "Café at 10?",
    "Happy new year! 🎆",
    "Sent you the link",
    "Good luck tomorrow!",
    "That was a great evening, thanks!",
    "Yes!! Count me in",
    "Where are we meeting?\nThe usual place?",
)


class _World:
    """One generation run; persons are row numbers of ``self.p`` (0 is the owner)."""

    def __init__(self, linkedin: SampleExport, rng: np.random.Generator):
        self.li = linkedin
        self.rng = rng
        self.end = linkedin.as_of
        self.n_contacts = int((linkedin.people[S.ROLE] == "contact").sum())
        self.files: dict[str, bytes] = {}
        self.truth: list[tuple[str, str, int]] = []  # (platform_id, platform, person row)

    # ------------------------------------------------------------ helpers
    def time(self, days) -> np.ndarray:
        """Epoch milliseconds ``days`` before the end, whole seconds."""
        ms = self.end.value // 1_000_000 - np.rint(np.asarray(days, dtype=float) * 86_400_000).astype(
            np.int64
        )
        return ms // 1000 * 1000

    def times(self, n: int, kind: str) -> np.ndarray:
        """``n`` message times (epoch ms, ascending) of one conversation with someone of ``kind``."""
        low, high, span = _RECENCY[kind]
        last = self.rng.uniform(low, high)
        first = min(last + self.rng.uniform(0.2, 1.0) * span, WINDOW_DAYS - 1)
        days = np.sort(self.rng.uniform(last, max(first, last + 0.01), n))[::-1].copy()
        days[-1] = last
        if n > 1:
            days[0] = first
        # replies come within hours of the message before, in bursts
        return np.maximum.accumulate(self.time(days))

    def pick(self, options, n: int) -> list:
        """``n`` of ``options``, drawn at random with replacement."""
        return [options[i] for i in self.rng.integers(0, len(options), n)]

    def rows(self, *kinds: str, flag: str | None = None) -> list[int]:
        """The persons planted as one of ``kinds`` (and on the platform ``flag``, if given)."""
        mask = self.p[S.PLANTED_KIND].isin(kinds).to_numpy()
        if flag is not None:
            mask = mask & self.p[flag].to_numpy(dtype=bool)
        return np.flatnonzero(mask).tolist()

    def add_person(self, first: str, last: str, kind: str, contact_id: str) -> int:
        """A person invented after the platforms were drawn (on no platform but LinkedIn)."""
        row = len(self.p)
        extra = {c: [None] for c in self.p.columns}
        extra.update({c: [False] for c in _FLAGS})
        extra.update(
            {"first": [first], "last": [last], S.NAME: [f"{first} {last}"], S.PLANTED_KIND: [kind],
             S.CONTACT_ID: [contact_id], S.PERSON: [f"p{row:04d}"], S.COMPANY: [""], S.POSITION: [""]}
        )  # fmt: skip
        self.p = pd.concat([self.p, pd.DataFrame(extra, index=[row], dtype=object)])
        return row

    def record(self, platform: str, platform_id: str, person: int) -> None:
        """Note that a reader of ``platform`` will produce the record ``platform_id`` for ``person``."""
        self.truth.append((platform_id, platform, person))

    def invent(self) -> None:
        """Draw who exists and where (the keys that link them come from :func:`._identities.identities`)."""
        self._people()
        self._presence()

    # ------------------------------------------------------------ people
    def _people(self):
        """LinkedIn's people, then family, friends, namesakes, followers, X-only accounts, services."""
        rng = self.rng
        li = self.li.people
        kind = np.where(
            li[S.ROLE] == "owner", "owner", np.where(li[S.ROLE] == "invitation_only", "invitation_only", "")
        ).astype(object)
        kind = np.where(kind == "", li[S.PLANTED_KIND].fillna("").to_numpy(dtype=object), kind)
        rows = {
            "first": li[S.FIRST_NAME].tolist(),
            "last": li[S.LAST_NAME].tolist(),
            S.PLANTED_KIND: kind.tolist(),
            S.CONTACT_ID: li[S.CONTACT_ID].tolist(),
            S.COMPANY: li[S.COMPANY].tolist(),
            S.POSITION: li[S.POSITION].tolist(),
        }

        def add(first, last, kind_, company="", position=""):
            rows["first"].append(first)
            rows["last"].append(last)
            rows[S.PLANTED_KIND].append(kind_)
            rows[S.CONTACT_ID].append(None)
            rows[S.COMPANY].append(company)
            rows[S.POSITION].append(position)

        firsts, lasts = _FIRST_NAMES, _LAST_NAMES
        n = self.n_contacts
        for i in range(6):  # the last one is a cousin whose number the owner never saved
            last = "Moreau" if i != 4 else lasts[int(rng.integers(0, len(lasts)))]
            add(firsts[int(rng.integers(0, len(firsts)))], last, "family")
        for _ in range(max(12, n // 12)):
            add(*self.pick(firsts, 1), *self.pick(lasts, 1), "friend")
        # namesakes: someone else with exactly a LinkedIn contact's name
        keys = li[S.NAME].map(name_key)
        self.repeated_names = set(keys[keys.duplicated()])
        candidates = np.flatnonzero(
            np.isin(kind, ["core", "occasional", "dormant", "silent", "new"])
            & ~keys.isin(self.repeated_names).to_numpy()
        )
        self.namesake_of: dict[int, int] = {}
        originals = rng.choice(candidates, max(10, n // 40), replace=False)
        for original in sorted(originals.tolist()):
            self.namesake_of[len(rows["first"])] = original
            add(rows["first"][original], rows["last"][original], "namesake")
        for _ in range(max(8, n // 15)):
            add(*self.pick(firsts, 1), *self.pick(lasts, 1), "follower")
        for _ in range(max(6, n // 25)):
            add(*self.pick(firsts, 1), *self.pick(lasts, 1), "x_only")
        for first, last, _ in _SERVICES:
            add(first, last, "service")
        add(*self.pick(firsts, 1), *self.pick(lasts, 1), "requester")
        p = pd.DataFrame(rows, dtype=object)  # None stays None: text cells are tested for truth
        p[S.NAME] = pd.Series(
            [f"{first} {last}".strip() for first, last in zip(p["first"], p["last"], strict=True)],
            dtype=object,
        )
        p[S.PERSON] = [OWNER_PERSON if i == 0 else f"p{i:04d}" for i in range(len(p))]
        self.p = p

    # ------------------------------------------------------------ where each person is
    def _presence(self):
        """Who is on which platform: drawn by kind, then the structures every sample holds."""
        rng, p = self.rng, self.p
        kinds = p[S.PLANTED_KIND].to_numpy(dtype=object)
        for column, index in _FLAGS.items():
            chance = np.array([_PRESENCE.get(k, _NOWHERE)[index] for k in kinds])
            p[column] = rng.random(len(p)) < chance
        p.loc[0, list(_FLAGS)] = True
        family = self.rows("family")
        p.loc[family, ["fb", "wa"]] = True
        p.loc[family[:5], "book"] = True
        p.loc[family[5], "book"] = False  # the unsaved cousin: a number in the family group ...
        p.loc[family[5], "google"] = True  # ... whom Google Contacts knows, by the same number
        # LinkedIn's two e-mail addresses are the owner's keys to them elsewhere too
        li_emails = self.li.connections[[S.CONTACT_ID, S.EMAIL]].dropna()
        li_emails = li_emails[li_emails[S.EMAIL].str.contains("@", regex=False)]
        email_of = dict(zip(li_emails[S.CONTACT_ID], li_emails[S.EMAIL].str.strip(), strict=True))
        mailers = p.index[p[S.CONTACT_ID].isin(list(email_of))].tolist()
        p.loc[mailers, ["google", "mail"]] = True
        p.loc[mailers, "book"] = False
        self.mailers = mailers
        # structures every sample holds, whatever its size
        core = self.rows("core")
        friends = self.rows("friend")
        p.loc[core[:2], ["mail", "wa", "book"]] = True
        p.loc[core[2:4], "x"] = True
        p.loc[friends[:3], ["wa", "book", "ig"]] = True
        p.loc[friends[:4], "fb"] = True
        for k in ("x_only",):
            p.loc[self.rows(k), "x"] = True
        p.loc[self.rows("follower"), "ig"] = True
        p.loc[self.rows("service"), "book"] = True
        p.loc[self.rows("requester"), "fb"] = True
        pitchers = self.rows("one_way_inbound")
        p.loc[pitchers[:1], "x"] = True
        p.loc[pitchers[:2], "mail"] = True
        p.loc[self.rows("one_way_outbound")[:1], "mail"] = True
        p.loc[self.rows("dormant")[:1], ["fb", "mail"]] = True
        # namesakes live on exactly one other platform; the original is not there
        platforms = ("fb", "mail", "google", "book")
        p.loc[list(self.namesake_of), list(_FLAGS)] = False
        self.google_twin = None
        for number, (namesake, original) in enumerate(self.namesake_of.items()):
            flag = platforms[number % len(platforms)]
            p.loc[namesake, flag] = True
            if flag == "google" and self.google_twin is None:
                p.loc[original, "google"] = True  # a name twice within Google Contacts
                self.google_twin = (original, namesake)
            elif flag in ("fb", "book"):
                p.loc[original, flag] = False
                if flag == "book":
                    p.loc[original, "wa"] = False
        self._switchboard(mailers)

    def _switchboard(self, mailers: list[int]) -> None:
        """The office switchboard: three people of one company, saved with the same desk number."""
        p = self.p
        eligible = p[
            (p[S.CONTACT_ID].notna()) & p[S.PLANTED_KIND].isin(["core", "occasional", "silent", "dormant"])
        ]
        eligible = eligible[~eligible[S.COMPANY].isin(["", "Self-employed"]) & ~eligible.index.isin(mailers)]
        eligible = eligible[~eligible.index.isin(list(self.namesake_of.values()))]
        eligible = eligible[~eligible[S.NAME].map(name_key).isin(self.repeated_names)]
        counts = eligible[S.COMPANY].value_counts(sort=False)
        company = min(counts.index.tolist(), key=lambda c: (-counts[c], c))
        colleagues = eligible.index[eligible[S.COMPANY] == company].tolist()
        self.switchboard = (colleagues + [i for i in eligible.index.tolist() if i not in colleagues])[:3]
        p.loc[self.switchboard, "book"] = True
        self.switchboard_company = company

    # ------------------------------------------------------------ the identity truth
    def record_linkedin(self) -> None:
        """Every LinkedIn person record (the removed connections of the earlier export add theirs)."""
        ids = self.p[S.CONTACT_ID]
        for i in np.flatnonzero(ids.notna().to_numpy()).tolist():
            self.record(S.LINKEDIN, ids[i], i)

    def truth_frame(self) -> pd.DataFrame:
        """``platform_id, platform, person``: every record noted, unique by id, by platform then id."""
        platform_rank = {p: k for k, p in enumerate(S.PLATFORMS_ORDER)}
        rows = sorted(set(self.truth), key=lambda r: (platform_rank[r[1]], r[0]))
        ids = [r[0] for r in rows]
        if len(ids) != len(set(ids)):
            duplicated = sorted({x for x in ids if ids.count(x) > 1})
            raise AssertionError(f"one platform id for two persons: {duplicated[:5]}")
        persons = self.p[S.PERSON].tolist()
        return pd.DataFrame(
            {
                S.PLATFORM_ID: [r[0] for r in rows],
                S.PLATFORM: [r[1] for r in rows],
                S.PERSON: [persons[r[2]] for r in rows],
            }
        ).astype(S.STRING)

    def people_frame(self) -> pd.DataFrame:
        """One row per person (:attr:`PlatformSample.people`)."""
        return pd.DataFrame(
            {
                S.PERSON: self.p[S.PERSON],
                S.NAME: self.p[S.NAME],
                S.PLANTED_KIND: self.p[S.PLANTED_KIND],
                S.CONTACT_ID: self.p[S.CONTACT_ID],
                S.EMAIL: self.p[S.EMAIL],
                S.PHONE: self.p[S.PHONE],
            }
        ).astype(S.STRING)


# ---------------------------------------------------------------- where people are, by kind
# flag -> position in the _PRESENCE tuples
_FLAGS = {"fb": 0, "ig": 1, "x": 2, "wa": 3, "book": 4, "google": 5, "mail": 6}
_NOWHERE = (0.0,) * 7
_PRESENCE = {  # chance of being a Facebook friend, on Instagram, X, WhatsApp, in the phone, Google, e-mail
    "core": (0.45, 0.30, 0.20, 0.45, 0.70, 0.55, 0.55),
    "occasional": (0.30, 0.15, 0.15, 0.10, 0.30, 0.35, 0.30),
    "dormant": (0.25, 0.10, 0.10, 0.0, 0.25, 0.25, 0.25),
    "new": (0.05, 0.05, 0.10, 0.0, 0.0, 0.05, 0.0),
    "one_way_inbound": (0.0, 0.05, 0.30, 0.0, 0.0, 0.0, 0.30),
    "one_way_outbound": (0.0, 0.0, 0.05, 0.0, 0.0, 0.10, 0.30),
    "silent": (0.08, 0.05, 0.05, 0.0, 0.03, 0.05, 0.0),
    "family": (1.0, 0.6, 0.0, 1.0, 1.0, 0.5, 0.3),
    "friend": (0.9, 0.7, 0.15, 0.6, 0.85, 0.4, 0.2),
}
# (last message low, high) days before the end, and the longest span of a conversation
_RECENCY = {
    "core": (0.5, 60.0, 700.0),
    "occasional": (100.0, 320.0, 400.0),
    "dormant": (400.0, 880.0, 500.0),
    "new": (1.0, 50.0, 10.0),
    "one_way_inbound": (5.0, 600.0, 8.0),
    "one_way_outbound": (5.0, 600.0, 20.0),
    "family": (0.2, 10.0, 1500.0),
    "friend": (0.5, 90.0, 900.0),
    "namesake": (10.0, 900.0, 30.0),
    "requester": (3.0, 60.0, 2.0),
    "x_only": (5.0, 400.0, 60.0),
    "silent": (700.0, 1800.0, 30.0),
}


def _ascii(text: str) -> str:
    """``text`` without accents, styled letters or emoji (how people type names on a US keyboard)."""
    folded = unicodedata.normalize("NFKD", text.translate(_ASCII_FOLD))
    plain = "".join(c for c in folded if c.isascii() and not unicodedata.combining(c))
    return " ".join(plain.split())


def _slug(text: str) -> str:
    return "".join(c for c in _ascii(text).lower() if c.isalnum())


def _phone_views(number: str) -> tuple[str, str]:
    """(international, national) display forms of a normalised UK or US number."""
    if number.startswith("+44"):
        rest = number[3:]
        if rest.startswith("20"):
            return f"+44 20 {rest[2:6]} {rest[6:]}", f"020 {rest[2:6]} {rest[6:]}"
        return f"+44 {rest[:4]} {rest[4:]}", f"0{rest[:4]} {rest[4:]}"
    rest = number[2:]
    national = f"({rest[:3]}) {rest[3:6]}-{rest[6:]}"
    return f"+1 {national}", national


def _token(rng: np.random.Generator, width: int) -> str:
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    return "".join(alphabet[k] for k in rng.integers(0, len(alphabet), width))
