"""One Ledger for every reader: it owns the balance check and its one message."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import netstats
from netstats import schema as S
from netstats.sources._ledger import Ledger

PACKAGE = Path(netstats.__file__).parent


def test_rows_are_kept_in_the_order_written_or_by_file():
    ledger = Ledger(S.X)
    ledger.add("b.js", "2024", rows_read=3, kept=2, excluded=1, quarantined=0)
    ledger.add("a.js", None, rows_read=0, kept=0, excluded=0, quarantined=0)
    assert ledger.frame()[S.FILE].tolist() == ["b.js", "a.js"]
    by_file = ledger.frame(by_file=True)
    assert by_file.astype(object).where(by_file.notna(), None).values.tolist() == [
        ["x", "a.js", None, 0, 0, 0, 0],
        ["x", "b.js", "2024", 3, 2, 1, 0],
    ]
    assert list(by_file.columns) == list(S.LEDGER_COLUMNS)
    assert by_file.dtypes.astype(str).tolist() == [str(S.DTYPES[c]) for c in S.LEDGER_COLUMNS]


def test_an_empty_ledger_has_the_schema_columns():
    assert Ledger(S.WHATSAPP).frame().equals(S.empty_frame(S.LEDGER_COLUMNS))


def test_arrays_of_counts_name_the_first_file_that_does_not_balance():
    ledger = Ledger(S.WHATSAPP)
    with pytest.raises(AssertionError) as caught:
        ledger.add_files(
            ["one.txt", "two.txt", "three.txt"],
            ["2024", "2024", "2024"],
            rows_read=np.array([4, 5, 6]),
            kept=np.array([4, 3, 3]),
            excluded=np.array([0, 1, 1]),
            quarantined=np.array([0, 0, 0]),
        )
    assert str(caught.value) == (
        "netstats bug: the ledger of two.txt (whatsapp) does not balance: 5 rows read, 3 kept + 1 excluded + 0 quarantined"
    )
    assert ledger.frame().empty  # nothing is written when one file does not balance


def test_the_balance_is_checked_in_one_place():
    """No reader keeps its own check: the message lives in sources/_ledger.py alone."""
    holders = sorted(
        str(path.relative_to(PACKAGE)) for path in PACKAGE.rglob("*.py") if "does not balance" in path.read_text(encoding="utf-8")
    )
    assert holders == ["sources/_ledger.py"]
    readers = ["sources/linkedin/_clean.py", "sources/meta/_book.py", "sources/_x.py", "sources/_whatsapp.py", "sources/_addressbook.py", "sources/_mbox.py"]
    assert [r for r in readers if "Ledger(" not in (PACKAGE / r).read_text(encoding="utf-8")] == []
