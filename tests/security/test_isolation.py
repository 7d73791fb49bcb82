"""Parsing in a child process: a reader that dies or overruns takes only its child down; limits are settings."""

from __future__ import annotations

import dataclasses
import pickle
import time
import tracemalloc
from collections.abc import Iterator

import pandas as pd
import pytest

import settings
from data_loaders import extent, limits, sandbox
from data_loaders.imports import import_file
from data_loaders.limits import ParseLimits
from db import queries
from tests.conftest import SAMPLE
from tests.security import child_calls
from tests.security.hostile_files import far_apart_cells, far_apart_cells_spelled_oddly, with_sheet


@pytest.fixture
def tight(request: pytest.FixtureRequest) -> Iterator[ParseLimits]:
    """Limits of the test's parameter (``ParseLimits`` fields), restored afterwards."""
    before = limits.current()
    chosen = dataclasses.replace(before, **request.param)
    limits.configure(chosen)
    yield chosen
    limits.configure(before)


def test_the_far_apart_workbook_is_refused_before_reading_naming_the_limits(db_url: str):
    started = time.monotonic()
    tracemalloc.start()
    result = import_file(far_apart_cells(), "kaukana.xlsx", url=db_url)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    [error] = [m for m in result.messages if m.severity == "error"]
    assert (result.status, error.key) == ("rejected", "msg.sheet_declared_too_large")
    assert "XFD1048576" in error.text(
        "fi"
    ) and "enintään 1048576 riviä, 1000 saraketta ja 20000000 solua" in error.text("fi")
    assert time.monotonic() - started < 30 and peak < 20 * 1024 * 1024  # before: 12.3 GiB for 25 s, or SIGABRT


def test_a_reader_that_dies_takes_only_its_child_down_and_the_next_file_imports(db_url: str):
    # the reader's allocation fails inside the child (SIGABRT): this process goes on
    result = import_file(far_apart_cells_spelled_oddly(), "kaatuu.xlsx", url=db_url)
    assert result.status == "rejected"
    assert [m.key for m in result.messages] == ["msg.reader_stopped"]
    text = result.messages[0].text("fi")
    assert "kaatuu.xlsx" in text and "4096 Mt" in text and "mitään ei muutettu" in text
    assert "nothing was changed" in result.messages[0].text("en")
    good = import_file((SAMPLE / "kuopio_resurssit_2019.csv").read_bytes(), "kuopio.csv", url=db_url, dry_run=True)
    assert good.status == "imported" and good.totals[0]["toimintakate"] == -17053867.0  # seed 004


def test_a_child_killed_by_a_signal_is_reported_and_replaced():
    with pytest.raises(sandbox.ParseFailed) as failed:
        sandbox.run(child_calls.abort)
    assert failed.value.reason == "stopped" and "SIGABRT" in failed.value.detail
    assert sandbox.run(child_calls.pid) > 0


def test_an_idle_child_that_was_killed_is_replaced_before_the_next_call():
    sandbox._pool().close()  # a new child: one that parsed a large file earlier in the session retires after a call
    first = sandbox.run(child_calls.pid)
    [child] = [c for c in sandbox._pool().idle if c.process.pid == first]
    child.process.kill()
    child.process.wait()
    assert sandbox.run(child_calls.pid) != first


@pytest.mark.parametrize("tight", [{"seconds": 1.0}], indirect=True)
def test_a_call_past_the_time_limit_is_stopped_at_the_limit(tight: ParseLimits):
    started = time.monotonic()
    with pytest.raises(sandbox.ParseFailed) as failed:
        sandbox.run(time.sleep, 60)
    assert failed.value.reason == "time" and time.monotonic() - started < 10
    assert sandbox.run(child_calls.pid) > 0


@pytest.mark.parametrize("tight", [{"memory_mb": 512}], indirect=True)
def test_a_call_past_the_memory_limit_is_stopped(tight: ParseLimits):
    with pytest.raises(sandbox.ParseFailed) as failed:
        sandbox.run(bytearray, 2 * 1024**3)
    assert failed.value.reason == "stopped"


@pytest.mark.parametrize("tight", [{"max_columns": 10}], indirect=True)
def test_the_child_reads_with_the_limits_of_its_caller(db_url: str, tight: ParseLimits):
    wide = with_sheet(b'<row r="1"><c r="A1"><v>1</v></c><c r="K1"><v>1</v></c></row>')
    result = import_file(wide, "leveä.xlsx", url=db_url)
    assert [m.key for m in result.messages] == ["msg.sheet_too_large"]
    assert "10 saraketta" in result.messages[0].text("fi")


def test_a_large_frame_crosses_the_pipe_with_its_values_and_dtypes():
    frame = child_calls.kela_shaped_frame(30_000)
    pd.testing.assert_frame_equal(pickle.loads(sandbox._dumps(frame)), frame)
    pd.testing.assert_frame_equal(sandbox.run(child_calls.kela_shaped_frame, 30_000), frame)


def test_a_kela_file_imports_through_the_child_with_every_row(db_url: str):
    content = (SAMPLE / "kela_kuntaosuus_synteettinen_2016_2020.csv").read_bytes()
    result = import_file(content, "kela.csv", url=db_url)
    assert result.status == "imported" and result.rows_imported == result.rows_read > 10_000
    assert queries.table_counts(db_url)["kela_kuntaosuus"] == result.rows_imported


def test_import_limits_are_settings_with_the_loaders_defaults(monkeypatch: pytest.MonkeyPatch):
    assert dataclasses.asdict(settings.ImportLimits()) == dataclasses.asdict(ParseLimits())
    monkeypatch.setenv("MITTARI_IMPORT_MEMORY_MB", "2048")
    monkeypatch.setenv("MITTARI_IMPORT_SECONDS", "30")
    monkeypatch.setenv("MITTARI_SHEET_MAX_ROWS", "5000")
    monkeypatch.setenv("MITTARI_SHEET_MAX_COLUMNS", "50")
    monkeypatch.setenv("MITTARI_SHEET_MAX_CELLS", "100000")
    assert limits.of(settings.load().import_limits) == ParseLimits(2048, 30.0, 5000, 50, 100_000)


@pytest.mark.parametrize(
    ("blocks", "found"),
    [
        # the widest column comes last: the rows allowed drop from 1 048 576 to 20 000 and the scan starts again
        ([b'<row r="50000"><c r="A50000"/></row>', b'<row r="50001"><c r="ALL50001"/></row>'], "ALL50001"),
        ([b'<row r="50000"><c r="A50000"/></row><row r="1"><c r="ALL1"/></row>'], "ALL50000"),
        ([b'<row r="2"><c r="A2"/><c r="ALL2"/></row><row r="20000"><c r="B20000"/></row>'], None),
        ([b'<row r="1"><c r="A1"/><c r="ALM1"/></row>'], "ALM1"),  # column 1 001
        ([b'<c r="A0000000001"/><c r="B000001048577"/>'], "B1048577"),  # leading zeros are no row
        ([b'<c r="A1048576"/><c r="O1048576"/>', b'<c r="A1048577"/>'], "A1048577"),
    ],
)
def test_the_scan_finds_the_first_reference_past_the_limits(blocks: list[bytes], found: str | None):
    beyond = extent.reach_beyond(lambda: blocks, ParseLimits())
    assert (beyond.cell if beyond else None) == found
