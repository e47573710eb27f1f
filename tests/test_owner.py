"""Who owns an export, from the evidence (issue 13, points 1 and 2).

Each shape of ``research/real_export_findings.md`` ("Who is the owner") has a
tiny synthetic export here, and every era fixture must give its owner from
the messages alone.  All names are invented.
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import netstats as ns
from netstats import schema as S
from netstats._errors import ParameterError

ERAS_DIR = Path(__file__).parent / "fixtures" / "eras"
ERAS = ("2018-11", "2020-12", "2022-09", "2023-04", "2024-12", "2025-08", "2026-03")
IN = "https://www.linkedin.com/in/"
HEADER_2022 = ["CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO", "DATE", "SUBJECT", "CONTENT", "FOLDER"]
HEADER_2018 = ["From", "To", "Date", "Subject", "Content", "Direction", "Folder"]
CONNECTIONS_2018 = ["First Name", "Last Name", "Email Address", "Company", "Position", "Connected On"]
PROFILE_HEADER = ["First Name", "Last Name", "Maiden Name", "Address", "Birth Date", "Headline", "Summary", "Industry"]
INVITATIONS_HEADER = ["From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl", "inviteeProfileUrl"]


def _csv(header: list[str], rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([header, *rows])
    return buffer.getvalue()


def _export(folder: Path, **files: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name.replace("_", ".")).write_text(text, encoding="utf-8")
    return folder


def _row(conv: str, sender: str, url: str, to: str, day: int, content: str = "hello", title: str = "") -> list[str]:
    """A 2021-22 messages.csv row (no recipient URLs)."""
    return [conv, title, sender, url, to, f"2021-03-{day:02d}10:00:00 UTC", "", content, "INBOX"]


def _profile(first: str, last: str) -> str:
    return _csv(PROFILE_HEADER, [[first, last] + [""] * (len(PROFILE_HEADER) - 2)])


def _sent(ex: ns.Export) -> int:
    return int(ex.messages[S.DIRECTION].eq(S.SENT).sum())


# ---------------------------------------------------------------- every era, from messages alone
@pytest.mark.parametrize("era", ERAS)
def test_every_era_gives_its_owner_from_the_messages_alone(tmp_path, era):
    folder = shutil.copytree(ERAS_DIR / era, tmp_path / era, ignore=shutil.ignore_patterns("expected", "Profile.csv", "Invitations.csv"))
    ex = ns.load(folder)
    messages_file = next(folder.glob("[Mm]essages.csv"))
    with messages_file.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    # the owner's rows, drafts aside (excluded by rule)
    owner_rows = sum(1 for r in rows if (r.get("FROM") or r.get("From")) == "Ada Quill" and r.get("IS MESSAGE DRAFT") != "Yes")
    assert (ex.owner.name, ex.owner.contact_id) == ("Ada Quill", "name:ada quill" if era == "2018-11" else "ada-quill")
    assert ex.owner.confidence == "certain"
    assert _sent(ex) == owner_rows == 5
    assert ex.owner_notice is None
    if era == "2018-11":
        assert ex.owner.found_by == "2018 Direction column"
    else:
        evidence = "as sender, in TO" + (", in RECIPIENT PROFILE URLS" if era >= "2023" else "")
        assert ex.owner.found_by == f"messages.csv: in 7 of 7 conversations ({evidence})"
        assert ex.owner.share == 1.0


# ---------------------------------------------------------------- the shapes of real exports
def _busy_2021(owner: str = "Ada Quill", owner_url: str = IN + "ada-quill", n: int = 40) -> list[list[str]]:
    """n conversations with n different people, the owner writing back in every other one; one person in two."""
    rows = []
    for i in range(n):
        person, url = f"Person {i:02d}", f"{IN}person-{i:02d}"
        rows.append(_row(f"c{i}", person, url, owner, 1 + i % 28, f"Hi from {i}"))
        if i % 2 == 0:
            rows.append(_row(f"c{i}", owner, owner_url, person, 2 + i % 27, "Thanks!"))
    rows.append(_row("c1", "Person 00", f"{IN}person-00", owner, 28, "Me again"))
    return rows


def test_2021_messages_without_recipient_urls_and_no_other_file(tmp_path):
    # as in the real export: the owner in nearly every conversation (one between two others), every other person in few
    rows = _busy_2021() + [_row("x1", "Person 01", IN + "person-01", "Person 02", 3)]
    ex = ns.load(_export(tmp_path / "x", messages_csv=_csv(HEADER_2022, rows)))
    assert (ex.owner.name, ex.owner.profile_url, ex.owner.contact_id) == ("Ada Quill", IN + "ada-quill", "ada-quill")
    assert (ex.owner.confidence, ex.owner.share) == ("certain", 0.9756)
    assert ex.owner.found_by == "messages.csv: in 40 of 41 conversations (as sender, in TO)"
    assert _sent(ex) == 20
    assert set(ex.messages.loc[ex.messages[S.DIRECTION].eq(S.SENT), S.SENDER_ID]) == {"ada-quill"}


def test_an_owner_who_never_wrote_is_found_by_the_to_column(tmp_path):
    rows = [_row(f"c{i}", f"Person {i}", f"{IN}person-{i}", "Ada Quill", 1 + i) for i in range(5)]
    ex = ns.load(_export(tmp_path / "x", messages_csv=_csv(HEADER_2022, rows)))
    assert (ex.owner.name, ex.owner.contact_id, ex.owner.confidence) == ("Ada Quill", "name:ada quill", "certain")
    assert ex.owner.found_by == "messages.csv: in 5 of 5 conversations (in TO)"
    assert _sent(ex) == 0
    assert "name:ada quill" not in set(ex.contacts[S.CONTACT_ID])


def test_an_owner_whose_name_holds_a_comma_is_one_person_in_a_comma_separated_to(tmp_path):
    owner, url = "Ada Quill, MBA", IN + "ada-quill-mba"
    rows = [
        _row("g1", "Bea Lopez", IN + "bea-lopez", "Ada Quill, MBA,Cy Ng", 1),
        _row("g1", "Cy Ng", IN + "cy-ng", "Bea Lopez,Ada Quill, MBA", 2),
        _row("g1", owner, url, "Bea Lopez,Cy Ng", 3),
        _row("c2", "Dee Ray", IN + "dee-ray", owner, 4),
        _row("c3", "Eve Oz", IN + "eve-oz", owner, 5),
        _row("c3", owner, url, "Eve Oz", 6),
    ]
    ex = ns.load(_export(tmp_path / "x", messages_csv=_csv(HEADER_2022, rows)))
    assert (ex.owner.name, ex.owner.contact_id, ex.owner.share, ex.owner.confidence) == (owner, "ada-quill-mba", 1.0, "certain")
    assert _sent(ex) == 2
    assert not ex.contacts[S.NAME].isin(["Ada Quill", "MBA"]).any()


def _member_owner_rows() -> list[list[str]]:
    """The owner shown as 'LinkedIn Member' with no URL on every message they sent, and in TO; one real sponsor."""
    rows = []
    for i in range(6):
        person, url = f"Person {i}", f"{IN}person-{i}"
        rows.append(_row(f"c{i}", person, url, "LinkedIn Member", 1 + 2 * i, f"Hello {i}"))
        rows.append(_row(f"c{i}", "LinkedIn Member", "", person, 2 + 2 * i, "Hi back"))
    rows.append(
        _row("s1", "LinkedIn Member", "", "LinkedIn Member", 20, '<p class="spinmail-quill-editor__spin-break">Hi %FIRSTNAME%</p>', "Sponsored Conversation")
    )
    return rows


def test_an_owner_shown_as_linkedin_member_keeps_their_messages_as_sent(tmp_path):
    ex = ns.load(_export(tmp_path / "x", messages_csv=_csv(HEADER_2022, _member_owner_rows())))
    assert (ex.owner.name, ex.owner.contact_id, ex.owner.confidence) == ("LinkedIn Member", "name:linkedin member", "certain")
    assert ex.owner.found_by == "messages.csv: in 7 of 7 conversations (as sender, in TO)"
    m = ex.messages
    assert _sent(ex) == 6
    assert m[S.IS_SPONSORED].tolist().count(True) == 1
    assert not m.loc[m[S.DIRECTION].eq(S.SENT), S.IS_SPONSORED].any()
    assert m.loc[m[S.IS_SPONSORED], S.CONTENT].tolist() == ["Hi %FIRSTNAME%"]


def test_an_owner_shown_as_linkedin_member_takes_the_profile_name(tmp_path):
    ex = ns.load(_export(tmp_path / "x", messages_csv=_csv(HEADER_2022, _member_owner_rows()), Profile_csv=_profile("Ada", "Quill")))
    assert (ex.owner.name, ex.owner.contact_id, ex.owner.confidence) == ("Ada Quill", "name:linkedin member", "certain")
    assert ex.owner.found_by == (
        "messages.csv: in 7 of 7 conversations (as sender, in TO); the Profile.csv name is in 0 of 7 conversations"
    )
    assert _sent(ex) == 6


def test_an_invitations_owner_in_no_conversation_loses_to_the_messages(tmp_path):
    invitations = _csv(
        INVITATIONS_HEADER,
        [["Zoe Stray", "Bea Lopez", "3/1/21, 9:00 AM", "", "OUTGOING", IN + "zoe-stray", IN + "bea-lopez"]],
    )
    folder = _export(tmp_path / "x", messages_csv=_csv(HEADER_2022, _busy_2021(n=86)), Invitations_csv=invitations)
    ex = ns.load(folder)
    assert (ex.owner.name, ex.owner.contact_id, ex.owner.confidence) == ("Ada Quill", "ada-quill", "certain")
    assert ex.owner.found_by == (
        "messages.csv: in 86 of 86 conversations (as sender, in TO); the Invitations.csv owner URL is in 0 of 86 conversations"
    )
    assert _sent(ex) == 43


def test_found_by_never_names_a_file_the_export_lacks(tmp_path):
    invitations = _csv(INVITATIONS_HEADER[:5], [["Ada Quill", "Bea Lopez", "3/1/21, 9:00 AM", "", "OUTGOING"]])
    ex = ns.load(_export(tmp_path / "x", messages_csv=_csv(HEADER_2022, _busy_2021(n=4)), Invitations_csv=invitations))
    assert ex.owner.found_by == (
        "Invitations.csv sender name of outgoing invitations, confirmed by messages.csv (in 4 of 4 conversations)"
    )
    assert "Profile.csv" not in ex.owner.found_by


# ---------------------------------------------------------------- weak or split evidence
def test_weak_evidence_takes_the_leader_and_says_so(tmp_path):
    rows = [
        _row("c1", "Ada Quill", IN + "ada-quill", "Bea Lopez", 1),
        _row("c1", "Bea Lopez", IN + "bea-lopez", "Ada Quill", 2),
        _row("c2", "Ada Quill", IN + "ada-quill", "Cy Ng", 3),
        _row("c3", "Dee Ray", IN + "dee-ray", "Eve Oz", 4),
        _row("c4", "Fay Li", IN + "fay-li", "Gus Ho", 5),
    ]
    ex = ns.load(_export(tmp_path / "x", messages_csv=_csv(HEADER_2022, rows)))
    assert (ex.owner.name, ex.owner.confidence, ex.owner.share) == ("Ada Quill", "unsure", 0.5)
    assert _sent(ex) == 2  # not everything counted as received
    assert ex.owner_notice == (
        "netstats is unsure who owns this export: it took Ada Quill, who is in 50% of the conversations; if that is "
        'wrong, settle it with --owner "Your Name" (or owner="Your Name" in netstats.load).'
    )
    assert f"  owner: {ex.owner_notice}" in ex.summary()


def test_split_evidence_finds_no_owner_and_says_how_to_settle_it(tmp_path):
    rows = [_row("c1", "Ada Quill", IN + "ada-quill", "Bea Lopez", 1), _row("c1", "Bea Lopez", IN + "bea-lopez", "Ada Quill", 2)]
    folder = _export(tmp_path / "x", messages_csv=_csv(HEADER_2022, rows))
    ex = ns.load(folder)
    assert (ex.owner.contact_id, ex.owner.confidence) == (None, "not found")
    assert ex.owner_notice == (
        "netstats could not tell who owns this export, so every message counts as received; "
        'settle it with --owner "Your Name" (or owner="Your Name" in netstats.load).'
    )
    settled = ns.load(folder, owner="ada quill")
    assert (settled.owner.name, settled.owner.contact_id, settled.owner.confidence) == ("Ada Quill", "ada-quill", "certain")
    assert settled.owner.found_by == "owner= given by the user (in 1 of 1 conversations)"
    assert _sent(settled) == 1 and settled.owner_notice is None
    by_url = ns.load(folder, owner=[IN + "Bea-Lopez/", "+44 7700 900123"])
    assert (by_url.owner.contact_id, _sent(by_url)) == ("bea-lopez", 1)


def test_an_owner_given_who_is_no_participant_is_a_clear_error(tmp_path):
    rows = [_row("c1", "Ada Quill", IN + "ada-quill", "Bea Lopez", 1)]
    with pytest.raises(ParameterError) as err:
        ns.load(_export(tmp_path / "x", messages_csv=_csv(HEADER_2022, rows)), owner="Zed Zee")
    assert str(err.value) == (
        "messages.csv: the owner given is no participant of the LinkedIn messages. Expected: your name exactly as the "
        "FROM or TO column of messages.csv shows it, or your profile URL. Fix: pass --owner \"Your Name\" "
        "(owner=\"Your Name\" in netstats.load) as LinkedIn spells it, or your profile URL; a name meant for another "
        "platform's export needs your LinkedIn name beside it (--owner can be repeated)."
    )


# ---------------------------------------------------------------- sponsored is a judgement (point 2)
def _export_2018(tmp_path: Path, rows: list[list[str]], connections: list[list[str]]) -> ns.Export:
    return ns.load(
        _export(
            tmp_path / "x",
            Messages_csv=_csv(HEADER_2018, rows),
            Connections_csv=_csv(CONNECTIONS_2018, connections),
        )
    )


def test_2018_a_pitch_from_a_connection_is_a_person_and_promotion_senders_are_not(tmp_path):
    html = "<p>Unlock <strong>Premium</strong></p><ul><li>InMail</li><li>Insights</li></ul>"
    rows = [
        ["Bea Lopez", "Ada Quill", "3/1/18, 9:00 AM", "", "Hi %FIRSTNAME%, try my product", "INCOMING", "INBOX"],
        ["Ada Quill", "Bea Lopez", "3/2/18, 9:00 AM", "", "No thanks", "OUTGOING", "SENT"],
        ["Sam from LinkedIn Premium", "Ada Quill", "3/3/18, 9:00 AM", "", html, "INCOMING", "INBOX"],
        ["Kim @ LinkedIn Learning", "Ada Quill", "3/4/18, 9:00 AM", "", "<p>New courses</p>", "INCOMING", "INBOX"],
        ["Lee @ LinkedIn", "Ada Quill", "3/5/18, 9:00 AM", "", "Plain words from a person", "INCOMING", "INBOX"],
        ["LinkedIn Member", "Ada Quill", "3/6/18, 9:00 AM", "", "A role for you", "INCOMING", "INBOX"],
    ]
    ex = _export_2018(tmp_path, rows, [["Bea", "Lopez", "", "", "", "1/5/18, 9:00 AM"]])
    m = ex.messages.sort_values(S.SENT_AT)
    assert m[S.IS_SPONSORED].tolist() == [False, False, True, True, False, True]
    assert m[S.SENDER_ID].fillna("-").tolist() == ["name:bea lopez", "name:ada quill", "-", "-", "name:lee @ linkedin", "-"]
    assert m[S.CONTENT].tolist()[2] == "Unlock Premium\n- InMail\n- Insights"
    assert sorted(ex.contacts[S.NAME]) == ["Bea Lopez", "Lee @ LinkedIn"]


def test_2018_firstname_placeholder_from_a_stranger_is_sponsored(tmp_path):
    rows = [["Rex Pitch", "Ada Quill", "3/1/18, 9:00 AM", "", "Hi %FIRSTNAME%, buy now", "INCOMING", "INBOX"]]
    ex = _export_2018(tmp_path, rows, [["Bea", "Lopez", "", "", "", "1/5/18, 9:00 AM"]])
    assert ex.messages[S.IS_SPONSORED].tolist() == [True]


# ---------------------------------------------------------------- the banner: summary, report, terminal
HOSTILE = "<img src=x onerror=alert(1)>"


def _weak_export(folder: Path, owner: str = "Ada Quill") -> Path:
    rows = [
        _row("c1", owner, IN + "ada-quill", "Bea Lopez", 1),
        _row("c1", "Bea Lopez", IN + "bea-lopez", owner, 2),
        _row("c2", owner, IN + "ada-quill", "Cy Ng", 3),
        _row("c3", "Dee Ray", IN + "dee-ray", "Eve Oz", 4),
        _row("c4", "Fay Li", IN + "fay-li", "Gus Ho", 5),
    ]
    return _export(folder, messages_csv=_csv(HEADER_2022, rows))


def test_the_report_shows_the_owner_notice_as_an_escaped_banner(tmp_path):
    from netstats.report._html import report_summary

    ex = ns.load(_weak_export(tmp_path / "x", owner=HOSTILE))
    summary = report_summary(ex)
    assert summary["owner_notice"] == ex.owner_notice
    assert summary["owner_notice"].startswith(f"netstats is unsure who owns this export: it took {HOSTILE}, who is in 50%")
    page = ns.write_report(ex, tmp_path / "r.html").read_text(encoding="utf-8")
    banner = page[page.index('<p class="banner" id="owner-notice">') :].split("</p>")[0]
    assert "it took &lt;img src=x onerror=alert(1)&gt;, who is in 50% of the conversations" in banner
    assert "--owner &#34;Your Name&#34;" in banner or "--owner &quot;Your Name&quot;" in banner
    assert HOSTILE not in page


def test_a_shared_report_says_how_sure_without_the_owner_s_name(tmp_path):
    from netstats.report._html import report_summary

    ex = ns.load(_weak_export(tmp_path / "x"))
    notice = report_summary(ex, share=True, key_path=tmp_path / "k.key", k=5)["owner_notice"]
    assert notice.startswith("netstats is unsure who owns this export: it took the participant in most conversations, who")
    assert "Ada" not in notice


def test_a_certain_owner_gives_no_banner(tmp_path):
    from netstats.report._html import report_summary

    ex = ns.load(_export(tmp_path / "x", messages_csv=_csv(HEADER_2022, _busy_2021(n=6))))
    assert report_summary(ex)["owner_notice"] is None
    assert 'id="owner-notice"' not in ns.write_report(ex, tmp_path / "r.html").read_text(encoding="utf-8")


def test_the_command_line_prints_the_notice_and_settles_it_with_owner(tmp_path, capsys):
    from netstats._cli import main

    folder = _weak_export(tmp_path / "x")
    assert main(["report", str(folder), "-o", str(tmp_path / "r.html"), "-q"]) == 0
    assert "netstats: netstats is unsure who owns this export: it took Ada Quill" in capsys.readouterr().err
    assert main(["report", str(folder), "-o", str(tmp_path / "s.html"), "-q", "--owner", "Ada Quill"]) == 0
    assert "unsure" not in capsys.readouterr().err
    assert main(["clean", str(folder), "-o", str(tmp_path / "t"), "-q"]) == 0
    assert "  owner: netstats is unsure who owns this export" in capsys.readouterr().out
    assert main(["report", str(folder), "-o", str(tmp_path / "u.html"), "-q", "--owner", "Zed Zee"]) == 2
    assert "the owner given is no participant of the LinkedIn messages" in capsys.readouterr().err


# ---------------------------------------------------------------- across platforms (point 8)
META = Path(__file__).parent / "fixtures" / "meta"


def _linkedin_of_zoe(folder: Path, *, weak: bool = False) -> Path:
    zoe = ("Zoë Ardent", IN + "zoe-ardent")
    rows = [_row("c1", *zoe, "Ann Lee", 1), _row("c1", "Ann Lee", IN + "ann-lee", zoe[0], 2)]
    if weak:  # one conversation, two people in it, nothing else: the owner cannot be told
        return _export(folder, messages_csv=_csv(HEADER_2022, rows))
    return _export(folder, messages_csv=_csv(HEADER_2022, rows + [_row("c2", "Bo Ek", IN + "bo-ek", zoe[0], 3)]))


def test_a_facebook_download_without_its_profile_takes_the_owner_of_the_linkedin_export(tmp_path):
    with pytest.raises(ns.NetstatsError, match="owner="):
        ns.load(META / "fb-2018")  # alone: today's clear error
    ex = ns.load([_linkedin_of_zoe(tmp_path / "li"), META / "fb-2018"])
    linkedin, facebook = ex.owners
    assert (facebook.name, facebook.contact_id, facebook.confidence) == ("Zoë Ardent", "facebook:name:zoë ardent", "likely")
    assert facebook.found_by == "the name of the LinkedIn export's owner (the Facebook export does not say)"
    assert (
        "The Facebook export does not say whose it is: its owner was taken to be the owner of the LinkedIn export loaded "
        "with it (Zoë Ardent); pass owner=[...] (--owner) if that is wrong."
    ) in ex.notes
    assert ex.owner.contact_id == "zoe-ardent" and ex.owner.confidence == "certain"
    mine = ex.messages.loc[ex.messages[S.PLATFORM].eq(S.FACEBOOK) & ex.messages[S.DIRECTION].eq(S.SENT)]
    assert len(mine) and set(mine[S.SENDER_ID]) == {"zoe-ardent"}


def test_an_instagram_download_without_personal_information_takes_the_owner_of_the_linkedin_export(tmp_path):
    instagram = shutil.copytree(META / "ig-2026-04", tmp_path / "ig", ignore=shutil.ignore_patterns("expected"))
    thread = instagram / "your_instagram_activity" / "messages" / "inbox" / "boek_1784140000000009"
    thread.mkdir()
    (thread / "message_1.json").write_text(
        '{"participants": [{"name": "Bo Ek"}, {"name": "Ann Lee"}], "messages": [{"sender_name": "Bo Ek", '
        '"timestamp_ms": 1773137100000, "content": "Hi Ann"}], "title": "Bo Ek", "thread_path": "inbox/boek_1784140000000009"}',
        encoding="utf-8",
    )
    with pytest.raises(ns.NetstatsError, match="no single participant is in every thread"):
        ns.load(instagram)
    ex = ns.load([_linkedin_of_zoe(tmp_path / "li"), instagram])
    assert ex.owners[1].found_by == "the name of the LinkedIn export's owner (the Instagram export does not say)"
    assert any(n.startswith("The Instagram export does not say whose it is") for n in ex.notes)


def test_an_unsure_owner_lends_no_name_to_another_export(tmp_path):
    with pytest.raises(ns.NetstatsError, match="owner="):
        ns.load([_linkedin_of_zoe(tmp_path / "li", weak=True), META / "fb-2018"])


# ---------------------------------------------------------------- the leader, counted fast or in full
@st.composite
def _conversations(draw):
    """A random messages.csv (2021-22 format): who writes in which conversation, and whom TO names."""
    people = [f"P{i}" for i in range(draw(st.integers(2, 7)))]
    rows = []
    for c in range(draw(st.integers(1, 8))):
        members = draw(st.lists(st.sampled_from(people), min_size=2, max_size=3, unique=True))
        for _ in range(draw(st.integers(1, 4))):
            sender = draw(st.sampled_from(members))
            to = ",".join(p for p in members if p != sender)
            url = "" if sender == "P0" and draw(st.booleans()) else IN + sender.lower()
            rows.append(_row(f"c{c}", sender, url, to, 1 + len(rows) % 27))
    return rows


@settings(max_examples=40, deadline=None)
@given(rows=_conversations())
def test_the_leader_found_among_the_most_named_is_the_leader_of_everyone(rows, tmp_path_factory):
    from netstats.sources.linkedin import _owner as C

    folder = _export(tmp_path_factory.mktemp("x"), messages_csv=_csv(HEADER_2022, rows))
    found = {}
    for leaders in (1, 10**6):
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(C, "LEADERS", leaders)
            owner = ns.load(folder).owner
            found[leaders] = (owner.contact_id, owner.confidence, owner.share)
    assert found[1] == found[10**6]


def test_an_invitations_url_the_messages_lack_is_matched_by_name_and_found_by_says_so(tmp_path):
    invitations = _csv(
        INVITATIONS_HEADER,
        [["Ada Quill", "Bea Lopez", "3/1/21, 9:00 AM", "", "OUTGOING", IN + "ada-quill-new", IN + "bea-lopez"]],
    )
    ex = ns.load(_export(tmp_path / "x", messages_csv=_csv(HEADER_2022, _busy_2021(n=4)), Invitations_csv=invitations))
    assert (ex.owner.contact_id, ex.owner.profile_url, ex.owner.confidence) == ("ada-quill", IN + "ada-quill", "certain")
    assert ex.owner.found_by == (
        "Invitations.csv sender name of outgoing invitations (the Invitations.csv owner URL is in no conversation), "
        "confirmed by messages.csv (in 4 of 4 conversations)"
    )


# ---------------------------------------------------------------- how sure, in words
@pytest.mark.parametrize(
    ("share", "lead", "confidence"),
    [(1.0, 1.0, "certain"), (0.9, 0.4, "certain"), (0.95, 0.39, "likely"), (0.6, 0.2, "likely"), (0.59, 0.5, "unsure"), (1.0, 0.0, "not found")],
)
def test_confidence_follows_the_leader_s_share_and_lead(share, lead, confidence):
    from netstats.sources.linkedin._owner import _confidence

    assert _confidence(share, lead) == confidence


def test_the_notice_says_how_sure_in_one_sentence():
    from netstats._export import Owner

    settle = 'settle it with --owner "Your Name" (or owner="Your Name" in netstats.load).'
    assert Owner("Ada Quill", None, "ada-quill", "x", "certain", 1.0).notice() is None
    assert Owner("Ada Quill", None, "ada-quill", "x", "likely", 0.75).notice() == (
        "netstats took Ada Quill, who is in 75% of the conversations, to be the owner of this export (likely, not "
        f"certain); if that is wrong, {settle}"
    )
    assert Owner("Ada Quill", None, "ada-quill", "x", "unsure", 0.4).notice(named=False) == (
        "netstats is unsure who owns this export: it took the participant in most conversations, who is in 40% of the "
        f"conversations; if that is wrong, {settle}"
    )
    assert Owner(None, None, None, "not found").notice() == (
        f"netstats could not tell who owns this export, so every message counts as received; {settle}"
    )
