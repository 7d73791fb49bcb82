"""Plan against outcome: which plan an actual or forecast is measured against."""

from __future__ import annotations

import pandas as pd

from models.figures import plan_against_outcome


def test_revised_budget_is_the_plan_when_there_is_one():
    totals = pd.DataFrame(
        {
            "year": [2019, 2019, 2019, 2019],
            "scenario": ["budget", "revised_budget", "actual", "forecast"],
            # seed 004: toimintakate −17 053 867 € budgeted; invented revision and outcomes
            "toimintakate": [-1_705_386_700, -1_800_000_000, -1_890_000_000, -1_710_000_000],
        }
    )
    rows = plan_against_outcome(totals).to_dict("records")
    # actual: −18 900 000 − (−18 000 000) = −900 000 €, −900 000 / 18 000 000 = −5 %
    # forecast: −17 100 000 − (−18 000 000) = +900 000 €, +5 %
    assert rows == [
        {"year": 2019, "plan": "revised_budget", "outcome": "actual", "difference": -90_000_000, "pct": -5.0},
        {"year": 2019, "plan": "revised_budget", "outcome": "forecast", "difference": 90_000_000, "pct": 5.0},
    ]


def test_no_outcome_no_comparison_and_zero_plan_has_no_percentage():
    only_plan = pd.DataFrame({"year": [2017], "scenario": ["budget"], "toimintakate": [-4_373_200_000]})
    assert plan_against_outcome(only_plan).empty
    zero = pd.DataFrame({"year": [2018, 2018], "scenario": ["budget", "actual"], "toimintakate": [0, -100]})
    assert plan_against_outcome(zero)["pct"].isna().all()
