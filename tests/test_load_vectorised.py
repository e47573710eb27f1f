"""The loader's vectorised paths give exactly what the plain, one-value-at-a-time code gives.

netstats.load keeps messages.csv as pyarrow columns and integer codes (issue
5: close to the parse floor on 1M messages).  These tests pin that nothing was
lost on the way:

* the identity helpers (pyarrow for ASCII values, Python for the rest) agree
  with the scalar functions on any text;
* the byte scans that find lines, carriage returns and newlines inside fields
  agree with a plain scan, across chunk boundaries;
* a whole export loads to the same tables whatever the parse block and scan
  chunk sizes (many small chunks exercise every per-chunk path);
* identity work is done once per distinct value, not once per message.
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_load_eras import ERAS, ERAS_DIR, GOLDEN_TABLES

import netstats as ns
from netstats import _text as T
from netstats.sample._linkedin import generate_sample, write_export
from netstats.sources.linkedin import _codes, _csv

ASCII_SPACE = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f "
NAME_TEXT = st.text(st.sampled_from(list("abcXYZ-.,'é ßİK\u200b\u00a0") + list(ASCII_SPACE)), max_size=12)
ANY_TEXT = st.text(st.characters(codec="utf-8"), max_size=12)
URL_PREFIX = st.sampled_from(
    ["", "https://", "http://", "HTTPS://", "ftp://", "https://www.", "www.", "https://uk.", "https://WWW."]
)
URL_HOST = st.sampled_from(
    ["linkedin.com/in/", "LinkedIn.com/pub/", "linkedin.com/", "example.org/in/", "linkedin.com/in"]
)
URL_TAIL = st.lists(st.sampled_from(list("abZ09-_/?#%.\n é") + ["%C3%BC", "%2F", "%0A"]), max_size=10).map(
    "".join
)
URLS = st.one_of(st.builds(lambda a, b, c: a + b + c, URL_PREFIX, URL_HOST, URL_TAIL), ANY_TEXT)


def _values(series: pd.Series) -> list:
    return [None if v is pd.NA else v for v in series.astype(object).tolist()]


# ---------------------------------------------------------------- identity helpers
@settings(max_examples=150)
@given(names=st.lists(st.one_of(st.none(), NAME_TEXT, ANY_TEXT), max_size=12))
def test_name_keys_agree_with_name_key(names):
    assert _values(T.name_keys(pd.Series(names, dtype=object))) == [
        None if n is None else T.name_key(n) for n in names
    ]


@settings(max_examples=150)
@given(urls=st.lists(st.one_of(st.none(), URLS), max_size=12), data=st.data())
def test_contact_ids_agree_with_contact_id_for(urls, data):
    normalised = [None if u is None else T.normalise_profile_url(u) for u in urls]
    names = data.draw(st.lists(st.one_of(st.none(), NAME_TEXT), min_size=len(urls), max_size=len(urls)))
    got = T.contact_ids(pd.Series(normalised, dtype="string"), pd.Series(names, dtype="string"))
    assert _values(got) == [T.contact_id_for(u, n) for u, n in zip(normalised, names, strict=True)]
    raw = T.contact_ids(pd.Series(urls, dtype="string"))  # the URL rule on raw text too
    assert _values(raw) == [T.contact_id_for(u) if u else None for u in urls]


@settings(max_examples=150)
@given(urls=st.lists(st.one_of(st.none(), URLS), max_size=12))
def test_normalise_profile_urls_agree_with_normalise_profile_url(urls):
    got = T.normalise_profile_urls(pd.Series(urls, dtype="string"))
    assert _values(got) == [None if u is None else T.normalise_profile_url(u) for u in urls]


def test_identity_examples_across_the_two_engines():
    urls = pd.Series(
        [
            "https://www.linkedin.com/in/ann-lee-42",  # normal form (pyarrow)
            "https://www.linkedin.com/in/j%C3%BCrgen-k/",  # percent-encoded (Python)
            "https://LinkedIn.com/pub/Bo/x",  # ASCII, not normal: slug by pattern
            "https://example.org/ann",  # not a profile: the URL is the id
            "",
        ],
        dtype="string",
    )
    normal = T.normalise_profile_urls(urls)
    assert _values(normal) == [
        "https://www.linkedin.com/in/ann-lee-42",
        "https://www.linkedin.com/in/jürgen-k",
        "https://linkedin.com/pub/bo/x",
        "https://example.org/ann",
        None,
    ]
    names = pd.Series(["x", "x", "x", "x", "  Ann\x1c LEE "], dtype="string")
    assert _values(T.contact_ids(normal, names)) == [
        "ann-lee-42",
        "jürgen-k",
        "bo",
        "https://example.org/ann",
        "name:ann lee",
    ]


# ---------------------------------------------------------------- byte scans
def _body(text: bytes, chunk: int) -> _csv._Body:
    return _csv._Body(b"HEADER\n" + text, len(b"HEADER\n"), 2, chunk=chunk)


BODY_BYTES = st.binary(max_size=60).map(lambda b: bytes(c for c in b if c in b'\n\r",a'))


@settings(max_examples=200)
@given(text=BODY_BYTES, chunk=st.integers(1, 9), data=st.data())
def test_body_scans_agree_with_a_plain_scan(text, chunk, data):
    body = _body(text, chunk)
    assert body.count(ord("\n")) == text.count(b"\n")
    offsets = np.array(sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=6))), dtype=np.int64)
    assert body.count_before(ord('"'), offsets).tolist() == [text[:o].count(b'"') for o in offsets]
    lines = np.array(data.draw(st.lists(st.integers(0, text.count(b"\n") + 2), max_size=6)), dtype=np.int64)
    starts = [0] + [i + 1 for i, c in enumerate(text) if c == ord("\n")]
    assert body.line_starts(lines).tolist() == [starts[i] if i < len(starts) else len(text) for i in lines]
    bare = [i for i, c in enumerate(text) if c == ord("\r") and text[i + 1 : i + 2] != b"\n"]
    assert body.bare_carriage_returns().tolist() == bare


@settings(max_examples=100)
@given(
    values=st.lists(st.text(st.sampled_from(list("ab\n\r é")), max_size=8), max_size=20),
    cuts=st.lists(st.integers(0, 20)),
)
def test_newline_counts_agree_with_pyarrow_over_chunks_and_slices(values, cuts):
    array = pa.array(values, pa.large_string())
    bounds = sorted({0, len(values), *[c for c in cuts if c <= len(values)]})
    chunked = pa.chunked_array(
        [array.slice(a, b - a) for a, b in itertools.pairwise(bounds)], pa.large_string()
    )
    expected = pc.count_substring(array, "\n").to_numpy(zero_copy_only=False) if values else np.zeros(0)
    assert _csv._newline_counts(chunked).tolist() == list(expected)


PADDING = st.text(st.sampled_from(list(" \t\n\x1c\x7f\x85\xa0\u2003\u3000aZé😀<p>")), max_size=6)


@settings(max_examples=150)
@given(values=st.lists(PADDING, max_size=20), cuts=st.lists(st.integers(0, 20)))
def test_only_values_flagged_as_padded_change_when_stripped(values, cuts):
    array = pa.array(values, pa.large_string())
    bounds = sorted({0, len(values), *[c for c in cuts if c <= len(values)]})
    chunked = pa.chunked_array(
        [array.slice(a, b - a) for a, b in itertools.pairwise(bounds)], pa.large_string()
    )
    stripped = pc.utf8_trim_whitespace(array).to_pylist() if values else []
    flagged = set(_csv._padded_rows(chunked).tolist())
    assert {i for i, (a, b) in enumerate(zip(values, stripped, strict=True)) if a != b} <= flagged


def test_message_text_is_stripped_and_old_inmail_html_becomes_text(tmp_path):
    from test_load_quirks import MESSAGES_HEADER, OWNER_URL, line, write_export

    bea = "https://www.linkedin.com/in/bea"
    bodies = ["  hi  ", "\u00a0ok\u2003", "café", "   ", "  <p>Hi &amp; bye</p>  ", "<p>x", "plain"]
    rows = [
        line("2-a", "", "Bea", bea, "Ada", OWNER_URL, f"2025-06-01 10:00:0{i} UTC", "", body, "INBOX", "")
        for i, body in enumerate(bodies)
    ]
    invitation = "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n" + line(
        "Ada", "Bea", "3/7/26, 1:07 PM", "", "OUTGOING", OWNER_URL, bea
    )
    folder = write_export(
        tmp_path,
        {"messages.csv": "\n".join([MESSAGES_HEADER, *rows]) + "\n", "Invitations.csv": invitation + "\n"},
    )
    ex = ns.load(folder)
    assert _values(ex.messages["content"]) == ["hi", "ok", "café", None, "Hi & bye", "<p>x", "plain"]
    assert ex.messages["source_line"].tolist() == [2, 3, 4, 5, 6, 7, 8]


# ---------------------------------------------------------------- helpers of the messages pass
@settings(max_examples=100)
@given(
    rows=st.lists(st.tuples(st.integers(0, 4), st.integers(0, 3), st.integers(0, 5)), max_size=25),
    fractional=st.booleans(),
)
def test_message_order_and_newest_per_group_agree_with_pandas(rows, fractional):
    conv = np.array([r[0] for r in rows], dtype=np.int64)
    instants = np.array([r[1] * 1_000_000_000 + (r[2] if fractional else 0) for r in rows], dtype=np.int64)
    frame = pd.DataFrame({"conv": conv, "t": instants, "line": np.arange(len(rows))})
    expected = frame.sort_values(["conv", "t", "line"]).index.to_numpy()
    assert _codes._message_order(conv, instants).tolist() == expected.tolist()
    position = np.random.default_rng(len(rows)).permutation(len(rows)).astype(np.int64)
    frame["position"] = position
    newest = frame.sort_values(["t", "position"], ascending=[False, True]).drop_duplicates("conv").index
    assert _codes._newest_per_group(conv, instants, position, 5).tolist() == sorted(newest)


@settings(max_examples=100)
@given(pairs=st.lists(st.tuples(st.integers(0, 5), st.integers(0, 3)), max_size=20), data=st.data())
def test_list_column_keeps_pair_order_within_rows_and_moves_rows(pairs, data):
    n = 6
    # the pairs of a row arrive together, in runs of ascending rows (as the messages pass makes them)
    pairs = sorted(pairs, key=lambda p: p[0])
    people = pa.array(["p0", "p1", "p2", "p3"], pa.large_string())
    position = np.array(data.draw(st.permutations(range(n))), dtype=np.int64)
    got = _codes._list_column(
        np.array([r for r, _ in pairs], dtype=np.int64),
        np.array([c for _, c in pairs], dtype=np.int64),
        people,
        n,
        position,
    ).to_pylist()
    expected = [[] for _ in range(n)]
    for row, code in pairs:
        expected[position[row]].append(f"p{code}")
    assert got == expected


def test_vocabulary_sorts_and_codes_every_part():
    values, (a, b) = _codes._vocabulary([pa.array(["b", "a", None, "b"]), pa.array(["", "c", "a"])])
    assert values.to_pylist() == ["a", "b", "c"]
    assert a.tolist() == [1, 0, -1, 1] and b.tolist() == [-1, 2, 0]


# ---------------------------------------------------------------- whole exports
def _load_tables(path) -> dict[str, pd.DataFrame]:
    ex = ns.load(path)
    tables = {name: getattr(ex, name) for name in GOLDEN_TABLES}
    tables["owner"] = pd.DataFrame([vars(ex.owner)])
    tables["as_of"] = pd.DataFrame({"as_of": [ex.as_of]})
    tables["notes"] = pd.DataFrame({"notes": list(ex.notes)})
    return tables


@pytest.fixture(scope="module")
def generated_exports(tmp_path_factory):
    sample = generate_sample(contacts=60, messages=1500, seed=3)
    out = {}
    for era in ("2018-11", "2023-04", "2026-03"):
        out[era] = write_export(sample, tmp_path_factory.mktemp(era), era=era)
    return out


@pytest.mark.parametrize("era", ERAS)
def test_small_blocks_and_scan_chunks_load_the_same_tables(era, monkeypatch, generated_exports):
    """Many pyarrow chunks and scan chunks: every per-chunk path must give the one-chunk answer."""
    folders = [ERAS_DIR / era] + ([generated_exports[era]] if era in generated_exports else [])
    for folder in folders:
        expected = _load_tables(folder)
        with monkeypatch.context() as patched:
            patched.setattr(_csv, "_BLOCK_BYTES", 1 << 9)
            patched.setattr(_csv, "_SCAN_CHUNK", 97)
            got = _load_tables(folder)
        for name, table in expected.items():
            pd.testing.assert_frame_equal(got[name], table, obj=f"{folder.name}: {name}")


def test_identity_work_is_done_per_distinct_value_not_per_message(monkeypatch, generated_exports):
    calls = {"name_key": 0, "normalise_profile_url": 0, "contact_id_for": 0}
    for function in calls:
        original = getattr(T, function)

        def counted(*args, _original=original, _name=function, **kwargs):
            calls[_name] += 1
            return _original(*args, **kwargs)

        monkeypatch.setattr(T, function, counted)
    ex = ns.load(generated_exports["2026-03"])
    assert len(ex.messages) > 1000
    people = len(ex.contacts) + 1
    # a few per person (their URL, names and the invitation texts), never one per message
    assert 0 < sum(calls.values()) < 12 * people < len(ex.messages) * 2
