"""Money is checked, never wrapped: the one bound, hidden sheets, parent cycles, duplicate JSON keys, Kela areas and
months, text lengths. Every file here is hand-made and small; each test fails without its check (issue 15)."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from data_loaders.imports import import_file
from data_loaders.sample import load_municipalities
from db import queries
from db.tables import Base
from models.amounts import MAX_EUROS
from tests.conftest import SAMPLE
from tests.data_loaders import budget_workbooks as books
from tests.data_loaders.test_template import GOOD_ROWS, xlsx

DATA = Path(__file__).resolve().parents[1] / "data"
KELA_HEADER = (DATA / "kela_kunnittain_liitos.csv").read_text(encoding="utf-8").splitlines()[0]
WRAPPED = -92_233_720_368_547_758  # what 1e20 € became through the 64-bit wrap before the check


def errors(result) -> list:  # noqa: ANN001 - an ImportResult
    return [m for m in result.messages if m.severity == "error"]


# ---------------------------------------------------------------- one bound for every amount


@pytest.mark.parametrize("amount", [1e20, "1e20", "inf", -1e20, float(MAX_EUROS)], ids=str)
def test_a_ledger_amount_beyond_the_bound_is_refused_naming_its_cell(db_url: str, amount: object):
    rows = [list(row) for row in books.LEDGER_ROWS]
    rows[0][9] = amount  # J3: the first account row's TA 2019
    content = books.workbook({"Talousarvio": [["Tampere, euroa"], books.LEDGER_HEADER, *rows]})
    before = queries.table_counts(db_url)
    result = import_file(content, "paakirja.xlsx", url=db_url)
    assert result.status == "rejected"
    first = errors(result)[0]
    assert (first.key, first.sheet, first.cell) == ("msg.amount_out_of_bounds", "Talousarvio", "J3")
    assert "1\xa0000\xa0000\xa0000\xa0000 €" in first.text("fi") and "magnitude" in first.text("en")
    assert queries.table_counts(db_url) == before
    assert all(t["toimintakate"] != WRAPPED / 100 for t in result.totals)


def test_ledger_rows_that_add_up_beyond_the_bound_are_refused(db_url: str):
    # each row 6·10¹¹ € is within the bound; the two rows of one account add up to 1.2·10¹² €
    rows = [list(row) for row in books.LEDGER_ROWS[:2]]
    rows[1][6:8] = rows[0][6:8]  # the same account on both rows
    rows[0][9] = rows[1][9] = 6e11
    content = books.workbook({"Talousarvio": [["Tampere, euroa"], books.LEDGER_HEADER, *rows]})
    result = import_file(content, "summa.xlsx", url=db_url)
    assert result.status == "rejected"
    assert [m.key for m in errors(result)][:1] == ["msg.ledger_sum_out_of_bounds"]


@pytest.mark.parametrize(("amount", "cell"), [(1e20, "F2"), (-(10**15), "F2")])
def test_a_template_amount_beyond_the_bound_is_refused_naming_its_cell(db_url: str, amount: object, cell: str):
    rows = [["Toimintatuotot", None, "toimintatuotot", 2019, "TA", amount]]
    result = import_file(xlsx(rows), "iso.xlsx", url=db_url)
    assert result.status == "rejected"
    assert [(m.key, m.cell) for m in errors(result)][0] == ("msg.amount_out_of_bounds", cell)


def test_a_wide_table_amount_beyond_the_bound_is_refused_naming_its_cell(db_url: str):
    # 10⁹ in a "1 000 €" table is 10¹² €: the bound applies to euros, after the unit
    rows = [["Talousarvio 2019, 1 000 €"], ["", "TA 2019"], ["Toimintatuotot", 10**9], ["Toimintakulut", -900]]
    result = import_file(books.workbook({"TA": rows}), "laaja.xlsx", url=db_url)
    assert result.status == "rejected"
    assert [(m.key, m.cell) for m in errors(result)][0] == ("msg.amount_out_of_bounds", "B3")


def test_a_statfin_value_beyond_the_bound_is_refused(db_url: str):
    data = json.loads((DATA / "statfin_12r5_example.json").read_text(encoding="utf-8"))
    data["value"][0] = 1e20
    result = import_file(json.dumps(data).encode(), "iso.json", url=db_url)
    assert result.status == "rejected"
    assert "msg.amount_out_of_bounds" in [m.key for m in errors(result)]


# ---------------------------------------------------------------- hidden sheets


def _with_hidden(state: str) -> bytes:
    book = Workbook()
    shown = book.active
    shown.title = "Budjetti"
    for row in [["rivi", "ylärivi", "luokka", "vuosi", "skenaario", "summa"], *GOOD_ROWS]:
        shown.append(row)
    hidden = book.create_sheet("Salainen")
    hidden.append(["", "TA 2019"])
    hidden.append(["Toimintakulut", -5_000_000])
    hidden.sheet_state = state
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("state", ["hidden", "veryHidden"])
def test_hidden_sheets_are_not_read_and_the_preview_says_so(db_url: str, state: str):
    result = import_file(_with_hidden(state), "piilo.xlsx", dry_run=True, url=db_url)
    assert result.status == "imported"
    # the visible template alone: toimintakate −900 € (GOOD_ROWS); the hidden −5 000 000 € is not added
    assert [t["toimintakate"] for t in result.totals] == [-900.0]
    told = next(m for m in result.messages if m.key == "msg.hidden_sheets_left_out")
    assert told.severity == "warning" and "'Salainen'" in told.text("fi") and "left out" in told.text("en")


def every_sheet_hidden(content: bytes) -> bytes:
    """The workbook with its first (visible) sheet marked hidden in xl/workbook.xml, as Excel can save it."""
    source, target = zipfile.ZipFile(io.BytesIO(content)), io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
        for member in source.infolist():
            data = source.read(member.filename)
            if member.filename == "xl/workbook.xml":
                data = data.replace(b'sheetId="1" state="visible"', b'sheetId="1" state="hidden"')
            copy.writestr(member, data)
    return target.getvalue()


def test_a_workbook_of_hidden_sheets_only_is_refused(db_url: str):
    book = Workbook()
    book.active.append(["x"])
    book.create_sheet("Piilo").append(["", "TA 2019"])
    book["Piilo"].sheet_state = "veryHidden"
    buffer = io.BytesIO()
    book.save(buffer)  # openpyxl will not save a workbook without a visible sheet: hide the first one in its XML
    result = import_file(every_sheet_hidden(buffer.getvalue()), "kaikki_piilossa.xlsx", url=db_url)
    assert result.status == "rejected" and "msg.only_hidden_sheets" in [m.key for m in errors(result)]


# ---------------------------------------------------------------- parent cycles


@pytest.mark.parametrize(
    ("rows", "key", "cell", "named"),
    [
        # Excel rows 3 and 4 are each other's parent
        (
            [
                *GOOD_ROWS[:1],
                ["Tulot A", "Tulot B", "myyntituotot", 2019, "TA", 5],
                ["Tulot B", "Tulot A", None, 2019, "TA", 5],
            ],
            "msg.parent_cycle",
            "B3",
            "3, 4",
        ),
        ([*GOOD_ROWS, ["Itse", "Itse", "myyntituotot", 2019, "TA", 7]], "msg.self_parent", "B5", "Itse"),
    ],
    ids=["cycle", "self"],
)
def test_parent_cycles_and_self_parents_are_refused_naming_the_rows(db_url, rows, key, cell, named):
    result = import_file(xlsx(rows), "kehä.xlsx", url=db_url)
    assert result.status == "rejected"
    found = next(m for m in errors(result) if m.key == key)
    assert found.cell == cell and named in found.text("fi") and named in found.text("en")


# ---------------------------------------------------------------- duplicate JSON keys


def test_a_json_object_with_a_key_twice_is_refused_as_ambiguous(db_url: str):
    text = (DATA / "statfin_12r5_example.json").read_text(encoding="utf-8")
    doubled = text.replace('"value"', '"value": [1], "value"', 1)
    result = import_file(doubled.encode(), "kahdesti.json", url=db_url)
    assert result.status == "rejected"
    message = errors(result)[0]
    assert message.key == "msg.json_duplicate_key" and "'value'" in message.text("fi")


# ---------------------------------------------------------------- Kela areas and months


def _kela(url: str, *lines: str):
    return import_file("\n".join([KELA_HEADER, *lines, ""]).encode(), "kela.csv", url=url)


@pytest.mark.parametrize(
    ("code", "name", "accepted"),
    [
        ("837", "Tampere", True),  # in the register
        ("174", "Juankoski", True),  # merged into Kuopio 2017: an old code (municipality_mergers.csv)
        ("199", "Tuntematon", True),  # money of no municipality
        ("044", "44", True),  # ended before 2014: Kela names it by its number
        ("044", "Alahärmä", False),  # the same code with a name: not in the register
        ("996", "Keksitty", False),  # no such municipality (777 is Suomussalmi)
        ("83", "Tampere", False),  # 083: not a code of the register
    ],
)
def test_kela_area_codes_are_checked_against_the_register(db_url: str, code: str, name: str, accepted: bool):
    load_municipalities(SAMPLE, db_url)
    result = _kela(db_url, f"Kuukausi,1,201601,2016,{code},{name},25-29,Mies,Yhteensä,1,2,3.00,1.50")
    assert (result.status == "imported") is accepted, [m.text("fi") for m in result.messages]
    if not accepted:
        message = errors(result)[0]
        assert (message.key, message.cell) == ("msg.kela_unknown_area", "E2")


def test_kela_codes_are_not_checked_without_a_register_and_the_user_is_told(db_url: str):
    result = _kela(db_url, "Kuukausi,1,201601,2016,996,Keksitty,25-29,Mies,Yhteensä,1,2,3.00,1.50")
    assert result.status == "imported"
    assert "msg.kela_areas_not_checked" in [m.key for m in result.messages if m.severity == "warning"]


@pytest.mark.parametrize(
    ("period", "key"),
    [
        ("Kuukausi,13,201613,2016", "msg.kela_bad_month"),  # no 13th month
        ("Kuukausi,3.5,,2016", "msg.kela_bad_month"),  # half a month
        ("Kuukausi,2,201601,2016", "msg.kela_month_disagrees"),  # January by vuosikuukausi, February by number
        ("Kuukausi,1,201601,2017", "msg.kela_month_disagrees"),
        ("Vuosi,12,200512,2005", "msg.kela_regime_mismatch"),  # before Kela's first year rows (2006)
        ("Kuukausi,1,209901,2099", "msg.kela_future_month"),  # the 2025+ regime, but not yet
    ],
)
def test_kela_months_must_be_calendar_months_within_the_regime(db_url: str, period: str, key: str):
    header = KELA_HEADER
    if period.endswith("2099"):
        header = header.replace("tyomarkkinatukipaiva_luokka", "kertymapaiva_luokka")
    content = f"{header}\n{period},837,Tampere,25-29,Mies,Yhteensä,1,2,3.00,1.50\n"
    result = import_file(content.encode(), "kuukausi.csv", url=db_url)
    assert result.status == "rejected"
    assert (errors(result)[0].key, errors(result)[0].cell) == (key, "C2")


# ---------------------------------------------------------------- text lengths from the table definitions


def _limit(table: str, column: str) -> int:
    return Base.metadata.tables[table].columns[column].type.length


def test_a_template_line_name_longer_than_its_column_is_refused_naming_the_cell(db_url: str):
    name = "Toimintatuotot " + "x" * _limit("budget_line", "name")
    rows = [["Toimintakate", None, "toimintakate", 2019, "TA", -900], [name, None, "toimintatuotot", 2019, "TA", 1]]
    result = import_file(xlsx(rows), "pitka.xlsx", url=db_url)
    assert result.status == "rejected"
    # the name is its line's code too when the template has no tunnus column: both limits are named
    texts = [m.text("fi") for m in errors(result) if m.key == "msg.text_too_long" and m.cell == "A3"]
    assert any(f"enintään {_limit('budget_line', 'name')}" in text for text in texts)
    assert any(f"enintään {_limit('budget_line', 'code')}" in text for text in texts)


def test_a_ledger_group_longer_than_a_code_is_refused_naming_its_row(db_url: str):
    rows = [list(row) for row in books.LEDGER_ROWS[:1]]
    rows[0][6] = "Palvelujen ostot " + "y" * _limit("budget_line", "parent_code")
    content = books.workbook({"Talousarvio": [["Tampere, euroa"], books.LEDGER_HEADER, *rows]})
    result = import_file(content, "ryhma.xlsx", url=db_url)
    assert result.status == "rejected"
    assert any(m.key == "msg.text_too_long" and m.row == 3 for m in errors(result))


def test_a_kela_text_longer_than_its_column_is_refused_naming_the_cell(db_url: str):
    age = "25-29" + "9" * _limit("kela_kuntaosuus", "ikaryhma")
    result = _kela(db_url, f"Kuukausi,1,201601,2016,837,Tampere,{age},Mies,Yhteensä,1,2,3.00,1.50")
    assert result.status == "rejected"
    assert [(m.key, m.cell) for m in errors(result)][0] == ("msg.text_too_long", "G2")


def test_a_statfin_area_code_longer_than_its_column_is_refused(db_url: str):
    data = json.loads((DATA / "statfin_12r5_example.json").read_text(encoding="utf-8"))
    area = next(d for d in data["dimension"].values() if d.get("category", {}).get("index") and "KU" in str(d))
    index = area["category"]["index"]
    old = next(iter(index)) if isinstance(index, dict) else index[0]
    long = "KU" + "8" * _limit("statfin_observation", "area_code")
    text = json.dumps(data).replace(f'"{old}"', f'"{long}"')
    result = import_file(text.encode(), "alue.json", url=db_url)
    assert result.status == "rejected"
    assert "msg.text_too_long" in [m.key for m in errors(result)]
