"""Measure one export size in this process: the parse floor, every stage, the zip path, peak memory.

Run by :mod:`bench.__main__` as ``python -m bench._measure EXPORT_JSON OUT_JSON [options]``,
one process per size, so that ``ru_maxrss`` is the peak of that size alone.

Order inside the process, and why:

1. every public function is resolved (its module imported) and the whole
   pipeline runs once on a tiny export, so no stage pays for imports, plotly's
   lazy validators or first-call caches;
2. the files are read once, so every timing sees a warm page cache;
3. the stages, then the zip path; the peak RSS is read right after them;
4. the floor last, so its own allocations (pandas holds all cells as Python
   strings) never inflate the peak attributed to netstats.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pyarrow.csv as pacsv

import netstats as ns
from netstats._sample import generate_sample, write_export

from . import STAGES, ZIP_TO_SEGMENTS
from ._exports import CSV_FILES, ERA

FLOOR_REPEAT = 3
CONNECTIONS_HEADER = "First Name,"
_READ_CHUNK = 1 << 24


def peak_rss_mib() -> float:
    """Peak resident set size of this process so far, in MiB (``ru_maxrss``)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1 << 20) if sys.platform == "darwin" else peak / 1024  # bytes on macOS, KiB on Linux


def header_line(path: Path, starts_with: str = CONNECTIONS_HEADER, max_lines: int = 50) -> int:
    """0-based index of the first line that starts with ``starts_with`` (the rows before it are a preamble).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     p = pathlib.Path(tmp) / "Connections.csv"
    ...     _ = p.write_text('Notes:\\n"Some notes"\\n\\nFirst Name,Last Name\\nAda,Lovelace', encoding="utf-8")
    ...     header_line(p)
    3
    """
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for index, line in enumerate(handle):
            if line.startswith(starts_with):
                return index
            if index >= max_lines:
                break
    return 0


def best_of(run: Callable[[], object], repeat: int, cheap_seconds: float) -> tuple[float, list[float], object]:
    """Run ``run`` up to ``repeat`` times, again only while the last run took under ``cheap_seconds``.

    Returns the best time, every time, and the last result.

    Examples
    --------
    >>> best, times, result = best_of(lambda: 42, repeat=3, cheap_seconds=10.0)
    >>> len(times), result, best == min(times)
    (3, 42, True)
    >>> len(best_of(lambda: 42, repeat=3, cheap_seconds=0.0)[1])
    1
    """
    times: list[float] = []
    result = None
    while True:
        result = None  # let the previous result go before the next run allocates its own
        gc.collect()
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
        if len(times) >= repeat or times[-1] >= cheap_seconds:
            return min(times), times, result


def floor(folder: Path, repeat: int = FLOOR_REPEAT) -> dict:
    """Time pyarrow's and pandas' plain parse of the three CSV files, best of ``repeat`` per file.

    Returns ``{"pyarrow": {...}, "pandas": {...}}``, each with ``seconds`` (the
    sum of the per-file bests), ``files`` (best seconds per file) and ``rows``
    (rows parsed per file).
    """
    skip = {name: header_line(folder / name) if name == "Connections.csv" else 0 for name in CSV_FILES}
    parse = pacsv.ParseOptions(newlines_in_values=True)

    def with_pyarrow(name):
        return lambda: pacsv.read_csv(folder / name, read_options=pacsv.ReadOptions(skip_rows=skip[name]), parse_options=parse).num_rows

    def with_pandas(name):
        return lambda: len(pd.read_csv(folder / name, dtype=str, keep_default_na=False, skiprows=skip[name]))

    out = {}
    for reader, make in (("pyarrow", with_pyarrow), ("pandas", with_pandas)):
        files, rows = {}, {}
        for name in CSV_FILES:
            files[name], _, rows[name] = best_of(make(name), repeat, cheap_seconds=float("inf"))
        out[reader] = {"seconds": sum(files.values()), "files": files, "rows": rows}
    return out


def _load_average() -> list[float] | None:
    """The 1, 5 and 15 minute load averages: other work on the machine makes every timing longer."""
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except (AttributeError, OSError):
        return None


def _table_rows(export) -> dict:
    return {
        "connections": len(export.connections),
        "messages": len(export.messages),
        "invitations": len(export.invitations),
        "contacts": len(export.contacts),
        "quarantined": len(export.quarantine),
    }


def _stage_calls(folder: Path, report_path: Path, random_state: int) -> dict[str, tuple[tuple[str, ...], Callable]]:
    """Stage name -> (what it needs, function of the context returning what it makes)."""
    return {
        "load": ((), lambda c: ns.load(folder)),
        "contact_features": (("load",), lambda c: ns.contact_features(c["load"])),
        "tie_strength": (("contact_features",), lambda c: ns.tie_strength(c["contact_features"])),
        "segment_contacts": (
            ("contact_features",),
            lambda c: ns.segment_contacts(c["contact_features"], random_state=random_state),
        ),
        "growth": (("load", "contact_features"), lambda c: ns.growth(c["load"], c["contact_features"])),
        "principles": (("load", "contact_features"), lambda c: ns.principles(c["load"], c["contact_features"])),
        "write_report": (("load",), lambda c: ns.write_report(c["load"], report_path, random_state=random_state)),
    }


def _failure(error: BaseException) -> str:
    # netstats errors never quote cell values; other exceptions are named by type and message only.
    return f"{type(error).__name__}: {error}"


def warm_up(random_state: int = 0) -> None:
    """Run the whole pipeline once on a tiny export, so imports and first-call caches cost no stage."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_export(generate_sample(contacts=60, seed=1), Path(tmp) / "export", era=ERA)
        context: dict = {}
        for name, (needs, call) in _stage_calls(folder, Path(tmp) / "report.html", random_state).items():
            if all(n in context for n in needs):
                try:
                    context[name] = call(context)
                except Exception:  # the timed run meets the same failure and records it
                    continue


def measure(
    folder,
    zip_path,
    *,
    repeat: int = 3,
    cheap_seconds: float = 2.0,
    random_state: int = 0,
    progress: Callable[[str], None] | None = None,
    profile_dir=None,
) -> dict:
    """Measure one export: stages, the zip path, peak memory, then the floor.

    Parameters
    ----------
    folder, zip_path : path-like
        The unzipped export and the same export zipped.
    repeat : int, default 3
        Most runs per stage; a stage runs again only while its last run took
        under ``cheap_seconds``.
    random_state : int, default 0
        Passed to ``segment_contacts`` and ``write_report``.
    progress : callable, optional
        Called with one line per finished measurement.
    profile_dir : path-like, optional
        When given, each stage and the zip load run once more under
        pyinstrument after the timings, and ``<stage>.txt`` / ``.html``
        profiles are written there.

    Returns
    -------
    dict
        ``stages`` (per stage: ``seconds`` best, ``runs``, ``peak_rss_mib``
        after it, or ``error``), ``zip_to_segments`` (``seconds``, ``steps``),
        ``report_mb``, ``rows`` (tables loaded from the folder and the zip),
        ``peak_rss_mib``, ``floor`` and ``peak_rss_mib_with_floor``.
    """
    folder, zip_path = Path(folder), Path(zip_path)
    say = progress or (lambda text: None)
    warm_up(random_state)
    for path in [*sorted(folder.iterdir()), zip_path]:
        with path.open("rb") as handle:
            while handle.read(_READ_CHUNK):
                pass
    result: dict = {"settings": {"repeat": repeat, "cheap_seconds": cheap_seconds, "random_state": random_state},
                    "load_average": {"start": _load_average()}}

    with tempfile.TemporaryDirectory() as tmp:
        report_path = Path(tmp) / "report.html"
        calls = _stage_calls(folder, report_path, random_state)
        context: dict = {}
        stages: dict = {}
        for name in STAGES:
            needs, call = calls[name]
            missing = [n for n in needs if n not in context]
            if missing:
                stages[name] = {"error": f"skipped: {', '.join(missing)} failed"}
                say(f"{name:<18} skipped")
                continue
            try:
                best, times, made = best_of(lambda call=call: call(context), repeat, cheap_seconds)
            except Exception as error:  # a benchmark reports a broken stage and measures the rest
                stages[name] = {"error": _failure(error)}
                say(f"{name:<18} FAILED  {_failure(error)}")
                continue
            stages[name] = {"seconds": best, "runs": times, "peak_rss_mib": peak_rss_mib()}
            say(f"{name:<18} {best:8.2f} s  (best of {len(times)})")
            if name == "load":
                result["rows"] = {"folder": _table_rows(made)}
            if name == "write_report":
                result["report_mb"] = report_path.stat().st_size / 1e6
            # Keep only what a later stage reads, as a script running the pipeline would.
            later = {need for stage in STAGES[STAGES.index(name) + 1 :] for need in calls[stage][0]}
            context = {key: value for key, value in [*context.items(), (name, made)] if key in later}
            del made
        result["stages"] = stages
        del context, calls
        gc.collect()

    result[ZIP_TO_SEGMENTS] = zip_chain = _zip_to_segments(zip_path, random_state)
    if "error" in zip_chain:
        say(f"{'zip -> segments':<18} FAILED  {zip_chain['error']}")
    else:
        result.setdefault("rows", {})["zip"] = zip_chain.pop("rows")
        say(f"{'zip -> segments':<18} {zip_chain['seconds']:8.2f} s  (load from the zip {zip_chain['steps']['load']:.2f} s)")
    result["peak_rss_mib"] = peak_rss_mib()

    if profile_dir is not None:
        _profile(folder, zip_path, Path(profile_dir), random_state, say)

    result["floor"] = floor(folder)
    result["peak_rss_mib_with_floor"] = peak_rss_mib()
    result["load_average"]["end"] = _load_average()
    say(f"{'floor (pyarrow)':<18} {result['floor']['pyarrow']['seconds']:8.2f} s")
    say(f"{'floor (pandas)':<18} {result['floor']['pandas']['seconds']:8.2f} s")
    return result


def _zip_to_segments(zip_path: Path, random_state: int) -> dict:
    """Time the user's path from the downloaded zip to the segments, once, step by step."""
    gc.collect()
    steps: dict = {}
    try:
        start = time.perf_counter()
        export = ns.load(zip_path)
        steps["load"] = time.perf_counter() - start
        t = time.perf_counter()
        features = ns.contact_features(export)
        steps["contact_features"] = time.perf_counter() - t
        t = time.perf_counter()
        ns.tie_strength(features)
        steps["tie_strength"] = time.perf_counter() - t
        t = time.perf_counter()
        ns.segment_contacts(features, random_state=random_state)
        steps["segment_contacts"] = time.perf_counter() - t
        total = time.perf_counter() - start
    except Exception as error:
        return {"error": _failure(error), "steps": steps}
    return {"seconds": total, "steps": steps, "rows": _table_rows(export)}


def _profile(folder: Path, zip_path: Path, out: Path, random_state: int, say) -> None:
    try:
        from pyinstrument import Profiler
    except ImportError:
        raise SystemExit("--profile needs pyinstrument: .venv/bin/pip install pyinstrument") from None
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        calls = _stage_calls(folder, Path(tmp) / "report.html", random_state)
        calls["load_zip"] = ((), lambda c: ns.load(zip_path))
        context: dict = {}
        for name, (needs, call) in calls.items():
            if any(n not in context for n in needs):
                continue
            gc.collect()
            profiler = Profiler(interval=0.002)
            profiler.start()
            try:
                context[name] = call(context)
            except Exception as error:
                say(f"profile of {name} failed: {_failure(error)}")
                continue
            finally:
                profiler.stop()
            (out / f"{name}.txt").write_text(profiler.output_text(unicode=True, show_all=False), encoding="utf-8")
            profiler.write_html(out / f"{name}.html")
            say(f"profiled {name:<18} -> {out / (name + '.txt')}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench._measure", description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("zip", type=Path)
    parser.add_argument("out", type=Path, help="where to write the measurements (JSON)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cheap-seconds", type=float, default=2.0)
    parser.add_argument("--random-state", type=int, default=0)
    parser.add_argument("--label", default="")
    parser.add_argument("--profile-dir", type=Path)
    args = parser.parse_args(argv)

    def say(text: str) -> None:
        print(f"  [{args.label}] {text}" if args.label else f"  {text}", file=sys.stderr, flush=True)

    result = measure(
        args.folder,
        args.zip,
        repeat=args.repeat,
        cheap_seconds=args.cheap_seconds,
        random_state=args.random_state,
        progress=say,
        profile_dir=args.profile_dir,
    )
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
