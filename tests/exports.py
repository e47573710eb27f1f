"""Tiny hand-made LinkedIn exports in the current (2026) format, for tests.

Each helper writes the CSV text LinkedIn writes: ``Connections.csv`` with its
``Notes:`` preamble and ``URL`` column, ``messages.csv`` with every field
quoted and ``RECIPIENT PROFILE URLS``, ``Invitations.csv`` with the inviter
and invitee URLs, and ``Profile.csv``.  The folder is named like an unzipped
archive (``Complete_LinkedInDataExport_MM-DD-YYYY``) so the loader reads the
export date from it.  Load the result with :func:`netstats.load`, or use
:func:`load_export` which does both.

    ann = Person("Ann", "Lee", "ann-lee")
    ex = load_export(tmp_path, connections=[connection(ann, "2025-01-10")],
                     messages=[message("c1", OWNER, [ann], "2026-01-05 09:00", "Coffee?"),
                               message("c1", ann, [OWNER], "2026-01-05 10:00", "Sure!")])

All names and slugs are invented.
"""

from __future__ import annotations

import base64
import csv
import io
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

import netstats

PREAMBLE = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses are missing. '
    "You will only see email addresses for connections who have allowed their connections to see or "
    "download their email address using this setting https://www.linkedin.com/psettings/privacy/email. "
    'You can learn more here https://www.linkedin.com/help/linkedin/answer/261"\n'
    "\n"
)
CONNECTIONS_HEADER = [
    "First Name",
    "Last Name",
    "URL",
    "Email Address",
    "Company",
    "Position",
    "Connected On",
]
MESSAGES_HEADER = [
    "CONVERSATION ID",
    "CONVERSATION TITLE",
    "FROM",
    "SENDER PROFILE URL",
    "TO",
    "RECIPIENT PROFILE URLS",
    "DATE",
    "SUBJECT",
    "CONTENT",
    "FOLDER",
    "ATTACHMENTS",
]
INVITATIONS_HEADER = [
    "From",
    "To",
    "Sent At",
    "Message",
    "Direction",
    "inviterProfileUrl",
    "inviteeProfileUrl",
]
PROFILE_HEADER = [
    "First Name",
    "Last Name",
    "Maiden Name",
    "Address",
    "Birth Date",
    "Headline",
    "Summary",
    "Industry",
    "Zip Code",
    "Geo Location",
    "Twitter Handles",
    "Websites",
    "Instant Messengers",
]
SPONSORED_CONTENT = (
    '<p class="spinmail-quill-editor__spin-break">Hi %FIRSTNAME%, grow your pipeline today</p>'
)


@dataclass(frozen=True)
class Person:
    """A member: the contact id netstats gives them is their slug."""

    first: str
    last: str
    slug: str
    company: str = ""
    position: str = ""

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"

    @property
    def url(self) -> str:
        return f"https://www.linkedin.com/in/{self.slug}"

    @property
    def id(self) -> str:
        return self.slug.lower()


OWNER = Person("Olive", "Owner", "olive-owner")


def _time(at) -> pd.Timestamp:
    stamp = pd.Timestamp(at)
    return stamp.tz_convert("UTC").tz_localize(None) if stamp.tz is not None else stamp


def connection(person: Person, on) -> list[str]:
    """A Connections.csv row: ``on`` is the connection date."""
    return [
        person.first,
        person.last,
        person.url,
        "",
        person.company,
        person.position,
        _time(on).strftime("%d %b %Y"),
    ]


def message(
    conversation: str,
    sender: Person,
    recipients: list[Person],
    at,
    content: str = "",
    *,
    title: str = "",
    folder: str = "INBOX",
) -> list[str]:
    """A messages.csv row; ``conversation`` is any label (it is encoded like LinkedIn's ids)."""
    conversation_id = "2-" + base64.b64encode(conversation.encode()).decode()
    return [
        conversation_id,
        title,
        sender.name,
        sender.url,
        ",".join(p.name for p in recipients),
        ",".join(p.url for p in recipients),
        _time(at).strftime("%Y-%m-%d %H:%M:%S UTC"),
        "",
        content,
        folder,
        "",
    ]


def sponsored(conversation: str, recipient: Person, at, content: str = SPONSORED_CONTENT) -> list[str]:
    """A sponsored InMail row: from 'LinkedIn Member', no sender URL."""
    row = message(
        conversation,
        Person("LinkedIn", "Member", "x"),
        [recipient],
        at,
        content,
        title="Sponsored Conversation",
    )
    row[3] = ""
    return row


def invitation(sender: Person, recipient: Person, at, note: str = "", *, owner: Person = OWNER) -> list[str]:
    """An Invitations.csv row; the direction follows from whether ``sender`` is the owner."""
    stamp = _time(at)
    sent_at = f"{stamp.month}/{stamp.day}/{stamp:%y}, {int(stamp.strftime('%I'))}:{stamp:%M %p}"
    direction = "OUTGOING" if sender == owner else "INCOMING"
    return [sender.name, recipient.name, sent_at, note, direction, sender.url, recipient.url]


def _csv(rows: list[list[str]], quoting: int) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=quoting, lineterminator="\n")
    writer.writerows(rows)
    return buffer.getvalue()


def write_export(
    directory: Path,
    *,
    owner: Person = OWNER,
    connections=(),
    messages=(),
    invitations=(),
    exported_on: str = "2026-03-09",
    profile: bool = True,
) -> Path:
    """Write the CSV files of an export into a new folder under ``directory`` and return the folder.

    A file is written only when it has rows, except messages.csv which is
    always written (with at least its header).
    """
    day = pd.Timestamp(exported_on)
    folder = Path(directory) / f"Complete_LinkedInDataExport_{day:%m-%d-%Y}"
    folder.mkdir(parents=True, exist_ok=False)
    if connections:
        text = PREAMBLE + _csv([CONNECTIONS_HEADER, *connections], csv.QUOTE_MINIMAL)
        (folder / "Connections.csv").write_text(text.rstrip("\n"), encoding="utf-8")
    (folder / "messages.csv").write_text(_csv([MESSAGES_HEADER, *messages], csv.QUOTE_ALL), encoding="utf-8")
    if invitations:
        (folder / "Invitations.csv").write_text(
            _csv([INVITATIONS_HEADER, *invitations], csv.QUOTE_MINIMAL), encoding="utf-8"
        )
    if profile:
        row = [owner.first, owner.last] + [""] * (len(PROFILE_HEADER) - 2)
        (folder / "Profile.csv").write_text(_csv([PROFILE_HEADER, row], csv.QUOTE_MINIMAL), encoding="utf-8")
    return folder


def load_export(directory: Path, **kwargs) -> netstats.Export:
    """:func:`write_export` then :func:`netstats.load`."""
    return netstats.load(write_export(directory, **kwargs))
