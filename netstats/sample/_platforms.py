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

One module per platform writes its files from the shared world: :mod:`._world` (everyone, where
they are, the identity truth), :mod:`._identities` (their phones, addresses, names, handles),
:mod:`._meta`, :mod:`._x`, :mod:`._whatsapp`, :mod:`._addressbook`, :mod:`._mbox`, and
:mod:`._history` (the earlier export and the history truth).
"""

from __future__ import annotations

import datetime
import pathlib
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .. import schema as S
from .._errors import ParameterError
from . import _addressbook, _history, _mbox, _meta, _whatsapp, _x
from ._history import EARLIER_DIR
from ._identities import identities
from ._linkedin import SampleExport, generate_sample, write_export
from ._world import _World

__all__ = ["PlatformSample", "generate_platform_sample", "write_platform_sample"]

IDENTITY_FILE = "netstats_identity.csv"
HISTORY_FILE = "netstats_history.csv"
IDENTITY_COLUMNS = (S.PLATFORM_ID, S.PLATFORM, S.PERSON)


@dataclass(frozen=True)
class PlatformSample:
    """An invented person's network across platforms, with its identity ground truth.

    Attributes
    ----------
    linkedin : netstats.sample._linkedin.SampleExport
        The LinkedIn sample everything starts from (``data/sample`` is this
        export for the default arguments).
    earlier : netstats.sample._linkedin.SampleExport
        The same LinkedIn account exported :data:`._history.EARLIER_MONTHS` months earlier.
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

    linkedin: SampleExport
    earlier: SampleExport
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
    linkedin = generate_sample(contacts=contacts, seed=seed, end=end)
    return _build(_World(linkedin, np.random.default_rng([seed, 6])))


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
    write_export(sample.earlier, out / EARLIER_DIR, era="2026-03")
    (out / IDENTITY_FILE).write_bytes(_csv_bytes(sample.truth))
    (out / HISTORY_FILE).write_bytes(_csv_bytes(sample.history))
    return out


def _build(world: _World) -> PlatformSample:
    """Run every step in order (each draws from the one generator) and assemble the sample."""
    world.invent()
    identities(world)
    _meta.facebook(world)
    _meta.instagram(world)
    _x.x(world)
    _whatsapp.whatsapp(world)
    _addressbook.google_contacts(world)
    _addressbook.vcard(world)
    _mbox.mbox(world)
    world.record_linkedin()
    earlier, history, earlier_as_of = _history.earlier(world)
    return PlatformSample(
        linkedin=world.li,
        earlier=earlier,
        people=world.people_frame(),
        files=world.files,
        truth=world.truth_frame(),
        history=history,
        as_of=world.end,
        earlier_as_of=earlier_as_of,
    )


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
