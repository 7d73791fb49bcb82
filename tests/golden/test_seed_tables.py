"""Golden figures: the seeds' tables through loader, database and model."""

from __future__ import annotations

import pytest

from data_loaders.imports import import_file
from db import queries
from models.budget import reconcile
from models.figures import budget_figures
from tests.conftest import SAMPLE


def _figure(url: str, budget: str, year: int) -> dict:
    rows = budget_figures(queries.current_budget_lines(budget=budget, url=url))
    return next(row for row in rows if row["year"] == year and row["scenario"] == "budget")


@pytest.mark.parametrize(
    ("budget", "year", "tuotot", "kulut", "kate"),
    [
        # seed 000 p. 2, "TYÖLLISYYDENHOITO VUSU 2017 1.000": 4 932, −48 664, −43 732 (× 1 000 €)
        ("Työllisyydenhoito", 2017, 4_932_000, -48_664_000, -43_732_000),
        # seed 000 p. 2, "VAIKUTUS TOIMINTAKATTEESEEN" −800 (2017) and −1 000 (2018), 1 000 €
        ("Kehitysohjelman budjetti", 2017, 0, -800_000, -800_000),
        ("Kehitysohjelman budjetti", 2018, 0, -1_000_000, -1_000_000),
        # seed 004, Taulukko 2: 1 456 694, −18 510 561, −17 053 867 €
        ("Käytettävissä olevat resurssit 2019", 2019, 1_456_694, -18_510_561, -17_053_867),
    ],
)
def test_seed_table_totals_reproduce(sample_url: str, budget: str, year: int, tuotot: int, kulut: int, kate: int):
    figure = _figure(sample_url, budget, year)
    assert (figure["toimintatuotot"], figure["toimintakulut"], figure["toimintakate"]) == (tuotot, kulut, kate)


def test_budgets_of_one_programme_are_kept_apart(sample_url: str):
    figures = budget_figures(queries.current_budget_lines(programme="tampere-seutu", url=sample_url))
    assert {(f["budget"], f["year"]) for f in figures} == {
        ("Työllisyydenhoito", 2017),
        ("Kehitysohjelman budjetti", 2017),
        ("Kehitysohjelman budjetti", 2018),
    }


def test_joista_remainder_is_reported_as_information(db_url: str):
    path = SAMPLE / "kuopio_resurssit_2019.csv"
    result = import_file(path.read_bytes(), path.name, url=db_url)
    remainders = [m for m in result.messages if m.key == "msg.remainder"]
    # seed 004: −18 510 561 − (−10 250 000 − 3 480 000 − 1 800 000 − 1 790 000 − 1 030 000 − 160 000) = −561
    assert [(m.severity, m.fields["difference"]) for m in remainders] == [("info", "−561\xa0€")]
    assert remainders[0].cell == "F7"
    assert result.status == "imported"


def test_one_thousand_rounding_difference_is_not_an_error(db_url: str):
    path = SAMPLE / "tampere_tyollisyydenhoito_vusu2017.csv"
    result = import_file(path.read_bytes(), path.name, url=db_url)
    # seed 000: sub-lines of toimintakulut add to −48 665 against −48 664 (1 000 €)
    findings = reconcile(result.lines)
    assert findings[["code", "difference", "finding"]].values.tolist() == [
        ["Toimintakulut", 100_000, "rounding"]
    ]  # 1 000 € in cents
    assert not [m for m in result.messages if m.severity in ("error", "warning")]


def test_members_mark_the_assumed_pilot_municipalities(sample_url: str):
    members = queries.programme_members("tampere-seutu", url=sample_url)
    assert len(members) == 10  # seed 000: "Pirkanmaan kokeilualueen 10 kuntaa"
    assert set(members[members["is_assumption"]]["code"]) == {"108", "790"}
