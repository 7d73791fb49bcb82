"""The audit log records every import, rollback, risk edit, commentary, sign-off, export and login, each action's
event in the same transaction as its change."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import make_url, text

from auth.web import fill_session
from data_loaders.imports import import_file
from data_loaders.versions import rollback
from db import accounts, plans, queries, store
from db.engine import engine, migrate, transaction
from db.tables import Municipality
from tests.conftest import ROOT, SAMPLE
from tests.data_loaders.budget_workbooks import KUOPIO_ROWS, kuopio_2019, workbook
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
    from dashboards.pages.quarterly import sign_quarter, store_commentary
    from dashboards.pages.risks import FORM_FIELDS, save_risk

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


def kuopio_changed() -> bytes:
    """Kuopio's 2019 table with one amount (and its sums) a euro higher: a second version of the budget."""
    changes = {"hankerahoitus": 703_095, "Toimintatuotot, joista": 1_456_695, "Toimintakate": -17_053_866}
    return workbook(
        {"Resurssit 2019": [[row[0], changes[row[0]]] if row[0] in changes else row for row in KUOPIO_ROWS]}
    )


def test_an_import_is_recorded_with_its_version_in_its_own_transaction(db_url: str):
    content = kuopio_2019()
    result = import_file(content, "kuopio.xlsx", budget="Resurssit", user="analyytikko", url=db_url)
    again = import_file(content, "kuopio.xlsx", budget="Resurssit", user="analyytikko", url=db_url)
    import_file(kuopio_changed(), "uusi.xlsx", budget="Resurssit", dry_run=True, url=db_url)  # a preview: no event
    import_file(b"ei budjetti", "rikki.csv", user="analyytikko", url=db_url)  # refused: nothing changed, no event
    events = accounts.audit_events(url=db_url)
    assert events[["username", "action"]].values.tolist() == [["analyytikko", "import"]] * 2
    details = [json.loads(found) for found in events["details"]][::-1]
    assert (result.status, again.status, again.version) == ("imported", "unchanged", result.version)
    assert details == [
        {"file": "kuopio.xlsx", "kind": result.kind, "status": status, "version": result.version, "budget": "Resurssit"}
        for status in ("imported", "unchanged")
    ]


RISK = dict(zip(plans.RISK_FIELDS, ["Aikataulu", "syy", "seuraus", "johtaja", 4, 5, 3, 4, "seuranta", "open"]))


class AfterTheEvent(Exception):
    """A failure inside an action's transaction, after its audit event was written."""


def fail_after_every_event(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every action's ``record_audit`` writes its event, then fails: the action's transaction must roll back."""
    real = accounts.record_audit

    def record_then_fail(*args: object, **kwargs: object) -> None:
        real(*args, **kwargs)
        raise AfterTheEvent

    for module in (accounts, plans, store):
        monkeypatch.setattr(module, "record_audit", record_then_fail)


def test_an_import_that_fails_after_its_event_leaves_neither(db_url: str, monkeypatch: pytest.MonkeyPatch):
    fail_after_every_event(monkeypatch)
    result = import_file(kuopio_2019(), "kuopio.xlsx", budget="Resurssit", user="analyytikko", url=db_url)
    assert result.status == "rejected" and result.version is None
    assert queries.import_versions(url=db_url).empty
    assert actions(db_url) == []


def test_a_rollback_and_a_risk_edit_that_fail_after_their_events_leave_neither(
    db_url: str, monkeypatch: pytest.MonkeyPatch
):
    first = import_file(kuopio_2019(), "v1.xlsx", budget="Resurssit", user="analyytikko", url=db_url)
    import_file(kuopio_changed(), "v2.xlsx", budget="Resurssit", user="analyytikko", url=db_url)
    before = queries.import_versions(url=db_url)
    fail_after_every_event(monkeypatch)
    with pytest.raises(AfterTheEvent):
        rollback(first.programme, "Resurssit", first.version, "analyytikko", url=db_url)
    with pytest.raises(AfterTheEvent), transaction(db_url) as session:
        plans.save_risk(session, first.programme, "R1", RISK, "2019Q4", "analyytikko")
    assert len(queries.import_versions(url=db_url)) == len(before)
    assert plans.risks(first.programme, url=db_url).empty
    assert actions(db_url) == ["import", "import"]


def test_a_comparison_group_and_its_event_are_one_change(db_url: str, monkeypatch: pytest.MonkeyPatch):
    with transaction(db_url) as session:
        session.add(Municipality(code="297", name_fi="Kuopio"))
    fail_after_every_event(monkeypatch)
    with pytest.raises(AfterTheEvent), transaction(db_url) as session:
        owner = store.programme_for_import(session, None)
        store.save_comparison_group(session, owner, "Naapurit", ["297"], "analyytikko")
    with engine(db_url).connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM comparison_group WHERE name = 'Naapurit'")).scalar() == 0
    assert actions(db_url) == []


def test_user_administration_records_each_change_with_it(db_url: str):
    accounts.add_user("uusi", "viewer", None, url=db_url, audited=True)
    assert accounts.change_user("uusi", "user_set_role", {"role": "analyst", "programmes": None}, url=db_url)
    assert accounts.change_user("uusi", "user_passwd", {"password_hash": "x"}, url=db_url)
    assert not accounts.change_user("ei-ketään", "user_disable", {"active": False}, url=db_url)
    events = accounts.audit_events(url=db_url)
    assert events["action"].tolist() == ["user_passwd", "user_set_role", "user_add"]
    assert [json.loads(found) for found in events["details"]] == [
        {"user": "uusi"},
        {"user": "uusi", "role": "analyst", "programmes": None},
        {"user": "uusi", "role": "viewer", "programmes": []},
    ]
    assert events["username"].isna().all()  # the command line: no one logged in
    assert accounts.user_by_name("uusi", url=db_url)["role"] == "analyst"


FORGED = "(id, at, username, action) VALUES ({id}, CURRENT_TIMESTAMP, 'hyökkääjä', 'nothing')"
UPSERT = f"INSERT INTO audit_event {FORGED} ON CONFLICT (id) DO UPDATE SET action = 'nothing'"
BYPASSES = {
    # name: (the databases that have it, SQL that would rewrite or empty the log)
    "insert_or_replace": ({"sqlite"}, f"INSERT OR REPLACE INTO audit_event {FORGED}"),
    "replace_into": ({"sqlite"}, f"REPLACE INTO audit_event {FORGED}"),
    "upsert": ({"sqlite", "postgresql"}, UPSERT),
    "update_or_replace": ({"sqlite"}, "UPDATE OR REPLACE audit_event SET action = 'nothing'"),
    "update": ({"sqlite", "postgresql"}, "UPDATE audit_event SET action = 'nothing'"),
    "delete": ({"sqlite", "postgresql"}, "DELETE FROM audit_event"),
    "truncate": ({"postgresql"}, "TRUNCATE audit_event"),
}


@pytest.mark.parametrize("bypass", BYPASSES)
def test_the_audit_log_refuses_every_way_of_rewriting_it(db_url: str, bypass: str):
    """UPDATE and DELETE since 0003; REPLACE (SQLite) and TRUNCATE (PostgreSQL) since 0008."""
    dialects, statement = BYPASSES[bypass]
    dialect = engine(db_url).dialect.name
    if dialect not in dialects:
        pytest.skip(f"{dialect} has no {bypass}")
    accounts.record_audit("login", "katsoja", url=db_url)
    first = int(accounts.audit_events(url=db_url)["id"].iloc[0])
    with pytest.raises(Exception, match="append-only"), engine(db_url).begin() as connection:
        connection.execute(text(statement.format(id=first)))
    events = accounts.audit_events(url=db_url)
    assert events[["id", "username", "action"]].values.tolist() == [[first, "katsoja", "login"]]


APP_ROLE = "mittari_app"  # the README's name for the running app's role


def readme_role_grants() -> list[str]:
    """The statements of the README's role split: its SQL block that revokes on ``audit_event``."""
    blocks = re.findall(r"```sql\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.DOTALL)
    block = next(found for found in blocks if "ON audit_event FROM" in found)
    return [statement.strip() for statement in block.split(";") if statement.strip()]


@pytest.fixture
def app_role_url(db_url: str) -> Iterator[str]:
    """``db_url`` as the README's application role, created and granted as the README says (PostgreSQL only)."""
    if engine(db_url).dialect.name != "postgresql":
        pytest.skip("the role split is PostgreSQL's")
    with engine(db_url).begin() as connection:
        connection.execute(text(f"CREATE ROLE {APP_ROLE} LOGIN"))
        for statement in readme_role_grants():
            connection.execute(text(statement))
    url = make_url(db_url).set(username=APP_ROLE).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        engine(url).dispose()
        with engine(db_url).begin() as connection:
            connection.execute(text(f"DROP OWNED BY {APP_ROLE}"))
            connection.execute(text(f"DROP ROLE {APP_ROLE}"))


def test_the_app_runs_under_the_readme_role(app_role_url: str):
    migrate(app_role_url)  # what the app does on start: the schema is current, nothing to change
    accounts.add_user("uusi", "viewer", None, url=app_role_url)
    accounts.update_user("uusi", active=False, url=app_role_url)
    accounts.record_audit("user_disable", "yllapitaja", {"user": "uusi"}, url=app_role_url)
    assert actions(app_role_url) == ["user_disable"]


OWNER_ONLY = {
    "update": "UPDATE audit_event SET action = 'nothing'",
    "delete": "DELETE FROM audit_event",
    "truncate": "TRUNCATE audit_event",
    "drop_trigger": "DROP TRIGGER audit_event_no_change ON audit_event",
    "disable_triggers": "ALTER TABLE audit_event DISABLE TRIGGER ALL",
}


@pytest.mark.parametrize("statement", OWNER_ONLY)
def test_the_readme_role_may_not_rewrite_the_audit_log(app_role_url: str, statement: str):
    accounts.record_audit("login", "katsoja", url=app_role_url)
    with pytest.raises(Exception, match="permission denied|must be owner"), engine(app_role_url).begin() as c:
        c.execute(text(OWNER_ONLY[statement]))
    assert actions(app_role_url) == ["login"]


def test_the_audit_log_shows_events_without_details_or_address(sample_url: str, monkeypatch):
    """A failed login is recorded without details: the admin page's log still answers (pandas 3 holds the
    missing text as NaN next to the other events' texts)."""
    from dashboards.pages import admin

    monkeypatch.setenv("DATABASE_URL", sample_url)
    accounts.record_audit("login_failed", "arvaaja", url=sample_url)
    accounts.record_audit("login", "yllapitaja", {"method": "password"}, remote_addr="10.0.0.7", url=sample_url)
    rows, _columns = admin.audit_rows("fi")
    failed = next(row for row in rows if row["username"] == "arvaaja")
    assert failed["details"] == "" and failed["remote_addr"] == ""
    assert next(row for row in rows if row["username"] == "yllapitaja")["remote_addr"] == "10.0.0.7"
