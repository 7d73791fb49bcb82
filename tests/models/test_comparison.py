"""Comparison with peer municipalities on hand-computed cases: the arithmetic of each figure is in its comment."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from models.comparison import (
    Period,
    comparison_table,
    group_median,
    indicator_values,
    percentile_rank,
    population_for,
    population_on_todays_boundaries,
    rank_min,
    ranks,
    statfin_on_todays_boundaries,
)
from models.savings import kuntaosuus_totals

MONTHS_2016 = list(pd.date_range("2016-01-01", periods=12, freq="MS"))
MONTHS_2019 = list(pd.date_range("2019-01-01", periods=12, freq="MS"))
NO_STATFIN = pd.DataFrame(columns=["municipality", "indicator", "month", "value"])


def kuntaosuus(code: str, months: list[pd.Timestamp], euros: float) -> pd.DataFrame:
    return pd.DataFrame({"municipality": code, "month": months, "kuntaosuus_cents": int(euros * 100)})


def statfin(code: str, indicator: str, months: list[pd.Timestamp], value: float) -> pd.DataFrame:
    return pd.DataFrame({"municipality": code, "indicator": indicator, "month": months, "value": value})


def people(code: str, population: int, year: int, source: str = "statfin") -> pd.DataFrame:
    return pd.DataFrame(
        {"municipality": [code], "population": [population], "population_year": [year], "population_source": [source]}
    )


def value_of(values: pd.DataFrame, code: str, indicator: str, column: str = "value") -> float:
    row = values[(values["municipality"] == code) & (values["indicator"] == indicator)]
    return float(row[column].iloc[0])


@pytest.fixture
def kuopio_2019() -> pd.DataFrame:
    money = pd.concat([kuntaosuus("297", MONTHS_2016, 1_100_000), kuntaosuus("297", MONTHS_2019, 1_000_000)])
    cells = pd.concat(
        [
            statfin("297", "TYOTTOMATLOPUSSA", MONTHS_2016 + MONTHS_2019, 8000),
            statfin("297", "PITKAAIKAISTYOTTOMAT", MONTHS_2019, 2000),
            statfin("297", "TYOTTOMAT25", MONTHS_2019, 800),
            statfin("297", "TYOTTOMAT50", MONTHS_2019, 3200),
            statfin("297", "TYOTOSUUS", MONTHS_2019[:6], 10.0),
            statfin("297", "TYOTOSUUS", MONTHS_2019[6:], 11.0),
            statfin("297", "AKTASTE", MONTHS_2019, 30.0),
        ]
    )
    return indicator_values(
        money, cells, people("297", 120_000, 2019), people("297", 110_000, 2016), ["297"], Period(2019)
    )


@pytest.mark.parametrize(
    ("indicator", "expected", "baseline"),
    [
        # 12 × 1 000 000 € = 12 000 000 € / 120 000 residents = 100 €; 2016: 12 × 1 100 000 € / 110 000 = 120 €
        ("kuntaosuus_per_resident", 100.0, 120.0),
        # 12 000 000 € / mean 8 000 jobseekers = 1 500 €; 2016: 13 200 000 € / 8 000 = 1 650 €
        ("kuntaosuus_per_jobseeker", 1500.0, 1650.0),
        # (12 000 000 − 13 200 000) / 13 200 000 × 100 = −9,0909… %
        ("kuntaosuus_change_pct", -100 / 11, math.nan),
        # 12 × 2 000 / (12 × 8 000) × 100 = 25 %; 800 / 8 000 = 10 %; 3 200 / 8 000 = 40 %
        ("long_term_share", 25.0, math.nan),
        ("under_25_share", 10.0, math.nan),
        ("over_50_share", 40.0, math.nan),
        # mean of six months at 10,0 % and six at 11,0 % = 10,5 %
        ("unemployment_rate", 10.5, math.nan),
        ("activation_rate", 30.0, math.nan),
    ],
)
def test_indicators_per_resident_and_per_jobseeker(kuopio_2019, indicator, expected, baseline):
    assert value_of(kuopio_2019, "297", indicator) == pytest.approx(expected)
    found = value_of(kuopio_2019, "297", indicator, "baseline_value")
    assert (math.isnan(found) and math.isnan(baseline)) or found == pytest.approx(baseline)


def test_a_month_of_one_municipality_per_resident():
    # June 2019: 1 000 000 € / 100 000 residents = 10 €; June 2016: 1 200 000 € / 100 000 = 12 €; change −16,67 %
    money = pd.concat(
        [kuntaosuus("297", [pd.Timestamp("2016-06-01")], 1_200_000), kuntaosuus("297", [MONTHS_2019[5]], 1e6)]
    )
    values = indicator_values(
        money, NO_STATFIN, people("297", 100_000, 2019), people("297", 100_000, 2016), ["297"], Period(2019, 6)
    )
    assert value_of(values, "297", "kuntaosuus_per_resident") == pytest.approx(10.0)
    assert value_of(values, "297", "kuntaosuus_change_pct") == pytest.approx(-16.6667, abs=1e-4)


def test_a_missing_month_leaves_the_year_unknown_and_names_the_month():
    # Oulu lacks March 2019: its year is not a sum of eleven months read as twelve; the month is named
    money = pd.concat(
        [
            kuntaosuus("564", MONTHS_2016, 500_000),
            kuntaosuus("564", MONTHS_2019[:2] + MONTHS_2019[3:], 400_000),
            kuntaosuus("297", MONTHS_2016 + MONTHS_2019, 100_000),
        ]
    )
    population = pd.concat([people("564", 200_000, 2019), people("297", 120_000, 2019)])
    values = indicator_values(money, NO_STATFIN, population, population, ["564", "297"], Period(2019))
    assert math.isnan(value_of(values, "564", "kuntaosuus_per_resident"))
    assert math.isnan(value_of(values, "564", "kuntaosuus_change_pct"))
    gap = values[(values["municipality"] == "564") & (values["indicator"] == "kuntaosuus_per_resident")]
    assert list(gap["missing_months"].iloc[0]) == [pd.Timestamp("2019-03-01")]
    # Kuopio, complete: 12 × 100 000 € / 120 000 = 10 €
    assert value_of(values, "297", "kuntaosuus_per_resident") == pytest.approx(10.0)
    # the unknown Oulu is not ranked: Kuopio is 1st of 1
    ranked = ranks(values, ["564", "297"])
    kuopio = ranked[(ranked["municipality"] == "297") & (ranked["indicator"] == "kuntaosuus_per_resident")]
    assert (int(kuopio["rank"].iloc[0]), int(kuopio["of"].iloc[0])) == (1, 1)


def test_rank_and_percentile_with_ties():
    values = pd.Series([10.0, 20.0, 20.0, 30.0, math.nan])
    # ties share the smallest rank: 10 → 1, both 20s → 2, 30 → 4 (3 is skipped); a missing value has none
    assert rank_min(values).tolist()[:4] == [1.0, 2.0, 2.0, 4.0]
    assert math.isnan(rank_min(values).iloc[4])
    # (below + ½ × equal) / n × 100 with n = 4 known: 10 → (0 + ½) / 4 = 12,5; 20 → (1 + 1) / 4 = 50; 30 → 87,5
    assert percentile_rank(values).tolist()[:4] == [12.5, 50.0, 50.0, 87.5]


def test_group_table_ranks_ours_among_members_and_nationally():
    codes = ["091", "049", "837", "297", "564"]
    per_resident = [40.0, 20.0, 30.0, 20.0, 50.0]
    values = pd.DataFrame({"municipality": codes, "indicator": "kuntaosuus_per_resident", "value": per_resident})
    table = comparison_table(values, ["091", "049", "837"], ["297"], national=values)
    kuopio = table[table["municipality"] == "297"].iloc[0]
    # among 091, 049, 837 and ours 297: values 40, 20, 30, 20 → Kuopio ties Espoo at rank 1 of 4;
    # percentile (0 + ½ × 2) / 4 × 100 = 25
    assert (int(kuopio["group_rank"]), int(kuopio["group_of"]), kuopio["group_percentile"]) == (1, 4, 25.0)
    # nationally five: (0 + 1) / 5 × 100 = 20
    assert (int(kuopio["national_rank"]), int(kuopio["national_of"]), kuopio["national_percentile"]) == (1, 5, 20.0)
    # the group's median is of its members only: median(40, 20, 30) = 30
    assert kuopio["group_median"] == 30.0 and bool(kuopio["ours"])
    assert group_median(values, ["091", "049", "837"], "kuntaosuus_per_resident") == 30.0


def test_a_merger_counts_on_todays_boundaries():
    # Juankoski (174) merged into Kuopio (297) on 1.1.2017: its 2016 figures count for Kuopio
    mergers = pd.DataFrame({"old_code": ["174"], "new_code": ["297"]})
    successors = {"174": "297"}
    rows = pd.DataFrame(
        {
            "regime": "2015-2024",
            "period_type": "Kuukausi",
            "suppressed": False,
            "day_class": "Yhteensä",
            "area_code": ["297", "174", "297"],
            "month": pd.to_datetime(["2016-06-01", "2016-06-01", "2019-06-01"]),
            "kuntaosuus_cents": [1_000_000_00, 100_000_00, 990_000_00],
        }
    )
    money = kuntaosuus_totals(rows, mergers)
    cells = statfin_on_todays_boundaries(
        pd.DataFrame(
            {
                "area_code": ["KU297", "KU174", "KU297", "KU174"],
                "indicator": ["TYOTTOMATLOPUSSA"] * 2 + ["TYOTOSUUS"] * 2,
                "month": pd.to_datetime(["2016-06-01"] * 4),
                "value": [5_200.0, 300.0, 10.0, 14.0],
            }
        ),
        successors,
    )
    population = population_on_todays_boundaries(
        pd.DataFrame({"municipality": ["297", "174"], "year": [2016, 2016], "population": [112_000, 4_600]}),
        successors,
    )
    register = pd.DataFrame({"municipality": ["297"], "population": [120_210]})
    baseline_people = population_for(population, register, 2016, 2020)
    values = indicator_values(
        money, cells, people("297", 120_000, 2019), baseline_people, ["297", "174"], Period(2019, 6)
    )
    # June 2016 on today's boundaries: 1 000 000 + 100 000 = 1 100 000 € over 112 000 + 4 600 = 116 600 residents
    assert value_of(values, "297", "kuntaosuus_per_resident", "baseline_value") == pytest.approx(1_100_000 / 116_600)
    # jobseekers 5 200 + 300 = 5 500: 1 100 000 € / 5 500 = 200 € per jobseeker
    assert value_of(values, "297", "kuntaosuus_per_jobseeker", "baseline_value") == pytest.approx(200.0)
    # change: (990 000 − 1 100 000) / 1 100 000 × 100 = −10 %
    assert value_of(values, "297", "kuntaosuus_change_pct") == pytest.approx(-10.0)
    # a predecessor's rate cannot be added: Kuopio's 2016 rate is its own published 10 %, not 10 + 14
    assert cells[(cells["indicator"] == "TYOTOSUUS")]["value"].tolist() == [10.0]
    # Juankoski itself has no figures of its own any more: every indicator unknown, every month named missing
    assert values[values["municipality"] == "174"]["value"].isna().all()


def test_population_falls_back_to_the_register_with_its_year():
    # 11ra has Kuopio for 2018 only; for 2019 its latest (2018) counts; Tampere has none: the register's (end of 2020)
    statfin_population = pd.DataFrame({"municipality": ["297"], "year": [2018], "population": [118_664]})
    register = pd.DataFrame({"municipality": ["297", "837"], "population": [120_210, 241_009]})
    found = population_for(statfin_population, register, 2019, 2020).set_index("municipality")
    assert found.loc["297"].tolist() == [118_664, 2018, "statfin"]
    assert found.loc["837"].tolist() == [241_009, 2020, "register"]
    # with the register's population: 12 × 241 009 € / 241 009 = 12 € per resident, and the source says register
    money = kuntaosuus("837", MONTHS_2019, 241_009)
    values = indicator_values(money, NO_STATFIN, found.reset_index(), found.reset_index(), ["837"], Period(2019))
    row = values[(values["municipality"] == "837") & (values["indicator"] == "kuntaosuus_per_resident")].iloc[0]
    assert row["value"] == pytest.approx(12.0)
    assert (row["population_source"], int(row["population_year"])) == ("register", 2020)
