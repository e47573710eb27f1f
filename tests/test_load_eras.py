"""Golden-file tests: one hand-written export per LinkedIn format era, all holding the same people.

Each folder ``tests/fixtures/eras/<era>/`` is a tiny export written by hand in
that era's exact format (headers verbatim from
``research/linkedin_and_other_export_formats.md``, the era's date formats,
quoting style, preamble, trailing newline or not).  The people and messages
are the same in every era; ``tests/fixtures/eras/README.md`` describes them.

``expected/*.csv`` next to each export is what :func:`netstats.load` must
produce, written by :func:`write_golden` and checked by hand.  After a change
that is meant to alter the output, regenerate and review the diff::

    .venv/bin/python tests/test_load_eras.py            # every era
    .venv/bin/python tests/test_load_eras.py 2026-03    # one era

The tests never write golden files themselves.
"""

from __future__ import annotations

import sys
from pathlib import Path

import goldens
import pandas as pd
import pytest
from goldens import golden_text

import netstats as ns
from netstats import schema as S

ERAS_DIR = Path(__file__).parent / "fixtures" / "eras"
ERAS = ("2018-11", "2020-12", "2022-09", "2023-04", "2024-12", "2025-08", "2026-03")
# Eras whose Connections.csv and Invitations.csv carry profile URLs.
URL_ERAS = ("2024-12", "2025-08", "2026-03")
GOLDEN_TABLES = ("connections", "messages", "invitations", "contacts", "ledger", "excluded", "quarantine")


# ---------------------------------------------------------------- golden text form
def owner_table(ex: ns.Export) -> pd.DataFrame:
    """The owner and the export date as a one-row table."""
    return pd.DataFrame(
        {
            "owner_name": [ex.owner.name],
            "owner_url": [ex.owner.profile_url],
            "owner_id": [ex.owner.contact_id],
            "found_by": [ex.owner.found_by],
            "confidence": [ex.owner.confidence],
            "share": [ex.owner.share],
            "as_of": [ex.as_of.isoformat()],
        }
    ).astype(object).where(lambda f: f.notna(), "")


def _tables(ex: ns.Export) -> dict[str, pd.DataFrame]:
    tables = {name: golden_text(getattr(ex, name)) for name in GOLDEN_TABLES}
    tables["owner"] = golden_text(owner_table(ex))
    return tables


def write_golden(*eras: str) -> None:
    """Write ``expected/*.golden.csv`` for the given eras (all when none): run by hand, then review the diff."""
    for era in eras or ERAS:
        goldens.write_goldens(ERAS_DIR / era / "expected", _tables(ns.load(ERAS_DIR / era)))


def read_golden(era: str, name: str) -> pd.DataFrame:
    return goldens.read_golden(ERAS_DIR / era / "expected", name)


@pytest.fixture(scope="module")
def exports() -> dict[str, ns.Export]:
    return {era: ns.load(ERAS_DIR / era) for era in ERAS}


@pytest.fixture(scope="module")
def tables(exports) -> dict[str, dict[str, pd.DataFrame]]:
    return {era: _tables(ex) for era, ex in exports.items()}


# ---------------------------------------------------------------- golden comparison
@pytest.mark.parametrize("era", ERAS)
@pytest.mark.parametrize("table", [*GOLDEN_TABLES, "owner"])
def test_load_reproduces_the_golden_table(tables, era, table):
    actual = tables[era][table]
    expected = read_golden(era, table)
    if expected.empty:
        expected = expected.astype(object)
        actual = actual.astype(object)
    pd.testing.assert_frame_equal(actual, expected, check_dtype=False, check_index_type=False)


def test_the_golden_files_cover_every_era():
    assert sorted(p.name for p in ERAS_DIR.iterdir() if p.is_dir()) == sorted(ERAS)
    for era in ERAS:
        assert {p.name.removesuffix(".golden.csv") for p in (ERAS_DIR / era / "expected").glob("*.golden.csv")} == {*GOLDEN_TABLES, "owner"}


# ---------------------------------------------------------------- what the eras agree on
def _people_key(frame: pd.DataFrame) -> list[tuple]:
    return sorted(frame.itertuples(index=False, name=None))


def test_every_era_holds_the_same_connections(exports):
    reference = None
    for era, ex in exports.items():
        conn = ex.connections
        got = _people_key(
            pd.DataFrame(
                {
                    "name": conn[S.NAME],
                    "company": conn[S.COMPANY],
                    "position": conn[S.POSITION],
                    "day": conn[S.CONNECTED_ON].dt.normalize(),  # 2018 also gives the time of day
                }
            )
        )
        assert len(got) == 6, era
        reference = reference or got
        assert got == reference, era
        hidden = ex.excluded.loc[ex.excluded[S.FILE].eq("Connections.csv"), S.REASON].tolist()
        assert hidden == ["hidden profile (the row holds only a date)"], era


def test_every_era_holds_the_same_messages(exports):
    reference = None
    for era, ex in exports.items():
        msgs = ex.messages
        assert int(msgs[S.IS_SPONSORED].sum()) == 2, era
        assert msgs.loc[msgs[S.IS_SPONSORED], S.SENDER_ID].isna().all(), era
        real = msgs.loc[~msgs[S.IS_SPONSORED]]
        got = sorted(zip(real[S.SENT_AT], real[S.SENDER_NAME], real[S.DIRECTION], strict=True))
        assert len(got) == 11, era
        reference = reference or got
        assert got == reference, era
        # the five conversations: Bea, Jürgen, NA null, the other Sam Lee, the group
        assert real[S.CONVERSATION_ID].nunique() == 5, era
        assert int(msgs[S.IS_GROUP].sum()) == 3, era


def test_every_era_holds_the_same_invitations(exports):
    reference = None
    for era, ex in exports.items():
        inv = ex.invitations
        got = list(zip(inv[S.NAME], inv[S.DIRECTION], inv[S.SENT_AT], inv[S.NOTE_KIND], strict=True))
        reference = reference or got
        assert got == reference, era
        assert inv[S.SENT_AT].dt.tz is None, era


def test_every_era_finds_the_same_people_minus_what_it_lacks(exports):
    """Nine people in URL eras; without URLs the two different Sam Lees are indistinguishable."""
    names = ["Bea Lopez", "Chris Park, PhD", "Dana Kim", "Frank Osei", "Gia Tran", "Jürgen Müller", "NA null", "Sam Lee"]
    for era, ex in exports.items():
        got = sorted(ex.contacts[S.NAME].tolist())
        expected = sorted(names + ["Sam Lee"]) if era in URL_ERAS else names
        assert got == expected, era
        assert ex.owner.name == "Ada Quill", era
        assert ex.owner.contact_id not in set(ex.contacts[S.CONTACT_ID]), era
        assert ex.as_of == pd.Timestamp("2018-10-25 00:05:00", tz="UTC"), era
        connected = set(ex.connections[S.CONTACT_ID])
        talked = set(ex.messages[S.SENDER_ID].dropna()) - {ex.owner.contact_id}
        # every era joins the people who wrote to the owner to their connection, except Sam Lee #2 (not one)
        assert len(talked & connected) == (4 if era in URL_ERAS else 5), era


def test_group_recipients_come_from_the_url_list_or_else_the_participants(exports):
    for era, ex in exports.items():
        group = ex.messages.loc[ex.messages[S.IS_GROUP]]
        sizes = group[S.RECIPIENT_IDS].map(len).tolist()
        # 2020-12 and 2022-09 list no recipient URLs and Jürgen never writes in the group:
        # he cannot be known from the file (TO is never split).
        assert sizes == ([2, 2, 2] if era in ("2020-12", "2022-09") else [3, 3, 3]), era


def test_ids_join_across_files_in_url_eras(exports):
    for era in URL_ERAS:
        ex = exports[era]
        juergen = ex.contacts.set_index(S.CONTACT_ID).loc["jürgen-müller-7b"]
        assert juergen[S.IS_CONNECTION]
        assert juergen[S.SEEN_IN] == "connections,messages"
        assert juergen[S.PROFILE_URL] == "https://www.linkedin.com/in/jürgen-müller-7b"


if __name__ == "__main__":
    write_golden(*sys.argv[1:])
