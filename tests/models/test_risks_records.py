"""The heat map and the movements as plain rows: the same cells and places as the pandas forms they replaced
(``tests.models.pandas_oracles``), and as the frames built from them."""

from __future__ import annotations

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from models.risks import (
    MOVEMENT_COLUMNS,
    assessments_as_of,
    heat_map,
    heat_map_records,
    heat_map_rows,
    movement_records,
    movement_rows,
    risk_movements,
)
from tests.models import pandas_oracles as oracle

scale = st.integers(min_value=1, max_value=5)
quarter = st.sampled_from(["2018Q3", "2018Q4", "2019Q1", "2019Q2"])


@given(st.lists(st.tuples(scale, scale), max_size=30))
def test_heat_map_rows_are_the_frames_cells(places: list[tuple[int, int]]):
    placed = [(f"R{i}", likelihood, impact) for i, (likelihood, impact) in enumerate(places)]
    placed_frame = pd.DataFrame(placed, columns=["code", "likelihood", "impact"])
    frame = oracle.heat_map(placed_frame)
    assert heat_map_rows(placed) == list(frame.itertuples(index=False, name=None))
    assert heat_map_records(placed) == frame.to_dict("records")
    assert heat_map(placed_frame).equals(frame)


def test_a_cell_lists_its_codes_in_order_and_counts_them():
    cells = {(row[0], row[1]): row for row in heat_map_rows([("K3", 4, 5), ("K1", 4, 5), ("K2", 1, 1)])}
    # 4 × 5 = 20: very high, K1 and K3; 1 × 1 = 1: low, K2; every other cell empty.
    assert cells[(4, 5)] == (4, 5, 20, "very_high", 2, "K1, K3")
    assert cells[(1, 1)] == (1, 1, 1, "low", 1, "K2")
    assert sum(row[4] for row in cells.values()) == 3 and len(cells) == 25


@given(st.lists(st.tuples(st.integers(1, 4), quarter, scale, scale), max_size=20), quarter)
def test_movement_rows_are_the_frames_rows(rows: list[tuple[int, str, int, int]], asked: str):
    assessments = pd.DataFrame(rows, columns=["risk_id", "quarter", "residual_likelihood", "residual_impact"])
    frame = oracle.risk_movements(assessments, asked)
    found = movement_rows(assessments, asked)
    assert pd.DataFrame(found, columns=MOVEMENT_COLUMNS).equals(frame)
    assert risk_movements(assessments, asked).equals(frame)
    assert list(movement_records(assessments, asked)) == [row[0] for row in found]
    assert assessments_as_of(assessments, asked).equals(oracle.assessments_as_of(assessments, asked))


def test_movement_records_name_each_place_and_leave_a_new_risks_past_empty():
    assessments = pd.DataFrame(
        [(1, "2018Q4", 3, 4), (1, "2019Q1", 4, 4), (2, "2019Q1", 5, 5), (2, "2019Q1", 2, 2)],
        columns=["risk_id", "quarter", "residual_likelihood", "residual_impact"],
    )
    found = movement_records(assessments, "2019Q1")
    # R1: 3 × 4 = 12 in 2018Q4 → 4 × 4 = 16: up. R2: twice in 2019Q1, the later row (2 × 2 = 4) counts: new.
    assert found[1] == dict(zip(MOVEMENT_COLUMNS, (1, 4, 4, 16, 3, 4, 12, "up"), strict=True))
    assert found[2] == dict(zip(MOVEMENT_COLUMNS, (2, 2, 2, 4, None, None, None, "new"), strict=True))
    assert movement_records(assessments.iloc[:0], "2019Q1") == {}
