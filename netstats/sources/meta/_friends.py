"""Facebook friends and friend requests, Instagram followers, following and pending follow requests.

The names-and-times lists become the connections and invitations tables.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ... import schema as S
from ..._text import name_keys
from ._book import _Book, _Gathered, _PlatformFiles
from ._columns import NOT_AN_OBJECT, TOO_LONG, _get, _instants, _naive, _naive_day, _texts
from ._files import (
    _IG_URL,
    _IG_USERNAME,
    _USERNAME_LABELS,
    FB_FRIENDS,
    FB_RECEIVED_REQUESTS,
    FB_REMOVED_FRIENDS,
    FB_SENT_REQUESTS,
    IG_FOLLOWERS,
    IG_FOLLOWING,
    IG_PENDING,
)
from ._json import _File, _list_under

REMOVED_FRIEND = "removed friend (no longer a friend)"
SAME_NAME_FRIEND = (
    "same name as an earlier friend in the file (Facebook gives names only, so the two are one contact)"
)
SAME_ACCOUNT_TWICE = "the same account is listed twice"
_IG_HREF = re.compile(r"^(?:https?://)?(?:www\.)?instagram\.com/(?:_u/)?(?P<user>[^/?#]+)", re.IGNORECASE)


def _named_records(files: list[_File], keys: tuple[str, ...], book: _Book) -> pd.DataFrame:
    """One row per usable item of a names-and-times list (friends, friend requests).

    Columns: file, source_line, name, key, at.
    """
    frames = []
    for f in files:
        items = _list_under(
            f.src, f.document, keys, "a JSON object with a list under " + " or ".join(f"'{k}'" for k in keys)
        )
        book.file(f.src.name, f.era, len(items))
        is_object = np.array([isinstance(i, dict) for i in items], dtype=bool)
        names, bad_name, long_name = _texts(_get(items, "name"))
        keys_ = name_keys(names)
        at, _, bad_at = _instants(_get(items, "timestamp"), "s")
        reasons = np.select(
            [~is_object, bad_name, long_name, keys_.isna().to_numpy(), bad_at],
            [
                NOT_AN_OBJECT,
                "the name is not text",
                TOO_LONG,
                "no name",
                "timestamp out of range (expected epoch seconds)",
            ],
            default="",
        )
        bad = reasons != ""
        book.quarantine_items(f.src.name, items, np.flatnonzero(bad), reasons[bad])
        good = ~bad
        frames.append(
            pd.DataFrame(
                {
                    S.FILE: f.src.name,
                    S.SOURCE_LINE: np.flatnonzero(good) + 1,
                    S.NAME: names[good].to_numpy(),
                    "key": keys_[good].to_numpy(),
                    "at": at[good].to_numpy(),
                }
            )
        )
    frame = (
        pd.concat(frames, ignore_index=True)
        if frames
        else pd.DataFrame(columns=[S.FILE, S.SOURCE_LINE, S.NAME, "key", "at"])
    )
    return frame.astype({S.NAME: "string", "key": "string", "at": S.UTC_TIME})


def _follow_records(files: list[_File], keys: tuple[str, ...], book: _Book) -> pd.DataFrame:
    """One row per usable follow item: file, source_line, handle, at."""
    frames = []
    for f in files:
        items = _list_under(
            f.src,
            f.document,
            keys,
            f"a list of accounts, or an object with a list under '{keys[0]}'",
            top_list=True,
        )
        users, times, shapes = [], [], set()
        for item in items:  # flattening the parsed JSON: one small dict per account
            user, at, shape = _follow_item(item)
            users.append(user)
            times.append(at)
            shapes.add(shape)
        book.file(f.src.name, _follow_era(f.kind, shapes), len(items))
        is_object = np.array([isinstance(i, dict) for i in items], dtype=bool)
        handles = pd.Series(users, dtype="string").str.strip().str.lstrip("@").str.lower()
        valid = handles.str.fullmatch(_IG_USERNAME.pattern).fillna(False).to_numpy(dtype=bool)
        at, _, bad_at = _instants(times, "s")
        reasons = np.select(
            [~is_object, handles.isna().to_numpy(), ~valid, bad_at],
            [
                NOT_AN_OBJECT,
                "no user name (value, title and href are all missing)",
                "not an Instagram user name",
                "timestamp out of range (expected epoch seconds)",
            ],
            default="",
        )
        bad = reasons != ""
        book.quarantine_items(f.src.name, items, np.flatnonzero(bad), reasons[bad])
        good = ~bad
        frames.append(
            pd.DataFrame(
                {
                    S.FILE: f.src.name,
                    S.SOURCE_LINE: np.flatnonzero(good) + 1,
                    S.HANDLE: handles[good].to_numpy(),
                    "at": at[good].to_numpy(),
                }
            )
        )
    if not frames:
        return pd.DataFrame(
            {
                S.FILE: pd.Series([], dtype="string"),
                S.SOURCE_LINE: pd.Series([], dtype="int64"),
                S.HANDLE: pd.Series([], dtype="string"),
                "at": pd.Series([], dtype=S.UTC_TIME),
            }
        )
    frame = pd.concat(frames, ignore_index=True).astype({S.HANDLE: "string", "at": S.UTC_TIME})
    twice = frame.duplicated(S.HANDLE, keep="first").to_numpy()
    book.exclude(frame.loc[twice, S.FILE], frame.loc[twice, S.SOURCE_LINE], SAME_ACCOUNT_TWICE)
    return frame.loc[~twice].reset_index(drop=True)


def _follow_item(item: object) -> tuple[str | None, object, str]:
    """User name, timestamp and shape of one follow-list item (the three shapes of research §4)."""
    if not isinstance(item, dict):
        return None, None, "?"
    entries = item.get("string_list_data")
    if isinstance(entries, list):
        first = entries[0] if entries and isinstance(entries[0], dict) else {}
        title = item.get("title")
        href = first.get("href")
        from_href = _href_user(href)
        value = first.get("value")
        user = next((u for u in (value, title, from_href) if isinstance(u, str) and u.strip()), None)
        shape = "value" if isinstance(value, str) and value.strip() else "title"
        return user, first.get("timestamp"), shape
    labels = item.get("label_values")
    if isinstance(labels, list):
        user, href = None, None
        for entry in labels:
            if not isinstance(entry, dict):
                continue
            label = entry.get("label")
            if (
                isinstance(label, str)
                and label.strip().casefold() in _USERNAME_LABELS
                and isinstance(entry.get("value"), str)
            ):
                user = user or entry["value"]
            href = href or _href_user(entry.get("href")) or _href_user(entry.get("value"))
        return user or href, item.get("timestamp"), "label_values"
    return None, None, "?"


def _href_user(href: object) -> str | None:
    if not isinstance(href, str):
        return None
    match = _IG_HREF.match(href.strip())
    return match.group("user") if match else None


def _follow_era(kind: str, shapes: set[str]) -> str:
    if "label_values" in shapes:
        return "label-values"
    if kind == IG_FOLLOWERS:
        return "2025+"
    return "2026-04" if "title" in shapes else "2025-08"


def _facebook_lists(
    group: _PlatformFiles, got: _Gathered, has_messages: bool
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Facebook's friends (connections) and friend requests (invitations); removed friends are excluded."""
    book, prefix, kept, latest, names_seen, extra_notes = (
        got.book,
        got.prefix,
        got.kept,
        got.latest,
        got.names_seen,
        got.notes,
    )
    platform = group.platform
    connections = S.empty_frame(S.CONNECTIONS_COLUMNS)
    invitations = S.empty_frame(S.INVITATIONS_COLUMNS, S.INVITATIONS_DTYPES)
    friends = _named_records(group.of(FB_FRIENDS), ("friends_v2", "friends"), book)
    twice = friends.duplicated("key", keep="first").to_numpy()
    book.exclude(friends.loc[twice, S.FILE], friends.loc[twice, S.SOURCE_LINE], SAME_NAME_FRIEND)
    friends = friends.loc[~twice].reset_index(drop=True)
    kept.update(friends[S.FILE].value_counts().to_dict())
    if len(friends):
        connections = _connections_frame(
            platform,
            ids=prefix + "name:" + friends["key"],
            names=friends[S.NAME],
            handles=None,
            connected=friends["at"],
            relationship=pd.Series(S.REL_FRIEND, index=friends.index),
            lines=friends[S.SOURCE_LINE],
        )
        latest.append(friends["at"].max())
        names_seen.append(
            pd.DataFrame(
                {S.CONTACT_ID: connections[S.CONTACT_ID], S.NAME: connections[S.NAME], "priority": 2}
            )
        )
    removed = _named_records(group.of(FB_REMOVED_FRIENDS), ("deleted_friends_v2", "deleted_friends"), book)
    book.exclude(removed[S.FILE], removed[S.SOURCE_LINE], REMOVED_FRIEND)
    sent = _named_records(group.of(FB_SENT_REQUESTS), ("sent_requests_v2", "sent_requests"), book)
    received = _named_records(
        group.of(FB_RECEIVED_REQUESTS), ("received_requests_v2", "received_requests"), book
    )
    requests = pd.concat(
        [sent.assign(**{S.DIRECTION: S.OUTGOING}), received.assign(**{S.DIRECTION: S.INCOMING})],
        ignore_index=True,
    )
    if len(requests):
        requests = requests.astype({"at": S.UTC_TIME})
        kept.update({k: int(v) for k, v in requests[S.FILE].value_counts().items()})
        invitations = _invitations_frame(
            platform, prefix + "name:" + requests["key"], requests[S.NAME], None, requests
        )
        latest.append(requests["at"].max())
        extra_notes.append(
            "Facebook friend-request times are exact instants (epoch seconds); netstats keeps them as "
            "naive UTC times, like invitation times from LinkedIn."
        )
    if len(friends) or len(requests) or has_messages:
        extra_notes.append(
            "Facebook gives names only (no ids) for friends and message senders, so each contact id is "
            "built from the name (facebook:name:...): two people with the same name are one contact."
        )
    return connections, invitations


def _instagram_lists(
    group: _PlatformFiles, got: _Gathered, has_messages: bool
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Instagram's followers and followed accounts (connections) and pending follow requests (invitations)."""
    book, prefix, kept, latest, names_seen, extra_notes = (
        got.book,
        got.prefix,
        got.kept,
        got.latest,
        got.names_seen,
        got.notes,
    )
    platform = group.platform
    connections = S.empty_frame(S.CONNECTIONS_COLUMNS)
    invitations = S.empty_frame(S.INVITATIONS_COLUMNS, S.INVITATIONS_DTYPES)
    followers = _follow_records(group.of(IG_FOLLOWERS), ("relationships_followers",), book)
    following = _follow_records(group.of(IG_FOLLOWING), ("relationships_following",), book)
    for frame in (followers, following):
        kept.update({k: int(v) for k, v in frame[S.FILE].value_counts().items()})
    if len(followers) or len(following):
        connections = _follow_connections(platform, prefix, followers, following)
        latest += [followers["at"].max(), following["at"].max()]
        names_seen.append(
            pd.DataFrame(
                {S.CONTACT_ID: connections[S.CONTACT_ID], S.NAME: connections[S.NAME], "priority": 2}
            )
        )
        extra_notes.append(
            "Instagram follow lists cover the date range chosen when the export was requested: an export "
            "not made for 'All time' leaves out older followers without saying so."
        )
    pending = _follow_records(group.of(IG_PENDING), ("relationships_follow_requests_sent",), book)
    kept.update({k: int(v) for k, v in pending[S.FILE].value_counts().items()})
    if len(pending):
        pending = pending.assign(**{S.DIRECTION: S.OUTGOING})
        invitations = _invitations_frame(
            platform, prefix + pending[S.HANDLE], pending[S.HANDLE], _IG_URL + pending[S.HANDLE], pending
        )
        latest.append(pending["at"].max())
    return connections, invitations


def _connections_frame(platform, *, ids, names, handles, connected, relationship, lines) -> pd.DataFrame:
    n = len(ids)
    split = names.str.split(" ", n=1) if handles is None else None
    frame = pd.DataFrame(
        {
            S.PLATFORM: S.constant(platform, n, index=ids.index),
            S.CONTACT_ID: ids,
            S.NAME: names,
            S.FIRST_NAME: split.str[0] if split is not None else pd.NA,
            S.LAST_NAME: split.str[1] if split is not None else pd.NA,
            S.PROFILE_URL: (_IG_URL + handles) if handles is not None else pd.NA,
            S.EMAIL: pd.NA,
            S.MEMBER_URN: pd.NA,
            S.COMPANY: pd.NA,
            S.POSITION: pd.NA,
            S.CONNECTED_ON: _naive_day(connected),
            S.RELATIONSHIP: relationship,
            S.SOURCE_LINE: lines,
        }
    )
    return S.conform(frame.sort_values([S.CONTACT_ID], kind="stable"), S.CONNECTIONS_COLUMNS)


def _follow_connections(
    platform: str, prefix: str, followers: pd.DataFrame, following: pd.DataFrame
) -> pd.DataFrame:
    """Followers and following merged per account: mutual when in both lists (since the later follow)."""
    merged = followers.merge(
        following, on=S.HANDLE, how="outer", suffixes=("_follower", "_following"), indicator=True
    )
    relationship = pd.Series(
        np.select(
            [merged["_merge"].eq("both"), merged["_merge"].eq("left_only")],
            [S.REL_MUTUAL_FOLLOW, S.REL_FOLLOWER],
            S.REL_FOLLOWING,
        ),
        index=merged.index,
    )
    # mutual since the later of the two follows; otherwise the one follow date (NaT when unknown)
    later = merged["at_follower"].where(
        ~(merged["at_following"] > merged["at_follower"]).to_numpy(), merged["at_following"]
    )
    connected = later.fillna(merged["at_following"]).astype(S.UTC_TIME)
    lines = merged[f"{S.SOURCE_LINE}_follower"].fillna(merged[f"{S.SOURCE_LINE}_following"]).astype("int64")
    handles = merged[S.HANDLE].astype("string")
    return _connections_frame(
        platform,
        ids=prefix + handles,
        names=handles,
        handles=handles,
        connected=connected,
        relationship=relationship,
        lines=lines,
    )


def _invitations_frame(
    platform: str, ids: pd.Series, names: pd.Series, urls: pd.Series | None, records: pd.DataFrame
) -> pd.DataFrame:
    n = len(ids)
    frame = pd.DataFrame(
        {
            S.PLATFORM: S.constant(platform, n, index=ids.index),
            S.CONTACT_ID: ids,
            S.NAME: names,
            S.PROFILE_URL: urls if urls is not None else pd.NA,
            S.DIRECTION: records[S.DIRECTION],
            S.SENT_AT: _naive(records["at"]),
            S.MESSAGE: pd.NA,
            S.NOTE_KIND: S.NOTE_NONE,
            S.SOURCE_LINE: records[S.SOURCE_LINE],
            S.FILE: records[S.FILE],
        }
    )
    frame = frame.sort_values([S.SENT_AT, S.FILE, S.SOURCE_LINE], kind="stable")
    return S.conform(frame, S.INVITATIONS_COLUMNS, S.INVITATIONS_DTYPES)
