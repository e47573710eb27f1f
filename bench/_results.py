"""Judge the measurements against the targets and print them as tables.

Everything here is a pure function of the results dict that
:mod:`bench.__main__` writes to ``results.json``: one entry per size under
``sizes`` (what :func:`bench._measure.measure` returned plus the ``export``
description), so a saved ``results.json`` can be printed again with
``python -m bench --show bench/results.json``.
"""

from __future__ import annotations

import math

from . import (
    LOAD_MAX_FLOOR_RATIO,
    PEAK_RSS_MAX_GIB,
    REPORT_MAX_MB,
    REPORT_MAX_SECONDS,
    SCALING_MAX_RATIO,
    SCALING_MIN_SECONDS,
    STAGES,
    ZIP_TO_SEGMENTS,
    ZIP_TO_SEGMENTS_MAX_FLOOR_RATIO,
)

PASS, FAIL, ERROR = "pass", "FAIL", "error"
TOO_SHORT = "too short"  # scaling of a stage too quick to matter or to time reliably: not judged
LOAD_ZIP = "load_zip"
# Measurements compared across sizes: the floor, every stage, the zip load and the whole zip path.
SCALED = ("floor_pyarrow", *STAGES, LOAD_ZIP, ZIP_TO_SEGMENTS)
LABELS = {
    "floor_pyarrow": "floor: pyarrow.csv.read_csv",
    "floor_pandas": "floor: pandas.read_csv",
    "load": "load (folder)",
    LOAD_ZIP: "load (zip)",
    ZIP_TO_SEGMENTS: "zip -> segments",
}


def seconds_of(size: dict, name: str, cpu: bool = False, kernel: bool = False) -> float | None:
    """Wall seconds of one measurement of a size (``None`` when not measured).

    With ``cpu``, its CPU seconds; with ``kernel``, its kernel seconds.

    Examples
    --------
    >>> size = {"floor": {"pyarrow": {"seconds": 1.5}},
    ...         "stages": {"load": {"seconds": 3.0}, "growth": {"error": "x"}},
    ...         "zip_to_segments": {"seconds": 9.0, "steps": {"load": 4.0}}}
    >>> names = ("floor_pyarrow", "load", "growth", "load_zip", "zip_to_segments", "principles")
    >>> [seconds_of(size, n) for n in names]
    [1.5, 3.0, None, 4.0, 9.0, None]
    >>> seconds_of({"stages": {"load": {"seconds": 3.0, "cpu_seconds": 2.5}}}, "load", cpu=True)
    2.5
    >>> seconds_of({"stages": {"load": {"seconds": 3.0, "sys_seconds": 0.5}}}, "load", kernel=True)
    0.5
    """
    key = "sys_seconds" if kernel else "cpu_seconds" if cpu else "seconds"
    if name.startswith("floor_"):
        return size.get("floor", {}).get(name.removeprefix("floor_"), {}).get(key)
    if name == LOAD_ZIP:
        if kernel:
            return None  # the zip path's kernel time is measured for the whole path only
        return size.get(ZIP_TO_SEGMENTS, {}).get("cpu_steps" if cpu else "steps", {}).get("load")
    if name == ZIP_TO_SEGMENTS:
        return size.get(ZIP_TO_SEGMENTS, {}).get(key)
    return size.get("stages", {}).get(name, {}).get(key)


def _ratio(value: float | None, base: float | None) -> float | None:
    if value is None or not base:
        return None
    return value / base


def _verdict(value: float | None, limit: float) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ERROR
    return PASS if value <= limit else FAIL


def checks(size: dict) -> list[dict]:
    """The issue's targets, judged on one size.

    Each check has ``name``, ``value``, ``unit``, ``limit`` and ``verdict``
    (``pass``, ``FAIL`` or ``error`` when the measurement is missing).

    Examples
    --------
    >>> size = {"floor": {"pyarrow": {"seconds": 2.0}},
    ...         "stages": {"load": {"seconds": 5.0}, "write_report": {"seconds": 12.0}},
    ...         "zip_to_segments": {"seconds": 11.0, "steps": {"load": 6.0}},
    ...         "report_mb": 4.0, "peak_rss_mib": 2048.0}
    >>> [(c["name"], c["value"], c["verdict"]) for c in checks(size)]  # doctest: +NORMALIZE_WHITESPACE
    [('load', 2.5, 'pass'), ('zip_to_segments', 5.5, 'pass'), ('write_report', 12.0, 'FAIL'),
     ('report_html', 4.0, 'pass'), ('peak_memory', 2.0, 'pass')]
    """
    floor = seconds_of(size, "floor_pyarrow")
    peak = size.get("peak_rss_mib")
    measured = [
        ("load", _ratio(seconds_of(size, "load"), floor), "x floor", LOAD_MAX_FLOOR_RATIO),
        (
            ZIP_TO_SEGMENTS,
            _ratio(seconds_of(size, ZIP_TO_SEGMENTS), floor),
            "x floor",
            ZIP_TO_SEGMENTS_MAX_FLOOR_RATIO,
        ),
        ("write_report", seconds_of(size, "write_report"), "s", REPORT_MAX_SECONDS),
        ("report_html", size.get("report_mb"), "MB", REPORT_MAX_MB),
        ("peak_memory", None if peak is None else peak / 1024, "GiB", PEAK_RSS_MAX_GIB),
    ]
    return [
        {"name": name, "value": value, "unit": unit, "limit": limit, "verdict": _verdict(value, limit)}
        for name, value, unit, limit in measured
    ]


def scaling(half: dict, full: dict) -> dict:
    """Time at full size over time at half size, per measurement (target: at most 2.2).

    The verdict is on wall time, as the target says; ``cpu_ratio`` (CPU time
    of the process) shows whether a surprising ratio came from the code or
    from a busy machine.

    Examples
    --------
    >>> half = {"floor": {"pyarrow": {"seconds": 1.0}}, "stages": {"load": {"seconds": 2.0}}}
    >>> full = {"floor": {"pyarrow": {"seconds": 2.0}}, "stages": {"load": {"seconds": 5.0}}}
    >>> out = scaling(half, full)
    >>> [(out[name]["ratio"], out[name]["verdict"]) for name in ("floor_pyarrow", "load")]
    [(2.0, 'pass'), (2.5, 'FAIL')]
    >>> out["growth"]["verdict"]
    'error'
    >>> quick = scaling({"stages": {"growth": {"seconds": 0.01}}}, {"stages": {"growth": {"seconds": 0.03}}})
    >>> quick["growth"]["ratio"], quick["growth"]["verdict"]
    (3.0, 'too short')
    """
    out = {}
    for name in SCALED:
        small, large = seconds_of(half, name), seconds_of(full, name)
        small_cpu, large_cpu = seconds_of(half, name, cpu=True), seconds_of(full, name, cpu=True)
        ratio = _ratio(large, small)
        out[name] = {
            "half_seconds": small,
            "full_seconds": large,
            "ratio": ratio,
            "half_cpu_seconds": small_cpu,
            "full_cpu_seconds": large_cpu,
            "cpu_ratio": _ratio(large_cpu, small_cpu),
            "limit": SCALING_MAX_RATIO,
            "verdict": TOO_SHORT
            if large is not None and large < SCALING_MIN_SECONDS
            else _verdict(ratio, SCALING_MAX_RATIO),
        }
    return out


def verdicts(results: dict) -> dict:
    """Every target's verdict at the reference (``full``) size and for scaling, as ``{name: verdict}``.

    Examples
    --------
    >>> size = {"floor": {"pyarrow": {"seconds": 1.0}}, "stages": {"load": {"seconds": 2.0}}}
    >>> v = verdicts({"sizes": {"full": size}, "scaling": {"load": {"verdict": "FAIL"}}})
    >>> v["load"], v["write_report"], v["scaling:load"]
    ('pass', 'error', 'FAIL')
    """
    out = {c["name"]: c["verdict"] for c in checks(results["sizes"]["full"])}
    out.update(
        {f"scaling:{name}": entry["verdict"] for name, entry in (results.get("scaling") or {}).items()}
    )
    return out


def stage_rows(size: dict) -> list[tuple[str, ...]]:
    """One size's table rows, all as text.

    A row: (measurement, seconds, CPU seconds, of it kernel, x floor, target, verdict).

    Examples
    --------
    >>> size = {"floor": {"pyarrow": {"seconds": 2.0}, "pandas": {"seconds": 8.0}},
    ...         "stages": {"load": {"seconds": 5.0, "cpu_seconds": 4.5, "sys_seconds": 1.25},
    ...                    "growth": {"error": "ValueError: boom"}}}
    >>> for row in stage_rows(size)[:4]:
    ...     print(row)
    ('floor: pyarrow.csv.read_csv', '2.00', '-', '-', '1.0', '', '')
    ('floor: pandas.read_csv', '8.00', '-', '-', '4.0', '', '')
    ('load (folder)', '5.00', '4.50', '1.25', '2.5', '<= 3x floor', 'pass')
    ('contact_features', '-', '-', '-', '-', '', 'error')
    """
    floor = seconds_of(size, "floor_pyarrow")
    judged = {c["name"]: c for c in checks(size)}
    targets = {
        "load": f"<= {LOAD_MAX_FLOOR_RATIO:g}x floor",
        ZIP_TO_SEGMENTS: f"<= {ZIP_TO_SEGMENTS_MAX_FLOOR_RATIO:g}x floor",
        "write_report": f"<= {REPORT_MAX_SECONDS:g} s",
    }
    rows = []
    for name in ("floor_pyarrow", "floor_pandas", *STAGES, LOAD_ZIP, ZIP_TO_SEGMENTS):
        value = seconds_of(size, name)
        ratio = _ratio(value, floor)
        verdict = judged[name]["verdict"] if name in judged else ("" if value is not None else ERROR)
        rows.append(
            (
                LABELS.get(name, name),
                _number(value),
                _number(seconds_of(size, name, cpu=True)),
                _number(seconds_of(size, name, kernel=True)),
                "-" if ratio is None else f"{ratio:.1f}",
                targets.get(name, ""),
                verdict,
            )
        )
    report, peak = judged["report_html"], judged["peak_memory"]
    rows.append(
        (
            "report HTML (MB)",
            _number(report["value"]),
            "",
            "",
            "",
            f"<= {REPORT_MAX_MB:g} MB",
            report["verdict"],
        )
    )
    rows.append(
        (
            "peak memory (GiB)",
            _number(peak["value"]),
            "",
            "",
            "",
            f"<= {PEAK_RSS_MAX_GIB:g} GiB",
            peak["verdict"],
        )
    )
    return rows


def scaling_rows(scaled: dict) -> list[tuple[str, ...]]:
    """The scaling table's rows: (measurement, half s, full s, full/half, CPU full/half, verdict).

    Examples
    --------
    >>> scaling_rows({"load": {"half_seconds": 2.0, "full_seconds": 4.1, "ratio": 2.05, "cpu_ratio": 1.9,
    ...                        "verdict": "pass"}})
    [('load (folder)', '2.00', '4.10', '2.05', '1.90', 'pass')]
    """
    return [
        (
            LABELS.get(name, name),
            _number(e["half_seconds"]),
            _number(e["full_seconds"]),
            _number(e["ratio"]),
            _number(e.get("cpu_ratio")),
            e["verdict"],
        )
        for name, e in scaled.items()
    ]


def _number(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]], align: str) -> list[str]:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def line(row):
        return "  ".join(
            c.ljust(w) if a == "l" else c.rjust(w) for c, w, a in zip(row, widths, align, strict=True)
        ).rstrip()

    return [line(header), "  ".join("-" * w for w in widths), *map(line, rows)]


def size_title(name: str, size: dict) -> str:
    """The line above a size's table.

    Examples
    --------
    >>> size_title("full", {"export": {"contacts": 30000, "messages": 1000000,
    ...                                "csv_mb": 340.25, "zip_mb": 90.5}})
    'full: 30,000 contacts, 1,000,000 message rows, 340.2 MB of CSV (zip 90.5 MB)'
    >>> size_title("half", {"export": {"contacts": 2, "messages": 9, "csv_mb": 1, "zip_mb": 1},
    ...                     "load_average": {"start": [0.52, 1, 1], "end": [2.0, 1, 1]}})
    'half: 2 contacts, 9 message rows, 1.0 MB of CSV (zip 1.0 MB); load average 0.5 at start, 2.0 at end'
    >>> size_title("half", {"export": {"contacts": 2, "messages": 9, "csv_mb": 1, "zip_mb": 1},
    ...                     "cpu_probe_seconds": {"start": 0.061, "end": 0.102}}).split("; ")[1]
    'CPU probe 0.061 s at start, 0.102 s at end (a fixed loop: slower = busier)'
    """
    export = size.get("export", {})
    title = (
        f"{name}: {export.get('contacts', 0):,} contacts, {export.get('messages', 0):,} message rows, "
        f"{export.get('csv_mb', 0):.1f} MB of CSV (zip {export.get('zip_mb', 0):.1f} MB)"
    )
    load = size.get("load_average") or {}
    if load.get("start") and load.get("end"):
        title += f"; load average {load['start'][0]:.1f} at start, {load['end'][0]:.1f} at end"
    probe = size.get("cpu_probe_seconds") or {}
    if probe.get("start") and probe.get("end"):
        title += (
            f"; CPU probe {probe['start']:.3f} s at start, {probe['end']:.3f} s at end "
            "(a fixed loop: slower = busier)"
        )
    return title


def format_results(results: dict) -> str:
    """The tables printed at the end of a run (plain text, one table per size, then scaling)."""
    lines: list[str] = []
    for name, size in results["sizes"].items():
        lines += ["", size_title(name, size)]
        lines += _table(
            ("measurement", "seconds", "CPU s", "kernel s", "x floor", "target", "result"),
            stage_rows(size),
            "lrrrrll",
        )
        failed = [
            f"{stage}: {entry['error']}"
            for stage, entry in size.get("stages", {}).items()
            if "error" in entry
        ]
        if "error" in size.get(ZIP_TO_SEGMENTS, {}):
            failed.append(f"zip -> segments: {size[ZIP_TO_SEGMENTS]['error']}")
        lines += [f"  ! {text}" for text in failed]
    if results.get("scaling"):
        title = (
            f"scaling: full / half (target <= {SCALING_MAX_RATIO:g}; stages under "
            f"{SCALING_MIN_SECONDS:g} s at full size are too short to judge)"
        )
        lines += ["", title]
        lines += _table(
            ("measurement", "half s", "full s", "full/half", "CPU full/half", "result"),
            scaling_rows(results["scaling"]),
            "lrrrrl",
        )
    if "full" in results["sizes"]:
        missed = sorted(
            name for name, verdict in verdicts(results).items() if verdict not in (PASS, TOO_SHORT)
        )
        lines += [
            "",
            "targets at full size: "
            + ("all met" if not missed else "missed or not measured: " + ", ".join(missed)),
        ]
    return "\n".join(lines).lstrip("\n") + "\n"
