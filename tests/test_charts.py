"""netstats.charts: pure figure factories, exact aggregates, escaped text, consistent colours."""

from __future__ import annotations

import json
import re

import numpy as np
import pandas as pd
import plotly.io as pio
import pytest
from hostile import ALL_PAYLOADS, MARKUP_PAYLOADS

from netstats import charts
from netstats import schema as S


# ---------------------------------------------------------------- frames
def quality_frame(n: int = 6, names=None, companies=None, segments=None) -> pd.DataFrame:
    names = names or [f"Person {i}" for i in range(n)]
    companies = companies or ["Acme"] * n
    segments = segments or [S.SEGMENTS[i % len(S.SEGMENTS)] for i in range(n)]
    return pd.DataFrame(
        {
            S.NAME: pd.array(names, dtype="string"),
            S.COMPANY: pd.array(companies, dtype="string"),
            S.EMAIL: pd.array([f"p{i}@example.invalid" for i in range(n)], dtype="string"),
            S.SEGMENT: pd.array(segments, dtype="string"),
            S.TIE_STRENGTH: np.linspace(0, 100, n),
            S.PROJECTION_X: np.linspace(-1, 1, n),
            S.PROJECTION_Y: np.linspace(1, -1, n),
            S.DAYS_SINCE_LAST: np.linspace(0, 1000, n),
            S.OWNER_REPLY_HOURS: np.linspace(0.5, 500, n),
            S.CONTACT_REPLY_HOURS: np.linspace(2, 50, n),
        },
        index=pd.Index([f"id-{i}" for i in range(n)], name=S.CONTACT_ID),
    )


def growth_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            S.PERIOD: pd.to_datetime(["2024-01-01", "2024-02-01", "2024-03-01"]),
            S.NEW_CONNECTIONS: [3, 30, 1],
            S.TOTAL_CONNECTIONS: [3, 33, 34],
            S.ENGAGED_CONTACTS: [1, 2, 4],
            S.ENGAGED_SHARE: [1 / 3, 2 / 33, 4 / 34],
            S.NEW_WITH_PERSONAL_NOTE: [1, 0, 1],
            S.NEW_ENGAGED_90D: [1, 1, 1],
            S.IS_BURST: [False, True, False],
        }
    )


def messages_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            # 2024-01-01 is a Monday
            S.SENT_AT: pd.to_datetime(
                ["2024-01-01 09:10", "2024-01-01 09:50", "2024-01-02 23:59", "2024-01-07 00:00", "2024-01-01 09:00"],
                utc=True,
            ),
            S.DIRECTION: [S.SENT, S.RECEIVED, S.SENT, S.RECEIVED, S.RECEIVED],
            S.IS_SPONSORED: [False, False, False, False, True],
        }
    )


def invitations_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            S.SENT_AT: pd.to_datetime(["2024-01-05", "2024-02-01", "2024-05-03", "2024-05-04", "2024-02-02"]),
            S.DIRECTION: [S.OUTGOING, S.OUTGOING, S.OUTGOING, S.OUTGOING, S.INCOMING],
            S.NOTE_KIND: [S.NOTE_PERSONAL, S.NOTE_NONE, S.NOTE_GENERIC, S.NOTE_PERSONAL, S.NOTE_PERSONAL],
        }
    )


def scores_frame(titles=None, verdicts=None, ratings=None) -> pd.DataFrame:
    titles = titles or ["Know your contacts", "Personalise invitations"]
    n = len(titles)
    return pd.DataFrame(
        {
            S.TITLE: titles,
            S.RATING: ratings or [S.RATING_GOOD, S.RATING_REVIEW][:n] + [S.RATING_NO_DATA] * max(0, n - 2),
            S.VERDICT: verdicts or [f"verdict {i}" for i in range(n)],
        }
    )


def every_figure(quality, growth, messages, invitations, scores):
    return {
        "popularity_vs_quality": charts.popularity_vs_quality(growth),
        "segment_sizes": charts.segment_sizes(quality),
        "tie_strength_distribution": charts.tie_strength_distribution(quality),
        "who_is_fading": charts.who_is_fading(quality),
        "companies_by_tie_strength": charts.companies_by_tie_strength(quality, min_contacts=1, top=50),
        "activity_heatmap": charts.activity_heatmap(messages),
        "personal_note_share": charts.personal_note_share(invitations),
        "reply_times": charts.reply_times(quality),
        "scorecard": charts.scorecard(scores),
    }


def strings_in(node, key=None):
    """Yield (key, string) for every string in a figure's JSON (the template subtree skipped)."""
    if isinstance(node, dict):
        for k, v in node.items():
            if k != "template":
                yield from strings_in(v, k)
    elif isinstance(node, list):
        for v in node:
            yield from strings_in(v, key)
    elif isinstance(node, str):
        yield key, node


# ---------------------------------------------------------------- exact aggregates
def test_popularity_vs_quality_lines_and_burst_markers():
    fig = charts.popularity_vs_quality(growth_frame())
    total, engaged, bursts = fig.data
    assert list(total.y) == [3, 33, 34] and list(engaged.y) == [1, 2, 4]
    assert [str(x)[:10] for x in bursts.x] == ["2024-02-01"] and list(bursts.y) == [33]
    assert bursts.customdata.tolist() == [[30, 1]]
    assert engaged.customdata.ravel().tolist() == [33.0, 6.0, 12.0]  # engaged share, %, rounded


def test_segment_sizes_in_fixed_order_with_fixed_colours():
    fig = charts.segment_sizes(quality_frame(segments=["core", "core", "silent", "dormant", "core", "new"]))
    bar = fig.data[0]
    assert list(bar.y) == [3, 0, 1, 1, 0, 0, 1]
    assert list(bar.marker.color) == [charts.SEGMENT_COLOURS[s] for s in S.SEGMENTS]


def test_tie_strength_histogram_counts_by_segment():
    q = quality_frame(n=5, segments=["core", "core", "silent", "silent", "dormant"])
    q[S.TIE_STRENGTH] = [99.0, 100.0, 0.0, 4.9, 50.0]
    fig = charts.tie_strength_distribution(q, bin_width=25)
    counts = {t.name: list(t.y) for t in fig.data}
    assert counts == {"Core": [0, 0, 0, 2], "Dormant": [0, 0, 1, 0], "Silent": [2, 0, 0, 0]}
    assert sum(sum(c) for c in counts.values()) == len(q)


def test_who_is_fading_draws_tie_strength_against_days_quiet_with_only_shown_fields():
    q = quality_frame(n=4, names=["Ann", "Bo", "Cy", "Dee"], segments=["core", "core", "silent", "dormant"])
    q.loc["id-2", S.DAYS_SINCE_LAST] = np.nan  # silent: never exchanged a message, so no place on the chart
    fig = charts.who_is_fading(q)
    assert [t.name for t in fig.data] == ["Core", "Dormant"]
    assert fig.data[0].x.tolist() == [0, 333] and fig.data[0].y.tolist() == [0.0, 33.3]
    assert fig.data[1].x.tolist() == [1000] and fig.data[1].y.tolist() == [100.0]
    assert fig.data[0].customdata.tolist() == [["Ann", "Acme", "Core"], ["Bo", "Acme", "Core"]]
    names = [row[0] for trace in fig.data for row in trace.customdata]
    assert names == ["Ann", "Bo", "Dee"]  # Cy is not shown, so not embedded
    assert "example.invalid" not in pio.to_json(fig)  # columns not shown are not embedded either
    assert fig.layout.xaxis.title.text == "Days since your last message"
    assert fig.layout.yaxis.title.text == "Tie strength"


def test_who_is_fading_marks_the_reconnect_zone_of_the_scorecard():
    from netstats.analysis._principles import RECONNECT_MIN_STRENGTH
    from netstats.analysis._quality import DORMANT_AFTER_DAYS

    (zone,) = charts.who_is_fading(quality_frame(n=6)).layout.shapes
    assert (zone.x0, zone.y0) == (DORMANT_AFTER_DAYS, RECONNECT_MIN_STRENGTH) == (365, 40.0)
    assert zone.x1 == 1030 and zone.label.text == "reconnect"  # to the right of the quietest contact


def test_who_is_fading_samples_large_networks_deterministically():
    q = quality_frame(n=50)
    small = charts.who_is_fading(q, max_points=20, random_state=3)
    assert sum(len(t.x) for t in small.data) == 20
    assert "random sample of 20 of 50" in small.layout.title.subtitle.text
    assert pio.to_json(small) == pio.to_json(charts.who_is_fading(q, max_points=20, random_state=3))
    assert sum(len(t.x) for t in charts.who_is_fading(q).data) == 50


def test_activity_heatmap_counts_weekday_and_hour_in_utc():
    fig = charts.activity_heatmap(messages_frame())
    z = np.array(fig.data[0].z)
    assert z.shape == (7, 24) and z.sum() == 4  # the sponsored message is left out
    assert (z[0, 9], z[1, 23], z[6, 0]) == (2, 1, 1)
    sent = np.array(charts.activity_heatmap(messages_frame(), direction=S.SENT).data[0].z)
    assert sent.sum() == 2 and (sent[0, 9], sent[1, 23]) == (1, 1)
    assert fig.layout.xaxis.title.text == "Hour of day (UTC)"


def test_activity_heatmap_counts_in_the_owner_time_zone_and_says_which():
    fig = charts.activity_heatmap(messages_frame(), tz="Asia/Tokyo")  # UTC+9, no daylight saving
    z = np.array(fig.data[0].z)
    # Monday 09:10 and 09:50 UTC are Monday 18:00-19:00; Tuesday 23:59 UTC is Wednesday 08:59;
    # Sunday 00:00 UTC is Sunday 09:00
    assert (z[0, 18], z[2, 8], z[6, 9]) == (2, 1, 1) and z.sum() == 4
    assert fig.layout.xaxis.title.text == "Hour of day (Asia/Tokyo)"
    assert fig.layout.title.subtitle.text.endswith("Asia/Tokyo time")


def test_personal_note_share_per_quarter_and_direction():
    fig = charts.personal_note_share(invitations_frame(), freq="QS")
    sent, received = fig.data
    assert sent.name == "Invitations you sent" and list(sent.y) == [50.0, 50.0]
    assert sent.customdata.tolist() == [[1, 2], [1, 2]]
    assert list(received.y) == [100.0]


def test_reply_time_buckets():
    f = pd.DataFrame(
        {S.OWNER_REPLY_HOURS: [0.2, 1.0, 3.9, 24.0, 100.0, 1000.0, None], S.CONTACT_REPLY_HOURS: [None] * 7}
    )
    you, they = charts.reply_times(f).data
    assert list(you.x) == [label for _, label in charts.REPLY_BUCKETS]
    assert list(you.y) == [1, 2, 0, 1, 1, 0, 1] and list(they.y) == [0] * 7


def test_scorecard_rows_and_colours():
    fig = charts.scorecard(scores_frame())
    table = fig.data[0]
    assert [list(c) for c in table.cells.values] == [
        ["Know your contacts", "Personalise invitations"],
        [S.RATING_GOOD, S.RATING_REVIEW],
        ["verdict 0", "verdict 1"],
    ]
    assert list(table.cells.fill.color[0]) == [charts.RATING_COLOURS[S.RATING_GOOD], charts.RATING_COLOURS[S.RATING_REVIEW]]


def test_segment_colours_are_the_same_in_every_figure():
    q = quality_frame(n=14)
    colour_of = {}
    for fig in (charts.tie_strength_distribution(q), charts.who_is_fading(q)):
        for trace in fig.data:
            colour_of.setdefault(trace.name, set()).add(trace.marker.color)
    assert all(len(c) == 1 for c in colour_of.values())
    assert {n: c.pop() for n, c in colour_of.items()} == {
        charts.SEGMENT_LABELS[s]: charts.SEGMENT_COLOURS[s] for s in S.SEGMENTS
    }


# ---------------------------------------------------------------- purity
def test_factories_touch_no_global_state_and_do_not_modify_inputs():
    default_template = pio.templates.default
    frames = (quality_frame(n=14), growth_frame(), messages_frame(), invitations_frame(), scores_frame())
    copies = [f.copy() for f in frames]
    figures = every_figure(*frames)
    assert pio.templates.default == default_template
    for before, after in zip(copies, frames, strict=True):
        pd.testing.assert_frame_equal(before, after)
    for name, fig in figures.items():
        assert fig.layout.template.layout.font.family, name  # its own template, not the global one
        assert fig.layout.title.text, name


def test_figures_are_deterministic():
    frames = (quality_frame(n=14), growth_frame(), messages_frame(), invitations_frame(), scores_frame())
    first = {k: pio.to_json(v) for k, v in every_figure(*frames).items()}
    second = {k: pio.to_json(v) for k, v in every_figure(*frames).items()}
    assert first == second


# ---------------------------------------------------------------- hostile text
@pytest.fixture(scope="module")
def hostile_figures():
    n = len(ALL_PAYLOADS)
    quality = quality_frame(
        n=n,
        names=list(ALL_PAYLOADS),
        companies=[ALL_PAYLOADS[(i + 1) % n] for i in range(n)],
        segments=[S.SEGMENTS[i % 7] if i % 3 else ALL_PAYLOADS[i] for i in range(n)],  # unknown segments too
    )
    scores = scores_frame(
        titles=list(ALL_PAYLOADS[:6]), verdicts=list(ALL_PAYLOADS[6:12]), ratings=list(ALL_PAYLOADS[12:18])
    )
    return every_figure(quality, growth_frame(), messages_frame(), invitations_frame(), scores)


ALLOWED_TEMPLATE_MARKUP = re.compile(r"<br>|<extra></extra>")


def test_no_data_string_in_any_figure_carries_markup_or_tex(hostile_figures):
    for name, fig in hostile_figures.items():
        spec = json.loads(pio.to_json(fig))
        for key, text in strings_in(spec):
            if key == "hovertemplate":  # ours, static: data enters it only through customdata
                assert "<" not in ALLOWED_TEMPLATE_MARKUP.sub("", text) and "$" not in text, (name, text)
                assert "customdata" in text or "%{" in text, (name, text)
            else:
                assert "<" not in text and "$" not in text, (name, key, text)


def test_payloads_reach_the_figures_as_escaped_text(hostile_figures):
    spec = pio.to_json(hostile_figures["who_is_fading"])
    assert "&lt;img src=x onerror=alert(document.domain)&gt;" in spec
    assert "&#36;\\\\href{javascript:alert(1)}{click}&#36;" in spec
    for payload in MARKUP_PAYLOADS:
        assert json.dumps(payload)[1:-1] not in spec, payload
    legend = {t.name for t in hostile_figures["who_is_fading"].data}
    assert "&lt;b&gt;CEO&lt;/b&gt;" in legend  # an unknown segment, escaped as a legend entry
    assert "\u202e" not in spec and "\u200b" not in spec  # bidi and zero-width stripped from labels
    ticks = list(hostile_figures["companies_by_tie_strength"].data[0].y)
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in ticks


# ---------------------------------------------------------------- nothing to draw
def test_empty_inputs_say_so_in_the_plot_area():
    empty_quality = quality_frame(n=1).iloc[:0]
    empty_growth = growth_frame().iloc[:0]
    empty_messages = messages_frame().iloc[:0]
    empty_invitations = invitations_frame().iloc[:0]
    notes = {
        name: [a.text for a in fig.layout.annotations]
        for name, fig in every_figure(
            empty_quality, empty_growth, empty_messages, empty_invitations, scores_frame()
        ).items()
    }
    assert notes == {
        "popularity_vs_quality": ["No dated connections in this export"],
        "segment_sizes": ["No contacts in this export"],
        "tie_strength_distribution": ["No contacts in this export"],
        "who_is_fading": ["Nobody exchanged messages with you yet"],
        "companies_by_tie_strength": ["No company has 1 or more of your contacts"],
        "activity_heatmap": ["No messages in this export"],
        "personal_note_share": ["No dated invitations in this export"],
        "reply_times": ["No reply in this export yet"],
        "scorecard": [],
    }
    # only sponsored messages: nothing the owner or a contact wrote
    assert [a.text for a in charts.activity_heatmap(messages_frame().iloc[4:]).layout.annotations] == [
        "No messages in this export"
    ]


def test_figures_with_data_carry_no_empty_note():
    frames = (quality_frame(n=14), growth_frame(), messages_frame(), invitations_frame(), scores_frame())
    for name, fig in every_figure(*frames).items():
        assert not fig.layout.annotations, name


def test_personal_note_share_refines_notes_like_the_scorecard():
    note = "Hi {}, loved your talk on data contracts at the {} meetup, would be great to stay in touch"
    inv = pd.DataFrame(
        {
            S.CONTACT_ID: ["a", "b", "c"],
            S.SENT_AT: pd.to_datetime(["2024-01-05", "2024-01-06", "2024-01-07"]),
            S.DIRECTION: [S.OUTGOING] * 3,
            S.MESSAGE: [note.format("Ann", "Lisbon"), note.format("Bo", "Berlin"), "We met on the train to Porto!"],
            S.NOTE_KIND: [S.NOTE_PERSONAL] * 3,
        }
    )
    (sent,) = charts.personal_note_share(inv).data
    assert sent.customdata.tolist() == [[1, 3]]  # the two near-identical notes are a template
    assert "train" not in pio.to_json(charts.personal_note_share(inv))  # the notes never enter the figure
    (given,) = charts.personal_note_share(inv.drop(columns=[S.MESSAGE])).data
    assert given.customdata.tolist() == [[3, 3]]  # without the notes, note_kind is taken as given
