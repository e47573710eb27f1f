"""Identity keys: the phone numbers, e-mail addresses, names and handles linking a person across platforms.

:func:`identities` gives every person of the :class:`._world._World` what each platform shows of
them: a phone number (UK and US numbers of the ranges kept for drama), an e-mail address
(LinkedIn's where it has one), a name per platform (nicknames, middle names, stripped accents),
the name the owner's phone saved, an Instagram user name and an X id.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import schema as S
from .._text import name_key
from ._world import (
    _EMAIL_DOMAINS,
    _FAMILY_SAVED,
    _MIDDLE_NAMES,
    _NICKNAMES,
    _OWNER_EMAIL,
    _OWNER_INSTAGRAM,
    _OWNER_PHONE,
    _OWNER_X_ID,
    _SERVICES,
    _US_AREAS,
    _ascii,
    _slug,
    _World,
)


def identities(world: _World) -> None:
    """Give everyone the keys each platform shows: phone, e-mail address, names, handles."""
    _phones(world)
    _emails(world)
    _names(world)


def _phones(world: _World) -> None:
    """Phone numbers: UK mobiles of Ofcom's drama range, US 555-01xx numbers; a few spares."""
    rng, p = world.rng, world.p
    n = len(p)
    pool = [f"+447700900{i:03d}" for i in range(1, 1000)] + [
        f"+1{area}55501{i:02d}" for area in _US_AREAS for i in range(100)
    ]
    needs_phone = (p["wa"] | p["book"] | (p["google"] & (rng.random(n) < 0.6))).to_numpy(dtype=bool).copy()
    needs_phone[0] = False
    order = rng.permutation(len(pool))
    phones = np.full(n, None, dtype=object)
    phones[np.flatnonzero(needs_phone)] = [pool[i] for i in order[: int(needs_phone.sum())]]
    phones[0] = _OWNER_PHONE
    world.spare_phones = [pool[i] for i in order[int(needs_phone.sum()) : int(needs_phone.sum()) + 5]]
    p[S.PHONE] = pd.Series(phones, dtype=object)


def _emails(world: _World) -> None:
    """E-mail addresses: LinkedIn's where it has one, else invented and unique."""
    rng, p = world.rng, world.p
    n = len(p)
    li_emails = world.li.connections.dropna(subset=[S.CONTACT_ID])
    li_email = dict(zip(li_emails[S.CONTACT_ID], li_emails[S.EMAIL].str.strip(), strict=True))
    needs_email = (p["google"] | p["mail"] | (p["book"] & (rng.random(n) < 0.5))).to_numpy()
    domains = rng.integers(0, len(_EMAIL_DOMAINS), n)
    styles = rng.integers(0, 3, n)
    taken = {_OWNER_EMAIL}
    emails = np.full(n, None, dtype=object)
    for i in np.flatnonzero(needs_email).tolist():
        known = li_email.get(p.at[i, S.CONTACT_ID]) if p.at[i, S.CONTACT_ID] else None
        if known and "@" in known:
            emails[i] = known
            taken.add(known)
            continue
        first = _slug(p.at[i, "first"]) or "hello"
        last = _slug(p.at[i, "last"]) or "mail"
        local = (f"{first}.{last}", f"{first[0]}{last}", f"{first}{last[:1]}")[styles[i]]
        address, k = f"{local}@{_EMAIL_DOMAINS[domains[i]]}", 1
        while address in taken:
            k += 1
            address = f"{local}{k}@{_EMAIL_DOMAINS[domains[i]]}"
        taken.add(address)
        emails[i] = address
    emails[0] = _OWNER_EMAIL
    p[S.EMAIL] = pd.Series(emails, dtype=object)


def _names(world: _World) -> None:
    """Names as each platform shows them, the names the phone saved, and the handles."""
    rng, p = world.rng, world.p
    n = len(p)
    variants = rng.choice(4, (n, 4), p=[0.7, 0.1, 0.1, 0.1])
    middles = rng.integers(0, len(_MIDDLE_NAMES), n)
    world.fb_name = [_variant(world, i, variants[i, 0], middles[i]) for i in range(n)]
    world.ig_display = [_variant(world, i, variants[i, 1], middles[i]) for i in range(n)]
    world.mail_name = [
        "" if variants[i, 2] == 2 else _variant(world, i, variants[i, 2], middles[i]) for i in range(n)
    ]
    for namesake in world.namesake_of:  # a namesake shows exactly the colliding name
        world.fb_name[namesake] = world.mail_name[namesake] = p.at[namesake, S.NAME]
    world.fb_name[0] = world.ig_display[0] = world.mail_name[0] = p.at[0, S.NAME]
    _saved_names(world, variants[:, 3])
    _instagram_users(world)
    _x_ids(world)


def _variant(world: _World, i: int, variant: int, middle: int) -> str:
    """Person ``i``'s name as shown: as it is, a nickname, with a middle name, or without accents."""
    first, last = world.p.at[i, "first"], world.p.at[i, "last"]
    if variant == 1 and first in _NICKNAMES:
        return f"{_NICKNAMES[first]} {last}"
    if variant == 2:
        return f"{first} {_MIDDLE_NAMES[middle]} {last}"
    if variant == 3 and not (first + last).isascii():
        return _ascii(f"{first} {last}")
    return world.p.at[i, S.NAME]


def _saved_names(world: _World, variants):
    """The names the owner's phone holds (vCard FN, WhatsApp authors); unique, as a phone needs."""
    p = world.p
    saved = [None] * len(p)
    family = world.rows("family")
    for slot, i in enumerate(family[:5]):
        form = _FAMILY_SAVED[slot]
        saved[i] = p.at[i, "first"] if form is None else form.format(first=p.at[i, "first"])
    for i, (_, _, label) in zip(world.rows("service"), _SERVICES, strict=True):
        saved[i] = label
    seen = {name_key(s) for s in saved if s}
    seen.add(name_key(p.at[0, S.NAME]))
    in_book = np.flatnonzero(p["book"].to_numpy(dtype=bool)).tolist()
    for i in world.switchboard + [i for i in in_book if i not in world.switchboard]:
        if saved[i] is not None or i == 0:
            continue
        first, last, company = p.at[i, "first"], p.at[i, "last"], p.at[i, S.COMPANY]
        options = [p.at[i, S.NAME]]
        if variants[i] == 1 and company and i not in world.switchboard:
            options.insert(0, f"{first} ({company})")
        if variants[i] == 2 and first in _NICKNAMES:
            options.insert(0, f"{_NICKNAMES[first]} {last}")
        if i in world.namesake_of:
            options = [p.at[i, S.NAME]]
        for option in options:
            if name_key(option) not in seen:
                saved[i] = option
                seen.add(name_key(option))
                break
        else:
            p.loc[i, ["book", "wa"]] = False  # a duplicate entry the owner would have merged
    saved[0] = p.at[0, S.NAME]
    world.saved = saved


def _instagram_users(world: _World) -> None:
    """Instagram user names, unique."""
    rng, p = world.rng, world.p
    n = len(p)
    taken = {_OWNER_INSTAGRAM}
    users = [None] * n
    styles = rng.integers(0, 4, n)
    years = rng.integers(80, 100, n)
    for i in np.flatnonzero(p["ig"].to_numpy(dtype=bool)).tolist():
        if i == 0:
            continue
        first, last = _slug(p.at[i, "first"]) or "ig", _slug(p.at[i, "last"]) or "user"
        user = (f"{first}.{last}", f"{first}{last}", f"{first}_{last}{years[i]}", f"{first[0]}{last}")[
            styles[i]
        ]
        k = 1
        while user in taken:
            k += 1
            user = f"{first}.{last}{k}"
        taken.add(user)
        users[i] = user
    users[0] = _OWNER_INSTAGRAM
    world.ig_user = users


def _x_ids(world: _World) -> None:
    """X account ids, unique: short old ones and 19-digit snowflakes."""
    rng, p = world.rng, world.p
    n = len(p)
    ids = [None] * n
    seen = {_OWNER_X_ID}
    for i in np.flatnonzero(p["x"].to_numpy(dtype=bool)).tolist():
        if i == 0:
            continue
        while True:
            if rng.random() < 0.25:
                candidate = str(int(rng.integers(10_000_000, 4_000_000_000)))
            else:
                candidate = "1" + "".join(str(d) for d in rng.integers(0, 10, 18))
            if candidate not in seen:
                break
        seen.add(candidate)
        ids[i] = candidate
    ids[0] = _OWNER_X_ID
    world.x_id = ids
