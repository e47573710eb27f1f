"""WhatsApp chats: one chat per file, Android 24-hour en-GB and iOS 12-hour en-US.

:func:`whatsapp` writes ``WhatsApp Chat with <name>.txt`` (Android, LF) and
``WhatsApp Chat - <name>/_chat.txt`` (iOS, CRLF, seconds, U+202F before AM/PM, U+200E on media and
system lines); authors are names saved in the owner's phone, or the number when unsaved.
"""

from __future__ import annotations

import datetime

import numpy as np

from .. import schema as S
from .._text import name_key, normalise_phone
from ._words import _CHAT_BODIES
from ._world import _FAMILY_BODIES, _FRIEND_BODIES, _phone_views, _World

_IOS_MEDIA = ("image omitted", "video omitted", "audio omitted", "GIF omitted", "sticker omitted")
_E2E_NOTICE = (
    "Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, "
    "can read or listen to them."
)
_LRM, _NNBSP = "\u200e", "\u202f"
_FAMILY_GROUP = "Moreau family 🏡"
_FRIENDS_GROUP = "Saturday football ⚽"


def whatsapp(world: _World) -> None:
    """Write one chat per file, Android and iOS, 1:1 and groups; record every author."""
    chats, label = _chats(world)
    written = set()
    for device, others, title in chats:
        for i in others:
            if i not in written:
                world.record(S.WHATSAPP, _whatsapp_id(label[i]), i)
                written.add(i)
        _write_chat(world, device, others, title, label)
    world.record(S.WHATSAPP, _whatsapp_id(label[0]), 0)


def _chats(world: _World):
    """The chats (device, members, title) and how the owner's phone labels each author."""
    p = world.p
    users = [i for i in np.flatnonzero(p["wa"].to_numpy(dtype=bool)).tolist() if i != 0]
    users = [i for i in users if p.at[i, S.PHONE]]
    label = {}
    for i in [0, *users]:
        if p.at[i, "book"] and world.saved[i]:
            label[i] = world.saved[i]
        else:
            label[i] = _phone_views(p.at[i, S.PHONE])[0]
    family = [i for i in users if p.at[i, S.PLANTED_KIND] == "family"]
    friends = [i for i in users if p.at[i, S.PLANTED_KIND] == "friend"]
    core = [i for i in users if p.at[i, S.PLANTED_KIND] == "core"]
    saved_people = [i for i in family + core + friends if p.at[i, "book"]]
    k = max(4, min(12, world.n_contacts // 40))
    ones = saved_people[:k]
    unsaved_friend = [i for i in friends if not p.at[i, "book"]][:1]
    chats = [("android", [i], label[i]) for i in ones[0::2]] + [("ios", [i], label[i]) for i in ones[1::2]]
    chats += [("android", [i], label[i]) for i in unsaved_friend]
    chats.append(("android", family, _FAMILY_GROUP))
    if len(friends) >= 3:
        chats.append(("ios", friends[:3], _FRIENDS_GROUP))
    return chats, label


def _write_chat(world: _World, device: str, others: list[int], title: str, label: dict) -> None:
    """One chat file: its messages' times, authors, texts and media placeholders."""
    rng, p = world.rng, world.p
    kind = p.at[others[0], S.PLANTED_KIND]
    kind = "family" if title == _FAMILY_GROUP else ("friend" if title == _FRIENDS_GROUP else kind)
    n = int(rng.integers(8, 20))
    times = world.times(n, kind)
    # the oldest message on a day past the 12th, so the file tells day from month
    if datetime.datetime.fromtimestamp(times[0] / 1000, datetime.UTC).day <= 12:
        day = datetime.datetime.fromtimestamp(times[0] / 1000, datetime.UTC).day
        times[0] -= day * 86_400_000
    senders = [0 if rng.random() < 0.45 else others[int(rng.integers(0, len(others)))] for _ in range(n)]
    for j, person in enumerate(others):  # every member writes at least once
        senders[min(1 + j, n - 1)] = person
    texts = world.pick(_FAMILY_BODIES if kind == "family" else _FRIEND_BODIES + _CHAT_BODIES, n)
    media = rng.random(n) < 0.1
    media[2] = True  # every chat holds a media placeholder
    lines = _lines(device, title, others, times, senders, texts, media, label)
    if device == "android":
        world.files[f"whatsapp/WhatsApp Chat with {title}.txt"] = "\n".join(lines).encode("utf-8") + b"\n"
    else:
        world.files[f"whatsapp/WhatsApp Chat - {title}/_chat.txt"] = (
            "\r\n".join(lines).encode("utf-8") + b"\r\n"
        )


def _lines(device, title, others, times, senders, texts, media, label) -> list[str]:
    """The lines of one chat file, as the device writes them (without line ends)."""
    group = len(others) > 1
    stamp = _android_stamp if device == "android" else _ios_stamp
    first = stamp(times[0])
    lines = []
    if device == "android":
        lines.append(f"{first} - {_E2E_NOTICE} Tap to learn more.")
        if group:
            lines.append(f'{first} - You created group "{title}"')
            lines.extend(f"{first} - You added {label[i]}" for i in others)
    else:
        lines.append(f"{_LRM}{first} {title}: {_LRM}{_E2E_NOTICE}")
        if group:
            lines.append(f"{_LRM}{first} {title}: {_LRM}You created group “{title}”")
    for j in range(len(times)):
        author = label[senders[j]]
        when = stamp(times[j])
        text = texts[j].replace("\n", "\r\n" if device == "ios" else "\n")
        if media[j] and device == "android":
            lines.append(f"{when} - {author}: <Media omitted>")
        elif media[j]:
            lines.append(f"{_LRM}{when} {author}: {_LRM}{_IOS_MEDIA[j % len(_IOS_MEDIA)]}")
        elif device == "android":
            lines.append(f"{when} - {author}: {text}")
        else:
            lines.append(f"{when} {author}: {text}")
    return lines


def _android_stamp(ms) -> str:
    """Android, en-GB, 24-hour: ``20/01/19, 11:23``."""
    return datetime.datetime.fromtimestamp(int(ms) / 1000, datetime.UTC).strftime("%d/%m/%y, %H:%M")


def _ios_stamp(ms) -> str:
    """iOS, en-US, 12-hour with seconds: ``[1/4/23, 7:02:15\u202fPM]``."""
    when = datetime.datetime.fromtimestamp(int(ms) / 1000, datetime.UTC)
    hour = (when.hour + 11) % 12 + 1
    half = "AM" if when.hour < 12 else "PM"
    day = f"{when.month}/{when.day}/{when.year % 100:02d}"
    return f"[{day}, {hour}:{when.minute:02d}:{when.second:02d}{_NNBSP}{half}]"


def _whatsapp_id(author: str) -> str:
    phone = normalise_phone(author) if author.lstrip(_LRM).startswith("+") else None
    return f"whatsapp:{phone}" if phone else "whatsapp:name:" + name_key(author)
