"""The self-contained HTML report: summary dict -> figures -> Jinja2 template.

:func:`report_summary` computes a plain dict (numbers, short texts, lists of
rows) that the tests check value by value.  :func:`write_report` adds the
figures (:mod:`netstats.charts`) and renders ``templates/report.html.j2``.

Safety, in the order a reader meets it:

* The template is rendered with autoescape on, for every template name.  Data
  is never marked safe: the only :class:`markupsafe.Markup` values are
  plotly.js and ``report.js`` (static code, see :func:`_trusted_script`).
  Figure specs go through ``|tojson`` into ``<script type="application/json">``
  blocks, which browsers never run.
* The page carries a Content-Security-Policy: scripts only by the sha256 of
  the two inline scripts (computed at render time), no network at all
  (``default-src 'none'``, ``connect-src 'none'``), inline styles allowed
  because plotly.js styles its SVG inline.  plotly.js runs without
  ``'unsafe-eval'`` (the browser test checks there is no CSP violation).
* plotly.js is embedded once; no URL is loaded, so the file works offline and
  tells no server that it was opened.
* Display strings lose control, zero-width and bidi characters (so a name
  cannot reorder the text after it); every value the template prints is
  HTML-escaped with ``$`` written ``&#36;`` (:func:`_html_text`); figure
  labels are escaped for plotly.
* Quarantined rows are counted, never shown: their text is a stranger's and
  private.  In share mode people and companies are pseudonymised
  (:mod:`netstats.report._share`), small company groups are merged into "Other" and
  message text is left out; where the numbers of a review list tie, rows are
  ordered by pseudonym, so the order tells nothing about the real names.

The scorecard appears once, as text in the headline (the plotly table of
:func:`netstats.charts.scorecard` is for notebooks).  Every count of people
"you have talked with" (headline, growth chart, scorecard) reads the same
``first_two_way_at`` of :func:`netstats.contact_features`; when the export
holds no connections, messages or invitations, a banner says so and the
charts that would be empty say so in their plot area.

Output is deterministic: the same export and options give the same bytes (no
clock, no random ids; plotly div ids are fixed; samples are seeded).
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
import os
import re
import tempfile
import zoneinfo
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

import pandas as pd
import plotly.io as pio
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape
from plotly.offline import get_plotlyjs

from .. import charts
from .. import schema as S
from .._errors import ParameterError
from .._export import Export
from .._text import spreadsheet_safe, term_text
from .._version import __version__
from ..analysis._calibrate import calibrate_tie_strength
from ..analysis._features import RECENT_MONTHS, contact_features, validate_as_of
from ..analysis._growth import (
    BURST_ENGAGED_SHARE,
    BURST_MIN_NEW,
    BURST_RATIO,
    BURST_WINDOW,
    ENGAGED_WITHIN_DAYS,
    growth,
)
from ..analysis._principles import (
    OVER_ZEALOUS_UNANSWERED,
    RECONNECT_MIN_STRENGTH,
    REPEATED_PITCHES,
    VOUCH_THRESHOLD,
    company_keys,
    principles,
)
from ..analysis._quality import (
    CORE_MAX_DAYS,
    CORE_MIN_TWO_WAY_MONTHS,
    DORMANT_AFTER_DAYS,
    NEW,
    NEW_WITHIN_DAYS,
    ONE_WAY_OUTBOUND,
    SILENT,
    quality_of,
)
from ._share import DEFAULT_K, OTHER, Pseudonymiser, check_k, default_key_path, load_key, share_people

Progress = Callable[[str], None]

TITLE = "Your network: quality over popularity"
REVIEW_ROWS = 10
SNIPPET_CHARS = 160
TOP_COMPANIES = 5
SHARE_STATEMENT = "pseudonymised, not anonymised"

DEFINITIONS = (
    "How the numbers are made. Talked with (both ways): you and the contact both wrote in the same "
    "conversation; sponsored messages never count. Tie strength (0-100) weighs how recent, frequent (months "
    "with a two-way exchange), balanced, deep and long-lasting the exchange is, and a personal invitation "
    f"note. Segments: core (two-way in {CORE_MIN_TWO_WAY_MONTHS}+ months of the last {RECENT_MONTHS}, "
    f"however many messages, the last within {CORE_MAX_DAYS} days), occasional (two-way, within a year), "
    f"dormant (two-way, quiet for over {DORMANT_AFTER_DAYS} days), new (connected in the last "
    f"{NEW_WITHIN_DAYS} days), one-way either way, silent (no message at all). A burst is a period that "
    f"added at least {BURST_MIN_NEW} connections and at least {BURST_RATIO:g} times the median of the "
    f"{BURST_WINDOW} periods before it, of whom fewer than {BURST_ENGAGED_SHARE:.0%} became a two-way "
    f"conversation within {ENGAGED_WITHIN_DAYS} days. Message times are stored in UTC and shown in the time "
    "zone the activity chart names; invitation times have no time zone in the export and are used as written."
)

#: Only these profile links become links in the report: LinkedIn profiles over https, nothing else.
LINKEDIN_PROFILE = re.compile(r"https://(?:[a-z]{2,3}\.)?(?:www\.)?linkedin\.com/in/[^\s/?#\"'<>\\]+")
REMINDERS_PER_WEEK = 2  # on Tuesdays and Thursdays: few enough to do them all


def report_summary(
    export,
    *,
    share: bool = False,
    key_path: str | os.PathLike | None = None,
    k: int = DEFAULT_K,
    as_of=None,
    freq: str = "MS",
    random_state: int = 0,
    tz: str | None = None,
    progress: Progress | None = None,
    ratings=None,
) -> dict:
    """Return the report's content as a plain dict (no figures).

    Parameters
    ----------
    export : netstats.Export or path-like
        A loaded export, or a path that :func:`netstats.load` reads.
    share : bool, default False
        Pseudonymise people and companies, merge companies with fewer than
        ``k`` contacts into "Other", leave out e-mails, profile links,
        positions and message text.
    key_path : path-like, optional
        The share-mode key file (default ``~/.config/netstats/share.key``,
        honouring ``XDG_CONFIG_HOME``); created on first use.
    k : int, default 11
        Smallest company group shown in share mode (at least 5).
    as_of : timestamp-like, optional
        The moment the report describes (default: the export date).
    freq : str, default "MS"
        Period of the growth series (a pandas frequency alias).
    random_state : int, default 0
        Seed of the clustering and of the sample of the "who is fading" chart.
    tz : str, optional
        The owner's time zone (an IANA name such as ``"Europe/Paris"``) for
        the activity chart; default the machine's local zone.
    progress : callable, optional
        Called with a short text before each long step.
    ratings : path-like or pandas.DataFrame, optional
        The person's own ratings of some contacts (the filled-in template of
        :func:`netstats.rating_sample`): tie strength then uses the weights
        :func:`netstats.calibrate_tie_strength` fits to them, and the report
        says so with their agreement.

    Returns
    -------
    dict
        Keys ``title``, ``version``, ``mode``, ``as_of``, ``owner``, ``source``,
        ``owner_notice`` (None, or a sentence saying how sure the owner is and how to settle it),
        ``headline``, ``missing`` (what the export holds none of, e.g.
        ``["invitations"]``), ``growth``, ``scorecard`` (each row names the
        review list that shows its contacts, if any), ``segments``,
        ``silence`` (why the headline's "never exchanged a message", the
        silent segment and a zero tie strength count different people, with
        the ``line`` that says it under the segments chart), ``review``
        (every list complete; the discretion list in the private report
        only), ``time_zone`` (None in share mode: a zone tells where its
        owner lives), ``data_quality``, ``privacy``, ``definitions`` and
        ``tie_strength_calibration`` (None without ``ratings``, else
        :meth:`TieStrengthCalibration.summary`); see the tests for the exact content.

    Examples
    --------
    >>> import tempfile, netstats as ns
    >>> from netstats.sample._linkedin import generate_sample, write_export
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     summary = report_summary(ns.load(write_export(generate_sample(contacts=60, seed=1), tmp)))
    >>> sorted(summary["headline"])
    ['connections', 'contacts', 'core', 'engaged', 'engaged_share', 'silent_connections']
    >>> [entry["id"] for entry in summary["review"]]
    ['reconnect', 'over-zealous', 'unanswered-outreach', 'introducers', 'discretion']
    """
    summary, _ = _build(
        export,
        share=share,
        key_path=key_path,
        k=k,
        as_of=as_of,
        freq=freq,
        random_state=random_state,
        tz=tz,
        progress=progress,
        with_figures=False,
        ratings=ratings,
    )
    return summary


def write_report(
    export,
    path: str | os.PathLike,
    *,
    share: bool = False,
    key_path: str | os.PathLike | None = None,
    k: int = DEFAULT_K,
    as_of=None,
    freq: str = "MS",
    random_state: int = 0,
    tz: str | None = None,
    lists: str | os.PathLike | None = None,
    reminders: str | os.PathLike | None = None,
    remind_from: date | None = None,
    progress: Progress | None = None,
    ratings=None,
) -> Path:
    """Write the self-contained HTML report and return its path.

    The parameters are those of :func:`report_summary`, plus ``path``, the
    HTML file to write (its folder is created; an existing file is replaced
    atomically, and the file is readable by its owner only).  In share mode
    the key file may not sit in the report's folder: whoever gets the report
    must not get the key.

    ``lists`` is a folder to write one spreadsheet-safe CSV per review list
    into (:func:`write_lists`); ``reminders`` an iCalendar file of the
    reconnect list, one reminder each from ``remind_from`` on (default:
    today; :func:`write_reminders`), for the private report only.

    Examples
    --------
    >>> import tempfile, netstats as ns
    >>> from netstats.sample._linkedin import generate_sample, write_export
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     ex = ns.load(write_export(generate_sample(contacts=60, seed=1), tmp))
    ...     page = write_report(ex, Path(tmp) / "report.html").read_text(encoding="utf-8")
    >>> page.startswith("<!DOCTYPE html>"), page.count("plotly.js v")
    (True, 1)
    """
    path = Path(path)
    if share and reminders is not None:
        raise ParameterError(
            "calendar reminders are made from the private report only",
            file=str(reminders),
            expected="--reminders without --share",
            fix="write the reminders with a private report, then the shared report separately",
        )
    if share:
        key_file = Path(key_path) if key_path is not None else default_key_path()
        if key_file.resolve().parent == path.resolve().parent:
            raise ParameterError(
                "the share key would sit in the same folder as the shared report",
                file=str(key_file),
                expected="a key kept apart from the reports you share",
                fix="keep the key in its default place (~/.config/netstats) or another private folder",
            )
    summary, figures = _build(
        export,
        share=share,
        key_path=key_path,
        k=k,
        as_of=as_of,
        freq=freq,
        random_state=random_state,
        tz=tz,
        progress=progress,
        with_figures=True,
        ratings=ratings,
    )
    _say(progress, "rendering the report")
    html = render_html(summary, figures)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(html)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _say(progress, f"report written ({len(html.encode('utf-8')) / 1e6:.1f} MB)")
    if lists is not None:
        written = write_lists(summary, lists)
        _say(progress, f"{len(written)} lists written to {lists}")
    if reminders is not None:
        write_reminders(summary, reminders, start=remind_from or date.today())
        _say(progress, f"reminders written to {reminders}")
    return path


def owner_time_zone(tz: str | None = None) -> str:
    """Return the IANA name of the time zone to show message times in: ``tz``, else the machine's zone.

    The machine's zone is the one ``$TZ`` names, else the one
    ``/etc/localtime`` links to; UTC when neither names a known zone.  An
    unknown ``tz`` is refused with a clear error.

    Examples
    --------
    >>> owner_time_zone("Europe/Paris")
    'Europe/Paris'
    >>> owner_time_zone("Mars/Olympus")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    netstats._errors.ParameterError: unknown time zone 'Mars/Olympus'. Expected: an IANA time zone name...
    """
    if tz is None:
        return next((name for name in _machine_time_zones() if _known_zone(name)), "UTC")
    if not _known_zone(tz):
        raise ParameterError(
            f"unknown time zone {tz!r}",
            expected="an IANA time zone name such as Europe/Paris, America/New_York or UTC",
            fix="pass --tz with a name from https://en.wikipedia.org/wiki/List_of_tz_database_time_zones",
        )
    return tz


def _known_zone(name: str) -> bool:
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return False
    return True


def _machine_time_zones() -> list[str]:
    """Names this machine's zone may have: ``$TZ``'s (a name or zoneinfo file), then ``/etc/localtime``'s."""
    names = []
    variable = os.environ.get("TZ", "").lstrip(":")
    if variable and not variable.startswith("/"):
        names.append(variable)
    for link in ([Path(variable)] if variable.startswith("/") else []) + [Path("/etc/localtime")]:
        target = str(link.resolve())
        if "zoneinfo/" in target:
            names.append(target.split("zoneinfo/", 1)[1])
    return names


LIST_COLUMNS = {
    "name": "Contact",
    "company": "Company",
    "profile": "Profile",
    "email": "E-mail",
    "why": "Why",
}


def write_lists(summary: dict, folder: str | os.PathLike) -> list[Path]:
    """Write each review list of ``summary`` as a CSV file in ``folder`` and return their paths.

    One file per list (``reconnect.csv``, ``over-zealous.csv`` ...), every row
    of the list, in the report's order; UTF-8 with a byte-order mark (so that
    Excel shows accented names) and cells a spreadsheet would run as formulas
    neutralised.  Message text is never written.  A shared report's lists
    hold its pseudonyms only.

    Examples
    --------
    >>> import tempfile
    >>> summary = {"review": [{"id": "reconnect", "rows": [{"name": "=Ann", "company": None,
    ...     "profile": "https://www.linkedin.com/in/ann", "email": None, "why": "tie strength 65"}]}]}
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     (path,) = write_lists(summary, tmp)
    ...     print(path.name, path.read_text(encoding="utf-8-sig"), end="")
    reconnect.csv Contact,Company,Profile,E-mail,Why
    '=Ann,,https://www.linkedin.com/in/ann,,tie strength 65
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for entry in summary["review"]:
        table = pd.DataFrame(
            [[row.get(key) for key in LIST_COLUMNS] for row in entry["rows"]],
            columns=list(LIST_COLUMNS.values()),
            dtype="string",
        )
        path = folder / f"{entry['id']}.csv"
        spreadsheet_safe(table).to_csv(path, index=False, encoding="utf-8-sig", lineterminator="\n")
        written.append(path)
    return written


def write_reminders(summary: dict, path: str | os.PathLike, *, start: date) -> Path:
    """Write the reconnect list as calendar reminders (iCalendar) and return the file's path.

    One all-day event per person to reconnect with, strongest tie first,
    :data:`REMINDERS_PER_WEEK` a week on Tuesdays and Thursdays from the week
    of ``start`` on (never before ``start``).  Each event holds the name, the
    company, why they are listed and the profile link: never message text.
    The file opens in any calendar (Google, Outlook, Apple).

    Examples
    --------
    >>> import tempfile, icalendar
    >>> rows = [{"name": n, "company": None, "profile": None, "email": None, "why": "tie strength 65"}
    ...         for n in ("Ann Lee", "Bo Ek", "Cy Young")]
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     ics = write_reminders({"review": [{"id": "reconnect", "rows": rows}]}, f"{tmp}/r.ics",
    ...                           start=date(2026, 3, 4)).read_bytes()
    >>> events = icalendar.Calendar.from_ical(ics).walk("VEVENT")
    >>> [(str(e["SUMMARY"]), e.decoded("DTSTART").isoformat())
    ...  for e in events]  # doctest: +NORMALIZE_WHITESPACE
    [('Reconnect with Ann Lee', '2026-03-05'), ('Reconnect with Bo Ek', '2026-03-10'),
     ('Reconnect with Cy Young', '2026-03-12')]
    """
    import icalendar

    rows = next(entry["rows"] for entry in summary["review"] if entry["id"] == "reconnect")
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//netstats {__version__}//reconnect reminders//EN")
    calendar.add("version", "2.0")
    stamp = datetime(start.year, start.month, start.day, tzinfo=zoneinfo.ZoneInfo("UTC"))
    for row, day in zip(rows, _reminder_days(start), strict=False):  # the days never end
        event = icalendar.Event()
        uid = hashlib.sha256(f"{row['name']}|{row.get('profile')}".encode()).hexdigest()[:32]
        event.add("uid", f"{uid}@netstats")
        event.add("dtstamp", stamp)
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        event.add("summary", f"Reconnect with {row['name']}")
        details = [row.get("company"), row["why"], row.get("profile")]
        event.add("description", "\n".join(d for d in details if d) + "\nA short note to catch up.")
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(calendar.to_ical())
    return path


def _reminder_days(start: date):
    """Tuesdays and Thursdays from ``start`` on, forever."""
    monday = start - timedelta(days=start.weekday())
    week = 0
    while True:
        for weekday in (1, 3)[:REMINDERS_PER_WEEK]:
            day = monday + timedelta(weeks=week, days=weekday)
            if day >= start:
                yield day
        week += 1


# ---------------------------------------------------------------- analysis
def _build(
    export, *, share, key_path, k, as_of, freq, random_state, tz, progress, with_figures, ratings=None
):
    """The report's summary and (when asked) its chart specs: measure, name the people, summarise, draw."""
    if share:
        k = check_k(k)
    tz = owner_time_zone(tz)
    m = _measure(
        export, as_of=as_of, freq=freq, random_state=random_state, progress=progress, ratings=ratings
    )
    people, row_of = _people_and_rows(m, share=share, key_path=key_path, k=k)
    review = _review(m.quality, people, row_of, m.scores, None if share else m.export.messages, m.as_of)
    summary = _summary(m, review, share=share, k=k, tz=tz)
    if not with_figures:
        return summary, []
    _say(progress, "drawing the charts")
    return summary, _figures(m, people, summary, tz=tz, random_state=random_state)


@dataclasses.dataclass(frozen=True)
class _Measures:
    """What the report is made of: the export at one moment and every measure taken of it."""

    export: Export
    as_of: pd.Timestamp
    quality: pd.DataFrame
    growth_table: pd.DataFrame
    scores: pd.DataFrame
    calibration: object | None


def _measure(export, *, as_of, freq, random_state, progress, ratings) -> _Measures:
    """Load the export if given a path, then take every measure the report shows, in flow order."""
    if not isinstance(export, Export):
        from ..combine._load import load

        _say(progress, "reading the export")
        export = load(export)
    as_of = validate_as_of(as_of, export.as_of)
    _say(progress, "measuring every contact")
    features = contact_features(export, as_of=as_of)
    _say(progress, "tie strength and segments")
    calibration = (
        None if ratings is None else calibrate_tie_strength(features, ratings, random_state=random_state)
    )
    quality = quality_of(
        features, random_state=random_state, weights=None if calibration is None else calibration.weights
    )
    _say(progress, "growth over time")
    growth_table = growth(export, quality, freq=freq, as_of=as_of)
    _say(progress, "the scorecard")
    # the scorecard's lists read tie strength with the same weights as the rest of the report
    scores = principles(
        export, quality, as_of=as_of, weights=None if calibration is None else calibration.weights
    )
    return _Measures(export, as_of, quality, growth_table, scores, calibration)


def _people_and_rows(m: _Measures, *, share: bool, key_path, k) -> tuple[pd.DataFrame, dict]:
    """The people the report names (pseudonymised in share mode) and each contact id's row name."""
    quality = m.quality
    if share:
        pseudonymiser = Pseudonymiser(load_key(key_path))
        people = share_people(quality, pseudonymiser, k)
        ids = pd.Series(quality.index.astype("string"), index=quality.index)
        pseudonyms = pseudonymiser.pseudonyms("contact", ids)
        return people, dict(zip(quality.index, pseudonyms, strict=True))  # contact id -> pseudonym
    people = quality.join(_emails(m.export.connections))
    return people, dict(zip(quality.index, quality.index, strict=True))


def _summary(m: _Measures, review: list[dict], *, share: bool, k, tz: str) -> dict:
    """The summary dict the template renders and ``report_summary`` returns; no stranger's text unescaped."""
    export, as_of, quality = m.export, m.as_of, m.quality
    owner_notice = export.owner_notice_unnamed() if share else export.owner_notice
    return {
        "title": TITLE,
        "version": __version__,
        "mode": "share" if share else "private",
        "as_of": f"{as_of:%Y-%m-%d}",
        "owner": None if share else _display(export.owner.name) or None,
        "source": None if share else _display(Path(export.source).name) or None,
        "owner_notice": _display(owner_notice) or None,
        "headline": _headline(quality),
        "missing": _missing(quality, export.invitations, as_of),
        "growth": _growth_summary(m.growth_table),
        "scorecard": _scorecard(m.scores, {entry["id"] for entry in review}),
        "segments": _segments(quality),
        "silence": _silence(quality),
        "review": review,
        "time_zone": None if share else tz,  # a zone names where its owner lives: not in a shared report
        "platforms": _platforms(export, quality, messages_up_to=export.messages[S.SENT_AT] <= as_of),
        "history": _history(export, share),
        "data_quality": _data_quality(export),
        "privacy": {
            "share": share,
            "k": k if share else None,
            "statement": SHARE_STATEMENT if share else None,
        },
        "definitions": DEFINITIONS,
        "tie_strength_calibration": None if m.calibration is None else m.calibration.summary(),
    }


def _figures(m: _Measures, people: pd.DataFrame, summary: dict, *, tz: str, random_state) -> list[dict]:
    """The charts, each with its id and caption, as plotly JSON specs for the template."""
    export, as_of = m.export, m.as_of
    messages = export.messages.loc[
        export.messages[S.SENT_AT] <= as_of, [S.SENT_AT, S.DIRECTION, S.IS_SPONSORED]
    ]
    # up to as_of, notes included: the chart refines the note kinds among them, as the scorecard does
    later = (export.invitations[S.SENT_AT] > as_of.tz_localize(None)).to_numpy(dtype=bool)
    invitations = export.invitations[~later]
    # the scorecard is shown once, as text in the headline (charts.scorecard draws it for notebooks)
    figures = [
        (
            "fig-popularity-vs-quality",
            charts.popularity_vs_quality(m.growth_table),
            "Grey: everyone you are connected to. Green: those you have actually talked with, both ways. "
            "Diamonds mark bursts: many connections added, few conversations followed.",
        ),
        (
            "fig-segments",
            charts.segment_sizes(people),
            "How your contacts split into segments. " + summary["silence"]["line"],
        ),
        (
            "fig-tie-strength",
            charts.tie_strength_distribution(people),
            "Most networks are a long tail of weak ties and a handful of strong ones.",
        ),
        (
            "fig-fading",
            charts.who_is_fading(people, random_state=random_state),
            "Each dot is a contact you have exchanged messages with. Strong ties drifting to the right are "
            "fading: those in the shaded corner are the ones worth reconnecting with.",
        ),
        (
            "fig-companies",
            charts.companies_by_tie_strength(people),
            "Where your relationships are strongest, not where most of your connections work.",
        ),
        (
            "fig-activity",
            charts.activity_heatmap(messages, tz=tz, zone_label=summary["time_zone"] or "local"),
            f"When messages are written ({summary['time_zone'] or 'local'} time).",
        ),
        (
            "fig-personal-notes",
            charts.personal_note_share(invitations),
            "Personalised invitations are the ones that get accepted and remembered.",
        ),
        ("fig-reply-times", charts.reply_times(people), "How quickly replies come, each way."),
    ]
    if len(export.platforms) > 1:
        figures.insert(
            1,
            (
                "fig-platforms",
                charts.platform_reach(people),
                "On each platform: everyone you are linked with there (grey) and those you actually talk"
                " with (green).",
            ),
        )
    return [
        {"id": fid, "caption": caption, "spec": json.loads(pio.to_json(fig))} for fid, fig, caption in figures
    ]


def _platforms(export: Export, quality: pd.DataFrame, messages_up_to: pd.Series) -> dict | None:
    """Per platform: connections, other ties, people talked with, messages; and one person across them."""
    if len(export.platforms) < 2:
        return None
    connections = export.connections
    agreed = connections[S.RELATIONSHIP].isin(S.CONNECTED_RELATIONSHIPS).to_numpy(dtype=bool)
    talked = quality[S.TALKED_ON].astype("string").fillna("")
    messages = export.messages.loc[
        messages_up_to.to_numpy(dtype=bool) & ~export.messages[S.IS_SPONSORED].to_numpy(dtype=bool)
    ]
    rows = []
    for platform in export.platforms:
        mine = connections[S.PLATFORM].eq(platform).fillna(False).to_numpy(dtype=bool)
        rows.append(
            {
                "platform": S.PLATFORM_LABELS.get(platform, platform),
                "connections": int(connections.loc[mine & agreed, S.CONTACT_ID].nunique()),
                "other_ties": int(connections.loc[mine & ~agreed, S.CONTACT_ID].nunique()),
                "talked_with": int(talked.str.contains(f"(?:^|,){platform}(?:,|$)", regex=True).sum()),
                "messages": int(messages[S.PLATFORM].eq(platform).fillna(False).sum()),
            }
        )
    links = export.links
    merged = links[links[S.MATCHED_BY].astype("string").ne("itself").fillna(False).to_numpy(dtype=bool)]
    by_key = merged.groupby(S.MATCHED_BY, observed=True).size().sort_index()
    return {
        "rows": rows,
        "multiplex": int(quality[S.IS_MULTIPLEX].fillna(False).astype(bool).sum()),
        "on_several": int(
            quality[S.PLATFORMS].astype("string").str.contains(",", regex=False).fillna(False).sum()
        ),
        "merged_by": [{"key": _display(k), "records": int(n)} for k, n in by_key.items()],
        "suggestions": int(len(export.link_suggestions)),
    }


def _history(export: Export, share: bool) -> dict | None:
    """Connections that appeared, disappeared or moved between two LinkedIn exports.

    Their names in private mode only.
    """
    history = export.history
    if history is None or not len(history):
        return None
    counts = history.groupby(S.CHANGE, observed=True, sort=False).size()
    rows = []
    if not share:
        # what moved first (disappeared, changed company or position), then the new ones
        shown = history.assign(_new=history[S.CHANGE].astype("string").eq("new").fillna(False))
        shown = shown.sort_values(["_new", S.SEEN_TO], ascending=[True, False], kind="stable")
        for row in shown.itertuples(index=False):
            rows.append(
                {
                    "name": _display(getattr(row, S.NAME)),
                    "change": _display(getattr(row, S.CHANGE)).replace("_", " "),
                    "before": _display(getattr(row, S.BEFORE)),
                    "after": _display(getattr(row, S.AFTER)),
                }
            )
    return {
        "from": f"{history[S.SEEN_FROM].min():%Y-%m-%d}",
        "to": f"{history[S.SEEN_TO].max():%Y-%m-%d}",
        "counts": [{"change": _display(k).replace("_", " "), "n": int(n)} for k, n in counts.items()],
        "rows": rows,
        "more": max(0, len(rows) - REVIEW_ROWS),  # every row is listed: the first ten, the rest a click away
    }


def _emails(connections: pd.DataFrame) -> pd.Series:
    """The e-mail address of each connection who shared one (private report only)."""
    known = connections[connections[S.CONTACT_ID].notna() & connections[S.EMAIL].notna()]
    emails = known.drop_duplicates(S.CONTACT_ID).set_index(S.CONTACT_ID)[S.EMAIL]
    emails.index = emails.index.astype("string")
    return emails.rename(S.EMAIL)


def _headline(quality: pd.DataFrame) -> dict:
    """Connected to vs actually know: "engaged" as in :func:`netstats.growth` and the scorecard."""
    connections = quality[S.IS_CONNECTION].fillna(False).to_numpy(dtype=bool)
    n_connections = int(connections.sum())
    engaged = int((connections & quality[S.FIRST_TWO_WAY_AT].notna().to_numpy(dtype=bool)).sum())
    exchanged = (quality[S.N_SENT].fillna(0) + quality[S.N_RECEIVED].fillna(0)).to_numpy(dtype="float64") > 0
    return {
        "connections": n_connections,
        "engaged": engaged,
        "engaged_share": round(engaged / n_connections, 4) if n_connections else 0.0,
        "contacts": int(len(quality)),
        "core": int(quality[S.SEGMENT].astype("string").eq("core").fillna(False).sum()),
        "silent_connections": int((connections & ~exchanged).sum()),
    }


def _missing(features: pd.DataFrame, invitations: pd.DataFrame, as_of: pd.Timestamp) -> list[str]:
    """What the export holds none of, up to ``as_of``: the report says so instead of showing empty charts."""
    exchanged = (features[S.N_SENT].to_numpy(dtype="float64") > 0) | (
        features[S.N_RECEIVED].to_numpy(dtype="float64") > 0
    )
    dated = invitations[S.SENT_AT]
    missing = {
        "connections": not features[S.IS_CONNECTION].fillna(False).any(),
        "messages exchanged with a contact": not exchanged.any(),
        "invitations": not (dated.isna() | (dated <= as_of.tz_localize(None))).any(),
    }
    return [what for what, none in missing.items() if none]


def _growth_summary(growth_table: pd.DataFrame) -> dict:
    bursts = growth_table.loc[growth_table[S.IS_BURST], S.PERIOD]
    return {
        "periods": int(len(growth_table)),
        "first_period": f"{growth_table[S.PERIOD].iloc[0]:%Y-%m-%d}" if len(growth_table) else None,
        "bursts": [f"{p:%Y-%m-%d}" for p in bursts],
        "new_in_bursts": int(growth_table.loc[growth_table[S.IS_BURST], S.NEW_CONNECTIONS].sum()),
        "undated_connections": int(growth_table.attrs.get("undated_connections", 0)),
    }


#: The review list that shows the contacts behind a principle of the scorecard.
LIST_OF_PRINCIPLE = {
    "dont_spam": "unanswered-outreach",
    "over_zealous": "over-zealous",
    "reconnect": "reconnect",
    "introductions": "introducers",
    "discretion": "discretion",
}


def _scorecard(scores: pd.DataFrame, lists: set[str]) -> list[dict]:
    """The scorecard rows; ``list`` is the id of the review list behind a row (if the report has it)."""
    rows = []
    for _, row in scores.iterrows():
        listed = LIST_OF_PRINCIPLE.get(str(row[S.PRINCIPLE]))
        rows.append(
            {
                "principle": str(row[S.PRINCIPLE]),
                "title": _display(row[S.TITLE]),
                "rating": str(row[S.RATING]),
                "verdict": _display(row[S.VERDICT]),
                "list": listed if listed in lists else None,
            }
        )
    return rows


def _segments(quality: pd.DataFrame) -> list[dict]:
    counts = quality[S.SEGMENT].astype("string").value_counts()
    return [
        {"segment": s, "label": charts.SEGMENT_LABELS[s], "contacts": int(counts.get(s, 0))}
        for s in S.SEGMENTS
    ]


def _silence(quality: pd.DataFrame) -> dict:
    """One line that reconciles three counts of quiet people: each counts a different idea.

    Examples
    --------
    >>> q = pd.DataFrame({"is_connection": [True, True, True, False, True], "n_sent": [0, 0, 0, 0, 2],
    ...     "n_received": [0, 0, 0, 0, 0],
    ...     "segment": ["silent", "silent", "new", "silent", "one_way_outbound"],
    ...     "tie_strength": [0.0, 0.0, 0.0, 2.5, 0.0]})
    >>> print(_silence(q)["line"])  # doctest: +NORMALIZE_WHITESPACE
    3 connections never exchanged a message with you: 2 are silent and 1 is new (connected in the last 60
    days, too early to judge). The silent segment also counts 1 person you are not connected to. A tie
    strength of 0 (4 contacts) means no two-way exchange and no invitation note: it also counts
    people who wrote, or were written to, without an answer.
    """
    connection = quality[S.IS_CONNECTION].fillna(False).to_numpy(dtype=bool)
    exchanged = (quality[S.N_SENT].fillna(0) + quality[S.N_RECEIVED].fillna(0)).to_numpy(dtype="float64") > 0
    segment = quality[S.SEGMENT].astype("string")
    silent = segment.eq(SILENT).fillna(False).to_numpy(dtype=bool)
    new = segment.eq(NEW).fillna(False).to_numpy(dtype=bool)
    never = connection & ~exchanged
    counts = {
        "never_messaged_connections": int(never.sum()),
        "of_them_silent": int((never & silent).sum()),
        "of_them_new": int((never & new).sum()),
        "silent": int(silent.sum()),
        "silent_group_only": int((silent & connection & exchanged).sum()),
        "silent_not_connected": int((silent & ~connection).sum()),
        "zero_tie_strength": int((quality[S.TIE_STRENGTH].to_numpy(dtype="float64") <= 0).sum()),
    }
    line = (
        f"{counts['never_messaged_connections']:,} connections never exchanged a message with you: "
        f"{counts['of_them_silent']:,} {'is' if counts['of_them_silent'] == 1 else 'are'} silent and "
        f"{counts['of_them_new']:,} {'is' if counts['of_them_new'] == 1 else 'are'} new "
        f"(connected in the last {NEW_WITHIN_DAYS} days, too early to judge)."
    )
    if counts["silent_group_only"]:
        n = counts["silent_group_only"]
        line += (
            f" The silent segment also counts {_people(n)} connected to you who only exchanged group posts."
        )
    if counts["silent_not_connected"]:
        n = counts["silent_not_connected"]
        line += f" The silent segment also counts {_people(n)} you are not connected to."
    line += (
        f" A tie strength of 0 ({counts['zero_tie_strength']:,} contacts) means no two-way exchange and no"
        " invitation note: it also counts people who wrote, or were written to, without an answer."
    )
    return {**counts, "line": line}


def _people(n: int) -> str:
    return f"{n:,} {'person' if n == 1 else 'people'}"


def _review(
    quality: pd.DataFrame,
    people: pd.DataFrame,
    row_of: dict,
    scores: pd.DataFrame,
    messages: pd.DataFrame | None,
    as_of: pd.Timestamp,
) -> list[dict]:
    """The review lists, each complete and ordered by what matters most.

    ``quality`` (private) chooses who is listed; ``people`` (the private or
    the shared table) says how they are shown, found through ``row_of``
    (contact id -> row label).  Ties are broken by that label, never by the
    real contact id: in share mode the order would otherwise tell the
    alphabetical order of people's profile names.  ``messages`` is None in
    share mode: no snippets, no contact details, and no discretion list
    (who confided in the owner is never shared).  The template shows the
    first :data:`REVIEW_ROWS` rows of each list and the rest (``more``)
    a click away.
    """
    listed = scores.set_index(S.PRINCIPLE)[S.CONTACTS]
    reconnect = _ordered(listed.get("reconnect", []), quality, (S.TIE_STRENGTH,), row_of)
    zealous = _ordered(
        listed.get("over_zealous", []), quality, (S.UNANSWERED_INBOUND, S.N_PITCH_MESSAGES), row_of
    )
    one_way = quality.index[quality[S.SEGMENT].astype("string").eq(ONE_WAY_OUTBOUND).fillna(False).to_numpy()]
    outreach = _ordered(one_way, quality, (S.N_SENT, S.TIE_STRENGTH), row_of)
    intro = _introducers(quality, people, row_of)
    private = messages is not None
    shown = _Shown(people, row_of, private, _last_inbound_text(messages, zealous, as_of) if private else {})
    review_list = shown.review_list

    lists = [
        review_list(
            "reconnect",
            "Worth reconnecting with",
            f"Strong ties (tie strength {RECONNECT_MIN_STRENGTH:.0f} or more) that have been quiet for over "
            "a year, strongest first. A short note to catch up is worth more than a new connection.",
            reconnect,
            lambda r: f"tie strength {r[S.TIE_STRENGTH]:.0f}; last message {_ago(r[S.DAYS_SINCE_LAST])}",
        ),
        review_list(
            "over-zealous",
            "Over-zealous contacts",
            f"People who sent you {OVER_ZEALOUS_UNANSWERED} or more messages you have not answered, or "
            f"pitched you {REPEATED_PITCHES} or more times, the most insistent first. You can tell them, "
            "unfollow them, or remove the connection.",
            zealous,
            _zealous_why,
            with_snippet=True,
        ),
        review_list(
            "unanswered-outreach",
            "Unanswered outreach",
            "People you wrote to who never wrote back, those you wrote to most first. Another message is "
            "unlikely to help: don't spam.",
            outreach,
            lambda r: (
                f"{_count(r[S.N_SENT], 'message')} from you, none back; last {_ago(r[S.DAYS_SINCE_LAST])}"
            ),
        ),
        review_list(
            "introducers",
            "Who could introduce you",
            f"At the {TOP_COMPANIES} companies where most of your contacts work, the person you know best. "
            f"Tie strength {VOUCH_THRESHOLD:.0f} or more means they know you well enough to vouch for you; "
            "only vouch for people you know as well.",
            intro,
            lambda r: (
                f"tie strength {r[S.TIE_STRENGTH]:.0f}; "
                + (
                    "can vouch for you"
                    if r[S.TIE_STRENGTH] >= VOUCH_THRESHOLD
                    else "not close enough yet to vouch"
                )
            ),
        ),
    ]
    if private:
        confided = _ordered(listed.get("discretion", []), quality, (S.TIE_STRENGTH,), row_of)
        lists.append(_discretion_list(shown, confided))
    return lists


def _discretion_list(shown: _Shown, confided: list) -> dict:
    """Who confided in the owner: the private report's list, never the shared one's."""
    return shown.review_list(
        "discretion",
        "Told you something in confidence",
        "People who wrote you something sensitive in a private message (this list is never in a "
        "shared report). Never tag them publicly or mention it in a post.",
        confided,
        lambda r: (
            "confided: " + (_display(r.get(S.CONFIDED_TOPICS)).replace(";", ",") or "a sensitive topic")
        ),
    )


@dataclasses.dataclass(frozen=True)
class _Shown:
    """How a listed contact is shown: their row of ``people`` (found through ``row_of``), and what only a
    private report holds (profile, e-mail, the snippet of their last message)."""

    people: pd.DataFrame
    row_of: dict
    private: bool
    snippets: dict

    def review_list(self, list_id, title, explanation, ids, why, with_snippet=False) -> dict:
        """One review list: every row (the template shows the first ``REVIEW_ROWS``), and how many more."""
        return {
            "id": list_id,
            "title": title,
            "explanation": explanation,
            "rows": [self._row(contact_id, why, with_snippet) for contact_id in ids],
            "more": max(0, len(ids) - REVIEW_ROWS),
        }

    def _row(self, contact_id, why, with_snippet: bool) -> dict:
        row = self.people.loc[self.row_of[contact_id]]
        profile = _display(row.get(S.PROFILE_URL)) if self.private else ""
        return {
            "name": _display(row.get(S.NAME)) or _display(row.name),
            "company": _display(row.get(S.COMPANY)) or None,
            "profile": profile or None,
            "link": profile if LINKEDIN_PROFILE.fullmatch(profile) else None,
            "email": (_display(row.get(S.EMAIL)) or None) if self.private else None,
            "why": why(row),
            "snippet": self.snippets.get(contact_id) if with_snippet else None,
        }


def _ordered(ids, quality: pd.DataFrame, columns: tuple[str, ...], row_of: dict) -> list:
    """``ids`` sorted by ``columns`` of ``quality`` (largest first), then by how each row is shown."""
    ids = list(dict.fromkeys(str(i) for i in ids))
    if not ids:
        return []
    keys = quality.loc[ids, list(columns)].astype("float64").fillna(0.0).reset_index(drop=True)
    keys["label"] = [str(row_of[i]) for i in ids]
    order = keys.sort_values([*columns, "label"], ascending=[False] * len(columns) + [True], kind="stable")
    return [ids[i] for i in order.index]


def _introducers(quality: pd.DataFrame, people: pd.DataFrame, row_of: dict) -> list:
    """The strongest tie (if any exchange happened) at each company with the most contacts.

    Companies are compared as :func:`netstats.introducers` compares them.  In
    share mode only companies shown under a pseudonym count, never "Other",
    and ties between companies of one size are broken by the pseudonym.
    """
    keys = company_keys(quality[S.COMPANY])
    shown = people[S.COMPANY].reindex(quality.index.map(row_of)) if S.COMPANY in people.columns else None
    if shown is not None:
        keys = keys.where(shown.ne(OTHER).fillna(False).to_numpy())
    known = keys.notna().to_numpy(dtype=bool)
    if not known.any():
        return []
    companies = pd.DataFrame(
        {
            "key": keys[known].to_numpy(),
            # how the company is shown: its pseudonym in share mode, its key otherwise
            "label": (shown[known].to_numpy() if shown is not None else keys[known].to_numpy()),
        }
    )
    sizes = companies.groupby("key").agg(size=("label", "size"), label=("label", "min"))
    top = sizes.sort_values(["size", "label"], ascending=[False, True], kind="stable").index[:TOP_COMPANIES]
    out = []
    for key in top:
        here = quality.index[keys.eq(key).fillna(False).to_numpy()]
        best = _ordered(here, quality, (S.TIE_STRENGTH,), row_of)[:1]
        out.extend(i for i in best if quality.loc[i, S.TIE_STRENGTH] > 0)
    return out


def _zealous_why(row: pd.Series) -> str:
    parts = []
    if row[S.UNANSWERED_INBOUND] > 0:
        parts.append(f"{_count(row[S.UNANSWERED_INBOUND], 'message')} since you last wrote")
    if row[S.N_PITCH_MESSAGES] > 0:
        parts.append(f"{_count(row[S.N_PITCH_MESSAGES], 'template pitch', 'template pitches')}")
    return "; ".join(parts)


def _last_inbound_text(messages: pd.DataFrame, ids: pd.Index, as_of: pd.Timestamp) -> dict:
    """The last message each of ``ids`` wrote, shortened, for the private report only."""
    if not len(ids):
        return {}
    received = messages[
        messages[S.SENDER_ID].isin(list(ids))
        & messages[S.DIRECTION].astype("string").eq(S.RECEIVED).fillna(False)
        & ~messages[S.IS_SPONSORED].astype(bool)
        & (messages[S.SENT_AT] <= as_of)
        & messages[S.CONTENT].notna()
    ]
    last = received.sort_values([S.SENDER_ID, S.SENT_AT, S.SOURCE_LINE], kind="stable").drop_duplicates(
        S.SENDER_ID, keep="last"
    )
    out = {}
    for sender, text in zip(last[S.SENDER_ID], last[S.CONTENT], strict=True):
        text = " ".join(_display(text).split())
        out[sender] = text if len(text) <= SNIPPET_CHARS else text[: SNIPPET_CHARS - 1] + "\u2026"
    return out


def _count(n: float, word: str, plural: str | None = None) -> str:
    """'1 message', '3 messages', '1,204 template pitches'.

    Examples
    --------
    >>> _count(1, "message"), _count(3.0, "message"), _count(2, "template pitch", "template pitches")
    ('1 message', '3 messages', '2 template pitches')
    """
    n = int(n)
    return f"{n:,} {word if n == 1 else plural or word + 's'}"


def _ago(days: float) -> str:
    """'today', '1 day ago', '12 days ago', '5 months ago', '3 years ago' ('never' when there was no message).

    Examples
    --------
    >>> [_ago(d) for d in (0.4, 1.5, 59.9, 60, 729, 730, float("nan"))]
    ['today', '1 day ago', '59 days ago', '2 months ago', '24 months ago', '2 years ago', 'never']
    """
    if pd.isna(days):
        return "never"
    days = int(days)
    if days < 1:
        return "today"
    if days < 60:
        return f"{_count(days, 'day')} ago"
    if days < 730:
        return f"{days // 30} months ago"
    return f"{days // 365} years ago"


def _data_quality(export: Export) -> dict:
    ledger = export.ledger.sort_values(S.FILE, kind="stable")

    def counts(frame: pd.DataFrame) -> list[dict]:
        if frame.empty:
            return []
        grouped = frame.groupby([S.FILE, S.REASON], observed=True, sort=True).size()
        return [{"file": _display(f), "reason": _display(r), "rows": int(n)} for (f, r), n in grouped.items()]

    return {
        "ledger": [
            {
                "file": _display(row[S.FILE]),
                "era": _display(row[S.ERA]),
                **{c: int(row[c]) for c in (S.ROWS_READ, S.KEPT, S.EXCLUDED, S.QUARANTINED)},
            }
            for _, row in _ledger_rows(ledger).iterrows()
        ],
        "excluded": counts(export.excluded),
        "quarantined": counts(export.quarantine),
        "notes": [_display(n) for n in export.notes],
    }


LEDGER_FILES_SHOWN = 12  # a platform with more files (one per Messenger thread ...) is summed per format


def _ledger_rows(ledger: pd.DataFrame) -> pd.DataFrame:
    """The ledger, with the files of a platform that has many summed per format generation."""
    counts = ledger.groupby(S.PLATFORM, observed=True)[S.FILE].transform("size")
    many = (counts > LEDGER_FILES_SHOWN).to_numpy(dtype=bool)
    if not many.any():
        return ledger
    numbers = [S.ROWS_READ, S.KEPT, S.EXCLUDED, S.QUARANTINED]
    summed = ledger[many].groupby([S.PLATFORM, S.ERA], observed=True, sort=True)
    totals = summed[numbers].sum().reset_index()
    files = summed.size().to_numpy()
    labels = totals[S.PLATFORM].map(lambda p: S.PLATFORM_LABELS.get(p, p))
    totals[S.FILE] = [f"{label}: {n:,} files" for label, n in zip(labels, files, strict=True)]
    return pd.concat([ledger[~many], totals[ledger.columns]], ignore_index=True)


def _display(value: object) -> str:
    """A display copy of a data string: controls become U+FFFD, zero-width and bidi characters go.

    HTML escaping is the template's job (autoescape).
    """
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    return term_text(value)


def _say(progress: Progress | None, step: str) -> None:
    if progress is not None:
        progress(step)


# ---------------------------------------------------------------- rendering
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("netstats.report", "templates"),
        autoescape=select_autoescape(default_for_string=True, default=True),
        finalize=_html_text,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )


def _html_text(value: object) -> object:
    """Every ``{{ value }}`` of the template: HTML-escaped, with ``$`` as ``&#36;`` (never typeset as TeX).

    Values already marked safe (plotly.js, report.js and ``|tojson`` output,
    whose data strings :func:`netstats._text.plotly_text` escaped) pass
    unchanged.  A page that loads MathJax (a notebook embedding the report,
    a viewer) would otherwise typeset a stranger's ``$...$``.

    Examples
    --------
    >>> _html_text('<b>Raised $2M</b>')
    Markup('&lt;b&gt;Raised &#36;2M&lt;/b&gt;')
    """
    if isinstance(value, Markup):
        return value
    return Markup(str(escape(value)).replace("$", "&#36;"))


def _trusted_script(code: str) -> Markup:
    """Mark static script code (plotly.js, report.js) safe; never call this on data."""
    if "</script" in code.lower() or "<!--" in code:
        raise RuntimeError("static script contains a sequence that would end or confuse its <script> element")
    return Markup(code)


def _sha256(code: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode("ascii") + "'"


def content_security_policy(scripts: list[str]) -> str:
    """Return the report's CSP: only ``scripts`` (by hash) may run, and nothing may be fetched.

    Examples
    --------
    >>> content_security_policy(["alert(1)"]).split("; ")[:2]
    ["default-src 'none'", "script-src 'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"]
    """
    return "; ".join(
        [
            "default-src 'none'",
            "script-src " + " ".join(_sha256(code) for code in scripts),
            "style-src 'unsafe-inline'",
            "img-src data: blob:",
            "font-src data:",
            "connect-src 'none'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )


def render_html(summary: dict, figures: list[dict]) -> str:
    """Render the summary and figure specs into the report's HTML text."""
    env = _environment()
    plotly_js = get_plotlyjs()
    report_js = env.get_template("report.js.j2").render()
    html = env.get_template("report.html.j2").render(
        summary=summary,
        figures=figures,
        figure_config=charts.FIGURE_CONFIG,
        review_rows_shown=REVIEW_ROWS,
        csp=content_security_policy([plotly_js, report_js]),
        plotly_js=_trusted_script(plotly_js),
        report_js=_trusted_script(report_js),
    )
    expected_scripts = 3 + len(figures)  # plotly.js, report.js, the config and one spec per figure
    if html.count("<script") != expected_scripts:
        raise RuntimeError("the rendered report holds an unexpected <script> element; refusing to write it")
    return html
