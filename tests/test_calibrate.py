"""Tie strength calibrated to the person: the sample to rate, the ratings file, the fit and its agreement."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import spearmanr

import netstats as ns
from netstats import schema as S
from netstats._cli import main
from netstats._errors import ExportFormatError, ParameterError
from netstats.analysis._calibrate import MIN_RATINGS, CalibrationWarning, _quotas
from netstats.analysis._quality import WEIGHTS
from netstats.report._html import report_summary, write_report
from netstats.sample._linkedin import generate_sample, write_export

SAMPLE = "data/sample"
COMPONENTS = list(WEIGHTS)
# A person who weighs recency most, then a personal touch, then how long the tie lasted; depth and
# frequency mean nothing to them.
TRUE_WEIGHTS = {
    S.STRENGTH_RECENCY: 0.40,
    S.STRENGTH_FREQUENCY: 0.0,
    S.STRENGTH_RECIPROCITY: 0.10,
    S.STRENGTH_DEPTH: 0.0,
    S.STRENGTH_DURATION: 0.20,
    S.STRENGTH_PERSONALISATION: 0.30,
}
# A person for whom a long, deep exchange makes a strong tie, however long ago: far from the defaults.
PAST_WEIGHTS = {
    S.STRENGTH_RECENCY: 0.0,
    S.STRENGTH_FREQUENCY: 0.1,
    S.STRENGTH_RECIPROCITY: 0.0,
    S.STRENGTH_DEPTH: 0.4,
    S.STRENGTH_DURATION: 0.5,
    S.STRENGTH_PERSONALISATION: 0.0,
}


# ---------------------------------------------------------------- synthetic people and ratings
def random_features(n: int, seed: int) -> pd.DataFrame:
    """Two-way contacts whose six components vary independently of each other (|r| < 0.2)."""
    rng = np.random.default_rng(seed)
    received = rng.integers(1, 30, n)
    days = rng.uniform(0, 720, n)
    last = pd.Timestamp("2026-06-01", tz="UTC") - pd.to_timedelta(days, unit="D")
    return pd.DataFrame(
        {
            S.NAME: [f"Person {i}" for i in range(n)],
            S.N_SENT: rng.integers(1, 30, n),
            S.N_RECEIVED: received,
            S.DAYS_SINCE_LAST: days,
            S.TWO_WAY_MONTHS: rng.integers(0, 13, n),
            S.OWNER_WORDS_PER_MESSAGE: rng.uniform(1, 60, n),
            S.CONTACT_WORDS_PER_MESSAGE: rng.uniform(1, 60, n),
            S.FIRST_MESSAGE_AT: last - pd.to_timedelta(rng.uniform(0, 48 * 30.4, n), unit="D"),
            S.LAST_MESSAGE_AT: last,
            S.INVITATION_NOTE_KIND: rng.choice([S.NOTE_PERSONAL, S.NOTE_GENERIC, S.NOTE_NONE], n),
            S.N_PITCH_MESSAGES: (received * rng.uniform(0, 1, n)).astype(int),
        },
        index=pd.Index([f"c{i:03d}" for i in range(n)], name=S.CONTACT_ID),
    )


def true_ratings(features: pd.DataFrame, noise: float, seed: int, weights: dict = TRUE_WEIGHTS) -> pd.Series:
    """Whole ratings 1-5 that follow ``weights``, plus normal noise (in rating points), rounded."""
    components = ns.tie_strength(features)
    latent = sum(w * components[name] for name, w in weights.items())
    noisy = 1 + 4 * latent / latent.max() + np.random.default_rng(seed).normal(0, noise, len(latent))
    return noisy.round().clip(1, 5).astype(int).rename(S.RATING)


def write_ratings(path, lines: list[str], encoding: str = "utf-8") -> str:
    path.write_text("\n".join(lines) + "\n", encoding=encoding)
    return str(path)


@pytest.fixture(scope="module")
def sample_features() -> pd.DataFrame:
    return ns.contact_features(ns.load(SAMPLE))


@pytest.fixture(scope="module")
def people() -> pd.DataFrame:
    return random_features(30, seed=0)


def quiet(function, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("error", CalibrationWarning)  # these tests expect no warning at all
        return function(*args, **kwargs)


# ---------------------------------------------------------------- tie_strength(weights=)
def test_tie_strength_with_all_weight_on_one_component_is_that_component(people):
    only_depth = {**dict.fromkeys(COMPONENTS, 0.0), S.STRENGTH_DEPTH: 3.0}  # scaled to sum to 1
    scores = ns.tie_strength(people, weights=only_depth)
    np.testing.assert_allclose(scores[S.TIE_STRENGTH], 100 * scores[S.STRENGTH_DEPTH])
    assert ns.tie_strength(people, weights=dict(WEIGHTS)).equals(ns.tie_strength(people))


@pytest.mark.parametrize(
    "weights",
    [
        {S.STRENGTH_DEPTH: 1.0},  # not all six
        {**dict.fromkeys(COMPONENTS, 0.1), "strength_luck": 0.1},  # one too many
        {**dict.fromkeys(COMPONENTS, 0.1), S.STRENGTH_DEPTH: -0.1},
        dict.fromkeys(COMPONENTS, 0.0),
        {**dict.fromkeys(COMPONENTS, 0.1), S.STRENGTH_DEPTH: float("nan")},
        {**dict.fromkeys(COMPONENTS, 0.1), S.STRENGTH_DEPTH: "0.2"},
        [0.25, 0.2, 0.2, 0.15, 0.1, 0.1],
    ],
)
def test_tie_strength_refuses_weights_it_cannot_use(people, weights):
    with pytest.raises(ParameterError, match="weights must"):
        ns.tie_strength(people, weights=weights)


# ---------------------------------------------------------------- the sample to rate
def test_quotas_share_equally_and_give_what_is_left_to_the_largest_segments():
    sizes = pd.Series({"core": 30, "occasional": 70, "dormant": 50, "new": 30, "one_way_inbound": 40,
                       "one_way_outbound": 30, "silent": 270})
    assert _quotas(sizes, 20).to_dict() == {"core": 3, "occasional": 3, "dormant": 3, "new": 3,
                                            "one_way_inbound": 3, "one_way_outbound": 2, "silent": 3}
    assert _quotas(pd.Series({"core": 1, "silent": 3}), 20).to_dict() == {"core": 1, "silent": 3}


def test_rating_sample_spans_every_segment_and_the_whole_strength_range(sample_features):
    sample = ns.rating_sample(sample_features, n=20, random_state=0)
    assert sample.columns.tolist() == [S.NAME, S.COMPANY, S.POSITION, S.LAST_MESSAGE_AT, S.RATING]
    assert sample[S.RATING].isna().all() and sample.index.is_unique
    assert sample.attrs["rating_scale"][1] == "would not recognise"
    assert sample.attrs["rating_scale"][5] == "would ask for a big favour"
    segments = ns.segment_contacts(sample_features).loc[sample.index, S.SEGMENT]
    assert segments.value_counts().to_dict() == {"core": 3, "occasional": 3, "dormant": 3, "new": 3,
                                                 "one_way_inbound": 3, "one_way_outbound": 2, "silent": 3}
    strength = ns.tie_strength(sample_features)[S.TIE_STRENGTH]
    two_way = strength[(sample_features[S.N_SENT] > 0) & (sample_features[S.N_RECEIVED] > 0)]
    quartile = pd.qcut(two_way, 4, labels=False).reindex(sample.index).dropna()
    assert sorted(set(quartile.astype(int))) == [0, 1, 2, 3]  # weak to strong, never only the top
    assert strength.loc[sample.index].min() == 0.0


def test_rating_sample_is_set_by_its_seed(sample_features):
    first = ns.rating_sample(sample_features, random_state=3)
    assert first.index.equals(ns.rating_sample(sample_features, random_state=3).index)
    assert set(first.index) != set(ns.rating_sample(sample_features, random_state=4).index)
    assert not first.index.equals(first.index.sort_values())  # random order: the list suggests no ranking


def test_rating_sample_of_a_small_network_is_everyone(sample_features):
    few = sample_features.iloc[:5]
    assert sorted(ns.rating_sample(few, n=20).index) == sorted(few.index)


@pytest.mark.parametrize("n", [0, -3, 2.5, True, "20"])
def test_rating_sample_refuses_a_size_that_is_not_a_positive_int(sample_features, n):
    with pytest.raises(ParameterError, match="n must be an int of at least 1"):
        ns.rating_sample(sample_features, n=n)


def test_template_is_spreadsheet_safe_with_a_bom_and_never_replaces_a_file(sample_features, tmp_path):
    features = sample_features.copy()
    first = ns.rating_sample(features, n=6).index[0]
    features.loc[first, S.NAME] = '=HYPERLINK("https://evil.example")'
    path = tmp_path / "ratings.csv"
    sample = ns.rating_sample(features, n=6, path=path)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfcontact_id,name,company,position,last_message_at,rating\r\n")
    table = pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert table[S.CONTACT_ID].tolist() == sample.index.tolist()
    assert table.loc[0, S.NAME] == '\'=HYPERLINK("https://evil.example")'
    assert table[S.RATING].eq("").all()
    last = sample[S.LAST_MESSAGE_AT].dt.strftime("%Y-%m-%d").fillna("")
    assert table[S.LAST_MESSAGE_AT].tolist() == last.tolist()
    with pytest.raises(ParameterError, match="would replace a file that exists already"):
        ns.rating_sample(features, n=6, path=path)
    assert path.read_bytes() == data


# ---------------------------------------------------------------- the ratings file
def test_a_filled_template_is_read_whatever_the_spreadsheet_did_to_it(people, tmp_path):
    ratings = (np.arange(len(people)) % 5) + 1
    rows = [f"{cid};Person {i};{r}" for i, (cid, r) in enumerate(zip(people.index, ratings, strict=True))]
    # a European spreadsheet: ';' separated, Windows-1252, a blank line, a header in capitals
    path = write_ratings(tmp_path / "r.csv", ["CONTACT_ID;name;Rating", *rows[:10], "", *rows[10:]], "cp1252")
    calibration = quiet(ns.calibrate_tie_strength, people, path)
    assert calibration.fitted and calibration.n_ratings == len(people)
    as_series = quiet(ns.calibrate_tie_strength, people, pd.Series(ratings, index=people.index))
    assert as_series.weights == calibration.weights


def test_a_leading_quote_a_spreadsheet_kept_before_an_id_is_undone(people, tmp_path):
    rows = [f"'{cid},{i % 5 + 1}" if i == 0 else f"{cid},{i % 5 + 1}" for i, cid in enumerate(people.index)]
    calibration = quiet(ns.calibrate_tie_strength, people, write_ratings(tmp_path / "r.csv", ["contact_id,rating", *rows]))
    assert calibration.n_ratings == len(people)


@pytest.mark.parametrize(
    ("cell", "problem"),
    [
        ("six", "a rating is not a number"),
        ("7", "a rating is outside the scale 1-5 or not whole"),
        ("0", "a rating is outside the scale 1-5 or not whole"),
        ("3.5", "a rating is outside the scale 1-5 or not whole"),
    ],
)
def test_a_rating_off_the_scale_is_an_error_naming_file_and_line(people, tmp_path, cell, problem):
    lines = ["contact_id,rating", *[f"{cid},3" for cid in people.index[:12]]]
    lines[4] = f"{people.index[3]},{cell}"
    path = write_ratings(tmp_path / "ratings.csv", lines)
    with pytest.raises(ExportFormatError) as error:
        ns.calibrate_tie_strength(people, path)
    assert str(error.value).startswith(f"{path}, line 5: {problem} (line 5). Expected: a whole number from 1 ")
    assert "Fix: " in str(error.value) and cell not in str(error.value).split("Expected")[0].split(":", 1)[1]


def test_a_contact_rated_twice_is_an_error_naming_both_lines(people, tmp_path):
    lines = ["contact_id,rating", *[f"{cid},{i % 5 + 1}" for i, cid in enumerate(people.index[:14])],
             f"{people.index[2]},5"]
    with pytest.raises(ExportFormatError, match=r"line 4: a contact is rated more than once \(lines 4, 16\)"):
        ns.calibrate_tie_strength(people, write_ratings(tmp_path / "r.csv", lines))


def test_a_frame_of_ratings_names_its_rows(people):
    frame = pd.DataFrame({S.CONTACT_ID: people.index[:13], S.RATING: [1, 2, 3, 4, 5, 1, 2, 3, 9, 5, 1, 2, 3]})
    with pytest.raises(ParameterError, match=r"outside the scale 1-5 or not whole \(row 9\)"):
        ns.calibrate_tie_strength(people, frame)


def test_a_header_without_the_rating_column_is_an_error(people, tmp_path):
    path = write_ratings(tmp_path / "r.csv", ["contact_id,score", f"{people.index[0]},4"])
    with pytest.raises(ExportFormatError, match=r"line 1: the header has no rating column"):
        ns.calibrate_tie_strength(people, path)


def test_a_file_that_is_not_csv_is_an_error(people, tmp_path):
    path = write_ratings(tmp_path / "r.csv", ["contact_id,rating", f'{people.index[0]},"{"4" * 200_000}"'])
    with pytest.raises(ExportFormatError, match=r"line 2: the ratings file is not readable CSV"):
        ns.calibrate_tie_strength(people, path)


@settings(max_examples=12)  # every example fits twice with cross-validation (about 0.2 s)
@given(
    ratings=st.lists(st.integers(1, 5), min_size=12, max_size=30),
    delimiter=st.sampled_from([",", ";", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
    newline=st.sampled_from(["\n", "\r\n"]),
    padded=st.booleans(),
)
def test_ratings_read_the_same_whatever_the_file_looks_like(people, tmp_path_factory, ratings, delimiter, encoding,
                                                            newline, padded):
    ids = people.index[: len(ratings)]
    pad = " " if padded else ""
    lines = [f"contact_id{delimiter}rating", *[f"{cid}{delimiter}{pad}{r}{pad}" for cid, r in zip(ids, ratings, strict=True)]]
    path = tmp_path_factory.mktemp("r") / "ratings.csv"
    path.write_bytes(newline.join(lines).encode(encoding))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CalibrationWarning)  # all-equal ratings keep the defaults
        from_file = ns.calibrate_tie_strength(people, path)
        in_memory = ns.calibrate_tie_strength(people, pd.Series(ratings, index=ids))
    assert from_file.n_ratings == len(ratings) and from_file.weights == in_memory.weights


@settings(max_examples=40)
@given(cell=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=6))
def test_any_rating_cell_is_read_or_refused_with_a_netstats_error(people, tmp_path_factory, cell):
    path = tmp_path_factory.mktemp("r") / "ratings.csv"
    text = "contact_id,rating\n" + "".join(f"{cid},{i % 5 + 1}\n" for i, cid in enumerate(people.index[:12]))
    path.write_text(text + f"{people.index[12]},{cell}\n", encoding="utf-8")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", CalibrationWarning)
            calibration = ns.calibrate_tie_strength(people, path)
    except ns.NetstatsError as error:
        assert error.line is not None
    else:
        assert calibration.n_ratings in (12, 13)


def test_a_missing_ratings_file_is_an_error(people, tmp_path):
    with pytest.raises(ParameterError, match="the ratings file does not exist"):
        ns.calibrate_tie_strength(people, tmp_path / "nowhere.csv")


def test_unknown_and_unrated_contacts_are_left_out_with_a_warning(people, tmp_path):
    lines = ["contact_id,rating", *[f"{cid},{i % 5 + 1}" for i, cid in enumerate(people.index[:14])],
             "someone-else-123,4", f"{people.index[20]},", "nobody-456,2"]
    with pytest.warns(CalibrationWarning) as caught:
        calibration = ns.calibrate_tie_strength(people, write_ratings(tmp_path / "r.csv", lines))
    assert [str(w.message) for w in caught] == list(calibration.notes) == [
        "1 contact of the list had no rating and was left out",
        "2 rated contact_ids are not in this export and were left out (lines 16, 18): "
        "rate contacts from the template of this export",
    ]
    assert calibration.fitted and calibration.n_ratings == 14


def test_too_few_ratings_keep_the_defaults_and_say_so(people):
    ratings = pd.Series([1, 2, 3, 4, 5] * 2 + [3], index=people.index[: MIN_RATINGS - 1])
    with pytest.warns(CalibrationWarning, match="only 11 usable ratings, fewer than the 12 a fit needs: "
                                                "tie strength keeps the default weights"):
        calibration = ns.calibrate_tie_strength(people, ratings)
    assert not calibration.fitted and calibration.weights == dict(WEIGHTS)
    assert calibration.agreement.isna().all().all()
    assert calibration.scorer(people).equals(ns.tie_strength(people))


def test_ratings_that_are_all_equal_keep_the_defaults_and_say_so(people):
    with pytest.warns(CalibrationWarning, match="all 30 ratings are 4, so they cannot tell strong ties from weak"):
        calibration = ns.calibrate_tie_strength(people, pd.Series(4, index=people.index))
    assert not calibration.fitted and calibration.weights == dict(WEIGHTS)
    assert calibration.summary()["agreement"] == {"default": {"spearman": None, "strong_weak_accuracy": None},
                                                  "fitted": {"spearman": None, "strong_weak_accuracy": None}}


def test_ratings_that_follow_no_component_keep_the_defaults(people):
    # the higher every component, the lower the rating: no non-negative weight can follow that
    strength = ns.tie_strength(people)[S.TIE_STRENGTH]
    ratings = pd.Series(5 - pd.qcut(strength, 5, labels=False).astype(int), index=people.index)
    with pytest.warns(CalibrationWarning, match="no component rises with your ratings"):
        calibration = ns.calibrate_tie_strength(people, ratings)
    assert not calibration.fitted


# ---------------------------------------------------------------- the fit
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_fitted_weights_recover_the_ranking_of_the_true_weights(seed):
    features = random_features(400, seed=1)
    rated = features.index[:80]
    calibration = quiet(ns.calibrate_tie_strength, features, true_ratings(features, 0.25, seed).loc[rated])
    fitted = pd.Series(calibration.weights)
    weighed = [S.STRENGTH_RECENCY, S.STRENGTH_PERSONALISATION, S.STRENGTH_DURATION, S.STRENGTH_RECIPROCITY]
    assert fitted[weighed].sort_values(ascending=False).index.tolist() == weighed
    assert fitted[[S.STRENGTH_FREQUENCY, S.STRENGTH_DEPTH]].max() < fitted[S.STRENGTH_RECIPROCITY]
    assert math.isclose(fitted.sum(), 1.0) and (fitted >= 0).all()


@pytest.fixture(scope="module")
def synthetic_export(tmp_path_factory):
    return ns.contact_features(ns.load(write_export(generate_sample(contacts=300, seed=7), tmp_path_factory.mktemp("ex"))))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_twenty_ratings_beat_the_defaults_on_held_out_contacts(synthetic_export, seed):
    features = synthetic_export
    ratings = true_ratings(features, 0.25, seed, weights=PAST_WEIGHTS)
    sample = ns.rating_sample(features, n=20, random_state=seed)
    calibration = quiet(ns.calibrate_tie_strength, features, ratings.loc[sample.index])
    fitted = pd.Series(calibration.weights)
    assert fitted.nlargest(2).index.tolist() == [S.STRENGTH_DURATION, S.STRENGTH_DEPTH]
    # held out: the contacts not rated who wrote and were written to (for the others every weighting gives 0)
    held_out = features.index.difference(sample.index)
    held_out = held_out[(features.loc[held_out, S.N_SENT] > 0) & (features.loc[held_out, S.N_RECEIVED] > 0)]
    assert len(held_out) > 80

    def agreement(scores):
        return spearmanr(scores.loc[held_out, S.TIE_STRENGTH], ratings.loc[held_out]).statistic

    assert agreement(calibration.scorer(features)) > agreement(ns.tie_strength(features)) + 0.05
    assert calibration.agreement.loc["fitted", "spearman"] > 0.8  # and it says so on the person's own ratings


def test_the_calibration_is_set_by_its_seed_and_its_scorer_is_tie_strength(people):
    ratings = true_ratings(people, 0.25, seed=0)
    first = quiet(ns.calibrate_tie_strength, people, ratings, random_state=5)
    again = quiet(ns.calibrate_tie_strength, people, ratings, random_state=5)
    assert first.agreement.equals(again.agreement) and first.weights == again.weights
    assert first.scorer(people).equals(ns.tie_strength(people, weights=first.weights))
    assert first.weights_table().columns.tolist() == ["default", "fitted"]
    assert first.weights_table().index.tolist() == COMPONENTS


def test_ratings_that_follow_the_default_score_agree_with_the_defaults(people):
    strength = ns.tie_strength(people)[S.TIE_STRENGTH]
    ratings = pd.Series(1 + pd.qcut(strength, 5, labels=False).astype(int), index=people.index)
    agreement = quiet(ns.calibrate_tie_strength, people, ratings).agreement
    assert agreement.loc["default", "spearman"] > 0.95 and agreement.loc["default", "strong_weak_accuracy"] > 0.9


# ---------------------------------------------------------------- the report and the command line
@pytest.fixture(scope="module")
def planted_ratings(tmp_path_factory):
    """The template of data/sample filled from its planted truth (a real person types their own)."""
    out = tmp_path_factory.mktemp("ratings") / "ratings.csv"
    assert main(["rate-sample", SAMPLE, "-o", str(out), "--quiet"]) == 0
    planted = pd.read_csv(f"{SAMPLE}/netstats_planted.csv").set_index(S.CONTACT_ID)[S.PLANTED_KIND]
    by_kind = {"core": 5, "occasional": 4, "dormant": 3, "new": 2, "one_way_outbound": 2}
    table = pd.read_csv(out, encoding="utf-8-sig", dtype=str)
    table[S.RATING] = planted.reindex(table[S.CONTACT_ID]).map(by_kind).fillna(1).astype(int).to_numpy()
    table.to_csv(out, index=False)
    return out


def test_report_uses_the_fitted_weights_and_gives_their_agreement(planted_ratings):
    summary = report_summary(SAMPLE, ratings=planted_ratings)
    calibration = summary["tie_strength_calibration"]
    features = ns.contact_features(ns.load(SAMPLE))
    expected = quiet(ns.calibrate_tie_strength, features, planted_ratings)
    assert calibration == expected.summary()
    assert calibration["fitted"] and calibration["n_ratings"] == 20 and calibration["notes"] == []
    assert [w["component"] for w in calibration["weights"]] == [c.removeprefix("strength_") for c in COMPONENTS]
    assert report_summary(SAMPLE)["tie_strength_calibration"] is None


def test_a_shared_report_gives_the_calibration_in_numbers_only(planted_ratings, tmp_path):
    shared = report_summary(SAMPLE, ratings=planted_ratings, share=True, key_path=tmp_path / "share.key")
    private = report_summary(SAMPLE, ratings=planted_ratings)
    assert shared["tie_strength_calibration"] == private["tie_strength_calibration"]
    ids = pd.read_csv(planted_ratings, encoding="utf-8-sig")[S.CONTACT_ID]
    assert not any(cid in repr(shared["tie_strength_calibration"]) for cid in ids)


def test_report_page_says_it_uses_fitted_weights(planted_ratings, tmp_path, capsys):
    out = tmp_path / "report.html"
    assert main(["report", SAMPLE, "--ratings", str(planted_ratings), "-o", str(out), "--quiet"]) == 0
    page = out.read_text(encoding="utf-8")
    block = page[page.index('id="tie-strength-calibration"'):]
    block = block[: block.index("</div>")]
    assert "Tie strength uses weights fitted to your own ratings</strong> of 20 contacts" in block
    agreement = quiet(ns.calibrate_tie_strength, ns.contact_features(ns.load(SAMPLE)), planted_ratings).agreement
    assert f"Spearman&rsquo;s rho {agreement.loc['fitted', 'spearman']:.2f} with the fitted" in " ".join(block.split())
    assert page.index('id="fig-tie-strength-figure"') < page.index('id="tie-strength-calibration"')
    assert "warning" not in capsys.readouterr().err
    plain = tmp_path / "plain.html"
    write_report(ns.load(SAMPLE), plain)
    assert 'id="tie-strength-calibration"' not in plain.read_text(encoding="utf-8")


def test_command_line_prints_calibration_warnings_and_errors_on_one_line(tmp_path, capsys):
    few = write_ratings(tmp_path / "few.csv", ["contact_id,rating", "aisha-fischer-ccb53ee2,5"])
    assert main(["report", SAMPLE, "--ratings", few, "-o", str(tmp_path / "r.html"), "--quiet"]) == 0
    err = capsys.readouterr().err
    assert err == ("netstats: warning: only 1 usable rating, fewer than the 12 a fit needs: "
                   "tie strength keeps the default weights\n")
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "Tie strength keeps the default weights:</strong>" in page
    bad = write_ratings(tmp_path / "bad.csv", ["contact_id,rating", "aisha-fischer-ccb53ee2,11"])
    assert main(["report", SAMPLE, "--ratings", bad, "-o", str(tmp_path / "r2.html"), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"netstats: error: {bad}, line 2: a rating is outside the scale 1-5") and err.count("\n") == 1
    assert not (tmp_path / "r2.html").exists()


def test_rate_sample_writes_the_template_prints_the_scale_and_never_replaces_it(tmp_path, capsys):
    out = tmp_path / "ratings.csv"
    assert main(["rate-sample", SAMPLE, "-o", str(out), "-n", "14", "--seed", "2", "--quiet"]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed == [
        f"netstats: 14 contacts to rate written to {out}",
        "Type a rating from 1 to 5 on each line: 1 would not recognise; 2 would recognise, never really talked; "
        "3 would chat if we met; 4 would ask for a small favour; 5 would ask for a big favour.",
        f"Then: netstats report {SAMPLE} --ratings {out} -o report.html",
    ]
    written = pd.read_csv(out, encoding="utf-8-sig")[S.CONTACT_ID].tolist()
    features = ns.contact_features(ns.load(SAMPLE))
    assert written == ns.rating_sample(features, n=14, random_state=2).index.tolist()
    before = out.read_bytes()
    assert main(["rate-sample", SAMPLE, "-o", str(out), "--quiet"]) == 2
    assert "would replace a file that exists already" in capsys.readouterr().err
    assert out.read_bytes() == before


def test_the_scorecard_and_its_lists_use_the_fitted_weights_too(planted_ratings):
    """With --ratings every verdict and list that reads tie strength reads it with the fitted weights."""
    export = ns.load(SAMPLE)
    features = ns.contact_features(export)
    weights = quiet(ns.calibrate_tie_strength, features, planted_ratings).weights
    fitted = ns.principles(export, features, weights=weights).set_index(S.PRINCIPLE)
    default = ns.principles(export, features).set_index(S.PRINCIPLE)
    moved = [p for p in fitted.index if fitted.loc[p, S.CONTACTS] != default.loc[p, S.CONTACTS]]
    assert moved  # the fitted weights move someone into or out of a list: the report must follow them
    summary = report_summary(SAMPLE, ratings=planted_ratings)
    assert {r["principle"]: r["verdict"] for r in summary["scorecard"]} == fitted[S.VERDICT].to_dict()
    reconnect = next(entry for entry in summary["review"] if entry["id"] == "reconnect")
    assert len(reconnect["rows"]) == len(fitted.loc["reconnect", S.CONTACTS])
