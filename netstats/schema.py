"""Column names and types of every table netstats produces: the one place they live.

Code elsewhere refers to these constants, never to string literals, so a rename
happens here and nowhere else.  Each ``*_COLUMNS`` tuple gives the order of the
columns of a table; ``DTYPES`` gives the pandas dtype of every column name.

Conventions
-----------
* Text columns use the ``"string"`` dtype (``pd.StringDtype()``): missing is
  ``pd.NA``, never the text ``"NA"``.
* Timestamps are ``datetime64[ns, UTC]`` when the source states a zone.
  Invitation times and connection dates have no zone in the export and stay
  naive (``datetime64[ns]``); see ``INVITATIONS_NAIVE_NOTE``.
* ``recipient_ids`` is a list column (``pd.ArrowDtype(pa.list_(pa.string()))``)
  so group messages can be exploded without a Python loop.
"""

from __future__ import annotations

import pandas as pd
import pyarrow as pa

# ------------------------------------------------ shared keys
CONTACT_ID = "contact_id"
PROFILE_URL = "profile_url"
NAME = "name"
SOURCE_LINE = "source_line"  # first physical line of the record in its file (1-based)

# ------------------------------------------------ platforms
# Where a record comes from.  Every table netstats returns carries PLATFORM.
PLATFORM = "platform"
LINKEDIN = "linkedin"
FACEBOOK = "facebook"
INSTAGRAM = "instagram"
X = "x"
WHATSAPP = "whatsapp"
EMAIL_PLATFORM = "email"  # an mbox of e-mail (Gmail Takeout ...)
GOOGLE_CONTACTS = "google_contacts"
VCARD = "vcard"  # an address book exported as vCard (.vcf)
# In this order a person's combined contact_id is taken from their records:
# the LinkedIn id when there is one, so LinkedIn-only results never change.
PLATFORMS_ORDER = (LINKEDIN, FACEBOOK, INSTAGRAM, X, WHATSAPP, EMAIL_PLATFORM, GOOGLE_CONTACTS, VCARD)
PLATFORM_LABELS = {
    LINKEDIN: "LinkedIn",
    FACEBOOK: "Facebook",
    INSTAGRAM: "Instagram",
    X: "X (Twitter)",
    WHATSAPP: "WhatsApp",
    EMAIL_PLATFORM: "E-mail",
    GOOGLE_CONTACTS: "Google Contacts",
    VCARD: "Address book (vCard)",
}
# Contact ids are unique across platforms: LinkedIn keeps its ids (profile slug or
# 'name:<name key>'); every other platform prefixes its own, e.g. 'facebook:name:ann lee',
# 'instagram:ann.lee', 'x:1234567890', 'whatsapp:+447700900123', 'email:ann@example.org'.
PLATFORM_ID_PREFIX = {p: f"{p}:" for p in PLATFORMS_ORDER if p != LINKEDIN}

# ------------------------------------------------ connections
FIRST_NAME = "first_name"
LAST_NAME = "last_name"
EMAIL = "email"  # a real e-mail address, else NA
MEMBER_URN = "member_urn"  # 'urn:li:member:<n>' found in the e-mail column
COMPANY = "company"
POSITION = "position"
CONNECTED_ON = "connected_on"  # naive date (no zone in the file)
RELATIONSHIP = "relationship"  # one of RELATIONSHIPS
REL_CONNECTION = "connection"  # LinkedIn
REL_FRIEND = "friend"  # Facebook
REL_MUTUAL_FOLLOW = "mutual_follow"  # Instagram / X: each follows the other
REL_FOLLOWER = "follower"  # they follow the owner only
REL_FOLLOWING = "following"  # the owner follows them only
REL_SAVED_CONTACT = "saved_contact"  # an entry of the owner's address book
RELATIONSHIPS = (
    REL_CONNECTION,
    REL_FRIEND,
    REL_MUTUAL_FOLLOW,
    REL_FOLLOWER,
    REL_FOLLOWING,
    REL_SAVED_CONTACT,
)
# The relationships that make someone a connection (contacts.is_connection):
# both sides agreed to it.  Followers, follows and address-book entries do not.
CONNECTED_RELATIONSHIPS = (REL_CONNECTION, REL_FRIEND, REL_MUTUAL_FOLLOW)

CONNECTIONS_COLUMNS = (
    PLATFORM,
    CONTACT_ID,
    NAME,
    FIRST_NAME,
    LAST_NAME,
    PROFILE_URL,
    EMAIL,
    MEMBER_URN,
    COMPANY,
    POSITION,
    CONNECTED_ON,
    RELATIONSHIP,
    SOURCE_LINE,
)

# ------------------------------------------------ messages
CONVERSATION_ID = "conversation_id"
CONVERSATION_TITLE = "conversation_title"
SENT_AT = "sent_at"
SENDER_ID = "sender_id"  # owner's contact_id for sent messages; NA for sponsored
SENDER_NAME = "sender_name"
SENDER_URL = "sender_url"
RECIPIENT_IDS = "recipient_ids"  # every recipient, the owner included when a recipient
DIRECTION = "direction"
IS_GROUP = "is_group"  # the conversation has 3+ participants, owner included
IS_SPONSORED = "is_sponsored"
SUBJECT = "subject"
CONTENT = "content"
FOLDER = "folder"  # raw FOLDER value: INBOX, ARCHIVE, SPAM, SENT (2018) ...
HAS_ATTACHMENT = "has_attachment"

SENT = "sent"
RECEIVED = "received"
MESSAGE_DIRECTIONS = (SENT, RECEIVED)

MESSAGES_COLUMNS = (
    PLATFORM,
    CONVERSATION_ID,
    CONVERSATION_TITLE,
    SENT_AT,
    SENDER_ID,
    SENDER_NAME,
    SENDER_URL,
    RECIPIENT_IDS,
    DIRECTION,
    IS_GROUP,
    IS_SPONSORED,
    SUBJECT,
    CONTENT,
    FOLDER,
    HAS_ATTACHMENT,
    SOURCE_LINE,
)

# ------------------------------------------------ invitations
MESSAGE = "message"  # the invitation note
NOTE_KIND = "note_kind"
# one vocabulary: an invitation is sent or received from the owner's view, like a message
INCOMING = RECEIVED
OUTGOING = SENT
INVITATION_DIRECTIONS = (INCOMING, OUTGOING)
NOTE_NONE = "none"
NOTE_GENERIC = "generic"
NOTE_PERSONAL = "personal"
NOTE_KINDS = (NOTE_NONE, NOTE_GENERIC, NOTE_PERSONAL)

INVITATIONS_NAIVE_NOTE = (
    "Invitation times have no time zone in the LinkedIn export; netstats keeps "
    "them as written (naive) and never mixes them with UTC message times."
)

INVITATIONS_COLUMNS = (
    PLATFORM,
    CONTACT_ID,
    NAME,
    PROFILE_URL,
    DIRECTION,
    SENT_AT,
    MESSAGE,
    NOTE_KIND,
    SOURCE_LINE,
)

# ------------------------------------------------ contacts
IS_CONNECTION = "is_connection"
SEEN_IN = "seen_in"  # which files mention the person, e.g. 'connections,messages'
PLATFORMS = "platforms"  # the platforms a contact was seen on, comma-joined in PLATFORMS_ORDER

CONTACTS_COLUMNS = (
    CONTACT_ID,
    NAME,
    PROFILE_URL,
    COMPANY,
    POSITION,
    IS_CONNECTION,
    SEEN_IN,
    PLATFORMS,
)

# ------------------------------------------------ people (per platform, before identity resolution)
# One row per person id seen in one platform's export (owner excluded), with the
# keys identity resolution may use.  Readers return it in Part.people.
HANDLE = "handle"  # the platform's own user name / account id (Instagram user name, X account id ...)
EMAILS = "emails"  # list of normalised e-mail addresses (lowercase, stripped)
PHONES = "phones"  # list of normalised phone numbers ('+' and digits when the country is known, else digits)
PEOPLE_COLUMNS = (
    CONTACT_ID,
    PLATFORM,
    NAME,
    PROFILE_URL,
    HANDLE,
    EMAILS,
    PHONES,
    COMPANY,
    POSITION,
    IS_CONNECTION,
    SEEN_IN,
)
# ------------------------------------------------ identity (one person across platforms)
PLATFORM_ID = "platform_id"  # the id a record has on its own platform
MATCHED_BY = "matched_by"  # 'itself', 'profile_url', 'email', 'phone', 'name', 'links.csv'
EVIDENCE = "evidence"  # the key that matched, in words (no message text)
OTHER_ID = "other_id"
SCORE = "score"
# Every platform id and the combined contact_id it was resolved to, with why.
LINKS_COLUMNS = (PLATFORM_ID, PLATFORM, CONTACT_ID, NAME, MATCHED_BY, EVIDENCE)
LINK_SAME = "same"  # links.csv decisions
LINK_NEVER = "never"
DECISION = "decision"  # a links.csv column: LINK_SAME or LINK_NEVER
LINKS_FILE_COLUMNS = (PLATFORM_ID, OTHER_ID, DECISION)  # the user's links.csv, header required
# ------------------------------------------------ history (several LinkedIn exports of one account)
CHANGE = "change"  # 'new', 'disappeared', 'changed_company', 'changed_position'
BEFORE = "before"
AFTER = "after"
SEEN_FROM = "seen_from"  # as_of of the earlier export
SEEN_TO = "seen_to"  # as_of of the later export
HISTORY_COLUMNS = (CONTACT_ID, NAME, CHANGE, BEFORE, AFTER, SEEN_FROM, SEEN_TO)

# ------------------------------------------------ bookkeeping
FILE = "file"
ERA = "era"
ROWS_READ = "rows_read"
KEPT = "kept"
EXCLUDED = "excluded"
QUARANTINED = "quarantined"
LINE = "line"
REASON = "reason"
RAW = "raw"
STATUS = "status"

LEDGER_COLUMNS = (PLATFORM, FILE, ERA, ROWS_READ, KEPT, EXCLUDED, QUARANTINED)
# In JSON sources (Meta, X) LINE and SOURCE_LINE are the 1-based position of the
# record in its file's list, not a physical line.
EXCLUDED_COLUMNS = (PLATFORM, FILE, LINE, REASON)
QUARANTINE_COLUMNS = (PLATFORM, FILE, LINE, REASON, RAW)
FILES_COLUMNS = (FILE, STATUS, REASON)
# Possible identity links not made (too weak or ambiguous): for the user to confirm in links.csv.
LINK_SUGGESTIONS_COLUMNS = (
    PLATFORM_ID,
    OTHER_ID,
    NAME,
    SCORE,
    REASON,
)  # every member / file seen, loaded or not

# ------------------------------------------------ features
TENURE_DAYS = "tenure_days"
N_SENT = "n_sent"
N_RECEIVED = "n_received"
N_CONVERSATIONS = "n_conversations"
N_GROUP_CONVERSATIONS = "n_group_conversations"
FIRST_MESSAGE_AT = "first_message_at"
LAST_MESSAGE_AT = "last_message_at"
DAYS_SINCE_LAST = "days_since_last"
RECIPROCITY = "reciprocity"
OWNER_REPLY_RATE = "owner_reply_rate"
CONTACT_REPLY_RATE = "contact_reply_rate"
OWNER_REPLY_HOURS = "owner_median_reply_hours"
CONTACT_REPLY_HOURS = "contact_median_reply_hours"
OWNER_STARTED_SHARE = "owner_started_share"
OWNER_WORDS_PER_MESSAGE = "owner_words_per_message"
CONTACT_WORDS_PER_MESSAGE = "contact_words_per_message"
TWO_WAY_MONTHS = "two_way_months"
UNANSWERED_INBOUND = "unanswered_inbound"
INVITATION_DIRECTION = "invitation_direction"
INVITATION_NOTE_KIND = "invitation_note_kind"
LOOKS_LIKE_PITCH = "looks_like_pitch"
ACTIVE_MONTHS = "active_months"  # calendar months (UTC) with a message either way
RECENT_TWO_WAY_MONTHS = "recent_two_way_months"  # two-way months among the 24 up to as_of: the core rule
UNANSWERED_OUTBOUND = "unanswered_outbound"  # owner's messages since the contact last wrote
N_PITCH_MESSAGES = "n_pitch_messages"  # their messages that are near-duplicates of other senders'
CONFIDED = "confided"  # wrote the owner something sensitive in a 1:1 conversation
CONFIDED_TOPICS = "confided_topics"  # which sensitive topics, e.g. 'job search; health'
FIRST_TWO_WAY_AT = "first_two_way_at"  # when a contact first wrote and was written to in one conversation
TALKED_ON = "talked_on"  # platforms where the owner and the contact exchanged messages, comma-joined
IS_MULTIPLEX = "is_multiplex"  # talked on two or more platforms: a recognised sign of a strong tie

FEATURES_COLUMNS = (  # index: CONTACT_ID
    PROFILE_URL,
    NAME,
    COMPANY,
    POSITION,
    IS_CONNECTION,
    CONNECTED_ON,
    TENURE_DAYS,
    N_SENT,
    N_RECEIVED,
    N_CONVERSATIONS,
    N_GROUP_CONVERSATIONS,
    FIRST_MESSAGE_AT,
    LAST_MESSAGE_AT,
    DAYS_SINCE_LAST,
    FIRST_TWO_WAY_AT,
    RECIPROCITY,
    OWNER_REPLY_RATE,
    CONTACT_REPLY_RATE,
    OWNER_REPLY_HOURS,
    CONTACT_REPLY_HOURS,
    OWNER_STARTED_SHARE,
    OWNER_WORDS_PER_MESSAGE,
    CONTACT_WORDS_PER_MESSAGE,
    TWO_WAY_MONTHS,
    ACTIVE_MONTHS,
    RECENT_TWO_WAY_MONTHS,
    UNANSWERED_INBOUND,
    UNANSWERED_OUTBOUND,
    INVITATION_DIRECTION,
    INVITATION_NOTE_KIND,
    LOOKS_LIKE_PITCH,
    N_PITCH_MESSAGES,
    CONFIDED,
    CONFIDED_TOPICS,
    PLATFORMS,
    TALKED_ON,
    IS_MULTIPLEX,
)

# ------------------------------------------------ quality
TIE_STRENGTH = "tie_strength"
CLUSTER = "cluster"
CLUSTER_LABEL = "cluster_label"
SEGMENT = "segment"
PROJECTION_X = "x"
PROJECTION_Y = "y"
STRENGTH_RECENCY = "strength_recency"  # tie-strength components, each 0-1
STRENGTH_FREQUENCY = "strength_frequency"
STRENGTH_RECIPROCITY = "strength_reciprocity"
STRENGTH_DEPTH = "strength_depth"
STRENGTH_DURATION = "strength_duration"
STRENGTH_PERSONALISATION = "strength_personalisation"
STRENGTH_MULTIPLEX = (
    "strength_multiplex"  # 1 when the tie is two-way on two or more platforms (a bonus, not a weight)
)
CAN_VOUCH = "can_vouch"

TIE_STRENGTH_COLUMNS = (  # index: CONTACT_ID
    TIE_STRENGTH,
    STRENGTH_RECENCY,
    STRENGTH_FREQUENCY,
    STRENGTH_RECIPROCITY,
    STRENGTH_DEPTH,
    STRENGTH_DURATION,
    STRENGTH_PERSONALISATION,
    STRENGTH_MULTIPLEX,
)
SEGMENT_COLUMNS = (SEGMENT, CLUSTER, CLUSTER_LABEL, PROJECTION_X, PROJECTION_Y)  # index: CONTACT_ID

# the scorecard (principles): one row per principle
PRINCIPLE = "principle"  # short identifier, e.g. 'personalised_invitations'
TITLE = "title"
VALUE = "value"
VERDICT = "verdict"  # plain-language sentence
RATING = "rating"  # one of RATINGS
CONTACTS = "contacts"  # list of contact ids behind the value
DETAILS = "details"  # dict of the numbers behind the verdict
RATING_GOOD = "good"
RATING_REVIEW = "review"
RATING_NO_DATA = "no data"
RATINGS = (RATING_GOOD, RATING_REVIEW, RATING_NO_DATA)
PRINCIPLES_COLUMNS = (PRINCIPLE, TITLE, VALUE, RATING, VERDICT, CONTACTS, DETAILS)

SEGMENTS = (
    "core",
    "occasional",
    "dormant",
    "new",
    "one_way_inbound",
    "one_way_outbound",
    "silent",
)
# The label share mode gives the companies, schools... of groups too small to show
# (netstats.report._share); the company chart leaves it out.
OTHER = "Other"

# ------------------------------------------------ growth
PERIOD = "period"  # start of the period (naive date, like connected_on)
NEW_CONNECTIONS = "new_connections"
TOTAL_CONNECTIONS = "total_connections"  # popularity: connections made by the end of the period
ENGAGED_CONTACTS = "engaged_contacts"  # connections with a two-way exchange by the end of the period
ENGAGED_SHARE = "engaged_share"
NEW_WITH_PERSONAL_NOTE = "new_with_personal_note"
NEW_ENGAGED_90D = "new_engaged_within_90_days"  # of the period's new connections
IS_BURST = "is_burst"

GROWTH_COLUMNS = (
    PERIOD,
    NEW_CONNECTIONS,
    TOTAL_CONNECTIONS,
    ENGAGED_CONTACTS,
    ENGAGED_SHARE,
    NEW_WITH_PERSONAL_NOTE,
    NEW_ENGAGED_90D,
    IS_BURST,
)

# ------------------------------------------------ sample (synthetic exports, netstats.sample._linkedin)
PLANTED_KIND = "planted_kind"  # the segment a synthetic contact was generated to belong to
IS_PITCHER = "is_pitcher"
IS_OWNER_UNANSWERED_OUTREACH = "is_owner_unanswered_outreach"
RECIPIENT_NAMES = "recipient_names"  # the TO cell as written: display names joined with ','
RECIPIENT_URLS = "recipient_urls"  # the RECIPIENT PROFILE URLS cell as written
ATTACHMENTS = "attachments"  # the ATTACHMENTS cell as written
IS_DRAFT = "is_draft"
ROLE = "role"  # 'owner', 'contact' or 'invitation_only'
PERSON = "person"  # the synthetic person behind a platform record (multi-platform sample ground truth)
PHONE = "phone"  # a normalised phone number (one value; PHONES is the list column)

PLANTED_COLUMNS = (
    CONTACT_ID,
    NAME,
    PLANTED_KIND,
    IS_CONNECTION,
    IS_PITCHER,
    IS_OWNER_UNANSWERED_OUTREACH,
    CONFIDED,
    INVITATION_NOTE_KIND,  # the planted note of the latest invitation (NA: no invitation)
)

# ------------------------------------------------ dtypes
STRING = pd.StringDtype()
UTC_TIME = pd.DatetimeTZDtype(unit="ns", tz="UTC")
NAIVE_TIME = "datetime64[ns]"
ID_LIST = pd.ArrowDtype(pa.list_(pa.string()))

DTYPES: dict[str, object] = {
    PLATFORM: STRING,
    RELATIONSHIP: STRING,
    PLATFORMS: STRING,
    TALKED_ON: STRING,
    IS_MULTIPLEX: "bool",
    HANDLE: STRING,
    EMAILS: ID_LIST,
    PHONES: ID_LIST,
    PLATFORM_ID: STRING,
    MATCHED_BY: STRING,
    EVIDENCE: STRING,
    OTHER_ID: STRING,
    DECISION: STRING,
    SCORE: "float64",
    CHANGE: STRING,
    BEFORE: STRING,
    AFTER: STRING,
    SEEN_FROM: UTC_TIME,
    SEEN_TO: UTC_TIME,
    CONTACT_ID: STRING,
    NAME: STRING,
    FIRST_NAME: STRING,
    LAST_NAME: STRING,
    PROFILE_URL: STRING,
    EMAIL: STRING,
    MEMBER_URN: STRING,
    COMPANY: STRING,
    POSITION: STRING,
    CONNECTED_ON: NAIVE_TIME,
    SOURCE_LINE: "int64",
    CONVERSATION_ID: STRING,
    CONVERSATION_TITLE: STRING,
    SENT_AT: UTC_TIME,
    SENDER_ID: STRING,
    SENDER_NAME: STRING,
    SENDER_URL: STRING,
    RECIPIENT_IDS: ID_LIST,
    DIRECTION: STRING,
    IS_GROUP: "bool",
    IS_SPONSORED: "bool",
    SUBJECT: STRING,
    CONTENT: STRING,
    FOLDER: STRING,
    HAS_ATTACHMENT: "bool",
    MESSAGE: STRING,
    NOTE_KIND: STRING,
    IS_CONNECTION: "bool",
    SEEN_IN: STRING,
    FILE: STRING,
    ERA: STRING,
    ROWS_READ: "int64",
    KEPT: "int64",
    EXCLUDED: "int64",
    QUARANTINED: "int64",
    LINE: "int64",
    REASON: STRING,
    RAW: STRING,
    STATUS: STRING,
    PERIOD: NAIVE_TIME,
    NEW_CONNECTIONS: "int64",
    TOTAL_CONNECTIONS: "int64",
    ENGAGED_CONTACTS: "int64",
    ENGAGED_SHARE: "float64",
    NEW_WITH_PERSONAL_NOTE: "int64",
    NEW_ENGAGED_90D: "int64",
    IS_BURST: "bool",
    TENURE_DAYS: "float64",
    N_SENT: "int64",
    N_RECEIVED: "int64",
    N_CONVERSATIONS: "int64",
    N_GROUP_CONVERSATIONS: "int64",
    FIRST_MESSAGE_AT: UTC_TIME,
    LAST_MESSAGE_AT: UTC_TIME,
    DAYS_SINCE_LAST: "float64",
    FIRST_TWO_WAY_AT: UTC_TIME,
    RECIPROCITY: "float64",
    OWNER_REPLY_RATE: "float64",
    CONTACT_REPLY_RATE: "float64",
    OWNER_REPLY_HOURS: "float64",
    CONTACT_REPLY_HOURS: "float64",
    OWNER_STARTED_SHARE: "float64",
    OWNER_WORDS_PER_MESSAGE: "float64",
    CONTACT_WORDS_PER_MESSAGE: "float64",
    TWO_WAY_MONTHS: "int64",
    ACTIVE_MONTHS: "int64",
    RECENT_TWO_WAY_MONTHS: "int64",
    UNANSWERED_INBOUND: "int64",
    UNANSWERED_OUTBOUND: "int64",
    INVITATION_DIRECTION: STRING,
    INVITATION_NOTE_KIND: STRING,
    LOOKS_LIKE_PITCH: "bool",
    N_PITCH_MESSAGES: "int64",
    CONFIDED: "bool",
    CONFIDED_TOPICS: STRING,
    TIE_STRENGTH: "float64",
    STRENGTH_RECENCY: "float64",
    STRENGTH_FREQUENCY: "float64",
    STRENGTH_RECIPROCITY: "float64",
    STRENGTH_DEPTH: "float64",
    STRENGTH_DURATION: "float64",
    STRENGTH_PERSONALISATION: "float64",
    STRENGTH_MULTIPLEX: "float64",
    CAN_VOUCH: "bool",
    SEGMENT: STRING,
    CLUSTER: "int64",
    CLUSTER_LABEL: STRING,
    PROJECTION_X: "float64",
    PROJECTION_Y: "float64",
    PRINCIPLE: STRING,
    TITLE: STRING,
    VALUE: "float64",
    VERDICT: STRING,
    RATING: STRING,
    CONTACTS: "object",
    DETAILS: "object",
    PLANTED_KIND: STRING,
    IS_PITCHER: "bool",
    IS_OWNER_UNANSWERED_OUTREACH: "bool",
    RECIPIENT_NAMES: STRING,
    RECIPIENT_URLS: STRING,
    ATTACHMENTS: STRING,
    IS_DRAFT: "bool",
    ROLE: STRING,
    PERSON: STRING,
    PHONE: STRING,
}


# Invitations keep the file's zone-less times: pass this to empty_frame/conform.
INVITATIONS_DTYPES: dict[str, object] = {SENT_AT: NAIVE_TIME}


def empty_frame(columns: tuple[str, ...], overrides: dict[str, object] | None = None) -> pd.DataFrame:
    """Return an empty DataFrame with ``columns`` in their schema dtypes.

    ``overrides`` maps a column to a dtype that replaces the schema one (for
    example ``{SENT_AT: NAIVE_TIME}`` for invitations).

    Examples
    --------
    >>> empty_frame(LEDGER_COLUMNS).dtypes[ROWS_READ]
    dtype('int64')
    """
    dtypes = {**DTYPES, **(overrides or {})}
    return pd.DataFrame({c: pd.Series([], dtype=dtypes[c]) for c in columns})


def constant(value: str, n: int, index: pd.Index | None = None) -> pd.Series:
    """Return a ``"string"`` Series of ``n`` copies of ``value`` (cheap at millions of rows).

    Examples
    --------
    >>> constant("linkedin", 2).tolist()
    ['linkedin', 'linkedin']
    """
    import numpy as np

    values = pa.array([value], pa.large_string()).take(pa.array(np.zeros(n, dtype=np.int32)))
    return pd.Series(pd.arrays.ArrowStringArray(values), index=index)


def conform(
    frame: pd.DataFrame, columns: tuple[str, ...], overrides: dict[str, object] | None = None
) -> pd.DataFrame:
    """Return ``frame`` with exactly ``columns``, in order, cast to their dtypes.

    Raises ``KeyError`` naming the missing columns: this guards the inside of
    the package, not user input.
    """
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise KeyError(f"internal table lacks columns {missing}")
    dtypes = {**DTYPES, **(overrides or {})}
    out = frame.loc[:, list(columns)].copy()
    for c in columns:
        if str(out[c].dtype) != str(dtypes[c]):
            out[c] = out[c].astype(dtypes[c])
    return out.reset_index(drop=True)
