"""The earlier export: the same LinkedIn account exported five months before, and how it changed since.

:func:`earlier` keeps the connections, messages and invitations older than its date, changes the
company or position of ten connections, adds connections removed since (pitchers and invented
people), and returns the history truth beside it: ``contact_id, change, before, after``, what
:mod:`netstats.combine._history` must find between the two exports.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd

from .. import schema as S
from ._linkedin import SampleExport
from ._words import _COMPANIES, _FIRST_NAMES, _LAST_NAMES, _POSITIONS, _PROFILE_BASE
from ._world import WINDOW_DAYS, _slug, _token, _World

HISTORY_TRUTH_COLUMNS = (S.CONTACT_ID, S.CHANGE, S.BEFORE, S.AFTER)
EARLIER_DIR = "linkedin_earlier"
EARLIER_MONTHS = 5

_CHANGE_NEW, _CHANGE_GONE = "new", "disappeared"
_CHANGE_COMPANY, _CHANGE_POSITION = "changed_company", "changed_position"


def earlier(world: _World) -> tuple[SampleExport, pd.DataFrame, pd.Timestamp]:
    """The earlier export, the history truth (sorted by change, then contact id) and the earlier date."""
    li = world.li
    earlier_end = (world.end.tz_localize(None) - pd.DateOffset(months=EARLIER_MONTHS)).normalize()
    earlier_as_of = earlier_end.tz_localize("UTC")
    connections = li.connections[li.connections[S.CONNECTED_ON] < earlier_end].reset_index(drop=True)
    companies = [c for c in _COMPANIES if c]
    positions = [c for c in _POSITIONS if c]
    connections, history = _changed_jobs(world, connections, companies, positions)
    removed = _removed(world, companies, positions)
    connections = pd.concat([connections, removed[connections.columns]], ignore_index=True)
    order = np.lexsort(
        (np.arange(len(connections)), -connections[S.CONNECTED_ON].to_numpy().astype(np.int64))
    )
    connections = connections.iloc[order].reset_index(drop=True)
    for cid in removed[S.CONTACT_ID]:
        history.append((cid, _CHANGE_GONE, None, None))
    earlier_ids = set(connections[S.CONTACT_ID].dropna())
    for cid in li.connections[S.CONTACT_ID].dropna():
        if cid not in earlier_ids:
            history.append((cid, _CHANGE_NEW, None, None))
    messages = li.messages[li.messages[S.SENT_AT] < earlier_as_of].reset_index(drop=True)
    invitations = li.invitations[li.invitations[S.SENT_AT] < earlier_end].reset_index(drop=True)
    earlier = dataclasses.replace(
        li, connections=connections, messages=messages, invitations=invitations, as_of=earlier_as_of
    )
    frame = pd.DataFrame(history, columns=list(HISTORY_TRUTH_COLUMNS)).astype(S.STRING)
    frame = frame.sort_values([S.CHANGE, S.CONTACT_ID], kind="stable").reset_index(drop=True)
    return earlier, frame, earlier_as_of


def _changed_jobs(world: _World, connections: pd.DataFrame, companies: list, positions: list):
    """Changed company / position: five each, among people connected then and now."""
    rng = world.rng
    kept = connections[S.CONTACT_ID].notna().to_numpy()
    has_company = (connections[S.COMPANY].str.strip() != "").to_numpy(dtype=bool, na_value=False)
    candidates = np.flatnonzero(kept & has_company)
    chosen = rng.choice(candidates, min(10, candidates.size), replace=False)
    company, position = connections[S.COMPANY].copy(), connections[S.POSITION].copy()
    history = []
    for k, row in enumerate(sorted(chosen.tolist())):
        cid = connections.at[row, S.CONTACT_ID]
        if k % 2 == 0:
            now = company[row].strip()
            then = next(c for c in world.pick(companies, 8) + companies if c != now)
            company[row] = then
            history.append((cid, _CHANGE_COMPANY, then, now))
        else:
            now = position[row].strip()
            then = next(c for c in world.pick(positions, 8) + positions if c != now)
            position[row] = then
            history.append((cid, _CHANGE_POSITION, then, now))
    connections = connections.assign(**{S.COMPANY: company, S.POSITION: position})
    return connections, history


def _removed(world: _World, companies: list, positions: list) -> pd.DataFrame:
    """Connections removed since: pitchers who never were connections now, and invented people."""
    rng, li = world.rng, world.li
    people = li.people
    cold = people[(people[S.PLANTED_KIND] == "one_way_inbound") & ~people[S.IS_CONNECTION]].index[:3].tolist()
    removed_rows = []
    for row in cold:
        removed_rows.append(
            {
                S.CONTACT_ID: people.at[row, S.CONTACT_ID],
                S.FIRST_NAME: people.at[row, S.FIRST_NAME],
                S.LAST_NAME: people.at[row, S.LAST_NAME],
                S.PROFILE_URL: people.at[row, S.PROFILE_URL],
                S.EMAIL: "",
                S.COMPANY: people.at[row, S.COMPANY],
                S.POSITION: people.at[row, S.POSITION],
            }
        )
    for _ in range(6 - len(cold)):
        first, last = world.pick(_FIRST_NAMES, 1)[0], world.pick(_LAST_NAMES, 1)[0]
        slug = f"{_slug(first)}-{_slug(last)}-{_token(rng, 8).lower()}"
        row = world.add_person(first, last, "removed", slug)
        world.record(S.LINKEDIN, slug, row)
        removed_rows.append(
            {
                S.CONTACT_ID: slug,
                S.FIRST_NAME: first,
                S.LAST_NAME: last,
                S.PROFILE_URL: _PROFILE_BASE + slug,
                S.EMAIL: "",
                S.COMPANY: world.pick(companies, 1)[0],
                S.POSITION: world.pick(positions, 1)[0],
            }
        )
    removed = pd.DataFrame(removed_rows)
    removed[S.CONNECTED_ON] = (
        pd.Series(world.time(rng.uniform(200, WINDOW_DAYS - 30, len(removed))) * 1_000_000, dtype="int64")
        .astype("datetime64[ns]")
        .dt.floor("min")
    )
    return removed.astype({c: S.STRING for c in removed.columns if c != S.CONNECTED_ON})
