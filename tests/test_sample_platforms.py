"""The multi-platform synthetic sample: formats byte by byte, identity and history ground truth, determinism.

The files are parsed here with small independent readers (json, csv, mailbox,
regexes), never with netstats' platform readers: the point of the generator
is to be a second implementation of the formats.
"""

from __future__ import annotations

import csv
import io
import json
import mailbox
import re
import time
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netstats import schema as S
from netstats._errors import ParameterError
from netstats._text import contact_ids, name_key, normalise_email, normalise_phone, normalise_profile_urls
from netstats.sample._addressbook import _fold
from netstats.sample._meta import _meta_json
from netstats.sample._platforms import (
    EARLIER_DIR,
    HISTORY_FILE,
    IDENTITY_FILE,
    generate_platform_sample,
    write_platform_sample,
)
from netstats.sample._world import SWITCHBOARD

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data" / "sample_platforms"
GOOGLE_HEADER_START = (
    "First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,Phonetic Last Name,"
    "Name Prefix,Name Suffix,Nickname,File As,Organization Name,Organization Title,Organization Department,"
    "Birthday,Notes,Photo,Labels,E-mail 1 - Label,E-mail 1 - Value,"
)
ANDROID_LINE = re.compile(r"^(\d\d)/(\d\d)/\d\d, \d\d:\d\d - ")
IOS_LINE = re.compile("^\u200e?\\[(\\d{1,2})/(\\d{1,2})/\\d\\d, \\d{1,2}:\\d\\d:\\d\\d\u202f[AP]M\\] ")


def fix_meta(text: str) -> str:
    """The guarded repair of Meta's mojibake (research 2.4), written again here."""
    if text.isascii() or any(ord(c) > 0xFF for c in text):
        return text
    try:
        return text.encode("latin-1").decode("utf-8")
    except UnicodeDecodeError:
        return text


def meta_load(data: bytes):
    def hook(pairs):
        return {fix_meta(k): fix_meta(v) if isinstance(v, str) else v for k, v in pairs}

    return json.loads(data, object_pairs_hook=hook)


def x_load(data: bytes):
    text = data.decode("utf-8")
    return json.loads(text[text.index("=") + 1 :])


@pytest.fixture(scope="module")
def sample():
    return generate_platform_sample(contacts=120, seed=0)


@pytest.fixture(scope="module")
def written(sample, tmp_path_factory):
    return write_platform_sample(tmp_path_factory.mktemp("platforms"), contacts=120, seed=0)


@pytest.fixture(scope="module")
def truth(sample):
    return dict(zip(sample.truth[S.PLATFORM_ID], sample.truth[S.PERSON], strict=True))


def _files(sample, prefix: str, suffix: str = "") -> dict[str, bytes]:
    return {k: v for k, v in sample.files.items() if k.startswith(prefix) and k.endswith(suffix)}


# ---------------------------------------------------------------- determinism and the committed sample
def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_same_arguments_give_identical_bytes_and_another_seed_differs(written, tmp_path):
    again = _tree(write_platform_sample(tmp_path / "again", contacts=120, seed=0))
    assert again == _tree(written)
    other = _tree(write_platform_sample(tmp_path / "other", contacts=120, seed=1))
    assert other.keys() != again.keys() or other != again
    assert other[IDENTITY_FILE] != again[IDENTITY_FILE]


def test_committed_sample_is_what_the_generator_writes(tmp_path):
    """data/sample_platforms is data/sample's people (500 contacts, seed 0) on the other platforms."""
    fresh = _tree(write_platform_sample(tmp_path, contacts=500, seed=0))
    committed = _tree(DATA)
    assert sorted(committed) == sorted(fresh)
    for name in fresh:
        assert committed[name] == fresh[name], f"{name}: regenerate data/sample_platforms"
    assert sum(len(v) for v in committed.values()) < 3_000_000


def test_generation_is_fast():
    start = time.perf_counter()
    generate_platform_sample(contacts=500, seed=0)
    assert time.perf_counter() - start < 5.0


def test_bad_as_of_is_a_parameter_error():
    with pytest.raises(ParameterError, match="as_of"):
        generate_platform_sample(contacts=50, as_of="not a date")
    with pytest.raises(ParameterError):
        generate_platform_sample(contacts=10)


def test_output_folder_layout(written):
    names = sorted(p.name for p in written.iterdir())
    assert names == [
        "contacts.vcf",
        "facebook",
        "google_contacts.csv",
        "instagram",
        EARLIER_DIR,
        "mail.mbox",
        HISTORY_FILE,
        IDENTITY_FILE,
        "whatsapp",
        "x",
    ]
    assert sorted(p.name for p in (written / EARLIER_DIR).iterdir()) == [
        "Connections.csv",
        "Invitations.csv",
        "Profile.csv",
        "messages.csv",
    ]


# ---------------------------------------------------------------- Meta
def test_meta_files_are_ascii_with_each_utf8_byte_escaped(sample):
    meta = _files(sample, "facebook/") | _files(sample, "instagram/")
    assert all(data.isascii() for data in meta.values())
    everything = b"".join(meta.values())
    assert b"\\u00c3\\u00a9" in everything  # "é"
    assert b"\\u00f0\\u009f" in everything  # an emoji, four escaped bytes
    assert b"\\u00e9" not in everything.replace(b"\\u00c3\\u00a9", b"")  # never the proper escape of "é"
    assert (
        _meta_json({"name": "Zoë 😢"}) == b'{\n  "name": "Zo\\u00c3\\u00ab \\u00f0\\u009f\\u0098\\u00a2"\n}'
    )


def test_facebook_layout_and_threads(sample):
    friends = meta_load(sample.files["facebook/connections/friends/your_friends.json"])["friends_v2"]
    stamps = [f["timestamp"] for f in friends]
    assert stamps == sorted(stamps, reverse=True) and all(10**9 < t < 2 * 10**9 for t in stamps)
    threads = _files(sample, "facebook/your_facebook_activity/messages/", ".json")
    sections = {path.split("/")[3] for path in threads}
    assert sections == {"inbox", "archived_threads", "message_requests", "e2ee_cutover"}
    split = [p for p in threads if p.endswith("message_2.json")]
    assert len(split) == 1
    newer = meta_load(threads[split[0].replace("message_2", "message_1")])["messages"]
    older = meta_load(threads[split[0]])["messages"]
    assert min(m["timestamp_ms"] for m in newer) > max(m["timestamp_ms"] for m in older)
    groups = [meta_load(d) for d in threads.values() if len(meta_load(d)["participants"]) >= 3]
    assert len(groups) == 1 and groups[0]["title"] == "Família 🏡"
    for data in threads.values():
        thread = meta_load(data)
        assert list(thread) == [
            "participants",
            "messages",
            "title",
            "is_still_participant",
            "thread_path",
            "magic_words",
        ]
        stamps = [m["timestamp_ms"] for m in thread["messages"]]
        assert stamps == sorted(stamps, reverse=True)  # newest first
    profile = meta_load(
        sample.files["facebook/personal_information/profile_information/profile_information.json"]
    )
    assert profile["profile_v2"]["name"]["full_name"] == "Sasha Moreau"


def test_instagram_follow_lists_in_the_2026_shape(sample):
    base = "instagram/connections/followers_and_following/"
    followers = meta_load(sample.files[base + "followers_1.json"]) + meta_load(
        sample.files[base + "followers_2.json"]
    )
    assert all(item["title"] == "" and item["string_list_data"][0]["value"] for item in followers)
    following = meta_load(sample.files[base + "following.json"])["relationships_following"]
    assert following and all("value" not in item["string_list_data"][0] for item in following)
    assert all(
        item["string_list_data"][0]["href"] == f"https://www.instagram.com/_u/{item['title']}"
        for item in following
    )


# ---------------------------------------------------------------- X
def test_x_files_have_the_ytd_prefix_and_x_json_style(sample):
    dms = sample.files["x/data/direct-messages.js"]
    assert dms.startswith(b"window.YTD.direct_messages.part0 = [")
    assert sample.files["x/data/direct-messages-group.js"].startswith(
        b"window.YTD.direct_messages_group.part0 = ["
    )
    assert sample.files["x/data/manifest.js"].startswith(b"window.__THAR_CONFIG = {")
    assert b'"conversationId" : "' in dms and not dms.endswith(b"\n")
    account = x_load(sample.files["x/data/account.js"])[0]["account"]
    manifest = x_load(sample.files["x/data/manifest.js"])
    assert account["accountId"] == manifest["userInfo"]["accountId"]
    for conversation in x_load(dms):
        body = conversation["dmConversation"]
        ids = body["conversationId"].split("-")
        assert len(ids) == 2 and account["accountId"] in ids
        stamps = [m["messageCreate"]["createdAt"] for m in body["messages"]]
        assert stamps == sorted(stamps, reverse=True)
        assert all(isinstance(m["messageCreate"]["senderId"], str) for m in body["messages"])
    group = x_load(sample.files["x/data/direct-messages-group.js"])[0]["dmConversation"]
    assert "-" not in group["conversationId"] and "joinConversation" in group["messages"][-1]
    for name in ("follower", "following"):
        entries = x_load(sample.files[f"x/data/{name}.js"])
        assert all(set(e[name]) == {"accountId", "userLink"} for e in entries)


# ---------------------------------------------------------------- WhatsApp
def test_whatsapp_android_and_ios_lines(sample):
    chats = _files(sample, "whatsapp/")
    android = {k: v for k, v in chats.items() if "/WhatsApp Chat with " in k}
    ios = {k: v for k, v in chats.items() if k.endswith("/_chat.txt")}
    assert android and ios and len(android) + len(ios) == len(chats)
    for data in android.values():
        assert b"\r" not in data
        lines = data.decode("utf-8").splitlines()
        assert lines[0].endswith("Messages and calls are end-to-end encrypted. No one outside of this chat, "
                                 "not even WhatsApp, can read or listen to them. Tap to learn more.")  # fmt: skip
        days = [int(m.group(1)) for m in map(ANDROID_LINE.match, lines) if m]
        assert max(days) > 12  # day-first can be told from the values
    for data in ios.values():
        text = data.decode("utf-8")
        assert text.count("\r\n") == text.count("\n")
        first = text.split("\r\n")[0]
        assert first.startswith("\u200e[") and ("\u202fAM] " in first or "\u202fPM] " in first)
        starts = [
            IOS_LINE.match(line) for line in text.split("\r\n") if line.lstrip("\u200e").startswith("[")
        ]
        assert all(starts) and max(int(m.group(2)) for m in starts) > 12  # month-first
    everything = "".join(v.decode("utf-8") for v in chats.values())
    assert "<Media omitted>" in everything
    assert re.search("\u200e(image|video|audio|GIF|sticker) omitted", everything)
    assert re.search(
        r"(?m)^\d\d/\d\d/\d\d, \d\d:\d\d - \+[\d ()-]+: ", everything
    )  # an unsaved number writes


# ---------------------------------------------------------------- address books and mail
def test_google_contacts_csv(sample):
    text = sample.files["google_contacts.csv"].decode("utf-8")
    assert text.startswith(GOOGLE_HEADER_START)
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert len(rows) == sum(1 for p in sample.truth[S.PLATFORM] if p == S.GOOGLE_CONTACTS)
    assert any(" ::: " in r["Phone 1 - Value"] for r in rows)
    assert any("* myContacts" in r["Labels"] for r in rows)
    assert any("\n" in r["Address 1 - Formatted"] for r in rows) or any("\n" in r["Notes"] for r in rows)


def _unfolded_cards(data: bytes) -> list[list[str]]:
    text = data.decode("utf-8").replace("\r\n ", "")
    cards, current = [], []
    for line in text.split("\r\n"):
        if line == "BEGIN:VCARD":
            current = []
        elif line == "END:VCARD":
            cards.append(current)
        else:
            current.append(line)
    return cards


def test_vcard_is_3_0_crlf_and_folded_at_75_octets(sample):
    data = sample.files["contacts.vcf"]
    physical = data.split(b"\r\n")
    assert physical[-1] == b"" and b"\n" not in data.replace(b"\r\n", b"")
    assert max(len(line) for line in physical) <= 75
    assert any(line.startswith(b" ") for line in physical)  # at least one folded line
    cards = _unfolded_cards(data)
    assert len(cards) == sum(1 for p in sample.truth[S.PLATFORM] if p == S.VCARD)
    assert all(card[0] == "VERSION:3.0" and card[1].startswith("FN:") for card in cards)


def test_switchboard_number_is_on_exactly_three_entries_of_three_persons(sample, truth):
    cards = _unfolded_cards(sample.files["contacts.vcf"])
    holders = [n for n, card in enumerate(cards, start=1) if f"TEL;TYPE=WORK:{SWITCHBOARD}" in card]
    assert len(holders) == 3
    assert len({truth[f"vcard:{n}"] for n in holders}) == 3
    assert SWITCHBOARD not in sample.files["google_contacts.csv"].decode("utf-8")


def test_mbox_is_gmail_takeout(sample, tmp_path):
    data = sample.files["mail.mbox"]
    assert data.startswith(b"From ") and b"@xxx " in data.split(b"\r\n")[0]
    assert data.count(b"\r\n") == data.count(b"\n")
    path = tmp_path / "mail.mbox"
    path.write_bytes(data)
    box = mailbox.mbox(path)
    messages = list(box)
    assert len(messages) == data.count(b"\r\nX-GM-THRID: ") + data.startswith(b"X-GM-THRID")
    assert all(m["X-GM-THRID"] and m["X-Gmail-Labels"] and m["Message-ID"] for m in messages)
    sent = [m for m in messages if m["X-Gmail-Labels"] == "Sent"]
    assert sent and all("sasha.moreau@example.com" in m["From"] for m in sent)
    assert any(m["Cc"] for m in messages) and any(m["References"] for m in messages)


# ---------------------------------------------------------------- identity truth
def _ids_in_files(sample) -> set[str]:
    """Every person id a reader should produce, found in the files by this test's own parsing."""
    ids = set()
    for path, data in _files(sample, "facebook/", ".json").items():
        value = meta_load(data)
        if "messages" in value:
            names = [p["name"] for p in value["participants"]] + [m["sender_name"] for m in value["messages"]]
        elif "profile_v2" in value:
            names = [value["profile_v2"]["name"]["full_name"]]
        else:
            names = [item["name"] for items in value.values() for item in items]
        ids |= {"facebook:name:" + name_key(n) for n in names}
    base = "instagram/connections/followers_and_following/"
    for name in ("followers_1.json", "followers_2.json"):
        ids |= {
            "instagram:" + i["string_list_data"][0]["value"].lower()
            for i in meta_load(sample.files[base + name])
        }
    profile = meta_load(
        sample.files["instagram/personal_information/personal_information/personal_information.json"]
    )
    ids.add("instagram:" + profile["profile_user"][0]["string_map_data"]["Username"]["value"].lower())
    ids |= {
        "instagram:" + i["title"].lower()
        for i in meta_load(sample.files[base + "following.json"])["relationships_following"]
    }
    for data in _files(sample, "instagram/your_instagram_activity/").values():
        value = meta_load(data)
        ids |= {
            "instagram:name:" + name_key(p["name"])
            for p in value["participants"]
            if p["name"] != "Sasha Moreau"
        }
    for name in ("follower", "following"):
        ids |= {"x:" + e[name]["accountId"] for e in x_load(sample.files[f"x/data/{name}.js"])}
    for conversation in x_load(sample.files["x/data/direct-messages.js"]):
        for item in conversation["dmConversation"]["messages"]:
            ids |= {"x:" + item["messageCreate"]["senderId"], "x:" + item["messageCreate"]["recipientId"]}
    for conversation in x_load(sample.files["x/data/direct-messages-group.js"]):
        for item in conversation["dmConversation"]["messages"]:
            if "joinConversation" in item:
                ids |= {"x:" + i for i in item["joinConversation"]["participantsSnapshot"]}
            else:
                ids.add("x:" + item["messageCreate"]["senderId"])
    ids.add("x:" + x_load(sample.files["x/data/account.js"])[0]["account"]["accountId"])
    author = re.compile(r"^\u200e?(?:\d\d/\d\d/\d\d, \d\d:\d\d - |\[[^\]]+\] )([^:]+): ", re.MULTILINE)
    for path, data in _files(sample, "whatsapp/").items():
        text = data.decode("utf-8").replace("\r\n", "\n")
        title = (
            path.split("WhatsApp Chat ")[1]
            .removeprefix("with ")
            .removeprefix("- ")
            .split("/")[0]
            .removesuffix(".txt")
        )
        for name in set(author.findall(text)) - {title}:
            phone = normalise_phone(name) if name.startswith("+") else None
            ids.add(f"whatsapp:{phone}" if phone else "whatsapp:name:" + name_key(name))
    rows = list(csv.reader(io.StringIO(sample.files["google_contacts.csv"].decode("utf-8"), newline="")))
    ids |= {f"google_contacts:{n}" for n in range(1, len(rows))}
    ids |= {f"vcard:{n}" for n in range(1, len(_unfolded_cards(sample.files["contacts.vcf"])) + 1)}
    mail = sample.files["mail.mbox"].decode("utf-8")
    for header in re.findall(r"^(?:From|To|Cc): (.*)$", mail, re.MULTILINE):
        ids |= {"email:" + normalise_email(a) for a in re.findall(r"[\w.+-]+@[\w.-]+", header)}
    return ids


def test_every_person_record_in_the_files_is_in_the_truth(sample, truth):
    found = _ids_in_files(sample)
    other = {i for i, p in zip(sample.truth[S.PLATFORM_ID], sample.truth[S.PLATFORM], strict=True) if p != S.LINKEDIN}
    assert found - other == set()
    assert other - found == set()  # and the truth names nothing the files do not hold
    assert sample.truth[S.PLATFORM_ID].is_unique
    linkedin = sample.linkedin.people
    assert set(linkedin[S.CONTACT_ID]) <= set(truth)
    assert truth[linkedin[S.CONTACT_ID][0]] == "owner"


def test_owner_records_on_every_platform(sample, truth):
    owner = sample.truth[sample.truth[S.PERSON] == "owner"]
    assert set(owner[S.PLATFORM]) == set(S.PLATFORMS_ORDER) - {S.GOOGLE_CONTACTS}
    assert truth["facebook:name:sasha moreau"] == truth["whatsapp:name:sasha moreau"] == "owner"
    assert truth["email:sasha.moreau@example.com"] == truth["instagram:sasha.moreau"] == "owner"


def test_keys_that_link_records_exist(sample, truth):
    # LinkedIn's Email Address column, the address books and the mbox share addresses
    connections = sample.linkedin.connections
    mailers = connections[connections[S.EMAIL].str.contains("@", regex=False, na=False)]
    assert len(mailers) == 2
    for cid, address in zip(mailers[S.CONTACT_ID], mailers[S.EMAIL].str.strip(), strict=True):
        assert truth[f"email:{address}"] == truth[cid]
        assert address in sample.files["google_contacts.csv"].decode("utf-8")
    # a phone number shared by WhatsApp and an address book, for the same person
    phones = {i.split(":", 1)[1]: truth[i] for i in truth if i.startswith("whatsapp:+")}
    books = sample.files["contacts.vcf"].decode("utf-8") + sample.files["google_contacts.csv"].decode("utf-8")
    book_phones = {normalise_phone(m) for m in re.findall(r"\+[\d ()-]{8,}\d", books)}
    assert set(phones) & book_phones
    # the same person under different names: a nickname, a middle name or accents dropped
    people = sample.people.set_index(S.PERSON)
    renamed = [
        i
        for i, person in truth.items()
        if i.startswith("facebook:name:")
        and person != "owner"
        and i[14:] != name_key(people.at[person, S.NAME])
    ]
    assert len(renamed) >= 5


def test_planted_collisions(sample, truth):
    people = sample.people
    by_key = people.assign(key=people[S.NAME].map(name_key))
    namesakes = by_key[by_key[S.PLANTED_KIND] == "namesake"]
    linkedin = by_key[by_key[S.CONTACT_ID].notna()]
    person_platforms = sample.truth.groupby(S.PERSON)[S.PLATFORM].agg(set)
    pairs = 0
    for row in namesakes.itertuples():
        others = linkedin[(linkedin["key"] == row.key) & (linkedin[S.PERSON] != row.person)]
        platforms = person_platforms.get(row.person, set())
        if len(others) and platforms and S.LINKEDIN not in platforms:
            pairs += 1
    assert pairs >= 10
    # a name twice within Google Contacts, for two different persons
    rows = list(csv.DictReader(io.StringIO(sample.files["google_contacts.csv"].decode("utf-8"), newline="")))
    names = pd.DataFrame(
        {"name": [f"{r['First Name']} {r['Last Name']}" for r in rows],
         "person": [truth[f"google_contacts:{n}"] for n in range(1, len(rows) + 1)]}
    )  # fmt: skip
    twice = names.groupby("name")["person"].nunique()
    assert (twice >= 2).any()


# ---------------------------------------------------------------- the earlier LinkedIn export and its history
def _connections(path: Path) -> pd.DataFrame:
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))[3:]
    frame = pd.DataFrame(rows[1:], columns=rows[0], dtype="string")
    frame = frame[frame["URL"] != ""]
    frame["id"] = contact_ids(normalise_profile_urls(frame["URL"]))
    return frame.set_index("id")


def test_history_truth_matches_the_two_connections_files(sample, written):
    from netstats.sample._linkedin import write_export

    main = _connections(write_export(sample.linkedin, written / "main_export") / "Connections.csv")
    earlier = _connections(written / EARLIER_DIR / "Connections.csv")
    history = pd.read_csv(written / HISTORY_FILE, dtype=str, keep_default_na=False)
    assert list(history.columns) == ["contact_id", "change", "before", "after"]
    changes = dict(tuple(history.groupby("change")))
    assert set(changes["new"]["contact_id"]) == set(main.index) - set(earlier.index)
    assert set(changes["disappeared"]["contact_id"]) == set(earlier.index) - set(main.index)
    assert len(changes["disappeared"]) >= 5
    both = main.index.intersection(earlier.index)
    for field, change in (("Company", "changed_company"), ("Position", "changed_position")):
        differ = both[main.loc[both, field].str.strip() != earlier.loc[both, field].str.strip()]
        expected = changes[change].set_index("contact_id")
        assert len(expected) >= 5 and set(differ) == set(expected.index)
        assert (expected["before"] == earlier.loc[expected.index, field].str.strip()).all()
        assert (expected["after"] == main.loc[expected.index, field].str.strip()).all()
    # five months earlier: nothing in it is newer than its date
    dates = pd.to_datetime(earlier["Connected On"], format="%d %b %Y")
    assert dates.max() < sample.earlier_as_of.tz_localize(None)
    assert sample.earlier_as_of == pd.Timestamp("2026-06-01", tz="UTC")
    messages = pd.read_csv(written / EARLIER_DIR / "messages.csv", dtype=str, keep_default_na=False)
    assert (
        pd.to_datetime(messages["DATE"], format="%Y-%m-%d %H:%M:%S UTC", utc=True).max()
        < sample.earlier_as_of
    )


def test_removed_people_are_in_the_identity_truth(sample, truth):
    gone = sample.history[sample.history[S.CHANGE] == "disappeared"][S.CONTACT_ID]
    assert all(cid in truth for cid in gone)


# ---------------------------------------------------------------- properties of the format helpers
@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_vcard_folding_round_trips_and_respects_75_octets(text):
    line = "NOTE:" + text.replace("\r", "").replace("\n", "")
    folded = _fold(line)
    assert folded.replace("\r\n ", "") == line
    assert all(len(part.encode("utf-8")) <= 75 for part in folded.split("\r\n"))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_meta_mojibake_is_undone_by_the_guarded_repair(text):
    restored = meta_load(_meta_json({"content": text}))["content"]
    assert restored == text
