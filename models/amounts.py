"""Exact money: euros as integer cents (reading cell text is ``data_loaders.cell_amounts``'s job)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

import numpy as np

CENTS_PER_EURO = 100
MAX_EUROS = 10**12
"""Every amount an import accepts is finite and smaller than this in magnitude (€): one trillion euros.

Far above any municipal budget or benefit total, and far below where integer
cents stop being exact in a 64-bit integer (±92 233 720 368 547 758 €) or a
sum of a million such amounts could wrap. StatFin values fit ``Numeric(16, 4)``
under it too. The README's limits table states it.
"""


class AmountError(ValueError):
    """A cell that should hold an amount holds something else."""


class AmountOutOfBounds(AmountError):
    """An amount that is not finite or not smaller than ``MAX_EUROS`` in magnitude."""


def beyond_bound(euros: object) -> np.ndarray:
    """Where amounts (€; a number, a ``Decimal`` or an array) fail the one check: finite and under ``MAX_EUROS``.

    NaN fails too: callers leave blank cells out before asking.

    >>> beyond_bound(np.array([-48664.0, 1e20, np.inf, np.nan, -(10**12), 999_999_999_999.99])).tolist()
    [False, True, True, True, True, False]
    >>> bool(beyond_bound(Decimal("1" + "0" * 400))), bool(beyond_bound(Decimal("-17053867")))
    (True, False)
    """
    values = np.asarray(euros, dtype="float64")
    with np.errstate(invalid="ignore"):
        return ~(np.abs(values) < MAX_EUROS)


def to_cents(euros: Decimal) -> int:
    """Euros to integer cents, exactly; more than two decimals is an error, and so is an amount ``beyond_bound``.

    >>> to_cents(Decimal("-43732000"))
    -4373200000
    >>> to_cents(Decimal("4.5"))
    450
    >>> to_cents(Decimal("1e20"))
    Traceback (most recent call last):
    ...
    models.amounts.AmountOutOfBounds: 1E+20
    """
    if beyond_bound(euros):
        raise AmountOutOfBounds(str(euros))
    cents = euros * CENTS_PER_EURO
    if cents != cents.to_integral_value():
        raise AmountError(str(euros))
    return int(cents)


def whole_euros(cents: int) -> int:
    """Cents as whole euros, half away from zero (a table's rounding).

    >>> whole_euros(12345650), whole_euros(-12345650), whole_euros(-1705386700)
    (123457, -123457, -17053867)
    """
    return int((Decimal(int(cents)) / CENTS_PER_EURO).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def cents_to_euros(cents: int) -> float:
    """Integer cents as euros for display and JSON (exact up to 2**53 cents).

    >>> cents_to_euros(-1705386700)
    -17053867.0
    """
    return int(cents) / CENTS_PER_EURO


class FloatCents(NamedTuple):
    """Spreadsheet numbers as cents: the cents, which had a fraction of a cent, which failed ``beyond_bound``."""

    cents: np.ndarray
    fraction: np.ndarray
    beyond: np.ndarray


def floats_to_cents(euros: np.ndarray, unit_eur: int = 1) -> FloatCents:
    """Spreadsheet numbers (binary floats) as integer cents, all at once: which are not whole cents, which too large.

    cents = round(euros × unit × 100), accepted where the product is a whole
    number to within a few units in the last place of a double (what Excel's
    15 significant digits leave): ``1234.56`` is 123 456 cents, ``0.1 + 0.2`` is
    30, ``12.345`` has a fraction of a cent and is marked. NaN counts as 0 and
    is not marked. An amount (× unit) ``beyond_bound`` (``1e20``, infinite) is
    marked ``beyond`` and counts as 0: it is never cast, so never wraps. The same
    result as ``to_cents(data_loaders.cell_amounts.parse_amount(x) * unit)`` for amounts typed with at most
    two decimals, without a Python loop.

    >>> cents, fraction, beyond = floats_to_cents(np.array([1234.56, -48.664, 0.1 + 0.2, 12.345, np.nan, 1e20]))
    >>> cents.tolist(), fraction.tolist()
    ([123456, -4866, 30, 1234, 0, 0], [False, True, False, True, False, False])
    >>> beyond.tolist()
    [False, False, False, False, False, True]
    >>> floats_to_cents(np.array([-48.664]), unit_eur=1000).cents.tolist()
    [-4866400]
    >>> floats_to_cents(np.array([-np.inf, 2e9]), unit_eur=1000).beyond.tolist()
    [True, True]
    """
    values = np.asarray(euros, dtype="float64")
    blank = np.isnan(values)
    beyond = beyond_bound(values * unit_eur) & ~blank
    scaled = np.where(blank | beyond, 0.0, values) * (unit_eur * CENTS_PER_EURO)
    cents = np.rint(scaled)
    fraction = np.abs(scaled - cents) > np.abs(scaled) * 1e-14 + 1e-9
    return FloatCents(cents.astype("int64"), fraction, beyond)
