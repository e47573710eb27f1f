"""Figure factories: a tidy frame in, a :class:`plotly.graph_objects.Figure` out.

Rules every factory follows:

* Pure: no ``.show()``, no change to ``plotly.io.templates`` or any other
  global; each figure carries its own small template.
* Every string that comes from the data (names, companies, labels) goes
  through :func:`netstats._text.plotly_text`, because plotly renders some
  HTML tags and typesets ``$...$``.  Data reaches hover labels through
  ``customdata`` and a fixed ``hovertemplate``, never by pasting it into the
  template.
* A figure holds only what it shows: bars and heatmaps are aggregated before
  plotting, and the "who is fading" chart carries only the name, company,
  segment, tie strength and days since the last message it displays.  Render
  with ``config=FIGURE_CONFIG`` (no MathJax).
* Phone-friendly: legends sit below the plot, titles are short, category
  labels are short enough not to be cut at 360 px.
* One colour per segment, the same in every figure (:data:`SEGMENT_COLOURS`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from . import schema as S
from ._text import plotly_text, plotly_texts
from .analysis._features import refined_note_kinds
from .analysis._principles import RECONNECT_MIN_STRENGTH
from .analysis._quality import DORMANT_AFTER_DAYS

# Okabe-Ito colours: distinguishable with the common colour-vision deficiencies.
SEGMENT_COLOURS: dict[str, str] = {
    "core": "#009E73",
    "occasional": "#56B4E9",
    "new": "#0072B2",
    "dormant": "#E69F00",
    "one_way_inbound": "#CC79A7",
    "one_way_outbound": "#D55E00",
    "silent": "#B0B0B0",
}
SEGMENT_LABELS: dict[str, str] = {
    "core": "Core",
    "occasional": "Occasional",
    "new": "New",
    "dormant": "Dormant",
    "one_way_inbound": "One-way: they write",
    "one_way_outbound": "One-way: you write",
    "silent": "Silent",
}
UNKNOWN_COLOUR = "#606060"
POPULARITY_COLOUR = "#B0B0B0"
QUALITY_COLOUR = "#009E73"
BURST_COLOUR = "#D55E00"

#: Pass to ``Plotly.newPlot`` / ``fig.to_html``: no TeX typesetting (``$`` in data stays text), no
#: logo, and no "Share chart..." button: plotly.js 4 shows one by default that uploads the figure,
#: names included, to Plotly Cloud.
FIGURE_CONFIG = {
    "typesetMath": False,
    "displaylogo": False,
    "responsive": True,
    "showSendToCloud": False,
    "plotlyServerURL": "",
    "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d"],
}

#: The "who is fading" chart draws at most this many points (a random sample above it).
MAP_MAX_POINTS = 3000
RECONNECT_ZONE_COLOUR = "rgba(230, 159, 0, 0.12)"

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# short labels: seven categories side by side must fit a phone's width unrotated
REPLY_BUCKETS = (
    (1.0, "0-1 h"),
    (4.0, "1-4 h"),
    (24.0, "4-24 h"),
    (72.0, "1-3 d"),
    (168.0, "3-7 d"),
    (672.0, "1-4 wk"),
    (np.inf, "4+ wk"),
)


def segment_label(segment: object) -> str:
    """Return the human label of a segment (escaped for plotly when it is not one of ours).

    Examples
    --------
    >>> segment_label("one_way_inbound"), segment_label("<b>x</b>")
    ('One-way: they write', '&lt;b&gt;x&lt;/b&gt;')
    """
    return SEGMENT_LABELS.get(str(segment), plotly_text(segment))


def popularity_vs_quality(growth_table: pd.DataFrame) -> go.Figure:
    """The headline chart: connections made (popularity) against contacts you talk with (quality).

    Parameters
    ----------
    growth_table : pandas.DataFrame
        Output of :func:`netstats.growth`.

    Examples
    --------
    >>> g = pd.DataFrame({"period": pd.to_datetime(["2024-01-01", "2024-02-01"]),
    ...                   "new_connections": [3, 12], "total_connections": [3, 15],
    ...                   "engaged_contacts": [1, 2], "engaged_share": [1 / 3, 2 / 15],
    ...                   "new_with_personal_note": [1, 0], "new_engaged_within_90_days": [1, 0],
    ...                   "is_burst": [False, True]})
    >>> [trace.name for trace in popularity_vs_quality(g).data]  # doctest: +NORMALIZE_WHITESPACE
    ['Connections (popularity)', 'Contacts you have talked with (quality)',
     'Burst: many added, few conversations']
    """
    g = growth_table
    periods = g[S.PERIOD]
    fig = _figure(
        "Popularity vs quality",
        "Connections made over time, and how many of them you have actually talked with both ways",
        xaxis={"title": {"text": "Period"}},
        yaxis={"title": {"text": "Contacts"}, "rangemode": "tozero"},
        hovermode="x unified",
    )
    fig.add_trace(
        go.Scatter(
            x=periods,
            y=g[S.TOTAL_CONNECTIONS],
            name="Connections (popularity)",
            mode="lines",
            line={"color": POPULARITY_COLOUR, "width": 3},
            hovertemplate="%{y:,} connections<extra></extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=periods,
            y=g[S.ENGAGED_CONTACTS],
            name="Contacts you have talked with (quality)",
            mode="lines",
            line={"color": QUALITY_COLOUR, "width": 3},
            fill="tozeroy",
            customdata=np.round(g[S.ENGAGED_SHARE].to_numpy(dtype=float) * 100).reshape(-1, 1),
            hovertemplate="%{y:,} talked with (%{customdata[0]:.0f}%)<extra></extra>",
        )
    )
    bursts = g[g[S.IS_BURST]]
    fig.add_trace(
        go.Scatter(
            x=bursts[S.PERIOD],
            y=bursts[S.TOTAL_CONNECTIONS],
            name="Burst: many added, few conversations",
            mode="markers",
            marker={"color": BURST_COLOUR, "size": 11, "symbol": "diamond"},
            customdata=bursts[[S.NEW_CONNECTIONS, S.NEW_ENGAGED_90D]].to_numpy(),
            hovertemplate="burst: %{customdata[0]:,} added, %{customdata[1]:,} talked with "
            "within 90 days<extra></extra>",
        )
    )
    return _note_if_empty(fig, g.empty, "No dated connections in this export")


def segment_sizes(quality: pd.DataFrame) -> go.Figure:
    """Bar chart of how many contacts fall in each segment, in the fixed segment order.

    Examples
    --------
    >>> q = pd.DataFrame({"segment": ["core", "silent", "silent"]})
    >>> fig = segment_sizes(q)
    >>> list(fig.data[0].x), list(fig.data[0].y)  # doctest: +NORMALIZE_WHITESPACE
    (['Core', 'Occasional', 'Dormant', 'New', 'One-way: they write', 'One-way: you write', 'Silent'],
     [1, 0, 0, 0, 0, 0, 2])
    """
    counts = quality[S.SEGMENT].astype("string").value_counts()
    order = list(S.SEGMENTS) + sorted(str(s) for s in counts.index if s not in S.SEGMENTS)
    sizes = [int(counts.get(s, 0)) for s in order]
    fig = _figure(
        "Segments",
        "How many contacts fall in each segment of the relationship",
        xaxis={"title": {"text": "Segment"}},
        yaxis={"title": {"text": "Contacts"}},
        showlegend=False,
    )
    fig.add_trace(
        go.Bar(
            x=[segment_label(s) for s in order],
            y=sizes,
            marker={"color": [SEGMENT_COLOURS.get(s, UNKNOWN_COLOUR) for s in order]},
            hovertemplate="%{x}: %{y:,} contacts<extra></extra>",
        )
    )
    return _note_if_empty(fig, not sum(sizes), "No contacts in this export")


def platform_reach(quality: pd.DataFrame) -> go.Figure:
    """Per platform: the contacts seen there against those you actually talk with there.

    The popularity-versus-quality question asked of each platform.  Built from
    the ``platforms`` and ``talked_on`` feature columns (comma-joined platform
    names); a contact on two platforms counts on both.

    Examples
    --------
    >>> q = pd.DataFrame({"platforms": ["linkedin,whatsapp", "linkedin", "whatsapp"],
    ...                   "talked_on": ["whatsapp", None, "whatsapp"]})
    >>> fig = platform_reach(q)
    >>> [(t.name, list(t.x), list(t.y)) for t in fig.data]  # doctest: +NORMALIZE_WHITESPACE
    [('Seen there', ['LinkedIn', 'WhatsApp'], [2, 2]),
     ('Talked with there', ['LinkedIn', 'WhatsApp'], [0, 2])]
    """

    def per_platform(column: str) -> pd.Series:
        values = quality[column].astype("string").dropna().str.split(",").explode()
        return values.value_counts()

    seen, talked = per_platform(S.PLATFORMS), per_platform(S.TALKED_ON)
    order = [p for p in S.PLATFORMS_ORDER if p in seen.index or p in talked.index]
    labels = [S.PLATFORM_LABELS[p] for p in order]
    fig = _figure(
        "Across platforms",
        "Contacts seen on each platform, and those you exchanged messages with there",
        xaxis={"title": {"text": "Platform"}},
        yaxis={"title": {"text": "Contacts"}},
        barmode="group",
    )
    for name, counts, colour in (("Seen there", seen, "#BBBBBB"), ("Talked with there", talked, "#009E73")):
        fig.add_trace(
            go.Bar(
                name=name,
                x=labels,
                y=[int(counts.get(p, 0)) for p in order],
                marker={"color": colour},
                hovertemplate="%{x}: %{y:,} contacts<extra>" + name + "</extra>",
            )
        )
    return _note_if_empty(fig, not order, "No platform in this export")


def tie_strength_distribution(quality: pd.DataFrame, *, bin_width: int = 5) -> go.Figure:
    """Stacked histogram of tie strength (0-100), one colour per segment, counted before plotting.

    Examples
    --------
    >>> q = pd.DataFrame({"tie_strength": [3.0, 97.0, 100.0], "segment": ["silent", "core", "core"]})
    >>> fig = tie_strength_distribution(q, bin_width=50)
    >>> [(t.name, list(t.y)) for t in fig.data]
    [('Core', [0, 2]), ('Silent', [1, 0])]
    """
    edges = np.arange(0, 100 + bin_width, bin_width, dtype=float)
    edges[-1] = 100.0
    centres = (edges[:-1] + edges[1:]) / 2
    fig = _figure(
        "Tie strength",
        "How strong each relationship is, from 0 (never interacted) to 100",
        xaxis={"title": {"text": "Tie strength"}, "range": [0, 100]},
        yaxis={"title": {"text": "Contacts"}},
        barmode="stack",
        bargap=0.05,
    )
    segments = quality[S.SEGMENT].astype("string")
    for segment in _segments_present(segments):
        values = (
            quality.loc[segments.eq(segment).fillna(False), S.TIE_STRENGTH].dropna().to_numpy(dtype=float)
        )
        counts, _ = np.histogram(np.clip(values, 0, 100), bins=edges)
        fig.add_trace(
            go.Bar(
                x=centres,
                y=counts.tolist(),
                width=bin_width,
                name=segment_label(segment),
                marker={"color": SEGMENT_COLOURS.get(segment, UNKNOWN_COLOUR)},
                customdata=np.column_stack([edges[:-1], edges[1:]]),
                hovertemplate="%{fullData.name}: %{y:,} contacts with tie strength "
                "%{customdata[0]:.0f} to %{customdata[1]:.0f}<extra></extra>",
            )
        )
    return _note_if_empty(fig, not fig.data, "No contacts in this export")


def who_is_fading(
    quality: pd.DataFrame, *, max_points: int = MAP_MAX_POINTS, random_state: int = 0
) -> go.Figure:
    """Who is fading: tie strength against days since the last message, one colour per segment.

    Every contact who exchanged messages with the owner is a dot: up means a
    stronger tie, right means longer quiet.  The shaded corner is the
    reconnect zone of the scorecard: tie strength
    :data:`~netstats.analysis._principles.RECONNECT_MIN_STRENGTH` or more and quiet for
    over :data:`~netstats.analysis._quality.DORMANT_AFTER_DAYS` days.  The hover shows
    the name, company, segment, tie strength and days, all escaped.  Above
    ``max_points`` contacts a random sample (seeded by ``random_state``) is
    drawn and the subtitle says so.

    Examples
    --------
    >>> q = pd.DataFrame({"name": ["<b>Ann</b>", "Bo", "Cy"], "company": ["$Acme$", None, None],
    ...                   "segment": ["dormant", "core", "silent"], "tie_strength": [80.4, 90.0, 0.0],
    ...                   "days_since_last": [500.0, 3.0, None]},
    ...                  index=pd.Index(["ann", "bo", "cy"], name="contact_id"))
    >>> fig = who_is_fading(q)
    >>> [(t.name, t.x.tolist(), t.y.tolist()) for t in fig.data]
    [('Core', [3], [90.0]), ('Dormant', [500], [80.4])]
    >>> fig.data[1].customdata[0].tolist()
    ['&lt;b&gt;Ann&lt;/b&gt;', '&#36;Acme&#36;', 'Dormant']
    """
    placed = quality[quality[S.DAYS_SINCE_LAST].notna() & quality[S.TIE_STRENGTH].notna()]
    shown = placed
    subtitle = "Contacts you exchanged messages with; shaded: strong ties quiet for over a year"
    if len(placed) > max_points:
        shown = placed.sample(n=max_points, random_state=random_state).sort_index()
        subtitle += f" (a random sample of {max_points:,} of {len(placed):,})"
    days = shown[S.DAYS_SINCE_LAST].to_numpy(dtype=float).clip(min=0).round().astype(int)
    right = max(int(days.max()) if len(days) else 0, 2 * DORMANT_AFTER_DAYS) + 30
    fig = _figure(
        "Who is fading",
        subtitle,
        xaxis={"title": {"text": "Days since your last message"}, "range": [-10, right], "zeroline": False},
        yaxis={"title": {"text": "Tie strength"}, "range": [0, 102]},
    )
    fig.add_shape(
        type="rect",
        x0=DORMANT_AFTER_DAYS,
        x1=right,
        y0=RECONNECT_MIN_STRENGTH,
        y1=102,
        fillcolor=RECONNECT_ZONE_COLOUR,
        line={"width": 0},
        layer="below",
        label={"text": "reconnect", "textposition": "top right", "font": {"size": 12, "color": "#9a6700"}},
    )
    segments = shown[S.SEGMENT].astype("string")
    hover = pd.DataFrame(
        {
            "name": plotly_texts(shown[S.NAME]) if S.NAME in shown else "",
            "company": plotly_texts(shown[S.COMPANY]) if S.COMPANY in shown else "",
            "segment": [segment_label(s) for s in segments],
        },
        index=shown.index,
    )
    for segment in _segments_present(segments):
        mask = segments.eq(segment).fillna(False).to_numpy()
        fig.add_trace(
            go.Scatter(
                x=days[mask],
                y=shown[S.TIE_STRENGTH].to_numpy(dtype=float)[mask].round(1),
                mode="markers",
                name=segment_label(segment),
                marker={"color": SEGMENT_COLOURS.get(segment, UNKNOWN_COLOUR), "size": 7, "opacity": 0.8},
                customdata=hover[mask].to_numpy(dtype=object),
                hovertemplate="%{customdata[0]}<br>%{customdata[1]}<br>%{customdata[2]}, "
                "tie strength %{y:.0f}, last message %{x:,} days ago<extra></extra>",
            )
        )
    return _note_if_empty(fig, shown.empty, "Nobody exchanged messages with you yet")


def activity_heatmap(
    messages: pd.DataFrame, *, direction: str | None = None, tz: str = "UTC", zone_label: str | None = None
) -> go.Figure:
    """Weekday x hour-of-day counts of messages in the owner's time zone; sponsored messages left out.

    Parameters
    ----------
    messages : pandas.DataFrame
        The ``messages`` table of an export.
    direction : {"sent", "received"}, optional
        Only the owner's messages, or only the contacts'; default both.
    tz : str, default "UTC"
        The time zone to count hours and weekdays in (an IANA name); the
        subtitle and axis say which.
    zone_label : str, optional
        What the subtitle and axis call that zone, default ``tz`` itself
        (a shared report says "local": a zone name tells where its owner lives).

    Examples
    --------
    >>> m = pd.DataFrame({"sent_at": pd.to_datetime(["2024-01-01 09:30", "2024-01-01 09:45"], utc=True),
    ...                   "direction": ["sent", "received"], "is_sponsored": [False, False]})
    >>> fig = activity_heatmap(m)
    >>> fig.data[0].z[0][9], sum(map(sum, fig.data[0].z))
    (2, 2)
    >>> activity_heatmap(m, tz="America/New_York").data[0].z[0][4]  # 09:30 UTC is 04:30 in New York
    2
    >>> activity_heatmap(m, tz="America/New_York", zone_label="local").layout.xaxis.title.text
    'Hour of day (local)'
    """
    keep = ~messages[S.IS_SPONSORED].fillna(False).astype(bool)
    if direction is not None:
        keep &= messages[S.DIRECTION].astype("string").eq(direction).fillna(False)
    times = messages.loc[keep, S.SENT_AT].dropna().dt.tz_convert(tz)
    cell = times.dt.day_of_week.to_numpy() * 24 + times.dt.hour.to_numpy()
    z = np.bincount(cell, minlength=7 * 24).reshape(7, 24)
    who = {None: "Messages", S.SENT: "Messages you sent", S.RECEIVED: "Messages you received"}[direction]
    label = plotly_text(tz if zone_label is None else zone_label)
    fig = _figure(
        "When you talk",
        f"{who} by weekday and hour of the day, {label} time",
        xaxis={"title": {"text": f"Hour of day ({label})"}, "dtick": 3},
        yaxis={"title": {"text": ""}, "autorange": "reversed"},
    )
    fig.add_trace(
        go.Heatmap(
            z=z.tolist(),
            x=list(range(24)),
            y=list(WEEKDAYS),
            colorscale="Blues",
            colorbar={"title": {"text": "Messages"}},
            hovertemplate="%{y} %{x}:00: %{z:,} messages<extra></extra>",
        )
    )
    return _note_if_empty(fig, times.empty, "No messages in this export")


def personal_note_share(invitations: pd.DataFrame, *, freq: str = "QS") -> go.Figure:
    """Share of invitations that carried a personal note, per period, for each direction.

    Invitation times have no time zone in the export; periods use them as written.
    When the frame holds the notes themselves (``message`` and ``contact_id``,
    as ``export.invitations`` does), near-identical notes count as generic,
    exactly as in the scorecard (:func:`netstats.analysis._features.refined_note_kinds`);
    otherwise ``note_kind`` is used as given.  The figure never holds a note.

    Examples
    --------
    >>> inv = pd.DataFrame({"sent_at": pd.to_datetime(["2024-01-05", "2024-02-01", "2024-02-03"]),
    ...                     "direction": ["sent", "sent", "received"],
    ...                     "note_kind": ["personal", "none", "generic"]})
    >>> fig = personal_note_share(inv)
    >>> [(t.name, list(t.y)) for t in fig.data]
    [('Invitations you sent', [50.0]), ('Invitations you received', [0.0])]
    """
    fig = _figure(
        "Personal invitations",
        "Share of invitations that came with a personal note (generic notes do not count)",
        xaxis={"title": {"text": "Period"}},
        yaxis={"title": {"text": "With a personal note (%)"}, "range": [0, 100]},
    )
    kinds = (
        refined_note_kinds(invitations)
        if {S.MESSAGE, S.CONTACT_ID} <= set(invitations.columns)
        else invitations[S.NOTE_KIND].astype("string")
    )
    dated = invitations[S.SENT_AT].notna().to_numpy(dtype=bool)
    period = invitations.loc[dated, S.SENT_AT].dt.to_period(_period_alias(freq)).dt.start_time
    personal = kinds[dated].eq(S.NOTE_PERSONAL).fillna(False)
    table = (
        pd.DataFrame(
            {
                "period": period.to_numpy(),
                "direction": invitations.loc[dated, S.DIRECTION].astype("string").to_numpy(),
                "personal": personal.to_numpy(),
            }
        )
        .groupby(["direction", "period"], observed=True)["personal"]
        .agg(["sum", "size"])
    )
    for direction, name, colour in (
        (S.OUTGOING, "Invitations you sent", QUALITY_COLOUR),
        (S.INCOMING, "Invitations you received", "#0072B2"),
    ):
        if direction not in table.index.get_level_values("direction"):
            continue
        rows = table.loc[direction]
        fig.add_trace(
            go.Scatter(
                x=rows.index,
                y=(100.0 * rows["sum"] / rows["size"]).round(1).to_list(),
                name=name,
                mode="lines+markers",
                line={"color": colour},
                customdata=rows[["sum", "size"]].to_numpy(),
                hovertemplate="%{customdata[0]:,} of %{customdata[1]:,} with a personal note<extra></extra>",
            )
        )
    return _note_if_empty(fig, table.empty, "No dated invitations in this export")


def companies_by_tie_strength(quality: pd.DataFrame, *, top: int = 15, min_contacts: int = 3) -> go.Figure:
    """Companies ranked by the mean tie strength of the people there, not by head count.

    Companies with fewer than ``min_contacts`` contacts are left out (one close
    friend would otherwise top the list), and so is the "Other" group of share
    mode.  Company names are compared after escaping, so two names that
    display the same are one company.

    Examples
    --------
    >>> q = pd.DataFrame({"company": ["Big", "Big", "Big", "Small", "Small", "Small", "Solo"],
    ...                   "tie_strength": [10.0, 20.0, 30.0, 80.0, 90.0, 70.0, 99.0]})
    >>> fig = companies_by_tie_strength(q)
    >>> list(fig.data[0].y), list(fig.data[0].x)
    (['Small', 'Big'], [80.0, 20.0])
    """
    known = quality[quality[S.COMPANY].notna() & quality[S.COMPANY].astype("string").str.strip().ne("")]
    label = plotly_texts(known[S.COMPANY].astype("string").str.strip())
    stats = (
        pd.DataFrame({"company": label, "tie": known[S.TIE_STRENGTH].astype(float)})
        .groupby("company")["tie"]
        .agg(["mean", "size"])
    )
    stats = stats[(stats["size"] >= min_contacts) & (stats.index != S.OTHER)]
    stats = stats.assign(mean=stats["mean"].round(1)).reset_index()
    stats = stats.sort_values(["mean", "size", "company"], ascending=[False, False, True]).head(top)
    fig = _figure(
        "Companies by tie strength",
        f"Mean tie strength of your contacts there (companies with {min_contacts} or more contacts)",
        xaxis={"title": {"text": "Mean tie strength"}, "range": [0, 100]},
        yaxis={"title": {"text": ""}, "autorange": "reversed", "type": "category"},
        showlegend=False,
        height=max(320, 60 + 26 * len(stats)),
    )
    fig.add_trace(
        go.Bar(
            x=stats["mean"].to_list(),
            y=stats["company"].to_list(),
            orientation="h",
            marker={"color": QUALITY_COLOUR},
            customdata=stats[["size"]].to_numpy(),
            hovertemplate="%{y}: mean tie strength %{x:.1f} over %{customdata[0]:,} contacts<extra></extra>",
        )
    )
    return _note_if_empty(fig, stats.empty, f"No company has {min_contacts} or more of your contacts")


def reply_times(features: pd.DataFrame) -> go.Figure:
    """How fast replies come, each way: contacts counted by their median reply time.

    Examples
    --------
    >>> f = pd.DataFrame({"owner_median_reply_hours": [0.5, 30.0, None],
    ...                   "contact_median_reply_hours": [2.0, 2.5, 1000.0]})
    >>> [(t.name, list(t.y)) for t in reply_times(f).data]
    [('You reply', [1, 0, 0, 1, 0, 0, 0]), ('They reply', [0, 2, 0, 0, 0, 0, 1])]
    """
    limits = np.array([limit for limit, _ in REPLY_BUCKETS])
    labels = [label for _, label in REPLY_BUCKETS]
    fig = _figure(
        "Reply times",
        "Contacts by the median time a reply took, each way",
        xaxis={"title": {"text": "Median reply time"}, "type": "category"},
        yaxis={"title": {"text": "Contacts"}},
        barmode="group",
    )
    replied = False
    for column, name, colour in (
        (S.OWNER_REPLY_HOURS, "You reply", QUALITY_COLOUR),
        (S.CONTACT_REPLY_HOURS, "They reply", "#0072B2"),
    ):
        hours = features[column].dropna().to_numpy(dtype=float)
        counts = np.bincount(
            np.searchsorted(limits, hours, side="right").clip(max=len(limits) - 1), minlength=len(limits)
        )
        fig.add_trace(
            go.Bar(
                x=labels,
                y=counts.tolist(),
                name=name,
                marker={"color": colour},
                hovertemplate="%{fullData.name} in %{x}: %{y:,} contacts<extra></extra>",
            )
        )
        replied = replied or bool(counts.any())
    return _note_if_empty(fig, not replied, "No reply in this export yet")


RATING_COLOURS = {S.RATING_GOOD: "#d9f0e3", S.RATING_REVIEW: "#fdf1d8", S.RATING_NO_DATA: "#eeeeee"}


def scorecard(scores: pd.DataFrame) -> go.Figure:
    """The principles scorecard as a table: principle, rating and verdict, one row each.

    Parameters
    ----------
    scores : pandas.DataFrame
        Output of :func:`netstats.principles` (columns ``title``, ``rating``, ``verdict``).

    Examples
    --------
    >>> s = pd.DataFrame({"title": ["Know your contacts"], "rating": ["review"],
    ...                   "verdict": ["You have talked with 12% of your connections."]})
    >>> [list(column) for column in scorecard(s).data[0].cells.values]
    [['Know your contacts'], ['review'], ['You have talked with 12% of your connections.']]
    """
    cells = [plotly_texts(scores[c].astype("string")).to_list() for c in (S.TITLE, S.RATING, S.VERDICT)]
    colours = [RATING_COLOURS.get(str(r), "white") for r in scores[S.RATING]]
    # plotly wraps long cells but does not grow the figure: budget a line per ~80 characters.
    lines = [max(1, -(-len(text) // 80)) for text in cells[2]]
    fig = _figure(
        "Scorecard",
        "How the network measures up against the networking principles",
        height=140 + sum(14 + 18 * n for n in lines),
        margin={"l": 10, "r": 10, "t": 80, "b": 10},
    )
    fig.add_trace(
        go.Table(
            columnwidth=[3, 1, 6],
            header={
                "values": ["Principle", "Rating", "Verdict"],
                "align": "left",
                "fill": {"color": "#e6e9ed"},
            },
            cells={"values": cells, "align": "left", "fill": {"color": [colours] * 3}, "height": 28},
        )
    )
    return fig


# ---------------------------------------------------------------- helpers
def _figure(title: str, subtitle: str, **layout) -> go.Figure:
    """A figure with its own small template (no global plotly state) and our title."""
    template = go.layout.Template(
        layout={
            "font": {"family": "system-ui, -apple-system, Segoe UI, Roboto, sans-serif", "size": 13},
            "paper_bgcolor": "white",
            "plot_bgcolor": "white",
            "xaxis": {"gridcolor": "#eeeeee", "linecolor": "#999999", "automargin": True},
            "yaxis": {"gridcolor": "#eeeeee", "linecolor": "#999999", "automargin": True},
            "hoverlabel": {"align": "left"},
            "legend": {"orientation": "h", "y": -0.3},
            "margin": {"l": 60, "r": 20, "t": 80, "b": 90},
        }
    )
    return go.Figure(
        layout={"template": template, "title": {"text": title, "subtitle": {"text": subtitle}}, **layout}
    )


def _note_if_empty(fig: go.Figure, empty: bool, text: str) -> go.Figure:
    """Say so in the plot area when there is nothing to draw (``text`` is ours, never data)."""
    if empty:
        fig.add_annotation(
            text=text,
            x=0.5,
            y=0.5,
            xref="paper",
            yref="paper",
            showarrow=False,
            font={"size": 15, "color": "#5c6670"},
        )
    return fig


def _segments_present(segments: pd.Series) -> list[str]:
    """The segments present, ours in the fixed order first, then any other value sorted."""
    present = set(segments.dropna().unique())
    return [s for s in S.SEGMENTS if s in present] + sorted(str(s) for s in present - set(S.SEGMENTS))


def _period_alias(freq: str) -> str:
    """Map a start-of-period alias ("MS", "QS", "YS") to the period alias pandas uses ("M", "Q", "Y")."""
    aliases = {"MS": "M", "QS": "Q", "YS": "Y", "AS": "Y"}
    return aliases.get(freq, freq)
