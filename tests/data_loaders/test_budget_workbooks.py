"""Real budget workbooks: wide tables and ledgers in their layouts, each with its totals and messages."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pandas as pd
import pytest

from data_loaders import ledger
from data_loaders.imports import BUDGET_KINDS, import_file
from data_loaders.workbook import read_grids
from db import queries
from models.figures import toimintakate_euros
from tests.conftest import ROOT
from tests.data_loaders import budget_workbooks as books

# (builder, kind, [(year, scenario, toimintatuotot, toimintakulut, toimintakate) in euros], messages)
# where messages are (severity, key, cell) that must be among the import's messages.
LAYOUTS = [
    pytest.param(
        books.vusu_2017,
        "budget_wide",
        # seed 000 p. 2: 4 932, −48 664, −43 732 (× 1 000 €)
        [(2017, "budget", 4_932_000, -48_664_000, -43_732_000)],
        [
            ("info", "msg.unit_read", "A1"),  # "1.000" in the title
            ("info", "msg.rounding", "B11"),  # seed 000: sub-lines of toimintakulut add to −48 665
            ("info", "msg.blank_amount", "B7"),  # Maksutuotot is blank in the seed
            ("info", "msg.hierarchy_flat", None),
        ],
        id="seed-000-vusu-2017-title-rows-unit-in-title-flat-jhs-names",
    ),
    pytest.param(
        books.development_programme,
        "budget_wide",
        # seed 000 p. 2: "VAIKUTUS TOIMINTAKATTEESEEN" −800 (2017) and −1 000 (2018), 1 000 €
        [(2017, "budget", 0, -800_000, -800_000), (2018, "budget", 0, -1_000_000, -1_000_000)],
        [
            ("info", "msg.hierarchy_indent", None),
            ("info", "msg.scenario_from_title", "B3"),  # bare 2017 takes "BUDJETTI" of the title
            ("info", "msg.category_by_sign", "A14"),  # "Varautuminen toiminnan kehittämiseen"
            ("info", "msg.blank_amount", "C6"),  # seed 000: Kalustus 2018 blank, read as zero
        ],
        id="seed-000-development-programme-two-years-indent-by-format-blank-cells",
    ),
    pytest.param(
        books.kuopio_2019,
        "budget_wide",
        # seed 004, Taulukko 2: 1 456 694, −18 510 561, −17 053 867 €
        [(2019, "budget", 1_456_694, -18_510_561, -17_053_867)],
        [
            ("info", "msg.remainder", "B7"),  # seed 004: the joista lines leave −561 € unexplained
            ("info", "msg.scenario_default", "B2"),
        ],
        id="seed-004-kuopio-joista-lines-euros",
    ),
    pytest.param(
        books.spaces_and_totals,
        "budget_wide",
        # the workbook's own Yhteensä rows: 2 120 and −4 650 (TP 2018), 2 230 and −4 960 (TA 2019), t€
        [(2018, "actual", 2_120_000, -4_650_000, -2_530_000), (2019, "budget", 2_230_000, -4_960_000, -2_730_000)],
        [("info", "msg.hierarchy_spaces", None)],
        id="leading-spaces-yhteensa-under-headings-unit-in-headings",
    ),
    pytest.param(
        books.yhteensa_without_heading,
        "budget_wide",
        # the Yhteensä rows 1 500 and −5 000 €, the margin −3 500 €
        [(2020, "budget", 1_500, -5_000, -3_500)],
        [("info", "msg.unit_read", "A1")],
        id="yhteensa-rows-total-the-lines-above-them",
    ),
    pytest.param(
        books.outline_levels,
        "budget_wide",
        # Operating income 60 / 70, expenses −1 000 / −1 030, margin −940 / −960 (1000 EUR)
        [(2018, "actual", 60_000, -1_000_000, -940_000), (2019, "budget", 70_000, -1_030_000, -960_000)],
        [("info", "msg.hierarchy_outline", None), ("info", "msg.unit_read", "A1")],
        id="outline-levels-summary-below-english-headings",
    ),
    pytest.param(
        books.text_numbers,
        "budget_wide",
        # "1 234,5" k€ = 1 234 500 €; costs "5 000,25" k€ written positive are stored −5 000 250 €
        [
            (2020, "revised_budget", 1_200_000, -4_900_000, -3_700_000),
            (2020, "forecast", 1_234_500, -5_000_250, -3_765_750),
        ],
        [("info", "msg.costs_made_negative", None), ("info", "msg.unit_read", "A2")],
        id="finnish-text-numbers-minus-sign-nbsp-decimal-comma-positive-costs",
    ),
    pytest.param(
        books.several_sheets,
        "budget_wide",
        # each sheet's own Toimintakate row
        [
            (2018, "actual", 100, -900, -800),
            (2019, "budget", 110, -1_000, -890),
            (2019, "forecast", 120, -980, -860),
        ],
        [("info", "msg.sheet_skipped", None)],  # the instructions sheet
        id="several-sheets-one-budget",
    ),
    pytest.param(
        books.ledger_extract,
        "budget_ledger",
        # LEDGER_ROWS by hand, signs turned: TA 2019 income 1 500 + 2 000,50; costs 5 000,25 + 1 200 + 3 100 + 1 200
        [(2018, "actual", 3_100, -8_450, -5_350), (2019, "budget", 3_500.50, -10_500.25, -6_999.75)],
        [
            ("info", "msg.ledger_left_out", "H11"),  # 690000 and 510000: not operating accounts
            ("warning", "msg.ledger_no_account", "H13"),  # the extract's own total row
            ("info", "msg.costs_made_negative", None),
            ("info", "msg.income_made_positive", None),
        ],
        id="ledger-extract-accounts-by-ranges",
    ),
]


@pytest.mark.parametrize(("build", "kind", "totals", "messages"), LAYOUTS)
def test_layout_gives_its_totals_and_messages(db_url: str, build, kind, totals, messages):
    result = import_file(build(), f"{build.__name__}.xlsx", budget=build.__name__, url=db_url)
    assert (result.status, result.kind) == ("imported", kind), [m.text() for m in result.messages]
    assert [_figures(total) for total in result.totals] == totals
    found = {(m.severity, m.key, m.cell) for m in result.messages} | {
        (m.severity, m.key, None) for m in result.messages
    }
    assert set(messages) <= found, [(m.severity, m.key, m.cell) for m in result.messages]
    assert not [m for m in result.messages if m.severity == "error"]
    assert result.rows_read == result.rows_imported + result.rows_rejected


@pytest.mark.parametrize(("build", "kind", "totals", "messages"), LAYOUTS)
def test_stored_lines_give_the_same_totals_and_keep_their_source(db_url: str, build, kind, totals, messages):
    import_file(build(), "wb.xlsx", budget="B", url=db_url)
    lines = queries.current_budget_lines(budget="B", url=db_url)
    assert [_figures(total) for total in toimintakate_euros(lines)] == totals
    assert lines["source_cell"].notna().all() and set(lines["source_file"]) == {"wb.xlsx"}


def _figures(total: dict) -> tuple:
    return tuple(total[k] for k in ("year", "scenario", "toimintatuotot", "toimintakulut", "toimintakate"))


def _parsed(build) -> pd.DataFrame:
    grids = read_grids(build(), "wb.xlsx")
    kind = next(kind for kind in BUDGET_KINDS if kind.detect(grids))
    return kind.parse(grids, "wb.xlsx").lines


@pytest.mark.parametrize(
    ("build", "line", "parent", "category"),
    [
        # the seed's three groups sit under the margin line, their items under them
        (books.development_programme, "Kalustus", "Toimipistekulut", "toimintakulut"),
        (books.development_programme, "Tilavuokrat", "Toimipistekulut", "vuokrakulut"),
        (books.development_programme, "Toimipistekulut", "VAIKUTUS TOIMINTAKATTEESEEN", "toimintakulut"),
        # a joista line owns the lines below it
        (books.kuopio_2019, "työllisyyshankkeet", "Toimintakulut", "toimintakulut"),
        (books.kuopio_2019, "palkkatuki", "Toimintatuotot", "tuet_ja_avustukset"),
        (books.kuopio_2019, "Toimintakulut", "Toimintakate", "toimintakulut"),
        # flat JHS names nest by the JHS 192 tree
        (books.vusu_2017, "Eläkekulut", "Henkilösivukulut", "elakekulut"),
        (books.vusu_2017, "Palvelujen ostot", "Toimintakulut", "palvelujen_ostot"),
        # leading spaces, and a Yhteensä row read as its heading's amount
        (books.spaces_and_totals, "Palkat ja palkkiot", "Henkilöstökulut", "palkat_ja_palkkiot"),
        (books.spaces_and_totals, "Myyntituotot", "Toimintatuotot", "myyntituotot"),
        # outline levels summarised below: the summary row is the parent
        (books.outline_levels, "Sales", "Operating income", "myyntituotot"),
        (books.outline_levels, "Operating expenses", "Operating margin", "toimintakulut"),
    ],
)
def test_hierarchy_is_read_from_the_layout(build, line, parent, category):
    lines = _parsed(build)
    found = lines[lines["name"] == line].iloc[0]
    names = dict(zip(lines["code"], lines["name"]))
    assert (names.get(found["parent"]), found["category"]) == (parent, category)


def test_joista_parent_is_a_partial_breakdown():
    lines = _parsed(books.kuopio_2019)
    assert set(lines.loc[lines["partial"], "name"]) == {"Toimintatuotot", "Toimintakulut"}


def test_yhteensa_row_under_a_heading_is_the_headings_amount_not_a_line():
    lines = _parsed(books.spaces_and_totals)
    heading = lines[(lines["name"] == "Toimintatuotot") & (lines["year"] == 2019)].iloc[0]
    # "  Yhteensä 2 230" (t€) in row 7 is the amount of the heading "Toimintatuotot" in row 4
    assert (heading["amount_cents"], heading["source_cell"]) == (223_000_000, "C7")
    assert "Yhteensä" not in set(lines["name"])


def test_yhteensa_row_without_heading_becomes_the_parent_of_what_it_totals():
    lines = _parsed(books.yhteensa_without_heading)
    totals = lines[lines["name"].str.startswith("Yhteensä")].sort_values("row")
    assert totals["category"].tolist() == ["toimintatuotot", "toimintakulut"]
    children = lines[lines["parent"].isin(totals["code"])].sort_values("row")["name"].tolist()
    assert children == ["Myyntituotot", "Maksutuotot", "Palvelujen ostot", "Vuokrakulut"]


BROKEN = [
    # (builder, message key, sheet, cell, Finnish text expected in the message)
    (books.formula_without_value, "msg.formula_without_value", "TA", "B5", "kaava ilman laskettua arvoa"),
    (books.text_in_amount, "msg.not_a_number", "TA", "B4", "Sarakkeessa 'TA 2019' pitää olla luku; nyt 'paljon'"),
    (books.duplicate_columns, "msg.duplicate_period", "TA", "C2", "ovat jo sarakkeessa B2"),
    (books.no_budget_table, "msg.unknown_budget_kind", "Muistio", None, "Tiedoston lajia ei tunnistettu"),
]


@pytest.mark.parametrize(("build", "key", "sheet", "cell", "text"), BROKEN, ids=[b[0].__name__ for b in BROKEN])
def test_broken_workbook_is_rejected_named_and_changes_nothing(sample_url: str, build, key, sheet, cell, text):
    before = queries.table_counts(sample_url)
    result = import_file(build(), "broken.xlsx", programme="tampere-seutu", url=sample_url)
    errors = [m for m in result.messages if m.severity == "error"]
    assert result.status == "rejected"
    assert (errors[0].key, errors[0].sheet, errors[0].cell) == (key, sheet, cell)
    assert text in errors[0].text("fi")
    assert queries.table_counts(sample_url) == before


def test_ledger_rows_read_are_imported_plus_left_out():
    # LEDGER_ROWS: 11 rows with amounts; 690000, 510000 and the total row are left out
    parsed = ledger.parse(read_grids(books.ledger_extract(), "l.xlsx"), "l.xlsx")
    assert (parsed.rows_read, parsed.rows_imported, parsed.rows_rejected) == (11, 8, 3)


def test_mittari_import_detects_a_wide_table_and_names_sheet_and_cell(db_url: str, tmp_path):
    path = tmp_path / "kuopio.xlsx"
    path.write_bytes(books.kuopio_2019())
    env = {**os.environ, "DATABASE_URL": db_url}
    run = subprocess.run(
        [sys.executable, str(ROOT / "cli.py"), "import", str(path), "--json"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    # seed 004: toimintakate −17 053 867 €; the joista remainder is told at the Toimintakulut amount
    assert (report["kind"], report["totals"][0]["toimintakate"]) == ("budget_wide", -17053867.0)
    remainder = next(m for m in report["messages"] if "erittelemättä" in m["text"])
    assert (remainder["sheet"], remainder["cell"]) == ("Resurssit 2019", "B7")
