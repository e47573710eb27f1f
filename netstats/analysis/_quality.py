"""Relationship quality: tie strength, segments and clusters, from the contact features.

Tie strength
------------
:func:`tie_strength` scores every contact from 0 to 100 as a weighted sum of six
components, each between 0 and 1 and returned as its own column so a reader can
see *why* a score is what it is:

============================ ====== ============================================================
component                    weight definition
============================ ====== ============================================================
``strength_recency``         0.25   ``v * 0.5 ** (days_since_last / 90)``: halves every 90 days
``strength_frequency``       0.20   ``log(1 + two_way_months) / log(1 + 12)``, capped at 1
``strength_reciprocity``     0.20   ``v * min(n_sent, n_received) / max(n_sent, n_received)``
``strength_depth``           0.15   ``log(1 + w) / log(1 + 40)``, capped at 1, where ``w`` is the
                                    smaller of the two sides' words per message
``strength_duration``        0.10   months from the first to the last message / 36, capped at 1
``strength_personalisation`` 0.10   the larger of the invitation note (personal 1, generic 0.25,
                                    none 0) and ``v * (1 - n_pitch_messages / n_received)``
                                    (the share of their messages that are not templates)
============================ ====== ============================================================

``v = min(1, log(1 + min(n_sent, n_received)) / log(1 + 8))`` is the *exchange
volume*: it is full once both sides wrote 8 messages, so a
single "hi" / "hello" exchange last week cannot look like a close tie.  Every
message-based component is 0 unless *both* sides wrote (``n_sent > 0`` and
``n_received > 0``); only the invitation note can score without it.

Why these components and weights:

* Granovetter (1973, "The strength of weak ties") defines tie strength as a
  combination of time, emotional intensity, intimacy (mutual confiding) and
  reciprocal services.  Gilbert & Karahalios (CHI 2009, "Predicting tie
  strength with social media") predicted how strong people themselves rate
  2,184 ties from dimensions that include recency of contact, intensity,
  intimacy, duration and reciprocal services.  Recency carries the largest
  weight here because it is the one dimension that tells a live tie from a
  past one; intensity (frequency), reciprocity, intimacy (depth) and duration
  follow.  The weights are our reading of that literature, not fitted
  coefficients (the paper's coefficient table was not re-checked).
* Recency decays but never alone decides: a long two-way relationship keeps
  its frequency, reciprocity, depth and duration after a quiet year.  PingCRM
  users reported that 50+ messages over five years scored zero after a quiet
  year (sneg55/pingcrm#18); here a relationship with at least 6 months of
  two-way exchange over 2+ years, a balance of at least 1:2 and 10+ words per
  message each way stays at 45 or more however long the silence
  (:data:`LONG_TIE_FLOOR`).
* Volume is protected against: frequency counts *months* with a two-way
  exchange, not messages, the idea of margince/margince#1564 (count a chat
  once per period so a chatty channel does not dominate).  A contact who
  sends 200 messages with no answer scores 10 at most (a personal invitation
  note), below any modest two-way tie.
* Reciprocity is PingCRM's balance ratio ``min(in, out) / max(in, out)``.
* Several channels are a sign of a strong tie: Haythornthwaite (2002, "Strong,
  weak, and latent ties and the impact of new media") found that the stronger
  a tie, the more media its two people use to reach each other ("media
  multiplexity").  A contact the owner talks with, both ways, on two or more
  platforms (``is_multiplex``, from several exports loaded together) closes a
  quarter of the gap to 100: ``score + 0.25 * (100 - score)``, shown as
  ``strength_multiplex`` (1 or 0).  With one platform nothing changes.
* Weak ties matter: Rajkumar et al. (Science 2022, "A causal test of the
  strength of weak ties", LinkedIn experiments with 20 million people) found
  that moderately weak ties produced the most job mobility.  A low score is
  therefore never advice to remove anyone; netstats only uses it to rank.

Segments
--------
:func:`segment_contacts` assigns every contact one segment of a fixed
vocabulary **by rules**, first match wins (``two-way`` means both sides wrote
at least one message, ``days`` is ``days_since_last``):

``core``
    two-way in at least 4 distinct calendar months of the last 24
    (``recent_two_way_months``), and the last message at most 90 days ago.
    However many messages: a person who writes a few long messages and one
    who writes many short ones are judged alike.
``dormant``
    two-way (a real exchange happened), quiet for more than 365 days.
``new``
    connected in the last 60 days: too early to judge, whatever was already
    said (a pitch is still flagged by ``looks_like_pitch``).
``occasional``
    two-way, last message within 365 days, not core.
``one_way_inbound``
    they wrote to the owner in a 1:1 conversation, the owner never wrote to
    them (pitches end up here).
``one_way_outbound``
    the owner wrote to them in a 1:1 conversation, they never wrote.
``silent``
    no message exchanged (group posts that nobody answered are not an
    exchange: a post to a group is addressed to nobody in particular).

Why ``core`` is regularity and recency, not volume.  Dunbar's layers of
personal networks are defined by how *often* people are in contact, not by
how much they say: about 5 people in touch at least weekly, 15 at least
monthly, 50 and 150 at least yearly (Hill & Dunbar 2003, "Social network
size in humans", Human Nature 14; Sutcliffe, Dunbar, Binder & Arrow 2012,
"Relationships and the social brain", British Journal of Psychology 103;
Dunbar 2018, "The anatomy of friendship", Trends in Cognitive Sciences
22).  A written, professional channel sees only part of that contact, so
``core`` asks for two-way contact in at least one month in six over two years
(:data:`CORE_MIN_TWO_WAY_MONTHS` of :data:`~netstats.analysis._features.RECENT_MONTHS`),
counted in months with a two-way exchange so one chatty month does not count
more than one quiet one.  And it asks for recency: in Gilbert & Karahalios
(CHI 2009, "Predicting tie strength with social media") days since the last
communication is the single predictor with the largest effect on how strong
people rate a tie (our reading of the paper; its coefficient table was not
re-checked here), so a core tie must have written within
:data:`CORE_MAX_DAYS` days (the CRM convention of 90 days, see the tie
strength's recency half-life).

Rules, not the clustering, assign segments: they are the documented
definitions a reader can check contact by contact, and they stay stable when a
few contacts are added.  The clustering contributes an independent,
data-driven view: contacts who exchanged at least one message are grouped by
k-means on scaled, log-transformed interaction features, each cluster is
described in words from its centroid (``cluster_label``), and a 2-D PCA
projection (``x``, ``y``) places contacts for plotting.  Comparing segments
with clusters shows where the rules cut through a natural group.
"""

from __future__ import annotations

import numbers
from collections.abc import Mapping

import numpy as np
import pandas as pd
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA
from sklearn.metrics import silhouette_score
from sklearn.preprocessing import StandardScaler
from threadpoolctl import threadpool_limits

from .. import schema as S
from .._errors import ParameterError
from ._features import contact_features, require_columns

CORE, OCCASIONAL, DORMANT, NEW, ONE_WAY_INBOUND, ONE_WAY_OUTBOUND, SILENT = S.SEGMENTS

# ------------------------------------------------------------------ tie strength
WEIGHTS = {
    S.STRENGTH_RECENCY: 0.25,
    S.STRENGTH_FREQUENCY: 0.20,
    S.STRENGTH_RECIPROCITY: 0.20,
    S.STRENGTH_DEPTH: 0.15,
    S.STRENGTH_DURATION: 0.10,
    S.STRENGTH_PERSONALISATION: 0.10,
}
RECENCY_HALF_LIFE_DAYS = 90  # CRM convention: 90 days without contact is "cooling"
FREQUENCY_FULL_MONTHS = 12  # a year's worth of months with a two-way exchange
DEPTH_FULL_WORDS = 40  # words per message, the smaller side
DURATION_FULL_MONTHS = 36
GENERIC_NOTE_CREDIT = 0.25
FULL_VOLUME_MESSAGES = 8  # each way: the exchange volume v is full from here
LONG_TIE_FLOOR = 45.0  # the lowest score of a long two-way relationship (module documentation)
MULTIPLEX_GAP_SHARE = 0.25  # share of the gap to 100 a two-way tie on several platforms closes

# ------------------------------------------------------------------ segment rules
CORE_MIN_TWO_WAY_MONTHS = 4  # of the last RECENT_MONTHS (24): one month in six, see the module documentation
CORE_MAX_DAYS = 90
DORMANT_AFTER_DAYS = 365
NEW_WITHIN_DAYS = 60

# ------------------------------------------------------------------ clustering
MAX_CLUSTERS = 8
SILHOUETTE_SAMPLE = 2000
NO_CLUSTER = -1
NO_CLUSTER_LABEL = "no messages exchanged"

_STRENGTH_INPUTS = (
    S.N_SENT,
    S.N_RECEIVED,
    S.DAYS_SINCE_LAST,
    S.TWO_WAY_MONTHS,
    S.OWNER_WORDS_PER_MESSAGE,
    S.CONTACT_WORDS_PER_MESSAGE,
    S.FIRST_MESSAGE_AT,
    S.LAST_MESSAGE_AT,
    S.INVITATION_NOTE_KIND,
    S.N_PITCH_MESSAGES,
)
_RULE_INPUTS = (
    S.N_SENT,
    S.N_RECEIVED,
    S.DAYS_SINCE_LAST,
    S.RECENT_TWO_WAY_MONTHS,
    S.IS_CONNECTION,
    S.TENURE_DAYS,
    S.UNANSWERED_INBOUND,
    S.UNANSWERED_OUTBOUND,
)
_SEGMENT_INPUTS = (
    S.UNANSWERED_INBOUND,
    S.UNANSWERED_OUTBOUND,
    S.N_SENT,
    S.N_RECEIVED,
    S.DAYS_SINCE_LAST,
    S.RECENT_TWO_WAY_MONTHS,
    S.TWO_WAY_MONTHS,
    S.IS_CONNECTION,
    S.TENURE_DAYS,
    S.RECIPROCITY,
    S.OWNER_STARTED_SHARE,
)
_PRODUCER = "netstats.contact_features(export)"


def tie_strength(features: pd.DataFrame, weights: Mapping[str, float] | None = None) -> pd.DataFrame:
    """Score every contact's tie from 0 to 100, with one column per component.

    The formula, weights and sources are in the module documentation.

    Parameters
    ----------
    features : pandas.DataFrame
        What :func:`netstats.contact_features` returned.
    weights : mapping of str to float, optional
        One non-negative weight per component (the six ``strength_*`` names
        of the module documentation), e.g. the weights fitted to the
        person's own ratings by :func:`netstats.calibrate_tie_strength`.
        They are scaled to sum to 1, so the score stays between 0 and 100.
        Default: the weights argued from the literature (:data:`WEIGHTS`).

    Returns
    -------
    pandas.DataFrame
        Same index as ``features``; columns ``tie_strength`` (0-100) and the
        six weighted components (0-1) and ``strength_multiplex`` (1 when the
        tie is two-way on several platforms): :data:`netstats.schema.TIE_STRENGTH_COLUMNS`.
        Join it to the features with ``features.join(tie_strength(features))``.

    Examples
    --------
    >>> f = pd.DataFrame({"n_sent": [12, 0], "n_received": [10, 40], "days_since_last": [90.0, 1.0],
    ...     "two_way_months": [12, 0], "owner_words_per_message": [40.0, None],
    ...     "contact_words_per_message": [40.0, 120.0],
    ...     "first_message_at": pd.to_datetime(["2023-01-01", "2025-01-01"], utc=True),
    ...     "last_message_at": pd.to_datetime(["2026-01-01", "2026-01-01"], utc=True),
    ...     "invitation_note_kind": [None, "personal"], "n_pitch_messages": [0, 40]},
    ...     index=pd.Index(["friend", "pitcher"], name="contact_id"))
    >>> scores = tie_strength(f)
    >>> scores["tie_strength"].round(2).to_dict()
    {'friend': 84.17, 'pitcher': 10.0}
    >>> scores.loc["friend"].round(3).to_dict()  # doctest: +NORMALIZE_WHITESPACE
    {'tie_strength': 84.167, 'strength_recency': 0.5, 'strength_frequency': 1.0,
     'strength_reciprocity': 0.833, 'strength_depth': 1.0, 'strength_duration': 1.0,
     'strength_personalisation': 1.0, 'strength_multiplex': 0.0}
    """
    require_columns(features, _STRENGTH_INPUTS, "features", _PRODUCER)
    weights = checked_weights(weights)
    sent = features[S.N_SENT].to_numpy(dtype="float64")
    received = features[S.N_RECEIVED].to_numpy(dtype="float64")
    two_way = (sent > 0) & (received > 0)

    volume = np.where(
        two_way, np.minimum(1.0, np.log1p(np.minimum(sent, received)) / np.log1p(FULL_VOLUME_MESSAGES)), 0.0
    )
    days = np.clip(features[S.DAYS_SINCE_LAST].to_numpy(dtype="float64", na_value=np.nan), 0, None)
    recency = volume * np.power(0.5, np.nan_to_num(days, nan=np.inf) / RECENCY_HALF_LIFE_DAYS)
    months = features[S.TWO_WAY_MONTHS].to_numpy(dtype="float64")
    frequency = np.minimum(1.0, np.log1p(months) / np.log1p(FREQUENCY_FULL_MONTHS))
    with np.errstate(divide="ignore", invalid="ignore"):
        reciprocity = np.where(two_way, volume * np.minimum(sent, received) / np.maximum(sent, received), 0.0)
    words = np.fmin(
        features[S.OWNER_WORDS_PER_MESSAGE].to_numpy(dtype="float64", na_value=np.nan),
        features[S.CONTACT_WORDS_PER_MESSAGE].to_numpy(dtype="float64", na_value=np.nan),
    )
    depth = np.where(
        two_way, np.minimum(1.0, np.log1p(np.nan_to_num(words, nan=0.0)) / np.log1p(DEPTH_FULL_WORDS)), 0.0
    )
    span = pd.to_datetime(features[S.LAST_MESSAGE_AT], utc=True) - pd.to_datetime(
        features[S.FIRST_MESSAGE_AT], utc=True
    )
    span_months = (span / pd.Timedelta(days=365.25 / 12)).to_numpy(dtype="float64", na_value=0.0)
    duration = np.where(two_way, np.minimum(1.0, span_months / DURATION_FULL_MONTHS), 0.0)
    note = features[S.INVITATION_NOTE_KIND].astype("string")
    note_credit = np.where(
        note.eq(S.NOTE_PERSONAL).fillna(False),
        1.0,
        np.where(note.eq(S.NOTE_GENERIC).fillna(False), GENERIC_NOTE_CREDIT, 0.0),
    )
    pitches = features[S.N_PITCH_MESSAGES].to_numpy(dtype="float64")
    with np.errstate(divide="ignore", invalid="ignore"):
        personal_messages = np.where(two_way, volume * (1.0 - np.minimum(pitches, received) / received), 0.0)
    personalisation = np.maximum(note_credit, personal_messages)

    components = {
        S.STRENGTH_RECENCY: recency,
        S.STRENGTH_FREQUENCY: frequency * two_way,
        S.STRENGTH_RECIPROCITY: reciprocity,
        S.STRENGTH_DEPTH: depth,
        S.STRENGTH_DURATION: duration,
        S.STRENGTH_PERSONALISATION: personalisation,
    }
    score = 100.0 * sum(weights[name] * value for name, value in components.items())
    multiplex = two_way & (
        features[S.IS_MULTIPLEX].fillna(False).to_numpy(dtype=bool)
        if S.IS_MULTIPLEX in features.columns
        else np.zeros(len(features), dtype=bool)
    )
    score = score + MULTIPLEX_GAP_SHARE * (100.0 - score) * multiplex
    components[S.STRENGTH_MULTIPLEX] = multiplex.astype("float64")
    out = pd.DataFrame({S.TIE_STRENGTH: np.clip(score, 0.0, 100.0), **components}, index=features.index)
    return out.astype("float64")


def checked_weights(weights: Mapping[str, float] | None) -> dict[str, float]:
    """Return tie-strength weights scaled to sum to 1 (the defaults, :data:`WEIGHTS`, when None).

    Raises :class:`ParameterError` unless ``weights`` names exactly the six
    components with finite, non-negative numbers of which at least one is positive.

    Examples
    --------
    >>> mine = {**dict.fromkeys(WEIGHTS, 0.0), "strength_depth": 2.0, "strength_recency": 2.0}
    >>> checked_weights(mine)  # doctest: +NORMALIZE_WHITESPACE
    {'strength_recency': 0.5, 'strength_frequency': 0.0, 'strength_reciprocity': 0.0,
     'strength_depth': 0.5, 'strength_duration': 0.0, 'strength_personalisation': 0.0}
    """
    if weights is None:
        return dict(WEIGHTS)
    expected = f"a mapping of the six components {list(WEIGHTS)} to non-negative numbers, not all zero"
    fix = "pass weights=None for the defaults, or the weights of netstats.calibrate_tie_strength(...)"
    if not isinstance(weights, Mapping) or set(weights) != set(WEIGHTS):
        names = sorted(map(str, weights)) if isinstance(weights, Mapping) else type(weights).__name__
        raise ParameterError(
            f"weights must name exactly the six tie-strength components, not {names}",
            expected=expected,
            fix=fix,
        )
    numeric = all(isinstance(v, numbers.Real) and not isinstance(v, bool) for v in weights.values())
    values = np.array([weights[name] for name in WEIGHTS] if numeric else [np.nan], dtype="float64")
    if not np.isfinite(values).all() or (values < 0).any() or values.sum() <= 0:
        raise ParameterError(
            "weights must be finite, non-negative numbers, at least one positive", expected=expected, fix=fix
        )
    return dict(zip(WEIGHTS, (values / values.sum()).tolist(), strict=True))


# ------------------------------------------------------------------ segments
def segment_rules(features: pd.DataFrame) -> pd.Series:
    """Return the rule-based segment of every contact (rules in the module documentation).

    Examples
    --------
    >>> f = pd.DataFrame({"n_sent": [4, 3, 2, 0, 0, 4, 0], "n_received": [5, 1, 5, 0, 6, 0, 0],
    ...     "days_since_last": [10.0, 200.0, 500.0, None, 3.0, 40.0, None],
    ...     "recent_two_way_months": [4, 1, 0, 0, 0, 0, 0], "is_connection": [True] * 7,
    ...     "tenure_days": [900.0, 900.0, 900.0, 20.0, 900.0, 900.0, 900.0],
    ...     "unanswered_inbound": [0, 0, 0, 0, 6, 0, 0], "unanswered_outbound": [0, 0, 0, 0, 0, 4, 0]},
    ...     index=list("abcdefg"))
    >>> segment_rules(f).tolist()
    ['core', 'occasional', 'dormant', 'new', 'one_way_inbound', 'one_way_outbound', 'silent']
    """
    require_columns(
        features,
        _RULE_INPUTS,
        "features",
        _PRODUCER,
    )
    sent = features[S.N_SENT].to_numpy(dtype="float64")
    received = features[S.N_RECEIVED].to_numpy(dtype="float64")
    days = features[S.DAYS_SINCE_LAST].to_numpy(dtype="float64", na_value=np.nan)
    months = features[S.RECENT_TWO_WAY_MONTHS].to_numpy(dtype="float64")
    connected = features[S.IS_CONNECTION].fillna(False).to_numpy(dtype=bool)
    tenure = features[S.TENURE_DAYS].to_numpy(dtype="float64", na_value=np.nan)
    direct_in = features[S.UNANSWERED_INBOUND].to_numpy(dtype="float64") > 0
    direct_out = features[S.UNANSWERED_OUTBOUND].to_numpy(dtype="float64") > 0
    two_way = (sent > 0) & (received > 0)
    conditions = [
        two_way & (months >= CORE_MIN_TWO_WAY_MONTHS) & (days <= CORE_MAX_DAYS),
        two_way & (days > DORMANT_AFTER_DAYS),
        connected & (tenure <= NEW_WITHIN_DAYS),
        two_way,
        (received > 0) & (sent == 0) & direct_in,
        (sent > 0) & (received == 0) & direct_out,
    ]
    choices = [CORE, DORMANT, NEW, OCCASIONAL, ONE_WAY_INBOUND, ONE_WAY_OUTBOUND]
    segment = np.select(conditions, choices, default=SILENT)
    return pd.Series(segment, index=features.index, name=S.SEGMENT, dtype="string")


def segment_contacts(
    features: pd.DataFrame, random_state: int = 0, n_clusters: int | None = None
) -> pd.DataFrame:
    """Segment every contact by rules and cluster those who exchanged messages.

    Parameters
    ----------
    features : pandas.DataFrame
        What :func:`netstats.contact_features` returned.
    random_state : int, default 0
        Seed of k-means and of the silhouette sample: same input and seed,
        same output.
    n_clusters : int, optional
        Number of clusters.  By default it is chosen among 2 to
        :data:`MAX_CLUSTERS` by the best mean silhouette (computed on at most
        :data:`SILHOUETTE_SAMPLE` contacts); ties go to fewer clusters.

    Returns
    -------
    pandas.DataFrame
        Same index as ``features``; columns ``segment`` (rules in the module
        documentation), ``cluster`` (0 is the most active cluster; -1 for
        contacts without any message), ``cluster_label`` (the cluster's
        centroid in words), ``x`` and ``y`` (2-D PCA projection of the
        clustered contacts; NaN for the others).  ``attrs`` holds
        ``n_clusters`` and ``silhouette`` (score per k tried).

    Raises
    ------
    ParameterError
        When ``random_state`` is not an int or ``n_clusters`` is not between 1
        and the number of contacts who exchanged messages.

    Examples
    --------
    >>> f = pd.DataFrame({"n_sent": [20, 18, 1, 0, 2, 0], "n_received": [22, 15, 0, 3, 1, 0],
    ...     "days_since_last": [5.0, 12.0, 400.0, 30.0, 200.0, None],
    ...     "recent_two_way_months": [8, 7, 0, 0, 1, 0],
    ...     "two_way_months": [8, 7, 0, 0, 1, 0], "is_connection": [True] * 6,
    ...     "tenure_days": [2000.0] * 6, "reciprocity": [1.0, 1.0, 0.0, 0.0, 1.0, None],
    ...     "owner_started_share": [0.5, 0.4, 1.0, 0.0, 1.0, None],
    ...     "unanswered_inbound": [0, 2, 0, 3, 0, 0], "unanswered_outbound": [1, 0, 1, 0, 0, 0]},
    ...     index=pd.Index(list("abcdef"), name="contact_id"))
    >>> seg = segment_contacts(f, n_clusters=2)
    >>> seg[["segment", "cluster"]].T.values.tolist()
    [['core', 'core', 'one_way_outbound', 'one_way_inbound', 'occasional', 'silent'], [0, 0, 1, 1, 1, -1]]
    >>> seg.loc["a", "cluster_label"]
    'two-way, both start, recent, frequent (~19 sent, ~18 received, last ~8 days ago)'
    """
    require_columns(features, _SEGMENT_INPUTS, "features", _PRODUCER)
    if isinstance(random_state, bool) or not isinstance(random_state, numbers.Integral):
        raise ParameterError(
            f"random_state must be an int, not {type(random_state).__name__}",
            expected="an integer seed such as 0",
            fix="pass random_state=0 (or any other integer)",
        )
    segments = segment_rules(features)
    interacted = (
        features[S.N_SENT].to_numpy(dtype="float64") + features[S.N_RECEIVED].to_numpy(dtype="float64")
    ) > 0
    n_interacted = int(interacted.sum())
    if n_clusters is not None and (
        isinstance(n_clusters, bool)
        or not isinstance(n_clusters, numbers.Integral)
        or not 1 <= n_clusters <= max(n_interacted, 1)
    ):
        raise ParameterError(
            f"n_clusters must be an int between 1 and {max(n_interacted, 1)}"
            " (the contacts who exchanged messages)",
            expected="None (choose by silhouette) or a small positive integer",
            fix="pass n_clusters=None or a smaller number",
        )

    out = pd.DataFrame(
        {
            S.SEGMENT: segments,
            S.CLUSTER: NO_CLUSTER,
            S.CLUSTER_LABEL: pd.Series(NO_CLUSTER_LABEL, index=features.index, dtype="string"),
            S.PROJECTION_X: np.nan,
            S.PROJECTION_Y: np.nan,
        },
        index=features.index,
    )
    out.attrs["n_clusters"] = 0
    out.attrs["silhouette"] = {}
    if n_interacted == 0:
        return _typed(out)

    raw = _cluster_inputs(features.loc[interacted])
    scaled = StandardScaler().fit_transform(raw.to_numpy())
    # One thread: the same result on every machine, and no thread contention on
    # small inputs (k-means over a few thousand contacts takes milliseconds).
    with threadpool_limits(limits=1):
        labels, silhouettes = _kmeans(scaled, n_clusters, int(random_state))
        projection = _project(scaled, int(random_state))
    labels, names = _order_and_name(raw, labels)
    out.loc[interacted, S.CLUSTER] = labels
    out.loc[interacted, S.CLUSTER_LABEL] = names[labels]
    out.loc[interacted, S.PROJECTION_X] = projection[:, 0]
    out.loc[interacted, S.PROJECTION_Y] = projection[:, 1]
    out.attrs["n_clusters"] = int(labels.max()) + 1
    out.attrs["silhouette"] = silhouettes
    return _typed(out)


def _cluster_inputs(features: pd.DataFrame) -> pd.DataFrame:
    """The interaction features the clustering sees, log-transformed where they are counts or durations."""
    return pd.DataFrame(
        {
            "log_sent": np.log1p(features[S.N_SENT].to_numpy(dtype="float64")),
            "log_received": np.log1p(features[S.N_RECEIVED].to_numpy(dtype="float64")),
            "log_two_way_months": np.log1p(features[S.TWO_WAY_MONTHS].to_numpy(dtype="float64")),
            "log_days_since_last": np.log1p(
                np.clip(features[S.DAYS_SINCE_LAST].to_numpy(dtype="float64", na_value=0.0), 0, None)
            ),
            "reciprocity": features[S.RECIPROCITY].to_numpy(dtype="float64", na_value=0.0),
            "owner_started_share": features[S.OWNER_STARTED_SHARE].to_numpy(dtype="float64", na_value=0.0),
        },
        index=features.index,
    )


# k-means restarts per k: 3 gave the same k and silhouette as 10 on the 30k-contact benchmark, 4x faster.
N_INIT = 3


def _kmeans(
    scaled: np.ndarray, n_clusters: int | None, random_state: int
) -> tuple[np.ndarray, dict[int, float]]:
    """k-means labels; k by best silhouette over 2..MAX_CLUSTERS unless given."""
    distinct = len(np.unique(scaled.round(9), axis=0))
    if n_clusters is None:
        candidates = range(2, min(MAX_CLUSTERS, distinct - 1) + 1)
        if not candidates:
            n_clusters = max(1, min(distinct, 2))
    silhouettes: dict[int, float] = {}
    if n_clusters is None:
        best = None
        sample = min(len(scaled), SILHOUETTE_SAMPLE)
        for k in candidates:
            labels = KMeans(n_clusters=k, n_init=N_INIT, random_state=random_state).fit_predict(scaled)
            score = float(silhouette_score(scaled, labels, sample_size=sample, random_state=random_state))
            silhouettes[k] = score
            if best is None or score > best[0] + 1e-12:
                best = (score, labels)
        return best[1], silhouettes
    k = min(n_clusters, distinct)
    if k <= 1:
        return np.zeros(len(scaled), dtype=np.int64), silhouettes
    return KMeans(n_clusters=k, n_init=N_INIT, random_state=random_state).fit_predict(scaled), silhouettes


def _order_and_name(raw: pd.DataFrame, labels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Renumber clusters by activity (0 = most messages at the centroid) and describe each in words."""
    centroids = raw.groupby(labels).mean()
    activity = centroids["log_sent"] + centroids["log_received"]
    order = activity.sort_values(ascending=False, kind="stable").index.to_numpy()
    renumber = np.empty(len(order), dtype=np.int64)
    renumber[order] = np.arange(len(order))
    names = np.array([_describe(centroids.loc[k]) for k in order], dtype=object)
    return renumber[labels], names


def _describe(centroid: pd.Series) -> str:
    """A centroid in words: who writes, how recently, how much, with rounded numbers."""
    sent = float(np.expm1(centroid["log_sent"]))
    received = float(np.expm1(centroid["log_received"]))
    days = float(np.expm1(centroid["log_days_since_last"]))
    if sent >= 0.5 and received >= 0.5:
        started = float(centroid["owner_started_share"])
        who = "two-way, " + (
            "you usually start"
            if started >= 2 / 3
            else "they usually start"
            if started <= 1 / 3
            else "both start"
        )
    elif received >= 0.5:
        who = "they write, you do not answer"
    else:
        who = "you write, they do not answer"
    when = (
        "recent"
        if days <= CORE_MAX_DAYS
        else "this year"
        if days <= DORMANT_AFTER_DAYS
        else "quiet for over a year"
    )
    total = sent + received
    volume = "frequent" if total >= 20 else "a few messages" if total < 5 else "some messages"
    return f"{who}, {when}, {volume} (~{sent:.0f} sent, ~{received:.0f} received, last ~{days:.0f} days ago)"


def _project(scaled: np.ndarray, random_state: int) -> np.ndarray:
    """2-D PCA projection (zeros where there is nothing to project)."""
    out = np.zeros((len(scaled), 2))
    components = min(2, scaled.shape[1], len(scaled))
    if len(scaled) < 2 or np.allclose(scaled, scaled[0]):
        return out
    out[:, :components] = PCA(n_components=components, random_state=random_state).fit_transform(scaled)
    return out


def _typed(out: pd.DataFrame) -> pd.DataFrame:
    attrs = dict(out.attrs)
    typed = out.astype({c: S.DTYPES[c] for c in S.SEGMENT_COLUMNS})
    typed.attrs.update(attrs)
    return typed


# ------------------------------------------------------------------ validity
def planted_confusion(segments: pd.DataFrame | pd.Series, planted: pd.DataFrame) -> pd.DataFrame:
    """Cross-tabulate the planted kind of synthetic contacts against the segment found.

    Parameters
    ----------
    segments : pandas.DataFrame or pandas.Series
        :func:`segment_contacts` output (or its ``segment`` column), indexed by ``contact_id``.
    planted : pandas.DataFrame
        The generator's ground truth with ``contact_id`` and ``planted_kind``.

    Returns
    -------
    pandas.DataFrame
        Rows: planted kind; columns: segment found, in the fixed segment order
        (plus ``not found`` when a planted contact has no segment); a final
        ``recall`` column (share of each planted kind found as that segment).

    Examples
    --------
    >>> seg = pd.Series(["core", "dormant", "core"], index=["a", "b", "c"], name="segment")
    >>> truth = pd.DataFrame({"contact_id": ["a", "b", "c"], "planted_kind": ["core", "core", "core"]})
    >>> planted_confusion(seg, truth).loc["core", ["core", "dormant", "silent", "recall"]].round(3).tolist()
    [2.0, 1.0, 0.0, 0.667]
    """
    found = segments[S.SEGMENT] if isinstance(segments, pd.DataFrame) else segments
    require_columns(planted, (S.CONTACT_ID, S.PLANTED_KIND), "planted", "the sample generator")
    kinds = planted.set_index(planted[S.CONTACT_ID].astype("string"))[S.PLANTED_KIND].astype("string")
    found = found.copy()
    found.index = found.index.astype("string")
    result = found.reindex(kinds.index).astype("string").fillna("not found")
    columns = list(S.SEGMENTS) + (["not found"] if result.eq("not found").any() else [])
    table = pd.crosstab(kinds.rename(S.PLANTED_KIND), result.rename(S.SEGMENT)).reindex(
        columns=columns, fill_value=0
    )
    rows = [k for k in S.SEGMENTS if k in table.index] + sorted(k for k in table.index if k not in S.SEGMENTS)
    table = table.reindex(rows)
    diagonal = np.array([table.loc[k, k] if k in table.columns else 0 for k in table.index], dtype="float64")
    table["recall"] = diagonal / table[columns].sum(axis=1).to_numpy()
    table.columns.name = None
    return table


def contact_quality(
    export, *, as_of=None, random_state: int = 0, weights: Mapping[str, float] | None = None
) -> pd.DataFrame:
    """One row per contact: the features, tie strength (with its components) and segment, side by side.

    The table the report, its review lists and its charts read:
    :func:`netstats.contact_features`, then the columns of
    :func:`tie_strength` and :func:`segment_contacts` that the features do
    not already hold.

    Parameters
    ----------
    export : netstats.Export
        A loaded export (:func:`netstats.load`).
    as_of : timestamp-like, optional
        The moment described (default: the export date).
    random_state : int, default 0
        Seed of the clustering.
    weights : mapping, optional
        Tie-strength component weights (see :func:`tie_strength`), e.g. the
        ``weights`` of :func:`netstats.calibrate_tie_strength`; default the
        documented ones.

    Returns
    -------
    pandas.DataFrame
        Index ``contact_id``; the feature columns, ``tie_strength`` (0-100)
        and its components, ``cluster``, ``cluster_label`` and ``segment``.

    Examples
    --------
    >>> import netstats as ns
    >>> quality = ns.contact_quality(ns.load("data/sample"))
    >>> int(quality.loc[quality["segment"].eq("core"), "tie_strength"].round().min())
    69
    >>> int(quality["segment"].eq("silent").sum()), int(quality["tie_strength"].gt(0).sum())
    (270, 191)
    """
    return quality_of(contact_features(export, as_of=as_of), random_state=random_state, weights=weights)


def quality_of(
    features: pd.DataFrame, *, random_state: int = 0, weights: Mapping[str, float] | None = None
) -> pd.DataFrame:
    """:func:`contact_quality` of features already measured."""
    ties = tie_strength(features, weights=weights)
    segments = segment_contacts(features, random_state=random_state)
    quality = features.join(ties.loc[:, [c for c in ties.columns if c not in features.columns]])
    quality = quality.join(segments.loc[:, [c for c in segments.columns if c not in quality.columns]])
    quality.attrs.update(features.attrs)  # the moment described: growth and principles refuse a later one
    return quality


def template_accuracy(features: pd.DataFrame, planted: pd.DataFrame) -> pd.DataFrame:
    """Precision and recall of the template detectors on a synthetic export with planted truth.

    Two detectors are measured contact by contact: invitation notes (a
    contact's latest invitation note found ``generic`` against its planted
    kind, among contacts whose note has text) and pitches
    (``looks_like_pitch`` against the planted pitchers).

    Parameters
    ----------
    features : pandas.DataFrame
        What :func:`netstats.contact_features` returned for the export.
    planted : pandas.DataFrame
        The generator's ground truth (``netstats_planted.csv`` written by
        :func:`netstats.write_sample`), with ``contact_id``,
        ``invitation_note_kind`` and ``is_pitcher``.

    Returns
    -------
    pandas.DataFrame
        Rows ``invitation notes`` and ``pitches``; columns ``planted`` (true
        templates), ``found`` (flagged), ``correct`` (both), ``precision`` and
        ``recall`` (NaN when there is nothing to divide by).

    Examples
    --------
    >>> f = pd.DataFrame({"invitation_note_kind": ["generic", "personal", "generic", None],
    ...     "looks_like_pitch": [False, False, True, True]}, index=pd.Index(list("abcd"), name="contact_id"))
    >>> truth = pd.DataFrame({"contact_id": list("abcd"), "invitation_note_kind": ["generic", "personal",
    ...     "personal", None], "is_pitcher": ["False", "False", "True", "False"]})
    >>> template_accuracy(f, truth).round(2).to_dict("index")  # doctest: +NORMALIZE_WHITESPACE
    {'invitation notes': {'planted': 1.0, 'found': 2.0, 'correct': 1.0, 'precision': 0.5, 'recall': 1.0},
     'pitches': {'planted': 1.0, 'found': 2.0, 'correct': 1.0, 'precision': 0.5, 'recall': 1.0}}
    """
    require_columns(features, (S.INVITATION_NOTE_KIND, S.LOOKS_LIKE_PITCH), "features", _PRODUCER)
    require_columns(
        planted, (S.CONTACT_ID, S.INVITATION_NOTE_KIND, S.IS_PITCHER), "planted", "the sample generator"
    )
    truth = planted.set_index(planted[S.CONTACT_ID].astype("string"))
    found = features.reindex(truth.index)
    planted_note = truth[S.INVITATION_NOTE_KIND].astype("string")
    with_text = planted_note.isin([S.NOTE_PERSONAL, S.NOTE_GENERIC]).to_numpy(dtype=bool)
    note_truth = planted_note.eq(S.NOTE_GENERIC).fillna(False).to_numpy(dtype=bool)
    note_found = found[S.INVITATION_NOTE_KIND].astype("string").eq(S.NOTE_GENERIC)
    note_found = note_found.fillna(False).to_numpy(dtype=bool)
    pitcher = truth[S.IS_PITCHER].astype("string").str.lower().eq("true").fillna(False).to_numpy(dtype=bool)
    pitch_found = found[S.LOOKS_LIKE_PITCH].astype("boolean").fillna(False).to_numpy(dtype=bool)
    rows = {
        "invitation notes": (note_truth[with_text], note_found[with_text]),
        "pitches": (pitcher, pitch_found),
    }
    table = pd.DataFrame(
        {
            name: {"planted": float(t.sum()), "found": float(f.sum()), "correct": float((t & f).sum())}
            for name, (t, f) in rows.items()
        }
    ).T
    with np.errstate(divide="ignore", invalid="ignore"):
        table["precision"] = table["correct"] / table["found"].where(table["found"] > 0)
        table["recall"] = table["correct"] / table["planted"].where(table["planted"] > 0)
    return table
