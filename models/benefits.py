"""The benefit register: each target's status, computed where data measures it, manual otherwise.

Rules, by the target's indicator:

- ``kuntaosuus``: the savings outlook of the 12 months ending at the target
  date (``models.forecast.outlook``): on track / at risk / off track, and met
  or missed once every month is known. The target is ``−target_change_pct``
  per cent of the baseline.
- a StatFin indicator (``TYOTTOMATLOPUSSA``, ``PITKAAIKAISTYOTTOMAT`` …): the
  change against the same month of the baseline year. At the target month,
  when known: **met** if the indicator fell and by at least the target
  (``change_pct < 0`` and ``change_pct ≤ target_change_pct``), else
  **missed**. Before it, the latest month by the same test: **on track**, else
  **off track**.
- no indicator (a qualitative target): the status entered by hand, or
  **not assessed**.

An empty ``area`` means the whole programme: its members added up.
"""

from __future__ import annotations

import math

import pandas as pd

from models.forecast import MET, MISSED, OFF_TRACK, ON_TRACK, outlook
from models.savings import DEFAULT_BASELINE_YEAR, combined_series
from models.unemployment import area_code, change_against_baseline, programme_counts

KUNTAOSUUS = "kuntaosuus"
NOT_ASSESSED = "not_assessed"
NO_DATA = "no_data"
COMPUTED, MANUAL = "computed", "manual"


def indicator_status(change_pct: float, target_change_pct: float, final: bool) -> str:
    """Met/missed (``final``: at the target month) or on/off track for a target asking for a fall.

    >>> indicator_status(-0.5, 0.0, True), indicator_status(0.0, 0.0, True), indicator_status(-2.0, -3.0, False)
    ('met', 'missed', 'off_track')
    """
    reached = change_pct < 0 and change_pct <= target_change_pct
    if final:
        return MET if reached else MISSED
    return ON_TRACK if reached else OFF_TRACK


def _present(value: object) -> object:
    """The value, or ``None`` for an empty or missing one (pandas' NaN, NA, NaT, '')."""
    if value is None or value == "" or (not isinstance(value, str) and pd.isna(value)):
        return None
    return value


def _month(value: object) -> pd.Timestamp | None:
    if _present(value) is None:
        return None
    stamp = pd.Timestamp(value)
    return pd.Timestamp(stamp.year, stamp.month, 1)


def register_status(
    targets: pd.DataFrame,
    totals: pd.DataFrame,
    observations: pd.DataFrame,
    members: list[str],
    as_of: pd.Timestamp | None = None,
) -> pd.DataFrame:
    """One programme's targets with ``status``, ``basis`` (computed or manual), ``measured_pct`` and ``measured_month``.

    ``totals``: monthly kuntaosuus (``models.savings.kuntaosuus_totals``);
    ``observations``: StatFin cells (``area_code, indicator, month, value``);
    ``members``: the programme's municipality codes; ``as_of``: the latest
    month to use (default: everything).
    ``measured_pct`` is the saving in per cent for kuntaosuus, the change in
    per cent for an indicator.
    """
    rows = []
    for target in targets.to_dict("records"):
        rows.append({**target, **_status_of(target, totals, observations, members, as_of)})
    return pd.DataFrame(rows)


def _status_of(target, totals, observations, members, as_of) -> dict[str, object]:  # noqa: ANN001
    indicator = _present(target.get("indicator"))
    if indicator is None:
        manual = _present(target.get("manual_status")) or NOT_ASSESSED
        return {"status": manual, "basis": MANUAL, "measured_pct": math.nan, "measured_month": None}
    area = _present(target.get("area"))
    baseline_year = int(_present(target.get("baseline_year")) or DEFAULT_BASELINE_YEAR)
    target_pct = float(_present(target.get("target_change_pct")) or 0.0)
    target_month = _month(target.get("target_date"))
    if indicator == KUNTAOSUUS:
        series = combined_series(totals, [area] if area else members)
        if as_of is not None:
            series = series[series.index <= as_of]
        seen = outlook(series, baseline_year, target_month, -target_pct) if len(series) and target_month else None
        if seen is None:
            return {"status": NO_DATA, "basis": COMPUTED, "measured_pct": math.nan, "measured_month": None}
        return {"status": seen.status, "basis": COMPUTED, "measured_pct": seen.saving_pct, "measured_month": seen.as_of}
    if area:
        cells = observations[(observations["area_code"] == area_code(area)) & (observations["indicator"] == indicator)]
    else:
        cells = programme_counts(observations, [area_code(code) for code in members], "programme")
        cells = cells[cells["indicator"] == indicator]
    changes = change_against_baseline(cells, baseline_year).dropna(subset=["change_pct"])
    if as_of is not None:
        changes = changes[changes["month"] <= as_of]
    if target_month is not None:
        changes = changes[changes["month"] <= target_month]
    if changes.empty:
        return {"status": NO_DATA, "basis": COMPUTED, "measured_pct": math.nan, "measured_month": None}
    latest = changes.sort_values("month").iloc[-1]
    final = target_month is not None and latest["month"] == target_month
    status = indicator_status(float(latest["change_pct"]), target_pct, final)
    return {
        "status": status,
        "basis": COMPUTED,
        "measured_pct": float(latest["change_pct"]),
        "measured_month": latest["month"],
    }
