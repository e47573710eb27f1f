"""Read the raw CSV files of an export into string tables, accounting for every record.

This stage knows the *shape* of each LinkedIn file and nothing of its meaning:

1. decode the bytes (UTF-8 with or without BOM, UTF-16 with BOM, or an
   encoding the user names); a record holding a byte that is not UTF-8 is
   quarantined with its line (the rest of the file is read); lines that all
   end in a lone CR (old Mac files) are read;
2. find the header by its signature (the ``Notes:`` preamble of
   Connections.csv, added in 2021, is recognised and skipped; never a fixed
   number of lines);
3. map columns by normalised name (case, quotes, spaces and underscores do
   not matter: a spreadsheet's ``FirstName`` is ``First Name``); the
   delimiter is the header's: ``,``, ``;`` or tab;
   a required column that is missing, or a header of unknown shape, fails
   loudly naming the file (a first line is described by its shape, never
   quoted: without its header it is a data row);
4. parse every record with pyarrow's CSV reader (quoted commas, doubled quotes
   and real newlines inside fields), sending ragged records to the quarantine
   through ``invalid_row_handler`` without slowing the good ones down;
   columns whose values repeat (``FileSpec.repeated``: conversation ids,
   names, URLs) come out as dictionaries, so each distinct value is cleaned
   once;
5. give each record the physical line it starts on, computed from the
   newlines inside the fields (vectorised), and refuse a file where a missing
   closing quote swallowed the records that follow it.

The file's bytes are never copied: the checks scan them in place, a chunk at a
time, with numpy.  Every value is kept as text, stripped of padding
(:meth:`RawTable.text`, on first use); ``NA``, ``null``, ``None`` stay text.
Typing happens in :mod:`netstats.sources.linkedin._clean`.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from ... import schema as S
from ..._errors import ExportFormatError, value_shape
from .._archive import SourceFile
from .._decode import MAX_FIELD_CHARS, decode_text

_HEADER_SCAN_LINES = 25
_HEADER_SCAN_BYTES = 1 << 16
_PLACEHOLDER = re.compile(r"^\s*no conversations found\s*$", re.IGNORECASE)
_PREAMBLE_FIRST = "notes:"
_PREAMBLE_SENTENCE = '"when exporting your connection data'


@dataclass(frozen=True)
class FileSpec:
    """What identifies one kind of export file, and which of its columns netstats needs."""

    kind: str
    signature: frozenset[str]
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()
    # A record-start pattern (RE2) found after a newline *inside* a field means
    # a quote was left open and the field swallowed the records that follow.
    # ``{sep}`` stands for the file's delimiter and ``{q}`` for the quote around
    # a date holding a comma (see :meth:`swallow_pattern`).
    swallow_probe: str = ""
    # Columns whose values repeat from record to record (a conversation's id,
    # title and people, a sender's name and URL): parsed as dictionaries, so
    # each distinct value is stored, checked and cleaned once.
    repeated: frozenset[str] = frozenset()

    def swallow_pattern(self, delimiter: str) -> str:
        """:attr:`swallow_probe` for this delimiter (``,``, or ``;`` or tab in a spreadsheet re-save).

        A date holding a comma is quoted in a comma file, and need not be in the others.

        Examples
        --------
        >>> print(MESSAGES_2018.swallow_pattern(","))
        \\n[^\\n]*,"\\d{1,2}/\\d{1,2}/\\d{2}, \\d{1,2}:\\d{2} [AP]M",
        >>> print(MESSAGES_2018.swallow_pattern("\\t"))
        \\n[^\\n]*\\t"?\\d{1,2}/\\d{1,2}/\\d{2}, \\d{1,2}:\\d{2} [AP]M"?\\t
        """
        quote = '"' if delimiter == "," else '"?'
        return self.swallow_probe.replace("{sep}", _PATTERN_OF_DELIMITER[delimiter]).replace("{q}", quote)


CONNECTIONS = FileSpec(
    "connections",
    frozenset({"FIRST NAME", "LAST NAME", "CONNECTED ON"}),
    ("FIRST NAME", "LAST NAME", "CONNECTED ON"),
    # A spreadsheet re-save may trim these: left empty, with a note (TRIMMABLE).
    ("URL", "EMAIL ADDRESS", "COMPANY", "POSITION"),
    r"\n[^\n]*{sep}\"?(\d{2} [A-Z][a-z]{2} \d{4}|\d{1,2}/\d{1,2}/\d{2}, \d{1,2}:\d{2} [AP]M)\"?\r?(\n|$)",
)
MESSAGES = FileSpec(
    "messages",
    frozenset({"CONVERSATION ID", "FROM", "DATE", "CONTENT"}),
    ("CONVERSATION ID", "FROM", "TO", "DATE", "CONTENT", "FOLDER"),
    (
        "CONVERSATION TITLE",
        "SENDER PROFILE URL",
        "RECIPIENT PROFILE URLS",
        "SUBJECT",
        "ATTACHMENTS",
        "IS MESSAGE DRAFT",
        "IS CONVERSATION DRAFT",
    ),
    r"\n[^\n]*{sep}\"?\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC\"?{sep}",
    frozenset(
        {
            "CONVERSATION ID",
            "CONVERSATION TITLE",
            "FROM",
            "SENDER PROFILE URL",
            "TO",
            "RECIPIENT PROFILE URLS",
            "SUBJECT",
            "FOLDER",
            "ATTACHMENTS",
            "IS MESSAGE DRAFT",
            "IS CONVERSATION DRAFT",
        }
    ),
)
MESSAGES_2018 = FileSpec(
    "messages",
    frozenset({"FROM", "TO", "DATE", "CONTENT", "DIRECTION", "FOLDER"}),
    ("FROM", "TO", "DATE", "SUBJECT", "CONTENT", "DIRECTION", "FOLDER"),
    (),
    r"\n[^\n]*{sep}{q}\d{1,2}/\d{1,2}/\d{2}, \d{1,2}:\d{2} [AP]M{q}{sep}",
    frozenset({"FROM", "TO", "SUBJECT", "DIRECTION", "FOLDER"}),
)
INVITATIONS = FileSpec(
    "invitations",
    frozenset({"FROM", "TO", "SENT AT", "DIRECTION"}),
    ("FROM", "TO", "SENT AT", "MESSAGE", "DIRECTION"),
    ("INVITERPROFILEURL", "INVITEEPROFILEURL"),
    r"\n[^\n]*{sep}{q}\d{1,2}/\d{1,2}/\d{2}, \d{1,2}:\d{2}\s?[AP]M{q}{sep}",
)
PROFILE = FileSpec(
    "profile",
    frozenset({"FIRST NAME", "LAST NAME", "HEADLINE"}),
    ("FIRST NAME", "LAST NAME"),
    (),
)
# Columns LinkedIn always writes that a spreadsheet re-save may have trimmed away (noted when missing).
TRIMMABLE = {"connections": ("COMPANY", "POSITION")}
# Most specific first: the 2018 messages header is also a subset test.
SPECS: tuple[FileSpec, ...] = (CONNECTIONS, MESSAGES, MESSAGES_2018, INVITATIONS, PROFILE)

_EXPECTED_HEADER = {
    "connections": "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
    "messages": "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,...,"
    "DATE,SUBJECT,CONTENT,FOLDER",
    "invitations": "From,To,Sent At,Message,Direction[,inviterProfileUrl,inviteeProfileUrl]",
    "profile": "First Name,Last Name,...,Headline,...",
}


@dataclass
class RawTable:
    """One export file as text: its records, the source line of each, and what could not be read.

    ``table`` holds the records exactly as parsed (padding included), one
    column per header name netstats knows; :meth:`text` gives a column
    stripped of padding and :attr:`frame` the whole file as a DataFrame.
    Both are built on first use, so a stage that works on the pyarrow
    columns (messages) never pays for a pandas copy of the file.
    """

    file: str
    spec: FileSpec
    table: pa.Table  # columns: normalised header names (large_string), untrimmed
    lines: np.ndarray  # first physical line of each record (int64)
    quarantine: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    header_line: int = 1
    preamble: bool = False
    all_quoted: bool = False
    empty_file: bool = False
    _trimmed: dict[str, pa.ChunkedArray] = field(default_factory=dict, repr=False)
    _padding: dict[str, tuple[np.ndarray, pa.Array]] = field(default_factory=dict, repr=False)
    _frame: pd.DataFrame | None = field(default=None, repr=False)

    @property
    def kind(self) -> str:
        return self.spec.kind

    @property
    def rows_read(self) -> int:
        return self.table.num_rows + len(self.quarantine)

    @property
    def columns(self) -> list[str]:
        """The text columns of :attr:`frame`: the header's, then the spec's columns the header lacks."""
        present = list(self.table.column_names)
        return present + [c for c in self.spec.required + self.spec.optional if c not in present]

    def column(self, name: str) -> pa.ChunkedArray | None:
        """The column as parsed (padding included), or None when the header lacks it.

        A column of ``spec.repeated`` is a dictionary column in one chunk.
        """
        return self.table.column(name) if name in self.table.column_names else None

    def text(self, name: str) -> pa.ChunkedArray | None:
        """The column stripped of padding (an empty value stays ``""``), or None when the header lacks it."""
        if name not in self._trimmed:
            column = self.column(name)
            if column is None:
                return None
            if pa.types.is_dictionary(column.type):  # strip each distinct value once
                column = pa.chunked_array(
                    [
                        pa.DictionaryArray.from_arrays(c.indices, pc.utf8_trim_whitespace(c.dictionary))
                        for c in column.chunks
                    ],
                    pa.dictionary(pa.int32(), pa.large_string()),
                )
                self._trimmed[name] = _as_text(column)
            elif len(self.padding(name)[0]):
                self._trimmed[name] = pc.utf8_trim_whitespace(column)
            else:  # nothing to strip: the parsed column itself, not a copy
                self._trimmed[name] = column
        return self._trimmed[name]

    def padding(self, name: str) -> tuple[np.ndarray, pa.Array]:
        """The records whose value (in a plain text column) may carry padding, and those values stripped.

        Every other value is already its stripped form, so a column is
        stripped by replacing these few values (see :func:`_padded_rows`).
        """
        if name not in self._padding:
            column = self.table.column(name)
            rows = _padded_rows(column)
            stripped = pc.utf8_trim_whitespace(_as_text(pc.take(column, pa.array(rows))))
            self._padding[name] = (
                rows,
                stripped.combine_chunks() if stripped.num_chunks else pa.array([], pa.large_string()),
            )
        return self._padding[name]

    @property
    def frame(self) -> pd.DataFrame:
        """The file as a DataFrame: columns as text (``"string"``, ``NA`` if absent) and ``source_line``."""
        if self._frame is None:
            n = self.table.num_rows
            frame = pd.DataFrame(
                {
                    name: pd.Series(pd.arrays.ArrowStringArray(self.text(name)))
                    if name in self.table.column_names
                    else pd.Series(pd.NA, index=pd.RangeIndex(n), dtype=S.STRING)
                    for name in self.columns
                },
                columns=self.columns,
            )
            frame[S.SOURCE_LINE] = np.asarray(self.lines, dtype=np.int64)
            self._frame = frame
        return self._frame

    def record_texts(self, rows: np.ndarray) -> list[str]:
        """The CSV text of the given records (stripped values, :attr:`columns` order; for the quarantine)."""
        rows = np.asarray(rows, dtype=np.int64)
        if not len(rows):
            return []
        at = pa.array(rows)
        cells = [
            pc.utf8_trim_whitespace(_as_text(pc.take(self.table.column(name), at))).to_pylist()
            if name in self.table.column_names
            else [""] * len(rows)
            for name in self.columns
        ]
        return [_csv_text(list(values), ",") for values in zip(*cells, strict=True)]


def _as_text(column: pa.ChunkedArray | pa.Array) -> pa.ChunkedArray | pa.Array:
    """A text column as plain strings (a dictionary column decoded)."""
    return column.cast(pa.large_string()) if pa.types.is_dictionary(column.type) else column


def _padded_rows(column: pa.ChunkedArray) -> np.ndarray:
    """Rows whose value starts or ends with a space, a control character or a non-ASCII byte.

    Only those can change when stripped (a Unicode space is non-ASCII): the
    test reads two bytes per value, located by the offsets.
    """
    found = [np.zeros(0, dtype=np.int64)]
    start = 0
    for chunk in column.chunks:
        n = len(chunk)
        offsets = np.frombuffer(chunk.buffers()[1], dtype=np.int64)[chunk.offset : chunk.offset + n + 1]
        data = chunk.buffers()[2]
        if n and data is not None:
            text = np.frombuffer(data, dtype=np.uint8)
            filled = np.flatnonzero(offsets[1:] > offsets[:-1])
            first, last = text[offsets[filled]], text[offsets[filled + 1] - 1]
            found.append(filled[(first <= 32) | (first >= 127) | (last <= 32) | (last >= 127)] + start)
        start += n
    return np.concatenate(found)


def _byte_lengths(column: pa.ChunkedArray) -> np.ndarray:
    """Byte length of each value, from the offsets (of the dictionary's values for a dictionary column)."""
    if pa.types.is_dictionary(column.type):
        parts = [
            np.asarray(pc.binary_length(c.dictionary).to_numpy(zero_copy_only=False), dtype=np.int64)[
                c.indices.to_numpy(zero_copy_only=False)
            ]
            for c in column.chunks
        ]
        return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)
    return np.asarray(pc.binary_length(column).to_numpy(), dtype=np.int64)


def normalise_header(cell: str) -> str:
    """Return the comparison form of a header cell.

    Examples
    --------
    >>> normalise_header(' "Connected  On" ')
    'CONNECTED ON'
    >>> normalise_header('inviterProfileUrl')
    'INVITERPROFILEURL'
    """
    return " ".join(cell.replace("\ufeff", "").strip().strip('"').split()).upper()


# ---------------------------------------------------------------- decoding
def _decode(src: SourceFile, encoding: str | None) -> bytes:
    """Return the file as UTF-8 bytes without BOM, or raise with the line of the first bad byte."""
    data, start = _decoded(src, encoding)
    return data[start:] if start else data


def _decoded(src: SourceFile, encoding: str | None) -> tuple[bytes, int]:
    """The file as UTF-8 bytes and where its text starts (after a UTF-8 BOM; the bytes are not copied).

    A UTF-8 file is read as it is (a record holding a byte that is not UTF-8 is
    quarantined later, with its line); a file with a UTF-16 BOM, or in the
    encoding named, goes through :func:`netstats.sources._decode.decode_text`,
    the one meaning of ``encoding=`` every reader shares.
    """
    data = src.data
    if encoding is None and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data, 3 if data.startswith(b"\xef\xbb\xbf") else 0
    # Excel and one real 2022 archive wrote UTF-16 with a BOM (and TABs); a re-save may be cp1252.
    text = decode_text(
        src,
        encoding,
        expected="UTF-8 text, UTF-16 with a byte-order mark, or text in the encoding named",
        fix="use the file from the original download, or pass the encoding the file was saved with to"
        " netstats.load (e.g. encoding='cp1252'; --encoding cp1252)",
    )
    return text.encode("utf-8"), 0


UNDECODABLE = (
    "holds a byte that is not UTF-8 (re-saved in another encoding? pass encoding='cp1252' or the right one)"
)


def _undecodable_replaced(data: bytes, start: int) -> tuple[bytes, np.ndarray]:
    """The file with each run of bytes that are not UTF-8 replaced by U+FFFD, and the lines that held one.

    The check runs at C speed on the bytes in place; only a file that fails
    it is decoded in Python.  The records on those lines are quarantined (a
    single bad byte costs its record, not the file).

    Examples
    --------
    >>> _undecodable_replaced(b"a,b\\nM\\xfcller,x\\nok,y\\n", 0)
    (b'a,b\\nM\\xef\\xbf\\xbdller,x\\nok,y\\n', array([2]))
    """
    offsets = pa.py_buffer(np.array([start, len(data)], dtype=np.int64))
    try:
        pa.Array.from_buffers(pa.large_string(), 1, [None, offsets, pa.py_buffer(data)]).validate(full=True)
        return data, np.zeros(0, dtype=np.int64)
    except pa.ArrowInvalid:
        pass
    fixed = re.sub("[\udc80-\udcff]+", "\ufffd", data[start:].decode("utf-8", "surrogateescape")).encode(
        "utf-8"
    )
    marks = np.array([m.start() for m in re.finditer("\ufffd".encode(), fixed)], dtype=np.int64)
    newlines = np.flatnonzero(np.frombuffer(fixed, dtype=np.uint8) == _LF)
    return data[:start] + fixed, np.unique(np.searchsorted(newlines, marks) + 1)


def _records_holding(lines: np.ndarray, other_starts: np.ndarray, bad_lines: np.ndarray) -> np.ndarray:
    """Mask of the records (starting on ``lines``) that hold one of ``bad_lines``.

    ``other_starts`` are records already set aside.
    """
    out = np.zeros(len(lines), dtype=bool)
    if not len(bad_lines) or not len(lines):
        return out
    starts = np.concatenate([lines, other_starts]).astype(np.int64)
    order = np.argsort(starts, kind="stable")
    at = np.searchsorted(starts[order], bad_lines, side="right") - 1
    record = order[at[at >= 0]]
    out[record[record < len(lines)]] = True
    return out


def _with_lf_line_ends(data: bytes, start: int) -> tuple[bytes, bool]:
    """A file whose lines all end in a lone CR (old Mac line endings) with LF instead, and whether it was one.

    Only a file without a single LF is converted: in a file with LFs, a lone
    CR outside quotes is refused with its line (see ``_refuse_bare_cr``).

    Examples
    --------
    >>> _with_lf_line_ends(b"a,b\\rc,d\\r", 0), _with_lf_line_ends(b"a\\r\\nb", 0)
    ((b'a,b\\nc,d\\n', True), (b'a\\r\\nb', False))
    """
    if data.find(b"\n", start) >= 0 or data.find(b"\r", start) < 0:
        return data, False
    return data.replace(b"\r", b"\n"), True


# ---------------------------------------------------------------- header
@dataclass(frozen=True)
class _Header:
    spec: FileSpec
    names: tuple[str, ...]  # normalised
    line: int  # 1-based
    body_offset: int
    delimiter: str
    preamble: bool
    all_quoted: bool
    skipped: int = 0  # lines before the header that are not LinkedIn's Notes: preamble


# A header cell without its spaces and underscores -> the name netstats knows (a spreadsheet
# re-save may write FirstName, first_name or FIRSTNAME for First Name).
_KNOWN_NAMES = {
    name.replace(" ", ""): name
    for spec in SPECS
    for name in (*spec.signature, *spec.required, *spec.optional)
}
DELIMITERS = (",", ";", "\t")
_PATTERN_OF_DELIMITER = {",": ",", ";": ";", "\t": r"\t"}


def known_header_name(name: str) -> str:
    """The header name netstats knows for a normalised cell whose spaces or underscores a spreadsheet changed.

    Examples
    --------
    >>> known_header_name("FIRSTNAME"), known_header_name("CONNECTED_ON"), known_header_name("NICKNAME")
    ('FIRST NAME', 'CONNECTED ON', 'NICKNAME')
    """
    return _KNOWN_NAMES.get(name.replace(" ", "").replace("_", ""), name)


def line_delimiter(text: str) -> str:
    """The delimiter of a header line: the most frequent of ``,`` ``;`` and tab (a comma on a tie).

    Examples
    --------
    >>> line_delimiter("First Name;Last Name;Connected On"), line_delimiter("a\\tb"), line_delimiter("x")
    (';', '\\t', ',')
    """
    return max(DELIMITERS, key=text.count)


def _match_spec(names: set[str], kind: str | None) -> FileSpec | None:
    for spec in SPECS:
        if (kind in (None, "unknown") or spec.kind == kind) and spec.signature <= names:
            return spec
    return None


def _find_header(src: SourceFile, data: bytes, start: int = 0) -> _Header | None:
    """The header line, searched in the first lines from ``start`` (``body_offset`` counts from ``start``)."""
    head = data[start : start + _HEADER_SCAN_BYTES]
    offset = 0
    seen_first: str | None = None
    skipped = 0
    lines = head.split(b"\n")
    for index, raw in enumerate(lines[:_HEADER_SCAN_LINES]):
        if index == len(lines) - 1 and len(data) - start > len(head):
            break  # possibly cut in the middle
        text = raw.rstrip(b"\r").decode("utf-8", errors="replace")
        line_offset = offset
        offset += len(raw) + 1
        if not text.strip():
            continue
        delimiter = line_delimiter(text)
        try:
            cells = next(csv.reader([text], delimiter=delimiter), [])
        except csv.Error:  # a NUL or a lone CR: not a header line
            cells = []
        names = tuple(known_header_name(normalise_header(c)) for c in cells)
        spec = _match_spec(set(names), src.logical)
        if spec is not None:
            stripped = text.strip()
            all_quoted = all(c.startswith('"') and c.endswith('"') for c in stripped.split(delimiter))
            return _Header(
                spec=spec,
                names=names,
                line=index + 1,
                body_offset=min(line_offset + len(raw) + 1, len(data) - start),
                delimiter=delimiter,
                preamble=seen_first is not None and seen_first.strip().lower() == _PREAMBLE_FIRST,
                all_quoted=all_quoted,
                skipped=skipped,
            )
        if seen_first is None:
            seen_first = text
        if not _is_preamble_line(text):
            skipped += 1
    return None


def _is_preamble_line(text: str) -> bool:
    """Whether a line before the Connections header is LinkedIn's own ``Notes:`` preamble."""
    folded = text.strip().lower()
    return folded == _PREAMBLE_FIRST or folded.startswith(_PREAMBLE_SENTENCE)


def _unrecognised(src: SourceFile, data: bytes) -> ExportFormatError:
    """The header was not found.  The first line is described by its shape only: without its
    header, that line is a data row, and errors never quote a value."""
    first = next((ln for ln in data[:4096].decode("utf-8", "replace").splitlines() if ln.strip()), "")
    fields = len(first.split(line_delimiter(first))) if first else 0
    expected = _EXPECTED_HEADER.get(
        src.logical, "the header of a LinkedIn Connections, messages or Invitations file"
    )
    return ExportFormatError(
        f"the header was not recognised (the first line has {fields} field(s), "
        f"shaped {value_shape(first)!r})",
        file=src.name,
        line=1,
        expected=f"a header like {expected}",
        fix=(
            "give netstats the file as LinkedIn exported it; "
            "if LinkedIn changed the format, please report the header line"
        ),
    )


# ---------------------------------------------------------------- body
# Scans of the raw bytes go a chunk at a time: numpy compares at memory speed
# and no mask the size of the file is ever built.
_SCAN_CHUNK = 1 << 20
_LF, _CR, _QUOTE = ord("\n"), ord("\r"), ord('"')


class _Body:
    """The records after the header: a view of the file's bytes (never copied), the scans the checks need."""

    def __init__(self, data: bytes, start: int, first_line: int, chunk: int | None = None) -> None:
        self.chunk = chunk or _SCAN_CHUNK
        self.data = data
        self.start = start
        self.view = memoryview(data)[start:]
        self.buffer = np.frombuffer(self.view, dtype=np.uint8)
        self.first_line = first_line
        self._per_chunk: dict[int, np.ndarray] = {}

    def __len__(self) -> int:
        return len(self.buffer)

    def tobytes(self) -> bytes:
        """A copy of the body, for the error paths."""
        return self.view.tobytes()

    def ends_with_newline(self) -> bool:
        return len(self) > 0 and int(self.buffer[-1]) == _LF

    def has_text(self) -> bool:
        """Whether the body holds anything but line ends."""
        return re.search(rb"[^\r\n]", self.view) is not None

    def count_per_chunk(self, byte: int) -> np.ndarray:
        """How many ``byte`` each chunk of the body holds (computed once per byte)."""
        if byte not in self._per_chunk:
            buffer = self.buffer
            self._per_chunk[byte] = np.array(
                [
                    np.count_nonzero(buffer[i : i + self.chunk] == byte)
                    for i in range(0, len(buffer), self.chunk)
                ],
                dtype=np.int64,
            )
        return self._per_chunk[byte]

    def count(self, byte: int) -> int:
        return int(self.count_per_chunk(byte).sum())

    def count_before(self, byte: int, offsets: np.ndarray) -> np.ndarray:
        """How many ``byte`` lie before each offset (a loop over the chunks that hold one)."""
        offsets = np.asarray(offsets, dtype=np.int64)
        before_chunk = np.concatenate(([0], np.cumsum(self.count_per_chunk(byte))))
        chunks = offsets // self.chunk
        out = before_chunk[chunks]
        for chunk in np.unique(chunks):
            at = np.flatnonzero(chunks == chunk)
            base = int(chunk) * self.chunk
            found = np.flatnonzero(self.buffer[base : base + self.chunk] == byte) + base
            out[at] += np.searchsorted(found, offsets[at])
        return out

    def line_starts(self, indices: np.ndarray) -> np.ndarray:
        """Byte offset where each 0-based line starts (the body's length for a line past the end)."""
        indices = np.asarray(indices, dtype=np.int64)
        out = np.where(indices <= 0, 0, len(self)).astype(np.int64)
        before_chunk = np.concatenate(([0], np.cumsum(self.count_per_chunk(_LF))))
        ending = indices - 1  # 0-based number of the newline that ends the line before
        inside = np.flatnonzero((indices > 0) & (ending < before_chunk[-1]))
        chunks = np.searchsorted(before_chunk, ending[inside], side="right") - 1
        for chunk in np.unique(chunks):
            at = inside[chunks == chunk]
            base = int(chunk) * self.chunk
            found = np.flatnonzero(self.buffer[base : base + self.chunk] == _LF) + base
            out[at] = found[ending[at] - before_chunk[chunk]] + 1
        return out

    def tail_from_line(self, index: int) -> bytes:
        """The body from its 0-based line ``index`` to the end."""
        return self.view[int(self.line_starts(np.array([index]))[0]) :].tobytes()

    def bare_carriage_returns(self) -> np.ndarray:
        """Offsets of the CRs that are not followed by LF."""
        first = self.data.find(b"\r", self.start)
        if first < 0:  # C-speed; the common case stops here
            return np.zeros(0, dtype=np.int64)
        buffer = self.buffer
        found = []
        begin = (first - self.start) // self.chunk * self.chunk
        for i in range(begin, len(buffer), self.chunk):
            at = np.flatnonzero(buffer[i : i + self.chunk] == _CR) + i
            following = buffer[np.minimum(at + 1, len(buffer) - 1)]
            found.append(at[(following != _LF) | (at + 1 >= len(buffer))])
        return np.concatenate(found).astype(np.int64)


def _unterminated_quote_line(data: bytes) -> int | None:
    """The 1-based line where a quote opens and never closes, when the file has an odd number of quotes.

    Doubled quotes and quoted fields always come in pairs, so an odd count
    means one field is never closed.  Lines that start inside a quoted field
    run to the end of the file from the last line that started outside one:
    that line holds the opening quote.
    """
    if data.count(b'"') % 2 == 0:  # C-speed; the common case stops here
        return None
    buffer = np.frombuffer(data, dtype=np.uint8)
    quotes = np.flatnonzero(buffer == ord('"'))
    newlines = np.flatnonzero(buffer == ord("\n"))
    quotes_before_line_end = np.searchsorted(quotes, newlines)
    starts_inside = np.concatenate(([False], quotes_before_line_end % 2 == 1))
    return int(np.flatnonzero(~starts_inside)[-1]) + 1


def _csv_text(values: list[str], delimiter: str) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="").writerow(values)
    return buffer.getvalue()


def read_table(src: SourceFile, encoding: str | None = None) -> RawTable:
    """Parse one export file into a :class:`RawTable`.

    Parameters
    ----------
    src : SourceFile
        The file's bytes and its name (from :func:`netstats.sources._archive.open_export`).
    encoding : str, optional
        Decode with this encoding instead of detecting UTF-8 / UTF-16.

    Raises
    ------
    ExportFormatError
        Unknown header, missing required column, undecodable bytes, or a quote
        that swallows the records after it.
    """
    data, start = _decoded(src, encoding)
    data, lone_cr = _with_lf_line_ends(data, start)
    data, bad_lines = (
        _undecodable_replaced(data, start) if encoding is None else (data, np.zeros(0, dtype=np.int64))
    )
    empty = _empty_file(src, data, start)
    if empty is not None:
        return empty
    header = _checked_header(src, data, start)
    spec = header.spec
    notes = _header_notes(src, header, lone_cr)
    width = len(header.names)
    table, lines, invalid, invalid_lines, body = _records(src, data, start, header)
    quarantine: list[dict] = [
        {
            S.FILE: src.name,
            S.LINE: int(at),
            S.REASON: f"has {actual} fields where the header has {width}",
            S.RAW: text,
        }
        for (_, text, actual), at in zip(invalid, invalid_lines, strict=True)
    ]
    blank = _blank_lines(table, lines, body)
    if blank.any():
        table = table.filter(pa.array(~blank))
        lines = lines[~blank]

    # A field nobody could have written: quarantine the record, keep the rest.
    too_long = _too_long(table)
    quarantine += _quarantined_records(
        src,
        table,
        lines,
        too_long,
        f"a field is longer than {MAX_FIELD_CHARS:,} characters",
        lambda values: _csv_text([v[:1000] for v in values], header.delimiter) + " [cut]",
    )
    # A byte that is not UTF-8 (shown as U+FFFD): quarantine its record, keep the rest.
    undecodable = _records_holding(lines, np.asarray(invalid_lines, dtype=np.int64), bad_lines) & ~too_long
    quarantine += _quarantined_records(
        src, table, lines, undecodable, UNDECODABLE, lambda values: _csv_text(values, ",")
    )
    set_aside = too_long | undecodable

    names = list(header.names)
    renamed = table.rename_columns([n if n else f"unnamed {i}" for i, n in enumerate(names)])
    selected = renamed.select([n for n in names if n in set(spec.required) | set(spec.optional)])
    if set_aside.any():
        selected = selected.filter(pa.array(~set_aside))
        lines = lines[~set_aside]
    quarantine.sort(key=lambda row: row[S.LINE])
    return RawTable(
        file=src.name,
        spec=spec,
        table=selected,
        lines=np.asarray(lines, dtype=np.int64),
        quarantine=quarantine,
        notes=notes,
        header_line=header.line,
        preamble=header.preamble,
        all_quoted=header.all_quoted,
    )


def _empty_file(src: SourceFile, data: bytes, start: int) -> RawTable | None:
    """The table of a file with no records (blank, or LinkedIn's "No conversations found"), else None."""
    if len(data) - start > 4096:
        return None
    text = data[start:]
    if text.strip() and not _PLACEHOLDER.match(text.decode("utf-8", "replace")):
        return None
    spec = next((s for s in SPECS if s.kind == src.logical), None)
    if spec is None:
        raise _unrecognised(src, text)
    table = pa.table({name: pa.array([], type=pa.large_string()) for name in spec.required + spec.optional})
    return RawTable(
        src.name,
        spec,
        table,
        np.zeros(0, dtype=np.int64),
        notes=[f"{src.name} holds no records"],
        empty_file=True,
    )


def _checked_header(src: SourceFile, data: bytes, start: int) -> _Header:
    """The file's header, found by its signature; a missing required column or a repeated one is refused."""
    header = _find_header(src, data, start)
    if header is None:
        raise _unrecognised(src, data[start : start + 4096])
    missing = [c for c in header.spec.required if c not in header.names]
    if missing:
        raise ExportFormatError(
            f"the header lacks the column(s) {', '.join(missing)}",
            file=src.name,
            line=header.line,
            expected=f"a header like {_EXPECTED_HEADER[header.spec.kind]}",
            fix="give netstats the file as LinkedIn exported it (columns are matched by name, in any order)",
        )
    duplicated = sorted({n for n in header.names if header.names.count(n) > 1 and n})
    if duplicated:
        raise ExportFormatError(
            f"the header repeats the column(s) {', '.join(duplicated)}",
            file=src.name,
            line=header.line,
            fix="remove the repeated column",
        )
    return header


def _header_notes(src: SourceFile, header: _Header, lone_cr: bool) -> list[str]:
    """Notes on the file's shape: old Mac line ends, lines before the header, columns missing or unused."""
    spec = header.spec
    notes = (
        [f"{src.name}: its lines end in a lone CR (old Mac line endings); they were read as line ends"]
        if lone_cr
        else []
    )
    if header.skipped:
        notes.append(
            f"{src.name}: {header.skipped} line(s) before the header on line {header.line} were skipped; "
            "only LinkedIn's Notes: preamble was expected there"
        )
    trimmed = [c.title() for c in TRIMMABLE.get(spec.kind, ()) if c not in header.names]
    if trimmed:
        notes.append(
            f"{src.name}: the column(s) {', '.join(trimmed)} are not in the file "
            "(trimmed by a spreadsheet?); "
            "left empty"
        )
    known = set(spec.required) | set(spec.optional)
    unknown = [n for n in header.names if n not in known and n]
    if unknown:
        notes.append(f"{src.name}: column(s) not used by netstats: {', '.join(unknown)}")
    return notes


def _records(src: SourceFile, data: bytes, start: int, header: _Header):
    """Parse the records under the header: the table, each record's line, the ragged records and their lines.

    A quote left open (which swallows the records after it) and a record
    swallowed into a field are refused here.
    """
    spec = header.spec
    positional = [f"c{i}" for i in range(len(header.names))]
    first_body_line = header.line + 1
    body = _Body(data, start + header.body_offset, first_body_line)
    _refuse_bare_cr(src, body)
    types = {
        c: _DICTIONARY if name in spec.repeated else pa.large_string()
        for c, name in zip(positional, header.names, strict=True)
    }
    if body.has_text():
        table, invalid = _parse(src, data, start, body, header.delimiter, types)
    else:  # a header and nothing else (or blank lines)
        table = pa.table({c: pa.array([], type=t) for c, t in types.items()})
        invalid = []
    newlines = _newlines_in_fields(table, body, invalid)
    if newlines is None:
        # a quote left open at the end swallows even the final line breaks
        _refuse_open_quote(src, body.tobytes(), first_body_line)
        raise AssertionError("netstats bug: the records read do not add up to the lines of the file")
    lines, invalid_lines = _record_lines(
        newlines,
        table.num_rows,
        [number for number, _, _ in invalid],
        [text for _, text, _ in invalid],
        first_body_line,
    )
    # A quote left open runs to the end of the file, so it lies in the last record read.
    last = max([int(at) for at in invalid_lines] + ([int(lines[-1])] if len(lines) else []), default=None)
    if last is not None:
        _refuse_open_quote(src, body.tail_from_line(last - first_body_line), last)
    if spec.swallow_probe:
        _refuse_swallowed(src, header, table, lines, newlines, invalid, invalid_lines)
    return table, lines, invalid, invalid_lines, body


def _refuse_swallowed(
    src: SourceFile, header: _Header, table: pa.Table, lines, newlines, invalid, invalid_lines
):
    """Refuse a file where a field holding a newline holds what looks like the start of a record."""
    pattern = header.spec.swallow_pattern(header.delimiter)
    probe = re.compile(pattern)
    for (_, text, _), at in zip(invalid, invalid_lines, strict=True):
        if "\n" in text and probe.search(text):
            raise _swallowed(src, int(at))
    # Only a field holding a newline can have swallowed a record.
    for name, counts in newlines.items():
        rows = np.flatnonzero(counts)
        hits = pc.match_substring_regex(_as_text(pc.take(table.column(name), pa.array(rows))), pattern)
        if pc.any(hits).as_py():
            first = int(rows[np.flatnonzero(hits.to_numpy(zero_copy_only=False))[0]])
            raise _swallowed(src, int(lines[first]))


def _quarantined_records(
    src: SourceFile, table: pa.Table, lines: np.ndarray, marked: np.ndarray, reason: str, raw
) -> list[dict]:
    """A quarantine row for each record marked: its line, the reason, and its text (``raw(values)``)."""
    rows = []
    columns = table.columns
    for index in np.flatnonzero(marked):
        values = [column[int(index)].as_py() for column in columns]
        rows.append({S.FILE: src.name, S.LINE: int(lines[index]), S.REASON: reason, S.RAW: raw(values)})
    return rows


def _too_long(table: pa.Table) -> np.ndarray:
    """The records holding a field longer than MAX_FIELD_CHARS characters."""
    too_long = np.zeros(table.num_rows, dtype=bool)
    for column in table.columns:
        if pa.types.is_dictionary(column.type) and not any(
            (pc.max(pc.binary_length(c.dictionary)).as_py() or 0) > MAX_FIELD_CHARS for c in column.chunks
        ):
            continue  # no distinct value is that long
        # bytes >= characters: count characters only in the few fields with that many bytes
        long_bytes = np.flatnonzero(_byte_lengths(column) > MAX_FIELD_CHARS)
        if len(long_bytes):
            chars = pc.utf8_length(_as_text(pc.take(column, pa.array(long_bytes)))).to_numpy()
            too_long[long_bytes[chars > MAX_FIELD_CHARS]] = True
    return too_long


# pyarrow parses in blocks; a record longer than a block needs a bigger one.
_BLOCK_BYTES = 1 << 20
_DICTIONARY = pa.dictionary(pa.int32(), pa.large_string())


def _parse(
    src: SourceFile, data: bytes, start: int, body: _Body, delimiter: str, types: dict[str, pa.DataType]
) -> tuple[pa.Table, list[tuple[int | None, str, int]]]:
    """Parse the body with pyarrow; ragged records are skipped and returned as (number, text, n_fields).

    One thread: only a single-threaded read numbers the skipped records among
    the others, and on two cores pyarrow's threads cost about half again the
    CPU time for a little wall time (measured on the 1M-message export).
    The bytes are valid UTF-8 already (:func:`_undecodable_replaced`); the
    chunks of a dictionary column are joined into one, with one dictionary.
    """
    invalid: list[tuple[int | None, str, int]] = []

    def on_invalid(row: pacsv.InvalidRow) -> str:
        invalid.append((row.number, row.text, row.actual_columns))
        return "skip"

    block = _BLOCK_BYTES
    while True:
        invalid.clear()
        try:
            table = pacsv.read_csv(
                pa.BufferReader(pa.py_buffer(body.view)),  # no copy of the bytes
                read_options=pacsv.ReadOptions(column_names=list(types), use_threads=False, block_size=block),
                parse_options=pacsv.ParseOptions(
                    delimiter=delimiter,
                    quote_char='"',
                    double_quote=True,
                    escape_char=False,
                    newlines_in_values=True,
                    ignore_empty_lines=False,
                    invalid_row_handler=on_invalid,
                ),
                convert_options=pacsv.ConvertOptions(
                    column_types=types,
                    strings_can_be_null=False,
                    quoted_strings_can_be_null=False,
                    check_utf8=False,
                ),
            )
        except pa.ArrowInvalid as exc:
            if "straddl" in str(exc) and block < len(body) + 1:
                block = min(
                    block * 16, len(body) + 1
                )  # a record longer than the block: retry with a bigger one
                continue
            _refuse_open_quote(src, body.tobytes(), body.first_line)
            raise ExportFormatError(
                "the file could not be parsed as CSV",
                file=src.name,
                fix="give netstats the file as LinkedIn exported it",
            ) from exc
        table = pa.table(
            {
                name: pa.chunked_array([column.unify_dictionaries().combine_chunks()])
                if pa.types.is_dictionary(column.type)
                else column
                for name, column in zip(table.column_names, table.columns, strict=True)
            }
        )
        return table, invalid


def _newline_counts(column: pa.ChunkedArray) -> np.ndarray:
    """Newlines inside each value of a text column (numpy over each chunk's bytes, located by the offsets).

    A dictionary column counts its distinct values and spreads the counts.
    """
    if pa.types.is_dictionary(column.type):
        parts = [
            _newline_counts(pa.chunked_array([c.dictionary]))[c.indices.to_numpy(zero_copy_only=False)]
            for c in column.chunks
        ]
        return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)
    parts = [np.zeros(0, dtype=np.int64)]
    for chunk in column.chunks:
        n = len(chunk)
        offsets = np.frombuffer(chunk.buffers()[1], dtype=np.int64)[chunk.offset : chunk.offset + n + 1]
        values = chunk.buffers()[2]
        counts = np.zeros(n, dtype=np.int64)
        if n and values is not None and offsets[-1] > offsets[0]:
            text = np.frombuffer(values, dtype=np.uint8)[offsets[0] : offsets[-1]]
            at = np.flatnonzero(text == _LF) + offsets[0]
            if len(at):
                counts = np.bincount(np.searchsorted(offsets, at, side="right") - 1, minlength=n).astype(
                    np.int64
                )
        parts.append(counts)
    return np.concatenate(parts)


def _newlines_in_fields(
    table: pa.Table, body: _Body, invalid: list[tuple[int | None, str, int]]
) -> dict[str, np.ndarray] | None:
    """Newlines in the fields of each parsed record, for the columns that hold any (None: they do not add up).

    The file's newlines are the record separators plus the newlines inside
    fields; columns are counted, largest first, only until the latter are all
    found (most files have none, and 2026 messages only in CONTENT).
    """
    records = table.num_rows + len(invalid)
    if records == 0:
        return {}
    separators = max(records - 1, 0) + (1 if body.ends_with_newline() else 0)
    expected = body.count(_LF) - separators - sum(text.count("\n") for _, text, _ in invalid)
    counts: dict[str, np.ndarray] = {}
    found = 0
    # the largest text columns first; dictionary columns, cheap to count, last
    sizes = {
        name: (0, 0)
        if pa.types.is_dictionary(column.type)
        else (1, pc.sum(pc.binary_length(column)).as_py() or 0)
        for name, column in zip(table.column_names, table.columns, strict=True)
    }
    for name in sorted(sizes, key=sizes.get, reverse=True):
        if found == expected:
            break
        column_counts = _newline_counts(table.column(name))
        total = int(column_counts.sum())
        if total:
            counts[name] = column_counts
            found += total
    if found != expected:
        return None  # the records do not add up to the file: the caller finds out why
    return counts


def _record_lines(
    newlines: dict[str, np.ndarray], n: int, numbers: list[int | None], texts: list[str], first_line: int
) -> tuple[np.ndarray, np.ndarray]:
    """Physical start line of every parsed record, and of every skipped one (vectorised).

    Records follow each other: each takes one line plus the newlines inside its
    fields.  ``numbers`` are the 1-based positions of the skipped records among
    all records (pyarrow's ``InvalidRow.number``).
    """
    m = len(numbers)
    valid_newlines = np.zeros(n, dtype=np.int64)
    for counts in newlines.values():
        valid_newlines += counts
    skipped = np.array([-1 if number is None else number - 1 for number in numbers], dtype=np.int64)
    if m and (skipped.min() < 0 or skipped.max() >= n + m or len(np.unique(skipped)) != m):
        raise AssertionError("netstats bug: pyarrow did not number the skipped records")
    is_skipped = np.zeros(n + m, dtype=bool)
    is_skipped[skipped] = True
    per_record = np.empty(n + m, dtype=np.int64)
    per_record[~is_skipped] = valid_newlines
    per_record[skipped] = [text.count("\n") for text in texts]
    starts = first_line + np.arange(n + m, dtype=np.int64) + np.concatenate(([0], np.cumsum(per_record)[:-1]))
    return starts[~is_skipped], starts[skipped]


def _blank_lines(table: pa.Table, lines: np.ndarray, body: _Body) -> np.ndarray:
    """Mask of the records that are physically empty lines (not records a writer meant; ``,,,`` is one)."""
    empty = np.ones(table.num_rows, dtype=bool)
    for column in table.columns:  # lengths come from the offsets: no scan of the text
        empty &= _byte_lengths(column) == 0
        if not empty.any():
            return empty
    where = np.flatnonzero(empty)
    offsets = body.line_starts(lines[where] - body.first_line)
    first = _byte_at(body, offsets)
    second = _byte_at(body, offsets + 1)
    blank = (first == _LF) | ((first == _CR) & (second == _LF)) | (offsets >= len(body))
    out = np.zeros(table.num_rows, dtype=bool)
    out[where[blank]] = True
    return out


def _byte_at(body: _Body, offsets: np.ndarray) -> np.ndarray:
    """The byte at each offset (NUL past the end)."""
    out = np.zeros(len(offsets), dtype=np.uint8)
    inside = offsets < len(body)
    out[inside] = body.buffer[offsets[inside]]
    return out


def _refuse_open_quote(src: SourceFile, body: bytes, first_line: int) -> None:
    open_line = _unterminated_quote_line(body)
    if open_line is not None:
        raise ExportFormatError(
            "a quoted field opens here and is never closed, so it would swallow every record after it",
            file=src.name,
            line=first_line + open_line - 1,
            expected='every " that opens a field to be closed by another "',
            fix="restore the file from the original download (a text editor or spreadsheet may have cut it)",
        )


def _refuse_bare_cr(src: SourceFile, body: _Body) -> None:
    """A carriage return alone, outside quotes, would split a record in two: refuse it with its line."""
    bare = body.bare_carriage_returns()
    if not len(bare):
        return
    outside = bare[body.count_before(_QUOTE, bare) % 2 == 0]
    if len(outside):
        raise ExportFormatError(
            "a carriage return (CR) alone ends a line here, outside quotes, "
            "which would split a record in two",
            file=src.name,
            line=body.first_line + int(body.count_before(_LF, outside[:1])[0]),
            expected="lines that end in LF or CRLF, as LinkedIn writes them",
            fix="restore the file from the original download, or convert its line endings to LF",
        )


def _swallowed(src: SourceFile, line: int) -> ExportFormatError:
    return ExportFormatError(
        "a quoted field starting at or before this line runs on over the records that follow it "
        "(a quote is missing or extra)",
        file=src.name,
        line=line,
        expected="each record's quoted fields to close on the same record",
        fix="restore the file from the original download; if you edited it, check the quotes on this line",
    )
