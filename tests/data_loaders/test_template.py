"""The template loader: one transaction, one version; bad files rejected, named and harmless."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook

from data_loaders import template
from data_loaders.imports import import_file
from data_loaders.template import lines_workbook, template_workbook
from data_loaders.workbook import read_grids
from db import queries
from tests.conftest import SAMPLE

HEADER = ["rivi", "ylärivi", "luokka", "vuosi", "skenaario", "summa"]
GOOD_ROWS = [
    ["Toimintakate", None, "toimintakate", 2019, "TA", -900],
    ["Toimintatuotot", "Toimintakate", "toimintatuotot", 2019, "TA", 100],
    ["Toimintakulut", "Toimintakate", "toimintakulut", 2019, "TA", -1000],
]


def xlsx(rows: list[list[object]], header: list[str] = HEADER, title: str | None = None) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Budjetti"
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    if title:
        workbook.properties.title = title
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_template_round_trip_gives_the_same_figures(db_url: str):
    source = SAMPLE / "tampere_kehitysohjelma_2017_2018.csv"
    first = import_file(source.read_bytes(), source.name, budget="Kehitys", url=db_url)
    lines = first.lines.assign(parent_name=first.lines["parent"])
    again = import_file(lines_workbook(lines), "kehitys.xlsx", budget="Kehitys (xlsx)", url=db_url)
    assert again.status == "imported"
    # seed 000: −800 (2017) and −1 000 (2018) × 1 000 €, both ways
    assert (
        [t["toimintakate"] for t in again.totals] == [t["toimintakate"] for t in first.totals] == [-800_000, -1_000_000]
    )


def test_same_file_again_is_unchanged(db_url: str):
    content = xlsx(GOOD_ROWS)
    first = import_file(content, "b.xlsx", url=db_url)
    before = queries.table_counts(db_url)
    second = import_file(content, "b.xlsx", url=db_url)
    assert (first.status, second.status, second.version) == ("imported", "unchanged", first.version)
    assert queries.table_counts(db_url) == before


def test_new_file_for_same_year_and_scenario_becomes_current_and_old_is_kept(db_url: str):
    import_file(xlsx(GOOD_ROWS), "b.xlsx", budget="B", url=db_url)
    revised = [row[:5] + [row[5] * 2] for row in GOOD_ROWS]
    second = import_file(xlsx(revised), "b2.xlsx", budget="B", url=db_url)
    current = queries.current_budget_lines(budget="B", url=db_url)
    assert set(current["version"]) == {second.version}
    assert current.set_index("code").loc["Toimintakate", "amount_cents"] == -180_000  # −900 × 2 € in cents
    assert len(queries.import_versions(url=db_url)) == 2


def test_workbook_title_names_the_budget(db_url: str):
    result = import_file(xlsx(GOOD_ROWS, title="Työllisyyspalvelut 2019"), "tp.xlsx", url=db_url)
    assert result.budget == "Työllisyyspalvelut 2019"
    assert result.programme == "oletus"  # an empty database gets a default programme


def test_template_download_has_instructions_and_is_accepted_when_filled():
    workbook = load_workbook(io.BytesIO(template_workbook()))
    assert workbook.sheetnames == ["Budjetti", "Ohjeet"]
    assert [c.value for c in workbook["Budjetti"][1]][:6] == HEADER


def _bad_files() -> list[tuple[str, bytes, str, str | None, str | None]]:
    missing_column = xlsx([row[:5] for row in GOOD_ROWS], header=HEADER[:5])
    text_amount = xlsx([*GOOD_ROWS[:2], [*GOOD_ROWS[2][:5], "paljon"]])
    unknown_scenario = xlsx([*GOOD_ROWS[:2], [*GOOD_ROWS[2][:4], "toive", -1000]])
    return [
        # (name, content, Finnish text expected, sheet, cell)
        ("missing-column.xlsx", missing_column, "Sarake puuttuu: summa.", "Budjetti", None),
        (
            "text-amount.xlsx",
            text_amount,
            "Taulukko 'Budjetti', rivi 4, sarake F: Sarakkeessa 'summa' pitää olla luku; nyt 'paljon'.",
            "Budjetti",
            "F4",
        ),
        (
            "unknown-scenario.xlsx",
            unknown_scenario,
            "Taulukko 'Budjetti', rivi 4, sarake E: Tuntematon skenaario 'toive'",
            "Budjetti",
            "E4",
        ),
        ("empty.xlsx", b"", "Tiedosto on tyhjä.", None, None),
        (
            "not-a-workbook.xlsx",
            b"PK\x03\x04 this is not a zip archive at all",
            "Tiedosto on katkennut tai vioittunut",
            None,
            None,
        ),
        ("picture.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "Tiedosto ei ole Excel-työkirja", None, None),
    ]


@pytest.mark.parametrize(
    ("name", "content", "text", "sheet", "cell"),
    _bad_files(),
    ids=lambda v: v if isinstance(v, str) and "." in v else "",
)
def test_bad_file_is_rejected_named_and_changes_nothing(sample_url: str, name, content, text, sheet, cell):
    before = queries.table_counts(sample_url)
    result = import_file(content, name, url=sample_url)
    errors = [m for m in result.messages if m.severity == "error"]
    assert result.status == "rejected"
    assert any(text in m.text("fi") for m in errors), [m.text("fi") for m in errors]
    assert errors[0].sheet == sheet and errors[0].cell == cell
    assert queries.table_counts(sample_url) == before


def test_rejection_speaks_english_when_asked(db_url: str):
    result = import_file(xlsx([*GOOD_ROWS[:2], [*GOOD_ROWS[2][:5], "lots"]]), "x.xlsx", url=db_url)
    assert (
        result.messages[0].text("en")
        == "Sheet 'Budjetti', row 4, column F: The column 'summa' must hold a number; it holds 'lots'."
    )


def test_unknown_parent_and_missing_category_are_named(db_url: str):
    rows = [
        ["Toimintakate", None, "toimintakate", 2019, "TA", -900],
        ["Orpo", "Ei ole", "palvelujen_ostot", 2019, "TA", -1],
        ["Luokaton", None, None, 2019, "TA", -1],
    ]
    result = import_file(xlsx(rows), "x.xlsx", url=db_url)
    assert result.status == "rejected"
    assert [m.cell for m in result.messages if m.severity == "error"][:1] == ["B3"]  # the ylärivi column


def test_dry_run_writes_nothing(db_url: str):
    before = queries.table_counts(db_url)
    result = import_file(xlsx(GOOD_ROWS), "b.xlsx", dry_run=True, url=db_url)
    assert (result.status, result.version, result.rows_imported) == ("imported", None, 3)
    assert queries.table_counts(db_url) == before


def test_rows_read_equal_imported_plus_rejected(db_url: str):
    result = import_file(xlsx([*GOOD_ROWS, [None] * 6]), "b.xlsx", url=db_url)
    assert result.rows_read == result.rows_imported + result.rows_rejected == 3


def test_finnish_text_amounts_and_units_are_scaled_exactly(db_url: str):
    rows = [
        ["Toimintakate", None, "toimintakate", 2017, "VUSU", "−43\u00a0732"],
        ["Toimintatuotot", "Toimintakate", "toimintatuotot", 2017, "VUSU", "4 932"],
        ["Toimintakulut", "Toimintakate", "toimintakulut", 2017, "VUSU", "-48 664"],
    ]
    content = xlsx([row + ["1 000 €"] for row in rows], header=[*HEADER, "yksikkö"])
    result = import_file(content, "t.xlsx", url=db_url)
    assert result.totals == [
        {
            "year": 2017,
            "scenario": "budget",
            "toimintatuotot": 4_932_000.0,
            "toimintakulut": -48_664_000.0,
            "toimintakate": -43_732_000.0,
        }
    ]
    stored = queries.current_budget_lines(url=db_url)
    assert (
        stored["amount_cents"].dtype == "int64" and stored["amount_cents"].sum() == (-43_732 + 4_932 - 48_664) * 100_000
    )


def test_csv_with_semicolons_is_read_like_the_workbook(db_url: str):
    text = "rivi;ylärivi;luokka;vuosi;skenaario;summa\n" + "\n".join(
        ";".join("" if v is None else str(v) for v in row) for row in GOOD_ROWS
    )
    result = import_file(text.encode("utf-8"), "b.csv", url=db_url)
    assert pd.DataFrame(result.totals)["toimintakate"].tolist() == [-900.0]


def test_line_without_category_or_parent_is_named_in_the_luokka_column(db_url: str):
    rows = [["Toimintakate", None, "toimintakate", 2019, "TA", -900], ["Luokaton", None, None, 2019, "TA", -1]]
    result = import_file(xlsx(rows), "x.xlsx", url=db_url)
    errors = [m for m in result.messages if m.severity == "error"]
    assert (result.status, errors[0].cell, errors[0].key) == ("rejected", "C3", "msg.no_category")


@pytest.mark.parametrize(
    ("word", "partial"),
    [("joista", True), ("Josta", True), ("of which", True), ("partial", True), ("", False), ("kaikki", False)],
)
def test_the_breakdown_column_marks_a_partial_breakdown_by_the_words_of_line_markers(word: str, partial: bool):
    rows = [row + [None] for row in GOOD_ROWS]
    rows[2][-1] = word
    parsed = template.parse(read_grids(xlsx(rows, header=[*HEADER, "erittely"]), "b.xlsx"), "b.xlsx")
    assert parsed.lines.set_index("name")["partial"].to_dict() == {
        "Toimintakate": False,
        "Toimintatuotot": False,
        "Toimintakulut": partial,
    }


def test_the_template_and_its_messages_use_each_columns_finnish_heading():
    sheet = load_workbook(io.BytesIO(template_workbook()))["Budjetti"]
    assert [cell.value for cell in sheet[1]] == [*HEADER, "yksikkö", "erittely"]
    parsed = template.parse(read_grids(xlsx(GOOD_ROWS, header=HEADER[:4]), "b.xlsx"), "b.xlsx")
    assert [(m.key, m.fields["columns"]) for m in parsed.messages] == [("msg.missing_columns", "skenaario, summa")]
