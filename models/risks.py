"""Risk scores, the 5×5 heat map, movement between quarters and the risk indicators.

A risk's **score** is ``likelihood × impact``, each on a scale of 1 to 5, so
1–25. Levels (the colours of the heat map)::

    low 1–4,  moderate 5–9,  high 10–14,  very high 15–25

The register keeps a risk's assessments by quarter; the heat map of a
quarter places each risk at its latest assessment at or before that quarter,
and its **movement** compares that with its latest assessment at or before
the quarter before (``up``: the score grew, ``down``, ``same``, ``new``: not
assessed before).

A **risk indicator** is a figure computed from the data that speaks for a
register risk. Each has a value, a threshold, the value a quarter earlier
(its trend) and a status: ``alert`` when the value is past the threshold in
the bad direction, ``ok`` when not, ``no_data`` when the value cannot be
computed.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import asdict, dataclass
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

from models.quarters import add_months, months_to_date, parse_quarter, previous_quarter

SCALE = range(1, 6)
LEVELS = ((4, "low"), (9, "moderate"), (14, "high"), (25, "very_high"))
ALERT, OK, NO_DATA = "alert", "ok", "no_data"
UP, DOWN, SAME, NEW = "up", "down", "same", "new"
HEAT_MAP_COLUMNS = ["likelihood", "impact", "score", "level", "count", "codes"]
MOVEMENT_COLUMNS = [
    "risk_id",
    "likelihood",
    "impact",
    "score",
    "previous_likelihood",
    "previous_impact",
    "previous_score",
    "movement",
]


def risk_score(likelihood: int, impact: int) -> int:
    """``likelihood × impact``, each 1–5; ``ValueError`` outside the scale.

    >>> risk_score(4, 5), risk_score(1, 1)
    (20, 1)
    """
    for name, value in (("likelihood", likelihood), ("impact", impact)):
        if int(value) not in SCALE or int(value) != value:
            raise ValueError(f"{name} must be a whole number 1–5, not {value}")
    return int(likelihood) * int(impact)


def risk_level(score: int) -> str:
    """The level of a score by the bands in this module's docstring.

    >>> [risk_level(s) for s in (4, 5, 10, 15)]
    ['low', 'moderate', 'high', 'very_high']
    """
    for upper, level in LEVELS:
        if score <= upper:
            return level
    raise ValueError(f"a score is 1–25, not {score}")


def heat_map(placed: pd.DataFrame) -> pd.DataFrame:
    """The 25 cells of the 5×5 map: how many risks (and which codes) sit in each.

    ``placed`` has ``code, likelihood, impact``. Rows run likelihood 1…5, and
    within it impact 1…5.

    >>> cells = heat_map(pd.DataFrame({"code": ["R1", "R2"], "likelihood": [4, 4], "impact": [5, 5]}))
    >>> cells[(cells.likelihood == 4) & (cells.impact == 5)][["score", "count", "codes"]].values.tolist()
    [[20, 2, 'R1, R2']]
    >>> int(cells["count"].sum()), len(cells)
    (2, 25)
    """
    rows = []
    for likelihood in SCALE:
        for impact in SCALE:
            here = placed[(placed["likelihood"] == likelihood) & (placed["impact"] == impact)]
            score = risk_score(likelihood, impact)
            codes = ", ".join(sorted(str(code) for code in here["code"]))
            rows.append((likelihood, impact, score, risk_level(score), len(here), codes))
    return pd.DataFrame(rows, columns=HEAT_MAP_COLUMNS)


def assessments_as_of(assessments: pd.DataFrame, quarter: str) -> pd.DataFrame:
    """Each risk's latest assessment at or before ``quarter`` (risks first assessed later are left out).

    ``assessments`` has ``risk_id, quarter`` and the assessed columns.

    >>> a = pd.DataFrame({"risk_id": [1, 1, 2], "quarter": ["2018Q3", "2018Q4", "2019Q1"],
    ...                   "residual_likelihood": [3, 4, 2]})
    >>> assessments_as_of(a, "2018Q4")[["risk_id", "quarter"]].values.tolist()
    [[1, '2018Q4']]
    """
    chosen = parse_quarter(quarter)
    if assessments.empty:
        return assessments.copy()
    known = assessments[[parse_quarter(q) <= chosen for q in assessments["quarter"]]]
    ordered = known.assign(_order=[parse_quarter(q) for q in known["quarter"]]).sort_values(["risk_id", "_order"])
    return ordered.groupby("risk_id").tail(1).drop(columns="_order").reset_index(drop=True)


def movement(before: int | None, now: int) -> str:
    """How a score moved: ``up``, ``down``, ``same``, or ``new`` without an earlier score.

    >>> movement(12, 16), movement(16, 12), movement(9, 9), movement(None, 9)
    ('up', 'down', 'same', 'new')
    """
    if before is None:
        return NEW
    return UP if now > before else DOWN if now < before else SAME


def risk_movements(assessments: pd.DataFrame, quarter: str, kind: str = "residual") -> pd.DataFrame:
    """Each risk's place in ``quarter`` against its place a quarter earlier (across a year boundary).

    ``kind`` chooses the ``residual`` (after mitigations) or ``inherent`` scale.

    >>> a = pd.DataFrame({"risk_id": [1, 1], "quarter": ["2018Q4", "2019Q1"],
    ...                   "residual_likelihood": [3, 4], "residual_impact": [4, 4]})
    >>> risk_movements(a, "2019Q1")[["score", "previous_score", "movement"]].values.tolist()
    [[16, 12, 'up']]
    """
    now = assessments_as_of(assessments, quarter)
    before = assessments_as_of(assessments, str(previous_quarter(quarter)))
    earlier = {
        int(row["risk_id"]): (int(row[f"{kind}_likelihood"]), int(row[f"{kind}_impact"]))
        for row in before.to_dict("records")
    }
    rows = []
    for row in now.to_dict("records"):
        likelihood, impact = int(row[f"{kind}_likelihood"]), int(row[f"{kind}_impact"])
        score = risk_score(likelihood, impact)
        previous = earlier.get(int(row["risk_id"]))
        previous_score = risk_score(*previous) if previous else None
        rows.append(
            (
                int(row["risk_id"]),
                likelihood,
                impact,
                score,
                previous[0] if previous else None,
                previous[1] if previous else None,
                previous_score,
                movement(previous_score, score),
            )
        )
    return pd.DataFrame(rows, columns=MOVEMENT_COLUMNS)


# --- indicators ---------------------------------------------------------------


@dataclass(frozen=True)
class Indicator:
    """One risk indicator for one quarter; ``value``/``previous`` are ``None`` without data.

    ``unit``: ``pct``, ``pp`` (percentage points), ``count`` or ``ratio``;
    ``detail`` names what the value is of (a budget, a target group).
    """

    key: str
    value: float | None
    threshold: float
    previous: float | None
    unit: str
    status: str
    trend: str | None
    risk: str | None = None
    detail: str | None = None

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def threshold_status(value: float | None, threshold: float) -> str:
    """``alert`` when ``value`` is above ``threshold``, ``ok`` when not, ``no_data`` without a value.

    Every indicator is written so that a higher value is worse.

    >>> threshold_status(5.01, 5.0), threshold_status(5.0, 5.0), threshold_status(None, 5.0)
    ('alert', 'ok', 'no_data')
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return NO_DATA
    return ALERT if value > threshold else OK


def trend(previous: float | None, value: float | None) -> str | None:
    """``up``, ``down`` or ``same`` from the previous quarter's value; ``None`` if either is missing.

    >>> trend(1.0, 2.0), trend(2.0, 1.0), trend(1.0, 1.0), trend(None, 1.0)
    ('up', 'down', 'same', None)
    """
    if previous is None or value is None:
        return None
    return UP if value > previous else DOWN if value < previous else SAME


def indicator(
    key: str, value: float | None, threshold: float, previous: float | None, unit: str, **extra: str | None
) -> Indicator:
    """An ``Indicator`` with its status (``threshold_status``) and trend filled in."""
    return Indicator(
        key, value, threshold, previous, unit, threshold_status(value, threshold), trend(previous, value), **extra
    )


def budget_to_date(annual_cents: int, quarter: str) -> int:
    """The plan to the quarter's end, phased evenly over the months: ``annual × 3n / 12`` (cents, half up).

    >>> budget_to_date(-100_000_00, "2018Q3")
    -7500000
    >>> budget_to_date(-1705386700, "2019Q1")
    -426346675
    """
    exact = Decimal(int(annual_cents)) * months_to_date(quarter) / 12
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def budget_overrun_pct(actual_cents: int, budget_cents: int) -> float | None:
    """How far the net cost to date (toimintakate, negative) is beyond its plan, in per cent.

    ``overrun = (budget − actual) / |budget| × 100``: positive when the margin
    is more negative than planned (costs above or income below the plan);
    ``None`` without a plan.

    >>> budget_overrun_pct(-110_00, -100_00), budget_overrun_pct(-95_00, -100_00), budget_overrun_pct(-1, 0)
    (10.0, -5.0, None)
    """
    if not budget_cents:
        return None
    return round((int(budget_cents) - int(actual_cents)) / abs(int(budget_cents)) * 100, 2)


def savings_shortfall_pct(forecast_saving_pct: float | None, target_pct: float) -> float | None:
    """How many percentage points the forecast saving falls short of the target (negative: beyond it).

    >>> savings_shortfall_pct(2.5, 3.0), savings_shortfall_pct(3.4, 3.0), savings_shortfall_pct(None, 3.0)
    (0.5, -0.4, None)
    """
    if forecast_saving_pct is None or math.isnan(forecast_saving_pct):
        return None
    return round(float(target_pct) - float(forecast_saving_pct), 2)


def change_pct(value: float | None, baseline: float | None) -> float | None:
    """Change against the baseline in per cent: ``(value − baseline) / baseline × 100``.

    >>> change_pct(105, 100), change_pct(90, 100), change_pct(5, 0), change_pct(None, 100)
    (5.0, -10.0, None, None)
    """
    if value is None or baseline is None or not baseline:
        return None
    return round((float(value) - float(baseline)) / float(baseline) * 100, 2)


def share_pct(part: float | None, whole: float | None) -> float | None:
    """``part / whole × 100``, two decimals; ``None`` without a whole.

    >>> share_pct(260, 579), share_pct(1, 0)
    (44.91, None)
    """
    if part is None or whole is None or not whole:
        return None
    return round(float(part) / float(whole) * 100, 2)


def posts_ending_within(posts: pd.DataFrame, as_of: dt.date, months: int) -> int:
    """People in fixed-term posts that end after ``as_of`` and at most ``months`` later.

    ``posts`` has ``count, fixed_term_end`` (a date or missing for permanent posts).

    >>> ends = [dt.date(2020, 12, 31), None, dt.date(2021, 12, 31)]
    >>> posts = pd.DataFrame({"count": [15, 5, 2], "fixed_term_end": ends})
    >>> posts_ending_within(posts, dt.date(2020, 9, 30), 6), posts_ending_within(posts, dt.date(2020, 3, 31), 6)
    (15, 0)
    """
    horizon = add_months(as_of, months)
    ending = [
        int(count)
        for count, end in zip(posts["count"], posts["fixed_term_end"], strict=True)
        if _is_date(end) and as_of < _as_date(end) <= horizon
    ]
    return sum(ending)


def next_posts_ending(posts: pd.DataFrame, as_of: dt.date) -> tuple[dt.date, int] | None:
    """The first day on or after ``as_of`` on which fixed-term posts end, and how many people they hold.

    >>> ends = [dt.date(2020, 12, 31), None, dt.date(2021, 12, 31), dt.date(2020, 12, 31)]
    >>> posts = pd.DataFrame({"count": [15, 5, 2, 3], "fixed_term_end": ends})
    >>> next_posts_ending(posts, dt.date(2020, 9, 1)), next_posts_ending(posts, dt.date(2022, 1, 1))
    ((datetime.date(2020, 12, 31), 18), None)
    """
    ends = [
        (_as_date(end), int(count))
        for count, end in zip(posts["count"], posts["fixed_term_end"], strict=True)
        if _is_date(end) and _as_date(end) >= as_of
    ]
    if not ends:
        return None
    first = min(end for end, _ in ends)
    return first, sum(count for end, count in ends if end == first)


def posts_in_force(posts: pd.DataFrame, as_of: dt.date) -> int:
    """People in posts on ``as_of``: permanent ones and fixed-term ones not yet ended.

    >>> posts = pd.DataFrame({"count": [15, 5], "fixed_term_end": [dt.date(2020, 12, 31), None]})
    >>> posts_in_force(posts, dt.date(2020, 12, 31)), posts_in_force(posts, dt.date(2021, 1, 1))
    (20, 5)
    """
    return sum(
        int(count)
        for count, end in zip(posts["count"], posts["fixed_term_end"], strict=True)
        if not _is_date(end) or _as_date(end) >= as_of
    )


def clients_per_staff(clients: int | None, staff: int | None) -> float | None:
    """Clients per staff member, one decimal; ``None`` without staff or clients.

    >>> clients_per_staff(22000, 160), clients_per_staff(3000, 0)
    (137.5, None)
    """
    if clients is None or not staff:
        return None
    return round(int(clients) / int(staff), 1)


def _is_date(value: object) -> bool:
    return isinstance(value, dt.date) or (isinstance(value, str) and bool(value))


def _as_date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
