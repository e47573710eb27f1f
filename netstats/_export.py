"""The :class:`Export` container: what :func:`netstats.load` returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import pandas as pd

from . import schema as S
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
        The evidence actually used, e.g. ``'invitations inviter URL, confirmed by
        messages.csv (in 7 of 7 conversations)'``.
    confidence : {'certain', 'likely', 'unsure', 'not found'}
        How sure the finding is.  By default ``'certain'`` when an owner was
        found and ``'not found'`` otherwise (readers whose evidence can be
        weak say so).
    share : float or None
        The share of the export's conversations the owner is in, where it
        was measured (LinkedIn messages).

    Examples
    --------
    >>> Owner("Ada Quill", None, "name:ada quill", "2018 Direction column").confidence
    'certain'
    >>> Owner(None, None, None, "not found").confidence
    'not found'
    """

    name: str | None
    profile_url: str | None
    contact_id: str | None
    found_by: str
    confidence: Literal["certain", "likely", "unsure", "not found"] | None = None
    share: float | None = None

    def __post_init__(self) -> None:
        if self.confidence is None:
            object.__setattr__(self, "confidence", "certain" if self.contact_id is not None else "not found")

    def notice(self, named: bool = True) -> str | None:
        """One plain sentence when the owner is not certain (how sure, and how to settle it), else None.

        Messages count as sent or received from the owner's view, so a wrong
        or missing owner changes every count; the report and the terminal
        show this sentence.  ``named=False`` leaves the owner's name out (share mode).

        Examples
        --------
        >>> owner = Owner("Ada Quill", None, "name:ada quill", "x", "unsure", 0.4)
        >>> print(owner.notice())  # doctest: +NORMALIZE_WHITESPACE
        netstats is unsure who owns this export: it took Ada Quill, who is in 40% of the conversations;
        if that is wrong, settle it with --owner "Your Name" (or owner="Your Name" in netstats.load).
        """
        settle = 'settle it with --owner "Your Name" (or owner="Your Name" in netstats.load)'
        if self.confidence == "certain":
            return None
        if self.confidence == "not found" or self.contact_id is None:
            return (
                "netstats could not tell who owns this export, so every message counts as received; "
                f"{settle}."
            )
        who = (self.name or self.contact_id) if named else "the participant in most conversations"
        seen = "" if self.share is None else f", who is in {self.share:.0%} of the conversations"
        if self.confidence == "unsure":
            return (
                f"netstats is unsure who owns this export: it took {who}{seen}; if that is wrong, {settle}."
            )
        return (
            f"netstats took {who}{seen}, to be the owner of this export (likely, not certain); "
            f"if that is wrong, {settle}."
        )


@dataclass(frozen=True)
class Export:
    """A cleaned data export: tidy tables plus the accounts of what was read.

    Attributes
    ----------
    connections, messages, invitations, contacts : pandas.DataFrame
        The tidy tables; columns in :mod:`netstats.schema`.
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
        The path that was loaded (several joined with ``"; "``).
    platforms : tuple of str
        The platforms in the export(s), in :data:`netstats.schema.PLATFORMS_ORDER`.
    links : pandas.DataFrame
        Identity resolution: every platform id and the ``contact_id`` it was
        resolved to, with the key that matched (``LINKS_COLUMNS``).
    link_suggestions : pandas.DataFrame
        Possible links that were not made because the evidence was too weak;
        confirm them in a ``links.csv`` (``LINK_SUGGESTIONS_COLUMNS``).
    history : pandas.DataFrame
        With two or more LinkedIn exports of one account: connections that
        appeared, disappeared or changed company or position between them
        (``HISTORY_COLUMNS``).
    owners : tuple of Owner
        The owner as found in each platform's export (``owner`` is the combined one).
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
    platforms: tuple[str, ...] = (S.LINKEDIN,)
    links: pd.DataFrame = field(default_factory=lambda: S.empty_frame(S.LINKS_COLUMNS), repr=False)
    link_suggestions: pd.DataFrame = field(
        default_factory=lambda: S.empty_frame(S.LINK_SUGGESTIONS_COLUMNS), repr=False
    )
    history: pd.DataFrame = field(default_factory=lambda: S.empty_frame(S.HISTORY_COLUMNS), repr=False)
    owners: tuple[Owner, ...] = field(default=(), repr=False)

    @property
    def owner_notice(self) -> str | None:
        """:meth:`Owner.notice` when the export holds messages, else None.

        Only then does the owner matter: the direction of the messages depends on it.
        """
        return self.owner.notice() if len(self.messages) else None

    def owner_notice_unnamed(self) -> str | None:
        """:attr:`owner_notice` without the owner's name (for a shared report)."""
        return self.owner.notice(named=False) if len(self.messages) else None

    def summary(self) -> str:
        """Return the cleaning summary as plain text, safe to print on a terminal."""
        lines = [
            f"netstats: {term_text(self.source)}",
            f"  owner: {term_text(self.owner.name or 'unknown')} (found by {term_text(self.owner.found_by)})",
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
        if self.owner_notice:
            lines.append(f"  owner: {term_text(self.owner_notice)}")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return (
            f"Export(source={self.source!r}, owner={self.owner.name!r}, as_of={self.as_of:%Y-%m-%d}, "
            f"connections={len(self.connections)}, messages={len(self.messages)}, "
            f"invitations={len(self.invitations)}, contacts={len(self.contacts)}, "
            f"quarantined={len(self.quarantine)})"
        )


@dataclass(frozen=True)
class Part:
    """What one platform reader makes of one export, before exports are combined.

    Every reader (LinkedIn, Facebook, Instagram, X, WhatsApp, e-mail, address
    books) returns parts; :func:`netstats.load` resolves identities across them
    and combines them into one :class:`Export`.  Tables use the schema columns
    (``PLATFORM`` set on every row); ids are the platform's own (see
    ``_schema.PLATFORM_ID_PREFIX``), the owner's records carry ``owner.contact_id``.

    Attributes
    ----------
    platform : str
        One of ``_schema.PLATFORMS_ORDER``.
    source : str
        The path the part was read from.
    connections, messages, invitations : pandas.DataFrame
        ``CONNECTIONS_COLUMNS``, ``MESSAGES_COLUMNS``, ``INVITATIONS_COLUMNS``
        (invitations with ``INVITATIONS_DTYPES``).
    people : pandas.DataFrame
        ``PEOPLE_COLUMNS``: one row per person id in the part (owner excluded),
        with the keys identity resolution may use.
    owner : Owner
    ledger, excluded, quarantine : pandas.DataFrame
        ``LEDGER_COLUMNS`` (one row per file read, balanced), ``EXCLUDED_COLUMNS``,
        ``QUARANTINE_COLUMNS``.
    notes : tuple of str
    latest : pandas.Timestamp or None
        The newest dated record (tz-aware UTC), or the export date when the
        archive names one; None when nothing is dated.
    """

    platform: str
    source: str
    connections: pd.DataFrame
    messages: pd.DataFrame
    invitations: pd.DataFrame
    people: pd.DataFrame
    owner: Owner
    ledger: pd.DataFrame
    excluded: pd.DataFrame
    quarantine: pd.DataFrame
    notes: tuple[str, ...] = ()
    latest: pd.Timestamp | None = None

    def __repr__(self) -> str:
        return (
            f"Part(platform={self.platform!r}, source={self.source!r}, connections={len(self.connections)}, "
            f"messages={len(self.messages)}, invitations={len(self.invitations)}, people={len(self.people)})"
        )
