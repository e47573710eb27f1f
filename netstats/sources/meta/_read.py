"""``read``: the files of an export to one :class:`~netstats._export.Part` per platform found.

The files are parsed, the ambiguous old ``messages/`` threads given a platform,
and each platform's files built into its Part (owner, messages, connections,
invitations, people) with the note of what was repaired.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

import numpy as np
import pandas as pd

from ... import schema as S
from ..._errors import ExportFormatError
from ..._export import Owner, Part
from .._archive import SourceFile
from ._book import _Book, _Gathered, _PlatformFiles
from ._columns import _id_lists
from ._files import _IG_URL, E2EE_THREAD, HTML_EXPORT, THREAD, _root, claim
from ._friends import _facebook_lists, _instagram_lists
from ._json import _File, _parse_file
from ._messages import _part_messages
from ._owner import _choose_owner, _profile_owner
from ._repair import _Repairs, _repairs_note
from ._threads import _thread_frame

_HTML_FIX = (
    "request the export again in JSON: in Meta's Accounts Centre open 'Your information and permissions', "
    "then 'Download your information', choose the Facebook or Instagram profile, 'All available information' "
    "(or at least Messages, Friends and Followers), 'Download to device', set Format to JSON (not HTML) and "
    "Date range to 'All time', then create the files and give netstats the zip Meta sends"
)


def read(
    files: Sequence[SourceFile], *, source: str, encoding: str | None = None, owner: Sequence[str] = ()
) -> list[Part]:
    """Read the Meta files of an export into one :class:`~netstats._export.Part` per platform found.

    Parameters
    ----------
    files : sequence of SourceFile
        The files :func:`claim` or :func:`sniff` assigned to this reader
        (``family == 'meta'``), bytes as Meta wrote them.
    source : str
        The path the export was loaded from (kept in ``Part.source``).
    encoding : str, optional
        Decode every file with this encoding instead of UTF-8 (with or without a
        BOM) or UTF-16 with a BOM, the default (:mod:`netstats.sources._decode`).
    owner : sequence of str, optional
        The user's own names (e-mail addresses and phone numbers are ignored
        here): used only when the export names no owner and several people are
        in every thread.

    Returns
    -------
    list of Part
        Facebook first, then Instagram, for the platforms present.

    Raises
    ------
    ExportFormatError
        For an HTML export, a file that is not JSON or not in a Meta shape,
        and an owner that cannot be determined.

    Examples
    --------
    >>> thread = SourceFile(
    ...     "meta_thread", "your_facebook_activity/messages/inbox/annlee_1/message_1.json",
    ...     b'{"participants": [{"name": "Ann Lee"}, {"name": "Zo\\\\u00c3\\\\u00ab"}],'
    ...     b' "messages": [{"sender_name": "Zo\\\\u00c3\\\\u00ab", "timestamp_ms": 1700000000000,'
    ...     b' "content": "Hi"}],'
    ...     b' "title": "Ann Lee"}', "meta")
    >>> profile = SourceFile(
    ...     "facebook_profile", "personal_information/profile_information/profile_information.json",
    ...     b'{"profile_v2": {"name": {"full_name": "Zo\\\\u00c3\\\\u00ab"}}}', "meta")
    >>> [part] = read([thread, profile], source="facebook.zip")
    >>> part.owner.contact_id, part.messages.loc[0, "direction"], part.messages.loc[0, "recipient_ids"]
    ('facebook:name:zoë', 'sent', ['facebook:name:ann lee'])
    """
    _refuse_html(files)
    repairs = _Repairs()
    parsed = [_parse_file(src, encoding, repairs) for src in sorted(files, key=lambda s: _sort_key(s.name))]
    notes: list[str] = []
    _decide_ambiguous(parsed, notes)
    parts = []
    for platform in (S.FACEBOOK, S.INSTAGRAM):
        group = _PlatformFiles(platform)
        for f in parsed:
            if f.platform == platform:
                group.files.setdefault(f.kind, []).append(f)
        if group.files:
            parts.append(_build_part(group, source, owner, list(notes)))
    note = _repairs_note(repairs)
    return [_with_note(p, note) for p in parts] if note else parts


def _refuse_html(files: Sequence[SourceFile]) -> None:
    """Raise for a file of Meta's HTML export (netstats reads the JSON one)."""
    for src in files:
        if claim(src.name) == HTML_EXPORT or src.logical == HTML_EXPORT:
            raise ExportFormatError(
                "this is Meta's HTML export; netstats reads the JSON format",
                file=src.name,
                expected="JSON files (message_1.json, your_friends.json, followers_1.json ...)",
                fix=_HTML_FIX,
            )


def _with_note(part: Part, note: str) -> Part:
    return replace(part, notes=(*part.notes, note))


def _sort_key(name: str) -> tuple:
    """Files in path order, message_N.json parts numerically (message_2 before message_10)."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"(\d+)", name.casefold()))


def _decide_ambiguous(parsed: list[_File], notes: list[str]) -> None:
    """Give threads under the old ``messages/`` root the platform of the files beside them."""
    ambiguous = [f for f in parsed if f.platform is None]
    if not ambiguous:
        return
    definite = [f for f in parsed if f.platform is not None]
    by_root: dict[str, set[str]] = {}
    for f in definite:
        by_root.setdefault(_root(f.src.name), set()).add(f.platform)
    everywhere = {f.platform for f in definite}
    defaulted = 0
    for f in ambiguous:
        beside = by_root.get(_root(f.src.name), set())
        if len(beside) == 1:
            f.platform = next(iter(beside))
        elif not beside and len(everywhere) == 1:
            f.platform = next(iter(everywhere))
        else:
            f.platform = S.FACEBOOK
            defaulted += 1
    if defaulted:
        notes.append(
            f"{defaulted:,} message file(s) under the old messages/ folder, which Facebook and Instagram "
            "both used, had no other file of the export to tell which platform they came from; "
            "they were read as Facebook (Messenger)."
        )


def _build_part(
    group: _PlatformFiles, source: str, owner_given: Sequence[str], extra_notes: list[str]
) -> Part:
    """One platform's files -> its Part: owner, messages, connections, invitations, people, accounts."""
    platform = group.platform
    book = _Book(platform)
    prefix = S.PLATFORM_ID_PREFIX[platform]
    instagram = platform == S.INSTAGRAM
    latest: list[pd.Timestamp] = []
    all_names = ", ".join(sorted({f.src.name for fs in group.files.values() for f in fs})[:3])

    # --- owner: the profile file, else the participant present in every thread
    kept: dict[str, int] = {}
    profile_name, owner_user, found_by = _profile_owner(group, book, kept)
    threads = group.of(THREAD, E2EE_THREAD)
    messages = participants = None
    if threads:
        messages, participants = _thread_frame(threads, book)
    owner_name, owner_key, how = _choose_owner(
        platform, messages, participants, profile_name, found_by, owner_given, all_names
    )
    if owner_user is not None:
        owner_id = f"{prefix}{owner_user}"
        found_by = found_by if how == found_by else f"{found_by}; in messages: {how}"
    else:
        owner_id, found_by = (f"{prefix}name:{owner_key}" if owner_key else None), how

    names_seen = []  # (id, name, priority) for the people table
    message_frame = S.empty_frame(S.MESSAGES_COLUMNS)
    message_ids = pd.Series([], dtype="string")
    got = _Gathered(book, prefix, kept, latest, names_seen, extra_notes)
    if messages is not None:
        message_frame, message_ids = _part_messages(
            messages, participants, platform, owner_key, owner_id, got
        )

    # --- connections
    lists = _instagram_lists if instagram else _facebook_lists
    connections, invitations = lists(group, got, messages is not None)

    if len(invitations):
        names_seen.append(
            pd.DataFrame(
                {S.CONTACT_ID: invitations[S.CONTACT_ID], S.NAME: invitations[S.NAME], "priority": 3}
            )
        )
    ledger, excluded, quarantine = book.ledger(kept)
    people = _people(platform, connections, message_frame, message_ids, invitations, names_seen, owner_id)
    owner = Owner(
        name=owner_name,
        profile_url=f"{_IG_URL}{owner_user}" if instagram and owner_user else None,
        contact_id=owner_id,
        found_by=found_by,
    )
    notes = list(dict.fromkeys(extra_notes))
    return Part(
        platform=platform,
        source=source,
        connections=connections,
        messages=message_frame,
        invitations=invitations,
        people=people,
        owner=owner,
        ledger=ledger,
        excluded=excluded,
        quarantine=quarantine,
        notes=tuple(notes),
        latest=max((t for t in latest if pd.notna(t)), default=None),
    )


def _people(
    platform: str,
    connections: pd.DataFrame,
    messages: pd.DataFrame,
    message_ids: pd.Series,
    invitations: pd.DataFrame,
    names_seen: list[pd.DataFrame],
    owner_id: str | None,
) -> pd.DataFrame:
    ids = pd.Series(
        pd.unique(
            pd.concat(
                [connections[S.CONTACT_ID], message_ids, invitations[S.CONTACT_ID]], ignore_index=True
            ).dropna()
        ),
        dtype="string",
    )
    ids = ids[ids.ne(owner_id).to_numpy()] if owner_id is not None else ids
    ids = ids.sort_values(kind="stable").reset_index(drop=True)
    if not len(ids):
        return S.empty_frame(S.PEOPLE_COLUMNS)
    named = (
        pd.concat(names_seen, ignore_index=True).dropna().astype({S.CONTACT_ID: "string", S.NAME: "string"})
    )
    best = (
        named.groupby([S.CONTACT_ID, "priority", S.NAME], observed=True)
        .size()
        .rename("n")
        .reset_index()
        .sort_values(
            [S.CONTACT_ID, "priority", "n", S.NAME], ascending=[True, True, False, True], kind="stable"
        )
        .drop_duplicates(S.CONTACT_ID)
        .set_index(S.CONTACT_ID)[S.NAME]
    )
    handle = ids.str.removeprefix(S.PLATFORM_ID_PREFIX[platform]).where(
        ~ids.str.startswith(S.PLATFORM_ID_PREFIX[platform] + "name:")
        & pd.Series(platform == S.INSTAGRAM, index=ids.index)
    )
    connected = connections.loc[
        connections[S.RELATIONSHIP].isin(S.CONNECTED_RELATIONSHIPS).to_numpy(), S.CONTACT_ID
    ]
    empty_lists = _id_lists(np.array([], dtype=np.int64), pd.Series([], dtype=object), len(ids))
    frame = pd.DataFrame(
        {
            S.CONTACT_ID: ids,
            S.PLATFORM: S.constant(platform, len(ids)),
            S.NAME: ids.map(best).astype("string"),
            S.PROFILE_URL: (_IG_URL + handle).astype("string"),
            S.HANDLE: handle.astype("string"),
            S.EMAILS: empty_lists,
            S.PHONES: empty_lists,
            S.COMPANY: pd.NA,
            S.POSITION: pd.NA,
            S.IS_CONNECTION: ids.isin(connected).to_numpy(dtype=bool),
            S.SEEN_IN: _seen_in(
                ids,
                {
                    "connections": connections[S.CONTACT_ID],
                    "messages": message_ids,
                    "invitations": invitations[S.CONTACT_ID],
                },
            ),
        }
    )
    return S.conform(frame, S.PEOPLE_COLUMNS)


def _seen_in(ids: pd.Series, tables: dict[str, pd.Series]) -> pd.Series:
    labels = pd.Series("", index=ids.index, dtype=object)
    for table, present in tables.items():
        hit = ids.isin(present).to_numpy()
        labels = labels.where(~hit, labels + np.where(labels.eq(""), "", ",") + table)
    return labels.astype("string")
