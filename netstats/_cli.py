"""The ``netstats`` command line: ``clean``, ``report`` and ``sample``.

Everything printed goes through :func:`netstats._text.term_text`, so a name
holding terminal escape codes cannot rewrite the user's screen.  Errors that
netstats raises on purpose print one clear line and exit with status 2; any
other exception is a bug and keeps its traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
from pathlib import Path

from . import __version__
from ._concurrent import in_background
from ._errors import NetstatsError
from ._text import term_text


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
    from ._combine import load

    progress(f"reading {', '.join(str(e) for e in args.export)}")
    return load(args.export, encoding=args.encoding, owner=args.owner or None, links=args.links)


def _clean(args: argparse.Namespace) -> int:
    from ._outputs import write_tables

    progress = Progress(args.quiet)
    export = _load(args, progress)
    progress("writing tables")
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
    from ._combine import families

    families()
    report = in_background(importlib.import_module, "netstats._report")
    progress = Progress(args.quiet)
    export = _load(args, progress)
    try:
        write_report = report().write_report
    except Exception:  # noqa: BLE001 - the import below raises the same error, in this thread
        from ._report import write_report
    path = write_report(
        export, args.output, share=args.share, progress=progress, tz=args.tz, lists=args.lists,
        reminders=args.reminders, **({"key_path": args.key} if args.key else {}),
    )
    print(f"netstats: report written to {term_text(Path(path).resolve())}")
    return 0


def _sample(args: argparse.Namespace) -> int:
    from ._sample import write_sample

    progress = Progress(args.quiet)
    if args.platforms:
        from ._sample_platforms import write_platform_sample

        progress(f"generating synthetic exports of other platforms ({args.contacts:,} contacts)")
        out = write_platform_sample(args.output, contacts=args.contacts, seed=args.seed)
        progress("done")
        print(f"netstats: synthetic exports of other platforms written to {term_text(out)}")
        return 0
    progress(f"generating a synthetic export ({args.contacts:,} contacts)")
    out = write_sample(args.output, contacts=args.contacts, messages=args.messages, seed=args.seed, era=args.era)
    progress("done")
    print(f"netstats: synthetic export written to {term_text(out)}")
    return 0


_EXPORTS_HELP = (
    "one or more exports: a zip as downloaded, an unzipped folder, or one file (LinkedIn, Facebook, Instagram, "
    "X, WhatsApp chat, Google Contacts CSV, vCard, mbox); two LinkedIn exports of one account give its history"
)


def _add_load_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("export", nargs="+", help=_EXPORTS_HELP)
    command.add_argument("--encoding", help="decode CSV files with this encoding (e.g. cp1252 for a spreadsheet re-save)")
    command.add_argument(
        "--owner",
        action="append",
        metavar="NAME_OR_ADDRESS",
        help="your name, e-mail address or phone number, for exports that do not say whose they are "
        "(WhatsApp chats, mbox); repeat for several",
    )
    command.add_argument("--links", type=Path, help="a links.csv of identity decisions (platform_id,other_id,decision)")


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``netstats`` command."""
    parser = argparse.ArgumentParser(
        prog="netstats",
        description="See the truth about your professional network: clean your LinkedIn (and other "
        "platforms') data exports, measure who you really know, and write a report.",
    )
    parser.add_argument("--version", action="version", version=f"netstats {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    clean = commands.add_parser("clean", help="write the tidy tables (Parquet and spreadsheet-safe CSV), ledger and quarantine")
    _add_load_options(clean)
    clean.add_argument("-o", "--output", required=True, type=Path, help="folder to write the tables to")
    clean.add_argument("-q", "--quiet", action="store_true", help="no progress lines")
    clean.set_defaults(run=_clean)

    report = commands.add_parser("report", help="write the self-contained HTML report")
    _add_load_options(report)
    report.add_argument("-o", "--output", required=True, type=Path, help="the HTML file to write")
    report.add_argument("--share", action="store_true", help="pseudonymise people and companies, leave message text out")
    report.add_argument("--key", type=Path, help="the share-mode key file (default: in your netstats config folder)")
    report.add_argument(
        "--lists", type=Path, metavar="DIR", help="also write each review list as a CSV file in DIR"
    )
    report.add_argument(
        "--reminders", type=Path, metavar="FILE.ics",
        help="also write the reconnect list as calendar reminders, two a week from today (private report only)",
    )
    report.add_argument(
        "--tz", help="your time zone for the activity chart, e.g. Europe/Paris (default: this machine's)"
    )
    report.add_argument("-q", "--quiet", action="store_true", help="no progress lines")
    report.set_defaults(run=_report)

    sample = commands.add_parser("sample", help="write a synthetic export (for trying netstats out and for tests)")
    sample.add_argument("-o", "--output", required=True, type=Path, help="folder to write the export to")
    sample.add_argument("--contacts", type=int, default=500, help="number of contacts (default 500)")
    sample.add_argument("--messages", type=int, default=None, help="number of message rows (default: realistic for the contacts)")
    sample.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    sample.add_argument("--era", default="2026-03", help="export format generation to write (default 2026-03)")
    sample.add_argument(
        "--platforms",
        action="store_true",
        help="write the same person's exports of other platforms (Facebook, Instagram, X, WhatsApp, "
        "address books, mbox) and an earlier LinkedIn export instead",
    )
    sample.add_argument("-q", "--quiet", action="store_true", help="no progress lines")
    sample.set_defaults(run=_sample)
    return parser


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
