"""The quarterly steering-group pack: one function computes the figures the page, the workbook and the PDF show.

``quarterly_pack(slug, quarter)`` returns plain JSON-ready data (cents as
integers, counts, percentages). A signed-off quarter returns the figures
frozen at sign-off, so later imports change nothing that was signed;
``live_pack`` always recomputes from the database.

Where the figures come from:

- kuntaosuus and its saving against the same months of the baseline year:
  Kela's month total rows of the members (``models.savings``);
- the savings forecast: ``models.forecast.outlook`` to the programme's target
  month, as seen at the quarter's end;
- unemployed in the target groups: StatFin 12r5, the members' cells added up
  (``models.unemployment``), at the quarter's last month against the same
  month of the baseline year;
- the target's status and its reason: ``models.forecast.outlook`` of the
  members' combined months, as seen at the quarter's end (the Benefits page's
  computation; ``reports.text.target_reason`` words it for both);
- budget to date: each budget's plan for the year (revised budget, else
  budget) phased evenly (``models.risks.budget_to_date``) against the
  interim actuals (osavuositoteuma) of the quarter, and their variance
  (actual − plan, in euros and as the overrun in per cent); a budget with
  neither plan nor actuals for the quarter is left out and named in
  ``left_out``;
- risks: assessments as of the quarter, movement since the previous one.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Callable
from typing import TYPE_CHECKING

import pandas as pd

from db import plans, queries
from db.engine import transaction
from models import coverage, forecast, quarters, risks, savings, unemployment
from models.budget import headline_toimintakate
from models.figures import PLANS
from models.kuntaosuus import day_classes_from
from models.quarters import MONTHS_PER_QUARTER, Quarter
from models.savings import BASELINE_REGIME, combined_series
from reports.monthly_totals import kuntaosuus_months
from reports.text import outlook_fields

if TYPE_CHECKING:
    from settings import RiskThresholds

UNEMPLOYED = "TYOTTOMATLOPUSSA"
TARGET_GROUPS = {key: code for key, code in unemployment.TARGET_GROUPS.items() if code not in unemployment.RATES}
PACK_INDICATORS = sorted({UNEMPLOYED, *TARGET_GROUPS.values()})
"""The StatFin indicators the pack reads (rates are never added up over members: not read)."""
CLIENT_SERVICE = "client_service"
LONG_SPELL_DAYS = 1000  # a long-term recipient: 1000 or more days of labour market subsidy
INDICATORS = (
    "budget_overrun",
    "savings_forecast",
    "unemployment_rise",
    "long_recipients_share",
    "fixed_term_posts",
    "clients_per_staff",
)


LONG_SHARE_COLUMNS = ("month", "period_type", "day_class", "suppressed")  # what _long_shares reads of a Kela row
STATFIN_COLUMNS = ("table_id", "area_code", "indicator", "month", "value")  # what the pack's figures use of a cell


class Sources:
    """The data of one programme that the pack is computed from, read once (all quarters share it)."""

    def __init__(self, slug: str, url: str | None = None) -> None:
        found = queries.programmes(url)
        found = found[found["slug"] == slug]
        if found.empty:
            raise plans.UnknownProgramme(slug)
        self.slug, self.url = slug, url
        self.programme = found.to_dict("records")[0]
        self.memberships = queries.programme_members(slug, url)  # names, and which memberships are assumptions
        self.members = [str(code) for code in self.memberships["code"]]
        self.member_names = dict(zip(self.members, self.memberships["name_fi"], strict=True))
        self.baseline_year = int(self.programme["baseline_year"])
        self.target_pct = float(self.programme["savings_target_pct"])
        self.lines = queries.current_budget_lines(programme=slug, url=url)
        self.interim = plans.interim_actuals(slug, url)
        self.assessments = plans.risk_assessments(slug, url)
        self.register = plans.risks(slug, url)
        self.staff = plans.staff_posts(slug, url)
        self._long_shares: dict[pd.Timestamp, float | None] = {}
        self._unemployed: dict[pd.Timestamp, dict[str, tuple[float, float]]] = {}
        mergers = queries.municipality_mergers(url)
        self.areas = savings.with_predecessors(self.members, mergers)  # Kela's codes of the members, old ones too
        self.kela_totals = kuntaosuus_months(self.members, url, mergers)  # kept after the last import, or computed

    # Read or worked out when first asked: the Overview's card needs none of these, the pack all.

    @functools.cached_property
    def links(self) -> dict[str, str]:
        """Indicator key → the code of the register risk it speaks for (``plans.indicator_links``)."""
        return plans.indicator_links(self.slug, self.url)

    @functools.cached_property
    def measures(self) -> pd.DataFrame:
        """The programme's measures (``plans.measures``)."""
        return plans.measures(self.slug, self.url)

    @functools.cached_property
    def spending(self) -> dict[object, list[tuple[Quarter, int]]]:
        """Measure id → what it had spent by the end of each quarter with a figure (``plans.measure_spending``)."""
        found: dict[object, list[tuple[Quarter, int]]] = {}
        spent = plans.measure_spending(self.slug, self.url)
        for measure, quarter, cents in zip(spent["measure_id"], spent["quarter"], spent["spent_cents"], strict=True):
            found.setdefault(measure, []).append((quarters.parse_quarter(quarter), int(cents)))
        return found

    @functools.cached_property
    def clients(self) -> pd.DataFrame:
        """Clients per quarter (``plans.client_counts``)."""
        return plans.client_counts(self.slug, self.url)

    @functools.cached_property
    def member_areas(self) -> list[str]:
        """The members' StatFin area codes (``KU837``)."""
        return [unemployment.area_code(code) for code in self.members]

    @functools.cached_property
    def jobseeker_months(self) -> pd.DataFrame:
        """Each member's first and last month with a known count of unemployed jobseekers (StatFin 12r5) from the
        start of the baseline year (``municipality, month``): all ``coverage`` needs to find who lacks the baseline
        year or the months after it."""
        since = dt.date(self.baseline_year, 1, 1)
        spans = queries.statfin_known_span("12r5", UNEMPLOYED, self.member_areas, since, self.url)
        codes = [str(area).removeprefix("KU") for area in spans["area_code"]]
        return pd.DataFrame({"municipality": codes * 2, "month": [*spans["first"], *spans["last"]]})

    @functools.cached_property
    def missing(self) -> list[dict]:
        """What the pack lacks (``coverage.missing_notes``): Kela months or StatFin figures of members."""
        names = self.programme["name"], self.member_names, self.baseline_year
        return coverage.missing_notes(*names, self.kela_totals, statfin_months=self.jobseeker_months)

    def _statfin(self, indicators: list[str], months: list[dt.date] | None = None) -> pd.DataFrame:
        """The members' StatFin 12r5 cells of ``indicators`` since the start of the baseline year (``months``: only
        these)."""
        since = dt.date(self.baseline_year, 1, 1)
        return queries.statfin_observations(
            "12r5",
            self.url,
            areas=self.member_areas,
            indicators=indicators,
            months=months,
            since=since,
            columns=STATFIN_COLUMNS,
        )

    # Each quarter asked looks its figures up in these, worked out once for every month or quarter (one pass).

    @functools.cached_property
    def margins(self) -> dict[tuple[str, int], dict[str, int]]:
        """(budget, year) → scenario → toimintakate (cents): every budget's years and scenarios at once."""
        found: dict[tuple[str, int], dict[str, int]] = {}
        for budget, lines in self.lines.groupby("budget", sort=False):
            for (year, scenario), margin in headline_toimintakate(lines).items():
                found.setdefault((str(budget), int(year)), {})[scenario] = int(margin)
        return found

    @functools.cached_property
    def monthly_sums(self) -> dict[pd.Timestamp, tuple[int, int, int]]:
        """Month → actual, baseline and saving (cents) of the programme's compared months (``programme_months``)."""
        return savings.programme_month_sums(self.kela_totals, self.members, self.baseline_year)

    @functools.cached_property
    def register_records(self) -> list[dict]:
        """The risk register, a dict per risk (``plans.risks``)."""
        return self.register.to_dict("records")

    @functools.cached_property
    def client_service(self) -> pd.DataFrame:
        """The staffing plan's client-service posts (what clients per staff member counts)."""
        return self.staff[self.staff["staff_group"] == CLIENT_SERVICE]

    @functools.cached_property
    def clients_by_quarter(self) -> dict[str, int]:
        """Quarter → clients, the first figure of each (``plans.client_counts``)."""
        found: dict[str, int] = {}
        for quarter, clients in zip(self.clients["quarter"], self.clients["clients"], strict=True):
            found.setdefault(str(quarter), int(clients))
        return found

    def unemployed(self, code: str, month: pd.Timestamp) -> tuple[float, float] | tuple[None, None]:
        """A target group's count in ``month`` and its change against the same month of the baseline year (%), NaN
        when unknown (``models.unemployment.programme_changes``). The members' cells of the month and of the month
        three before (a pack asks for a quarter's end and the previous one's), and of those months in the baseline
        year, are read when either is first asked."""
        if month not in self._unemployed:
            asked = [month, month - pd.DateOffset(months=MONTHS_PER_QUARTER)]
            in_baseline = [each.replace(year=self.baseline_year) for each in asked]
            cells = self._statfin(PACK_INDICATORS, months=asked + in_baseline)
            changes = unemployment.programme_changes(cells, self.member_areas, self.baseline_year)
            for each in asked:
                self._unemployed[each] = {found: change for (found, at), change in changes.items() if at == each}
        return self._unemployed[month].get(code, (None, None))

    @functools.cached_property
    def interim_by_quarter(self) -> dict[tuple[str, str], tuple[object, object]]:
        """(budget, quarter) → the interim income and costs to date (cents), the first row of each."""
        frame = self.interim.drop_duplicates(["budget", "quarter"], keep="first")
        values = zip(frame["toimintatuotot_cents"], frame["toimintakulut_cents"], strict=True)
        return dict(zip(zip(frame["budget"], frame["quarter"].astype(str), strict=True), values, strict=True))

    @functools.cached_property
    def combined(self) -> pd.Series:
        """The members' months added up (``combined_series``): what the savings outlook is seen on."""
        return combined_series(self.kela_totals, self.members)

    def long_share(self, month: pd.Timestamp) -> float | None:
        """The month's share (%) of recipients with 1000+ days among all (``_long_shares``). The day classes of the
        year up to the month are read when one of its months is first asked (a pack asks for a few quarters' ends)."""
        if month not in self._long_shares:
            months = list(pd.date_range(month - pd.DateOffset(months=11), month, freq="MS"))
            rows = queries.kela_area_totals(
                BASELINE_REGIME, self.url, areas=self.areas, months=months, period_type=savings.MONTH_ROW,
                sums=("recipients",), columns=LONG_SHARE_COLUMNS,
            )  # fmt: skip
            shares = _long_shares(rows)
            self._long_shares.update({each: shares.get(each) for each in months})
        return self._long_shares[month]


# --- headline figures ------------------------------------------------------------


def _months(quarter: Quarter) -> list[pd.Timestamp]:
    return [pd.Timestamp(month) for month in quarters.quarter_months(quarter)]


def _ytd_months(quarter: Quarter) -> list[pd.Timestamp]:
    """From January to the quarter's last month.

    >>> [month.month for month in _ytd_months(Quarter(2018, 2))]
    [1, 2, 3, 4, 5, 6]
    """
    last = quarters.quarter_months(quarter)[-1]
    return [pd.Timestamp(last.year, month, 1) for month in range(1, last.month + 1)]


def _kuntaosuus(sources: Sources, months: list[pd.Timestamp]) -> dict[str, int | float | None]:
    """Actual, baseline and saving over the given months (only the months compared on both sides)."""
    chosen = [sources.monthly_sums[month] for month in months if month in sources.monthly_sums]
    if not chosen:
        return {"actual": None, "baseline": None, "savings": None, "savings_pct": None}
    actual, baseline, saving = (sum(figures) for figures in zip(*chosen, strict=True))
    return {
        "actual": actual,
        "baseline": baseline,
        "savings": saving,
        "savings_pct": savings.savings_pct(saving, baseline),
    }


def _unemployed(sources: Sources, quarter: Quarter, code: str = UNEMPLOYED) -> tuple[float | None, float | None]:
    """A target group's unemployed at the quarter's last month and its change against the baseline month (%)."""
    last = pd.Timestamp(quarters.quarter_months(quarter)[-1])
    value, change = sources.unemployed(code, last)
    if value is None or pd.isna(value):
        return None, None
    return float(value), None if pd.isna(change) else float(change)


def _plan_for_year(sources: Sources, budget: str, year: int) -> int | None:
    """The budget's plan for the year: toimintakate of its revised budget, else of its budget (``PLANS``)."""
    margin = sources.margins.get((budget, year), {})
    plan = next((name for name in PLANS if name in margin), None)
    return int(margin[plan]) if plan else None


def forecast_for_year(sources: Sources, budget: str, year: int) -> int | None:
    """The budget's forecast toimintakate for the year, when it has one."""
    found = sources.margins.get((budget, year), {}).get("forecast")
    return None if found is None else int(found)


def _actual_to_date(sources: Sources, budget: str, quarter: Quarter) -> int | None:
    found = sources.interim_by_quarter.get((budget, str(quarter)))
    return None if found is None else int(found[0]) + int(found[1])


def _in_quarter(to_date: Callable[[Quarter], int | None], quarter: Quarter) -> int | None:
    """A year-to-date figure's part that fell in the quarter itself (Q1: the whole year to date)."""
    now = to_date(quarter)
    if now is None or quarter.number == 1:
        return now
    before = to_date(quarters.previous_quarter(quarter))
    return None if before is None else now - before


def _row(key: str, unit: str, quarter: object, ytd: object, previous: object, detail: str | None = None) -> dict:
    change = quarter - previous if isinstance(quarter, int | float) and isinstance(previous, int | float) else None
    if isinstance(change, float):
        change = round(change, 2)
    return {
        "key": key,
        "unit": unit,
        "detail": detail,
        "quarter": quarter,
        "year_to_date": ytd,
        "previous_quarter": previous,
        "change": change,
    }


def headline(sources: Sources, quarter: Quarter) -> list[dict]:
    """The quarter's headline figures, each with its year to date and the previous quarter's value."""
    before = quarters.previous_quarter(quarter)
    now, ytd, prev = (
        _kuntaosuus(sources, _months(quarter)),
        _kuntaosuus(sources, _ytd_months(quarter)),
        _kuntaosuus(sources, _months(before)),
    )
    rows = [
        _row("kuntaosuus", "cents", now["actual"], ytd["actual"], prev["actual"]),
        _row("kuntaosuus_baseline", "cents", now["baseline"], ytd["baseline"], prev["baseline"]),
        _row("kuntaosuus_savings", "cents", now["savings"], ytd["savings"], prev["savings"]),
        _row("kuntaosuus_savings_pct", "pct", now["savings_pct"], ytd["savings_pct"], prev["savings_pct"]),
    ]
    value, change = _unemployed(sources, quarter)
    previous_value, previous_change = _unemployed(sources, before)
    rows.append(_row("unemployed", "count", value, None, previous_value))
    rows.append(_row("unemployed_change_pct", "pct", change, None, previous_change))
    for budget in budgets_with_data(sources, quarter):
        rows.extend(budget_rows(sources, budget, quarter))
    rows.append(_row("clients", "count", _clients(sources, quarter), None, _clients(sources, before)))
    rows.append(_row("risks_very_high", "count", _very_high(sources, quarter), None, _very_high(sources, before)))
    return rows


def savings_to_date(sources: Sources, quarter: Quarter) -> dict[str, int | float | None]:
    """Kuntaosuus, its baseline and the saving from 1 January to the quarter's end: the headline's year to date."""
    return _kuntaosuus(sources, _ytd_months(quarter))


def toimintakate_to_date(sources: Sources, budget: str, quarter: Quarter) -> dict[str, int | None]:
    """A budget's plan to the quarter's end, its interim actual and ``actual − plan`` (cents): the headline's rows."""
    annual = _plan_for_year(sources, budget, quarter.year)
    plan = None if annual is None else risks.budget_to_date(annual, str(quarter))
    actual = _actual_to_date(sources, budget, quarter)
    deviation = actual - plan if actual is not None and plan is not None else None
    return {"plan": plan, "actual": actual, "deviation": deviation}


def planned_years(sources: Sources, budget: str) -> list[int]:
    """The years for which a budget has a plan (revised budget or budget), in order."""
    years = sorted(year for name, year in sources.margins if name == budget)
    return [year for year in years if _plan_for_year(sources, budget, year) is not None]


def budgets_with_data(sources: Sources, quarter: Quarter) -> list[str]:
    """The programme's budgets with a plan or actuals for the quarter's year to date (the others are left out)."""
    return [budget for budget in dict.fromkeys(sources.lines["budget"]) if not _no_data(sources, budget, quarter)]


def left_out_budgets(sources: Sources, quarter: Quarter) -> list[str]:
    """The budgets with neither a plan for the quarter's year nor actuals to its end."""
    return [budget for budget in dict.fromkeys(sources.lines["budget"]) if _no_data(sources, budget, quarter)]


def _no_data(sources: Sources, budget: str, quarter: Quarter) -> bool:
    return _plan_for_year(sources, budget, quarter.year) is None and _actual_to_date(sources, budget, quarter) is None


def _difference(actual: int | None, plan: int | None) -> int | None:
    return None if actual is None or plan is None else actual - plan


def _overrun(actual: int | None, plan: int | None) -> float | None:
    return None if actual is None or plan is None else risks.budget_overrun_pct(actual, plan)


def budget_rows(sources: Sources, budget: str, quarter: Quarter) -> list[dict]:
    """A budget's toimintakate to date: plan, actual, their variance (actual − plan) and the overrun (%).

    Each in the quarter itself, the year to date and the previous quarter; a
    variance wherever both of its figures are there.
    """
    before = quarters.previous_quarter(quarter)

    def plan_to_date(q: Quarter) -> int | None:
        annual = _plan_for_year(sources, budget, q.year)
        return None if annual is None else risks.budget_to_date(annual, str(q))

    def actual_to_date(q: Quarter) -> int | None:
        return _actual_to_date(sources, budget, q)

    plan = (_in_quarter(plan_to_date, quarter), plan_to_date(quarter), _in_quarter(plan_to_date, before))
    actual = (_in_quarter(actual_to_date, quarter), actual_to_date(quarter), _in_quarter(actual_to_date, before))
    pairs = list(zip(actual, plan, strict=True))
    return [
        _row("plan_to_date", "cents", *plan, budget),
        _row("actual_to_date", "cents", *actual, budget),
        _row("deviation_to_date", "cents", *(_difference(a, p) for a, p in pairs), budget),
        _row("overrun_pct", "pct", *(_overrun(a, p) for a, p in pairs), budget),
    ]


def _clients(sources: Sources, quarter: Quarter) -> int | None:
    return sources.clients_by_quarter.get(str(quarter))


def _very_high(sources: Sources, quarter: Quarter) -> int:
    """How many risks are very high (``models.risks.risk_level`` of the residual score) as assessed in the quarter."""
    placed = risks.assessments_as_of(sources.assessments, str(quarter))
    if placed.empty:
        return 0
    scores = placed["residual_likelihood"].astype(int) * placed["residual_impact"].astype(int)
    return sum(risks.risk_level(int(score)) == "very_high" for score in scores)


# --- risks ------------------------------------------------------------------------


def risk_rows(sources: Sources, quarter: Quarter) -> list[dict]:
    """The register as assessed in the quarter (residual scores), with movement since the quarter before."""
    moved = risks.movement_records(sources.assessments, str(quarter)) if len(sources.assessments) else {}
    rows = []
    for risk in sources.register_records:
        if risk["id"] not in moved:
            continue
        place = moved[risk["id"]]
        previous = place["previous_score"]
        rows.append(
            {
                "code": risk["code"],
                "title": risk["title"],
                "owner": risk["owner"],
                "status": risk["status"],
                "mitigations": risk["mitigations"],
                "likelihood": int(place["likelihood"]),
                "impact": int(place["impact"]),
                "score": int(place["score"]),
                "level": risks.risk_level(int(place["score"])),
                "previous_score": None if pd.isna(previous) else int(previous),
                "previous_likelihood": None if pd.isna(previous) else int(place["previous_likelihood"]),
                "previous_impact": None if pd.isna(previous) else int(place["previous_impact"]),
                "movement": place["movement"],
            }
        )
    return rows


def heat_map_cells(rows: list[dict]) -> list[dict]:
    """The 5×5 map's cells (``models.risks.heat_map_records``) of the risks placed in ``risk_rows``."""
    return risks.heat_map_records((row["code"], row["likelihood"], row["impact"]) for row in rows)


# --- indicators -------------------------------------------------------------------

Reading = tuple[float | None, str | None]
"""An indicator's value in a quarter and what it is of (``detail``: a budget, a target group, a status)."""


def _budget_overrun(sources: Sources, quarter: Quarter, thresholds: RiskThresholds) -> Reading:
    """The largest overrun to date among the programme's budgets, with that budget's name."""
    found = []
    for budget in dict.fromkeys(sources.lines["budget"]):
        annual = _plan_for_year(sources, budget, quarter.year)
        actual = _actual_to_date(sources, budget, quarter)
        if annual is None or actual is None:
            continue
        overrun = risks.budget_overrun_pct(actual, risks.budget_to_date(annual, str(quarter)))
        if overrun is not None:
            found.append((overrun, budget))
    return max(found) if found else (None, None)


def target_date(programme: dict) -> dt.date:
    """The savings target's date: the programme's target date, else its end, else the end of baseline + 2."""
    for key in ("target_date", "end_date"):
        value = programme.get(key)
        if value is not None and not (isinstance(value, float) and pd.isna(value)):
            return pd.Timestamp(value).date()
    return dt.date(int(programme["baseline_year"]) + 2, 12, 31)


def savings_outlook(sources: Sources, quarter: Quarter, whole_quarter: bool = True) -> forecast.Outlook | None:
    """``models.forecast.outlook`` of the members' combined months (``combined_series``), seen at the quarter's end.

    As on the Benefits page: the 12 months ending at the target month against
    the same months of the baseline year. ``whole_quarter``: only when the
    quarter's last month is known (else the latest known month before it counts).
    """
    if sources.kela_totals.empty:
        return None
    series = sources.combined
    as_of = pd.Timestamp(quarters.quarter_months(quarter)[-1])
    series = series[series.index <= as_of]
    if series.empty or (whole_quarter and series.index[-1] < as_of):
        return None
    chosen = target_date(sources.programme)
    target_month = pd.Timestamp(chosen.year, chosen.month, 1)
    return forecast.outlook(series, sources.baseline_year, target_month, sources.target_pct, as_of=as_of)


def target(sources: Sources, quarter: Quarter) -> dict:
    """The savings target, and its status with the reason's figures as of the quarter (``outlook`` None: no data)."""
    seen = savings_outlook(sources, quarter, whole_quarter=False)
    return {
        "target_pct": sources.target_pct,
        "baseline_year": sources.baseline_year,
        "target_date": target_date(sources.programme).isoformat(),
        "outlook": None if seen is None else outlook_fields(seen, sources.baseline_year),
    }


def _savings_forecast(sources: Sources, quarter: Quarter, thresholds: RiskThresholds) -> Reading:
    """Percentage points by which the forecast saving at the target month falls short of the target."""
    outlook = savings_outlook(sources, quarter)
    if outlook is None:
        return None, None
    return risks.savings_shortfall_pct(outlook.saving_pct, sources.target_pct), outlook.status


def _unemployment_rise(sources: Sources, quarter: Quarter, thresholds: RiskThresholds) -> Reading:
    """The target group whose unemployed rose most against the same month of the baseline year."""
    changes = [(_unemployed(sources, quarter, code)[1], key) for key, code in TARGET_GROUPS.items()]
    known = [(change, key) for change, key in changes if change is not None]
    return max(known) if known else (None, None)


def _long_share(sources: Sources, quarter: Quarter) -> float | None:
    """Share (%) of recipients with 1000+ days among all recipients, at the quarter's last month."""
    return sources.long_share(pd.Timestamp(quarters.quarter_months(quarter)[-1]))


def _long_shares(kela: pd.DataFrame) -> dict[pd.Timestamp, float | None]:
    """Per month of Kela's area totals: recipients of the 1000+ day classes among all recipients (%), the
    month's unsuppressed month rows added up; None where either side is missing or has an empty cell.

    >>> rows = pd.DataFrame({"month": pd.to_datetime(["2018-11-01"] * 2 + ["2018-12-01"] * 3),
    ...     "period_type": [savings.MONTH_ROW] * 5, "suppressed": [False] * 5,
    ...     "day_class": [savings.TOTAL, "1000-", savings.TOTAL, "1000-", "0-299"],
    ...     "recipients": pd.array([None, 40, 200, 50, 150], dtype="Int64")})
    >>> _long_shares(rows)  # November's total is empty; December 50 / 200
    {Timestamp('2018-11-01 00:00:00'): None, Timestamp('2018-12-01 00:00:00'): 25.0}
    """
    long_labels = day_classes_from(LONG_SPELL_DAYS, BASELINE_REGIME)
    sides: dict[pd.Timestamp, dict[str, list[int]]] = {}  # month → side → [rows, empty rows, recipients]
    columns = (kela["month"], kela["period_type"], kela["suppressed"], kela["day_class"], kela["recipients"])
    for month, period, suppressed, day_class, recipients in zip(*columns, strict=True):
        if period != savings.MONTH_ROW or suppressed:
            continue
        found = sides.setdefault(month, {"total": [0, 0, 0], "long": [0, 0, 0]})
        chosen = [side for side, of in (("total", day_class == savings.TOTAL),
                                        ("long", str(day_class).strip().lower() in long_labels)) if of]  # fmt: skip
        for side in chosen:
            _add_recipients(found[side], recipients)
    return {month: _long_share_of(found) for month, found in sides.items()}


def _add_recipients(side: list[int], recipients: object) -> None:
    side[0] += 1
    if pd.isna(recipients):
        side[1] += 1
    else:
        side[2] += int(recipients)


def _long_share_of(sides: dict[str, list[int]]) -> float | None:
    """The share (%) of long recipients among all, when both sides have rows and no empty cell."""
    known = all(rows > 0 and empty == 0 for rows, empty, _ in sides.values())
    return risks.share_pct(sides["long"][2], sides["total"][2]) if known else None


def _long_share_growth(sources: Sources, quarter: Quarter, thresholds: RiskThresholds) -> Reading:
    now, before = _long_share(sources, quarter), _long_share(sources, quarters.previous_quarter(quarter))
    if now is None or before is None:
        return None, None
    return round(now - before, 2), f"{now:.2f}"


def _fixed_term(sources: Sources, quarter: Quarter, thresholds: RiskThresholds) -> Reading:
    if sources.staff.empty:
        return None, None
    ending = risks.posts_ending_within(sources.staff, quarters.quarter_end(quarter), thresholds.fixed_term_months)
    return float(ending), None


def _clients_per_staff(sources: Sources, quarter: Quarter, thresholds: RiskThresholds) -> Reading:
    client_service = sources.client_service
    staff = risks.posts_in_force(client_service, quarters.quarter_end(quarter)) if not client_service.empty else 0
    clients = _clients(sources, quarter)
    return risks.clients_per_staff(clients, staff), None if clients is None else str(clients)


Measure = Callable[[Sources, Quarter, "RiskThresholds"], Reading]
"""An indicator's reading in a quarter; the thresholds tell how far ahead to look (the fixed-term posts)."""
MEASURES: dict[str, tuple[Measure, str, str]] = {
    "budget_overrun": (_budget_overrun, "pct", "budget_overrun_pct"),
    "savings_forecast": (_savings_forecast, "pp", "savings_shortfall_pct"),
    "unemployment_rise": (_unemployment_rise, "pct", "unemployment_rise_pct"),
    "long_recipients_share": (_long_share_growth, "pp", "long_recipients_growth_pp"),
    "fixed_term_posts": (_fixed_term, "count", "fixed_term_posts"),
    "clients_per_staff": (_clients_per_staff, "ratio", "clients_per_staff"),
}


def indicators(sources: Sources, quarter: Quarter, thresholds: RiskThresholds) -> list[risks.Indicator]:
    """Every risk indicator for the quarter: value, its threshold, the previous quarter's value, risk."""
    found = []
    for key in INDICATORS:
        measure, unit, threshold_name = MEASURES[key]
        value, detail = measure(sources, quarter, thresholds)
        previous, _ = measure(sources, quarters.previous_quarter(quarter), thresholds)
        threshold = float(getattr(thresholds, threshold_name))
        found.append(risks.indicator(key, value, threshold, previous, unit, risk=sources.links.get(key), detail=detail))
    return found


# --- measures and staff -----------------------------------------------------------


def measure_rows(sources: Sources, quarter: Quarter) -> list[dict]:
    """Each measure with its cap and what it has cost to the quarter's end (latest figure at or before it)."""
    rows = []
    for measure in sources.measures.to_dict("records"):
        spent = [figure for figure in sources.spending.get(measure["id"], []) if figure[0] <= quarter]
        spent_cents = max(spent, key=lambda figure: figure[0])[1] if spent else None  # the latest quarter's
        cap = None if pd.isna(measure["cap_cents"]) else int(measure["cap_cents"])
        rows.append(
            {
                "name": measure["name"],
                "owner": measure["owner"],
                "cap_cents": cap,
                "spent_cents": spent_cents,
                "spent_pct": risks.share_pct(spent_cents, cap),
            }
        )
    return rows


# --- the pack ---------------------------------------------------------------------


def live_pack(
    slug: str, quarter: str, url: str | None = None, sources: Sources | None = None, *, thresholds: RiskThresholds
) -> dict:
    """The quarter's figures computed from the database as it is now, the indicators against ``thresholds``."""
    chosen = quarters.parse_quarter(quarter)
    sources = sources or Sources(slug, url)
    assessed = risk_rows(sources, chosen)
    start, end = quarters.year_to_date(chosen)
    return {
        "programme": sources.slug,
        "programme_name": sources.programme["name"],
        "baseline_year": sources.baseline_year,
        "target_pct": sources.target_pct,
        "quarter": str(chosen),
        "previous_quarter": str(quarters.previous_quarter(chosen)),
        "period_start": quarters.quarter_start(chosen).isoformat(),
        "period_end": end.isoformat(),
        "year_start": start.isoformat(),
        "target": target(sources, chosen),
        "headline": headline(sources, chosen),
        "left_out": left_out_budgets(sources, chosen),
        "risks": assessed,
        "heat_map": heat_map_cells(assessed),
        "indicators": [found.as_dict() for found in indicators(sources, chosen, thresholds)],
        "measures": measure_rows(sources, chosen),
        "missing": sources.missing,
        "computed_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }


def quarterly_pack(slug: str, quarter: str, url: str | None = None, *, thresholds: RiskThresholds) -> dict:
    """The pack of a quarter: frozen figures once signed off, else live ones; with commentary and signature.

    ``thresholds`` (the settings' ``risk_thresholds``, given by the caller) judge a live pack's indicators.
    """
    chosen = str(quarters.parse_quarter(quarter))
    report = plans.quarter_report(slug, chosen, url) or {}
    signed = bool(report.get("signed_at")) and bool(report.get("figures_json"))
    pack = json.loads(report["figures_json"]) if signed else live_pack(slug, chosen, url, thresholds=thresholds)
    pack.update(
        {
            "commentary": report.get("commentary"),
            "commentary_by": report.get("commentary_by"),
            "signed_by": report.get("signed_by") if signed else None,
            "signed_at": _iso(report.get("signed_at")) if signed else None,
            "signature": (pack.get("signature") or {"name": report.get("signed_by"), "role": None}) if signed else None,
            "frozen": signed,
        }
    )
    return pack


def sign_off(
    slug: str,
    quarter: str,
    user: str,
    url: str | None = None,
    role: str | None = None,
    *,
    thresholds: RiskThresholds,
    username: str | None = None,
) -> dict:
    """Freeze the quarter's figures as they are now and record who signed, in which role, when.

    ``user`` is the signer's name; the name and ``role`` are kept with the
    frozen figures (the signature block), the audit event "sign_off" goes
    under ``username`` (the login name; default ``user``); returns the signed pack.
    """
    chosen = str(quarters.parse_quarter(quarter))
    figures = live_pack(slug, chosen, url, thresholds=thresholds)
    figures["signature"] = {"name": user, "role": role}
    with transaction(url) as session:
        plans.sign_quarter(session, slug, chosen, json.dumps(figures, ensure_ascii=False), user, username)
    return quarterly_pack(slug, chosen, url, thresholds=thresholds)


def save_commentary(slug: str, quarter: str, text: str, user: str, url: str | None = None) -> None:
    """The director's commentary on the quarter, recorded as ``user``'s "commentary" in the audit log (refused once
    the quarter is signed: ``plans.QuarterSigned``)."""
    with transaction(url) as session:
        plans.save_commentary(session, slug, str(quarters.parse_quarter(quarter)), text, user)


def _iso(value: object) -> str | None:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    return value.isoformat(timespec="seconds") if isinstance(value, dt.datetime) else str(value)


def programme_quarters(slug: str, url: str | None = None) -> list[str]:
    """The quarters a programme's pack can be made for: from its start to its end date (or today)."""
    found = queries.programmes(url)
    found = found[found["slug"] == slug].to_dict("records")
    if not found:
        return []
    start = found[0].get("start_date") or dt.date(int(found[0]["baseline_year"]) + 1, 1, 1)
    end = found[0].get("end_date") or dt.date.today()
    return [
        str(q) for q in quarters.quarters_between(quarters.quarter_of(_date(start)), quarters.quarter_of(_date(end)))
    ]


def _date(value: object) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
