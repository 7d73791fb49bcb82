"""Amounts written the Finnish way in cells and text files, read exactly."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from data_loaders.cell_amounts import parse_amount


@given(st.integers(-(10**12), 10**12), st.sampled_from([" ", "\u00a0", "\u202f", ""]), st.sampled_from(["-", "\u2212"]))
def test_finnish_thousands_and_minus_parse_exactly(value, separator, minus):
    digits = f"{abs(value):,}".replace(",", separator)
    text = (minus if value < 0 else "") + digits
    assert parse_amount(text) == value
