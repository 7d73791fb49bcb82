"""``mittari serve --workers N``: gunicorn with N workers when N > 1, Flask's own server otherwise."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

import app as composition
import cli
import serving
from tests.conftest import ROOT


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> dict:
    """``serving.serve`` with the database preparation skipped; records what it would have run."""
    ran: dict = {}
    monkeypatch.setattr(serving, "prepare_database", lambda: None)
    monkeypatch.setattr(serving, "ensure_first_admin", lambda password: None)
    monkeypatch.setattr(serving.os, "execv", lambda path, command: ran.update(execv=command))
    monkeypatch.setattr(composition.app, "run", lambda **options: ran.update(run=options))
    return ran


@pytest.mark.parametrize("workers", [2, 4])
def test_serve_with_workers_builds_a_gunicorn_command(served: dict, workers: int):
    serving.serve(host="127.0.0.1", port=8123, workers=workers)
    command = served["execv"]
    assert command[:3] == [sys.executable, "-m", "gunicorn"] and command[-1] == "app:server"
    assert command[command.index("--workers") + 1] == str(workers)
    assert command[command.index("--bind") + 1] == "127.0.0.1:8123"
    assert "run" not in served


def test_serve_with_one_worker_runs_the_development_server(served: dict):
    serving.serve(host="127.0.0.1", port=8124, workers=1)
    assert served["run"] == {"host": "127.0.0.1", "port": 8124, "debug": False} and "execv" not in served


def test_mittari_serve_passes_workers_on_and_refuses_zero(served: dict):
    assert CliRunner().invoke(cli.main, ["serve", "--workers", "3", "--port", "8125"]).exit_code == 0
    assert served["execv"][served["execv"].index("--workers") + 1] == "3"
    assert CliRunner().invoke(cli.main, ["serve", "--workers", "0"]).exit_code == 2


def test_gunicorn_really_serves_the_app(sample_url: str, tmp_path: Path):
    """``mittari serve --workers 2`` on a free loopback port answers the login page."""
    from tests.browser.conftest import free_port

    port = free_port()
    env = {**os.environ, "DATABASE_URL": sample_url, "MITTARI_PORT": str(port), "MITTARI_INSTANCE_DIR": str(tmp_path)}
    server = subprocess.Popen(
        [sys.executable, "-m", "cli", "serve", "--workers", "2"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        status = None
        for _ in range(240):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/login", timeout=2) as response:
                    status = response.status
                    break
            except OSError:
                time.sleep(0.25)
        assert status == 200
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0].decode()
    assert "gunicorn" in output.lower() and output.count("Booting worker") == 2


def test_the_served_app_leaves_its_start_up_heap_out_of_the_collectors_walks():
    """Each worker's app freezes what start-up built (``serving.settled``): a full collection during a request
    then walks only what requests make, not the whole start-up heap (about 200 ms on national data)."""
    import gc

    assert composition.app is not None
    assert gc.get_freeze_count() > 100_000  # the modules, the app and its pages
    assert gc.get_threshold() == serving.GC_THRESHOLDS  # and collections made rarer, the heap being frozen
