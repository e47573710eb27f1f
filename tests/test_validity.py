"""Validity, measured: planted behaviours of the sample generator are recovered from the loaded export.

Run ``python -m pytest tests/test_validity.py -q -s`` to see the confusion matrix and the
precision and recall of every detector for each seed and size.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import netstats as ns
from netstats import _schema as S
from netstats._quality import ONE_WAY_OUTBOUND, planted_confusion
from netstats._sample import generate_sample, write_export

CASES = [(0, 300), (1, 450), (2, 600)]
MIN_RECALL = 0.9
MIN_PRECISION = 0.9


@pytest.fixture(scope="module", params=CASES, ids=[f"seed{s}-{n}contacts" for s, n in CASES])
def measured(request, tmp_path_factory):
    seed, contacts = request.param
    sample = generate_sample(contacts=contacts, seed=seed)
    ex = ns.load(write_export(sample, tmp_path_factory.mktemp(f"sample{seed}")))
    features = ns.contact_features(ex)
    segments = ns.segment_contacts(features, random_state=0)
    planted = sample.planted.set_index(S.CONTACT_ID)
    return ex, features, segments, planted


def precision_recall(truth: np.ndarray, found: np.ndarray) -> tuple[float, float]:
    hits = int((truth & found).sum())
    return hits / max(int(found.sum()), 1), hits / max(int(truth.sum()), 1)


def test_every_planted_contact_is_a_contact(measured):
    _, features, segments, planted = measured
    assert planted.index.isin(features.index).all()
    assert planted.index.isin(segments.index).all()


def test_each_planted_kind_is_recovered_as_its_segment(measured):
    _, _, segments, planted = measured
    table = planted_confusion(segments, planted.reset_index())
    print("\n", table.to_string())
    assert "not found" not in table.columns
    assert set(table.index) == set(S.SEGMENTS)
    assert (table["recall"] >= MIN_RECALL).all(), table["recall"].to_dict()


def test_pitchers_are_found(measured):
    _, features, _, planted = measured
    found = features[S.LOOKS_LIKE_PITCH].reindex(planted.index).to_numpy(dtype=bool)
    precision, recall = precision_recall(planted[S.IS_PITCHER].to_numpy(dtype=bool), found)
    print(f"\npitchers: precision {precision:.3f}, recall {recall:.3f}")
    assert precision >= MIN_PRECISION and recall >= MIN_RECALL


def test_the_owners_unanswered_outreach_is_found(measured):
    ex, features, segments, planted = measured
    found = segments[S.SEGMENT].reindex(planted.index).eq(ONE_WAY_OUTBOUND).to_numpy(dtype=bool)
    truth = planted[S.IS_OWNER_UNANSWERED_OUTREACH].to_numpy(dtype=bool)
    precision, recall = precision_recall(truth, found)
    print(f"\nunanswered outreach: precision {precision:.3f}, recall {recall:.3f}")
    assert precision >= MIN_PRECISION and recall >= MIN_RECALL
    card = ns.principles(ex, features).set_index(S.PRINCIPLE)
    listed = card.loc["dont_spam", S.DETAILS]["unanswered_outreach_contacts"]
    assert set(listed) == set(segments.index[segments[S.SEGMENT].eq(ONE_WAY_OUTBOUND)])


def test_discretion_finds_the_confided(measured):
    ex, features, _, planted = measured
    found = features[S.CONFIDED].reindex(planted.index).to_numpy(dtype=bool)
    precision, recall = precision_recall(planted[S.CONFIDED].to_numpy(dtype=bool), found)
    print(f"\nconfided: precision {precision:.3f}, recall {recall:.3f}")
    assert recall == 1.0 and precision >= MIN_PRECISION
    card = ns.principles(ex, features).set_index(S.PRINCIPLE)
    assert set(card.loc["discretion", S.CONTACTS]) == set(
        planted.index[planted[S.CONFIDED].to_numpy(dtype=bool)]
    )


def test_tie_strength_orders_the_planted_kinds(measured):
    """Core ties are the strongest, real-but-quiet ties keep a floor, one-way and silent ones stay low."""
    _, features, _, planted = measured
    strength = ns.tie_strength(features)[S.TIE_STRENGTH].reindex(planted.index)
    median = strength.groupby(planted[S.PLANTED_KIND]).median()
    print("\nmedian tie strength per planted kind:", median.round(1).to_dict())
    assert median["core"] > median["dormant"] > 25
    assert median["core"] > median["occasional"] > median["new"]
    weakest_real = strength[planted[S.PLANTED_KIND].isin(["core", "occasional", "dormant"])].min()
    one_way = strength[planted[S.PLANTED_KIND].isin(["one_way_inbound", "one_way_outbound", "silent"])]
    assert one_way.max() <= 10.0 < weakest_real


def test_same_seed_same_segments(measured):
    _, features, segments, _ = measured
    again = ns.segment_contacts(features, random_state=0)
    pd.testing.assert_frame_equal(again, segments)
