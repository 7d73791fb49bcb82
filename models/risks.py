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
from collections.abc import Iterable
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
    """The 25 cells of the 5×5 map: how many risks (and which codes) sit in each (``heat_map_rows``).

    ``placed`` has ``code, likelihood, impact``. Rows run likelihood 1…5, and
    within it impact 1…5.

    >>> cells = heat_map(pd.DataFrame({"code": ["R1", "R2"], "likelihood": [4, 4], "impact": [5, 5]}))
    >>> cells[(cells.likelihood == 4) & (cells.impact == 5)][["score", "count", "codes"]].values.tolist()
    [[20, 2, 'R1, R2']]
    >>> int(cells["count"].sum()), len(cells)
    (2, 25)
    """
    places = zip(placed["code"], placed["likelihood"], placed["impact"], strict=True)
    return pd.DataFrame(heat_map_rows(places), columns=HEAT_MAP_COLUMNS)


def heat_map_rows(placed: Iterable[tuple[object, object, object]]) -> list[tuple[int, int, int, str, int, str]]:
    """The map's 25 cells as ``HEAT_MAP_COLUMNS`` tuples, from each risk's ``(code, likelihood, impact)``.

    A risk sits in the cell whose likelihood and impact equal its own; its
    code is written as text, the codes of a cell in order.

    >>> heat_map_rows([("R2", 4, 5), ("R1", 4, 5), ("R3", 1, 2)])[1]
    (1, 2, 2, 'low', 1, 'R3')
    >>> heat_map_rows([("R2", 4, 5), ("R1", 4, 5)])[19]
    (4, 5, 20, 'very_high', 2, 'R1, R2')
    """
    codes: dict[tuple[object, object], list[str]] = {}
    for code, likelihood, impact in placed:
        codes.setdefault((likelihood, impact), []).append(str(code))
    rows = []
    for likelihood in SCALE:
        for impact in SCALE:
            here = sorted(codes.get((likelihood, impact), []))
            score = risk_score(likelihood, impact)
            rows.append((likelihood, impact, score, risk_level(score), len(here), ", ".join(here)))
    return rows


def heat_map_records(placed: Iterable[tuple[object, object, object]]) -> list[dict[str, object]]:
    """``heat_map_rows`` as one dict per cell, keyed by ``HEAT_MAP_COLUMNS`` (what a pack keeps).

    >>> heat_map_records([("R1", 4, 5)])[19]
    {'likelihood': 4, 'impact': 5, 'score': 20, 'level': 'very_high', 'count': 1, 'codes': 'R1'}
    """
    return [dict(zip(HEAT_MAP_COLUMNS, row, strict=True)) for row in heat_map_rows(placed)]


def assessments_as_of(assessments: pd.DataFrame, quarter: str) -> pd.DataFrame:
    """Each risk's latest assessment at or before ``quarter`` (risks first assessed later are left out).

    ``assessments`` has ``risk_id, quarter`` and the assessed columns. Rows
    in order of ``risk_id``; of two assessments in the same quarter, the later row.

    >>> a = pd.DataFrame({"risk_id": [1, 1, 2], "quarter": ["2018Q3", "2018Q4", "2019Q1"],
    ...                   "residual_likelihood": [3, 4, 2]})
    >>> assessments_as_of(a, "2018Q4")[["risk_id", "quarter"]].values.tolist()
    [[1, '2018Q4']]
    """
    if assessments.empty:
        return assessments.copy()
    return assessments.iloc[_latest_positions(assessments, quarter)].reset_index(drop=True)


def _latest_positions(assessments: pd.DataFrame, quarter: str) -> list[int]:
    """The row positions of ``assessments_as_of``: each risk's latest quarter at or before ``quarter``."""
    return _latest(*_assessed(assessments), quarter)


def _assessed(assessments: pd.DataFrame) -> tuple[list, list[tuple[int, int]]]:
    """Each assessment's risk and its quarter as ``(year, number)``, in row order."""
    if assessments.empty:
        return [], []
    texts = assessments["quarter"].tolist()
    parsed = {text: parse_quarter(text) for text in set(texts)}
    return assessments["risk_id"].tolist(), [(parsed[text].year, parsed[text].number) for text in texts]


def _latest(risk_ids: list, assessed: list[tuple[int, int]], quarter: str) -> list[int]:
    """Positions of each risk's latest assessment at or before ``quarter``, in order of risk id."""
    chosen = parse_quarter(quarter)
    until = (chosen.year, chosen.number)
    latest: dict[object, tuple[tuple[int, int], int]] = {}
    for position, (risk, when) in enumerate(zip(risk_ids, assessed, strict=True)):
        if when <= until and (risk not in latest or when >= latest[risk][0]):
            latest[risk] = (when, position)  # of two in the same quarter, the later row
    return [latest[risk][1] for risk in sorted(latest)]


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
    The ``MOVEMENT_COLUMNS`` of ``movement_rows``, one row per risk.

    >>> a = pd.DataFrame({"risk_id": [1, 1], "quarter": ["2018Q4", "2019Q1"],
    ...                   "residual_likelihood": [3, 4], "residual_impact": [4, 4]})
    >>> risk_movements(a, "2019Q1")[["score", "previous_score", "movement"]].values.tolist()
    [[16, 12, 'up']]
    """
    return pd.DataFrame(movement_rows(assessments, quarter, kind), columns=MOVEMENT_COLUMNS)


def movement_records(assessments: pd.DataFrame, quarter: str, kind: str = "residual") -> dict[int, dict[str, object]]:
    """``movement_rows`` by risk id, each a dict keyed by ``MOVEMENT_COLUMNS`` (``None`` where not assessed before).

    >>> a = pd.DataFrame({"risk_id": [1, 1, 2], "quarter": ["2018Q4", "2019Q1", "2019Q1"],
    ...                   "residual_likelihood": [3, 4, 2], "residual_impact": [4, 4, 2]})
    >>> found = movement_records(a, "2019Q1")
    >>> found[1]["movement"], found[2]["previous_score"], found[2]["movement"]
    ('up', None, 'new')
    """
    rows = movement_rows(assessments, quarter, kind)
    return {row[0]: dict(zip(MOVEMENT_COLUMNS, row, strict=True)) for row in rows}


def movement_rows(assessments: pd.DataFrame, quarter: str, kind: str = "residual") -> list[tuple]:
    """Each risk's place in ``quarter`` and a quarter earlier, as ``MOVEMENT_COLUMNS`` tuples in order of risk id.

    >>> a = pd.DataFrame({"risk_id": [1, 1], "quarter": ["2018Q4", "2019Q1"],
    ...                   "residual_likelihood": [3, 4], "residual_impact": [4, 4]})
    >>> movement_rows(a, "2019Q1")
    [(1, 4, 4, 16, 3, 4, 12, 'up')]
    """
    risk_ids, assessed = _assessed(assessments)
    now = _latest(risk_ids, assessed, quarter)
    if not now:
        return []
    before = _latest(risk_ids, assessed, str(previous_quarter(quarter)))
    likelihoods, impacts = assessments[f"{kind}_likelihood"].tolist(), assessments[f"{kind}_impact"].tolist()
    earlier = {int(risk_ids[at]): (int(likelihoods[at]), int(impacts[at])) for at in before}
    rows = []
    for at in now:
        likelihood, impact = int(likelihoods[at]), int(impacts[at])
        score = risk_score(likelihood, impact)
        previous = earlier.get(int(risk_ids[at]))
        previous_score = risk_score(*previous) if previous else None
        rows.append(
            (
                int(risk_ids[at]),
                likelihood,
                impact,
                score,
                previous[0] if previous else None,
                previous[1] if previous else None,
                previous_score,
                movement(previous_score, score),
            )
        )
    return rows


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
