"""Share mode: the key file, keyed pseudonyms and small-group suppression."""

from __future__ import annotations

import hashlib
import os
import re
import stat

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from netstats import schema as S
from netstats._errors import ParameterError
from netstats.report._share import (
    OTHER,
    SHARED_PEOPLE_COLUMNS,
    Pseudonymiser,
    check_k,
    default_key_path,
    group_or_other,
    load_key,
    share_people,
    suppress_small_groups,
)

KEY_A = bytes(range(32))
KEY_B = bytes(range(1, 33))


# ---------------------------------------------------------------- the key file
def test_default_key_path_honours_xdg_config_home(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    assert default_key_path() == tmp_path / "cfg" / "netstats" / "share.key"
    monkeypatch.setenv("XDG_CONFIG_HOME", "relative/ignored")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_key_path() == tmp_path / "home" / ".config" / "netstats" / "share.key"
    monkeypatch.delenv("XDG_CONFIG_HOME")
    assert default_key_path() == tmp_path / "home" / ".config" / "netstats" / "share.key"


def test_key_is_created_once_private_and_random(tmp_path):
    path = tmp_path / "conf" / "netstats" / "share.key"
    key = load_key(path)
    assert len(key) == 32
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert re.fullmatch(r"[0-9a-f]{64}\n", path.read_text())
    assert load_key(path) == key  # read back, not replaced
    assert load_key(tmp_path / "other.key") != key


def test_default_key_goes_to_the_config_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    key = load_key()
    assert (tmp_path / "netstats" / "share.key").exists() and load_key() == key


def test_unsafe_or_foreign_key_files_are_refused(tmp_path):
    path = tmp_path / "share.key"
    load_key(path)
    os.chmod(path, 0o644)
    with pytest.raises(ParameterError, match="other users"):
        load_key(path)
    os.chmod(path, 0o600)
    path.write_text("not a key\n")
    with pytest.raises(ParameterError, match="does not hold a netstats key"):
        load_key(path)
    with pytest.raises(ParameterError, match="does not exist"):
        load_key(tmp_path / "missing.key", create=False)
    with pytest.raises(ParameterError, match="not a regular file"):
        load_key(tmp_path)


# ---------------------------------------------------------------- pseudonyms
def test_pseudonyms_are_stable_keyed_and_typed():
    a, b = Pseudonymiser(KEY_A), Pseudonymiser(KEY_B)
    name = a.pseudonym("contact", "ann-lee-42")
    assert re.fullmatch(r"Contact [a-z2-7]{8}", name)
    assert a.pseudonym("contact", "ann-lee-42") == name
    assert b.pseudonym("contact", "ann-lee-42") != name
    assert a.pseudonym("company", "ann-lee-42") != name.replace("Contact", "Company")
    assert a.pseudonym("company", "Acme GmbH") == a.pseudonym("company", "  acme\u200b GMBH ")
    assert a.pseudonym("contact", None) is None and a.pseudonym("contact", pd.NA) is None


def test_pseudonyms_are_not_plain_hashes_and_never_show_the_key():
    p = Pseudonymiser(KEY_A)
    token = p.pseudonym("contact", "ann-lee-42").split()[1]
    for digest in (hashlib.sha256(b"ann-lee-42").hexdigest(), hashlib.md5(b"ann-lee-42").hexdigest()):
        assert token not in digest
    assert KEY_A.hex() not in repr(p) and "hidden" in repr(p)


def test_vectorised_pseudonyms_match_single_ones():
    p = Pseudonymiser(KEY_A)
    values = pd.Series(["a", "b", None, "a"], dtype="string")
    out = p.pseudonyms("contact", values)
    assert out.tolist() == [p.pseudonym("contact", "a"), p.pseudonym("contact", "b"), pd.NA, p.pseudonym("contact", "a")]


def test_short_keys_and_unknown_kinds_are_refused():
    with pytest.raises(ParameterError):
        Pseudonymiser(b"short")
    with pytest.raises(ParameterError):
        Pseudonymiser(KEY_A).pseudonym("email", "x")


# ---------------------------------------------------------------- small groups
def test_catalogue_pii_2_company_groups():
    sizes = pd.Series({"One": 1, "Three": 3, "Ten": 10, "Eleven": 11, "Forty": 40})
    assert suppress_small_groups(sizes).to_dict() == {"Forty": 40, "Eleven": 11, OTHER: 14}


def test_complementary_suppression_hides_a_group_derivable_by_subtraction():
    assert suppress_small_groups(pd.Series({"A": 40, "B": 11, "C": 2})).to_dict() == {"A": 40, OTHER: 13}
    assert suppress_small_groups(pd.Series({"A": 12, "B": 11, "C": 11, "D": 1}), k=11).to_dict() == {
        "A": 12,
        "C": 11,
        OTHER: 12,
    }
    assert suppress_small_groups(pd.Series({"A": 4, "B": 3}), k=5).to_dict() == {OTHER: 7}
    assert suppress_small_groups(pd.Series(dtype="int64")).to_dict() == {}


@given(
    st.dictionaries(st.text(min_size=1, max_size=4), st.integers(0, 60), max_size=25),
    st.integers(5, 20),
)
def test_suppression_property(groups, k):
    counts = pd.Series(groups, dtype="int64")
    out = suppress_small_groups(counts, k)
    shown = out.drop(OTHER, errors="ignore")
    total = int(counts.sum())
    assert int(out.sum()) == total  # nothing lost
    assert (shown >= k).all()  # every displayed group is at least k
    assert all(counts[g] == n for g, n in shown.items())  # shown groups keep their real size
    rest = total - int(shown.sum())
    assert rest == 0 or rest >= k or (shown.empty and rest == total < k)
    assert int(out.get(OTHER, 0)) == rest


def test_group_or_other_maps_values():
    values = pd.Series(["A"] * 12 + ["B"] * 3 + ["C"] * 4 + [None], dtype="string")
    out = group_or_other(values, k=5)
    assert out.tolist() == ["A"] * 12 + [OTHER] * 7 + [pd.NA]
    # with only B beside A, "Other" would be 3 = B's size: A is suppressed too
    assert group_or_other(values[values.ne("C").fillna(True)], k=5).tolist() == [OTHER] * 15 + [pd.NA]


def test_k_must_be_at_least_five():
    assert check_k(5) == 5
    for bad in (4, 0, True, 11.0):
        with pytest.raises(ParameterError):
            check_k(bad)


# ---------------------------------------------------------------- the shared people table
def test_share_people_keeps_only_what_a_shared_report_shows():
    n = 25
    ids = [f"person-{i:02d}" for i in range(n)]
    people = pd.DataFrame(
        {
            S.NAME: [f"Real Name {i}" for i in range(n)],
            S.PROFILE_URL: [f"https://www.linkedin.com/in/{i}" for i in ids],
            S.EMAIL: [f"{i}@example.invalid" for i in ids],
            S.POSITION: ["CTO"] * n,
            S.COMPANY: ["Big Co"] * 12 + ["Tiny GmbH"] * 6 + ["Small AB"] * 7,
            S.CONFIDED_TOPICS: ["job search"] * n,
            S.TIE_STRENGTH: [float(i) for i in range(n)],
            S.SEGMENT: ["core"] * n,
        },
        index=pd.Index(ids, name=S.CONTACT_ID),
    )
    p = Pseudonymiser(KEY_A)
    shared = share_people(people, p, k=11)
    assert list(shared.columns) == [c for c in SHARED_PEOPLE_COLUMNS if c in people.columns]
    assert shared.index.tolist() == sorted(p.pseudonym("contact", i) for i in ids)  # not in name order
    assert shared[S.NAME].tolist() == shared.index.tolist()
    company_of = dict(zip(people.index, people[S.COMPANY], strict=True))
    expected = {p.pseudonym("contact", i): p.pseudonym("company", "Big Co") if company_of[i] == "Big Co" else OTHER
                for i in ids}
    assert shared[S.COMPANY].to_dict() == expected
    text = shared.astype(str).to_csv()
    for secret in ("Real Name", "linkedin.com", "example.invalid", "CTO", "Big Co", "Tiny", "Small", "person-", "job search"):
        assert secret not in text
    assert people[S.NAME].iloc[0] == "Real Name 0"  # input untouched
