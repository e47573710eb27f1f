"""The people of one export: one row per person seen in any file (:func:`build_contacts`).

Rows without a profile URL take the URL id their name links to
(:func:`_link_people`); :func:`_people` and :func:`contacts_of` give LinkedIn's
people and contacts tables.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ... import schema as S
from ..._export import Owner
from ..._text import (
    arrow_text,
    normalise_email,
)
from ._codes import _equals, _string_array
from ._rows import _Cleaned


def build_contacts(
    connections: pd.DataFrame,
    senders: pd.DataFrame,
    recipients_named: pd.DataFrame,
    recipients: pa.Array,
    invitations: pd.DataFrame,
    owner: Owner,
) -> pd.DataFrame:
    """One row per person seen in any file (never the owner, never a sponsored sender).

    The name and URL come from the first file that gives them: Connections,
    then the newest message the person sent (``senders``), then a 1:1
    message's TO, then Invitations.  ``recipients`` are the ids of everyone a
    message went to.
    """
    listed = pd.Series(_string_array(recipients))
    columns = [S.CONTACT_ID, S.NAME, S.PROFILE_URL]
    sources = [
        connections[columns],
        senders[columns],
        recipients_named[columns],
        pd.DataFrame({S.CONTACT_ID: listed, S.NAME: pd.NA, S.PROFILE_URL: pd.NA}),
        invitations[columns],
    ]
    people = pd.concat([frame.astype(S.STRING) for frame in sources], ignore_index=True)
    people = people.loc[
        people[S.CONTACT_ID].notna().to_numpy(bool) & ~_equals(people[S.CONTACT_ID], owner.contact_id)
    ]
    contacts = people.groupby(S.CONTACT_ID, sort=True).agg({S.NAME: "first", S.PROFILE_URL: "first"})
    connection_info = connections.drop_duplicates(S.CONTACT_ID).set_index(S.CONTACT_ID)[
        [S.COMPANY, S.POSITION]
    ]
    contacts = contacts.join(connection_info, how="left")
    ids = pa.array(contacts.index.astype(S.STRING).array)

    def among(values: pd.Series) -> np.ndarray:
        found = pc.is_in(ids, value_set=pc.unique(arrow_text(values.astype(S.STRING)).drop_null()))
        return pc.fill_null(found, False).to_numpy(zero_copy_only=False)

    in_connections = among(connections[S.CONTACT_ID])
    in_messages = among(senders[S.CONTACT_ID]) | among(listed) | among(recipients_named[S.CONTACT_ID])
    in_invitations = among(invitations[S.CONTACT_ID])
    labels = np.array(
        [",".join(f for f, on in zip(_SEEN_FILES, bits, strict=True) if on) for bits in np.ndindex(2, 2, 2)],
        dtype=object,
    )
    code = in_connections.astype(int) * 4 + in_invitations.astype(int) * 2 + in_messages.astype(int)
    contacts[S.IS_CONNECTION] = in_connections
    contacts[S.SEEN_IN] = pd.array(labels[code], dtype=S.STRING)
    contacts[S.PLATFORMS] = S.constant(S.LINKEDIN, len(contacts), index=contacts.index)
    return S.conform(contacts.reset_index(), S.CONTACTS_COLUMNS)


_SEEN_FILES = ("connections", "invitations", "messages")


def _link_people(frame: pd.DataFrame, links: pd.Series, *, distinct_rows: bool) -> tuple[pd.DataFrame, int]:
    """Give URL-less rows the URL id their name links to.

    With ``distinct_rows`` (connections: each row is a different person) a
    name the file holds twice is ambiguous and stays a name id.
    """
    if links.empty or frame.empty:
        return frame, 0
    ids = arrow_text(frame[S.CONTACT_ID])
    # the numbered ids of namesakes ("name:ann lee#2") link by their name; few ids hold a "#"
    numbered = np.flatnonzero(
        pc.fill_null(pc.match_substring(ids, "#"), False).to_numpy(zero_copy_only=False)
    )
    if len(numbered):
        bases = [re.sub(r"#\d+$", "", v) for v in pc.take(ids, pa.array(numbered)).to_pylist()]
        ids = pc.replace_with_mask(
            ids, pa.array(np.isin(np.arange(len(ids)), numbered)), pa.array(bases, ids.type)
        )
    candidates = frame[S.PROFILE_URL].isna().to_numpy(bool) & pc.fill_null(
        pc.starts_with(ids, "name:"), False
    ).to_numpy(zero_copy_only=False)
    if distinct_rows:
        candidates &= ~pd.Series(_string_array(ids)).where(candidates).duplicated(keep=False).to_numpy(bool)
    found = pc.index_in(ids, value_set=arrow_text(links.index.to_series()))
    target = pc.take(arrow_text(links), found)
    change = candidates & pc.is_valid(target).to_numpy(zero_copy_only=False)
    if not change.any():
        return frame, 0
    out = frame.copy()
    out.loc[change, S.CONTACT_ID] = _string_array(target).to_numpy()[change]
    return out, int(change.sum())


def contacts_of(people: pd.DataFrame) -> pd.DataFrame:
    """The contacts table of one platform's people (``PEOPLE_COLUMNS`` -> ``CONTACTS_COLUMNS``)."""
    return S.conform(people.assign(**{S.PLATFORMS: people[S.PLATFORM]}), S.CONTACTS_COLUMNS)


def _contacts_of_export(
    connections: pd.DataFrame, messages: _Cleaned | None, invitations: pd.DataFrame, owner: Owner
) -> pd.DataFrame:
    """The contacts of the export: :func:`build_contacts` over every file's people."""
    no_people = pd.DataFrame(columns=[S.CONTACT_ID, S.NAME, S.PROFILE_URL])
    return build_contacts(
        connections,
        messages.senders if messages else no_people,
        messages.named if messages else no_people,
        messages.recipients if messages else pa.array([], pa.large_string()),
        invitations,
        owner,
    )


def _people(contacts: pd.DataFrame, connections: pd.DataFrame) -> pd.DataFrame:
    """LinkedIn contacts as ``PEOPLE_COLUMNS``: the e-mail addresses come from Connections.csv."""
    people = contacts.drop(columns=[S.PLATFORMS])
    people.insert(1, S.PLATFORM, S.constant(S.LINKEDIN, len(people), index=people.index))
    with_email = connections.loc[connections[S.EMAIL].notna().to_numpy(bool), [S.CONTACT_ID, S.EMAIL]]
    emails = with_email.assign(
        **{S.EMAIL: with_email[S.EMAIL].map(normalise_email, na_action="ignore")}
    ).dropna()
    per_person = (
        emails.drop_duplicates().sort_values([S.CONTACT_ID, S.EMAIL]).groupby(S.CONTACT_ID)[S.EMAIL].agg(list)
    )
    people[S.EMAILS] = pd.Series(
        people[S.CONTACT_ID].map(per_person).tolist() if len(per_person) else [None] * len(people),
        index=people.index,
        dtype=S.ID_LIST,
    )
    people[S.PHONES] = pd.Series([None] * len(people), index=people.index, dtype=S.ID_LIST)
    people[S.HANDLE] = pd.Series(pd.NA, index=people.index, dtype=S.STRING)
    return S.conform(people, S.PEOPLE_COLUMNS)
