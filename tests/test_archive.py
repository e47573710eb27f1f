"""Tests of the safe export opener (netstats/sources/_archive.py).

Every hostile archive is generated here, never committed.  Fixture ids follow
research/threats.md (ZIP-1 ... ZIP-6).
"""

from __future__ import annotations

import datetime
import io
import os
import random
import stat
import struct
import time
import tracemalloc
import warnings
import zipfile
import zlib
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import netstats
from netstats import schema as S
from netstats._errors import (
    ExportFormatError,
    NetstatsError,
    NotAnExportError,
    ParameterError,
    UnsafeArchiveError,
)
from netstats.sources._archive import (
    REASON_NESTED,
    REASON_NOT_REGULAR,
    REASON_NOT_USED,
    REASON_SYMLINK,
    ArchiveLimits,
    OpenedExport,
    SourceFile,
    unsafe_name_reason,
)
from netstats.sources.linkedin import open_export
from netstats.sources.linkedin._files import export_date_from, logical_name

CONNECTIONS = (
    b'Notes:\n"When exporting your connection data..."\n\n'
    b"First Name,Last Name,URL\nAnn,Lee,https://www.linkedin.com/in/ann"  # no final newline, like LinkedIn
)
MESSAGES = b"CONVERSATION ID,FROM,TO,DATE,CONTENT\n2-a==,Ann,Bo,2025-12-09 03:48:41 UTC,hi\n"
INVITATIONS = b'\xef\xbb\xbfFrom,To,Sent At,Message,Direction\r\nAnn,Bo,"12/1/25, 9:00 AM",,OUTGOING\r\n'
PROFILE = "First Name,Last Name\nJürgen,Ö\n".encode("utf-16")  # bytes come back exactly as stored

EXPORT = {
    "Connections.csv": CONNECTIONS,
    "messages.csv": MESSAGES,
    "Invitations.csv": INVITATIONS,
    "Profile.csv": PROFILE,
    "Skills.csv": b"Name\nPython\n",
}


# ---------------------------------------------------------------- helpers
def archive_zip(path: Path, members, compression=zipfile.ZIP_DEFLATED) -> Path:
    """Write ``members`` ((name, bytes) pairs or a dict) to a zip at ``path``; names are kept verbatim."""
    items = members.items() if isinstance(members, dict) else members
    with zipfile.ZipFile(path, "w", compression) as zf:
        for name, data in items:
            info = zipfile.ZipInfo(name, date_time=(2025, 12, 24, 0, 0, 0))
            info.compress_type = compression
            if name.endswith("/"):
                info.external_attr = (stat.S_IFDIR | 0o755) << 16
            zf.writestr(info, data)
    return path


def archive_bytes(members, compression=zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    items = members.items() if isinstance(members, dict) else members
    with zipfile.ZipFile(buf, "w", compression) as zf:
        for name, data in items:
            zf.writestr(
                zipfile.ZipInfo(name, date_time=(2025, 12, 24, 0, 0, 0)), data, compress_type=compression
            )
    return buf.getvalue()


# (central directory offset, local header offset, struct format) of the header fields we patch
_FIELDS = {
    "flag_bits": (8, 6, "<H"),
    "compress_type": (10, 8, "<H"),
    "crc": (16, 14, "<L"),
    "compress_size": (20, 18, "<L"),
    "file_size": (24, 22, "<L"),
}


def archive_patch(raw: bytes, name: str, **values: int) -> bytes:
    """Overwrite header fields of member ``name`` in both its central and local headers."""
    buf = bytearray(raw)
    with zipfile.ZipFile(io.BytesIO(raw)) as zf:
        position, infos = zf.start_dir, zf.infolist()
    for info in infos:
        n, m, k = struct.unpack_from("<3H", buf, position + 28)
        if info.orig_filename == name:
            for field_name, value in values.items():
                central, local, fmt = _FIELDS[field_name]
                struct.pack_into(fmt, buf, position + central, value)
                struct.pack_into(fmt, buf, info.header_offset + local, value)
        position += 46 + n + m + k
    return bytes(buf)


def archive_local_header(name: bytes, crc: int, csize: int, usize: int, method: int = 8) -> bytes:
    return (
        struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, method, 0, 33, crc, csize, usize, len(name), 0) + name
    )


def archive_central_entry(
    name: bytes, crc: int, csize: int, usize: int, offset: int, method: int = 8
) -> bytes:
    return (
        struct.pack(
            "<4s6H3L5H2L",
            b"PK\x01\x02",
            20,
            20,
            0,
            method,
            0,
            33,
            crc,
            csize,
            usize,
            len(name),
            0,
            0,
            0,
            0,
            0,
            offset,
        )
        + name
    )


def archive_end(entries: int, cd_size: int, cd_offset: int) -> bytes:
    return struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, entries, entries, cd_size, cd_offset, 0)


def seen_rows(opened: OpenedExport) -> list[tuple]:
    return [
        (r.file, r.status, None if pd.isna(r.reason) else r.reason)
        for r in opened.seen.itertuples(index=False)
    ]


def loaded(opened: OpenedExport) -> list[tuple[str, str, bytes]]:
    return [(f.logical, f.name, f.data) for f in opened.files]


def tree(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*"))


EXPECTED_FILES = [
    ("connections", "Connections.csv", CONNECTIONS),
    ("invitations", "Invitations.csv", INVITATIONS),
    ("messages", "messages.csv", MESSAGES),
    ("profile", "Profile.csv", PROFILE),
]


# ---------------------------------------------------------------- valid exports
def test_zip_at_root_loads_the_recognised_files_and_lists_every_member(tmp_path):
    members = {
        **EXPORT,
        "Jobs/": b"",
        "Articles/Articles/post.html": b"<p>x</p>",
        "coach_messages.csv": b"x\n",
    }
    opened = open_export(archive_zip(tmp_path / "Basic_LinkedInDataExport_12-24-2025.zip", members))

    assert loaded(opened) == EXPECTED_FILES
    assert seen_rows(opened) == [
        ("Connections.csv", "loaded", None),
        ("messages.csv", "loaded", None),
        ("Invitations.csv", "loaded", None),
        ("Profile.csv", "loaded", None),
        ("Skills.csv", "ignored", REASON_NOT_USED),
        ("Articles/Articles/post.html", "ignored", REASON_NOT_USED),
        ("coach_messages.csv", "ignored", REASON_NOT_USED),
    ]  # the directory entry 'Jobs/' is not a row
    assert list(opened.seen.columns) == list(S.FILES_COLUMNS)
    assert list(opened.seen.dtypes) == [S.STRING] * 3
    assert opened.export_date == datetime.date(2025, 12, 24)
    assert opened.source == str(tmp_path / "Basic_LinkedInDataExport_12-24-2025.zip")


def test_stored_members_and_a_pathlike_or_str_path(tmp_path):
    path = archive_zip(tmp_path / "x.zip", EXPORT, compression=zipfile.ZIP_STORED)
    assert loaded(open_export(str(path))) == EXPECTED_FILES
    assert loaded(open_export(path)) == EXPECTED_FILES


def test_zip_with_the_files_one_folder_down(tmp_path):
    folder = "Complete_LinkedInDataExport_08-26-2025/"
    opened = open_export(
        archive_zip(tmp_path / "export.zip", {folder: b"", **{folder + k: v for k, v in EXPORT.items()}})
    )

    assert loaded(opened) == [(logical, folder + name, data) for logical, name, data in EXPECTED_FILES]
    assert opened.export_date == datetime.date(2025, 8, 26)  # from the folder inside the renamed zip


@pytest.mark.parametrize(
    "name",
    ["linkedin-backup", "Complete_LinkedInDataExport_08-26-2025.zip.zip", "export (1).ZIP", "data.csv"],
)
def test_a_renamed_zip_is_recognised_by_its_content(tmp_path, name):
    opened = open_export(archive_zip(tmp_path / name, EXPORT))
    assert loaded(opened) == EXPECTED_FILES
    expected_date = datetime.date(2025, 8, 26) if "08-26-2025" in name else None
    assert opened.export_date == expected_date


def test_unzipped_folder_with_files_at_the_top_and_one_folder_down(tmp_path):
    root = tmp_path / "Basic_LinkedInDataExport_12-24-2025.zip"  # a folder named like the zip
    (root / "Data").mkdir(parents=True)
    for name, data in EXPORT.items():
        target = root / ("Data/" + name if name == "messages.csv" else name)
        target.write_bytes(data)
    (root / "Data" / "Company Follows.csv").write_bytes(b"x\n")

    opened = open_export(root)
    assert loaded(opened) == [
        ("connections", "Connections.csv", CONNECTIONS),
        ("invitations", "Invitations.csv", INVITATIONS),
        ("messages", "Data/messages.csv", MESSAGES),
        ("profile", "Profile.csv", PROFILE),
    ]
    assert seen_rows(opened) == [
        ("Connections.csv", "loaded", None),
        ("Data/Company Follows.csv", "ignored", REASON_NOT_USED),
        ("Data/messages.csv", "loaded", None),
        ("Invitations.csv", "loaded", None),
        ("Profile.csv", "loaded", None),
        ("Skills.csv", "ignored", REASON_NOT_USED),
    ]
    assert opened.export_date == datetime.date(2025, 12, 24)


@pytest.mark.parametrize(
    ("name", "logical"),
    [("Connections.csv", "connections"), ("Messages.csv", "messages"), ("my contacts.csv", "unknown")],
)
def test_a_single_csv_file(tmp_path, name, logical):
    folder = tmp_path / "Complete_LinkedInDataExport_09-12-2022 (1)"
    folder.mkdir()
    (folder / name).write_bytes(CONNECTIONS)

    opened = open_export(folder / name)
    assert loaded(opened) == [(logical, name, CONNECTIONS)]
    assert seen_rows(opened) == [(name, "loaded", None)]
    assert opened.export_date == datetime.date(2022, 9, 12)  # from the parent folder


def test_source_file_repr_leaves_the_bytes_out():
    assert (
        repr(SourceFile("messages", "messages.csv", b"secret"))
        == "SourceFile(logical='messages', name='messages.csv', family='linkedin')"
    )


# ---------------------------------------------------------------- names and dates
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Connections.csv", "connections"),
        ("connections.csv", "connections"),
        ("Export/Sub/CONNECTIONS.CSV", "connections"),
        ("Messages.csv", "messages"),
        ("messages.csv", "messages"),
        ("Invitations.csv", "invitations"),
        ("Profile.csv", "profile"),
        ("Profile Summary.csv", None),
        ("coach_messages.csv", None),
        ("guide_messages.csv", None),
        ("learning_coach_messages.csv", None),
        ("LearningCoachMessages.csv", None),
        ("Company_Follows.csv", None),
        ("__MACOSX/._Connections.csv", None),
        ("Connections (1).csv", None),
        ("Connections.csv.zip", None),
        ("Connections", None),
    ],
)
def test_logical_name(name, expected):
    assert logical_name(name) == expected


@given(
    st.lists(st.tuples(st.booleans(), st.sampled_from(["", "", " ", "_", "__ "])), min_size=11, max_size=11),
    st.sampled_from([".csv", ".CSV", ".Csv"]),
)
def test_logical_name_ignores_case_spaces_and_underscores(decorations, suffix):
    name = "".join(
        (c.upper() if upper else c) + sep for c, (upper, sep) in zip("connections", decorations, strict=True)
    )
    assert logical_name("Folder/" + name + suffix) == "connections"


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz-", min_size=1, max_size=12))
def test_a_prefix_makes_a_different_file(prefix):
    assert logical_name(prefix + "_messages.csv") is None


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["Basic_LinkedInDataExport_12-24-2025.zip"], datetime.date(2025, 12, 24)),
        (["Complete_LinkedInDataExport_08-26-2025.zip.zip"], datetime.date(2025, 8, 26)),
        (["Complete_LinkedInDataExport_09-12-2022 (1)"], datetime.date(2022, 9, 12)),
        (["LinkedInDataExport_07-28-2015"], datetime.date(2015, 7, 28)),
        (["linkedindataexport_02-29-2024"], datetime.date(2024, 2, 29)),
        (["export.zip", "Downloads"], None),
        (["Basic_LinkedInDataExport_02-30-2025.zip"], None),  # no such day
        (["Basic_LinkedInDataExport_2025-12-24.zip"], None),  # not LinkedIn's order
        (["LinkedInDataExport_13-01-2025", "Basic_LinkedInDataExport_01-02-2026"], datetime.date(2026, 1, 2)),
    ],
)
def test_export_date_from(names, expected):
    assert export_date_from(names) == expected


def test_export_date_is_none_without_a_dated_name(tmp_path):
    assert open_export(archive_zip(tmp_path / "export.zip", EXPORT)).export_date is None


def test_export_date_from_the_folder_that_holds_a_renamed_zip(tmp_path):
    folder = tmp_path / "Basic_LinkedInDataExport_12-24-2025"
    folder.mkdir()
    assert open_export(archive_zip(folder / "export.zip", EXPORT)).export_date == datetime.date(2025, 12, 24)


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("../../.bashrc", "unsafe name: a '..' component"),
        ("Export/../../Connections.csv", "unsafe name: a '..' component"),
        ("/etc/cron.d/x", "unsafe name: an absolute path"),
        ("C:\\Users\\x\\evil.csv", "unsafe name: a drive letter"),
        ("c:evil.csv", "unsafe name: a drive letter"),
        ("..\\..\\evil.csv", "unsafe name: a backslash"),
        ("Connections.csv\x00../x", "unsafe name: a NUL character"),
        ("", "unsafe name: empty"),
        ("Export/Connections.csv", None),
        ("..data/x..csv", None),
    ],
)
def test_unsafe_name_reason(name, reason):
    assert unsafe_name_reason(name) == reason


# ---------------------------------------------------------------- ZIP-1: zip slip
def test_zip1_unsafe_names_are_listed_never_opened_and_nothing_is_written(tmp_path, monkeypatch):
    sandbox = tmp_path / "sandbox"
    work = sandbox / "work" / "deep"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)  # an extraction relative to the working folder would land inside the sandbox
    raw = archive_bytes(
        [
            ("../../.bashrc", b"echo pwned\n"),
            ("/etc/cron.d/x", b"* * * * * root sh\n"),
            ("C:\\Users\\x\\evil.csv", b"x\n"),
            ("../Connections.csv", b"evil,rows\n"),
            ("Connections.csv#../x", b"evil,rows\n"),
            ("Connections.csv", CONNECTIONS),
            ("messages.csv", MESSAGES),
        ]
    )
    raw = raw.replace(b"Connections.csv#../x", b"Connections.csv\x00../x")  # zipfile cannot write a NUL
    raw = archive_patch(raw, "../Connections.csv", crc=0)  # opening it would now fail its CRC check
    archive = sandbox / "export.zip"
    archive.write_bytes(raw)
    before = tree(tmp_path)

    opened = open_export(archive)

    assert tree(tmp_path) == before
    assert loaded(opened) == [
        ("connections", "Connections.csv", CONNECTIONS),
        ("messages", "messages.csv", MESSAGES),
    ]
    assert seen_rows(opened) == [
        ("../../.bashrc", "unsafe", "unsafe name: a '..' component"),
        ("/etc/cron.d/x", "unsafe", "unsafe name: an absolute path"),
        ("C:\\Users\\x\\evil.csv", "unsafe", "unsafe name: a drive letter"),
        ("../Connections.csv", "unsafe", "unsafe name: a '..' component"),
        ("Connections.csv\x00../x", "unsafe", "unsafe name: a NUL character"),
        ("Connections.csv", "loaded", None),
        ("messages.csv", "loaded", None),
    ]


def test_zip1_a_symlink_member_is_unsafe_and_not_read(tmp_path):
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("Connections.csv", CONNECTIONS)
        link = zipfile.ZipInfo("Invitations.csv")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(link, "/etc/passwd")
    opened = open_export(path)
    assert loaded(opened) == [("connections", "Connections.csv", CONNECTIONS)]
    assert seen_rows(opened) == [
        ("Connections.csv", "loaded", None),
        ("Invitations.csv", "unsafe", REASON_SYMLINK),
    ]


# ---------------------------------------------------------------- ZIP-2: bombs and lies
def test_zip2a_a_ratio_bomb_is_refused_before_inflating(tmp_path):
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("Connections.csv", CONNECTIONS)
        zf.writestr("messages.csv", b"A" * 50_000_000)  # about 48 KB deflated, 1029:1
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(
            UnsafeArchiveError,
            match=r"messages\.csv: file rejected: compression ratio 1,0\d\d:1 is above the cap of 100:1",
        ):
            open_export(path)
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert elapsed < 2.0
    assert peak < 5_000_000  # inflating would allocate 50 MB


def test_zip2a_declared_data_without_compressed_bytes_is_an_infinite_ratio(tmp_path):
    raw = archive_bytes({"Connections.csv": CONNECTIONS}, compression=zipfile.ZIP_STORED)
    (tmp_path / "x.zip").write_bytes(archive_patch(raw, "Connections.csv", compress_size=0))
    with pytest.raises(UnsafeArchiveError, match=r"ratio inf:1"):
        open_export(tmp_path / "x.zip")


def test_zip2a_the_ratio_cap_is_a_parameter(tmp_path):
    path = archive_zip(tmp_path / "x.zip", {"messages.csv": b"A" * 100_000})
    assert loaded(open_export(path, limits=ArchiveLimits(max_ratio=2000.0))) == [
        ("messages", "messages.csv", b"A" * 100_000)
    ]
    with pytest.raises(UnsafeArchiveError, match="ratio"):
        open_export(path)


def test_zip2b_too_many_entries(tmp_path):
    names = [f"f{i}.csv".encode() for i in range(20_000)]  # empty stored files, written raw for speed
    body = b"".join(archive_local_header(name, 0, 0, 0, method=0) for name in names)
    offsets = [0]
    for name in names[:-1]:
        offsets.append(offsets[-1] + 30 + len(name))
    central = b"".join(
        archive_central_entry(n, 0, 0, 0, o, method=0) for n, o in zip(names, offsets, strict=True)
    )
    raw = body + central + archive_end(len(names), len(central), len(body))
    with zipfile.ZipFile(io.BytesIO(raw)) as zf:
        assert len(zf.infolist()) == 20_000 and zf.read("f19999.csv") == b""  # a well-formed zip
    path = tmp_path / "export.zip"
    path.write_bytes(raw)
    started = time.perf_counter()
    with pytest.raises(
        UnsafeArchiveError, match=r"export\.zip: archive rejected: more than 10,000 entries \(the cap\)"
    ):
        open_export(path, limits=ArchiveLimits(max_entries=10_000))
    assert time.perf_counter() - started < 2.0


def test_zip2b_the_entry_cap_counts_what_the_directory_holds_not_what_it_claims(tmp_path):
    raw = archive_bytes([("Connections.csv", CONNECTIONS), ("Jobs/", b""), ("a.csv", b""), ("b.csv", b"")])
    lying = raw[:-14] + struct.pack("<2H", 1, 1) + raw[-10:]  # the end record claims 1 entry
    (tmp_path / "x.zip").write_bytes(lying)
    with pytest.raises(UnsafeArchiveError, match="more than 3 entries"):
        open_export(tmp_path / "x.zip", limits=ArchiveLimits(max_entries=3))
    assert len(loaded(open_export(tmp_path / "x.zip", limits=ArchiveLimits(max_entries=4)))) == 1


def test_zip2b_member_and_total_size_caps(tmp_path):
    path = archive_zip(tmp_path / "x.zip", {"Connections.csv": CONNECTIONS, "messages.csv": MESSAGES})
    with pytest.raises(
        UnsafeArchiveError, match=rf"Connections\.csv: file rejected: {len(CONNECTIONS)} bytes"
    ):
        open_export(path, limits=ArchiveLimits(max_member_bytes=len(CONNECTIONS) - 1))
    total = len(CONNECTIONS) + len(MESSAGES)
    with pytest.raises(
        UnsafeArchiveError, match=rf"add up to {total} bytes, more than the cap of {total - 1}"
    ):
        open_export(path, limits=ArchiveLimits(max_total_bytes=total - 1))
    assert (
        len(
            open_export(
                path, limits=ArchiveLimits(max_member_bytes=len(CONNECTIONS), max_total_bytes=total)
            ).files
        )
        == 2
    )


def _text_payload(size: int) -> bytes:
    return random.Random(0).randbytes(size // 2).hex().encode()  # about 2:1 under deflate


@pytest.mark.parametrize(
    ("compression", "lie"),
    [
        (zipfile.ZIP_DEFLATED, {"file_size": 1000}),  # 1 MB of data behind a 1,000-byte claim
        (zipfile.ZIP_DEFLATED, {"file_size": 1_200_000}),  # claims more than there is
        (zipfile.ZIP_DEFLATED, {"crc": 0}),
        (zipfile.ZIP_STORED, {"file_size": 1000}),
        (zipfile.ZIP_STORED, {"crc": 0}),
    ],
)
def test_zip2c_a_lying_header_is_a_clear_refusal(tmp_path, compression, lie):
    payload = _text_payload(1_000_000)
    raw = archive_bytes({"Connections.csv": CONNECTIONS, "messages.csv": payload}, compression=compression)
    (tmp_path / "x.zip").write_bytes(archive_patch(raw, "messages.csv", **lie))
    with pytest.raises(UnsafeArchiveError, match=r"^messages\.csv: file rejected: .*corrupt") as info:
        open_export(tmp_path / "x.zip")
    assert not isinstance(info.value, zipfile.BadZipFile)


# ---------------------------------------------------------------- ZIP-3: overlapping entries
def _quoted_overlap_bomb(names: list[bytes], payload: bytes) -> bytes:
    """Fifield's quoted-overlap construction: entry i's deflate stream quotes entry i+1's local header
    in a stored block, then runs on into entry i+1's data; every entry ends in one shared kernel."""
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    kernel = deflate.compress(payload) + deflate.flush()
    data, plain = kernel, payload
    headers: list[bytes] = []
    for name in reversed(names):
        header = archive_local_header(name, zlib.crc32(plain), len(data), len(plain))
        headers.insert(0, header)
        if name is not names[0]:
            quote = struct.pack("<BHH", 0, len(header), len(header) ^ 0xFFFF)  # non-final stored block
            data, plain = quote + header + data, header + plain
    body = headers[0] + data
    central, offset = b"", 0
    for name, header in zip(names, headers, strict=True):
        crc, csize, usize = struct.unpack_from("<3L", header, 14)
        central += archive_central_entry(name, crc, csize, usize, offset)
        offset += len(header) + 5  # the next local header follows this one's 5-byte quote
    return body + central + archive_end(len(names), len(central), len(body))


def test_zip3_quoted_overlap_bomb_is_refused(tmp_path):
    names = [b"Connections.csv", b"messages.csv", b"Invitations.csv", b"Profile.csv"]
    payload = _text_payload(200_000)
    raw = _quoted_overlap_bomb(names, payload)
    # The construction is a working bomb: every entry inflates (raw deflate) through the shared kernel.
    with zipfile.ZipFile(io.BytesIO(raw)) as zf:
        infos = zf.infolist()
    inflated = 0
    for info in infos:
        start = info.header_offset + 30 + len(info.orig_filename)
        plain = zlib.decompressobj(-15).decompress(raw[start : start + info.compress_size])
        assert len(plain) == info.file_size and zlib.crc32(plain) == info.CRC and plain.endswith(payload)
        inflated += len(plain)
    assert inflated > 3 * len(raw)
    (tmp_path / "bomb.zip").write_bytes(raw)

    with pytest.raises(UnsafeArchiveError, match=r"bomb\.zip: archive rejected: overlapping entries") as info:
        open_export(tmp_path / "bomb.zip", limits=ArchiveLimits(max_ratio=1e9))
    assert "'Connections.csv' runs into the next entry" in str(info.value)


def test_zip3_two_directory_entries_sharing_one_local_header_are_refused(tmp_path):
    connections = zlib.compressobj(6, zlib.DEFLATED, -15)
    packed = connections.compress(CONNECTIONS) + connections.flush()
    first = (
        archive_local_header(b"Connections.csv", zlib.crc32(CONNECTIONS), len(packed), len(CONNECTIONS))
        + packed
    )
    skills = archive_local_header(b"Skills.csv", zlib.crc32(b"x\n"), 2, 2, method=0) + b"x\n"
    body = first + skills
    central = (
        archive_central_entry(b"Connections.csv", zlib.crc32(CONNECTIONS), len(packed), len(CONNECTIONS), 0)
        + archive_central_entry(b"Skills.csv", zlib.crc32(b"x\n"), 2, 2, len(first), method=0)
        + archive_central_entry(b"Endorsements.csv", zlib.crc32(b"x\n"), 2, 2, len(first), method=0)
    )
    raw = body + central + archive_end(3, len(central), len(body))
    (tmp_path / "x.zip").write_bytes(raw)
    with pytest.raises(UnsafeArchiveError, match="overlapping entries"):
        open_export(tmp_path / "x.zip")  # even though neither shared entry would be read
    # Without the third entry the same bytes are a valid export.
    central_ok = central[: -(46 + len(b"Endorsements.csv"))]
    (tmp_path / "ok.zip").write_bytes(body + central_ok + archive_end(2, len(central_ok), len(body)))
    assert loaded(open_export(tmp_path / "ok.zip")) == [("connections", "Connections.csv", CONNECTIONS)]


# ---------------------------------------------------------------- ZIP-4 / ZIP-5: ambiguity
def test_zip4_two_entries_with_the_same_name_are_ambiguous(tmp_path):
    path = tmp_path / "x.zip"
    with pytest.warns(UserWarning, match="Duplicate name"), zipfile.ZipFile(path, "w") as zf:
        zf.writestr("Connections.csv", CONNECTIONS)
        zf.writestr("Connections.csv", b"First Name\nOther\n")
    with pytest.raises(UnsafeArchiveError) as info:
        open_export(path)
    assert str(info.value) == (
        "ambiguous export: 2 files map to the connections file: 'Connections.csv' and 'Connections.csv' "
        "(the same name twice). Expected: one connections file per export. "
        "Fix: keep one of them and remove the others from the archive, then load it again."
    )
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize(
    "names",
    [
        ("connections.csv", "Connections.csv"),
        ("Connections.csv", "Export/Connections.csv"),
        ("messages.csv", "Messages.csv"),
        ("Invitations.csv", "invitations .csv"),
        ("A/Profile.csv", "B/profile.csv"),
    ],
)
def test_zip5_two_files_for_one_logical_file_are_ambiguous(tmp_path, names):
    members = {"messages.csv": MESSAGES} if "messages.csv" not in names else {"Connections.csv": CONNECTIONS}
    members.update({name: b"x\n" for name in names})
    with pytest.raises(UnsafeArchiveError, match=r"^ambiguous export: 2 files map to") as info:
        open_export(archive_zip(tmp_path / "x.zip", members))
    assert f"{names[0]!r} and {names[1]!r}" in str(info.value)


def test_zip5_a_subfolder_is_accepted_and_lookalike_files_are_ignored(tmp_path):
    members = {
        "Export/Connections.csv": CONNECTIONS,
        "Company_Follows.csv": b"x\n",
        "Company Follows.csv": b"x\n",
        "coach_messages.csv": b"x\n",
        "guide_messages.csv": b"x\n",
        "learning_coach_messages.csv": b"x\n",
        "LearningCoachMessages.csv": b"No conversations found",
        "__MACOSX/Export/._Connections.csv": b"\x00\x05\x16\x07",
    }
    opened = open_export(archive_zip(tmp_path / "x.zip", members))
    assert loaded(opened) == [("connections", "Export/Connections.csv", CONNECTIONS)]
    assert seen_rows(opened) == [("Export/Connections.csv", "loaded", None)] + [
        (name, "ignored", REASON_NOT_USED) for name in list(members)[1:]
    ]


def test_zip5_the_same_rule_holds_in_a_folder(tmp_path):
    (tmp_path / "Export").mkdir()
    (tmp_path / "Connections.csv").write_bytes(CONNECTIONS)
    (tmp_path / "Export" / "connections.csv").write_bytes(CONNECTIONS)
    with pytest.raises(
        UnsafeArchiveError, match=r"'Connections\.csv' and 'Export/connections\.csv'.*from the folder"
    ):
        open_export(tmp_path)


# ---------------------------------------------------------------- ZIP-6: not an export
ARCHIVE_SUFFIXES = (".zip", ".7z", ".rar", ".tar", ".tgz", ".gz", ".bz2", ".xz", ".zst")
HTML_PAGE = b"<!DOCTYPE html>\n<html><head><title>Sign in | LinkedIn</title></head><body></body></html>\n"


def _truncated_zip() -> bytes:
    raw = archive_bytes({"Connections.csv": _text_payload(20_000), "messages.csv": MESSAGES})
    return raw[:1000]


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("Basic_LinkedInDataExport_12-24-2025.zip", HTML_PAGE, "the file is a web page (HTML)"),
        ("export.zip", b"", "the file is empty (0 bytes)"),
        ("Connections.csv", b"", "the file is empty (0 bytes)"),
        ("export.zip", _truncated_zip(), "the zip archive is damaged or incomplete"),
        ("export.zip", b"Rar!\x1a\x07\x00 not a zip", "the file is a RAR archive, not an export netstats reads"),
        ("export.zip", b"PK? no, just text", "the file is not a zip archive"),
        ("Connections.csv", HTML_PAGE, "the file is a web page (HTML)"),
    ],
)
def test_zip6_not_an_export_is_one_clear_error(tmp_path, name, content, problem):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(NotAnExportError) as info:
        open_export(path)
    message = str(info.value)
    assert message.startswith(f"{path}: {problem}")
    assert "Fix: " in message and "\n" not in message
    assert isinstance(info.value, NetstatsError) and isinstance(info.value, OSError)


def test_zip6_a_missing_path(tmp_path):
    with pytest.raises(NotAnExportError, match=r"missing\.zip: no such file or folder\. Fix: pass the zip"):
        open_export(tmp_path / "missing.zip")


def test_an_archive_or_folder_without_the_files_netstats_reads(tmp_path):
    with pytest.raises(
        NotAnExportError,
        match=r"the archive holds none of the files netstats reads\. Expected: Connections\.csv",
    ):
        open_export(archive_zip(tmp_path / "x.zip", {"Profile.csv": PROFILE, "Skills.csv": b"x\n"}))
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(NotAnExportError, match="the folder holds none of the files netstats reads"):
        open_export(empty)
    with pytest.raises(NotAnExportError, match="the archive holds none"):
        open_export(archive_zip(tmp_path / "nothing.zip", {}))


def test_an_archive_whose_only_export_file_has_an_unsafe_name(tmp_path):
    path = archive_zip(tmp_path / "x.zip", {"../Connections.csv": CONNECTIONS, "Skills.csv": b"x\n"})
    with pytest.raises(NotAnExportError, match=r"Fix: it holds '\.\./Connections\.csv', which netstats never opens \(unsafe name: a '\.\.' component\)"):
        open_export(path)


def test_a_folder_holding_only_the_zip_points_at_the_zip(tmp_path):
    folder = tmp_path / "Downloads"
    folder.mkdir()
    archive_zip(folder / "Basic_LinkedInDataExport_12-24-2025.zip", EXPORT)
    with pytest.raises(
        NotAnExportError,
        match=r"Fix: it contains the archive 'Basic_LinkedInDataExport_12-24-2025\.zip': pass that archive",
    ):
        open_export(folder)


# ---------------------------------------------------------------- nested, encrypted, compression
def test_a_nested_zip_is_ignored_not_opened(tmp_path):
    inner = archive_bytes({"messages.csv": MESSAGES, "Invitations.csv": INVITATIONS})
    opened = open_export(
        archive_zip(tmp_path / "x.zip", {"Connections.csv": CONNECTIONS, "Export/inner.zip": inner})
    )
    assert loaded(opened) == [("connections", "Connections.csv", CONNECTIONS)]
    assert seen_rows(opened) == [
        ("Connections.csv", "loaded", None),
        ("Export/inner.zip", "ignored", REASON_NESTED),
    ]
    assert REASON_NESTED == "nested archive: unzip it first"


def test_an_encrypted_member_is_named_in_a_clear_error(tmp_path):
    raw = archive_bytes({"Connections.csv": CONNECTIONS, "messages.csv": MESSAGES})
    (tmp_path / "x.zip").write_bytes(archive_patch(raw, "messages.csv", flag_bits=0x1))
    with pytest.raises(
        ExportFormatError, match=r"^messages\.csv: the file is encrypted \(password-protected\)"
    ):
        open_export(tmp_path / "x.zip")


def test_an_encrypted_member_netstats_does_not_read_is_just_ignored(tmp_path):
    raw = archive_bytes({"Connections.csv": CONNECTIONS, "Skills.csv": b"x\n"})
    (tmp_path / "x.zip").write_bytes(archive_patch(raw, "Skills.csv", flag_bits=0x1))
    assert seen_rows(open_export(tmp_path / "x.zip")) == [
        ("Connections.csv", "loaded", None),
        ("Skills.csv", "ignored", REASON_NOT_USED),
    ]


@pytest.mark.parametrize(
    ("method", "label"), [(9, "deflate64"), (zipfile.ZIP_BZIP2, "bzip2"), (zipfile.ZIP_LZMA, "lzma")]
)
def test_unsupported_compression_is_named_in_a_clear_error(tmp_path, method, label):
    if method == 9:
        raw = archive_patch(
            archive_bytes({"Connections.csv": CONNECTIONS}), "Connections.csv", compress_type=9
        )
    else:
        raw = archive_bytes({"Connections.csv": CONNECTIONS}, compression=method)
    (tmp_path / "x.zip").write_bytes(raw)
    with pytest.raises(
        ExportFormatError, match=rf"^Connections\.csv: the file uses compression method {method} \({label}\)"
    ):
        open_export(tmp_path / "x.zip")


# ---------------------------------------------------------------- folders: links and special files
def test_a_folder_never_follows_symlinks(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "Connections.csv").write_bytes(b"outside,data\n")
    root = tmp_path / "export"
    root.mkdir()
    (root / "messages.csv").write_bytes(MESSAGES)
    (root / "Connections.csv").symlink_to(outside / "Connections.csv")
    (root / "more").symlink_to(outside, target_is_directory=True)
    os.mkfifo(root / "Invitations.csv")  # reading a FIFO would block

    opened = open_export(root)
    assert loaded(opened) == [("messages", "messages.csv", MESSAGES)]
    assert seen_rows(opened) == [
        ("Connections.csv", "unsafe", REASON_SYMLINK),
        ("Invitations.csv", "unsafe", REASON_NOT_REGULAR),
        ("messages.csv", "loaded", None),
        ("more", "unsafe", REASON_SYMLINK),
    ]


def test_folder_caps(tmp_path):
    (tmp_path / "Connections.csv").write_bytes(CONNECTIONS)
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "b.csv").write_bytes(b"x")
    with pytest.raises(NotAnExportError, match="more than 2 files and folders"):
        open_export(tmp_path, limits=ArchiveLimits(max_entries=2))
    assert len(open_export(tmp_path, limits=ArchiveLimits(max_entries=3)).files) == 1
    with pytest.raises(UnsafeArchiveError, match=r"^Connections\.csv: file rejected"):
        open_export(tmp_path, limits=ArchiveLimits(max_member_bytes=10))
    with pytest.raises(UnsafeArchiveError, match=r"file rejected"):
        open_export(tmp_path / "Connections.csv", limits=ArchiveLimits(max_member_bytes=10))


# ---------------------------------------------------------------- parameters
@pytest.mark.parametrize(
    "kwargs", [{"max_ratio": -1.0}, {"max_entries": 0}, {"max_member_bytes": True}, {"max_total_bytes": "1"}]
)
def test_limits_are_validated(kwargs):
    with pytest.raises(ParameterError, match=f"ArchiveLimits.{next(iter(kwargs))} must be a positive number"):
        ArchiveLimits(**kwargs)


def test_limits_must_be_archive_limits(tmp_path):
    with pytest.raises(ParameterError, match="limits must be an ArchiveLimits"):
        open_export(tmp_path, limits={"max_entries": 3})


# ---------------------------------------------------------------- robustness
_VALID = archive_bytes(
    [("Connections.csv", CONNECTIONS), ("messages.csv", MESSAGES), ("Skills.csv", b"Name\nPython\n")]
)
_VALID_STORED = archive_bytes(
    [("Connections.csv", CONNECTIONS), ("Invitations.csv", INVITATIONS)], zipfile.ZIP_STORED
)
_ORIGINAL = {"Connections.csv": CONNECTIONS, "messages.csv": MESSAGES, "Invitations.csv": INVITATIONS}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    raw=st.sampled_from([_VALID, _VALID_STORED]),
    edits=st.lists(st.tuples(st.integers(min_value=0), st.integers(min_value=0, max_value=255)), max_size=3),
    cut=st.one_of(st.none(), st.integers(min_value=0)),
)
def test_a_damaged_zip_yields_exact_bytes_or_a_netstats_error(tmp_path, raw, edits, cut):
    data = bytearray(raw)
    for position, value in edits:
        data[position % len(data)] = value
    if cut is not None:
        data = data[: cut % len(data)]
    path = tmp_path / "export.zip"
    path.write_bytes(bytes(data))
    try:
        opened = open_export(path)
    except NetstatsError:
        return
    for f in opened.files:
        assert f.data in _ORIGINAL.values()
        assert f.logical == logical_name(f.name)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    name=st.text(
        st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1, max_size=24
    )
)
def test_any_member_name_is_classified_by_the_documented_rules(tmp_path, name):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the writer warns about a second 'Connections.csv'
        archive_zip(tmp_path / "x.zip", [("Connections.csv", CONNECTIONS), (name, b"x\n")])
    member = name.replace("\\", "/")  # a backslash separates folders (PowerShell 5's Compress-Archive)
    reason = unsafe_name_reason(member)
    logical = logical_name(member)
    if reason is None and logical == "connections":
        with pytest.raises(UnsafeArchiveError, match=r"^ambiguous export"):
            open_export(tmp_path / "x.zip")
        return
    opened = open_export(tmp_path / "x.zip")
    rows = seen_rows(opened)
    assert rows[0] == ("Connections.csv", "loaded", None)
    if reason is not None:
        assert rows[1:] == [(name, "unsafe", reason)]
    elif member.endswith("/"):
        assert rows[1:] == []
    elif logical is not None:
        assert rows[1:] == [(name, "loaded", None)]
        assert (logical, member, b"x\n") in loaded(opened)
    else:
        assert rows[1:] == [
            (
                name,
                "ignored",
                REASON_NESTED if member.casefold().endswith(ARCHIVE_SUFFIXES) else REASON_NOT_USED,
            )
        ]
    assert [f.logical for f in opened.files] == sorted(f.logical for f in opened.files)


@pytest.mark.parametrize("member", ["messages.csv", "Invitations.csv"])
def test_a_corrupt_member_met_while_loading_is_the_same_clear_refusal(tmp_path, member):
    sample = Path(__file__).resolve().parent.parent / "data" / "sample"
    files = {p.name: p.read_bytes() for p in sorted(sample.glob("*.csv")) if p.name != "netstats_planted.csv"}
    (tmp_path / "x.zip").write_bytes(archive_patch(archive_bytes(files), member, crc=0))
    with pytest.raises(UnsafeArchiveError, match=rf"^{member}: file rejected: .*corrupt"):
        netstats.load(tmp_path / "x.zip")
