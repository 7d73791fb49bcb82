"""The audit log records every import, rollback, risk edit, commentary, sign-off, export and login."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from auth.web import fill_session
from db import accounts, queries
from db.engine import engine
from tests.conftest import ROOT, SAMPLE
from tests.security.conftest import client_for, log_in


def actions(url: str) -> list[str]:
    return accounts.audit_events(url=url)["action"].tolist()


def as_user(dash_app, username: str):
    """A request context in which ``username`` is logged in (what the gate sees)."""
    context = dash_app.server.test_request_context("/")
    context.push()
    fill_session(accounts.user_by_name(username))
    return context


def mittari(url: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "cli.py"), *args],
        capture_output=True,
        text=True,
        env={**os.environ, "DATABASE_URL": url},
        cwd=ROOT,
        timeout=180,
    )


def test_login_and_failed_login_are_recorded(secured, sample_url: str):
    client = client_for(secured, None)
    log_in(client, "katsoja", "väärin-väärin-123")
    log_in(client, "katsoja")
    recorded = accounts.audit_events(url=sample_url)
    assert recorded["action"].tolist()[:2] == ["login", "login_failed"]
    assert recorded["username"].tolist()[:2] == ["katsoja", "katsoja"]
    assert recorded["at"].notna().all()


def test_command_line_import_rollback_and_export_are_recorded(sample_url: str, tmp_path: Path):
    revised = tmp_path / "kuopio_muutettu.csv"
    revised.write_text(
        (SAMPLE / "kuopio_resurssit_2019.csv").read_text(encoding="utf-8").replace("603 600", "603 601"),
        encoding="utf-8",
    )
    budget = "Käytettävissä olevat resurssit 2019"
    assert mittari(sample_url, "import", str(revised), "--programme", "kuopio", "--budget", budget).returncode == 0
    first = int(queries.import_versions(url=sample_url).query("budget == @budget")["version"].min())
    assert mittari(sample_url, "rollback", str(first)).returncode == 0, "rollback"
    out = tmp_path / "pack.xlsx"
    assert (
        mittari(
            sample_url,
            "report",
            "--programme",
            "kuopio",
            "--quarter",
            "2019Q4",
            "--format",
            "xlsx",
            "--output",
            str(out),
        ).returncode
        == 0
    )
    assert {"import", "rollback", "export"} <= set(actions(sample_url))


def test_page_actions_are_recorded_with_their_user(secured, sample_url: str):
    from dashboards.quarterly import sign_quarter, store_commentary
    from dashboards.risks import FORM_FIELDS, save_risk

    context = as_user(secured, "johtaja")
    try:
        values = ["Aikataulu", "syy", "seuraus", "ohjelmajohtaja", "viikkoseuranta", 4, 5, 3, 4, "open"]
        assert len(values) == len(FORM_FIELDS)
        save_risk(1, None, "2018Q4", values, "tampere-seutu", "fi")
        store_commentary(1, "tampere-seutu", "2018Q4", "Säästötavoite saavutettu.", "fi")
        sign_quarter(1, "tampere-seutu", "2018Q4", "fi")
    finally:
        context.pop()
    recorded = accounts.audit_events(url=sample_url)
    mine = recorded[recorded["username"] == "johtaja"]["action"].tolist()
    assert mine[:3] == ["sign_off", "commentary", "risk_edit"]


def test_the_audit_log_is_append_only(sample_url: str):
    accounts.record_audit("login", "katsoja", url=sample_url)
    with pytest.raises(Exception, match="append-only"), engine(sample_url).begin() as connection:
        connection.execute(text("UPDATE audit_event SET action = 'nothing'"))
    with pytest.raises(Exception, match="append-only"), engine(sample_url).begin() as connection:
        connection.execute(text("DELETE FROM audit_event"))
    assert actions(sample_url)[0] == "login"
