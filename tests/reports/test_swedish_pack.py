"""The steering group's pack in Swedish: the page's words, the workbook and the PDF's markup (sv-FI numbers)."""

from __future__ import annotations

import re
from io import BytesIO

from openpyxl import load_workbook

from i18n import t
from reports.pdf import footer_html, pack_html
from reports.quarterly import live_pack
from reports.text import headline_rows, target_text
from reports.workbook import pack_workbook
from tests.reports.conftest import THRESHOLDS


def _plain(text: str) -> str:
    return re.sub(r"[\s\u00a0\u202f]+", " ", text)


def test_the_first_line_is_swedish_with_finland_swedish_numbers(sample_url: str):
    # Tampere 2018: a saving of 3,3 % against 2016 met the −3 % target (tests/reports/test_board_pack.py)
    line = _plain(target_text(live_pack("tampere-seutu", "2018Q4", sample_url, thresholds=THRESHOLDS), "sv"))
    assert line.startswith("Mål: kommunens finansieringsandel av arbetsmarknadsstödet −3 % jämfört med basåret 2016")
    assert "senast 31.12.2018" in line and "Status: Uppnått." in line
    assert "uppnådde målet" in line and "(3,3 %)" in line


def test_headline_figures_are_named_in_swedish_with_euros_after_the_number(sample_url: str):
    rows = headline_rows(live_pack("kuopio", "2019Q4", sample_url, thresholds=THRESHOLDS), "sv")
    deviation = next(r for r in rows if r[0].startswith("Verksamhetsbidrag: utfall − plan"))
    assert deviation[2] == "−276\xa0133\xa0€"


def test_the_workbook_has_swedish_sheets_and_headers(sample_url: str):
    book = load_workbook(BytesIO(pack_workbook(live_pack("kuopio", "2019Q4", sample_url, thresholds=THRESHOLDS), "sv")))
    assert t("pack.sheet.summary", "sv") in book.sheetnames
    assert t("pack.sheet.measures", "sv") in book.sheetnames
    headers = {cell.value for sheet in book.worksheets for cell in sheet[1] if isinstance(cell.value, str)}
    finnish = {t(f"pack.col.{name}", "fi") for name in ("item", "info", "likelihood", "impact", "measure")}
    assert not headers & finnish, headers & finnish
    assert {"Sannolikhet, 1–5", "Konsekvens, 1–5", "Kostnadstak, €"} <= headers


def test_the_pdf_markup_is_swedish(sample_url: str):
    pack = live_pack("kuopio", "2019Q4", sample_url, thresholds=THRESHOLDS)
    html = pack_html(pack, "sv")
    assert '<html lang="sv"' in html
    assert "Styrgruppens kvartalsrapport" in html and "Ohjausryhmän" not in html
    footer = footer_html(pack, "sv")
    assert "utskriven" in footer and "Sida" in footer
