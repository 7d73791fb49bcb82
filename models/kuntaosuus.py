"""The municipal share by day class: share bands, an estimate from days, and the what-if.

Share bands are data (``share_bands.csv``): 2015–2024 the municipality pays
50 % of subsidy for days 300–999 and 70 % from day 1000; the 2025+ bands (from
day 101) are placeholders, marked unverified. Kela's day classes
(``300-499``, ``500-999``, ``1000`` …) and the days they cover are
``day_classes.csv``.

Estimate of a month's kuntaosuus in class ``c``::

    rate = Σ paid / Σ compensated days            (the month's € per day, all classes)
    estimate(c) = compensated_days(c) × rate × share(c)

What-if: a person who leaves class ``c`` for work in the month after the
latest data, and stays in work, saves the class's monthly kuntaosuus per
recipient every remaining month of the target window::

    per_person(c) = kuntaosuus(c) / recipients(c)  (Kela's figure; the estimate where Kela's is empty)
    saving = Σ_c leavers(c) × per_person(c) × months_left
    people needed in c alone = ceil(gap / (per_person(c) × months_left))
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

import pandas as pd

_HERE = Path(__file__).parent
REGIMES = ("2015-2024", "2025+")


@dataclass(frozen=True)
class Band:
    regime: str
    first_day: int
    last_day: int | None
    share_pct: Decimal
    verified: bool
    note: str


@cache
def share_bands(regime: str) -> tuple[Band, ...]:
    """The share bands of a regime, from ``share_bands.csv``.

    >>> [(b.first_day, b.last_day, float(b.share_pct)) for b in share_bands("2015-2024")][1:]
    [(300, 999, 50.0), (1000, None, 70.0)]
    """
    with (_HERE / "share_bands.csv").open(encoding="utf-8", newline="") as handle:
        return tuple(
            Band(
                row["regime"],
                int(row["first_day"]),
                int(row["last_day"]) if row["last_day"] else None,
                Decimal(row["share_pct"]),
                row["verified"] == "true",
                row["note"],
            )
            for row in csv.DictReader(handle)
            if row["regime"] == regime
        )


def bands_verified(regime: str) -> bool:
    """Whether every band of the regime is verified (the 2025+ ones are not).

    >>> bands_verified("2015-2024"), bands_verified("2025+")
    (True, False)
    """
    return all(band.verified for band in share_bands(regime))


@cache
def _day_classes() -> dict[tuple[str, str], tuple[int, int | None]]:
    """Kela's day classes (``day_classes.csv``, read once): (regime, label in lower case) → first and last day."""
    with (_HERE / "day_classes.csv").open(encoding="utf-8", newline="") as handle:
        return {
            (row["regime"], row["label"].strip().lower()): (
                int(row["first_day"]),
                int(row["last_day"]) if row["last_day"] else None,
            )
            for row in csv.DictReader(handle)
        }


def day_classes_from(first_day: int, regime: str) -> frozenset[str]:
    """Kela's day-class labels (lower case) of a regime whose spells start at ``first_day`` or later.

    >>> sorted(day_classes_from(1000, "2015-2024"))
    ['1000', '1000 tai yli', '1000-']
    """
    return frozenset(
        label for (found, label), (first, _) in _day_classes().items() if found == regime and first >= first_day
    )


def class_share_pct(label: str, regime: str) -> float | None:
    """The municipality's share (%) of the benefit paid in a Kela day class.

    ``None`` for a class this table does not know or one that spans bands
    with different shares.

    >>> class_share_pct("300-499", "2015-2024"), class_share_pct("1000 tai yli", "2015-2024")
    (50.0, 70.0)
    """
    days = _day_classes().get((regime, str(label).strip().lower()))
    if days is None:
        return None
    first, last = days
    shares = {
        band.share_pct
        for band in share_bands(regime)
        if (band.last_day is None or band.last_day >= first) and (last is None or band.first_day <= last)
    }
    return float(shares.pop()) if len(shares) == 1 else None


def kuntaosuus_estimate(classes: pd.DataFrame, regime: str) -> pd.DataFrame:
    """Each day class's kuntaosuus estimated from its compensated days, the month's € per day and its share.

    ``classes``: one month's class rows with ``day_class, recipients,
    compensated_days, paid_cents`` (and Kela's ``kuntaosuus_cents``).
    Adds ``share_pct``, ``estimate_cents`` and ``per_person_cents`` (Kela's
    kuntaosuus per recipient, else the estimate's).

    >>> classes = pd.DataFrame({"day_class": ["300-499", "1000"], "recipients": [10, 10],
    ...     "compensated_days": [200, 200], "paid_cents": [700000, 700000], "kuntaosuus_cents": [pd.NA, pd.NA]})
    >>> kuntaosuus_estimate(classes, "2015-2024")[["estimate_cents", "per_person_cents"]].values.tolist()
    [[350000, 35000], [490000, 49000]]
    """
    frame = classes.copy()
    days = pd.to_numeric(frame["compensated_days"], errors="coerce").astype(float)
    paid = pd.to_numeric(frame["paid_cents"], errors="coerce").astype(float)
    rate = paid.sum() / days.sum() if days.sum() > 0 else math.nan
    frame["share_pct"] = [class_share_pct(label, regime) for label in frame["day_class"]]
    estimate = days * rate * frame["share_pct"].astype(float) / 100
    frame["estimate_cents"] = estimate.round().astype("Int64")
    recipients = pd.to_numeric(frame["recipients"], errors="coerce").astype(float).where(lambda r: r > 0)
    reported = pd.to_numeric(frame.get("kuntaosuus_cents"), errors="coerce").astype(float)
    per_person = reported.fillna(estimate) / recipients
    frame["per_person_cents"] = per_person.round().astype("Int64")
    return frame


def people_to_close_gap(gap_cents: int, per_person_cents: int, months_left: int) -> int | None:
    """How many people leaving one class for work now would close the gap by the target month.

    ``None`` when nobody leaving could (no months left, or nothing saved per person).

    >>> people_to_close_gap(100_000_00, 500_00, 4), people_to_close_gap(0, 500_00, 4)
    (50, 0)
    """
    if gap_cents <= 0:
        return 0
    if months_left <= 0 or per_person_cents <= 0:
        return None
    return math.ceil(gap_cents / (per_person_cents * months_left))


def what_if_saving(leavers: dict[str, int], per_person_cents: dict[str, int], months_left: int) -> int:
    """The extra saving (cents) if ``leavers[c]`` people leave class ``c`` for work now.

    >>> what_if_saving({"300-499": 10, "1000": 2}, {"300-499": 350_00, "1000": 490_00}, 6)
    2688000
    """
    return sum(count * int(per_person_cents.get(label, 0)) * max(months_left, 0) for label, count in leavers.items())


CLASS_COLUMNS = ["day_class", "recipients", "compensated_days", "paid_cents", "kuntaosuus_cents"]


def day_class_month(rows: pd.DataFrame, codes: list[str], month: pd.Timestamp, regime: str) -> pd.DataFrame:
    """One month's day-class rows of some municipalities, added up per class.

    ``rows`` are Kela's rows added up over age and gender per area
    (``db.queries.kela_area_totals``), their ``area_code`` already on today's
    boundaries; a class is unknown (NA) where any municipality's sum is.

    >>> rows = pd.DataFrame({"regime": ["2015-2024"] * 2, "period_type": ["Kuukausi"] * 2,
    ...     "area_code": ["837", "211"], "month": pd.to_datetime(["2018-01-01"] * 2), "day_class": ["1000", "1000"],
    ...     "suppressed": [False] * 2, "recipients": [10, 5], "compensated_days": [100, 50],
    ...     "paid_cents": [1000, 500], "kuntaosuus_cents": [700, pd.NA]})
    >>> day_class_month(rows, ["837", "211"], pd.Timestamp("2018-01-01"), "2015-2024").values.tolist()
    [['1000', 15, 150, 1500, <NA>]]
    """
    keep = (
        rows["regime"].eq(regime)
        & rows["period_type"].eq("Kuukausi")
        & rows["area_code"].isin(codes)
        & (pd.to_datetime(rows["month"]) == month)
        & ~rows["day_class"].eq("Yhteensä")
        & ~rows["suppressed"].astype(bool)
    ).to_numpy(dtype=bool, na_value=False)
    numbers = CLASS_COLUMNS[1:]
    sums: dict[object, list[list[int]]] = {}  # day class → [sum, values known] of each number, in order of appearance
    labels = rows["day_class"].to_numpy()[keep]
    values = [rows[name].to_numpy()[keep] for name in numbers]
    for label, *cells in zip(labels, *values, strict=True):
        if pd.isna(label):
            continue  # as a groupby: a row without a class is in none
        found = sums.setdefault(label, [[0, 0] for _ in numbers])
        for total, cell in zip(found, cells, strict=True):
            if not pd.isna(cell):
                total[0] += int(cell)
                total[1] += 1
    given = rows["day_class"].dtype  # kept, as a groupby keeps it; labels given as objects are inferred, as it does
    frame = {"day_class": pd.Series(list(sums), dtype=None if pd.api.types.is_object_dtype(given) else given)}
    for position, name in enumerate(numbers):  # a class's sum is unknown unless as many values as codes are known
        found = [total[position] for total in sums.values()]
        frame[name] = pd.array([value if known >= len(codes) else None for value, known in found], dtype="Int64")
    return pd.DataFrame(frame)


def classes_in_order(labels: list[str], regime: str) -> list[str]:
    """Day classes from the shortest spell to the longest (as the share bands run).

    >>> classes_in_order(["1000", "300-499", "500-999"], "2015-2024")
    ['300-499', '500-999', '1000']
    """
    known = _day_classes()
    return sorted(labels, key=lambda label: known.get((regime, label.strip().lower()), (10**6, None))[0])
