"""Messenger and Instagram thread files to one frame of messages and one of participants.

Standard ``message_N.json`` files and the end-to-end-encrypted backup's flat
camelCase files are flattened in one pass, then every check runs once over all
messages of a platform.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ... import schema as S
from ..._text import name_keys
from .._archive import SourceFile
from .._decode import MAX_FIELD_CHARS
from ._book import _Book
from ._columns import NOT_AN_OBJECT, TOO_LONG, _get, _instants, _texts
from ._files import E2EE_THREAD
from ._json import _File, _list_under, _shape_error

E2EE_BACKUP_FOLDER = "e2ee_backup"
SECTIONS = ("inbox", "archived_threads", "filtered_threads", "message_requests", "e2ee_cutover")
_MEDIA_KEYS = frozenset({"photos", "videos", "audio_files", "files", "gifs", "sticker", "media"})
_THREAD_FIELDS = {  # standard thread files, and the E2EE backup's camelCase
    False: ("sender_name", "timestamp_ms", "content", "type", "is_unsent"),
    True: ("senderName", "timestamp", "text", "type", "isUnsent"),
}


def _thread_key(src: SourceFile, document: dict, e2ee: bool) -> tuple[str, str | None]:
    """The thread id (folder name, or file stem for the E2EE backup) and its section."""
    parts = src.name.replace("\\", "/").split("/")
    if e2ee:
        return parts[-1].rsplit(".", 1)[0], E2EE_BACKUP_FOLDER
    if len(parts) >= 2:
        section = parts[-3].casefold() if len(parts) >= 3 and parts[-3].casefold() in SECTIONS else None
        return parts[-2], section
    thread_path = document.get("thread_path")
    if isinstance(thread_path, str) and thread_path.strip("/"):
        bits = thread_path.strip("/").split("/")
        return bits[-1], bits[0].casefold() if len(bits) > 1 and bits[0].casefold() in SECTIONS else None
    return parts[-1].rsplit(".", 1)[0], None


def _participants(src: SourceFile, document: dict) -> list[str]:
    people = document.get("participants", [])
    if not isinstance(people, list):
        raise _shape_error(src, "'participants' is not a list", "a list of participants")
    names = [p.get("name") if isinstance(p, dict) else p for p in people]
    return [n.strip() for n in names if isinstance(n, str) and n.strip() and len(n) <= MAX_FIELD_CHARS]


def _thread_frame(files: list[_File], book: _Book) -> tuple[pd.DataFrame, pd.DataFrame]:
    """All usable messages of the thread files (one row each) and the participants (thread, name, key).

    The files are only flattened into plain lists here (one pass over the parsed
    JSON); every check and conversion then runs once over all messages of the
    platform, so a export of thousands of thread folders costs one set of
    column operations, not one per file.
    """
    flat = _flatten_threads(files, book)
    messages = _checked_messages(flat, book)
    per_file, people_thread, people_name = flat.per_file, flat.people_thread, flat.people_name
    # A thread's title is the one of its newest part that has one (parts of one thread share it in practice).
    titles = pd.DataFrame(
        {"thread": per_file["thread"], S.CONVERSATION_TITLE: per_file[S.CONVERSATION_TITLE]}, dtype="string"
    )
    titles = titles.dropna().drop_duplicates("thread")
    messages = messages.drop(columns=S.CONVERSATION_TITLE).merge(titles, on="thread", how="left")
    participants = pd.DataFrame({"thread": people_thread, S.NAME: people_name}, dtype="string")
    participants["key"] = name_keys(participants[S.NAME])
    return messages, participants.dropna(subset=["key"]).reset_index(drop=True)


@dataclass
class _FlatThreads:
    """The thread files as plain lists: one entry per item, per file or per participant."""

    columns: dict[str, list]  # per item: sender, time, text, type, unsent, media
    per_file: dict[str, list]  # per file: file, n (items), thread, folder, title, e2ee
    every_item: list
    people_thread: list[str]
    people_name: list[str]


def _flatten_threads(files: list[_File], book: _Book) -> _FlatThreads:
    """One pass over the parsed JSON of the thread files: their items, files and participants as lists."""
    expected = "a thread: an object with 'participants' and 'messages'"
    columns: dict[str, list] = {"sender": [], "time": [], "text": [], "type": [], "unsent": [], "media": []}
    per_file: dict[str, list] = {
        S.FILE: [],
        "n": [],
        "thread": [],
        S.FOLDER: [],
        S.CONVERSATION_TITLE: [],
        "e2ee": [],
    }
    every_item: list = []
    people_thread: list[str] = []
    people_name: list[str] = []
    for f in files:
        e2ee = f.kind == E2EE_THREAD
        if not isinstance(f.document, dict):
            raise _shape_error(f.src, "the file is not a JSON object", expected)
        items = _list_under(f.src, f.document, ("messages",), expected)
        book.file(f.src.name, "e2ee" if e2ee else f.era, len(items))
        thread, section = _thread_key(f.src, f.document, e2ee)
        title = f.document.get("threadName" if e2ee else "title")
        title = (
            title.strip()
            if isinstance(title, str) and title.strip() and len(title) <= MAX_FIELD_CHARS
            else None
        )
        names = _participants(f.src, f.document)
        people_thread += [thread] * len(names)
        people_name += names
        file_fields = (S.FILE, "n", "thread", S.FOLDER, S.CONVERSATION_TITLE, "e2ee")
        for column, value in zip(
            file_fields, (f.src.name, len(items), thread, section, title, e2ee), strict=True
        ):
            per_file[column].append(value)
        sender_key, time_key, text_key, type_key, unsent_key = _THREAD_FIELDS[e2ee]
        every_item += items
        columns["sender"] += _get(items, sender_key)
        columns["time"] += _get(items, time_key)
        columns["text"] += _get(items, text_key)
        columns["type"] += _get(items, type_key)
        columns["unsent"] += [i.get(unsent_key) is True if isinstance(i, dict) else False for i in items]
        columns["media"] += [
            any(i[k] for k in _MEDIA_KEYS.intersection(i)) if isinstance(i, dict) else False for i in items
        ]

    return _FlatThreads(columns, per_file, every_item, people_thread, people_name)


def _checked_messages(flat: _FlatThreads, book: _Book) -> pd.DataFrame:
    """The usable items as one frame (one column operation per check); the others quarantined, with why."""
    columns, per_file, every_item = flat.columns, flat.per_file, flat.every_item
    counts = np.asarray(per_file["n"], dtype=np.int64)
    file_of = np.repeat(np.arange(len(counts)), counts)
    position = np.arange(len(file_of)) - np.repeat(np.cumsum(counts) - counts, counts)
    is_object = np.fromiter((isinstance(i, dict) for i in every_item), dtype=bool, count=len(every_item))
    senders, bad_sender, long_sender = _texts(columns["sender"])
    at, missing_at, bad_at = _instants(columns["time"], "ms")
    content, bad_content, long_content = _texts(columns["text"])
    kinds, bad_kind, _ = _texts(columns["type"])
    sender_keys = name_keys(senders)
    reasons = np.select(
        [
            ~is_object,
            bad_sender,
            sender_keys.isna().to_numpy(),
            missing_at,
            bad_at,
            bad_content | bad_kind,
            long_sender | long_content,
        ],
        [
            NOT_AN_OBJECT,
            "the sender name is not text",
            "no sender name",
            "no timestamp",
            "timestamp out of range (expected epoch milliseconds)",
            "the text or type is not text",
            TOO_LONG,
        ],
        default="",
    )
    bad = reasons != ""
    file_names = np.asarray(per_file[S.FILE], dtype=object)
    for i in np.unique(file_of[bad]):
        rows = np.flatnonzero(bad & (file_of == i))
        book.quarantine_items(file_names[i], every_item, rows, reasons[rows], lines=position[rows])
    good = ~bad
    of_file = file_of[good]

    def spread(column: str) -> np.ndarray:
        return np.asarray(per_file[column], dtype=object)[of_file]

    messages = pd.DataFrame(
        {
            S.FILE: spread(S.FILE),
            S.SOURCE_LINE: position[good] + 1,
            "thread": spread("thread"),
            S.FOLDER: spread(S.FOLDER),
            S.CONVERSATION_TITLE: spread(S.CONVERSATION_TITLE),
            S.SENDER_NAME: senders[good].array,
            "key": sender_keys[good].array,
            S.SENT_AT: at[good].array,
            S.CONTENT: content[good].array,
            "type": kinds[good].array,
            "unsent": np.asarray(columns["unsent"], dtype=bool)[good],
            S.HAS_ATTACHMENT: np.asarray(columns["media"], dtype=bool)[good],
            "e2ee": np.asarray(per_file["e2ee"], dtype=bool)[of_file],
        }
    )
    text_columns = ["thread", S.FOLDER, S.CONVERSATION_TITLE, S.SENDER_NAME, "key", S.CONTENT, "type", S.FILE]
    messages = messages.astype({**{c: "string" for c in text_columns}, S.SENT_AT: S.UTC_TIME})
    return messages
