"""The savings target's status and its reason, computed once for the Overview, Benefits and Programme plan.

Not a page itself. The status is ``models.forecast.outlook`` over the
programme's (or one member's) monthly kuntaosuus on today's boundaries; the
reason is the one sentence the pack uses too (``reports.text.target_reason``).
"""

from __future__ import annotations

import pandas as pd

from dashboards import components
from dashboards.statistics import current_totals, month_text, programme_frame
from db import queries
from i18n import money_text
from models.forecast import Outlook, outlook
from models.savings import combined_series
from reports.text import outlook_fields, target_reason


def kuntaosuus_series(codes: list[str]) -> pd.Series:
    """Monthly kuntaosuus (cents) of these municipalities added up, on today's boundaries."""
    return combined_series(current_totals(tuple(sorted(codes))), codes)


def member_codes(programme: str) -> list[str]:
    return list(queries.programme_members(programme)["code"])


def months_shown(series: pd.Series, setting: dict) -> list[pd.Timestamp]:
    """The months of data from the programme's start on."""
    return [month for month in series.index if month >= setting["start"]]


def default_month(series: pd.Series, setting: dict) -> pd.Timestamp | None:
    """The month a page shows first: the latest month of data, but no later than the target month."""
    months = months_shown(series, setting)
    return min(months[-1], setting["target_month"]) if months else None


def target_outlook(series: pd.Series, setting: dict, as_of: pd.Timestamp) -> Outlook | None:
    """The savings target seen at ``as_of`` (``models.forecast.outlook`` with the programme's setting)."""
    return outlook(series, setting["baseline_year"], setting["target_month"], setting["target_pct"], as_of)


def programme_outlook(programme: str) -> Outlook | None:
    """The whole programme's target at its default month: what the Overview and the Programme plan show."""
    setting = programme_frame(programme)
    series = kuntaosuus_series(member_codes(programme))
    as_of = default_month(series, setting)
    return None if as_of is None else target_outlook(series, setting, as_of)


def target_window(seen: Outlook, lang: str) -> str:
    """The 12 months ending at the target month, ``1/2018–12/2018``."""
    first = seen.target_month - pd.DateOffset(months=11)
    return f"{month_text(first, lang)}–{month_text(seen.target_month, lang)}"


def target_texts(seen: Outlook, lang: str) -> dict[str, str]:
    """The outlook's amounts and percentages as text, by the names the reason sentences use."""
    return {  # forecasts in whole euros, as the reason sentence writes them
        "baseline": money_text(seen.baseline, lang, whole=True),
        "target": money_text(seen.target, lang, whole=True),
        "saving": money_text(seen.saving, lang, whole=True),
        "low": money_text(seen.saving_low, lang, whole=True),
        "high": money_text(seen.saving_high, lang, whole=True),
        "gap": money_text(seen.gap, lang, whole=True),
        "target_pct": components.percent_text(seen.target_pct, lang),
        "saving_pct": components.percent_text(seen.saving_pct, lang),
    }


def status_reason(seen: Outlook, baseline_year: int, name: str, lang: str) -> str:
    """Why the status is what it is, in one sentence: the pack's own words (``reports.text.target_reason``)."""
    return target_reason(outlook_fields(seen, baseline_year), name, lang)


def cumulative_savings(series: pd.Series, setting: dict, as_of: pd.Timestamp) -> pd.DataFrame:
    """Each month's saving against the baseline year's same month, from the start to ``as_of``, and their sum.

    Returns ``month, savings_cents, cumulative_cents``, indexed as the months outside the baseline year that have
    its same month (``models.savings.savings_by_month``) are, before those outside the start … ``as_of`` are left out.

    >>> months = pd.to_datetime(["2016-01-01", "2016-02-01", "2017-01-01", "2017-02-01", "2017-03-01"])
    >>> series = pd.Series([100, 200, 90, 210, 50], index=months)
    >>> setting = {"baseline_year": 2016, "start": pd.Timestamp("2017-02-01")}
    >>> cumulative_savings(series, setting, pd.Timestamp("2017-12-01")).to_dict("list")
    {'month': [Timestamp('2017-02-01 00:00:00')], 'savings_cents': [-10], 'cumulative_cents': [-10]}
    """
    if series.empty:
        return pd.DataFrame(columns=["month", "savings_cents", "cumulative_cents"])
    months = series.index
    in_baseline = months.year == setting["baseline_year"]
    baseline = series[in_baseline].set_axis(months.month[in_baseline])
    compared = series[~in_baseline & months.month.isin(baseline.index)].sort_index()
    savings = baseline.reindex(compared.index.month).set_axis(compared.index) - compared
    monthly = pd.DataFrame({"month": compared.index, "savings_cents": savings.array})
    monthly = monthly[(monthly["month"] >= setting["start"]) & (monthly["month"] <= as_of)]
    return monthly.assign(cumulative_cents=monthly["savings_cents"].cumsum())
