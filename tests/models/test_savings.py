"""Savings against the baseline year on hand-computed cases: the arithmetic of each figure is in its comment."""

from __future__ import annotations

import pandas as pd
import pytest

from models.savings import (
    combined_series,
    cumulative,
    kuntaosuus_totals,
    savings_by_month,
    savings_by_year,
    target_cents,
    target_met,
    target_trajectory,
    year_to_date,
)

T = "Yhteensä"


def kela(*rows: tuple) -> pd.DataFrame:
    """Area totals (Kela's cells added up over age and gender, ``db.queries.kela_area_totals``):
    (period_type, area, month, ikaryhma, sukupuoli, day_class, kuntaosuus_cents[, suppressed]);
    age and gender are always ``Yhteensä`` at this level, kept in the tuples for readability."""
    records = []
    for row in rows:
        period, area, month, age, gender, day_class, cents, *rest = row
        records.append(
            {
                "regime": "2015-2024",
                "area_kind": "kunta",
                "period_type": period,
                "area_code": area,
                "month": pd.Timestamp(month),
                "ikaryhma": age,
                "sukupuoli": gender,
                "day_class": day_class,
                "benefit": "",
                "kuntaosuus_cents": cents,
                "suppressed": bool(rest and rest[0]),
            }
        )
    frame = pd.DataFrame(records)
    frame["kuntaosuus_cents"] = frame["kuntaosuus_cents"].astype("Int64")
    return frame


def month_total(rows: pd.DataFrame, area: str, month: str) -> int:
    totals = kuntaosuus_totals(rows)
    chosen = totals[(totals["municipality"] == area) & (totals["month"] == pd.Timestamp(month))]
    return int(chosen["kuntaosuus_cents"].sum())


def test_class_year_and_year_to_date_rows_are_not_added_to_the_total():
    rows = kela(
        ("Kuukausi", "837", "2016-01-01", T, T, T, 1000_00),  # the total: 1 000,00 €
        ("Kuukausi", "837", "2016-01-01", T, T, "300-499", 350_00),  # the classes overlap: 350 + 300 + 450
        ("Kuukausi", "837", "2016-01-01", T, T, "500-999", 300_00),  # = 1 100 €, more than the month itself
        ("Kuukausi", "837", "2016-01-01", T, T, "1000 tai yli", 450_00),
        ("Vuosi", "837", "2016-12-01", T, T, T, 12000_00),  # the whole year
        ("Vuosikertymä", "837", "2016-01-01", T, T, T, 1000_00),  # January so far
    )
    # Only the Kuukausi/Yhteensä row: 1 000,00 € = 100 000 cents, not 15 100,00 €.
    assert month_total(rows, "837", "2016-01-01") == 100_000


def test_a_refund_month_is_negative_and_adds_to_the_saving():
    rows = kela(
        ("Kuukausi", "604", "2016-03-01", T, T, T, 500_00),
        ("Kuukausi", "604", "2018-03-01", T, T, T, -12_40),  # Pirkkala 3/2018 refunds 12,40 €
    )
    monthly = savings_by_month(kuntaosuus_totals(rows), 2016)
    # savings = baseline − actual = 500,00 − (−12,40) = 512,40 € = 51 240 cents
    assert monthly["savings_cents"].tolist() == [51_240]


def test_a_suppressed_row_is_neither_zero_nor_counted():
    rows = kela(
        ("Kuukausi", "837", "2016-01-01", T, T, T, 1000_00),
        ("Kuukausi", "199", "2016-01-01", T, T, T, None, True),  # Kela's 199: empty, unknown
        ("Kuukausi", "199", "2016-02-01", T, T, T, 50_00, True),  # even with a figure it is no municipality
    )
    totals = kuntaosuus_totals(rows)
    # Only Tampere's 1 000,00 €; no municipality 199, no zero month.
    assert totals[["municipality", "kuntaosuus_cents"]].values.tolist() == [["837", 100_000]]


def test_a_missing_month_is_left_out_of_both_baseline_and_actual():
    rows = kela(
        ("Kuukausi", "211", "2016-01-01", T, T, T, 100_00),
        ("Kuukausi", "211", "2016-02-01", T, T, T, 200_00),
        ("Kuukausi", "211", "2016-03-01", T, T, T, 300_00),
        ("Kuukausi", "211", "2018-01-01", T, T, T, 90_00),
        ("Kuukausi", "211", "2018-02-01", T, T, T, None),  # February 2018: an empty cell, unknown
        ("Kuukausi", "211", "2018-03-01", T, T, T, 280_00),
    )
    year = savings_by_year(savings_by_month(kuntaosuus_totals(rows), 2016)).iloc[0]
    # Compared: January and March only. baseline 100 + 300 = 400 €, actual 90 + 280 = 370 €,
    # savings 30 € = 7,5 % (not 230 € against a baseline of 600 €, as a February of zero would give).
    assert (year["months"], year["baseline_cents"], year["actual_cents"], year["savings_cents"]) == (
        2,
        40_000,
        37_000,
        3_000,
    )
    assert year["savings_pct"] == 7.5


def test_a_merged_municipality_counts_for_its_successor_on_todays_boundaries():
    rows = kela(
        ("Kuukausi", "297", "2016-01-01", T, T, T, 900_00),  # Kuopio 1/2016 without Juankoski
        ("Kuukausi", "174", "2016-01-01", T, T, T, 100_00),  # Juankoski 1/2016, part of Kuopio from 2017
        ("Kuukausi", "297", "2018-01-01", T, T, T, 970_00),
    )
    mergers = pd.DataFrame({"old_code": ["174"], "new_code": ["297"], "merged_on": [pd.Timestamp("2017-01-01")]})
    monthly = savings_by_month(kuntaosuus_totals(rows, mergers), 2016)
    # baseline on today's boundaries 900 + 100 = 1 000 €; savings 1 000 − 970 = 30 € (3,0 %).
    # Without the merger Kuopio would seem to pay 70 € more than in 2016.
    assert monthly[["municipality", "baseline_cents", "savings_cents"]].values.tolist() == [["297", 100_000, 3_000]]
    assert savings_by_year(monthly).iloc[0]["savings_pct"] == 3.0


@pytest.mark.parametrize(
    ("actual_eur", "pct", "met"),
    [
        (9_700_00, 3.0, True),  # (10 000 − 9 700) / 10 000 = 3,00 %: the target exactly
        (9_701_00, 2.99, False),  # (10 000 − 9 701) / 10 000 = 2,99 %: missed by one euro
        (9_500_00, 5.0, True),  # 5,00 %
    ],
)
def test_target_met_and_missed_by_a_little(actual_eur: int, pct: float, met: bool):
    monthly = pd.DataFrame(
        {
            "municipality": ["536"],
            "month": [pd.Timestamp("2018-12-01")],
            "baseline_cents": [10_000_00],
            "actual_cents": [actual_eur],
            "savings_cents": [10_000_00 - actual_eur],
        }
    )
    year = savings_by_year(monthly).iloc[0]
    assert (year["savings_pct"], target_met(year["savings_pct"], 3.0)) == (pct, met)


def test_tampere_target_is_966_582_euros():
    # Seed 000: 3 % of the 2016 kuntaosuus, "−966 582 v. 2018 loppuun mennessä" → 2016 = 32 219 400 €.
    assert target_cents(32_219_400_00, 3) == 966_582_00


def test_year_to_date_and_cumulative_add_the_matched_months():
    months = pd.to_datetime(["2017-11-01", "2017-12-01", "2018-01-01", "2018-02-01", "2018-03-01"])
    monthly = pd.DataFrame(
        {
            "municipality": ["837"] * 5,
            "month": months,
            "baseline_cents": [100, 100, 100, 100, 100],
            "actual_cents": [99, 98, 97, 96, 95],
            "savings_cents": [1, 2, 3, 4, 5],
        }
    )
    # YTD through February 2018: 3 + 4 = 7 cents over 2 months.
    ytd = year_to_date(monthly, pd.Timestamp("2018-02-01")).iloc[0]
    assert (ytd["months"], ytd["savings_cents"]) == (2, 7)
    # Cumulative from December 2017: 2, 2 + 3 = 5, 5 + 4 = 9, 9 + 5 = 14.
    assert cumulative(monthly, pd.Timestamp("2017-12-01"))["cumulative_savings_cents"].tolist() == [2, 5, 9, 14]


def test_trajectory_ramps_to_the_full_target_in_the_target_year():
    baseline = pd.Series([1_000_00] * 12, index=range(1, 13))
    trajectory = target_trajectory(baseline, pd.Timestamp("2017-01-01"), pd.Timestamp("2018-12-01"), 3.0)
    # Year 1 of 2: 1,5 % of 1 000 € = 15 € a month; year 2: 3 % = 30 €. By the end 12·15 + 12·30 = 540 €.
    assert trajectory["target_cents"].iloc[[0, 11, 12, 23]].tolist() == [1_500, 1_500, 3_000, 3_000]
    assert trajectory["cumulative_target_cents"].iloc[-1] == 54_000


def test_programme_series_has_a_month_only_when_every_member_has_it():
    totals = pd.DataFrame(
        {
            "municipality": ["837", "211", "837"],
            "month": pd.to_datetime(["2016-01-01", "2016-01-01", "2016-02-01"]),
            "kuntaosuus_cents": [10, 5, 12],
        }
    )
    # January: 10 + 5 = 15; February lacks Kangasala, so it is left out rather than understated as 12.
    assert combined_series(totals, ["837", "211"]).to_dict() == {pd.Timestamp("2016-01-01"): 15}
