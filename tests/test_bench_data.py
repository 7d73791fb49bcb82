"""bench/generate.py writes files the loaders accept, with every figure adding up."""

from __future__ import annotations

import importlib.util
import io

import numpy as np
import pandas as pd
import pytest

from data_loaders.imports import import_file
from db import queries
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def generate():
    spec = importlib.util.spec_from_file_location("generate", ROOT / "bench" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generated_ledger_imports_every_row(generate, db_url: str):
    content = generate.ledger_xlsx(2_000, np.random.default_rng(1))
    result = import_file(content, "paakirja.xlsx", budget="Pääkirja", url=db_url)
    assert result.status == "imported" and result.rows_read == 2_000
    # the bare read of the same bytes sees the same rows: title and header above 2 000 data rows
    assert len(pd.read_excel(io.BytesIO(content), engine="calamine", header=None)) == 2_002


def test_generated_kela_rows_import_and_classes_add_up_to_the_total(generate, db_url: str):
    places = generate.municipalities().head(3)
    months = generate.month_range("2016-01", "2016-03")
    cents = generate.kuntaosuus_levels(places, months, np.random.default_rng(2))
    rows = generate.kela_rows(places, months, cents, generate.OLD_CLASSES)
    rows = pd.concat([rows, generate.suppressed_rows(months)], ignore_index=True)
    result = import_file(generate.kela_csv(rows, generate.OLD_HEADER, False).encode(), "kela.csv", url=db_url)
    # per municipality and month: a total, three day classes, five ages; one suppressed row a month
    assert result.status == "imported" and result.rows_imported == 3 * 3 * 9 + 3
    stored = queries.kela_kuntaosuus(url=db_url)
    month_rows = stored[stored["ikaryhma"].eq("Yhteensä") & ~stored["suppressed"]]
    totals = month_rows[month_rows["day_class"].eq("Yhteensä")].set_index(["area_code", "month"])["kuntaosuus_cents"]
    classes = month_rows[~month_rows["day_class"].eq("Yhteensä")].groupby(["area_code", "month"])["kuntaosuus_cents"]
    assert classes.sum().sort_index().tolist() == totals.sort_index().tolist()
    assert int(totals.sum()) == int(cents.sum())


def test_generated_statfin_json_imports_with_its_missing_cells(generate, db_url: str, tmp_path):
    places = generate.municipalities().head(4)
    written = generate.write_statfin(tmp_path, places, "2006-06", np.random.default_rng(3))
    for path in written:
        assert import_file(path.read_bytes(), path.name, url=db_url).status == "imported"
    cells = queries.statfin_observations(url=db_url)
    # (4 municipalities + the country) × 6 months × (six 12r5 indicators + AKTASTE)
    assert len(cells) == 5 * 6 * 7
