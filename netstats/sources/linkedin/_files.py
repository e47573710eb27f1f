"""LinkedIn's files as the archive layer sees them: their names, the export's date, the wording of errors.

:data:`ARCHIVE_FAMILY` is what :func:`netstats.sources._archive.open_export`
needs to find a LinkedIn export: the files it reads (:func:`logical_name`),
the ones of which at least one must be there, the request date in the
archive's name (:func:`export_date_from`) and how to say what is missing.
"""

from __future__ import annotations

import datetime
import re

from ... import schema as S
from .._archive import ExportRules, Family

CONNECTIONS = "connections"
MESSAGES = "messages"
INVITATIONS = "invitations"
PROFILE = "profile"
UNKNOWN = "unknown"  # a single file whose name is not recognised: the parser detects it by header

# Normalised base name (casefolded, spaces and underscores removed) -> logical file.
# Exact matches only: coach_messages.csv, guide_messages.csv ... are other files.
_LOGICAL_BY_KEY = {
    "connections.csv": CONNECTIONS,
    "messages.csv": MESSAGES,
    "invitations.csv": INVITATIONS,
    "profile.csv": PROFILE,
}
# At least one of these must be present for the path to count as an export.
CORE = frozenset({CONNECTIONS, MESSAGES, INVITATIONS})
_EXPORT_DATE = re.compile(r"LinkedInDataExport_(\d{2})-(\d{2})-(\d{4})", re.IGNORECASE)


def logical_name(name: str) -> str | None:
    """Return the logical file a path names, or None when netstats does not read it.

    The base name is casefolded and stripped of spaces and underscores, then
    must match exactly: LinkedIn renamed files over the years (``Messages.csv``
    in 2018, ``messages.csv`` since), and other files end in ``messages.csv``
    too.

    Examples
    --------
    >>> logical_name("Complete_LinkedInDataExport_08-26-2025/Connections.csv")
    'connections'
    >>> logical_name("Messages.csv"), logical_name("coach_messages.csv")
    ('messages', None)
    >>> logical_name("Connections.txt") is None
    True
    """
    base = name.rsplit("/", 1)[-1]
    return _LOGICAL_BY_KEY.get(base.casefold().replace(" ", "").replace("_", ""))


def export_date_from(names: list[str]) -> datetime.date | None:
    """Return the first valid ``LinkedInDataExport_MM-DD-YYYY`` date among ``names``, else None.

    Examples
    --------
    >>> export_date_from(["export (1).zip", "Complete_LinkedInDataExport_08-26-2025 (1)"])
    datetime.date(2025, 8, 26)
    >>> export_date_from(["LinkedInDataExport_13-40-2025"]) is None
    True
    """
    for name in names:
        for month, day, year in _EXPORT_DATE.findall(name):
            try:
                return datetime.date(int(year), int(month), int(day))
            except ValueError:
                continue
    return None


RULES = ExportRules(
    core=CORE,
    dated=export_date_from,
    fallback=UNKNOWN,
    takes_html=False,
    how_to_get=(
        "pass the zip LinkedIn sent (Settings > Data privacy > Get a copy of your data), "
        "the folder it unzips to, or one of its CSV files"
    ),
    expected_files="Connections.csv, messages.csv or Invitations.csv, at the top or in a subfolder",
    expected_file="a LinkedIn data export zip or CSV file",
)
ARCHIVE_FAMILY = Family(S.LINKEDIN, logical_name, None, frozenset(), RULES)
