"""Hostile and broken files: each refused with its own message, figures unchanged, no traceback.

The whole corpus goes through ``import_file`` and through the command line; the command line also as a
process of its own for the worst files.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

import cli
from data_loaders import boundary, limits, sandbox
from data_loaders.imports import import_file
from data_loaders.safety import assert_defused_xml
from db import queries
from tests.conftest import ROOT
from tests.security.hostile_files import corpus, ratio_bomb

CORPUS = corpus()


def test_the_corpus_is_large_enough():
    assert len(CORPUS) >= 20


@pytest.mark.parametrize(("name", "content", "key"), CORPUS, ids=[name for name, _, _ in CORPUS])
def test_hostile_file_is_refused_with_its_own_message(sample_url: str, name: str, content: bytes, key: str):
    before = queries.table_counts(sample_url)
    figures = queries.current_budget_lines(url=sample_url)["amount_cents"].sum()
    result = import_file(content, name, url=sample_url)
    errors = [message for message in result.messages if message.severity == "error"]
    assert result.status == "rejected"
    assert key in [message.key for message in errors], [m.text("fi") for m in errors]
    assert all(message.text("fi") and message.text("en") for message in errors)
    assert queries.table_counts(sample_url) == before
    assert queries.current_budget_lines(url=sample_url)["amount_cents"].sum() == figures


def test_refusing_the_zip_bomb_stays_under_300_mb():
    bomb = ratio_bomb()
    tracemalloc.start()
    result = import_file(bomb, "bomb.xlsx", dry_run=True, url="sqlite://")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert result.messages[0].key == "msg.zip_bomb"
    assert peak < 300 * 1024 * 1024, peak


def test_file_over_the_upload_limit_is_refused_before_reading(db_url: str):
    result = import_file(b"x" * 2048, "big.csv", max_bytes=1024, url=db_url)
    assert [m.key for m in result.messages] == ["msg.too_large"]


def test_openpyxl_parses_xml_through_defusedxml():
    assert_defused_xml()


@pytest.fixture
def command_line(tmp_path: Path) -> Iterator[CliRunner]:
    """``mittari`` in this process; the log it installs (a file, the children's stderr) is undone afterwards."""
    handlers, propagate, pool = list(boundary.LOG.handlers), boundary.LOG.propagate, sandbox._pool()
    stderr_path, chosen = pool.stderr_path, limits.current()
    yield CliRunner()
    for handler in set(boundary.LOG.handlers) - set(handlers):
        handler.close()
    boundary.LOG.handlers[:] = handlers
    boundary.LOG.propagate, pool.stderr_path = propagate, stderr_path
    limits.configure(chosen)


@pytest.mark.parametrize(("name", "content", "key"), CORPUS, ids=[name for name, _, _ in CORPUS])
def test_every_hostile_file_through_the_command_line_ends_in_its_message_not_a_traceback(
    db_url: str, tmp_path: Path, command_line: CliRunner, name: str, content: bytes, key: str
):
    path = tmp_path / name
    path.write_bytes(content)
    env = {"DATABASE_URL": db_url, "MITTARI_INSTANCE_DIR": str(tmp_path)}
    run = command_line.invoke(cli.main, ["import", "--json", str(path)], env=env)
    assert run.exception is None or isinstance(run.exception, SystemExit), run.exc_info
    assert run.exit_code == 1 and "Traceback" not in run.output
    report = json.loads(run.output)
    assert report["status"] == "rejected" and report["messages"], report


@pytest.mark.parametrize(
    "name",
    [
        "billion-laughs.xlsx",
        "ratio-bomb.xlsx",
        "encrypted.xlsx",
        "far-apart-cells.xlsx",
        "field-over-the-csv-limit.csv",
    ],
)
def test_command_line_refuses_hostile_file_with_exit_1_and_no_traceback(db_url: str, tmp_path: Path, name: str):
    content = dict((n, c) for n, c, _ in CORPUS)[name]
    path = tmp_path / name
    path.write_bytes(content)
    run = subprocess.run(
        [sys.executable, str(ROOT / "cli.py"), "import", str(path)],
        capture_output=True,
        text=True,
        env={**os.environ, "DATABASE_URL": db_url, "MITTARI_INSTANCE_DIR": str(tmp_path)},
        cwd=ROOT,
        timeout=120,
    )
    assert run.returncode == 1
    assert "Traceback" not in run.stderr + run.stdout
    assert "hylätty" in run.stdout


def test_formula_scan_does_not_run_past_an_unclosed_cell():
    """An unclosed <c> (say inside a comment) must not swallow the cells after it."""
    from data_loaders.workbook import _FORMULA_CELL

    xml = b'<!-- <c r="A1"> -->' * 3 + b'<c r="B2"><f>SUM(A1)</f></c>'
    found = [(m.group("ref"), m.group("body")) for m in _FORMULA_CELL.finditer(xml)]
    assert found == [(b"B2", b"<f>SUM(A1)</f>")]
