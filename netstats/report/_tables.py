"""Write the cleaned tables to disk: Parquet for analysis, spreadsheet-safe CSV for people."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from .. import schema as S
from .._export import Export
from .._text import spreadsheet_safe

TABLES = ("connections", "messages", "invitations", "contacts", "ledger", "excluded", "quarantine")


def _for_csv(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    if S.RECIPIENT_IDS in out:
        joined = pc.binary_join(out[S.RECIPIENT_IDS].array._pa_array, ";")
        out[S.RECIPIENT_IDS] = pd.Series(joined.to_pandas(), index=out.index, dtype=S.STRING)
    return spreadsheet_safe(out)


def _write_parquet(frame: pd.DataFrame, path: Path) -> None:
    """Write ``frame`` so that a plain ``pd.read_parquet`` reads it back.

    pandas records a list column's dtype as ``list<item: string>[pyarrow]``,
    a name it cannot parse when reading; such columns are recorded as
    ``object`` instead (they read back as arrays of strings, or as the list
    type with ``dtype_backend="pyarrow"``).
    """
    table = pa.Table.from_pandas(frame, preserve_index=False)
    metadata = json.loads(table.schema.metadata[b"pandas"])
    for column in metadata["columns"]:
        if str(column.get("numpy_type", "")).startswith("list<"):
            column["numpy_type"] = "object"
    table = table.replace_schema_metadata({**table.schema.metadata, b"pandas": json.dumps(metadata).encode()})
    pq.write_table(table, path)


def _atomic_write(path: Path, write: Callable[[Path], None]) -> None:
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(handle)
    try:
        write(Path(temp))
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def write_tables(
    export: Export, out_dir: str | os.PathLike, progress: Callable[[str], None] | None = None
) -> list[Path]:
    """Write every table of ``export`` as ``<name>.parquet`` and ``<name>.csv`` in ``out_dir``.

    The CSV files are for spreadsheets: UTF-8 with a byte-order mark (so
    Excel shows non-ASCII names right), and a text cell a spreadsheet would
    run as a formula gets a leading ``'`` (:func:`netstats._text.spreadsheet_safe`):
    a cell whose first character is ``=``, ``+``, ``-``, ``@``, ``|``, ``%``,
    a tab, a CR, an LF or a NUL, or that starts with ``=``, ``+``, ``-`` or
    ``@`` after spaces, tabs, CRs, LFs, NULs, vertical tabs or form feeds.
    Numbers, booleans and times are never prefixed.  The Parquet files keep
    every value exactly as cleaned.  Each file is written to a temporary name
    and renamed, so a crash never leaves half a file.  netstats recognises
    these tables by their header and skips them when they sit inside an
    export it loads (``netstats clean EXPORT -o EXPORT/tables`` is safe).

    Returns
    -------
    list of pathlib.Path
        The files written, in order.

    Examples
    --------
    >>> import tempfile, netstats as ns
    >>> from netstats.report._tables import write_tables
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     paths = write_tables(ns.load("data/sample"), tmp)
    ...     sorted(p.name for p in paths)[:3]
    ['connections.csv', 'connections.parquet', 'contacts.csv']
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for name in TABLES:
        frame: pd.DataFrame = getattr(export, name)
        if progress:
            progress(f"writing {name} ({len(frame):,} rows)")
        parquet = out / f"{name}.parquet"
        _atomic_write(parquet, lambda p, f=frame: _write_parquet(f, p))
        csv = out / f"{name}.csv"
        _atomic_write(
            csv,
            lambda p, f=frame: _for_csv(f).to_csv(p, index=False, lineterminator="\n", encoding="utf-8-sig"),
        )
        written += [parquet, csv]
    return written
