"""The bookkeeping of one platform's part: its files by kind, and what each file gave.

:class:`_Book` keeps the rows read, excluded and quarantined per file and makes
the ledger; :class:`_Gathered` is what the steps add to the part as they go.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ... import schema as S
from .._ledger import Ledger
from ._columns import _raw_text
from ._json import _File


@dataclass
class _Book:
    """Per-part bookkeeping: what each file gave, and what was excluded or quarantined."""

    platform: str
    rows: dict[str, list] = field(default_factory=dict)  # file -> [era, rows_read, kept]
    excluded: list[pd.DataFrame] = field(default_factory=list)
    quarantine: list[pd.DataFrame] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def file(self, name: str, era: str, rows_read: int) -> None:
        self.rows[name] = [era, rows_read]

    def exclude(self, files: pd.Series, lines: pd.Series, reasons: pd.Series | str) -> None:
        if len(files):
            self.excluded.append(
                pd.DataFrame(
                    {
                        S.FILE: files.to_numpy(),
                        S.LINE: lines.to_numpy(),
                        S.REASON: reasons if isinstance(reasons, str) else reasons.to_numpy(),
                    }
                )
            )

    def quarantine_items(
        self,
        name: str,
        items: list,
        positions: np.ndarray,
        reasons: list[str] | np.ndarray,
        lines: np.ndarray | None = None,
    ) -> None:
        """Quarantine ``items[positions]``, at 1-based line ``lines + 1`` (by default ``positions + 1``)."""
        if len(positions):
            self.quarantine.append(
                pd.DataFrame(
                    {
                        S.FILE: name,
                        S.LINE: (positions if lines is None else lines) + 1,
                        S.REASON: list(reasons),
                        S.RAW: [_raw_text(items[p]) for p in positions],
                    }
                )
            )

    def ledger(self, kept: dict[str, int]) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
        excluded = (
            pd.concat(self.excluded, ignore_index=True)
            if self.excluded
            else pd.DataFrame(columns=[S.FILE, S.LINE, S.REASON])
        )
        quarantine = (
            pd.concat(self.quarantine, ignore_index=True)
            if self.quarantine
            else pd.DataFrame(columns=[S.FILE, S.LINE, S.REASON, S.RAW])
        )
        n_excluded = excluded[S.FILE].value_counts()
        n_quarantined = quarantine[S.FILE].value_counts()
        books = Ledger(self.platform)
        for name, (era, rows_read) in sorted(self.rows.items()):
            books.add(
                name,
                era,
                rows_read=rows_read,
                kept=kept.get(name, 0),
                excluded=n_excluded.get(name, 0),
                quarantined=n_quarantined.get(name, 0),
            )
        ledger = books.frame()
        excluded = excluded.assign(**{S.PLATFORM: self.platform}).sort_values([S.FILE, S.LINE], kind="stable")
        quarantine = quarantine.assign(**{S.PLATFORM: self.platform}).sort_values(
            [S.FILE, S.LINE], kind="stable"
        )
        return (
            ledger,
            S.conform(excluded, S.EXCLUDED_COLUMNS) if len(excluded) else S.empty_frame(S.EXCLUDED_COLUMNS),
            S.conform(quarantine, S.QUARANTINE_COLUMNS)
            if len(quarantine)
            else S.empty_frame(S.QUARANTINE_COLUMNS),
        )


@dataclass
class _PlatformFiles:
    platform: str
    files: dict[str, list[_File]] = field(default_factory=dict)

    def of(self, *kinds: str) -> list[_File]:
        return [f for k in kinds for f in self.files.get(k, [])]


@dataclass
class _Gathered:
    """What a platform's files add to its part as they are read: kept counts, latest dates, names, notes."""

    book: _Book
    prefix: str
    kept: dict[str, int]
    latest: list[pd.Timestamp]
    names_seen: list[pd.DataFrame]
    notes: list[str]
