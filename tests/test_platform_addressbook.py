"""Address books: Google Contacts CSV (current and legacy headers) and vCard 2.1 / 3.0 / 4.0.

Each folder ``tests/fixtures/addressbook/<era>/`` holds one address book written
by hand in that format's exact bytes (UTF-8 BOM and CRLF for the current Google
CSV, quoted-printable soft line breaks and CHARSET for vCard 2.1, folded lines
(one splitting a UTF-8 character), ``item1.`` groups and a base64 PHOTO for the
Apple/Google vCard 3.0, ``tel:`` URIs, ``PREF=1`` and ``KIND`` for vCard 4.0).
The people are synthetic.

``expected/*.golden.csv`` is what :func:`netstats.sources._addressbook.read` must
produce, written by :func:`write_golden` and checked by hand.  After a change
meant to alter the output, regenerate and review the diff::

    .venv/bin/python tests/test_platform_addressbook.py              # every fixture
    .venv/bin/python tests/test_platform_addressbook.py vcard-3.0    # one
"""

from __future__ import annotations

import codecs
import csv
import io
import string
import sys
from pathlib import Path

import goldens
import pandas as pd
import pytest
from goldens import golden_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netstats import schema as S
from netstats._errors import ExportFormatError
from netstats._text import normalise_email, normalise_phone
from netstats.sources import _addressbook as A
from netstats.sources._archive import SourceFile

FIXTURES = Path(__file__).parent / "fixtures" / "addressbook"
ERAS_DIR = Path(__file__).parent / "fixtures" / "eras"
OWNER = ("Owen Owner", "owen@example.org", "+44 7700 900999")
# era -> (logical kind, file name, owner identifiers passed to read)
CASES = {
    "google-current": (A.GOOGLE_CSV, "contacts.csv", OWNER),
    "google-legacy": (A.GOOGLE_CSV, "google.csv", ()),
    "vcard-2.1": (A.VCARD_FILE, "contacts.vcf", ()),
    "vcard-3.0": (A.VCARD_FILE, "All Contacts.vcf", ()),
    "vcard-4.0": (A.VCARD_FILE, "contacts.vcf", ()),
}
GOLDEN_TABLES = ("connections", "people", "ledger", "excluded", "quarantine", "owner")


# ---------------------------------------------------------------- golden text form
def source(era: str) -> SourceFile:
    kind, name, _ = CASES[era]
    return SourceFile(kind, name, (FIXTURES / era / name).read_bytes(), A.FAMILY)


def read_case(era: str):
    [part] = A.read([source(era)], source=str(FIXTURES / era), owner=CASES[era][2])
    return part


def _tables(part) -> dict[str, pd.DataFrame]:
    tables = {name: golden_text(getattr(part, name)) for name in GOLDEN_TABLES if name != "owner"}
    owner = part.owner
    tables["owner"] = golden_text(
        pd.DataFrame(
            {"name": [owner.name], "profile_url": [owner.profile_url], "contact_id": [owner.contact_id], "found_by": [owner.found_by]},
            dtype="string",
        )
    )
    return tables


def write_golden(*eras: str) -> None:
    """Write ``expected/*.golden.csv`` (every fixture when none is named): run by hand, then review the diff."""
    for era in eras or CASES:
        goldens.write_goldens(FIXTURES / era / "expected", _tables(read_case(era)))


def read_golden(era: str, name: str) -> pd.DataFrame:
    return goldens.read_golden(FIXTURES / era / "expected", name)


@pytest.fixture(scope="module")
def parts():
    return {era: read_case(era) for era in CASES}


@pytest.mark.parametrize("era", CASES)
@pytest.mark.parametrize("table", GOLDEN_TABLES)
def test_read_reproduces_the_golden_table(parts, era, table):
    actual = _tables(parts[era])[table]
    expected = read_golden(era, table)
    if expected.empty:
        expected, actual = expected.astype(object), actual.astype(object)
    pd.testing.assert_frame_equal(actual, expected, check_dtype=False, check_index_type=False)


def test_the_golden_files_cover_every_fixture():
    assert sorted(p.name for p in FIXTURES.iterdir() if p.is_dir()) == sorted(CASES)
    for era in CASES:
        assert {p.name.removesuffix(".golden.csv") for p in (FIXTURES / era / "expected").glob("*.golden.csv")} == set(GOLDEN_TABLES)


# ---------------------------------------------------------------- exact counts, by hand
LEDGERS = {  # rows_read, kept, excluded, quarantined, era
    "google-current": (9, 6, 2, 1, "current"),
    "google-legacy": (5, 4, 1, 0, "legacy"),
    "vcard-2.1": (9, 4, 1, 4, "2.1"),
    "vcard-3.0": (4, 3, 0, 1, "3.0"),
    "vcard-4.0": (6, 4, 1, 1, "4.0"),
}


@pytest.mark.parametrize("era", CASES)
def test_ledger_counts_and_balance(parts, era):
    part = parts[era]
    [row] = part.ledger.to_dict("records")
    assert (row[S.ROWS_READ], row[S.KEPT], row[S.EXCLUDED], row[S.QUARANTINED], row[S.ERA]) == LEDGERS[era]
    assert row[S.ROWS_READ] == row[S.KEPT] + row[S.EXCLUDED] + row[S.QUARANTINED]
    assert len(part.connections) == row[S.KEPT] == len(part.people)
    assert len(part.excluded) == row[S.EXCLUDED] and len(part.quarantine) == row[S.QUARANTINED]
    platform = S.GOOGLE_CONTACTS if era.startswith("google") else S.VCARD
    assert part.platform == platform
    for table in (part.connections, part.people, part.ledger, part.excluded, part.quarantine):
        assert table[S.PLATFORM].eq(platform).all()
    assert part.connections[S.RELATIONSHIP].eq(S.REL_SAVED_CONTACT).all()
    assert part.connections[S.CONNECTED_ON].isna().all() and part.latest is None
    assert not part.people[S.IS_CONNECTION].any() and part.people[S.SEEN_IN].eq("connections").all()
    assert part.messages.empty and part.invitations.empty
    assert list(part.connections.columns) == list(S.CONNECTIONS_COLUMNS)
    assert list(part.people.columns) == list(S.PEOPLE_COLUMNS)


def _person(part, contact_id: str) -> dict:
    people = part.people.set_index(S.CONTACT_ID)
    row = people.loc[contact_id]
    conn = part.connections.set_index(S.CONTACT_ID).loc[contact_id]
    return {
        "name": row[S.NAME],
        "emails": list(row[S.EMAILS]),
        "phones": list(row[S.PHONES]),
        "email": conn[S.EMAIL],
        "company": row[S.COMPANY],
        "position": row[S.POSITION],
        "first": conn[S.FIRST_NAME],
        "last": conn[S.LAST_NAME],
        "line": conn[S.SOURCE_LINE],
    }


def test_google_current_groups_multi_values_and_primary_labels(parts):
    part = parts["google-current"]
    ann = _person(part, "google_contacts:1")
    assert ann == {
        "name": "Ann Lee",
        "emails": ["ann.lee@example.com", "ann.lee@example.org", "ann@example.net"],
        "phones": ["+447700900123"],
        "email": "ann.lee@example.org",
        "company": "Acme Ltd",
        "position": "Engineer",
        "first": "Ann",
        "last": "Lee",
        "line": 2,
    }
    bo = _person(part, "google_contacts:2")
    # '* Work' marks E-mail 2 as the primary address; prefix and suffix are part of the name.
    assert (bo["name"], bo["email"], bo["phones"]) == ("Dr. Bo K Ek Jr.", "bo.ek@work.example", ["+15550100100", "5550100199"])
    # The address's newline inside quotes made record 1 two lines long: Bo starts on line 5.
    assert bo["line"] == 5
    assert _person(part, "google_contacts:3")["name"] is pd.NA  # an e-mail address without a name is kept
    assert _person(part, "google_contacts:4")["name"] == "Cat"  # the nickname when there is no name
    dee = _person(part, "google_contacts:6")
    assert dee["name"] == "<b>Dee</b> Okafor\u200b" and dee["company"] == '=HYPERLINK("https://evil.example")'
    odd = _person(part, "google_contacts:8")
    assert (odd["name"], odd["first"], odd["last"], odd["emails"]) == ("NA null", "NA", "null", [])
    assert part.excluded[S.REASON].tolist() == [A.REASON_EMPTY, A.REASON_OWNER_CARD]
    assert part.quarantine[[S.LINE, S.REASON, S.RAW]].to_dict("records") == [
        {S.LINE: 10, S.REASON: "n_fields=3≠36", S.RAW: "Short,Row,only three"}
    ]
    assert part.owner.contact_id == "google_contacts:9" and part.owner.name == "Owen Owner"
    assert "1 e-mail value(s)" in part.notes[0]
    # "* myContacts" labels are not a person field anywhere.
    assert not part.people.astype(str).apply(lambda c: c.str.contains("myContacts")).any().any()


def test_google_legacy_uses_the_name_column_and_organization_1(parts):
    part = parts["google-legacy"]
    assert part.people[S.NAME].tolist() == ["Ann Lee", "Bo K Ek", "Eve Park", "José da Silva"]
    assert part.people[S.CONTACT_ID].tolist() == [f"google_contacts:{n}" for n in (1, 2, 4, 5)]
    assert _person(part, "google_contacts:2")["emails"] == ["bo.ek@work.example", "bo@example.org"]
    assert _person(part, "google_contacts:4")["phones"] == ["+49301234567", "0301234567"]
    jose = _person(part, "google_contacts:5")
    assert (jose["company"], jose["position"], jose["first"]) == ("Café, Ltda.", "Owner", pd.NA)
    assert part.owner.contact_id is None


def test_vcard_21_quoted_printable_and_charsets(parts):
    part = parts["vcard-2.1"]
    assert part.people[S.NAME].tolist() == ["Jürgen Müller", "Élodie Durand", "François Roux", "Hal Helper"]
    jurgen = _person(part, "vcard:1")
    assert (jurgen["company"], jurgen["first"], jurgen["last"], jurgen["email"]) == ("Bäckerei Müller", "Jürgen", "Müller", "juergen@example.de")
    assert _person(part, "vcard:2")["email"] == "elodie.durand@example.fr"  # EMAIL;WORK;PREF
    assert [(r[S.LINE], r[S.REASON]) for r in part.quarantine.to_dict("records")] == [
        (27, "line 29: the quoted-printable value is not text in its CHARSET"),
        (36, A.REASON_NO_END),
        (40, A.REASON_NO_END),
        (49, A.REASON_OUTSIDE),
    ]
    assert part.excluded[[S.LINE, S.REASON]].values.tolist() == [[32, A.REASON_EMPTY]]


def test_vcard_30_folded_lines_item_groups_and_escapes(parts):
    part = parts["vcard-3.0"]
    ann = _person(part, "vcard:1")
    assert ann["position"] == "Senior Engineer, Platform" and ann["company"] == "Acme Ltd."
    assert ann["email"] == "ann.lee@example.org"  # type=pref
    assert ann["phones"] == ["+442079460123", "+447700900123"]  # item2.TEL counts like TEL
    bo = _person(part, "vcard:2")
    assert bo["emails"] == ["bo.ek@work.example.with.a.rather.long.domain.name.that.google.folds.example", "bo@example.org"]
    zoe = _person(part, "vcard:3")
    assert zoe["name"] == "Zoë Ångström-Øvergård of the Ærøskøbing Ĳsselmeer and Þórsdóttir families"
    assert zoe["line"] == 33
    [bad] = part.quarantine.to_dict("records")
    assert (bad[S.LINE], bad[S.REASON]) == (41, "line 45 is not a vCard property (NAME:value)")


def test_vcard_40_uris_pref_and_kind(parts):
    part = parts["vcard-4.0"]
    carol = _person(part, "vcard:1")
    assert (carol["email"], carol["phones"]) == ("carol@acme.example", ["+15555550142"])
    assert _person(part, "vcard:3")["name"] == "Acme Reception"  # KIND:org is kept
    assert _person(part, "vcard:4")["emails"] == ["dan@example.org"]  # mailto: removed
    assert _person(part, "vcard:4")["name"] == "<img src=x onerror=alert(1)>"  # literal text; sinks escape it
    assert _person(part, "vcard:5")["name"] == "Eve\u202eKnight"
    assert part.excluded[S.REASON].tolist() == [A.REASON_GROUP_CARD]
    assert part.quarantine[[S.LINE, S.REASON]].values.tolist() == [[35, A.REASON_NO_END]]


# ---------------------------------------------------------------- detection
@pytest.mark.parametrize("era", CASES)
def test_sniff_recognises_every_fixture(era):
    assert A.sniff(source(era).data[:4096]) == CASES[era][0]


def test_sniff_and_claim_leave_other_files_alone():
    for path in sorted(ERAS_DIR.glob("*/*.csv")):  # every LinkedIn era's CSVs
        assert A.sniff(path.read_bytes()[:4096]) is None, path
    others = [
        b"From 1790@xxx Mon Jan 08 09:00:00 +0000 2024\r\nX-GM-THRID: 1\r\n",
        b"[31/12/2024, 12:34:56] Bob: hey\r\n",
        b'{"friends_v2": []}',
        b"window.YTD.follower.part0 = []",
        b"Source,FirstName,LastName,Companies,Title,Emails,PhoneNumbers,CreatedAt\n",
        b"",
        b"\xff\xfe" + "First Name,Last Name\r\n".encode("utf-16-le"),
    ]
    for head in others:
        assert A.sniff(head) is None, head
    assert A.sniff(codecs.BOM_UTF16_LE + "BEGIN:VCARD\r\n".encode("utf-16-le")) == A.VCARD_FILE
    assert A.claim("Takeout/Contacts/My Contacts/My Contacts.VCF") == A.VCARD_FILE
    assert [A.claim(n) for n in ("Takeout/Contacts/contacts.csv", "Contacts.csv", "notes.txt")] == [None, None, None]
    assert A.REPEATABLE == {A.GOOGLE_CSV, A.VCARD_FILE}


# ---------------------------------------------------------------- several files, owner
def _vcf(*cards: str) -> bytes:
    return "".join(f"BEGIN:VCARD\r\nVERSION:3.0\r\n{c}END:VCARD\r\n" for c in cards).encode()


def test_several_files_prefix_ids_with_the_file_name():
    a = SourceFile("vcard", "Takeout/Contacts/Family/Family.vcf", _vcf("FN:Ann\r\n", "FN:Bo\r\n"), A.FAMILY)
    b = SourceFile("vcard", "Takeout/Contacts/Work/Work.vcf", _vcf("FN:Cy\r\n"), A.FAMILY)
    [part] = A.read([b, a], source="takeout")
    assert part.connections[S.CONTACT_ID].tolist() == ["vcard:Family.vcf#1", "vcard:Family.vcf#2", "vcard:Work.vcf#1"]
    assert part.ledger[S.FILE].tolist() == [a.name, b.name]
    same = [SourceFile("vcard", f"{d}/contacts.vcf", _vcf("FN:X\r\n"), A.FAMILY) for d in ("one", "two")]
    [part] = A.read(same, source="two folders")
    assert part.connections[S.CONTACT_ID].tolist() == ["vcard:one/contacts.vcf#1", "vcard:two/contacts.vcf#1"]


def test_google_and_vcard_files_make_two_parts():
    parts = A.read([source("vcard-4.0"), source("google-legacy")], source="mixed")
    assert [p.platform for p in parts] == [S.GOOGLE_CONTACTS, S.VCARD]
    assert parts[0].connections[S.CONTACT_ID].iloc[0] == "google_contacts:1"  # one file per part: no prefix


def test_owner_card_found_by_phone_number():
    data = _vcf("FN:Me Myself\r\nTEL:+44 7700 900999\r\n", "FN:Ann\r\nTEL:+44 7700 900123\r\n")
    [part] = A.read([SourceFile("vcard", "c.vcf", data, A.FAMILY)], source="c.vcf", owner=["0044 7700 900999"])
    assert (part.owner.name, part.owner.contact_id) == ("Me Myself", "vcard:1")
    assert part.people[S.CONTACT_ID].tolist() == ["vcard:2"]
    assert part.excluded[S.REASON].tolist() == [A.REASON_OWNER_CARD]


# ---------------------------------------------------------------- hostile input
def _google(text: str, encoding: str = "utf-8") -> SourceFile:
    return SourceFile(A.GOOGLE_CSV, "contacts.csv", text.encode(encoding), A.FAMILY)


HEADER = "First Name,Middle Name,Last Name,Labels,E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value\r\n"


def test_bad_encoding_is_a_clear_error_and_encoding_fixes_it():
    src = SourceFile(A.GOOGLE_CSV, "contacts.csv", (HEADER + "M\u00fcller,,,,,,,\r\n").encode("cp1252"), A.FAMILY)
    with pytest.raises(ExportFormatError) as err:
        A.read([src], source="x")
    assert err.value.line == 2 and "encoding" in err.value.fix
    [part] = A.read([src], source="x", encoding="cp1252")
    assert part.people[S.NAME].tolist() == ["Müller"]


def test_utf16_google_csv_reads():
    [part] = A.read([_google("\ufeff" + HEADER + "Ann,,Lee,* myContacts,,a@example.org,,\r\n", "utf-16-le")], source="x")
    assert part.people[S.EMAILS].tolist() == [["a@example.org"]]


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (HEADER + 'Ann,,Lee,,,"a@example.org\r\nBo,,,,,,,\r\n', 2, "not valid CSV"),
        (HEADER + "Ann,,Lee,," + "x" * 200_000 + ",,,\r\n", 2, "not valid CSV"),
        ("Name,Email\r\nAnn,a@example.org\r\n", 1, "not a Google Contacts header"),
        ("", None, "empty"),
    ],
)
def test_unreadable_google_csv_is_a_clear_error(text, line, words):
    with pytest.raises(ExportFormatError) as err:
        A.read([_google(text)], source="x")
    assert words in err.value.problem and err.value.line == line and err.value.file == "contacts.csv"
    assert "x" * 50 not in str(err.value)  # never quotes cell values


def test_not_a_vcard_is_a_clear_error():
    with pytest.raises(ExportFormatError, match="BEGIN:VCARD"):
        A.read([SourceFile("vcard", "notes.vcf", b"hello\r\n", A.FAMILY)], source="x")


def test_huge_values_are_quarantined_not_kept():
    huge = "A" * 5000
    data = _vcf(f"FN:{huge}\r\n", "FN:Ann\r\nEMAIL:" + "b" * 5000 + "@example.org\r\n", "FN:Bo\r\nPHOTO;ENCODING=b:" + "Q" * 300_000 + "\r\n")
    [part] = A.read([SourceFile("vcard", "c.vcf", data, A.FAMILY)], source="x")
    assert part.quarantine[S.REASON].tolist() == [A.REASON_TOO_LONG, A.REASON_TOO_LONG]
    assert part.quarantine[S.RAW].str.len().max() <= A.MAX_RAW_CHARS
    assert part.people[S.NAME].tolist() == ["Bo"]  # a big PHOTO is not a person field
    row = part.ledger.iloc[0]
    assert (row[S.ROWS_READ], row[S.KEPT], row[S.QUARANTINED]) == (3, 1, 2)
    csv_part = A.read([_google(HEADER + "Ann,,Lee,,,,," + "\r\n" + huge + ",,,,,,,\r\n")], source="x")[0]
    assert csv_part.quarantine[S.REASON].tolist() == [A.REASON_TOO_LONG] and csv_part.people[S.NAME].tolist() == ["Ann Lee"]


def test_deeply_nested_and_malformed_cards_never_crash():
    nested = "BEGIN:VCARD\r\n" * 500 + "FN:Deep\r\n" + "END:VCARD\r\n" * 500
    junk = "garbage before\r\n" + nested + ":::;;;\r\n\x00\x1b[2J\r\nBEGIN:VCARD\r\nFN:Last\r\nEND:VCARD\r\n"
    [part] = A.read([SourceFile("vcard", "c.vcf", junk.encode(), A.FAMILY)], source="x")
    row = part.ledger.iloc[0]
    assert row[S.ROWS_READ] == row[S.KEPT] + row[S.EXCLUDED] + row[S.QUARANTINED]
    assert part.people[S.NAME].tolist() == ["Deep", "Last"]
    # 499 outer cards without END, the text before the first card, and the run of lines after the inner END.
    assert part.quarantine[S.REASON].value_counts().to_dict() == {A.REASON_NO_END: 499, A.REASON_OUTSIDE: 2}


def test_bidi_and_html_names_are_kept_as_literal_text():
    data = _vcf("FN:\u202eevil\u200b<script>alert(1)</script>\r\nEMAIL:\u200bAnn@Example.org\r\n")
    [part] = A.read([SourceFile("vcard", "c.vcf", data, A.FAMILY)], source="x")
    assert part.people[S.NAME].tolist() == ["\u202eevil\u200b<script>alert(1)</script>"]
    assert part.people[S.EMAILS].tolist() == [["ann@example.org"]]  # keys drop invisible characters


def test_inputs_are_not_mutated():
    src = source("google-current")
    before = bytes(src.data)
    A.read([src], source="x")
    assert src.data == before


# ---------------------------------------------------------------- properties
_TEXT = st.text(
    alphabet=st.characters(categories=("L", "N", "P", "S", "Zs"), exclude_characters="\x85\u2028\u2029") | st.sampled_from(",;\\:\n"),
    min_size=1,
    max_size=60,
).map(str.strip).filter(bool)
_LOCAL = st.text(alphabet=string.ascii_lowercase + string.digits + "._+-", min_size=1, max_size=20).filter(lambda s: s[0] not in ".")


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace(",", "\\,").replace(";", "\\;")


def _fold(line: str) -> bytes:
    """RFC 6350 folding at 75 octets, which may split a UTF-8 character, as simple writers do."""
    data, out = line.encode(), []
    while data:
        size = 75 if not out else 74
        out.append((b" " if out else b"") + data[:size])
        data = data[size:]
    return b"\r\n".join(out) + b"\r\n"


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cards=st.lists(st.tuples(_TEXT, _TEXT, _TEXT, _LOCAL), min_size=1, max_size=5))
def test_vcard_fold_unfold_round_trip(cards):
    data = b""
    for name, company, title, local in cards:
        lines = ["BEGIN:VCARD", "VERSION:3.0", f"FN:{_escape(name)}", f"ORG:{_escape(company)};Dept", f"TITLE:{_escape(title)}",
                 f"item1.EMAIL;TYPE=INTERNET:{local}@example.org", "item1.X-ABLabel:Other", "END:VCARD"]
        data += b"".join(_fold(line) for line in lines)
    [part] = A.read([SourceFile("vcard", "c.vcf", data, A.FAMILY)], source="x")
    got = part.people[[S.NAME, S.COMPANY, S.POSITION]].astype(object).values.tolist()
    assert got == [[n, c, t] for n, c, t, _ in cards]
    assert part.people[S.EMAILS].tolist() == [[normalise_email(f"{local}@example.org")] for *_, local in cards]


_PHONE = st.from_regex(r"\A\+?[1-9][0-9]{6,11}\Z").map(lambda p: p[:3] + " " + p[3:])
_EMAIL = st.builds(lambda l, d: f"{l}@{d}.example", _LOCAL, st.sampled_from(["acme", "mail", "Work"]))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    n_email=st.integers(1, 4),
    n_phone=st.integers(0, 3),
    data=st.data(),
)
def test_google_csv_with_any_number_of_groups_parses_every_value(n_email, n_phone, data):
    header = ["First Name", "Middle Name", "Last Name", "Organization Name", "Labels"]
    header += [f"E-mail {i} - {k}" for i in range(1, n_email + 1) for k in ("Label", "Value")]
    header += [f"Phone {i} - {k}" for i in range(1, n_phone + 1) for k in ("Label", "Value")]
    n_rows = data.draw(st.integers(1, 4))
    rows, expected = [], []
    for r in range(n_rows):
        emails = [data.draw(st.lists(_EMAIL, max_size=3)) for _ in range(n_email)]
        phones = [data.draw(st.lists(_PHONE, max_size=3)) for _ in range(n_phone)]
        labels = [data.draw(st.sampled_from(["* Work", "Home", "", "* Other"])) for _ in range(n_email + n_phone)]
        row = [f"Person{r}", "", "Test", "Acme", "* myContacts ::: Friends"]
        for i in range(n_email):
            row += [labels[i], " ::: ".join(emails[i])]
        for i in range(n_phone):
            row += [labels[n_email + i], " ::: ".join(phones[i])]
        rows.append(row)
        expected.append(
            (
                sorted({normalise_email(e) for g in emails for e in g}),
                sorted({normalise_phone(p) for g in phones for p in g}),
            )
        )
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    [part] = A.read([_google(out.getvalue())], source="x")
    got = list(zip(part.people[S.EMAILS].map(list), part.people[S.PHONES].map(list), strict=True))
    assert got == expected
    assert part.ledger[S.KEPT].tolist() == [n_rows]


if __name__ == "__main__":
    write_golden(*sys.argv[1:])
