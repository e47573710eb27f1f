"""The Meta reader (Facebook, Messenger, Instagram): golden files per era, exact counts, hostile input, properties.

Each folder ``tests/fixtures/meta/<era>/`` is a tiny export in that era's
layout, with bytes as Meta writes them: every non-ASCII character as
mojibake escapes (``"Jos\\u00c3\\u00a9"``), 2-space indented JSON, newest
messages first, Instagram's blank line inside empty lists.  The end-to-end
encrypted backup (``messenger-e2ee``) is plain UTF-8 camelCase.  The people
are the same everywhere (``tests/fixtures/meta/README.md``).

``<era>/expected/<platform>.<table>.golden.csv`` is what :func:`netstats.sources.meta.read`
must produce, written by :func:`write_golden` and checked by hand.  After a
change that is meant to alter the output, regenerate and review the diff::

    .venv/bin/python tests/test_platform_meta.py             # every case
    .venv/bin/python tests/test_platform_meta.py fb-2025     # one case

The tests never write golden files themselves.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import goldens
import pandas as pd
import pytest
from goldens import golden_text
from hypothesis import given, settings
from hypothesis import strategies as st

import netstats as ns
from netstats import schema as S
from netstats._errors import ExportFormatError
from netstats.sources import meta as M
from netstats.sources._archive import SourceFile

META_DIR = Path(__file__).parent / "fixtures" / "meta"
ERAS = (
    "fb-2018", "fb-2019", "fb-2021", "fb-2024", "fb-2025", "messenger-e2ee", "ig-2024-07", "ig-2025-08", "ig-2026-04", "ig-2026-pt-br",
)
# case -> (fixture folders read together, owner= identifiers, folder holding the golden files)
CASES: dict[str, tuple[tuple[str, ...], tuple[str, ...], Path]] = {
    **{era: ((era,), (), META_DIR / era / "expected") for era in ERAS},
    "fb-2018": (("fb-2018",), ("Zoë Ardent", "zoe@example.org"), META_DIR / "fb-2018" / "expected"),
    "fb-2025+messenger-e2ee": (("fb-2025", "messenger-e2ee"), (), META_DIR / "fb-2025" / "expected-with-e2ee-backup"),
}
TABLES = ("connections", "messages", "invitations", "people", "ledger", "excluded", "quarantine")
OWNER = "Zoë Ardent"


# ---------------------------------------------------------------- reading fixtures
def source_files(era: str) -> list[SourceFile]:
    """The fixture's files as the archive layer hands them over: claimed by path, else sniffed."""
    root = META_DIR / era
    files = []
    for path in sorted(root.rglob("*.json")):
        name = path.relative_to(root).as_posix()
        data = path.read_bytes()
        kind = M.claim(name) or M.sniff(data[:4096])
        assert kind is not None, name
        files.append(SourceFile(kind, name, data, M.FAMILY))
    return files


def read_case(case: str) -> list:
    folders, owner, _ = CASES[case]
    return M.read([f for era in folders for f in source_files(era)], source=case, owner=owner)


# ---------------------------------------------------------------- golden text form
def part_tables(part) -> dict[str, pd.DataFrame]:
    tables = {name: golden_text(getattr(part, name)) for name in TABLES}
    tables["owner"] = pd.DataFrame(
        {
            "owner_name": [part.owner.name or ""],
            "owner_url": [part.owner.profile_url or ""],
            "owner_id": [part.owner.contact_id or ""],
            "found_by": [part.owner.found_by],
            "latest": [part.latest.isoformat() if part.latest is not None else ""],
            "notes": [" | ".join(part.notes)],
        }
    )
    return tables


def write_golden(*cases: str) -> None:
    """Write the golden files of the given cases (all when none): run by hand, then review the diff."""
    for case in cases or CASES:
        out = CASES[case][2]
        for old in out.glob("*.golden.csv"):
            old.unlink()
        tables = {f"{part.platform}.{name}": table for part in read_case(case) for name, table in part_tables(part).items()}
        goldens.write_goldens(out, tables)


def read_golden(case: str, platform: str, name: str) -> pd.DataFrame:
    return goldens.read_golden(CASES[case][2], f"{platform}.{name}")


@pytest.fixture(scope="module")
def parts() -> dict[str, dict[str, object]]:
    return {case: {p.platform: p for p in read_case(case)} for case in CASES}


# ---------------------------------------------------------------- golden comparison
@pytest.mark.parametrize("case", list(CASES))
def test_read_reproduces_the_golden_tables(parts, case):
    golden = sorted(CASES[case][2].glob("*.golden.csv"))
    assert {p.name.split(".")[0] for p in golden} == set(parts[case])
    for platform, part in parts[case].items():
        for name, actual in part_tables(part).items():
            expected = read_golden(case, platform, name)
            if expected.empty:
                expected, actual = expected.astype(object), actual.astype(object)
            pd.testing.assert_frame_equal(actual, expected, check_dtype=False, check_index_type=False, obj=f"{case} {platform} {name}")


def test_every_era_has_a_fixture_and_golden_files():
    assert sorted(p.name for p in META_DIR.iterdir() if p.is_dir()) == sorted(ERAS)
    for case, (_, _, folder) in CASES.items():
        assert len(list(folder.glob("*.golden.csv"))) >= len(TABLES) + 1, case


# ---------------------------------------------------------------- exact counts, written by hand
# platform -> (connections, messages, invitations, people, excluded, quarantined, owner id, files)
COUNTS = {
    "fb-2018": {S.FACEBOOK: (0, 3, 0, 1, 0, 0, "facebook:name:zoë ardent", 1)},
    "fb-2019": {S.FACEBOOK: (4, 8, 0, 5, 3, 0, "facebook:name:zoë ardent", 4)},
    "fb-2021": {S.FACEBOOK: (4, 9, 3, 8, 5, 0, "facebook:name:zoë ardent", 9)},
    "fb-2024": {S.FACEBOOK: (5, 9, 0, 6, 3, 0, "facebook:name:zoë ardent", 6)},
    "fb-2025": {S.FACEBOOK: (4, 10, 2, 7, 4, 0, "facebook:name:zoë ardent", 9)},
    "messenger-e2ee": {S.FACEBOOK: (0, 7, 0, 4, 1, 0, "facebook:name:zoë ardent", 2)},
    "fb-2025+messenger-e2ee": {S.FACEBOOK: (4, 15, 2, 7, 7, 0, "facebook:name:zoë ardent", 11)},
    "ig-2024-07": {S.INSTAGRAM: (1, 2, 0, 1, 0, 0, "instagram:zoe.ardent", 3)},
    "ig-2025-08": {S.INSTAGRAM: (5, 6, 1, 8, 2, 0, "instagram:zoe.ardent", 8)},
    "ig-2026-04": {S.INSTAGRAM: (4, 4, 0, 6, 0, 0, "instagram:name:zoë ardent", 4)},
    "ig-2026-pt-br": {S.INSTAGRAM: (3, 0, 0, 3, 0, 0, "instagram:zoe.ardent", 3)},
}


@pytest.mark.parametrize("case", list(COUNTS))
def test_exact_counts(parts, case):
    assert set(parts[case]) == set(COUNTS[case])
    for platform, (n_conn, n_msg, n_inv, n_people, n_excl, n_quar, owner_id, n_files) in COUNTS[case].items():
        part = parts[case][platform]
        got = (len(part.connections), len(part.messages), len(part.invitations), len(part.people), len(part.excluded), len(part.quarantine))
        assert got == (n_conn, n_msg, n_inv, n_people, n_excl, n_quar)
        assert part.owner.contact_id == owner_id
        assert len(part.ledger) == n_files


@pytest.mark.parametrize("case", list(CASES))
def test_ledgers_balance_and_every_row_carries_its_platform(parts, case):
    for platform, part in parts[case].items():
        ledger = part.ledger
        assert (ledger[S.ROWS_READ] == ledger[S.KEPT] + ledger[S.EXCLUDED] + ledger[S.QUARANTINED]).all()
        assert ledger[S.KEPT].sum() >= len(part.messages)
        for table in ("connections", "messages", "invitations", "people", "ledger", "excluded", "quarantine"):
            assert (getattr(part, table)[S.PLATFORM] == platform).all(), table
        assert list(part.connections.columns) == list(S.CONNECTIONS_COLUMNS)
        assert list(part.messages.columns) == list(S.MESSAGES_COLUMNS)
        assert list(part.people.columns) == list(S.PEOPLE_COLUMNS)
        assert str(part.invitations[S.SENT_AT].dtype) == S.NAIVE_TIME
        assert str(part.messages[S.SENT_AT].dtype) == str(S.UTC_TIME)
        assert part.owner.contact_id not in set(part.people[S.CONTACT_ID])


# ---------------------------------------------------------------- behaviour a user would notice
def test_multi_part_threads_are_merged_and_sorted_ascending(parts):
    msgs = parts["fb-2019"][S.FACEBOOK].messages
    jose = msgs.loc[msgs[S.CONVERSATION_ID].eq("facebook:josemuller_8fd3a1c2e0")]
    assert jose[S.SENT_AT].dt.strftime("%H:%M").tolist() == ["09:00", "09:30", "18:01", "18:05"]
    assert jose[S.SENDER_NAME].tolist() == [OWNER, "José Müller", "José Müller", OWNER]
    assert jose[S.DIRECTION].tolist() == ["sent", "received", "received", "sent"]
    assert jose[S.HAS_ATTACHMENT].tolist() == [False, True, False, False]  # the photo, content NA
    assert jose[S.CONTENT].isna().tolist() == [False, True, False, False]
    assert jose[S.CONTENT].iloc[-1] == "See you then 😀"
    assert jose[S.RECIPIENT_IDS].iloc[0] == ["facebook:name:josé müller"]
    assert not jose[S.IS_GROUP].any()


def test_group_recipients_are_everyone_but_the_sender(parts):
    msgs = parts["fb-2019"][S.FACEBOOK].messages
    lunch = msgs.loc[msgs[S.CONVERSATION_ID].eq("facebook:lunchcrew_4b7e9d2a1f")]
    assert lunch[S.IS_GROUP].all()
    owner_row = lunch.loc[lunch[S.SENDER_ID].eq("facebook:name:zoë ardent")].iloc[0]
    assert owner_row[S.RECIPIENT_IDS] == ["facebook:name:ann lee", "facebook:name:bo ek", "facebook:name:chidi okafor"]
    chidi = lunch.loc[lunch[S.SENDER_NAME].eq("Chidi Okafor")].iloc[0]
    assert chidi[S.RECIPIENT_IDS] == ["facebook:name:ann lee", "facebook:name:bo ek", "facebook:name:zoë ardent"]


def test_unsent_stubs_and_system_events_are_excluded_with_reasons(parts):
    reasons = parts["fb-2019"][S.FACEBOOK].excluded[S.REASON].tolist()
    assert sorted(reasons) == sorted([M.UNSENT, M.SYSTEM_EVENTS["Subscribe"], M.SYSTEM_EVENTS["Call"]])
    assert not parts["fb-2019"][S.FACEBOOK].messages[S.CONTENT].eq("The video chat ended.").any()


def test_sections_become_the_folder(parts):
    folders = parts["fb-2021"][S.FACEBOOK].messages.groupby(S.CONVERSATION_ID)[S.FOLDER].first().to_dict()
    assert folders == {
        "facebook:danasimic_77c0ffee11": "message_requests",
        "facebook:josemuller_8fd3a1c2e0": "inbox",
        "facebook:lunchcrew_4b7e9d2a1f": "archived_threads",
    }
    assert set(parts["fb-2024"][S.FACEBOOK].messages[S.FOLDER]) == {"inbox", "filtered_threads"}
    assert parts["fb-2018"][S.FACEBOOK].messages[S.FOLDER].isna().all()  # the 2018 layout has no sections


def test_friends_in_every_layout_with_names_repaired(parts):
    for case, era in (("fb-2019", "2019-20"), ("fb-2021", "2021-22"), ("fb-2024", "2023+"), ("fb-2025", "2023+")):
        part = parts[case][S.FACEBOOK]
        conn = part.connections
        assert (conn[S.RELATIONSHIP] == S.REL_FRIEND).all()
        assert "José Müller" in set(conn[S.NAME]) and "Dana Šimić" in set(conn[S.NAME])
        jose = conn.loc[conn[S.NAME].eq("José Müller")].iloc[0]
        assert (jose[S.FIRST_NAME], jose[S.LAST_NAME], jose[S.CONNECTED_ON]) == ("José", "Müller", pd.Timestamp("2019-03-02"))
        friends_file = part.ledger.loc[part.ledger[S.FILE].str.contains("friends.json") & ~part.ledger[S.FILE].str.contains("removed")]
        assert friends_file[S.ERA].tolist() == [era]


def test_removed_friends_and_duplicate_names_are_excluded_not_dropped(parts):
    excluded = parts["fb-2021"][S.FACEBOOK].excluded
    assert excluded.loc[excluded[S.FILE].str.endswith("removed_friends.json"), S.REASON].tolist() == [M.REMOVED_FRIEND]
    assert excluded.loc[excluded[S.FILE].str.endswith("/friends.json"), [S.LINE, S.REASON]].values.tolist() == [[4, M.SAME_NAME_FRIEND]]
    ann = parts["fb-2021"][S.FACEBOOK].connections.set_index(S.NAME).loc["Ann Lee"]
    assert ann[S.CONNECTED_ON] == pd.Timestamp("2020-12-24")  # the first entry of the file is kept


def test_friend_requests_become_invitations(parts):
    inv = parts["fb-2021"][S.FACEBOOK].invitations
    assert inv[[S.NAME, S.DIRECTION]].values.tolist() == [["Ines Faure", "received"], ["Gita Rao", "sent"], ["Hal Berg", "received"]]
    assert inv[S.SENT_AT].tolist()[1] == pd.Timestamp("2021-03-01 09:00:00")
    assert (inv[S.NOTE_KIND] == S.NOTE_NONE).all() and inv[S.MESSAGE].isna().all()


def test_owner_is_found_as_the_research_says(parts):
    assert parts["fb-2019"][S.FACEBOOK].owner.found_by == "the participant present in every thread"
    assert parts["fb-2021"][S.FACEBOOK].owner.found_by == "profile_information.json (profile_v2.name.full_name)"
    assert parts["fb-2018"][S.FACEBOOK].owner.found_by == "the owner name given by the user, matched to a thread participant"
    ig = parts["ig-2025-08"][S.INSTAGRAM].owner
    assert (ig.name, ig.profile_url, ig.contact_id) == (OWNER, "https://www.instagram.com/zoe.ardent", "instagram:zoe.ardent")
    assert parts["ig-2026-pt-br"][S.INSTAGRAM].owner.name == OWNER  # localised labels ('Nome de usuário')


def test_an_owner_that_cannot_be_determined_asks_for_owner():
    with pytest.raises(ExportFormatError) as err:
        M.read(source_files("fb-2018"), source="x")
    assert "owner=" in str(err.value) and err.value.fix
    with pytest.raises(ExportFormatError):
        M.read(source_files("fb-2018"), source="x", owner=["Someone Else", "+44 7700 900123"])


def test_e2ee_backup_duplicates_are_excluded_and_the_thread_joins_its_conversation(parts):
    part = parts["fb-2025+messenger-e2ee"][S.FACEBOOK]
    dup = part.excluded.loc[part.excluded[S.REASON].eq(M.E2EE_DUPLICATE)]
    assert dup[[S.FILE, S.LINE]].values.tolist() == [["Ann Lee_1.json", 3], ["Ann Lee_1.json", 4]]
    ann = part.messages.loc[part.messages[S.CONVERSATION_ID].eq("facebook:annlee_91b2c3d4e5")]
    assert ann[S.FOLDER].tolist() == ["e2ee_cutover", "e2ee_cutover", "e2ee_backup", "e2ee_backup"]
    assert ann[S.CONTENT].tolist()[-1] == "Thursday works. Bring the résumé 📎"
    assert "facebook:Ann Lee_1" not in set(part.messages[S.CONVERSATION_ID])
    book = part.messages.loc[part.messages[S.CONVERSATION_ID].eq("facebook:Book club_2")]
    assert book[S.HAS_ATTACHMENT].tolist() == [False, False, True] and book[S.IS_GROUP].all()
    # alone, the backup keeps every message of its own
    assert len(parts["messenger-e2ee"][S.FACEBOOK].messages) == 7


def test_instagram_follow_lists_merge_into_relationships(parts):
    conn = parts["ig-2025-08"][S.INSTAGRAM].connections.set_index(S.CONTACT_ID)
    assert conn[S.RELATIONSHIP].to_dict() == {
        "instagram:ann.lee": S.REL_MUTUAL_FOLLOW,
        "instagram:bo_ek": S.REL_FOLLOWER,
        "instagram:dana.simic": S.REL_FOLLOWER,
        "instagram:eve.stone": S.REL_FOLLOWING,
        "instagram:jose.muller": S.REL_MUTUAL_FOLLOW,
    }
    assert conn.loc["instagram:ann.lee", S.CONNECTED_ON] == pd.Timestamp("2025-07-02")  # mutual since the later follow
    # 2026: following.json has no 'value'; the user name comes from 'title' (the href is a /_u/ link)
    conn26 = parts["ig-2026-04"][S.INSTAGRAM].connections.set_index(S.CONTACT_ID)
    assert conn26.loc["instagram:chidi.okafor", S.RELATIONSHIP] == S.REL_FOLLOWING
    assert conn26.loc["instagram:jose.muller", S.RELATIONSHIP] == S.REL_MUTUAL_FOLLOW
    eras = parts["ig-2026-04"][S.INSTAGRAM].ledger.set_index(S.FILE)[S.ERA]
    assert eras["connections/followers_and_following/following.json"] == "2026-04"


def test_instagram_one_to_one_threads_use_the_user_name_from_the_folder(parts):
    part = parts["ig-2025-08"][S.INSTAGRAM]
    jose = part.messages.loc[part.messages[S.SENDER_NAME].eq("José Müller")]
    assert set(jose[S.SENDER_ID]) == {"instagram:jose.muller"}
    people = part.people.set_index(S.CONTACT_ID)
    assert people.loc["instagram:jose.muller", [S.NAME, S.HANDLE, S.SEEN_IN, S.IS_CONNECTION]].tolist() == [
        "José Müller", "jose.muller", "connections,messages", True,
    ]
    # in a group thread only the display name is known
    assert people.loc["instagram:name:ann lee", S.SEEN_IN] == "messages"


def test_the_ambiguous_messages_root_takes_the_platform_of_its_neighbours():
    thread = next(f for f in source_files("ig-2026-04") if f.name.endswith("ann.lee_17841400000000002/message_1.json"))
    follow = next(f for f in source_files("ig-2026-04") if f.name.endswith("followers_1.json"))
    old = SourceFile(M.THREAD, "instagram-zoe/messages/inbox/ann.lee_17841400000000002/message_1.json", thread.data, M.FAMILY)
    beside = SourceFile(M.IG_FOLLOWERS, "instagram-zoe/connections/followers_and_following/followers_1.json", follow.data, M.FAMILY)
    [part] = M.read([old, beside], source="x", owner=[OWNER])
    assert part.platform == S.INSTAGRAM and part.messages[S.SENDER_ID].tolist() == ["instagram:ann.lee", "instagram:name:zoë ardent"]
    [alone] = M.read([old], source="x", owner=[OWNER])
    assert alone.platform == S.FACEBOOK and any("read as Facebook" in n for n in alone.notes)


def test_html_exports_are_refused_with_instructions():
    html = SourceFile(M.HTML_EXPORT, "your_facebook_activity/messages/inbox/ann_1/message_1.html", b"<html><body>hi</body></html>", M.FAMILY)
    with pytest.raises(ExportFormatError) as err:
        M.read([html], source="x")
    assert "JSON" in err.value.fix and "Download your information" in err.value.fix and err.value.file == html.name
    assert M.claim("connections/friends/your_friends.html") == M.HTML_EXPORT
    assert M.claim("connections/followers_and_following/followers_1.html") == M.HTML_EXPORT


@pytest.mark.parametrize(
    "name, kind",
    [
        ("messages/inbox/ann_1/message_10.json", M.THREAD),
        ("facebook-zoe-2019/messages/annlee_2ab3c4d5e6/message.json", M.THREAD),
        ("your_activity_across_facebook/messages/filtered_threads/x_1/message_1.json", M.THREAD),
        ("friends/friends.json", M.FB_FRIENDS),
        ("friends_and_followers/friends.json", M.FB_FRIENDS),
        ("connections/friends/your_friends.json", M.FB_FRIENDS),
        ("connections/friends/removed_friends.json", M.FB_REMOVED_FRIENDS),
        ("friends_and_followers/friend_requests_sent.json", M.FB_SENT_REQUESTS),
        ("connections/friends/received_friend_requests.json", M.FB_RECEIVED_REQUESTS),
        ("personal_information/profile_information/profile_information.json", M.FB_PROFILE),
        ("connections/followers_and_following/followers_12.json", M.IG_FOLLOWERS),
        ("connections/followers_and_following/following.json", M.IG_FOLLOWING),
        ("personal_information/personal_information/personal_information.json", M.IG_PROFILE),
        ("account_information/personal_information.json", M.IG_PROFILE),
        ("Connections.csv", None),
        ("messages.csv", None),
        ("data/follower.js", None),
        ("WhatsApp Chat with Ann.txt", None),
        ("connections/followers/who_you've_followed.json", None),
        ("friends_and_followers/rejected_friend_requests.json", None),
    ],
)
def test_claim(name, kind):
    assert M.claim(name) == kind


def test_sniff_claims_meta_json_and_nothing_else():
    for era in ERAS:
        for f in source_files(era):
            assert M.sniff(f.data[:4096]) in (M.claim(f.name), None, M.E2EE_THREAD), f.name
    assert M.sniff((META_DIR / "messenger-e2ee" / "Ann Lee_1.json").read_bytes()[:4096]) == M.E2EE_THREAD
    others = [
        b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n",
        b"Notes:\n\"When exporting your connection data",
        b"window.YTD.direct_messages.part0 = [\n  {\n    \"dmConversation\" : {",
        b"[31/12/2024, 12:34:56] Bob: hey\r\n",
        b"From 1234@xxx Mon Jan 01 00:00:00 +0000 2024\nX-GM-THRID: 1\n",
        b"BEGIN:VCARD\r\nVERSION:3.0\r\n",
        b'{"participants": "nobody"}',
        b"",
        b"\xff\xfe\x00\x00",
    ]
    assert [M.sniff(h) for h in others] == [None] * len(others)


# ---------------------------------------------------------------- hostile input
THREAD_PATH = "your_facebook_activity/messages/inbox/x_1/message_1.json"


def _thread(messages: list, participants=("Ann Lee", OWNER)) -> bytes:
    return json.dumps({"participants": [{"name": p} for p in participants], "messages": messages}).encode()


def _read_thread(data: bytes, owner=(OWNER,)):
    return M.read([SourceFile(M.THREAD, THREAD_PATH, data, M.FAMILY)], source="x", owner=owner)


@pytest.mark.parametrize(
    "data, problem",
    [
        (b'{"participants": [{"name": "A"}], "messages": [', "not valid JSON"),
        (b"[1, 2, 3]", "not a JSON object"),
        (b'{"participants": []}', "does not hold the expected records"),
        (b'{"participants": {}, "messages": []}', "'participants' is not a list"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (b'{"participants": [{"name": "Zo\xeb"}], "messages": []}', "cannot be decoded as UTF-8"),
        (b'{"messages": 7}', "'messages' is not a list"),
    ],
)
def test_broken_files_give_a_clear_error(data, problem):
    with pytest.raises(ExportFormatError) as err:
        _read_thread(data)
    assert problem in err.value.problem
    assert err.value.file == THREAD_PATH and err.value.expected and err.value.fix


def test_a_utf16_thread_with_its_bom_reads_like_its_utf8_twin():
    # issue 16: one meaning of encoding= (netstats.sources._decode); Meta used to refuse UTF-16.
    thread = '{"participants": [{"name": "Zoë Ardent"}, {"name": "Jürgen"}], "messages": [' + (
        '{"sender_name": "Jürgen", "timestamp_ms": 1600000000000, "content": "Grüße ☕"}]}'
    )
    path = "your_facebook_activity/messages/inbox/jurgen_1/message_1.json"

    def read(data: bytes):
        [part] = M.read(
            [SourceFile(M.THREAD, path, data, M.FAMILY)], source="x", owner=["Zoë Ardent"]
        )
        return part

    utf8, utf16 = read(thread.encode()), read(thread.encode("utf-16"))
    assert utf16.messages[S.CONTENT].tolist() == ["Grüße ☕"]
    pd.testing.assert_frame_equal(utf16.messages, utf8.messages)
    pd.testing.assert_frame_equal(utf16.people, utf8.people)


def test_bad_records_are_quarantined_with_their_position_and_reason():
    good = {"sender_name": "Ann Lee", "timestamp_ms": 1_600_000_000_000, "content": "ok"}
    items = [
        good,
        {"sender_name": "Ann Lee", "timestamp_ms": 99_999_999_999_999_999},
        {"sender_name": "Ann Lee", "timestamp_ms": "yesterday"},
        {"sender_name": "Ann Lee"},
        {"sender_name": 5, "timestamp_ms": 1_600_000_000_000},
        "hello",
        {"sender_name": "Ann Lee", "timestamp_ms": 1_600_000_000_000, "content": "x" * (M.MAX_FIELD_CHARS + 1)},
        {"sender_name": "  \u200b ", "timestamp_ms": 1_600_000_000_000},
        {"sender_name": "Ann Lee", "timestamp_ms": True},
        {"sender_name": "Ann Lee", "timestamp_ms": 1_600_000_000_000, "content": ["not", "text"]},
    ]
    [part] = _read_thread(_thread(items))
    assert len(part.messages) == 1
    q = part.quarantine
    assert q[S.LINE].tolist() == [2, 3, 4, 5, 6, 7, 8, 9, 10]
    assert q[S.REASON].tolist() == [
        "timestamp out of range (expected epoch milliseconds)",
        "timestamp out of range (expected epoch milliseconds)",
        "no timestamp",
        "the sender name is not text",
        M.NOT_AN_OBJECT,
        M.TOO_LONG,
        "no sender name",
        "timestamp out of range (expected epoch milliseconds)",
        "the text or type is not text",
    ]
    assert q[S.RAW].str.len().max() <= 2000 and q[S.RAW].iloc[4] == '"hello"'
    assert part.ledger[[S.ROWS_READ, S.KEPT, S.EXCLUDED, S.QUARANTINED]].values.tolist() == [[10, 1, 0, 9]]


def test_markup_and_invisible_characters_stay_text_and_out_of_ids():
    items = [
        {"sender_name": "Ann\u202e \u200bLee", "timestamp_ms": 1_600_000_000_000, "content": "<img src=x onerror=alert(1)>"},
        {"sender_name": "<b>Bo</b>", "timestamp_ms": 1_600_000_001_000, "content": "$\\href{javascript:alert(1)}{x}$"},
        {"sender_name": OWNER, "timestamp_ms": 1_600_000_002_000, "content": "\ud83d lone half of an emoji"},
    ]
    [part] = _read_thread(_thread(items, participants=("Ann Lee", "<b>Bo</b>", OWNER)))
    msgs = part.messages
    assert msgs[S.SENDER_ID].tolist() == ["facebook:name:ann lee", "facebook:name:<b>bo</b>", "facebook:name:zoë ardent"]
    assert msgs[S.CONTENT].tolist()[:2] == ["<img src=x onerror=alert(1)>", "$\\href{javascript:alert(1)}{x}$"]
    assert msgs[S.CONTENT].iloc[2] == "\ufffd lone half of an emoji"
    assert any("lone UTF-16 surrogates" in n for n in part.notes)


def test_hostile_follow_and_friend_items_are_quarantined():
    followers = SourceFile(
        M.IG_FOLLOWERS,
        "connections/followers_and_following/followers_1.json",
        b'[{"title": "", "string_list_data": [{"href": "https://www.instagram.com/<script>", "timestamp": 1600000000}]},'
        b' {"title": "", "string_list_data": []},'
        b' {"title": "", "string_list_data": [{"value": "Ok.User", "timestamp": 99999999999}]},'
        b' {"title": "", "string_list_data": [{"value": "@Fine_One", "timestamp": 1600000000}]}]',
        M.FAMILY,
    )
    [part] = M.read([followers], source="x")
    assert part.quarantine[S.REASON].tolist() == [
        "not an Instagram user name",
        "no user name (value, title and href are all missing)",
        "timestamp out of range (expected epoch seconds)",
    ]
    assert part.connections[S.CONTACT_ID].tolist() == ["instagram:fine_one"]
    assert part.owner.contact_id is None and part.owner.found_by.startswith("not found")
    friends = SourceFile(M.FB_FRIENDS, "connections/friends/your_friends.json", b'{"friends_v2": {"name": "x"}}', M.FAMILY)
    with pytest.raises(ExportFormatError, match="'friends_v2' is not a list"):
        M.read([friends], source="x")


# ---------------------------------------------------------------- mojibake: properties
def mojibake(text: str) -> str:
    """What Meta does to a string: each UTF-8 byte becomes one Latin-1 character."""
    return text.encode("utf-8").decode("latin-1")


@given(st.text())
def test_fix_mojibake_is_idempotent(text):
    once = M.fix_mojibake(text)
    assert M.fix_mojibake(once) == once


@given(st.text(), st.characters(min_codepoint=0x100), st.text())
def test_fix_mojibake_never_changes_correct_unicode(before, wide, after):
    text = before + wide + after
    assert M.fix_mojibake(text) == text


@given(st.text())
def test_fix_mojibake_undoes_metas_encoding(text):
    # fix(mojibake(s)) == s for every s the repair leaves alone (ASCII, any character above U+00FF,
    # genuine Latin-1); a string that is itself mojibake is repaired all the way (idempotence needs it).
    assert M.fix_mojibake(mojibake(text)) == M.fix_mojibake(text)
    if M.fix_mojibake(text) == text:
        assert M.fix_mojibake(mojibake(text)) == text


@given(st.text(st.characters(categories=["Cs", "Lu", "Co", "Zs"])))
def test_string_repair_never_raises_and_leaves_no_surrogates(text):
    repaired = M.repair_strings({text: [text]})
    [(key, [value])] = repaired.items()
    assert key == value
    value.encode("utf-8")  # storable anywhere


json_documents = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


@given(json_documents, st.booleans(), st.booleans())
def test_parsing_repairs_every_string_exactly_like_the_walk(document, as_meta, ascii_only):
    # the byte-level fast path and the skip of clean files must give what fix_mojibake gives per string
    written = _meta_encode(document) if as_meta else document
    text = json.dumps(written, ensure_ascii=ascii_only)
    parsed = M._parse(SourceFile(M.THREAD, "message_1.json", text.encode("utf-8"), M.FAMILY), None, M._Repairs())
    assert parsed == M.repair_strings(json.loads(text))


def test_fix_mojibake_examples():
    assert M.fix_mojibake(mojibake("Dana Šimić 🍜")) == "Dana Šimić 🍜"
    assert M.fix_mojibake("Ã©") == "é"  # the research's example: café written as cafÃ©
    assert M.fix_mojibake("Zoë") == "Zoë"  # genuine Latin-1: not valid UTF-8 once re-encoded
    assert M.fix_mojibake(mojibake(mojibake("é"))) == "é"  # repaired until it no longer changes
    assert M.fix_mojibake(None) is None


# ---------------------------------------------------------------- thread parsing: property
NAMES = (OWNER, "José Müller", "Ann Lee", "李雷", "Dana Šimić")


@st.composite
def threads(draw):
    n = draw(st.integers(1, 12))
    times = sorted(draw(st.sets(st.integers(0, 10**9), min_size=n, max_size=n)))
    rows = [(draw(st.sampled_from(NAMES)), draw(st.one_of(st.none(), st.text(max_size=20))), 1_500_000_000_000 + t) for t in times]
    cut = draw(st.integers(0, n))
    return rows, cut


@settings(max_examples=25)  # each example is a whole read; the string-level properties run the default 100
@given(threads())
def test_any_thread_written_as_meta_writes_it_reads_back(thread):
    rows, cut = thread
    messages = [{"sender_name": s, "timestamp_ms": t, **({} if c is None else {"content": c}), "type": "Generic"} for s, c, t in rows]
    newest_first = messages[::-1]
    # message_1.json holds the newest messages; message_2.json the older ones
    parts_ = [newest_first[: len(newest_first) - cut], newest_first[len(newest_first) - cut :]]
    files = [
        SourceFile(
            M.THREAD,
            f"your_facebook_activity/messages/inbox/group_1/message_{i}.json",
            json.dumps(_meta_encode({"participants": [{"name": n} for n in NAMES], "messages": p})).encode("ascii"),
            M.FAMILY,
        )
        for i, p in enumerate(parts_, start=1)
        if p
    ]
    profile = SourceFile(M.FB_PROFILE, "personal_information/profile_information/profile_information.json",
                         json.dumps(_meta_encode({"profile_v2": {"name": {"full_name": OWNER}}})).encode("ascii"), M.FAMILY)
    [part] = M.read([*files, profile], source="x")
    got = list(zip(part.messages[S.SENDER_NAME], part.messages[S.CONTENT].astype(object).where(part.messages[S.CONTENT].notna(), None), part.messages[S.SENT_AT], strict=True))
    # text that itself looks like Meta's mojibake ('Â\x80') is repaired like the rest: the documented limit of the fix
    want = [
        (s, (M.fix_mojibake(c).strip() or None) if c is not None else None, pd.Timestamp(t, unit="ms", tz="UTC"))
        for s, c, t in rows
    ]
    assert got == want
    assert (part.messages[S.DIRECTION] == [("sent" if s == OWNER else "received") for s, _, _ in rows]).all()
    assert part.messages[S.IS_GROUP].all()


def _meta_encode(document):
    """Meta's writer: every string as its UTF-8 bytes read as Latin-1 (then \\u00XX escapes)."""
    if isinstance(document, str):
        return mojibake(document)
    if isinstance(document, dict):
        return {_meta_encode(k): _meta_encode(v) for k, v in document.items()}
    if isinstance(document, list):
        return [_meta_encode(v) for v in document]
    return document


# ---------------------------------------------------------------- vectorised at scale
def test_a_large_thread_reads_quickly_and_exactly():
    n = 20_000
    people = [f"Person {i}" for i in range(40)] + [OWNER]
    messages = [{"sender_name": people[i % len(people)], "timestamp_ms": 1_600_000_000_000 + (n - i) * 1000, "content": f"m{i}"} for i in range(n)]
    data = json.dumps({"participants": [{"name": p} for p in people], "messages": messages}).encode()
    [part] = _read_thread(data)
    msgs = part.messages
    assert len(msgs) == n and msgs[S.SENT_AT].is_monotonic_increasing
    assert msgs[S.RECIPIENT_IDS].map(len).eq(len(people) - 1).all()
    assert int((msgs[S.DIRECTION] == "sent").sum()) == sum(1 for i in range(n) if i % len(people) == len(people) - 1)


if __name__ == "__main__":
    write_golden(*sys.argv[1:])


def test_one_odd_message_in_a_one_message_thread_is_quarantined_not_a_refused_export(tmp_path):
    """Threads are judged together: a thread whose only message has no sender is a quarantined row."""
    export = tmp_path / "fb"
    shutil.copytree(META_DIR / "fb-2024", export)
    thread = export / "your_activity_across_facebook/messages/inbox/oldfriend_1234abcd"
    thread.mkdir()
    (thread / "message_1.json").write_text(json.dumps({
        "participants": [{"name": "Old Friend"}, {"name": "Zo\u00c3\u00ab Ardent"}],
        "messages": [{"timestamp_ms": 1707588300000, "content": "hello", "type": "Generic"}],
    }))
    ex = ns.load(export)
    odd = ex.quarantine[ex.quarantine[S.FILE].str.contains("oldfriend", regex=False)]
    assert (len(odd), odd[S.REASON].iloc[0]) == (1, "no sender name")
    assert ex.ledger.loc[ex.ledger[S.FILE].str.contains("oldfriend", regex=False), [S.KEPT, S.QUARANTINED]].values.tolist() == [[0, 1]]


def test_every_thread_unreadable_is_still_refused(tmp_path):
    """Judged together, threads whose messages are mostly unreadable still end in the error."""
    export = tmp_path / "fb"
    shutil.copytree(META_DIR / "fb-2024", export)
    for path in (export / "your_activity_across_facebook/messages").rglob("message_*.json"):
        thread = json.loads(path.read_text())
        for item in thread["messages"]:
            item.pop("sender_name", None)
        path.write_text(json.dumps(thread))
    with pytest.raises(ns.MostlyUnreadableError, match=r"messages/\w+/.*message_(N|1)\.json.*data rows could not be read"):
        ns.load(export)
