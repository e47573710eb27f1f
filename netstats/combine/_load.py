"""Combine: one :class:`~netstats.Export` from one or several exports, of any platform.

This is the stage between the platform readers and the features.  For every
path it opens the export safely (:mod:`netstats.sources._archive`), hands each file to
the reader of its family (LinkedIn, Meta, X, WhatsApp, address books, mbox),
then

* resolves identities across platforms (:mod:`netstats.combine._identity`): every
  platform id is mapped to one combined ``contact_id`` (the LinkedIn id when
  the person has one, so a LinkedIn-only export keeps its ids);
* rewrites the ids in every table (``contact_id``, ``sender_id``,
  ``recipient_ids``) so features, tie strength, segments, growth, the
  scorecard and the report work unchanged on the combined data;
* builds one contacts table (``platforms`` says where each person was seen);
* with two or more LinkedIn exports of one account, keeps the newest one's
  tables and lists the connection changes between them
  (:mod:`netstats.combine._history`).
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .. import schema as S
from .._errors import ExportFormatError, ParameterError, refuse_mostly_set_aside
from .._export import Export, Owner, Part
from .._text import joined_labels
from ..sources._archive import (
    DEFAULT_LIMITS,
    REASON_OWN_TABLE,
    UNSAFE,
    ArchiveLimits,
    SourceFile,
    open_export,
)
from ..sources._registry import READERS, Reader, families
from ..sources.linkedin._contacts import contacts_of
from ._history import connection_history
from ._identity import Resolution, resolve_identities

_SEEN_ORDER = ("connections", "invitations", "messages")


def _paths(path_or_paths) -> list[str | os.PathLike]:
    if isinstance(path_or_paths, (str, os.PathLike)):
        return [path_or_paths]
    if (
        isinstance(path_or_paths, Sequence)
        and path_or_paths
        and all(isinstance(p, (str, os.PathLike)) for p in path_or_paths)
    ):
        return list(path_or_paths)
    raise ParameterError(
        "load() needs a path or a list of paths",
        expected="a zip, folder or file path, or a non-empty list of them",
    )


def _owner_keys(owner) -> tuple[str, ...]:
    if owner is None:
        return ()
    if isinstance(owner, str):
        return (owner,)
    if isinstance(owner, Sequence) and all(isinstance(o, str) for o in owner):
        return tuple(owner)
    raise ParameterError(
        "owner must be a name, e-mail address or phone number, or a list of them",
        expected="a str or a list of str",
    )


def load(
    path_or_paths: str | os.PathLike | Sequence[str | os.PathLike],
    *,
    encoding: str | None = None,
    limits: ArchiveLimits = DEFAULT_LIMITS,
    owner: str | Sequence[str] | None = None,
    links: str | os.PathLike | pd.DataFrame | None = None,
) -> Export:
    """Load one or several data exports into tidy tables, accounting for every row.

    Parameters
    ----------
    path_or_paths : str, path-like, or a list of them
        Each one is a zip as downloaded, the unzipped folder, or a single file,
        of any platform netstats reads: LinkedIn (``Basic_``/``Complete_LinkedInDataExport_...``),
        Facebook / Messenger / Instagram ("Download your information", JSON),
        an X archive, WhatsApp chat exports (``.txt``), Google Contacts CSV,
        vCard (``.vcf``) or an mbox.  Files are recognised by their content and
        their place in the export, not by the archive's name.  Two LinkedIn
        exports of one account taken months apart give ``Export.history``.
    encoding : str, optional
        The encoding of text files that are not UTF-8 (a CSV a spreadsheet
        re-saved, e.g. ``"cp1252"``), the same on every platform.  By default
        UTF-8 (with or without BOM) and UTF-16 with its BOM are read; e-mail
        bytes that declare no charset fall back to it (else Latin-1).  See
        :mod:`netstats.sources._decode`.
    limits : ArchiveLimits, optional
        Caps that refuse decompression bombs.
    owner : str or list of str, optional
        Your own name(s), e-mail address(es) or phone number(s), for exports
        that do not say whose they are (WhatsApp chats, mbox), or your LinkedIn
        name or profile URL, to settle who owns a LinkedIn export when the
        evidence is weak (``Export.owner.confidence``).  A name or profile URL
        that matches no participant of the LinkedIn messages is an error.
    links : path or DataFrame, optional
        A ``links.csv`` of identity decisions (``platform_id,other_id,decision``
        with decision ``same`` or ``never``) that override the automatic ones.

    Returns
    -------
    Export
        Tidy tables (every row has a ``platform``), ``ledger`` (per file:
        ``rows_read == kept + excluded + quarantined``), ``excluded``,
        ``quarantine``, ``links`` (why each platform id became which contact),
        ``link_suggestions`` and ``history``.

    Raises
    ------
    NetstatsError
        With the file, the line, what was expected and how to fix it.

    Examples
    --------
    >>> import netstats as ns
    >>> ex = ns.load("data/sample")
    >>> bool((ex.ledger.rows_read == ex.ledger.kept + ex.ledger.excluded + ex.ledger.quarantined).all())
    True
    >>> ex.platforms
    ('linkedin',)
    """
    paths = _paths(path_or_paths)
    owner_keys = _owner_keys(owner)
    reading = _Reading(encoding, owner_keys, several=len(paths) > 1)
    seen = [
        reading.read_export(path, label, limits) for path, label in zip(paths, _labels(paths), strict=True)
    ]
    parts = reading.parts + reading.read_pooled()
    # A reader that reads one export at a time may have checked its parts already (LinkedIn does, before it
    # looks for a dated record): a second check is harmless.
    for part in parts:
        refuse_mostly_set_aside(part.ledger, part.quarantine)
    files = (
        S.conform(pd.concat(seen, ignore_index=True), S.FILES_COLUMNS)
        if seen
        else S.empty_frame(S.FILES_COLUMNS)
    )
    export = combine(
        parts, files=files, source="; ".join(str(p) for p in paths), links=links, owner_keys=owner_keys
    )
    skipped = skipped_files_notes(files)
    return dataclasses.replace(export, notes=(*export.notes, *skipped)) if skipped else export


class _Reading:
    """The reads of one load: each export's files handed to their readers, as each reader declares.

    A reader that reads one export at a time (LinkedIn: several exports are
    snapshots of one account, its history) reads each path's files as soon as
    they are opened.  The other readers' files from every path are pooled into
    one read per family at the end (WhatsApp chats, mbox files and a Messenger
    end-to-end-encrypted backup come as separate downloads of one account);
    an export among them that names no owner may take the name of the owner
    of the exports read before it (:func:`_read_with_owner_of`).
    """

    def __init__(self, encoding: str | None, owner_keys: tuple[str, ...], *, several: bool) -> None:
        self.encoding = encoding
        self.owner_keys = owner_keys
        self.several = several
        self.known = families()
        self.parts: list[Part] = []
        self.pooled: dict[str, list[SourceFile]] = {}
        self.pooled_sources: dict[str, list[str]] = {}

    def read_export(self, path, label: str, limits: ArchiveLimits) -> pd.DataFrame:
        """Open one path, read or pool its files, and return the files it holds (``FILES_COLUMNS``)."""
        opened = open_export(path, limits=limits, families=self.known)
        by_family = _by_family(opened.files)
        source, seen = opened.source, opened.seen
        del opened  # each family's files are now held by its list alone: a reader lets each go once parsed
        for reader in READERS:
            if reader.FAMILY not in by_family:
                continue
            if reader.ONE_EXPORT_AT_A_TIME:
                found = reader.read(
                    by_family.pop(reader.FAMILY), source=source, encoding=self.encoding, owner=self.owner_keys
                )
                self.parts += [_relabelled(part, label) if self.several else part for part in found]
            else:
                self._pool(reader.FAMILY, by_family.pop(reader.FAMILY), source, label)
        if self.several:
            seen = seen.assign(**{S.FILE: (label + "/" + seen[S.FILE].astype(str)).astype(S.STRING)})
        return seen

    def _pool(self, family: str, files: list[SourceFile], source: str, label: str) -> None:
        """Keep a family's files for its one read at the end, their names prefixed by their export's label."""
        for src in files:
            name = f"{label}/{src.name}" if self.several else src.name
            self.pooled.setdefault(family, []).append(dataclasses.replace(src, name=name))
        if source not in self.pooled_sources.setdefault(family, []):
            self.pooled_sources[family].append(source)

    def read_pooled(self) -> list[Part]:
        """Read each family's pooled files at once, in the registry's order."""
        parts: list[Part] = []
        for reader in READERS:
            if reader.FAMILY not in self.pooled:
                continue
            source = "; ".join(self.pooled_sources[reader.FAMILY])
            chosen = self.pooled.pop(reader.FAMILY)
            try:
                parts += reader.read(chosen, source=source, encoding=self.encoding, owner=self.owner_keys)
            except ExportFormatError as error:
                # An export that cannot say who its owner is (WhatsApp chats, an mbox, a Messenger or
                # Instagram download without its profile file): try the owner's name as the other exports
                # give it, unless the user named themselves.
                parts += _read_with_owner_of(
                    reader,
                    chosen,
                    source,
                    self.encoding,
                    others=self.parts + parts,
                    given=self.owner_keys,
                    error=error,
                )
        return parts


def skipped_files_notes(files: pd.DataFrame) -> list[str]:
    """Notes on the files that were not read although an export's files may be among them.

    Tables ``netstats clean`` wrote inside the export, and files never opened
    because their name or type is unsafe (a symbolic link, a FIFO, a ``../``
    or absolute archive member), are listed by name, so that nothing is
    skipped without a word.

    Examples
    --------
    >>> files = pd.DataFrame({"file": ["tables/connections.csv", "x.csv", "../a.csv"],
    ...                       "status": ["ignored", "ignored", "unsafe"],
    ...                       "reason": [REASON_OWN_TABLE, "not used by netstats",
    ...                                  "unsafe name: a '..' component"]})
    >>> for note in skipped_files_notes(files): print(note)
    1 file(s) netstats wrote itself (netstats clean) were skipped: tables/connections.csv.
    1 file(s) were not opened because their name or type is unsafe: ../a.csv (unsafe name: a '..' component).
    """
    notes = []
    own = (
        files.loc[files[S.REASON].eq(REASON_OWN_TABLE).fillna(False).to_numpy(bool), S.FILE]
        .astype(str)
        .tolist()
    )
    if own:
        notes.append(
            f"{len(own):,} file(s) netstats wrote itself (netstats clean) were skipped: {', '.join(own)}."
        )
    unsafe = files.loc[files[S.STATUS].eq(UNSAFE).fillna(False).to_numpy(bool)]
    if len(unsafe):
        listed = ", ".join(
            f"{name} ({reason})"
            for name, reason in zip(unsafe[S.FILE].astype(str), unsafe[S.REASON].astype(str), strict=True)
        )
        notes.append(
            f"{len(unsafe):,} file(s) were not opened because their name or type is unsafe: {listed}."
        )
    return notes


def _by_family(files: tuple[SourceFile, ...]) -> dict[str, list[SourceFile]]:
    """The files of one export, a list per family (no name outlives the call: only the lists hold them)."""
    by_family: dict[str, list[SourceFile]] = {}
    for src in files:
        by_family.setdefault(src.family, []).append(src)
    return by_family


def _read_with_owner_of(
    module: Reader,
    chosen: list[SourceFile],
    source: str,
    encoding: str | None,
    *,
    others: list[Part],
    given,
    error: ExportFormatError,
) -> list[Part]:
    """Read an export that names no owner with the name of the owner of the other exports, and say so.

    Only owners found with confidence (``certain`` or ``likely``) lend their
    name; without one, or when the user named themselves, the reader's own
    error stands.
    """
    lenders = [p for p in others if p.owner.name and p.owner.confidence in ("certain", "likely")]
    hints = tuple(dict.fromkeys(p.owner.name for p in lenders))
    if given or not hints:
        raise error
    found = module.read(chosen, source=source, encoding=encoding, owner=hints)
    lent_by = ", ".join(dict.fromkeys(S.PLATFORM_LABELS.get(p.platform, p.platform) for p in lenders))
    out = []
    for part in found:
        label = S.PLATFORM_LABELS.get(part.platform, part.platform)
        note = (
            f"The {label} export does not say whose it is: its owner was taken to be the owner of the "
            f"{lent_by} "
            f"export loaded with it ({', '.join(hints)}); pass owner=[...] (--owner) if that is wrong."
        )
        owner = dataclasses.replace(
            part.owner,
            found_by=f"the name of the {lent_by} export's owner (the {label} export does not say)",
            confidence="likely",
        )
        out.append(dataclasses.replace(_with_note(part, note), owner=owner))
    return out


def _labels(paths: list) -> list[str]:
    """A short, distinct label per export, for file names in the ledger when several are loaded."""
    names = [Path(os.fspath(p)).name or str(p) for p in paths]
    return [name if names.count(name) == 1 else f"{name} ({i + 1})" for i, name in enumerate(names)]


def _with_note(part: Part, note: str) -> Part:
    return dataclasses.replace(part, notes=(*part.notes, note))


def _relabelled(part: Part, label: str) -> Part:
    def prefixed(frame: pd.DataFrame) -> pd.DataFrame:
        return frame.assign(**{S.FILE: (label + "/" + frame[S.FILE].astype(str)).astype(S.STRING)})

    return Part(
        platform=part.platform,
        source=part.source,
        connections=part.connections,
        messages=part.messages,
        invitations=part.invitations,
        people=part.people,
        owner=part.owner,
        ledger=prefixed(part.ledger),
        excluded=prefixed(part.excluded),
        quarantine=prefixed(part.quarantine),
        notes=part.notes,
        latest=part.latest,
    )


# ---------------------------------------------------------------- combining parts
def combine(
    parts: Sequence[Part],
    *,
    files: pd.DataFrame,
    source: str,
    links: str | os.PathLike | pd.DataFrame | None = None,
    owner_keys: Sequence[str] = (),
) -> Export:
    """Combine the parts read from one or several exports into one :class:`Export`.

    Several LinkedIn exports of one account give a connection history and the
    newest one's tables; every other platform comes as one part (its files
    from every path were read together).
    """
    if not parts:
        raise ExportFormatError(
            "nothing netstats reads was found", expected="at least one export", fix="check the paths given"
        )
    ledgers = [p.ledger for p in parts]  # every export's rows are accounted for, the older LinkedIn ones too
    excluded = [p.excluded for p in parts]
    quarantine = [p.quarantine for p in parts]
    history, parts, notes = _newest_linkedin(parts)
    _refuse_repeated_platforms(parts)
    order = {p: i for i, p in enumerate(S.PLATFORMS_ORDER)}
    parts = sorted(parts, key=lambda p: order.get(p.platform, len(order)))
    for part in parts:
        notes += list(part.notes)
    people = S.conform(pd.concat([p.people for p in parts], ignore_index=True), S.PEOPLE_COLUMNS)
    resolution = _resolution(parts, people, links, owner_keys)
    notes += list(getattr(resolution, "notes", ()))
    ids = resolution.ids
    contacts = (
        contacts_of(people)
        if _is_itself(resolution) and len(parts) == 1
        else _contacts(people, ids, resolution.owner_id)
    )
    as_of = _as_of(parts, source)
    if len(parts) > 1:
        notes.append(_links_note(resolution))
    return Export(
        connections=_concat(
            [_rewrite_ids(p.connections, ids, (S.CONTACT_ID,)) for p in parts], S.CONNECTIONS_COLUMNS
        ),
        messages=_concat([_rewrite_messages(p.messages, ids) for p in parts], S.MESSAGES_COLUMNS),
        invitations=_concat(
            [_rewrite_ids(p.invitations, ids, (S.CONTACT_ID,)) for p in parts],
            S.INVITATIONS_COLUMNS,
            S.INVITATIONS_DTYPES,
        ),
        contacts=contacts,
        owner=_combined_owner(parts, resolution.owner_id),
        as_of=as_of,
        ledger=_concat(ledgers, S.LEDGER_COLUMNS),
        excluded=_concat(excluded, S.EXCLUDED_COLUMNS),
        quarantine=_concat(quarantine, S.QUARANTINE_COLUMNS),
        files=files,
        notes=tuple(dict.fromkeys(notes)),
        source=source,
        platforms=tuple(p.platform for p in parts),
        links=resolution.links,
        link_suggestions=resolution.suggestions,
        history=history,
        owners=tuple(p.owner for p in parts),
    )


def _newest_linkedin(parts: Sequence[Part]) -> tuple[pd.DataFrame, list[Part], list[str]]:
    """With several LinkedIn exports: their connection history, the parts with only the newest, and notes."""
    linkedin = [p for p in parts if p.platform == S.LINKEDIN]
    if len(linkedin) <= 1:
        return S.empty_frame(S.HISTORY_COLUMNS), list(parts), []
    history, notes = _linkedin_history(linkedin)
    newest = max(linkedin, key=lambda p: p.latest)
    return history, [p for p in parts if p.platform != S.LINKEDIN or p is newest], notes


def _resolution(parts: list[Part], people: pd.DataFrame, links, owner_keys: Sequence[str]) -> Resolution:
    """Who is who across the parts (one LinkedIn export alone: one profile URL, one person)."""
    if len(parts) == 1 and parts[0].platform == S.LINKEDIN and links is None:
        return _itself(people, parts[0].owner)
    return resolve_identities(
        people, owners=[p.owner for p in parts], links=links, owner_keys=tuple(owner_keys)
    )


def _as_of(parts: list[Part], source: str) -> pd.Timestamp:
    """The newest moment any part records; an export with no dated record is refused."""
    latest = [p.latest for p in parts if p.latest is not None and not pd.isna(p.latest)]
    if not latest:
        only_books = all(p.platform in (S.GOOGLE_CONTACTS, S.VCARD) for p in parts)
        raise ExportFormatError(
            "the export holds no dated record, so there is nothing to analyse",
            file=source,
            fix=(
                "an address book has no dates: load it together with an export that has messages or "
                "connections, e.g. netstats.load([linkedin_zip, 'contacts.vcf'])"
                if only_books
                else "check that the files are the ones the platform sent"
            ),
        )
    return max(latest)


def _links_note(resolution: Resolution) -> str:
    """How many records were linked across platforms or files, and how many links await the user."""
    merged = int((resolution.links[S.MATCHED_BY] != "itself").sum())
    return (
        f"{merged:,} record(s) from different platforms or files were recognised as the same person "
        f"(see Export.links); {len(resolution.suggestions):,} possible link(s) were left for you to confirm "
        "(Export.link_suggestions; confirm or refuse them in a links.csv)."
    )


def _flags(codes: np.ndarray, labels: pd.Series, names: list[str], index: pd.Index) -> pd.DataFrame:
    """A boolean column per name: does any row of the contact (``codes``) carry it in its joined label."""
    flags = np.zeros((len(index), len(names)), dtype=bool)
    text = labels.astype("string").fillna("")
    for j, name in enumerate(names):  # a handful of names, never a loop over rows
        hit = text.str.contains(f"(?:^|,){name}(?:,|$)", regex=True).to_numpy(dtype=bool)
        np.logical_or.at(flags[:, j], codes[hit], True)
    return pd.DataFrame(flags, index=index, columns=names)


def _is_itself(resolution: Resolution) -> bool:
    return bool(resolution.links[S.MATCHED_BY].eq("itself").all())


def _itself(people: pd.DataFrame, owner: Owner) -> Resolution:
    """The resolution of a single LinkedIn export: every id maps to itself (what resolve_identities gives)."""
    rows = people.loc[:, [S.CONTACT_ID, S.PLATFORM, S.NAME]]
    if owner.contact_id is not None and not people[S.CONTACT_ID].eq(owner.contact_id).any():
        rows = pd.concat(
            [
                rows,
                pd.DataFrame(
                    {S.CONTACT_ID: [owner.contact_id], S.PLATFORM: [S.LINKEDIN], S.NAME: [owner.name]}
                ),
            ],
            ignore_index=True,
        )
    rows = rows.dropna(subset=[S.CONTACT_ID]).sort_values(S.CONTACT_ID, kind="stable")
    links = rows.assign(**{S.PLATFORM_ID: rows[S.CONTACT_ID], S.MATCHED_BY: "itself", S.EVIDENCE: pd.NA})
    ids = pd.Series(
        rows[S.CONTACT_ID].to_numpy(), index=pd.Index(rows[S.CONTACT_ID].to_numpy()), dtype=S.STRING
    )
    return Resolution(
        ids=ids,
        links=S.conform(links, S.LINKS_COLUMNS),
        suggestions=S.empty_frame(S.LINK_SUGGESTIONS_COLUMNS),
        owner_id=owner.contact_id,
    )


def _refuse_repeated_platforms(parts: Sequence[Part]) -> None:
    seen: dict[str, str] = {}
    for part in parts:
        if part.platform in seen and part.platform != S.LINKEDIN:
            raise ExportFormatError(
                f"two {S.PLATFORM_LABELS.get(part.platform, part.platform)} exports were given",
                file=part.source,
                expected=(
                    "one export per platform (LinkedIn may come several times, for the connection history)"
                ),
                fix=f"load only the newest of them (the other one is {seen[part.platform]!r})",
            )
        seen[part.platform] = part.source


def _linkedin_history(linkedin: list[Part]) -> tuple[pd.DataFrame, list[str]]:
    owners = {p.owner.contact_id for p in linkedin if p.owner.contact_id}
    names = {p.owner.name for p in linkedin if p.owner.name}
    if len(owners) > 1 and len(names) > 1:
        raise ExportFormatError(
            "the LinkedIn exports given belong to different accounts",
            file="; ".join(p.source for p in linkedin),
            expected="several exports of one account, taken at different times",
            fix="load each account's export separately",
        )
    found = connection_history([(p.latest, p.connections) for p in linkedin])
    newest = max(linkedin, key=lambda p: p.latest)
    notes = list(found.notes) + [
        f"{len(linkedin)} LinkedIn exports of this account were given: the tables come from the newest "
        f"({newest.latest:%Y-%m-%d}); the older ones are used for the connection history (Export.history)."
    ]
    return found.changes, notes


def _combined_owner(parts: Sequence[Part], owner_id: str | None) -> Owner:
    first = parts[0].owner
    named = next((p.owner for p in parts if p.owner.name), first)
    url = next((p.owner.profile_url for p in parts if p.owner.profile_url), None)
    return dataclasses.replace(named, profile_url=url, contact_id=owner_id)


def _concat(
    frames: list[pd.DataFrame], columns: tuple[str, ...], overrides: dict | None = None
) -> pd.DataFrame:
    frames = [f for f in frames if len(f)]
    if not frames:
        return S.empty_frame(columns, overrides)
    if len(frames) == 1:
        return S.conform(frames[0], columns, overrides)
    return S.conform(
        pd.concat([S.conform(f, columns, overrides) for f in frames], ignore_index=True), columns, overrides
    )


def _arrow(values: pd.Series) -> pa.Array:
    array = (
        pa.array(values.array)
        if not isinstance(values.array, pd.arrays.ArrowExtensionArray)
        else values.array._pa_array
    )
    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks()
    return array


def _mapped(values: pa.Array, mapping: pd.Series) -> pa.Array:
    """``values`` (strings) with every id in ``mapping``'s index replaced by its value."""
    keys = pa.array(mapping.index.astype(str).tolist(), pa.string())
    targets = pa.array(mapping.astype(str).tolist(), pa.string())
    values = values.cast(pa.string())
    where = pc.index_in(values, value_set=keys)
    return pc.if_else(pc.is_null(where), values, pc.take(targets, where))


def _changed(mapping: pd.Series) -> pd.Series:
    return mapping[mapping.index.astype(str) != mapping.astype(str).to_numpy()]


def _rewrite_ids(frame: pd.DataFrame, ids: pd.Series, columns: tuple[str, ...]) -> pd.DataFrame:
    moves = _changed(ids)
    if not len(moves) or not len(frame):
        return frame
    out = frame.copy()
    for column in columns:
        out[column] = pd.Series(
            pd.arrays.ArrowStringArray(
                _mapped(_arrow(out[column].astype(S.STRING)), moves).cast(pa.large_string())
            ),
            index=out.index,
        )
    return out


def _rewrite_messages(messages: pd.DataFrame, ids: pd.Series) -> pd.DataFrame:
    moves = _changed(ids)
    if not len(moves) or not len(messages):
        return messages
    out = _rewrite_ids(messages, ids, (S.SENDER_ID,))
    lists = _arrow(out[S.RECIPIENT_IDS])
    offsets = lists.offsets
    flat = lists.flatten()
    mapped = _mapped(flat, moves)
    start = offsets[0].as_py()
    rebuilt = pa.ListArray.from_arrays(
        pc.subtract(offsets, start), mapped, mask=lists.is_null() if lists.null_count else None
    )
    out[S.RECIPIENT_IDS] = pd.Series(pd.arrays.ArrowExtensionArray(rebuilt), index=out.index).astype(
        S.ID_LIST
    )
    return out


def _contacts(people: pd.DataFrame, ids: pd.Series, owner_id: str | None) -> pd.DataFrame:
    """One row per combined contact: values from the records of the first platform that has them."""
    if not len(people):
        return S.empty_frame(S.CONTACTS_COLUMNS)
    rank = {p: i for i, p in enumerate(S.PLATFORMS_ORDER)}
    frame = people.assign(
        **{
            "_rank": people[S.PLATFORM].map(rank).fillna(len(rank)).astype(int).to_numpy(),
            S.CONTACT_ID: people[S.CONTACT_ID].map(ids).fillna(people[S.CONTACT_ID]).astype(S.STRING),
        }
    )
    frame = frame.loc[~(frame[S.CONTACT_ID] == owner_id).fillna(False).to_numpy(bool)] if owner_id else frame
    frame = frame.sort_values(["_rank", S.PLATFORM, S.CONTACT_ID], kind="stable")
    grouped = frame.groupby(S.CONTACT_ID, sort=True)
    contacts = grouped[[S.NAME, S.PROFILE_URL, S.COMPANY, S.POSITION]].first()
    contacts[S.IS_CONNECTION] = grouped[S.IS_CONNECTION].any()
    codes = contacts.index.get_indexer(frame[S.CONTACT_ID])
    contacts[S.SEEN_IN] = joined_labels(_flags(codes, frame[S.SEEN_IN], list(_SEEN_ORDER), contacts.index))
    present = [p for p in S.PLATFORMS_ORDER if frame[S.PLATFORM].eq(p).any()]
    contacts[S.PLATFORMS] = joined_labels(_flags(codes, frame[S.PLATFORM], present, contacts.index))
    return S.conform(contacts.reset_index(), S.CONTACTS_COLUMNS)
