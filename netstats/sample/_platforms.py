"""Synthetic exports of the other platforms, for the people of the LinkedIn sample (issue 6).

:func:`generate_platform_sample` starts from :func:`netstats.sample._linkedin.generate_sample`
(same owner, same LinkedIn contacts) and invents where those people, and people
who are not on LinkedIn at all (family, friends, strangers), appear elsewhere.
It writes every file byte for byte as the platform does
(``research/linkedin_and_other_export_formats.md`` sections 2-6):

* Facebook, 2025 layout: ``connections/friends/your_friends.json`` and friend
  requests, Messenger threads under ``your_facebook_activity/messages/`` in
  ``inbox``, ``archived_threads``, ``message_requests`` and ``e2ee_cutover``, a
  thread split in ``message_1.json`` / ``message_2.json``, a group; every
  string in Meta's mojibake (each UTF-8 byte escaped as ``\\u00XX``).
* Instagram: ``followers_1.json`` / ``followers_2.json`` (top-level arrays),
  ``following.json`` in its 2026 shape (user name in ``title``, ``/_u/`` link,
  no ``value``), a few direct-message threads.
* X: ``data/account.js``, ``manifest.js``, ``follower.js``, ``following.js``,
  ``direct-messages.js``, ``direct-messages-group.js``: ``window.YTD.*.part0 =``
  followed by 2-space JSON with ``" : "``; ids only for everyone but the owner.
* WhatsApp: one chat per file, Android 24-hour en-GB (``WhatsApp Chat with
  <name>.txt``, LF) and iOS 12-hour en-US (``WhatsApp Chat - <name>/_chat.txt``,
  CRLF, seconds, U+202F before AM/PM, U+200E on media and system lines);
  authors are names saved in the owner's phone, or the number when unsaved.
* ``google_contacts.csv`` (current Google CSV header, ``:::`` multi-values,
  an address with a line break), ``contacts.vcf`` (the phone's address book,
  vCard 3.0, CRLF, folded at 75 octets) and ``mail.mbox`` (Gmail Takeout:
  ``From <id>@xxx`` separators, ``X-GM-THRID``, ``X-Gmail-Labels``, CRLF).
* ``linkedin_earlier/``: the same LinkedIn account exported five months
  earlier, written by :func:`netstats.sample._linkedin.write_export`.

The ground truth of identity (:attr:`PlatformSample.truth`) lists every
person record a reader produces with the synthetic person behind it, so
identity resolution can be scored: links exist through e-mail (LinkedIn,
address books, mbox), phone (address books, WhatsApp) and names that differ
across platforms (nicknames, middle names, stripped accents), and planted
collisions (namesakes, a name twice in one address book, an office
switchboard number shared by three entries) must not merge.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime
import json
import pathlib
import quopri
import unicodedata
from dataclasses import dataclass
from email.utils import formataddr

import numpy as np
import pandas as pd

from .. import schema as S
from .._errors import ParameterError
from .._text import name_key, normalise_email, normalise_phone
from . import _linkedin as _sample
from ._words import (
    _CHAT_BODIES,
    _COMPANIES,
    _FIRST_NAMES,
    _GROUP_BODIES,
    _LAST_NAMES,
    _POSITIONS,
    _PROFILE_BASE,
)

__all__ = ["PlatformSample", "generate_platform_sample", "write_platform_sample"]

IDENTITY_FILE = "netstats_identity.csv"
HISTORY_FILE = "netstats_history.csv"
IDENTITY_COLUMNS = (S.PLATFORM_ID, S.PLATFORM, S.PERSON)
HISTORY_TRUTH_COLUMNS = (S.CONTACT_ID, S.CHANGE, S.BEFORE, S.AFTER)
OWNER_PERSON = "owner"
EARLIER_DIR = "linkedin_earlier"
EARLIER_MONTHS = 5
SWITCHBOARD = "+44 20 7946 0000"  # a London number from Ofcom's range for drama
WINDOW_DAYS = 6.0 * 365.25  # the LinkedIn sample's history

_CHANGE_NEW, _CHANGE_GONE = "new", "disappeared"
_CHANGE_COMPANY, _CHANGE_POSITION = "changed_company", "changed_position"

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
_MAIL_SUBJECTS = (
    "Coffee next week?",
    "Slides from Thursday",
    "Intro: data hiring",
    "Quick question about the report",
    "Dinner plans",
    "Workshop agenda",
    "Café on Friday?",
    "Catching up",
    "Draft for review",
    "Thanks!",
)
_MAIL_PITCH_SUBJECTS = ("Quick question, Sasha", "15 minutes next week?", "Scaling your data team")
_MAIL_OUTREACH_SUBJECTS = ("Research on data onboarding", "Hiring a senior analyst")
_IOS_MEDIA = ("image omitted", "video omitted", "audio omitted", "GIF omitted", "sticker omitted")
_E2E_NOTICE = (
    "Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, "
    "can read or listen to them."
)
_LRM, _NNBSP = "\u200e", "\u202f"
_FAMILY_GROUP = "Moreau family 🏡"
_FRIENDS_GROUP = "Saturday football ⚽"
_FB_FAMILY_GROUP = "Família 🏡"
_X_GROUP = "Data people"


@dataclass(frozen=True)
class PlatformSample:
    """An invented person's network across platforms, with its identity ground truth.

    Attributes
    ----------
    linkedin : netstats.sample._linkedin.SampleExport
        The LinkedIn sample everything starts from (``data/sample`` is this
        export for the default arguments).
    earlier : netstats.sample._linkedin.SampleExport
        The same LinkedIn account exported :data:`EARLIER_MONTHS` months earlier.
    people : pandas.DataFrame
        One row per synthetic person: ``person`` (``'owner'`` for the owner),
        ``name`` (the real full name), ``planted_kind`` (the LinkedIn kind, or
        ``family, friend, namesake, follower, x_only, service, requester,
        removed``), ``contact_id`` (LinkedIn id, else NA), ``email`` and
        ``phone`` (normalised, else NA).
    files : dict of str to bytes
        Every file of the other platforms, by path relative to the output
        folder (``linkedin_earlier/`` and the truth files are not included).
    truth : pandas.DataFrame
        ``platform_id, platform, person``: every person record a reader
        produces (owner's records marked ``'owner'``), unique by
        ``platform_id``, sorted by platform then id.
    history : pandas.DataFrame
        ``contact_id, change, before, after``: how the LinkedIn connections
        changed between :attr:`earlier` and :attr:`linkedin`.
    as_of, earlier_as_of : pandas.Timestamp
        The two LinkedIn export dates (UTC midnight).
    """

    linkedin: _sample.SampleExport
    earlier: _sample.SampleExport
    people: pd.DataFrame
    files: dict[str, bytes]
    truth: pd.DataFrame
    history: pd.DataFrame
    as_of: pd.Timestamp
    earlier_as_of: pd.Timestamp


# ================================================================ public API
def generate_platform_sample(
    contacts: int = 500, seed: int = 0, as_of: object = "2026-11-01"
) -> PlatformSample:
    """Invent where the LinkedIn sample's people appear on other platforms.

    Parameters
    ----------
    contacts : int, default 500
        Planted LinkedIn contacts, as in :func:`netstats.sample._linkedin.generate_sample`.
    seed : int, default 0
        Seed of the LinkedIn sample and of this module's only random generator.
    as_of : date-like, default "2026-11-01"
        The export date (a day; UTC midnight): every record is older.

    Returns
    -------
    PlatformSample

    Raises
    ------
    ParameterError
        If ``contacts`` or ``seed`` is out of range, or ``as_of`` is not a date.

    Examples
    --------
    >>> sample = generate_platform_sample(contacts=60, seed=1)
    >>> sorted({path.split("/")[0] for path in sample.files})[:4]
    ['contacts.vcf', 'facebook', 'google_contacts.csv', 'instagram']
    >>> sample.truth["platform_id"].is_unique
    True
    >>> sample.truth.loc[sample.truth["person"] == "owner", "platform"].tolist()[:3]
    ['linkedin', 'facebook', 'instagram']
    """
    end = _check_as_of(as_of)
    linkedin = _sample.generate_sample(contacts=contacts, seed=seed, end=end)
    return _World(linkedin, np.random.default_rng([seed, 6])).build()


def write_platform_sample(directory, contacts: int = 120, seed: int = 0) -> pathlib.Path:
    """Write the multi-platform sample and its ground truth to ``directory``.

    Writes ``facebook/``, ``instagram/``, ``x/``, ``whatsapp/``,
    ``google_contacts.csv``, ``contacts.vcf``, ``mail.mbox``,
    ``linkedin_earlier/`` (a complete LinkedIn export five months older than
    the one :func:`netstats.sample._linkedin.write_sample` writes for the same
    arguments), ``netstats_identity.csv`` (``platform_id, platform, person``)
    and ``netstats_history.csv`` (``contact_id, change, before, after``).
    The same arguments always give byte-identical files.

    Parameters
    ----------
    directory : str or path-like
        Created if missing; files of the same names are replaced.
    contacts, seed
        See :func:`generate_platform_sample`.

    Returns
    -------
    pathlib.Path
        ``directory``.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     out = write_platform_sample(tmp, contacts=50)
    ...     print(sorted(p.name for p in out.iterdir()))  # doctest: +NORMALIZE_WHITESPACE
    ['contacts.vcf', 'facebook', 'google_contacts.csv', 'instagram', 'linkedin_earlier', 'mail.mbox',
     'netstats_history.csv', 'netstats_identity.csv', 'whatsapp', 'x']
    """
    sample = generate_platform_sample(contacts=contacts, seed=seed)
    out = pathlib.Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    for relative, data in sample.files.items():
        path = out / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    _sample.write_export(sample.earlier, out / EARLIER_DIR, era="2026-03")
    (out / IDENTITY_FILE).write_bytes(_csv_bytes(sample.truth))
    (out / HISTORY_FILE).write_bytes(_csv_bytes(sample.history))
    return out


def _check_as_of(as_of: object) -> datetime.date:
    try:
        stamp = pd.Timestamp(as_of)
    except (TypeError, ValueError) as error:
        raise ParameterError(
            "as_of is not a date", expected="a date such as '2026-11-01'", fix="pass as_of='2026-11-01'"
        ) from error
    if stamp is pd.NaT:
        raise ParameterError("as_of is missing", expected="a date such as '2026-11-01'", fix="pass a date")
    if stamp.tzinfo is not None:
        stamp = stamp.tz_convert("UTC").tz_localize(None)
    return stamp.date()


def _csv_bytes(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False, lineterminator="\n").encode("utf-8")


# ================================================================ small text helpers
def _ascii(text: str) -> str:
    """``text`` without accents, styled letters or emoji (how people type names on a US keyboard)."""
    folded = unicodedata.normalize("NFKD", text.translate(_ASCII_FOLD))
    plain = "".join(c for c in folded if c.isascii() and not unicodedata.combining(c))
    return " ".join(plain.split())


def _slug(text: str) -> str:
    return "".join(c for c in _ascii(text).lower() if c.isalnum())


def _mojibake(value):
    """Meta's export bug: each UTF-8 byte of every string becomes one code point (then ``\\u00XX``)."""
    if isinstance(value, str):
        return value.encode("utf-8").decode("latin-1")
    if isinstance(value, list):
        return [_mojibake(v) for v in value]
    if isinstance(value, dict):
        return {_mojibake(k): _mojibake(v) for k, v in value.items()}
    return value


def _meta_json(value) -> bytes:
    return json.dumps(_mojibake(value), indent=2, ensure_ascii=True).encode("ascii")


def _x_js(global_name: str, value) -> bytes:
    """An X archive file: ``window.YTD.<type>.part0 = `` then 2-space JSON with ``" : "``."""
    body = json.dumps(value, indent=2, separators=(",", " : "), ensure_ascii=False)
    return f"{global_name} = {body}".encode()


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


def _vcard_text(value: str) -> str:
    return value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Fold a vCard content line at 75 octets, never inside a UTF-8 character (RFC 2425)."""
    out, current, size = [], [], 0
    for char in line:
        width = len(char.encode("utf-8"))
        limit = 75 if not out else 74  # continuation lines start with a space
        if size + width > limit:
            out.append("".join(current))
            current, size = [], 0
        current.append(char)
        size += width
    out.append("".join(current))
    return "\r\n ".join(out)


def _header_words(text: str) -> str:
    """A header value as Gmail writes it: plain when ASCII, else one RFC 2047 base64 word."""
    if text.isascii():
        return text
    return "=?UTF-8?B?" + base64.b64encode(text.encode("utf-8")).decode("ascii") + "?="


def _address(name: str, address: str) -> str:
    if not name:
        return address
    if name.isascii():
        return formataddr((name, address))
    return f"{_header_words(name)} <{address}>"


# ================================================================ the world
class _World:
    """One generation run; persons are row numbers of ``self.p`` (0 is the owner)."""

    def __init__(self, linkedin: _sample.SampleExport, rng: np.random.Generator):
        self.li = linkedin
        self.rng = rng
        self.end = linkedin.as_of
        self.n_contacts = int((linkedin.people[S.ROLE] == "contact").sum())
        self.files: dict[str, bytes] = {}
        self.truth: list[tuple[str, str, int]] = []  # (platform_id, platform, person row)

    # ------------------------------------------------------------ helpers
    def _time(self, days) -> np.ndarray:
        """Epoch milliseconds ``days`` before the end, whole seconds."""
        ms = self.end.value // 1_000_000 - np.rint(np.asarray(days, dtype=float) * 86_400_000).astype(
            np.int64
        )
        return ms // 1000 * 1000

    def _times(self, n: int, kind: str) -> np.ndarray:
        """``n`` message times (epoch ms, ascending) of one conversation with someone of ``kind``."""
        low, high, span = _RECENCY[kind]
        last = self.rng.uniform(low, high)
        first = min(last + self.rng.uniform(0.2, 1.0) * span, WINDOW_DAYS - 1)
        days = np.sort(self.rng.uniform(last, max(first, last + 0.01), n))[::-1].copy()
        days[-1] = last
        if n > 1:
            days[0] = first
        # replies come within hours of the message before, in bursts
        return np.maximum.accumulate(self._time(days))

    def _pick(self, options, n: int) -> list:
        return [options[i] for i in self.rng.integers(0, len(options), n)]

    def _rows(self, *kinds: str, flag: str | None = None) -> list[int]:
        mask = self.p[S.PLANTED_KIND].isin(kinds).to_numpy()
        if flag is not None:
            mask = mask & self.p[flag].to_numpy(dtype=bool)
        return np.flatnonzero(mask).tolist()

    def _add_person(self, first: str, last: str, kind: str, contact_id: str) -> int:
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

    def _record(self, platform: str, platform_id: str, person: int) -> None:
        self.truth.append((platform_id, platform, person))

    # ------------------------------------------------------------ build
    def build(self) -> PlatformSample:
        self._people()
        self._presence()
        self._identities()
        self._facebook()
        self._instagram()
        self._x()
        self._whatsapp()
        self._google_contacts()
        self._vcard()
        self._mbox()
        self._linkedin_truth()
        earlier, history, earlier_as_of = self._earlier()
        truth = self._truth_frame()
        people = pd.DataFrame(
            {
                S.PERSON: self.p[S.PERSON],
                S.NAME: self.p[S.NAME],
                S.PLANTED_KIND: self.p[S.PLANTED_KIND],
                S.CONTACT_ID: self.p[S.CONTACT_ID],
                S.EMAIL: self.p[S.EMAIL],
                S.PHONE: self.p[S.PHONE],
            }
        ).astype(S.STRING)
        return PlatformSample(
            linkedin=self.li,
            earlier=earlier,
            people=people,
            files=self.files,
            truth=truth,
            history=history,
            as_of=self.end,
            earlier_as_of=earlier_as_of,
        )

    # ------------------------------------------------------------ people
    def _people(self):
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
            add(*self._pick(firsts, 1), *self._pick(lasts, 1), "friend")
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
            add(*self._pick(firsts, 1), *self._pick(lasts, 1), "follower")
        for _ in range(max(6, n // 25)):
            add(*self._pick(firsts, 1), *self._pick(lasts, 1), "x_only")
        for first, last, _ in _SERVICES:
            add(first, last, "service")
        add(*self._pick(firsts, 1), *self._pick(lasts, 1), "requester")
        p = pd.DataFrame(rows, dtype=object)  # None stays None: text cells are tested for truth
        p[S.NAME] = pd.Series(
            [f"{first} {last}".strip() for first, last in zip(p["first"], p["last"])], dtype=object
        )
        p[S.PERSON] = [OWNER_PERSON if i == 0 else f"p{i:04d}" for i in range(len(p))]
        self.p = p

    # ------------------------------------------------------------ where each person is
    def _presence(self):
        rng, p = self.rng, self.p
        kinds = p[S.PLANTED_KIND].to_numpy(dtype=object)
        for column, index in _FLAGS.items():
            chance = np.array([_PRESENCE.get(k, _NOWHERE)[index] for k in kinds])
            p[column] = rng.random(len(p)) < chance
        p.loc[0, list(_FLAGS)] = True
        family = self._rows("family")
        p.loc[family, ["fb", "wa"]] = True
        p.loc[family[:5], "book"] = True
        p.loc[family[5], "book"] = False  # the unsaved cousin: a number in the family group ...
        p.loc[family[5], "google"] = True  # ... whom Google Contacts knows, by the same number
        # LinkedIn's two e-mail addresses are the owner's keys to them elsewhere too
        li_emails = self.li.connections[[S.CONTACT_ID, S.EMAIL]].dropna()
        li_emails = li_emails[li_emails[S.EMAIL].str.contains("@", regex=False)]
        email_of = dict(zip(li_emails[S.CONTACT_ID], li_emails[S.EMAIL].str.strip()))
        mailers = p.index[p[S.CONTACT_ID].isin(list(email_of))].tolist()
        p.loc[mailers, ["google", "mail"]] = True
        p.loc[mailers, "book"] = False
        self.mailers = mailers
        # structures every sample holds, whatever its size
        core = self._rows("core")
        friends = self._rows("friend")
        p.loc[core[:2], ["mail", "wa", "book"]] = True
        p.loc[core[2:4], "x"] = True
        p.loc[friends[:3], ["wa", "book", "ig"]] = True
        p.loc[friends[:4], "fb"] = True
        for k in ("x_only",):
            p.loc[self._rows(k), "x"] = True
        p.loc[self._rows("follower"), "ig"] = True
        p.loc[self._rows("service"), "book"] = True
        p.loc[self._rows("requester"), "fb"] = True
        pitchers = self._rows("one_way_inbound")
        p.loc[pitchers[:1], "x"] = True
        p.loc[pitchers[:2], "mail"] = True
        p.loc[self._rows("one_way_outbound")[:1], "mail"] = True
        p.loc[self._rows("dormant")[:1], ["fb", "mail"]] = True
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
        # the office switchboard: three people of one company, saved with the same desk number
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

    # ------------------------------------------------------------ identity keys
    def _identities(self):
        rng, p = self.rng, self.p
        n = len(p)
        # phone numbers: UK mobiles of Ofcom's drama range, US 555-01xx numbers
        pool = [f"+447700900{i:03d}" for i in range(1, 1000)] + [
            f"+1{area}55501{i:02d}" for area in _US_AREAS for i in range(100)
        ]
        needs_phone = (
            (p["wa"] | p["book"] | (p["google"] & (rng.random(n) < 0.6))).to_numpy(dtype=bool).copy()
        )
        needs_phone[0] = False
        order = rng.permutation(len(pool))
        phones = np.full(n, None, dtype=object)
        phones[np.flatnonzero(needs_phone)] = [pool[i] for i in order[: int(needs_phone.sum())]]
        phones[0] = _OWNER_PHONE
        self.spare_phones = [pool[i] for i in order[int(needs_phone.sum()) : int(needs_phone.sum()) + 5]]
        p[S.PHONE] = pd.Series(phones, dtype=object)
        # e-mail addresses: LinkedIn's where it has one, else invented and unique
        li_emails = self.li.connections.dropna(subset=[S.CONTACT_ID])
        li_email = dict(zip(li_emails[S.CONTACT_ID], li_emails[S.EMAIL].str.strip()))
        needs_email = (p["google"] | p["mail"] | (p["book"] & (rng.random(n) < 0.5))).to_numpy()
        domains = rng.integers(0, len(_EMAIL_DOMAINS), n)
        styles = rng.integers(0, 3, n)
        taken = {_OWNER_EMAIL}
        emails = np.full(n, None, dtype=object)
        for i in np.flatnonzero(needs_email).tolist():
            known = li_email.get(p.at[i, S.CONTACT_ID]) if p.at[i, S.CONTACT_ID] else None
            if known and "@" in known:
                emails[i] = known
                taken.add(known)
                continue
            first = _slug(p.at[i, "first"]) or "hello"
            last = _slug(p.at[i, "last"]) or "mail"
            local = (f"{first}.{last}", f"{first[0]}{last}", f"{first}{last[:1]}")[styles[i]]
            address, k = f"{local}@{_EMAIL_DOMAINS[domains[i]]}", 1
            while address in taken:
                k += 1
                address = f"{local}{k}@{_EMAIL_DOMAINS[domains[i]]}"
            taken.add(address)
            emails[i] = address
        emails[0] = _OWNER_EMAIL
        p[S.EMAIL] = pd.Series(emails, dtype=object)
        # names as each platform shows them
        variants = rng.choice(4, (n, 4), p=[0.7, 0.1, 0.1, 0.1])
        middles = rng.integers(0, len(_MIDDLE_NAMES), n)
        self.fb_name = [self._variant(i, variants[i, 0], middles[i]) for i in range(n)]
        self.ig_display = [self._variant(i, variants[i, 1], middles[i]) for i in range(n)]
        self.mail_name = [
            "" if variants[i, 2] == 2 else self._variant(i, variants[i, 2], middles[i]) for i in range(n)
        ]
        for namesake in self.namesake_of:  # a namesake shows exactly the colliding name
            self.fb_name[namesake] = self.mail_name[namesake] = p.at[namesake, S.NAME]
        self.fb_name[0] = self.ig_display[0] = self.mail_name[0] = p.at[0, S.NAME]
        self._saved_names(variants[:, 3])
        self._handles()

    def _variant(self, i: int, variant: int, middle: int) -> str:
        first, last = self.p.at[i, "first"], self.p.at[i, "last"]
        if variant == 1 and first in _NICKNAMES:
            return f"{_NICKNAMES[first]} {last}"
        if variant == 2:
            return f"{first} {_MIDDLE_NAMES[middle]} {last}"
        if variant == 3 and not (first + last).isascii():
            return _ascii(f"{first} {last}")
        return self.p.at[i, S.NAME]

    def _saved_names(self, variants):
        """The names the owner's phone holds (vCard FN, WhatsApp authors); unique, as a phone needs."""
        p = self.p
        saved = [None] * len(p)
        family = self._rows("family")
        for slot, i in enumerate(family[:5]):
            form = _FAMILY_SAVED[slot]
            saved[i] = p.at[i, "first"] if form is None else form.format(first=p.at[i, "first"])
        for i, (_, _, label) in zip(self._rows("service"), _SERVICES):
            saved[i] = label
        seen = {name_key(s) for s in saved if s}
        seen.add(name_key(p.at[0, S.NAME]))
        in_book = np.flatnonzero(p["book"].to_numpy(dtype=bool)).tolist()
        for i in self.switchboard + [i for i in in_book if i not in self.switchboard]:
            if saved[i] is not None or i == 0:
                continue
            first, last, company = p.at[i, "first"], p.at[i, "last"], p.at[i, S.COMPANY]
            options = [p.at[i, S.NAME]]
            if variants[i] == 1 and company and i not in self.switchboard:
                options.insert(0, f"{first} ({company})")
            if variants[i] == 2 and first in _NICKNAMES:
                options.insert(0, f"{_NICKNAMES[first]} {last}")
            if i in self.namesake_of:
                options = [p.at[i, S.NAME]]
            for option in options:
                if name_key(option) not in seen:
                    saved[i] = option
                    seen.add(name_key(option))
                    break
            else:
                p.loc[i, ["book", "wa"]] = False  # a duplicate entry the owner would have merged
        saved[0] = p.at[0, S.NAME]
        self.saved = saved

    def _handles(self):
        rng, p = self.rng, self.p
        n = len(p)
        taken = {_OWNER_INSTAGRAM}
        users = [None] * n
        styles = rng.integers(0, 4, n)
        years = rng.integers(80, 100, n)
        for i in np.flatnonzero(p["ig"].to_numpy(dtype=bool)).tolist():
            if i == 0:
                continue
            first, last = _slug(p.at[i, "first"]) or "ig", _slug(p.at[i, "last"]) or "user"
            user = (f"{first}.{last}", f"{first}{last}", f"{first}_{last}{years[i]}", f"{first[0]}{last}")[
                styles[i]
            ]
            k = 1
            while user in taken:
                k += 1
                user = f"{first}.{last}{k}"
            taken.add(user)
            users[i] = user
        users[0] = _OWNER_INSTAGRAM
        self.ig_user = users
        ids = [None] * n
        seen = {_OWNER_X_ID}
        for i in np.flatnonzero(p["x"].to_numpy(dtype=bool)).tolist():
            if i == 0:
                continue
            while True:
                if rng.random() < 0.25:
                    candidate = str(int(rng.integers(10_000_000, 4_000_000_000)))
                else:
                    candidate = "1" + "".join(str(d) for d in rng.integers(0, 10, 18))
                if candidate not in seen:
                    break
            seen.add(candidate)
            ids[i] = candidate
        ids[0] = _OWNER_X_ID
        self.x_id = ids

    # ------------------------------------------------------------ Facebook
    def _facebook(self):
        rng, p = self.rng, self.p
        root = "facebook/"
        # everyone Facebook will show, by name: names must be unique (one id per name)
        seen = {name_key(self.fb_name[0])}
        members = []
        for i in np.flatnonzero(p["fb"].to_numpy(dtype=bool)).tolist():
            if i == 0:
                continue
            key = name_key(self.fb_name[i])
            if key in seen:
                p.loc[i, "fb"] = False
                continue
            seen.add(key)
            members.append(i)
        requester = self._rows("requester", flag="fb")
        silent_or_new = [i for i in members if p.at[i, S.PLANTED_KIND] in ("new", "silent")]
        requests_in = silent_or_new[:2]
        requests_out = [i for i in members if p.at[i, S.PLANTED_KIND] == "follower"][:1]
        dormant = [i for i in members if p.at[i, S.PLANTED_KIND] == "dormant"]
        removed = dormant[-1:] if len(dormant) > 1 else []
        not_friends = set(requester) | set(requests_in) | set(requests_out) | set(removed)
        friends = [i for i in members if i not in not_friends]
        for i in members:
            self._record(S.FACEBOOK, "facebook:name:" + name_key(self.fb_name[i]), i)
        self._record(S.FACEBOOK, "facebook:name:" + name_key(self.fb_name[0]), 0)

        def dated(people, low, high):
            seconds = self._time(rng.uniform(low, high, len(people))) // 1000
            order = np.argsort(-seconds, kind="stable")
            return [{"name": self.fb_name[people[j]], "timestamp": int(seconds[j])} for j in order]

        section = root + "connections/friends/"
        self.files[section + "your_friends.json"] = _meta_json(
            {"friends_v2": dated(friends, 3, WINDOW_DAYS - 1)}
        )
        self.files[section + "removed_friends.json"] = _meta_json(
            {"deleted_friends_v2": dated(removed, 30, 400)}
        )
        self.files[section + "received_friend_requests.json"] = _meta_json(
            {"received_requests_v2": dated(requests_in, 1, 60)}
        )
        self.files[section + "sent_friend_requests.json"] = _meta_json(
            {"sent_requests_v2": dated(requests_out, 1, 60)}
        )
        self.files[root + "personal_information/profile_information/profile_information.json"] = _meta_json(
            {
                "profile_v2": {
                    "name": {
                        "full_name": self.fb_name[0],
                        "first_name": "Sasha",
                        "middle_name": "",
                        "last_name": "Moreau",
                    },
                    "emails": {
                        "emails": [_OWNER_EMAIL],
                        "previous_emails": [],
                        "pending_emails": [],
                        "ad_account_emails": [],
                    },
                    "registration_timestamp": int(self._time(WINDOW_DAYS + 900) // 1000),
                }
            }
        )
        # Messenger threads
        family = [i for i in friends if p.at[i, S.PLANTED_KIND] == "family"]
        talkers = [i for i in friends if p.at[i, S.PLANTED_KIND] in ("friend", "core")]
        talkers = [i for j, i in enumerate(talkers) if j < 3 or rng.random() < 0.35]
        talkers = talkers[: max(4, self.n_contacts // 20)]
        threads = [("inbox", [i], None) for i in family[:2] + talkers]
        threads += [("archived_threads", [i], None) for i in dormant[:1] if i in friends]
        threads += [("message_requests", [i], None) for i in requester]
        threads.append(("inbox", family[:4], _FB_FAMILY_GROUP))
        e2ee = talkers[-1:]
        threads += [("e2ee_cutover", e2ee, None)]
        base = root + "your_facebook_activity/messages/"
        thread_ids = rng.integers(10**15, 10**16, len(threads))
        longest = max(
            range(len(threads)), key=lambda t: (p.at[threads[t][1][0], S.PLANTED_KIND] == "family", -t)
        )
        for t, (folder, others, title) in enumerate(threads):
            kind = p.at[others[0], S.PLANTED_KIND]
            one_way = folder == "message_requests"
            n = 2 if one_way else int(rng.integers(6, 16)) + (14 if t == longest else 0)
            messages = self._meta_messages(others, kind, n, one_way, self.fb_name, "your_facebook_activity")
            title = title or self.fb_name[others[0]]
            name = f"{_slug(title) or 'facebookuser'}_{thread_ids[t]}"
            header = {
                "participants": [{"name": self.fb_name[i]} for i in [*others, 0]],
                "title": title,
                "is_still_participant": True,
                "thread_path": f"{folder}/{name}",
                "magic_words": [],
            }
            parts = (
                [messages]
                if t != longest
                else [messages[: len(messages) // 2], messages[len(messages) // 2 :]]
            )
            for number, chunk in enumerate(parts, start=1):
                body = {
                    "participants": header["participants"],
                    "messages": chunk,
                    **{k: header[k] for k in list(header)[1:]},
                }
                self.files[f"{base}{folder}/{name}/message_{number}.json"] = _meta_json(body)

    def _meta_messages(self, others, kind, n, one_way, names, media_root) -> list[dict]:
        """A Meta thread's messages, newest first: text, photos, a reaction, an unsent stub."""
        rng = self.rng
        times = self._times(n, kind)
        if one_way:
            senders = [others[0]] * n
        else:
            senders = [
                0 if rng.random() < 0.45 else others[int(rng.integers(0, len(others)))] for _ in range(n)
            ]
            senders[-1] = others[0]
        bodies = _FAMILY_BODIES if kind == "family" else _FRIEND_BODIES + _CHAT_BODIES
        texts = self._pick(bodies, n)
        out = []
        for j in range(n):
            message = {"sender_name": names[senders[j]], "timestamp_ms": int(times[j])}
            roll = rng.random()
            if roll < 0.08 and not one_way:
                message["photos"] = [
                    {
                        "uri": f"{media_root}/messages/photos/{int(times[j]) // 1000}_{j}.jpg",
                        "creation_timestamp": int(times[j]) // 1000,
                    }
                ]
            elif roll < 0.1 and not one_way and senders[j] != 0:
                message["is_unsent"] = True
            else:
                message["content"] = texts[j]
            if roll > 0.9 and not one_way:
                message["reactions"] = [{"reaction": "❤", "actor": names[0 if senders[j] else others[0]]}]
            message["is_geoblocked_for_viewer"] = False
            out.append(message)
        return out[::-1]

    # ------------------------------------------------------------ Instagram
    def _instagram(self):
        rng, p = self.rng, self.p
        root = "instagram/"
        members = [i for i in np.flatnonzero(p["ig"].to_numpy(dtype=bool)).tolist() if i != 0]
        side = rng.choice(3, len(members), p=[0.5, 0.3, 0.2])  # 0 both ways, 1 follower, 2 following
        kinds = p.loc[members, S.PLANTED_KIND].to_numpy(dtype=object)
        side = np.where(kinds == "follower", np.where(rng.random(len(members)) < 0.7, 1, 2), side)
        followers = [m for m, s in zip(members, side) if s in (0, 1)]
        following = [m for m, s in zip(members, side) if s in (0, 2)]
        for i in members:
            self._record(S.INSTAGRAM, "instagram:" + self.ig_user[i].lower(), i)
        self._record(S.INSTAGRAM, "instagram:" + _OWNER_INSTAGRAM, 0)
        when = {
            i: int(t)
            for i, t in zip(members, self._time(rng.uniform(2, WINDOW_DAYS - 1, len(members))) // 1000)
        }
        followers.sort(key=lambda i: -when[i])
        following.sort(key=lambda i: -when[i] + 3600)

        def follower_item(i):
            user = self.ig_user[i]
            return {
                "title": "",
                "media_list_data": [],
                "string_list_data": [
                    {"href": f"https://www.instagram.com/{user}", "value": user, "timestamp": when[i]}
                ],
            }

        split = (len(followers) + 1) // 2
        section = root + "connections/followers_and_following/"
        self.files[section + "followers_1.json"] = _meta_json([follower_item(i) for i in followers[:split]])
        self.files[section + "followers_2.json"] = _meta_json([follower_item(i) for i in followers[split:]])
        self.files[section + "following.json"] = _meta_json(
            {
                "relationships_following": [
                    {
                        "title": self.ig_user[i],
                        "string_list_data": [
                            {
                                "href": f"https://www.instagram.com/_u/{self.ig_user[i]}",
                                "timestamp": when[i] - 3600,
                            }
                        ],
                    }
                    for i in following
                ]
            }
        )
        self.files[root + "personal_information/personal_information/personal_information.json"] = _meta_json(
            {
                "profile_user": [
                    {
                        "media_map_data": {},
                        "string_map_data": {
                            "Email": {"href": "", "value": _OWNER_EMAIL, "timestamp": 0},
                            "Username": {"href": "", "value": _OWNER_INSTAGRAM, "timestamp": 0},
                            "Name": {"href": "", "value": self.ig_display[0], "timestamp": 0},
                        },
                    }
                ]
            }
        )
        # direct messages with people both ways, by display name (unique: one id per name)
        mutual = [
            m
            for m, s in zip(members, side)
            if s == 0 and p.at[m, S.PLANTED_KIND] in ("friend", "family", "core")
        ]
        seen = {name_key(self.ig_display[0])}
        partners = []
        for i in mutual:
            key = name_key(self.ig_display[i])
            if key not in seen and len(partners) < max(3, self.n_contacts // 80):
                seen.add(key)
                partners.append(i)
        base = root + "your_instagram_activity/messages/inbox/"
        for i in partners:
            self._record(S.INSTAGRAM, "instagram:name:" + name_key(self.ig_display[i]), i)
            kind = p.at[i, S.PLANTED_KIND]
            messages = self._meta_messages(
                [i], kind, int(rng.integers(3, 9)), False, self.ig_display, "your_instagram_activity"
            )
            folder = f"{self.ig_user[i].replace('.', '')}_{int(rng.integers(10**15, 10**16))}"
            self.files[f"{base}{folder}/message_1.json"] = _meta_json(
                {
                    "participants": [{"name": self.ig_display[i]}, {"name": self.ig_display[0]}],
                    "messages": messages,
                    "title": self.ig_display[i],
                    "is_still_participant": True,
                    "thread_path": f"inbox/{folder}",
                    "magic_words": [],
                }
            )

    # ------------------------------------------------------------ X
    def _x(self):
        rng, p = self.rng, self.p
        root = "x/data/"
        members = [i for i in np.flatnonzero(p["x"].to_numpy(dtype=bool)).tolist() if i != 0]
        side = rng.choice(3, len(members), p=[0.4, 0.35, 0.25])
        pitchers = set(self._rows("one_way_inbound"))
        side = np.where([m in pitchers for m in members], 1, side)  # pitchers follow; the owner does not
        followers = [m for m, s in zip(members, side) if s in (0, 1)]
        following = [m for m, s in zip(members, side) if s in (0, 2)]
        for i in members:
            self._record(S.X, "x:" + self.x_id[i], i)
        self._record(S.X, "x:" + _OWNER_X_ID, 0)
        created = "2015-03-30T10:38:02.103Z"
        files = {}
        files["account.js"] = (
            "YTD.account.part0",
            [
                {
                    "account": {
                        "email": _OWNER_EMAIL,
                        "createdVia": "web",
                        "username": _OWNER_X_HANDLE,
                        "accountId": _OWNER_X_ID,
                        "createdAt": created,
                        "accountDisplayName": p.at[0, S.NAME],
                    }
                }
            ],
        )

        def link(i):
            return {
                "accountId": self.x_id[i],
                "userLink": f"https://twitter.com/intent/user?user_id={self.x_id[i]}",
            }

        files["follower.js"] = ("YTD.follower.part0", [{"follower": link(i)} for i in followers])
        files["following.js"] = ("YTD.following.part0", [{"following": link(i)} for i in following])
        # 1:1 conversations: a few mutual follows, and a pitcher's unanswered DM
        files["direct-messages.js"] = (
            "YTD.direct_messages.part0",
            self._x_one_to_one(members, side, pitchers),
        )
        # one group: the owner and two or three people who follow each other
        files["direct-messages-group.js"] = (
            "YTD.direct_messages_group.part0",
            self._x_group(members, side, pitchers),
        )
        written = {name: _x_js(f"window.{glob}", value) for name, (glob, value) in files.items()}
        self.files[root + "manifest.js"] = self._x_manifest(files, written)
        for name, data in written.items():
            self.files[root + name] = data

    def _x_one_to_one(self, members: list[int], side: np.ndarray, pitchers: set[int]) -> list[dict]:
        """The 1:1 conversations: a few mutual follows, and a pitcher's unanswered DM."""
        rng, p = self.rng, self.p
        talkers = [
            m
            for m, s in zip(members, side)
            if s == 0 and p.at[m, S.PLANTED_KIND] in ("core", "occasional", "x_only")
        ]
        talkers = talkers[: max(2, self.n_contacts // 100)] + [m for m in members if m in pitchers][:1]
        conversations = []
        for i in talkers:
            kind = p.at[i, S.PLANTED_KIND]
            one_way = i in pitchers
            n = int(rng.integers(1, 3)) if one_way else int(rng.integers(3, 10))
            times = self._times(n, kind)
            senders = [i] * n if one_way else [0 if rng.random() < 0.5 else i for _ in range(n)]
            if one_way:
                texts = [
                    "Hi Sasha, I help data leaders book 20+ qualified meetings a month. Open to a quick call?"
                ] * n
            else:
                texts = self._pick(_CHAT_BODIES + _FRIEND_BODIES, n)
            low, high = sorted([self.x_id[0], self.x_id[i]], key=lambda v: (len(v), v))
            items = []
            for j in range(n - 1, -1, -1):
                other = i if senders[j] == 0 else 0
                create = {
                    "recipientId": self.x_id[other],
                    "reactions": [],
                    "urls": [],
                    "text": texts[j],
                    "mediaUrls": [],
                    "senderId": self.x_id[senders[j]],
                    "id": self._snowflake(times[j]),
                    "createdAt": _iso_ms(times[j]),
                }
                if j == 0 and not one_way and n > 3:
                    create["text"] = "Here is the link we talked about https://t.co/Ab12Cd34Ef"
                    create["urls"] = [
                        {
                            "url": "https://t.co/Ab12Cd34Ef",
                            "expanded": "https://example.org/talks/data-contracts",
                            "display": "example.org/talks/data-co…",
                        }
                    ]
                if j == n - 1 and not one_way and n > 2:
                    create["reactions"] = [
                        {
                            "senderId": self.x_id[other],
                            "reactionKey": "like",
                            "eventId": self._snowflake(times[j] + 60_000),
                            "createdAt": _iso_ms(times[j] + 60_000),
                        }
                    ]
                items.append({"messageCreate": create})
            conversations.append({"dmConversation": {"conversationId": f"{low}-{high}", "messages": items}})
        return conversations

    def _x_group(self, members: list[int], side: np.ndarray, pitchers: set[int]) -> list[dict]:
        """One group conversation: the owner and two or three people who follow each other."""
        rng = self.rng
        group = [m for m, s in zip(members, side) if s == 0 and m not in pitchers]
        group = (group + [m for m in members if m not in pitchers and m not in group])[:3]
        group_items = []
        if len(group) >= 2:
            n = int(rng.integers(5, 12))
            times = self._times(n + 1, "core")
            senders = [0, *[group[int(k)] for k in rng.integers(0, len(group), n - 1)]]
            rng.shuffle(senders)
            texts = self._pick(_GROUP_BODIES, n)
            for j in range(n, 0, -1):
                group_items.append(
                    {
                        "messageCreate": {
                            "reactions": [],
                            "urls": [],
                            "text": texts[j - 1],
                            "mediaUrls": [],
                            "senderId": self.x_id[senders[j - 1]],
                            "id": self._snowflake(times[j]),
                            "createdAt": _iso_ms(times[j]),
                        }
                    }
                )
            group_items.append(
                {
                    "joinConversation": {
                        "initiatingUserId": self.x_id[group[0]],
                        "participantsSnapshot": [self.x_id[i] for i in group],
                        "createdAt": _iso_ms(times[0]),
                    }
                }
            )
        group_conversations = (
            [
                {
                    "dmConversation": {
                        "conversationId": self._snowflake(self._time(WINDOW_DAYS / 2)),
                        "messages": group_items,
                    }
                }
            ]
            if group_items
            else []
        )
        return group_conversations

    def _x_manifest(self, files: dict, written: dict[str, bytes]) -> bytes:
        """manifest.js: the owner, the archive's size and date, and one entry per data file."""
        p = self.p
        data_types = {
            "account": "account.js",
            "follower": "follower.js",
            "following": "following.js",
            "directMessages": "direct-messages.js",
            "directMessagesGroup": "direct-messages-group.js",
        }
        manifest = {
            "userInfo": {
                "accountId": _OWNER_X_ID,
                "userName": _OWNER_X_HANDLE,
                "displayName": p.at[0, S.NAME],
            },
            "archiveInfo": {
                "sizeBytes": str(sum(len(v) for v in written.values())),
                "generationDate": _iso_ms(self._time(0.4)),
                "isPartialArchive": False,
                "maxPartSizeBytes": "53687091200",
            },
            "readmeInfo": {"fileName": "data/README.txt", "directory": "data/", "name": "README"},
            "dataTypes": {
                key: {
                    "files": [
                        {
                            "fileName": f"data/{name}",
                            "globalName": files[name][0],
                            "count": str(len(files[name][1])),
                        }
                    ]
                }
                for key, name in data_types.items()
            },
        }
        body = json.dumps(manifest, indent=2, separators=(",", " : "), ensure_ascii=False)
        return f"window.__THAR_CONFIG = {body}".encode()

    def _snowflake(self, ms) -> str:
        """An X id: milliseconds since X's epoch in the high bits, a random low part."""
        return str(((int(ms) - 1_288_834_974_657) << 22) | int(self.rng.integers(0, 1 << 22)))

    # ------------------------------------------------------------ WhatsApp
    def _whatsapp(self):
        rng, p = self.rng, self.p
        users = [i for i in np.flatnonzero(p["wa"].to_numpy(dtype=bool)).tolist() if i != 0]
        users = [i for i in users if p.at[i, S.PHONE]]
        label = {}
        for i in [0, *users]:
            if p.at[i, "book"] and self.saved[i]:
                label[i] = self.saved[i]
            else:
                label[i] = _phone_views(p.at[i, S.PHONE])[0]
        family = [i for i in users if p.at[i, S.PLANTED_KIND] == "family"]
        friends = [i for i in users if p.at[i, S.PLANTED_KIND] == "friend"]
        core = [i for i in users if p.at[i, S.PLANTED_KIND] == "core"]
        saved_people = [i for i in family + core + friends if p.at[i, "book"]]
        k = max(4, min(12, self.n_contacts // 40))
        ones = saved_people[:k]
        unsaved_friend = [i for i in friends if not p.at[i, "book"]][:1]
        chats = [("android", [i], label[i]) for i in ones[0::2]] + [
            ("ios", [i], label[i]) for i in ones[1::2]
        ]
        chats += [("android", [i], label[i]) for i in unsaved_friend]
        chats.append(("android", family, _FAMILY_GROUP))
        if len(friends) >= 3:
            chats.append(("ios", friends[:3], _FRIENDS_GROUP))
        written = set()
        for device, others, title in chats:
            for i in others:
                if i not in written:
                    self._record(S.WHATSAPP, _whatsapp_id(label[i]), i)
                    written.add(i)
            kind = p.at[others[0], S.PLANTED_KIND]
            kind = "family" if title == _FAMILY_GROUP else ("friend" if title == _FRIENDS_GROUP else kind)
            n = int(rng.integers(8, 20))
            times = self._times(n, kind)
            # the oldest message on a day past the 12th, so the file tells day from month
            if datetime.datetime.fromtimestamp(times[0] / 1000, datetime.UTC).day <= 12:
                day = datetime.datetime.fromtimestamp(times[0] / 1000, datetime.UTC).day
                times[0] -= day * 86_400_000
            senders = [
                0 if rng.random() < 0.45 else others[int(rng.integers(0, len(others)))] for _ in range(n)
            ]
            for j, person in enumerate(others):  # every member writes at least once
                senders[min(1 + j, n - 1)] = person
            texts = self._pick(_FAMILY_BODIES if kind == "family" else _FRIEND_BODIES + _CHAT_BODIES, n)
            media = rng.random(n) < 0.1
            media[2] = True  # every chat holds a media placeholder
            lines = self._whatsapp_lines(device, title, others, times, senders, texts, media, label)
            if device == "android":
                self.files[f"whatsapp/WhatsApp Chat with {title}.txt"] = (
                    "\n".join(lines).encode("utf-8") + b"\n"
                )
            else:
                self.files[f"whatsapp/WhatsApp Chat - {title}/_chat.txt"] = (
                    "\r\n".join(lines).encode("utf-8") + b"\r\n"
                )
        self._record(S.WHATSAPP, _whatsapp_id(label[0]), 0)

    def _whatsapp_lines(self, device, title, others, times, senders, texts, media, label) -> list[str]:
        group = len(others) > 1
        stamp = _android_stamp if device == "android" else _ios_stamp
        first = stamp(times[0])
        lines = []
        if device == "android":
            lines.append(f"{first} - {_E2E_NOTICE} Tap to learn more.")
            if group:
                lines.append(f'{first} - You created group "{title}"')
                lines.extend(f"{first} - You added {label[i]}" for i in others)
        else:
            lines.append(f"{_LRM}{first} {title}: {_LRM}{_E2E_NOTICE}")
            if group:
                lines.append(f"{_LRM}{first} {title}: {_LRM}You created group “{title}”")
        for j in range(len(times)):
            author = label[senders[j]]
            when = stamp(times[j])
            text = texts[j].replace("\n", "\r\n" if device == "ios" else "\n")
            if media[j] and device == "android":
                lines.append(f"{when} - {author}: <Media omitted>")
            elif media[j]:
                lines.append(f"{_LRM}{when} {author}: {_LRM}{_IOS_MEDIA[j % len(_IOS_MEDIA)]}")
            elif device == "android":
                lines.append(f"{when} - {author}: {text}")
            else:
                lines.append(f"{when} {author}: {text}")
        return lines

    # ------------------------------------------------------------ Google Contacts
    def _google_contacts(self):
        rng, p = self.rng, self.p
        people = [i for i in np.flatnonzero(p["google"].to_numpy(dtype=bool)).tolist() if i != 0]
        people.sort(key=lambda i: (p.at[i, "first"].casefold(), p.at[i, "last"].casefold(), i))
        header = [
            "First Name", "Middle Name", "Last Name", "Phonetic First Name", "Phonetic Middle Name",
            "Phonetic Last Name", "Name Prefix", "Name Suffix", "Nickname", "File As", "Organization Name",
            "Organization Title", "Organization Department", "Birthday", "Notes", "Photo", "Labels",
            "E-mail 1 - Label", "E-mail 1 - Value", "E-mail 2 - Label", "E-mail 2 - Value",
            "Phone 1 - Label", "Phone 1 - Value", "Phone 2 - Label", "Phone 2 - Value",
            "Address 1 - Label", "Address 1 - Formatted", "Address 1 - Street", "Address 1 - City",
            "Address 1 - PO Box", "Address 1 - Region", "Address 1 - Postal Code", "Address 1 - Country",
            "Address 1 - Extended Address", "Website 1 - Label", "Website 1 - Value",
        ]  # fmt: skip
        rows = []
        multi_phone_done = False
        for number, i in enumerate(people, start=1):
            self._record(S.GOOGLE_CONTACTS, f"google_contacts:{number}", i)
            row = dict.fromkeys(header, "")
            row["First Name"], row["Last Name"] = p.at[i, "first"], p.at[i, "last"]
            kind = p.at[i, S.PLANTED_KIND]
            row["Labels"] = (
                "Family ::: * myContacts"
                if kind == "family"
                else ("* myContacts ::: * starred" if kind == "core" else "* myContacts")
            )
            if p.at[i, S.COMPANY] and rng.random() < 0.7:
                row["Organization Name"], row["Organization Title"] = p.at[i, S.COMPANY], p.at[i, S.POSITION]
            if p.at[i, "first"] in _NICKNAMES and rng.random() < 0.5:
                row["Nickname"] = _NICKNAMES[p.at[i, "first"]]
            if p.at[i, S.EMAIL]:
                row["E-mail 1 - Label"] = (
                    "* Work" if p.at[i, S.CONTACT_ID] and rng.random() < 0.4 else "* Home"
                )
                row["E-mail 1 - Value"] = p.at[i, S.EMAIL]
            if p.at[i, S.PHONE]:
                intl, national = _phone_views(p.at[i, S.PHONE])
                row["Phone 1 - Label"] = "Mobile"
                unsaved_on_whatsapp = p.at[i, "wa"] and not p.at[i, "book"]
                row["Phone 1 - Value"] = intl if unsaved_on_whatsapp or rng.random() < 0.6 else national
                if not multi_phone_done and self.spare_phones:
                    row["Phone 1 - Value"] += " ::: " + _phone_views(self.spare_phones[0])[0]
                    multi_phone_done = True
            if rng.random() < 0.15:
                row["Birthday"] = f"--{int(rng.integers(1, 13)):02d}-{int(rng.integers(1, 29)):02d}"
            if rng.random() < 0.12:
                row["Notes"] = "Met at PyData Lisbon, 2023.\nIntro via a friend; likes dashboards."
            if rng.random() < 0.1:
                row["Address 1 - Label"] = "* Home"
                row["Address 1 - Formatted"] = "Rua das Flores 12\n1200-195 Lisboa\nPT"
                row["Address 1 - Street"] = "Rua das Flores 12"
                row["Address 1 - City"] = "Lisboa"
                row["Address 1 - Postal Code"] = "1200-195"
                row["Address 1 - Country"] = "PT"
            rows.append(row)
        frame = pd.DataFrame(rows, columns=header)
        self.files["google_contacts.csv"] = frame.to_csv(index=False, lineterminator="\n").encode("utf-8")

    # ------------------------------------------------------------ vCard (the phone's address book)
    def _vcard(self):
        rng, p = self.rng, self.p
        people = [i for i in np.flatnonzero(p["book"].to_numpy(dtype=bool)).tolist() if self.saved[i]]
        people.sort(key=lambda i: (self.saved[i].casefold(), i))
        cards = []
        for number, i in enumerate(people, start=1):
            self._record(S.VCARD, f"vcard:{number}", i)
            saved = self.saved[i]
            first, last = p.at[i, "first"], p.at[i, "last"]
            if saved == p.at[i, S.NAME]:
                n_field = f"{_vcard_text(last)};{_vcard_text(first)};;;"
            else:
                n_field = f";{_vcard_text(saved)};;;"
            lines = ["BEGIN:VCARD", "VERSION:3.0", f"FN:{_vcard_text(saved)}", f"N:{n_field}"]
            if p.at[i, S.PHONE]:
                intl, national = _phone_views(p.at[i, S.PHONE])
                national_form = rng.random() < 0.35 and p.at[i, S.PLANTED_KIND] != "family"
                lines.append(f"TEL;TYPE=CELL:{national if national_form else intl}")
            if i in self.switchboard:
                lines.append(f"TEL;TYPE=WORK:{SWITCHBOARD}")
                lines.append(f"ORG:{_vcard_text(self.switchboard_company)}")
            elif p.at[i, S.COMPANY] and p.at[i, S.CONTACT_ID] and rng.random() < 0.5:
                lines.append(f"ORG:{_vcard_text(p.at[i, S.COMPANY])}")
                if p.at[i, S.POSITION]:
                    lines.append(f"TITLE:{_vcard_text(p.at[i, S.POSITION])}")
            if p.at[i, S.EMAIL]:
                if rng.random() < 0.5:
                    lines.append(f"EMAIL;TYPE=INTERNET;TYPE=HOME:{p.at[i, S.EMAIL]}")
                else:
                    lines.append(f"item1.EMAIL;TYPE=INTERNET:{p.at[i, S.EMAIL]}")
                    lines.append("item1.X-ABLabel:Personal")
            lines.append(
                "CATEGORIES:myContacts" + (",starred" if p.at[i, S.PLANTED_KIND] == "family" else "")
            )
            if rng.random() < 0.15 or i == 0:
                note = (
                    "My own card."
                    if i == 0
                    else f"Saved after we met in {self._pick(('Lisbon', 'Porto', 'Berlin'), 1)[0]}, {first}; "
                    "ask about the project\nand the kids' names (Léa, Tomás)."
                )
                lines.append(f"NOTE:{_vcard_text(note)}")
            lines.append("END:VCARD")
            cards.append("\r\n".join(_fold(line) for line in lines))
        self.files["contacts.vcf"] = ("\r\n".join(cards) + "\r\n").encode("utf-8")

    # ------------------------------------------------------------ mbox (Gmail Takeout)
    def _mbox(self):  # noqa: C901 (split: issue 16)
        rng, p = self.rng, self.p
        people = [
            i for i in np.flatnonzero(p["mail"].to_numpy(dtype=bool)).tolist() if i != 0 and p.at[i, S.EMAIL]
        ]
        threads = []  # (participants other than the owner, kind, n messages, who starts, one-way?)
        for i in people:
            kind = p.at[i, S.PLANTED_KIND]
            if kind == "one_way_inbound":
                threads.append(([i], kind, int(rng.integers(1, 3)), i, True))
            elif kind == "one_way_outbound":
                threads.append(([i], kind, 1, 0, True))
            elif kind in ("core", "occasional", "dormant", "friend", "family", "namesake"):
                for _ in range(int(rng.integers(1, 3 if kind != "core" else 4))):
                    threads.append(
                        ([i], kind, int(rng.integers(1, 5)), i if rng.random() < 0.5 else 0, False)
                    )
            else:  # someone the owner only e-mails, such as a LinkedIn contact who shared an address
                threads.append(([i], "occasional", int(rng.integers(1, 3)), i, False))
        core = [i for i in people if p.at[i, S.PLANTED_KIND] == "core"]
        if len(core) >= 2:
            threads.append((core[:3], "core", 4, 0, False))
        messages = []
        for t, (others, kind, n, starter, one_way) in enumerate(threads):
            times = self._times(n, kind if kind in _RECENCY else "friend")
            thread_id = str(int(rng.integers(10**18, 9 * 10**18)))
            subject = (
                self._pick(_MAIL_PITCH_SUBJECTS, 1)[0]
                if kind == "one_way_inbound"
                else self._pick(_MAIL_OUTREACH_SUBJECTS, 1)[0]
                if kind == "one_way_outbound"
                else self._pick(_MAIL_SUBJECTS, 1)[0]
            )
            ids = [f"<CA{_token(rng, 40)}@mail.gmail.com>" for _ in range(n)]
            for j in range(n):
                if one_way:
                    sender = starter
                else:
                    sender = starter if j % 2 == 0 else (0 if starter != 0 else others[j % len(others)])
                recipients = [x for x in [*others, 0] if x != sender]
                messages.append(
                    (
                        int(times[j]),
                        t,
                        j,
                        sender,
                        recipients[:1],
                        recipients[1:],
                        subject,
                        ids,
                        thread_id,
                        kind,
                    )
                )
        messages.sort(key=lambda m: (m[0], m[1], m[2]))
        seen = set()
        chunks = []
        for ms, _t, j, sender, to, cc, subject, ids, thread_id, kind in messages:
            for person in [sender, *to, *cc]:
                if person not in seen:
                    seen.add(person)
                    self._record(S.EMAIL_PLATFORM, "email:" + normalise_email(p.at[person, S.EMAIL]), person)
            chunks.append(self._mail(ms, j, sender, to, cc, subject, ids, thread_id, kind))
        self.files["mail.mbox"] = "".join(chunks).encode("utf-8")

    def _mail(self, ms, j, sender, to, cc, subject, ids, thread_id, kind) -> str:
        rng, p = self.rng, self.p
        when = datetime.datetime.fromtimestamp(ms / 1000, datetime.UTC)
        offset = (
            60
            if sender == 0 and 4 <= when.month <= 10
            else (0 if sender == 0 else [0, 60, -300, 330][sender % 4])
        )
        local = when.astimezone(datetime.timezone(datetime.timedelta(minutes=offset)))
        sign = "+" if offset >= 0 else "-"
        zone = f"{sign}{abs(offset) // 60:02d}{abs(offset) % 60:02d}"
        labels = (
            "Sent"
            if sender == 0
            else (
                "Inbox,Category Personal,Opened"
                if rng.random() < 0.7
                else "Archived,Category Personal,Opened"
            )
        )
        first = p.at[to[0], "first"] if to[0] != 0 else "Sasha"
        signer = p.at[sender, "first"]
        if kind == "one_way_inbound":
            body = f"Hi {first},\n\nI help data leaders book 20+ qualified meetings a month. Worth a quick chat?\n\nBest,\n{signer}"
        elif kind == "one_way_outbound":
            body = f"Hi {first},\n\nWe're hiring a senior analyst and I thought you might know someone.\n\nCheers,\n{signer}"
        else:
            text = self._pick(_CHAT_BODIES, 1)[0]
            body = f"Hi {first},\n\n{text}\n\nBest,\n{signer}"
            if j == 1:
                body = f"Hi {first},\n\nFrom what I remember, Thursday works.\n\nThanks,\n{signer}"
        escaped = "\n".join((">" + line if line.startswith("From ") else line) for line in body.split("\n"))
        if escaped.isascii():
            encoding, payload = "7bit", escaped
        else:
            encoding = "quoted-printable"
            payload = quopri.encodestring(escaped.encode("utf-8")).decode("ascii")
        headers = [
            f"X-GM-THRID: {thread_id}",
            f"X-Gmail-Labels: {labels}",
            "MIME-Version: 1.0",
            f"Date: {local.strftime('%a, %d %b %Y %H:%M:%S')} {zone}",
            f"Message-ID: {ids[j]}",
            f"Subject: {_header_words(('Re: ' if j else '') + subject)}",
            f"From: {_address(self.mail_name[sender], p.at[sender, S.EMAIL])}",
            f"To: {', '.join(_address(self.mail_name[x], p.at[x, S.EMAIL]) for x in to)}",
        ]
        if cc:
            headers.append(f"Cc: {', '.join(_address(self.mail_name[x], p.at[x, S.EMAIL]) for x in cc)}")
        if j:
            headers.append(f"In-Reply-To: {ids[j - 1]}")
            headers.append(f"References: {' '.join(ids[:j])}")
        headers += ['Content-Type: text/plain; charset="UTF-8"', f"Content-Transfer-Encoding: {encoding}"]
        separator = f"From {int(thread_id) + j}@xxx {when.strftime('%a %b %d %H:%M:%S +0000 %Y')}"
        text = "\n".join([separator, *headers, "", payload.rstrip("\n"), "", ""])
        return text.replace("\n", "\r\n")

    # ------------------------------------------------------------ LinkedIn and the earlier export
    def _linkedin_truth(self):
        ids = self.p[S.CONTACT_ID]
        for i in np.flatnonzero(ids.notna().to_numpy()).tolist():
            self._record(S.LINKEDIN, ids[i], i)

    def _earlier(self):
        rng, li = self.rng, self.li
        earlier_end = (self.end.tz_localize(None) - pd.DateOffset(months=EARLIER_MONTHS)).normalize()
        earlier_as_of = earlier_end.tz_localize("UTC")
        connections = li.connections[li.connections[S.CONNECTED_ON] < earlier_end].reset_index(drop=True)
        kept = connections[S.CONTACT_ID].notna().to_numpy()
        # changed company / position: five each, among people connected then and now
        has_company = (connections[S.COMPANY].str.strip() != "").to_numpy(dtype=bool, na_value=False)
        candidates = np.flatnonzero(kept & has_company)
        chosen = rng.choice(candidates, min(10, candidates.size), replace=False)
        company, position = connections[S.COMPANY].copy(), connections[S.POSITION].copy()
        history = []
        companies = [c for c in _COMPANIES if c]
        positions = [c for c in _POSITIONS if c]
        for k, row in enumerate(sorted(chosen.tolist())):
            cid = connections.at[row, S.CONTACT_ID]
            if k % 2 == 0:
                now = company[row].strip()
                then = next(c for c in self._pick(companies, 8) + companies if c != now)
                company[row] = then
                history.append((cid, _CHANGE_COMPANY, then, now))
            else:
                now = position[row].strip()
                then = next(c for c in self._pick(positions, 8) + positions if c != now)
                position[row] = then
                history.append((cid, _CHANGE_POSITION, then, now))
        connections = connections.assign(**{S.COMPANY: company, S.POSITION: position})
        # removed since: pitchers who never were connections now, and invented people
        people = li.people
        cold = (
            people[(people[S.PLANTED_KIND] == "one_way_inbound") & ~people[S.IS_CONNECTION]]
            .index[:3]
            .tolist()
        )
        removed_rows = []
        for row in cold:
            removed_rows.append(
                {
                    S.CONTACT_ID: people.at[row, S.CONTACT_ID],
                    S.FIRST_NAME: people.at[row, S.FIRST_NAME],
                    S.LAST_NAME: people.at[row, S.LAST_NAME],
                    S.PROFILE_URL: people.at[row, S.PROFILE_URL],
                    S.EMAIL: "",
                    S.COMPANY: people.at[row, S.COMPANY],
                    S.POSITION: people.at[row, S.POSITION],
                }
            )
        for _ in range(6 - len(cold)):
            first, last = self._pick(_FIRST_NAMES, 1)[0], self._pick(_LAST_NAMES, 1)[0]
            slug = f"{_slug(first)}-{_slug(last)}-{_token(rng, 8).lower()}"
            row = self._add_person(first, last, "removed", slug)
            self._record(S.LINKEDIN, slug, row)
            removed_rows.append(
                {
                    S.CONTACT_ID: slug,
                    S.FIRST_NAME: first,
                    S.LAST_NAME: last,
                    S.PROFILE_URL: _PROFILE_BASE + slug,
                    S.EMAIL: "",
                    S.COMPANY: self._pick(companies, 1)[0],
                    S.POSITION: self._pick(positions, 1)[0],
                }
            )
        removed = pd.DataFrame(removed_rows)
        removed[S.CONNECTED_ON] = (
            pd.Series(self._time(rng.uniform(200, WINDOW_DAYS - 30, len(removed))) * 1_000_000, dtype="int64")
            .astype("datetime64[ns]")
            .dt.floor("min")
        )
        removed = removed.astype({c: S.STRING for c in removed.columns if c != S.CONNECTED_ON})
        connections = pd.concat([connections, removed[connections.columns]], ignore_index=True)
        order = np.lexsort(
            (np.arange(len(connections)), -connections[S.CONNECTED_ON].to_numpy().astype(np.int64))
        )
        connections = connections.iloc[order].reset_index(drop=True)
        for cid in removed[S.CONTACT_ID]:
            history.append((cid, _CHANGE_GONE, None, None))
        earlier_ids = set(connections[S.CONTACT_ID].dropna())
        for cid in li.connections[S.CONTACT_ID].dropna():
            if cid not in earlier_ids:
                history.append((cid, _CHANGE_NEW, None, None))
        messages = li.messages[li.messages[S.SENT_AT] < earlier_as_of].reset_index(drop=True)
        invitations = li.invitations[li.invitations[S.SENT_AT] < earlier_end].reset_index(drop=True)
        earlier = dataclasses.replace(
            li, connections=connections, messages=messages, invitations=invitations, as_of=earlier_as_of
        )
        frame = pd.DataFrame(history, columns=list(HISTORY_TRUTH_COLUMNS)).astype(S.STRING)
        frame = frame.sort_values([S.CHANGE, S.CONTACT_ID], kind="stable").reset_index(drop=True)
        return earlier, frame, earlier_as_of

    def _truth_frame(self) -> pd.DataFrame:
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


def _token(rng: np.random.Generator, width: int) -> str:
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    return "".join(alphabet[k] for k in rng.integers(0, len(alphabet), width))


def _iso_ms(ms) -> str:
    """``2021-09-15T06:00:28.597Z`` as X writes times."""
    when = datetime.datetime.fromtimestamp(int(ms) / 1000, datetime.UTC)
    return when.strftime("%Y-%m-%dT%H:%M:%S.") + f"{int(ms) % 1000:03d}Z"


def _android_stamp(ms) -> str:
    """Android, en-GB, 24-hour: ``20/01/19, 11:23``."""
    return datetime.datetime.fromtimestamp(int(ms) / 1000, datetime.UTC).strftime("%d/%m/%y, %H:%M")


def _ios_stamp(ms) -> str:
    """iOS, en-US, 12-hour with seconds: ``[1/4/23, 7:02:15\u202fPM]``."""
    when = datetime.datetime.fromtimestamp(int(ms) / 1000, datetime.UTC)
    hour = (when.hour + 11) % 12 + 1
    half = "AM" if when.hour < 12 else "PM"
    return f"[{when.month}/{when.day}/{when.year % 100:02d}, {hour}:{when.minute:02d}:{when.second:02d}{_NNBSP}{half}]"


def _whatsapp_id(author: str) -> str:
    phone = normalise_phone(author) if author.lstrip(_LRM).startswith("+") else None
    return f"whatsapp:{phone}" if phone else "whatsapp:name:" + name_key(author)
