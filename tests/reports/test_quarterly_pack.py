"""The quarterly pack: its figures, indicator thresholds on the sample, and sign-off freezing."""

from __future__ import annotations

import json

import pytest

from data_loaders.imports import import_file
from db import plans
from reports.quarterly import live_pack, quarterly_pack, save_commentary, sign_off
from tests.conftest import ROOT
from tests.reports.conftest import THRESHOLDS

KELA_EXAMPLE = ROOT / "tests" / "data" / "kela_kuntaosuus_example.csv"


def _row(pack: dict, key: str, detail: str | None = None) -> dict:
    return next(r for r in pack["headline"] if r["key"] == key and (detail is None or r["detail"] == detail))


def _indicator(pack: dict, key: str) -> dict:
    return next(r for r in pack["indicators"] if r["key"] == key)


def test_kuopio_2019q4_headline_reproduces_the_seeds_figures(sample_url: str):
    pack = live_pack("kuopio", "2019Q4", sample_url, thresholds=THRESHOLDS)
    budget = "Käytettävissä olevat resurssit 2019"
    # seed 004 Table 2: toimintakate −17 053 867 € for 2019, so the plan to the year's end is all of it
    assert _row(pack, "plan_to_date", budget)["year_to_date"] == -1705386700
    # … and a quarter of it in the quarter (evenly phased, half up)
    assert _row(pack, "plan_to_date", budget)["quarter"] == -426346675
    # seed 004 Table 2: kuntaosuus budgeted 10 250 000 €; the synthetic Kela sample meets it for 2019
    assert _row(pack, "kuntaosuus")["year_to_date"] == 1025000000
    # invented interim actuals 2019Q4: 1 430 000 − 18 760 000 = −17 330 000 €
    assert _row(pack, "actual_to_date", budget)["year_to_date"] == -1733000000
    assert _row(pack, "deviation_to_date", budget)["year_to_date"] == -1733000000 - -1705386700


def test_previous_quarter_of_q1_is_last_years_q4(sample_url: str):
    pack = live_pack("kuopio", "2020Q1", sample_url, thresholds=THRESHOLDS)
    assert pack["previous_quarter"] == "2019Q4"
    clients = _row(pack, "clients")  # plans.json: 3 300 in 2020Q1, 3 250 in 2019Q4
    assert (clients["quarter"], clients["previous_quarter"], clients["change"]) == (3300, 3250, 50)


@pytest.mark.parametrize(
    ("slug", "quarter", "key", "value", "status"),
    [
        # seed 004 Table 3: 22 people in posts ending 31.12.2020; within six months of 30.9.2020, not of 31.3.2020
        ("kuopio", "2020Q3", "fixed_term_posts", 22.0, "alert"),
        ("kuopio", "2020Q1", "fixed_term_posts", 0.0, "ok"),
        # plans.json: 3 350 clients / 22 client-service staff = 152.3 > 150; 3 300 / 22 = 150.0 is not above
        ("kuopio", "2020Q2", "clients_per_staff", 152.3, "alert"),
        ("kuopio", "2020Q1", "clients_per_staff", 150.0, "ok"),
        # invented interim actuals: −560 000 € against −1 000 000 × 6/12 = −500 000 € → 12 % over (threshold 5 %)
        ("tampere-seutu", "2018Q2", "budget_overrun", 12.0, "alert"),
        # 2018Q4: −1 030 000 against −1 000 000 → 3 %
        ("tampere-seutu", "2018Q4", "budget_overrun", 3.0, "ok"),
        # Kuopio has no 2020 budget in the sample: no plan, no overrun
        ("kuopio", "2020Q3", "budget_overrun", None, "no_data"),
    ],
)
def test_indicator_thresholds_on_the_sample(sample_url: str, slug: str, quarter: str, key: str, value, status: str):
    found = _indicator(live_pack(slug, quarter, sample_url, thresholds=THRESHOLDS), key)
    assert (found["value"], found["status"]) == (value, status)
    assert found["risk"] is not None  # every indicator speaks for a register risk (plans.json links)


def test_every_indicator_has_value_threshold_trend_and_risk(sample_url: str):
    pack = live_pack("tampere-seutu", "2018Q3", sample_url, thresholds=THRESHOLDS)
    assert [i["key"] for i in pack["indicators"]] == [
        "budget_overrun", "savings_forecast", "unemployment_rise", "long_recipients_share", "fixed_term_posts",
        "clients_per_staff",
    ]  # fmt: skip
    for found in pack["indicators"]:
        assert {"value", "threshold", "previous", "trend", "status", "risk"} <= set(found)
    assert _indicator(pack, "savings_forecast")["status"] != "no_data"  # issue 4's forecast answers


def test_heat_map_moves_with_the_assessments(sample_url: str):
    # plans.json: K2 residual 4 × 4 in 2020Q2, 4 × 5 in 2020Q3 → up from 16 to 20
    pack = live_pack("kuopio", "2020Q3", sample_url, thresholds=THRESHOLDS)
    k2 = next(r for r in pack["risks"] if r["code"] == "K2")
    assert (k2["previous_score"], k2["score"], k2["movement"]) == (16, 20, "up")
    cell = next(c for c in pack["heat_map"] if (c["likelihood"], c["impact"]) == (4, 5))
    assert "K2" in cell["codes"]
    assert sum(c["count"] for c in pack["heat_map"]) == len(pack["risks"]) == 7


def test_signed_quarter_keeps_its_figures_after_a_later_import(sample_url: str):
    before = live_pack("tampere-seutu", "2018Q1", sample_url, thresholds=THRESHOLDS)
    signed = sign_off("tampere-seutu", "2018Q1", "Ohjausryhmän pj", sample_url, thresholds=THRESHOLDS)
    # a later import: Kela's example file replaces Ylöjärvi's and Pirkkala's 2016 months (the baseline)
    result = import_file(KELA_EXAMPLE.read_bytes(), KELA_EXAMPLE.name, url=sample_url)
    assert result.status == "imported"
    live = live_pack("tampere-seutu", "2018Q1", sample_url, thresholds=THRESHOLDS)
    assert _row(live, "kuntaosuus_baseline")["quarter"] != _row(before, "kuntaosuus_baseline")["quarter"]
    frozen = quarterly_pack("tampere-seutu", "2018Q1", sample_url, thresholds=THRESHOLDS)
    assert frozen["frozen"] and frozen["signed_by"] == "Ohjausryhmän pj" and frozen["signed_at"]
    assert frozen["headline"] == before["headline"] == signed["headline"]
    assert frozen["indicators"] == before["indicators"]


def test_a_signed_quarter_refuses_new_commentary_and_a_second_signature(sample_url: str):
    save_commentary("kuopio", "2019Q4", "Kuntaosuus laski tavoitteen mukaisesti.", "johtaja", sample_url)
    sign_off("kuopio", "2019Q4", "johtaja", sample_url, thresholds=THRESHOLDS)
    assert (
        quarterly_pack("kuopio", "2019Q4", sample_url, thresholds=THRESHOLDS)["commentary"]
        == "Kuntaosuus laski tavoitteen mukaisesti."
    )
    with pytest.raises(plans.QuarterSigned):
        save_commentary("kuopio", "2019Q4", "Muutettu jälkikäteen", "johtaja", sample_url)
    with pytest.raises(plans.QuarterSigned):
        sign_off("kuopio", "2019Q4", "toinen", sample_url, thresholds=THRESHOLDS)
    stored = plans.quarter_report("kuopio", "2019Q4", sample_url)
    assert json.loads(stored["figures_json"])["quarter"] == "2019Q4"


def test_unknown_programme_and_bad_quarter_are_refused(sample_url: str):
    with pytest.raises(plans.UnknownProgramme):
        live_pack("ei-ole", "2019Q4", sample_url, thresholds=THRESHOLDS)
    with pytest.raises(ValueError, match="not a quarter"):
        quarterly_pack("kuopio", "2019Q5", sample_url, thresholds=THRESHOLDS)


def test_a_pack_without_statistics_says_what_is_missing_on_every_form(db_url: str):
    from io import BytesIO

    from openpyxl import load_workbook

    from data_loaders.sample import load_municipalities, load_programmes
    from reports.pdf import pack_html
    from reports.quarterly import quarterly_pack
    from reports.workbook import pack_workbook
    from tests.conftest import SAMPLE

    load_municipalities(SAMPLE, db_url)
    load_programmes(SAMPLE, db_url)  # Kuopio's programme, no Kela or StatFin file imported
    pack = quarterly_pack("kuopio", "2019Q4", db_url, thresholds=THRESHOLDS)
    keys = [note["key"] for note in pack["missing"]]
    assert keys == ["missing.kela_baseline", "missing.kela_later", "missing.statfin_baseline", "missing.statfin_later"]
    summary = load_workbook(BytesIO(pack_workbook(pack, "fi"))).worksheets[0]
    items = {summary.cell(r, 1).value: summary.cell(r, 2).value for r in range(4, summary.max_row + 1)}
    assert "Kelan kuntaosuustiedot puuttuvat perusvuodelta" in items["Puuttuvat tiedot"]
    assert "Kuopio (297)" in pack_html(pack, "en") and "are missing for the baseline year" in pack_html(pack, "en")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ("DELETE FROM statfin_observation WHERE area_code = 'KU297' AND month >= '2017-01-01'", "statfin_later"),
        (
            "UPDATE statfin_observation SET value = NULL WHERE area_code = 'KU297' AND month >= '2017-01-01'",
            "statfin_later",
        ),
        ("DELETE FROM statfin_observation WHERE area_code = 'KU297' AND month < '2017-01-01'", "statfin_baseline"),
    ],
)
def test_a_member_without_jobseekers_on_one_side_of_the_baseline_is_named(sample_url: str, change: str, expected):
    """Only the months with a known count of jobseekers count (the pack reads each member's first and last)."""
    from sqlalchemy import text

    from db.engine import engine

    assert live_pack("kuopio", "2019Q4", sample_url, thresholds=THRESHOLDS)["missing"] == []
    with engine(sample_url).begin() as connection:
        connection.execute(text(change))
    missing = live_pack("kuopio", "2019Q4", sample_url, thresholds=THRESHOLDS)["missing"]
    assert [note["key"] for note in missing] == [f"missing.{expected}"]
    assert missing[0]["fields"]["areas"] == "Kuopio (297)" and missing[0]["fields"]["year"] == 2016
