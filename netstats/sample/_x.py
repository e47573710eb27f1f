"""X (Twitter), as its archive holds it: ``window.YTD.*.part0 =`` then 2-space JSON with ``" : "``.

:func:`x` writes ``data/account.js``, ``follower.js``, ``following.js``, ``direct-messages.js``,
``direct-messages-group.js`` and ``manifest.js``; everyone but the owner appears by id only.
"""

from __future__ import annotations

import datetime
import json

import numpy as np

from .. import schema as S
from ._words import _CHAT_BODIES, _GROUP_BODIES
from ._world import _FRIEND_BODIES, _OWNER_EMAIL, _OWNER_X_HANDLE, _OWNER_X_ID, WINDOW_DAYS, _World


def x(world: _World) -> None:
    """Write the X archive: account, followers, following, direct messages, the manifest."""
    rng, p = world.rng, world.p
    root = "x/data/"
    members = [i for i in np.flatnonzero(p["x"].to_numpy(dtype=bool)).tolist() if i != 0]
    side = rng.choice(3, len(members), p=[0.4, 0.35, 0.25])
    pitchers = set(world.rows("one_way_inbound"))
    side = np.where([m in pitchers for m in members], 1, side)  # pitchers follow; the owner does not
    followers = [m for m, s in zip(members, side, strict=True) if s in (0, 1)]
    following = [m for m, s in zip(members, side, strict=True) if s in (0, 2)]
    for i in members:
        world.record(S.X, "x:" + world.x_id[i], i)
    world.record(S.X, "x:" + _OWNER_X_ID, 0)
    created = "2015-03-30T10:38:02.103Z"
    files = {}
    files["account.js"] = (
        "YTD.account.part0",
        [
            {
                "account": {
                    "email": _OWNER_EMAIL,
                    "createdVia": "web",
                    "username": _OWNER_X_HANDLE,
                    "accountId": _OWNER_X_ID,
                    "createdAt": created,
                    "accountDisplayName": p.at[0, S.NAME],
                }
            }
        ],
    )

    def link(i):
        return {
            "accountId": world.x_id[i],
            "userLink": f"https://twitter.com/intent/user?user_id={world.x_id[i]}",
        }

    files["follower.js"] = ("YTD.follower.part0", [{"follower": link(i)} for i in followers])
    files["following.js"] = ("YTD.following.part0", [{"following": link(i)} for i in following])
    # 1:1 conversations: a few mutual follows, and a pitcher's unanswered DM
    files["direct-messages.js"] = (
        "YTD.direct_messages.part0",
        _one_to_one(world, members, side, pitchers),
    )
    # one group: the owner and two or three people who follow each other
    files["direct-messages-group.js"] = (
        "YTD.direct_messages_group.part0",
        _group(world, members, side, pitchers),
    )
    written = {name: _x_js(f"window.{glob}", value) for name, (glob, value) in files.items()}
    world.files[root + "manifest.js"] = _manifest(world, files, written)
    for name, data in written.items():
        world.files[root + name] = data


def _one_to_one(world: _World, members: list[int], side: np.ndarray, pitchers: set[int]) -> list[dict]:
    """The 1:1 conversations: a few mutual follows, and a pitcher's unanswered DM."""
    rng, p = world.rng, world.p
    talkers = [
        m
        for m, s in zip(members, side, strict=True)
        if s == 0 and p.at[m, S.PLANTED_KIND] in ("core", "occasional", "x_only")
    ]
    talkers = talkers[: max(2, world.n_contacts // 100)] + [m for m in members if m in pitchers][:1]
    conversations = []
    for i in talkers:
        kind = p.at[i, S.PLANTED_KIND]
        one_way = i in pitchers
        n = int(rng.integers(1, 3)) if one_way else int(rng.integers(3, 10))
        times = world.times(n, kind)
        senders = [i] * n if one_way else [0 if rng.random() < 0.5 else i for _ in range(n)]
        if one_way:
            texts = [
                "Hi Sasha, I help data leaders book 20+ qualified meetings a month. Open to a quick call?"
            ] * n
        else:
            texts = world.pick(_CHAT_BODIES + _FRIEND_BODIES, n)
        low, high = sorted([world.x_id[0], world.x_id[i]], key=lambda v: (len(v), v))
        items = []
        for j in range(n - 1, -1, -1):
            other = i if senders[j] == 0 else 0
            create = {
                "recipientId": world.x_id[other],
                "reactions": [],
                "urls": [],
                "text": texts[j],
                "mediaUrls": [],
                "senderId": world.x_id[senders[j]],
                "id": _snowflake(world, times[j]),
                "createdAt": _iso_ms(times[j]),
            }
            if j == 0 and not one_way and n > 3:
                create["text"] = "Here is the link we talked about https://t.co/Ab12Cd34Ef"
                create["urls"] = [
                    {
                        "url": "https://t.co/Ab12Cd34Ef",
                        "expanded": "https://example.org/talks/data-contracts",
                        "display": "example.org/talks/data-co…",
                    }
                ]
            if j == n - 1 and not one_way and n > 2:
                create["reactions"] = [
                    {
                        "senderId": world.x_id[other],
                        "reactionKey": "like",
                        "eventId": _snowflake(world, times[j] + 60_000),
                        "createdAt": _iso_ms(times[j] + 60_000),
                    }
                ]
            items.append({"messageCreate": create})
        conversations.append({"dmConversation": {"conversationId": f"{low}-{high}", "messages": items}})
    return conversations


def _group(world: _World, members: list[int], side: np.ndarray, pitchers: set[int]) -> list[dict]:
    """One group conversation: the owner and two or three people who follow each other."""
    rng = world.rng
    group = [m for m, s in zip(members, side, strict=True) if s == 0 and m not in pitchers]
    group = (group + [m for m in members if m not in pitchers and m not in group])[:3]
    group_items = []
    if len(group) >= 2:
        n = int(rng.integers(5, 12))
        times = world.times(n + 1, "core")
        senders = [0, *[group[int(k)] for k in rng.integers(0, len(group), n - 1)]]
        rng.shuffle(senders)
        texts = world.pick(_GROUP_BODIES, n)
        for j in range(n, 0, -1):
            group_items.append(
                {
                    "messageCreate": {
                        "reactions": [],
                        "urls": [],
                        "text": texts[j - 1],
                        "mediaUrls": [],
                        "senderId": world.x_id[senders[j - 1]],
                        "id": _snowflake(world, times[j]),
                        "createdAt": _iso_ms(times[j]),
                    }
                }
            )
        group_items.append(
            {
                "joinConversation": {
                    "initiatingUserId": world.x_id[group[0]],
                    "participantsSnapshot": [world.x_id[i] for i in group],
                    "createdAt": _iso_ms(times[0]),
                }
            }
        )
    group_conversations = (
        [
            {
                "dmConversation": {
                    "conversationId": _snowflake(world, world.time(WINDOW_DAYS / 2)),
                    "messages": group_items,
                }
            }
        ]
        if group_items
        else []
    )
    return group_conversations


def _manifest(world: _World, files: dict, written: dict[str, bytes]) -> bytes:
    """manifest.js: the owner, the archive's size and date, and one entry per data file."""
    p = world.p
    data_types = {
        "account": "account.js",
        "follower": "follower.js",
        "following": "following.js",
        "directMessages": "direct-messages.js",
        "directMessagesGroup": "direct-messages-group.js",
    }
    manifest = {
        "userInfo": {
            "accountId": _OWNER_X_ID,
            "userName": _OWNER_X_HANDLE,
            "displayName": p.at[0, S.NAME],
        },
        "archiveInfo": {
            "sizeBytes": str(sum(len(v) for v in written.values())),
            "generationDate": _iso_ms(world.time(0.4)),
            "isPartialArchive": False,
            "maxPartSizeBytes": "53687091200",
        },
        "readmeInfo": {"fileName": "data/README.txt", "directory": "data/", "name": "README"},
        "dataTypes": {
            key: {
                "files": [
                    {
                        "fileName": f"data/{name}",
                        "globalName": files[name][0],
                        "count": str(len(files[name][1])),
                    }
                ]
            }
            for key, name in data_types.items()
        },
    }
    body = json.dumps(manifest, indent=2, separators=(",", " : "), ensure_ascii=False)
    return f"window.__THAR_CONFIG = {body}".encode()


def _snowflake(world: _World, ms) -> str:
    """An X id: milliseconds since X's epoch in the high bits, a random low part."""
    return str(((int(ms) - 1_288_834_974_657) << 22) | int(world.rng.integers(0, 1 << 22)))


def _x_js(global_name: str, value) -> bytes:
    """An X archive file: ``window.YTD.<type>.part0 = `` then 2-space JSON with ``" : "``."""
    body = json.dumps(value, indent=2, separators=(",", " : "), ensure_ascii=False)
    return f"{global_name} = {body}".encode()


def _iso_ms(ms) -> str:
    """``2021-09-15T06:00:28.597Z`` as X writes times."""
    when = datetime.datetime.fromtimestamp(int(ms) / 1000, datetime.UTC)
    return when.strftime("%Y-%m-%dT%H:%M:%S.") + f"{int(ms) % 1000:03d}Z"
