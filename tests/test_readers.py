"""Readers are registered explicitly, each declaring the files it claims."""

from __future__ import annotations

import inspect
from pathlib import Path

import netstats
from netstats.sources import _addressbook, _mbox, _whatsapp, _x, linkedin, meta
from netstats.sources._archive import ExportRules
from netstats.sources._registry import READERS, families, readers_by_family

PACKAGE = Path(netstats.__file__).parent


def test_the_registry_lists_the_six_reader_modules_linkedin_first():
    assert READERS == (linkedin, meta, _x, _whatsapp, _addressbook, _mbox)
    assert [f.name for f in families()] == [r.FAMILY for r in READERS]


def test_every_reader_declares_what_it_claims_and_reads_through_one_signature():
    for family, reader in readers_by_family().items():
        assert reader.FAMILY == family
        assert isinstance(reader.REPEATABLE, frozenset)
        assert isinstance(reader.EXPORT_RULES, ExportRules) and isinstance(reader.ONE_EXPORT_AT_A_TIME, bool)
        assert reader.claim("no_platform_writes_this.bin") is None
        assert reader.sniff is None or reader.sniff(b"\x00\x01 nothing any platform writes") is None
        keywords = list(inspect.signature(reader.read).parameters)
        assert keywords[1:] == ["source", "encoding", "owner"], family


def test_no_reader_is_found_by_a_string():
    assert "import_module" not in (PACKAGE / "combine" / "_load.py").read_text(encoding="utf-8")


def test_load_reads_linkedin_one_export_at_a_time_and_pools_the_others(monkeypatch):
    # LinkedIn declares ONE_EXPORT_AT_A_TIME: each path's files are one read (several exports are the
    # history of one account); every other family gets one read of the files of every path.

    calls = []
    for reader in READERS:

        def spied(files, *, source, encoding=None, owner=(), _read=reader.read, _family=reader.FAMILY):
            calls.append((_family, source))
            return _read(files, source=source, encoding=encoding, owner=owner)

        monkeypatch.setattr(reader, "read", spied)
    netstats.load(["data/sample", "data/sample_platforms"])
    assert [r.FAMILY for r in READERS if r.ONE_EXPORT_AT_A_TIME] == ["linkedin"]
    linkedin_reads = [source for family, source in calls if family == "linkedin"]
    assert linkedin_reads == ["data/sample", "data/sample_platforms"]
    others = [family for family, _ in calls if family != "linkedin"]
    assert others and len(others) == len(set(others))
