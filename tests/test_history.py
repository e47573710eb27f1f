"""Tests of netstats.combine._history: connection changes across several LinkedIn exports of one account.

Hand-built connection tables with exact expected rows, a hypothesis property
against a set-based model, and end-to-end runs on small exports written by
``tests/exports.py`` and loaded with ``netstats.load``.
"""

from __future__ import annotations

import itertools

import pandas as pd
import pytest
from exports import PREAMBLE, Person, connection, write_export
from hypothesis import given, settings
from hypothesis import strategies as st

from netstats import load
from netstats import schema as S
from netstats._errors import ParameterError
from netstats.combine._history import CHANGES, History, connection_history

JUNE = pd.Timestamp("2025-06-01", tz="UTC")
DECEMBER = pd.Timestamp("2025-12-01", tz="UTC")
MARCH = pd.Timestamp("2026-03-01", tz="UTC")
URL = "https://www.linkedin.com/in/"
NA = pd.NA


def connections(*rows, platform: str = S.LINKEDIN) -> pd.DataFrame:
    """A connections table: each row is (contact_id, name, url slug or None, company, position, connected_on)."""
    frame = pd.DataFrame(
        [
            {
                S.PLATFORM: platform,
                S.CONTACT_ID: cid,
                S.NAME: name,
                S.FIRST_NAME: None if name is None else name.split(" ")[0],
                S.LAST_NAME: None if name is None else name.split(" ")[-1],
                S.PROFILE_URL: None if slug is None else URL + slug,
                S.EMAIL: None,
                S.MEMBER_URN: None,
                S.COMPANY: company,
                S.POSITION: position,
                S.CONNECTED_ON: pd.Timestamp(on) if on else pd.NaT,
                S.RELATIONSHIP: S.REL_CONNECTION,
                S.SOURCE_LINE: 5 + i,
            }
            for i, (cid, name, slug, company, position, on) in enumerate(rows)
        ],
        columns=list(S.CONNECTIONS_COLUMNS),
    )
    return S.conform(frame, S.CONNECTIONS_COLUMNS)


def url_row(slug, name, company=None, position=None, on="2024-01-01"):
    return (slug, name, slug, company, position, on)


def name_row(name, company=None, position=None, on="2020-01-01", cid=None):
    return (cid or "name:" + " ".join(name.split()).casefold(), name, None, company, position, on)


def rows(history: History) -> list[tuple]:
    """The changes as plain tuples (NA -> None), in order."""
    frame = history.changes
    assert tuple(frame.columns) == S.HISTORY_COLUMNS
    return [
        tuple(None if v is NA else v for v in record)
        for record in frame.astype(object).where(frame.notna(), None).itertuples(index=False, name=None)
    ]


# ---------------------------------------------------------------- basics
def test_new_disappeared_changed_and_unchanged():
    june = connections(
        url_row("ann", "Ann Lee", "Acme", "Engineer"),
        url_row("bo", "Bo Ek", "Initech", "Analyst"),
        url_row("cy", "Cy Ng", "Globex", "CTO"),
        url_row("di", "Di Ray", "Hooli", "Designer"),
    )
    december = connections(
        url_row("ann", "Ann Lee", "Umbrella", "Engineer"),  # moved company
        url_row("cy", "Cy Ng", "Globex", "CEO"),  # promoted
        url_row("di", "Di Ray", "Hooli", "Designer"),  # unchanged
        url_row("ed", "Ed Fox", "Acme", "Sales", on="2025-10-02"),  # new
    )
    history = connection_history([(JUNE, june), (DECEMBER, december)])
    assert rows(history) == [
        ("ed", "Ed Fox", "new", None, None, JUNE, DECEMBER),
        ("bo", "Bo Ek", "disappeared", None, None, JUNE, DECEMBER),
        ("ann", "Ann Lee", "changed_company", "Acme", "Umbrella", JUNE, DECEMBER),
        ("cy", "Cy Ng", "changed_position", "CTO", "CEO", JUNE, DECEMBER),
    ]
    assert history.notes == (
        "1 connection disappeared between the exports of 2025-06-01 and 2025-12-01: each was removed, "
        "or closed or hid their account; the export cannot tell which.",
    )
    dtypes = history.changes.dtypes
    assert str(dtypes[S.SEEN_FROM]) == "datetime64[ns, UTC]" and str(dtypes[S.BEFORE]) == "string"


def test_company_and_position_change_at_once_give_two_rows_and_later_name_wins():
    june = connections(url_row("ann", "Ann Lee", "Acme", "Engineer"))
    december = connections(url_row("ann", "Ann Lee-Park", "Umbrella", "Lead Engineer"))
    assert rows(connection_history([(JUNE, june), (DECEMBER, december)])) == [
        ("ann", "Ann Lee-Park", "changed_company", "Acme", "Umbrella", JUNE, DECEMBER),
        ("ann", "Ann Lee-Park", "changed_position", "Engineer", "Lead Engineer", JUNE, DECEMBER),
    ]


def test_later_name_missing_falls_back_to_the_earlier_name():
    june = connections(url_row("ann", "Ann Lee", "Acme"))
    december = connections(("ann", None, "ann", "Umbrella", None, "2024-01-01"), url_row("bo", "Bo Ek", "Acme"))
    assert rows(connection_history([(JUNE, june), (DECEMBER, december)]))[1] == (
        "ann", "Ann Lee", "changed_company", "Acme", "Umbrella", JUNE, DECEMBER,
    )


def test_case_and_whitespace_only_edits_are_not_changes():
    june = connections(url_row("ann", "Ann Lee", "Acme  Corp", "Data Engineer"))
    december = connections(url_row("ann", "ANN LEE", " acme corp ", "data engineer\t"))
    history = connection_history([(JUNE, june), (DECEMBER, december)])
    assert rows(history) == [] and history.notes == ()


def test_a_value_appearing_or_vanishing_is_a_change_when_both_exports_record_the_column():
    june = connections(
        url_row("ann", "Ann Lee", None, "Engineer"),
        url_row("bo", "Bo Ek", "Initech", "Analyst"),
        url_row("cy", "Cy Ng", None, None),
    )
    december = connections(
        url_row("ann", "Ann Lee", "Acme", "Engineer"),
        url_row("bo", "Bo Ek", None, "Analyst"),
        url_row("cy", "Cy Ng", None, None),
    )
    assert rows(connection_history([(JUNE, june), (DECEMBER, december)])) == [
        ("ann", "Ann Lee", "changed_company", None, "Acme", JUNE, DECEMBER),
        ("bo", "Bo Ek", "changed_company", "Initech", None, JUNE, DECEMBER),
    ]


@pytest.mark.parametrize("how", ["dropped", "empty"])
def test_an_export_without_company_values_reports_no_company_changes(how):
    june = connections(url_row("ann", "Ann Lee", None, "Engineer"), url_row("bo", "Bo Ek", None, "Analyst"))
    if how == "dropped":
        june = june.drop(columns=[S.COMPANY])
    december = connections(url_row("ann", "Ann Lee", "Acme", "Lead"), url_row("bo", "Bo Ek", "Initech", "Analyst"))
    history = connection_history([(JUNE, june), (DECEMBER, december)])
    assert rows(history) == [("ann", "Ann Lee", "changed_position", "Engineer", "Lead", JUNE, DECEMBER)]
    assert history.notes == (
        "Changes of company between the exports of 2025-06-01 and 2025-12-01 are not reported: "
        "the export of 2025-06-01 records no company for any connection.",
    )


def test_three_exports_give_two_transitions_in_any_order():
    june = connections(url_row("ann", "Ann Lee", "Acme"), url_row("bo", "Bo Ek", "Initech"))
    december = connections(url_row("ann", "Ann Lee", "Umbrella"), url_row("cy", "Cy Ng", "Globex", on="2025-11-01"))
    march = connections(url_row("bo", "Bo Ek", "Initech"), url_row("cy", "Cy Ng", "Globex"))
    expected = [
        ("cy", "Cy Ng", "new", None, None, JUNE, DECEMBER),
        ("bo", "Bo Ek", "disappeared", None, None, JUNE, DECEMBER),
        ("ann", "Ann Lee", "changed_company", "Acme", "Umbrella", JUNE, DECEMBER),
        ("bo", "Bo Ek", "new", None, None, DECEMBER, MARCH),
        ("ann", "Ann Lee", "disappeared", None, None, DECEMBER, MARCH),
    ]
    snapshots = [(JUNE, june), (DECEMBER, december), (MARCH, march)]
    results = [connection_history(list(order)) for order in itertools.permutations(snapshots)]
    assert rows(results[0]) == expected
    for result in results[1:]:
        pd.testing.assert_frame_equal(result.changes, results[0].changes)
        assert result.notes == results[0].notes
    # Bo was connected in 2024, before the December export, yet missing from it.
    assert results[0].notes[-1] == (
        "1 connection new in the export of 2026-03-01 had been connected before the export of 2025-12-01 "
        "was made, yet missing from it: their profile was hidden then, or they were removed and connected again."
    )


def test_rows_sort_by_kind_then_name_then_id():
    june = connections(url_row("zed", "Zed A"), url_row("amy-2", "Amy B"), url_row("amy-1", "Amy B"))
    december = connections(url_row("yan", "Yan C", on="2025-07-01"), url_row("bob", "Bob D", on="2025-07-01"))
    assert [(r[0], r[2]) for r in rows(connection_history([(DECEMBER, december), (JUNE, june)]))] == [
        ("bob", "new"), ("yan", "new"), ("amy-1", "disappeared"), ("amy-2", "disappeared"), ("zed", "disappeared"),
    ]
    assert CHANGES == ("new", "disappeared", "changed_company", "changed_position")


def test_new_connections_made_before_the_earlier_export_are_counted_in_a_note():
    june = connections(url_row("ann", "Ann Lee"))
    december = connections(
        url_row("ann", "Ann Lee"),
        url_row("bo", "Bo Ek", on="2025-05-31"),  # before June: odd
        url_row("cy", "Cy Ng", on="2025-06-01"),  # the export's own day: could be after it was made
        url_row("di", "Di Ray", on="2024-02-02"),  # odd
        url_row("ed", "Ed Fox", on=None),  # no date: not counted
    )
    history = connection_history([(JUNE + pd.Timedelta(hours=23), june), (DECEMBER, december)])
    assert [r[2] for r in rows(history)] == ["new"] * 4
    assert history.notes == (
        "2 connections new in the export of 2025-12-01 had been connected before the export of 2025-06-01 "
        "was made, yet missing from it: their profile was hidden then, or they were removed and connected again.",
    )


def test_as_of_in_another_zone_is_reported_in_utc():
    june = connections(url_row("ann", "Ann Lee"))
    december = connections(url_row("bo", "Bo Ek", on="2025-07-01"))
    paris = pd.Timestamp("2025-06-01 01:30", tz="Europe/Paris")
    changes = connection_history([(paris, june), (DECEMBER, december)]).changes
    assert changes[S.SEEN_FROM].tolist() == [pd.Timestamp("2025-05-31 23:30", tz="UTC")] * 2


# ---------------------------------------------------------------- matching across the URL era boundary
def test_name_matching_across_a_url_and_a_no_url_export_is_one_to_one():
    # 2022-style export: no URLs; two different people called Sam Lee (the loader numbers the second).
    before = connections(
        name_row("Ann Lee", "Acme", "Engineer"),
        name_row("Sam Lee", "Gamma", "Analyst"),
        name_row("Sam Lee", "Delta", "Analyst", cid="name:sam lee#2"),
        name_row("Bo  EK", "Initech", "Analyst"),
        name_row("Cy Ng", "Globex", "CTO"),
    )
    after = connections(
        url_row("ann-lee-1", "Ann Lee", "Umbrella", "Engineer"),
        url_row("sam-lee-1", "Sam Lee", "Gamma", "Analyst"),
        url_row("bo-ek", "Bo Ek", "initech", "Analyst "),  # same person: name and company differ by case only
        url_row("di-ray", "Di Ray", "Hooli", "Designer", on="2024-03-01"),
    )
    history = connection_history([(pd.Timestamp("2022-09-12", tz="UTC"), before), (DECEMBER, after)])
    seen = pd.Timestamp("2022-09-12", tz="UTC")
    assert rows(history) == [
        ("di-ray", "Di Ray", "new", None, None, seen, DECEMBER),
        ("sam-lee-1", "Sam Lee", "new", None, None, seen, DECEMBER),
        ("name:cy ng", "Cy Ng", "disappeared", None, None, seen, DECEMBER),
        ("name:sam lee", "Sam Lee", "disappeared", None, None, seen, DECEMBER),
        ("name:sam lee#2", "Sam Lee", "disappeared", None, None, seen, DECEMBER),
        ("ann-lee-1", "Ann Lee", "changed_company", "Acme", "Umbrella", seen, DECEMBER),
    ]
    assert history.notes == (
        "2 connections matched by name between the exports of 2022-09-12 and 2025-12-01, for want of profile "
        "URLs (LinkedIn added them to Connections.csv in 2023); a name is a weaker key than a profile URL.",
        "2 connections of the export of 2022-09-12 and 1 of the export of 2025-12-01 share their name with "
        "another connection of the same export and have no profile URL to tell them apart: they were not "
        "matched, and are listed as disappeared and new.",
        "3 connections disappeared between the exports of 2022-09-12 and 2025-12-01: each was removed, or "
        "closed or hid their account; the export cannot tell which.",
    )


def test_a_name_shared_in_the_later_export_is_not_matched_either():
    before = connections(name_row("Sam Lee", "Gamma"))
    after = connections(url_row("sam-lee-1", "Sam Lee", "Gamma"), url_row("sam-lee-2", "Sam Lee", "Delta"))
    changes = rows(connection_history([(JUNE, before), (DECEMBER, after)]))
    assert [(r[0], r[2]) for r in changes] == [
        ("sam-lee-1", "new"), ("sam-lee-2", "new"), ("name:sam lee", "disappeared"),
    ]


def test_two_exports_without_urls_match_by_name():
    before = connections(name_row("Ann Lee", "Acme"), name_row("Bo Ek", "Initech"))
    after = connections(name_row("ann lee", "Umbrella"), name_row("Cy Ng", "Globex"))
    history = connection_history([(JUNE, before), (DECEMBER, after)])
    assert [(r[0], r[2], r[3], r[4]) for r in rows(history)] == [
        ("name:cy ng", "new", None, None),
        ("name:bo ek", "disappeared", None, None),
        ("name:ann lee", "changed_company", "Acme", "Umbrella"),
    ]
    assert history.notes[0].startswith("1 connection matched by name between the exports of 2025-06-01")


def test_two_url_exports_never_match_by_name():
    # A changed profile slug: the export cannot tell it from one person leaving and a namesake arriving.
    june = connections(url_row("ann-lee", "Ann Lee", "Acme"))
    december = connections(url_row("ann-lee-42", "Ann Lee", "Acme", on="2025-07-01"))
    history = connection_history([(JUNE, june), (DECEMBER, december)])
    assert [(r[0], r[2]) for r in rows(history)] == [("ann-lee-42", "new"), ("ann-lee", "disappeared")]
    assert not any("matched by name" in note for note in history.notes)


def test_invisible_characters_do_not_break_a_name_match_and_markup_stays_text():
    before = connections(name_row("Ann\u200b Lee\u202e", "Acme"), name_row("<img src=x onerror=alert(1)>", "X"))
    after = connections(url_row("ann", "Ann Lee", "Acme"), url_row("img", "<img src=x onerror=alert(1)>", "Y"))
    history = connection_history([(JUNE, before), (DECEMBER, after)])
    assert rows(history) == [("img", "<img src=x onerror=alert(1)>", "changed_company", "X", "Y", JUNE, DECEMBER)]


# ---------------------------------------------------------------- inputs
def test_inputs_are_not_mutated():
    june = connections(url_row("ann", "Ann Lee", "Acme"), url_row("bo", "Bo Ek"))
    december = connections(url_row("ann", "Ann Lee", "Umbrella"))
    copies = (june.copy(), december.copy())
    snapshots = [(DECEMBER, december), (JUNE, june)]
    connection_history(snapshots)
    pd.testing.assert_frame_equal(june, copies[0])
    pd.testing.assert_frame_equal(december, copies[1])
    assert snapshots[0][0] == DECEMBER


def test_an_export_with_no_connections_makes_everyone_new_or_disappeared():
    june = connections()
    december = connections(url_row("ann", "Ann Lee", "Acme", on="2025-07-01"))
    assert [r[2] for r in rows(connection_history([(JUNE, june), (DECEMBER, december)]))] == ["new"]
    assert [r[2] for r in rows(connection_history([(JUNE, december), (DECEMBER, june)]))] == ["disappeared"]


def test_same_as_of_is_an_error():
    june = connections(url_row("ann", "Ann Lee"))
    with pytest.raises(ParameterError, match="snapshots 1 and 3 have the same export date"):
        connection_history([(JUNE, june), (DECEMBER, june), (JUNE.tz_convert("Asia/Tokyo"), june)])


@pytest.mark.parametrize(
    "snapshots, message",
    [
        ([], "0 export\\(s\\) given; a history needs at least 2"),
        ([(JUNE, None)], "1 export\\(s\\) given"),
        ("not a list", "not a sequence"),
        ([(JUNE, "x"), (DECEMBER, "y")], "snapshot 1: the connections are not a DataFrame"),
        ([JUNE, DECEMBER], "snapshot 1 is not an \\(as_of, connections\\) pair"),
        ([("2025-06-01", None), (DECEMBER, None)], "snapshot 1: the export date is not a timestamp"),
        ([(pd.NaT, None), (DECEMBER, None)], "snapshot 1: the export date is not a timestamp"),
        ([(pd.Timestamp("2025-06-01"), None), (DECEMBER, None)], "snapshot 1: the export date has no time zone"),
    ],
)
def test_bad_arguments_are_parameter_errors(snapshots, message):
    with pytest.raises(ParameterError, match=message):
        connection_history(snapshots)


def test_bad_tables_are_parameter_errors_that_quote_no_cell_value():
    good = connections(url_row("ann", "Ann Lee"))
    secret = connections(url_row("secret-slug", "Secret Person"), url_row("secret-slug", "Secret Person"))
    cases = [
        (good.drop(columns=[S.PROFILE_URL]), "snapshot 2: the connections table lacks the columns \\['profile_url'\\]"),
        (secret, "snapshot 2: 1 contact ids occur more than once"),
        (good.assign(**{S.CONTACT_ID: pd.array([None], dtype="string")}), "snapshot 2: 1 connections have no contact id"),
        (connections(url_row("secret-slug", "Secret Person"), platform=S.FACEBOOK), "snapshot 2: 1 connections are not from LinkedIn"),
        (
            good.astype({S.CONNECTED_ON: object}).assign(**{S.CONNECTED_ON: ["secret date"]}),
            "snapshot 2: the column connected_on does not hold values of type datetime64",
        ),
        (
            good.assign(**{S.CONNECTED_ON: pd.Series([pd.Timestamp("2024-01-01", tz="UTC")])}),
            "snapshot 2: the column connected_on does not hold values of type datetime64",
        ),
    ]
    for table, message in cases:
        with pytest.raises(ParameterError, match=message) as caught:
            connection_history([(JUNE, good), (DECEMBER, table)])
        assert "secret" not in str(caught.value).casefold()
        assert "Fix:" in str(caught.value)


# ---------------------------------------------------------------- property: the set model
PEOPLE = [(f"p{i}", f"Person {i}") for i in range(8)]
companies = st.sampled_from([None, "Acme", "acme ", "Globex", "Initech"])
snapshot = st.dictionaries(st.sampled_from(range(len(PEOPLE))), st.tuples(companies, companies), max_size=len(PEOPLE))


def _fold(value):
    return None if value is None else " ".join(value.split()).casefold()


@settings(max_examples=60, deadline=None)
@given(earlier=snapshot, later=snapshot)
def test_changes_agree_with_a_set_model(earlier, later):
    def table(people):
        return connections(*(url_row(PEOPLE[i][0], PEOPLE[i][1], c, p) for i, (c, p) in people.items()))

    history = connection_history([(DECEMBER, table(later)), (JUNE, table(earlier))])
    got = {(r[0], r[2], r[3], r[4]) for r in rows(history)}
    assert len(got) == len(history.changes)
    expected = {(PEOPLE[i][0], "new", None, None) for i in later.keys() - earlier.keys()}
    expected |= {(PEOPLE[i][0], "disappeared", None, None) for i in earlier.keys() - later.keys()}
    recorded = [
        all(any(v[k] is not None for v in side.values()) for side in (earlier, later)) for k in (0, 1)
    ]
    for i in earlier.keys() & later.keys():
        for k, change in enumerate(("changed_company", "changed_position")):
            before, after = earlier[i][k], later[i][k]
            if recorded[k] and _fold(before) != _fold(after):
                expected.add((PEOPLE[i][0], change, before and before.strip(), after and after.strip()))
    assert got == expected


# ---------------------------------------------------------------- end to end: exports on disk, loaded by netstats
def test_two_real_exports_loaded_from_disk(tmp_path):
    ann = Person("Ann", "Lee", "ann-lee", "Acme", "Engineer")
    bo = Person("Bo", "Ek", "bo-ek", "Initech", "Analyst")
    cy = Person("Cy", "Ng", "cy-ng", "Globex", "CTO")
    di = Person("Di", "Ray", "di-ray", "Hooli", "Designer")
    first = load(
        write_export(
            tmp_path,
            connections=[connection(ann, "2024-01-02"), connection(bo, "2023-05-06"), connection(cy, "2022-01-01")],
            exported_on="2025-06-01",
        )
    )
    moved = Person("Ann", "Lee", "ann-lee", "Umbrella", "engineer")
    promoted = Person("Cy", "Ng", "cy-ng", " globex", "CEO")
    second = load(
        write_export(
            tmp_path,
            connections=[connection(di, "2025-09-10"), connection(moved, "2024-01-02"), connection(promoted, "2022-01-01")],
            exported_on="2026-01-15",
        )
    )
    history = connection_history([(second.as_of, second.connections), (first.as_of, first.connections)])
    start, end = first.as_of, second.as_of
    assert (start, end) == (pd.Timestamp("2025-06-01 23:59:59", tz="UTC"), pd.Timestamp("2026-01-15 23:59:59", tz="UTC"))
    assert rows(history) == [
        ("di-ray", "Di Ray", "new", None, None, start, end),
        ("bo-ek", "Bo Ek", "disappeared", None, None, start, end),
        ("ann-lee", "Ann Lee", "changed_company", "Acme", "Umbrella", start, end),
        ("cy-ng", "Cy Ng", "changed_position", "CTO", "CEO", start, end),
    ]
    assert len(history.notes) == 1 and history.notes[0].startswith("1 connection disappeared")


def test_a_2022_export_and_a_2025_export_loaded_from_disk(tmp_path):
    # The 2022 Connections.csv: preamble, no URL column, a hidden-profile row, two connections named Sam Lee.
    old = write_export(tmp_path, exported_on="2022-09-12")
    (old / "Connections.csv").write_text(
        PREAMBLE
        + "First Name,Last Name,Email Address,Company,Position,Connected On\n"
        + ",,,,,12 Jul 2022\n"
        + "Ann ,Lee,,Acme, Engineer,09 Sep 2022\n"
        + "Sam,Lee,,Gamma,Analyst,08 Sep 2022\n"
        + "Sam,Lee,,Delta,Analyst,01 Jan 2021\n"
        + "Bo,Ek,,Initech,Analyst,05 Mar 2018",
        encoding="utf-8",
    )
    new = write_export(
        tmp_path,
        connections=[
            connection(Person("Ann", "Lee", "ann-lee", "Acme", "Lead Engineer"), "2022-09-09"),
            connection(Person("Sam", "Lee", "sam-lee-1", "Gamma", "Analyst"), "2022-09-08"),
            connection(Person("Eve", "Moss", "eve-moss", "Hooli", "Designer"), "2024-04-04"),
        ],
        exported_on="2025-08-26",
    )
    before, after = load(old), load(new)
    assert before.connections[S.CONTACT_ID].tolist() == ["name:ann lee", "name:sam lee", "name:sam lee#2", "name:bo ek"]
    history = connection_history([(before.as_of, before.connections), (after.as_of, after.connections)])
    start, end = before.as_of, after.as_of
    assert rows(history) == [
        ("eve-moss", "Eve Moss", "new", None, None, start, end),
        ("sam-lee-1", "Sam Lee", "new", None, None, start, end),
        ("name:bo ek", "Bo Ek", "disappeared", None, None, start, end),
        ("name:sam lee", "Sam Lee", "disappeared", None, None, start, end),
        ("name:sam lee#2", "Sam Lee", "disappeared", None, None, start, end),
        ("ann-lee", "Ann Lee", "changed_position", "Engineer", "Lead Engineer", start, end),
    ]
    assert [note.split(" between")[0].split(" of the")[0].split(" in the")[0] for note in history.notes] == [
        "1 connection matched by name",
        "2 connections",
        "3 connections disappeared",
        "1 connection new",  # Sam Lee (sam-lee-1): connected in 2022, left unmatched as a shared name
    ]
