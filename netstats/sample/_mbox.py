"""E-mail as Gmail Takeout writes it: one ``mail.mbox``.

:func:`mbox` writes ``From <id>@xxx`` separators, ``X-GM-THRID`` and ``X-Gmail-Labels`` headers,
RFC 2047 names, quoted-printable bodies and CRLF line ends: threads with the owner's contacts,
pitches nobody answered, the owner's unanswered outreach, and one thread with several people.
"""

from __future__ import annotations

import base64
import datetime
import quopri
from email.utils import formataddr

import numpy as np

from .. import schema as S
from .._text import normalise_email
from ._words import _CHAT_BODIES
from ._world import _RECENCY, _token, _World

_MAIL_SUBJECTS = (
    "Coffee next week?",
    "Slides from Thursday",
    "Intro: data hiring",
    "Quick question about the report",
    "Dinner plans",
    "Workshop agenda",
    "Café on Friday?",
    "Catching up",
    "Draft for review",
    "Thanks!",
)
_MAIL_PITCH_SUBJECTS = ("Quick question, Sasha", "15 minutes next week?", "Scaling your data team")
_MAIL_OUTREACH_SUBJECTS = ("Research on data onboarding", "Hiring a senior analyst")


def mbox(world: _World) -> None:
    """Write mail.mbox: every thread's messages, oldest first; record every address."""
    p = world.p
    messages = _messages(world, _threads(world))
    messages.sort(key=lambda m: (m[0], m[1], m[2]))
    seen = set()
    chunks = []
    for ms, _t, j, sender, to, cc, subject, ids, thread_id, kind in messages:
        for person in [sender, *to, *cc]:
            if person not in seen:
                seen.add(person)
                world.record(S.EMAIL_PLATFORM, "email:" + normalise_email(p.at[person, S.EMAIL]), person)
        chunks.append(_mail(world, ms, j, sender, to, cc, subject, ids, thread_id, kind))
    world.files["mail.mbox"] = "".join(chunks).encode("utf-8")


def _threads(world: _World) -> list[tuple]:
    """The threads: (participants other than the owner, kind, n messages, who starts, one-way?)."""
    rng, p = world.rng, world.p
    people = [
        i for i in np.flatnonzero(p["mail"].to_numpy(dtype=bool)).tolist() if i != 0 and p.at[i, S.EMAIL]
    ]
    threads = []
    for i in people:
        kind = p.at[i, S.PLANTED_KIND]
        if kind == "one_way_inbound":
            threads.append(([i], kind, int(rng.integers(1, 3)), i, True))
        elif kind == "one_way_outbound":
            threads.append(([i], kind, 1, 0, True))
        elif kind in ("core", "occasional", "dormant", "friend", "family", "namesake"):
            for _ in range(int(rng.integers(1, 3 if kind != "core" else 4))):
                threads.append(([i], kind, int(rng.integers(1, 5)), i if rng.random() < 0.5 else 0, False))
        else:  # someone the owner only e-mails, such as a LinkedIn contact who shared an address
            threads.append(([i], "occasional", int(rng.integers(1, 3)), i, False))
    core = [i for i in people if p.at[i, S.PLANTED_KIND] == "core"]
    if len(core) >= 2:
        threads.append((core[:3], "core", 4, 0, False))
    return threads


def _messages(world: _World, threads: list[tuple]) -> list[tuple]:
    """Every message of every thread, with its time, sender, recipients, subject and ids."""
    rng = world.rng
    messages = []
    for t, (others, kind, n, starter, one_way) in enumerate(threads):
        times = world.times(n, kind if kind in _RECENCY else "friend")
        thread_id = str(int(rng.integers(10**18, 9 * 10**18)))
        subject = (
            world.pick(_MAIL_PITCH_SUBJECTS, 1)[0]
            if kind == "one_way_inbound"
            else world.pick(_MAIL_OUTREACH_SUBJECTS, 1)[0]
            if kind == "one_way_outbound"
            else world.pick(_MAIL_SUBJECTS, 1)[0]
        )
        ids = [f"<CA{_token(rng, 40)}@mail.gmail.com>" for _ in range(n)]
        for j in range(n):
            if one_way:
                sender = starter
            else:
                sender = starter if j % 2 == 0 else (0 if starter != 0 else others[j % len(others)])
            recipients = [x for x in [*others, 0] if x != sender]
            messages.append(
                (
                    int(times[j]),
                    t,
                    j,
                    sender,
                    recipients[:1],
                    recipients[1:],
                    subject,
                    ids,
                    thread_id,
                    kind,
                )
            )
    return messages


def _mail(world: _World, ms, j, sender, to, cc, subject, ids, thread_id, kind) -> str:
    """One message as Gmail Takeout writes it: separator, headers, body; CRLF line ends."""
    rng, p = world.rng, world.p
    when = datetime.datetime.fromtimestamp(ms / 1000, datetime.UTC)
    offset = (
        60
        if sender == 0 and 4 <= when.month <= 10
        else (0 if sender == 0 else [0, 60, -300, 330][sender % 4])
    )
    local = when.astimezone(datetime.timezone(datetime.timedelta(minutes=offset)))
    sign = "+" if offset >= 0 else "-"
    zone = f"{sign}{abs(offset) // 60:02d}{abs(offset) % 60:02d}"
    labels = (
        "Sent"
        if sender == 0
        else ("Inbox,Category Personal,Opened" if rng.random() < 0.7 else "Archived,Category Personal,Opened")
    )
    first = p.at[to[0], "first"] if to[0] != 0 else "Sasha"
    signer = p.at[sender, "first"]
    if kind == "one_way_inbound":
        body = (
            f"Hi {first},\n\nI help data leaders book 20+ qualified meetings a month. Worth a quick chat?"
            f"\n\nBest,\n{signer}"
        )
    elif kind == "one_way_outbound":
        body = (
            f"Hi {first},\n\nWe're hiring a senior analyst and I thought you might know someone."
            f"\n\nCheers,\n{signer}"
        )
    else:
        text = world.pick(_CHAT_BODIES, 1)[0]
        body = f"Hi {first},\n\n{text}\n\nBest,\n{signer}"
        if j == 1:
            body = f"Hi {first},\n\nFrom what I remember, Thursday works.\n\nThanks,\n{signer}"
    escaped = "\n".join((">" + line if line.startswith("From ") else line) for line in body.split("\n"))
    if escaped.isascii():
        encoding, payload = "7bit", escaped
    else:
        encoding = "quoted-printable"
        payload = quopri.encodestring(escaped.encode("utf-8")).decode("ascii")
    headers = [
        f"X-GM-THRID: {thread_id}",
        f"X-Gmail-Labels: {labels}",
        "MIME-Version: 1.0",
        f"Date: {local.strftime('%a, %d %b %Y %H:%M:%S')} {zone}",
        f"Message-ID: {ids[j]}",
        f"Subject: {_header_words(('Re: ' if j else '') + subject)}",
        f"From: {_address(world.mail_name[sender], p.at[sender, S.EMAIL])}",
        f"To: {', '.join(_address(world.mail_name[x], p.at[x, S.EMAIL]) for x in to)}",
    ]
    if cc:
        headers.append(f"Cc: {', '.join(_address(world.mail_name[x], p.at[x, S.EMAIL]) for x in cc)}")
    if j:
        headers.append(f"In-Reply-To: {ids[j - 1]}")
        headers.append(f"References: {' '.join(ids[:j])}")
    headers += ['Content-Type: text/plain; charset="UTF-8"', f"Content-Transfer-Encoding: {encoding}"]
    separator = f"From {int(thread_id) + j}@xxx {when.strftime('%a %b %d %H:%M:%S +0000 %Y')}"
    text = "\n".join([separator, *headers, "", payload.rstrip("\n"), "", ""])
    return text.replace("\n", "\r\n")


def _header_words(text: str) -> str:
    """A header value as Gmail writes it: plain when ASCII, else one RFC 2047 base64 word."""
    if text.isascii():
        return text
    return "=?UTF-8?B?" + base64.b64encode(text.encode("utf-8")).decode("ascii") + "?="


def _address(name: str, address: str) -> str:
    if not name:
        return address
    if name.isascii():
        return formataddr((name, address))
    return f"{_header_words(name)} <{address}>"
