"""Read address books: Google Contacts CSV (current and legacy headers) and vCard 2.1 / 3.0 / 4.0.

An address book says who the owner *saved*, not who they talk to: every entry
becomes a connection row with ``relationship == 'saved_contact'`` (which does
not make anyone a connection, see ``_schema.CONNECTED_RELATIONSHIPS``) and a
``people`` row carrying the keys identity resolution uses (e-mail addresses
and phone numbers, normalised with :func:`netstats._text.normalise_email` /
:func:`~netstats._text.normalise_phone`).  Entries have no date.

The facts behind the rules are in research/linkedin_and_other_export_formats.md
section 6:

* **Google Contacts CSV** is recognised by its header, never by its file
  name: the current header (``First Name, Middle Name, Last Name, ... Labels,
  E-mail 1 - Label, E-mail 1 - Value, ... Phone 1 - Label ...``) and the legacy
  one (``Name, Given Name, Additional Name, Family Name, ... Group Membership,
  E-mail 1 - Type, E-mail 1 - Value, ... Organization 1 - Name ...``).  The
  number of e-mail and phone groups varies per file; one cell may hold several
  values joined with ``" ::: "``; a label starting with ``"* "`` marks the
  primary value (its address becomes ``email``).  Records are read with an
  RFC 4180 parser (addresses hold newlines inside quotes); a record with the
  wrong number of fields is quarantined.
* **vCard** is recognised by ``BEGIN:VCARD``.  Folded lines (a continuation
  starts with a space or a tab) and vCard 2.1 quoted-printable soft line breaks
  are unfolded first; ``item1.`` group prefixes, ``TYPE=`` parameters, ``\\,``
  ``\\;`` ``\\n`` escapes and ``CHARSET=`` of quoted-printable values are
  honoured.  A card whose ``END:VCARD`` is missing (or which holds a nested
  card), a card with a line that is not a property, and text outside any card
  are quarantined with their line; a ``KIND:group`` card is excluded (it is a
  list, not a person).

Ids: ``google_contacts:<n>`` / ``vcard:<n>``, ``<n>`` the 1-based number of
the record in its file (every record counts, read or not), prefixed by the
file's name when a part reads several files (``vcard:contacts.vcf#12``).
Address-book rows are distinct records: identity resolution merges them.

Excluded by rule: entries with no name, no e-mail address and no phone number,
and the owner's own card (an entry holding an e-mail address or phone number
passed as ``owner=``).  An address book does not say whose it is, and does not
need to: it holds no messages.
"""

from __future__ import annotations

import csv
import io
import quopri
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import PurePosixPath

import numpy as np
import pandas as pd

from .. import schema as S
from .._errors import ExportFormatError
from .._export import Owner, Part
from .._text import normalise_email, normalise_phone
from ._archive import ExportRules, SourceFile
from ._decode import decode_head, decode_text, decode_undeclared
from ._ledger import Ledger

FAMILY = "address_book"
GOOGLE_CSV = "google_contacts_csv"  # logical kinds
VCARD_FILE = "vcard"
REPEATABLE = frozenset({GOOGLE_CSV, VCARD_FILE})
ONE_EXPORT_AT_A_TIME = False  # the files of every path pooled into one read (see _registry.Reader)
EXPORT_RULES = ExportRules()  # nothing beyond the archive layer's own rules

ERA_GOOGLE_CURRENT = "current"
ERA_GOOGLE_LEGACY = "legacy"

REASON_EMPTY = "no name, e-mail address or phone number"
REASON_OWNER_CARD = "the owner's own card (holds an owner= e-mail address or phone number)"
REASON_GROUP_CARD = "a group card (KIND:group), not a person"
REASON_OUTSIDE = "text outside BEGIN:VCARD ... END:VCARD"
REASON_NO_END = "card without END:VCARD (or holding a nested card)"
REASON_TOO_LONG = "a name, company, position, e-mail or phone value is longer than 4,096 characters"

MAX_VALUE_CHARS = 4096  # longer person fields are not names or addresses: the record is quarantined
MAX_RAW_CHARS = 2000  # raw text kept in the quarantine
MULTI_VALUE_SEPARATOR = " ::: "
NO_OWNER = Owner(
    name=None,
    profile_url=None,
    contact_id=None,
    found_by="not stated in an address book (not needed: it holds no messages)",
)

_HEAD_LINE = re.compile(r"[^\r\n]*")
_VCARD_HEAD = re.compile(r"\A\s*BEGIN:VCARD[ \t]*(?:\r?\n|\Z)", re.IGNORECASE)
_EMAIL_GROUP = re.compile(r"^e-mail (\d+) - (label|type|value)$")
_PHONE_GROUP = re.compile(r"^phone (\d+) - (label|type|value)$")
# A vCard content line: [group.]NAME[;param...]:value (parameter values may be quoted and hold ':' or ';').
_PROPERTY = (
    r"^(?:(?P<group>[A-Za-z0-9-]+)\.)?(?P<prop>[A-Za-z0-9-]+)"
    r'(?P<params>(?:;(?:"[^"]*"|[^";:])*)*):(?P<value>.*)$'
)
_COMPONENT = r"((?:[^\\;]|\\.)*)"  # one ';'-separated component of a structured value (N, ORG)
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_QP_START = r"(?i)^[^:]*QUOTED-PRINTABLE[^:]*:"
# A fold that splits a UTF-8 character (RFC 6350 3.2 warns simple writers do this): move the
# character's trailing bytes before the fold, so the line count stays and unfolding restores it.
_SPLIT_CHARACTER = re.compile(rb"([\xc0-\xf7][\x80-\xbf]{0,2})(\r?\n[ \t])([\x80-\xbf]{1,3})")
_CHARSET = re.compile(r";CHARSET=\"?([A-Za-z0-9_.:-]+)", re.IGNORECASE)


# ---------------------------------------------------------------- detection
def _key(cell: str) -> str:
    return " ".join(cell.replace("\ufeff", "").strip().strip('"').split()).casefold()


def _google_era(names: Sequence[str]) -> str | None:
    """The Google CSV header generation of a header row, else None."""
    keys = {_key(n) for n in names}
    if {"first name", "middle name", "last name", "labels"} <= keys and any(
        _EMAIL_GROUP.match(k) or _PHONE_GROUP.match(k) for k in keys
    ):
        return ERA_GOOGLE_CURRENT
    if {"name", "given name", "additional name", "family name", "group membership"} <= keys:
        return ERA_GOOGLE_LEGACY
    return None


def claim(name: str) -> str | None:
    """Return the logical kind of an archive member this module reads by its path, else None.

    Only vCard files are claimed by name (``.vcf`` / ``.vcard``, as Google
    Takeout writes ``Contacts/<Label>/<Label>.vcf``); a Google Contacts CSV is
    recognised by its header (:func:`sniff`), never by its name.

    Examples
    --------
    >>> claim("Takeout/Contacts/All Contacts/All Contacts.vcf")
    'vcard'
    >>> claim("contacts.csv") is None, claim("Connections.csv") is None
    (True, True)
    """
    return (
        VCARD_FILE if PurePosixPath(name.replace("\\", "/")).suffix.casefold() in (".vcf", ".vcard") else None
    )


def sniff(head: bytes) -> str | None:
    """Return the logical kind judged from the first bytes of a text file, else None.

    A vCard starts with ``BEGIN:VCARD``; a Google Contacts CSV has one of the
    two Google headers on its first line.  LinkedIn's CSVs (``Connections.csv``,
    ``Contacts.csv`` ...) have neither.

    Examples
    --------
    >>> sniff(b"BEGIN:VCARD\\r\\nVERSION:3.0\\r\\n")
    'vcard'
    >>> sniff(b"\\xef\\xbb\\xbfFirst Name,Middle Name,Last Name,Labels,E-mail 1 - Label,E-mail 1 - Value\\n")
    'google_contacts_csv'
    >>> sniff(b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\\n") is None
    True
    """
    text = decode_head(head)
    if _VCARD_HEAD.match(text):
        return VCARD_FILE
    first = _HEAD_LINE.match(text).group(0)
    if "," not in first:
        return None
    try:
        names = next(csv.reader([first]))
    except csv.Error:
        return None
    return GOOGLE_CSV if _google_era(names) else None


# ---------------------------------------------------------------- shared
@dataclass
class _Records:
    """One file's records as plain columns, before they become a part's tables."""

    file: str
    era: str
    number: np.ndarray  # 1-based record number in the file (every record counts)
    line: np.ndarray
    name: pd.Series
    first_name: pd.Series
    last_name: pd.Series
    company: pd.Series
    position: pd.Series
    emails: pd.DataFrame  # record (position in this file's arrays), value, primary, order
    phones: pd.DataFrame
    raw: pd.Series  # the record's text, for the quarantine
    excluded_mask: np.ndarray  # excluded by a rule found while reading (e.g. KIND:group)
    excluded_reason: pd.Series
    rows_read: int = 0
    quarantine: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _decode(src: SourceFile, encoding: str | None, expected: str) -> str:
    return decode_text(
        src,
        encoding,
        expected=expected,
        fix="use the file from the original download,"
        " or pass encoding='cp1252' (or the right one) to netstats.load",
    )


def _clean_text(values: pd.Series) -> pd.Series:
    """Strip, turn empty into NA, keep everything else exactly (``NA`` or ``null`` stay names)."""
    out = values.astype(S.STRING).str.strip()
    return out.mask(out.eq(""))


def _joined(parts: list[pd.Series]) -> pd.Series:
    """The non-missing parts joined with single spaces; NA when all are missing."""
    first, *rest = [p.astype(S.STRING) for p in parts]
    joined = first.str.cat(rest, sep=" ", na_rep="").str.replace(r"\s+", " ", regex=True).str.strip()
    return joined.mask(joined.eq(""))


def _normalised(values: pd.Series, function) -> pd.Series:
    """``function`` of each distinct value (None -> NA)."""
    distinct = values.dropna().unique()
    mapping = {v: function(v) for v in distinct}
    return values.map(mapping).astype(S.STRING)


def _keys_frame(
    record: np.ndarray, values: pd.Series, primary: np.ndarray, function
) -> tuple[pd.DataFrame, int]:
    """Long table of (record, normalised value, primary, order) and how many values were not valid keys."""
    frame = pd.DataFrame({"record": record, "raw": values.astype(S.STRING).to_numpy(), "primary": primary})
    frame["raw"] = frame["raw"].astype(S.STRING)
    frame = frame.loc[frame["raw"].notna()].reset_index(drop=True)
    frame["value"] = _normalised(frame["raw"], function)
    invalid = int(frame["value"].isna().sum())
    frame = frame.loc[frame["value"].notna()].reset_index(drop=True)
    frame["order"] = np.arange(len(frame))
    return _typed_keys(frame), invalid


def _typed_keys(frame: pd.DataFrame) -> pd.DataFrame:
    """A keys table with its dtypes fixed (an empty one too)."""
    return pd.DataFrame(
        {
            "record": frame["record"].to_numpy(dtype=np.int64),
            "value": pd.Series(frame["value"].to_numpy(dtype=object), dtype=S.STRING),
            "primary": frame["primary"].to_numpy(dtype=bool),
            "order": frame["order"].to_numpy(dtype=np.int64),
        }
    )


def _lists(keys: pd.DataFrame, n: int) -> pd.Series:
    """One sorted, de-duplicated list of values per record 0..n-1."""
    grouped = keys.groupby("record")["value"].agg(lambda v: sorted(set(v)))
    lists = grouped.reindex(range(n))
    return pd.Series(pd.array([v if isinstance(v, list) else [] for v in lists], dtype=S.ID_LIST))


def _first(keys: pd.DataFrame, n: int) -> pd.Series:
    """The primary value of each record (the first one flagged primary, else the first)."""
    ordered = keys.sort_values(["record", "primary", "order"], ascending=[True, False, True])
    first = ordered.groupby("record")["value"].first()
    return first.reindex(range(n)).astype(S.STRING).reset_index(drop=True)


def _file_labels(files: Sequence[SourceFile]) -> dict[str, str | None]:
    """The id prefix of each file: None for a lone file, else its base name (its path when names repeat)."""
    if len(files) == 1:
        return {files[0].name: None}
    bases = [PurePosixPath(f.name.replace("\\", "/")).name for f in files]
    return {f.name: (b if bases.count(b) == 1 else f.name) for f, b in zip(files, bases, strict=True)}


def _owner_keys(owner: Sequence[str]) -> tuple[set[str], set[str]]:
    emails = {e for e in (normalise_email(o) for o in owner) if e}
    phones = {p for p in (normalise_phone(o) for o in owner if "@" not in str(o)) if p}
    return emails, phones


def _quarantine_row(platform: str, file: str, line: int, reason: str, raw: str) -> dict:
    return {
        S.PLATFORM: platform,
        S.FILE: file,
        S.LINE: int(line),
        S.REASON: reason,
        S.RAW: raw[:MAX_RAW_CHARS],
    }


def _too_long(*columns: pd.Series) -> np.ndarray:
    mask = np.zeros(len(columns[0]), dtype=bool)
    for column in columns:
        mask |= column.str.len().fillna(0).to_numpy() > MAX_VALUE_CHARS
    return mask


def _part(
    platform: str, source: str, records: list[_Records], files: Sequence[SourceFile], owner: Sequence[str]
) -> Part:
    """Turn the records of a platform's files into a :class:`Part`: ids, rules, tables, ledger."""
    labels = _file_labels(files)
    owner_emails, owner_phones = _owner_keys(owner)
    prefix = S.PLATFORM_ID_PREFIX[platform]
    tables, excluded, quarantine, notes = [], [], [], []
    books = Ledger(platform)
    owner_found: Owner | None = None
    for rec in records:
        label = labels[rec.file]
        numbers = pd.Series(rec.number.astype(str), dtype=S.STRING)
        ids = (prefix + numbers) if label is None else (f"{prefix}{label}#" + numbers)
        emails, phones = _lists(rec.emails, len(rec.number)), _lists(rec.phones, len(rec.number))
        reason, long_value, is_owner = _record_rules(rec, emails, phones, owner_emails, owner_phones)
        drop = reason.notna().to_numpy()
        if long_value.any():
            quarantine += [
                _quarantine_row(platform, rec.file, line, REASON_TOO_LONG, raw)
                for line, raw in zip(rec.line[long_value], rec.raw[long_value], strict=True)
            ]
        if owner_found is None:
            owner_found = _owner_card(rec, ids, is_owner & ~long_value)
        excluded.append(
            pd.DataFrame(
                {
                    S.PLATFORM: platform,
                    S.FILE: rec.file,
                    S.LINE: rec.line[drop],
                    S.REASON: reason[drop].to_numpy(),
                }
            )
        )
        keep = ~drop & ~long_value
        tables.append(_records_table(platform, rec, ids, emails, phones).loc[keep])
        quarantine += rec.quarantine
        n_quarantined = int(long_value.sum()) + len(rec.quarantine)
        books.add(
            rec.file,
            rec.era,
            rows_read=rec.rows_read,
            kept=int(keep.sum()),
            excluded=int(drop.sum()),
            quarantined=n_quarantined,
        )
        notes += rec.notes
    connections, people = _connections_and_people(pd.concat(tables, ignore_index=True))
    excluded_frame = pd.concat(excluded, ignore_index=True) if excluded else None
    return Part(
        platform=platform,
        source=source,
        connections=connections,
        messages=S.empty_frame(S.MESSAGES_COLUMNS),
        invitations=S.empty_frame(S.INVITATIONS_COLUMNS, S.INVITATIONS_DTYPES),
        people=people,
        owner=owner_found or NO_OWNER,
        ledger=books.frame(),
        excluded=S.conform(excluded_frame, S.EXCLUDED_COLUMNS),
        quarantine=S.conform(
            pd.DataFrame(quarantine, columns=list(S.QUARANTINE_COLUMNS)), S.QUARANTINE_COLUMNS
        ),
        notes=tuple(dict.fromkeys(notes)),
        latest=None,
    )


def _connections_and_people(rows: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The connections table of the kept records, and the same people as the people table."""
    people = rows.assign(
        **{
            S.HANDLE: pd.NA,
            S.IS_CONNECTION: rows[S.RELATIONSHIP].isin(S.CONNECTED_RELATIONSHIPS),
            S.SEEN_IN: "connections",
        }
    )
    return S.conform(rows, S.CONNECTIONS_COLUMNS), S.conform(people, S.PEOPLE_COLUMNS)


def _record_rules(
    rec: _Records, emails: pd.Series, phones: pd.Series, owner_emails: set[str], owner_phones: set[str]
) -> tuple[pd.Series, np.ndarray, np.ndarray]:
    """Why each record is excluded (NA: kept or too long); masks of the too long and of the owner's cards."""
    n = len(rec.number)
    has_email = emails.list.len().to_numpy() > 0
    has_phone = phones.list.len().to_numpy() > 0
    long_value = _too_long(rec.name, rec.first_name, rec.last_name, rec.company, rec.position)
    long_value |= np.isin(
        np.arange(n), rec.emails.loc[rec.emails["value"].str.len() > MAX_VALUE_CHARS, "record"]
    )
    long_value |= np.isin(
        np.arange(n), rec.phones.loc[rec.phones["value"].str.len() > MAX_VALUE_CHARS, "record"]
    )
    empty = rec.name.isna().to_numpy() & ~has_email & ~has_phone
    is_owner = np.isin(np.arange(n), rec.emails.loc[rec.emails["value"].isin(owner_emails), "record"])
    is_owner |= np.isin(np.arange(n), rec.phones.loc[rec.phones["value"].isin(owner_phones), "record"])
    reason = pd.Series(pd.NA, index=range(n), dtype=S.STRING)
    reason = reason.mask(is_owner, REASON_OWNER_CARD)
    reason = reason.mask(empty, REASON_EMPTY)
    reason = reason.mask(rec.excluded_mask, rec.excluded_reason)
    return reason.mask(long_value, pd.NA), long_value, is_owner


def _owner_card(rec: _Records, ids: pd.Series, is_owner: np.ndarray) -> Owner | None:
    """The owner from the first card holding an owner= e-mail address or phone number, else None."""
    if not is_owner.any():
        return None
    first = int(np.flatnonzero(is_owner)[0])
    return Owner(
        name=None if pd.isna(rec.name.iloc[first]) else str(rec.name.iloc[first]),
        profile_url=None,
        contact_id=str(ids.iloc[first]),
        found_by="the address-book card holding an owner= e-mail address or phone number",
    )


def _records_table(
    platform: str, rec: _Records, ids: pd.Series, emails: pd.Series, phones: pd.Series
) -> pd.DataFrame:
    """One connections row per record (saved contacts), with all its e-mail addresses and phone numbers."""
    n = len(rec.number)
    return pd.DataFrame(
        {
            S.PLATFORM: platform,
            S.CONTACT_ID: ids,
            S.NAME: rec.name,
            S.FIRST_NAME: rec.first_name,
            S.LAST_NAME: rec.last_name,
            S.PROFILE_URL: pd.NA,
            S.EMAIL: _first(rec.emails, n),
            S.MEMBER_URN: pd.NA,
            S.COMPANY: rec.company,
            S.POSITION: rec.position,
            S.CONNECTED_ON: pd.NaT,
            S.RELATIONSHIP: S.REL_SAVED_CONTACT,
            S.SOURCE_LINE: rec.line,
            S.EMAILS: emails,
            S.PHONES: phones,
        }
    )


def _invalid_note(file: str, n_emails: int, n_phones: int) -> list[str]:
    if not (n_emails or n_phones):
        return []
    return [
        f"{file}: {n_emails} e-mail value(s) and {n_phones} phone value(s) are not e-mail addresses or phone "
        "numbers (fewer than 7 digits); they are left out of emails/phones"
    ]


# ---------------------------------------------------------------- Google Contacts CSV
def _csv_records(src: SourceFile, text: str) -> tuple[list[str], list[list[str]], list[int], list[int]]:
    """Header, records, and the first and last physical line of each record (blank lines skipped)."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows, starts, ends = [], [], []
    last = 0
    try:
        for row in reader:
            if row:
                rows.append(row)
                starts.append(last + 1)
                ends.append(reader.line_num)
            last = reader.line_num
    except csv.Error as exc:
        raise ExportFormatError(
            "a record is not valid CSV"
            " (an unterminated quote, a stray quote, or a field over 131,072 characters)",
            file=src.name,
            line=last + 1,
            expected="a Google Contacts CSV as Google writes it (RFC 4180 quoting)",
            fix="export the contacts again from contacts.google.com (Export > Google CSV)",
        ) from exc
    if not rows:
        raise ExportFormatError(
            "the file is empty",
            file=src.name,
            expected="a Google Contacts CSV header",
            fix="export the contacts again",
        )
    return rows[0], rows[1:], starts[1:], ends[1:]


def _column(frame: pd.DataFrame, keys: dict[str, int], *names: str) -> pd.Series:
    """The first of ``names`` present (by normalised header), cleaned; all NA when none is."""
    for name in names:
        if name in keys:
            return _clean_text(frame.iloc[:, keys[name]])
    return pd.Series(pd.NA, index=frame.index, dtype=S.STRING)


def _google_keys(
    frame: pd.DataFrame, keys: dict[str, int], pattern: re.Pattern, function
) -> tuple[pd.DataFrame, int]:
    """Melt the 'E-mail N - Value' (or Phone) groups, split ' ::: ' cells, normalise every value."""
    groups: dict[int, dict[str, int]] = {}
    for key, position in keys.items():
        match = pattern.match(key)
        if match:
            kind = "value" if match.group(2) == "value" else "label"
            groups.setdefault(int(match.group(1)), {})[kind] = position
    pieces = []
    for number in sorted(groups):
        if "value" not in groups[number]:
            continue
        value = frame.iloc[:, groups[number]["value"]].astype(S.STRING)
        label = frame.iloc[:, groups[number]["label"]].astype(S.STRING) if "label" in groups[number] else None
        primary = label.str.strip().str.startswith("*").fillna(False) if label is not None else False
        pieces.append(
            pd.DataFrame(
                {
                    "record": np.arange(len(frame)),
                    "cell": value.to_numpy(),
                    "primary": primary,
                    "group": number,
                }
            )
        )
    if not pieces:
        return _typed_keys(pd.DataFrame({"record": [], "value": [], "primary": [], "order": []})), 0
    long = pd.concat(pieces, ignore_index=True)
    long["cell"] = long["cell"].astype(S.STRING).str.split(MULTI_VALUE_SEPARATOR.strip())
    long = long.explode("cell")  # keeps the order within a cell
    long = long.sort_values(["record", "group"], kind="stable")
    return _keys_frame(
        long["record"].to_numpy(), _clean_text(long["cell"]), long["primary"].to_numpy(dtype=bool), function
    )


def _read_google(src: SourceFile, encoding: str | None) -> _Records:
    text = _decode(src, encoding, "UTF-8 text, as Google writes it")
    header, rows, starts, ends = _csv_records(src, text)
    era = _google_era(header)
    if era is None:
        raise ExportFormatError(
            "the header is not a Google Contacts header",
            file=src.name,
            line=1,
            expected="'First Name,Middle Name,Last Name,...,Labels,E-mail 1 - Label,...' or "
            "'Name,Given Name,Additional Name,Family Name,...,Group Membership,...'",
            fix="export the contacts again from contacts.google.com (Export > Google CSV)",
        )
    width = len(header)
    sizes = np.fromiter((len(r) for r in rows), dtype=np.int64, count=len(rows))
    ragged = sizes != width
    quarantine = [
        _quarantine_row(
            S.GOOGLE_CONTACTS, src.name, starts[i], f"n_fields={sizes[i]}≠{width}", _csv_line(rows[i])
        )
        for i in np.flatnonzero(ragged)
    ]
    good = np.flatnonzero(~ragged)
    frame = (
        pd.DataFrame([rows[i] for i in good], columns=range(width), dtype=S.STRING)
        if len(good)
        else pd.DataFrame({i: pd.Series([], dtype=S.STRING) for i in range(width)})
    )
    keys: dict[str, int] = {}
    for position, name in enumerate(header):
        keys.setdefault(_key(name), position)
    name, first, last, company, position = _google_names(frame, keys, era)
    emails, bad_emails = _google_keys(frame, keys, _EMAIL_GROUP, normalise_email)
    phones, bad_phones = _google_keys(frame, keys, _PHONE_GROUP, normalise_phone)
    starts_arr = np.asarray(starts, dtype=np.int64)
    return _Records(
        file=src.name,
        era=era,
        number=good + 1,
        line=starts_arr[good],
        name=name.reset_index(drop=True),
        first_name=first.reset_index(drop=True),
        last_name=last.reset_index(drop=True),
        company=company.reset_index(drop=True),
        position=position.reset_index(drop=True),
        emails=emails,
        phones=phones,
        raw=pd.Series([_csv_line(rows[i]) for i in good], dtype=S.STRING)
        if len(good)
        else pd.Series([], dtype=S.STRING),
        excluded_mask=np.zeros(len(good), dtype=bool),
        excluded_reason=pd.Series(pd.NA, index=range(len(good)), dtype=S.STRING),
        rows_read=len(rows),
        quarantine=quarantine,
        notes=_invalid_note(src.name, bad_emails, bad_phones),
    )


def _google_names(
    frame: pd.DataFrame, keys: dict[str, int], era: str
) -> tuple[pd.Series, pd.Series, pd.Series, pd.Series, pd.Series]:
    """The name, first name, last name, company and position columns of a Google CSV of either header era."""
    if era == ERA_GOOGLE_CURRENT:
        first, last = _column(frame, keys, "first name"), _column(frame, keys, "last name")
        name = _joined(
            [
                _column(frame, keys, "name prefix"),
                first,
                _column(frame, keys, "middle name"),
                last,
                _column(frame, keys, "name suffix"),
            ]
        )
        company = _column(frame, keys, "organization name", "organization 1 - name")
        position = _column(frame, keys, "organization title", "organization 1 - title")
    else:
        first, last = _column(frame, keys, "given name"), _column(frame, keys, "family name")
        composed = _joined([first, _column(frame, keys, "additional name"), last])
        name = _column(frame, keys, "name").fillna(composed)
        company = _column(frame, keys, "organization 1 - name")
        position = _column(frame, keys, "organization 1 - title")
    name = name.fillna(_column(frame, keys, "nickname")).fillna(_column(frame, keys, "file as"))
    return name, first, last, company, position


def _csv_line(row: list[str]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(row)
    return out.getvalue()[:MAX_RAW_CHARS]


# ---------------------------------------------------------------- vCard
def _logical_lines(text: str) -> pd.DataFrame:
    """Unfolded content lines with the physical line each starts on (blank lines dropped).

    A physical line starting with a space or a tab continues the previous one
    (RFC 6350 3.2; the one whitespace character is removed).  In vCard 2.1 a
    quoted-printable value ending with ``=`` continues on the next line (a
    soft line break; the ``=`` is removed).
    """
    physical = pd.Series(text.split("\n"), dtype=S.STRING).str.removesuffix("\r")
    n = len(physical)
    folded = physical.str.match(r"[ \t]").to_numpy(dtype=bool)
    ends_eq = physical.str.endswith("=").to_numpy(dtype=bool)
    qp_start = physical.str.contains(_QP_START, regex=True).to_numpy(dtype=bool) & ~folded
    # Line i continues a quoted-printable value when lines s..i-1 all end with '=' and s starts one.
    index = np.arange(n)
    last_plain = np.maximum.accumulate(np.where(~ends_eq, index, -1))
    starts_seen = np.cumsum(qp_start)
    previous = index - 1
    before_run = np.where(previous >= 0, last_plain[np.maximum(previous, 0)], -1)
    qp_in_run = np.where(
        previous >= 0,
        starts_seen[np.maximum(previous, 0)]
        - np.where(before_run >= 0, starts_seen[np.maximum(before_run, 0)], 0),
        0,
    )
    qp_cont = (previous >= 0) & ends_eq[np.maximum(previous, 0)] & (qp_in_run > 0) & ~folded
    continues = folded | qp_cont
    continues[0] = False
    piece = physical.where(~folded, physical.str.slice(1))
    followed_by_qp = np.append(qp_cont[1:], False)
    piece = piece.where(~followed_by_qp, piece.str.slice(0, -1))
    logical_id = np.cumsum(~continues)
    lines = pd.DataFrame(
        {"text": piece.groupby(logical_id).sum(), "line": pd.Series(index + 1).groupby(logical_id).first()}
    )
    lines = lines.loc[lines["text"].str.strip().ne("")].reset_index(drop=True)
    lines["text"] = lines["text"].astype(S.STRING)
    return lines


def _unescape(values: pd.Series) -> pd.Series:
    """Undo vCard text escapes: ``\\n`` -> newline, ``\\,`` ``\\;`` ``\\\\`` -> the character."""
    return values.str.replace(_ESCAPE, lambda m: "\n" if m.group(1) in "nN" else m.group(1), regex=True)


def _components(values: pd.Series, count: int) -> pd.DataFrame:
    """The first ``count`` ';'-separated components of a structured value, unescaped and cleaned."""
    pattern = "^" + _COMPONENT + "".join(f"(?:;{_COMPONENT})?" for _ in range(count - 1))
    parts = values.str.extract(pattern)
    return pd.DataFrame(
        {i: _clean_text(_unescape(parts[i].astype(S.STRING))) for i in range(count)}, index=values.index
    )


def _decode_quoted_printable(
    values: pd.Series, params: pd.Series, encoding: str | None
) -> tuple[pd.Series, np.ndarray, int]:
    """Decode the quoted-printable values; mask of those that fail, and how many needed the fallback.

    A value in its declared CHARSET (one that does not decode fails); a value
    that declares none by the rule for bytes with no declared charset
    (:func:`~netstats.sources._decode.decode_undeclared`: UTF-8, else
    ``encoding`` or Latin-1, never refused).
    """
    qp = params.str.upper().str.contains("QUOTED-PRINTABLE", regex=False).fillna(False).to_numpy(dtype=bool)
    out = values.copy()
    failed = np.zeros(len(values), dtype=bool)
    undeclared = 0
    for position in np.flatnonzero(qp):  # only the quoted-printable values: few, and only in vCard 2.1
        charset = _CHARSET.search(params.iloc[position] or "")
        try:
            raw = quopri.decodestring(values.iloc[position].encode("ascii"))
            if charset:
                decoded = raw.decode(charset.group(1))
            else:
                decoded, fallback = decode_undeclared(raw, encoding)
                undeclared += fallback
            out.iloc[position] = decoded
        except (UnicodeError, LookupError):
            failed[position] = True
    return out, failed, undeclared


def _read_vcard(src: SourceFile, encoding: str | None) -> _Records:
    text = _vcard_text(src, encoding)
    lines = _logical_lines(text)
    cards = _Cards.of(lines, encoding)
    quarantine = _unreadable_cards(cards, src.name) + _outside_cards(cards, lines, src.name)
    properties = cards.properties.loc[cards.in_card & cards.ok[cards.card] & ~cards.is_begin & ~cards.is_end]
    properties["value"] = properties["value"].astype(S.STRING)
    properties["params"] = properties["params"].astype(S.STRING)
    good_cards = np.flatnonzero(cards.ok)
    position_of = pd.Series(np.arange(len(good_cards)), index=good_cards)
    properties["record"] = position_of.reindex(properties["card"]).to_numpy()

    def single(name: str) -> pd.Series:
        rows = properties.loc[properties["prop"].eq(name)].groupby("record")["value"].first()
        return rows.reindex(range(len(good_cards))).astype(S.STRING).reset_index(drop=True)

    full_name = _clean_text(_unescape(single("FN")))
    structured = _components(single("N").fillna(""), 5)  # family; given; additional; prefix; suffix
    composed = _joined([structured[3], structured[1], structured[2], structured[0], structured[4]])
    organisation = _components(single("ORG").fillna(""), 1)[0]
    title = _clean_text(_unescape(single("TITLE")))
    kind = single("KIND").str.strip().str.casefold()
    versions = single("VERSION").str.strip()
    name = full_name.fillna(composed).fillna(_clean_text(_unescape(single("NICKNAME"))))

    def keys(name_: str, function, strip_uri: str) -> tuple[pd.DataFrame, int]:
        rows = properties.loc[properties["prop"].eq(name_)]
        values = _clean_text(_unescape(rows["value"]).str.replace(strip_uri, "", regex=True, case=False))
        preferred = (
            rows["params"].str.upper().str.contains(r"PREF", regex=True).fillna(False).to_numpy(dtype=bool)
        )
        return _keys_frame(rows["record"].to_numpy(), values, preferred, function)

    emails, bad_emails = keys("EMAIL", normalise_email, r"^mailto:")
    phones, bad_phones = keys("TEL", normalise_phone, r"^tel:")
    seen = sorted(set(versions.dropna()))
    is_group = kind.eq("group").fillna(False).to_numpy(dtype=bool)
    return _Records(
        file=src.name,
        era="+".join(seen) if seen else "unknown",
        number=good_cards,
        line=cards.first_line[good_cards],
        name=name,
        first_name=structured[1].reset_index(drop=True),
        last_name=structured[0].reset_index(drop=True),
        company=organisation.reset_index(drop=True),
        position=title,
        emails=emails,
        phones=phones,
        raw=pd.Series(cards.raw.reindex(good_cards).to_numpy(), dtype=S.STRING),
        excluded_mask=is_group,
        excluded_reason=pd.Series(np.where(is_group, REASON_GROUP_CARD, None), dtype=S.STRING),
        rows_read=cards.n_cards + cards.n_outside_blocks,
        quarantine=quarantine,
        notes=_invalid_note(src.name, bad_emails, bad_phones) + _undeclared_note(src.name, cards, encoding),
    )


def _undeclared_note(file: str, cards: _Cards, encoding: str | None) -> list[str]:
    if not cards.n_undeclared:
        return []
    return [
        f"{file}: {cards.n_undeclared} quoted-printable value(s) declare no CHARSET and are not UTF-8; "
        f"decoded as {encoding or 'Latin-1'} (pass encoding= if names look wrong)."
    ]


def _vcard_text(src: SourceFile, encoding: str | None) -> str:
    """The decoded text of a vCard file, or an error when it holds no card."""
    if encoding is None and not src.data.startswith((b"\xff\xfe", b"\xfe\xff")):
        src = SourceFile(src.logical, src.name, _SPLIT_CHARACTER.sub(rb"\1\3\2", src.data), src.family)
    text = _decode(src, encoding, "vCard text in UTF-8")
    if not _VCARD_HEAD.match(text) and not re.search(r"(?im)^BEGIN:VCARD[ \t]*\r?$", text):
        raise ExportFormatError(
            "no BEGIN:VCARD line: the file is not a vCard address book",
            file=src.name,
            expected="vCard 2.1, 3.0 or 4.0 cards (BEGIN:VCARD ... END:VCARD)",
            fix="export the address book again as vCard (.vcf)",
        )
    return text


@dataclass
class _Cards:
    """Which card each logical line of a vCard file belongs to, and what could not be read in each card."""

    card: np.ndarray  # card number of each line (0 before the first BEGIN)
    is_begin: np.ndarray
    is_end: np.ndarray
    in_card: np.ndarray  # between a BEGIN and its first END
    n_cards: int
    has_end: np.ndarray  # per card number
    first_line: np.ndarray  # per card number: the line of its BEGIN
    raw: pd.Series  # per card number: its text, capped
    bad_line: pd.Series  # card number -> first line that is not a property
    bad_charset: pd.Series  # card number -> first quoted-printable value that is not text in its CHARSET
    properties: pd.DataFrame  # card, prop, params, value of every line
    ok: np.ndarray  # per card number: readable so far
    n_outside_blocks: int = 0
    n_undeclared: int = 0  # quoted-printable values with no CHARSET that are not UTF-8

    @classmethod
    def of(cls, lines: pd.DataFrame, encoding: str | None) -> _Cards:
        parts = lines["text"].str.extract(_PROPERTY)
        bare = lines["text"].str.strip().str.upper()
        is_begin = bare.eq("BEGIN:VCARD").to_numpy(dtype=bool)
        is_end = bare.eq("END:VCARD").to_numpy(dtype=bool)
        card = np.cumsum(is_begin)
        # A card ends at its first END:VCARD; what follows before the next BEGIN is outside any card.
        ends_before = pd.Series(is_end).groupby(card).cumsum().to_numpy() - is_end
        in_card = (card > 0) & (ends_before == 0)
        n_cards = int(card.max()) if len(card) else 0
        has_end = np.zeros(n_cards + 1, dtype=bool)
        has_end[card[in_card & is_end]] = True
        first_line = np.zeros(n_cards + 1, dtype=np.int64)
        first_line[card[is_begin]] = lines["line"].to_numpy()[is_begin]
        raw = (
            lines.loc[in_card]
            .groupby(card[in_card])["text"]
            .agg(lambda t: "\n".join(t)[:MAX_RAW_CHARS])
            .reindex(range(n_cards + 1))
        )
        # Lines that are not properties, inside a card: the card cannot be trusted.
        malformed = in_card & parts["prop"].isna().to_numpy() & ~is_begin & ~is_end
        bad_line = pd.Series(lines["line"].to_numpy()[malformed]).groupby(card[malformed]).first()
        value, qp_failed, undeclared = _decode_quoted_printable(
            parts["value"].astype(S.STRING), parts["params"].astype(S.STRING), encoding
        )
        bad_charset = (
            pd.Series(lines["line"].to_numpy()[qp_failed & in_card])
            .groupby(card[qp_failed & in_card])
            .first()
        )
        properties = pd.DataFrame(
            {
                "card": card,
                "prop": parts["prop"].str.upper().to_numpy(),
                "params": parts["params"].astype(S.STRING).to_numpy(),
                "value": value.to_numpy(),
            }
        )
        ok = np.ones(n_cards + 1, dtype=bool)
        ok[0] = False
        return cls(
            card,
            is_begin,
            is_end,
            in_card,
            n_cards,
            has_end,
            first_line,
            raw,
            bad_line,
            bad_charset,
            properties,
            ok,
            n_undeclared=undeclared,
        )


def _unreadable_cards(cards: _Cards, file: str) -> list[dict]:
    """Quarantine rows of cards with a line that is not a property, a bad CHARSET or no END, in that order."""
    quarantine: list[dict] = []
    for number, line in cards.bad_line.items():
        reason = f"line {line} is not a vCard property (NAME:value)"
        quarantine.append(_quarantine_row(S.VCARD, file, cards.first_line[number], reason, cards.raw[number]))
        cards.ok[number] = False
    for number, line in cards.bad_charset.items():
        if cards.ok[number]:
            reason = f"line {line}: the quoted-printable value is not text in its CHARSET"
            quarantine.append(
                _quarantine_row(S.VCARD, file, cards.first_line[number], reason, cards.raw[number])
            )
            cards.ok[number] = False
    for number in np.flatnonzero(~cards.has_end[1:]) + 1:
        if cards.ok[number]:
            quarantine.append(
                _quarantine_row(S.VCARD, file, cards.first_line[number], REASON_NO_END, cards.raw[number])
            )
            cards.ok[number] = False
    return quarantine


def _outside_cards(cards: _Cards, lines: pd.DataFrame, file: str) -> list[dict]:
    """Text outside any card: each run of such lines is one unreadable record."""
    outside = ~cards.in_card
    block_start = outside & ~np.append(False, outside[:-1])
    cards.n_outside_blocks = int(block_start.sum())
    if not outside.any():
        return []
    outside_lines = lines.loc[outside].assign(block=np.cumsum(block_start)[outside])
    return [
        _quarantine_row(S.VCARD, file, int(block["line"].iloc[0]), REASON_OUTSIDE, "\n".join(block["text"]))
        for _, block in outside_lines.groupby("block")
    ]


# ---------------------------------------------------------------- entry point
def read(
    files: Sequence[SourceFile], *, source: str, encoding: str | None = None, owner: Sequence[str] = ()
) -> list[Part]:
    """Read Google Contacts CSV and vCard files into one part per platform found.

    Parameters
    ----------
    files : sequence of SourceFile
        The files :func:`netstats.sources._archive.open_export` handed to this family
        (logical kinds ``'google_contacts_csv'`` and ``'vcard'``).
    source : str
        The path the files were read from.
    encoding : str, optional
        Decode with this encoding instead of UTF-8 / UTF-16 (with a BOM).
    owner : sequence of str
        The owner's names, e-mail addresses and phone numbers: a card holding
        one of these addresses or numbers is the owner's own and is excluded.

    Returns
    -------
    list of Part
        A ``google_contacts`` part for the CSV files and a ``vcard`` part for
        the vCard files (each when present), in that order.

    Raises
    ------
    ExportFormatError
        A file that is not text in the expected encoding, a CSV whose header is
        not a Google Contacts one, a CSV record that is not valid CSV, or a
        ``.vcf`` without any ``BEGIN:VCARD``.

    Examples
    --------
    >>> card = (b"BEGIN:VCARD\\r\\nVERSION:3.0\\r\\nFN:Ann Lee\\r\\n"
    ...         b"EMAIL;TYPE=INTERNET:Ann@Example.org\\r\\nEND:VCARD\\r\\n")
    >>> [part] = read([SourceFile("vcard", "contacts.vcf", card, FAMILY)], source="contacts.vcf")
    >>> part.connections[["contact_id", "name", "email", "relationship"]].to_dict("records")
    ... # doctest: +NORMALIZE_WHITESPACE
    [{'contact_id': 'vcard:1', 'name': 'Ann Lee', 'email': 'ann@example.org',
      'relationship': 'saved_contact'}]
    >>> part.ledger[["rows_read", "kept", "excluded", "quarantined"]].iloc[0].tolist()
    [1, 1, 0, 0]
    """
    google = sorted((f for f in files if f.logical == GOOGLE_CSV), key=lambda f: f.name)
    vcards = sorted((f for f in files if f.logical == VCARD_FILE), key=lambda f: f.name)
    unknown = [f.name for f in files if f.logical not in REPEATABLE]
    if unknown:
        raise ExportFormatError(
            f"the address-book reader was handed a file of another kind ({len(unknown)} file(s))",
            file=unknown[0],
            expected="a Google Contacts CSV or a vCard file",
        )
    parts = []
    if google:
        parts.append(
            _part(S.GOOGLE_CONTACTS, source, [_read_google(f, encoding) for f in google], google, owner)
        )
    if vcards:
        parts.append(_part(S.VCARD, source, [_read_vcard(f, encoding) for f in vcards], vcards, owner))
    return parts
