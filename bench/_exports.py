"""Heavy synthetic exports for the benchmark, generated once and cached.

An export is cached in ``<data_dir>/c<contacts>-m<messages>-s<seed>/`` as the
unzipped folder and the zip a user downloads, both named like LinkedIn's
(``Complete_LinkedInDataExport_MM-DD-YYYY``), so the loader reads the same
export date from either.  A stamp file written last records the parameters and
the SHA-256 of the generator's source: a cache is reused only when the stamp
matches and every file still has its recorded size, otherwise it is rebuilt in
a temporary folder and swapped in whole.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import netstats
from netstats.sample import _linkedin as _sample
from netstats.sample._linkedin import generate_sample, write_export

STAMP = "bench-export.json"
ERA = "2026-03"
CSV_FILES = ("messages.csv", "Connections.csv", "Invitations.csv")

Progress = Callable[[str], None]


@dataclass(frozen=True)
class BenchExport:
    """One cached benchmark export.

    Attributes
    ----------
    folder : pathlib.Path
        The unzipped export.
    zip_path : pathlib.Path
        The same files zipped at the archive's root, as LinkedIn sends them.
    contacts, messages, seed : int
        The generator's parameters (``messages`` counts rows of messages.csv).
    file_bytes : dict
        Size in bytes of every file of the folder, by name.
    zip_bytes : int
        Size of the zip.
    generated_seconds, zipped_seconds : float
        How long generating (and writing) the files and zipping them took when
        the cache was built.
    """

    folder: Path
    zip_path: Path
    contacts: int
    messages: int
    seed: int
    file_bytes: dict
    zip_bytes: int
    generated_seconds: float
    zipped_seconds: float

    def as_dict(self) -> dict:
        """The export's description for ``results.json`` (paths as strings)."""
        return {
            "folder": str(self.folder),
            "zip": str(self.zip_path),
            "contacts": self.contacts,
            "messages": self.messages,
            "seed": self.seed,
            "era": ERA,
            "file_bytes": dict(self.file_bytes),
            "csv_mb": round(sum(self.file_bytes[name] for name in CSV_FILES) / 1e6, 3),
            "zip_mb": round(self.zip_bytes / 1e6, 3),
            "generated_seconds": self.generated_seconds,
            "zipped_seconds": self.zipped_seconds,
        }


def generator_fingerprint() -> str:
    """SHA-256 of the generator's source (every module of ``netstats.sample``) and the netstats version.

    A cache built by other code is stale.

    Examples
    --------
    >>> len(generator_fingerprint())
    64
    """
    digest = hashlib.sha256()
    for module in sorted(Path(_sample.__file__).parent.glob("*.py")):  # the generator spans sample/
        digest.update(module.name.encode() + b"\0" + module.read_bytes())
    digest.update(netstats.__version__.encode())
    return digest.hexdigest()


def cache_name(contacts: int, messages: int, seed: int) -> str:
    """The cache folder's name for one set of generator parameters.

    Examples
    --------
    >>> cache_name(30000, 1000000, 0)
    'c30000-m1000000-s0'
    """
    return f"c{contacts}-m{messages}-s{seed}"


def ensure_export(
    data_dir, contacts: int, messages: int, seed: int = 0, progress: Progress | None = None
) -> BenchExport:
    """Return the cached export for these parameters, generating and zipping it first if needed.

    Parameters
    ----------
    data_dir : str or path-like
        Folder holding the caches (created if missing).
    contacts, messages, seed : int
        Passed to :func:`netstats.sample._linkedin.generate_sample`.
    progress : callable, optional
        Called with a short text before each long step.

    Returns
    -------
    BenchExport
    """
    data_dir = Path(data_dir)
    home = data_dir / cache_name(contacts, messages, seed)
    wanted = {
        "contacts": contacts,
        "messages": messages,
        "seed": seed,
        "era": ERA,
        "generator": generator_fingerprint(),
    }
    cached = _read_stamp(home, wanted)
    if cached is not None:
        return cached
    if progress:
        progress(f"generating the export: {contacts:,} contacts, {messages:,} messages (cached in {home})")
    data_dir.mkdir(parents=True, exist_ok=True)
    building = data_dir / f".{home.name}.building-{os.getpid()}"
    shutil.rmtree(building, ignore_errors=True)
    try:
        start = time.perf_counter()
        sample = generate_sample(contacts=contacts, messages=messages, seed=seed)
        stem = f"Complete_LinkedInDataExport_{sample.as_of:%m-%d-%Y}"
        write_export(sample, building / stem, era=ERA)
        del sample
        generated = time.perf_counter() - start
        if progress:
            progress(f"  written in {generated:.1f} s; zipping it")
        start = time.perf_counter()
        _zip_folder(building / stem, building / f"{stem}.zip")
        zipped = time.perf_counter() - start
        stamp = dict(
            wanted,
            stem=stem,
            file_bytes={p.name: p.stat().st_size for p in sorted((building / stem).iterdir())},
            zip_bytes=(building / f"{stem}.zip").stat().st_size,
            generated_seconds=round(generated, 3),
            zipped_seconds=round(zipped, 3),
        )
        (building / STAMP).write_text(json.dumps(stamp, indent=2) + "\n", encoding="utf-8")
        shutil.rmtree(home, ignore_errors=True)
        building.rename(home)
    finally:
        shutil.rmtree(building, ignore_errors=True)
    built = _read_stamp(home, wanted)
    if built is None:  # pragma: no cover - only if another process raced us and lost the files
        raise RuntimeError(f"the benchmark export in {home} vanished while it was being built; run again")
    return built


def _zip_folder(folder: Path, zip_path: Path) -> None:
    with zipfile.ZipFile(zip_path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for path in sorted(folder.iterdir()):
            archive.write(path, arcname=path.name)


def _read_stamp(home: Path, wanted: dict) -> BenchExport | None:
    try:
        stamp = json.loads((home / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(stamp, dict) or any(stamp.get(key) != value for key, value in wanted.items()):
        return None
    folder = home / str(stamp.get("stem", ""))
    zip_path = home / f"{stamp.get('stem', '')}.zip"
    file_bytes = stamp.get("file_bytes") or {}
    sizes_match = all(
        (folder / name).is_file() and (folder / name).stat().st_size == size
        for name, size in file_bytes.items()
    )
    if not sizes_match or not all(name in file_bytes for name in CSV_FILES):
        return None
    if not zip_path.is_file() or zip_path.stat().st_size != stamp.get("zip_bytes"):
        return None
    return BenchExport(
        folder=folder,
        zip_path=zip_path,
        contacts=stamp["contacts"],
        messages=stamp["messages"],
        seed=stamp["seed"],
        file_bytes=dict(file_bytes),
        zip_bytes=stamp["zip_bytes"],
        generated_seconds=stamp["generated_seconds"],
        zipped_seconds=stamp["zipped_seconds"],
    )
