"""The readers netstats knows, registered explicitly (not found by strings): LinkedIn first, then five.

Every reader is a module that satisfies :class:`Reader`: it declares the files
it claims (``FAMILY``, ``claim(path)`` from the member's path, ``sniff(head)``
from its first bytes or None, the ``REPEATABLE`` kinds) and reads them with
``read(files, *, source, encoding=None, owner=()) -> list[Part]``.  It also
declares ``EXPORT_RULES`` (:class:`netstats.sources._archive.ExportRules`: core
files, the export's date, the wording of errors; ``ExportRules()`` adds none)
and ``ONE_EXPORT_AT_A_TIME`` (False: the files of every path are pooled into one
read; LinkedIn's exports are snapshots of one account, read one by one).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from .._export import Part
from . import _addressbook, _mbox, _whatsapp, _x, linkedin, meta
from ._archive import ExportRules, Family, SourceFile


class Reader(Protocol):
    """What every reader module declares (a module satisfies a Protocol by its names, PEP 544)."""

    FAMILY: str
    REPEATABLE: frozenset[str]
    EXPORT_RULES: ExportRules
    ONE_EXPORT_AT_A_TIME: bool
    sniff: Callable[[bytes], str | None] | None

    def claim(self, path: str) -> str | None: ...

    def read(
        self,
        files: list[SourceFile],
        *,
        source: str,
        encoding: str | None = ...,
        owner: tuple[str, ...] = ...,
    ) -> list[Part]: ...


READERS: tuple[Reader, ...] = (
    linkedin,
    meta,
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
    return tuple(Family(r.FAMILY, r.claim, r.sniff, frozenset(r.REPEATABLE), r.EXPORT_RULES) for r in READERS)


def readers_by_family() -> dict[str, Reader]:
    """The reader of each family, by family name.

    Examples
    --------
    >>> list(readers_by_family())
    ['linkedin', 'meta', 'x', 'whatsapp', 'address_book', 'mbox']
    """
    return {reader.FAMILY: reader for reader in READERS}
