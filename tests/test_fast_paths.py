"""The fast paths of contact_features give exactly what the plain pyarrow / pandas computation gives."""

from __future__ import annotations

from unittest import mock

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from hypothesis import given, settings
from hypothesis import strategies as st

from netstats import schema as S
from netstats._text import joined_labels
from netstats.analysis import _features
from netstats.analysis._features import _link_order, _platform_features, word_counts

# characters around the edges of what counts as whitespace, and multi-byte neighbours of the wide spaces
_ALPHABET = "ab é€😀 \t\n\r\x0b\x0c\x1c\x1f\x00\x01\x1b\x7f\x85\xa0\u1680\u180e\u2000\u200a\u200b\u2028\u2029\u202f\u205f\u3000\u2019\ufeff"


_SPACES = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"


def _split_counts(texts: pa.Array) -> np.ndarray:
    return pc.list_value_length(pc.utf8_split_whitespace(texts)).to_numpy(zero_copy_only=False).astype("float64")


def _settled(text: str | None) -> bool:
    """pyarrow 26's split counts trailing whitespace one way or the other from call to call: left out here."""
    return text is None or text.rstrip(_SPACES) == text


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.none(), st.text(alphabet=_ALPHABET, max_size=12).filter(_settled)), max_size=30), st.integers(0, 3))
def test_word_counts_match_the_whitespace_split(texts, cut):
    array = pa.array(texts, pa.large_string()).slice(min(cut, len(texts)))
    assert np.array_equal(word_counts(array), _split_counts(array), equal_nan=True)
    chunked = pa.chunked_array([array, pa.array(texts[:cut], pa.large_string())])
    assert np.array_equal(word_counts(chunked), _split_counts(chunked), equal_nan=True)
    with mock.patch.object(_features, "_WORD_BLOCK", 4):  # texts go through in blocks: where they fall is no matter
        assert np.array_equal(word_counts(chunked), _split_counts(chunked), equal_nan=True)


def test_every_unicode_whitespace_character_separates_words_as_the_split_says():
    points = [c for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF]
    texts = pa.array([f"{chr(c)}x{chr(c)}y{chr(c)}{chr(c)}z" for c in points], pa.string())
    assert np.array_equal(word_counts(texts), _split_counts(texts))


def test_word_counts_of_hand_picked_texts():
    texts = pa.array(["Lunch next week?", "", " ", "a ", " a", "a\u00a0\u3000b", "tab\tand\nline", None])
    assert word_counts(texts).tolist()[:-1] == [3.0, 1.0, 2.0, 2.0, 2.0, 2.0, 3.0]
    # trailing whitespace: one empty word, two after a run of two or more (pyarrow's split, most of the time)
    assert word_counts(pa.array(["a  ", "  ", "a\u3000\u3000"])).tolist() == [3.0, 3.0, 3.0]
    assert np.isnan(word_counts(texts)[-1])


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 60), st.booleans(), st.integers(0, 2**31 - 1))
def test_link_order_is_the_four_key_sort(n, loaded_order, seed):
    rng = np.random.default_rng(seed)
    row = rng.integers(0, 20, n).astype(np.int64)
    conversation = rng.integers(-1, 4, 20)
    t = rng.integers(0, 5, 20).astype(np.int64)
    if loaded_order:  # messages as loaded: sorted by conversation, then time
        by = np.lexsort((t, conversation))
        conversation, t = conversation[by], t[by]
    contact = rng.integers(0, 6, n)
    expected = np.lexsort((row, t[row], conversation[row], contact))
    assert np.array_equal(_link_order(contact, conversation[row], t[row], row), expected)


def _crosstab_platforms(contacts, messages, links, ids):
    """What _platform_features computed with pandas' crosstab."""
    seen = contacts.drop_duplicates(S.CONTACT_ID).set_index(S.CONTACT_ID)[S.PLATFORMS].astype("string")
    seen.index = seen.index.astype("string")
    platform = messages[S.PLATFORM].astype("string").to_numpy(dtype=object)[links["row"].to_numpy()]
    pairs = pd.DataFrame({S.CONTACT_ID: links[S.CONTACT_ID].astype("string").to_numpy(), S.PLATFORM: platform})
    flags = pd.crosstab(pairs[S.CONTACT_ID], pairs[S.PLATFORM]) > 0
    order = [p for p in S.PLATFORMS_ORDER if p in flags.columns] + sorted(set(flags.columns) - set(S.PLATFORMS_ORDER))
    flags = flags.reindex(index=ids, columns=order, fill_value=False)
    talked_on = joined_labels(flags)
    platforms = seen.reindex(ids).fillna(talked_on)
    multiplex = flags.sum(axis=1).to_numpy() >= 2
    return pd.DataFrame({S.PLATFORMS: platforms, S.TALKED_ON: talked_on, S.IS_MULTIPLEX: multiplex}, index=ids)


def test_platform_features_match_the_crosstab():
    rng = np.random.default_rng(0)
    names = ["linkedin", "whatsapp", "x", None, "zeta", "alpha"]
    messages = pd.DataFrame({S.PLATFORM: pd.array(rng.choice(np.array(names, dtype=object), 500), dtype="string")})
    links = pd.DataFrame(
        {
            S.CONTACT_ID: pd.array(rng.choice([f"c{i}" for i in range(40)], 900), dtype="string"),
            "row": rng.integers(0, 500, 900),
        }
    )
    ids = pd.Index([f"c{i}" for i in range(0, 60, 2)], dtype="string", name=S.CONTACT_ID)
    contacts = pd.DataFrame({S.CONTACT_ID: [f"c{i}" for i in range(10)], S.PLATFORMS: ["x"] * 10})
    expected = _crosstab_platforms(contacts, messages, links, ids)
    pd.testing.assert_frame_equal(_platform_features(contacts, messages, links, ids), expected, check_exact=True)
    assert expected[S.IS_MULTIPLEX].any() and expected[S.TALKED_ON].isna().any()
