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
import functools
import gc
import json
import os
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd
import pyarrow.csv as pacsv

import netstats as ns
from netstats.sample._linkedin import generate_sample, write_export

from . import STAGES, ZIP_TO_SEGMENTS
from ._exports import CSV_FILES, ERA

# Runs per file, best kept: pyarrow is quick and, being multi-threaded, the noisier on a busy machine.
FLOOR_REPEAT = {"pyarrow": 5, "pandas": 3}
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
    ...     text = 'Notes:\\n"Some notes"\\n\\nFirst Name,Last Name\\nAda,Lovelace'
    ...     _ = p.write_text(text, encoding="utf-8")
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


class Timing(NamedTuple):
    """What :func:`best_of` measured.

    The best wall time, every run's, the best run's CPU and kernel time, and the result.
    """

    seconds: float
    runs: list[float]
    cpu_seconds: float
    result: object
    sys_seconds: float = 0.0


def kernel_seconds() -> float:
    """CPU time this process has spent in the kernel so far (all threads): mostly page faults here.

    Part of ``time.process_time()``.  Memory a process touches for the first
    time costs kernel time; pyarrow's allocator keeps freed memory for its
    next read, while numpy and pandas return theirs, so a stage that
    allocates a lot pays it again on every run.
    """
    return resource.getrusage(resource.RUSAGE_SELF).ru_stime


def best_of(run: Callable[[], object], repeat: int, cheap_seconds: float) -> Timing:
    """Run ``run`` up to ``repeat`` times, again only while the last run took under ``cheap_seconds``.

    Wall time is what the targets are about.  The CPU time of the process (all
    its threads) is kept too: on a busy machine wall time grows while CPU time
    does not, and a multi-threaded reader uses more CPU than wall time.  So
    is the part of it spent in the kernel (:func:`kernel_seconds`).

    Examples
    --------
    >>> timing = best_of(lambda: 42, repeat=3, cheap_seconds=10.0)
    >>> len(timing.runs), timing.result, timing.seconds == min(timing.runs)
    (3, 42, True)
    >>> len(best_of(lambda: 42, repeat=3, cheap_seconds=0.0).runs)
    1
    """
    runs: list[float] = []
    cpu: list[float] = []
    kernel: list[float] = []
    result = None
    while True:
        result = None  # let the previous result go before the next run allocates its own
        gc.collect()
        start, start_cpu, start_kernel = time.perf_counter(), time.process_time(), kernel_seconds()
        result = run()
        runs.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
        kernel.append(kernel_seconds() - start_kernel)
        if len(runs) >= repeat or runs[-1] >= cheap_seconds:
            best = int(np.argmin(runs))
            return Timing(runs[best], runs, cpu[best], result, kernel[best])


def floor(folder: Path, repeat: dict | None = None) -> dict:
    """Time pyarrow's and pandas' plain parse of the three CSV files, best of ``repeat[reader]`` per file.

    Returns ``{"pyarrow": {...}, "pandas": {...}}``, each with ``seconds`` (the
    sum of the per-file bests), ``cpu_seconds`` and ``sys_seconds`` (the CPU
    and kernel time of those runs), ``files`` (best seconds per file), ``rows``
    (rows parsed per file) and ``runs`` (runs per file).
    """
    repeat = repeat or FLOOR_REPEAT
    skip = {name: header_line(folder / name) if name == "Connections.csv" else 0 for name in CSV_FILES}
    parse = pacsv.ParseOptions(newlines_in_values=True)

    def with_pyarrow(name):
        return lambda: (
            pacsv.read_csv(
                folder / name, read_options=pacsv.ReadOptions(skip_rows=skip[name]), parse_options=parse
            ).num_rows
        )

    def with_pandas(name):
        return lambda: len(pd.read_csv(folder / name, dtype=str, keep_default_na=False, skiprows=skip[name]))

    out = {}
    for reader, make in (("pyarrow", with_pyarrow), ("pandas", with_pandas)):
        files, cpu, kernel, rows = {}, {}, {}, {}
        for name in CSV_FILES:
            timing = best_of(make(name), repeat[reader], cheap_seconds=float("inf"))
            files[name], cpu[name], rows[name] = timing.seconds, timing.cpu_seconds, timing.result
            kernel[name] = timing.sys_seconds
        out[reader] = {
            "seconds": sum(files.values()),
            "cpu_seconds": sum(cpu.values()),
            "sys_seconds": sum(kernel.values()),
            "files": files,
            "rows": rows,
            "runs": repeat[reader],
        }
    return out


def _load_average() -> list[float] | None:
    """The 1, 5 and 15 minute load averages: other work on the machine makes every timing longer."""
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except (AttributeError, OSError):
        return None


def cpu_probe() -> float:
    """Seconds a fixed pure-Python loop takes, best of three.

    On a shared machine the same code runs slower at busy times (by up to
    about 1.8 times on the reference machine, with a load average near 1):
    the probe, taken before and after a size is measured, tells a reader
    which kind of moment the numbers come from.

    >>> 0 < cpu_probe() < 60
    True
    """
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        total = 0
        for i in range(1_000_000):
            total += i
        best = min(best, time.perf_counter() - start)
    return round(best, 4)


def _table_rows(export) -> dict:
    return {
        "connections": len(export.connections),
        "messages": len(export.messages),
        "invitations": len(export.invitations),
        "contacts": len(export.contacts),
        "quarantined": len(export.quarantine),
    }


def _stage_calls(
    folder: Path, report_path: Path, random_state: int
) -> dict[str, tuple[tuple[str, ...], Callable]]:
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
        "principles": (
            ("load", "contact_features"),
            lambda c: ns.principles(c["load"], c["contact_features"]),
        ),
        "write_report": (
            ("load",),
            lambda c: ns.write_report(c["load"], report_path, random_state=random_state),
        ),
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
    cheap_seconds: float = 10.0,
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
        Most runs per stage (the best is kept).
    cheap_seconds : float, default 10.0
        A stage runs again only while its last run took less than this, so
        slow stages run once.
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
    result: dict = {
        "settings": {"repeat": repeat, "cheap_seconds": cheap_seconds, "random_state": random_state},
        "load_average": {"start": _load_average()},
        "cpu_probe_seconds": {"start": cpu_probe()},
    }

    result["stages"] = _time_stages(folder, result, random_state, repeat, cheap_seconds, say)
    gc.collect()

    result[ZIP_TO_SEGMENTS] = zip_chain = _zip_to_segments(zip_path, random_state, repeat)
    if "error" in zip_chain:
        say(f"{'zip -> segments':<18} FAILED  {zip_chain['error']}")
    else:
        result.setdefault("rows", {})["zip"] = zip_chain.pop("rows")
        seconds, from_zip = zip_chain["seconds"], zip_chain["steps"]["load"]
        say(
            f"{'zip -> segments':<18} {seconds:8.2f} s  "
            f"(best of {len(zip_chain['runs'])}; load from the zip {from_zip:.2f} s)"
        )
    result["peak_rss_mib"] = peak_rss_mib()

    if profile_dir is not None:
        _profile(folder, zip_path, Path(profile_dir), random_state, say)

    result["floor"] = floor(folder)
    result["peak_rss_mib_with_floor"] = peak_rss_mib()
    result["load_average"]["end"] = _load_average()
    result["cpu_probe_seconds"]["end"] = cpu_probe()
    say(f"{'floor (pyarrow)':<18} {result['floor']['pyarrow']['seconds']:8.2f} s")
    say(f"{'floor (pandas)':<18} {result['floor']['pandas']['seconds']:8.2f} s")
    return result


def _time_stages(
    folder: Path, result: dict, random_state: int, repeat: int, cheap_seconds: float, say
) -> dict:
    """Time every stage on the folder in flow order, each fed what the stages before it made.

    ``result`` gains ``rows`` (tables loaded) and ``report_mb``; a stage that fails is recorded, and the
    stages needing what it makes are skipped.
    """
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
                timing = best_of(functools.partial(call, context), repeat, cheap_seconds)
            except Exception as error:  # a benchmark reports a broken stage, measures the rest
                stages[name] = {"error": _failure(error)}
                say(f"{name:<18} FAILED  {_failure(error)}")
                continue
            made = timing.result
            stages[name] = {
                "seconds": timing.seconds,
                "cpu_seconds": timing.cpu_seconds,
                "sys_seconds": timing.sys_seconds,
                "runs": timing.runs,
                "peak_rss_mib": peak_rss_mib(),
            }
            say(
                f"{name:<18} {timing.seconds:8.2f} s  "
                f"(best of {len(timing.runs)}; CPU {timing.cpu_seconds:.2f} s, "
                f"of it kernel {timing.sys_seconds:.2f} s)"
            )
            del timing
            if name == "load":
                result["rows"] = {"folder": _table_rows(made)}
            if name == "write_report":
                result["report_mb"] = report_path.stat().st_size / 1e6
            # Keep only what a later stage reads, as a script running the pipeline would.
            later = {need for stage in STAGES[STAGES.index(name) + 1 :] for need in calls[stage][0]}
            context = {key: value for key, value in [*context.items(), (name, made)] if key in later}
            del made
        del context, calls
        return stages


def _zip_to_segments(zip_path: Path, random_state: int, repeat: int = 1) -> dict:
    """Time the user's path from the downloaded zip to the segments, step by step: best of ``repeat`` runs."""
    runs = []
    for _ in range(max(repeat, 1)):
        run = _zip_to_segments_once(zip_path, random_state)
        if "error" in run:
            return run
        runs.append(run)
    best = min(runs, key=lambda run: run["seconds"])
    return {**best, "runs": [run["seconds"] for run in runs]}


def _zip_to_segments_once(zip_path: Path, random_state: int) -> dict:
    steps = {
        "load": lambda c: ns.load(zip_path),
        "contact_features": lambda c: ns.contact_features(c["load"]),
        "tie_strength": lambda c: ns.tie_strength(c["contact_features"]),
        "segment_contacts": lambda c: ns.segment_contacts(c["contact_features"], random_state=random_state),
    }
    seconds: dict = {}
    cpu: dict = {}
    context: dict = {}
    gc.collect()
    start_kernel = kernel_seconds()
    try:
        for name, step in steps.items():
            start, start_cpu = time.perf_counter(), time.process_time()
            context[name] = step(context)
            seconds[name] = time.perf_counter() - start
            cpu[name] = time.process_time() - start_cpu
    except Exception as error:  # reported in the results like a failed stage
        return {"error": _failure(error), "steps": seconds}
    return {
        "seconds": sum(seconds.values()),
        "cpu_seconds": sum(cpu.values()),
        "sys_seconds": kernel_seconds() - start_kernel,
        "steps": seconds,
        "cpu_steps": cpu,
        "rows": _table_rows(context["load"]),
    }


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
            except Exception as error:  # the timed run already recorded it
                say(f"profile of {name} failed: {_failure(error)}")
                continue
            finally:
                profiler.stop()
            (out / f"{name}.txt").write_text(
                profiler.output_text(unicode=True, show_all=False), encoding="utf-8"
            )
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
