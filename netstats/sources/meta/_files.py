"""Meta's files: the kinds this reader reads, told by their paths (``claim``) or first bytes (``sniff``).

Also the words of Meta's files every step shares: which kinds are Facebook's and
which Instagram's, the era of a file by its path, the localised labels of
Instagram's label/value files and what an Instagram user name looks like.
"""

from __future__ import annotations

import re

from ... import schema as S
from .._archive import ExportRules
from .._decode import decode_head

FAMILY = "meta"

FB_FRIENDS = "facebook_friends"
FB_REMOVED_FRIENDS = "facebook_removed_friends"
FB_SENT_REQUESTS = "facebook_sent_friend_requests"
FB_RECEIVED_REQUESTS = "facebook_received_friend_requests"
FB_PROFILE = "facebook_profile"
THREAD = "meta_thread"  # message_N.json / message.json (Facebook or Instagram)
E2EE_THREAD = "messenger_e2ee_thread"  # a flat file of the end-to-end-encrypted chat backup
IG_FOLLOWERS = "instagram_followers"
IG_FOLLOWING = "instagram_following"
IG_PENDING = "instagram_pending_follow_requests"
IG_PROFILE = "instagram_profile"
HTML_EXPORT = "meta_html_export"

REPEATABLE: frozenset[str] = frozenset({THREAD, E2EE_THREAD, IG_FOLLOWERS, HTML_EXPORT})
ONE_EXPORT_AT_A_TIME = False  # the files of every path pooled into one read (see _registry.Reader)
EXPORT_RULES = ExportRules()  # nothing beyond the archive layer's own rules

_FACEBOOK_KINDS = {
    FB_FRIENDS,
    FB_REMOVED_FRIENDS,
    FB_SENT_REQUESTS,
    FB_RECEIVED_REQUESTS,
    FB_PROFILE,
    E2EE_THREAD,
}
_INSTAGRAM_KINDS = {IG_FOLLOWERS, IG_FOLLOWING, IG_PENDING, IG_PROFILE}
_KINDS = frozenset(
    {
        FB_FRIENDS,
        FB_REMOVED_FRIENDS,
        FB_SENT_REQUESTS,
        FB_RECEIVED_REQUESTS,
        FB_PROFILE,
        THREAD,
        E2EE_THREAD,
        IG_FOLLOWERS,
        IG_FOLLOWING,
        IG_PENDING,
        IG_PROFILE,
    }
)

_IG_URL = "https://www.instagram.com/"
_IG_USERNAME = re.compile(r"^[a-z0-9._]{1,30}$")
# Localised labels of the user-name and name fields in Instagram's label/value files (casefolded).
_USERNAME_LABELS = frozenset(
    {
        "username",
        "user name",
        "nome de usuário",
        "nome utente",
        "nombre de usuario",
        "nom d'utilisateur",
        "nom d’utilisateur",
        "benutzername",
        "gebruikersnaam",
        "kullanıcı adı",
        "nazwa użytkownika",
        "användarnamn",
        "brugernavn",
        "brukernavn",
        "käyttäjänimi",
        "tên người dùng",
        "nama pengguna",
        "имя пользователя",
        "ユーザーネーム",
        "用户名",
    }
)
_NAME_LABELS = frozenset(
    {
        "name",
        "nome",
        "nombre",
        "nom",
        "naam",
        "ad",
        "imię i nazwisko",
        "namn",
        "navn",
        "nimi",
        "tên",
        "nama",
        "имя",
        "名前",
        "姓名",
    }
)

_ROOT_SEGMENTS = (
    "messages|your_instagram_activity|your_facebook_activity|your_activity_across_facebook|connections|"
    "friends|friends_and_followers|personal_information|account_information|profile_information"
)
_ROOT = re.compile(rf"(?:^|/)(?:{_ROOT_SEGMENTS})/")
_HTML = re.compile(
    r"(?:^|/)(?:message(?:_\d+)?\.html|your_friends\.html|followers_\d+\.html|"
    r"(?:friends|friends_and_followers)/friends\.html|followers_and_following/following\.html)$"
)
_CLAIMS = (
    (re.compile(r"(?:^|/)message_\d+\.json$"), THREAD),
    (re.compile(r"(?:^|/)messages/(?:[^/]+/)?[^/]+/message\.json$"), THREAD),
    (re.compile(r"(?:^|/)(?:friends|friends_and_followers)/friends\.json$"), FB_FRIENDS),
    (re.compile(r"(?:^|/)friends/your_friends\.json$"), FB_FRIENDS),
    (re.compile(r"(?:^|/)(?:friends|friends_and_followers)/removed_friends\.json$"), FB_REMOVED_FRIENDS),
    (
        re.compile(
            r"(?:^|/)(?:friends|friends_and_followers)/(?:friend_requests_sent|sent_friend_requests)\.json$"
        ),
        FB_SENT_REQUESTS,
    ),
    (
        re.compile(
            r"(?:^|/)(?:friends|friends_and_followers)/(?:friend_requests_received|received_friend_requests)\.json$"
        ),
        FB_RECEIVED_REQUESTS,
    ),
    (re.compile(r"(?:^|/)profile_information/profile_information\.json$"), FB_PROFILE),
    (re.compile(r"(?:^|/)followers_\d+\.json$"), IG_FOLLOWERS),
    (re.compile(r"(?:^|/)followers_and_following/following\.json$"), IG_FOLLOWING),
    (re.compile(r"(?:^|/)followers_and_following/pending_follow_requests\.json$"), IG_PENDING),
    (
        re.compile(r"(?:^|/)(?:personal_information|account_information)/personal_information\.json$"),
        IG_PROFILE,
    ),
)
_SNIFFS = (
    (re.compile(r'^\{\s*"participants"\s*:\s*\[\s*\{\s*"name"\s*:'), THREAD),
    (re.compile(r'^\{\s*"(?:friends|friends_v2)"\s*:\s*\['), FB_FRIENDS),
    (re.compile(r'^\{\s*"(?:deleted_friends|deleted_friends_v2)"\s*:\s*\['), FB_REMOVED_FRIENDS),
    (re.compile(r'^\{\s*"(?:sent_requests|sent_requests_v2)"\s*:\s*\['), FB_SENT_REQUESTS),
    (re.compile(r'^\{\s*"(?:received_requests|received_requests_v2)"\s*:\s*\['), FB_RECEIVED_REQUESTS),
    (re.compile(r'^\{\s*"profile(?:_v2)?"\s*:\s*\{\s*"name"\s*:'), FB_PROFILE),
    (re.compile(r'^\{\s*"relationships_following"\s*:\s*\['), IG_FOLLOWING),
    (re.compile(r'^\{\s*"relationships_follow_requests_sent"\s*:\s*\['), IG_PENDING),
    (re.compile(r'^\[\s*\{\s*"title"\s*:\s*"[^"]*"\s*,\s*"media_list_data"\s*:'), IG_FOLLOWERS),
    (re.compile(r'^\{\s*"profile_user"\s*:\s*\['), IG_PROFILE),
)
_E2EE_HEAD = re.compile(r'^\{\s*"participants"\s*:\s*\[\s*(?:"|\])')
_E2EE_KEYS = re.compile(r'"(?:threadName|senderName|isUnsent)"\s*:')


def claim(name: str) -> str | None:
    """Return the logical kind of an archive member this reader reads, judged by its path, else None.

    Examples
    --------
    >>> claim("your_facebook_activity/messages/inbox/annlee_123/message_2.json")
    'meta_thread'
    >>> claim("connections/friends/your_friends.json"), claim(
    ...     "connections/followers_and_following/followers_1.json"
    ... )
    ('facebook_friends', 'instagram_followers')
    >>> claim("messages/inbox/annlee_123/message_1.html"), claim("messages.csv")
    ('meta_html_export', None)
    """
    path = name.replace("\\", "/").casefold()
    if _HTML.search(path):
        return HTML_EXPORT
    for pattern, kind in _CLAIMS:
        if pattern.search(path):
            return kind
    return None


def sniff(head: bytes) -> str | None:
    """Return the logical kind of an unclaimed file judged by its first bytes, else None.

    Only JSON that starts the way Meta's files start is claimed: a LinkedIn CSV,
    an X ``window.YTD`` file or a chat log never starts with ``{"participants"``.

    Examples
    --------
    >>> sniff(b'{\\n  "participants": [\\n    {\\n      "name": "Ann"\\n    }')
    'meta_thread'
    >>> sniff(b'{"participants": ["Ann", "Bo"], "threadName": "Ann", "messages": [')
    'messenger_e2ee_thread'
    >>> sniff(b"First Name,Last Name,URL") is None
    True
    """
    text = decode_head(head[:4096]).lstrip("\ufeff \t\r\n")
    if _E2EE_HEAD.match(text) and _E2EE_KEYS.search(text):
        return E2EE_THREAD
    for pattern, kind in _SNIFFS:
        if pattern.match(text):
            return kind
    return None


def _root(path: str) -> str:
    match = _ROOT.search(path.casefold())
    return path[: match.start() + (1 if match.group(0).startswith("/") else 0)] if match else ""


def _thread_platform(path: str) -> str | None:
    """The platform of a thread file by its path root, or None for the ambiguous old ``messages/`` root."""
    lowered = path.casefold()
    if "your_instagram_activity/" in lowered:
        return S.INSTAGRAM
    if "your_facebook_activity/" in lowered or "your_activity_across_facebook/" in lowered:
        return S.FACEBOOK
    return None


def _message_era(path: str) -> str:
    lowered = path.casefold()
    if "your_instagram_activity/" in lowered or "your_facebook_activity/" in lowered:
        return "2024+"
    if "your_activity_across_facebook/" in lowered:
        return "2024"
    if lowered.endswith("/message.json") or lowered == "message.json":
        return "2018"
    return "2019-23"


def _friends_era(path: str, document: object) -> str:
    lowered = path.casefold()
    if "friends_and_followers/" in lowered:
        return "2021-22"
    if re.search(r"(?:^|/)connections/friends/", lowered) or lowered.endswith("your_friends.json"):
        return "2023+"
    if isinstance(document, dict) and any(
        k in document for k in ("friends", "deleted_friends", "sent_requests", "received_requests")
    ):
        return "2019-20"
    return "2021+"
