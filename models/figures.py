"""Headline figures, as ``mittari figures --json`` and the Overview page show them."""

from __future__ import annotations

import pandas as pd

from models.amounts import cents_to_euros
from models.budget import toimintakate
from models.savings import (
    DEFAULT_BASELINE_YEAR,
    DEFAULT_TARGET_PCT,
    programme_months,
    savings_by_month,
    savings_by_year,
    target_met,
)
from models.unemployment import area_code, change_against_baseline

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


def _number(value: object) -> float | None:
    """A float for JSON; ``None`` for a missing value (never NaN)."""
    if value is None or pd.isna(value):
        return None
    return float(value)


def first_programme_of(memberships: pd.DataFrame) -> dict[str, dict[str, object]]:
    """Each member municipality's programme (the first by name when it has several)."""
    chosen: dict[str, dict[str, object]] = {}
    for row in memberships.to_dict("records"):
        chosen.setdefault(str(row["code"]), row)
    return chosen


def savings_figures(
    totals: pd.DataFrame, memberships: pd.DataFrame, names: dict[str, str], programme: str | None = None
) -> list[dict[str, object]]:
    """The "savings" of ``mittari figures --json``: one row per municipality and year, then per programme and year.

    Every municipality with kuntaosuus data gets rows, measured against its
    programme's baseline year and target, or against the defaults (2016, 3 %)
    outside programmes; its row names that ``programme`` (or ``None``). A
    programme's own rows have ``"municipality": None`` and ``"programme"``
    its slug: its members' matched months added up. ``months`` says how many
    months of the year were compared (12: the whole year). With ``programme``,
    only that programme's members and its own rows.

    >>> savings_figures(pd.DataFrame(columns=["municipality", "month", "kuntaosuus_cents"]),
    ...                 pd.DataFrame(columns=["programme", "code"]), {})
    []
    """
    if totals.empty:
        return []
    own = first_programme_of(memberships)
    baseline_of = {code: int(row["baseline_year"]) for code, row in own.items()}
    monthly = savings_by_month(totals, baseline_of)
    rows = []
    for year_row in savings_by_year(monthly).to_dict("records"):
        code = str(year_row["municipality"])
        member = own.get(code)
        slug = member["programme"] if member else None
        if programme and slug != programme:
            continue
        target = float(member["savings_target_pct"]) if member else DEFAULT_TARGET_PCT
        rows.append(
            _savings_row(
                code, names.get(code, code), slug, baseline_of.get(code, DEFAULT_BASELINE_YEAR), target, year_row
            )
        )
    for slug, group in memberships.groupby("programme", sort=False):
        if programme and slug != programme:
            continue
        first = group.iloc[0]
        codes = [str(code) for code in group["code"]]
        months = programme_months(savings_by_month(totals, int(first["baseline_year"])), codes, slug)
        for year_row in savings_by_year(months).to_dict("records"):
            target = float(first["savings_target_pct"])
            rows.append(
                _savings_row(None, first["programme_name"], slug, int(first["baseline_year"]), target, year_row)
            )
    return rows


def _savings_row(
    code: str | None, name: str, slug: str | None, baseline_year: int, target_pct: float, year_row: dict
) -> dict[str, object]:
    pct = _number(year_row["savings_pct"])
    return {
        "municipality": code,
        "name": name,
        "programme": slug,
        "year": int(year_row["year"]),
        "months": int(year_row["months"]),
        "baseline_year": baseline_year,
        "baseline_eur": cents_to_euros(int(year_row["baseline_cents"])),
        "actual_eur": cents_to_euros(int(year_row["actual_cents"])),
        "savings_eur": cents_to_euros(int(year_row["savings_cents"])),
        "savings_pct": pct,
        "target_pct": target_pct,
        "target_met": pct is not None and target_met(pct, target_pct),
    }


def unemployment_figures(
    observations: pd.DataFrame, memberships: pd.DataFrame, programme: str | None = None
) -> list[dict[str, object]]:
    """The "unemployment" of ``mittari figures --json``: every area, month and indicator against its baseline year.

    Members of a programme are compared with its baseline year, other areas
    with 2016. Missing values are ``null``, and so is a change computed from
    one. With ``programme``, only its member municipalities.

    >>> unemployment_figures(pd.DataFrame(columns=["area_code", "indicator", "month", "value"]),
    ...                      pd.DataFrame(columns=["programme", "code"]))
    []
    """
    own = first_programme_of(memberships)
    baseline_of = {area_code(code): int(row["baseline_year"]) for code, row in own.items()}
    if programme:
        areas = {area_code(code) for code, row in own.items() if row["programme"] == programme}
        observations = observations[observations["area_code"].isin(areas)]
    changes = change_against_baseline(observations, baseline_of)
    return [
        {
            "area": row["area"],
            "month": row["month"].strftime("%Y-%m"),
            "indicator": row["indicator"],
            "value": _number(row["value"]),
            "baseline_value": _number(row["baseline_value"]),
            "change_pct": _number(row["change_pct"]),
        }
        for row in changes.to_dict("records")
    ]
