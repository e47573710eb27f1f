"""The ledger every reader keeps: per source file, ``rows_read == kept + excluded + quarantined``.

A reader counts what it read and where each row went; :class:`Ledger` owns the
check that nothing was lost and its one message. An unbalanced file is a bug in
netstats, never bad input, so it raises ``AssertionError`` (it is not a
:class:`netstats.NetstatsError` a user could fix).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from .. import schema as S


class Ledger:
    """The ledger rows of one platform's files, each checked as it is written.

    Examples
    --------
    >>> ledger = Ledger("whatsapp")
    >>> ledger.add("chat.txt", "2024", rows_read=5, kept=3, excluded=1, quarantined=1)
    >>> ledger.frame()[["file", "rows_read", "kept", "excluded", "quarantined"]].values.tolist()
    [['chat.txt', 5, 3, 1, 1]]
    >>> ledger.add("other.txt", "2024", rows_read=5, kept=3, excluded=1, quarantined=0)
    ... # doctest: +NORMALIZE_WHITESPACE
    Traceback (most recent call last):
    ...
    AssertionError: netstats bug: the ledger of other.txt (whatsapp) does not balance:
        5 rows read, 3 kept + 1 excluded + 0 quarantined
    """

    def __init__(self, platform: str) -> None:
        self.platform = platform
        self._rows: list[dict] = []

    def add(
        self, file: str, era: str | None, *, rows_read: int, kept: int, excluded: int, quarantined: int
    ) -> None:
        """Write one file's row; raise when its counts do not balance."""
        counts = {
            S.ROWS_READ: int(rows_read),
            S.KEPT: int(kept),
            S.EXCLUDED: int(excluded),
            S.QUARANTINED: int(quarantined),
        }
        self._check(file, **counts)
        self._rows.append({S.PLATFORM: self.platform, S.FILE: file, S.ERA: era, **counts})

    def add_files(
        self,
        files: Sequence[str],
        eras: Sequence[str | None],
        *,
        rows_read: np.ndarray,
        kept: np.ndarray,
        excluded: np.ndarray,
        quarantined: np.ndarray,
    ) -> None:
        """Write one row per file from arrays of counts (checked at once); raise at the first unbalanced."""
        unbalanced = np.flatnonzero(
            np.asarray(rows_read) != np.asarray(kept) + np.asarray(excluded) + np.asarray(quarantined)
        )
        if len(unbalanced):
            i = unbalanced[0]
            self._check(
                files[i],
                rows_read=rows_read[i],
                kept=kept[i],
                excluded=excluded[i],
                quarantined=quarantined[i],
            )
        for i, file in enumerate(files):
            self.add(
                file,
                eras[i],
                rows_read=rows_read[i],
                kept=kept[i],
                excluded=excluded[i],
                quarantined=quarantined[i],
            )

    def frame(self, *, by_file: bool = False) -> pd.DataFrame:
        """The ledger (:data:`netstats.schema.LEDGER_COLUMNS`): a row per file, as written or by file name."""
        if not self._rows:
            return S.empty_frame(S.LEDGER_COLUMNS)
        rows = pd.DataFrame(self._rows)
        return S.conform(rows.sort_values(S.FILE, kind="stable") if by_file else rows, S.LEDGER_COLUMNS)

    def _check(self, file: str, *, rows_read: int, kept: int, excluded: int, quarantined: int) -> None:
        if rows_read != kept + excluded + quarantined:
            raise AssertionError(
                f"netstats bug: the ledger of {file} ({self.platform}) does not balance:"
                f" {rows_read} rows read,"
                f" {kept} kept + {excluded} excluded + {quarantined} quarantined"
            )
