"""The ``netstats`` command line: ``clean``, ``report``, ``rate-sample`` and ``sample``.

Everything printed goes through :func:`netstats._text.term_text`, so a name
holding terminal escape codes cannot rewrite the user's screen.  Errors that
netstats raises on purpose print one clear line and exit with status 2; any
other exception is a bug and keeps its traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
import time
import warnings
from pathlib import Path

from ._concurrent import in_background
from ._errors import NetstatsError, OutputPathError
from ._text import term_text
from ._version import __version__


class Progress:
    """Print short progress lines with elapsed seconds to stderr (silent with ``quiet``)."""

    def __init__(self, quiet: bool = False) -> None:
        self.quiet = quiet
        self.start = time.perf_counter()

    def __call__(self, step: str) -> None:
        if not self.quiet:
            elapsed = time.perf_counter() - self.start
            print(f"netstats: [{elapsed:6.1f}s] {term_text(step)}", file=sys.stderr, flush=True)


def _load(args: argparse.Namespace, progress: Progress):
    from .combine._load import load

    progress(f"reading {', '.join(str(e) for e in args.export)}")
    return load(args.export, encoding=args.encoding, owner=args.owner or None, links=args.links)


def _nearest_existing(path: Path) -> Path:
    path = path.absolute()
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def _check_output(path: Path, *, folder: bool) -> None:
    """Refuse a wrong ``-o`` before anything is read.

    Wrong is a folder where a file is expected (or the reverse), or an unwritable place.
    """
    what = (
        "a folder to write the tables to (created when missing)"
        if folder
        else "the path of the HTML file to write"
    )
    if not folder and path.is_dir():
        raise OutputPathError(
            "-o names an existing folder",
            file=str(path),
            expected=what,
            fix=f"name a file in it, e.g. -o {path / 'report.html'}",
        )
    if folder and path.exists() and not path.is_dir():
        raise OutputPathError(
            "-o names an existing file",
            file=str(path),
            expected=what,
            fix="name a folder (a new one is created), e.g. -o tables",
        )
    if folder and path.is_dir():
        _refuse_overwriting(path, what)
    existing = _nearest_existing(path if folder else path.parent)
    if not existing.is_dir():
        raise OutputPathError(
            f"-o cannot be created: {existing} is a file, not a folder",
            file=str(path),
            expected=what,
            fix="choose a path under a folder",
        )
    if not os.access(existing, os.W_OK | os.X_OK):
        raise OutputPathError(
            f"-o is not writable: you may not write in {existing}",
            file=str(path),
            expected=what,
            fix="choose a folder you may write in",
        )


def _refuse_overwriting(folder: Path, what: str) -> None:
    """A table's CSV name already taken by a file netstats did not write (an export's connections.csv, or
    Connections.csv on a disk that ignores case) would be replaced: refuse it."""
    from .report._tables import TABLES
    from .sources._archive import SNIFF_BYTES, is_own_table

    for name in TABLES:
        target = folder / f"{name}.csv"
        if target.is_file():
            with target.open("rb") as handle:
                if is_own_table(handle.read(SNIFF_BYTES)):
                    continue
            raise OutputPathError(
                f"-o holds {target.name}, a file netstats did not write, "
                f"which the table {name}.csv would replace",
                file=str(folder),
                expected=what + ", without files of an export in it",
                fix="name another folder, e.g. -o tables inside the export",
            )


@contextlib.contextmanager
def _writing(path: Path, *, folder: bool):
    """Turn an operating-system error while writing the output into the one-line error of the CLI."""
    what = "a folder to write the tables to" if folder else "the path of the HTML file to write"
    try:
        yield
    except OSError as exc:
        if isinstance(exc, NetstatsError):
            raise
        raise OutputPathError(
            f"could not write the output ({exc.strerror or type(exc).__name__})",
            file=str(path),
            expected=what,
            fix="choose a place you may write in, with free space",
        ) from exc


def _clean(args: argparse.Namespace) -> int:
    from .report._tables import write_tables

    _check_output(args.output, folder=True)
    progress = Progress(args.quiet)
    export = _load(args, progress)
    progress("writing tables")
    with _writing(args.output, folder=True):
        written = write_tables(export, args.output, progress=progress)
    print(export.summary())
    print(f"netstats: wrote {len(written)} files to {term_text(args.output)}")
    return 0


def _report(args: argparse.Namespace) -> int:
    # The report's libraries (plotly, scikit-learn, Jinja2: about a second) are imported on another
    # thread while the export is read, much of which runs outside the GIL (about 0.5 s less on a
    # heavy export).  The readers are imported first, here, so the two threads never import at the
    # same time modules that import each other.  Should that import fail, it is done again here
    # and fails as it always did.
    from .combine._load import families

    families()
    _check_output(args.output, folder=False)
    report = in_background(importlib.import_module, "netstats.report._html")
    progress = Progress(args.quiet)
    export = _load(args, progress)
    try:
        write_report = report().write_report
    except Exception:  # the import below raises the same error, in this thread
        from .report._html import write_report
    from .analysis._calibrate import (
        CalibrationWarning,  # imported with the report's module: costs nothing now
    )

    for note in export.notes:  # files skipped unread: on the terminal too, not only in the report
        if " were skipped: " in note or " were not opened because " in note:
            print(f"netstats: note: {term_text(note)}", file=sys.stderr)
    with warnings.catch_warnings(record=True) as caught, _writing(args.output, folder=False):
        warnings.simplefilter("always", CalibrationWarning)
        path = write_report(
            export,
            args.output,
            share=args.share,
            progress=progress,
            ratings=args.ratings,
            tz=args.tz,
            lists=args.lists,
            reminders=args.reminders,
            **({"key_path": args.key} if args.key else {}),
        )
    _print_warnings(caught, CalibrationWarning)
    if export.owner_notice:  # as the report's banner says it (`clean` prints it in the summary)
        print(f"netstats: {term_text(export.owner_notice)}", file=sys.stderr)
    print(f"netstats: report written to {term_text(Path(path).resolve())}")
    return 0


def _print_warnings(caught: list[warnings.WarningMessage], ours: type[Warning]) -> None:
    """Print netstats' own warnings (``ours``) as one line each; re-issue any other."""
    for warning in caught:
        if issubclass(warning.category, ours):
            print(f"netstats: warning: {term_text(warning.message)}", file=sys.stderr)
        else:
            warnings.warn_explicit(warning.message, warning.category, warning.filename, warning.lineno)


def _rate_sample(args: argparse.Namespace) -> int:
    from .analysis._calibrate import RATING_SCALE, rating_sample
    from .analysis._features import contact_features

    progress = Progress(args.quiet)
    export = _load(args, progress)
    progress("choosing contacts to rate")
    sample = rating_sample(
        contact_features(export), n=args.contacts, random_state=args.seed, path=args.output
    )
    print(f"netstats: {len(sample)} contacts to rate written to {term_text(args.output)}")
    print(
        "Type a rating from 1 to 5 on each line: "
        + "; ".join(f"{k} {v}" for k, v in RATING_SCALE.items())
        + "."
    )
    exports = " ".join(term_text(e) for e in args.export)
    print(f"Then: netstats report {exports} --ratings {term_text(args.output)} -o report.html")
    return 0


def _sample(args: argparse.Namespace) -> int:
    from .sample._linkedin import write_sample

    progress = Progress(args.quiet)
    if args.platforms:
        from .sample._platforms import write_platform_sample

        progress(f"generating synthetic exports of other platforms ({args.contacts:,} contacts)")
        out = write_platform_sample(args.output, contacts=args.contacts, seed=args.seed)
        progress("done")
        print(f"netstats: synthetic exports of other platforms written to {term_text(out)}")
        return 0
    progress(f"generating a synthetic export ({args.contacts:,} contacts)")
    out = write_sample(
        args.output, contacts=args.contacts, messages=args.messages, seed=args.seed, era=args.era
    )
    progress("done")
    print(f"netstats: synthetic export written to {term_text(out)}")
    return 0


_EXPORTS_HELP = (
    "one or more exports: a zip as downloaded, an unzipped folder, or one file (LinkedIn, Facebook, "
    "Instagram, X, WhatsApp chat, Google Contacts CSV, vCard, mbox); two LinkedIn exports of one account "
    "give its history"
)


def _add_load_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("export", nargs="+", help=_EXPORTS_HELP)
    command.add_argument(
        "--encoding", help="decode CSV files with this encoding (e.g. cp1252 for a spreadsheet re-save)"
    )
    command.add_argument(
        "--owner",
        action="append",
        metavar="NAME_OR_ADDRESS",
        help="your name, e-mail address or phone number, for exports that do not say whose they are "
        "(WhatsApp chats, mbox), or your LinkedIn name or profile URL when netstats is unsure who owns "
        "a LinkedIn export; repeat for several",
    )
    command.add_argument(
        "--links", type=Path, help="a links.csv of identity decisions (platform_id,other_id,decision)"
    )


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``netstats`` command."""
    parser = argparse.ArgumentParser(
        prog="netstats",
        description="See the truth about your professional network: clean your LinkedIn (and other "
        "platforms') data exports, measure who you really know, and write a report.",
    )
    parser.add_argument("--version", action="version", version=f"netstats {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for add in (_add_clean, _add_report, _add_rate_sample, _add_sample):
        add(commands)
    return parser


def _add_clean(commands) -> None:
    """netstats clean: the tidy tables."""
    clean = commands.add_parser(
        "clean", help="write the tidy tables (Parquet and spreadsheet-safe CSV), ledger and quarantine"
    )
    _add_load_options(clean)
    clean.add_argument("-o", "--output", required=True, type=Path, help="folder to write the tables to")
    clean.add_argument("-q", "--quiet", action="store_true", help="no progress lines")
    clean.set_defaults(run=_clean)


def _add_report(commands) -> None:
    """netstats report: the HTML report and what it can write beside it."""
    report = commands.add_parser("report", help="write the self-contained HTML report")
    _add_load_options(report)
    report.add_argument("-o", "--output", required=True, type=Path, help="the HTML file to write")
    report.add_argument(
        "--share", action="store_true", help="pseudonymise people and companies, leave message text out"
    )
    report.add_argument(
        "--key", type=Path, help="the share-mode key file (default: in your netstats config folder)"
    )
    report.add_argument(
        "--ratings",
        type=Path,
        help="your own 1-5 ratings of some contacts (the ratings.csv of `netstats rate-sample`, filled in): "
        "tie strength then uses weights fitted to them",
    )
    report.add_argument(
        "--lists", type=Path, metavar="DIR", help="also write each review list as a CSV file in DIR"
    )
    report.add_argument(
        "--reminders",
        type=Path,
        metavar="FILE.ics",
        help="also write the reconnect list as calendar reminders, two a week from today "
        "(private report only)",
    )
    report.add_argument(
        "--tz", help="your time zone for the activity chart, e.g. Europe/Paris (default: this machine's)"
    )
    report.add_argument("-q", "--quiet", action="store_true", help="no progress lines")
    report.set_defaults(run=_report)


def _add_rate_sample(commands) -> None:
    """netstats rate-sample: contacts for the owner to rate."""
    rate = commands.add_parser(
        "rate-sample", help="write ratings.csv: about twenty contacts for you to rate 1-5"
    )
    _add_load_options(rate)
    rate.add_argument(
        "-o", "--output", required=True, type=Path, help="the ratings CSV to write (never replaced)"
    )
    rate.add_argument("-n", "--contacts", type=int, default=20, help="how many contacts to rate (default 20)")
    rate.add_argument("--seed", type=int, default=0, help="random seed of the draw (default 0)")
    rate.add_argument("-q", "--quiet", action="store_true", help="no progress lines")
    rate.set_defaults(run=_rate_sample)


def _add_sample(commands) -> None:
    """netstats sample: a synthetic export."""
    sample = commands.add_parser(
        "sample", help="write a synthetic export (for trying netstats out and for tests)"
    )
    sample.add_argument("-o", "--output", required=True, type=Path, help="folder to write the export to")
    sample.add_argument("--contacts", type=int, default=500, help="number of contacts (default 500)")
    sample.add_argument(
        "--messages",
        type=int,
        default=None,
        help="number of message rows (default: realistic for the contacts)",
    )
    sample.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    sample.add_argument(
        "--era", default="2026-03", help="export format generation to write (default 2026-03)"
    )
    sample.add_argument(
        "--platforms",
        action="store_true",
        help="write the same person's exports of other platforms (Facebook, Instagram, X, WhatsApp, "
        "address books, mbox) and an earlier LinkedIn export instead",
    )
    sample.add_argument("-q", "--quiet", action="store_true", help="no progress lines")
    sample.set_defaults(run=_sample)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except NetstatsError as exc:
        print(f"netstats: error: {term_text(exc)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("netstats: interrupted", file=sys.stderr)
        return 130
