"""One person, one id across the files of an export.

A person's id is their profile URL's slug, else ``name:<casefolded name>``
(:func:`_ids`); a name seen with exactly one profile URL anywhere takes that
URL's id (:func:`name_links`).  The 2018 ``TO`` cells are read as the names
known from the export, never split on commas blindly
(:func:`_split_known_names`, :func:`_name_pairs`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow.compute as pc

from ... import schema as S
from ..._text import (
    arrow_text,
    contact_ids,
    name_key,
    name_keys,
)
from ._codes import _Coded, _expand


def name_links(pairs: list[pd.DataFrame]) -> pd.Series:
    """Map name ids to the profile-URL id of the one person seen with that name.

    Exports before 2023 list connections (and before 2024 invitations) by name
    only, while messages.csv gives senders' URLs since 2021.  Where a name
    belongs to exactly one profile URL anywhere in the export, the name id
    ``name:<key>`` is replaced by that URL's id so one person is one contact.
    A name seen with two different URLs is ambiguous and left alone.

    Parameters
    ----------
    pairs : list of DataFrame
        Frames with columns ``name`` and ``contact_id`` (URL-based ids only).

    Examples
    --------
    >>> pairs = pd.DataFrame({"name": ["Ann Lee", "ann  lee", "Bo Ek", "Bo Ek"],
    ...                       "contact_id": ["ann-lee", "ann-lee", "bo-ek-1", "bo-ek-2"]})
    >>> name_links([pairs]).to_dict()
    {'name:ann lee': 'ann-lee'}
    """
    frames = [p[[S.NAME, S.CONTACT_ID]] for p in pairs if len(p)]
    if not frames:
        return pd.Series([], dtype=S.STRING)
    both = pd.concat(frames, ignore_index=True).astype(S.STRING).dropna()
    keys = "name:" + name_keys(both[S.NAME])
    table = pd.DataFrame({"key": keys, "id": both[S.CONTACT_ID]}).dropna().drop_duplicates()
    unique = table.groupby("key")["id"].transform("size").eq(1)
    return table.loc[unique.to_numpy()].set_index("key")["id"].astype(S.STRING).sort_index()


def _linked(ids: pd.Series, links: pd.Series) -> pd.Series:
    """Replace the name ids that ``links`` knows by their URL ids."""
    ids = ids.astype(S.STRING)
    if links.empty or ids.empty:
        return ids
    by_name = pc.fill_null(pc.starts_with(arrow_text(ids), "name:"), False).to_numpy(zero_copy_only=False)
    if not by_name.any():
        return ids
    out = ids.copy()
    mapped = ids[by_name].map(links).astype(S.STRING)
    out[by_name] = mapped.fillna(ids[by_name]).array
    return out


def _ids(urls: pd.Series, names: pd.Series | None = None, links: pd.Series | None = None) -> pd.Series:
    """:func:`netstats._text.contact_ids` of normalised URLs (else names), per distinct value.

    ``links`` (:func:`name_links`) turns name ids into the URL id the name is known by.
    """
    ids = contact_ids(urls).astype(S.STRING)
    if names is not None:
        by_name = ids.isna().to_numpy(bool) & names.notna().to_numpy(bool)
        if by_name.any():
            ids[by_name] = _name_ids(names[by_name], links).array
    return ids


def _name_ids(names: pd.Series, links: pd.Series | None) -> pd.Series:
    """``name:<key>`` ids of names (no URL), turned by ``links`` into the URL id the name is known by."""
    found = contact_ids(pd.Series(pd.NA, index=names.index, dtype=S.STRING), names.astype(S.STRING))
    return found if links is None else _linked(found, links)


def _split_known_names(cell: str, known: set[str], span: int | None = None) -> list[str]:
    """Split a TO cell into the known names it joins, or keep it whole when it does not split into them.

    Names contain ", " (``Chris Park, PhD``), so the cell is never split
    blindly: the longest run of comma-separated pieces that forms a known name
    is taken each time, and a piece that fits no known name keeps the cell whole.
    ``span`` is the most pieces a known name has (its commas + 1), when the caller knows it.

    Examples
    --------
    >>> _split_known_names("Ada Quill,Chris Park, PhD", {"ada quill", "chris park, phd"})
    ['Ada Quill', 'Chris Park, PhD']
    >>> _split_known_names("Park, Chris", {"ada quill"})
    ['Park, Chris']
    """
    pieces = cell.split(",")
    names: list[str] = []
    start = 0
    while start < len(pieces):
        for end in range(len(pieces) if span is None else min(len(pieces), start + span), start, -1):
            candidate = ",".join(pieces[start:end]).strip()
            if name_key(candidate) in known:
                names.append(candidate)
                start = end
                break
        else:
            return [cell.strip()]
    return names


def _split_cells(cells: _Coded, known: set[str]) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """(row, item) pairs of the names in each cell (:func:`_split_known_names`), and the items' names.

    The split is done once per distinct cell; a cell without a comma is one name.
    """
    span = max((k.count(",") for k in known), default=0) + 1
    resolved = [
        _split_known_names(cell, known, span) if "," in cell else [cell] for cell in cells.values.to_pylist()
    ]
    sizes = np.array([len(r) for r in resolved], dtype=np.int64)
    owners = np.repeat(np.arange(len(resolved)), sizes).astype(np.int64)
    flat = [name for r in resolved for name in r]
    # most cells name one person: their rows take their one item directly; the others are expanded
    first_item = np.append(np.cumsum(sizes) - sizes, -1)
    one = np.flatnonzero(np.append(sizes == 1, False)[cells.codes])
    several = np.where(np.append(sizes > 1, False)[cells.codes], cells.codes, -1)
    rows, items = _expand(several, owners, np.arange(len(owners)), len(resolved))
    return np.concatenate([one, rows]), np.concatenate([first_item[cells.codes[one]], items]), flat


def _name_pairs(cells: _Coded, known: set[str]) -> tuple[np.ndarray, pd.Series]:
    """One (row, name) pair per person named in each TO cell of the 2018 format, rows ascending."""
    rows, items, flat = _split_cells(cells, known)
    order = np.argsort(rows, kind="stable")
    names = np.array(flat or [""], dtype=object)
    return rows[order], pd.Series(pd.array(names[items[order]] if len(items) else [], dtype=S.STRING))
