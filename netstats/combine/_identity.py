"""One person across platforms: :func:`resolve_identities` links each platform's records of a person.

Every platform reader returns ``Part.people``: one row per person id it saw,
with the keys that can identify them (``PEOPLE_COLUMNS``).  This module decides
which of those records are one person, gives each person one combined
``contact_id`` and explains every link.  **False merges are worse than missed
ones**: a missed link leaves two contacts the user can join with one line of
``links.csv``; a false merge silently mixes two people's conversations.  So
every rule below prefers a suggestion (``Resolution.suggestions``) to a doubtful
merge.

The steps, in order
-------------------
0. **Fixed groups.** The owners of all parts are one person (the account
   owner).  ``links.csv`` lines with decision ``same`` join two records
   whatever their keys say; ``never`` lines forbid a merge whatever the keys
   say (a group that would hold both records is not formed, see 2).
1. **Exact keys**, one kind at a time from the strongest: profile URL, e-mail,
   phone, then handle (only within one platform).  Keys are compared in the
   normalised forms of :mod:`netstats._text` (a LinkedIn profile URL by its
   slug, so ``linkedin.com/in/ann`` is ``www.linkedin.com/in/ann``); the ids
   carry keys too (``email:<address>``, ``whatsapp:<phone>``); a phone written in national form
   (``07700 900123``) is read as the one international number in the data that
   ends with the same digits (``+44 7700 900123``), when exactly one does.
   Records sharing a key are joined (connected components of the key graph).
2. **Guards.**

   * *A key is an identity key only when its carriers agree*: no two records
     of one account platform (LinkedIn, Facebook, Instagram, X: one person has
     one profile there), no two different names on one platform (two address
     book cards ``Ann Lee`` and ``Ann Lee-Berg`` with one home number), no
     two names that cannot be one person's, and at most
     :data:`MAX_CARRIERS_COMPARED` carriers.  Two names can be one person's
     when every word of one matches a word of the other, itself or by
     beginning it (3 letters or more), accents and punctuation ignored:
     ``Ann Lee`` / ``Lee, Ann`` / ``Ann-Marie Lee`` / ``Ann`` / ``Alex Novak``
     / ``Alexander Novak`` can; ``Bo Brown`` / ``Wen Brown`` or ``Mum`` /
     ``Dad`` (a household line), an office switchboard or ``info@`` address
     on ``Ann Lee``, ``Raj Patel`` and ``Tom Berg`` cannot, nor can ``Bob
     Smith`` / ``Robert Smith`` or ``Mum`` / ``Ann Lee`` (a nickname is
     missed rather than a household merged).  Names without a letter (a
     phone number shown as a name) do not count.  Keys that fail are
     not used; the pairs of their carriers (up to
     :data:`MAX_CARRIERS_SUGGESTED` carriers per key) are suggested.
   * *A step never makes a group inconsistent*: at each key kind, the
     components that would give one person records from two groups on one
     account platform, join a ``never`` pair, or touch a record frozen by an
     earlier conflict are **not merged at that step, and their records are
     frozen** (they keep the groups the stronger keys gave them; later steps
     merge nothing into them).  That is the cut-back to the strongest
     consistent merges: a conflict found on phones keeps every profile URL and
     e-mail link made before it and suggests the phone links instead.  Freezing
     whole components makes the result monotone: adding a ``never`` line can
     only undo merges, never create one.
3. **Names** (:func:`netstats._text.name_key`) link two records of different
   platforms only when all of these hold:

   * the name has two words or more (except for WhatsApp saved names, below)
     and occurs on exactly one record of each platform that has it (so also at
     most once among the account platforms);
   * merging keeps every guard of step 2 (the check runs on the components of
     *all* same-name pairs, corroborated or not, so an ambiguous chain blocks
     the merge);
   * a **corroborating signal** that tells two namesakes apart — the name
     alone never suffices:

     - *the same organisation*: a company or the domain of a work e-mail
       address of one person's records equals one of the other's (``Acme Corp``
       on LinkedIn, ``ann@acme.example`` in the address book).  Free-mail
       domains and ``self-employed``-like companies are not organisations;
     - *the same distinctive user name*: a handle or e-mail local part that is
       not just the name's words (``annlee_83`` is distinctive, ``ann.lee`` is
       not: every Ann Lee may use it);
     - *a WhatsApp saved name*: WhatsApp shows a contact under the name saved
       in the owner's address book (an unsaved one under the number), so a
       ``whatsapp:name:`` record and the one card of that name (among all
       Google Contacts and vCard cards) are one entry of the owner's phone.  This holds for one-word
       names too (``Mum``), the only place a one-word name can link.  It
       assumes the address book loaded is the phone's, as Google Contacts and
       iCloud vCards are.

     Considered and rejected, because they do not tell two namesakes apart:
     an e-mail local part equal to the name (``ann.lee@...``: every Ann Lee
     may use it), and "the name is confirmed on both sides" (each record
     already joined by exact keys to another record of that name): on a
     seeded synthetic population it made the only false merges, joining two
     different people who each had two records under one common name.

   Same-name pairs that are not merged become suggestions with a score.

The combined ``contact_id`` of a group is the id of its record from the first
platform in ``PLATFORMS_ORDER`` (ties: the smallest id); the owner's group takes
the owner id of the first platform.  A LinkedIn-only export therefore keeps its
ids, each mapped to itself.

Suggestion scores (best first): 0.7 an exact key cut by a guard, 0.65 a
corroborated name blocked by a guard, 0.6 a key shared by records with
different names or accounts, 0.5 the same unique name and nothing else in
common, 0.25 a name carried by several records of one platform.  A pair is
suggested once, with its best reason; pairs the user decided ``never``, and
pairs with nothing but a name in common whose one side already has another
account on the other side's platform, are not suggested.

Everything is computed on tables: keys are exploded and grouped, components come
from :func:`scipy.sparse.csgraph.connected_components`, and the name step is a
merge on the name key; no Python loop runs over people or pairs.
"""

from __future__ import annotations

import csv
import io
import os
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from .. import schema as S
from .._errors import ExportFormatError, NotAnExportError, ParameterError
from .._export import Owner
from .._text import (
    contact_id_for,
    contact_ids,
    name_keys,
    normalise_email,
    normalise_phone,
    normalise_profile_url,
    normalise_profile_urls,
)
from ..sources._archive import SourceFile
from ..sources._decode import decode_text

# ---------------------------------------------------------------- vocabulary
# One person has at most one profile on each of these platforms.
ACCOUNT_PLATFORMS = (S.LINKEDIN, S.FACEBOOK, S.INSTAGRAM, S.X)
# Values of LINKS_COLUMNS' matched_by, from the strongest reason to the weakest.
BY_ITSELF = "itself"
BY_OWNER = "owner"
BY_LINKS = "links.csv"
BY_PROFILE_URL = "profile_url"
BY_EMAIL = "email"
BY_PHONE = "phone"
BY_HANDLE = "handle"
BY_NAME = "name"
_EXACT_KINDS = (BY_PROFILE_URL, BY_EMAIL, BY_PHONE, BY_HANDLE)
_STRENGTH = {BY_OWNER: 0, BY_LINKS: 1, BY_PROFILE_URL: 2, BY_EMAIL: 3, BY_PHONE: 4, BY_HANDLE: 5, BY_NAME: 6}
_KIND_WORDS = {BY_PROFILE_URL: "profile URL", BY_EMAIL: "e-mail", BY_PHONE: "phone", BY_HANDLE: "handle"}

SCORE_KEY_CUT = 0.7
SCORE_NAME_BLOCKED = 0.65
SCORE_SHARED_KEY = 0.6
SCORE_NAME_ONLY = 0.5
SCORE_NAME_AMBIGUOUS = 0.25
# A key or name carried by more records than this is a switchboard or a placeholder:
# its pairs are not suggested one by one.
MAX_CARRIERS_SUGGESTED = 6
# One person's key sits on a handful of records (one per platform, a few cards); more is a shared line.
MAX_CARRIERS_COMPARED = 12
_LONGEST_WORD = 40
_CONTROL = re.compile("[\x00-\x1f\x7f]")
# A links.csv is written by hand: anything larger is not one.
LINKS_FILE_MAX_BYTES = 5_000_000

# Mail domains anyone can use: they say nothing about where a person works.
_FREE_MAIL = frozenset(
    "gmail googlemail yahoo ymail rocketmail hotmail outlook live msn icloud me mac aol gmx web proton "
    "protonmail pm mail email yandex zoho fastmail hey tutanota tuta posteo mailbox t-online freenet orange "
    "free laposte sfr wanadoo libero virgilio tiscali btinternet sky virginmedia comcast verizon att "
    "sbcglobal bellsouth shaw rogers qq 163 126 sina naver hanmail daum rediffmail seznam wp onet o2 "
    "interia bluewin hushmail inbox example".split()
)
# Second-level labels under which registrable names sit (acme.co.uk, acme.com.au).
_SECOND_LEVEL = frozenset("co com org net ac gov edu ne or go gob nic".split())
# Words of a company name that are its legal form, not its name.
_LEGAL_FORMS = frozenset(
    "inc incorporated ltd limited llc llp lp plc corp corporation co company gmbh ag kg ohg ug mbh sa sas "
    "sarl srl spa bv nv ab oy oyj as asa aps pty pte kk the".split()
)
# "Companies" that many unrelated people share.
_NO_ORGANISATION = frozenset(
    "selfemployed freelance freelancer independent independentconsultant retired student unemployed "
    "none na null confidential stealth stealthstartup private".split()
)


@dataclass(frozen=True)
class Resolution:
    """The result of :func:`resolve_identities`.

    Attributes
    ----------
    ids : pandas.Series
        Index: every platform id given (people and owners), sorted; value: the
        combined ``contact_id`` of the person.
    links : pandas.DataFrame
        ``LINKS_COLUMNS``, one row per platform id: its platform, combined
        ``contact_id``, name, ``matched_by`` (``'itself'``, ``'owner'``,
        ``'links.csv'``, ``'profile_url'``, ``'email'``, ``'phone'``,
        ``'handle'``, ``'name'``) and ``evidence`` (the key, in words).
    suggestions : pandas.DataFrame
        ``LINK_SUGGESTIONS_COLUMNS``: pairs of platform ids worth a look that
        were *not* merged, best first; confirm one with a ``same`` line in
        ``links.csv``.
    owner_id : str or None
        The combined owner id (the owner id of the first platform in
        ``PLATFORMS_ORDER``), None without owners.
    notes : tuple of str
        Facts the user should know (ignored ``links.csv`` lines, shared keys ...).
    """

    ids: pd.Series
    links: pd.DataFrame
    suggestions: pd.DataFrame
    owner_id: str | None
    notes: tuple[str, ...] = ()


# ---------------------------------------------------------------- links.csv
def read_links(path: str | os.PathLike) -> pd.DataFrame:
    """Read the user's ``links.csv``: decisions that override identity resolution.

    The file is UTF-8 CSV with the header ``platform_id,other_id,decision`` and
    one line per decision: ``same`` (the two ids are one person) or ``never``
    (they are two people, whatever their keys say).  Blank lines and lines
    starting with ``#`` are skipped.

    Parameters
    ----------
    path : str or os.PathLike

    Returns
    -------
    pandas.DataFrame
        Columns ``platform_id``, ``other_id``, ``decision`` and ``line`` (the
        1-based line of the decision in the file).

    Raises
    ------
    NotAnExportError
        The file does not exist.
    ExportFormatError
        The file is not such a CSV (file, line, what was expected, how to fix it).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "links.csv").write_text(
    ...     "platform_id,other_id,decision\\nann-lee,whatsapp:+447700900123,same\\n")
    >>> read_links(folder / "links.csv").to_dict("records")
    [{'platform_id': 'ann-lee', 'other_id': 'whatsapp:+447700900123', 'decision': 'same', 'line': 2}]
    """
    name = os.fspath(path)
    shown = os.path.basename(name) or name
    text = decode_text(
        SourceFile("links", shown, _links_bytes(name, shown)),
        None,
        expected="UTF-8 CSV",
        fix="save it as UTF-8 CSV",
    )
    frame = pd.DataFrame(_links_rows(text, shown), columns=[*S.LINKS_FILE_COLUMNS, S.LINE])
    decisions = _check_decisions(frame, shown)
    return S.conform(decisions, (*S.LINKS_FILE_COLUMNS, S.LINE))


_LINKS_FIX = "write one decision per line under the header platform_id,other_id,decision"


def _links_bytes(name: str, shown: str) -> bytes:
    """The bytes of the links file; refused when missing, a folder, or larger than a hand-written file."""
    try:
        size = os.path.getsize(name)
        if size > LINKS_FILE_MAX_BYTES:
            raise ExportFormatError(
                f"the links file is {size:,} bytes, more than a hand-written file holds",
                file=shown,
                expected=f"at most {LINKS_FILE_MAX_BYTES:,} bytes",
                fix="check that this is the links.csv you wrote",
            )
        with open(name, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        raise NotAnExportError(
            "the links file does not exist", file=shown, fix="check the path, or leave the links file out"
        ) from None
    except IsADirectoryError:
        raise NotAnExportError(
            "the links path is a folder", file=shown, fix="give the path of the links.csv file"
        ) from None


def _links_rows(text: str, shown: str) -> list[tuple[str, str, str, int]]:
    """The decisions of the links file's text: (platform_id, other_id, decision, line), after its header."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[tuple[str, str, str, int]] = []
    header_seen = False
    start = 1
    try:
        for cells in reader:
            line, start = start, reader.line_num + 1
            cells = [cell.strip() for cell in cells]
            while cells and not cells[-1]:
                cells.pop()  # spreadsheets add empty trailing cells
            if not cells or cells[0].startswith("#"):
                continue
            if any(_CONTROL.search(cell) for cell in cells):
                raise ExportFormatError(
                    "a cell holds a control character",
                    file=shown,
                    line=line,
                    expected="printable ids",
                    fix=_LINKS_FIX,
                )
            if header_seen:
                rows.append(_decision(cells, shown, line))
                continue
            if [cell.casefold() for cell in cells] != list(S.LINKS_FILE_COLUMNS):
                raise ExportFormatError(
                    "the links file does not start with its header",
                    file=shown,
                    line=line,
                    expected="the header platform_id,other_id,decision",
                    fix="add the header line platform_id,other_id,decision at the top",
                )
            header_seen = True
    except csv.Error as error:
        raise ExportFormatError(
            f"the links file is not valid CSV ({error})",
            file=shown,
            line=reader.line_num,
            expected="CSV",
            fix=_LINKS_FIX,
        ) from None
    if not header_seen:
        raise ExportFormatError(
            "the links file is empty",
            file=shown,
            line=1,
            expected="the header platform_id,other_id,decision",
            fix="add the header line, or leave the links file out",
        )
    return rows


def _decision(cells: list[str], shown: str, line: int) -> tuple[str, str, str, int]:
    """One decision line checked: two different ids and ``same`` or ``never``."""
    if len(cells) != 3 or not cells[0] or not cells[1]:
        raise ExportFormatError(
            f"a decision has {len(cells)} cell(s) or an empty id",
            file=shown,
            line=line,
            expected="three cells: two ids and same or never",
            fix=_LINKS_FIX,
        )
    decision = cells[2].casefold()
    if decision not in (S.LINK_SAME, S.LINK_NEVER):
        raise ExportFormatError(
            "unknown decision", file=shown, line=line, expected="same or never", fix=_LINKS_FIX
        )
    if cells[0] == cells[1]:
        raise ExportFormatError(
            "a decision links an id to itself",
            file=shown,
            line=line,
            expected="two different ids",
            fix=_LINKS_FIX,
        )
    return cells[0], cells[1], decision, line


def _check_decisions(frame: pd.DataFrame, file: str) -> pd.DataFrame:
    """Refuse a pair decided both ``same`` and ``never``; keep the first line of repeated decisions."""
    first, second = frame[S.PLATFORM_ID], frame[S.OTHER_ID]
    pair = first.where(first < second, second) + "\x1f" + second.where(first < second, first)
    kinds = frame.assign(_pair=pair).groupby("_pair", sort=False)[S.DECISION].transform("nunique")
    if (kinds > 1).any():
        # the first line that decides an already decided pair the other way
        line = int(frame.loc[(kinds > 1) & pair.duplicated(), S.LINE].iloc[0])
        raise ExportFormatError(
            "one pair of ids is decided both same and never",
            file=file,
            line=line,
            expected="one decision per pair",
            fix="delete the line that is wrong",
        )
    return frame.loc[~pair.duplicated()].reset_index(drop=True)


def _links_table(links: str | os.PathLike | pd.DataFrame | None) -> tuple[pd.DataFrame, str]:
    """The user's decisions as a table with a line column, and the name to cite in notes."""
    columns = (*S.LINKS_FILE_COLUMNS, S.LINE)
    if links is None:
        return S.empty_frame(columns), "links.csv"
    if not isinstance(links, pd.DataFrame):
        return read_links(links), os.path.basename(os.fspath(links))
    missing = [c for c in S.LINKS_FILE_COLUMNS if c not in links.columns]
    if missing:
        raise ParameterError(
            f"the links table lacks the column(s) {', '.join(missing)}",
            expected="columns platform_id, other_id, decision",
            fix="pass read_links(path) or a table with those columns",
        )
    frame = links.loc[:, list(S.LINKS_FILE_COLUMNS)].astype("string").apply(lambda c: c.str.strip())
    frame[S.DECISION] = frame[S.DECISION].str.casefold()
    bad = frame.isna().any(axis=1) | ~frame[S.DECISION].isin([S.LINK_SAME, S.LINK_NEVER])
    bad |= frame[S.PLATFORM_ID] == frame[S.OTHER_ID]
    if bad.any():
        raise ParameterError(
            f"links table row {int(np.flatnonzero(bad.to_numpy())[0]) + 1} is not a decision",
            expected="two different ids and the decision same or never",
            fix="correct or remove that row",
        )
    line = links[S.LINE].astype("int64") if S.LINE in links.columns else pd.Series(np.arange(len(frame)) + 2)
    frame[S.LINE] = line.to_numpy()
    return S.conform(_check_decisions(frame.reset_index(drop=True), "links table"), columns), "links table"


# ---------------------------------------------------------------- records and keys
def _platform_of(ids: pd.Series) -> pd.Series:
    """The platform a contact id belongs to, from its prefix (LinkedIn ids have none)."""
    prefix = ids.str.extract(r"^([a-z_]+):", expand=False)
    return prefix.where(prefix.isin(list(S.PLATFORM_ID_PREFIX)), S.LINKEDIN).astype("string")


def _checked_people(people: pd.DataFrame) -> pd.DataFrame:
    """The id, platform, name, handle and company columns of a people table, refused unless it is one."""
    if not isinstance(people, pd.DataFrame):
        raise ParameterError(
            "people is not a DataFrame", expected="a PEOPLE_COLUMNS table", fix="pass Part.people"
        )
    missing = [c for c in S.PEOPLE_COLUMNS if c not in people.columns]
    if missing:
        raise ParameterError(
            f"the people table lacks the column(s) {', '.join(missing)}",
            expected="the columns of PEOPLE_COLUMNS",
            fix="pass the people tables the platform readers return",
        )
    table = people.loc[:, [S.CONTACT_ID, S.PLATFORM, S.NAME, S.HANDLE, S.COMPANY]].astype("string")
    if table[S.CONTACT_ID].isna().any():
        raise ParameterError(
            f"{int(table[S.CONTACT_ID].isna().sum())} people row(s) have no contact_id",
            expected="a platform id on every row",
            fix="drop those rows before resolving identities",
        )
    unknown = ~table[S.PLATFORM].isin(list(S.PLATFORMS_ORDER))
    if unknown.any():
        raise ParameterError(
            f"{int(unknown.sum())} people row(s) have an unknown platform",
            expected=f"one of {', '.join(S.PLATFORMS_ORDER)}",
            fix="set the platform column from the reader that produced the row",
        )
    return table


def _records(people: pd.DataFrame, owners: Sequence[Owner]) -> pd.DataFrame:
    """One row per platform id (people and owners), sorted by id: the nodes of the identity graph."""
    table = _checked_people(people)
    owner_rows = pd.DataFrame(
        {
            S.CONTACT_ID: [o.contact_id for o in owners if o.contact_id],
            S.NAME: [o.name for o in owners if o.contact_id],
            "found_by": [o.found_by for o in owners if o.contact_id],
        },
        dtype="string",
    )
    owner_rows[S.PLATFORM] = _platform_of(owner_rows[S.CONTACT_ID])
    owner_rows["is_owner"] = True
    table["is_owner"] = False
    both = pd.concat([owner_rows, table], ignore_index=True)
    both = both.sort_values(
        [S.CONTACT_ID, "is_owner", S.NAME, S.COMPANY, S.HANDLE], ascending=[True, False, True, True, True]
    )
    platforms = both.groupby(S.CONTACT_ID, sort=False)[S.PLATFORM].nunique()
    if (platforms > 1).any():
        raise ParameterError(
            f"{int((platforms > 1).sum())} id(s) appear with two platforms",
            expected="platform ids unique across platforms (see PLATFORM_ID_PREFIX)",
            fix="prefix every non-LinkedIn id with its platform",
        )
    # One id is one record: repeated rows (two exports of one account) pool their values.
    nodes = both.groupby(S.CONTACT_ID, sort=True).agg(
        {
            S.PLATFORM: "first",
            S.NAME: "first",
            S.HANDLE: "first",
            S.COMPANY: "first",
            "is_owner": "any",
            "found_by": "first",
        }
    )
    nodes = nodes.reset_index()
    nodes["key"] = name_keys(nodes[S.NAME])
    # A "name" without a letter is a phone number or a placeholder (WhatsApp shows unsaved numbers so).
    nodes["key"] = nodes["key"].where(nodes["key"].str.contains(r"[^\W\d_]", regex=True), pd.NA)
    nodes["rank"] = nodes[S.PLATFORM].map({p: i for i, p in enumerate(S.PLATFORMS_ORDER)}).astype("int64")
    nodes["account"] = nodes[S.PLATFORM].isin(list(ACCOUNT_PLATFORMS)).to_numpy()
    nodes["words"] = nodes["key"].str.count(" ").fillna(-1).astype("int64") + 1
    # WhatsApp shows a saved contact under the name the owner's address book gives it (else the number).
    nodes["saved_name"] = (
        (nodes[S.PLATFORM] == S.WHATSAPP)
        & nodes[S.CONTACT_ID].str.startswith(S.PLATFORM_ID_PREFIX[S.WHATSAPP] + "name:")
    ).to_numpy(dtype=bool)
    nodes["book"] = nodes[S.PLATFORM].isin([S.GOOGLE_CONTACTS, S.VCARD]).to_numpy(dtype=bool)
    return nodes


def _fold_text(text: str) -> str:
    """Accent-free, punctuation-free lowercase words of ``text``."""
    letters = "".join(
        c if c.isalnum() else " " for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
    )
    return " ".join(letters.casefold().split())


def _fold(values: pd.Series) -> pd.Series:
    """:func:`_fold_text` of a column, computed once per distinct value."""
    return _normalised(values, _fold_text)


def _name_words(nodes: pd.DataFrame) -> pd.DataFrame:
    """(node, word) for every named record: its words of 2+ letters, accents ignored."""
    named = nodes.index[nodes["words"] >= 1]
    words = _fold(nodes.loc[named, "key"]).str.split().explode().dropna()
    words = words[words.str.len() >= 2]
    return pd.DataFrame({"node": words.index.to_numpy(), "word": words.to_numpy()}).drop_duplicates()


def _explode(people: pd.DataFrame, column: str) -> pd.DataFrame:
    """(contact_id, value) for every element of a list column."""
    values = people[column]
    if isinstance(values.dtype, pd.ArrowDtype) or values.dtype == object:
        flat = values.explode()
    else:
        flat = values
    flat = flat.astype("string")
    ids = people[S.CONTACT_ID].astype("string").reindex(flat.index)
    out = pd.DataFrame({S.CONTACT_ID: ids.to_numpy(), "value": flat.to_numpy()}).dropna()
    return out


def _normalised(values: pd.Series, function) -> pd.Series:
    """``function`` applied once per distinct value."""
    distinct = values.dropna().unique()
    return values.map({v: function(v) for v in distinct}).astype("string")


def _keys(
    people: pd.DataFrame, nodes: pd.DataFrame, owners: Sequence[Owner], owner_keys: Sequence[str]
) -> pd.DataFrame:
    """Every identity key of every record: (node, kind, value, shown, key), ``key`` being ``kind:value``."""
    node_of = pd.Series(np.arange(len(nodes)), index=pd.Index(nodes[S.CONTACT_ID]))
    ids = nodes[S.CONTACT_ID]
    parts: list[tuple[str, object, object, object]] = []

    def add(kind: str, contact_ids, values, shown=None) -> None:
        parts.append(
            (
                kind,
                np.asarray(contact_ids, dtype=object),
                np.asarray(values, dtype=object),
                np.asarray(values if shown is None else shown, dtype=object),
            )
        )

    urls = people[[S.CONTACT_ID, S.PROFILE_URL]].dropna()
    normal_urls = normalise_profile_urls(urls[S.PROFILE_URL].astype("string"))
    # A LinkedIn profile is compared by its slug (www. or not, any country prefix); other URLs whole.
    add(BY_PROFILE_URL, urls[S.CONTACT_ID], contact_ids(normal_urls), normal_urls)
    emails = _explode(people, S.EMAILS)
    add(BY_EMAIL, emails[S.CONTACT_ID], _normalised(emails["value"], normalise_email))
    phones = _explode(people, S.PHONES)
    add(BY_PHONE, phones[S.CONTACT_ID], _normalised(phones["value"], normalise_phone))
    handles = people[[S.CONTACT_ID, S.PLATFORM, S.HANDLE]].dropna().astype("string")
    handle_text = handles[S.HANDLE].str.strip().str.casefold().str.removeprefix("@")
    add(BY_HANDLE, handles[S.CONTACT_ID], handles[S.PLATFORM] + ":" + handle_text, handle_text)

    # The ids themselves carry keys: 'email:<address>', 'whatsapp:<phone>', 'instagram:<user>', 'x:<account>'.
    rest = ids.str.split(":", n=1).str[1].astype("string")
    named = ids.str.contains(r"^[a-z_]+:name:", regex=True)
    platform = nodes[S.PLATFORM]
    is_email = (platform == S.EMAIL_PLATFORM) & ids.str.startswith(S.PLATFORM_ID_PREFIX[S.EMAIL_PLATFORM])
    add(BY_EMAIL, ids[is_email], _normalised(rest[is_email], normalise_email))
    is_phone = (platform == S.WHATSAPP) & ids.str.startswith(S.PLATFORM_ID_PREFIX[S.WHATSAPP]) & ~named
    add(BY_PHONE, ids[is_phone], _normalised(rest[is_phone], normalise_phone))
    is_handle = platform.isin([S.INSTAGRAM, S.X]) & ids.str.contains(":", regex=False) & ~named
    user = rest[is_handle].str.casefold()
    add(BY_HANDLE, ids[is_handle], platform[is_handle] + ":" + user, user)
    for owner in owners:
        url = normalise_profile_url(owner.profile_url)
        if owner.contact_id and url:
            add(BY_PROFILE_URL, [owner.contact_id], [contact_id_for(url)], [url])
    owner_ids = nodes.loc[nodes["is_owner"]].sort_values(["rank", S.CONTACT_ID])[S.CONTACT_ID]
    if len(owner_ids) and len(owner_keys):
        given = [str(k) for k in owner_keys]
        as_email = [normalise_email(k) for k in given]
        as_phone = [None if e else normalise_phone(k) for k, e in zip(given, as_email, strict=True)]
        add(BY_EMAIL, [owner_ids.iloc[0]] * len(given), as_email)
        add(BY_PHONE, [owner_ids.iloc[0]] * len(given), as_phone)
    keys = pd.DataFrame(
        {
            "node": node_of.reindex(np.concatenate([p[1] for p in parts])).to_numpy(),
            "kind": np.concatenate([np.full(len(p[1]), p[0], dtype=object) for p in parts]),
            "value": np.concatenate([p[2] for p in parts]),
            "shown": np.concatenate([p[3] for p in parts]),
        }
    ).astype({"kind": "string", "value": "string", "shown": "string"})
    keys = keys.dropna(subset=["node", "value"]).astype({"node": "int64"})
    keys = _complete_national_phones(keys)
    keys["key"] = keys["kind"] + ":" + keys["value"]
    return keys.drop_duplicates(["node", "key"]).sort_values(["key", "node"], ignore_index=True)


def _complete_national_phones(keys: pd.DataFrame) -> pd.DataFrame:
    """Read a national-form phone as the one international number in the data ending with its digits.

    ``07700900123`` (trunk ``0`` dropped: ``7700900123``) matches ``+447700900123``
    when exactly one distinct international number, less a 1-3 digit country
    code, ends so; the national part must keep 9 digits or more.
    """
    phones = keys[keys["kind"] == BY_PHONE]
    national = phones.loc[~phones["value"].str.startswith("+"), "value"].drop_duplicates()
    international = phones.loc[phones["value"].str.startswith("+"), "value"].drop_duplicates()
    if national.empty or international.empty:
        return keys
    core = national.str.replace(r"^0", "", regex=True)
    national_core = pd.DataFrame({"national": national.to_numpy(), "core": core.to_numpy()})
    national_core = national_core[national_core["core"].str.len() >= 9]
    candidates = pd.concat(
        [
            pd.DataFrame(
                {"international": international.to_numpy(), "core": international.str.slice(1 + n).to_numpy()}
            )
            for n in (1, 2, 3)
        ]
    )
    matches = national_core.merge(candidates, on="core").drop_duplicates(["national", "international"])
    unique = matches[~matches["national"].duplicated(keep=False)]
    as_international = pd.Series(
        unique["international"].to_numpy(), index=unique["national"].to_numpy(), dtype="string"
    )
    mapped = keys["value"].map(as_international).astype("string")
    completed = (keys["kind"] == BY_PHONE) & mapped.notna()
    out = keys.copy()
    out.loc[completed, "shown"] = mapped[completed] + " (written " + keys.loc[completed, "value"] + ")"
    out.loc[completed, "value"] = mapped[completed]
    return out


# ---------------------------------------------------------------- the graph
def _components(n: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Connected component of each of ``n`` vertices joined by the edges ``a``-``b``."""
    graph = coo_matrix((np.ones(len(a), dtype=np.int8), (a, b)), shape=(n, n)).tocsr()
    return connected_components(graph, directed=False)[1]


def _join(labels: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Labels after joining the groups of ``a`` and ``b``; a group's label is its smallest record number."""
    n = len(labels)
    component = _components(n, labels[a], labels[b])[labels]
    smallest = np.full(n, n, dtype=np.int64)
    np.minimum.at(smallest, component, np.arange(n))
    return smallest[component]


@dataclass(frozen=True)
class _Guard:
    """What a group may not hold: two records of one account platform, or a ``never`` pair."""

    account: np.ndarray  # bool per record
    platform: np.ndarray  # int code per record
    never_a: np.ndarray
    never_b: np.ndarray


def _merge_step(
    labels: np.ndarray, frozen: np.ndarray, a: np.ndarray, b: np.ndarray, accept: np.ndarray, guard: _Guard
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """One step of step 2: join along the accepted edges of the components that stay consistent.

    The components are those of *all* edges ``a``-``b`` (accepted or not); a
    component is inconsistent when it would hold records from two groups of one
    account platform, a ``never`` pair, or a record frozen earlier.  Its edges
    are refused and its records frozen.

    Returns the new labels, the new frozen mask, the accepted and the refused edges (masks).
    """
    n = len(labels)
    live = labels[a] != labels[b]
    if not live.any():
        return labels, frozen, live, live
    component_of_label = _components(n, labels[a][live], labels[b][live])
    component = component_of_label[labels]
    touched = np.zeros(n, dtype=bool)
    touched[component_of_label[labels[a][live]]] = True
    bad = np.zeros(n, dtype=bool)
    bad[component[frozen]] = True
    accounts = pd.DataFrame(
        {"c": component[guard.account], "p": guard.platform[guard.account], "g": labels[guard.account]}
    )
    groups = accounts.groupby(["c", "p"])["g"].nunique()
    bad[groups[groups > 1].index.get_level_values("c").to_numpy()] = True
    together = component[guard.never_a] == component[guard.never_b]
    bad[component[guard.never_a][together]] = True
    bad &= touched
    edge_bad = live & bad[component[a]]
    edge_ok = live & accept & ~edge_bad
    new_labels = _join(labels, a[edge_ok], b[edge_ok])
    return new_labels, frozen | bad[component], edge_ok, edge_bad


def _shared_keys(carriers: pd.DataFrame, nodes: pd.DataFrame, words: pd.DataFrame) -> pd.Index:
    """Keys whose carriers disagree (step 2): two accounts or names on one platform, or names that differ."""
    size = carriers.groupby("key")["node"].transform("size")
    many = carriers[size > 1]
    if many.empty:
        return pd.Index([], dtype="string")
    info = many.join(
        nodes[[S.PLATFORM, "account", "key", "words"]].rename(columns={"key": "name"}), on="node"
    )
    two_accounts = info[info["account"]].groupby(["key", S.PLATFORM])["node"].nunique()
    two_names = info.dropna(subset=["name"]).groupby(["key", S.PLATFORM])["name"].nunique()
    bad = pd.Index(many.loc[size[size > 1] > MAX_CARRIERS_COMPARED, "key"])
    bad = bad.append(pd.Index(two_accounts[two_accounts > 1].index.get_level_values("key")))
    bad = bad.append(pd.Index(two_names[two_names > 1].index.get_level_values("key")))
    full = info.loc[(info["words"] >= 1) & ~info["key"].isin(bad), ["key", "node"]]
    pairs = full.merge(full, on="key", suffixes=("_a", "_b"))
    pairs = pairs[pairs["node_a"] < pairs["node_b"]].reset_index(drop=True)
    differ = ~_same_full_name(pairs["node_a"].to_numpy(), pairs["node_b"].to_numpy(), words)
    bad = bad.append(pd.Index(pairs.loc[differ, "key"]))
    return bad.unique()


def _same_full_name(a: np.ndarray, b: np.ndarray, words: pd.DataFrame) -> np.ndarray:
    """Whether the names of records ``a`` and ``b`` can be one person's.

    They can when every word of one name matches a word of the other, a word
    matching itself or a word it begins or that begins it (3 letters or more),
    accents and punctuation ignored: ``Ann Lee`` / ``Lee, Ann`` / ``Ann-Marie
    Lee`` / ``Alex Novak`` / ``Alexander Novak`` can; ``Bo Brown`` / ``Wen
    Brown`` (a household) cannot, nor can ``Bob`` / ``Robert`` (a nickname is
    missed rather than a household merged), nor ``Mum`` / ``Dad``.
    """
    if not len(a):
        return np.zeros(0, dtype=bool)
    distinct = words["word"].drop_duplicates()
    # A word's beginnings, up to a name-like length: a hostile 100,000-letter "word" gets no more than that.
    prefixes = pd.DataFrame(
        [(w, w[:k]) for w in distinct for k in range(3, min(len(w), _LONGEST_WORD) + 1)]
        + [(w, w) for w in distinct],
        columns=["word", "prefix"],
    ).drop_duplicates()
    pairs = pd.DataFrame({"pair": np.arange(len(a)), "a": a, "b": b})
    side_a = pairs.merge(words, left_on="a", right_on="node")[["pair", "word"]]
    side_b = pairs.merge(words, left_on="b", right_on="node")[["pair", "word"]]

    def covered(mine: pd.DataFrame, other: pd.DataFrame) -> np.ndarray:
        """Per pair: every word of ``mine`` matches a word of ``other``."""
        starts = mine.merge(prefixes, left_on="word", right_on="prefix", suffixes=("", "_longer"))
        starts = starts.merge(
            other, left_on=["pair", "word_longer"], right_on=["pair", "word"], suffixes=("", "_o")
        )
        begun = mine.merge(prefixes, on="word").merge(
            other, left_on=["pair", "prefix"], right_on=["pair", "word"], suffixes=("", "_o")
        )
        matched = pd.concat([starts[["pair", "word"]], begun[["pair", "word"]]]).drop_duplicates()
        n_matched = matched.groupby("pair").size().reindex(np.arange(len(a)), fill_value=0).to_numpy()
        n_words = mine.groupby("pair").size().reindex(np.arange(len(a)), fill_value=0).to_numpy()
        return n_matched == n_words

    return covered(side_a, side_b) | covered(side_b, side_a)


def _star(carriers: pd.DataFrame) -> pd.DataFrame:
    """Edges from each key's first carrier to its other carriers (enough for components)."""
    first = carriers.sort_values(["key", "node"]).drop_duplicates("key").set_index("key")
    edges = carriers.assign(
        a=carriers["key"].map(first["node"]).to_numpy(),
        b=carriers["node"],
        shown_a=carriers["key"].map(first["shown"]).to_numpy(),
    )
    return edges[edges["a"] != edges["b"]]


def _carrier_pairs(carriers: pd.DataFrame, keys: pd.Index, score: float, reason: pd.Series) -> pd.DataFrame:
    """Suggested pairs: every two carriers of each key in ``keys`` (keys with few carriers only)."""
    if not len(keys):
        return pd.DataFrame(columns=["a", "b", S.SCORE, S.REASON])
    chosen = carriers[carriers["key"].isin(keys)]
    chosen = chosen[chosen.groupby("key")["node"].transform("size") <= MAX_CARRIERS_SUGGESTED]
    pairs = chosen.merge(chosen, on="key", suffixes=("_a", "_b"))
    pairs = pairs[pairs["node_a"] < pairs["node_b"]]
    return pd.DataFrame(
        {
            "a": pairs["node_a"].to_numpy(),
            "b": pairs["node_b"].to_numpy(),
            S.SCORE: score,
            S.REASON: (reason.loc[pairs["key"]].to_numpy() if len(pairs) else []),
        }
    )


# ---------------------------------------------------------------- organisations and user names
def _organisations(nodes: pd.DataFrame, keys: pd.DataFrame) -> pd.DataFrame:
    """(node, organisation) from companies and work e-mail domains."""
    company = _fold(nodes[S.COMPANY]).str.split().explode().dropna()
    company = company[~company.isin(_LEGAL_FORMS)]
    joined = company.groupby(level=0).agg("".join)
    from_company = pd.DataFrame({"node": joined.index.to_numpy(), "organisation": joined.to_numpy()})
    emails = keys[keys["kind"] == BY_EMAIL]
    domain = emails["value"].str.split("@").str[-1]
    from_domain = pd.DataFrame(
        {"node": emails["node"].to_numpy(), "organisation": _normalised(domain, _domain_name).to_numpy()}
    )
    out = pd.concat([from_company, from_domain], ignore_index=True).dropna()
    out = out[(out["organisation"].str.len() >= 2) & ~out["organisation"].isin(_NO_ORGANISATION)]
    return out.drop_duplicates()


def _domain_name(domain: str) -> str | None:
    """The registrable name of a mail domain (``mail.acme.co.uk`` -> ``acme``), None for free mail."""
    labels = domain.casefold().rstrip(".").split(".")[:-1]
    if len(labels) > 1 and labels[-1] in _SECOND_LEVEL:
        labels = labels[:-1]
    if not labels or labels[-1] in _FREE_MAIL:
        return None
    return labels[-1].replace("-", "")


def _user_names(nodes: pd.DataFrame, keys: pd.DataFrame) -> pd.DataFrame:
    """(node, user name): handles and e-mail local parts without separators, 4+ characters, not all digits."""
    emails = keys[keys["kind"] == BY_EMAIL]
    handles = keys[keys["kind"] == BY_HANDLE]
    names = pd.concat(
        [
            pd.DataFrame(
                {"node": emails["node"].to_numpy(), "user": emails["value"].str.split("@").str[0].to_numpy()}
            ),
            pd.DataFrame({"node": handles["node"].to_numpy(), "user": handles["shown"].to_numpy()}),
        ],
        ignore_index=True,
    ).astype({"user": "string"})
    names["user"] = names["user"].str.replace(r"[._\-+]", "", regex=True)
    names = names[(names["user"].str.len() >= 4) & ~names["user"].str.fullmatch(r"\d+")]
    return names.drop_duplicates()


def _plain_forms(name_key: str) -> list[str]:
    """The user names anyone with this name might pick: ``annlee``, ``leeann``, ``alee``, ``annl``."""
    words = _fold_text(name_key).split()
    if not words:
        return []
    first, last = words[0], words[-1]
    return ["".join(words), "".join(reversed(words)), first[0] + last, first + last[0], first + last]


# ---------------------------------------------------------------- the name step
def _name_pairs(nodes: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Same-name record pairs on different platforms: (unique-name pairs, ambiguous-name pairs).

    Unique-name pairs say in ``saved`` whether they are a WhatsApp saved name
    and its address-book card.

    A name is unique when no platform has it twice.  A WhatsApp saved name
    only needs to be unique on WhatsApp and among the address-book cards.
    """
    # Full names; and any saved name, which a WhatsApp author shares with its address-book card.
    saved = nodes["key"].notna() & (nodes["saved_name"] | nodes["book"])
    full = nodes[(nodes["words"] >= 2) | saved][["key", S.PLATFORM, "words", "saved_name", "book"]]
    full = full.rename_axis("node").reset_index()
    full["alone"] = full.groupby(["key", S.PLATFORM])["node"].transform("size") == 1
    # Google Contacts and vCard may both be the phone's book: a saved name must be on one card of all.
    full["book"] &= full.groupby("key")["book"].transform("sum").to_numpy() == 1
    ambiguous = ~full.groupby("key")["alone"].transform("all")

    def pairs_of(chosen: pd.DataFrame) -> pd.DataFrame:
        merged = chosen.merge(chosen, on="key", suffixes=("_a", "_b"))
        merged = merged[
            (merged["node_a"] < merged["node_b"]) & (merged[f"{S.PLATFORM}_a"] != merged[f"{S.PLATFORM}_b"])
        ]
        saved_pair = (merged["saved_name_a"] & merged["book_b"]) | (merged["book_a"] & merged["saved_name_b"])
        merged = merged[(merged["words_a"] >= 2) | saved_pair]
        out = merged[["key", "node_a", "node_b"]].rename(columns={"node_a": "a", "node_b": "b"})
        return out.assign(saved=saved_pair[merged.index].to_numpy()).reset_index(drop=True)

    unique = pairs_of(full[~ambiguous])
    crowded = full[ambiguous & (full.groupby("key")["node"].transform("size") <= MAX_CARRIERS_SUGGESTED)]
    ambiguous_pairs = pairs_of(crowded)
    # a saved name alone on WhatsApp and in its address book is one phone entry, whatever other platforms hold
    phone_book = pairs_of(full[ambiguous & full["alone"] & (full["saved_name"] | full["book"])])
    phone_book = phone_book[phone_book["saved"]]
    unique = pd.concat([unique, phone_book], ignore_index=True)
    taken = pd.MultiIndex.from_frame(phone_book[["a", "b"]])
    ambiguous_pairs = ambiguous_pairs[~pd.MultiIndex.from_frame(ambiguous_pairs[["a", "b"]]).isin(taken)]
    return unique, ambiguous_pairs.drop(columns="saved").reset_index(drop=True)


def _corroboration(
    pairs: pd.DataFrame, labels: np.ndarray, nodes: pd.DataFrame, keys: pd.DataFrame
) -> pd.Series:
    """For each same-name pair, the signal that tells it from two namesakes (step 3), else NA."""
    out = pd.Series(pd.NA, index=pairs.index, dtype="string")
    if pairs.empty:
        return out
    sides = pairs.assign(ga=labels[pairs["a"]], gb=labels[pairs["b"]]).reset_index(names="pair")

    def shared(per_node: pd.DataFrame, column: str) -> pd.DataFrame:
        per_group = per_node.assign(g=labels[per_node["node"]])[["g", column]].drop_duplicates()
        left = sides[["pair", "ga"]].merge(per_group, left_on="ga", right_on="g")[["pair", column]]
        right = sides[["pair", "gb"]].merge(per_group, left_on="gb", right_on="g")[["pair", column]]
        return left.merge(right, on=["pair", column]).sort_values(["pair", column])

    organisations = shared(_organisations(nodes, keys), "organisation").drop_duplicates("pair")
    users = shared(_user_names(nodes, keys), "user")
    plain = sides[["pair", "key"]].drop_duplicates("key")
    forms = plain.assign(user=plain["key"].map(lambda k: _plain_forms(k))).explode("user")[["key", "user"]]
    users = users.merge(sides[["pair", "key"]], on="pair").merge(
        forms.assign(plain=True), on=["key", "user"], how="left"
    )
    users = users[users["plain"].isna()].drop_duplicates("pair")
    out.loc[sides.loc[sides["saved"], "pair"].to_numpy()] = (
        "WhatsApp shows the name saved on this address-book card"
    )
    out.loc[users["pair"].to_numpy()] = ("the same user name " + users["user"]).to_numpy()
    out.loc[organisations["pair"].to_numpy()] = (
        "the same organisation " + organisations["organisation"]
    ).to_numpy()
    return out


# ---------------------------------------------------------------- the public function
def resolve_identities(
    people: pd.DataFrame,
    *,
    owners: Sequence[Owner] = (),
    links: str | os.PathLike | pd.DataFrame | None = None,
    owner_keys: Sequence[str] = (),
) -> Resolution:
    """Decide which platform records are one person, and explain every link.

    The rules (exact keys, guards, names with a corroborating signal, the
    user's ``links.csv``) are described in the module docstring.

    Parameters
    ----------
    people : pandas.DataFrame
        ``PEOPLE_COLUMNS`` rows of all parts (platform ids unique across platforms).
    owners : sequence of Owner
        Each part's owner; all are the account owner.  People records whose
        keys match the owner's (their own address-book card, their own address
        in an mbox) resolve to the owner id.
    links : path, DataFrame or None
        The user's decisions (see :func:`read_links`).  Lines naming ids that
        are in none of the tables are ignored with a note.
    owner_keys : sequence of str
        E-mail addresses and phone numbers the user gave for themselves; other
        values (names) are ignored: a name does not identify anyone.

    Returns
    -------
    Resolution

    Raises
    ------
    ParameterError
        ``people`` is not a people table.
    ExportFormatError
        ``links`` is a malformed file, or its ``same`` lines join a pair that a
        ``never`` line separates.

    Examples
    --------
    >>> import pandas as pd
    >>> from netstats import schema as S
    >>> people = pd.DataFrame({
    ...     S.CONTACT_ID: ["ann-lee", "vcard:1", "whatsapp:+447700900123", "facebook:name:bo ek"],
    ...     S.PLATFORM: ["linkedin", "vcard", "whatsapp", "facebook"],
    ...     S.NAME: ["Ann Lee", "Ann Lee", "Annie", "Bo Ek"],
    ...     S.PROFILE_URL: ["https://www.linkedin.com/in/ann-lee", None, None, None],
    ...     S.HANDLE: None,
    ...     S.EMAILS: [["ann@acme.example"], ["ann@acme.example"], [], []],
    ...     S.PHONES: [[], ["07700 900123"], ["+447700900123"], []],
    ...     S.COMPANY: ["Acme", None, None, None],
    ...     S.POSITION: None, S.IS_CONNECTION: True, S.SEEN_IN: "connections"})
    >>> result = resolve_identities(people)
    >>> result.ids.to_dict()  # doctest: +NORMALIZE_WHITESPACE
    {'ann-lee': 'ann-lee', 'facebook:name:bo ek': 'facebook:name:bo ek', 'vcard:1': 'ann-lee',
     'whatsapp:+447700900123': 'ann-lee'}
    >>> result.links.set_index(S.PLATFORM_ID)[S.MATCHED_BY].to_dict()  # doctest: +NORMALIZE_WHITESPACE
    {'ann-lee': 'itself', 'whatsapp:+447700900123': 'phone', 'vcard:1': 'email',
     'facebook:name:bo ek': 'itself'}
    >>> result.links.set_index(S.PLATFORM_ID).loc["whatsapp:+447700900123", S.EVIDENCE]
    'phone +447700900123'
    """
    nodes = _records(people, owners)
    decisions, links_name = _links_table(links)
    notes: list[str] = []
    same, never = _known_decisions(nodes, decisions, links_name, notes)
    owner_nodes = np.flatnonzero(nodes["is_owner"].to_numpy())
    merging = _fixed_links(nodes, owner_nodes, same, never, links_name, notes)
    keys = _keys(people, nodes, owners, owner_keys if len(owner_nodes) else ())
    if len(owner_keys) and not len(owner_nodes):
        notes.append(
            "Your own e-mail addresses or phone numbers were given, but no export names its owner: "
            "they were not used."
        )
    _exact_keys_step(merging, nodes, keys)
    _names_step(merging, nodes, keys)
    n_frozen = int(merging.frozen.sum())
    if n_frozen:
        notes.append(
            f"{n_frozen} record(s) have keys that point to different people (two accounts on one platform, "
            "or a never decision): they were left as the stronger keys grouped them; "
            "see the link suggestions."
        )
    return _resolution(nodes, merging.labels, merging.accepted, merging.suggestions, never, tuple(notes))


@dataclass
class _Merging:
    """What :func:`resolve_identities` builds step by step: groups, accepted links, suggestions, notes."""

    labels: np.ndarray  # group of each record
    frozen: np.ndarray  # records whose keys pointed to different people
    guard: _Guard
    accepted: list[pd.DataFrame]
    suggestions: list[pd.DataFrame]
    notes: list[str]


def _known_decisions(
    nodes: pd.DataFrame, decisions: pd.DataFrame, links_name: str, notes: list[str]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The user's ``same`` and ``never`` decisions on records that were loaded (others: a note each)."""
    node_of = pd.Series(np.arange(len(nodes)), index=pd.Index(nodes[S.CONTACT_ID]))
    a_of = node_of.reindex(decisions[S.PLATFORM_ID].to_numpy()).to_numpy()
    b_of = node_of.reindex(decisions[S.OTHER_ID].to_numpy()).to_numpy()
    known = ~(np.isnan(a_of) | np.isnan(b_of))
    for line in decisions.loc[~known, S.LINE]:
        notes.append(
            f"{links_name} line {line}: an id that is in none of the loaded exports; the line was ignored."
        )
    decisions = decisions.loc[known].assign(a=a_of[known].astype(np.int64), b=b_of[known].astype(np.int64))
    return decisions[decisions[S.DECISION] == S.LINK_SAME], decisions[decisions[S.DECISION] == S.LINK_NEVER]


def _fixed_links(
    nodes: pd.DataFrame,
    owner_nodes: np.ndarray,
    same: pd.DataFrame,
    never: pd.DataFrame,
    links_name: str,
    notes: list[str],
) -> _Merging:
    """Step 0: join the owner's records and the user's ``same`` decisions (refused if a ``never`` says no)."""
    n = len(nodes)
    owner_order = owner_nodes[np.lexsort((owner_nodes, nodes["rank"].to_numpy()[owner_nodes]))]
    fixed = [
        pd.DataFrame(
            {
                "a": owner_order[0] if len(owner_order) else 0,
                "b": owner_order[1:],
                "kind": BY_OWNER,
                "evidence": [
                    f"the account owner on {S.PLATFORM_LABELS[p]} (found by {f})"
                    for p, f in zip(
                        nodes[S.PLATFORM].iloc[owner_order[1:]],
                        nodes["found_by"].iloc[owner_order[1:]],
                        strict=True,
                    )
                ],
            }
        ),
        pd.DataFrame(
            {
                "a": same["a"].to_numpy(),
                "b": same["b"].to_numpy(),
                "kind": BY_LINKS,
                "evidence": [f"{links_name} line {line}" for line in same[S.LINE]],
            }
        ),
    ]
    accepted = [frame for frame in fixed if len(frame)]
    labels = np.arange(n)
    for frame in accepted:
        labels = _join(labels, frame["a"].to_numpy(np.int64), frame["b"].to_numpy(np.int64))
    contradicted = labels[never["a"].to_numpy()] == labels[never["b"].to_numpy()]
    if contradicted.any():
        raise ExportFormatError(
            "a never decision separates two ids that same decisions (or the owner's accounts) join",
            file=links_name,
            line=int(never[S.LINE].to_numpy()[contradicted][0]),
            expected="decisions that agree",
            fix="delete the never line or the same lines that contradict it",
        )
    codes = nodes["rank"].to_numpy()
    guard = _Guard(
        nodes["account"].to_numpy(), codes, never["a"].to_numpy(np.int64), never["b"].to_numpy(np.int64)
    )
    return _Merging(labels, np.zeros(n, dtype=bool), guard, accepted, [], notes)


def _exact_keys_step(merging: _Merging, nodes: pd.DataFrame, keys: pd.DataFrame) -> None:
    """Steps 1 and 2: exact keys, one kind at a time, with the guards; keys people share are not used."""
    words = _name_words(nodes)
    carriers = keys[["node", "kind", "key", "shown"]]
    shared = _shared_keys(carriers, nodes, words)
    first_shown = carriers.drop_duplicates("key").set_index("key")
    said = "the same " + first_shown["kind"].map(_KIND_WORDS) + " " + first_shown["shown"]
    merging.suggestions.append(
        _carrier_pairs(
            carriers, shared, SCORE_SHARED_KEY, said + ", also held by records under other names or accounts"
        )
    )
    edges = _star(carriers[~carriers["key"].isin(shared)])
    a, b = edges["a"].to_numpy(np.int64), edges["b"].to_numpy(np.int64)
    kinds = edges["kind"].to_numpy()
    word = edges["kind"].map(_KIND_WORDS)
    evidence_a, evidence_b = (
        (word + " " + edges["shown_a"]).to_numpy(),
        (word + " " + edges["shown"]).to_numpy(),
    )
    refused_keys = []
    for kind in _EXACT_KINDS:
        step = kinds == kind
        merging.labels, merging.frozen, ok, refused = _merge_step(
            merging.labels, merging.frozen, a[step], b[step], np.ones(step.sum(), dtype=bool), merging.guard
        )
        merging.accepted.append(
            pd.DataFrame(
                {
                    "a": a[step][ok],
                    "b": b[step][ok],
                    "kind": kind,
                    "evidence": evidence_a[step][ok],
                    "evidence_b": evidence_b[step][ok],
                }
            )
        )
        refused_keys.append(edges["key"].to_numpy()[step][refused])
    merging.suggestions.append(
        _carrier_pairs(
            carriers,
            pd.Index(np.concatenate(refused_keys)).unique(),
            SCORE_KEY_CUT,
            said + ", but joining would give one person two accounts on a platform or break a never decision",
        )
    )
    if len(shared):
        merging.notes.append(
            f"{len(shared)} e-mail address(es), phone number(s) or other keys are shared by several people "
            "(a switchboard, a shared mailbox, a household) and were not used to link records."
        )


def _names_step(merging: _Merging, nodes: pd.DataFrame, keys: pd.DataFrame) -> None:
    """Step 3: names, with a corroborating signal; the pairs not joined become suggestions."""
    unique_pairs, ambiguous_pairs = _name_pairs(nodes)
    signal = _corroboration(unique_pairs, merging.labels, nodes, keys)
    a, b = unique_pairs["a"].to_numpy(np.int64), unique_pairs["b"].to_numpy(np.int64)
    merging.labels, merging.frozen, ok, refused = _merge_step(
        merging.labels, merging.frozen, a, b, signal.notna().to_numpy(), merging.guard
    )
    evidence = ("name " + unique_pairs["key"] + "; " + signal).to_numpy()
    merging.accepted.append(pd.DataFrame({"a": a[ok], "b": b[ok], "kind": BY_NAME, "evidence": evidence[ok]}))
    blocked = signal.notna().to_numpy() & refused
    alone = signal.isna().to_numpy()
    merging.suggestions += [
        pd.DataFrame(
            {
                "a": a[blocked],
                "b": b[blocked],
                S.SCORE: SCORE_NAME_BLOCKED,
                S.REASON: (
                    "same name and " + signal[blocked] + ", but joining would give one person two accounts "
                    "on a platform or break a never decision"
                ).to_numpy(),
            }
        ),
        pd.DataFrame(
            {
                "a": a[alone],
                "b": b[alone],
                S.SCORE: SCORE_NAME_ONLY,
                S.REASON: "same name, nothing else in common",
            }
        ),
        pd.DataFrame(
            {
                "a": ambiguous_pairs["a"].to_numpy(),
                "b": ambiguous_pairs["b"].to_numpy(),
                S.SCORE: SCORE_NAME_AMBIGUOUS,
                S.REASON: "same name, but several records on one platform have it",
            }
        ),
    ]


def _resolution(
    nodes: pd.DataFrame,
    labels: np.ndarray,
    accepted: list[pd.DataFrame],
    suggestions: list[pd.DataFrame],
    never: pd.DataFrame,
    notes: tuple[str, ...],
) -> Resolution:
    """Combined ids, the explanation of every record, and the suggestions, in a stable order."""
    n = len(nodes)
    ids = nodes[S.CONTACT_ID].astype("string")
    canonical = _canonical(nodes, labels)
    contact = ids.to_numpy()[canonical]
    matched, why = _strongest_match(accepted, n)
    is_canonical = canonical == np.arange(n)
    matched[is_canonical] = BY_ITSELF
    why[is_canonical] = pd.NA
    owner_id = None
    if nodes["is_owner"].any():
        owner_node = canonical[np.flatnonzero(nodes["is_owner"].to_numpy())[0]]
        owner_id = str(ids.iloc[owner_node])
        joined = (labels == labels[owner_node]) & ~nodes["is_owner"].to_numpy() & ~is_canonical
        why[joined] = why[joined] + ", which links it to the account owner"
    links = pd.DataFrame(
        {
            S.PLATFORM_ID: ids.to_numpy(),
            S.PLATFORM: nodes[S.PLATFORM].to_numpy(),
            S.CONTACT_ID: contact,
            S.NAME: nodes[S.NAME].to_numpy(),
            S.MATCHED_BY: matched.to_numpy(),
            S.EVIDENCE: why.to_numpy(),
            "_rank": nodes["rank"].to_numpy(),
            "_first": (~is_canonical),
        }
    )
    links = links.sort_values([S.CONTACT_ID, "_first", "_rank", S.PLATFORM_ID], key=None)
    links = S.conform(links, S.LINKS_COLUMNS)
    resolved = pd.Series(
        contact,
        index=pd.Index(ids.to_numpy(), name=S.PLATFORM_ID, dtype="string"),
        name=S.CONTACT_ID,
        dtype="string",
    )
    return Resolution(
        ids=resolved,
        links=links,
        suggestions=_suggestions(nodes, labels, suggestions, never),
        owner_id=owner_id,
        notes=notes,
    )


def _canonical(nodes: pd.DataFrame, labels: np.ndarray) -> np.ndarray:
    """The node whose id each group takes: the owner's, else the first platform's (PLATFORMS_ORDER)."""
    n = len(nodes)
    order = np.lexsort((np.arange(n), nodes["rank"].to_numpy(), ~nodes["is_owner"].to_numpy()))
    canonical = np.empty(n, dtype=np.int64)
    first_of_group = pd.Series(order, index=labels[order])
    first_of_group = first_of_group[~first_of_group.index.duplicated()]
    canonical[:] = first_of_group.reindex(labels).to_numpy()
    return canonical


def _strongest_match(accepted: list[pd.DataFrame], n: int) -> tuple[pd.Series, pd.Series]:
    """For each node, the kind and evidence of the strongest accepted edge that joins it (NA: none)."""
    edges = (
        pd.concat(accepted, ignore_index=True)
        if accepted
        else pd.DataFrame(columns=["a", "b", "kind", "evidence"])
    )
    # Evidence is the same from both ends, except where a key is written differently on each record.
    edges["evidence_b"] = (
        edges["evidence_b"].fillna(edges["evidence"]) if "evidence_b" in edges else edges["evidence"]
    )
    ends = pd.concat(
        [
            pd.DataFrame({"node": edges["a"], "kind": edges["kind"], "evidence": edges["evidence"]}),
            pd.DataFrame({"node": edges["b"], "kind": edges["kind"], "evidence": edges["evidence_b"]}),
        ],
        ignore_index=True,
    )
    ends["strength"] = ends["kind"].map(_STRENGTH)
    best = ends.sort_values(["node", "strength", "evidence"]).drop_duplicates("node").set_index("node")
    return (
        best["kind"].reindex(np.arange(n)).astype("string"),
        best["evidence"].reindex(np.arange(n)).astype("string"),
    )


def _suggestions(
    nodes: pd.DataFrame, labels: np.ndarray, parts: list[pd.DataFrame], never: pd.DataFrame
) -> pd.DataFrame:
    """Pairs not merged, each once with its best reason, best first."""
    frames = [p for p in parts if len(p)]
    if not frames:
        return S.empty_frame(S.LINK_SUGGESTIONS_COLUMNS)
    pairs = pd.concat(frames, ignore_index=True)
    a, b = pairs["a"].to_numpy(np.int64), pairs["b"].to_numpy(np.int64)
    rank = nodes["rank"].to_numpy()
    # Order each pair: the record of the earlier platform first (ties: the smaller id).
    swap = (rank[b] < rank[a]) | ((rank[b] == rank[a]) & (b < a))
    first, second = np.where(swap, b, a), np.where(swap, a, b)
    account = nodes["account"].to_numpy()
    keep = (labels[first] != labels[second]) & ~(
        account[first] & account[second] & (rank[first] == rank[second])
    )
    # A pair with nothing but a name in common is not worth a look when one side's person already
    # has another account on the other side's platform (a namesake of the owner, say).
    accounts = pd.MultiIndex.from_arrays([labels[account], rank[account]])
    weak = pairs[S.SCORE].to_numpy(dtype=float) <= SCORE_NAME_ONLY
    for mine, theirs in ((first, second), (second, first)):
        taken = pd.MultiIndex.from_arrays([labels[theirs], rank[mine]]).isin(accounts)
        keep &= ~(weak & account[mine] & taken)
    if len(never):
        never_index = pd.MultiIndex.from_arrays([never["a"].to_numpy(), never["b"].to_numpy()])
        never_index = never_index.append(
            pd.MultiIndex.from_arrays([never["b"].to_numpy(), never["a"].to_numpy()])
        )
        keep &= ~pd.MultiIndex.from_arrays([first, second]).isin(never_index)
    ids = nodes[S.CONTACT_ID].astype("string").to_numpy()
    names = nodes[S.NAME].astype("string")
    shown_name = names.iloc[first].reset_index(drop=True).fillna(names.iloc[second].reset_index(drop=True))
    table = pd.DataFrame(
        {
            S.PLATFORM_ID: ids[first],
            S.OTHER_ID: ids[second],
            S.NAME: shown_name.to_numpy(),
            S.SCORE: pairs[S.SCORE].to_numpy(dtype=float),
            S.REASON: pairs[S.REASON].to_numpy(),
        }
    )[keep]
    table = table.sort_values(
        [S.SCORE, S.PLATFORM_ID, S.OTHER_ID, S.REASON], ascending=[False, True, True, True]
    )
    table = table.drop_duplicates([S.PLATFORM_ID, S.OTHER_ID])
    return S.conform(table, S.LINK_SUGGESTIONS_COLUMNS)


def link_accuracy(links: pd.DataFrame, truth: pd.DataFrame) -> dict:
    """Score identity links against a ground truth: pairwise precision and recall of "same person".

    Parameters
    ----------
    links : pandas.DataFrame
        ``Export.links`` (``platform_id`` -> ``contact_id``).
    truth : pandas.DataFrame
        Columns ``platform_id`` and ``person`` (as the sample generator writes
        ``netstats_identity.csv``).  Only ids present in both are scored.

    Returns
    -------
    dict
        ``precision``, ``recall``, ``true_pairs``, ``linked_pairs``, ``correct_pairs``, ``scored_ids``.

    Examples
    --------
    >>> links = pd.DataFrame({"platform_id": ["a", "b", "c", "d"], "contact_id": ["a", "a", "c", "c"]})
    >>> truth = pd.DataFrame({"platform_id": ["a", "b", "c", "d"], "person": ["p1", "p1", "p1", "p2"]})
    >>> result = link_accuracy(links, truth)
    >>> result["precision"], result["recall"], result["true_pairs"]
    (0.5, 0.3333333333333333, 3)
    """
    merged = pd.merge(
        links.loc[:, [S.PLATFORM_ID, S.CONTACT_ID]].astype("string"),
        truth.loc[:, [S.PLATFORM_ID, S.PERSON]].astype("string"),
        on=S.PLATFORM_ID,
    )

    def pairs(*columns: str) -> int:
        sizes = merged.groupby(list(columns), observed=True).size().to_numpy(dtype=np.int64)
        return int((sizes * (sizes - 1) // 2).sum())

    true_pairs, linked_pairs, correct = pairs(S.PERSON), pairs(S.CONTACT_ID), pairs(S.PERSON, S.CONTACT_ID)
    return {
        "precision": correct / linked_pairs if linked_pairs else 1.0,
        "recall": correct / true_pairs if true_pairs else 1.0,
        "true_pairs": true_pairs,
        "linked_pairs": linked_pairs,
        "correct_pairs": correct,
        "scored_ids": int(len(merged)),
    }
