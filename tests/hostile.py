"""Write a hostile LinkedIn export: payloads HTML-1...HTML-7 and canaries in every text field.

The payloads come from the bad-input catalogue in ``research/threats.md`` (section 5).
The export is in the 2025 format (``Connections.csv`` with its ``Notes:``
preamble and URL column, 11-column ``messages.csv``, ``Invitations.csv`` with
profile URLs) so the real loader reads it.

The canaries are sentinel values planted on one contact: the share report
must not contain any of them, the private report must (which proves the test
can see them).  That contact wrote three messages the owner never answered, so
the private report lists them for review.
"""

from __future__ import annotations

import csv
from pathlib import Path

PAYLOADS: dict[str, tuple[str, ...]] = {
    "HTML-1": ("<img src=x onerror=alert(document.domain)>",),
    "HTML-2": ("</script><script>alert(1)</script>", "line\u2028separator"),
    "HTML-3": (
        '<a href="https://evil.example/login">Re-login</a>',
        '<a href="javascript:alert(1)">x</a>',
        '<span style="font-size:400px;fill:transparent">x</span>',
        "<b>CEO</b>",
    ),
    "HTML-4": ("$\\href{javascript:alert(1)}{click}$", "Raised $2M and $5M", "$x_1$"),
    "HTML-5": (
        "<select><iframe></select><img src=x: onerror=alert('xss')>",
        '<button data-commandlinker-command="terminal:create-new">Update</button>',
    ),
    "HTML-6": ("Acme\u202egnp.exe", "Acme\u200b", "\u0410cme", "Jose\u0301"),
    "HTML-7": ("![x](../../../../etc/passwd)", '<img src="../secret.txt">'),
}
ALL_PAYLOADS: tuple[str, ...] = tuple(p for group in PAYLOADS.values() for p in group)

#: Payloads that contain markup or TeX: they must never reach the HTML unescaped.
MARKUP_PAYLOADS: tuple[str, ...] = tuple(p for p in ALL_PAYLOADS if "<" in p or "$" in p)

#: The contact whose name is this payload is the one the browser test hovers.
HOVER_PAYLOAD = PAYLOADS["HTML-1"][0]

CANARY_NAME = ("Zyxcanary", "Qwv")
CANARIES: dict[str, str] = {
    "name": "Zyxcanary Qwv",
    "email": "canary-7f3a@example.invalid",
    "url": "https://www.linkedin.com/in/canary-7f3a",
    "body": "CANARY-BODY-7f3a",
}

OWNER_URL = "https://www.linkedin.com/in/owner-0001"
OWNER_NAME = ("<b>Owner</b>", "$Self$")
EXPORT_DATE = "2025-06-30"

_PREAMBLE = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses are missing. '
    "You will only see email addresses for connections who have allowed their connections to see or "
    "download their email address using this setting https://www.linkedin.com/psettings/privacy/email. "
    'You can learn more here https://www.linkedin.com/help/linkedin/answer/261"\n'
    "\n"
)
_CONNECTIONS_HEADER = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]
_MESSAGES_HEADER = [
    "CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO", "RECIPIENT PROFILE URLS",
    "DATE", "SUBJECT", "CONTENT", "FOLDER", "ATTACHMENTS",
]
_INVITATIONS_HEADER = ["From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl", "inviteeProfileUrl"]
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _payload(i: int) -> str:
    return ALL_PAYLOADS[i % len(ALL_PAYLOADS)]


def _people() -> list[dict[str, str]]:
    """One contact per payload (the payload as first name) plus the canary contact."""
    people = []
    for i, payload in enumerate(ALL_PAYLOADS):
        people.append(
            {
                "first": payload,
                "last": _payload(i + 3),
                "url": "javascript:alert(1)" if i == 5 else f"https://www.linkedin.com/in/hostile-{i:02d}",
                "email": "",
                "company": _payload(i + 1),
                "position": _payload(i + 2),
                "year": 2020 + i % 5,
                "month": 1 + i % 12,
            }
        )
    people.append(
        {
            "first": CANARY_NAME[0],
            "last": CANARY_NAME[1],
            "url": CANARIES["url"],
            "email": CANARIES["email"],
            "company": _payload(0),
            "position": _payload(1),
            "year": 2024,
            "month": 6,
        }
    )
    return people


def write_hostile_export(directory: Path) -> Path:
    """Write the hostile export into ``directory`` (created) and return it.

    Every contact's names, company and position are payloads; every message
    has a payload as conversation title, subject and content; every
    invitation note is a payload; the owner's name is markup too.
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    people = _people()
    owner = " ".join(OWNER_NAME)

    with open(directory / "Connections.csv", "w", encoding="utf-8", newline="") as handle:
        handle.write(_PREAMBLE)
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(_CONNECTIONS_HEADER)
        for p in people:
            connected = f"{15:02d} {_MONTHS[p['month'] - 1]} {p['year']}"
            writer.writerow([p["first"], p["last"], p["url"], p["email"], p["company"], p["position"], connected])

    rows = []
    for i, p in enumerate(people):
        name = f"{p['first']} {p['last']}"
        conversation = f"2-hostile{i:02d}=="
        canary = p["url"] == CANARIES["url"]
        day = f"{p['year'] + 1}-{p['month']:02d}"
        if not canary:
            rows.append([conversation, _payload(i + 4), owner, OWNER_URL, name, p["url"],
                         f"{day}-03 09:15:00 UTC", _payload(i + 5), _payload(i + 6), "INBOX", ""])
        for j in range(3 if canary else 2):
            body = f"{CANARIES['body']} {_payload(i + j)}" if canary else _payload(i + 7 + j)
            rows.append([conversation, _payload(i + 4), name, p["url"], owner, OWNER_URL,
                         f"{day}-{4 + j:02d} 1{j}:30:00 UTC", _payload(i + 8), body, "INBOX", ""])
    with open(directory / "messages.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(_MESSAGES_HEADER)
        writer.writerows(rows)

    with open(directory / "Invitations.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(_INVITATIONS_HEADER)
        for i, p in enumerate(people[:8]):
            name = f"{p['first']} {p['last']}"
            sent_at = f"{p['month']}/14/{p['year'] % 100:02d}, {1 + i % 12}:05 {'AM' if i % 2 else 'PM'}"
            if i % 2:
                writer.writerow([owner, name, sent_at, _payload(i + 9), "OUTGOING", OWNER_URL, p["url"]])
            else:
                writer.writerow([name, owner, sent_at, _payload(i + 9), "INCOMING", p["url"], OWNER_URL])
    return directory


def write_hostile_chats(directory: Path) -> Path:
    """Write two WhatsApp chats (Android, 24-hour, en-GB) whose authors and texts are payloads.

    The owner (:data:`OWNER_NAME`, markup too) writes in both chats, so the reader
    finds them without ``owner=``; the other authors are payload names, one of
    them also a LinkedIn connection of the hostile export (an identity link by name).
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    owner = " ".join(OWNER_NAME)
    for chat in range(2):
        lines = ["01/02/2025, 09:00 - Messages and calls are end-to-end encrypted."]
        for i in range(6):
            author = f"{_payload(chat * 6 + i)} {_payload(i + 3)}".replace(": ", " ").replace("\u2028", " ")
            lines.append(f"{2 + i:02d}/02/2025, 10:{i:02d} - {author}: {_payload(i + 1)}")
            lines.append(f"{2 + i:02d}/02/2025, 11:{i:02d} - {owner}: {_payload(i + 2)}")
        (directory / f"WhatsApp Chat with {chat}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return directory


def write_hostile_earlier_export(directory: Path) -> Path:
    """An earlier LinkedIn export of the hostile account: Connections.csv only, other payload companies.

    Loaded with the hostile export it gives a connection history whose names and
    companies are payloads.
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    with open(directory / "Connections.csv", "w", encoding="utf-8", newline="") as handle:
        handle.write(_PREAMBLE)
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(_CONNECTIONS_HEADER)
        for i, p in enumerate(_people()[1:]):
            connected = f"{15:02d} {_MONTHS[p['month'] - 1]} {min(p['year'], 2023)}"
            writer.writerow([p["first"], p["last"], p["url"], p["email"], _payload(i + 5), p["position"], connected])
    return directory
