"""The HTML report: the summary dict, determinism, share mode, hostile text and the template rules."""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from pathlib import Path

import pandas as pd
import pytest
from hostile import ALL_PAYLOADS, CANARIES, MARKUP_PAYLOADS, write_hostile_export

import netstats as ns
from netstats import schema as S
from netstats._errors import ParameterError
from netstats._export import Export, Owner
from netstats.analysis._principles import principles
from netstats.report._html import (
    LINKEDIN_PROFILE,
    SHARE_STATEMENT,
    owner_time_zone,
    render_html,
    report_summary,
    write_lists,
    write_reminders,
    write_report,
)
from netstats.report._share import OTHER, Pseudonymiser, load_key

TEMPLATES = Path(ns.__file__).parent / "report" / "templates"
REPORT_SOURCE = Path(ns.__file__).parent / "report" / "_html.py"


# ---------------------------------------------------------------- a tiny hand-built export
def _at(text: str) -> pd.Timestamp:
    return pd.Timestamp(text, tz="UTC")


def _message(conversation, when, sender, direction, content, recipients, sponsored=False, name=None):
    return {
        S.CONVERSATION_ID: conversation,
        S.CONVERSATION_TITLE: None,
        S.SENT_AT: _at(when),
        S.SENDER_ID: sender,
        S.SENDER_NAME: name or sender,
        S.SENDER_URL: None if sender is None else f"https://www.linkedin.com/in/{sender}",
        S.RECIPIENT_IDS: recipients,
        S.DIRECTION: direction,
        S.IS_GROUP: False,
        S.IS_SPONSORED: sponsored,
        S.SUBJECT: None,
        S.CONTENT: content,
        S.FOLDER: "INBOX",
        S.HAS_ATTACHMENT: False,
    }


def tiny_export() -> Export:
    """Six connections, one of each kind the report tells apart (as of 2026-03-01).

    ann: occasional (two-way, last message 89 days ago); bo: dormant and strong (a year of
    two-way exchange in 2022); cy: the owner wrote three times, no answer; dee: wrote four
    times, never answered; eve: connected 9 days ago, nothing yet; fay: silent since 2019.
    """
    people = [
        ("ann", "Ann Lee", "ann@example.invalid", "Acme", "2020-01-10"),
        ("bo", "Bo Ek", "bo@example.invalid", "Acme, Inc.", "2020-02-10"),
        ("cy", "Cy Young", None, "Beta", "2025-12-20"),
        ("dee", "Dee Dee", None, "Beta", "2021-05-01"),
        ("eve", "Eve Noor", None, None, "2026-02-20"),
        ("fay", "Fay Wu", None, "Gamma", "2019-01-01"),
    ]
    connections = pd.DataFrame(
        {
            S.CONTACT_ID: [p[0] for p in people],
            S.NAME: [p[1] for p in people],
            S.FIRST_NAME: [p[1].split()[0] for p in people],
            S.LAST_NAME: [p[1].split()[1] for p in people],
            S.PROFILE_URL: [f"https://www.linkedin.com/in/{p[0]}" for p in people],
            S.EMAIL: [p[2] for p in people],
            S.MEMBER_URN: [None] * 6,
            S.COMPANY: [p[3] for p in people],
            S.POSITION: ["Engineer"] * 6,
            S.CONNECTED_ON: pd.to_datetime([p[4] for p in people]),
            S.RELATIONSHIP: S.REL_CONNECTION,
            S.SOURCE_LINE: list(range(5, 11)),
        }
    )
    words = " ".join(["word"] * 20)
    rows = [
        _message("c-ann", "2025-11-01 10:00", "mia", S.SENT, "Coffee next week?", ["ann"]),
        _message("c-ann", "2025-11-01 12:00", "ann", S.RECEIVED, "Yes, Tuesday works for me.", ["mia"]),
        _message("c-ann", "2025-12-01 09:00", "mia", S.SENT, "Thanks for the tip!", ["ann"]),
        _message("c-ann", "2025-12-02 09:00", "ann", S.RECEIVED, "Any time.", ["mia"]),
        *[
            _message("c-bo", f"2022-{m:02d}-0{5 + d} 09:00", *who, words, [other])
            for m in range(1, 13)
            for d, (who, other) in enumerate(((("mia", S.SENT), "bo"), (("bo", S.RECEIVED), "mia")))
        ],
        *[_message("c-cy", f"2026-01-{day:02d} 09:00", "mia", S.SENT, "Hello again", ["cy"]) for day in (5, 12, 19)],
        *[
            _message("c-dee", f"2026-02-0{day} 09:00", "dee", S.RECEIVED, text, ["mia"])
            for day, text in ((1, "Quick question"), (2, "Following up"), (3, "Any news?"),
                              (4, "Last try: a quick call about our platform?"))
        ],
        _message("c-ad", "2026-02-10 09:00", None, S.RECEIVED, "<p>Buy now</p>", ["mia"], True, "LinkedIn Member"),
    ]
    messages = pd.DataFrame(rows).assign(**{S.SOURCE_LINE: range(2, len(rows) + 2)})
    invitations = pd.DataFrame(
        {
            S.CONTACT_ID: ["eve", "cy"],
            S.NAME: ["Eve Noor", "Cy Young"],
            S.PROFILE_URL: ["https://www.linkedin.com/in/eve", "https://www.linkedin.com/in/cy"],
            S.DIRECTION: [S.OUTGOING, S.INCOMING],
            S.SENT_AT: pd.to_datetime(["2026-02-18 10:00", "2025-12-19 08:00"]),
            S.MESSAGE: ["We met at PyCon, great talk on graph databases", None],
            S.NOTE_KIND: [S.NOTE_PERSONAL, S.NOTE_NONE],
            S.SOURCE_LINE: [2, 3],
        }
    )
    contacts = connections.assign(**{S.IS_CONNECTION: True, S.SEEN_IN: "connections"})
    ledger = pd.DataFrame(
        {
            S.FILE: ["messages.csv", "Connections.csv", "Invitations.csv"],
            S.ERA: ["2025", "2023+", "2024+"],
            S.ROWS_READ: [len(rows) + 2, 7, 2],
            S.KEPT: [len(rows), 6, 2],
            S.EXCLUDED: [1, 1, 0],
            S.QUARANTINED: [1, 0, 0],
        }
    )
    linkedin = {S.PLATFORM: S.LINKEDIN}
    return Export(
        connections=S.conform(connections.assign(**linkedin), S.CONNECTIONS_COLUMNS),
        messages=S.conform(messages.assign(**linkedin), S.MESSAGES_COLUMNS),
        invitations=S.conform(invitations.assign(**linkedin), S.INVITATIONS_COLUMNS, S.INVITATIONS_DTYPES),
        contacts=S.conform(contacts.assign(**{S.PLATFORMS: S.LINKEDIN}), S.CONTACTS_COLUMNS),
        owner=Owner("Mia Owner", "https://www.linkedin.com/in/mia", "mia", "test"),
        as_of=_at("2026-03-01"),
        ledger=S.conform(ledger.assign(**linkedin), S.LEDGER_COLUMNS),
        excluded=S.conform(
            pd.DataFrame({S.FILE: ["Connections.csv", "messages.csv"], S.LINE: [9, 40], S.REASON: ["hidden profile", "draft"]}).assign(**linkedin),
            S.EXCLUDED_COLUMNS,
        ),
        quarantine=S.conform(
            pd.DataFrame({S.FILE: ["messages.csv"], S.LINE: [41], S.REASON: ["n_fields=8≠11"],
                          S.RAW: ["SECRET-RAW-ROW,private,text"]}).assign(**linkedin),
            S.QUARANTINE_COLUMNS,
        ),
        files=S.empty_frame(S.FILES_COLUMNS),
        notes=(S.INVITATIONS_NAIVE_NOTE,),
        source="/home/someone/Downloads/tiny-export.zip",
    )


@pytest.fixture(scope="module")
def tiny():
    return tiny_export()


@pytest.fixture(scope="module")
def tiny_summary(tiny):
    return report_summary(tiny)


def test_summary_headline_growth_and_segments(tiny_summary):
    s = tiny_summary
    assert (s["title"], s["version"], s["mode"], s["as_of"]) == (
        "Your network: quality over popularity", ns.__version__, "private", "2026-03-01")
    assert (s["owner"], s["source"]) == ("Mia Owner", "tiny-export.zip")  # the file name, not the user's path
    assert s["headline"] == {
        "connections": 6,
        "engaged": 2,  # ann and bo wrote and were written to in one conversation
        "engaged_share": 0.3333,
        "contacts": 6,
        "core": 0,
        "silent_connections": 2,  # eve and fay
    }
    assert s["growth"] == {
        "periods": 87,  # January 2019 to March 2026
        "first_period": "2019-01-01",
        "bursts": [],
        "new_in_bursts": 0,
        "undated_connections": 0,
    }
    assert {row["segment"]: row["contacts"] for row in s["segments"]} == {
        "core": 0, "occasional": 1, "dormant": 1, "new": 1, "one_way_inbound": 1, "one_way_outbound": 1, "silent": 1,
    }
    assert [row["label"] for row in s["segments"]][:3] == ["Core", "Occasional", "Dormant"]
    assert s["privacy"] == {"share": False, "k": None, "statement": None}


def test_summary_scorecard_follows_the_principles(tiny, tiny_summary):
    card = principles(tiny, ns.contact_features(tiny))
    assert [row["principle"] for row in tiny_summary["scorecard"]] == card[S.PRINCIPLE].tolist()
    assert [row["rating"] for row in tiny_summary["scorecard"]] == card[S.RATING].tolist()
    know = next(row for row in tiny_summary["scorecard"] if row["principle"] == "know_your_network")
    assert know["rating"] == S.RATING_REVIEW
    assert know["verdict"].startswith("You have had a two-way conversation with 2 of 6 (33%) of your connections.")


def _person(name, company, slug, why, email=None, snippet=None):
    url = f"https://www.linkedin.com/in/{slug}"
    return {"name": name, "company": company, "profile": url, "link": url, "email": email, "why": why,
            "snippet": snippet}


def test_summary_review_lists(tiny_summary):
    lists = {entry["id"]: entry for entry in tiny_summary["review"]}
    assert list(lists) == ["reconnect", "over-zealous", "unanswered-outreach", "introducers", "discretion"]
    assert lists["reconnect"]["rows"] == [
        _person("Bo Ek", "Acme, Inc.", "bo", "tie strength 65; last message 3 years ago", "bo@example.invalid"),
    ]
    assert lists["over-zealous"]["rows"] == [
        _person("Dee Dee", "Beta", "dee", "4 messages since you last wrote",
                snippet="Last try: a quick call about our platform?"),
    ]
    assert lists["unanswered-outreach"]["rows"] == [
        _person("Cy Young", "Beta", "cy", "3 messages from you, none back; last 40 days ago"),
    ]
    # Acme (ann, bo) and Beta (cy, dee) lead; nobody at Beta ever wrote back, so only Acme has an introducer
    assert lists["introducers"]["rows"] == [
        _person("Bo Ek", "Acme, Inc.", "bo", "tie strength 65; can vouch for you", "bo@example.invalid"),
    ]
    assert lists["discretion"]["rows"] == []  # nobody confided anything
    assert all(entry["more"] == 0 for entry in lists.values())


def test_each_scorecard_row_names_the_list_of_its_contacts(tiny_summary):
    assert {row["principle"]: row["list"] for row in tiny_summary["scorecard"]} == {
        "personalised_invitations": None,
        "generic_requests": None,
        "dont_spam": "unanswered-outreach",
        "over_zealous": "over-zealous",
        "know_your_network": None,
        "reconnect": "reconnect",
        "introductions": "introducers",
        "discretion": "discretion",
    }
    page = render_html(tiny_summary, [])
    for target in ("unanswered-outreach", "over-zealous", "reconnect", "introducers", "discretion"):
        assert f'<a class="to-list" href="#review-{target}">' in page and f'<h3 id="review-{target}">' in page
    contents = page[page.index('<nav id="contents">'):page.index("</nav>")]
    assert re.findall(r'href="#([a-z-]+)"', contents) == [
        "review-reconnect", "review-over-zealous", "review-unanswered-outreach", "review-introducers",
        "review-discretion", "charts", "data-quality",
    ]
    # right after the scorecard, before the charts
    assert page.index('id="headline"') < page.index('<nav id="contents">') < page.index('id="review"') < page.index('id="charts"')


@pytest.mark.parametrize(
    ("profile", "linked"),
    [
        ("https://www.linkedin.com/in/ann-lee-42", True),
        ("https://linkedin.com/in/ann", True),
        ("https://fr.linkedin.com/in/zoé-martin", True),
        ("http://www.linkedin.com/in/ann", False),  # not https
        ("javascript:alert(1)//https://www.linkedin.com/in/ann", False),
        ("https://www.linkedin.com.evil.example/in/ann", False),
        ("https://evil.example/?https://www.linkedin.com/in/ann", False),
        ("https://www.linkedin.com/in/ann\"onmouseover=alert(1)", False),
        ("https://www.linkedin.com/company/acme", False),
        ("mailto:ann@example.invalid", False),
    ],
)
def test_only_https_linkedin_profile_urls_become_links(profile, linked):
    assert bool(LINKEDIN_PROFILE.fullmatch(profile)) is linked


def test_long_lists_show_ten_rows_and_the_rest_a_click_away(tied, tmp_path):
    page = write_report(tied, tmp_path / "tied.html").read_text(encoding="utf-8")
    section = page[page.index('<h3 id="review-unanswered-outreach">'):page.index('<h3 id="review-introducers">')]
    first, rest = section.split('<details id="more-unanswered-outreach">')
    assert re.findall(r">(Q \d\d)</a>", first) == [f"Q {i:02d}" for i in range(10)]
    assert "<summary>Show the other 2</summary>" in rest
    assert re.findall(r">(Q \d\d)</a>", rest) == ["Q 10", "Q 11"]
    links = re.findall(r"<a ([^>]*)>Q 10</a>", rest)
    assert links == ['href="https://www.linkedin.com/in/quiet-10" rel="noopener noreferrer" target="_blank"']


def test_summary_data_quality_counts_without_raw_text(tiny_summary):
    dq = tiny_summary["data_quality"]
    assert dq["ledger"] == [
        {"file": "Connections.csv", "era": "2023+", "rows_read": 7, "kept": 6, "excluded": 1, "quarantined": 0},
        {"file": "Invitations.csv", "era": "2024+", "rows_read": 2, "kept": 2, "excluded": 0, "quarantined": 0},
        {"file": "messages.csv", "era": "2025", "rows_read": 38, "kept": 36, "excluded": 1, "quarantined": 1},
    ]
    assert dq["excluded"] == [
        {"file": "Connections.csv", "reason": "hidden profile", "rows": 1},
        {"file": "messages.csv", "reason": "draft", "rows": 1},
    ]
    assert dq["quarantined"] == [{"file": "messages.csv", "reason": "n_fields=8≠11", "rows": 1}]
    assert dq["notes"] == [S.INVITATIONS_NAIVE_NOTE]
    assert "SECRET-RAW-ROW" not in json.dumps(tiny_summary)


def test_share_summary_pseudonymises_and_suppresses(tiny, tmp_path):
    key_path = tmp_path / "key" / "share.key"
    s = report_summary(tiny, share=True, key_path=key_path, k=5)
    p = Pseudonymiser(load_key(key_path))
    lists = {entry["id"]: entry for entry in s["review"]}
    assert lists["reconnect"]["rows"] == [
        {"name": p.pseudonym("contact", "bo"), "company": OTHER, "profile": None, "link": None, "email": None,
         "why": "tie strength 65; last message 3 years ago", "snippet": None},
    ]
    assert "discretion" not in lists  # who confided in you is never shared
    assert lists["over-zealous"]["rows"][0]["snippet"] is None  # message text never in a shared report
    assert lists["introducers"]["rows"] == []  # every company has fewer than k=5 contacts
    assert (s["owner"], s["source"], s["mode"]) == (None, None, "share")
    assert s["privacy"] == {"share": True, "k": 5, "statement": SHARE_STATEMENT}
    assert s["headline"] == report_summary(tiny)["headline"]
    text = json.dumps(s)
    for secret in ("Bo Ek", "Dee Dee", "Mia Owner", "Acme", "Beta", "linkedin.com", "example.invalid", "Last try"):
        assert secret not in text


def test_k_below_five_is_refused(tiny, tmp_path):
    with pytest.raises(ParameterError):
        report_summary(tiny, share=True, key_path=tmp_path / "share.key", k=3)


def test_the_key_may_not_sit_next_to_the_shared_report(tiny, tmp_path):
    with pytest.raises(ParameterError, match="same folder"):
        write_report(tiny, tmp_path / "report.html", share=True, key_path=tmp_path / "share.key")
    assert not (tmp_path / "report.html").exists()


# ---------------------------------------------------------------- rendered reports
@pytest.fixture(scope="module")
def hostile_export(tmp_path_factory):
    return ns.load(write_hostile_export(tmp_path_factory.mktemp("hostile") / "export"))


@pytest.fixture(scope="module")
def reports(hostile_export, tmp_path_factory):
    out = tmp_path_factory.mktemp("reports")
    key_path = tmp_path_factory.mktemp("config") / "netstats" / "share.key"
    steps = []
    private = write_report(hostile_export, out / "private.html", progress=steps.append)
    share = write_report(hostile_export, out / "share" / "report.html", share=True, key_path=key_path)
    return {
        "private": private.read_text(encoding="utf-8"),
        "share": share.read_text(encoding="utf-8"),
        "private_path": private,
        "key": load_key(key_path),
        "key_path": key_path,
        "steps": steps,
        "out": out,
    }


def figure_specs(page: str) -> dict:
    blocks = re.findall(r'<script type="application/json" id="(fig-[a-z-]+)-spec">(.*?)</script>', page, re.S)
    return {name: json.loads(body) for name, body in blocks}


def without_code(page: str) -> str:
    """The page without the bodies of its two executable scripts (plotly.js and report.js)."""
    return re.sub(r"<script>.*?</script>", "<script></script>", page, flags=re.S)


def decoded(page: str) -> str:
    """The page with JSON string escapes and HTML entities decoded, to find text however it is encoded."""
    text = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), page)
    text = text.replace("\\/", "/").replace('\\"', '"').replace("\\\\", "\\")
    return html.unescape(html.unescape(text))


def test_same_export_and_options_give_identical_bytes(hostile_export, reports, tmp_path):
    again = write_report(hostile_export, tmp_path / "again.html").read_bytes()
    assert again == reports["private_path"].read_bytes()
    share_again = write_report(hostile_export, tmp_path / "s" / "r.html", share=True, key_path=reports["key_path"])
    assert share_again.read_text(encoding="utf-8") == reports["share"]


def test_progress_is_reported(reports):
    assert reports["steps"][0] == "measuring every contact"
    assert "drawing the charts" in reports["steps"] and reports["steps"][-1].startswith("report written")


def test_canaries_absent_from_the_share_report_present_in_the_private_one(reports):
    private, share = decoded(reports["private"]), decoded(reports["share"])
    for what, canary in CANARIES.items():
        assert canary in private, what  # the test can see them...
        assert canary.lower() not in share.lower(), what  # ...and the shared report has none of them
        assert canary not in reports["share"], what
    slug = CANARIES["url"].rsplit("/", 1)[1]
    assert slug not in share
    assert not re.search(r"[\w.+-]+@[\w-]+\.[a-z]{2,}", without_code(share))  # no e-mail address at all
    assert reports["key"].hex() not in reports["share"] and str(reports["key_path"]) not in reports["share"]
    assert "pseudonymised, not anonymised" in reports["share"]


def test_share_report_holds_no_name_company_or_message_of_the_export(hostile_export, reports):
    share = decoded(reports["share"])
    for value in pd.concat([hostile_export.connections[S.FIRST_NAME], hostile_export.connections[S.COMPANY],
                            hostile_export.messages[S.CONTENT]]).dropna().unique():
        if len(value) > 6:
            assert value not in share, value


def test_payloads_never_reach_the_html_unescaped(reports):
    for page in (reports["private"], reports["share"]):
        for payload in MARKUP_PAYLOADS:
            assert payload not in page, payload
        # none of the payloads' elements exists; the template's own markup is plain (<span class>, <strong>)
        assert not re.search(r"<(?:img|iframe|select|button)\b|<b>|<span\s+style", without_code(page), re.I)
        for anchor in re.findall(r"<a\s[^>]*>", without_code(page)):  # only ours: in-page links and profiles
            assert re.fullmatch(
                r'<a (?:class="to-list" )?href="#[a-z-]+">'
                r'|<a href="https://www\.linkedin\.com/in/[^"<>&\s]+" rel="noopener noreferrer" target="_blank">',
                anchor,
            ), anchor
    private = reports["private"]
    assert "&lt;img src=x onerror=alert(document.domain)&gt;" in private  # shown, as text
    assert "\u202e" not in private  # bidi controls are stripped from display text


def test_every_data_string_in_every_figure_is_escaped(reports):
    for page in (reports["private"], reports["share"]):
        specs = figure_specs(page)
        assert len(specs) == 8 and "fig-scorecard" not in specs  # the scorecard is text
        for name, spec in specs.items():
            for key, text in _strings(spec):
                if key == "hovertemplate":
                    text = re.sub(r"<br>|<extra></extra>", "", text)
                assert "<" not in text and "$" not in text, (name, key, text)
    names = {t["name"] for t in figure_specs(reports["private"])["fig-fading"]["data"]}
    hover = json.dumps(figure_specs(reports["private"])["fig-fading"])
    assert "&lt;img src=x onerror=alert(document.domain)&gt;" in hover and names <= set(ns.charts.SEGMENT_LABELS.values())


def _strings(node, key=None):
    if isinstance(node, dict):
        for k, v in node.items():
            if k != "template":
                yield from _strings(v, k)
    elif isinstance(node, list):
        for v in node:
            yield from _strings(v, key)
    elif isinstance(node, str):
        yield key, node


def test_self_contained_plotly_once_no_external_urls(reports):
    for page in (reports["private"], reports["share"]):
        assert page.count("plotly.js v") == 1  # the banner of the one embedded copy
        markup = without_code(page)
        assert not re.search(r"<[a-z][^>]*\s(?:src|action)\s*=", markup, re.I)  # no source at all
        hrefs = re.findall(r"\shref=\"([^\"]*)\"", markup)  # in-page links, and LinkedIn profiles to open
        assert all(h.startswith(("#", "https://www.linkedin.com/in/")) for h in hrefs), hrefs
        assert not re.search(r"<(?:link|iframe|object|embed|base|img)\b", markup, re.I)
        assert re.search(r'"typesetMath": false', page)
    assert "https://" not in without_code(reports["share"])  # not even as text: no profile link is shared
    assert 'href="https://' in reports["private"]


def test_csp_allows_exactly_the_inline_scripts(reports):
    for page in (reports["private"], reports["share"]):
        csp = html.unescape(re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page).group(1))
        directives = dict(part.split(" ", 1) for part in csp.split("; "))
        assert directives["default-src"] == "'none'" and directives["connect-src"] == "'none'"
        assert "unsafe-eval" not in csp and "unsafe-inline" not in directives["script-src"]
        scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
        assert len(scripts) == 2
        hashes = {"'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'" for s in scripts}
        assert set(directives["script-src"].split()) == hashes
        assert page.index("Content-Security-Policy") < page.index("<script")


def test_quarantined_text_never_reaches_the_report(tiny, tmp_path):
    page = write_report(tiny, tmp_path / "tiny.html").read_text(encoding="utf-8")
    assert "SECRET-RAW-ROW" not in page and "n_fields=8≠11" in page
    assert "bo@example.invalid" in page  # the private report shows contact details of listed people


# ---------------------------------------------------------------- template lint
def test_template_never_marks_data_safe():
    for template in TEMPLATES.glob("*.j2"):
        text = template.read_text(encoding="utf-8")
        assert "|safe" not in text.replace(" ", ""), template.name
        assert "autoescape" not in text.replace("Autoescape is on", ""), template.name
        assert "Markup" not in text, template.name
    source = REPORT_SOURCE.read_text(encoding="utf-8")
    calls = [
        line.strip()
        for line in source.splitlines()
        if "Markup(" in line and not line.strip().startswith(("#", '"', ">>>", "Markup('"))
    ]
    # _trusted_script (plotly.js and report.js), and _html_text, which escapes first
    assert calls == ['return Markup(str(escape(value)).replace("$", "&#36;"))', "return Markup(code)"]
    assert "finalize=_html_text" in source
    assert source.count("_trusted_script(") == 3  # its definition and its two uses
    assert "select_autoescape(default_for_string=True, default=True)" in source


def test_every_payload_is_in_the_hostile_export(hostile_export):
    text = pd.concat(
        [hostile_export.connections[c] for c in (S.FIRST_NAME, S.LAST_NAME, S.COMPANY, S.POSITION)]
        + [hostile_export.messages[c] for c in (S.CONTENT, S.SUBJECT, S.CONVERSATION_TITLE)]
        + [hostile_export.invitations[S.MESSAGE]]
    ).dropna()
    for payload in ALL_PAYLOADS:
        assert text.str.contains(payload, regex=False).any(), payload


def test_bursts_and_undated_connections_are_reported(tiny_summary):
    summary = json.loads(json.dumps(tiny_summary))
    summary["growth"].update(bursts=["2023-05-01", "2023-06-01"], new_in_bursts=57, undated_connections=3)
    page = render_html(summary, [])
    assert "2 periods added many connections (57\n    in all) and few conversations followed: 2023-05-01, 2023-06-01" in page
    assert "3 connections have no connection date" in page
    plain = render_html(tiny_summary, [])
    assert 'id="bursts"' not in plain and "no connection date" not in plain


# ---------------------------------------------------------------- review lists: order, ties and share mode
def _tied_export(tmp_path):
    """Twelve people the owner wrote to twice without an answer, twelve who wrote three times unanswered,
    and two companies of six two-way contacts each: every list ties, and each has more than REVIEW_ROWS."""
    from tests.exports import OWNER, Person, connection, load_export, message

    quiet = [Person("Q", f"{i:02d}", f"quiet-{i:02d}") for i in range(12)]
    pushy = [Person("P", f"{i:02d}", f"pushy-{i:02d}") for i in range(12)]
    staff = [Person("S", f"{i:02d}", f"staff-{i:02d}", "Aaa Corp" if i < 6 else "Zzz Corp") for i in range(12)]
    rows = []
    for p in quiet:
        rows += [message(p.slug, OWNER, [p], f"2026-01-0{d} 10:00", "Hello, any news?") for d in (1, 2)]
    for p in pushy:
        rows += [message(p.slug, p, [OWNER], f"2026-01-0{d} 10:00", "Are you there?") for d in (3, 4, 5)]
    for p in staff:
        rows += [
            message(p.slug, OWNER, [p], "2026-02-01 10:00", "Lunch?"),
            message(p.slug, p, [OWNER], "2026-02-01 11:00", "Yes!"),
        ]
    people = quiet + pushy + staff
    return load_export(tmp_path, connections=[connection(p, "2025-01-01") for p in people], messages=rows)


@pytest.fixture(scope="module")
def tied(tmp_path_factory):
    return _tied_export(tmp_path_factory.mktemp("tied"))


def test_private_review_ties_are_broken_by_contact_id(tied):
    lists = {entry["id"]: entry for entry in report_summary(tied)["review"]}
    outreach = lists["unanswered-outreach"]
    assert [row["name"] for row in outreach["rows"]] == [f"Q {i:02d}" for i in range(12)]  # complete
    assert outreach["more"] == 2  # beyond the ten shown first
    assert [row["name"] for row in lists["over-zealous"]["rows"]] == [f"P {i:02d}" for i in range(12)]
    assert [row["company"] for row in lists["introducers"]["rows"]] == ["Aaa Corp", "Zzz Corp"]
    assert [row["name"] for row in lists["introducers"]["rows"]] == ["S 00", "S 06"]


def test_share_review_ties_are_broken_by_pseudonym_never_by_real_id(tied, tmp_path):
    """Ordering (and the cut at REVIEW_ROWS) by real id would tell the alphabetical order of the people."""
    key_path = tmp_path / "key" / "share.key"
    lists = {entry["id"]: entry for entry in report_summary(tied, share=True, key_path=key_path, k=5)["review"]}
    p = Pseudonymiser(load_key(key_path))
    for list_id, prefix in (("unanswered-outreach", "quiet"), ("over-zealous", "pushy")):
        everyone = sorted(p.pseudonym("contact", f"{prefix}-{i:02d}") for i in range(12))
        shown = [row["name"] for row in lists[list_id]["rows"]]
        assert shown == everyone, list_id  # in pseudonym order
        assert shown != [p.pseudonym("contact", f"{prefix}-{i:02d}") for i in range(12)]  # not the id order
    companies = sorted(p.pseudonym("company", name) for name in ("Aaa Corp", "Zzz Corp"))
    assert [row["company"] for row in lists["introducers"]["rows"]] == companies
    staff = {p.pseudonym("contact", f"staff-{i:02d}"): i for i in range(12)}
    best = {c: min(n for n, i in staff.items() if (i < 6) == (c == p.pseudonym("company", "Aaa Corp")))
            for c in companies}
    assert [row["name"] for row in lists["introducers"]["rows"]] == [best[c] for c in companies]


# ---------------------------------------------------------------- empty exports
EMPTY_CASES = {
    "nothing": ({}, ["connections", "messages exchanged with a contact", "invitations"]),
    "connections only": ({"connections": 1}, ["messages exchanged with a contact", "invitations"]),
    "messages only": ({"messages": 1}, ["connections", "invitations"]),
    "invitations only": ({"invitations": 1}, ["connections", "messages exchanged with a contact"]),
}


@pytest.mark.parametrize("case", list(EMPTY_CASES))
def test_an_export_with_empty_tables_gets_a_report_that_says_so(case, tmp_path):
    from tests.exports import OWNER, Person, connection, invitation, load_export, message

    ann = Person("Ann", "Lee", "ann-lee", "Acme")
    tables, missing = EMPTY_CASES[case]
    rows = {
        "connections": [connection(ann, "2025-01-01")],
        "messages": [message("c", OWNER, [ann], "2026-01-05 09:00", "Coffee?"),
                     message("c", ann, [OWNER], "2026-01-05 10:00", "Sure")],
        "invitations": [invitation(ann, OWNER, "2026-01-05 09:00", "We met at the climbing gym on Sunday")],
    }
    ex = load_export(tmp_path, **{name: rows[name] for name in tables})
    summary = report_summary(ex)
    assert summary["missing"] == missing
    page = write_report(ex, tmp_path / "report.html").read_text(encoding="utf-8")
    banner = re.search(r'<p class="banner" id="missing">(.*?)</p>', page, re.S).group(1)
    assert " ".join(banner.split()).startswith("This export holds no " + ", no ".join(missing) + ":")
    specs = figure_specs(page)
    assert len(specs) == 8
    notes = {name: [a["text"] for a in spec["layout"].get("annotations", [])] for name, spec in specs.items()}
    if "connections" in missing:
        assert notes["fig-popularity-vs-quality"] == ["No dated connections in this export"]
    if "messages exchanged with a contact" in missing:
        assert notes["fig-activity"] == ["No messages in this export"]
        assert notes["fig-reply-times"] == ["No reply in this export yet"]
        assert notes["fig-fading"] == ["Nobody exchanged messages with you yet"]
    if "invitations" in missing:
        assert notes["fig-personal-notes"] == ["No dated invitations in this export"]
    if case == "nothing":
        assert notes["fig-segments"] == notes["fig-tie-strength"] == ["No contacts in this export"]


def test_a_complete_export_has_no_missing_banner(tiny_summary, tiny):
    assert tiny_summary["missing"] == []
    assert 'id="missing"' not in render_html(tiny_summary, [])


# ---------------------------------------------------------------- one scorecard, one notion of "talked with"
def test_the_scorecard_appears_once_as_text(tiny, tmp_path):
    page = write_report(tiny, tmp_path / "r.html").read_text(encoding="utf-8")
    text = html.unescape(without_code(page))
    for row in report_summary(tiny)["scorecard"]:
        assert text.count(row["verdict"]) == 1, row["principle"]
    assert "fig-scorecard" not in page


def test_headline_growth_and_scorecard_count_the_same_people_on_the_sample():
    ex = ns.load(Path(__file__).resolve().parents[1] / "data" / "sample")
    summary = report_summary(ex)
    features = ns.contact_features(ex)
    card = principles(ex, features).set_index(S.PRINCIPLE)
    table = ns.growth(ex, features)
    engaged = summary["headline"]["engaged"]
    assert engaged == card.loc["know_your_network", S.DETAILS]["two_way"] == table[S.ENGAGED_CONTACTS].iloc[-1]
    assert summary["headline"]["connections"] == card.loc["know_your_network", S.DETAILS]["connections"]
    assert engaged > 100 and table[S.ENGAGED_CONTACTS].iloc[len(table) // 4] > 0  # quality from the early years on


def test_dollar_signs_in_data_are_never_raw_in_the_html(reports):
    assert "&#36;Self&#36;" in reports["private"]  # the owner's name, shown as text
    for page in (reports["private"], reports["share"]):
        assert "$" not in re.sub(r"<script[^>]*>.*?</script>", "", page, flags=re.S)


def test_the_headline_counts_connections_only(tmp_path):
    from tests.exports import OWNER, Person, connection, load_export, message

    ann, nia = Person("Ann", "Lee", "ann-lee"), Person("Nia", "Stranger", "nia-s")
    rows = [
        message(p.slug, who, [other], f"2026-01-0{d} 10:00", "Hello there")
        for p in (ann, nia)
        for d, (who, other) in enumerate(((OWNER, p), (p, OWNER)), start=1)
    ]
    summary = report_summary(load_export(tmp_path, connections=[connection(ann, "2025-01-01")], messages=rows))
    assert summary["headline"] == {
        "connections": 1, "engaged": 1, "engaged_share": 1.0, "contacts": 2, "core": 0, "silent_connections": 0,
    }


def test_an_earlier_as_of_leaves_later_invitations_out_of_the_charts(tiny, tmp_path):
    page = write_report(tiny, tmp_path / "early.html", as_of="2026-01-01").read_text(encoding="utf-8")
    notes = figure_specs(page)["fig-personal-notes"]["data"]
    assert [trace["name"] for trace in notes] == ["Invitations you received"]  # eve's, sent in February, is later
    assert report_summary(tiny, as_of="2026-01-01")["as_of"] == "2026-01-01"


# ---------------------------------------------------------------- lists to act on: discretion, CSV, calendar
SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample"


@pytest.fixture(scope="module")
def sample_export():
    return ns.load(SAMPLE)


def test_the_private_report_lists_who_confided_the_shared_one_never(sample_export, tmp_path):
    private = {e["id"]: e for e in report_summary(sample_export, tz="UTC")["review"]}
    confided = private["discretion"]["rows"]
    assert len(confided) == 5  # as many as the scorecard's discretion row counts
    assert confided[0]["name"] == "Diego Khan" and confided[0]["why"] == "confided: job search, confidentiality"
    assert all(row["snippet"] is None for row in confided)  # what they confided stays out of the report
    shared = report_summary(sample_export, share=True, key_path=tmp_path / "key" / "k", tz="UTC")
    assert [e["id"] for e in shared["review"]] == ["reconnect", "over-zealous", "unanswered-outreach", "introducers"]
    assert all(row["list"] != "discretion" for row in shared["scorecard"])
    page = write_report(sample_export, tmp_path / "share" / "r.html", share=True, key_path=tmp_path / "key" / "k",
                        tz="UTC").read_text(encoding="utf-8")
    assert "review-discretion" not in page and "Diego Khan" not in page


def test_lists_are_written_as_spreadsheet_safe_csv(tiny, tmp_path):
    summary = report_summary(tiny, tz="UTC")
    summary["review"][2]["rows"][0]["name"] = "=HYPERLINK(\"https://evil.example\")"
    paths = write_lists(summary, tmp_path / "lists")
    assert [p.name for p in paths] == [
        "reconnect.csv", "over-zealous.csv", "unanswered-outreach.csv", "introducers.csv", "discretion.csv",
    ]
    raw = (tmp_path / "lists" / "reconnect.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # a BOM: Excel shows accented names right
    assert raw.decode("utf-8-sig") == (
        "Contact,Company,Profile,E-mail,Why\n"
        'Bo Ek,"Acme, Inc.",https://www.linkedin.com/in/bo,bo@example.invalid,tie strength 65; last message 3 years ago\n'
    )
    outreach = pd.read_csv(tmp_path / "lists" / "unanswered-outreach.csv", encoding="utf-8-sig")
    assert outreach["Contact"].tolist() == ["'=HYPERLINK(\"https://evil.example\")"]
    assert "Last try" not in (tmp_path / "lists" / "over-zealous.csv").read_text(encoding="utf-8-sig")  # no message text
    assert (tmp_path / "lists" / "discretion.csv").read_text(encoding="utf-8-sig") == "Contact,Company,Profile,E-mail,Why\n"


def test_reconnect_reminders_one_event_each_spread_over_the_weeks(tied, tmp_path):
    icalendar = pytest.importorskip("icalendar")
    summary = report_summary(tied, tz="UTC")
    rows = [_person(f"R {i}", "Acme", f"r-{i}", f"tie strength {70 - i}") | {"snippet": "SECRET MESSAGE"}
            for i in range(5)]
    summary["review"][0]["rows"] = rows
    # a Wednesday: that week's Thursday, then Tuesdays and Thursdays
    path = write_reminders(summary, tmp_path / "cal" / "reconnect.ics", start=pd.Timestamp("2026-03-04").date())
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert [str(e["SUMMARY"]) for e in events] == [f"Reconnect with R {i}" for i in range(5)]
    assert [e.decoded("DTSTART").isoformat() for e in events] == [
        "2026-03-05", "2026-03-10", "2026-03-12", "2026-03-17", "2026-03-19"]
    assert all((e.decoded("DTEND") - e.decoded("DTSTART")).days == 1 for e in events)  # all-day
    assert len({str(e["UID"]) for e in events}) == 5
    assert str(events[0]["DESCRIPTION"]) == (
        "Acme\ntie strength 70\nhttps://www.linkedin.com/in/r-0\nA short note to catch up.")
    assert b"SECRET" not in path.read_bytes()  # no message text in a calendar
    again = write_reminders(summary, tmp_path / "again.ics", start=pd.Timestamp("2026-03-04").date())
    assert again.read_bytes() == path.read_bytes()


def test_reminders_come_from_the_private_report_only(tiny, tmp_path):
    with pytest.raises(ParameterError, match="private report only"):
        write_report(tiny, tmp_path / "r.html", share=True, key_path=tmp_path / "k" / "key",
                     reminders=tmp_path / "r.ics")


# ---------------------------------------------------------------- the owner's time zone
def test_the_activity_chart_uses_the_owner_time_zone_and_says_which(tiny, tmp_path):
    page = write_report(tiny, tmp_path / "tz.html", tz="Asia/Tokyo").read_text(encoding="utf-8")
    heatmap = figure_specs(page)["fig-activity"]
    z = heatmap["data"][0]["z"]
    # ann's 2025-11-01 10:00 and 12:00 UTC (a Saturday) are 19:00 and 21:00 in Tokyo
    assert z[5][19] == 1 and z[5][21] == 1 and z[5][10] == 0
    assert heatmap["layout"]["xaxis"]["title"]["text"] == "Hour of day (Asia/Tokyo)"
    assert "When messages are written (Asia/Tokyo time)." in page
    assert report_summary(tiny, tz="Asia/Tokyo")["time_zone"] == "Asia/Tokyo"


def test_the_default_time_zone_is_the_machine_one(tiny, monkeypatch):
    monkeypatch.setenv("TZ", "America/Sao_Paulo")
    assert report_summary(tiny)["time_zone"] == "America/Sao_Paulo"
    monkeypatch.setenv("TZ", ":/usr/share/zoneinfo/Asia/Tokyo")  # a zoneinfo file, as POSIX allows
    assert owner_time_zone() == "Asia/Tokyo"
    # a machine setting that names no zone is not the user's typo: fall back to UTC rather than fail
    monkeypatch.setattr("netstats.report._html._machine_time_zones", lambda: ["Not/AZone", "CET-1CEST"])
    assert owner_time_zone() == "UTC"


def test_an_unknown_time_zone_is_refused_clearly(tiny):
    with pytest.raises(ParameterError, match="unknown time zone 'Europe/Atlantis'.*IANA"):
        report_summary(tiny, tz="Europe/Atlantis")


def test_cli_writes_lists_reminders_and_uses_the_time_zone(tmp_path, capsys):
    from netstats._cli import main

    status = main(["report", str(SAMPLE), "-o", str(tmp_path / "report.html"), "--tz", "Europe/Paris",
                   "--lists", str(tmp_path / "lists"), "--reminders", str(tmp_path / "reconnect.ics"), "-q"])
    assert status == 0
    assert sorted(p.name for p in (tmp_path / "lists").iterdir()) == [
        "discretion.csv", "introducers.csv", "over-zealous.csv", "reconnect.csv", "unanswered-outreach.csv"]
    reconnect = pd.read_csv(tmp_path / "lists" / "reconnect.csv", encoding="utf-8-sig")
    assert (tmp_path / "reconnect.ics").read_bytes().count(b"BEGIN:VEVENT") == len(reconnect) == 48
    assert "Europe/Paris time" in (tmp_path / "report.html").read_text(encoding="utf-8")
    assert main(["report", str(SAMPLE), "-o", str(tmp_path / "x.html"), "--tz", "Nowhere/Else", "-q"]) == 2
    assert "unknown time zone 'Nowhere/Else'" in capsys.readouterr().err


def test_no_scorecard_verdict_holds_python_code(sample_export):
    for row in report_summary(sample_export, tz="UTC")["scorecard"]:
        assert not re.search(r"\w\.\w+\(|\w=|netstats\.|\bns\.", row["verdict"]), row["principle"]


def test_shared_lists_hold_pseudonyms_only(tiny, tmp_path):
    key_path = tmp_path / "key" / "share.key"
    summary = report_summary(tiny, share=True, key_path=key_path, k=5, tz="UTC")
    write_lists(summary, tmp_path / "lists")
    assert sorted(p.name for p in (tmp_path / "lists").iterdir()) == [
        "introducers.csv", "over-zealous.csv", "reconnect.csv", "unanswered-outreach.csv"]  # no discretion list
    p = Pseudonymiser(load_key(key_path))
    reconnect = (tmp_path / "lists" / "reconnect.csv").read_text(encoding="utf-8-sig")
    assert reconnect == f"Contact,Company,Profile,E-mail,Why\n{p.pseudonym('contact', 'bo')},Other,,,tie strength 65; last message 3 years ago\n"
    text = "".join(f.read_text(encoding="utf-8-sig") for f in (tmp_path / "lists").iterdir())
    for secret in ("Bo Ek", "Dee Dee", "Cy Young", "Acme", "Beta", "linkedin.com", "example.invalid", "Last try"):
        assert secret not in text


def test_every_connection_change_is_listed_the_rest_a_click_away_and_never_in_a_shared_report(tmp_path):
    """Two LinkedIn exports of one account, 35 changes: the report lists all 35 (ten shown, 25 in a
    <details>), names escaped; the shared report lists none and never names anyone."""
    from tests.exports import Person, connection, write_export

    stayed = [Person("Kim", f"Stay{i:02d}", f"kim-stay-{i:02d}", "Acme", "Engineer") for i in range(5)]
    gone = [Person("Lou", f"Gone{i:02d}", f"lou-gone-{i:02d}", "Acme", "Analyst") for i in range(20)]
    new = [Person("Max", f"New{i:02d}<b>", f"max-new-{i:02d}", "Initech", "Designer") for i in range(15)]
    first = write_export(
        tmp_path / "first",
        connections=[connection(p, "2024-01-02") for p in stayed + gone],
        exported_on="2025-06-01",
    )
    second = write_export(
        tmp_path / "second",
        connections=[connection(p, "2024-01-02") for p in stayed] + [connection(p, "2025-09-10") for p in new],
        exported_on="2026-01-15",
    )
    export = ns.load([first, second])
    assert len(export.history) == 35
    history = ns.report_summary(export, as_of="2026-01-15")["history"]
    assert len(history["rows"]) == 35 and history["more"] == 25
    assert sorted(r["name"] for r in history["rows"]) == sorted(
        p.name for p in gone + new
    )
    page = ns.write_report(export, tmp_path / "report.html", as_of="2026-01-15").read_text(encoding="utf-8")
    section = page[page.index('<section id="history">') : page.index('<section id="data-quality">')]
    details = section[section.index('<details id="more-history">') :]
    assert section.count("<tr><td>") == 35 and details.count("<tr><td>") == 25
    assert "Max New00&lt;b&gt;" in section and "<b>" not in section
    key = tmp_path / "keys" / "share.key"
    shared = ns.report_summary(export, share=True, key_path=key, as_of="2026-01-15")["history"]
    assert shared["rows"] == [] and shared["more"] == 0
    assert {c["change"]: c["n"] for c in shared["counts"]} == {"new": 15, "disappeared": 20}


def test_a_shared_report_never_names_the_time_zone(tiny, tmp_path):
    """A time zone tells where its owner lives: the shared report counts hours in it but says "local"."""
    key = tmp_path / "keys" / "share.key"
    page = write_report(tiny, tmp_path / "shared.html", share=True, key_path=key, tz="Asia/Tokyo").read_text(
        encoding="utf-8"
    )
    heatmap = figure_specs(page)["fig-activity"]
    assert heatmap["data"][0]["z"][5][19] == 1  # still counted in Tokyo time (see the private test above)
    assert heatmap["layout"]["xaxis"]["title"]["text"] == "Hour of day (local)"
    assert "When messages are written (local time)." in page
    assert "Tokyo" not in page and "Asia" not in page
    assert report_summary(tiny, share=True, key_path=key, tz="Asia/Tokyo")["time_zone"] is None
