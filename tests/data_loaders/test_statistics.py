"""Kela and StatFin loaders on the published shapes: every row kept, totals not invented, missing stays missing."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest

from data_loaders.imports import import_file
from data_loaders.sample import load_municipalities
from db import queries
from tests.conftest import SAMPLE

DATA = Path(__file__).resolve().parents[1] / "data"
KELA_EXAMPLE = DATA / "kela_kuntaosuus_example.csv"
STATFIN_JSON = DATA / "statfin_12r5_example.json"


@pytest.fixture
def register_url(db_url: str) -> str:
    """A database that knows the municipalities' names (a CSV export may name areas, not code them)."""
    load_municipalities(SAMPLE, db_url)
    return db_url


def load(path: Path, url: str, content: bytes | None = None, name: str | None = None):
    return import_file(path.read_bytes() if content is None else content, name or path.name, url=url)


@pytest.mark.parametrize(
    ("file_name", "kind", "rows"),
    [
        ("kela_kuntaosuus_example.csv", "kela_kuntaosuus", 42),  # 42 data lines in the shared example
        ("kela_2025_kunnittain.csv", "kela_kuntaosuus", 5),
        ("statfin_12r5_example.json", "statfin_12r5", 12),  # size 2 × 3 × 2
        ("statfin_12r5_export.csv", "statfin_12r5", 12),  # 6 lines × 2 indicator columns
        ("statfin_12u4_long.csv", "statfin_12u4", 4),
    ],
)
def test_statistics_files_are_detected_imported_then_unchanged(register_url: str, file_name: str, kind: str, rows: int):
    db_url = register_url
    first = load(DATA / file_name, db_url)
    assert (first.status, first.kind, first.rows_read, first.rows_imported, first.rows_rejected) == (
        "imported",
        kind,
        rows,
        rows,
        0,
    )
    assert first.as_json()["totals"] == [] and first.programme is None and first.budget is None
    versions = queries.import_versions(url=db_url)
    assert versions["programme"].isna().all() and versions["budget"].isna().all()
    again = load(DATA / file_name, db_url)
    assert (again.status, again.version) == ("unchanged", first.version)


def test_kela_rows_are_kept_as_published_with_money_of_no_municipality_marked(db_url: str):
    load(KELA_EXAMPLE, db_url)
    rows = queries.kela_kuntaosuus(url=db_url)
    assert len(rows) == 42 and set(rows["regime"]) == {"2015-2024"}
    nowhere = rows[rows["suppressed"]]
    # the shared example's 199 / Tuntematon row: 1 225,00 € of kuntaosuus that belongs to no municipality
    assert list(nowhere["area_code"]) == ["199"] and list(nowhere["kuntaosuus_cents"]) == [122500]
    # Ylöjärvi 2/2016, 65-67 Mies: kunta_osuus_eur -490.00, a refund, stays negative.
    refund = rows[(rows["area_code"] == "980") & (rows["ikaryhma"] == "65-67")]
    assert list(refund["kuntaosuus_cents"]) == [-49000]
    # Ylöjärvi 1/2016, 25-29 Mies, Yhteensä (line 2): 41 230,50 € exactly in cents.
    first = rows[(rows["area_code"] == "980") & (rows["source_row"] == 2)]
    assert int(first["kuntaosuus_cents"].iloc[0]) == 4123050


def test_kela_2025_dataset_is_tagged_with_its_regime(db_url: str):
    load(DATA / "kela_2025_kunnittain.csv", db_url)
    rows = queries.kela_kuntaosuus(url=db_url)
    assert set(rows["regime"]) == {"2025+"}
    assert set(rows["benefit"]) == {"Yhteensä", "Työmarkkinatuki"}
    assert set(rows["day_class"]) == {"Yhteensä", "101-200", "201-999", "1000"}


@pytest.mark.parametrize(
    ("line", "cell", "words"),
    [
        ("Kuukausi,1,201613,2016,837,Tampere,25-29,Mies,Yhteensä,1,2,3.00,1.50", "C2", "201613"),
        ("Kuukausi,1,201601,2016,837,Tampere,25-29,Mies,Yhteensä,1,2,kolme,1.50", "L2", "kolme"),
        ("Kuukausi,1,202501,2025,837,Tampere,25-29,Mies,Yhteensä,1,2,3.00,1.50", "C2", "2025"),
        ("Viikko,1,201601,2016,837,Tampere,25-29,Mies,Yhteensä,1,2,3.00,1.50", "A2", "Viikko"),
    ],
)
def test_bad_kela_row_rejects_the_file_naming_row_and_column(db_url: str, line: str, cell: str, words: str):
    header = KELA_EXAMPLE.read_text(encoding="utf-8").splitlines()[0]
    before = queries.table_counts(db_url)
    result = load(KELA_EXAMPLE, db_url, f"{header}\n{line}\n".encode(), "bad.csv")
    assert result.status == "rejected" and (result.rows_read, result.rows_rejected) == (1, 1)
    error = result.messages[0]
    assert (error.severity, error.cell, error.row) == ("error", cell, 2)
    assert words in error.text("fi") and error.text("fi").startswith("Taulukko 'bad.csv', rivi 2, sarake")
    assert queries.table_counts(db_url) == before


def test_statfin_json_runs_row_major_and_keeps_null_missing_with_its_status(db_url: str):
    load(STATFIN_JSON, db_url)
    cells = queries.statfin_observations(url=db_url).set_index(["area_code", "indicator", "month"])
    # value[5] = 160: Alue 0 (KU211), Kuukausi 2 (2016M03), Tiedot 1 (TYOTTOMAT25): 0·6 + 2·2 + 1.
    assert cells.loc[("KU211", "TYOTTOMAT25", pd.Timestamp("2016-03-01")), "value"] == 160
    # value[9] = null, status ".": Alue 1 (KU418), Kuukausi 1 (2016M02), Tiedot 1: 1·6 + 1·2 + 1.
    missing = cells.loc[("KU418", "TYOTTOMAT25", pd.Timestamp("2016-02-01"))]
    assert pd.isna(missing["value"]) and missing["status"] == "."
    assert cells["value"].isna().sum() == 1


def test_statfin_csv_export_gives_the_same_cells_as_the_json(register_url: str):
    columns = ["area_code", "indicator", "month", "value", "status"]
    load(STATFIN_JSON, register_url)
    from_json = queries.statfin_observations(url=register_url)
    csv_version = load(DATA / "statfin_12r5_export.csv", register_url).version
    from_csv = queries.statfin_observations(url=register_url)
    assert set(from_csv["version_id"]) == {csv_version}  # the newer file replaced every cell ...
    pd.testing.assert_frame_equal(from_json[columns], from_csv[columns])  # ... with the same values


def test_newest_version_wins_per_observation(db_url: str):
    load(STATFIN_JSON, db_url)
    revised = STATFIN_JSON.read_text(encoding="utf-8").replace("  null,\n  930", "  117,\n  930")
    result = load(STATFIN_JSON, db_url, revised.encode(), "revised.json")
    assert result.status == "imported"
    cells = queries.statfin_observations(url=db_url)
    assert len(cells) == 12 and cells["value"].isna().sum() == 0
    assert set(cells["version_id"]) == {result.version}
    # The first file is no longer current, so importing it again makes it the newest version.
    assert load(STATFIN_JSON, db_url).status == "imported"


@pytest.mark.parametrize(
    ("content", "key"),
    [
        (b'{"version": "2.0", "class": "dataset"', "msg.statfin_not_jsonstat"),
        (
            b'{"id": ["Alue"], "size": [1], "dimension": {"Alue": {"category": {"index": ["SSS"]}}}, "value": [1]}',
            "msg.statfin_no_dimension",
        ),
    ],
)
def test_broken_json_is_rejected_before_being_read_as_csv(db_url: str, content: bytes, key: str):
    result = import_file(content, "vastaus.csv", url=db_url)
    assert result.status == "rejected" and result.messages[0].key == key


def test_json_month_dimension_gives_first_day_of_month(db_url: str):
    load(STATFIN_JSON, db_url)
    months = sorted(set(queries.statfin_observations(url=db_url)["month"].dt.date))
    assert months == [dt.date(2016, 1, 1), dt.date(2016, 2, 1), dt.date(2016, 3, 1)]


def test_mittari_import_json_reports_statistics_without_totals_or_programme(db_url: str):
    from tests.test_cli import mittari

    result = mittari(db_url, "import", str(KELA_EXAMPLE), "--json")
    report = json.loads(result.stdout)
    assert result.returncode == 0, result.stderr
    assert (report["status"], report["kind"], report["totals"], report["programme"]) == (
        "imported",
        "kela_kuntaosuus",
        [],
        None,
    )
    assert report["rows_read"] == report["rows_imported"] + report["rows_rejected"] == 42


def test_imported_files_names_each_standing_kela_file_once_oldest_first(db_url: str):
    """What the Overview names as the source of kuntaosuus: the Kela files whose import stands."""
    load(KELA_EXAMPLE, db_url)
    load(DATA / "kela_2025_kunnittain.csv", db_url)
    load(KELA_EXAMPLE, db_url)  # unchanged: no second version
    load(DATA / "statfin_12u4_long.csv", db_url)  # another kind
    header = KELA_EXAMPLE.read_text(encoding="utf-8").splitlines()[0]
    refused = load(KELA_EXAMPLE, db_url, f"{header}\nnot;a;row\n".encode(), "refused.csv")
    assert refused.status != "imported"
    standing = ["kela_kuntaosuus_example.csv", "kela_2025_kunnittain.csv"]
    assert queries.imported_files("kela_kuntaosuus", db_url) == standing


def test_area_totals_read_with_fewer_columns_are_the_same_rows(db_url: str):
    """What the pack reads of Kela's day classes: only the columns it asks for, the rows and values unchanged."""
    load(KELA_EXAMPLE, db_url)
    full = queries.kela_area_totals(url=db_url, period_type="Kuukausi", sums=("recipients",))
    columns = ("month", "period_type", "day_class", "suppressed")
    narrow = queries.kela_area_totals(url=db_url, period_type="Kuukausi", sums=("recipients",), columns=columns)
    assert list(narrow.columns) == ["period_type", "month", "day_class", "suppressed", "recipients"]
    assert not narrow.empty
    pd.testing.assert_frame_equal(narrow, full[list(narrow.columns)])
