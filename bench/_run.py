"""``python -m bench``: build (or reuse) the exports, measure each size in its own process, print, save."""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shlex
import subprocess
import sys
import tempfile
from importlib import metadata
from pathlib import Path

from . import FULL_CONTACTS, FULL_MESSAGES
from ._exports import ensure_export
from ._results import format_results, scaling, verdicts

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PACKAGES = ("netstats", "pandas", "pyarrow", "numpy", "scipy", "scikit-learn", "plotly", "jinja2")
SCHEMA_VERSION = 1


def environment() -> dict:
    """Machine, Python, package versions and git commit, for ``results.json``."""
    cpu = platform.processor()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            cpu = next(
                (line.split(":", 1)[1].strip() for line in handle if line.startswith("model name")), cpu
            )
    except OSError:
        pass
    try:
        memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        memory = None
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    packages = {}
    for name in PACKAGES:
        try:
            packages[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            packages[name] = None
    return {
        "machine": {
            "platform": platform.platform(),
            "architecture": platform.machine(),
            "cpu": cpu or None,
            "cpus": os.cpu_count(),
            "cpus_usable": usable,
            "memory_gib": None if memory is None else round(memory / (1 << 30), 1),
        },
        "python": {
            "version": platform.python_version(),
            "implementation": platform.python_implementation(),
            "executable": sys.executable,
        },
        "packages": packages,
        "git": _git(),
    }


def _git() -> dict:
    def ask(*args):
        # --no-optional-locks: read only, never touch the index of a tree others are working in
        done = subprocess.run(
            ["git", "--no-optional-locks", *args],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
        return done.stdout.strip() if done.returncode == 0 else None

    try:
        commit = ask("rev-parse", "HEAD")
        status = ask("status", "--porcelain", "--untracked-files=no")
    except (OSError, subprocess.SubprocessError):
        return {"commit": None, "dirty": None}
    return {"commit": commit, "dirty": None if status is None else bool(status)}


def measure_in_subprocess(
    export, label: str, *, repeat: int, cheap_seconds: float, random_state: int, profile_dir: Path | None
) -> dict:
    """Run :mod:`bench._measure` on one export in a fresh Python process and return its measurements."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "measured.json"
        command = [
            sys.executable,
            "-m",
            "bench._measure",
            str(export.folder),
            str(export.zip_path),
            str(out),
            "--repeat",
            str(repeat),
            "--cheap-seconds",
            str(cheap_seconds),
            "--random-state",
            str(random_state),
            "--label",
            label,
        ]
        if profile_dir is not None:
            command += ["--profile-dir", str(profile_dir)]
        done = subprocess.run(command, cwd=ROOT, check=False)
        if done.returncode != 0 or not out.is_file():
            raise SystemExit(
                f"bench: measuring the {label} export failed (exit code {done.returncode}); see above"
            )
        measured = json.loads(out.read_text(encoding="utf-8"))
    return {"export": export.as_dict(), **measured}


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="Time every netstats stage against the pyarrow parse floor, at full and half size.",
    )
    parser.add_argument(
        "--contacts", type=int, default=FULL_CONTACTS, help="contacts of the full-size export"
    )
    parser.add_argument(
        "--messages", type=int, default=FULL_MESSAGES, help="message rows of the full-size export"
    )
    parser.add_argument("--seed", type=int, default=0, help="seed of the generator")
    parser.add_argument("--no-half", action="store_true", help="measure the full size only (no scaling)")
    parser.add_argument("--repeat", type=int, default=3, help="most runs per stage (best is kept)")
    parser.add_argument(
        "--cheap-seconds",
        type=float,
        default=10.0,
        help="a stage runs again only while its last run took less than this (a shared machine is noisy: "
        "the best of three is the fairer number)",
    )
    parser.add_argument("--random-state", type=int, default=0)
    parser.add_argument("--data-dir", type=Path, default=HERE / "data", help="where the exports are cached")
    parser.add_argument(
        "--output", type=Path, default=HERE / "results.json", help="the results file to write"
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="after timing the full size, profile every stage with pyinstrument",
    )
    parser.add_argument("--profile-dir", type=Path, help="where profiles go (default DATA_DIR/profiles)")
    parser.add_argument(
        "--show", type=Path, metavar="RESULTS_JSON", help="print a saved results file and stop"
    )
    args = parser.parse_args(argv)
    if args.show is None:
        if args.contacts < 100 or args.messages < 2:
            parser.error(
                "--contacts must be at least 100 and --messages at least 2 (the half size needs 50 contacts)"
            )
        if args.repeat < 1:
            parser.error("--repeat must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; return 0 when every measurement ran (missed targets are reported, not failures)."""
    args = parse_args(argv)
    if args.show is not None:
        print(format_results(json.loads(args.show.read_text(encoding="utf-8"))), end="")
        return 0

    def say(text: str) -> None:
        print(f"bench: {text}", file=sys.stderr, flush=True)

    started = datetime.datetime.now(datetime.UTC)
    sizes = {"full": (args.contacts, args.messages)}
    if not args.no_half:
        sizes["half"] = (args.contacts // 2, args.messages // 2)
    exports = {
        label: ensure_export(args.data_dir, contacts, messages, args.seed, progress=say)
        for label, (contacts, messages) in sizes.items()
    }
    profile_dir = (args.profile_dir or args.data_dir / "profiles") if args.profile else None
    results = {
        "schema": SCHEMA_VERSION,
        "command": shlex.join(["python", "-m", "bench", *(sys.argv[1:] if argv is None else argv)]),
        "started_at": started.isoformat(timespec="seconds"),
        **environment(),
        "settings": {
            "repeat": args.repeat,
            "cheap_seconds": args.cheap_seconds,
            "seed": args.seed,
            "random_state": args.random_state,
        },
        "sizes": {},
    }
    # Smallest first: a broken stage shows up in seconds rather than after the long run.
    for label in reversed(list(sizes)):
        say(f"measuring the {label} export in a fresh process")
        results["sizes"][label] = measure_in_subprocess(
            exports[label],
            label,
            repeat=args.repeat,
            cheap_seconds=args.cheap_seconds,
            random_state=args.random_state,
            profile_dir=profile_dir if label == "full" else None,
        )
    results["sizes"] = {label: results["sizes"][label] for label in sizes}
    if "half" in results["sizes"]:
        results["scaling"] = scaling(results["sizes"]["half"], results["sizes"]["full"])
    results["verdicts"] = verdicts(results)
    results["finished_at"] = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")

    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(format_results(results), end="")
    print(f"\nresults written to {args.output}")
    if profile_dir is not None:
        print(f"profiles written to {profile_dir}")
    broken = any(
        "error" in entry
        for size in results["sizes"].values()
        for entry in [*size.get("stages", {}).values(), size.get("zip_to_segments", {})]
    )
    return 1 if broken else 0
