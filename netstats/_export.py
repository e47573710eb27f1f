"""The :class:`Export` container: what :func:`netstats.load` returns."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from . import _schema as S
from ._text import term_text


@dataclass(frozen=True)
class Owner:
    """The account owner of an export.

    Attributes
    ----------
    name : str or None
        Display name, e.g. from the outgoing invitations or Profile.csv.
    profile_url : str or None
        Normalised profile URL (see :func:`netstats._text.normalise_profile_url`).
    contact_id : str or None
        The id the owner has in ``messages.sender_id`` / ``recipient_ids``.
    found_by : str
        How the owner was identified, e.g. ``'invitations inviter URL'``.
    """

    name: str | None
    profile_url: str | None
    contact_id: str | None
    found_by: str


@dataclass(frozen=True)
class Export:
    """A cleaned data export: tidy tables plus the accounts of what was read.

    Attributes
    ----------
    connections, messages, invitations, contacts : pandas.DataFrame
        The tidy tables; columns in :mod:`netstats._schema`.
    owner : Owner
    as_of : pandas.Timestamp
        The export date (tz-aware UTC): the end of the day named in the archive,
        else the newest timestamp in the data.
    ledger : pandas.DataFrame
        One row per source file: ``rows_read == kept + excluded + quarantined``.
    excluded : pandas.DataFrame
        One row per record excluded by a rule (hidden profile, draft ...), with line and reason.
    quarantine : pandas.DataFrame
        One row per record that could not be read: file, line, reason, raw text.
    files : pandas.DataFrame
        Every file or archive member seen, with what netstats did with it.
    notes : tuple of str
        Facts a reader should know (time zones assumed, suspicious counts ...).
    source : str
        The path that was loaded.
    """

    connections: pd.DataFrame
    messages: pd.DataFrame
    invitations: pd.DataFrame
    contacts: pd.DataFrame
    owner: Owner
    as_of: pd.Timestamp
    ledger: pd.DataFrame
    excluded: pd.DataFrame
    quarantine: pd.DataFrame
    files: pd.DataFrame
    notes: tuple[str, ...] = field(default=())
    source: str = ""

    def summary(self) -> str:
        """Return the cleaning summary as plain text, safe to print on a terminal."""
        lines = [
            f"netstats: {term_text(self.source)}",
            f"  owner: {term_text(self.owner.name or 'unknown')} (found by {self.owner.found_by})",
            f"  as of: {self.as_of:%Y-%m-%d}",
            f"  connections: {len(self.connections):,}  messages: {len(self.messages):,}  "
            f"invitations: {len(self.invitations):,}  contacts: {len(self.contacts):,}",
            "  per file: rows read = kept + excluded + quarantined",
        ]
        for row in self.ledger.itertuples(index=False):
            lines.append(
                f"    {term_text(getattr(row, S.FILE)):<24} {getattr(row, S.ERA):<8} "
                f"{getattr(row, S.ROWS_READ):>9,} = {getattr(row, S.KEPT):,} + "
                f"{getattr(row, S.EXCLUDED):,} + {getattr(row, S.QUARANTINED):,}"
            )
        if len(self.excluded):
            counts = self.excluded.groupby([S.FILE, S.REASON], observed=True).size()
            lines.append("  excluded by rule:")
            for (file, reason), n in counts.items():
                lines.append(f"    {term_text(file)}: {n:,} {term_text(reason)}")
        if len(self.quarantine):
            counts = self.quarantine.groupby([S.FILE, S.REASON], observed=True).size()
            lines.append("  quarantined (could not be read):")
            for (file, reason), n in counts.items():
                lines.append(f"    {term_text(file)}: {n:,} {term_text(reason)}")
        for note in self.notes:
            lines.append(f"  note: {term_text(note)}")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return (
            f"Export(source={self.source!r}, owner={self.owner.name!r}, as_of={self.as_of:%Y-%m-%d}, "
            f"connections={len(self.connections)}, messages={len(self.messages)}, "
            f"invitations={len(self.invitations)}, contacts={len(self.contacts)}, "
            f"quarantined={len(self.quarantine)})"
        )
