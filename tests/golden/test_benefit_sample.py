"""The synthetic benefit sample agrees with the seeds, and ``mittari figures --json`` reports it."""

from __future__ import annotations

import json

from data_loaders.sample import load_sample
from db import queries
from models.savings import kuntaosuus_totals
from tests.conftest import SAMPLE
from tests.test_cli import mittari


def yearly_kuntaosuus(url: str) -> dict[tuple[str, int], int]:
    totals = kuntaosuus_totals(queries.kela_kuntaosuus(url=url), queries.municipality_mergers(url))
    grouped = totals.groupby(["municipality", totals["month"].dt.year])["kuntaosuus_cents"].sum()
    return {(code, int(year)): int(cents) for (code, year), cents in grouped.items()}


def test_sample_kuntaosuus_matches_the_seeds(sample_url: str):
    yearly = yearly_kuntaosuus(sample_url)
    assert yearly[("837", 2016)] == 32_219_400_00  # seed 000: −966 582 € is 3 % of it
    assert yearly[("297", 2019)] == 10_250_000_00  # seed 004, Table 2: työmarkkinatuen kuntaosuus 2019
    # Kuopio's 2016 on today's boundaries includes Juankoski (174), merged on 1.1.2017.
    assert ("174", 2016) not in yearly and yearly[("297", 2016)] == 10_650_000_00


def test_sample_loads_the_benefit_register_and_again_changes_nothing(sample_url: str):
    targets = queries.benefit_targets(url=sample_url)
    assert targets.groupby("programme").size().to_dict() == {"kuopio": 6, "tampere-seutu": 4}
    before = queries.table_counts(sample_url)
    assert {result.status for result in load_sample(SAMPLE, sample_url)} == {"unchanged"}
    assert queries.table_counts(sample_url) == before


def test_figures_json_has_savings_and_unemployment(sample_url: str):
    result = mittari(sample_url, "figures", "--json")
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    savings = {(row["municipality"], row["programme"], row["year"]): row for row in figures["savings"]}
    tampere = savings[("837", "tampere-seutu", 2018)]
    assert (tampere["baseline_eur"], tampere["target_pct"], tampere["baseline_year"]) == (32_219_400.0, 3.0, 2016)
    assert tampere["savings_eur"] == round(32_219_400.0 - tampere["actual_eur"], 2)
    assert ("297", "kuopio", 2019) in savings and (None, "tampere-seutu", 2018) in savings
    fields = {"area", "month", "indicator", "value", "baseline_value", "change_pct"}
    assert figures["unemployment"] and set(figures["unemployment"][0]) == fields
    assert {row["area"] for row in figures["unemployment"]} >= {"KU837", "KU297", "SSS"}
