"""The readers netstats knows, registered by name (not found by strings): LinkedIn first, then five.

Each reader declares the files it claims: a :class:`netstats.sources._archive.Family`
(``claim(path)`` from the member's path, ``sniff(head)`` from its first bytes,
the kinds that may repeat).  LinkedIn's family lives in ``_archive`` (the archive
layer was LinkedIn's first) and its reader, :func:`netstats.sources.linkedin._clean.read_linkedin`,
reads all of its files at once.  Every other reader is a module with ``FAMILY``,
``claim``, ``sniff``, ``REPEATABLE`` and ``read(files, *, source, encoding, owner) -> list[Part]``.
"""

from __future__ import annotations

from types import ModuleType

from . import _addressbook, _mbox, _meta, _whatsapp, _x
from ._archive import LINKEDIN_FAMILY, Family

READERS: tuple[ModuleType, ...] = (
    _meta,
    _x,
    _whatsapp,
    _addressbook,
    _mbox,
)  # in the order files are claimed


def families() -> tuple[Family, ...]:
    """The export families netstats reads, LinkedIn first.

    Examples
    --------
    >>> [f.name for f in families()]
    ['linkedin', 'meta', 'x', 'whatsapp', 'address_book', 'mbox']
    """
    return (LINKEDIN_FAMILY,) + tuple(
        Family(r.FAMILY, r.claim, r.sniff, frozenset(r.REPEATABLE)) for r in READERS
    )


def readers_by_family() -> dict[str, ModuleType]:
    """The reader of each family but LinkedIn's, by family name.

    Examples
    --------
    >>> list(readers_by_family())
    ['meta', 'x', 'whatsapp', 'address_book', 'mbox']
    """
    return {reader.FAMILY: reader for reader in READERS}
