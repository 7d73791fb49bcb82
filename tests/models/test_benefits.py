"""Share bands, the kuntaosuus estimate, the what-if, unemployment changes, the benefit register and figures."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from models.benefits import indicator_status, register_status
from models.figures import savings_figures, unemployment_figures
from models.kuntaosuus import (
    bands_verified,
    class_share_pct,
    kuntaosuus_estimate,
    people_to_close_gap,
    what_if_saving,
)
from models.unemployment import change_against_baseline


@pytest.mark.parametrize(
    ("label", "regime", "share"),
    [
        ("300-499", "2015-2024", 50.0),  # 2015–2024: 50 % for days 300–999
        ("500-999", "2015-2024", 50.0),
        ("1000", "2015-2024", 70.0),  # 70 % from day 1000 (Kela's label)
        ("1000 tai yli", "2015-2024", 70.0),  # the shared example's label
        ("101-200", "2025+", 10.0),  # 2025+: the unverified placeholder table
        ("201-999", "2025+", None),  # spans bands with different shares: unknown
        ("Yhteensä", "2015-2024", None),
    ],
)
def test_day_class_share_comes_from_the_band_table(label: str, regime: str, share: float | None):
    assert class_share_pct(label, regime) == share


def test_2025_bands_are_marked_unverified():
    assert bands_verified("2015-2024") and not bands_verified("2025+")


def test_estimate_is_days_times_the_months_rate_times_the_share():
    classes = pd.DataFrame(
        {
            "day_class": ["300-499", "500-999", "1000"],
            "recipients": [10, 20, 0],
            "compensated_days": [100, 300, 600],
            "paid_cents": [300_000, 1_000_000, 2_000_000],
            "kuntaosuus_cents": [pd.NA, 500_000, pd.NA],
        }
    )
    frame = kuntaosuus_estimate(classes, "2015-2024")
    # rate = (3 000 + 10 000 + 20 000) € / 1 000 days = 33 €/day = 3 300 cents
    # 300-499: 100 · 33 · 50 % = 1 650 €; 500-999: 300 · 33 · 50 % = 4 950 €; 1000: 600 · 33 · 70 % = 13 860 €
    assert frame["estimate_cents"].tolist() == [165_000, 495_000, 1_386_000]
    # Per person: the estimate where Kela's figure is empty (1 650 / 10 = 165 €), Kela's where known
    # (5 000 / 20 = 250 €), and unknown without recipients.
    assert frame["per_person_cents"].tolist()[:2] == [16_500, 25_000] and pd.isna(frame["per_person_cents"].iloc[2])


@pytest.mark.parametrize(
    ("gap", "per_person", "months", "people"),
    [
        (3_000_00, 500_00, 3, 2),  # 3 000 / (500 · 3) = 2 exactly
        (3_000_01, 500_00, 3, 3),  # one cent more needs a third person
        (0, 500_00, 3, 0),  # no gap, nobody needed
        (1_00, 500_00, 0, None),  # no months left: nobody leaving now can close it
    ],
)
def test_people_needed_to_close_the_gap(gap: int, per_person: int, months: int, people: int | None):
    assert people_to_close_gap(gap, per_person, months) == people


def test_what_if_saving_adds_each_class():
    # 10 · 350 € · 6 + 2 · 490 € · 6 = 21 000 + 5 880 = 26 880 €
    assert what_if_saving({"300-499": 10, "1000": 2}, {"300-499": 350_00, "1000": 490_00}, 6) == 26_880_00


def test_unemployment_change_keeps_missing_cells_missing():
    observations = pd.DataFrame(
        {
            "area_code": ["KU418"] * 4,
            "indicator": ["TYOTTOMAT25"] * 4,
            "month": pd.to_datetime(["2016-01-01", "2016-02-01", "2018-01-01", "2018-02-01"]),
            "value": [120.0, np.nan, 90.0, 100.0],
        }
    )
    changes = change_against_baseline(observations, 2016)
    # January: (90 − 120) / 120 = −25 %; February's baseline is missing, so no change.
    assert changes["change_pct"].iloc[0] == -25.0 and math.isnan(changes["change_pct"].iloc[1])


@pytest.mark.parametrize(
    ("change", "target", "final", "status"),
    [
        (-0.01, 0.0, True, "met"),  # any fall meets "has fallen"
        (0.0, 0.0, True, "missed"),  # no change is not a fall
        (-3.0, -3.0, True, "met"),  # exactly the target
        (-2.99, -3.0, True, "missed"),
        (-2.99, -3.0, False, "off_track"),
        (-3.5, -3.0, False, "on_track"),
    ],
)
def test_indicator_status_at_its_boundaries(change: float, target: float, final: bool, status: str):
    assert indicator_status(change, target, final) == status


def test_register_computes_where_data_exists_and_keeps_manual_status_otherwise():
    targets = pd.DataFrame(
        [
            {"name": "Fewer unemployed", "indicator": "TYOTTOMATLOPUSSA", "area": None, "baseline_year": 2016,
             "target_change_pct": 0.0, "target_date": pd.Timestamp("2018-12-31"), "manual_status": None},
            {"name": "A new operating model", "indicator": None, "area": None, "baseline_year": None,
             "target_change_pct": None, "target_date": pd.Timestamp("2018-12-31"), "manual_status": "at_risk"},
            {"name": "Qualitative, not assessed", "indicator": None, "area": None, "baseline_year": None,
             "target_change_pct": None, "target_date": None, "manual_status": None},
        ]
    )  # fmt: skip
    observations = pd.DataFrame(
        {
            "area_code": ["KU837", "KU211"] * 2,
            "indicator": ["TYOTTOMATLOPUSSA"] * 4,
            "month": pd.to_datetime(["2016-12-01"] * 2 + ["2018-12-01"] * 2),
            "value": [1000.0, 200.0, 900.0, 180.0],
        }
    )
    totals = pd.DataFrame(columns=["municipality", "month", "kuntaosuus_cents"])
    register = register_status(targets, totals, observations, ["837", "211"])
    # Programme: 12/2016 1 000 + 200 = 1 200, 12/2018 900 + 180 = 1 080: −10 % at the target month: met.
    assert register[["status", "basis"]].values.tolist() == [
        ["met", "computed"],
        ["at_risk", "manual"],
        ["not_assessed", "manual"],
    ]
    assert register["measured_pct"].iloc[0] == -10.0


def test_savings_figures_cover_every_municipality_and_key_programme_rows_by_slug():
    totals = pd.DataFrame(
        {
            "municipality": ["837", "837", "091", "091"],
            "month": pd.to_datetime(["2016-01-01", "2018-01-01"] * 2),
            "kuntaosuus_cents": [1000_00, 960_00, 500_00, 490_00],
        }
    )
    memberships = pd.DataFrame(
        [{"programme": "p", "programme_name": "Ohjelma", "baseline_year": 2016, "savings_target_pct": 3, "code": "837"}]
    )
    rows = savings_figures(totals, memberships, {"837": "Tampere", "091": "Helsinki"})
    by_key = {(row["municipality"], row["programme"]): row for row in rows}
    # Helsinki is in no programme: default baseline 2016 and target 3 %; (500 − 490) / 500 = 2 %: not met.
    helsinki = by_key[("091", None)]
    assert (helsinki["baseline_year"], helsinki["target_pct"], helsinki["savings_pct"], helsinki["target_met"]) == (
        2016,
        3.0,
        2.0,
        False,
    )
    # The programme's own row: municipality None, programme slug; (1 000 − 960) / 1 000 = 4 %: met.
    programme = by_key[(None, "p")]
    assert (programme["name"], programme["savings_eur"], programme["savings_pct"], programme["target_met"]) == (
        "Ohjelma",
        40.0,
        4.0,
        True,
    )
    assert set(by_key) == {("837", "p"), ("091", None), (None, "p")}


def test_unemployment_figures_name_the_fields_of_the_design_and_use_null_for_missing():
    observations = pd.DataFrame(
        {
            "area_code": ["KU837"] * 2,
            "indicator": ["TYOTTOMATLOPUSSA"] * 2,
            "month": pd.to_datetime(["2016-12-01", "2018-12-01"]),
            "value": [np.nan, 900.0],
        }
    )
    rows = unemployment_figures(observations, pd.DataFrame(columns=["programme", "code", "baseline_year"]))
    assert rows == [
        {
            "area": "KU837",
            "month": "2018-12",
            "indicator": "TYOTTOMATLOPUSSA",
            "value": 900.0,
            "baseline_value": None,
            "change_pct": None,
        }
    ]
