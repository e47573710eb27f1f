"""Synthetic LinkedIn data exports: byte-faithful files for every era, with planted ground truth.

The repository never holds a real person's data.  This module invents an
account owner and a network of contacts, lets them exchange messages and
invitations with known, planted behaviours, and writes the files exactly as
LinkedIn writes them in each export era (headers, preamble, quoting, date
formats, percent-encoding, ordering; see
``research/linkedin_and_other_export_formats.md`` section 1).

The same generator feeds ``data/sample`` (the notebooks and the demo report),
the tests (with exact ground truth in :attr:`SampleExport.planted`), and the
benchmark export (30,000 contacts, a million messages): every step is
vectorised with numpy and pyarrow, and Python loops run only over templates,
group conversations or people that need special handling.

Planted behaviours (``as_of`` is the export end date)
-----------------------------------------------------
Connections are made, and relationships start, across the whole history
(``years``, default 6): the older part of the network has real conversations
too, so "popularity vs quality" is a history, not a recent spike.

``core``
    A connection with a two-way history that may have started years ago: at
    least 8 messages each way, spread over at least 4 calendar months, the
    last exchange within 90 days, and replies usually within hours.
``occasional``
    A connection with 2-6 messages each way over up to two years; the last
    exchange 3-11 months ago.
``dormant``
    A connection with at least 3 messages each way, a relationship that
    started any time in the history and ended 13-30 months ago.
``new``
    Connected within the last 60 days; 0-2 messages.
``one_way_inbound``
    Sent 1-4 templated pitches the owner never answered; some are connections
    (connect-then-pitch within days), some are not.
``one_way_outbound``
    Received 1-3 of the owner's templated messages and never answered.
``silent``
    A connection older than 60 days without a single message.

Group conversations (the owner and 2-5 core or occasional contacts),
sponsored InMail rows (about 20 % of all rows), the owner's drafts, empty
contents, attachments, invitations with personal, templated and empty notes,
and hard names (accents, emoji, styled letters in a slug, ``Smith, PhD``,
``NA``, ``null``, namesakes, padding) are mixed in.

Where the steps live: :mod:`._people` invents the cast and keeps the planted truth,
:mod:`._linkedin_plan` plans the messages (counts, conversations, times),
:mod:`._linkedin_messages` writes their rows and texts, this module the connections and
invitations, and :mod:`._linkedin_csv` the files of each export era.
"""

from __future__ import annotations

import datetime
import pathlib
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .. import schema as S
from .._errors import ParameterError
from ._arrays import _choose, _fill, _first_names, _large, _scatter, _strings, _text_array
from ._linkedin_csv import (
    _ERA_FORMATS,
    _PROFILE_15,
    CONNECTIONS_PREAMBLE,
    ERAS,
    _connection_cells,
    _invitation_cells,
    _message_cells,
    _write_csv,
)
from ._linkedin_messages import everyday_notes, message_frame
from ._linkedin_plan import _Plan
from ._people import _KIND_CODE, _Cast
from ._words import _FIRST_NAMES as _FIRST_NAMES  # re-exported: tests use the sample's words
from ._words import (
    _GENERIC_NOTES,
    _OWNER_FIRST,
    _OWNER_LAST,
    _OWNER_PROFILE,
    _PERSONAL_NOTE_PARTS,
    _TEMPLATE_NOTE,
)
from ._words import _PITCHES as _PITCHES

__all__ = ["ERAS", "SampleExport", "generate_sample", "write_export", "write_sample"]

PLANTED_FILE = "netstats_planted.csv"

_MIN_CONTACTS = 50
_MESSAGES_PER_CONTACT = 12


@dataclass(frozen=True)
class SampleExport:
    """An invented LinkedIn account: the canonical data behind every era's files.

    Text cells hold exactly what the files hold (``''`` is an empty cell); the
    writers only choose columns, quoting and date formats.

    Attributes
    ----------
    people : pandas.DataFrame
        Everyone: the owner (``role == 'owner'``), the planted contacts
        (``'contact'``) and strangers seen only in pending invitations
        (``'invitation_only'``).  Columns ``contact_id, name, first_name,
        last_name, profile_url`` (raw, Unicode, original case), ``company,
        position, role, planted_kind, is_connection, connected_on``.
    connections : pandas.DataFrame
        The rows of Connections.csv, newest first, hidden-profile rows
        included (their ``contact_id`` is NA).  Names, company and position
        carry the file's whitespace padding; ``profile_url`` is not yet
        percent-encoded.
    messages : pandas.DataFrame
        The rows of messages.csv, grouped by conversation, newest first
        within a conversation; drafts and sponsored rows included and flagged.
        ``content`` keeps its newlines (eras before 2026 collapse them).
    invitations : pandas.DataFrame
        The rows of Invitations.csv from the owner's side: the other person's
        ``contact_id, name, profile_url``, ``direction`` ('received' or
        'sent', from the owner's view), naive ``sent_at``, the note and its ``note_kind``.
    profile : pandas.DataFrame
        The one Profile.csv row, columns named as in the 2018 file (a superset).
    planted : pandas.DataFrame
        The ground truth for every planted contact, columns
        :data:`netstats.schema.PLANTED_COLUMNS`, sorted by contact id.
    owner_name, owner_url : str
        The account owner's display name and raw profile URL.
    as_of : pandas.Timestamp
        The export end (UTC midnight of ``end``); every event happens before it.
    long_writers : tuple of str
        Contact ids of the core contacts planted as writers of few long
        letters (``generate_sample(hard_cases=True)``; empty otherwise).
    """

    people: pd.DataFrame
    connections: pd.DataFrame
    messages: pd.DataFrame
    invitations: pd.DataFrame
    profile: pd.DataFrame
    planted: pd.DataFrame
    owner_name: str
    owner_url: str
    as_of: pd.Timestamp
    long_writers: tuple[str, ...] = ()


def generate_sample(
    contacts: int = 500,
    messages: int | None = None,
    seed: int = 0,
    end: datetime.date = datetime.date(2026, 11, 1),
    years: float = 6.0,
    hard_cases: bool = False,
) -> SampleExport:
    """Invent a LinkedIn account whose contacts behave in known, planted ways.

    Parameters
    ----------
    contacts : int, default 500
        Number of planted contacts (at least 50), mixed as 6 % core, 14 %
        occasional, 10 % dormant, 6 % new, 8 % one-way inbound (pitchers),
        6 % one-way outbound, 50 % silent.  About 4 % more people appear
        only in pending invitations.
    messages : int, optional
        Rows of messages.csv, sponsored rows and drafts included (about 20 %
        are sponsored).  Default: 12 per contact.  Core contacts absorb the
        difference, so the count is met exactly when it is feasible.
    seed : int, default 0
        Seed of the only random generator used (``numpy.random.default_rng``).
    end : datetime.date, default 2026-11-01
        The export date; every event happens before its midnight (UTC).
    years : float, default 6.0
        Length of the history (2 to 20 years): connections are made and
        relationships start across all of it, so the older part of the
        network has conversations too.
    hard_cases : bool, default False
        Also plant the cases a verdict most easily gets wrong (``data/sample``
        is generated without them):

        * half the core contacts write *few long* letters: 4-7 messages each
          way of about 70 words, one exchange a month in 4-7 distinct months
          of the last two years, the last one 1-10 days ago (the others write
          many short messages, as without hard cases);
          :attr:`SampleExport.long_writers` names them;
        * every personal invitation note the owner sends or receives is
          written for one person but shares everyday phrases ("great to meet
          you", "let's stay in touch");
        * every generic note the owner sends is one template with the
          invitee's first name swapped in (its truth stays ``generic``);
        * pitches come from three campaigns, each one text that every
          pitcher signs with their own name;
        * a new contact's first message is written for the owner, with
          everyday phrases (a cold message that is no pitch).

    Returns
    -------
    SampleExport

    Raises
    ------
    ParameterError
        If a parameter is out of range, or ``messages`` is too small to hold
        the planted behaviours of ``contacts`` contacts.

    Examples
    --------
    >>> sample = generate_sample(contacts=100, seed=1)
    >>> len(sample.messages), int(sample.messages["is_sponsored"].sum())
    (1200, 240)
    >>> sample.planted["planted_kind"].value_counts()[["core", "silent"]].tolist()
    [6, 50]
    >>> sample.owner_name
    'Sasha Moreau'
    """
    contacts, messages, seed, years = _check_parameters(contacts, messages, seed, end, years)
    if not isinstance(hard_cases, (bool, np.bool_)):
        raise ParameterError(
            f"hard_cases must be True or False, not {hard_cases!r}",
            expected="a bool",
            fix="pass hard_cases=True to plant the hard cases, or leave it out",
        )
    rng = np.random.default_rng(seed)
    return _build(rng, contacts, messages, end, years, bool(hard_cases))


def _check_parameters(contacts, messages, seed, end, years):
    def _int(name, value, low):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < low:
            raise ParameterError(
                f"{name} must be a whole number of at least {low}",
                expected=f"{name} >= {low}",
                fix=f"pass an integer {name}",
            )
        return int(value)

    contacts = _int("contacts", contacts, _MIN_CONTACTS)
    messages = contacts * _MESSAGES_PER_CONTACT if messages is None else _int("messages", messages, 1)
    seed = _int("seed", seed, 0)
    if not isinstance(end, datetime.date) or isinstance(end, datetime.datetime):
        raise ParameterError(
            "end must be a datetime.date", expected="a date such as datetime.date(2026, 11, 1)"
        )
    if isinstance(years, bool) or not isinstance(years, (int, float)) or not 2.0 <= float(years) <= 20.0:
        raise ParameterError(
            "years is out of range", expected="a number of years from 2 to 20", fix="pass years=3"
        )
    return contacts, messages, seed, float(years)


def _build(rng, contacts, messages, end, years, hard_cases) -> SampleExport:
    """Run every step in order (each draws from the one generator) and assemble the frames."""
    cast = _Cast(rng, contacts, end, years, hard_cases)
    cast.invent()
    plan = _Plan(cast, messages)
    plan.volumes()
    messages, confided = message_frame(cast, plan)
    connections = _connections(cast)
    invitations = _invitations(cast)
    people = cast.people_frame()
    profile = pd.DataFrame([{column: _OWNER_PROFILE.get(column, "") for column in _PROFILE_15}]).astype(
        S.STRING
    )
    profile["First Name"] = _OWNER_FIRST
    profile["Last Name"] = _OWNER_LAST
    return SampleExport(
        people=people,
        connections=connections,
        messages=messages,
        invitations=invitations,
        profile=profile.astype(S.STRING),
        planted=cast.planted_frame(people, confided, invitations),
        owner_name=str(cast.name[0]),
        owner_url=str(cast.url[0]),
        as_of=cast.as_of,
        long_writers=tuple(sorted(cast.contact_id[cast.long_writer].tolist())),
    )


# ---------------------------------------------------------------- connections and invitations
def _connections(cast: _Cast):
    rng = cast.rng
    linked = np.flatnonzero(~np.isnan(cast.connected))
    n_hidden = max(2, round(0.01 * cast.n_contacts))
    hidden_days = rng.uniform(66.0, cast.window, n_hidden)
    k = linked.size
    first = _pad(rng, cast.first[linked], 0.05)
    last = _pad(rng, cast.last[linked], 0.04)
    company = _pad(rng, cast.company[linked], 0.05)
    position = _pad(rng, cast.position[linked], 0.05)
    email = np.full(k, "", dtype=object)
    pick = rng.permutation(np.flatnonzero(~cast.special[linked]))
    n_urn = max(3, round(0.008 * k))
    email[pick[:n_urn]] = "urn:li:member:" + rng.integers(10_000_000, 999_999_999, n_urn).astype(str).astype(
        object
    )
    mailers = pick[n_urn : n_urn + 2]
    email[mailers] = _ascii_local(cast.first[linked[mailers]], cast.last[linked[mailers]]) + "@example.org"
    blank = np.full(n_hidden, "", dtype=object)
    days = np.concatenate([cast.connected[linked], hidden_days])
    frame = pd.DataFrame(
        {
            S.CONTACT_ID: pd.array(
                np.concatenate([cast.contact_id[linked], np.full(n_hidden, None, dtype=object)]),
                dtype=S.STRING,
            ),
            S.FIRST_NAME: _strings(np.concatenate([first, blank])),
            S.LAST_NAME: _strings(np.concatenate([last, blank])),
            S.PROFILE_URL: _strings(np.concatenate([cast.url[linked], blank])),
            S.EMAIL: _strings(np.concatenate([email, blank])),
            S.COMPANY: _strings(np.concatenate([company, blank])),
            S.POSITION: _strings(np.concatenate([position, blank])),
            S.CONNECTED_ON: cast.times(days, "m", naive=True),
        }
    )
    order = np.lexsort((np.arange(len(frame)), days))
    return frame.iloc[order].reset_index(drop=True)


def _invitations(cast: _Cast) -> pd.DataFrame:
    """The rows of Invitations.csv from the owner's side (:attr:`SampleExport.invitations`)."""
    person, when, is_out, kinds = _invited(cast)
    message = _invitation_notes(cast, person, is_out, kinds)
    order = np.lexsort((person, when))
    return pd.DataFrame(
        {
            S.CONTACT_ID: _strings(cast.contact_id[person][order]),
            S.NAME: _strings(cast.name[person][order]),
            S.PROFILE_URL: _strings(cast.url[person][order]),
            S.DIRECTION: _strings(np.where(is_out, S.OUTGOING, S.INCOMING).astype(object)[order]),
            S.SENT_AT: cast.times(when[order], "m", naive=True),
            S.MESSAGE: _strings(message.take(order)),
            S.NOTE_KIND: _strings(kinds[order]),
        }
    )


def _invited(cast: _Cast):
    """Who invited whom, when, and the planted note kind: new connections, strangers, cold pitchers."""
    rng, kind = cast.rng, cast.kind
    horizon = 200.0  # only the last six or seven months of invitations are exported
    people, days, outgoing, note = [], [], [], []

    def add(rows, when, out, kinds):
        people.append(rows)
        days.append(when)
        outgoing.append(out)
        note.append(kinds)

    linked = np.flatnonzero(~np.isnan(cast.connected) & (cast.connected <= horizon))
    sent = cast.connected[linked] + rng.uniform(1 / 24, 7.0, linked.size)
    keep = (sent <= horizon) & (rng.random(linked.size) < 0.9)
    linked, sent = linked[keep], sent[keep]
    k = kind[linked]
    out = np.where(
        k == _KIND_CODE["one_way_outbound"],
        True,
        np.where(
            k == _KIND_CODE["one_way_inbound"],
            False,
            rng.random(linked.size) < np.where(k == _KIND_CODE["silent"], 0.35, 0.5),
        ),
    )
    notes = np.where(
        out,
        rng.choice(3, linked.size, p=[0.4, 0.25, 0.35]),
        rng.choice(3, linked.size, p=[0.7, 0.15, 0.15]),
    )
    notes = np.where(k == _KIND_CODE["one_way_outbound"], rng.choice(2, linked.size, p=[0.3, 0.7]), notes)
    notes = np.where(k == _KIND_CODE["one_way_inbound"], rng.choice(2, linked.size, p=[0.3, 0.7]), notes)
    add(linked, sent, out, notes)

    strangers = np.flatnonzero(kind == -2)
    out = rng.random(strangers.size) < 0.4
    out[:2] = [True, False]
    notes = np.where(
        out,
        rng.choice(3, strangers.size, p=[0.4, 0.2, 0.4]),
        rng.choice(3, strangers.size, p=[0.4, 0.5, 0.1]),
    )
    add(strangers, rng.uniform(1.0, horizon, strangers.size), out, notes)

    pitchers = np.flatnonzero((kind == _KIND_CODE["one_way_inbound"]) & np.isnan(cast.connected))
    pitchers = pitchers[(cast.first_msg[pitchers] + 5 <= horizon) & (rng.random(pitchers.size) < 0.4)]
    add(
        pitchers,
        cast.first_msg[pitchers] + rng.uniform(0.5, 5.0, pitchers.size),
        np.zeros(pitchers.size, bool),
        np.ones(pitchers.size, np.int64),
    )

    return (
        np.concatenate(people),
        np.concatenate(days),
        np.concatenate(outgoing),
        np.asarray(S.NOTE_KINDS, dtype=object)[np.concatenate(note)],
    )


def _invitation_notes(cast: _Cast, person, is_out, kinds) -> pa.Array:
    """The notes: generic ones with the first name filled in, personal ones written one by one."""
    rng = cast.rng
    reader_first = _text_array(_first_names(cast.first)).take(np.where(is_out, person, 0))
    generic = np.flatnonzero(kinds == S.NOTE_GENERIC)
    personal = np.flatnonzero(kinds == S.NOTE_PERSONAL)
    k = personal.size

    generic_text = _fill(
        _GENERIC_NOTES,
        rng.integers(0, len(_GENERIC_NOTES), generic.size),
        {"first": reader_first.take(generic)},
    )
    if cast.hard:
        sent = generic[is_out[generic]]
        template = _fill((_TEMPLATE_NOTE,), np.zeros(sent.size, np.int64), {"first": reader_first.take(sent)})
        generic_text = pc.replace_with_mask(generic_text, is_out[generic], template)
        personal_text = everyday_notes(rng, reader_first.take(personal))
    else:
        pieces = [
            _fill((part,), np.zeros(k, np.int64), {"first": reader_first.take(personal)})
            if isinstance(part, str)
            else _choose(rng, part, k)
            for part in _PERSONAL_NOTE_PARTS
        ]
        personal_text = pc.binary_join_element_wise(*pieces, _large(" "))
    return _scatter(person.size, [(generic, generic_text), (personal, personal_text)])


def _pad(rng: np.random.Generator, values: np.ndarray, share: float) -> np.ndarray:
    """Add the stray spaces real exports carry to a ``share`` of the non-empty values (at least one)."""
    out = values.copy()
    hit = (rng.random(values.size) < share) & (values != "")
    if not hit.any() and (values != "").any():  # small samples must still hold the quirk
        hit[np.flatnonzero(values != "")[0]] = True
    where = rng.integers(0, 3, values.size)
    out[hit & (where == 0)] = " " + out[hit & (where == 0)]
    out[hit & (where == 1)] = out[hit & (where == 1)] + " "
    out[hit & (where == 2)] = "  " + out[hit & (where == 2)] + " "
    return out


def _ascii_local(first: np.ndarray, last: np.ndarray) -> np.ndarray:
    text = pd.Series(first + "." + last, dtype="string").str.normalize("NFKD").str.lower()
    return text.str.replace(r"[^a-z.]+", "", regex=True).to_numpy(dtype=object)


# ================================================================ writing
def write_export(sample: SampleExport, out_dir, era: str = "2026-03") -> pathlib.Path:
    """Write ``sample`` as the files of a LinkedIn export of the given era.

    Parameters
    ----------
    sample : SampleExport
        From :func:`generate_sample`.
    out_dir : str or path-like
        Directory to write into (created if missing).  Files of the same names
        are replaced.
    era : str, default "2026-03"
        One of ``"2018-11", "2022-09", "2023-04", "2024-12", "2025-08",
        "2026-03"``: the header, quoting and date formats of that export.

    Returns
    -------
    pathlib.Path
        ``out_dir``.

    Raises
    ------
    ParameterError
        If the era is unknown, or ``out_dir`` already holds a file that differs
        from one of ours only in case, space or underscore (the export would
        become ambiguous).

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     out = write_export(generate_sample(contacts=50), tmp, era="2018-11")
    ...     print(sorted(p.name for p in out.iterdir()))
    ...     print((out / "Messages.csv").read_text(encoding="utf-8").splitlines()[0])
    ['Connections.csv', 'Invitations.csv', 'Messages.csv', 'Profile.csv']
    From,To,Date,Subject,Content,Direction,Folder
    """
    if era not in _ERA_FORMATS:
        raise ParameterError(
            "unknown export era", expected="one of " + ", ".join(ERAS), fix="pass era='2026-03'"
        )
    fmt = _ERA_FORMATS[era]
    out = pathlib.Path(out_dir)
    names = ("Connections.csv", fmt.messages_file, "Invitations.csv", "Profile.csv")
    _refuse_lookalikes(out, names)
    out.mkdir(parents=True, exist_ok=True)
    _write_csv(
        out / "Connections.csv",
        fmt.connections,
        _connection_cells(sample.connections, fmt),
        preamble=CONNECTIONS_PREAMBLE if fmt.preamble else "",
        final_newline=False,
    )
    _write_csv(
        out / fmt.messages_file,
        fmt.messages,
        _message_cells(sample, fmt),
        quote_all=fmt.quote_all_messages,
    )
    _write_csv(out / "Invitations.csv", fmt.invitations, _invitation_cells(sample, fmt))
    profile = {
        column: pa.array(sample.profile[column].to_numpy(dtype=object), pa.string()) for column in fmt.profile
    }
    _write_csv(out / "Profile.csv", fmt.profile, profile)
    return out


def write_sample(
    out_dir,
    contacts: int = 500,
    messages: int | None = None,
    seed: int = 0,
    era: str = "2026-03",
    hard_cases: bool = False,
) -> pathlib.Path:
    """Generate a synthetic export and write it, with its ground truth, to ``out_dir``.

    The ground truth goes to ``netstats_planted.csv`` next to the export files
    (the loader ignores files it does not know): one row per planted contact,
    columns :data:`netstats.schema.PLANTED_COLUMNS`.

    Parameters
    ----------
    out_dir : str or path-like
    contacts, messages, seed, hard_cases
        See :func:`generate_sample`.
    era : str, default "2026-03"
        See :func:`write_export`.

    Returns
    -------
    pathlib.Path
        ``out_dir``.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     out = write_sample(tmp, contacts=50, seed=3)
    ...     print(sorted(p.name for p in out.iterdir()))
    ['Connections.csv', 'Invitations.csv', 'Profile.csv', 'messages.csv', 'netstats_planted.csv']
    """
    if era not in _ERA_FORMATS:
        raise ParameterError(
            "unknown export era", expected="one of " + ", ".join(ERAS), fix="pass era='2026-03'"
        )
    sample = generate_sample(contacts=contacts, messages=messages, seed=seed, hard_cases=hard_cases)
    out = write_export(sample, out_dir, era=era)
    planted = sample.planted
    cells = {
        column: pa.array(
            planted[column].astype(str).to_numpy(dtype=object)
            if planted[column].dtype == bool
            else planted[column].to_numpy(dtype=object, na_value=None),
            pa.string(),
        )
        for column in S.PLANTED_COLUMNS
    }
    _write_csv(out / PLANTED_FILE, S.PLANTED_COLUMNS, cells)
    return out


def _refuse_lookalikes(out: pathlib.Path, names: tuple[str, ...]) -> None:
    if not out.is_dir():
        return

    def key(name):
        return name.casefold().replace(" ", "_")

    ours = {key(n): n for n in names}
    for existing in sorted(p.name for p in out.iterdir()):
        mine = ours.get(key(existing))
        if mine is not None and mine != existing:
            raise ParameterError(
                f"the folder already holds {existing}, which a loader would confuse with {mine}",
                file=str(out),
                expected="an empty folder, or one written for the same era",
                fix="write each era into its own folder",
            )
