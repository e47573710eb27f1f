"""Write the cleaned tables to disk: Parquet for analysis, spreadsheet-safe CSV for people."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import json

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from . import _schema as S
from ._export import Export
from ._text import spreadsheet_safe

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


def write_tables(export: Export, out_dir: str | os.PathLike, progress: Callable[[str], None] | None = None) -> list[Path]:
    """Write every table of ``export`` as ``<name>.parquet`` and ``<name>.csv`` in ``out_dir``.

    The CSV files neutralise cells a spreadsheet would run as formulas (a
    leading ``=``, ``+``, ``-``, ``@``, tab or CR in a text cell gets a ``'``);
    the Parquet files keep every value exactly as cleaned.  Each file is
    written to a temporary name and renamed, so a crash never leaves half a file.

    Returns
    -------
    list of pathlib.Path
        The files written, in order.

    Examples
    --------
    >>> import tempfile, netstats as ns
    >>> from netstats._outputs import write_tables
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
        _atomic_write(csv, lambda p, f=frame: _for_csv(f).to_csv(p, index=False, lineterminator="\n"))
        written += [parquet, csv]
    return written
