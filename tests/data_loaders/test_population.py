"""Statistics Finland's population table 11ra (Väestörakenne, year-end population) through the StatFin reader.

The fixtures (json-stat2, PxWeb json, a long CSV) hold invented figures (not real) in the shape 11ra
answers: variables Alue (KU297, SSS …), Tiedot (vaesto, since 2026 prefixed vaerak-vaesto, text
"Väkiluku") and Vuosi (2016, 2017); Juankoski's 2017 cell is '.' (it merged into Kuopio on 1.1.2017).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from data_loaders.imports import import_file
from db import queries

DATA = Path(__file__).resolve().parents[1] / "data"
JSONSTAT = DATA / "statfin_11ra_example.json"
LONG_CSV = DATA / "statfin_11ra_long.csv"
PXWEB = DATA / "statfin_11ra_pxweb.json"


@pytest.mark.parametrize("path", [JSONSTAT, PXWEB, LONG_CSV], ids=lambda path: path.name)
def test_population_is_kept_per_municipality_and_year(db_url: str, path: Path):
    result = import_file(path.read_bytes(), path.name, url=db_url)
    assert (result.status, result.kind) == ("imported", "statfin_11ra")
    found = queries.population_by_year(db_url).set_index(["municipality", "year"])["population"]
    # the fixture's figures: Kuopio 112 117 (2016) and 117 740 (2017); Juankoski 4 613 (2016), '.' in 2017
    assert found.loc[("297", 2016)] == 112_117 and found.loc[("297", 2017)] == 117_740
    assert found.loc[("174", 2016)] == 4_613
    assert ("174", 2017) not in found.index  # missing stays missing, never a zero
    assert "SSS" not in set(found.index.get_level_values(0))  # municipalities only


def test_a_monthly_table_with_years_is_refused(db_url: str):
    # 12r5 is monthly: a year in its time variable is no month, and the file is refused saying so
    data = json.loads(JSONSTAT.read_text(encoding="utf-8"))
    data["dimension"]["Tiedot"]["category"] = {"index": {"TYOTTOMAT25": 0}, "label": {"TYOTTOMAT25": "x"}}
    data["extension"]["px"]["tableid"] = "12r5"
    result = import_file(json.dumps(data).encode(), "vuodet.json", url=db_url)
    assert result.status == "rejected"
    assert any("2016" in message.text("fi") and "VVVVMkk" in message.text("fi") for message in result.messages)


def test_the_comparison_uses_the_imported_population_on_todays_boundaries(sample_url: str):
    from models.savings import MONTH_TOTAL, kuntaosuus_totals
    from reports.comparison import comparison

    import_file(JSONSTAT.read_bytes(), JSONSTAT.name, url=sample_url)
    groups = queries.comparison_groups("kuopio", sample_url)
    six = int(groups.loc[groups["register_key"] == "six_largest", "group_id"].iloc[0])
    view = comparison("kuopio", six, 2017, None, sample_url)
    kuopio = next(r for r in view.rows if r["municipality"] == "297" and r["indicator"] == "kuntaosuus_per_resident")
    # 2017: Kuopio's own 117 740 (Juankoski is '.' that year, merged); the 2016 baseline on today's boundaries:
    # Kuopio 112 117 + Juankoski 4 613 = 116 730 residents
    assert (kuopio["population"], kuopio["population_year"], kuopio["population_source"]) == (117_740, 2017, "statfin")
    totals = kuntaosuus_totals(
        queries.kela_area_totals(url=sample_url, **MONTH_TOTAL), queries.municipality_mergers(sample_url)
    )
    kuopio_totals = totals[totals["municipality"] == "297"]
    cents_2016 = kuopio_totals[kuopio_totals["month"].dt.year == 2016]["kuntaosuus_cents"].sum()
    cents_2017 = kuopio_totals[kuopio_totals["month"].dt.year == 2017]["kuntaosuus_cents"].sum()
    assert kuopio["baseline_value"] == pytest.approx(cents_2016 / 100 / 116_730)
    assert kuopio["value"] == pytest.approx(cents_2017 / 100 / 117_740)
    # Tampere's 2017 from 11ra too; Helsinki, not in the file, keeps the register's (end of 2020)
    tampere = next(r for r in view.rows if r["municipality"] == "837" and r["indicator"] == "kuntaosuus_per_resident")
    helsinki = next(r for r in view.rows if r["municipality"] == "091" and r["indicator"] == "kuntaosuus_per_resident")
    assert (tampere["population"], tampere["population_source"]) == (231_853, "statfin")
    assert (helsinki["population_source"], helsinki["population_year"]) == ("register", 2020)
