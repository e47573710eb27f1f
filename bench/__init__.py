"""The netstats benchmark: every stage against the time pyarrow needs just to parse the CSV files.

``python -m bench`` (``make bench``) generates two synthetic heavy exports with
the package's own generator (:func:`netstats.sample._linkedin.generate_sample` and
:func:`netstats.sample._linkedin.write_export`, current format, every quirk present):
30,000 contacts with 1,000,000 message rows, and a half-size one.  Each is
cached under ``bench/data/`` (git-ignored) as the unzipped folder and the zip
a user downloads, and is rebuilt only when its parameters or the generator's
source change.

Each size is measured in its own process (:mod:`bench._measure`), so the peak
resident memory is that size's own:

* the *floor*: ``pyarrow.csv.read_csv`` of ``messages.csv``,
  ``Connections.csv`` (after its preamble) and ``Invitations.csv`` with
  ``newlines_in_values=True``, best of 5 per file, and ``pandas.read_csv``
  (C engine, ``dtype=str``, ``keep_default_na=False``, best of 3) for
  comparison;
* ``netstats.load`` (from the folder), ``contact_features``, ``tie_strength``,
  ``segment_contacts``, ``growth``, ``principles`` and ``write_report``, each
  the best of ``repeat`` runs when a run is cheap, one run otherwise;
* the user's real path, from the zip as downloaded to the segments
  (``load`` -> ``contact_features`` -> ``tie_strength`` -> ``segment_contacts``),
  timed end to end;
* the peak resident set size (``ru_maxrss``) after the stages.

The results are printed as tables (:func:`bench._results.format_results`) and
written to ``bench/results.json``.  It is a benchmark, not a test: nothing here
fails because a target is missed; ``tests/test_bench.py`` runs a tiny version
end to end without looking at the clock.
"""

from __future__ import annotations

# Sizes measured by default: the reference (LinkedIn caps connections at 30,000) and its half.
FULL_CONTACTS = 30_000
FULL_MESSAGES = 1_000_000

# The stages timed one by one, in pipeline order (names are the public functions).
STAGES = (
    "load",
    "contact_features",
    "tie_strength",
    "segment_contacts",
    "growth",
    "principles",
    "write_report",
)
# The user's real path, timed end to end from the zip.
ZIP_TO_SEGMENTS = "zip_to_segments"
ZIP_STEPS = ("load", "contact_features", "tie_strength", "segment_contacts")

# Targets on the reference 2-core, 24 GB machine at 30k connections and 1M messages (issue 5).
LOAD_MAX_FLOOR_RATIO = 3.0
ZIP_TO_SEGMENTS_MAX_FLOOR_RATIO = 6.0
REPORT_MAX_SECONDS = 10.0
REPORT_MAX_MB = 10.0
PEAK_RSS_MAX_GIB = 3.0
# Doubling the work may at most double the time, plus 10 %.
SCALING_MAX_RATIO = 2.2
# Stages quicker than this at full size are not judged on scaling: nobody waits for them, and the
# ratio of two timings of a few milliseconds measures the machine's noise, not the code.
SCALING_MIN_SECONDS = 0.5
