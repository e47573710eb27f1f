"""Turn the raw string tables of an export into tidy, typed tables: :func:`load`.

What this stage decides (the facts behind each rule are in
``research/linkedin_and_other_export_formats.md``):

* **Identity.** A person's ``contact_id`` is their LinkedIn profile slug, taken
  from the profile URL after percent-decoding (Connections.csv encodes
  non-ASCII slugs, the other files do not) and lowercasing.  Exports from
  before 2023 lack URLs in places; there the id falls back to
  ``name:<casefolded name>``, a weaker key.  Two people with the same name
  stay two contacts when their URLs differ.  A name id is replaced by the URL
  id of the one profile seen with that name elsewhere in the export (2021-22
  Connections list names, messages.csv gives senders' URLs), so one person
  is one contact; a note counts these name matches.
* **The owner** is found, in order, from the inviter URL of outgoing
  invitations, the Profile.csv name matched to a message sender, the
  participant present in (nearly) every conversation (2023+ files, which list
  recipients), and for 2018 exports the ``Direction`` column.  Message
  direction follows from it.
* **Conversations and recipients.** Recipients come from ``RECIPIENT PROFILE
  URLS``; ``TO`` is never split on commas (names hold ``", "``).  Without that
  column, a message's recipients are the other participants of its
  conversation.  The 2018 format has no conversation ids: its ``To`` cells are
  read as the names known from the export, and a conversation is the set of
  people in it besides the owner.
* **Excluded by rule** (counted in the ledger, listed in ``Export.excluded``):
  hidden-profile rows of Connections.csv (only a date), empty rows, message
  drafts (``IS MESSAGE DRAFT = Yes``; in exports without that column, an
  empty ``FOLDER``, which is how real drafts look), and repeated connections.
* **Quarantined** (``Export.quarantine``): records that cannot be read —
  ragged rows, unparseable dates, unknown directions, giant fields.
* **Flagged, kept**: sponsored / InMail rows (``LinkedIn Member`` or a brand,
  no sender URL, spinmail HTML, ``%FIRSTNAME%``) get ``is_sponsored`` and no
  ``sender_id``, so they are never merged into one person.
* **Times.** Message times are UTC (the file says so).  Invitation times have
  no zone and stay naive.  Connection dates are dates.  The 2018 message
  format has no zone either; those times are read as UTC and a note says so.
"""

from __future__ import annotations

import html
import os
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from . import _schema as S
from ._archive import DEFAULT_LIMITS, ArchiveLimits, open_export
from ._errors import NotAnExportError
from ._export import Export, Owner
from ._sources import RawTable, raw_record_text, read_table
from ._text import contact_id_for, contact_ids, name_key, name_keys, normalise_profile_urls

_EMAIL = r"^[^@\s,;<>]+@[^@\s,;<>]+\.[^@\s,;<>]+$"
_MEMBER_URN = r"^urn:li:member:\d+$"
CONNECTED_ON_FORMATS = ("%d %b %Y", "%m/%d/%y, %I:%M %p", "%d-%b-%y")
MESSAGE_DATE_FORMAT = "%Y-%m-%d %H:%M:%S UTC"
US_DATETIME_FORMAT = "%m/%d/%y, %I:%M %p"
SPONSORED_SENDERS = ("linkedin member",)
SPONSORED_TITLES = ("sponsored conversation",)
SPONSORED_CONTENT = r'^<p class="spinmail-quill-editor|%FIRSTNAME%'
# LinkedIn's suggested invitation texts and their common variants (normalised:
# casefolded, greeting and the invitee's name removed, punctuation dropped).
STOCK_NOTES = frozenset(
    {
        "id like to add you to my professional network",
        "i would like to add you to my professional network",
        "id like to join your linkedin network",
        "i would like to join your linkedin network",
        "id like to connect",
        "i would like to connect",
        "i would like to connect with you",
        "id like to connect with you",
        "lets connect",
        "please accept my invitation",
        "please accept my invitation to connect",
        "looking forward to connecting",
        "i came across your profile and would like to connect",
        "happy to connect",
        "would love to connect",
        "id love to connect",
        "i would love to connect",
        "lets stay in touch",
        "connect with me",
    }
)
_GREETING = re.compile(r"^(?:hi|hello|hey|dear|hallo|bonjour|hola)\b\s*")


@dataclass
class _Cleaned:
    frame: pd.DataFrame
    excluded: list[pd.DataFrame] = field(default_factory=list)
    quarantine: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # people seen only as the single recipient of a message, named by its TO
    named: pd.DataFrame | None = None
    # messages, first pass: one (row, normalised URL) pair per listed recipient
    recipients: pd.DataFrame | None = None
    # messages, first pass: CONTENT of every record and the records kept (taken once, in final order)
    content: pa.Array | None = None
    kept: np.ndarray | None = None


# ---------------------------------------------------------------- helpers
def _blank_to_na(series: pd.Series) -> pd.Series:
    """The column as text, an empty value missing."""
    text = pa.array(series.astype(S.STRING).array)
    blank = pc.equal(pc.binary_length(text), 0)
    if not pc.any(blank).as_py():
        return series.astype(S.STRING)
    cleared = pc.if_else(blank, pa.scalar(None, text.type), text)
    return pd.Series(pd.arrays.ArrowStringArray(cleared.cast(pa.large_string())), index=series.index)


def parse_times(values: pd.Series, formats: tuple[str, ...]) -> pd.Series:
    """Parse text times with explicit formats, tried in order; failures become NaT (the caller quarantines them).

    Narrow and no-break spaces (U+202F, U+00A0) count as spaces.

    Examples
    --------
    >>> parse_times(pd.Series(["08 Feb 2026", "1/8/18, 6:14\u202fPM", "13/02/2026"]),
    ...             ("%d %b %Y", "%m/%d/%y, %I:%M %p")).tolist()
    [Timestamp('2026-02-08 00:00:00'), Timestamp('2018-01-08 18:14:00'), NaT]
    """
    text = pa.array(values.astype(S.STRING).array)
    for space in ("\u202f", "\u00a0", "\u2009"):
        text = pc.replace_substring(text, space, " ")
    parsed = None
    for fmt in formats:
        attempt = pc.strptime(text, format=fmt, unit="s", error_is_null=True)
        parsed = attempt if parsed is None else pc.coalesce(parsed, attempt)
    stamps = parsed.cast(pa.timestamp("ns")).to_numpy(zero_copy_only=False)
    return pd.Series(stamps, index=values.index, dtype=S.NAIVE_TIME)


def _excluded(raw: RawTable, mask: pd.Series, reason: str) -> pd.DataFrame:
    lines = raw.frame.loc[mask.to_numpy(), S.SOURCE_LINE]
    return pd.DataFrame({S.FILE: raw.file, S.LINE: lines.to_numpy(dtype="int64"), S.REASON: reason})


def _quarantined(raw: RawTable, frame: pd.DataFrame, mask: pd.Series, reason: str) -> list[dict]:
    if not mask.any():
        return []
    columns = [c for c in frame.columns if c != S.SOURCE_LINE]
    texts = raw_record_text(frame, mask.to_numpy(), columns)
    lines = frame.loc[mask.to_numpy(), S.SOURCE_LINE].tolist()
    return [{S.FILE: raw.file, S.LINE: int(line), S.REASON: reason, S.RAW: text} for line, text in zip(lines, texts)]


def _mode(series: pd.Series) -> str | None:
    values = series.dropna()
    if values.empty:
        return None
    counts = values.value_counts()
    top = counts[counts == counts.iloc[0]].index
    return str(sorted(top)[0])


# ---------------------------------------------------------------- connections
def clean_connections(raw: RawTable) -> _Cleaned:
    """Connections.csv -> one row per connection (hidden profiles and repeats excluded, bad dates quarantined)."""
    f = raw.frame
    text_cols = ["FIRST NAME", "LAST NAME", "URL", "EMAIL ADDRESS", "COMPANY", "POSITION"]
    blank = {c: f[c].fillna("").eq("") for c in text_cols}
    no_person = np.logical_and.reduce([blank[c].to_numpy() for c in text_cols])
    no_date = f["CONNECTED ON"].fillna("").eq("").to_numpy()
    empty = pd.Series(no_person & no_date, index=f.index)
    hidden = pd.Series(no_person & ~no_date, index=f.index)
    out = _Cleaned(frame=f)
    out.excluded += [_excluded(raw, empty, "empty row"), _excluded(raw, hidden, "hidden profile (the row holds only a date)")]

    rest = f.loc[~(empty | hidden).to_numpy()].copy()
    connected = parse_times(rest["CONNECTED ON"], CONNECTED_ON_FORMATS)
    bad_date = connected.isna()
    out.quarantine += _quarantined(
        raw, rest, bad_date, "Connected On is not a date in a known format (expected like 08 Feb 2026)"
    )
    rest = rest.loc[~bad_date.to_numpy()]
    connected = connected.loc[~bad_date.to_numpy()]

    first = _blank_to_na(rest["FIRST NAME"])
    last = _blank_to_na(rest["LAST NAME"])
    name = (first.fillna("") + " " + last.fillna("")).str.strip().replace("", pd.NA)
    url = _normalised_urls(_blank_to_na(rest["URL"]))
    email_raw = _blank_to_na(rest["EMAIL ADDRESS"])
    email = email_raw.where(email_raw.str.match(_EMAIL, na=False))
    urn = email_raw.where(email_raw.str.match(_MEMBER_URN, na=False))
    ids = contact_ids(url, name)

    frame = pd.DataFrame(
        {
            S.CONTACT_ID: ids,
            S.NAME: name,
            S.FIRST_NAME: first,
            S.LAST_NAME: last,
            S.PROFILE_URL: url,
            S.EMAIL: email,
            S.MEMBER_URN: urn,
            S.COMPANY: _blank_to_na(rest["COMPANY"]),
            S.POSITION: _blank_to_na(rest["POSITION"]),
            S.CONNECTED_ON: connected,
            S.SOURCE_LINE: rest[S.SOURCE_LINE],
        }
    )
    # The same profile URL twice is one person listed twice; the same *name*
    # without URLs may be two people, so those get a numbered id instead.
    has_url = frame[S.PROFILE_URL].notna()
    repeat = frame[S.CONTACT_ID].duplicated() & has_url
    if repeat.any():
        out.excluded.append(
            pd.DataFrame(
                {S.FILE: raw.file, S.LINE: frame.loc[repeat, S.SOURCE_LINE].to_numpy(), S.REASON: "repeated connection (same profile URL)"}
            )
        )
        frame = frame.loc[~repeat]
    nth = frame.groupby(S.CONTACT_ID, sort=False).cumcount()
    renumber = (nth > 0) & frame[S.PROFILE_URL].isna()
    if renumber.any():
        frame.loc[renumber, S.CONTACT_ID] = frame.loc[renumber, S.CONTACT_ID] + "#" + (nth[renumber] + 1).astype(str)
    out.frame = S.conform(frame, S.CONNECTIONS_COLUMNS)
    return out


# ---------------------------------------------------------------- invitations
def _note_key(note: str, name: str | None) -> str:
    text = note.casefold()
    for part in sorted({p for p in (name or "").casefold().split() if len(p) > 1}, key=len, reverse=True):
        text = re.sub(rf"\b{re.escape(part)}\b", " ", text)
    text = re.sub(r"[^\w\s]", "", text)
    text = " ".join(text.split())
    return _GREETING.sub("", text).strip()


def classify_notes(notes: pd.Series, names: pd.Series, contact: pd.Series) -> pd.Series:
    """Classify invitation notes as ``none``, ``generic`` or ``personal``.

    A note is generic when, once the greeting, the invitee's name and
    punctuation are removed, it is one of LinkedIn's stock phrases, or the same
    text was sent to (or received from) two or more different people — a
    template.  Everything else with text is personal.

    Examples
    --------
    >>> notes = pd.Series(["", "Hi Ann, I'd like to add you to my professional network.",
    ...                    "Loved your talk on tidy data at PyCon!", "Hi Bo, great to meet you",
    ...                    "Hi Cy, great to meet you"])
    >>> names = pd.Series(["Zed", "Ann Lee", "Di", "Bo Ek", "Cy Li"])
    >>> classify_notes(notes, names, pd.Series(["z", "a", "d", "b", "c"])).tolist()
    ['none', 'generic', 'personal', 'generic', 'generic']
    """
    notes = notes.astype(S.STRING).fillna("")
    keys = pd.Series(
        [_note_key(n, m if isinstance(m, str) else None) if n else "" for n, m in zip(notes, names.astype(object))],
        index=notes.index,
        dtype=S.STRING,
    )
    people_per_key = pd.DataFrame({"key": keys, "who": contact.astype(S.STRING).fillna("?")}).groupby("key")["who"].nunique()
    shared = keys.map(people_per_key).fillna(0).astype(int) >= 2
    stock = keys.isin(STOCK_NOTES) | (keys.str.split().str.len().fillna(0).astype(int).le(3) & keys.str.contains("connect", na=False))
    kind = np.where(notes.eq("").to_numpy(), S.NOTE_NONE, np.where((shared | stock).to_numpy(), S.NOTE_GENERIC, S.NOTE_PERSONAL))
    return pd.Series(kind, index=notes.index, dtype=S.STRING)


def clean_invitations(raw: RawTable) -> _Cleaned:
    """Invitations.csv -> one row per invitation, the counterpart's id, naive time and note kind."""
    f = raw.frame
    out = _Cleaned(frame=f)
    cells = ["FROM", "TO", "SENT AT", "MESSAGE", "DIRECTION"]
    empty = pd.Series(np.logical_and.reduce([f[c].fillna("").eq("").to_numpy() for c in cells]), index=f.index)
    out.excluded.append(_excluded(raw, empty, "empty row"))
    rest = f.loc[~empty.to_numpy()]

    direction = rest["DIRECTION"].fillna("").str.upper()
    bad_direction = ~direction.isin(["INCOMING", "OUTGOING"])
    out.quarantine += _quarantined(raw, rest, bad_direction, "Direction is neither INCOMING nor OUTGOING")
    sent_at = parse_times(rest["SENT AT"], (US_DATETIME_FORMAT,))
    bad_date = sent_at.isna() & ~bad_direction
    out.quarantine += _quarantined(raw, rest, bad_date, "Sent At is not a date (expected like 3/7/26, 1:07 PM)")
    ok = ~(bad_direction | bad_date).to_numpy()
    rest, direction, sent_at = rest.loc[ok], direction.loc[ok], sent_at.loc[ok]

    outgoing = direction.eq("OUTGOING")
    name = _blank_to_na(rest["TO"].where(outgoing, rest["FROM"]))
    url_raw = _blank_to_na(rest["INVITEEPROFILEURL"].where(outgoing, rest["INVITERPROFILEURL"]))
    url = normalise_profile_urls(url_raw)
    ids = contact_ids(url, name)
    message = _blank_to_na(rest["MESSAGE"])
    owner_name = _blank_to_na(rest["FROM"].where(outgoing, rest["TO"]))
    frame = pd.DataFrame(
        {
            S.CONTACT_ID: ids,
            S.NAME: name,
            S.PROFILE_URL: url,
            S.DIRECTION: np.where(outgoing, S.OUTGOING, S.INCOMING),
            S.SENT_AT: sent_at,
            S.MESSAGE: message,
            # Mask both names: a note greets the invitee, who is the owner on incoming rows.
            S.NOTE_KIND: classify_notes(message, name.fillna("") + " " + owner_name.fillna(""), ids),
            S.SOURCE_LINE: rest[S.SOURCE_LINE],
            # kept for owner detection, dropped by conform
            "_owner_url": normalise_profile_urls(
                _blank_to_na(rest["INVITERPROFILEURL"].where(outgoing, rest["INVITEEPROFILEURL"]))
            ),
            "_owner_name": owner_name,
        }
    )
    out.frame = frame
    return out


# ---------------------------------------------------------------- owner
def _profile_name(raw: RawTable | None) -> str | None:
    if raw is None or raw.frame.empty:
        return None
    row = raw.frame.iloc[0]
    name = " ".join(str(v) for v in (row["FIRST NAME"], row["LAST NAME"]) if isinstance(v, str) and v).strip()
    return name or None


def find_owner(invitations: pd.DataFrame | None, profile_name: str | None, messages: _Cleaned | None) -> Owner:
    """Identify the account owner (see the module docstring for the order of the clues).

    ``messages`` is the first pass over messages.csv (:func:`_prepare_messages`).
    """
    name = profile_name
    if invitations is not None and not invitations.empty:
        url = _mode(invitations["_owner_url"])
        name = name or _mode(invitations.loc[invitations[S.DIRECTION].eq(S.OUTGOING), "_owner_name"])
        if url:
            return Owner(name, url, contact_id_for(url, name), "invitations inviter URL")
    frame = messages.frame if messages is not None else None
    if frame is not None and not frame.empty:
        if "_legacy_direction" in frame:
            outgoing = frame["_legacy_direction"].eq("OUTGOING")
            legacy_name = name or _mode(frame.loc[outgoing, "FROM"]) or _mode(frame.loc[~outgoing, "TO"])
            if legacy_name:
                return Owner(legacy_name, None, contact_id_for(None, legacy_name), "2018 Direction column")
        senders = frame.loc[frame["_sender_url"].notna(), ["CONVERSATION ID", "FROM", "_sender_url"]]
        if name:
            matched = senders.loc[name_keys(senders["FROM"]).eq(name_key(name)).fillna(False).to_numpy(bool)]
            url = _mode(matched["_sender_url"])
            if url:
                return Owner(name, url, contact_id_for(url, name), "Profile.csv name matched to a message sender")
        listed = messages.recipients
        participants = pd.concat(
            [
                pd.DataFrame({"conv": senders["CONVERSATION ID"].to_numpy(), "url": senders["_sender_url"].to_numpy()}),
                pd.DataFrame(
                    {"conv": frame["CONVERSATION ID"].to_numpy()[listed["row"].to_numpy()], "url": listed["url"].to_numpy()}
                ),
            ]
        ).dropna().drop_duplicates()
        # Only the URL lists (2023+) name the owner in conversations where they never wrote,
        # and one conversation cannot tell its two sides apart.
        conversations = frame["CONVERSATION ID"].nunique()
        if conversations >= 2 and not listed.empty and not participants.empty:
            share = participants.groupby("url")["conv"].nunique().sort_index() / conversations
            best = share.sort_values(ascending=False, kind="stable")
            if best.iloc[0] >= 0.9 and (len(best) == 1 or best.iloc[1] < best.iloc[0]):
                url = str(best.index[0])
                owner_name = name or _mode(senders.loc[senders["_sender_url"].eq(url), "FROM"])
                return Owner(owner_name, url, contact_id_for(url, owner_name), "participant of (nearly) every conversation")
        if name:
            return Owner(name, None, contact_id_for(None, name), "Profile.csv name")
    if name:
        return Owner(name, None, contact_id_for(None, name), "outgoing invitations sender name")
    return Owner(None, None, None, "not found")


# ---------------------------------------------------------------- identity across files
def name_links(pairs: list[pd.DataFrame]) -> pd.Series:
    """Map name ids to the profile-URL id of the one person seen with that name.

    Exports before 2023 list connections (and before 2024 invitations) by name
    only, while messages.csv gives senders' URLs since 2021.  Where a name
    belongs to exactly one profile URL anywhere in the export, the name id
    ``name:<key>`` is replaced by that URL's id so one person is one contact.
    A name seen with two different URLs is ambiguous and left alone.

    Parameters
    ----------
    pairs : list of DataFrame
        Frames with columns ``name`` and ``contact_id`` (URL-based ids only).

    Examples
    --------
    >>> pairs = pd.DataFrame({"name": ["Ann Lee", "ann  lee", "Bo Ek", "Bo Ek"],
    ...                       "contact_id": ["ann-lee", "ann-lee", "bo-ek-1", "bo-ek-2"]})
    >>> name_links([pairs]).to_dict()
    {'name:ann lee': 'ann-lee'}
    """
    frames = [p[[S.NAME, S.CONTACT_ID]] for p in pairs if len(p)]
    if not frames:
        return pd.Series([], dtype=S.STRING)
    both = pd.concat(frames, ignore_index=True).astype(S.STRING).dropna()
    keys = "name:" + name_keys(both[S.NAME])
    table = pd.DataFrame({"key": keys, "id": both[S.CONTACT_ID]}).dropna().drop_duplicates()
    unique = table.groupby("key")["id"].transform("size").eq(1)
    return table.loc[unique.to_numpy()].set_index("key")["id"].astype(S.STRING).sort_index()


def _linked(ids: pd.Series, links: pd.Series) -> pd.Series:
    """Replace the name ids that ``links`` knows by their URL ids."""
    ids = ids.astype(S.STRING)
    if links.empty or ids.empty:
        return ids
    by_name = pc.fill_null(pc.starts_with(_arrow_text(ids), "name:"), False).to_numpy(zero_copy_only=False)
    if not by_name.any():
        return ids
    out = ids.copy()
    mapped = ids[by_name].map(links).astype(S.STRING)
    out[by_name] = mapped.fillna(ids[by_name]).array
    return out


# ---------------------------------------------------------------- messages
def _arrow_text(series: pd.Series) -> pa.Array:
    """A text column as a pyarrow string array (no copy for pyarrow-backed columns)."""
    return pa.array(series.astype(S.STRING).array)


def _is_blank(series: pd.Series) -> np.ndarray:
    """Mask of the missing or empty values of a text column."""
    return pc.fill_null(pc.equal(pc.binary_length(_arrow_text(series)), 0), True).to_numpy(zero_copy_only=False)


# A profile URL already in the normal form of normalise_profile_url: it maps to itself.
_NORMAL_PROFILE_URL = r"^https://www\.linkedin\.com/in/[a-z0-9][a-z0-9\-]*$"
_NORMAL_PREFIX = len("https://www.linkedin.com/in/")


def _per_distinct_text(values: pd.Series, compute) -> pd.Series:
    """Apply ``compute`` (text Series -> text Series) to the distinct values only, then spread the result back."""
    codes, uniques = pd.factorize(values.astype(S.STRING), use_na_sentinel=True)
    done = _arrow_text(compute(pd.Series(uniques, dtype=S.STRING)))
    spread = pc.take(done, pa.array(codes, mask=codes < 0)) if len(done) else pa.nulls(len(codes), pa.large_string())
    return pd.Series(pd.arrays.ArrowStringArray(spread.cast(pa.large_string())), index=values.index)


def _normal_form(urls: pd.Series) -> np.ndarray:
    return pc.fill_null(pc.match_substring_regex(_arrow_text(urls), _NORMAL_PROFILE_URL), False).to_numpy(zero_copy_only=False)


def _normalised_urls(urls: pd.Series) -> pd.Series:
    """:func:`netstats._text.normalise_profile_urls`, computed per distinct URL, vectorised for URLs already normal."""

    def compute(distinct: pd.Series) -> pd.Series:
        other = ~_normal_form(distinct) & distinct.notna().to_numpy(bool)
        out = distinct.copy()
        if other.any():
            out[other] = normalise_profile_urls(distinct[other]).array
        return out

    return _per_distinct_text(urls, compute)


def _ids(urls: pd.Series, names: pd.Series | None = None, links: pd.Series | None = None) -> pd.Series:
    """:func:`netstats._text.contact_ids` of normalised URLs (names where a URL is missing), per distinct value.

    ``links`` (:func:`name_links`) turns name ids into the URL id the name is known by.
    """

    def from_urls(distinct: pd.Series) -> pd.Series:
        normal = _normal_form(distinct)
        slugs = pc.utf8_slice_codeunits(_arrow_text(distinct), _NORMAL_PREFIX)
        out = pd.Series(pd.arrays.ArrowStringArray(pc.if_else(pa.array(normal), slugs, pa.scalar(None, slugs.type))))
        other = ~normal & distinct.notna().to_numpy(bool)
        if other.any():
            out[other] = contact_ids(distinct[other]).array
        return out

    ids = _per_distinct_text(urls, from_urls)
    if names is not None:
        by_name = ids.isna().to_numpy(bool) & names.notna().to_numpy(bool)
        if by_name.any():
            def from_names(distinct: pd.Series) -> pd.Series:
                found = contact_ids(pd.Series(pd.NA, index=distinct.index, dtype=S.STRING), distinct)
                return found if links is None else _linked(found, links)

            ids[by_name] = _per_distinct_text(names[by_name], from_names).array
    return ids.astype(S.STRING)


def _split_urls(values: pd.Series) -> pa.ListArray:
    text = pc.fill_null(_arrow_text(values), "")
    # URLs are comma-joined with no space; split only where a new URL starts.
    marked = pc.replace_substring_regex(text, r",\s*(https?://|www\.)", "\x1f\\1")
    return pc.split_pattern(marked, "\x1f")


def _url_pairs(values: pd.Series) -> pd.DataFrame:
    """One (row, normalised URL) pair per URL listed in each cell of a comma-joined URL column.

    The cells repeat (one per message of a conversation): each distinct cell is split once.
    """
    codes, cells = pd.factorize(values.astype(S.STRING), use_na_sentinel=True)
    lists = _split_urls(pd.Series(cells, dtype=S.STRING))
    owners = pc.list_parent_indices(lists).to_numpy().astype(np.int64)
    flat = pd.Series(pd.arrays.ArrowStringArray(pc.utf8_trim_whitespace(pc.list_flatten(lists)).cast(pa.large_string())))
    urls = _normalised_urls(flat.replace("", pd.NA))
    keep = urls.notna().to_numpy(bool)
    owners, urls = owners[keep], urls.array[keep]
    # expand: each row gets the URLs of its cell
    per_cell = np.bincount(owners, minlength=len(cells)) if len(cells) else np.zeros(0, dtype=np.int64)
    starts = np.concatenate(([0], np.cumsum(per_cell)[:-1])) if len(cells) else np.zeros(0, dtype=np.int64)
    valid = np.flatnonzero(codes >= 0)
    counts = per_cell[codes[valid]]
    rows = np.repeat(valid, counts)
    within = np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)
    return pd.DataFrame({"row": rows.astype(np.int64), "url": urls[np.repeat(starts[codes[valid]], counts) + within]})


def _split_known_names(cell: str, known: set[str]) -> list[str]:
    """Split a TO cell into the known names it joins, or keep it whole when it does not split into known names.

    Names contain ", " (``Chris Park, PhD``), so the cell is never split
    blindly: the longest run of comma-separated pieces that forms a known name
    is taken each time, and a piece that fits no known name keeps the cell whole.

    Examples
    --------
    >>> _split_known_names("Ada Quill,Chris Park, PhD", {"ada quill", "chris park, phd"})
    ['Ada Quill', 'Chris Park, PhD']
    >>> _split_known_names("Park, Chris", {"ada quill"})
    ['Park, Chris']
    """
    pieces = cell.split(",")
    names: list[str] = []
    start = 0
    while start < len(pieces):
        for end in range(len(pieces), start, -1):
            candidate = ",".join(pieces[start:end]).strip()
            if name_key(candidate) in known:
                names.append(candidate)
                start = end
                break
        else:
            return [cell.strip()]
    return names


def _name_pairs(cells: pd.Series, known: set[str]) -> pd.DataFrame:
    """One (row, name) pair per person named in each TO cell of the 2018 format (a loop over distinct cells)."""
    codes, uniques = pd.factorize(_blank_to_na(cells), use_na_sentinel=True)
    if len(uniques) == 0:
        return pd.DataFrame({"row": pd.Series([], dtype="int64"), S.NAME: pd.Series([], dtype=S.STRING)})
    resolved = [_split_known_names(str(u), known) for u in uniques]
    lengths = np.array([len(r) for r in resolved] + [0], dtype=np.int64)  # code -1 (empty cell) -> 0 names
    flat = np.array([name for r in resolved for name in r], dtype=object)
    starts = np.concatenate(([0], np.cumsum(lengths[:-2]))) if len(resolved) > 1 else np.zeros(1, np.int64)
    counts = lengths[codes]
    rows = np.repeat(np.arange(len(cells)), counts)
    first = np.repeat(starts[np.maximum(codes, 0)], counts)
    within = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    return pd.DataFrame({"row": rows.astype(np.int64), S.NAME: pd.array(flat[first + within], dtype=S.STRING)})


def _strip_inmail_html(content: pd.Series) -> pd.Series:
    """Old InMail bodies are HTML paragraphs: keep their text (only bodies shaped like that are touched).

    Sponsored bodies repeat: the work is done once per distinct body.
    """
    text = _arrow_text(content)
    candidates = np.flatnonzero(pc.fill_null(pc.starts_with(text, "<p"), False).to_numpy(zero_copy_only=False))
    if not len(candidates):
        return content
    codes, bodies = pd.factorize(pd.Series(pd.arrays.ArrowStringArray(pc.take(text, pa.array(candidates)).cast(pa.large_string()))))
    shaped = [bool(re.match(r"<p[\s>]", b)) and bool(re.search(r"</p>\s*$", b)) for b in bodies]
    if not any(shaped):
        return content
    plain = [
        html.unescape(re.sub(r"<[^>]+>", "", re.sub(r"<br\s*/?>|</p>", "\n", b))).strip() if shape else b
        for b, shape in zip(bodies, shaped)
    ]
    out = content.astype(S.STRING).reset_index(drop=True).copy()
    out[candidates] = pd.array(plain, dtype=S.STRING).take(codes)
    return out


def _prepare_messages(raw: RawTable) -> _Cleaned:
    """First pass: exclusions, dates, normalised sender and recipient URLs (before the owner is known)."""
    f = raw.frame
    out = _Cleaned(frame=f)
    legacy = "DIRECTION" in f.columns and "CONVERSATION ID" not in raw.spec.required
    cells = [c for c in f.columns if c != S.SOURCE_LINE]
    empty = pd.Series(np.logical_and.reduce([_is_blank(f[c]) for c in cells]), index=f.index)
    out.excluded.append(_excluded(raw, empty, "empty row"))
    keep = ~empty
    if not legacy:
        flag_cols = [c for c in ("IS MESSAGE DRAFT", "IS CONVERSATION DRAFT") if not _is_blank(f[c]).all()]
        if flag_cols:
            draft = np.logical_or.reduce([_per_value(f[c], lambda v: v.lower() in ("yes", "true", "1")) for c in flag_cols])
            reason = "draft (IS MESSAGE DRAFT = Yes)"
        else:
            draft = _is_blank(f["FOLDER"])
            reason = "draft (no FOLDER: unsent drafts have none)"
        draft = pd.Series(draft, index=f.index) & keep
        out.excluded.append(_excluded(raw, draft, reason))
        keep &= ~draft
    # Dates are parsed for every record, judged only for the ones kept so far, and the file filtered once.
    keep = keep.to_numpy(bool)
    if legacy:
        sent_at = parse_times(f["DATE"], (US_DATETIME_FORMAT,))
        expected = "expected like 10/16/18, 8:36 AM"
        direction = f["DIRECTION"].fillna("").str.upper()
        bad_direction = ~direction.isin(["INCOMING", "OUTGOING"]).to_numpy(bool) & keep
        out.quarantine += _quarantined(raw, f, pd.Series(bad_direction, index=f.index), "Direction is neither INCOMING nor OUTGOING")
    else:
        sent_at = parse_times(f["DATE"], (MESSAGE_DATE_FORMAT,))
        expected = "expected like 2025-12-18 03:55:53 UTC"
        bad_direction = np.zeros(len(f), dtype=bool)
    bad_date = sent_at.isna().to_numpy(bool) & keep & ~bad_direction
    out.quarantine += _quarantined(raw, f, pd.Series(bad_date, index=f.index), f"DATE is not a date ({expected})")
    ok = keep & ~bad_direction & ~bad_date
    # CONTENT is most of the file: it is not copied here, only once in the final order.
    out.content = _arrow_text(f["CONTENT"])
    out.kept = np.flatnonzero(ok)
    rest = f.drop(columns="CONTENT").take(out.kept).reset_index(drop=True)
    rest["_sent_at"] = sent_at.loc[ok].dt.tz_localize("UTC").array
    if legacy:
        rest["_legacy_direction"] = rest["DIRECTION"].str.upper()
        rest["_sender_url"] = pd.Series(pd.NA, index=rest.index, dtype=S.STRING)
        out.recipients = pd.DataFrame({"row": pd.Series([], dtype="int64"), "url": pd.Series([], dtype=S.STRING)})
        out.notes.append("This 2018-format messages file gives times without a zone; netstats reads them as UTC.")
    else:
        rest["_sender_url"] = _normalised_urls(_blank_to_na(rest["SENDER PROFILE URL"])).array
        out.recipients = _url_pairs(rest["RECIPIENT PROFILE URLS"])
    out.frame = rest
    return out


def message_name_pairs(prepared: _Cleaned) -> pd.DataFrame:
    """(name, URL id) pairs that messages.csv states: senders with a URL, and TO of messages with one listed recipient."""
    m = prepared.frame
    if m.empty or "_legacy_direction" in m:
        return pd.DataFrame({S.NAME: pd.Series([], dtype=S.STRING), S.CONTACT_ID: pd.Series([], dtype=S.STRING)})
    with_url = m["_sender_url"].notna().to_numpy(bool)
    senders = pd.DataFrame({S.NAME: _blank_to_na(m["FROM"]).array[with_url], "url": m["_sender_url"].array[with_url]})
    listed = prepared.recipients
    counts = np.bincount(listed["row"].to_numpy(), minlength=len(m))
    single = counts[listed["row"].to_numpy()] == 1
    named = pd.DataFrame(
        {S.NAME: _blank_to_na(m["TO"]).array[listed["row"].to_numpy()[single]], "url": listed["url"].array[single]}
    )
    # distinct pairs first: the ids are computed per person, not per message
    pairs = pd.concat([senders, named], ignore_index=True).dropna()
    name_codes, _ = pd.factorize(pairs[S.NAME])
    url_codes, urls = pd.factorize(pairs["url"])
    _, first = np.unique(name_codes.astype(np.int64) * max(len(urls), 1) + url_codes, return_index=True)
    pairs = pairs.iloc[np.sort(first)]
    return pd.DataFrame({S.NAME: pairs[S.NAME].array, S.CONTACT_ID: _ids(pairs["url"]).array})


def _per_value(series: pd.Series, predicate) -> np.ndarray:
    """Evaluate ``predicate`` once per distinct non-missing value; missing values give False."""
    codes, uniques = pd.factorize(series.astype(S.STRING), use_na_sentinel=True)
    answers = np.array([bool(predicate(u)) for u in uniques] + [False], dtype=bool)
    return answers[codes]


def _equals(series: pd.Series, value: str | None) -> np.ndarray:
    """Mask of the values equal to ``value`` (never for missing values, nor when ``value`` is None)."""
    if value is None:
        return np.zeros(len(series), dtype=bool)
    return pc.fill_null(pc.equal(_arrow_text(series), value), False).to_numpy(zero_copy_only=False)


def _list_column(rows: np.ndarray, codes: np.ndarray, people: pa.Array, n: int) -> pa.ListArray:
    """A list<string> column of length n from (row, person code) pairs (vectorised)."""
    rows = np.asarray(rows, dtype=np.int64)
    order = np.argsort(rows, kind="stable")
    counts = np.bincount(rows, minlength=n) if len(rows) else np.zeros(n, dtype=np.int64)
    offsets = np.concatenate(([0], np.cumsum(counts))).astype(np.int32)
    values = pc.take(people, pa.array(np.asarray(codes, dtype=np.int64)[order])).cast(pa.string())
    return pa.ListArray.from_arrays(pa.array(offsets, type=pa.int32()), values)


def clean_messages(
    raw: RawTable,
    prepared: _Cleaned,
    owner: Owner,
    links: pd.Series | None = None,
    known_names: pd.Series | None = None,
) -> _Cleaned:
    """Second pass: direction, ids, recipients, conversations, sponsored flags.

    ``links`` maps name ids to URL ids (:func:`name_links`); ``known_names``
    are the names seen in the other files, used to read the 2018 ``To`` cells.
    Conversations and people are handled as integer codes, so the set work
    (participants, groups, derived recipients) is numpy over all messages at once.
    """
    links = links if links is not None else pd.Series([], dtype=S.STRING)
    m = prepared.frame
    out = _Cleaned(frame=m, excluded=prepared.excluded, quarantine=prepared.quarantine, notes=list(prepared.notes))
    legacy = "_legacy_direction" in m.columns
    n = len(m)
    no_text = pd.Series(pd.NA, index=m.index, dtype=S.STRING)
    sender_name = _blank_to_na(m["FROM"])
    title = _blank_to_na(m["CONVERSATION TITLE"]) if "CONVERSATION TITLE" in m else no_text
    sender_url = m["_sender_url"].astype(S.STRING)
    no_sender_url = sender_url.isna().to_numpy(bool)
    sponsored_text = np.zeros(n, dtype=bool)
    if no_sender_url.any():  # sponsored rows never carry a sender URL: look at those rows only
        where = np.flatnonzero(no_sender_url)
        hits = pc.match_substring_regex(pc.take(prepared.content, pa.array(prepared.kept[where])), SPONSORED_CONTENT)
        sponsored_text[where] = pc.fill_null(hits, False).to_numpy(zero_copy_only=False)
    sponsored = no_sender_url & (
        _per_value(sender_name, lambda v: v.casefold() in SPONSORED_SENDERS)
        | _per_value(title, lambda v: v.casefold() in SPONSORED_TITLES)
        | sponsored_text
    )

    owner_key = name_key(owner.name) if owner.name else None
    if legacy:
        sent = m["_legacy_direction"].eq("OUTGOING").to_numpy(dtype=bool)
    else:
        by_name = np.zeros(n, dtype=bool)
        if owner_key and no_sender_url.any():
            where = np.flatnonzero(no_sender_url)
            by_name[where] = _equals(name_keys(sender_name.iloc[where]), owner_key)
        sent = (_equals(sender_url, owner.profile_url) | by_name) & ~sponsored
    ids = _arrow_text(_ids(sender_url, sender_name, links))
    ids = pc.if_else(pa.array(sent), pa.scalar(owner.contact_id, ids.type), ids)
    ids = pc.if_else(pa.array(sponsored), pa.scalar(None, ids.type), ids)
    sender_id = pd.Series(pd.arrays.ArrowStringArray(ids.cast(pa.large_string())), index=m.index)

    # Listed recipients: the URL list (2023+), or in 2018 the To names.
    if legacy:
        known = set(name_keys(pd.concat([sender_name[~sponsored], known_names if known_names is not None else no_text[:0]])).dropna())
        if owner_key:
            known.add(owner_key)
        named_pairs = _name_pairs(m["TO"], known)
        listed_rows = named_pairs["row"].to_numpy()
        listed = _linked(contact_ids(pd.Series(pd.NA, index=named_pairs.index, dtype=S.STRING), named_pairs[S.NAME]), links)
        if owner_key:
            listed = listed.where(~_equals(name_keys(named_pairs[S.NAME]), owner_key), owner.contact_id)
        listed_urls = pd.Series(pd.NA, index=named_pairs.index, dtype=S.STRING)
        listed_names = named_pairs[S.NAME]
    else:
        pairs = prepared.recipients
        listed_rows = pairs["row"].to_numpy()
        listed = _ids(pairs["url"])
        if owner.profile_url:
            listed = listed.where(~_equals(pairs["url"], owner.profile_url), owner.contact_id)
        listed_urls = pairs["url"]
        listed_names = pd.Series(pd.NA, index=pairs.index, dtype=S.STRING)
    listed = listed.astype(S.STRING).reset_index(drop=True)
    has_listed = np.zeros(n, bool)
    has_listed[listed_rows] = True

    if legacy:
        conversation = _legacy_conversations(m, sender_id, listed_rows, listed, owner, sponsored)
    else:
        conversation = _blank_to_na(m["CONVERSATION ID"])
        missing = conversation.isna().to_numpy(bool)
        if missing.any():
            conversation[missing] = "unknown:line-" + m.loc[missing, S.SOURCE_LINE].astype(str)
    conversation = conversation.astype(S.STRING)
    conv, conversations = pd.factorize(conversation, sort=True)
    n_conv = len(conversations)

    # Where nobody but the owner wrote and no URLs are listed, TO (whole, never split) names the other side.
    lonely_rows = np.zeros(0, dtype=np.int64)
    lonely_ids = pd.Series([], dtype=S.STRING)
    if not legacy:
        has_other = np.zeros(n_conv, dtype=bool)
        has_other[conv[sender_id.notna().to_numpy(bool) & ~_equals(sender_id, owner.contact_id)]] = True
        has_other[conv[listed_rows[~_equals(listed, owner.contact_id)]]] = True
        to_name = _blank_to_na(m["TO"])
        lonely_rows = np.flatnonzero(~has_other[conv] & sent & to_name.notna().to_numpy(bool))
        if len(lonely_rows):
            lonely_ids = _linked(contact_ids(no_text.iloc[lonely_rows], to_name.iloc[lonely_rows]), links).reset_index(drop=True)

    # People as integer codes, in sorted id order.
    everyone = pd.concat(
        [sender_id.reset_index(drop=True), listed, lonely_ids, pd.Series([owner.contact_id], dtype=S.STRING)], ignore_index=True
    )
    codes, people_ids = pd.factorize(everyone, sort=True, use_na_sentinel=True)
    sender_code = codes[:n]
    listed_code = codes[n : n + len(listed)]
    lonely_code = codes[n + len(listed) : n + len(listed) + len(lonely_rows)]
    owner_code = int(codes[-1])
    people = pa.array(people_ids)

    # Participants of each conversation: senders, listed recipients, TO of lonely ones, the owner.
    part_conv = [conv, conv[listed_rows], conv[lonely_rows]]
    part_code = [sender_code, listed_code, lonely_code]
    if owner_code >= 0:
        part_conv.append(np.arange(n_conv))
        part_code.append(np.full(n_conv, owner_code))
    pc_conv, pc_code = np.concatenate(part_conv).astype(np.int64), np.concatenate(part_code).astype(np.int64)
    known_person = pc_code >= 0
    width = max(len(people_ids), 1)
    keys = np.sort(pd.unique(pc_conv[known_person] * width + pc_code[known_person]))
    p_conv, p_code = keys // width, keys % width
    size = np.bincount(p_conv, minlength=n_conv)
    is_group = size[conv] >= 3

    # Derived recipients for rows without a listed recipient: everyone else in the conversation.
    need = np.flatnonzero(~has_listed)
    starts = np.concatenate(([0], np.cumsum(size)[:-1])) if n_conv else np.zeros(0, dtype=np.int64)
    counts = size[conv[need]]
    rows_rep = np.repeat(need, counts)
    within = np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)
    derived_code = p_code[np.repeat(starts[conv[need]], counts) + within]
    other = derived_code != sender_code[rows_rep]
    rows = np.concatenate([listed_rows, rows_rep[other]]).astype(np.int64)
    values = np.concatenate([listed_code, derived_code[other]]).astype(np.int64)
    valid = values >= 0
    recipients = _list_column(rows[valid], values[valid], people, n)

    if owner.contact_id is None:
        out.notes.append("The account owner could not be identified, so every message counts as received.")
    attachments = _blank_to_na(m["ATTACHMENTS"]) if "ATTACHMENTS" in m else no_text
    sent_at = m["_sent_at"]
    frame = pd.DataFrame(
        {
            S.CONVERSATION_ID: conversation.array,
            S.CONVERSATION_TITLE: title.array,
            S.SENT_AT: sent_at.array,
            S.SENDER_ID: sender_id.array,
            S.SENDER_NAME: sender_name.array,
            S.SENDER_URL: sender_url.array,
            S.RECIPIENT_IDS: pd.arrays.ArrowExtensionArray(recipients),
            S.DIRECTION: np.where(sent, S.SENT, S.RECEIVED),
            S.IS_GROUP: is_group,
            S.IS_SPONSORED: sponsored,
            S.SUBJECT: (_blank_to_na(m["SUBJECT"]) if "SUBJECT" in m else no_text).array,
            S.FOLDER: _blank_to_na(m["FOLDER"]).array,
            S.HAS_ATTACHMENT: attachments.notna().to_numpy(bool),
            S.SOURCE_LINE: m[S.SOURCE_LINE].to_numpy(),
        }
    )
    instants = sent_at.dt.tz_convert(None).to_numpy().astype("datetime64[ns]").view(np.int64)
    order = np.lexsort((m[S.SOURCE_LINE].to_numpy(), instants, conv))
    frame = frame.take(order).reset_index(drop=True)
    content = pd.Series(pd.arrays.ArrowStringArray(pc.take(prepared.content, pa.array(prepared.kept[order]))))
    frame[S.CONTENT] = _strip_inmail_html(_blank_to_na(content)).array
    out.frame = S.conform(frame, S.MESSAGES_COLUMNS)

    # Names for people seen only as recipients: a 1:1 message's TO names its one
    # recipient (2021+); in 2018 every To name resolved above is a name.
    if legacy:
        named = pd.DataFrame({S.CONTACT_ID: listed.array, S.NAME: listed_names.array, S.PROFILE_URL: listed_urls.array})
    else:
        single = np.bincount(listed_rows, minlength=n)[listed_rows] == 1 if n else np.zeros(0, bool)
        names = _blank_to_na(m["TO"]).array[listed_rows[single]]
        id_codes, _ = pd.factorize(listed.array[single])
        name_codes, name_values = pd.factorize(names)
        _, first = np.unique(id_codes.astype(np.int64) * (len(name_values) + 1) + name_codes + 1, return_index=True)
        first = np.sort(first)
        named = pd.DataFrame(
            {
                S.CONTACT_ID: listed.array[single][first],
                S.NAME: names[first],
                S.PROFILE_URL: listed_urls.array[single][first],
            }
        )
    out.named = named
    inbox = int(_equals(frame[S.FOLDER], "INBOX").sum())
    if inbox == 212:
        out.notes.append(
            "messages.csv holds exactly 212 INBOX rows, a count seen in several real exports that may mean LinkedIn cut the file short."
        )
    return out


def _legacy_conversations(
    m: pd.DataFrame, sender_id: pd.Series, listed_rows: np.ndarray, listed: pd.Series, owner: Owner, sponsored: np.ndarray
) -> pd.Series:
    """2018 conversation ids: the sorted ids of the people in a message besides the owner (it has no ids)."""
    n = len(m)
    everyone = pd.concat([sender_id.reset_index(drop=True), listed], ignore_index=True)
    codes, people_ids = pd.factorize(everyone, sort=True, use_na_sentinel=True)
    rows = np.concatenate([np.arange(n), listed_rows]).astype(np.int64)
    keep = (codes >= 0) & ~_equals(everyone, owner.contact_id)
    width = max(len(people_ids), 1)
    keys = np.unique(rows[keep] * width + codes[keep])
    joined = pc.binary_join(_list_column(keys // width, keys % width, pa.array(people_ids), n), "|")
    conversation = "2018:" + pd.Series(pd.arrays.ArrowStringArray(joined.cast(pa.large_string())), index=m.index).replace("", "unknown")
    # Sponsored messages have no real sender: each is its own conversation.
    return conversation.where(~sponsored, "2018:sponsored:line-" + m[S.SOURCE_LINE].astype(str))


# ---------------------------------------------------------------- contacts
def build_contacts(
    connections: pd.DataFrame, messages: pd.DataFrame, recipients_named: pd.DataFrame, invitations: pd.DataFrame, owner: Owner
) -> pd.DataFrame:
    """One row per person seen in any file (never the owner, never a sponsored sender).

    The name and URL come from the first file that gives them: Connections,
    then the newest message the person sent, then a 1:1 message's TO, then
    Invitations.
    """
    received = messages.loc[
        messages[S.SENDER_ID].notna().to_numpy(bool) & _equals(messages[S.DIRECTION], S.RECEIVED),
        [S.SENDER_ID, S.SENDER_NAME, S.SENDER_URL, S.SENT_AT],
    ]
    latest = received.sort_values(S.SENT_AT, ascending=False, kind="stable").drop_duplicates(S.SENDER_ID)
    listed = pc.unique(pc.list_flatten(pa.array(messages[S.RECIPIENT_IDS].array))).drop_null()
    listed = pd.Series(pd.arrays.ArrowStringArray(listed.cast(pa.large_string())))
    columns = [S.CONTACT_ID, S.NAME, S.PROFILE_URL]
    sources = [
        connections[columns],
        latest.set_axis(columns + [S.SENT_AT], axis=1)[columns],
        recipients_named[columns],
        pd.DataFrame({S.CONTACT_ID: listed, S.NAME: pd.NA, S.PROFILE_URL: pd.NA}),
        invitations[columns],
    ]
    people = pd.concat([frame.astype(S.STRING) for frame in sources], ignore_index=True)
    people = people.loc[people[S.CONTACT_ID].notna().to_numpy(bool) & ~_equals(people[S.CONTACT_ID], owner.contact_id)]
    contacts = people.groupby(S.CONTACT_ID, sort=True).agg({S.NAME: "first", S.PROFILE_URL: "first"})
    connection_info = connections.drop_duplicates(S.CONTACT_ID).set_index(S.CONTACT_ID)[[S.COMPANY, S.POSITION]]
    contacts = contacts.join(connection_info, how="left")
    ids = pa.array(contacts.index.astype(S.STRING).array)

    def among(values: pd.Series) -> np.ndarray:
        found = pc.is_in(ids, value_set=pc.unique(_arrow_text(values.astype(S.STRING)).drop_null()))
        return pc.fill_null(found, False).to_numpy(zero_copy_only=False)

    in_connections = among(connections[S.CONTACT_ID])
    in_messages = among(latest[S.SENDER_ID]) | among(listed) | among(recipients_named[S.CONTACT_ID])
    in_invitations = among(invitations[S.CONTACT_ID])
    labels = np.array([",".join(f for f, on in zip(_SEEN_FILES, bits) if on) for bits in np.ndindex(2, 2, 2)], dtype=object)
    code = in_connections.astype(int) * 4 + in_invitations.astype(int) * 2 + in_messages.astype(int)
    contacts[S.IS_CONNECTION] = in_connections
    contacts[S.SEEN_IN] = pd.array(labels[code], dtype=S.STRING)
    return S.conform(contacts.reset_index(), S.CONTACTS_COLUMNS)


_SEEN_FILES = ("connections", "invitations", "messages")


def _link_people(frame: pd.DataFrame, links: pd.Series, *, distinct_rows: bool) -> tuple[pd.DataFrame, int]:
    """Give URL-less rows the URL id their name links to.

    With ``distinct_rows`` (connections: each row is a different person) a
    name the file holds twice is ambiguous and stays a name id.
    """
    if links.empty or frame.empty:
        return frame, 0
    base = frame[S.CONTACT_ID].str.replace(r"#\d+$", "", regex=True)
    candidates = (frame[S.PROFILE_URL].isna() & base.str.startswith("name:")).fillna(False).to_numpy(bool)
    if distinct_rows:
        candidates &= ~base.where(candidates).duplicated(keep=False).to_numpy(bool)
    target = base.where(candidates).map(links).astype(S.STRING)
    change = target.notna().to_numpy(bool)
    if not change.any():
        return frame, 0
    out = frame.copy()
    out.loc[change, S.CONTACT_ID] = target[change].to_numpy()
    return out, int(change.sum())


# ---------------------------------------------------------------- load
def _frames(parts: list[pd.DataFrame], columns: tuple[str, ...]) -> pd.DataFrame:
    parts = [p for p in parts if len(p)]
    if not parts:
        return S.empty_frame(columns)
    return S.conform(pd.concat(parts, ignore_index=True), columns)


def load(path: str | os.PathLike, *, encoding: str | None = None, limits: ArchiveLimits = DEFAULT_LIMITS) -> Export:
    """Load a LinkedIn data export into tidy tables, accounting for every row.

    Parameters
    ----------
    path : str or path-like
        The zip as downloaded (``Basic_``/``Complete_LinkedInDataExport_MM-DD-YYYY.zip``,
        renamed or with the files one folder down), the unzipped folder, or a
        single CSV file.
    encoding : str, optional
        Decode every file with this encoding (for files a spreadsheet re-saved,
        e.g. ``"cp1252"``).  By default UTF-8 (with or without BOM) and UTF-16
        with BOM are detected.
    limits : ArchiveLimits, optional
        Caps that refuse decompression bombs.

    Returns
    -------
    Export
        Tidy tables plus ``ledger`` (per file: ``rows_read == kept + excluded +
        quarantined``), ``excluded`` and ``quarantine``.

    Raises
    ------
    NetstatsError
        With the file, the line, what was expected and how to fix it.

    Examples
    --------
    >>> import netstats as ns
    >>> ex = ns.load("data/sample")
    >>> bool((ex.ledger.rows_read == ex.ledger.kept + ex.ledger.excluded + ex.ledger.quarantined).all())
    True
    """
    opened = open_export(path, limits=limits)
    raws: dict[str, RawTable] = {}
    for src in opened.files:
        raw = read_table(src, encoding=encoding)
        raws[raw.kind] = raw
    if not {"connections", "messages", "invitations"} & set(raws):
        raise NotAnExportError(
            "none of Connections.csv, messages.csv or Invitations.csv was found",
            file=str(path),
            fix="give netstats the zip LinkedIn sent you, the folder you unzipped it into, or one of those files",
        )
    notes: list[str] = []
    for raw in raws.values():
        notes += raw.notes

    connections = clean_connections(raws["connections"]) if "connections" in raws else None
    invitations = clean_invitations(raws["invitations"]) if "invitations" in raws else None
    prepared = _prepare_messages(raws["messages"]) if "messages" in raws else None
    owner = find_owner(invitations.frame if invitations else None, _profile_name(raws.get("profile")), prepared)

    connections_frame = connections.frame if connections else S.empty_frame(S.CONNECTIONS_COLUMNS)
    invitations_frame = (
        S.conform(invitations.frame.sort_values([S.SENT_AT, S.SOURCE_LINE], kind="stable"), S.INVITATIONS_COLUMNS, S.INVITATIONS_DTYPES)
        if invitations
        else S.empty_frame(S.INVITATIONS_COLUMNS, S.INVITATIONS_DTYPES)
    )
    # One person, one id: a name seen with exactly one profile URL anywhere takes that URL's id.
    with_url = [
        frame.loc[frame[S.PROFILE_URL].notna().to_numpy(), [S.NAME, S.CONTACT_ID]]
        for frame in (connections_frame, invitations_frame)
    ]
    if owner.profile_url:
        with_url.append(pd.DataFrame({S.NAME: [owner.name], S.CONTACT_ID: [owner.contact_id]}))
    if prepared:
        with_url.append(message_name_pairs(prepared))
    links = name_links(with_url)
    known_names = pd.concat([connections_frame[S.NAME], invitations_frame[S.NAME]], ignore_index=True)
    messages = clean_messages(raws["messages"], prepared, owner, links, known_names) if prepared else None
    connections_frame, linked_connections = _link_people(connections_frame, links, distinct_rows=True)
    invitations_frame, linked_invitations = _link_people(invitations_frame, links, distinct_rows=False)
    if linked_connections or linked_invitations:
        notes.append(
            f"{linked_connections:,} connection(s) and {linked_invitations:,} invitation(s) have no profile URL in "
            "their file; they were matched by name to the one profile URL seen with that name elsewhere in the export."
        )

    messages_frame = messages.frame if messages else S.empty_frame(S.MESSAGES_COLUMNS)
    named = messages.named if messages else pd.DataFrame(columns=[S.CONTACT_ID, S.NAME, S.PROFILE_URL])
    contacts = build_contacts(connections_frame, messages_frame, named, invitations_frame, owner)

    ledger_rows, excluded, quarantine = [], [], []
    cleaned = {"connections": connections, "invitations": invitations, "messages": messages}
    for kind, raw in sorted(raws.items()):
        result = cleaned.get(kind)
        file_excluded = [e for e in (result.excluded if result else []) if len(e)]
        file_quarantine = list(raw.quarantine) + (result.quarantine if result else [])
        n_excluded = sum(len(e) for e in file_excluded)
        kept = {"connections": len(connections_frame), "invitations": len(invitations_frame), "messages": len(messages_frame)}.get(kind, len(raw.frame))
        row = {
            S.FILE: raw.file,
            S.ERA: _era(raw),
            S.ROWS_READ: raw.rows_read,
            S.KEPT: kept,
            S.EXCLUDED: n_excluded,
            S.QUARANTINED: len(file_quarantine),
        }
        if row[S.ROWS_READ] != row[S.KEPT] + row[S.EXCLUDED] + row[S.QUARANTINED]:
            raise AssertionError(f"netstats bug: the ledger of {raw.file} does not balance: {row}")
        ledger_rows.append(row)
        excluded += file_excluded
        quarantine += file_quarantine
        if result:
            notes += [n for n in result.notes if n not in notes]

    if opened.export_date is not None:
        dated = [pd.Timestamp(opened.export_date, tz="UTC") + pd.Timedelta(days=1) - pd.Timedelta(seconds=1)]
    else:
        dated = []
    if len(messages_frame):
        dated.append(messages_frame[S.SENT_AT].max())
    if len(connections_frame):
        dated.append(connections_frame[S.CONNECTED_ON].max().tz_localize("UTC") + pd.Timedelta(days=1) - pd.Timedelta(seconds=1))
    if len(invitations_frame):
        dated.append(invitations_frame[S.SENT_AT].max().tz_localize("UTC"))
    if not dated:
        raise NotAnExportError(
            "the export holds no dated record, so there is nothing to analyse",
            file=str(path),
            fix="check that the files are the ones LinkedIn sent",
        )
    as_of = max(dated)
    if len(invitations_frame):
        notes.append(S.INVITATIONS_NAIVE_NOTE)

    quarantine_frame = (
        S.conform(pd.DataFrame(quarantine).sort_values([S.FILE, S.LINE], kind="stable"), S.QUARANTINE_COLUMNS)
        if quarantine
        else S.empty_frame(S.QUARANTINE_COLUMNS)
    )
    return Export(
        connections=connections_frame,
        messages=messages_frame,
        invitations=invitations_frame,
        contacts=contacts,
        owner=owner,
        as_of=as_of,
        ledger=_frames([pd.DataFrame(ledger_rows)], S.LEDGER_COLUMNS),
        excluded=_frames(excluded, S.EXCLUDED_COLUMNS),
        quarantine=quarantine_frame,
        files=opened.seen,
        notes=tuple(dict.fromkeys(notes)),
        source=opened.source,
    )


def _era(raw: RawTable) -> str:
    """A short label of the format generation of one file, for the ledger."""
    cols = set(raw.frame.columns)
    present = {c for c in cols if c != S.SOURCE_LINE and raw.frame[c].notna().any()} if len(raw.frame) else cols
    if raw.kind == "connections":
        if raw.empty_file:
            return "empty"
        if "URL" in present:
            return "2023+"
        # The Notes: preamble appeared in 2021, the URL column in mid-2023.
        return "2021-23" if raw.preamble else "2018-21"
    if raw.kind == "messages":
        if raw.empty_file:
            return "empty"
        if "DIRECTION" in cols and "CONVERSATION ID" not in raw.spec.required:
            return "2018"
        if raw.all_quoted:
            return "2026"
        if "ATTACHMENTS" in present:
            return "2025"
        if "IS MESSAGE DRAFT" in present:
            return "2024-12"
        if "RECIPIENT PROFILE URLS" in present:
            return "2023-24"
        return "2021-22"
    if raw.kind == "invitations":
        return "2024+" if "INVITERPROFILEURL" in present else "2018-23"
    return "-"
