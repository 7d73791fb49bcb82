"""Headline figures, as ``mittari figures --json`` and the Overview page show them."""

from __future__ import annotations

import pandas as pd

from models.amounts import cents_to_euros
from models.budget import toimintakate

PLANS = ("revised_budget", "budget")  # the plan an outcome is compared with, first found
OUTCOMES = ("actual", "forecast")


def toimintakate_euros(lines: pd.DataFrame) -> list[dict[str, object]]:
    """Toimintatuotot, toimintakulut and toimintakate per year and scenario, in euros.

    >>> toimintakate_euros(pd.DataFrame())
    []
    """
    return [
        {
            "year": int(row["year"]),
            "scenario": row["scenario"],
            "toimintatuotot": cents_to_euros(row["toimintatuotot"]),
            "toimintakulut": cents_to_euros(row["toimintakulut"]),
            "toimintakate": cents_to_euros(row["toimintakate"]),
        }
        for _, row in toimintakate(lines).iterrows()
    ]


def budget_figures(lines: pd.DataFrame) -> list[dict[str, object]]:
    """``toimintakate_euros`` for each programme and budget, each row naming them.

    >>> budget_figures(pd.DataFrame(columns=["programme", "budget"]))
    []
    """
    if lines.empty:
        return []
    return [
        {"programme": programme, "budget": budget, **figure}
        for (programme, budget), group in lines.groupby(["programme", "budget"], sort=False)
        for figure in toimintakate_euros(group)
    ]


def plan_against_outcome(totals: pd.DataFrame) -> pd.DataFrame:
    """Toimintakate of each outcome (actual, forecast) against the year's plan.

    The plan is the revised budget where there is one, else the budget.
    ``difference = outcome − plan`` (cents); ``pct = difference / |plan| × 100``.

    >>> totals = pd.DataFrame({"year": [2019, 2019], "scenario": ["budget", "actual"],
    ...                        "toimintakate": [-1000_00, -1100_00]})
    >>> plan_against_outcome(totals).to_dict("records")
    [{'year': 2019, 'plan': 'budget', 'outcome': 'actual', 'difference': -10000, 'pct': -10.0}]
    """
    rows = []
    for year, group in totals.groupby("year"):
        margin = dict(zip(group["scenario"], group["toimintakate"]))
        plan = next((name for name in PLANS if name in margin), None)
        for outcome in (name for name in OUTCOMES if name in margin and plan):
            difference = int(margin[outcome]) - int(margin[plan])
            base = abs(int(margin[plan]))
            pct = difference / base * 100 if base else None
            rows.append((int(year), plan, outcome, difference, pct))
    return pd.DataFrame(rows, columns=["year", "plan", "outcome", "difference", "pct"])
