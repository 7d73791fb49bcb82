"""Issue 7 on both databases: indexes for the pages' reads, narrowed reads, the data version, the cache."""

from __future__ import annotations

import datetime as dt
import threading
import time
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import inspect, text

from data_loaders.imports import import_file
from db import accounts, queries, store
from db.engine import engine, migrate, transaction
from db.plans import save_commentary
from db.store import rollback_budget
from db.tables import Budget
from tests.security.conftest import client_for, secured, update  # noqa: F401 - secured: the app with users

DATA = Path(__file__).resolve().parent / "data"
STATFIN_JSON = DATA / "statfin_12r5_example.json"
KELA_EXAMPLE = DATA / "kela_kuntaosuus_example.csv"
KUOPIO = "kuopio"
KUOPIO_BUDGET = "Käytettävissä olevat resurssit 2019"  # sample_data/programmes.json


@pytest.mark.parametrize(
    ("table", "index", "columns"),
    [
        ("kela_kuntaosuus", "ix_kela_kuntaosuus_area_dimensions", ["area_code", "ikaryhma", "sukupuoli", "month"]),
        ("statfin_observation", "ix_statfin_area", ["area_code", "indicator", "month"]),
        ("statfin_observation", "ix_statfin_indicator_month", ["indicator", "month"]),
        ("budget_line", "ix_budget_line_slice", ["budget_id", "year", "scenario", "version_id"]),
    ],
)
def test_the_pages_filters_have_their_indexes(db_url: str, table: str, index: str, columns: list[str]):
    # migration 0005 (and db/tables.py, so alembic check stays clean)
    found = {ix["name"]: ix["column_names"] for ix in inspect(engine(db_url)).get_indexes(table)}
    assert found.get(index) == columns


def test_narrowed_statfin_read_keeps_the_newest_version(db_url: str):
    import_file(STATFIN_JSON.read_bytes(), "first.json", url=db_url)
    revised = STATFIN_JSON.read_text(encoding="utf-8").replace("  null,\n  930", "  117,\n  930")
    newer = import_file(revised.encode(), "revised.json", url=db_url)
    # tests/data/statfin_12r5_example.json: Lempäälä (KU418) TYOTTOMAT25 in 2/2016 was null, the revision says 117
    cells = queries.statfin_observations(
        areas=["KU418"], indicators=["TYOTTOMAT25"], months=[dt.date(2016, 2, 1)], url=db_url
    )
    assert cells[["area_code", "indicator", "value"]].values.tolist() == [["KU418", "TYOTTOMAT25", 117.0]]
    assert cells["version_id"].tolist() == [newer.version]
    since = queries.statfin_observations(areas=["KU211"], since=dt.date(2016, 3, 1), url=db_url)
    assert set(since["month"]) == {pd.Timestamp("2016-03-01")} and len(since) == 2  # two indicators in 3/2016


def replacements(url: str, table: str) -> list[tuple]:
    with engine(url).connect() as connection:
        return connection.execute(text(f"SELECT id, version_id, replaced_by FROM {table} ORDER BY id")).all()


def test_an_import_marks_the_rows_it_replaces(db_url: str):
    first = import_file(STATFIN_JSON.read_bytes(), "first.json", url=db_url)
    revised = STATFIN_JSON.read_text(encoding="utf-8").replace("  null,\n  930", "  117,\n  930")
    newer = import_file(revised.encode(), "revised.json", url=db_url)
    rows = replacements(db_url, "statfin_observation")
    # the revision publishes every cell again: each first-version cell is replaced by it, its own are current
    assert {(version, by) for _, version, by in rows} == {(first.version, newer.version), (newer.version, None)}
    assert len(queries.statfin_observations(url=db_url)) == len(rows) / 2
    # the first file again is a new version (its cells were replaced), and replaces the revision's
    again = import_file(STATFIN_JSON.read_bytes(), "first.json", url=db_url)
    assert again.version > newer.version
    assert {by for _, version, by in replacements(db_url, "statfin_observation") if version == newer.version} == {
        again.version
    }


def waits_for_a_lock_on(table: str, url: str, timeout_s: float = 10) -> bool:
    """True once some transaction waits for a lock on ``table`` (PostgreSQL's ``pg_locks``)."""
    waiting = text("SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = CAST(:table AS regclass)")
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        with engine(url).connect() as connection:
            if connection.scalar(waiting, {"table": table}):
                return True
        time.sleep(0.05)
    return False


def test_two_imports_at_once_leave_one_current_row_per_observation(db_url: str, monkeypatch):
    if db_url.startswith("sqlite"):
        pytest.skip("SQLite lets one transaction write at a time: the second import waits or fails, never interleaves")
    recorded, release = threading.Event(), threading.Event()
    record = store.record_statistics_version

    def record_then_wait(session, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        version = record(session, *args, **kwargs)
        if threading.current_thread().name == "first":  # holds its transaction open, rows written, not committed
            recorded.set()
            release.wait(timeout=30)
        return version

    monkeypatch.setattr(store, "record_statistics_version", record_then_wait)
    revised = STATFIN_JSON.read_text(encoding="utf-8").replace("  null,\n  930", "  117,\n  930").encode()
    results = {}
    first = threading.Thread(
        name="first", target=lambda: results.update(first=import_file(STATFIN_JSON.read_bytes(), "a.json", url=db_url))
    )
    second = threading.Thread(
        name="second", target=lambda: results.update(second=import_file(revised, "b.json", url=db_url))
    )
    first.start()
    assert recorded.wait(timeout=30)
    second.start()
    assert waits_for_a_lock_on("statfin_observation", db_url)  # the second import waits for the first to commit
    release.set()
    first.join(timeout=30)
    second.join(timeout=30)
    assert results["second"].version > results["first"].version
    current = queries.statfin_observations(url=db_url)
    assert not current.duplicated(["table_id", "area_code", "indicator", "month"]).any()
    assert set(current["version_id"]) == {results["second"].version}


def test_migration_0006_marks_existing_rows_as_an_import_would(db_url: str):
    import_file(STATFIN_JSON.read_bytes(), "first.json", url=db_url)
    import_file(KELA_EXAMPLE.read_bytes(), KELA_EXAMPLE.name, url=db_url)
    revised = STATFIN_JSON.read_text(encoding="utf-8").replace("  null,\n  930", "  117,\n  930")
    import_file(revised.encode(), "revised.json", url=db_url)
    # a Kela revision of one cell (Ylöjärvi, 25-29 Mies, 1/2016): that row replaced, the others stay current
    kela = KELA_EXAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)
    corrected = kela[1].replace("65968.80,41230.50", "65968.80,41000.00")
    assert corrected != kela[1]
    import_file("".join([kela[0], corrected]).encode(), "kela_korjaus.csv", url=db_url)
    marked = {table: replacements(db_url, table) for table in ("statfin_observation", "kela_kuntaosuus")}
    assert sum(by is not None for _, _, by in marked["kela_kuntaosuus"]) == 1
    migrate(db_url, "0005", down=True)  # replaced_by gone
    migrate(db_url)  # and filled in again by migration 0006 from the versions alone
    assert {table: replacements(db_url, table) for table in marked} == marked


def test_narrowed_area_totals_are_the_cells_added_up(db_url: str):
    import_file(KELA_EXAMPLE.read_bytes(), KELA_EXAMPLE.name, url=db_url)
    everything = queries.kela_kuntaosuus(url=db_url)
    narrowed = queries.kela_area_totals(
        "2015-2024", db_url, areas=["980"], period_type="Kuukausi", day_class="Yhteensä"
    )
    cells = everything[
        everything["area_code"].eq("980")
        & everything["period_type"].eq("Kuukausi")
        & everything["day_class"].eq("Yhteensä")
    ]
    expected = cells.groupby("month")["kuntaosuus_cents"].sum()  # what the database keeps, added up here by pandas
    assert narrowed["kuntaosuus_cents"].tolist() == expected.tolist() and len(expected) == 2
    assert narrowed["cells"].tolist() == cells.groupby("month").size().tolist() == [4, 5]
    assert narrowed["suppressed"].dtype == bool


def token(url: str) -> str:
    return queries.data_version(url)


def test_data_version_changes_with_every_kind_of_data_write(sample_url: str):
    before = token(sample_url)
    revised = import_file(STATFIN_JSON.read_bytes(), STATFIN_JSON.name, url=sample_url)
    assert revised.status == "imported" and token(sample_url) != before
    before = token(sample_url)
    assert import_file(STATFIN_JSON.read_bytes(), STATFIN_JSON.name, url=sample_url).status == "unchanged"
    assert token(sample_url) == before  # nothing written, nothing stale
    with transaction(sample_url) as session:
        budget = session.query(Budget).filter_by(name=KUOPIO_BUDGET).one()
        first = min(queries.import_versions(KUOPIO, sample_url, KUOPIO_BUDGET)["version"])
        rollback_budget(session, budget, int(first), "testi")
    assert token(sample_url) != before
    before = token(sample_url)
    with transaction(sample_url) as session:
        save_commentary(session, KUOPIO, "2019Q4", "Kommentti", "testi")
    assert token(sample_url) != before


def test_logins_and_the_audit_log_leave_the_data_version_alone(sample_url: str):
    before = token(sample_url)
    accounts.add_user("mittaaja", "viewer", None, url=sample_url)
    accounts.record_login("mittaaja", url=sample_url)
    accounts.record_audit("login", "mittaaja", {}, url=sample_url)
    assert token(sample_url) == before


def test_a_failed_import_leaves_the_data_version_alone(sample_url: str):
    before = token(sample_url)
    result = import_file(b"aikatyyppi,kunta_nro\nKuukausi,837\n", "rikki.csv", url=sample_url)
    assert result.status == "rejected" and token(sample_url) == before


# --- the cache over HTTP -------------------------------------------------------------------------


def budget_request(client, year: int) -> dict:
    """The Budget page's main callback for Kuopio's budget and ``year``, as the browser sends it."""
    entry = next(e for e in client.get("/_dash-dependencies").get_json() if "budget-grid.rowData" in e["output"])
    values = {"budget-programme": KUOPIO, "budget-budget": KUOPIO_BUDGET, "budget-year": year, "budget-lang": "fi"}
    arguments = [*entry["inputs"], *entry["state"]]
    filled = [{"id": a["id"], "property": a["property"], "value": values.get(a["id"])} for a in arguments]
    outputs = [
        {"id": part.rsplit(".", 1)[0], "property": part.rsplit(".", 1)[1]}
        for part in entry["output"].strip(".").split("...")
    ]
    return {
        "output": entry["output"],
        "outputs": outputs,
        "inputs": filled[: len(entry["inputs"])],
        "state": filled[len(entry["inputs"]) :],
        "changedPropIds": [],
    }


def toimintakate_shown(response) -> int:
    rows = next(value["rowData"] for value in response.get_json()["response"].values() if "rowData" in value)
    return next(row["budget"] for row in rows if row["code"] == "Toimintakate")


def revised_kuopio_csv() -> bytes:
    """Kuopio's resources 2019 with toimintakate 100 000 € lower (−17 153 867 €)."""
    text = (Path(__file__).resolve().parents[1] / "sample_data" / "kuopio_resurssit_2019.csv").read_text("utf-8")
    return text.replace("-17 053 867", "-17 153 867").replace("-18 510 561", "-18 610 561").encode()


def test_a_page_shows_the_new_figure_right_after_an_import(secured, sample_url: str, monkeypatch):  # noqa: F811
    from dashboards.pages import budget

    client = client_for(secured, "analyytikko")
    request = budget_request(client, 2019)
    first = update(client, request)
    # seed 004, Table 2: Kuopio's toimintakate 2019 is −17 053 867 €
    assert first.status_code == 200 and toimintakate_shown(first) == -17_053_867
    reads = []
    real = budget.queries.current_budget_lines
    monkeypatch.setattr(budget.queries, "current_budget_lines", lambda **kw: reads.append(kw) or real(**kw))
    again = update(client, request)
    assert toimintakate_shown(again) == -17_053_867 and reads == []  # served from the cache
    result = import_file(
        revised_kuopio_csv(), "kuopio_tarkistettu.csv", programme=KUOPIO, budget=KUOPIO_BUDGET, url=sample_url
    )
    assert result.status == "imported"
    after = update(client, request)
    assert toimintakate_shown(after) == -17_153_867 and len(reads) == 1  # read afresh once, right after
