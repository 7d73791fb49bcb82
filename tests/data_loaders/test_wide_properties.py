"""Property tests: any wide table written in any of the layouts reads back to the figures it was made from."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from data_loaders import wide
from data_loaders.workbook import read_grids
from models.amounts import floats_to_cents, to_cents
from models.budget import toimintakate
from tests.data_loaders.budget_workbooks import MINUS, NBSP, workbook

INCOME = ["Myyntituotot", "Maksutuotot", "Tuet ja avustukset", "Vuokratuotot", "Muut toimintatuotot"]
COSTS = ["Palkat ja palkkiot", "Palvelujen ostot", "Aineet, tarvikkeet ja tavarat", "Avustukset", "Vuokrakulut"]


def finnish(amount: int, style: str) -> object:
    """An amount as a sheet may hold it: a number, or text with (non-breaking) spaces and U+2212."""
    if style == "number":
        return amount
    space = NBSP if style == "nbsp" else " "
    text = f"{abs(amount):,}".replace(",", space)
    return (MINUS if style == "nbsp" else "-") + text if amount < 0 else text


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    income=st.lists(st.integers(0, 5_000_000), min_size=len(INCOME), max_size=len(INCOME)),
    costs=st.lists(st.integers(0, 50_000_000), min_size=len(COSTS), max_size=len(COSTS)),
    unit=st.sampled_from([("€", 1), ("1 000 €", 1000), ("t€", 1000)]),
    layout=st.sampled_from(["indent", "spaces", "flat"]),
    style=st.sampled_from(["number", "space", "nbsp"]),
    costs_positive=st.booleans(),
)
def test_generated_table_reads_back_to_its_totals(income, costs, unit, layout, style, costs_positive):
    note, unit_eur = unit
    sign = 1 if costs_positive else -1
    tuotot, kulut = sum(income), -sum(costs)
    pad = "  " if layout == "spaces" else ""
    rows = [["Talousarvio 2021"], [note, "TA 2021"], ["Toimintatuotot", finnish(tuotot, style)]]
    rows += [[pad + name, finnish(amount, style)] for name, amount in zip(INCOME, income)]
    rows += [["Toimintakulut", finnish(sign * -kulut, style)]]
    rows += [[pad + name, finnish(sign * amount, style)] for name, amount in zip(COSTS, costs)]
    rows += [["Toimintakate", finnish(tuotot + kulut, style)]]
    indented = {n: 1 for n in [*range(4, 4 + len(INCOME)), *range(5 + len(INCOME), 5 + len(INCOME) + len(COSTS))]}
    content = workbook({"TA": rows}, indent={"TA": indented} if layout == "indent" else None)
    parsed = wide.parse(read_grids(content, "t.xlsx"), "t.xlsx")
    assert parsed.ok, [m.text() for m in parsed.messages]
    totals = toimintakate(parsed.lines).iloc[0]
    cents = 100 * unit_eur
    assert (totals["toimintatuotot"], totals["toimintakulut"]) == (tuotot * cents, kulut * cents)
    assert totals["toimintakate"] == (tuotot + kulut) * cents


@given(st.decimals(min_value=-(10**11), max_value=10**11, places=2, allow_nan=False, allow_infinity=False))
def test_spreadsheet_floats_become_the_cents_typed(amount: Decimal):
    # oracle: exact decimal arithmetic on what the user typed
    cents, fraction, beyond = floats_to_cents(np.array([float(amount)]))
    assert not beyond[0]
    assert (int(cents[0]), bool(fraction[0])) == (to_cents(amount), False)
