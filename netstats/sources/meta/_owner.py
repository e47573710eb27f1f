"""Whose export it is: the profile file, else the one participant present in every thread."""

from __future__ import annotations

import re
from collections.abc import Sequence

import pandas as pd

from ... import schema as S
from ..._errors import ExportFormatError
from ..._text import name_key
from ._book import _Book, _PlatformFiles
from ._files import _IG_USERNAME, _NAME_LABELS, _USERNAME_LABELS, FB_PROFILE, IG_PROFILE
from ._json import _File, _shape_error


def _common_participants(messages: pd.DataFrame, participants: pd.DataFrame) -> list[str]:
    """Name keys present in every thread (as participant or sender), sorted."""
    seen = pd.concat(
        [messages[["thread", "key"]], participants[["thread", "key"]]], ignore_index=True
    ).drop_duplicates()
    n_threads = seen["thread"].nunique()
    counts = seen.groupby("key", observed=True).size()
    return sorted(counts.index[counts.to_numpy() == n_threads].tolist())


def _spelling(keys: pd.Series, names: pd.Series, key: str) -> str | None:
    """The most frequent spelling of a name key (ties: the first in sorted order)."""
    among = names[keys.eq(key).fillna(False).to_numpy()]
    if not len(among):
        return None
    counts = among.value_counts()
    return sorted(counts.index[counts.to_numpy() == counts.max()])[0]


def _choose_owner(
    platform: str,
    messages: pd.DataFrame | None,
    participants: pd.DataFrame | None,
    profile_name: str | None,
    found_by: str,
    given: Sequence[str],
    files: str,
) -> tuple[str | None, str | None, str]:
    """(display name, name key, found_by) of the owner as the messages show them."""
    if profile_name and (
        messages is None or name_key(profile_name) in set(messages["key"]) | set(participants["key"])
    ):
        return profile_name, name_key(profile_name), found_by
    if messages is None:
        return None, None, found_by or "not found: the export has no profile file and no messages"
    common = _common_participants(messages, participants)
    method = "the participant present in every thread"
    if profile_name:
        method += " (the profile name is in no thread)"
    if len(common) != 1:
        given_keys = {name_key(g) for g in given if isinstance(g, str)} - {None}
        narrowed = [
            k
            for k in (common or sorted(set(messages["key"].dropna()) | set(participants["key"].dropna())))
            if k in given_keys
        ]
        if len(narrowed) != 1:
            label = S.PLATFORM_LABELS[platform]
            raise ExportFormatError(
                f"the {label} export does not say who its owner is,"
                " and no single participant is in every thread",
                file=files,
                expected=(
                    "profile_information.json (Facebook) or personal_information.json (Instagram),"
                    " or one person present in every conversation"
                ),
                fix=f"pass owner=['<your name as {label} shows it>']"
                " (netstats.load(..., owner=[...]) or --owner on the command line)",
            )
        common, method = narrowed, "the owner name given by the user, matched to a thread participant"
    key = common[0]
    names = pd.concat([messages[S.SENDER_NAME], participants[S.NAME]], ignore_index=True)
    keys = pd.concat([messages["key"], participants["key"]], ignore_index=True)
    return _spelling(keys, names, key), key, method


def _profile_name(f: _File) -> str | None:
    """``profile_v2.name.full_name`` (or the 2019 ``profile.name.full_name``) of profile_information.json."""
    doc = f.document
    profile = doc.get("profile_v2", doc.get("profile")) if isinstance(doc, dict) else None
    name = profile.get("name") if isinstance(profile, dict) else None
    if isinstance(name, dict):
        name = name.get("full_name")
    if not isinstance(name, str) or not name.strip():
        raise _shape_error(f.src, "the file names no profile owner", "profile_v2.name.full_name")
    return name.strip()


def _instagram_profile(f: _File) -> tuple[str | None, str | None]:
    """(user name, display name) from personal_information.json (labels may be localised)."""
    doc = f.document
    users = doc.get("profile_user") if isinstance(doc, dict) else None
    entry = users[0] if isinstance(users, list) and users and isinstance(users[0], dict) else None
    data = entry.get("string_map_data") if entry else None
    if not isinstance(data, dict):
        raise _shape_error(
            f.src,
            "the file holds no profile_user[0].string_map_data",
            "Instagram's personal_information.json",
        )
    username = display = None
    for label, value in data.items():
        text = value.get("value") if isinstance(value, dict) else None
        if not isinstance(text, str) or not text.strip():
            continue
        if label.strip().casefold() in _USERNAME_LABELS:
            username = username or text.strip().lstrip("@").lower()
        elif label.strip().casefold() in _NAME_LABELS:
            display = display or text.strip()
    if username is not None and not _IG_USERNAME.match(username):
        username = None
    return username, display


def _profile_owner(
    group: _PlatformFiles, book: _Book, kept: dict[str, int]
) -> tuple[str | None, str | None, str]:
    """The owner's name (and Instagram user name) from the profile file, and how they were found."""
    profile_name, owner_user, found_by = None, None, ""
    for f in group.of(FB_PROFILE, IG_PROFILE):
        nested = re.search(r"personal_information/(?:profile|personal)_information/", f.src.name.casefold())
        book.file(
            f.src.name,
            ("2024+" if nested else "2019-23")
            if f.kind == FB_PROFILE
            else ("2025+" if nested else "2021-24"),
            1,
        )
        kept[f.src.name] = 1
        if f.kind == FB_PROFILE:
            profile_name, found_by = _profile_name(f), "profile_information.json (profile_v2.name.full_name)"
        else:
            owner_user, profile_name = _instagram_profile(f)
            found_by = "personal_information.json (profile_user)"
    return profile_name, owner_user, found_by
