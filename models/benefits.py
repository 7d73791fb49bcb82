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
PROGRAMME = "programme"  # the area of a programme's counts: its members' cells added up


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
    records = targets.to_dict("records")
    changes = indicator_changes(records, observations, members)
    rows = []
    for target in records:
        rows.append({**target, **_status_of(target, totals, changes, members, as_of)})
    return pd.DataFrame(rows)


def measured_months(targets: pd.DataFrame, as_of: pd.Timestamp | None) -> list[pd.Timestamp] | None:
    """The StatFin months that measure each target that has data after its baseline year: that year's months and
    those after it up to ``as_of`` or the target month, whichever is first. ``None`` (every month) without an end.

    A target these months leave unmeasured (``measured_after_baseline``) may still be measured by an earlier one.

    >>> targets = pd.DataFrame({"indicator": ["TYOTTOMAT25", "kuntaosuus"], "baseline_year": [2016, 2016],
    ...     "target_date": [pd.Timestamp("2017-02-28"), None]})
    >>> [month.strftime("%Y-%m") for month in measured_months(targets, pd.Timestamp("2020-12-01"))][-3:]
    ['2016-12', '2017-01', '2017-02']
    """
    months: set[pd.Timestamp] = set()
    for target in _records(targets, "indicator", "baseline_year", "target_date"):
        if _indicator(target) is None:
            continue
        ends = [month for month in (as_of, _month(target.get("target_date"))) if month is not None]
        if not ends:
            return None
        months.update(pd.date_range(pd.Timestamp(_baseline_year(target), 1, 1), min(ends), freq="MS"))
    return sorted(months)


def measured_after_baseline(register: pd.DataFrame) -> bool:
    """Whether every StatFin target of a register (``register_status``) was measured at a month after its baseline
    year: then the months of ``measured_months`` were all its status needed.

    >>> register = pd.DataFrame({"indicator": ["TYOTTOMAT25", None], "baseline_year": [2016, None],
    ...     "measured_month": [pd.Timestamp("2017-01-01"), None]})
    >>> measured_after_baseline(register), measured_after_baseline(register.assign(baseline_year=2017))
    (True, False)
    """
    for row in _records(register, "indicator", "baseline_year", "measured_month"):
        month = _present(row.get("measured_month"))
        if _indicator(row) is not None and (month is None or pd.Timestamp(month).year <= _baseline_year(row)):
            return False
    return True


def _records(frame: pd.DataFrame, *names: str) -> list[dict]:
    """Rows of only these columns (those ``frame`` has) as dicts: quicker than ``to_dict`` of every column."""
    present = [name for name in names if name in frame]
    return [dict(zip(present, values, strict=True)) for values in zip(*(frame[name] for name in present))]


def _baseline_year(target: dict) -> int:
    return int(_present(target.get("baseline_year")) or DEFAULT_BASELINE_YEAR)


def _indicator(target: dict) -> str | None:
    """A target's StatFin indicator, or ``None`` for a qualitative or a kuntaosuus target."""
    indicator = _present(target.get("indicator"))
    return None if indicator in (None, KUNTAOSUUS) else str(indicator)


def indicator_changes(
    targets: list[dict], observations: pd.DataFrame, members: list[str]
) -> dict[tuple[int, str, str], list[tuple[pd.Timestamp, float]]]:
    """The known changes the StatFin targets are measured by, each computed once.

    (baseline year, area code, indicator) → ``(month, change_pct)`` of every month outside that baseline year with a
    change (``models.unemployment.change_against_baseline``). The area is ``KU…`` for a target of one municipality,
    ``PROGRAMME`` for the members' counts added up (``programme_counts``). One computation per baseline year for all
    cells: each area and indicator is compared only with itself, so the changes are those of each target's own.

    >>> cells = pd.DataFrame({"area_code": ["KU837"] * 3, "indicator": ["TYOTTOMAT25"] * 3,
    ...     "month": pd.to_datetime(["2016-12-01", "2017-12-01", "2018-12-01"]), "value": [1000.0, 950.0, 900.0]})
    >>> found = indicator_changes([{"indicator": "TYOTTOMAT25", "area": "837", "baseline_year": 2016}], cells, ["837"])
    >>> found[2016, "KU837", "TYOTTOMAT25"]
    [(Timestamp('2017-12-01 00:00:00'), -5.0), (Timestamp('2018-12-01 00:00:00'), -10.0)]
    """
    measured = [target for target in targets if _indicator(target) is not None]
    if not measured:
        return {}
    cells = _measured_cells(measured, observations, members)
    found: dict[tuple[int, str, str], list[tuple[pd.Timestamp, float]]] = {}
    for year in sorted({_baseline_year(target) for target in measured}):
        changes = change_against_baseline(cells, year).dropna(subset=["change_pct"])
        keys = zip(changes["area"], changes["indicator"], changes["month"].tolist(), changes["change_pct"], strict=True)
        for area, indicator, month, change in keys:
            found.setdefault((year, area, indicator), []).append((month, float(change)))
    return found


def _measured_cells(measured: list[dict], observations: pd.DataFrame, members: list[str]) -> pd.DataFrame:
    """The cells of the areas and indicators the targets measure: a municipality's own, or the members' added up."""
    wanted = {(area_code(str(area)) if area else PROGRAMME, _indicator(target)) for target in measured
              for area in [_present(target.get("area"))]}  # fmt: skip
    own = pd.Series(False, index=observations.index)
    for area, indicator in wanted - {(PROGRAMME, indicator) for _, indicator in wanted}:
        own |= observations["area_code"].eq(area) & observations["indicator"].eq(indicator)
    cells = observations.loc[own, ["area_code", "indicator", "month", "value"]]
    added_up = [indicator for area, indicator in wanted if area == PROGRAMME]
    if not added_up:
        return cells
    counts = programme_counts(observations, [area_code(code) for code in members], PROGRAMME)
    counts = counts[counts["indicator"].isin(added_up)]
    return pd.concat([cells, counts], ignore_index=True) if len(cells) else counts


def _status_of(target, totals, changes, members, as_of) -> dict[str, object]:  # noqa: ANN001
    indicator = _present(target.get("indicator"))
    if indicator is None:
        manual = _present(target.get("manual_status")) or NOT_ASSESSED
        return {"status": manual, "basis": MANUAL, "measured_pct": math.nan, "measured_month": None}
    area = _present(target.get("area"))
    target_pct = float(_present(target.get("target_change_pct")) or 0.0)
    target_month = _month(target.get("target_date"))
    if indicator == KUNTAOSUUS:
        codes = [area] if area else members
        return _kuntaosuus_status(totals, codes, _baseline_year(target), target_month, target_pct, as_of)
    known = changes.get((_baseline_year(target), area_code(area) if area else PROGRAMME, indicator), [])
    latest = max(
        (
            (month, change)
            for month, change in known
            if (as_of is None or month <= as_of) and (target_month is None or month <= target_month)
        ),
        default=None,
        key=lambda found: found[0],
    )
    if latest is None:
        return {"status": NO_DATA, "basis": COMPUTED, "measured_pct": math.nan, "measured_month": None}
    month, change = latest
    final = target_month is not None and month == target_month
    status = indicator_status(change, target_pct, final)
    return {"status": status, "basis": COMPUTED, "measured_pct": change, "measured_month": month}


def _kuntaosuus_status(totals, codes, baseline_year, target_month, target_pct, as_of) -> dict[str, object]:  # noqa: ANN001
    """A kuntaosuus target: its savings outlook over the 12 months ending at its target month."""
    series = combined_series(totals, codes)
    if as_of is not None:
        series = series[series.index <= as_of]
    seen = outlook(series, baseline_year, target_month, -target_pct) if len(series) and target_month else None
    if seen is None:
        return {"status": NO_DATA, "basis": COMPUTED, "measured_pct": math.nan, "measured_month": None}
    return {"status": seen.status, "basis": COMPUTED, "measured_pct": seen.saving_pct, "measured_month": seen.as_of}
