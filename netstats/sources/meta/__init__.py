"""Read Meta's "Download your information" exports: Facebook, Messenger and Instagram (JSON).

The formats are in ``research/linkedin_and_other_export_formats.md`` sections 2
and 4.  What this reader does about them:

* **Mojibake.**  Meta writes every UTF-8 byte of a string as its own ``\\u00XX``
  escape, so ``json.loads`` returns ``"cafÃ©"`` for ``"café"``.  Every string
  of every parsed file (keys included) goes through :func:`fix_mojibake`, a
  guarded repair that never breaks correct text.  Lone UTF-16 surrogates
  (``"\\ud83d"``) cannot be stored or written anywhere; they become U+FFFD and
  are counted in a note.  For speed the repair happens on the file's text
  where that is exact (an ASCII file whose escapes are all ``\\u00XX``: the
  high escapes are turned back into the bytes they stand for and the text is
  decoded as UTF-8 once), and a file in which no string can be mojibake is
  not walked at all; the result is the same as repairing string by string.
* **Which platform.**  A file's platform follows from its path root:
  ``your_instagram_activity/``, ``connections/followers_and_following/`` and
  ``personal_information.json`` are Instagram; ``your_facebook_activity/``,
  ``your_activity_across_facebook/``, the friends files, ``profile_information.json``
  and the end-to-end-encrypted chat backup are Facebook (Messenger).  The old
  ``messages/inbox/...`` root is used by both: such a thread takes the platform
  of the files that share its root folder (``instagram-ann-2024/messages/...``
  next to ``instagram-ann-2024/connections/...``), else of all the other files
  read with it, else Facebook, with a note saying so.
* **Ids.**  Facebook gives names only: ``facebook:name:<name key>``.  Instagram
  follow lists give user names (``instagram:<user name>``); messages give
  display names, mapped to the user name where a one-to-one thread's folder
  (``<user name>_<id>``) says who it is, else ``instagram:name:<name key>``.
* **Messages.**  Every ``message_N.json`` of a thread is merged (all sections:
  inbox, archived_threads, filtered_threads, message_requests, e2ee_cutover;
  every root; the 2018 ``message.json``) and sorted ascending.  Unsent stubs are
  excluded, and so are the ``Call``, ``Subscribe`` and ``Unsubscribe`` events:
  their text ("You called Ann.", "Bo left the group.") is written by Meta, not
  by a person, so counting them as messages would invent interactions.  Other
  types (``Generic``, ``Share`` ...) are kept.  Photos, videos, audio, files,
  GIFs and stickers set ``has_attachment``.
* **End-to-end-encrypted chats** come as a separate backup of flat camelCase
  files (``<Thread>_<N>.json``, one thread per file).  A backup message that is
  also in the standard export's ``e2ee_cutover`` section (same sender, time and
  text) is excluded as a duplicate, and the backup thread joins that
  conversation.  Other backup messages keep the folder ``'e2ee_backup'``.
* **Owner.**  Facebook: ``profile_information.json``; Instagram:
  ``personal_information.json``; else the one participant present in every
  thread, narrowed by the ``owner`` names the user gave when several are.
* **HTML exports** (``message_1.html`` ...) are recognised and refused with
  instructions to request the JSON format.

Record positions (``line``, ``source_line``) are 1-based positions of the item
in its file's list, as the schema says for JSON sources.

The modules, in the order a file flows through them:

* :mod:`._files`: the kinds of file Meta writes (``claim``, ``sniff``), and a
  file's platform and era by its path;
* :mod:`._repair`: the mojibake undone (``fix_mojibake``, ``repair_strings``);
* :mod:`._json`: one file decoded, parsed and repaired;
* :mod:`._columns`: JSON values to typed columns; :mod:`._book`: each
  platform's files and what each gave (the ledger);
* :mod:`._threads`: the thread files to messages and participants;
* :mod:`._owner`: whose export it is;
* :mod:`._friends`: friends, friend requests and follow lists to connections
  and invitations;
* :mod:`._messages`: the messages table (ids, exclusions, recipients);
* :mod:`._read`: ``read``, the files to one Part per platform (and its people).

The package is a reader like the others (:class:`netstats.sources._registry.Reader`):
``FAMILY``, ``claim``, ``sniff``, ``REPEATABLE``, ``EXPORT_RULES``,
``ONE_EXPORT_AT_A_TIME`` and ``read``.  It also names the kinds of file, the
reasons rows are set aside and the string repair, which the tests use.
"""

from __future__ import annotations

from .._decode import MAX_FIELD_CHARS
from ._columns import NOT_AN_OBJECT, TOO_LONG
from ._files import (
    E2EE_THREAD,
    EXPORT_RULES,
    FAMILY,
    FB_FRIENDS,
    FB_PROFILE,
    FB_RECEIVED_REQUESTS,
    FB_REMOVED_FRIENDS,
    FB_SENT_REQUESTS,
    HTML_EXPORT,
    IG_FOLLOWERS,
    IG_FOLLOWING,
    IG_PENDING,
    IG_PROFILE,
    ONE_EXPORT_AT_A_TIME,
    REPEATABLE,
    THREAD,
    claim,
    sniff,
)
from ._friends import REMOVED_FRIEND, SAME_ACCOUNT_TWICE, SAME_NAME_FRIEND
from ._json import _parse as _parse  # the tests parse one file as read does
from ._messages import E2EE_DUPLICATE, SYSTEM_EVENTS, UNSENT
from ._read import read
from ._repair import _Repairs as _Repairs  # the tests parse one file as read does
from ._repair import fix_mojibake, repair_strings

__all__ = [
    # the reader contract
    "FAMILY",
    "claim",
    "sniff",
    "REPEATABLE",
    "EXPORT_RULES",
    "ONE_EXPORT_AT_A_TIME",
    "read",
    # the kinds of file
    "THREAD",
    "E2EE_THREAD",
    "FB_FRIENDS",
    "FB_REMOVED_FRIENDS",
    "FB_SENT_REQUESTS",
    "FB_RECEIVED_REQUESTS",
    "FB_PROFILE",
    "IG_FOLLOWERS",
    "IG_FOLLOWING",
    "IG_PENDING",
    "IG_PROFILE",
    "HTML_EXPORT",
    # the reasons rows are set aside
    "UNSENT",
    "SYSTEM_EVENTS",
    "E2EE_DUPLICATE",
    "REMOVED_FRIEND",
    "SAME_NAME_FRIEND",
    "SAME_ACCOUNT_TWICE",
    "NOT_AN_OBJECT",
    "TOO_LONG",
    "MAX_FIELD_CHARS",
    # the string repair
    "fix_mojibake",
    "repair_strings",
]
