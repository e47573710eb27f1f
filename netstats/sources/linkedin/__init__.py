"""LinkedIn: the reader of the LinkedIn data export (all header eras since 2018).

Enters: the CSV files of the export.  Its modules, in the order data flows:

- :mod:`._files`: the names of the files LinkedIn writes; the export's date from its archive's name.
- :mod:`._csv`: each file's header found by its signature, the table read as text.
- :mod:`._rows`: what every file's cleaning shares: rows excluded by rule, records quarantined.
- :mod:`._dates`: dates of files a spreadsheet may have re-saved (day order from the file's values).
- :mod:`._connections`: Connections.csv typed (hidden profiles, repeats).
- :mod:`._invitations`: Invitations.csv typed, and the kind of each note.
- :mod:`._codes`: messages.csv's text as codes into distinct values (the vectorised tools).
- :mod:`._identity`: one person, one id: profile URLs and names, names linked to URLs.
- :mod:`._messages`: messages.csv's first pass, before the owner is known (drafts, dates, URLs).
- :mod:`._owner`: who the owner is, from every file's evidence.
- :mod:`._conversations`: messages.csv's second pass: direction, recipients, conversations, sponsored.
- :mod:`._contacts`: the people of the export, one row per person.
- :mod:`._clean`: runs the steps (:func:`._clean.read_linkedin`) and counts every row.

Leaves: LinkedIn's :class:`netstats._export.Part` with its ledger and quarantine.

The module is a reader like the others (:class:`netstats.sources._registry.Reader`):
``FAMILY``, ``claim``, ``sniff``, ``REPEATABLE`` and ``read``; it also declares
``EXPORT_RULES`` (its additions to the archive layer's rules) and
``ONE_EXPORT_AT_A_TIME``: several LinkedIn exports are snapshots of one
account, read one by one for its history, never pooled into one read.
"""

from __future__ import annotations

import os

from ..._export import Part
from .._archive import DEFAULT_LIMITS, ArchiveLimits, OpenedExport, SourceFile
from .._archive import open_export as _open_export
from ._clean import read_linkedin
from ._files import ARCHIVE_FAMILY, RULES, logical_name

FAMILY = ARCHIVE_FAMILY.name
claim = logical_name
sniff = None  # LinkedIn's files are told by their names; a single unnamed file by its header (RULES.fallback)
REPEATABLE: frozenset[str] = frozenset()
EXPORT_RULES = RULES
ONE_EXPORT_AT_A_TIME = True


def read(
    files: list[SourceFile], *, source: str, encoding: str | None = None, owner: tuple[str, ...] = ()
) -> list[Part]:
    """Read the files of one LinkedIn export into its one :class:`Part` (see :func:`._clean.read_linkedin`).

    The list given is taken over: each file leaves it once parsed, so that
    the bytes of a busy account's messages.csv are freed while the rest is
    cleaned.  The export's date is the one its files carry
    (``SourceFile.export_date``).
    """
    return [read_linkedin(files, source=source, encoding=encoding, owner=owner)]


def open_export(path: str | os.PathLike, *, limits: ArchiveLimits = DEFAULT_LIMITS) -> OpenedExport:
    """Open a path as a LinkedIn export alone: the archive layer with LinkedIn's family and wording.

    Examples
    --------
    >>> opened = open_export("data/sample")
    >>> sorted({f.logical for f in opened.files})
    ['connections', 'invitations', 'messages', 'profile']
    """
    return _open_export(path, limits=limits, families=(ARCHIVE_FAMILY,))
