"""Roll-up, reconciliation and toimintakate on hand-made and generated trees."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.budget import line_tree, reconcile, rounding_tolerance_cents, toimintakate, waterfall_steps

COLUMNS = ["year", "scenario", "code", "name", "parent", "category", "amount_cents", "unit_eur", "partial"]


def frame(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame([(2019, "budget", *row) for row in rows], columns=COLUMNS)


@pytest.mark.parametrize(
    ("unit", "children", "difference_eur", "finding"),
    [
        (1000, 6, 1000, "rounding"),  # seed 000 toimintakulut: −48 664 vs −48 665, six children
        (1000, 6, 3500, "rounding"),  # the bound: (6 + 1) × 500 €
        (1000, 6, 3501, "mismatch"),  # one euro past it
        (1000, 1, 1000, "rounding"),  # (1 + 1) × 500 € = 1 000 €
        (1, 6, 1, "mismatch"),  # whole euros carry no rounding
    ],
)
def test_rounding_tolerance_follows_from_the_number_of_rounded_children(unit, children, difference_eur, finding):
    rows = [
        ("p", "Toimintakulut", None, "toimintakulut", -100_000 * 100 * children - difference_eur * 100, unit, False)
    ]
    rows += [(f"c{i}", f"Lapsi {i}", "p", "palvelujen_ostot", -100_000 * 100, unit, False) for i in range(children)]
    found = reconcile(frame(rows))
    assert found[["difference", "finding"]].values.tolist() == [[-difference_eur * 100, finding]]


def test_joista_remainder_is_information_not_error():
    # seed 004: toimintakulut −18 510 561, itemised −18 510 000
    rows = [
        ("tk", "Toimintakulut", None, "toimintakulut", -1_851_056_100, 1, True),
        ("a", "kuntaosuus", "tk", "muut_toimintakulut", -1_851_000_000, 1, False),
    ]
    assert reconcile(frame(rows))[["difference", "finding"]].values.tolist() == [[-56_100, "remainder"]]


def test_joista_children_exceeding_their_parent_are_a_mismatch():
    rows = [
        ("tk", "Toimintakulut", None, "toimintakulut", -100, 1, True),
        ("a", "osa", "tk", "muut_toimintakulut", -200, 1, False),
    ]
    assert reconcile(frame(rows))["finding"].tolist() == ["mismatch"]


def test_toimintakate_without_a_reported_total_is_income_plus_costs():
    rows = [
        ("tt", "Toimintatuotot", None, "toimintatuotot", 500, 1, False),
        ("po", "Palvelujen ostot", None, "palvelujen_ostot", -300, 1, False),
        ("hk", "Henkilöstökulut", None, "henkilostokulut", -400, 1, False),
        ("pk", "Palkat", "hk", "palkat_ja_palkkiot", -400, 1, False),
    ]
    totals = toimintakate(frame(rows)).iloc[0]
    # 500 − 300 − 400 = −200; the child "Palkat" is inside "Henkilöstökulut", counted once
    assert (totals["toimintatuotot"], totals["toimintakulut"], totals["toimintakate"]) == (500, -700, -200)
    assert pd.isna(totals["reported_toimintakate"])


def test_waterfall_runs_from_income_through_cost_lines_to_toimintakate():
    rows = [
        ("k", "Toimintakate", None, "toimintakate", -43_732, 1000, False),
        ("tt", "Toimintatuotot", "k", "toimintatuotot", 4_932, 1000, False),
        ("tk", "Toimintakulut", "k", "toimintakulut", -48_664, 1000, False),
        ("hk", "Henkilöstökulut", "tk", "henkilostokulut", -9_576, 1000, False),
        ("av", "Avustukset", "tk", "avustukset", -39_089, 1000, False),
    ]
    steps = waterfall_steps(frame(rows))
    assert steps["label"].tolist() == ["toimintatuotot", "Henkilöstökulut", "Avustukset", "unexplained", "toimintakate"]
    assert steps["amount_cents"].tolist() == [4_932, -9_576, -39_089, 1, -43_732]


def test_line_tree_puts_children_under_their_parent():
    rows = [
        ("b", "B", "a", "palvelujen_ostot", -1, 1, False),
        ("a", "A", None, "toimintakulut", -1, 1, False),
        ("c", "C", None, "toimintatuotot", 1, 1, False),
    ]
    tree = line_tree(frame(rows))
    assert list(zip(tree["code"], tree["depth"])) == [("a", 0), ("b", 1), ("c", 0)]


def test_tolerance_is_zero_in_whole_euros():
    assert rounding_tolerance_cents(1, 10) == 0


@st.composite
def cost_trees(draw):
    """A random two-level cost tree whose parents are the exact sums of their children."""
    groups = draw(st.lists(st.lists(st.integers(-(10**9), 0), min_size=1, max_size=6), min_size=1, max_size=5))
    rows = []
    for g, children in enumerate(groups):
        rows.append((f"g{g}", f"Ryhmä {g}", "k", "toimintakulut", sum(children), 1, False))
        rows += [
            (f"g{g}c{i}", f"Rivi {g}.{i}", f"g{g}", "palvelujen_ostot", c, 1, False) for i, c in enumerate(children)
        ]
    total = sum(sum(children) for children in groups)
    return frame([("k", "Toimintakate", None, "toimintakate", total, 1, False), *rows]), total


@given(cost_trees())
def test_exact_trees_reconcile_and_count_every_euro_once(tree):
    lines, total = tree
    assert reconcile(lines).empty
    result = toimintakate(lines).iloc[0]
    assert result["toimintakulut"] == result["computed_toimintakate"] == result["toimintakate"] == total


def test_waterfall_shows_each_top_level_cost_line_not_as_unexplained():
    # seed 000 development budget 2018 (1 000 €): three groups, one of them without lines under it
    rows = [
        ("k", "VAIKUTUS TOIMINTAKATTEESEEN", None, "toimintakate", -1_000, 1000, False),
        ("tp", "Toimipistekulut", "k", "toimintakulut", -250, 1000, False),
        ("tv", "Tilavuokrat", "tp", "toimintakulut", -250, 1000, False),
        ("yj", "Yhteisesti jaettavia kuluja", "k", "toimintakulut", -350, 1000, False),
        ("ko", "Koulutus", "yj", "toimintakulut", -350, 1000, False),
        ("va", "Varautuminen toiminnan kehittämiseen", "k", "toimintakulut", -400, 1000, False),
    ]
    steps = waterfall_steps(frame(rows))
    assert steps["label"].tolist() == [
        "toimintatuotot",
        "Toimipistekulut",
        "Yhteisesti jaettavia kuluja",
        "Varautuminen toiminnan kehittämiseen",
        "toimintakate",
    ]
    assert steps["amount_cents"].tolist() == [0, -250, -350, -400, -1_000]
