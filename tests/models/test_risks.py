"""Risk scores, the heat map, movement between quarters and indicator thresholds."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.risks import (
    ALERT,
    NO_DATA,
    OK,
    budget_overrun_pct,
    budget_to_date,
    change_pct,
    clients_per_staff,
    heat_map,
    indicator,
    posts_ending_within,
    posts_in_force,
    risk_level,
    risk_movements,
    risk_score,
    savings_shortfall_pct,
    share_pct,
    threshold_status,
)

scale = st.integers(min_value=1, max_value=5)


@pytest.mark.parametrize(
    ("likelihood", "impact", "score", "level"),
    [(1, 1, 1, "low"), (2, 2, 4, "low"), (1, 5, 5, "moderate"), (3, 3, 9, "moderate"), (2, 5, 10, "high"),
     (3, 5, 15, "very_high"), (5, 5, 25, "very_high")],
)  # fmt: skip
def test_risk_score_is_likelihood_times_impact(likelihood: int, impact: int, score: int, level: str):
    assert risk_score(likelihood, impact) == score
    assert risk_level(score) == level


@pytest.mark.parametrize(("likelihood", "impact"), [(0, 3), (6, 1), (3, 0), (2.5, 2)])
def test_scores_outside_one_to_five_are_refused(likelihood: float, impact: int):
    with pytest.raises(ValueError, match="1–5"):
        risk_score(likelihood, impact)


@given(st.lists(st.tuples(scale, scale), max_size=30))
def test_heat_map_places_every_risk_in_exactly_one_cell(places: list[tuple[int, int]]):
    placed = pd.DataFrame(
        {"code": [f"R{i}" for i in range(len(places))], "likelihood": [p[0] for p in places],
         "impact": [p[1] for p in places]}
    )  # fmt: skip
    cells = heat_map(placed)
    assert len(cells) == 25
    assert int(cells["count"].sum()) == len(places)
    assert (cells["score"] == cells["likelihood"] * cells["impact"]).all()


def _assessments(rows: list[tuple[int, str, int, int]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["risk_id", "quarter", "residual_likelihood", "residual_impact"])


def test_movement_compares_with_the_quarter_before_across_the_year_boundary():
    assessments = _assessments(
        [
            (1, "2018Q3", 3, 4),  # R1: 12 in 2018Q3 (still the latest in 2018Q4) → 16 in 2019Q1: up
            (1, "2019Q1", 4, 4),
            (2, "2018Q4", 4, 4),  # R2: 16 → 8: down
            (2, "2019Q1", 2, 4),
            (3, "2018Q1", 2, 2),  # R3: not reassessed: same
            (4, "2019Q1", 5, 5),  # R4: first assessed in 2019Q1: new
            (5, "2019Q2", 5, 5),  # R5: assessed after the quarter: not on its map
        ]
    )
    moved = risk_movements(assessments, "2019Q1").set_index("risk_id")
    assert moved["movement"].to_dict() == {1: "up", 2: "down", 3: "same", 4: "new"}
    assert moved.loc[1, ["previous_score", "score"]].tolist() == [12, 16]
    assert pd.isna(moved.loc[4, "previous_score"])


@pytest.mark.parametrize(
    ("value", "threshold", "status"),
    [(5.01, 5.0, ALERT), (5.0, 5.0, OK), (-3.0, 0.0, OK), (None, 5.0, NO_DATA), (float("nan"), 5.0, NO_DATA)],
)
def test_indicator_alerts_only_beyond_its_threshold(value: float | None, threshold: float, status: str):
    assert threshold_status(value, threshold) == status


def test_indicator_carries_value_threshold_trend_and_risk():
    shown = indicator("budget_overrun", 12.0, 5.0, 4.0, "pct", risk="R2", detail="Kehitysohjelman budjetti")
    assert (shown.status, shown.trend, shown.risk) == (ALERT, "up", "R2")
    assert shown.as_dict()["threshold"] == 5.0


@pytest.mark.parametrize(
    ("annual", "quarter", "to_date"),
    [
        (-80000000, "2017Q2", -40000000),  # Tampere development budget 2017: −800 000 € × 6/12 (seed 000 p. 3)
        (-100000000, "2018Q3", -75000000),  # 2018: −1 000 000 € × 9/12
        (-1705386700, "2019Q1", -426346675),  # Kuopio 2019 toimintakate −17 053 867 € × 3/12 (seed 004 Table 2)
        (-1705386700, "2019Q4", -1705386700),  # the whole year
    ],
)
def test_budget_to_date_phases_the_year_evenly(annual: int, quarter: str, to_date: int):
    assert budget_to_date(annual, quarter) == to_date


@pytest.mark.parametrize(
    ("actual", "budget", "overrun", "status"),
    [
        (-56000000, -50000000, 12.0, ALERT),  # (−500 000 − −560 000) / 500 000 = 12 % > 5 %
        (-52500000, -50000000, 5.0, OK),  # exactly at the threshold: not past it
        (-45000000, -50000000, -10.0, OK),  # under budget
    ],
)
def test_budget_overrun_is_measured_against_the_plan_to_date(actual: int, budget: int, overrun: float, status: str):
    assert budget_overrun_pct(actual, budget) == overrun
    assert threshold_status(budget_overrun_pct(actual, budget), 5.0) == status


def test_savings_shortfall_is_the_target_less_the_forecast():
    # forecast 2.5 % against the −3 % target: 0.5 points short → alert at threshold 0
    assert threshold_status(savings_shortfall_pct(2.5, 3.0), 0.0) == ALERT
    assert threshold_status(savings_shortfall_pct(3.0, 3.0), 0.0) == OK
    assert threshold_status(savings_shortfall_pct(None, 3.0), 0.0) == NO_DATA


def test_unemployment_rise_and_long_recipient_share():
    assert change_pct(10500, 10000) == 5.0  # 5 % more unemployed than in the same month of 2016
    assert change_pct(9000, 10000) == -10.0
    assert share_pct(260, 579) == 44.91  # 1000+ day recipients in Ylöjärvi 1/2016 (tests/data Kela example)


KUOPIO_STAFF = pd.DataFrame(
    {
        # seed 004 Table 3: 15 + 1 + 2 + 2 + 1 + 1 fixed-term to 31.12.2020; 1 + 1 + 3 permanent: 27 people
        "count": [15, 1, 2, 2, 1, 1, 1, 1, 1, 1, 1],
        "fixed_term_end": [dt.date(2020, 12, 31)] * 4
        + [None, dt.date(2020, 12, 31), dt.date(2020, 12, 31)]
        + [None] * 4,
    }
)


@pytest.mark.parametrize(
    ("as_of", "ending"),
    [
        (dt.date(2020, 3, 31), 0),  # 2020Q1: the horizon 30.9.2020 is before 31.12.2020
        (dt.date(2020, 6, 30), 22),  # 2020Q2: 31.12.2020 is within six months of 30.6.2020
        (dt.date(2020, 9, 30), 22),  # 2020Q3: horizon 31.3.2021
        (dt.date(2020, 12, 31), 0),  # 2020Q4: they end on the day itself, not after it
    ],
)
def test_fixed_term_posts_ending_within_six_months(as_of: dt.date, ending: int):
    assert int(KUOPIO_STAFF["count"].sum()) == 27
    assert posts_ending_within(KUOPIO_STAFF, as_of, 6) == ending


def test_posts_in_force_and_clients_per_staff():
    assert posts_in_force(KUOPIO_STAFF, dt.date(2020, 12, 31)) == 27
    assert posts_in_force(KUOPIO_STAFF, dt.date(2021, 1, 1)) == 5  # only the permanent posts remain
    assert clients_per_staff(22000, 160) == 137.5  # seed 000: about 22 000 clients
    assert clients_per_staff(3300, 22) == 150.0  # at the default threshold 150: ok, not alert
    assert threshold_status(clients_per_staff(3300, 22), 150.0) == OK
    assert threshold_status(clients_per_staff(3350, 22), 150.0) == ALERT
