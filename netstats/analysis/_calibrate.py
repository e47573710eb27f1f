"""Tie strength calibrated to the person: rate a sample of contacts, fit the component weights.

The default weights of :func:`netstats.tie_strength` are argued from the
literature.  Gilbert & Karahalios (CHI 2009) founded the field the other way
round: people rated their own ties and a model was fitted to the ratings.  This
module lets a person do that with their own export:

1. :func:`rating_sample` draws about twenty contacts that span the network
   (every segment, and the whole tie-strength range within each, never only
   the top) with what a person needs to recognise them, and can write the
   template ``ratings.csv`` (``contact_id,rating``) to fill in on the scale
   :data:`RATING_SCALE`.
2. :func:`calibrate_tie_strength` fits non-negative weights of the six
   components to the ratings (a ridge regression with ``positive=True`` on
   standardised components, turned back into weights of the 0-1 components
   that sum to 1, like the defaults), and measures, by
   cross-validation on the person's own ratings, how well the fitted and the
   default weights agree with them: Spearman's rho between the held-out
   ratings and the predicted ones, and the accuracy of telling a strong tie
   (rated :data:`STRONG_FROM` or more) from a weak one.  Both are judged the
   same way: the default weighted sum is mapped to the rating scale by a
   one-variable linear fit on the same training folds.

With fewer than :data:`MIN_RATINGS` usable ratings, or ratings that are all
the same, there is nothing to fit: the calibration says so (a
:class:`CalibrationWarning` and a note) and keeps the default weights.

The multiplex bonus of :func:`netstats.tie_strength` (a tie kept on several
platforms) is not one of the weighted components: it is neither fitted nor
changed.
"""

from __future__ import annotations

import csv
import io
import numbers
import os
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.stats import spearmanr
from sklearn.linear_model import LinearRegression, Ridge
from sklearn.model_selection import KFold, cross_val_predict
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import StandardScaler

from .. import schema as S
from .._errors import ExportFormatError, ParameterError
from .._text import spreadsheet_safe
from ._features import require_columns
from ._quality import _RULE_INPUTS, _STRENGTH_INPUTS, WEIGHTS, segment_rules, tie_strength

__all__ = ["CalibrationWarning", "TieStrengthCalibration", "calibrate_tie_strength", "rating_sample"]

RATING_SCALE = {
    1: "would not recognise",
    2: "would recognise, never really talked",
    3: "would chat if we met",
    4: "would ask for a small favour",
    5: "would ask for a big favour",
}
STRONG_FROM = 4  # a rating from here up is a strong tie
MIN_RATINGS = 12  # fewer usable ratings: the defaults are kept
RIDGE_ALPHA = 1.0  # on standardised components: steadies twenty ratings, matters little with hundreds
CV_FOLDS = 5
COMPONENTS = tuple(WEIGHTS)
DEFAULT, FITTED = "default", "fitted"
SPEARMAN, ACCURACY = "spearman", "strong_weak_accuracy"
_PRODUCER = "netstats.contact_features(export)"
_SAMPLE_INPUTS = (S.NAME, S.COMPANY, S.POSITION, S.LAST_MESSAGE_AT)
_TEMPLATE_COLUMNS = (S.CONTACT_ID, S.NAME, S.COMPANY, S.POSITION, S.LAST_MESSAGE_AT, S.RATING)
_LINE = "line"  # working columns: a rating's line in its file, a contact's position in the features
_POSITION = "position"
_SCALE_TEXT = "; ".join(f"{k} {v}" for k, v in RATING_SCALE.items())


class CalibrationWarning(UserWarning):
    """The ratings were used only in part, or not at all (the reason is in the message)."""


# ---------------------------------------------------------------- the sample to rate
def rating_sample(
    features: pd.DataFrame,
    n: int = 20,
    random_state: int = 0,
    path: str | os.PathLike | None = None,
) -> pd.DataFrame:
    """Draw contacts to rate, spread over every segment and the whole tie-strength range.

    Every segment present gets an equal share of ``n`` (a small segment gives
    what it has, the rest goes to the larger ones).  Within a segment the
    contacts are ordered by tie strength, cut into as many equal slices as
    the segment's share, and one contact is drawn at random from each slice:
    the sample spans weak and strong ties, never only the top.  Rows are in
    random order, so the list does not suggest a ranking.

    Parameters
    ----------
    features : pandas.DataFrame
        What :func:`netstats.contact_features` returned.
    n : int, default 20
        How many contacts to rate (all of them when there are fewer).
    random_state : int, default 0
        Seed of the draw: same features and seed, same sample.
    path : path-like, optional
        Also write the template to fill in there: a CSV with a BOM (so a
        spreadsheet shows accents), text cells a spreadsheet would run as
        formulas neutralised, and an empty ``rating`` column.  An existing
        file is never replaced (it may hold ratings already typed).

    Returns
    -------
    pandas.DataFrame
        One row per contact to rate, index ``contact_id``; columns ``name``,
        ``company``, ``position``, ``last_message_at`` (the last message either
        way, empty when none) and ``rating`` (empty, to fill in with a whole
        number from 1 to 5).  ``attrs["rating_scale"]`` holds what each
        rating means (:data:`RATING_SCALE`), for the instructions.

    Raises
    ------
    ParameterError
        When ``n`` is not a positive int, ``random_state`` not an int, or
        ``path`` exists already.

    Examples
    --------
    >>> import netstats as ns
    >>> feats = ns.contact_features(ns.load("data/sample"))
    >>> sample = ns.rating_sample(feats, n=14)
    >>> sample.columns.tolist()
    ['name', 'company', 'position', 'last_message_at', 'rating']
    >>> ns.segment_contacts(feats).loc[sample.index, "segment"].value_counts().sort_index().tolist()
    [2, 2, 2, 2, 2, 2, 2]
    """
    require_columns(features, (*_SAMPLE_INPUTS, *_STRENGTH_INPUTS, *_RULE_INPUTS), "features", _PRODUCER)
    _check_int("n", n, minimum=1)
    _check_int("random_state", random_state, minimum=None)
    if path is not None and Path(path).exists():
        raise ParameterError(
            "the ratings template would replace a file that exists already",
            file=str(path),
            expected="a new file name",
            fix="choose another name, or move the existing file away if its ratings are no longer needed",
        )
    rng = np.random.default_rng(int(random_state))
    strength = tie_strength(features)[S.TIE_STRENGTH]
    picks = _stratified(segment_rules(features), strength, int(n), rng)
    sample = features.iloc[picks[rng.permutation(len(picks))]].loc[:, list(_SAMPLE_INPUTS)].copy()
    sample[S.RATING] = pd.array([pd.NA] * len(sample), dtype="Int64")
    sample.attrs = {"rating_scale": dict(RATING_SCALE)}
    if path is not None:
        _write_template(sample, Path(path))
    return sample


def _check_int(name: str, value: object, minimum: int | None) -> None:
    if (
        isinstance(value, bool)
        or not isinstance(value, numbers.Integral)
        or (minimum is not None and value < minimum)
    ):
        bound = f" of at least {minimum}" if minimum is not None else ""
        raise ParameterError(
            f"{name} must be an int{bound}, not {value!r}",
            expected=f"an integer{bound}",
            fix=f"pass a whole number, e.g. {name}={20 if name == 'n' else 0}",
        )


def _stratified(segment: pd.Series, strength: pd.Series, n: int, rng: np.random.Generator) -> np.ndarray:
    """Positions of one draw per tie-strength slice of every segment (segment shares from _quotas)."""
    order = pd.DataFrame(
        {
            S.SEGMENT: segment.to_numpy(),
            S.TIE_STRENGTH: strength.to_numpy(),
            S.CONTACT_ID: strength.index.astype(str),
        }
    )
    order[_POSITION] = np.arange(len(order))
    order = order.sort_values([S.SEGMENT, S.TIE_STRENGTH, S.CONTACT_ID], kind="stable")
    sizes = order[S.SEGMENT].value_counts().reindex([s for s in S.SEGMENTS if s in set(order[S.SEGMENT])])
    picks = []
    for name, quota in _quotas(sizes, n).items():  # at most seven segments
        members = order.loc[order[S.SEGMENT] == name, _POSITION].to_numpy()
        edges = np.linspace(0, len(members), quota + 1).astype(np.int64)
        low, high = edges[:-1], edges[1:]
        picks.append(members[low + (rng.random(quota) * (high - low)).astype(np.int64)])
    return np.concatenate(picks) if picks else np.array([], dtype=np.int64)


def _quotas(sizes: pd.Series, n: int) -> pd.Series:
    """An equal share of ``n`` per segment, capped by its size; what is left goes to the largest.

    >>> _quotas(pd.Series({"core": 2, "silent": 50, "new": 9}), 12).tolist()
    [2, 5, 5]
    """
    quota = pd.Series(0, index=sizes.index, dtype="int64")
    left = min(n, int(sizes.sum()))
    while left > 0:
        room = sizes - quota
        open_ = room[room > 0]
        share = left // len(open_)
        if share == 0:  # fewer draws left than segments: one more each for the largest
            largest = open_.index[np.argsort(-sizes[open_.index].to_numpy(), kind="stable")[:left]]
            quota[largest] += 1
            break
        add = np.minimum(open_, share)
        quota[add.index] += add
        left -= int(add.sum())
    return quota[quota > 0]


def _write_template(sample: pd.DataFrame, path: Path) -> None:
    table = sample.reset_index()
    last = pd.to_datetime(table[S.LAST_MESSAGE_AT], utc=True)
    table[S.LAST_MESSAGE_AT] = last.dt.strftime("%Y-%m-%d").astype("string")
    table = spreadsheet_safe(table.loc[:, list(_TEMPLATE_COLUMNS)])
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8-sig", newline="") as handle:
        table.to_csv(handle, index=False, lineterminator="\r\n")


# ---------------------------------------------------------------- the ratings
def _read_ratings_file(path: Path) -> pd.DataFrame:
    """The ``contact_id`` and ``rating`` cells of a ratings CSV, as text, with their physical lines."""
    if not path.is_file():
        raise ParameterError(
            "the ratings file does not exist",
            file=str(path),
            expected="the ratings.csv written by `netstats rate-sample` (or rating_sample(..., path=...))",
            fix="check the path, or write the template with `netstats rate-sample EXPORT -o ratings.csv`",
        )
    text = _decode(path)
    lines = text.splitlines()
    header_line = next((i for i, line in enumerate(lines) if line.strip()), None)
    if header_line is None:
        raise ExportFormatError(
            "the ratings file is empty",
            file=str(path),
            line=1,
            expected="a header line contact_id,rating and one line per rated contact",
            fix="fill in the template written by `netstats rate-sample`",
        )
    header = lines[header_line]
    delimiter = next((d for d in (",", ";", "\t") if d in header), ",")  # ';' from a European spreadsheet
    rows, starts = _csv_rows(text, delimiter, path)
    names = [cell.strip().lower() for cell in rows[0]]
    missing = [c for c in (S.CONTACT_ID, S.RATING) if c not in names]
    if missing:
        raise ExportFormatError(
            f"the header has no {' and no '.join(missing)} column",
            file=str(path),
            line=starts[0],
            expected="a header with the columns contact_id and rating (other columns are ignored)",
            fix="keep the template's header line as written; only type the ratings",
        )
    at = {c: names.index(c) for c in (S.CONTACT_ID, S.RATING)}
    cells = {c: [row[i] if i < len(row) else "" for row in rows[1:]] for c, i in at.items()}
    return pd.DataFrame({**cells, _LINE: starts[1:]}, dtype=object)


def _csv_rows(text: str, delimiter: str, path: Path) -> tuple[list[list[str]], list[int]]:
    """The non-blank rows and the physical line each starts on."""
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows, starts, start = [], [], 1
    try:
        for row in reader:  # tens of hand-typed lines: their physical numbers matter more than speed
            if any(cell.strip() for cell in row):
                rows.append(row)
                starts.append(start)
            start = reader.line_num + 1
    except csv.Error:
        raise ExportFormatError(
            "the ratings file is not readable CSV (a stray quote or control character)",
            file=str(path),
            line=start,
            expected="one line per contact: contact_id, then the rating, separated by commas",
            fix="open the file in a spreadsheet and save it again as CSV",
        ) from None
    return rows, starts


def _decode(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:  # a spreadsheet's plain "CSV" on Windows
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise ExportFormatError(
            "the ratings file is neither UTF-8 nor Windows-1252 text",
            file=str(path),
            line=data[: exc.start].count(b"\n") + 1,
            expected="a CSV file saved as text",
            fix="save it from the spreadsheet as 'CSV UTF-8'",
        ) from None


def _ratings_frame(ratings: object) -> tuple[pd.DataFrame, str | None]:
    """Ratings as text cells with a line (file) or row (frame) number, and the file name if any."""
    if isinstance(ratings, (str, os.PathLike)):
        return _read_ratings_file(Path(ratings)), str(ratings)
    if isinstance(ratings, pd.Series):
        ratings = ratings.rename(S.RATING).rename_axis(S.CONTACT_ID).reset_index()
    if not isinstance(ratings, pd.DataFrame):
        raise ParameterError(
            f"ratings must be a path or a pandas DataFrame, not {type(ratings).__name__}",
            expected="the path of a filled-in ratings.csv, or a frame with contact_id and rating columns",
            fix="pass the path of the file written by rating_sample(..., path=...) once filled in",
        )
    if S.CONTACT_ID not in ratings.columns and ratings.index.name == S.CONTACT_ID:
        ratings = ratings.reset_index()
    require_columns(ratings, (S.CONTACT_ID, S.RATING), "ratings", "rating_sample(features), filled in")
    frame = pd.DataFrame({c: ratings[c].astype(object).to_numpy() for c in (S.CONTACT_ID, S.RATING)})
    frame[_LINE] = np.arange(1, len(frame) + 1)
    return frame, None


def _where(lines: pd.Series, file: str | None) -> str:
    """'lines 3, 7' in a file, 'rows 3, 7' of a frame (at most eight named)."""
    shown = ", ".join(map(str, lines.iloc[:8])) + (", ..." if len(lines) > 8 else "")
    return f"{'line' if file else 'row'}{'s' if len(lines) > 1 else ''} {shown}"


def _refuse(problem: str, bad: pd.Series, file: str | None, expected: str, fix: str) -> None:
    lines = bad.astype("int64")
    error = ExportFormatError if file else ParameterError
    first = int(lines.iloc[0]) if file else None
    raise error(f"{problem} ({_where(lines, file)})", file=file, line=first, expected=expected, fix=fix)


def _parse_ratings(frame: pd.DataFrame, file: str | None) -> tuple[pd.DataFrame, list[str]]:
    """Valid rated rows (contact_id, rating as int, line) and notes on the rows left out."""
    ids = frame[S.CONTACT_ID].astype("string").str.strip().replace("", pd.NA)
    text = frame[S.RATING].astype("string").str.strip().replace("", pd.NA)
    value = pd.to_numeric(text, errors="coerce")
    scale = "a whole number from 1 (would not recognise) to 5 (would ask for a big favour)"
    not_number = (text.notna() & value.isna()).to_numpy()
    off_scale = (value.notna() & ~value.isin(list(RATING_SCALE))).to_numpy()
    no_id = (ids.isna() & value.notna()).to_numpy()
    if not_number.any():
        _refuse(
            "a rating is not a number",
            frame.loc[not_number, _LINE],
            file,
            scale,
            "type one digit from 1 to 5 in the rating column",
        )
    if off_scale.any():
        _refuse(
            "a rating is outside the scale 1-5 or not whole",
            frame.loc[off_scale, _LINE],
            file,
            scale,
            "use only 1, 2, 3, 4 or 5",
        )
    if no_id.any():
        _refuse(
            "a rating has no contact_id",
            frame.loc[no_id, _LINE],
            file,
            "the contact_id of the template on every rated line",
            "copy the line's contact_id back from the template",
        )
    rated = pd.DataFrame({S.CONTACT_ID: ids, S.RATING: value, _LINE: frame[_LINE]})
    rated = rated.loc[value.notna().to_numpy()]
    repeated = rated[S.CONTACT_ID].duplicated(keep=False).to_numpy()
    if repeated.any():
        _refuse(
            "a contact is rated more than once",
            rated.loc[repeated, _LINE],
            file,
            "one rating per contact",
            "keep one line per contact_id and delete the others",
        )
    notes = []
    unrated = int((value.isna() & ids.notna()).sum())
    if unrated:
        notes.append(
            f"{unrated} contact{'s' if unrated > 1 else ''} of the list had no rating and "
            f"{'were' if unrated > 1 else 'was'} left out"
        )
    return rated.astype({S.RATING: "int64"}), notes


def _known(rated: pd.DataFrame, index: pd.Index, file: str | None) -> tuple[pd.DataFrame, list[str]]:
    """Rows whose contact is in the features; a spreadsheet's leading ' before an id is undone."""
    known = pd.Index(index.astype(str))
    ids = rated[S.CONTACT_ID].astype(str)
    unquoted = ids.str.removeprefix("'")
    ids = ids.where(ids.isin(known) | ~unquoted.isin(known), unquoted)
    found = ids.isin(known).to_numpy()
    notes = []
    unknown = int((~found).sum())
    if unknown:
        notes.append(
            f"{unknown} rated contact_id{'s are' if unknown > 1 else ' is'} not in this export and "
            f"{'were' if unknown > 1 else 'was'} left out ({_where(rated.loc[~found, _LINE], file)}): "
            "rate contacts from the template of this export"
        )
    return rated.assign(**{S.CONTACT_ID: ids}).loc[found], notes


# ---------------------------------------------------------------- the calibration
@dataclass(frozen=True)
class TieStrengthCalibration:
    """Tie-strength weights fitted to a person's ratings, and how well they agree with them.

    Attributes
    ----------
    weights : dict of str to float
        The weights to use, summing to 1: fitted when ``fitted`` is true,
        else the defaults.
    default_weights : dict of str to float
        The default weights of :func:`netstats.tie_strength`.
    fitted : bool
        Whether the weights were fitted (False: too few ratings or no spread;
        ``notes`` says why).
    n_ratings : int
        Ratings used (rated contacts that are in the features).
    agreement : pandas.DataFrame
        Index ``default``, ``fitted``; columns ``spearman`` (Spearman's rho
        between the held-out ratings and the predicted ones) and
        ``strong_weak_accuracy`` (share of held-out contacts put on the right
        side of "rated 4 or more").  Cross-validated; NaN when nothing was fitted.
    notes : tuple of str
        What was left out or kept, in words (also issued as :class:`CalibrationWarning`).
    """

    weights: dict[str, float]
    default_weights: dict[str, float]
    fitted: bool
    n_ratings: int
    agreement: pd.DataFrame
    notes: tuple[str, ...]

    def scorer(self, features: pd.DataFrame) -> pd.DataFrame:
        """Score ``features`` like :func:`netstats.tie_strength`, with these weights."""
        return tie_strength(features, weights=self.weights)

    def weights_table(self) -> pd.DataFrame:
        """The default and the calibrated weight of every component, one row each."""
        table = pd.DataFrame({DEFAULT: self.default_weights, FITTED: self.weights})
        return table.rename_axis("component")

    def summary(self) -> dict:
        """The calibration as plain numbers and texts (the report's ``tie_strength_calibration``)."""
        agreement = self.agreement.astype(object).where(self.agreement.notna(), None)
        return {
            "fitted": self.fitted,
            "n_ratings": self.n_ratings,
            "weights": [
                {
                    "component": name.removeprefix("strength_"),
                    DEFAULT: round(self.default_weights[name], 3),
                    FITTED: round(self.weights[name], 3),
                }
                for name in COMPONENTS
            ],
            "agreement": {
                kind: {k: None if v is None else round(float(v), 3) for k, v in agreement.loc[kind].items()}
                for kind in (DEFAULT, FITTED)
            },
            "notes": list(self.notes),
        }


def calibrate_tie_strength(
    features: pd.DataFrame,
    ratings: str | os.PathLike | pd.DataFrame | pd.Series,
    random_state: int = 0,
) -> TieStrengthCalibration:
    """Fit the tie-strength weights to a person's own ratings of their contacts.

    Parameters
    ----------
    features : pandas.DataFrame
        What :func:`netstats.contact_features` returned.
    ratings : path-like or pandas.DataFrame or pandas.Series
        The filled-in template of :func:`rating_sample` (a CSV with
        ``contact_id`` and ``rating`` columns; other columns are ignored;
        ``,`` or ``;`` separated, UTF-8 or Windows-1252), or a frame with
        those columns, or a Series of ratings indexed by ``contact_id``.
        Ratings are whole numbers from 1 to 5 (:data:`RATING_SCALE`);
        contacts left without a rating, and ids not in ``features``, are left
        out with a note.
    random_state : int, default 0
        Seed of the cross-validation folds.

    Returns
    -------
    TieStrengthCalibration
        ``weights`` (fitted, or the defaults when there are fewer than
        :data:`MIN_RATINGS` usable ratings or they are all equal),
        ``agreement`` of the default and fitted weights with the ratings
        (cross-validated), ``notes``, and ``scorer``, a drop-in replacement
        for :func:`netstats.tie_strength`.

    Raises
    ------
    ParameterError or ExportFormatError
        When a rating is not a number, not a whole number from 1 to 5, has no
        contact_id, or a contact is rated twice (file and lines named; a
        frame's rows are counted from 1).

    Warns
    -----
    CalibrationWarning
        For every note: ratings left out, or the defaults kept.

    Examples
    --------
    >>> import netstats as ns
    >>> feats = ns.contact_features(ns.load("data/sample"))
    >>> sample = ns.rating_sample(feats, n=20)
    >>> # a person who rates by the months of two-way exchange (a real person types their own)
    >>> ratings = 1 + feats.loc[sample.index, "two_way_months"].clip(upper=4)
    >>> cal = ns.calibrate_tie_strength(feats, ratings)
    >>> cal.fitted, cal.n_ratings, max(cal.weights, key=cal.weights.get)
    (True, 20, 'strength_reciprocity')
    >>> cal.agreement.round(2)  # doctest: +NORMALIZE_WHITESPACE
             spearman  strong_weak_accuracy
    default      0.91                   1.0
    fitted       0.91                   1.0
    >>> ns.tie_strength(feats, weights=cal.weights).equals(cal.scorer(feats))
    True
    """
    require_columns(features, _STRENGTH_INPUTS, "features", _PRODUCER)
    _check_int("random_state", random_state, minimum=None)
    rated, notes = _usable_ratings(features, ratings)
    rows = pd.Index(features.index.astype(str)).get_indexer(rated[S.CONTACT_ID])
    scores = tie_strength(features).iloc[rows]
    x = scores[list(COMPONENTS)].to_numpy()
    y = rated[S.RATING].to_numpy(dtype="float64")
    reason = _cannot_fit(y)
    weights = None if reason else _fit_weights(x, y)
    if reason is None and weights is None:
        reason = "no component rises with your ratings"
    if reason:
        notes.append(f"{reason}: tie strength keeps the default weights")
        agreement = pd.DataFrame(np.nan, index=[DEFAULT, FITTED], columns=[SPEARMAN, ACCURACY])
    else:
        agreement = _agreement(x, scores[S.TIE_STRENGTH].to_numpy(), y, int(random_state))
    for note in notes:
        warnings.warn(note, CalibrationWarning, stacklevel=2)
    return TieStrengthCalibration(
        weights=dict(WEIGHTS) if weights is None else weights,
        default_weights=dict(WEIGHTS),
        fitted=weights is not None,
        n_ratings=len(y),
        agreement=agreement,
        notes=tuple(notes),
    )


def _usable_ratings(features: pd.DataFrame, ratings: object) -> tuple[pd.DataFrame, list[str]]:
    """Rated contacts of ``features`` (contact_id, rating, line) and notes on what was left out."""
    frame, file = _ratings_frame(ratings)
    rated, notes = _parse_ratings(frame, file)
    rated, unknown = _known(rated, features.index, file)
    return rated, notes + unknown


def _cannot_fit(y: np.ndarray) -> str | None:
    if len(y) < MIN_RATINGS:
        plural = "s" if len(y) != 1 else ""
        return f"only {len(y)} usable rating{plural}, fewer than the {MIN_RATINGS} a fit needs"
    if np.unique(y).size == 1:
        return f"all {len(y)} ratings are {int(y[0])}, so they cannot tell strong ties from weak ones"
    return None


def _model() -> Pipeline:
    """Ridge with non-negative coefficients on standardised components.

    Standardised, every component pays the same penalty for the same effect on
    the ratings: on the raw 0-1 scale a component that is small for most
    contacts (recency, which halves every 90 days) would be shrunk the most.
    """
    return make_pipeline(StandardScaler(), Ridge(alpha=RIDGE_ALPHA, positive=True))


def _fit_weights(x: np.ndarray, y: np.ndarray) -> dict[str, float] | None:
    """Non-negative weights on the components' own 0-1 scale, summing to 1 (None when all are zero)."""
    model = _model().fit(x, y)
    scale = model[0].scale_  # 1 for a constant component, whose coefficient is then 0
    coef = model[-1].coef_ / scale
    if coef.sum() <= 1e-9:
        return None
    return dict(zip(COMPONENTS, (coef / coef.sum()).tolist(), strict=True))


def _agreement(x: np.ndarray, default_score: np.ndarray, y: np.ndarray, random_state: int) -> pd.DataFrame:
    """Cross-validated Spearman's rho and strong-vs-weak accuracy of the default and fitted weights."""
    folds = KFold(n_splits=min(CV_FOLDS, len(y)), shuffle=True, random_state=random_state)
    predicted = {
        DEFAULT: cross_val_predict(LinearRegression(positive=True), default_score[:, None], y, cv=folds),
        FITTED: cross_val_predict(_model(), x, y, cv=folds),
    }
    strong = y >= STRONG_FROM
    rows = {
        kind: {SPEARMAN: _spearman(p, y), ACCURACY: float(np.mean((p >= STRONG_FROM - 0.5) == strong))}
        for kind, p in predicted.items()
    }
    return pd.DataFrame.from_dict(rows, orient="index")


def _spearman(predicted: np.ndarray, y: np.ndarray) -> float:
    if np.ptp(predicted) < 1e-12:
        return float("nan")  # a constant prediction ranks nobody
    return float(spearmanr(predicted, y).statistic)
