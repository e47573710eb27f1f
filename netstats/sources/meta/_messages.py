"""The messages table: ids per thread, exclusions (unsent, system events, backup duplicates), recipients."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ... import schema as S
from ._book import _Book, _Gathered
from ._columns import _id_lists
from ._files import _IG_USERNAME

UNSENT = "unsent message (only a stub remains)"
SYSTEM_EVENTS = {
    "Call": "call record (Meta writes its text; it is not a message)",
    "Subscribe": "system event: someone was added to the group",
    "Unsubscribe": "system event: someone left the group",
}
E2EE_DUPLICATE = "duplicate of a message in the e2ee_cutover section of the standard export"
_THREAD_FOLDER = re.compile(r"^(?P<user>.+)_(?P<id>[0-9]+)$")


def _recipients(
    conv: np.ndarray, sender: np.ndarray, people_conv: np.ndarray, people_id: np.ndarray, n_conv: int
) -> tuple[np.ndarray, np.ndarray]:
    """(message row, person code) pairs: everyone in a message's conversation but its sender.

    No loop per message.

    ``people_conv``/``people_id`` are integer codes, sorted by conversation then id, so each
    message's recipients come out sorted.
    """
    counts = np.bincount(people_conv, minlength=n_conv)
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    per_message = counts[conv]
    message = np.repeat(np.arange(len(conv)), per_message)
    within = np.arange(per_message.sum()) - np.repeat(np.cumsum(per_message) - per_message, per_message)
    candidate = people_id[np.repeat(starts[conv], per_message) + within]
    keep = candidate != sender[message]
    return message[keep], candidate[keep]


def _part_messages(
    messages: pd.DataFrame,
    participants: pd.DataFrame,
    platform: str,
    owner_key: str | None,
    owner_id: str | None,
    got: _Gathered,
) -> tuple[pd.DataFrame, pd.Series]:
    """The messages table and the ids seen in it; kept counts, latest time and names seen go to ``got``."""
    message_frame, message_files, message_ids, names_seen_msgs = _clean_messages(
        messages, participants, platform, owner_key, owner_id, got.book, got.notes
    )
    got.names_seen.extend(names_seen_msgs)
    got.kept.update({k: int(v) for k, v in message_files.value_counts().items()})
    if len(message_frame):
        got.latest.append(message_frame[S.SENT_AT].max())
    return message_frame, message_ids


def _clean_messages(
    messages: pd.DataFrame,
    participants: pd.DataFrame,
    platform: str,
    owner_key: str | None,
    owner_id: str | None,
    book: _Book,
    notes: list[str],
) -> tuple[pd.DataFrame, pd.Series, pd.Series, list[pd.DataFrame]]:
    """Ids, exclusions, recipients and directions of the usable messages of one platform."""
    pairs, ids = _thread_ids(messages, participants, platform, owner_key, owner_id)
    messages = messages.merge(ids, on=["thread", "key"], how="left", validate="many_to_one").rename(
        columns={S.CONTACT_ID: S.SENDER_ID}
    )
    messages, kept = _exclude_messages(messages, book, notes)
    thread_people = _thread_people(ids, participants, messages, owner_id)
    frame, files, recipients = _messages_frame(kept, thread_people, platform, owner_id)
    # the people seen in messages: every sender and recipient of a kept message
    in_messages = pd.concat([frame[S.SENDER_ID], recipients], ignore_index=True).dropna().drop_duplicates()
    named = pairs.merge(ids, on=["thread", "key"], how="left")
    senders_named = messages[[S.SENDER_ID, S.SENDER_NAME]].rename(
        columns={S.SENDER_ID: S.CONTACT_ID, S.SENDER_NAME: S.NAME}
    )
    names_seen = [senders_named.assign(priority=0), named[[S.CONTACT_ID, S.NAME]].assign(priority=1)]
    return frame, files, in_messages.astype("string"), names_seen


def _thread_ids(
    messages: pd.DataFrame,
    participants: pd.DataFrame,
    platform: str,
    owner_key: str | None,
    owner_id: str | None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every (thread, name key, name) seen, and one id per (thread, name key).

    The id is the owner's, an Instagram user name from a 1:1 thread's folder, else the name.
    """
    prefix = S.PLATFORM_ID_PREFIX[platform]
    pairs = pd.concat(
        [
            messages[["thread", "key", S.SENDER_NAME]].rename(columns={S.SENDER_NAME: S.NAME}),
            participants[["thread", "key", S.NAME]],
        ],
        ignore_index=True,
    )
    ids = pairs[["thread", "key"]].drop_duplicates().reset_index(drop=True)
    ids[S.CONTACT_ID] = (prefix + "name:" + ids["key"]).astype("string")
    if platform == S.INSTAGRAM:
        ids[S.CONTACT_ID] = _instagram_ids(ids, owner_key, prefix)
    is_owner = ids["key"].eq(owner_key).fillna(False).to_numpy() if owner_key else np.zeros(len(ids), bool)
    if owner_id is not None:
        ids.loc[is_owner, S.CONTACT_ID] = owner_id
    return pairs, ids


def _exclude_messages(
    messages: pd.DataFrame, book: _Book, notes: list[str]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Exclude unsent stubs, system events and E2EE backup duplicates; all messages and the kept ones."""
    reason = pd.Series(pd.NA, index=messages.index, dtype="string")
    reason = reason.mask(messages["unsent"].to_numpy(), UNSENT)
    for kind, why in SYSTEM_EVENTS.items():
        reason = reason.mask(
            messages["type"].eq(kind).fillna(False).to_numpy() & reason.isna().to_numpy(), why
        )
    messages = _e2ee_duplicates(messages, reason, notes)
    reason = messages.pop("reason")
    dropped = reason.notna().to_numpy()
    book.exclude(messages.loc[dropped, S.FILE], messages.loc[dropped, S.SOURCE_LINE], reason[dropped])
    return messages, messages.loc[~dropped].reset_index(drop=True)


def _thread_people(
    ids: pd.DataFrame, participants: pd.DataFrame, messages: pd.DataFrame, owner_id: str | None
) -> pd.DataFrame:
    """The people of each conversation: participants, every sender (people who left a group) and the owner."""
    thread_people = pd.concat(
        [
            ids.merge(participants[["thread", "key"]].drop_duplicates(), on=["thread", "key"])[
                ["thread", S.CONTACT_ID]
            ],
            messages[["thread", S.SENDER_ID]].rename(columns={S.SENDER_ID: S.CONTACT_ID}),
        ],
        ignore_index=True,
    )
    threads = pd.Index(pd.unique(messages["thread"]))
    if owner_id is not None:
        thread_people = pd.concat(
            [thread_people, pd.DataFrame({"thread": threads, S.CONTACT_ID: owner_id})], ignore_index=True
        )
    # E2EE backup threads that overlap a cutover thread joined it: same people
    conversation_of = messages.drop_duplicates("thread").set_index("thread")["conversation"]
    joined = thread_people["thread"].map(conversation_of)
    thread_people["thread"] = joined.astype(object).where(joined.notna(), thread_people["thread"])
    return (
        thread_people.drop_duplicates()
        .sort_values(["thread", S.CONTACT_ID], kind="stable")
        .reset_index(drop=True)
    )


def _messages_frame(
    kept: pd.DataFrame, thread_people: pd.DataFrame, platform: str, owner_id: str | None
) -> tuple[pd.DataFrame, pd.Series, pd.Series]:
    """The messages table of the kept messages, the file of each row, and every recipient id (a pair each)."""
    prefix = S.PLATFORM_ID_PREFIX[platform]
    convs = pd.Index(sorted(pd.unique(thread_people["thread"])))
    id_vocab = pd.Index(sorted(pd.unique(thread_people[S.CONTACT_ID].dropna())))
    people_conv = convs.get_indexer(thread_people["thread"])
    people_id = id_vocab.get_indexer(thread_people[S.CONTACT_ID])
    kept_conv = convs.get_indexer(kept["conversation"])
    kept_sender = id_vocab.get_indexer(kept[S.SENDER_ID])
    group_size = np.bincount(people_conv, minlength=len(convs))
    rows, recipients = _recipients(kept_conv, kept_sender, people_conv, people_id, len(convs))
    recipient_ids = pd.Series(id_vocab.to_numpy(dtype=object)[recipients], dtype=object)

    n = len(kept)
    frame = pd.DataFrame(
        {
            S.PLATFORM: S.constant(platform, n),
            S.CONVERSATION_ID: (prefix + kept["conversation"]).astype("string"),
            S.CONVERSATION_TITLE: kept[S.CONVERSATION_TITLE],
            S.SENT_AT: kept[S.SENT_AT],
            S.SENDER_ID: kept[S.SENDER_ID],
            S.SENDER_NAME: kept[S.SENDER_NAME],
            S.SENDER_URL: pd.NA,
            S.RECIPIENT_IDS: _id_lists(rows, recipient_ids, n),
            S.DIRECTION: (
                np.where(kept[S.SENDER_ID].eq(owner_id).fillna(False).to_numpy(), S.SENT, S.RECEIVED)
                if n
                else np.array([], dtype=object)
            ),
            S.IS_GROUP: group_size[kept_conv] >= 3 if n else np.array([], dtype=bool),
            S.IS_SPONSORED: np.zeros(n, dtype=bool),
            S.SUBJECT: pd.NA,
            S.CONTENT: kept[S.CONTENT],
            S.FOLDER: kept[S.FOLDER],
            S.HAS_ATTACHMENT: kept[S.HAS_ATTACHMENT].to_numpy(dtype=bool),
            S.SOURCE_LINE: kept[S.SOURCE_LINE].to_numpy(dtype="int64"),
        }
    )
    order = frame.sort_values([S.CONVERSATION_ID, S.SENT_AT, S.SOURCE_LINE], kind="stable").index.to_numpy()
    files = pd.Series(kept[S.FILE].to_numpy()[order], dtype="string")
    return (
        S.conform(frame.iloc[order], S.MESSAGES_COLUMNS),
        files,
        pd.Series(id_vocab.to_numpy(dtype=object)[recipients], dtype="string"),
    )


def _instagram_ids(ids: pd.DataFrame, owner_key: str | None, prefix: str) -> pd.Series:
    """Instagram ids: in a one-to-one thread folder ``<user name>_<id>`` the other person is the user name."""
    folder = ids["thread"].str.extract(_THREAD_FOLDER.pattern)["user"].str.lower()
    others = ids.loc[ids["key"].ne(owner_key).fillna(True).to_numpy()]
    one_to_one = others.groupby("thread", observed=True)["key"].transform("size").eq(1)
    valid = folder.loc[others.index].str.fullmatch(_IG_USERNAME.pattern).fillna(False)
    user = folder.loc[others.index].where(one_to_one & valid)
    out = ids[S.CONTACT_ID].copy()
    direct = user.dropna()
    out.loc[direct.index] = prefix + direct
    # elsewhere (group threads), a display name known as exactly one user name takes it
    known = pd.DataFrame({"key": ids.loc[direct.index, "key"], "user": direct}).drop_duplicates()
    unique = (
        known.groupby("key", observed=True)["user"]
        .agg(lambda u: u.iloc[0] if len(u) == 1 else pd.NA)
        .dropna()
    )
    rest = out.index.difference(direct.index)
    mapped = ids.loc[rest, "key"].map(unique)
    has = mapped.notna()
    out.loc[mapped.index[has.to_numpy()]] = prefix + mapped[has].astype("string")
    return out.astype("string")


def _e2ee_duplicates(messages: pd.DataFrame, reason: pd.Series, notes: list[str]) -> pd.DataFrame:
    """Mark backup messages that repeat an ``e2ee_cutover`` message.

    A backup thread that overlaps a cutover thread joins its conversation.
    """
    messages = messages.assign(reason=reason, conversation=messages["thread"])
    backup = messages["e2ee"].to_numpy(dtype=bool)
    cutover = messages[S.FOLDER].eq("e2ee_cutover").fillna(False).to_numpy() & reason.isna().to_numpy()
    if not backup.any() or not cutover.any():
        return messages
    key = [S.SENDER_ID, S.SENT_AT, "text"]
    with_text = messages.assign(text=messages[S.CONTENT].fillna(""))
    reference = (
        with_text.loc[cutover, [*key, "thread"]]
        .drop_duplicates(key)
        .rename(columns={"thread": "cutover_thread"})
    )
    probe = with_text.loc[backup, key].reset_index().merge(reference, on=key, how="inner").set_index("index")
    if not len(probe):
        return messages
    messages.loc[probe.index, "reason"] = messages.loc[probe.index, "reason"].fillna(E2EE_DUPLICATE)
    overlap = (
        probe.assign(thread=messages.loc[probe.index, "thread"])
        .groupby("thread")["cutover_thread"]
        .agg(lambda t: t.iloc[0] if t.nunique() == 1 else pd.NA)
        .dropna()
    )
    joins = messages["thread"].map(overlap)
    messages["conversation"] = joins.fillna(messages["thread"]).astype("string")
    notes.append(
        f"{len(probe):,} message(s) of the end-to-end-encrypted chat backup are also in the standard "
        "export's e2ee_cutover section; they were counted once."
    )
    return messages
