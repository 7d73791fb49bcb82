"""No traceback ever reaches a user: one boundary for ``import_file``, the command line and the upload page."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import make_url
from sqlalchemy.orm import Session

from data_loaders import boundary, imports, sandbox
from data_loaders.imports import ProgrammeNotChosen, import_file
from data_loaders.messages import Message
from db import queries
from tests.conftest import ROOT, SAMPLE

KUOPIO = SAMPLE / "kuopio_resurssit_2019.csv"  # seed 004: toimintakate −17 053 867 €
KELA = SAMPLE / "kela_kuntaosuus_synteettinen_2016_2020.csv"


def read_only(url: str) -> str:
    """The same database opened read-only: SQLite's file in ``mode=ro`` (the tests run as root, whom a chmod 444
    would not stop), PostgreSQL with read-only transactions."""
    if url.startswith("sqlite"):
        return f"sqlite:///file:{url.removeprefix('sqlite:///')}?mode=ro&uri=true"
    options = {"options": "-c default_transaction_read_only=on"}
    return make_url(url).update_query_dict(options).render_as_string(hide_password=False)


def mittari(database: str, instance: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": database, "MITTARI_INSTANCE_DIR": str(instance)}
    return subprocess.run(
        [sys.executable, str(ROOT / "cli.py"), *args], capture_output=True, text=True, env=env, cwd=ROOT, timeout=180
    )


def incident_of(message: Message) -> str:
    return str(message.fields["incident"])


def test_an_unexpected_error_is_told_naming_the_file_with_an_id_the_log_has(
    sample_url: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
):
    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("a bug nobody foresaw")

    monkeypatch.setattr(imports.store, "record_budget_version", broken)
    before = queries.table_counts(sample_url)
    with caplog.at_level(logging.ERROR, logger="mittari.import"):
        result = import_file(KUOPIO.read_bytes(), "kuopio.csv", programme="kuopio", url=sample_url)
    [message] = [m for m in result.messages if m.severity == "error"]
    assert (result.status, result.version, message.key) == ("rejected", None, "msg.unexpected_error")
    incident = incident_of(message)
    assert "Tiedostoa kuopio.csv ei voitu tuoda odottamattoman virheen vuoksi; mitään ei muutettu" in message.text("fi")
    assert (
        incident in message.text("fi")
        and incident in message.text("en")
        and "nothing was changed" in message.text("en")
    )
    [record] = [r for r in caplog.records if incident in r.getMessage()]
    assert "kuopio.csv" in record.getMessage() and record.exc_info[0] is ZeroDivisionError
    assert queries.table_counts(sample_url) == before


def test_a_usage_error_passes_the_boundary(sample_url: str):
    with pytest.raises(ProgrammeNotChosen):  # two programmes in the sample: the caller asks which
        import_file(KUOPIO.read_bytes(), "kuopio.csv", url=sample_url)


def test_a_commit_that_fails_leaves_the_import_rejected(sample_url: str, monkeypatch: pytest.MonkeyPatch):
    real = imports.transaction

    @contextmanager
    def failing_commit(url: str | None = None) -> Iterator[Session]:
        with real(url) as session:
            yield session
            raise RuntimeError("commit failed")

    monkeypatch.setattr(imports, "transaction", failing_commit)
    before = queries.table_counts(sample_url)
    result = import_file(KUOPIO.read_bytes(), "kuopio.csv", programme="kuopio", budget="Uusi", url=sample_url)
    assert (result.status, result.version) == ("rejected", None)
    assert [m.key for m in result.messages][-1] == "msg.unexpected_error"
    assert "msg.imported" not in [m.key for m in result.messages]
    assert queries.table_counts(sample_url) == before


def test_an_error_after_the_write_keeps_the_version_and_warns(db_url: str, monkeypatch: pytest.MonkeyPatch):
    def broken(kind: str, url: str | None) -> list[Message]:
        raise KeyError("coverage")

    monkeypatch.setattr(imports, "coverage_messages", broken)
    result = import_file(KELA.read_bytes(), KELA.name, url=db_url)
    assert result.status == "imported" and result.version is not None
    assert result.messages[-1].key == "msg.unexpected_after_write"
    assert f"(versio {result.version})" in result.messages[-1].text("fi")


def test_a_read_only_database_is_told_not_traced_back(sample_url: str, caplog: pytest.LogCaptureFixture):
    with caplog.at_level(logging.ERROR, logger="mittari.import"):
        result = import_file(KUOPIO.read_bytes(), "kuopio.csv", programme="kuopio", url=read_only(sample_url))
    assert result.status == "rejected" and result.messages[-1].key == "msg.unexpected_error"
    incident = incident_of(result.messages[-1])
    assert any(incident in r.getMessage() and "read" in r.getMessage().lower() for r in caplog.records)


def test_the_command_line_on_a_read_only_database_says_so_and_logs_the_details(sample_url: str, tmp_path: Path):
    run = mittari(read_only(sample_url), tmp_path, "import", "--programme", "kuopio", str(KUOPIO))
    assert run.returncode == 1
    assert "Traceback" not in run.stdout + run.stderr
    assert "kuopio_resurssit_2019.csv: hylätty" in run.stdout and "mitään ei muutettu" in run.stdout
    incident = run.stdout.split("Virheen tunnus on ", 1)[1][:8]
    log = (tmp_path / "mittari.log").read_text(encoding="utf-8")
    assert f"[{incident}]" in log and "Traceback" in log and "read" in log.split(f"[{incident}]", 1)[1].lower()
    assert "tapahtumalokiin" in run.stdout  # the audit record of the refusal could not be written either


def test_the_command_line_without_a_database_says_so_in_english_when_asked(tmp_path: Path):
    (tmp_path / "a-file").write_text("not a folder")
    run = mittari(f"sqlite:///{tmp_path}/a-file/x.sqlite3", tmp_path, "--lang", "en", "import", str(KUOPIO))
    assert run.returncode == 1 and "Traceback" not in run.stdout + run.stderr
    assert "The database could not be opened, so nothing was imported or changed" in run.stderr
    assert "opening the database failed" in (tmp_path / "mittari.log").read_text(encoding="utf-8")


def test_the_command_line_far_apart_workbook_ends_in_a_message_and_its_reader_crash_in_the_log(
    db_url: str, tmp_path: Path
):
    from tests.security.hostile_files import far_apart_cells_spelled_oddly

    path = tmp_path / "kaatuu.xlsx"
    path.write_bytes(far_apart_cells_spelled_oddly())
    run = mittari(db_url, tmp_path, "import", str(path))
    assert run.returncode == 1 and "Traceback" not in run.stdout + run.stderr
    assert "Tiedoston kaatuu.xlsx lukeminen keskeytyi" in run.stdout
    assert run.stderr == ""  # the reader's own abort message went to the log, not to the user's terminal
    assert "memory allocation" in (tmp_path / "mittari.log").read_text(encoding="utf-8")


def test_the_boundary_names_the_time_limit_when_the_reader_runs_out_of_time():
    result = imports.ImportResult("rejected", None, "", "hidas.xlsx")
    with boundary.reported(result):
        raise sandbox.ParseFailed("time", "no answer within 120 s")
    assert [m.key for m in result.messages] == ["msg.reader_timeout"]
    assert result.messages[0].text("fi") == (
        "Tiedoston hidas.xlsx lukeminen kesti yli 120 s, joten se keskeytettiin; mitään ei muutettu."
    )
