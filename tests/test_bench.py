"""The benchmark harness runs end to end on a tiny export and writes every result; no timing is asserted."""

from __future__ import annotations

import doctest
import json
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

import bench
import netstats as ns
from bench import _exports, _measure, _results, _run
from bench._exports import ensure_export, generator_fingerprint
from bench._results import checks, format_results, scaling, stage_rows, verdicts
from netstats.sample._linkedin import generate_sample

ROOT = Path(__file__).resolve().parents[1]
SMOKE_CONTACTS, SMOKE_MESSAGES = 100, 1000


@pytest.fixture(scope="module")
def smoke(tmp_path_factory):
    """One real run of ``python -m bench`` at 100 contacts / 1,000 messages (and the half size)."""
    tmp = tmp_path_factory.mktemp("bench")
    output = tmp / "results.json"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench",
            "--contacts",
            str(SMOKE_CONTACTS),
            "--messages",
            str(SMOKE_MESSAGES),
            "--repeat",
            "1",
            "--data-dir",
            str(tmp / "data"),
            "--output",
            str(output),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(output.read_text(encoding="utf-8")), done.stdout


@pytest.mark.slow
def test_smoke_run_writes_every_result(smoke):
    results, _ = smoke
    assert set(results) == {
        "schema",
        "command",
        "started_at",
        "finished_at",
        "machine",
        "python",
        "packages",
        "git",
        "settings",
        "sizes",
        "scaling",
        "verdicts",
    }
    assert list(results["sizes"]) == ["full", "half"]
    assert results["packages"]["netstats"] == ns.__version__
    assert results["settings"] == {"repeat": 1, "cheap_seconds": 10.0, "seed": 0, "random_state": 0}
    for size in results["sizes"].values():
        assert set(size) >= {
            "export",
            "floor",
            "stages",
            "zip_to_segments",
            "report_mb",
            "rows",
            "peak_rss_mib",
            "peak_rss_mib_with_floor",
            "load_average",
        }
        assert list(size["stages"]) == list(bench.STAGES)
        for stage in size["stages"].values():
            assert (
                set(stage) == {"seconds", "cpu_seconds", "sys_seconds", "runs", "peak_rss_mib"} and len(stage["runs"]) == 1
            )
            assert stage["seconds"] == stage["runs"][0] > 0 and stage["cpu_seconds"] > 0
            assert 0 <= stage["sys_seconds"] <= stage["cpu_seconds"] + 0.01  # kernel time is part of CPU time
        zip_path = size["zip_to_segments"]
        assert list(zip_path["steps"]) == list(zip_path["cpu_steps"]) == list(bench.ZIP_STEPS)
        assert zip_path["seconds"] == pytest.approx(sum(zip_path["steps"].values()))
        assert zip_path["runs"] == [zip_path["seconds"]]  # --repeat 1: one run of the whole path
        assert size["report_mb"] > 0.1 and size["peak_rss_mib"] > 0


@pytest.mark.slow
def test_smoke_run_parses_and_loads_the_generated_rows(smoke):
    results, _ = smoke
    for label, contacts in (("full", SMOKE_CONTACTS), ("half", SMOKE_CONTACTS // 2)):
        size = results["sizes"][label]
        messages = SMOKE_MESSAGES * contacts // SMOKE_CONTACTS
        sample = generate_sample(contacts=contacts, messages=messages, seed=0)
        expected = {
            "messages.csv": messages,
            "Connections.csv": len(sample.connections),
            "Invitations.csv": len(sample.invitations),
        }
        assert size["export"]["contacts"] == contacts and size["export"]["messages"] == messages
        # the floor parsed every row of every file, with both readers
        assert size["floor"]["pyarrow"]["rows"] == expected
        assert size["floor"]["pandas"]["rows"] == expected
        assert size["floor"]["pyarrow"]["seconds"] == pytest.approx(
            sum(size["floor"]["pyarrow"]["files"].values())
        )
        # kernel time is part of CPU time, for the floor and for the zip path
        for measured in (size["floor"]["pyarrow"], size["floor"]["pandas"], size["zip_to_segments"]):
            assert 0 <= measured["sys_seconds"] <= measured["cpu_seconds"] + 0.01
        # the zip as downloaded loads to exactly the tables the folder gives
        assert size["rows"]["zip"] == size["rows"]["folder"]
        assert size["rows"]["folder"]["messages"] == int((~sample.messages["is_draft"]).sum())


@pytest.mark.slow
def test_smoke_run_prints_the_tables_and_judges_the_targets(smoke):
    results, stdout = smoke
    assert set(results["scaling"]) == set(_results.SCALED)
    for entry in results["scaling"].values():
        assert entry["ratio"] == pytest.approx(entry["full_seconds"] / entry["half_seconds"])
        assert entry["cpu_ratio"] == pytest.approx(entry["full_cpu_seconds"] / entry["half_cpu_seconds"])
    assert set(results["verdicts"]) == {c["name"] for c in checks(results["sizes"]["full"])} | {
        f"scaling:{name}" for name in _results.SCALED
    }
    assert set(results["verdicts"].values()) <= {"pass", "FAIL", "too short"}
    assert stdout.startswith(format_results(results))
    for label in (
        "floor: pyarrow.csv.read_csv",
        "load (folder)",
        "write_report",
        "zip -> segments",
        "peak memory (GiB)",
        "scaling: full / half (target <= 2.2; stages under 0.5 s at full size are too short to judge)",
        "targets at full size:",
    ):
        assert label in stdout


def test_show_prints_a_saved_results_file(tmp_path, capsys):
    results = {"sizes": {"full": _size(floor=2.0, load=5.0)}}
    saved = tmp_path / "results.json"
    saved.write_text(json.dumps(results), encoding="utf-8")
    assert _run.main(["--show", str(saved)]) == 0
    assert capsys.readouterr().out == format_results(results)


def test_too_small_sizes_are_refused(capsys):
    with pytest.raises(SystemExit) as stop:
        _run.main(["--contacts", "60"])
    assert stop.value.code == 2
    assert "--contacts must be at least 100" in capsys.readouterr().err


def test_export_cache_is_reused_until_the_generator_changes(tmp_path, monkeypatch):
    first = ensure_export(tmp_path, 60, 600)
    assert first.folder.name == first.zip_path.stem == "Complete_LinkedInDataExport_11-01-2026"
    assert first.folder.parent == first.zip_path.parent == tmp_path / "c60-m600-s0"
    with zipfile.ZipFile(first.zip_path) as archive:
        assert archive.namelist() == sorted(p.name for p in first.folder.iterdir())
    assert sorted(first.file_bytes) == ["Connections.csv", "Invitations.csv", "Profile.csv", "messages.csv"]

    def must_not_generate(**kwargs):
        raise AssertionError("the cached export should have been reused")

    monkeypatch.setattr(_exports, "generate_sample", must_not_generate)
    assert ensure_export(tmp_path, 60, 600) == first

    stamp_path = first.folder.parent / _exports.STAMP
    stamp = json.loads(stamp_path.read_text(encoding="utf-8"))
    stamp_path.write_text(json.dumps(dict(stamp, generator="built by an older generator")), encoding="utf-8")
    calls = []
    monkeypatch.setattr(_exports, "generate_sample", lambda **kw: calls.append(kw) or generate_sample(**kw))
    rebuilt = ensure_export(tmp_path, 60, 600)
    assert calls == [{"contacts": 60, "messages": 600, "seed": 0}]
    assert json.loads(stamp_path.read_text(encoding="utf-8"))["generator"] == generator_fingerprint()
    assert rebuilt.file_bytes == first.file_bytes
    assert [p.name for p in tmp_path.iterdir()] == ["c60-m600-s0"]  # no building folder left behind


def test_a_cache_with_a_truncated_file_is_rebuilt(tmp_path, monkeypatch):
    first = ensure_export(tmp_path, 60, 600)
    messages = first.folder / "messages.csv"
    messages.write_bytes(messages.read_bytes()[:100])
    calls = []
    monkeypatch.setattr(_exports, "generate_sample", lambda **kw: calls.append(kw) or generate_sample(**kw))
    rebuilt = ensure_export(tmp_path, 60, 600)
    assert len(calls) == 1
    assert (
        rebuilt.file_bytes == first.file_bytes and messages.stat().st_size == first.file_bytes["messages.csv"]
    )


def _size(floor=None, load=None, report=None, report_mb=None, peak=None, zip_total=None, zip_load=None):
    size: dict = {"stages": {}}
    if floor is not None:
        size["floor"] = {"pyarrow": {"seconds": floor}, "pandas": {"seconds": 4 * floor}}
    if load is not None:
        size["stages"]["load"] = {"seconds": load, "cpu_seconds": 0.8 * load}
    if report is not None:
        size["stages"]["write_report"] = {"seconds": report}
    if zip_total is not None:
        size["zip_to_segments"] = {"seconds": zip_total, "steps": {"load": zip_load}}
    if report_mb is not None:
        size["report_mb"] = report_mb
    if peak is not None:
        size["peak_rss_mib"] = peak
    return size


def test_checks_judge_each_target_at_its_limit():
    at_limits = _size(
        floor=2.0, load=6.0, report=10.0, report_mb=10.0, peak=3072.0, zip_total=12.0, zip_load=7.0
    )
    assert [(c["name"], c["value"], c["unit"], c["verdict"]) for c in checks(at_limits)] == [
        ("load", 3.0, "x floor", "pass"),
        ("zip_to_segments", 6.0, "x floor", "pass"),
        ("write_report", 10.0, "s", "pass"),
        ("report_html", 10.0, "MB", "pass"),
        ("peak_memory", 3.0, "GiB", "pass"),
    ]
    over = _size(floor=2.0, load=6.2, report=10.5, report_mb=10.1, peak=3073.0, zip_total=12.2, zip_load=7.0)
    assert [c["verdict"] for c in checks(over)] == ["FAIL"] * 5
    # a stage that failed, or a floor that was never measured, is an error, not a pass
    assert [c["verdict"] for c in checks(_size(load=1.0))] == ["error"] * 5


def test_scaling_compares_full_with_half_size():
    half = _size(floor=1.0, load=4.0, zip_total=10.0, zip_load=5.0)
    full = _size(floor=2.1, load=8.8, zip_total=23.0, zip_load=11.0)
    out = scaling(half, full)
    assert list(out) == list(_results.SCALED)
    assert {
        name: (round(e["ratio"], 2), e["verdict"]) for name, e in out.items() if e["ratio"] is not None
    } == {
        "floor_pyarrow": (2.1, "pass"),
        "load": (2.2, "pass"),
        "load_zip": (2.2, "pass"),
        "zip_to_segments": (2.3, "FAIL"),
    }
    assert out["growth"] == {
        "half_seconds": None,
        "full_seconds": None,
        "ratio": None,
        "half_cpu_seconds": None,
        "full_cpu_seconds": None,
        "cpu_ratio": None,
        "limit": 2.2,
        "verdict": "error",
    }
    assert out["load"]["cpu_ratio"] == pytest.approx(2.2) and out["floor_pyarrow"]["cpu_ratio"] is None
    assert out["load"]["full_cpu_seconds"] == pytest.approx(0.8 * 8.8)
    assert verdicts({"sizes": {"full": full}, "scaling": out})["scaling:zip_to_segments"] == "FAIL"


def test_stages_too_quick_to_matter_are_not_judged_on_scaling():
    half, full = _size(floor=1.0, load=0.2), _size(floor=2.0, load=0.49)
    full["stages"]["growth"] = {"seconds": 0.5, "cpu_seconds": 0.5}
    half["stages"]["growth"] = {"seconds": 0.1, "cpu_seconds": 0.1}
    out = scaling(half, full)
    assert (out["load"]["ratio"], out["load"]["verdict"]) == (pytest.approx(2.45), "too short")
    assert (out["growth"]["ratio"], out["growth"]["verdict"]) == (pytest.approx(5.0), "FAIL")
    text = format_results({"sizes": {"full": full, "half": half}, "scaling": out})
    missed = text.rsplit("missed or not measured: ", 1)[1].strip().split(", ")
    assert "scaling:growth" in missed and "scaling:load" not in missed


def test_stage_rows_show_seconds_ratio_target_and_verdict():
    size = _size(floor=0.5, load=1.25, report=12.0, report_mb=3.456, peak=1536.0, zip_total=2.5, zip_load=1.5)
    size["stages"]["load"]["sys_seconds"] = 0.25
    assert stage_rows(size) == [
        ("floor: pyarrow.csv.read_csv", "0.50", "-", "-", "1.0", "", ""),
        ("floor: pandas.read_csv", "2.00", "-", "-", "4.0", "", ""),
        ("load (folder)", "1.25", "1.00", "0.25", "2.5", "<= 3x floor", "pass"),
        ("contact_features", "-", "-", "-", "-", "", "error"),
        ("tie_strength", "-", "-", "-", "-", "", "error"),
        ("segment_contacts", "-", "-", "-", "-", "", "error"),
        ("growth", "-", "-", "-", "-", "", "error"),
        ("principles", "-", "-", "-", "-", "", "error"),
        ("write_report", "12.00", "-", "-", "24.0", "<= 10 s", "FAIL"),
        ("load (zip)", "1.50", "-", "-", "3.0", "", ""),
        ("zip -> segments", "2.50", "-", "-", "5.0", "<= 6x floor", "pass"),
        ("report HTML (MB)", "3.46", "", "", "", "<= 10 MB", "pass"),
        ("peak memory (GiB)", "1.50", "", "", "", "<= 3 GiB", "pass"),
    ]


def test_a_failed_stage_is_listed_under_its_table():
    size = _size(floor=1.0, load=2.0)
    size["stages"]["growth"] = {"error": "ParameterError: freq is unknown"}
    text = format_results({"sizes": {"full": size}})
    assert "  ! growth: ParameterError: freq is unknown\n" in text
    assert text.endswith(
        "targets at full size: missed or not measured: peak_memory, report_html, "
        "write_report, zip_to_segments\n"
    )


def test_best_of_runs_again_only_while_a_run_is_cheap():
    calls = []

    def stage():
        calls.append(None)
        time.sleep(0.0 if len(calls) < 3 else 0.06)  # the third run is slow
        return len(calls)

    timing = _measure.best_of(stage, repeat=5, cheap_seconds=0.03)
    assert len(timing.runs) == 3 and timing.result == 3 and timing.runs[2] >= 0.06
    assert timing.seconds == min(timing.runs) < 0.03 and timing.cpu_seconds < 0.03  # sleeping costs no CPU
    assert 0 <= timing.sys_seconds <= timing.cpu_seconds + 0.01
    calls.clear()
    assert len(_measure.best_of(stage, repeat=2, cheap_seconds=10.0).runs) == 2


@pytest.mark.parametrize("module", [bench, _exports, _measure, _results, _run])
def test_docstring_examples_run(module):
    outcome = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert outcome.failed == 0
