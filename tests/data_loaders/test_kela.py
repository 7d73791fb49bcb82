"""Kela's kuntaosuus file as Kela publishes it: cells of age × gender × day class, reconciled on import.

``tests/data/kela_kunnittain_liitos.csv`` is hand-made in Kela's shape (Kela's
table schema, as quoted in the kelaopendata package's README): Kuopio 297 and
Juankoski 174 (merged into Kuopio on 1.1.2017) in January–February 2016 and
Kuopio in January–February 2017, with overlapping day-class rows, a refund
cell, a 199 row with money, Vuosikertymä and Vuosi rows, and a Vuosi row that
disagrees with its months by one cent.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from data_loaders.imports import import_file
from db import queries
from models.savings import kuntaosuus_totals, savings_by_month, savings_by_year

DATA = Path(__file__).resolve().parents[1] / "data"
MERGER_FILE = DATA / "kela_kunnittain_liitos.csv"
HEADER = MERGER_FILE.read_text(encoding="utf-8").splitlines()[0]
JUANKOSKI_INTO_KUOPIO = pd.DataFrame({"old_code": ["174"], "new_code": ["297"]})


def load(url: str, content: bytes | None = None, name: str = "kela.csv"):
    return import_file(MERGER_FILE.read_bytes() if content is None else content, name, url=url)


def month_totals(url: str) -> dict[tuple[str, str], int]:
    rows = queries.kela_area_totals(url=url, period_type="Kuukausi", day_class="Yhteensä")
    rows = rows[~rows["suppressed"]]
    return {(code, f"{m:%Y-%m}"): int(c) for code, m, c in rows[["area_code", "month", "kuntaosuus_cents"]].values}


def test_a_month_is_the_sum_of_its_cells_without_class_or_year_rows(db_url: str):
    result = load(db_url)
    assert (result.status, result.rows_read, result.rows_imported) == ("imported", 25, 25)
    assert month_totals(db_url) == {
        # Kuopio 1/2016: cells 25-29 Mies 1 000,00 + 50-54 Nainen 2 000,00; the class rows (400 + 300 + 500
        # + 2 000 = 3 200) overlap and the Vuosikertymä rows repeat the month: neither is added.
        ("297", "2016-01"): 300000,
        # Kuopio 2/2016: 1 100,00 + 1 900,00 + the refund cell −50,00 = 2 950,00.
        ("297", "2016-02"): 295000,
        ("174", "2016-01"): 30000,
        ("174", "2016-02"): 31000,
        ("297", "2017-01"): 290000,  # 1 000,00 + 1 900,00
        ("297", "2017-02"): 300000,  # 1 200,00 + 1 800,00
    }


def test_savings_count_the_merged_municipality_on_todays_boundaries(db_url: str):
    load(db_url)
    rows = queries.kela_area_totals(url=db_url, period_type="Kuukausi", day_class="Yhteensä")
    totals = kuntaosuus_totals(rows, JUANKOSKI_INTO_KUOPIO)
    monthly = savings_by_month(totals, 2016)
    # Baseline on today's boundaries: Kuopio + Juankoski. 1/2016 3 000 + 300 = 3 300 €, 2/2016 2 950 + 310
    # = 3 260 €; actual 2017: 2 900 € and 3 000 €, savings 400 € and 260 €.
    assert monthly[["baseline_cents", "actual_cents", "savings_cents"]].values.tolist() == [
        [330000, 290000, 40000],
        [326000, 300000, 26000],
    ]
    # The two months: 660 € of 6 560 € = 10.06 %.
    assert savings_by_year(monthly).iloc[0]["savings_pct"] == 10.06


def test_money_of_no_municipality_is_reported_and_counted_nowhere(db_url: str):
    result = load(db_url)
    years = [m.text("fi") for m in result.messages if m.key == "msg.kela_year"]
    # 2016: Kuopio 3 000 + 2 950 and Juankoski 300 + 310 = 6 560,00 €; the 199 row 77,77 € beside it.
    assert "Vuosi 2016: kuntien kuntaosuus yhteensä 6\xa0560,00\xa0€ (2 kuntaa, 2 kuukautta" in years[0]
    assert "(kunta 199 Tuntematon) 77,77\xa0€" in years[0]
    assert "Vuosi 2017: kuntien kuntaosuus yhteensä 5\xa0900,00\xa0€ (1 kuntaa" in years[1]
    assert ("199", "2016-01") not in month_totals(db_url)


def test_a_year_row_that_differs_from_its_months_by_a_cent_is_reported(db_url: str):
    result = load(db_url)
    by_key = {m.key: m for m in result.messages}
    # Kuopio's Vuosi cells 2 100,00 + 3 900,00 − 50,00 = 5 950,00 = its months; Juankoski's says 610,01
    # against 300,00 + 310,00 = 610,00.
    assert "1/2" in by_key["msg.kela_year_rows"].text("fi")
    differs = by_key["msg.kela_year_row_differs"]
    assert differs.severity == "warning" and differs.row == 22
    assert "Kunta 174 vuosi 2016" in differs.text("fi") and "ero −0,01\xa0€" in differs.text("fi")
    assert "difference -€0.01" in differs.text("en") or "difference −0,01" in differs.text("en")


def test_day_classes_are_reported_as_an_overlapping_breakdown_and_refunds_counted(db_url: str):
    result = load(db_url)
    text = next(m.text("fi") for m in result.messages if m.key == "msg.kela_day_classes")
    # Kuopio 1/2016: 300-499 400 €, 500-999 300 €, 1000+ 500 + 2 000 €: 3 200 € though the month is 3 000 €.
    assert "300-499 400,00\xa0€, 500-999 300,00\xa0€, 1000 tai yli 2\xa0500,00\xa0€" in text
    assert "päällekkäisiä" in text
    refunds = next(m.text("fi") for m in result.messages if m.key == "msg.kela_refunds")
    assert refunds.startswith("Taulukko 'kela.csv': 1 solua on palautuksia") and "−50,00" in refunds


def test_a_file_with_total_rows_for_age_or_gender_is_refused_as_not_kelas(db_url: str):
    lines = [
        "Kuukausi,1,201601,2016,980,Ylöjärvi,Yhteensä,Yhteensä,Yhteensä,579,12159,466938.12,301250.40",
        "Kuukausi,1,201601,2016,980,Ylöjärvi,Yhteensä,Nainen,Yhteensä,289,6069,233469.06,150625.20",
    ]
    before = queries.table_counts(db_url)
    result = load(db_url, "\n".join([HEADER, *lines]).encode(), "vanha.csv")
    assert result.status == "rejected"
    errors = [m for m in result.messages if m.key == "msg.kela_total_rows"]
    assert [m.cell for m in errors] == ["G2", "H2"]
    assert "Kelan aineistossa ei ole ikäryhmän eikä sukupuolen Yhteensä-rivejä" in errors[0].text("fi")
    assert "Kela's data has no total rows for age group or gender" in errors[0].text("en")
    assert queries.table_counts(db_url) == before


@pytest.mark.parametrize(
    ("header", "unknown", "needed"),
    [
        # a 2025+ file whose day-class column has a name the map does not know
        (
            "aikatyyppi,vuosikuukausi,kunta_nro,kunta_nimi,etuus,ikaryhma,sukupuoli,kertymapaivien_luokka,"
            "saaja_lkm,kunnan_rahoitusosuus_eur",
            "kertymapaivien_luokka",
            "tyomarkkinatukipaiva_luokka / kertymapaiva_luokka",
        ),
        # by employment area, with an area code column of an unknown name
        (
            "aikatyyppi,vuosikuukausi,tyollisyysalue_tunnus,tyollisyysalue_nimi,ikaryhma,sukupuoli,"
            "kertymapaiva_luokka,rahoitusosuus_eur",
            "tyollisyysalue_tunnus",
            "–",
        ),
        # an extra breakdown column nobody has seen: summing across it would count euros twice
        (
            "aikatyyppi,vuosikuukausi,kunta_nro,kunta_nimi,etuus,maksuperuste,ikaryhma,sukupuoli,"
            "kertymapaiva_luokka,kunnan_rahoitusosuus_eur",
            "maksuperuste",
            "–",
        ),
    ],
)
def test_a_2025_layout_whose_columns_do_not_map_is_refused_naming_them(db_url, header, unknown, needed):
    fields = len(header.split(","))
    content = f"{header}\n{','.join(['Kuukausi', '202501'] + ['1'] * (fields - 2))}\n".encode()
    before = queries.table_counts(db_url)
    result = load(db_url, content, "kela_2025.csv")
    assert result.status == "rejected"
    message = next(m for m in result.messages if m.key == "msg.kela_unknown_columns")
    assert f"Tiedoston sarakkeet: {header.replace(',', ', ')}." in message.text("fi")
    assert f"Tuntemattomat: {unknown}." in message.text("fi")
    if needed != "–":
        assert needed in message.text("fi")
    assert queries.table_counts(db_url) == before


@pytest.mark.parametrize(
    ("value", "key"),
    [
        ("1e20", "msg.amount_out_of_bounds"),
        ("inf", "msg.amount_out_of_bounds"),
        ("-9999999999999", "msg.amount_out_of_bounds"),  # −10¹³ €: beyond the one bound ±10¹² € (models.amounts)
        ("1000000000000", "msg.amount_out_of_bounds"),  # exactly 10¹² €: the bound itself is refused
        ("12.345", "msg.not_a_number"),
        ("kolme", "msg.not_a_number"),
    ],
)
def test_an_amount_that_is_not_money_is_refused_naming_the_cell(db_url: str, value: str, key: str):
    line = f"Kuukausi,1,201601,2016,837,Tampere,25-29,Mies,Yhteensä,1,2,3.00,{value}"
    result = load(db_url, f"{HEADER}\n{line}\n".encode(), "raha.csv")
    assert result.status == "rejected" and (result.rows_read, result.rows_rejected) == (1, 1)
    error = result.messages[0]
    assert (error.key, error.cell) == (key, "M2") and value in error.text("fi")


def test_finnish_written_amounts_are_read_exactly(db_url: str):
    line = 'Kuukausi,1,201601,2016,837,Tampere,25-29,Mies,Yhteensä,1,2,"1 234,50","−617,25"'
    result = load(db_url, f"{HEADER}\n{line}\n".encode(), "teksti.csv")
    assert result.status == "imported"
    row = queries.kela_kuntaosuus(url=db_url).iloc[0]
    assert (int(row["paid_cents"]), int(row["kuntaosuus_cents"])) == (123450, -61725)


def test_a_line_with_too_many_fields_is_refused_with_its_line(db_url: str):
    line = "Kuukausi,1,201601,2016,837,Tampere,25-29,Mies,Yhteensä,1,2,3.00,1.50,ylimääräinen"
    result = load(db_url, f"{HEADER}\n{line}\n".encode(), "rikki.csv")
    assert result.status == "rejected" and "line 2" in result.messages[0].text("fi")


def test_a_new_version_replaces_the_totals_of_its_areas(db_url: str):
    load(db_url)
    corrected = MERGER_FILE.read_text(encoding="utf-8").replace(
        "Kuukausi,1,201701,2017,297,Kuopio,25-29,Mies,Yhteensä,5,100,2000.00,1000.00",
        "Kuukausi,1,201701,2017,297,Kuopio,25-29,Mies,Yhteensä,5,100,2000.00,1111.11",
    )
    assert load(db_url, corrected.encode(), "korjattu.csv").status == "imported"
    # 1 111,11 + 1 900,00 = 3 011,11 €; every other month as before
    assert month_totals(db_url)[("297", "2017-01")] == 301111
    assert month_totals(db_url)[("297", "2016-01")] == 300000


def test_mittari_import_json_carries_the_reconciliation(db_url: str):
    from tests.test_cli import mittari

    run = mittari(db_url, "import", str(MERGER_FILE), "--json")
    assert run.returncode == 0, run.stderr
    texts = [m["text"] for m in json.loads(run.stdout)["messages"]]
    assert any("Vuosi 2016: kuntien kuntaosuus yhteensä 6\xa0560,00\xa0€" in text for text in texts)
    assert any("Kunta 174 vuosi 2016" in text for text in texts)


def test_an_import_says_which_programme_still_lacks_kela_months(db_url: str):
    from data_loaders.sample import load_municipalities, load_programmes
    from tests.conftest import SAMPLE

    load_municipalities(SAMPLE, db_url)
    load_programmes(SAMPLE, db_url)  # Tampere's ten pilots and Kuopio, no statistics yet
    result = load(db_url)  # Kuopio (and Juankoski) 2016–2017 only
    warnings = {m.key: m.text("fi") for m in result.messages if m.severity == "warning" and m.key.startswith("missing")}
    # Tampere's members have no month at all: both sides of the comparison are missing, every member named
    assert set(warnings) == {"missing.kela_baseline", "missing.kela_later"}
    assert "perusvuodelta 2016: Hämeenkyrö (108), Kangasala (211)" in warnings["missing.kela_baseline"]
    assert (
        "Kunnan osarahoittaman työmarkkinatuen saajat ja maksetut etuudet kunnittain" in warnings["missing.kela_later"]
    )
    # Kuopio has both (on today's boundaries): no warning names it
    assert not any("Kuopio (297)" in text for text in warnings.values())
