"""What a programme's figures lack: which members have no months of a series, before and after the baseline.

A saving needs, for each member municipality, months of the baseline year and
the same calendar months later on; the target-group figures need the same of
Statistics Finland's jobseekers (12r5). A page or a pack with nothing to show
says which of these is missing, never an empty chart.

>>> months = pd.DataFrame({"municipality": ["837", "837", "211"],
...     "month": pd.to_datetime(["2016-01-01", "2018-01-01", "2018-01-01"])})
>>> gap = series_gap(months, ["837", "211", "418"], 2016)
>>> gap.without_baseline, gap.without_later, gap.complete
(('211', '418'), ('418',), False)
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Gap:
    """Members (codes) with no month of the baseline year, and with no month after it."""

    baseline_year: int
    without_baseline: tuple[str, ...]
    without_later: tuple[str, ...]

    @property
    def complete(self) -> bool:
        """Every member has months on both sides of the comparison."""
        return not self.without_baseline and not self.without_later


def series_gap(months: pd.DataFrame, members: list[str], baseline_year: int) -> Gap:
    """Which ``members`` lack months in ``months`` (``municipality``, ``month``) of the baseline year or later.

    ``months`` holds only the months that are known (a month of an unknown
    amount is not there); codes are on today's boundaries.
    """
    years = pd.to_datetime(months["month"]).dt.year if not months.empty else pd.Series(dtype="int64")
    codes = months["municipality"].astype(str) if not months.empty else pd.Series(dtype="object")
    with_baseline = set(codes[years.eq(baseline_year)])
    with_later = set(codes[years.gt(baseline_year)])
    ordered = [str(code) for code in members]
    return Gap(
        baseline_year,
        tuple(code for code in ordered if code not in with_baseline),
        tuple(code for code in ordered if code not in with_later),
    )


def jobseeker_months(observations: pd.DataFrame, indicator: str = "TYOTTOMATLOPUSSA") -> pd.DataFrame:
    """StatFin cells (``KU837``) of one indicator with a value, as ``municipality``, ``month`` (``837``).

    >>> cells = pd.DataFrame({"area_code": ["KU837", "KU211", "SSS"], "indicator": ["TYOTTOMATLOPUSSA"] * 3,
    ...     "month": pd.to_datetime(["2016-01-01"] * 3), "value": [10.0, float("nan"), 5.0]})
    >>> jobseeker_months(cells)["municipality"].tolist()
    ['837']
    """
    if observations.empty:
        return pd.DataFrame(columns=["municipality", "month"])
    with_value = observations[observations["indicator"].eq(indicator) & observations["value"].notna()]
    chosen = with_value[with_value["area_code"].str.match(r"^KU\d{3}$")]  # the pattern on the few cells left
    return pd.DataFrame({"municipality": chosen["area_code"].str[2:], "month": pd.to_datetime(chosen["month"])})


KELA, STATFIN = "kela", "statfin"
MAX_NAMED = 10


def gap_notes(gap: Gap, source: str, programme: str, names: dict[str, str]) -> list[dict[str, object]]:
    """What is missing, as catalogue keys (``missing.kela_baseline`` …) and their fields, for any language.

    >>> notes = gap_notes(Gap(2016, ("837",), ()), "kela", "Tampere", {"837": "Tampere"})
    >>> notes == [{"key": "missing.kela_baseline", "fields": {"programme": "Tampere", "year": 2016,
    ...     "areas": "Tampere (837)"}}]
    True
    """
    notes = []
    for side, codes in (("baseline", gap.without_baseline), ("later", gap.without_later)):
        if codes:
            fields = {"programme": programme, "year": gap.baseline_year, "areas": area_list(codes, names)}
            notes.append({"key": f"missing.{source}_{side}", "fields": fields})
    return notes


def area_list(codes: tuple[str, ...], names: dict[str, str]) -> str:
    """``Tampere (837), Nokia (536)``; past ten, the rest counted (``… +3``).

    >>> area_list(("837", "999"), {"837": "Tampere"})
    'Tampere (837), 999'
    """
    named = [f"{names[code]} ({code})" if code in names else code for code in codes[:MAX_NAMED]]
    more = len(codes) - MAX_NAMED
    return ", ".join(named) + (f" … +{more}" if more > 0 else "")


def missing_notes(
    programme: str,
    members: dict[str, str],
    baseline_year: int,
    kela_totals: pd.DataFrame | None = None,
    observations: pd.DataFrame | None = None,
    *,
    statfin_months: pd.DataFrame | None = None,
) -> list[dict[str, object]]:
    """A programme's missing data, of the sources given: Kela month totals (``municipality``, ``month``, on today's
    boundaries) and StatFin 12r5 cells, or instead of the cells ``statfin_months``: months with a known count of
    jobseekers (``jobseeker_months``; each member's first and last are enough); ``members`` maps each member's
    code to its name."""
    codes = list(members)
    notes = []
    if kela_totals is not None:
        gap = series_gap(kela_totals[kela_totals["municipality"].isin(codes)], codes, baseline_year)
        notes += gap_notes(gap, KELA, programme, members)
    if observations is not None or statfin_months is not None:
        months = jobseeker_months(observations) if statfin_months is None else statfin_months
        notes += gap_notes(series_gap(months, codes, baseline_year), STATFIN, programme, members)
    return notes
