"""Turn the raw string tables of a LinkedIn export into tidy, typed tables: :func:`read_linkedin`.

What this stage decides (the facts behind each rule are in
``research/linkedin_and_other_export_formats.md``):

* **Identity.** A person's ``contact_id`` is their LinkedIn profile slug, taken
  from the profile URL after percent-decoding (Connections.csv encodes
  non-ASCII slugs, the other files do not) and lowercasing.  Exports from
  before 2023 lack URLs in places; there the id falls back to
  ``name:<casefolded name>``, a weaker key.  Two people with the same name
  stay two contacts when their URLs differ.  A name id is replaced by the URL
  id of the one profile seen with that name elsewhere in the export (2021-22
  Connections list names, messages.csv gives senders' URLs), so one person
  is one contact; a note counts these name matches.
* **The owner** is the participant in (nearly) every conversation of
  messages.csv: senders (by profile URL, else name), the names in ``TO``
  (split only into names known from the export) and, since 2023, the
  recipient URLs (:func:`._owner.find_owner`).  Profile.csv's name and
  Invitations.csv's owner URL are candidates checked against that: when one
  is in few conversations and another participant is in nearly all, the
  messages win.  The 2018 format states each message's ``Direction``.
  ``Owner.found_by`` names the evidence used, ``Owner.confidence`` how sure
  it is; ``owner=`` settles it.  Message direction follows from it.
* **Conversations and recipients.** Recipients come from ``RECIPIENT PROFILE
  URLS``; ``TO`` is never split on commas (names hold ``", "``).  Without that
  column, a message's recipients are the other participants of its
  conversation.  The 2018 format has no conversation ids: its ``To`` cells are
  read as the names known from the export, and a conversation is the set of
  people in it besides the owner.
* **Excluded by rule** (counted in the ledger, listed in ``Export.excluded``):
  hidden-profile rows of Connections.csv (only a date), empty rows, message
  drafts (``IS MESSAGE DRAFT = Yes``; in exports without that column, an
  empty ``FOLDER``, which is how real drafts look), and repeated connections.
* **Quarantined** (``Export.quarantine``): records that cannot be read —
  ragged rows, unparseable dates, unknown directions, giant fields.
* **Flagged, kept**: sponsored / InMail rows get ``is_sponsored`` and no
  ``sender_id``, so they are never merged into one person.  Sponsored is a
  judgement on evidence, only for senders without a URL who are neither the
  owner nor one of their connections (:func:`._conversations.sponsored_rows`).  InMail and
  sponsored HTML bodies become text (:func:`netstats._text.html_to_text`).
* **Times.** Message times are UTC (the file says so).  Invitation times have
  no zone and stay naive.  Connection dates are dates.  The 2018 message
  format has no zone either; those times are read as UTC and a note says so.
  Every file's dates may come from a spreadsheet re-save (:func:`._dates.parse_dates`:
  the day order from the file's own values); a message time a re-save wrote
  without its zone keeps LinkedIn's clock, UTC (:func:`._messages.message_dates`).

Each step is a module of its own, listed in the order data flows in the
package's docstring (:mod:`netstats.sources.linkedin`); this one runs them
(:func:`read_linkedin`), dates the export and accounts for every row in the
ledger.
"""

from __future__ import annotations

import concurrent.futures
import datetime

import numpy as np
import pandas as pd

from ... import schema as S
from ..._errors import (
    NetstatsError,
    NotAnExportError,
    refuse_mostly_set_aside,
)
from ..._export import Owner, Part
from ..._text import (
    name_keys,
)
from .._archive import SourceFile
from .._ledger import Ledger
from ._connections import clean_connections
from ._contacts import _contacts_of_export, _link_people, _people
from ._conversations import clean_messages
from ._csv import RawTable, read_table
from ._identity import name_links
from ._invitations import clean_invitations
from ._messages import _Messages, _prepare_messages, message_name_pairs
from ._owner import _profile_name, find_owner
from ._rows import _Cleaned


def _account_for_files(
    raws: dict[str, RawTable], cleaned: dict[str, _Cleaned | None], kept: dict[str, int], notes: list[str]
) -> tuple[pd.DataFrame, list[pd.DataFrame], list]:
    """The ledger of every LinkedIn file, its excluded and quarantined rows; cleaning notes join ``notes``."""
    books, excluded, quarantine = Ledger(S.LINKEDIN), [], []
    for kind, raw in sorted(raws.items()):
        result = cleaned.get(kind)
        file_excluded = [e for e in (result.excluded if result else []) if len(e)]
        file_quarantine = list(raw.quarantine) + (result.quarantine if result else [])
        books.add(
            raw.file,
            _era(raw),
            rows_read=raw.rows_read,
            kept=kept.get(kind, raw.table.num_rows),
            excluded=sum(len(e) for e in file_excluded),
            quarantined=len(file_quarantine),
        )
        excluded += file_excluded
        quarantine += file_quarantine
        if result:
            notes += [n for n in result.notes if n not in notes]
    return books.frame(), excluded, quarantine


# ---------------------------------------------------------------- one export's tables
def _frames(parts: list[pd.DataFrame], columns: tuple[str, ...]) -> pd.DataFrame:
    parts = [p for p in parts if len(p)]
    if not parts:
        return S.empty_frame(columns)
    return S.conform(pd.concat(parts, ignore_index=True), columns)


def read_linkedin(
    files: tuple[SourceFile, ...] | list[SourceFile],
    *,
    source: str,
    export_date: datetime.date | None = None,
    encoding: str | None = None,
    owner: tuple[str, ...] = (),
) -> Part:
    """Read the LinkedIn files of one export (``SourceFile``s of family ``'linkedin'``) into a :class:`Part`.

    ``Part.latest`` is the export's as-of moment: the end of the day named in
    the archive, else the newest timestamp in the data.  Given a list,
    read_linkedin takes it over: each file is removed from it once parsed,
    so that its bytes (hundreds of megabytes for a busy account's messages)
    are freed while the rest is cleaned, if nothing else holds them.
    ``owner`` (names or profile URLs; e-mail addresses and phone numbers are
    for other platforms) settles who the owner is (:func:`find_owner`).
    ``export_date`` is by default the one the files carry (``SourceFile.export_date``).
    """
    if not isinstance(files, list):
        files = list(files)
    files[:] = [src for src in files if src.family == S.LINKEDIN]
    if export_date is None:
        export_date = next((d for d in [src.export_date for src in files] if d is not None), None)
    raws, connections, invitations, prepared = _read_and_clean(files, encoding)
    _refuse_no_main_file(raws, source)
    notes = _file_notes(raws)
    connections_frame = connections.frame if connections else S.empty_frame(S.CONNECTIONS_COLUMNS)
    owner, owner_rows = _owner(raws, connections_frame, invitations, prepared, tuple(owner))
    invitations_frame = _invitations_frame(invitations)
    links = _links(connections_frame, invitations_frame, owner, prepared)
    messages = (
        clean_messages(
            raws["messages"],
            prepared,
            owner,
            links,
            pd.concat([connections_frame[S.NAME], invitations_frame[S.NAME]], ignore_index=True),
            owner_rows=owner_rows,
            connection_names=connections_frame[S.NAME],
        )
        if prepared is not None
        else None
    )
    connections_frame, linked_connections = _link_people(connections_frame, links, distinct_rows=True)
    invitations_frame, linked_invitations = _link_people(invitations_frame, links, distinct_rows=False)
    if linked_connections or linked_invitations:
        notes.append(
            f"{linked_connections:,} connection(s) and {linked_invitations:,} invitation(s) have no profile "
            "URL in their file; they were matched by name to the one profile URL seen with that name "
            "elsewhere in "
            "the export."
        )
    messages_frame = messages.frame if messages else S.empty_frame(S.MESSAGES_COLUMNS)
    contacts = _contacts_of_export(connections_frame, messages, invitations_frame, owner)
    cleaned = {"connections": connections, "invitations": invitations, "messages": messages}
    kept = {
        "connections": len(connections_frame),
        "invitations": len(invitations_frame),
        "messages": len(messages_frame),
    }
    ledger, excluded, quarantine = _account_for_files(raws, cleaned, kept, notes)
    refuse_mostly_set_aside(ledger, pd.DataFrame(quarantine, columns=[S.FILE, S.LINE, S.REASON, S.RAW]))
    as_of = _as_of(export_date, connections_frame, messages_frame, invitations_frame, raws, source)
    if len(invitations_frame):
        notes.append(S.INVITATIONS_NAIVE_NOTE)
    return Part(
        platform=S.LINKEDIN,
        source=source,
        connections=connections_frame,
        messages=messages_frame,
        invitations=invitations_frame,
        people=_people(contacts, connections_frame),
        owner=owner,
        ledger=ledger,
        excluded=_frames([e.assign(**{S.PLATFORM: S.LINKEDIN}) for e in excluded], S.EXCLUDED_COLUMNS),
        quarantine=_quarantine_frame(quarantine),
        notes=tuple(dict.fromkeys(notes)),
        latest=as_of,
    )


def _refuse_no_main_file(raws: dict[str, RawTable], source: str) -> None:
    """An export without Connections.csv, messages.csv and Invitations.csv is not one netstats reads."""
    if not {"connections", "messages", "invitations"} & set(raws):
        raise NotAnExportError(
            "none of Connections.csv, messages.csv or Invitations.csv was found",
            file=str(source),
            fix=(
                "give netstats the zip LinkedIn sent you, the folder you unzipped it into, "
                "or one of those files"
            ),
        )


def _file_notes(raws: dict[str, RawTable]) -> list[str]:
    """What the files said while read, and a note when Connections.csv holds only its header."""
    notes: list[str] = []
    for raw in raws.values():
        notes += raw.notes
    header_only = raws.get("connections")
    if header_only is not None and header_only.rows_read == 0 and not header_only.empty_file:
        notes.append(
            f"{header_only.file} holds only its header: this export shows no connections "
            "(re-saved or emptied?)."
        )
    return notes


def _owner(
    raws: dict[str, RawTable],
    connections: pd.DataFrame,
    invitations: _Cleaned | None,
    prepared: _Messages | None,
    given: tuple[str, ...],
) -> tuple[Owner, np.ndarray | None]:
    """The export's owner and the message rows they sent (:func:`find_owner`), from every file's evidence."""
    named = [connections[S.NAME]] + ([invitations.frame[S.NAME]] if invitations else [])
    return find_owner(
        invitations.frame if invitations else None,
        _profile_name(raws.get("profile")),
        prepared,
        known_names=set(name_keys(pd.concat(named, ignore_index=True).astype(S.STRING)).dropna()),
        given=given,
    )


def _invitations_frame(invitations: _Cleaned | None) -> pd.DataFrame:
    """The invitations table, in the order they were sent."""
    if not invitations:
        return S.empty_frame(S.INVITATIONS_COLUMNS, S.INVITATIONS_DTYPES)
    invitations.frame[S.PLATFORM] = S.constant(
        S.LINKEDIN, len(invitations.frame), index=invitations.frame.index
    )
    return S.conform(
        invitations.frame.sort_values([S.SENT_AT, S.SOURCE_LINE], kind="stable"),
        S.INVITATIONS_COLUMNS,
        S.INVITATIONS_DTYPES,
    )


def _links(
    connections: pd.DataFrame, invitations: pd.DataFrame, owner: Owner, prepared: _Messages | None
) -> pd.Series:
    """One person, one id: a name seen with exactly one profile URL anywhere takes that URL's id."""
    with_url = [
        frame.loc[frame[S.PROFILE_URL].notna().to_numpy(), [S.NAME, S.CONTACT_ID]]
        for frame in (connections, invitations)
    ]
    if owner.profile_url:
        with_url.append(pd.DataFrame({S.NAME: [owner.name], S.CONTACT_ID: [owner.contact_id]}))
    if prepared is not None:
        with_url.append(message_name_pairs(prepared))
    return name_links(with_url)


def _end_of_day(day: pd.Timestamp) -> pd.Timestamp:
    return day + pd.Timedelta(days=1) - pd.Timedelta(seconds=1)


def _as_of(
    export_date: datetime.date | None,
    connections: pd.DataFrame,
    messages: pd.DataFrame,
    invitations: pd.DataFrame,
    raws: dict[str, RawTable],
    source: str,
) -> pd.Timestamp:
    """The export's as-of moment: the newest of the day named in the archive and every dated record."""
    dated = [_end_of_day(pd.Timestamp(export_date, tz="UTC"))] if export_date is not None else []
    if len(messages):
        dated.append(messages[S.SENT_AT].max())
    if len(connections):
        dated.append(_end_of_day(connections[S.CONNECTED_ON].max().tz_localize("UTC")))
    if len(invitations):
        dated.append(invitations[S.SENT_AT].max().tz_localize("UTC"))
    if not dated:
        _refuse_header_only(raws)
        raise NotAnExportError(
            "the export holds no dated record, so there is nothing to analyse",
            file=str(source),
            fix="check that the files are the ones LinkedIn sent",
        )
    return max(dated)


def _quarantine_frame(quarantine: list[dict]) -> pd.DataFrame:
    if not quarantine:
        return S.empty_frame(S.QUARANTINE_COLUMNS)
    frame = pd.DataFrame(quarantine).assign(**{S.PLATFORM: S.LINKEDIN})
    return S.conform(frame.sort_values([S.FILE, S.LINE], kind="stable"), S.QUARANTINE_COLUMNS)


_WHAT_ROWS = {"connections": "connection", "messages": "message", "invitations": "invitation"}


def _refuse_header_only(raws: dict[str, RawTable]) -> None:
    """An export with nothing dated whose main file holds no row: name that file, not "no dated record"."""
    for kind, what in _WHAT_ROWS.items():
        raw = raws.get(kind)
        if raw is not None and raw.rows_read == 0:
            raise NotAnExportError(
                f"the file holds no {what} rows (only {'nothing' if raw.empty_file else 'its header'}), "
                "so the export holds nothing to analyse",
                file=raw.file,
                expected=f"one row per {what} under the header, as LinkedIn writes the file",
                fix=(
                    f"use the {raw.file} of the original download "
                    "(a spreadsheet or an editor may have emptied it)"
                ),
            )


def _taken(files: list[SourceFile | None], index: int) -> SourceFile:
    """``files[index]``, left out of the list: once parsed, its bytes are freed (unless held elsewhere)."""
    src, files[index] = files[index], None
    return src


def _read_messages(
    files: list[SourceFile | None], index: int, encoding: str | None
) -> tuple[RawTable, _Messages | None]:
    raw = read_table(_taken(files, index), encoding=encoding)
    return raw, _prepare_messages(raw) if raw.kind == "messages" else None


def _read_and_clean(
    files: list[SourceFile | None], encoding: str | None
) -> tuple[dict[str, RawTable], _Cleaned | None, _Cleaned | None, _Messages | None]:
    """Parse the files of one export, clean connections and invitations, make the first pass over messages.

    messages.csv is parsed and prepared on a second thread while the other
    files are read and cleaned on this one: the parser and most of the first
    pass run outside the GIL, so the small files cost little wall time.  When
    several files are bad, the error raised is the first file's, as with one
    thread.  Each file is taken out of ``files`` as it is parsed (see
    :func:`_taken`).
    """
    tables: list[RawTable | None] = [None] * len(files)
    big = next((i for i, src in enumerate(files) if src.logical == "messages"), None)
    with concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="netstats-messages") as pool:
        pending = pool.submit(_read_messages, files, big, encoding) if big is not None else None
        try:
            for i in range(len(tables)):
                if i != big:
                    tables[i] = read_table(_taken(files, i), encoding=encoding)
        except NetstatsError:
            if pending is not None and big < i:
                pending.result()  # an earlier file's error comes first
            raise
        raws = {raw.kind: raw for raw in tables if raw is not None}
        connections = clean_connections(raws["connections"]) if "connections" in raws else None
        invitations = clean_invitations(raws["invitations"]) if "invitations" in raws else None
        prepared = None
        if pending is not None:
            tables[big], prepared = pending.result()
    raws = {
        raw.kind: raw for raw in tables
    }  # in file order: a later file of the same kind wins, as it always did
    if prepared is None and "messages" in raws:
        prepared = _prepare_messages(raws["messages"])
    return raws, connections, invitations, prepared


def _era(raw: RawTable) -> str:
    """A short label of the format generation of one file, for the ledger."""
    cols = {*raw.columns, S.SOURCE_LINE}
    # every value of a column in the header is text ("" when empty), so a column is present when it is in
    # the header
    present = set(raw.table.column_names) if raw.table.num_rows else cols
    if raw.kind == "connections":
        return _connections_era(raw, present)
    if raw.kind == "messages":
        return _messages_era(raw, cols, present)
    if raw.kind == "invitations":
        return "2024+" if "INVITERPROFILEURL" in present else "2018-23"
    return "-"


def _connections_era(raw: RawTable, present: set[str]) -> str:
    if raw.empty_file:
        return "empty"
    if "URL" in present:
        return "2023+"
    # The Notes: preamble appeared in 2021, the URL column in mid-2023.
    return "2021-23" if raw.preamble else "2018-21"


def _messages_era(raw: RawTable, cols: set[str], present: set[str]) -> str:
    if raw.empty_file:
        return "empty"
    if "DIRECTION" in cols and "CONVERSATION ID" not in raw.spec.required:
        return "2018"
    if raw.all_quoted:
        return "2026"
    for column, era in (
        ("ATTACHMENTS", "2025"),
        ("IS MESSAGE DRAFT", "2024-12"),
        ("RECIPIENT PROFILE URLS", "2023-24"),
    ):
        if column in present:
            return era
    return "2021-22"
