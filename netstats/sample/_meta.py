"""Facebook, Messenger and Instagram, as Meta exports them (2025-2026 layouts, every string in mojibake).

:func:`facebook` writes the friends, removed friends and friend requests, the owner's profile and
the Messenger threads (inbox, archived, message requests, the end-to-end cutover, a thread split
in two files, a family group); :func:`instagram` the followers (two files), following (its 2026
shape), the owner's personal information and a few direct-message threads.  Each records the
person records a reader will produce (the identity truth of :class:`._world._World`).
"""

from __future__ import annotations

import json

import numpy as np

from .. import schema as S
from .._text import name_key
from ._words import _CHAT_BODIES
from ._world import _FAMILY_BODIES, _FRIEND_BODIES, _OWNER_EMAIL, _OWNER_INSTAGRAM, WINDOW_DAYS, _slug, _World

_FB_FAMILY_GROUP = "Família 🏡"


# ---------------------------------------------------------------- Facebook and Messenger
def facebook(world: _World) -> None:
    """Write Facebook's friends, requests, profile and Messenger threads; record who appears."""
    members = _facebook_members(world)
    friends, dormant, requester, requests_in, requests_out, removed = _facebook_roles(world, members)
    _friend_files(world, friends, removed, requests_in, requests_out)
    _messenger(world, friends, dormant, requester)


def _facebook_members(world: _World) -> list[int]:
    """Everyone Facebook will show, by name: names must be unique (one id per name)."""
    p = world.p
    seen = {name_key(world.fb_name[0])}
    members = []
    for i in np.flatnonzero(p["fb"].to_numpy(dtype=bool)).tolist():
        if i == 0:
            continue
        key = name_key(world.fb_name[i])
        if key in seen:
            p.loc[i, "fb"] = False
            continue
        seen.add(key)
        members.append(i)
    return members


def _facebook_roles(world: _World, members: list[int]):
    """Friends, requests each way, a removed friend; each member is recorded under their name."""
    p = world.p
    requester = world.rows("requester", flag="fb")
    silent_or_new = [i for i in members if p.at[i, S.PLANTED_KIND] in ("new", "silent")]
    requests_in = silent_or_new[:2]
    requests_out = [i for i in members if p.at[i, S.PLANTED_KIND] == "follower"][:1]
    dormant = [i for i in members if p.at[i, S.PLANTED_KIND] == "dormant"]
    removed = dormant[-1:] if len(dormant) > 1 else []
    not_friends = set(requester) | set(requests_in) | set(requests_out) | set(removed)
    friends = [i for i in members if i not in not_friends]
    for i in members:
        world.record(S.FACEBOOK, "facebook:name:" + name_key(world.fb_name[i]), i)
    world.record(S.FACEBOOK, "facebook:name:" + name_key(world.fb_name[0]), 0)
    return friends, dormant, requester, requests_in, requests_out, removed


def _friend_files(world, friends, removed, requests_in, requests_out) -> None:
    """The friends, removed friends, friend requests and the owner's profile."""
    rng = world.rng
    root = "facebook/"

    def dated(people, low, high):
        """Names with a time drawn between ``low`` and ``high`` days ago, newest first."""
        seconds = world.time(rng.uniform(low, high, len(people))) // 1000
        order = np.argsort(-seconds, kind="stable")
        return [{"name": world.fb_name[people[j]], "timestamp": int(seconds[j])} for j in order]

    section = root + "connections/friends/"
    world.files[section + "your_friends.json"] = _meta_json(
        {"friends_v2": dated(friends, 3, WINDOW_DAYS - 1)}
    )
    world.files[section + "removed_friends.json"] = _meta_json(
        {"deleted_friends_v2": dated(removed, 30, 400)}
    )
    world.files[section + "received_friend_requests.json"] = _meta_json(
        {"received_requests_v2": dated(requests_in, 1, 60)}
    )
    world.files[section + "sent_friend_requests.json"] = _meta_json(
        {"sent_requests_v2": dated(requests_out, 1, 60)}
    )
    world.files[root + "personal_information/profile_information/profile_information.json"] = _meta_json(
        {
            "profile_v2": {
                "name": {
                    "full_name": world.fb_name[0],
                    "first_name": "Sasha",
                    "middle_name": "",
                    "last_name": "Moreau",
                },
                "emails": {
                    "emails": [_OWNER_EMAIL],
                    "previous_emails": [],
                    "pending_emails": [],
                    "ad_account_emails": [],
                },
                "registration_timestamp": int(world.time(WINDOW_DAYS + 900) // 1000),
            }
        }
    )


def _messenger(world: _World, friends, dormant, requester) -> None:
    """Messenger threads: inbox, archived, a message request, a group, the end-to-end cutover."""
    rng, p = world.rng, world.p
    root = "facebook/"
    family = [i for i in friends if p.at[i, S.PLANTED_KIND] == "family"]
    talkers = [i for i in friends if p.at[i, S.PLANTED_KIND] in ("friend", "core")]
    talkers = [i for j, i in enumerate(talkers) if j < 3 or rng.random() < 0.35]
    talkers = talkers[: max(4, world.n_contacts // 20)]
    threads = [("inbox", [i], None) for i in family[:2] + talkers]
    threads += [("archived_threads", [i], None) for i in dormant[:1] if i in friends]
    threads += [("message_requests", [i], None) for i in requester]
    threads.append(("inbox", family[:4], _FB_FAMILY_GROUP))
    e2ee = talkers[-1:]
    threads += [("e2ee_cutover", e2ee, None)]
    base = root + "your_facebook_activity/messages/"
    thread_ids = rng.integers(10**15, 10**16, len(threads))
    longest = max(range(len(threads)), key=lambda t: (p.at[threads[t][1][0], S.PLANTED_KIND] == "family", -t))
    for t, (folder, others, title) in enumerate(threads):
        kind = p.at[others[0], S.PLANTED_KIND]
        one_way = folder == "message_requests"
        n = 2 if one_way else int(rng.integers(6, 16)) + (14 if t == longest else 0)
        messages = _meta_messages(world, others, kind, n, one_way, world.fb_name, "your_facebook_activity")
        title = title or world.fb_name[others[0]]
        name = f"{_slug(title) or 'facebookuser'}_{thread_ids[t]}"
        header = {
            "participants": [{"name": world.fb_name[i]} for i in [*others, 0]],
            "title": title,
            "is_still_participant": True,
            "thread_path": f"{folder}/{name}",
            "magic_words": [],
        }
        parts = (
            [messages] if t != longest else [messages[: len(messages) // 2], messages[len(messages) // 2 :]]
        )
        for number, chunk in enumerate(parts, start=1):
            body = {
                "participants": header["participants"],
                "messages": chunk,
                **{k: header[k] for k in list(header)[1:]},
            }
            world.files[f"{base}{folder}/{name}/message_{number}.json"] = _meta_json(body)


def _meta_messages(world: _World, others, kind, n, one_way, names, media_root) -> list[dict]:
    """A Meta thread's messages, newest first: text, photos, a reaction, an unsent stub."""
    rng = world.rng
    times = world.times(n, kind)
    if one_way:
        senders = [others[0]] * n
    else:
        senders = [0 if rng.random() < 0.45 else others[int(rng.integers(0, len(others)))] for _ in range(n)]
        senders[-1] = others[0]
    bodies = _FAMILY_BODIES if kind == "family" else _FRIEND_BODIES + _CHAT_BODIES
    texts = world.pick(bodies, n)
    out = []
    for j in range(n):
        message = {"sender_name": names[senders[j]], "timestamp_ms": int(times[j])}
        roll = rng.random()
        if roll < 0.08 and not one_way:
            message["photos"] = [
                {
                    "uri": f"{media_root}/messages/photos/{int(times[j]) // 1000}_{j}.jpg",
                    "creation_timestamp": int(times[j]) // 1000,
                }
            ]
        elif roll < 0.1 and not one_way and senders[j] != 0:
            message["is_unsent"] = True
        else:
            message["content"] = texts[j]
        if roll > 0.9 and not one_way:
            message["reactions"] = [{"reaction": "❤", "actor": names[0 if senders[j] else others[0]]}]
        message["is_geoblocked_for_viewer"] = False
        out.append(message)
    return out[::-1]


# ---------------------------------------------------------------- Instagram
def instagram(world: _World) -> None:
    """Write Instagram's followers, following, the owner's information and a few direct messages."""
    members, side, followers, following, when = _instagram_follows(world)
    _follow_files(world, followers, following, when)
    _instagram_messages(world, members, side)


def _instagram_follows(world: _World):
    """Who follows whom and since when; each member is recorded under their user name."""
    rng, p = world.rng, world.p
    members = [i for i in np.flatnonzero(p["ig"].to_numpy(dtype=bool)).tolist() if i != 0]
    side = rng.choice(3, len(members), p=[0.5, 0.3, 0.2])  # 0 both ways, 1 follower, 2 following
    kinds = p.loc[members, S.PLANTED_KIND].to_numpy(dtype=object)
    side = np.where(kinds == "follower", np.where(rng.random(len(members)) < 0.7, 1, 2), side)
    followers = [m for m, s in zip(members, side, strict=True) if s in (0, 1)]
    following = [m for m, s in zip(members, side, strict=True) if s in (0, 2)]
    for i in members:
        world.record(S.INSTAGRAM, "instagram:" + world.ig_user[i].lower(), i)
    world.record(S.INSTAGRAM, "instagram:" + _OWNER_INSTAGRAM, 0)
    when = {
        i: int(t)
        for i, t in zip(
            members, world.time(rng.uniform(2, WINDOW_DAYS - 1, len(members))) // 1000, strict=True
        )
    }
    followers.sort(key=lambda i: -when[i])
    following.sort(key=lambda i: -when[i] + 3600)
    return members, side, followers, following, when


def _follow_files(world: _World, followers, following, when) -> None:
    """followers_1.json and followers_2.json, following.json, the owner's personal information."""
    root = "instagram/"

    def follower_item(i):
        """A followers file entry: user name, link and time."""
        user = world.ig_user[i]
        return {
            "title": "",
            "media_list_data": [],
            "string_list_data": [
                {"href": f"https://www.instagram.com/{user}", "value": user, "timestamp": when[i]}
            ],
        }

    split = (len(followers) + 1) // 2
    section = root + "connections/followers_and_following/"
    world.files[section + "followers_1.json"] = _meta_json([follower_item(i) for i in followers[:split]])
    world.files[section + "followers_2.json"] = _meta_json([follower_item(i) for i in followers[split:]])
    world.files[section + "following.json"] = _meta_json(
        {
            "relationships_following": [
                {
                    "title": world.ig_user[i],
                    "string_list_data": [
                        {
                            "href": f"https://www.instagram.com/_u/{world.ig_user[i]}",
                            "timestamp": when[i] - 3600,
                        }
                    ],
                }
                for i in following
            ]
        }
    )
    world.files[root + "personal_information/personal_information/personal_information.json"] = _meta_json(
        {
            "profile_user": [
                {
                    "media_map_data": {},
                    "string_map_data": {
                        "Email": {"href": "", "value": _OWNER_EMAIL, "timestamp": 0},
                        "Username": {"href": "", "value": _OWNER_INSTAGRAM, "timestamp": 0},
                        "Name": {"href": "", "value": world.ig_display[0], "timestamp": 0},
                    },
                }
            ]
        }
    )


def _instagram_messages(world: _World, members, side) -> None:
    """Direct messages with people who follow both ways, by display name (unique: one id per name)."""
    rng, p = world.rng, world.p
    root = "instagram/"
    mutual = [
        m
        for m, s in zip(members, side, strict=True)
        if s == 0 and p.at[m, S.PLANTED_KIND] in ("friend", "family", "core")
    ]
    seen = {name_key(world.ig_display[0])}
    partners = []
    for i in mutual:
        key = name_key(world.ig_display[i])
        if key not in seen and len(partners) < max(3, world.n_contacts // 80):
            seen.add(key)
            partners.append(i)
    base = root + "your_instagram_activity/messages/inbox/"
    for i in partners:
        world.record(S.INSTAGRAM, "instagram:name:" + name_key(world.ig_display[i]), i)
        kind = p.at[i, S.PLANTED_KIND]
        messages = _meta_messages(
            world, [i], kind, int(rng.integers(3, 9)), False, world.ig_display, "your_instagram_activity"
        )
        folder = f"{world.ig_user[i].replace('.', '')}_{int(rng.integers(10**15, 10**16))}"
        world.files[f"{base}{folder}/message_1.json"] = _meta_json(
            {
                "participants": [{"name": world.ig_display[i]}, {"name": world.ig_display[0]}],
                "messages": messages,
                "title": world.ig_display[i],
                "is_still_participant": True,
                "thread_path": f"inbox/{folder}",
                "magic_words": [],
            }
        )


def _mojibake(value):
    """Meta's export bug: each UTF-8 byte of every string becomes one code point (then ``\\u00XX``)."""
    if isinstance(value, str):
        return value.encode("utf-8").decode("latin-1")
    if isinstance(value, list):
        return [_mojibake(v) for v in value]
    if isinstance(value, dict):
        return {_mojibake(k): _mojibake(v) for k, v in value.items()}
    return value


def _meta_json(value) -> bytes:
    return json.dumps(_mojibake(value), indent=2, ensure_ascii=True).encode("ascii")
