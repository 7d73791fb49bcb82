"""A budget is named by --budget or the field, else by the workbook's own title, else by the file name;
a budget whose years fall outside the programme's period is warned of before it is imported."""

from __future__ import annotations

import pytest

from data_loaders.imports import import_file
from tests.data_loaders.budget_workbooks import KUOPIO_ROWS, workbook

TITLE_ROW = KUOPIO_ROWS[0][0]  # seed 004, Taulukko 2's own title above the table


def test_an_upload_names_the_budget_by_the_title_row_of_a_workbook_without_a_document_title(sample_url):
    content = workbook({"Resurssit 2019": KUOPIO_ROWS})  # no title in the document properties
    result = import_file(content, "lataus_123.xlsx", programme="kuopio", dry_run=True, url=sample_url)
    assert result.budget == TITLE_ROW


def test_the_name_given_wins_over_the_workbooks_title(sample_url):
    content = workbook({"Resurssit 2019": KUOPIO_ROWS})
    result = import_file(content, "x.xlsx", programme="kuopio", budget="Oma nimi", dry_run=True, url=sample_url)
    assert result.budget == "Oma nimi"


@pytest.mark.parametrize(
    ("programme", "warned"),
    [
        ("tampere-seutu", True),  # sample_data/programmes.json: Tampere's pilot runs 2017–2018; the budget is 2019
        ("kuopio", False),  # Kuopio's programme runs to 31.12.2020
    ],
)
def test_a_budget_outside_the_programmes_period_is_warned_of_in_the_preview(sample_url, programme, warned):
    content = workbook({"Resurssit 2019": KUOPIO_ROWS})
    result = import_file(content, "k.xlsx", programme=programme, budget="Testi", dry_run=True, url=sample_url)
    found = [m for m in result.messages if m.key == "msg.years_outside_programme"]
    assert bool(found) == warned
    if warned:
        assert found[0].severity == "warning" and "2019" in found[0].text("fi") and "2017–2018" in found[0].text("fi")
        assert result.status == "imported"  # a dry run that would import: the user confirms it
